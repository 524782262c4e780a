//! Readable highlighted code: every colour of a syntax theme is darkened (on a light background) or
//! lightened (on a dark one) until it reaches the WCAG AA contrast ratio of 4.5:1 against the background
//! the default theme gives code blocks. syntect's bundled themes were made for editors, and some of their
//! tokens (InspiredGitHub's constants, base16-ocean's variables) fall short of it.

use syntect::highlighting::{Color, Theme};

/// WCAG 2.1 AA for normal text.
pub const MIN_CONTRAST: f64 = 4.5;

/// The code block backgrounds of the default theme (`--code-bg` in `css/01-tokens.css`; a test keeps them in
/// step), for the light and the dark colour scheme.
pub const CODE_BACKGROUND_LIGHT: [u8; 3] = [0xf5, 0xf7, 0xf9];
pub const CODE_BACKGROUND_DARK: [u8; 3] = [0x16, 0x1c, 0x24];

/// `theme` with every foreground colour readable on `background`; colours already readable are unchanged.
pub fn readable_theme(theme: &Theme, background: [u8; 3]) -> Theme {
    let mut theme = theme.clone();
    let fix = |color: &mut Color| *color = readable(*color, background);
    if let Some(color) = theme.settings.foreground.as_mut() {
        fix(color);
    }
    for item in &mut theme.scopes {
        if let Some(color) = item.style.foreground.as_mut() {
            fix(color);
        }
    }
    theme
}

/// `color` (blended over `background` if translucent), moved towards black or white in small steps until it
/// reaches `MIN_CONTRAST`; its hue stays, so the token keeps its meaning.
fn readable(color: Color, background: [u8; 3]) -> Color {
    let blend = |c: u8, b: u8| (f64::from(c) * f64::from(color.a) + f64::from(b) * f64::from(255 - color.a)) / 255.0;
    let mut rgb = [blend(color.r, background[0]), blend(color.g, background[1]), blend(color.b, background[2])];
    let bg = background.map(f64::from);
    if color.a == 255 && contrast(rgb, bg) >= MIN_CONTRAST {
        return color;
    }
    let target = if luminance(bg) > 0.5 { 0.0 } else { 255.0 };
    for _ in 0..100 {
        if contrast(rgb, bg) >= MIN_CONTRAST {
            break;
        }
        rgb = rgb.map(|c| c + (target - c) * 0.05);
    }
    let [r, g, b] = rgb.map(|c| c.round().clamp(0.0, 255.0) as u8);
    Color { r, g, b, a: 255 }
}

/// The WCAG contrast ratio of two sRGB colours.
pub fn contrast(a: [f64; 3], b: [f64; 3]) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

fn luminance(rgb: [f64; 3]) -> f64 {
    let linear = |c: f64| {
        let c = c / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * linear(rgb[0]) + 0.7152 * linear(rgb[1]) + 0.0722 * linear(rgb[2])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rgb(c: Color) -> [f64; 3] {
        [c.r, c.g, c.b].map(f64::from)
    }

    #[test]
    fn short_colours_are_moved_until_readable_and_good_ones_kept() {
        let light = CODE_BACKGROUND_LIGHT.map(f64::from);
        // InspiredGitHub's constant blue: 3.86:1 on the light background.
        let blue = Color { r: 0x00, g: 0x86, b: 0xb3, a: 255 };
        assert!(contrast(rgb(blue), light) < MIN_CONTRAST);
        let fixed = readable(blue, CODE_BACKGROUND_LIGHT);
        assert!(contrast(rgb(fixed), light) >= MIN_CONTRAST);
        assert!(fixed.b > fixed.r, "still blue: {fixed:?}");
        let black = Color { r: 0x1c, g: 0x21, b: 0x28, a: 255 };
        assert_eq!(readable(black, CODE_BACKGROUND_LIGHT), black);
        // base16-ocean's red on the dark background is lightened.
        let red = Color { r: 0xbf, g: 0x61, b: 0x6a, a: 255 };
        let fixed = readable(red, CODE_BACKGROUND_DARK);
        assert!(contrast(rgb(fixed), CODE_BACKGROUND_DARK.map(f64::from)) >= MIN_CONTRAST && fixed.r > 0xbf);
    }

    #[test]
    fn backgrounds_match_the_default_theme_tokens() {
        let tokens = include_str!("../../themes/default/css/01-tokens.css");
        let hex = |c: [u8; 3]| format!("--code-bg: #{:02x}{:02x}{:02x};", c[0], c[1], c[2]);
        let found: Vec<&str> = tokens.lines().map(str::trim).filter(|l| l.starts_with("--code-bg:")).collect();
        assert_eq!(
            found,
            [hex(CODE_BACKGROUND_LIGHT), hex(CODE_BACKGROUND_DARK)],
            "update contrast.rs with the tokens"
        );
    }
}
