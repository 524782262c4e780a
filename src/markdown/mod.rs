//! Markdown to HTML with comrak: GFM, callouts, heading ids, build-time highlighting and internal links.
//!
//! Each page is parsed once; links are rewritten on the syntax tree (so a link's line is known for
//! errors), then comrak writes the HTML through our heading and code-block adapters.

mod anchors;
mod contrast;
pub mod headings;
mod highlight;
mod html_text;
mod links;
mod pictures;
mod raw_images;
mod word_count;

pub use contrast::{CODE_BACKGROUND_DARK, CODE_BACKGROUND_LIGHT};
pub use headings::Heading;
pub use highlight::{highlight_stylesheet, Highlighter};
pub use html_text::{Html, HtmlFile};
pub use links::{AnchorRef, LinkTargets};
pub use pictures::ShownImage;
pub use word_count::count_words;

use crate::config::{MarkdownConfig, SlugStyle};
use crate::diagnostics::{Diagnostic, Location};
use crate::images::SiteImages;
use crate::memo::{fingerprint, Memo};
use crate::site::{PerPage, Site};
use comrak::nodes::{AstNode, NodeValue};
use comrak::{Arena, Options};
use rayon::prelude::*;
use std::path::Path;
use std::sync::Arc;

/// One Markdown text to render, and where it came from.
pub struct MarkdownSource<'a> {
    pub text: &'a str,
    /// The file, for messages.
    pub path: &'a Path,
    /// Its path inside `content/`, for resolving relative links.
    pub rel: &'a str,
    /// The file line on which `text` starts.
    pub first_line: usize,
    /// The page language, for callout titles.
    pub lang: &'a str,
}

/// The previous build's rendered texts, by digest of the text and everything its HTML depends on
/// but the images, with the digest of the images it showed (see `shown_images_key`).
pub type MarkdownMemo = Memo<(u64, Arc<Rendered>)>;

/// What rendering a text produced.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Rendered {
    /// Read from `folio build`'s stored texts only when used (see `html_text`).
    pub html: Html,
    /// The first paragraph, as HTML, for summaries.
    pub first_paragraph: String,
    pub headings: Vec<Heading>,
    pub word_count: usize,
    /// Links to `#anchors` of pages, checked once every page's headings are known.
    pub anchor_refs: Vec<AnchorRef>,
    /// The site's images the text shows, whose copies the build must make.
    pub images: Vec<ShownImage>,
}

/// Renders Markdown with the site's settings. Built once per build and shared by all threads.
pub struct MarkdownRenderer {
    config: MarkdownConfig,
    highlighter: Option<Highlighter>,
    /// How heading anchors are spelled (site.yaml's `slugs:`).
    slugs: SlugStyle,
}

impl MarkdownRenderer {
    pub fn new(config: &MarkdownConfig) -> Self {
        let highlighter = config.highlight.then(Highlighter::new);
        MarkdownRenderer { config: config.clone(), highlighter, slugs: SlugStyle::default() }
    }

    /// The same renderer, spelling heading anchors in `style`.
    pub fn with_slugs(self, style: SlugStyle) -> Self {
        MarkdownRenderer { slugs: style, ..self }
    }

    fn options(&self) -> Options<'static> {
        let mut options = Options::default();
        let ext = &mut options.extension;
        ext.strikethrough = true;
        ext.table = true;
        ext.autolink = true;
        ext.tasklist = true;
        ext.footnotes = true;
        ext.alerts = true;
        options.parse.smart = self.config.smart_punctuation;
        options.render.r#unsafe = self.config.unsafe_html;
        // Raw HTML is shown as text rather than silently dropped, so writers see what happened.
        options.render.escape = !self.config.unsafe_html;
        options.render.tasklist_classes = true;
        options
    }

    /// Renders `source`, rewriting internal links through `targets`. Broken links are errors.
    pub fn render(&self, source: &MarkdownSource, targets: &LinkTargets) -> Result<Rendered, Vec<Diagnostic>> {
        let arena = Arena::new();
        let options = self.options();
        let root = comrak::parse_document(&arena, source.text, &options);
        let mut errors = Vec::new();
        let mut anchor_refs = Vec::new();
        let mut word_count = 0;
        let mut first_paragraph = None;
        let mut images = Vec::new();
        let mut raw = raw_images::RawImages::default();

        for node in root.descendants() {
            let line = node.data().sourcepos.start.line;
            let column = node.data().sourcepos.start.column;
            let location = || Location::new(source.path, source.first_line + line.max(1) - 1, column);
            let is_image = matches!(node.data().value, NodeValue::Image(_));
            match &mut node.data_mut().value {
                NodeValue::Link(link) | NodeValue::Image(link) => {
                    let written = if is_image { link.url.clone() } else { String::new() };
                    match links::resolve(&link.url, source.rel, targets, is_image) {
                        Ok(links::Resolved::Unchanged) => {}
                        Ok(links::Resolved::Rewritten(url, anchor)) => {
                            if let Some(anchor) = anchor {
                                let target_url = url.split('#').next().unwrap_or_default().to_string();
                                anchor_refs.push(AnchorRef { target_url, anchor, location: location() });
                            }
                            link.url = url;
                        }
                        Ok(links::Resolved::OwnAnchor(anchor)) => {
                            anchor_refs.push(AnchorRef { target_url: String::new(), anchor, location: location() });
                        }
                        Err(message) => errors.push(Diagnostic::new(location(), message.0).with_help(message.1)),
                    }
                    if is_image {
                        match pictures::find_image(&link.url, targets) {
                            Ok(pictures::Shown::Other) => {}
                            Ok(pictures::Shown::Image(output)) => match targets.images.and_then(|i| i.get(&output)) {
                                Some(Err(why)) => {
                                    errors.push(crate::images::unreadable(location(), "image", &written, why))
                                }
                                _ => {
                                    link.url = pictures::placeholder(images.len());
                                    images.push(ShownImage { output, location: location() });
                                }
                            },
                            Err(message) => errors.push(Diagnostic::new(location(), message.0).with_help(message.1)),
                        }
                    }
                }
                NodeValue::HtmlBlock(block) if self.config.unsafe_html => {
                    errors.extend(raw.mark(&mut block.literal, &location(), source.rel, targets, &mut images));
                }
                NodeValue::HtmlInline(html) if self.config.unsafe_html => {
                    errors.extend(raw.mark(html, &location(), source.rel, targets, &mut images));
                }
                NodeValue::Alert(alert) if alert.title.is_none() => {
                    alert.title = localized_alert_title(alert.alert_type, source.lang).map(str::to_string);
                }
                NodeValue::Text(text) => word_count += count_words(text),
                NodeValue::Code(code) => word_count += count_words(&code.literal),
                NodeValue::Paragraph if first_paragraph.is_none() && is_top_level(node) => first_paragraph = Some(node),
                _ => {}
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }

        let heading_adapter = headings::HeadingIds::new(self.slugs);
        let mut plugins = comrak::options::Plugins::default();
        plugins.render.heading_adapter = Some(&heading_adapter);
        if let Some(h) = &self.highlighter {
            plugins.render.codefence_syntax_highlighter = Some(h);
        } else {
            plugins.render.codefence_syntax_highlighter = Some(&highlight::PLAIN);
        }
        // The HTML is about as long as the text or longer (tags, highlighted code): sized up front, it
        // is not copied over and over as it grows.
        let mut html = String::with_capacity(source.text.len() + source.text.len() / 2);
        comrak::format_html_with_plugins(root, &options, &mut html, &plugins)
            .map_err(|e| vec![render_error(source, e)])?;
        let mut summary = String::new();
        if let Some(p) = first_paragraph {
            comrak::format_html_with_plugins(p, &options, &mut summary, &plugins)
                .map_err(|e| vec![render_error(source, e)])?;
        }
        if !images.is_empty() {
            html = pictures::replace_placeholders(&html, &images, &raw, targets, true);
            summary = pictures::replace_placeholders(&summary, &images, &raw, targets, false);
        }
        Ok(Rendered {
            html: Html::from(html),
            first_paragraph: summary,
            headings: heading_adapter.into_headings(),
            word_count,
            anchor_refs,
            images,
        })
    }
}

/// The rendered Markdown of a whole site: `pages[i]` belongs to `site.pages[i]`, `sections[i]` to
/// `site.sections[i]` (`None` for folders without an `_index.md`).
#[derive(Debug)]
pub struct SiteMarkdown {
    pub pages: PerPage<Arc<Rendered>>,
    pub sections: Vec<Option<Arc<Rendered>>>,
    /// For each page, the fingerprint of everything its HTML was made from.
    pub keys: PerPage<u64>,
    /// The same for each section's `_index.md`.
    pub section_keys: Vec<Option<u64>>,
    /// How many texts were rendered, and how many taken from the cache.
    pub rendered: usize,
    pub reused: usize,
}

/// Renders every page and every `_index.md` of the site, then checks links to `#anchors` against the
/// headings each page really has. Texts whose inputs are unchanged since the build that filled
/// `cache` are taken from it; `cache` is left holding exactly this build's results.
pub fn render_site_markdown(
    site: &Site,
    images: &SiteImages,
    cache: &mut MarkdownMemo,
) -> Result<SiteMarkdown, Vec<Diagnostic>> {
    let renderer = MarkdownRenderer::new(&site.config.markdown).with_slugs(site.config.slugs);
    let targets = LinkTargets { urls: &site.link_targets, base_path: &site.config.base_path, images: Some(images) };
    // A text's HTML depends on the text, on where every link target lives, on the image settings
    // and on the images it shows — only those, so editing a picture re-renders only its texts.
    let mut link_targets: Vec<_> = site.link_targets.iter().collect();
    link_targets.sort_unstable();
    let shared =
        fingerprint((&link_targets, &site.config.base_path, &site.config.markdown, site.config.slugs, &images.config));
    let previous = &*cache;
    // `file` is the fingerprint of the source file (its path and whole text), computed when it was read.
    // A page's body is read only to render it (`content::body`): `source.text` is left empty.
    let render = |source: &MarkdownSource, body: &crate::content::body::Body, file: u64| -> Made {
        let key = fingerprint((shared, file, source.rel, source.path, source.first_line, source.lang));
        let what = || source.path.display().to_string();
        let unchanged = |(shown, rendered): &(u64, Arc<Rendered>)| *shown == shown_images_key(&rendered.images, images);
        let make = || {
            let rendered = renderer.render(&MarkdownSource { text: body.as_str(), ..*source }, &targets)?;
            Ok::<_, Vec<Diagnostic>>((shown_images_key(&rendered.images, images), Arc::new(rendered)))
        };
        match previous.get_valid_or_try(key, unchanged, what, make) {
            Ok(((shown, rendered), hit)) => Made { key, shown, hit, result: Ok(rendered) },
            Err(e) => Made { key, shown: 0, hit: false, result: Err(e) },
        }
    };
    let pages: Vec<_> = site
        .pages
        .par_iter()
        .map(|p| {
            let source = MarkdownSource {
                text: "",
                path: &p.path,
                rel: &p.id,
                first_line: p.source.parsed.body_line,
                lang: &p.lang,
            };
            render(&source, &p.source.parsed.body, p.source_fingerprint)
        })
        .collect();
    let sections: Vec<_> = site
        .sections
        .par_iter()
        .map(|s| {
            let index = s.index.as_ref()?;
            let parsed = &index.parsed;
            let source = MarkdownSource {
                text: "",
                path: &index.path,
                rel: &index.rel,
                first_line: parsed.body_line,
                lang: &s.lang,
            };
            Some(render(&source, &parsed.body, index.fingerprint))
        })
        .collect();

    let mut errors = Vec::new();
    let mut next_cache = Vec::with_capacity(pages.len() + sections.len());
    let (mut rendered, mut reused) = (0, 0);
    let mut keep = |made: Made| match made.result {
        Ok(r) => {
            if made.hit {
                reused += 1;
            } else {
                rendered += 1;
            }
            next_cache.push((made.key, (made.shown, r.clone())));
            r
        }
        Err(mut e) => {
            errors.append(&mut e);
            Arc::default()
        }
    };
    let keys: Vec<u64> = pages.iter().map(Made::full_key).collect();
    let section_keys: Vec<Option<u64>> = sections.iter().map(|s| s.as_ref().map(Made::full_key)).collect();
    let keys = PerPage::collect(site, keys);
    let pages = PerPage::collect(site, pages.into_iter().map(&mut keep));
    let sections: Vec<Option<Arc<Rendered>>> = sections.into_iter().map(|r| r.map(&mut keep)).collect();
    cache.replace(next_cache);

    errors.extend(anchors::check_anchors(site, &pages, &sections));
    if errors.is_empty() {
        Ok(SiteMarkdown { pages, sections, keys, section_keys, rendered, reused })
    } else {
        Err(errors)
    }
}

/// One text rendered or reused: its key in the memo (everything but the images), the digest of the
/// images it shows, and whether it was reused.
struct Made {
    key: u64,
    shown: u64,
    hit: bool,
    result: Result<Arc<Rendered>, Vec<Diagnostic>>,
}

impl Made {
    /// The fingerprint of everything the text's HTML was made from, images included.
    fn full_key(&self) -> u64 {
        fingerprint((self.key, self.shown))
    }
}

/// A digest of the images a text shows, as they are now: their files' sizes, digests and copies.
fn shown_images_key(shown: &[ShownImage], images: &SiteImages) -> u64 {
    fingerprint(shown.iter().map(|s| (&s.output, images.get(&s.output))).collect::<Vec<_>>())
}

fn render_error(source: &MarkdownSource, e: std::fmt::Error) -> Diagnostic {
    Diagnostic::new(Location::file(source.path), format!("could not render Markdown: {e}"))
}

fn is_top_level<'a>(node: &'a AstNode<'a>) -> bool {
    node.parent().is_some_and(|p| matches!(p.data().value, NodeValue::Document))
}

/// Callout titles in the page language; `None` keeps comrak's English default.
fn localized_alert_title(kind: comrak::nodes::AlertType, lang: &str) -> Option<&'static str> {
    use comrak::nodes::AlertType::*;
    match lang.split('-').next()? {
        "he" => Some(match kind {
            Note => "הערה",
            Tip => "טיפ",
            Important => "חשוב",
            Warning => "אזהרה",
            Caution => "זהירות",
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
