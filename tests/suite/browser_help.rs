//! Browser tests of the help-center parts in headless Chromium: the section navigation collapsing
//! to a menu on a phone and mirrored in RTL, and "Still need help?" after a "No", with and without
//! JavaScript, under the strict CSP of browser_feedback.rs. Set FOLIO_SKIP_BROWSER_TESTS=1 to skip.

use crate::browser_feedback::{assert_csp_clean, wait_until, SiteServer};
use crate::support::chromium::browser_or_skip;
use serde_json::json;
use std::path::Path;

/// A Hebrew KB with an English article, feedback to the server's `/feedback`, and a next step
/// to a ticket form that takes the page and the reason.
fn served_help_site() -> (tempfile::TempDir, SiteServer) {
    let dir = tempfile::tempdir().unwrap();
    let files: &[(&str, &str)] = &[
        (
            "site.yaml",
            "title: עזרה\nbase_url: https://example.com\nlanguage: he\nfeedback:\n  transport: endpoint\n  \
             endpoint: /feedback\n  next_step:\n    link: /tickets/new/?page={url}&why={reason}\n    chat: openSupportChat\n",
        ),
        ("content/kb/_index.md", "---\ntitle: מרכז הידע\n---\n"),
        ("content/kb/billing/_index.md", "---\ntitle: חיוב\nweight: 1\n---\n"),
        ("content/kb/billing/invoices.md", "---\ntitle: חשבוניות\n---\nטקסט.\n"),
        ("content/kb/billing/refunds.md", "---\ntitle: החזרים\n---\nטקסט.\n"),
        ("content/kb/account/_index.md", "---\ntitle: חשבון\nweight: 2\n---\n"),
        ("content/kb/account/password.md", "---\ntitle: סיסמה\n---\nטקסט.\n"),
        ("content/kb/account/english.md", "---\ntitle: Signing in\nlang: en\n---\nText.\n"),
    ];
    for (rel, text) in files {
        let path = dir.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let built = folio::build_site(&folio::BuildOptions { root: dir.path().to_path_buf(), ..Default::default() })
        .unwrap_or_else(|e| panic!("fixture build failed:\n{e}"));
    let public = dir.path().join("public");
    folio::write_output(&built.output, Path::new(&public)).unwrap();
    let server = SiteServer::start(public);
    (dir, server)
}

const NAV_BODY_SHOWN: &str = "document.querySelector('.section-nav-body').checkVisibility()";

#[test]
fn the_section_nav_is_a_closed_menu_on_a_phone_and_a_mirrored_sidebar_on_a_wide_screen() {
    let Some(mut browser) = browser_or_skip() else { return };
    let (_dir, server) = served_help_site();
    browser.set_viewport(390, 800);
    browser.navigate(&server.url("/kb/billing/refunds/"));
    assert_eq!(browser.eval(NAV_BODY_SHOWN), json!(false), "closed on a phone");
    let toggle_shown = "document.querySelector('.section-nav-toggle').checkVisibility()";
    assert_eq!(browser.eval(toggle_shown), json!(true));
    browser.eval("document.querySelector('.section-nav-toggle').click()");
    assert_eq!(browser.eval(NAV_BODY_SHOWN), json!(true), "opens as a menu");
    assert_eq!(browser.eval("document.querySelector('.section-nav [aria-current=page]').textContent"), json!("החזרים"));
    // The menu sits above the article, not beside it.
    let stacked = "document.querySelector('.section-nav').getBoundingClientRect().bottom <= \
                   document.querySelector('article.doc').getBoundingClientRect().top";
    assert_eq!(browser.eval(stacked), json!(true));

    browser.set_viewport(1280, 900);
    browser.navigate(&server.url("/kb/billing/refunds/"));
    assert_eq!(browser.eval(NAV_BODY_SHOWN), json!(true), "a sidebar on a wide screen, without a click");
    assert_eq!(browser.eval(toggle_shown), json!(false));
    // Hebrew: the sidebar is at the start edge, the right; the current page's mark is on its right.
    let beside = "(() => { const n = document.querySelector('.section-nav').getBoundingClientRect(); \
                  const a = document.querySelector('article.doc').getBoundingClientRect(); \
                  return n.left >= a.right && n.top < a.bottom; })()";
    assert_eq!(browser.eval(beside), json!(true), "the nav is right of the article in RTL");
    let mark = "(() => { const s = getComputedStyle(document.querySelector('.section-nav [aria-current=page]')); \
                return [s.borderRightWidth, s.borderLeftWidth]; })()";
    assert_eq!(browser.eval(mark), json!(["2px", "0px"]));
    // The other category is closed; clicking its summary opens it, no script needed.
    let account = "document.querySelectorAll('.section-nav-body li > details')[1]";
    assert_eq!(browser.eval(&format!("{account}.open")), json!(false));
    browser.eval(&format!("{account}.querySelector('summary').click()"));
    assert_eq!(browser.eval(&format!("{account}.open")), json!(true));
    assert_csp_clean(&mut browser, &server);
}

#[test]
fn still_need_help_follows_a_no_with_the_reason_and_opens_the_chat_hook() {
    let Some(mut browser) = browser_or_skip() else { return };
    let (_dir, server) = served_help_site();
    browser.navigate(&server.url("/kb/account/english/"));
    wait_until(&mut browser, "document.querySelector('.feedback').classList.contains('is-enhanced')", "feedback.js");
    let next_shown = "document.querySelector('.feedback-next').checkVisibility()";
    assert_eq!(browser.eval(next_shown), json!(false), "hidden before a vote");
    browser.eval("document.querySelector('input[name=vote][value=yes]').click()");
    assert_eq!(browser.eval(next_shown), json!(false), "not after a Yes");
    browser.eval("document.querySelector('input[name=vote][value=no]').click()");
    browser.eval("document.querySelector('input[name=reason][value=out_of_date]').click()");
    browser.eval("document.querySelector('.feedback-send').click()");
    wait_until(&mut browser, "!document.querySelector('.feedback-thanks').hidden", "the inline thanks");
    assert_eq!(browser.eval(next_shown), json!(true), "shown after the No is sent");
    assert_eq!(
        browser.eval("document.querySelector('.feedback-next-link').getAttribute('href')"),
        json!("/tickets/new/?page=https%3A%2F%2Fexample.com%2Fkb%2Faccount%2Fenglish%2F&why=out_of_date")
    );
    assert_eq!(browser.eval("document.querySelector('.feedback-next-link').textContent"), json!("Contact support"));

    // The chat button calls the site's function and announces `folio:need-help`.
    browser.eval(
        "window.openSupportChat = (d) => { window.chatOpened = d.reason + ' ' + d.url; }; \
         document.addEventListener('folio:need-help', (e) => { window.needHelp = e.detail.page_id; });",
    );
    browser.eval("document.querySelector('.feedback-next-chat').click()");
    assert_eq!(browser.eval("window.chatOpened"), json!("out_of_date https://example.com/kb/account/english/"));
    assert_eq!(browser.eval("window.needHelp"), json!("kb/account/english.md"));
    assert_csp_clean(&mut browser, &server);
}

#[test]
fn still_need_help_shows_after_a_no_without_javascript_and_on_the_thank_you_page() {
    let Some(mut browser) = browser_or_skip() else { return };
    let (_dir, server) = served_help_site();
    browser.call("Emulation.setScriptExecutionDisabled", json!({ "value": true }));
    browser.navigate(&server.url("/kb/billing/invoices/"));
    let next_shown = "document.querySelector('.feedback-next').checkVisibility()";
    assert_eq!(browser.eval(next_shown), json!(false));
    browser.eval("document.querySelector('input[name=vote][value=no]').click()");
    assert_eq!(browser.eval(next_shown), json!(true), "CSS shows it once No is chosen");
    assert_eq!(browser.eval("document.querySelector('.feedback-next-chat').checkVisibility()"), json!(false));
    assert_eq!(
        browser.eval("document.querySelector('.feedback-next-link').getAttribute('href')"),
        json!("/tickets/new/?page=https%3A%2F%2Fexample.com%2Fkb%2Fbilling%2Finvoices%2F&why=")
    );
    browser.eval("document.querySelector('.feedback-send').click()");
    wait_until(
        &mut browser,
        "location.pathname === '/feedback/thanks/' && document.readyState === 'complete'",
        "the thank-you page",
    );
    assert_eq!(
        browser.eval("document.querySelector('.feedback-next-link').getAttribute('href')"),
        json!("/tickets/new/?page=&why=")
    );
}

#[test]
fn the_help_home_search_box_shows_results_of_its_own() {
    let Some(mut browser) = browser_or_skip() else { return };
    let (_dir, server) = served_help_site();
    browser.navigate(&server.url("/"));
    assert_eq!(browser.eval("document.querySelector('h1').textContent"), json!("איך נוכל לעזור?"));
    // `/` still focuses the header's box; the large one is focused by a click or Tab.
    browser.press_key("/");
    assert_eq!(browser.eval("document.activeElement.id"), json!("search-input"));
    browser.eval("document.querySelector('#help-search-input').focus()");
    browser.type_text("חשבוניות");
    let options = "document.querySelectorAll('#help-search-listbox [role=option]').length";
    wait_until(&mut browser, &format!("{options} >= 1"), "results in the large box");
    assert_eq!(browser.eval("document.querySelectorAll('#search-listbox [role=option]').length"), json!(0));
    let first_id = browser.eval("document.querySelector('#help-search-listbox [role=option]').id");
    assert_eq!(first_id, json!("help-search-option-0"), "ids do not collide with the header box's");
    let ids = "new Set([...document.querySelectorAll('[id]')].map(e => e.id)).size === document.querySelectorAll('[id]').length";
    assert_eq!(browser.eval(ids), json!(true), "every id on the page is unique");
    assert_csp_clean(&mut browser, &server);
}
