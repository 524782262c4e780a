//! `folio init`: a new starter site, and with `--ci` the workflow that publishes it (also for an existing site).

use super::style::Style;
use clap::{Args, ValueEnum};
use folio::scaffold::ci::{CiHost, Install};
use folio::scaffold::{init_site_with_ci, CiSetup, Language};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args)]
pub struct InitArgs {
    /// The folder to create (must not exist, or be empty). With --ci, a folder already holding a site gets
    /// only the workflow.
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// The language of the starter content.
    #[arg(long, value_enum, default_value = "en")]
    lang: LangArg,
    /// Also write a workflow that builds the site and publishes it to GitHub Pages or GitLab Pages.
    #[arg(long, value_enum)]
    ci: Option<CiArg>,
    /// The branch whose pushes publish the site (with --ci).
    #[arg(long, default_value = "main", requires = "ci")]
    branch: String,
    /// Install Folio in CI from this git repository instead of the released version that wrote the workflow.
    #[arg(long, value_name = "URL", requires = "ci")]
    folio_git: Option<String>,
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    He,
    En,
}

#[derive(Clone, Copy, ValueEnum)]
enum CiArg {
    Github,
    Gitlab,
}

pub fn run(args: InitArgs, style: &Style) -> ExitCode {
    let InitArgs { dir, lang, ci, branch, folio_git } = args;
    let lang = match lang {
        LangArg::He => Language::Hebrew,
        LangArg::En => Language::English,
    };
    let ci = ci.map(|host| CiSetup {
        host: match host {
            CiArg::Github => CiHost::GitHub,
            CiArg::Gitlab => CiHost::GitLab,
        },
        install: match folio_git {
            Some(url) => Install::Git(url),
            // The version that wrote the workflow: CI builds the way this machine does.
            None => Install::Release(env!("CARGO_PKG_VERSION").to_string()),
        },
        branch,
    });
    let had_site = dir.join("site.yaml").is_file();
    match init_site_with_ci(&dir, lang, ci) {
        Ok(files) => {
            if !had_site {
                println!("Created a new site in {0}. Preview it with: folio serve --root {0}", dir.display());
            }
            for file in files.iter().filter(|f| f.extension().is_some_and(|e| e == "yml")) {
                println!("Wrote {}: commit it and push to publish.", file.display());
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            style.error(&e);
            ExitCode::from(1)
        }
    }
}
