use super::*;

#[test]
fn unchanged_bytes_are_noted_not_staged() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    std::fs::create_dir_all(out.join("a")).unwrap();
    std::fs::write(out.join("a/index.html"), "same").unwrap();
    let staging = Staging::open(&out).unwrap();
    assert_eq!(staging.put("a/index.html", b"same").unwrap(), out.join("a/index.html"));
    let changed = staging.put("b/index.html", b"new").unwrap();
    assert!(changed.starts_with(out.join(STAGING)));
    assert_eq!(std::fs::read_dir(out.join(STAGING)).unwrap().count(), 1, "only the new file is staged");
    assert!(staging.put("../x", b"x").is_err(), "paths cannot climb out");
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
