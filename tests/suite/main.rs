//! Folio's integration tests, one binary: fixture sites built in temporary folders, the CLI, the
//! dev server over real sockets, and browser features in headless Chromium. `support` is the one
//! harness they share.

mod support;

mod authors;
mod browser_feedback;
mod browser_list_feedback;
mod browser_rtl;
mod browser_search;
mod browser_serve;
mod browser_share;
mod build_site;
mod cache_random;
mod cli;
mod errors;
mod feedback;
mod front_matter_compat;
mod host_files;
mod import_feed;
mod import_wordpress;
mod incremental;
mod incremental_indexes;
mod knowledge;
mod list_feedback;
mod publish;
mod review;
mod robustness;
mod search;
mod serve;
mod serve_feedback;
mod serve_hostile;
mod serve_trust;
mod snapshots;
mod stylesheet;
