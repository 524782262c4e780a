//! Undoing what makes builds fail, so that a random sequence spends most steps on a site that builds.

use super::edits::Edit;
use super::fixture::{Model, PageFile, KNOBS};

/// Whether links and `related:` pins may name the page at `rel` (a build without drafts publishes
/// it). Errs on the side of "no": a repair only removes references.
fn is_published(model: &Model, rel: &str) -> bool {
    let Some(page) = model.pages.get(rel) else { return false };
    let community = page.get("source") == Some("community") && page.get("status") != Some("approved");
    page.get("draft").is_none() && page.get("date") != Some("2031-04-01") && page.get("expires").is_none() && !community
}

/// Undoes what makes builds fail, so a sequence does not stay broken for long: references to
/// pages that are gone or unpublished, unknown authors and products, slugs and aliases that may
/// collide, a broken template or site.yaml, a missing default author or menu page.
pub fn repair(model: &mut Model) -> Edit {
    let mut changed = Vec::new();
    let names = |folder: &str| -> Vec<String> {
        model.pages_under(folder).iter().map(|p| p[folder.len()..].trim_end_matches(".md").to_string()).collect()
    };
    let (authors, products) = (names("authors/"), names("products/"));
    let keys: Vec<String> = model.pages.keys().cloned().collect();
    for rel in keys {
        let mut page = model.pages[&rel].clone();
        let before = page.text();
        let list = |value: Option<&str>| -> Vec<String> {
            let inner = value.unwrap_or("").trim_start_matches('[').trim_end_matches(']');
            inner.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect()
        };
        let related: Vec<String> = list(page.get("related")).into_iter().filter(|r| is_published(model, r)).collect();
        page.set("related", (!related.is_empty()).then(|| format!("[{}]", related.join(", "))));
        let known: Vec<String> = list(page.get("products")).into_iter().filter(|p| products.contains(p)).collect();
        page.set("products", (!known.is_empty()).then(|| format!("[{}]", known.join(", "))));
        let writers = list(page.get("authors")).into_iter().chain(page.get("author").map(str::to_string));
        if writers.into_iter().any(|a| !authors.contains(&a)) {
            page.set("author", None);
            page.set("authors", None);
        }
        page.set("slug", None);
        // Authors, products and the menu's page are named elsewhere: they must be published.
        if rel.starts_with("authors/") || rel.starts_with("products/") || rel == "about.md" {
            for key in ["draft", "date", "expires", "source"] {
                page.set(key, None);
            }
        }
        // A picture named relative to a bundle's page is lost when the page leaves its folder.
        if page.get("image").is_some_and(|image| !image.starts_with('/')) && !rel.ends_with("/index.md") {
            page.set("image", None);
        }
        page.set("aliases", None);
        let dangling = |line: &str| {
            line.split("](@/").nth(1).and_then(|rest| rest.split(')').next()).is_some_and(|t| !is_published(model, t))
        };
        page.body = page.body.lines().filter(|line| !dangling(line)).map(|l| format!("{l}\n")).collect();
        if page.text() != before {
            changed.push(model.write_page(&rel, page));
        }
    }
    // An authors data file naming an id that an author file has.
    let data = "content/authors.yaml";
    if model.files.get(data).is_some_and(|text| {
        authors.iter().any(|id| text.contains(&format!("\n{id}:")) || text.starts_with(&format!("{id}:")))
    }) {
        changed.push(model.remove_file(data));
    }
    let broken: Vec<String> =
        model.files.iter().filter(|(_, text)| text.ends_with("{% if %}")).map(|(rel, _)| rel.clone()).collect();
    for rel in broken {
        changed.push(model.remove_file(&rel));
    }
    for (rel, front) in [("authors/dana.md", ("name", "Dana Levi")), ("about.md", ("title", "About Acme"))] {
        if !model.pages.contains_key(rel) {
            changed.push(model.write_page(rel, PageFile::new(&[front], "Back again.\n")));
        }
    }
    let knobs = KNOBS.iter().enumerate().filter(|(_, k)| k.name == "author" || k.name == "typo");
    let fixed: Vec<usize> = knobs.map(|(i, _)| i).filter(|&i| model.knobs[i] != 0).collect();
    for &i in &fixed {
        model.knobs[i] = 0;
    }
    if !fixed.is_empty() {
        changed.push(model.write_config());
    }
    Edit { what: "repair: drop dangling references, broken templates, colliding slugs".into(), changed }
}
