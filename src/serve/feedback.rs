//! The dev server's feedback endpoint: `folio serve` points every page's widget at
//! `/__folio/feedback`, appends each submission as one JSON line to `feedback.local_file`
//! (`.folio/feedback.jsonl` by default) and reports it, so the whole path can be tried on a laptop.
//! Bots that fill the honeypot are answered like everyone else and recorded nowhere. A list page's
//! "not found" request (`type: not_found`) is recorded without a vote.

use crate::feedback::LOCAL_ENDPOINT;
use serde_json::{Map, Value};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The fields kept from a submission, in the documented payload's order.
const FIELDS: &[&str] = &["url", "page_id", "title", "lang", "vote", "reason", "text", "email", "timestamp"];

/// Whether a request is for the endpoint.
pub fn is_endpoint(target: &str) -> bool {
    target.split('?').next() == Some(LOCAL_ENDPOINT)
}

/// A submission as received.
#[derive(Debug, PartialEq)]
pub struct Received {
    /// The record written to the file; `None` for a bot (the honeypot was filled).
    pub record: Option<Map<String, Value>>,
    /// The thank-you page a browser that posted the form without JavaScript asked to return to.
    pub redirect: Option<String>,
}

/// Reads a JSON or form-encoded body into a record with the documented fields, plus `received`.
pub fn parse_submission(content_type: &str, body: &[u8], redirect_field: &str) -> Result<Received, String> {
    let text = std::str::from_utf8(body).map_err(|_| "the body is not UTF-8".to_string())?;
    let fields: Map<String, Value> = if content_type.starts_with("application/json") {
        match serde_json::from_str(text) {
            Ok(Value::Object(map)) => map,
            _ => return Err("expected a JSON object".into()),
        }
    } else {
        form_fields(text).into_iter().map(|(k, v)| (k, Value::String(v))).collect()
    };
    let field = |name: &str| fields.get(name).and_then(Value::as_str).unwrap_or("").trim().to_string();
    let redirect = Some(field(redirect_field)).filter(|r| !r.is_empty());
    if !field("website").is_empty() {
        return Ok(Received { record: None, redirect });
    }
    // A list page's "not found" request and a search page's gap have no vote; anything else is a vote.
    use crate::feedback::export::{NOT_FOUND, SEARCH, SEARCH_OUTCOMES};
    let kind = match field("type").as_str() {
        NOT_FOUND => Some(NOT_FOUND),
        SEARCH => Some(SEARCH),
        "" | "vote" => None,
        _ => return Err("`type` must be vote, not_found or search".into()),
    };
    if kind.is_none() && !matches!(field("vote").as_str(), "yes" | "no") {
        return Err("`vote` must be yes or no".into());
    }
    if kind == Some(SEARCH) && (!SEARCH_OUTCOMES.contains(&field("reason").as_str()) || field("text").is_empty()) {
        return Err("a search needs `text` (the query) and `reason` no_results, not_opened or reached".into());
    }
    let mut record = Map::new();
    for name in FIELDS {
        // A query is kept short: it names what the reader looked for, nothing more.
        let value =
            if *name == "text" && kind == Some(SEARCH) { field(name).chars().take(100).collect() } else { field(name) };
        record.insert(name.to_string(), Value::String(value));
        if let Some(kind) = kind.filter(|_| *name == "lang") {
            record.insert("type".into(), Value::String(kind.into()));
        }
    }
    record.insert("received".into(), Value::String(now_iso()));
    Ok(Received { record: Some(record), redirect })
}

/// `a=1&b=x+y` → pairs, decoded.
fn form_fields(text: &str) -> Vec<(String, String)> {
    let decode = |s: &str| crate::url::percent_decode(&s.replace('+', " ")).unwrap_or_default();
    text.split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(k), decode(v))
        })
        .collect()
}

/// Only the path of a redirect target is kept, so `folio serve` never sends a browser elsewhere.
pub fn local_path(url: &str) -> String {
    let path = crate::feedback::report::url_path(url);
    if path.starts_with('/') && !path.starts_with("//") {
        path
    } else {
        "/".into()
    }
}

fn now_iso() -> String {
    let now = time::OffsetDateTime::now_utc();
    now.format(&time::format_description::well_known::Rfc3339).unwrap_or_default()
}

/// Appends one record as a JSON line, creating the folder and file as needed.
pub fn append(file: &Path, record: &Map<String, Value>) -> std::io::Result<()> {
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut out = std::fs::OpenOptions::new().create(true).append(true).open(file)?;
    writeln!(out, "{}", Value::Object(record.clone()))
}

/// One line for the terminal: `no · kb/billing/invoices.md [inaccurate] "The VAT screen moved."`.
pub fn summary_line(record: &Map<String, Value>) -> String {
    let field = |name: &str| record.get(name).and_then(Value::as_str).unwrap_or("");
    let page = if field("page_id").is_empty() { field("url") } else { field("page_id") };
    let what = if field("type").is_empty() { field("vote") } else { field("type") };
    let mut line = format!("{what} · {page}");
    if !field("reason").is_empty() {
        line.push_str(&format!(" [{}]", field("reason")));
    }
    if !field("text").is_empty() {
        line.push_str(&format!(" \"{}\"", field("text").replace('\n', " ")));
    }
    if !field("email").is_empty() {
        line.push_str(&format!(" (reply to {})", field("email")));
    }
    line
}

/// Whether `url` is a Folio thank-you page (`…/feedback/thanks/` or `…/feedback/thanks/<lang>/`)
/// on an http(s) site: the only places the standalone endpoint sends a browser back to.
pub fn is_thanks_url(url: &str) -> bool {
    let Some((scheme, _)) = url.split_once("://") else { return false };
    let path = crate::feedback::report::url_path(url);
    let tail = path.rsplit_once("/feedback/thanks/").map(|(_, t)| t);
    (scheme == "http" || scheme == "https")
        && !url.contains(['\r', '\n', '"', '<', '>'])
        && tail.is_some_and(|t| {
            t.is_empty() || (t.ends_with('/') && crate::config::is_language_tag(t.trim_end_matches('/')))
        })
}

/// What the endpoint needs from the site's configuration (that of the last good build): where to
/// write and the redirect field's name. Without one, the defaults.
pub fn settings(config: Option<&crate::config::Config>, root: &Path) -> (PathBuf, String) {
    let config = config.and_then(|c| c.feedback.clone());
    let file = config.as_ref().map(|f| f.local_file.clone()).unwrap_or_else(|| root.join(".folio/feedback.jsonl"));
    let field = config.map(|f| f.redirect_field).unwrap_or_else(|| "redirect".into());
    (file, field)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_post_keeps_documented_fields_and_redirect_path() {
        let body = b"url=https%3A%2F%2Fe.com%2Fkb%2Fa%2F&page_id=kb%2Fa.md&title=A+page&lang=he&vote=no&reason=inaccurate&text=%D7%A9%D7%9C%D7%95%D7%9D&email=&redirect=http%3A%2F%2F127.0.0.1%3A1111%2Ffeedback%2Fthanks%2F&website=";
        let got = parse_submission("application/x-www-form-urlencoded", body, "redirect").unwrap();
        let record = got.record.unwrap();
        assert_eq!(record["title"], "A page");
        assert_eq!(record["text"], "שלום");
        assert_eq!(record["page_id"], "kb/a.md");
        assert!(!record.contains_key("website") && !record.contains_key("redirect"));
        assert_eq!(local_path(got.redirect.as_deref().unwrap()), "/feedback/thanks/");
    }

    #[test]
    fn search_gaps_keep_a_short_query_and_need_an_outcome() {
        let long = "x".repeat(300);
        let body =
            format!(r#"{{"type":"search","reason":"no_results","text":"{long}","lang":"he","page_id":"search"}}"#);
        let record = parse_submission("application/json", body.as_bytes(), "redirect").unwrap().record.unwrap();
        assert_eq!((&record["type"], &record["reason"]), (&Value::from("search"), &Value::from("no_results")));
        assert_eq!(record["text"].as_str().unwrap().chars().count(), 100);
        let bad = parse_submission("application/json", br#"{"type":"search","reason":"meh","text":"x"}"#, "redirect");
        assert_eq!(bad, Err("a search needs `text` (the query) and `reason` no_results, not_opened or reached".into()));
    }

    #[test]
    fn not_found_requests_need_no_vote() {
        let body = b"url=https%3A%2F%2Fe.com%2Fkb%2F&page_id=kb&type=not_found&text=refunds&website=";
        let record = parse_submission("application/x-www-form-urlencoded", body, "redirect").unwrap().record.unwrap();
        assert_eq!((&record["type"], &record["vote"]), (&Value::from("not_found"), &Value::from("")));
        assert_eq!(summary_line(&record), "not_found · kb \"refunds\"");
        let bad = parse_submission("application/json", br#"{"type":"praise","page_id":"kb"}"#, "redirect");
        assert_eq!(bad, Err("`type` must be vote, not_found or search".into()));
    }

    #[test]
    fn honeypot_is_not_recorded() {
        let got =
            parse_submission("application/json", br#"{"vote":"yes","website":"http://spam"}"#, "redirect").unwrap();
        assert_eq!(got.record, None);
    }

    #[test]
    fn standalone_endpoint_returns_only_to_thank_you_pages() {
        assert!(is_thanks_url("https://help.example.com/feedback/thanks/"));
        assert!(is_thanks_url("http://127.0.0.1:8000/docs/feedback/thanks/he/"));
        assert!(!is_thanks_url("https://evil.example/login/"));
        assert!(!is_thanks_url("https://evil.example/feedback/thanks/x/y/"));
        assert!(!is_thanks_url("javascript:alert(1)//feedback/thanks/"));
    }

    #[test]
    fn redirects_never_leave_the_server() {
        assert_eq!(local_path("https://evil.example/x/"), "/x/");
        assert_eq!(local_path("//evil.example/x"), "/");
    }

    #[test]
    fn summary_line_shows_vote_page_reason_text() {
        let got = parse_submission(
            "application/json",
            br#"{"vote":"no","page_id":"kb/a.md","reason":"broken_link","text":"dead\nlink"}"#,
            "redirect",
        )
        .unwrap();
        assert_eq!(summary_line(&got.record.unwrap()), "no · kb/a.md [broken_link] \"dead link\"");
    }
}
