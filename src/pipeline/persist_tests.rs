use super::*;
use crate::memo::checksum;

fn store(root: &Path) -> StageStore {
    StageStore::open(root, "").expect("the test binary can be read")
}

fn entry(root: &Path) -> PathBuf {
    root.join(CACHE_DIR).join("words.bin")
}

#[test]
fn a_stored_result_is_reused_for_the_same_key_only() {
    let dir = tempfile::tempdir().unwrap();
    let words = || vec!["one".to_string(), "two".to_string()];
    assert_eq!(store(dir.path()).get_or_compute("words", 1, words), words());
    assert!(entry(dir.path()).is_file());
    // The checked mode computes a reused result again: a closure that counts shows the reuse.
    let mut computed = 0;
    let reused = store(dir.path()).get_or_compute("words", 1, || {
        computed += 1;
        words()
    });
    assert_eq!(reused, words());
    assert_eq!(computed, usize::from(checking()));
    let other = store(dir.path()).get_or_compute("words", 2, || vec!["three".to_string()]);
    assert_eq!(other, vec!["three".to_string()]);
}

#[test]
fn a_damaged_entry_is_computed_again_and_rewritten() {
    let dir = tempfile::tempdir().unwrap();
    let words = || vec!["one".to_string(); 100];
    store(dir.path()).get_or_compute("words", 7, words);
    let whole = std::fs::read(entry(dir.path())).unwrap();
    let mut flipped = whole.clone();
    let last = flipped.len() - 3;
    flipped[last] ^= 0x20;
    for damaged in [whole[..whole.len() / 2].to_vec(), flipped, Vec::new(), b"garbage".to_vec()] {
        std::fs::write(entry(dir.path()), &damaged).unwrap();
        let store = store(dir.path());
        assert_eq!(store.load::<Vec<String>>(&entry(dir.path()), 7), None);
        assert_eq!(store.get_or_compute("words", 7, words), words());
        assert_eq!(std::fs::read(entry(dir.path())).unwrap(), whole, "rewritten whole");
    }
}

#[test]
fn an_entry_with_bytes_after_its_payload_is_not_read() {
    let dir = tempfile::tempdir().unwrap();
    store(dir.path()).get_or_compute("words", 7, || vec![1u32, 2, 3]);
    let mut longer = std::fs::read(entry(dir.path())).unwrap();
    longer.push(0);
    std::fs::write(entry(dir.path()), &longer).unwrap();
    assert_eq!(store(dir.path()).load::<Vec<u32>>(&entry(dir.path()), 7), None);
}

#[test]
fn the_checksum_of_bytes_in_pieces_is_the_checksum_of_the_whole() {
    let bytes: Vec<u8> = (0..1000u32).map(|i| (i * 7 + i / 13) as u8).collect();
    for cuts in [vec![], vec![1], vec![3, 8, 9], vec![7, 16, 17, 500, 999], (1..1000).step_by(3).collect()] {
        let mut sum = Checksum::default();
        let mut start = 0;
        for cut in cuts.into_iter().chain([bytes.len()]) {
            sum.add(&bytes[start..cut]);
            start = cut;
        }
        assert_eq!(sum.finish(), checksum(&bytes));
    }
    assert_ne!(checksum(&bytes), checksum(&bytes[..999]));
    assert_ne!(checksum(b"ab"), checksum(b"ab\0"), "the length counts, not only the padded words");
}

#[test]
fn the_checksum_is_four_fxhash_lanes_over_padded_blocks_then_the_length_mixed() {
    // The format stored entries are written with, spelled out slowly as a reference: word `k` of
    // each zero-padded 32-byte block goes to lane `k`; the lanes, then the length, are folded into
    // one FxHash value, which murmur3's final mix spreads.
    let step = |sum: u64, word: u64| (sum.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    let reference = |bytes: &[u8]| {
        let mut lanes = [0x243f_6a88_85a3_08d3u64, 0x1319_8a2e_0370_7344, 0xa409_3822_299f_31d0, 0x082e_fa98_ec4e_6c89];
        for block in bytes.chunks(32) {
            let mut padded = [0u8; 32];
            padded[..block.len()].copy_from_slice(block);
            for (k, lane) in lanes.iter_mut().enumerate() {
                *lane = step(*lane, u64::from_le_bytes(padded[8 * k..8 * k + 8].try_into().unwrap()));
            }
        }
        let folded = lanes.iter().fold(0, |sum, &lane| step(sum, lane));
        let mut sum = step(folded, bytes.len() as u64);
        sum ^= sum >> 33;
        sum = sum.wrapping_mul(0xff51_afd7_ed55_8ccd);
        sum ^ (sum >> 33)
    };
    let bytes: Vec<u8> = (0..300u32).map(|i| (i * 31 + i / 7) as u8).collect();
    for len in [0, 1, 7, 8, 9, 16, 23, 31, 32, 33, 64, 65, 300] {
        assert_eq!(checksum(&bytes[..len]), reference(&bytes[..len]), "{len} bytes");
        // In pieces that leave a word part-filled, then start on a whole one.
        let mut sum = Checksum::default();
        let (a, b) = bytes[..len].split_at(len.min(3));
        let (b, c) = b.split_at(b.len().min(13));
        for piece in [a, b, c] {
            sum.add(piece);
        }
        assert_eq!(sum.finish(), reference(&bytes[..len]), "{len} bytes in pieces");
    }
}

#[test]
fn an_entry_is_its_header_and_the_bincode_bytes_of_its_value() {
    let dir = tempfile::tempdir().unwrap();
    let value = vec!["one".to_string(), "שתיים".to_string()];
    store(dir.path()).get_or_compute("words", 9, || value.clone());
    let written = std::fs::read(entry(dir.path())).unwrap();
    let payload = bincode::serialize(&value).unwrap();
    assert_eq!(&written[..MAGIC.len()], MAGIC);
    assert_eq!(&written[HEADER..], &payload[..]);
    let number = |i: usize| u64::from_le_bytes(written[MAGIC.len() + i * 8..][..8].try_into().unwrap());
    assert_eq!((number(1), number(2), number(3)), (9, payload.len() as u64, checksum(&payload)));
}

#[test]
fn an_entry_of_another_folio_is_not_read() {
    let dir = tempfile::tempdir().unwrap();
    store(dir.path()).get_or_compute("words", 7, || vec![1u32, 2, 3]);
    let other = StageStore { identity: store(dir.path()).identity ^ 1, ..store(dir.path()) };
    assert_eq!(other.load::<Vec<u32>>(&entry(dir.path()), 7), None);
    assert_eq!(store(dir.path()).load::<Vec<u32>>(&entry(dir.path()), 7), Some(vec![1, 2, 3]));
}

#[test]
fn an_unwritable_cache_folder_only_means_computing() {
    let dir = tempfile::tempdir().unwrap();
    // A file where the cache folder should be: nothing can be stored under it.
    std::fs::write(dir.path().join(".folio-cache"), "not a folder").unwrap();
    let store = store(dir.path());
    assert_eq!(store.get_or_compute("words", 1, || vec![5u8]), vec![5u8]);
    assert_eq!(store.get_or_compute("words", 1, || vec![5u8]), vec![5u8]);
    assert!(store.used_entries().is_empty(), "nothing stored, nothing to keep");
}

#[test]
fn entries_of_each_language_are_kept_apart() {
    let dir = tempfile::tempdir().unwrap();
    let french = StageStore::open(dir.path(), "fr/").unwrap();
    french.get_or_compute("search", 1, || vec![1u8]);
    assert_eq!(french.used_entries(), vec![dir.path().join(CACHE_DIR).join("search-fr.bin")]);
}

#[test]
fn blobs_round_trip_as_bytes() {
    let blob = Blob((0..=255).collect::<Vec<u8>>().into());
    let bytes = bincode::serialize(&blob).unwrap();
    assert_eq!(bytes.len(), 8 + 256);
    assert_eq!(bincode::deserialize::<Blob>(&bytes).unwrap(), blob);
}

#[test]
#[should_panic(expected = "the words stage's entry")]
fn checked_mode_catches_a_stored_result_its_key_does_not_cover() {
    assert!(checking(), "unit tests run with the checked mode on");
    let dir = tempfile::tempdir().unwrap();
    store(dir.path()).get_or_compute("words", 1, || vec![1u8]);
    // Same key, another result: an input the key missed has changed.
    store(dir.path()).get_or_compute("words", 1, || vec![2u8]);
}

#[test]
fn bytes_stored_after_the_entries_are_left_in_the_file_and_checked() {
    use std::io::{Read, Seek, SeekFrom};
    let dir = tempfile::tempdir().unwrap();
    let entries = vec![(1u64, "a".to_string()), (2, "b".to_string())];
    store(dir.path()).store_entries_with_tail("words", &entries, |out| out.write_all(b"<p>tail</p>"));
    let path = entry(dir.path());
    let (loaded, (mut file, offset)) = store(dir.path()).load_entries_with_tail::<Vec<(u64, String)>>("words").unwrap();
    assert_eq!(loaded, entries);
    let mut tail = String::new();
    file.seek(SeekFrom::Start(offset)).unwrap();
    file.read_to_string(&mut tail).unwrap();
    assert_eq!(tail, "<p>tail</p>");
    // A byte changed in the tail fails the entry's checksum: the entry is not taken.
    let mut flipped = std::fs::read(&path).unwrap();
    let last = flipped.len() - 2;
    flipped[last] ^= 0x20;
    std::fs::write(&path, &flipped).unwrap();
    assert!(store(dir.path()).load_entries_with_tail::<Vec<(u64, String)>>("words").is_none());
}

#[test]
fn a_file_read_in_pieces_has_the_checksum_of_its_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let bytes: Vec<u8> = (0..200_003u32).map(|i| (i * 31 + i / 7) as u8).collect();
    std::fs::write(dir.path().join("exe"), &bytes).unwrap();
    let mut file = std::fs::File::open(dir.path().join("exe")).unwrap();
    assert_eq!(checksum_of_reader(&mut file), Some(checksum(&bytes)));
    let record = dir.path().join("executable.bin");
    assert_eq!(checksum_by_stamp(&dir.path().join("missing"), &record, std::time::Duration::ZERO), None);
}

#[test]
fn a_file_checksum_is_kept_by_its_stamp_and_read_again_when_the_file_changes() {
    let dir = tempfile::tempdir().unwrap();
    let (file, record) = (dir.path().join("folio"), dir.path().join("cache/executable.bin"));
    std::fs::write(&file, b"the first executable").unwrap();
    let first = checksum(b"the first executable");
    // Not yet settled: the sum is not kept, as a write in the same tick could not be told apart.
    assert_eq!(checksum_by_stamp(&file, &record, std::time::Duration::from_secs(3600)), Some(first));
    assert!(!record.exists());
    assert_eq!(checksum_by_stamp(&file, &record, std::time::Duration::ZERO), Some(first));
    assert!(record.is_file());
    let stamp = file_stamp(&std::fs::metadata(&file).unwrap()).unwrap();
    assert_eq!(read_kept_checksum(&record, stamp), Some(first));
    assert_eq!(checksum_by_stamp(&file, &record, std::time::Duration::ZERO), Some(first));
    // Rewritten in place, even with its old modification time: the change time moved, so it is read again.
    let modified = std::fs::metadata(&file).unwrap().modified().unwrap();
    std::fs::write(&file, b"the other executable").unwrap();
    std::fs::File::options().write(true).open(&file).unwrap().set_modified(modified).unwrap();
    assert_eq!(checksum_by_stamp(&file, &record, std::time::Duration::ZERO), Some(checksum(b"the other executable")));
    // A damaged record is not trusted.
    let mut damaged = std::fs::read(&record).unwrap();
    let last = damaged.len() - 1;
    damaged[last] ^= 1;
    std::fs::write(&record, &damaged).unwrap();
    let stamp = file_stamp(&std::fs::metadata(&file).unwrap()).unwrap();
    assert_eq!(read_kept_checksum(&record, stamp), None);
}

#[test]
#[should_panic(expected = "is stale; its stamp misses a change")]
fn the_checked_mode_catches_a_stale_kept_checksum() {
    assert!(checking(), "unit tests run with the checked mode on");
    let dir = tempfile::tempdir().unwrap();
    let (file, record) = (dir.path().join("folio"), dir.path().join("executable.bin"));
    std::fs::write(&file, b"the executable").unwrap();
    let stamp = file_stamp(&std::fs::metadata(&file).unwrap()).unwrap();
    keep_checksum(&record, stamp, checksum(b"another executable"));
    checksum_by_stamp(&file, &record, std::time::Duration::ZERO);
}
