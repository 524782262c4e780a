//! Fixture sites written into temporary folders, built through the library or the real binary.
#![allow(dead_code)]

use folio::{build_site, BuildError, BuildOptions, Built};
use std::path::{Path, PathBuf};
use std::process::Command;

/// A site in a temporary folder, removed when dropped.
pub struct TestSite {
    dir: tempfile::TempDir,
}

pub const MINIMAL_CONFIG: &str = "title: Test Site\nbase_url: https://example.com\nlanguage: en\n";

impl TestSite {
    /// An empty site with a minimal English site.yaml.
    pub fn new() -> TestSite {
        TestSite::with_config(MINIMAL_CONFIG)
    }

    pub fn with_config(config: &str) -> TestSite {
        let site = TestSite { dir: tempfile::tempdir().expect("temp dir") };
        site.file("site.yaml", config);
        site
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file (creating folders); returns self for chaining.
    pub fn file(&self, rel: &str, text: &str) -> &TestSite {
        let path = self.dir.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
        self
    }

    /// A real PNG picture of `width`×`height` pixels (a gradient), for pages that show images:
    /// Folio reads every image a page shows, so a few bytes of text would be a broken picture.
    pub fn picture(&self, rel: &str, width: u32, height: u32) -> &TestSite {
        let picture = image::RgbImage::from_fn(width, height, |x, y| {
            image::Rgb([(x * 255 / width) as u8, (y * 255 / height) as u8, ((x + y) % 256) as u8])
        });
        let mut bytes = std::io::Cursor::new(Vec::new());
        picture.write_to(&mut bytes, image::ImageFormat::Png).unwrap();
        let path = self.dir.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes.into_inner()).unwrap();
        self
    }

    /// A Markdown page with the given front matter lines and body.
    pub fn page(&self, rel: &str, front: &str, body: &str) -> &TestSite {
        self.file(&format!("content/{rel}"), &format!("---\n{front}\n---\n{body}"))
    }

    pub fn try_build(&self) -> Result<Built, BuildError> {
        build_site(&BuildOptions { root: self.root().to_path_buf(), ..Default::default() })
    }

    pub fn try_build_with(&self, options: BuildOptions) -> Result<Built, BuildError> {
        build_site(&BuildOptions { root: self.root().to_path_buf(), ..options })
    }

    /// Builds and panics with every error if the build fails.
    pub fn build(&self) -> BuiltSite {
        match self.try_build() {
            Ok(built) => BuiltSite { built },
            Err(e) => panic!("build failed:\n{e}"),
        }
    }

    /// Builds expecting failure; returns the error report.
    pub fn build_error(&self) -> String {
        match self.try_build() {
            Ok(_) => panic!("build succeeded but an error was expected"),
            Err(e) => e.to_string(),
        }
    }

    /// Runs the real `folio` binary with `args` in the site folder.
    pub fn run(&self, args: &[&str]) -> CliRun {
        let out = Command::new(env!("CARGO_BIN_EXE_folio"))
            .args(args)
            .current_dir(self.root())
            .env("NO_COLOR", "1")
            .output()
            .expect("run folio");
        CliRun {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.root().join(rel)
    }
}

/// What a run of the binary did.
#[derive(Debug)]
pub struct CliRun {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// A successful build, with helpers to read its files.
pub struct BuiltSite {
    pub built: Built,
}

impl BuiltSite {
    /// The text of an output file; panics listing the files if it is missing.
    pub fn text(&self, path: &str) -> String {
        self.built.output.text(path).unwrap_or_else(|| {
            let files: Vec<&String> = self.built.output.files.keys().collect();
            panic!("no output file {path}; files: {files:?}")
        })
    }

    pub fn has(&self, path: &str) -> bool {
        self.built.output.files.contains_key(path)
    }

    pub fn warnings(&self) -> Vec<String> {
        self.built.warnings.iter().map(|w| w.to_string()).collect()
    }

    pub fn notes(&self) -> Vec<String> {
        self.built.notes.iter().map(|n| n.to_string()).collect()
    }
}

/// Asserts that `haystack` contains every needle, showing the haystack on failure.
#[track_caller]
pub fn assert_contains(haystack: &str, needles: &[&str]) {
    for needle in needles {
        assert!(haystack.contains(needle), "expected to find {needle:?} in:\n{haystack}");
    }
}

#[track_caller]
pub fn assert_lacks(haystack: &str, needles: &[&str]) {
    for needle in needles {
        assert!(!haystack.contains(needle), "did not expect {needle:?} in:\n{haystack}");
    }
}
