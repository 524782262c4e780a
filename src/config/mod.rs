//! `site.yaml`: read into a raw serde shape (unknown keys rejected), then checked into a `Config`.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::PathBuf;

mod cache;
mod cadence;
pub mod check;
pub mod dates;
pub mod feedback;
mod feeds;
pub mod help_widget;
mod host;
mod images;
mod llms;
pub mod next_step;
mod slugs;
mod social_cards;
mod synonyms;
pub mod url_pattern;
pub use cache::CacheConfig;
pub use cadence::{check_cadence_lines, Cadence, CadenceUnit, CADENCE_FORMS};
pub use check::{CheckConfig, LinkProblem};
pub use feeds::{FeedContent, FeedFormat, FeedsConfig};
pub use host::Host;
pub use images::{ImageFormat, ImagesConfig};
pub use llms::LlmsConfig;
pub use slugs::SlugStyle;
pub use social_cards::{SocialCards, CARDS_BY_DEFAULT};
mod languages;
mod parse;
pub use languages::{native_name, Fallback, LanguageSettings, LanguageView};
pub use parse::{load_config, parse_config};

/// The file name of the site configuration, at the site root.
pub const CONFIG_FILE: &str = "site.yaml";

/// How a content folder behaves: which templates it uses and what its pages are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SectionKind {
    Blog,
    Kb,
    Guides,
    Products,
    Authors,
    Pages,
}

impl SectionKind {
    /// The kind a top-level folder has when site.yaml does not say.
    pub fn for_folder(name: &str) -> SectionKind {
        match name {
            "blog" => SectionKind::Blog,
            "kb" => SectionKind::Kb,
            "guides" => SectionKind::Guides,
            "products" => SectionKind::Products,
            "authors" => SectionKind::Authors,
            _ => SectionKind::Pages,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SortBy {
    Date,
    Weight,
    Title,
}

/// How the site treats customer contributions and ageing articles.
#[derive(Debug, Clone, Hash, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct TrustConfig {
    /// The team shown as "verified by" on the company's own articles and guides.
    pub verified_by: Option<String>,
    /// Community articles are published only with `status: approved`.
    pub require_approval: bool,
    /// Articles due for review say that they may be out of date.
    pub review_notice: bool,
    /// Who re-verifies pages that neither they nor their section name an `owner:`.
    pub owner: Option<String>,
    /// How often knowledge pages are verified again, unless their section or page says otherwise.
    pub review_every: Option<Cadence>,
}

impl Default for TrustConfig {
    fn default() -> Self {
        TrustConfig { verified_by: None, require_approval: true, review_notice: false, owner: None, review_every: None }
    }
}

/// Lists longer than this are split into pages, unless site.yaml says otherwise.
pub const DEFAULT_PAGINATE: usize = 20;

#[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct MenuItem {
    pub name: String,
    pub url: String,
}

/// Markdown and highlighting switches.
#[derive(Debug, Clone, Hash, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MarkdownConfig {
    /// Raw HTML in Markdown is escaped unless this is set: content may come from many hands.
    pub unsafe_html: bool,
    pub smart_punctuation: bool,
    pub highlight: bool,
    pub highlight_theme: String,
    pub highlight_theme_dark: String,
}

impl Default for MarkdownConfig {
    fn default() -> Self {
        MarkdownConfig {
            unsafe_html: false,
            smart_punctuation: false,
            highlight: true,
            highlight_theme: "InspiredGitHub".into(),
            highlight_theme_dark: "base16-ocean.dark".into(),
        }
    }
}

/// The `search:` block: the prebuilt index under /search/ and the search box.
#[derive(Debug, Clone, Hash, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SearchConfig {
    /// Build the index, the /search/ page and the header search box.
    pub enabled: bool,
    /// How much of each page's text is stored for result excerpts, in characters.
    pub text_chars: usize,
    /// Groups of words a search treats as one (see `synonyms.rs`).
    pub synonyms: Vec<Vec<String>>,
    /// Send queries that found nothing, and queries whose results nobody opened, to the feedback
    /// endpoint, for `folio feedback report` (only with an endpoint transport).
    pub report_gaps: bool,
}

impl Default for SearchConfig {
    fn default() -> Self {
        SearchConfig { enabled: true, text_chars: 1500, synonyms: Vec::new(), report_gaps: true }
    }
}

/// Settings of one top-level content folder.
#[derive(Debug, Clone)]
pub struct SectionConfig {
    pub kind: SectionKind,
    pub title: Option<String>,
    pub description: Option<String>,
    pub sort_by: SortBy,
    /// How many pages one page of its list shows.
    pub paginate: usize,
}

/// Which theme renders the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ThemeChoice {
    /// The theme embedded in the binary.
    Default,
    /// A theme folder (absolute path), layered over the embedded one.
    Folder(PathBuf),
}

/// The validated site configuration.
#[derive(Debug, Clone)]
pub struct Config {
    pub root: PathBuf,
    pub title: String,
    pub description: String,
    /// Without a trailing slash: `https://example.com/help`.
    pub base_url: String,
    /// The path part of `base_url`, without a trailing slash: `/help`, or empty.
    pub base_path: String,
    pub language: String,
    /// The other languages the site is published in (`languages:`); empty for one language.
    pub languages: BTreeMap<String, LanguageSettings>,
    /// Publish the default language under `/<code>/` too, rather than at the root.
    pub default_language_in_path: bool,
    /// Which language this configuration builds; the default for the site as configured.
    pub view: LanguageView,
    pub theme: ThemeChoice,
    pub default_author: Option<String>,
    pub menus: BTreeMap<String, Vec<MenuItem>>,
    pub markdown: MarkdownConfig,
    pub sections: BTreeMap<String, SectionConfig>,
    pub extra: serde_json::Value,
    pub trust: TrustConfig,
    /// Front-matter keys whose values get list pages (`tags` → `/tags/` and `/tags/<term>/`).
    pub taxonomies: Vec<String>,
    /// How many pages one page of a list shows, unless a section says otherwise.
    pub paginate: usize,
    /// "Was this helpful?": `None` without a `feedback:` block.
    pub feedback: Option<feedback::FeedbackConfig>,
    /// Comment threads: `None` without a `comments:` block.
    pub comments: Option<feedback::CommentsConfig>,
    /// Atom, RSS and JSON feeds: formats, length, full text or summary.
    pub feeds: FeedsConfig,
    /// `llms.txt`, `llms-full.txt` and the pages' Markdown copies.
    pub llms: LlmsConfig,
    pub search: SearchConfig,
    /// The static host whose redirect and header files the build writes; `None` writes none.
    pub host: Option<Host>,
    /// How dates are shown on pages (`dates:`); read it through `date_style(lang)`.
    pub dates: dates::DateStyle,
    /// How URL segments and heading anchors are made from titles, file names and terms.
    pub slugs: SlugStyle,
    /// A site with a knowledge base leads its home page with search and top articles (`help_center: false` turns it off).
    pub help_center: bool,
    /// How `folio check` treats external links (`check:`); the build itself does not read it.
    pub check: CheckConfig,
    /// Help inside the product (`help_widget:`): `None` without the block, and then no `context.json`.
    pub help_widget: Option<help_widget::HelpWidgetConfig>,
    /// Generated OpenGraph pictures for pages without an image (`social_cards:`).
    pub social_cards: SocialCards,
    /// Responsive copies and size attributes of the site's images (`images:`).
    pub images: ImagesConfig,
    /// How long `.folio-cache/` keeps entries no build used (`cache:`).
    pub cache: CacheConfig,
    /// Fingerprint of everything configured, for the build cache.
    pub fingerprint: u64,
}

impl Config {
    /// Settings for a top-level folder, with defaults for folders site.yaml does not mention.
    pub fn section(&self, folder: &str) -> SectionConfig {
        self.sections.get(folder).cloned().unwrap_or_else(|| {
            let kind = SectionKind::for_folder(folder);
            SectionConfig { kind, title: None, description: None, sort_by: default_sort(kind), paginate: self.paginate }
        })
    }

    /// The `dir` of text in `lang`: the language's `dir:` setting, else what its code implies.
    pub fn dir_of(&self, lang: &str) -> &'static str {
        self.languages.get(lang).and_then(|l| l.dir).unwrap_or_else(|| crate::lang::text_dir(lang))
    }

    pub fn content_dir(&self) -> PathBuf {
        self.root.join("content")
    }
}

/// How a section's pages are ordered when site.yaml does not say.
fn default_sort(kind: SectionKind) -> SortBy {
    match kind {
        SectionKind::Blog => SortBy::Date,
        SectionKind::Authors => SortBy::Title,
        _ => SortBy::Weight,
    }
}

/// Every key of `FrontMatter`, for telling typos from deliberate extra keys.
pub const FRONT_MATTER_KEYS: &[&str] = &[
    "title",
    "description",
    "summary",
    "date",
    "updated",
    "author",
    "authors",
    "tags",
    "categories",
    "draft",
    "slug",
    "weight",
    "featured",
    "products",
    "template",
    "lang",
    "comments",
    "feedback",
    "search",
    "name",
    "role",
    "photo",
    "links",
    "image",
    "toc",
    "source",
    "contributor",
    "status",
    "verified_by",
    "verified_on",
    "review_by",
    "owner",
    "review_every",
    "expires",
    "related",
    "aliases",
    "translated_from",
    "context",
];

/// A BCP 47-ish tag: `he`, `en`, `pt-BR`, `zh-Hant`.
pub fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_lowercase())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests;
