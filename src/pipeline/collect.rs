//! The output of one site: the theme's files, the site's own, then the generated pages and the
//! code stylesheets — a generated page never silently replaced by a file of the same name.

use super::staged::Sink;
use crate::config::Config;
use crate::diagnostics::{Diagnostic, Location};
use crate::markdown::{highlight_stylesheet, CODE_BACKGROUND_DARK, CODE_BACKGROUND_LIGHT};
use crate::memo::checking;
use crate::output::{FileSource, Output};
use crate::render::{RenderedFile, Theme, ThemeFile};
use crate::site::Site;
use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

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

    /// The output: of the entries for one path, the last one added. `order` is the previous
    /// build's: when the paths came in the same sequence, they are put in the order found then.
    pub(super) fn finish(self, order: &mut OutputOrder) -> Output {
        if !order.holds(&self.0) && !order.patch(&self.0) {
            *order = OutputOrder::of(&self.0);
        } else if checking() {
            assert!(
                OutputOrder::of(&self.0).order == order.order,
                "cache check failed: the output's entries came as before but sort differently"
            );
        }
        let mut entries: Vec<Option<(String, FileSource)>> = self.0.into_iter().map(Some).collect();
        let files = order.order.iter().filter_map(|&i| entries[i as usize].take());
        Output { files: files.collect() }
    }
}

/// The order a build's output entries were put in (see `OutputFiles::finish`): sorting 43,000
/// paths again after a dev-server rebuild at 10,000 pages, where they came in the same sequence as
/// before, was a tenth of its sequential work. Comparing the sequence with the last one costs a
/// fraction of that.
#[derive(Debug, Default)]
pub(crate) struct OutputOrder {
    /// Every entry's path in the sequence they were added, one after another.
    paths: String,
    /// Where each path ends in `paths`.
    ends: Vec<u32>,
    /// Of the entries, by their place in the sequence, those the output keeps (the last one
    /// added for each path), in the order of their paths.
    order: Vec<u32>,
}

impl OutputOrder {
    /// The order of `entries`, worked out.
    fn of(entries: &[(String, FileSource)]) -> OutputOrder {
        let mut sorted: Vec<u32> = (0..entries.len() as u32).collect();
        // Stable, so entries for one path stay in the order they were added; on every core, as
        // `folio build` sorts 43,000 paths at 10,000 pages after the pages are made.
        sorted.par_sort_by(|&a, &b| entries[a as usize].0.cmp(&entries[b as usize].0));
        let mut order: Vec<u32> = Vec::with_capacity(sorted.len());
        for i in sorted {
            if order.last().is_some_and(|&last| entries[last as usize].0 == entries[i as usize].0) {
                order.pop();
            }
            order.push(i);
        }
        OutputOrder { order, ..OutputOrder::of_sequence(entries) }
    }

    /// The sequence of `entries`' paths, without an order.
    fn of_sequence(entries: &[(String, FileSource)]) -> OutputOrder {
        let mut paths = String::with_capacity(entries.iter().map(|(path, _)| path.len()).sum());
        let mut ends = Vec::with_capacity(entries.len());
        for (path, _) in entries {
            paths.push_str(path);
            ends.push(paths.len() as u32);
        }
        OutputOrder { paths, ends, order: Vec::new() }
    }

    /// The order of `entries`, patched from this one, when they came as before but for a few
    /// entries at the same places with other paths (a social card whose page's title changed is
    /// named by its new digest) and no path comes twice, before or now: the sorted order is then
    /// this one without those entries, and with them put in where their new paths sort. `false`
    /// (and this order untouched) otherwise.
    fn patch(&mut self, entries: &[(String, FileSource)]) -> bool {
        /// Beyond this many, sorting afresh costs about as much as inserting one by one.
        const MOST: usize = 64;
        if entries.len() != self.ends.len() || self.order.len() != self.ends.len() {
            return false;
        }
        let mut moved = Vec::new();
        for (i, (path, _)) in entries.iter().enumerate() {
            if self.path(i) != path {
                moved.push(i);
                if moved.len() > MOST {
                    return false;
                }
            }
        }
        let path = |i: u32| entries[i as usize].0.as_str();
        let mut order: Vec<u32> =
            self.order.iter().copied().filter(|&i| moved.binary_search(&(i as usize)).is_err()).collect();
        for &m in &moved {
            let at = order.partition_point(|&i| path(i) < path(m as u32));
            if order.get(at).is_some_and(|&i| path(i) == path(m as u32)) {
                return false;
            }
            order.insert(at, m as u32);
        }
        *self = OutputOrder { order, ..OutputOrder::of_sequence(entries) };
        true
    }

    /// Whether `entries` came with the paths, in the sequence, this order was worked out for.
    fn holds(&self, entries: &[(String, FileSource)]) -> bool {
        entries.len() == self.ends.len() && entries.iter().enumerate().all(|(i, (path, _))| self.path(i) == path)
    }

    fn path(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.paths[start..self.ends[i] as usize]
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
    for RenderedFile { path, .. } in &pages {
        if let Some(source) = site.files.get(path) {
            errors.push(
                Diagnostic::new(
                    Location::file(source),
                    format!("this file would overwrite the generated page /{path}"),
                )
                .with_help("rename or move the file; generated pages cannot be replaced by static files"),
            );
        }
    }
    // Where each page's bytes are, looked up in the staging folder on every core (20,000 pages at 10,000).
    let sources: Vec<Result<FileSource, Diagnostic>> = pages
        .par_iter()
        .map(|RenderedFile { path, bytes, .. }| match sink {
            Some(sink) => sink.staged(path, bytes),
            None => Ok(FileSource::Bytes(bytes.clone())),
        })
        .collect();
    for (RenderedFile { path, .. }, source) in pages.into_iter().zip(sources) {
        output.insert(path, source.map_err(|e| vec![e])?);
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
        match stylesheet_once(theme_name, background) {
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

/// `highlight_stylesheet`, made once per process for each theme and background: it is made from
/// those alone (and the themes built into Folio), and making it was a twentieth of a dev-server
/// rebuild after a text edit at 1,000 pages. The checked mode makes it again and compares.
fn stylesheet_once(theme: &str, background: [u8; 3]) -> Result<String, Vec<String>> {
    type Made = HashMap<(String, [u8; 3]), Result<String, Vec<String>>>;
    static MADE: OnceLock<Mutex<Made>> = OnceLock::new();
    let made = MADE.get_or_init(Default::default);
    let key = (theme.to_string(), background);
    let kept = made.lock().unwrap_or_else(|e| e.into_inner()).get(&key).cloned();
    if let Some(kept) = kept {
        if checking() {
            assert!(kept == highlight_stylesheet(theme, background), "cache check failed: stylesheet of `{theme}`");
        }
        return kept;
    }
    let fresh = highlight_stylesheet(theme, background);
    made.lock().unwrap_or_else(|e| e.into_inner()).insert(key, fresh.clone());
    fresh
}

#[cfg(test)]
mod tests {
    use super::{OutputFiles, OutputOrder};
    use crate::output::FileSource;

    fn files(entries: &[(&str, &str)]) -> OutputFiles {
        let mut files = OutputFiles::default();
        for (path, text) in entries {
            files.insert(path.to_string(), FileSource::Bytes(text.as_bytes().into()));
        }
        files
    }

    fn texts(output: &crate::output::Output) -> Vec<(String, String)> {
        output.files.keys().map(|path| (path.clone(), output.text(path).unwrap())).collect()
    }

    #[test]
    fn the_last_entry_for_a_path_wins_in_a_kept_order_as_in_a_fresh_one() {
        let first = [("b", "1"), ("a", "1"), ("b", "2"), ("c", "1")];
        let mut order = OutputOrder::default();
        let output = files(&first).finish(&mut order);
        let expected = [("a", "1"), ("b", "2"), ("c", "1")].map(|(p, t)| (p.to_string(), t.to_string()));
        assert_eq!(texts(&output), expected);
        // The same paths in the same sequence, other bytes: the kept order, and the new bytes.
        let again = [("b", "3"), ("a", "3"), ("b", "4"), ("c", "3")];
        let output = files(&again).finish(&mut order);
        let expected = [("a", "3"), ("b", "4"), ("c", "3")].map(|(p, t)| (p.to_string(), t.to_string()));
        assert_eq!(texts(&output), expected);
        // Another sequence is sorted again, as a fresh order would be.
        let other = [("c", "5"), ("b", "5"), ("a", "5"), ("a", "6")];
        let output = files(&other).finish(&mut order);
        let fresh = files(&other).finish(&mut OutputOrder::default());
        assert_eq!(texts(&output), texts(&fresh));
        assert_eq!(texts(&output)[0], ("a".to_string(), "6".to_string()));
    }

    #[test]
    fn a_few_entries_renamed_in_place_are_put_where_a_fresh_order_puts_them() {
        let first = [("d", "1"), ("b", "1"), ("f", "1"), ("a", "1")];
        let mut order = OutputOrder::default();
        files(&first).finish(&mut order);
        // Two entries renamed in place, one to sort first and one to sort between others.
        let renamed = [("d", "2"), ("0", "2"), ("f", "2"), ("c", "2")];
        assert!(order.patch(&files(&renamed).0));
        assert_eq!(order.order, OutputOrder::of(&files(&renamed).0).order);
        let output = files(&renamed).finish(&mut order);
        assert_eq!(texts(&output), texts(&files(&renamed).finish(&mut OutputOrder::default())));
        // A rename onto a path another entry has is not patched: the last entry must win.
        let clash = [("d", "3"), ("0", "3"), ("f", "3"), ("d", "4")];
        let mut kept = OutputOrder::of(&files(&renamed).0);
        assert!(!kept.patch(&files(&clash).0));
        let output = files(&clash).finish(&mut kept);
        assert_eq!(texts(&output), texts(&files(&clash).finish(&mut OutputOrder::default())));
        assert_eq!(output.text("d").as_deref(), Some("4"));
        // Nor is an order that kept only one of two entries for a path.
        let twice = [("a", "5"), ("a", "6"), ("b", "5")];
        let mut kept = OutputOrder::of(&files(&twice).0);
        assert!(!kept.patch(&files(&[("a", "7"), ("c", "7"), ("b", "7")]).0));
    }
}
