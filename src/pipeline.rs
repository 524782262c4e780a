//! `build_site`: from a site folder to an in-memory `Output`, one typed stage at a time.

use crate::cache::{BuildCache, CacheStats};
use crate::config::{load_config, Config};
use crate::content::rediscover_content;
use crate::diagnostics::{BuildError, Diagnostic, Location};
use crate::markdown::SiteMarkdown;
use crate::markdown::{highlight_stylesheet, render_site_markdown};
use crate::output::{FileSource, Output};
use crate::render::render_site_files;
use crate::render::{compile_templates, load_theme, render_pages, RenderInput, RenderedFile, Theme, ThemeFile};
use crate::site::git_dates::apply_git_dates;
use crate::site::{assemble_site, find_related, refresh_site, review_warning, PublishOptions, Site, Withheld};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What to build and how.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The site folder (holding site.yaml).
    pub root: PathBuf,
    /// Overrides `base_url` from site.yaml (e.g. for a staging host).
    pub base_url: Option<String>,
    /// Publish pages marked `draft: true` and community articles not yet approved.
    pub drafts: bool,
    /// Publish pages dated in the future.
    pub future: bool,
    /// Rendering for the dev server rather than for publishing.
    pub serve_mode: bool,
}

/// A successful build: the files, the warnings and the numbers for the summary line.
#[derive(Debug)]
pub struct Built {
    pub output: Output,
    pub warnings: Vec<Diagnostic>,
    pub summary: Summary,
    /// Pages in the output that would not be published (drafts built with `drafts`, future pages
    /// built with `future`): output path → page language and why, so the dev server can mark them.
    pub unpublished: BTreeMap<String, (String, Withheld)>,
}

#[derive(Debug, Default, Clone)]
pub struct Summary {
    /// Pages by kind (`post`, `article`…).
    pub pages: BTreeMap<&'static str, usize>,
    pub lists: usize,
    /// Pages left out of this build, by reason (`draft`, `future`, `expired`, `unapproved`).
    pub withheld: BTreeMap<&'static str, usize>,
    pub files: usize,
    pub elapsed: Duration,
    /// Pages rendered by this build; the rest were reused from the previous one.
    pub rendered: usize,
    /// How long each stage took, in order.
    pub stages: Vec<(&'static str, Duration)>,
    /// Pages readers flagged in `feedback.data`: "kb/a.md: 40% helpful of 12 votes".
    pub feedback_attention: Vec<String>,
}

/// Times the stages of a build.
struct Stopwatch {
    started: Instant,
    last: Instant,
    laps: Vec<(&'static str, Duration)>,
}

impl Stopwatch {
    fn new() -> Stopwatch {
        let now = Instant::now();
        Stopwatch { started: now, last: now, laps: Vec::new() }
    }

    fn lap(&mut self, stage: &'static str) {
        let now = Instant::now();
        self.laps.push((stage, now - self.last));
        self.last = now;
    }
}

/// Builds the site in memory. Nothing is written; see `output::write_output`.
pub fn build_site(options: &BuildOptions) -> Result<Built, BuildError> {
    build_site_cached(options, &mut BuildCache::default())
}

/// Builds like `build_site`, reusing from `cache` whatever the previous build made from the same
/// inputs, and leaving this build's results in it. The output is the same as a full build's.
pub fn build_site_cached(options: &BuildOptions, cache: &mut BuildCache) -> Result<Built, BuildError> {
    let mut clock = Stopwatch::new();
    let root = &options.root;
    let fail =
        |errors: Vec<Diagnostic>| BuildError::from_many(errors.into_iter().map(|d| d.relative_to(root)).collect());
    let changed = cache.changed.take();
    let config = match load_config(root).map_err(|e| fail(e.errors)).and_then(|c| with_base_url(c, options)) {
        Ok(config) => config,
        Err(e) => {
            // The changed files named in `changed` are not read now, so the next build, told only
            // of its own changes, must look at everything.
            cache.content = None;
            return Err(e);
        }
    };
    let before = cache.content.take();
    let found = rediscover_content(root, before.as_ref(), changed.as_deref());
    // The cache must mirror the disk: after a failure, the next build looks at everything again.
    cache.content = found.as_ref().ok().cloned();
    let found = found.map_err(fail)?;
    let mut warnings: Vec<Diagnostic> = found.pages.iter().flat_map(|p| p.warnings.iter().cloned()).collect();
    clock.lap("read content");
    let publish = (options.drafts, options.future);
    let previous_site = cache.site.take().filter(|(options, _)| *options == publish).map(|(_, site)| site);
    let refreshed = match (previous_site, &before) {
        (Some(site), Some(before)) => refresh_site(site, &config, before, &found),
        _ => None,
    };
    let mut site = match refreshed {
        Some(site) => site,
        None => assemble_site(config, found, &publish_options(options)).map_err(fail)?,
    };
    warnings.extend(review_warning(&site.pages, &site.config.content_dir()));
    warnings.extend(apply_git_dates(&mut site));
    clock.lap("assemble site");
    let markdown = render_site_markdown(&site, &mut cache.markdown).map_err(fail)?;
    clock.lap("render Markdown");
    let related = find_related(&site, &mut cache.related);
    clock.lap("relate pages");
    let theme = load_theme(&site.config).map_err(fail)?;
    let tera = cached_templates(&theme, &site.config.base_path, &mut cache.templates).map_err(fail)?;
    clock.lap("load theme");
    let feedback = crate::feedback::load_stats(&site).map_err(fail)?;
    let input = RenderInput {
        site: &site,
        theme: &theme,
        tera: &tera,
        markdown: &markdown,
        related: &related,
        serve_mode: options.serve_mode,
        feedback: &feedback,
    };
    let mut pages = render_pages(&input, &cache.pages).map_err(fail)?;
    clock.lap("render pages");
    cache.stats = cache_stats(&markdown, &pages);
    pages.extend(render_site_files(&site, &markdown, &theme, options.drafts, &cache.pages).map_err(fail)?);
    clock.lap("feeds and sitemap");
    cache.pages = pages.iter().map(|p| (p.path.clone(), (p.fingerprint, p.bytes.clone()))).collect();
    let mut output = collect_output(&site, &theme, pages).map_err(fail)?;
    clock.lap("collect output");
    if site.config.search.enabled {
        crate::search::add_search_index(&mut output, &site, &markdown, &mut cache.search);
        clock.lap("search index");
    }
    let mut summary = summarize(&site, &output, clock.started.elapsed());
    summary.rendered = cache.stats.pages_rendered;
    summary.stages = clock.laps;
    summary.feedback_attention = feedback.attention;
    let warnings = warnings.into_iter().chain(crate::feedback::warnings(&site)).map(|d| d.relative_to(root)).collect();
    let unpublished = site
        .pages
        .iter()
        .filter_map(|p| Some((p.withheld?, p)))
        .map(|(why, p)| (format!("{}index.html", p.url_path.trim_start_matches('/')), (p.lang.clone(), why)))
        .collect();
    cache.site = Some((publish, site));
    Ok(Built { output, warnings, summary, unpublished })
}

/// Compiles the templates, or reuses the previous build's when no template changed.
fn cached_templates(
    theme: &Theme,
    base_path: &str,
    cached: &mut Option<(u64, Arc<tera::Tera>)>,
) -> Result<Arc<tera::Tera>, Vec<Diagnostic>> {
    let key =
        crate::cache::fingerprint((theme.templates.iter().map(|(n, t)| (n, &t.text)).collect::<Vec<_>>(), base_path));
    if let Some((previous, tera)) = cached.as_ref() {
        if *previous == key {
            return Ok(tera.clone());
        }
    }
    let tera = Arc::new(compile_templates(theme, base_path)?);
    *cached = Some((key, tera.clone()));
    Ok(tera)
}

fn publish_options(options: &BuildOptions) -> PublishOptions {
    PublishOptions { drafts: options.drafts, future: options.future, ..PublishOptions::default() }
}

fn with_base_url(mut config: Config, options: &BuildOptions) -> Result<Config, BuildError> {
    if let Some(url) = &options.base_url {
        let text = format!("title: x\nbase_url: {}\n", serde_json::Value::String(url.clone()));
        let parsed = crate::config::parse_config(&text, &config.root, std::path::Path::new("--base-url"))?;
        config.base_url = parsed.base_url;
        config.base_path = parsed.base_path;
        config.fingerprint = crate::cache::fingerprint((config.fingerprint, url));
    }
    Ok(config)
}

/// Theme files, then the site's own files over them, then generated pages and stylesheets.
fn collect_output(site: &Site, theme: &Theme, pages: Vec<RenderedFile>) -> Result<Output, Vec<Diagnostic>> {
    let mut output = Output::default();
    for (path, file) in &theme.static_files {
        let source = match file {
            ThemeFile::Embedded(bytes) => FileSource::Embedded(bytes),
            ThemeFile::Disk(path) => FileSource::Copy(path.clone()),
        };
        output.files.insert(path.clone(), source);
    }
    for (path, source) in &site.files {
        output.files.insert(path.clone(), FileSource::Copy(source.clone()));
    }
    let mut errors = Vec::new();
    for RenderedFile { path, bytes, .. } in pages {
        if let Some(source) = site.files.get(&path) {
            errors.push(
                Diagnostic::new(
                    Location::file(source),
                    format!("this file would overwrite the generated page /{path}"),
                )
                .with_help("rename or move the file; generated pages cannot be replaced by static files"),
            );
        }
        output.files.insert(path, FileSource::Bytes(bytes));
    }
    let markdown = &site.config.markdown;
    for (file, theme_name, key) in [
        ("syntax-light.css", &markdown.highlight_theme, "highlight_theme"),
        ("syntax-dark.css", &markdown.highlight_theme_dark, "highlight_theme_dark"),
    ] {
        match highlight_stylesheet(theme_name) {
            Ok(css) => {
                output.files.entry(file.to_string()).or_insert(FileSource::Bytes(css.into_bytes().into()));
            }
            Err(known) => errors.push(
                Diagnostic::new(
                    Location::file(site.config.root.join("site.yaml")),
                    format!("`markdown.{key}`: unknown theme `{theme_name}`"),
                )
                .with_help(format!("choose one of: {}", known.join(", "))),
            ),
        }
    }
    if errors.is_empty() {
        Ok(output)
    } else {
        Err(errors)
    }
}

fn cache_stats(markdown: &SiteMarkdown, pages: &[RenderedFile]) -> CacheStats {
    let pages_reused = pages.iter().filter(|p| p.reused).count();
    CacheStats {
        markdown_rendered: markdown.rendered,
        markdown_reused: markdown.reused,
        pages_rendered: pages.len() - pages_reused,
        pages_reused,
    }
}

fn summarize(site: &Site, output: &Output, elapsed: Duration) -> Summary {
    let mut pages = BTreeMap::new();
    for page in &site.pages {
        *pages.entry(page.kind.name()).or_insert(0) += 1;
    }
    Summary {
        pages,
        lists: site.sections.len(),
        withheld: site.withheld.clone(),
        files: output.files.len(),
        elapsed,
        ..Default::default()
    }
}

impl Summary {
    /// "12 posts, 20 articles, 3 products, 9 lists; 61 files in 85 ms (left out: 2 draft, 1 future)".
    pub fn line(&self) -> String {
        let mut parts: Vec<String> =
            self.pages.iter().map(|(kind, n)| format!("{n} {kind}{}", if *n == 1 { "" } else { "s" })).collect();
        parts.push(format!("{} list{}", self.lists, if self.lists == 1 { "" } else { "s" }));
        let mut line = format!("{}; {} files in {} ms", parts.join(", "), self.files, self.elapsed.as_millis());
        if !self.withheld.is_empty() {
            let left_out: Vec<String> = self.withheld.iter().map(|(why, n)| format!("{n} {why}")).collect();
            line.push_str(&format!(" (left out: {})", left_out.join(", ")));
        }
        line
    }

    /// "read content 41 ms, assemble site 3 ms, …".
    pub fn stage_line(&self) -> String {
        let stages: Vec<String> =
            self.stages.iter().map(|(name, d)| format!("{name} {:.1} ms", d.as_secs_f64() * 1000.0)).collect();
        stages.join(", ")
    }
}
