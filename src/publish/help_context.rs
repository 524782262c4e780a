//! `help/context.json`, one per language, for the help widget a product page embeds
//! (themes/default/static/help-widget.js): which articles help with which screens of the product
//! (URL patterns from the pages' `context:` and from `help_widget.contexts` in site.yaml), where the
//! search index and the feedback endpoint are, the panel's words in the language, and where the
//! other languages' files are. Patterns are ordered as the widget tries them: exact paths first,
//! then those naming more of the path; a pattern's articles by `weight`, then title. Drafts,
//! withheld and borrowed pages are never listed. Every address is absolute: the widget runs on the
//! product's origin.

use crate::config::feedback::{PostFormat, Transport};
use crate::config::url_pattern::UrlPattern;
use crate::content::front_matter::front_key_line;
use crate::diagnostics::{Diagnostic, Location};
use crate::render::Theme;
use crate::site::{Page, PageKind, Site};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

/// Where each language's file is, under the language's base path.
pub const CONTEXT_FILE: &str = "help/context.json";

/// The theme strings the panel shows, sent under their names without the `help_widget_` prefix.
pub const WIDGET_STRINGS: &[&str] = &[
    "help_widget_open",
    "help_widget_title",
    "help_widget_close",
    "help_widget_articles",
    "help_widget_none",
    "help_widget_search_label",
    "help_widget_search_placeholder",
    "help_widget_results",
    "help_widget_no_results",
    "help_widget_question",
    "help_widget_thanks",
    "help_widget_failed",
    "help_widget_all_help",
    "help_widget_new_tab",
    "feedback_yes",
    "feedback_no",
    "feedback_reason",
    "feedback_reason_inaccurate",
    "feedback_reason_out_of_date",
    "feedback_reason_hard_to_follow",
    "feedback_reason_missing_information",
    "feedback_reason_broken_link",
    "feedback_reason_other",
    "feedback_send",
    "feedback_next_title",
    "feedback_next_link",
    "feedback_next_email",
    "feedback_next_chat",
    "search_loading",
    "search_error",
];

/// `help/context.json` of this language's site, when site.yaml has `help_widget:`.
pub fn render_help_context(site: &Site, theme: &Theme) -> Result<Vec<(String, Vec<u8>)>, Vec<Diagnostic>> {
    let Some(widget) = &site.config.help_widget else { return Ok(Vec::new()) };
    let listed = |page: &Page| page.withheld.is_none() && page.borrowed.is_none() && page.kind != PageKind::Author;
    let mut errors = Vec::new();
    // Pattern → the pages under it, each once.
    let mut mapped: BTreeMap<String, (UrlPattern, Vec<usize>)> = BTreeMap::new();
    let mut map = |pattern: UrlPattern, page: usize| {
        let entry = mapped.entry(pattern.text.clone()).or_insert_with(|| (pattern, Vec::new()));
        if !entry.1.contains(&page) {
            entry.1.push(page);
        }
    };
    for (i, page) in site.pages.iter().enumerate() {
        for raw in &page.front.context {
            match UrlPattern::parse(raw) {
                Ok(pattern) if listed(page) => map(pattern, i),
                Ok(_) => {}
                Err(why) => {
                    let line = front_key_line(&page.source.parsed.front_text, "context");
                    errors.push(
                        Diagnostic::new(Location::new(&page.path, line, 1), format!("`context`: {why}")).with_help(
                            "list the product's paths this page helps with, e.g. context: [/billing/*, /settings/team]",
                        ),
                    );
                }
            }
        }
    }
    let by_id: BTreeMap<&str, usize> = site.pages.iter().enumerate().map(|(i, p)| (p.id.as_str(), i)).collect();
    let site_yaml = site.config.root.join(crate::config::CONFIG_FILE);
    for rule in &widget.contexts {
        for (id, line) in &rule.pages {
            match by_id.get(id.as_str()) {
                Some(&i) if listed(&site.pages[i]) => map(rule.pattern.clone(), i),
                Some(_) => {}
                // A page of another language, or one this build leaves out (a draft), is no mistake.
                None if site.languages.has_page(id) || is_left_out(site, id) => {}
                None => errors.push(
                    Diagnostic::new(
                        Location::new(&site_yaml, *line, 0),
                        format!("`help_widget.contexts`: `{}` lists `{id}`, which is not a page", rule.pattern.text),
                    )
                    .with_help("name pages by their path inside content/, e.g. kb/billing/invoices.md"),
                ),
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }

    let mut contexts: Vec<(UrlPattern, Vec<usize>)> = mapped.into_values().collect();
    contexts.sort_by(|(a, _), (b, _)| (a.rank(), &a.text).cmp(&(b.rank(), &b.text)));
    let article = |i: usize| {
        let page = &site.pages[i];
        let summary = page.front.description.as_deref().or(page.front.summary.as_deref()).unwrap_or_default();
        json!({ "id": page.id, "title": page.title, "url": site.permalink(&page.url_path), "summary": summary.trim() })
    };
    let contexts: Vec<Value> = contexts
        .into_iter()
        .map(|(pattern, mut pages)| {
            pages.sort_by(|&a, &b| {
                let (a, b) = (&site.pages[a], &site.pages[b]);
                (a.front.weight, &a.title, &a.url_path).cmp(&(b.front.weight, &b.title, &b.url_path))
            });
            json!({ "pattern": pattern.text, "articles": pages.into_iter().map(article).collect::<Vec<_>>() })
        })
        .collect();

    let config = &site.config;
    let lang = &config.language;
    let all_strings = theme.strings(lang);
    let strings: Map<String, Value> = WIDGET_STRINGS
        .iter()
        .map(|key| {
            let text = all_strings.get(*key).cloned().unwrap_or_else(|| Value::String(String::new()));
            (key.trim_start_matches("help_widget_").to_string(), text)
        })
        .collect();
    let mut languages: Map<String, Value> = site
        .languages
        .bases()
        .into_iter()
        .map(|(code, base)| (code, Value::String(format!("{base}/{CONTEXT_FILE}"))))
        .collect();
    if languages.is_empty() {
        languages.insert(lang.clone(), Value::String(site.permalink(&format!("/{CONTEXT_FILE}"))));
    }
    // Searches that found nothing are reported as the /search/ page reports them, when it does.
    let report_gaps = config.search.report_gaps && feedback_target(site) != Value::Null;
    let search = config
        .search
        .enabled
        .then(|| json!({ "base": site.permalink("/search/"), "lang": lang, "report_gaps": report_gaps }));
    let doc = json!({
        "format": 1,
        "lang": lang,
        "dir": config.dir_of(lang),
        "title": config.title,
        "home": site.permalink("/"),
        "stylesheet": format!("{}/help-widget.css", asset_origin_url(site)),
        "search": search,
        "feedback": feedback_target(site),
        "max_articles": widget.max_articles,
        "strings": strings,
        "languages": languages,
        "contexts": contexts,
    });
    let text = serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n";
    Ok(vec![(CONTEXT_FILE.to_string(), text.into_bytes())])
}

/// Pages with `context:` in a site without `help_widget:`: a warning that no context.json is written.
pub fn unused_context_warning(site: &Site) -> Option<Diagnostic> {
    if site.config.help_widget.is_some() {
        return None;
    }
    let page = site.pages.iter().find(|p| !p.front.context.is_empty())?;
    let line = front_key_line(&page.source.parsed.front_text, "context");
    Some(
        Diagnostic::new(Location::new(&page.path, line, 1), "`context:` is set, but site.yaml has no `help_widget:`")
            .with_help("add `help_widget: {}` (or with contexts: and allowed_origins:) to publish help/context.json"),
    )
}

/// Where the widget sends a vote: an endpoint (made absolute), with the reasons a "No" may give and
/// the "Still need help?" step; nothing for mail and GitHub, which need the reader to write a message.
fn feedback_target(site: &Site) -> Value {
    let Some(feedback) = &site.config.feedback else { return Value::Null };
    let (Some(Transport::Endpoint), Some(endpoint)) = (feedback.transport, &feedback.endpoint) else {
        return Value::Null;
    };
    let origin = site.config.base_url.strip_suffix(&site.config.base_path).unwrap_or(&site.config.base_url);
    let url = if endpoint.starts_with('/') { format!("{origin}{endpoint}") } else { endpoint.clone() };
    let format = if feedback.format == PostFormat::Form { "form" } else { "json" };
    // "Still need help?" after a "No", with its placeholders left for the widget to fill.
    let next_step = feedback.next_step.as_ref().map(|step| {
        let href =
            step.href.as_deref().map(|h| if h.starts_with('/') { format!("{origin}{h}") } else { h.to_string() });
        json!({ "kind": step.kind, "href": href, "chat": step.chat })
    });
    json!({ "endpoint": url, "format": format, "reasons": crate::feedback::REASONS, "next_step": next_step })
}

/// The absolute URL of the theme's files, which a multilingual site publishes once at its root.
fn asset_origin_url(site: &Site) -> String {
    let config = &site.config;
    let origin = config.base_url.strip_suffix(&config.base_path).unwrap_or(&config.base_url);
    format!("{origin}{}", config.view.asset_path)
}

/// A page id that names a file in content/ this build does not publish (a draft, a future page).
/// The assembled site keeps no trace of such pages, so the file is looked for; it decides only
/// whether a name is an error, and this stage keeps no memory that a file appearing could make stale.
fn is_left_out(site: &Site, id: &str) -> bool {
    site.config.content_dir().join(id).is_file()
}
