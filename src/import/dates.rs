//! Dates as exports and feeds write them, turned into what front matter accepts: RFC 3339 with
//! the writer's own offset wherever it can be known, so a post keeps its day in its own time zone.

use time::format_description::well_known::{Rfc2822, Rfc3339};
use time::macros::format_description;
use time::{OffsetDateTime, PrimitiveDateTime, UtcOffset};

/// WordPress writes local time (`post_date`) and UTC (`post_date_gmt`); their difference is the
/// site's offset. Drafts have no UTC time (`0000-00-00 00:00:00`): the local time is kept as it is.
pub fn wordpress_date(local: &str, gmt: Option<&str>) -> Option<String> {
    let local = parse_plain(local)?;
    let Some(gmt) = gmt.and_then(parse_plain) else {
        return Some(format!("{} {:02}:{:02}", local.date(), local.hour(), local.minute()));
    };
    let seconds = (local - gmt).whole_seconds();
    let offset = i32::try_from(seconds).ok().and_then(|s| UtcOffset::from_whole_seconds(s).ok());
    match offset {
        Some(offset) if seconds % 900 == 0 => local.assume_offset(offset).format(&Rfc3339).ok(),
        _ => gmt.assume_utc().format(&Rfc3339).ok(),
    }
}

/// `Fri, 01 May 2020 10:00:00 +0300` (RSS) or RFC 3339 (Atom) → RFC 3339.
pub fn feed_date(text: &str) -> Option<String> {
    let text = text.trim();
    let moment = OffsetDateTime::parse(text, &Rfc3339)
        .or_else(|_| OffsetDateTime::parse(text, &Rfc2822))
        .or_else(|_| OffsetDateTime::parse(&fix_zone_names(text), &Rfc2822))
        .ok()?;
    moment.format(&Rfc3339).ok()
}

/// RSS feeds in the wild write `GMT`, `UTC` or `Z` where RFC 2822 parsers want `+0000`.
fn fix_zone_names(text: &str) -> String {
    for zone in [" GMT", " UTC", " UT", " Z"] {
        if let Some(rest) = text.strip_suffix(zone) {
            return format!("{rest} +0000");
        }
    }
    text.to_string()
}

/// `2020-05-01 10:00:00`; the zero date WordPress writes for "never" is `None`.
fn parse_plain(text: &str) -> Option<PrimitiveDateTime> {
    let text = text.trim();
    if text.is_empty() || text.starts_with("0000") {
        return None;
    }
    PrimitiveDateTime::parse(text, format_description!("[year]-[month]-[day] [hour]:[minute]:[second]")).ok()
}

/// The calendar day of a date written by this module: `2020-05-01`.
pub fn day_of(date: &str) -> &str {
    date.get(..10).unwrap_or(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wordpress_dates_keep_the_site_offset() {
        assert_eq!(
            wordpress_date("2020-05-01 10:00:00", Some("2020-05-01 07:00:00")).as_deref(),
            Some("2020-05-01T10:00:00+03:00")
        );
        assert_eq!(
            wordpress_date("2020-05-01 10:00:00", Some("2020-05-01 10:00:00")).as_deref(),
            Some("2020-05-01T10:00:00Z")
        );
        assert_eq!(
            wordpress_date("2021-01-02 08:30:00", Some("0000-00-00 00:00:00")).as_deref(),
            Some("2021-01-02 08:30")
        );
        assert_eq!(wordpress_date("0000-00-00 00:00:00", None), None);
    }

    #[test]
    fn feed_dates_become_rfc3339() {
        assert_eq!(feed_date("Fri, 01 May 2020 10:00:00 +0300").as_deref(), Some("2020-05-01T10:00:00+03:00"));
        assert_eq!(feed_date("Fri, 01 May 2020 10:00:00 GMT").as_deref(), Some("2020-05-01T10:00:00Z"));
        assert_eq!(feed_date("2020-05-01T10:00:00+02:00").as_deref(), Some("2020-05-01T10:00:00+02:00"));
        assert_eq!(feed_date("yesterday"), None);
    }
}
