//! HTML escaping for everything templates print: the same five characters as
//! `crate::html::escape_html`, but copied in runs between them instead of one character at a time.
//! Every variable a page prints goes through it, and most have nothing to escape.

/// `text` with `&`, `"`, `<`, `>` and `'` replaced by their entities, as `crate::html::escape_html`.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    escape_into(&mut out, text);
    out
}

/// Appends `text`, escaped, to `out`.
pub fn escape_into(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::html::escape_html;

    #[test]
    fn escapes_as_the_reference_does() {
        let texts = [
            "",
            "plain",
            "a & b",
            "<script>alert('x')</script>",
            "\"quoted\" & 'single'",
            "&&&<<<>>>",
            "שלום <b>עולם</b> & \"ציטוט\"",
            "emoji 🙂 <> mixed é",
            "ends with &",
            "<",
        ];
        for text in texts {
            assert_eq!(escape(text), escape_html(text), "{text:?}");
        }
        // Every string of up to three characters drawn from the escaped ones, letters and a Hebrew letter.
        let alphabet = ['&', '"', '<', '>', '\'', 'a', 'ש', '/'];
        for a in alphabet {
            for b in alphabet {
                for c in alphabet {
                    let text: String = [a, b, c].iter().collect();
                    assert_eq!(escape(&text), escape_html(&text), "{text:?}");
                }
            }
        }
    }
}
