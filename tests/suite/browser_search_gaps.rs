//! Browser test: the /search/ page reports a query that found nothing, and a query whose results nobody
//! opened, to the feedback endpoint — only the query, as `type: search` — and the page the reader opened next
//! says it was reached instead. Set FOLIO_SKIP_BROWSER_TESTS=1 to
//! skip.

use crate::browser_feedback::{assert_csp_clean, served_fixture};
use crate::support;

use serde_json::Value;
use support::chromium::browser_or_skip;

#[test]
fn searches_that_did_not_help_reach_the_endpoint() {
    let Some(mut browser) = browser_or_skip() else { return };
    let (_dir, server) = served_fixture();

    // A query with no results is sent once it has stood for two seconds.
    browser.navigate(&server.url("/search/?q=zzqqxx%20dana%40example.com"));
    let post = server.wait_for("POST", "/feedback");
    let body: Value = serde_json::from_str(&post.body).expect("a JSON body");
    assert_eq!(body["type"], "search", "{body}");
    assert_eq!(body["reason"], "no_results", "{body}");
    assert_eq!(body["text"], "zzqqxx …", "an e-mail address never travels: {body}");
    assert_eq!(body["lang"], "he");
    assert_eq!(body["page_id"], "search");
    assert_csp_clean(&mut browser, &server);

    // A query with results that the reader leaves without opening one is sent as the page goes away.
    browser.navigate(&server.url("/search/?q=%D7%97%D7%A9%D7%91%D7%95%D7%A0%D7%99%D7%AA"));
    crate::browser_feedback::wait_until(
        &mut browser,
        "document.querySelectorAll('#search-results a').length > 0",
        "results for חשבונית",
    );
    browser.navigate(&server.url("/"));
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let bodies: Vec<Value> =
            server.requests("/feedback").iter().filter_map(|s| serde_json::from_str(&s.body).ok()).collect();
        let not_opened = bodies.iter().find(|b| b["reason"] == "not_opened");
        // The page the reader went to instead is reported by that page, once, with the query.
        let reached = bodies.iter().find(|b| b["reason"] == "reached");
        if let (Some(sent), Some(reached)) = (not_opened, reached) {
            assert_eq!(sent["text"], "חשבונית", "{sent}");
            assert_eq!(reached["text"], "חשבונית", "the last query that did not help: {reached}");
            assert_eq!(reached["url"], server.url("/"), "{reached}");
            assert_eq!(reached["type"], "search", "{reached}");
            break;
        }
        assert!(std::time::Instant::now() < deadline, "no not_opened and reached reports: {bodies:?}");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }

    // Only the first page after the search says so: the next one sends nothing.
    let posts = || server.requests("/feedback").into_iter().filter(|s| s.method == "POST").collect::<Vec<_>>();
    let before = posts().len();
    browser.navigate(&server.url("/kb/"));
    std::thread::sleep(std::time::Duration::from_millis(500));
    let after = posts();
    assert_eq!(
        after.len(),
        before,
        "a second page is not a page reached instead: {:?}",
        after[before..].iter().map(|s| &s.body).collect::<Vec<_>>()
    );
    assert_csp_clean(&mut browser, &server);
}
