//! `/products/<id>/guides.json`: the guides and articles of each product as data, so a web shop or
//! an app can show "guides for this product" next to the product itself.

use super::{PageRenderer, RenderedFile};
use crate::memo::fingerprint;
use crate::site::PageKind;
use serde_json::json;

impl PageRenderer<'_> {
    /// The JSON file of product page `i`, or `None` when page `i` is not a product.
    pub(super) fn render_product_data(&self, i: usize) -> Option<RenderedFile> {
        let site = self.input.site;
        let product = &site.pages[i];
        if product.kind != PageKind::Product {
            return None;
        }
        let path = format!("{}guides.json", product.url_path.trim_start_matches('/'));
        let shown = self.views.shown_pages(i);
        let cards: Vec<u64> = shown.iter().map(|&j| self.card_keys[j]).collect();
        let key = fingerprint(("guides.json", self.page_structure, self.page_keys[i], cards));
        if let Some(reused) = self.reuse(&path, key) {
            return Some(reused);
        }
        let guides: Vec<_> = shown
            .iter()
            .map(|&j| {
                let card = self.views.page_card(j);
                json!({
                    "title": card.title,
                    "url": card.permalink,
                    "summary": card.description,
                    "kind": card.kind,
                    "lang": card.lang,
                    "updated": card.updated.or(card.date),
                })
            })
            .collect();
        let data = json!({
            "product": { "id": product.key, "title": product.title, "url": site.permalink(&product.url_path) },
            "guides": guides,
        });
        let mut text = serde_json::to_string_pretty(&data).unwrap_or_default();
        text.push('\n');
        Some(RenderedFile { path, bytes: text.into_bytes().into(), fingerprint: key, reused: false })
    }
}
