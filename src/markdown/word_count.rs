//! A page's word count as a reader counts words (shown as reading time): every text node of every
//! page passes through here, so ASCII and Hebrew letters are told apart without the Unicode tables.

/// Words as a reader counts them: runs of letters or digits between spaces, in any script.
/// Hebrew joins words with a maqaf (בית־ספר is two words) and English with dashes between spaces.
pub fn count_words(text: &str) -> usize {
    let (mut count, mut word) = (0, false);
    for c in text.chars() {
        // `word`: the piece since the last separator has a letter or digit.
        let separates = match c {
            ' ' | '\t'..='\r' => true,
            c if c.is_ascii() => {
                word |= c.is_ascii_alphanumeric();
                false
            }
            // Hebrew letters: the most common characters past ASCII here, and no separators.
            '\u{05D0}'..='\u{05EA}' => {
                word = true;
                false
            }
            c if c.is_whitespace() || c == '\u{05BE}' => true,
            c => {
                word = word || c.is_alphanumeric();
                false
            }
        };
        if separates {
            count += usize::from(word);
            word = false;
        }
    }
    count + usize::from(word)
}

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
            '\u{00A0}', '\u{2003}', '\u{3000}', '\u{0085}', 'é', 'ب', '٢', '東', '😀', '²', '\u{200B}',
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
