//! `folio feedback serve`: the local feedback endpoint on its own, for trying a built or published
//! site's widget against this machine (point `feedback.endpoint` at it). It answers CORS preflights,
//! so pages on any origin can post JSON, and sends form posts back to Folio thank-you pages only.
//! Unlike `folio serve` it does not check `Host`: any page may already post to it (that is its
//! job), and it serves nothing else to read but the name of the file it appends to.

use super::feedback::{append, is_thanks_url, parse_submission, summary_line};
use super::http::{Listener, Request, Response, Stopper};
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
    http: Stopper,
    pub url: String,
    pub port: u16,
    thread: std::thread::JoinHandle<()>,
}

impl RunningEndpoint {
    pub fn wait(self) {
        let _ = self.thread.join();
    }

    pub fn stop(&self) {
        self.http.stop();
    }
}

/// Binds and starts answering in a background thread.
pub fn start_endpoint(options: EndpointOptions, log: EndpointLog) -> Result<RunningEndpoint, Diagnostic> {
    let http = Listener::bind(options.bind, options.port).map_err(|e| {
        Diagnostic::new(Location::file(format!("{}:{}", options.bind, options.port)), format!("cannot listen: {e}"))
            .with_help("choose another port with --port")
    })?;
    let port = http.local_addr().map(|a| a.port()).unwrap_or(options.port);
    let host = if options.bind.is_ipv6() { format!("[{}]", options.bind) } else { options.bind.to_string() };
    let (stopper, thread) = http.serve(move |request| answer(request, &options, &log));
    Ok(RunningEndpoint { http: stopper, url: format!("http://{host}:{port}/"), port, thread })
}

/// The methods the endpoint answers: OPTIONS for the CORS preflight of a JSON post.
const ALLOW: &str = "GET, HEAD, POST, OPTIONS";

fn answer(request: Request, options: &EndpointOptions, log: &EndpointLog) {
    let reply = |status: u16, body: &str, mime: &str| {
        Response::new(status, body, mime).with_header("Access-Control-Allow-Origin", "*")
    };
    match request.method() {
        "OPTIONS" => {
            let preflight = reply(204, "", "text/plain")
                .with_header("Access-Control-Allow-Methods", "POST")
                .with_header("Access-Control-Allow-Headers", "Content-Type, Accept")
                .with_header("Access-Control-Max-Age", "600");
            request.respond(preflight);
            return;
        }
        "POST" => {}
        "GET" | "HEAD" => {
            let text =
                format!("Folio feedback endpoint: POST submissions here; they go to {}\n", options.file.display());
            request.respond(reply(200, &text, "text/plain; charset=utf-8"));
            return;
        }
        _ => {
            let text = "Folio feedback endpoint: POST submissions here.\n";
            request.respond(reply(405, text, "text/plain; charset=utf-8").with_header("Allow", ALLOW));
            return;
        }
    }
    let content_type = request.header("Content-Type").unwrap_or_default().to_ascii_lowercase();
    let received = parse_submission(&content_type, request.body(), &options.redirect_field);
    let received = match received {
        Ok(received) => received,
        Err(reason) => {
            request.respond(reply(400, &reason, "text/plain; charset=utf-8"));
            return;
        }
    };
    if let Some(record) = &received.record {
        if let Err(e) = append(&options.file, record) {
            request.respond(reply(500, &format!("cannot write {}: {e}", options.file.display()), "text/plain"));
            return;
        }
        log(&summary_line(record));
    }
    if content_type.starts_with("application/json") {
        request.respond(reply(200, "{\"ok\":true}", "application/json"));
        return;
    }
    match received.redirect.filter(|r| is_thanks_url(r)) {
        Some(location) => {
            request.respond(reply(303, "", "text/plain").with_header("Location", &location));
        }
        None => {
            request.respond(reply(200, "Thank you: your feedback was recorded.\n", "text/plain; charset=utf-8"));
        }
    }
}
