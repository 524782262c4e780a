//! `folio check`: arguments, the run, the report in the chosen format and the exit code.

use super::style::Style;
use clap::{Args, ValueEnum};
use folio::check::{check_site, CheckOptions};
use folio::config::check::parse_duration;
use folio::config::LinkProblem;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

#[derive(Args)]
pub struct CheckArgs {
    /// The site folder, holding site.yaml.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Text for people, or JSON for other tools.
    #[arg(long, value_enum, default_value = "text")]
    format: CheckFormat,
    /// Ask every external link again, and leave .folio-cache/links.json as it is.
    #[arg(long)]
    no_cache: bool,
    /// Check only what the build can see: internal links and anchors, and the site's own full
    /// addresses; no network.
    #[arg(long)]
    offline: bool,
    /// Also check pages marked `draft: true` and pages dated in the future.
    #[arg(long)]
    drafts: bool,
    /// Kinds of external problem that fail the run, comma-separated, replacing check.fatal (default
    /// broken): broken, redirect, timeout, unreachable, server, rate_limited, anchor; `none` for none.
    #[arg(long, value_delimiter = ',')]
    fatal: Option<Vec<String>>,
    /// A URL pattern not to request, added to check.skip: a host (linkedin.com), a prefix
    /// (https://example.com/private/) or a pattern with * (https://*.example.com/*.pdf). Repeatable.
    #[arg(long)]
    skip: Vec<String>,
    /// How long one request may take (e.g. 10s, 500ms); check.timeout, default 10s.
    #[arg(long, value_parser = positive_duration)]
    timeout: Option<Duration>,
    /// How long a link that worked is trusted before it is asked again (e.g. 7d, 12h); check.max_age.
    #[arg(long, value_parser = duration)]
    max_age: Option<Duration>,
    /// Requests in flight at once over all hosts; check.concurrency, default 8.
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..))]
    concurrency: Option<u64>,
    /// Requests in flight at once to one host; check.per_host, default 2.
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..))]
    per_host: Option<u64>,
    /// Further attempts after a timeout, 429 or 5xx; check.retries, default 2.
    #[arg(long)]
    retries: Option<u32>,
    /// Also fetch pages linked with #fragment and check the fragment is there; check.anchors.
    #[arg(long)]
    anchors: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum CheckFormat {
    Text,
    Json,
}

fn duration(text: &str) -> Result<Duration, String> {
    parse_duration(text)
        .ok_or_else(|| format!("`{text}` is not a duration; write a number and a unit: ms, s, m, h or d"))
}

fn positive_duration(text: &str) -> Result<Duration, String> {
    duration(text).and_then(|d| if d.is_zero() { Err("a timeout must be longer than 0".into()) } else { Ok(d) })
}

/// Runs the check; exit 1 when a fatal problem was found, 2 for unusable arguments.
pub fn run(args: CheckArgs, style: &Style) -> ExitCode {
    let fatal = match args.fatal.as_deref().map(parse_kinds).transpose() {
        Ok(fatal) => fatal,
        Err(message) => {
            eprintln!("error: --fatal: {message}");
            return ExitCode::from(2);
        }
    };
    let progress = std::sync::Arc::new(folio::progress::Progress::default());
    let options = CheckOptions {
        root: args.root,
        drafts: args.drafts,
        use_cache: !args.no_cache,
        offline: args.offline,
        skip: args.skip,
        fatal,
        timeout: args.timeout,
        max_age: args.max_age,
        concurrency: args.concurrency.map(|n| n as usize),
        per_host: args.per_host.map(|n| n as usize),
        retries: args.retries,
        anchors: args.anchors.then_some(true),
        progress: Some(progress.clone()),
    };
    let line = super::progress::ProgressLine::start(progress, true);
    let report = check_site(&options);
    line.finish();
    let text = match args.format {
        // The report goes to stdout: coloured only when that is a terminal too, never into a pipe.
        CheckFormat::Text if std::io::IsTerminal::is_terminal(&std::io::stdout()) => {
            report.to_text().lines().map(|line| paint_severity(line, style) + "\n").collect()
        }
        CheckFormat::Text => report.to_text(),
        CheckFormat::Json => report.to_json(),
    };
    // A closed pipe (`| head`) is not an error worth a panic.
    let _ = std::io::Write::write_all(&mut std::io::stdout(), text.as_bytes());
    if report.failed() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn parse_kinds(names: &[String]) -> Result<Vec<LinkProblem>, String> {
    names.iter().filter(|n| !n.trim().is_empty() && n.trim() != "none").map(|n| LinkProblem::parse(n)).collect()
}

/// `  12: error[broken] …` with `error` in red and `warning` in yellow, when colours are on.
fn paint_severity(line: &str, style: &Style) -> String {
    let entry = line.strip_prefix("  ").filter(|rest| !rest.starts_with(' '));
    let Some(entry) = entry else { return line.to_string() };
    let at = entry.find(": ").map_or(0, |i| i + 2);
    let (code, word) = if entry[at..].starts_with("error[") {
        ("1;31", "error")
    } else if entry[at..].starts_with("warning[") {
        ("1;33", "warning")
    } else {
        return line.to_string();
    };
    format!("  {}{}{}", &entry[..at], style.paint(code, word), &entry[at + word.len()..])
}
