//! The related lists of a dev-server rebuild after a title, tag, page-added or page-deleted edit
//! equal a full build's, and move as the edit says (body edits: `incremental_indexes`).

use folio::{build_site, build_site_cached, BuildCache, BuildOptions, Output};
use std::path::Path;

use crate::support::site::TestSite;

const BILLING: &str = "Invoice charge refund receipt billing payment. Refund the invoice charge.";
const NETWORK: &str = "Router firewall packet subnet gateway. Route packets through the firewall.";
const GARDEN: &str = "Tomato seedlings compost mulch harvest. Water seedlings before harvest.";

/// Two pages on each of three topics with no word in common: `kb/billing-1.md` … `kb/garden-2.md`.
fn site() -> TestSite {
    let site = TestSite::with_config("title: T\nbase_url: https://example.com\nlanguage: en\n");
    let topics = [("billing", BILLING, ["Invoices", "Refunds"]), ("network", NETWORK, ["Routers", "Firewalls"])];
    for (topic, text, titles) in topics.into_iter().chain([("garden", GARDEN, ["Tomatoes", "Compost"])]) {
        for (n, title) in (1..=2).zip(titles) {
            site.page(&format!("kb/{topic}-{n}.md"), &format!("title: {title}"), &format!("{text}\n"));
        }
    }
    site
}

fn options(site: &TestSite) -> BuildOptions {
    BuildOptions { root: site.root().to_path_buf(), serve_mode: true, ..Default::default() }
}

/// Rebuilds as the dev server does after the watcher reports `rel` changed (written or removed).
fn rebuild(site: &TestSite, cache: &mut BuildCache, rel: &str) -> Output {
    let content = site.root().canonicalize().unwrap().join("content");
    cache.changed = Some(vec![content.join(rel)]);
    std::sync::Arc::unwrap_or_clone(build_site_cached(&options(site), cache).unwrap().output)
}

/// The addresses a page's related list links to, in order.
fn related(output: &Output, page: &str) -> Vec<String> {
    let html = output.text(&format!("kb/{page}/index.html")).unwrap();
    let Some(start) = html.find("class=\"related-list\"") else { return Vec::new() };
    let list = &html[start..start + html[start..].find("</ul>").unwrap()];
    list.split("<a href=\"").skip(1).map(|a| a[..a.find('"').unwrap()].to_string()).collect()
}

/// Every page's related list in the patched build equals a full build's.
fn assert_lists_as_full_build(site: &TestSite, patched: &Output) {
    let full = build_site(&options(site)).unwrap().output;
    // `kb/<page>/index.html`, not the list's further pages (`kb/page/2/index.html`).
    let is_page = |p: &&String| p.starts_with("kb/") && p.ends_with("/index.html") && p.matches('/').count() == 2;
    let pages: Vec<&String> = full.files.keys().filter(is_page).collect();
    assert_eq!(pages, patched.files.keys().filter(is_page).collect::<Vec<_>>());
    for path in pages {
        let page = Path::new(path).parent().unwrap().file_name().unwrap().to_str().unwrap();
        if page != "kb" {
            assert_eq!(related(patched, page), related(&full, page), "{page}'s related list");
        }
    }
}

#[test]
fn a_title_edit_moves_the_page_into_the_lists_its_new_title_matches() {
    let site = site();
    let mut cache = BuildCache::default();
    let before = build_site_cached(&options(&site), &mut cache).unwrap().output;
    assert_eq!(related(&before, "garden-2"), ["/kb/garden-1/"]);

    site.page("kb/garden-2.md", "title: Refund the invoice charge", &format!("{GARDEN}\n"));
    let after = rebuild(&site, &mut cache, "kb/garden-2.md");
    assert!(related(&after, "garden-2").contains(&"/kb/billing-1/".to_string()), "{:?}", related(&after, "garden-2"));
    assert!(related(&after, "billing-1").contains(&"/kb/garden-2/".to_string()));
    assert_lists_as_full_build(&site, &after);
}

#[test]
fn a_shared_tag_relates_pages_whose_words_differ() {
    let site = site();
    let mut cache = BuildCache::default();
    let before = build_site_cached(&options(&site), &mut cache).unwrap().output;
    assert!(!related(&before, "network-1").contains(&"/kb/garden-1/".to_string()));

    site.page("kb/network-1.md", "title: Routers\ntags: [outdoors]", &format!("{NETWORK}\n"));
    site.page("kb/garden-1.md", "title: Tomatoes\ntags: [outdoors]", &format!("{GARDEN}\n"));
    let content = site.root().canonicalize().unwrap().join("content");
    cache.changed = Some(vec![content.join("kb/network-1.md"), content.join("kb/garden-1.md")]);
    let after = build_site_cached(&options(&site), &mut cache).unwrap().output;
    assert!(related(&after, "network-1").contains(&"/kb/garden-1/".to_string()), "{:?}", related(&after, "network-1"));
    assert!(related(&after, "garden-1").contains(&"/kb/network-1/".to_string()));
    assert!(!related(&after, "network-2").contains(&"/kb/garden-1/".to_string()));
    assert_lists_as_full_build(&site, &after);

    site.page("kb/garden-1.md", "title: Tomatoes", &format!("{GARDEN}\n"));
    let untagged = rebuild(&site, &mut cache, "kb/garden-1.md");
    assert!(!related(&untagged, "network-1").contains(&"/kb/garden-1/".to_string()));
    assert_lists_as_full_build(&site, &untagged);
}

#[test]
fn an_added_page_joins_the_lists_of_its_topic_and_a_deleted_one_leaves_them() {
    let site = site();
    let mut cache = BuildCache::default();
    build_site_cached(&options(&site), &mut cache).unwrap();

    site.page("kb/garden-3.md", "title: Mulch", &format!("{GARDEN} Compost again.\n"));
    let added = rebuild(&site, &mut cache, "kb/garden-3.md");
    assert_eq!(related(&added, "garden-3").len(), 2, "{:?}", related(&added, "garden-3"));
    assert!(related(&added, "garden-1").contains(&"/kb/garden-3/".to_string()));
    assert!(!related(&added, "billing-1").contains(&"/kb/garden-3/".to_string()));
    assert_lists_as_full_build(&site, &added);

    std::fs::remove_file(site.root().join("content/kb/billing-2.md")).unwrap();
    let deleted = rebuild(&site, &mut cache, "kb/billing-2.md");
    assert!(related(&deleted, "billing-1").is_empty(), "{:?}", related(&deleted, "billing-1"));
    assert!(!deleted.files.contains_key("kb/billing-2/index.html"));
    assert_lists_as_full_build(&site, &deleted);
}

/// 36 pages, three topics of 12; the first `tagged` carry the tag `help`.
fn tagged_site(tagged: usize) -> TestSite {
    let site = TestSite::with_config("title: T\nbase_url: https://example.com\nlanguage: en\n");
    for n in 0..36 {
        let text = [BILLING, NETWORK, GARDEN][n % 3];
        let tags = if n < tagged { "\ntags: [help]" } else { "" };
        site.page(&format!("kb/p{n:02}.md"), &format!("title: Page {n}{tags}"), &format!("{text} Note {n}.\n"));
    }
    site
}

#[test]
fn a_tag_edit_recomputes_only_the_lists_it_can_change() {
    // 32 pages tagged `help`: a group small enough to bring candidates.
    let site = tagged_site(32);
    let mut cache = BuildCache::default();
    build_site_cached(&options(&site), &mut cache).unwrap();

    // A tag only this page has: its list and those of the pages that meet it change, not all 36.
    site.page("kb/p35.md", "title: Page 35\ntags: [lonely]", &format!("{GARDEN} Note 35.\n"));
    let lonely = rebuild(&site, &mut cache, "kb/p35.md");
    assert_lists_as_full_build(&site, &lonely);
    let recomputed = cache.stats.related_recomputed;
    assert!(recomputed > 0 && recomputed < 36, "{recomputed} lists recomputed for a tag no other page has");

    // The 33rd page in `help` makes the group too large to bring candidates: every member's list.
    site.page("kb/p35.md", "title: Page 35\ntags: [help]", &format!("{GARDEN} Note 35.\n"));
    let large = rebuild(&site, &mut cache, "kb/p35.md");
    assert_lists_as_full_build(&site, &large);
    assert!(cache.stats.related_recomputed >= 33, "{}", cache.stats.related_recomputed);

    // And back: small again.
    site.page("kb/p35.md", "title: Page 35", &format!("{GARDEN} Note 35.\n"));
    let small = rebuild(&site, &mut cache, "kb/p35.md");
    assert_lists_as_full_build(&site, &small);
}

#[test]
fn a_product_added_to_a_page_moves_it_into_the_lists_of_the_products_pages() {
    let site = tagged_site(0);
    site.page("products/widget.md", "title: Widget", "A widget.\n");
    for n in [0, 1] {
        site.page(&format!("kb/p{n:02}.md"), &format!("title: Page {n}\nproducts: [widget]"), &format!("{BILLING}\n"));
    }
    let mut cache = BuildCache::default();
    build_site_cached(&options(&site), &mut cache).unwrap();

    site.page("kb/p02.md", "title: Page 2\nproducts: [widget]", &format!("{GARDEN} Note 2.\n"));
    let after = rebuild(&site, &mut cache, "kb/p02.md");
    assert_lists_as_full_build(&site, &after);
    assert!(cache.stats.related_recomputed < 37, "{}", cache.stats.related_recomputed);
}
