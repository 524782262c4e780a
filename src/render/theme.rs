//! The theme: templates, static files and UI strings, layered so a site can override any single file.
//!
//! Layers, later winning: the default theme embedded in the binary, a theme folder chosen in
//! site.yaml, then the site's own `templates/` and `i18n/` (its `static/` is layered in `site`).

use super::strings::{UiStrings, WrittenStrings};
use super::template_uses::dependencies;
use crate::config::{Config, ThemeChoice};
use crate::diagnostics::{Diagnostic, Location};
use include_dir::{include_dir, Dir};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");
/// The default theme's `folio.css`, joined by `build.rs` from the component sheets in `themes/default/css/`.
static DEFAULT_STYLESHEET: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/folio.css"));

/// Where a theme file came from: embedded, or a file on disk.
#[derive(Debug, Clone)]
pub enum ThemeFile {
    Embedded(&'static [u8]),
    Disk(PathBuf),
}

/// A template's text and the path shown in messages about it.
#[derive(Debug, Clone)]
pub struct TemplateSource {
    pub text: String,
    pub origin: String,
}

/// The origin prefix of the templates embedded in the binary.
const BUILT_IN_ORIGIN: &str = "(built-in theme)/";

impl TemplateSource {
    /// The default theme's own template, not a site's or theme folder's override.
    pub fn is_built_in(&self) -> bool {
        self.origin.starts_with(BUILT_IN_ORIGIN)
    }
}

/// All layers merged.
#[derive(Debug, Default)]
pub struct Theme {
    pub templates: BTreeMap<String, TemplateSource>,
    /// Output path (no leading slash) → file.
    pub static_files: BTreeMap<String, ThemeFile>,
    /// UI strings by language, each already completed for missing keys (see `strings`).
    pub ui_strings: UiStrings,
    /// Font files (`fonts/` of a theme, by file name) for pictures the build draws, such as social cards.
    pub fonts: BTreeMap<String, ThemeFile>,
}

impl Theme {
    /// UI strings for `lang` (`he-IL` falls back to `he`, then to English).
    pub fn strings(&self, lang: &str) -> serde_json::Value {
        serde_json::Value::Object(self.ui_strings.for_lang(lang).cloned().unwrap_or_default())
    }
}

/// Loads and merges every theme layer for the site.
pub fn load_theme(config: &Config) -> Result<Theme, Vec<Diagnostic>> {
    let (mut theme, mut strings, mut errors) = embedded_layer();
    if let ThemeChoice::Folder(dir) = &config.theme {
        add_folder(dir, true, &mut theme, &mut strings, &mut errors);
    }
    // A site's own static/ is published by the site stage, after the theme's, so it wins there too.
    add_folder(&config.root, false, &mut theme, &mut strings, &mut errors);
    theme.ui_strings = UiStrings::complete(strings);
    if errors.is_empty() {
        Ok(theme)
    } else {
        Err(errors)
    }
}

/// The default theme's layer: the same in every build of a process, so made once (parsing its
/// UI strings was a fifth of a dev-server rebuild's sequential work at 10,000 pages) and copied.
fn embedded_layer() -> (Theme, WrittenStrings, Vec<Diagnostic>) {
    static LAYER: std::sync::OnceLock<(Theme, WrittenStrings, Vec<Diagnostic>)> = std::sync::OnceLock::new();
    let made = || {
        let mut theme = Theme::default();
        let mut strings = WrittenStrings::default();
        let mut errors = Vec::new();
        add_embedded(&DEFAULT_THEME, &mut theme, &mut strings, &mut errors);
        theme.static_files.insert("folio.css".to_string(), ThemeFile::Embedded(DEFAULT_STYLESHEET));
        (theme, strings, errors)
    };
    let (theme, strings, errors) = LAYER.get_or_init(made);
    if crate::memo::checking() {
        let (fresh, fresh_strings, _) = made();
        let texts = |t: &Theme| t.templates.iter().map(|(n, s)| (n.clone(), s.text.clone())).collect::<Vec<_>>();
        assert!(
            texts(&fresh) == texts(theme) && fresh_strings.by_lang == strings.by_lang,
            "cache check failed: the default theme's layer differs from a fresh one"
        );
    }
    let copy = Theme {
        templates: theme.templates.clone(),
        static_files: theme.static_files.clone(),
        ui_strings: UiStrings::default(),
        fonts: theme.fonts.clone(),
    };
    (copy, strings.clone(), errors.clone())
}

/// A default theme template without the indentation of its lines. The templates are indented for
/// reading; the pages need none (HTML reads a line break as a space, and no template writes a
/// `<pre>` or spreads a `<textarea>` over lines), and every page paid some 600 bytes for it. A
/// site's own templates are used as written.
pub fn without_indentation(text: &str) -> String {
    text.split_inclusive('\n').map(|line| line.trim_start_matches([' ', '\t'])).collect()
}

fn add_embedded(
    dir: &'static Dir<'static>,
    theme: &mut Theme,
    strings: &mut WrittenStrings,
    errors: &mut Vec<Diagnostic>,
) {
    for file in embedded_files(dir) {
        let rel = file.path().to_string_lossy().replace('\\', "/");
        let origin = format!("{BUILT_IN_ORIGIN}{rel}");
        if let Some(name) = rel.strip_prefix("templates/") {
            let text = without_indentation(&String::from_utf8_lossy(file.contents()));
            theme.templates.insert(name.to_string(), TemplateSource { text, origin });
        } else if let Some(name) = rel.strip_prefix("static/") {
            theme.static_files.insert(name.to_string(), ThemeFile::Embedded(file.contents()));
        } else if let Some(name) = rel.strip_prefix("fonts/") {
            theme.fonts.insert(name.to_string(), ThemeFile::Embedded(file.contents()));
        } else if let Some(lang) = rel.strip_prefix("i18n/").and_then(|n| n.strip_suffix(".yaml")) {
            let text = String::from_utf8_lossy(file.contents());
            // Only files on disk are named in warnings: a site adds its strings there, not here.
            add_strings(lang, &text, (Path::new(&origin), false), strings, errors);
        }
    }
}

fn embedded_files(dir: &'static Dir<'static>) -> Vec<&'static include_dir::File<'static>> {
    let mut files: Vec<_> = dir.files().collect();
    for sub in dir.dirs() {
        files.extend(embedded_files(sub));
    }
    files
}

/// Adds `templates/`, `i18n/` and, when asked, `static/` from a folder on disk.
fn add_folder(
    dir: &Path,
    with_static: bool,
    theme: &mut Theme,
    strings: &mut WrittenStrings,
    errors: &mut Vec<Diagnostic>,
) {
    for (rel, path) in files_under(&dir.join("templates")) {
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                theme.templates.insert(rel, TemplateSource { text, origin: path.display().to_string() });
            }
            Err(e) => errors.push(Diagnostic::new(Location::file(&path), format!("cannot read template: {e}"))),
        }
    }
    for (rel, path) in files_under(&dir.join("i18n")) {
        if let Some(lang) = rel.strip_suffix(".yaml") {
            match std::fs::read_to_string(&path) {
                Ok(text) => add_strings(lang, &text, (&path, true), strings, errors),
                Err(e) => errors.push(Diagnostic::new(Location::file(&path), format!("cannot read: {e}"))),
            }
        }
    }
    if with_static {
        for (rel, path) in files_under(&dir.join("static")) {
            theme.static_files.insert(rel, ThemeFile::Disk(path));
        }
        for (rel, path) in files_under(&dir.join("fonts")) {
            theme.fonts.insert(rel, ThemeFile::Disk(path));
        }
    }
}

fn add_strings(
    lang: &str,
    text: &str,
    (origin, on_disk): (&Path, bool),
    strings: &mut WrittenStrings,
    errors: &mut Vec<Diagnostic>,
) {
    match crate::yaml::parse::<BTreeMap<String, String>>(text, origin, 1) {
        Ok(map) => {
            strings.by_lang.entry(lang.to_string()).or_default().extend(map);
            if on_disk {
                strings.files.insert(lang.to_string(), origin.to_path_buf());
            }
        }
        Err(e) => errors.push(e.with_help("UI strings are a flat list of `key: text` lines")),
    }
}

fn files_under(dir: &Path) -> Vec<(String, PathBuf)> {
    if !dir.is_dir() {
        return Vec::new();
    }
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !crate::content::is_ignored(&e.file_name().to_string_lossy()))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap_or(e.path());
            let rel = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
            (rel, e.path().to_path_buf())
        })
        .collect()
}

/// Finds templates that pull in a missing template, and include/extends cycles, which would
/// otherwise overflow the stack while rendering.
pub fn check_template_graph(templates: &BTreeMap<String, TemplateSource>) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    let graph: BTreeMap<&str, Vec<String>> = templates
        .iter()
        .map(|(name, source)| {
            let deps = dependencies(&source.text);
            for (dep, optional) in &deps {
                if !optional && !templates.contains_key(dep) {
                    errors.push(
                        Diagnostic::new(
                            Location::file(&source.origin),
                            format!("template `{name}` uses `{dep}`, which does not exist"),
                        )
                        .with_help("check the name, or add the template to the site's templates/ folder"),
                    );
                }
            }
            (name.as_str(), deps.into_iter().map(|(d, _)| d).collect())
        })
        .collect();
    let mut reported = BTreeSet::new();
    for start in graph.keys() {
        let mut path = vec![start.to_string()];
        if let Some(cycle) = find_cycle(&graph, &mut path) {
            let key: BTreeSet<String> = cycle.iter().cloned().collect();
            if reported.insert(key.into_iter().collect::<Vec<_>>()) {
                let origin = templates.get(&cycle[0]).map_or(cycle[0].as_str(), |t| t.origin.as_str());
                errors.push(
                    Diagnostic::new(
                        Location::file(origin),
                        format!("templates include each other in a cycle: {}", cycle.join(" → ")),
                    )
                    .with_help(
                        "break the cycle: a template may not include or extend itself, directly or through others",
                    ),
                );
            }
        }
    }
    errors
}

fn find_cycle(graph: &BTreeMap<&str, Vec<String>>, path: &mut Vec<String>) -> Option<Vec<String>> {
    let current = path.last()?.clone();
    for next in graph.get(current.as_str()).into_iter().flatten() {
        if let Some(pos) = path.iter().position(|p| p == next) {
            let mut cycle = path[pos..].to_vec();
            cycle.push(next.clone());
            return Some(cycle);
        }
        if path.len() < 64 {
            path.push(next.clone());
            if let Some(cycle) = find_cycle(graph, path) {
                return Some(cycle);
            }
            path.pop();
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::template_uses::template_uses;

    fn templates(list: &[(&str, &str)]) -> BTreeMap<String, TemplateSource> {
        list.iter()
            .map(|(n, t)| (n.to_string(), TemplateSource { text: t.to_string(), origin: format!("templates/{n}") }))
            .collect()
    }

    #[test]
    fn template_fingerprint_follows_includes() {
        let before = templates(&[("a.html", "{% include \"p.html\" %}"), ("b.html", "b"), ("p.html", "1")]);
        let after = templates(&[("a.html", "{% include \"p.html\" %}"), ("b.html", "b"), ("p.html", "2")]);
        let (before, after) = (template_uses(&before), template_uses(&after));
        assert_ne!(before["a.html"].fingerprint, after["a.html"].fingerprint);
        assert_eq!(before["b.html"].fingerprint, after["b.html"].fingerprint);
    }

    #[test]
    fn finds_include_cycles() {
        let t = templates(&[("a.html", "{% include \"b.html\" %}"), ("b.html", "{%- include 'a.html' -%}")]);
        let errors = check_template_graph(&t);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].message, "templates include each other in a cycle: a.html → b.html → a.html");
    }

    #[test]
    fn finds_missing_includes_but_allows_ignore_missing() {
        let t = templates(&[("a.html", "{% extends \"base.html\" %}{% include \"x.html\" ignore missing %}")]);
        let errors = check_template_graph(&t);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].message, "template `a.html` uses `base.html`, which does not exist");
    }

    #[test]
    fn embedded_theme_has_every_default_template() {
        let config = crate::config::parse_config(
            "title: t\nbase_url: https://e.com\n",
            Path::new("/nonexistent"),
            Path::new("site.yaml"),
        )
        .unwrap();
        let theme = load_theme(&config).unwrap();
        for name in ["base.html", "home.html", "post.html", "article.html", "category.html", "kb.html", "404.html"] {
            assert!(theme.templates.contains_key(name), "{name}");
        }
        assert!(check_template_graph(&theme.templates).is_empty());
        assert_eq!(theme.strings("he-IL")["home"], theme.strings("he")["home"]);
    }
}
