//! `feedback.next_step:`, "Still need help?" after a "No": a contact page or ticket form (`link:`,
//! with `{url}`, `{title}`, `{reason}` and `{lang}` filled in), an e-mail address (`email:`), or a
//! chat launcher (`chat:`, the name of a JavaScript function the widget calls), checked here.

use crate::diagnostics::{Diagnostic, Location};
use serde::Deserialize;
use std::path::Path;

/// The placeholders a `link:` may hold, filled with the page's address, its title, the reader's
/// reason and the page's language (each percent-encoded).
pub const PLACEHOLDERS: &[&str] = &["url", "title", "reason", "lang"];

/// `feedback.next_step` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawNextStep {
    link: Option<String>,
    email: Option<String>,
    chat: Option<String>,
}

/// Where a reader who answered "No" can turn next.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
pub struct NextStep {
    /// `link`, `email` or `chat`: which label the widget shows.
    pub kind: &'static str,
    /// The address with its placeholders still in it: the `link:` (a path on the site or an
    /// http(s) URL), or a `mailto:` made from `email:` that carries the page and the reason.
    /// `None` for a chat launcher alone, which needs JavaScript.
    pub href: Option<String>,
    /// The global JavaScript function that opens the chat (`openSupportChat`).
    pub chat: Option<String>,
}

/// Checks `feedback.next_step`; problems go to `errors`, naming the line of the key at fault.
pub fn check_next_step(
    raw: RawNextStep,
    (text, path): (&str, &Path),
    errors: &mut Vec<Diagnostic>,
) -> Option<NextStep> {
    let at = |key: &str| Location::new(path, next_step_line(text, key).unwrap_or(0), 0);
    let before = errors.len();
    let link = raw.link.map(|l| l.trim().to_string());
    let email = raw.email.map(|e| e.trim().to_string());
    let chat = raw.chat.map(|c| c.trim().to_string());
    if link.is_some() && email.is_some() {
        errors.push(
            Diagnostic::new(at("email"), "`feedback.next_step` has both `link` and `email`")
                .with_help("keep one: a contact page or ticket form as link:, or an address as email:"),
        );
    }
    if link.is_none() && email.is_none() && chat.is_none() {
        errors.push(
            Diagnostic::new(at("next_step"), "`feedback.next_step` needs `link`, `email` or `chat`")
                .with_help("e.g. link: /contact/?page={url}&reason={reason}, or email: support@example.com"),
        );
    }
    if let Some(link) = &link {
        check_link(link, &at("link"), errors);
    }
    if let Some(address) = email.as_deref().filter(|a| !super::feedback::is_email(a)) {
        errors.push(
            Diagnostic::new(
                at("email"),
                format!("`feedback.next_step.email` must be an e-mail address, found `{address}`"),
            )
            .with_help("write one address, e.g. email: support@example.com"),
        );
    }
    if let Some(name) = chat.as_deref().filter(|n| !is_js_name(n)) {
        errors.push(
            Diagnostic::new(
                at("chat"),
                format!("`feedback.next_step.chat` must name a JavaScript function, found `{name}`"),
            )
            .with_help(
                "the global function that opens your chat, e.g. chat: openSupportChat (letters, digits, _ and $)",
            ),
        );
    }
    if errors.len() > before {
        return None;
    }
    let (kind, href) = match (link, email) {
        (Some(link), _) => ("link", Some(link)),
        (None, Some(address)) => ("email", Some(mailto_template(&address))),
        (None, None) => ("chat", None),
    };
    Some(NextStep { kind, href, chat })
}

/// A `mailto:` whose subject names the page and whose body carries its address and the reason.
fn mailto_template(address: &str) -> String {
    let enc = crate::url::percent_encode;
    format!(
        "mailto:{address}?subject={}{{title}}&body={}{{url}}{}{{reason}}",
        enc("Help with: "),
        enc("Page: "),
        enc("\nReason: ")
    )
}

fn check_link(link: &str, at: &Location, errors: &mut Vec<Diagnostic>) {
    let site_path = link.starts_with('/') && !link.starts_with("//");
    let web = link.starts_with("https://") || link.starts_with("http://");
    if !(site_path || web) || link.chars().any(|c| c.is_whitespace() || matches!(c, '"' | '<' | '>')) {
        errors.push(
            Diagnostic::new(
                at.clone(),
                format!("`feedback.next_step.link` must be a path on this site or an http(s) URL, found `{link}`"),
            )
            .with_help("e.g. link: /contact/ or link: https://support.example.com/new?page={url}&reason={reason}"),
        );
        return;
    }
    let mut rest = link;
    while let Some(open) = rest.find('{') {
        let name_end = rest[open..].find('}').map(|e| open + e);
        let name = name_end.map(|e| &rest[open + 1..e]);
        if !name.is_some_and(|n| PLACEHOLDERS.contains(&n)) {
            let found = name.map_or_else(|| rest[open..].to_string(), |n| format!("{{{n}}}"));
            errors.push(
                Diagnostic::new(at.clone(), format!("`feedback.next_step.link` has an unknown placeholder `{found}`"))
                    .with_help("the placeholders are {url}, {title}, {reason} and {lang}"),
            );
            return;
        }
        rest = &rest[name_end.map_or(rest.len(), |e| e + 1)..];
    }
}

fn is_js_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
}

/// The line of `key:` inside `feedback.next_step` (or of `next_step:` itself for that key).
fn next_step_line(text: &str, key: &str) -> Option<usize> {
    let start = super::feedback::nested_key_line(text, "feedback", "next_step")?;
    if key == "next_step" {
        return Some(start);
    }
    let lines: Vec<&str> = text.lines().collect();
    let indent = |line: &str| line.len() - line.trim_start().len();
    let own = indent(lines[start - 1]);
    if lines[start - 1].contains(&format!("{key}:")) {
        return Some(start); // flow style: next_step: { link: … }
    }
    for (i, line) in lines.iter().enumerate().skip(start) {
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        if indent(line) <= own {
            break;
        }
        if line.trim_start().strip_prefix(key).is_some_and(|r| r.trim_start().starts_with(':')) {
            return Some(i + 1);
        }
    }
    Some(start)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(yaml: &str, raw: RawNextStep) -> Result<NextStep, Vec<String>> {
        let mut errors = Vec::new();
        let step = check_next_step(raw, (yaml, Path::new("site.yaml")), &mut errors);
        step.ok_or_else(|| errors.iter().map(|e| e.to_string()).collect())
    }

    const YAML: &str = "title: x\nfeedback:\n  transport: endpoint\n  next_step:\n    link: /contact/{page}\n";

    #[test]
    fn unknown_placeholders_are_named_at_their_line() {
        let raw = RawNextStep { link: Some("/contact/{page}".into()), ..Default::default() };
        let errors = check(YAML, raw).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert!(errors[0].starts_with("site.yaml:5:"), "{}", errors[0]);
        assert!(errors[0].contains("unknown placeholder `{page}`"), "{}", errors[0]);
    }

    #[test]
    fn an_email_becomes_a_mailto_carrying_the_page_and_reason() {
        let raw =
            RawNextStep { email: Some("help@example.com".into()), chat: Some("openChat".into()), ..Default::default() };
        let step = check(YAML, raw).unwrap();
        assert_eq!(step.kind, "email");
        assert_eq!(
            step.href.as_deref(),
            Some(
                "mailto:help@example.com?subject=Help%20with%3A%20{title}&body=Page%3A%20{url}%0AReason%3A%20{reason}"
            )
        );
        assert_eq!(step.chat.as_deref(), Some("openChat"));
    }

    #[test]
    fn links_and_chat_names_are_checked() {
        let bad = RawNextStep { link: Some("contact".into()), chat: Some("open chat()".into()), ..Default::default() };
        let errors = check(YAML, bad).unwrap_err();
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(check(YAML, RawNextStep::default()).unwrap_err()[0].contains("needs `link`, `email` or `chat`"));
        let chat = RawNextStep { chat: Some("Intercom_open".into()), ..Default::default() };
        assert_eq!(
            check(YAML, chat).unwrap(),
            NextStep { kind: "chat", href: None, chat: Some("Intercom_open".into()) }
        );
    }
}
