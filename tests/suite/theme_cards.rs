//! Page cards, related pages and tables of contents that Folio writes once or in Rust instead of
//! through the default partials (`card_html`, `related_html`, `toc_html`): lists show the partials'
//! own HTML, and a site that overrides those partials, or reads `page.related` itself, still gets
//! what its templates say.

use crate::support;

use support::site::{assert_contains, assert_lacks, TestSite};

const CONFIG: &str = "title: Acme\nbase_url: https://example.com\nlanguage: en\n";

fn blog_site() -> TestSite {
    let site = TestSite::with_config(CONFIG);
    site.page("blog/_index.md", "title: Blog", "")
        .page("authors/noa.md", "title: Noa", "Writes.\n")
        .page(
            "blog/launch.md",
            "title: Launch & <more>\ndate: 2026-01-02\nauthors: [noa]\ntags: [news, launch]\ndescription: The day.",
            "## One\n\nText.\n\n## Two\n\nText about the launch day.\n",
        )
        .page(
            "blog/later.md",
            "title: Later\ndate: 2026-02-03\nauthors: [noa]\ntags: [news]",
            "Text about the launch day, later.\n",
        );
    site
}

#[test]
fn a_card_is_the_same_on_every_list_that_shows_it() {
    let out = blog_site().build();
    let card = "<article class=\"card page-card kind-post\">\n<h2 class=\"card-title\"><a href=\"/blog/launch/\">\
                Launch &amp; &lt;more&gt;</a></h2>\n<p class=\"card-text\">The day.</p>";
    for list in ["blog/index.html", "tags/news/index.html", "tags/launch/index.html"] {
        assert_contains(&out.text(list), &[card, "<p class=\"card-authors\">By <bdi>Noa</bdi></p>"]);
    }
    // The author's page lists the posts under a heading: its cards' titles are one level down.
    let author = out.text("authors/noa/index.html");
    assert_contains(
        &author,
        &["<h3 class=\"card-title\"><a href=\"/blog/launch/\">Launch &amp; &lt;more&gt;</a></h3>"],
    );
}

#[test]
fn an_overridden_card_partial_is_used_on_every_list() {
    let site = blog_site();
    site.file("templates/partials/page-card.html", "<p class=\"my-card\">{{ p.title }} on {{ current_url }}</p>");
    let out = site.build();
    assert_contains(&out.text("tags/news/index.html"), &["<p class=\"my-card\">Later on /tags/news/</p>"]);
    assert_contains(&out.text("authors/noa/index.html"), &["<p class=\"my-card\">Later on /authors/noa/</p>"]);
    assert_lacks(&out.text("blog/index.html"), &["class=\"card page-card"]);
}

#[test]
fn related_pages_and_contents_are_the_partials_own() {
    let html = blog_site().build().text("blog/launch/index.html");
    assert_contains(
        &html,
        &[
            "<aside class=\"toc\">\n<nav aria-labelledby=\"toc-heading\">\n<h2 id=\"toc-heading\" \
             class=\"toc-heading\">On this page</h2>\n<ol role=\"list\">\n<li class=\"toc-l2\"><a href=\"#one\">One</a></li>",
            "<section class=\"related\" aria-labelledby=\"related-heading\">",
            "<li>\n<a href=\"/blog/later/\">Later</a>\n<span class=\"badge\">Post</span>\n</li>",
        ],
    );
}

#[test]
fn a_site_template_reading_related_pages_gets_them() {
    let site = blog_site();
    site.file(
        "templates/post.html",
        "{% extends \"document.html\" %}{% block eyebrow %}<p class=\"mine\">{{ page.related | length }} \
         {% for r in page.related %}{{ r.title }}{% endfor %}</p>{% endblock eyebrow %}",
    );
    let html = site.build().text("blog/launch/index.html");
    assert_contains(&html, &["<p class=\"mine\">1 Later</p>", "<section class=\"related\""]);
}

#[test]
fn overridden_related_and_contents_partials_are_used() {
    let site = blog_site();
    site.file("templates/partials/related.html", "<p class=\"my-related\">{{ page.related | length }}</p>");
    site.file("templates/partials/toc.html", "<p class=\"my-toc\">{{ page.toc | length }}</p>");
    let html = site.build().text("blog/launch/index.html");
    assert_contains(&html, &["<p class=\"my-related\">1</p>", "<p class=\"my-toc\">2</p>"]);
    assert_lacks(&html, &["<section class=\"related\"", "<aside class=\"toc\">"]);
}
