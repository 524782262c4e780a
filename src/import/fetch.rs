//! Reading a feed from its address. TLS certificates are checked against the system's trust store.

use crate::diagnostics::{Diagnostic, Location};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

/// No blog's feed is this large; a limit keeps a wrong address from filling memory.
const MAX_FEED_BYTES: u64 = 64 * 1024 * 1024;

/// HTTPS through rustls with ring, trusting the platform's certificates: what every request Folio
/// makes uses (the importers here, `folio check`'s link prober).
pub fn tls_config() -> ureq::tls::TlsConfig {
    ureq::tls::TlsConfig::builder()
        .provider(ureq::tls::TlsProvider::Rustls)
        .root_certs(ureq::tls::RootCerts::PlatformVerifier)
        .unversioned_rustls_crypto_provider(Arc::new(rustls::crypto::ring::default_provider()))
        .build()
}

/// Downloads `url` as text.
pub fn fetch_text(url: &str) -> Result<String, Diagnostic> {
    let at = || Location::file(Path::new(url));
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .tls_config(tls_config())
        .timeout_global(Some(Duration::from_secs(60)))
        .user_agent(concat!("folio/", env!("CARGO_PKG_VERSION"), " (feed import)"))
        .build()
        .into();
    let response = agent.get(url).call().map_err(|e| {
        let help = match e {
            ureq::Error::StatusCode(404) => {
                "check the address; blogs publish their feed at /feed, /rss.xml, /blog-feed.xml or /atom.xml"
            }
            ureq::Error::StatusCode(_) => "the server refused; open the address in a browser to see why",
            _ => "check the address and your connection, or download the feed and give its file instead",
        };
        Diagnostic::new(at(), format!("cannot download the feed: {e}")).with_help(help)
    })?;
    let bytes = response
        .into_body()
        .into_with_config()
        .limit(MAX_FEED_BYTES)
        .read_to_vec()
        .map_err(|e| Diagnostic::new(at(), format!("cannot read the feed: {e}")))?;
    String::from_utf8(bytes).map_err(|_| {
        Diagnostic::new(at(), "the feed is not UTF-8 text")
            .with_help("download it, convert it to UTF-8 and import the file")
    })
}
