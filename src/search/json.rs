//! JSON written by hand for the index's hot paths: a 10,000-page site's index holds millions of
//! numbers and hundreds of thousands of strings, and building `serde_json::Value`s for them costs
//! an allocation each. The output is byte for byte what `serde_json` writes.

/// `text` as a JSON string, escaped as `serde_json` escapes it: quotes, backslashes and control
/// characters only.
pub fn push_string(out: &mut String, text: &str) {
    out.push('"');
    let mut start = 0;
    for (at, byte) in text.bytes().enumerate() {
        let escape = match byte {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0C => "\\f",
            0..=0x1F => "",
            _ => continue,
        };
        out.push_str(&text[start..at]);
        if escape.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("\\u00");
            out.push(HEX[usize::from(byte >> 4)] as char);
            out.push(HEX[usize::from(byte & 0xF)] as char);
        } else {
            out.push_str(escape);
        }
        start = at + 1;
    }
    out.push_str(&text[start..]);
    out.push('"');
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
    fn numbers_are_decimal() {
        for n in [0, 7, 9, 10, 42, 99, 100, 101, 1234, u32::MAX] {
            let mut out = String::new();
            push_number(&mut out, n);
            assert_eq!(out, n.to_string());
        }
    }
}
