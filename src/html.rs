//! Escaping text for HTML and XML, in one place: every stage that writes markup uses these.

/// Escapes text for HTML content and double-quoted (or single-quoted) attributes.
pub fn escape_html(text: &str) -> String {
    // Every variable a page prints comes through here and most have nothing to escape: the text
    // is copied in runs between the five characters rather than one character at a time.
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'"' => "&quot;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'\'' => "&#39;",
            _ => continue,
        };
        // The five are ASCII, so `start..i` ends on a character boundary.
        out.push_str(&text[start..i]);
        out.push_str(entity);
        start = i + 1;
    }
    out.push_str(&text[start..]);
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
    #[test]
    fn escape_html_replaces_the_five_and_keeps_everything_else() {
        // Each character escaped on its own: what copying in runs must give.
        let reference = |text: &str| -> String {
            text.chars()
                .map(|c| match c {
                    '&' => "&amp;".to_string(),
                    '"' => "&quot;".to_string(),
                    '<' => "&lt;".to_string(),
                    '>' => "&gt;".to_string(),
                    '\'' => "&#39;".to_string(),
                    c => c.to_string(),
                })
                .collect()
        };
        for text in
            ["", "plain", "<script>alert('x')</script>", "שלום <b>עולם</b> & \"ציטוט\"", "emoji 🙂 <>", "ends &"]
        {
            assert_eq!(super::escape_html(text), reference(text), "{text:?}");
        }
        let alphabet = ['&', '"', '<', '>', '\'', 'a', 'ש', '/'];
        for a in alphabet {
            for b in alphabet {
                for c in alphabet {
                    let text: String = [a, b, c].iter().collect();
                    assert_eq!(super::escape_html(&text), reference(&text), "{text:?}");
                }
            }
        }
    }

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
