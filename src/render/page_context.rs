//! The context each page is rendered with, and the rendering itself: a page's own values
//! (`context`), the parts Folio writes in Rust when the theme's partials are the default ones, and
//! the shared Tera context they are rendered in.

use super::context::{self, Context, Head, Subject};
use super::{error_chain, json_ld, section_nav_html, shared_context, social, PageRenderer, RenderedFile};
use crate::diagnostics::{Diagnostic, Location};
use crate::site::{ListKind, Site};
use serde_json::{json, Value};
use std::borrow::Cow;
use std::path::Path;
use std::sync::Arc;

impl PageRenderer<'_> {
    /// Language `lang`'s UI strings: the copy made once per build for every language pages are
    /// shown in, or the theme's own for any other.
    pub(super) fn ui_strings(&self, lang: &str) -> Cow<'_, Value> {
        match self.strings.get(lang) {
            Some((t, _)) => Cow::Borrowed(t),
            None => Cow::Owned(self.input.theme.strings(lang)),
        }
    }

    /// Home › … › the section at `index` (inclusive).
    pub(super) fn breadcrumbs(&self, index: usize, lang: &str) -> Vec<Value> {
        let site = self.input.site;
        let t = self.ui_strings(lang);
        let home = t.get("home").and_then(Value::as_str).unwrap_or("Home").to_string();
        let mut chain = Vec::new();
        let mut current = Some(index);
        while let Some(i) = current {
            let s = &site.sections[i];
            let title = if s.kind == ListKind::Home { home.clone() } else { s.title.clone() };
            chain.push(json!({ "title": title, "url": site.url(&s.url_path) }));
            current = s.parent;
        }
        chain.reverse();
        chain
    }

    /// The part of a page's context that is its own. `site`, `t` and the rest that every page
    /// shares are added only when the page must really be rendered.
    pub(super) fn context(
        &self,
        lang: &str,
        url_path: &str,
        breadcrumbs: Vec<Value>,
        subject: Subject,
        json_ld: &Value,
        head: Head,
    ) -> Context {
        let site = self.input.site;
        let languages = (!site.languages.is_empty()).then(|| context::LanguagesContext {
            switcher: site.languages.switcher(&site.config.language, url_path),
            alternates: site.languages.alternates(&site.config.language, url_path),
            notice: None,
            body_lang: None,
            body_dir: None,
        });
        Context {
            lang: lang.to_string(),
            dir: site.config.dir_of(lang),
            current_url: self.input.site.url(url_path),
            breadcrumbs,
            subject,
            taxonomy: None,
            json_ld: if json_ld.is_null() { String::new() } else { json_ld::script_safe(json_ld) },
            json_ld_breadcrumbs: String::new(),
            pagination: Value::Null,
            pagination_html: None,
            list_feedback: None,
            languages,
            section_nav: None,
            section_nav_html: None,
            search_box_html: None,
            site_menu_html: None,
            related_html: None,
            toc_html: None,
            head_html: None,
            breadcrumbs_html: None,
            share_html: None,
            page_nav_html: None,
            body_top_html: None,
            head,
        }
    }

    /// `context` for a page that is not a single document (lists, 404, search, thank-you pages):
    /// the site's feed links and social tags; single pages add their own instead.
    pub(super) fn list_context(
        &self,
        lang: &str,
        url_path: &str,
        breadcrumbs: Vec<Value>,
        subject: Subject,
        json_ld: &Value,
    ) -> Context {
        let head = social::list_publishing(self.input.site, &self.feed_links, lang);
        self.context(lang, url_path, breadcrumbs, subject, json_ld, head)
    }

    /// Renders `template` with `context` into `output`, recording `key`, the fingerprint of what the
    /// page was made from (callers have already tried to reuse it). `path` and `front_text` locate errors.
    pub(super) fn render(
        &self,
        template: &str,
        mut context: Context,
        (output, key): (String, u64),
        path: &Path,
        front_text: &str,
    ) -> Result<RenderedFile, Diagnostic> {
        let started = std::time::Instant::now();
        if !self.input.theme.templates.contains_key(template) {
            let line = crate::content::front_matter::front_key_line(front_text, "template");
            return Err(Diagnostic::new(Location::new(path, line, 0), format!("template `{template}` does not exist"))
                .with_help("add it to the site's templates/ folder, or remove `template:` to use the default"));
        }
        let strings = self.ui_strings(&context.lang);
        let t = &*strings;
        if let Some(nav) = context.section_nav.as_mut().filter(|_| self.write_nav) {
            context.section_nav_html = Some(section_nav_html::render_section_nav(nav, t));
            nav.items = Vec::new();
        }
        context.search_box_html = self.search_boxes.get(&context.lang).cloned();
        self.doc_parts.fill(&mut context, t);
        self.doc_header.fill(&mut context, t);
        if let Some(menus) = &self.site_menus {
            let is_home = matches!(&context.subject, Subject::Section(s) if s.kind == "home");
            let html = menus.html(&context.lang, t, &context.current_url, is_home);
            context.site_menu_html = Some(html.map_err(|e| Diagnostic::new(Location::file(path), e))?);
        }
        let site = self.site_values.get(template).unwrap_or(&self.site_value);
        let make = || shared_context::shared(site, t.clone(), self.input.serve_mode, current_year());
        // Rendered pages are mostly 10–40 KB: start big enough that the buffer seldom grows.
        let mut html = Vec::with_capacity(32 * 1024);
        let mut own = context::own_map(&context).map_err(|e| Diagnostic::new(Location::file(path), e))?;
        if let Some(html) = self.head.as_ref().and_then(|head| head.html(&own, t)) {
            own.insert("head_html".into(), Value::String(html));
        }
        self.body.fill(&mut own, t);
        self.body_top.fill(&mut own, site, t);
        self.contexts
            .render((template, &context.lang), own, make, |tera_context| {
                self.input.tera.render_to(template, tera_context, &mut html)
            })
            .map_err(|e| Diagnostic::new(Location::file(path), e))?
            .map_err(|e| {
                let origin = &self.input.theme.templates[template].origin;
                Diagnostic::new(
                    Location::file(path),
                    format!("cannot render with template `{template}` ({origin}): {}", error_chain(&e)),
                )
                .with_help("fix the template, or the front-matter value it stumbled on")
            })?;
        self.input.progress.page_rendered(&output, started.elapsed());
        let bytes = match self.input.sink {
            Some(sink) => {
                sink(&output, &html)?;
                Arc::from(&[][..])
            }
            None => html.into(),
        };
        Ok(RenderedFile { path: output, bytes, fingerprint: key, reused: false })
    }
}

/// "Not yet translated" on a borrowed page, "the original was updated" on an outdated translation.
pub(super) fn translation_notice(site: &Site, page: &crate::site::Page, languages: &mut context::LanguagesContext) {
    let kind = match (&page.borrowed, &page.outdated) {
        (Some(lang), _) => {
            languages.body_lang = Some(lang.clone());
            languages.body_dir = Some(site.config.dir_of(lang));
            "untranslated"
        }
        (None, Some(_)) => "outdated",
        (None, None) => return,
    };
    if let Some((original_url, original_lang)) = site.languages.original(&page.id) {
        languages.notice = Some(context::TranslationNotice { kind, original_url, original_lang });
    }
}

pub(super) fn current_year() -> i32 {
    time::OffsetDateTime::now_utc().year()
}
