use super::*;
use crate::render::page_card_html::tests::card;
use crate::render::theme::without_indentation;
use crate::render::view_types::{Link, ProductCard};
use serde_json::json;

const PARTIALS: [(&str, &str); 4] = [
    (META, include_str!("../../themes/default/templates/partials/meta.html")),
    (PRODUCTS, include_str!("../../themes/default/templates/partials/product-links.html")),
    (BYLINE, include_str!("../../themes/default/templates/partials/byline.html")),
    (TAGS, include_str!("../../themes/default/templates/partials/tags.html")),
];

/// The built-in partials in a tera set up as `compile_templates` sets it up.
fn tera() -> tera::Tera {
    let mut tera = tera::Tera::default();
    tera.autoescape_on(vec![".html"]);
    tera.set_escape_fn(crate::html::escape_html);
    tera.register_filter("plural", crate::render::plural::plural_filter);
    let texts: Vec<(&str, String)> = PARTIALS.iter().map(|(n, t)| (*n, without_indentation(t))).collect();
    tera.add_raw_templates(texts.iter().map(|(n, t)| (*n, t.as_str()))).unwrap();
    tera
}

/// What `partial` writes for the page `p` (a card: it carries none of the written parts, so the
/// partial renders as written), without its last line break.
fn through_tera(tera: &tera::Tera, partial: &str, p: &PageCard, lang: &str, t: &Value) -> String {
    let mut context = tera::Context::new();
    context.insert("p", p);
    context.insert("meta_full", &true);
    context.insert("lang", lang);
    context.insert("t", t);
    let mut html = tera.render(partial, &context).unwrap();
    assert_eq!(html.pop(), Some('\n'), "{partial} ends with a line break");
    html
}

fn strings() -> Value {
    json!({
        "published_on": "Published <on> {date}",
        "updated_on": "Updated {date}",
        "min_read": "{n} min read",
        "min_read_one": "{n} minute",
        "belongs_to_products": "Applies to",
        "tags": "Tags & more",
    })
}

fn author(name: &str, url: &str, role: Option<&str>) -> AuthorCard {
    AuthorCard {
        id: String::new(),
        name: name.into(),
        role: role.map(str::to_string),
        photo: None,
        photo_picture: None,
        url: url.into(),
        has_page: !url.is_empty(),
        bio_html: String::new(),
        links: Vec::new(),
    }
}

/// Pages of every shape the partials tell apart.
fn pages() -> Vec<PageCard> {
    let mut all = vec![card("article"), card("post"), card("guide")];
    let mut post = card("post");
    post.authors = vec![
        author("Noa & Co", "/authors/noa/", Some("CEO <b>")),
        author("I", "", None),
        author("", "https://x/?a=1&b=2", Some("")),
    ];
    post.reading_time = 7;
    post.updated = Some("2026-02-03".into());
    post.updated_display = Some("Feb 3".into());
    let tag = |name: &str, url: &str| Link { name: name.into(), url: url.into() };
    post.terms.insert("tags".into(), vec![tag("rust & go", "/tags/rust-go/"), tag("לקוח", "/tags/לקוח/")]);
    all.push(post);
    let mut article = card("article");
    let url = "/products/a&b/".to_string();
    let product = |title: &str| ProductCard {
        id: "a".into(),
        title: title.into(),
        url: url.clone(),
        description: None,
        image: None,
        picture: None,
    };
    article.products = vec![product("Pay"), product("Ship <it>")];
    article.reading_time = 2;
    article.date_display = None;
    all.push(article);
    let mut bare = card("page");
    (bare.date, bare.date_display, bare.reading_time) = (None, None, 0);
    bare.terms.insert("tags".into(), Vec::new());
    all.push(bare);
    all
}

/// A writer of one part.
type Write<'a> = dyn Fn(&mut String) -> Option<()> + 'a;

#[test]
fn the_header_parts_are_written_as_the_built_in_partials_write_them() {
    let tera = tera();
    let t = strings();
    for p in pages() {
        for lang in ["en", "he"] {
            let mut out = String::new();
            push_meta(&mut out, &p, lang, &t, true).unwrap();
            assert_eq!(out, through_tera(&tera, META, &p, lang, &t), "meta of {p:?}");
        }
        let written: [(&str, &Write); 3] = [
            (PRODUCTS, &|out| push_products(out, &p, &t)),
            (BYLINE, &|out| push_byline(out, &p)),
            (TAGS, &|out| push_tags(out, &p, &t)),
        ];
        for (partial, write) in written {
            let mut out = String::new();
            write(&mut out).unwrap();
            assert_eq!(out, through_tera(&tera, partial, &p, "en", &t), "{partial} of {p:?}");
        }
    }
}

#[test]
fn a_page_view_s_parts_are_printed_by_the_partials() {
    let tera = tera();
    let mut context = tera::Context::new();
    context.insert(
        "p",
        &json!({ "meta_html": "<p>m</p>", "products_html": "<b>p</b>", "byline_html": "b", "tags_html": "t" }),
    );
    context.insert("meta_full", &true);
    for (partial, html) in [(META, "<p>m</p>\n"), (PRODUCTS, "<b>p</b>\n"), (BYLINE, "b\n"), (TAGS, "t\n")] {
        assert_eq!(tera.render(partial, &context).unwrap(), html);
    }
}

#[test]
fn what_is_not_written_here_is_left_to_the_partials() {
    // A photo, or a first letter that may join what follows it.
    let mut post = card("post");
    post.authors = vec![author("Noa", "", None)];
    post.authors[0].photo = Some("/noa.jpg".into());
    assert_eq!(push_byline(&mut String::new(), &post), None);
    for name in ["נועה", "e\u{301}mile", "\r\nx"] {
        post.authors = vec![author(name, "", None)];
        assert_eq!(push_byline(&mut String::new(), &post), None, "{name}");
    }
    // A missing UI string.
    post.terms.insert("tags".into(), vec![Link { name: "a".into(), url: "/a/".into() }]);
    assert_eq!(push_tags(&mut String::new(), &post, &json!({})), None);
    assert_eq!(push_meta(&mut String::new(), &post, "en", &json!({}), true), None);
}
