//! References between pages, checked once every page is placed: authors and products named in
//! front matter, `related:` pins, and images or photos given as files beside the page.

use super::placing::non_empty;
use super::{PageKind, Site};
use crate::content::front_matter::front_key_line;
use crate::diagnostics::{closest, Diagnostic, Location};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Checks product ids and `related:` pins, and resolves author photos and product images.
/// (`authors` checks who wrote each page.)
pub(super) fn resolve_references(site: &mut Site) -> Vec<Diagnostic> {
    let every: Vec<usize> = (0..site.pages.len()).collect();
    resolve_references_of(site, &every)
}

/// Like `resolve_references`, for the pages `which` alone: enough after an edit of those pages'
/// front matter that moved no page and changed no key (the ids and products named are as they were).
pub(super) fn resolve_references_of(site: &mut Site, which: &[usize]) -> Vec<Diagnostic> {
    let product_ids: Vec<String> = keys_of(site, PageKind::Product);
    // Only `related:` pins need every page's id (10,000 copies at 10,000 pages).
    let pinned = which.iter().any(|&i| !site.pages[i].front.related.is_empty());
    let page_ids: Vec<String> = if pinned { site.pages.iter().map(|p| p.id.clone()).collect() } else { Vec::new() };
    let mut errors = Vec::new();
    let files = &site.files;
    let base_path = site.config.base_path.clone();
    for &i in which {
        let page = &mut site.pages[i];
        let at = |key: &str| Location::new(&page.path, front_key_line(&page.source.parsed.front_text, key), 0);
        for id in &page.front.products {
            if !product_ids.contains(id) {
                errors.push(unknown_id(at("products"), "product", id, &product_ids, "content/products/"));
            }
        }
        for entry in &page.front.related {
            let id = related_id(entry);
            if !page_ids.iter().any(|p| p == id) {
                let d = Diagnostic::new(at("related"), format!("`related` names a page that does not exist: {entry}"));
                errors.push(match closest(id, page_ids.iter().map(String::as_str)) {
                    Some(best) => d.with_help(format!("did you mean `{best}`?")),
                    None => d.with_help("name a page by its path inside content/, e.g. kb/billing/refunds.md; drafts are left out unless --drafts"),
                });
            }
        }
        let (key, value) = match page.kind {
            PageKind::Author => ("photo", page.front.photo.clone()),
            _ => ("image", page.front.image.clone()),
        };
        if let Some(value) = value {
            match resolve_file_url(&value, &page.url_path, files) {
                Ok(url) => page.image = Some(if url.starts_with('/') { format!("{base_path}{url}") } else { url }),
                Err(missing) => errors.push(
                    Diagnostic::new(at(key), format!("`{key}` `{value}` does not exist (looked for {missing})"))
                        .with_help("put the file in static/ and write its path from there (/images/x.svg), or put it beside the page in a folder bundle"),
                ),
            }
        }
    }
    errors
}

/// `related:` entries name a content file, with or without the `@/` of internal links.
pub fn related_id(entry: &str) -> &str {
    entry.trim().trim_start_matches("@/")
}

fn keys_of(site: &Site, kind: PageKind) -> Vec<String> {
    site.pages.iter().filter(|p| p.kind == kind).map(|p| p.key.clone()).collect()
}

fn unknown_id(location: Location, what: &str, id: &str, known: &[String], folder: &str) -> Diagnostic {
    let d = Diagnostic::new(location, format!("unknown {what} `{id}`"));
    match closest(id, known.iter().map(String::as_str)) {
        Some(best) => d.with_help(format!("did you mean `{best}`?")),
        None => {
            d.with_help(format!("{what}s are the files in {folder}; known: {}", non_empty(&known.join(", "), "none")))
        }
    }
}

/// An image reference as a URL path, checked against the published files. External URLs pass as they are.
pub(super) fn resolve_file_url(
    value: &str,
    page_url: &str,
    files: &BTreeMap<String, PathBuf>,
) -> Result<String, String> {
    if value.starts_with("http://") || value.starts_with("https://") || value.starts_with("//") {
        return Ok(value.to_string());
    }
    let path = match value.strip_prefix('/') {
        Some(rooted) => rooted.to_string(),
        None => format!("{}{value}", &page_url[1..]),
    };
    if files.contains_key(&path) {
        Ok(format!("/{path}"))
    } else {
        Err(format!("/{path}"))
    }
}
