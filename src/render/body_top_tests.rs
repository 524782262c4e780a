use super::*;
use crate::render::theme::without_indentation;
use serde_json::json;

/// The default `base.html` with its default breadcrumbs and stand-ins for its other partials.
fn tera() -> tera::Tera {
    let mut tera = tera::Tera::default();
    tera.autoescape_on(vec![".html"]);
    tera.set_escape_fn(crate::html::escape_html);
    tera.register_function("url_for", |_: &std::collections::HashMap<String, Value>| Ok(json!("/x")));
    let base = include_str!("../../themes/default/templates/base.html");
    let breadcrumbs = include_str!("../../themes/default/templates/partials/breadcrumbs.html");
    let mut templates = vec![
        (BASE.to_string(), without_indentation(base)),
        (BREADCRUMBS.to_string(), without_indentation(breadcrumbs)),
    ];
    for stand_in in [
        "publish-head",
        "language-alternates",
        "head-extra",
        "site-menu",
        "search-box",
        "language-switcher",
        "translation-notice",
        "list-feedback",
    ] {
        templates.push((format!("partials/{stand_in}.html"), format!("[{stand_in}]")));
    }
    tera.add_raw_templates(templates).unwrap();
    tera
}

fn context(subject: (&str, Value), crumbs: usize) -> Map<String, Value> {
    let breadcrumbs: Vec<Value> = (0..crumbs).map(|n| json!({ "title": format!("C<{n}>"), "url": "/c/" })).collect();
    let html = (crumbs > 1).then_some("\n<nav class=\"breadcrumbs wrap\">crumbs</nav>");
    let mut own = json!({
        "lang": "en", "dir": "ltr", "current_url": "/a/", "head_html": "<meta>", "json_ld": "",
        "site_menu_html": "<a class=\"site-title\">Acme &amp; Co</a>\n<nav>menu</nav>\n",
        "search_box_html": "<form role=\"search\"></form>",
        "breadcrumbs": breadcrumbs, "breadcrumbs_html": html,
        "languages": null, "list_feedback": null, "now_year": 2026, "body_top_html": null,
    });
    own[subject.0] = subject.1;
    own.as_object().unwrap().clone()
}

fn site(search: bool) -> Value {
    json!({ "title": "Acme", "description": "Tools", "base_path": "", "generator": "Folio",
            "search": { "enabled": search }, "menus": {} })
}

fn t() -> Value {
    json!({ "skip_to_content": "Skip to <content>", "built_with": "Built", "not_found_title": "Lost" })
}

/// `base.html` rendered for `own` as tera writes it and with `body_top_html`, which must be set.
fn render_both_ways(own: &Map<String, Value>, site: &Value) -> (String, String) {
    let tera = tera();
    let mut full = own.clone();
    full.insert("site".into(), site.clone());
    full.insert("t".into(), t());
    let by_tera = tera.render("base.html", &tera::Context::from_value(Value::Object(full.clone())).unwrap()).unwrap();
    let html = body_top_html(own, site, &t()).expect("written");
    full.insert("body_top_html".into(), Value::String(html));
    let by_folio = tera.render("base.html", &tera::Context::from_value(Value::Object(full)).unwrap()).unwrap();
    (by_tera, by_folio)
}

#[test]
fn writes_what_the_default_base_template_writes() {
    let page = json!({ "kind": "post", "title": "A", "description": "", "permalink": "/a/", "has_code": false });
    let section = json!({ "kind": "home", "title": "Home", "description": "", "permalink": "/" });
    for (subject, crumbs, search) in [
        (("page", page.clone()), 3, true),
        (("page", page), 1, false),
        (("section", section), 0, true),
        (("not_found", json!(true)), 1, true),
    ] {
        let name = subject.0;
        let (by_tera, by_folio) = render_both_ways(&context(subject, crumbs), &site(search));
        assert!(by_tera.contains("Skip to &lt;content&gt;"), "{by_tera}");
        assert_eq!(by_folio, by_tera, "{name}, {crumbs} crumbs, search {search}");
    }
}

#[test]
fn parts_the_page_s_partials_write_are_left_to_them() {
    let page = json!({ "kind": "post" });
    let written = |own: &Map<String, Value>| body_top_html(own, &site(true), &t()).is_some();
    assert!(written(&context(("page", page.clone()), 3)));
    // A multilingual site's switcher and notices.
    let mut own = context(("page", page.clone()), 3);
    own.insert("languages".into(), json!({ "switcher": [] }));
    assert!(!written(&own));
    // The site's own menu or search box (not written once per language).
    for part in ["site_menu_html", "search_box_html"] {
        let mut own = context(("page", page.clone()), 3);
        own.insert(part.into(), Value::Null);
        assert!(!written(&own), "{part}");
    }
    // Breadcrumbs the partial must write (a string missing), and a string of base.html missing.
    let mut own = context(("page", page.clone()), 3);
    own.insert("breadcrumbs_html".into(), Value::Null);
    assert!(!written(&own));
    assert_eq!(body_top_html(&context(("page", page), 3), &site(true), &json!({})), None);
}

#[test]
fn only_the_built_in_base_and_breadcrumbs_let_it_be_written() {
    let theme = |own: &str| {
        let mut theme = Theme::default();
        for name in [BASE, BREADCRUMBS] {
            let origin =
                if name == own { format!("templates/{name}") } else { format!("(built-in theme)/templates/{name}") };
            theme.templates.insert(name.into(), crate::render::theme::TemplateSource { text: String::new(), origin });
        }
        theme
    };
    let page = json!({ "kind": "post" });
    for (own_template, expected) in [("", true), (BASE, false), (BREADCRUMBS, false)] {
        let mut own = context(("page", page.clone()), 3);
        BodyTop::new(&theme(own_template)).fill(&mut own, &site(true), &t());
        assert_eq!(own.get("body_top_html").is_some_and(Value::is_string), expected, "{own_template}");
    }
}
