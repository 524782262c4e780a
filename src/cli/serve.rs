//! `folio serve`: arguments, starting the preview server, and printing what it reports.

use super::style::Style;
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args)]
pub struct ServeArgs {
    /// The site folder, holding site.yaml.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// The port to serve on; if it is busy, the next free one is used (0: any free port).
    #[arg(long, short, default_value_t = 1111)]
    port: u16,
    /// The address to listen on. Anything but 127.0.0.1 or ::1 exposes the preview to your network.
    #[arg(long, default_value = "127.0.0.1")]
    bind: std::net::IpAddr,
    /// Open the site in the default browser.
    #[arg(long)]
    open: bool,
    /// Include pages marked `draft: true` and unapproved community articles, with a banner saying
    /// they will not be published.
    #[arg(long)]
    drafts: bool,
    /// Include pages dated in the future, with a banner.
    #[arg(long)]
    future: bool,
    /// Also print how long each stage of every rebuild took.
    #[arg(long)]
    timings: bool,
}

pub fn run(args: ServeArgs, style: Style) -> ExitCode {
    let ServeArgs { root, port, bind, open, drafts, future, timings } = args;
    if !bind.is_loopback() {
        eprintln!(
            "{} listening on {bind}: anyone who can reach this machine can read the preview, drafts included",
            style.paint("1;33", "warning:")
        );
    }
    let style = std::sync::Arc::new(style);
    let printer = style.clone();
    let log: folio::serve::Log = std::sync::Arc::new(move |event| print_serve_event(&printer, event, timings));
    let options = folio::serve::ServeOptions { root, bind, port, drafts, future };
    let server = match folio::serve::start(options, log) {
        Ok(server) => server,
        Err(e) => {
            style.error(&e);
            return ExitCode::from(1);
        }
    };
    if open {
        open_browser(&server.url);
    }
    server.wait();
    ExitCode::SUCCESS
}

fn print_serve_event(style: &Style, event: folio::serve::ServeEvent, timings: bool) {
    use folio::serve::ServeEvent;
    match event {
        ServeEvent::Listening { url, busy } => {
            if let Some(port) = busy {
                eprintln!("port {port} is busy; using the next free one");
            }
            println!("Serving at {url}/  (Ctrl+C to stop; pages reload as you save)");
        }
        ServeEvent::Built { summary, rebuilt_pages, elapsed, stages, slowest } => {
            println!(
                "{} {summary}; {rebuilt_pages} pages rendered, ready in {} ms",
                style.green("Built"),
                elapsed.as_millis()
            );
            if timings {
                println!("  {stages}");
                if let Some(slowest) = slowest {
                    println!("  {slowest}");
                }
            }
        }
        ServeEvent::Warning(d) => style.warning(&d),
        ServeEvent::Note(d) => style.note(&d),
        ServeEvent::FeedbackAttention(pages) if pages.is_empty() => println!("No page needs attention any more"),
        ServeEvent::FeedbackAttention(pages) => super::print_attention(&pages),
        ServeEvent::Feedback { line, file } => println!("{} {line}  → {}", style.green("Feedback"), file.display()),
        ServeEvent::Failed(e) => {
            for error in &e.errors {
                style.error(error);
            }
            eprintln!("{} still serving the last good version", style.red("build failed:"));
        }
    }
}

/// Opens `url` with the system's handler; failing that, the URL is already printed.
fn open_browser(url: &str) {
    let command = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(command).arg(url).spawn().is_err() {
        eprintln!("could not start a browser; open {url} yourself");
    }
}
