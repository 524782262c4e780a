//! Edits of the files around the content: site.yaml, template and UI-string overrides, static
//! files and content assets, exported feedback.

use super::edits::{content_page, pick_one, Edit};
use super::fixture::{builtin_template, Model, Rng, KNOBS, SITE_TEMPLATES, STRINGS, THEME_TEMPLATES};
use super::layout::random_folder;

pub(super) fn edit_config(model: &mut Model, rng: &mut Rng) -> Option<Edit> {
    // Section kinds change what pages are, which most caches depend on: they come up more often.
    let sections = KNOBS.iter().position(|k| k.name == "sections").expect("sections knob");
    let knob = if rng.chance(25) { sections } else { rng.below(KNOBS.len()) };
    let choice = rng.below(KNOBS[knob].choices.len());
    model.knobs[knob] = choice;
    let path = model.write_config();
    let what = format!("site.yaml {} = {:?}", KNOBS[knob].name, KNOBS[knob].choices[choice]);
    Some(Edit { what, changed: vec![path] })
}

/// Makes site.yaml invalid with a typo, until a repair fixes it.
pub(super) fn break_config(model: &mut Model, _: &mut Rng) -> Option<Edit> {
    model.knobs[KNOBS.iter().position(|k| k.name == "typo").expect("typo knob")] = 1;
    Some(Edit { what: "site.yaml: a typo".into(), changed: vec![model.write_config()] })
}

/// Overrides a built-in template with a marked copy, removes the override, or breaks it.
pub(super) fn edit_template(model: &mut Model, rng: &mut Rng) -> Option<Edit> {
    // The site's own templates/, or the theme folder that `theme: brand` names (themes/brand/ once
    // it exists, else brand/).
    let folder = *rng.pick(&["templates", "brand/templates", "themes/brand/templates"]);
    let name = *rng.pick(if folder == "templates" { SITE_TEMPLATES } else { THEME_TEMPLATES });
    let rel = format!("{folder}/{name}");
    if model.files.contains_key(&rel) && rng.chance(40) {
        let path = model.remove_file(&rel);
        return Some(Edit { what: format!("delete {rel}"), changed: vec![path] });
    }
    let builtin = std::fs::read_to_string(builtin_template(name)).expect("built-in template");
    let marker = model.fresh("marker");
    let text = if rng.chance(5) { format!("{builtin}{{% if %}}") } else { format!("{builtin}<!-- {marker} -->\n") };
    let path = model.write_file(&rel, &text);
    Some(Edit { what: format!("override {rel} ({marker})"), changed: vec![path] })
}

/// Overrides some of the theme's UI strings, or removes the override.
pub(super) fn edit_strings(model: &mut Model, rng: &mut Rng) -> Option<Edit> {
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

pub(super) fn edit_static_file(model: &mut Model, rng: &mut Rng) -> Option<Edit> {
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

pub(super) fn edit_feedback_data(model: &mut Model, rng: &mut Rng) -> Option<Edit> {
    let mut votes = String::new();
    for _ in 0..rng.below(8) {
        let page = content_page(model, rng)?;
        let vote = rng.pick(&["yes", "no"]);
        votes.push_str(&format!("{{\"page_id\":\"{page}\",\"vote\":\"{vote}\"}}\n"));
    }
    let path = model.write_file("feedback/export.jsonl", &votes);
    Some(Edit { what: format!("feedback data: {} votes", votes.lines().count()), changed: vec![path] })
}

/// Writes `content/authors.yaml` with some people (now and then one whose id an author file has,
/// which is an error), or removes it.
pub(super) fn edit_authors_file(model: &mut Model, rng: &mut Rng) -> Option<Edit> {
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
