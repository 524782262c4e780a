use super::*;
use crate::output::{FileSource, Output, WriteReport, MANIFEST};
use std::collections::BTreeMap;

#[test]
fn unchanged_bytes_are_noted_not_staged() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    std::fs::create_dir_all(out.join("a")).unwrap();
    std::fs::write(out.join("a/index.html"), "same").unwrap();
    let staging = Staging::open(&out).unwrap();
    assert_eq!(staging.put("a/index.html", b"same").unwrap(), out.join("a/index.html"));
    // A new file in a folder the output has is staged flat; one in a new folder under its own path.
    let beside = staging.put("a/other.html", b"new").unwrap();
    assert_eq!(beside.parent(), Some(out.join(STAGING).as_path()));
    let changed = staging.put("b/c/index.html", b"new").unwrap();
    assert_eq!(changed, out.join(STAGING).join("tree/b/c/index.html"));
    let staged = std::fs::read_dir(out.join(STAGING)).unwrap().count();
    assert_eq!(staged, 2, "only the new files are staged: one flat, one in the tree");
    assert!(staging.put("../x", b"x").is_err(), "paths cannot climb out");
}

/// The files under `dir` (relative paths, `/` separated) with their bytes.
fn files_under(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut found = BTreeMap::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else {
                let rel = path.strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
                found.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    found
}

fn site_output(files: &[(&str, &str)]) -> Output {
    let mut output = Output::default();
    for (path, text) in files {
        output.files.insert(path.to_string(), FileSource::Bytes(text.as_bytes().to_vec().into()));
    }
    output
}

#[cfg(unix)]
#[test]
fn a_fresh_output_folder_gets_each_new_folder_in_one_move() {
    use std::os::unix::fs::MetadataExt;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let files = [("index.html", "home"), ("kb/a/index.html", "a"), ("kb/b/index.html", "b"), ("blog/x.html", "x")];
    let output = site_output(&files);
    let staging = Staging::open(&out).unwrap();
    for (path, text) in files {
        staging.put(path, text.as_bytes()).unwrap();
    }
    let staged_kb = std::fs::metadata(out.join(STAGING).join("tree/kb")).unwrap().ino();
    let report = staging.commit(&output).unwrap();
    assert_eq!(report, WriteReport { written: 4, unchanged: 0, removed: 0 });
    assert_eq!(std::fs::metadata(out.join("kb")).unwrap().ino(), staged_kb, "kb/ was moved in, not made");
    let mut expected: BTreeMap<String, Vec<u8>> =
        files.iter().map(|(path, text)| (path.to_string(), text.as_bytes().to_vec())).collect();
    expected.insert(MANIFEST.into(), b"blog/x.html\nindex.html\nkb/a/index.html\nkb/b/index.html\n".to_vec());
    assert_eq!(files_under(&out), expected, "exactly the site's files and the manifest; no staging folder");
}

#[test]
fn a_fresh_output_commit_that_fails_halfway_takes_out_everything_it_placed() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    // The user's folder stands where the last file goes: the new folders before it are moved in first.
    std::fs::create_dir_all(out.join("zz.html")).unwrap();
    std::fs::write(out.join("zz.html/mine.txt"), "mine").unwrap();
    let output = site_output(&[("a/x.html", "x"), ("b/c/y.html", "y"), ("index.html", "home"), ("zz.html", "z")]);
    let error = Staging::open(&out).unwrap().commit(&output).unwrap_err();
    assert!(error.to_string().contains("a folder is in the way"), "{error}");
    let left: Vec<String> = files_under(&out).into_keys().collect();
    assert_eq!(left, ["zz.html/mine.txt"], "only the user's file is left");
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 1, "no folder of the failed build is left");
}

#[test]
fn a_new_folder_that_cannot_be_moved_in_undoes_the_folders_moved_before_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    Staging::open(out).unwrap().commit(&site_output(&[("index.html", "one")])).unwrap();
    // A user's file where a new folder goes: the folder cannot be made or moved there.
    std::fs::write(out.join("b"), "mine").unwrap();
    let output = site_output(&[("a/x.html", "x"), ("b/y.html", "y"), ("index.html", "two")]);
    assert!(Staging::open(out).unwrap().commit(&output).is_err());
    let expected = [("b", "mine"), ("index.html", "one"), (MANIFEST, "index.html\n")];
    let expected: BTreeMap<String, Vec<u8>> =
        expected.iter().map(|(p, t)| (p.to_string(), t.as_bytes().to_vec())).collect();
    assert_eq!(files_under(out), expected);
    assert!(!out.join("a").exists() && !out.join(STAGING).exists());
}

#[test]
fn a_killed_builds_staging_folder_is_removed_and_never_published() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    // What a build killed before its commit leaves: its staging folder, staged files in it.
    std::fs::create_dir_all(out.join(STAGING).join("tree/kb/old")).unwrap();
    std::fs::write(out.join(STAGING).join("tree/kb/old/index.html"), "killed").unwrap();
    std::fs::write(out.join(STAGING).join("0"), "killed").unwrap();
    let output = site_output(&[("kb/new/index.html", "new")]);
    Staging::open(&out).unwrap().commit(&output).unwrap();
    let left: Vec<String> = files_under(&out).into_keys().collect();
    assert_eq!(left, [MANIFEST, "kb/new/index.html"]);
}

#[test]
fn a_file_moved_in_with_its_folder_is_recorded_with_the_stamp_it_has() {
    let dir = tempfile::tempdir().unwrap();
    let (out, record) = (dir.path().join("public"), dir.path().join("cache/output.bin"));
    let files = [("index.html", "home"), ("kb/a/index.html", "a")];
    let staging = Staging::open(&out).unwrap().remembering(record.clone());
    let mut output = Output::default();
    for (path, text) in files {
        output.files.insert(path.into(), FileSource::Staged(staging.put(path, text.as_bytes()).unwrap()));
    }
    // Stamps taken in the tick of a move are not trusted: the files were written a tick before.
    std::thread::sleep(std::time::Duration::from_millis(30));
    staging.commit(&output).unwrap();
    let kept = super::super::stamps::Record::load(&record);
    let moved = kept.known.get("kb/a/index.html").expect("the file moved in with kb/ is recorded");
    assert_eq!(Some(moved.stamp), Stamp::of(&out.join("kb/a/index.html")));
    // Moving a file by itself sets its change time: its stamp is taken again, if recorded at all.
    let alone = kept.known.get("index.html").map(|known| known.stamp);
    assert!(alone.is_none() || alone == Stamp::of(&out.join("index.html")));
    let again = Staging::open(&out).unwrap().remembering(record);
    for (path, text) in files {
        again.put(path, text.as_bytes()).unwrap();
    }
    assert_eq!(again.commit(&output).unwrap(), WriteReport { written: 0, unchanged: 2, removed: 0 });
}

#[test]
fn an_uncommitted_staging_folder_goes_with_the_output_folder_it_made() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let staging = Staging::open(&out).unwrap();
    staging.put("index.html", b"page").unwrap();
    assert!(out.join(STAGING).is_dir());
    drop(staging);
    assert!(!out.exists());
}

#[test]
fn a_commit_that_fails_puts_back_what_it_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    let mut output = Output::default();
    output.files.insert("a.html".into(), FileSource::Bytes(b"one".to_vec().into()));
    Staging::open(out).unwrap().commit(&output).unwrap();
    output.files.insert("a.html".into(), FileSource::Bytes(b"two".to_vec().into()));
    output.files.insert("b/new.html".into(), FileSource::Bytes(b"new".to_vec().into()));
    std::fs::create_dir_all(out.join("c.html")).unwrap();
    output.files.insert("c.html".into(), FileSource::Bytes(b"blocked".to_vec().into()));
    let error = Staging::open(out).unwrap().commit(&output).unwrap_err();
    assert!(error.to_string().contains("a folder is in the way"), "{error}");
    assert_eq!(std::fs::read_to_string(out.join("a.html")).unwrap(), "one");
    assert!(!out.join("b").exists(), "the folder made for b/new.html is removed again");
    assert_eq!(std::fs::read_to_string(out.join(MANIFEST)).unwrap(), "a.html\n");
    assert!(!out.join(STAGING).exists());
}

#[test]
fn a_remembered_output_is_found_unchanged_and_a_damaged_record_only_means_reading() {
    let dir = tempfile::tempdir().unwrap();
    let (out, record) = (dir.path().join("public"), dir.path().join("cache/output.bin"));
    let mut output = Output::default();
    output.files.insert("a.html".into(), FileSource::Bytes(b"one".to_vec().into()));
    let first = Staging::open(&out).unwrap().remembering(record.clone()).commit(&output).unwrap();
    assert_eq!(first, WriteReport { written: 1, unchanged: 0, removed: 0 });
    // Stamps taken in the tick of the write are not trusted: wait for the clock to move on.
    std::thread::sleep(std::time::Duration::from_millis(30));
    Staging::open(&out).unwrap().remembering(record.clone()).commit(&output).unwrap();
    let kept = super::super::stamps::Record::load(&record);
    assert!(kept.known.contains_key("a.html"), "the file's stamp is recorded");
    std::fs::write(&record, b"folio-stamps v1\ngarbage").unwrap();
    assert!(super::super::stamps::Record::load(&record).known.is_empty());
    output.files.insert("a.html".into(), FileSource::Bytes(b"two".to_vec().into()));
    let changed = Staging::open(&out).unwrap().remembering(record.clone()).commit(&output).unwrap();
    assert_eq!(changed, WriteReport { written: 1, unchanged: 0, removed: 0 });
    assert_eq!(std::fs::read_to_string(out.join("a.html")).unwrap(), "two");
}
