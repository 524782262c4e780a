//! A per-thread memo of each word's forms: the same words recur on thousands of pages.

use super::Form;

/// Distinct words a build thread remembers the forms of before it starts afresh (bounds memory in a long
/// `folio serve` session; a site's whole vocabulary is usually far smaller).
const MEMO_WORDS: usize = 200_000;

/// Keyed by a fast hash: every word of every page is looked up here, and words are not adversarial input.
type FormsMemo = rustc_hash::FxHashMap<String, std::sync::Arc<[Form]>>;

thread_local! {
    /// One memo per Latin stemmer (see `super::snowball::lang_class`): a word's forms depend on the page's language
    /// only through it.
    static FORMS: std::cell::RefCell<[FormsMemo; super::snowball::LANG_CLASSES]> = std::cell::RefCell::new(Default::default());
}

/// `word_forms`, remembered per thread: the same words recur on thousands of pages, and stemming and
/// prefix expansion cost more than a lookup.
pub fn memo_word_forms(word: &str, lang: &str) -> std::sync::Arc<[Form]> {
    FORMS.with(|memo| {
        let mut memo = memo.borrow_mut();
        let memo = &mut memo[super::snowball::lang_class(lang)];
        if let Some(forms) = memo.get(word) {
            return forms.clone();
        }
        if memo.len() >= MEMO_WORDS {
            memo.clear();
        }
        let forms: std::sync::Arc<[Form]> = super::word_forms(word, lang).into();
        memo.insert(word.to_string(), forms.clone());
        forms
    })
}
