//! Search gaps: queries that found nothing, or whose results nobody opened, grouped by the query as the
//! search index reads it (`analysis`), so `חשבונית`, `החשבונית` and `בחשבוניות` count as one — with the pages
//! readers went on to read instead (`reason: reached`, sent by the next page they opened).

use super::export::Submission;
use super::report::url_path;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// How many of the pages readers reached instead a gap lists.
const REACHED: usize = 5;

/// One query readers searched for without finding what they wanted, all its inflections together.
#[derive(Debug, Clone, Serialize)]
pub struct SearchGap {
    /// The spelling readers used most.
    pub query: String,
    pub lang: String,
    /// Searches that found nothing.
    pub no_results: usize,
    /// Searches whose results were shown but none opened.
    pub not_opened: usize,
    /// Every spelling seen, most used first.
    pub spellings: Vec<String>,
    /// The pages readers opened next instead (URL path and how many readers), most reached first.
    pub reached: Vec<(String, usize)>,
}

impl SearchGap {
    /// "/kb/refunds/ (3), /kb/tax/" — the pages readers reached instead.
    pub fn reached_text(&self) -> String {
        let shown = self.reached.iter().map(|(path, n)| if *n > 1 { format!("{path} ({n})") } else { path.clone() });
        shown.collect::<Vec<_>>().join(", ")
    }
}

/// Searches being grouped: their language, each word's forms so far, and the searches.
type GapGroup<'a> = (String, Vec<BTreeSet<String>>, Vec<&'a Submission>);

/// Search records grouped by language and analysed query; the most missed first. Two searches group
/// together when, word by word, they share a form the search index reads (`החזר מס` and `החזרי מס`).
pub(super) fn search_gaps(searches: &[&Submission]) -> Vec<SearchGap> {
    let mut groups: Vec<GapGroup> = Vec::new();
    for s in searches {
        let lang = s.lang.split('-').next().unwrap_or_default().to_string();
        let words = query_forms(&s.text, &lang);
        if words.is_empty() {
            continue;
        }
        let same = |(l, forms, _): &&mut GapGroup| {
            *l == lang && forms.len() == words.len() && forms.iter().zip(&words).all(|(a, b)| !a.is_disjoint(b))
        };
        match groups.iter_mut().find(|g| same(g)) {
            Some((_, forms, list)) => {
                forms.iter_mut().zip(words).for_each(|(a, b)| a.extend(b));
                list.push(s);
            }
            None => groups.push((lang, words, vec![s])),
        }
    }
    let mut gaps: Vec<SearchGap> = groups.into_iter().filter_map(|(lang, _, list)| gap(lang, &list)).collect();
    gaps.sort_by(|a, b| {
        (b.no_results, b.not_opened).cmp(&(a.no_results, a.not_opened)).then_with(|| a.query.cmp(&b.query))
    });
    gaps
}

/// One group's counts, spellings and the pages its readers reached; `None` when only "reached" records
/// are left (their gap report was lost or edited out): there is nothing to count.
fn gap(lang: String, list: &[&Submission]) -> Option<SearchGap> {
    let (reached, asked): (Vec<&Submission>, Vec<&Submission>) = list.iter().partition(|s| s.reason == "reached");
    let spelling = |s: &Submission| s.text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut spellings: BTreeMap<String, usize> = BTreeMap::new();
    for s in &asked {
        *spellings.entry(spelling(s)).or_default() += 1;
    }
    let mut spellings: Vec<(String, usize)> = spellings.into_iter().collect();
    // The most used spelling names the group; among equals, the first seen in the export.
    let first_seen = |q: &str| asked.iter().position(|s| spelling(s) == q);
    spellings.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| first_seen(&a.0).cmp(&first_seen(&b.0))));
    let no_results = asked.iter().filter(|s| s.reason == "no_results").count();
    Some(SearchGap {
        query: spellings.first()?.0.clone(),
        lang,
        no_results,
        not_opened: asked.len() - no_results,
        spellings: spellings.into_iter().map(|(s, _)| s).collect(),
        reached: most_reached(&reached),
    })
}

/// The pages reached instead, by URL path, most reached first (then by path), at most `REACHED`.
fn most_reached(reached: &[&Submission]) -> Vec<(String, usize)> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for s in reached {
        *counts.entry(url_path(&s.url)).or_default() += 1;
    }
    let mut counts: Vec<(String, usize)> = counts.into_iter().collect();
    counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    counts.truncate(REACHED);
    counts
}

/// Each word of a query with the forms the search index reads it as (a Hebrew word with and without its
/// prefix letters and endings, an English or Russian word's stem); stop words left out.
pub fn query_forms(query: &str, lang: &str) -> Vec<BTreeSet<String>> {
    crate::analysis::analyze(query, lang)
        .into_iter()
        .filter(|w| !w.forms.is_empty())
        .map(|w| w.forms.into_iter().map(|f| f.term).chain(std::iter::once(w.normal)).collect())
        .collect()
}
