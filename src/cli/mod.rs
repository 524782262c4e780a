//! Subcommands whose argument handling lives beside `main`, to keep `main.rs` a list of commands.

pub mod check;
pub mod import;
pub mod init;
pub mod progress;
pub mod review;
pub mod style;
pub mod translations;
