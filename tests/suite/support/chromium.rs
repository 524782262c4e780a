//! A small Chrome DevTools Protocol client for browser tests.
//!
//! It launches a headless Chromium with a fresh profile, attaches to its page over
//! the DevTools websocket, and offers the handful of commands the tests need:
//! navigate, evaluate JavaScript, resize the viewport, take a screenshot, type and
//! press keys. Every wait has a timeout and panics with a message saying what it
//! was waiting for.
//!
//! [`StaticServer`] serves a built site over HTTP for the browser to load.
//!
//! Browser tests call [`browser_or_skip`]: it returns `None` (and prints a line)
//! when `FOLIO_SKIP_BROWSER_TESTS=1` is set, and panics loudly when Chromium is
//! not installed, so a missing browser never passes silently.
#![allow(dead_code)]

use super::devtools::{base64_decode, find_page_websocket};
use serde_json::{json, Value};
use std::io::{BufRead, BufReader, ErrorKind};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};
use tungstenite::{Message, WebSocket};

/// How long Chromium may take to print its DevTools address.
pub const LAUNCH_TIMEOUT: Duration = Duration::from_secs(20);
/// How long a single DevTools command may take to answer.
const COMMAND_TIMEOUT: Duration = Duration::from_secs(30);
/// How long a page may take to finish loading after `navigate`.
const NAVIGATE_TIMEOUT: Duration = Duration::from_secs(20);

/// The Chromium to use: `$FOLIO_CHROMIUM` if set (and `None` if that file does not
/// exist), else `/usr/bin/chromium`, else `chromium`, `chromium-browser` or
/// `google-chrome` on `PATH`.
pub fn chromium_path() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("FOLIO_CHROMIUM").filter(|p| !p.is_empty()) {
        let path = PathBuf::from(path);
        return path.is_file().then_some(path);
    }
    let usr_bin = Path::new("/usr/bin/chromium");
    if usr_bin.is_file() {
        return Some(usr_bin.to_path_buf());
    }
    let path_var = std::env::var_os("PATH")?;
    for name in ["chromium", "chromium-browser", "google-chrome"] {
        for dir in std::env::split_paths(&path_var) {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
    }
    None
}

/// A running browser, or `None` when `FOLIO_SKIP_BROWSER_TESTS=1` asks to skip.
///
/// Panics when Chromium cannot be found: browser tests must not pass by doing nothing.
pub fn browser_or_skip() -> Option<Browser> {
    if std::env::var("FOLIO_SKIP_BROWSER_TESTS").as_deref() == Ok("1") {
        eprintln!("skipping browser test: FOLIO_SKIP_BROWSER_TESTS=1 is set");
        return None;
    }
    let Some(path) = chromium_path() else {
        let hint = match std::env::var_os("FOLIO_CHROMIUM").filter(|p| !p.is_empty()) {
            Some(p) => format!(" (FOLIO_CHROMIUM={} is not a file)", Path::new(&p).display()),
            None => String::new(),
        };
        panic!(
            "\n\n*** Chromium not found: install it (apt-get install -y chromium) or set FOLIO_SKIP_BROWSER_TESTS=1 to skip browser tests{hint} ***\n"
        );
    };
    Some(Browser::launch(&path))
}

/// A headless Chromium and a DevTools connection to its one page.
///
/// Dropping it closes the browser (killing it if it does not quit within seconds) and
/// removes its temporary profile.
pub struct Browser {
    child: Child,
    socket: WebSocket<TcpStream>,
    next_id: u64,
    page_enabled: bool,
    /// Events that arrived while waiting for replies (only domains a test enabled send any).
    events: Vec<Value>,
    /// Kept last so the profile is removed after the browser has exited.
    _profile: tempfile::TempDir,
}

impl Browser {
    /// Starts Chromium at `path` and connects to its `about:blank` page.
    pub fn launch(path: &Path) -> Browser {
        let profile = tempfile::Builder::new()
            .prefix("folio-chromium-")
            .tempdir()
            .expect("could not create a temporary Chromium profile folder");
        let mut child = Command::new(path)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-default-apps",
                "--remote-debugging-port=0",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .args(["--window-size=1280,900", "about:blank"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("could not start Chromium at {}: {e}", path.display()));

        // Read stderr on a thread: it hands over the DevTools address, then keeps
        // draining the pipe so Chromium never blocks on a full stderr.
        let stderr = child.stderr.take().expect("Chromium's stderr is piped");
        let (tx, rx) = mpsc::channel::<String>();
        thread::spawn(move || {
            let mut reader = BufReader::new(stderr);
            let mut line = Vec::new();
            while matches!(reader.read_until(b'\n', &mut line), Ok(n) if n > 0) {
                // Once the address is found nobody listens any more: keep draining anyway.
                let _ = tx.send(String::from_utf8_lossy(&line).trim_end().to_string());
                line.clear();
            }
        });

        let deadline = Instant::now() + LAUNCH_TIMEOUT;
        let mut seen = Vec::new();
        let browser_ws = loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match rx.recv_timeout(left) {
                Ok(line) => {
                    if let Some(pos) = line.find("ws://") {
                        if line.contains("DevTools listening on") {
                            break line[pos..].trim().to_string();
                        }
                    }
                    seen.push(line);
                }
                Err(mpsc::RecvTimeoutError::Timeout) => abort(
                    &mut child,
                    format!(
                        "Chromium ({}) did not print `DevTools listening on ws://...` within {:?}; its stderr so far:\n{}",
                        path.display(),
                        LAUNCH_TIMEOUT,
                        seen.join("\n")
                    ),
                ),
                Err(mpsc::RecvTimeoutError::Disconnected) => {
                    let status = child.wait();
                    panic!(
                        "Chromium ({}) exited ({status:?}) before printing its DevTools address; its stderr:\n{}",
                        path.display(),
                        seen.join("\n")
                    );
                }
            }
        };
        drop(rx);

        // ws://127.0.0.1:PORT/devtools/browser/ID → 127.0.0.1:PORT
        let host_port = browser_ws.trim_start_matches("ws://").split('/').next().unwrap_or_default().to_string();
        let page_ws = find_page_websocket(&host_port).unwrap_or_else(|e| {
            abort(&mut child, format!("could not find Chromium's page target at http://{host_port}/json/list: {e}"))
        });

        let stream = TcpStream::connect(&host_port).unwrap_or_else(|e| {
            abort(&mut child, format!("could not connect to Chromium's DevTools at {host_port}: {e}"))
        });
        stream.set_read_timeout(Some(Duration::from_secs(10))).ok();
        stream.set_nodelay(true).ok();
        let (socket, _) = tungstenite::client(page_ws.as_str(), stream)
            .unwrap_or_else(|e| abort(&mut child, format!("DevTools websocket handshake with {page_ws} failed: {e}")));

        Browser { child, socket, next_id: 0, page_enabled: false, events: Vec::new(), _profile: profile }
    }

    /// Sends a DevTools command and waits for its reply, ignoring events meanwhile.
    /// Returns the reply's `result`; panics on a protocol error or a timeout.
    pub fn call(&mut self, method: &str, params: Value) -> Value {
        match self.try_call(method, params, COMMAND_TIMEOUT) {
            Ok(result) => result,
            Err(e) => panic!("DevTools command {method} failed: {e}"),
        }
    }

    fn try_call(&mut self, method: &str, params: Value, timeout: Duration) -> Result<Value, String> {
        self.next_id += 1;
        let id = self.next_id;
        let request = json!({ "id": id, "method": method, "params": params }).to_string();
        self.socket.send(Message::text(request)).map_err(|e| format!("could not send to Chromium: {e}"))?;

        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Err(format!("timed out after {timeout:?} waiting for Chromium to answer"));
            }
            // A short read timeout lets the loop notice the deadline.
            self.socket.get_ref().set_read_timeout(Some(left.min(Duration::from_millis(500)))).ok();
            let message = match self.socket.read() {
                Ok(message) => message,
                Err(tungstenite::Error::Io(e)) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                    continue
                }
                Err(e) => return Err(format!("lost the DevTools connection: {e}")),
            };
            let text = match &message {
                Message::Text(text) => text.as_str(),
                Message::Close(_) => return Err("Chromium closed the DevTools connection".to_string()),
                _ => continue,
            };
            let reply: Value = serde_json::from_str(text).map_err(|e| format!("bad DevTools message {text}: {e}"))?;
            if reply.get("id").and_then(Value::as_u64) != Some(id) {
                if reply.get("method").is_some() {
                    self.events.push(reply);
                }
                continue; // an event, or a reply to something else
            }
            if let Some(error) = reply.get("error") {
                return Err(error.to_string());
            }
            return Ok(reply.get("result").cloned().unwrap_or(Value::Null));
        }
    }

    /// The events received so far (`{method, params}`), emptied: enable a domain (`Runtime.enable`,
    /// `Log.enable`) to get its events, such as console messages.
    pub fn take_events(&mut self) -> Vec<Value> {
        std::mem::take(&mut self.events)
    }

    /// Loads `url` and waits until the new document's `readyState` is `complete`.
    pub fn navigate(&mut self, url: &str) {
        if !self.page_enabled {
            self.call("Page.enable", json!({}));
            self.page_enabled = true;
        }
        // Mark the current document, so the wait below can tell the new one from it.
        let _ = self.try_eval("window.__folioOldDocument = true", COMMAND_TIMEOUT);
        let result = self.call("Page.navigate", json!({ "url": url }));
        if let Some(error) = result.get("errorText").and_then(Value::as_str) {
            panic!("navigating to {url} failed: {error}");
        }
        // No loaderId means a same-document navigation (e.g. only the #fragment changed).
        let new_document = result.get("loaderId").is_some();
        let check = if new_document {
            "!window.__folioOldDocument && document.readyState === 'complete'"
        } else {
            "document.readyState === 'complete'"
        };
        let deadline = Instant::now() + NAVIGATE_TIMEOUT;
        let mut last;
        loop {
            match self.try_eval(check, COMMAND_TIMEOUT) {
                Ok(Value::Bool(true)) => return,
                Ok(other) => last = other.to_string(),
                // The old document's context goes away mid-navigation: just retry.
                Err(e) => last = e,
            }
            if Instant::now() >= deadline {
                panic!("timed out after {NAVIGATE_TIMEOUT:?} waiting for {url} to finish loading (last check: {last})");
            }
            thread::sleep(Duration::from_millis(25));
        }
    }

    /// Evaluates `js` in the page (awaiting a returned promise) and returns its value
    /// as JSON (`null` for `undefined`). Panics with the exception if it throws.
    pub fn eval(&mut self, js: &str) -> Value {
        match self.try_eval(js, COMMAND_TIMEOUT) {
            Ok(value) => value,
            Err(e) => panic!("JavaScript failed: {e}\n--- script ---\n{js}"),
        }
    }

    fn try_eval(&mut self, js: &str, timeout: Duration) -> Result<Value, String> {
        let result = self.try_call(
            "Runtime.evaluate",
            json!({ "expression": js, "returnByValue": true, "awaitPromise": true }),
            timeout,
        )?;
        if let Some(details) = result.get("exceptionDetails") {
            let description = details
                .pointer("/exception/description")
                .and_then(Value::as_str)
                .or_else(|| details.get("text").and_then(Value::as_str))
                .unwrap_or("unknown exception");
            return Err(format!("uncaught exception: {description}"));
        }
        Ok(result.pointer("/result/value").cloned().unwrap_or(Value::Null))
    }

    /// Sets the viewport to `width`×`height` CSS pixels (device scale factor 1, desktop).
    pub fn set_viewport(&mut self, width: u32, height: u32) {
        self.call(
            "Emulation.setDeviceMetricsOverride",
            json!({ "width": width, "height": height, "deviceScaleFactor": 1, "mobile": false }),
        );
    }

    /// Saves a PNG screenshot of the viewport to `path`.
    pub fn screenshot(&mut self, path: impl AsRef<Path>) {
        let path = path.as_ref();
        let result = self.call("Page.captureScreenshot", json!({ "format": "png" }));
        let data = result.get("data").and_then(Value::as_str).expect("Page.captureScreenshot returned no data");
        let bytes = base64_decode(data).unwrap_or_else(|e| panic!("screenshot data is not base64: {e}"));
        std::fs::write(path, bytes).unwrap_or_else(|e| panic!("could not write screenshot {}: {e}", path.display()));
    }

    /// Types `text` into the focused element, as an IME would (one `input` event).
    pub fn type_text(&mut self, text: &str) {
        self.call("Input.insertText", json!({ "text": text }));
    }

    /// Presses and releases a key: `Enter`, `Escape`, `Tab`, `Backspace`, the arrow keys,
    /// or any single character such as `/`.
    pub fn press_key(&mut self, key: &str) {
        let (code, key_code, text): (String, u32, Option<String>) = match key {
            "Enter" => ("Enter".into(), 13, Some("\r".into())),
            "Escape" => ("Escape".into(), 27, None),
            "Tab" => ("Tab".into(), 9, None),
            "Backspace" => ("Backspace".into(), 8, None),
            "ArrowUp" => ("ArrowUp".into(), 38, None),
            "ArrowDown" => ("ArrowDown".into(), 40, None),
            "ArrowLeft" => ("ArrowLeft".into(), 37, None),
            "ArrowRight" => ("ArrowRight".into(), 39, None),
            "/" => ("Slash".into(), 191, Some("/".into())),
            _ => {
                let mut chars = key.chars();
                let (Some(c), None) = (chars.next(), chars.next()) else {
                    panic!("press_key does not know the key {key:?}");
                };
                let code = if c.is_ascii_alphabetic() {
                    format!("Key{}", c.to_ascii_uppercase())
                } else if c.is_ascii_digit() {
                    format!("Digit{c}")
                } else {
                    String::new()
                };
                let key_code = if c.is_ascii_alphanumeric() { c.to_ascii_uppercase() as u32 } else { 0 };
                (code, key_code, Some(c.to_string()))
            }
        };
        let mut down = json!({
            "type": if text.is_some() { "keyDown" } else { "rawKeyDown" },
            "key": key,
            "code": code,
            "windowsVirtualKeyCode": key_code,
            "nativeVirtualKeyCode": key_code,
        });
        if let Some(text) = &text {
            down["text"] = json!(text);
            down["unmodifiedText"] = json!(text);
        }
        self.call("Input.dispatchKeyEvent", down);
        self.call(
            "Input.dispatchKeyEvent",
            json!({
                "type": "keyUp",
                "key": key,
                "code": code,
                "windowsVirtualKeyCode": key_code,
                "nativeVirtualKeyCode": key_code,
            }),
        );
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        // Ask Chromium to quit, so it stops its helper processes and releases the
        // profile; kill it if it does not exit promptly.
        let _ = self.try_call("Browser.close", json!({}), Duration::from_secs(2));
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            match self.child.try_wait() {
                Ok(None) => thread::sleep(Duration::from_millis(20)),
                _ => break,
            }
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        // Helper processes may still be writing into the profile for a moment after the
        // browser exits, so retry its removal briefly (`TempDir` itself tries only once).
        let deadline = Instant::now() + Duration::from_secs(2);
        while std::fs::remove_dir_all(self._profile.path()).is_err()
            && self._profile.path().exists()
            && Instant::now() < deadline
        {
            thread::sleep(Duration::from_millis(50));
        }
    }
}

/// Kills a browser that failed to start properly, then panics with `message`.
fn abort(child: &mut Child, message: String) -> ! {
    let _ = child.kill();
    let _ = child.wait();
    panic!("{message}");
}

pub use super::static_server::StaticServer;
