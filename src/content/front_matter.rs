//! Splitting a Markdown file into its YAML front matter and body, and reading the front matter.

use super::authors::AuthorList;
use super::dates::PageDate;
use super::foreign;
use crate::config::MenuItem;
use crate::diagnostics::{closest, Diagnostic, Location};
use crate::yaml;
use serde::Deserialize;
use std::path::Path;

/// The keys Folio understands. Everything else is kept for templates as `page.extra`.
#[derive(Debug, Clone, Default, Hash, Deserialize)]
#[serde(default)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub description: Option<String>,
    pub summary: Option<String>,
    pub date: Option<PageDate>,
    #[serde(deserialize_with = "super::dates::deserialize_updated")]
    pub updated: Option<PageDate>,
    /// `updated: git`: the pipeline sets `updated` to the file's last commit date.
    #[serde(skip)]
    pub updated_from_git: bool,
    /// Old URL paths of this page, published as redirects to it.
    pub aliases: Vec<String>,
    /// Who wrote the page: ids, names or inline people (see `authors`); `authors` wins over `author`.
    pub author: Option<AuthorList>,
    pub authors: Option<AuthorList>,
    pub tags: Vec<String>,
    pub categories: Vec<String>,
    pub draft: bool,
    pub slug: Option<String>,
    pub weight: i64,
    /// Shown among the articles a help-center home starts with, until `feedback.data` ranks them.
    pub featured: bool,
    pub products: Vec<String>,
    pub template: Option<String>,
    pub lang: Option<String>,
    pub comments: Option<bool>,
    pub feedback: Option<bool>,
    /// `search: false` leaves the page out of the search index.
    pub search: Option<bool>,
    // Authors
    pub name: Option<String>,
    pub role: Option<String>,
    pub photo: Option<String>,
    pub links: Vec<MenuItem>,
    // Products
    pub image: Option<String>,
    // Knowledge-site pages
    /// Show the table of contents (`true`/`false`); by default when the page has two headings or more.
    pub toc: Option<bool>,
    /// Who wrote it: the company (default) or a customer (`community`).
    pub source: ContentSource,
    /// The customer who contributed a community article.
    pub contributor: Option<String>,
    /// Review state of a community article; only `approved` ones are published when the site asks for it.
    pub status: Option<String>,
    /// The team that verified a company article, overriding `trust.verified_by` in site.yaml.
    pub verified_by: Option<String>,
    pub verified_on: Option<PageDate>,
    /// After this day the article is due for review.
    pub review_by: Option<PageDate>,
    /// Who re-verifies the page (a person or team); in `_index.md`, for the whole section.
    pub owner: Option<String>,
    /// How often the page is verified again; in `_index.md`, for the whole section.
    pub review_every: Option<crate::config::Cadence>,
    /// From this moment on the page is no longer published.
    pub expires: Option<PageDate>,
    /// Pages shown first under "related", by their path inside content/ (`kb/billing/refunds.md`).
    pub related: Vec<String>,
    /// In a translation: the version of the original it follows, as a date or the content hash
    /// `folio translations --stamp` writes.
    pub translated_from: Option<String>,
    /// The product's screens this page helps with, as URL patterns (`/billing/*`), for the help
    /// widget's `context.json`; checked by `config::url_pattern`.
    pub context: Vec<String>,
}

impl FrontMatter {
    /// A customer's contribution the company has not verified: `source: community` without its own
    /// `verified_by:`. Adding `verified_by:` promotes it: it is then shown, listed and exported as verified
    /// knowledge, still crediting its contributor.
    pub fn is_unverified_community(&self) -> bool {
        self.source == ContentSource::Community && self.verified_by.is_none()
    }
}

/// Who wrote a page: the organisation, or one of its customers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ContentSource {
    #[default]
    Company,
    Community,
}

/// Every key of `FrontMatter`, for telling typos from deliberate extra keys. It lives in `config`,
/// which needs it to tell taxonomy names from Folio's own keys.
pub use crate::config::FRONT_MATTER_KEYS as KNOWN_KEYS;

/// A Markdown file taken apart.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub front: FrontMatter,
    /// Keys Folio does not know, as JSON for templates.
    pub extra: serde_json::Map<String, serde_json::Value>,
    /// The raw front matter, for finding the line of a key in later messages.
    pub front_text: String,
    /// Read from the file only when used, for a page `folio build` trusted by its stamp (`body`).
    pub body: super::body::Body,
    /// The 1-based line of the file on which `body` starts.
    pub body_line: usize,
}

/// Splits and parses `text` (the contents of `file`). Warnings (likely typos) go to `warnings`.
pub fn parse_page(text: &str, file: &Path, warnings: &mut Vec<Diagnostic>) -> Result<Parsed, Diagnostic> {
    let (mut parsed, body_start) = parse_front(text, file, warnings)?;
    parsed.body = text[body_start..].into();
    Ok(parsed)
}

/// Like `parse_page`, the body keeping the file's own buffer rather than a copy of it: a site's
/// pages are read once, and copying every body would touch as much fresh memory again.
pub fn parse_page_owned(mut text: String, file: &Path, warnings: &mut Vec<Diagnostic>) -> Result<Parsed, Diagnostic> {
    let (mut parsed, body_start) = parse_front(&text, file, warnings)?;
    text.drain(..body_start);
    parsed.body = text.into();
    Ok(parsed)
}

/// Where a file's front matter (`Parsed::front_text`) starts in its text `text`: after the
/// byte-order mark, if any, and the opening fence's line.
pub fn front_text_start(text: &str) -> usize {
    let bom = if text.starts_with('\u{feff}') { '\u{feff}'.len_utf8() } else { 0 };
    bom + text[bom..].find('\n').map_or(text.len() - bom, |i| i + 1)
}

/// Everything but the body (left empty), and the offset in `text` at which the body starts.
fn parse_front(text: &str, file: &Path, warnings: &mut Vec<Diagnostic>) -> Result<(Parsed, usize), Diagnostic> {
    let whole = text;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some((front_text, body, body_line, format)) = split(text, file)? else {
        let parsed = Parsed {
            front: FrontMatter::default(),
            extra: Default::default(),
            front_text: String::new(),
            body: Default::default(),
            body_line: 1,
        };
        return Ok((parsed, whole.len() - text.len()));
    };
    // Front matter begins on line 2, after the opening fence.
    // YAML is read into Folio's keys straight from the text, so its errors keep their positions.
    crate::config::check_cadence_lines(front_text, file, 2)?;
    let (mut all, as_written): (serde_yaml::Mapping, Option<FrontMatter>) = match format {
        Format::Yaml => {
            // A syntax error is reported as reading Folio's keys from the text reports it.
            let all = yaml::parse(front_text, file, 2)
                .map_err(|e| yaml::parse::<FrontMatter>(front_text, file, 2).err().unwrap_or(e))?;
            let (all, front) = read_parsed(all, front_text, file)?;
            (all, Some(front))
        }
        Format::Toml => (super::toml_front::parse(front_text, file)?, None),
    };
    let (mapped, no_meaning) = foreign::map_foreign_keys(&mut all, format == Format::Toml);
    let mut front = match as_written {
        Some(front) if !mapped => front,
        _ => read_mapped(&all, front_text, file)?,
    };
    front.updated_from_git = all.get("updated").and_then(|v| v.as_str()) == Some(super::dates::UPDATED_FROM_GIT);
    let mut extra = serde_json::Map::new();
    for (key, value) in all {
        let Some(key) = key.as_str().map(str::to_string) else {
            return Err(Diagnostic::new(Location::new(file, 2, 1), "front-matter keys must be text"));
        };
        if KNOWN_KEYS.contains(&key.as_str()) {
            continue;
        }
        let line = yaml::key_line(front_text, &key).map_or(0, |l| l + 1);
        if let Some((_, why)) = no_meaning.iter().find(|(k, _)| *k == key) {
            warnings.push(foreign::no_meaning_warning(Location::new(file, line, 1), &key, why));
        } else if let Some(known) = closest(&key, KNOWN_KEYS.iter().copied()) {
            warnings.push(
                Diagnostic::new(Location::new(file, line, 1), format!("unknown front-matter key `{key}`"))
                    .with_help(format!("did you mean `{known}`? (unknown keys are kept as page.extra.{key})")),
            );
        }
        let json = serde_json::to_value(&value).unwrap_or(serde_json::Value::Null);
        extra.insert(key, json);
    }
    let parsed = Parsed { front, extra, front_text: front_text.to_string(), body: Default::default(), body_line };
    Ok((parsed, whole.len() - body.len()))
}

/// Folio's keys read from the front matter already parsed into `all`, so the text is parsed once.
/// Where that fails (a value YAML reads as a number where Folio wants text, say) the text is read
/// again, straight into Folio's keys: the result, or the error at its line, is then the text's.
fn read_parsed(
    all: serde_yaml::Mapping,
    text: &str,
    file: &Path,
) -> Result<(serde_yaml::Mapping, FrontMatter), Diagnostic> {
    let value = serde_yaml::Value::Mapping(all);
    let front = FrontMatter::deserialize(&value);
    let serde_yaml::Value::Mapping(all) = value else { unreachable!("made a mapping just above") };
    let Ok(front) = front else {
        return Ok((all, yaml::parse(text, file, 2)?));
    };
    if crate::memo::checking() {
        let from_text: FrontMatter = yaml::parse(text, file, 2).expect("the parsed front matter reads as text too");
        assert!(
            crate::memo::fingerprint(&from_text) == crate::memo::fingerprint(&front),
            "{}: the front matter read from its parsed mapping differs from the text's",
            file.display()
        );
    }
    Ok((all, front))
}

/// Reads front matter whose keys were renamed or that was written in TOML; an error is placed on
/// the line of the key it is about.
fn read_mapped(all: &serde_yaml::Mapping, text: &str, file: &Path) -> Result<FrontMatter, Diagnostic> {
    serde_yaml::from_value(serde_yaml::Value::Mapping(all.clone())).map_err(|err| {
        // The error does not say which key it is about: the key that fails on its own does.
        let key = all.iter().filter_map(|(k, v)| Some((k.as_str()?, v))).find(|(k, v)| {
            let one = serde_yaml::Mapping::from_iter([(serde_yaml::Value::String(k.to_string()), (*v).clone())]);
            KNOWN_KEYS.contains(k) && serde_yaml::from_value::<FrontMatter>(serde_yaml::Value::Mapping(one)).is_err()
        });
        match key {
            Some((key, _)) => {
                let line = yaml::key_line(text, key).map_or(2, |l| l + 1);
                Diagnostic::new(Location::new(file, line, 1), format!("`{key}`: {err}"))
            }
            None => Diagnostic::new(Location::new(file, 2, 1), format!("front matter: {err}")),
        }
    })
}

/// How the front matter is written: YAML between `---`, or TOML between `+++` (Hugo, Zola).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Yaml,
    Toml,
}

/// Finds the `---` (or `+++`) fences. `None` when the file has no front matter at all.
fn split<'t>(text: &'t str, file: &Path) -> Result<Option<(&'t str, &'t str, usize, Format)>, Diagnostic> {
    let first_line_end = text.find('\n').map_or(text.len(), |i| i + 1);
    let (format, fences): (Format, &[&str]) = match text[..first_line_end].trim_end() {
        "---" => (Format::Yaml, &["---", "..."]),
        "+++" => (Format::Toml, &["+++"]),
        _ => return Ok(None),
    };
    let mut offset = first_line_end;
    let mut line = 2;
    while offset < text.len() {
        let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i + 1);
        if fences.contains(&text[offset..end].trim_end()) {
            return Ok(Some((&text[first_line_end..offset], &text[end..], line + 1, format)));
        }
        offset = end;
        line += 1;
    }
    let fence = fences[0];
    Err(Diagnostic::new(Location::new(file, 1, 1), format!("front matter starts with `{fence}` but is never closed"))
        .with_help(format!("add a line with just `{fence}` after the last front-matter key")))
}

/// The line on which `key` appears in a page's front matter, counted in the file.
pub fn front_key_line(front_text: &str, key: &str) -> usize {
    yaml::key_line(front_text, key).map_or(0, |l| l + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Parsed, Diagnostic> {
        parse_page(text, Path::new("content/a.md"), &mut Vec::new())
    }

    #[test]
    fn splits_front_matter_and_body() {
        let p = parse("---\ntitle: Hello\ntags: [a, b]\n---\n# Body\n").unwrap();
        assert_eq!(p.front.title.as_deref(), Some("Hello"));
        assert_eq!(p.front.tags, vec!["a", "b"]);
        assert_eq!(p.body, "# Body\n");
        assert_eq!(p.body_line, 5);
    }

    #[test]
    fn unterminated_front_matter_is_an_error() {
        let err = parse("---\ntitle: Hello\n\nBody").unwrap_err();
        assert_eq!(
            err.to_string(),
            "content/a.md:1:1: front matter starts with `---` but is never closed\n  help: add a line with just `---` after the last front-matter key"
        );
    }

    #[test]
    fn yaml_error_reports_the_line_in_the_file() {
        let err = parse("---\ntitle: Hello\ndate: 2026-02-30\n---\n").unwrap_err();
        assert_eq!(err.location.line, 3);
        assert!(err.message.contains("`2026-02-30` is not a date"), "{}", err.message);
    }

    #[test]
    fn unknown_keys_go_to_extra_and_typos_warn() {
        let mut warnings = Vec::new();
        let p =
            parse_page("---\ntitle: x\nhero_color: red\ntagz: [a]\n---\n", Path::new("a.md"), &mut warnings).unwrap();
        assert_eq!(p.extra["hero_color"], "red");
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].to_string(), "a.md:4:1: unknown front-matter key `tagz`\n  help: did you mean `tags`? (unknown keys are kept as page.extra.tagz)");
    }

    #[test]
    fn values_yaml_reads_as_numbers_are_still_read_as_the_text_says() {
        // Read from the parsed mapping, `2026` is a number a title cannot take: the text is read again.
        let p = parse("---\ntitle: 2026\nweight: 3\ntags: [x]\n---\n").unwrap();
        assert_eq!(
            (p.front.title.as_deref(), p.front.weight, p.front.tags.as_slice()),
            (Some("2026"), 3, &["x".to_string()][..])
        );
        let err = parse("---\ntitle: a\nweight: heavy\n---\n").unwrap_err();
        assert_eq!(err.location.line, 3, "{err}");
    }

    #[test]
    fn a_page_read_into_its_own_buffer_is_the_page_read_from_text() {
        for text in [
            "---\ntitle: Hi\n---\n# Body\n",
            "\u{feff}---\ntitle: Hi\n---\nשלום\n",
            "\u{feff}# No front\n",
            "+++\ntitle = \"T\"\n+++\nx",
        ] {
            let path = Path::new("a.md");
            let borrowed = parse_page(text, path, &mut Vec::new()).unwrap();
            let owned = parse_page_owned(text.to_string(), path, &mut Vec::new()).unwrap();
            assert_eq!(
                (&owned.body, &owned.front_text, owned.body_line),
                (&borrowed.body, &borrowed.front_text, borrowed.body_line)
            );
            assert_eq!(owned.front.title, borrowed.front.title);
            assert!(!owned.body.starts_with('\u{feff}') && !owned.body.starts_with("---"), "{text:?}");
        }
    }

    #[test]
    fn no_front_matter_means_whole_body() {
        let p = parse("# Just text\n").unwrap();
        assert!(p.front.title.is_none());
        assert_eq!(p.body_line, 1);
    }
}
