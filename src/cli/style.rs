//! How `folio` prints: errors, warnings and notes in colour on a terminal, plain elsewhere.

use folio::diagnostics::Diagnostic;
use std::io::IsTerminal;

/// Colours only when writing to a terminal, and never with NO_COLOR set.
pub struct Style {
    color: bool,
}

impl Style {
    pub fn detect() -> Style {
        Style { color: std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none() }
    }

    pub fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    pub fn red(&self, text: &str) -> String {
        self.paint("1;31", text)
    }

    pub fn green(&self, text: &str) -> String {
        if std::io::stdout().is_terminal() && self.color {
            self.paint("1;32", text)
        } else {
            text.to_string()
        }
    }

    pub fn error(&self, d: &Diagnostic) {
        eprintln!("{} {d}", self.red("error:"));
    }

    pub fn warning(&self, d: &Diagnostic) {
        eprintln!("{} {d}", self.paint("1;33", "warning:"));
    }

    pub fn note(&self, d: &Diagnostic) {
        eprintln!("{} {d}", self.paint("1;36", "note:"));
    }
}
