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
    assert!(faces.missing_with("Hello שלום مرحبا Привет 請", &mut Default::default()).eq(&['請']));
}

#[test]
fn theme_colours_come_from_the_first_definition() {
    let css = ":root { --fg: #1c2128; --fg-muted: #555f6b; }\n@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; } }";
    assert_eq!(css_colour(css, "--fg"), Some([0x1c, 0x21, 0x28]));
    assert_eq!(css_colour(css, "--fg-muted"), Some([0x55, 0x5f, 0x6b]));
    assert_eq!(css_colour(css, "--accent"), None);
}

/// Decodes PNG bytes to RGBA pixels.
fn decode(png: &[u8]) -> Vec<u8> {
    image::load_from_memory_with_format(png, image::ImageFormat::Png).unwrap().to_rgba8().into_raw()
}

#[test]
fn cards_are_written_with_a_palette_and_exactly_their_pixels() {
    let mut pixmap = tiny_skia::Pixmap::new(64, 40).unwrap();
    // White first: its bytes are all ones, a value a sentinel might have taken.
    pixmap.fill(tiny_skia::Color::WHITE);
    let mut paint = tiny_skia::Paint::default();
    paint.set_color_rgba8(9, 105, 218, 255);
    let circle = tiny_skia::PathBuilder::from_circle(40.0, 20.0, 13.3).unwrap();
    pixmap.fill_path(&circle, &paint, tiny_skia::FillRule::Winding, tiny_skia::Transform::identity(), None);
    let png = super::encode::encode(&pixmap).unwrap();
    const COLOUR_TYPE: usize = 25;
    assert_eq!(png[COLOUR_TYPE], 3, "indexed colour");
    assert_eq!(decode(&png), pixmap.data(), "an opaque pixmap's premultiplied bytes are its colours");
}

#[test]
fn a_picture_of_more_than_256_colours_is_written_as_rgb() {
    let mut pixmap = tiny_skia::Pixmap::new(300, 3).unwrap();
    for (i, pixel) in pixmap.data_mut().chunks_exact_mut(4).enumerate() {
        pixel.copy_from_slice(&[(i % 256) as u8, (i / 256) as u8, 7, 255]);
    }
    let png = super::encode::encode(&pixmap).unwrap();
    assert_eq!(png[25], 2, "RGB");
    assert_eq!(decode(&png), pixmap.data());
}

/// Not a test: `FOLIO_CARD_DUMP=DIR cargo test --lib cards::tests::card_timing -- --ignored --nocapture` paints
/// sample cards, prints the time per card and writes each card's PNG into DIR, for before/after pixel comparisons.
#[test]
#[ignore]
fn card_timing() {
    use super::{Card, Colours};
    let fonts = |weight: &str| -> Vec<Cow<'static, [u8]>> {
        ["NotoSans", "NotoSansArabic", "NotoSansHebrew"]
            .iter()
            .map(|name| {
                let path = format!("{}/themes/default/fonts/{name}-{weight}.ttf", env!("CARGO_MANIFEST_DIR"));
                Cow::Owned(std::fs::read(path).unwrap())
            })
            .collect()
    };
    let files = super::FontFiles { bold: fonts("Bold"), regular: fonts("Regular") };
    let colours = Colours {
        background: [255, 255, 255],
        text: [0x1c, 0x21, 0x28],
        muted: [0x55, 0x5f, 0x6b],
        accent: [0x09, 0x69, 0xda],
    };
    let titles = [
        ("en", false, "How to export invoices to CSV"),
        (
            "en",
            false,
            "Reconciling customer payments across multiple currencies when the bank feed arrives late in the month",
        ),
        ("he", true, "איך מגדירים גבייה אוטומטית ללקוחות חדשים"),
        ("he", true, "הגדרת חשבוניות חודשיות ב-CRM עם מפתחות API ו-webhook לכל הלקוחות"),
        ("ar", true, "كيف تصدر الفواتير إلى ملف CSV"),
        ("en", false, "Q3 2026: what we learned"),
    ];
    let cards: Vec<Card> = titles
        .iter()
        .map(|(lang, rtl, title)| Card {
            title: title.to_string(),
            site: "Acme — blog and help center".into(),
            byline: "Noa Levi, Dan Cohen · 12 March 2026".into(),
            lang: lang.to_string(),
            rtl: *rtl,
            colours,
        })
        .collect();
    let rounds = 10;
    // CPU time of this thread (the machine is shared: wall time says little).
    let cpu = || -> f64 {
        let stat = std::fs::read_to_string("/proc/thread-self/schedstat").unwrap_or_default();
        stat.split_whitespace().next().and_then(|ns| ns.parse().ok()).unwrap_or(0.0) / 1e6
    };
    let started = cpu();
    let mut bytes = 0;
    for _ in 0..rounds {
        for card in &cards {
            bytes += super::paint::paint_card(card, &files).unwrap().len();
        }
    }
    let n = (rounds * cards.len()) as f64;
    eprintln!("{:.2} ms CPU a card, {:.0} bytes a card", (cpu() - started) / n, bytes as f64 / n);
    if let Ok(dir) = std::env::var("FOLIO_CARD_DUMP") {
        for (i, card) in cards.iter().enumerate() {
            std::fs::write(format!("{dir}/card-{i}.png"), super::paint::paint_card(card, &files).unwrap()).unwrap();
        }
    }
}
