//! A page's word count as a reader counts words (shown as reading time): every text node of every
//! page passes through here, so ASCII bytes and Hebrew letters are told apart without decoding
//! characters or reading the Unicode tables.

/// Words as a reader counts them: runs of letters or digits between spaces, in any script.
/// Hebrew joins words with a maqaf (בית־ספר is two words) and English with dashes between spaces.
pub fn count_words(text: &str) -> usize {
    let bytes = text.as_bytes();
    // `word`: the piece since the last separator has a letter or digit (0 or 1).
    let (mut count, mut word, mut at) = (0, 0u8, 0);
    while let Some(&byte) = bytes.get(at) {
        if byte.is_ascii() {
            // Without branches: most text is ASCII, and whether a byte ends a word is unpredictable.
            let class = ASCII_CLASS[byte as usize];
            let separates = class >> 1;
            count += usize::from(word & separates);
            word = (word | (class & LETTER)) & (separates ^ 1);
            at += 1;
            continue;
        }
        // Hebrew letters (U+05D0–U+05EA, 0xD7 0x90–0xAA): the most common characters past ASCII here.
        if byte == 0xD7 && matches!(bytes.get(at + 1), Some(0x90..=0xAA)) {
            word = 1;
            at += 2;
            continue;
        }
        let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) else { break };
        at += c.len_utf8();
        if c.is_whitespace() || c == '\u{05BE}' {
            count += usize::from(word);
            word = 0;
        } else if c.is_alphanumeric() {
            word = 1;
        }
    }
    count + usize::from(word)
}

/// An ASCII letter or digit.
const LETTER: u8 = 1;
/// Ends a word: ASCII whitespace as `char::is_whitespace` has it.
const SEPARATOR: u8 = 2;

/// What each ASCII byte is to `count_words`.
const ASCII_CLASS: [u8; 128] = {
    let mut class = [0; 128];
    let mut byte = 0;
    while byte < 128 {
        let b = byte as u8;
        class[byte] = if b.is_ascii_alphanumeric() {
            LETTER
        } else if matches!(b, b' ' | b'\t'..=b'\r') {
            SEPARATOR
        } else {
            0
        };
        byte += 1;
    }
    class
};

#[cfg(test)]
mod tests {
    use super::*;

    /// The definition, as it was written before: pieces between whitespace or maqaf with a letter or digit.
    fn reference(text: &str) -> usize {
        text.split(|c: char| c.is_whitespace() || c == '\u{05BE}')
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .count()
    }

    #[test]
    fn counts_as_the_definition_on_generated_text() {
        let chars = [
            'a', 'Z', '7', ' ', '\t', '\n', '\u{0B}', '\r', '-', '.', 'ש', 'ם', '\u{05BE}', '\u{05B8}', '—',
            '\u{00A0}', 'א', 'ת', '\u{05CF}', '\u{05EB}', '\u{05F0}', '\u{2003}', '\u{3000}', '\u{0085}', 'é', 'ب',
            '٢', '東', '😀', '²', '\u{200B}',
        ];
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..20_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let len = (state % 16) as usize;
            let text: String = (0..len).map(|n| chars[((state >> (n * 4)) as usize + n * 7) % chars.len()]).collect();
            assert_eq!(count_words(&text), reference(&text), "{text:?}");
        }
        assert_eq!(count_words("בית־ספר חָדָשׁ — ok"), 4);
    }
}
