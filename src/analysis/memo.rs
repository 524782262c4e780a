//! A memo of each word's forms, shared by every thread of the process: the same words recur on
//! thousands of pages, and related pages (which meet a site's words first, reading the Markdown)
//! and the search index (reading the HTML's text next) need the forms of the same words.

use super::Form;
use rustc_hash::{FxHashMap, FxHasher};
use std::hash::Hasher;
use std::sync::{Arc, LazyLock, Mutex};

/// Distinct words the memo remembers the forms of before it starts afresh (bounds memory in a long
/// `folio serve` session; a site's whole vocabulary is usually far smaller), counted per shard.
const MEMO_WORDS: usize = 400_000;

/// The memo is split by a hash of the word, so that threads seldom wait on each other's lock.
const SHARDS: usize = 16;

/// Keyed by a fast hash: words are not adversarial input. One map per Latin stemmer (see
/// `super::snowball::lang_class`): a word's forms depend on the page's language only through it.
type Shard = [FxHashMap<Box<str>, Arc<[Form]>>; super::snowball::LANG_CLASSES];

static FORMS: LazyLock<[Mutex<Shard>; SHARDS]> = LazyLock::new(|| std::array::from_fn(|_| Mutex::default()));

/// `word_forms`, remembered for the process: stemming and prefix expansion cost more than a lookup.
/// The forms are worked out outside the lock; two threads meeting a new word at once both work them
/// out, and the first one's are kept (they are the same).
pub fn memo_word_forms(word: &str, lang: &str) -> Arc<[Form]> {
    let class = super::snowball::lang_class(lang);
    let mut hasher = FxHasher::default();
    hasher.write(word.as_bytes());
    let shard = &FORMS[(hasher.finish() >> 32) as usize % SHARDS];
    let lock = || shard.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(forms) = lock()[class].get(word) {
        return forms.clone();
    }
    let forms: Arc<[Form]> = super::word_forms(word, lang).into();
    let mut memo = lock();
    let memo = &mut memo[class];
    if memo.len() >= MEMO_WORDS / SHARDS {
        memo.clear();
    }
    memo.entry(word.into()).or_insert(forms).clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembered_forms_are_the_forms_on_every_thread_and_per_stemmer() {
        let words = ["running", "ללקוחות", "información", "والكتاب", "the", "поиска", "2024"];
        for lang in ["en", "he", "es", "fr-CA"] {
            for word in words {
                let fresh = crate::analysis::word_forms(word, lang);
                assert_eq!(&*memo_word_forms(word, lang), &fresh[..], "{word} on a {lang} page");
                let other = std::thread::spawn(move || memo_word_forms(word, lang).to_vec()).join().unwrap();
                assert_eq!(other, fresh, "{word} on a {lang} page, another thread");
            }
        }
        // Spanish and English stem differently: the memo keeps them apart.
        assert_ne!(&*memo_word_forms("informaciones", "es"), &*memo_word_forms("informaciones", "en"));
    }
}
