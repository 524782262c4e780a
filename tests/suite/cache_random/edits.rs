//! The random edits: each changes the site on disk (through the `Model`) the way a writer would,
//! and returns what it did and the paths the dev server's watcher would report.

use super::fixture::{random_body, Model, PageFile, Rng, HEBREW_WORDS, KNOBS, STRINGS, TAGS, TEMPLATES, WORDS};
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
    (3, edit_template),
    (2, edit_strings),
    (3, edit_static_file),
    (2, edit_feedback_data),
    (4, resave_pages),
];

/// A random edit, applied.
pub fn random_edit(model: &mut Model, rng: &mut Rng) -> Edit {
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
fn pick_one<T: Clone>(rng: &mut Rng, items: &[T]) -> Option<T> {
    (!items.is_empty()).then(|| rng.pick(items).clone())
}

fn edited(model: &Model, what: String, rel: &str) -> Option<Edit> {
    Some(Edit { what, changed: vec![model.content_path(rel)] })
}

/// Any page or `_index.md`.
fn any_page(model: &Model, rng: &mut Rng) -> String {
    let all: Vec<&String> = model.pages.keys().collect();
    rng.pick(&all).to_string()
}

/// A page that is not `_index.md`, an author or a product.
fn content_page(model: &Model, rng: &mut Rng) -> Option<String> {
    let pages: Vec<String> = model
        .pages_under("")
        .into_iter()
        .filter(|rel| !rel.starts_with("authors/") && !rel.starts_with("products/"))
        .collect();
    (!pages.is_empty()).then(|| rng.pick(&pages).clone())
}

fn is_hebrew(model: &Model, rel: &str) -> bool {
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
    let key = *rng.pick(&["date", "date", "updated", "review_by", "expires"]);
    // Dates well away from today, so the two builds cannot fall on either side of one.
    let value = match rng.below(6) {
        0 => None,
        1 => Some("2031-04-01".to_string()),
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
        ("feedback", &["false", "true"]),
        ("featured", &["true", "false"]),
        ("template", &["page.html", "post.html"]),
    ]);
    let value = (!rng.chance(30)).then(|| rng.pick(values).to_string());
    let mut page = model.pages[&rel].clone();
    page.set(key, value.clone());
    model.write_page(&rel, page);
    edited(model, format!("{key} of {rel} = {value:?}"), &rel)
}

/// Where new pages go: every section, a category, or the root.
fn random_folder(model: &Model, rng: &mut Rng) -> String {
    let mut folders = vec!["blog".to_string(), "guides".into(), "kb".into(), String::new()];
    folders.extend(model.categories());
    rng.pick(&folders).clone()
}

fn add_page(model: &mut Model, rng: &mut Rng) -> Option<Edit> {
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

fn delete_page(model: &mut Model, rng: &mut Rng) -> Option<Edit> {
    let rel = any_page(model, rng);
    // The default author and the page the menu names stay most of the time, or most builds would fail.
    if (rel == "authors/dana.md" || rel == "about.md") && rng.chance(90) {
        return None;
    }
    let path = model.remove_page(&rel);
    Some(Edit { what: format!("delete {rel}"), changed: vec![path] })
}

fn move_page(model: &mut Model, rng: &mut Rng) -> Option<Edit> {
    let from = content_page(model, rng)?;
    let name = from.rsplit('/').next().unwrap_or(&from).to_string();
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
fn rename_folder(model: &mut Model, from: &str, to: &str) -> Vec<PathBuf> {
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

fn rename_category(model: &mut Model, rng: &mut Rng) -> Option<Edit> {
    let categories = model.categories();
    let from = pick_one(rng, &categories)?;
    // Sometimes into another section altogether: the knowledge base's folder becomes a guide folder.
    let to =
        if rng.chance(25) { format!("guides/{}", model.fresh("part")) } else { format!("kb/{}", model.fresh("cat")) };
    let changed = rename_folder(model, &from, &to);
    Some(Edit { what: format!("rename folder {from} to {to}"), changed })
}

fn add_category(model: &mut Model, rng: &mut Rng) -> Option<Edit> {
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

fn delete_category(model: &mut Model, rng: &mut Rng) -> Option<Edit> {
    let dir = pick_one(rng, &model.categories())?;
    let path = model.content_path(&dir);
    std::fs::remove_dir_all(&path).expect("remove folder");
    model.pages.retain(|rel, _| !rel.starts_with(&format!("{dir}/")));
    model.files.retain(|rel, _| !rel.starts_with(&format!("content/{dir}/")));
    Some(Edit { what: format!("delete folder {dir}"), changed: vec![path] })
}

/// Adds, edits or removes a folder's `_index.md`: title, description, language, weight, text.
fn edit_index(model: &mut Model, rng: &mut Rng) -> Option<Edit> {
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

fn edit_author(model: &mut Model, rng: &mut Rng) -> Option<Edit> {
    let authors = model.pages_under("authors/");
    if authors.is_empty() || rng.chance(15) {
        let rel = format!("authors/{}.md", model.fresh("writer"));
        let path = model.write_page(&rel, PageFile::new(&[("name", "New Writer")], "Writes.\n"));
        return Some(Edit { what: format!("add author {rel}"), changed: vec![path] });
    }
    let rel = rng.pick(&authors).clone();
    let mut page = model.pages[&rel].clone();
    match rng.below(3) {
        0 => page.set("name", Some(format!("{} {}", rng.pick(&["Dana", "Omer", "Noa"]), model.fresh("x")))),
        1 => page.set("role", rng.chance(70).then(|| rng.pick(&["CEO", "CTO", "VP Sales"]).to_string())),
        _ => page.body = random_body(rng, false, None),
    }
    model.write_page(&rel, page);
    edited(model, format!("author {rel}"), &rel)
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

/// Writes `content/authors.yaml` with some people (now and then one whose id an author file has,
/// which is an error), or removes it.
fn edit_authors_file(model: &mut Model, rng: &mut Rng) -> Option<Edit> {
    let rel = "content/authors.yaml";
    if model.files.contains_key(rel) && rng.chance(30) {
        let path = model.remove_file(rel);
        return Some(Edit { what: format!("delete {rel}"), changed: vec![path] });
    }
    let mut text = String::new();
    if rng.chance(80) {
        let role = rng.pick(&["Guest", "Editor", "מנהלת תוכן"]);
        text.push_str(&format!("guest:\n  name: Guest Writer\n  role: {role}\n"));
        if rng.chance(50) {
            text.push_str("  photo: /images/omer.svg\n  bio: \"Writes <sometimes>.\"\n");
        }
    }
    if rng.chance(50) {
        text.push_str(&format!(
            "board:\n  name: {}\n  url: https://example.com/board\n",
            rng.pick(&["The Board", "Maya Friedman"])
        ));
    }
    if rng.chance(8) {
        text.push_str("omer:\n  name: Omer Again\n");
    }
    let path = model.write_file(rel, &text);
    Some(Edit { what: format!("write {rel}: {text:?}"), changed: vec![path] })
}

fn edit_product(model: &mut Model, rng: &mut Rng) -> Option<Edit> {
    let products = model.pages_under("products/");
    if products.is_empty() || rng.chance(15) {
        let rel = format!("products/{}.md", model.fresh("product"));
        let path = model.write_page(&rel, PageFile::new(&[("title", "Acme Extra")], "More.\n"));
        return Some(Edit { what: format!("add product {rel}"), changed: vec![path] });
    }
    let rel = rng.pick(&products).clone();
    let mut page = model.pages[&rel].clone();
    match rng.below(3) {
        0 => page.set("title", Some(format!("Acme {}", model.fresh("Suite")))),
        1 => page.set("weight", Some(rng.below(5).to_string())),
        _ => page.body = random_body(rng, false, None),
    }
    model.write_page(&rel, page);
    edited(model, format!("product {rel}"), &rel)
}

fn edit_config(model: &mut Model, rng: &mut Rng) -> Option<Edit> {
    let knob = rng.below(KNOBS.len());
    let choice = rng.below(KNOBS[knob].choices.len());
    model.knobs[knob] = choice;
    let path = model.write_config();
    let what = format!("site.yaml {} = {:?}", KNOBS[knob].name, KNOBS[knob].choices[choice]);
    Some(Edit { what, changed: vec![path] })
}

/// Overrides a built-in template with a marked copy, removes the override, or breaks it.
fn edit_template(model: &mut Model, rng: &mut Rng) -> Option<Edit> {
    let name = *rng.pick(TEMPLATES);
    let rel = format!("templates/{name}");
    if model.files.contains_key(&rel) && rng.chance(40) {
        let path = model.remove_file(&rel);
        return Some(Edit { what: format!("delete {rel}"), changed: vec![path] });
    }
    let builtin = std::fs::read_to_string(format!("{}/themes/default/templates/{name}", env!("CARGO_MANIFEST_DIR")))
        .expect("built-in template");
    let marker = model.fresh("marker");
    let text = if rng.chance(5) { format!("{builtin}{{% if %}}") } else { format!("{builtin}<!-- {marker} -->\n") };
    let path = model.write_file(&rel, &text);
    Some(Edit { what: format!("override {rel} ({marker})"), changed: vec![path] })
}

/// Overrides some of the theme's UI strings, or removes the override.
fn edit_strings(model: &mut Model, rng: &mut Rng) -> Option<Edit> {
    let rel = rng.pick(STRINGS).to_string();
    if model.files.contains_key(&rel) && rng.chance(40) {
        let path = model.remove_file(&rel);
        return Some(Edit { what: format!("delete {rel}"), changed: vec![path] });
    }
    let marker = model.fresh("string");
    let key = rng.pick(&["home", "read_more", "related_pages", "by", "tags", "all_posts"]);
    let path = model.write_file(&rel, &format!("{key}: \"{marker}\"\n"));
    Some(Edit { what: format!("write {rel}: {key} = {marker}"), changed: vec![path] })
}

fn edit_static_file(model: &mut Model, rng: &mut Rng) -> Option<Edit> {
    let rel = match rng.below(4) {
        0 => "static/css/custom.css".to_string(),
        1 => format!("static/{}.txt", model.fresh("note")),
        2 => {
            let mut assets: Vec<String> =
                model.files.keys().filter(|f| f.starts_with("static/") || f.starts_with("content/")).cloned().collect();
            // Pictures that pages name stay: a missing one is an error no repair undoes.
            assets.retain(|f| f != "static/images/omer.svg" && !f.ends_with("map.svg") && !f.ends_with("pic.svg"));
            let rel = pick_one(rng, &assets)?;
            let path = model.remove_file(&rel);
            return Some(Edit { what: format!("delete {rel}"), changed: vec![path] });
        }
        _ => {
            let folder = random_folder(model, rng);
            format!("content/{folder}/{}.svg", model.fresh("picture")).replace("content//", "content/")
        }
    };
    let text = format!("/* {} */\n", model.fresh("version"));
    let path = model.write_file(&rel, &text);
    Some(Edit { what: format!("write {rel}"), changed: vec![path] })
}

fn edit_feedback_data(model: &mut Model, rng: &mut Rng) -> Option<Edit> {
    let mut votes = String::new();
    for _ in 0..rng.below(8) {
        let page = content_page(model, rng)?;
        let vote = rng.pick(&["yes", "no"]);
        votes.push_str(&format!("{{\"page_id\":\"{page}\",\"vote\":\"{vote}\"}}\n"));
    }
    let path = model.write_file("feedback/export.jsonl", &votes);
    Some(Edit { what: format!("feedback data: {} votes", votes.lines().count()), changed: vec![path] })
}

/// Whether links and `related:` pins may name the page at `rel` (a build without drafts publishes
/// it). Errs on the side of "no": a repair only removes references.
fn is_published(model: &Model, rel: &str) -> bool {
    let Some(page) = model.pages.get(rel) else { return false };
    let community = page.get("source") == Some("community") && page.get("status") != Some("approved");
    page.get("draft").is_none() && page.get("date") != Some("2031-04-01") && page.get("expires").is_none() && !community
}

/// Undoes what makes builds fail, so a sequence does not stay broken for long: references to
/// pages that are gone or unpublished, unknown authors and products, slugs and aliases that may
/// collide, a broken template, a missing default author or menu page.
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
        // Authors and products are named by other pages: a draft one is unknown to them.
        if rel.starts_with("authors/") || rel.starts_with("products/") {
            page.set("draft", None);
        }
        // A picture named relative to a bundle's page is lost when the page leaves its folder.
        if page.get("image").is_some() && !rel.ends_with("/index.md") {
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
    for name in super::fixture::TEMPLATES {
        let rel = format!("templates/{name}");
        if model.files.get(&rel).is_some_and(|text| text.ends_with("{% if %}")) {
            changed.push(model.remove_file(&rel));
        }
    }
    for (rel, front) in [("authors/dana.md", ("name", "Dana Levi")), ("about.md", ("title", "About Acme"))] {
        if !model.pages.contains_key(rel) {
            changed.push(model.write_page(rel, PageFile::new(&[front], "Back again.\n")));
        }
    }
    let author = KNOBS.iter().position(|k| k.name == "author").expect("author knob");
    if model.knobs[author] != 0 {
        model.knobs[author] = 0;
        changed.push(model.write_config());
    }
    Edit { what: "repair: drop dangling references, broken templates, colliding slugs".into(), changed }
}
