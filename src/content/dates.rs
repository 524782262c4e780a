//! Dates in front matter and file names, and how they are shown in each language.

use crate::config::dates::DateStyle;
use serde::{Deserialize, Deserializer};
use std::fmt;
use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{Date, OffsetDateTime, PrimitiveDateTime, UtcOffset};

/// A publication date: a calendar day, or an exact moment when the writer gave a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PageDate(pub OffsetDateTime);

impl PageDate {
    /// Accepts `2026-03-01`, `2026-03-01T09:30:00+02:00` (RFC 3339), `2026-03-01 09:30` and Jekyll's
    /// `2026-03-01 09:30:00 +0200`.
    pub fn parse(text: &str) -> Option<PageDate> {
        let text = text.trim();
        if let Ok(moment) = OffsetDateTime::parse(text, &Rfc3339) {
            return Some(PageDate(moment));
        }
        if let Ok(day) = Date::parse(text, format_description!("[year]-[month]-[day]")) {
            return Some(PageDate(day.midnight().assume_utc()));
        }
        // Jekyll writes `2019-05-01 10:00:00 +0300`.
        let jekyll = format_description!(
            "[year]-[month]-[day] [hour]:[minute]:[second] [offset_hour sign:mandatory][optional [:]][offset_minute]"
        );
        if let Ok(moment) = OffsetDateTime::parse(text, jekyll) {
            return Some(PageDate(moment));
        }
        let local = format_description!("[year]-[month]-[day][first [T][ ]][hour]:[minute][optional [:[second]]]");
        PrimitiveDateTime::parse(text, local).ok().map(|t| PageDate(t.assume_offset(UtcOffset::UTC)))
    }

    /// The calendar day as `YYYY-MM-DD`, for `<time datetime>` and sorting.
    pub fn iso_date(&self) -> String {
        let d = self.0.date();
        format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
    }

    /// The full RFC 3339 moment, for feeds and JSON-LD.
    pub fn rfc3339(&self) -> String {
        self.0.format(&Rfc3339).unwrap_or_else(|_| self.iso_date())
    }

    /// The date as a reader of `language` expects to see it, written as the site's `dates:` says.
    pub fn display(&self, language: &str, style: &DateStyle) -> String {
        super::date_display::show_date(self.0.date(), language, style)
    }
}

impl<'de> Deserialize<'de> for PageDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = PageDate;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date such as 2026-03-01")
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<PageDate, E> {
                PageDate::parse(text).ok_or_else(|| E::custom(not_a_date(text)))
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

fn not_a_date(text: &str) -> String {
    format!("`{text}` is not a date; write YYYY-MM-DD (2026-03-01) or an RFC 3339 time (2026-03-01T09:30:00+02:00)")
}

/// The value `updated: git` asks for the date of the file's last commit instead of a written date.
pub const UPDATED_FROM_GIT: &str = "git";

/// Reads `updated:`, which is a date or `git`; `git` reads as no date here, and the pipeline fills
/// in the commit date later (see `FrontMatter::updated_from_git`).
pub fn deserialize_updated<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<PageDate>, D::Error> {
    struct Visitor;
    impl serde::de::Visitor<'_> for Visitor {
        type Value = Option<PageDate>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a date such as 2026-03-01, or `git`")
        }
        fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Option<PageDate>, E> {
            if text.trim() == UPDATED_FROM_GIT {
                return Ok(None);
            }
            PageDate::parse(text).map(Some).ok_or_else(|| {
                E::custom(format!("{}, or `git` for the date of the file's last commit", not_a_date(text)))
            })
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<Option<PageDate>, E> {
            Ok(None)
        }
    }
    deserializer.deserialize_any(Visitor)
}

/// Splits a `2026-03-01-launch` file stem into its date and the rest.
pub fn split_date_prefix(stem: &str) -> Option<(PageDate, &str)> {
    let (prefix, rest) = (stem.get(..10)?, stem.get(10..)?);
    let rest = rest.strip_prefix(['-', '_'])?;
    if rest.is_empty() {
        return None;
    }
    PageDate::parse(prefix).map(|d| (d, rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_day_and_moment() {
        assert_eq!(PageDate::parse("2026-03-01").unwrap().iso_date(), "2026-03-01");
        let moment = PageDate::parse("2026-03-01T23:30:00+02:00").unwrap();
        assert_eq!(moment.iso_date(), "2026-03-01");
        assert_eq!(moment.rfc3339(), "2026-03-01T23:30:00+02:00");
        assert_eq!(PageDate::parse("2026-03-01 09:30").unwrap().rfc3339(), "2026-03-01T09:30:00Z");
        assert_eq!(PageDate::parse("2019-05-01 10:00:00 +0300").unwrap().rfc3339(), "2019-05-01T10:00:00+03:00");
        assert!(PageDate::parse("2026-13-01").is_none());
        assert!(PageDate::parse("yesterday").is_none());
    }

    #[test]
    fn hebrew_dates_use_hebrew_month_names() {
        let d = PageDate::parse("2026-03-01").unwrap();
        let style = DateStyle::default();
        assert_eq!(d.display("he", &style), "1 במרץ 2026");
        assert_eq!(d.display("en", &style), "March 1, 2026");
        assert_eq!(d.display("pt", &style), "2026-03-01");
    }

    #[test]
    fn date_prefix_comes_off_file_names() {
        let (d, rest) = split_date_prefix("2026-03-01-launch").unwrap();
        assert_eq!((d.iso_date().as_str(), rest), ("2026-03-01", "launch"));
        assert!(split_date_prefix("launch").is_none());
        assert!(split_date_prefix("2026-03-01").is_none());
    }
}
