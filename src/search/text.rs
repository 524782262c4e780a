//! Plain text from rendered Markdown HTML, for indexing and excerpts.

/// Inline elements join the text around them; every other tag separates words (`is_inline_tag`).
#[cfg(test)]
const INLINE_TAGS: &[&str] = &[
    "a", "abbr", "b", "bdi", "bdo", "code", "del", "em", "i", "ins", "kbd", "mark", "s", "small", "span", "strong",
    "sub", "sup", "u",
];

/// The text of an HTML fragment: tags removed (block tags become spaces), entities decoded, whitespace collapsed.
///
/// One scan of its bytes writes the text between tags, decoded, straight into the result. Entities are
/// decoded as if the tags had been removed first, so one whose `;` could lie past the next tag
/// (`&am<b>p;`) cannot be read before the tag: such a fragment, which Markdown never writes, takes the
/// two passes of the definition instead.
pub fn html_to_text(html: &str) -> String {
    let mut out = Collapsed { text: String::with_capacity(html.len()), space: false };
    match out.push_html(html) {
        Some(()) => out.text,
        None => decode_entities(&strip_tags(html)),
    }
}

/// The text of `html` with its tags removed (block tags become spaces), entities left as they are.
fn strip_tags(html: &str) -> String {
    let mut raw = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        raw.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('>') else { return raw };
        let (gap, next) = after_tag(rest, open, open + close + 1);
        if gap {
            raw.push(' ');
        }
        rest = &rest[next..];
    }
    raw.push_str(rest);
    raw
}

/// The tag at `open..close` of `html` (`<` to after `>`): whether it separates words, and where the
/// text after it resumes.
fn after_tag(html: &str, open: usize, close: usize) -> (bool, usize) {
    let tag = &html[open + 1..close - 1];
    let name = tag.trim_start_matches('/');
    let name = &name[..name.bytes().take_while(u8::is_ascii_alphanumeric).count()];
    // Decorations hidden from screen readers (heading anchors' "#") are not text either.
    if tag.len() >= HIDDEN.len() && tag.contains(HIDDEN) && !tag.ends_with('/') {
        let end = format!("</{}>", name.to_ascii_lowercase());
        let next = html[close..].find(&end).map_or(close, |at| close + at + end.len());
        return (!is_inline_tag(name), next);
    }
    (!is_inline_tag(name), close)
}

const HIDDEN: &str = "aria-hidden=\"true\"";

/// Whether `name` (any case) is one of `INLINE_TAGS`: lower-cased into a buffer and matched, rather than
/// compared with each name of the list.
fn is_inline_tag(name: &str) -> bool {
    let mut lower = [0u8; 6];
    if name.len() > lower.len() {
        return false;
    }
    for (l, b) in lower.iter_mut().zip(name.bytes()) {
        *l = b.to_ascii_lowercase();
    }
    matches!(
        &lower[..name.len()],
        b"a" | b"abbr"
            | b"b"
            | b"bdi"
            | b"bdo"
            | b"code"
            | b"del"
            | b"em"
            | b"i"
            | b"ins"
            | b"kbd"
            | b"mark"
            | b"s"
            | b"small"
            | b"span"
            | b"strong"
            | b"sub"
            | b"sup"
            | b"u"
    )
}

/// Decodes the entities comrak and syntect write (named basics and numeric references), and
/// collapses whitespace (the decoded characters' too) to single spaces, trimmed.
fn decode_entities(text: &str) -> String {
    let mut out = Collapsed { text: String::with_capacity(text.len()), space: false };
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        // An entity's `;` is within its first ten bytes: no need to look further.
        let entity = after.bytes().take(11).position(|b| b == b';').map(|end| (&after[..end], end));
        match entity.and_then(|(name, end)| decode_entity(name).map(|c| (c, end))) {
            Some((c, end)) => {
                out.push(c);
                rest = &after[end + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out.text
}

/// Text being written with its whitespace collapsed: a run of it becomes one space, none at the ends.
struct Collapsed {
    text: String,
    /// Whitespace came after the last character written.
    space: bool,
}

impl Collapsed {
    /// `html` with its tags removed (block tags as spaces) and its entities decoded, in one scan of its
    /// bytes. `None`, having written part of it, where an entity's `;` could lie past a tag.
    fn push_html(&mut self, html: &str) -> Option<()> {
        let bytes = html.as_bytes();
        let (mut run, mut at) = (0, 0);
        loop {
            while at < bytes.len() && !STOPS[usize::from(bytes[at])] {
                at += 1;
            }
            let Some(&b) = bytes.get(at) else { break };
            match b {
                // A single space between two words stays in the run as it is: the words go in as one.
                b' ' if at > run && bytes.get(at + 1).is_some_and(|&next| !STOPS[usize::from(next)]) => at += 1,
                b'<' => {
                    self.push_run(&html[run..at]);
                    let Some(close) = bytes[at..].iter().position(|&b| b == b'>') else { return Some(()) };
                    let (gap, next) = after_tag(html, at, at + close + 1);
                    if gap {
                        self.push(' ');
                    }
                    (run, at) = (next, next);
                }
                b'&' => {
                    self.push_run(&html[run..at]);
                    // An entity's `;` is within its first ten bytes (the window `decode_entities` reads).
                    let window = &bytes[at + 1..bytes.len().min(at + 12)];
                    let end = window.iter().position(|&b| b == b';' || b == b'<');
                    let entity = match end {
                        Some(end) if window[end] == b'<' => return None,
                        Some(end) => decode_entity(&html[at + 1..at + 1 + end]).map(|c| (c, end)),
                        None => None,
                    };
                    match entity {
                        Some((c, end)) => {
                            self.push(c);
                            at += end + 2;
                        }
                        None => {
                            self.push('&');
                            at += 1;
                        }
                    }
                    run = at;
                }
                _ => {
                    let c = html[at..].chars().next().unwrap_or(' ');
                    if c.is_whitespace() {
                        self.push_run(&html[run..at]);
                        self.space = !self.text.is_empty();
                        run = at + c.len_utf8();
                    }
                    at += c.len_utf8();
                }
            }
        }
        self.push_run(&html[run..]);
        Some(())
    }

    fn push(&mut self, c: char) {
        if c.is_whitespace() {
            self.space = !self.text.is_empty();
        } else {
            if self.space {
                self.text.push(' ');
                self.space = false;
            }
            self.text.push(c);
        }
    }

    fn push_str(&mut self, text: &str) {
        // Whitespace found by its bytes: only ASCII and characters led by C2, E1, E2 or E3 can be
        // whitespace (`MAY_START_SPACE`), so letters are stepped over a byte at a time without decoding them.
        let bytes = text.as_bytes();
        let (mut run, mut at) = (0, 0);
        loop {
            while at < bytes.len() && !MAY_START_SPACE[usize::from(bytes[at])] {
                at += 1;
            }
            let Some(&b) = bytes.get(at) else { break };
            let (space, len) = match b {
                0..0x80 => (true, 1),
                _ => {
                    let c = text[at..].chars().next().unwrap_or(' ');
                    (c.is_whitespace(), c.len_utf8())
                }
            };
            // A single space between two words stays in the run as it is: the words go in as one.
            if b == b' ' && at > run && bytes.get(at + 1).is_some_and(|&next| !MAY_START_SPACE[usize::from(next)]) {
                at += 1;
                continue;
            }
            if space {
                self.push_run(&text[run..at]);
                self.space = !self.text.is_empty();
                run = at + len;
            }
            at += len;
        }
        self.push_run(&text[run..]);
    }

    /// Text without whitespace.
    fn push_run(&mut self, run: &str) {
        if run.is_empty() {
            return;
        }
        if self.space {
            self.text.push(' ');
            self.space = false;
        }
        self.text.push_str(run);
    }
}

/// The bytes `push_html` stops at: those that may start whitespace, and those that start a tag or an entity.
static STOPS: [bool; 256] = {
    let mut table = MAY_START_SPACE;
    table[b'<' as usize] = true;
    table[b'&' as usize] = true;
    table
};

/// Where character number `n` (from 0) of `bytes` starts, if it has that many: characters are counted
/// by their first bytes, eight bytes at a time (a continuation byte is `10xxxxxx`).
fn char_start(bytes: &[u8], mut n: usize) -> Option<usize> {
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let mut at = 0;
    while at + 8 <= bytes.len() {
        let mut word = [0u8; 8];
        word.copy_from_slice(&bytes[at..at + 8]);
        let x = u64::from_le_bytes(word);
        let starts = 8 - (x & !(x << 1) & HIGHS).count_ones() as usize;
        if starts > n {
            break;
        }
        n -= starts;
        at += 8;
    }
    let mut starts = (at..bytes.len()).filter(|&i| !is_continuation(bytes[i]));
    starts.nth(n)
}

/// Whether `b` continues a character rather than starting one (10xxxxxx in UTF-8).
fn is_continuation(b: u8) -> bool {
    b & 0xC0 == 0x80
}

/// The bytes that may start a whitespace character: ASCII whitespace, and the lead bytes of the
/// others (U+0085, U+00A0; U+1680; U+2000–U+205F; U+3000).
static MAY_START_SPACE: [bool; 256] = {
    let mut table = [false; 256];
    let spaces = [b' ', b'\t', b'\n', 0x0B, 0x0C, b'\r', 0xC2, 0xE1, 0xE2, 0xE3];
    let mut n = 0;
    while n < spaces.len() {
        table[spaces[n] as usize] = true;
        n += 1;
    }
    table
};

fn decode_entity(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some(' '),
        _ => {
            let number = name.strip_prefix('#')?;
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}

/// The first `max_chars` characters of `text`, cut at a word boundary when one is near.
pub fn truncate_text(text: &str, max_chars: usize) -> &str {
    // Characters counted by their first bytes, without decoding them; a text of no more bytes than
    // `max_chars` has no more characters either.
    if text.len() <= max_chars {
        return text;
    }
    let Some(cut) = char_start(text.as_bytes(), max_chars) else { return text };
    let head = &text[..cut];
    match head.rfind(' ') {
        Some(space) if space > cut * 4 / 5 => &head[..space],
        _ => head,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_tags_separate_words_and_inline_tags_do_not() {
        assert_eq!(
            html_to_text("<h2>Title</h2><p>un<em>usual</em> &amp; <code>x&lt;y</code></p>"),
            "Title unusual & x<y"
        );
    }

    #[test]
    fn numeric_entities_are_decoded() {
        assert_eq!(html_to_text("<p>&#x5D0;&#1489; &#39;q&#39; &bogus; a&b</p>"), "אב 'q' &bogus; a&b");
    }

    #[test]
    fn whitespace_collapses_across_tags_and_entities() {
        assert_eq!(html_to_text("  <p> a \n\t b</p>&#10;<P>c&nbsp;&nbsp;d</P>&#32;"), "a b c d");
        assert_eq!(html_to_text("<SPAN>in</SPAN>line<BR/>x\u{3000}y"), "inline x y");
        assert_eq!(html_to_text(""), "");
        assert_eq!(html_to_text(" &#32; "), "");
    }

    #[test]
    fn every_whitespace_character_separates_words_and_no_other_does() {
        for c in (0..0x3_0000).filter_map(char::from_u32) {
            let mut out = Collapsed { text: String::new(), space: false };
            out.push_str(&format!(" a{c}{c}b\u{5D0}{c} "));
            let expected = if c.is_whitespace() { "a b\u{5D0}".to_string() } else { format!("a{c}{c}b\u{5D0}{c}") };
            assert_eq!(out.text, expected, "{:?}", c);
        }
    }

    #[test]
    fn runs_of_words_collapse_as_character_by_character() {
        let pieces = [" ", "  ", "a", "bc", "\u{5D0}\u{5D1}", "\u{a0}", "\u{2003}", "\u{3000}", "\n", "\t", "é", "🎉"];
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let text = format!("{a}x {b} y{c} {a}{c}z {b}");
                    let mut fast = Collapsed { text: String::new(), space: false };
                    fast.push_str(&text);
                    let mut slow = Collapsed { text: String::new(), space: false };
                    text.chars().for_each(|ch| slow.push(ch));
                    assert_eq!(fast.text, slow.text, "{text:?}");
                }
            }
        }
    }

    /// The definition the one-pass `html_to_text` keeps to: tags removed first, then entities decoded.
    fn two_passes(html: &str) -> String {
        decode_entities(&strip_tags(html))
    }

    #[test]
    fn one_pass_equals_tags_then_entities() {
        let pieces = [
            "a",
            " ",
            "&amp;",
            "&am",
            "p;",
            "&#x5D0;",
            "&#10;",
            "&nbsp;",
            "&bogus;",
            "&",
            ";",
            "<p>",
            "</P>",
            "<em>",
            "</em>",
            "<b>",
            "<br/>",
            "<code>",
            "<",
            ">",
            "\u{5D0}\u{5D1}",
            "\u{a0}",
            "\u{3000}",
            "é",
            "\n",
            "<a aria-hidden=\"true\">#</a>",
            "<span aria-hidden=\"true\"/>",
            "<strong2>",
            "&#x",
        ];
        let mut texts = 0;
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    for d in ["", "x", "&", "<i>", "1234567890"] {
                        let html = format!("{a}{d}{b}{c}{d}{a}");
                        assert_eq!(html_to_text(&html), two_passes(&html), "{html:?}");
                        texts += 1;
                    }
                }
            }
        }
        assert!(texts > 100_000);
        // An entity read across an inline tag, as removing the tags first makes it.
        assert_eq!(html_to_text("x &am<b>p; y"), "x & y");
        assert_eq!(html_to_text("x &am<p>p; y"), "x &am p; y");
    }

    #[test]
    fn inline_tags_are_told_in_any_case() {
        for name in INLINE_TAGS {
            assert!(is_inline_tag(name), "{name}");
            assert!(is_inline_tag(&name.to_ascii_uppercase()), "{name}");
        }
        for name in ["", "p", "div", "h2", "strongs", "spa", "br", "li", "table", "abbrev"] {
            assert!(!is_inline_tag(name), "{name}");
        }
    }

    #[test]
    fn hidden_heading_anchors_are_not_text() {
        let html = "<h2 id=\"a\">Setup<a class=\"heading-anchor\" href=\"#a\" aria-hidden=\"true\">#</a></h2><p>x</p>";
        assert_eq!(html_to_text(html), "Setup x");
    }

    #[test]
    fn characters_are_found_as_counted_one_by_one() {
        let pieces = ["a", "\u{5D0}", "é", "🎉", " ", "\u{3000}", "ab"];
        let mut text = String::new();
        for n in 0..200 {
            text.push_str(pieces[(n * 7 + n / 3) % pieces.len()]);
            let bytes = text.as_bytes();
            let starts: Vec<usize> = (0..bytes.len()).filter(|&i| !is_continuation(bytes[i])).collect();
            for k in 0..starts.len() + 3 {
                assert_eq!(char_start(bytes, k), starts.get(k).copied(), "{text:?} {k}");
            }
        }
    }

    #[test]
    fn truncation_prefers_a_word_boundary() {
        assert_eq!(truncate_text("alpha beta gamma", 12), "alpha beta");
        assert_eq!(truncate_text("short", 12), "short");
        assert_eq!(truncate_text("שלום עולם ארוך", 9), "שלום עולם");
        assert_eq!(truncate_text("שלום עולם", 9), "שלום עולם");
        assert_eq!(truncate_text("שלוםעולםארוך", 4), "שלום");
    }
}
