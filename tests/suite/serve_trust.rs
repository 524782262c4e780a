//! `folio serve` trusts no one: only loopback `Host` names (and the address it listens on) are
//! served, the live-reload stream and the feedback sink take only same-origin requests, and
//! methods other than the few each path needs get 405 with `Allow`. The standalone feedback
//! endpoint keeps taking posts from any origin.

use crate::support;

use folio::serve::RunningServer;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::sync::Arc;
use std::time::Duration;
use support::serve::{send, serve, Reply};
use support::site::{assert_contains, assert_lacks, TestSite};

fn site() -> TestSite {
    let site = TestSite::new();
    site.page("_index.md", "title: Home", "Welcome home.\n");
    site.page("kb/setup/start.md", "title: Start", "Original text.\n");
    site
}

fn get_with_host(server: &RunningServer, host: &str) -> Reply {
    send(server.port, &format!("GET / HTTP/1.1\r\nHost: {host}"), "")
}

const VOTE: &str = r#"{"vote":"yes","page_id":"kb/setup/start.md"}"#;

fn post_feedback(server: &RunningServer, extra: &str) -> Reply {
    let head = format!(
        "POST /__folio/feedback HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nContent-Type: application/json{extra}",
        server.port
    );
    send(server.port, &head, VOTE)
}

#[test]
fn a_foreign_host_gets_421_naming_the_addresses_to_use() {
    let site = site();
    let server = serve(&site, false).0;
    let port = server.port;
    for host in
        ["evil.example", &format!("evil.example:{port}"), "localhost.evil.example", "127.0.0.1.nip.io", "0.0.0.0"]
    {
        let reply = get_with_host(&server, host);
        assert_eq!(reply.status, 421, "{host}: {}", reply.head);
        assert_contains(&reply.head, &["HTTP/1.1 421 Misdirected Request", "Content-Type: text/plain; charset=utf-8"]);
        assert_contains(&reply.body, &[&format!("http://localhost:{port}/"), &format!("http://127.0.0.1:{port}/")]);
        assert_lacks(&reply.body, &["Welcome home", "<html"]);
    }
    // The stream and the sink are behind the same check.
    let events = send(port, "GET /__folio/events HTTP/1.1\r\nHost: evil.example", "");
    assert_eq!(events.status, 421);
    let posted =
        send(port, "POST /__folio/feedback HTTP/1.1\r\nHost: evil.example\r\nContent-Type: application/json", VOTE);
    assert_eq!(posted.status, 421);
    assert!(!site.path(".folio/feedback.jsonl").exists());
    server.stop();
}

#[test]
fn loopback_hosts_are_served_with_or_without_the_port() {
    let site = site();
    let server = serve(&site, false).0;
    let port = server.port;
    for host in [
        "localhost".to_string(),
        format!("localhost:{port}"),
        format!("LOCALHOST:{port}"),
        format!("127.0.0.1:{port}"),
        "127.0.0.5".to_string(),
        format!("[::1]:{port}"),
    ] {
        let reply = get_with_host(&server, &host);
        assert_eq!(reply.status, 200, "{host}: {}", reply.head);
        assert_contains(&reply.body, &["Welcome home."]);
    }
    // HTTP/1.0 may leave Host out (only programs do, and they could send any Host); HTTP/1.1 may not.
    assert_eq!(send(port, "GET / HTTP/1.0", "").status, 200);
    let missing = send(port, "GET / HTTP/1.1", "");
    assert_eq!(missing.status, 400);
    assert_contains(&missing.body, &["Host"]);
    server.stop();
}

#[test]
fn other_methods_get_405_with_allow() {
    let site = site();
    let server = serve(&site, false).0;
    let port = server.port;
    for method in ["PUT", "DELETE", "TRACE", "PATCH", "OPTIONS", "POST", "PROPFIND"] {
        for target in ["/", "/kb/setup/start/", "/folio.css", "/__folio/live.js", "/no/such/page/"] {
            let reply = send(port, &format!("{method} {target} HTTP/1.1\r\nHost: localhost\r\nX-Echo: secret"), "");
            assert_eq!(reply.status, 405, "{method} {target}");
            assert_contains(&reply.head, &["Allow: GET, HEAD"]);
            assert_lacks(&reply.body, &["secret", "Original text."]);
        }
    }
    for method in ["GET", "HEAD", "PUT", "DELETE"] {
        let reply = send(port, &format!("{method} /__folio/feedback HTTP/1.1\r\nHost: localhost"), "");
        assert_eq!(reply.status, 405, "{method} feedback");
        assert_contains(&reply.head, &["Allow: POST"]);
    }
    let reply = send(port, "POST /__folio/events HTTP/1.1\r\nHost: localhost", "x");
    assert_eq!(reply.status, 405);
    assert_contains(&reply.head, &["Allow: GET\r\n"]);
    assert!(!site.path(".folio/feedback.jsonl").exists());
    server.stop();
}

/// Opens the event stream with `extra` header lines; returns the status and, if 200, the first event line.
fn open_events(server: &RunningServer, extra: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    write!(stream, "GET /__folio/events HTTP/1.1\r\nHost: 127.0.0.1:{}{extra}\r\n\r\n", server.port).unwrap();
    let mut reader = BufReader::new(stream);
    let mut status_line = String::new();
    reader.read_line(&mut status_line).unwrap();
    let status = status_line.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let mut rest = String::new();
    let mut line = String::new();
    while reader.read_line(&mut line).unwrap_or(0) > 0 {
        rest.push_str(&line);
        if line.starts_with("event:") {
            break;
        }
        line.clear();
    }
    (status, rest)
}

#[test]
fn the_event_stream_takes_only_same_origin_requests() {
    let site = site();
    let server = serve(&site, false).0;
    let own = format!("http://127.0.0.1:{}", server.port);
    for extra in [
        "\r\nOrigin: http://evil.example".to_string(),
        format!("\r\nOrigin: http://localhost:{}", server.port),
        "\r\nOrigin: http://127.0.0.1:3000".to_string(),
        "\r\nOrigin: null".to_string(),
        "\r\nSec-Fetch-Site: cross-site".to_string(),
        "\r\nSec-Fetch-Site: same-site".to_string(),
        format!("\r\nOrigin: {own}\r\nSec-Fetch-Site: cross-site"),
    ] {
        let (status, rest) = open_events(&server, &extra);
        assert_eq!(status, 403, "{extra:?}");
        assert_contains(&rest, &["only from its own pages"]);
        assert_lacks(&rest, &["event: hello"]);
    }
    for extra in
        [String::new(), format!("\r\nOrigin: {own}\r\nSec-Fetch-Site: same-origin"), "\r\nSec-Fetch-Site: none".into()]
    {
        let (status, rest) = open_events(&server, &extra);
        assert_eq!(status, 200, "{extra:?}");
        assert_contains(&rest, &["event: hello"]);
    }
    server.stop();
}

#[test]
fn the_feedback_sink_takes_only_same_origin_posts() {
    let site = site();
    let server = serve(&site, false).0;
    let file = site.path(".folio/feedback.jsonl");
    for extra in ["\r\nOrigin: http://evil.example", "\r\nSec-Fetch-Site: cross-site", "\r\nOrigin: null"] {
        let reply = post_feedback(&server, extra);
        assert_eq!(reply.status, 403, "{extra:?}");
        assert_contains(&reply.body, &["Folio's preview takes feedback only from its own pages"]);
        assert!(!file.exists(), "{extra:?} was recorded");
    }
    let own = format!("\r\nOrigin: http://127.0.0.1:{}\r\nSec-Fetch-Site: same-origin", server.port);
    let reply = post_feedback(&server, &own);
    assert_eq!((reply.status, reply.body.as_str()), (200, "{\"ok\":true}"));
    assert_eq!(std::fs::read_to_string(&file).unwrap().lines().count(), 1);
    server.stop();
}

#[test]
fn the_standalone_endpoint_keeps_cors_for_any_origin_but_refuses_other_methods() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("feedback.jsonl");
    let options = folio::serve::EndpointOptions {
        bind: [127, 0, 0, 1].into(),
        port: 0,
        file: file.clone(),
        redirect_field: "redirect".into(),
    };
    let endpoint = folio::serve::start_endpoint(options, Arc::new(|_: &str| {})).unwrap();
    let port = endpoint.port;
    let from_elsewhere = "Host: 127.0.0.1\r\nOrigin: https://help.example.com";
    for method in ["PUT", "DELETE", "TRACE", "PATCH"] {
        let reply = send(port, &format!("{method} / HTTP/1.1\r\n{from_elsewhere}"), "");
        assert_eq!(reply.status, 405, "{method}");
        assert_contains(&reply.head, &["Allow: GET, HEAD, POST, OPTIONS", "Access-Control-Allow-Origin: *"]);
    }
    let preflight = send(port, &format!("OPTIONS / HTTP/1.1\r\n{from_elsewhere}"), "");
    assert_eq!(preflight.status, 204);
    assert_contains(&preflight.head, &["Access-Control-Allow-Origin: *", "Access-Control-Allow-Methods: POST"]);
    assert_eq!(send(port, &format!("GET / HTTP/1.1\r\n{from_elsewhere}"), "").status, 200);
    let head =
        format!("POST / HTTP/1.1\r\n{from_elsewhere}\r\nSec-Fetch-Site: cross-site\r\nContent-Type: application/json");
    assert_eq!(send(port, &head, VOTE).status, 200);
    assert_eq!(std::fs::read_to_string(&file).unwrap().lines().count(), 1);
    endpoint.stop();
}

/// Asks `browser` `js` until it answers `true`; panics after 10 s naming `what`.
fn wait_in_page(browser: &mut support::chromium::Browser, what: &str, js: &str) {
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while browser.eval(js) != serde_json::Value::Bool(true) {
        assert!(std::time::Instant::now() < deadline, "timed out waiting until {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn in_chromium_a_page_on_another_origin_can_neither_post_feedback_nor_hear_reloads() {
    let Some(mut browser) = support::chromium::browser_or_skip() else { return };
    let site = site();
    let server = serve(&site, false).0;
    let file = site.path(".folio/feedback.jsonl");
    let other = tempfile::tempdir().unwrap();
    std::fs::write(other.path().join("index.html"), "<!DOCTYPE html><title>Elsewhere</title><p>Another site.</p>")
        .unwrap();
    let elsewhere = support::chromium::StaticServer::serve(other.path());
    let sink = format!("http://127.0.0.1:{}/__folio/feedback", server.port);
    let events = format!("http://127.0.0.1:{}/__folio/events", server.port);

    // From its own page, the preview takes a post (the browser sends Origin and Sec-Fetch-Site).
    browser.navigate(&format!("http://127.0.0.1:{}/kb/setup/start/", server.port));
    let own = browser.eval(&format!(
        "fetch('{sink}', {{method: 'POST', headers: {{'Content-Type': 'application/json'}}, body: '{VOTE}'}}).then(r => r.status)"
    ));
    assert_eq!(own, serde_json::json!(200));
    assert_eq!(std::fs::read_to_string(&file).unwrap().lines().count(), 1);

    // A page elsewhere posts a plain form-encoded body without CORS (what a forged form does).
    browser.navigate(&elsewhere.url("/"));
    let forged = browser.eval(&format!(
        "fetch('{sink}', {{method: 'POST', mode: 'no-cors', headers: {{'Content-Type': 'application/x-www-form-urlencoded'}}, \
         body: 'vote=no&page_id=forged'}}).then(r => r.type)"
    ));
    assert_eq!(forged, serde_json::json!("opaque"));
    assert_eq!(std::fs::read_to_string(&file).unwrap().lines().count(), 1, "the forged post was recorded");
    browser.eval(&format!(
        "window.__stream = new EventSource('{events}'); window.__heard = false; \
         window.__stream.addEventListener('hello', () => window.__heard = true); true"
    ));
    wait_in_page(&mut browser, "the foreign event stream fails", "window.__stream.readyState === 2");
    assert_eq!(browser.eval("window.__heard"), serde_json::json!(false));
    server.stop();
}
