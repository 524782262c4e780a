//! Social cards go into the output folder as hard links to the cards cache (see `output::links`).
//! A program that rewrites an output card in place rewrites the cached card with it: the next
//! build must notice, draw the card again and leave both the output and the cache as a cold build
//! would, whichever output folder it writes.

use crate::build_cache::files;
use crate::support;

use std::collections::BTreeMap;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use support::site::{assert_contains, TestSite};

const CONFIG: &str = "title: Links\nbase_url: https://example.com\nlanguage: en\n";

fn site() -> TestSite {
    let site = TestSite::with_config(CONFIG);
    for n in 0..4 {
        site.page(&format!("posts/post-{n}.md"), &format!("title: Post {n}\ndate: 2024-01-0{}", n + 1), "Text.\n");
    }
    site
}

fn build(site: &TestSite, output: &str) -> String {
    let run = site.run(&["build", "--root", ".", "--output", output]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    run.stdout
}

/// The site built into `public/` twice, the second time once the clock has moved past the first
/// build's writes (so that every stamp is trusted).
fn built_twice() -> TestSite {
    let site = site();
    build(&site, "public");
    std::thread::sleep(std::time::Duration::from_millis(20));
    build(&site, "public");
    site
}

/// The output of a cold build of the same pages.
fn cold_output() -> BTreeMap<String, Vec<u8>> {
    let cold = site();
    build(&cold, "public");
    files(&cold.path("public"))
}

/// The PNG files under `dir`.
fn cards(dir: &Path) -> Vec<PathBuf> {
    let pngs = files(dir).into_keys().filter(|rel| rel.ends_with(".png")).map(|rel| dir.join(rel)).collect::<Vec<_>>();
    assert!(!pngs.is_empty(), "no card under {}", dir.display());
    pngs
}

/// Rewrites the file at `path` in place (the same file, as an image optimizer might).
fn rewrite_in_place(path: &Path) {
    use std::io::Write;
    let mut file = std::fs::File::options().write(true).truncate(true).open(path).unwrap();
    file.write_all(b"optimised away").unwrap();
}

/// Every cached card is a card a cold build draws.
fn assert_cache_sound(site: &TestSite, cold: &BTreeMap<String, Vec<u8>>) {
    for cached in cards(&site.path(".folio-cache/cards")) {
        let bytes = std::fs::read(&cached).unwrap();
        assert!(cold.values().any(|b| *b == bytes), "{} is no card a cold build draws", cached.display());
    }
}

/// Once the clock has moved past the last build's writes, a build of `public/` changes nothing.
fn assert_settles(site: &TestSite) {
    std::thread::sleep(std::time::Duration::from_millis(20));
    build(site, "public");
    assert_contains(&build(site, "public"), &["(nothing changed)"]);
}

#[test]
fn output_links_cards_are_linked_from_the_cache_and_a_rebuild_writes_nothing() {
    let site = site();
    build(&site, "public");
    for card in cards(&site.path("public")) {
        assert_eq!(std::fs::metadata(&card).unwrap().nlink(), 2, "{} is not linked", card.display());
    }
    assert_eq!(files(&site.path("public")), cold_output());
    assert_settles(&site);
}

#[test]
fn output_links_a_card_rewritten_in_place_is_drawn_again_in_output_and_cache() {
    let site = built_twice();
    let cold = cold_output();
    let card = cards(&site.path("public")).remove(0);
    rewrite_in_place(&card);
    assert_contains(&build(&site, "public"), &["(1 file changed)"]);
    assert_eq!(files(&site.path("public")), cold, "the output after a card was rewritten in place");
    assert_cache_sound(&site, &cold);
    assert_settles(&site);
}

#[test]
fn output_links_a_card_rewritten_in_place_does_not_reach_another_output_folder() {
    let site = site();
    build(&site, "public");
    let cold = cold_output();
    for card in cards(&site.path("public")) {
        rewrite_in_place(&card);
    }
    build(&site, "other");
    assert_eq!(files(&site.path("other")), cold, "another output folder after cards were rewritten in place");
    assert_cache_sound(&site, &cold);
    build(&site, "public");
    assert_eq!(files(&site.path("public")), cold, "the first output folder, built again");
}

#[test]
fn output_links_a_deleted_ledger_is_written_again_by_a_no_change_build() {
    let site = site();
    build(&site, "public");
    let ledger = site.path(".folio-cache/build/links.bin");
    assert!(ledger.is_file(), "no ledger of the links");
    std::fs::remove_file(&ledger).unwrap();
    build(&site, "public");
    assert!(ledger.is_file(), "the ledger was not written again");
    let cold = cold_output();
    rewrite_in_place(&cards(&site.path("public"))[0]);
    build(&site, "public");
    assert_eq!(files(&site.path("public")), cold);
    assert_cache_sound(&site, &cold);
}

#[test]
fn output_links_a_damaged_ledger_is_written_again_by_a_no_change_build() {
    let site = built_twice();
    // A ledger of another layout (an older Folio) or damaged reads as empty: it guards nothing.
    let ledger = site.path(".folio-cache/build/links.bin");
    std::fs::write(&ledger, b"folio-links v1\n\n damaged").unwrap();
    assert_contains(&build(&site, "public"), &["(nothing changed)"]);
    let cold = cold_output();
    rewrite_in_place(&cards(&site.path("public"))[0]);
    build(&site, "public");
    assert_eq!(files(&site.path("public")), cold, "a card rewritten in place after the ledger was damaged");
    assert_cache_sound(&site, &cold);
}

#[test]
fn output_links_cards_deleted_from_the_cache_are_drawn_again() {
    let site = built_twice();
    let cold = cold_output();
    let cached = cards(&site.path(".folio-cache/cards"));
    for card in &cached {
        std::fs::remove_file(card).unwrap();
    }
    build(&site, "public");
    for card in &cached {
        assert!(card.is_file(), "{} was not drawn again", card.display());
    }
    assert_eq!(files(&site.path("public")), cold, "the output after the cached cards were deleted");
    assert_cache_sound(&site, &cold);
    assert_settles(&site);
}

/// Copies the files under `from` into `to`, as `cp -a` does (new files, not links).
fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from).min_depth(1) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

#[test]
fn output_links_a_copied_site_leaves_the_cache_of_the_original_alone() {
    let original = site();
    let root = original.root().to_str().unwrap().to_string();
    let run = |site: &TestSite, root: &str| {
        let run = site.run(&["build", "--root", root, "--output", &format!("{root}/public")]);
        assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    };
    // Built by its absolute path: the ledger names the cache files by it.
    run(&original, &root);
    let copy = TestSite::new();
    copy_tree(original.root(), copy.root());
    // An output card of the original rewritten through its link moves the stamp the copy's ledger has.
    let card = cards(&original.path("public")).remove(0);
    rewrite_in_place(&card);
    let cached: Vec<PathBuf> = cards(&original.path(".folio-cache/cards"));
    run(&copy, copy.root().to_str().unwrap());
    for file in &cached {
        assert!(file.is_file(), "building the copy removed {} from the original's cache", file.display());
    }
    assert_eq!(files(&copy.path("public")), cold_output(), "the copy's output");
}

/// Holds a second name for each file of `files` (in a folder of its own), so that a file removed
/// and made again cannot get its inode back; each file with its inode.
fn pin(files: &[PathBuf], holder: &Path) -> Vec<(PathBuf, u64)> {
    std::fs::create_dir_all(holder).unwrap();
    let pinned = files.iter().enumerate().map(|(i, file)| {
        std::fs::hard_link(file, holder.join(i.to_string())).unwrap();
        (file.clone(), std::fs::metadata(file).unwrap().ino())
    });
    pinned.collect()
}

/// Every pinned file is still the same file: it was kept, not drawn again.
fn assert_kept(pinned: &[(PathBuf, u64)], why: &str) {
    for (file, ino) in pinned {
        let now = std::fs::metadata(file).map(|meta| meta.ino()).ok();
        assert_eq!(now, Some(*ino), "{why}: {} was drawn again", file.display());
    }
}

#[test]
fn output_links_removing_the_output_folder_keeps_the_cached_cards() {
    let site = built_twice();
    let cold = cold_output();
    // Removing the links moves the stamps of the cached cards, not their bytes.
    std::fs::remove_dir_all(site.path("public")).unwrap();
    let holder = tempfile::tempdir().unwrap();
    let pinned = pin(&cards(&site.path(".folio-cache/cards")), holder.path());
    build(&site, "public");
    assert_kept(&pinned, "after the output folder was removed");
    assert_eq!(files(&site.path("public")), cold);
    assert_settles(&site);
}

#[test]
fn output_links_a_cache_restored_as_new_files_keeps_its_cards() {
    let site = built_twice();
    // As a CI cache step restores it: every file new, with a new stamp, the same bytes.
    let restored = TestSite::new();
    copy_tree(site.root(), restored.root());
    std::fs::remove_dir_all(restored.path("public")).unwrap();
    let holder = tempfile::tempdir().unwrap();
    let pinned = pin(&cards(&restored.path(".folio-cache/cards")), holder.path());
    build(&restored, "public");
    assert_kept(&pinned, "after the cache was restored");
    assert_eq!(files(&restored.path("public")), cold_output());
    assert_settles(&restored);
}
