//! What templates see: plain serializable views of pages, sections, authors and products.
//!
//! Every field of the contract is always present (null or empty when unknown), so templates can
//! test `{% if page.updated %}` without tripping over undefined variables. `views` builds them.

use crate::images::Picture;
use crate::markdown::Heading;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub name: String,
    pub url: String,
}

/// A link to a list page, such as an article's category.
#[derive(Debug, Clone, Serialize)]
pub struct ListLink {
    pub title: String,
    pub url: String,
    /// The language of the page or folder linked, so a title in another language keeps its direction.
    pub lang: String,
    pub dir: &'static str,
}

/// An author as bylines show them: one with a page of their own, or a person without one (a
/// name, an inline author, an entry of `content/authors.yaml`).
#[derive(Debug, Clone, Serialize)]
pub struct AuthorCard {
    /// The author's id; empty for a name or an inline author.
    pub id: String,
    pub name: String,
    pub role: Option<String>,
    pub photo: Option<String>,
    /// The photo's size and WebP copies, when it is an image of the site.
    pub photo_picture: Option<Picture>,
    /// The author's page; for an author without one, the link given for them, or empty.
    pub url: String,
    /// Whether `url` is the author's page on this site.
    pub has_page: bool,
    pub bio_html: String,
    pub links: Vec<Link>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProductCard {
    pub id: String,
    pub title: String,
    pub url: String,
    pub description: Option<String>,
    pub image: Option<String>,
    /// The image's size and WebP copies, when it is an image of the site.
    pub picture: Option<Picture>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SectionCard {
    pub title: String,
    pub url: String,
    pub description: Option<String>,
    pub page_count: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct PageCard {
    pub id: String,
    /// The product or author id (the file name), or the page's slug.
    pub key: String,
    pub kind: &'static str,
    pub title: String,
    pub url: String,
    pub permalink: String,
    pub description: Option<String>,
    pub date: Option<String>,
    pub date_display: Option<String>,
    pub updated: Option<String>,
    pub updated_display: Option<String>,
    pub authors: Vec<AuthorCard>,
    pub tags: Vec<String>,
    pub reading_time: usize,
    pub products: Vec<ProductCard>,
    pub lang: String,
    pub dir: &'static str,
    /// A product's `image`, an author's `photo`, or any page's `image`, as a URL.
    pub image: Option<String>,
    /// That image's size and WebP copies, when it is an image of the site.
    pub picture: Option<Picture>,
    /// Written by a customer (`source: community`), not by the company.
    pub community: bool,
    /// The page's terms in each configured taxonomy, linked to their pages: `terms.tags`.
    pub terms: BTreeMap<String, Vec<Link>>,
    /// In a list, the card as the default `partials/page-card.html` writes it (see `card_html`).
    pub card_html: Option<CardHtml>,
}

/// A card already written, for lists whose headings have level `level` (`card_h`).
#[derive(Debug, Clone)]
pub struct CardHtml {
    pub level: u8,
    pub text: std::sync::Arc<str>,
    /// Nothing the list's templates read of the card but this: a folder's list then gets only
    /// `card_html` of each card (see `SectionView::pages`).
    pub alone: bool,
}

impl Serialize for CardHtml {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut out = serializer.serialize_struct("CardHtml", 2)?;
        out.serialize_field("level", &self.level)?;
        out.serialize_field("text", &*self.text)?;
        out.end()
    }
}

/// Who stands behind a page: the company's verification, or a customer's contribution.
#[derive(Debug, Clone, Serialize)]
pub struct Trust {
    pub community: bool,
    pub contributor: Option<String>,
    /// The team that verified a company article or guide (`verified_by`, or `trust.verified_by`).
    pub verified_by: Option<String>,
    pub verified_on: Option<String>,
    pub verified_on_display: Option<String>,
    /// The day the page is next due for review: `review_by`, or the last review plus `review_every`.
    pub review_by: Option<String>,
    pub review_by_display: Option<String>,
    /// Due for review on a site that shows the "may be out of date" notice.
    pub outdated: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct PageView {
    #[serde(flatten)]
    pub card: PageCard,
    pub content: String,
    /// Whether the text has a code block: only then does the page link the code colours' stylesheets.
    pub has_code: bool,
    pub summary_html: String,
    pub toc: Vec<Heading>,
    /// Whether the table of contents is shown: `toc:` in the front matter, else two headings or more.
    pub show_toc: bool,
    pub word_count: usize,
    pub categories: Vec<String>,
    pub category: Option<ListLink>,
    pub weight: i64,
    pub extra: serde_json::Map<String, serde_json::Value>,
    pub draft: bool,
    pub comments: bool,
    pub feedback: bool,
    /// "N% found this helpful", from `feedback.data`, when enough readers voted.
    pub helpful: Option<crate::feedback::Helpful>,
    pub guides: Vec<PageCard>,
    pub posts: Vec<PageCard>,
    /// Author pages: the author's role and links.
    pub role: Option<String>,
    pub links: Vec<Link>,
    pub trust: Trust,
    /// The articles or guides before and after this one in its folder.
    pub previous: Option<ListLink>,
    pub next: Option<ListLink>,
    /// Posts and articles that may interest the reader of this one.
    pub related: Vec<PageCard>,
    /// The date line, products, byline and tags as the built-in partials write them (see
    /// `doc_header`); absent when a partial is the site's own or leaves the part to tera.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub meta_html: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub products_html: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub byline_html: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags_html: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SectionView {
    pub kind: &'static str,
    pub title: String,
    pub url: String,
    pub permalink: String,
    pub description: Option<String>,
    pub content: String,
    /// The cards of the pages listed; only their `card_html` when that is all the list reads
    /// (copying every card's authors, products and terms into the context was a good part of
    /// making a list page's).
    #[serde(serialize_with = "cards_or_their_html")]
    pub pages: Vec<PageCard>,
    pub subsections: Vec<SectionCard>,
    /// `pages` as the default `partials/page-list.html` writes them, when every card was written
    /// at the list's heading level (see `card_html::list_html`); null otherwise.
    pub pages_html: Option<String>,
}

/// `cards` whole, or as `{ "card_html": … }` each when every one's HTML is all its list reads.
#[allow(clippy::ptr_arg)] // serde hands the field as it is declared
fn cards_or_their_html<S: serde::Serializer>(cards: &Vec<PageCard>, serializer: S) -> Result<S::Ok, S::Error> {
    #[derive(Serialize)]
    struct Written<'a> {
        card_html: &'a CardHtml,
    }
    let written: Option<Vec<Written>> =
        cards.iter().map(|c| c.card_html.as_ref().filter(|h| h.alone).map(|card_html| Written { card_html })).collect();
    match written {
        Some(written) => serializer.collect_seq(written),
        None => serializer.collect_seq(cards),
    }
}
