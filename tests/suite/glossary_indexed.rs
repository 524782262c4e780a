//! The published glossary (`publish: true`) is a page readers and search engines find: it is in
//! every language's sitemap with its `hreflang` alternates, in the language links of its pages, and
//! in each language's search index as one page, found by its terms, definitions and avoided words.

use crate::support;

use folio::analysis::analyze;
use serde_json::Value;
use support::site::{assert_contains, assert_lacks, BuiltSite, TestSite};

const GLOSSARY: &str = "publish: true\nterms:\n  - use: התחברות\n    lang: he\n    avoid: [לוגין]\n    definition: כניסה לחשבון עם שם משתמש וסיסמה.\n  \
     - use: workspace\n    lang: en\n    definition: Where a team keeps its notebooks.\n  \
     - use: sign in\n    lang: en\n    avoid: [login]\n";

/// Hebrew at the root, English under /en/, the glossary published in both.
fn bilingual() -> TestSite {
    let site = TestSite::with_config(
        "title: t\nbase_url: https://example.com\nlanguage: he\nlanguages:\n  en: {name: English}\n",
    );
    site.file("glossary.yaml", GLOSSARY);
    site.page("kb/a.md", "title: א", "\nטקסט.\n");
    site.page("kb/a.en.md", "title: A", "\nText.\n");
    site
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("invalid JSON ({e}): {text}"))
}

/// The URLs of the pages the search index under `folder` (`""` or `en/`) holds for `word` in `lang`,
/// looked up as the browser does: the word as the analysis writes it (Hebrew final letters as plain
/// ones), its shard, its postings, the pages' records.
fn search(built: &BuiltSite, folder: &str, lang: &str, word: &str) -> Vec<String> {
    let word = &analyze(word, lang)[0];
    let term = word.forms.first().map_or(word.normal.clone(), |f| f.term.clone());
    let manifest = json(&built.text(&format!("{folder}search/index-{lang}.json")));
    let mut urls = Vec::new();
    for shard in manifest["shards"].as_array().unwrap() {
        let terms = json(&built.text(&format!("{folder}search/{}", shard[1].as_str().unwrap())));
        let Some(entry) = terms.as_array().unwrap().iter().find(|e| e[0] == term.as_str()) else { continue };
        for doc in entry[2].as_array().unwrap().iter().step_by(2) {
            let record = json(&built.text(&format!("{folder}search/{lang}/docs/{doc}.json")));
            urls.push(record["u"].as_str().unwrap().to_string());
        }
    }
    urls
}

#[test]
fn the_glossary_is_in_every_languages_sitemap_with_its_alternates() {
    let built = bilingual().build();
    let alternates = [
        "<xhtml:link rel=\"alternate\" hreflang=\"he\" href=\"https://example.com/glossary/\"/>",
        "<xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"https://example.com/en/glossary/\"/>",
        "<xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"https://example.com/glossary/\"/>",
    ];
    for (sitemap, loc) in
        [("sitemap.xml", "https://example.com/glossary/"), ("en/sitemap.xml", "https://example.com/en/glossary/")]
    {
        let text = built.text(sitemap);
        let entry = text
            .split("<url>")
            .find(|u| u.contains(&format!("<loc>{loc}</loc>")))
            .unwrap_or_else(|| panic!("{loc} not in {sitemap}:\n{text}"));
        assert_contains(entry, &alternates);
    }
    // The page itself names its translation, and the language switcher leads to it.
    assert_contains(
        &built.text("glossary/index.html"),
        &[
            "<link rel=\"alternate\" hreflang=\"en\" href=\"https://example.com/en/glossary/\">",
            "<a href=\"/en/glossary/\" lang=\"en\" hreflang=\"en\" dir=\"ltr\">English</a>",
        ],
    );
}

#[test]
fn the_glossary_is_one_page_of_each_languages_search_index() {
    let built = bilingual().build();
    // By its term, by its definition, and by the word a reader would have written instead.
    assert_eq!(search(&built, "", "he", "התחברות"), ["/glossary/"]);
    assert_eq!(search(&built, "", "he", "סיסמה"), ["/glossary/"]);
    assert_eq!(search(&built, "", "he", "לוגין"), ["/glossary/"]);
    assert_eq!(search(&built, "en/", "en", "workspace"), ["/en/glossary/"]);
    assert_eq!(search(&built, "en/", "en", "notebooks"), ["/en/glossary/"]);
    assert_eq!(search(&built, "en/", "en", "login"), ["/en/glossary/"]);
    // One page per language, its own terms only, filed with the plain pages.
    assert!(search(&built, "", "he", "workspace").is_empty());
    let manifest = json(&built.text("en/search/index-en.json"));
    assert_eq!(manifest["docs"], 2);
    let record = (0..2)
        .map(|n| json(&built.text(&format!("en/search/en/docs/{n}.json"))))
        .find(|r| r["u"] == "/en/glossary/")
        .unwrap();
    assert_eq!(record["t"], "Glossary");
    assert_eq!(record["s"], "page");
    assert_contains(
        record["x"].as_str().unwrap(),
        &["sign in — login", "workspace — Where a team keeps its notebooks."],
    );
}

#[test]
fn a_glossary_that_is_not_published_is_in_neither() {
    let site = TestSite::with_config("title: t\nbase_url: https://example.com\nlanguage: en\n");
    site.file("glossary.yaml", "terms:\n  - use: workspace\n    definition: A team's place.\n");
    site.page("a.md", "title: A", "Text.\n");
    let built = site.build();
    assert_lacks(&built.text("sitemap.xml"), &["/glossary/"]);
    assert!(search(&built, "", "en", "workspace").is_empty());

    // Published on a site of one language: listed without alternates.
    site.file("glossary.yaml", "publish: true\nterms:\n  - use: workspace\n    definition: A team's place.\n");
    let built = site.build();
    assert_contains(&built.text("sitemap.xml"), &["<loc>https://example.com/glossary/</loc>"]);
    assert_lacks(&built.text("sitemap.xml"), &["xhtml:link"]);
    assert_eq!(search(&built, "", "en", "workspace"), ["/glossary/"]);
}
