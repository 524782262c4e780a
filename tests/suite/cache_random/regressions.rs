//! The bugs the random sequences found, each reduced to the few edits that show it.

use super::Snapshot;
use crate::support::site::TestSite;
use folio::{build_site, build_site_cached, BuildCache, BuildOptions, Built};

fn options(site: &TestSite) -> BuildOptions {
    BuildOptions { root: site.root().to_path_buf(), ..Default::default() }
}

/// Builds with `cache`, checks the result equals a full build, and returns it.
#[track_caller]
fn rebuild(site: &TestSite, cache: &mut BuildCache) -> Built {
    let cached = build_site_cached(&options(site), cache);
    if let Some(difference) = Snapshot::of(&cached).difference(&Snapshot::of(&build_site(&options(site)))) {
        panic!("the cached build differs from a full build:\n{difference}");
    }
    cached.expect("cached build")
}

fn guides_site() -> TestSite {
    let site = TestSite::with_config("title: T\nbase_url: https://example.com\n");
    site.page("guides/setup.md", "title: Setup guide", "Install the invoices app.\n")
        .page("guides/export.md", "title: Export guide", "Export the invoices.\n")
        .page("kb/billing/refunds.md", "title: Refunds", "Refund an invoice.\n");
    site
}

#[test]
fn changing_a_section_kind_re_indexes_its_pages_for_search() {
    let site = guides_site();
    let mut cache = BuildCache::default();
    let before = rebuild(&site, &mut cache);
    assert!(before.output.text("search/en/facets.json").unwrap().contains("\"guide\""));

    site.file("site.yaml", "title: T\nbase_url: https://example.com\nsections:\n  guides: { kind: kb }\n");
    let after = rebuild(&site, &mut cache);
    let facets = after.output.text("search/en/facets.json").unwrap();
    assert!(!facets.contains("\"guide\""), "guides are knowledge-base articles now: {facets}");
    let records: String = (0..2).map(|n| after.output.text(&format!("search/en/docs/{n}.json")).unwrap()).collect();
    assert!(records.contains("\"s\":\"kb\",\"t\":\"Setup guide\""), "{records}");
}

#[test]
fn pages_joining_the_related_lists_are_analysed_when_their_section_kind_changes() {
    let site = guides_site();
    site.page("kb/billing/export.md", "title: Exports", "Export the invoices as files.\n");
    let plain = "title: T\nbase_url: https://example.com\nsections:\n  guides: { kind: pages }\n";
    site.file("site.yaml", plain);
    let mut cache = BuildCache::default();
    let before = rebuild(&site, &mut cache);
    assert!(!before.output.text("guides/export/index.html").unwrap().contains("class=\"related"));

    // Guides take part in related lists: their words must be counted now, not taken as empty.
    site.file("site.yaml", "title: T\nbase_url: https://example.com\n");
    let after = rebuild(&site, &mut cache);
    assert!(after.output.text("kb/billing/export/index.html").unwrap().contains("/guides/export/"));

    // And back: pages that left the lists no longer count for the others.
    site.file("site.yaml", plain);
    rebuild(&site, &mut cache);
}

#[test]
fn pages_edited_while_site_yaml_is_broken_are_read_again_once_it_is_fixed() {
    let site = guides_site();
    let config = "title: T\nbase_url: https://example.com\n";
    let mut cache = BuildCache::default();
    rebuild(&site, &mut cache);
    let told = |cache: &mut BuildCache, rel: &str| cache.changed = Some(vec![site.path(rel)]);

    // The watcher tells each build what changed; a build stopped by site.yaml must not lose that.
    site.file("site.yaml", &format!("{config}descripton: typo\n"));
    told(&mut cache, "site.yaml");
    assert!(build_site_cached(&options(&site), &mut cache).is_err());
    site.page("guides/setup.md", "title: Setup guide", "Edited while site.yaml was broken.\n");
    told(&mut cache, "content/guides/setup.md");
    assert!(build_site_cached(&options(&site), &mut cache).is_err());
    site.file("site.yaml", config);
    told(&mut cache, "site.yaml");
    let fixed = rebuild(&site, &mut cache);
    assert!(fixed.output.text("guides/setup/index.html").unwrap().contains("Edited while site.yaml was broken."));
}

#[test]
fn a_theme_folder_appearing_under_themes_is_used_at_the_next_rebuild() {
    let site = guides_site();
    site.file("site.yaml", "title: T\nbase_url: https://example.com\ntheme: brand\n")
        .file("brand/templates/guide.html", "<p>beside the site: {{ page.title }}</p>");
    let mut cache = BuildCache::default();
    rebuild(&site, &mut cache);

    // `theme: brand` names themes/brand/ before brand/: the same site.yaml now means another folder.
    site.file("themes/brand/templates/guide.html", "<p>in themes: {{ page.title }}</p>");
    site.page("guides/setup.md", "title: Setup guide", "Edited.\n");
    let after = rebuild(&site, &mut cache);
    assert_eq!(after.output.text("guides/setup/index.html").unwrap(), "<p>in themes: Setup guide</p>");
}
