//! One page's index terms, packed: a 10,000-page site has about two million (term, page) pairs
//! waiting to be merged, and a map of strings per page cost about 110 bytes a pair (the search
//! index was 400 MB of a build's peak memory). Here a pair costs its text and 16 bytes.

use super::index::Spelling;

/// A page's terms in order, each with its weighted score and the word the page wrote for it.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct PageTerms {
    /// Each term's text, followed by its spelling's when that is another word.
    text: String,
    slots: Vec<Slot>,
}

/// Where a term's text ends (it starts where the previous slot's text ended), where its spelling's
/// text ends, its score and what kind of spelling it has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Slot {
    term_end: u32,
    end: u32,
    score: u32,
    kind: u8,
}

/// The word a page writes for a term, borrowed from `PageTerms`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written<'a> {
    /// Only reduced forms (a guessed stem) lead to the term.
    None,
    /// The term is written as it is.
    Same,
    /// Another word: for an English stem, the page's most common word for it.
    Other(&'a str),
}

const NONE: u8 = 0;
const SAME: u8 = 1;
const OTHER: u8 = 2;

impl PageTerms {
    /// Packs terms given in order (as a `BTreeMap` of them iterates).
    pub fn from_sorted<'a>(terms: impl IntoIterator<Item = (&'a str, &'a (u32, Spelling))>) -> PageTerms {
        let mut packed = PageTerms::default();
        for (term, (score, spelling)) in terms {
            debug_assert!(packed.slots.is_empty() || packed.term(packed.slots.len() - 1) < term);
            packed.text.push_str(term);
            let term_end = packed.text.len() as u32;
            let kind = match spelling {
                Spelling::None => NONE,
                Spelling::Same => SAME,
                Spelling::Other(word) => {
                    packed.text.push_str(word);
                    OTHER
                }
            };
            packed.slots.push(Slot { term_end, end: packed.text.len() as u32, score: *score, kind });
        }
        packed.text.shrink_to_fit();
        packed.slots.shrink_to_fit();
        packed
    }

    /// Each term with its score and spelling, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, u32, Written<'_>)> {
        (0..self.slots.len()).map(|i| self.entry(i))
    }

    /// The score and spelling of `term`, if the page has it.
    pub fn get(&self, term: &str) -> Option<(u32, Written<'_>)> {
        let (mut low, mut high) = (0, self.slots.len());
        while low < high {
            let middle = (low + high) / 2;
            match self.term(middle).cmp(term) {
                std::cmp::Ordering::Less => low = middle + 1,
                std::cmp::Ordering::Greater => high = middle,
                std::cmp::Ordering::Equal => {
                    let (_, score, written) = self.entry(middle);
                    return Some((score, written));
                }
            }
        }
        None
    }

    fn entry(&self, i: usize) -> (&str, u32, Written<'_>) {
        let slot = &self.slots[i];
        let written = match slot.kind {
            SAME => Written::Same,
            OTHER => Written::Other(&self.text[slot.term_end as usize..slot.end as usize]),
            _ => Written::None,
        };
        (self.term(i), slot.score, written)
    }

    /// The text of the `i`th term: it starts where the previous slot's text ended.
    fn term(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.slots[i - 1].end as usize };
        &self.text[start..self.slots[i].term_end as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn packed_terms_read_back_as_they_were_given() {
        let mut map: BTreeMap<String, (u32, Spelling)> = BTreeMap::new();
        map.insert("invoic".into(), (7, Spelling::Other("invoices".into())));
        map.insert("חשבונית".into(), (20, Spelling::Same));
        map.insert("בחשבונית".into(), (3, Spelling::None));
        map.insert("a".into(), (1, Spelling::Same));
        let packed = PageTerms::from_sorted(map.iter().map(|(term, value)| (term.as_str(), value)));
        let read: Vec<(&str, u32, Written)> = packed.iter().collect();
        assert_eq!(
            read,
            [
                ("a", 1, Written::Same),
                ("invoic", 7, Written::Other("invoices")),
                ("בחשבונית", 3, Written::None),
                ("חשבונית", 20, Written::Same),
            ]
        );
        assert_eq!(packed.get("invoic"), Some((7, Written::Other("invoices"))));
        assert_eq!(packed.get("חשבונית"), Some((20, Written::Same)));
        assert_eq!(packed.get("a"), Some((1, Written::Same)));
        assert_eq!(packed.get("invoice"), None);
        assert_eq!(packed.get(""), None);
        assert!(PageTerms::default().get("a").is_none());
    }
}
