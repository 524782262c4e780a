//! HTML → Markdown with htmd, after `dom` has tidied the tree. htmd runs in its faithful mode:
//! whatever Markdown cannot say (merged table cells, `<sup>`, forms, scripts) stays as HTML, and
//! the tags that stayed are reported so a writer can look at those pages.

use super::dom::{self, clean_children, Rewrite};
use super::shortcodes::prepare_post_html;
use htmd::element_handler::{HandlerResult, Handlers};
use htmd::options::{BrStyle, BulletListMarker, HrStyle, LinkStyle, Options, TranslationMode};
use htmd::{Element, HtmlToMarkdown};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// A page's Markdown and what could not be converted.
#[derive(Debug, Default)]
pub struct Converted {
    pub markdown: String,
    /// HTML tags left in the Markdown, sorted.
    pub kept_html: Vec<String>,
    /// Shortcodes left as text, sorted.
    pub kept_shortcodes: Vec<String>,
}

/// Converts a WordPress post's text (block comments, shortcodes and classic paragraphs included).
pub fn convert_post(text: &str, attachments: &BTreeMap<String, String>, rewrite: &mut Rewrite) -> Converted {
    let prepared = prepare_post_html(text, attachments);
    let mut converted = html_to_markdown(&prepared.html, rewrite);
    converted.kept_shortcodes = prepared.kept_shortcodes;
    converted
}

/// Converts plain HTML (a feed entry's content).
pub fn html_to_markdown(html: &str, rewrite: &mut Rewrite) -> Converted {
    let converter = converter();
    // Parsing a string cannot fail: html5ever recovers from any markup, as browsers do.
    let Ok(tree) = converter.html_to_tree(html) else { return Converted::default() };
    clean_children(&tree, rewrite);
    let markdown = tidy(&converter.tree_to_markdown(&tree));
    let kept_html = find_html_tags(&markdown);
    Converted { markdown, kept_html, kept_shortcodes: Vec::new() }
}

fn converter() -> &'static HtmlToMarkdown {
    static CONVERTER: OnceLock<HtmlToMarkdown> = OnceLock::new();
    CONVERTER.get_or_init(|| {
        let options = Options {
            translation_mode: TranslationMode::Faithful,
            bullet_list_marker: BulletListMarker::Dash,
            ul_bullet_spacing: 1,
            ol_number_spacing: 1,
            br_style: BrStyle::Backslash,
            hr_style: HrStyle::Dashes,
            link_style: LinkStyle::InlinedPreferAutolinks,
            ..Options::default()
        };
        HtmlToMarkdown::builder()
            .options(options)
            // Layout containers carry no meaning once their classes are gone: their content stays.
            .add_handler(
                vec!["div", "section", "article", "header", "footer", "main", "aside", "center", "figure", "nav"],
                |h: &dyn Handlers, e: Element| Some(block(&h.walk_children(e.node).content)),
            )
            .add_handler(
                vec!["span", "font", "u", "ins", "small", "big", "time", "cite", "bdi", "bdo"],
                |h: &dyn Handlers, e: Element| Some(h.walk_children(e.node)),
            )
            .add_handler(vec!["del", "s", "strike"], |h: &dyn Handlers, e: Element| {
                let inner = h.walk_children(e.node).content;
                let trimmed = inner.trim();
                Some(if trimmed.is_empty() { inner } else { format!("~~{trimmed}~~") }.into())
            })
            .add_handler(vec!["figcaption"], |h: &dyn Handlers, e: Element| {
                let inner = h.walk_children(e.node).content;
                let trimmed = inner.trim();
                let single = !trimmed.contains('\n') && !trimmed.contains('*');
                Some(block(&if single && !trimmed.is_empty() { format!("*{trimmed}*") } else { trimmed.to_string() }))
            })
            .build()
    })
}

fn block(content: &str) -> HandlerResult {
    format!("\n\n{}\n\n", content.trim_matches('\n')).into()
}

/// No trailing spaces, no runs of blank lines, one newline at the end.
fn tidy(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut blank = 0;
    for line in markdown.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        out.push_str(line);
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

/// HTML tags written in Markdown outside code: what the converter kept because Markdown has no
/// way to say it. htmd escapes a `<` that is text, so every unescaped `<tag` is markup.
pub fn find_html_tags(markdown: &str) -> Vec<String> {
    let mut tags = Vec::new();
    let mut in_fence = false;
    for line in markdown.lines() {
        if line.trim_start().starts_with("```") || line.trim_start().starts_with("~~~") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            continue;
        }
        let mut in_code = false;
        let bytes = line.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            match b {
                b'`' => in_code = !in_code,
                b'<' if !in_code && (i == 0 || bytes[i - 1] != b'\\') => {
                    let rest = &line[i + 1..];
                    let name: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
                    let after = rest[name.len()..].chars().next();
                    let is_tag = !name.is_empty()
                        && name.starts_with(|c: char| c.is_ascii_alphabetic())
                        && matches!(after, Some(' ' | '>' | '/') | None);
                    if is_tag {
                        tags.push(name.to_ascii_lowercase());
                    }
                }
                _ => {}
            }
        }
    }
    tags.sort();
    tags.dedup();
    tags
}

/// The text of an HTML fragment, paragraphs separated by blank lines: for excerpts and comments.
pub fn plain_text(html: &str) -> String {
    let Ok(tree) = converter().html_to_tree(&html.replace("\r\n", "\n")) else { return String::new() };
    let mut out = String::new();
    collect_plain(&tree, &mut out);
    let paragraphs: Vec<String> = out
        .split("\n\n")
        .map(|p| {
            p.lines()
                .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join("\n")
        })
        .filter(|p| !p.is_empty())
        .collect();
    paragraphs.join("\n\n")
}

fn collect_plain(node: &markup5ever_rcdom::Handle, out: &mut String) {
    use markup5ever_rcdom::NodeData;
    match &node.data {
        NodeData::Text { contents } => out.push_str(&contents.borrow().replace('\u{a0}', " ")),
        NodeData::Element { name, .. } => {
            let tag = name.local.as_ref();
            if matches!(tag, "script" | "style") {
                return;
            }
            let is_block = matches!(
                tag,
                "p" | "div" | "li" | "blockquote" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "pre" | "tr"
            );
            node.children.borrow().iter().for_each(|c| collect_plain(c, out));
            if tag == "br" {
                out.push('\n');
            } else if is_block {
                out.push_str("\n\n");
            }
        }
        _ => node.children.borrow().iter().for_each(|c| collect_plain(c, out)),
    }
}

/// The first image's address in an HTML fragment: a feed entry's picture when it names none.
pub fn first_image(html: &str) -> Option<String> {
    let tree = converter().html_to_tree(html).ok()?;
    dom::descendants(&tree, "img").iter().find_map(|img| dom::attr(img, "src")).filter(|s| !s.starts_with("data:"))
}

#[cfg(test)]
#[path = "html_tests.rs"]
mod tests;
