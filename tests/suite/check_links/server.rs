//! A small HTTP server on 127.0.0.1 that answers the ways real hosts do — found, gone, moved,
//! refusing HEAD, rate-limiting, slow — and records every request and the most it had in flight,
//! so tests can see what `folio check` asked and how politely.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

#[derive(Default)]
struct Log {
    /// `METHOD /path` of every request, in arrival order.
    requests: Vec<String>,
    in_flight: usize,
    most_in_flight: usize,
    /// Requests per path, for answers that change (429, then 200).
    seen: HashMap<String, usize>,
}

/// The server; it stops answering when the test process ends.
pub struct LinkServer {
    pub base: String,
    log: Arc<Mutex<Log>>,
}

impl LinkServer {
    pub fn start() -> LinkServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a local port");
        let base = format!("http://{}", listener.local_addr().expect("server address"));
        let log = Arc::new(Mutex::new(Log::default()));
        let shared = log.clone();
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let log = shared.clone();
                thread::spawn(move || answer(stream, &log));
            }
        });
        LinkServer { base, log }
    }

    /// `base` + `path`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Every request so far, as `METHOD /path`.
    pub fn requests(&self) -> Vec<String> {
        self.log.lock().unwrap().requests.clone()
    }

    /// How many requests asked for `path` (any method; the query counts as part of the path).
    pub fn count(&self, path: &str) -> usize {
        self.requests().iter().filter(|r| r.split_once(' ').is_some_and(|(_, p)| p == path)).count()
    }

    /// The most requests the server had in flight at once.
    pub fn most_in_flight(&self) -> usize {
        self.log.lock().unwrap().most_in_flight
    }
}

fn answer(mut stream: TcpStream, log: &Mutex<Log>) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") && head.len() < 16 * 1024 {
        match stream.read(&mut byte) {
            Ok(1) => head.push(byte[0]),
            _ => return,
        }
    }
    let head = String::from_utf8_lossy(&head).into_owned();
    let mut words = head.split_whitespace();
    let (method, path) = (words.next().unwrap_or("").to_string(), words.next().unwrap_or("").to_string());
    let seen = {
        let mut log = log.lock().unwrap();
        log.requests.push(format!("{method} {path}"));
        log.in_flight += 1;
        log.most_in_flight = log.most_in_flight.max(log.in_flight);
        let seen = log.seen.entry(path.clone()).or_insert(0);
        *seen += 1;
        *seen
    };
    let route = path.split('?').next().unwrap_or("");
    let (status, extra, body): (&str, String, &str) = match route {
        "/ok" | "/image.png" => ("200 OK", String::new(), "<html><body>fine</body></html>"),
        "/moved" => ("301 Moved Permanently", "Location: /ok\r\n".into(), ""),
        "/elsewhere" => ("302 Found", "Location: /ok\r\n".into(), ""),
        "/no-head" if method == "HEAD" => ("405 Method Not Allowed", "Allow: GET\r\n".into(), ""),
        "/no-head" => ("200 OK", String::new(), "<html>got it</html>"),
        "/busy" if seen == 1 => ("429 Too Many Requests", "Retry-After: 1\r\n".into(), ""),
        "/busy" => ("200 OK", String::new(), "<html>now</html>"),
        "/failing" => ("503 Service Unavailable", String::new(), ""),
        "/slow" => {
            thread::sleep(Duration::from_secs(2));
            ("200 OK", String::new(), "<html>late</html>")
        }
        "/pause" => {
            thread::sleep(Duration::from_millis(300));
            ("200 OK", String::new(), "<html>paused</html>")
        }
        // `/מסמך`, as HTTP carries it.
        "/%D7%9E%D7%A1%D7%9E%D7%9A" => ("200 OK", String::new(), "<html>שלום</html>"),
        "/paper.pdf" => ("200 OK", String::new(), "%PDF-1.4 no ids here"),
        "/doc" => ("200 OK", String::new(), "<html><body><h2 id=\"install\">Install</h2><p>text</p></body></html>"),
        _ => ("404 Not Found", String::new(), "<html>no such page</html>"),
    };
    // A HEAD answer names the length the GET body would have, and sends none.
    let length = body.len();
    let body = if method == "HEAD" { "" } else { body };
    let kind = if route.ends_with(".pdf") { "application/pdf" } else { "text/html" };
    let response = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {length}\r\nConnection: close\r\n{extra}\r\n{body}"
    );
    // Counted out before the answer is sent: once the client has it, it may ask again at once, and
    // that request must not find this one still counted.
    log.lock().unwrap().in_flight -= 1;
    let _ = stream.write_all(response.as_bytes());
    let _ = stream.flush();
}
