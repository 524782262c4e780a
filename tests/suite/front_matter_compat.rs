//! Content written for Hugo, Jekyll and Zola builds: TOML front matter between `+++`, their names
//! for dates, summaries and images, Zola's tables, and keys that mean nothing here named once.

use crate::support;

use support::site::{assert_contains, assert_lacks, TestSite};

#[test]
fn hugo_toml_front_matter_builds_with_its_keys_mapped() {
    let site = TestSite::new();
    site.picture("static/img/cover.png", 8, 8).file(
        "content/blog/2020-05-01-hello.md",
        "+++\ntitle = \"Hello, Hugo\"\ndate = 2020-05-01T10:00:00+03:00\nlastmod = 2020-06-02\nslug = \"hi\"\n\
         summary = \"A short summary.\"\ntags = [\"Go\", \"Static sites\"]\ncategories = [\"News\"]\ndraft = false\n\
         images = [\"/img/cover.png\", \"/img/other.png\"]\naliases = [\"/2020/05/hello/\"]\nlayout = \"post\"\n+++\n\nBody **text**.\n",
    );
    site.file(
        "content/blog/2020-06-01-second.md",
        "+++\ntitle = \"Second\"\nlayout = \"post\"\npublishDate = 2020-06-01\n+++\nMore.\n",
    );
    let built = site.build();
    let post = built.text("blog/hi/index.html");
    assert_contains(
        &post,
        &[
            "<h1>Hello, Hugo</h1>",
            "<strong>text</strong>",
            "2020-06-02",
            "/img/cover.png",
            "href=\"/tags/static-sites/\"",
        ],
    );
    assert_contains(&built.text("2020/05/hello/index.html"), &["url=https://example.com/blog/hi/"]);
    assert!(built.has("categories/news/index.html"));
    assert_contains(&built.text("blog/second/index.html"), &["datetime=\"2020-06-01\""]);
    // `layout` is on two pages and named once, with the count.
    let warnings = built.warnings();
    let layout: Vec<&String> = warnings.iter().filter(|w| w.contains("`layout`")).collect();
    assert_eq!(layout.len(), 1, "{warnings:?}");
    assert_eq!(
        *layout[0],
        "content/blog/2020-05-01-hello.md:12:1: front-matter key `layout` has no meaning in Folio\n  help: Hugo and Jekyll choose a template with it; Folio uses `template`; it is kept as page.extra.layout (1 other page has it)"
    );
}

#[test]
fn jekyll_front_matter_builds() {
    let site = TestSite::new();
    site.page(
        "blog/2019-05-01-welcome.md",
        "title: Welcome\ndate: 2019-05-01 10:00:00 +0300\nexcerpt: Our first post.\ntags: [jekyll]\npermalink: /blog/welcome.html",
        "Hi.\n",
    )
    .page("blog/2019-05-02-hidden.md", "title: Hidden\npublished: false", "Not yet.\n");
    let built = site.build();
    let post = built.text("blog/welcome/index.html");
    assert_contains(
        &post,
        &[
            "<meta name=\"description\" content=\"Our first post.\">",
            "datetime=\"2019-05-01\"",
            "href=\"/tags/jekyll/\"",
        ],
    );
    assert!(!built.has("blog/hidden/index.html"), "published: false is a draft");
    assert_contains(&built.warnings().join("\n"), &["front-matter key `permalink` has no meaning in Folio"]);
}

#[test]
fn zola_tables_and_expiry_are_read() {
    let site = TestSite::new();
    site.file(
        "content/blog/2021-01-01-zola.md",
        "+++\ntitle = \"From Zola\"\ndate = 2021-01-01\n[taxonomies]\ntags = [\"rust\"]\n[extra]\nhero = \"red\"\n+++\nText.\n",
    )
    .file("content/blog/2021-01-02-gone.md", "+++\ntitle = \"Expired\"\nexpiryDate = 2022-01-01\n+++\nOld.\n")
    .file("templates/post.html", "{% extends \"document.html\" %}{% block doc_footer %}<p class=\"hero\">{{ page.extra.hero }}</p>{% endblock doc_footer %}");
    let built = site.build();
    assert_contains(&built.text("blog/zola/index.html"), &["<p class=\"hero\">red</p>"]);
    assert_contains(&built.text("tags/rust/index.html"), &["From Zola"]);
    assert!(!built.has("blog/gone/index.html"), "expiryDate in the past keeps the page out");
    assert!(built.warnings().is_empty(), "{:?}", built.warnings());
}

#[test]
fn toml_errors_name_the_line_in_the_file() {
    let site = TestSite::new();
    site.file("content/about.md", "+++\ntitle = \"About\"\ntags = [\"a\"\n+++\nText.\n");
    let err = site.build_error();
    assert_contains(&err, &["content/about.md:3:", "front matter is not valid TOML"]);
    let unclosed = TestSite::new();
    unclosed.file("content/about.md", "+++\ntitle = \"About\"\n");
    assert_contains(
        &unclosed.build_error(),
        &["front matter starts with `+++` but is never closed", "add a line with just `+++`"],
    );
    let wrong_type = TestSite::new();
    wrong_type.file("content/about.md", "+++\ntitle = \"About\"\ndraft = \"maybe\"\n+++\n");
    let err = wrong_type.build_error();
    assert_contains(&err, &["content/about.md:3:1: `draft`: invalid type: string \"maybe\", expected a boolean"]);
    assert_lacks(&err, &["panicked"]);
}
