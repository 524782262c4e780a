//! Search: the shared analysis vectors (Rust here, Node through `node --test`), the index files a build writes,
//! and recall over the example sites' query set.

use crate::support;

use folio::analysis::{analyze, index_terms, is_mapped, word_forms};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;
use support::site::{assert_contains, assert_lacks, TestSite};

fn repo(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

fn vectors() -> Value {
    serde_json::from_str(&std::fs::read_to_string(repo("tests/search_vectors.json")).unwrap()).unwrap()
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("invalid JSON ({e}): {text}"))
}

/// Runs `node` with `args`, failing with a clear message when Node is not installed.
fn node(args: &[&str], envs: &[(&str, &Path)]) -> std::process::Output {
    let mut command = Command::new("node");
    command.args(args).current_dir(env!("CARGO_MANIFEST_DIR"));
    for (key, value) in envs {
        command.env(key, value);
    }
    command.output().unwrap_or_else(|e| {
        panic!("cannot run `node` ({e}): the search client's tests need Node.js 18 or newer on PATH")
    })
}

#[test]
fn rust_analysis_matches_the_shared_vectors() {
    let vectors = vectors();
    // A case may name the page language; the default is Hebrew.
    let lang = |case: &Value| case["lang"].as_str().unwrap_or("he").to_string();
    for case in vectors["analysis"].as_array().unwrap() {
        let text = case["text"].as_str().unwrap();
        let expected: Vec<String> = serde_json::from_value(case["terms"].clone()).unwrap();
        assert_eq!(index_terms(text, &lang(case)), expected, "index_terms({text:?})");
    }
    let finds = |query: &str, text: &str, lang: &str| {
        let doc = index_terms(text, lang);
        index_terms(query, lang).iter().any(|t| doc.contains(t))
    };
    for case in vectors["matches"].as_array().unwrap() {
        let (query, text) = (case["query"].as_str().unwrap(), case["text"].as_str().unwrap());
        assert!(finds(query, text, &lang(case)), "{query:?} should find {text:?}");
    }
    for case in vectors["non_matches"].as_array().unwrap() {
        let (query, text) = (case["query"].as_str().unwrap(), case["text"].as_str().unwrap());
        assert!(!finds(query, text, &lang(case)), "{query:?} should not find {text:?}");
    }
    for case in vectors["mapped"].as_array().unwrap() {
        let (text, lang) = (case["text"].as_str().unwrap(), lang(case));
        let words = analyze(text, &lang).into_iter().filter(|w| !w.forms.is_empty());
        let mapped: Vec<String> = words.map(|w| w.normal).filter(|w| is_mapped(w, &lang)).collect();
        assert_eq!(mapped, serde_json::from_value::<Vec<String>>(case["words"].clone()).unwrap(), "{text}");
    }
    for (word, stem) in vectors["stems"].as_object().unwrap() {
        let forms = word_forms(word, "en");
        let got = forms.first().map(|f| f.term.as_str()).unwrap_or(word);
        // Stop words have no forms; their stems are still checked on the Node side.
        if !forms.is_empty() {
            assert_eq!(got, stem.as_str().unwrap(), "stem of {word}");
        }
    }
}

/// A small bilingual site for the client tests: Hebrew by default, one English page, one opted out.
fn search_site() -> TestSite {
    let site = TestSite::with_config("title: מחברת\nbase_url: https://example.com/help\nlanguage: he\n");
    site.page("products/crm.md", "title: מחברת CRM", "ניהול לקוחות.\n")
        .page(
            "kb/billing/invoices.md",
            "title: הפקת חשבונית\nproducts: [crm]\ntags: [חשבוניות]",
            "## שליחה ללקוחות\n\nשולחים את החשבונית בדוא\"ל לכל לקוח.\n",
        )
        .page("kb/billing/refunds.md", "title: החזרים וזיכויים", "זיכוי ללקוח שביטל הזמנה.\n")
        .page("blog/2026-01-05-journey.md", "title: המסע של הלקוח", "שיחות עם הלקוחות שלנו.\n")
        .page("kb/secret.md", "title: דף פנימי\nsearch: false", "לקוח סודי.\n")
        .page("kb/english.md", "title: Exporting customers\nlang: en", "Export your customer list to CSV.\n");
    site
}

#[test]
fn build_writes_a_manifest_shards_documents_and_facets_per_language() {
    let built = search_site().build();
    let manifest = json(&built.text("search/index-he.json"));
    assert_eq!(manifest["format"], 3);
    assert_eq!(manifest["docFiles"], "he/docs/{n}.json");
    // The section filter reads the manifest; every page's facets are fetched only for a filtered query.
    assert_eq!(manifest["sections"], serde_json::json!(["blog", "kb", "product"]));
    assert_eq!(manifest["lang"], "he");
    assert_eq!(manifest["docs"], 4);
    let shard = manifest["shards"][0][1].as_str().unwrap();
    let terms = json(&built.text(&format!("search/{shard}")));
    let entry = terms.as_array().unwrap().iter().find(|e| e[0] == "לקוח").expect("the term לקוח");
    // Four Hebrew pages: the English one has its own index, and the opted-out one is in none.
    // Each page has its own record file, numbered in the order of its URL.
    let docs: Vec<Value> = (0..4).map(|n| json(&built.text(&format!("search/he/docs/{n}.json")))).collect();
    assert!(!built.built.output.files.contains_key("search/he/docs/4.json"));
    let urls: Vec<&str> = docs.iter().map(|d| d["u"].as_str().unwrap()).collect();
    assert!(urls.iter().all(|u| u.starts_with("/help/")), "{urls:?}");
    assert!(!urls.contains(&"/help/kb/secret/"), "{urls:?}");
    assert_eq!(entry[2].as_array().unwrap().len() % 2, 0);
    let invoice = docs.iter().find(|d| d["u"] == "/help/kb/billing/invoices/").unwrap();
    assert_eq!(invoice["s"], "kb");
    assert_eq!(invoice["p"], serde_json::json!(["מחברת CRM"]));
    let facets = json(&built.text("search/he/facets.json"));
    assert_eq!(facets["products"], serde_json::json!([["crm", "מחברת CRM"]]));
    let english = json(&built.text("search/index-en.json"));
    assert_eq!(english["docs"], 1);
}

#[test]
fn the_index_is_the_same_bytes_on_every_build() {
    let site = search_site();
    let (a, b) = (site.build(), site.build());
    let index_files: Vec<&String> = a.built.output.files.keys().filter(|p| p.starts_with("search/")).collect();
    assert!(index_files.len() >= 6, "{index_files:?}");
    for path in index_files {
        assert_eq!(a.text(path), b.text(path), "{path}");
    }
}

#[test]
fn search_can_be_switched_off_in_site_yaml() {
    let site = TestSite::with_config("title: T\nbase_url: https://example.com\nsearch:\n  enabled: false\n");
    site.page("about.md", "title: About", "Text.\n");
    let built = site.build();
    assert!(!built.built.output.files.keys().any(|p| p.starts_with("search/index")), "no index, no search page");
    assert_lacks(&built.text("about/index.html"), &["search-form", "search/ui.js"]);
}

#[test]
fn unknown_search_option_is_an_error_with_a_suggestion() {
    let site =
        TestSite::with_config("title: T\nbase_url: https://example.com\nsearch:\n  enabled: true\n  text_char: 10\n");
    let error = site.build_error();
    assert_contains(&error, &["site.yaml:5:3: unknown key `text_char` in `search`", "did you mean `text_chars`?"]);
}

#[test]
fn every_page_has_a_search_form_and_the_search_page_reads_the_query() {
    let built = search_site().build();
    let page = built.text("kb/billing/invoices/index.html");
    assert_contains(
        &page,
        &[
            r#"<form class="search-form" role="search" action="/help/search/" method="get""#,
            r#"name="q""#,
            r#"role="combobox""#,
            r#"<script type="module" src="/help/search/ui.js"></script>"#,
        ],
    );
    let search = built.text("search/index.html");
    assert_contains(&search, &[r#"<html lang="he" dir="rtl">"#, r#"data-search-page"#, r#"id="search-results""#]);
    assert_lacks(&search, &["<script>"]);
}

#[test]
fn node_runs_the_client_against_the_same_vectors_and_a_built_site() {
    let site = search_site();
    let out = tempfile::tempdir().unwrap();
    folio::write_output(&site.build().built.output, out.path()).unwrap();
    let run = node(&["--test", "tests/js/"], &[("FOLIO_SEARCH_SITE", out.path())]);
    let report = format!("{}{}", String::from_utf8_lossy(&run.stdout), String::from_utf8_lossy(&run.stderr));
    assert!(run.status.success(), "node --test failed:\n{report}");
    assert!(report.contains("# fail 0") && report.contains("# skipped 0"), "{report}");
}

/// Builds an example site into a folder for the recall script.
fn built_example(name: &str) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let options = folio::BuildOptions { root: repo(&format!("examples/{name}")), ..Default::default() };
    let built = folio::build_site(&options).unwrap_or_else(|e| panic!("{name}: {e}"));
    folio::write_output(&built.output, out.path()).unwrap();
    out
}

#[test]
fn query_set_recall_at_5_and_mrr_meet_their_thresholds() {
    let hebrew = built_example("hebrew-company");
    let help = built_example("help-center");
    let run = node(
        &["tests/js/recall.mjs", "tests/search_queries.json"],
        &[("FOLIO_HEBREW_SITE", hebrew.path()), ("FOLIO_HELP_SITE", help.path())],
    );
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(run.status.success(), "recall script failed:\n{stdout}{}", String::from_utf8_lossy(&run.stderr));
    let report = json(stdout.lines().last().unwrap_or_default());
    let (recall, mrr) = (report["recall_at_5"].as_f64().unwrap(), report["mrr"].as_f64().unwrap());
    assert!(report["queries"].as_u64().unwrap() >= 40, "{report}");
    assert!(recall >= 0.95, "recall@5 {recall} < 0.95; misses: {}", report["misses"]);
    assert!(mrr >= 0.85, "MRR {mrr} < 0.85; ranks: {}", report["ranks"]);
}
