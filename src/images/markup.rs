//! The HTML that shows an image: its size (so the page does not jump as it loads), lazy loading
//! below the first screen, and its WebP copies in a `<picture>` with the original as the fallback.

use super::{SiteImage, SiteImages};
use std::fmt::Write;

/// How one page shows an image. Text values are already escaped for an attribute.
#[derive(Debug, Clone, Copy)]
pub struct ImageUse<'a> {
    pub alt: &'a str,
    pub title: Option<&'a str>,
    /// The `sizes` attribute: how wide the image is shown.
    pub sizes: &'a str,
    /// The first image of a page: fetched at once, since it is likely in view.
    pub eager: bool,
}

/// `<picture>` (or a plain `<img>` for images without copies) for `image` used as `how` says.
pub fn picture_html(images: &SiteImages, image: &SiteImage, how: ImageUse) -> String {
    let mut img = format!("<img src=\"{}\" alt=\"{}\"", crate::html::escape_html(&images.url(&image.output)), how.alt);
    if let Some(title) = how.title {
        let _ = write!(img, " title=\"{title}\"");
    }
    if let Some((width, height)) = image.info.size {
        let _ = write!(img, " width=\"{width}\" height=\"{height}\"");
    }
    if !how.eager {
        img.push_str(" loading=\"lazy\" decoding=\"async\"");
    }
    img.push('>');
    if image.copies.is_empty() {
        return img;
    }
    let mut html = String::from("<picture>");
    for format in &images.config.formats {
        let ext = format!(".{}", format.extension());
        let srcset: Vec<String> = image
            .copies
            .iter()
            .filter(|c| c.output.ends_with(&ext))
            .map(|c| format!("{} {}w", crate::html::escape_html(&images.url(&c.output)), c.width))
            .collect();
        let _ = write!(
            html,
            "<source type=\"{}\" srcset=\"{}\" sizes=\"{}\">",
            format.media_type(),
            srcset.join(", "),
            crate::html::escape_html(how.sizes)
        );
    }
    html.push_str(&img);
    html.push_str("</picture>");
    html
}

/// One attribute of a tag an author wrote in raw HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawAttribute {
    /// The name, lowercased.
    pub name: String,
    /// The attribute as written (`width="640"`), republished unchanged.
    pub text: String,
    /// Its value without quotes, as written (still escaped); `None` for a bare attribute.
    pub value: Option<String>,
}

/// An `<img>` an author wrote in raw HTML, to be sized and offered in WebP without overriding
/// anything it says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawImage {
    pub attributes: Vec<RawAttribute>,
    /// The address to publish in `src` (escaped): the written one, or what a relative one resolves to.
    pub src: String,
    /// Inside a `<picture>` the author wrote: the author chose the sources, so Folio adds none.
    pub in_picture: bool,
}

impl RawImage {
    fn get(&self, name: &str) -> Option<&RawAttribute> {
        self.attributes.iter().find(|a| a.name == name)
    }

    /// A size attribute in pixels (`640`, as HTML writes it); `None` for a percentage or nothing.
    fn pixels(&self, name: &str) -> Option<u32> {
        self.get(name)?.value.as_deref()?.trim().parse().ok().filter(|n| *n > 0)
    }
}

/// The markup of an `<img>` written in raw HTML: the author's attributes, plus the size (keeping the
/// aspect ratio when only one side is given), lazy loading below the first image, and a `<picture>`
/// with WebP copies unless the tag has its own `srcset` or sits in the author's `<picture>`.
pub fn raw_picture_html(images: &SiteImages, image: &SiteImage, raw: &RawImage, sizes: &str, eager: bool) -> String {
    let mut img = String::from("<img");
    for attribute in &raw.attributes {
        match attribute.name.as_str() {
            "src" => {
                let _ = write!(img, " src=\"{}\"", raw.src);
            }
            _ => {
                let _ = write!(img, " {}", attribute.text);
            }
        }
    }
    let scaled =
        |side: u32, of: u32, to: u32| ((u64::from(side) * u64::from(to) + u64::from(of) / 2) / u64::from(of)) as u32;
    if let Some((width, height)) = image.info.size {
        match (raw.get("width"), raw.get("height")) {
            (None, None) => {
                let _ = write!(img, " width=\"{width}\" height=\"{height}\"");
            }
            (Some(_), None) => {
                if let Some(w) = raw.pixels("width") {
                    let _ = write!(img, " height=\"{}\"", scaled(height, width, w).max(1));
                }
            }
            (None, Some(_)) => {
                if let Some(h) = raw.pixels("height") {
                    let _ = write!(img, " width=\"{}\"", scaled(width, height, h).max(1));
                }
            }
            (Some(_), Some(_)) => {}
        }
    }
    if !eager {
        if raw.get("loading").is_none() {
            img.push_str(" loading=\"lazy\"");
        }
        if raw.get("decoding").is_none() {
            img.push_str(" decoding=\"async\"");
        }
    }
    img.push('>');
    let webp: Vec<String> = image
        .copies
        .iter()
        .filter(|c| c.output.ends_with(".webp"))
        .map(|c| format!("{} {}w", crate::html::escape_html(&images.url(&c.output)), c.width))
        .collect();
    if webp.is_empty() || raw.in_picture || raw.get("srcset").is_some() {
        return img;
    }
    // A width the author gave is the width shown (the stylesheet only ever narrows it).
    let sizes = match raw.pixels("width") {
        Some(w) => format!("{w}px"),
        None => crate::html::escape_html(sizes),
    };
    format!("<picture><source type=\"image/webp\" srcset=\"{}\" sizes=\"{sizes}\">{img}</picture>", webp.join(", "))
}
