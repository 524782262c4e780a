pub mod chromium;
pub mod site;
