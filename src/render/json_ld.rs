//! schema.org JSON-LD for search engines, escaped so no front-matter value can close the script tag.

use super::views::{PageView, SectionView};
use serde_json::{json, Value};

/// Serializes `value` for a `<script type="application/ld+json">`: `<`, `>` and `&` become `\u` escapes,
/// so `</script>` in a title cannot end the script, and line separators cannot break JavaScript parsers.
pub fn script_safe(value: &Value) -> String {
    escaped_for_script(serde_json::to_string(value).unwrap_or_default())
}

/// `text`, JSON, with the characters `script_safe` escapes escaped.
fn escaped_for_script(text: String) -> String {
    // Every page carries two of these: copy the text in runs between the characters to escape,
    // and not at all when it has none.
    let bytes = text.as_bytes();
    let mut out: Option<String> = None;
    let (mut start, mut i) = (0, 0);
    while i < bytes.len() {
        let escape = match bytes[i] {
            b'<' => Some(("\\u003c", 1)),
            b'>' => Some(("\\u003e", 1)),
            b'&' => Some(("\\u0026", 1)),
            // U+2028 and U+2029 are E2 80 A8 and E2 80 A9 in UTF-8.
            0xE2 if bytes.get(i + 1) == Some(&0x80) && bytes.get(i + 2) == Some(&0xA8) => Some(("\\u2028", 3)),
            0xE2 if bytes.get(i + 1) == Some(&0x80) && bytes.get(i + 2) == Some(&0xA9) => Some(("\\u2029", 3)),
            _ => None,
        };
        match escape {
            Some((with, len)) => {
                let out = out.get_or_insert_with(|| String::with_capacity(text.len() + 32));
                out.push_str(&text[start..i]);
                out.push_str(with);
                i += len;
                start = i;
            }
            None => i += 1,
        }
    }
    match out {
        Some(mut out) => {
            out.push_str(&text[start..]);
            out
        }
        None => text,
    }
}

fn organization(site_title: &str, base_url: &str) -> Value {
    json!({ "@type": "Organization", "name": site_title, "url": format!("{base_url}/") })
}

/// BlogPosting, TechArticle, Product or ProfilePage, by page kind. Fields a page does not have
/// (no image, no byline) are left out rather than written empty: every page carries this.
pub fn for_page(page: &PageView, site_title: &str, base_url: &str) -> Value {
    let mut value = page_node(page, site_title, base_url);
    if let Value::Object(fields) = &mut value {
        fields.retain(|_, v| !v.is_null() && v.as_array().is_none_or(|a| !a.is_empty()));
    }
    value
}

fn page_node(page: &PageView, site_title: &str, base_url: &str) -> Value {
    let card = &page.card;
    let authors: Vec<Value> = card.authors.iter().map(|a| person(a, base_url)).collect();
    match card.kind {
        "post" | "article" | "guide" => json!({
            "@context": "https://schema.org",
            "@type": if card.kind == "post" { "BlogPosting" } else { "TechArticle" },
            "headline": card.title,
            "description": card.description,
            "url": card.permalink,
            "inLanguage": card.lang,
            "datePublished": card.date,
            "dateModified": card.updated.clone().or(card.date.clone()),
            "author": authors,
            "publisher": organization(site_title, base_url),
            "image": card.image.as_deref().map(|i| absolute(i, base_url)),
            "keywords": card.tags,
        }),
        "product" => json!({
            "@context": "https://schema.org",
            "@type": "Product",
            "name": card.title,
            "description": card.description,
            "url": card.permalink,
            "brand": organization(site_title, base_url),
        }),
        "author" => json!({
            "@context": "https://schema.org",
            "@type": "ProfilePage",
            "url": card.permalink,
            "mainEntity": {
                "@type": "Person",
                "name": card.title,
                "url": card.permalink,
                "jobTitle": page.role,
                "description": card.description,
                "image": card.image.as_deref().map(|i| absolute(i, base_url)),
                "sameAs": page.links.iter().map(|l| l.url.clone()).filter(|u| u.starts_with("http")).collect::<Vec<_>>(),
            },
        }),
        _ => json!({
            "@context": "https://schema.org",
            "@type": "WebPage",
            "name": card.title,
            "url": card.permalink,
            "inLanguage": card.lang,
        }),
    }
}

/// WebSite and Organization on the home page; CollectionPage elsewhere.
pub fn for_section(section: &SectionView, site_title: &str, base_url: &str, lang: &str) -> Value {
    if section.kind == "home" {
        json!({
            "@context": "https://schema.org",
            "@graph": [
                { "@type": "WebSite", "name": site_title, "url": format!("{base_url}/"), "inLanguage": lang },
                organization(site_title, base_url),
            ],
        })
    } else {
        json!({
            "@context": "https://schema.org",
            "@type": "CollectionPage",
            "name": section.title,
            "url": section.permalink,
            "inLanguage": lang,
        })
    }
}

/// A schema.org Person for an author card. An author known only by name is a Person with a name.
fn person(author: &super::views::AuthorCard, base_url: &str) -> Value {
    let mut person = json!({ "@type": "Person", "name": author.name });
    let url = Some(&author.url).filter(|u| !u.is_empty()).map(|u| absolute(u, base_url));
    let fields = [
        ("url", url),
        ("jobTitle", author.role.clone()),
        ("image", author.photo.as_deref().map(|p| absolute(p, base_url))),
    ];
    for (key, value) in fields {
        if let Some(value) = value {
            person[key] = json!(value);
        }
    }
    person
}

/// A URL path with the base path (or an external URL) made absolute.
fn absolute(url: &str, base_url: &str) -> String {
    if url.starts_with('/') && !url.starts_with("//") {
        format!("{}{url}", origin(base_url))
    } else {
        url.to_string()
    }
}

/// A BreadcrumbList from `crumbs` (`{title, url}`, home first), serialized for its own script tag
/// (beside the page's main JSON-LD, which keeps its shape). Empty for a trail of one, the home page.
pub fn breadcrumb_list(crumbs: &[Value], base_url: &str) -> String {
    if crumbs.len() < 2 {
        return String::new();
    }
    // Written as serde_json writes the value it stands for (an object's keys in order), without
    // building that value first: the trail is on every page, and building it cost more than the rest.
    let mut text: Vec<u8> = Vec::with_capacity(96 + 160 * crumbs.len());
    text.extend_from_slice(br#"{"@context":"https://schema.org","@type":"BreadcrumbList","itemListElement":["#);
    for (n, crumb) in crumbs.iter().enumerate() {
        if n > 0 {
            text.push(b',');
        }
        text.extend_from_slice(br#"{"@type":"ListItem","item":"#);
        let item = absolute(crumb["url"].as_str().unwrap_or("/"), base_url);
        let written = serde_json::to_writer(&mut text, &item).and_then(|()| {
            text.extend_from_slice(br#","name":"#);
            serde_json::to_writer(&mut text, &crumb["title"])
        });
        if written.is_err() {
            return String::new();
        }
        text.extend_from_slice(format!(",\"position\":{}}}", n + 1).as_bytes());
    }
    text.extend_from_slice(b"]}");
    escaped_for_script(String::from_utf8(text).unwrap_or_default())
}

/// `https://example.com` from `https://example.com/help`: page URLs already carry the base path.
pub fn origin(base_url: &str) -> &str {
    match base_url.find("://") {
        Some(i) => base_url[i + 3..].find('/').map_or(base_url, |j| &base_url[..i + 3 + j]),
        None => base_url,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_safe_cannot_close_the_script() {
        let v = json!({ "headline": "</script><script>alert(1)</script> & more" });
        let text = script_safe(&v);
        assert!(!text.contains("</script>"));
        assert!(!text.contains('&'));
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, v);
    }

    #[test]
    fn script_safe_escapes_as_one_character_at_a_time_would() {
        let reference = |text: &str| -> String {
            text.chars()
                .map(|c| match c {
                    '<' => "\\u003c".to_string(),
                    '>' => "\\u003e".to_string(),
                    '&' => "\\u0026".to_string(),
                    '\u{2028}' => "\\u2028".to_string(),
                    '\u{2029}' => "\\u2029".to_string(),
                    c => c.to_string(),
                })
                .collect()
        };
        let alphabet = ["<", ">", "&", "\u{2028}", "\u{2029}", "\u{2027}", "—", "א", "a"];
        for a in alphabet {
            for b in alphabet {
                for c in alphabet {
                    let v = json!(format!("{a}{b}{c}"));
                    assert_eq!(script_safe(&v), reference(&serde_json::to_string(&v).unwrap()), "{v}");
                }
            }
        }
    }

    #[test]
    fn the_breadcrumb_list_is_the_value_it_stands_for_serialized() {
        let reference = |crumbs: &[Value], base_url: &str| {
            let items: Vec<Value> = crumbs
                .iter()
                .enumerate()
                .map(|(n, c)| {
                    let item = absolute(c["url"].as_str().unwrap_or("/"), base_url);
                    json!({ "@type": "ListItem", "position": n + 1, "name": c["title"], "item": item })
                })
                .collect();
            script_safe(
                &json!({ "@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": items }),
            )
        };
        let crumbs = [
            json!({ "title": "Home", "url": "/docs/" }),
            json!({ "title": "A \"quoted\" <b> & \u{2028} title", "url": "https://other.example/x?a=1&b=2" }),
            json!({ "title": 12, "url": "//cdn.example/y" }),
            json!({ "title": null }),
            json!("not an object"),
            json!({ "title": "עברית", "url": "/docs/he/דף/" }),
        ];
        for n in 0..=crumbs.len() {
            let made = breadcrumb_list(&crumbs[..n], "https://e.com/docs");
            let expected = if n < 2 { String::new() } else { reference(&crumbs[..n], "https://e.com/docs") };
            assert_eq!(made, expected);
        }
    }

    #[test]
    fn origin_drops_the_path() {
        assert_eq!(origin("https://e.com/help"), "https://e.com");
        assert_eq!(origin("https://e.com"), "https://e.com");
    }
}
