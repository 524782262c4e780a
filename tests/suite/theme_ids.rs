//! Heading ids stay clear of the ids the default theme uses: every literal `id="…"` in its templates is in
//! `markdown::headings::THEME_IDS`, so a new one cannot be forgotten.

use folio::markdown::headings::THEME_IDS;

#[test]
fn every_template_id_is_reserved_from_headings() {
    let dir = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/themes/default/templates"));
    let mut missing = Vec::new();
    for entry in walkdir::WalkDir::new(dir).into_iter().filter_map(Result::ok).filter(|e| e.file_type().is_file()) {
        let text = std::fs::read_to_string(entry.path()).unwrap();
        for piece in text.split(" id=\"").skip(1) {
            let id = piece.split('"').next().unwrap_or_default();
            // Ids made by the template ({{ … }}) are the page's own; only fixed ones can collide.
            if !id.contains("{{") && !id.contains("{%") && !THEME_IDS.contains(&id) {
                missing.push(format!("{}: {id}", entry.path().display()));
            }
        }
    }
    assert!(missing.is_empty(), "add these to THEME_IDS in src/markdown/headings.rs: {missing:#?}");
}
