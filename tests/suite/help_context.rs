//! `help/context.json` for the in-product help widget: patterns from the pages' `context:` and from
//! `help_widget.contexts`, exact screens before wildcards and then by weight, one file per language
//! with the panel's words in it, drafts and unapproved community pages left out, and errors naming
//! the file and line of a bad pattern or a missing page.

use crate::support;

use serde_json::Value;
use support::site::{assert_contains, TestSite};

const CONFIG: &str = "title: Acme Help\nbase_url: https://help.acme.example\nlanguage: en\n\
    feedback:\n  transport: endpoint\n  endpoint: /api/feedback\n\
    help_widget:\n  contexts:\n    \"/billing/*\": [kb/refunds.md, kb/invoices.md]\n    /settings/team: [kb/team.md]\n\
    \x20 allowed_origins: [https://app.acme.example]\n";

fn site(config: &str) -> TestSite {
    let site = TestSite::with_config(config);
    site.page("kb/refunds.md", "title: Refunds\ndescription: How refunds work\nweight: 2", "Text.\n")
        .page("kb/invoices.md", "title: Invoices\nsummary: Download and resend\nweight: 1", "Text.\n")
        .page("kb/team.md", "title: Your team\ncontext: [/settings/team/, /settings/*]", "Text.\n")
        .page("kb/vat.md", "title: VAT\nweight: 5\ncontext: [/billing/invoices]", "Text.\n")
        .page("kb/secret.md", "title: Not yet\ndraft: true\ncontext: [/billing/*]", "Text.\n")
        .page(
            "kb/tip.md",
            "title: A customer's tip\nsource: community\ncontributor: Dana\ncontext: [/billing/*]",
            "Text.\n",
        );
    site
}

fn context(built: &support::site::BuiltSite, path: &str) -> Value {
    serde_json::from_str(&built.text(path)).unwrap_or_else(|e| panic!("{path} is not JSON: {e}"))
}

/// `(pattern, [article titles])` in the file's order.
fn outline(doc: &Value) -> Vec<(String, Vec<String>)> {
    doc["contexts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let titles = c["articles"].as_array().unwrap().iter().map(|a| a["title"].as_str().unwrap().to_string());
            (c["pattern"].as_str().unwrap().to_string(), titles.collect())
        })
        .collect()
}

#[test]
fn patterns_from_front_matter_and_site_yaml_are_listed_exact_first_then_by_weight() {
    let built = site(CONFIG).build();
    let doc = context(&built, "help/context.json");
    assert_eq!(
        outline(&doc),
        [
            ("/billing/invoices".to_string(), vec!["VAT".to_string()]),
            ("/settings/team".to_string(), vec!["Your team".to_string()]),
            ("/billing/*".to_string(), vec!["Invoices".to_string(), "Refunds".to_string()]),
            ("/settings/*".to_string(), vec!["Your team".to_string()]),
        ]
    );
    let invoices = &doc["contexts"][2]["articles"][0];
    assert_eq!(invoices["url"], "https://help.acme.example/kb/invoices/");
    assert_eq!(invoices["summary"], "Download and resend");
    assert_eq!(doc["contexts"][2]["articles"][1]["summary"], "How refunds work");
    assert_eq!(doc["lang"], "en");
    assert_eq!(doc["dir"], "ltr");
    assert_eq!(doc["search"]["base"], "https://help.acme.example/search/");
    assert_eq!(doc["feedback"]["endpoint"], "https://help.acme.example/api/feedback");
    assert_eq!(doc["stylesheet"], "https://help.acme.example/help-widget.css");
    assert_eq!(doc["languages"]["en"], "https://help.acme.example/help/context.json");
    assert_eq!(doc["strings"]["open"], "Help");
    assert_eq!(doc["strings"]["feedback_no"], "No");
    // The draft and the customer's unapproved tip are not published, so not listed.
    assert!(!built.text("help/context.json").contains("Not yet") && !built.text("help/context.json").contains("tip"));
    assert!(built.has("help-widget.js") && built.has("help-widget.css"));
}

#[test]
fn each_language_gets_its_own_file_in_its_own_words() {
    let config = format!("{CONFIG}languages:\n  he:\n    fallback: hide\n");
    let site = site(&config);
    site.page("kb/refunds.he.md", "title: החזרים\ncontext: [/billing/refunds]", "טקסט.\n");
    let built = site.build();
    let he = context(&built, "he/help/context.json");
    assert_eq!(
        outline(&he),
        [
            ("/billing/refunds".to_string(), vec!["החזרים".to_string()]),
            ("/billing/*".to_string(), vec!["החזרים".to_string()])
        ]
    );
    assert_eq!(he["dir"], "rtl");
    assert_eq!(he["strings"]["open"], "עזרה");
    assert_eq!(he["contexts"][0]["articles"][0]["url"], "https://help.acme.example/he/kb/refunds/");
    assert_eq!(he["search"]["base"], "https://help.acme.example/he/search/");
    assert_eq!(he["stylesheet"], "https://help.acme.example/help-widget.css");
    for doc in [&he, &context(&built, "help/context.json")] {
        assert_eq!(doc["languages"]["en"], "https://help.acme.example/help/context.json");
        assert_eq!(doc["languages"]["he"], "https://help.acme.example/he/help/context.json");
    }
    // English keeps its own list; the Hebrew-only pattern is not in it.
    assert!(!built.text("help/context.json").contains("/billing/refunds"));
}

#[test]
fn approved_community_pages_are_listed_and_drafts_only_in_a_preview() {
    let site = site(CONFIG);
    site.page(
        "kb/tip.md",
        "title: A customer's tip\nsource: community\ncontributor: Dana\nstatus: approved\ncontext: [/billing/*]",
        "Text.\n",
    );
    let doc = context(&site.build(), "help/context.json");
    assert_eq!(outline(&doc)[2].1, ["A customer's tip", "Invoices", "Refunds"]);
    let preview = site.try_build_with(folio::BuildOptions { drafts: true, ..Default::default() }).unwrap();
    let text = preview.output.text("help/context.json").expect("a preview writes context.json too");
    assert!(!text.contains("Not yet"), "a draft is never offered to customers: {text}");
}

#[test]
fn bad_patterns_and_missing_pages_are_errors_naming_file_and_line() {
    let site = site(&CONFIG.replace("kb/team.md]", "kb/teams.md]"));
    site.page("kb/bad.md", "title: Bad\nweight: 1\ncontext:\n  - billing/*", "Text.\n");
    let error = site.build_error();
    assert_contains(
        &error,
        &[
            "content/kb/bad.md:4:1: `context`: `billing/*` is not a URL pattern: it must be a path starting with `/`",
            "site.yaml:10: `help_widget.contexts`: `/settings/team` lists `kb/teams.md`, which is not a page",
        ],
    );
    let config = CONFIG.replace("\"/billing/*\"", "\"/billing/inv*\"");
    let error = TestSite::with_config(&config).build_error();
    assert_contains(&error, &["site.yaml:9: `help_widget.contexts`: `/billing/inv*` is not a URL pattern"]);
}

#[test]
fn context_without_a_help_widget_block_warns_and_writes_nothing() {
    let site = TestSite::new();
    site.page("kb/a.md", "title: A\ncontext: [/a]", "Text.\n");
    let built = site.build();
    assert!(!built.has("help/context.json"));
    let warnings = built.warnings().join("\n");
    assert_contains(&warnings, &["content/kb/a.md:3:1: `context:` is set, but site.yaml has no `help_widget:`"]);
}
