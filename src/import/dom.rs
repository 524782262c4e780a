//! The HTML tree tidied before it becomes Markdown: comments, styling attributes and empty
//! paragraphs go; embeds (iframes, video, audio, Gutenberg embed blocks) become links; links and
//! images are rewritten to their new addresses. What is left is what Markdown can say, plus the
//! elements it cannot, which the converter keeps as HTML.

use html5ever::{ns, Attribute, LocalName, QualName};
use markup5ever_rcdom::{Handle, Node, NodeData};
use std::cell::RefCell;
use std::rc::Rc;

/// Rewrites a link (`false`) or image source (`true`); `None` keeps it as it is.
pub type Rewrite<'a> = dyn FnMut(&str, bool) -> Option<String> + 'a;

/// Scripts that only load an embed's widget; the quoted text and link beside them remain.
const EMBED_LOADERS: &[&str] =
    &["platform.twitter.com", "instagram.com/embed", "tiktok.com/embed", "connect.facebook.net", "embedr.flickr.com"];

/// Tidies every node under `parent`.
pub fn clean_children(parent: &Handle, rewrite: &mut Rewrite) {
    let children: Vec<Handle> = parent.children.borrow().clone();
    let mut kept = Vec::with_capacity(children.len());
    for child in children {
        match &child.data {
            NodeData::Comment { .. } | NodeData::ProcessingInstruction { .. } | NodeData::Doctype { .. } => {}
            NodeData::Text { contents } => {
                let text = contents.borrow().to_string();
                // A no-break space is how editors pad empty paragraphs; in Markdown it is noise.
                if text.contains('\u{a0}') {
                    *contents.borrow_mut() = text.replace('\u{a0}', " ").into();
                }
                kept.push(child);
            }
            NodeData::Element { name, .. } => {
                let tag = name.local.to_string();
                if let Some(replacement) = replace_embed(&child, &tag, parent) {
                    kept.push(replacement);
                    continue;
                }
                if tag == "style" || (tag == "script" && is_embed_loader(&child)) {
                    continue;
                }
                clean_attributes(&child, &tag, rewrite);
                clean_children(&child, rewrite);
                if tag == "p" && is_empty(&child) {
                    continue;
                }
                if tag == "p" {
                    link_bare_url(&child);
                }
                if tag == "table" {
                    promote_header_row(&child);
                }
                kept.push(child);
            }
            NodeData::Document => kept.push(child),
        }
    }
    for child in &kept {
        child.parent.set(Some(Rc::downgrade(parent)));
    }
    *parent.children.borrow_mut() = kept;
}

/// Keeps only the attributes Markdown can say; rewrites `href` and `src`.
fn clean_attributes(node: &Handle, tag: &str, rewrite: &mut Rewrite) {
    let NodeData::Element { attrs, .. } = &node.data else { return };
    let mut attrs = attrs.borrow_mut();
    attrs.retain(|a| {
        let name = a.name.local.as_ref();
        match tag {
            "a" => matches!(name, "href" | "title"),
            "img" => matches!(name, "src" | "alt" | "title"),
            "td" | "th" => matches!(name, "colspan" | "rowspan") && a.value.as_ref() != "1",
            "code" => name == "class" && a.value.starts_with("language-"),
            _ => false,
        }
    });
    for attr in attrs.iter_mut() {
        let is_image = match attr.name.local.as_ref() {
            "src" => true,
            "href" => false,
            _ => continue,
        };
        if let Some(new) = rewrite(attr.value.as_ref(), is_image) {
            attr.value = new.into();
        }
    }
}

/// An iframe, video, audio or Gutenberg embed block as a link to what it showed.
fn replace_embed(node: &Handle, tag: &str, parent: &Handle) -> Option<Handle> {
    let (url, label) = match tag {
        "iframe" | "video" | "audio" | "embed" => {
            let src = attr(node, "src").or_else(|| {
                node.children.borrow().iter().find(|c| element_name(c) == Some("source")).and_then(|s| attr(s, "src"))
            })?;
            (canonical_embed_url(&src), attr(node, "title"))
        }
        "figure" if attr(node, "class").is_some_and(|c| c.contains("wp-block-embed")) => {
            let text = text_content(node);
            let url = text.split_whitespace().find(|w| w.starts_with("http://") || w.starts_with("https://"))?;
            (url.to_string(), None)
        }
        _ => return None,
    };
    let link = element("a", vec![attribute("href", &url)]);
    append(&link, text_node(label.as_deref().unwrap_or(&url)));
    // Inside a paragraph the link stays inline; elsewhere it gets a paragraph of its own.
    let in_text = matches!(element_name(parent), Some("p" | "a" | "span" | "em" | "strong" | "li" | "td" | "th"));
    if in_text {
        return Some(link);
    }
    let paragraph = element("p", Vec::new());
    append(&paragraph, link);
    Some(paragraph)
}

/// `https://www.youtube.com/embed/ID?…` → `https://www.youtube.com/watch?v=ID`, which readers know.
fn canonical_embed_url(src: &str) -> String {
    let src = if src.starts_with("//") { format!("https:{src}") } else { src.to_string() };
    for prefix in
        ["https://www.youtube.com/embed/", "https://www.youtube-nocookie.com/embed/", "https://youtube.com/embed/"]
    {
        if let Some(id) = src.strip_prefix(prefix) {
            let id = id.split(['?', '&', '/']).next().unwrap_or(id);
            return format!("https://www.youtube.com/watch?v={id}");
        }
    }
    if let Some(id) = src.strip_prefix("https://player.vimeo.com/video/") {
        return format!("https://vimeo.com/{}", id.split(['?', '/']).next().unwrap_or(id));
    }
    src
}

fn is_embed_loader(node: &Handle) -> bool {
    attr(node, "src").is_some_and(|src| EMBED_LOADERS.iter().any(|l| src.contains(l)))
}

/// A paragraph with no text and nothing to show: what `<p>&nbsp;</p>` and `<p><br></p>` leave.
fn is_empty(node: &Handle) -> bool {
    text_content(node).trim().is_empty()
        && !has_descendant(node, &["img", "a", "iframe", "video", "audio", "embed", "object", "svg", "input"])
}

/// A paragraph that is only an address (how the classic editor embeds a video) becomes a link.
fn link_bare_url(paragraph: &Handle) {
    let children = paragraph.children.borrow().clone();
    let [only] = children.as_slice() else { return };
    let NodeData::Text { contents } = &only.data else { return };
    let url = contents.borrow().trim().to_string();
    if !(url.starts_with("http://") || url.starts_with("https://")) || url.contains(char::is_whitespace) {
        return;
    }
    let link = element("a", vec![attribute("href", &url)]);
    append(&link, text_node(&url));
    link.parent.set(Some(Rc::downgrade(paragraph)));
    *paragraph.children.borrow_mut() = vec![link];
}

/// Markdown tables need a header row; WordPress tables often have none, and their first row is
/// the header in all but name. Tables with merged cells are left alone (they stay HTML).
fn promote_header_row(table: &Handle) {
    if has_descendant(table, &["th", "thead"]) {
        return;
    }
    let rows = descendants(table, "tr");
    let Some(first) = rows.first() else { return };
    let merged = rows
        .iter()
        .any(|r| r.children.borrow().iter().any(|c| attr(c, "colspan").is_some() || attr(c, "rowspan").is_some()));
    if merged {
        return;
    }
    let cells: Vec<Handle> = first.children.borrow().clone();
    let header: Vec<Handle> = cells
        .into_iter()
        .map(|cell| {
            if element_name(&cell) != Some("td") {
                return cell;
            }
            let th = element("th", Vec::new());
            for child in cell.children.borrow().iter() {
                append(&th, child.clone());
            }
            th
        })
        .collect();
    for cell in &header {
        cell.parent.set(Some(Rc::downgrade(first)));
    }
    *first.children.borrow_mut() = header;
}

pub fn element_name(node: &Handle) -> Option<&str> {
    match &node.data {
        NodeData::Element { name, .. } => Some(name.local.as_ref()),
        _ => None,
    }
}

pub fn attr(node: &Handle, name: &str) -> Option<String> {
    let NodeData::Element { attrs, .. } = &node.data else { return None };
    let attrs = attrs.borrow();
    attrs.iter().find(|a| a.name.local.as_ref() == name).map(|a| a.value.to_string())
}

pub fn text_content(node: &Handle) -> String {
    let mut out = String::new();
    collect_text(node, &mut out);
    out
}

fn collect_text(node: &Handle, out: &mut String) {
    match &node.data {
        NodeData::Text { contents } => out.push_str(&contents.borrow()),
        _ => node.children.borrow().iter().for_each(|c| collect_text(c, out)),
    }
}

fn has_descendant(node: &Handle, tags: &[&str]) -> bool {
    node.children.borrow().iter().any(|c| element_name(c).is_some_and(|t| tags.contains(&t)) || has_descendant(c, tags))
}

/// Every element named `tag` under `node`, in document order.
pub fn descendants(node: &Handle, tag: &str) -> Vec<Handle> {
    let mut found = Vec::new();
    for child in node.children.borrow().iter() {
        if element_name(child) == Some(tag) {
            found.push(child.clone());
        }
        found.extend(descendants(child, tag));
    }
    found
}

fn element(tag: &str, attrs: Vec<Attribute>) -> Handle {
    Node::new(NodeData::Element {
        name: QualName::new(None, ns!(html), LocalName::from(tag)),
        attrs: RefCell::new(attrs),
        template_contents: RefCell::new(None),
        mathml_annotation_xml_integration_point: false,
    })
}

fn attribute(name: &str, value: &str) -> Attribute {
    Attribute { name: QualName::new(None, ns!(), LocalName::from(name)), value: value.into() }
}

fn text_node(text: &str) -> Handle {
    Node::new(NodeData::Text { contents: RefCell::new(text.into()) })
}

fn append(parent: &Handle, child: Handle) {
    child.parent.set(Some(Rc::downgrade(parent)));
    parent.children.borrow_mut().push(child);
}
