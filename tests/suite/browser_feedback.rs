//! Browser tests of "Was this helpful?" and comments, in headless Chromium against a built fixture
//! site served by a small local server that also plays the feedback endpoint and a comment server
//! (Isso), and sends a strict Content-Security-Policy whose violations it records.
//! Set FOLIO_SKIP_BROWSER_TESTS=1 to skip.

use crate::support;

use folio::serve::http::{Listener, Request, Response, Stopper};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use support::chromium::{browser_or_skip, Browser};

/// The policy the default theme must live with: nothing inline, nothing from elsewhere.
const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                   connect-src 'self'; form-action 'self'; frame-src 'self'; report-uri /csp-report";

/// One request the server saw: method, path, content type and body.
#[derive(Debug, Clone)]
pub(crate) struct Seen {
    pub method: String,
    pub path: String,
    pub content_type: String,
    pub body: String,
}

/// Serves a folder with the CSP above; `POST /feedback` is the endpoint; `/isso/…` is a comment server.
pub(crate) struct SiteServer {
    stopper: Stopper,
    seen: Arc<Mutex<Vec<Seen>>>,
    port: u16,
}

impl SiteServer {
    pub(crate) fn start(root: PathBuf) -> SiteServer {
        let listener = Listener::bind([127, 0, 0, 1].into(), 0).expect("bind a local port");
        let port = listener.local_addr().unwrap().port();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = seen.clone();
        let (stopper, _) = listener.serve(move |request| answer(request, &root, &log));
        SiteServer { stopper, seen, port }
    }

    pub(crate) fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    pub(crate) fn requests(&self, prefix: &str) -> Vec<Seen> {
        self.seen.lock().unwrap().iter().filter(|s| s.path.starts_with(prefix)).cloned().collect()
    }

    /// Waits until a `method` request under `prefix` arrives; panics after 10 s.
    pub(crate) fn wait_for(&self, method: &str, prefix: &str) -> Seen {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(seen) = self.requests(prefix).into_iter().rfind(|s| s.method == method) {
                return seen;
            }
            assert!(
                Instant::now() < deadline,
                "no request to {prefix} within 10 s; saw {:?}",
                self.seen.lock().unwrap()
            );
            std::thread::sleep(Duration::from_millis(25));
        }
    }
}

impl Drop for SiteServer {
    fn drop(&mut self) {
        self.stopper.stop();
    }
}

fn answer(request: Request, root: &Path, log: &Mutex<Vec<Seen>>) {
    let path = request.url().split('?').next().unwrap_or("/").to_string();
    let content_type = request.header("Content-Type").unwrap_or_default().to_string();
    let body = String::from_utf8_lossy(request.body()).into_owned();
    let method = request.method().to_string();
    log.lock().unwrap().push(Seen {
        method: method.clone(),
        path: path.clone(),
        content_type: content_type.clone(),
        body: body.clone(),
    });
    let response = if path == "/feedback" && method == "POST" {
        if content_type.starts_with("application/json") {
            Response::new(200, "{\"ok\":true}", "application/json")
        } else {
            let redirect = body.split('&').find_map(|p| p.strip_prefix("redirect=")).unwrap_or("");
            let to = if redirect.contains("he%2F") { "/feedback/thanks/he/" } else { "/feedback/thanks/" };
            Response::new(303, "", "text/plain").with_header("Location", to)
        }
    } else if path.starts_with("/isso/") {
        Response::new(200, "document.documentElement.dataset.issoLoaded = '1';", "text/javascript")
    } else {
        let rel = path.trim_start_matches('/');
        let file =
            if rel.is_empty() || rel.ends_with('/') { root.join(rel).join("index.html") } else { root.join(rel) };
        match std::fs::read(&file) {
            Ok(bytes) => {
                let mime = match file.extension().and_then(|e| e.to_str()) {
                    Some("html") => "text/html; charset=utf-8",
                    Some("css") => "text/css",
                    Some("js") => "text/javascript",
                    _ => "application/octet-stream",
                };
                Response::new(200, bytes, mime)
            }
            Err(_) => Response::new(404, "not found", "text/plain"),
        }
    };
    request.respond(response.with_header("Content-Security-Policy", CSP));
}

/// Writes and builds the fixture: a Hebrew site with an English article, feedback to `endpoint`
/// and Isso comments on the local server, loaded on click or on scroll (`load`).
fn build_fixture(dir: &Path, endpoint: &str, isso: &str, load: &str) -> PathBuf {
    let files: &[(&str, String)] = &[
        (
            "site.yaml",
            format!(
                "title: אתר בדיקה\nbase_url: https://example.com\nlanguage: he\n\
                 feedback:\n  transport: endpoint\n  endpoint: {endpoint}\n  email: docs@example.com\n\
                 comments:\n  provider: isso\n  url: {isso}\n  load: {load}\n"
            ),
        ),
        ("content/_index.md", "---\ntitle: דף הבית\n---\nברוכים הבאים.\n".into()),
        ("content/kb/billing/_index.md", "---\ntitle: חשבוניות\n---\n".into()),
        (
            "content/kb/billing/invoices.md",
            format!("---\ntitle: הפקת חשבונית\n---\n{}", "חשבונית מס היא מסמך.\n\n".repeat(60)),
        ),
        (
            "content/kb/billing/english.md",
            format!(
                "---\ntitle: Issuing an invoice\nlang: en\n---\n{}",
                "An invoice cannot be deleted.\n\n".repeat(60)
            ),
        ),
    ];
    for (rel, text) in files {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let built = folio::build_site(&folio::BuildOptions { root: dir.to_path_buf(), ..Default::default() })
        .unwrap_or_else(|e| panic!("fixture build failed:\n{e}"));
    let public = dir.join("public");
    folio::write_output(&built.output, &public).unwrap();
    public
}

/// A served fixture whose endpoint is the server's own `/feedback`.
pub(crate) fn served_fixture() -> (tempfile::TempDir, SiteServer) {
    let dir = tempfile::tempdir().unwrap();
    let server = SiteServer::start(dir.path().join("public"));
    let isso = server.url("/isso");
    build_fixture(dir.path(), "/feedback", &isso, "click");
    (dir, server)
}

/// Polls `js` until it returns true; panics with `what` after 10 s.
pub(crate) fn wait_until(browser: &mut Browser, js: &str, what: &str) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while browser.eval(js) != Value::Bool(true) {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(25));
    }
}

/// Inline code or styles a strict policy would block, and violation reports the server received.
pub(crate) fn assert_csp_clean(browser: &mut Browser, server: &SiteServer) {
    let inline = browser.eval(
        "[...document.querySelectorAll('script:not([src]):not([type=\"application/ld+json\"]), style, [style]')].length",
    );
    assert_eq!(inline, json!(0), "inline scripts or styles on the page");
    std::thread::sleep(Duration::from_millis(300));
    let reports = server.requests("/csp-report");
    assert!(reports.is_empty(), "Content-Security-Policy violations: {reports:#?}");
}

#[test]
fn vote_reason_and_text_reach_the_endpoint_with_the_documented_payload() {
    let Some(mut browser) = browser_or_skip() else { return };
    let (_dir, server) = served_fixture();
    browser.navigate(&server.url("/kb/billing/english/"));
    let hidden = browser.eval("getComputedStyle(document.querySelector('.feedback-details')).display === 'none'");
    assert_eq!(hidden, json!(true), "the details wait for a vote");
    browser.eval("document.querySelector('input[name=vote][value=no]').click()");
    wait_until(
        &mut browser,
        "getComputedStyle(document.querySelector('.feedback-details')).display === 'block'",
        "the details after a vote",
    );
    browser.eval("document.querySelector('input[name=reason][value=missing_information]').click()");
    browser.eval("document.querySelector('textarea[name=text]').focus()");
    browser.type_text("The export steps are missing");
    browser.eval("document.querySelector('input[name=email]').focus()");
    browser.type_text("dana@example.com");
    browser.eval("document.querySelector('.feedback-send').click()");
    wait_until(&mut browser, "!document.querySelector('.feedback-thanks').hidden", "the inline thanks");
    assert_eq!(browser.eval("location.pathname"), json!("/kb/billing/english/"), "the page did not change");

    let post = server.wait_for("POST", "/feedback");
    assert_eq!(post.content_type, "application/json");
    let payload: Value = serde_json::from_str(&post.body).unwrap();
    let mut keys: Vec<&String> = payload.as_object().unwrap().keys().collect();
    keys.sort();
    assert_eq!(keys, ["email", "lang", "page_id", "reason", "text", "timestamp", "title", "url", "vote"]);
    assert_eq!(payload["url"], "https://example.com/kb/billing/english/");
    assert_eq!(payload["page_id"], "kb/billing/english.md");
    assert_eq!(payload["title"], "Issuing an invoice");
    assert_eq!(payload["lang"], "en");
    assert_eq!(payload["vote"], "no");
    assert_eq!(payload["reason"], "missing_information");
    assert_eq!(payload["text"], "The export steps are missing");
    assert_eq!(payload["email"], "dana@example.com");
    let timestamp = payload["timestamp"].as_str().unwrap();
    assert!(timestamp.len() == 24 && timestamp.ends_with('Z') && timestamp.starts_with("20"), "{timestamp}");

    // One vote per page, remembered without cookies.
    browser.navigate(&server.url("/kb/billing/english/"));
    assert_eq!(browser.eval("document.querySelector('.feedback-form').hidden"), json!(true));
    assert_eq!(browser.eval("document.querySelector('.feedback-voted').hidden"), json!(false));
    assert_eq!(browser.eval("document.cookie"), json!(""));
    assert_csp_clean(&mut browser, &server);
}

#[test]
fn a_filled_honeypot_looks_sent_but_posts_nothing() {
    let Some(mut browser) = browser_or_skip() else { return };
    let (_dir, server) = served_fixture();
    browser.navigate(&server.url("/kb/billing/english/"));
    browser.eval("document.querySelector('input[name=website]').value = 'https://spam.example'");
    browser.eval("document.querySelector('input[name=vote][value=yes]').click()");
    browser.eval("document.querySelector('.feedback-send').click()");
    wait_until(&mut browser, "!document.querySelector('.feedback-thanks').hidden", "the thanks a bot is shown");
    std::thread::sleep(Duration::from_millis(300));
    let posts: Vec<Seen> = server.requests("/feedback").into_iter().filter(|s| s.method == "POST").collect();
    assert!(posts.is_empty(), "a bot's submission was sent: {posts:?}");
}

#[test]
fn without_javascript_the_form_posts_and_lands_on_the_thank_you_page() {
    let Some(mut browser) = browser_or_skip() else { return };
    let (_dir, server) = served_fixture();
    browser.call("Emulation.setScriptExecutionDisabled", json!({ "value": true }));
    browser.navigate(&server.url("/kb/billing/invoices/"));
    assert_eq!(browser.eval("document.querySelector('.feedback').classList.contains('is-enhanced')"), json!(false));
    assert_eq!(browser.eval("getComputedStyle(document.querySelector('.feedback-details')).display"), json!("block"));
    browser.eval("document.querySelector('input[name=vote][value=yes]').checked = true");
    browser.eval("document.querySelector('textarea[name=text]').value = 'ברור מאוד'");
    browser.eval("document.querySelector('.feedback-send').click()");
    wait_until(
        &mut browser,
        "location.pathname === '/feedback/thanks/' && document.readyState === 'complete'",
        "the thank-you page",
    );
    assert_eq!(browser.eval("document.querySelector('h1').textContent"), json!("תודה על המשוב"));
    let post = server.wait_for("POST", "/feedback");
    assert_eq!(post.content_type, "application/x-www-form-urlencoded");
    let fields: std::collections::BTreeMap<String, String> = post
        .body
        .split('&')
        .filter_map(|p| p.split_once('='))
        .map(|(k, v)| (k.to_string(), percent_decode(v)))
        .collect();
    assert_eq!(fields["vote"], "yes");
    assert_eq!(fields["page_id"], "kb/billing/invoices.md");
    assert_eq!(fields["lang"], "he");
    assert_eq!(fields["text"], "ברור מאוד");
    assert_eq!(fields["website"], "", "the honeypot is posted empty");
}

fn percent_decode(text: &str) -> String {
    let text = text.replace('+', " ");
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() + 1 {
            out.push(u8::from_str_radix(&text[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

#[test]
fn unreachable_endpoint_offers_a_retry_and_an_email() {
    let Some(mut browser) = browser_or_skip() else { return };
    let dir = tempfile::tempdir().unwrap();
    let server = SiteServer::start(dir.path().join("public"));
    // Nothing listens on port 9 here; the fetch fails the way an unreachable endpoint does.
    build_fixture(dir.path(), "http://127.0.0.1:9/feedback", &server.url("/isso"), "click");
    browser.navigate(&server.url("/kb/billing/english/"));
    browser.eval("document.querySelector('input[name=vote][value=yes]').click()");
    browser.eval("document.querySelector('textarea[name=text]').value = 'Thanks'");
    browser.eval("document.querySelector('.feedback-send').click()");
    wait_until(&mut browser, "!document.querySelector('.feedback-failed').hidden", "the fallback");
    assert_eq!(browser.eval("document.querySelector('.feedback-thanks').hidden"), json!(true));
    let mailto = browser.eval("document.querySelector('.feedback-mailto').href");
    let mailto = mailto.as_str().unwrap();
    assert!(
        mailto.starts_with("mailto:docs@example.com?subject=Feedback%3A%20Issuing%20an%20invoice&body="),
        "{mailto}"
    );
    assert!(mailto.contains("Helpful%3A%20yes") && mailto.contains("Thanks"), "{mailto}");
    browser.eval("document.querySelector('.feedback-retry').click()");
    wait_until(&mut browser, "!document.querySelector('.feedback-failed').hidden", "the fallback after a retry");
    assert_eq!(browser.eval("localStorage.length"), json!(0), "a vote that was not sent is not remembered");
    // On a Hebrew page the mail's subject is in Hebrew, from he.yaml's `feedback_issue_title`.
    browser.navigate(&server.url("/kb/billing/invoices/"));
    browser.eval("document.querySelector('input[name=vote][value=no]').click()");
    browser.eval("document.querySelector('.feedback-send').click()");
    wait_until(&mut browser, "!document.querySelector('.feedback-failed').hidden", "the Hebrew fallback");
    let mailto = browser.eval("document.querySelector('.feedback-mailto').href");
    let subject = percent_decode(mailto.as_str().unwrap().split("subject=").nth(1).unwrap().split('&').next().unwrap());
    assert_eq!(subject, "משוב: הפקת חשבונית");
}

#[test]
fn comments_load_nothing_from_the_provider_before_the_click() {
    let Some(mut browser) = browser_or_skip() else { return };
    let (_dir, server) = served_fixture();
    browser.navigate(&server.url("/kb/billing/invoices/"));
    browser.eval("document.querySelector('#comments').scrollIntoView()");
    std::thread::sleep(Duration::from_millis(500));
    assert!(server.requests("/isso/").is_empty(), "the provider was contacted before the click");
    assert_eq!(browser.eval("document.querySelector('.comments-load').hidden"), json!(false));
    assert_eq!(browser.eval("document.querySelector('.comments-load').textContent"), json!("הצגת התגובות"));
    browser.eval("document.querySelector('.comments-load').click()");
    let script = server.wait_for("GET", "/isso/");
    assert_eq!(script.path, "/isso/js/embed.min.js");
    wait_until(&mut browser, "document.documentElement.dataset.issoLoaded === '1'", "the provider's script to run");
    let thread = browser.eval("[document.querySelector('#isso-thread').dataset.issoId, getComputedStyle(document.querySelector('.comments-thread')).direction]");
    assert_eq!(thread, json!(["kb/billing/invoices.md", "rtl"]));
    assert_csp_clean(&mut browser, &server);
}

/// Where the widget's pieces sit and what they say.
const PLACEMENT: &str = r#"(() => {
  const box = document.querySelector('.feedback');
  const jump = document.querySelector('.feedback-jump').getBoundingClientRect();
  return {
    question: document.querySelector('#feedback-title').textContent,
    yes: document.querySelector('input[name=vote][value=yes]').parentElement.textContent.trim(),
    direction: getComputedStyle(box).direction,
    jumpLeft: jump.left,
    jumpRight: jump.right,
    jumpFixed: getComputedStyle(document.querySelector('.feedback-jump')).position,
    jumpVisible: jump.top >= 0 && jump.bottom <= innerHeight,
    width: innerWidth,
    afterArticle: box.compareDocumentPosition(document.querySelector('.doc-body')) === Node.DOCUMENT_POSITION_PRECEDING,
  };
})()"#;

#[test]
fn hebrew_labels_and_right_to_left_placement() {
    let Some(mut browser) = browser_or_skip() else { return };
    let (_dir, server) = served_fixture();
    browser.set_viewport(1200, 800);
    browser.navigate(&server.url("/kb/billing/invoices/"));
    let he = browser.eval(PLACEMENT);
    assert_eq!(he["question"], "האם הדף הזה עזר לך?");
    assert_eq!(he["yes"], "כן");
    assert_eq!(he["direction"], "rtl");
    assert_eq!(he["jumpFixed"], "fixed");
    assert_eq!(he["jumpVisible"], true, "the entry point is on screen at the top of a long page: {he:#}");
    assert!(he["jumpLeft"].as_f64().unwrap() < 100.0, "in Hebrew the entry point sits at the left edge: {he:#}");
    assert_eq!(he["afterArticle"], true);
    browser.eval("document.querySelector('.feedback-jump').click()");
    wait_until(&mut browser, "location.hash === '#feedback' && document.querySelector('#feedback').getBoundingClientRect().top < innerHeight", "the jump to the widget");

    browser.navigate(&server.url("/kb/billing/english/"));
    let en = browser.eval(PLACEMENT);
    assert_eq!(en["question"], "Was this page helpful?");
    assert_eq!(en["direction"], "ltr");
    let width = en["width"].as_f64().unwrap();
    assert!(en["jumpRight"].as_f64().unwrap() > width - 100.0, "in English it sits at the right edge: {en:#}");
}

#[test]
fn comments_set_to_load_on_scroll_wait_until_the_thread_is_near() {
    let Some(mut browser) = browser_or_skip() else { return };
    let dir = tempfile::tempdir().unwrap();
    let server = SiteServer::start(dir.path().join("public"));
    build_fixture(dir.path(), "/feedback", &server.url("/isso"), "scroll");
    browser.set_viewport(1200, 700);
    browser.navigate(&server.url("/kb/billing/invoices/"));
    std::thread::sleep(Duration::from_millis(500));
    assert!(server.requests("/isso/").is_empty(), "the provider was contacted before the thread came near");
    browser.eval("document.querySelector('#comments').scrollIntoView()");
    assert_eq!(server.wait_for("GET", "/isso/").path, "/isso/js/embed.min.js");
    wait_until(&mut browser, "document.querySelector('.comments-load').hidden", "the button to give way to the thread");
}
