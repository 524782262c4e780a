//! The dev server's HTTP/1.1: one thread per connection, one request per connection.
//!
//! Why not tiny_http's server: version 0.12 strips a `Connection: close` response header, so every
//! browser connection stays open, and its thread pool can queue a new connection behind threads
//! that are all parked on idle keep-alive sockets (or a live-reload stream). Chromium then waits
//! forever for a page's last stylesheet. A local preview gains nothing from keep-alive, so each
//! connection here carries one request, gets its own thread and is closed after the answer.
//!
//! Everything a client can make the server hold is bounded: the open connections, the bytes and
//! lines of a head, the body, and the time a request may take to arrive, so a slow or hostile
//! client costs one short-lived thread and a few kilobytes. `head` parses strictly.

mod head;

use head::{body_length, find_head_end, parse_head, Head, Refusal};
use std::io::{ErrorKind, Read, Write};
use std::net::{IpAddr, Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// Request heads larger than this are refused (431).
const MAX_HEAD: usize = 64 * 1024;
/// Request bodies larger than this are refused (the largest thing posted is a feedback form).
pub const MAX_BODY: u64 = 64 * 1024;
/// A whole request (head and body) must arrive within this time of the connection opening.
const REQUEST_DEADLINE: Duration = Duration::from_secs(10);
/// A client that stops reading its answer for this long is dropped.
const WRITE_TIMEOUT: Duration = Duration::from_secs(30);
/// Connections served at once; more are answered 503 at once. A browser opens at most six per
/// server, plus one live-reload stream per open tab.
const MAX_CONNECTIONS: usize = 128;
/// After answering, unread input is drained for at most this long and this many bytes, so that
/// closing does not reset the connection and lose the answer (a refused body still in flight).
const LINGER: Duration = Duration::from_millis(500);
const LINGER_BYTES: usize = 256 * 1024;

/// One request, read in full (head and body).
#[derive(Debug)]
pub struct Request {
    head: Head,
    body: Vec<u8>,
    stream: TcpStream,
}

impl Request {
    /// `GET`, `POST`… as sent.
    pub fn method(&self) -> &str {
        &self.head.method
    }

    /// The request target: `/kb/?q=1`.
    pub fn url(&self) -> &str {
        &self.head.target
    }

    /// The first header called `name` (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.head.values(name).first().copied()
    }

    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// The address the client connected to (with `--bind 0.0.0.0`, the interface it came in on).
    pub fn local_addr(&self) -> Option<SocketAddr> {
        self.stream.local_addr().ok()
    }

    /// Sends `response` and closes the connection. A HEAD request gets the head alone.
    pub fn respond(self, response: Response) {
        send(self.stream, &response, self.head.method != "HEAD");
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
            // A value built from a request (a redirect's Location) must not add header lines.
            let value = value.replace(['\r', '\n'], " ");
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
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        411 => "Length Required",
        413 => "Content Too Large",
        414 => "URI Too Long",
        421 => "Misdirected Request",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        505 => "HTTP Version Not Supported",
        _ => "",
    }
}

/// A listening socket and the flag that stops its accept loop.
pub struct Listener {
    listener: TcpListener,
    stopped: Arc<AtomicBool>,
    deadline: Duration,
}

impl Listener {
    /// Listens on `ip:port` (0: any free port).
    pub fn bind(ip: IpAddr, port: u16) -> std::io::Result<Listener> {
        let listener = TcpListener::bind((ip, port))?;
        Ok(Listener { listener, stopped: Arc::new(AtomicBool::new(false)), deadline: REQUEST_DEADLINE })
    }

    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// Answers every connection on its own thread with `handle`, until `stop` is called.
    pub fn serve(self, handle: impl Fn(Request) + Send + Sync + 'static) -> (Stopper, JoinHandle<()>) {
        let closed = Arc::new((Mutex::new(false), Condvar::new()));
        let stopper =
            Stopper { addr: self.listener.local_addr().ok(), stopped: self.stopped.clone(), closed: closed.clone() };
        let handle = Arc::new(handle);
        let open = Arc::new(AtomicUsize::new(0));
        let thread = std::thread::spawn(move || {
            for stream in self.listener.incoming() {
                if self.stopped.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                if open.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
                    open.fetch_sub(1, Ordering::SeqCst);
                    let busy = Response::new(503, "too many open connections; try again\n", "text/plain");
                    let _ = stream.set_write_timeout(Some(Duration::from_millis(100)));
                    let _ = (&stream).write_all(busy.head().as_bytes()).and_then(|_| (&stream).write_all(&busy.body));
                    continue;
                }
                let slot = Slot(open.clone());
                let (handle, deadline) = (handle.clone(), self.deadline);
                // Without a thread the connection is simply dropped (and its slot freed).
                let _ = std::thread::Builder::new().spawn(move || {
                    let _slot = slot;
                    if let Some(request) = read_request(stream, Instant::now() + deadline) {
                        handle(request);
                    }
                });
            }
            // The port is free once the listener is closed; `stop` waits for this.
            drop(self);
            let (done, signal) = &*closed;
            *done.lock().unwrap_or_else(|e| e.into_inner()) = true;
            signal.notify_all();
        });
        (stopper, thread)
    }
}

/// One counted connection; dropping it frees the place.
struct Slot(Arc<AtomicUsize>);

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Stops a listener's accept loop (connections already accepted finish on their own).
#[derive(Debug, Clone)]
pub struct Stopper {
    addr: Option<SocketAddr>,
    stopped: Arc<AtomicBool>,
    /// Set by the accept loop once it has closed the listener.
    closed: Arc<(Mutex<bool>, Condvar)>,
}

/// How long `stop` waits for the accept loop to close its listener.
const CLOSE_WAIT: Duration = Duration::from_secs(10);

impl Stopper {
    /// Stops the accept loop and returns once its listener is closed (or after `CLOSE_WAIT`), so
    /// the port can be bound again at once: a server restarted on the same port must not find it
    /// taken and quietly move to another, leaving open pages reconnecting to nothing.
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
        let (done, signal) = &*self.closed;
        let done = done.lock().unwrap_or_else(|e| e.into_inner());
        let _closed = signal.wait_timeout_while(done, CLOSE_WAIT, |closed| !*closed);
    }
}

/// How reading a request failed.
enum Unread {
    /// The client closed, or sent nothing before the deadline: nothing to answer.
    Gone,
    /// The request is refused with this status.
    Refused(Refusal),
}

/// Reads one request before `deadline`; answers what it refuses itself and returns `None`.
fn read_request(stream: TcpStream, deadline: Instant) -> Option<Request> {
    stream.set_write_timeout(Some(WRITE_TIMEOUT)).ok()?;
    let result = read_head(&stream, deadline).and_then(|(head, rest)| {
        let parsed = parse_head(&head).map_err(Unread::Refused)?;
        let length = body_length(&parsed, MAX_BODY).map_err(Unread::Refused)?;
        if length > 0 && parsed.values("Expect").iter().any(|e| e.eq_ignore_ascii_case("100-continue")) {
            let _ = (&stream).write_all(b"HTTP/1.1 100 Continue\r\n\r\n");
        }
        let body = read_body(&stream, rest, length as usize, deadline)?;
        Ok((parsed, body))
    });
    match result {
        Ok((head, body)) => Some(Request { head, body, stream }),
        Err(Unread::Refused(refusal)) => {
            let text = format!("{}\n", refusal.why);
            send(stream, &Response::new(refusal.status, text, "text/plain; charset=utf-8"), true);
            None
        }
        Err(Unread::Gone) => None,
    }
}

/// Reads up to the blank line ending the head; returns the head and whatever came after it.
fn read_head(mut stream: &TcpStream, deadline: Instant) -> Result<(Vec<u8>, Vec<u8>), Unread> {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 4096];
    let mut received = 0;
    loop {
        let n = read_some(&mut stream, &mut chunk, deadline).map_err(|timed_out| match timed_out {
            // A head begun and never finished is a slow client; a silent socket (a browser's
            // preconnect) is closed without a word, so the browser simply opens another.
            true if received > 0 => Unread::Refused(Refusal { status: 408, why: "the request took too long" }),
            _ => Unread::Gone,
        })?;
        received += n;
        let scanned = buffer.len();
        buffer.extend_from_slice(&chunk[..n]);
        // Blank lines before a request line are ignored, as RFC 9112 asks.
        let blank = buffer.iter().take_while(|b| matches!(b, b'\r' | b'\n')).count();
        buffer.drain(..blank);
        if let Some(end) = find_head_end(&buffer, scanned.saturating_sub(blank)) {
            let rest = buffer.split_off(end);
            return Ok((buffer, rest));
        }
        if received >= MAX_HEAD {
            return Err(Unread::Refused(Refusal { status: 431, why: "the request head is too large" }));
        }
    }
}

/// Reads the body: `rest` (read with the head) and then the remaining bytes.
fn read_body(mut stream: &TcpStream, mut rest: Vec<u8>, length: usize, deadline: Instant) -> Result<Vec<u8>, Unread> {
    // Bytes past the body are a pipelined request, which is not answered.
    rest.truncate(length);
    let mut chunk = [0u8; 4096];
    while rest.len() < length {
        let want = (length - rest.len()).min(chunk.len());
        let n = read_some(&mut stream, &mut chunk[..want], deadline).map_err(|timed_out| match timed_out {
            true => Unread::Refused(Refusal { status: 408, why: "the request body took too long" }),
            false => Unread::Refused(Refusal { status: 400, why: "the body is shorter than its Content-Length" }),
        })?;
        rest.extend_from_slice(&chunk[..n]);
    }
    Ok(rest)
}

/// One read before `deadline`: the byte count, or whether it failed by timing out.
fn read_some(stream: &mut &TcpStream, buffer: &mut [u8], deadline: Instant) -> Result<usize, bool> {
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(true);
        }
        stream.set_read_timeout(Some(left)).map_err(|_| false)?;
        match stream.read(buffer) {
            Ok(0) => return Err(false),
            Ok(n) => return Ok(n),
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(e) => return Err(matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut)),
        }
    }
}

/// Writes `response` (with its body unless `with_body` is false), then closes gently.
fn send(mut stream: TcpStream, response: &Response, with_body: bool) {
    let mut bytes = response.head().into_bytes();
    if with_body {
        bytes.extend_from_slice(&response.body);
    }
    if stream.write_all(&bytes).and_then(|_| stream.flush()).is_err() {
        return;
    }
    // Closing with unread input resets the connection, and the client may lose the answer; so
    // say we are done, then read what is still coming, for a bounded time.
    let _ = stream.shutdown(Shutdown::Write);
    let until = Instant::now() + LINGER;
    let mut drained = 0;
    let mut sink = [0u8; 4096];
    while drained < LINGER_BYTES {
        match read_some(&mut &stream, &mut sink, until) {
            Ok(n) => drained += n,
            Err(_) => break,
        }
    }
}

#[cfg(test)]
impl Listener {
    /// The same listener with a shorter request deadline, so a test of slow clients is quick.
    fn with_deadline(mut self, deadline: Duration) -> Listener {
        self.deadline = deadline;
        self
    }
}

#[cfg(test)]
mod tests;
