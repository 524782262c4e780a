//! `aliases:` in front matter: each old address of a page becomes a small redirect page (meta
//! refresh, canonical link, a plain link, noindex), so links to a moved blog keep working.
//! `site_aliases` is the one list of them; the host files (`host_files`) redirect the same list.

use crate::content::front_matter::front_key_line;
use crate::diagnostics::{Diagnostic, Location};
use crate::html::escape_html as escape_attribute;
use crate::render::Theme;
use crate::site::Site;
use crate::url::percent_decode;
use serde_json::Value;
use std::collections::HashMap;
use std::path::Path;

/// A page or list page that has aliases: where it is and what its redirects say.
#[derive(Clone, Copy)]
struct Target<'a> {
    path: &'a Path,
    front_text: &'a str,
    aliases: &'a [String],
    url_path: &'a str,
    title: &'a str,
    lang: &'a str,
}

/// One alias: the redirect page's output path and where it leads.
pub(super) struct Alias<'a> {
    /// Where the redirect page is published: `old/index.html`, `blog/post.html`.
    pub output: String,
    target: Target<'a>,
}

impl Alias<'_> {
    /// The URL path of the page the alias leads to (`/kb/billing/`), without the base path.
    pub fn target_url_path(&self) -> &str {
        self.target.url_path
    }
}

/// Every alias of the site, sorted by output path, or an error for each alias that is malformed
/// or collides with a page, a list page, a published file or another alias.
pub(super) fn site_aliases(site: &Site) -> Result<Vec<Alias<'_>>, Vec<Diagnostic>> {
    let targets = alias_targets(site);
    if targets.is_empty() {
        return Ok(Vec::new());
    }
    check_aliases(site, &targets)
}

/// The redirect page of each alias.
pub(super) fn render_redirect_pages(site: &Site, theme: &Theme, aliases: &[Alias]) -> Vec<(String, Vec<u8>)> {
    aliases.iter().map(|alias| (alias.output.clone(), redirect_page(site, theme, &alias.target))).collect()
}

/// Pages, and folders through their `_index.md` (a whole blog can move), that list aliases.
fn alias_targets(site: &Site) -> Vec<Target<'_>> {
    let pages = site.pages.iter().filter(|p| !p.front.aliases.is_empty()).map(|p| Target {
        path: &p.path,
        front_text: &p.source.parsed.front_text,
        aliases: &p.front.aliases,
        url_path: &p.url_path,
        title: &p.title,
        lang: &p.lang,
    });
    let sections = site.sections.iter().filter_map(|s| {
        let index = s.index.as_ref().filter(|i| !i.parsed.front.aliases.is_empty())?;
        Some(Target {
            path: &index.path,
            front_text: &index.parsed.front_text,
            aliases: &index.parsed.front.aliases,
            url_path: &s.url_path,
            title: &s.title,
            lang: &s.lang,
        })
    });
    pages.chain(sections).collect()
}

fn check_aliases<'a>(site: &Site, targets: &[Target<'a>]) -> Result<Vec<Alias<'a>>, Vec<Diagnostic>> {
    let root = site.config.root.as_path();
    // Every output path a page, list or taxonomy page owns, described for the error; aliases add theirs.
    let mut owners: HashMap<String, String> = HashMap::new();
    for page in &site.pages {
        owners.insert(index_output(&page.url_path), format!("the address of {}", show(&page.path, None, root)));
    }
    for section in &site.sections {
        let path = section
            .index
            .as_ref()
            .map(|i| i.path.clone())
            .unwrap_or_else(|| site.config.content_dir().join(&section.dir));
        owners.insert(index_output(&section.url_path), format!("the address of {}", show(&path, None, root)));
    }
    for taxonomy in &site.taxonomies {
        let name = &taxonomy.name;
        owners.insert(index_output(&taxonomy.url_path), format!("the address of the `{name}` list"));
        for term in &taxonomy.terms {
            owners
                .insert(index_output(&term.url_path), format!("the address of the `{name}` page for `{}`", term.name));
        }
    }
    let mut aliases = Vec::new();
    let mut errors = Vec::new();
    for target in targets {
        for alias in target.aliases {
            let line = alias_line(target.front_text, alias);
            let at = Location::new(target.path, line, 0);
            let Some(output) = alias_output(alias) else {
                errors.push(Diagnostic::new(at, format!("alias `{alias}` is not a path on this site")).with_help(
                    "write the old address as a path from the site root, e.g. /2019/05/our-story/ or /old/page.html",
                ));
                continue;
            };
            if let Some(owner) = owners.get(&output) {
                errors.push(
                    Diagnostic::new(at, format!("alias `{alias}` is also {owner}"))
                        .with_help("remove one of them; an alias cannot replace a page or another alias"),
                );
                continue;
            }
            if site.files.contains_key(&output) {
                errors.push(
                    Diagnostic::new(at, format!("alias `{alias}` would overwrite the published file /{output}"))
                        .with_help("remove the alias or the file"),
                );
                continue;
            }
            owners.insert(output.clone(), format!("an alias in {}", show(target.path, Some(line), root)));
            aliases.push(Alias { output, target: *target });
        }
    }
    aliases.sort_by(|a, b| a.output.cmp(&b.output));
    if errors.is_empty() {
        Ok(aliases)
    } else {
        Err(errors)
    }
}

/// `content/blog/a.md:4`, or just the file for a page's own address.
fn show(path: &Path, line: Option<usize>, root: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path).display();
    match line {
        Some(line) => format!("{rel}:{line}"),
        None => rel.to_string(),
    }
}

/// The line of the file on which `alias` is written: the first line at or after `aliases:` that
/// contains it (the list may be inline or one item a line).
fn alias_line(front_text: &str, alias: &str) -> usize {
    let key = front_key_line(front_text, "aliases");
    if key == 0 {
        return 0;
    }
    // `key` counts the opening `---`, so the key is at index key - 2 of the front matter's lines.
    front_text.lines().enumerate().skip(key - 2).find(|(_, l)| l.contains(alias)).map_or(key, |(i, _)| i + 2)
}

/// The output path an alias is published at: `/old/` and `/old` → `old/index.html`;
/// `/old.html` stays a file. `None` when the alias is not a plain path inside the site.
fn alias_output(alias: &str) -> Option<String> {
    // Old Hebrew addresses are often copied percent-encoded; the file must have the decoded name,
    // which is what a web server looks for.
    let decoded = percent_decode(alias.trim())?;
    let path = decoded.strip_prefix('/')?;
    if path.is_empty() || path.contains(['?', '#', '\\']) || path.contains("//") {
        return None;
    }
    let segments: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    if segments.iter().any(|s| s.is_empty() || *s == "." || *s == "..") {
        return None;
    }
    let last = segments.last()?;
    let is_file = !path.ends_with('/') && last.contains('.') && !last.ends_with('.');
    Some(if is_file { segments.join("/") } else { format!("{}/index.html", segments.join("/")) })
}

/// `/kb/billing/` → `kb/billing/index.html`.
fn index_output(url_path: &str) -> String {
    format!("{}index.html", url_path.trim_start_matches('/'))
}

/// A redirect that works without JavaScript, tells search engines where the page went and
/// stays out of their index.
fn redirect_page(site: &Site, theme: &Theme, target: &Target) -> Vec<u8> {
    let target_url = escape_attribute(&site.permalink(target.url_path));
    let title = escape_attribute(target.title);
    let strings = theme.strings(target.lang);
    let notice = strings.get("redirect_notice").and_then(Value::as_str).unwrap_or("This page has moved to {title}");
    let notice = escape_attribute(notice).replace("{title}", &format!("<a href=\"{target_url}\">{title}</a>"));
    let lang = escape_attribute(target.lang);
    let dir = crate::lang::text_dir(target.lang);
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\" dir=\"{dir}\">\n<head>\n  <meta charset=\"utf-8\">\n  <title>{title}</title>\n  \
         <link rel=\"canonical\" href=\"{target_url}\">\n  <meta name=\"robots\" content=\"noindex\">\n  \
         <meta http-equiv=\"refresh\" content=\"0; url={target_url}\">\n</head>\n<body>\n  <p>{notice}</p>\n</body>\n</html>\n"
    )
    .into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_map_to_output_files() {
        assert_eq!(alias_output("/old/").as_deref(), Some("old/index.html"));
        assert_eq!(alias_output("/2019/05/story").as_deref(), Some("2019/05/story/index.html"));
        assert_eq!(alias_output("/blog/post.html").as_deref(), Some("blog/post.html"));
        assert_eq!(alias_output("/בלוג/ישן/").as_deref(), Some("בלוג/ישן/index.html"));
        assert_eq!(alias_output("/%D7%91%D7%9C%D7%95%D7%92/a%20b").as_deref(), Some("בלוג/a b/index.html"));
    }

    #[test]
    fn aliases_outside_the_site_are_refused() {
        for bad in [
            "old/",
            "/",
            "/../etc/",
            "//evil.com/x",
            "https://x.com/a",
            "/a?b=1",
            "/a//b",
            "/a/./b",
            "/%2e%2e/x",
            "/a%2",
            "/%FF",
        ] {
            assert_eq!(alias_output(bad), None, "{bad}");
        }
    }

    #[test]
    fn alias_lines_are_counted_in_the_file() {
        let front = "title: x\naliases:\n  - /one/\n  - /two/\n";
        assert_eq!(alias_line(front, "/one/"), 4);
        assert_eq!(alias_line(front, "/two/"), 5);
        assert_eq!(alias_line("title: x\naliases: [/a/, /b/]\n", "/b/"), 3);
    }
}
