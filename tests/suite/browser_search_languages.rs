//! Browser tests for search per language: the header box and the /search/ page search the page's language, and
//! the "all languages" switch (reachable by keyboard) adds the other languages' results, each with its `lang`,
//! `dir` and language name, while the live status counts them. Set FOLIO_SKIP_BROWSER_TESTS=1 to skip.

use crate::search_languages::languages_site;
use crate::support;

use serde_json::Value;
use std::process::Command;
use std::thread;
use std::time::{Duration, Instant};
use support::chromium::{browser_or_skip, Browser, StaticServer};
use support::site::TestSite;

fn build_fixture() -> (TestSite, std::path::PathBuf) {
    let site = languages_site();
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

fn wait_until(browser: &mut Browser, what: &str, js: &str, show: &str) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while browser.eval(js) != Value::Bool(true) {
        if Instant::now() > deadline {
            panic!("timed out waiting until {what}; page state: {}", browser.eval(show));
        }
        thread::sleep(Duration::from_millis(25));
    }
}

const OPTIONS: &str = r#"JSON.stringify([...document.querySelectorAll('#search-listbox .search-option:not(.search-option-all)')]
  .map(o => [o.lang, o.dir, o.querySelector('.search-option-lang')?.textContent || ''])) + ' ' +
  document.querySelector('.search-status').textContent"#;

#[test]
fn the_header_box_searches_the_page_language_and_the_switch_adds_the_others() {
    let Some(mut browser) = browser_or_skip() else { return };
    let (_site, public) = build_fixture();
    let server = StaticServer::serve(&public);
    browser.navigate(&server.url("/kb/he-other/"));
    browser.press_key("/");
    browser.type_text("crm");
    let options = "document.querySelectorAll('#search-listbox .search-option:not(.search-option-all)')";
    wait_until(&mut browser, "the Hebrew result is listed", &format!("{options}.length === 1"), OPTIONS);
    assert_eq!(browser.eval(&format!("{options}[0].lang + ' ' + {options}[0].dir")), "he rtl");
    assert_eq!(browser.eval("document.querySelector('.search-status').textContent"), "תוצאה אחת");
    assert_eq!(browser.eval("document.querySelector('.search-status').getAttribute('aria-live')"), "polite");
    let scope = "document.querySelector('.search-form .search-scope')";
    wait_until(&mut browser, "the switch is shown", &format!("!{scope}.hidden"), OPTIONS);
    assert_eq!(browser.eval(&format!("{scope}.textContent.trim()")), "כל השפות");

    // Tab past the submit button reaches the switch; Space turns it on.
    browser.press_key("Tab");
    browser.press_key("Tab");
    assert_eq!(browser.eval("document.activeElement.className"), "search-all-langs");
    browser.press_key(" ");
    wait_until(&mut browser, "all languages are listed", &format!("{options}.length === 3"), OPTIONS);
    let listed = browser.eval(OPTIONS);
    let listed = listed.as_str().unwrap();
    assert!(listed.starts_with(r#"[["he","rtl",""],"#), "the page language comes first: {listed}");
    assert!(listed.contains(r#"["en","ltr","אנגלית"]"#) && listed.contains(r#"["ru","ltr","רוסית"]"#), "{listed}");
    assert_eq!(browser.eval("document.querySelector('.search-status').textContent"), "3 תוצאות");
    assert_eq!(browser.eval("document.querySelector('.search-popup').hidden"), false);
    assert_eq!(browser.eval("getComputedStyle(document.querySelector('.search-scope')).direction"), "rtl");
    let all_link = browser.eval("document.querySelector('.search-option-all a').getAttribute('href')");
    assert_eq!(all_link, "/search/?q=crm&all=1");
}

#[test]
fn the_search_page_keeps_the_switch_in_its_address_and_marks_each_result() {
    let Some(mut browser) = browser_or_skip() else { return };
    let (_site, public) = build_fixture();
    let server = StaticServer::serve(&public);
    browser.navigate(&server.url("/search/?q=crm&all=1"));
    let results = "document.querySelectorAll('#search-results li.search-result')";
    let show = "document.querySelector('#search-count').textContent + document.body.innerText";
    wait_until(&mut browser, "three results", &format!("{results}.length === 3"), show);
    assert_eq!(browser.eval("document.querySelector('#search-all-langs').checked"), true);
    let marked = browser.eval(&format!("[...{results}].map(r => r.lang + ':' + r.dir).join(' ')"));
    let marked = marked.as_str().unwrap();
    assert!(marked.starts_with("he:rtl ") && marked.contains("en:ltr") && marked.contains("ru:ltr"), "{marked}");
    assert_eq!(browser.eval("document.querySelector('#search-count').textContent"), "3 תוצאות");
    let russian = browser.eval(&format!("[...{results}].find(r => r.lang === 'ru').querySelector('h2').textContent"));
    assert_eq!(russian, "Настройка поиска");

    // Turning the switch off searches Hebrew alone and drops `all` from the address.
    browser.eval("document.querySelector('#search-all-langs').click()");
    wait_until(&mut browser, "one result", &format!("{results}.length === 1"), show);
    assert_eq!(browser.eval("location.search"), "?q=crm");
    assert_eq!(browser.eval(&format!("{results}[0].lang")), "he");

    // Nothing in Hebrew: the count says how many results the other languages have.
    browser.navigate(&server.url("/search/?q=%D0%BF%D0%BE%D0%B8%D1%81%D0%BA%D0%BE%D0%BC"));
    let count = "document.querySelector('#search-count').textContent";
    let noted = format!("{count}.includes('בשפות אחרות: 1')");
    wait_until(&mut browser, "the other languages are counted", &noted, count);
    assert_eq!(browser.eval(&format!("{results}.length")), 0);
}

#[test]
fn inflected_queries_find_their_pages_in_every_language_through_the_page_client() {
    let Some(mut browser) = browser_or_skip() else { return };
    let (_site, public) = build_fixture();
    let server = StaticServer::serve(&public);
    let cases = [
        ("поиском", "Настройка поиска", "ru"),
        ("Rechnungen", "Rechnung herunterladen", "de"),
        ("informaciones", "Información de la cuenta", "es"),
        ("parametres", "Paramètres du compte", "fr"),
        ("بالحسابات", "إعدادات الحساب", "ar"),
        ("exported", "Exporting invoices", "en"),
        ("הגדרות חשבון", "הגדרת החשבון", "he"),
    ];
    let first = "document.querySelector('#search-results li.search-result')";
    for (query, title, lang) in cases {
        browser.navigate(&server.url(&format!("/search/?all=1&q={}", urlencode(query))));
        let found = format!("{first}?.querySelector('h2').textContent === {}", serde_json::json!(title));
        let show = "document.querySelector('#search-count').textContent + ' ' + document.querySelector('#search-results').innerText";
        wait_until(&mut browser, &format!("{query} finds {title}"), &found, show);
        assert_eq!(browser.eval(&format!("{first}.lang")), lang, "{query}");
    }

    // On a Russian page the header box searches the Russian index: an inflected form finds the page.
    browser.navigate(&server.url("/kb/ru-other/"));
    browser.press_key("/");
    browser.type_text("поиску ");
    let option = "document.querySelector('#search-option-0 .search-option-title')";
    wait_until(
        &mut browser,
        "the Russian page is offered",
        &format!("{option}?.textContent === 'Настройка поиска'"),
        OPTIONS,
    );
    assert_eq!(browser.eval("document.querySelector('#search-option-0').lang"), "ru");

    // On an Arabic page: the Arabic index, right to left, a prefixed plural with harakat finds the page.
    browser.navigate(&server.url("/kb/ar-book/"));
    browser.press_key("/");
    browser.type_text("بِالحِسَابَاتِ ");
    let arabic = format!("{option}?.textContent === 'إعدادات الحساب'");
    wait_until(&mut browser, "the Arabic page is offered", &arabic, OPTIONS);
    assert_eq!(browser.eval("document.querySelector('#search-option-0').dir"), "rtl");
    assert_eq!(browser.eval("getComputedStyle(document.querySelector('.search-popup')).direction"), "rtl");
}

fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}
