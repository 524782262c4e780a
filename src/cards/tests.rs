//! Text layout and colours of cards, on strings (the drawing itself is tested in tests/suite/social_cards.rs).

use super::css_colour;
use super::text::{Faces, Setting};
use std::borrow::Cow;

/// The built-in bold fonts, in the order the theme lists them: Latin, Arabic, Hebrew.
fn bold_fonts() -> Vec<Cow<'static, [u8]>> {
    ["NotoSans-Bold.ttf", "NotoSansArabic-Bold.ttf", "NotoSansHebrew-Bold.ttf"]
        .iter()
        .map(|name| {
            Cow::Owned(std::fs::read(format!("{}/themes/default/fonts/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap())
        })
        .collect()
}

#[test]
fn a_latin_word_in_a_hebrew_line_is_placed_left_of_the_hebrew_before_it() {
    let files = bold_fonts();
    let faces = Faces::parse(&files);
    let line = Setting { faces: &faces, size: 40.0, lang: "he", rtl: true }.line("שלום Stripe");
    let (latin, hebrew) = (0, 2);
    assert_eq!(line.glyphs.first().map(|g| g.face), Some(latin), "read right to left, Stripe comes last");
    assert_eq!(line.glyphs.last().map(|g| g.face), Some(hebrew));
    assert!(line.glyphs.windows(2).all(|w| w[0].x <= w[1].x + 0.01), "glyphs run left to right as seen");
}

#[test]
fn arabic_letters_are_joined_by_the_shaper() {
    let files = bold_fonts();
    let faces = Faces::parse(&files);
    let setting = Setting { faces: &faces, size: 40.0, lang: "ar", rtl: true };
    let alone = setting.line("ب");
    let joined = setting.line("ببب");
    let first = |line: &super::text::Line| line.glyphs.iter().map(|g| g.id).collect::<Vec<_>>();
    assert!(joined.glyphs.iter().all(|g| g.face == 1));
    assert!(!first(&joined).contains(&first(&alone)[0]), "initial, medial and final forms, not the isolated one");
}

#[test]
fn long_titles_wrap_and_end_with_an_ellipsis() {
    let files = bold_fonts();
    let faces = Faces::parse(&files);
    let setting = Setting { faces: &faces, size: 40.0, lang: "en", rtl: false };
    let (lines, cut) = setting.wrap(&"many words here ".repeat(20), 300.0, 3).unwrap();
    assert_eq!(lines.len(), 3);
    assert!(cut);
    assert!(lines.iter().all(|l| l.width <= 300.0));
    let (short, cut) = setting.wrap("Short title", 300.0, 3).unwrap();
    assert_eq!((short.len(), cut), (1, false));
    assert!(faces.missing("Hello שלום مرحبا Привет 請").eq(&['請']));
}

#[test]
fn theme_colours_come_from_the_first_definition() {
    let css = ":root { --fg: #1c2128; --fg-muted: #555f6b; }\n@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; } }";
    assert_eq!(css_colour(css, "--fg"), Some([0x1c, 0x21, 0x28]));
    assert_eq!(css_colour(css, "--fg-muted"), Some([0x55, 0x5f, 0x6b]));
    assert_eq!(css_colour(css, "--accent"), None);
}
