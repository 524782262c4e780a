//! Writing XML by hand for feeds and sitemaps: text escaping that always yields well-formed XML,
//! and the date formats the feed specifications require.

use crate::content::dates::PageDate;
use time::format_description::well_known::Rfc2822;

/// Escapes text for XML content and double-quoted attributes. Characters XML 1.0 forbids (most
/// control characters) are dropped: one stray byte in a post must not make the whole feed invalid.
pub fn escape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

/// `<name>text</name>`, escaped, appended to `out` on its own indented line.
pub fn push_element(out: &mut String, indent: &str, name: &str, text: &str) {
    out.push_str(&format!("{indent}<{name}>{}</{name}>\n", escape_xml(text)));
}

/// RFC 822 (as updated by RFC 2822), which RSS 2.0 requires: `Sun, 01 Mar 2026 09:30:00 +0200`.
pub fn rfc822(date: PageDate) -> String {
    date.0.format(&Rfc2822).unwrap_or_else(|_| date.rfc3339())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_forbidden_characters() {
        assert_eq!(escape_xml("a < b & \"c\" 'd' \u{1}ok"), "a &lt; b &amp; &quot;c&quot; &apos;d&apos; ok");
        assert_eq!(escape_xml("שלום\n"), "שלום\n");
    }

    #[test]
    fn rss_dates_are_rfc_822() {
        let date = PageDate::parse("2026-03-01T09:30:00+02:00").unwrap();
        assert_eq!(rfc822(date), "Sun, 01 Mar 2026 09:30:00 +0200");
        assert_eq!(rfc822(PageDate::parse("2026-03-02").unwrap()), "Mon, 02 Mar 2026 00:00:00 +0000");
    }
}
