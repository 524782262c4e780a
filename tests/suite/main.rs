//! Folio's integration tests, one binary: fixture sites built in temporary folders, the CLI, the
//! dev server over real sockets, and browser features in headless Chromium. `support` is the one
//! harness they share.

mod support;

mod authors;
mod browser_axe;
mod browser_bilingual;
mod browser_feedback;
mod browser_help;
mod browser_help_widget;
mod browser_languages;
mod browser_list_feedback;
mod browser_mirror;
mod browser_rtl;
mod browser_search;
mod browser_search_gaps;
mod browser_search_languages;
mod browser_serve;
mod browser_share;
mod build_cache;
mod build_site;
mod cache_pruning;
mod cache_random;
mod check_links;
mod ci_workflows;
mod cli;
mod errors;
mod feedback;
mod front_matter_compat;
mod glossary;
mod glossary_indexed;
mod help_context;
mod help_home;
mod host_files;
mod host_languages;
mod images;
mod images_raw_and_photos;
mod import_feed;
mod import_wordpress;
mod incremental;
mod incremental_edits;
mod incremental_images;
mod incremental_indexes;
mod knowledge;
mod languages;
mod list_feedback;
mod llms;
mod next_step;
mod nochange_build;
#[cfg(unix)]
mod output_links;
mod output_size;
#[cfg(unix)]
mod output_stamps;
mod page_bytes;
mod publish;
mod related_batches;
mod related_incremental;
mod rerender_sets;
mod review;
mod robustness;
mod rtl_markup;
mod search;
mod search_fetch;
mod search_languages;
mod search_patches;
mod section_nav;
mod serve;
mod serve_feedback;
mod serve_front_edits;
mod serve_hostile;
mod serve_shortcuts;
mod serve_trust;
mod slugs;
mod snapshots;
mod social_cards;
mod staged_build;
mod stored_texts;
mod strings_and_dates;
mod stylesheet;
mod theme_cards;
mod theme_copies;
mod theme_fragments;
mod theme_ids;
#[cfg(unix)]
mod trusted_pages;
