//! Subcommands whose argument handling lives beside `main`, to keep `main.rs` a list of commands.

pub mod check;
pub mod import;
pub mod init;
pub mod progress;
pub mod review;
pub mod serve;
pub mod style;
pub mod translations;

/// The pages readers flagged in `feedback.data`, after the build line.
pub fn print_attention(pages: &[String]) {
    if !pages.is_empty() {
        println!("Pages needing attention, from reader feedback:");
        for page in pages {
            println!("  {page}");
        }
    }
}
