//! Rebuilds that reuse the previous build's work produce exactly what a full build produces.

use crate::support;

use folio::{build_site, build_site_cached, BuildCache, BuildOptions, Output};
use support::git::commit_all;
use support::site::TestSite;

fn site() -> TestSite {
    let site = TestSite::with_config("title: T\nbase_url: https://example.com\nlanguage: he\nauthor: dana\n");
    site.page("authors/dana.md", "name: Dana", "Bio.\n")
        .page("blog/2026-01-01-one.md", "title: One", "First post.\n")
        .page("blog/2026-01-02-two.md", "title: Two", "Second post, see [one](2026-01-01-one.md).\n")
        .page("kb/billing/invoices.md", "title: Invoices", "## Refunds\n\nText.\n")
        .page("kb/billing/taxes.md", "title: Taxes", "[refunds](invoices.md#refunds)\n")
        .page("about.md", "title: About", "About us.\n");
    for i in 0..20 {
        site.page(&format!("kb/setup/s{i}.md"), &format!("title: Setup {i}"), "Steps.\n");
    }
    site
}

fn options(site: &TestSite) -> BuildOptions {
    BuildOptions { root: site.root().to_path_buf(), ..Default::default() }
}

/// Every file of `a` equals the same file of `b`, and they have the same files.
fn assert_same_output(a: &Output, b: &Output) {
    let names = |o: &Output| o.files.keys().cloned().collect::<Vec<_>>();
    assert_eq!(names(a), names(b));
    for path in a.files.keys() {
        assert_eq!(a.text(path), b.text(path), "{path} differs from a full build");
    }
}

#[test]
fn editing_a_post_body_re_renders_little_and_equals_a_full_build() {
    let site = site();
    let mut cache = BuildCache::default();
    build_site_cached(&options(&site), &mut cache).unwrap();
    assert_eq!(cache.stats.pages_reused, 0);

    site.page("blog/2026-01-02-two.md", "title: Two", "Second post, rewritten.\n");
    let incremental = build_site_cached(&options(&site), &mut cache).unwrap();
    assert_eq!(cache.stats.markdown_rendered, 1, "{:?}", cache.stats);
    assert!(cache.stats.pages_rendered <= 2, "only the post (and at most its list) re-render: {:?}", cache.stats);
    assert!(incremental.output.text("blog/two/index.html").unwrap().contains("rewritten"));
    assert_same_output(&incremental.output, &build_site(&options(&site)).unwrap().output);
}

#[test]
fn retitling_the_newest_post_re_renders_only_the_pages_that_show_it() {
    let site = site();
    let mut cache = BuildCache::default();
    build_site_cached(&options(&site), &mut cache).unwrap();
    site.page("blog/2026-01-02-two.md", "title: Two, the newest", "Second post, see [one](2026-01-01-one.md).\n");
    let incremental = build_site_cached(&options(&site), &mut cache).unwrap();
    let rendered = cache.rendered.clone();
    // The home page lists the latest posts; the post, its list, its author and the pages that show
    // it as related change too. The KB articles, which show no post, are left alone.
    for page in ["index.html", "blog/two/index.html", "blog/index.html", "authors/dana/index.html"] {
        assert!(rendered.iter().any(|r| r == page), "{page} must re-render: {rendered:?}");
    }
    assert!(!rendered.iter().any(|r| r.starts_with("kb/setup/s")), "KB articles must not re-render: {rendered:?}");
    assert!(!rendered.iter().any(|r| r == "about/index.html"), "{rendered:?}");
    for list in ["kb/index.html", "kb/billing/index.html", "kb/setup/index.html"] {
        assert!(!rendered.iter().any(|r| r == list), "{list} shows no post and must not re-render: {rendered:?}");
    }
    assert_same_output(&incremental.output, &build_site(&options(&site)).unwrap().output);
}

#[test]
fn renaming_a_post_updates_every_list_showing_it() {
    let site = site();
    let mut cache = BuildCache::default();
    build_site_cached(&options(&site), &mut cache).unwrap();
    site.page("blog/2026-01-02-two.md", "title: Two, renamed", "Second post.\n");
    let incremental = build_site_cached(&options(&site), &mut cache).unwrap();
    for page in ["index.html", "blog/index.html", "authors/dana/index.html"] {
        assert!(incremental.output.text(page).unwrap().contains("Two, renamed"), "{page}");
    }
    assert_same_output(&incremental.output, &build_site(&options(&site)).unwrap().output);
}

#[test]
fn moving_a_heading_rechecks_and_rerenders_links_to_it() {
    let site = site();
    let mut cache = BuildCache::default();
    build_site_cached(&options(&site), &mut cache).unwrap();
    site.page("kb/billing/invoices.md", "title: Invoices", "## Credit notes\n\nText.\n");
    let err = build_site_cached(&options(&site), &mut cache).unwrap_err().to_string();
    assert!(err.contains("content/kb/billing/taxes.md:4:1: link to `#refunds`: no such heading"), "{err}");
    site.page("kb/billing/invoices.md", "title: Invoices", "## Refunds\n\nNew text.\n");
    let fixed = build_site_cached(&options(&site), &mut cache).unwrap();
    assert_same_output(&fixed.output, &build_site(&options(&site)).unwrap().output);
}

#[test]
fn a_template_change_re_renders_only_pages_that_use_it() {
    let site = site();
    site.file("templates/page.html", "{% extends \"document.html\" %}");
    let mut cache = BuildCache::default();
    build_site_cached(&options(&site), &mut cache).unwrap();
    site.file("templates/page.html", "<p>custom {{ page.title }}</p>");
    let incremental = build_site_cached(&options(&site), &mut cache).unwrap();
    assert_eq!(cache.stats.pages_rendered, 1, "only about/ uses page.html: {:?}", cache.stats);
    assert_eq!(incremental.output.text("about/index.html").unwrap(), "<p>custom About</p>");
    assert_same_output(&incremental.output, &build_site(&options(&site)).unwrap().output);
}

#[test]
fn a_config_change_rebuilds_everything() {
    let site = site();
    let mut cache = BuildCache::default();
    build_site_cached(&options(&site), &mut cache).unwrap();
    site.file("site.yaml", "title: Renamed\nbase_url: https://example.com/docs\nlanguage: he\nauthor: dana\n");
    let incremental = build_site_cached(&options(&site), &mut cache).unwrap();
    assert_eq!(cache.stats.pages_reused, 0, "{:?}", cache.stats);
    assert_eq!(cache.stats.markdown_reused, 0, "links moved under /docs: {:?}", cache.stats);
    assert_same_output(&incremental.output, &build_site(&options(&site)).unwrap().output);
}

#[test]
fn adding_and_deleting_pages_matches_a_full_build() {
    let site = site();
    let mut cache = BuildCache::default();
    build_site_cached(&options(&site), &mut cache).unwrap();
    site.page("kb/new/fresh.md", "title: Fresh", "New.\n");
    std::fs::remove_file(site.path("content/kb/setup/s3.md")).unwrap();
    let incremental = build_site_cached(&options(&site), &mut cache).unwrap();
    assert!(incremental.output.files.contains_key("kb/new/fresh/index.html"));
    assert!(!incremental.output.files.contains_key("kb/setup/s3/index.html"));
    assert_same_output(&incremental.output, &build_site(&options(&site)).unwrap().output);
}

#[test]
fn rebuilds_told_which_files_changed_match_a_full_build() {
    let site = site();
    let mut cache = BuildCache::default();
    build_site_cached(&options(&site), &mut cache).unwrap();
    let post = site.path("content/blog/2026-01-02-two.md");
    // An edited page: only it is read again.
    site.page("blog/2026-01-02-two.md", "title: Two", "Told it changed.\n");
    cache.changed = Some(vec![post.clone()]);
    let told = build_site_cached(&options(&site), &mut cache).unwrap();
    assert!(told.output.text("blog/two/index.html").unwrap().contains("Told it changed."));
    assert_same_output(&told.output, &build_site(&options(&site)).unwrap().output);

    // A new page named in the hint is unknown: the whole folder is walked again.
    site.page("kb/billing/new.md", "title: New", "New page.\n");
    cache.changed = Some(vec![site.path("content/kb/billing/new.md")]);
    let grown = build_site_cached(&options(&site), &mut cache).unwrap();
    assert!(grown.output.files.contains_key("kb/billing/new/index.html"));

    // A broken edit fails, and the next build does not reuse the broken state.
    site.file("content/kb/billing/new.md", "---\ntitle: [\n---\n");
    cache.changed = Some(vec![site.path("content/kb/billing/new.md")]);
    assert!(build_site_cached(&options(&site), &mut cache).is_err());
    site.page("about.md", "title: About", "Changed while another file was broken.\n");
    cache.changed = Some(vec![site.path("content/about.md")]);
    assert!(build_site_cached(&options(&site), &mut cache).is_err(), "the broken file is still broken");
    site.page("kb/billing/new.md", "title: New", "Fixed.\n");
    cache.changed = Some(vec![site.path("content/kb/billing/new.md")]);
    let fixed = build_site_cached(&options(&site), &mut cache).unwrap();
    assert_same_output(&fixed.output, &build_site(&options(&site)).unwrap().output);
}

#[test]
fn front_matter_edits_after_body_edits_still_match_a_full_build() {
    let site = site();
    let mut cache = BuildCache::default();
    build_site_cached(&options(&site), &mut cache).unwrap();
    let post = site.path("content/blog/2026-01-02-two.md");
    for (front, body) in [
        ("title: Two", "Body edit one.\n"),
        ("title: Two", "Body edit two.\n"),
        ("title: Two again\nlang: en", "Body edit two.\n"),
        ("title: Two again\nlang: en\ndraft: true", "Hidden.\n"),
        ("title: Two", "Back.\n"),
    ] {
        site.page("blog/2026-01-02-two.md", front, body);
        cache.changed = Some(vec![post.clone()]);
        let incremental = build_site_cached(&options(&site), &mut cache).unwrap();
        assert_same_output(&incremental.output, &build_site(&options(&site)).unwrap().output);
    }
    site.page("kb/billing/_index.md", "title: Billing", "Intro text.\n");
    let incremental = build_site_cached(&options(&site), &mut cache).unwrap();
    site.page("kb/billing/_index.md", "title: Billing", "New intro text.\n");
    cache.changed = Some(vec![site.path("content/kb/billing/_index.md")]);
    let incremental2 = build_site_cached(&options(&site), &mut cache).unwrap();
    assert!(incremental2.output.text("kb/billing/index.html").unwrap().contains("New intro text."));
    assert_ne!(incremental.output.text("kb/billing/index.html"), incremental2.output.text("kb/billing/index.html"));
    assert_same_output(&incremental2.output, &build_site(&options(&site)).unwrap().output);
}

#[test]
fn knowledge_site_edits_match_a_full_build() {
    let site = site();
    site.file("site.yaml", "title: T\nbase_url: https://example.com\nlanguage: he\nauthor: dana\npaginate: 3\n");
    let mut cache = BuildCache::default();
    build_site_cached(&options(&site), &mut cache).unwrap();
    let edits: [(&str, &str, &str); 8] = [
        // Body edits change which pages are alike, so other pages' related lists change.
        ("kb/setup/s7.md", "title: Setup 7", "Invoices and refunds, refunds and invoices.\n"),
        ("kb/setup/s7.md", "title: Setup 7", "Steps.\n"),
        // A new tag: its term page appears, the tag list changes.
        ("blog/2026-01-01-one.md", "title: One\ntags: [news]", "First post.\n"),
        // A title change shows on the neighbours' previous/next links and on the tag page.
        ("kb/setup/s3.md", "title: Setup three\ntags: [news]", "Steps.\n"),
        // Reordering moves previous/next links and the pagination of the category.
        ("kb/setup/s0.md", "title: Setup 0\nweight: 50", "Steps.\n"),
        // A community article waiting for review leaves the site and its lists.
        ("kb/setup/s5.md", "title: Setup 5\nsource: community", "Steps.\n"),
        ("kb/setup/s5.md", "title: Setup 5\nsource: community\nstatus: approved", "Steps.\n"),
        // A page opting out of its table of contents.
        ("kb/billing/invoices.md", "title: Invoices\ntoc: false", "## Refunds\n\nText.\n\n## More\n\nText.\n"),
    ];
    for (file, front, body) in edits {
        site.page(file, front, body);
        let incremental = build_site_cached(&options(&site), &mut cache).unwrap();
        assert_same_output(&incremental.output, &build_site(&options(&site)).unwrap().output);
    }
}

#[test]
fn feedback_data_changes_re_render_only_the_pages_they_change() {
    let site = site();
    let config = "title: T\nbase_url: https://example.com\nlanguage: he\nauthor: dana\n\
                  feedback:\n  transport: mailto\n  email: docs@example.com\n  data: feedback/export.jsonl\n  min_votes: 2\n";
    site.file("site.yaml", config);
    let vote = |page: &str, vote: &str| format!("{{\"page_id\":\"{page}\",\"vote\":\"{vote}\"}}\n");
    site.file(
        "feedback/export.jsonl",
        &(vote("kb/billing/invoices.md", "yes") + &vote("kb/billing/invoices.md", "no")),
    );
    let mut cache = BuildCache::default();
    let first = build_site_cached(&options(&site), &mut cache).unwrap();
    assert!(first.output.text("kb/billing/invoices/index.html").unwrap().contains("50% מהקוראים"));

    let more = vote("kb/billing/invoices.md", "yes")
        + &vote("kb/billing/invoices.md", "yes")
        + &vote("kb/billing/invoices.md", "yes");
    site.file("feedback/export.jsonl", &(vote("kb/billing/invoices.md", "no") + &more));
    let incremental = build_site_cached(&options(&site), &mut cache).unwrap();
    // The help-center home lists the most helpful articles with their share, so it changes too.
    assert_eq!(cache.stats.pages_rendered, 2, "only the page whose share changed, and the home: {:?}", cache.stats);
    assert!(cache.rendered.iter().any(|r| r == "index.html"), "{:?}", cache.rendered);
    assert!(incremental.output.text("kb/billing/invoices/index.html").unwrap().contains("75% מהקוראים"));
    assert_same_output(&incremental.output, &build_site(&options(&site)).unwrap().output);

    site.file("feedback/export.jsonl", &(vote("kb/billing/taxes.md", "no") + &vote("kb/billing/taxes.md", "no")));
    let incremental = build_site_cached(&options(&site), &mut cache).unwrap();
    assert_eq!(
        cache.stats.pages_rendered, 3,
        "the page that lost its share, the one that gained one, and the home: {:?}",
        cache.stats
    );
    assert_same_output(&incremental.output, &build_site(&options(&site)).unwrap().output);
}

#[test]
fn editing_a_post_body_updates_its_feeds_like_a_full_build() {
    let site = site();
    site.page("blog/2026-01-03-tagged.md", "title: Tagged\ntags: [news]", "Old text.\n");
    let mut cache = BuildCache::default();
    build_site_cached(&options(&site), &mut cache).unwrap();
    site.page("blog/2026-01-03-tagged.md", "title: Tagged\ntags: [news]", "New text.\n");
    let incremental = build_site_cached(&options(&site), &mut cache).unwrap();
    for feed in ["blog/atom.xml", "blog/rss.xml", "blog/feed.json", "tags/news/atom.xml", "authors/dana/atom.xml"] {
        let text = incremental.output.text(feed).unwrap();
        assert!(text.contains("New text.") && !text.contains("Old text."), "{feed}");
    }
    assert_same_output(&incremental.output, &build_site(&options(&site)).unwrap().output);
}

#[test]
fn adding_tags_and_aliases_matches_a_full_build() {
    let site = site();
    let mut cache = BuildCache::default();
    build_site_cached(&options(&site), &mut cache).unwrap();
    site.page("blog/2026-01-02-two.md", "title: Two\ntags: [launch]\naliases: [/old/two/]", "Second post.\n");
    let incremental = build_site_cached(&options(&site), &mut cache).unwrap();
    assert!(incremental.output.text("tags/launch/atom.xml").unwrap().contains("<title>Two</title>"));
    assert!(incremental.output.text("old/two/index.html").unwrap().contains("https://example.com/blog/two/"));
    assert!(incremental.output.text("blog/two/index.html").unwrap().contains("/tags/launch/atom.xml"));
    assert_same_output(&incremental.output, &build_site(&options(&site)).unwrap().output);
    site.page("blog/2026-01-02-two.md", "title: Two", "Second post.\n");
    let incremental = build_site_cached(&options(&site), &mut cache).unwrap();
    assert!(incremental.output.get("old/two/index.html").is_none());
    assert!(incremental.output.get("tags/launch/atom.xml").is_none());
    assert_same_output(&incremental.output, &build_site(&options(&site)).unwrap().output);
}

#[test]
fn a_new_commit_re_renders_pages_dated_by_git() {
    let site = site();
    site.page("kb/billing/dated.md", "title: Dated\nupdated: git", "Text.\n");
    commit_all(site.root(), "2026-02-01T10:00:00Z");
    site.page("kb/billing/dated.md", "title: Dated\nupdated: git", "Text, edited.\n");
    let mut cache = BuildCache::default();
    let first = build_site_cached(&options(&site), &mut cache).unwrap();
    assert!(first.output.text("kb/billing/dated/index.html").unwrap().contains("2026-02-01"));
    // The file does not change on disk: only the commit date does.
    commit_all(site.root(), "2026-03-15T10:00:00Z");
    let incremental = build_site_cached(&options(&site), &mut cache).unwrap();
    let page = incremental.output.text("kb/billing/dated/index.html").unwrap();
    assert!(page.contains("2026-03-15") && !page.contains("2026-02-01"), "{page}");
    assert!(incremental.output.text("sitemap.xml").unwrap().contains("2026-03-15T10:00:00Z"));
    assert_same_output(&incremental.output, &build_site(&options(&site)).unwrap().output);
}

/// The search index files of an output, as text.
fn search_files(output: &Output) -> Vec<(String, String)> {
    output.files.keys().filter(|p| p.starts_with("search/")).map(|p| (p.clone(), output.text(p).unwrap())).collect()
}

#[test]
fn the_search_index_follows_edits_renames_and_opt_outs_like_a_full_build() {
    let site = site();
    let mut cache = BuildCache::default();
    let first = build_site_cached(&options(&site), &mut cache).unwrap();
    assert!(!search_files(&first.output).iter().any(|(_, text)| text.contains("zeppelin")));

    site.page("kb/billing/invoices.md", "title: Invoices", "## Refunds\n\nA zeppelin delivers them.\n");
    let edited = build_site_cached(&options(&site), &mut cache).unwrap();
    assert!(search_files(&edited.output).iter().any(|(_, text)| text.contains("\"zeppelin\"")));
    assert_same_output(&edited.output, &build_site(&options(&site)).unwrap().output);

    // Patched in place (same pages): a term that no page has any more is gone, as in a full build.
    site.page("kb/billing/invoices.md", "title: Invoices", "## Refunds\n\nA courier delivers them.\n");
    let patched = build_site_cached(&options(&site), &mut cache).unwrap();
    assert!(!search_files(&patched.output).iter().any(|(_, text)| text.contains("zeppelin")));
    assert_same_output(&patched.output, &build_site(&options(&site)).unwrap().output);

    site.page("kb/billing/invoices.md", "title: Invoices\nsearch: false", "## Refunds\n\nA zeppelin delivers them.\n");
    let hidden = build_site_cached(&options(&site), &mut cache).unwrap();
    assert!(!search_files(&hidden.output).iter().any(|(_, text)| text.contains("zeppelin")));
    assert_same_output(&hidden.output, &build_site(&options(&site)).unwrap().output);

    site.page("kb/setup/s3.md", "title: Zeppelin setup", "Steps.\n");
    let renamed = build_site_cached(&options(&site), &mut cache).unwrap();
    assert!(search_files(&renamed.output).iter().any(|(_, text)| text.contains("Zeppelin setup")));
    assert_same_output(&renamed.output, &build_site(&options(&site)).unwrap().output);
}

/// A post scheduled a moment ahead appears in a dev-server rebuild once its time has passed, even when the
/// edit that triggers the rebuild is to another page's body (the cached site knows when it goes stale).
#[test]
fn a_scheduled_post_appears_once_its_time_passes_in_a_cached_rebuild() {
    let site = site();
    let soon = time::OffsetDateTime::now_utc() + time::Duration::seconds(2);
    let at = soon.format(&time::format_description::well_known::Rfc3339).unwrap();
    site.page("blog/scheduled.md", &format!("title: Scheduled\ndate: {at}"), "Soon.\n");
    let mut cache = BuildCache::default();
    let first = build_site_cached(&options(&site), &mut cache).unwrap();
    assert!(first.output.text("blog/scheduled/index.html").is_none(), "not published before its time");
    while time::OffsetDateTime::now_utc() <= soon {
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    site.page("about.md", "title: About", "About us, edited.\n");
    cache.changed = Some(vec![site.path("content/about.md")]);
    let second = build_site_cached(&options(&site), &mut cache).unwrap();
    assert!(second.output.text("blog/scheduled/index.html").is_some(), "published once its time passed");
    assert_same_output(&second.output, &build_site(&options(&site)).unwrap().output);
}
