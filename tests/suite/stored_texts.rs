//! `folio build` keeps each text's HTML after the small parts of `markdown.bin` and reads it only
//! when something shows it: a full-content feed entry, an author's bio, a page rendered again. The
//! test binary runs in the checked mode, so every text taken from the entry is also rendered again
//! and compared; these tests add whole-output comparisons with a cold build for the builds that
//! read HTML from the entry, and a damaged entry.

use crate::build_cache::{build_like_a_cold_build, edit};
use crate::support;

use support::site::{assert_contains, TestSite};

/// Posts in a full-content feed, by an author whose page has a bio.
fn site() -> TestSite {
    let site =
        TestSite::with_config("title: Texts\nbase_url: https://example.com\nlanguage: en\nsocial_cards: false\n");
    site.page("authors/dana.md", "name: Dana Levi", "Dana writes about **billing**.\n");
    for n in 0..8 {
        let front = format!("title: Post {n}\ndate: 2026-01-{:02}\nauthor: dana\ntags: [t{}]", n + 1, n % 2);
        let body = format!("News number {n} about invoices.\n\n## Steps {n}\n\nA `code` sample.\n");
        site.page(&format!("blog/post-{n}.md"), &front, &body);
    }
    site
}

fn markdown_entry(site: &TestSite) -> std::path::PathBuf {
    site.path(".folio-cache/build/markdown.bin")
}

#[test]
fn feeds_and_bios_made_from_stored_html_are_those_of_a_cold_build() {
    let site = site();
    build_like_a_cold_build(&site, "first build");
    let stdout = build_like_a_cold_build(&site, "no change");
    assert_contains(&stdout, &["(nothing changed)"]);
    // The feed carries each post's whole HTML, taken from the entry in the build above.
    let feed = std::fs::read_to_string(site.path("public/blog/atom.xml")).unwrap();
    assert_contains(&feed, &["Steps 7", "News number 7 about invoices."]);
    let entry = std::fs::read(markdown_entry(&site)).unwrap();
    // One text changed: the entry is written again, the other texts' HTML copied from the old one.
    edit(&site, "content/blog/post-3.md", "News number 3", "Refund news number 3");
    build_like_a_cold_build(&site, "one body edited");
    assert_ne!(std::fs::read(markdown_entry(&site)).unwrap(), entry, "the entry holds the edited text");
    edit(&site, "content/authors/dana.md", "**billing**", "**refunds**");
    build_like_a_cold_build(&site, "the bio edited");
    edit(&site, "content/blog/post-5.md", "title: Post 5", "title: Post five");
    build_like_a_cold_build(&site, "a title edited");
    let stdout = build_like_a_cold_build(&site, "no change after the edits");
    assert_contains(&stdout, &["(nothing changed)"]);
}

#[test]
fn html_changed_in_the_entry_is_caught_and_rendered_again() {
    let site = site();
    build_like_a_cold_build(&site, "first build");
    // A byte of the last text's HTML, the entry's size kept: its checksum no longer holds.
    let mut damaged = std::fs::read(markdown_entry(&site)).unwrap();
    let at = damaged.len() - 20;
    damaged[at] = if damaged[at] == b'x' { b'y' } else { b'x' };
    std::fs::write(markdown_entry(&site), &damaged).unwrap();
    build_like_a_cold_build(&site, "damaged HTML");
    assert_ne!(std::fs::read(markdown_entry(&site)).unwrap(), damaged, "the entry is written again");
    let stdout = build_like_a_cold_build(&site, "no change after the repair");
    assert_contains(&stdout, &["(nothing changed)"]);
}
