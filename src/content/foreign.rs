//! Front matter written for Hugo, Jekyll and Zola, read as Folio's. Their keys are renamed to
//! Folio's where they mean the same thing (`lastmod` is `updated`, `expiryDate` is `expires`,
//! Zola's `[taxonomies]` hold `tags`); keys that mean nothing here stay available to templates as
//! `page.extra` and are named once per build, never an error.

use crate::diagnostics::Diagnostic;
use serde_yaml::{Mapping, Value};

/// Other generators' names for Folio's keys: (their key, Folio's key).
const RENAMES: &[(&str, &str)] = &[
    ("lastmod", "updated"),
    ("last_modified_at", "updated"),
    ("publishDate", "date"),
    ("publishdate", "date"),
    ("pubdate", "date"),
    ("expiryDate", "expires"),
    ("expirydate", "expires"),
    ("unpublishdate", "expires"),
    ("excerpt", "description"),
];

/// Keys of other generators that Folio has no use for, and where they come from.
const WITHOUT_MEANING: &[(&str, &str)] = &[
    ("layout", "Hugo and Jekyll choose a template with it; Folio uses `template`"),
    ("type", "Hugo chooses a template with it; Folio uses `template`"),
    ("url", "Hugo sets the address with it; Folio takes it from the file name and `slug`"),
    ("permalink", "Jekyll sets the address with it; Folio takes it from the file name and `slug`"),
    ("path", "Zola sets the address with it; Folio takes it from the file name and `slug`"),
    ("linkTitle", "Hugo shows it in menus; Folio menus are in site.yaml"),
    ("menu", "Hugo builds menus with it; Folio menus are in site.yaml"),
    ("menus", "Hugo builds menus with it; Folio menus are in site.yaml"),
    ("keywords", "search engines ignore it; Folio writes tags into the page's metadata"),
    ("outputs", "Hugo's output formats; Folio writes its feeds for every blog"),
    ("markup", "Hugo's renderer choice; Folio reads Markdown"),
    ("headless", "a Hugo bundle setting"),
    ("cascade", "a Hugo setting for child pages"),
    ("build", "a Hugo publishing setting; Folio uses `draft` and dates"),
    ("sitemap", "a Hugo sitemap setting; every published page is in Folio's sitemap"),
    ("resources", "a Hugo bundle setting"),
    ("translationKey", "Hugo's link between translations"),
    ("isCJKLanguage", "a Hugo word-count setting"),
    ("excerpt_separator", "a Jekyll setting; Folio uses `description`"),
    ("render", "a Zola setting"),
    ("in_search_index", "a Zola setting; Folio uses `search: false`"),
    ("redirect_to", "a Zola setting; Folio writes redirects from `aliases` of the new page"),
    ("insert_anchor_links", "a Zola setting; Folio adds anchors to every heading"),
    ("sort_by", "a Zola setting; Folio sorts sections in site.yaml"),
    ("paginate_by", "a Zola setting; Folio paginates in site.yaml"),
    ("page_template", "a Zola setting"),
    ("transparent", "a Zola setting"),
];

/// The part of the message that marks these warnings, so repeats can be collapsed.
const NO_MEANING: &str = "has no meaning in Folio";

/// Renames and unpacks other generators' keys in `front` (`is_toml`: written between `+++`, as
/// Zola and Hugo do). Returns whether anything changed and the keys kept without meaning, with
/// what they are for.
pub fn map_foreign_keys(front: &mut Mapping, is_toml: bool) -> (bool, Vec<(String, &'static str)>) {
    let mut changed = false;
    let mut kept = Vec::new();
    for (theirs, ours) in RENAMES {
        if front.contains_key(*theirs) {
            if front.contains_key(*ours) {
                kept.push((theirs.to_string(), already_set(ours)));
            } else if let Some(value) = front.remove(*theirs) {
                front.insert((*ours).into(), value);
                changed = true;
            }
        }
    }
    // Hugo lists several images; Folio's `image` is one.
    if let Some(Value::Sequence(images)) = front.get("images").cloned() {
        if !front.contains_key("image") {
            if let Some(first) = images.into_iter().next() {
                front.remove("images");
                front.insert("image".into(), first);
                changed = true;
            }
        }
    }
    // Jekyll's `published: false` is a draft.
    if let Some(Value::Bool(published)) = front.get("published").cloned() {
        front.remove("published");
        if !front.contains_key("draft") {
            front.insert("draft".into(), Value::Bool(!published));
        }
        changed = true;
    }
    // Zola keeps taxonomies and template data in tables of their own (only in TOML, so a YAML
    // page's own `extra:` key keeps meaning what it always did).
    for table in ["taxonomies", "extra"].into_iter().filter(|_| is_toml) {
        if let Some(Value::Mapping(inner)) = front.get(table).cloned() {
            front.remove(table);
            for (key, value) in inner {
                if !front.contains_key(&key) {
                    front.insert(key, value);
                }
            }
            changed = true;
        }
    }
    for (key, why) in WITHOUT_MEANING {
        if front.contains_key(*key) {
            kept.push((key.to_string(), *why));
        }
    }
    (changed, kept)
}

fn already_set(ours: &str) -> &'static str {
    match ours {
        "updated" => "`updated` is set as well, and wins",
        "date" => "`date` is set as well, and wins",
        "expires" => "`expires` is set as well, and wins",
        _ => "`description` is set as well, and wins",
    }
}

/// The warning for one such key on one page.
pub fn no_meaning_warning(location: crate::diagnostics::Location, key: &str, why: &str) -> Diagnostic {
    Diagnostic::new(location, format!("front-matter key `{key}` {NO_MEANING}"))
        .with_help(format!("{why}; it is kept as page.extra.{key}"))
}

/// Keeps the first warning about each such key and says on it how many other pages have the key:
/// a site moved from Hugo has `layout` on every page, and one line says it.
pub fn collapse_repeated_warnings(warnings: &mut [Vec<Diagnostic>]) {
    let mut first: Vec<(String, usize, usize)> = Vec::new();
    let mut counts: Vec<usize> = Vec::new();
    for (page, list) in warnings.iter_mut().enumerate() {
        list.retain(|w| {
            if !w.message.contains(NO_MEANING) {
                return true;
            }
            match first.iter().position(|(m, _, _)| *m == w.message) {
                Some(i) => {
                    counts[i] += 1;
                    false
                }
                None => {
                    first.push((w.message.clone(), page, 0));
                    counts.push(0);
                    true
                }
            }
        });
    }
    for ((message, page, _), more) in first.into_iter().zip(counts) {
        if more == 0 {
            continue;
        }
        if let Some(w) = warnings[page].iter_mut().find(|w| w.message == message) {
            let others =
                if more == 1 { "1 other page has it".to_string() } else { format!("{more} other pages have it") };
            w.help = Some(format!("{} ({others})", w.help.take().unwrap_or_default()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mapped(yaml: &str) -> (Mapping, Vec<String>) {
        let mut front: Mapping = serde_yaml::from_str(yaml).unwrap();
        let (_, kept) = map_foreign_keys(&mut front, true);
        (front, kept.into_iter().map(|(k, _)| k).collect())
    }

    #[test]
    fn hugo_keys_become_folio_keys() {
        let (front, kept) = mapped("title: x\nlastmod: 2020-01-02\npublishDate: 2020-01-01\nexpiryDate: 2030-01-01\nimages: [a.png, b.png]\nlayout: post\n");
        let get = |k: &str| front.get(k).and_then(Value::as_str);
        assert_eq!(
            [get("updated"), get("date"), get("expires"), get("image"), get("lastmod")],
            [Some("2020-01-02"), Some("2020-01-01"), Some("2030-01-01"), Some("a.png"), None]
        );
        assert_eq!(kept, ["layout"]);
    }

    #[test]
    fn zola_tables_and_jekyll_flags_unpack() {
        let (front, kept) =
            mapped("taxonomies: {tags: [a], authors_list: [x]}\nextra: {hero: red}\npublished: false\n");
        assert_eq!(front.get("tags"), Some(&serde_yaml::from_str("[a]").unwrap()));
        assert_eq!(front.get("hero").and_then(Value::as_str), Some("red"));
        assert_eq!(front.get("draft"), Some(&Value::Bool(true)));
        assert!(kept.is_empty());
    }

    #[test]
    fn a_key_set_twice_keeps_folios() {
        let (front, kept) = mapped("date: 2020-01-01\npublishDate: 2021-01-01\n");
        assert_eq!(front.get("date").and_then(Value::as_str), Some("2020-01-01"));
        assert_eq!(kept, ["publishDate"]);
    }
}
