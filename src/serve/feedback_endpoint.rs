//! `folio feedback serve`: the local feedback endpoint on its own, for trying a built or published
//! site's widget against this machine (point `feedback.endpoint` at it). It answers CORS preflights,
//! so pages on any origin can post JSON, and sends form posts back to Folio thank-you pages only.

use super::feedback::{append, is_thanks_url, parse_submission, read_body, summary_line};
use crate::diagnostics::{Diagnostic, Location};
use std::net::IpAddr;
use std::path::PathBuf;
use std::sync::Arc;

/// How to run the endpoint.
#[derive(Debug, Clone)]
pub struct EndpointOptions {
    pub bind: IpAddr,
    /// 0 lets the system choose.
    pub port: u16,
    /// The JSON-lines file submissions are appended to.
    pub file: PathBuf,
    /// The form field naming the thank-you page (`feedback.redirect_field`).
    pub redirect_field: String,
}

/// One received submission, for the terminal.
pub type EndpointLog = Arc<dyn Fn(&str) + Send + Sync>;

/// A running endpoint; `stop` ends it.
pub struct RunningEndpoint {
    http: Arc<tiny_http::Server>,
    pub url: String,
    pub port: u16,
    thread: std::thread::JoinHandle<()>,
}

impl RunningEndpoint {
    pub fn wait(self) {
        let _ = self.thread.join();
    }

    pub fn stop(&self) {
        self.http.unblock();
    }
}

/// Binds and starts answering in a background thread.
pub fn start_endpoint(options: EndpointOptions, log: EndpointLog) -> Result<RunningEndpoint, Diagnostic> {
    let http = tiny_http::Server::http((options.bind, options.port)).map_err(|e| {
        Diagnostic::new(Location::file(format!("{}:{}", options.bind, options.port)), format!("cannot listen: {e}"))
            .with_help("choose another port with --port")
    })?;
    let port = http.server_addr().to_ip().map(|a| a.port()).unwrap_or(options.port);
    let host = if options.bind.is_ipv6() { format!("[{}]", options.bind) } else { options.bind.to_string() };
    let http = Arc::new(http);
    let serving = http.clone();
    let thread = std::thread::spawn(move || {
        for request in serving.incoming_requests() {
            answer(request, &options, &log);
        }
    });
    Ok(RunningEndpoint { http, url: format!("http://{host}:{port}/"), port, thread })
}

fn answer(mut request: tiny_http::Request, options: &EndpointOptions, log: &EndpointLog) {
    let reply = |status: u16, body: &str, mime: &str| {
        tiny_http::Response::from_string(body)
            .with_status_code(status)
            .with_header(header("Content-Type", mime))
            .with_header(header("Access-Control-Allow-Origin", "*"))
    };
    match request.method() {
        tiny_http::Method::Options => {
            let preflight = reply(204, "", "text/plain")
                .with_header(header("Access-Control-Allow-Methods", "POST"))
                .with_header(header("Access-Control-Allow-Headers", "Content-Type, Accept"))
                .with_header(header("Access-Control-Max-Age", "600"));
            let _ = request.respond(preflight);
            return;
        }
        tiny_http::Method::Post => {}
        _ => {
            let text =
                format!("Folio feedback endpoint: POST submissions here; they go to {}\n", options.file.display());
            let _ = request.respond(reply(200, &text, "text/plain; charset=utf-8"));
            return;
        }
    }
    let content_type = request
        .headers()
        .iter()
        .find(|h| h.field.equiv("Content-Type"))
        .map(|h| h.value.as_str().to_ascii_lowercase())
        .unwrap_or_default();
    let received = read_body(&mut request)
        .ok_or_else(|| "the submission is too large".to_string())
        .and_then(|body| parse_submission(&content_type, &body, &options.redirect_field));
    let received = match received {
        Ok(received) => received,
        Err(reason) => {
            let _ = request.respond(reply(400, &reason, "text/plain; charset=utf-8"));
            return;
        }
    };
    if let Some(record) = &received.record {
        if let Err(e) = append(&options.file, record) {
            let _ = request.respond(reply(500, &format!("cannot write {}: {e}", options.file.display()), "text/plain"));
            return;
        }
        log(&summary_line(record));
    }
    if content_type.starts_with("application/json") {
        let _ = request.respond(reply(200, "{\"ok\":true}", "application/json"));
        return;
    }
    match received.redirect.filter(|r| is_thanks_url(r)) {
        Some(location) => {
            let _ = request.respond(reply(303, "", "text/plain").with_header(header("Location", &location)));
        }
        None => {
            let _ =
                request.respond(reply(200, "Thank you: your feedback was recorded.\n", "text/plain; charset=utf-8"));
        }
    }
}

fn header(name: &str, value: &str) -> tiny_http::Header {
    tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("valid header")
}
