//! The command line: starter sites, new content files, help text.

use crate::support;

use std::process::Command;
use support::site::{assert_contains, TestSite};

fn folio(args: &[&str], dir: &std::path::Path) -> (i32, String, String) {
    let out =
        Command::new(env!("CARGO_BIN_EXE_folio")).args(args).current_dir(dir).env("NO_COLOR", "1").output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

#[test]
fn init_writes_a_hebrew_site_that_builds() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = folio(&["init", "site", "--lang", "he"], dir.path());
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = folio(&["build", "--root", "site"], dir.path());
    assert_eq!(code, 0, "{err}");
    assert_contains(&out, &["Built", "1 post", "1 article", "1 guide", "1 product", "1 author"]);
    let home = std::fs::read_to_string(dir.path().join("site/public/index.html")).unwrap();
    assert_contains(&home, &["<html lang=\"he\" dir=\"rtl\"", "האפליקציה"]);
    let product = std::fs::read_to_string(dir.path().join("site/public/products/app/index.html")).unwrap();
    assert_contains(&product, &["href=\"/guides/setup/\"", "href=\"/kb/getting-started/first-steps/\""]);
}

#[test]
fn init_writes_an_english_site_that_builds() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(folio(&["init", "site"], dir.path()).0, 0);
    let (code, _, err) = folio(&["build", "--root", "site", "-q"], dir.path());
    assert_eq!(code, 0, "{err}");
    let post = std::fs::read_to_string(dir.path().join("site/public/blog/welcome/index.html")).unwrap();
    assert_contains(&post, &["<html lang=\"en\" dir=\"ltr\"", "Dana Levi", "/images/founder.svg"]);
}

#[test]
fn init_refuses_a_folder_that_is_not_empty() {
    let site = TestSite::new();
    let (code, _, err) = folio(&["init", "."], site.root());
    assert_eq!(code, 1);
    assert_contains(&err, &["folder is not empty"]);
    assert!(site.path("site.yaml").exists());
}

#[test]
fn new_creates_content_in_the_right_folder_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    folio(&["init", "site"], dir.path());
    let root = dir.path().join("site");
    let (code, out, err) = folio(&["new", "article", "Refund policy", "--category", "billing"], &root);
    assert_eq!(code, 0, "{err}");
    assert_contains(&out, &["content/kb/billing/refund-policy.md"]);
    let text = std::fs::read_to_string(root.join("content/kb/billing/refund-policy.md")).unwrap();
    assert!(text.starts_with("---\ntitle: \"Refund policy\"\n"), "{text}");
    let (code, _, err) = folio(&["new", "article", "Refund policy", "--category", "billing"], &root);
    assert_eq!(code, 1);
    assert_contains(&err, &["file already exists; Folio does not overwrite it"]);

    let (code, out, _) = folio(&["new", "post", "Our next chapter"], &root);
    assert_eq!(code, 0);
    assert!(out.contains("content/blog/") && out.contains("-our-next-chapter.md"), "{out}");
    for kind in ["guide", "product"] {
        assert_eq!(folio(&["new", kind, &format!("A {kind}")], &root).0, 0);
    }
    // New posts are drafts; everything else builds as it is.
    let (code, _, err) = folio(&["build", "-q"], &root);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn help_explains_every_flag() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out, _) = folio(&["build", "--help"], dir.path());
    assert_eq!(code, 0);
    for flag in ["--root", "--output", "--base-url", "--drafts", "--quiet"] {
        assert!(out.contains(flag), "{flag} missing from:\n{out}");
    }
    let (_, out, _) = folio(&["new", "--help"], dir.path());
    assert_contains(&out, &["post", "article", "guide", "product", "--category"]);
    let (_, out, _) = folio(&["init", "--help"], dir.path());
    assert_contains(&out, &["--lang"]);
}

#[test]
fn a_rebuild_without_changes_writes_nothing_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(folio(&["init", "site"], dir.path()).0, 0);
    let (code, first, err) = folio(&["build", "--root", "site"], dir.path());
    assert_eq!(code, 0, "{err}");
    assert!(first.contains("files changed)"), "{first}");
    assert!(!err.contains("rendering pages") && !err.contains('\u{1b}'), "no progress line when piped: {err}");
    let home = dir.path().join("site/public/index.html");
    let written = std::fs::metadata(&home).unwrap().modified().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    let (_, second, _) = folio(&["build", "--root", "site"], dir.path());
    assert_contains(&second, &["(nothing changed)"]);
    assert_eq!(std::fs::metadata(&home).unwrap().modified().unwrap(), written, "an unchanged file was rewritten");
    std::fs::write(dir.path().join("site/content/about.md"), "---\ntitle: About\n---\nNew page.\n").unwrap();
    let (_, third, _) = folio(&["build", "--root", "site"], dir.path());
    assert!(third.contains("files changed)") && !third.contains("nothing changed"), "{third}");
}
