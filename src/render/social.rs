//! What a page shows to other sites: OpenGraph and Twitter card details, the feeds it links to in
//! its head, and share links for posts that need no third-party script.

use super::absolute_links::{absolute_url, ascii_url};
use super::context::Head;
use crate::site::feeds::FeedLinks;
use crate::site::{PageKind, Site};
use serde_json::json;

/// The context keys a page adds for the head partial and the share partial: `feeds`, `social`,
/// `noindex` and `share`. Everything here is made from the page's own front matter, its authors
/// and the configuration, which its fingerprint already covers.
pub fn page_publishing(site: &Site, feeds: &FeedLinks, i: usize) -> Head {
    let page = &site.pages[i];
    let authors: Vec<usize> = page.authors.iter().filter_map(|id| site.find_page(PageKind::Author, id)).collect();
    // A page without a picture of its own is shown with its generated card or, with cards off,
    // its author's photo.
    let card = card_path(site, i).map(|path| site.url(&format!("/{path}")));
    let image =
        page.image.clone().or(card.clone()).or_else(|| authors.iter().find_map(|&a| site.pages[a].image.clone()));
    let is_article = page.kind.rules().article;
    let social = json!({
        "image": image.as_deref().map(|img| absolute_image(site, img)),
        "card": if image.is_some() { "summary_large_image" } else { "summary" },
        "width": card.as_ref().map(|_| CARD_SIZE.0),
        "height": card.as_ref().map(|_| CARD_SIZE.1),
        "alt": card.as_ref().map(|_| format!("{} — {}", page.title, site.config.title)),
        "published": page.date.filter(|_| is_article).map(|d| d.rfc3339()),
        "modified": page.front.updated.or(page.date).filter(|_| is_article).map(|d| d.rfc3339()),
        "authors": authors.iter().map(|&a| site.permalink(&site.pages[a].url_path)).collect::<Vec<_>>(),
        "tags": if is_article { page.front.tags.clone() } else { Vec::new() },
        "locale": og_locale(&page.lang),
    });
    let share = if page.kind == PageKind::Post {
        share_links(&site.permalink(&page.url_path), &page.title)
    } else {
        Vec::new()
    };
    Head {
        feeds: feeds.for_page(site, Some(i)),
        social,
        // Drafts are shown only in previews, which must never end up in a search index.
        noindex: page.withheld.is_some(),
        share,
    }
}

/// The size of a generated social card, in pixels: what OpenGraph and X show at full width.
pub const CARD_SIZE: (u32, u32) = (1200, 630);

/// The output path of page `i`'s generated social card (`blog/hello/social-card.png`), or `None`
/// when it gets none: cards are off, the page has an image of its own, or it is an author's page
/// (which shows their photo).
pub fn card_path(site: &Site, i: usize) -> Option<String> {
    let page = &site.pages[i];
    let drawn = site.config.social_cards.enabled && page.image.is_none() && page.kind != PageKind::Author;
    drawn.then(|| format!("{}{CARD_FILE}", page.url_path.trim_start_matches('/')))
}

/// The file name of a page's card, beside its `index.html`.
pub const CARD_FILE: &str = "social-card.png";

/// The output path of the site's own card, which the home page and every list show:
/// `social-card.png` beside the home page of the site (or of its language).
pub fn site_card_path(site: &Site) -> Option<String> {
    let prefix = site.config.view.prefix.trim_matches('/');
    let folder = if prefix.is_empty() { String::new() } else { format!("{prefix}/") };
    site.config.social_cards.enabled.then(|| format!("{folder}{CARD_FILE}"))
}

/// The same keys for a list page or the 404 page: the site's feeds and card, no share links.
pub fn list_publishing(site: &Site, feeds: &FeedLinks, lang: &str) -> Head {
    let image = site_card_path(site).map(|path| absolute_image(site, &site.url(&format!("/{path}"))));
    let (width, height, alt) = match image {
        Some(_) => (Some(CARD_SIZE.0), Some(CARD_SIZE.1), Some(site.config.title.clone())),
        None => (None, None, None),
    };
    let card = if image.is_some() { "summary_large_image" } else { "summary" };
    Head {
        feeds: feeds.for_page(site, None),
        social: json!({ "image": image, "card": card, "width": width, "height": height, "alt": alt, "published": null, "modified": null, "authors": [], "tags": [], "locale": og_locale(lang) }),
        noindex: false,
        share: Vec::new(),
    }
}

/// OpenGraph wants `language_TERRITORY`: `pt-BR` becomes `pt_BR`, and a bare language gets the
/// territory it is most often written in (`he` → `he_IL`); other bare languages stay as they are.
fn og_locale(lang: &str) -> String {
    if lang.contains('-') {
        return lang.replace('-', "_");
    }
    let territory = match lang {
        "he" => "IL",
        "en" => "US",
        "ar" => "AR",
        "fr" => "FR",
        "de" => "DE",
        "es" => "ES",
        "ru" => "RU",
        "it" => "IT",
        "nl" => "NL",
        _ => return lang.to_string(),
    };
    format!("{lang}_{territory}")
}

/// One share target: a plain link that opens the network's own share page.
#[derive(Debug, Clone, serde::Serialize, PartialEq, Eq)]
pub struct ShareLink {
    /// `linkedin`, `x`, `facebook`, `whatsapp` or `email`; the theme names them with `t.share_<id>`.
    pub id: &'static str,
    pub url: String,
}

/// Share links for a page at `permalink` titled `title`. Only links: the networks' scripts track
/// readers and slow the page, and every one of them accepts a plain URL.
pub fn share_links(permalink: &str, title: &str) -> Vec<ShareLink> {
    let (url, text) = (crate::url::percent_encode(permalink), crate::url::percent_encode(title));
    let with_url = crate::url::percent_encode(&format!("{title} {permalink}"));
    vec![
        ShareLink { id: "linkedin", url: format!("https://www.linkedin.com/sharing/share-offsite/?url={url}") },
        ShareLink { id: "x", url: format!("https://x.com/intent/tweet?url={url}&text={text}") },
        ShareLink { id: "facebook", url: format!("https://www.facebook.com/sharer/sharer.php?u={url}") },
        ShareLink { id: "whatsapp", url: format!("https://wa.me/?text={with_url}") },
        ShareLink { id: "email", url: format!("mailto:?subject={text}&body={url}") },
    ]
}

/// A page image or author photo (a URL path with the base path, or an external URL) made absolute.
pub fn absolute_image(site: &Site, image: &str) -> String {
    ascii_url(&absolute_url(image, super::json_ld::origin(&site.config.base_url), &site.permalink("/")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn og_locales_have_a_territory() {
        assert_eq!(og_locale("he"), "he_IL");
        assert_eq!(og_locale("pt-BR"), "pt_BR");
        assert_eq!(og_locale("fi"), "fi");
    }

    #[test]
    fn share_links_encode_hebrew_titles_and_the_address() {
        let links = share_links("https://e.com/blog/שלום/", "שלום & hi");
        let x = links.iter().find(|l| l.id == "x").unwrap();
        assert_eq!(
            x.url,
            "https://x.com/intent/tweet?url=https%3A%2F%2Fe.com%2Fblog%2F%D7%A9%D7%9C%D7%95%D7%9D%2F&text=%D7%A9%D7%9C%D7%95%D7%9D%20%26%20hi"
        );
        let ids: Vec<&str> = links.iter().map(|l| l.id).collect();
        assert_eq!(ids, ["linkedin", "x", "facebook", "whatsapp", "email"]);
        assert!(links.iter().all(|l| !l.url.contains(' ')));
    }
}
