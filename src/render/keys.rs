//! What a page's render key covers: its own inputs, what its card in a list shows, the pictures
//! it shows, and the site-wide values each template reads — so a rebuild renders again exactly
//! the pages whose key changed.

use super::template_uses::TemplateUses;
use super::views::reading_time;
use crate::images::{Picture, SiteImages};
use crate::markdown::SiteMarkdown;
use crate::memo::{checking, fingerprint, fingerprint_json};
use crate::site::{PageKind, PerPage, Site, SiteChanges};
use serde_json::Value;
use std::collections::BTreeMap;
use std::sync::atomic::AtomicUsize;
use std::sync::Mutex;

/// For each page, two fingerprints (beside the shared site data): of what its own page is made from
/// (its source, its rendered Markdown, its place in the site), and of what its card in a list shows
/// (its front matter, place and reading time, but not its text), so editing a post's text does not
/// re-render the lists that show it. Both cover the pictures the page shows (see `shown_pictures`).
pub(super) fn page_keys(
    site: &Site,
    markdown: &SiteMarkdown,
    images: &SiteImages,
    kept: Option<&KeptCards>,
) -> (PerPage<u64>, PerPage<u64>) {
    if let Some(kept) = kept {
        return kept_page_keys(site, markdown, images, kept);
    }
    all_page_keys(site, markdown, images)
}

/// `page_keys` worked out for every page.
fn all_page_keys(site: &Site, markdown: &SiteMarkdown, images: &SiteImages) -> (PerPage<u64>, PerPage<u64>) {
    // `Page::digest` hashes the card digest again: each is computed once here.
    let cards: Vec<u64> = site.pages.iter().map(|p| p.card_digest()).collect();
    let digests = PerPage::for_pages(site, |(i, p)| fingerprint((cards[i], p.source.fingerprint)));
    if checking() {
        assert!(
            site.pages.iter().enumerate().all(|(i, p)| p.digest() == digests[i]),
            "Page::digest changed its recipe"
        );
    }
    let (own, card): (Vec<u64>, Vec<u64>) = (0..site.pages.len())
        .map(|i| page_key(site, markdown, images, i, (cards[i], digests[i]), &|j| digests[j]))
        .unzip();
    (PerPage::collect(site, own), PerPage::collect(site, card))
}

/// Page `i`'s own key and card key (see `page_keys`), from its card digest and digest and those of
/// the other pages (`digest(j)`).
fn page_key(
    site: &Site,
    markdown: &SiteMarkdown,
    images: &SiteImages,
    i: usize,
    (card_digest, digest): (u64, u64),
    digest_of: &dyn Fn(usize) -> u64,
) -> (u64, u64) {
    let p = &site.pages[i];
    // Cards show the page's authors and products as cards of their own (an author's with
    // the bio from its text), so their whole pages count.
    let authors = p.authors.iter().filter_map(|id| site.find_page(PageKind::Author, id));
    let products = p.front.products.iter().filter_map(|id| site.find_page(PageKind::Product, id));
    let shown: Vec<(u64, u64)> =
        authors.clone().chain(products.clone()).map(|j| (digest_of(j), markdown.keys[j])).collect();
    let pictures = fingerprint(shown_pictures(site, images, p, authors.chain(products)));
    let card = fingerprint((card_digest, reading_time(markdown.pages[i].word_count), &shown, pictures));
    (fingerprint((digest, markdown.keys[i], &shown, pictures)), card)
}

/// `page_keys` after an edit of texts alone (see `KeptKeys::plan`): the previous build's keys for
/// every page whose text and Markdown are unchanged, worked out again for the others.
fn kept_page_keys(
    site: &Site,
    markdown: &SiteMarkdown,
    images: &SiteImages,
    kept: &KeptCards,
) -> (PerPage<u64>, PerPage<u64>) {
    let digest_of = |j: usize| site.pages[j].digest();
    let mut own = kept.own.clone();
    let mut card = kept.card.clone();
    for i in (0..site.pages.len()).filter(|&i| kept.changed[i]) {
        let p = &site.pages[i];
        (own[i], card[i]) = page_key(site, markdown, images, i, (p.card_digest(), p.digest()), &digest_of);
    }
    if checking() {
        let (fresh_own, fresh_card) = all_page_keys(site, markdown, images);
        for i in 0..site.pages.len() {
            assert!(
                (own[i], card[i]) == (fresh_own[i], fresh_card[i]),
                "cache check failed: the render stage kept a stale page key for {}; its shortcut misses an input",
                site.pages[i].path.display()
            );
        }
    }
    (PerPage::collect(site, own), PerPage::collect(site, card))
}

/// The pages' own and card keys of the previous build, and which pages' text or Markdown changed
/// since (theirs are worked out again).
pub(super) struct KeptCards {
    own: Vec<u64>,
    card: Vec<u64>,
    changed: Vec<bool>,
}

/// What the dev server keeps of the render keys between builds, so a rebuild after an edit of texts
/// alone works out keys only for the pages that can show the edit.
///
/// A page's key (`PageRenderer::own_key` and its navigation) is made from what every page shares
/// (the site's structure, the site fields and templates each template reads, the UI strings, the
/// images, `feedback.data`), from its own and card keys (`page_keys`), from the cards of the pages it
/// shows (its related pages; an author's posts and a product's guides) and from its neighbours'
/// links and its navigation. When no page's front matter, place or publication changed
/// (`SiteChanges::Bodies`), the links and navigations are the previous build's, and so is every
/// own and card key but those of pages whose Markdown key changed — as long as no author or product
/// page changed, since other pages' keys show theirs. A page's whole key is then the previous
/// build's unless its Markdown changed, its related list changed, or it shows a page whose Markdown
/// changed; author and product pages are always worked out again. The checked mode works out every
/// key and compares.
#[derive(Debug, Default)]
pub struct KeptKeys {
    /// Of the previous build: the shared digest, each page's key, own key and card key, and each
    /// page's Markdown key and related list's digest. Taken out while a build renders.
    previous: Mutex<Option<Previous>>,
    /// Set by `plan` for the next render: the pages whose key may have changed, and those whose
    /// Markdown (own and card keys) may have; `None` when every key is to be worked out.
    plan: Option<(Vec<bool>, Vec<bool>)>,
    /// This build's Markdown keys and related lists' digests, from `plan` until `keep`.
    pending: Option<(Vec<u64>, Vec<u64>)>,
    /// How many page keys the last render kept (for tests and timings).
    pub kept: AtomicUsize,
}

#[derive(Debug, Default)]
struct Previous {
    shared: u64,
    keys: Vec<u64>,
    own: Vec<u64>,
    card: Vec<u64>,
    markdown: Vec<u64>,
    related: Vec<u64>,
}

impl KeptKeys {
    /// Before rendering: works out which pages' keys may have changed since the previous build,
    /// given what the site changed (`changes`), this build's Markdown and related pages.
    pub fn plan(&mut self, site: &Site, changes: &SiteChanges, markdown: &SiteMarkdown, related: &PerPage<Vec<usize>>) {
        let previous = self.previous.get_mut().unwrap_or_else(|e| e.into_inner());
        let related_keys: Vec<u64> = (0..site.pages.len()).map(|i| fingerprint(&related[i])).collect();
        let markdown_keys: Vec<u64> = (0..site.pages.len()).map(|i| markdown.keys[i]).collect();
        let this = (&markdown_keys[..], &related_keys[..], related);
        self.plan = previous.as_ref().and_then(|previous| stale_pages(site, changes, previous, this));
        // Kept with this build's page keys (`keep`), so the two always come from the same build.
        self.pending = Some((markdown_keys, related_keys));
    }

    /// The render's view of the previous build: its keys, when this build's shared digest is the
    /// same and `plan` found which pages to look at.
    pub(super) fn take(&self, shared: u64, pages: usize) -> Option<(Vec<u64>, KeptCards, &[bool])> {
        self.kept.store(0, std::sync::atomic::Ordering::Relaxed);
        let mut previous = self.previous.lock().unwrap_or_else(|e| e.into_inner());
        let (stale, changed) = self.plan.as_ref()?;
        let previous = previous.as_mut().filter(|p| p.shared == shared && p.keys.len() == pages)?;
        let cards = KeptCards {
            own: std::mem::take(&mut previous.own),
            card: std::mem::take(&mut previous.card),
            changed: changed.clone(),
        };
        Some((std::mem::take(&mut previous.keys), cards, stale))
    }

    /// After rendering: this build's keys, for the next.
    pub(super) fn keep(&self, shared: u64, keys: Vec<u64>, (own, card): (&PerPage<u64>, &PerPage<u64>)) {
        let mut previous = self.previous.lock().unwrap_or_else(|e| e.into_inner());
        let previous = previous.get_or_insert_with(Previous::default);
        previous.shared = shared;
        previous.keys = keys;
        previous.own = own.iter().copied().collect();
        previous.card = card.iter().copied().collect();
        // Without `plan` (a build that keeps nothing), there is nothing to compare the next with.
        (previous.markdown, previous.related) = self.pending.clone().unwrap_or_default();
    }

    /// Forgets the previous build (a render that failed leaves nothing to compare with).
    pub(super) fn forget(&self) {
        *self.previous.lock().unwrap_or_else(|e| e.into_inner()) = None;
    }
}

/// For `KeptKeys::plan`: the pages whose key may have changed and those whose Markdown key did, or
/// `None` when every key must be worked out.
fn stale_pages(
    site: &Site,
    changes: &SiteChanges,
    previous: &Previous,
    (markdown, related_keys, related): (&[u64], &[u64], &PerPage<Vec<usize>>),
) -> Option<(Vec<bool>, Vec<bool>)> {
    let SiteChanges::Bodies(edited) = changes else { return None };
    let pages = site.pages.len();
    if previous.markdown.len() != pages || previous.related.len() != pages || previous.own.len() != pages {
        return None;
    }
    let mut changed: Vec<bool> = (0..pages).map(|i| markdown[i] != previous.markdown[i]).collect();
    for &i in edited {
        *changed.get_mut(i)? = true;
    }
    let shows_others = |i: usize| matches!(site.pages[i].kind, PageKind::Author | PageKind::Product);
    if (0..pages).any(|i| changed[i] && shows_others(i)) {
        return None;
    }
    let stale = (0..pages)
        .map(|i| {
            changed[i]
                || shows_others(i)
                || related_keys[i] != previous.related[i]
                || related[i].iter().any(|&j| changed.get(j).copied().unwrap_or(true))
        })
        .collect();
    Some((stale, changed))
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

/// The digest of what every page's key shares besides the page (see `KeptKeys`): the structure,
/// each template's site fields and fingerprint, the UI strings, what `feedback.data` says of each
/// page, and the site's images.
pub(super) fn shared_key(
    input: &super::RenderInput,
    (structure, site_keys, templates): (u64, &BTreeMap<String, u64>, &BTreeMap<String, u64>),
    strings: &std::collections::HashMap<String, (Value, u64)>,
) -> u64 {
    let strings: BTreeMap<&String, u64> = strings.iter().map(|(lang, (_, key))| (lang, *key)).collect();
    let helpful: Vec<_> = (0..input.site.pages.len()).map(|i| input.feedback.helpful(i)).collect();
    let images = (&input.images.base_path, &input.images.images);
    fingerprint((structure, site_keys, templates, strings, helpful, images))
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
