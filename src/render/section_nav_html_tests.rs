use super::*;
use crate::render::theme::without_indentation;
use serde_json::json;

/// The default theme's navigation partial, rendered by tera as a page includes it: from the whole
/// `section_nav`, and from `section_nav_html` written here (with an emptied `section_nav`).
fn render_both_ways(nav: &SectionNav, t: &Value) -> (String, String) {
    let mut tera = tera::Tera::default();
    tera.autoescape_on(vec![".html"]);
    tera.set_escape_fn(crate::html::escape_html);
    // The partials as Folio loads them, without their indentation.
    let nav_partial = without_indentation(include_str!("../../themes/default/templates/partials/section-nav.html"));
    let items_partial =
        without_indentation(include_str!("../../themes/default/templates/partials/section-nav-items.html"));
    tera.add_raw_templates([
        ("partials/section-nav.html", nav_partial.as_str()),
        ("partials/section-nav-items.html", items_partial.as_str()),
        ("base.html", "{% block content %}{% endblock content %}"),
        // As document.html does: tera finds macros imported by the template that extends.
        (
            "page.html",
            "{% extends \"base.html\" %}{%- import \"partials/section-nav-items.html\" as section_nav_items %}\
             {% block content %}{% include \"partials/section-nav.html\" %}{% endblock content %}",
        ),
    ])
    .unwrap();
    let context = tera::Context::from_value(json!({ "section_nav": nav, "t": t })).unwrap();
    let by_partials = tera.render("page.html", &context).unwrap();
    let html = render_section_nav(nav, t);
    let emptied = SectionNav { items: vec![], ..nav.clone() };
    let context = json!({ "section_nav": emptied, "section_nav_html": html, "t": t });
    let by_folio = tera.render("page.html", &tera::Context::from_value(context).unwrap()).unwrap();
    (by_partials, by_folio)
}

fn link(title: &str, url: &str, current: bool) -> NavItem {
    NavItem { title: title.into(), url: url.into(), current, category: false, open: false, items: vec![], more: 0 }
}

fn category(title: &str, url: &str, open: bool, items: Vec<NavItem>, more: usize) -> NavItem {
    NavItem { title: title.into(), url: url.into(), current: false, category: true, open, items, more }
}

fn strings() -> Value {
    json!({
        "section_nav_menu": "Browse <this> section",
        "section_nav_label": "Section \"nav\"",
        "section_nav_overview": "Overview & more",
        "section_nav_more": "{n} more 'pages'",
    })
}

#[test]
fn writes_what_the_default_partials_write() {
    let nested = category(
        "Billing & <invoices>",
        "/kb/billing/",
        true,
        vec![
            category("Refunds", "/kb/billing/refunds/", true, vec![link("Partial \"refunds\"", "/kb/a/", true)], 12),
            // A category whose pages are not listed is a plain link.
            category("Taxes", "/kb/billing/taxes/", false, vec![], 0),
            link("It's 'quoted'", "/kb/billing/q?x=1&y=2", false),
        ],
        0,
    );
    let nav = SectionNav {
        title: "Knowledge base".into(),
        url: "/kb/".into(),
        current: false,
        complete: false,
        items: vec![nested, category("עברית", "/kb/he/", false, vec![link("דף", "/kb/he/a/", false)], 0)],
        more: 3,
    };
    let (by_partials, by_folio) = render_both_ways(&nav, &strings());
    assert_eq!(by_folio, by_partials);
    assert!(by_folio.contains("<li><a href=\"/kb/a/\" aria-current=\"page\">Partial &quot;refunds&quot;</a></li>"));
}

#[test]
fn marks_the_section_itself_when_it_is_the_page_shown() {
    let nav = SectionNav {
        title: "Guides".into(),
        url: "/guides/".into(),
        current: true,
        complete: true,
        items: vec![],
        more: 0,
    };
    let (by_partials, html) = render_both_ways(&nav, &strings());
    assert_eq!(html, by_partials);
    assert!(html.contains("<a class=\"section-nav-root\" href=\"/guides/\" aria-current=\"page\">Guides</a>"));
    assert!(html.contains("aria-label=\"Section &quot;nav&quot;\""));
}
