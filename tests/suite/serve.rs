//! `folio serve`: the dev server answers from memory, refuses to leave the site, rebuilds on edits,
//! pushes reload events, and survives broken edits with an overlay.

use crate::support;

use folio::serve::{start, RunningServer, ServeEvent, ServeOptions};
use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use support::serve::{get, request, serve};
use support::site::{assert_contains, assert_lacks, TestSite};

fn site() -> TestSite {
    let site = TestSite::new();
    site.page("_index.md", "title: Home", "Welcome.\n")
        .page("kb/setup/start.md", "title: Start", "Original text.\n")
        .page("blog/wip.md", "title: WIP\ndraft: true", "Not yet.\n")
        .file("static/files/guide.txt", "plain text");
    site
}

/// Waits until `check` holds for the page at `target`.
fn wait_for_page(server: &RunningServer, target: &str, check: impl Fn(&str) -> bool) -> String {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let body = get(server, target).body;
        if check(&body) {
            return body;
        }
        assert!(Instant::now() < deadline, "page {target} never changed as expected; last:\n{body}");
        std::thread::sleep(Duration::from_millis(30));
    }
}

#[test]
fn serves_pages_with_types_redirects_head_and_404() {
    let site = site();
    let (server, _) = serve(&site, false);
    let page = get(&server, "/kb/setup/start/");
    assert_eq!(page.status, 200);
    assert_contains(&page.head, &["Content-Type: text/html; charset=utf-8", "Cache-Control: no-store"]);
    assert_contains(&page.body, &["Original text.", "<script src=\"/__folio/live.js?since="]);

    let redirect = get(&server, "/kb/setup/start");
    assert_eq!(redirect.status, 302);
    assert_contains(&redirect.head, &["Location: /kb/setup/start/"]);

    let css = get(&server, "/folio.css");
    assert_contains(&css.head, &["Content-Type: text/css; charset=utf-8"]);
    assert_eq!(get(&server, "/files/guide.txt").body, "plain text");

    let head = request(&server, "HEAD", "/kb/setup/start/");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());

    let missing = get(&server, "/no/such/page/");
    assert_eq!(missing.status, 404);
    assert_contains(&missing.body, &["<html"]);
    server.stop();
}

#[test]
fn nothing_outside_the_site_is_served() {
    let site = site();
    let (server, _) = serve(&site, false);
    for target in [
        "/../site.yaml",
        "/%2e%2e/site.yaml",
        "/%2e%2e%2fsite.yaml",
        "/files/..%5c..%5csite.yaml",
        "/files/..\\..\\site.yaml",
        "//etc/passwd",
        "/etc/passwd",
        "/content/kb/setup/start.md",
    ] {
        let reply = get(&server, target);
        assert_eq!(reply.status, 404, "{target}");
        assert_lacks(&reply.body, &["base_url"]);
    }
    server.stop();
}

#[cfg(unix)]
#[test]
fn a_symlink_swapped_in_after_the_build_is_not_followed() {
    let site = site();
    let (server, _) = serve(&site, false);
    let outside = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(outside.path(), "secret").unwrap();
    // Replace the published file by a link leaving the site, faster than the watcher rebuilds.
    std::fs::remove_file(site.path("static/files/guide.txt")).unwrap();
    std::os::unix::fs::symlink(outside.path(), site.path("static/files/guide.txt")).unwrap();
    let reply = get(&server, "/files/guide.txt");
    assert_lacks(&reply.body, &["secret"]);
    server.stop();
}

/// Reads server-sent events until one named `name` arrives.
fn wait_for_event(lines: &mut impl BufRead, name: &str) {
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut line = String::new();
    while Instant::now() < deadline {
        line.clear();
        if lines.read_line(&mut line).unwrap_or(0) == 0 {
            panic!("event stream closed before `{name}`");
        }
        if line.trim_end() == format!("event: {name}") {
            return;
        }
    }
    panic!("no `{name}` event within 10 s");
}

fn open_events(server: &RunningServer) -> BufReader<TcpStream> {
    open_events_since(server, "")
}

fn open_events_since(server: &RunningServer, query: &str) -> BufReader<TcpStream> {
    let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(stream, "GET /__folio/events{query} HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n")
        .unwrap();
    let mut reader = BufReader::new(stream);
    wait_for_event(&mut reader, "hello");
    reader
}

#[test]
fn an_edit_sends_a_reload_event_and_serves_the_new_text() {
    let site = site();
    let (server, _) = serve(&site, false);
    let mut events = open_events(&server);
    site.page("kb/setup/start.md", "title: Start", "Edited text.\n");
    wait_for_event(&mut events, "reload");
    assert_contains(&get(&server, "/kb/setup/start/").body, &["Edited text."]);
    // Files in new folders are picked up too.
    site.page("kb/brand/new/page.md", "title: Brand new", "Fresh.\n");
    wait_for_page(&server, "/kb/brand/new/page/", |b| b.contains("Fresh."));
    server.stop();
}

#[test]
fn the_served_search_index_follows_an_edit() {
    let site = site();
    let (server, _) = serve(&site, false);
    let shard = |server: &RunningServer| get(server, "/search/en/terms-0.json").body;
    assert!(!shard(&server).contains("\"zeppelin\""));
    let mut events = open_events(&server);
    site.page("kb/setup/start.md", "title: Start", "A zeppelin appears.\n");
    wait_for_event(&mut events, "reload");
    let manifest = get(&server, "/search/index-en.json");
    assert_eq!(manifest.status, 200);
    assert_contains(&manifest.head, &["Content-Type: application/json"]);
    assert!(shard(&server).contains("\"zeppelin\""), "the edited word is in the served index");
    server.stop();
}

#[test]
fn an_atomic_save_is_picked_up() {
    let site = site();
    let (server, _) = serve(&site, false);
    let mut events = open_events(&server);
    // Editors write a temporary file and rename it over the original.
    let temp = site.path("content/kb/setup/.start.md.tmp");
    std::fs::write(&temp, "---\ntitle: Start\n---\nSaved atomically.\n").unwrap();
    std::fs::rename(&temp, site.path("content/kb/setup/start.md")).unwrap();
    wait_for_event(&mut events, "reload");
    assert_contains(&get(&server, "/kb/setup/start/").body, &["Saved atomically."]);
    server.stop();
}

#[test]
fn a_css_only_change_sends_a_css_event() {
    let site = site();
    site.file("static/site.css", "body { color: red }");
    let (server, _) = serve(&site, false);
    let mut events = open_events(&server);
    site.file("static/site.css", "body { color: blue }");
    wait_for_event(&mut events, "css");
    assert_eq!(get(&server, "/site.css").body, "body { color: blue }");
    server.stop();
}

#[test]
fn a_broken_edit_shows_an_overlay_over_the_last_good_page_until_fixed() {
    let site = site();
    let (server, log) = serve(&site, false);
    site.file("templates/page.html", "{{ page.title ");
    site.page("about.md", "title: About", "About.\n");
    let broken = wait_for_page(&server, "/kb/setup/start/", |b| b.contains("folio-overlay"));
    assert_contains(&broken, &["Original text.", "templates/page.html", "template error"]);
    assert!(log.lock().unwrap().iter().any(|l| l.starts_with("Failed")), "errors are logged");

    std::fs::remove_file(site.path("templates/page.html")).unwrap();
    let fixed = wait_for_page(&server, "/about/", |b| b.contains("About.") && !b.contains("folio-overlay"));
    assert_lacks(&fixed, &["folio-overlay"]);
    server.stop();
}

#[test]
fn a_yaml_error_names_file_and_line_in_the_overlay() {
    let site = site();
    let (server, _) = serve(&site, false);
    site.file("content/kb/setup/start.md", "---\ntitle: Start\ntags: [a\n---\nText\n");
    let broken = wait_for_page(&server, "/", |b| b.contains("folio-overlay"));
    assert_contains(&broken, &["content/kb/setup/start.md:4"]);
    server.stop();
}

#[test]
fn drafts_are_served_with_a_banner_only_when_asked_for() {
    let site = site();
    let (server, _) = serve(&site, false);
    assert_eq!(get(&server, "/blog/wip/").status, 404);
    server.stop();
    let (server, _) = serve(&site, true);
    let draft = get(&server, "/blog/wip/");
    assert_eq!(draft.status, 200);
    assert_contains(&draft.body, &["folio-unpublished", "will not be published"]);
    assert_lacks(&get(&server, "/kb/setup/start/").body, &["folio-unpublished"]);
    server.stop();
}

#[test]
fn a_busy_port_moves_to_the_next_free_one_and_says_so() {
    let site = site();
    let (first, _) = serve(&site, false);
    let lines = Arc::new(Mutex::new(Vec::new()));
    let sink = lines.clone();
    let log: folio::serve::Log = Arc::new(move |event: ServeEvent| sink.lock().unwrap().push(format!("{event:?}")));
    let options = ServeOptions {
        root: site.root().to_path_buf(),
        bind: [127, 0, 0, 1].into(),
        port: first.port,
        drafts: false,
        future: false,
    };
    let second = start(options, log).unwrap();
    assert_ne!(second.port, first.port);
    let said = lines.lock().unwrap().join("\n");
    assert!(said.contains(&format!("busy: Some({})", first.port)), "{said}");
    assert_eq!(get(&second, "/kb/setup/start/").status, 200);
    first.stop();
    second.stop();
}

#[test]
fn a_burst_of_changes_like_a_checkout_ends_in_the_right_site() {
    let site = site();
    let (server, _) = serve(&site, false);
    for i in 0..40 {
        site.page(&format!("kb/burst/p{i}.md"), &format!("title: Burst {i}"), &format!("Body {i}.\n"));
    }
    std::fs::remove_file(site.path("content/kb/setup/start.md")).unwrap();
    wait_for_page(&server, "/kb/burst/p39/", |b| b.contains("Body 39."));
    wait_for_page(&server, "/kb/setup/start/", |b| !b.contains("Original text."));
    assert_eq!(get(&server, "/kb/setup/start/").status, 404);
    server.stop();
}

#[test]
fn a_page_hears_of_rebuilds_that_finished_before_it_connected() {
    let site = site();
    let (server, _) = serve(&site, false);
    let page = get(&server, "/kb/setup/start/").body;
    let since = page.split("live.js?since=").nth(1).and_then(|r| r.split('"').next()).unwrap().to_string();
    site.page("kb/setup/start.md", "title: Start", "Changed before the page connected.\n");
    wait_for_page(&server, "/kb/setup/start/", |b| b.contains("Changed before"));
    let mut events = open_events_since(&server, &format!("?since={since}"));
    wait_for_event(&mut events, "reload");
    server.stop();
}

#[test]
fn stopping_the_server_ends_event_streams() {
    let site = site();
    let (server, _) = serve(&site, false);
    let mut events = open_events(&server);
    server.stop();
    // The last chunk of a chunked body is empty: `0` on a line of its own, then a blank line.
    let mut line = String::new();
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        line.clear();
        assert!(events.read_line(&mut line).unwrap_or(0) > 0, "stream closed without its last chunk");
        if line == "0\r\n" {
            break;
        }
        assert!(Instant::now() < deadline, "the stream did not end after stop");
    }
}

#[test]
fn a_site_broken_from_the_start_shows_the_overlay_until_fixed() {
    let site = site();
    site.file("content/kb/setup/start.md", "---\ntitle: [\n---\n");
    let (server, _) = serve(&site, false);
    let broken = get(&server, "/");
    assert_eq!(broken.status, 404);
    assert_contains(&broken.head, &["Content-Type: text/html"]);
    assert_contains(&broken.body, &["folio-overlay", "content/kb/setup/start.md:2", "live.js?since="]);
    site.page("kb/setup/start.md", "title: Start", "Fixed from the start.\n");
    wait_for_page(&server, "/kb/setup/start/", |b| b.contains("Fixed from the start.") && !b.contains("folio-overlay"));
    server.stop();
}

#[test]
fn authors_without_a_file_are_noted_once_per_change_not_on_every_rebuild() {
    let site = site();
    site.page("blog/2026-01-01-hello.md", "title: Hello\nauthor: Maya Friedman", "Hi.\n");
    let (server, lines) = serve(&site, false);
    let notes = |lines: &support::serve::Lines| {
        lines.lock().unwrap().iter().filter(|l| l.starts_with("Note") && l.contains("Maya Friedman")).count()
    };
    assert_eq!(notes(&lines), 1, "{:?}", lines.lock().unwrap());
    site.page("kb/setup/start.md", "title: Start", "Edited text.\n");
    wait_for_page(&server, "/kb/setup/start/", |body| body.contains("Edited text."));
    assert_eq!(notes(&lines), 1, "an unrelated edit must not repeat the note");
    server.stop();
}
