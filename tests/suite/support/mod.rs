pub mod chromium;
pub mod devtools;
pub mod git;
pub mod serve;
pub mod site;
pub mod static_server;
