//! Editing a picture in `folio serve` re-renders only the pages that show it — in their text, as
//! their own image, as a photo in a byline or on a card — and the result equals a full build.

use crate::support;

use folio::{build_site, build_site_cached, BuildCache, BuildOptions, Output};
use support::site::TestSite;

fn site() -> TestSite {
    let site = TestSite::with_config(&format!("{}markdown:\n  unsafe_html: true\n", support::site::MINIMAL_CONFIG));
    site.picture("static/images/dana.jpg", 300, 300)
        .picture("static/images/omer.png", 200, 200)
        .picture("static/images/widget.png", 400, 300)
        .picture("static/images/chart.png", 800, 400)
        .picture("static/images/raw.png", 500, 250)
        .page("authors/dana.md", "name: Dana\nphoto: /images/dana.jpg", "Bio.\n")
        .page("products/widget.md", "title: Widget\nimage: /images/widget.png", "About it.\n")
        .page("blog/2026-01-01-one.md", "title: One\nauthor: {name: Omer, photo: /images/omer.png}", "First.\n")
        .page("blog/2026-01-02-two.md", "title: Two\nauthor: dana", "Second.\n")
        .page("kb/setup/charts.md", "title: Charts", "Intro.\n\n![Chart](/images/chart.png)\n")
        .page("kb/setup/raw.md", "title: Raw", "Intro.\n\n<img src=\"/images/raw.png\" alt=\"Raw\">\n")
        .page("kb/setup/guide.md", "title: Guide\nproducts: [widget]", "Steps.\n")
        .page("about.md", "title: About", "About us.\n");
    for i in 0..10 {
        site.page(&format!("kb/more/m{i}.md"), &format!("title: More {i}"), "Steps.\n");
    }
    site
}

fn serve_options(site: &TestSite) -> BuildOptions {
    BuildOptions { root: site.root().to_path_buf(), serve_mode: true, ..Default::default() }
}

fn assert_same_output(a: &Output, b: &Output) {
    let names = |o: &Output| o.files.keys().cloned().collect::<Vec<_>>();
    assert_eq!(names(a), names(b));
    for (path, source) in &b.files {
        assert!(a.files[path].read().unwrap() == source.read().unwrap(), "{path} differs from a full build");
    }
}

/// Rewrites one picture (a new size, so its markup changes) as the dev server sees it, and returns
/// the HTML pages the cached rebuild rendered again, checking it equals a full build.
fn edit_picture(site: &TestSite, cache: &mut BuildCache, rel: &str, width: u32, height: u32) -> Vec<String> {
    site.picture(rel, width, height);
    cache.changed = Some(vec![site.path(rel)]);
    let rebuilt = build_site_cached(&serve_options(site), cache).unwrap();
    assert_same_output(&rebuilt.output, &build_site(&serve_options(site)).unwrap().output);
    let mut rendered: Vec<String> = cache.rendered.iter().filter(|p| p.ends_with(".html")).cloned().collect();
    rendered.sort();
    rendered
}

#[test]
fn editing_a_picture_re_renders_only_the_pages_that_show_it() {
    let site = site();
    let mut cache = BuildCache::default();
    build_site_cached(&serve_options(&site), &mut cache).unwrap();

    // In the text of one page (below its first paragraph, so no list shows it).
    assert_eq!(edit_picture(&site, &mut cache, "static/images/chart.png", 600, 400), ["kb/setup/charts/index.html"]);
    assert_eq!(edit_picture(&site, &mut cache, "static/images/raw.png", 400, 400), ["kb/setup/raw/index.html"]);
    // The photo of an author without a page: the post, and the lists whose cards show its byline.
    assert_eq!(
        edit_picture(&site, &mut cache, "static/images/omer.png", 100, 120),
        ["blog/index.html", "blog/one/index.html", "index.html"]
    );
    // A product's picture: its page and tile lists (the products list, the home page, the search
    // page's product filter), the guide whose product box shows it, and its category's list, whose
    // card of that guide carries the box. Its neighbours in the category link to it by title and
    // address only, and no page lists it as related here, so they stay.
    assert_eq!(
        edit_picture(&site, &mut cache, "static/images/widget.png", 300, 300),
        [
            "index.html",
            "kb/setup/guide/index.html",
            "kb/setup/index.html",
            "products/index.html",
            "products/widget/index.html",
            "search/index.html",
        ]
    );
    // An author page's photo: the author's page and list, the post whose byline shows it, and the
    // lists whose cards show that byline.
    assert_eq!(
        edit_picture(&site, &mut cache, "static/images/dana.jpg", 250, 300),
        ["authors/dana/index.html", "authors/index.html", "blog/index.html", "blog/two/index.html", "index.html"]
    );
    // A picture nobody shows re-renders nothing.
    site.picture("static/images/unused.png", 50, 50);
    build_site_cached(&serve_options(&site), &mut cache).unwrap();
    assert!(edit_picture(&site, &mut cache, "static/images/unused.png", 60, 60).is_empty(), "{:?}", cache.rendered);
}
