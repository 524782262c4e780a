//! `markdown.bin` changed in place by another program while a build holds it open: the build must
//! fail with a message naming the entry, leave the output folder as it was, and leave the cache so
//! that the next build is cold and correct. The seam: `load_markdown` calls `after_opening` right
//! after opening the entry, where a test can change it.

use crate::output::Staging;
use crate::pipeline::{build_site_staged, BuildOptions, CACHE_DIR};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

type Hook = (PathBuf, fn(&Path));

/// What to do to an entry under a folder once it is opened (one folder per test: tests run at once).
static AFTER_OPENING: Mutex<Vec<Hook>> = Mutex::new(Vec::new());

pub(super) fn after_opening(entry: &Path) {
    let hooks = AFTER_OPENING.lock().unwrap_or_else(|e| e.into_inner()).clone();
    for (dir, hook) in hooks {
        if entry.starts_with(&dir) {
            hook(entry);
        }
    }
}

/// Changes a byte of the last text's HTML, in place: same file, same size.
fn write_into(entry: &Path) {
    use std::io::{Read, Seek, SeekFrom, Write};
    let mut file = std::fs::OpenOptions::new().read(true).write(true).open(entry).unwrap();
    let at = file.metadata().unwrap().len() - 8;
    let mut byte = [0u8];
    file.seek(SeekFrom::Start(at)).unwrap();
    file.read_exact(&mut byte).unwrap();
    file.seek(SeekFrom::Start(at)).unwrap();
    file.write_all(&[byte[0] ^ 0x01]).unwrap();
}

fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let write = |rel: &str, text: &str| {
        let path = dir.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write("site.yaml", "title: Held\nbase_url: https://example.com\nlanguage: en\nsocial_cards: false\n");
    for n in 0..4 {
        let page = format!("---\ntitle: Post {n}\ndate: 2026-01-0{}\n---\nNews {n} about **invoices**.\n", n + 1);
        write(&format!("content/blog/post-{n}.md"), &page);
    }
    dir
}

/// `folio build`: staged, committed only when the build succeeded.
fn build(root: &Path) -> Result<String, String> {
    let staging = Staging::open(&root.join("public")).map_err(|e| e.to_string())?;
    let options = BuildOptions { root: root.to_path_buf(), ..Default::default() };
    let built = build_site_staged(&options, &staging).map_err(|e| e.to_string())?;
    let report = staging.commit(&built.output).map_err(|e| e.to_string())?;
    Ok(report.line())
}

fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let files = walkdir::WalkDir::new(dir).into_iter().map(Result::unwrap).filter(|e| e.file_type().is_file());
    files.map(|e| (e.path().strip_prefix(dir).unwrap().to_path_buf(), std::fs::read(e.path()).unwrap())).collect()
}

#[test]
fn an_entry_changed_in_place_during_the_build_fails_it_and_leaves_the_output() {
    let site = site();
    build(site.path()).unwrap();
    let (output, cache) = (site.path().join("public"), site.path().join(CACHE_DIR));
    let before = files(&output);
    AFTER_OPENING.lock().unwrap().push((site.path().to_path_buf(), write_into));
    let failed = build(site.path());
    AFTER_OPENING.lock().unwrap().retain(|(dir, _)| dir != site.path());
    let message = failed.expect_err("a build that read a damaged entry fails");
    assert!(message.contains("markdown.bin") && message.contains("changed by another program"), "{message}");
    assert!(message.contains("build again"), "{message}");
    assert!(files(&output) == before, "the output folder is as the last good build left it");
    assert!(!cache.join("markdown.bin").exists(), "the damaged entry is removed");
    assert!(!cache.join("pages.bin").exists(), "so is every entry the failed build wrote");
    // The next build starts cold, and writes what the first one did.
    build(site.path()).unwrap();
    assert!(files(&output) == before);
    assert!(build(site.path()).unwrap().contains("nothing changed"));
}
