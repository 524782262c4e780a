//! Browser test: a post's share links sit in reading order (right to left in Hebrew), and "copy
//! link" appears only with its script and really copies the post's address.
//!
//! Builds a small Hebrew site with the real `folio` binary, serves it and drives headless
//! Chromium. Set FOLIO_SKIP_BROWSER_TESTS=1 to skip.

use crate::support;

use serde_json::Value;
use std::process::Command;
use std::time::{Duration, Instant};
use support::chromium::{browser_or_skip, StaticServer};
use support::site::TestSite;

fn build_hebrew_post() -> TestSite {
    let site = TestSite::with_config("title: אתר\nbase_url: https://example.com\nlanguage: he\n");
    // Two headings give the post a table of contents, and so the two-column layout on wide screens.
    site.page(
        "blog/2026-01-01-hello.md",
        "title: שלום עולם",
        "פוסט ראשון.\n\n## חלק א\n\nטקסט.\n\n## חלק ב\n\nטקסט.\n",
    );
    let out = Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(["build", "-q", "--root"])
        .arg(site.root())
        .arg("--output")
        .arg(site.path("public"))
        .output()
        .expect("run folio");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    site
}

const MEASURE: &str = r#"(() => {
  const links = [...document.querySelectorAll('.share-links .share-link')];
  const copy = document.querySelector('.share-copy');
  return {
    ids: links.map(l => [...l.classList].find(c => c.startsWith('share-') && c !== 'share-link')),
    rights: links.map(l => l.getBoundingClientRect().right),
    copyVisible: copy ? !copy.hidden && copy.getBoundingClientRect().width > 0 : false,
    direction: getComputedStyle(document.querySelector('.share-links')).direction,
    share: (({ left, right, top }) => ({ left, right, top }))(document.querySelector('.share').getBoundingClientRect()),
    body: (({ left, right, bottom }) => ({ left, right, bottom }))(document.querySelector('.doc-body').getBoundingClientRect()),
  };
})()"#;

#[test]
fn share_links_run_right_to_left_and_copy_link_copies_the_address() {
    let Some(mut browser) = browser_or_skip() else { return };
    let site = build_hebrew_post();
    let server = StaticServer::serve(&site.path("public"));
    // One column below 64rem, text and table of contents side by side above it.
    for width in [1000, 1300] {
        browser.set_viewport(width, 900);
        browser.navigate(&server.url("/blog/hello/"));
        let m = browser.eval(MEASURE);
        let edge = |rect: &str, side: &str| m[rect][side].as_f64().unwrap();
        assert!((edge("share", "right") - edge("body", "right")).abs() < 1.0, "share row in the text column: {m:#}");
        assert!(edge("share", "left") >= edge("body", "left") - 1.0, "no wider than the text at {width}px: {m:#}");
        assert!(edge("share", "top") >= edge("body", "bottom"), "below the text: {m:#}");
    }
    let m = browser.eval(MEASURE);
    assert_eq!(
        m["ids"],
        serde_json::json!([
            "share-linkedin",
            "share-x",
            "share-facebook",
            "share-whatsapp",
            "share-email",
            "share-copy"
        ]),
        "{m:#}"
    );
    assert_eq!(m["direction"], "rtl", "{m:#}");
    assert_eq!(m["copyVisible"], true, "share.js shows the copy button: {m:#}");
    let rights: Vec<f64> = m["rights"].as_array().unwrap().iter().map(|v| v.as_f64().unwrap()).collect();
    assert!(rights.windows(2).all(|w| w[0] > w[1]), "in Hebrew the first link is rightmost: {rights:?}");

    // A key press is a real user gesture, which the clipboard requires.
    browser.eval("document.querySelector('.share-copy').focus()");
    browser.press_key("Enter");
    let deadline = Instant::now() + Duration::from_secs(5);
    let state = loop {
        let state = browser.eval(
            "({ state: document.querySelector('.share-copy').dataset.state || null, \
                status: document.querySelector('.share-status').textContent })",
        );
        if !state["state"].is_null() || Instant::now() > deadline {
            break state;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(state["state"], "copied", "{state:#}");
    assert_eq!(state["status"], "הקישור הועתק", "{state:#}");
    let pasted: Value = browser
        .eval("(async () => { try { return await navigator.clipboard.readText(); } catch (e) { return null; } })()");
    if !pasted.is_null() {
        assert_eq!(pasted, "https://example.com/blog/hello/");
    }
}
