//! Images in Markdown become sized, lazily loaded `<picture>`s with WebP copies.
//!
//! While the links are rewritten on the syntax tree, each image of the site gets a placeholder
//! address (`folio-image:N`); after comrak has written the HTML, each placeholder `<img>` is
//! replaced by the markup of `images::picture_html`, keeping the alt text and title comrak escaped.

use super::links::{Broken, LinkTargets};
use super::raw_images::RawImages;
use crate::diagnostics::Location;
use crate::images::{picture_html, raw_picture_html, ImageUse};

/// The scheme of placeholder addresses; no real link has it.
const PLACEHOLDER: &str = "folio-image:";

/// An image of the site shown by a text: its output path, and where the text shows it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ShownImage {
    pub output: String,
    pub location: Location,
}

/// What an image address found in Markdown (after link rewriting) shows.
pub(super) enum Shown {
    /// Not an image file of the site (a remote image, or images are off): left as written.
    Other,
    /// An image of the site, by output path.
    Image(String),
}

/// Looks `url` up among the site's images. An address from the site root (`/images/a.png`) that
/// names no file is an error, as relative ones already are.
pub(super) fn find_image(url: &str, targets: &LinkTargets) -> Result<Shown, Broken> {
    let Some(images) = targets.images.filter(|i| i.config.enabled) else { return Ok(Shown::Other) };
    let path = url.split(['?', '#']).next().unwrap_or_default();
    if !path.starts_with('/') || path.starts_with("//") {
        return Ok(Shown::Other);
    }
    let decoded = crate::url::percent_decode(path).unwrap_or_else(|| path.to_string());
    let with_base = decoded.strip_prefix(targets.base_path).filter(|rest| rest.starts_with('/'));
    for candidate in with_base.into_iter().chain([decoded.as_str()]) {
        if images.get(&candidate[1..]).is_some() {
            return Ok(Shown::Image(candidate[1..].to_string()));
        }
    }
    if !crate::images::is_image_file(path) {
        return Ok(Shown::Other);
    }
    Err(Broken(
        format!("image `{url}` points to a missing file: static{decoded}"),
        format!("put the file at static{decoded}, beside the page, or write its full address (https://…) if another server publishes it"),
    ))
}

/// The placeholder address of the `n`th image shown.
pub(super) fn placeholder(n: usize) -> String {
    format!("{PLACEHOLDER}{n}")
}

/// Replaces each placeholder `<img>` comrak wrote in `html` by the image's markup. With `eager`,
/// the first image loads at once (it is likely in view); all others load lazily.
pub(super) fn replace_placeholders(
    html: &str,
    shown: &[ShownImage],
    raw: &RawImages,
    targets: &LinkTargets,
    eager: bool,
) -> String {
    let Some(images) = targets.images else { return html.to_string() };
    let opening = format!("<img src=\"{PLACEHOLDER}");
    let mut out = String::with_capacity(html.len() + shown.len() * 400);
    let mut rest = html;
    let mut first = true;
    while let Some(at) = rest.find(&opening) {
        out.push_str(&rest[..at]);
        let tag_start = &rest[at..];
        let Some(end) = tag_start.find('>') else { break };
        let tag = &tag_start[..=end];
        let n: Option<usize> = tag[opening.len()..].split('"').next().and_then(|digits| digits.parse().ok());
        let image = n.and_then(|n| shown.get(n)).and_then(|s| images.get(&s.output)?.as_ref().ok());
        match (image, n.and_then(|n| raw.tag(n))) {
            (Some(image), Some(tag)) => {
                out.push_str(&raw_picture_html(images, image, tag, &images.config.sizes, eager && first));
                first = false;
            }
            (Some(image), None) => {
                let how = ImageUse {
                    alt: attribute(tag, "alt").unwrap_or_default(),
                    title: attribute(tag, "title"),
                    sizes: &images.config.sizes,
                    eager: eager && first,
                };
                out.push_str(&picture_html(images, image, how));
                first = false;
            }
            (None, _) => out.push_str(tag),
        }
        rest = &tag_start[end + 1..];
    }
    out.push_str(rest);
    out
}

/// The (already escaped) value of `name="…"` in a tag comrak wrote.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let len = tag[start..].find('"')?;
    Some(&tag[start..start + len])
}
