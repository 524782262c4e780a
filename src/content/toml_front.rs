//! TOML front matter (between `+++` lines, as Hugo and Zola write it), read into the same shape
//! as YAML front matter so everything after it reads one kind of value.

use crate::diagnostics::{Diagnostic, Location};
use serde_yaml::{Mapping, Value};
use std::path::Path;

/// Parses `text`, which starts on line 2 of `file`.
pub fn parse(text: &str, file: &Path) -> Result<Mapping, Diagnostic> {
    if text.len() > crate::yaml::MAX_YAML_BYTES {
        return Err(Diagnostic::new(Location::new(file, 2, 1), "front matter is larger than 64 KiB")
            .with_help("move long data into the page body or a static file"));
    }
    let table: toml::Table = toml::from_str(text).map_err(|err| {
        let start = err.span().map_or(0, |s| s.start).min(text.len());
        let line = 2 + text[..start].matches('\n').count();
        let column = text[..start].rsplit('\n').next().map_or(0, |l| l.chars().count() + 1);
        Diagnostic::new(
            Location::new(file, line, column),
            format!("front matter is not valid TOML: {}", err.message().trim()),
        )
        .with_help("TOML front matter is written `key = \"value\"` between `+++` lines")
    })?;
    Ok(to_mapping(table))
}

fn to_mapping(table: toml::Table) -> Mapping {
    table.into_iter().map(|(k, v)| (Value::String(k), to_yaml(v))).collect()
}

/// TOML dates become the text they were written as, which Folio's date reader understands.
fn to_yaml(value: toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::Number(i.into()),
        toml::Value::Float(f) => Value::Number(f.into()),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(items) => Value::Sequence(items.into_iter().map(to_yaml).collect()),
        toml::Value::Table(table) => Value::Mapping(to_mapping(table)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_becomes_the_same_values_as_yaml() {
        let front = parse(
            "title = \"שלום\"\ndate = 2020-05-01T10:00:00+03:00\ntags = [\"a\"]\n[extra]\nhero = 1\n",
            Path::new("a.md"),
        )
        .unwrap();
        let yaml: Mapping =
            serde_yaml::from_str("title: שלום\ndate: \"2020-05-01T10:00:00+03:00\"\ntags: [a]\nextra: {hero: 1}\n")
                .unwrap();
        assert_eq!(front, yaml);
    }

    #[test]
    fn errors_name_the_line_in_the_file() {
        let err = parse("title = \"x\"\ndate = \n", Path::new("a.md")).unwrap_err();
        assert_eq!(err.location.line, 3);
        assert!(err.message.starts_with("front matter is not valid TOML"), "{}", err.message);
    }
}
