//! Text on a card: fonts chosen letter by letter, lines ordered by the Unicode bidi algorithm,
//! each run shaped by rustybuzz (Arabic letters joined, Hebrew marks placed), and titles wrapped
//! at spaces with an ellipsis when they do not fit.

use rustybuzz::{Direction, Face, UnicodeBuffer};
use std::borrow::Cow;
use unicode_bidi::{BidiInfo, Level};

/// The font files a card may use, in the order they are tried for each letter.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FontFiles {
    /// For titles.
    pub bold: Vec<Cow<'static, [u8]>>,
    /// For the site name and the byline.
    pub regular: Vec<Cow<'static, [u8]>>,
}

/// One weight's faces, parsed from `FontFiles` for one card (parsing only reads table offsets).
pub struct Faces<'a>(Vec<Face<'a>>);

impl<'a> Faces<'a> {
    /// The faces of `files`; files that are not fonts were refused when they were read.
    pub fn parse(files: &'a [Cow<'static, [u8]>]) -> Faces<'a> {
        Faces(files.iter().filter_map(|data| Face::from_slice(data, 0)).collect())
    }

    /// Face `i` (glyphs carry the index of the face they come from).
    pub fn face(&self, i: usize) -> &Face<'a> {
        &self.0[i]
    }

    /// Characters of `text` that no face can draw (spaces and controls aside), with what is known
    /// of each character's glyph so far (`drawn`, for many texts drawn in the same faces: a site's
    /// titles use a few hundred letters, each looked up once).
    pub fn missing_with(&self, text: &str, drawn: &mut rustc_hash::FxHashMap<char, bool>) -> Vec<char> {
        let mut missing: Vec<char> = text
            .chars()
            .filter(|c| !c.is_whitespace() && !c.is_control() && !is_format(*c))
            .filter(|c| !*drawn.entry(*c).or_insert_with(|| self.0.iter().any(|f| f.glyph_index(*c).is_some())))
            .collect();
        missing.dedup();
        missing
    }

    /// For each character of `text`, the face that draws it: the first that has it, except that
    /// marks, spaces and punctuation stay in the face of the letter before them when it has them,
    /// so a Hebrew word keeps its niqqud and a comma after Arabic stays Arabic.
    fn choose(&self, text: &str) -> Vec<usize> {
        let mut previous: Option<usize> = None;
        text.chars()
            .map(|c| {
                let has = |i: usize| self.0[i].glyph_index(c).is_some();
                let keep = previous.filter(|&p| !c.is_alphabetic() && has(p));
                let chosen = keep.or_else(|| (0..self.0.len()).find(|&i| has(i))).or(previous).unwrap_or(0);
                previous = Some(chosen);
                chosen
            })
            .collect()
    }
}

/// Zero-width joiners and direction marks have no glyph of their own, and need none.
fn is_format(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
}

/// A glyph placed on a line: `x` from the line's left edge, in pixels.
#[derive(Debug, Clone, Copy)]
pub struct PlacedGlyph {
    pub face: usize,
    pub id: u16,
    pub x: f32,
    pub y: f32,
}

/// One line of text laid out left to right, as it is seen.
#[derive(Debug, Default)]
pub struct Line {
    pub glyphs: Vec<PlacedGlyph>,
    pub width: f32,
}

/// How text is set: its faces, size in pixels, language and paragraph direction.
pub struct Setting<'f, 'a> {
    pub faces: &'f Faces<'a>,
    pub size: f32,
    pub lang: &'f str,
    pub rtl: bool,
}

impl Setting<'_, '_> {
    /// `text` as one line, in visual order: the bidi algorithm orders its runs, and each run is
    /// split where the face changes and shaped in its own direction.
    pub fn line(&self, text: &str) -> Line {
        let mut line = Line::default();
        if text.is_empty() {
            return line;
        }
        let base = if self.rtl { Level::rtl() } else { Level::ltr() };
        let bidi = BidiInfo::new(text, Some(base));
        let chosen = self.faces.choose(text);
        let face_at: Vec<(usize, usize)> = text.char_indices().map(|(at, _)| at).zip(chosen).collect();
        for paragraph in &bidi.paragraphs {
            let (levels, runs) = bidi.visual_runs(paragraph, paragraph.range.clone());
            for run in runs {
                let rtl = levels[run.start].is_rtl();
                let mut pieces = face_pieces(&face_at, run.clone());
                if rtl {
                    pieces.reverse();
                }
                for (face, range) in pieces {
                    self.shape_into(&text[range], face, rtl, &mut line);
                }
            }
        }
        line
    }

    fn shape_into(&self, text: &str, face: usize, rtl: bool, line: &mut Line) {
        let font = self.faces.face(face);
        let mut buffer = UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        buffer.set_direction(if rtl { Direction::RightToLeft } else { Direction::LeftToRight });
        if let Ok(language) = self.lang.parse() {
            buffer.set_language(language);
        }
        let shaped = rustybuzz::shape(font, &[], buffer);
        let scale = self.size / font.units_per_em() as f32;
        for (info, position) in shaped.glyph_infos().iter().zip(shaped.glyph_positions()) {
            line.glyphs.push(PlacedGlyph {
                face,
                id: info.glyph_id as u16,
                x: line.width + position.x_offset as f32 * scale,
                y: -position.y_offset as f32 * scale,
            });
            line.width += position.x_advance as f32 * scale;
        }
    }

    /// `text` broken at spaces into lines no wider than `width`, at most `max_lines` of them;
    /// what does not fit ends the last line with an ellipsis, and `true` says so. `None` when one
    /// word alone is wider than `width`, so the caller can try a smaller size.
    pub fn wrap(&self, text: &str, width: f32, max_lines: usize) -> Option<(Vec<Line>, bool)> {
        let words: Vec<&str> = text.split_whitespace().collect();
        let mut lines = Vec::new();
        let mut start = 0;
        while start < words.len() {
            if lines.len() + 1 == max_lines {
                let (line, cut) = self.last_line(&words[start..], width);
                lines.push(line);
                return Some((lines, cut));
            }
            let mut end = start + 1;
            while end < words.len() && self.line(&words[start..=end].join(" ")).width <= width {
                end += 1;
            }
            let line = self.line(&words[start..end].join(" "));
            if line.width > width {
                return None;
            }
            lines.push(line);
            start = end;
        }
        Some((lines, false))
    }

    /// The words that are left, or as many as fit followed by "…" (and `true`).
    pub fn last_line(&self, words: &[&str], width: f32) -> (Line, bool) {
        let whole = self.line(&words.join(" "));
        if whole.width <= width {
            return (whole, false);
        }
        for end in (1..words.len()).rev() {
            let shortened = self.line(&format!("{}…", words[..end].join(" ")));
            if shortened.width <= width {
                return (shortened, true);
            }
        }
        // One word wider than the card: cut it letter by letter.
        let letters: Vec<char> = words.first().map(|w| w.chars().collect()).unwrap_or_default();
        let cut = (1..letters.len())
            .rev()
            .map(|end| self.line(&format!("{}…", letters[..end].iter().collect::<String>())))
            .find(|line| line.width <= width)
            .unwrap_or_else(|| self.line("…"));
        (cut, true)
    }
}

/// The byte ranges of `run` that one face draws, in logical order.
fn face_pieces(face_at: &[(usize, usize)], run: std::ops::Range<usize>) -> Vec<(usize, std::ops::Range<usize>)> {
    let mut pieces: Vec<(usize, std::ops::Range<usize>)> = Vec::new();
    let inside = face_at.iter().enumerate().filter(|(_, (at, _))| run.contains(at));
    for (k, &(at, face)) in inside {
        let end = face_at.get(k + 1).map_or(run.end, |(next, _)| *next).min(run.end);
        match pieces.last_mut() {
            Some((last, range)) if *last == face => range.end = end,
            _ => pieces.push((face, at..end)),
        }
    }
    pieces
}
