//! The `cache:` block of site.yaml: how long `.folio-cache/` keeps resized images and social cards
//! that no build has used.

use super::check::parse_duration;
use super::feedback::nested_key_line;
use crate::diagnostics::{Diagnostic, Location};
use serde::Deserialize;
use std::path::Path;
use std::time::Duration;

/// Thirty days: long enough that switching branches or building drafts now and then keeps its
/// pictures, short enough that a year of renamed pictures does not pile up.
pub const DEFAULT_MAX_AGE: Duration = Duration::from_secs(30 * 24 * 3600);

/// The checked `cache:` settings.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CacheConfig {
    /// After a successful `folio build`, entries no build has used for longer are removed.
    pub max_age: Duration,
}

impl Default for CacheConfig {
    fn default() -> Self {
        CacheConfig { max_age: DEFAULT_MAX_AGE }
    }
}

/// `cache:` as written in site.yaml.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCache {
    max_age: Option<serde_yaml::Value>,
}

/// Checks `cache:`; `text` and `path` locate errors in site.yaml.
pub(super) fn check_cache(raw: RawCache, text: &str, path: &Path) -> Result<CacheConfig, Diagnostic> {
    let Some(value) = raw.max_age else { return Ok(CacheConfig::default()) };
    let written = match &value {
        serde_yaml::Value::String(s) => s.clone(),
        other => serde_yaml::to_string(other).unwrap_or_default().trim().to_string(),
    };
    match parse_duration(&written) {
        Some(max_age) => Ok(CacheConfig { max_age }),
        None => Err(Diagnostic::new(
            Location::new(path, nested_key_line(text, "cache", "max_age").unwrap_or(0), 0),
            format!("`cache.max_age` must be a duration such as 30d or 12h, found `{written}`"),
        )
        .with_help("write a number with a unit: s, m, h or d; 0s removes every unused entry after each build")),
    }
}

#[cfg(test)]
mod tests {
    use crate::config::parse_config;
    use std::path::Path;
    use std::time::Duration;

    fn parse(cache: &str) -> Result<Duration, String> {
        let text = format!("title: A\nbase_url: https://e.com\n{cache}");
        parse_config(&text, Path::new("/site"), Path::new("site.yaml"))
            .map(|c| c.cache.max_age)
            .map_err(|e| e.to_string())
    }

    #[test]
    fn max_age_defaults_to_thirty_days_and_takes_a_duration() {
        assert_eq!(parse(""), Ok(Duration::from_secs(30 * 24 * 3600)));
        assert_eq!(parse("cache:\n  max_age: 12h\n"), Ok(Duration::from_secs(12 * 3600)));
        assert_eq!(
            parse("cache:\n  max_age: forever\n"),
            Err("error: site.yaml:4: `cache.max_age` must be a duration such as 30d or 12h, found `forever`\n  \
                 help: write a number with a unit: s, m, h or d; 0s removes every unused entry after each build"
                .into())
        );
        assert!(parse("cache:\n  maxAge: 1d\n").unwrap_err().contains("max_age"));
    }
}
