//! JSON written by hand for the index's hot paths: a 10,000-page site's index holds millions of
//! numbers and hundreds of thousands of strings, and building `serde_json::Value`s for them costs
//! an allocation each. The output is byte for byte what `serde_json` writes.

/// `text` as a JSON string, escaped as `serde_json` escapes it: quotes, backslashes and control
/// characters only. The bytes between escapes are found eight at a time and copied as runs.
pub fn push_string(out: &mut String, text: &str) {
    out.reserve(text.len() + 2);
    out.push('"');
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut at = 0;
    while let Some(found) = next_escape(bytes, at) {
        let byte = bytes[found];
        out.push_str(&text[start..found]);
        let escape = match byte {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0C => "\\f",
            _ => "",
        };
        if escape.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("\\u00");
            out.push(HEX[usize::from(byte >> 4)] as char);
            out.push(HEX[usize::from(byte & 0xF)] as char);
        } else {
            out.push_str(escape);
        }
        start = found + 1;
        at = found + 1;
    }
    out.push_str(&text[start..]);
    out.push('"');
}

/// Whether a byte must be escaped in a JSON string: `"`, `\` or a control character.
fn needs_escape(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\'
}

/// The place of the first byte from `at` that `needs_escape`. Eight bytes are tested at once: the lowest
/// byte a test flags is always one it is true of (a false flag only ever sits above a true one).
fn next_escape(bytes: &[u8], mut at: usize) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let zero_byte = |x: u64| x.wrapping_sub(ONES) & !x & HIGHS;
    while at + 8 <= bytes.len() {
        let mut word = [0u8; 8];
        word.copy_from_slice(&bytes[at..at + 8]);
        let x = u64::from_le_bytes(word);
        // Below 0x20, or equal to `"` or `\`.
        let flags =
            (x.wrapping_sub(ONES * 0x20) & !x & HIGHS) | zero_byte(x ^ (ONES * 0x22)) | zero_byte(x ^ (ONES * 0x5C));
        if flags != 0 {
            return Some(at + (flags.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    (at..bytes.len()).find(|&i| needs_escape(bytes[i]))
}

/// `n` in decimal, without the formatting machinery.
pub fn push_number(out: &mut String, mut n: u32) {
    // Most numbers of the index (gaps between pages, scores) have one or two digits.
    if n < 10 {
        out.push(char::from(b'0' + n as u8));
        return;
    }
    if n < 100 {
        out.push(char::from(b'0' + (n / 10) as u8));
        out.push(char::from(b'0' + (n % 10) as u8));
        return;
    }
    let mut digits = [0u8; 10];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend(digits[at..].iter().map(|&d| char::from(d)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let texts = ["plain", "", "quote \" and \\ back", "ctl \u{1}\u{8}\u{c}\n\r\t\u{1f}\u{7f}", "עברית / emoji 🎉"];
        for text in texts {
            let mut out = String::new();
            push_string(&mut out, text);
            assert_eq!(out, serde_json::to_string(text).unwrap());
        }
    }

    #[test]
    fn every_byte_in_every_place_is_escaped_as_serde_json_escapes_it() {
        let chars: Vec<char> =
            (0u32..0x80).filter_map(char::from_u32).chain(['\u{5D0}', '\u{80}', '🎉', '\u{2028}']).collect();
        for &c in &chars {
            for len in 0..20 {
                for at in 0..len {
                    let text: String = (0..len).map(|n| if n == at { c } else { 'a' }).collect();
                    let mut out = String::new();
                    push_string(&mut out, &text);
                    assert_eq!(out, serde_json::to_string(&text).unwrap(), "{text:?}");
                }
            }
        }
        let mixed = "a\"b\\c\u{1}d\u{1f}e \u{5D0}\"\"\n\n12345678\\";
        let mut out = String::new();
        push_string(&mut out, mixed);
        assert_eq!(out, serde_json::to_string(mixed).unwrap());
    }

    #[test]
    fn numbers_are_decimal() {
        for n in [0, 7, 9, 10, 42, 99, 100, 101, 1234, u32::MAX] {
            let mut out = String::new();
            push_number(&mut out, n);
            assert_eq!(out, n.to_string());
        }
    }
}
