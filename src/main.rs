//! The `folio` command: parse arguments, call the library, print what happened, set the exit code.

use clap::{Args, Parser, Subcommand, ValueEnum};
use folio::diagnostics::Diagnostic;
use folio::scaffold::{self, NewKind};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use cli::style::Style;

mod allocator;
mod cli;

/// Folio builds a company's executive blog and customer knowledge site from a folder of Markdown.
#[derive(Parser)]
#[command(name = "folio", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into a folder of static files.
    Build(BuildArgs),
    /// Preview the site: build it into memory, serve it locally and reload open pages on every change.
    Serve(cli::serve::ServeArgs),
    /// Create a new site with a post, an article, a product with its guide and an author; with --ci, also a
    /// workflow that publishes it.
    Init(cli::init::InitArgs),
    /// Create a new content file with front matter, in the right folder.
    New {
        /// What to create.
        #[arg(value_enum)]
        kind: KindArg,
        /// The title (an author's name); the file name is made from it.
        title: String,
        /// The site folder, holding site.yaml.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// For articles: the knowledge-base category folder (e.g. billing).
        #[arg(long)]
        category: Option<String>,
    },
    /// Read what readers said: reports on exported feedback.
    #[command(subcommand)]
    Feedback(FeedbackCommand),
    /// Move an existing blog in: a WordPress export, or any RSS or Atom feed.
    #[command(subcommand)]
    Import(cli::import::ImportCommand),
    /// What each owner must re-verify: pages overdue, then due within 30 days (text, JSON or iCalendar).
    Review(cli::review::ReviewArgs),
    /// Check every link: internal links and anchors (the build's errors) and external links, asked
    /// politely and cached; a report by page, failing only for what you call fatal.
    Check(cli::check::CheckArgs),
    /// Where each translation stands against its original; `--stamp FILE` records that it is up to date.
    Translations(cli::translations::TranslationsArgs),
}

#[derive(Subcommand)]
enum FeedbackCommand {
    /// Per page: votes, share found helpful, reasons and recent comments; pages needing attention first.
    Report {
        /// Exported feedback: JSON lines (as `folio serve` writes them) or .csv with the same column names.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Print text for people, or JSON or CSV for other tools.
        #[arg(long, value_enum, default_value = "text")]
        format: ReportFormat,
    },
    /// Run a local feedback endpoint on its own (folio serve has one built in): submissions are
    /// appended to a JSON-lines file and printed. Point feedback.endpoint at it to try a built site.
    Serve {
        /// The port to listen on (0: any free port).
        #[arg(long, short, default_value_t = 8787)]
        port: u16,
        /// The address to listen on.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// The JSON-lines file to append submissions to.
        #[arg(long, default_value = "feedback.jsonl")]
        file: PathBuf,
        /// The form field naming the thank-you page (feedback.redirect_field).
        #[arg(long, default_value = "redirect")]
        redirect_field: String,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum ReportFormat {
    Text,
    Json,
    Csv,
}

#[derive(Args)]
struct BuildArgs {
    /// The site folder, holding site.yaml.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Where to write the site (relative to the current folder). Defaults to <root>/public.
    #[arg(long, short)]
    output: Option<PathBuf>,
    /// Publish at this address instead of site.yaml's base_url (e.g. a staging host).
    #[arg(long)]
    base_url: Option<String>,
    /// Include pages marked `draft: true` and community articles not yet approved.
    #[arg(long)]
    drafts: bool,
    /// Include pages dated in the future.
    #[arg(long)]
    future: bool,
    /// Print nothing but errors: no progress, warnings, notes or summary.
    #[arg(long, short)]
    quiet: bool,
    /// Also print how long each stage of the build took.
    #[arg(long)]
    timings: bool,
    /// Remove every entry of .folio-cache/ (resized images, social cards) this build did not use.
    /// Without it, a successful build removes only entries no build used for `cache.max_age`
    /// (site.yaml, default 30d). Nothing is removed while a `folio serve` of the site runs.
    #[arg(long)]
    gc: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum KindArg {
    Post,
    Article,
    Guide,
    Product,
    Author,
}

fn main() -> ExitCode {
    allocator::keep_freed_memory();
    allocator::no_huge_pages();
    let cli = Cli::parse();
    let style = Style::detect();
    match cli.command {
        Command::Build(args) => build(args, &style),
        Command::Serve(args) => cli::serve::run(args, style),
        Command::Init(args) => cli::init::run(args, &style),
        Command::Import(command) => cli::import::run(command, &style),
        Command::Review(args) => cli::review::run(args, &style),
        Command::Check(args) => cli::check::run(args, &style),
        Command::Translations(args) => cli::translations::run(args, &style),
        Command::Feedback(FeedbackCommand::Report { files, format }) => feedback_report(&files, format, &style),
        Command::Feedback(FeedbackCommand::Serve { port, bind, file, redirect_field }) => {
            feedback_serve(folio::serve::EndpointOptions { bind, port, file, redirect_field }, &style)
        }
        Command::New { kind, title, root, category } => {
            let kind = match kind {
                KindArg::Post => NewKind::Post,
                KindArg::Article => NewKind::Article,
                KindArg::Guide => NewKind::Guide,
                KindArg::Product => NewKind::Product,
                KindArg::Author => NewKind::Author,
            };
            report(
                scaffold::new_content(&root, kind, &title, category.as_deref()).map(|path| {
                    println!("Created {}", path.display());
                }),
                &style,
            )
        }
    }
}

fn build(args: BuildArgs, style: &Style) -> ExitCode {
    let BuildArgs { root, output, base_url, drafts, future, quiet, timings, gc } = args;
    let output_dir = output.unwrap_or_else(|| root.join("public"));
    if let Err(e) = folio::output::check_output_dir(&root, &output_dir) {
        style.error(&e);
        return ExitCode::from(1);
    }
    let progress = std::sync::Arc::new(folio::progress::Progress::default());
    let line = cli::progress::ProgressLine::start(progress.clone(), !quiet);
    let options = folio::BuildOptions { root, base_url, drafts, future, serve_mode: false, progress: Some(progress) };
    // Files go to a staging folder in the output folder as they are made; a failed build removes
    // it (when `staging` is dropped) and leaves the output folder as it was.
    // What this output folder's files were when the last build left them (see `output::stamps`).
    let record = folio::output::record_path(&options.root.join(folio::pipeline::CACHE_DIR), &output_dir);
    let build_cache = options.root.join(folio::pipeline::CACHE_DIR);
    let cache_root = options.root.join(folio::disk_cache::CACHE_ROOT);
    // Before any cache is looked at: cache files changed through their links are removed.
    folio::output::links::start_check(&build_cache, &cache_root);
    let staging = match folio::output::Staging::open(&output_dir) {
        Ok(staging) => staging.remembering(record.clone()).linking(cache_root.clone()),
        Err(e) => {
            line.finish();
            style.error(&e);
            return ExitCode::from(1);
        }
    };
    let built = folio::build_site_staged(&options, &staging);
    line.finish();
    let built = match built {
        Ok(built) => built,
        Err(e) => {
            for error in &e.errors {
                style.error(error);
            }
            let n = e.errors.len();
            eprintln!("{} {n} error{}; nothing was written", style.red("build failed:"), if n == 1 { "" } else { "s" });
            return ExitCode::from(1);
        }
    };
    // Warnings and notes are advice for a person reading the build; `--quiet` is for scripts.
    for warning in built.warnings.iter().filter(|_| !quiet) {
        style.warning(warning);
    }
    for note in built.notes.iter().filter(|_| !quiet) {
        style.note(note);
    }
    let committed = staging.commit(&built.output);
    // Only a build that succeeded and was written says which cache entries are still wanted.
    let pruned = committed.as_ref().ok().map(|report| {
        let ledger = folio::output::links::checked_ledger();
        let (line, renewed) = prune_cache(&options.root, &built, &record, gc, &ledger);
        let moved = report.written + report.removed + renewed > 0;
        folio::output::links::record_links(ledger, &build_cache, &cache_root, &built.output, moved);
        line
    });
    let code = match committed {
        Ok(_) if quiet => ExitCode::SUCCESS,
        Ok(report) => {
            let (line, dir) = (built.summary.line(), output_dir.display());
            println!("{} {line} → {dir} ({})", style.green("Built"), report.line());
            if timings {
                println!("  {}", built.summary.stage_line());
                if let Some(slowest) = built.summary.slowest_line() {
                    println!("  {slowest}");
                }
            }
            cli::print_attention(&built.summary.feedback_attention);
            if let Some(line) = pruned.flatten() {
                println!("  {line}");
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            style.error(&e);
            ExitCode::from(1)
        }
    };
    // The process ends now: freeing the build's tens of thousands of output entries would only
    // cost time (the operating system takes the memory back whole).
    std::mem::forget(built);
    code
}

/// Renews the cache entries `built` used and removes those `gc` or `cache.max_age` say are stale
/// (an entry that cannot be removed is left for next time); what to print about it, if anything,
/// and how many entries were renewed. The links `ledger` vouches for the times of the cache
/// files it names (see `output::links`).
fn prune_cache(
    root: &Path,
    built: &folio::Built,
    record: &Path,
    gc: bool,
    ledger: &folio::output::links::Ledger,
) -> (Option<String>, usize) {
    use folio::disk_cache::{prune_cache, record_use, used_entries, Sweep};
    let now = std::time::SystemTime::now();
    let mut used = used_entries(root, &built.output);
    used.extend(built.cache_entries.iter().cloned());
    used.insert(record.to_path_buf());
    used.insert(record.with_file_name(folio::output::links::LEDGER));
    let renewed = record_use(&used, now, Some(ledger));
    let sweep = if gc { Sweep::Unused } else { Sweep::OlderThan(built.config.cache.max_age) };
    (prune_cache(root, &used, sweep, now).line(), renewed)
}

fn feedback_report(files: &[PathBuf], format: ReportFormat, style: &Style) -> ExitCode {
    let submissions = match folio::feedback::read_exports(files) {
        Ok(submissions) => submissions,
        Err(errors) => {
            for error in &errors {
                style.error(error);
            }
            return ExitCode::from(1);
        }
    };
    let report = folio::feedback::build_report(&submissions);
    let text = match format {
        ReportFormat::Text => report.to_text(),
        ReportFormat::Json => serde_json::to_string_pretty(&report).unwrap_or_default() + "\n",
        ReportFormat::Csv => report.to_csv(),
    };
    // A closed pipe (`| head`) is not an error worth a panic.
    let _ = std::io::Write::write_all(&mut std::io::stdout(), text.as_bytes());
    ExitCode::SUCCESS
}

fn feedback_serve(options: folio::serve::EndpointOptions, style: &Style) -> ExitCode {
    let file = options.file.display().to_string();
    let log: folio::serve::EndpointLog = std::sync::Arc::new(|line: &str| println!("Feedback {line}"));
    match folio::serve::start_endpoint(options, log) {
        Ok(endpoint) => {
            println!("Receiving feedback at {} → {file}  (Ctrl+C to stop)", endpoint.url);
            endpoint.wait();
            ExitCode::SUCCESS
        }
        Err(e) => {
            style.error(&e);
            ExitCode::from(1)
        }
    }
}

fn report(result: Result<(), Diagnostic>, style: &Style) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            style.error(&e);
            ExitCode::from(1)
        }
    }
}
