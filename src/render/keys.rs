//! What a page's render key covers: its own inputs, what its card in a list shows, the pictures
//! it shows, and the site-wide values each template reads — so a rebuild renders again exactly
//! the pages whose key changed.

use super::template_uses::TemplateUses;
use super::views::reading_time;
use crate::images::{Picture, SiteImages};
use crate::markdown::SiteMarkdown;
use crate::memo::{checking, fingerprint, fingerprint_json};
use crate::site::{PageKind, PerPage, Site};
use serde_json::Value;
use std::collections::BTreeMap;

/// For each page, two fingerprints (beside the shared site data): of what its own page is made from
/// (its source, its rendered Markdown, its place in the site), and of what its card in a list shows
/// (its front matter, place and reading time, but not its text), so editing a post's text does not
/// re-render the lists that show it. Both cover the pictures the page shows (see `shown_pictures`).
pub(super) fn page_keys(site: &Site, markdown: &SiteMarkdown, images: &SiteImages) -> (PerPage<u64>, PerPage<u64>) {
    // `Page::digest` hashes the card digest again: each is computed once here.
    let cards: Vec<u64> = site.pages.iter().map(|p| p.card_digest()).collect();
    let digests = PerPage::for_pages(site, |(i, p)| fingerprint((cards[i], p.source.fingerprint)));
    if checking() {
        assert!(
            site.pages.iter().enumerate().all(|(i, p)| p.digest() == digests[i]),
            "Page::digest changed its recipe"
        );
    }
    let (own, card): (Vec<u64>, Vec<u64>) = site
        .pages
        .iter()
        .enumerate()
        .map(|(i, p)| {
            // Cards show the page's authors and products as cards of their own (an author's with
            // the bio from its text), so their whole pages count.
            let authors = p.authors.iter().filter_map(|id| site.find_page(PageKind::Author, id));
            let products = p.front.products.iter().filter_map(|id| site.find_page(PageKind::Product, id));
            let shown: Vec<(u64, u64)> =
                authors.clone().chain(products.clone()).map(|j| (digests[j], markdown.keys[j])).collect();
            let pictures = fingerprint(shown_pictures(site, images, p, authors.chain(products)));
            let card = fingerprint((cards[i], reading_time(markdown.pages[i].word_count), &shown, pictures));
            (fingerprint((digests[i], markdown.keys[i], &shown, pictures)), card)
        })
        .unzip();
    (PerPage::collect(site, own), PerPage::collect(site, card))
}

/// The front-matter pictures a page and its card show, as templates see them: its own `image:`,
/// the photos of the people without a page in its byline, and the pictures of the author and
/// product pages it shows (`shown`). Pictures in its text are covered by its Markdown's key.
pub(super) fn shown_pictures(
    site: &Site,
    images: &SiteImages,
    page: &crate::site::Page,
    shown: impl Iterator<Item = usize>,
) -> Vec<Option<Picture>> {
    let people = page.bylines.iter().filter_map(|byline| match byline {
        crate::site::Byline::Person(person) => Some(person.photo.as_deref()),
        crate::site::Byline::Page(_) => None,
    });
    let pages = std::iter::once(page).chain(shown.map(|j| &site.pages[j])).map(|p| p.image.as_deref());
    pages.chain(people).map(|url| images.picture(url)).collect()
}

/// For each template, a digest of the fields of the site value it reads (all of them when it may
/// read any).
pub(super) fn site_keys(site_value: &Value, uses: &BTreeMap<String, TemplateUses>, all: u64) -> BTreeMap<String, u64> {
    let field = |name: &str| site_value.get(name).map(|v| fingerprint_json(0, v));
    uses.iter()
        .map(|(name, uses)| {
            let key = match &uses.site_fields {
                Some(fields) => fingerprint(fields.iter().map(|f| (f, field(f))).collect::<Vec<_>>()),
                None => all,
            };
            (name.clone(), key)
        })
        .collect()
}

/// Fingerprint of the configuration and the folder structure, on top of `shared` (mode and year).
pub(super) fn structure_fingerprint(site: &Site, shared: u64) -> u64 {
    let sections: Vec<_> = site
        .sections
        .iter()
        .map(|s| (&s.dir, s.kind.name(), &s.url_path, &s.title, &s.lang, &s.description, s.parent))
        .collect();
    fingerprint((shared, site.config.fingerprint, sections, site.languages.fingerprint))
}
