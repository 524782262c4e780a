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

#[test]
fn a_published_glossary_is_a_page_in_each_language_with_its_own_terms() {
    let site = TestSite::with_config(
        "title: t\nbase_url: https://example.com\nlanguage: he\nlanguages:\n  en: {name: English}\n",
    );
    site.file(
        "glossary.yaml",
        "publish: true\nterms:\n  - use: התחברות\n    lang: he\n    avoid: [לוגין]\n    definition: כניסה לחשבון עם שם משתמש וסיסמה.\n  \
         - use: workspace\n    lang: en\n    definition: Where a team keeps its <notebooks>.\n  \
         - use: sign in\n    lang: en\n    avoid: [log in, login]\nproducts: [Machberet Cloud]\n",
    );
    site.page("kb/a.md", "title: א", "\nטקסט.\n");
    site.page("kb/a.en.md", "title: A", "\nText.\n");
    let built = site.build();

    let he = built.text("glossary/index.html");
    assert_contains(
        &he,
        &[
            "<h1>מילון מונחים</h1>",
            "<dt id=\"התחברות\" dir=\"auto\">התחברות</dt>",
            "<dd dir=\"auto\">כניסה לחשבון עם שם משתמש וסיסמה.</dd>",
            "<dd class=\"glossary-avoid\">ולא: <bdi>לוגין</bdi></dd>",
            "<li><bdi>Machberet Cloud</bdi></li>",
        ],
    );
    assert!(!he.contains("workspace"), "English terms stay on the English page");

    let en = built.text("en/glossary/index.html");
    assert_contains(
        &en,
        &[
            "<h1>Glossary</h1>",
            // Alphabetical, escaped, with an anchor to link to.
            "<dt id=\"sign-in\" dir=\"auto\">sign in</dt>",
            "<dd class=\"glossary-avoid\">Not: <bdi>log in</bdi>, <bdi>login</bdi></dd>",
            "<dd dir=\"auto\">Where a team keeps its &lt;notebooks&gt;.</dd>",
        ],
    );
    assert!(en.find("sign in").unwrap() < en.find("workspace").unwrap(), "terms in alphabetical order");
    assert!(!en.contains("התחברות"));

    // Without `publish: true` there is no page; a term needs words to avoid or a definition.
    site.file("glossary.yaml", "terms:\n  - use: workspace\n    definition: A team's place.\n");
    assert!(!site.build().has("glossary/index.html"));
    site.file("glossary.yaml", "publish: true\nterms:\n  - use: workspace\n");
    assert_contains(
        &site.build_error(),
        &["glossary.yaml:3", "glossary term `workspace` needs a preferred term and words to avoid or a definition"],
    );
}
