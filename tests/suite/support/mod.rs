pub mod chromium;
pub mod git;
pub mod serve;
pub mod site;
