//! The help-center home: on a site with a knowledge base, the home page leads with "How can we
//! help?" and a few articles to start from, before the categories and the blog's latest posts.
//! Templates read it as `site.help_center` (null when the site has no knowledge base or turns it
//! off with `help_center: false`), so only the home page depends on it.

use super::views::{PageCard, Views};
use crate::feedback::{FeedbackStats, Helpful};
use crate::site::{ListKind, PageKind};
use serde::Serialize;
use serde_json::Value;

/// How many articles the home page starts readers with.
pub const ARTICLES: usize = 6;

/// `site.help_center` for templates.
#[derive(Serialize)]
struct HelpCenter {
    /// `feedback` when the articles are those readers found most helpful (`feedback.data`),
    /// `featured` when they are the pages marked `featured: true`.
    source: &'static str,
    articles: Vec<TopArticle>,
}

#[derive(Serialize)]
struct TopArticle {
    #[serde(flatten)]
    card: PageCard,
    helpful: Option<Helpful>,
}

/// The value of `site.help_center`: the articles (and guides) in the site's language that readers
/// rated most helpful (by share, then votes, among pages with `feedback.min_votes`), or without
/// such ratings those marked `featured: true`, by weight then title.
pub(super) fn help_center_value(views: &Views, feedback: &FeedbackStats) -> Value {
    let site = views.site;
    if !site.config.help_center || !site.sections.iter().any(|s| s.kind == ListKind::Kb) {
        return Value::Null;
    }
    let candidates: Vec<usize> = (0..site.pages.len())
        .filter(|&i| {
            let page = &site.pages[i];
            matches!(page.kind, PageKind::Article | PageKind::Guide) && page.lang == site.config.language
        })
        .collect();
    let mut rated: Vec<(usize, Helpful)> =
        candidates.iter().filter_map(|&i| feedback.helpful(i).map(|h| (i, h))).collect();
    let (source, chosen): (&str, Vec<(usize, Option<Helpful>)>) = if rated.is_empty() {
        let mut featured: Vec<usize> = candidates.into_iter().filter(|&i| site.pages[i].front.featured).collect();
        featured.sort_by(|&a, &b| {
            let (a, b) = (&site.pages[a], &site.pages[b]);
            (a.front.weight, &a.title, &a.id).cmp(&(b.front.weight, &b.title, &b.id))
        });
        ("featured", featured.into_iter().map(|i| (i, None)).collect())
    } else {
        rated.sort_by(|(a, ha), (b, hb)| {
            let key = |i: usize, h: &Helpful| {
                (std::cmp::Reverse(h.percent), std::cmp::Reverse(h.votes), site.pages[i].id.clone())
            };
            key(*a, ha).cmp(&key(*b, hb))
        });
        ("feedback", rated.into_iter().map(|(i, h)| (i, Some(h))).collect())
    };
    let articles = chosen
        .into_iter()
        .take(ARTICLES)
        .map(|(i, helpful)| TopArticle { card: views.page_card(i), helpful })
        .collect();
    serde_json::to_value(HelpCenter { source, articles }).unwrap_or(Value::Null)
}
