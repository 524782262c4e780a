//! `review_every:` — how often a page must be verified again: `90d`, `12w`, `6m` or `1y`.
//!
//! A bad value fails where serde reads it, so the YAML error names the file, line and column.

use crate::diagnostics::{Diagnostic, Location};
use serde::{Deserialize, Deserializer};
use std::fmt;
use time::Date;

/// What `review_every` accepts, for error messages and docs.
pub const CADENCE_FORMS: &str = "a whole number and a unit: 90d (days), 12w (weeks), 6m (months) or 1y (years)";

/// A review interval: a count of days, weeks, months or years.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Cadence {
    pub count: u16,
    pub unit: CadenceUnit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CadenceUnit {
    Days,
    Weeks,
    Months,
    Years,
}

impl Cadence {
    /// Reads `90d`, `12w`, `6m`, `1y` (spaces around the value allowed); the error says what is accepted.
    pub fn parse(text: &str) -> Result<Cadence, String> {
        let text = text.trim();
        let bad = || format!("`{text}` is not a review interval; write {CADENCE_FORMS}");
        let split = text.find(|c: char| !c.is_ascii_digit()).ok_or_else(bad)?;
        let (digits, unit) = text.split_at(split);
        let count: u16 = digits.parse().ok().filter(|&n| n > 0).ok_or_else(bad)?;
        let unit = match unit {
            "d" => CadenceUnit::Days,
            "w" => CadenceUnit::Weeks,
            "m" => CadenceUnit::Months,
            "y" => CadenceUnit::Years,
            _ => return Err(bad()),
        };
        Ok(Cadence { count, unit })
    }

    /// The day one interval after `day`. A month later than 31 January is the last day of February.
    pub fn after(self, day: Date) -> Date {
        let months = match self.unit {
            CadenceUnit::Days => return day.saturating_add(time::Duration::days(i64::from(self.count))),
            CadenceUnit::Weeks => return day.saturating_add(time::Duration::weeks(i64::from(self.count))),
            CadenceUnit::Months => i32::from(self.count),
            CadenceUnit::Years => i32::from(self.count) * 12,
        };
        let index = day.year() * 12 + i32::from(u8::from(day.month())) - 1 + months;
        let (year, month) = (index.div_euclid(12), (index.rem_euclid(12) + 1) as u8);
        let month = time::Month::try_from(month).unwrap_or(time::Month::December);
        let last = month.length(year);
        Date::from_calendar_date(year, month, day.day().min(last)).unwrap_or(Date::MAX)
    }
}

/// The first `review_every:` (or TOML `review_every =`) line of a YAML or TOML block whose value
/// is not an interval, as an error at that value's line and column; the block starts on line
/// `first_line` of `file`. Checked before serde reads the block, because serde_yaml places a
/// custom error at the start of the mapping, not at the value.
pub fn check_cadence_lines(text: &str, file: &std::path::Path, first_line: usize) -> Result<(), Diagnostic> {
    for (i, line) in text.lines().enumerate() {
        let indent = line.len() - line.trim_start().len();
        let Some(rest) = line.trim_start().strip_prefix("review_every") else { continue };
        let Some(value) = rest.trim_start().strip_prefix([':', '=']) else { continue };
        let value = value.split(" #").next().unwrap_or("").trim();
        let unquoted = value.trim_matches(|c| c == '"' || c == '\'');
        if let Err(message) = Cadence::parse(unquoted) {
            // 1-based column of the value: after the key, the `:` and the spaces around them.
            let separator = indent + "review_every".len() + (rest.len() - rest.trim_start().len());
            let after = &line[separator + 1..];
            let column = separator + 1 + (after.len() - after.trim_start().len()) + 1;
            return Err(Diagnostic::new(
                Location::new(file, first_line + i, column),
                format!("`review_every`: {message}"),
            )
            .with_help("e.g. review_every: 90d"));
        }
    }
    Ok(())
}

impl fmt::Display for Cadence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let unit = match self.unit {
            CadenceUnit::Days => 'd',
            CadenceUnit::Weeks => 'w',
            CadenceUnit::Months => 'm',
            CadenceUnit::Years => 'y',
        };
        write!(f, "{}{unit}", self.count)
    }
}

impl<'de> Deserialize<'de> for Cadence {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Cadence, D::Error> {
        let text = String::deserialize(deserializer)
            .map_err(|_| serde::de::Error::custom(format!("a review interval is {CADENCE_FORMS}")))?;
        Cadence::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn reads_each_unit() {
        assert_eq!(Cadence::parse("90d").unwrap().after(date!(2026 - 01 - 01)), date!(2026 - 04 - 01));
        assert_eq!(Cadence::parse("2w").unwrap().after(date!(2026 - 01 - 01)), date!(2026 - 01 - 15));
        assert_eq!(Cadence::parse("6m").unwrap().after(date!(2026 - 09 - 15)), date!(2027 - 03 - 15));
        assert_eq!(Cadence::parse(" 1y ").unwrap().after(date!(2024 - 02 - 29)), date!(2025 - 02 - 28));
    }

    #[test]
    fn a_month_after_the_31st_is_the_end_of_the_next_month() {
        assert_eq!(Cadence::parse("1m").unwrap().after(date!(2026 - 01 - 31)), date!(2026 - 02 - 28));
    }

    #[test]
    fn rejects_what_is_not_an_interval() {
        for bad in ["", "90", "d", "0d", "90 days", "3q", "-1d", "1.5m"] {
            let err = Cadence::parse(bad).unwrap_err();
            assert!(err.contains("is not a review interval; write a whole number and a unit"), "{bad}: {err}");
        }
    }
}
