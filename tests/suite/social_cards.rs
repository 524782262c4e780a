//! Social cards: pages without an image of their own get a generated 1200×630 picture, named in
//! their OpenGraph and Twitter tags, drawn in the page's direction, kept in the site's cache
//! folder between builds, and served by `folio serve` exactly as `folio build` writes them.

use crate::support;

use folio::{build_site_cached, BuildCache, BuildOptions};
use std::io::{Read, Write};
use support::serve::serve;
use support::site::TestSite;
use tiny_skia::Pixmap;

const CONFIG: &str = "title: Acme Help\nbase_url: https://example.com/help\nlanguage: en\n";

fn site() -> TestSite {
    let site = TestSite::with_config(CONFIG);
    site.page("authors/dana.md", "name: Dana Levi", "Bio.\n")
        .page("blog/hello.md", "title: Hello world\ndate: 2026-03-01\nauthor: dana", "Hi.\n")
        .page("kb/billing/invoices.md", "title: Invoices and receipts", "Text.\n")
        .page("products/widget.md", "title: Widget\nimage: /images/widget.png", "A widget.\n")
        .picture("static/images/widget.png", 40, 30);
    site
}

/// The `content` of every `<meta>` whose property or name is `key`.
fn meta(html: &str, key: &str) -> Vec<String> {
    let mut found = Vec::new();
    for tag in html.split("<meta ").skip(1) {
        let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
        let attr = |name: &str| {
            let start = tag.find(&format!("{name}=\""))? + name.len() + 2;
            Some(tag[start..start + tag[start..].find('"')?].to_string())
        };
        if [attr("property"), attr("name")].iter().any(|a| a.as_deref() == Some(key)) {
            found.extend(attr("content"));
        }
    }
    found
}

fn picture(built: &folio::Built, path: &str) -> Pixmap {
    let bytes = built.output.get(path).unwrap_or_else(|| panic!("no card {path}")).read().unwrap();
    Pixmap::decode_png(&bytes).expect("the card is a PNG")
}

/// The leftmost and rightmost columns holding the title's colour (the theme's `--fg`, #1c2128).
fn title_columns(card: &Pixmap) -> (u32, u32) {
    let (mut left, mut right) = (u32::MAX, 0);
    for (i, pixel) in card.pixels().iter().enumerate() {
        let (r, g, b) = (pixel.red(), pixel.green(), pixel.blue());
        if r < 0x30 && g < 0x30 && b < 0x30 {
            let x = i as u32 % card.width();
            left = left.min(x);
            right = right.max(x);
        }
    }
    assert!(left <= right, "no title-coloured pixels on the card");
    (left, right)
}

fn options(site: &TestSite) -> BuildOptions {
    BuildOptions { root: site.root().to_path_buf(), ..Default::default() }
}

#[test]
fn pages_without_an_image_get_a_card_named_in_their_meta_tags() {
    // The site stays: cards are copied from its cache folder.
    let site = site();
    let built = site.build().built;
    let post = built.output.text("blog/hello/index.html").unwrap();
    let card = "https://example.com/help/blog/hello/social-card.png";
    assert_eq!(meta(&post, "og:image"), [card]);
    assert_eq!(meta(&post, "og:image:width"), ["1200"]);
    assert_eq!(meta(&post, "og:image:height"), ["630"]);
    assert_eq!(meta(&post, "og:image:alt"), ["Hello world — Acme Help"]);
    assert_eq!(meta(&post, "twitter:card"), ["summary_large_image"]);
    // X reads the picture from og:image; twitter:image would only repeat it.
    assert!(meta(&post, "twitter:image").is_empty());
    let drawn = picture(&built, "blog/hello/social-card.png");
    assert_eq!((drawn.width(), drawn.height()), (1200, 630));
    assert!(built.output.get("kb/billing/invoices/social-card.png").is_some());

    let product = built.output.text("products/widget/index.html").unwrap();
    assert_eq!(meta(&product, "og:image"), ["https://example.com/help/images/widget.png"], "its own image stays");
    assert!(meta(&product, "og:image:width").is_empty());
    assert!(built.output.get("products/widget/social-card.png").is_none());
    assert!(built.output.get("authors/dana/social-card.png").is_none(), "an author's page shows their photo");

    // The home page and the lists show the site's own card.
    let site_card = "https://example.com/help/social-card.png";
    for list in ["index.html", "blog/index.html", "kb/index.html"] {
        let html = built.output.text(list).unwrap();
        assert_eq!(meta(&html, "og:image"), [site_card], "{list}");
        assert_eq!(meta(&html, "og:image:alt"), ["Acme Help"], "{list}");
    }
    assert_eq!(picture(&built, "social-card.png").width(), 1200);
}

#[test]
fn cards_can_be_turned_off() {
    let site = site();
    site.file("site.yaml", &format!("{CONFIG}social_cards: false\n"));
    let built = site.build().built;
    assert!(!built.output.files.keys().any(|path| path.ends_with("social-card.png")));
    let post = built.output.text("blog/hello/index.html").unwrap();
    assert!(meta(&post, "og:image").is_empty());
    assert_eq!(meta(&post, "twitter:card"), ["summary"]);
}

#[test]
fn a_hebrew_card_is_right_aligned_and_an_english_one_left_aligned() {
    let site = site();
    site.page("kb/billing/refunds.md", "title: החזרים וזיכויים\nlang: he", "טקסט.\n");
    let built = site.build().built;
    let (left, right) = title_columns(&picture(&built, "kb/billing/invoices/social-card.png"));
    assert!(left < 110 && right < 1090, "English starts at the left margin: columns {left}..{right}");
    let (left, right) = title_columns(&picture(&built, "kb/billing/refunds/social-card.png"));
    assert!(right > 1090 && left > 300, "Hebrew ends at the right margin: columns {left}..{right}");
}

#[test]
fn arabic_and_mixed_titles_are_covered_and_missing_letters_are_named() {
    let site = site();
    site.page("kb/billing/ar.md", "title: الفواتير والإيصالات الشهرية\nlang: ar", "نص.\n")
        .page("kb/billing/mixed.md", "title: חיבור ל-Stripe דרך API גרסה 2\nlang: he", "טקסט.\n")
        .page("kb/billing/ru.md", "title: Счета и квитанции\nlang: ru", "Текст.\n")
        .page("kb/billing/cjk.md", "title: Invoices 請求書", "Text.\n");
    let built = site.build();
    let warnings = built.warnings().join("\n");
    assert!(warnings.contains("content/kb/billing/cjk.md"), "{warnings}");
    assert!(warnings.contains("the social card cannot show `請` (U+8ACB), `求` (U+6C42), `書` (U+66F8)"), "{warnings}");
    assert_eq!(warnings.matches("social card").count(), 1, "only the Japanese title lacks a font: {warnings}");
    let (_, right) = title_columns(&picture(&built.built, "kb/billing/ar/social-card.png"));
    assert!(right > 1090, "Arabic is right-aligned too");
}

#[test]
fn a_second_build_reuses_the_cache_and_a_title_edit_redraws_only_its_card() {
    let site = site();
    let mut cache = BuildCache::default();
    build_site_cached(&options(&site), &mut cache).unwrap();
    // The post's, the article's and the site's own (for the home page and lists).
    assert_eq!((cache.stats.cards_drawn, cache.stats.cards_reused), (3, 0));
    let cached: Vec<_> = std::fs::read_dir(site.path(".folio-cache/cards")).unwrap().collect();
    assert_eq!(cached.len(), 3);

    // A new process has no memory, only the cache folder.
    let mut fresh = BuildCache::default();
    build_site_cached(&options(&site), &mut fresh).unwrap();
    assert_eq!((fresh.stats.cards_drawn, fresh.stats.cards_reused), (0, 3));

    site.page("blog/hello.md", "title: Hello again\ndate: 2026-03-01\nauthor: dana", "Hi.\n");
    let built = build_site_cached(&options(&site), &mut cache).unwrap();
    assert_eq!((cache.stats.cards_drawn, cache.stats.cards_reused), (1, 2));
    let post = built.output.text("blog/hello/index.html").unwrap();
    assert_eq!(meta(&post, "og:image:alt"), ["Hello again — Acme Help"]);
}

#[test]
fn cards_of_pages_an_edit_did_not_touch_follow_their_author_and_date_as_a_fresh_build_does() {
    let site = site();
    site.page("blog/second.md", "title: Second post\ndate: 2026-03-02\nauthor: dana", "More.\n");
    let mut cache = BuildCache::default();
    build_site_cached(&options(&site), &mut cache).unwrap();
    // The author's new name shows on both posts' cards, though neither post's file changed; then
    // a post's date, then a second rename back, each compared with a build that remembers nothing.
    let edits = [
        ("authors/dana.md", "name: Dana Cohen", "Bio.\n"),
        ("blog/second.md", "title: Second post\ndate: 2026-04-09\nauthor: dana", "More.\n"),
        ("authors/dana.md", "name: Dana Levi", "Bio.\n"),
    ];
    for (file, front, body) in edits {
        site.page(file, front, body);
        let cached = build_site_cached(&options(&site), &mut cache).unwrap();
        let full = build_site_cached(&options(&site), &mut BuildCache::default()).unwrap();
        for card in ["blog/hello/social-card.png", "blog/second/social-card.png", "social-card.png"] {
            let (cached, full) = (cached.output.get(card).unwrap(), full.output.get(card).unwrap());
            assert_eq!(cached.read().unwrap(), full.read().unwrap(), "{card} after editing {file}: {front}");
        }
    }
    assert_eq!(cache.stats.cards_drawn, 1, "only the card with the new date is new: the name returned");
}

#[test]
fn a_body_edit_keeps_every_card_and_a_front_matter_edit_describes_them_again() {
    let site = site();
    site.page("blog/second.md", "title: Second post\ndate: 2026-03-02\nauthor: dana", "More.\n");
    let mut cache = BuildCache::default();
    build_site_cached(&options(&site), &mut cache).unwrap();
    // A folder changed less than a second ago is not trusted to show the next change in its time.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let edits = [
        // The first rebuild looks card by card (the folder was just drawn into), the second keeps them all.
        ("blog/hello.md", "title: Hello world\ndate: 2026-03-01\nauthor: dana", "Hi, edited.\n", false),
        ("blog/hello.md", "title: Hello world\ndate: 2026-03-01\nauthor: dana", "Hi, again.\n", true),
        // The author's name shows on both posts' cards; a date on one; a body edit keeps both again.
        ("authors/dana.md", "name: Dana Cohen", "Bio.\n", false),
        ("blog/second.md", "title: Second post\ndate: 2026-04-09\nauthor: dana", "More.\n", false),
        // The date edit drew a card: the folder changed less than a second before that build ended.
        ("blog/second.md", "title: Second post\ndate: 2026-04-09\nauthor: dana", "Much more.\n", false),
        ("blog/second.md", "title: Second post\ndate: 2026-04-09\nauthor: dana", "More again.\n", true),
    ];
    for (file, front, body, kept) in edits {
        // Cards drawn by the edit before are in the folder by now: it must look settled again.
        std::thread::sleep(std::time::Duration::from_millis(1100));
        site.page(file, front, body);
        let cached = build_site_cached(&options(&site), &mut cache).unwrap();
        assert_eq!(cache.stats.cards_kept, kept, "after editing {file}: {front} / {body}");
        if kept {
            assert_eq!((cache.stats.cards_drawn, cache.stats.cards_reused), (0, 4), "{file}: {front}");
        }
        let full = build_site_cached(&options(&site), &mut BuildCache::default()).unwrap();
        for card in ["blog/hello/social-card.png", "blog/second/social-card.png", "social-card.png"] {
            let (cached, full) = (cached.output.get(card).unwrap(), full.output.get(card).unwrap());
            assert_eq!(cached.read().unwrap(), full.read().unwrap(), "{card} after editing {file}: {front}");
        }
        let post = cached.output.text("blog/second/index.html").unwrap();
        assert_eq!(post, full.output.text("blog/second/index.html").unwrap());
    }
}

#[test]
fn a_card_removed_from_the_cache_folder_is_drawn_again_by_the_next_rebuild() {
    let site = site();
    let mut cache = BuildCache::default();
    build_site_cached(&options(&site), &mut cache).unwrap();
    // A folder changed less than a second ago is not trusted to show the next change in its time.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    // A rebuild with nothing removed finds every card where the last one left it.
    site.page("kb/billing/invoices.md", "title: Invoices and receipts", "Text, edited.\n");
    build_site_cached(&options(&site), &mut cache).unwrap();
    assert_eq!((cache.stats.cards_drawn, cache.stats.cards_reused), (0, 3));

    let cards = site.path(".folio-cache/cards");
    let removed = std::fs::read_dir(&cards).unwrap().next().unwrap().unwrap().path();
    std::fs::remove_file(&removed).unwrap();
    let built = build_site_cached(&options(&site), &mut cache).unwrap();
    assert_eq!((cache.stats.cards_drawn, cache.stats.cards_reused), (1, 2));
    assert!(removed.is_file(), "{} is drawn again", removed.display());
    let sources: Vec<_> = built.output.files.values().collect();
    assert!(sources
        .iter()
        .any(|s| matches!(s, folio::output::FileSource::Copy(p) if p.file_name() == removed.file_name())));
}

#[test]
fn bad_settings_are_errors_naming_the_line() {
    let site = site();
    site.file("site.yaml", &format!("{CONFIG}social_cards:\n  enabled: true\n  accent: navy\n"));
    let error = site.build_error();
    assert!(error.contains("site.yaml:6") && error.contains("`navy` is not a colour"), "{error}");
    site.file("site.yaml", &format!("{CONFIG}social_cards:\n  colour: \"#112233\"\n"));
    let error = site.build_error();
    assert!(error.contains("site.yaml:5") && error.contains("colour"), "{error}");
}

#[test]
fn a_site_font_and_accent_change_the_card() {
    let site = site();
    let plain = picture(&site.build().built, "kb/billing/invoices/social-card.png");
    site.file("site.yaml", &format!("{CONFIG}social_cards:\n  accent: \"#ff0000\"\n"));
    let red = picture(&site.build().built, "kb/billing/invoices/social-card.png");
    let band = |card: &Pixmap| card.pixel(5, 300).map(|p| (p.red(), p.green(), p.blue()));
    assert_eq!(band(&red), Some((0xff, 0, 0)));
    assert_ne!(band(&plain), band(&red));
    // The regular weight as the site's own font: the title is drawn in it rather than in bold.
    let font = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/themes/default/fonts/NotoSans-Regular.ttf"));
    std::fs::write(site.path("brand.ttf"), font.unwrap()).unwrap();
    site.file("site.yaml", &format!("{CONFIG}social_cards:\n  font: brand.ttf\n"));
    let branded = picture(&site.build().built, "kb/billing/invoices/social-card.png");
    assert_ne!(branded.data(), plain.data());
    assert!(title_columns(&branded).0 < 110);
    site.file("site.yaml", &format!("{CONFIG}social_cards:\n  font: site.yaml\n"));
    assert!(site.build_error().contains("not a .ttf or .otf font file"));
}

/// `GET target` from the dev server, the body as bytes.
fn get_bytes(port: u16, target: &str) -> Vec<u8> {
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(stream, "GET {target} HTTP/1.0\r\nHost: localhost\r\n\r\n").unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let body = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("a head") + 4;
    raw[body..].to_vec()
}

#[test]
fn the_dev_server_serves_the_cards_folio_build_writes() {
    let site = site();
    site.file("site.yaml", support::site::MINIMAL_CONFIG);
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let written = std::fs::read(site.path("public/blog/hello/social-card.png")).unwrap();
    let (server, _) = serve(&site, false);
    assert_eq!(get_bytes(server.port, "/blog/hello/social-card.png"), written);
    // The site's own card too, though the server's address is not the configured one.
    let site_card = std::fs::read(site.path("public/social-card.png")).unwrap();
    assert_eq!(get_bytes(server.port, "/social-card.png"), site_card);
    let page = get_bytes(server.port, "/blog/hello/");
    assert!(String::from_utf8_lossy(&page).contains("/blog/hello/social-card.png"));
    server.stop();
}
