//! WordPress post text before it is HTML: Gutenberg's block comments, the paragraphs the classic
//! editor leaves to `wpautop`, and shortcodes (`[caption]`, `[embed]`, `[gallery]`, `[code]`…),
//! which become the HTML they stand for. Shortcodes no one can convert are kept and listed.

use quick_xml::escape::escape;
use std::collections::BTreeMap;

/// Post text made into HTML, and the shortcodes left as they were.
pub struct Prepared {
    pub html: String,
    pub kept_shortcodes: Vec<String>,
}

/// Removes block comments, expands shortcodes and, for classic-editor text, adds paragraphs.
pub fn prepare_post_html(text: &str, attachments: &BTreeMap<String, String>) -> Prepared {
    let text = text.replace("\r\n", "\n");
    let is_blocks = text.contains("<!-- wp:");
    let text = remove_block_comments(&text);
    let mut kept = Vec::new();
    let html = expand_shortcodes(&text, attachments, &mut kept);
    let html = if is_blocks { html } else { add_paragraphs(&html) };
    kept.sort();
    kept.dedup();
    Prepared { html, kept_shortcodes: kept }
}

/// `<!-- wp:paragraph {"align":"center"} -->` and `<!-- /wp:paragraph -->` carry no text.
fn remove_block_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("<!--") {
        let after = &rest[start + 4..];
        let body = after.trim_start();
        let is_block = body.starts_with("wp:") || body.starts_with("/wp:");
        match after.find("-->") {
            Some(end) if is_block => {
                out.push_str(&rest[..start]);
                rest = &after[end + 3..];
            }
            _ => {
                out.push_str(&rest[..start + 4]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// One shortcode as written: `[name attrs]`, with its content when it encloses some.
struct Shortcode<'a> {
    name: &'a str,
    attrs: BTreeMap<String, String>,
    /// Jetpack writes `[youtube=https://…]`: the value right after the name.
    value: Option<&'a str>,
    content: Option<&'a str>,
    /// Bytes of the text it spans, from its `[`.
    len: usize,
}

/// Shortcodes that enclose content, so `[/name]` is looked for.
const ENCLOSING: &[&str] = &["caption", "wp_caption", "embed", "code", "sourcecode", "audio", "video"];

fn expand_shortcodes(text: &str, attachments: &BTreeMap<String, String>, kept: &mut Vec<String>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        let at = &rest[open..];
        // `[[name]]` is WordPress's way to write a shortcode as text.
        if let Some(inner) = at.strip_prefix("[[") {
            if let Some(end) = inner.find("]]") {
                out.push_str(&format!("[{}]", &inner[..end]));
                rest = &inner[end + 2..];
                continue;
            }
        }
        match parse_shortcode(at) {
            Some(code) => {
                match render_shortcode(&code, attachments) {
                    Some(html) => out.push_str(&html),
                    None => {
                        if looks_deliberate(&code) {
                            kept.push(code.name.to_string());
                        }
                        out.push_str(&at[..code.len]);
                    }
                }
                rest = &at[code.len..];
            }
            None => {
                out.push('[');
                rest = &at[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn parse_shortcode(text: &str) -> Option<Shortcode<'_>> {
    let body = text.strip_prefix('[')?;
    let name_len = body.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-')).unwrap_or(body.len());
    let name = &body[..name_len];
    if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let close = find_tag_end(body)?;
    let inside = body[name_len..close].trim_end_matches('/');
    if !(inside.is_empty() || inside.starts_with([' ', '=', '\n', '\t'])) {
        return None;
    }
    let value = inside.strip_prefix('=').map(str::trim);
    let attrs = if value.is_some() { BTreeMap::new() } else { parse_attrs(inside) };
    let mut len = 1 + close + 1;
    let mut content = None;
    if ENCLOSING.contains(&name) && !body[..close].ends_with('/') {
        let end_tag = format!("[/{name}]");
        if let Some(end) = text[len..].find(&end_tag) {
            content = Some(&text[len..len + end]);
            len += end + end_tag.len();
        }
    }
    Some(Shortcode { name, attrs, value, content, len })
}

/// The `]` that closes the opening tag, skipping any inside quoted attribute values.
fn find_tag_end(body: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in body.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, ']') => return Some(i),
            (None, '[') => return None,
            _ => {}
        }
    }
    None
}

/// `id="a" align='b' width=300 caption="x"` → map; bare words become keys with an empty value.
fn parse_attrs(text: &str) -> BTreeMap<String, String> {
    let mut attrs = BTreeMap::new();
    let mut rest = text.trim();
    while !rest.is_empty() {
        let key_len = rest.find(|c: char| c == '=' || c.is_whitespace()).unwrap_or(rest.len());
        let key = rest[..key_len].to_ascii_lowercase();
        rest = rest[key_len..].trim_start();
        let value = if let Some(after) = rest.strip_prefix('=') {
            let after = after.trim_start();
            let (value, remaining) = match after.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let end = after[1..].find(q).map_or(after.len(), |i| i + 1);
                    (&after[1..end.min(after.len())], after.get(end + 1..).unwrap_or(""))
                }
                _ => {
                    let end = after.find(char::is_whitespace).unwrap_or(after.len());
                    (&after[..end], &after[end..])
                }
            };
            rest = remaining.trim_start();
            value.to_string()
        } else {
            String::new()
        };
        if !key.is_empty() {
            attrs.insert(key, value);
        }
    }
    attrs
}

/// The HTML a shortcode stands for, or `None` when there is no faithful equivalent.
fn render_shortcode(code: &Shortcode, attachments: &BTreeMap<String, String>) -> Option<String> {
    let attr = |k: &str| code.attrs.get(k).map(String::as_str).filter(|v| !v.is_empty());
    match code.name {
        "caption" | "wp_caption" => {
            let content = code.content?;
            let (media, text) = split_caption(content);
            let caption = attr("caption").map(str::to_string).unwrap_or_else(|| text.trim().to_string());
            Some(format!("\n<figure>{media}<figcaption>{caption}</figcaption></figure>\n"))
        }
        "embed" => link_block(code.content.map(str::trim).or(attr("src"))?),
        "youtube" | "vimeo" | "dailymotion" | "twitter" | "tweet" | "instagram" | "soundcloud" | "spotify" => {
            let url = code
                .value
                .or(attr("url"))
                .or(attr("id"))
                .or_else(|| code.attrs.keys().find(|k| k.starts_with("http")).map(String::as_str))?;
            // Jetpack appends options to the URL: `…watch?v=abc&w=640`.
            let url = url.split("&w=").next().unwrap_or(url);
            link_block(url)
        }
        "audio" | "video" => {
            let url = ["src", "mp4", "mp3", "m4a", "ogg", "ogv", "webm", "wav"].into_iter().find_map(attr)?;
            link_block(url)
        }
        "gallery" => {
            let ids = attr("ids")?;
            let images: Vec<String> = ids
                .split(',')
                .map(|id| {
                    attachments.get(id.trim()).map(|url| format!("<img src=\"{}\" alt=\"\">", escape(url.as_str())))
                })
                .collect::<Option<_>>()?;
            Some(format!("\n<p>{}</p>\n", images.join("\n")))
        }
        "code" | "sourcecode" => {
            let content = code.content?;
            let lang = attr("lang").or(attr("language")).map(|l| format!(" class=\"language-{}\"", escape(l)));
            let content = content.trim_matches('\n');
            Some(format!("\n<pre><code{}>{}</code></pre>\n", lang.unwrap_or_default(), escape(content)))
        }
        _ => None,
    }
}

fn link_block(url: &str) -> Option<String> {
    let url = url.trim();
    if !(url.starts_with("http://") || url.starts_with("https://")) {
        return None;
    }
    let url = escape(url);
    Some(format!("\n<p><a href=\"{url}\">{url}</a></p>\n"))
}

/// `<a href><img></a> The caption` → (`<a href><img></a>`, ` The caption`).
fn split_caption(content: &str) -> (&str, &str) {
    let Some(img) = content.find("<img") else { return ("", content) };
    let img_end = content[img..].find('>').map_or(content.len(), |i| img + i + 1);
    let end = match content[..img].rfind("<a") {
        Some(_) => content[img_end..].find("</a>").map_or(img_end, |i| img_end + i + 4),
        None => img_end,
    };
    (&content[..end], &content[end..])
}

/// `[contact-form-7 id="5"]` is a shortcode; `[citation needed]` is probably text.
fn looks_deliberate(code: &Shortcode) -> bool {
    code.content.is_some()
        || code.value.is_some()
        || code.attrs.values().any(|v| !v.is_empty())
        || code.name.contains(['_', '-'])
        || code.attrs.is_empty()
}

/// Block-level tags: text that starts with one is already structured.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "table",
    "thead",
    "tbody",
    "tr",
    "td",
    "th",
    "figure",
    "figcaption",
    "hr",
    "form",
    "section",
    "article",
    "aside",
    "header",
    "footer",
    "address",
    "iframe",
    "script",
    "style",
    "!--",
    "object",
    "video",
    "audio",
    "details",
    "summary",
];

/// What `wpautop` does for the classic editor: text separated by blank lines becomes paragraphs,
/// single line breaks become `<br>`. `<pre>` is left alone.
fn add_paragraphs(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 8);
    let mut rest = html;
    while !rest.is_empty() {
        let (before, pre, after) = match rest.find("<pre") {
            Some(start) => {
                let end = rest[start..].find("</pre>").map_or(rest.len(), |i| start + i + 6);
                (&rest[..start], &rest[start..end], &rest[end..])
            }
            None => (rest, "", ""),
        };
        let before = before.lines().map(|l| if l.trim().is_empty() { "" } else { l }).collect::<Vec<_>>().join("\n");
        for chunk in before.split("\n\n").map(str::trim).filter(|c| !c.is_empty()) {
            let tag = chunk.strip_prefix('<').map(|t| {
                let end = t.find(|c: char| c.is_whitespace() || c == '>' || c == '/').unwrap_or(t.len());
                t[..end].to_ascii_lowercase()
            });
            if tag.is_some_and(|t| BLOCK_TAGS.contains(&t.as_str()) || t.starts_with("!--")) {
                out.push_str(chunk);
            } else {
                out.push_str(&format!("<p>{}</p>", chunk.replace('\n', "<br>")));
            }
            out.push_str("\n\n");
        }
        out.push_str(pre);
        rest = after;
    }
    out
}

#[cfg(test)]
#[path = "shortcodes_tests.rs"]
mod tests;
