//! The random edits: each changes the site on disk (through the `Model`) the way a writer would,
//! and returns what it did and the paths the dev server's watcher would report. Edits of a page's
//! text and front matter are here; `layout` moves pages and folders, `site_files` edits the rest.

use super::fixture::{random_body, Model, Rng, HEBREW_WORDS, TAGS, WORDS};
use super::layout::{
    add_category, add_page, delete_category, delete_page, edit_author, edit_index, edit_product, move_page,
    rename_category,
};
use super::site_files::{
    break_config, edit_authors_file, edit_config, edit_feedback_data, edit_static_file, edit_strings, edit_template,
};
use std::path::PathBuf;

/// One edit: a line for the failure report, and the changed paths.
pub struct Edit {
    pub what: String,
    pub changed: Vec<PathBuf>,
}

type EditFn = fn(&mut Model, &mut Rng) -> Option<Edit>;

/// Every kind of edit with its weight. An edit that finds nothing to act on returns `None` and
/// another is drawn.
const EDITS: &[(u32, EditFn)] = &[
    (14, edit_body),
    (6, edit_title),
    (6, edit_tags),
    (4, edit_date),
    (4, toggle_draft),
    (5, edit_related),
    (3, edit_products),
    (5, edit_front_matter),
    (6, add_page),
    (4, delete_page),
    (5, move_page),
    (2, rename_category),
    (2, add_category),
    (1, delete_category),
    (3, edit_index),
    (3, edit_author),
    (4, edit_byline),
    (2, edit_authors_file),
    (3, edit_product),
    (8, edit_config),
    (4, edit_template),
    (2, edit_strings),
    (3, edit_static_file),
    (2, edit_feedback_data),
    (2, break_config),
    (4, resave_pages),
];

/// A random edit, applied; sometimes a burst of a few, as a `git checkout` or a save-all makes,
/// which the watcher reports as one sorted list of paths.
pub fn random_step(model: &mut Model, rng: &mut Rng) -> Edit {
    if !rng.chance(8) {
        return random_edit(model, rng);
    }
    let edits: Vec<Edit> = (0..2 + rng.below(3)).map(|_| random_edit(model, rng)).collect();
    let what = edits.iter().map(|e| e.what.as_str()).collect::<Vec<_>>().join(" + ");
    let mut changed: Vec<PathBuf> = edits.into_iter().flat_map(|e| e.changed).collect();
    changed.sort();
    changed.dedup();
    Edit { what: format!("burst: {what}"), changed }
}

/// One random edit, applied.
fn random_edit(model: &mut Model, rng: &mut Rng) -> Edit {
    let total: u32 = EDITS.iter().map(|(weight, _)| weight).sum();
    loop {
        let mut roll = rng.below(total as usize) as u32;
        for (weight, edit) in EDITS {
            if roll >= *weight {
                roll -= weight;
                continue;
            }
            if let Some(done) = edit(model, rng) {
                return done;
            }
            break;
        }
    }
}

/// An item of `items`, or `None` when there is none.
pub(super) fn pick_one<T: Clone>(rng: &mut Rng, items: &[T]) -> Option<T> {
    (!items.is_empty()).then(|| rng.pick(items).clone())
}

pub(super) fn edited(model: &Model, what: String, rel: &str) -> Option<Edit> {
    Some(Edit { what, changed: vec![model.content_path(rel)] })
}

/// Any page or `_index.md`.
pub(super) fn any_page(model: &Model, rng: &mut Rng) -> String {
    let all: Vec<&String> = model.pages.keys().collect();
    rng.pick(&all).to_string()
}

/// A page that is not `_index.md`, an author or a product.
pub(super) fn content_page(model: &Model, rng: &mut Rng) -> Option<String> {
    let pages: Vec<String> = model
        .pages_under("")
        .into_iter()
        .filter(|rel| !rel.starts_with("authors/") && !rel.starts_with("products/"))
        .collect();
    (!pages.is_empty()).then(|| rng.pick(&pages).clone())
}

pub(super) fn is_hebrew(model: &Model, rel: &str) -> bool {
    rel.starts_with("kb/he/") || model.pages[rel].get("lang") == Some("he")
}

fn edit_body(model: &mut Model, rng: &mut Rng) -> Option<Edit> {
    let rel = any_page(model, rng);
    let link = rng.chance(20).then(|| content_page(model, rng)).flatten();
    let mut page = model.pages[&rel].clone();
    page.body = random_body(rng, is_hebrew(model, &rel), link.as_deref());
    model.write_page(&rel, page);
    edited(model, format!("body of {rel} (link to {link:?})"), &rel)
}

/// An editor saving one or two pages without changing them: the dev server hands back the last
/// build, which must still equal a full build.
fn resave_pages(model: &mut Model, rng: &mut Rng) -> Option<Edit> {
    let rels = [any_page(model, rng), any_page(model, rng)];
    let count = 1 + usize::from(rng.chance(30));
    let changed = rels[..count].iter().map(|rel| model.write_page(rel, model.pages[rel].clone())).collect();
    Some(Edit { what: format!("save {:?} unchanged", &rels[..count]), changed })
}

fn edit_title(model: &mut Model, rng: &mut Rng) -> Option<Edit> {
    let rel = any_page(model, rng);
    let words = if is_hebrew(model, &rel) { HEBREW_WORDS } else { WORDS };
    let title = format!("{} {}", rng.pick(words), rng.pick(words));
    let key = if rel.starts_with("authors/") { "name" } else { "title" };
    let mut page = model.pages[&rel].clone();
    page.set(key, Some(title.clone()));
    model.write_page(&rel, page);
    edited(model, format!("{key} of {rel} = {title}"), &rel)
}

fn edit_tags(model: &mut Model, rng: &mut Rng) -> Option<Edit> {
    let rel = content_page(model, rng)?;
    let key = *rng.pick(&["tags", "tags", "categories", "topics"]);
    let value = match rng.below(4) {
        0 => None,
        n => Some(format!("[{}]", (0..n).map(|_| *rng.pick(TAGS)).collect::<Vec<_>>().join(", "))),
    };
    let mut page = model.pages[&rel].clone();
    page.set(key, value.clone());
    model.write_page(&rel, page);
    edited(model, format!("{key} of {rel} = {value:?}"), &rel)
}

fn edit_date(model: &mut Model, rng: &mut Rng) -> Option<Edit> {
    let rel = content_page(model, rng)?;
    let key = *rng.pick(&["date", "date", "updated", "updated", "review_by", "expires"]);
    // Dates well away from today, so the two builds cannot fall on either side of one.
    let value = match rng.below(6) {
        0 => None,
        1 => Some("2031-04-01".to_string()),
        // Outside a git checkout: a warning, and no updated date.
        2 if key == "updated" => Some("git".to_string()),
        _ => Some(format!("202{}-{:02}-{:02}", 3 + rng.below(3), 1 + rng.below(12), 1 + rng.below(28))),
    };
    let mut page = model.pages[&rel].clone();
    page.set(key, value.clone());
    model.write_page(&rel, page);
    edited(model, format!("{key} of {rel} = {value:?}"), &rel)
}

fn toggle_draft(model: &mut Model, rng: &mut Rng) -> Option<Edit> {
    let rel = any_page(model, rng);
    let mut page = model.pages[&rel].clone();
    let draft = page.get("draft").is_none();
    page.set("draft", draft.then(|| "true".to_string()));
    model.write_page(&rel, page);
    edited(model, format!("draft of {rel} = {draft}"), &rel)
}

fn edit_related(model: &mut Model, rng: &mut Rng) -> Option<Edit> {
    let rel = content_page(model, rng)?;
    let value = match rng.below(5) {
        0 => None,
        // A page that does not exist: both builds must fail alike.
        1 if rng.chance(30) => Some("[kb/nowhere.md]".to_string()),
        n => Some(format!("[{}]", (0..n).filter_map(|_| content_page(model, rng)).collect::<Vec<_>>().join(", "))),
    };
    let mut page = model.pages[&rel].clone();
    page.set("related", value.clone());
    model.write_page(&rel, page);
    edited(model, format!("related of {rel} = {value:?}"), &rel)
}

fn edit_products(model: &mut Model, rng: &mut Rng) -> Option<Edit> {
    let rel = content_page(model, rng)?;
    let products: Vec<String> = model
        .pages_under("products/")
        .iter()
        .map(|p| p.trim_start_matches("products/").trim_end_matches(".md").to_string())
        .collect();
    let value = match (rng.below(3), products.is_empty()) {
        (0, _) | (_, true) => None,
        (n, false) => Some(format!("[{}]", (0..n).map(|_| rng.pick(&products).clone()).collect::<Vec<_>>().join(", "))),
    };
    let mut page = model.pages[&rel].clone();
    page.set("products", value.clone());
    model.write_page(&rel, page);
    edited(model, format!("products of {rel} = {value:?}"), &rel)
}

/// The other front-matter keys: language, order, summaries, slugs, aliases, search and the
/// knowledge-site switches.
fn edit_front_matter(model: &mut Model, rng: &mut Rng) -> Option<Edit> {
    let rel = content_page(model, rng)?;
    let (key, values): (&str, &[&str]) = *rng.pick(&[
        ("lang", &["he", "en"][..]),
        ("weight", &["-5", "3", "40"]),
        ("description", &["Short and useful.", "תיאור קצר"]),
        ("summary", &["What this page says."]),
        ("slug", &["renamed-page", "Bad Slug!"]),
        ("aliases", &["[/old/address/]", "[/legacy/page/]"]),
        ("search", &["false"]),
        ("toc", &["false", "true"]),
        ("source", &["community"]),
        ("status", &["approved"]),
        ("verified_by", &["QA"]),
        ("featured", &["true", "false"]),
        ("feedback", &["false", "true"]),
        ("template", &["page.html", "post.html"]),
        ("context", &["[/billing/*]", "[/settings/team, /billing/*]", "[billing]"]),
    ]);
    let value = (!rng.chance(30)).then(|| rng.pick(values).to_string());
    let mut page = model.pages[&rel].clone();
    page.set(key, value.clone());
    model.write_page(&rel, page);
    edited(model, format!("{key} of {rel} = {value:?}"), &rel)
}

/// Who a page says wrote it: an id, an author's name, a name with no file, people written inline,
/// an id of the authors data file, or a mix.
fn edit_byline(model: &mut Model, rng: &mut Rng) -> Option<Edit> {
    let rel = content_page(model, rng)?;
    let value = *rng.pick(&[
        "Maya Friedman",
        "'ד\"ר מוריה לוי'",
        "Dana Levi",
        "dana levi",
        "guest",
        "[dana, Maya Friedman, guest]",
        "{name: Noa Bar, title: Engineer, image_url: https://example.com/noa.png, url: https://noa.dev}",
        "[omer, {name: Guest Writer, photo: /images/omer.svg}]",
    ]);
    let key = *rng.pick(&["author", "authors"]);
    let value = (!rng.chance(20)).then(|| value.to_string());
    let mut page = model.pages[&rel].clone();
    page.set(if key == "author" { "authors" } else { "author" }, None);
    page.set(key, value.clone());
    model.write_page(&rel, page);
    edited(model, format!("{key} of {rel} = {value:?}"), &rel)
}
