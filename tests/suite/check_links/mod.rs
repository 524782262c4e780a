//! `folio check` against a local HTTP server (never the internet): what the report says for each
//! kind of answer, which problems fail the run, the JSON format, the cache, skip patterns and the
//! per-host limit.

mod server;

use crate::support::site::{assert_contains, CliRun, TestSite};
use serde_json::Value;
use server::LinkServer;
use std::time::Instant;

/// A site whose `content/about.md` holds `body` (which starts on line 4) and whose site.yaml ends
/// with `check`.
fn site_with(body: &str, check: &str) -> TestSite {
    let site =
        TestSite::with_config(&format!("title: Test Site\nbase_url: https://example.com\nlanguage: en\n{check}"));
    site.page("about.md", "title: About", body);
    site
}

fn json(run: &CliRun) -> Value {
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("not JSON ({e}):\n{}\n{}", run.stdout, run.stderr))
}

/// The problems listed for `file`, as `line kind url status fatal` strings.
fn problems(report: &Value, file: &str) -> Vec<String> {
    let files = report["files"].as_array().expect("files");
    let Some(entry) = files.iter().find(|f| f["file"] == file) else { return Vec::new() };
    entry["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .map(|p| {
            let url = p["url"].as_str().unwrap_or("-");
            format!("{} {} {url} {} {}", p["line"], p["kind"].as_str().unwrap(), p["status"], p["fatal"])
        })
        .collect()
}

#[test]
fn report_names_the_file_line_url_and_status_of_each_problem() {
    let server = LinkServer::start();
    let u = |path: &str| server.url(path);
    let body = format!(
        "Intro.\n\n[fine]({}) and [gone]({}).\n![chart]({})\n[moved]({})\n[no head]({})\n[busy]({})\n[elsewhere]({})\n",
        u("/ok"),
        u("/missing"),
        u("/gone.png"),
        u("/moved"),
        u("/no-head"),
        u("/busy"),
        u("/elsewhere")
    );
    let site = site_with(&body, "check:\n  retries: 1\n");
    site.page(
        "authors/jane.md",
        &format!("name: Jane Doe\nlinks:\n  - {{ name: Site, url: \"{}\" }}", u("/jane")),
        "Jane writes.\n",
    );
    let started = Instant::now();
    let run = site.run(&["check", "--format", "json"]);
    let report = json(&run);
    assert_eq!(run.code, 1, "a broken link is fatal by default:\n{}", run.stdout);
    assert_eq!(
        problems(&report, "content/about.md"),
        [
            format!("6 broken {} 404 true", u("/missing")),
            format!("7 broken {} 404 true", u("/gone.png")),
            format!("8 redirect {} 200 false", u("/moved")),
        ]
    );
    // A front-matter address is reported at its line in the author's file.
    assert_eq!(problems(&report, "content/authors/jane.md"), [format!("4 broken {} 404 true", u("/jane"))]);
    let moved = &report["files"][0]["problems"][2];
    assert_eq!(moved["detail"], format!("moved permanently to {}", u("/ok")));
    assert_eq!(moved["help"], format!("write the new address instead: {}", u("/ok")));
    assert_eq!(report["totals"]["links"], 8);
    assert_eq!(report["totals"]["fatal"], 3);
    // HEAD was refused, so GET was asked; the 429 was waited out as Retry-After said, then asked again.
    assert_eq!(server.count("/no-head"), 2, "{:?}", server.requests());
    assert!(server.requests().contains(&"GET /no-head".to_string()));
    assert_eq!(server.count("/busy"), 2);
    assert!(started.elapsed().as_millis() >= 1000, "Retry-After: 1 was not honoured");
    // A temporary redirect is followed and not reported; nothing was written.
    assert_eq!(server.count("/elsewhere"), 1);
    assert!(!site.path("public").exists(), "folio check must not write the site");
}

#[test]
fn text_report_groups_problems_by_file_with_help() {
    let server = LinkServer::start();
    let body = format!("Intro.\n\nSee [gone]({}).\n", server.url("/missing"));
    let run = site_with(&body, "").run(&["check", "--no-cache"]);
    assert_eq!(run.code, 1);
    assert_contains(
        &run.stdout,
        &[
            &format!("content/about.md\n  6: error[broken] {}: 404 Not Found\n", server.url("/missing")),
            "    help: the page is gone: link to where it moved, or remove the link\n",
            "1 external link (1 asked, 0 from the cache, 0 skipped): 1 problem, 1 fatal\n",
        ],
    );
}

#[test]
fn only_the_kinds_asked_for_are_fatal() {
    let server = LinkServer::start();
    let moved = format!("Intro.\n\n[moved]({})\n", server.url("/moved"));
    let gone = format!("Intro.\n\n[gone]({})\n", server.url("/missing"));
    let run = site_with(&moved, "").run(&["check", "--no-cache"]);
    assert_eq!(run.code, 0, "a permanent redirect is a warning by default:\n{}", run.stdout);
    assert_contains(&run.stdout, &["6: warning[redirect]", "0 fatal"]);
    assert_eq!(site_with(&moved, "").run(&["check", "--no-cache", "--fatal", "broken,redirect"]).code, 1);
    assert_eq!(site_with(&moved, "check:\n  fatal: [redirect]\n").run(&["check", "--no-cache"]).code, 1);
    let run = site_with(&gone, "check:\n  fatal: []\n").run(&["check", "--no-cache"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_contains(&run.stdout, &["6: warning[broken]"]);
    assert_eq!(site_with(&gone, "check:\n  fatal: []\n").run(&["check", "--no-cache", "--fatal", "broken"]).code, 1);
    let bad = site_with(&gone, "").run(&["check", "--fatal", "brokn"]);
    assert_eq!(bad.code, 2);
    assert_contains(&bad.stderr, &["did you mean `broken`?"]);
}

#[test]
fn internal_problems_are_always_fatal_and_external_links_wait_for_a_good_build() {
    let server = LinkServer::start();
    let body = format!("Intro.\n\n[x](@/nowhere.md) and [ok]({})\n", server.url("/ok"));
    let run = site_with(&body, "check:\n  fatal: []\n").run(&["check", "--format", "json"]);
    assert_eq!(run.code, 1);
    let report = json(&run);
    assert_eq!(problems(&report, "content/about.md"), ["6 internal - null true"]);
    assert_eq!(report["external_checked"], false);
    assert!(server.requests().is_empty());
    let text = site_with(&body, "").run(&["check"]);
    assert_contains(
        &text.stdout,
        &["6: error[internal] link `@/nowhere.md` points to a missing page", "external links not checked"],
    );
}

#[test]
fn timeouts_are_retried_then_reported() {
    let server = LinkServer::start();
    let body = format!("Intro.\n\n[slow]({})\n", server.url("/slow"));
    let run = site_with(&body, "check:\n  timeout: 300ms\n  retries: 1\n").run(&["check", "--format", "json"]);
    assert_eq!(run.code, 0, "a timeout is not fatal by default");
    let report = json(&run);
    assert_eq!(problems(&report, "content/about.md"), [format!("6 timeout {} null false", server.url("/slow"))]);
    assert_eq!(report["files"][0]["problems"][0]["detail"], "no answer within 300ms");
    assert_eq!(server.count("/slow"), 2, "one retry");
    assert_eq!(
        site_with(&body, "check:\n  timeout: 300ms\n  retries: 0\n").run(&["check", "--fatal", "timeout"]).code,
        1
    );
}

#[test]
fn good_results_are_cached_and_failures_rechecked() {
    let server = LinkServer::start();
    let body = format!("Intro.\n\n[ok]({}) [gone]({})\n", server.url("/ok"), server.url("/missing"));
    let site = site_with(&body, "");
    let first = json(&site.run(&["check", "--format", "json"]));
    assert_eq!((first["totals"]["requested"].clone(), first["totals"]["cached"].clone()), (2.into(), 0.into()));
    assert!(site.path(".folio-cache/links.json").is_file());
    let second = json(&site.run(&["check", "--format", "json"]));
    assert_eq!((second["totals"]["requested"].clone(), second["totals"]["cached"].clone()), (1.into(), 1.into()));
    assert_eq!((server.count("/ok"), server.count("/missing")), (1, 2), "the good link came from the cache");
    assert_eq!(problems(&second, "content/about.md").len(), 1, "the failure is still reported");
    site.run(&["check", "--no-cache"]);
    assert_eq!(server.count("/ok"), 2, "--no-cache asks again");
    site.run(&["check", "--max-age", "0s"]);
    assert_eq!(server.count("/ok"), 3, "an expired result is asked again");
}

#[test]
fn skipped_addresses_are_never_requested() {
    let server = LinkServer::start();
    let body =
        format!("Intro.\n\n[a]({}) [b]({}) [c]({})\n", server.url("/missing"), server.url("/moved"), server.url("/ok"));
    let check = format!("check:\n  skip:\n    - {}\n", server.url("/missing"));
    let run = site_with(&body, &check).run(&["check", "--format", "json", "--skip", "http://127.0.0.1:*/moved"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    let report = json(&run);
    assert_eq!(report["totals"]["skipped"], 2);
    assert_eq!(server.requests(), ["HEAD /ok"]);
}

#[test]
fn one_host_gets_no_more_requests_at_once_than_allowed() {
    let links = |server: &LinkServer| {
        (1..=6).map(|n| format!("[p{n}]({})", server.url(&format!("/pause?n={n}")))).collect::<Vec<_>>().join("\n")
    };
    let polite = LinkServer::start();
    let run = site_with(&links(&polite), "check:\n  per_host: 1\n  concurrency: 8\n").run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(polite.requests().len(), 6);
    assert_eq!(polite.most_in_flight(), 1);
    // The same run with three per host does overlap, so the limit above is what held it to one.
    let eager = LinkServer::start();
    site_with(&links(&eager), "check:\n  per_host: 3\n  concurrency: 8\n").run(&["check"]);
    assert!((2..=3).contains(&eager.most_in_flight()), "{}", eager.most_in_flight());
}

#[test]
fn external_fragments_are_checked_when_asked() {
    let server = LinkServer::start();
    let body = format!("Intro.\n\n[a]({}) [b]({})\n", server.url("/doc#install"), server.url("/doc#setup"));
    let site = site_with(&body, "");
    let plain = site.run(&["check", "--format", "json"]);
    assert_eq!(json(&plain)["totals"]["problems"], 0);
    assert_eq!(server.requests(), ["HEAD /doc"], "one request for both links");
    let run = site.run(&["check", "--format", "json", "--anchors", "--fatal", "anchor"]);
    assert_eq!(run.code, 1);
    let report = json(&run);
    assert_eq!(problems(&report, "content/about.md"), [format!("6 anchor {} 200 true", server.url("/doc#setup"))]);
    assert_eq!(report["files"][0]["problems"][0]["detail"], "the page has no element with id `setup`");
    assert_eq!(server.count("/doc"), 2, "the page was read once more, with GET");
    // A PDF's page number and a text fragment name no element, so they are not missing anchors.
    let others =
        format!("Intro.\n\n[p]({}) [t]({})\n", server.url("/paper.pdf#page=2"), server.url("/doc#:~:text=Install"));
    let run = site_with(&others, "").run(&["check", "--format", "json", "--anchors", "--fatal", "anchor"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(json(&run)["totals"]["problems"], 0);
}

#[test]
fn server_errors_are_retried_and_refused_connections_reported() {
    let server = LinkServer::start();
    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}/x", listener.local_addr().unwrap())
    };
    let body = format!("Intro.\n\n[down]({})\n[closed]({closed})\n", server.url("/failing"));
    let run = site_with(&body, "check:\n  retries: 1\n").run(&["check", "--format", "json"]);
    assert_eq!(run.code, 0, "neither is fatal by default");
    let report = json(&run);
    assert_eq!(
        problems(&report, "content/about.md"),
        [format!("6 server {} 503 false", server.url("/failing")), format!("7 unreachable {closed} null false")]
    );
    assert_eq!(report["files"][0]["problems"][0]["detail"], "503 Service Unavailable");
    assert!(report["files"][0]["problems"][1]["detail"].as_str().unwrap().starts_with("cannot connect"));
    assert_eq!(server.count("/failing"), 2, "one retry after the 503");
}

#[test]
fn the_themes_own_links_are_not_checked() {
    let site = TestSite::with_config(
        "title: T\nbase_url: https://example.com\nlanguage: en\nfeedback:\n  transport: endpoint\n  endpoint: https://forms.example.com/f/abc\n  next_step:\n    link: https://support.example.com/new?page={url}\n",
    );
    site.page(
        "blog/hello.md",
        "title: Hello\ndate: 2026-01-01",
        "See [partner](https://partner.example.org/x) and [us](https://example.com/about/).\n",
    );
    let html = site.build().text("blog/hello/index.html");
    // The page does carry share links and the "still need help?" link, so leaving them out is a choice.
    assert_contains(&html, &["class=\"share-link", "https://support.example.com/new?page="]);
    assert_eq!(folio::check::page_links(&html), ["https://partner.example.org/x", "https://example.com/about/"]);
}

#[test]
fn the_sites_own_full_addresses_are_checked_against_the_build() {
    let body = "Intro.\n\n[here](https://example.com/about/) [gone](https://example.com/nope/)\n[part](https://example.com/about/#nothing)\n";
    let run = site_with(body, "").run(&["check", "--offline", "--format", "json"]);
    assert_eq!(run.code, 1, "a missing page of the site is broken:\n{}", run.stdout);
    let report = json(&run);
    assert_eq!(
        problems(&report, "content/about.md"),
        ["6 broken https://example.com/nope/ null true", "7 anchor https://example.com/about/#nothing null false"]
    );
    assert_eq!(
        report["files"][0]["problems"][0]["detail"],
        "this site has no page at /nope/ (checked against the build)"
    );
    assert_eq!(report["totals"]["own_site"], 3);
}

#[test]
fn hebrew_addresses_are_requested_percent_encoded_and_found_at_their_line() {
    let server = LinkServer::start();
    let body = format!("Intro.\n\n[מסמך]({}) [חסר](<{}>)\n", server.url("/מסמך"), server.url("/חסר/דף"));
    let run = site_with(&body, "").run(&["check", "--format", "json"]);
    let report = json(&run);
    assert!(server.requests().contains(&"HEAD /%D7%9E%D7%A1%D7%9E%D7%9A".to_string()), "{:?}", server.requests());
    let missing = report["files"][0]["problems"][0].clone();
    assert_eq!(
        (missing["line"].clone(), missing["kind"].clone(), missing["status"].clone()),
        (6.into(), "broken".into(), 404.into())
    );
    assert_eq!(report["totals"]["problems"], 1, "{}", run.stdout);
}

#[test]
fn an_address_named_on_many_pages_is_asked_once_and_reported_on_each() {
    let server = LinkServer::start();
    let link = format!("[gone]({})", server.url("/missing"));
    let site = site_with(&format!("Intro.\n\n{link}\n"), "");
    site.page("kb/faq.md", "title: FAQ", &format!("First {link}.\n\nAgain {link}.\n"));
    let report = json(&site.run(&["check", "--format", "json"]));
    assert_eq!(server.count("/missing"), 1, "{:?}", server.requests());
    let url = server.url("/missing");
    assert_eq!(problems(&report, "content/about.md"), [format!("6 broken {url} 404 true")]);
    assert_eq!(
        problems(&report, "content/kb/faq.md"),
        [format!("4 broken {url} 404 true"), format!("6 broken {url} 404 true")]
    );
}
