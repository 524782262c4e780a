//! Browser test: the language switcher works from the keyboard and marks the current language.
//! Set FOLIO_SKIP_BROWSER_TESTS=1 to skip.

use crate::support;

use support::chromium::{browser_or_skip, StaticServer};
use support::site::TestSite;

const ACTIVE: &str = r#"(() => {
  const a = document.activeElement;
  return a && a.closest('.language-switcher') ? { href: a.getAttribute('href'), lang: a.lang, current: a.getAttribute('aria-current') } : null;
})()"#;

#[test]
fn switcher_is_reached_with_tab_and_enter_opens_the_translation() {
    let Some(mut browser) = browser_or_skip() else { return };
    let site = TestSite::with_config(
        "title: Acme\nbase_url: https://acme.example\nlanguage: en\nlanguages:\n  he:\n    title: אקמה\n",
    );
    site.page("_index.md", "title: Welcome", "Home.\n")
        .page("kb/refunds.md", "title: Refunds", "How refunds work.\n")
        .page("kb/refunds.he.md", "title: החזרים", "איך עובדים החזרים.\n");
    let run = site.run(&["build", "--output", "public", "-q"]);
    assert_eq!(run.code, 0, "{run:?}");
    let server = StaticServer::serve(&site.path("public"));
    browser.navigate(&server.url("/kb/refunds/"));

    let mut reached = Vec::new();
    for _ in 0..40 {
        browser.press_key("Tab");
        let active = browser.eval(ACTIVE);
        if !active.is_null() {
            reached.push(active);
        }
        if reached.len() == 2 {
            break;
        }
    }
    assert_eq!(reached.len(), 2, "Tab never reached both switcher links: {reached:?}");
    assert_eq!(reached[0]["href"], "/kb/refunds/");
    assert_eq!(reached[0]["current"], "true");
    assert_eq!(reached[1]["href"], "/he/kb/refunds/");
    assert_eq!(reached[1]["lang"], "he");
    assert!(reached[1]["current"].is_null(), "{reached:?}");

    browser.press_key("Enter");
    // Asking the page anything while it is replaced fails: let the (local, tiny) page load first.
    std::thread::sleep(std::time::Duration::from_millis(1500));
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let state = browser.eval(
            "({ path: location.pathname, lang: document.documentElement.lang, current: document.querySelector('.language-switcher [aria-current]')?.getAttribute('href') })",
        );
        if state["path"] == "/he/kb/refunds/" && state["lang"] == "he" {
            assert_eq!(state["current"], "/he/kb/refunds/", "{state}");
            break;
        }
        assert!(std::time::Instant::now() < deadline, "Enter did not open the Hebrew page: {state}");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}
