//! A site large enough that related pages count its words in several batches (256 pages, then
//! more), with words longer than a vocabulary slot keeps inline and Hebrew pages: every list
//! follows the words, and a dev-server body edit (one page counted on its own, every other word
//! known) gives the lists of a full build.

use crate::support;

use folio::{build_site, build_site_cached, BuildCache, BuildOptions, Output};
use support::site::TestSite;

/// Topics whose words share no stem; some are longer than 16 bytes.
const TOPICS: [&str; 4] = [
    "Invoice refunds internationalisation reconciliation. Refund every invoice.",
    "Router firewalls interconnectedness subnetworking. Route through firewalls.",
    "Tomato seedlings photosynthesising compostability. Water tomato seedlings.",
    "ללקוחות החשבוניות והתשלומים באינטרנט. חשבונית ללקוחות.",
];
const PAGES: usize = 600;

fn page_name(n: usize) -> String {
    format!("p{n:04}")
}

/// `PAGES` pages, page `n` on topic `n % 4`, in blocks of eight sharing a word (`blk…`), and
/// each sharing one more word with the other page of its topic in its block (its partner).
/// A topic's words are on too many pages to weigh anything: the block decides the lists.
fn site() -> TestSite {
    let site = TestSite::with_config("title: T\nbase_url: https://example.com\nlanguage: en\n");
    for n in 0..PAGES {
        let pair = format!("zq{}paired{}together", n / 8, n % 4);
        let body = format!("{} blk{} {pair} uniq{n}word\n", TOPICS[n % 4], n / 8);
        site.page(&format!("kb/{}.md", page_name(n)), &format!("title: Page {n}"), &body);
    }
    site
}

/// The page number a related link points to.
fn number(link: &str) -> usize {
    link[5..9].parse().unwrap()
}

fn options(site: &TestSite) -> BuildOptions {
    BuildOptions { root: site.root().to_path_buf(), serve_mode: true, ..Default::default() }
}

/// The addresses a page's related list links to, in order.
fn related(output: &Output, page: &str) -> Vec<String> {
    let html = output.text(&format!("kb/{page}/index.html")).unwrap();
    let Some(start) = html.find("class=\"related-list\"") else { return Vec::new() };
    let list = &html[start..start + html[start..].find("</ul>").unwrap()];
    list.split("<a href=\"").skip(1).map(|a| a[..a.find('"').unwrap()].to_string()).collect()
}

fn all_lists(output: &Output) -> Vec<Vec<String>> {
    (0..PAGES).map(|n| related(output, &page_name(n))).collect()
}

#[test]
fn lists_over_several_batches_follow_the_words_and_a_body_edit_equals_a_full_build() {
    let site = site();
    let mut cache = BuildCache::default();
    let before = build_site_cached(&options(&site), &mut cache).unwrap().output;
    // Pages of the first batch and of the last list the pages of their block, their partner first.
    for n in [3, 300, 597] {
        let list = related(&before, &page_name(n));
        assert_eq!(list.len(), 4, "page {n}: {list:?}");
        let partner = if n % 8 < 4 { n + 4 } else { n - 4 };
        assert_eq!(number(&list[0]), partner, "page {n}: {list:?}");
        assert!(list.iter().all(|r| number(r) / 8 == n / 8), "page {n}: {list:?}");
    }

    // Page 500 moves to block 10's word and another topic, with a long word of its own.
    let rel = format!("kb/{}.md", page_name(500));
    site.page(&rel, "title: Page 500", &format!("{} blk10 photosynthesisingly uniq500word\n", TOPICS[3]));
    cache.changed = Some(vec![site.root().canonicalize().unwrap().join("content").join(&rel)]);
    let after = build_site_cached(&options(&site), &mut cache).unwrap().output;
    let moved = related(&after, &page_name(500));
    assert!(!moved.is_empty() && moved.iter().all(|r| number(r) / 8 == 10), "{moved:?}");
    let full = build_site(&options(&site)).unwrap().output;
    assert_eq!(all_lists(&after), all_lists(&full));
}
