//! Browser tests for `folio serve`: an open page follows edits by itself. A content edit reloads it
//! where the reader was, a stylesheet edit swaps the css without a reload, a broken template shows
//! the error overlay over the last good page until it is fixed, and a restarted server is noticed.
//!
//! Each test serves a fixture site with `folio::serve::start` on a free port and opens it in
//! headless Chromium. Set FOLIO_SKIP_BROWSER_TESTS=1 to skip.

use crate::support;

use folio::serve::RunningServer;
use serde_json::{json, Value};
use std::io::{BufRead, BufReader};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use support::chromium::{browser_or_skip, Browser};
use support::serve::{serve, serve_on, Lines};
use support::site::TestSite;

/// How long any one wait may take before the test fails.
const WAIT: Duration = Duration::from_secs(10);
/// How often a wait asks the page again.
const POLL: Duration = Duration::from_millis(50);

/// True once the live-reload client has connected to the event stream.
const LIVE: &str = "!!window.__folioLive && window.__folioLive.readyState === 1";

/// Evaluates `js`, or says why it could not: while the page reloads there may be no document
/// to answer, and the harness's `eval` panics then, so the panic is caught and turned into `Err`.
fn try_eval(browser: &mut Browser, js: &str) -> Result<Value, String> {
    catch_unwind(AssertUnwindSafe(|| browser.eval(js))).map_err(|panic| {
        panic
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_else(|| "eval panicked".to_string())
    })
}

/// Asks the page `js` every [`POLL`] until it answers `true`; panics after [`WAIT`] saying what
/// it waited for, the page's last answer and the server's log.
fn wait_until(browser: &mut Browser, lines: &Lines, what: &str, js: &str) {
    let deadline = Instant::now() + WAIT;
    loop {
        let last = match try_eval(browser, js) {
            Ok(Value::Bool(true)) => return,
            Ok(other) => other.to_string(),
            Err(e) => e,
        };
        if Instant::now() >= deadline {
            let log = lines.lock().unwrap_or_else(|e| e.into_inner()).join("\n");
            panic!(
                "timed out after {WAIT:?} waiting until {what}\n--- check ---\n{js}\n--- last answer ---\n{last}\n\
                 --- server log ---\n{log}"
            );
        }
        std::thread::sleep(POLL);
    }
}

/// Opens `path` on `server` and waits until its live-reload client is connected.
fn open(browser: &mut Browser, server: &RunningServer, lines: &Lines, path: &str) {
    browser.navigate(&format!("http://127.0.0.1:{}{path}", server.port));
    wait_until(browser, lines, "the live-reload client is connected", LIVE);
}

/// Saves `text` to `rel` in the site the way most editors do: into a hidden temporary file (which
/// the watcher ignores) renamed over the original. A plain `fs::write` truncates first, and a
/// rebuild landing between the truncation and the write would serve an empty file.
fn save(site: &TestSite, rel: &str, text: &str) {
    let path = site.path(rel);
    let name = path.file_name().expect("a file name").to_string_lossy().into_owned();
    let temp = path.with_file_name(format!(".{name}.tmp"));
    std::fs::write(&temp, text).unwrap();
    std::fs::rename(&temp, &path).unwrap();
}

/// A Markdown page's text.
fn page_text(front: &str, body: &str) -> String {
    format!("---\n{front}\n---\n{body}")
}

/// A JavaScript string literal for `text`.
fn js_string(text: &str) -> String {
    serde_json::to_string(text).unwrap()
}

/// The body of a long page: `count` numbered paragraphs, paragraph `edited` replaced by `edit`.
fn long_body(count: usize, edited: usize, edit: &str) -> String {
    (1..=count)
        .map(|n| {
            if n == edited {
                format!("{edit}\n\n")
            } else {
                format!("Paragraph {n} of a page long enough to scroll through.\n\n")
            }
        })
        .collect()
}

#[test]
fn page_reloads_itself_after_an_edit_keeping_scroll_position() {
    let Some(mut browser) = browser_or_skip() else { return };
    let site = TestSite::new();
    site.page("about.md", "title: About", &long_body(200, 150, "The original paragraph."));
    let (server, lines) = serve(&site, false);
    open(&mut browser, &server, &lines, "/about/");

    // Chromium restores the scroll position of a reloaded page by itself; turn that off, so only
    // Folio's own client can bring the reader back.
    browser.eval("history.scrollRestoration = 'manual'; scrollTo(0, 1500)");
    wait_until(&mut browser, &lines, "the page is scrolled to 1500", "scrollY === 1500");
    browser.eval("window.__marker = 1");

    save(&site, "content/about.md", &page_text("title: About", &long_body(200, 150, "The edited paragraph.")));
    let reloaded = format!(
        "window.__marker === undefined && document.readyState === 'complete' \
         && document.querySelector('main').textContent.includes({})",
        js_string("The edited paragraph.")
    );
    wait_until(&mut browser, &lines, "the page reloaded with the edited paragraph", &reloaded);

    let scroll = browser.eval("scrollY");
    let y = scroll.as_f64().unwrap_or_else(|| panic!("scrollY is not a number: {scroll}"));
    assert!((y - 1500.0).abs() < 50.0, "the reloaded page should be back at about y=1500, not {y}");
    let old = browser.eval(&format!("document.body.textContent.includes({})", js_string("The original paragraph.")));
    assert_eq!(old, Value::Bool(false), "the old paragraph is gone");
    server.stop();
}

#[test]
fn css_change_swaps_stylesheets_without_reloading() {
    let Some(mut browser) = browser_or_skip() else { return };
    let site = TestSite::new();
    site.page("about.md", "title: About", "About this company.\n");
    // A site's static/folio.css replaces the theme's.
    site.file("static/folio.css", "body { background: rgb(255, 0, 0) }\n");
    let (server, lines) = serve(&site, false);
    open(&mut browser, &server, &lines, "/about/");
    let background = "getComputedStyle(document.body).backgroundColor";
    wait_until(&mut browser, &lines, "the body is red", &format!("{background} === 'rgb(255, 0, 0)'"));
    browser.eval("window.__marker = 1");

    save(&site, "static/folio.css", "body { background: rgb(0, 0, 255) }\n");
    wait_until(&mut browser, &lines, "the body turns blue", &format!("{background} === 'rgb(0, 0, 255)'"));

    assert_eq!(browser.eval("window.__marker === 1"), Value::Bool(true), "the page must not have reloaded");
    let href = browser.eval("document.querySelector('link[rel=stylesheet][href*=\"folio.css\"]').href");
    assert!(
        href.as_str().is_some_and(|h| h.contains("folio-reload=")),
        "the stylesheet link should have been re-pointed with a cache-busting query: {href}"
    );
    server.stop();
}

#[test]
fn broken_template_shows_overlay_then_fixing_clears_it() {
    let Some(mut browser) = browser_or_skip() else { return };
    let site = TestSite::new();
    // A plain page, rendered with page.html.
    site.page("about.md", "title: About", "About this company.\n");
    // The folder exists already, so the broken template is a plain file edit.
    std::fs::create_dir_all(site.path("templates")).unwrap();
    let (server, lines) = serve(&site, false);
    open(&mut browser, &server, &lines, "/about/");

    let content = format!(
        "!!document.querySelector('main') && document.querySelector('main').textContent.includes({})",
        js_string("About this company.")
    );
    save(&site, "templates/page.html", "{{ page.title ");
    let overlay = "(() => { const o = document.getElementById('folio-overlay'); \
                   return !!o && o.textContent.includes('templates/page.html'); })()";
    wait_until(&mut browser, &lines, "the error overlay names templates/page.html", overlay);
    assert_eq!(browser.eval(&content), Value::Bool(true), "the last good page should still be under the overlay");
    // A fix saved before the reloaded page reconnects is covered by
    // a_fix_saved_while_the_page_is_still_reloading_is_not_missed; here the steps stay apart.
    wait_until(&mut browser, &lines, "the reloaded page's live-reload client is connected", LIVE);

    std::fs::remove_file(site.path("templates/page.html")).unwrap();
    let fixed = format!("!document.getElementById('folio-overlay') && {content}");
    wait_until(&mut browser, &lines, "the overlay is gone and the page is back", &fixed);
    server.stop();
}

/// Starts a server on exactly `port`, retrying for a while if the old one still holds it.
/// (`start` would otherwise quietly move to one of the next ports.)
fn serve_on_same_port(site: &TestSite, port: u16, lines: &Lines) -> RunningServer {
    let deadline = Instant::now() + Duration::from_secs(2);
    loop {
        let server = serve_on(site, port, false, lines);
        if server.port == port {
            return server;
        }
        server.stop();
        assert!(Instant::now() < deadline, "port {port} was still taken 2 s after the old server stopped");
        std::thread::sleep(POLL);
    }
}

/// The in-process version of the restart: stop a server and start another on the same port.
#[test]
fn page_reconnects_and_reloads_after_the_server_restarts() {
    let Some(mut browser) = browser_or_skip() else { return };
    let site = TestSite::new();
    site.page("about.md", "title: About", "About this company.\n");
    let (first, lines) = serve(&site, false);
    let port = first.port;
    open(&mut browser, &first, &lines, "/about/");
    browser.eval("window.__marker = 1");

    first.stop();
    drop(first);
    let second = serve_on_same_port(&site, port, &lines);
    let reloaded = format!(
        "window.__marker === undefined && document.readyState === 'complete' \
         && document.querySelector('main').textContent.includes({})",
        js_string("About this company.")
    );
    wait_until(&mut browser, &lines, "the page reconnected to the new server and reloaded", &reloaded);
    wait_until(&mut browser, &lines, "the reloaded page's live-reload client is connected", LIVE);
    second.stop();
}

/// A `folio serve` process, killed when dropped.
struct ServeProcess {
    child: Child,
    port: u16,
}

impl ServeProcess {
    /// Runs `folio serve --port PORT` on `site` and waits until it says where it listens.
    fn spawn(site: &TestSite, port: u16) -> ServeProcess {
        let mut child = Command::new(env!("CARGO_BIN_EXE_folio"))
            .args(["serve", "--port", &port.to_string(), "--root"])
            .arg(site.root())
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("run folio serve");
        let stdout = child.stdout.take().expect("piped stdout");
        let (tx, rx) = std::sync::mpsc::channel();
        // Keeps draining stdout, so the server never blocks on a full pipe.
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        let mut process = ServeProcess { child, port: 0 };
        let deadline = Instant::now() + WAIT;
        let mut seen = Vec::new();
        while let Ok(line) = rx.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
            // "Serving at http://127.0.0.1:PORT/  (Ctrl+C to stop; …)"
            let port = line.strip_prefix("Serving at http://127.0.0.1:").and_then(|rest| rest.split('/').next());
            if let Some(port) = port.and_then(|p| p.parse().ok()) {
                process.port = port;
                return process;
            }
            seen.push(line);
        }
        panic!("folio serve did not say where it listens within {WAIT:?}; its output:\n{}", seen.join("\n"));
    }

    /// Like `spawn`, on exactly `port`: `folio serve` moves to the next port while it is busy.
    fn spawn_on_same_port(site: &TestSite, port: u16) -> ServeProcess {
        let deadline = Instant::now() + Duration::from_secs(2);
        loop {
            let process = ServeProcess::spawn(site, port);
            if process.port == port {
                return process;
            }
            drop(process);
            assert!(Instant::now() < deadline, "port {port} was still taken 2 s after the old server was killed");
            std::thread::sleep(POLL);
        }
    }
}

impl Drop for ServeProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// What users do: stop `folio serve` (the process ends) and run it again on the same port.
#[test]
fn page_reconnects_and_reloads_after_the_folio_serve_process_restarts() {
    let Some(mut browser) = browser_or_skip() else { return };
    let site = TestSite::new();
    site.page("about.md", "title: About", "About this company.\n");
    let lines = Lines::default();
    let first = ServeProcess::spawn(&site, 0);
    let port = first.port;
    browser.navigate(&format!("http://127.0.0.1:{port}/about/"));
    wait_until(&mut browser, &lines, "the live-reload client is connected", LIVE);
    browser.eval("window.__marker = 1");

    drop(first);
    let _second = ServeProcess::spawn_on_same_port(&site, port);
    let reloaded = format!(
        "window.__marker === undefined && document.readyState === 'complete' \
         && document.querySelector('main').textContent.includes({})",
        js_string("About this company.")
    );
    wait_until(&mut browser, &lines, "the page reconnected to the new server and reloaded", &reloaded);
    wait_until(&mut browser, &lines, "the reloaded page's live-reload client is connected", LIVE);
}

/// A fix saved while the page is still reloading from the previous change must not be missed.
///
/// Every request is slowed down by 500 ms, so the page reloaded for the broken template shows
/// the overlay well before its live-reload client reconnects; the fix is saved and rebuilt in
/// that gap. The server starts each new event stream at its current version, so the stream opened
/// after the fix never mentions it, and the page keeps showing the overlay for good.
#[test]
fn a_fix_saved_while_the_page_is_still_reloading_is_not_missed() {
    let Some(mut browser) = browser_or_skip() else { return };
    let site = TestSite::new();
    site.page("about.md", "title: About", "About this company.\n");
    std::fs::create_dir_all(site.path("templates")).unwrap();
    let (server, lines) = serve(&site, false);
    open(&mut browser, &server, &lines, "/about/");
    browser.call("Network.enable", json!({}));
    browser.call(
        "Network.emulateNetworkConditions",
        json!({ "offline": false, "latency": 500, "downloadThroughput": -1, "uploadThroughput": -1 }),
    );

    save(&site, "templates/page.html", "{{ page.title ");
    wait_until(&mut browser, &lines, "the error overlay is shown", "!!document.getElementById('folio-overlay')");
    assert_eq!(
        browser.eval(&format!("!({LIVE})")),
        Value::Bool(true),
        "the reloaded page should not have reconnected yet, or this test shows nothing"
    );
    std::fs::remove_file(site.path("templates/page.html")).unwrap();
    let fixed = format!(
        "!document.getElementById('folio-overlay') && !!document.querySelector('main') \
         && document.querySelector('main').textContent.includes({})",
        js_string("About this company.")
    );
    wait_until(&mut browser, &lines, "the page reloaded with the fix", &fixed);
    server.stop();
}
