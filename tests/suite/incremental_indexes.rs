//! Body edits in serve mode patch the related lists and the search index instead of recomputing
//! them, and what they serve equals a full build byte for byte: edits that move pages between
//! related lists, add a word no page had, and remove a word's last occurrence.

use crate::support;

use folio::{build_site, build_site_cached, BuildCache, BuildOptions, Output};
use support::site::TestSite;

// Three topics with no word in common, so related lists stay within a topic until an edit says otherwise.
const BILLING: &str = "Invoice charge refund receipt billing payment. Refund the invoice charge.";
const NETWORK: &str = "Router firewall packet subnet gateway. Route packets through the firewall.";
const GARDEN: &str = "Tomato seedlings compost mulch harvest. Water seedlings before harvest.";
const TITLES: [[&str; 3]; 3] =
    [["Invoices", "Refunds", "Receipts"], ["Routers", "Firewalls", "Subnets"], ["Tomatoes", "Compost", "Mulch"]];

/// Three pages on each of three topics (`kb/billing-1.md` …), plus `kb/moving.md`, which starts on billing.
fn site() -> TestSite {
    let site = TestSite::with_config("title: T\nbase_url: https://example.com\nlanguage: en\n");
    for ((topic, text), titles) in
        [("billing", BILLING), ("network", NETWORK), ("garden", GARDEN)].into_iter().zip(TITLES)
    {
        for (n, title) in (1..=3).zip(titles) {
            site.page(&format!("kb/{topic}-{n}.md"), &format!("title: {title}"), &format!("{text}\n"));
        }
    }
    site.page("kb/moving.md", "title: Moving", &format!("{BILLING}\n"));
    site
}

fn options(site: &TestSite) -> BuildOptions {
    BuildOptions { root: site.root().to_path_buf(), serve_mode: true, ..Default::default() }
}

/// Saves `rel`'s new body and rebuilds as the dev server does after the watcher reports it.
fn edit(site: &TestSite, cache: &mut BuildCache, rel: &str, title: &str, body: &str) -> Output {
    site.page(rel, &format!("title: {title}"), body);
    cache.changed = Some(vec![site.root().canonicalize().unwrap().join("content").join(rel)]);
    std::sync::Arc::unwrap_or_clone(build_site_cached(&options(site), cache).unwrap().output)
}

/// Every file of the patched build equals the full build's, and they have the same files.
fn assert_same_as_full_build(site: &TestSite, patched: &Output) {
    let full = build_site(&options(site)).unwrap().output;
    let names = |o: &Output| o.files.keys().cloned().collect::<Vec<_>>();
    assert_eq!(names(patched), names(&full));
    for path in full.files.keys() {
        let (a, b) = (patched.files[path].read().unwrap(), full.files[path].read().unwrap());
        assert!(a == b, "{path} differs from a full build");
    }
}

/// The addresses a page's "related pages" list links to, in order.
fn related(output: &Output, page: &str) -> Vec<String> {
    let html = output.text(&format!("kb/{page}/index.html")).unwrap();
    let Some(start) = html.find("class=\"related-list\"") else { return Vec::new() };
    let list = &html[start..start + html[start..].find("</ul>").unwrap()];
    list.split("<a href=\"").skip(1).map(|a| a[..a.find('"').unwrap()].to_string()).collect()
}

/// The search index's term shards, joined.
fn shards(output: &Output) -> String {
    let paths = output.files.keys().filter(|p| p.starts_with("search/en/terms-"));
    paths.map(|p| output.text(p).unwrap()).collect()
}

#[test]
fn a_body_edit_moves_a_page_between_related_lists_as_a_full_build_does() {
    let site = site();
    let mut cache = BuildCache::default();
    let before = build_site_cached(&options(&site), &mut cache).unwrap().output;
    assert!(related(&before, "moving").contains(&"/kb/billing-1/".to_string()), "{:?}", related(&before, "moving"));
    assert!(related(&before, "billing-2").contains(&"/kb/moving/".to_string()));
    assert!(!related(&before, "garden-2").contains(&"/kb/moving/".to_string()));

    let after = edit(&site, &mut cache, "kb/moving.md", "Moving", &format!("{GARDEN}\n"));
    let moving = related(&after, "moving");
    assert!(
        moving.contains(&"/kb/garden-1/".to_string()) && !moving.iter().any(|r| r.contains("billing")),
        "{moving:?}"
    );
    assert!(related(&after, "garden-2").contains(&"/kb/moving/".to_string()));
    assert!(!related(&after, "billing-2").contains(&"/kb/moving/".to_string()));
    assert!(cache.stats.related_recomputed <= 7, "the network pages' lists are kept: {:?}", cache.stats);
    assert_same_as_full_build(&site, &after);

    // An edit to a network page leaves the billing and garden pages' lists alone.
    let network = edit(&site, &mut cache, "kb/network-2.md", "Firewalls", &format!("{NETWORK} Routers again.\n"));
    assert!((1..=3).contains(&cache.stats.related_recomputed), "{:?}", cache.stats);
    assert_same_as_full_build(&site, &network);
}

#[test]
fn a_brand_new_rare_word_is_indexed_and_links_the_pages_that_share_it() {
    let site = site();
    let mut cache = BuildCache::default();
    let before = build_site_cached(&options(&site), &mut cache).unwrap().output;
    // Stemming may shorten the term ("quokkaberri"); the shards hold it and the word as written.
    assert!(!shards(&before).contains("quokkaberr"));
    assert!(!related(&before, "billing-1").contains(&"/kb/garden-2/".to_string()));

    let body = format!("{BILLING} The quokkaberry plan.\n");
    let one = edit(&site, &mut cache, "kb/billing-1.md", "Invoices", &body);
    assert!(shards(&one).contains("quokkaberr"), "the new word is in a shard");
    assert_same_as_full_build(&site, &one);

    // On a second page the word now links the two pages, across topics.
    let body = format!("{GARDEN} Quokkaberry quokkaberry quokkaberry.\n");
    let two = edit(&site, &mut cache, "kb/garden-2.md", "Compost", &body);
    assert!(related(&two, "billing-1").contains(&"/kb/garden-2/".to_string()), "{:?}", related(&two, "billing-1"));
    assert!(related(&two, "garden-2").contains(&"/kb/billing-1/".to_string()));
    assert_same_as_full_build(&site, &two);
}

#[test]
fn removing_the_last_occurrence_of_a_word_drops_it_everywhere() {
    let site = site();
    let body = |text: &str, extra: &str| format!("{text} {extra}\n");
    site.page("kb/billing-3.md", "title: Receipts", &body(BILLING, "Wombatine wombatine."));
    site.page("kb/network-3.md", "title: Subnets", &body(NETWORK, "Wombatine wombatine."));
    let mut cache = BuildCache::default();
    let before = build_site_cached(&options(&site), &mut cache).unwrap().output;
    assert!(related(&before, "network-3").contains(&"/kb/billing-3/".to_string()));
    assert!(shards(&before).contains("wombatin"));

    // Down to one page, the word links nothing; the index still finds that page.
    let one = edit(&site, &mut cache, "kb/billing-3.md", "Receipts", &body(BILLING, ""));
    assert!(!related(&one, "network-3").contains(&"/kb/billing-3/".to_string()), "{:?}", related(&one, "network-3"));
    assert!(shards(&one).contains("wombatin"));
    assert_same_as_full_build(&site, &one);

    let none = edit(&site, &mut cache, "kb/network-3.md", "Subnets", &body(NETWORK, ""));
    assert!(!shards(&none).contains("wombatin"), "the last occurrence is gone from the index");
    assert_same_as_full_build(&site, &none);
}

/// A word of letters only, different for every `n` (the analysis keeps it as one term).
fn word(mut n: usize) -> String {
    let mut word = String::from("zq");
    for _ in 0..4 {
        word.push((b'a' + (n % 26) as u8) as char);
        n /= 26;
    }
    word
}

#[test]
fn a_body_edit_rewrites_only_the_search_files_it_touches() {
    // 200 pages of 60 words found nowhere else: an index of several shards.
    let site = TestSite::with_config("title: T\nbase_url: https://example.com\nlanguage: en\n");
    let body = |i: usize, extra: &str| {
        let words: Vec<String> = (i * 60..i * 60 + 60).map(word).collect();
        format!("{}. {extra}\n", words.join(" "))
    };
    for i in 0..200 {
        site.page(&format!("kb/p{i:03}.md"), &format!("title: {}", word(100_000 + i)), &body(i, ""));
    }
    let mut cache = BuildCache::default();
    let before = build_site_cached(&options(&site), &mut cache).unwrap().output;
    let shard_count = before.files.keys().filter(|p| p.starts_with("search/en/terms-")).count();
    assert!(shard_count >= 3, "the index has several shards: {shard_count}");

    let title = word(100_000 + 120);
    let after = edit(&site, &mut cache, "kb/p120.md", &title, &body(120, "Brandnewword."));
    assert!(shards(&after).contains("brandnew"));
    // The shard that gains the word (or two, if its end moved), the page's record and the manifest.
    assert!((3..=4).contains(&cache.stats.search_files_written), "{:?}", cache.stats);
    // Of the 200 page records only the edited page's changed (pages are numbered in URL order).
    let records = |o: &Output| -> Vec<(String, String)> {
        let paths = o.files.keys().filter(|p| p.starts_with("search/en/docs/"));
        paths.map(|p| (p.clone(), o.text(p).unwrap())).collect()
    };
    let changed: Vec<String> =
        records(&before).into_iter().zip(records(&after)).filter(|(a, b)| a != b).map(|(a, _)| a.0).collect();
    assert_eq!(changed, ["search/en/docs/120.json"]);
    assert!(after.text("search/en/docs/120.json").unwrap().contains("Brandnewword"));
    assert_same_as_full_build(&site, &after);
}

/// On a large generated site (`FOLIO_BENCH_SITE`, a folder written by `benches/serve_latency.py`'s
/// generator), a body edit of the newest post is patched to exactly a full build's output; prints
/// how much it recomputed. Ignored by default: it needs that folder and takes minutes in debug.
#[test]
#[ignore]
fn a_body_edit_on_a_large_site_equals_a_full_build() {
    let Some(root) = std::env::var_os("FOLIO_BENCH_SITE") else { return };
    let root = std::path::PathBuf::from(root).canonicalize().unwrap();
    let options = BuildOptions { root: root.clone(), serve_mode: true, ..Default::default() };
    let post = root.join("content/blog/post-00000.md");
    let original = std::fs::read_to_string(&post).unwrap();
    let mut cache = BuildCache::default();
    build_site_cached(&options, &mut cache).unwrap();
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        for (n, extra) in ["\nעריכה 1: edit number 1.\n", "\nA zyzzogeton quokkaberry sentence.\n"].iter().enumerate()
        {
            std::fs::write(&post, format!("{original}{extra}")).unwrap();
            cache.changed = Some(vec![post.clone()]);
            let patched = build_site_cached(&options, &mut cache).unwrap().output;
            eprintln!("edit {n}: {:?}", cache.stats);
            let full = build_site(&options).unwrap().output;
            assert_eq!(patched.files.len(), full.files.len());
            for (path, file) in &full.files {
                assert!(patched.files[path].read().unwrap() == file.read().unwrap(), "{path} differs");
            }
        }
    }));
    std::fs::write(&post, original).unwrap();
    result.unwrap();
}
