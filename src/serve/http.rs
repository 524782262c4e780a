//! The dev server's HTTP/1.1: one thread per connection, one request per connection.
//!
//! Why not tiny_http's server: version 0.12 strips a `Connection: close` response header, so every
//! browser connection stays open, and its thread pool can queue a new connection behind threads
//! that are all parked on idle keep-alive sockets (or a live-reload stream). Chromium then waits
//! forever for a page's last stylesheet. A local preview gains nothing from keep-alive, so each
//! connection here carries one request, gets its own thread and is closed after the answer.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{IpAddr, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

/// Request heads larger than this are refused.
const MAX_HEAD: u64 = 64 * 1024;
/// Request bodies larger than this are refused (the largest thing posted is a feedback form).
pub const MAX_BODY: u64 = 64 * 1024;
/// A client that sends nothing for this long is dropped.
const READ_TIMEOUT: Duration = Duration::from_secs(10);

/// One request, read in full (head and body).
#[derive(Debug)]
pub struct Request {
    method: String,
    target: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    stream: TcpStream,
}

impl Request {
    /// `GET`, `POST`… as sent.
    pub fn method(&self) -> &str {
        &self.method
    }

    /// The request target: `/kb/?q=1`.
    pub fn url(&self) -> &str {
        &self.target
    }

    /// The first header called `name` (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// Sends `response` and closes the connection. A HEAD request gets the head alone.
    pub fn respond(mut self, response: Response) {
        let head = response.head();
        let mut bytes = head.into_bytes();
        if self.method != "HEAD" {
            bytes.extend_from_slice(&response.body);
        }
        let _ = self.stream.write_all(&bytes).and_then(|_| self.stream.flush());
        let _ = self.stream.shutdown(std::net::Shutdown::Both);
    }

    /// The connection, for a response written bit by bit (a live-reload stream).
    pub fn into_stream(self) -> TcpStream {
        self.stream
    }
}

/// A complete response: status, headers and body.
#[derive(Debug, Clone)]
pub struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Response {
    pub fn new(status: u16, body: impl Into<Vec<u8>>, content_type: &str) -> Response {
        Response { status, headers: vec![("Content-Type".into(), content_type.into())], body: body.into() }
    }

    pub fn with_header(mut self, name: &str, value: &str) -> Response {
        self.headers.push((name.into(), value.into()));
        self
    }

    fn head(&self) -> String {
        let mut head = format!("HTTP/1.1 {} {}\r\n", self.status, reason(self.status));
        for (name, value) in &self.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str(&format!("Content-Length: {}\r\nConnection: close\r\n\r\n", self.body.len()));
        head
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        204 => "No Content",
        302 => "Found",
        303 => "See Other",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        413 => "Payload Too Large",
        500 => "Internal Server Error",
        _ => "",
    }
}

/// A listening socket and the flag that stops its accept loop.
pub struct Listener {
    listener: TcpListener,
    stopped: Arc<AtomicBool>,
}

impl Listener {
    /// Listens on `ip:port` (0: any free port).
    pub fn bind(ip: IpAddr, port: u16) -> std::io::Result<Listener> {
        Ok(Listener { listener: TcpListener::bind((ip, port))?, stopped: Arc::new(AtomicBool::new(false)) })
    }

    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// Answers every connection on its own thread with `handle`, until `stop` is called.
    pub fn serve(self, handle: impl Fn(Request) + Send + Sync + 'static) -> (Stopper, JoinHandle<()>) {
        let stopper = Stopper { addr: self.listener.local_addr().ok(), stopped: self.stopped.clone() };
        let handle = Arc::new(handle);
        let thread = std::thread::spawn(move || {
            for stream in self.listener.incoming() {
                if self.stopped.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let handle = handle.clone();
                std::thread::spawn(move || {
                    if let Some(request) = read_request(stream) {
                        handle(request);
                    }
                });
            }
        });
        (stopper, thread)
    }
}

/// Stops a listener's accept loop (connections already accepted finish on their own).
#[derive(Debug, Clone)]
pub struct Stopper {
    addr: Option<SocketAddr>,
    stopped: Arc<AtomicBool>,
}

impl Stopper {
    pub fn stop(&self) {
        self.stopped.store(true, Ordering::SeqCst);
        // Wake the blocking accept so it sees the flag.
        if let Some(mut addr) = self.addr {
            if addr.ip().is_unspecified() {
                addr.set_ip(if addr.is_ipv6() {
                    IpAddr::from([0u16, 0, 0, 0, 0, 0, 0, 1])
                } else {
                    [127, 0, 0, 1].into()
                });
            }
            let _ = TcpStream::connect_timeout(&addr, Duration::from_secs(1));
        }
    }
}

/// Reads one request; answers 400/413 itself and returns `None` for what it cannot read.
fn read_request(stream: TcpStream) -> Option<Request> {
    stream.set_read_timeout(Some(READ_TIMEOUT)).ok()?;
    let mut reader = BufReader::new(stream.try_clone().ok()?);
    let mut head = Vec::new();
    loop {
        let before = head.len();
        (&mut reader).take(MAX_HEAD - head.len() as u64).read_until(b'\n', &mut head).ok()?;
        if head.len() == before {
            return None; // closed before a full head arrived
        }
        if head.ends_with(b"\r\n\r\n") || head.ends_with(b"\n\n") {
            break;
        }
        if head.len() as u64 >= MAX_HEAD {
            return refuse(stream, 413, "request head too large");
        }
    }
    let text = String::from_utf8_lossy(&head);
    let mut lines = text.lines();
    let mut first = lines.next()?.split_whitespace();
    let (Some(method), Some(target), Some(version)) = (first.next(), first.next(), first.next()) else {
        return refuse(stream, 400, "bad request line");
    };
    if !version.starts_with("HTTP/1.") {
        return refuse(stream, 400, "only HTTP/1.x is spoken here");
    }
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_string(), value.trim().to_string()))
        .collect();
    let mut request = Request {
        method: method.to_string(),
        target: target.to_string(),
        headers,
        body: Vec::new(),
        stream: stream.try_clone().ok()?,
    };
    let length: u64 = match request.header("Content-Length").map(str::parse) {
        None => 0,
        Some(Ok(n)) => n,
        Some(Err(_)) => return refuse(stream, 400, "bad Content-Length"),
    };
    if length > MAX_BODY {
        return refuse(stream, 413, "request body too large");
    }
    if request.header("Expect").is_some_and(|e| e.eq_ignore_ascii_case("100-continue")) {
        let _ = (&stream).write_all(b"HTTP/1.1 100 Continue\r\n\r\n");
    }
    let mut body = vec![0; length as usize];
    reader.read_exact(&mut body).ok()?;
    request.body = body;
    Some(request)
}

fn refuse(stream: TcpStream, status: u16, why: &str) -> Option<Request> {
    let request =
        Request { method: "GET".into(), target: String::new(), headers: Vec::new(), body: Vec::new(), stream };
    request.respond(Response::new(status, format!("{why}\n"), "text/plain; charset=utf-8"));
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exchange(raw: &[u8]) -> (Option<(String, String, Vec<u8>)>, String) {
        let listener = Listener::bind([127, 0, 0, 1].into(), 0).unwrap();
        let addr = listener.local_addr().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        let (stopper, _) = listener.serve(move |request| {
            let seen = (request.method().to_string(), request.url().to_string(), request.body().to_vec());
            let _ = tx.send(seen);
            request.respond(Response::new(200, "hi", "text/plain").with_header("X-Test", "1"));
        });
        let mut client = TcpStream::connect(addr).unwrap();
        client.write_all(raw).unwrap();
        let mut reply = String::new();
        client.read_to_string(&mut reply).unwrap();
        stopper.stop();
        (rx.recv_timeout(Duration::from_millis(200)).ok(), reply)
    }

    #[test]
    fn one_request_per_connection_then_close() {
        let (seen, reply) = exchange(b"POST /f?x=1 HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc");
        assert_eq!(seen, Some(("POST".into(), "/f?x=1".into(), b"abc".to_vec())));
        assert!(reply.starts_with("HTTP/1.1 200 OK\r\n"), "{reply}");
        assert!(reply.contains("X-Test: 1\r\n") && reply.contains("Connection: close\r\n"), "{reply}");
        assert!(reply.ends_with("\r\n\r\nhi"), "{reply}");
    }

    #[test]
    fn head_requests_get_no_body() {
        let (_, reply) = exchange(b"HEAD / HTTP/1.1\r\nHost: a\r\n\r\n");
        assert!(reply.contains("Content-Length: 2\r\n") && reply.ends_with("\r\n\r\n"), "{reply}");
    }

    #[test]
    fn bad_and_oversized_requests_are_refused() {
        let (seen, reply) = exchange(b"NONSENSE\r\n\r\n");
        assert!(seen.is_none() && reply.starts_with("HTTP/1.1 400 "), "{reply}");
        let (seen, reply) = exchange(b"POST / HTTP/1.1\r\nContent-Length: 999999999\r\n\r\n");
        assert!(seen.is_none() && reply.starts_with("HTTP/1.1 413 "), "{reply}");
    }
}
