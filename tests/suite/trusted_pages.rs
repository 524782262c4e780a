//! `folio build` trusts a page file whose stamp (size, modification and change times, inode) is
//! the one the last build recorded: it is not read again, and its body is read only if a stage
//! uses it. Every way a page can change behind the build's back must still be seen, and the
//! result must be a cold build's. The trusted path runs with the checked mode off
//! (`FOLIO_VERIFY_CACHE=0`), which would otherwise read every trusted page too, and on.

use crate::build_cache::files;
use crate::support;

use std::path::Path;
use std::process::Command;
use support::site::{assert_contains, TestSite};

const CONFIG: &str = "title: Trusted\nbase_url: https://example.com\nlanguage: en\nsocial_cards: false\n";

fn site() -> TestSite {
    let site = TestSite::with_config(CONFIG);
    site.page("kb/_index.md", "title: Help", "All help.\n");
    for n in 0..6 {
        let body = format!("Refunds and invoices, part {n}. Customers ask about billing.\n");
        site.page(&format!("kb/article-{n:02}.md"), &format!("title: Article {n}\ntags: [t{}]", n % 2), &body);
    }
    site
}

/// A `folio build` of `site` (checked mode `verify`): its standard output and error.
fn build(site: &TestSite, verify: bool) -> (String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(["build", "--root", "."])
        .current_dir(site.root())
        .env("NO_COLOR", "1")
        .env("FOLIO_DEBUG_CACHE", "1")
        .env("FOLIO_VERIFY_CACHE", if verify { "1" } else { "0" })
        .output()
        .expect("run folio");
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "{stdout}{stderr}");
    (stdout, stderr.into_owned())
}

/// Builds until every page file's stamp is older than a build's start, so the next trusts them all.
fn build_and_settle(site: &TestSite) {
    build(site, false);
    std::thread::sleep(std::time::Duration::from_millis(30));
    build(site, false);
    let (stdout, stderr) = build(site, false);
    assert_contains(&stdout, &["(nothing changed)"]);
    assert_contains(&stderr, &["7 pages trusted by their file's stamp"]);
    // (A folder's `_index.md` is still read, by a stage not yet found; the pages are not.)
    assert!(!stderr.contains("body of ./content/kb/article-"), "{stderr}");
}

/// The site's output is a cold build's of the same files.
fn assert_like_a_cold_build(site: &TestSite, step: &str) {
    let cold = TestSite::new();
    for (rel, bytes) in files(site.root()) {
        if !rel.starts_with("public/") && !rel.starts_with(".folio-cache/") {
            std::fs::create_dir_all(cold.path(&rel).parent().unwrap()).unwrap();
            std::fs::write(cold.path(&rel), bytes).unwrap();
        }
    }
    build(&cold, true);
    let (warm, cold) = (files(&site.path("public")), files(&cold.path("public")));
    assert_eq!(warm.keys().collect::<Vec<_>>(), cold.keys().collect::<Vec<_>>(), "{step}: the files differ");
    for (path, bytes) in &warm {
        assert!(bytes == &cold[path], "{step}: {path} differs from a cold build's");
    }
}

/// Writes `text` with `from` replaced by `to` (same length) to `path` through `write`, then sets
/// the modification time back, as `touch -d` would.
fn edit_keeping_size_and_time(path: &Path, from: &str, to: &str, write: impl FnOnce(&Path, String)) {
    assert_eq!(from.len(), to.len());
    let modified = std::fs::metadata(path).unwrap().modified().unwrap();
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} has no `{from}`", path.display());
    write(path, text.replacen(from, to, 1));
    std::fs::File::options().write(true).open(path).unwrap().set_modified(modified).unwrap();
    assert_eq!(std::fs::metadata(path).unwrap().modified().unwrap(), modified);
}

fn in_place(path: &Path, text: String) {
    std::fs::write(path, text).unwrap();
}

fn by_rename(path: &Path, text: String) {
    let other = path.with_extension("new");
    std::fs::write(&other, text).unwrap();
    std::fs::rename(&other, path).unwrap();
}

fn deleted_and_recreated(path: &Path, text: String) {
    std::fs::remove_file(path).unwrap();
    std::fs::write(path, text).unwrap();
}

/// A kind of edit: its name, the page, the text replaced and its replacement, how it is written.
type Edit = (&'static str, &'static str, &'static str, &'static str, fn(&Path, String));

/// Each kind of edit, after a settled build, in both modes.
fn edits_are_seen(verify: bool) {
    let site = site();
    build_and_settle(&site);
    let kinds: [Edit; 4] = [
        ("body edited in place", "kb/article-01.md", "part 1.", "part 7."),
        ("title edited in place", "kb/article-02.md", "Article 2", "Article Z"),
        ("replaced by a rename", "kb/article-03.md", "billing", "payment"),
        ("deleted and created again", "kb/article-04.md", "invoices", "receipts"),
    ]
    .map(|(step, rel, from, to)| {
        let write: fn(&Path, String) = match step {
            "replaced by a rename" => by_rename,
            "deleted and created again" => deleted_and_recreated,
            _ => in_place,
        };
        (step, rel, from, to, write)
    });
    for (step, rel, from, to, write) in kinds {
        edit_keeping_size_and_time(&site.path(&format!("content/{rel}")), from, to, write);
        let (stdout, stderr) = build(&site, verify);
        assert!(!stdout.contains("nothing changed"), "{step}: {stdout}");
        assert!(!stderr.contains("7 pages trusted"), "{step}: the edited page was trusted: {stderr}");
        assert_like_a_cold_build(&site, step);
    }
}

#[test]
fn trusted_pages_edits_keeping_size_and_time_are_built_like_a_cold_build() {
    edits_are_seen(false);
}

#[test]
fn trusted_pages_edits_are_seen_in_the_checked_mode_too() {
    edits_are_seen(true);
}

#[test]
fn trusted_pages_a_rebuild_reads_only_the_bodies_it_renders() {
    let site = site();
    build_and_settle(&site);
    // A new page moves every link target, so every text is rendered again: every body is read.
    site.page("kb/article-10.md", "title: Article 10", "New.\n");
    let (stdout, stderr) = build(&site, false);
    assert!(!stdout.contains("nothing changed"), "{stdout}");
    assert_contains(&stderr, &["7 pages trusted by their file's stamp, 7 of their bodies read"]);
    assert_contains(&stderr, &["body of ./content/kb/article-05.md read after all"]);
    assert_like_a_cold_build(&site, "a page added");
}
