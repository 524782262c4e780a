//! Folio builds a company's executive blog and customer knowledge site from one content folder.
//!
//! The modules form a ladder: each uses only those below it (`ladder_tests` keeps it so).
//!
//! Leaves: `diagnostics` (errors with file:line:column), `yaml`, `memo` (digests, the stages'
//! memory and its checked mode), `html` (escaping), `url` (percent-encoding), `lang` (direction),
//! `analysis` (Hebrew/English word forms, shared by related pages and search).
//!
//! The stages, as `pipeline::build_site_cached` runs them, one line each:
//! 1. `config`   — read `site.yaml` (unknown keys are errors, `feedback:`/`comments:` included);
//! 2. `content`  — find the Markdown pages and files, split and read their front matter, and read
//!    `content/authors.yaml` when a site keeps its authors there;
//! 3. `site`     — decide what is published (drafts, future, expired, unapproved community pages),
//!    place every page at its URL, build sections, categories, taxonomies and the feed plan,
//!    decide who wrote each page (author files, names, inline people), check references, work out
//!    who re-verifies each page and when (`owner:`, `review_every:`); every page gets a `digest`
//!    of all it is;
//!    then `images` works out each picture's size, kind and digest (remembered by file stamp), for
//!    the Markdown and the templates to write sized, lazily loaded `<picture>`s;
//! 4. `markdown` — render each page's Markdown, rewriting internal links and checking anchors;
//! 5. `related`  — each post's, article's and guide's related pages;
//! 6. `feedback` — where the widget shows and what `feedback.data` says about each page;
//! 7. `render`   — load the theme and render every page, list page (paginated), taxonomy page and
//!    product JSON through its template;
//!    Then `cards` draws the social card of each page without an image (cached on disk);
//! 8. `publish`  — the site-wide files: feeds, sitemap, robots.txt, redirect pages, the help
//!    widget's `help/context.json` and, with `host:` set, the host's redirect and header files
//!    (one alias list feeds both; the widget's files get CORS for `help_widget.allowed_origins`);
//! 9. `search`   — the per-language search index;
//! 10. `output`  — the result is an `Output`; writing it to disk is a separate step. In memory (tests,
//!     the dev server) it holds every file; `folio build` hands each file to a staging folder as soon
//!     as it is made (`build_site_staged`) and commits that folder once the build succeeded. The
//!     WebP copies of the pictures pages show are made (in parallel, into `.folio-cache/images/`,
//!     reused across builds) and join it as files to copy.
//!
//! A site with `languages:` is split after stage 2 (`content::translations`) into one site per
//! language, each built through stages 3–9 with its own memory; `site::languages` tells each where
//! the others keep every page (switcher, `hreflang`), and `pipeline::languages` joins the outputs.
//!
//! On top: `pipeline` (runs the stages and holds their memory between builds; `folio build`, a new
//! process each time, keeps its Markdown, related pages, search index and pages' keys in
//! `.folio-cache/build/`), `disk_cache`
//! (records which `.folio-cache/` entries builds use and prunes the rest after `folio build`), `scaffold`
//! (`folio init`/`new`), `import` (`folio import wordpress|feed`), `review`
//! (`folio review`: what each owner must re-verify, as text, JSON or iCalendar), `check` (`folio
//! check`: the build's link errors plus every external link, asked politely and cached) and `serve` (the dev server: its own small HTTP layer, the watcher and live
//! reload). The library never prints or exits: errors come back as `Diagnostic`s naming file, line
//! and column.

pub mod analysis;
pub mod cards;
pub mod check;
pub mod config;
pub mod content;
pub mod diagnostics;
pub mod disk_cache;
pub mod feedback;
pub mod glossary;
pub mod html;
pub mod images;
pub mod import;
pub mod lang;
pub mod markdown;
pub mod memo;
pub mod output;
pub mod pipeline;
pub mod progress;
pub mod publish;
pub mod related;
pub mod render;
pub mod review;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod site;
pub mod url;
mod yaml;

pub use diagnostics::{BuildError, Diagnostic};
pub use output::{write_output, Output};
pub use pipeline::BuildCache;
pub use pipeline::{build_site, build_site_cached, build_site_staged, BuildOptions, Built};

#[cfg(test)]
mod ladder_tests;
