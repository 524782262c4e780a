//! A second `folio build` with nothing changed takes every page's key from `.folio-cache/build/`:
//! the section navigations' digests are kept there (`nav-keys.bin`), so no navigation is built
//! to find a page's key, and the products' `guides.json` files are kept in the output folder like
//! the pages. The test binary runs in the checked mode, so each kept digest is worked out again;
//! these tests add whole-output comparisons with a cold build after edits the navigation shows, a
//! damaged entry, and a stale one, which the checked mode must catch.

use crate::build_cache::{build_like_a_cold_build, edit};
use crate::support;

use support::site::{assert_contains, TestSite};

/// A knowledge base with categories, guides of two products, and a post.
fn site() -> TestSite {
    let site = TestSite::with_config(
        "title: Acme Help\nbase_url: https://help.example.com\nlanguage: en\nsocial_cards: false\n",
    );
    site.page("kb/_index.md", "title: Help", "")
        .page("kb/billing/_index.md", "title: Billing", "")
        .page("kb/billing/vat.md", "title: VAT", "Taxes on invoices.\n")
        .page("kb/billing/refunds.md", "title: Refunds", "Money back on invoices.\n")
        .page("kb/account/_index.md", "title: Account", "")
        .page("kb/account/password.md", "title: Password", "Sign in again.\n")
        .page("products/hub.md", "title: Hub", "The hub.\n")
        .page("products/lamp.md", "title: Lamp", "The lamp.\n")
        .page("guides/setup.md", "title: Set up the hub\nproducts: [hub]", "Ten minutes.\n")
        .page("guides/wifi.md", "title: Wi-Fi\nproducts: [hub, lamp]", "Join the network.\n")
        .page("blog/2026-01-01-news.md", "title: News\ndate: 2026-01-01", "We launched.\n");
    site
}

fn nav_keys(site: &TestSite) -> std::path::PathBuf {
    site.path(".folio-cache/build/nav-keys.bin")
}

fn modified(path: &std::path::Path) -> std::time::SystemTime {
    std::fs::metadata(path).unwrap().modified().unwrap()
}

#[test]
fn navigation_digests_are_kept_between_builds_and_an_edit_they_show_builds_what_a_cold_build_builds() {
    let site = site();
    build_like_a_cold_build(&site, "first build");
    assert!(nav_keys(&site).is_file(), "the navigations' digests are kept");
    let (kept, pages) = (modified(&nav_keys(&site)), modified(&site.path(".folio-cache/build/pages.bin")));
    std::thread::sleep(std::time::Duration::from_millis(20));
    let stdout = build_like_a_cold_build(&site, "no change");
    assert_contains(&stdout, &["(nothing changed)"]);
    assert_eq!(modified(&nav_keys(&site)), kept, "the same digests are not written again");
    assert_eq!(modified(&site.path(".folio-cache/build/pages.bin")), pages, "nor the pages' keys");
    edit(&site, "content/kb/billing/vat.md", "title: VAT", "title: Value added tax");
    build_like_a_cold_build(&site, "an article retitled");
    assert_ne!(modified(&nav_keys(&site)), kept, "the retitled tree's digests are new");
    edit(&site, "content/guides/wifi.md", "products: [hub, lamp]", "products: [lamp]");
    build_like_a_cold_build(&site, "a guide moved to another product");
    site.page("kb/account/email.md", "title: Email", "Change it.\n");
    build_like_a_cold_build(&site, "an article added");
    std::fs::remove_file(site.path("content/kb/billing/refunds.md")).unwrap();
    build_like_a_cold_build(&site, "an article removed");
    let stdout = build_like_a_cold_build(&site, "no change after the edits");
    assert_contains(&stdout, &["(nothing changed)"]);
}

#[test]
fn a_damaged_navigation_entry_is_worked_out_again() {
    let site = site();
    build_like_a_cold_build(&site, "first build");
    let bytes = std::fs::read(nav_keys(&site)).unwrap();
    std::fs::write(nav_keys(&site), &bytes[..bytes.len() / 2]).unwrap();
    build_like_a_cold_build(&site, "truncated entry");
    std::fs::write(nav_keys(&site), b"garbage").unwrap();
    edit(&site, "content/kb/account/password.md", "title: Password", "title: Passwords");
    build_like_a_cold_build(&site, "garbage entry and an edit");
}

#[test]
fn a_stale_navigation_digest_fails_the_checked_mode() {
    let site = site();
    build_like_a_cold_build(&site, "first build");
    // A whole entry (its checksum made right) holding a wrong digest: only the checked mode can
    // tell, by building the navigation again.
    let mut bytes = std::fs::read(nav_keys(&site)).unwrap();
    const HEADER: usize = 16 + 8 * 4;
    let digest = HEADER + 8 + 8;
    bytes[digest] ^= 1;
    let sum = folio::memo::checksum(&bytes[HEADER..]);
    bytes[HEADER - 8..HEADER].copy_from_slice(&sum.to_le_bytes());
    std::fs::write(nav_keys(&site), &bytes).unwrap();
    let run = site.run(&["build", "--root", "."]);
    assert_ne!(run.code, 0, "a stale digest is caught: {}", run.stdout);
    assert_contains(&run.stderr, &["cache check failed", "section navigation"]);
}
