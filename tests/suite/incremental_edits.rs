//! The dev server's edits, told which file changed as its watcher tells it: a save that changed
//! nothing hands back the previous build; title, tag and date edits re-render only the pages that
//! show what changed. After each, the cached output equals a full build's.

use crate::support;

use folio::{build_site, build_site_cached, BuildCache, BuildOptions, Built, Output};
use support::git::commit_all;
use support::site::TestSite;

fn site() -> TestSite {
    let site = TestSite::with_config("title: T\nbase_url: https://example.com\nauthor: dana\nllms:\n  full: true\n");
    site.page("authors/dana.md", "name: Dana", "Bio.\n")
        .page("blog/2026-01-01-one.md", "title: One\ntags: [launch]", "First post about invoices.\n")
        .page("blog/2026-01-02-two.md", "title: Two\ntags: [launch, news]", "Second post about invoices.\n")
        .page("kb/billing/invoices.md", "title: Invoices\ntags: [money]", "## Refunds\n\nInvoices and refunds.\n")
        .page("about.md", "title: About", "About us.\n");
    for i in 0..12 {
        site.page(&format!("kb/setup/s{i}.md"), &format!("title: Setup {i}"), "Steps to set up.\n");
    }
    site
}

fn options(site: &TestSite) -> BuildOptions {
    BuildOptions { root: site.root().to_path_buf(), serve_mode: true, ..Default::default() }
}

/// Every file of `a` equals the same file of `b`, and they have the same files.
fn assert_same_output(a: &Output, b: &Output) {
    let names = |o: &Output| o.files.keys().cloned().collect::<Vec<_>>();
    assert_eq!(names(a), names(b));
    for path in a.files.keys() {
        assert_eq!(a.text(path), b.text(path), "{path} differs from a full build");
    }
}

/// Saves `rel` (inside content/) with `front` and `body`, and rebuilds told only of that file.
fn save(site: &TestSite, cache: &mut BuildCache, rel: &str, front: &str, body: &str) -> Built {
    site.page(rel, front, body);
    cache.changed = Some(vec![site.path(&format!("content/{rel}"))]);
    build_site_cached(&options(site), cache).unwrap()
}

fn stage_names(built: &Built) -> Vec<&'static str> {
    built.summary.stages.iter().map(|(name, _)| *name).collect()
}

#[test]
fn saving_a_page_unchanged_hands_back_the_previous_build() {
    let site = site();
    let mut cache = BuildCache::default();
    let first = build_site_cached(&options(&site), &mut cache).unwrap();
    let again = save(
        &site,
        &mut cache,
        "blog/2026-01-02-two.md",
        "title: Two\ntags: [launch, news]",
        "Second post about invoices.\n",
    );
    assert_eq!(stage_names(&again), ["read content", "reuse the last build"]);
    assert_eq!((cache.stats.pages_rendered, cache.stats.markdown_rendered), (0, 0), "{:?}", cache.stats);
    assert!(cache.rendered.is_empty(), "{:?}", cache.rendered);
    assert_eq!(again.summary.rendered, 0);
    assert_same_output(&again.output, &first.output);
    assert_same_output(&again.output, &build_site(&options(&site)).unwrap().output);

    // A real edit after it is built as usual, and so is a second unchanged save of it.
    let edited = save(&site, &mut cache, "blog/2026-01-02-two.md", "title: Two\ntags: [launch, news]", "Rewritten.\n");
    assert!(stage_names(&edited).contains(&"render pages"));
    assert!(edited.output.text("blog/two/index.html").unwrap().contains("Rewritten."));
    let same = save(&site, &mut cache, "blog/2026-01-02-two.md", "title: Two\ntags: [launch, news]", "Rewritten.\n");
    assert_eq!(stage_names(&same), ["read content", "reuse the last build"]);
    assert_same_output(&same.output, &build_site(&options(&site)).unwrap().output);
}

#[test]
fn an_unchanged_save_does_not_hide_other_changes() {
    let site = site();
    let mut cache = BuildCache::default();
    build_site_cached(&options(&site), &mut cache).unwrap();
    // A template the watcher reports with the unchanged page: the build must run and use it.
    site.file(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block content %}CUSTOM {{ page.title }}{% endblock %}",
    );
    site.page("about.md", "title: About", "About us.\n");
    cache.changed = Some(vec![site.path("templates/page.html"), site.path("content/about.md")]);
    let built = build_site_cached(&options(&site), &mut cache).unwrap();
    assert!(stage_names(&built).contains(&"render pages"), "{:?}", stage_names(&built));
    assert!(built.output.text("about/index.html").unwrap().contains("CUSTOM About"));
    assert_same_output(&built.output, &build_site(&options(&site)).unwrap().output);

    // A failed build forgets the last good one: fixing the file back to the old text rebuilds.
    site.file("content/about.md", "---\ntitle: [\n---\n");
    cache.changed = Some(vec![site.path("content/about.md")]);
    assert!(build_site_cached(&options(&site), &mut cache).is_err());
    let fixed = save(&site, &mut cache, "about.md", "title: About", "About us.\n");
    assert!(stage_names(&fixed).contains(&"render pages"), "{:?}", stage_names(&fixed));
    assert_same_output(&fixed.output, &build_site(&options(&site)).unwrap().output);
}

#[test]
fn an_unchanged_save_on_a_site_dated_by_git_reads_the_commits_again() {
    let site = site();
    site.page("kb/billing/dated.md", "title: Dated\nupdated: git", "Text.\n");
    commit_all(site.root(), "2026-02-01T10:00:00Z");
    site.page("kb/billing/dated.md", "title: Dated\nupdated: git", "Text, edited.\n");
    let mut cache = BuildCache::default();
    let first = build_site_cached(&options(&site), &mut cache).unwrap();
    assert!(first.output.text("kb/billing/dated/index.html").unwrap().contains("2026-02-01"));
    commit_all(site.root(), "2026-03-15T10:00:00Z");
    // The commit is not a file the watcher reports; the save of an unchanged page is.
    let built = save(&site, &mut cache, "about.md", "title: About", "About us.\n");
    assert!(built.output.text("kb/billing/dated/index.html").unwrap().contains("2026-03-15"));
    assert_same_output(&built.output, &build_site(&options(&site)).unwrap().output);
}

#[test]
fn title_tag_and_date_edits_re_render_only_the_pages_that_show_them() {
    let site = site();
    let mut cache = BuildCache::default();
    build_site_cached(&options(&site), &mut cache).unwrap();
    let post = "blog/2026-01-01-one.md";
    let edits = [
        ("title: One, retitled\ntags: [launch]", "title"),
        ("title: One, retitled\ntags: [launch, money]", "tag"),
        ("title: One, retitled\ntags: [launch, money]\ndate: 2026-01-05", "date"),
        ("title: One, retitled\ntags: [launch, money]\ndate: 2026-01-05", "nothing"),
    ];
    for (front, what) in edits {
        let built = save(&site, &mut cache, post, front, "First post about invoices.\n");
        let rendered = cache.rendered.clone();
        assert!(
            !rendered.iter().any(|r| r.starts_with("kb/setup/")),
            "a {what} edit of a post re-renders no setup article or list: {rendered:?}"
        );
        assert_same_output(&built.output, &build_site(&options(&site)).unwrap().output);
        match what {
            "title" => {
                for page in ["blog/one/index.html", "index.html", "blog/index.html", "tags/launch/index.html"] {
                    assert!(built.output.text(page).unwrap().contains("One, retitled"), "{page}");
                }
            }
            "tag" => assert!(built.output.text("tags/money/index.html").unwrap().contains("One, retitled")),
            "date" => {
                let blog = built.output.text("blog/index.html").unwrap();
                assert!(blog.find("One, retitled") < blog.find(">Two<"), "the post is now the newest: {blog}");
            }
            _ => assert!(rendered.is_empty(), "an unchanged save renders nothing: {rendered:?}"),
        }
    }
}

#[test]
fn a_body_edit_reuses_the_other_pages_markdown_copies() {
    let site = site();
    let mut cache = BuildCache::default();
    let first = build_site_cached(&options(&site), &mut cache).unwrap();
    let edited = save(&site, &mut cache, "about.md", "title: About", "About us, rewritten.\n");
    let bytes = |built: &Built, path: &str| match built.output.get(path) {
        Some(folio::output::FileSource::Bytes(bytes)) => bytes.clone(),
        other => panic!("{path} is not generated: {other:?}"),
    };
    let same = |path: &str| std::sync::Arc::ptr_eq(&bytes(&first, path), &bytes(&edited, path));
    assert!(same("kb/billing/invoices/index.md"), "an unchanged page's copy is the previous build's");
    assert!(!same("about/index.md"));
    assert!(String::from_utf8_lossy(&bytes(&edited, "about/index.md")).contains("About us, rewritten."));
    assert!(edited.output.text("llms-full.txt").unwrap().contains("About us, rewritten."));
    assert_same_output(&edited.output, &build_site(&options(&site)).unwrap().output);
}

#[test]
fn the_dev_server_reloads_after_an_unchanged_save_without_rebuilding() {
    let site = site();
    let lines = support::serve::Lines::default();
    let server = support::serve::serve_on(&site, 0, false, &lines);
    // The page says which rebuild it was served after (`since=N`); the rest must not change.
    let page =
        || support::serve::get(&server, "/about/").body.replace("since=1", "since=N").replace("since=2", "since=N");
    let before = page();
    site.page("about.md", "title: About", "About us.\n");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let rebuilt = loop {
        let built: Vec<String> = lines.lock().unwrap().iter().filter(|l| l.starts_with("Built")).cloned().collect();
        if built.len() >= 2 {
            break built[1].clone();
        }
        assert!(std::time::Instant::now() < deadline, "no rebuild after the save: {built:?}");
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    assert!(rebuilt.contains("rebuilt_pages: 0") && rebuilt.contains("reuse the last build"), "{rebuilt}");
    assert_eq!(page(), before);
    server.stop();
}

#[test]
fn build_timings_show_each_stage_and_the_slowest_pages() {
    let site = site();
    let out = tempfile::tempdir().unwrap();
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(["build", "--timings", "--root"])
        .arg(site.root())
        .arg("--output")
        .arg(out.path())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&run.stdout);
    assert!(run.status.success(), "{text}{}", String::from_utf8_lossy(&run.stderr));
    for stage in
        ["read content", "render Markdown", "relate pages", "render pages", "feeds and sitemap", "search index"]
    {
        assert!(text.contains(&format!("{stage} ")), "no `{stage}` timing in:\n{text}");
    }
    assert!(text.contains("slowest pages: ") && text.contains("index.html "), "{text}");
}

#[test]
fn an_unchanged_save_on_a_multilingual_site_hands_back_the_previous_build() {
    let site = TestSite::with_config(
        "title: Acme\nbase_url: https://acme.example\nlanguage: en\nlanguages:\n  he:\n    title: אקמה\n",
    );
    site.page("kb/refunds.md", "title: Refunds", "How refunds work.\n").page(
        "kb/refunds.he.md",
        "title: החזרים",
        "איך עובדים החזרים.\n",
    );
    let mut cache = BuildCache::default();
    build_site_cached(&options(&site), &mut cache).unwrap();
    let again = save(&site, &mut cache, "kb/refunds.he.md", "title: החזרים", "איך עובדים החזרים.\n");
    assert_eq!(stage_names(&again), ["read content", "reuse the last build"]);
    assert_same_output(&again.output, &build_site(&options(&site)).unwrap().output);
    let edited = save(&site, &mut cache, "kb/refunds.he.md", "title: החזרים", "טקסט חדש.\n");
    assert!(edited.output.text("he/kb/refunds/index.html").unwrap().contains("טקסט חדש."));
    assert_same_output(&edited.output, &build_site(&options(&site)).unwrap().output);
}
