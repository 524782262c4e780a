use super::*;
use crate::render::theme::without_indentation;
use crate::render::views::{AuthorCard, ProductCard};
use serde_json::json;

/// The built-in card partials in a tera set up as `compile_templates` sets it up.
fn tera() -> tera::Tera {
    let mut tera = tera::Tera::default();
    tera.autoescape_on(vec![".html"]);
    tera.set_escape_fn(crate::html::escape_html);
    tera.register_filter("plural", crate::render::plural::plural_filter);
    let texts = [
        include_str!("../../themes/default/templates/partials/page-card.html"),
        include_str!("../../themes/default/templates/partials/meta.html"),
        include_str!("../../themes/default/templates/partials/product-links.html"),
    ];
    let texts: Vec<String> = texts.iter().map(|t| without_indentation(t)).collect();
    tera.add_raw_templates(PARTIALS.iter().zip(&texts).map(|(n, t)| (*n, t.as_str()))).unwrap();
    tera
}

fn through_tera(tera: &tera::Tera, card: &PageCard, lang: &str, t: &Value, level: u8) -> String {
    let mut context = tera::Context::new();
    context.insert("p", card);
    context.insert("card_h", &level);
    context.insert("lang", lang);
    context.insert("t", t);
    tera.render(PARTIALS[0], &context).unwrap()
}

fn author(name: &str) -> AuthorCard {
    AuthorCard {
        id: String::new(),
        name: name.into(),
        role: None,
        photo: None,
        photo_picture: None,
        url: String::new(),
        has_page: false,
        bio_html: String::new(),
        links: Vec::new(),
    }
}

fn product(title: &str) -> ProductCard {
    let url = "/products/a&b/".to_string();
    ProductCard { id: "a".into(), title: title.into(), url, description: None, image: None, picture: None }
}

pub(crate) fn card(kind: &'static str) -> PageCard {
    PageCard {
        id: "x".into(),
        key: "x".into(),
        kind,
        title: "Cats & <dogs>".into(),
        url: "/kb/cats/".into(),
        permalink: "https://x/kb/cats/".into(),
        description: Some("It's \"fine\"".into()),
        date: Some("2026-01-02".into()),
        date_display: Some("January 2, 2026".into()),
        updated: None,
        updated_display: None,
        authors: Vec::new(),
        tags: Vec::new(),
        reading_time: 1,
        products: Vec::new(),
        lang: "en".into(),
        dir: "ltr",
        image: None,
        picture: None,
        community: false,
        terms: Default::default(),
        card_html: None,
    }
}

fn strings() -> Value {
    json!({
        "community_contribution": "Community <b>",
        "by": "By",
        "updated_on": "Updated {date}",
        "min_read": "{n} min read",
        "min_read_one": "{n} minute",
        "belongs_to_products": "Applies to",
    })
}

/// Cards of every shape the partials tell apart.
fn cards() -> Vec<PageCard> {
    let mut all = vec![card("article"), card("post"), card("guide")];
    let mut post = card("post");
    post.authors = vec![author("Noa & Co"), author("Itay")];
    post.reading_time = 7;
    post.community = true;
    post.updated = Some("2026-02-03".into());
    post.updated_display = Some("Feb 3".into());
    post.lang = "he".into();
    post.dir = "rtl";
    all.push(post);
    let mut article = card("article");
    article.products = vec![product("Pay"), product("Ship <it>")];
    article.description = Some(String::new());
    article.date_display = None;
    article.updated = Some("2026-02-03".into());
    article.updated_display = Some("Feb 3".into());
    all.push(article);
    let mut bare = card("page");
    (bare.description, bare.date, bare.date_display) = (None, None, None);
    bare.products = vec![product("Pay")];
    bare.lang = "de".into();
    all.push(bare);
    let mut dateless = card("post");
    (dateless.date, dateless.authors) = (None, vec![author("Solo")]);
    all.push(dateless);
    all
}

#[test]
fn cards_are_written_as_the_built_in_partials_write_them() {
    let tera = tera();
    for card in cards() {
        for (lang, level) in [("en", 2), ("he", 3)] {
            let expected = through_tera(&tera, &card, lang, &strings(), level);
            assert_eq!(write(&card, lang, &strings(), level).as_deref(), Some(expected.as_str()), "{card:?}");
        }
    }
}

#[test]
fn a_missing_ui_string_leaves_the_card_to_the_partial() {
    let mut post = card("post");
    post.community = true;
    for keys in [&["community_contribution"][..], &["min_read", "min_read_one"]] {
        let mut t = strings();
        keys.iter().for_each(|key| _ = t.as_object_mut().unwrap().remove(*key));
        assert_eq!(write(&post, "en", &t, 2), None, "{keys:?}");
    }
}
