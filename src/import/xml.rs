//! A small element tree read with quick-xml, for exports and feeds. The whole document is read
//! before anything else happens, so a malformed or truncated file fails with its line before a
//! single file of the site is written.

use crate::diagnostics::{Diagnostic, Location};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::path::Path;

/// An element with its attributes and children, and the line it starts on.
#[derive(Debug, Clone, Default)]
pub struct Element {
    /// The name as written, prefix included: `wp:post_id`, `content:encoded`, `item`.
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
    pub line: usize,
}

#[derive(Debug, Clone)]
pub enum Node {
    Element(Element),
    Text(String),
}

impl Element {
    /// The child elements, in order.
    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// The child elements named `name` (as written, with its prefix).
    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.elements().filter(move |e| e.name == name)
    }

    pub fn first(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.name == name)
    }

    /// The trimmed text of the first child named `name`; `None` when missing or empty.
    pub fn text_of(&self, name: &str) -> Option<String> {
        self.first(name).map(Element::text).map(|t| t.trim().to_string()).filter(|t| !t.is_empty())
    }

    /// All text inside this element, CDATA included, as one string.
    pub fn text(&self) -> String {
        let mut out = String::new();
        self.collect_text(&mut out);
        out
    }

    fn collect_text(&self, out: &mut String) {
        for node in &self.children {
            match node {
                Node::Text(t) => out.push_str(t),
                Node::Element(e) => e.collect_text(out),
            }
        }
    }

    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// The name without its namespace prefix: `content:encoded` → `encoded`.
    pub fn local_name(&self) -> &str {
        self.name.rsplit(':').next().unwrap_or(&self.name)
    }

    /// The children written back as markup (for Atom's `type="xhtml"` content).
    pub fn inner_markup(&self) -> String {
        let mut out = String::new();
        for node in &self.children {
            write_node(node, &mut out);
        }
        out
    }
}

fn write_node(node: &Node, out: &mut String) {
    match node {
        Node::Text(t) => out.push_str(&quick_xml::escape::escape(t.as_str())),
        Node::Element(e) => {
            let local = e.local_name();
            out.push('<');
            out.push_str(local);
            for (k, v) in e.attrs.iter().filter(|(k, _)| !k.starts_with("xmlns")) {
                out.push_str(&format!(" {k}=\"{}\"", quick_xml::escape::escape(v.as_str())));
            }
            out.push('>');
            for child in &e.children {
                write_node(child, out);
            }
            out.push_str(&format!("</{local}>"));
        }
    }
}

/// Reads `text` into its root element. `file` names the source in errors (a path or a URL).
pub fn parse_document(text: &str, file: &Path) -> Result<Element, Diagnostic> {
    let mut reader = Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut lines = LineCounter::new(text);
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    let damaged = "the file is damaged or was cut short; export it again, or fix the XML at this line";
    loop {
        let start = reader.buffer_position() as usize;
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(e) => {
                let at = (reader.error_position() as usize).max(start);
                let (line, column) = lines.position(at);
                return Err(Diagnostic::new(Location::new(file, line, column), format!("malformed XML: {e}"))
                    .with_help(damaged));
            }
        };
        let (line, column) = lines.position(start);
        let at = || Location::new(file, line, column);
        match event {
            Event::Start(tag) => stack.push(open_element(&tag, line).map_err(|m| Diagnostic::new(at(), m))?),
            Event::Empty(tag) => {
                let element = open_element(&tag, line).map_err(|m| Diagnostic::new(at(), m))?;
                close(element, &mut stack, &mut root);
            }
            Event::End(_) => {
                if let Some(element) = stack.pop() {
                    close(element, &mut stack, &mut root);
                }
            }
            Event::Text(t) => push_text(&mut stack, &t.xml10_content()),
            Event::CData(t) => push_text(&mut stack, &t.xml10_content()),
            Event::GeneralRef(r) => {
                let name = r.xml10_content();
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    Ok(None) => match quick_xml::escape::resolve_xml_entity(&name) {
                        Some(text) => text.to_string(),
                        // HTML's entities (`&nbsp;`) are not XML's, but feeds write them in HTML
                        // text, which the HTML parser decodes later: keep them as written.
                        None => format!("&{name};"),
                    },
                    Err(e) => {
                        return Err(Diagnostic::new(at(), format!("malformed XML: {e}")).with_help(damaged));
                    }
                };
                push_text(&mut stack, &resolved);
            }
            Event::Eof => break,
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
        }
    }
    if let Some(open) = stack.last() {
        let (line, column) = lines.position(text.len());
        return Err(Diagnostic::new(
            Location::new(file, line, column),
            format!("the file ends before <{}> (opened on line {}) is closed: it was cut short", open.name, open.line),
        )
        .with_help("export it again; nothing was written"));
    }
    root.ok_or_else(|| {
        Diagnostic::new(Location::file(file), "the file holds no XML element").with_help("is this the right file?")
    })
}

fn open_element(tag: &BytesStart, line: usize) -> Result<Element, String> {
    let mut attrs = Vec::new();
    for attr in tag.attributes() {
        let attr = attr.map_err(|e| format!("malformed XML: {e}"))?;
        let value =
            attr.normalized_value(quick_xml::XmlVersion::Implicit1_0).map_err(|e| format!("malformed XML: {e}"))?;
        attrs.push((attr.key.as_ref().to_string(), value.into_owned()));
    }
    Ok(Element { name: tag.name().as_ref().to_string(), attrs, children: Vec::new(), line })
}

fn close(element: Element, stack: &mut [Element], root: &mut Option<Element>) {
    match stack.last_mut() {
        Some(parent) => parent.children.push(Node::Element(element)),
        None => *root = root.take().or(Some(element)),
    }
}

fn push_text(stack: &mut [Element], text: &str) {
    let Some(parent) = stack.last_mut() else { return };
    match parent.children.last_mut() {
        Some(Node::Text(t)) => t.push_str(text),
        _ => parent.children.push(Node::Text(text.to_string())),
    }
}

/// Turns byte offsets into 1-based lines and columns, walking forward only (offsets grow).
struct LineCounter<'a> {
    text: &'a str,
    offset: usize,
    line: usize,
    line_start: usize,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str) -> Self {
        LineCounter { text, offset: 0, line: 1, line_start: 0 }
    }

    fn position(&mut self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        if offset < self.offset {
            // Errors may point back into the last event; count again from the start.
            *self = LineCounter::new(self.text);
        }
        for (i, b) in self.text.as_bytes()[self.offset..offset].iter().enumerate() {
            if *b == b'\n' {
                self.line += 1;
                self.line_start = self.offset + i + 1;
            }
        }
        self.offset = offset;
        let column = self.text.get(self.line_start..offset).map_or(1, |s| s.chars().count() + 1);
        (self.line, column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Element, Diagnostic> {
        parse_document(text, Path::new("export.xml"))
    }

    #[test]
    fn reads_elements_text_cdata_and_entities() {
        let root = parse(
            "<rss><channel>\n<title>A &amp; B &#8217;</title><x:y a=\"1\"><![CDATA[<p>hi</p>]]></x:y></channel></rss>",
        )
        .unwrap();
        let channel = root.first("channel").unwrap();
        assert_eq!(channel.text_of("title").as_deref(), Some("A & B \u{2019}"));
        let y = channel.first("x:y").unwrap();
        assert_eq!((y.text().as_str(), y.attr("a"), y.line), ("<p>hi</p>", Some("1"), 2));
    }

    #[test]
    fn mismatched_tags_name_the_line() {
        let err = parse("<rss>\n<channel>\n<item></channel>\n</rss>").unwrap_err();
        assert_eq!(err.location.line, 3);
        assert!(err.message.starts_with("malformed XML"), "{}", err.message);
    }

    #[test]
    fn truncated_file_names_the_open_element() {
        let err = parse("<rss>\n<channel>\n<item><title>x</title>").unwrap_err();
        assert_eq!(err.location.line, 3);
        assert!(err.message.contains("<item> (opened on line 3)"), "{}", err.message);
    }
}
