//! Code blocks highlighted at build time with CSS classes, never inline styles, so one light and one
//! dark stylesheet theme every block, and a strict Content-Security-Policy needs no `unsafe-inline`.

use comrak::adapters::SyntaxHighlighterAdapter;
use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt::{self, Write};
use std::sync::OnceLock;
use syntect::highlighting::ThemeSet;
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// Syntax definitions load in tens of milliseconds; they are loaded once per process, on first use.
fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

fn themes() -> &'static ThemeSet {
    static SET: OnceLock<ThemeSet> = OnceLock::new();
    SET.get_or_init(ThemeSet::load_defaults)
}

/// The stylesheet for one syntect theme, its colours made readable on the code `background`
/// (`super::contrast`), or the names of the themes there are.
pub fn highlight_stylesheet(theme: &str, background: [u8; 3]) -> Result<String, Vec<String>> {
    let set = themes();
    let Some(theme) = set.themes.get(theme) else {
        return Err(set.themes.keys().cloned().collect());
    };
    let theme = super::contrast::readable_theme(theme, background);
    syntect::html::css_for_theme_with_class_style(&theme, CLASS_STYLE).map_err(|_| Vec::new())
}

/// Highlights fenced code by language name (`rust`, `bash`, `json`…).
pub struct Highlighter;

impl Highlighter {
    pub fn new() -> Self {
        Highlighter
    }
}

impl Default for Highlighter {
    fn default() -> Self {
        Self::new()
    }
}

/// Code blocks without highlighting, still marked left-to-right.
pub struct Plain;
pub static PLAIN: Plain = Plain;

fn write_pre(output: &mut dyn Write) -> fmt::Result {
    // Code reads left to right even on a Hebrew page.
    // A focusable block can be scrolled sideways with the keyboard (WCAG 2.1.1).
    output.write_str("<pre class=\"code\" dir=\"ltr\" tabindex=\"0\">")
}

fn write_code(output: &mut dyn Write, attributes: &HashMap<&'static str, Cow<'_, str>>) -> fmt::Result {
    match attributes.get("class") {
        Some(class) => write!(output, "<code class=\"{}\">", crate::html::escape_html(class)),
        None => output.write_str("<code>"),
    }
}

fn write_escaped(output: &mut dyn Write, code: &str) -> fmt::Result {
    output.write_str(&crate::html::escape_html(code))
}

impl SyntaxHighlighterAdapter for Highlighter {
    fn write_highlighted(&self, output: &mut dyn Write, lang: Option<&str>, code: &str) -> fmt::Result {
        let set = syntaxes();
        let syntax = lang.filter(|l| !l.is_empty()).and_then(|l| set.find_syntax_by_token(l));
        let Some(syntax) = syntax else {
            return write_escaped(output, code);
        };
        let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, set, CLASS_STYLE);
        for line in LinesWithEndings::from(code) {
            if generator.parse_html_for_line_which_includes_newline(line).is_err() {
                return write_escaped(output, code);
            }
        }
        output.write_str(&generator.finalize())
    }

    fn write_pre_tag(&self, output: &mut dyn Write, _: HashMap<&'static str, Cow<'_, str>>) -> fmt::Result {
        write_pre(output)
    }

    fn write_code_tag(&self, output: &mut dyn Write, attributes: HashMap<&'static str, Cow<'_, str>>) -> fmt::Result {
        write_code(output, &attributes)
    }
}

impl SyntaxHighlighterAdapter for Plain {
    fn write_highlighted(&self, output: &mut dyn Write, _: Option<&str>, code: &str) -> fmt::Result {
        write_escaped(output, code)
    }

    fn write_pre_tag(&self, output: &mut dyn Write, _: HashMap<&'static str, Cow<'_, str>>) -> fmt::Result {
        write_pre(output)
    }

    fn write_code_tag(&self, output: &mut dyn Write, attributes: HashMap<&'static str, Cow<'_, str>>) -> fmt::Result {
        write_code(output, &attributes)
    }
}
