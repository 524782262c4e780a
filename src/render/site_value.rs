//! The `site` value every template sees: title, menus, products, KB categories, the latest posts,
//! authors, the top-level sections. Built once per build; pages are keyed only by the fields their
//! templates read (`template_uses`).

use super::views::Views;
use crate::diagnostics::{Diagnostic, Location};
use crate::site::{ListKind, PageKind, Site};
use serde_json::{json, Value};

/// The part of the context that is the same on every page, built once.
pub(super) fn site_value(views: &Views) -> Result<Value, Diagnostic> {
    let site = views.site;
    let config = &site.config;
    let mut menus = serde_json::Map::new();
    for (name, items) in &config.menus {
        let mut list = Vec::new();
        for item in items {
            let url = menu_url(site, &item.url)?;
            let external = url.starts_with("http://") || url.starts_with("https://");
            list.push(json!({ "name": item.name, "url": url, "external": external }));
        }
        menus.insert(name.clone(), Value::Array(list));
    }
    let indices = |kind: PageKind| (0..site.pages.len()).filter(move |&i| site.pages[i].kind == kind);
    // Pages borrowed from another language are listed nowhere.
    let listed = |i: &usize| site.pages[*i].borrowed.is_none();
    let mut products: Vec<usize> = indices(PageKind::Product).filter(listed).collect();
    products.sort_by_key(|&i| (site.pages[i].front.weight, site.pages[i].title.clone()));
    let mut posts: Vec<usize> = indices(PageKind::Post).filter(listed).collect();
    posts.sort_by(|&a, &b| site.pages[b].date.cmp(&site.pages[a].date));
    let kb_categories: Vec<_> = site
        .sections
        .iter()
        .filter(|s| s.kind == ListKind::Kb)
        .flat_map(|kb| kb.subsections.iter().map(|&i| views.section_card(&site.sections[i])))
        .collect();
    let authors: serde_json::Map<String, Value> = indices(PageKind::Author)
        .map(|i| (site.pages[i].key.clone(), serde_json::to_value(views.author_card(i)).unwrap_or(Value::Null)))
        .collect();
    // The top-level list pages by kind (`site.sections.blog.url`), for "all posts" links.
    let sections: serde_json::Map<String, Value> = site.sections[0]
        .subsections
        .iter()
        .map(|&i| &site.sections[i])
        .filter(|s| s.kind != ListKind::Section)
        .map(|s| (s.kind.name().to_string(), serde_json::to_value(views.section_card(s)).unwrap_or(Value::Null)))
        .collect();
    Ok(json!({
        "title": config.title,
        "sections": sections,
        "description": config.description,
        "base_url": config.base_url,
        "base_path": config.base_path,
        "language": config.language,
        "dir": config.dir_of(&config.language),
        "generator": concat!("Folio ", env!("CARGO_PKG_VERSION")),
        "menus": menus,
        "products": products.into_iter().map(|i| views.product_card(i)).collect::<Vec<_>>(),
        "kb_categories": kb_categories,
        "latest_posts": posts.into_iter().take(5).map(|i| views.page_card(i)).collect::<Vec<_>>(),
        "authors": authors,
        "extra": config.extra,
        "search": { "enabled": config.search.enabled, "report_gaps": config.search.report_gaps },
    }))
}

/// A menu entry's URL: `@/…md` names a content file; `/path/` gets the base path; others stay.
fn menu_url(site: &Site, url: &str) -> Result<String, Diagnostic> {
    // In a language without that page, a menu leads to the default language's version of it.
    let lang = &site.config.language;
    if let Some(rel) = url.strip_prefix("@/") {
        let original = || site.languages.original(rel).map(|(url, _)| url);
        return site.link_targets.get(rel).map(|u| site.url(u)).or_else(original).ok_or_else(|| {
            let file = site.config.root.join("site.yaml");
            Diagnostic::new(Location::file(file), format!("menu link `{url}` points to a missing page: content/{rel}"))
                .with_help("menu links name a file inside content/, e.g. @/kb/_index.md")
        });
    }
    Ok(if url.starts_with('/') && !url.starts_with("//") {
        site.languages.elsewhere(lang, url).unwrap_or_else(|| site.url(url))
    } else {
        url.to_string()
    })
}
