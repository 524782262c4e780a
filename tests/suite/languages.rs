//! Multilingual sites: translations as `name.<code>.md`, each language under `/<code>/` with its own
//! lists, feeds, sitemap and search index, the language switcher, `hreflang` links both ways,
//! fallbacks for missing translations, translation status and the dev server.

use crate::support;

use support::serve::{get, serve};
use support::site::{assert_contains, assert_lacks, TestSite};

const CONFIG: &str = "title: Acme\nbase_url: https://acme.example\nlanguage: en\nlanguages:\n  he:\n    title: אקמה\n    fallback: original\n  ar:\n    fallback: hide\n";

/// English default; Hebrew translations of some pages (the rest borrowed), Arabic hiding them.
fn bilingual() -> TestSite {
    let site = TestSite::with_config(CONFIG);
    site.page("_index.md", "title: Welcome", "Home.\n")
        .page("kb/_index.md", "title: Help", "All help.\n")
        .page("kb/_index.he.md", "title: עזרה", "כל העזרה.\n")
        .page("kb/refunds.md", "title: Refunds\ntags: [money]", "How refunds work.\n")
        .page("kb/refunds.he.md", "title: החזרים\ntags: [כסף]", "איך עובדים החזרים.\n")
        .page("kb/invoices.md", "title: Invoices", "Invoices explained.\n")
        .page("kb/only-hebrew.he.md", "title: רק בעברית", "דף שקיים רק בעברית.\n")
        .page("blog/launch.md", "title: Launch\ndate: 2026-01-05", "We launched.\n")
        .page("blog/launch.he.md", "title: השקה\ndate: 2026-01-05", "השקנו.\n")
        .page("docs/v1.2.md", "title: Version 1.2", "Notes.\n");
    site
}

#[test]
fn translations_live_under_their_code_at_the_same_relative_path() {
    let built = bilingual().build();
    for path in ["kb/refunds/index.html", "he/kb/refunds/index.html", "he/blog/launch/index.html", "he/index.html"] {
        assert!(built.has(path), "missing {path}");
    }
    let he = built.text("he/kb/refunds/index.html");
    assert_contains(
        &he,
        &["<html lang=\"he\" dir=\"rtl\">", "איך עובדים החזרים.", "<title>החזרים&rlm; · אקמה</title>"],
    );
    // A page written only in Hebrew exists only there.
    assert!(built.has("he/kb/only-hebrew/index.html"));
    assert!(!built.has("kb/only-hebrew/index.html"));
    // `v1.2.md` names no configured language: it stays a page of the default language.
    assert!(built.has("docs/v1.2/index.html"), "{:?}", built.built.output.files.keys().collect::<Vec<_>>());
    assert_contains(&built.text("docs/v1.2/index.html"), &["Version 1.2"]);
}

#[test]
fn hreflang_links_point_both_ways_with_x_default() {
    let built = bilingual().build();
    let links = [
        "<link rel=\"alternate\" hreflang=\"en\" href=\"https://acme.example/kb/refunds/\">",
        "<link rel=\"alternate\" hreflang=\"he\" href=\"https://acme.example/he/kb/refunds/\">",
        "<link rel=\"alternate\" hreflang=\"x-default\" href=\"https://acme.example/kb/refunds/\">",
    ];
    assert_contains(&built.text("kb/refunds/index.html"), &links);
    assert_contains(&built.text("he/kb/refunds/index.html"), &links);
    // Arabic hides the page, so no alternate names it.
    assert_lacks(&built.text("kb/refunds/index.html"), &["hreflang=\"ar\" href=\"https://acme.example/ar/kb/refunds/"]);
}

#[test]
fn sitemap_lists_alternates_of_each_url() {
    let built = bilingual().build();
    let sitemap = built.text("sitemap.xml");
    assert_contains(
        &sitemap,
        &[
            "xmlns:xhtml=\"http://www.w3.org/1999/xhtml\"",
            "<loc>https://acme.example/kb/refunds/</loc>",
            "<xhtml:link rel=\"alternate\" hreflang=\"he\" href=\"https://acme.example/he/kb/refunds/\"/>",
            "<xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"https://acme.example/kb/refunds/\"/>",
        ],
    );
    let hebrew = built.text("he/sitemap.xml");
    assert_contains(&hebrew, &["<loc>https://acme.example/he/kb/refunds/</loc>"]);
    // A borrowed page repeats the original: it is not offered to search engines.
    assert_lacks(&hebrew, &["he/kb/invoices/"]);
    assert_contains(&built.text("robots.txt"), &["Sitemap: https://acme.example/he/sitemap.xml"]);
}

#[test]
fn feeds_lists_and_taxonomies_hold_only_their_language() {
    let built = bilingual().build();
    let he_feed = built.text("he/blog/atom.xml");
    assert_contains(&he_feed, &["<title>השקה</title>", "https://acme.example/he/blog/launch/"]);
    assert_lacks(&he_feed, &["<title>Launch</title>"]);
    let en_feed = built.text("blog/atom.xml");
    assert_contains(&en_feed, &["<title>Launch</title>"]);
    assert_lacks(&en_feed, &["השקה"]);
    let he_kb = built.text("he/kb/index.html");
    assert_contains(&he_kb, &["href=\"/he/kb/refunds/\"", "href=\"/he/kb/only-hebrew/\""]);
    // Invoices is shown in Hebrew only as the borrowed original, which no list shows.
    assert_lacks(&he_kb, &["Invoices", "How refunds work"]);
    assert_lacks(&built.text("kb/index.html"), &["החזרים"]);
    assert!(built.has("he/tags/index.html"));
    assert_lacks(&built.text("he/tags/index.html"), &["money"]);
    assert_lacks(&built.text("tags/index.html"), &["כסף"]);
}

#[test]
fn each_language_has_its_own_search_index_and_page() {
    let built = bilingual().build();
    assert!(built.has("search/index-en.json"));
    assert!(built.has("he/search/index-he.json"));
    assert!(!built.has("he/search/index-en.json"), "borrowed pages stay out of the Hebrew index");
    assert_contains(&built.text("he/search/index.html"), &["data-search-base=\"/he/search/\""]);
    // The theme's files are published once, at the root.
    assert!(built.has("folio.css") && !built.has("he/folio.css"));
    assert_contains(&built.text("he/index.html"), &["href=\"/folio.css\""]);
}

#[test]
fn switcher_links_to_each_translation_and_never_to_a_missing_page() {
    let built = bilingual().build();
    let en = built.text("kb/refunds/index.html");
    assert_contains(
        &en,
        &[
            "<nav class=\"language-switcher\" aria-label=\"Languages\">",
            "<a href=\"/kb/refunds/\" lang=\"en\" hreflang=\"en\" dir=\"ltr\" aria-current=\"true\">English</a>",
            "<a href=\"/he/kb/refunds/\" lang=\"he\" hreflang=\"he\" dir=\"rtl\">עברית</a>",
            // Arabic has no knowledge base at all: its home page instead.
            "<a href=\"/ar/\" lang=\"ar\" hreflang=\"ar\" dir=\"rtl\">العربية</a>",
        ],
    );
    // From a page only in Hebrew, English goes to its section.
    let only = built.text("he/kb/only-hebrew/index.html");
    assert_contains(&only, &["<a href=\"/kb/\" lang=\"en\" hreflang=\"en\" dir=\"ltr\">English</a>"]);
    assert_lacks(&only, &["hreflang=\"x-default\""]);
    assert_contains(&built.text("he/index.html"), &["aria-label=\"שפות\"", "aria-current=\"true\">עברית</a>"]);
}

#[test]
fn fallback_original_shows_the_original_in_the_translated_frame_with_a_notice() {
    let built = bilingual().build();
    let page = built.text("he/kb/invoices/index.html");
    assert_contains(
        &page,
        &[
            "<html lang=\"he\" dir=\"rtl\">",
            "<main id=\"main\" tabindex=\"-1\" lang=\"en\" dir=\"ltr\">",
            "<p class=\"translation-notice\" role=\"note\" lang=\"he\" dir=\"rtl\">הדף הזה עדיין לא תורגם; להלן המקור.",
            "<a href=\"/kb/invoices/\" hreflang=\"en\" lang=\"he\">לקריאת המקור</a>",
            "Invoices explained.",
            "<meta name=\"robots\" content=\"noindex\">",
        ],
    );
    // The frame is Hebrew: the site title and menu label come from the Hebrew settings and strings.
    assert_contains(&page, &["<a class=\"site-title\" href=\"/he/\">אקמה</a>"]);
}

#[test]
fn fallback_hide_leaves_the_page_out_of_that_language() {
    let built = bilingual().build();
    assert!(built.has("ar/index.html"));
    assert!(!built.has("ar/kb/invoices/index.html"));
    assert!(!built.has("ar/kb/refunds/index.html"));
}

/// Internal links (`href="/…"`) of every HTML file of `built` that lead to no file of it.
fn broken_links(built: &folio::Built) -> Vec<String> {
    let mut broken = Vec::new();
    for path in built.output.files.keys().filter(|p| p.ends_with(".html")) {
        let html = built.output.text(path).unwrap_or_default();
        for href in html.split("href=\"").skip(1).filter_map(|rest| rest.split('"').next()) {
            if !href.starts_with('/') || href.starts_with("//") {
                continue;
            }
            let target = href.split(['#', '?']).next().unwrap_or("").trim_start_matches('/');
            let target = folio::url::percent_decode(target).unwrap_or_else(|| target.to_string());
            let file = if target.is_empty() || target.ends_with('/') { format!("{target}index.html") } else { target };
            if !built.output.files.contains_key(&file) {
                broken.push(format!("{path} → {href}"));
            }
        }
    }
    broken
}

#[test]
fn every_internal_link_of_a_multilingual_site_leads_somewhere() {
    let built = bilingual().build();
    let broken = broken_links(&built.built);
    assert!(broken.is_empty(), "links leading nowhere:\n{}", broken.join("\n"));
}

#[test]
fn the_bilingual_example_builds_with_every_link_leading_somewhere() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/bilingual-company");
    let built = folio::build_site(&folio::BuildOptions { root, ..Default::default() }).expect("the example builds");
    let broken = broken_links(&built);
    assert!(broken.is_empty(), "links leading nowhere:\n{}", broken.join("\n"));
    let english = built.output.text("en/kb/billing/refunds/index.html").expect("the borrowed refunds page");
    assert_contains(
        &english,
        &["<html lang=\"en\" dir=\"ltr\">", "<main id=\"main\" tabindex=\"-1\" lang=\"he\" dir=\"rtl\">"],
    );
    assert!(built.output.files.contains_key("ar/about/index.html"));
    assert!(!built.output.files.contains_key("ar/kb/index.html"));
}

#[test]
fn outdated_translations_are_listed_in_one_warning_with_a_notice_on_the_page() {
    let site = bilingual();
    site.page("kb/refunds.he.md", "title: החזרים\ntranslated_from: 2025-01-01", "ישן.\n")
        .page("kb/refunds.md", "title: Refunds\nupdated: 2026-02-01", "New rules.\n")
        .page("blog/launch.he.md", "title: השקה\ndate: 2026-01-05\ntranslated_from: \"0000000000000000\"", "השקנו.\n");
    let built = site.build();
    let warnings: Vec<String> = built.warnings().into_iter().filter(|w| w.contains("older than")).collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_contains(
        &warnings[0],
        &[
            "2 translations are older than the original:",
            "content/blog/launch.he.md (original: content/blog/launch.md)",
            "content/kb/refunds.he.md (original: content/kb/refunds.md)",
            "folio translations --stamp FILE",
        ],
    );
    assert_contains(
        &built.text("he/kb/refunds/index.html"),
        &["המקור של הדף הזה עודכן אחרי התרגום.", "<a href=\"/kb/refunds/\" hreflang=\"en\" lang=\"he\">"],
    );
}

#[test]
fn stamping_a_translation_makes_it_current() {
    let site = bilingual();
    site.page("kb/refunds.he.md", "title: החזרים\ntranslated_from: \"0000000000000000\"", "ישן.\n");
    assert_eq!(site.build().warnings().iter().filter(|w| w.contains("older than")).count(), 1);
    let listed = site.run(&["translations"]);
    assert_contains(&listed.stdout, &["he  content/kb/refunds.he.md  OUTDATED (original: content/kb/refunds.md)"]);
    let stamped = site.run(&["translations", "--stamp", "content/kb/refunds.he.md"]);
    assert_eq!(stamped.code, 0, "{stamped:?}");
    assert_contains(&stamped.stdout, &["stamped content/kb/refunds.he.md (follows content/kb/refunds.md at "]);
    let text = std::fs::read_to_string(site.path("content/kb/refunds.he.md")).unwrap();
    assert_eq!(text.matches("translated_from:").count(), 1, "{text}");
    let rebuilt = site.build();
    assert!(rebuilt.warnings().iter().all(|w| !w.contains("older than")), "{:?}", rebuilt.warnings());
    assert_lacks(&rebuilt.text("he/kb/refunds/index.html"), &["translation-notice"]);
}

#[test]
fn bad_languages_entries_are_errors_naming_the_line() {
    let site = TestSite::with_config(
        "title: A\nbase_url: https://a.example\nlanguages:\n  he:\n    fallback: english\n  ar:\n    titel: x\n",
    );
    site.page("_index.md", "title: Home", "x\n");
    let error = site.build_error();
    assert_contains(&error, &["site.yaml:7:5: unknown key `titel` in `languages.ar`", "did you mean `title`?"]);
    let site =
        TestSite::with_config("title: A\nbase_url: https://a.example\nlanguages:\n  he:\n    fallback: english\n");
    site.page("_index.md", "title: Home", "x\n");
    assert_contains(
        &site.build_error(),
        &["site.yaml:4: `languages.he.fallback`: unknown value `english`", "write `hide`"],
    );
}

#[test]
fn two_files_for_one_page_in_one_language_is_an_error() {
    let site = bilingual();
    site.page("kb/refunds.en.md", "title: Refunds again", "x\n");
    let error = site.build_error();
    let one = "content/kb/refunds.md: this page is also written in `en` as content/kb/refunds.en.md";
    let other = "content/kb/refunds.en.md: this page is also written in `en` as content/kb/refunds.md";
    assert!(error.contains(one) || error.contains(other), "{error}");
}

#[test]
fn the_default_language_can_live_under_its_code_too() {
    let site = TestSite::with_config(&format!("{CONFIG}default_language_in_path: true\n"));
    site.page("_index.md", "title: Welcome", "Home.\n").page("kb/refunds.md", "title: Refunds", "x\n");
    let built = site.build();
    assert!(built.has("en/kb/refunds/index.html") && !built.has("kb/refunds/index.html"));
    assert_contains(&built.text("index.html"), &["<meta http-equiv=\"refresh\" content=\"0; url=/en/\">"]);
    assert!(built.has("folio.css") && built.has("search/ui.js"));
    assert_contains(
        &built.text("robots.txt"),
        &["Sitemap: https://acme.example/en/sitemap.xml", "Sitemap: https://acme.example/he/sitemap.xml"],
    );
    assert_contains(&built.text("he/kb/refunds/index.html"), &["<a href=\"/en/kb/refunds/\" lang=\"en\""]);
}

#[test]
fn a_site_without_languages_has_no_switcher_or_alternates() {
    let site = TestSite::new();
    site.page("kb/refunds.he.md", "title: Refunds", "x\n");
    let built = site.build();
    // `he` is no configured language here: the name keeps its old meaning, a page of its own.
    let page = built.text("kb/refunds.he/index.html");
    assert_lacks(&page, &["language-switcher", "hreflang", "translation-notice"]);
}

#[test]
fn serve_previews_every_language_and_sees_an_edited_translation() {
    let site = bilingual();
    let (server, _) = serve(&site, false);
    assert_contains(&get(&server, "/he/kb/refunds/").body, &["איך עובדים החזרים."]);
    assert_contains(&get(&server, "/kb/refunds/").body, &["How refunds work."]);
    site.page("kb/refunds.he.md", "title: החזרים\ntags: [כסף]", "נוסח חדש של ההחזרים.\n");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let body = get(&server, "/he/kb/refunds/").body;
        if body.contains("נוסח חדש של ההחזרים.") {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "the edit never showed:\n{body}");
        std::thread::sleep(std::time::Duration::from_millis(30));
    }
    assert_contains(&get(&server, "/kb/refunds/").body, &["How refunds work."]);
    server.stop();
}

#[test]
fn cached_rebuilds_of_a_multilingual_site_equal_full_builds() {
    use folio::{build_site, build_site_cached, BuildCache, BuildOptions};
    let site = bilingual();
    let options = BuildOptions { root: site.root().to_path_buf(), ..Default::default() };
    let mut cache = BuildCache::default();
    build_site_cached(&options, &mut cache).unwrap();
    type Edit = Box<dyn Fn(&TestSite)>;
    let edits: Vec<(&str, Edit)> = vec![
        (
            "translation body",
            Box::new(|s| {
                s.page("kb/refunds.he.md", "title: החזרים\ntags: [כסף]", "חדש.\n");
            }),
        ),
        (
            "original title",
            Box::new(|s| {
                s.page("kb/invoices.md", "title: Bills", "Invoices explained.\n");
            }),
        ),
        (
            "new translation",
            Box::new(|s| {
                s.page("kb/invoices.he.md", "title: חשבוניות", "חשבוניות.\n");
            }),
        ),
        (
            "stamp",
            Box::new(|s| {
                s.page("kb/invoices.he.md", "title: חשבוניות\ntranslated_from: 2020-01-01", "x\n");
            }),
        ),
        ("removed translation", Box::new(|s| std::fs::remove_file(s.path("content/kb/invoices.he.md")).unwrap())),
    ];
    for (name, edit) in edits {
        edit(&site);
        let cached = build_site_cached(&options, &mut cache).unwrap();
        let full = build_site(&options).unwrap();
        let names = |o: &folio::Output| o.files.keys().cloned().collect::<Vec<_>>();
        assert_eq!(names(&cached.output), names(&full.output), "after {name}");
        for path in full.output.files.keys() {
            assert_eq!(cached.output.text(path), full.output.text(path), "{path} differs after {name}");
        }
        if name == "translation body" {
            assert!(cache.stats.pages_rendered <= 3, "a text edit re-renders little: {:?}", cache.stats);
        }
    }
}

#[test]
fn a_language_without_its_own_menus_links_to_the_default_version_of_missing_pages() {
    let config = CONFIG.replace(
        "languages:",
        "menus:\n  main:\n    - { name: Help, url: \"@/kb/_index.md\" }\n    - { name: Invoices, url: /kb/invoices/ }\nlanguages:",
    );
    let site = TestSite::with_config(&config);
    site.page("_index.md", "title: Welcome", "Home.\n").page("kb/invoices.md", "title: Invoices", "x\n");
    let built = site.build();
    let arabic = built.text("ar/index.html");
    assert_contains(&arabic, &["<a href=\"/kb/\">Help</a>", "<a href=\"/kb/invoices/\">Invoices</a>"]);
    // Hebrew borrows the page, so its menu stays in Hebrew addresses.
    assert_contains(&built.text("he/index.html"), &["<a href=\"/he/kb/invoices/\">Invoices</a>"]);
}

#[test]
fn adding_and_removing_languages_between_cached_builds_equals_full_builds() {
    use folio::{build_site, build_site_cached, BuildCache, BuildOptions};
    let site = bilingual();
    let options = BuildOptions { root: site.root().to_path_buf(), ..Default::default() };
    let mut cache = BuildCache::default();
    let one_language = "title: Acme\nbase_url: https://acme.example\nlanguage: en\n";
    let steps: [(&str, &str, &str); 4] = [
        (one_language, "kb/invoices.md", "First."),
        (CONFIG, "kb/invoices.md", "Second."),
        (one_language, "kb/invoices.md", "Third."),
        (CONFIG, "kb/refunds.he.md", "רביעי."),
    ];
    for (config, page, body) in steps {
        site.file("site.yaml", config);
        build_site_cached(&options, &mut cache).unwrap();
        site.page(page, "title: Edited", &format!("{body}\n"));
        let cached = build_site_cached(&options, &mut cache).unwrap();
        let full = build_site(&options).unwrap();
        assert_eq!(cached.output.files.len(), full.output.files.len(), "after editing {page}");
        for path in full.output.files.keys() {
            assert_eq!(cached.output.text(path), full.output.text(path), "{path} differs after editing {page}");
        }
    }
}
