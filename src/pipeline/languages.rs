//! A multilingual site is built as one site per language, each with its own memory of the stages:
//! the default language at the root (or under its code), every other under `/<code>/`. Their
//! outputs are joined into one, with the theme's files, `static/` and `robots.txt` once at the root.

use super::assemble::place_pages;
use super::staged::Sink;
use super::summary::Stopwatch;
use super::{build_placed, BuildCache, BuildOptions, Built};
use crate::config::Config;
use crate::content::translations::split_languages;
use crate::content::Discovered;
use crate::diagnostics::{BuildError, Diagnostic, Location};
use crate::output::{FileSource, Output, Staging};
use crate::render::{load_theme, ThemeFile};
use crate::site::link_languages;
use std::path::Path;

/// Builds every language of the site and joins them.
pub(super) fn build_languages(
    config: Config,
    found: Discovered,
    options: &BuildOptions,
    cache: &mut BuildCache,
    mut clock: Stopwatch,
    staging: Option<&Staging>,
) -> Result<Built, BuildError> {
    let root = &options.root;
    let fail =
        |errors: Vec<Diagnostic>| BuildError::from_many(errors.into_iter().map(|d| d.relative_to(root)).collect());
    let split = split_languages(&config, &found).map_err(fail)?;
    let mut sites = Vec::new();
    let mut warnings = Vec::new();
    for part in split.parts {
        let memory = cache.languages.entry(part.code.clone()).or_default();
        let before = memory.content.replace(part.found.clone());
        let (site, site_warnings) = place_pages(part.config, part.found, before, options, memory).map_err(fail)?;
        sites.push(site);
        warnings.push(site_warnings);
    }
    // The glossary's errors, if any, are reported by each language's build.
    let glossary = crate::glossary::load_glossary(root).unwrap_or_default();
    link_languages(&mut sites, &super::generated::generated_paths(glossary.as_ref()));
    let (host_files, host_warnings) = language_host_files(&sites, &config, &found).map_err(fail)?;
    warnings[0].extend(host_warnings);
    clock.lap("assemble site");
    if let Some(warning) = outdated_warning(&split.outdated, root) {
        warnings[0].push(warning);
    }

    let mut built = Vec::new();
    for (site, warnings) in sites.into_iter().zip(warnings) {
        let memory = cache.languages.entry(site.config.language.clone()).or_default();
        let prefix = site.config.view.prefix.trim_start_matches('/').to_string();
        let sink = staging.map(|staging| Sink { staging, prefix: &prefix });
        let one = build_placed(site, warnings, options, memory, &mut clock, (sink, None))?;
        built.push((prefix, one));
    }
    cache.stats = Default::default();
    cache.rendered.clear();
    for memory in cache.languages.values() {
        cache.stats.markdown_rendered += memory.stats.markdown_rendered;
        cache.stats.markdown_reused += memory.stats.markdown_reused;
        cache.stats.pages_rendered += memory.stats.pages_rendered;
        cache.stats.pages_reused += memory.stats.pages_reused;
    }
    for (prefix, one) in &built {
        let memory = &cache.languages[&one.config.language];
        cache.rendered.extend(memory.rendered.iter().map(|path| prefixed(prefix, path)));
    }
    let mut joined = join_languages(config, built, &found, clock).map_err(fail)?;
    // The site's own file of the same name, already in place from static/, wins.
    for (path, bytes) in host_files {
        // Not shared yet: `make_mut` copies nothing.
        std::sync::Arc::make_mut(&mut joined.output).files.entry(path).or_insert(FileSource::Bytes(bytes.into()));
    }
    Ok(joined)
}

/// The host's redirect and header files at the root, for every language at once.
fn language_host_files(
    sites: &[crate::site::Site],
    config: &Config,
    found: &Discovered,
) -> Result<(crate::publish::NamedFiles, Vec<Diagnostic>), Vec<Diagnostic>> {
    if config.host.is_none() {
        return Ok((Vec::new(), Vec::new()));
    }
    let theme = load_theme(config)?;
    let own_file = |path: &str| found.static_files.iter().any(|file| file.rel == path);
    Ok(crate::publish::render_language_host_files(sites, config, &theme, own_file))
}

/// One warning for all translations whose original changed after them.
fn outdated_warning(outdated: &[(std::path::PathBuf, std::path::PathBuf)], root: &Path) -> Option<Diagnostic> {
    if outdated.is_empty() {
        return None;
    }
    let relative = |p: &Path| p.strip_prefix(root).unwrap_or(p).display().to_string();
    let lines: Vec<String> = outdated
        .iter()
        .map(|(translation, original)| format!("  {} (original: {})", relative(translation), relative(original)))
        .collect();
    let count = outdated.len();
    let noun = if count == 1 { "translation is" } else { "translations are" };
    Some(
        Diagnostic::new(
            Location::file(root.join("content")),
            format!("{count} {noun} older than the original:\n{}", lines.join("\n")),
        )
        .with_help(
            "update each translation, then record the version it follows with `folio translations --stamp FILE`",
        ),
    )
}

pub(super) fn prefixed(prefix: &str, path: &str) -> String {
    if prefix.is_empty() {
        path.to_string()
    } else {
        format!("{prefix}/{path}")
    }
}

/// The languages' outputs as one site. `built[0]` is the default language's.
fn join_languages(
    config: Config,
    built: Vec<(String, Built)>,
    found: &Discovered,
    clock: Stopwatch,
) -> Result<Built, Vec<Diagnostic>> {
    let mut output = Output::default();
    let mut warnings = Vec::new();
    let mut notes = Vec::new();
    let mut unpublished = std::collections::BTreeMap::new();
    let mut sources = std::collections::BTreeMap::new();
    let mut summary = super::Summary::default();
    let mut sitemaps = Vec::new();
    let mut cache_entries = Vec::new();
    for (n, (prefix, one)) in built.into_iter().enumerate() {
        cache_entries.extend(one.cache_entries);
        let files =
            std::sync::Arc::try_unwrap(one.output).map_or_else(|shared| shared.files.clone(), |output| output.files);
        for (path, source) in files {
            // robots.txt speaks for the whole host: the default language's, at the root, names
            // every language's sitemap.
            if path == "robots.txt" {
                if n == 0 {
                    output.files.insert(path, source);
                }
                continue;
            }
            output.files.insert(prefixed(&prefix, &path), source);
        }
        if n > 0 {
            sitemaps.push(format!("{}/sitemap.xml", one.config.base_url));
        }
        unpublished.extend(one.unpublished.into_iter().map(|(path, why)| (prefixed(&prefix, &path), why)));
        sources.extend(one.sources.into_iter().map(|(path, file)| (prefixed(&prefix, &path), file)));
        warnings.extend(one.warnings);
        notes.extend(one.notes);
        for (kind, n) in one.summary.pages {
            *summary.pages.entry(kind).or_insert(0) += n;
        }
        for (why, n) in one.summary.withheld {
            *summary.withheld.entry(why).or_insert(0) += n;
        }
        summary.lists += one.summary.lists;
        summary.images = (summary.images.0 + one.summary.images.0, summary.images.1 + one.summary.images.1);
        summary.rendered += one.summary.rendered;
        summary.stages.extend(one.summary.stages);
        summary.slowest.extend(one.summary.slowest);
        summary.feedback_attention.extend(one.summary.feedback_attention);
    }
    if config.default_language_in_path {
        add_root_files(&config, found, &mut output)?;
    }
    // A staged robots.txt is read back; the one made here replaces it.
    if let Some(robots) = output.files.get("robots.txt").and_then(|source| source.read().ok()) {
        let mut text = String::from_utf8_lossy(&robots).into_owned();
        for sitemap in sitemaps {
            text.push_str(&format!("Sitemap: {}\n", crate::render::absolute_links::ascii_url(&sitemap)));
        }
        output.files.insert("robots.txt".into(), FileSource::Bytes(text.into_bytes().into()));
    }
    summary.slowest.sort_by_key(|s| std::cmp::Reverse(s.0));
    summary.slowest.truncate(10);
    summary.files = output.files.len();
    summary.elapsed = clock.started.elapsed();
    let output = std::sync::Arc::new(output);
    Ok(Built { output, warnings, notes, summary, config, unpublished, sources, cache_entries })
}

/// With every language under its code, the root holds the theme's files, `static/`, and a home
/// page that sends readers on to the default language.
fn add_root_files(config: &Config, found: &Discovered, output: &mut Output) -> Result<(), Vec<Diagnostic>> {
    let theme = load_theme(config)?;
    for (path, file) in &theme.static_files {
        let source = match file {
            ThemeFile::Embedded(bytes) => FileSource::Embedded(bytes),
            ThemeFile::Disk(path) => FileSource::Copy(path.clone()),
        };
        output.files.entry(path.clone()).or_insert(source);
    }
    for file in &found.static_files {
        output.files.insert(file.rel.clone(), FileSource::Copy(file.path.clone()));
    }
    // An unknown highlighting theme is reported by each language's own build.
    for (file, css) in super::collect::syntax_stylesheets(config).unwrap_or_default() {
        output.files.entry(file.to_string()).or_insert(FileSource::Bytes(css.into_bytes().into()));
    }
    // The help widget looks for the default language's context.json beside the theme's files, and
    // hosts look for 404.html at the root: the default language's serves there.
    for file in ["help/context.json", "404.html"] {
        let Some(source) = output.files.get(&format!("{}/{file}", config.language)) else { continue };
        // A staged file is staged under its own path only: the copy is read from it when committed.
        let copy = match source {
            FileSource::Staged(path) => FileSource::Copy(path.clone()),
            other => other.clone(),
        };
        output.files.entry(file.into()).or_insert(copy);
    }
    let target = crate::html::escape_html(&format!("{}/{}/", config.base_path, config.language));
    let home = format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n  <meta charset=\"utf-8\">\n  <title>{title}</title>\n  \
         <meta http-equiv=\"refresh\" content=\"0; url={target}\">\n  <link rel=\"canonical\" href=\"{target}\">\n</head>\n\
         <body><p><a href=\"{target}\">{title}</a></p></body>\n</html>\n",
        lang = config.language,
        title = crate::html::escape_html(&config.title),
    );
    output.files.entry("index.html".into()).or_insert(FileSource::Bytes(home.into_bytes().into()));
    Ok(())
}
