//! Browser tests for search: a Hebrew query typed into the header box shows highlighted results that the keyboard
//! can walk and open, and /search/?q= lists the results as ordinary links.
//!
//! A small Hebrew site is built with the real `folio` binary and served on a local port. Set
//! FOLIO_SKIP_BROWSER_TESTS=1 to skip.

use crate::support;

use serde_json::Value;
use std::process::Command;
use std::thread;
use std::time::{Duration, Instant};
use support::chromium::{browser_or_skip, Browser, StaticServer};
use support::site::TestSite;

fn build_fixture() -> (TestSite, std::path::PathBuf) {
    let site = TestSite::with_config("title: מחברת\nbase_url: https://example.com\nlanguage: he\n");
    site.page("_index.md", "title: דף הבית", "ברוכים הבאים.\n")
        .page("kb/billing/invoices.md", "title: הפקת חשבונית", "שולחים את החשבונית ללקוחות בדוא\"ל.\n")
        .page("kb/billing/refunds.md", "title: זיכוי ללקוח", "מפיקים זיכוי כשהלקוח ביטל.\n")
        .page("kb/setup/start.md", "title: התחלה מהירה", "הגדרות ראשונות של החשבון.\n");
    let public = site.root().join("public");
    let output = Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(["build", "-q", "--root"])
        .arg(site.root())
        .arg("--output")
        .arg(&public)
        .output()
        .expect("run folio");
    assert!(output.status.success(), "folio build failed: {}", String::from_utf8_lossy(&output.stderr));
    (site, public)
}

/// Evaluates `js` until it returns true, or fails after a few seconds with the last value of `show`.
fn wait_until(browser: &mut Browser, what: &str, js: &str, show: &str) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while browser.eval(js) != Value::Bool(true) {
        if Instant::now() > deadline {
            panic!("timed out waiting until {what}; page state: {}", browser.eval(show));
        }
        thread::sleep(Duration::from_millis(25));
    }
}

const OPTIONS: &str = r#"JSON.stringify([...document.querySelectorAll('#search-listbox [role=option]')].map(o => ({
  text: o.textContent, selected: o.getAttribute('aria-selected'), marks: [...o.querySelectorAll('mark')].map(m => m.textContent)
})))"#;

#[test]
fn hebrew_query_in_the_header_box_shows_highlighted_results_and_the_keyboard_opens_one() {
    let Some(mut browser) = browser_or_skip() else { return };
    let (_site, public) = build_fixture();
    let server = StaticServer::serve(&public);
    browser.navigate(&server.url("/kb/setup/start/"));

    // `/` focuses the box from anywhere on the page.
    browser.press_key("/");
    assert_eq!(browser.eval("document.activeElement.id"), "search-input");
    browser.type_text("לקוח");
    let options = "document.querySelectorAll('#search-listbox [role=option]').length";
    wait_until(&mut browser, "results are listed", &format!("{options} >= 3"), OPTIONS);
    assert_eq!(browser.eval("document.querySelector('#search-input').getAttribute('aria-expanded')"), "true");
    let titles = browser.eval(
        "[...document.querySelectorAll('#search-listbox .search-option-title')].map(t => t.textContent).join('|')",
    );
    let titles = titles.as_str().unwrap();
    assert!(titles.contains("זיכוי ללקוח") && titles.contains("הפקת חשבונית"), "{titles}");
    // Every form of the word is highlighted: לקוח in a title, ללקוחות and כשהלקוח in excerpts.
    let marks = browser.eval("[...document.querySelectorAll('#search-listbox mark')].map(m => m.textContent)");
    let marks: Vec<&str> = marks.as_array().unwrap().iter().filter_map(Value::as_str).collect();
    for form in ["ללקוח", "ללקוחות", "כשהלקוח"] {
        assert!(marks.contains(&form), "{form} is not highlighted: {marks:?}");
    }
    assert_eq!(browser.eval("getComputedStyle(document.querySelector('.search-popup')).direction"), "rtl");

    // Arrow keys move the active option; the input says which one.
    browser.press_key("ArrowDown");
    browser.press_key("ArrowDown");
    let active = browser.eval("document.querySelector('#search-input').getAttribute('aria-activedescendant')");
    assert_eq!(active, "search-option-1");
    assert_eq!(browser.eval("document.getElementById('search-option-1').getAttribute('aria-selected')"), "true");
    browser.press_key("ArrowUp");
    let first_url = browser.eval("document.querySelector('#search-option-0 a').pathname");

    // Escape closes the list; Enter on an option opens its page.
    browser.press_key("Escape");
    assert_eq!(browser.eval("document.querySelector('.search-popup').hidden"), true);
    browser.press_key("ArrowDown");
    wait_until(&mut browser, "the list is open again", "!document.querySelector('.search-popup').hidden", OPTIONS);
    browser.press_key("Enter");
    let arrived = format!("location.pathname === {first_url}");
    wait_until(&mut browser, "the chosen page opened", &arrived, "location.href");
}

#[test]
fn the_search_page_reads_q_and_lists_results_as_links() {
    let Some(mut browser) = browser_or_skip() else { return };
    let (_site, public) = build_fixture();
    let server = StaticServer::serve(&public);
    browser.navigate(&server.url("/search/?q=%D7%97%D7%A9%D7%91%D7%95%D7%A0%D7%99%D7%AA"));
    let results = "document.querySelectorAll('#search-results li.search-result').length";
    wait_until(&mut browser, "the results are listed", &format!("{results} > 0"), "document.body.innerText");
    assert_eq!(browser.eval("document.querySelector('#search-page-input').value"), "חשבונית");
    let links = browser.eval("[...document.querySelectorAll('#search-results h2 a')].map(a => a.getAttribute('href'))");
    assert_eq!(links, serde_json::json!(["/kb/billing/invoices/"]));
    let count = browser.eval("document.querySelector('#search-count').textContent");
    assert_eq!(count, "תוצאה אחת");
    assert_eq!(browser.eval("document.querySelector('#search-results h2 mark').textContent"), "חשבונית");

    // A misspelling offers the word the site uses.
    browser.navigate(&server.url("/search/?q=%D7%96%D7%99%D7%9B%D7%99%D7%99"));
    let suggestion = "document.querySelector('.search-did-you-mean a')?.textContent === 'זיכוי'";
    wait_until(&mut browser, "a did-you-mean appears", suggestion, "document.body.innerText");
}
