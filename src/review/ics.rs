//! The review list as an iCalendar file (RFC 5545) for calendar import: one all-day event per page
//! on its due day. Lines end in CRLF, long lines are folded at 75 octets and text is escaped.

use super::ReviewList;
use std::fmt::Write;
use time::OffsetDateTime;

/// The calendar; `stamp` is when it was made (DTSTAMP), `host` names the site in each UID so two
/// sites' events never collide. An event keeps its UID while its page keeps its file, so importing
/// a newer list moves the event instead of adding another.
pub fn to_ics(list: &ReviewList, stamp: OffsetDateTime, host: &str) -> String {
    let stamp = stamp.to_offset(time::UtcOffset::UTC);
    let dtstamp = format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        stamp.year(),
        u8::from(stamp.month()),
        stamp.day(),
        stamp.hour(),
        stamp.minute(),
        stamp.second()
    );
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".to_string(),
        "PRODID:-//Folio//folio review//EN".to_string(),
        "CALSCALE:GREGORIAN".to_string(),
        "METHOD:PUBLISH".to_string(),
    ];
    for page in &list.pages {
        // A page never reviewed is due today.
        let day = page.due.as_deref().unwrap_or(&list.today).replace('-', "");
        let owner = page.owner.as_deref().map(|o| format!(" ({o})")).unwrap_or_default();
        let last = page.last_reviewed.as_deref().unwrap_or("never");
        lines.push("BEGIN:VEVENT".to_string());
        lines.push(format!("UID:review-{}@{host}", uid_part(&page.page)));
        lines.push(format!("DTSTAMP:{dtstamp}"));
        lines.push(format!("DTSTART;VALUE=DATE:{day}"));
        lines.push(format!("SUMMARY:{}", escape_text(&format!("Review: {}{owner}", page.title))));
        lines.push(format!("DESCRIPTION:{}", escape_text(&format!("{}\nLast reviewed: {last}", page.page))));
        lines.push(format!("URL:{}", page.url));
        lines.push("END:VEVENT".to_string());
    }
    lines.push("END:VCALENDAR".to_string());
    let mut out = String::new();
    for line in lines {
        let _ = write!(out, "{}\r\n", fold_line(&line));
    }
    out
}

/// A TEXT value with `\`, `;`, `,` and line breaks escaped (RFC 5545 §3.3.11).
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Splits a content line into lines of at most 75 octets, each continuation starting with a
/// space (RFC 5545 §3.1), never inside a UTF-8 character (Hebrew titles are two octets a letter).
pub fn fold_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 64 * 3);
    let mut used = 0;
    for c in line.chars() {
        if used + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += c.len_utf8();
    }
    out
}

/// The page's file as a UID part: letters, digits, `.`, `-` and `_` kept, the rest as `-`.
fn uid_part(page: &str) -> String {
    let rel = page.strip_prefix("content/").unwrap_or(page);
    rel.chars().map(|c| if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') { c } else { '-' }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_long_lines_at_75_octets_without_splitting_letters() {
        let line = format!("SUMMARY:{}", "ש".repeat(60));
        let folded = fold_line(&line);
        for part in folded.split("\r\n") {
            assert!(part.len() <= 75, "{} octets: {part}", part.len());
        }
        let unfolded = folded.replace("\r\n ", "");
        assert_eq!(unfolded, line);
    }

    #[test]
    fn escapes_text_specials() {
        assert_eq!(escape_text("a, b; c\\d\ne"), "a\\, b\\; c\\\\d\\ne");
    }
}
