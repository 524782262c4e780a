//! The pipeline is a ladder: each module uses only the modules below it, so a newcomer can follow
//! a page from `main` to its written file without climbing back up. This test keeps it so.

use std::collections::BTreeSet;
use std::path::Path;

/// Every top-level module, lowest first: leaves, then the stages in the order they run, then the
/// commands built on the pipeline.
const LADDER: &[&str] = &[
    // leaves
    "diagnostics",
    "yaml",
    "memo",
    "progress",
    "html",
    "url",
    "lang",
    "analysis",
    // stages
    "config",
    "content",
    "site",
    "glossary",
    "images",
    "markdown",
    "related",
    "feedback",
    "render",
    "cards",
    "publish",
    "search",
    "output",
    "pipeline",
    "disk_cache",
    // commands
    "scaffold",
    "serve",
    "import",
    "review",
    "check",
];

fn rank(module: &str) -> usize {
    LADDER.iter().position(|m| *m == module).unwrap_or_else(|| panic!("add module `{module}` to the ladder"))
}

/// `(file, module it names)` for every `crate::module` outside comments in the files below `dir`.
fn uses(dir: &Path, found: &mut Vec<(String, String, String)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            uses(&path, found);
            continue;
        }
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let rel = path.strip_prefix(&src).unwrap().to_string_lossy().replace('\\', "/");
        let module = rel.split('/').next().unwrap().trim_end_matches(".rs").to_string();
        // `main` and `cli` are the binary, which uses the library through `folio::`.
        if matches!(module.as_str(), "lib" | "main" | "cli" | "ladder_tests") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        for line in text.lines().filter(|l| !l.trim_start().starts_with("//")) {
            for (at, _) in line.match_indices("crate::") {
                let name: String =
                    line[at + 7..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
                found.push((rel.clone(), module.clone(), name));
            }
        }
    }
}

#[test]
fn every_module_uses_only_the_modules_below_it() {
    let mut found = Vec::new();
    uses(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut found);
    let upward: BTreeSet<String> = found
        .iter()
        .filter(|(_, module, used)| module != used && rank(used) > rank(module))
        .map(|(file, _, used)| format!("{file} uses crate::{used}"))
        .collect();
    assert!(upward.is_empty(), "imports that climb the ladder:\n{}", upward.into_iter().collect::<Vec<_>>().join("\n"));
}

#[test]
fn the_ladder_names_every_module() {
    let lib = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs")).unwrap();
    for line in lib.lines() {
        let declared = line.trim_start_matches("pub ").strip_prefix("mod ").map(|m| m.trim_end_matches(';'));
        if let Some(module) = declared.filter(|m| *m != "ladder_tests") {
            rank(module);
        }
    }
}
