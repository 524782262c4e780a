//! `folio build` streams each file to a staging folder inside the output folder as it is made, and
//! moves the changed ones into place only when the build succeeded. These tests hold it to what
//! writing everything at the end promised: a failed build (during the build or while moving files
//! into place) leaves the previous output byte for byte and removes its staging folder, files the
//! user put in the output folder survive, a build without changes rewrites nothing, and the files
//! equal those of the in-memory build.

use crate::support;

use std::collections::BTreeMap;
use std::path::Path;
use std::time::SystemTime;
use support::site::{assert_contains, TestSite};

/// Every file under `dir` (relative path → bytes and modification time).
fn snapshot(dir: &Path) -> BTreeMap<String, (Vec<u8>, SystemTime)> {
    let mut files = BTreeMap::new();
    for entry in walk(dir) {
        let rel = entry.strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
        let modified = std::fs::metadata(&entry).unwrap().modified().unwrap();
        files.insert(rel, (std::fs::read(&entry).unwrap(), modified));
    }
    files
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(walk(&path));
        } else {
            found.push(path);
        }
    }
    found
}

/// A site of 60 articles and posts, with tags (so taxonomy pages and feeds), search and a sitemap.
fn site() -> TestSite {
    let site = TestSite::new();
    site.page("kb/_index.md", "title: Help", "All help.\n");
    for n in 0..40 {
        site.page(&format!("kb/article-{n:02}.md"), &format!("title: Article {n}\ntags: [t{}]", n % 3), "Refunds.\n");
    }
    for n in 0..20 {
        let front = format!("title: Post {n}\ndate: 2026-01-{:02}\ntags: [t{}]", n + 1, n % 2);
        site.page(&format!("blog/post-{n:02}.md"), &front, "News of the day.\n");
    }
    site
}

fn build(site: &TestSite) -> support::site::CliRun {
    site.run(&["build", "--root", "."])
}

#[test]
fn a_build_failing_on_a_late_page_leaves_the_previous_output_and_removes_its_staging_folder() {
    let site = site();
    assert_eq!(build(&site).code, 0);
    let public = site.path("public");
    let before = snapshot(&public);
    // Every page changes (the site's title is on all of them), and one page's template fails: the
    // other pages are rendered, and staged, before the build gives up.
    site.file("site.yaml", "title: Renamed\nbase_url: https://example.com\nlanguage: en\n");
    site.file("templates/broken.html", "{{ page.title }} {{ no_such_value.field }}");
    site.page("kb/zz-last.md", "title: Last\ntemplate: broken.html", "Text.\n");
    let run = build(&site);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert_contains(&run.stderr, &["template `broken.html`", "nothing was written"]);
    assert!(snapshot(&public) == before, "the output folder changed");
    assert!(!public.join(folio::output::STAGING).exists(), "the staging folder was left behind");
}

#[test]
fn a_failed_first_build_leaves_no_output_folder() {
    let site = site();
    site.file("templates/broken.html", "{{ no_such_value.field }}");
    site.page("kb/zz-last.md", "title: Last\ntemplate: broken.html", "Text.\n");
    assert_eq!(build(&site).code, 1);
    assert!(!site.path("public").exists());
}

#[test]
fn a_file_that_cannot_be_put_in_place_undoes_the_files_placed_before_it() {
    let site = site();
    assert_eq!(build(&site).code, 0);
    let public = site.path("public");
    // The user's folder stands where a new page goes; it sorts after every other changed file.
    std::fs::create_dir_all(public.join("zz-new/index.html")).unwrap();
    std::fs::write(public.join("zz-new/index.html/mine.txt"), "mine").unwrap();
    let before = snapshot(&public);
    site.file("site.yaml", "title: Renamed\nbase_url: https://example.com\nlanguage: en\n");
    site.page("zz-new.md", "title: New", "Text.\n");
    let run = build(&site);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert_contains(&run.stderr, &["zz-new/index.html", "a folder is in the way"]);
    assert!(snapshot(&public) == before, "the output folder changed");
    assert!(!public.join(folio::output::STAGING).exists(), "the staging folder was left behind");
}

#[test]
fn a_first_build_that_cannot_finish_its_commit_takes_out_every_folder_it_moved_in() {
    let site = site();
    let public = site.path("public");
    // The output folder holds only the user's folder, where the last new page goes: every new
    // folder before it (blog/, kb/, search/, tags/…) is moved in whole before the commit fails.
    std::fs::create_dir_all(public.join("zz-new/index.html")).unwrap();
    std::fs::write(public.join("zz-new/index.html/mine.txt"), "mine").unwrap();
    let before = snapshot(&public);
    site.page("zz-new.md", "title: New", "Text.\n");
    let run = build(&site);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert_contains(&run.stderr, &["zz-new/index.html", "a folder is in the way"]);
    assert!(snapshot(&public) == before, "the output folder changed");
    let names: Vec<_> = std::fs::read_dir(&public).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names, ["zz-new"], "a folder of the failed build was left");
}

#[test]
fn a_killed_builds_staging_folder_is_cleaned_by_the_next_build() {
    let site = site();
    assert_eq!(build(&site).code, 0);
    let public = site.path("public");
    let before = snapshot(&public);
    // A build killed before its commit leaves only its staging folder: pages of new folders under
    // their own paths, the others by number.
    let staging = public.join(folio::output::STAGING);
    std::fs::create_dir_all(staging.join("tree/kb/killed")).unwrap();
    std::fs::write(staging.join("tree/kb/killed/index.html"), "killed").unwrap();
    std::fs::write(staging.join("7"), "killed").unwrap();
    let run = build(&site);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_contains(&run.stdout, &["(nothing changed)"]);
    assert!(!staging.exists(), "the killed build's staging folder is left");
    assert!(snapshot(&public) == before, "the killed build's files were published");
}

#[test]
fn user_files_survive_and_only_stale_files_of_folio_are_removed() {
    let site = site();
    std::fs::create_dir_all(site.path("public/kb")).unwrap();
    std::fs::write(site.path("public/CNAME"), "docs.example.com\n").unwrap();
    std::fs::write(site.path("public/kb/notes.txt"), "mine").unwrap();
    assert_eq!(build(&site).code, 0);
    assert!(site.path("public/kb/article-07/index.html").is_file());
    std::fs::remove_file(site.path("content/kb/article-07.md")).unwrap();
    let run = build(&site);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_contains(&run.stdout, &[" removed)"]);
    assert!(!site.path("public/kb/article-07").exists(), "the stale page and its emptied folder are gone");
    assert_eq!(std::fs::read_to_string(site.path("public/CNAME")).unwrap(), "docs.example.com\n");
    assert_eq!(std::fs::read_to_string(site.path("public/kb/notes.txt")).unwrap(), "mine");
}

#[test]
fn a_build_without_changes_rewrites_no_file() {
    let site = site();
    assert_eq!(build(&site).code, 0);
    let public = site.path("public");
    let before = snapshot(&public);
    std::thread::sleep(std::time::Duration::from_millis(20));
    let run = build(&site);
    assert_contains(&run.stdout, &["(nothing changed)"]);
    let after = snapshot(&public);
    assert_eq!(after.len(), before.len());
    for (path, (bytes, modified)) in &before {
        assert_eq!(after[path].1, *modified, "{path} was rewritten");
        assert!(after[path].0 == *bytes, "{path} changed");
    }
    // One changed page: only the files that show it are written.
    site.page("kb/article-03.md", "title: Article 3\ntags: [t0]", "Refunds, now within 30 days.\n");
    let run = build(&site);
    assert!(run.stdout.contains("files changed)") && !run.stdout.contains("nothing changed"), "{}", run.stdout);
    let after = snapshot(&public);
    let rewritten = |path: &str| after[path].1 != before[path].1;
    assert!(rewritten("kb/article-03/index.html"));
    assert!(!rewritten("folio.css") && !rewritten("blog/post-04/index.html"));
}

/// The staged build's files equal those of the in-memory build written by `write_output`.
fn assert_staged_equals_in_memory(site: &TestSite) {
    let run = build(site);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let memory = tempfile::tempdir().unwrap();
    let built = site.try_build().unwrap_or_else(|e| panic!("{e}"));
    folio::write_output(&built.output, memory.path()).unwrap();
    let staged: BTreeMap<String, Vec<u8>> =
        snapshot(&site.path("public")).into_iter().map(|(path, (bytes, _))| (path, bytes)).collect();
    let in_memory: BTreeMap<String, Vec<u8>> =
        snapshot(memory.path()).into_iter().map(|(path, (bytes, _))| (path, bytes)).collect();
    assert_eq!(staged.keys().collect::<Vec<_>>(), in_memory.keys().collect::<Vec<_>>());
    for (path, bytes) in &staged {
        assert!(*bytes == in_memory[path], "{path} differs");
    }
    assert!(staged.contains_key("search/index-en.json") && staged.contains_key("sitemap.xml"));
}

#[test]
fn the_staged_build_writes_the_same_files_as_the_in_memory_build() {
    assert_staged_equals_in_memory(&site());
}

#[test]
fn a_multilingual_staged_build_writes_the_same_files_as_the_in_memory_build() {
    let config = "title: Acme\nbase_url: https://acme.example\nlanguage: en\nlanguages:\n  he:\n    title: אקמה\n";
    let site = TestSite::with_config(config);
    site.page("kb/_index.md", "title: Help", "All help.\n")
        .page("kb/refunds.md", "title: Refunds\ntags: [money]", "How refunds work.\n")
        .page("kb/refunds.he.md", "title: החזרים\ntags: [כסף]", "איך עובדים החזרים.\n")
        .page("blog/launch.md", "title: Launch\ndate: 2026-01-05", "We launched.\n");
    assert_staged_equals_in_memory(&site);
    let robots = std::fs::read_to_string(site.path("public/robots.txt")).unwrap();
    assert_contains(&robots, &["Sitemap: https://acme.example/he/sitemap.xml"]);
}

/// The feeds, the sitemap and the redirect pages are made beside the pages: when both fail, the
/// build still reports the pages' error alone, as when they were made after the pages, leaves the
/// previous output as it was, and the next build, once both are fixed, writes what a first one would.
#[test]
fn a_build_failing_in_its_pages_and_its_site_files_reports_the_pages_error_and_writes_nothing() {
    let site = site();
    assert_eq!(build(&site).code, 0);
    let public = site.path("public");
    let before = snapshot(&public);
    site.file("templates/broken.html", "{{ no_such_value.field }}");
    site.page("kb/zz-last.md", "title: Last\ntemplate: broken.html\naliases: [/kb/article-00/]", "Text.\n");
    let run = build(&site);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert_contains(&run.stderr, &["template `broken.html`", "1 error; nothing was written"]);
    assert!(!run.stderr.contains("alias `/kb/article-00/`"), "{}", run.stderr);
    assert!(snapshot(&public) == before, "the output folder changed");
    assert!(!public.join(folio::output::STAGING).exists(), "the staging folder was left behind");
    // The pages fixed, the alias is the error.
    site.page("kb/zz-last.md", "title: Last\naliases: [/kb/article-00/]", "Text.\n");
    let run = build(&site);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert_contains(&run.stderr, &["alias `/kb/article-00/` is also"]);
    assert!(snapshot(&public) == before, "the output folder changed");
    site.page("kb/zz-last.md", "title: Last\naliases: [/kb/old-last/]", "Text.\n");
    assert_eq!(build(&site).code, 0);
    assert_staged_equals_in_memory(&site);
    assert!(public.join("kb/old-last/index.html").is_file());
}
