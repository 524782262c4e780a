//! Interface strings and dates in the page's language: translated labels and plural forms, dates in
//! each language and as `dates:` in site.yaml says, a site's own strings, and the warnings and
//! errors that keep labels from going missing.

use crate::support;

use support::site::{assert_contains, assert_lacks, TestSite};

const CONFIG: &str = "title: Acme\nbase_url: https://example.com\nlanguage: en\n";

/// A post dated 6 November 2025 in each of `langs`, at blog/<lang>/.
fn posts_in(config: &str, langs: &[&str]) -> TestSite {
    let site = TestSite::with_config(config);
    for lang in langs {
        site.page(
            &format!("blog/{lang}.md"),
            &format!("title: Post {lang}\ndate: 2025-11-06\nlang: {lang}"),
            "Text.\n",
        );
    }
    site
}

#[test]
fn pages_in_russian_arabic_and_french_get_their_dates_and_labels() {
    let out = posts_in(CONFIG, &["ru", "ar", "fr", "de", "es"]).build();
    let ru = out.text("blog/ru/index.html");
    assert_contains(&ru, &["Опубликовано 6 ноября 2025", "1 мин чтения", "Перейти к содержанию", "Поиск по сайту"]);
    assert_contains(&ru, &["<html lang=\"ru\""]);
    let ar = out.text("blog/ar/index.html");
    assert_contains(&ar, &["نُشر في 6 نوفمبر 2025", "دقيقة واحدة للقراءة", "الانتقال إلى المحتوى"]);
    let fr = out.text("blog/fr/index.html");
    assert_contains(&fr, &["Publié le 6 novembre 2025", "1 min de lecture", "Aller au contenu"]);
    assert_contains(&out.text("blog/de/index.html"), &["Veröffentlicht am 6. November 2025"]);
    assert_contains(&out.text("blog/es/index.html"), &["Publicado el 6 de noviembre de 2025"]);
    // Not one shipped language lacks a string, so no warning.
    assert!(out.warnings().iter().all(|w| !w.contains("UI string")), "{:?}", out.warnings());
}

#[test]
fn article_counts_take_the_russian_and_arabic_plural_forms() {
    for (lang, expected) in [
        ("ru", ["1 статья", "3 статьи", "5 статей", "21 статья"]),
        ("ar", ["مقالة واحدة", "3 مقالات", "5 مقالات", "21 مقالة"]),
        ("he", ["מאמר אחד", "3 מאמרים", "5 מאמרים", "21 מאמרים"]),
    ] {
        let site = TestSite::with_config(&format!("title: A\nbase_url: https://example.com\nlanguage: {lang}\n"));
        site.page("kb/_index.md", "title: KB", "");
        for (category, count) in [("a", 1), ("b", 3), ("c", 5), ("d", 21)] {
            site.page(&format!("kb/{category}/_index.md"), &format!("title: {category}"), "");
            for i in 0..count {
                site.page(&format!("kb/{category}/p{i}.md"), &format!("title: P{i}"), "Text.\n");
            }
        }
        let kb = site.build().text("kb/index.html");
        assert_contains(&kb, &expected);
    }
    // Two is the dual in Arabic and Hebrew.
    for (lang, two) in [("ar", "مقالتان"), ("he", "שני מאמרים")] {
        let site = TestSite::with_config(&format!("title: A\nbase_url: https://example.com\nlanguage: {lang}\n"));
        site.page("kb/_index.md", "title: KB", "").page("kb/a/_index.md", "title: a", "");
        site.page("kb/a/x.md", "title: X", "X.\n").page("kb/a/y.md", "title: Y", "Y.\n");
        assert_contains(&site.build().text("kb/index.html"), &[two]);
    }
}

#[test]
fn the_search_script_gets_every_plural_form_of_the_count_once_per_language() {
    let out = posts_in(CONFIG, &["ru", "he"]).build();
    let ru: serde_json::Value = serde_json::from_str(&out.text("search/strings-ru.json")).unwrap();
    assert_eq!(ru["count"], "{n} результатов");
    assert_eq!(ru["countOne"], "{n} результат");
    assert_eq!(ru["countFew"], "{n} результата");
    assert_eq!(ru["countMany"], "{n} результатов");
    assert_eq!(ru["sectionBlog"], "Блог");
    // Hebrew has a dual and no "few": absent forms are left out, so the script uses the plain one.
    let he: serde_json::Value = serde_json::from_str(&out.text("search/strings-he.json")).unwrap();
    assert_eq!(he["countTwo"], "שתי תוצאות");
    assert!(he.get("countFew").is_none(), "{he}");
    // The site language's own file is there too, for its list pages.
    let en: serde_json::Value = serde_json::from_str(&out.text("search/strings-en.json")).unwrap();
    assert_eq!(en["noResults"], "Nothing found for “{q}”.");
    // A page carries only the strings needed before that file arrives, in its own language.
    let page = out.text("blog/ru/index.html");
    assert_contains(&page, &["data-lang=\"ru\"", "data-t-loading=\"", "data-t-error=\""]);
    assert_lacks(&page, &["data-t-count", "data-t-no-results", "data-t-section-blog"]);
}

#[test]
fn a_site_overrides_a_shipped_string_and_an_empty_one_falls_back_with_a_warning() {
    let site = posts_in(CONFIG, &["ru"]);
    site.file("i18n/ru.yaml", "search_label: Искать на сайте\nskip_to_content: \"\"\n");
    let out = site.build();
    let page = out.text("blog/ru/index.html");
    // The override wins; the empty one is not shown empty but in English, and said.
    assert_contains(&page, &["Skip to content", "Искать на сайте", "Опубликовано 6 ноября 2025"]);
    assert_lacks(&page, &["Перейти к содержанию", "Поиск по сайту"]);
    let warnings = out.warnings().join("\n");
    assert_contains(
        &warnings,
        &[
            "i18n/ru.yaml: UI string `skip_to_content` is missing for language `ru`; pages in `ru` show it in English",
            "help: add a `key: text` line for each to this file",
        ],
    );
    // English pages are untouched.
    assert_contains(&out.text("blog/index.html"), &["Skip to content", "Search this site"]);
}

#[test]
fn a_language_without_strings_is_a_warning_naming_its_keys_and_file() {
    let out = posts_in(CONFIG, &["it"]).build();
    assert_contains(&out.text("blog/it/index.html"), &["Published on 2025-11-06", "Skip to content"]);
    let warnings = out.warnings().join("\n");
    assert_contains(
        &warnings,
        &["UI strings are missing for language `it`: `", "; pages in `it` show them in English"],
    );
    assert_contains(&warnings, &["i18n/it.yaml"]);
    // A partial file is reported key by key, and its own strings are used.
    let site = posts_in(CONFIG, &["it"]);
    site.file("i18n/it.yaml", "skip_to_content: Vai al contenuto\n");
    let out = site.build();
    assert_contains(&out.text("blog/it/index.html"), &["Vai al contenuto"]);
    let warnings = out.warnings().join("\n");
    assert_contains(&warnings, &["i18n/it.yaml: ", "for language `it`: `about_author`, `all_categories`"]);
    assert_lacks(&warnings, &["`skip_to_content`"]);
}

#[test]
fn dates_block_sets_the_format_on_pages_lists_and_search() {
    let config = format!("{CONFIG}dates:\n  format: short\n");
    let site = posts_in(&config, &["ru", "he", "en"]);
    site.page("blog/updated.md", "title: U\ndate: 2025-11-06\nupdated: 2026-03-01\nlang: de", "Text.\n");
    let out = site.build();
    assert_contains(&out.text("blog/ru/index.html"), &["Опубликовано 6 нояб. 2025"]);
    assert_contains(&out.text("blog/he/index.html"), &["פורסם ב־6 בנוב׳ 2025"]);
    assert_contains(&out.text("blog/updated/index.html"), &["Aktualisiert am 1. März 2026"]);
    // The blog list shows each card's date in its page's language; <time> keeps the ISO day.
    assert_contains(
        &out.text("blog/index.html"),
        &["<time datetime=\"2025-11-06\">Nov 6, 2025</time>", "6 нояб. 2025"],
    );
    // Feeds keep RFC 3339.
    assert_contains(&out.text("blog/atom.xml"), &["2025-11-06T00:00:00Z"]);
    // Search results show the date as the page does.
    assert_contains(&out.text("search/ru/docs/0.json"), &["\"d\":\"2025-11-06\"", "\"dd\":\"6 нояб. 2025\""]);
}

#[test]
fn the_hebrew_calendar_and_arabic_digits_are_options() {
    let config = "title: A\nbase_url: https://example.com\nlanguage: he\ndates:\n  calendar: hebrew\n";
    let site = TestSite::with_config(config);
    site.page("blog/a.md", "title: א\ndate: 2025-11-25", "טקסט.\n");
    assert_contains(&site.build().text("blog/a/index.html"), &["פורסם ב־ה׳ בכסלו תשפ״ו"]);

    let config = "title: A\nbase_url: https://example.com\nlanguage: ar\ndates:\n  digits: native\n";
    let site = TestSite::with_config(config);
    site.page("blog/a.md", "title: أ\ndate: 2025-11-06", "نص.\n");
    assert_contains(&site.build().text("blog/a/index.html"), &["نُشر في ٦ نوفمبر ٢٠٢٥"]);
}

#[test]
fn bad_dates_settings_are_errors_at_their_line() {
    let bad = [
        ("  format: longer\n", "site.yaml:5:11: `dates.format`: unknown format `longer`"),
        ("  calendar: julian\n", "site.yaml:5:13: `dates.calendar`: unknown calendar `julian`"),
        ("  format: \"{day} {mon}\"\n", "site.yaml:5:11: `dates.format`: `{mon}` is not a date field"),
        (
            "  calendar: hebrew\n  format: numeric\n",
            "site.yaml:6:11: `dates.format`: the Hebrew calendar has no numeric format",
        ),
        ("  style: long\n", "site.yaml:5:3: unknown key `style` in `dates`"),
    ];
    for (block, expected) in bad {
        let site = TestSite::with_config(&format!("{CONFIG}dates:\n{block}"));
        let error = site.build_error();
        assert_contains(&error, &[expected]);
    }
}
