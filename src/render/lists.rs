//! List pages: a folder's list (split into numbered pages when it is long), and the pages of each
//! taxonomy: the list of its terms and, for every term, the pages that carry it.

use super::context::Subject;
use super::pagination_html::Place;
use super::views::{SectionCard, SectionView};
use super::{json_ld, output_path, PageRenderer, RenderedFile};
use crate::diagnostics::Diagnostic;
use crate::feedback::lists::for_generated;
use crate::memo::fingerprint;
use crate::site::feeds;
use crate::site::{ListKind, Section, Taxonomy};
use serde_json::{json, Value};
use std::ops::Range;

/// Where page `number` (1-based) of the list at `url_path` lives: the list's own address first, then
/// `page/2/`, `page/3/`… below it.
pub fn page_url_path(url_path: &str, number: usize) -> String {
    if number <= 1 {
        url_path.to_string()
    } else {
        format!("{url_path}page/{number}/")
    }
}

/// `count` items split into pages of `per_page`; an empty list still has one (empty) page.
fn chunks(count: usize, per_page: usize) -> Vec<Range<usize>> {
    let per_page = per_page.max(1);
    if count == 0 {
        return std::iter::once(0..0).collect();
    }
    (0..count.div_ceil(per_page)).map(|n| n * per_page..((n + 1) * per_page).min(count)).collect()
}

/// One page of the site's lists, to render on its own.
pub(super) enum ListPart {
    /// A part of section `section`'s list: the pages it shows.
    Section { section: usize, pages: Vec<usize>, pagination: Pagination },
    /// A taxonomy's list of its terms.
    Terms { taxonomy: usize },
    /// A part of a term's list: the range of the term's pages it shows.
    Term { taxonomy: usize, term: usize, pages: Range<usize>, pagination: Pagination },
}

/// One page of a paginated list, as templates see it: `pagination.current`, `.total`, `.previous`,
/// `.next` (URLs or null) and `.pages` (every page's number and URL).
pub(super) struct Pagination {
    number: usize,
    total: usize,
}

impl Pagination {
    /// Sets `pagination` and `pagination_html` in `context`, for the list at `url_path`.
    fn fill(&self, renderer: &PageRenderer, url_path: &str, context: &mut super::context::Context) {
        let site = renderer.input.site;
        let url = |n: usize| site.url(&page_url_path(url_path, n));
        let place = Place { number: self.number, total: self.total, url: &url };
        let (html, needs_value) = renderer.pagination.html(&place, &renderer.ui_strings(&context.lang));
        context.pagination_html = html;
        context.pagination = if needs_value { self.value(renderer, url_path) } else { Value::Null };
    }

    fn value(&self, renderer: &PageRenderer, url_path: &str) -> Value {
        if self.total <= 1 {
            return Value::Null;
        }
        let site = renderer.input.site;
        let url = |n: usize| site.url(&page_url_path(url_path, n));
        json!({
            "current": self.number,
            "total": self.total,
            "previous": (self.number > 1).then(|| url(self.number - 1)),
            "next": (self.number < self.total).then(|| url(self.number + 1)),
            "pages": (1..=self.total).map(|n| json!({ "number": n, "url": url(n), "current": n == self.number })).collect::<Vec<_>>(),
        })
    }
}

impl PageRenderer<'_> {
    /// Section `i`'s list page, or its numbered pages when it lists more than its `paginate` setting.
    /// Every list page of the site, each its own job: a folder's list split into its pages, then
    /// each taxonomy's list of terms and each term's pages. Rendered as one job per folder or
    /// taxonomy, the blog's 150 list pages or a tag cloud's 1,200 term pages kept one thread busy
    /// after the others had finished.
    pub(super) fn list_parts(&self) -> Vec<ListPart> {
        let site = self.input.site;
        let paginate = site.config.paginate;
        let mut parts = Vec::new();
        for (section, s) in site.sections.iter().enumerate() {
            let listed = self.views.listed_indices(s);
            let per_page = match s.kind {
                // The home page shows what it shows; it is not a list to page through.
                ListKind::Home => usize::MAX,
                _ => site.config.section(s.dir.split('/').next().unwrap_or("")).paginate,
            };
            let ranges = chunks(listed.len(), per_page);
            let total = ranges.len();
            parts.extend(ranges.into_iter().enumerate().map(|(n, range)| ListPart::Section {
                section,
                pages: listed[range].to_vec(),
                pagination: Pagination { number: n + 1, total },
            }));
        }
        for (taxonomy, t) in site.taxonomies.iter().enumerate() {
            parts.push(ListPart::Terms { taxonomy });
            for (term, entry) in t.terms.iter().enumerate() {
                let ranges = chunks(entry.pages.len(), paginate);
                let total = ranges.len();
                parts.extend(ranges.into_iter().enumerate().map(|(n, pages)| ListPart::Term {
                    taxonomy,
                    term,
                    pages,
                    pagination: Pagination { number: n + 1, total },
                }));
            }
        }
        parts
    }

    pub(super) fn render_list_part(&self, part: ListPart) -> Result<RenderedFile, Diagnostic> {
        match part {
            ListPart::Section { section, pages, pagination } => self.render_section_page(section, &pages, pagination),
            ListPart::Terms { taxonomy } => self.render_terms(&self.input.site.taxonomies[taxonomy]),
            ListPart::Term { taxonomy, term, pages, pagination } => {
                let taxonomy = &self.input.site.taxonomies[taxonomy];
                self.render_term_page(taxonomy, term, &taxonomy.terms[term].pages[pages], pagination)
            }
        }
    }

    fn render_section_page(
        &self,
        i: usize,
        pages: &[usize],
        pagination: Pagination,
    ) -> Result<RenderedFile, Diagnostic> {
        let site = self.input.site;
        let section = &site.sections[i];
        let front = section.index.as_ref().map(|s| &s.parsed);
        let template =
            front.and_then(|p| p.front.template.clone()).unwrap_or_else(|| format!("{}.html", section.kind.name()));
        let url_path = page_url_path(&section.url_path, pagination.number);
        let output = output_path(&url_path);
        let nav = self.nav_digests.section(site, &self.nav, i);
        let key = fingerprint((self.section_key(i, &template, pages, &pagination), nav));
        if let Some(reused) = self.reuse(&output, key) {
            return Ok(reused);
        }
        let nav = self.nav.for_section(site, i);
        let mut view = self.views.section_view(i, pages);
        view.permalink = site.permalink(&url_path);
        let path = section
            .index
            .as_ref()
            .map(|s| s.path.clone())
            .unwrap_or_else(|| site.config.content_dir().join(&section.dir));
        // `list.html` lists the pages at heading level 3 under its sub-folders, else 2.
        let level = if view.subsections.is_empty() { 2 } else { 3 };
        self.fill_cards((&template, &path), (&mut view.pages, pages), &section.lang, level)?;
        view.pages_html = super::card_html::list_html(&view.pages, level);
        let crumbs = self.breadcrumbs(i, &section.lang);
        let ld = json_ld::for_section(&view, &site.config.title, &site.config.base_url, &section.lang);
        let form = crate::feedback::lists::for_section(site, section, site.permalink(&section.url_path));
        let mut context = self.list_context(&section.lang, &url_path, crumbs, Subject::Section(Box::new(view)), &ld);
        context.list_feedback = form;
        context.section_nav = nav;
        pagination.fill(self, &section.url_path, &mut context);
        let front_text = front.map(|p| p.front_text.as_str()).unwrap_or("");
        self.render(&template, context, (output, key), &path, front_text)
    }

    /// The fingerprint of everything one page of section `i`'s list is made from: its own text, the
    /// cards of the pages it shows, its place in the pagination and its sub-folders.
    fn section_key(&self, i: usize, template: &str, pages: &[usize], pagination: &Pagination) -> u64 {
        let section: &Section = &self.input.site.sections[i];
        let strings = self.strings.get(&section.lang).map(|(_, key)| *key);
        let listed: Vec<u64> = pages.iter().map(|&p| self.card_keys[p]).collect();
        let subsections: Vec<_> = section
            .subsections
            .iter()
            .map(|&s| {
                let card = self.views.section_card(&self.input.site.sections[s]);
                (card.title, card.url, card.description, card.page_count)
            })
            .collect();
        let own = (section.index.as_ref().map(|s| s.fingerprint), self.input.markdown.section_keys[i]);
        let place = (pagination.number, pagination.total);
        fingerprint((
            self.list_structure(template),
            self.templates.get(template),
            template,
            strings,
            i,
            own,
            listed,
            subsections,
            place,
        ))
    }

    /// The title of a taxonomy in the site language: the theme's string for its name (`Tags`), or
    /// the name itself.
    fn taxonomy_title(&self, taxonomy: &Taxonomy) -> String {
        let strings = self.ui_strings(&self.input.site.config.language);
        strings.get(&taxonomy.name).and_then(Value::as_str).map_or_else(|| taxonomy.name.clone(), str::to_string)
    }

    fn render_terms(&self, taxonomy: &Taxonomy) -> Result<RenderedFile, Diagnostic> {
        let site = self.input.site;
        let lang = &site.config.language;
        let title = self.taxonomy_title(taxonomy);
        let terms: Vec<SectionCard> = taxonomy
            .terms
            .iter()
            .map(|term| SectionCard {
                title: term.name.clone(),
                url: site.url(&term.url_path),
                description: None,
                page_count: term.pages.len(),
            })
            .collect();
        let template = "taxonomy.html";
        let strings = self.strings.get(lang).map(|(_, key)| *key);
        let cards: Vec<_> = terms.iter().map(|c| (&c.title, &c.url, c.page_count)).collect();
        let key = fingerprint((
            self.list_structure(template),
            self.templates.get(template),
            strings,
            &taxonomy.name,
            &title,
            cards,
        ));
        let output = output_path(&taxonomy.url_path);
        if let Some(reused) = self.reuse(&output, key) {
            return Ok(reused);
        }
        let view = SectionView {
            kind: "taxonomy",
            title: title.clone(),
            url: site.url(&taxonomy.url_path),
            permalink: site.permalink(&taxonomy.url_path),
            description: None,
            content: String::new(),
            pages: Vec::new(),
            subsections: terms,
            pages_html: None,
        };
        let mut crumbs = self.breadcrumbs(0, lang);
        crumbs.push(json!({ "title": title, "url": view.url }));
        let ld = json_ld::for_section(&view, &site.config.title, &site.config.base_url, lang);
        let trail = json_ld::breadcrumb_list(&crumbs, &site.config.base_url);
        let about = json!({ "name": taxonomy.name, "title": title, "url": view.url });
        let mut context = self.list_context(lang, &taxonomy.url_path, crumbs, Subject::Section(Box::new(view)), &ld);
        context.json_ld_breadcrumbs = trail;
        context.taxonomy = Some(about);
        context.list_feedback = for_generated(site, &taxonomy.name, &taxonomy.url_path, &title);
        self.render(template, context, (output, key), &site.config.root.join("site.yaml"), "")
    }

    fn render_term_page(
        &self,
        taxonomy: &Taxonomy,
        term: usize,
        pages: &[usize],
        pagination: Pagination,
    ) -> Result<RenderedFile, Diagnostic> {
        let site = self.input.site;
        let lang = &site.config.language;
        let term = &taxonomy.terms[term];
        let title = self.taxonomy_title(taxonomy);
        let url_path = page_url_path(&term.url_path, pagination.number);
        let template = "term.html";
        let strings = self.strings.get(lang).map(|(_, key)| *key);
        let cards: Vec<u64> = pages.iter().map(|&p| self.card_keys[p]).collect();
        let place = (pagination.number, pagination.total);
        let key = fingerprint((
            (self.list_structure(template), self.templates.get(template), strings),
            (&taxonomy.name, &title, &term.name, &term.url_path),
            (cards, place),
        ));
        let output = output_path(&url_path);
        if let Some(reused) = self.reuse(&output, key) {
            return Ok(reused);
        }
        let mut cards: Vec<_> = pages.iter().map(|&i| self.views.page_card(i)).collect();
        // `term.html` lists the pages at heading level 2 (a term has no sub-folders).
        self.fill_cards((template, &site.config.root.join("site.yaml")), (&mut cards, pages), lang, 2)?;
        let pages_html = super::card_html::list_html(&cards, 2);
        let view = SectionView {
            kind: "term",
            title: term.name.clone(),
            url: site.url(&term.url_path),
            permalink: site.permalink(&url_path),
            description: None,
            content: String::new(),
            pages: cards,
            subsections: Vec::new(),
            pages_html,
        };
        let mut crumbs = self.breadcrumbs(0, lang);
        crumbs.push(json!({ "title": title, "url": site.url(&taxonomy.url_path) }));
        crumbs.push(json!({ "title": term.name, "url": view.url }));
        let ld = json_ld::for_section(&view, &site.config.title, &site.config.base_url, lang);
        let trail = json_ld::breadcrumb_list(&crumbs, &site.config.base_url);
        let mut context = self.list_context(lang, &url_path, crumbs, Subject::Section(Box::new(view)), &ld);
        context.json_ld_breadcrumbs = trail;
        if taxonomy.name == "tags" {
            // A tag's page announces the tag's own feeds beside the blog's.
            let mut feeds = self.feed_links.for_page(site, None);
            feeds.extend(feeds::tag_feed_links(site, &term.name));
            context.head.feeds = feeds;
        }
        context.taxonomy = Some(json!({ "name": taxonomy.name, "title": title, "url": site.url(&taxonomy.url_path) }));
        pagination.fill(self, &term.url_path, &mut context);
        context.list_feedback = for_generated(site, &taxonomy.name, &term.url_path, &term.name);
        self.render(template, context, (output, key), &site.config.root.join("site.yaml"), "")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_split_into_full_pages_and_a_last_partial_one() {
        assert_eq!(chunks(0, 10).len(), 1);
        assert!(chunks(0, 10)[0].is_empty());
        assert_eq!(chunks(10, 10).len(), 1);
        assert_eq!(chunks(21, 10), vec![0..10, 10..20, 20..21]);
    }

    #[test]
    fn the_first_page_keeps_the_list_address() {
        assert_eq!(page_url_path("/blog/", 1), "/blog/");
        assert_eq!(page_url_path("/blog/", 3), "/blog/page/3/");
    }
}
