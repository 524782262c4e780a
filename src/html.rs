//! Escaping text for HTML and XML, in one place: every stage that writes markup uses these.

/// Escapes text for HTML content and double-quoted (or single-quoted) attributes.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_markup_and_both_quotes() {
        assert_eq!(
            escape_html("<a href=\"x\">'שלום' & hi</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;שלום&#39; &amp; hi&lt;/a&gt;"
        );
    }

    #[test]
    fn xml_escapes_markup_and_drops_forbidden_characters() {
        assert_eq!(escape_xml("a < b & \"c\" 'd' \u{1}ok"), "a &lt; b &amp; &quot;c&quot; &apos;d&apos; ok");
        assert_eq!(escape_xml("שלום\n"), "שלום\n");
    }
}
