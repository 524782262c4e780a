//! The knowledge site: trust badges, review dates, publishing rules, tables of contents and
//! previous/next links, on fixture sites.

use crate::support;

use folio::BuildOptions;
use support::site::{assert_contains, assert_lacks, TestSite};

const CONFIG: &str = "title: Acme Help\nbase_url: https://help.example.com\nlanguage: en\n";

fn kb_site(config: &str) -> TestSite {
    let site = TestSite::with_config(config);
    site.page("kb/_index.md", "title: Help", "")
        .page("kb/billing/_index.md", "title: Billing", "")
        .page("kb/billing/invoices.md", "title: Invoices\nweight: 1\nverified_on: 2026-05-04", "Text.\n")
        .page("kb/billing/refunds.md", "title: Refunds\nweight: 2", "Text.\n")
        .page("kb/billing/vat.md", "title: VAT\nweight: 3", "Text.\n");
    site
}

#[test]
fn community_articles_wait_for_approval_unless_the_site_says_otherwise() {
    let site = kb_site(CONFIG);
    site.page("kb/billing/tip.md", "title: A customer tip\nsource: community\ncontributor: Noa", "Tip.\n").page(
        "kb/billing/trick.md",
        "title: Approved trick\nsource: community\nstatus: approved",
        "Trick.\n",
    );
    let out = site.build();
    assert!(!out.has("kb/billing/tip/index.html"), "unapproved community articles are not published");
    assert!(out.has("kb/billing/trick/index.html"));
    assert_lacks(&out.text("kb/billing/index.html"), &["A customer tip"]);
    assert!(out.built.summary.line().ends_with(" (left out: 1 unapproved)"), "{}", out.built.summary.line());

    let preview = site.try_build_with(BuildOptions { drafts: true, ..Default::default() }).unwrap();
    assert!(preview.output.text("kb/billing/tip/index.html").is_some(), "--drafts previews them");
    assert_eq!(preview.unpublished["kb/billing/tip/index.html"].1.name(), "unapproved");

    let open = kb_site(&format!("{CONFIG}trust:\n  require_approval: false\n"));
    open.page("kb/billing/tip.md", "title: A customer tip\nsource: community\ncontributor: Noa", "Tip.\n");
    let html = open.build().text("kb/billing/tip/index.html");
    assert_contains(
        &html,
        &[
            "<div class=\"trust trust-community\" role=\"note\">",
            "<span class=\"badge badge-community\">Community contribution</span>",
            "Written by <bdi>Noa</bdi>, a member of our community. Not verified by our team.",
        ],
    );
    assert_lacks(&html, &["Verified by"]);
    assert_contains(&open.build().text("kb/billing/index.html"), &["badge-community"]);
}

#[test]
fn company_articles_say_who_verified_them_and_when() {
    let site = kb_site(&format!("{CONFIG}trust:\n  verified_by: the Support team\n"));
    site.page("kb/billing/own.md", "title: Own\nverified_by: Billing experts", "Text.\n");
    let out = site.build();
    assert_contains(
        &out.text("kb/billing/invoices/index.html"),
        &["<span class=\"trust-text\">Verified by <bdi>the Support team</bdi> on May 4, 2026</span>"],
    );
    assert_contains(&out.text("kb/billing/own/index.html"), &["Verified by <bdi>Billing experts</bdi></span>"]);
    // A site without a verifying team claims nothing.
    assert_lacks(&kb_site(CONFIG).build().text("kb/billing/invoices/index.html"), &["Verified by"]);
}

#[test]
fn hebrew_badges_are_in_hebrew() {
    let site = TestSite::with_config(
        "title: אקמה\nbase_url: https://example.com\nlanguage: he\ntrust:\n  verified_by: צוות התמיכה\n  require_approval: false\n",
    );
    site.page("kb/a.md", "title: מאמר\nverified_on: 2026-03-01", "טקסט.\n").page(
        "kb/b.md",
        "title: טיפ\nsource: community\ncontributor: נועה",
        "טקסט.\n",
    );
    let out = site.build();
    assert_contains(&out.text("kb/a/index.html"), &["נבדק על ידי <bdi>צוות התמיכה</bdi> ב־1 במרץ 2026"]);
    assert_contains(&out.text("kb/b/index.html"), &["תרומת קהילה", "נכתב על ידי <bdi>נועה</bdi>"]);
}

/// `verified_by:` on a community article promotes it: verified badge with the contributor credited, no
/// community badge on the page or in lists, and it is exported with the verified knowledge. The site's own
/// `trust.verified_by` never verifies a community page by itself.
#[test]
fn a_community_article_is_promoted_by_its_own_verified_by() {
    let site = TestSite::with_config(
        "title: Acme\nbase_url: https://example.com\nlanguage: en\ntrust:\n  verified_by: the Support team\n  require_approval: false\n",
    );
    site.page("kb/billing/_index.md", "title: Billing", "")
        .page(
            "kb/billing/promoted.md",
            "title: Promoted tip\nsource: community\ncontributor: Noa\nverified_by: Billing experts\nverified_on: 2026-05-04",
            "Tip.\n",
        )
        .page("kb/billing/plain.md", "title: Plain tip\nsource: community\ncontributor: Dan", "Tip.\n");
    let out = site.build();
    let promoted = out.text("kb/billing/promoted/index.html");
    assert_contains(
        &promoted,
        &[
            "<p class=\"trust trust-verified\">",
            "Verified by <bdi>Billing experts</bdi> on May 4, 2026",
            "Written by <bdi>Noa</bdi>, a member of our community.",
        ],
    );
    assert_lacks(&promoted, &["trust-community"]);
    let plain = out.text("kb/billing/plain/index.html");
    assert_contains(&plain, &["badge-community", "Written by <bdi>Dan</bdi>"]);
    assert_lacks(&plain, &["Verified by"]);
    let list = out.text("kb/billing/index.html");
    assert_eq!(list.matches("badge-community").count(), 1, "only the unverified tip is marked in the list");
    let llms = out.text("llms.txt");
    assert_contains(&llms, &["[Promoted tip]"]);
    assert_lacks(&llms, &["Plain tip"]);
}

#[test]
fn articles_past_review_date_are_listed_in_one_warning_and_may_show_a_notice() {
    let site = kb_site(CONFIG);
    site.page("kb/billing/old.md", "title: Old\nreview_by: 2001-02-03", "Text.\n")
        .page("kb/billing/older.md", "title: Older\nreview_by: 2000-01-01", "Text.\n")
        .page("kb/billing/fresh.md", "title: Fresh\nreview_by: 2999-01-01", "Text.\n");
    let out = site.build();
    let warnings = out.warnings();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(
        warnings[0],
        "content: 2 pages are due for review\n  help: verify each one, then set `verified_on:` to that day \
         (or move `review_by:` forward); `folio review` lists them with due dates:\n    no owner:\n      \
         content/kb/billing/older.md (due 2000-01-01)\n      content/kb/billing/old.md (due 2001-02-03)"
    );
    assert_lacks(&out.text("kb/billing/old/index.html"), &["may be out of date"]);

    let noticed = kb_site(&format!("{CONFIG}trust:\n  review_notice: true\n"));
    noticed.page("kb/billing/old.md", "title: Old\nreview_by: 2001-02-03", "Text.\n").page(
        "kb/billing/fresh.md",
        "title: Fresh\nreview_by: 2999-01-01",
        "Text.\n",
    );
    let out = noticed.build();
    assert_contains(
        &out.text("kb/billing/old/index.html"),
        &["<p class=\"notice notice-outdated\" role=\"note\">This article may be out of date: it was due for review on February 3, 2001.</p>"],
    );
    assert_lacks(&out.text("kb/billing/fresh/index.html"), &["notice-outdated"]);
}

#[test]
fn future_and_expired_pages_are_left_out() {
    let site = kb_site(CONFIG);
    site.page("blog/2999-01-01-later.md", "title: Later", "Soon.\n")
        .page("blog/now.md", "title: Now\ndate: 2020-01-01", "Now.\n")
        .page("blog/gone.md", "title: Gone\ndate: 2020-01-01\nexpires: 2021-01-01", "Gone.\n")
        .page("kb/billing/kept.md", "title: Kept\nexpires: 2999-01-01", "Kept.\n");
    let out = site.build();
    assert!(!out.has("blog/later/index.html"));
    assert!(!out.has("blog/gone/index.html"));
    assert!(out.has("blog/now/index.html"));
    assert!(out.has("kb/billing/kept/index.html"));
    assert_lacks(&out.text("blog/index.html"), &["Later", "Gone"]);
    assert!(out.built.summary.line().ends_with(" (left out: 1 expired, 1 future)"), "{}", out.built.summary.line());

    let future = site.try_build_with(BuildOptions { future: true, ..Default::default() }).unwrap();
    assert_eq!(future.unpublished["blog/later/index.html"].1.name(), "future");
    assert!(future.output.text("blog/gone/index.html").is_none(), "expired pages stay out even with --future");
    // Drafts alone do not bring future pages in.
    let drafts = site.try_build_with(BuildOptions { drafts: true, ..Default::default() }).unwrap();
    assert!(drafts.output.text("blog/later/index.html").is_none());
}

#[test]
fn articles_link_to_their_neighbours_in_the_category() {
    let out = kb_site(CONFIG).build();
    let first = out.text("kb/billing/invoices/index.html");
    assert_lacks(&first, &["rel=\"prev\""]);
    assert_contains(&first, &["href=\"/kb/billing/refunds/\" rel=\"next\""]);
    let middle = out.text("kb/billing/refunds/index.html");
    assert_contains(
        &middle,
        &[
            "<nav class=\"page-nav\" aria-label=\"More in this category\">",
            "href=\"/kb/billing/invoices/\" rel=\"prev\"><span class=\"page-nav-label\">Previous</span> <span class=\"page-nav-title\">Invoices</span>",
            "href=\"/kb/billing/vat/\" rel=\"next\"",
        ],
    );
    assert_lacks(&out.text("kb/billing/vat/index.html"), &["rel=\"next\""]);
}

#[test]
fn table_of_contents_follows_the_headings_unless_the_page_says_otherwise() {
    let site = TestSite::with_config(CONFIG);
    let two = "## One\n\nText.\n\n## Two\n\nText.\n";
    site.page("kb/auto.md", "title: Auto", two)
        .page("kb/off.md", "title: Off\ntoc: false", two)
        .page("kb/one.md", "title: One heading", "## Only\n\nText.\n")
        .page("kb/on.md", "title: On\ntoc: true", "## Only\n\nText.\n");
    let out = site.build();
    let toc = "<aside class=\"toc\">";
    assert_contains(&out.text("kb/auto/index.html"), &[toc, "href=\"#two\""]);
    assert_lacks(&out.text("kb/off/index.html"), &[toc]);
    assert_lacks(&out.text("kb/one/index.html"), &[toc]);
    assert_contains(&out.text("kb/on/index.html"), &[toc, "href=\"#only\""]);
}

#[test]
fn reading_time_counts_hebrew_words_joined_by_maqaf() {
    let site = TestSite::with_config("title: א\nbase_url: https://example.com\nlanguage: he\n");
    // 201 words: 100 maqaf pairs and one more word, so two minutes at 200 words a minute, said with the dual.
    let body = format!("{} סוף\n", vec!["בית־ספר"; 100].join(" "));
    site.page("blog/a.md", "title: א\ndate: 2020-01-01", &body);
    assert_contains(&site.build().text("blog/a/index.html"), &["שתי דקות קריאה"]);
}

#[test]
fn tags_get_a_list_page_and_a_page_per_term_linked_from_posts() {
    let site = TestSite::with_config(CONFIG);
    site.page("blog/a.md", "title: Alpha\ndate: 2026-01-01\ntags: [Billing, CRM]", "A.\n")
        .page("blog/b.md", "title: Beta\ndate: 2026-02-01\ntags: [billing]", "B.\n")
        .page("kb/c.md", "title: Gamma\ntags: [CRM]\ncategories: [Setup]", "C.\n");
    let out = site.build();
    let tags = out.text("tags/index.html");
    assert_contains(
        &tags,
        &[
            "<h1>Tags</h1>",
            "<a class=\"tag\" href=\"/tags/billing/\" dir=\"auto\">Billing</a> <span class=\"term-count\">2</span>",
            "<a class=\"tag\" href=\"/tags/crm/\" dir=\"auto\">CRM</a> <span class=\"term-count\">2</span>",
        ],
    );
    // Spellings that make the same URL are one term; newest first.
    let billing = out.text("tags/billing/index.html");
    let (beta, alpha) = (billing.find(">Beta<").unwrap(), billing.find(">Alpha<").unwrap());
    assert!(beta < alpha, "newest first");
    assert_contains(&billing, &["<h1>Billing</h1>", "<a href=\"/tags/\">Tags</a>"]);
    assert_contains(&out.text("categories/setup/index.html"), &[">Gamma<"]);
    assert_contains(
        &out.text("blog/a/index.html"),
        &["<a class=\"tag\" href=\"/tags/crm/\" rel=\"tag\" dir=\"auto\">CRM</a>"],
    );
    // Term pages are in the sitemap, as new as their newest page, and announce their feeds.
    let sitemap = out.text("sitemap.xml");
    let doc = roxmltree::Document::parse(&sitemap).unwrap();
    let lastmod_of = |loc: &str| {
        doc.descendants()
            .filter(|n| n.has_tag_name("url"))
            .find(|n| n.children().any(|c| c.has_tag_name("loc") && c.text() == Some(loc)))
            .and_then(|n| n.children().find(|c| c.has_tag_name("lastmod")).and_then(|c| c.text()))
            .map(str::to_string)
    };
    assert!(lastmod_of("https://help.example.com/tags/").is_some());
    assert!(lastmod_of("https://help.example.com/tags/billing/").unwrap().starts_with("2026-02-01"));
    assert_contains(
        &billing,
        &["<link rel=\"alternate\" type=\"application/atom+xml\" href=\"/tags/billing/atom.xml\""],
    );
}

#[test]
fn hebrew_tags_keep_hebrew_urls_and_titles() {
    let site = TestSite::with_config("title: א\nbase_url: https://example.com\nlanguage: he\n");
    site.page("blog/a.md", "title: א\ndate: 2026-01-01\ntags: [חדשות החברה]", "א.\n");
    let out = site.build();
    assert_contains(&out.text("tags/index.html"), &["<h1>תגיות</h1>", "href=\"/tags/חדשות-החברה/\""]);
    assert!(out.has("tags/חדשות-החברה/index.html"));
}

#[test]
fn configured_taxonomies_come_from_any_list_key() {
    let site = TestSite::with_config(&format!("{CONFIG}taxonomies: [audience]\n"));
    site.page("kb/a.md", "title: For admins\naudience: [Admins, Owners]\ntags: [x]", "A.\n");
    let out = site.build();
    assert_contains(&out.text("audience/admins/index.html"), &[">For admins<"]);
    assert!(!out.has("tags/index.html"), "only the configured taxonomies are built");
}

#[test]
fn a_taxonomy_cannot_take_the_address_of_a_folder() {
    let site = TestSite::with_config(CONFIG);
    site.page("tags/_index.md", "title: Our tags", "").page("blog/a.md", "title: A\ntags: [x]", "A.\n");
    assert_contains(&site.build_error(), &["content/tags/_index.md: URL /tags/ is also claimed by site.yaml"]);
}

#[test]
fn long_lists_are_split_into_numbered_pages() {
    let site = TestSite::with_config(&format!("{CONFIG}paginate: 2\n"));
    for day in 1..=5 {
        site.page(&format!("blog/p{day}.md"), &format!("title: Post {day}\ndate: 2026-01-0{day}\ntags: [all]"), "x\n");
    }
    let out = site.build();
    let first = out.text("blog/index.html");
    assert_contains(
        &first,
        &[">Post 5<", ">Post 4<", "href=\"/blog/page/2/\" rel=\"next\"", "aria-current=\"page\">1</a>"],
    );
    assert_lacks(&first, &[">Post 3<", "rel=\"prev\""]);
    let second = out.text("blog/page/2/index.html");
    assert_contains(
        &second,
        &[">Post 3<", ">Post 2<", "href=\"/blog/\" rel=\"prev\"", "href=\"/blog/page/3/\" rel=\"next\"", "Page 2 of 3"],
    );
    assert_contains(&second, &["<link rel=\"canonical\" href=\"https://help.example.com/blog/page/2/\">"]);
    assert_contains(&out.text("blog/page/3/index.html"), &[">Post 1<"]);
    assert!(!out.has("blog/page/4/index.html"));
    assert!(out.has("tags/all/page/3/index.html"), "term pages are paginated too");

    let per_section = TestSite::with_config(&format!("{CONFIG}paginate: 2\nsections:\n  blog: {{ paginate: 10 }}\n"));
    for day in 1..=5 {
        per_section.page(&format!("blog/p{day}.md"), &format!("title: Post {day}\ndate: 2026-01-0{day}"), "x\n");
    }
    let out = per_section.build();
    assert!(!out.has("blog/page/2/index.html"));
    assert_lacks(&out.text("blog/index.html"), &["class=\"pagination\""]);
}

#[test]
fn each_product_publishes_its_guides_as_json() {
    let site = TestSite::with_config(CONFIG);
    site.page("products/hub.md", "title: Hub", "")
        .page("products/lamp.md", "title: Lamp", "")
        .page("guides/setup.md", "title: Set up the hub\nproducts: [hub]\nweight: 2\ndescription: Ten minutes.", "x\n")
        .page("guides/wifi.md", "title: Wi-Fi\nproducts: [hub, lamp]\nweight: 1", "x\n")
        .page("kb/reset.md", "title: Reset\nproducts: [hub]\nupdated: 2026-02-03", "x\n")
        .page("kb/other.md", "title: Other", "x\n");
    let out = site.build();
    let data: serde_json::Value = serde_json::from_str(&out.text("products/hub/guides.json")).unwrap();
    assert_eq!(
        data["product"],
        serde_json::json!({ "id": "hub", "title": "Hub", "url": "https://help.example.com/products/hub/" })
    );
    let titles: Vec<&str> = data["guides"].as_array().unwrap().iter().map(|g| g["title"].as_str().unwrap()).collect();
    // Guides first, then articles, each by weight.
    assert_eq!(titles, ["Wi-Fi", "Set up the hub", "Reset"]);
    assert_eq!(data["guides"][1]["url"], "https://help.example.com/guides/setup/");
    assert_eq!(data["guides"][1]["summary"], "Ten minutes.");
    assert_eq!(data["guides"][1]["kind"], "guide");
    assert_eq!(data["guides"][2]["kind"], "article");
    assert_eq!(data["guides"][2]["updated"], "2026-02-03");
    let lamp: serde_json::Value = serde_json::from_str(&out.text("products/lamp/guides.json")).unwrap();
    assert_eq!(lamp["guides"].as_array().unwrap().len(), 1);
}

#[test]
fn a_product_lists_a_page_naming_it_twice_once_and_no_page_naming_only_others() {
    let site = TestSite::with_config(CONFIG);
    site.page("products/hub.md", "title: Hub", "")
        .page("products/lamp.md", "title: Lamp", "")
        .page("products/fan.md", "title: Fan", "")
        .page("guides/setup.md", "title: Set up\nproducts: [hub, hub]", "x\n")
        .page("kb/reset.md", "title: Reset\nproducts: [lamp, hub]", "x\n")
        .page("kb/dim.md", "title: Dim\nproducts: [lamp]", "x\n")
        .page("blog/a.md", "title: A\ndate: 2026-01-01\nproducts: [hub]", "x\n");
    let out = site.build();
    let titles = |product: &str| -> Vec<String> {
        let data: serde_json::Value =
            serde_json::from_str(&out.text(&format!("products/{product}/guides.json"))).unwrap();
        data["guides"].as_array().unwrap().iter().map(|g| g["title"].as_str().unwrap().to_string()).collect()
    };
    // Guides and articles only (not the post), each once.
    assert_eq!(titles("hub"), ["Set up", "Reset"]);
    assert_eq!(titles("lamp"), ["Dim", "Reset"]);
    assert!(titles("fan").is_empty());
}

#[test]
fn related_pages_share_words_tags_or_products_and_pins_come_first() {
    let site = TestSite::with_config(CONFIG);
    site.page("products/hub.md", "title: Hub", "")
        .page("kb/router.md", "title: Router setup", "Connect the router cable, then restart the router firmware.\n")
        .page("kb/firmware.md", "title: Firmware update", "Update the router firmware from the router page.\n")
        .page("kb/invoice.md", "title: Invoices", "Download an invoice from the billing page.\n")
        .page("kb/refund.md", "title: Refunds", "Ask for a refund of an invoice on the billing page.\n")
        .page("kb/lamp.md", "title: Lamp colours", "Change colours.\nPick another shade.\n")
        .page("kb/pinned.md", "title: Pinned\nrelated: [kb/lamp.md, \"@/kb/refund.md\"]", "The router firmware.\n")
        .page("blog/hub-news.md", "title: News\ndate: 2026-01-01\nproducts: [hub]", "Nothing alike.\n")
        .page("guides/hub.md", "title: Start\nproducts: [hub]", "Entirely different words.\n");
    let out = site.build();
    let related = |path: &str| -> Vec<String> {
        let html = out.text(path);
        let Some(start) = html.find("<section class=\"related\"") else { return Vec::new() };
        let section = &html[start..start + html[start..].find("</section>").unwrap()];
        section.split("<a href=\"").skip(1).map(|s| s[..s.find('"').unwrap()].to_string()).collect()
    };
    let mut router = related("kb/router/index.html")[..2].to_vec();
    router.sort();
    assert_eq!(router, ["/kb/firmware/", "/kb/pinned/"]);
    assert_eq!(related("kb/invoice/index.html")[0], "/kb/refund/");
    let pinned = related("kb/pinned/index.html");
    assert_eq!(pinned[..2], ["/kb/lamp/", "/kb/refund/"], "pins first, in their order");
    assert!(["/kb/router/", "/kb/firmware/"].contains(&pinned[2].as_str()), "then the most alike: {pinned:?}");
    // A shared product relates pages with nothing else in common.
    assert_eq!(related("blog/hub-news/index.html"), ["/guides/hub/"]);
    assert!(related("products/hub/index.html").is_empty(), "products have no related list");
    assert_eq!(related("kb/router/index.html"), related("kb/router/index.html"));
}

#[test]
fn related_must_name_an_existing_page() {
    let site = TestSite::with_config(CONFIG);
    site.page("kb/refunds.md", "title: Refunds", "x\n").page("kb/a.md", "title: A\nrelated: [kb/refund.md]", "x\n");
    assert_eq!(
        site.build_error(),
        "error: content/kb/a.md:3: `related` names a page that does not exist: kb/refund.md\n  help: did you mean `kb/refunds.md`?"
    );
}

#[test]
fn previewed_pages_stay_out_of_feeds_and_the_sitemap() {
    let site = TestSite::with_config(CONFIG);
    site.page("blog/now.md", "title: Now\ndate: 2020-01-01", "Now.\n")
        .page("blog/later.md", "title: Later\ndate: 2999-01-01", "Soon.\n")
        .page("kb/tip.md", "title: Tip\nsource: community", "Tip.\n");
    let built = site.try_build_with(BuildOptions { drafts: true, future: true, ..Default::default() }).unwrap();
    let text = |path: &str| built.output.text(path).unwrap();
    assert!(text("blog/later/index.html").contains("<meta name=\"robots\" content=\"noindex\">"));
    assert!(text("kb/tip/index.html").contains("<meta name=\"robots\" content=\"noindex\">"));
    let feed: serde_json::Value = serde_json::from_str(&text("blog/feed.json")).unwrap();
    let titles: Vec<&str> = feed["items"].as_array().unwrap().iter().map(|i| i["title"].as_str().unwrap()).collect();
    assert_eq!(titles, ["Now"]);
    let sitemap = text("sitemap.xml");
    assert!(sitemap.contains("/blog/now/") && !sitemap.contains("/blog/later/") && !sitemap.contains("/kb/tip/"));
}

#[test]
fn generated_pages_keep_their_addresses() {
    let site = TestSite::with_config(CONFIG);
    site.page("search.md", "title: Our search page", "x\n");
    assert_contains(&site.build_error(), &["content/search.md: URL /search/ is also claimed by site.yaml"]);
}

#[test]
fn the_blog_offers_its_feeds() {
    let site = TestSite::with_config(CONFIG);
    site.page("blog/a.md", "title: A\ndate: 2026-01-01", "A.\n");
    assert_contains(
        &site.build().text("blog/index.html"),
        &[
            "<span class=\"subscribe-label\">Subscribe:</span>",
            "<a href=\"/blog/atom.xml\" type=\"application/atom+xml\">Atom</a>",
            "<a href=\"/blog/rss.xml\" type=\"application/rss+xml\">RSS</a>",
        ],
    );
}

#[test]
fn bad_taxonomy_names_and_page_sizes_are_errors_on_their_line() {
    let site = TestSite::with_config(&format!("{CONFIG}taxonomies: [tags, Audience, products]\npaginate: 0\n"));
    assert_eq!(
        site.build_error(),
        "error: site.yaml:4: `taxonomies`: `Audience` is not a usable name\n  help: name a front-matter key holding \
         a list, in lowercase letters, digits, `-` or `_`, e.g. tags\n\
         error: site.yaml:4: `taxonomies`: `products` is not a usable name\n  help: name a front-matter key holding \
         a list, in lowercase letters, digits, `-` or `_`, e.g. tags\n\
         error: site.yaml:5: `paginate` must be at least 1\n  help: it is how many pages one page of a list shows, \
         e.g. paginate: 20"
    );
}
