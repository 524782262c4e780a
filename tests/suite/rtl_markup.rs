//! Mixed text in the generated chrome: names, tags and product names are isolated from the text
//! around them, code is marked left to right, the page `<title>` keeps a Hebrew title's punctuation in
//! place; and the theme's stylesheet uses no physical left/right, so it mirrors by itself.

use crate::support;

use std::path::Path;
use support::site::{assert_contains, assert_lacks, TestSite};

/// A Hebrew site with an English-named author, English tags and product, and a verified article.
fn hebrew_site() -> TestSite {
    let site = TestSite::with_config(
        "title: Acme עזרה\nbase_url: https://help.example.com\nlanguage: he\ntrust:\n  verified_by: Support team\n",
    );
    site.page("authors/dana.md", "name: Dana Levi\nrole: CEO", "Dana.\n")
        .page("products/router.md", "title: Router X1", "A router.\n")
        .page(
            "blog/2026-03-01-news.md",
            "title: מה חדש ב-Folio?\nauthor: dana\ntags: [C++, חדשות]\ndescription: תקציר",
            "הריצו `folio build` עכשיו.\n\n```bash\nfolio serve\n```\n",
        )
        .page("kb/billing/tip.md", "title: טיפ\nsource: community\nstatus: approved\ncontributor: Noa K.", "טיפ.\n")
        .page("kb/billing/own.md", "title: חשבוניות\nproducts: [router]", "טקסט.\n");
    site
}

#[test]
fn names_tags_and_products_are_isolated_in_hebrew_chrome() {
    let built = hebrew_site().build();
    let post = built.text("blog/news/index.html");
    assert_contains(
        &post,
        &[
            // The byline name and the tags decide their own direction, apart from the text around them.
            "<a class=\"byline-name\" href=\"/authors/dana/\" dir=\"auto\">Dana Levi</a>",
            "rel=\"tag\" dir=\"auto\">C++</a>",
            // "About {name}" holds the name in <bdi>, escaped inside.
            "קצת על <bdi>Dana Levi</bdi>",
            // Code blocks are marked left to right in the markup itself (feed readers have no stylesheet).
            "<pre class=\"code\" dir=\"ltr\" tabindex=\"0\">",
        ],
    );
    let list = built.text("blog/index.html");
    assert_contains(&list, &["<bdi>Dana Levi</bdi>"]);
    assert_contains(&built.text("tags/index.html"), &["dir=\"auto\">C++</a>"]);
    let article = built.text("kb/billing/own/index.html");
    assert_contains(&article, &["<bdi>Support team</bdi>", "href=\"/products/router/\" dir=\"auto\">Router X1</a>"]);
    assert_contains(&built.text("kb/billing/tip/index.html"), &["<bdi>Noa K.</bdi>"]);
}

#[test]
fn previous_and_next_titles_in_another_language_keep_their_direction() {
    let site = TestSite::with_config("title: T\nbase_url: https://e.com\nlanguage: he\n");
    site.page("kb/billing/a.md", "title: Getting started?\nlang: en\nweight: 1", "A.\n")
        .page("kb/billing/b.md", "title: חשבוניות\nweight: 2", "ב.\n")
        .page("kb/billing/c.md", "title: קבלות\nweight: 3", "ג.\n");
    let page = site.build().text("kb/billing/b/index.html");
    assert_contains(
        &page,
        &[
            "<span class=\"page-nav-title\" lang=\"en\" dir=\"ltr\">Getting started?</span>",
            "<span class=\"page-nav-title\">קבלות</span>",
        ],
    );
}

#[test]
fn a_hebrew_page_title_ends_with_a_right_to_left_mark_and_meta_stays_plain() {
    let built = hebrew_site().build();
    let post = built.text("blog/news/index.html");
    // The mark keeps "?" after "Folio" and the site's name after both, in the browser's tab too.
    assert_contains(&post, &["<title>מה חדש ב-Folio?&rlm; · Acme עזרה</title>"]);
    assert_contains(&post, &["<meta property=\"og:title\" content=\"מה חדש ב-Folio?\">"]);
    assert_lacks(&post, &["content=\"מה חדש ב-Folio?&rlm;", "<bdi>מה", "&lt;bdi&gt;"]);
    // English pages are left as they were.
    let site = TestSite::new();
    site.page("about.md", "title: About us?", "Text.\n");
    assert_contains(&site.build().text("about/index.html"), &["<title>About us? · Test Site</title>"]);
}

#[test]
fn names_with_markup_characters_are_escaped_inside_bdi() {
    let site = TestSite::with_config("title: T\nbase_url: https://e.com\nlanguage: he\n");
    site.page("authors/x.md", "name: \"<b>Tom & Jerry</b>\"", "X.\n").page(
        "blog/2026-03-01-a.md",
        "title: א\nauthor: x",
        "א.\n",
    );
    let post = site.build().text("blog/a/index.html");
    assert_contains(&post, &["<bdi>&lt;b&gt;Tom &amp; Jerry&lt;&#x2F;b&gt;</bdi>"]);
    assert_lacks(&post, &["<b>Tom"]);
}

/// Physical sides in the theme's stylesheet, outside comments: each would stay put when the page mirrors.
#[test]
fn theme_stylesheet_uses_only_logical_sides() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/css");
    let physical = [
        "margin-left",
        "margin-right",
        "padding-left",
        "padding-right",
        "border-left",
        "border-right",
        "border-top-left",
        "border-top-right",
        "border-bottom-left",
        "border-bottom-right",
        "text-align: left",
        "text-align: right",
        "float:",
        "clear:",
        "background-position",
        "[dir=",
    ];
    let mut found = Vec::new();
    let mut parts: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    parts.sort();
    assert!(parts.len() > 10, "expected the component sheets in {}", dir.display());
    for path in parts {
        let text = std::fs::read_to_string(&path).unwrap();
        for (n, line) in without_comments(&text).lines().enumerate() {
            let line = line.trim();
            let property = line.split(':').next().unwrap_or("").trim();
            let physical_inset = matches!(property, "left" | "right") && line.contains(':');
            if physical_inset || physical.iter().any(|p| line.contains(p)) {
                found.push(format!("{}:{}: {line}", path.file_name().unwrap().to_string_lossy(), n + 1));
            }
        }
    }
    assert!(found.is_empty(), "use logical properties (inline-start/end, :dir()) instead:\n{}", found.join("\n"));
}

/// `text` with its `/* … */` comments blanked, line breaks kept so line numbers still match.
fn without_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        let end = rest[start..].find("*/").map_or(rest.len(), |e| start + e + 2);
        out.extend(rest[start..end].chars().filter(|&c| c == '\n'));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}
