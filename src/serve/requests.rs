//! Answering one request: the trust check first, then live reload's event stream, feedback posts,
//! and files of the built site (with the live-reload script and any build errors injected).

use super::routes::{route, Route};
use super::{feedback, http, inject, routes, trust, widget_cors, ServeEvent, Shared};
use crate::output::{FileSource, Output};
use std::io::Write;
use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::time::Duration;

pub(super) fn handle(request: http::Request, shared: &Shared) {
    let Some(request) = trust::admit(request) else { return };
    let target = request.url().to_string();
    if feedback::is_endpoint(&target) {
        return receive_feedback(request, shared);
    }
    if target.split('?').next() == Some(trust::EVENTS) {
        return stream_events(request, shared);
    }
    if target.split('?').next() == Some("/__folio/live.js") {
        request.respond(response(200, inject::LIVE_JS.as_bytes().to_vec(), "text/javascript; charset=utf-8"));
        return;
    }
    let state = shared.state.read().unwrap_or_else(|e| e.into_inner());
    let reply = match route(&target, &state.output) {
        Route::File(path) => read_file(&state.output, &path, &state.allowed).map(|bytes| (200, path, bytes)),
        Route::Redirect(location) => {
            drop(state);
            request.respond(response(302, Vec::new(), "text/plain; charset=utf-8").with_header("Location", &location));
            return;
        }
        Route::NotFound => None,
    };
    // Without a 404 page of the site (the first build failed), a bare page still carries the overlay.
    let (status, path, bytes) = reply.unwrap_or_else(|| match read_file(&state.output, "404.html", &state.allowed) {
        Some(bytes) => (404, "404.html".to_string(), bytes),
        None => (404, "404.html".to_string(), BARE_404.as_bytes().to_vec()),
    });
    let mime = routes::content_type(&path);
    let body = if mime.starts_with("text/html") {
        let html = String::from_utf8_lossy(&bytes);
        let unpublished = state.unpublished.get(&path).map(|(lang, why)| inject::unpublished_note(lang, *why));
        let version = shared.change.lock().map(|c| c.0).unwrap_or(0);
        let additions = inject::Additions { errors: state.errors.as_deref(), unpublished, version };
        inject::inject(&html, &additions).into_bytes()
    } else {
        bytes
    };
    let cors =
        widget_cors::widget_cors_origin(&path, request.header("Origin"), state.config.as_ref()).map(str::to_string);
    drop(state);
    let reply = response(status, body, &mime);
    match cors.filter(|_| status == 200) {
        Some(origin) => {
            request.respond(reply.with_header("Access-Control-Allow-Origin", &origin).with_header("Vary", "Origin"))
        }
        None => request.respond(reply),
    }
}

/// The local feedback endpoint: a JSON POST gets `{"ok":true}`, a form post is sent on to its
/// thank-you page, and each submission is appended to the site's feedback file and logged.
/// (`trust` has already refused other methods and other origins.)
fn receive_feedback(request: http::Request, shared: &Shared) {
    let content_type = request.header("Content-Type").unwrap_or_default().to_ascii_lowercase();
    let state = shared.state.read().unwrap_or_else(|e| e.into_inner());
    let (file, redirect_field) = feedback::settings(state.config.as_ref(), &shared.root);
    drop(state);
    let received = feedback::parse_submission(&content_type, request.body(), &redirect_field);
    let received = match received {
        Ok(received) => received,
        Err(reason) => {
            request.respond(response(400, reason.into_bytes(), "text/plain; charset=utf-8"));
            return;
        }
    };
    if let Some(record) = &received.record {
        if let Err(e) = feedback::append(&file, record) {
            let message = format!("cannot write {}: {e}", file.display());
            request.respond(response(500, message.into_bytes(), "text/plain; charset=utf-8"));
            return;
        }
        (shared.log)(ServeEvent::Feedback { line: feedback::summary_line(record), file: file.clone() });
    }
    if content_type.starts_with("application/json") {
        request.respond(response(200, b"{\"ok\":true}".to_vec(), "application/json"));
        return;
    }
    let location = received.redirect.as_deref().map(feedback::local_path).unwrap_or_else(|| "/".into());
    request.respond(response(303, Vec::new(), "text/plain; charset=utf-8").with_header("Location", &location));
}

const BARE_404: &str =
    "<!DOCTYPE html><html><head><title>Not found</title></head><body><p>404 Not Found</p></body></html>";

/// The bytes of an output file; copied files are read now, and only from inside the site.
fn read_file(output: &Output, path: &str, allowed: &[PathBuf]) -> Option<Vec<u8>> {
    match output.get(path)? {
        FileSource::Copy(source) => {
            let real = source.canonicalize().ok()?;
            if !allowed.iter().any(|root| real.starts_with(root)) {
                return None;
            }
            std::fs::read(real).ok()
        }
        other => other.read().ok().map(|b| b.into_owned()),
    }
}

fn response(status: u16, body: Vec<u8>, mime: &str) -> http::Response {
    // A preview must never show a stale page.
    http::Response::new(status, body, mime).with_header("Cache-Control", "no-store")
}

/// A Server-Sent Events stream: `hello` at once, then one event per rebuild, and a comment every
/// 15 s so a closed page is noticed. A page says which version it was served from (`?since=N`), so
/// a rebuild that finished before its stream connected is still announced to it. The stream is
/// chunked and ends cleanly when the server stops, so the page reconnects to the next server.
fn stream_events(request: http::Request, shared: &Shared) {
    let current = shared.change.lock().map(|c| c.0).unwrap_or(0);
    let mut seen = since(request.url()).filter(|v| *v <= current).unwrap_or(current);
    let mut writer = request.into_stream();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n\
                Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
    let hello = format!("retry: 500\nevent: hello\ndata: {}\n\n", shared.server_id);
    if write!(writer, "{head}").and_then(|_| write_chunk(&mut writer, &hello)).is_err() {
        return;
    }
    loop {
        let guard = shared.change.lock().unwrap_or_else(|e| e.into_inner());
        let (guard, _) = shared
            .changed
            .wait_timeout_while(guard, Duration::from_secs(15), |change| {
                change.0 == seen && !shared.stopped.load(Ordering::Relaxed)
            })
            .unwrap_or_else(|e| e.into_inner());
        let (version, kind) = *guard;
        drop(guard);
        if shared.stopped.load(Ordering::Relaxed) {
            let _ = writer.write_all(b"0\r\n\r\n").and_then(|_| writer.flush());
            return;
        }
        // Missing more than one change could hide a reload behind a stylesheet swap.
        let kind = if version > seen + 1 { "reload" } else { kind };
        let message = if version == seen {
            ": keep-alive\n\n".to_string()
        } else {
            format!("event: {kind}\ndata: {version}\n\n")
        };
        seen = version;
        if write_chunk(&mut writer, &message).is_err() {
            return;
        }
    }
}

fn write_chunk(writer: &mut impl Write, text: &str) -> std::io::Result<()> {
    write!(writer, "{:x}\r\n{text}\r\n", text.len())?;
    writer.flush()
}

/// The `since=N` of an events URL.
fn since(target: &str) -> Option<u64> {
    let query = target.split_once('?')?.1;
    query.split('&').find_map(|pair| pair.strip_prefix("since=")).and_then(|v| v.parse().ok())
}
