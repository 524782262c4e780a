//! The `dates:` block of site.yaml: how dates are written on pages — a format (`long`, `short`,
//! `numeric` or a pattern of named fields), a calendar (`gregorian` or `hebrew`) and the digits
//! (`western` or the language's `native` ones).
//!
//! The same block shape is meant for each language's own settings: `check_date_style` takes the
//! line the block starts on, so an error points at the value wherever the block is written.

use crate::diagnostics::{Diagnostic, Location};
use serde::Deserialize;
use std::path::Path;

/// `dates:` as written: every value is a string, checked here so errors name the line and what is
/// accepted.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDates {
    pub format: Option<String>,
    pub calendar: Option<String>,
    pub digits: Option<String>,
}

/// How dates are shown on pages. Feeds, sitemaps and `<time datetime>` keep ISO and RFC 3339.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct DateStyle {
    pub format: DateFormat,
    pub calendar: Calendar,
    pub digits: Digits,
}

/// The shape of a shown date.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum DateFormat {
    /// The month's name in full: "6 November 2025", "6 בנובמבר 2025".
    #[default]
    Long,
    /// The month's name shortened: "6 Nov 2025", "6 בנוב׳ 2025".
    Short,
    /// Digits only, in the language's order: "06.11.2025", "6.11.2025", "11/6/2025".
    Numeric,
    /// The site's own order: literal text and named fields.
    Pattern(Vec<PatternPart>),
}

/// A piece of a date pattern.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PatternPart {
    Text(String),
    Field(DateField),
}

/// A named field of a date pattern, written `{day}`, `{month}`…
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateField {
    Day,
    DayPadded,
    Month,
    MonthShort,
    MonthNumber,
    MonthPadded,
    Year,
}

/// The fields a pattern may name, with what each shows.
pub const DATE_FIELDS: [(&str, DateField); 7] = [
    ("day", DateField::Day),
    ("day_padded", DateField::DayPadded),
    ("month", DateField::Month),
    ("month_short", DateField::MonthShort),
    ("month_number", DateField::MonthNumber),
    ("month_padded", DateField::MonthPadded),
    ("year", DateField::Year),
];

/// Which calendar dates are counted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Calendar {
    #[default]
    Gregorian,
    /// Day, month and year of the Hebrew calendar; in Hebrew, day and year in Hebrew numerals.
    Hebrew,
}

/// Which digits numbers in dates are written with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Digits {
    /// 0–9, in every language: what most Arabic sites on the web use too.
    #[default]
    Western,
    /// The language's own digits where it has them: Arabic-Indic ٠–٩ for Arabic.
    Native,
}

/// Checks `raw`, the `dates:` block whose key is on line `block_line` of `text` (the file `path`).
pub fn check_date_style(raw: RawDates, text: &str, path: &Path, block_line: usize) -> Result<DateStyle, Diagnostic> {
    let at = |key: &str| value_location(text, path, block_line, key);
    let calendar = match raw.calendar.as_deref().map(str::trim) {
        None | Some("gregorian") => Calendar::Gregorian,
        Some("hebrew") => Calendar::Hebrew,
        Some(other) => {
            return Err(Diagnostic::new(at("calendar"), format!("`dates.calendar`: unknown calendar `{other}`"))
                .with_help("write `gregorian` (the default) or `hebrew`"))
        }
    };
    let digits = match raw.digits.as_deref().map(str::trim) {
        None | Some("western") => Digits::Western,
        Some("native") => Digits::Native,
        Some(other) => {
            return Err(Diagnostic::new(at("digits"), format!("`dates.digits`: unknown digits `{other}`"))
                .with_help("write `western` (0–9, the default) or `native` (the language's own, e.g. ٠–٩ in Arabic)"))
        }
    };
    let format = match raw.format.as_deref().map(str::trim) {
        None | Some("long") => DateFormat::Long,
        Some("short") => DateFormat::Short,
        Some("numeric") => DateFormat::Numeric,
        Some(pattern) if pattern.contains('{') => DateFormat::Pattern(parse_pattern(pattern).map_err(|message| {
            Diagnostic::new(at("format"), format!("`dates.format`: {message}")).with_help(format!(
                "name fields in braces: {}; e.g. format: \"{{day}} {{month}} {{year}}\"",
                field_names()
            ))
        })?),
        Some(other) => {
            return Err(Diagnostic::new(at("format"), format!("`dates.format`: unknown format `{other}`"))
                .with_help("write `long`, `short`, `numeric`, or a pattern such as \"{day} {month} {year}\""))
        }
    };
    if calendar == Calendar::Hebrew && format == DateFormat::Numeric {
        return Err(Diagnostic::new(at("format"), "`dates.format`: the Hebrew calendar has no numeric format")
            .with_help(
                "use `long` or `short` with `calendar: hebrew`, or a pattern such as \"{day} {month} {year}\"",
            ));
    }
    Ok(DateStyle { format, calendar, digits })
}

/// `"{day}.{month_padded}.{year}"` → its parts; the error names the first unknown field.
pub fn parse_pattern(pattern: &str) -> Result<Vec<PatternPart>, String> {
    let mut parts = Vec::new();
    let mut rest = pattern;
    while let Some(start) = rest.find('{') {
        if start > 0 {
            parts.push(PatternPart::Text(rest[..start].to_string()));
        }
        let end = rest[start..].find('}').ok_or_else(|| format!("`{pattern}` has a `{{` without its `}}`"))?;
        let name = &rest[start + 1..start + end];
        let field = DATE_FIELDS
            .iter()
            .find(|(known, _)| *known == name)
            .map(|(_, field)| *field)
            .ok_or_else(|| format!("`{{{name}}}` is not a date field"))?;
        parts.push(PatternPart::Field(field));
        rest = &rest[start + end + 1..];
    }
    if !rest.is_empty() {
        parts.push(PatternPart::Text(rest.to_string()));
    }
    if !parts.iter().any(|p| matches!(p, PatternPart::Field(_))) {
        return Err(format!("`{pattern}` names no date field"));
    }
    Ok(parts)
}

fn field_names() -> String {
    DATE_FIELDS.iter().map(|(name, _)| format!("{{{name}}}")).collect::<Vec<_>>().join(", ")
}

/// Where `key:`'s value is written inside the block that starts on line `block_line`: the first
/// more-indented line below it that sets `key`, at the value's column; the block's line otherwise.
fn value_location(text: &str, path: &Path, block_line: usize, key: &str) -> Location {
    let lines: Vec<&str> = text.lines().collect();
    let indent = |line: &str| line.len() - line.trim_start().len();
    let block_indent = lines.get(block_line.wrapping_sub(1)).map_or(0, |l| indent(l));
    for (i, line) in lines.iter().enumerate().skip(block_line) {
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        if indent(line) <= block_indent {
            break;
        }
        if let Some(after) = line.trim_start().strip_prefix(key).and_then(|r| r.strip_prefix(':')) {
            let column = line.len() - after.trim_start().len() + 1;
            return Location::new(path, i + 1, column);
        }
    }
    Location::new(path, block_line, 0)
}

impl super::Config {
    /// How dates are shown on pages in `lang`: the language's own `dates:` under `languages:`, or the
    /// site's. `en-GB` uses `en`'s settings when it has none of its own.
    pub fn date_style(&self, lang: &str) -> &DateStyle {
        let primary = lang.split('-').next().unwrap_or(lang);
        [lang, primary]
            .iter()
            .find_map(|code| self.languages.get(*code).and_then(|l| l.dates.as_ref()))
            .unwrap_or(&self.dates)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct Site {
        dates: RawDates,
    }

    fn check(block: &str) -> Result<DateStyle, Diagnostic> {
        let text = format!("title: t\ndates:\n{block}");
        let site: Site = serde_yaml::from_str(&text.replace("title: t\n", "")).unwrap();
        check_date_style(site.dates, &text, Path::new("site.yaml"), 2)
    }

    #[test]
    fn reads_formats_calendars_and_digits() {
        assert_eq!(check("  format: short\n").unwrap().format, DateFormat::Short);
        let style = check("  format: long\n  calendar: hebrew\n  digits: native\n").unwrap();
        assert_eq!((style.calendar, style.digits), (Calendar::Hebrew, Digits::Native));
        let parts = check("  format: \"{day}.{month_padded}.{year}\"\n").unwrap().format;
        let expected = vec![
            PatternPart::Field(DateField::Day),
            PatternPart::Text(".".into()),
            PatternPart::Field(DateField::MonthPadded),
            PatternPart::Text(".".into()),
            PatternPart::Field(DateField::Year),
        ];
        assert_eq!(parts, DateFormat::Pattern(expected));
    }

    #[test]
    fn bad_values_point_at_their_line_and_column() {
        let err = check("  format: longest\n").unwrap_err();
        assert_eq!(err.location.to_string(), "site.yaml:3:11");
        assert_eq!(err.message, "`dates.format`: unknown format `longest`");
        let err = check("  format: long\n  calendar: julian\n").unwrap_err();
        assert_eq!(
            (err.location.to_string(), err.message.as_str()),
            ("site.yaml:4:13".into(), "`dates.calendar`: unknown calendar `julian`")
        );
        let err = check("  format: \"{day} {monthname}\"\n").unwrap_err();
        assert_eq!(err.message, "`dates.format`: `{monthname}` is not a date field");
        assert!(err.help.unwrap().contains("{month_short}"));
        let err = check("  calendar: hebrew\n  format: numeric\n").unwrap_err();
        assert_eq!(err.location.to_string(), "site.yaml:4:11");
        assert!(check("  digits: eastern\n").unwrap_err().message.contains("unknown digits `eastern`"));
    }
}
