//! Front matter as an earlier `folio build` parsed it, so that building an unchanged site again
//! does not parse every page's YAML again (at 10,000 pages that was a third of a no-change build).
//!
//! Each entry is kept under the page's `fingerprint` — a digest of the file's path and its whole
//! text — and parsing depends on nothing else (the front-matter keys Folio knows are fixed in the
//! binary, and `folio build` keeps the memory with this very binary's identity, see
//! `pipeline::persist`). So an entry found for a page is the parse of the same bytes: correct by
//! construction. The checked mode (see `memo`) parses every remembered page again and panics if
//! the two differ.
//!
//! The parsed values are kept in a plain form of their own (`Stored*`) rather than through their
//! YAML readers: those ask the format what comes next (`deserialize_any`), which a compact binary
//! encoding cannot answer. Converting takes every field by name, so a field added to
//! `FrontMatter` does not compile until it is kept here too. A stored value that does not convert
//! back (a date out of range, offsets outside the text) is not an error: the page is parsed.
//! Pages with warnings are not remembered; they are rare, and their messages are always fresh.

use super::authors::{AuthorFields, AuthorList, AuthorRef};
use super::body::Body;
use super::dates::PageDate;
use super::front_matter::{ContentSource, FrontMatter, Parsed};
use crate::config::{Cadence, CadenceUnit, MenuItem};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use time::{Date, PrimitiveDateTime, Time, UtcOffset};

/// Parsed front matter by page fingerprint (see the module comment).
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct FrontMemory {
    entries: FxHashMap<u64, StoredPage>,
}

/// One page's file taken apart, without its body: where the body starts in the file's text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredPage {
    front: StoredFront,
    extra: Vec<(String, StoredValue)>,
    /// Where `front_text` is in the file's text.
    front_text: (u64, u64),
    body_start: u64,
    body_line: u64,
}

impl FrontMemory {
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The page with fingerprint `key` and text `text` as it was parsed before, its body taken from
    /// `text`; `None` when it was not, or the entry does not fit the text.
    pub fn recall(&self, key: u64, text: &mut String) -> Option<Parsed> {
        let stored = self.entries.get(&key)?;
        let (start, end) = stored.front_text;
        let front_text = text.get(usize::try_from(start).ok()?..usize::try_from(end).ok()?)?.to_string();
        let body_start = usize::try_from(stored.body_start).ok()?;
        if !text.is_char_boundary(body_start) {
            return None;
        }
        let mut body = std::mem::take(text);
        body.drain(..body_start);
        self.recall_front(key, front_text, |_| body.into())
    }

    /// The page with fingerprint `key` as it was parsed before, with `front_text` (the part of its
    /// text the entry says) and the body `body` makes of where in the file's text it starts.
    pub fn recall_front(&self, key: u64, front_text: String, body: impl FnOnce(usize) -> Body) -> Option<Parsed> {
        let stored = self.entries.get(&key)?;
        let front = stored.front.clone().restore()?;
        let extra = stored.extra.iter().map(|(k, v)| Some((k.clone(), v.restore()?))).collect::<Option<_>>()?;
        let body_line = usize::try_from(stored.body_line).ok()?;
        let body_start = usize::try_from(stored.body_start).ok()?;
        Some(Parsed { front, extra, front_text, body: body(body_start), body_line })
    }

    /// Whether the memory holds the page with fingerprint `key`.
    pub fn holds(&self, key: u64) -> bool {
        self.entries.contains_key(&key)
    }

    /// Keeps exactly the entries of `keys` (this build's pages) — those it had, and `fresh` ones —
    /// for the next build; whether that changed what it holds.
    pub fn renew(&mut self, keys: &[u64], fresh: Vec<(u64, StoredPage)>) -> bool {
        let had = self.entries.len();
        let added = fresh.len();
        self.entries.extend(fresh);
        let wanted: rustc_hash::FxHashSet<u64> = keys.iter().copied().collect();
        self.entries.retain(|key, _| wanted.contains(key));
        // Fresh entries are for keys the memory did not hold, so nothing changed only when none
        // was added and none removed.
        added > 0 || self.entries.len() != had
    }
}

impl StoredPage {
    /// `parsed` in a form that can be kept: its front matter started at `front_start` in the
    /// file's text (see `front_matter::front_text_start`), its body at `body_start`.
    pub fn keep(parsed: &Parsed, front_start: usize, body_start: usize) -> StoredPage {
        let front_end = front_start + parsed.front_text.len();
        let front_text = if parsed.front_text.is_empty() { (0, 0) } else { (front_start as u64, front_end as u64) };
        StoredPage {
            front: StoredFront::keep(&parsed.front),
            extra: parsed.extra.iter().map(|(k, v)| (k.clone(), StoredValue::keep(v))).collect(),
            front_text,
            body_start: body_start as u64,
            body_line: parsed.body_line as u64,
        }
    }
}

/// A JSON value (`page.extra`) kept exactly: numbers as the very integer or float they were.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
enum StoredValue {
    Null,
    Bool(bool),
    Unsigned(u64),
    Signed(i64),
    Float(f64),
    Text(String),
    List(Vec<StoredValue>),
    Map(Vec<(String, StoredValue)>),
}

impl StoredValue {
    fn keep(value: &serde_json::Value) -> StoredValue {
        use serde_json::Value;
        match value {
            Value::Null => StoredValue::Null,
            Value::Bool(b) => StoredValue::Bool(*b),
            Value::Number(n) => match (n.as_u64(), n.as_i64(), n.as_f64()) {
                (Some(u), _, _) => StoredValue::Unsigned(u),
                (None, Some(i), _) => StoredValue::Signed(i),
                (None, None, Some(f)) => StoredValue::Float(f),
                (None, None, None) => StoredValue::Null,
            },
            Value::String(s) => StoredValue::Text(s.clone()),
            Value::Array(items) => StoredValue::List(items.iter().map(StoredValue::keep).collect()),
            Value::Object(map) => {
                StoredValue::Map(map.iter().map(|(k, v)| (k.clone(), StoredValue::keep(v))).collect())
            }
        }
    }

    fn restore(&self) -> Option<serde_json::Value> {
        use serde_json::Value;
        Some(match self {
            StoredValue::Null => Value::Null,
            StoredValue::Bool(b) => Value::Bool(*b),
            StoredValue::Unsigned(u) => Value::Number((*u).into()),
            StoredValue::Signed(i) => Value::Number((*i).into()),
            StoredValue::Float(f) => Value::Number(serde_json::Number::from_f64(*f)?),
            StoredValue::Text(s) => Value::String(s.clone()),
            StoredValue::List(items) => Value::Array(items.iter().map(StoredValue::restore).collect::<Option<_>>()?),
            StoredValue::Map(map) => {
                Value::Object(map.iter().map(|(k, v)| Some((k.clone(), v.restore()?))).collect::<Option<_>>()?)
            }
        })
    }
}

/// A moment with its own offset: calendar day, time of day, offset in seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct StoredDate {
    year: i32,
    ordinal: u16,
    nanoseconds_of_day: u64,
    offset_seconds: i32,
}

impl StoredDate {
    fn keep(date: &PageDate) -> StoredDate {
        let moment = date.0;
        let (hour, minute, second, nano) = moment.time().as_hms_nano();
        let nanoseconds_of_day =
            ((u64::from(hour) * 60 + u64::from(minute)) * 60 + u64::from(second)) * 1_000_000_000 + u64::from(nano);
        StoredDate {
            year: moment.year(),
            ordinal: moment.ordinal(),
            nanoseconds_of_day,
            offset_seconds: moment.offset().whole_seconds(),
        }
    }

    fn restore(self) -> Option<PageDate> {
        let day = Date::from_ordinal_date(self.year, self.ordinal).ok()?;
        let seconds = self.nanoseconds_of_day / 1_000_000_000;
        let nano = u32::try_from(self.nanoseconds_of_day % 1_000_000_000).ok()?;
        let (hour, minute, second) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
        let time = Time::from_hms_nano(u8::try_from(hour).ok()?, minute as u8, second as u8, nano).ok()?;
        let offset = UtcOffset::from_whole_seconds(self.offset_seconds).ok()?;
        Some(PageDate(PrimitiveDateTime::new(day, time).assume_offset(offset)))
    }
}

fn keep_date(date: &Option<PageDate>) -> Option<StoredDate> {
    date.as_ref().map(StoredDate::keep)
}

/// `Some(None)` for no date, `None` for a stored date that does not convert back.
fn restore_date(date: Option<StoredDate>) -> Option<Option<PageDate>> {
    match date {
        None => Some(None),
        Some(date) => date.restore().map(Some),
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
enum StoredAuthor {
    Text(String),
    Inline(StoredPerson),
}

/// `AuthorFields` without the Docusaurus keys it reads and ignores.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct StoredPerson {
    name: Option<String>,
    role: Option<String>,
    photo: Option<String>,
    url: Option<String>,
    bio: Option<String>,
    links: Vec<(String, String)>,
}

fn keep_authors(list: &Option<AuthorList>) -> Option<Vec<StoredAuthor>> {
    let keep = |author: &AuthorRef| match author {
        AuthorRef::Text(text) => StoredAuthor::Text(text.clone()),
        AuthorRef::Inline(fields) => {
            let (name, role, photo, url, bio, links) = fields.clone().into_parts();
            StoredPerson { name, role, photo, url, bio, links: keep_links(&links) }.into()
        }
    };
    list.as_ref().map(|list| list.0.iter().map(keep).collect())
}

impl From<StoredPerson> for StoredAuthor {
    fn from(person: StoredPerson) -> StoredAuthor {
        StoredAuthor::Inline(person)
    }
}

fn restore_authors(list: Option<Vec<StoredAuthor>>) -> Option<AuthorList> {
    let restore = |author: StoredAuthor| match author {
        StoredAuthor::Text(text) => AuthorRef::Text(text),
        StoredAuthor::Inline(p) => {
            AuthorRef::Inline(AuthorFields::from_parts((p.name, p.role, p.photo, p.url, p.bio, restore_links(p.links))))
        }
    };
    list.map(|list| AuthorList(list.into_iter().map(restore).collect()))
}

fn keep_links(links: &[MenuItem]) -> Vec<(String, String)> {
    links.iter().map(|l| (l.name.clone(), l.url.clone())).collect()
}

fn restore_links(links: Vec<(String, String)>) -> Vec<MenuItem> {
    links.into_iter().map(|(name, url)| MenuItem { name, url }).collect()
}

fn keep_cadence(cadence: &Option<Cadence>) -> Option<(u16, u8)> {
    let unit = |unit: CadenceUnit| match unit {
        CadenceUnit::Days => 0,
        CadenceUnit::Weeks => 1,
        CadenceUnit::Months => 2,
        CadenceUnit::Years => 3,
    };
    cadence.map(|c| (c.count, unit(c.unit)))
}

/// `Some(None)` for no cadence, `None` for a unit this Folio does not know.
fn restore_cadence(cadence: Option<(u16, u8)>) -> Option<Option<Cadence>> {
    let Some((count, unit)) = cadence else { return Some(None) };
    let unit = match unit {
        0 => CadenceUnit::Days,
        1 => CadenceUnit::Weeks,
        2 => CadenceUnit::Months,
        3 => CadenceUnit::Years,
        _ => return None,
    };
    Some(Some(Cadence { count, unit }))
}

#[path = "front_memory_fields.rs"]
mod fields;
use fields::StoredFront;

#[cfg(test)]
#[path = "front_memory_tests.rs"]
mod tests;
