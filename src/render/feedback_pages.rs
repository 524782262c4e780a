//! The thank-you pages a reader without JavaScript returns to after sending feedback: one in each
//! language that has pages with the widget (see `feedback::thanks_path`).

use super::context::Subject;
use super::{fingerprint, fingerprint_json, output_path, PageRenderer, RenderedFile};
use crate::diagnostics::Diagnostic;
use crate::feedback::{thanks_languages, thanks_path};
use serde_json::{json, Value};

/// The theme template of the thank-you pages.
const TEMPLATE: &str = "feedback-thanks.html";

impl PageRenderer<'_> {
    /// Renders the thank-you page of every language that needs one (none without a transport).
    pub(super) fn render_feedback_thanks(&self) -> Vec<Result<RenderedFile, Diagnostic>> {
        thanks_languages(self.input.site).iter().map(|lang| self.render_thanks(lang)).collect()
    }

    fn render_thanks(&self, lang: &str) -> Result<RenderedFile, Diagnostic> {
        let site = self.input.site;
        let config = &site.config;
        let url_path = thanks_path(lang, &config.language);
        let (strings, strings_key) = match self.strings.get(lang) {
            Some((value, key)) => (value.clone(), Some(*key)),
            None => (self.input.theme.strings(lang), None),
        };
        let title = strings.get("feedback_thanks_title").and_then(Value::as_str).unwrap_or("Thank you").to_string();
        let mut crumbs = self.breadcrumbs(0, lang);
        crumbs.push(json!({ "title": title, "url": site.url(&url_path) }));
        let page = json!({
            "title": title,
            "description": Value::Null,
            "permalink": site.permalink(&url_path),
            "kind": "feedback-thanks",
        });
        let context = self.list_context(lang, &url_path, crumbs, Subject::Thanks(page), &Value::Null);
        let key = fingerprint_json(
            fingerprint((self.templates.get(TEMPLATE), self.list_structure(TEMPLATE), strings_key)),
            &context,
        );
        let output = output_path(&url_path);
        if let Some(reused) = self.reuse(&output, key) {
            return Ok(reused);
        }
        self.render(TEMPLATE, context, (output, key), &config.root.join(crate::config::CONFIG_FILE), "")
    }
}
