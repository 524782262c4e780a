//! Heading ids (GitHub's rules, so Hebrew letters stay; transliterated first with `slugs: transliterate`)
//! and the list of headings for tables of contents.

use crate::config::SlugStyle;
use crate::html::escape_html;
use crate::site::anchor_text;
use comrak::adapters::{HeadingAdapter, HeadingMeta};
use comrak::nodes::Sourcepos;
use comrak::Anchorizer;
use rustc_hash::{FxHashMap, FxHashSet};
use std::borrow::Cow;
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
    state: Mutex<(UniqueIds, Vec<Heading>)>,
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
        HeadingIds { style, state: Mutex::new((UniqueIds::default(), Vec::new())) }
    }

    pub fn into_headings(self) -> Vec<Heading> {
        self.state.into_inner().map(|(_, h)| h).unwrap_or_default()
    }
}

/// The ids comrak's `Anchorizer` gives a page's headings once it has taken each of `THEME_IDS`:
/// GitHub's spelling, then `-1`, `-2`… for an id already given. Seeding an anchorizer with the 29
/// theme ids for every page cost more than most pages' own headings, so the theme ids are checked
/// in place instead; `matches_a_seeded_anchorizer` holds the two to the same ids.
#[derive(Default)]
struct UniqueIds {
    /// The ids given on this page.
    taken: FxHashSet<String>,
    /// Spelling → the first suffix to try for it next.
    next_suffix: FxHashMap<String, usize>,
}

impl UniqueIds {
    fn anchorize(&mut self, text: &str) -> String {
        let id = if text.is_ascii() {
            ascii_spelling(text)
        } else {
            // A fresh anchorizer has given no id yet, so it returns the spelling alone.
            Anchorizer::new().anchorize(text)
        };
        let is_taken = |ids: &FxHashSet<String>, anchor: &str| ids.contains(anchor) || THEME_IDS.contains(&anchor);
        // A theme id was taken once, which left its next suffix at 1.
        let seeded = usize::from(THEME_IDS.contains(&id.as_str()));
        let mut suffix = self.next_suffix.get(&id).copied().unwrap_or(seeded);
        let chosen = loop {
            let anchor = if suffix == 0 { Cow::from(&id) } else { Cow::from(format!("{id}-{suffix}")) };
            if !is_taken(&self.taken, &anchor) {
                break anchor.into_owned();
            }
            suffix += 1;
        };
        self.taken.insert(chosen.clone());
        self.next_suffix.insert(id, suffix + 1);
        chosen
    }
}

/// GitHub's spelling of an ASCII heading as comrak's `Anchorizer` has it: lowercase, spaces as `-`,
/// and only letters, digits, `-` and `_` kept (in ASCII the only letters, numbers and connector
/// punctuation there are). Most headings are ASCII, and this needs no hash sets.
fn ascii_spelling(text: &str) -> String {
    let kept = |byte: u8| match byte {
        b' ' => Some('-'),
        b'-' | b'_' | b'0'..=b'9' | b'a'..=b'z' => Some(byte as char),
        b'A'..=b'Z' => Some(byte.to_ascii_lowercase() as char),
        _ => None,
    };
    let mut spelling = String::with_capacity(text.len());
    spelling.extend(text.bytes().filter_map(kept));
    spelling
}

/// Writes `id` as an attribute value, escaped only if it needs to be: most ids are ASCII spellings,
/// which never do, and escaping copied every id twice per heading.
fn write_id(output: &mut dyn Write, id: &str) -> fmt::Result {
    if id.bytes().any(|b| matches!(b, b'&' | b'"' | b'<' | b'>' | b'\'')) {
        output.write_str(&escape_html(id))
    } else {
        output.write_str(id)
    }
}

impl HeadingAdapter for HeadingIds {
    fn enter(&self, output: &mut dyn Write, heading: &HeadingMeta, _: Option<Sourcepos>) -> fmt::Result {
        let mut state = self.state.lock().map_err(|_| fmt::Error)?;
        let id = state.0.anchorize(&anchor_text(&heading.content, self.style));
        write!(output, "<h{} id=\"", heading.level)?;
        write_id(output, &id)?;
        output.write_str("\">")?;
        state.1.push(Heading { level: heading.level, id, title: heading.content.clone() });
        Ok(())
    }

    fn exit(&self, output: &mut dyn Write, heading: &HeadingMeta) -> fmt::Result {
        let state = self.state.lock().map_err(|_| fmt::Error)?;
        let id = state.1.last().map(|h| h.id.as_str()).unwrap_or_default();
        output.write_str("<a class=\"heading-anchor\" href=\"#")?;
        write_id(output, id)?;
        write!(output, "\" aria-hidden=\"true\" tabindex=\"-1\">#</a></h{}>", heading.level)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_headings_are_spelled_as_comrak_spells_them() {
        let every_ascii: String = (0u8..128).map(char::from).collect();
        for text in [every_ascii.as_str(), "Hello World", "  A--b__C 9 ", "What's new? (2024)", "", "!!"] {
            assert_eq!(ascii_spelling(text), Anchorizer::new().anchorize(text), "{text:?}");
        }
    }

    #[test]
    fn matches_a_seeded_anchorizer() {
        let mut seeded = Anchorizer::new();
        for id in THEME_IDS {
            seeded.anchorize(id);
        }
        let mut ids = UniqueIds::default();
        let headings = "Comments|comments|Comments 1|comments-1|Main|main-2|Main|Setup|Setup|setup-1|Setup|\
            Toc heading|Related-heading|related heading|ביטול חשבונית|ביטול חשבונית|||-|Search results!|\
            search-results-1|Feedback title|feedback-title-1|FEEDBACK";
        for text in headings.split('|') {
            assert_eq!(ids.anchorize(text), seeded.anchorize(text), "{text:?}");
        }
    }

    #[test]
    fn ids_are_written_as_escape_html_writes_them() {
        for id in ["setup-1", "ביטול-חשבונית", "a&b", "say-\"hi\"", "<x>", "it's", ""] {
            let mut written = String::new();
            write_id(&mut written, id).unwrap();
            assert_eq!(written, escape_html(id), "{id:?}");
        }
    }
}
