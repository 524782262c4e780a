//! The `check:` block of site.yaml: how `folio check` treats external links — which to skip, which
//! problems fail the run, and how patiently and politely hosts are asked.

use super::feedback::nested_key_line;
use crate::diagnostics::{closest, Diagnostic, Location};
use serde::Deserialize;
use std::path::Path;
use std::time::Duration;

/// What can be wrong with an external link. Internal link and anchor problems are build errors and
/// always fatal, so they are not listed here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkProblem {
    /// The server answered 4xx (other than 429): the page is gone or never was.
    Broken,
    /// A permanent redirect (301, 308): the link works but should name the new address.
    Redirect,
    /// No answer within the timeout, retries included.
    Timeout,
    /// No connection: unknown host, refused, TLS failure, too many redirects.
    Unreachable,
    /// 5xx, retries included.
    Server,
    /// 429 Too Many Requests, retries included.
    RateLimited,
    /// The page exists but has no element with the link's `#fragment` (only with `anchors: true`).
    Anchor,
}

/// Every kind by the name site.yaml and `--fatal` use for it.
pub const LINK_PROBLEMS: &[(&str, LinkProblem)] = &[
    ("broken", LinkProblem::Broken),
    ("redirect", LinkProblem::Redirect),
    ("timeout", LinkProblem::Timeout),
    ("unreachable", LinkProblem::Unreachable),
    ("server", LinkProblem::Server),
    ("rate_limited", LinkProblem::RateLimited),
    ("anchor", LinkProblem::Anchor),
];

impl LinkProblem {
    pub fn name(self) -> &'static str {
        LINK_PROBLEMS.iter().find(|(_, k)| *k == self).map_or("", |(name, _)| name)
    }

    /// The kind called `name`, or an error message listing the names.
    pub fn parse(name: &str) -> Result<LinkProblem, String> {
        let name = name.trim().replace('-', "_").to_ascii_lowercase();
        if let Some((_, kind)) = LINK_PROBLEMS.iter().find(|(n, _)| *n == name) {
            return Ok(*kind);
        }
        let names: Vec<&str> = LINK_PROBLEMS.iter().map(|(n, _)| *n).collect();
        Err(match closest(&name, names.iter().copied()) {
            Some(best) => format!("unknown problem kind `{name}`; did you mean `{best}`?"),
            None => format!("unknown problem kind `{name}`; known kinds: {}", names.join(", ")),
        })
    }
}

/// `check:` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCheck {
    #[serde(default)]
    skip: Vec<String>,
    fatal: Option<Vec<String>>,
    timeout: Option<serde_yaml::Value>,
    max_age: Option<serde_yaml::Value>,
    concurrency: Option<usize>,
    per_host: Option<usize>,
    retries: Option<u32>,
    anchors: Option<bool>,
}

/// How `folio check` checks external links; every field has a default, and CLI flags override them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckConfig {
    /// URL patterns never requested: `*` matches anything; a pattern without `*` or `://` is a host
    /// name, matching that host and its subdomains.
    pub skip: Vec<String>,
    /// The kinds of external problem that make the run fail.
    pub fatal: Vec<LinkProblem>,
    /// How long one request may take.
    pub timeout: Duration,
    /// How long a good result is trusted before the link is asked again; failures are always rechecked.
    pub max_age: Duration,
    /// Requests in flight at once, over all hosts.
    pub concurrency: usize,
    /// Requests in flight at once to one host.
    pub per_host: usize,
    /// Further attempts after a timeout, 429 or 5xx.
    pub retries: u32,
    /// Fetch pages linked with `#fragment` and check the fragment names an element.
    pub anchors: bool,
}

impl Default for CheckConfig {
    fn default() -> Self {
        CheckConfig {
            skip: Vec::new(),
            fatal: vec![LinkProblem::Broken],
            timeout: Duration::from_secs(10),
            max_age: Duration::from_secs(7 * 24 * 3600),
            concurrency: 8,
            per_host: 2,
            retries: 2,
            anchors: false,
        }
    }
}

/// Checks `check:`; errors name the line in site.yaml of the key at fault.
pub(super) fn check_check(raw: RawCheck, text: &str, path: &Path, errors: &mut Vec<Diagnostic>) -> CheckConfig {
    let at = |key: &str| {
        let line = nested_key_line(text, "check", key).or_else(|| crate::yaml::key_line(text, "check")).unwrap_or(0);
        Location::new(path, line, 0)
    };
    let mut config = CheckConfig::default();
    for pattern in raw.skip {
        if pattern.trim().is_empty() {
            errors.push(
                Diagnostic::new(at("skip"), "`check.skip` has an empty pattern")
                    .with_help("write a host (linkedin.com) or a URL with * (https://example.com/private/*)"),
            );
        } else {
            config.skip.push(pattern.trim().to_string());
        }
    }
    if let Some(fatal) = raw.fatal {
        config.fatal.clear();
        for name in fatal {
            match LinkProblem::parse(&name) {
                Ok(kind) => config.fatal.push(kind),
                Err(message) => errors.push(
                    Diagnostic::new(at("fatal"), format!("`check.fatal`: {message}"))
                        .with_help("internal link problems are always fatal; list only external kinds here"),
                ),
            }
        }
    }
    for (key, value, slot) in
        [("timeout", raw.timeout, &mut config.timeout), ("max_age", raw.max_age, &mut config.max_age)]
    {
        let Some(value) = value else { continue };
        let written = match &value {
            serde_yaml::Value::String(s) => s.clone(),
            other => serde_yaml::to_string(other).unwrap_or_default().trim().to_string(),
        };
        match parse_duration(&written) {
            Some(d) if !d.is_zero() || key == "max_age" => *slot = d,
            _ => errors.push(
                Diagnostic::new(
                    at(key),
                    format!("`check.{key}` must be a duration such as 10s or 7d, found `{written}`"),
                )
                .with_help("write a number with a unit: ms, s, m, h or d"),
            ),
        }
    }
    for (key, value, slot) in
        [("concurrency", raw.concurrency, &mut config.concurrency), ("per_host", raw.per_host, &mut config.per_host)]
    {
        match value {
            Some(0) => errors.push(
                Diagnostic::new(at(key), format!("`check.{key}` must be at least 1"))
                    .with_help("it is how many requests may be in flight at once"),
            ),
            Some(n) => *slot = n,
            None => {}
        }
    }
    config.retries = raw.retries.unwrap_or(config.retries);
    config.anchors = raw.anchors.unwrap_or(config.anchors);
    config
}

/// `500ms`, `10s`, `5m`, `12h`, `7d` → a duration; `None` for anything else.
pub fn parse_duration(text: &str) -> Option<Duration> {
    let text = text.trim();
    let digits = text.find(|c: char| !c.is_ascii_digit())?;
    let number: u64 = text[..digits].parse().ok()?;
    let seconds = match text[digits..].trim() {
        "ms" => return Some(Duration::from_millis(number)),
        "s" => 1,
        "m" => 60,
        "h" => 3600,
        "d" => 24 * 3600,
        _ => return None,
    };
    Some(Duration::from_secs(number.checked_mul(seconds)?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::parse_config;

    fn parse(check: &str) -> Result<CheckConfig, String> {
        let text = format!("title: A\nbase_url: https://e.com\n{check}");
        parse_config(&text, Path::new("/site"), Path::new("site.yaml")).map(|c| c.check).map_err(|e| e.to_string())
    }

    #[test]
    fn check_block_is_read_with_defaults() {
        assert_eq!(parse(""), Ok(CheckConfig::default()));
        let config = parse(
            "check:\n  skip: [linkedin.com]\n  fatal: [broken, timeout]\n  timeout: 3s\n  max_age: 2d\n  per_host: 1\n",
        )
        .unwrap();
        assert_eq!(config.skip, ["linkedin.com"]);
        assert_eq!(config.fatal, [LinkProblem::Broken, LinkProblem::Timeout]);
        assert_eq!(config.timeout, Duration::from_secs(3));
        assert_eq!(config.max_age, Duration::from_secs(2 * 86400));
        assert_eq!((config.per_host, config.concurrency), (1, 8));
    }

    #[test]
    fn bad_check_values_name_their_line() {
        assert_eq!(
            parse("check:\n  fatal: [brokn]\n").unwrap_err(),
            "error: site.yaml:4: `check.fatal`: unknown problem kind `brokn`; did you mean `broken`?\n  help: internal link problems are always fatal; list only external kinds here"
        );
        let timeout = parse("check:\n  skip: []\n  timeout: 10\n").unwrap_err();
        assert!(timeout.starts_with("error: site.yaml:5: `check.timeout` must be a duration"), "{timeout}");
        let zero = parse("check:\n  per_host: 0\n").unwrap_err();
        assert!(zero.starts_with("error: site.yaml:4: `check.per_host` must be at least 1"), "{zero}");
        let unknown = parse("check:\n  timeout: 1s\n  concurency: 3\n").unwrap_err();
        assert!(unknown.contains("site.yaml:5") && unknown.contains("concurency"), "{unknown}");
    }

    #[test]
    fn durations_need_a_unit() {
        assert_eq!(parse_duration("500ms"), Some(Duration::from_millis(500)));
        assert_eq!(parse_duration("7d"), Some(Duration::from_secs(604800)));
        assert_eq!(parse_duration("10"), None);
        assert_eq!(parse_duration("s"), None);
    }
}
