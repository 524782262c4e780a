//! Percent-encoding, once for the whole program: share links, mailto subjects, aliases copied from
//! a browser's address bar (`%D7%A9…`) and the dev server's request paths all go through here.

/// Percent-encodes everything but RFC 3986's unreserved characters (Hebrew becomes UTF-8 bytes), so
/// the result is safe as a query value or a path segment.
pub fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3);
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Decodes `%xx` escapes (`%D7%A9` → `ש`); `None` for malformed escapes or text that is not UTF-8.
pub fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hebrew_round_trips() {
        let encoded = percent_encode("שלום עולם/?");
        assert_eq!(encoded, "%D7%A9%D7%9C%D7%95%D7%9D%20%D7%A2%D7%95%D7%9C%D7%9D%2F%3F");
        assert_eq!(percent_decode(&encoded).as_deref(), Some("שלום עולם/?"));
    }

    #[test]
    fn malformed_escapes_decode_to_nothing() {
        assert_eq!(percent_decode("%zz"), None);
        assert_eq!(percent_decode("%D7"), None);
        assert_eq!(percent_decode("abc%2"), None);
    }
}
