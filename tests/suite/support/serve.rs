//! The dev server in tests: started on a free port for a fixture site, its log kept, and plain
//! HTTP exchanges written by hand so a test sees exactly what the server sends.
#![allow(dead_code)]

use super::site::TestSite;
use folio::serve::{start, RunningServer, ServeEvent, ServeOptions};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The server's log, one `Debug` line per event.
pub type Lines = Arc<Mutex<Vec<String>>>;

/// Starts `folio serve` for `site` on a free port (with `--drafts` when asked); the log is kept.
pub fn serve(site: &TestSite, drafts: bool) -> (RunningServer, Lines) {
    let lines = Lines::default();
    (serve_on(site, 0, drafts, &lines), lines)
}

/// Starts `folio serve` for `site` on `port` (0: any free one), logging into `lines`.
pub fn serve_on(site: &TestSite, port: u16, drafts: bool, lines: &Lines) -> RunningServer {
    let sink = lines.clone();
    let log: folio::serve::Log =
        Arc::new(move |event: ServeEvent| sink.lock().unwrap_or_else(|e| e.into_inner()).push(format!("{event:?}")));
    let options =
        ServeOptions { root: site.root().to_path_buf(), bind: [127, 0, 0, 1].into(), port, drafts, future: false };
    start(options, log).expect("server starts")
}

/// Waits until a log line starts with `prefix` (`Built`, `Failed`…); panics after 10 s.
pub fn wait_for_log(lines: &Lines, prefix: &str) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !lines.lock().unwrap_or_else(|e| e.into_inner()).iter().any(|l| l.starts_with(prefix)) {
        assert!(Instant::now() < deadline, "no `{prefix}` in the server log after 10 s");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// An answer: the status code (0 when there was none), the head and the body.
pub struct Reply {
    pub status: u16,
    pub head: String,
    pub body: String,
}

/// Sends `head` (the request line and header lines, without the blank line; a `Content-Length`
/// is added for a body) and `body` to 127.0.0.1:`port`, and reads the whole answer.
pub fn send(port: u16, head: &str, body: &str) -> Reply {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let length = if body.is_empty() { String::new() } else { format!("Content-Length: {}\r\n", body.len()) };
    write!(stream, "{head}\r\n{length}\r\n{body}").unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    Reply { status, head: head.to_string(), body: body.to_string() }
}

/// A plain HTTP/1.0 request to the server, from `localhost`.
pub fn request(server: &RunningServer, method: &str, target: &str) -> Reply {
    send(server.port, &format!("{method} {target} HTTP/1.0\r\nHost: localhost"), "")
}

pub fn get(server: &RunningServer, target: &str) -> Reply {
    request(server, "GET", target)
}
