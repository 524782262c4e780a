//! Links inside rendered HTML made absolute, for feeds: a feed reader shows an entry away from the
//! site, where `/kb/refunds/` or `photo.jpg` would point nowhere.

/// Rewrites every `href="…"`, `src="…"` and `srcset="…"` in `html` (as Folio's Markdown renderer writes them) so it
/// is absolute: `/x` gets the site's origin, `#a` and `x.png` are resolved against `page_url`.
pub fn absolutize_links(html: &str, origin: &str, page_url: &str) -> String {
    let mut out = String::with_capacity(html.len() + 64);
    let mut rest = html;
    while let Some((start, attr_len)) = next_attribute(rest) {
        let value_start = start + attr_len;
        let Some(value_len) = rest[value_start..].find('"') else {
            break;
        };
        out.push_str(&rest[..value_start]);
        let value = &rest[value_start..value_start + value_len];
        if rest[start..value_start].contains("srcset") {
            // `a.webp 320w, b.webp 640w`: each candidate's URL, its width kept.
            let candidates: Vec<String> = value
                .split(", ")
                .map(|c| match c.split_once(' ') {
                    Some((url, width)) => format!("{} {width}", absolute_url(url, origin, page_url)),
                    None => absolute_url(c, origin, page_url),
                })
                .collect();
            out.push_str(&candidates.join(", "));
        } else {
            out.push_str(&absolute_url(value, origin, page_url));
        }
        rest = &rest[value_start + value_len..];
    }
    out.push_str(rest);
    out
}

/// The earliest ` href="`, ` src="` or ` srcset="` in `html`: its position and length.
fn next_attribute(html: &str) -> Option<(usize, usize)> {
    [" href=\"", " src=\"", " srcset=\""]
        .iter()
        .filter_map(|a| html.find(a).map(|i| (i, a.len())))
        .min_by_key(|&(i, _)| i)
}

/// One URL made absolute. `page_url` is the page's absolute URL, ending in `/`.
pub fn absolute_url(url: &str, origin: &str, page_url: &str) -> String {
    if url.is_empty() || has_scheme(url) || url.starts_with("//") {
        return url.to_string();
    }
    if url.starts_with('/') {
        return format!("{origin}{url}");
    }
    if url.starts_with('#') || url.starts_with('?') {
        return format!("{page_url}{url}");
    }
    // A relative path: resolve `./` and `../` against the page's folder.
    let base_path = page_url.strip_prefix(origin).unwrap_or(page_url);
    let mut segments: Vec<&str> = base_path.split('/').filter(|s| !s.is_empty()).collect();
    let mut relative = url;
    loop {
        if let Some(r) = relative.strip_prefix("./") {
            relative = r;
        } else if let Some(r) = relative.strip_prefix("../") {
            segments.pop();
            relative = r;
        } else {
            break;
        }
    }
    let folder: String = segments.iter().map(|s| format!("/{s}")).collect();
    format!("{origin}{folder}/{relative}")
}

/// A URL with every non-ASCII character (a Hebrew slug) and space percent-encoded as UTF-8, as
/// sitemaps and RSS require: they take URIs, where HTML and Atom would accept the Unicode form.
pub fn ascii_url(url: &str) -> String {
    if url.bytes().all(|b| b.is_ascii_graphic()) {
        return url.to_string();
    }
    let mut out = String::with_capacity(url.len() * 2);
    for c in url.chars() {
        if c.is_ascii_graphic() {
            out.push(c);
        } else {
            let mut buffer = [0; 4];
            for byte in c.encode_utf8(&mut buffer).bytes() {
                out.push_str(&format!("%{byte:02X}"));
            }
        }
    }
    out
}

/// `https:`, `mailto:`, `tel:`…: a scheme is letters, digits, `+`, `-`, `.` before the first `:`,
/// and comes before any `/`, `?` or `#`.
fn has_scheme(url: &str) -> bool {
    match url.find(':') {
        Some(i) => {
            let scheme = &url[..i];
            !scheme.is_empty()
                && scheme.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ORIGIN: &str = "https://e.com";
    const PAGE: &str = "https://e.com/help/blog/launch/";

    #[test]
    fn root_relative_anchor_and_relative_links_become_absolute() {
        let html = r##"<p><a href="/help/kb/">kb</a> <a href="#part">part</a> <img src="photo.jpg" alt=""> <a href="../other/">o</a> <source srcset="/help/a-320w.webp 320w, /help/a-640w.webp 640w"></p>"##;
        assert_eq!(
            absolutize_links(html, ORIGIN, PAGE),
            r##"<p><a href="https://e.com/help/kb/">kb</a> <a href="https://e.com/help/blog/launch/#part">part</a> <img src="https://e.com/help/blog/launch/photo.jpg" alt=""> <a href="https://e.com/help/blog/other/">o</a> <source srcset="https://e.com/help/a-320w.webp 320w, https://e.com/help/a-640w.webp 640w"></p>"##
        );
    }

    #[test]
    fn ascii_urls_encode_hebrew_and_spaces_only() {
        assert_eq!(ascii_url("https://e.com/tags/דוח/?a=b%20c"), "https://e.com/tags/%D7%93%D7%95%D7%97/?a=b%20c");
        assert_eq!(ascii_url("https://e.com/a b"), "https://e.com/a%20b");
    }

    #[test]
    fn absolute_and_other_scheme_links_stay() {
        let html = r#"<a href="https://x.org/a">x</a><a href="mailto:a@b.c">m</a><a href="//cdn.x/y">c</a>"#;
        assert_eq!(absolutize_links(html, ORIGIN, PAGE), html);
    }

    #[test]
    fn text_that_looks_like_an_attribute_outside_a_tag_is_left_alone_when_unquoted() {
        assert_eq!(absolutize_links("<p>write href=x</p>", ORIGIN, PAGE), "<p>write href=x</p>");
    }
}
