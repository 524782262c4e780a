//! `site.yaml`: read into a raw serde shape (unknown keys rejected), then checked into a `Config`.

use crate::diagnostics::{BuildError, Diagnostic, Location};
use crate::yaml;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

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
pub use languages::{native_name, Fallback, LanguageSettings, LanguageView};

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

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: String,
    #[serde(default)]
    description: String,
    base_url: String,
    #[serde(default)]
    language: Option<String>,
    #[serde(default)]
    languages: BTreeMap<String, languages::RawLanguage>,
    #[serde(default)]
    default_language_in_path: bool,
    #[serde(default)]
    theme: Option<String>,
    #[serde(default)]
    author: Option<String>,
    #[serde(default)]
    menus: BTreeMap<String, Vec<MenuItem>>,
    #[serde(default)]
    markdown: MarkdownConfig,
    #[serde(default)]
    sections: BTreeMap<String, RawSection>,
    #[serde(default)]
    extra: serde_yaml::Mapping,
    #[serde(default)]
    trust: TrustConfig,
    #[serde(default)]
    taxonomies: Option<Vec<String>>,
    #[serde(default)]
    paginate: Option<usize>,
    #[serde(default)]
    feedback: Option<feedback::RawFeedback>,
    #[serde(default)]
    comments: Option<feedback::RawComments>,
    #[serde(default)]
    feeds: feeds::RawFeeds,
    #[serde(default)]
    search: SearchConfig,
    #[serde(default)]
    llms: LlmsConfig,
    #[serde(default)]
    host: Option<String>,
    #[serde(default)]
    dates: Option<dates::RawDates>,
    slugs: Option<String>,
    help_center: Option<bool>,
    #[serde(default)]
    check: check::RawCheck,
    help_widget: Option<help_widget::RawHelpWidget>,
    social_cards: Option<social_cards::RawSocialCards>,
    #[serde(default)]
    images: images::RawImages,
    #[serde(default)]
    cache: cache::RawCache,
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

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSection {
    kind: Option<SectionKind>,
    title: Option<String>,
    description: Option<String>,
    sort_by: Option<SortBy>,
    paginate: Option<usize>,
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

fn default_sort(kind: SectionKind) -> SortBy {
    match kind {
        SectionKind::Blog => SortBy::Date,
        SectionKind::Authors => SortBy::Title,
        _ => SortBy::Weight,
    }
}

/// Reads and validates `<root>/site.yaml`.
pub fn load_config(root: &Path) -> Result<Config, BuildError> {
    let path = root.join(CONFIG_FILE);
    let text = std::fs::read_to_string(&path).map_err(|e| {
        BuildError::one(
            Diagnostic::new(Location::file(&path), format!("cannot read the site configuration: {e}")).with_help(
                "run Folio in a site folder (one with site.yaml), pass --root DIR, or create one with `folio init DIR`",
            ),
        )
    })?;
    parse_config(&text, root, &path)
}

/// Parses config text; `path` is used in messages only.
pub fn parse_config(text: &str, root: &Path, path: &Path) -> Result<Config, BuildError> {
    check_cadence_lines(text, path, 1).map_err(BuildError::one)?;
    let raw: RawConfig = yaml::parse(text, path, 1).map_err(BuildError::one)?;
    let mut errors = Vec::new();
    let at = |key: &str| Location::new(path, yaml::key_line(text, key).unwrap_or(0), 0);

    let base_url = raw.base_url.trim().trim_end_matches('/').to_string();
    let base_path = match base_url.split_once("://") {
        Some((scheme, rest)) if (scheme == "http" || scheme == "https") && !rest.is_empty() => {
            rest.find('/').map(|i| rest[i..].to_string()).unwrap_or_default()
        }
        _ => {
            errors.push(
                Diagnostic::new(at("base_url"), format!("`base_url` must be an http(s) URL, found `{}`", raw.base_url))
                    .with_help(
                        "write the address the site will be published at, e.g. base_url: https://help.example.com",
                    ),
            );
            String::new()
        }
    };

    let language = raw.language.unwrap_or_else(|| "en".into());
    if !is_language_tag(&language) {
        errors.push(Diagnostic::new(
            at("language"),
            format!("`language` must be a language code such as `he` or `en`, found `{language}`"),
        ));
    }

    let languages = languages::check_languages(raw.languages, &language, (text, path), &mut errors);

    let theme = match raw.theme.as_deref().map(str::trim) {
        None | Some("") | Some("default") => ThemeChoice::Default,
        Some(folder) => {
            let by_name = root.join("themes").join(folder);
            let dir = if by_name.is_dir() { by_name } else { root.join(folder) };
            if !dir.is_dir() {
                errors.push(Diagnostic::new(at("theme"), format!("theme folder `{folder}` does not exist")).with_help(
                    "use `default` for the built-in theme, or the name of a folder in themes/ or a path relative to the site root",
                ));
            }
            ThemeChoice::Folder(dir)
        }
    };

    let paginate = raw.paginate.unwrap_or(DEFAULT_PAGINATE);
    let mut check_paginate = |value: usize, key: &str| {
        if value == 0 {
            errors.push(
                Diagnostic::new(at(key), format!("`{key}` must be at least 1"))
                    .with_help("it is how many pages one page of a list shows, e.g. paginate: 20"),
            );
        }
    };
    check_paginate(paginate, "paginate");
    for s in raw.sections.values() {
        if let Some(value) = s.paginate {
            check_paginate(value, "paginate");
        }
    }
    let taxonomies = raw.taxonomies.unwrap_or_else(|| vec!["tags".into(), "categories".into()]);
    for name in &taxonomies {
        if !is_taxonomy_name(name) {
            errors.push(
                Diagnostic::new(at("taxonomies"), format!("`taxonomies`: `{name}` is not a usable name")).with_help(
                    "name a front-matter key holding a list, in lowercase letters, digits, `-` or `_`, e.g. tags",
                ),
            );
        }
    }

    let sections = raw
        .sections
        .into_iter()
        .map(|(folder, s)| {
            let kind = s.kind.unwrap_or_else(|| SectionKind::for_folder(&folder));
            let section = SectionConfig {
                kind,
                title: s.title,
                description: s.description,
                sort_by: s.sort_by.unwrap_or_else(|| default_sort(kind)),
                paginate: s.paginate.unwrap_or(paginate),
            };
            (folder, section)
        })
        .collect();

    let feedback = raw.feedback.map(|f| feedback::check_feedback(f, root, (text, path), &mut errors));
    let comments = raw.comments.and_then(|c| feedback::check_comments(c, root, (text, path), &mut errors));
    let feeds = feeds::validate_feeds(raw.feeds, text, path).unwrap_or_else(|e| {
        errors.push(e);
        FeedsConfig::default()
    });
    let host = host::check_host(raw.host, text, path).unwrap_or_else(|e| {
        errors.push(e);
        None
    });
    let dates = raw.dates.map_or_else(Default::default, |d| {
        dates::check_date_style(d, text, path, yaml::key_line(text, "dates").unwrap_or(0)).unwrap_or_else(|e| {
            errors.push(e);
            Default::default()
        })
    });
    let slugs = slugs::check_slugs(raw.slugs, text, path).unwrap_or_else(|e| {
        errors.push(e);
        SlugStyle::default()
    });
    let help_widget = raw.help_widget.map(|w| help_widget::check_help_widget(w, (text, path), &mut errors));
    let social_cards = social_cards::check_social_cards(raw.social_cards, root, (text, path)).unwrap_or_else(|e| {
        errors.push(e);
        SocialCards::default()
    });
    if let Err(e) = synonyms::check_synonyms(&raw.search.synonyms, text, path) {
        errors.push(e);
    }
    let check = check::check_check(raw.check, text, path, &mut errors);
    let images = images::check_images(raw.images, text, path).unwrap_or_else(|e| {
        errors.extend(e);
        ImagesConfig::default()
    });
    let cache = cache::check_cache(raw.cache, text, path).unwrap_or_else(|e| {
        errors.push(e);
        CacheConfig::default()
    });

    if !errors.is_empty() {
        return Err(BuildError::from_many(errors));
    }
    let view = LanguageView { asset_path: base_path.clone(), ..LanguageView::default() };
    Ok(Config {
        root: root.to_path_buf(),
        title: raw.title,
        description: raw.description,
        base_url,
        base_path,
        language,
        languages,
        default_language_in_path: raw.default_language_in_path,
        view,
        theme,
        default_author: raw.author,
        menus: raw.menus,
        markdown: raw.markdown,
        sections,
        extra: serde_json::to_value(&raw.extra).unwrap_or(serde_json::Value::Null),
        trust: raw.trust,
        taxonomies,
        paginate,
        feedback,
        comments,
        feeds,
        llms: raw.llms,
        search: raw.search,
        host,
        dates,
        slugs,
        help_center: raw.help_center.unwrap_or(true),
        check,
        help_widget,
        social_cards,
        images,
        cache,
        fingerprint: crate::memo::fingerprint((text, root)),
    })
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

/// A taxonomy is a front-matter key and a URL segment, so it must be both.
/// Of the keys Folio knows, only `tags` and `categories` hold free-form terms.
fn is_taxonomy_name(name: &str) -> bool {
    let plain = name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
    matches!(name, "tags" | "categories") || (!name.is_empty() && plain && !FRONT_MATTER_KEYS.contains(&name))
}

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
