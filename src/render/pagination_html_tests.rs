use super::*;
use crate::render::theme::{without_indentation, TemplateSource};
use serde_json::json;

const TEXT: &str = include_str!("../../themes/default/templates/partials/pagination.html");

fn strings() -> Value {
    json!({
        "pagination": "Pages & <more>",
        "previous_page": "Previous \"one\"",
        "next_page": "Next 'one'",
        "page_of": "Page {n} of {total} <{n}>",
    })
}

fn url(n: usize) -> String {
    if n == 1 {
        "/blog/?a=1&b=2".to_string()
    } else {
        format!("/blog/page/{n}/")
    }
}

/// The default partial rendered by tera for page `number` of `total`, with `pagination_html` as
/// Folio writes it and without it.
fn render_both_ways(number: usize, total: usize, t: &Value) -> (String, String) {
    let mut tera = tera::Tera::default();
    tera.autoescape_on(vec![".html"]);
    tera.set_escape_fn(crate::html::escape_html);
    tera.add_raw_templates([(PAGINATION, without_indentation(TEXT).as_str())]).unwrap();
    let place = Place { number, total, url: &url };
    let value = (total > 1).then(|| {
        json!({
            "current": number,
            "total": total,
            "previous": (number > 1).then(|| url(number - 1)),
            "next": (number < total).then(|| url(number + 1)),
            "pages": (1..=total).map(|n| json!({ "number": n, "url": url(n), "current": n == number })).collect::<Vec<_>>(),
        })
    });
    let mut context = json!({ "pagination": value, "t": t, "pagination_html": null });
    let by_partial = tera.render(PAGINATION, &tera::Context::from_value(context.clone()).unwrap()).unwrap();
    context["pagination_html"] = json!(pagination_html(&place, t).filter(|_| total > 1));
    let by_folio = tera.render(PAGINATION, &tera::Context::from_value(context).unwrap()).unwrap();
    (by_partial, by_folio)
}

#[test]
fn writes_what_the_default_pagination_partial_writes() {
    for (number, total) in [(1, 2), (2, 2), (2, 3), (1, 12), (7, 12), (12, 12)] {
        let (by_partial, by_folio) = render_both_ways(number, total, &strings());
        assert!(by_partial.contains("aria-current=\"page\">"), "{by_partial}");
        assert!(by_partial.contains("Pages &amp; &lt;more&gt;"), "{by_partial}");
        assert_eq!(by_folio, by_partial, "page {number} of {total}");
    }
    // A list on one page: nothing from either.
    let (by_partial, by_folio) = render_both_ways(1, 1, &strings());
    assert_eq!((by_partial.trim(), by_folio.trim()), ("", ""));
}

#[test]
fn a_missing_string_leaves_the_links_to_the_partial() {
    let place = Place { number: 2, total: 3, url: &url };
    for missing in ["pagination", "previous_page", "next_page", "page_of"] {
        let mut t = strings();
        t.as_object_mut().unwrap().remove(missing);
        assert_eq!(pagination_html(&place, &t), None, "{missing}");
    }
    // Only the string a page shows is needed: the first page has no "previous" link.
    let mut t = strings();
    t.as_object_mut().unwrap().remove("previous_page");
    assert!(pagination_html(&Place { number: 1, total: 3, url: &url }, &t).is_some());
}

fn theme(templates: &[(&str, &str, bool)]) -> Theme {
    let mut theme = Theme::default();
    for &(name, text, built_in) in templates {
        let origin = if built_in { format!("(built-in theme)/templates/{name}") } else { format!("templates/{name}") };
        theme.templates.insert(name.into(), TemplateSource { text: text.into(), origin });
    }
    theme
}

#[test]
fn the_value_is_built_only_when_a_template_reads_it() {
    let place = Place { number: 1, total: 3, url: &url };
    let list = ("list.html", "{% include \"partials/pagination.html\" %}", true);
    let built_in = [(PAGINATION, TEXT, true), list];
    let (html, needs_value) = PaginationHtml::new(&theme(&built_in)).html(&place, &strings());
    assert!(html.is_some() && !needs_value, "nothing but the written partial reads it");
    // A site's own list template reading `pagination` gets it, beside the written links.
    let own = [built_in[0], list, ("term.html", "{{ pagination.total }}", false)];
    let (html, needs_value) = PaginationHtml::new(&theme(&own)).html(&place, &strings());
    assert!(html.is_some() && needs_value);
    // A site's own partial: nothing written, the value given.
    let own = [(PAGINATION, "{{ pagination.current }}", false), list];
    assert_eq!(PaginationHtml::new(&theme(&own)).html(&place, &strings()), (None, true));
    // A string the theme lacks: the partial gets the value, and reports it.
    assert_eq!(PaginationHtml::new(&theme(&built_in)).html(&place, &json!({})), (None, true));
    // One page: nothing to write or build.
    let one = Place { number: 1, total: 1, url: &url };
    assert_eq!(PaginationHtml::new(&theme(&built_in)).html(&one, &strings()), (None, false));
}
