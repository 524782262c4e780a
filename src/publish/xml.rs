//! Writing XML by hand for feeds and sitemaps: text escaping that always yields well-formed XML,
//! and the date formats the feed specifications require.

use crate::content::dates::PageDate;
pub use crate::html::escape_xml;
use time::format_description::well_known::Rfc2822;

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
    fn rss_dates_are_rfc_822() {
        let date = PageDate::parse("2026-03-01T09:30:00+02:00").unwrap();
        assert_eq!(rfc822(date), "Sun, 01 Mar 2026 09:30:00 +0200");
        assert_eq!(rfc822(PageDate::parse("2026-03-02").unwrap()), "Mon, 02 Mar 2026 00:00:00 +0000");
    }
}
