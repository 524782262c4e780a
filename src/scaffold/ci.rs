//! `folio init --ci github|gitlab`: a workflow that installs Folio, builds the site with its full git history and
//! publishes it to GitHub Pages or GitLab Pages.
//!
//! The workflow installs the Folio version that wrote it, so a site builds the same way in CI as on the writer's
//! machine until someone changes the pinned version on purpose. The base URL comes from the host at build time
//! (`--base-url`), so project pages under `/<repository>/` and custom domains both work without editing site.yaml.

/// Where the site is published from CI.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CiHost {
    GitHub,
    GitLab,
}

/// How the CI job gets Folio.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Install {
    /// `cargo install folio --version <v>` from crates.io.
    Release(String),
    /// `cargo install --git <url>`, for teams that build Folio from their own fork or checkout.
    Git(String),
}

impl Install {
    fn command(&self) -> String {
        match self {
            Install::Release(version) => format!("cargo install --locked folio --version {version}"),
            Install::Git(url) => format!("cargo install --locked --git {url} folio"),
        }
    }

    /// What the cache of the installed binary is keyed by: a new version or source installs afresh.
    fn cache_key(&self) -> String {
        match self {
            Install::Release(version) => format!("folio-{version}"),
            Install::Git(url) => format!("folio-git-{:016x}", crate::memo::fingerprint(url)),
        }
    }
}

/// The workflow file's path inside the site folder and its text.
pub fn workflow(host: CiHost, install: &Install, branch: &str) -> (&'static str, String) {
    match host {
        CiHost::GitHub => (".github/workflows/publish.yml", github(install, branch)),
        CiHost::GitLab => (".gitlab-ci.yml", gitlab(install, branch)),
    }
}

fn github(install: &Install, branch: &str) -> String {
    format!(
        r#"# Written by `folio init --ci github`. On every push to `{branch}` it builds the site and publishes it to
# GitHub Pages. Once, in the repository's Settings > Pages, set "Source" to "GitHub Actions".
# The address comes from GitHub Pages: https://<owner>.github.io/<repository>/ for a project site, or your
# custom domain. Folio makes every link start with it, so base_url in site.yaml need not match.
name: Publish the site

on:
  push:
    branches: [{branch}]
  workflow_dispatch:

permissions:
  contents: read
  pages: write
  id-token: write

# One deployment at a time; a newer push waits rather than cancelling one half done.
concurrency:
  group: pages
  cancel-in-progress: false

jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          # The whole history: `updated: git` dates each page by its last commit.
          fetch-depth: 0
      - id: pages
        uses: actions/configure-pages@v5
      - uses: actions/cache@v4
        with:
          path: ~/.cargo/bin/folio
          key: {key}-${{{{ runner.os }}}}
      - name: Install Folio
        run: command -v folio || {install}
      # Image copies, social cards and link results of earlier runs, named by what they were made from:
      # only what changed is made again. A saved cache never changes, so each run saves its own and the
      # next starts from the newest (restore-keys); a new Folio version starts afresh.
      - uses: actions/cache@v4
        with:
          path: .folio-cache
          key: folio-site-{key}-${{{{ runner.os }}}}-${{{{ github.sha }}}}
          restore-keys: folio-site-{key}-${{{{ runner.os }}}}-
      - name: Build
        run: folio build --base-url "${{{{ steps.pages.outputs.base_url }}}}"
      - uses: actions/upload-pages-artifact@v3
        with:
          path: public

  deploy:
    needs: build
    runs-on: ubuntu-latest
    environment:
      name: github-pages
      url: ${{{{ steps.deployment.outputs.page_url }}}}
    steps:
      - id: deployment
        uses: actions/deploy-pages@v4
"#,
        key = install.cache_key(),
        install = install.command(),
    )
}

fn gitlab(install: &Install, branch: &str) -> String {
    format!(
        r#"# Written by `folio init --ci gitlab`. On every push to `{branch}` it builds the site and publishes it to
# GitLab Pages. The address comes from GitLab ($CI_PAGES_URL): https://<group>.gitlab.io/<project>/ for a
# project site, or your custom domain. Folio makes every link start with it, so base_url in site.yaml need
# not match.
variables:
  # The whole history: `updated: git` dates each page by its last commit.
  GIT_DEPTH: 0

pages:
  image: rust:1
  cache:
    - key: {key}
      paths:
        - .folio-bin/
    # Image copies, social cards and link results of earlier runs, named by what they were made from:
    # only what changed is made again. Saved after every run; a new Folio version starts afresh.
    - key: folio-site-{key}
      paths:
        - .folio-cache/
  script:
    - export CARGO_INSTALL_ROOT="$CI_PROJECT_DIR/.folio-bin" PATH="$CI_PROJECT_DIR/.folio-bin/bin:$PATH"
    - command -v folio || {install}
    - folio build --base-url "$CI_PAGES_URL"
  artifacts:
    paths:
      - public
  rules:
    - if: $CI_COMMIT_BRANCH == "{branch}"
"#,
        key = install.cache_key(),
        install = install.command(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_workflow_pins_the_version_and_fetches_all_history() {
        let (path, text) = workflow(CiHost::GitHub, &Install::Release("1.2.3".into()), "main");
        assert_eq!(path, ".github/workflows/publish.yml");
        assert!(text.contains("cargo install --locked folio --version 1.2.3"), "{text}");
        assert!(text.contains("fetch-depth: 0"));
        assert!(text.contains("branches: [main]"));
        assert!(text.contains(r#"folio build --base-url "${{ steps.pages.outputs.base_url }}""#), "{text}");
        assert!(text.contains("key: folio-1.2.3-${{ runner.os }}"), "{text}");
        assert!(text.contains("key: folio-site-folio-1.2.3-${{ runner.os }}-${{ github.sha }}"), "{text}");
        assert!(text.contains("restore-keys: folio-site-folio-1.2.3-${{ runner.os }}-\n"), "{text}");
    }

    #[test]
    fn gitlab_job_installs_from_git_and_runs_on_the_branch() {
        let install = Install::Git("https://git.example.com/tools/folio.git".into());
        let (path, text) = workflow(CiHost::GitLab, &install, "trunk");
        assert_eq!(path, ".gitlab-ci.yml");
        assert!(text.contains("cargo install --locked --git https://git.example.com/tools/folio.git folio"));
        assert!(text.contains(r#"if: $CI_COMMIT_BRANCH == "trunk""#));
        assert!(text.contains("GIT_DEPTH: 0"));
    }
}
