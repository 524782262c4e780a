//! `slugs:` in site.yaml: Hebrew file names, folders, tags and headings make Hebrew addresses by
//! default (UTF-8 folders on disk, percent-encoded in the sitemap) and Latin ones with
//! `slugs: transliterate`; a wrong value is an error naming the line.

use crate::support;

use support::site::{assert_contains, assert_lacks, TestSite};

/// A Hebrew knowledge base: a Hebrew folder, Hebrew file names (one with a space), a Hebrew tag and
/// Hebrew headings.
fn hebrew_site(slugs_line: &str) -> TestSite {
    let site =
        TestSite::with_config(&format!("title: עזרה\nbase_url: https://help.example.com\nlanguage: he\n{slugs_line}"));
    site.page("kb/חשבוניות/_index.md", "title: חשבוניות", "מאמרים.\n")
        .page("kb/חשבוניות/שאלות נפוצות.md", "title: שאלות נפוצות", "תשובות.\n")
        .page(
            "kb/חשבוניות/מדריך-התחלה.md",
            "title: מדריך התחלה\ntags: [חדשות]",
            "## ביטול חשבונית\n\nטקסט.\n\n## Setup_v1.2\n\nעוד.\n",
        );
    site
}

#[test]
fn hebrew_names_make_hebrew_addresses_by_default() {
    let site = hebrew_site("");
    site.page("kb/חשבוניות/links.md", "title: קישורים", "[ביטול](מדריך-התחלה.md#ביטול-חשבונית)\n");
    let built = site.build();
    assert!(built.has("kb/חשבוניות/שאלות-נפוצות/index.html"), "a space in a file name becomes `-`");
    let page = built.text("kb/חשבוניות/מדריך-התחלה/index.html");
    assert_contains(&page, &["<h2 id=\"ביטול-חשבונית\">", "<h2 id=\"setup_v12\">"]);
    assert_contains(&built.text("tags/index.html"), &["href=\"/tags/חדשות/\""]);
    assert!(built.has("tags/חדשות/index.html"), "the tag page keeps its Hebrew name");
    let sitemap = built.text("sitemap.xml");
    // The sitemap takes URIs: the Hebrew folder names are percent-encoded UTF-8 there.
    assert_contains(
        &sitemap,
        &["<loc>https://help.example.com/kb/%D7%97%D7%A9%D7%91%D7%95%D7%A0%D7%99%D7%95%D7%AA/%D7%9E%D7%93%D7%A8%D7%99%D7%9A-%D7%94%D7%AA%D7%97%D7%9C%D7%94/</loc>"],
    );
    assert_lacks(&sitemap, &["מדריך"]);
}

#[test]
fn hebrew_folders_are_written_to_disk_as_utf8_names() {
    let site = hebrew_site("");
    let run = site.run(&["build", "-q"]);
    assert_eq!(run.code, 0, "{run:?}");
    let file = site.path("public/kb/חשבוניות/מדריך-התחלה/index.html");
    assert!(file.is_file(), "missing {}", file.display());
}

#[test]
fn transliterated_slugs_make_latin_addresses_and_anchors() {
    let site = hebrew_site("slugs: transliterate\n");
    site.page("kb/חשבוניות/links.md", "title: קישורים", "[ביטול](מדריך-התחלה.md#bitol-chshbonit)\n");
    let built = site.build();
    assert!(built.has("kb/chshboniot/shalot-nfotsot/index.html"), "a space in a file name becomes `-`");
    let page = built.text("kb/chshboniot/mdrikh-htchla/index.html");
    assert_contains(&page, &["<h2 id=\"bitol-chshbonit\">ביטול חשבונית", "<h2 id=\"setup_v12\">"]);
    // The table of contents links the same ids the headings carry, and so does a link from another page.
    assert_contains(&page, &["href=\"#bitol-chshbonit\""]);
    assert_contains(
        &built.text("kb/chshboniot/links/index.html"),
        &["href=\"/kb/chshboniot/mdrikh-htchla/#bitol-chshbonit\""],
    );
    assert_contains(&built.text("tags/index.html"), &["href=\"/tags/chdshot/\""]);
    assert!(built.has("tags/chdshot/index.html"), "the tag page has a Latin address");
    assert!(!built.built.output.files.keys().any(|path| !path.is_ascii()), "every address is ASCII");
    assert_contains(&built.text("sitemap.xml"), &["<loc>https://help.example.com/kb/chshboniot/mdrikh-htchla/</loc>"]);
}

#[test]
fn a_link_to_a_hebrew_anchor_names_the_transliterated_one_when_it_no_longer_exists() {
    let site = hebrew_site("slugs: transliterate\n");
    site.page("kb/חשבוניות/links.md", "title: קישורים", "[ביטול](מדריך-התחלה.md#ביטול-חשבונית)\n");
    let error = site.build_error();
    assert_contains(&error, &["links.md:4:1", "no such heading", "did you mean #bitol-chshbonit?"]);
}

#[test]
fn an_unknown_slug_style_is_an_error_naming_the_line() {
    let site = TestSite::with_config("title: A\nbase_url: https://e.com\nslugs: latin\n");
    site.page("a.md", "title: A", "A.\n");
    let error = site.build_error();
    assert_contains(&error, &["site.yaml:3: unknown slug style `latin`", "slugs: transliterate"]);
}
