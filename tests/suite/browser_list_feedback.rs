//! Browser tests of "Didn't find what you need? Tell us" on a KB category page, in headless
//! Chromium against the fixture and local endpoint of browser_feedback.rs (strict CSP): sent in
//! place with JavaScript, posted to the thank-you page without it, mirrored in RTL.
//! Set FOLIO_SKIP_BROWSER_TESTS=1 to skip.

use crate::browser_feedback::{assert_csp_clean, served_fixture, wait_until};
use crate::support::chromium::browser_or_skip;
use serde_json::{json, Value};

#[test]
fn list_form_on_a_category_sends_the_payload_in_place() {
    let Some(mut browser) = browser_or_skip() else { return };
    let (_dir, server) = served_fixture();
    browser.navigate(&server.url("/kb/billing/"));
    wait_until(
        &mut browser,
        "document.querySelector('.list-feedback').classList.contains('is-enhanced')",
        "feedback.js",
    );
    browser.eval("document.querySelector('.list-feedback textarea[name=text]').focus()");
    browser.type_text("איך מבטלים חשבונית");
    browser.eval("document.querySelector('.list-feedback input[name=email]').focus()");
    browser.type_text("dana@example.com");
    browser.eval("document.querySelector('.list-feedback .feedback-send').click()");
    wait_until(&mut browser, "!document.querySelector('.list-feedback .feedback-thanks').hidden", "the inline thanks");
    assert_eq!(browser.eval("location.pathname"), json!("/kb/billing/"), "the page did not change");

    let post = server.wait_for("POST", "/feedback");
    assert_eq!(post.content_type, "application/json");
    let payload: Value = serde_json::from_str(&post.body).unwrap();
    let mut keys: Vec<&String> = payload.as_object().unwrap().keys().collect();
    keys.sort();
    assert_eq!(keys, ["email", "lang", "page_id", "text", "timestamp", "title", "type", "url"]);
    assert_eq!(payload["url"], "https://example.com/kb/billing/");
    assert_eq!(payload["page_id"], "kb/billing");
    assert_eq!(payload["title"], "חשבוניות");
    assert_eq!(payload["lang"], "he");
    assert_eq!(payload["type"], json!("not_found"), "a vote-less request");
    assert_eq!(payload["text"], "איך מבטלים חשבונית");
    assert_eq!(payload["email"], "dana@example.com");

    // A list is not a vote: the form is back on the next visit.
    browser.navigate(&server.url("/kb/billing/"));
    assert_eq!(browser.eval("document.querySelector('.list-feedback .feedback-form').hidden"), json!(false));
    assert_csp_clean(&mut browser, &server);
}

#[test]
fn list_form_mirrors_in_rtl_and_posts_without_javascript() {
    let Some(mut browser) = browser_or_skip() else { return };
    let (_dir, server) = served_fixture();
    browser.navigate(&server.url("/kb/billing/"));
    // The accent is on the start edge: the right in Hebrew.
    let edges = browser.eval(
        "(() => { const s = getComputedStyle(document.querySelector('.list-feedback')); \
         return [s.borderRightWidth, s.borderLeftWidth]; })()",
    );
    assert_eq!(edges, json!(["3px", "1px"]));

    browser.call("Emulation.setScriptExecutionDisabled", json!({ "value": true }));
    browser.navigate(&server.url("/kb/billing/"));
    assert_eq!(
        browser.eval("document.querySelector('.list-feedback').classList.contains('is-enhanced')"),
        json!(false)
    );
    browser.eval("document.querySelector('.list-feedback textarea[name=text]').value = 'מחיקת חשבונית'");
    browser.eval("document.querySelector('.list-feedback .feedback-send').click()");
    wait_until(
        &mut browser,
        "location.pathname === '/feedback/thanks/' && document.readyState === 'complete'",
        "the thank-you page",
    );
    let post = server.wait_for("POST", "/feedback");
    assert_eq!(post.content_type, "application/x-www-form-urlencoded");
    for field in ["page_id=kb%2Fbilling", "type=not_found", "website=&"] {
        assert!(post.body.contains(field), "{field} missing from {}", post.body);
    }
    assert!(post.body.contains("text=%D7%9E%D7%97%D7%99%D7%A7%D7%AA"), "{}", post.body);
    assert!(!post.body.contains("vote="), "{}", post.body);
}
