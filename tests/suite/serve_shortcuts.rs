//! The dev server's rebuild shortcuts: work a rebuild skips because it can tell nothing it depends on
//! changed. Each test compares the cached build with a full build file by file, and counts what was
//! recomputed, so it fails both when a shortcut serves something stale and when it stops working.

use crate::support;

use folio::{build_site, build_site_cached, BuildCache, BuildOptions, Built};
use support::site::TestSite;

const CONFIG: &str = "title: Acme Help\nbase_url: https://help.example.com\nlanguage: en\n";

/// A knowledge base with categories and one large category (its navigation shows a window of it),
/// guides, and a blog.
fn site() -> TestSite {
    let site = TestSite::with_config(CONFIG);
    site.page("kb/_index.md", "title: Help", "")
        .page("kb/start.md", "title: Start here", "Text.\n")
        .page("kb/billing/_index.md", "title: Billing\nweight: 2", "")
        .page("kb/billing/vat.md", "title: VAT\nweight: 1", "Text.\n")
        .page("kb/billing/refunds.md", "title: Refunds\nweight: 1", "Text.\n")
        .page("kb/account/_index.md", "title: Account\nweight: 1", "")
        .page("kb/account/password.md", "title: Password", "Text.\n")
        .page("guides/setup.md", "title: Setting up\nweight: 2", "Text.\n")
        .page("guides/import.md", "title: Importing\nweight: 1", "Text.\n")
        .page("blog/2026-01-01-news.md", "title: News", "Text.\n");
    for i in 0..210 {
        site.page(&format!("kb/bulk/b{i:03}.md"), &format!("title: Bulk {i:03}"), "Text.\n");
    }
    site
}

fn assert_same_as_full_build(built: &Built, options: &BuildOptions) {
    let full = build_site(options).unwrap();
    let paths = |b: &Built| b.output.files.keys().cloned().collect::<Vec<_>>();
    assert_eq!(paths(built), paths(&full), "the same files");
    for path in full.output.files.keys() {
        assert_eq!(built.output.text(path), full.output.text(path), "{path} differs from a full build");
    }
}

#[test]
fn a_body_edit_builds_no_section_navigation_and_a_title_edit_only_its_trees() {
    let site = site();
    let options = BuildOptions { root: site.root().to_path_buf(), ..Default::default() };
    let mut cache = BuildCache::default();
    let first = build_site_cached(&options, &mut cache).unwrap();
    let kb_pages = 4 + 210;
    // Each list page of a category (its first page and `page/N/`) shows the navigation too.
    let category = |path: &String| {
        ["kb/billing/", "kb/account/", "kb/bulk/"]
            .iter()
            .any(|c| path.strip_prefix(c).is_some_and(|rest| rest == "index.html" || rest.starts_with("page/")))
    };
    let category_lists = first.output.files.keys().filter(|p| category(p)).count();
    assert!(category_lists > 3, "the bulk category has pages of its own");
    assert_eq!(cache.nav_keys.last_built, kb_pages + 2 + category_lists, "a first build builds every navigation");

    site.page("kb/bulk/b100.md", "title: Bulk 100", "Other text.\n");
    let built = build_site_cached(&options, &mut cache).unwrap();
    assert_eq!(cache.nav_keys.last_built, 0, "no title or order changed");
    assert_eq!(cache.rendered, ["kb/bulk/b100/index.html"]);
    assert_same_as_full_build(&built, &options);

    site.page("kb/bulk/b100.md", "title: Bulk 100, renamed", "Other text.\n");
    let built = build_site_cached(&options, &mut cache).unwrap();
    assert_eq!(
        cache.nav_keys.last_built,
        kb_pages + category_lists,
        "the knowledge base's tree changed, the guides' did not"
    );
    // Only the pages whose window of 30 in the bulk category shows b100 re-render (b086 to b115).
    let bulk: Vec<&String> = cache.rendered.iter().filter(|r| r.starts_with("kb/bulk/b")).collect();
    assert_eq!(bulk.len(), 30, "{bulk:?}");
    assert!(bulk.iter().any(|r| *r == "kb/bulk/b115/index.html"), "{bulk:?}");
    assert!(!cache.rendered.iter().any(|r| r == "kb/billing/vat/index.html"), "{:?}", cache.rendered);
    assert_same_as_full_build(&built, &options);

    site.page("guides/import.md", "title: Importing data\nweight: 1", "Text.\n");
    let built = build_site_cached(&options, &mut cache).unwrap();
    assert_eq!(cache.nav_keys.last_built, 2, "only the guides' tree changed");
    assert_same_as_full_build(&built, &options);
}

#[test]
fn llms_txt_is_kept_while_no_page_it_lists_changed_what_it_shows() {
    let site = site();
    let options = BuildOptions { root: site.root().to_path_buf(), ..Default::default() };
    let mut cache = BuildCache::default();
    build_site_cached(&options, &mut cache).unwrap();
    // The blog's three feeds and the sitemap do not show a knowledge-base article's text or title.
    let (copies, feeds_and_sitemap) = (214 + 2 + 1, 4);

    site.page("kb/billing/vat.md", "title: VAT\nweight: 1", "New text.\n");
    let built = build_site_cached(&options, &mut cache).unwrap();
    // Every Markdown copy but the edited page's, and llms.txt itself.
    assert_eq!(cache.stats.site_files_reused, copies - 1 + 1 + feeds_and_sitemap, "{:?}", cache.stats);
    assert!(built.output.text("kb/billing/vat/index.md").unwrap().contains("New text."));
    assert_same_as_full_build(&built, &options);

    site.page("kb/billing/vat.md", "title: VAT rates\nweight: 1", "New text.\n");
    let built = build_site_cached(&options, &mut cache).unwrap();
    assert_eq!(cache.stats.site_files_reused, copies - 1 + feeds_and_sitemap, "llms.txt lists the new title");
    assert!(built.output.text("llms.txt").unwrap().contains("[VAT rates]"));
    assert_same_as_full_build(&built, &options);
}

/// A blog whose posts have authors and tags, so feeds list them three ways.
fn blog() -> TestSite {
    let site = TestSite::with_config(CONFIG);
    site.page("authors/dana.md", "name: Dana Levi", "Bio.\n").page("authors/omer.md", "name: Omer Tal", "Bio.\n");
    for i in 1..=6 {
        let author = if i % 2 == 0 { "dana" } else { "omer" };
        let front = format!("title: Post {i}\ndate: 2026-03-0{i}\nauthor: {author}\ntags: [news, t{}]", i % 3);
        site.page(&format!("blog/post-{i}.md"), &front, &format!("Text of post {i}.\n"));
    }
    site
}

#[test]
fn the_feed_plan_is_kept_for_body_edits_and_made_again_for_titles_dates_tags_and_removals() {
    let site = blog();
    let options = BuildOptions { root: site.root().to_path_buf(), ..Default::default() };
    let mut cache = BuildCache::default();
    build_site_cached(&options, &mut cache).unwrap();
    assert!(!cache.stats.feed_plan_kept, "a first build plans the feeds");
    // Written as `blog` writes them, so an unchanged front matter is the same text.
    let post = |title: &str, date: &str, tags: &str, body: &str| {
        let front = format!("title: {title}\ndate: {date}\nauthor: dana\ntags: [{tags}]");
        site.page("blog/post-2.md", &front, body);
    };
    let edits: [(&str, &dyn Fn(), bool); 7] = [
        ("a body edit", &|| post("Post 2", "2026-03-02", "news, t2", "New text.\n"), true),
        ("a title edit", &|| post("Renamed", "2026-03-02", "news, t2", "New text.\n"), false),
        // Post 2 becomes the newest: every list and feed it is in reorders.
        ("a date edit", &|| post("Renamed", "2026-04-01", "news, t2", "New text.\n"), false),
        ("a tag added", &|| post("Renamed", "2026-04-01", "news, t2, fresh", "New text.\n"), false),
        ("a tag removed", &|| post("Renamed", "2026-04-01", "t2", "New text.\n"), false),
        (
            "an author's text",
            &|| {
                site.page("authors/dana.md", "name: Dana Levi", "A longer bio.\n");
            },
            true,
        ),
        ("a removed post", &|| std::fs::remove_file(site.path("content/blog/post-5.md")).unwrap(), false),
    ];
    for (what, edit, kept) in edits {
        edit();
        let built = build_site_cached(&options, &mut cache).unwrap();
        assert_eq!(cache.stats.feed_plan_kept, kept, "after {what}");
        assert_same_as_full_build(&built, &options);
    }
    let feed = build_site(&options).unwrap().output.text("tags/fresh/atom.xml");
    assert!(feed.is_none(), "the removed tag's feed is gone");
    let news = build_site_cached(&options, &mut cache).unwrap().output.text("tags/news/atom.xml").unwrap();
    assert!(news.contains("Post 4") && !news.contains("Post 5") && !news.contains("Renamed"), "{news}");
}

#[test]
fn a_body_edit_keeps_the_render_keys_of_pages_that_cannot_show_it_and_a_title_edit_keeps_none() {
    let site = site();
    site.page("authors/ada.md", "title: Ada", "Ada writes.\n").page(
        "blog/2026-02-01-more.md",
        "title: More\nauthors: [ada]",
        "Text.\n",
    );
    let options = BuildOptions { root: site.root().to_path_buf(), ..Default::default() };
    let mut cache = BuildCache::default();
    build_site_cached(&options, &mut cache).unwrap();
    assert_eq!(cache.stats.render_keys_kept, 0, "a first build has no keys to keep");
    let pages = 219;
    // The dev server's watcher names the saved file, so only it is read again.
    let saved = |cache: &mut BuildCache, rel: &str| cache.changed = Some(vec![site.root().join("content").join(rel)]);

    site.page("kb/bulk/b100.md", "title: Bulk 100", "Other text.\n");
    saved(&mut cache, "kb/bulk/b100.md");
    let built = build_site_cached(&options, &mut cache).unwrap();
    let kept = cache.stats.render_keys_kept;
    // Not the edited page, nor the author page (it lists posts); the pages relating to b100 may change.
    assert!(kept > pages - 40 && kept < pages, "{kept} of {pages} keys kept");
    assert_eq!(cache.rendered, ["kb/bulk/b100/index.html"]);
    assert_same_as_full_build(&built, &options);

    site.page("kb/bulk/b100.md", "title: Bulk 100, renamed", "Other text.\n");
    saved(&mut cache, "kb/bulk/b100.md");
    let built = build_site_cached(&options, &mut cache).unwrap();
    assert_eq!(cache.stats.render_keys_kept, 0, "a title edit works out every key");
    assert_same_as_full_build(&built, &options);

    site.page("kb/bulk/b101.md", "title: Bulk 101", "Changed text.\n");
    saved(&mut cache, "kb/bulk/b101.md");
    let built = build_site_cached(&options, &mut cache).unwrap();
    assert!(cache.stats.render_keys_kept > pages - 40, "the keys of the title edit's build are kept");
    assert_same_as_full_build(&built, &options);

    // An author's text is shown on the cards of the posts it wrote: every key is worked out.
    site.page("authors/ada.md", "title: Ada", "Ada writes more.\n");
    saved(&mut cache, "authors/ada.md");
    let built = build_site_cached(&options, &mut cache).unwrap();
    assert_eq!(cache.stats.render_keys_kept, 0);
    assert_same_as_full_build(&built, &options);
}

/// The feeds' entries are kept between rebuilds (`publish::FeedEntries`): after edits of a post's
/// text, of another post in the same feeds, of an author's name (which every entry of theirs shows),
/// of tags and of a date, every feed is what a full build writes.
#[test]
fn feeds_rewritten_from_kept_entries_are_those_a_full_build_writes() {
    let config = format!("{CONFIG}feeds:\n  formats: [atom, rss, json]\n  content: full\n");
    let site = TestSite::with_config(&config);
    site.page("authors/dana.md", "name: Dana Levi", "Dana's bio.\n")
        .page("blog/2026-03-01-launch.md", "title: Launch\nauthor: dana\ntags: [News, Rust]", "Launch text.\n")
        .page("blog/2026-02-01-hello.md", "title: Hello\nauthor: dana\ntags: [rust]", "First words.\n")
        .page("blog/2026-01-01-old.md", "title: Old\ntags: [News]", "Old words.\n");
    let options = BuildOptions { root: site.root().to_path_buf(), ..Default::default() };
    let mut cache = BuildCache::default();
    build_site_cached(&options, &mut cache).unwrap();
    let edits: [(&str, &str, &str); 6] = [
        ("blog/2026-03-01-launch.md", "title: Launch\nauthor: dana\ntags: [News, Rust]", "Launch text, edited.\n"),
        ("blog/2026-02-01-hello.md", "title: Hello\nauthor: dana\ntags: [rust]", "First words, edited.\n"),
        ("blog/2026-03-01-launch.md", "title: Launch\nauthor: dana\ntags: [News, Rust]", "Launch text, again.\n"),
        ("authors/dana.md", "name: Dana Cohen", "Dana's bio.\n"),
        ("blog/2026-01-01-old.md", "title: Old\ntags: [News, Rust]", "Old words.\n"),
        ("blog/2026-02-01-hello.md", "title: Hello\nauthor: dana\ntags: [rust]\ndate: 2026-02-02", "First words.\n"),
    ];
    for (path, front, body) in edits {
        site.page(path, front, body);
        let built = build_site_cached(&options, &mut cache).unwrap();
        assert!(built.output.text("blog/atom.xml").is_some_and(|feed| feed.contains("Dana")));
        assert_same_as_full_build(&built, &options);
    }
}
