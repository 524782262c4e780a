//! Painting one card: a band of the accent colour on the side text starts from, the site's name
//! above, the title in the middle (as large as fits in three lines), the byline below; all
//! aligned to the start edge of the page's direction, so a Hebrew card is a mirror of an English one.

use super::text::{Faces, FontFiles, Line, Setting};
use super::{Card, Rgb};
use rustybuzz::ttf_parser::{GlyphId, OutlineBuilder};
use tiny_skia::{Color, FillRule, Paint, PathBuilder, Pixmap, Rect, Transform};

const WIDTH: f32 = 1200.0;
const HEIGHT: f32 = 630.0;
/// The accent band's width, on the start side.
const BAND: f32 = 20.0;
/// The space between the text and the card's sides.
const MARGIN: f32 = 96.0;
/// Title sizes tried in turn: the first at which the title fits in `TITLE_LINES` lines wins;
/// at the last, what does not fit is cut with an ellipsis.
const TITLE_SIZES: [f32; 4] = [76.0, 66.0, 58.0, 50.0];
const TITLE_LINES: usize = 3;
/// Where the title block is centred, between the site's name and the byline.
const TITLE_AREA: (f32, f32) = (150.0, 500.0);
const SMALL_SIZE: f32 = 34.0;

/// The card as PNG bytes.
pub fn paint_card(card: &Card, fonts: &FontFiles) -> Result<Vec<u8>, String> {
    let bold = Faces::parse(&fonts.bold);
    let regular = Faces::parse(&fonts.regular);
    let mut pixmap = Pixmap::new(WIDTH as u32, HEIGHT as u32).ok_or("cannot allocate the picture")?;
    pixmap.fill(colour(card.colours.background));
    let band_x = if card.rtl { WIDTH - BAND } else { 0.0 };
    if let Some(band) = Rect::from_xywh(band_x, 0.0, BAND, HEIGHT) {
        pixmap.fill_rect(band, &paint(card.colours.accent), Transform::identity(), None);
    }
    let measure = WIDTH - 2.0 * MARGIN;
    let small = Setting { faces: &regular, size: SMALL_SIZE, lang: &card.lang, rtl: card.rtl };
    let words = |text: &str| text.split_whitespace().map(str::to_string).collect::<Vec<_>>();
    let site_words = words(&card.site);
    let (site, _) = small.last_line(&site_words.iter().map(String::as_str).collect::<Vec<_>>(), measure);
    draw_line(&mut pixmap, (&regular, SMALL_SIZE), &site, (start_x(card.rtl, &site), 112.0), card.colours.accent);

    let (title, size) = title_lines(card, &bold, measure);
    let leading = size * 1.2;
    let block = leading * title.len() as f32;
    let first_baseline = TITLE_AREA.0 + (TITLE_AREA.1 - TITLE_AREA.0 - block) / 2.0 + size * 0.92;
    for (n, line) in title.iter().enumerate() {
        let origin = (start_x(card.rtl, line), first_baseline + leading * n as f32);
        draw_line(&mut pixmap, (&bold, size), line, origin, card.colours.text);
    }

    let byline_words = words(&card.byline);
    let (byline, _) = small.last_line(&byline_words.iter().map(String::as_str).collect::<Vec<_>>(), measure);
    draw_line(&mut pixmap, (&regular, SMALL_SIZE), &byline, (start_x(card.rtl, &byline), 560.0), card.colours.muted);
    super::encode::encode(&pixmap).map_err(|e| format!("cannot encode the picture: {e}"))
}

/// The title's lines at the largest size it fits in, and that size.
fn title_lines(card: &Card, faces: &Faces, measure: f32) -> (Vec<Line>, f32) {
    for (n, &size) in TITLE_SIZES.iter().enumerate() {
        let setting = Setting { faces, size, lang: &card.lang, rtl: card.rtl };
        let last = n + 1 == TITLE_SIZES.len();
        match setting.wrap(&card.title, measure, TITLE_LINES) {
            Some((lines, cut)) if !cut || last => return (lines, size),
            None if last => {
                let words: Vec<&str> = card.title.split_whitespace().collect();
                return (vec![setting.last_line(&words, measure).0], size);
            }
            _ => {}
        }
    }
    (Vec::new(), TITLE_SIZES[0])
}

/// Where a line starts: at the left margin, or ending at the right one for right-to-left text.
fn start_x(rtl: bool, line: &Line) -> f32 {
    if rtl {
        WIDTH - MARGIN - line.width
    } else {
        MARGIN
    }
}

/// Fills the outlines of a line's glyphs with its baseline starting at `(x, y)`.
fn draw_line(pixmap: &mut Pixmap, (faces, size): (&Faces, f32), line: &Line, (x, y): (f32, f32), rgb: Rgb) {
    let mut pen = Pen { path: PathBuilder::new(), x: 0.0, y: 0.0, scale: 0.0 };
    for glyph in &line.glyphs {
        let face = faces.face(glyph.face);
        pen.scale = size / face.units_per_em() as f32;
        pen.x = x + glyph.x;
        pen.y = y + glyph.y;
        face.outline_glyph(GlyphId(glyph.id), &mut pen);
    }
    if let Some(path) = pen.path.finish() {
        pixmap.fill_path(&path, &paint(rgb), FillRule::Winding, Transform::identity(), None);
    }
}

/// Turns font outlines (font units, y up) into a pixel path (y down) at a glyph's origin.
struct Pen {
    path: PathBuilder,
    x: f32,
    y: f32,
    scale: f32,
}

impl Pen {
    fn at(&self, x: f32, y: f32) -> (f32, f32) {
        (self.x + x * self.scale, self.y - y * self.scale)
    }
}

impl OutlineBuilder for Pen {
    fn move_to(&mut self, x: f32, y: f32) {
        let (x, y) = self.at(x, y);
        self.path.move_to(x, y);
    }
    fn line_to(&mut self, x: f32, y: f32) {
        let (x, y) = self.at(x, y);
        self.path.line_to(x, y);
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        let ((x1, y1), (x, y)) = (self.at(x1, y1), self.at(x, y));
        self.path.quad_to(x1, y1, x, y);
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        let ((x1, y1), (x2, y2), (x, y)) = (self.at(x1, y1), self.at(x2, y2), self.at(x, y));
        self.path.cubic_to(x1, y1, x2, y2, x, y);
    }
    fn close(&mut self) {
        self.path.close();
    }
}

fn colour([r, g, b]: Rgb) -> Color {
    Color::from_rgba8(r, g, b, 255)
}

fn paint(rgb: Rgb) -> Paint<'static> {
    let mut paint = Paint::default();
    paint.set_color(colour(rgb));
    paint.anti_alias = true;
    paint
}
