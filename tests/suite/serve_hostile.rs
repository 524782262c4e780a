//! Hostile clients against the real `folio serve` on 127.0.0.1: malformed, oversized, truncated,
//! slow and binary requests each get a proper 4xx or a closed connection within a bound, and the
//! server still answers a normal request while slow clients hang on and after they are all done.

use crate::support;

use std::io::{Read, Write};
use std::net::{Shutdown, TcpStream};
use std::time::{Duration, Instant};
use support::serve::serve;
use support::site::{assert_contains, TestSite};

/// The server's own limit for a request to arrive, plus room for a busy machine.
const DEADLINE_BOUND: Duration = Duration::from_secs(14);
/// How long an answer to a request the server can judge at once may take.
const QUICK_BOUND: Duration = Duration::from_secs(5);

/// What came back: the status (`None` when the connection closed without an answer), the whole
/// answer, and how long it took.
struct Outcome {
    status: Option<u16>,
    text: String,
    took: Duration,
}

/// Sends `bytes`, then (if `finish`) says it will send no more, and reads until the server closes.
fn attack(port: u16, bytes: &[u8], finish: bool) -> Outcome {
    let started = Instant::now();
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(DEADLINE_BOUND)).unwrap();
    stream.set_write_timeout(Some(QUICK_BOUND)).unwrap();
    // The server may answer and stop reading before everything is sent; that is allowed.
    let _ = stream.write_all(bytes);
    if finish {
        let _ = stream.shutdown(Shutdown::Write);
    }
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    let text = String::from_utf8_lossy(&raw).into_owned();
    let status = text.strip_prefix("HTTP/1.1 ").and_then(|rest| rest.get(..3)).and_then(|code| code.parse().ok());
    Outcome { status, text, took: started.elapsed() }
}

/// Asserts that the server still serves the home page, quickly.
fn assert_still_serving(port: u16) {
    let outcome = attack(port, b"GET / HTTP/1.1\r\nHost: localhost\r\n\r\n", false);
    assert_eq!(outcome.status, Some(200), "{}", outcome.text);
    assert_contains(&outcome.text, &["Welcome home."]);
    assert!(outcome.took < QUICK_BOUND, "a normal request took {:?}", outcome.took);
}

/// A few lines of deterministic noise (xorshift64).
fn noise(seed: u64, len: usize) -> Vec<u8> {
    let mut state = seed;
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state as u8
        })
        .collect()
}

fn with_host(rest: &str) -> Vec<u8> {
    format!("GET / HTTP/1.1\r\nHost: localhost\r\n{rest}").into_bytes()
}

fn post(headers: &str, body: &str) -> Vec<u8> {
    format!(
        "POST /__folio/feedback HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n{headers}\r\n{body}"
    )
    .into_bytes()
}

#[test]
fn hostile_requests_get_a_4xx_or_a_closed_connection_and_the_server_stays_up() {
    let site = TestSite::new();
    site.page("_index.md", "title: Home", "Welcome home.\n");
    let server = serve(&site, false).0;
    let port = server.port;

    // Slow clients hang on in the background the whole time.
    let slowloris = std::thread::spawn(move || {
        let started = Instant::now();
        let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        stream.set_read_timeout(Some(Duration::from_millis(300))).unwrap();
        stream.write_all(b"GET / HTTP/1.1\r\nHost: localhost\r\n").unwrap();
        let mut raw = Vec::new();
        // One header byte every 300 ms; never the blank line. Bounded by the loop, not the server.
        for _ in 0..60 {
            if stream.write_all(b"X").is_err() {
                break;
            }
            let mut chunk = [0u8; 512];
            match stream.read(&mut chunk) {
                Ok(0) => break,
                Ok(n) => raw.extend_from_slice(&chunk[..n]),
                Err(_) => {}
            }
        }
        (String::from_utf8_lossy(&raw).into_owned(), started.elapsed())
    });
    let silent = std::thread::spawn(move || attack(port, b"", false));

    let many_headers: String = (0..150).map(|i| format!("X-{i}: v\r\n")).collect();
    let cases: Vec<(&str, Vec<u8>, bool, &[u16])> = vec![
        ("no request line", b"NONSENSE\r\n\r\n".to_vec(), false, &[400]),
        ("HTTP/0.9", b"GET /\r\n\r\n".to_vec(), false, &[400]),
        ("HTTP/2", b"GET / HTTP/2.0\r\nHost: localhost\r\n\r\n".to_vec(), false, &[505]),
        ("double spaces", b"GET  /  HTTP/1.1\r\nHost: localhost\r\n\r\n".to_vec(), false, &[400]),
        ("absolute target", b"GET http://evil.example/ HTTP/1.1\r\nHost: localhost\r\n\r\n".to_vec(), false, &[400]),
        ("no Host in 1.1", b"GET / HTTP/1.1\r\n\r\n".to_vec(), false, &[400]),
        ("two Hosts", with_host("Host: evil.example\r\n\r\n"), false, &[400]),
        ("huge header", with_host(&format!("X: {}\r\n\r\n", "a".repeat(70_000))), false, &[431]),
        ("many headers", with_host(&format!("{many_headers}\r\n")), false, &[431]),
        ("blank-line flood", b"\r\n".repeat(60_000), false, &[431]),
        (
            "long target",
            format!("GET /{} HTTP/1.1\r\nHost: localhost\r\n\r\n", "a".repeat(9000)).into_bytes(),
            false,
            &[414],
        ),
        ("space before colon", with_host("Host : localhost\r\n\r\n"), false, &[400]),
        ("folded header", with_host("X-A: 1\r\n  folded\r\n\r\n"), false, &[400]),
        ("header without colon", with_host("Garbage\r\n\r\n"), false, &[400]),
        ("NUL in target", b"GET /a\0b HTTP/1.1\r\nHost: localhost\r\n\r\n".to_vec(), false, &[400]),
        ("NUL in header", with_host("X-A: a\0b\r\n\r\n"), false, &[400]),
        ("non-UTF-8 target", b"GET /\xff\xfe HTTP/1.1\r\nHost: localhost\r\n\r\n".to_vec(), false, &[400]),
        ("non-UTF-8 method", b"G\xc3\xa9T / HTTP/1.1\r\nHost: localhost\r\n\r\n".to_vec(), false, &[400]),
        // Bytes past ASCII are allowed in a value (a cookie another local app set may hold them).
        ("non-UTF-8 value", [with_host("Cookie: a="), b"\xff\r\n\r\n".to_vec()].concat(), false, &[200]),
        ("length not a number", post("Content-Length: abc\r\n", ""), false, &[400]),
        ("negative length", post("Content-Length: -1\r\n", ""), false, &[400]),
        ("signed length", post("Content-Length: +5\r\n", "{}{}{"), false, &[400]),
        ("overflowing length", post("Content-Length: 99999999999999999999999\r\n", ""), false, &[413]),
        ("oversized body", post("Content-Length: 999999999\r\n", ""), false, &[413]),
        ("oversized with Expect", post("Content-Length: 999999999\r\nExpect: 100-continue\r\n", ""), false, &[413]),
        ("two lengths", post("Content-Length: 2\r\nContent-Length: 3\r\n", "{}"), false, &[400]),
        ("chunked", post("Transfer-Encoding: chunked\r\n", "2\r\n{}\r\n0\r\n\r\n"), false, &[411]),
        ("chunked and length", post("Transfer-Encoding: chunked\r\nContent-Length: 2\r\n", "{}"), false, &[400]),
        ("truncated head", b"GET / HTTP/1.1\r\nHost: loc".to_vec(), true, &[]),
        ("truncated body", post("Content-Length: 100\r\n", "{\"vote\":"), true, &[400]),
        ("binary noise", noise(0x5eed, 4096), true, &[400]),
        ("TLS hello", b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03".to_vec(), true, &[400]),
    ];
    for (name, bytes, finish, expected) in &cases {
        let outcome = attack(port, bytes, *finish);
        match outcome.status {
            Some(status) => assert!(expected.contains(&status), "{name}: got {status}, expected {expected:?}"),
            None => assert!(outcome.text.is_empty(), "{name}: not HTTP: {:?}", outcome.text),
        }
        if outcome.status.is_some_and(|s| s >= 400) {
            assert_contains(&outcome.text, &["Connection: close", "Content-Type: text/plain"]);
        }
        assert!(outcome.took < QUICK_BOUND, "{name} took {:?}", outcome.took);
    }

    // Garbage pipelined after a good request is never answered.
    let pipelined =
        attack(port, b"GET / HTTP/1.1\r\nHost: localhost\r\n\r\n\0\x01GARBAGE\r\n\r\nPUT / HTTP/1.1\r\n\r\n", false);
    assert_eq!(pipelined.status, Some(200));
    assert_eq!(pipelined.text.matches("HTTP/1.1 ").count(), 1, "{}", pipelined.text);

    // While the slow clients are still hanging on, everyone else is served.
    assert_still_serving(port);
    let (slow_reply, slow_took) = slowloris.join().unwrap();
    assert!(slow_reply.is_empty() || slow_reply.starts_with("HTTP/1.1 408 "), "{slow_reply}");
    assert!(slow_took < DEADLINE_BOUND, "the slow client was held for {slow_took:?}");
    let silent = silent.join().unwrap();
    assert!(silent.text.is_empty() && silent.took < DEADLINE_BOUND, "{:?} after {:?}", silent.text, silent.took);
    assert_still_serving(port);
    assert!(!site.path(".folio/feedback.jsonl").exists(), "no hostile post was recorded");
    server.stop();
}
