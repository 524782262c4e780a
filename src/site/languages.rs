//! The languages of a multilingual site as each of them sees the others: where every page and list
//! lives in each language, for the language switcher, `hreflang` links and the sitemap's
//! alternates. A page without a translation sends the switcher to that language's nearest folder
//! (at worst its home), never to an address that does not exist.

use super::Site;
use crate::config::native_name;
use crate::memo::fingerprint;
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Every language's addresses, shared by the sites of all languages.
#[derive(Debug, Default, Clone, Hash, PartialEq)]
pub struct SiteLanguages {
    /// Each language, the default first.
    homes: Vec<LanguageHome>,
    /// Per language: URL path → the page there (`None` for lists, taxonomies and the search page).
    addresses: BTreeMap<String, BTreeMap<String, Option<Shown>>>,
    /// Page id → per language, the URL path of its own translation (borrowed pages not included).
    translations: BTreeMap<String, BTreeMap<String, String>>,
    /// A digest of all of the above, for the keys of the pages that show it.
    pub fingerprint: u64,
}

#[derive(Debug, Clone, Hash, PartialEq)]
struct LanguageHome {
    code: String,
    name: String,
    base_path: String,
    base_url: String,
    dir: &'static str,
}

/// A page at an address: its id, and whether its text is the language's own.
#[derive(Debug, Clone, Hash, PartialEq)]
struct Shown {
    id: String,
    translated: bool,
}

/// One link of the language switcher.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct LanguageLink {
    pub lang: String,
    pub name: String,
    pub dir: &'static str,
    pub url: String,
    /// The language of the page being shown.
    pub current: bool,
    /// The link leads to this page in that language, not to a folder or home page instead.
    pub same_page: bool,
}

/// One `<link rel="alternate" hreflang>`: `hreflang` is a language code or `x-default`.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Alternate {
    pub hreflang: String,
    pub href: String,
}

impl SiteLanguages {
    /// The addresses of every language's site (`sites[0]` is the default language's), with
    /// `generated`, the pages every language's build makes besides its content's (`/glossary/`).
    pub fn collect(sites: &[Site], generated: &[&str]) -> SiteLanguages {
        let mut all = SiteLanguages::default();
        for site in sites {
            let config = &site.config;
            let code = config.language.clone();
            let name = config.languages.get(&code).map_or_else(|| native_name(&code), |l| l.name.clone());
            all.homes.push(LanguageHome {
                code: code.clone(),
                name,
                base_path: config.base_path.clone(),
                base_url: config.base_url.clone(),
                dir: config.dir_of(&code),
            });
            let mut here: BTreeMap<String, Option<Shown>> = BTreeMap::new();
            for section in &site.sections {
                here.insert(section.url_path.clone(), None);
                let index =
                    if section.dir.is_empty() { "_index.md".into() } else { format!("{}/_index.md", section.dir) };
                all.translations.entry(index).or_default().insert(code.clone(), section.url_path.clone());
            }
            for taxonomy in &site.taxonomies {
                here.insert(taxonomy.url_path.clone(), None);
                for term in &taxonomy.terms {
                    here.insert(term.url_path.clone(), None);
                }
            }
            if config.search.enabled {
                here.insert("/search/".into(), None);
            }
            here.extend(generated.iter().map(|path| (path.to_string(), None)));
            for page in site.pages.iter().filter(|p| p.withheld.is_none()) {
                let translated = page.borrowed.is_none();
                here.insert(page.url_path.clone(), Some(Shown { id: page.id.clone(), translated }));
                if translated {
                    all.translations.entry(page.id.clone()).or_default().insert(code.clone(), page.url_path.clone());
                }
            }
            all.addresses.insert(code, here);
        }
        all.fingerprint = fingerprint(&all);
        all
    }

    /// Every language's code and absolute base URL (`https://example.com/help/en`), the default first.
    pub fn bases(&self) -> Vec<(String, String)> {
        self.homes.iter().map(|home| (home.code.clone(), origin_url(home))).collect()
    }

    /// Whether page `id` (its path inside content/) is published as its own text in some language.
    pub fn has_page(&self, id: &str) -> bool {
        self.translations.contains_key(id)
    }

    /// True for a site of one language.
    pub fn is_empty(&self) -> bool {
        self.homes.len() < 2
    }

    /// The switcher's links for the address `url_path` of language `lang`: the same page in every
    /// language where it exists, else that language's nearest folder above it, else its home.
    pub fn switcher(&self, lang: &str, url_path: &str) -> Vec<LanguageLink> {
        if self.is_empty() {
            return Vec::new();
        }
        let shown = self.addresses.get(lang).and_then(|a| a.get(url_path)).cloned().flatten();
        self.homes
            .iter()
            .map(|home| {
                let addresses = self.addresses.get(&home.code);
                let exists = |path: &str| addresses.is_some_and(|a| a.contains_key(path));
                let translation = shown.as_ref().and_then(|s| self.translations.get(&s.id)?.get(&home.code));
                let (path, same_page) = match translation {
                    Some(path) => (path.clone(), true),
                    None if shown.is_none() && exists(url_path) => (url_path.to_string(), true),
                    None => (nearest(url_path, exists), false),
                };
                LanguageLink {
                    lang: home.code.clone(),
                    name: home.name.clone(),
                    dir: home.dir,
                    url: format!("{}{path}", home.base_path),
                    current: home.code == lang,
                    same_page: same_page || home.code == lang,
                }
            })
            .collect()
    }

    /// `hreflang` alternates of `url_path` in `lang`: every language that has this page (or list)
    /// as its own text, plus `x-default`; none for a borrowed page or one in a single language.
    pub fn alternates(&self, lang: &str, url_path: &str) -> Vec<Alternate> {
        let Some(shown) = self.addresses.get(lang).and_then(|a| a.get(url_path)) else { return Vec::new() };
        let paths: Vec<(&LanguageHome, String)> = match shown {
            Some(Shown { translated: false, .. }) => return Vec::new(),
            Some(Shown { id, .. }) => {
                self.homes.iter().filter_map(|h| Some((h, self.translations.get(id)?.get(&h.code)?.clone()))).collect()
            }
            None => self
                .homes
                .iter()
                .filter(|h| self.addresses.get(&h.code).is_some_and(|a| a.contains_key(url_path)))
                .map(|h| (h, url_path.to_string()))
                .collect(),
        };
        if paths.len() < 2 {
            return Vec::new();
        }
        let href = |home: &LanguageHome, path: &str| format!("{}{path}", origin_url(home));
        let mut links: Vec<Alternate> =
            paths.iter().map(|(h, p)| Alternate { hreflang: h.code.clone(), href: href(h, p) }).collect();
        if let Some((home, path)) = paths.iter().find(|(h, _)| h.code == self.homes[0].code) {
            links.push(Alternate { hreflang: "x-default".into(), href: href(home, path) });
        }
        links
    }

    /// Where a menu of language `lang` should lead for `url_path` (a path inside the site): the
    /// default language's address when `lang` has nothing there and the default has, else `None`.
    pub fn elsewhere(&self, lang: &str, url_path: &str) -> Option<String> {
        let has = |code: &str| self.addresses.get(code).is_some_and(|a| a.contains_key(url_path));
        let home = self.homes.first()?;
        (!has(lang) && has(&home.code)).then(|| format!("{}{url_path}", home.base_path))
    }

    /// The URL path of page `id` in the default language, and that language's code, when there is
    /// an original there (for "read the original").
    pub fn original(&self, id: &str) -> Option<(String, String)> {
        let home = self.homes.first()?;
        let path = self.translations.get(id)?.get(&home.code)?;
        Some((format!("{}{path}", home.base_path), home.code.clone()))
    }
}

/// `https://example.com/help/he`, the absolute base of a language.
fn origin_url(home: &LanguageHome) -> String {
    let origin = home.base_url.strip_suffix(&home.base_path).unwrap_or(&home.base_url);
    format!("{origin}{}", home.base_path)
}

/// The nearest address above `url_path` (itself included) for which `exists` holds; `/` at worst.
fn nearest(url_path: &str, exists: impl Fn(&str) -> bool) -> String {
    let mut path = url_path.to_string();
    loop {
        if exists(&path) || path == "/" {
            return path;
        }
        let trimmed = path.trim_end_matches('/');
        path = match trimmed.rfind('/') {
            Some(i) => trimmed[..=i].to_string(),
            None => "/".to_string(),
        };
    }
}

/// Gives every language's site the addresses of all of them; `generated` as for `collect`.
pub fn link_languages(sites: &mut [Site], generated: &[&str]) {
    let shared = Arc::new(SiteLanguages::collect(sites, generated));
    for site in sites {
        site.languages = shared.clone();
    }
}

#[cfg(test)]
mod tests {
    use super::nearest;

    #[test]
    fn nearest_walks_up_to_home() {
        let known = ["/", "/kb/"];
        let exists = |p: &str| known.contains(&p);
        assert_eq!(nearest("/kb/billing/refunds/", exists), "/kb/");
        assert_eq!(nearest("/blog/page/2/", exists), "/");
        assert_eq!(nearest("/kb/", exists), "/kb/");
    }
}
