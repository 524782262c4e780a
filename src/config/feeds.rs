//! The `feeds:` block of site.yaml: which feed formats are written, how many entries they hold and
//! whether entries carry the whole text or a summary — set apart for the blog's feeds and for the
//! many author and tag feeds, which repeat the blog's posts and so default to short summaries.

use crate::diagnostics::{Diagnostic, Location};
use serde::Deserialize;
use std::path::Path;

/// A feed format Folio can write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FeedFormat {
    Atom,
    Rss,
    Json,
}

impl FeedFormat {
    /// The file a feed of this format is written to, inside its list page's folder.
    pub fn file_name(self) -> &'static str {
        match self {
            FeedFormat::Atom => "atom.xml",
            FeedFormat::Rss => "rss.xml",
            FeedFormat::Json => "feed.json",
        }
    }

    /// The media type for `<link rel="alternate" type=…>`.
    pub fn media_type(self) -> &'static str {
        match self {
            FeedFormat::Atom => "application/atom+xml",
            FeedFormat::Rss => "application/rss+xml",
            FeedFormat::Json => "application/feed+json",
        }
    }

    /// What readers call the format, for link titles.
    pub fn label(self) -> &'static str {
        match self {
            FeedFormat::Atom => "Atom",
            FeedFormat::Rss => "RSS",
            FeedFormat::Json => "JSON Feed",
        }
    }
}

/// Whether a feed entry carries the page's whole text or only its summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FeedContent {
    Full,
    Summary,
}

/// `feeds:` as written in site.yaml.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawFeeds {
    formats: Option<Vec<FeedFormat>>,
    content: Option<FeedContent>,
    limit: Option<i64>,
    authors: Option<bool>,
    tags: Option<bool>,
    taxonomy_content: Option<FeedContent>,
    taxonomy_limit: Option<i64>,
}

/// The validated feed settings.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FeedsConfig {
    /// Formats to write, in a fixed order, without repeats. Empty turns feeds off.
    pub formats: Vec<FeedFormat>,
    /// What the blog's feeds carry of each post.
    pub content: FeedContent,
    /// The most entries a blog's feed holds (the newest).
    pub limit: usize,
    /// What each author's and tag's feed carries of each page.
    pub taxonomy_content: FeedContent,
    /// The most entries an author's or tag's feed holds.
    pub taxonomy_limit: usize,
    /// Write a feed for each author's posts.
    pub authors: bool,
    /// Write a feed for each tag.
    pub tags: bool,
}

/// Entries per feed when site.yaml does not say: enough for a reader who checks weekly.
pub const DEFAULT_FEED_LIMIT: usize = 20;

/// Entries per author and tag feed when site.yaml does not say. A site has dozens or hundreds of
/// these feeds, each repeating pages of the blog's: with the whole text they were most of a large
/// site's bytes (24 MB of 76 MB at 1,000 pages). A summary and a link is what a reader of one topic
/// needs; Hugo's term feeds carry summaries too.
pub const DEFAULT_TAXONOMY_FEED_LIMIT: usize = 10;

impl Default for FeedsConfig {
    fn default() -> Self {
        FeedsConfig {
            formats: vec![FeedFormat::Atom, FeedFormat::Rss, FeedFormat::Json],
            content: FeedContent::Full,
            limit: DEFAULT_FEED_LIMIT,
            authors: true,
            tags: true,
            taxonomy_content: FeedContent::Summary,
            taxonomy_limit: DEFAULT_TAXONOMY_FEED_LIMIT,
        }
    }
}

/// Checks `raw` into `FeedsConfig`; `text` and `path` locate errors in site.yaml.
pub(super) fn validate_feeds(raw: RawFeeds, text: &str, path: &Path) -> Result<FeedsConfig, Diagnostic> {
    let defaults = FeedsConfig::default();
    let limit = feed_limit(raw.limit, "limit", defaults.limit, text, path)?;
    let taxonomy_limit = feed_limit(raw.taxonomy_limit, "taxonomy_limit", defaults.taxonomy_limit, text, path)?;
    let mut formats = raw.formats.unwrap_or(defaults.formats);
    formats.sort();
    formats.dedup();
    Ok(FeedsConfig {
        formats,
        content: raw.content.unwrap_or(defaults.content),
        limit,
        authors: raw.authors.unwrap_or(defaults.authors),
        tags: raw.tags.unwrap_or(defaults.tags),
        taxonomy_content: raw.taxonomy_content.unwrap_or(defaults.taxonomy_content),
        taxonomy_limit,
    })
}

/// A `limit:`-like key of the `feeds:` block: `default` when absent, an error naming its line when
/// below 1.
fn feed_limit(value: Option<i64>, key: &str, default: usize, text: &str, path: &Path) -> Result<usize, Diagnostic> {
    match value {
        None => Ok(default),
        Some(n) if n >= 1 => Ok(n as usize),
        Some(n) => {
            // The key's line inside the `feeds:` block.
            let start = crate::yaml::key_line(text, "feeds").unwrap_or(0);
            let line = text
                .lines()
                .enumerate()
                .skip(start)
                .find(|(_, l)| l.trim_start().starts_with(&format!("{key}:")))
                .map_or(0, |(i, _)| i + 1);
            Err(Diagnostic::new(Location::new(path, line, 0), format!("`feeds.{key}` must be 1 or more, found {n}"))
                .with_help(format!(
                    "write how many of the newest entries each feed holds, e.g. {key}: {default}; to turn feeds off write formats: []"
                )))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::parse_config;

    fn feeds(block: &str) -> FeedsConfig {
        let text = format!("title: A\nbase_url: https://e.com\n{block}");
        parse_config(&text, Path::new("/site"), Path::new("site.yaml")).unwrap().feeds
    }

    #[test]
    fn feeds_default_to_every_format_full_text_and_twenty_entries() {
        let config = feeds("");
        assert_eq!(config, FeedsConfig::default());
        assert_eq!(config.formats, [FeedFormat::Atom, FeedFormat::Rss, FeedFormat::Json]);
        assert_eq!((config.content, config.limit), (FeedContent::Full, 20));
        // Author and tag feeds: summaries of the ten newest.
        assert_eq!((config.taxonomy_content, config.taxonomy_limit), (FeedContent::Summary, 10));
    }

    #[test]
    fn taxonomy_feeds_have_their_own_content_and_limit() {
        let config = feeds("feeds:\n  taxonomy_content: full\n  taxonomy_limit: 3\n");
        assert_eq!((config.taxonomy_content, config.taxonomy_limit), (FeedContent::Full, 3));
        assert_eq!((config.content, config.limit), (FeedContent::Full, 20));
    }

    #[test]
    fn taxonomy_limit_below_one_is_an_error_naming_its_line() {
        let text = "title: A\nbase_url: https://e.com\nfeeds:\n  limit: 5\n  taxonomy_limit: 0\n";
        let err = parse_config(text, Path::new("/site"), Path::new("site.yaml")).unwrap_err().to_string();
        assert!(err.starts_with("error: site.yaml:5: `feeds.taxonomy_limit` must be 1 or more, found 0"), "{err}");
        assert!(err.contains("e.g. taxonomy_limit: 10"), "{err}");
    }

    #[test]
    fn feeds_block_sets_formats_in_a_fixed_order_without_repeats() {
        let config = feeds("feeds:\n  formats: [json, atom, json]\n  content: summary\n  limit: 5\n  authors: false\n");
        assert_eq!(config.formats, [FeedFormat::Atom, FeedFormat::Json]);
        assert_eq!((config.content, config.limit, config.authors, config.tags), (FeedContent::Summary, 5, false, true));
    }

    #[test]
    fn unknown_feeds_key_is_rejected() {
        let text = "title: A\nbase_url: https://e.com\nfeeds:\n  limt: 5\n";
        let err = parse_config(text, Path::new("/site"), Path::new("site.yaml")).unwrap_err().to_string();
        assert!(err.starts_with("error: site.yaml:4:3: unknown key `limt` in `feeds`"), "{err}");
        assert!(err.contains("did you mean `limit`?"), "{err}");
    }
}
