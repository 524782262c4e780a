//! Images the Markdown renderer does not write itself: `<img>` tags in raw HTML (on sites that allow
//! it) and the photos of authors without a page, in bylines. Both get their size, lazy loading and
//! WebP copies without losing anything their author wrote.

use crate::support;

use support::site::{assert_contains, assert_lacks, TestSite, MINIMAL_CONFIG};

/// The widths of the `srcset` that follows `after` in `html`.
fn srcset_widths(html: &str, after: &str) -> Vec<u32> {
    let from = html.find(after).unwrap_or_else(|| panic!("no {after:?} in:\n{html}"));
    let rest = &html[from..];
    let start = rest.find("srcset=\"").expect("a srcset") + 8;
    let value = &rest[start..start + rest[start..].find('"').unwrap()];
    value.split(", ").map(|c| c.rsplit_once(' ').unwrap().1.trim_end_matches('w').parse().unwrap()).collect()
}

const RAW_PAGE: &str = "Intro.\n\n\
<img src=\"/images/wide.png\" alt=\"Wide\">\n\n\
<p>Inline <img src=\"chart.png\" alt=\"Q&amp;A\" width=\"300\" class=\"c\"> and \
<img alt=\"Tall\" height=\"100\" src=\"/images/tall.jpg\" loading=\"eager\"></p>\n\n\
<picture><source srcset=\"/images/wide.png\"><img src=\"/images/wide.png\" alt=\"Own\"></picture>\n\n\
<img src=\"https://cdn.example.org/x.png\" alt=\"Remote\">\n\n\
<!-- <img src=\"/images/old.png\"> -->\n";

fn raw_html_site() -> TestSite {
    let site = TestSite::with_config(&format!("{MINIMAL_CONFIG}markdown:\n  unsafe_html: true\n"));
    site.picture("static/images/wide.png", 1200, 600)
        .picture("static/images/tall.jpg", 200, 400)
        .picture("content/blog/launch/chart.png", 600, 400)
        .page("blog/launch/index.md", "title: Launch\ndate: 2026-01-05", RAW_PAGE);
    site
}

#[test]
fn raw_html_images_are_sized_lazy_and_offered_as_webp_keeping_what_the_author_wrote() {
    let site = raw_html_site();
    let built = site.build();
    let html = built.text("blog/launch/index.html");
    assert_contains(
        &html,
        &[
            // The first image of the page loads at once, with its own size.
            "<picture><source type=\"image/webp\" srcset=\"/images/wide-320w-",
            "sizes=\"(max-width: 760px) 100vw, 720px\"><img src=\"/images/wide.png\" alt=\"Wide\" width=\"1200\" height=\"600\"></picture>",
            // A relative address is published as the file's address; the given width keeps the shape
            // and is the width shown.
            "sizes=\"300px\"><img src=\"/blog/launch/chart.png\" alt=\"Q&amp;A\" width=\"300\" class=\"c\" height=\"200\" loading=\"lazy\" decoding=\"async\"></picture>",
            // The author's own `loading` stays; the missing width follows from the height.
            "<img alt=\"Tall\" height=\"100\" src=\"/images/tall.jpg\" loading=\"eager\" width=\"50\" decoding=\"async\"></picture>",
            // In the author's own <picture>, no sources are added.
            "<picture><source srcset=\"/images/wide.png\"><img src=\"/images/wide.png\" alt=\"Own\" width=\"1200\" height=\"600\" loading=\"lazy\" decoding=\"async\"></picture>",
            "<img src=\"https://cdn.example.org/x.png\" alt=\"Remote\">",
            // A commented-out image is no image: no error for its missing file.
            "<!-- <img src=\"/images/old.png\"> -->",
        ],
    );
    assert_eq!(srcset_widths(&html, "<p>Intro.</p>"), [320, 640, 960, 1200]);
    assert_eq!(srcset_widths(&html, "<p>Inline"), [320, 600]);
    for width in [320, 600] {
        let copy = html[html.find(&format!("/blog/launch/chart-{width}w-")).unwrap()..].split(' ').next().unwrap();
        assert!(built.has(copy.trim_start_matches('/')), "{copy} is published");
    }
    assert_lacks(&html, &["folio-image:", "<picture><picture>"]);
}

#[test]
fn a_missing_image_in_raw_html_is_an_error_at_its_line() {
    let site = raw_html_site();
    site.page(
        "kb/a.md",
        "title: A",
        "Intro.\n\n<div>\n  <img src=\"/images/gone.png\" alt=\"\">\n</div>\n\nText <img src=\"nope.jpg\">\n",
    );
    assert_eq!(
        site.build_error(),
        "error: content/kb/a.md:7: image `/images/gone.png` points to a missing file: static/images/gone.png\n  \
         help: put the file at static/images/gone.png, beside the page, or write its full address (https://…) if another server publishes it\n\
         error: content/kb/a.md:10:6: image `nope.jpg` points to a missing file: content/kb/nope.jpg\n  \
         help: put the file at content/kb/nope.jpg, or in static/ and write its path from the site root (/nope.jpg)"
    );
}

#[test]
fn raw_html_shown_as_text_is_left_alone() {
    let site = raw_html_site();
    site.file("site.yaml", MINIMAL_CONFIG);
    let html = site.build().text("blog/launch/index.html");
    assert_contains(&html, &["&lt;img src=&quot;/images/wide.png&quot; alt=&quot;Wide&quot;&gt;"]);
    assert_lacks(&html, &["wide-320w"]);
}

#[test]
fn photos_of_authors_without_a_page_get_small_webp_copies() {
    let site = TestSite::with_config("title: Acme\nbase_url: https://example.com/help/\nlanguage: en\n");
    site.picture("static/images/omer.png", 400, 400)
        .picture("static/images/maya.jpg", 100, 100)
        .file("content/authors.yaml", "maya:\n  name: Maya Friedman\n  photo: /images/maya.jpg\n")
        .page("blog/2026-01-02-one.md", "title: One\nauthor: {name: Omer Cohen, photo: /images/omer.png}", "")
        .page("blog/2026-01-03-two.md", "title: Two\nauthor: maya", "");
    let built = site.build();
    let one = built.text("blog/one/index.html");
    assert_contains(
        &one,
        &[
            "<picture><source type=\"image/webp\" srcset=\"/help/images/omer-48w-",
            "sizes=\"48px\"><img class=\"avatar\" src=\"/help/images/omer.png\" alt=\"\" width=\"48\" height=\"48\" loading=\"lazy\" decoding=\"async\"></picture>",
        ],
    );
    // Once and twice the sizes themes show photos at, then the usual widths: never an enlargement.
    assert_eq!(srcset_widths(&one, "class=\"byline"), [48, 96, 144, 224, 320, 400]);
    let two = built.text("blog/two/index.html");
    assert_eq!(srcset_widths(&two, "class=\"byline"), [48, 96, 100]);
    for copy in two.split('"').filter(|s| s.contains("/maya-")).flat_map(|s| s.split(", ")) {
        let path = copy.split(' ').next().unwrap().trim_start_matches("/help/");
        assert!(built.has(path), "{path} is published");
    }
}

#[test]
fn a_byline_photo_that_is_no_picture_is_an_error_naming_the_page() {
    let site = TestSite::new();
    site.file("static/images/omer.png", "not a picture").page(
        "blog/2026-01-02-one.md",
        "title: One\nauthor: {name: Omer Cohen, photo: /images/omer.png}",
        "",
    );
    assert_eq!(
        site.build_error(),
        "error: content/blog/2026-01-02-one.md:3: photo `/images/omer.png` cannot be used: it is not a PNG, JPEG, GIF or WebP image\n  \
         help: replace the file with a PNG, JPEG, GIF, WebP or SVG image that opens in an image viewer"
    );
}
