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
