//! Heading ids (GitHub's rules, so Hebrew letters stay; transliterated first with `slugs: transliterate`)
//! and the list of headings for tables of contents.

use crate::config::SlugStyle;
use crate::html::escape_html;
use crate::site::anchor_text;
use comrak::adapters::{HeadingAdapter, HeadingMeta};
use comrak::nodes::Sourcepos;
use comrak::Anchorizer;
use std::fmt::{self, Write};
use std::sync::Mutex;

/// A heading of a page: its level, its id (the `#anchor`) and its text.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub title: String,
}

/// Writes `<hN id="…">` and remembers each heading. comrak calls it through `&self`, one page at a
/// time, hence the lock.
pub struct HeadingIds {
    style: SlugStyle,
    state: Mutex<(Anchorizer, Vec<Heading>)>,
}

/// The ids the default theme gives its own parts of a page. A heading may not take one: a `## Comments`
/// would share `comments` with the comments section, which is invalid HTML and sends `#comments` links to
/// whichever comes first. Such a heading gets `comments-1`. A test keeps the list in step with the templates.
pub const THEME_IDS: &[&str] = &[
    "main",
    "feedback",
    "feedback-title",
    "comments",
    "comments-title",
    "toc-heading",
    "related-heading",
    "share-title",
    "list-feedback",
    "list-feedback-title",
    "list-pages",
    "list-subsections",
    "author-posts",
    "product-guides",
    "home-title",
    "home-products",
    "home-latest",
    "home-kb",
    "home-top-articles",
    "search-input",
    "search-listbox",
    "search-hint",
    "search-page-input",
    "search-section",
    "search-product",
    "search-count",
    "search-suggestions",
    "search-results",
    "search-all-langs",
];

impl HeadingIds {
    pub fn new(style: SlugStyle) -> Self {
        let mut anchorizer = Anchorizer::new();
        for id in THEME_IDS {
            // Taking each id once makes the anchorizer give a heading of that name the next free one.
            anchorizer.anchorize(id);
        }
        HeadingIds { style, state: Mutex::new((anchorizer, Vec::new())) }
    }

    pub fn into_headings(self) -> Vec<Heading> {
        self.state.into_inner().map(|(_, h)| h).unwrap_or_default()
    }
}

impl HeadingAdapter for HeadingIds {
    fn enter(&self, output: &mut dyn Write, heading: &HeadingMeta, _: Option<Sourcepos>) -> fmt::Result {
        let mut state = self.state.lock().map_err(|_| fmt::Error)?;
        let id = state.0.anchorize(&anchor_text(&heading.content, self.style));
        write!(output, "<h{} id=\"{}\">", heading.level, escape_html(&id))?;
        state.1.push(Heading { level: heading.level, id, title: heading.content.clone() });
        Ok(())
    }

    fn exit(&self, output: &mut dyn Write, heading: &HeadingMeta) -> fmt::Result {
        let state = self.state.lock().map_err(|_| fmt::Error)?;
        let id = state.1.last().map(|h| h.id.as_str()).unwrap_or_default();
        write!(
            output,
            "<a class=\"heading-anchor\" href=\"#{}\" aria-hidden=\"true\" tabindex=\"-1\">#</a></h{}>",
            escape_html(id),
            heading.level
        )
    }
}
