//! One page's index terms, packed: a 10,000-page site has about two million (term, page) pairs
//! waiting to be merged, and a map of strings per page cost about 110 bytes a pair (the search
//! index was 400 MB of a build's peak memory). Here a pair costs 12 bytes: the term, its score and
//! its spelling, by their numbers in the vocabulary.

use super::vocabulary::TermId;

/// A page's terms, each with its weighted score and the word the page wrote for it, in the order the
/// page first reached them: a full build's merge takes them in any order, so only a patch (a few
/// edited pages) sorts them, by `sorted`. Sorting every page's terms was 4 % of the index's work.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct PageTerms {
    slots: Box<[Slot]>,
}

/// A term, its score and its spelling: `SAME`, `NONE` or the number of the word written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    pub term: TermId,
    pub score: u32,
    pub spelling: TermId,
}

/// Spellings that are not another word's number.
pub const NONE: TermId = TermId::MAX;
pub const SAME: TermId = TermId::MAX - 1;

/// The word a page writes for a term.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    /// Only reduced forms (a guessed stem) lead to the term.
    None,
    /// The term is written as it is.
    Same,
    /// Another word: for an English stem, the page's most common word for it.
    Other(TermId),
}

impl PageTerms {
    /// Packs slots of distinct terms, in any order.
    pub fn new(slots: Vec<Slot>) -> PageTerms {
        PageTerms { slots: slots.into_boxed_slice() }
    }

    /// Each term with its score and spelling, in the order given to `new`.
    pub fn iter(&self) -> impl Iterator<Item = (TermId, u32, Written)> + '_ {
        self.slots.iter().map(|slot| (slot.term, slot.score, written(slot.spelling)))
    }

    /// The terms in the order of their numbers, for looking them up with `get`.
    pub fn sorted(&self) -> SortedTerms {
        let mut slots = self.slots.to_vec();
        slots.sort_unstable_by_key(|slot| slot.term);
        SortedTerms(slots)
    }
}

/// A page's terms in the order of their numbers.
pub struct SortedTerms(Vec<Slot>);

impl SortedTerms {
    /// Each term with its score and spelling, in order.
    pub fn iter(&self) -> impl Iterator<Item = (TermId, u32, Written)> + '_ {
        self.0.iter().map(|slot| (slot.term, slot.score, written(slot.spelling)))
    }

    /// The score and spelling of `term`, if the page has it.
    pub fn get(&self, term: TermId) -> Option<(u32, Written)> {
        let at = self.0.binary_search_by_key(&term, |slot| slot.term).ok()?;
        let slot = &self.0[at];
        Some((slot.score, written(slot.spelling)))
    }
}

fn written(spelling: TermId) -> Written {
    match spelling {
        NONE => Written::None,
        SAME => Written::Same,
        word => Written::Other(word),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_terms_read_back_as_they_were_given() {
        let slot = |term, score, spelling| Slot { term, score, spelling };
        let packed = PageTerms::new(vec![slot(5, 3, NONE), slot(1, 1, SAME), slot(8, 20, SAME), slot(4, 7, 9)]);
        let read: Vec<(TermId, u32, Written)> = packed.iter().collect();
        assert_eq!(
            read,
            [(5, 3, Written::None), (1, 1, Written::Same), (8, 20, Written::Same), (4, 7, Written::Other(9))]
        );
        let sorted = packed.sorted();
        let read: Vec<(TermId, u32, Written)> = sorted.iter().collect();
        assert_eq!(
            read,
            [(1, 1, Written::Same), (4, 7, Written::Other(9)), (5, 3, Written::None), (8, 20, Written::Same)]
        );
        assert_eq!(sorted.get(4), Some((7, Written::Other(9))));
        assert_eq!(sorted.get(8), Some((20, Written::Same)));
        assert_eq!(sorted.get(1), Some((1, Written::Same)));
        assert_eq!(sorted.get(2), None);
        assert_eq!(sorted.get(9), None);
        assert!(PageTerms::default().sorted().get(1).is_none());
    }
}
