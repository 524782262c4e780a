//! Who wrote each page, decided once every page is placed.
//!
//! A text in `author:`/`authors:` (or site.yaml's default `author:`) is, in this order: the id of
//! an author page (`content/authors/<id>.md`) or of a person in `content/authors.yaml`; the `name`
//! of one of them, exactly, then ignoring case, spacing and the quote marks Hebrew is written with
//! (״ and ", ׳ and '); a typo, when it is written like an id (lowercase ASCII letters, digits, `-`,
//! `_`, `.`, nothing else) and is close to a known id or name, which is an error with a
//! suggestion; and otherwise simply a name: a byline without a page. So `danna` beside `dana` is a
//! typo, while `Maya Friedman`, `ד"ר מוריה לוי` or `admin` with no author close to it are names.

use super::references::resolve_file_url;
use super::{PageKind, Site};
use crate::config::MenuItem;
use crate::content::authors::{AuthorFields, AuthorRef, AuthorsFile};
use crate::content::front_matter::front_key_line;
use crate::diagnostics::{closest, Diagnostic, Location};
use std::collections::{BTreeMap, HashMap};

/// One author in a page's byline.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Byline {
    /// An author with a page of their own: the id of their file in `content/authors/`.
    Page(String),
    /// Someone without an author page.
    Person(Person),
}

/// An author without a page: a name only, a person written inline, or one of the authors file.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Person {
    /// The id in `content/authors.yaml`; `None` for names and inline people.
    pub id: Option<String>,
    pub name: String,
    pub role: Option<String>,
    /// The photo's URL (with the base path), or an external URL.
    pub photo: Option<String>,
    /// Where the name links to, if anywhere.
    pub url: Option<String>,
    /// Plain text.
    pub bio: Option<String>,
    pub links: Vec<MenuItem>,
    pub origin: Origin,
}

/// Where a person without a page came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Origin {
    /// A name that matched no author: the build's note lists these.
    Name,
    Inline,
    AuthorsFile,
}

/// A known author: an author page (by index in `site.pages`) or a person of the authors file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Known {
    Page(usize),
    Data(usize),
}

/// Every known author by id, by name and by folded id or name.
struct Directory {
    ids: HashMap<String, Known>,
    names: HashMap<String, Vec<Known>>,
    folded: HashMap<String, Vec<Known>>,
    /// Ids and names, for suggestions.
    spellings: Vec<String>,
}

/// What a text in `author:` turned out to be.
enum Lookup {
    Found(Known),
    Ambiguous(Vec<Known>),
    Typo(String),
    Name,
}

impl Directory {
    fn add(&mut self, known: Known, id: &str, name: &str) {
        self.ids.insert(id.to_string(), known);
        self.names.entry(name.trim().to_string()).or_default().push(known);
        for spelling in [id, name] {
            let list = self.folded.entry(fold(spelling)).or_default();
            if !list.contains(&known) {
                list.push(known);
            }
            self.spellings.push(spelling.trim().to_string());
        }
    }

    fn lookup(&self, text: &str) -> Lookup {
        if let Some(&known) = self.ids.get(text) {
            return Lookup::Found(known);
        }
        if let Some(found) = self.names.get(text).or_else(|| self.folded.get(&fold(text))) {
            return match found[..] {
                [one] => Lookup::Found(one),
                _ => Lookup::Ambiguous(found.clone()),
            };
        }
        if looks_like_id(text) {
            if let Some(best) = closest(text, self.spellings.iter().map(String::as_str)) {
                return Lookup::Typo(best.to_string());
            }
        }
        Lookup::Name
    }
}

/// Lowercase, single-spaced, with Hebrew's quote marks and typographic quotes made plain.
fn fold(text: &str) -> String {
    let plain: String = text
        .chars()
        .map(|c| match c {
            '\u{05F4}' | '\u{201C}' | '\u{201D}' | '\u{201E}' => '"',
            '\u{05F3}' | '\u{2018}' | '\u{2019}' => '\'',
            c => c,
        })
        .collect();
    plain.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Written the way ids are: lowercase ASCII letters, digits, `-`, `_` and `.`, nothing else. A
/// space, a capital or a letter of another script makes a text a name.
fn looks_like_id(text: &str) -> bool {
    !text.is_empty()
        && text.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | '.'))
}

/// Fills every page's `bylines` and `authors` from its front matter, or a post's from site.yaml's
/// default author. Errors: typos of known ids, ambiguous names, inline people without a name,
/// missing photos, and ids defined both as a file and in the authors file.
pub(super) fn resolve_authors(site: &mut Site, data: Option<&AuthorsFile>) -> Vec<Diagnostic> {
    let every: Vec<usize> = (0..site.pages.len()).collect();
    resolve_authors_of(site, data, &every)
}

/// Like `resolve_authors`, for the pages `which` alone: enough after an edit of those pages' front
/// matter when none of them is an author page (the directory of authors is then as it was, and
/// every other page's bylines with it).
pub(super) fn resolve_authors_of(site: &mut Site, data: Option<&AuthorsFile>, which: &[usize]) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    let mut directory =
        Directory { ids: HashMap::new(), names: HashMap::new(), folded: HashMap::new(), spellings: Vec::new() };
    for (i, page) in site.pages.iter().enumerate().filter(|(_, p)| p.kind == PageKind::Author) {
        directory.add(Known::Page(i), &page.key, &page.title);
    }
    let people = data.map(|file| data_people(site, file, &mut directory, &mut errors)).unwrap_or_default();
    let site_yaml = site.config.root.join("site.yaml");
    let default_author = site.config.default_author.clone();
    let mut resolved = Vec::with_capacity(which.len());
    for page in which.iter().map(|&i| &site.pages[i]) {
        let (refs, key) = match (&page.front.authors, &page.front.author) {
            (Some(list), _) => (list.0.clone(), "authors"),
            (None, Some(one)) => (one.0.clone(), "author"),
            (None, None) => (Vec::new(), "author"),
        };
        let from_config = refs.is_empty() && page.kind == PageKind::Post && default_author.is_some();
        let (refs, location) = if from_config {
            (default_author.iter().map(|a| AuthorRef::Text(a.clone())).collect(), Location::file(&site_yaml))
        } else {
            (refs, Location::new(&page.path, front_key_line(&page.source.parsed.front_text, key), 0))
        };
        let mut bylines: Vec<Byline> = Vec::new();
        for author in refs {
            let byline = match author {
                AuthorRef::Text(text) => text_byline(text.trim(), key, &directory, site, &people),
                AuthorRef::Inline(fields) => inline_byline(fields, key, &page.url_path, site),
            };
            match byline {
                Ok(byline) if !bylines.contains(&byline) => bylines.push(byline),
                Ok(_) => {}
                Err(d) => errors.push(Diagnostic { location: location.clone(), ..d }),
            }
        }
        resolved.push(bylines);
    }
    for (&i, bylines) in which.iter().zip(resolved) {
        let page = &mut site.pages[i];
        page.authors = bylines
            .iter()
            .filter_map(|b| match b {
                Byline::Page(id) => Some(id.clone()),
                Byline::Person(_) => None,
            })
            .collect();
        page.bylines = bylines;
    }
    errors
}

/// The people of the authors file, each added to `directory` unless an author page has its id.
fn data_people(
    site: &Site,
    file: &AuthorsFile,
    directory: &mut Directory,
    errors: &mut Vec<Diagnostic>,
) -> Vec<Person> {
    let shown_path = file.path.strip_prefix(&site.config.root).unwrap_or(&file.path).display().to_string();
    let mut people = Vec::new();
    for author in &file.authors {
        let at = Location::new(&file.path, author.line, 0);
        if let Some(Known::Page(i)) = directory.ids.get(&author.id) {
            let page = format!("content/{}", site.pages[*i].id);
            errors.push(
                Diagnostic::new(at, format!("author `{}` is defined twice: in {shown_path} and in {page}", author.id))
                    .with_help(format!("keep one of them: remove `{}` from {shown_path}, or delete {page}", author.id)),
            );
            continue;
        }
        let Some(name) = author.fields.name.clone().filter(|n| !n.trim().is_empty()) else {
            errors.push(
                Diagnostic::new(at, format!("author `{}` has no `name`", author.id))
                    .with_help(format!("add the name the byline shows, e.g.\n{}:\n  name: Dana Levi", author.id)),
            );
            continue;
        };
        match person(&author.fields, name, "/", site) {
            Ok(mut person) => {
                person.id = Some(author.id.clone());
                person.origin = Origin::AuthorsFile;
                directory.add(Known::Data(people.len()), &author.id, &person.name);
                people.push(person);
            }
            Err(d) => errors.push(Diagnostic { location: at, ..d }),
        }
    }
    people
}

/// The byline a text names. Errors carry no location; the caller knows where the text was.
fn text_byline(
    text: &str,
    key: &str,
    directory: &Directory,
    site: &Site,
    people: &[Person],
) -> Result<Byline, Diagnostic> {
    let nowhere = || Location::file("");
    if text.is_empty() {
        return Err(Diagnostic::new(nowhere(), format!("`{key}` names an empty author"))
            .with_help("write the author's id or name, or remove the empty entry"));
    }
    let byline = |known: Known| match known {
        Known::Page(i) => Byline::Page(site.pages[i].key.clone()),
        Known::Data(j) => Byline::Person(people[j].clone()),
    };
    match directory.lookup(text) {
        Lookup::Found(known) => Ok(byline(known)),
        Lookup::Name => Ok(Byline::Person(Person {
            id: None,
            name: text.to_string(),
            role: None,
            photo: None,
            url: None,
            bio: None,
            links: Vec::new(),
            origin: Origin::Name,
        })),
        Lookup::Typo(best) => {
            Err(Diagnostic::new(nowhere(), format!("unknown author `{text}`"))
                .with_help(format!("did you mean `{best}`?")))
        }
        Lookup::Ambiguous(found) => {
            let ids: Vec<String> = found
                .iter()
                .map(|&k| match byline(k) {
                    Byline::Page(id) => format!("`{id}`"),
                    Byline::Person(p) => format!("`{}`", p.id.unwrap_or_default()),
                })
                .collect();
            Err(Diagnostic::new(nowhere(), format!("`{text}` is the name of more than one author: {}", ids.join(", ")))
                .with_help("name the author by id"))
        }
    }
}

/// A person written out in the front matter, with a photo found beside the page or in static/.
fn inline_byline(fields: AuthorFields, key: &str, page_url: &str, site: &Site) -> Result<Byline, Diagnostic> {
    let Some(name) = fields.name.clone().filter(|n| !n.trim().is_empty()) else {
        return Err(Diagnostic::new(Location::file(""), format!("an author written out in `{key}` needs a `name`"))
            .with_help(format!("e.g. {key}: [{{name: Dana Levi, title: CEO, image_url: /images/dana.jpg}}]")));
    };
    person(&fields, name, page_url, site).map(Byline::Person)
}

fn person(fields: &AuthorFields, name: String, page_url: &str, site: &Site) -> Result<Person, Diagnostic> {
    let photo = match &fields.photo {
        Some(value) => Some(match resolve_file_url(value, page_url, &site.files) {
            Ok(url) if url.starts_with('/') => site.url(&url),
            Ok(url) => url,
            Err(missing) => return Err(Diagnostic::new(
                Location::file(""),
                format!("the photo of `{name}`, `{value}`, does not exist (looked for {missing})"),
            )
            .with_help(
                "put the file in static/ and write its path from there (/images/x.jpg), or give a full https:// URL",
            )),
        }),
        None => None,
    };
    Ok(Person {
        id: None,
        name: name.trim().to_string(),
        role: fields.role.clone(),
        photo,
        url: fields.url.clone(),
        bio: fields.bio.clone(),
        links: fields.links.clone(),
        origin: Origin::Inline,
    })
}

/// One note listing the names that matched no author, with how to give each a page, or `None`
/// when there are none. It is a note, not a warning: such a byline is a choice a site may make.
pub fn unfiled_authors_note(site: &Site) -> Option<Diagnostic> {
    let mut pages_by_name: BTreeMap<&str, usize> = BTreeMap::new();
    for page in &site.pages {
        for byline in &page.bylines {
            if let Byline::Person(Person { name, origin: Origin::Name, .. }) = byline {
                *pages_by_name.entry(name).or_default() += 1;
            }
        }
    }
    if pages_by_name.is_empty() {
        return None;
    }
    let known: Vec<&str> = site
        .pages
        .iter()
        .filter(|p| p.kind == PageKind::Author)
        .flat_map(|p| [p.key.as_str(), p.title.as_str()])
        .collect();
    let listed: Vec<String> = pages_by_name
        .iter()
        .map(|(name, count)| {
            let pages = if *count == 1 { "1 page".to_string() } else { format!("{count} pages") };
            match closest(name, known.iter().copied()) {
                Some(best) => format!("{name} ({pages}; did you mean `{best}`?)"),
                None => format!("{name} ({pages})"),
            }
        })
        .collect();
    const SHOWN: usize = 10;
    let mut commands: Vec<String> =
        pages_by_name.keys().take(SHOWN).map(|name| format!("    folio new author {}", shell_quote(name))).collect();
    if pages_by_name.len() > SHOWN {
        commands.push(format!("    … and {} more", pages_by_name.len() - SHOWN));
    }
    let count = pages_by_name.len();
    let noun = if count == 1 { "author has no author file" } else { "authors have no author file" };
    Some(
        Diagnostic::new(
            Location::file(site.config.content_dir()),
            format!("{count} {noun}, so their bylines show the name only: {}", listed.join(", ")),
        )
        .with_help(format!(
            "to give an author a page, photo and feed, create their file in content/authors/ (or list them in content/authors.yaml):\n{}",
            commands.join("\n")
        )),
    )
}

/// `text` quoted for a POSIX shell.
fn shell_quote(text: &str) -> String {
    if !text.contains('\'') {
        return format!("'{text}'");
    }
    let escaped: String =
        text.chars().flat_map(|c| if matches!(c, '"' | '\\' | '$' | '`') { vec!['\\', c] } else { vec![c] }).collect();
    format!("\"{escaped}\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_lowercase_ascii_and_names_are_anything_else() {
        for id in ["dana", "dana-levi", "d.levi", "writer_2"] {
            assert!(looks_like_id(id), "{id}");
        }
        for name in ["Dana", "Maya Friedman", "ד\"ר מוריה לוי", "dana levi", "דנה", ""] {
            assert!(!looks_like_id(name), "{name}");
        }
    }

    #[test]
    fn folding_ignores_case_spacing_and_hebrew_quote_marks() {
        assert_eq!(fold("  Maya   FRIEDMAN "), "maya friedman");
        assert_eq!(fold("ד״ר מוריה לוי"), fold("ד\"ר  מוריה לוי"));
        assert_eq!(fold("צ׳רלי"), fold("צ'רלי"));
    }

    #[test]
    fn names_are_quoted_for_the_shell() {
        assert_eq!(shell_quote("ד\"ר מוריה לוי"), "'ד\"ר מוריה לוי'");
        assert_eq!(shell_quote("Dan O'Brien"), "\"Dan O'Brien\"");
    }
}
