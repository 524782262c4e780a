//! `folio review`: arguments, today's date, and printing the list in the chosen format.

use super::style::Style;
use clap::{Args, ValueEnum};
use folio::review::{load_reviews, to_ics};
use std::path::PathBuf;
use std::process::ExitCode;
use time::OffsetDateTime;

#[derive(Args)]
pub struct ReviewArgs {
    /// The site folder, holding site.yaml.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Only the pages of this owner (a person or team, as written in `owner:`; case does not matter).
    #[arg(long)]
    owner: Option<String>,
    /// Text for people, JSON for other tools, or an iCalendar file (.ics) to import into a calendar.
    #[arg(long, value_enum, default_value = "text")]
    format: ReviewFormat,
}

#[derive(Clone, Copy, ValueEnum)]
enum ReviewFormat {
    Text,
    Json,
    Ics,
}

/// Lists the pages overdue or due within 30 days of today (UTC), as `args` ask.
pub fn run(args: ReviewArgs, style: &Style) -> ExitCode {
    let now = OffsetDateTime::now_utc();
    match load_reviews(&args.root, now.date(), args.owner.as_deref()) {
        Ok((list, host)) => {
            match args.format {
                ReviewFormat::Text => print!("{}", list.to_text()),
                ReviewFormat::Json => print!("{}", list.to_json()),
                ReviewFormat::Ics => print!("{}", to_ics(&list, now, &host)),
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            for d in &e.errors {
                style.error(d);
            }
            ExitCode::from(1)
        }
    }
}
