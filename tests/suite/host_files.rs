//! `host:` in site.yaml: each host's redirect and header files for one fixture site with Hebrew
//! aliases, a base path, a feedback endpoint and giscus comments — parsed where they are JSON,
//! read line by line where they are text.

use crate::support;

use serde_json::Value;
use support::site::{assert_contains, assert_lacks, BuiltSite, TestSite};

const ENDPOINT_ORIGIN: &str = "https://forms.example.com";

/// The Hebrew page `/מדריך/` was once at `/ישן/` and `/old guide.html`; the site lives under /help.
fn fixture(host: &str) -> TestSite {
    let site = TestSite::with_config(&format!(
        "title: עזרה\nbase_url: https://example.com/help\nlanguage: he\nhost: {host}\n\
         feedback:\n  transport: endpoint\n  endpoint: {ENDPOINT_ORIGIN}/f/abc\n\
         comments:\n  provider: giscus\n  repo: acme/help\n  repo_id: R_1\n  category: Comments\n  category_id: DIC_1\n"
    ));
    site.page("_index.md", "title: בית", "שלום.\n");
    site.page("מדריך.md", "title: מדריך\naliases:\n  - /ישן/\n  - /old guide.html", "טקסט.\n");
    site
}

fn build(host: &str) -> BuiltSite {
    fixture(host).build()
}

/// The checks every policy must pass: the theme's own origin, the endpoint, giscus, nothing inline.
#[track_caller]
fn assert_policy(csp: &str) {
    let directive = |name: &str| {
        csp.split(';').map(str::trim).find(|d| d.starts_with(&format!("{name} "))).unwrap_or_default().to_string()
    };
    assert!(directive("script-src").starts_with("script-src 'self'"), "{csp}");
    assert_contains(&directive("script-src"), &["https://giscus.app"]);
    assert_contains(&directive("frame-src"), &["https://giscus.app"]);
    assert_contains(&directive("connect-src"), &[ENDPOINT_ORIGIN]);
    assert_contains(&directive("form-action"), &[ENDPOINT_ORIGIN]);
    assert_lacks(csp, &["unsafe-inline", "unsafe-eval", "/f/abc"]);
}

#[test]
fn netlify_gets_forced_redirects_and_headers() {
    let built = build("netlify");
    let redirects = built.text("_redirects");
    let lines: Vec<&str> = redirects.lines().filter(|l| !l.starts_with('#')).collect();
    assert_eq!(
        lines,
        [
            "/help/old%20guide.html /help/%D7%9E%D7%93%D7%A8%D7%99%D7%9A/ 301!",
            "/help/%D7%99%D7%A9%D7%9F/ /help/%D7%9E%D7%93%D7%A8%D7%99%D7%9A/ 301!",
            "/help/%D7%99%D7%A9%D7%9F /help/%D7%9E%D7%93%D7%A8%D7%99%D7%9A/ 301!",
        ]
    );
    let headers = built.text("_headers");
    assert!(headers.contains("\n/help/*\n  Content-Security-Policy: "), "{headers}");
    assert_contains(
        &headers,
        &[
            "  X-Content-Type-Options: nosniff\n",
            "  Referrer-Policy: strict-origin-when-cross-origin\n",
            "\n/help/folio.css\n  Cache-Control: public, max-age=3600",
        ],
    );
    assert_lacks(&headers, &["immutable"]);
    let csp = headers.lines().find_map(|l| l.trim().strip_prefix("Content-Security-Policy: ")).unwrap();
    assert_policy(csp);
    // The redirect pages stay, for every host.
    assert!(built.has("ישן/index.html") && built.has("old guide.html"));
}

#[test]
fn cloudflare_rules_are_not_forced() {
    let redirects = build("cloudflare").text("_redirects");
    assert_contains(&redirects, &["/help/old%20guide.html /help/%D7%9E%D7%93%D7%A8%D7%99%D7%9A/ 301\n"]);
    assert_lacks(&redirects, &["301!"]);
}

#[test]
fn vercel_json_has_301_redirects_and_headers() {
    let built = build("vercel");
    let doc: Value = serde_json::from_str(&built.text("vercel.json")).expect("vercel.json is JSON");
    let redirects = doc["redirects"].as_array().unwrap();
    assert_eq!(redirects.len(), 3);
    assert_eq!(redirects[1]["source"], "/help/%D7%99%D7%A9%D7%9F/");
    assert_eq!(redirects[2]["source"], "/help/%D7%99%D7%A9%D7%9F");
    assert_eq!(redirects[0]["destination"], "/help/%D7%9E%D7%93%D7%A8%D7%99%D7%9A/");
    assert!(redirects.iter().all(|r| r["statusCode"] == 301 && r.get("permanent").is_none()));
    let all = &doc["headers"][0];
    assert_eq!(all["source"], "/help/(.*)");
    let header = |key: &str| {
        all["headers"].as_array().unwrap().iter().find(|h| h["key"] == key).map(|h| h["value"].as_str().unwrap())
    };
    assert_policy(header("Content-Security-Policy").unwrap());
    assert_eq!(header("X-Content-Type-Options"), Some("nosniff"));
    assert!(!built.has("_redirects") && !built.has("_headers"));
}

#[test]
fn nginx_gets_maps_for_the_http_block_and_rules_for_the_server_block() {
    let built = build("nginx");
    let maps = built.text("nginx-folio-maps.conf");
    assert_contains(
        &maps,
        &[
            "map $uri $folio_redirect {\n    default \"\";\n",
            "    \"/help/ישן/\" \"/help/%D7%9E%D7%93%D7%A8%D7%99%D7%9A/\";\n",
            "    \"/help/old guide.html\" \"/help/%D7%9E%D7%93%D7%A8%D7%99%D7%9A/\";\n",
            "map $uri $folio_cache_control {\n",
            "    \"/help/folio.css\" \"public, max-age=3600",
        ],
    );
    let server = built.text("nginx-folio.conf");
    assert_contains(&server, &["if ($folio_redirect) {\n    return 301 $folio_redirect;\n}\n"]);
    // The shape nginx needs: braces balance, every directive line ends with `;`, quotes pair up.
    for text in [&maps, &server] {
        assert_eq!(text.matches('{').count(), text.matches('}').count(), "{text}");
        for line in text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
            assert!(line.ends_with(';') || line.ends_with('{') || line == "}", "not a directive: {line}");
            assert_eq!(line.replace("\\\"", "").matches('"').count() % 2, 0, "unpaired quote: {line}");
        }
    }
    let csp_line = server.lines().find(|l| l.starts_with("add_header Content-Security-Policy ")).unwrap();
    assert!(csp_line.ends_with("\" always;"), "{csp_line}");
    assert_policy(csp_line);
}

#[test]
fn s3_routing_rules_name_the_site_host() {
    let doc: Value = serde_json::from_str(&build("s3").text("routing-rules.json")).expect("routing rules are JSON");
    let rules = doc.as_array().unwrap();
    assert_eq!(rules.len(), 2);
    assert_eq!(rules[0]["Condition"]["KeyPrefixEquals"], "help/old guide.html");
    assert_eq!(rules[1]["Condition"]["KeyPrefixEquals"], "help/ישן/");
    for rule in rules {
        assert_eq!(rule["Redirect"]["HostName"], "example.com");
        assert_eq!(rule["Redirect"]["Protocol"], "https");
        assert_eq!(rule["Redirect"]["HttpRedirectCode"], "301");
        assert_eq!(rule["Redirect"]["ReplaceKeyWith"], "help/%D7%9E%D7%93%D7%A8%D7%99%D7%9A/");
    }
}

#[test]
fn s3_leaves_an_alias_whose_prefix_catches_other_pages_to_its_redirect_page() {
    let site = TestSite::with_config("title: T\nbase_url: https://example.com\nhost: s3\n");
    site.file("static/docs/manual.pdf", "%PDF");
    site.page("start.md", "title: Start\naliases: [/docs/, /begin/]", "S.\n");
    let built = site.build();
    let doc: Value = serde_json::from_str(&built.text("routing-rules.json")).unwrap();
    let prefixes: Vec<&str> =
        doc.as_array().unwrap().iter().filter_map(|r| r["Condition"]["KeyPrefixEquals"].as_str()).collect();
    // A rule for docs/ would also send /docs/manual.pdf to /start/.
    assert_eq!(prefixes, ["begin/"]);
    assert!(built.has("docs/index.html") && built.has("docs/manual.pdf"));
}

#[test]
fn s3_takes_at_most_fifty_rules_and_the_build_says_which_were_left_out() {
    let site = TestSite::with_config("title: T\nbase_url: https://example.com\nhost: s3\n");
    let aliases: Vec<String> = (0..60).map(|i| format!("/old-{i:02}/")).collect();
    site.page("start.md", &format!("title: Start\naliases: [{}]", aliases.join(", ")), "S.\n");
    let built = site.build();
    let doc: Value = serde_json::from_str(&built.text("routing-rules.json")).unwrap();
    let rules = doc.as_array().unwrap();
    assert_eq!(rules.len(), 50, "S3 refuses the whole configuration beyond 50 rules");
    assert_eq!(rules[0]["Condition"]["KeyPrefixEquals"], "old-00/");
    assert_eq!(rules[49]["Condition"]["KeyPrefixEquals"], "old-49/");
    assert!(built.has("old-59/index.html"), "the others still redirect through their pages");
    let warnings = built.warnings();
    assert!(
        warnings.iter().any(|w| w.starts_with("site.yaml: `host: s3`: 10 of the site's redirects are not in routing-rules.json, which S3 limits to 50 rules")),
        "{warnings:#?}"
    );
}

#[test]
fn no_host_writes_no_host_files() {
    let site = fixture("netlify");
    site.file("site.yaml", &std::fs::read_to_string(site.path("site.yaml")).unwrap().replace("host: netlify\n", ""));
    let built = site.build();
    for file in
        ["_redirects", "_headers", "vercel.json", "nginx-folio.conf", "nginx-folio-maps.conf", "routing-rules.json"]
    {
        assert!(!built.has(file), "{file} was written");
    }
}

#[test]
fn the_sites_own_file_wins() {
    let site = fixture("netlify");
    site.file("static/_redirects", "/a /b 302\n");
    let built = site.build();
    assert_eq!(built.text("_redirects"), "/a /b 302\n");
    assert!(built.text("_headers").contains("Content-Security-Policy"));
}

#[test]
fn unknown_host_names_the_line_and_the_likely_host() {
    let error = fixture("vercell").build_error();
    assert_contains(&error, &["site.yaml:4: unknown host `vercell`", "did you mean `vercel`?"]);
}
