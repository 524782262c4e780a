//! `glossary.yaml`: variants to avoid are found with the search's analysis (Hebrew prefixes and
//! inflections, English endings), product names are checked letter for letter, code is left alone, and
//! every finding names file:line:column and the preferred term.

use crate::support;

use folio::{BuildCache, BuildOptions};
use support::site::{assert_contains, TestSite};

const GLOSSARY: &str = "\
terms:
  - use: התחברות
    lang: he
    avoid: [לוגין]
  - use: sign in
    lang: en
    avoid: [log in, login]
    note: Our apps say \"sign in\"; so do we.
products: [Machberet Cloud]
";

fn site() -> TestSite {
    let site = TestSite::with_config("title: t\nbase_url: https://example.com\nlanguage: he\n");
    site.file("glossary.yaml", GLOSSARY);
    site.page(
        "kb/access.md",
        "title: בעיות לוגין",
        "\nאם אין גישה, נסו שוב.\nבמסך הלוגין בוחרים משתמש, וללוגין הבא צריך קוד.\n\n```\nlogin --user לוגין\n```\n\nב-machberet cloud זה אחרת.\n",
    );
    site.page(
        "kb/english.md",
        "title: Access\nlang: en",
        "\nTo log in, open the app. The `login` command and [log in](https://example.com/login) are code.\nMachberet Cloud is spelled right here.\n",
    );
    site
}

#[test]
fn variants_are_found_with_prefixes_and_positions_and_code_is_skipped() {
    let warnings = site().build().warnings();
    let found: Vec<&String> = warnings.iter().filter(|w| w.contains("glossary") || w.contains("spelled")).collect();
    let all = format!("{found:#?}");
    assert_contains(
        &all,
        &[
            "content/kb/access.md:2:14: `לוגין`: the glossary prefers `התחברות`",
            "content/kb/access.md:6:6: `הלוגין`: the glossary prefers `התחברות`",
            "content/kb/access.md:6:27: `וללוגין`: the glossary prefers `התחברות`",
            "content/kb/access.md:12:3: `machberet cloud`: the product is spelled `Machberet Cloud`",
            "content/kb/english.md:6:4: `log in`: the glossary prefers `sign in`",
            // A link's text is prose; its address is not.
            "content/kb/english.md:6:51: `log in`: the glossary prefers `sign in`",
            "Our apps say \\\"sign in\\\"; so do we.",
        ],
    );
    // Code blocks, inline code and link addresses are not prose; Hebrew rules skip English pages.
    assert_eq!(found.len(), 6, "{all}");
}

#[test]
fn a_changed_glossary_is_used_by_the_next_cached_build() {
    let site = site();
    let mut cache = BuildCache::default();
    let options = BuildOptions { root: site.root().to_path_buf(), ..Default::default() };
    let first = folio::pipeline::build_site_cached(&options, &mut cache).unwrap();
    assert!(first.warnings.iter().any(|w| w.to_string().contains("prefers `sign in`")));
    site.file("glossary.yaml", "terms:\n  - use: התחברות\n    lang: he\n    avoid: [לוגין]\n");
    let second = folio::pipeline::build_site_cached(&options, &mut cache).unwrap();
    let text: Vec<String> = second.warnings.iter().map(|w| w.to_string()).collect();
    assert!(!text.iter().any(|w| w.contains("sign in") || w.contains("spelled")), "{text:#?}");
    assert_eq!(text.iter().filter(|w| w.contains("prefers `התחברות`")).count(), 3, "{text:#?}");
}

#[test]
fn glossary_errors_name_the_line() {
    let site = site();
    site.file("glossary.yaml", "terms:\n  - use: sign in\n    avoid: [sign-in]\n");
    assert_contains(&site.build_error(), &["glossary.yaml:3", "`sign-in` cannot be avoided in favour of `sign in`"]);
    site.file("glossary.yaml", "terms:\n  - use: sign in\n    avoid: [login]\n    colour: red\n");
    assert_contains(&site.build_error(), &["glossary.yaml:4", "colour"]);
}
