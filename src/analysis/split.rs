//! Splitting text into words (rules 1–3 of the module documentation) without allocating per word: every word
//! of every page passes through here, so each one is built in two buffers that the next word reuses, and
//! handed to a visitor. ASCII letters, digits and separators take a short path; everything else is decomposed
//! and folded character by character.
//!
//! A Hebrew or Arabic prefix particle written against a word in another script (`ה-API`) is not a word, and
//! only the word after it can tell: a token that could be such a particle waits in a second pair of buffers
//! until the next token is known.

use super::word_chars::{
    ends_word, is_final_letter_byte, is_number_char, is_plain_hebrew_letter, is_word_char, joins_word, keeps_accent,
    ASCII_CLASSES, CAPITAL,
};
use super::{arabic, hebrew, is_hebrew_letter, is_ignored_mark, push_folded, script_of, Script};
use unicode_normalization::UnicodeNormalization;

/// A word of the text, borrowed from the splitter's buffers for the length of a visit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SplitWord<'a> {
    /// Byte range of the word in the split text (marks inside it included, joining quotes after its last
    /// letter not).
    pub start: usize,
    pub end: usize,
    /// The normalised word.
    pub normal: &'a str,
    /// `normal` with the accents of Latin and Cyrillic letters and a Latin word's apostrophes kept, for the
    /// stemmers (see `normal_words`).
    pub written: &'a str,
}

/// Calls `visit` with each word of `text` as [`super::normal_words`] lists them (accents kept for the
/// stemmers), in order, without allocating per word.
pub fn for_each_word(text: &str, mut visit: impl FnMut(&str)) {
    split_words(text, |word| visit(word.written));
}

/// Calls `visit` with each word of `text`, its byte range and both of its normalised forms.
pub fn split_words(text: &str, visit: impl FnMut(&SplitWord)) {
    let mut splitter = Splitter {
        text,
        current: Token::default(),
        open: false,
        held: Token::default(),
        holding: false,
        previous_word_char: None,
        pieces: String::new(),
        whole: String::new(),
        visit,
    };
    splitter.run();
}

/// A word being built, or one waiting for the next (see `Splitter::held`).
#[derive(Debug, Default)]
struct Token {
    start: usize,
    end: usize,
    normal: String,
    written: String,
    /// The script of the first letter or digit.
    script: Option<Script>,
    /// The script of the last letter (not digit) so far.
    last_letter_script: Option<Script>,
}

impl Token {
    fn restart(&mut self, start: usize, end: usize, script: Script) {
        self.start = start;
        self.end = end;
        self.normal.clear();
        self.written.clear();
        self.script = Some(script);
        self.last_letter_script = None;
    }

    fn as_word(&self) -> SplitWord<'_> {
        SplitWord { start: self.start, end: self.end, normal: &self.normal, written: &self.written }
    }

    /// A Hebrew or Arabic particle chain, which is no word if another script's word follows it closely.
    fn may_be_attached_prefix(&self) -> bool {
        match self.script {
            Some(Script::Hebrew) => hebrew::is_prefix_chain(&self.normal),
            Some(Script::Arabic) => arabic::is_prefix_chain(&self.normal),
            _ => false,
        }
    }
}

struct Splitter<'t, F> {
    text: &'t str,
    /// The word being built, while `open`.
    current: Token,
    open: bool,
    /// A finished word that may be an attached prefix, while `holding`: the next word decides.
    held: Token,
    holding: bool,
    /// The last letter or digit added to the open word, for the joining rules.
    previous_word_char: Option<char>,
    /// One source character's folded pieces: a letter and its marks, or a ligature's letters.
    pieces: String,
    /// A whole word folded (`whole_word`), when its text needs folding.
    whole: String,
    visit: F,
}

impl<F: FnMut(&SplitWord)> Splitter<'_, F> {
    fn run(&mut self) {
        let text = self.text;
        let bytes = text.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            let b = bytes[at];
            if b.is_ascii_alphanumeric() {
                // The run, and whether it has capitals, in one pass.
                let (mut end, mut classes) = (at, 0);
                while let Some(class) = bytes.get(end).map(|&b| ASCII_CLASSES[usize::from(b)]).filter(|&c| c != 0) {
                    classes |= class;
                    end += 1;
                }
                if !self.whole_word(at, end, Script::Other, classes & CAPITAL != 0) {
                    self.push_ascii_run(at, end);
                }
                at = end;
            } else if is_plain_hebrew_letter(bytes, at) {
                let (mut end, mut finals) = (at, false);
                while is_plain_hebrew_letter(bytes, end) {
                    finals |= is_final_letter_byte(bytes[end + 1]);
                    end += 2;
                }
                if !self.whole_word(at, end, Script::Hebrew, finals) {
                    self.push_hebrew_run(at, end);
                }
                at = end;
            } else if b.is_ascii() && (!self.open || !matches!(b, b'\'' | b'"' | b'`' | b',' | b'.')) {
                // Spaces and punctuation that never join a word: the word ends. Those that may join one
                // (quotes, `,` and `.` between digits) only join an open word: with none open, they too
                // only end what went before (`push_char` would find them no letter and join nothing).
                self.end_word();
                at += 1;
            } else {
                let mut rest = text[at..].chars();
                let Some(c) = rest.next() else { break };
                self.push_char(at, c, rest.next());
                at += c.len_utf8();
            }
        }
        self.end_word();
        if self.holding {
            self.holding = false;
            (self.visit)(&self.held.as_word());
        }
    }

    /// Most words are a run of ASCII letters and digits, or of plain Hebrew letters, between separators:
    /// such a run at `start..end` (`fold`: with capitals or final letters) is handed out at once, without building a token, when no word is open
    /// or held before it, the byte after it surely ends it (see `ends_word`), and it is no Hebrew
    /// particle chain that the next word could show to be an attached prefix. Returns false, having
    /// done nothing, for every other run: the token path then takes it, with the same result.
    /// Inlined into `run`, with the visit: a call per word cost more than the lookup that follows it.
    #[inline(always)]
    fn whole_word(&mut self, start: usize, end: usize, script: Script, fold: bool) -> bool {
        let bytes = self.text.as_bytes();
        if self.open || self.holding || !ends_word(bytes, end) {
            return false;
        }
        let run = &self.text[start..end];
        let word = match script {
            _ if !fold => run,
            Script::Hebrew => {
                self.whole.clear();
                self.whole.extend(run.chars().map(hebrew::ordinary_letter));
                &self.whole
            }
            _ => {
                self.whole.clear();
                self.whole.push_str(run);
                self.whole.make_ascii_lowercase();
                &self.whole
            }
        };
        if script == Script::Hebrew && hebrew::is_prefix_chain(word) {
            return false;
        }
        (self.visit)(&SplitWord { start, end, normal: word, written: word });
        self.previous_word_char = None;
        true
    }

    /// A run of ASCII letters and digits at `start..end`. Only its first letter can start a new word (after
    /// a Hebrew or Arabic letter); once a Latin letter or nothing but digits went before, the rest of the run
    /// joins the word whole.
    fn push_ascii_run(&mut self, start: usize, end: usize) {
        let mut at = start;
        while at < end && !(self.open && self.current.last_letter_script.is_none_or(|last| last == Script::Other)) {
            let p = char::from(self.text.as_bytes()[at].to_ascii_lowercase());
            self.push_word_char(at, at + 1, p, Script::Other);
            self.current.written.push(p);
            at += 1;
        }
        if at == end {
            return;
        }
        let run = &self.text[at..end];
        let token = &mut self.current;
        for form in [&mut token.normal, &mut token.written] {
            let from = form.len();
            form.push_str(run);
            form[from..].make_ascii_lowercase();
        }
        token.end = end;
        if run.bytes().any(|b| b.is_ascii_alphabetic()) {
            token.last_letter_script = Some(Script::Other);
        }
        self.previous_word_char = run.chars().next_back().map(|c| c.to_ascii_lowercase());
    }

    /// A run of Hebrew letters at `start..end` (two bytes each, no marks between them). Only the first can
    /// start a new word; the others join it, final letters made ordinary, as `push_char` would add them.
    fn push_hebrew_run(&mut self, start: usize, end: usize) {
        let mut letters = self.text[start..end].chars().map(hebrew::ordinary_letter);
        let Some(first) = letters.next() else { return };
        self.push_word_char(start, start + first.len_utf8(), first, Script::Hebrew);
        self.current.written.push(first);
        if start + first.len_utf8() == end {
            return;
        }
        let token = &mut self.current;
        let from = token.normal.len();
        token.normal.extend(letters);
        token.written.push_str(&token.normal[from..]);
        token.end = end;
        self.previous_word_char = token.normal.chars().next_back();
    }

    /// Any character: decomposed, its marks dropped and folded, then each piece added as a letter, a joining
    /// mark or the end of the word.
    fn push_char(&mut self, at: usize, c: char, next: Option<char>) {
        let end = at + c.len_utf8();
        // Decompose first: one source character may be a letter followed by marks, or a ligature of letters.
        // ASCII and plain Hebrew letters decompose to themselves.
        let mut pieces = std::mem::take(&mut self.pieces);
        pieces.clear();
        if c.is_ascii() || is_hebrew_letter(c) {
            push_folded(&mut pieces, c);
        } else {
            for d in std::iter::once(c).nfkd().filter(|d| !is_ignored_mark(*d)) {
                push_folded(&mut pieces, d);
            }
        }
        if pieces.is_empty() && self.open {
            // A mark or control alone: part of the word it sits in.
            self.current.end = end;
        }
        let accented = keeps_accent(c);
        for (n, p) in pieces.chars().enumerate() {
            if is_word_char(p) {
                self.push_word_char(at, end, p, script_of(p));
                let written = &mut self.current.written;
                match (accented, n) {
                    (false, _) => written.push(p),
                    (true, 0) => written.extend(c.to_lowercase()),
                    (true, _) => {}
                }
            } else if self.open && joins_word(p, self.previous_word_char, next) {
                let token = &mut self.current;
                match p {
                    '.' => {
                        token.normal.push('.');
                        token.written.push('.');
                    }
                    // The stemmer of a Latin word sees its apostrophe: French `l'utilisateur` is `utilisateur`.
                    '\'' | '\u{2019}' if token.script == Some(Script::Other) => token.written.push('\''),
                    _ => {}
                }
            } else {
                self.end_word();
            }
        }
        self.pieces = pieces;
    }

    /// Adds a letter or digit `p` (from the source character at `at..end`) to the open word, or starts one;
    /// a letter of another script than the word's last letter starts a new word. The caller adds `p` to the
    /// written form.
    fn push_word_char(&mut self, at: usize, end: usize, p: char, script: Script) {
        let number = is_number_char(p);
        if self.open && !number && self.current.last_letter_script.is_some_and(|last| last != script) {
            self.finish_word();
        }
        if !self.open {
            self.current.restart(at, end, script);
            self.open = true;
        }
        let token = &mut self.current;
        token.normal.push(p);
        token.end = end;
        if !number {
            token.last_letter_script = Some(script);
        }
        self.previous_word_char = Some(p);
    }

    /// A separator: the open word, if any, is finished.
    fn end_word(&mut self) {
        if self.open {
            self.finish_word();
        }
        self.previous_word_char = None;
    }

    /// Hands out the open word, and the held one before it unless the open word shows it was an attached
    /// prefix. A word that may itself be such a prefix is held instead.
    fn finish_word(&mut self) {
        self.open = false;
        if self.holding {
            self.holding = false;
            if !self.held_is_attached() {
                (self.visit)(&self.held.as_word());
            }
        }
        if self.current.may_be_attached_prefix() {
            std::mem::swap(&mut self.held, &mut self.current);
            self.holding = true;
        } else {
            (self.visit)(&self.current.as_word());
        }
    }

    /// Whether the held particle chain is written against the word just finished, in another script
    /// (`ה-API`, `בCRM`, `بـAPI`).
    fn held_is_attached(&self) -> bool {
        let (held, next) = (&self.held, &self.current);
        if next.script == held.script {
            return false;
        }
        let gap = &self.text[held.end..next.start];
        gap.is_empty() || matches!(gap, "-" | "\u{05BE}" | "\u{2010}" | "\u{2011}" | "'" | "\"")
    }
}
