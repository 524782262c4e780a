//! `host:` on a multilingual site: one set of host files at the root holds every language's
//! aliases (each under its prefix) and, where the host can say it, each language's 404 page for
//! missing addresses under its prefix; no host file is written under a language's prefix.

use crate::support;

use serde_json::Value;
use support::site::{assert_contains, assert_lacks, BuiltSite, TestSite};

const HOST_FILES: [&str; 7] = [
    "_redirects",
    "_headers",
    "vercel.json",
    "nginx-folio.conf",
    "nginx-folio-maps.conf",
    "routing-rules.json",
    "s3-cors.json",
];

/// English at /help/, Hebrew at /help/he/; a guide that moved in both languages.
fn fixture(host: &str, extra: &str) -> TestSite {
    let site = TestSite::with_config(&format!(
        "title: Help\nbase_url: https://example.com/help\nlanguage: en\nhost: {host}\n{extra}languages:\n  he:\n    title: עזרה\n"
    ));
    site.page("_index.md", "title: Home", "Hello.\n")
        .page("guide.md", "title: Guide\naliases: [/old-guide/]", "Text.\n")
        .page("guide.he.md", "title: מדריך\naliases: [/ישן/]", "טקסט.\n");
    site
}

fn build(host: &str) -> BuiltSite {
    fixture(host, "").build()
}

/// Every output path that is a host file under some folder.
#[track_caller]
fn assert_host_files_only_at_root(built: &BuiltSite) {
    let nested: Vec<&String> = built
        .built
        .output
        .files
        .keys()
        .filter(|path| path.contains('/') && HOST_FILES.iter().any(|f| path.ends_with(&format!("/{f}"))))
        .collect();
    assert!(nested.is_empty(), "host files under a prefix: {nested:?}");
}

const EN_FROM: &str = "/help/old-guide/";
const EN_TO: &str = "/help/guide/";
const HE_FROM: &str = "/help/he/%D7%99%D7%A9%D7%9F/";
const HE_TO: &str = "/help/he/guide/";

#[test]
fn netlify_redirects_cover_every_language_then_each_languages_404_page() {
    let built = build("netlify");
    assert_host_files_only_at_root(&built);
    let redirects = built.text("_redirects");
    let lines: Vec<&str> = redirects.lines().filter(|l| !l.starts_with('#')).collect();
    assert_eq!(
        lines,
        [
            &format!("{HE_FROM} {HE_TO} 301!"),
            &format!("{} {HE_TO} 301!", HE_FROM.trim_end_matches('/')),
            &format!("{EN_FROM} {EN_TO} 301!"),
            &format!("{} {EN_TO} 301!", EN_FROM.trim_end_matches('/')),
            // After every redirect: the first matching rule wins, and an unforced one only where no file is.
            "/help/he/* /help/he/404.html 404",
        ]
    );
    // The page the rule names exists, and the redirect pages stay in both languages.
    assert!(built.has("he/404.html") && built.has("404.html"));
    assert!(built.has("old-guide/index.html") && built.has("he/ישן/index.html"));
    assert!(built.text("_headers").contains("\n/help/*\n  Content-Security-Policy: "));
}

#[test]
fn cloudflare_gets_both_languages_and_leaves_404_pages_to_its_nearest_404_html() {
    let built = build("cloudflare");
    assert_host_files_only_at_root(&built);
    let redirects = built.text("_redirects");
    assert_contains(&redirects, &[&format!("{HE_FROM} {HE_TO} 301\n"), &format!("{EN_FROM} {EN_TO} 301\n")]);
    // Cloudflare applies rules before files and takes no 404 in _redirects: a rule would hide every page.
    let rules: String = redirects.lines().filter(|l| !l.starts_with('#')).collect::<Vec<_>>().join("\n");
    assert_lacks(&rules, &[" 404", "301!"]);
    assert!(built.has("he/404.html"));
}

#[test]
fn vercel_json_redirects_every_language() {
    let built = build("vercel");
    assert_host_files_only_at_root(&built);
    let doc: Value = serde_json::from_str(&built.text("vercel.json")).expect("vercel.json is JSON");
    let pairs: Vec<(&str, &str)> = doc["redirects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["source"].as_str().unwrap(), r["destination"].as_str().unwrap()))
        .collect();
    assert!(pairs.contains(&(HE_FROM, HE_TO)) && pairs.contains(&(EN_FROM, EN_TO)), "{pairs:?}");
    // vercel.json cannot give a prefix its own 404 page without `routes`, which excludes `redirects`.
    assert!(doc.get("routes").is_none() && doc.get("rewrites").is_none());
    assert_eq!(doc["headers"][0]["source"], "/help/(.*)");
}

#[test]
fn nginx_maps_every_language_and_sends_each_languages_404_page() {
    let built = build("nginx");
    assert_host_files_only_at_root(&built);
    let maps = built.text("nginx-folio-maps.conf");
    assert_contains(
        &maps,
        &[
            "    \"/help/he/ישן/\" \"/help/he/guide/\";\n",
            "    \"/help/old-guide/\" \"/help/guide/\";\n",
            "map $uri $folio_not_found {\n    default \"/help/404.html\";\n    \"~^/help/he/\" \"/help/he/404.html\";\n}\n",
        ],
    );
    let server = built.text("nginx-folio.conf");
    assert_contains(&server, &["error_page 404 $folio_not_found;\n"]);
    assert!(server.find("return 301").unwrap() < server.find("error_page").unwrap());
    for text in [&maps, &server] {
        assert_eq!(text.matches('{').count(), text.matches('}').count(), "{text}");
    }
}

#[test]
fn s3_routing_rules_hold_both_languages_keys() {
    let built = build("s3");
    assert_host_files_only_at_root(&built);
    let doc: Value = serde_json::from_str(&built.text("routing-rules.json")).unwrap();
    let rules: Vec<(&str, &str)> = doc
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (r["Condition"]["KeyPrefixEquals"].as_str().unwrap(), r["Redirect"]["ReplaceKeyWith"].as_str().unwrap())
        })
        .collect();
    assert_eq!(rules, [("help/he/ישן/", "help/he/guide/"), ("help/old-guide/", "help/guide/")]);
}

#[test]
fn with_every_language_under_its_code_the_root_gets_the_files_and_the_default_404_page() {
    let site = fixture("netlify", "default_language_in_path: true\n");
    let built = site.build();
    assert_host_files_only_at_root(&built);
    let redirects = built.text("_redirects");
    assert_contains(
        &redirects,
        &["/help/en/old-guide/ /help/en/guide/ 301!\n", "/help/he/%D7%99%D7%A9%D7%9F/ /help/he/guide/ 301!\n"],
    );
    let rules: Vec<&str> = redirects.lines().filter(|l| l.ends_with(" 404")).collect();
    assert_eq!(rules, ["/help/en/* /help/en/404.html 404", "/help/he/* /help/he/404.html 404"]);
    // Hosts serve the root's 404.html for everything else: the default language's.
    assert_eq!(built.text("404.html"), built.text("en/404.html"));
    // The theme's files are at the root, so their caching rule names them there.
    assert_contains(&built.text("_headers"), &["\n/help/folio.css\n  Cache-Control: "]);
    assert_lacks(&built.text("_headers"), &["/help/en/folio.css"]);

    // `folio build` stages files as it goes; the root copies are written too.
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for file in ["public/_redirects", "public/_headers", "public/404.html", "public/en/404.html"] {
        assert!(site.path(file).is_file(), "{file} missing");
    }
    assert!(!site.path("public/en/_redirects").exists() && !site.path("public/he/_redirects").exists());
}

#[test]
fn the_sites_own_file_wins_at_the_root() {
    let site = fixture("netlify", "");
    site.file("static/_redirects", "/a /b 302\n");
    let built = site.build();
    assert_eq!(built.text("_redirects"), "/a /b 302\n");
    assert!(built.text("_headers").contains("Content-Security-Policy"));
}

#[test]
fn s3_counts_every_languages_redirects_against_its_fifty_rules() {
    let site = fixture("s3", "");
    let aliases: Vec<String> = (0..30).map(|i| format!("/old-{i:02}/")).collect();
    site.page("start.md", &format!("title: Start\naliases: [{}]", aliases.join(", ")), "S.\n");
    site.page("start.he.md", &format!("title: התחלה\naliases: [{}]", aliases.join(", ")), "S.\n");
    let built = site.build();
    let doc: Value = serde_json::from_str(&built.text("routing-rules.json")).unwrap();
    assert_eq!(doc.as_array().unwrap().len(), 50);
    let warnings = built.warnings();
    assert!(
        warnings.iter().any(|w| w.contains("`host: s3`: 12 of the site's redirects are not in routing-rules.json")),
        "{warnings:#?}"
    );
}
