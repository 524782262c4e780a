//! A page's word count as a reader counts words (shown as reading time): every text node of every
//! page passes through here, so ASCII bytes and Hebrew letters are told apart without decoding
//! characters or reading the Unicode tables.

/// Words as a reader counts them: runs of letters or digits between spaces, in any script.
/// Hebrew joins words with a maqaf (בית־ספר is two words) and English with dashes between spaces.
pub fn count_words(text: &str) -> usize {
    let bytes = text.as_bytes();
    // `word`: the piece since the last separator has a letter or digit (0 or 1).
    let (mut count, mut word, mut at) = (0, 0u8, 0);
    while at < bytes.len() {
        // ASCII eight bytes at a time (this was a tenth of the Markdown stage byte by byte), then
        // byte by byte up to the next byte past ASCII.
        let ascii_end = loop {
            let Some(chunk) = bytes.get(at..at + 8) else {
                break bytes[at..].iter().position(|b| !b.is_ascii()).map_or(bytes.len(), |n| at + n);
            };
            let chunk = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
            let past_ascii = chunk & HIGH_BITS;
            if past_ascii != 0 {
                break at + (past_ascii.trailing_zeros() / 8) as usize;
            }
            let (words, ends_in_word) = count_ascii_chunk(chunk, word);
            count += words;
            word = ends_in_word;
            at += 8;
        };
        for &byte in &bytes[at..ascii_end] {
            // Without branches: whether a byte ends a word is unpredictable.
            let class = ASCII_CLASS[byte as usize];
            let separates = class >> 1;
            count += usize::from(word & separates);
            word = (word | (class & LETTER)) & (separates ^ 1);
        }
        at = ascii_end;
        // Then the characters past ASCII, up to the next ASCII byte.
        while let Some(&byte) = bytes.get(at).filter(|b| !b.is_ascii()) {
            // Hebrew letters (U+05D0–U+05EA, 0xD7 0x90–0xAA): the most common characters past ASCII here.
            if byte == 0xD7 && matches!(bytes.get(at + 1), Some(0x90..=0xAA)) {
                word = 1;
                at += 2;
                continue;
            }
            let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) else { return count + usize::from(word) };
            at += c.len_utf8();
            if c.is_whitespace() || c == '\u{05BE}' {
                count += usize::from(word);
                word = 0;
            } else if c.is_alphanumeric() {
                word = 1;
            }
        }
    }
    count + usize::from(word)
}

/// The high bit of each byte of a `u64`.
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// `byte` in each byte of a `u64`.
const fn each(byte: u8) -> u64 {
    u64::from_le_bytes([byte; 8])
}

/// The high bit of each byte of `chunk` (all ASCII) that is at least `low`.
fn at_least(chunk: u64, low: u8) -> u64 {
    // An ASCII byte plus `0x80 - low` stays below 0x100, so no carry reaches the next byte.
    chunk.wrapping_add(each(0x80 - low)) & HIGH_BITS
}

/// The words ended in eight ASCII bytes (first byte lowest), given whether a word was open before
/// them (`word`, 0 or 1), and whether one is open after them. The same as `count_words`'s byte
/// loop: a separator ends a word when the last letter or separator before it is a letter.
fn count_ascii_chunk(chunk: u64, word: u8) -> (usize, u8) {
    let lower = chunk | each(0x20);
    let alpha = at_least(lower, b'a') & !at_least(lower, b'z' + 1);
    let digit = at_least(chunk, b'0') & !at_least(chunk, b'9' + 1);
    let control = at_least(chunk, b'\t') & !at_least(chunk, b'\r' + 1);
    let not_space = (chunk ^ each(b' ')).wrapping_add(each(0x7F)) & HIGH_BITS;
    // One bit per byte, moved to the byte's lowest bit.
    let letters = (alpha | digit) >> 7;
    let separators = (control | (!not_space & HIGH_BITS)) >> 7;
    // Bytes that are neither, as 0xFF: a 1 added below a run of them carries through to the first
    // byte after it.
    let neither = (!(letters | separators) & each(1)) * 0xFF;
    // A 1 in each byte right after a letter, and in the first byte if a word is open.
    let after_letter = (letters << 8) | u64::from(word);
    let (landed, carried_out) = after_letter.overflowing_add(neither);
    // The letters and separators whose last letter-or-separator before them is a letter.
    let after_word = landed & !neither;
    let ended = (after_word & separators).wrapping_mul(each(1)) >> 56;
    let open = carried_out || letters >> 56 != 0;
    (ended as usize, u8::from(open))
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

    /// Long runs of ASCII go eight bytes at a time: every ASCII byte, at every place in a run and
    /// beside the characters past ASCII, counts as the definition has it.
    #[test]
    fn counts_long_ascii_runs_as_the_definition() {
        let past_ascii = ['ש', '\u{05BE}', '\u{00A0}', '—', 'é', '\u{2003}'];
        let mut state: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..50_000 {
            let len = (next() % 40) as usize;
            let text: String = (0..len)
                .map(|_| {
                    let r = next();
                    match r % 16 {
                        0 => past_ascii[(r >> 8) as usize % past_ascii.len()],
                        1..=4 => ' ',
                        5..=8 => char::from(b'a' + (r >> 8) as u8 % 26),
                        _ => char::from((r >> 8) as u8 & 0x7F),
                    }
                })
                .collect();
            assert_eq!(count_words(&text), reference(&text), "{text:?}");
        }
    }
}
