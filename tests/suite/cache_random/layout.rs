//! Edits of the site's shape: pages and folders added, moved, renamed and deleted, folders'
//! `_index.md`, authors and products.

use super::edits::{any_page, content_page, edited, pick_one, Edit};
use super::fixture::{random_body, Model, PageFile, Rng, TAGS, WORDS};
use std::path::PathBuf;

/// Where new pages go: every section, a category, or the root.
pub(super) fn random_folder(model: &Model, rng: &mut Rng) -> String {
    let mut folders = vec!["blog".to_string(), "guides".into(), "kb".into(), String::new()];
    folders.extend(model.categories());
    rng.pick(&folders).clone()
}

pub(super) fn add_page(model: &mut Model, rng: &mut Rng) -> Option<Edit> {
    let folder = random_folder(model, rng);
    let name = if folder == "blog" && rng.chance(70) {
        format!("2026-{:02}-{:02}-{}", 1 + rng.below(10), 1 + rng.below(28), model.fresh("post"))
    } else {
        model.fresh("page")
    };
    let dir = if folder.is_empty() { String::new() } else { format!("{folder}/") };
    // Sometimes a folder bundle: the page's index.md with a picture beside it.
    let bundle = rng.chance(15);
    let rel = if bundle { format!("{dir}{name}/index.md") } else { format!("{dir}{name}.md") };
    let title = format!("{} {}", rng.pick(WORDS), rng.pick(WORDS));
    let tags = format!("[{}]", rng.pick(TAGS));
    let link = rng.chance(15).then(|| content_page(model, rng)).flatten();
    let body = random_body(rng, rel.starts_with("kb/he/"), link.as_deref());
    let mut page = PageFile::new(&[("title", &title), ("tags", &tags)], &body);
    let mut changed = Vec::new();
    if bundle {
        changed.push(model.write_file(&format!("content/{dir}{name}/pic.svg"), "<svg/>\n"));
        page.set("image", Some("pic.svg".into()));
    }
    changed.push(model.write_page(&rel, page));
    Some(Edit { what: format!("add {rel}"), changed })
}

pub(super) fn delete_page(model: &mut Model, rng: &mut Rng) -> Option<Edit> {
    let rel = any_page(model, rng);
    // The default author and the page the menu names stay most of the time, or most builds would fail.
    if (rel == "authors/dana.md" || rel == "about.md") && rng.chance(90) {
        return None;
    }
    let path = model.remove_page(&rel);
    Some(Edit { what: format!("delete {rel}"), changed: vec![path] })
}

pub(super) fn move_page(model: &mut Model, rng: &mut Rng) -> Option<Edit> {
    // The page the menu names stays where it is; deleting it is enough of a test.
    let from = content_page(model, rng).filter(|rel| rel != "about.md")?;
    let name = from.rsplit('/').next().unwrap_or(&from).to_string();
    if from.starts_with("blog/") && rng.chance(30) {
        // A post re-dated by its file name: same slug, new date.
        let slug = name.get(11..).filter(|_| name.as_bytes().get(10) == Some(&b'-')).unwrap_or(&name).to_string();
        let to = format!("blog/202{}-{:02}-{:02}-{slug}", 3 + rng.below(3), 1 + rng.below(12), 1 + rng.below(28));
        if model.pages.contains_key(&to) {
            return None;
        }
        let page = model.pages[&from].clone();
        let old = model.remove_page(&from);
        let new = model.write_page(&to, page);
        return Some(Edit { what: format!("re-date {from} as {to}"), changed: vec![old, new] });
    }
    let folder = random_folder(model, rng);
    let file = if rng.chance(50) || name == "index.md" { format!("{}.md", model.fresh("moved")) } else { name };
    let to = if folder.is_empty() { file } else { format!("{folder}/{file}") };
    if model.pages.contains_key(&to) {
        return None;
    }
    let page = model.pages[&from].clone();
    let old = model.remove_page(&from);
    let new = model.write_page(&to, page);
    Some(Edit { what: format!("move {from} to {to}"), changed: vec![old, new] })
}

/// Moves every file of `from` (a folder inside content/) to `to`, as one rename of the folder.
pub(super) fn rename_folder(model: &mut Model, from: &str, to: &str) -> Vec<PathBuf> {
    let (old, new) = (model.content_path(from), model.content_path(to));
    std::fs::create_dir_all(new.parent().expect("parent")).expect("create folder");
    std::fs::rename(&old, &new).expect("rename folder");
    let prefix = format!("{from}/");
    let moved: Vec<String> = model.pages.keys().filter(|rel| rel.starts_with(&prefix)).cloned().collect();
    for rel in moved {
        let page = model.pages.remove(&rel).expect("page");
        model.pages.insert(format!("{to}/{}", &rel[prefix.len()..]), page);
    }
    let assets: Vec<String> =
        model.files.keys().filter(|rel| rel.starts_with(&format!("content/{prefix}"))).cloned().collect();
    for rel in assets {
        let text = model.files.remove(&rel).expect("file");
        model.files.insert(format!("content/{to}/{}", &rel["content/".len() + prefix.len()..]), text);
    }
    vec![old, new]
}

pub(super) fn rename_category(model: &mut Model, rng: &mut Rng) -> Option<Edit> {
    let categories = model.categories();
    let from = pick_one(rng, &categories)?;
    // Sometimes into another section altogether: the knowledge base's folder becomes a guide folder.
    let to =
        if rng.chance(25) { format!("guides/{}", model.fresh("part")) } else { format!("kb/{}", model.fresh("cat")) };
    let changed = rename_folder(model, &from, &to);
    Some(Edit { what: format!("rename folder {from} to {to}"), changed })
}

pub(super) fn add_category(model: &mut Model, rng: &mut Rng) -> Option<Edit> {
    let parent = if rng.chance(70) { "kb".to_string() } else { pick_one(rng, &model.categories())? };
    let dir = format!("{parent}/{}", model.fresh("cat"));
    let mut changed = Vec::new();
    if rng.chance(60) {
        let title = format!("{} {}", rng.pick(WORDS), rng.pick(WORDS));
        changed.push(model.write_page(&format!("{dir}/_index.md"), PageFile::new(&[("title", &title)], "Intro.\n")));
    }
    for _ in 0..1 + rng.below(3) {
        let rel = format!("{dir}/{}.md", model.fresh("page"));
        let title = format!("{} {}", rng.pick(WORDS), rng.pick(WORDS));
        let body = random_body(rng, false, None);
        changed.push(model.write_page(&rel, PageFile::new(&[("title", &title)], &body)));
    }
    Some(Edit { what: format!("add folder {dir}"), changed })
}

pub(super) fn delete_category(model: &mut Model, rng: &mut Rng) -> Option<Edit> {
    let dir = pick_one(rng, &model.categories())?;
    let path = model.content_path(&dir);
    std::fs::remove_dir_all(&path).expect("remove folder");
    model.pages.retain(|rel, _| !rel.starts_with(&format!("{dir}/")));
    model.files.retain(|rel, _| !rel.starts_with(&format!("content/{dir}/")));
    Some(Edit { what: format!("delete folder {dir}"), changed: vec![path] })
}

/// Adds, edits or removes a folder's `_index.md`: title, description, language, weight, text.
pub(super) fn edit_index(model: &mut Model, rng: &mut Rng) -> Option<Edit> {
    let mut folders = vec!["kb".to_string(), "blog".into(), "guides".into()];
    folders.extend(model.categories());
    let dir = rng.pick(&folders).clone();
    let rel = format!("{dir}/_index.md");
    if model.pages.contains_key(&rel) && rng.chance(20) {
        let path = model.remove_page(&rel);
        return Some(Edit { what: format!("delete {rel}"), changed: vec![path] });
    }
    let mut page = model.pages.get(&rel).cloned().unwrap_or_default();
    let (key, value) = match rng.below(5) {
        0 => ("title", Some(format!("{} {}", rng.pick(WORDS), rng.pick(WORDS)))),
        1 => ("description", Some(format!("All about {}", rng.pick(WORDS)))),
        2 => ("lang", rng.chance(50).then(|| "he".to_string())),
        3 => ("weight", Some(rng.below(9).to_string())),
        _ => ("body", None),
    };
    if key == "body" {
        page.body = random_body(rng, false, None);
    } else {
        page.set(key, value.clone());
    }
    model.write_page(&rel, page);
    edited(model, format!("{key} of {rel} = {value:?}"), &rel)
}

pub(super) fn edit_author(model: &mut Model, rng: &mut Rng) -> Option<Edit> {
    let authors = model.pages_under("authors/");
    if authors.is_empty() || rng.chance(15) {
        let rel = format!("authors/{}.md", model.fresh("writer"));
        let path = model.write_page(&rel, PageFile::new(&[("name", "New Writer")], "Writes.\n"));
        return Some(Edit { what: format!("add author {rel}"), changed: vec![path] });
    }
    let rel = rng.pick(&authors).clone();
    let mut page = model.pages[&rel].clone();
    match rng.below(4) {
        0 => page.set("name", Some(format!("{} {}", rng.pick(&["Dana", "Omer", "Noa"]), model.fresh("x")))),
        1 => page.set("role", rng.chance(70).then(|| rng.pick(&["CEO", "CTO", "VP Sales"]).to_string())),
        2 => page.set("photo", rng.chance(60).then(|| "/images/omer.svg".to_string())),
        _ => page.body = random_body(rng, false, None),
    }
    model.write_page(&rel, page);
    edited(model, format!("author {rel}"), &rel)
}

pub(super) fn edit_product(model: &mut Model, rng: &mut Rng) -> Option<Edit> {
    let products = model.pages_under("products/");
    if products.is_empty() || rng.chance(15) {
        let rel = format!("products/{}.md", model.fresh("product"));
        let path = model.write_page(&rel, PageFile::new(&[("title", "Acme Extra")], "More.\n"));
        return Some(Edit { what: format!("add product {rel}"), changed: vec![path] });
    }
    let rel = rng.pick(&products).clone();
    let mut page = model.pages[&rel].clone();
    match rng.below(4) {
        0 => page.set("title", Some(format!("Acme {}", model.fresh("Suite")))),
        1 => page.set("weight", Some(rng.below(5).to_string())),
        2 => page.set("image", rng.chance(60).then(|| "/images/omer.svg".to_string())),
        _ => page.body = random_body(rng, false, None),
    }
    model.write_page(&rel, page);
    edited(model, format!("product {rel}"), &rel)
}
