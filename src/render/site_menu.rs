//! The header's site title and main menu, rendered once for each language and state of the menu
//! instead of on every page. `partials/site-menu.html` reads nothing of a page but whether it is the
//! home page and, for each menu entry, whether the entry is the page itself or one of its folders;
//! those few bits and the language are the key of a copy rendered through the partial itself, so
//! the HTML stays the partial's. The menu's loop was a good share of rendering a small page.
//!
//! Only while the theme's `base.html` and `partials/site-menu.html` are the built-in ones: a site's
//! own partial is included on every page as written, with the whole page context.

use super::theme::Theme;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::Mutex;

pub const PARTIAL: &str = "partials/site-menu.html";

/// Copies of the partial by language and menu state, filled as pages need them.
pub struct SiteMenus<'a> {
    tera: &'a tera::Tera,
    /// The site value as the partial sees it.
    site: Value,
    rendered: Mutex<HashMap<(String, Vec<u8>), String>>,
}

impl<'a> SiteMenus<'a> {
    /// `site` is the site value cut to the fields the partial reads. `None` when the theme's own `base.html` or `partials/site-menu.html` is used.
    pub fn new(tera: &'a tera::Tera, theme: &Theme, site: Option<&Value>) -> Option<SiteMenus<'a>> {
        let built_in = |name: &str| theme.templates.get(name).is_some_and(|t| t.is_built_in());
        let site = site.filter(|_| built_in("base.html") && built_in(PARTIAL))?.clone();
        Some(SiteMenus { tera, site, rendered: Mutex::default() })
    }

    /// The partial as a page of `lang` at `current_url` (with the base path, as templates see it)
    /// shows it; `is_home` when the page is the home list or one of its numbered pages.
    pub fn html(&self, lang: &str, t: &Value, current_url: &str, is_home: bool) -> Result<String, String> {
        let key = (lang.to_string(), self.state(current_url, is_home));
        if let Some(html) = self.lock().get(&key) {
            return Ok(html.clone());
        }
        let section = if is_home { json!({ "kind": "home" }) } else { Value::Null };
        let context =
            json!({ "site": self.site, "t": t, "lang": lang, "current_url": current_url, "section": section });
        let context = tera::Context::from_value(context).map_err(|e| e.to_string())?;
        let html = self
            .tera
            .render(PARTIAL, &context)
            .map_err(|e| format!("cannot render `{PARTIAL}`: {}", super::error_chain(&e)))?;
        self.lock().insert(key, html.clone());
        Ok(html)
    }

    /// What the partial decides from the page: whether it is the home page, and for each main-menu
    /// entry whether it is the page (`is_current`) or one of its folders (`is_ancestor`), worked
    /// out as the partial does.
    fn state(&self, current_url: &str, is_home: bool) -> Vec<u8> {
        let base_path = self.site["base_path"].as_str().unwrap_or_default();
        let home_url = format!("{base_path}/");
        let full_current_url = format!("{base_path}{current_url}");
        let items = self.site["menus"]["main"].as_array().map(Vec::as_slice).unwrap_or_default();
        let mut state = vec![u8::from(is_home)];
        for item in items {
            let url = item["url"].as_str().unwrap_or_default();
            let external = item["external"].as_bool().unwrap_or(false);
            let is_current = url == current_url || url == full_current_url;
            let is_ancestor =
                !external && url != home_url && (current_url.starts_with(url) || full_current_url.starts_with(url));
            state.push(u8::from(is_current) | u8::from(is_ancestor) << 1);
        }
        state
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<(String, Vec<u8>), String>> {
        self.rendered.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}
