//! Authors as pages name them, and the optional authors data file.
//!
//! `author:` and `authors:` take an id, a name, or a whole person written inline (as Docusaurus
//! writes them: `{name, title, image_url, url}`), alone or in a list. Which of these a text means
//! is decided later, by the site stage, once every author is known. Sites that keep their people
//! in one place list them in `content/authors.yaml` instead of a file each.

use crate::config::MenuItem;
use crate::diagnostics::{Diagnostic, Location};
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// The names the authors data file may have, inside `content/`.
pub const AUTHORS_FILES: [&str; 2] = ["authors.yaml", "authors.yml"];

/// A person as written inline in front matter or in the authors data file. Docusaurus's names are
/// accepted beside Folio's (`title` for `role`, `image_url` for `photo`); its keys with no meaning
/// here (`email`, `socials`, `page`, `key`) are read and ignored, so its files build as they are.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AuthorFields {
    pub name: Option<String>,
    #[serde(alias = "title")]
    pub role: Option<String>,
    #[serde(alias = "image_url", alias = "imageURL", alias = "image")]
    pub photo: Option<String>,
    /// Where the name links to, for a person without an author page.
    pub url: Option<String>,
    #[serde(alias = "description")]
    pub bio: Option<String>,
    pub links: Vec<MenuItem>,
    #[serde(deserialize_with = "ignore")]
    email: (),
    #[serde(deserialize_with = "ignore")]
    socials: (),
    #[serde(deserialize_with = "ignore")]
    page: (),
    #[serde(deserialize_with = "ignore")]
    key: (),
}

/// The fields of a person as plain values: name, role, photo, url, bio, links.
pub type PersonParts = (Option<String>, Option<String>, Option<String>, Option<String>, Option<String>, Vec<MenuItem>);

impl AuthorFields {
    /// The fields that carry meaning (the ignored Docusaurus keys hold nothing), for keeping parsed
    /// front matter between builds (`front_memory`); every field is named, so a new one is not missed.
    pub fn into_parts(self) -> PersonParts {
        let AuthorFields { name, role, photo, url, bio, links, email: (), socials: (), page: (), key: () } = self;
        (name, role, photo, url, bio, links)
    }

    /// The person `into_parts` took apart.
    pub fn from_parts((name, role, photo, url, bio, links): PersonParts) -> AuthorFields {
        AuthorFields { name, role, photo, url, bio, links, email: (), socials: (), page: (), key: () }
    }
}

fn ignore<'de, D: Deserializer<'de>>(deserializer: D) -> Result<(), D::Error> {
    IgnoredAny::deserialize(deserializer).map(|_| ())
}

/// One entry of `author:` or `authors:`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum AuthorRef {
    /// An author id, the name of a known author, or the name of someone with no file at all.
    Text(String),
    /// A person written out in the front matter.
    Inline(AuthorFields),
}

/// The value of `author:` or `authors:`: one entry or a list of them. Both keys take both forms,
/// since generators differ in which they expect.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct AuthorList(pub Vec<AuthorRef>);

impl<'de> Deserialize<'de> for AuthorList {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(AuthorListVisitor)
    }
}

struct AuthorListVisitor;

impl<'de> Visitor<'de> for AuthorListVisitor {
    type Value = AuthorList;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an author id or name, a person such as {name: Dana Levi, title: CEO}, or a list of those")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<AuthorList, E> {
        Ok(AuthorList(vec![AuthorRef::Text(text.to_string())]))
    }

    fn visit_map<M: MapAccess<'de>>(self, map: M) -> Result<AuthorList, M::Error> {
        let fields = AuthorFields::deserialize(de::value::MapAccessDeserializer::new(map))?;
        Ok(AuthorList(vec![AuthorRef::Inline(fields)]))
    }

    fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<AuthorList, S::Error> {
        let mut list = Vec::new();
        while let Some(one) = seq.next_element::<OneAuthor>()? {
            list.push(one.0);
        }
        Ok(AuthorList(list))
    }
}

/// A list entry: text or a person, not another list.
struct OneAuthor(AuthorRef);

impl<'de> Deserialize<'de> for OneAuthor {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct OneVisitor;
        impl<'de> Visitor<'de> for OneVisitor {
            type Value = OneAuthor;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an author id or name, or a person such as {name: Dana Levi, title: CEO}")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<OneAuthor, E> {
                Ok(OneAuthor(AuthorRef::Text(text.to_string())))
            }
            fn visit_map<M: MapAccess<'de>>(self, map: M) -> Result<OneAuthor, M::Error> {
                let fields = AuthorFields::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(OneAuthor(AuthorRef::Inline(fields)))
            }
        }
        deserializer.deserialize_any(OneVisitor)
    }
}

/// `content/authors.yaml`: author id → person, for sites that keep their authors in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthorsFile {
    pub path: PathBuf,
    /// Each author with the line its id is written on (0 when not found).
    pub authors: Vec<DataAuthor>,
}

/// One person of the authors data file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataAuthor {
    pub id: String,
    pub line: usize,
    pub fields: AuthorFields,
}

/// Reads the authors data file from `files` (the files at the top of `content/`), if there is
/// one. Having both spellings is an error: one of them would be silently ignored.
pub fn read_authors_file(files: &[PathBuf]) -> Result<Option<AuthorsFile>, Diagnostic> {
    let path = match files {
        [] => return Ok(None),
        [path] => path,
        [first, second, ..] => {
            return Err(Diagnostic::new(
                Location::file(second),
                format!("two authors data files: {} and {}", first.display(), second.display()),
            )
            .with_help("keep one of them"))
        }
    };
    let text = std::fs::read_to_string(path)
        .map_err(|e| Diagnostic::new(Location::file(path), format!("cannot read: {e}")))?;
    parse_authors_file(&text, path)
}

/// Parses the text of the authors data file at `path`.
pub fn parse_authors_file(text: &str, path: &Path) -> Result<Option<AuthorsFile>, Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let map: BTreeMap<String, AuthorFields> = crate::yaml::parse(text, path, 1)?;
    let authors = map
        .into_iter()
        .map(|(id, fields)| DataAuthor { line: crate::yaml::key_line(text, &id).unwrap_or(0), id, fields })
        .collect();
    Ok(Some(AuthorsFile { path: path.to_path_buf(), authors }))
}

/// Whether `rel` (a path inside `content/`) is the authors data file.
pub fn is_authors_file(rel: &str) -> bool {
    AUTHORS_FILES.contains(&rel)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    struct Front {
        author: Option<AuthorList>,
    }

    fn author(yaml: &str) -> Result<Vec<AuthorRef>, Diagnostic> {
        let front: Front = crate::yaml::parse(yaml, Path::new("a.md"), 2)?;
        Ok(front.author.map(|a| a.0).unwrap_or_default())
    }

    fn text(s: &str) -> AuthorRef {
        AuthorRef::Text(s.to_string())
    }

    #[test]
    fn one_text_or_a_list_of_texts() {
        assert_eq!(author("author: dana\n").unwrap(), [text("dana")]);
        assert_eq!(author("author: 'ד\"ר מוריה לוי'\n").unwrap(), [text("ד\"ר מוריה לוי")]);
        assert_eq!(author("author: [dana, Maya Friedman]\n").unwrap(), [text("dana"), text("Maya Friedman")]);
    }

    #[test]
    fn docusaurus_inline_authors_are_read_with_their_names_for_fields() {
        let list = author(
            "author:\n  - name: Noa Bar\n    title: Engineer\n    image_url: https://example.com/noa.png\n    url: https://noa.dev\n    socials: {x: noa}\n  - dana\n",
        )
        .unwrap();
        let AuthorRef::Inline(noa) = &list[0] else { panic!("{list:?}") };
        assert_eq!(noa.name.as_deref(), Some("Noa Bar"));
        assert_eq!(noa.role.as_deref(), Some("Engineer"));
        assert_eq!(noa.photo.as_deref(), Some("https://example.com/noa.png"));
        assert_eq!(noa.url.as_deref(), Some("https://noa.dev"));
        assert_eq!(list[1], text("dana"));
    }

    #[test]
    fn a_misspelt_key_of_an_inline_author_is_an_error_on_its_line() {
        let err = author("title: x\nauthor:\n  name: Noa\n  phot: noa.png\n").unwrap_err();
        assert_eq!(err.location.line, 5);
        assert_eq!(err.message, "unknown key `phot` in `author`");
        assert_eq!(err.help.as_deref(), Some("did you mean `photo`?"));
    }

    #[test]
    fn a_number_is_not_an_author() {
        let err = author("author: 42\n").unwrap_err();
        assert!(err.message.contains("an author id or name"), "{}", err.message);
    }

    #[test]
    fn the_data_file_keeps_each_id_with_its_line() {
        let file = parse_authors_file(
            "maya:\n  name: Maya Friedman\n  role: CMO\nnoa:\n  name: Noa\n  bio: Writes.\n",
            Path::new("content/authors.yaml"),
        )
        .unwrap()
        .unwrap();
        let ids: Vec<(&str, usize)> = file.authors.iter().map(|a| (a.id.as_str(), a.line)).collect();
        assert_eq!(ids, [("maya", 1), ("noa", 4)]);
        assert_eq!(file.authors[1].fields.bio.as_deref(), Some("Writes."));
    }
}
