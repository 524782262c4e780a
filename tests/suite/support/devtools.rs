//! Finding Chromium's page over the DevTools HTTP endpoint, and decoding what it sends back.

use serde_json::Value;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::thread;
use std::time::{Duration, Instant};

use super::chromium::LAUNCH_TIMEOUT;

/// Asks Chromium's HTTP endpoint for its targets and returns the first page's websocket URL.
/// The page may take a moment to appear, so this retries until [`LAUNCH_TIMEOUT`].
pub fn find_page_websocket(host_port: &str) -> Result<String, String> {
    let deadline = Instant::now() + LAUNCH_TIMEOUT;
    let mut last = String::new();
    while Instant::now() < deadline {
        match http_get(host_port, "/json/list") {
            Ok(body) => match serde_json::from_str::<Value>(&body) {
                Ok(Value::Array(targets)) => {
                    let page = targets.iter().find(|t| t.get("type").and_then(Value::as_str) == Some("page"));
                    if let Some(ws) = page.and_then(|t| t.get("webSocketDebuggerUrl")).and_then(Value::as_str) {
                        return Ok(ws.to_string());
                    }
                    last = format!("no page target yet in {body}");
                }
                Ok(other) => last = format!("unexpected answer {other}"),
                Err(e) => last = format!("bad JSON ({e}): {body}"),
            },
            Err(e) => last = e,
        }
        thread::sleep(Duration::from_millis(50));
    }
    Err(format!("gave up after {LAUNCH_TIMEOUT:?}; last attempt: {last}"))
}

/// A minimal HTTP/1.1 GET; returns the body of a 200 response.
///
/// Chromium's DevTools server refuses HTTP/1.0 and keeps the connection open even
/// when asked to close it, so the body is read by its `Content-Length`.
fn http_get(host_port: &str, path: &str) -> Result<String, String> {
    let mut stream = TcpStream::connect(host_port).map_err(|e| format!("connect to {host_port}: {e}"))?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok();
    stream.set_write_timeout(Some(Duration::from_secs(5))).ok();
    write!(stream, "GET {path} HTTP/1.1\r\nHost: {host_port}\r\nConnection: close\r\n\r\n")
        .map_err(|e| format!("send request: {e}"))?;
    let mut response = Vec::new();
    let mut chunk = [0u8; 16 * 1024];
    let mut eof = false;
    loop {
        if let Some(end) = response.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&response[..end]).into_owned();
            let status = head.lines().next().unwrap_or_default().to_string();
            if !status.contains(" 200") {
                return Err(format!("GET {path} answered {status}"));
            }
            let length = head
                .lines()
                .filter_map(|line| line.split_once(':'))
                .find(|(name, _)| name.trim().eq_ignore_ascii_case("content-length"))
                .and_then(|(_, value)| value.trim().parse::<usize>().ok());
            let body = &response[end + 4..];
            match length {
                Some(length) if body.len() >= length => {
                    return Ok(String::from_utf8_lossy(&body[..length]).into_owned())
                }
                // Without a length, the body ends when the server closes the connection.
                None if eof => return Ok(String::from_utf8_lossy(body).into_owned()),
                _ => {}
            }
        }
        if eof {
            return Err(format!("connection closed mid-response: {}", String::from_utf8_lossy(&response)));
        }
        let n = stream.read(&mut chunk).map_err(|e| format!("read response to GET {path}: {e}"))?;
        eof = n == 0;
        response.extend_from_slice(&chunk[..n]);
    }
}

/// Decodes standard base64 (with or without padding; whitespace ignored).
pub fn base64_decode(input: &str) -> Result<Vec<u8>, String> {
    fn value(c: u8) -> Option<u32> {
        match c {
            b'A'..=b'Z' => Some((c - b'A') as u32),
            b'a'..=b'z' => Some((c - b'a') as u32 + 26),
            b'0'..=b'9' => Some((c - b'0') as u32 + 52),
            b'+' => Some(62),
            b'/' => Some(63),
            _ => None,
        }
    }
    let mut out = Vec::with_capacity(input.len() / 4 * 3);
    let mut buffer: u32 = 0;
    let mut bits = 0;
    for &c in input.as_bytes() {
        if c == b'=' {
            break;
        }
        if c.is_ascii_whitespace() {
            continue;
        }
        let v = value(c).ok_or_else(|| format!("invalid character {:?}", c as char))?;
        buffer = (buffer << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
            buffer &= (1 << bits) - 1;
        }
    }
    Ok(out)
}

#[test]
pub fn base64_decodes() {
    assert_eq!(base64_decode("").unwrap(), b"");
    assert_eq!(base64_decode("Zg==").unwrap(), b"f");
    assert_eq!(base64_decode("Zm8=").unwrap(), b"fo");
    assert_eq!(base64_decode("Zm9v").unwrap(), b"foo");
    assert_eq!(base64_decode("Zm9vYmFy").unwrap(), b"foobar");
    assert_eq!(base64_decode("iVBORw0KGgo=").unwrap(), b"\x89PNG\r\n\x1a\n");
    assert!(base64_decode("Zm9v!").is_err());
}
