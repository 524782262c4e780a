//! Old addresses taken apart: the path an old page had on its site (which becomes an alias), and
//! slugs that WordPress stores percent-encoded (`%d7%a9%d7%9c%d7%95%d7%9d` is `שלום`).

/// Decodes `%XX` escapes; sequences that are not valid UTF-8 are left as they were.
pub fn percent_decode_lossy(text: &str) -> String {
    percent_decode(text).unwrap_or_else(|| text.to_string())
}

pub use crate::url::percent_decode;

/// `https://ex.com/blog/2020/05/hello/?x=1#top` → (`https://ex.com`, `/blog/2020/05/hello/`).
pub fn split_url(url: &str) -> Option<(&str, &str)> {
    let (scheme, rest) = url.split_once("://")?;
    if scheme != "http" && scheme != "https" {
        return None;
    }
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let origin = &url[..scheme.len() + 3 + host_end];
    let path = &rest[host_end..];
    let path = path.split(['?', '#']).next().unwrap_or("");
    Some((origin, if path.is_empty() { "/" } else { path }))
}

/// The old address of a page as a path on the new site: the part of `url` after the old site's
/// own address `site` (so a blog that lived at `/blog` keeps its paths below it), decoded.
/// `None` for addresses on another host or with a query (`?p=12`), which no static page can hold.
pub fn old_path(url: &str, site: Option<&str>) -> Option<String> {
    if url.contains('?') {
        return None;
    }
    let (origin, path) = split_url(url)?;
    let base = site.and_then(split_url);
    let path = match base {
        Some((site_origin, site_path)) => {
            if !same_host(origin, site_origin) {
                return None;
            }
            let site_path = site_path.trim_end_matches('/');
            match path.strip_prefix(site_path) {
                Some(rest) if rest.is_empty() || rest.starts_with('/') => rest,
                _ => path,
            }
        }
        None => path,
    };
    let decoded = percent_decode_lossy(path);
    (decoded != "/" && !decoded.is_empty())
        .then(|| if decoded.starts_with('/') { decoded } else { format!("/{decoded}") })
}

/// `http://www.ex.com` and `https://ex.com` are one site that moved to HTTPS and dropped `www`.
fn same_host(a: &str, b: &str) -> bool {
    let host = |origin: &str| {
        let host = origin.split_once("://").map_or(origin, |(_, h)| h).to_ascii_lowercase();
        host.strip_prefix("www.").map(str::to_string).unwrap_or(host)
    };
    host(a) == host(b)
}

/// The last path segment of a URL, decoded, without `.html`: the old slug of a feed entry.
pub fn last_segment(url: &str) -> String {
    let path = split_url(url).map_or(url, |(_, p)| p);
    let segment = path.trim_end_matches('/').rsplit('/').next().unwrap_or("");
    let segment = segment.strip_suffix(".html").or_else(|| segment.strip_suffix(".htm")).unwrap_or(segment);
    percent_decode_lossy(segment)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_paths_are_decoded_and_counted_from_the_old_site() {
        let site = Some("https://ex.co.il");
        assert_eq!(
            old_path("https://ex.co.il/2020/05/%d7%a9%d7%9c%d7%95%d7%9d/", site).as_deref(),
            Some("/2020/05/שלום/")
        );
        assert_eq!(
            old_path("https://ex.com/blog/2020/hello/", Some("https://ex.com/blog")).as_deref(),
            Some("/2020/hello/")
        );
        assert_eq!(old_path("http://www.ex.com/a/", Some("https://ex.com")).as_deref(), Some("/a/"));
        assert_eq!(old_path("https://ex.com/?p=12", Some("https://ex.com")), None);
        assert_eq!(old_path("https://other.com/a/", Some("https://ex.com")), None);
        assert_eq!(old_path("https://ex.com/", Some("https://ex.com")), None);
    }

    #[test]
    fn last_segments_are_slugs() {
        assert_eq!(last_segment("https://x.blogspot.com/2020/05/my-post.html"), "my-post");
        assert_eq!(last_segment("https://ex.com/post/%D7%A9%D7%9C%D7%95%D7%9D"), "שלום");
        assert_eq!(last_segment("https://ex.com/post/abc/"), "abc");
    }
}
