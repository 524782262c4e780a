//! Tera contexts that keep what the pages of one template and language share — `site` (cut to the
//! fields the template reads), the UI strings `t`, the mode and the year — from one page to the
//! next. Copying those into every page's context (some 166 strings, the menus and the site's cards)
//! and freeing them again was a good share of rendering a page; now a page puts its own keys into a
//! context taken from a pool and takes them out after rendering.

use serde_json::{Map, Value};
use std::collections::HashMap;
use std::sync::Mutex;

/// The keys every page shares, which no page's own context may use.
pub const SHARED_KEYS: [&str; 4] = ["site", "t", "serve_mode", "now_year"];

/// Shared contexts by template and language, at most one per thread in use at a time.
#[derive(Default)]
pub struct SharedContexts {
    pool: Mutex<HashMap<String, HashMap<String, Vec<tera::Context>>>>,
}

impl SharedContexts {
    /// Calls `render` with the context of (`template`, `lang`) holding `own` besides the shared
    /// values; `make` builds the shared part the first time a thread needs it.
    pub fn render<R>(
        &self,
        (template, lang): (&str, &str),
        own: Map<String, Value>,
        make: impl FnOnce() -> Result<tera::Context, String>,
        render: impl FnOnce(&tera::Context) -> R,
    ) -> Result<R, String> {
        debug_assert!(SHARED_KEYS.iter().all(|key| !own.contains_key(*key)), "a page key hides a shared one");
        let taken = self.lock().get_mut(template).and_then(|langs| langs.get_mut(lang)).and_then(Vec::pop);
        let mut context = match taken {
            Some(context) => context,
            None => make()?,
        };
        let keys: Vec<String> = own.keys().cloned().collect();
        context.extend(tera::Context::from_value(Value::Object(own)).map_err(|e| e.to_string())?);
        let result = render(&context);
        for key in &keys {
            context.remove(key);
        }
        let mut pool = self.lock();
        pool.entry(template.to_string()).or_default().entry(lang.to_string()).or_default().push(context);
        Ok(result)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, HashMap<String, Vec<tera::Context>>>> {
        // A panic while the pool was held leaves nothing half-changed in it: keep using it.
        self.pool.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// The shared part of a context: `site`, `t`, the mode and the year.
pub fn shared(site: &Value, t: Value, serve_mode: bool, now_year: i32) -> Result<tera::Context, String> {
    let mut map = Map::new();
    map.insert("site".into(), site.clone());
    map.insert("t".into(), t);
    map.insert("serve_mode".into(), Value::Bool(serve_mode));
    map.insert("now_year".into(), now_year.into());
    tera::Context::from_value(Value::Object(map)).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn own(value: Value) -> Map<String, Value> {
        match value {
            Value::Object(map) => map,
            _ => unreachable!(),
        }
    }

    #[test]
    fn a_page_sees_its_own_keys_and_the_shared_ones_but_not_the_last_page_s() {
        let contexts = SharedContexts::default();
        let site = json!({ "title": "Acme" });
        let make = || shared(&site, json!({ "home": "Home" }), false, 2026);
        let first = contexts
            .render(("page.html", "en"), own(json!({ "only_first": 1, "lang": "en" })), make, |c| c.clone().into_json())
            .unwrap();
        assert_eq!(first["only_first"], 1);
        assert_eq!(first["site"]["title"], "Acme");
        let make_again = || -> Result<tera::Context, String> { panic!("the pooled context is reused") };
        let second = contexts
            .render(("page.html", "en"), own(json!({ "lang": "en" })), make_again, |c| c.clone().into_json())
            .unwrap();
        assert_eq!(
            second,
            json!({ "site": { "title": "Acme" }, "t": { "home": "Home" }, "serve_mode": false, "now_year": 2026, "lang": "en" })
        );
        // Another language gets its own.
        let he = contexts
            .render(
                ("page.html", "he"),
                own(json!({})),
                || shared(&site, json!({ "home": "בית" }), false, 2026),
                |c| c.get("t").cloned(),
            )
            .unwrap();
        assert_eq!(he, Some(json!({ "home": "בית" })));
    }
}
