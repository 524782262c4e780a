//! From an old site to the files of a Folio site, in memory: every post, page and author file,
//! copied upload, redirect table and (for a new site) `site.yaml`. Nothing is written here.

use super::front::FrontMatter;
use super::html::{convert_post, html_to_markdown, Converted};
use super::links::LinkMap;
use super::model::{Item, ItemKind, Source};
use super::old_addresses::{id_redirect_script, AliasSet, ID_REDIRECT_HOOK};
use super::report::ImportReport;
use super::site_config::{new_config_text, read_site_settings, SiteSettings};
use crate::diagnostics::Diagnostic;
use crate::site::slugify;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

/// Which reader the source came from; WordPress text needs its shortcodes and paragraphs handled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Importer {
    WordPress,
    Feed,
}

impl Importer {
    pub fn name(self) -> &'static str {
        match self {
            Importer::WordPress => "wordpress",
            Importer::Feed => "feed",
        }
    }
}

/// A file the import wants in the site, by its path from the site root.
#[derive(Debug, Clone)]
pub struct PlannedFile {
    pub rel: String,
    pub content: Content,
}

#[derive(Debug, Clone)]
pub enum Content {
    Text(String),
    Copy(PathBuf),
}

pub struct Plan {
    pub files: Vec<PlannedFile>,
    pub report: ImportReport,
}

/// A post or page with its place in the new site.
struct Placed<'a> {
    item: &'a Item,
    /// Path inside content/: `blog/2020-05-01-hello.md`.
    rel: String,
    url_path: String,
}

/// Plans the whole import of `source` into the site at `root`.
pub fn plan_site(source: &Source, importer: Importer, root: &Path, uploads: Option<&Path>) -> Result<Plan, Diagnostic> {
    let settings = read_site_settings(root, source)?;
    let mut report =
        ImportReport { importer: importer.name().into(), skipped: source.skipped.clone(), ..ImportReport::default() };
    let mut files = Vec::new();
    let authors = plan_authors(source, &settings, &mut files);
    report.authors = authors.len();
    let placed = place_items(source, &settings);
    let today = super::dates::day_of(&time::OffsetDateTime::now_utc().date().to_string()).to_string();
    // Internal links may only point at pages every build publishes: not drafts, not future posts.
    let is_public =
        |item: &Item| !item.draft && item.date.as_deref().is_none_or(|d| super::dates::day_of(d) <= today.as_str());
    let mut links = LinkMap::new(source.link.as_deref(), uploads);
    for p in placed.iter().filter(|p| is_public(p.item)) {
        for url in &p.item.old_urls {
            links.add_target(url, p.item.id.as_deref(), &p.rel);
        }
        if p.item.old_urls.is_empty() {
            links.add_target("", p.item.id.as_deref(), &p.rel);
        }
    }
    let claimed = placed.iter().map(|p| p.url_path.as_str()).chain([
        settings.blog_url.as_str(),
        "/tags/",
        "/categories/",
        "/search/",
        "/authors/",
    ]);
    let mut aliases = AliasSet::new(claimed);
    let page_lang = source
        .language
        .as_deref()
        .map(|l| l.split(['-', '_']).next().unwrap_or(l).to_ascii_lowercase())
        .filter(|l| *l != settings.language && crate::config::is_language_tag(l));
    let (mut tags, mut categories) = (BTreeSet::new(), BTreeSet::new());
    for p in &placed {
        let file = format!("content/{}", p.rel);
        let mut rewrite = |url: &str, is_image: bool| -> Option<String> {
            let new = links.rewrite(url, is_image)?;
            Some(if new.starts_with('/') { format!("{}{new}", settings.base_path) } else { new })
        };
        let converted = match importer {
            Importer::WordPress => convert_post(&p.item.html, &source.attachments, &mut rewrite),
            Importer::Feed => html_to_markdown(&p.item.html, &mut rewrite),
        };
        let image = p.item.image.as_deref().map(|url| links.rewrite(url, true).unwrap_or_else(|| url.to_string()));
        let mut dropped = Vec::new();
        let old = aliases.aliases_for(&p.item.old_urls, source.link.as_deref(), &p.url_path, &mut dropped);
        report.dropped_aliases.extend(dropped);
        report.aliases += old.len();
        let author = p.item.author.as_ref().and_then(|key| authors.get(key));
        let text = page_text(
            p,
            &converted,
            image.as_deref(),
            author.map(String::as_str),
            &old,
            page_lang.as_deref(),
            &mut report,
            &file,
        );
        record_conversion(&mut report, &file, converted);
        tags.extend(p.item.tags.iter().cloned());
        categories.extend(p.item.categories.iter().cloned());
        match p.item.kind {
            ItemKind::Post => report.posts += 1,
            ItemKind::Page => report.pages += 1,
        }
        report.drafts += usize::from(p.item.draft);
        files.push(PlannedFile { rel: file, content: Content::Text(text) });
    }
    (report.tags, report.categories) = (tags.len(), categories.len());
    report.remote_files = links.remote.into_iter().collect();
    report.missing_files = links.missing.into_iter().collect();
    for (rel, from) in links.copies {
        files.push(PlannedFile { rel: format!("static/{rel}"), content: Content::Copy(from) });
    }
    if importer == Importer::WordPress {
        let table: BTreeMap<String, String> = placed
            .iter()
            .filter(|p| is_public(p.item))
            .filter_map(|p| Some((p.item.id.clone()?, p.url_path[1..].to_string())))
            .collect();
        if !table.is_empty() {
            report.id_redirects = table.len();
            files.push(PlannedFile {
                rel: "static/wordpress-ids.js".into(),
                content: Content::Text(id_redirect_script(&table)),
            });
            files.push(PlannedFile {
                rel: "templates/partials/head-extra.html".into(),
                content: Content::Text(ID_REDIRECT_HOOK.into()),
            });
        }
    }
    add_site_files(source, &settings, importer, &mut files, &mut report);
    Ok(Plan { files, report })
}

/// Author files for everyone who wrote an imported post; returns author key → author id.
fn plan_authors(source: &Source, settings: &SiteSettings, files: &mut Vec<PlannedFile>) -> HashMap<String, String> {
    let used: BTreeSet<&str> = source.items.iter().filter_map(|i| i.author.as_deref()).collect();
    let mut ids = HashMap::new();
    let mut taken = HashSet::new();
    for key in used {
        let name = source.authors.iter().find(|a| a.key == key).map_or(key, |a| a.name.as_str());
        // A login that is an e-mail address makes a poor file name; the name reads better.
        let preferred = if key.contains('@') { slugify(name) } else { slugify(key) };
        let base = [preferred, slugify(name)].into_iter().find(|s| !s.is_empty()).unwrap_or_else(|| "author".into());
        let id = unique(&base, &mut taken);
        let mut front = FrontMatter::default();
        front.text("name", name);
        files.push(PlannedFile {
            rel: format!("content/{}/{id}.md", settings.authors_dir),
            content: Content::Text(front.finish("")),
        });
        ids.insert(key.to_string(), id);
    }
    ids
}

/// Gives every item a file and a URL: posts in the blog with dated names, pages at the top.
fn place_items<'a>(source: &'a Source, settings: &SiteSettings) -> Vec<Placed<'a>> {
    let mut post_slugs = HashSet::new();
    let mut page_slugs: HashSet<String> = settings.reserved.clone().into_iter().collect();
    let mut placed = Vec::new();
    for item in &source.items {
        let fallback = match &item.id {
            Some(id) => format!("{}-{id}", if item.kind == ItemKind::Page { "page" } else { "post" }),
            None => "untitled".into(),
        };
        let base = [slugify(&item.slug), slugify(&item.title)].into_iter().find(|s| !s.is_empty()).unwrap_or(fallback);
        let (rel, url_path) = match item.kind {
            ItemKind::Post => {
                let slug = unique(&base, &mut post_slugs);
                let prefix = item.date.as_deref().map(|d| format!("{}-", super::dates::day_of(d))).unwrap_or_default();
                (format!("{}/{prefix}{slug}.md", settings.blog_dir), format!("{}{slug}/", settings.blog_url))
            }
            ItemKind::Page => {
                let base = if settings.reserved.contains(&base) { format!("{base}-page") } else { base };
                let slug = unique(&base, &mut page_slugs);
                (format!("{slug}.md"), format!("/{slug}/"))
            }
        };
        placed.push(Placed { item, rel, url_path });
    }
    placed
}

/// `base`, or `base-2`, `base-3`… whichever is still free; marks it taken.
fn unique(base: &str, taken: &mut HashSet<String>) -> String {
    let mut candidate = base.to_string();
    let mut n = 1;
    while !taken.insert(candidate.clone()) {
        n += 1;
        candidate = format!("{base}-{n}");
    }
    candidate
}

/// The Markdown file of one post or page.
#[allow(clippy::too_many_arguments)]
fn page_text(
    p: &Placed,
    converted: &Converted,
    image: Option<&str>,
    author: Option<&str>,
    aliases: &[String],
    lang: Option<&str>,
    report: &mut ImportReport,
    file: &str,
) -> String {
    let item = p.item;
    let mut front = FrontMatter::default();
    let title = if item.title.trim().is_empty() { "Untitled" } else { item.title.trim() };
    front.text("title", title);
    if item.kind == ItemKind::Post {
        front.date("date", item.date.as_deref());
        let updated = item
            .updated
            .as_deref()
            .filter(|u| item.date.as_deref().is_none_or(|d| super::dates::day_of(d) < super::dates::day_of(u)));
        front.date("updated", updated);
        front.optional("author", author);
    }
    front.optional("description", item.excerpt.as_deref());
    front.optional("lang", lang);
    front.list("categories", &item.categories);
    front.list("tags", &item.tags);
    front.optional("image", image);
    front.flag("draft", item.draft);
    front.block_list("aliases", aliases);
    let left_out = front.comments("comments_archive", &item.comments);
    report.comments += item.comments.len() - left_out;
    if left_out > 0 {
        report.trimmed_comments.insert(file.to_string(), left_out);
    }
    front.finish(&converted.markdown)
}

fn record_conversion(report: &mut ImportReport, file: &str, converted: Converted) {
    if !converted.kept_html.is_empty() {
        report.raw_html.insert(file.to_string(), converted.kept_html);
    }
    if !converted.kept_shortcodes.is_empty() {
        report.shortcodes.insert(file.to_string(), converted.kept_shortcodes);
    }
}

/// For a new site: `site.yaml` and the blog's list page. For an existing one that shows HTML as
/// text: a note saying how to show what the import kept.
fn add_site_files(
    source: &Source,
    settings: &SiteSettings,
    importer: Importer,
    files: &mut Vec<PlannedFile>,
    report: &mut ImportReport,
) {
    let keeps_html = !report.raw_html.is_empty();
    if settings.new_site {
        let config = new_config_text(source, settings, importer.name(), keeps_html);
        files.push(PlannedFile { rel: crate::config::CONFIG_FILE.into(), content: Content::Text(config) });
        let title = if settings.language == "he" { "בלוג" } else { "Blog" };
        let mut front = FrontMatter::default();
        front.text("title", title);
        files.push(PlannedFile {
            rel: format!("content/{}/_index.md", settings.blog_dir),
            content: Content::Text(front.finish("")),
        });
        report
            .notes
            .push(format!("site.yaml was written from the old site's settings (base_url: {})", settings.base_url));
    } else if keeps_html && !settings.unsafe_html {
        report
            .notes
            .push("pages that kept HTML show it as text until site.yaml sets `markdown: { unsafe_html: true }`".into());
    }
}
