//! `folio serve` as a feedback endpoint: submissions are appended to a JSON-lines file and reported,
//! form posts go on to the thank-you page, bots and bad votes are not recorded, and `feedback.data`
//! is watched even inside the hidden `.folio/` folder.

use crate::support;

use folio::serve::RunningServer;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use support::serve::serve;
use support::site::{assert_contains, TestSite};

const CONFIG: &str = "title: Help\nbase_url: https://help.example.com\nlanguage: en\n\
feedback:\n  transport: github\n  repo: acme/help\n";

fn site(config: &str) -> TestSite {
    let site = TestSite::with_config(config);
    site.page("kb/setup/start.md", "title: Start", "Text.\n");
    site
}

/// Sends one HTTP/1.0 request; returns the status line's code, the head and the body.
fn send(server: &RunningServer, method: &str, content_type: &str, body: &str) -> (u16, String, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    write!(
        stream,
        "{method} /__folio/feedback HTTP/1.0\r\nHost: localhost\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    (status, head.to_string(), body.to_string())
}

fn get(server: &RunningServer, path: &str) -> String {
    let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    write!(stream, "GET {path} HTTP/1.0\r\nHost: localhost\r\n\r\n").unwrap();
    let mut raw = String::new();
    stream.read_to_string(&mut raw).unwrap();
    raw
}

const PAYLOAD: &str = r#"{"url":"http://127.0.0.1/kb/setup/start/","page_id":"kb/setup/start.md","title":"Start","lang":"en","vote":"no","reason":"missing_information","text":"Which cable?","email":"dana@example.com","timestamp":"2026-11-23T01:00:00.000Z","extra":"dropped"}"#;

#[test]
fn local_endpoint_appends_json_lines_and_reports_each_submission() {
    let site = site(CONFIG);
    let (server, log) = serve(&site, false);
    let page = get(&server, "/kb/setup/start/");
    assert_contains(&page, &["action=\"/__folio/feedback\"", "Preview: feedback goes to folio serve"]);
    let (status, _, body) = send(&server, "POST", "application/json", PAYLOAD);
    assert_eq!((status, body.as_str()), (200, "{\"ok\":true}"));
    send(&server, "POST", "application/json", &PAYLOAD.replace("\"no\"", "\"yes\""));
    let file = std::fs::read_to_string(site.path(".folio/feedback.jsonl")).unwrap();
    let records: Vec<serde_json::Value> = file.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(records.len(), 2);
    assert_eq!(records[0]["vote"], "no");
    assert_eq!(records[0]["text"], "Which cable?");
    assert_eq!(records[0]["page_id"], "kb/setup/start.md");
    assert!(records[0].get("extra").is_none(), "only the documented fields are kept");
    assert!(records[0]["received"].as_str().unwrap().starts_with("20"));
    assert_eq!(records[1]["vote"], "yes");
    let log = log.lock().unwrap().join("\n");
    assert_contains(&log, &["Feedback { line: \"no · kb/setup/start.md [missing_information] \\\"Which cable?\\\" (reply to dana@example.com)\""]);
    // The file reads back with the report.
    let report =
        folio::feedback::build_report(&folio::feedback::read_exports(&[site.path(".folio/feedback.jsonl")]).unwrap());
    assert_eq!((report.pages[0].votes, report.pages[0].percent_helpful), (2, 50));
    server.stop();
}

#[test]
fn a_post_while_site_yaml_is_broken_goes_where_the_last_good_build_said() {
    let config = format!("{CONFIG}  local_file: votes/inbox.jsonl\n");
    let site = site(&config);
    let (server, log) = serve(&site, false);
    site.file("site.yaml", "title: [unclosed\n");
    let deadline = Instant::now() + Duration::from_secs(10);
    while !log.lock().unwrap().iter().any(|l| l.starts_with("Failed")) {
        assert!(Instant::now() < deadline, "the broken site.yaml was not rebuilt");
        std::thread::sleep(Duration::from_millis(20));
    }
    let (status, _, _) = send(&server, "POST", "application/json", PAYLOAD);
    assert_eq!(status, 200);
    let inbox = std::fs::read_to_string(site.path("votes/inbox.jsonl")).expect("written to the configured file");
    assert_eq!(inbox.lines().count(), 1);
    assert!(!site.path(".folio/feedback.jsonl").exists(), "the default file must not be used");
    server.stop();
}

#[test]
fn form_post_without_javascript_goes_on_to_the_thank_you_page() {
    let site = site(CONFIG);
    let (server, _) = serve(&site, false);
    let form = "url=x&page_id=kb%2Fsetup%2Fstart.md&vote=yes&text=Clear+enough&website=&redirect=https%3A%2F%2Fevil.example%2Ffeedback%2Fthanks%2F";
    let (status, head, _) = send(&server, "POST", "application/x-www-form-urlencoded", form);
    assert_eq!(status, 303);
    assert_contains(&head, &["Location: /feedback/thanks/"]);
    assert_contains(&get(&server, "/feedback/thanks/"), &["<h1>Thank you for your feedback</h1>"]);
    let file = std::fs::read_to_string(site.path(".folio/feedback.jsonl")).unwrap();
    let record: serde_json::Value = serde_json::from_str(file.trim()).unwrap();
    assert_eq!(record["text"], "Clear enough");
    server.stop();
}

#[test]
fn a_list_request_is_recorded_without_a_vote_and_reported_apart() {
    let site = site(CONFIG);
    let (server, log) = serve(&site, false);
    let form =
        "url=http%3A%2F%2F127.0.0.1%2Fkb%2F&page_id=kb&title=Help&lang=en&type=not_found&text=Refund+form&website=";
    let (status, _, _) = send(&server, "POST", "application/x-www-form-urlencoded", form);
    assert_eq!(status, 303, "a form post goes on to the thank-you page");
    send(&server, "POST", "application/json", PAYLOAD);
    let file = std::fs::read_to_string(site.path(".folio/feedback.jsonl")).unwrap();
    let first: serde_json::Value = serde_json::from_str(file.lines().next().unwrap()).unwrap();
    assert_eq!((&first["type"], &first["vote"]), (&"not_found".into(), &"".into()));
    assert_contains(&log.lock().unwrap().join("\n"), &["not_found · kb \\\"Refund form\\\""]);
    let report =
        folio::feedback::build_report(&folio::feedback::read_exports(&[site.path(".folio/feedback.jsonl")]).unwrap());
    let list = report.pages.iter().find(|p| p.page == "kb").unwrap();
    assert_eq!((list.votes, list.requests, list.needs_attention), (0, 1, false));
    assert_eq!(report.pages[0].page, "kb/setup/start.md", "the page with a No comes first");
    server.stop();
}

#[test]
fn bots_and_bad_votes_are_not_recorded() {
    let site = site(CONFIG);
    let (server, _) = serve(&site, false);
    let (status, _, _) = send(&server, "POST", "application/json", r#"{"vote":"yes","website":"http://spam.example"}"#);
    assert_eq!(status, 200, "a bot is answered like everyone else");
    let (status, _, body) = send(&server, "POST", "application/json", r#"{"vote":"maybe"}"#);
    assert_eq!((status, body.as_str()), (400, "`vote` must be yes or no"));
    let (status, _, _) = send(&server, "GET", "text/plain", "");
    assert_eq!(status, 405);
    assert!(!site.path(".folio/feedback.jsonl").exists());
    server.stop();
}

#[test]
fn feedback_data_is_watched_even_in_the_hidden_folder() {
    let config = format!("{CONFIG}  data: .folio/feedback.jsonl\n  min_votes: 1\n");
    let site = site(&config);
    site.file(".folio/feedback.jsonl", "");
    let (server, log) = serve(&site, false);
    assert!(!get(&server, "/kb/setup/start/").contains("feedback-score"));
    send(&server, "POST", "application/json", &PAYLOAD.replace("\"no\"", "\"yes\""));
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let page = get(&server, "/kb/setup/start/");
        if page.contains("<p class=\"feedback-score\">100% of readers found this helpful (1 vote)</p>") {
            break;
        }
        assert!(Instant::now() < deadline, "the page never showed the new share:\n{page}");
        std::thread::sleep(Duration::from_millis(30));
    }
    assert!(
        !log.lock().unwrap().iter().any(|l| l.starts_with("FeedbackAttention")),
        "a helpful page needs no attention"
    );
    send(&server, "POST", "application/json", PAYLOAD);
    let deadline = Instant::now() + Duration::from_secs(10);
    let expected = "FeedbackAttention([\"kb/setup/start.md: 50% helpful of 2 votes; missing information ×2\"])";
    while !log.lock().unwrap().iter().any(|l| l == expected) {
        assert!(Instant::now() < deadline, "no attention report; log: {:?}", log.lock().unwrap());
        std::thread::sleep(Duration::from_millis(30));
    }
    server.stop();
}

/// Sends a request to the standalone endpoint; returns the status code and the head.
fn send_to(port: u16, method: &str, content_type: &str, body: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    write!(
        stream,
        "{method} / HTTP/1.0\r\nHost: localhost\r\nOrigin: https://help.example.com\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut raw = String::new();
    stream.read_to_string(&mut raw).unwrap();
    let head = raw.split_once("\r\n\r\n").map_or(raw.as_str(), |(h, _)| h).to_string();
    (head.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0), head)
}

#[test]
fn standalone_endpoint_takes_posts_from_any_origin_and_returns_only_to_thank_you_pages() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("inbox/feedback.jsonl");
    let lines = Arc::new(Mutex::new(Vec::new()));
    let sink = lines.clone();
    let log: folio::serve::EndpointLog = Arc::new(move |line: &str| sink.lock().unwrap().push(line.to_string()));
    let options = folio::serve::EndpointOptions {
        bind: [127, 0, 0, 1].into(),
        port: 0,
        file: file.clone(),
        redirect_field: "_next".into(),
    };
    let endpoint = folio::serve::start_endpoint(options, log).unwrap();
    let (status, head) = send_to(endpoint.port, "OPTIONS", "text/plain", "");
    assert_eq!(status, 204);
    assert_contains(&head, &["Access-Control-Allow-Origin: *", "Access-Control-Allow-Headers: Content-Type"]);
    let (status, head) = send_to(endpoint.port, "POST", "application/json", PAYLOAD);
    assert_eq!(status, 200);
    assert_contains(&head, &["Access-Control-Allow-Origin: *"]);
    let thanks = "vote=yes&page_id=a.md&_next=https%3A%2F%2Fhelp.example.com%2Ffeedback%2Fthanks%2Fhe%2F";
    let (status, head) = send_to(endpoint.port, "POST", "application/x-www-form-urlencoded", thanks);
    assert_eq!(status, 303);
    assert_contains(&head, &["Location: https://help.example.com/feedback/thanks/he/"]);
    let elsewhere = "vote=yes&page_id=a.md&_next=https%3A%2F%2Fevil.example%2Flogin%2F";
    let (status, head) = send_to(endpoint.port, "POST", "application/x-www-form-urlencoded", elsewhere);
    assert_eq!(status, 200, "{head}");
    assert_eq!(std::fs::read_to_string(&file).unwrap().lines().count(), 3);
    assert_eq!(lines.lock().unwrap()[1], "yes · a.md");
    endpoint.stop();
}
