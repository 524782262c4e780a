use super::super::{discover_content_remembering, Discovered, Remembered};
use std::path::Path;

const PAGE: &str = "---\ntitle: Refunds\n---\nHow refunds work.\n";

/// Discovers the site at `root` with what `kept` remembers of an earlier build.
fn discover(root: &Path, kept: Option<Remembered>) -> (Discovered, Remembered) {
    let load = move || kept.map(|kept| (kept.front, kept.stamps)).unwrap_or_default();
    discover_content_remembering(root, load).expect("discovers")
}

/// A site with one page, discovered until the page is trusted by its stamp.
fn trusted_site() -> (tempfile::TempDir, Discovered, Remembered) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("content/kb")).unwrap();
    std::fs::write(dir.path().join("content/kb/refunds.md"), PAGE).unwrap();
    // A stamp taken in the clock tick of the file's last write is not kept: let the tick pass.
    std::thread::sleep(std::time::Duration::from_millis(30));
    let (_, first) = discover(dir.path(), None);
    assert_eq!((first.trusted, first.stamps.len()), (0, 1), "read, and its stamp kept");
    let (found, second) = discover(dir.path(), Some(first));
    assert_eq!(second.trusted, 1, "trusted by its stamp");
    assert!(!second.front_changed && !second.stamps_changed, "nothing to write back");
    (dir, found, second)
}

#[test]
fn a_trusted_page_is_read_only_when_its_body_is_used() {
    let (_dir, found, kept) = trusted_site();
    let page = &found.pages[0];
    assert_eq!(page.parsed.front.title.as_deref(), Some("Refunds"));
    assert_eq!(page.parsed.front_text, "title: Refunds\n");
    assert!(!page.parsed.body.is_read(), "the body is not read up front");
    assert_eq!(page.parsed.body.as_str(), "How refunds work.\n");
    // (The checked mode of a debug build reads a copy of the page too.)
    assert!(kept.late.read() >= 1 && kept.late.changed().is_none());
}

#[test]
fn a_trusted_page_edited_during_the_build_fails_its_late_read() {
    let (dir, found, kept) = trusted_site();
    let path = dir.path().join("content/kb/refunds.md");
    std::fs::write(&path, PAGE.replace("work", "pass")).unwrap();
    assert_eq!(found.pages[0].parsed.body.as_str(), "", "what the build trusted is gone");
    assert_eq!(kept.late.changed(), Some(path.clone()), "the build must fail, naming the page");
    // The next build reads the page as it is now.
    let (found, next) = discover(dir.path(), Some(kept));
    assert_eq!(next.trusted, 0);
    assert_eq!(found.pages[0].parsed.body.as_str(), "How refunds pass.\n");
}

#[test]
fn a_trusted_page_touched_or_replaced_is_read_again() {
    let (dir, _, kept) = trusted_site();
    let path = dir.path().join("content/kb/refunds.md");
    let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
    std::fs::File::options().write(true).open(&path).unwrap().set_modified(modified).unwrap();
    let (_, next) = discover(dir.path(), Some(kept));
    assert_eq!(next.trusted, 0, "a change time moved by `touch -d` is seen");
    let renamed = dir.path().join("content/kb/other.tmp");
    std::fs::write(&renamed, PAGE).unwrap();
    std::fs::rename(&renamed, &path).unwrap();
    let (found, next) = discover(dir.path(), Some(next));
    assert_eq!(next.trusted, 0, "a file renamed into place is another file");
    assert_eq!(found.pages[0].parsed.body.as_str(), "How refunds work.\n");
}

#[test]
fn a_site_folder_moved_whole_is_read_again() {
    let (dir, _, kept) = trusted_site();
    let moved = dir.path().join("moved");
    std::fs::create_dir(&moved).unwrap();
    std::fs::rename(dir.path().join("content"), moved.join("content")).unwrap();
    let (found, next) = discover(&moved, Some(kept));
    assert_eq!(next.trusted, 0, "the same stamps, but the pages' paths moved");
    assert_eq!(found.pages[0].parsed.body.as_str(), "How refunds work.\n");
    assert!(next.late.changed().is_none());
}
