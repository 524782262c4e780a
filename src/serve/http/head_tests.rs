//! The head parser on strings: each refusal by name, then a seeded fuzz that mutates valid heads and
//! invents byte soup, checking the parser never panics and that whatever it accepts is well formed.

use super::*;

fn parse(text: &str) -> Result<Head, Refusal> {
    parse_head(text.as_bytes())
}

fn status(text: &str) -> u16 {
    match parse(text) {
        Ok(_) => 200,
        Err(refusal) => refusal.status,
    }
}

#[test]
fn a_plain_request_is_read() {
    let head =
        parse("GET /kb/?q=1 HTTP/1.1\r\nHost: localhost:1111\r\nX-Empty:\r\nAccept:  text/html \r\n\r\n").unwrap();
    assert_eq!((head.method.as_str(), head.target.as_str(), head.minor), ("GET", "/kb/?q=1", 1));
    assert_eq!(head.values("host"), ["localhost:1111"]);
    assert_eq!(head.values("accept").first().copied(), Some("text/html"));
    assert_eq!(head.values("x-empty").first().copied(), Some(""));
    let bare = parse("GET / HTTP/1.0\n\n").unwrap();
    assert_eq!((bare.minor, bare.headers.len()), (0, 0));
}

#[test]
fn bad_request_lines_are_refused() {
    for line in ["", "GET", "GET /", "GET / HTTP/1.1 extra", "GET  / HTTP/1.1", "G(T / HTTP/1.1", "GET / http/1.1"] {
        assert_eq!(status(&format!("{line}\r\nHost: a\r\n\r\n")), 400, "{line:?}");
    }
    assert_eq!(status("GET / HTTP/2.0\r\n\r\n"), 505);
    assert_eq!(status("GET http://evil.example/ HTTP/1.1\r\nHost: a\r\n\r\n"), 400);
    assert_eq!(status("CONNECT evil.example:443 HTTP/1.1\r\nHost: a\r\n\r\n"), 400);
    assert_eq!(status("GET /a\0b HTTP/1.1\r\nHost: a\r\n\r\n"), 400);
    assert_eq!(status("GET /é HTTP/1.1\r\nHost: a\r\n\r\n"), 400);
    assert_eq!(status(&format!("GET /{} HTTP/1.1\r\nHost: a\r\n\r\n", "a".repeat(MAX_TARGET))), 414);
    assert_eq!(status("OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n"), 200);
}

#[test]
fn bad_header_lines_are_refused() {
    for header in ["NoColon", "Host : a", " folded", "\tfolded", "Bad Name: x", ": empty name", "X: a\0b", "X: a\rb"] {
        assert_eq!(status(&format!("GET / HTTP/1.0\r\n{header}\r\n\r\n")), 400, "{header:?}");
    }
    let many: String = (0..=MAX_HEADERS).map(|i| format!("X-{i}: v\r\n")).collect();
    assert_eq!(status(&format!("GET / HTTP/1.0\r\n{many}\r\n")), 431);
    // A value may hold bytes past ASCII (another local app's cookie), never control bytes.
    assert!(parse_head(b"GET / HTTP/1.0\r\nCookie: a=\xff\xfe\r\n\r\n").is_ok());
}

#[test]
fn host_is_required_in_http_1_1_and_must_be_single() {
    assert_eq!(status("GET / HTTP/1.1\r\n\r\n"), 400);
    assert_eq!(status("GET / HTTP/1.0\r\n\r\n"), 200);
    assert_eq!(status("GET / HTTP/1.1\r\nHost: a\r\nhost: b\r\n\r\n"), 400);
}

#[test]
fn body_length_is_one_plain_number() {
    let length = |headers: &str| body_length(&parse(&format!("POST / HTTP/1.0\r\n{headers}\r\n")).unwrap(), 100);
    assert_eq!(length(""), Ok(0));
    assert_eq!(length("Content-Length: 42\r\n"), Ok(42));
    for bad in ["abc", "-1", "+5", "4 2", "", "0x10", "1e3"] {
        assert_eq!(length(&format!("Content-Length: {bad}\r\n")).map_err(|r| r.status), Err(400), "{bad:?}");
    }
    assert_eq!(length("Content-Length: 101\r\n").map_err(|r| r.status), Err(413));
    assert_eq!(length("Content-Length: 18446744073709551615\r\n").map_err(|r| r.status), Err(413));
    assert_eq!(length("Content-Length: 99999999999999999999999\r\n").map_err(|r| r.status), Err(413));
    assert_eq!(length("Content-Length: 1\r\nContent-Length: 1\r\n").map_err(|r| r.status), Err(400));
    assert_eq!(length("Transfer-Encoding: chunked\r\n").map_err(|r| r.status), Err(411));
    let both = "Transfer-Encoding: chunked\r\nContent-Length: 3\r\n";
    assert_eq!(length(both).map_err(|r| r.status), Err(400));
}

#[test]
fn the_end_of_a_head_is_found_however_it_arrives() {
    let text = b"GET / HTTP/1.1\r\nHost: a\r\n\r\nbody";
    assert_eq!(find_head_end(text, 0), Some(text.len() - 4));
    for split in 0..text.len() {
        // As if the head arrived in two reads, the second scan starting where the first ended.
        let first = find_head_end(&text[..split], 0);
        let found = first.or_else(|| find_head_end(text, split));
        assert_eq!(found, Some(text.len() - 4), "split at {split}");
    }
    assert_eq!(find_head_end(b"GET / HTTP/1.0\n\nx", 0), Some(16));
    assert_eq!(find_head_end(b"GET / HTTP/1.0\r\nHost: a\r\n", 0), None);
}

/// xorshift64*: a few lines of deterministic randomness, so a failure can be replayed by seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const METHODS: &[&str] = &["GET", "HEAD", "POST", "PUT", "DELETE", "TRACE", "OPTIONS", "PATCH", "X-Y"];
const TARGETS: &[&str] = &["/", "/kb/a/", "/a?b=c&d=%20", "/__folio/events?since=3", "*", "/%2e%2e/x"];
const NAMES: &[&str] = &["Host", "Content-Length", "Origin", "Sec-Fetch-Site", "Cookie", "X-A", "transfer-encoding"];
const VALUES: &[&str] = &["localhost", "5", "http://evil.example", "same-origin", "a=1; b=2", "", "chunked", "x y"];

/// A request that a careful client could send, and the fields it should parse into.
fn valid_request(rng: &mut Rng) -> (String, Head) {
    let (method, target) = (rng.pick(METHODS).to_string(), rng.pick(TARGETS).to_string());
    let mut headers = vec![("Host".to_string(), "localhost".to_string())];
    for _ in 0..rng.below(6) {
        let name = rng.pick(NAMES);
        if !name.eq_ignore_ascii_case("host") {
            headers.push((name.to_string(), rng.pick(VALUES).to_string()));
        }
    }
    let ending = if rng.below(4) == 0 { "\n" } else { "\r\n" };
    let mut text = format!("{method} {target} HTTP/1.1{ending}");
    for (name, value) in &headers {
        let pad = if rng.below(2) == 0 { " " } else { "\t " };
        text.push_str(&format!("{name}:{pad}{value}{pad}{ending}"));
    }
    text.push_str(ending);
    (text, Head { method, target, minor: 1, headers })
}

/// What anything the parser accepts must satisfy, whatever it was fed.
fn assert_well_formed(head: &Head, input: &[u8]) {
    let context = || String::from_utf8_lossy(input).into_owned();
    assert!(!head.method.is_empty() && head.method.bytes().all(is_token_byte), "{:?}", context());
    assert!(head.target.starts_with('/') || head.target == "*", "{:?}", context());
    assert!(head.target.bytes().all(|b| b.is_ascii_graphic()), "{:?}", context());
    assert!(head.minor <= 1 && head.headers.len() <= MAX_HEADERS, "{:?}", context());
    assert!(head.values("Host").len() <= 1, "{:?}", context());
    for (name, value) in &head.headers {
        assert!(!name.is_empty() && name.bytes().all(is_token_byte), "{:?}", context());
        assert!(!value.bytes().any(|b| b.is_ascii_control() && b != b'\t'), "{:?}", context());
        assert!(!value.starts_with([' ', '\t']) && !value.ends_with([' ', '\t']), "{:?}", context());
    }
    // Framing decisions never panic either, and never allow a body past the limit.
    if let Ok(length) = body_length(head, 1000) {
        assert!(length <= 1000);
    }
}

#[test]
fn fuzz_valid_requests_parse_to_what_was_sent() {
    let mut rng = Rng(0x5eed_f011_0001);
    for _ in 0..3000 {
        let (text, expected) = valid_request(&mut rng);
        assert_eq!(parse(&text), Ok(expected), "{text:?}");
    }
}

#[test]
fn fuzz_mutated_and_random_heads_never_panic_and_stay_well_formed() {
    const SOUP: &[&str] = &["\r", "\n", "\r\n", ":", " ", "\t", "\0", "\u{ff}", "HTTP/1.1", "/", "Host", "é"];
    let mut rng = Rng(0x5eed_f011_0002);
    for round in 0..20_000 {
        let (text, _) = valid_request(&mut rng);
        let mut bytes = text.into_bytes();
        match round % 3 {
            // Flip, drop or insert a few bytes of a valid head.
            0 => {
                for _ in 0..1 + rng.below(4) {
                    let at = rng.below(bytes.len());
                    match rng.below(3) {
                        0 => bytes[at] = rng.next() as u8,
                        1 => drop(bytes.remove(at)),
                        _ => bytes.insert(at, rng.next() as u8),
                    }
                }
            }
            // Splice in pieces that matter to the grammar.
            1 => {
                let at = rng.below(bytes.len());
                let piece = rng.pick(SOUP).as_bytes().to_vec();
                bytes.splice(at..at, piece);
            }
            // Plain noise.
            _ => bytes = (0..rng.below(200)).map(|_| rng.next() as u8).collect(),
        }
        if let Ok(head) = parse_head(&bytes) {
            assert_well_formed(&head, &bytes);
        }
        let _ = find_head_end(&bytes, rng.below(bytes.len() + 1));
    }
}
