//! `folio build` finds unchanged output files by the stamps it recorded when it left them (size,
//! modification and change times, inode), without reading them back. Every way a file can change
//! behind its back must still be seen: an edit that keeps the size and modification time, a
//! touched file, a deleted one, a copied file whose source changed the same way.

use crate::support;

use std::collections::BTreeMap;
use std::path::Path;
use std::time::SystemTime;
use support::site::{assert_contains, TestSite};

const CONFIG: &str = "title: Stamps\nbase_url: https://example.com\nlanguage: en\nsocial_cards: false\n";

fn site() -> TestSite {
    let site = TestSite::with_config(CONFIG);
    site.page("kb/_index.md", "title: Help", "All help.\n");
    for n in 0..6 {
        let body = format!("Refunds and invoices, part {n}. Customers ask about billing.\n");
        site.page(&format!("kb/article-{n:02}.md"), &format!("title: Article {n}\ntags: [t{}]", n % 2), &body);
    }
    site.file("static/notes.txt", "first notes\n");
    site
}

/// Every file under `dir`: its bytes, modification time and inode.
fn snapshot(dir: &Path) -> BTreeMap<String, (Vec<u8>, SystemTime, u64)> {
    use std::os::unix::fs::MetadataExt;
    let mut found = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).into_iter().map(Result::unwrap).filter(|e| e.file_type().is_file()) {
        let rel = entry.path().strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
        let meta = entry.metadata().unwrap();
        found.insert(rel, (std::fs::read(entry.path()).unwrap(), meta.modified().unwrap(), meta.ino()));
    }
    found
}

fn build(site: &TestSite) -> String {
    let run = site.run(&["build", "--root", "."]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    run.stdout
}

/// Builds `site` twice, so that every output file has a trusted stamp (a file placed in the same
/// clock tick its stamp would be taken in is read once more), and checks the second wrote nothing.
fn build_and_settle(site: &TestSite) {
    build(site);
    std::thread::sleep(std::time::Duration::from_millis(20));
    assert_contains(&build(site), &["(nothing changed)"]);
    let records: Vec<_> = std::fs::read_dir(site.path(".folio-cache/build"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("output-"))
        .collect();
    assert_eq!(records.len(), 1, "one record of the output folder: {records:?}");
}

/// Writes `text` over `rel` (same length as before), then sets its modification time back.
fn edit_keeping_size_and_time(path: &Path, from: &str, to: &str) {
    assert_eq!(from.len(), to.len());
    let modified = std::fs::metadata(path).unwrap().modified().unwrap();
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} has no `{from}`", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
    std::fs::File::options().write(true).open(path).unwrap().set_modified(modified).unwrap();
    assert_eq!(std::fs::metadata(path).unwrap().modified().unwrap(), modified);
}

/// The output of a cold build of the same site files, without cache or earlier output.
fn cold_output(site: &TestSite) -> BTreeMap<String, Vec<u8>> {
    let cold = TestSite::new();
    for entry in walkdir::WalkDir::new(site.root()).into_iter().map(Result::unwrap).filter(|e| e.file_type().is_file())
    {
        let rel = entry.path().strip_prefix(site.root()).unwrap().to_string_lossy().replace('\\', "/");
        if !rel.starts_with("public/") && !rel.starts_with(".folio-cache/") {
            std::fs::create_dir_all(cold.path(&rel).parent().unwrap()).unwrap();
            std::fs::write(cold.path(&rel), std::fs::read(entry.path()).unwrap()).unwrap();
        }
    }
    build(&cold);
    snapshot(&cold.path("public")).into_iter().map(|(rel, (bytes, ..))| (rel, bytes)).collect()
}

fn assert_like_a_cold_build(site: &TestSite, step: &str) {
    let warm: BTreeMap<String, Vec<u8>> =
        snapshot(&site.path("public")).into_iter().map(|(rel, (bytes, ..))| (rel, bytes)).collect();
    let cold = cold_output(site);
    assert_eq!(warm.keys().collect::<Vec<_>>(), cold.keys().collect::<Vec<_>>(), "{step}: the files differ");
    for (path, bytes) in &warm {
        assert!(bytes == &cold[path], "{step}: {path} differs from a cold build's");
    }
}

#[test]
fn a_rebuild_without_changes_writes_no_file_and_says_nothing_changed() {
    let site = site();
    build_and_settle(&site);
    let before = snapshot(&site.path("public"));
    std::thread::sleep(std::time::Duration::from_millis(20));
    assert_contains(&build(&site), &["(nothing changed)"]);
    let after = snapshot(&site.path("public"));
    assert_eq!(after.keys().collect::<Vec<_>>(), before.keys().collect::<Vec<_>>());
    for (path, (bytes, modified, inode)) in &before {
        assert_eq!((after[path].1, after[path].2), (*modified, *inode), "{path} was rewritten");
        assert!(after[path].0 == *bytes, "{path} changed");
    }
}

#[test]
fn an_output_page_edited_keeping_its_size_and_time_is_written_again() {
    let site = site();
    build_and_settle(&site);
    edit_keeping_size_and_time(&site.path("public/kb/article-02/index.html"), "Article 2", "Article X");
    edit_keeping_size_and_time(&site.path("public/sitemap.xml"), "article-03", "article-9Z");
    edit_keeping_size_and_time(&site.path("public/notes.txt"), "first", "FIRST");
    assert_contains(&build(&site), &["(3 files changed)"]);
    assert_like_a_cold_build(&site, "output files edited keeping size and time");
}

#[test]
fn a_source_edited_keeping_its_size_and_time_is_built_again() {
    let site = site();
    build_and_settle(&site);
    edit_keeping_size_and_time(&site.path("content/kb/article-04.md"), "part 4.", "part 9.");
    edit_keeping_size_and_time(&site.path("static/notes.txt"), "first", "fresh");
    let stdout = build(&site);
    assert!(!stdout.contains("nothing changed"), "{stdout}");
    assert_eq!(std::fs::read_to_string(site.path("public/notes.txt")).unwrap(), "fresh notes\n");
    assert_like_a_cold_build(&site, "sources edited keeping size and time");
}

#[test]
fn a_touched_output_file_is_compared_not_rewritten_and_a_deleted_one_comes_back() {
    let site = site();
    build_and_settle(&site);
    let page = site.path("public/kb/article-01/index.html");
    let inode = |path: &Path| std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(path).unwrap());
    let before = inode(&page);
    let later = SystemTime::now() + std::time::Duration::from_secs(60);
    std::fs::File::options().write(true).open(&page).unwrap().set_modified(later).unwrap();
    assert_contains(&build(&site), &["(nothing changed)"]);
    assert_eq!(inode(&page), before, "a touched file with the same bytes is left in place");
    std::fs::remove_file(&page).unwrap();
    std::fs::remove_file(site.path("public/notes.txt")).unwrap();
    std::fs::remove_file(site.path("public/sitemap.xml")).unwrap();
    assert_contains(&build(&site), &["(3 files changed)"]);
    assert_like_a_cold_build(&site, "output files deleted");
}
