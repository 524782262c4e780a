//! Parts of a page Folio writes once or in Rust instead of through the default theme's partials
//! (the section navigation, the header's search box, title and menu): the output is the partials' own, and a site
//! that overrides those partials, or reads `section_nav` itself, still gets what its templates say.

use crate::support;

use support::site::{assert_contains, assert_lacks, TestSite};

const CONFIG: &str = "title: Acme Help\nbase_url: https://help.example.com\nlanguage: en\n";

fn kb_site() -> TestSite {
    let site = TestSite::with_config(CONFIG);
    site.page("kb/_index.md", "title: Help", "")
        .page("kb/billing/_index.md", "title: Billing", "")
        .page("kb/billing/refunds.md", "title: Refunds & <returns>", "Text.\n")
        .page("kb/billing/vat.md", "title: VAT", "Text.\n")
        .page("kb/start.md", "title: Start here", "Text.\n");
    site
}

#[test]
fn an_overridden_nav_items_partial_renders_every_entry() {
    let site = kb_site();
    site.file(
        "templates/partials/section-nav-items.html",
        "{% macro items(items, t) %}<ol class=\"my-nav\">{% for item in items %}<li class=\"my-item\">{{ item.title }}\
         {% if item.items %}{{ self::items(items=item.items, t=t) }}{% endif %}</li>{% endfor %}</ol>{% endmacro items %}",
    );
    let html = site.build().text("kb/billing/vat/index.html");
    assert_contains(
        &html,
        &[
            "<summary class=\"section-nav-toggle\">Browse this section</summary>",
            "<ol class=\"my-nav\"><li class=\"my-item\">Billing<ol class=\"my-nav\">",
            "<li class=\"my-item\">Refunds &amp; &lt;returns&gt;</li>",
            "<li class=\"my-item\">Start here</li>",
        ],
    );
    assert_lacks(&html, &["<ul role=\"list\">"]);
}

#[test]
fn an_overridden_nav_partial_is_used() {
    let site = kb_site();
    site.file(
        "templates/partials/section-nav.html",
        "<nav class=\"my-section-nav\">{{ section_nav.title }}: {{ section_nav.items | length }} entries</nav>",
    );
    let html = site.build().text("kb/billing/vat/index.html");
    assert_contains(&html, &["<nav class=\"my-section-nav\">Help: 2 entries</nav>"]);
    assert_lacks(&html, &["<details class=\"section-nav\">"]);
}

#[test]
fn a_site_template_reading_section_nav_gets_all_its_entries() {
    let site = kb_site();
    site.file(
        "templates/article.html",
        "{% extends \"document.html\" %}{% block eyebrow %}<p class=\"count\">{{ section_nav.items | length }} \
         {{ section_nav.items.0.items | length }}</p>{% endblock eyebrow %}",
    );
    let html = site.build().text("kb/billing/vat/index.html");
    // The default partials still write the navigation, with every entry.
    assert_contains(
        &html,
        &[
            "<p class=\"count\">2 2</p>",
            "<li><details open><summary>Billing</summary>",
            "<li><a href=\"/kb/billing/vat/\" aria-current=\"page\">VAT</a></li>",
        ],
    );
}

#[test]
fn the_header_search_box_shows_the_sites_own_strings_in_each_language() {
    let site = kb_site();
    site.file("i18n/en.yaml", "search_placeholder: \"Ask <us>…\"\n");
    let html = site.build().text("kb/billing/vat/index.html");
    assert_contains(
        &html,
        &[
            "<form class=\"search-form\" role=\"search\" action=\"/search/\" method=\"get\"",
            "placeholder=\"Ask &lt;us&gt;…\"",
            "aria-controls=\"search-listbox\"",
        ],
    );
}

#[test]
fn an_overridden_search_box_partial_is_used_on_every_page() {
    let site = kb_site();
    site.file(
        "templates/partials/search-box.html",
        "<form class=\"my-search\" data-page=\"{{ current_url }}\">{{ t.search_label }}</form>",
    );
    let out = site.build();
    // The override may read the page's own values: it is rendered on each page.
    assert_contains(
        &out.text("kb/billing/vat/index.html"),
        &["<form class=\"my-search\" data-page=\"/kb/billing/vat/\">"],
    );
    assert_contains(&out.text("kb/start/index.html"), &["<form class=\"my-search\" data-page=\"/kb/start/\">"]);
    assert_lacks(&out.text("kb/start/index.html"), &["class=\"search-form\""]);
}

const MENU_CONFIG: &str =
    "title: Acme Help\nbase_url: https://help.example.com/docs\nlanguage: en\nmenus:\n  main:\n    \
     - { name: Help, url: \"@/kb/_index.md\" }\n    - { name: Billing, url: /kb/billing/ }\n    \
     - { name: Status, url: \"https://status.example.com/\" }\n";

#[test]
fn the_header_menu_marks_the_page_and_its_folders_on_each_page() {
    let site = TestSite::with_config(MENU_CONFIG);
    site.page("_index.md", "title: Home", "")
        .page("kb/_index.md", "title: Help", "")
        .page("kb/billing/_index.md", "title: Billing", "")
        .page("kb/billing/vat.md", "title: VAT", "Text.\n")
        .page("kb/start.md", "title: Start here", "Text.\n");
    let out = site.build();
    let external = "<li><a href=\"https://status.example.com/\" rel=\"external noopener\">Status<span \
                    class=\"external-mark\" aria-hidden=\"true\">↗</span>";
    assert_contains(
        &out.text("index.html"),
        &[
            "<a class=\"site-title\" href=\"/docs/\" aria-current=\"page\">Acme Help</a>",
            "<li><a href=\"/docs/kb/\">Help</a></li>",
            "<li><a href=\"/docs/kb/billing/\">Billing</a></li>",
            external,
        ],
    );
    assert_contains(
        &out.text("kb/billing/vat/index.html"),
        &[
            "<a class=\"site-title\" href=\"/docs/\">Acme Help</a>",
            "<li><a href=\"/docs/kb/\" class=\"is-active\">Help</a></li>",
            "<li><a href=\"/docs/kb/billing/\" class=\"is-active\">Billing</a></li>",
            external,
        ],
    );
    assert_contains(
        &out.text("kb/billing/index.html"),
        &[
            "<li><a href=\"/docs/kb/\" class=\"is-active\">Help</a></li>",
            "<li><a href=\"/docs/kb/billing/\" aria-current=\"page\">Billing</a></li>",
        ],
    );
    assert_contains(
        &out.text("kb/start/index.html"),
        &[
            "<li><a href=\"/docs/kb/\" class=\"is-active\">Help</a></li>",
            "<li><a href=\"/docs/kb/billing/\">Billing</a></li>",
        ],
    );
}

#[test]
fn an_overridden_site_menu_partial_is_rendered_on_each_page() {
    let site = TestSite::with_config(MENU_CONFIG);
    site.page("kb/_index.md", "title: Help", "")
        .page("kb/billing/_index.md", "title: Billing", "")
        .page("kb/billing/vat.md", "title: VAT", "Text.\n")
        .page("kb/start.md", "title: Start here", "Text.\n");
    site.file(
        "templates/partials/site-menu.html",
        "<p class=\"my-menu\">{{ site.title }}{% if page %} · {{ page.title }}{% endif %}</p>",
    );
    let out = site.build();
    // The override reads the page itself: each page shows its own.
    assert_contains(&out.text("kb/billing/vat/index.html"), &["<p class=\"my-menu\">Acme Help · VAT</p>"]);
    assert_contains(&out.text("kb/start/index.html"), &["<p class=\"my-menu\">Acme Help · Start here</p>"]);
    assert_lacks(&out.text("kb/start/index.html"), &["class=\"site-title\""]);
}
