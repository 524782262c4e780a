pub mod chromium;
pub mod git;
pub mod site;
