//! HTML pages from templates: the theme is loaded, each page and section gets its context, and tera
//! renders them in parallel. Autoescaping stays on; only HTML Folio produced is marked safe.

mod body_parts;
mod body_top;
mod card_html;
mod context;
mod doc_header;
mod doc_parts;
mod feedback_pages;
mod glossary_page;
mod head_html;
mod help_home;
mod json_ld;
mod keys;
mod lists;
mod nav_keys;
mod page_card_html;
mod page_context;
mod pagination_html;
pub mod plural;
mod product_data;
mod search_box;
mod section_nav;
mod section_nav_html;
mod shared_context;
mod shown_lists;
mod site_menu;
mod site_value;
pub mod strings;
mod template_uses;
mod templates;
mod tera_values;
pub mod theme;
mod view_types;
mod views;
// Social tags, share links and absolute addresses for the head of each page.
pub mod absolute_links;
mod social;

pub use glossary_page::{glossary_title, GLOSSARY_PATH};
pub use json_ld::origin;
pub use keys::KeptKeys;
pub use nav_keys::NavKeys;
pub use search_box::{search_strings_file, shown_languages};
pub use social::{absolute_image, card_path, site_card_path, CARD_FILE, CARD_SIZE};
pub use templates::{compile_templates, error_chain};
pub use theme::{load_theme, Theme, ThemeFile};
pub use views::reading_time;

use crate::diagnostics::Diagnostic;
use crate::markdown::SiteMarkdown;
use crate::memo::{checking, fingerprint, fingerprint_json};
use crate::site::{PageKind, PerPage, Site};
use context::Subject;
use keys::{page_keys, site_keys, structure_fingerprint};
use page_context::{current_year, translation_notice};
use rayon::prelude::*;
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use tera::Tera;
use views::Views;

/// A rendered page: output path (no leading slash), its bytes, and the fingerprint of what it was
/// rendered from (template and context), which the next build compares to reuse it.
#[derive(Debug, Clone)]
pub struct RenderedFile {
    pub path: String,
    pub bytes: Arc<[u8]>,
    pub fingerprint: u64,
    pub reused: bool,
}

/// Takes each page as soon as it is rendered (`folio build` writes it to its staging folder), so a
/// build need not hold every page in memory; the `RenderedFile` then keeps no bytes.
pub type PageSink<'a> = &'a (dyn Fn(&str, &[u8]) -> Result<(), Diagnostic> + Sync);

/// Pages of the previous build by output path, with their fingerprints.
/// Looked up once per page on every rebuild: a fast hash of the path, not the DoS-resistant default
/// (the paths are the site's own).
pub type PreviousPages = rustc_hash::FxHashMap<String, (u64, Arc<[u8]>)>;

/// Everything the renderer needs besides the site.
pub struct RenderInput<'a> {
    pub site: &'a Site,
    pub theme: &'a Theme,
    pub tera: &'a Tera,
    pub markdown: &'a SiteMarkdown,
    /// For each page, the pages related to it, best first.
    pub related: &'a PerPage<Vec<usize>>,
    pub serve_mode: bool,
    /// What `feedback.data` says about each page.
    pub feedback: &'a crate::feedback::FeedbackStats,
    /// Counts rendered pages and keeps the slowest, for the progress display and `--timings`.
    pub progress: &'a crate::progress::Progress,
    /// `glossary.yaml`, published as /glossary/ when it says `publish: true`.
    pub glossary: Option<&'a crate::glossary::Glossary>,
    /// The site's images: front-matter images are shown with their size and WebP copies.
    pub images: &'a crate::images::SiteImages,
    /// Where rendered pages go at once, if not into the returned files.
    pub sink: Option<PageSink<'a>>,
    /// The previous build's section-navigation digests, and this build's as they are made.
    pub nav_keys: &'a NavKeys,
    /// The previous build's page keys, and which pages' keys may have changed since (see `KeptKeys`).
    pub kept: &'a KeptKeys,
}

/// Renders every page, every section and the 404 page.
/// A page whose template and context are unchanged since `previous` is reused, not re-rendered.
pub fn render_pages(input: &RenderInput, previous: &PreviousPages) -> Result<Vec<RenderedFile>, Vec<Diagnostic>> {
    let views = Views {
        site: input.site,
        rendered: &input.markdown.pages,
        section_rendered: &input.markdown.sections,
        related: input.related,
        images: input.images,
        shown: shown_lists::ShownLists::new(input.site),
        cards: PerPage::for_pages(input.site, |_| Default::default()),
    };
    let mut site_value = site_value::site_value(&views).map_err(|e| vec![e])?;
    (site_value["feedback"], site_value["comments"]) = crate::feedback::template_values(input.site, input.serve_mode);
    site_value["help_center"] = help_home::help_center_value(&views, input.feedback);
    let uses = template_uses::template_uses_cached(&input.theme.templates);
    let templates = uses.iter().map(|(name, uses)| (name.clone(), uses.fingerprint)).collect();
    let site_fingerprint = fingerprint_json(0, &site_value);
    let site_keys = site_keys(&site_value, &uses, site_fingerprint);
    let site_values = uses
        .iter()
        .map(|(name, uses)| (name.clone(), context::site_for_template(&site_value, uses.site_fields.as_ref())))
        .collect();
    let mut strings = HashMap::new();
    for lang in search_box::shown_languages(input.site) {
        let value = input.theme.strings(lang);
        let key = fingerprint_json(0, &value);
        strings.insert(lang.to_string(), (value, key));
    }
    let search_boxes = search_box::render_search_boxes(
        input.tera,
        (input.theme, input.site.config.search.enabled),
        &site_values,
        &strings,
        &input.site.config.root.join("site.yaml"),
    )
    .map_err(|e| vec![e])?;
    // Pages see the site value only through the fields their templates read (`site_keys`), and
    // images only through the pictures their keys cover (`page_keys`).
    let shared = fingerprint((input.serve_mode, current_year()));
    let page_structure = structure_fingerprint(input.site, shared);
    let shared = keys::shared_key(input, (page_structure, &site_keys, &templates), &strings);
    let (kept_keys, kept_cards) = match input.kept.take(shared, input.site.pages.len()) {
        Some((keys, cards, stale)) => (Some((keys, stale)), Some(cards)),
        None => (None, None),
    };
    if kept_keys.is_some() {
        input.nav_keys.keep_previous();
    }
    let (page_keys, card_keys) = page_keys(input.site, input.markdown, input.images, kept_cards.as_ref());
    let site_menus = site_menu::SiteMenus::new(input.tera, input.theme, site_values.get(site_menu::PARTIAL));
    let cards = card_html::CardHtmls::new(
        input.tera,
        input.theme,
        site_values.get(card_html::CARD),
        input.site.pages.len(),
        (input.serve_mode, current_year()),
    );
    let renderer = PageRenderer {
        input,
        nav: section_nav::NavPlan::new(input.site),
        feed_links: crate::site::feeds::FeedLinks::new(input.site),
        nav_digests: nav_keys::NavDigests::new(input.site, input.nav_keys),
        write_nav: section_nav_html::can_prerender(input.theme),
        doc_parts: doc_parts::DocParts::new(input.theme),
        doc_header: doc_header::DocHeader::new(input.theme),
        pagination: pagination_html::PaginationHtml::new(input.theme),
        head: head_html::HeadParts::new(input.theme, &site_value, &input.site.config.view.asset_path),
        body: body_parts::BodyParts::new(input.theme, &input.site.config.view.asset_path),
        body_top: body_top::BodyTop::new(input.theme),
        search_boxes,
        site_menus,
        cards,
        views,
        site_values,
        site_value,
        strings,
        contexts: shared_context::SharedContexts::default(),
        page_structure,
        site_keys,
        page_keys,
        card_keys,
        templates,
        previous,
        kept_keys,
    };

    input.progress.start_pages(input.site.pages.len() + input.site.sections.len());
    let pages = (0..input.site.pages.len()).into_par_iter().map(|i| renderer.render_page(i));
    let lists = renderer.list_parts().into_par_iter().map(|part| renderer.render_list_part(part));
    let product_data =
        (0..input.site.pages.len()).into_par_iter().filter_map(|i| renderer.render_product_data(i).map(Ok));
    let thanks = renderer.render_feedback_thanks();
    let search_page = input.site.config.search.enabled.then(|| renderer.render_search_page());
    let glossary_page = renderer.render_glossary_page();
    let results: Vec<Result<RenderedFile, Diagnostic>> = pages
        .chain(lists)
        .chain(product_data)
        .chain(rayon::iter::once(renderer.render_not_found()))
        .chain(thanks.into_par_iter())
        .chain(search_page.into_par_iter())
        .chain(glossary_page.into_par_iter())
        .collect();
    let mut files = Vec::with_capacity(results.len());
    let mut errors = Vec::new();
    for result in results {
        match result {
            Ok(file) => files.push(file),
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        input.kept.forget();
        return Err(errors);
    }
    let keys = files[..input.site.pages.len()].iter().map(|f| f.fingerprint).collect();
    input.kept.keep(shared, keys, (&renderer.page_keys, &renderer.card_keys));
    Ok(files)
}

struct PageRenderer<'a> {
    input: &'a RenderInput<'a>,
    /// Which knowledge sections show a navigation beside their pages.
    nav: section_nav::NavPlan,
    /// The feed links pages put in their heads, worked out once.
    feed_links: crate::site::feeds::FeedLinks,
    /// Each page's navigation digest, built only for pages whose navigation's tree changed.
    nav_digests: nav_keys::NavDigests<'a>,
    /// The section navigation is written by `section_nav_html`, not through the theme's partials.
    write_nav: bool,
    /// Which of the related list and the table of contents are written by `doc_parts`.
    doc_parts: doc_parts::DocParts,
    /// Which of a page's date line, products, byline and tags are written by `doc_header`.
    doc_header: doc_header::DocHeader,
    /// Whether the list pages' links to each other are written by `pagination_html`.
    pagination: pagination_html::PaginationHtml,
    /// The head's tags after the title, when the theme's are the default ones (`head_html`).
    head: Option<head_html::HeadParts>,
    /// Which of the breadcrumbs and share links are written in Rust (`body_parts`).
    body: body_parts::BodyParts,
    /// Whether the body's start down to `<main>` is written by `body_top`.
    body_top: body_top::BodyTop,
    /// The header's search box by language, when the theme's is the default one (`search_box`).
    search_boxes: HashMap<String, String>,
    /// The header's title and menu by language and state, when the theme's are the default ones.
    site_menus: Option<site_menu::SiteMenus<'a>>,
    /// Page cards written once for every list that shows them, when the theme's are the default ones.
    cards: Option<card_html::CardHtmls<'a>>,
    views: Views<'a>,
    /// For each template, the `site` value cut to the fields it reads.
    site_values: HashMap<String, Value>,
    site_value: Value,
    /// UI strings by language, with their fingerprints.
    strings: HashMap<String, (Value, u64)>,
    /// Tera contexts holding `site`, `t`, the mode and the year, reused from page to page.
    contexts: shared_context::SharedContexts,
    /// The mode, the year, the configuration and every folder's title, address and language: what
    /// every page shares besides the site value, which each page adds through `site_keys`.
    page_structure: u64,
    /// For each template, the digest of the `site` fields it reads.
    site_keys: BTreeMap<String, u64>,
    /// For each page, the fingerprint of its own source, Markdown and place in the site.
    page_keys: PerPage<u64>,
    /// For each page, the fingerprint of what its card in a list shows (not its text).
    card_keys: PerPage<u64>,
    /// Each template's fingerprint, covering the templates it extends and includes.
    templates: BTreeMap<String, u64>,
    previous: &'a PreviousPages,
    /// The previous build's key of each page, and which pages' keys may have changed since.
    kept_keys: Option<(Vec<u64>, &'a [bool])>,
}

impl PageRenderer<'_> {
    fn render_page(&self, i: usize) -> Result<RenderedFile, Diagnostic> {
        let site = self.input.site;
        let page = &site.pages[i];
        let template = page.front.template.clone().unwrap_or_else(|| page.kind.rules().template.to_string());
        let output = output_path(&page.url_path);
        // A page shows other pages only through the site data, its folders and the cards of the
        // pages it lists, so those decide whether it changed, without building its context.
        // The section's navigation is the page's own: its key covers only the titles and order it shows.
        let key = self.page_key(i, &template);
        if let Some(reused) = self.reuse(&output, key) {
            return Ok(reused);
        }
        let nav = self.nav.for_page(site, i);
        // The related pages' cards are lent to write `related_html`, and copied into the view only
        // when a template reads them.
        let t = self.ui_strings(&page.lang);
        let (related_html, related) = self.doc_parts.related(&self.views.related_cards(i), &page.lang, &t);
        let mut view = self.views.page_view(i, related);
        view.helpful = self.input.feedback.helpful(i);
        if page.kind == PageKind::Author {
            // `author.html` lists the posts at heading level 3.
            let posts = self.views.shown_pages(i);
            self.fill_cards((&template, &page.path), (&mut view.posts, &posts), &page.lang, 3)?;
        }
        let mut crumbs = self.breadcrumbs(page.section, &page.lang);
        crumbs.push(json!({ "title": page.title, "url": site.url(&page.url_path) }));
        let ld = json_ld::for_page(&view, &site.config.title, &site.config.base_url);
        let trail = json_ld::breadcrumb_list(&crumbs, &site.config.base_url);
        let mut head = social::page_publishing(site, &self.feed_links, i);
        // A borrowed page repeats the original's text: search engines should index the original.
        head.noindex |= page.borrowed.is_some();
        let mut context = self.context(&page.lang, &page.url_path, crumbs, Subject::Page(Box::new(view)), &ld, head);
        context.json_ld_breadcrumbs = trail;
        if let Some(languages) = &mut context.languages {
            translation_notice(site, page, languages);
        }
        context.section_nav = nav;
        context.related_html = related_html;
        self.render(&template, context, (output, key), &page.path, &page.source.parsed.front_text)
    }

    /// Page `i`'s key: the previous build's when `KeptKeys` vouches for it (the checked mode works
    /// it out and compares), else its own key and its navigation's digest.
    fn page_key(&self, i: usize, template: &str) -> u64 {
        let site = self.input.site;
        let fresh = || fingerprint((self.own_key(i, template), self.nav_digests.page(site, &self.nav, i)));
        let Some((keys, _)) = self.kept_keys.as_ref().filter(|(_, stale)| !stale[i]) else { return fresh() };
        self.input.kept.kept.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        if checking() {
            assert!(
                keys[i] == fresh(),
                "cache check failed: the render stage kept a stale key for {}; its shortcut misses an input",
                site.pages[i].path.display()
            );
        }
        keys[i]
    }

    /// The fingerprint of everything page `i` is made from: its own inputs, the shared site data,
    /// and the cards of the pages it lists (a product's guides, an author's posts).
    fn own_key(&self, i: usize, template: &str) -> u64 {
        let page = &self.input.site.pages[i];
        let strings = self.strings.get(&page.lang).map(|(_, key)| *key);
        let cards = |list: &mut dyn Iterator<Item = usize>| list.map(|j| self.card_keys[j]).collect::<Vec<u64>>();
        let (previous, next) = self.views.neighbours(i);
        // A neighbour is shown as a link (`ListLink`): its title, address and language, not its card.
        let link = |j: Option<usize>| j.map(|j| self.input.site.pages[j].link_digest());
        let related = self.input.related.get(i).into_iter().flatten().copied();
        let shown = (
            cards(&mut self.views.shown_pages(i).into_iter()),
            link(previous),
            link(next),
            cards(&mut related.into_iter()),
            // What `feedback.data` says about the page ("N% found this helpful") is part of it too.
            self.input.feedback.helpful(i),
        );
        let site = self.site_keys.get(template);
        let own = (self.page_keys[i], shown);
        fingerprint((self.page_structure, site, self.templates.get(template), template, strings, own))
    }

    /// What a list page made with `template` shares with the rest of the site: the configuration,
    /// the folders, and only the fields of the site value its template reads.
    fn list_structure(&self, template: &str) -> u64 {
        fingerprint((self.page_structure, self.site_keys.get(template)))
    }

    /// The previous build's page at `output`, if it was made from the same inputs.
    fn reuse(&self, output: &str, key: u64) -> Option<RenderedFile> {
        let (previous, bytes) = self.previous.get(output)?;
        if *previous != key {
            return None;
        }
        self.input.progress.page_reused();
        Some(RenderedFile { path: output.to_string(), bytes: bytes.clone(), fingerprint: key, reused: true })
    }

    fn render_not_found(&self) -> Result<RenderedFile, Diagnostic> {
        let config = &self.input.site.config;
        let crumbs = self.breadcrumbs(0, &config.language);
        let context = self.list_context(&config.language, "/404.html", crumbs, Subject::NotFound(true), &Value::Null);
        let strings = self.strings.get(&config.language).map(|(_, key)| *key);
        let key = fingerprint_json(
            fingerprint((self.templates.get("404.html"), self.list_structure("404.html"), strings)),
            &context,
        );
        if let Some(reused) = self.reuse("404.html", key) {
            return Ok(reused);
        }
        self.render("404.html", context, ("404.html".into(), key), &config.root.join("site.yaml"), "")
    }

    /// The /search/ page, in the site language: the browser fills it from `?q=`.
    fn render_search_page(&self) -> Result<RenderedFile, Diagnostic> {
        let config = &self.input.site.config;
        let crumbs = self.breadcrumbs(0, &config.language);
        let mut context =
            self.list_context(&config.language, "/search/", crumbs, Subject::SearchPage(true), &Value::Null);
        let strings = self.input.theme.strings(&config.language);
        let title = strings.get("search_title").and_then(Value::as_str).unwrap_or("Search");
        context.list_feedback = crate::feedback::lists::for_generated(self.input.site, "search", "/search/", title);
        let strings = self.strings.get(&config.language).map(|(_, key)| *key);
        let key = fingerprint_json(
            fingerprint((self.templates.get("search.html"), self.list_structure("search.html"), strings)),
            &context,
        );
        let output = "search/index.html".to_string();
        if let Some(reused) = self.reuse(&output, key) {
            return Ok(reused);
        }
        self.render("search.html", context, (output, key), &config.root.join("site.yaml"), "")
    }
}

/// `/kb/billing/` → `kb/billing/index.html`.
fn output_path(url_path: &str) -> String {
    format!("{}index.html", url_path.trim_start_matches('/'))
}
