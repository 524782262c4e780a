//! The dev server patches the search index after an edit instead of indexing the site again, and
//! the patched index equals a full build's byte for byte: a body edit, a term a page gains or loses,
//! a spelling that becomes the most common one, a Hebrew page's reduced forms, a page added and a
//! page deleted. (Debug builds also recompute every reused search file and compare.)

use crate::support;

use folio::{build_site, build_site_cached, BuildCache, BuildOptions, Output};
use std::path::PathBuf;
use support::site::TestSite;

fn site() -> TestSite {
    let site = TestSite::with_config("title: T\nbase_url: https://example.com\nlanguage: en\n");
    let pages = [
        ("kb/a.md", "Billing", "Invoicing invoicing invoicing: send the invoice before the refund."),
        ("kb/b.md", "Refunds", "Refunds are invoices in reverse. Invoices invoices."),
        ("kb/c.md", "Routers", "Router firewall packet subnet gateway."),
        ("kb/d.md", "חשבוניות", "שליחת החשבונית ללקוחות. הלקוח מקבל חשבונית."),
    ];
    for (rel, title, body) in pages {
        site.page(rel, &format!("title: {title}"), &format!("{body}\n"));
    }
    site
}

fn options(site: &TestSite) -> BuildOptions {
    BuildOptions { root: site.root().to_path_buf(), serve_mode: true, ..Default::default() }
}

fn content(site: &TestSite, rel: &str) -> PathBuf {
    site.root().canonicalize().unwrap().join("content").join(rel)
}

/// Rebuilds as the dev server does after the watcher reports `rel`.
fn rebuild(site: &TestSite, cache: &mut BuildCache, rel: &str) -> Output {
    cache.changed = Some(vec![content(site, rel)]);
    std::sync::Arc::unwrap_or_clone(build_site_cached(&options(site), cache).unwrap().output)
}

/// The search files of a build, by path.
fn search_files(output: &Output) -> Vec<(String, Vec<u8>)> {
    let paths = output.files.keys().filter(|p| p.starts_with("search/"));
    paths.map(|p| (p.clone(), output.files[p].read().unwrap().to_vec())).collect()
}

/// The patched build's search files are the full build's, and the same files.
fn assert_same_as_full_build(site: &TestSite, patched: &Output) {
    let full = build_site(&options(site)).unwrap().output;
    let (patched, full) = (search_files(patched), search_files(&full));
    assert_eq!(patched.iter().map(|f| &f.0).collect::<Vec<_>>(), full.iter().map(|f| &f.0).collect::<Vec<_>>());
    for ((path, a), (_, b)) in patched.iter().zip(&full) {
        assert!(
            a == b,
            "{path} differs from a full build:\n{}\n{}",
            String::from_utf8_lossy(a),
            String::from_utf8_lossy(b)
        );
    }
}

/// The term shards of the English index, joined.
fn shards(output: &Output) -> String {
    let paths = output.files.keys().filter(|p| p.starts_with("search/en/terms-"));
    paths.map(|p| output.text(p).unwrap()).collect()
}

fn manifest(output: &Output) -> serde_json::Value {
    serde_json::from_str(&output.text("search/index-en.json").unwrap()).unwrap()
}

#[test]
fn the_most_common_spelling_of_a_stem_follows_an_edit() {
    let site = site();
    let mut cache = BuildCache::default();
    let before = build_site_cached(&options(&site), &mut cache).unwrap().output;
    // One page writes "invoicing" most, one "invoices": of equally common spellings the first wins.
    assert!(shards(&before).contains("[\"invoic\",\"invoices\","), "{}", shards(&before));

    site.page("kb/b.md", "title: Refunds", "Refunds are invoicing in reverse. Invoicing invoicing.\n");
    let after = rebuild(&site, &mut cache, "kb/b.md");
    assert!(shards(&after).contains("[\"invoic\",\"invoicing\","), "{}", shards(&after));
    assert!(cache.stats.search_files_written <= 4, "{:?}", cache.stats);
    assert_same_as_full_build(&site, &after);
}

#[test]
fn a_hebrew_body_edit_patches_its_reduced_forms() {
    let site = site();
    let mut cache = BuildCache::default();
    build_site_cached(&options(&site), &mut cache).unwrap();
    site.page("kb/d.md", "title: חשבוניות", "הלקוחות שילמו את החשבוניות בזמן.\n");
    let after = rebuild(&site, &mut cache, "kb/d.md");
    assert!(shards(&after).contains("\"שילמו\""), "{}", shards(&after));
    assert!(!shards(&after).contains("\"שליחת\""));
    assert_same_as_full_build(&site, &after);
}

#[test]
fn an_added_page_is_indexed_as_a_full_build_indexes_it() {
    let site = site();
    let mut cache = BuildCache::default();
    let before = build_site_cached(&options(&site), &mut cache).unwrap().output;
    assert_eq!(manifest(&before)["docs"], 4);

    // "kb/aa.md" sorts between a and b: the pages after it are numbered one higher.
    site.page("kb/aa.md", "title: Wombats", "Wombatine burrows and invoices.\n");
    let after = rebuild(&site, &mut cache, "kb/aa.md");
    assert_eq!(manifest(&after)["docs"], 5);
    assert!(shards(&after).contains("\"wombatin\""));
    assert!(after.text("search/en/docs/1.json").unwrap().contains("Wombats"));
    assert_same_as_full_build(&site, &after);
}

#[test]
fn a_deleted_page_leaves_the_index_as_a_full_build_does() {
    let site = site();
    let mut cache = BuildCache::default();
    let before = build_site_cached(&options(&site), &mut cache).unwrap().output;
    assert!(shards(&before).contains("\"firewal"));

    std::fs::remove_file(content(&site, "kb/c.md")).unwrap();
    let after = rebuild(&site, &mut cache, "kb/c.md");
    assert_eq!(manifest(&after)["docs"], 3);
    assert!(!shards(&after).contains("\"firewal"), "the deleted page's words are gone");
    assert!(!after.files.contains_key("search/en/docs/3.json"));
    assert_same_as_full_build(&site, &after);

    // And back: the page is indexed again.
    site.page("kb/c.md", "title: Routers", "Router firewall packet subnet gateway.\n");
    let again = rebuild(&site, &mut cache, "kb/c.md");
    assert!(shards(&again).contains("\"firewal"));
    assert_same_as_full_build(&site, &again);
}

#[test]
fn a_body_edit_keeps_every_other_pages_key_and_a_title_edit_hashes_them_again() {
    let site = site();
    site.page("products/widget.md", "title: Widget", "A widget.\n");
    site.page("kb/e.md", "title: Setup\nproducts: [widget]", "Set the widget up.\n");
    let mut cache = BuildCache::default();
    build_site_cached(&options(&site), &mut cache).unwrap();
    let pages = 6;

    site.page("kb/a.md", "title: Billing", "Invoices go out on the first of the month.\n");
    let after = rebuild(&site, &mut cache, "kb/a.md");
    assert_eq!(cache.stats.search_keys_kept, pages - 1, "{:?}", cache.stats);
    assert_same_as_full_build(&site, &after);

    // The product's title is in the setup page's record: no key is kept after a title edit.
    site.page("products/widget.md", "title: Widget Pro", "A widget.\n");
    let after = rebuild(&site, &mut cache, "products/widget.md");
    assert_eq!(cache.stats.search_keys_kept, 0, "{:?}", cache.stats);
    let docs: String =
        after.files.keys().filter(|p| p.starts_with("search/en/docs/")).map(|p| after.text(p).unwrap()).collect();
    assert!(docs.contains("Widget Pro"), "{docs}");
    assert_same_as_full_build(&site, &after);

    site.page("products/widget.md", "title: Widget Pro", "A better widget.\n");
    let after = rebuild(&site, &mut cache, "products/widget.md");
    assert_eq!(cache.stats.search_keys_kept, pages - 1, "{:?}", cache.stats);
    assert_same_as_full_build(&site, &after);
}

#[test]
fn body_edits_patch_the_lists_of_pages_in_place_and_other_edits_list_them_again() {
    let site = site();
    site.page("kb/hidden.md", "title: Hidden\nsearch: false", "Secret words.\n");
    site.page("blog/post.md", "title: News\ndate: 2024-01-02", "Wombats and invoices.\n");
    let mut cache = BuildCache::default();
    build_site_cached(&options(&site), &mut cache).unwrap();
    assert!(!cache.stats.search_entries_patched, "a first build lists every page");

    // Bodies of indexed and unindexed pages, one after the other: each patched, each a full build's.
    let edits = [
        ("kb/b.md", "title: Refunds", "Refunds reversed: invoices credited.\n"),
        ("kb/hidden.md", "title: Hidden\nsearch: false", "Other secret words.\n"),
        ("blog/post.md", "title: News\ndate: 2024-01-02", "Wombats, burrows and refunds.\n"),
        ("kb/d.md", "title: חשבוניות", "הלקוחות שילמו את החשבוניות.\n"),
        ("kb/b.md", "title: Refunds", "Refunds are invoices in reverse. Invoices invoices.\n"),
    ];
    for (rel, front, body) in edits {
        site.page(rel, front, body);
        let after = rebuild(&site, &mut cache, rel);
        assert!(cache.stats.search_entries_patched, "{rel}: {:?}", cache.stats);
        assert_same_as_full_build(&site, &after);
    }
    assert!(!shards(&rebuild(&site, &mut cache, "kb/b.md")).contains("secret"));

    // A title edit changes only that page's front matter and keeps its address: patched in place too.
    site.page("kb/c.md", "title: Gateways", "Router firewall packet subnet gateway.\n");
    let after = rebuild(&site, &mut cache, "kb/c.md");
    assert!(cache.stats.search_entries_patched, "{:?}", cache.stats);
    assert_same_as_full_build(&site, &after);
    // Leaving the index: the lists are made again, and still a full build's.
    site.page("kb/c.md", "title: Gateways\nsearch: false", "Router firewall packet subnet gateway.\n");
    let after = rebuild(&site, &mut cache, "kb/c.md");
    assert!(!cache.stats.search_entries_patched, "{:?}", cache.stats);
    assert!(!shards(&after).contains("firewal"));
    assert_same_as_full_build(&site, &after);
    site.page("kb/a.md", "title: Billing", "Invoices go out monthly.\n");
    let after = rebuild(&site, &mut cache, "kb/a.md");
    assert!(cache.stats.search_entries_patched, "{:?}", cache.stats);
    assert_same_as_full_build(&site, &after);
}
