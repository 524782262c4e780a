//! A card as PNG bytes. A card is opaque and has few colours — four solid ones and the
//! anti-aliased edges between them, under a hundred in all — so it is written as an indexed
//! (palette) PNG with the fast deflate: the same pixels as tiny-skia's RGBA PNG, in fewer bytes
//! and far less time than tiny-skia's own `encode_png` (RGBA, adaptive filters, default
//! deflate), which took most of a card's time. A card with more than 256 colours (a site font
//! with unusual hinting, say) is written as RGB, still exactly its pixels.

use rustc_hash::FxHashMap;
use tiny_skia::Pixmap;

/// The pixmap as PNG bytes: indexed when it has at most 256 colours, else RGB.
pub fn encode(pixmap: &Pixmap) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, pixmap.width(), pixmap.height());
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    // A row like the one above it (most rows: the background and the band) becomes zeros, which
    // the fast deflate packs best; measured smaller and faster than no filter or adaptive ones.
    encoder.set_filter(png::Filter::Up);
    let data = match palette(pixmap) {
        Some((palette, indexes)) => {
            encoder.set_color(png::ColorType::Indexed);
            encoder.set_palette(palette);
            indexes
        }
        None => {
            encoder.set_color(png::ColorType::Rgb);
            // Every pixel is opaque (the card starts from its background colour), so the
            // premultiplied colours are the colours: demultiplying would change nothing.
            pixmap.pixels().iter().flat_map(|p| [p.red(), p.green(), p.blue()]).collect()
        }
    };
    let mut writer = encoder.write_header().map_err(|e| e.to_string())?;
    writer.write_image_data(&data).map_err(|e| e.to_string())?;
    writer.finish().map_err(|e| e.to_string())?;
    Ok(out)
}

/// The picture's colours (RGB triples, in order of first appearance) and each pixel's index
/// among them; `None` beyond 256 colours.
fn palette(pixmap: &Pixmap) -> Option<(Vec<u8>, Vec<u8>)> {
    let width = pixmap.width() as usize * 4;
    let mut index: FxHashMap<u32, u8> = FxHashMap::default();
    let mut palette = Vec::new();
    let mut indexes: Vec<u8> = Vec::with_capacity(pixmap.pixels().len());
    let mut previous: &[u8] = &[];
    for row in pixmap.data().chunks_exact(width) {
        // Rows above, between and below the lines of text repeat the row before them.
        if row == previous {
            let start = indexes.len() - row.len() / 4;
            indexes.extend_from_within(start..);
            continue;
        }
        previous = row;
        // Most pixels repeat the one before them (the background, the band): no lookup for them.
        let mut last: Option<(u32, u8)> = None;
        for pixel in row.chunks_exact(4) {
            let colour = u32::from_le_bytes([pixel[0], pixel[1], pixel[2], pixel[3]]);
            let i = match last {
                Some((c, i)) if c == colour => i,
                _ => {
                    let next = index.len();
                    let i = *index.entry(colour).or_insert_with(|| next as u8);
                    if index.len() > next {
                        if next == 256 {
                            return None;
                        }
                        palette.extend_from_slice(&pixel[..3]);
                    }
                    i
                }
            };
            last = Some((colour, i));
            indexes.push(i);
        }
    }
    Some((palette, indexes))
}
