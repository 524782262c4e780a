//! What each template reads: the templates it pulls in (`extends`, `include`, `import`) and the
//! fields of the site-wide `site` value its whole closure mentions. A page's memory key covers only
//! those fields, so editing the newest post's title re-renders the pages that show the latest
//! posts, not every page of the site.

use super::theme::TemplateSource;
use crate::memo::{checking, fingerprint};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex};

/// What one template, with everything it pulls in, depends on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateUses {
    /// A digest of its text and of every template it pulls in, directly or not.
    pub fingerprint: u64,
    /// Its own name and those of every template it pulls in, directly or not (`closure`).
    pub pulls_in: BTreeSet<String>,
    /// The `site.<field>`s it reads; `None` when it uses `site` in a way that may read any field
    /// (`site` alone, `site[...]`, passed whole to a macro).
    pub site_fields: Option<BTreeSet<String>>,
}

/// Names a template pulls in with `extends`, `include` or `import`, and whether a missing one is allowed.
pub fn dependencies(text: &str) -> Vec<(String, bool)> {
    let mut found = Vec::new();
    for tag in code_spans(text).filter(|t| t.starts_with('%')) {
        let tag = tag.trim_matches(|c: char| c == '%' || c == '-' || c.is_whitespace());
        let keyword = tag.split_whitespace().next().unwrap_or("");
        if matches!(keyword, "extends" | "include" | "import") {
            let optional = tag.contains("ignore missing");
            for name in tag.split(['"', '\'']).skip(1).step_by(2) {
                found.push((name.to_string(), optional));
            }
        }
    }
    found
}

/// The analysis of the templates the last caller had, by a digest of every template's name and
/// text: the dev server asks on every rebuild and the theme seldom changes.
type TemplateUsesMemo = Mutex<Option<(u64, Arc<BTreeMap<String, TemplateUses>>)>>;
static LAST_USES: TemplateUsesMemo = Mutex::new(None);

/// `template_uses`, reused while no template's name or text changed (this process keeps one
/// theme's analysis; the checked mode analyses the templates again and compares).
pub fn template_uses_cached(templates: &BTreeMap<String, TemplateSource>) -> Arc<BTreeMap<String, TemplateUses>> {
    let key = fingerprint(templates.iter().map(|(name, t)| (name, &t.text)).collect::<Vec<_>>());
    let last = LAST_USES.lock().unwrap_or_else(|e| e.into_inner()).clone();
    if let Some((_, uses)) = last.filter(|(last, _)| *last == key) {
        if checking() {
            assert!(
                *uses == template_uses(templates),
                "cache check failed: the templates' uses differ from a fresh analysis"
            );
        }
        return uses;
    }
    let uses = Arc::new(template_uses(templates));
    *LAST_USES.lock().unwrap_or_else(|e| e.into_inner()) = Some((key, uses.clone()));
    uses
}

/// For each template, what it and the templates it pulls in depend on.
pub fn template_uses(templates: &BTreeMap<String, TemplateSource>) -> BTreeMap<String, TemplateUses> {
    templates
        .keys()
        .map(|name| {
            let closure = closure(templates, name);
            let texts: Vec<(&String, &str)> = closure.iter().map(|n| (*n, templates[*n].text.as_str())).collect();
            let mut site_fields = Some(BTreeSet::new());
            for (_, text) in &texts {
                match (&mut site_fields, site_fields_in(text)) {
                    (Some(all), Some(fields)) => all.extend(fields),
                    _ => site_fields = None,
                }
            }
            let pulls_in = closure.iter().map(|n| n.to_string()).collect();
            (name.clone(), TemplateUses { fingerprint: fingerprint(&texts), pulls_in, site_fields })
        })
        .collect()
}

/// `name` and every template it pulls in, directly or not.
pub fn closure<'a>(templates: &'a BTreeMap<String, TemplateSource>, name: &'a str) -> BTreeSet<&'a String> {
    let mut seen = BTreeSet::new();
    let mut stack = vec![name];
    while let Some(current) = stack.pop() {
        let Some((key, source)) = templates.get_key_value(current) else { continue };
        if seen.insert(key) {
            for (dependency, _) in dependencies(&source.text) {
                if let Some((key, _)) = templates.get_key_value(&dependency) {
                    stack.push(key.as_str());
                }
            }
        }
    }
    seen
}

/// The text inside `{{ }}`, `{% %}` and `{# #}`, each starting with its opening mark's second
/// character (`{`, `%` or `#`).
fn code_spans(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        let start = rest.find('{').and_then(|i| {
            let mut at = i;
            loop {
                if matches!(rest.as_bytes().get(at + 1), Some(b'{' | b'%' | b'#')) {
                    return Some(at);
                }
                at += 1 + rest[at + 1..].find('{')?;
            }
        })?;
        let close = match rest.as_bytes()[start + 1] {
            b'{' => "}}",
            b'%' => "%}",
            _ => "#}",
        };
        let body = &rest[start + 1..];
        let end = body.find(close).map_or(body.len(), |e| e + 1);
        let span = &body[..end];
        rest = &body[end..];
        Some(span)
    })
}

/// The fields of `site` a template's code reads, or `None` when it may read any.
fn site_fields_in(text: &str) -> Option<BTreeSet<String>> {
    let mut fields = BTreeSet::new();
    for code in code_spans(text).filter(|span| !span.starts_with('#')) {
        // A string is not a read: `{% include "partials/site-menu.html" %}` names no field.
        let code = &without_strings(code);
        if code.contains("__tera_context") {
            return None; // the whole context, printed for debugging
        }
        let mut from = 0;
        while let Some(found) = code[from..].find("site") {
            let at = from + found;
            from = at + 4;
            let before = code[..at].chars().next_back();
            let after = &code[at + 4..];
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.')
                || after.chars().next().is_some_and(|c| c.is_alphanumeric() || c == '_')
            {
                continue; // part of another name: `website`, `page.site`, `site_name`
            }
            let field: String =
                after.strip_prefix('.')?.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            if field.is_empty() {
                return None;
            }
            fields.insert(field);
        }
    }
    Some(fields)
}

/// `code` with the text of its string literals (`"…"`, `'…'`, `` `…` ``) taken out, quotes kept.
fn without_strings(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    let mut quote = None;
    for c in code.chars() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => continue,
            None if matches!(c, '"' | '\'' | '`') => quote = Some(c),
            None => {}
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(text: &str) -> Option<Vec<String>> {
        site_fields_in(text).map(|f| f.into_iter().collect())
    }

    #[test]
    fn finds_the_site_fields_a_template_reads() {
        let text = "<h1>{{ site.title }}</h1>{% for p in site.latest_posts %}{{ p.title }}{% endfor %} site.menus";
        assert_eq!(fields(text), Some(vec!["latest_posts".into(), "title".into()]));
    }

    #[test]
    fn names_in_strings_are_not_reads() {
        assert_eq!(fields("{% include \"partials/site-menu.html\" %}{{ site.title }}"), Some(vec!["title".into()]));
        assert_eq!(fields("{{ 'site' ~ site.base_path }}"), Some(vec!["base_path".into()]));
        assert_eq!(fields("{{ `a site` }}{{ site }}"), None);
    }

    #[test]
    fn whole_site_uses_mean_any_field() {
        assert_eq!(fields("{{ m::card(site=site) }}"), None);
        assert_eq!(fields("{{ site[\"title\"] }}"), None);
        assert_eq!(fields("{% set s = site %}"), None);
    }

    #[test]
    fn other_names_containing_site_are_not_the_site() {
        assert_eq!(fields("{{ page.website }} {{ website.url }} {{ site_name }} {{ t.site }}"), Some(vec![]));
        assert_eq!(fields("{# Available: page, site. #}"), Some(vec![]));
    }

    #[test]
    fn dependencies_are_found_in_tags_only() {
        let text = "{% extends \"base.html\" %}{% include 'partials/x.html' ignore missing %} extends \"no.html\"";
        assert_eq!(dependencies(text), [("base.html".to_string(), false), ("partials/x.html".to_string(), true)]);
    }

    #[test]
    fn the_kept_analysis_follows_every_template_text() {
        let source = |text: &str| TemplateSource { text: text.into(), origin: "templates/page.html".into() };
        let theme = |partial: &str| {
            let page = ("page.html".to_string(), source("{% include \"p.html\" %}{{ site.title }}"));
            BTreeMap::from([page, ("p.html".to_string(), source(partial))])
        };
        for partial in ["{{ site.menus }}", "{{ site.tags }}", "{{ site }}", "{{ site.tags }}"] {
            let templates = theme(partial);
            let uses = template_uses_cached(&templates);
            assert_eq!(*uses, template_uses(&templates), "after the partial became {partial}");
        }
        let fields = template_uses_cached(&theme("{{ site.tags }}"))["page.html"].site_fields.clone();
        assert_eq!(fields, Some(BTreeSet::from(["tags".to_string(), "title".to_string()])));
    }
}
