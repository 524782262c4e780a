//! `folio init --ci github|gitlab`: the workflow files are valid YAML of the host's shape, and their shell
//! steps, run here as the CI runner would run them, build the site at the address the host gives.

use serde_yaml::Value;
use std::path::{Path, PathBuf};
use std::process::Command;
use support::site::assert_contains;

use crate::support;

fn folio(args: &[&str], dir: &Path) -> (i32, String, String) {
    let out =
        Command::new(env!("CARGO_BIN_EXE_folio")).args(args).current_dir(dir).env("NO_COLOR", "1").output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

/// Runs one CI shell line in `dir` with this build's `folio` first on PATH, as a runner that installed it would.
fn run_step(line: &str, dir: &Path, env: &[(&str, &str)]) {
    let bin: PathBuf = Path::new(env!("CARGO_BIN_EXE_folio")).parent().unwrap().into();
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
    let out = Command::new("sh")
        .arg("-ec")
        .arg(line)
        .current_dir(dir)
        .env("PATH", path)
        .envs(env.iter().copied())
        .output()
        .unwrap();
    assert!(out.status.success(), "step failed: {line}\n{}", String::from_utf8_lossy(&out.stderr));
}

fn yaml(path: &Path) -> Value {
    serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn github_workflow_builds_the_site_for_a_project_page() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out, err) = folio(&["init", "site", "--ci", "github"], dir.path());
    assert_eq!(code, 0, "{err}");
    assert_contains(
        &out,
        &["Created a new site in site", ".github/workflows/publish.yml: commit it and push to publish"],
    );
    let site = dir.path().join("site");
    let flow = yaml(&site.join(".github/workflows/publish.yml"));
    assert_eq!(flow["on"]["push"]["branches"][0], "main");
    assert_eq!(flow["permissions"]["pages"], "write");
    let steps = flow["jobs"]["build"]["steps"].as_sequence().unwrap();
    let uses = |name: &str| steps.iter().find(|s| s["uses"].as_str().is_some_and(|u| u.starts_with(name))).unwrap();
    assert_eq!(uses("actions/checkout")["with"]["fetch-depth"], 0, "updated: git needs the whole history");
    assert_eq!(uses("actions/upload-pages-artifact")["with"]["path"], "public");
    // The site's cache (image copies, social cards, link results) comes back before the build, under a
    // key of its own per run that restores the newest earlier one and is tied to the Folio version.
    let position = |step: &Value| steps.iter().position(|s| s == step).unwrap();
    let caches: Vec<&Value> =
        steps.iter().filter(|s| s["uses"].as_str().is_some_and(|u| u.starts_with("actions/cache@"))).collect();
    let site_cache =
        caches.iter().find(|s| s["with"]["path"] == ".folio-cache").expect("a cache step for .folio-cache");
    let key = site_cache["with"]["key"].as_str().unwrap();
    let restore = site_cache["with"]["restore-keys"].as_str().unwrap();
    assert!(key.ends_with("-${{ github.sha }}") && key.starts_with(restore), "{key} / {restore}");
    assert!(restore.starts_with(&format!("folio-site-folio-{}-", env!("CARGO_PKG_VERSION"))), "{restore}");
    let build = steps.iter().find(|s| s["name"] == "Build").unwrap();
    assert!(position(site_cache) < position(build), "the cache is restored before the build");
    let binary = caches.iter().find(|s| s["with"]["path"] == "~/.cargo/bin/folio").unwrap();
    assert!(!binary["with"]["key"].as_str().unwrap().starts_with(restore), "the two caches never restore each other");
    assert_eq!(flow["jobs"]["deploy"]["needs"], "build");
    assert!(flow["jobs"]["deploy"]["steps"][0]["uses"].as_str().unwrap().starts_with("actions/deploy-pages@"));

    // The shell steps, with GitHub's expression filled in as Pages fills it for a project site.
    for step in steps.iter().filter_map(|s| s["run"].as_str()) {
        run_step(&step.replace("${{ steps.pages.outputs.base_url }}", "https://acme.github.io/help"), &site, &[]);
    }
    let home = std::fs::read_to_string(site.join("public/index.html")).unwrap();
    assert_contains(&home, &["href=\"/help/blog/\"", "href=\"/help/folio.css"]);
    assert!(site.join(".folio-cache/cards").is_dir(), "the build fills the folder the workflow caches");
    assert_eq!(std::fs::read_to_string(site.join(".gitignore")).unwrap(), "/public/\n/.folio-cache/\n");
}

#[test]
fn gitlab_job_adds_to_an_existing_site_and_builds_with_the_pages_url() {
    let dir = tempfile::tempdir().unwrap();
    folio(&["init", "site", "--lang", "he"], dir.path());
    let site = dir.path().join("site");
    let (code, out, err) = folio(&["init", ".", "--ci", "gitlab", "--branch", "trunk"], &site);
    assert_eq!(code, 0, "{err}");
    assert!(!out.contains("Created a new site"), "an existing site only gets the workflow: {out}");
    let job = yaml(&site.join(".gitlab-ci.yml"));
    assert_eq!(job["variables"]["GIT_DEPTH"], 0);
    assert_eq!(job["pages"]["artifacts"]["paths"][0], "public");
    assert_eq!(job["pages"]["rules"][0]["if"], "$CI_COMMIT_BRANCH == \"trunk\"");
    // Two caches: the installed binary, and the site's .folio-cache/ under a key tied to the Folio version.
    let caches = job["pages"]["cache"].as_sequence().expect("a list of caches");
    let paths: Vec<&str> = caches.iter().map(|c| c["paths"][0].as_str().unwrap()).collect();
    assert_eq!(paths, [".folio-bin/", ".folio-cache/"]);
    let version_key = format!("folio-{}", env!("CARGO_PKG_VERSION"));
    assert_eq!(caches[0]["key"], version_key.as_str());
    assert_eq!(caches[1]["key"], format!("folio-site-{version_key}").as_str());
    let project = site.to_str().unwrap();
    for line in job["pages"]["script"].as_sequence().unwrap() {
        let env = [("CI_PROJECT_DIR", project), ("CI_PAGES_URL", "https://acme.gitlab.io/docs")];
        run_step(line.as_str().unwrap(), &site, &env);
    }
    let home = std::fs::read_to_string(site.join("public/index.html")).unwrap();
    assert_contains(&home, &["<html lang=\"he\" dir=\"rtl\"", "href=\"/docs/blog/\""]);
    assert!(site.join(".folio-cache/cards").is_dir(), "the build fills the folder the job caches");

    // A second run never replaces the workflow someone may have edited.
    let (code, _, err) = folio(&["init", ".", "--ci", "gitlab"], &site);
    assert_eq!(code, 1);
    assert_contains(&err, &[".gitlab-ci.yml", "already exists", "delete it first"]);
}

#[test]
fn ci_options_need_ci_and_a_git_install_is_pinned_to_its_source() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = folio(&["init", "site", "--branch", "trunk"], dir.path());
    assert_eq!(code, 2);
    assert_contains(&err, &["--ci"]);
    let (code, _, err) =
        folio(&["init", "site", "--ci", "github", "--folio-git", "https://git.example.com/folio.git"], dir.path());
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(dir.path().join("site/.github/workflows/publish.yml")).unwrap();
    assert_contains(
        &text,
        &["cargo install --locked --git https://git.example.com/folio.git folio", "key: folio-git-"],
    );
}

/// Every `folio` command in the publishing guide runs, with the variables the hosts set, and the build names the
/// address the host gave in its sitemap.
#[test]
fn every_folio_command_in_the_publishing_guide_works() {
    let guide = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/content/docs/deploy.md")).unwrap();
    let commands: Vec<&str> = guide.lines().filter(|l| l.starts_with("folio ")).collect();
    assert!(commands.len() >= 8, "{commands:?}");
    let dir = tempfile::tempdir().unwrap();
    folio(&["init", "site"], dir.path());
    let site = dir.path().join("site");
    let hosts = [
        ("DEPLOY_PRIME_URL", "https://deploy-preview-7--acme.netlify.app"),
        ("CF_PAGES_URL", "https://5f3a.acme.pages.dev"),
        ("VERCEL_URL", "acme-git-fix-acme.vercel.app"),
        ("CI_PAGES_URL", "https://acme.gitlab.io/help"),
    ];
    for command in commands {
        run_step(command, &site, &hosts);
        if !command.starts_with("folio build") {
            continue;
        }
        let sitemap = std::fs::read_to_string(site.join("public/sitemap.xml")).unwrap();
        let expected = hosts
            .iter()
            .find(|(name, _)| command.contains(name))
            .map(|(_, value)| if value.starts_with("https") { value.to_string() } else { format!("https://{value}") })
            .unwrap_or_else(|| "https://example.com".into());
        assert!(sitemap.contains(&format!("<loc>{expected}/")), "{command}: {sitemap}");
    }
    assert!(site.join(".github/workflows/publish.yml").is_file() && site.join(".gitlab-ci.yml").is_file());
}
