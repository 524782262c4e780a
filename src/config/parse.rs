//! Reading `site.yaml`: its raw serde shape (unknown keys rejected), then each setting checked
//! into a `Config`, every problem collected so one run reports them all with their lines.

use super::*;
use crate::diagnostics::{BuildError, Diagnostic, Location};
use crate::yaml;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// `site.yaml` as written, before checking.
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

/// One entry of `sections:` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSection {
    kind: Option<SectionKind>,
    title: Option<String>,
    description: Option<String>,
    sort_by: Option<SortBy>,
    paginate: Option<usize>,
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
    let base_path = check_base_url(&base_url, &raw.base_url, at("base_url")).unwrap_or_else(|e| {
        errors.push(e);
        String::new()
    });
    let language = raw.language.unwrap_or_else(|| "en".into());
    if !is_language_tag(&language) {
        errors.push(Diagnostic::new(
            at("language"),
            format!("`language` must be a language code such as `he` or `en`, found `{language}`"),
        ));
    }
    let languages = languages::check_languages(raw.languages, &language, (text, path), &mut errors);
    let theme = check_theme(raw.theme.as_deref(), root, at("theme")).unwrap_or_else(|(e, dir)| {
        errors.push(e);
        dir
    });
    let paginate = raw.paginate.unwrap_or(DEFAULT_PAGINATE);
    let section_paginates = raw.sections.values().filter_map(|s| s.paginate);
    for _ in std::iter::once(paginate).chain(section_paginates).filter(|value| *value == 0) {
        errors.push(
            Diagnostic::new(at("paginate"), "`paginate` must be at least 1")
                .with_help("it is how many pages one page of a list shows, e.g. paginate: 20"),
        );
    }
    let taxonomies = raw.taxonomies.unwrap_or_else(|| vec!["tags".into(), "categories".into()]);
    for name in taxonomies.iter().filter(|name| !is_taxonomy_name(name)) {
        errors.push(
            Diagnostic::new(at("taxonomies"), format!("`taxonomies`: `{name}` is not a usable name")).with_help(
                "name a front-matter key holding a list, in lowercase letters, digits, `-` or `_`, e.g. tags",
            ),
        );
    }
    let sections = section_configs(raw.sections, paginate);

    let feedback = raw.feedback.map(|f| feedback::check_feedback(f, root, (text, path), &mut errors));
    let comments = raw.comments.and_then(|c| feedback::check_comments(c, root, (text, path), &mut errors));
    let feeds: FeedsConfig = or_default(feeds::validate_feeds(raw.feeds, text, path), &mut errors);
    let host: Option<Host> = or_default(host::check_host(raw.host, text, path), &mut errors);
    let dates = raw.dates.map_or_else(Default::default, |d| {
        or_default(dates::check_date_style(d, text, path, yaml::key_line(text, "dates").unwrap_or(0)), &mut errors)
    });
    let slugs: SlugStyle = or_default(slugs::check_slugs(raw.slugs, text, path), &mut errors);
    let social_cards: SocialCards =
        or_default(social_cards::check_social_cards(raw.social_cards, root, (text, path)), &mut errors);
    if let Err(e) = synonyms::check_synonyms(&raw.search.synonyms, text, path) {
        errors.push(e);
    }
    let cache: CacheConfig = or_default(cache::check_cache(raw.cache, text, path), &mut errors);
    let help_widget = raw.help_widget.map(|w| help_widget::check_help_widget(w, (text, path), &mut errors));
    let check = check::check_check(raw.check, text, path, &mut errors);
    let images = images::check_images(raw.images, text, path).unwrap_or_else(|e| {
        errors.extend(e);
        ImagesConfig::default()
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

/// The setting a check returned, or its default when the check failed (its problem then joins
/// `errors`), so the other settings are still checked and every problem is reported at once.
fn or_default<T: Default>(result: Result<T, Diagnostic>, errors: &mut Vec<Diagnostic>) -> T {
    result.unwrap_or_else(|e| {
        errors.push(e);
        T::default()
    })
}

/// The path part of `base_url` (`/help` of `https://example.com/help`; empty at a domain's root).
/// `written` is the value as site.yaml has it, for the message.
fn check_base_url(base_url: &str, written: &str, at: Location) -> Result<String, Diagnostic> {
    match base_url.split_once("://") {
        Some((scheme, rest)) if (scheme == "http" || scheme == "https") && !rest.is_empty() => {
            Ok(rest.find('/').map(|i| rest[i..].to_string()).unwrap_or_default())
        }
        _ => Err(Diagnostic::new(at, format!("`base_url` must be an http(s) URL, found `{written}`"))
            .with_help("write the address the site will be published at, e.g. base_url: https://help.example.com")),
    }
}

/// The theme site.yaml names: the built-in one, a folder of `themes/`, or a folder relative to the
/// site root. A folder that does not exist is an error, returned with the choice to go on with.
fn check_theme(written: Option<&str>, root: &Path, at: Location) -> Result<ThemeChoice, (Diagnostic, ThemeChoice)> {
    let folder = match written.map(str::trim) {
        None | Some("") | Some("default") => return Ok(ThemeChoice::Default),
        Some(folder) => folder,
    };
    let by_name = root.join("themes").join(folder);
    let dir = if by_name.is_dir() { by_name } else { root.join(folder) };
    if dir.is_dir() {
        return Ok(ThemeChoice::Folder(dir));
    }
    let error = Diagnostic::new(at, format!("theme folder `{folder}` does not exist")).with_help(
        "use `default` for the built-in theme, or the name of a folder in themes/ or a path relative to the site root",
    );
    Err((error, ThemeChoice::Folder(dir)))
}

/// Each `sections:` entry with its defaults filled in: the kind its folder name implies, that
/// kind's order, the site's `paginate`.
fn section_configs(raw: BTreeMap<String, RawSection>, paginate: usize) -> BTreeMap<String, SectionConfig> {
    raw.into_iter()
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
        .collect()
}

/// A taxonomy is a front-matter key and a URL segment, so it must be both.
/// Of the keys Folio knows, only `tags` and `categories` hold free-form terms.
fn is_taxonomy_name(name: &str) -> bool {
    let plain = name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
    matches!(name, "tags" | "categories") || (!name.is_empty() && plain && !FRONT_MATTER_KEYS.contains(&name))
}
