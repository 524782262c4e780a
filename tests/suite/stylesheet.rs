//! The default theme's stylesheet: written as component sheets in `themes/default/css/`, served as the
//! one `folio.css` holding every component whole, in the order `content/docs/themes.md` documents; and a
//! site's or theme folder's own `folio.css` still replaces it.

use crate::support;

use std::path::{Path, PathBuf};
use support::site::{TestSite, MINIMAL_CONFIG};

fn repo(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// The component sheets on disk, by file name, sorted: the order `build.rs` joins them in.
fn component_files() -> Vec<String> {
    let dir = repo("themes/default/css");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".css"))
        .collect();
    names.sort();
    names
}

/// The parts the theme documentation lists, in its order: each `css/NAME.css` in its table.
fn documented_order() -> Vec<String> {
    let doc = std::fs::read_to_string(repo("content/docs/themes.md")).unwrap();
    doc.lines()
        .filter_map(|line| line.strip_prefix("| `css/"))
        .filter_map(|rest| rest.split_once('`'))
        .map(|(name, _)| name.to_string())
        .collect()
}

fn served_stylesheet() -> String {
    let site = TestSite::new();
    site.page("about.md", "title: About", "Text.\n");
    site.build().text("folio.css")
}

#[test]
fn served_stylesheet_holds_every_component_in_the_documented_order() {
    let files = component_files();
    assert_eq!(files, documented_order(), "themes/default/css/ and the table in content/docs/themes.md differ");
    // The cascade depends on these two ends: tokens before anything uses them, print rules after all they override.
    assert_eq!(files.first().map(String::as_str), Some("01-tokens.css"));
    // Parts added after the print rules (css/16-languages.css) must carry their own print rules.
    let print = files.iter().position(|f| f == "15-print.css").expect("css/15-print.css");
    for later in &files[print + 1..] {
        let text = std::fs::read_to_string(repo(&format!("themes/default/css/{later}"))).unwrap();
        assert!(text.contains("@media print"), "css/{later} comes after the print rules but has none of its own");
    }

    let css = served_stylesheet();
    let mut at = 0;
    for name in &files {
        let marker = format!("/* ---- css/{name} ---- */\n");
        let found =
            css[at..].find(&marker).unwrap_or_else(|| panic!("folio.css lacks css/{name}, or has it out of order"));
        at += found + marker.len();
        let text = std::fs::read_to_string(repo(&format!("themes/default/css/{name}"))).unwrap();
        assert!(css[at..].starts_with(text.trim_end()), "folio.css does not hold css/{name} whole after its marker");
    }
    assert_eq!(css.matches("/* ---- css/").count(), files.len(), "a part is served twice");
    assert!(!css.contains("@import"), "the parts are joined, never fetched one by one");
}

#[test]
fn component_sheets_stay_short() {
    for name in component_files() {
        let text = std::fs::read_to_string(repo(&format!("themes/default/css/{name}"))).unwrap();
        assert!(text.lines().count() < 400, "css/{name} has {} lines: split it", text.lines().count());
    }
}

#[test]
fn a_theme_folders_stylesheet_replaces_the_built_in_one() {
    let site = TestSite::with_config(&format!("{MINIMAL_CONFIG}theme: acme\n"));
    site.page("about.md", "title: About", "Text.\n").file("themes/acme/static/folio.css", "/* acme */\n");
    assert_eq!(site.build().text("folio.css"), "/* acme */\n");
}
