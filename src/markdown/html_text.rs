//! A text's HTML, held in memory or read on first use from a stored file.
//!
//! `folio build` keeps every text's HTML on disk (`pipeline::stored`). A rebuild with nothing changed
//! needs only a few of them (author bios, full-content feed entries), so a stored text's HTML stays
//! in the file until something reads it; the rest of `Rendered` is small and always loaded.

use std::fs::File;
use std::path::PathBuf;
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
pub struct HtmlFile {
    file: Mutex<File>,
    /// For the message when the file changed under the build anyway.
    path: PathBuf,
}

impl HtmlFile {
    pub fn new(file: File, path: PathBuf) -> HtmlFile {
        HtmlFile { file: Mutex::new(file), path }
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

    pub fn as_str(&self) -> &str {
        self.text.get_or_init(|| {
            let stored = self.stored.as_ref().expect("an Html is made with its text or where it is stored");
            // The file was checked whole when it was opened and is held open since: only a program
            // writing into it in place (Folio never does) can make this fail.
            let bytes = stored.file.read(stored.offset, stored.length, stored.sum);
            let text = bytes.and_then(|bytes| String::from_utf8(bytes).ok());
            text.unwrap_or_else(|| {
                panic!("{} was changed while this build read it; delete it and build again", stored.file.path.display())
            })
        })
    }

    /// The length and checksum of the bytes (known without reading them when they are stored).
    pub fn length_and_sum(&self) -> (u64, u64) {
        match (self.text.get(), &self.stored) {
            (None, Some(stored)) => (stored.length, stored.sum),
            _ => (self.as_str().len() as u64, crate::memo::checksum(self.as_str().as_bytes())),
        }
    }

    /// The bytes, without keeping them in memory when they are still in their file (for storing
    /// them again).
    pub fn with_bytes<T>(&self, f: impl FnOnce(&[u8]) -> T) -> T {
        match (self.text.get(), &self.stored) {
            (None, Some(stored)) => match stored.file.read(stored.offset, stored.length, stored.sum) {
                Some(bytes) => f(&bytes),
                None => f(self.as_str().as_bytes()),
            },
            _ => f(self.as_str().as_bytes()),
        }
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
        let wrong = Html::stored(file, 2, 10, crate::memo::checksum(b"<p>two</p>"));
        let message = std::panic::catch_unwind(|| wrong.as_str().len()).unwrap_err();
        assert!(message.downcast_ref::<String>().unwrap().contains("was changed while this build read it"));
    }
}
