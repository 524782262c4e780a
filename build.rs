//! Prepares the embedded default theme.
//!
//! Its stylesheet is written as component sheets, `themes/default/css/NN-name.css`; this joins them, in
//! file-name order (the order `content/docs/themes.md` documents), into the one `folio.css` that sites
//! are served, so a page still makes a single request and the cascade is the same as one hand-written
//! file. Each part is preceded by a comment naming it, for readers of the served file.
//!
//! It also asks Cargo to rebuild when anything under `themes/default` changes: `include_dir!` alone
//! does not tell Cargo.

use std::path::{Path, PathBuf};

fn main() {
    println!("cargo:rerun-if-changed=themes/default");
    let manifest_dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("Cargo sets CARGO_MANIFEST_DIR"));
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("Cargo sets OUT_DIR"));
    let joined = join_stylesheets(&manifest_dir.join("themes/default/css"));
    let target = out_dir.join("folio.css");
    if let Err(e) = std::fs::write(&target, joined) {
        panic!("cannot write {}: {e}", target.display());
    }
}

/// The `.css` files of `dir`, sorted by name, each after a `/* ---- css/NAME ---- */` line.
fn join_stylesheets(dir: &Path) -> String {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
    let mut parts: Vec<PathBuf> = entries
        .map(|entry| entry.unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display())).path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "css"))
        .collect();
    parts.sort();
    assert!(!parts.is_empty(), "{} holds no .css files: the default theme needs its stylesheet", dir.display());
    let mut joined = String::new();
    for path in parts {
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if !joined.is_empty() {
            joined.push('\n');
        }
        joined.push_str(&format!("/* ---- css/{name} ---- */\n"));
        joined.push_str(text.trim_end());
        joined.push('\n');
    }
    joined
}
