//! What an export or a feed says, in one shape both readers produce and the site writer reads:
//! the old site, its authors, and its posts and pages with their HTML still unconverted.

use std::collections::BTreeMap;

/// The old site as a whole.
#[derive(Debug, Clone, Default)]
pub struct Source {
    pub title: String,
    pub description: String,
    /// The old site's address (`https://example.com/blog`), from which old paths are counted.
    pub link: Option<String>,
    /// A language tag as the old site wrote it (`he-IL`).
    pub language: Option<String>,
    pub authors: Vec<Author>,
    pub items: Vec<Item>,
    /// Attachment id → file URL, for featured images and galleries.
    pub attachments: BTreeMap<String, String>,
    /// What was left out, and why: reason → count.
    pub skipped: BTreeMap<String, usize>,
}

impl Source {
    pub fn skip(&mut self, reason: impl Into<String>) {
        *self.skipped.entry(reason.into()).or_insert(0) += 1;
    }
}

/// A person who wrote posts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Author {
    /// How items name this author (a WordPress login, or the name itself in a feed).
    pub key: String,
    /// The name shown in bylines.
    pub name: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    Post,
    Page,
}

/// One post or page.
#[derive(Debug, Clone)]
pub struct Item {
    pub kind: ItemKind,
    /// The old system's id (WordPress post id), for `?p=ID` addresses.
    pub id: Option<String>,
    pub title: String,
    /// The old slug, percent-decoded (Hebrew slugs become Hebrew again); may be empty.
    pub slug: String,
    /// RFC 3339 (`2020-05-01T10:00:00+03:00`), or `YYYY-MM-DD HH:MM` when no offset is known.
    pub date: Option<String>,
    pub updated: Option<String>,
    /// The author's key (see `Author::key`).
    pub author: Option<String>,
    pub html: String,
    pub excerpt: Option<String>,
    pub categories: Vec<String>,
    pub tags: Vec<String>,
    /// Old addresses, absolute URLs as the old site wrote them.
    pub old_urls: Vec<String>,
    pub draft: bool,
    /// The post's image (a featured image or a feed enclosure), as a URL.
    pub image: Option<String>,
    pub comments: Vec<Comment>,
}

impl Item {
    pub fn new(kind: ItemKind) -> Item {
        Item {
            kind,
            id: None,
            title: String::new(),
            slug: String::new(),
            date: None,
            updated: None,
            author: None,
            html: String::new(),
            excerpt: None,
            categories: Vec::new(),
            tags: Vec::new(),
            old_urls: Vec::new(),
            draft: false,
            image: None,
            comments: Vec::new(),
        }
    }
}

/// An approved reader comment.
#[derive(Debug, Clone)]
pub struct Comment {
    pub id: String,
    /// The comment it answers, if any.
    pub parent: Option<String>,
    pub author: String,
    pub url: Option<String>,
    pub date: Option<String>,
    /// Plain text, paragraphs separated by blank lines.
    pub text: String,
}
