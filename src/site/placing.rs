//! Where each page and file of the content folder is published: a page's kind, slug, date and URL
//! from its place and front matter; other files beside their page or folder; and one owner per URL.

use super::{slug_as, slugify, Page, PageKind, Section, Site};
use crate::config::Config;
use crate::content::dates::split_date_prefix;
use crate::content::front_matter::front_key_line;
use crate::content::{Asset, SourcePage};
use crate::diagnostics::{Diagnostic, Location};
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

pub(super) fn place_page(
    config: &Config,
    section: &Section,
    s: usize,
    source: Arc<SourcePage>,
    is_bundle: bool,
) -> Result<Page, Diagnostic> {
    let front = source.parsed.front.clone();
    let at = |key: &str| Location::new(&source.path, front_key_line(&source.parsed.front_text, key), 0);
    let top = source.rel.split('/').next().unwrap_or("");
    let kind = if section.dir.is_empty() { PageKind::Page } else { PageKind::for_section(config.section(top).kind) };

    let name =
        if is_bundle { parent_dir(&source.rel).rsplit('/').next().unwrap_or("") } else { file_stem(&source.rel) };
    let (name_date, name) = match split_date_prefix(name) {
        Some((date, rest)) => (Some(date), rest),
        None => (None, name),
    };
    let slug = match &front.slug {
        Some(slug) => {
            let clean = slugify(slug);
            if clean.is_empty() || clean != slug.trim() {
                return Err(Diagnostic::new(at("slug"), format!("`slug` `{slug}` is not a valid URL segment"))
                    .with_help(format!(
                        "use lowercase letters, digits and `-`, e.g. slug: {}",
                        non_empty(&clean, "my-page")
                    )));
            }
            clean
        }
        None => slug_as(name, config.slugs),
    };
    if slug.is_empty() {
        return Err(Diagnostic::new(Location::file(&source.path), "cannot make a URL from this file name")
            .with_help("rename the file, or set `slug:` in the front matter"));
    }

    let title = match kind {
        PageKind::Author => front.name.clone().or(front.title.clone()),
        _ => front.title.clone(),
    };
    let Some(title) = title.filter(|t| !t.trim().is_empty()) else {
        let key = if kind == PageKind::Author { "name" } else { "title" };
        return Err(Diagnostic::new(Location::new(&source.path, 1, 1), format!("missing `{key}` in the front matter"))
            .with_help(format!("start the file with:\n---\n{key}: ...\n---")));
    };
    // A borrowed page's frame is in the site's language; `borrowed` keeps the language of its text.
    let borrowed = config.view.borrowed.get(&source.rel).cloned();
    let outdated = config.view.outdated.get(&source.rel).cloned();
    let lang = match borrowed {
        Some(_) => config.language.clone(),
        None => front.lang.clone().unwrap_or_else(|| section.lang.clone()),
    };
    if !crate::config::is_language_tag(&lang) {
        return Err(Diagnostic::new(
            at("lang"),
            format!("`lang` must be a language code such as `he` or `en`, found `{lang}`"),
        ));
    }
    Ok(Page {
        id: source.rel.clone(),
        path: source.path.clone(),
        kind,
        key: slug.clone(),
        section: s,
        url_path: format!("{}{slug}/", section.url_path),
        title,
        date: front.date.or(name_date),
        lang,
        // Filled in by `authors::resolve_authors` once every author is placed.
        authors: Vec::new(),
        bylines: Vec::new(),
        image: None,
        front,
        source_fingerprint: source.fingerprint,
        source,
        withheld: None,
        review: Default::default(),
        borrowed,
        outdated,
    })
}

/// Decides where every non-Markdown file is published and records internal-link targets.
pub(super) fn place_files(
    site: &mut Site,
    bundles: &HashSet<String>,
    content_assets: &[Asset],
    static_files: &[Asset],
) {
    for file in static_files {
        site.files.insert(file.rel.clone(), file.path.clone());
    }
    let bundle_urls: HashMap<&str, &str> = site
        .pages
        .iter()
        .filter_map(|p| p.id.strip_suffix("/index.md").map(|dir| (dir, p.url_path.as_str())))
        .collect();
    let section_urls: HashMap<&str, &str> =
        site.sections.iter().map(|s| (s.dir.as_str(), s.url_path.as_str())).collect();
    for asset in content_assets {
        let dir = parent_dir(&asset.rel);
        let target = match enclosing_bundle(bundles, dir) {
            Some(bundle) => bundle_urls.get(bundle).map(|url| (url.to_string(), &asset.rel[bundle.len() + 1..])),
            // Beside the folder's list page; a folder without pages keeps its path.
            None => Some(match section_urls.get(dir) {
                Some(url) => (url.to_string(), file_name(&asset.rel)),
                None => ("/".to_string(), asset.rel.as_str()),
            }),
        };
        if let Some((url, rest)) = target {
            let output = format!("{}{rest}", &url[1..]);
            site.link_targets.insert(asset.rel.clone(), format!("/{output}"));
            site.files.insert(output, asset.path.clone());
        }
    }
    for page in &site.pages {
        site.link_targets.insert(page.id.clone(), page.url_path.clone());
    }
    for section in &site.sections {
        let rel = if section.dir.is_empty() { "_index.md".to_string() } else { format!("{}/_index.md", section.dir) };
        site.link_targets.insert(rel, section.url_path.clone());
    }
}

/// Two pages (or a page and a section) may not claim one URL.
pub(super) fn check_urls(site: &Site, content_dir: &std::path::Path) -> Vec<Diagnostic> {
    let mut owners: HashMap<&str, PathBuf> = HashMap::new();
    let mut errors = Vec::new();
    let section_sources = site.sections.iter().map(|s| {
        let path = s.index.as_ref().map(|i| i.path.clone()).unwrap_or_else(|| content_dir.join(&s.dir));
        (s.url_path.as_str(), path)
    });
    let page_sources = site.pages.iter().map(|p| (p.url_path.as_str(), p.path.clone()));
    // A taxonomy's list page is made from site.yaml, so that is the file to blame.
    let config_file = site.config.root.join("site.yaml");
    let taxonomy_sources = site.taxonomies.iter().map(|t| (t.url_path.as_str(), config_file.clone()));
    // So are the search page and the feedback thank-you page, when the site has them.
    let search = site.config.search.enabled.then_some("/search/");
    let thanks = site.config.feedback.as_ref().map(|_| "/feedback/thanks/");
    let generated = search.into_iter().chain(thanks).map(|url| (url, config_file.clone()));
    let taxonomy_sources = taxonomy_sources.chain(generated);
    for (url, path) in taxonomy_sources.chain(section_sources).chain(page_sources) {
        if let Some(first) = owners.get(url) {
            let root = content_dir.parent().unwrap_or(content_dir);
            let first = first.strip_prefix(root).unwrap_or(first);
            errors.push(
                Diagnostic::new(Location::file(&path), format!("URL {url} is also claimed by {}", first.display()))
                    .with_help("give one of them a different `slug:` or file name"),
            );
        } else {
            owners.insert(url, path);
        }
    }
    errors
}

pub(super) fn parent_dir(rel: &str) -> &str {
    rel.rfind('/').map_or("", |i| &rel[..i])
}

/// `dir` and the folders it is in, innermost first (`a/b`, then `a`); not the content folder itself.
fn folders_of(dir: &str) -> impl Iterator<Item = &str> {
    fn folder(dir: &str) -> Option<&str> {
        Some(dir).filter(|d| !d.is_empty())
    }
    std::iter::successors(folder(dir), |d| folder(parent_dir(d)))
}

/// Whether Markdown at `rel`, in folder `dir`, is inside a bundle folder (one of `bundles`)
/// without being that bundle's own `index.md`. Looked up folder by folder, not bundle by bundle:
/// a site imported from Hugo may have a bundle for every one of its 10,000 posts.
pub(super) fn inside_bundle(bundles: &HashSet<String>, dir: &str, rel: &str) -> bool {
    folders_of(dir).any(|folder| bundles.contains(folder) && rel.strip_prefix(folder) != Some("/index.md"))
}

/// The outermost bundle folder (of `bundles`) that `dir` is or is in.
fn enclosing_bundle<'a>(bundles: &'a HashSet<String>, dir: &str) -> Option<&'a str> {
    folders_of(dir).filter_map(|folder| bundles.get(folder)).last().map(String::as_str)
}

pub(super) fn file_name(rel: &str) -> &str {
    rel.rsplit('/').next().unwrap_or(rel)
}

fn file_stem(rel: &str) -> &str {
    let name = file_name(rel);
    name.strip_suffix(".md").unwrap_or(name)
}

pub(super) fn non_empty<'a>(text: &'a str, fallback: &'a str) -> &'a str {
    if text.is_empty() {
        fallback
    } else {
        text
    }
}
