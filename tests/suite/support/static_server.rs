//! A static file server for built sites in browser tests, on 127.0.0.1 and a free port.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::thread;
use std::time::Duration;

/// A static file server for a built site, on 127.0.0.1 and a free port, stopped on drop.
///
/// Pages must be served over HTTP rather than opened as `file://`: Folio links its
/// stylesheets from the site root (`/folio.css`), which a `file://` page resolves to the
/// file system's root, and Chromium refuses `fetch()` from `file://` pages.
pub struct StaticServer {
    addr: std::net::SocketAddr,
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    served: Served,
}

/// Every file served so far: its URL path and the bytes of its body.
type Served = std::sync::Arc<std::sync::Mutex<Vec<(String, usize)>>>;

impl StaticServer {
    /// Serves the files under `root`: `/dir/` answers with `dir/index.html`, and a missing
    /// file with a 404 carrying `root/404.html` if there is one.
    pub fn serve(root: &Path) -> StaticServer {
        use std::sync::atomic::{AtomicBool, Ordering};
        use std::sync::Arc;
        let listener =
            std::net::TcpListener::bind("127.0.0.1:0").expect("could not bind a local port for the test server");
        let addr = listener.local_addr().expect("test server address");
        let stop = Arc::new(AtomicBool::new(false));
        let root = root.to_path_buf();
        let stopping = Arc::clone(&stop);
        let served = Served::default();
        let log = Arc::clone(&served);
        thread::spawn(move || {
            for stream in listener.incoming() {
                if stopping.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let root = root.clone();
                let log = Arc::clone(&log);
                thread::spawn(move || serve_one(stream, &root, &log));
            }
        });
        StaticServer { addr, stop, served }
    }

    /// The files served since the last call (URL path, body bytes), in the order they were served.
    pub fn take_served(&self) -> Vec<(String, usize)> {
        std::mem::take(&mut *self.served.lock().unwrap())
    }

    /// The full URL of `path` (which starts with `/`) on this server.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::SeqCst);
        // Wake the accept loop so it sees the flag.
        let _ = TcpStream::connect(self.addr);
    }
}

fn serve_one(mut stream: TcpStream, root: &Path, served: &Served) {
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok();
    let mut request = Vec::new();
    let mut chunk = [0u8; 4096];
    while !request.windows(4).any(|w| w == b"\r\n\r\n") {
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => return,
            Ok(n) => request.extend_from_slice(&chunk[..n]),
        }
        if request.len() > 64 * 1024 {
            return;
        }
    }
    let request = String::from_utf8_lossy(&request);
    let mut words = request.lines().next().unwrap_or_default().split(' ');
    let (method, target) = (words.next().unwrap_or_default(), words.next().unwrap_or("/"));
    let path = percent_decode(target.split(['?', '#']).next().unwrap_or("/"));
    let file = if path.split('/').any(|part| part == "..") {
        None
    } else {
        let mut file = root.join(path.trim_start_matches('/'));
        if file.is_dir() {
            file = file.join("index.html");
        }
        file.is_file().then_some(file)
    };
    let (status, file) = match file {
        Some(file) => ("200 OK", Some(file)),
        None => ("404 Not Found", Some(root.join("404.html")).filter(|f| f.is_file())),
    };
    let body = file.as_ref().and_then(|f| std::fs::read(f).ok()).unwrap_or_default();
    let ext = file.as_ref().and_then(|f| f.extension()).and_then(|e| e.to_str()).unwrap_or("html");
    let content_type = match ext {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    );
    served.lock().unwrap().push((path.clone(), body.len()));
    let _ = stream.write_all(head.as_bytes());
    if method != "HEAD" {
        let _ = stream.write_all(&body);
    }
}

/// Decodes `%XX` escapes in a URL path (for non-ASCII page addresses).
fn percent_decode(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .filter(|h| h.iter().all(u8::is_ascii_hexdigit))
            .and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[test]
fn percent_decodes() {
    assert_eq!(percent_decode("/kb/billing/"), "/kb/billing/");
    assert_eq!(percent_decode("/%D7%A9%D7%9C%D7%95%D7%9D/"), "/שלום/");
    assert_eq!(percent_decode("/a%2"), "/a%2");
    assert_eq!(percent_decode("/a%+1b"), "/a%+1b");
}
