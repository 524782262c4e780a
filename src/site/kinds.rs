//! What each kind of page is and how the stages treat it, in one table: its folder, default
//! template, search filter, and whether it takes part in related pages, feedback, comments,
//! previous/next links and verification. Stages read `kind.rules()` instead of matching on kinds.

use crate::config::SectionKind;

/// What a single page is; decides its default template and how it is listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PageKind {
    Post,
    Article,
    Guide,
    Product,
    Author,
    Page,
}

/// How the stages treat one kind of page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KindRules {
    /// The singular name: in summaries, `page.kind` and JSON-LD choices.
    pub name: &'static str,
    /// The folder kind (`sections:` in site.yaml) whose pages are of this kind.
    pub section: SectionKind,
    /// The template used when the front matter names none.
    pub template: &'static str,
    /// The section filter of the search results page.
    pub search_section: &'static str,
    /// Shows, and appears in, "related pages".
    pub related: bool,
    /// Shows "Was this helpful?" when the site has feedback and nothing else says otherwise.
    pub feedback: bool,
    /// Shows comments when the site has a provider and nothing else says otherwise.
    pub comments: bool,
    /// Links to the previous and next page of its folder, and can say who verified it.
    pub knowledge: bool,
    /// Is an article in the schema.org and OpenGraph sense (has a byline and a date).
    pub article: bool,
}

const RULES: [KindRules; 6] = [
    KindRules {
        name: "post",
        section: SectionKind::Blog,
        template: "post.html",
        search_section: "blog",
        related: true,
        feedback: true,
        comments: true,
        knowledge: false,
        article: true,
    },
    KindRules {
        name: "article",
        section: SectionKind::Kb,
        template: "article.html",
        search_section: "kb",
        related: true,
        feedback: true,
        comments: true,
        knowledge: true,
        article: true,
    },
    KindRules {
        name: "guide",
        section: SectionKind::Guides,
        template: "guide.html",
        search_section: "guide",
        related: true,
        feedback: true,
        comments: true,
        knowledge: true,
        article: true,
    },
    KindRules {
        name: "product",
        section: SectionKind::Products,
        template: "product.html",
        search_section: "product",
        related: false,
        feedback: true,
        comments: false,
        knowledge: false,
        article: false,
    },
    KindRules {
        name: "author",
        section: SectionKind::Authors,
        template: "author.html",
        search_section: "author",
        related: false,
        feedback: false,
        comments: false,
        knowledge: false,
        article: false,
    },
    KindRules {
        name: "page",
        section: SectionKind::Pages,
        template: "page.html",
        search_section: "page",
        related: false,
        feedback: false,
        comments: false,
        knowledge: false,
        article: false,
    },
];

const KINDS: [PageKind; 6] =
    [PageKind::Post, PageKind::Article, PageKind::Guide, PageKind::Product, PageKind::Author, PageKind::Page];

impl PageKind {
    /// This kind's row of the table.
    pub fn rules(self) -> &'static KindRules {
        &RULES[self as usize]
    }

    pub fn name(self) -> &'static str {
        self.rules().name
    }

    /// The kind of the pages in a folder of this kind.
    pub(super) fn for_section(kind: SectionKind) -> PageKind {
        KINDS.into_iter().find(|k| k.rules().section == kind).unwrap_or(PageKind::Page)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_row_belongs_to_its_kind_and_folder() {
        for kind in KINDS {
            assert_eq!(PageKind::for_section(kind.rules().section), kind, "{kind:?}");
            assert_eq!(kind.rules().template, format!("{}.html", kind.name()));
        }
    }
}
