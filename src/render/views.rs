//! Builds what templates see (the views of `view_types`) from the site, its rendered Markdown,
//! related pages and images.

use crate::content::dates::PageDate;
use crate::content::front_matter::ContentSource;
use crate::images::SiteImages;
use crate::markdown::{Heading, Rendered};
use crate::site::{page_terms, term_url, Byline, ListKind, Page, PageKind, PerPage, Person, Section, Site};
use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

pub use super::view_types::*;

/// Builds views from the site and its rendered Markdown. `rendered[i]` belongs to `site.pages[i]`.
pub struct Views<'a> {
    pub site: &'a Site,
    pub rendered: &'a PerPage<Arc<Rendered>>,
    pub section_rendered: &'a [Option<Arc<Rendered>>],
    /// For each page, the pages related to it, best first.
    pub related: &'a PerPage<Vec<usize>>,
    /// The site's images, for the size and copies of front-matter images.
    pub images: &'a SiteImages,
    /// The pages each product and author page lists.
    pub shown: super::shown_lists::ShownLists<'a>,
    /// Each page's card, made the first time a list shows it: a post's card is on its blog's list,
    /// its tags' and authors' pages and in related lists, and its term links alone took longer to
    /// make than copying the whole card.
    pub cards: PerPage<OnceLock<PageCard>>,
}

impl Views<'_> {
    pub fn author_card(&self, i: usize) -> AuthorCard {
        let page = &self.site.pages[i];
        AuthorCard {
            id: page.key.clone(),
            name: page.title.clone(),
            role: page.front.role.clone(),
            photo: page.image.clone(),
            photo_picture: self.images.picture(page.image.as_deref()),
            url: self.site.url(&page.url_path),
            has_page: true,
            bio_html: self.rendered[i].html.to_string(),
            links: page.front.links.iter().map(|l| Link { name: l.name.clone(), url: l.url.clone() }).collect(),
        }
    }

    /// The cards of a page's authors, in its byline's order.
    pub fn byline_cards(&self, page: &Page) -> Vec<AuthorCard> {
        let card = |byline: &Byline| match byline {
            Byline::Page(id) => self.site.find_page(PageKind::Author, id).map(|a| self.author_card(a)),
            Byline::Person(person) => Some(person_card(person, self.images)),
        };
        page.bylines.iter().filter_map(card).collect()
    }

    pub fn product_card(&self, i: usize) -> ProductCard {
        let page = &self.site.pages[i];
        ProductCard {
            id: page.key.clone(),
            title: page.title.clone(),
            url: self.site.url(&page.url_path),
            description: page.front.description.clone(),
            image: page.image.clone(),
            picture: self.images.picture(page.image.as_deref()),
        }
    }

    /// Page `i`'s card.
    pub fn page_card(&self, i: usize) -> PageCard {
        self.card(i).clone()
    }

    /// Page `i`'s card, made once and lent.
    pub fn card(&self, i: usize) -> &PageCard {
        self.cards[i].get_or_init(|| self.make_page_card(i))
    }

    /// The cards of the pages related to page `i`, best first, lent.
    pub fn related_cards(&self, i: usize) -> Vec<&PageCard> {
        self.related.get(i).into_iter().flatten().map(|&j| self.card(j)).collect()
    }

    fn make_page_card(&self, i: usize) -> PageCard {
        let site = self.site;
        let (page, rendered) = (&site.pages[i], &self.rendered[i]);
        let products = page
            .front
            .products
            .iter()
            .filter_map(|id| site.find_page(PageKind::Product, id))
            .map(|p| self.product_card(p));
        PageCard {
            id: page.id.clone(),
            key: page.key.clone(),
            kind: page.kind.name(),
            title: page.title.clone(),
            url: site.url(&page.url_path),
            permalink: site.permalink(&page.url_path),
            description: page.front.description.clone().or_else(|| page.front.summary.clone()),
            date: page.date.map(|d| d.iso_date()),
            date_display: page.date.map(|d| d.display(&page.lang, site.config.date_style(&page.lang))),
            updated: page.front.updated.map(|d| d.iso_date()),
            updated_display: page.front.updated.map(|d| d.display(&page.lang, site.config.date_style(&page.lang))),
            authors: self.byline_cards(page),
            tags: page.front.tags.clone(),
            reading_time: reading_time(rendered.word_count),
            products: products.collect(),
            lang: page.lang.clone(),
            dir: site.config.dir_of(&page.lang),
            image: page.image.clone(),
            picture: self.images.picture(page.image.as_deref()),
            community: page.front.is_unverified_community(),
            terms: self.terms(page),
            card_html: None,
        }
    }

    /// Page `i`'s view, with `related` as its related pages (copies of `related_cards`, or none
    /// when nothing reads them).
    pub fn page_view(&self, i: usize, related: Vec<PageCard>) -> PageView {
        let site = self.site;
        let (page, rendered) = (&site.pages[i], &self.rendered[i]);
        let section = &site.sections[page.section];
        let category = (section.kind == ListKind::Category).then(|| ListLink {
            title: section.title.clone(),
            url: site.url(&section.url_path),
            lang: section.lang.clone(),
            dir: crate::lang::text_dir(&section.lang),
        });
        let shown: Vec<PageCard> = self.shown_pages(i).into_iter().map(|j| self.page_card(j)).collect();
        let (guides, posts) = match page.kind {
            PageKind::Product => (shown, Vec::new()),
            PageKind::Author => (Vec::new(), shown),
            _ => (Vec::new(), Vec::new()),
        };
        let summary_html = match &page.front.summary {
            Some(summary) => crate::html::escape_html(summary),
            None => rendered.first_paragraph.clone(),
        };
        let toc: Vec<Heading> = rendered.headings.iter().filter(|h| (2..=3).contains(&h.level)).cloned().collect();
        let (previous, next) = self.neighbours(i);
        let list_link = |j: usize| ListLink {
            title: site.pages[j].title.clone(),
            url: site.url(&site.pages[j].url_path),
            lang: site.pages[j].lang.clone(),
            dir: crate::lang::text_dir(&site.pages[j].lang),
        };
        PageView {
            card: self.page_card(i),
            content: rendered.html.to_string(),
            has_code: rendered.html.contains("<pre"),
            summary_html,
            show_toc: !toc.is_empty() && page.front.toc.unwrap_or(toc.len() >= 2),
            toc,
            word_count: rendered.word_count,
            categories: page.front.categories.clone(),
            category,
            weight: page.front.weight,
            extra: page.source.parsed.extra.clone(),
            draft: page.front.draft,
            comments: crate::feedback::shows_comments(&site.config, page),
            feedback: crate::feedback::shows_feedback(&site.config, page),
            helpful: None,
            guides,
            posts,
            role: page.front.role.clone(),
            links: page.front.links.iter().map(|l| Link { name: l.name.clone(), url: l.url.clone() }).collect(),
            trust: self.trust(page),
            previous: previous.map(list_link),
            next: next.map(list_link),
            related,
            meta_html: None,
            products_html: None,
            byline_html: None,
            tags_html: None,
        }
    }

    fn terms(&self, page: &Page) -> BTreeMap<String, Vec<Link>> {
        let site = self.site;
        site.config
            .taxonomies
            .iter()
            .map(|name| {
                let links = page_terms(page, name, site.config.slugs)
                    .into_iter()
                    .map(|term| Link {
                        name: term.trim().to_string(),
                        url: site.url(&term_url(name, term, site.config.slugs)),
                    })
                    .collect();
                (name.clone(), links)
            })
            .collect()
    }

    fn trust(&self, page: &Page) -> Trust {
        let front = &page.front;
        // A community page is verified only by its own `verified_by:` (promoted), never by the site's default.
        let contributed = front.source == ContentSource::Community;
        let community = front.is_unverified_community();
        let verifiable = !community && page.kind.rules().knowledge;
        let site_default = self.site.config.trust.verified_by.clone().filter(|_| !contributed);
        let verified_by = front.verified_by.clone().or(site_default).filter(|_| verifiable);
        // `review_by` or the cadence's next due day, whichever comes first.
        let due_on = page.review.due_on.map(|day| PageDate(day.midnight().assume_utc()));
        let style = self.site.config.date_style(&page.lang);
        Trust {
            community,
            contributor: front.contributor.clone().filter(|_| contributed),
            verified_on: front.verified_on.filter(|_| verified_by.is_some()).map(|d| d.iso_date()),
            verified_on_display: front
                .verified_on
                .filter(|_| verified_by.is_some())
                .map(|d| d.display(&page.lang, style)),
            verified_by,
            review_by: due_on.map(|d| d.iso_date()),
            review_by_display: due_on.map(|d| d.display(&page.lang, style)),
            outdated: page.review.due && self.site.config.trust.review_notice,
        }
    }

    /// The pages before and after page `i` in its folder's order: articles within their category,
    /// guides within their section. Other kinds have none.
    pub fn neighbours(&self, i: usize) -> (Option<usize>, Option<usize>) {
        let page = &self.site.pages[i];
        if !page.kind.rules().knowledge {
            return (None, None);
        }
        let order = &self.site.sections[page.section].pages;
        let Some(at) = order.iter().position(|&j| j == i) else { return (None, None) };
        (at.checked_sub(1).map(|p| order[p]), order.get(at + 1).copied())
    }

    pub fn section_card(&self, section: &Section) -> SectionCard {
        SectionCard {
            title: section.title.clone(),
            url: self.site.url(&section.url_path),
            description: section.description.clone(),
            page_count: self.all_pages(section).len(),
        }
    }

    /// The indices of the pages a section lists, in order: a blog or guide list shows its
    /// sub-folders' pages too; a knowledge base lists its own articles and links to its categories.
    pub fn listed_indices(&self, section: &Section) -> Vec<usize> {
        match section.kind {
            ListKind::Kb | ListKind::Category | ListKind::Home => section.pages.clone(),
            _ => self.all_pages(section),
        }
    }

    /// The pages a page lists: a product its guides, then its articles (each by weight, title), an
    /// author their posts (newest first). Other pages list none.
    pub fn shown_pages(&self, i: usize) -> Vec<usize> {
        let site = self.site;
        let page = &site.pages[i];
        match page.kind {
            PageKind::Product => {
                let mut list = self.shown.naming_product(&page.key).to_vec();
                // Guides first: they are the in-depth material a product page leads with.
                list.sort_by_key(|&j| {
                    let p = &site.pages[j];
                    (p.kind != PageKind::Guide, p.front.weight, &p.title)
                });
                list
            }
            PageKind::Author => {
                let mut list = self.shown.naming_author(&page.key).to_vec();
                list.sort_by(|&a, &b| site.pages[b].date.cmp(&site.pages[a].date));
                list
            }
            _ => Vec::new(),
        }
    }

    fn all_pages(&self, section: &Section) -> Vec<usize> {
        let mut pages = section.pages.clone();
        for &sub in &section.subsections {
            pages.extend(self.all_pages(&self.site.sections[sub]));
        }
        if section.kind == ListKind::Blog {
            let site = self.site;
            pages.sort_by(|&a, &b| site.pages[b].date.cmp(&site.pages[a].date));
        }
        pages
    }

    /// The view of section `index`'s list page showing `pages` (all its pages, or one page's worth).
    pub fn section_view(&self, index: usize, pages: &[usize]) -> SectionView {
        let site = self.site;
        let section = &site.sections[index];
        SectionView {
            kind: section.kind.name(),
            title: section.title.clone(),
            url: site.url(&section.url_path),
            permalink: site.permalink(&section.url_path),
            description: section.description.clone(),
            content: self.section_rendered[index].as_ref().map(|r| r.html.to_string()).unwrap_or_default(),
            pages: pages.iter().map(|&i| self.page_card(i)).collect(),
            subsections: section.subsections.iter().map(|&s| self.section_card(&site.sections[s])).collect(),
            pages_html: None,
        }
    }
}

/// The card of an author without a page. A bio is plain text: each blank-line-separated part a paragraph.
fn person_card(person: &Person, images: &SiteImages) -> AuthorCard {
    let paragraphs = person.bio.iter().flat_map(|bio| bio.split("\n\n")).map(str::trim).filter(|p| !p.is_empty());
    AuthorCard {
        id: person.id.clone().unwrap_or_default(),
        name: person.name.clone(),
        role: person.role.clone(),
        photo: person.photo.clone(),
        photo_picture: images.picture(person.photo.as_deref()),
        url: person.url.clone().unwrap_or_default(),
        has_page: false,
        bio_html: paragraphs.map(|p| format!("<p>{}</p>\n", crate::html::escape_html(p))).collect(),
        links: person.links.iter().map(|l| Link { name: l.name.clone(), url: l.url.clone() }).collect(),
    }
}

/// Minutes to read `words` at 200 words a minute, never less than one.
pub fn reading_time(words: usize) -> usize {
    words.div_ceil(200).max(1)
}
