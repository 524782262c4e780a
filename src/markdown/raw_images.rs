//! `<img>` tags written in raw HTML inside Markdown (on sites that allow raw HTML): each one that
//! shows an image of the site is swapped for a placeholder, as Markdown images are, and comes back
//! sized, lazily loaded and with WebP copies, keeping every attribute its author wrote.

use super::links::{self, LinkTargets};
use super::pictures::{self, ShownImage};
use crate::diagnostics::{Diagnostic, Location};
use crate::images::{RawAttribute, RawImage};

/// What the tags of one text found so far: the images shown (Markdown and raw, in order), the raw
/// tags by the same index, and whether the scan is inside an author's `<picture>`.
#[derive(Default)]
pub(super) struct RawImages {
    pub tags: Vec<Option<RawImage>>,
    picture_depth: usize,
}

impl RawImages {
    /// Swaps the `<img>` tags of `html` (raw HTML starting at `at`) that show images of the site for
    /// placeholders, recording them in `shown`. Missing and unreadable images are errors.
    pub fn mark(
        &mut self,
        html: &mut String,
        at: &Location,
        page_rel: &str,
        targets: &LinkTargets,
        shown: &mut Vec<ShownImage>,
    ) -> Vec<Diagnostic> {
        // A comment shows nothing, whatever it holds.
        if !targets.images.is_some_and(|i| i.config.enabled) || html.trim_start().starts_with("<!--") {
            return Vec::new();
        }
        let mut errors = Vec::new();
        let mut out = String::with_capacity(html.len());
        let mut rest = html.as_str();
        while let Some(start) = next_tag(rest) {
            let (before, tag_start) = rest.split_at(start);
            self.count_pictures(before);
            out.push_str(before);
            let end = tag_end(tag_start);
            let tag = &tag_start[..end];
            rest = &tag_start[end..];
            if !tag[1..4].eq_ignore_ascii_case("img") {
                self.count_pictures(tag);
                out.push_str(tag);
                continue;
            }
            let offset = html.len() - rest.len() - tag.len();
            let line = at.line + html[..offset].matches('\n').count();
            let location = Location::new(&at.file, line, if line == at.line { at.column } else { 0 });
            match self.resolve(tag, page_rel, targets) {
                Ok(Some((output, raw))) => match targets.images.and_then(|i| i.get(&output)) {
                    Some(Err(why)) => {
                        let written = raw_value(tag, "src").unwrap_or_default();
                        errors.push(crate::images::unreadable(location, "image", &written, why));
                        out.push_str(tag);
                    }
                    _ => {
                        out.push_str(&format!("<img src=\"{}\">", pictures::placeholder(shown.len())));
                        shown.push(ShownImage { output, location });
                        self.tags.resize(shown.len() - 1, None);
                        self.tags.push(Some(raw));
                    }
                },
                Ok(None) => out.push_str(tag),
                Err(broken) => {
                    errors.push(Diagnostic::new(location, broken.0).with_help(broken.1));
                    out.push_str(tag);
                }
            }
        }
        self.count_pictures(rest);
        out.push_str(rest);
        *html = out;
        errors
    }

    /// The raw tag of the `n`th image shown, if it was written in raw HTML.
    pub fn tag(&self, n: usize) -> Option<&RawImage> {
        self.tags.get(n)?.as_ref()
    }

    /// The image of the site an `<img>` shows, and its tag; `None` for a remote image or no `src`.
    fn resolve(
        &self,
        tag: &str,
        page_rel: &str,
        targets: &LinkTargets,
    ) -> Result<Option<(String, RawImage)>, links::Broken> {
        let Some(written) = raw_value(tag, "src") else { return Ok(None) };
        // Raw HTML escapes `&` in addresses; the file name has a plain one.
        let url = written.replace("&amp;", "&");
        let (url, rewritten) = match links::resolve(&url, page_rel, targets, true)? {
            links::Resolved::Rewritten(url, _) => (url, true),
            _ => (url, false),
        };
        let pictures::Shown::Image(output) = pictures::find_image(&url, targets)? else { return Ok(None) };
        let src = if rewritten { crate::html::escape_html(&url) } else { written };
        let raw = RawImage { attributes: parse_attributes(tag), src, in_picture: self.picture_depth > 0 };
        Ok(Some((output, raw)))
    }

    /// Follows `<picture>` and `</picture>` in `html`, so images inside one are left their sources.
    fn count_pictures(&mut self, html: &str) {
        let lower = html.to_ascii_lowercase();
        self.picture_depth += lower.matches("<picture").count();
        self.picture_depth = self.picture_depth.saturating_sub(lower.matches("</picture").count());
    }
}

/// Where the next tag that matters (`<img`, `<picture`, `</picture`) starts in `html`.
fn next_tag(html: &str) -> Option<usize> {
    let bytes = html.as_bytes();
    let mut from = 0;
    while let Some(at) = html[from..].find('<').map(|i| i + from) {
        let name = |word: &str| {
            let end = at + 1 + word.len();
            bytes.len() > end
                && html.is_char_boundary(end)
                && html[at + 1..end].eq_ignore_ascii_case(word)
                && matches!(bytes[end], b' ' | b'\t' | b'\n' | b'\r' | b'/' | b'>')
        };
        if name("img") || name("picture") || name("/picture") {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// The length of the tag at the start of `html`, up to its `>` outside quotes (or the whole text).
fn tag_end(html: &str) -> usize {
    let mut quote = None;
    for (i, c) in html.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (None, '>') => return i + 1,
            _ => {}
        }
    }
    html.len()
}

/// The attributes of an opening tag, as written.
fn parse_attributes(tag: &str) -> Vec<RawAttribute> {
    let inner = tag.trim_end_matches('>').trim_end_matches('/');
    let inner = &inner[inner.find(|c: char| c.is_whitespace()).unwrap_or(inner.len())..];
    let mut attributes = Vec::new();
    let mut rest = inner.trim_start();
    while !rest.is_empty() {
        let name_end = rest.find(|c: char| c.is_whitespace() || c == '=').unwrap_or(rest.len());
        let name = &rest[..name_end];
        let after = rest[name_end..].trim_start();
        let (value, consumed) = match after.strip_prefix('=') {
            Some(value) => {
                let value = value.trim_start();
                let start = rest.len() - value.len();
                match value.chars().next() {
                    Some(q @ ('"' | '\'')) => match value[1..].find(q) {
                        Some(end) => (Some(value[1..1 + end].to_string()), start + end + 2),
                        None => (Some(value[1..].to_string()), start + value.len()),
                    },
                    _ => {
                        let len = value.find(char::is_whitespace).unwrap_or(value.len());
                        (Some(value[..len].to_string()), start + len)
                    }
                }
            }
            None => (None, name_end),
        };
        if !name.is_empty() {
            let text = rest[..consumed].to_string();
            attributes.push(RawAttribute { name: name.to_ascii_lowercase(), text, value });
        }
        rest = rest[consumed.max(1).min(rest.len())..].trim_start();
    }
    attributes
}

/// The value of attribute `name` in a tag, as written.
fn raw_value(tag: &str, name: &str) -> Option<String> {
    parse_attributes(tag).into_iter().find(|a| a.name == name)?.value
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_are_read_as_written() {
        let attributes = parse_attributes("<img src=\"/a b.png\" alt='Q&amp;A' width=640 hidden\n class=\"x\" />");
        let seen: Vec<(&str, Option<&str>, &str)> =
            attributes.iter().map(|a| (a.name.as_str(), a.value.as_deref(), a.text.as_str())).collect();
        assert_eq!(
            seen,
            [
                ("src", Some("/a b.png"), "src=\"/a b.png\""),
                ("alt", Some("Q&amp;A"), "alt='Q&amp;A'"),
                ("width", Some("640"), "width=640"),
                ("hidden", None, "hidden"),
                ("class", Some("x"), "class=\"x\""),
            ]
        );
    }

    #[test]
    fn tags_are_found_by_name_only() {
        assert_eq!(next_tag("<p><imgx><img src=x>"), Some(9));
        assert_eq!(next_tag("<IMG\nsrc=x>"), Some(0));
        assert_eq!(next_tag("<picture><source>"), Some(0));
        assert_eq!(tag_end("<img alt=\"a>b\" src=x> after"), 21);
    }
}
