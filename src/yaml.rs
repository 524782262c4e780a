//! YAML parsing for site.yaml and front matter, with limits and errors that point into the user's file.
//!
//! serde_yaml counts lines from the start of the text it is given; front matter starts a line or more
//! into the file, so every position is shifted back to the file's own numbering here.

use crate::diagnostics::{closest, Diagnostic, Location};
use serde::de::DeserializeOwned;
use std::path::Path;

/// Front matter or config larger than this is refused: no honest page needs it, and it bounds the
/// work a hostile file can ask of the parser.
pub const MAX_YAML_BYTES: usize = 64 * 1024;

/// Parses `text` (which starts on line `first_line` of `file`) into `T`.
pub fn parse<T: DeserializeOwned>(text: &str, file: &Path, first_line: usize) -> Result<T, Diagnostic> {
    if text.len() > MAX_YAML_BYTES {
        return Err(Diagnostic::new(
            Location::new(file, first_line, 1),
            format!("YAML block is {} KiB; the limit is {} KiB", text.len() / 1024, MAX_YAML_BYTES / 1024),
        )
        .with_help("move long data into the page body or a static file"));
    }
    // An empty block is an empty mapping, not "null": `---\n---` is valid front matter.
    let text = if text.trim().is_empty() { "{}" } else { text };
    serde_yaml::from_str(text).map_err(|err| to_diagnostic(&err, file, first_line))
}

/// Turns a serde_yaml error into a diagnostic at the right line of the file, with advice.
fn to_diagnostic(err: &serde_yaml::Error, file: &Path, first_line: usize) -> Diagnostic {
    let (line, column) = match err.location() {
        Some(loc) => (loc.line() + first_line - 1, loc.column()),
        None => (first_line, 0),
    };
    let location = Location::new(file, line, column);
    let raw = strip_position(&err.to_string());
    if let Some(d) = unknown_key(&raw, &location) {
        return d;
    }
    let (field, message) = split_field(&raw);
    let message = explain(message);
    let text = match field {
        Some(field) => format!("`{field}`: {message}"),
        None => message,
    };
    let diagnostic = Diagnostic::new(location, text);
    match hint_for(&raw) {
        Some(help) => diagnostic.with_help(help),
        None => diagnostic,
    }
}

/// serde_yaml writes positions (" at line L column C") counted inside the YAML block, which would
/// contradict the file position reported beside the message; they are removed.
fn strip_position(message: &str) -> String {
    let mut out = message.to_string();
    while let Some(start) = out.find(" at line ") {
        let rest = &out[start + " at line ".len()..];
        let digits = |s: &str| s.chars().take_while(char::is_ascii_digit).count();
        let line_len = digits(rest);
        let after_line = &rest[line_len..];
        let end = match after_line.strip_prefix(" column ") {
            Some(col) => start + " at line ".len() + line_len + " column ".len() + digits(col),
            None => start + " at line ".len() + line_len,
        };
        out.replace_range(start..end, "");
    }
    out
}

/// serde_yaml prefixes errors inside a field with its path: "tags: invalid type: ...".
fn split_field(message: &str) -> (Option<&str>, &str) {
    if let Some((head, rest)) = message.split_once(": ") {
        let is_path =
            !head.is_empty() && head.chars().all(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '[' | ']' | '-'));
        if is_path && !head.contains(' ') && head != "invalid type" && head != "invalid value" {
            return (Some(head), rest);
        }
    }
    (None, message)
}

/// Rewords serde's terse phrases into what a writer can act on.
fn explain(message: &str) -> String {
    message
        .replace("invalid type: string", "expected a different type, found the text")
        .replace("invalid type: sequence", "expected a different type, found a list")
        .replace("invalid type: map", "expected a different type, found a mapping")
        .replace(", expected a sequence", "; expected a list")
        .replace(", expected a string", "; expected text")
        .replace(", expected a boolean", "; expected true or false")
        .replace(", expected i64", "; expected a whole number")
        .replace(", expected u32", "; expected a whole number")
        .replace(", expected struct FrontMatter", "; front matter is a set of `key: value` lines")
        .replace(", expected struct RawConfig", "; site.yaml is a set of `key: value` lines")
}

fn hint_for(message: &str) -> Option<String> {
    if message.contains("expected a sequence") {
        Some("write a list, e.g. `tags: [billing, invoices]`".into())
    } else if message.contains("repetition limit") || message.contains("recursion limit") {
        Some("YAML aliases that expand this much are refused; write the values out".into())
    } else if message.contains("while scanning a quoted scalar") {
        Some("a quoted value is missing its closing quote".into())
    } else if message.contains("did not find expected key") || message.contains("mapping values are not allowed") {
        Some("check indentation, and quote values that contain `: ` (e.g. title: \"Billing: FAQ\")".into())
    } else {
        None
    }
}

/// "unknown field `titel`, expected one of `title`, `description`" becomes a did-you-mean.
fn unknown_key(message: &str, location: &Location) -> Option<Diagnostic> {
    let start = message.find("unknown field `")?;
    let (field, _) = split_field(message);
    let rest = &message[start + "unknown field `".len()..];
    let key = &rest[..rest.find('`')?];
    let expected: Vec<&str> = rest[key.len() + 1..].split('`').skip(1).step_by(2).collect();
    let within = field.map(|f| format!(" in `{f}`")).unwrap_or_default();
    let diagnostic = Diagnostic::new(location.clone(), format!("unknown key `{key}`{within}"));
    Some(match closest(key, expected.iter().copied()) {
        Some(best) => diagnostic.with_help(format!("did you mean `{best}`?")),
        None => diagnostic.with_help(format!("known keys: {}", expected.join(", "))),
    })
}

/// The 1-based line on which `key:` is written at the top level of `text`, if it is.
pub fn key_line(text: &str, key: &str) -> Option<usize> {
    // `key =` is the same key in TOML front matter.
    text.lines()
        .position(|l| l.strip_prefix(key).is_some_and(|r| r.trim_start().starts_with([':', '='])))
        .map(|i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Sample {
        title: String,
        #[serde(default)]
        tags: Vec<String>,
    }

    #[test]
    fn type_error_names_field_and_file_line() {
        let err = parse::<Sample>("title: x\ntags: billing\n", Path::new("a.md"), 2).unwrap_err();
        assert_eq!(err.location.to_string(), "a.md:3:7");
        assert!(err.message.starts_with("`tags`:"), "{}", err.message);
        assert!(err.help.unwrap().contains("write a list"));
    }

    #[test]
    fn unknown_key_suggests_closest() {
        let err = parse::<Sample>("titel: x\n", Path::new("site.yaml"), 1).unwrap_err();
        assert_eq!(err.message, "unknown key `titel`");
        assert_eq!(err.help.as_deref(), Some("did you mean `title`?"));
        assert_eq!(err.location.line, 1);
    }

    #[test]
    fn alias_bombs_are_refused() {
        let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let prev = (b'a' + i - 1) as char;
            let name = (b'a' + i) as char;
            bomb.push_str(&format!(
                "{name}: &{name} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
            ));
        }
        bomb.push_str("title: x\n");
        let result = parse::<serde_yaml::Value>(&bomb, Path::new("a.md"), 2);
        assert!(result.is_err());
    }

    #[test]
    fn empty_block_is_empty_mapping() {
        let v: serde_yaml::Mapping = parse("", Path::new("a.md"), 2).unwrap();
        assert!(v.is_empty());
    }

    #[test]
    fn positions_inside_the_block_are_not_repeated_in_the_message() {
        assert_eq!(
            strip_position("found end of stream at line 2 column 1, while scanning"),
            "found end of stream, while scanning"
        );
        assert_eq!(strip_position("bad at line 12"), "bad");
    }

    #[test]
    fn finds_key_line() {
        assert_eq!(key_line("a: 1\nbase_url : x\n", "base_url"), Some(2));
        assert_eq!(key_line("a: 1\n", "base_url"), None);
    }
}
