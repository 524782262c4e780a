//! The `help_widget:` block of site.yaml: help inside the product. `contexts:` maps URL patterns of the
//! product to pages (by their path in content/, as `related:` names them), `allowed_origins:` lists
//! the product's origins that may load the widget's files (the host files send them CORS headers),
//! and `max_articles:` caps what the panel lists. With the block, every language gets a
//! `help/context.json` (see `publish::help_context`).

use super::url_pattern::UrlPattern;
use crate::diagnostics::{Diagnostic, Location};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// `help_widget:` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawHelpWidget {
    #[serde(default)]
    contexts: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    allowed_origins: Vec<String>,
    max_articles: Option<usize>,
}

/// Pages site.yaml maps to one URL pattern.
#[derive(Debug, Clone, Hash)]
pub struct ContextRule {
    pub pattern: UrlPattern,
    /// Paths inside content/ (`kb/billing/invoices.md`), each with its line in site.yaml.
    pub pages: Vec<(String, usize)>,
}

/// The checked `help_widget:` block.
#[derive(Debug, Clone, Hash)]
pub struct HelpWidgetConfig {
    pub contexts: Vec<ContextRule>,
    /// Origins such as `https://app.example.com` (scheme, host and port only), or `*` alone for any.
    pub allowed_origins: Vec<String>,
    /// The most articles the panel lists for one screen.
    pub max_articles: usize,
}

/// Articles the panel lists for one screen, unless `max_articles:` says otherwise.
pub const DEFAULT_MAX_ARTICLES: usize = 8;

/// Checks `help_widget:`; problems go to `errors`, each naming its line of site.yaml.
pub fn check_help_widget(
    raw: RawHelpWidget,
    (text, path): (&str, &Path),
    errors: &mut Vec<Diagnostic>,
) -> HelpWidgetConfig {
    let block = crate::yaml::key_line(text, "help_widget").unwrap_or(0);
    let at = |needle: &str| Location::new(path, line_in_block(text, block, needle).unwrap_or(block), 0);
    let mut contexts = Vec::new();
    for (pattern, pages) in raw.contexts {
        let keyed = [format!("{pattern}:"), format!("\"{pattern}\""), format!("'{pattern}'")];
        let pattern_line = keyed.iter().find_map(|k| line_in_block(text, block, k)).unwrap_or(block);
        match UrlPattern::parse(&pattern) {
            Ok(pattern) => {
                let pages = pages
                    .into_iter()
                    .map(|page| {
                        let line = line_after(text, pattern_line, &page).unwrap_or(pattern_line);
                        (page.trim().trim_start_matches('/').to_string(), line)
                    })
                    .collect();
                contexts.push(ContextRule { pattern, pages });
            }
            Err(why) => errors.push(
                Diagnostic::new(Location::new(path, pattern_line, 0), format!("`help_widget.contexts`: {why}"))
                    .with_help("map paths of the product to pages, e.g. \"/billing/*\": [kb/billing/invoices.md]"),
            ),
        }
    }
    let mut allowed_origins = Vec::new();
    for origin in raw.allowed_origins {
        match normal_origin(&origin) {
            Some(origin) => allowed_origins.push(origin),
            None => errors.push(
                Diagnostic::new(
                    at(origin.trim()),
                    format!("`help_widget.allowed_origins`: `{}` is not an origin", origin.trim()),
                )
                .with_help(
                    "write the scheme, host and port of the product only, e.g. https://app.example.com, or `*` for any",
                ),
            ),
        }
    }
    if allowed_origins.len() > 1 && allowed_origins.iter().any(|o| o == "*") {
        errors.push(
            Diagnostic::new(
                at("allowed_origins"),
                "`help_widget.allowed_origins`: `*` allows every origin, so it stands alone",
            )
            .with_help("keep `*`, or list the product's origins without it"),
        );
    }
    let max_articles = raw.max_articles.unwrap_or(DEFAULT_MAX_ARTICLES);
    if max_articles == 0 {
        errors.push(
            Diagnostic::new(at("max_articles"), "`help_widget.max_articles` must be at least 1")
                .with_help("it is how many articles the panel lists for one screen, e.g. max_articles: 8"),
        );
    }
    allowed_origins.sort();
    allowed_origins.dedup();
    HelpWidgetConfig { contexts, allowed_origins, max_articles }
}

/// `HTTPS://App.example.com/` → `https://app.example.com`; `None` for anything with a path, a query
/// or credentials, or not http(s).
fn normal_origin(raw: &str) -> Option<String> {
    let raw = raw.trim();
    if raw == "*" {
        return Some(raw.to_string());
    }
    let (scheme, rest) = raw.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    let authority = rest.strip_suffix('/').unwrap_or(rest);
    let plain = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']');
    let fine = matches!(scheme.as_str(), "http" | "https") && !authority.is_empty() && authority.chars().all(plain);
    fine.then(|| format!("{scheme}://{}", authority.to_ascii_lowercase()))
}

/// The first line at or after `help_widget:` (line `block`) and inside it that holds `needle`.
fn line_in_block(text: &str, block: usize, needle: &str) -> Option<usize> {
    if block == 0 {
        return None;
    }
    let lines: Vec<&str> = text.lines().collect();
    if lines[block - 1].contains(needle) {
        return Some(block);
    }
    for (i, line) in lines.iter().enumerate().skip(block) {
        let inside = line.starts_with([' ', '\t']) || line.trim().is_empty() || line.trim_start().starts_with('#');
        if !inside {
            return None;
        }
        if line.contains(needle) {
            return Some(i + 1);
        }
    }
    None
}

/// The first line from `start` on that holds `needle` (a page listed under its pattern).
fn line_after(text: &str, start: usize, needle: &str) -> Option<usize> {
    let needle = needle.trim();
    text.lines().enumerate().skip(start.saturating_sub(1)).find(|(_, l)| l.contains(needle)).map(|(i, _)| i + 1)
}

#[cfg(test)]
mod tests {
    use crate::config::parse_config;
    use std::path::Path;

    fn parse(block: &str) -> Result<super::HelpWidgetConfig, String> {
        let text = format!("title: A\nbase_url: https://e.com\n{block}");
        let config = parse_config(&text, Path::new("/site"), Path::new("site.yaml")).map_err(|e| e.to_string())?;
        Ok(config.help_widget.expect("the block was given"))
    }

    #[test]
    fn contexts_and_origins_are_read_with_their_lines() {
        let widget = parse(
            "help_widget:\n  contexts:\n    \"/billing/*\":\n      - kb/invoices.md\n      - /kb/refunds.md\n\
             \x20   /settings/team/: [kb/team.md]\n  allowed_origins: [HTTPS://App.Example.com/, http://localhost:3000]\n",
        )
        .unwrap();
        let rules: Vec<(&str, Vec<(&str, usize)>)> = widget
            .contexts
            .iter()
            .map(|r| (r.pattern.text.as_str(), r.pages.iter().map(|(p, l)| (p.as_str(), *l)).collect()))
            .collect();
        assert_eq!(
            rules,
            [
                ("/billing/*", vec![("kb/invoices.md", 6), ("kb/refunds.md", 7)]),
                ("/settings/team", vec![("kb/team.md", 8)])
            ]
        );
        assert_eq!(widget.allowed_origins, ["http://localhost:3000", "https://app.example.com"]);
        assert_eq!(widget.max_articles, super::DEFAULT_MAX_ARTICLES);
    }

    #[test]
    fn bad_patterns_origins_and_keys_are_errors_naming_the_line() {
        let error = parse(
            "help_widget:\n  contexts:\n    billing/*: [kb/a.md]\n  allowed_origins:\n    - https://app.example.com/home\n",
        )
        .unwrap_err();
        assert!(error.contains("site.yaml:5: `help_widget.contexts`: `billing/*` is not a URL pattern"), "{error}");
        assert!(
            error.contains(
                "site.yaml:7: `help_widget.allowed_origins`: `https://app.example.com/home` is not an origin"
            ),
            "{error}"
        );
        let unknown = parse("help_widget:\n  context: {}\n").unwrap_err();
        assert!(unknown.contains("site.yaml:4"), "{unknown}");
        assert!(unknown.contains("unknown key `context` in `help_widget`"), "{unknown}");
        assert!(unknown.contains("did you mean `contexts`?"), "{unknown}");
        let star = parse("help_widget:\n  allowed_origins: [\"*\", https://a.example]\n").unwrap_err();
        assert!(star.contains("site.yaml:4: `help_widget.allowed_origins`: `*` allows every origin"), "{star}");
    }
}
