//! The `feedback:` and `comments:` blocks of site.yaml: their raw serde shape and the checks that
//! turn them into settings a template can trust (a widget is never shown without a way to send).

use crate::diagnostics::{Diagnostic, Location};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// How a reader's feedback leaves the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Transport {
    /// POST to a URL (a form service, a webhook, your own function).
    Endpoint,
    /// Open the reader's mail program with a prefilled message.
    Mailto,
    /// Open a prefilled issue on a GitHub repository.
    Github,
}

/// How the script posts to an endpoint; forms without JavaScript always post form-encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PostFormat {
    #[default]
    Json,
    Form,
}

/// `feedback:` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFeedback {
    transport: Option<Transport>,
    endpoint: Option<String>,
    format: Option<PostFormat>,
    email: Option<String>,
    repo: Option<String>,
    #[serde(default)]
    labels: Vec<String>,
    redirect_field: Option<String>,
    #[serde(default)]
    sections: BTreeMap<String, bool>,
    data: Option<String>,
    min_votes: Option<u32>,
    local_file: Option<String>,
    next_step: Option<super::next_step::RawNextStep>,
}

/// Validated feedback settings. `transport` is `None` when site.yaml names none: no widget is shown.
#[derive(Debug, Clone, Default, Hash, serde::Serialize)]
pub struct FeedbackConfig {
    pub transport: Option<Transport>,
    pub endpoint: Option<String>,
    pub format: PostFormat,
    /// The mailto address, or the endpoint's fallback when it cannot be reached.
    pub email: Option<String>,
    /// `owner/name` for the github transport.
    pub repo: Option<String>,
    pub labels: Vec<String>,
    /// The form field that tells an endpoint where to send a reader without JavaScript afterwards.
    pub redirect_field: String,
    /// Top-level folder → shown or not, over the defaults by page kind.
    pub sections: BTreeMap<String, bool>,
    /// Exported feedback shown on pages ("N% found this helpful"), absolute.
    #[serde(skip)]
    pub data: Option<PathBuf>,
    pub min_votes: u32,
    /// Where `folio serve` appends what its local endpoint receives, absolute.
    #[serde(skip)]
    pub local_file: PathBuf,
    /// "Still need help?" after a "No" (`next_step:`).
    pub next_step: Option<super::next_step::NextStep>,
}

/// Which comment service a site uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Provider {
    Giscus,
    Utterances,
    Disqus,
    Isso,
    Remark42,
    Cusdis,
    Custom,
}

/// When the provider's code is fetched: only on the reader's click (the default), or when the
/// comments scroll into view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LoadOn {
    #[default]
    Click,
    Scroll,
}

/// `comments:` as written; provider settings are flat keys, checked per provider.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawComments {
    provider: Option<Provider>,
    load: Option<LoadOn>,
    #[serde(default)]
    sections: BTreeMap<String, bool>,
    repo: Option<String>,
    repo_id: Option<String>,
    category: Option<String>,
    category_id: Option<String>,
    mapping: Option<String>,
    issue_term: Option<String>,
    label: Option<String>,
    shortname: Option<String>,
    url: Option<String>,
    site_id: Option<String>,
    app_id: Option<String>,
}

/// Validated comment settings; every key the provider needs is present.
#[derive(Debug, Clone, Hash, serde::Serialize)]
pub struct CommentsConfig {
    pub provider: Provider,
    pub load: LoadOn,
    pub sections: BTreeMap<String, bool>,
    pub repo: Option<String>,
    pub repo_id: Option<String>,
    pub category: Option<String>,
    pub category_id: Option<String>,
    /// giscus `mapping`, utterances `issue-term`: how a page finds its thread.
    pub mapping: String,
    pub label: Option<String>,
    pub shortname: Option<String>,
    /// The Isso, Remark42 or Cusdis server, without a trailing slash.
    pub url: Option<String>,
    pub site_id: Option<String>,
    pub app_id: Option<String>,
}

/// Where nested keys are, for messages: the line of `child:` under `parent:`.
struct Lines<'a> {
    text: &'a str,
    path: &'a Path,
}

impl Lines<'_> {
    fn at(&self, parent: &str, child: &str) -> Location {
        let line =
            nested_key_line(self.text, parent, child).or_else(|| crate::yaml::key_line(self.text, parent)).unwrap_or(0);
        Location::new(self.path, line, 0)
    }
}

/// The 1-based line of `child:` inside the top-level `parent:` block (block or flow style).
pub fn nested_key_line(text: &str, parent: &str, child: &str) -> Option<usize> {
    let start = crate::yaml::key_line(text, parent)?;
    let lines: Vec<&str> = text.lines().collect();
    let header = lines[start - 1];
    if header.contains(&format!("{child}:")) {
        return Some(start);
    }
    for (i, line) in lines.iter().enumerate().skip(start) {
        if !line.starts_with([' ', '\t']) && !line.trim().is_empty() && !line.trim_start().starts_with('#') {
            return None;
        }
        let trimmed = line.trim_start().trim_start_matches("- ");
        if trimmed.strip_prefix(child).is_some_and(|r| r.trim_start().starts_with(':')) {
            return Some(i + 1);
        }
    }
    None
}

/// Checks `feedback:`; problems go to `errors`.
pub fn check_feedback(
    raw: RawFeedback,
    root: &Path,
    (text, path): (&str, &Path),
    errors: &mut Vec<Diagnostic>,
) -> FeedbackConfig {
    let lines = Lines { text, path };
    let mut error = |key: &str, message: String, help: &str| {
        errors.push(Diagnostic::new(lines.at("feedback", key), message).with_help(help));
    };
    let endpoint = raw.endpoint.map(|e| e.trim().to_string());
    if let Some(url) = &endpoint {
        if !is_endpoint_url(url) {
            error(
                "endpoint",
                format!("`feedback.endpoint` must be an http(s) URL or a path on this site, found `{url}`"),
                "write the address that accepts the POST, e.g. endpoint: https://forms.example.com/f/abc123",
            );
        }
    }
    let email = raw.email.map(|e| e.trim().to_string());
    if let Some(address) = &email {
        if !is_email(address) {
            error(
                "email",
                format!("`feedback.email` must be an e-mail address, found `{address}`"),
                "write one address, e.g. email: docs@example.com",
            );
        }
    }
    let repo = raw.repo.map(|r| r.trim().to_string());
    if let Some(name) = &repo {
        if !is_repo(name) {
            error(
                "repo",
                format!("`feedback.repo` must be a GitHub repository as owner/name, found `{name}`"),
                "e.g. repo: acme/help-center",
            );
        }
    }
    match raw.transport {
        Some(Transport::Endpoint) if endpoint.is_none() => error(
            "transport",
            "`feedback.transport: endpoint` needs `feedback.endpoint`".into(),
            "add endpoint: https://… (the URL that receives the POST)",
        ),
        Some(Transport::Mailto) if email.is_none() => error(
            "transport",
            "`feedback.transport: mailto` needs `feedback.email`".into(),
            "add email: the address that should receive feedback",
        ),
        Some(Transport::Github) if repo.is_none() => error(
            "transport",
            "`feedback.transport: github` needs `feedback.repo`".into(),
            "add repo: owner/name of the repository that receives the issues",
        ),
        _ => {}
    }
    let redirect_field = raw.redirect_field.unwrap_or_else(|| "redirect".into());
    let next_step = raw.next_step.and_then(|n| super::next_step::check_next_step(n, (text, path), errors));
    FeedbackConfig {
        transport: raw.transport,
        endpoint,
        format: raw.format.unwrap_or_default(),
        email,
        repo,
        labels: raw.labels,
        redirect_field,
        sections: raw.sections,
        data: raw.data.map(|d| root.join(d.trim())),
        min_votes: raw.min_votes.unwrap_or(10),
        local_file: root.join(raw.local_file.as_deref().unwrap_or(".folio/feedback.jsonl").trim()),
        next_step,
    }
}

/// Checks `comments:`; `None` (with errors) when the provider or its keys are missing.
pub fn check_comments(
    raw: RawComments,
    root: &Path,
    (text, path): (&str, &Path),
    errors: &mut Vec<Diagnostic>,
) -> Option<CommentsConfig> {
    let lines = Lines { text, path };
    let Some(provider) = raw.provider else {
        errors.push(
            Diagnostic::new(lines.at("comments", "provider"), "`comments` needs a `provider`")
                .with_help("one of giscus, utterances, disqus, isso, remark42, cusdis, custom; or remove `comments:`"),
        );
        return None;
    };
    let (name, needed): (&str, &[(&str, &Option<String>)]) = match provider {
        Provider::Giscus => (
            "giscus",
            &[
                ("repo", &raw.repo),
                ("repo_id", &raw.repo_id),
                ("category", &raw.category),
                ("category_id", &raw.category_id),
            ],
        ),
        Provider::Utterances => ("utterances", &[("repo", &raw.repo)]),
        Provider::Disqus => ("disqus", &[("shortname", &raw.shortname)]),
        Provider::Isso => ("isso", &[("url", &raw.url)]),
        Provider::Remark42 => ("remark42", &[("url", &raw.url), ("site_id", &raw.site_id)]),
        Provider::Cusdis => ("cusdis", &[("app_id", &raw.app_id)]),
        Provider::Custom => ("custom", &[]),
    };
    let before = errors.len();
    for (key, value) in needed {
        if value.as_deref().is_none_or(|v| v.trim().is_empty()) {
            errors.push(
                Diagnostic::new(
                    lines.at("comments", "provider"),
                    format!("`comments.provider: {name}` needs `comments.{key}`"),
                )
                .with_help(format!("add {key}: … under comments: (see the provider's own setup page for the value)")),
            );
        }
    }
    if let Some(repo) = raw.repo.as_deref().filter(|r| !is_repo(r)) {
        errors.push(
            Diagnostic::new(
                lines.at("comments", "repo"),
                format!("`comments.repo` must be owner/name, found `{repo}`"),
            )
            .with_help("e.g. repo: acme/help-center"),
        );
    }
    if let Some(url) = raw.url.as_deref().filter(|u| !is_absolute_http(u)) {
        errors.push(
            Diagnostic::new(
                lines.at("comments", "url"),
                format!("`comments.url` must be an http(s) URL, found `{url}`"),
            )
            .with_help("the address of your comment server, e.g. url: https://comments.example.com"),
        );
    }
    let custom = root.join("templates/partials/comments-custom.html");
    if provider == Provider::Custom && !custom.is_file() {
        errors.push(
            Diagnostic::new(
                lines.at("comments", "provider"),
                "`comments.provider: custom` needs the template templates/partials/comments-custom.html",
            )
            .with_help("create it with your provider's embed code; its <script src> tags load on the reader's click"),
        );
    }
    if errors.len() > before {
        return None;
    }
    Some(CommentsConfig {
        provider,
        load: raw.load.unwrap_or_default(),
        sections: raw.sections,
        repo: raw.repo,
        repo_id: raw.repo_id,
        category: raw.category,
        category_id: raw.category_id,
        mapping: raw.mapping.or(raw.issue_term).unwrap_or_else(|| "pathname".into()),
        label: raw.label,
        shortname: raw.shortname,
        url: raw.url.map(|u| u.trim().trim_end_matches('/').to_string()),
        site_id: raw.site_id,
        app_id: raw.app_id,
    })
}

fn is_absolute_http(url: &str) -> bool {
    match url.split_once("://") {
        Some((scheme, rest)) => {
            (scheme == "http" || scheme == "https")
                && rest.split(['/', '?', '#']).next().is_some_and(|host| !host.is_empty())
                && !url.chars().any(|c| c.is_whitespace() || c == '"' || c == '<' || c == '>')
        }
        None => false,
    }
}

/// An absolute http(s) URL, or a path on the site itself (`/api/feedback`).
fn is_endpoint_url(url: &str) -> bool {
    is_absolute_http(url) || (url.starts_with('/') && !url.starts_with("//") && !url.contains(char::is_whitespace))
}

pub(super) fn is_email(address: &str) -> bool {
    let Some((local, domain)) = address.split_once('@') else { return false };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !address.chars().any(|c| c.is_whitespace() || matches!(c, '<' | '>' | '"' | ',' | ';' | '?' | '&'))
}

fn is_repo(name: &str) -> bool {
    let ok = |part: &str| {
        !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
    };
    matches!(name.split_once('/'), Some((owner, repo)) if ok(owner) && ok(repo))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_keys_are_found_in_block_and_flow_style() {
        let text = "title: x\nfeedback:\n  # where it goes\n  transport: mailto\n  email: a@b.co\ncomments: { provider: isso }\n";
        assert_eq!(nested_key_line(text, "feedback", "email"), Some(5));
        assert_eq!(nested_key_line(text, "comments", "provider"), Some(6));
        assert_eq!(nested_key_line(text, "feedback", "provider"), None);
    }

    #[test]
    fn addresses_are_checked() {
        assert!(is_endpoint_url("https://forms.example.com/f/abc") && is_endpoint_url("/api/feedback"));
        assert!(
            !is_endpoint_url("forms.example.com")
                && !is_endpoint_url("//evil.example")
                && !is_endpoint_url("ftp://x/y")
        );
        assert!(is_email("docs@example.com") && !is_email("docs@example") && !is_email("a b@example.com"));
        assert!(is_repo("acme/help-center") && !is_repo("acme") && !is_repo("acme/help/x"));
    }
}
