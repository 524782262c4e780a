use super::*;
use crate::render::theme::without_indentation;
use serde_json::json;
use std::collections::BTreeMap;

/// `partial` (a default theme partial, as Folio loads it) rendered by tera for `page` in `lang`,
/// as it is written with and without the HTML made here under `key`.
fn render_both_ways(partial: &str, text: &str, page: Value, (key, html): (&str, Option<String>)) -> (String, String) {
    let mut tera = tera::Tera::default();
    tera.autoescape_on(vec![".html"]);
    tera.set_escape_fn(crate::html::escape_html);
    tera.add_raw_templates([(partial, without_indentation(text).as_str())]).unwrap();
    let mut context = json!({ "page": page, "lang": "en", "t": strings(), "related_html": null, "toc_html": null });
    let by_partial = tera.render(partial, &tera::Context::from_value(context.clone()).unwrap()).unwrap();
    context[key] = json!(html);
    let by_folio = tera.render(partial, &tera::Context::from_value(context).unwrap()).unwrap();
    (by_partial, by_folio)
}

fn strings() -> Value {
    json!({
        "related_pages": "You may also <like>",
        "guide": "Guide", "article": "Article & more", "post": "Post", "page": "Page",
        "community_contribution": "By a \"customer\"",
        "on_this_page": "On this 'page'",
    })
}

fn card(title: &str, url: &str, (kind, lang): (&'static str, &str), community: bool) -> PageCard {
    PageCard {
        id: url.into(),
        key: url.into(),
        kind,
        title: title.into(),
        url: url.into(),
        permalink: format!("https://example.com{url}"),
        description: None,
        date: None,
        date_display: None,
        updated: None,
        updated_display: None,
        authors: vec![],
        tags: vec![],
        reading_time: 1,
        products: vec![],
        lang: lang.into(),
        dir: crate::lang::text_dir(lang),
        image: None,
        picture: None,
        community,
        terms: BTreeMap::new(),
        card_html: None,
    }
}

#[test]
fn writes_what_the_default_related_partial_writes() {
    let text = include_str!("../../themes/default/templates/partials/related.html");
    let related = vec![
        card("Billing & <refunds>", "/kb/a/?x=1&y=2", ("article", "en"), false),
        card("מדריך", "/he/guides/g/", ("guide", "he"), true),
        card("Launch \"day\"", "/blog/launch/", ("post", "en"), false),
        card("About", "/about/", ("page", "en"), true),
    ];
    let html = related_html(&related, "en", &strings());
    let (by_partial, by_folio) =
        render_both_ways("partials/related.html", text, json!({ "related": related }), ("related_html", html));
    assert!(by_partial.contains("lang=\"he\" dir=\"rtl\">מדריך</a>"), "{by_partial}");
    assert!(by_partial.contains("Billing &amp; &lt;refunds&gt;"), "{by_partial}");
    assert_eq!(by_folio, by_partial);
    // No related pages: nothing written, and the partial writes nothing either.
    assert_eq!(related_html(&[] as &[PageCard], "en", &strings()), None);
    let (by_partial, by_folio) =
        render_both_ways("partials/related.html", text, json!({ "related": [] }), ("related_html", None));
    assert_eq!(by_folio, by_partial);
}

#[test]
fn writes_what_the_default_toc_partial_writes() {
    let text = include_str!("../../themes/default/templates/partials/toc.html");
    let heading = |level: u8, id: &str, title: &str| Heading { level, id: id.into(), title: title.into() };
    let toc = vec![heading(2, "setup", "Set <up> & go"), heading(3, "keys-\"a\"", "Keys"), heading(2, "end", "End")];
    for show in [true, false] {
        let html = toc_html(show, &toc, &strings());
        assert_eq!(html.is_some(), show);
        let page = json!({ "toc": toc, "show_toc": show });
        let (by_partial, by_folio) = render_both_ways("partials/toc.html", text, page, ("toc_html", html));
        assert_eq!(by_partial.contains("Set &lt;up&gt; &amp; go"), show, "{by_partial}");
        assert_eq!(by_folio, by_partial);
    }
}

#[test]
fn a_missing_string_leaves_the_part_to_its_partial() {
    let related = vec![card("A", "/a/", ("post", "en"), false)];
    assert_eq!(related_html(&related, "en", &json!({ "post": "Post" })), None);
    assert_eq!(toc_html(true, &[], &json!({})), None);
}

fn theme(templates: &[(&str, &str, bool)]) -> Theme {
    let mut theme = Theme::default();
    for &(name, text, built_in) in templates {
        let origin = if built_in { format!("(built-in theme)/templates/{name}") } else { format!("templates/{name}") };
        theme.templates.insert(name.into(), crate::render::theme::TemplateSource { text: text.into(), origin });
    }
    theme
}

#[test]
fn related_cards_are_copied_into_the_page_only_when_a_template_reads_them() {
    let cards = [card("A", "/a/", ("post", "en"), false), card("B", "/b/", ("guide", "en"), true)];
    let lent: Vec<&PageCard> = cards.iter().collect();
    let built_in =
        [(RELATED, "{{ related_html }}", true), ("page.html", "{% include \"partials/related.html\" %}", true)];
    let parts = DocParts::new(&theme(&built_in));
    let (html, copies) = parts.related(&lent, "en", &strings());
    assert_eq!(html, related_html(&cards, "en", &strings()));
    assert!(html.is_some() && copies.is_empty(), "nothing but the written part reads them");
    // A string the theme lacks: the partial gets the cards, and reports it.
    let (html, copies) = parts.related(&lent, "en", &json!({ "post": "Post" }));
    assert_eq!((html, copies.len()), (None, 2));
    // A site's own template that reads them gets them, beside the written part.
    let own = [built_in[0], built_in[1], ("post.html", "{{ page.related | length }}", false)];
    let (html, copies) = DocParts::new(&theme(&own)).related(&lent, "en", &strings());
    assert!(html.is_some());
    assert_eq!(copies.iter().map(|c| c.title.as_str()).collect::<Vec<_>>(), ["A", "B"]);
    // A site's own related partial: nothing written, every card given.
    let (html, copies) = DocParts::new(&theme(&[(RELATED, "{{ related }}", false)])).related(&lent, "en", &strings());
    assert_eq!((html, copies.len()), (None, 2));
}
