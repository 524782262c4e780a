//! The help-center home: on a site with a knowledge base the home page leads with "How can we
//! help?" and its search box, then the articles to start from (most helpful by `feedback.data`,
//! else `featured: true`), then the categories, then the blog's latest posts; other sites, and
//! `help_center: false`, keep the plain home page.

use crate::support;

use support::site::{assert_contains, assert_lacks, TestSite};

const CONFIG: &str = "title: Acme\nbase_url: https://help.example.com\nlanguage: en\n";

fn help_site(config: &str) -> TestSite {
    let site = TestSite::with_config(config);
    site.page("kb/billing/_index.md", "title: Billing", "")
        .page(
            "kb/billing/invoices.md",
            "title: Invoices\nfeatured: true\nweight: 2\ndescription: Issue and resend",
            "Text.\n",
        )
        .page("kb/billing/refunds.md", "title: Refunds\nfeatured: true\nweight: 1", "Text.\n")
        .page("kb/billing/vat.md", "title: VAT", "Text.\n")
        .page("kb/account/_index.md", "title: Account", "")
        .page("kb/account/password.md", "title: Password", "Text.\n")
        .page("blog/2026-01-01-launch.md", "title: We launched", "Text.\n");
    site
}

fn assert_in_order(haystack: &str, needles: &[&str]) {
    let mut from = 0;
    for needle in needles {
        let at = haystack[from..].find(needle).unwrap_or_else(|| panic!("`{needle}` missing after byte {from}"));
        from += at + needle.len();
    }
}

#[test]
fn a_knowledge_site_home_leads_with_search_then_featured_articles_categories_and_posts() {
    let html = help_site(CONFIG).build().text("index.html");
    assert_in_order(
        &html,
        &[
            "<input id=\"search-input\"",
            "<h1 id=\"home-title\">How can we help?</h1>",
            "<form class=\"search-form search-form-hero\"",
            "data-id-prefix=\"help-search\"",
            "<input id=\"help-search-input\"",
            "aria-controls=\"help-search-listbox\"",
            "<h2 id=\"home-top-articles\">Start here</h2>",
            "<a class=\"help-top-link\" href=\"/kb/billing/refunds/\">Refunds</a>",
            "<a class=\"help-top-link\" href=\"/kb/billing/invoices/\">Invoices</a>",
            "<p class=\"help-top-summary\">Issue and resend</p>",
            "<h2 id=\"home-kb\">Knowledge base</h2>",
            "<h2 id=\"home-latest\">Latest posts</h2>",
            "We launched",
        ],
    );
    assert_eq!(html.matches("id=\"home-kb\"").count(), 1, "the categories are shown once");
    assert_lacks(&html, &["help-top-link\" href=\"/kb/billing/vat/", "help-top-score"]);
}

#[test]
fn feedback_data_ranks_the_most_helpful_articles() {
    let config = format!(
        "{CONFIG}feedback:\n  transport: endpoint\n  endpoint: https://forms.example.com/f\n  data: exports/feedback.csv\n  min_votes: 2\n"
    );
    let site = help_site(&config);
    site.file(
        "exports/feedback.csv",
        "url,page_id,vote,reason,text\n\
         ,kb/billing/vat.md,yes,,\n,kb/billing/vat.md,yes,,\n\
         ,kb/account/password.md,yes,,\n,kb/account/password.md,no,,\n,kb/account/password.md,yes,,\n\
         ,kb/billing/refunds.md,yes,,\n",
    );
    let html = site.build().text("index.html");
    assert_in_order(
        &html,
        &[
            "<h2 id=\"home-top-articles\">Most helpful articles</h2>",
            "href=\"/kb/billing/vat/\">VAT</a>",
            "100% of readers found this helpful (2 votes)",
            "href=\"/kb/account/password/\">Password</a>",
            "66% of readers found this helpful (3 votes)",
            "<h2 id=\"home-kb\">",
        ],
    );
    // Below `min_votes`, and featured pages, are not "most helpful".
    assert_lacks(&html, &["help-top-link\" href=\"/kb/billing/refunds/", "Start here"]);
}

#[test]
fn sites_without_a_knowledge_base_or_with_it_turned_off_keep_the_plain_home() {
    let off = help_site(&format!("{CONFIG}help_center: false\n")).build().text("index.html");
    assert_contains(&off, &["<h1 id=\"home-title\">Acme</h1>", "<h2 id=\"home-kb\">"]);
    assert_lacks(&off, &["How can we help?", "help-search", "home-top-articles"]);

    let blog = TestSite::with_config(CONFIG);
    blog.page("blog/2026-01-01-launch.md", "title: We launched", "Text.\n");
    let html = blog.build().text("index.html");
    assert_contains(&html, &["<h1 id=\"home-title\">Acme</h1>", "We launched"]);
    assert_lacks(&html, &["How can we help?", "help-search"]);
}

#[test]
fn a_hebrew_help_home_speaks_hebrew() {
    let site = TestSite::with_config("title: עזרה\nbase_url: https://help.example.com\nlanguage: he\n");
    site.page("kb/billing/vat.md", "title: מע\"מ\nfeatured: true", "טקסט.\n");
    let html = site.build().text("index.html");
    assert_contains(
        &html,
        &["<h1 id=\"home-title\">איך נוכל לעזור?</h1>", "<h2 id=\"home-top-articles\">התחילו כאן</h2>"],
    );

    // Vote counts take Hebrew's plural forms, the dual included, as on the page's own widget.
    let voted = TestSite::with_config(
        "title: עזרה\nbase_url: https://help.example.com\nlanguage: he\nfeedback:\n  transport: endpoint\n  endpoint: https://forms.example.com/f\n  data: exports/feedback.csv\n  min_votes: 2\n",
    );
    voted.page("kb/billing/vat.md", "title: מע\"מ", "טקסט.\n");
    voted.file("exports/feedback.csv", "url,page_id,vote\n,kb/billing/vat.md,yes\n,kb/billing/vat.md,yes\n");
    assert_contains(&voted.build().text("index.html"), &["100% מהקוראים מצאו את הדף מועיל (שתי הצבעות)"]);
}
