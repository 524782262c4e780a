//! Folio's integration tests, one binary: fixture sites built in temporary folders, the CLI, the
//! dev server over real sockets, and browser features in headless Chromium. `support` is the one
//! harness they share.

mod support;

mod authors;
mod browser_axe;
mod browser_bilingual;
mod browser_feedback;
mod browser_help;
mod browser_languages;
mod browser_list_feedback;
mod browser_mirror;
mod browser_rtl;
mod browser_search;
mod browser_search_gaps;
mod browser_search_languages;
mod browser_serve;
mod browser_share;
mod build_site;
mod cache_random;
mod ci_workflows;
mod cli;
mod errors;
mod feedback;
mod front_matter_compat;
mod glossary;
mod help_home;
mod host_files;
mod import_feed;
mod import_wordpress;
mod incremental;
mod incremental_indexes;
mod knowledge;
mod languages;
mod list_feedback;
mod llms;
mod next_step;
mod output_size;
mod publish;
mod review;
mod robustness;
mod rtl_markup;
mod search;
mod search_languages;
mod section_nav;
mod serve;
mod serve_feedback;
mod serve_hostile;
mod serve_trust;
mod slugs;
mod snapshots;
mod strings_and_dates;
mod stylesheet;
mod theme_ids;
