//! In headless Chromium, the results page of the 2,000-page fixture fetches the manifest, the shards of the
//! query's words and the records of the ten results it shows — counted by the test's HTTP server — and
//! "more results" fetches the next ten records only.

use super::built_fixture;
use crate::support::chromium::{browser_or_skip, Browser, StaticServer};
use serde_json::Value;
use std::thread;
use std::time::{Duration, Instant};

/// The index files served (path, bytes), leaving out the client's own code.
/// The index files served since the last call; the UI's strings (`search/strings-<lang>.json`, a few
/// hundred bytes fetched once beside the manifest) are not index data and must come exactly once.
fn index_files(server: &StaticServer) -> Vec<(String, usize)> {
    let (strings, index): (Vec<_>, Vec<_>) = server
        .take_served()
        .into_iter()
        .filter(|(path, _)| path.starts_with("/search/") && path.ends_with(".json"))
        .partition(|(path, _)| path.starts_with("/search/strings-"));
    assert!(strings.len() <= 1, "the strings are fetched once: {strings:?}");
    index
}

fn wait_until(browser: &mut Browser, what: &str, js: &str) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while browser.eval(js) != Value::Bool(true) {
        assert!(
            Instant::now() < deadline,
            "timed out waiting until {what}: {}",
            browser.eval("document.body.innerText")
        );
        thread::sleep(Duration::from_millis(25));
    }
}

const SHOWN: &str = "document.querySelectorAll('#search-results li.search-result').length";

#[test]
fn the_results_page_fetches_the_records_of_the_results_it_shows_and_no_more() {
    let Some(mut browser) = browser_or_skip() else { return };
    let (_site, out) = built_fixture();
    let server = StaticServer::serve(out.path());
    // לקוח is on every Hebrew page: 1,501 results spread over the whole index.
    browser.navigate(&server.url("/search/?q=%D7%9C%D7%A7%D7%95%D7%97"));
    wait_until(&mut browser, "ten results are listed", &format!("{SHOWN} === 10"));
    // The count is told in the page's words, from the strings file: "1501 תוצאות".
    let count = browser.eval("document.querySelector('#search-count').textContent");
    assert!(count.as_str().is_some_and(|c| c.contains("1501 תוצאות")), "{count}");
    let first = index_files(&server);
    let records: Vec<&String> = first.iter().map(|(p, _)| p).filter(|p| p.starts_with("/search/he/docs/")).collect();
    assert_eq!(records.len(), 10, "one record per result shown: {first:?}");
    assert!(!first.iter().any(|(p, _)| p.ends_with("facets.json")), "no filter, no facets: {first:?}");
    let requests = first.len();
    let bytes: usize = first.iter().map(|(_, b)| b).sum();
    eprintln!("the results page fetched {bytes} bytes of index in {requests} requests");
    // The manifest, the languages list, one or two shards and ten records.
    assert!(requests <= 14, "{requests} requests: {first:?}");
    assert!(bytes <= 90_000, "{bytes} bytes: {first:?}");

    // The links shown are the first ten the client gave before (the recorded answers).
    let recorded: Value =
        serde_json::from_str(&std::fs::read_to_string(super::repo("tests/snapshots/search-answers.json")).unwrap())
            .unwrap();
    let want: Vec<&Value> = recorded[0]["results"].as_array().unwrap()[..10].iter().map(|r| &r["url"]).collect();
    let links = browser.eval("[...document.querySelectorAll('#search-results h2 a')].map(a => a.getAttribute('href'))");
    assert_eq!(links.as_array().unwrap().iter().collect::<Vec<_>>(), want);

    // "More" shows ten more, fetching their ten records and nothing else.
    browser.eval("document.querySelector('.search-more').click()");
    wait_until(&mut browser, "twenty results are listed", &format!("{SHOWN} === 20"));
    let more = index_files(&server);
    assert_eq!(more.len(), 10, "{more:?}");
    assert!(more.iter().all(|(p, _)| p.starts_with("/search/he/docs/")), "{more:?}");

    // A filtered query needs every page's section: the facets come then.
    browser.eval(
        "const s = document.querySelector('#search-section'); s.value = 'blog'; s.dispatchEvent(new Event('change'))",
    );
    wait_until(&mut browser, "the blog's results are listed", "location.search.includes('section=blog')");
    wait_until(
        &mut browser,
        "the facets are fetched",
        "performance.getEntriesByType('resource').some(r => r.name.endsWith('facets.json'))",
    );
}
