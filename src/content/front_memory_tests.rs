use super::*;
use crate::content::front_matter::{front_text_start, parse_page_owned};
use std::path::Path;

/// Parses `text` and keeps it as `front_memory` would; then recalls it from a fresh copy of the text.
fn kept_and_recalled(text: &str) -> (Parsed, Option<Parsed>) {
    let path = Path::new("content/a.md");
    let mut warnings = Vec::new();
    let parsed = parse_page_owned(text.to_string(), path, &mut warnings).expect("parses");
    assert!(warnings.is_empty(), "{warnings:?}");
    let stored = StoredPage::keep(&parsed, front_text_start(text), text.len() - parsed.body.len());
    let mut memory = FrontMemory::default();
    assert!(memory.renew(&[7], vec![(7, stored)]), "a new entry changes the memory");
    // Through the encoding `folio build` keeps it in.
    let bytes = bincode::serialize(&memory).expect("encodes");
    let memory: FrontMemory = bincode::deserialize(&bytes).expect("decodes");
    let mut copy = text.to_string();
    let recalled = memory.recall(7, &mut copy);
    (parsed, recalled)
}

#[test]
fn every_kind_of_front_matter_comes_back_as_parsed() {
    for text in [
        "---\ntitle: Hi\ndate: 2026-03-01\ntags: [a, b]\n---\n# Body\n",
        "\u{feff}---\ntitle: שלום\ndate: 2026-03-01T09:30:00+02:00\nupdated: git\n---\nשלום\n",
        "---\nauthors: [dana, {name: Dana Levi, title: CEO, links: [{name: Site, url: /x}]}]\nauthor: noa\n---\nx",
        "---\nreview_every: 6m\nreview_by: 2026-05-01 10:00:00 +0300\nsource: community\nweight: -3\n---\n",
        "---\nhero: {colour: red, sizes: [1, -2, 2.5, 18446744073709551615]}\nflag: null\n---\nbody",
        "---\nlinks: [{name: A, url: /a}]\nexpires: 2030-01-01 08:00\nverified_on: 2025-01-01\n---\n",
        "+++\ntitle = \"T\"\ndate = 2026-01-02\n+++\nx",
        "---\n---\nempty front matter\n",
        "# No front matter at all\n",
    ] {
        let (parsed, recalled) = kept_and_recalled(text);
        let recalled = recalled.unwrap_or_else(|| panic!("not recalled: {text:?}"));
        assert_eq!(format!("{recalled:?}"), format!("{parsed:?}"), "{text:?}");
    }
}

#[test]
fn an_entry_that_does_not_fit_the_text_is_not_recalled() {
    let text = "---\ntitle: Hi\n---\nשלום\n";
    let parsed = parse_page_owned(text.to_string(), Path::new("a.md"), &mut Vec::new()).unwrap();
    let body_start = text.len() - parsed.body.len();
    let mut memory = FrontMemory::default();
    // A body inside a character, and front matter past the text's end: parsed, not a panic.
    let inside = StoredPage::keep(&parsed, front_text_start(text), body_start + 1);
    let mut past = StoredPage::keep(&parsed, front_text_start(text), body_start);
    past.front_text.1 = 10_000;
    memory.renew(&[1, 2], vec![(1, inside), (2, past)]);
    let mut copy = text.to_string();
    assert!(memory.recall(1, &mut copy).is_none());
    assert!(memory.recall(2, &mut copy).is_none());
    assert!(memory.recall(3, &mut copy).is_none(), "an unknown page");
    assert_eq!(copy, text, "the text is left whole for parsing");
}

#[test]
fn dates_and_cadences_out_of_range_do_not_convert_back() {
    let bad = StoredDate { year: 2026, ordinal: 1, nanoseconds_of_day: 86_400 * 1_000_000_000, offset_seconds: 0 };
    assert!(bad.restore().is_none());
    let offset = StoredDate { year: 2026, ordinal: 1, nanoseconds_of_day: 0, offset_seconds: 200_000 };
    assert!(offset.restore().is_none());
    assert!(restore_cadence(Some((3, 9))).is_none());
    assert_eq!(restore_cadence(None), Some(None));
}

#[test]
fn renewing_keeps_only_this_builds_pages_and_says_when_it_changed() {
    let text = "---\ntitle: Hi\n---\nx";
    let parsed = parse_page_owned(text.to_string(), Path::new("a.md"), &mut Vec::new()).unwrap();
    let entry = || StoredPage::keep(&parsed, front_text_start(text), text.len() - parsed.body.len());
    let mut memory = FrontMemory::default();
    assert!(memory.renew(&[1, 2], vec![(1, entry()), (2, entry())]));
    assert!(!memory.renew(&[1, 2], vec![]), "the same pages, all recalled: nothing to write");
    assert!(memory.renew(&[1], vec![]), "a page removed");
    assert_eq!(memory.len(), 1);
}
