//! Images: sizes, lazy loading and WebP copies for pictures in Markdown and front matter, the disk
//! cache that spares a second build (and a dev-server rebuild) from encoding again, and the errors
//! for missing and broken images.

use crate::support;

use folio::{build_site, build_site_cached, BuildCache, BuildOptions, Output};
use image::{ImageFormat, Rgb, RgbImage};
use std::io::Cursor;
use std::path::Path;
use support::site::{assert_contains, assert_lacks, TestSite};

/// A photo-like picture (smooth gradients, so lossy WebP has something to do) in `format`.
fn picture_bytes(width: u32, height: u32, format: ImageFormat) -> Vec<u8> {
    let picture = RgbImage::from_fn(width, height, |x, y| {
        Rgb([(x * 255 / width) as u8, (y * 255 / height) as u8, ((x + y) % 256) as u8])
    });
    let mut bytes = Cursor::new(Vec::new());
    picture.write_to(&mut bytes, format).unwrap();
    bytes.into_inner()
}

/// A GIF of two different frames.
fn animated_gif(width: u32, height: u32) -> Vec<u8> {
    use image::codecs::gif::GifEncoder;
    use image::{Delay, Frame, RgbaImage};
    let mut bytes = Vec::new();
    {
        let mut encoder = GifEncoder::new(&mut bytes);
        for shade in [0u8, 255] {
            let frame = RgbaImage::from_pixel(width, height, image::Rgba([shade, 0, 0, 255]));
            encoder.encode_frame(Frame::from_parts(frame, 0, 0, Delay::from_numer_denom_ms(100, 1))).unwrap();
        }
    }
    bytes
}

fn put(site: &TestSite, rel: &str, bytes: &[u8]) {
    let path = site.path(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

/// A post bundle showing a wide PNG, a narrower JPEG from static/, an SVG, an animation and a
/// remote image, in that order.
fn site_with_pictures() -> TestSite {
    let site = TestSite::new();
    site.page(
        "blog/launch/index.md",
        "title: Launch\ndate: 2026-01-05",
        "Intro.\n\n![A chart](chart.png \"Sales\")\n\n![Team photo](/images/team.jpg)\n\n![Logo](logo.svg)\n\n\
         ![Spinner](spin.gif)\n\n![Remote](https://cdn.example.org/x.png)\n",
    );
    put(&site, "content/blog/launch/chart.png", &picture_bytes(1200, 600, ImageFormat::Png));
    put(&site, "static/images/team.jpg", &picture_bytes(500, 400, ImageFormat::Jpeg));
    site.file(
        "content/blog/launch/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 120 40\"></svg>\n",
    );
    put(&site, "content/blog/launch/spin.gif", &animated_gif(30, 20));
    site
}

/// The URLs and widths of the `srcset` that follows `after` in `html`.
fn srcset_after(html: &str, after: &str) -> Vec<(String, u32)> {
    let from = html.find(after).unwrap_or_else(|| panic!("no {after:?} in:\n{html}"));
    let rest = &html[from..];
    let start = rest.find("srcset=\"").expect("a srcset") + 8;
    let value = &rest[start..start + rest[start..].find('"').unwrap()];
    value
        .split(", ")
        .map(|candidate| {
            let (url, width) = candidate.rsplit_once(' ').unwrap();
            (url.to_string(), width.trim_end_matches('w').parse().unwrap())
        })
        .collect()
}

fn decoded_width(output: &Output, url: &str) -> u32 {
    let bytes = output.get(url.trim_start_matches('/')).unwrap_or_else(|| panic!("{url} is not in the output")).read();
    let bytes = bytes.unwrap();
    assert_eq!(image::guess_format(&bytes).unwrap(), ImageFormat::WebP, "{url} is a WebP file");
    image::load_from_memory(&bytes).unwrap().width()
}

/// The text of a page, as the Markdown made it.
fn prose(html: &str) -> String {
    let start = html.find("<div class=\"prose doc-body\">").expect("a page text");
    html[start..start + html[start..].find("</div>").unwrap()].to_string()
}

fn options(site: &TestSite) -> BuildOptions {
    BuildOptions { root: site.root().to_path_buf(), ..Default::default() }
}

#[test]
fn markdown_images_get_their_size_lazy_loading_and_webp_copies() {
    let site = site_with_pictures();
    let built = site.build();
    let html = built.text("blog/launch/index.html");
    // The first image of the text is likely in view: no lazy loading. Its copies stop at its own width.
    assert_contains(
        &html,
        &[
            "<picture><source type=\"image/webp\" srcset=\"/blog/launch/chart-320w-",
            "sizes=\"(max-width: 760px) 100vw, 720px\"><img src=\"/blog/launch/chart.png\" alt=\"A chart\" title=\"Sales\" width=\"1200\" height=\"600\"></picture>",
            "<img src=\"/images/team.jpg\" alt=\"Team photo\" width=\"500\" height=\"400\" loading=\"lazy\" decoding=\"async\"></picture>",
            // SVGs are sized from their viewBox and animations keep their frames: no copies.
            "<img src=\"/blog/launch/logo.svg\" alt=\"Logo\" width=\"120\" height=\"40\" loading=\"lazy\" decoding=\"async\">",
            "<img src=\"/blog/launch/spin.gif\" alt=\"Spinner\" width=\"30\" height=\"20\" loading=\"lazy\" decoding=\"async\">",
            // Remote images are left as written.
            "<img src=\"https://cdn.example.org/x.png\" alt=\"Remote\" />",
        ],
    );
    assert_lacks(&html, &["logo-", "spin-", "<picture><source type=\"image/webp\" srcset=\"/blog/launch/logo"]);

    let chart = srcset_after(&html, "<p>Intro.</p>");
    assert_eq!(chart.iter().map(|(_, w)| *w).collect::<Vec<_>>(), [320, 640, 960, 1200]);
    let team = srcset_after(&html, "alt=\"A chart\"");
    assert_eq!(team.iter().map(|(_, w)| *w).collect::<Vec<_>>(), [320, 500], "never wider than the original");
    for (url, width) in chart.iter().chain(&team) {
        assert!(url.ends_with(".webp"), "{url}");
        assert_eq!(decoded_width(&built.built.output, url), *width, "{url}");
    }
    // The originals are published as they are, as the fallback.
    assert!(built.has("blog/launch/chart.png") && built.has("images/team.jpg"));
    // Lossy copies of a photo are much smaller than the PNG it came from.
    let size = |path: &str| built.built.output.get(path).unwrap().read().unwrap().len();
    assert!(size(chart[3].0.trim_start_matches('/')) < size("blog/launch/chart.png") / 2);
}

#[test]
fn front_matter_images_are_sized_and_offered_as_webp() {
    let site = TestSite::with_config("title: T\nbase_url: https://example.com/help\nlanguage: en\n");
    site.page("authors/dana.md", "name: Dana Levi\nphoto: /images/dana.jpg", "Bio.\n")
        .page("products/widget/index.md", "title: Widget\nimage: widget.png", "About it.\n")
        .page("blog/hello/index.md", "title: Hello\ndate: 2026-01-05\nauthor: dana\nimage: hero.jpg", "Text.\n");
    put(&site, "static/images/dana.jpg", &picture_bytes(400, 400, ImageFormat::Jpeg));
    put(&site, "content/products/widget/widget.png", &picture_bytes(300, 300, ImageFormat::Png));
    put(&site, "content/blog/hello/hero.jpg", &picture_bytes(1600, 900, ImageFormat::Jpeg));
    let built = site.build();

    let post = built.text("blog/hello/index.html");
    // The post's own picture heads the page: fetched first, never lazily; its byline photo is lazy.
    assert_contains(
        &post,
        &[
            "<figure class=\"post-hero\">",
            "<picture><source type=\"image/webp\" srcset=\"/help/blog/hello/hero-320w-",
            "<img class=\"post-hero-image\" src=\"/help/blog/hello/hero.jpg\" alt=\"\" width=\"1600\" height=\"900\" fetchpriority=\"high\"></picture>",
            "<img class=\"avatar\" src=\"/help/images/dana.jpg\" alt=\"\" width=\"48\" height=\"48\" loading=\"lazy\" decoding=\"async\">",
        ],
    );
    assert_eq!(srcset_after(&post, "post-hero").iter().map(|(_, w)| *w).collect::<Vec<_>>(), [320, 640, 960, 1440]);
    let product = built.text("products/widget/index.html");
    assert_contains(&product, &["<img class=\"product-hero-image\" src=\"/help/products/widget/widget.png\" alt=\"\" width=\"96\" height=\"96\" fetchpriority=\"high\"></picture>"]);
    let widget = srcset_after(&product, "product-header");
    assert_eq!(widget.iter().map(|(_, w)| *w).collect::<Vec<_>>(), [300]);
    let output = &built.built.output;
    assert_eq!(decoded_width(output, widget[0].0.trim_start_matches("/help")), 300);
    let author = built.text("authors/dana/index.html");
    assert_contains(
        &author,
        &["<picture><source type=\"image/webp\"", "class=\"avatar avatar-xl\" src=\"/help/images/dana.jpg\""],
    );
    // Lists show the product's tile with its copies too.
    assert_contains(
        &built.text("products/index.html"),
        &["<img class=\"product-image\" src=\"/help/products/widget/widget.png\""],
    );
}

/// Modification times of the cached copies, by file name.
fn cache_times(root: &Path) -> Vec<(String, std::time::SystemTime)> {
    let dir = root.join(".folio-cache/images");
    let mut times: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap())
        .map(|e| (e.file_name().to_string_lossy().into_owned(), e.metadata().unwrap().modified().unwrap()))
        .collect();
    times.sort();
    times
}

#[test]
fn a_second_build_takes_every_copy_from_the_disk_cache() {
    let site = site_with_pictures();
    let mut first = BuildCache::default();
    build_site_cached(&options(&site), &mut first).unwrap();
    assert_eq!((first.stats.images_encoded, first.stats.images_reused), (6, 0), "{:?}", first.stats);
    let made = build_site(&options(&site)).unwrap().summary.line();
    assert!(made.contains("; image copies: 0 made, 6 from the cache"), "{made}");
    let before = cache_times(site.root());
    assert_eq!(before.len(), 6);
    // A new process knows nothing but the disk: every copy is found there, none is encoded.
    let mut second = BuildCache::default();
    let again = build_site_cached(&options(&site), &mut second).unwrap();
    assert_eq!((second.stats.images_encoded, second.stats.images_reused), (0, 6), "{:?}", second.stats);
    assert_eq!(cache_times(site.root()), before);
    // A changed picture gets new copies under new names.
    put(&site, "content/blog/launch/chart.png", &picture_bytes(800, 400, ImageFormat::Png));
    let changed = build_site_cached(&options(&site), &mut second).unwrap();
    assert_eq!(second.stats.images_encoded, 3, "320, 640 and 800 wide: {:?}", second.stats);
    let old = srcset_after(&again.output.text("blog/launch/index.html").unwrap(), "<p>Intro.</p>");
    let new = srcset_after(&changed.output.text("blog/launch/index.html").unwrap(), "<p>Intro.</p>");
    assert_ne!(old[0].0, new[0].0, "a new picture is published under a new name");
    assert!(!changed.output.files.contains_key(old[0].0.trim_start_matches('/')));
}

#[test]
fn serve_rebuilds_encode_nothing_after_an_unrelated_edit_and_equal_a_full_build() {
    let site = site_with_pictures();
    site.page("kb/setup.md", "title: Setup", "Steps.\n");
    let serve = BuildOptions { serve_mode: true, ..options(&site) };
    let mut cache = BuildCache::default();
    build_site_cached(&serve, &mut cache).unwrap();
    let before = cache_times(site.root());
    site.page("kb/setup.md", "title: Setup", "Steps, rewritten.\n");
    let rebuilt = build_site_cached(&serve, &mut cache).unwrap();
    assert_eq!(cache.stats.images_encoded, 0, "{:?}", cache.stats);
    assert_eq!(cache_times(site.root()), before);
    let full = build_site(&serve).unwrap();
    assert_eq!(rebuilt.output.files.keys().collect::<Vec<_>>(), full.output.files.keys().collect::<Vec<_>>());
    for (path, source) in &full.output.files {
        assert!(rebuilt.output.files[path].read().unwrap() == source.read().unwrap(), "{path} differs");
    }

    // The dev server answers with exactly the bytes `folio build` writes.
    let (server, lines) = support::serve::serve(&site, false);
    support::serve::wait_for_log(&lines, "Built");
    let log = lines.lock().unwrap().join("\n");
    assert!(log.contains("image copies: 0 made, 6 from the cache"), "{log}");
    let html = support::serve::get(&server, "/blog/launch/").body;
    let copies = srcset_after(&html, "<p>Intro.</p>");
    let built = build_site(&options(&site)).unwrap();
    // The preview differs from the published page only around the text (its address, live reload).
    assert_eq!(prose(&html), prose(&built.output.text("blog/launch/index.html").unwrap()));
    for (url, _) in &copies {
        let served = support::serve::get(&server, url);
        assert_eq!(served.status, 200, "{url}");
        let written = built.output.get(url.trim_start_matches('/')).unwrap().read().unwrap();
        assert_eq!(served.body, String::from_utf8_lossy(&written), "{url}");
    }
    assert_eq!(cache_times(site.root()), before, "serving encoded nothing again");
}

#[test]
fn a_broken_image_is_an_error_naming_the_page_line_and_what_to_do() {
    let site = TestSite::new();
    site.page("kb/a.md", "title: A", "Intro.\n\n![chart](chart.png)\n\n![gone](/images/gone.png)\n");
    site.file("content/kb/chart.png", "this is not a picture");
    assert_eq!(
        site.build_error(),
        "error: content/kb/a.md:6:1: image `chart.png` cannot be used: it is not a PNG, JPEG, GIF or WebP image\n  \
         help: replace the file with a PNG, JPEG, GIF, WebP or SVG image that opens in an image viewer\n\
         error: content/kb/a.md:8:1: image `/images/gone.png` points to a missing file: static/images/gone.png\n  \
         help: put the file at static/images/gone.png, beside the page, or write its full address (https://…) if another server publishes it"
    );
}

#[test]
fn a_picture_cut_short_is_an_error_naming_where_it_is_shown() {
    let site = TestSite::new();
    site.page("products/widget.md", "title: Widget\nimage: /images/widget.png", "About.\n");
    let whole = picture_bytes(400, 300, ImageFormat::Png);
    put(&site, "static/images/widget.png", &whole[..whole.len() / 2]);
    let error = site.build_error();
    assert!(
        error.starts_with("error: content/products/widget.md:3: image `/images/widget.png` cannot be used: it is damaged or cut short"),
        "{error}"
    );
    assert_contains(&error, &["help: replace the file with a PNG, JPEG, GIF, WebP or SVG image"]);

    // A file that is no image at all is found before any copy is made, at its front-matter line.
    site.file("static/images/widget.png", "<html>not an image</html>");
    assert_eq!(
        site.build_error(),
        "error: content/products/widget.md:3: image `/images/widget.png` cannot be used: it is not a PNG, JPEG, GIF or WebP image\n  \
         help: replace the file with a PNG, JPEG, GIF, WebP or SVG image that opens in an image viewer"
    );
}

#[test]
fn images_can_be_left_as_written_and_bad_settings_name_their_line() {
    let site = site_with_pictures();
    site.file("site.yaml", "title: T\nbase_url: https://example.com\nimages:\n  enabled: false\n");
    let built = site.build();
    let html = built.text("blog/launch/index.html");
    assert_contains(&html, &["<img src=\"/blog/launch/chart.png\" alt=\"A chart\" title=\"Sales\" />"]);
    assert_lacks(&prose(&html), &["<picture>", "loading=", "width="]);
    assert!(!built.built.output.files.keys().any(|k| k.ends_with(".webp")));

    site.file("site.yaml", "title: T\nbase_url: https://example.com\nimages:\n  widths: [480, 960]\n  quality: 0\n");
    assert_eq!(
        site.build_error(),
        "error: site.yaml:5: `images.quality` must be between 1 and 100, found 0\n  help: 80 keeps photos sharp at a fraction of their size"
    );
    site.file("site.yaml", "title: T\nbase_url: https://example.com\nimages:\n  format: [webp]\n");
    assert_contains(&site.build_error(), &["site.yaml:4", "format"]);
}
