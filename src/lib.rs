//! Folio builds a company's executive blog and customer knowledge site from one content folder.
//!
//! The pipeline, as `pipeline::build_site` runs it:
//! 1. `config`   — read `site.yaml` (unknown keys are errors) into a validated `Config`;
//! 2. `content`  — find the Markdown pages and files, split and read their front matter;
//! 3. `site`     — decide what is published (drafts, future, expired, unapproved community pages),
//!    place every page at its URL, build sections, categories and taxonomies, check references;
//! 4. `markdown` — render each page's Markdown, rewriting internal links and checking anchors;
//! 5. `site::related` — find each post's and article's related pages (with `search::analysis`);
//! 6. `render`   — load the theme and render every page, list page (paginated), taxonomy page and
//!    product JSON through its template, then the feeds, sitemap, robots.txt and redirects;
//! 7. `search`   — build the per-language search index from the pages and their text;
//! 8. `output`   — the result is an in-memory `Output`; writing it to disk is a separate step.
//!
//! `feedback` holds the feedback widget's settings and the report on exported votes; `serve` is the
//! dev server (its own small HTTP layer, the watcher and live reload).
//! `import` is not part of a build: it writes an existing blog (a WordPress export or any RSS/Atom
//! feed) into a site's content folder once, as Markdown a writer can keep editing.
//!
//! The library never prints or exits: errors come back as `Diagnostic`s naming file, line and column.

pub mod cache;
pub mod config;
pub mod content;
pub mod diagnostics;
pub mod feedback;
pub mod import;
pub mod markdown;
pub mod output;
pub mod pipeline;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod site;
mod yaml;

pub use cache::BuildCache;
pub use diagnostics::{BuildError, Diagnostic};
pub use output::{write_output, Output};
pub use pipeline::{build_site, build_site_cached, BuildOptions, Built};
