//! `search: synonyms:` in site.yaml: groups of words a search treats as one, for loanwords written in Hebrew or
//! Latin letters (`וורדפרס`, `WordPress`) and other names a site's readers spell several ways. The browser
//! expands a query word found in a group to every word of the group; the groups travel in each language's
//! index manifest.

use crate::diagnostics::{Diagnostic, Location};
use std::path::Path;

/// Checks every group: at least two words, each one word (no spaces). `text` and `path` locate errors.
pub(super) fn check_synonyms(groups: &[Vec<String>], text: &str, path: &Path) -> Result<(), Diagnostic> {
    for group in groups {
        if group.len() < 2 {
            let first = group.first().map(String::as_str).unwrap_or("");
            return Err(Diagnostic::new(at(text, path, first), "a synonym group needs at least two words")
                .with_help("write each group as a list, e.g. `- [וורדפרס, WordPress]`"));
        }
        if let Some(word) = group.iter().find(|w| w.trim().is_empty() || w.trim().contains(char::is_whitespace)) {
            return Err(Diagnostic::new(at(text, path, word), format!("synonym `{word}` is not one word"))
                .with_help("each synonym is a single word; put phrases' words in groups of their own"));
        }
    }
    Ok(())
}

/// The line of `word` after the `search:` key, or of `search:` itself.
fn at(text: &str, path: &Path, word: &str) -> Location {
    let search = crate::yaml::key_line(text, "search").unwrap_or(0);
    let line = text
        .lines()
        .enumerate()
        .skip(search)
        .find(|(_, l)| !word.is_empty() && l.contains(word) || word.is_empty() && l.contains("[]"))
        .map_or(search, |(i, _)| i + 1);
    Location::new(path, line, 0)
}

#[cfg(test)]
mod tests {
    use crate::config::parse_config;
    use std::path::Path;

    fn parse(search: &str) -> Result<Vec<Vec<String>>, String> {
        let text = format!("title: A\nbase_url: https://e.com\nsearch:\n  synonyms:\n{search}");
        parse_config(&text, Path::new("/site"), Path::new("site.yaml"))
            .map(|c| c.search.synonyms)
            .map_err(|e| e.to_string())
    }

    #[test]
    fn synonym_groups_are_read() {
        assert_eq!(parse("    - [וורדפרס, WordPress]\n"), Ok(vec![vec!["וורדפרס".to_string(), "WordPress".into()]]));
    }

    #[test]
    fn a_group_of_one_or_a_phrase_is_an_error_at_its_line() {
        let error = parse("    - [וורדפרס, WordPress]\n    - [CRM]\n").unwrap_err();
        assert!(error.contains("site.yaml:6") && error.contains("at least two words"), "{error}");
        let error = parse("    - [email, e mail]\n").unwrap_err();
        assert!(error.contains("site.yaml:5") && error.contains("synonym `e mail` is not one word"), "{error}");
        let error = parse("    - WordPress\n").unwrap_err();
        assert!(error.contains("site.yaml:5"), "{error}");
    }
}
