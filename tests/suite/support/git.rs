//! Git checkouts for fixture sites, with fixed identities and commit dates.
#![allow(dead_code)]

use std::path::Path;
use std::process::Command;

/// Commits everything in `dir` (making it a repository first if it is not one) as of `date`.
pub fn commit_all(dir: &Path, date: &str) {
    for args in [&["init", "-q"][..], &["add", "-A"], &["commit", "-q", "--allow-empty", "-m", "change"]] {
        let out = Command::new("git")
            .args(["-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false"])
            .args(args)
            .current_dir(dir)
            .env("GIT_AUTHOR_DATE", date)
            .env("GIT_COMMITTER_DATE", date)
            .output()
            .expect("git runs");
        assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    }
}
