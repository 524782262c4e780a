//! The assembled site: every page placed at its URL, folders turned into sections and categories,
//! authors and products resolved. Nothing here reads files or renders HTML.

mod authors;
mod changes;
pub mod feeds;
pub mod git_dates;
mod publish;
mod review;

mod kinds;
mod languages;
mod model;
mod placing;
mod references;
mod replace;
mod slug;
mod taxonomy;
mod transliterate;

use crate::config::{Config, SectionKind, SortBy};
use crate::content::{Discovered, SourcePage};
use crate::diagnostics::{Diagnostic, Location};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

pub use authors::{unfiled_authors_note, Byline, Origin, Person};
pub use changes::{derived, SiteChanges};
pub use publish::{PublishOptions, Withheld};
pub use review::{due_phrase, review_warning, schedule_reviews, Review};

pub use kinds::{KindRules, PageKind};
pub use languages::{link_languages, Alternate, LanguageLink, SiteLanguages};
pub use model::{ListKind, Page, PerPage, Section, Site};
use placing::{check_urls, file_name, inside_bundle, parent_dir, place_files, place_page};
pub use references::related_id;
use references::resolve_references;
pub use slug::{anchor_text, slug_as, slugify};
pub use taxonomy::{page_terms, term_url, Taxonomy, Term};

/// Places every discovered page and file in the site, or lists every problem found.
pub fn assemble_site(config: Config, found: Discovered, options: &PublishOptions) -> Result<Site, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let content_dir = config.content_dir();
    let bundles: HashSet<String> =
        found.pages.iter().filter_map(|p| p.rel.strip_suffix("/index.md").map(str::to_string)).collect();

    let mut sections = vec![home_section(&config)];
    let mut dir_index: HashMap<String, usize> = HashMap::from([(String::new(), 0)]);
    // Folders first, parents before children, so every page sees its folder's settings (such as `lang`).
    let (mut indexes, sources): (Vec<Arc<SourcePage>>, Vec<Arc<SourcePage>>) =
        found.pages.into_iter().partition(|p| file_name(&p.rel) == "_index.md");
    indexes.sort_by_key(|p| p.rel.matches('/').count());
    for index in indexes {
        let s = ensure_section(&config, &mut sections, &mut dir_index, parent_dir(&index.rel));
        apply_index(&mut sections[s], index);
    }
    let planned = plan_pages(&config, sources, &bundles, (&mut sections, &mut dir_index));
    // Placing a page reads only its folder's settings: the pages are placed on every core.
    let placed: Vec<Result<Page, Diagnostic>> = planned
        .into_par_iter()
        .map(|planned| {
            let (source, s, is_bundle) = planned?;
            let mut page = place_page(&config, &sections[s], s, source, is_bundle)?;
            page.withheld = publish::withheld(&page.front, page.date, &config, options.now);
            Ok(page)
        })
        .collect();
    let Listed { pages, withheld, next_change } = list_pages(placed, &mut sections, options, &mut errors);

    let by_key = pages.iter().enumerate().map(|(i, p): (usize, &Page)| ((p.kind, p.key.clone()), i)).collect();
    let taxonomies = taxonomy::collect_taxonomies(&config.taxonomies, &pages, config.slugs);
    let mut site = Site {
        config,
        pages,
        sections,
        files: BTreeMap::new(),
        link_targets: HashMap::new(),
        taxonomies,
        withheld,
        by_key,
        languages: Default::default(),
        next_change,
    };
    place_files(&mut site, &bundles, &found.content_assets, &found.static_files);
    errors.extend(check_urls(&site, &content_dir));
    errors.extend(authors::resolve_authors(&mut site, found.authors_file.as_ref()));
    errors.extend(resolve_references(&mut site));
    sort_sections(&mut site);
    if errors.is_empty() {
        Ok(site)
    } else {
        Err(errors)
    }
}

/// A page with its section and whether it is a bundle's `index.md`, or why it cannot be a page.
type Planned = Result<(Arc<SourcePage>, usize, bool), Diagnostic>;

/// Each page's folder (its section), worked out in file order, since a folder is made when its
/// first page is met. Markdown inside a bundle folder belongs to that bundle and is left out.
fn plan_pages(
    config: &Config,
    sources: Vec<Arc<SourcePage>>,
    bundles: &HashSet<String>,
    (sections, dir_index): (&mut Vec<Section>, &mut HashMap<String, usize>),
) -> Vec<Planned> {
    let mut planned = Vec::with_capacity(sources.len());
    for source in sources {
        let dir = parent_dir(&source.rel);
        if source.rel == "index.md" {
            planned.push(Err(Diagnostic::new(
                Location::file(&source.path),
                "the home page is written in `_index.md`, not `index.md`",
            )
            .with_help("rename content/index.md to content/_index.md")));
            continue;
        }
        if inside_bundle(bundles, dir, &source.rel) {
            continue;
        }
        let is_bundle = source.rel.ends_with("/index.md");
        let list_dir = if is_bundle { parent_dir(dir) } else { dir };
        let s = ensure_section(config, sections, dir_index, list_dir);
        planned.push(Ok((source, s, is_bundle)));
    }
    planned
}

/// The site's pages, in file order: those published (or previewed), each listed in its section
/// unless borrowed from another language.
struct Listed {
    pages: Vec<Page>,
    /// How many pages were withheld, by why.
    withheld: BTreeMap<&'static str, usize>,
    /// The first moment after `options.now` at which a page's date or `expires:` passes.
    next_change: Option<time::OffsetDateTime>,
}

/// Lists the `placed` pages (see `Listed`); the problems found go to `errors`.
fn list_pages(
    placed: Vec<Result<Page, Diagnostic>>,
    sections: &mut [Section],
    options: &PublishOptions,
    errors: &mut Vec<Diagnostic>,
) -> Listed {
    let mut listed = Listed { pages: Vec::with_capacity(placed.len()), withheld: BTreeMap::new(), next_change: None };
    for placed in placed {
        let page = match placed {
            Ok(page) => page,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        let moments = [page.date.map(|d| d.0), page.front.expires.map(|e| e.0)];
        for moment in moments.into_iter().flatten().filter(|m| *m > options.now) {
            listed.next_change = Some(listed.next_change.map_or(moment, |n| n.min(moment)));
        }
        if let Some(reason) = page.withheld.filter(|&reason| !publish::is_previewed(reason, options)) {
            *listed.withheld.entry(reason.name()).or_insert(0) += 1;
            continue;
        }
        // A page borrowed from the default language is reachable, but no list shows it.
        if page.borrowed.is_none() {
            sections[page.section].pages.push(listed.pages.len());
        }
        listed.pages.push(page);
    }
    listed
}

/// The previous build's site brought up to date without assembling it again, when that is exactly
/// right: same configuration and files, and every changed page changed only below its front matter
/// (where nothing the site's structure depends on lives), or changed its front matter in a way that
/// leaves its address and publication as they were (see `replace`). `None` when a full assembly is
/// needed.
///
/// A site assembled before a page's publication date or `expires:` passed (`now`) is assembled again:
/// which pages are published has changed without any file changing.
pub fn refresh_site(
    mut site: Site,
    config: &Config,
    (before, after): (&Discovered, &Discovered),
    now: time::OffsetDateTime,
) -> Option<(Site, SiteChanges)> {
    if site.next_change.is_some_and(|moment| now >= moment) {
        return None;
    }
    // The theme folder is found on disk (themes/NAME before NAME), so the same text can name another.
    let same_files = site.config.fingerprint == config.fingerprint
        && site.config.theme == config.theme
        && before.content_assets == after.content_assets
        && before.static_files == after.static_files
        && before.authors_file == after.authors_file
        && before.pages.len() == after.pages.len();
    if !same_files {
        return None;
    }
    // The addresses of the other languages are given again after every assembly.
    site.languages = Default::default();
    let mut replaced = Vec::new();
    let mut bodies = Vec::new();
    for (old, new) in before.pages.iter().zip(&after.pages) {
        if Arc::ptr_eq(old, new) {
            continue;
        }
        if old.path != new.path {
            return None;
        }
        if old.parsed.front_text != new.parsed.front_text {
            replace::replace_page(&mut site, config, new, now)?;
            replaced.extend(site.pages.iter().position(|p| p.id == new.rel));
            continue;
        }
        if let Some(i) = site.pages.iter().position(|p| p.id == new.rel) {
            let page = &mut site.pages[i];
            page.source = new.clone();
            page.source_fingerprint = new.fingerprint;
            bodies.push(i);
        } else if let Some(section) =
            site.sections.iter_mut().find(|s| s.index.as_ref().is_some_and(|i| i.rel == new.rel))
        {
            section.index = Some(new.clone());
        }
    }
    if replaced.is_empty() {
        return Some((site, SiteChanges::Bodies(bodies)));
    }
    let settled_alone = replace::settle_pages(&mut site, after.authors_file.as_ref(), &replaced)?;
    let shown_by_others = replaced.iter().any(|&i| matches!(site.pages[i].kind, PageKind::Author | PageKind::Product));
    // A page's front matter may move others in lists; the ones whose text changed are listed too.
    replaced.extend(bodies);
    if settled_alone && !shown_by_others {
        return Some((site, SiteChanges::Pages(replaced)));
    }
    Some((site, SiteChanges::Fronts(replaced)))
}

fn home_section(config: &Config) -> Section {
    Section {
        dir: String::new(),
        kind: ListKind::Home,
        url_path: "/".into(),
        title: config.title.clone(),
        lang: config.language.clone(),
        sort_by: SortBy::Weight,
        index: None,
        description: Some(config.description.clone()).filter(|d| !d.is_empty()),
        weight: 0,
        pages: Vec::new(),
        subsections: Vec::new(),
        parent: None,
    }
}

/// The section for `dir`, created with its ancestors if needed.
fn ensure_section(
    config: &Config,
    sections: &mut Vec<Section>,
    index: &mut HashMap<String, usize>,
    dir: &str,
) -> usize {
    if let Some(&i) = index.get(dir) {
        return i;
    }
    let parent = ensure_section(config, sections, index, parent_dir(dir));
    let top = dir.split('/').next().unwrap_or(dir);
    let settings = config.section(top);
    let depth = dir.split('/').count();
    let kind = match (settings.kind, depth) {
        (SectionKind::Blog, 1) => ListKind::Blog,
        (SectionKind::Kb, 1) => ListKind::Kb,
        (SectionKind::Kb, _) => ListKind::Category,
        (SectionKind::Guides, 1) => ListKind::Guides,
        (SectionKind::Products, 1) => ListKind::Products,
        (SectionKind::Authors, 1) => ListKind::Authors,
        _ => ListKind::Section,
    };
    let name = dir.rsplit('/').next().unwrap_or(dir);
    let title = if depth == 1 { settings.title.clone() } else { None }.unwrap_or_else(|| name.to_string());
    let url_path = format!("{}{}/", sections[parent].url_path, slug_as(name, config.slugs));
    let section = Section {
        dir: dir.to_string(),
        kind,
        url_path,
        title,
        lang: sections[parent].lang.clone(),
        sort_by: settings.sort_by,
        index: None,
        description: if depth == 1 { settings.description } else { None },
        weight: 0,
        pages: Vec::new(),
        subsections: Vec::new(),
        parent: Some(parent),
    };
    sections.push(section);
    let i = sections.len() - 1;
    sections[parent].subsections.push(i);
    index.insert(dir.to_string(), i);
    i
}

/// `_index.md` gives a folder its title, description and text.
fn apply_index(section: &mut Section, source: Arc<SourcePage>) {
    let front = &source.parsed.front;
    if let Some(title) = &front.title {
        section.title = title.clone();
    }
    if front.description.is_some() {
        section.description = front.description.clone();
    }
    if let Some(lang) = &front.lang {
        section.lang = lang.clone();
    }
    section.weight = front.weight;
    section.index = Some(source);
}

fn sort_sections(site: &mut Site) {
    let pages = &site.pages;
    for section in &mut site.sections {
        sort_section_pages(section, pages);
    }
    let snapshot: Vec<(i64, String)> = site.sections.iter().map(|s| (s.weight, s.title.clone())).collect();
    for section in &mut site.sections {
        section.subsections.sort_by(|&a, &b| snapshot[a].cmp(&snapshot[b]));
    }
}

/// `sort_sections` after only the pages `changed` were placed again (the folders themselves as
/// they were): only the folders listing one of them can be out of order.
fn sort_sections_of(site: &mut Site, changed: &[usize]) {
    let pages = &site.pages;
    for section in site.sections.iter_mut().filter(|s| s.pages.iter().any(|p| changed.contains(p))) {
        sort_section_pages(section, pages);
    }
}

fn sort_section_pages(section: &mut Section, pages: &[Page]) {
    let by = section.sort_by;
    section.pages.sort_by(|&a, &b| {
        let (a, b) = (&pages[a], &pages[b]);
        let order = match by {
            SortBy::Date => b.date.cmp(&a.date),
            SortBy::Weight => a.front.weight.cmp(&b.front.weight),
            SortBy::Title => std::cmp::Ordering::Equal,
        };
        order.then_with(|| a.title.cmp(&b.title)).then_with(|| a.id.cmp(&b.id))
    });
}
