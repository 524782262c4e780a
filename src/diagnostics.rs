//! Problems found while building, each tied to a place in the user's files.
//!
//! The build collects every problem it can find before giving up, so a writer fixes them in one pass
//! instead of one per run. `main` alone decides how they are printed.

use std::fmt;
use std::path::{Path, PathBuf};

/// Where in a user's file a problem is. Line and column are 1-based; 0 means "not known".
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct Location {
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
}

impl Location {
    pub fn new(file: impl Into<PathBuf>, line: usize, column: usize) -> Self {
        Location { file: file.into(), line, column }
    }

    /// A location that names only the file.
    pub fn file(file: impl Into<PathBuf>) -> Self {
        Location::new(file, 0, 0)
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
            if self.column > 0 {
                write!(f, ":{}", self.column)?;
            }
        }
        Ok(())
    }
}

/// One problem: where, what, and what the writer can do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub location: Location,
    pub message: String,
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn new(location: Location, message: impl Into<String>) -> Self {
        Diagnostic { location, message: message.into(), help: None }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Shows paths relative to `root`, which is how writers think of their files.
    pub fn relative_to(mut self, root: &Path) -> Self {
        if let Ok(rel) = self.location.file.strip_prefix(root) {
            self.location.file = rel.to_path_buf();
        }
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.message)?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

/// Why a build failed: every error found, in file order.
#[derive(Debug)]
pub struct BuildError {
    pub errors: Vec<Diagnostic>,
}

impl BuildError {
    pub fn one(diagnostic: Diagnostic) -> Self {
        BuildError { errors: vec![diagnostic] }
    }

    /// Sorts by file and line so the report reads top to bottom, whatever order threads finished in.
    pub fn from_many(mut errors: Vec<Diagnostic>) -> Self {
        errors.sort_by(|a, b| a.location.cmp(&b.location).then_with(|| a.message.cmp(&b.message)));
        errors.dedup();
        BuildError { errors }
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, error) in self.errors.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "error: {error}")?;
        }
        Ok(())
    }
}

impl std::error::Error for BuildError {}

/// The closest of `candidates` to `word`, if it is close enough to be a likely typo.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(word, c), c))
        .filter(|(distance, c)| *distance <= (c.chars().count() / 3).max(1) && *distance > 0)
        .min()
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn location_prints_file_line_column() {
        assert_eq!(Location::new("content/a.md", 3, 7).to_string(), "content/a.md:3:7");
        assert_eq!(Location::new("content/a.md", 3, 0).to_string(), "content/a.md:3");
        assert_eq!(Location::file("site.yaml").to_string(), "site.yaml");
    }

    #[test]
    fn closest_suggests_typos_only() {
        let keys = ["title", "description", "base_url"];
        assert_eq!(closest("titel", keys), Some("title"));
        assert_eq!(closest("descripton", keys), Some("description"));
        assert_eq!(closest("colour", keys), None);
    }
}
