//! The output of one site: the theme's files, the site's own, then the generated pages and the
//! code stylesheets — a generated page never silently replaced by a file of the same name.

use super::staged::Sink;
use crate::config::Config;
use crate::diagnostics::{Diagnostic, Location};
use crate::markdown::{highlight_stylesheet, CODE_BACKGROUND_DARK, CODE_BACKGROUND_LIGHT};
use crate::output::{FileSource, Output};
use crate::render::{RenderedFile, Theme, ThemeFile};
use crate::site::Site;

/// Theme files, then the site's own files over them, then generated pages and stylesheets.
/// With a `sink`, generated files are staged and listed with where their bytes are.
pub(super) fn collect_output(
    site: &Site,
    theme: &Theme,
    pages: Vec<RenderedFile>,
    sink: Option<Sink>,
) -> Result<Output, Vec<Diagnostic>> {
    let mut output = Output::default();
    // A multilingual site publishes the theme's files once, beside its default language.
    let shared_files = site.config.view.prefix.is_empty() || site.config.languages.is_empty();
    for (path, file) in theme.static_files.iter().filter(|_| shared_files) {
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
        let source = match sink {
            Some(sink) => sink.staged(&path, &bytes).map_err(|e| vec![e])?,
            None => FileSource::Bytes(bytes),
        };
        output.files.insert(path, source);
    }
    match syntax_stylesheets(&site.config) {
        Ok(sheets) if shared_files => {
            for (file, css) in sheets {
                output.files.entry(file.to_string()).or_insert(FileSource::Bytes(css.into_bytes().into()));
            }
        }
        Ok(_) => {}
        Err(e) => errors.extend(e),
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
