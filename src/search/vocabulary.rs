//! Every term and written word the index has met, numbered: pages keep their terms as numbers, so
//! that weighing a page's words and merging 10,000 pages' postings compare and hash integers
//! instead of strings. The numbers are the process's own (one table for every build, site and
//! thread, never reset), and nothing written to disk depends on them: the files are made from the
//! strings, sorted as the browser sorts them.

use rustc_hash::FxHashMap as HashMap;
use std::sync::{Arc, LazyLock, Mutex};

/// A term's or word's number in the vocabulary.
pub type TermId = u32;

#[derive(Default)]
struct Table {
    ids: HashMap<Arc<str>, TermId>,
    /// Shared with the builds' `Names`: a snapshot is one count, not a copy of 100,000 names (whose
    /// fresh memory the kernel zeroed on every rebuild). Numbering a word while a snapshot is out
    /// copies the list once (`Arc::make_mut`); builds drop theirs when their index is made.
    names: Arc<Vec<Arc<str>>>,
}

/// Locked only to number a word seen for the first time on a thread (see `words`) and to copy the
/// names out: never while other work waits on the thread pool.
static TABLE: LazyLock<Mutex<Table>> = LazyLock::new(Default::default);

/// The numbers of `terms`, numbering the new ones.
pub fn intern<'a>(terms: impl IntoIterator<Item = &'a str>) -> Vec<TermId> {
    let mut table = TABLE.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    terms
        .into_iter()
        .map(|term| match table.ids.get(term) {
            Some(&id) => id,
            None => {
                let id = table.names.len() as TermId;
                let name: Arc<str> = Arc::from(term);
                Arc::make_mut(&mut table.names).push(name.clone());
                table.ids.insert(name, id);
                id
            }
        })
        .collect()
}

/// The names of every number given so far, for turning a build's numbers back into text.
#[derive(Clone)]
pub struct Names(Arc<Vec<Arc<str>>>);

impl Names {
    /// The table's names as they are now (shared, not copied): the table itself stays free for other builds.
    pub fn snapshot() -> Names {
        Names(TABLE.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).names.clone())
    }

    /// How many numbers were given.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn get(&self, id: TermId) -> &str {
        &self.0[id as usize]
    }
}
