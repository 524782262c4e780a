//! A small scanner for the attributes of HTML tags: enough to list the links a page makes and the
//! ids an anchor can name, without building a document tree. Script, style and template contents
//! are skipped, so code and embeds are not mistaken for links.

/// One start tag: its lowercase name and its attributes, values with entities decoded.
pub struct Tag {
    pub name: String,
    pub attributes: Vec<(String, String)>,
}

impl Tag {
    pub fn get(&self, name: &str) -> Option<&str> {
        self.attributes.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

/// Calls `visit` with every start tag of `html`, in order.
pub fn scan_tags(html: &str, mut visit: impl FnMut(&Tag)) {
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        rest = &rest[lt + 1..];
        if let Some(comment) = rest.strip_prefix("!--") {
            rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
            continue;
        }
        if !rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        let name_len = rest.find(|c: char| !c.is_ascii_alphanumeric() && c != '-').unwrap_or(rest.len());
        let name = rest[..name_len].to_ascii_lowercase();
        let (attributes, after) = read_attributes(&rest[name_len..]);
        rest = after;
        let tag = Tag { name, attributes };
        if matches!(tag.name.as_str(), "script" | "style" | "template" | "textarea") {
            rest = skip_to_end_tag(rest, &tag.name);
        }
        visit(&tag);
    }
}

/// The attributes up to the tag's `>`, and the text after it.
fn read_attributes(mut rest: &str) -> (Vec<(String, String)>, &str) {
    let mut attributes = Vec::new();
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        if rest.is_empty() {
            return (attributes, rest);
        }
        if let Some(after) = rest.strip_prefix('>') {
            return (attributes, after);
        }
        let name_len =
            rest.find(|c: char| c.is_whitespace() || matches!(c, '=' | '>' | '/')).unwrap_or(rest.len()).max(1);
        let name = rest[..name_len].to_ascii_lowercase();
        rest = rest[name_len..].trim_start();
        let mut value = String::new();
        if let Some(after_eq) = rest.strip_prefix('=') {
            let after_eq = after_eq.trim_start();
            let (raw, after) = match after_eq.chars().next() {
                Some(quote @ ('"' | '\'')) => {
                    let body = &after_eq[1..];
                    let end = body.find(quote).unwrap_or(body.len());
                    (&body[..end], body.get(end + 1..).unwrap_or(""))
                }
                _ => {
                    let end = after_eq.find(|c: char| c.is_whitespace() || c == '>').unwrap_or(after_eq.len());
                    (&after_eq[..end], &after_eq[end..])
                }
            };
            value = decode_entities(raw);
            rest = after;
        }
        attributes.push((name, value));
    }
}

/// The text after `</name>` (any case), or nothing when the element never ends.
fn skip_to_end_tag<'a>(rest: &'a str, name: &str) -> &'a str {
    let closing = format!("</{name}");
    let lower = rest.to_ascii_lowercase();
    match lower.find(&closing) {
        Some(at) => rest[at..].find('>').map_or("", |end| &rest[at + end + 1..]),
        None => "",
    }
}

/// Decodes the character references an attribute value may hold (`&amp;`, `&#39;`, `&#x2F;`).
pub fn decode_entities(raw: &str) -> String {
    if !raw.contains('&') {
        return raw.to_string();
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest.find(';').filter(|end| *end <= 10);
        let decoded = end.and_then(|end| {
            let name = &rest[1..end];
            let c = match name {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "apos" => '\'',
                _ => {
                    let number = name.strip_prefix('#')?;
                    let code = match number.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => number.parse().ok()?,
                    };
                    char::from_u32(code)?
                }
            };
            Some((c, end + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Every `id` (and `<a name>`) in `html`: what a `#fragment` can point at.
pub fn element_ids(html: &str) -> std::collections::HashSet<String> {
    let mut ids = std::collections::HashSet::new();
    scan_tags(html, |tag| {
        if let Some(id) = tag.get("id") {
            ids.insert(id.to_string());
        }
        if tag.name == "a" {
            if let Some(name) = tag.get("name") {
                ids.insert(name.to_string());
            }
        }
    });
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(html: &str) -> Vec<String> {
        let mut out = Vec::new();
        scan_tags(html, |t| {
            let attrs: Vec<String> = t.attributes.iter().map(|(n, v)| format!("{n}={v}")).collect();
            out.push(format!("{} {}", t.name, attrs.join(" ")));
        });
        out
    }

    #[test]
    fn reads_attributes_in_every_quoting() {
        assert_eq!(
            tags(r#"<p>x</p><A HREF="https://a.com/?x=1&amp;y=2" class=c data-x='q"z'><img src=/i.png alt>"#),
            ["p ", "a href=https://a.com/?x=1&y=2 class=c data-x=q\"z", "img src=/i.png alt="]
        );
    }

    #[test]
    fn skips_comments_scripts_and_templates() {
        let html = r#"<!-- <a href="x"> --><script>if (a<b) { "<a href='y'>" }</script><template><a href="z"></template><a href="w">"#;
        assert_eq!(tags(html), ["script ", "template ", "a href=w"]);
    }

    #[test]
    fn collects_ids_and_names() {
        let ids = element_ids(r#"<h2 id="setup">Setup</h2><a name="old"></a><div id='b&amp;c'>"#);
        assert!(ids.contains("setup") && ids.contains("old") && ids.contains("b&c"));
        assert!(!ids.contains("Setup"));
    }

    #[test]
    fn decodes_numeric_references() {
        assert_eq!(decode_entities("a&#39;b&#x2F;c&unknown;d & e"), "a'b/c&unknown;d & e");
    }
}
