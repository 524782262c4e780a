//! Browser test of help inside the product: a product page on another origin, under a strict
//! Content-Security-Policy that names only the help site and the feedback endpoint, embeds
//! help-widget.js with one tag. The help site is served with the headers of its generated
//! `_headers` file (so the CORS rules Folio writes are what lets the widget in), votes go to
//! `folio feedback serve`'s endpoint, and the test listens for policy violations, console errors and
//! exceptions. Set FOLIO_SKIP_BROWSER_TESTS=1 to skip.

use crate::browser_feedback::wait_until;
use crate::support;

use folio::serve::http::{Listener, Request, Response, Stopper};
use folio::serve::{start_endpoint, EndpointOptions};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use support::chromium::{browser_or_skip, Browser};

/// Serves a built site with the headers its `_headers` file gives each path, as Netlify would.
fn serve_help_site(listener: Listener, public: PathBuf) -> Stopper {
    let rules = read_headers_file(&std::fs::read_to_string(public.join("_headers")).expect("_headers is written"));
    listener
        .serve(move |request: Request| {
            let path = request.url().split('?').next().unwrap_or("/").to_string();
            let rel = path.trim_start_matches('/');
            let file = if rel.is_empty() || rel.ends_with('/') {
                public.join(rel).join("index.html")
            } else {
                public.join(rel)
            };
            let mut response = match std::fs::read(&file) {
                Ok(bytes) => Response::new(200, bytes, mime(&file)),
                Err(_) => Response::new(404, "not found", "text/plain"),
            };
            for (pattern, headers) in &rules {
                let applies = match pattern.strip_suffix('*') {
                    Some(prefix) => path.starts_with(prefix),
                    None => &path == pattern,
                };
                for (name, value) in headers.iter().filter(|_| applies) {
                    response = response.with_header(name, value);
                }
            }
            request.respond(response);
        })
        .0
}

/// `_headers` as (path pattern, [(name, value)]), comments skipped.
fn read_headers_file(text: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut rules: Vec<(String, Vec<(String, String)>)> = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')) {
        match line.strip_prefix("  ").and_then(|l| l.split_once(": ")) {
            Some((name, value)) => rules.last_mut().expect("a path first").1.push((name.into(), value.into())),
            None => rules.push((line.trim().to_string(), Vec::new())),
        }
    }
    rules
}

fn mime(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css",
        Some("js") => "text/javascript",
        Some("json") => "application/json",
        _ => "application/octet-stream",
    }
}

/// The product: every path under `/app/` (English) or `/he/app/` (Hebrew) is the same single-page app,
/// with a policy naming only the help site and the endpoint; its own stylesheet tries to restyle
/// every button and link. Violation reports arrive at `/csp-report`.
fn serve_product(listener: Listener, help: String, endpoint: String, reports: Arc<Mutex<Vec<String>>>) -> Stopper {
    let csp = format!(
        "default-src 'none'; script-src {help}; style-src 'self' {help}; connect-src {help} {endpoint}; \
         img-src 'self'; report-uri /csp-report"
    );
    listener
        .serve(move |request: Request| {
            let path = request.url().split('?').next().unwrap_or("/").to_string();
            let response = if path == "/csp-report" {
                reports.lock().unwrap().push(String::from_utf8_lossy(request.body()).into_owned());
                Response::new(204, "", "text/plain")
            } else if path == "/product.css" {
                Response::new(200, "button, a { font-size: 40px !important; color: rgb(180, 0, 0) !important; }\n", "text/css")
            } else if path == "/favicon.ico" {
                Response::new(204, "", "image/x-icon")
            } else {
                let lang = if path.starts_with("/he/") { "he" } else { "en" };
                let dir = if lang == "he" { "rtl" } else { "ltr" };
                let page = format!(
                    "<!DOCTYPE html>\n<html lang=\"{lang}\" dir=\"{dir}\"><head><meta charset=\"utf-8\"><title>Product</title>\
                     <link rel=\"stylesheet\" href=\"/product.css\"></head>\
                     <body><h1>Acme app</h1><button id=\"own\">Own button</button>\
                     <script src=\"{help}/help-widget.js\" async data-lang=\"{lang}\"></script></body></html>\n"
                );
                Response::new(200, page, "text/html; charset=utf-8")
            };
            request.respond(response.with_header("Content-Security-Policy", &csp));
        })
        .0
}

/// Builds the help site into `dir/public`: English and Hebrew, articles mapped to the product's screens.
fn build_help_site(dir: &Path, help: &str, product: &str, endpoint: &str) -> PathBuf {
    let files: &[(&str, String)] = &[
        (
            "site.yaml",
            format!(
                "title: Acme Help\nbase_url: {help}\nlanguage: en\nlanguages:\n  he:\n    fallback: hide\nhost: netlify\n\
                 feedback:\n  transport: endpoint\n  endpoint: {endpoint}\n\
                 \x20 next_step:\n    link: /contact/?from={{url}}&reason={{reason}}\n    chat: openSupportChat\n\
                 help_widget:\n  contexts:\n    /app/settings/team: [kb/team.md]\n  allowed_origins: [{product}]\n"
            ),
        ),
        ("content/_index.md", "---\ntitle: Help\n---\nWelcome.\n".into()),
        (
            "content/kb/invoices.md",
            "---\ntitle: Invoices\ndescription: Download and resend invoices\ncontext: [/app/billing/*]\n---\nInvoices.\n".into(),
        ),
        ("content/kb/invoices.he.md", "---\ntitle: חשבוניות\ncontext: [/he/app/billing/*]\n---\nחשבוניות.\n".into()),
        ("content/kb/team.md", "---\ntitle: Your team\n---\nInvite people.\n".into()),
        ("content/kb/refunds.md", "---\ntitle: Refunds\n---\nEvery plan is refundable within a month.\n".into()),
    ];
    for (rel, text) in files {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let built = folio::build_site(&folio::BuildOptions { root: dir.to_path_buf(), ..Default::default() })
        .unwrap_or_else(|e| panic!("help site build failed:\n{e}"));
    let public = dir.join("public");
    folio::write_output(&built.output, &public).unwrap();
    public
}

const WIDGET: &str = "document.querySelector('folio-help-widget').shadowRoot";
/// True once the widget has loaded its context and its stylesheet (it stays hidden until styled).
const STYLED: &str =
    "Boolean(document.querySelector('folio-help-widget')?.shadowRoot?.querySelector('.frame:not([hidden])'))";

/// The titles the panel lists now.
fn listed(browser: &mut Browser) -> Value {
    browser.eval(&format!("[...{WIDGET}.querySelectorAll('.articles a')].map((a) => a.firstChild.textContent)"))
}

fn wait_for_list(browser: &mut Browser, titles: &[&str]) {
    let expected = serde_json::to_string(titles).unwrap();
    let js = format!(
        "JSON.stringify([...{WIDGET}.querySelectorAll('.articles a')].map((a) => a.firstChild.textContent)) === {}",
        serde_json::to_string(&expected).unwrap()
    );
    let what = format!("the panel to list {expected}");
    wait_until(browser, &js, &what);
}

/// Records of the feedback file, once there are `n`.
fn wait_for_records(file: &Path, n: usize) -> Vec<Value> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let text = std::fs::read_to_string(file).unwrap_or_default();
        let votes: Vec<Value> = text.lines().filter_map(|l| serde_json::from_str(l).ok()).collect();
        if votes.len() >= n {
            return votes;
        }
        assert!(std::time::Instant::now() < deadline, "{n} votes expected, the endpoint has {votes:?}");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

#[test]
fn the_widget_helps_on_another_origin_under_a_strict_policy() {
    let Some(mut browser) = browser_or_skip() else { return };
    let dir = tempfile::tempdir().unwrap();
    let help_listener = Listener::bind([127, 0, 0, 1].into(), 0).unwrap();
    let product_listener = Listener::bind([127, 0, 0, 1].into(), 0).unwrap();
    let help = format!("http://127.0.0.1:{}", help_listener.local_addr().unwrap().port());
    let product = format!("http://127.0.0.1:{}", product_listener.local_addr().unwrap().port());
    let votes = dir.path().join("votes.jsonl");
    let options = EndpointOptions {
        bind: [127, 0, 0, 1].into(),
        port: 0,
        file: votes.clone(),
        redirect_field: "redirect".into(),
    };
    let sink = start_endpoint(options, Arc::new(|_: &str| {})).unwrap();
    let endpoint = format!("http://127.0.0.1:{}", sink.port);
    let public = build_help_site(dir.path(), &help, &product, &format!("{endpoint}/"));
    let _help_server = serve_help_site(help_listener, public);
    let reports = Arc::new(Mutex::new(Vec::new()));
    let _product_server = serve_product(product_listener, help.clone(), endpoint, reports.clone());

    browser.call("Runtime.enable", json!({}));
    browser.call("Log.enable", json!({}));
    browser.call("Page.enable", json!({}));
    browser.call(
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": "window.__violations = []; document.addEventListener('securitypolicyviolation', \
                 (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI)); \
                 document.addEventListener('folio:need-help', (e) => { window.__needHelp = e.detail; });" }),
    );
    browser.navigate(&format!("{product}/app/billing/invoices"));
    wait_until(&mut browser, STYLED, "the styled launcher");

    // Keyboard: Enter on the launcher opens the panel with the search box focused.
    browser.eval(&format!("{WIDGET}.querySelector('.launcher').focus()"));
    browser.press_key("Enter");
    wait_until(&mut browser, &format!("!{WIDGET}.querySelector('.panel').hidden"), "the panel");
    assert_eq!(
        browser.eval(&format!("{WIDGET}.querySelector('.launcher').getAttribute('aria-expanded')")),
        json!("true")
    );
    assert_eq!(browser.eval(&format!("{WIDGET}.activeElement.id")), json!("query"));
    assert_eq!(listed(&mut browser), json!(["Invoices"]));
    let link = browser.eval(&format!("{WIDGET}.querySelector('.articles a').href"));
    assert_eq!(link, json!(format!("{help}/kb/invoices/")));
    // The product's stylesheet does not reach inside, and ours does not reach the product.
    let inside = browser.eval(&format!("getComputedStyle({WIDGET}.querySelector('.launcher')).fontSize"));
    assert_eq!(inside, json!("15px"));
    assert_eq!(browser.eval("getComputedStyle(document.querySelector('#own')).fontSize"), json!("40px"));

    assert_clean(&mut browser, &reports);
    assert_accessible(&mut browser, &reports, "the English panel");

    // The product's own navigation changes the list, and back brings it back.
    browser.eval("history.pushState({}, '', '/app/settings/team')");
    wait_for_list(&mut browser, &["Your team"]);
    browser.eval("history.pushState({}, '', '/app/nothing-here')");
    wait_until(
        &mut browser,
        &format!("{WIDGET}.querySelector('.status').textContent.startsWith('No articles')"),
        "no articles",
    );
    browser.eval("history.back()");
    wait_for_list(&mut browser, &["Your team"]);

    // Search runs over the help site's own index.
    browser.eval(&format!("{WIDGET}.querySelector('#query').focus()"));
    browser.type_text("refundable");
    wait_for_list(&mut browser, &["Refunds"]);
    assert_eq!(
        browser.eval(&format!("{WIDGET}.querySelector('.articles a').href")),
        json!(format!("{help}/kb/refunds/"))
    );
    // A search that finds nothing is reported, as the /search/ page reports it: only the query, redacted.
    browser.eval(&format!("{WIDGET}.querySelector('#query').select()"));
    browser.type_text("zzqqxx dana@example.com");
    wait_until(
        &mut browser,
        &format!("{WIDGET}.querySelector('.status').textContent === 'No articles found.'"),
        "no results",
    );
    let gap = wait_for_records(&votes, 1);
    assert_eq!((gap[0]["type"].as_str(), gap[0]["reason"].as_str()), (Some("search"), Some("no_results")), "{gap:?}");
    assert_eq!(gap[0]["text"], "zzqqxx …", "an e-mail address never travels");
    browser.eval(&format!(
        "const q = {WIDGET}.querySelector('#query'); q.value = ''; q.dispatchEvent(new Event('input'))"
    ));
    wait_for_list(&mut browser, &["Your team"]);

    // "No" asks why, as the site's own form does; it and a "Yes" on another screen reach the endpoint,
    // named by pattern, never by the path; after the "No", "Still need help?" carries the screen and reason.
    browser.eval(&format!("{WIDGET}.querySelector('[data-vote=no]').click()"));
    assert_eq!(
        browser.eval(&format!("{WIDGET}.activeElement.value")),
        json!("inaccurate"),
        "the first reason is focused"
    );
    browser.eval(&format!("{WIDGET}.querySelector('input[value=missing_information]').click()"));
    browser.eval(&format!("{WIDGET}.querySelector('.send').click()"));
    let sent = wait_for_records(&votes, 2);
    assert_eq!(
        (sent[1]["vote"].as_str(), sent[1]["reason"].as_str()),
        (Some("no"), Some("missing_information")),
        "{sent:?}"
    );
    assert_eq!(sent[1]["page_id"], "help-widget:/app/settings/team");
    assert_eq!(sent[1]["lang"], "en");
    wait_until(
        &mut browser,
        &format!("{WIDGET}.querySelector('.answer').textContent === 'Thank you for telling us.'"),
        "thanks",
    );
    let contact = browser.eval(&format!("{WIDGET}.querySelector('.next a').href"));
    let screen = format!("{product}/app/settings/team").replace(':', "%3A").replace('/', "%2F");
    assert_eq!(contact, json!(format!("{help}/contact/?from={screen}&reason=missing_information")));
    browser.eval(&format!("{WIDGET}.querySelector('.next .chat').click()"));
    assert_eq!(browser.eval("window.__needHelp && window.__needHelp.reason"), json!("missing_information"));
    browser.eval("history.pushState({}, '', '/app/billing/42')");
    wait_for_list(&mut browser, &["Invoices"]);
    browser.eval(&format!("{WIDGET}.querySelector('[data-vote=yes]').click()"));
    let sent = wait_for_records(&votes, 3);
    assert_eq!(
        (sent[2]["vote"].as_str(), sent[2]["url"].as_str()),
        (Some("yes"), Some(&*format!("{product}/app/billing/*")))
    );

    // Escape closes and gives focus back to the launcher.
    browser.eval(&format!("{WIDGET}.querySelector('.articles a').focus()"));
    browser.press_key("Escape");
    assert_eq!(browser.eval(&format!("{WIDGET}.querySelector('.panel').hidden")), json!(true));
    assert_eq!(browser.eval(&format!("{WIDGET}.activeElement.className")), json!("launcher"));

    // In Hebrew: the Hebrew file, right to left, the launcher on the left; this time in a browser without
    // the Navigation API, where the widget hears pushState through history itself.
    browser.call(
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": "Object.defineProperty(window, 'navigation', { value: undefined, configurable: true });" }),
    );
    browser.navigate(&format!("{product}/he/app/billing/7"));
    wait_until(&mut browser, STYLED, "the Hebrew launcher");
    browser.eval(&format!("{WIDGET}.querySelector('.launcher').click()"));
    wait_for_list(&mut browser, &["חשבוניות"]);
    assert_eq!(browser.eval("window.navigation === undefined"), json!(true));
    browser.eval("history.pushState({}, '', '/he/app/settings')");
    wait_until(
        &mut browser,
        &format!("{WIDGET}.querySelector('.status').textContent.startsWith('עדיין אין')"),
        "no articles",
    );
    browser.eval("history.back()");
    wait_for_list(&mut browser, &["חשבוניות"]);
    assert_eq!(browser.eval(&format!("{WIDGET}.querySelector('.frame').dir")), json!("rtl"));
    assert_eq!(browser.eval(&format!("{WIDGET}.querySelector('.launcher').textContent")), json!("?עזרה"));
    let left =
        browser.eval(&format!("{WIDGET}.querySelector('.launcher').getBoundingClientRect().left < innerWidth / 2"));
    assert_eq!(left, json!(true), "the launcher sits at the inline end, which is the left in Hebrew");

    assert_clean(&mut browser, &reports);
    assert_accessible(&mut browser, &reports, "the Hebrew panel");
    sink.stop();
}

/// No policy violation (seen in the page or reported to the product), console error, warning or
/// exception since the page loaded, or since the last check.
fn assert_clean(browser: &mut Browser, reports: &Mutex<Vec<String>>) {
    let violations = browser.eval("window.__violations.splice(0)");
    assert_eq!(violations, json!([]), "Content-Security-Policy violations in the page");
    assert!(reports.lock().unwrap().is_empty(), "violation reports: {:?}", reports.lock().unwrap());
    let problems: Vec<Value> = browser
        .take_events()
        .into_iter()
        .filter(|e| match e["method"].as_str() {
            Some("Runtime.consoleAPICalled") => matches!(e["params"]["type"].as_str(), Some("error" | "warning")),
            Some("Log.entryAdded") => matches!(e["params"]["entry"]["level"].as_str(), Some("error" | "warning")),
            Some("Runtime.exceptionThrown") => true,
            _ => false,
        })
        .collect();
    assert!(problems.is_empty(), "console errors or exceptions: {problems:#?}");
}

/// axe-core, which reads open shadow roots, finds nothing serious on the page with the panel open. axe
/// itself adds an inline style the product's policy refuses: what it causes is forgotten afterwards.
fn assert_accessible(browser: &mut Browser, reports: &Mutex<Vec<String>>, what: &str) {
    let found = crate::browser_axe::violations(browser, &crate::browser_axe::axe_source());
    assert!(found.is_empty(), "axe, {what}: {found:#?}");
    // Reports are posted a moment after the violation.
    std::thread::sleep(std::time::Duration::from_millis(500));
    browser.eval("window.__violations.splice(0)");
    reports.lock().unwrap().clear();
    browser.take_events();
}
