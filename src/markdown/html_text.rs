//! A text's HTML, held in memory or read on first use from a stored file.
//!
//! `folio build` keeps every text's HTML on disk (`pipeline::stored`). A rebuild with nothing changed
//! needs only a few of them (author bios, full-content feed entries), so a stored text's HTML stays
//! in the file until something reads it; the rest of `Rendered` is small and always loaded.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

/// HTML as a `str`: made in this process, or read from a stored file the first time it is used.
#[derive(Default)]
pub struct Html {
    text: OnceLock<String>,
    stored: Option<StoredHtml>,
}

/// Where a stored text's bytes are, and their checksum, checked when they are read.
#[derive(Clone)]
struct StoredHtml {
    file: Arc<HtmlFile>,
    offset: u64,
    length: u64,
    sum: u64,
}

/// A file of HTML texts, held open from the moment it was checked whole, so an entry written in its
/// place by another build (a rename) does not change what this one reads.
///
/// Only a program writing into the file in place (Folio never does) can make a text's bytes fail
/// their checksum after that. Such a text reads as empty and the file is marked `damaged`: whoever
/// holds the file must then fail the build, so that nothing made from it is published.
#[derive(Debug)]
pub struct HtmlFile {
    file: Mutex<File>,
    /// For the message when the file changed under the build.
    path: PathBuf,
    damaged: AtomicBool,
}

impl HtmlFile {
    pub fn new(file: File, path: PathBuf) -> HtmlFile {
        HtmlFile { file: Mutex::new(file), path, damaged: AtomicBool::new(false) }
    }

    /// Whether a text read from the file did not have its checksum (it was changed in place).
    pub fn damaged(&self) -> bool {
        self.damaged.load(Ordering::Relaxed)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// `read`, marking the file damaged when the bytes are not what was stored.
    fn read_checked(&self, offset: u64, length: u64, sum: u64) -> Option<Vec<u8>> {
        let bytes = self.read(offset, length, sum);
        if bytes.is_none() {
            self.damaged.store(true, Ordering::Relaxed);
        }
        bytes
    }

    /// The `length` bytes at `offset`, if they have the checksum `sum`.
    fn read(&self, offset: u64, length: u64, sum: u64) -> Option<Vec<u8>> {
        use std::io::{Read, Seek, SeekFrom};
        let mut bytes = vec![0; usize::try_from(length).ok()?];
        let mut file = self.file.lock().unwrap_or_else(|e| e.into_inner());
        file.seek(SeekFrom::Start(offset)).ok()?;
        file.read_exact(&mut bytes).ok()?;
        (crate::memo::checksum(&bytes) == sum).then_some(bytes)
    }
}

impl Html {
    /// The HTML at `offset` in `file`, `length` bytes with checksum `sum`, read when first used.
    pub fn stored(file: Arc<HtmlFile>, offset: u64, length: u64, sum: u64) -> Html {
        Html { text: OnceLock::new(), stored: Some(StoredHtml { file, offset, length, sum }) }
    }

    /// The HTML; empty, with its file marked damaged (see `HtmlFile`), when its stored bytes were
    /// changed since the file was checked.
    pub fn as_str(&self) -> &str {
        self.text.get_or_init(|| match &self.stored {
            Some(stored) => stored.read().unwrap_or_default(),
            None => String::new(),
        })
    }

    /// Reads the HTML now if it is stored; whether it is whole (false: its file is marked damaged).
    pub fn check(&self) -> bool {
        let text = self.as_str();
        // A stored text read whole has its stored length; the damaged one reads as empty.
        self.stored.as_ref().is_none_or(|stored| text.len() as u64 == stored.length)
    }

    /// The length and checksum of the bytes (known without reading them when they are stored).
    pub fn length_and_sum(&self) -> (u64, u64) {
        match (self.text.get(), &self.stored) {
            (None, Some(stored)) => (stored.length, stored.sum),
            _ => (self.as_str().len() as u64, crate::memo::checksum(self.as_str().as_bytes())),
        }
    }

    /// Writes the bytes to `out`, without keeping them in memory when they are still in their file
    /// (for storing them again); an error, never other bytes, when the file was damaged.
    pub fn write_to(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        let damaged = || std::io::Error::new(std::io::ErrorKind::InvalidData, "stored HTML changed in place");
        match (self.text.get(), &self.stored) {
            (None, Some(stored)) => {
                let bytes = stored.file.read_checked(stored.offset, stored.length, stored.sum).ok_or_else(damaged)?;
                out.write_all(&bytes)
            }
            _ if !self.check() => Err(damaged()),
            _ => out.write_all(self.as_str().as_bytes()),
        }
    }
}

impl StoredHtml {
    /// The text, if its bytes are those stored (else its file is marked damaged).
    fn read(&self) -> Option<String> {
        let bytes = self.file.read_checked(self.offset, self.length, self.sum)?;
        let text = String::from_utf8(bytes).ok();
        if text.is_none() {
            self.file.damaged.store(true, Ordering::Relaxed);
        }
        text
    }
}

impl From<String> for Html {
    fn from(text: String) -> Html {
        Html { text: OnceLock::from(text), stored: None }
    }
}

impl std::ops::Deref for Html {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl Clone for Html {
    fn clone(&self) -> Html {
        match (self.text.get(), &self.stored) {
            (None, Some(stored)) => Html { text: OnceLock::new(), stored: Some(stored.clone()) },
            _ => Html::from(self.as_str().to_string()),
        }
    }
}

impl PartialEq for Html {
    fn eq(&self, other: &Html) -> bool {
        self.as_str() == other.as_str()
    }
}

impl std::fmt::Debug for Html {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl std::fmt::Display for Html {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for Html {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for Html {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Html, D::Error> {
        String::deserialize(deserializer).map(Html::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn stored_html_is_read_when_first_used_and_checked() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("texts.bin");
        std::fs::File::create(&path).unwrap().write_all(b"xx<p>one</p><p>two</p>").unwrap();
        let file = Arc::new(HtmlFile::new(File::open(&path).unwrap(), path.clone()));
        let two = Html::stored(file.clone(), 12, 10, crate::memo::checksum(b"<p>two</p>"));
        assert_eq!(&*two, "<p>two</p>");
        assert_eq!(two.clone(), Html::from("<p>two</p>".to_string()));
        assert!(!file.damaged());
        let wrong = Html::stored(file.clone(), 2, 10, crate::memo::checksum(b"<p>two</p>"));
        assert_eq!(wrong.as_str(), "", "bytes that fail their checksum are never shown");
        assert!(!wrong.check() && file.damaged());
    }

    #[test]
    fn a_file_changed_in_place_after_opening_marks_it_damaged_instead_of_panicking() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("texts.bin");
        std::fs::write(&path, b"<p>one</p><p>two</p>").unwrap();
        let file = Arc::new(HtmlFile::new(File::open(&path).unwrap(), path.clone()));
        let sum = |text: &[u8]| crate::memo::checksum(text);
        let (one, two) = (
            Html::stored(file.clone(), 0, 10, sum(b"<p>one</p>")),
            Html::stored(file.clone(), 10, 10, sum(b"<p>two</p>")),
        );
        assert_eq!(&*one, "<p>one</p>");
        // Another program writes into the open file, in place (same inode, same size).
        let mut writer = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
        writer.write_all(b"<p>one</p><p>TWO</p>").unwrap();
        let mut copy = Vec::new();
        assert!(two.write_to(&mut copy).is_err(), "damaged bytes are not stored again");
        assert!(copy.is_empty() && file.damaged());
        assert_eq!(two.as_str(), "");
        assert_eq!(file.path(), path);
        // A text read before the change was whole, and is stored again as it was read.
        let mut copy = Vec::new();
        one.write_to(&mut copy).unwrap();
        assert_eq!(copy, b"<p>one</p>");
    }
}
