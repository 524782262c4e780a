//! Building fixture sites and checking the files they produce.

use crate::support;

use support::site::{assert_contains, assert_lacks, TestSite};

const HEBREW_CONFIG: &str = "title: אקמה\nbase_url: https://example.com\nlanguage: he\nauthor: dana\n";

/// A small Hebrew company site with every kind of page.
fn company_site() -> TestSite {
    let site = TestSite::with_config(HEBREW_CONFIG);
    site.page("_index.md", "title: ברוכים הבאים", "דף הבית.\n")
        .page("about.md", "title: אודות", "מי אנחנו.\n")
        .page("blog/_index.md", "title: בלוג", "")
        .page(
            "blog/2026-03-01-launch.md",
            "title: השקה\nupdated: 2026-04-02\ntags: [חדשות]",
            "פסקה ראשונה.\n\nראו [חשבוניות](@/kb/billing/invoices.md#ביטול-חשבונית).\n",
        )
        .page("authors/dana.md", "name: דנה לוי\nrole: מנכ\"לית\nphoto: /images/dana.svg", "ביוגרפיה.\n")
        .file("static/images/dana.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>")
        .page("kb/_index.md", "title: מאגר ידע", "")
        .page("kb/billing/_index.md", "title: חיוב", "")
        .page(
            "kb/billing/invoices.md",
            "title: חשבוניות\nproducts: [crm]",
            "## ביטול חשבונית\n\nטקסט. ראו [מדריך](../../guides/setup.md).\n",
        )
        .page("products/crm.md", "title: מערכת CRM\ndescription: ניהול לקוחות", "")
        .page("guides/setup.md", "title: התקנה\nproducts: [crm]", "## שלב 1\n");
    site
}

#[test]
fn pages_land_at_their_urls() {
    let out = company_site().build();
    for path in [
        "index.html",
        "about/index.html",
        "blog/index.html",
        "blog/launch/index.html",
        "authors/dana/index.html",
        "kb/index.html",
        "kb/billing/index.html",
        "kb/billing/invoices/index.html",
        "products/crm/index.html",
        "guides/setup/index.html",
        "404.html",
        "folio.css",
        "syntax-light.css",
        "syntax-dark.css",
        "images/dana.svg",
    ] {
        assert!(out.has(path), "missing {path}");
    }
}

#[test]
fn hebrew_page_gets_rtl_dir_and_hebrew_dates() {
    let html = company_site().build().text("blog/launch/index.html");
    assert_contains(
        &html,
        &["<html lang=\"he\" dir=\"rtl\"", "1 במרץ 2026", "2 באפריל 2026", "datetime=\"2026-03-01\""],
    );
}

#[test]
fn english_page_in_hebrew_site_is_ltr() {
    let site = company_site();
    site.page("blog/2026-05-01-hello.md", "title: Hello\nlang: en", "English text.\n");
    let html = site.build().text("blog/hello/index.html");
    assert_contains(&html, &["<html lang=\"en\" dir=\"ltr\"", "May 1, 2026"]);
}

#[test]
fn post_shows_byline_with_photo_and_role() {
    let html = company_site().build().text("blog/launch/index.html");
    assert_contains(&html, &["דנה לוי", "מנכ&quot;לית", "/images/dana.svg", "href=\"/authors/dana/\""]);
}

#[test]
fn internal_links_become_urls_with_anchors() {
    let out = company_site().build();
    // comrak percent-encodes the Hebrew anchor in the href; browsers decode it back to the heading id.
    let encoded = "#%D7%91%D7%99%D7%98%D7%95%D7%9C-%D7%97%D7%A9%D7%91%D7%95%D7%A0%D7%99%D7%AA";
    assert_contains(&out.text("blog/launch/index.html"), &[&format!("href=\"/kb/billing/invoices/{encoded}\"")]);
    assert_contains(&out.text("kb/billing/invoices/index.html"), &["href=\"/guides/setup/\""]);
}

#[test]
fn product_page_lists_guides_and_articles_naming_it() {
    let out = company_site().build();
    let product = out.text("products/crm/index.html");
    assert_contains(&product, &["href=\"/guides/setup/\"", "href=\"/kb/billing/invoices/\""]);
    assert_contains(&out.text("guides/setup/index.html"), &["href=\"/products/crm/\""]);
}

#[test]
fn home_shows_latest_posts_categories_and_products() {
    let home = company_site().build().text("index.html");
    assert_contains(&home, &["href=\"/blog/launch/\"", "href=\"/kb/billing/\"", "href=\"/products/crm/\""]);
}

#[test]
fn article_has_breadcrumbs_and_category() {
    let html = company_site().build().text("kb/billing/invoices/index.html");
    let crumbs = html.split("aria-current").next().unwrap();
    let order = ["href=\"/\"", "href=\"/kb/\"", "href=\"/kb/billing/\""];
    let mut last = 0;
    for needle in order {
        let at = crumbs[last..].find(needle).unwrap_or_else(|| panic!("{needle} not in order in {crumbs}"));
        last += at;
    }
}

#[test]
fn date_prefix_sets_date_and_slug() {
    let site = TestSite::new();
    site.page("blog/2025-12-24-holiday.md", "title: Holiday", "Text.\n");
    let html = site.build().text("blog/holiday/index.html");
    assert_contains(&html, &["December 24, 2025"]);
}

#[test]
fn page_bundle_publishes_its_files_beside_it() {
    let site = TestSite::new();
    site.page("blog/2026-01-05-big-news/index.md", "title: Big news", "![chart](chart.svg)\n")
        .file("content/blog/2026-01-05-big-news/chart.svg", "<svg/>");
    let out = site.build();
    assert!(out.has("blog/big-news/chart.svg"));
    assert_contains(&out.text("blog/big-news/index.html"), &["src=\"/blog/big-news/chart.svg\""]);
}

#[test]
fn images_beside_a_single_file_page_get_their_published_url() {
    let site = TestSite::new();
    site.page("kb/setup/wiring.md", "title: Wiring", "![diagram](wiring.png)\n\n[download](files/guide.pdf)\n")
        .picture("content/kb/setup/wiring.png", 8, 8)
        .file("content/kb/setup/files/guide.pdf", "pdf");
    let out = site.build();
    assert!(out.has("kb/setup/wiring.png"));
    assert_contains(
        &out.text("kb/setup/wiring/index.html"),
        &["src=\"/kb/setup/wiring.png\"", "href=\"/kb/setup/files/guide.pdf\""],
    );
}

#[test]
fn site_static_and_templates_override_the_theme_file_by_file() {
    let site = TestSite::new();
    site.page("about.md", "title: About", "Text.\n")
        .file("static/folio.css", "/* mine */")
        .file("templates/page.html", "<p>custom {{ page.title }} {{ page.extra.mood }}</p>");
    site.page("about.md", "title: About\nmood: sunny", "Text.\n");
    let out = site.build();
    assert_eq!(out.text("folio.css"), "/* mine */");
    assert_eq!(out.text("about/index.html"), "<p>custom About sunny</p>");
    assert_contains(&out.text("index.html"), &["<html"]);
}

#[test]
fn theme_folder_layers_over_the_default_theme() {
    let site = TestSite::with_config(&format!("{}theme: acme\n", support::site::MINIMAL_CONFIG));
    site.page("about.md", "title: About", "Text.\n")
        .file("themes/acme/templates/page.html", "acme {{ page.title }}")
        .file("themes/acme/static/acme.css", "body{}");
    let out = site.build();
    assert_eq!(out.text("about/index.html"), "acme About");
    assert!(out.has("acme.css"));
    assert!(out.has("folio.css"));
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let site = TestSite::new();
    site.page("blog/wip.md", "title: WIP\ndraft: true", "Text.\n");
    assert!(!site.build().has("blog/wip/index.html"));
    let built = site.try_build_with(folio::BuildOptions { drafts: true, ..Default::default() }).unwrap();
    assert!(built.output.files.contains_key("blog/wip/index.html"));
}

#[test]
fn front_matter_values_are_escaped_in_every_context() {
    let site = TestSite::new();
    let evil = r#"</script><script>alert("x")</script> & "quoted""#;
    let front = format!("title: '{evil}'\ndescription: '{evil}'\ndate: 2026-01-01\ntags: ['<b>t</b>']");
    site.page("blog/evil.md", &front, "Body.\n");
    let out = site.build();
    let html = out.text("blog/evil/index.html");
    assert_lacks(&html, &["<script>alert", "<b>t</b>"]);
    assert_contains(&html, &["&lt;/script&gt;", "\\u003c/script\\u003e"]);
    let home = out.text("index.html");
    assert_lacks(&home, &["<script>alert"]);
}

#[test]
fn raw_html_in_markdown_is_escaped_by_default() {
    let site = TestSite::new();
    site.page("about.md", "title: About", "<img src=x onerror=alert(1)>\n");
    let html = site.build().text("about/index.html");
    assert_lacks(&html, &["<img src=x"]);
    assert_contains(&html, &["&lt;img src=x onerror=alert(1)&gt;"]);
}

#[test]
fn raw_html_is_kept_when_the_site_allows_it() {
    let site = TestSite::with_config(&format!("{}markdown:\n  unsafe_html: true\n", support::site::MINIMAL_CONFIG));
    site.page("about.md", "title: About", "<mark>hi</mark>\n");
    assert_contains(&site.build().text("about/index.html"), &["<mark>hi</mark>"]);
}

#[test]
fn base_url_path_prefixes_every_link() {
    let site = TestSite::with_config("title: T\nbase_url: https://example.com/help/\nlanguage: en\n");
    site.page("kb/a.md", "title: A", "[b](b.md)\n").page("kb/b.md", "title: B", "Text.\n");
    let out = site.build();
    let html = out.text("kb/a/index.html");
    assert_contains(&html, &["href=\"/help/kb/b/\"", "/help/folio.css", "https://example.com/help/kb/a/"]);
    assert!(out.has("kb/a/index.html"), "files are still written at the output root");
}

#[test]
fn code_blocks_are_highlighted_and_ltr() {
    let site = TestSite::with_config(HEBREW_CONFIG.replace("author: dana\n", "").as_str());
    site.page("kb/api.md", "title: API", "```json\n{\"a\": 1}\n```\n");
    let out = site.build();
    assert_contains(&out.text("kb/api/index.html"), &["<pre class=\"code\" dir=\"ltr\" tabindex=\"0\">", "hl-"]);
    assert_contains(&out.text("syntax-dark.css"), &[".hl-"]);
}

#[test]
fn unknown_front_matter_key_that_looks_like_a_typo_warns() {
    let site = TestSite::new();
    site.page("about.md", "title: About\ndescripton: x\nhero: big", "Text.\n");
    let out = site.build();
    let warnings = out.warnings();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].starts_with("content/about.md:3:1: unknown front-matter key `descripton`"), "{warnings:?}");
}

#[test]
fn json_ld_describes_posts() {
    let out = company_site().build();
    let html = out.text("blog/launch/index.html");
    let start = html.find("application/ld+json").expect("json-ld script");
    let body = &html[html[start..].find('>').unwrap() + start + 1..];
    let json: serde_json::Value = serde_json::from_str(&body[..body.find("</script>").unwrap()]).unwrap();
    assert_eq!(json["@type"], "BlogPosting");
    assert_eq!(json["headline"], "השקה");
    assert_eq!(json["datePublished"], "2026-03-01");
    assert_eq!(json["author"][0]["name"], "דנה לוי");
}

#[cfg(unix)]
#[test]
fn symlink_leaving_the_site_is_refused() {
    let site = TestSite::new();
    site.page("about.md", "title: About", "Text.\n");
    let outside = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(outside.path(), "---\ntitle: secret\n---\nsecret\n").unwrap();
    std::os::unix::fs::symlink(outside.path(), site.path("content/secret.md")).unwrap();
    let err = site.build_error();
    assert_contains(&err, &["content/secret.md: symbolic link points outside the site"]);
}

#[test]
fn folder_language_applies_to_its_pages() {
    let site = TestSite::with_config(HEBREW_CONFIG.replace("author: dana\n", "").as_str());
    site.page("blog/_index.md", "title: Blog\nlang: en", "")
        .page("blog/2026-01-02-first.md", "title: First", "Text.\n")
        .page("blog/news/second.md", "title: Second\ndate: 2026-01-03", "Text.\n");
    let out = site.build();
    assert_contains(&out.text("blog/first/index.html"), &["<html lang=\"en\" dir=\"ltr\"", "January 2, 2026"]);
    assert_contains(&out.text("blog/news/second/index.html"), &["<html lang=\"en\""]);
    assert_contains(&out.text("index.html"), &["<html lang=\"he\""]);
}

#[test]
fn author_page_shows_photo_role_and_posts() {
    let out = company_site().build();
    let html = out.text("authors/dana/index.html");
    assert_contains(&html, &["/images/dana.svg", "מנכ&quot;לית", "href=\"/blog/launch/\"", "ביוגרפיה"]);
    assert_contains(&out.text("authors/index.html"), &["href=\"/authors/dana/\"", "/images/dana.svg"]);
}

#[test]
fn missing_author_photo_is_an_error() {
    let site = TestSite::new();
    site.page("authors/dana.md", "name: Dana\nphoto: /images/nope.svg", "");
    assert_eq!(
        site.build_error(),
        "error: content/authors/dana.md:3: `photo` `/images/nope.svg` does not exist (looked for /images/nope.svg)\n  help: put the file in static/ and write its path from there (/images/x.svg), or put it beside the page in a folder bundle"
    );
}

#[test]
fn overriding_one_page_template_leaves_the_others_alone() {
    let site = company_site();
    site.file("templates/page.html", "plain {{ page.title }}").file("templates/section.html", "folder");
    let out = site.build();
    assert_eq!(out.text("about/index.html"), "plain אודות");
    assert_contains(&out.text("kb/billing/invoices/index.html"), &["<article class=\"doc doc-article"]);
    assert_contains(&out.text("blog/index.html"), &["href=\"/blog/launch/\""]);
}

#[test]
fn markdown_and_files_inside_a_bundle_belong_to_it() {
    let site = TestSite::new();
    site.page("blog/2026-01-05-big-news/index.md", "title: Big news", "[notes](notes/data.csv)\n")
        .page("blog/2026-01-05-big-news/notes/draft.md", "title: Draft notes", "Not a page.\n")
        .file("content/blog/2026-01-05-big-news/notes/data.csv", "a,b\n")
        .page("blog/2026-01-05-big-news-more.md", "title: More news", "Beside the bundle, not in it.\n")
        // A bundle inside a bundle is part of the outer one, its files too (as in Hugo).
        .page("blog/2026-01-05-big-news/appendix/index.md", "title: Inner", "Not a page.\n")
        .file("content/blog/2026-01-05-big-news/appendix/chart.svg", "<svg/>");
    let out = site.build();
    assert!(out.has("blog/big-news/appendix/chart.svg"), "a nested bundle's file goes with the outer bundle");
    assert!(!out.has("blog/big-news/appendix/index.html") && !out.has("blog/appendix/index.html"));
    assert!(out.has("blog/big-news/notes/data.csv"));
    assert_contains(&out.text("blog/big-news/index.html"), &["href=\"/blog/big-news/notes/data.csv\""]);
    assert!(out.has("blog/big-news-more/index.html"), "a page whose name starts like a bundle's is its own page");
    assert!(!out.has("blog/big-news/notes/draft/index.html"), "Markdown inside a bundle is not a page");
    assert!(!out.text("blog/index.html").contains("Draft notes"));
}

#[test]
fn a_tag_is_shown_as_first_spelled_in_file_order_and_lists_its_pages_newest_first() {
    let site = TestSite::new();
    site.page("blog/a-old.md", "title: Old post\ndate: 2025-03-01\ntags: [Launch]", "Old.\n")
        .page("blog/b-new.md", "title: New post\ndate: 2026-03-01\ntags: [launch]", "New.\n")
        .page("blog/c-same-day.md", "title: Another new post\ndate: 2026-03-01\ntags: [LAUNCH]", "New too.\n");
    let out = site.build();
    let term = out.text("tags/launch/index.html");
    assert_contains(&term, &["Launch"]);
    let at = |title: &str| term.find(title).unwrap_or_else(|| panic!("{title} is not on the tag's page"));
    assert!(at("Another new post") < at("New post"), "same day: by title");
    assert!(at("New post") < at("Old post"), "newest first");
    let tags = out.text("tags/index.html");
    assert_contains(&tags, &[">Launch<"]);
    assert!(!tags.contains(">launch<") && !tags.contains(">LAUNCH<"), "one term, spelled as on the first file");
}
