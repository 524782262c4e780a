//! The navigation of a knowledge section beside its articles, guides and category pages: its
//! contents and order, the current page, and what a title edit re-renders.

use crate::support;

use folio::{build_site, build_site_cached, BuildCache, BuildOptions};
use support::site::{assert_contains, assert_lacks, TestSite};

const CONFIG: &str = "title: Acme Help\nbase_url: https://help.example.com\nlanguage: en\n";

fn kb_site() -> TestSite {
    let site = TestSite::with_config(CONFIG);
    site.page("kb/_index.md", "title: Help", "")
        .page("kb/start.md", "title: Start here", "Text.\n")
        .page("kb/billing/_index.md", "title: Billing\nweight: 2", "")
        .page("kb/billing/vat.md", "title: VAT\nweight: 1", "Text.\n")
        .page("kb/billing/refunds.md", "title: Refunds\nweight: 1", "Text.\n")
        .page("kb/billing/invoices.md", "title: Invoices\nweight: 0", "Text.\n")
        .page("kb/billing/cards/_index.md", "title: Cards", "")
        .page("kb/billing/cards/expired.md", "title: Expired cards", "Text.\n")
        .page("kb/account/_index.md", "title: Account\nweight: 1", "")
        .page("kb/account/password.md", "title: Password", "Text.\n")
        .page("guides/setup.md", "title: Setting up\nweight: 2", "Text.\n")
        .page("guides/import.md", "title: Importing\nweight: 1", "Text.\n")
        .page("blog/2026-01-01-news.md", "title: News", "Text.\n")
        .page("about.md", "title: About", "Text.\n");
    site
}

/// The navigation's HTML in a page: from `<details class="section-nav">` to its end.
fn nav(html: &str) -> &str {
    let start = html.find("<details class=\"section-nav\">").unwrap_or_else(|| panic!("no section nav in:\n{html}"));
    let end = start + html[start..].find("</nav>\n</details>").expect("the nav ends");
    &html[start..end]
}

/// The positions of `needles` in `haystack`, asserting each is there and they come in this order.
fn assert_in_order(haystack: &str, needles: &[&str]) {
    let mut from = 0;
    for needle in needles {
        let at = haystack[from..]
            .find(needle)
            .unwrap_or_else(|| panic!("`{needle}` missing after byte {from} in:\n{haystack}"));
        from += at + needle.len();
    }
}

#[test]
fn an_article_shows_its_section_with_itself_current_and_its_category_open() {
    let out = kb_site().build();
    let html = out.text("kb/billing/refunds/index.html");
    assert_contains(
        &html,
        &[
            "<div class=\"wrap has-section-nav\">",
            "<summary class=\"section-nav-toggle\">Browse this section</summary>",
        ],
    );
    let nav = nav(&html);
    // Categories by weight (Account 1, Billing 2), then the articles filed in kb/ itself; inside a
    // category its sub-categories first, then its articles by weight, then title.
    assert_in_order(
        nav,
        &[
            "<a class=\"section-nav-root\" href=\"/kb/\">Help</a>",
            "<li><details><summary>Account</summary>",
            "href=\"/kb/account/password/\">Password</a>",
            "<li><details open><summary>Billing</summary>",
            "<a class=\"section-nav-overview\" href=\"/kb/billing/\">Overview</a>",
            "<summary>Cards</summary>",
            "href=\"/kb/billing/cards/expired/\">Expired cards</a>",
            "href=\"/kb/billing/invoices/\">Invoices</a>",
            "<a href=\"/kb/billing/refunds/\" aria-current=\"page\">Refunds</a>",
            "href=\"/kb/billing/vat/\">VAT</a>",
            "href=\"/kb/start/\">Start here</a>",
        ],
    );
    assert_eq!(nav.matches("aria-current=\"page\"").count(), 1, "{nav}");
    assert_eq!(nav.matches("<details open>").count(), 1, "only the way to the current page is open: {nav}");
    assert_lacks(nav, &["Setting up", "News", "About"]);
}

#[test]
fn a_category_page_is_current_and_open_and_guides_have_their_own_nav() {
    let out = kb_site().build();
    let category = out.text("kb/billing/cards/index.html");
    let nav = nav(&category);
    assert_in_order(
        nav,
        &[
            "<li><details open><summary>Billing</summary>",
            "<li><details open><summary>Cards</summary>",
            "<a class=\"section-nav-overview\" href=\"/kb/billing/cards/\" aria-current=\"page\">Overview</a>",
        ],
    );
    assert_eq!(nav.matches("aria-current").count(), 1);

    let guide = out.text("guides/setup/index.html");
    let nav = nav_of(&guide);
    assert_in_order(nav, &["href=\"/guides/import/\">Importing</a>", "aria-current=\"page\">Setting up</a>"]);
    assert_lacks(nav, &["Billing"]);
    for plain in ["blog/news/index.html", "about/index.html", "kb/index.html", "index.html"] {
        assert_lacks(&out.text(plain), &["section-nav"]);
    }
}

#[test]
fn a_large_section_lists_only_the_pages_on_the_way_to_the_current_one() {
    let site = kb_site();
    for i in 0..210 {
        site.page(&format!("kb/bulk/b{i:03}.md"), &format!("title: Bulk {i:03}"), "Text.\n");
    }
    let out = site.build();
    let nav = nav(&out.text("kb/billing/vat/index.html")).to_string();
    assert_contains(&nav, &["href=\"/kb/billing/refunds/\">Refunds</a>", "<a href=\"/kb/bulk/\">bulk</a>"]);
    assert_lacks(&nav, &["Bulk 001", "Password"]);
    // In its own large category a page lists a window of 30 pages around itself, and links to the rest.
    let bulk = out.text("kb/bulk/b100/index.html");
    let nav = nav_of(&bulk);
    assert_contains(
        nav,
        &[
            "aria-current=\"page\">Bulk 100</a>",
            "Bulk 085",
            "Bulk 114",
            "<a class=\"section-nav-more\" href=\"/kb/bulk/\">180 more in this category</a>",
        ],
    );
    assert_lacks(nav, &["Bulk 084", "Bulk 115"]);
    assert_eq!(nav.matches("<li><a href=\"/kb/bulk/b").count(), 30, "30 bulk pages: {nav}");
    // The closed categories are links, one entry a line without wrapper classes.
    assert_contains(
        nav,
        &["\n<li><a href=\"/kb/account/\">Account</a></li>\n", "\n<li><a href=\"/kb/start/\">Start here</a></li>\n"],
    );
    assert_lacks(nav, &["<li class=", "  <li"]);
    let last = out.text("kb/bulk/b209/index.html");
    assert_contains(nav_of(&last), &["Bulk 180", "aria-current=\"page\">Bulk 209</a>"]);
}

fn nav_of(html: &str) -> &str {
    nav(html)
}

#[test]
fn retitling_an_article_re_renders_its_section_only() {
    let site = kb_site();
    let options = BuildOptions { root: site.root().to_path_buf(), ..Default::default() };
    let mut cache = BuildCache::default();
    build_site_cached(&options, &mut cache).unwrap();
    site.page("kb/account/password.md", "title: Passwords and sign-in", "Text.\n");
    let incremental = build_site_cached(&options, &mut cache).unwrap();
    let rendered = cache.rendered.clone();
    for page in ["kb/billing/refunds/index.html", "kb/billing/cards/index.html", "kb/account/password/index.html"] {
        assert!(rendered.iter().any(|r| r == page), "{page} shows the title and must re-render: {rendered:?}");
    }
    for page in ["guides/setup/index.html", "blog/news/index.html", "about/index.html"] {
        assert!(!rendered.iter().any(|r| r == page), "{page} does not show it: {rendered:?}");
    }
    let full = build_site(&options).unwrap();
    for (path, _) in full.output.files.iter() {
        assert_eq!(incremental.output.text(path), full.output.text(path), "{path} differs from a full build");
    }
    assert_contains(nav(&incremental.output.text("kb/billing/vat/index.html").unwrap()), &["Passwords and sign-in"]);
}

#[test]
fn the_nav_mirrors_in_hebrew() {
    let site = TestSite::with_config("title: עזרה\nbase_url: https://help.example.com\nlanguage: he\n");
    site.page("kb/billing/_index.md", "title: חיוב", "").page("kb/billing/vat.md", "title: מע\"מ", "Text.\n");
    let html = site.build().text("kb/billing/vat/index.html");
    assert_contains(
        &html,
        &[
            "<html lang=\"he\" dir=\"rtl\">",
            "<summary class=\"section-nav-toggle\">עיון במדור</summary>",
            "aria-label=\"הדפים במדור\"",
        ],
    );
}
