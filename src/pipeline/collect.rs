//! The output of one site: the theme's files, the site's own, then the generated pages and the
//! code stylesheets — a generated page never silently replaced by a file of the same name.

use super::staged::Sink;
use crate::config::Config;
use crate::diagnostics::{Diagnostic, Location};
use crate::markdown::{highlight_stylesheet, CODE_BACKGROUND_DARK, CODE_BACKGROUND_LIGHT};
use crate::output::{FileSource, Output};
use crate::render::{RenderedFile, Theme, ThemeFile};
use crate::site::Site;

/// The output's files as the build gathers them: a list in which a later entry for a path replaces
/// an earlier one, made into the output's map once, at the end (`finish`). Inserting 43,000 paths
/// into the map one at a time, then the cards and the search files, was a tenth of a dev-server
/// rebuild at 10,000 pages.
#[derive(Default)]
pub(super) struct OutputFiles(Vec<(String, FileSource)>);

impl OutputFiles {
    /// Adds `path`, replacing what an earlier entry put there.
    pub(super) fn insert(&mut self, path: String, source: FileSource) {
        self.0.push((path, source));
    }

    pub(super) fn extend(&mut self, files: impl IntoIterator<Item = (String, FileSource)>) {
        self.0.extend(files);
    }

    /// The output: of the entries for one path, the last one added.
    pub(super) fn finish(mut self) -> Output {
        // Stable, so entries for one path stay in the order they were added.
        self.0.sort_by(|a, b| a.0.cmp(&b.0));
        let mut files: Vec<(String, FileSource)> = Vec::with_capacity(self.0.len());
        for (path, source) in self.0 {
            if files.last().is_some_and(|(last, _)| *last == path) {
                files.pop();
            }
            files.push((path, source));
        }
        Output { files: files.into_iter().collect() }
    }
}

/// Theme files, then the site's own files over them, then generated pages and stylesheets.
/// With a `sink`, generated files are staged and listed with where their bytes are.
pub(super) fn collect_output(
    site: &Site,
    theme: &Theme,
    pages: Vec<RenderedFile>,
    sink: Option<Sink>,
) -> Result<OutputFiles, Vec<Diagnostic>> {
    let mut output = OutputFiles::default();
    // A generated stylesheet gives way to a file of the same name, whichever comes first: it goes
    // first, so any later entry replaces it.
    let mut errors = Vec::new();
    let shared_files = site.config.view.prefix.is_empty() || site.config.languages.is_empty();
    match syntax_stylesheets(&site.config) {
        Ok(sheets) if shared_files => {
            for (file, css) in sheets {
                output.insert(file.to_string(), FileSource::Bytes(css.into_bytes().into()));
            }
        }
        Ok(_) => {}
        Err(e) => errors.extend(e),
    }
    // A multilingual site publishes the theme's files once, beside its default language.
    for (path, file) in theme.static_files.iter().filter(|_| shared_files) {
        let source = match file {
            ThemeFile::Embedded(bytes) => FileSource::Embedded(bytes),
            ThemeFile::Disk(path) => FileSource::Copy(path.clone()),
        };
        output.insert(path.clone(), source);
    }
    for (path, source) in &site.files {
        output.insert(path.clone(), FileSource::Copy(source.clone()));
    }
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
        let source = match sink {
            Some(sink) => sink.staged(&path, &bytes).map_err(|e| vec![e])?,
            None => FileSource::Bytes(bytes),
        };
        output.insert(path, source);
    }
    if errors.is_empty() {
        Ok(output)
    } else {
        Err(errors)
    }
}

/// `syntax-light.css` and `syntax-dark.css` from `markdown.highlight_theme` and `highlight_theme_dark`,
/// their colours made readable on the theme's code backgrounds; an unknown theme is an error naming the key.
pub(super) fn syntax_stylesheets(config: &Config) -> Result<Vec<(&'static str, String)>, Vec<Diagnostic>> {
    let markdown = &config.markdown;
    let mut sheets = Vec::new();
    let mut errors = Vec::new();
    for (file, theme_name, key, background) in [
        ("syntax-light.css", &markdown.highlight_theme, "highlight_theme", CODE_BACKGROUND_LIGHT),
        ("syntax-dark.css", &markdown.highlight_theme_dark, "highlight_theme_dark", CODE_BACKGROUND_DARK),
    ] {
        match highlight_stylesheet(theme_name, background) {
            Ok(css) => sheets.push((file, css)),
            Err(known) => errors.push(
                Diagnostic::new(
                    Location::file(config.root.join("site.yaml")),
                    format!("`markdown.{key}`: unknown theme `{theme_name}`"),
                )
                .with_help(format!("choose one of: {}", known.join(", "))),
            ),
        }
    }
    if errors.is_empty() {
        Ok(sheets)
    } else {
        Err(errors)
    }
}
