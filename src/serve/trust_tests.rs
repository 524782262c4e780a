//! The trust rules on strings: which `Host` values, origins and methods the preview answers.

use super::*;

const LOOPBACK: &str = "127.0.0.1:1111";
const LAN: &str = "192.168.1.5:1111";

fn asked<'a>(method: &'a str, target: &'a str, host: Option<&'a str>, local: &str) -> Asked<'a> {
    Asked { method, target, host, origin: None, fetch_site: None, local: local.parse().unwrap() }
}

fn status(asked: &Asked) -> u16 {
    judge(asked).err().map_or(200, |refused| refused.status)
}

#[test]
fn loopback_names_are_trusted_with_any_port() {
    for host in ["localhost", "LocalHost:1111", "localhost:9999", "127.0.0.1", "127.0.0.1:1111", "127.8.9.10:80"] {
        assert_eq!(status(&asked("GET", "/", Some(host), LOOPBACK)), 200, "{host}");
    }
    for host in ["[::1]", "[::1]:1111", "[::ffff:127.0.0.1]:1111"] {
        assert_eq!(status(&asked("GET", "/", Some(host), LOOPBACK)), 200, "{host}");
    }
}

#[test]
fn other_names_are_misdirected() {
    for host in [
        "evil.example",
        "evil.example:1111",
        "localhost.evil.example",
        "localhost.",
        "sub.localhost",
        "127.0.0.1.nip.io",
        "0.0.0.0:1111",
        "[::2]:1111",
        "10.0.0.1:1111",
        "localhost:",
        "localhost:+1",
        "localhost:99999",
        "[::1",
        "127.1",
        "",
    ] {
        assert_eq!(status(&asked("GET", "/", Some(host), LOOPBACK)), 421, "{host:?}");
    }
}

#[test]
fn the_bind_address_is_trusted_with_its_own_port_only() {
    assert_eq!(status(&asked("GET", "/", Some(LAN), LAN)), 200);
    assert_eq!(status(&asked("GET", "/", Some("192.168.1.5"), LAN)), 200);
    assert_eq!(status(&asked("GET", "/", Some("192.168.1.5:8080"), LAN)), 421);
    assert_eq!(status(&asked("GET", "/", Some("192.168.1.6:1111"), LAN)), 421);
    assert_eq!(status(&asked("GET", "/", Some("localhost:1111"), LAN)), 200);
    // Listening on `::` takes IPv4 clients as mapped addresses.
    assert_eq!(status(&asked("GET", "/", Some(LAN), "[::ffff:192.168.1.5]:1111")), 200);
    assert_eq!(status(&asked("GET", "/", Some("[fe80::1]:1111"), "[fe80::1]:1111")), 200);
}

#[test]
fn a_request_without_host_is_served() {
    assert_eq!(status(&asked("GET", "/", None, LOOPBACK)), 200);
}

#[test]
fn the_misdirected_answer_says_where_to_go() {
    let refused = judge(&asked("GET", "/", Some("evil.example\u{1b}[31m"), LAN)).unwrap_err();
    assert_eq!(
        refused.text,
        "This is Folio's preview server, and it does not answer to the name `evil.example[31m`.\n\
         Open http://localhost:1111/ or http://127.0.0.1:1111/ or http://192.168.1.5:1111/ instead.\n\
         (Other names are refused so that a page on another site cannot point a name it controls at \
         this machine and read your preview.)\n"
    );
}

#[test]
fn methods_are_limited_by_path() {
    let cases = [
        ("/", "GET", None),
        ("/kb/a/?q=1", "HEAD", None),
        ("/", "POST", Some("GET, HEAD")),
        ("/", "PUT", Some("GET, HEAD")),
        ("/", "DELETE", Some("GET, HEAD")),
        ("/", "TRACE", Some("GET, HEAD")),
        ("/", "OPTIONS", Some("GET, HEAD")),
        ("*", "OPTIONS", Some("GET, HEAD")),
        ("/__folio/live.js", "GET", None),
        ("/__folio/events?since=3", "GET", None),
        ("/__folio/events", "HEAD", Some("GET")),
        ("/__folio/events", "POST", Some("GET")),
        ("/__folio/feedback", "POST", None),
        ("/__folio/feedback", "GET", Some("POST")),
        ("/__folio/feedback?x", "PUT", Some("POST")),
    ];
    for (target, method, allow) in cases {
        let verdict = judge(&asked(method, target, Some("localhost"), LOOPBACK));
        assert_eq!(verdict.err().map(|r| (r.status, r.allow)), allow.map(|a| (405, Some(a))), "{method} {target}");
    }
}

fn from(origin: Option<&str>, fetch_site: Option<&str>, host: &str) -> u16 {
    let events = Asked { origin, fetch_site, ..asked("GET", "/__folio/events", Some(host), LOOPBACK) };
    let feedback = Asked { origin, fetch_site, ..asked("POST", "/__folio/feedback", Some(host), LOOPBACK) };
    assert_eq!(status(&events), status(&feedback), "{origin:?} {fetch_site:?} {host}");
    status(&events)
}

#[test]
fn the_stream_and_the_sink_take_only_same_origin_requests() {
    let host = "127.0.0.1:1111";
    assert_eq!(from(None, None, host), 200, "tools send neither header");
    assert_eq!(from(Some("http://127.0.0.1:1111"), Some("same-origin"), host), 200);
    assert_eq!(from(Some("HTTP://127.0.0.1:1111"), None, host), 200);
    assert_eq!(from(None, Some("none"), host), 200);
    assert_eq!(from(Some("http://localhost"), None, "localhost:80"), 200);
    assert_eq!(from(Some("http://evil.example"), None, host), 403);
    assert_eq!(from(Some("http://localhost:1111"), None, host), 403, "another name is another origin");
    assert_eq!(from(Some("http://127.0.0.1:3000"), None, host), 403, "another port is another origin");
    assert_eq!(from(Some("https://127.0.0.1:1111"), None, host), 403);
    assert_eq!(from(Some("null"), None, host), 403);
    assert_eq!(from(None, Some("cross-site"), host), 403);
    assert_eq!(from(None, Some("same-site"), host), 403);
    assert_eq!(from(Some("http://127.0.0.1:1111"), Some("cross-site"), host), 403);
    // Pages are not limited by origin: other sites can link to them, and cannot read them.
    let page = Asked { origin: Some("http://evil.example"), ..asked("GET", "/", Some(host), LOOPBACK) };
    assert_eq!(status(&page), 200);
}

#[test]
fn an_origin_without_host_is_refused() {
    let events = Asked { origin: Some("http://127.0.0.1:1111"), ..asked("GET", "/__folio/events", None, LOOPBACK) };
    assert_eq!(status(&events), 403);
}

#[test]
fn the_forbidden_answer_names_both_origins() {
    let events = Asked {
        origin: Some("http://evil.example"),
        ..asked("GET", "/__folio/events", Some("localhost:1111"), LOOPBACK)
    };
    assert_eq!(
        judge(&events).unwrap_err().text,
        "Folio's preview takes live-reload connections only from its own pages (http://localhost:1111); \
         this request came from `http://evil.example`.\n"
    );
}
