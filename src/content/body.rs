//! A page's text below its front matter, read from its file only when a stage needs it.
//!
//! `folio build` trusts a page file whose stamp is the one the last build recorded (see
//! `trusted`): its front matter and fingerprint come from the build cache, and its body is read
//! only when something uses it — a Markdown text rendered again, related pages computed again.
//! A rebuild with nothing changed then reads no page at all.
//!
//! A late read checks the file's fingerprint against the one the page was trusted with. A file
//! changed after the build looked at it (an edit during the build) reads as empty and is listed in
//! the build's `LateReads`: the build must then fail before anything is committed, naming it.

use super::read_text;
use std::fmt;
use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

/// A page's body: its text, or where to read it when first used.
#[derive(Default)]
pub struct Body {
    text: OnceLock<String>,
    later: Option<Arc<Later>>,
}

/// Where a trusted page's body is, and what its file must be.
struct Later {
    path: PathBuf,
    rel: String,
    fingerprint: u64,
    body_start: usize,
    reads: Arc<LateReads>,
}

/// The files whose bodies were read late and were not what the build trusted them to be.
#[derive(Debug, Default)]
pub struct LateReads {
    changed: Mutex<Vec<PathBuf>>,
    read: std::sync::atomic::AtomicUsize,
}

impl LateReads {
    /// The first file found changed since the build trusted it, if any.
    pub fn changed(&self) -> Option<PathBuf> {
        self.changed.lock().unwrap_or_else(|e| e.into_inner()).first().cloned()
    }

    /// How many trusted pages' bodies were read after all.
    pub fn read(&self) -> usize {
        self.read.load(std::sync::atomic::Ordering::Relaxed)
    }

    fn note_changed(&self, path: &Path) {
        self.changed.lock().unwrap_or_else(|e| e.into_inner()).push(path.to_path_buf());
    }
}

impl Body {
    /// The body of the trusted page at `path` (`rel` inside `content/`): the file's text from
    /// `body_start`, when the file's fingerprint is still `fingerprint`.
    pub(super) fn later(
        path: PathBuf,
        rel: String,
        fingerprint: u64,
        body_start: usize,
        reads: Arc<LateReads>,
    ) -> Body {
        Body { text: OnceLock::new(), later: Some(Arc::new(Later { path, rel, fingerprint, body_start, reads })) }
    }

    pub fn as_str(&self) -> &str {
        self.text.get_or_init(|| self.later.as_ref().map(|later| later.read()).unwrap_or_default())
    }

    /// Whether the text has been read (or was given).
    pub fn is_read(&self) -> bool {
        self.later.is_none() || self.text.get().is_some()
    }
}

impl Later {
    /// The body as the file holds it, or empty (noted in `reads`) when the file is not the one trusted.
    fn read(&self) -> String {
        self.reads.read.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let body = read_text(&self.path).ok().and_then(|(mut text, _)| {
            let same = crate::memo::fingerprint((&text, &self.rel, &self.path)) == self.fingerprint;
            (same && text.is_char_boundary(self.body_start)).then(|| {
                text.drain(..self.body_start);
                text
            })
        });
        if debug_cache() {
            eprintln!("folio cache: the body of {} read after all", self.path.display());
        }
        body.unwrap_or_else(|| {
            self.reads.note_changed(&self.path);
            String::new()
        })
    }
}

impl From<String> for Body {
    fn from(text: String) -> Body {
        Body { text: OnceLock::from(text), later: None }
    }
}

impl From<&str> for Body {
    fn from(text: &str) -> Body {
        Body::from(text.to_string())
    }
}

impl Deref for Body {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl Clone for Body {
    fn clone(&self) -> Body {
        match self.text.get() {
            Some(text) => Body::from(text.clone()),
            None => Body { text: OnceLock::new(), later: self.later.clone() },
        }
    }
}

impl fmt::Debug for Body {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl PartialEq for Body {
    fn eq(&self, other: &Body) -> bool {
        self.as_str() == other.as_str()
    }
}

impl PartialEq<str> for Body {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Body {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// Whether to say on standard error what the build cache took and why it did not
/// (`FOLIO_DEBUG_CACHE=1`).
pub fn debug_cache() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("FOLIO_DEBUG_CACHE").is_some_and(|v| !v.is_empty() && v != "0"))
}
