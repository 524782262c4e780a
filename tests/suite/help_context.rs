//! `help/context.json` for the in-product help widget: patterns from the pages' `context:` and from
//! `help_widget.contexts`, exact screens before wildcards and then by weight, one file per language
//! with the panel's words in it, drafts and unapproved community pages left out, and errors naming
//! the file and line of a bad pattern or a missing page.

use crate::support;

use serde_json::Value;
use support::site::{assert_contains, TestSite};

const CONFIG: &str = "title: Acme Help\nbase_url: https://help.acme.example\nlanguage: en\n\
    feedback:\n  transport: endpoint\n  endpoint: /api/feedback\n\
    help_widget:\n  contexts:\n    \"/billing/*\": [kb/refunds.md, kb/invoices.md]\n    /settings/team: [kb/team.md, kb/secret.md]\n\
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
    assert_eq!(doc["search"]["report_gaps"], true, "an endpoint is configured and gaps are reported by default");
    assert_eq!(doc["feedback"]["endpoint"], "https://help.acme.example/api/feedback");
    assert_eq!(doc["feedback"]["reasons"][3], "missing_information");
    assert_eq!(doc["feedback"]["next_step"], Value::Null);
    assert_eq!(doc["strings"]["feedback_reason_broken_link"], "Broken link or example");
    assert_eq!(doc["stylesheet"], "https://help.acme.example/help-widget.css");
    assert_eq!(doc["languages"]["en"], "https://help.acme.example/help/context.json");
    assert_eq!(doc["strings"]["open"], "Help");
    assert_eq!(doc["strings"]["feedback_no"], "No");
    // The draft (named in site.yaml too) and the customer's unapproved tip are not published, so not listed.
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
    let site = site(&CONFIG.replace("[kb/team.md,", "[kb/teams.md,"));
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

/// The widget's files (every language's context.json, search index and the search client) get CORS
/// headers for the allowed origins, in each host's syntax; the pages themselves do not.
#[test]
fn host_files_let_the_allowed_origins_read_the_widgets_files() {
    let config = format!("{CONFIG}languages:\n  he: {{}}\nhost: netlify\n");
    let built = site(&config).build();
    let headers = built.text("_headers");
    for path in ["/search/*", "/help/context.json", "/he/search/*", "/he/help/context.json"] {
        assert_contains(
            &headers,
            &[&format!("\n{path}\n  Access-Control-Allow-Origin: https://app.acme.example\n  Vary: Origin\n")],
        );
    }
    assert_contains(
        &headers,
        &["# A product page embedding help-widget.js allows in its own policy: script-src https://help.acme.example; \
           style-src https://help.acme.example; connect-src https://help.acme.example\n"],
    );
    assert_eq!(headers.matches("Access-Control-Allow-Origin").count(), 4, "only the widget's files: {headers}");

    let two = CONFIG.replace("[https://app.acme.example]", "[https://app.acme.example, http://localhost:3000]");
    let netlify = site(&format!("{two}host: netlify\n")).build();
    assert_contains(&netlify.text("_headers"), &["/search/*\n  Access-Control-Allow-Origin: *\n"]);
    assert_contains(
        &netlify.warnings().join("\n"),
        &["`host: netlify` sends one Access-Control-Allow-Origin for all 2"],
    );

    let vercel = site(&format!("{two}host: vercel\n")).build();
    let doc: Value = serde_json::from_str(&vercel.text("vercel.json")).unwrap();
    let rules: Vec<&Value> =
        doc["headers"].as_array().unwrap().iter().filter(|r| r["source"] == "/search/(.*)").collect();
    assert_eq!(rules.len(), 2, "{doc:#}");
    assert_eq!(rules[1]["has"][0]["value"], "^https://app\\.acme\\.example$");
    assert_eq!(rules[1]["headers"][0]["value"], "https://app.acme.example");

    let nginx = site(&format!("{two}host: nginx\n")).build();
    assert_contains(
        &nginx.text("nginx-folio-maps.conf"),
        &[
            "map $uri $folio_widget_file {\n    default 0;\n    \"/help/context.json\" 1;\n    \"~^/search/\" 1;\n}\n",
            "    \"1:http://localhost:3000\" \"http://localhost:3000\";\n",
        ],
    );
    assert_contains(
        &nginx.text("nginx-folio.conf"),
        &["add_header Access-Control-Allow-Origin $folio_widget_origin always;\n"],
    );

    let s3 = site(&format!("{two}host: s3\n")).build();
    let cors: Value = serde_json::from_str(&s3.text("s3-cors.json")).unwrap();
    assert_eq!(
        cors["CORSRules"][0]["AllowedOrigins"],
        serde_json::json!(["http://localhost:3000", "https://app.acme.example"])
    );
}

#[test]
fn with_every_language_under_its_code_the_default_languages_file_is_also_at_the_root() {
    let config = format!("{CONFIG}languages:\n  he: {{}}\ndefault_language_in_path: true\n");
    let built = site(&config).build();
    assert_eq!(built.text("help/context.json"), built.text("en/help/context.json"));
    let doc = context(&built, "help/context.json");
    assert_eq!(doc["languages"]["he"], "https://help.acme.example/he/help/context.json");
    assert_eq!(doc["contexts"][0]["articles"][0]["url"], "https://help.acme.example/en/kb/vat/");
}

/// `folio serve` answers the widget's files with the bytes `folio build` writes, and lets a product on
/// this machine read them across origins; pages, and any origin off this machine, get no CORS header.
#[test]
fn the_dev_server_serves_the_built_file_to_a_product_on_this_machine() {
    use support::serve::{send, serve, wait_for_log};
    let site = site(CONFIG);
    let (server, lines) = serve(&site, false);
    wait_for_log(&lines, "Built");
    // The preview is the site at the server's own address, as `folio build --base-url` would make it.
    let base_url = Some(format!("http://127.0.0.1:{}", server.port));
    let built = site.try_build_with(folio::BuildOptions { base_url, ..Default::default() }).unwrap();
    let built = built.output.text("help/context.json").unwrap();
    let ask = |target: &str, origin: &str| {
        send(server.port, &format!("GET {target} HTTP/1.0\r\nHost: localhost\r\nOrigin: {origin}"), "")
    };
    let local = ask("/help/context.json", "http://localhost:3000");
    assert_eq!(local.status, 200);
    assert_eq!(local.body, built, "the dev server serves what the build writes");
    assert_contains(&local.head, &["Access-Control-Allow-Origin: http://localhost:3000\r\n", "Vary: Origin"]);
    assert_contains(
        &ask("/search/index-en.json", "http://127.0.0.1:5173").head,
        &["Access-Control-Allow-Origin: http://127.0.0.1:5173"],
    );
    for (target, origin) in
        [("/help/context.json", "https://app.acme.example"), ("/kb/refunds/", "http://localhost:3000")]
    {
        let reply = ask(target, origin);
        assert_eq!(reply.status, 200, "{target}");
        assert!(!reply.head.contains("Access-Control-Allow-Origin"), "{target} from {origin}: {}", reply.head);
    }
    server.stop();
}
