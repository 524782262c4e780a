//! Old addresses kept working: each page's old path becomes an `aliases:` entry (a redirect page
//! in every build), and WordPress's `?p=ID` addresses, which no static file can answer, get a
//! redirect table read by a small script on the home page.

use super::urls::old_path;
use std::collections::{BTreeMap, HashSet};

/// Aliases handed out so far, so no two pages claim one old address and none hides a page.
pub struct AliasSet {
    taken: HashSet<String>,
}

impl AliasSet {
    /// `claimed` are the URL paths of the new site's pages and lists.
    pub fn new<'a>(claimed: impl IntoIterator<Item = &'a str>) -> AliasSet {
        AliasSet { taken: claimed.into_iter().map(normalize).collect() }
    }

    /// The aliases for a page now at `url_path`, from its old absolute addresses. Addresses that
    /// cannot become aliases are described in `dropped`.
    pub fn aliases_for(
        &mut self,
        old_urls: &[String],
        old_site: Option<&str>,
        url_path: &str,
        dropped: &mut Vec<String>,
    ) -> Vec<String> {
        let mut aliases = Vec::new();
        for url in old_urls {
            let Some(path) = old_path(url, old_site) else {
                if !url.contains('?') {
                    dropped.push(format!("{url} (not on the old site's address {})", old_site.unwrap_or("?")));
                }
                continue;
            };
            if normalize(&path) == normalize(url_path) {
                continue;
            }
            if !is_plain_path(&path) {
                dropped.push(format!("{url} (not a plain path a static host can serve)"));
                continue;
            }
            if !self.taken.insert(normalize(&path)) {
                dropped.push(format!("{url} (also the address of another page)"));
                continue;
            }
            aliases.push(path);
        }
        aliases
    }
}

/// What Folio accepts as an alias: a path with no empty, `.` or `..` segment and no `%` left undecoded.
fn is_plain_path(path: &str) -> bool {
    path.starts_with('/')
        && !path.contains(['?', '#', '\\', '%'])
        && path.trim_end_matches('/')[1..].split('/').all(|s| !s.is_empty() && s != "." && s != "..")
}

fn normalize(path: &str) -> String {
    let path = path.trim_end_matches('/');
    path.strip_suffix("/index.html").unwrap_or(path).to_string()
}

/// The script that sends `/?p=12` and `/?page_id=7` on to the pages' new addresses. `table` maps
/// old ids to URL paths without the leading slash, resolved against the script's own address so
/// the site may live under a path.
pub fn id_redirect_script(table: &BTreeMap<String, String>) -> String {
    let json = serde_json::to_string(table).unwrap_or_else(|_| "{}".into());
    format!(
        "// Written by `folio import wordpress`. WordPress also answered /?p=ID and /?page_id=ID; a static\n\
         // host serves the home page for those, and this sends the reader on to the page's new address.\n\
         (function () {{\n  var pages = {json};\n  var match = /[?&](?:p|page_id)=(\\d+)/.exec(location.search);\n  \
         if (match && pages[match[1]]) location.replace(new URL(pages[match[1]], document.currentScript.src).href);\n}})();\n"
    )
}

/// The theme hook that loads the script on the home page only.
pub const ID_REDIRECT_HOOK: &str = "{#- Written by `folio import wordpress`: old /?p=ID addresses lead on to their pages\n    \
    (the table is static/wordpress-ids.js). Keep this line if you add your own tags here. -#}\n\
    {%- if section and section.kind == \"home\" %}\n  <script src=\"{{ url_for(path=\"wordpress-ids.js\") }}\"></script>\n{%- endif %}\n";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_skip_the_new_address_and_taken_ones() {
        let mut set = AliasSet::new(["/blog/hello/", "/about/"]);
        let mut dropped = Vec::new();
        let old = [
            "https://ex.com/2020/05/hello/",
            "https://ex.com/blog/hello/",
            "https://ex.com/about",
            "https://other.com/x/",
        ]
        .map(String::from);
        let aliases = set.aliases_for(&old, Some("https://ex.com"), "/blog/hello/", &mut dropped);
        assert_eq!(aliases, ["/2020/05/hello/"]);
        assert_eq!(dropped.len(), 2, "{dropped:?}");
        let again = set.aliases_for(&old[..1], Some("https://ex.com"), "/blog/other/", &mut dropped);
        assert!(again.is_empty());
    }

    #[test]
    fn the_id_script_holds_the_table() {
        let script = id_redirect_script(&BTreeMap::from([("12".into(), "blog/שלום/".into())]));
        assert!(script.contains("var pages = {\"12\":\"blog/שלום/\"};"), "{script}");
    }
}
