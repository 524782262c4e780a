//! The site an import writes into: its address, language and folders, read from `site.yaml` — or,
//! for a new site, taken from the old one, and written as a new `site.yaml`.

use super::front::scalar;
use super::model::Source;
use crate::config::{is_language_tag, load_config, SectionKind, CONFIG_FILE};
use crate::diagnostics::Diagnostic;
use crate::site::slugify;
use std::collections::BTreeSet;
use std::path::Path;

/// Where things go in the site.
#[derive(Debug, Clone)]
pub struct SiteSettings {
    /// Without a trailing slash.
    pub base_url: String,
    /// `/help` for a site under a path, or empty.
    pub base_path: String,
    pub language: String,
    /// The blog's folder in content/ and its URL path (`/blog/`).
    pub blog_dir: String,
    pub blog_url: String,
    pub authors_dir: String,
    /// Top-level names a page may not take (folders, taxonomies, generated pages).
    pub reserved: BTreeSet<String>,
    /// True when the site has no site.yaml yet and the import writes one.
    pub new_site: bool,
    pub unsafe_html: bool,
}

/// Reads `root/site.yaml` when there is one; otherwise settings for a new site made from `source`.
pub fn read_site_settings(root: &Path, source: &Source) -> Result<SiteSettings, Diagnostic> {
    let mut reserved: BTreeSet<String> =
        ["tags", "categories", "search", "feedback", "authors", "blog"].map(String::from).into();
    if let Ok(entries) = std::fs::read_dir(root.join("content")) {
        for entry in entries.flatten().filter(|e| e.path().is_dir()) {
            reserved.insert(slugify(&entry.file_name().to_string_lossy()));
        }
    }
    if !root.join(CONFIG_FILE).exists() {
        let base_url = source
            .link
            .as_deref()
            .filter(|l| l.starts_with("http://") || l.starts_with("https://"))
            .unwrap_or("https://example.com")
            .trim_end_matches('/')
            .to_string();
        let base_path =
            super::urls::split_url(&base_url).map(|(_, p)| p.trim_end_matches('/').to_string()).unwrap_or_default();
        let language = source
            .language
            .as_deref()
            .map(|l| l.split(['-', '_']).next().unwrap_or(l).to_ascii_lowercase())
            .filter(|l| is_language_tag(l))
            .unwrap_or_else(|| "en".into());
        return Ok(SiteSettings {
            base_url,
            base_path,
            language,
            blog_dir: "blog".into(),
            blog_url: "/blog/".into(),
            authors_dir: "authors".into(),
            reserved,
            new_site: true,
            unsafe_html: false,
        });
    }
    let config = load_config(root).map_err(|e| {
        e.errors.into_iter().next().unwrap_or_else(|| {
            Diagnostic::new(crate::diagnostics::Location::file(root.join(CONFIG_FILE)), "cannot read site.yaml")
        })
    })?;
    let folder = |kind: SectionKind, default: &str| {
        config
            .sections
            .iter()
            .find(|(_, s)| s.kind == kind)
            .map(|(name, _)| name.clone())
            .unwrap_or_else(|| default.to_string())
    };
    let blog_dir = folder(SectionKind::Blog, "blog");
    let authors_dir = folder(SectionKind::Authors, "authors");
    reserved.extend(config.sections.keys().map(|k| slugify(k)));
    reserved.extend(config.taxonomies.iter().cloned());
    Ok(SiteSettings {
        blog_url: format!("/{}/", slugify(&blog_dir)),
        base_url: config.base_url.clone(),
        base_path: config.base_path.clone(),
        language: config.language.clone(),
        blog_dir,
        authors_dir,
        reserved,
        new_site: false,
        unsafe_html: config.markdown.unsafe_html,
    })
}

/// A `site.yaml` for a new site, from the old site's title, description, address and language.
pub fn new_config_text(source: &Source, settings: &SiteSettings, importer: &str, keeps_html: bool) -> String {
    let title = if source.title.trim().is_empty() { "My site" } else { source.title.trim() };
    let mut text = format!("# Written by `folio import {importer}` from the old site's settings; edit freely.\n");
    text.push_str(&format!("title: {}\n", scalar(title)));
    if !source.description.trim().is_empty() {
        text.push_str(&format!("description: {}\n", scalar(source.description.trim())));
    }
    text.push_str(&format!("base_url: {}\nlanguage: {}\n", settings.base_url, settings.language));
    let blog = if settings.language == "he" { "בלוג" } else { "Blog" };
    text.push_str(&format!("menus:\n  main:\n    - {{ name: {blog}, url: \"@/blog/_index.md\" }}\n"));
    text.push_str("sections:\n  blog: { kind: blog, sort_by: date }\n  authors: { kind: authors }\n");
    if keeps_html {
        text.push_str(
            "# Some imported pages keep HTML that Markdown cannot say (the import lists them); this shows it\n\
             # as HTML rather than as text. It is the old site's own content.\nmarkdown:\n  unsafe_html: true\n",
        );
    }
    text
}
