//! Asking a server about one address: HEAD first, GET when the server refuses HEAD or the page's
//! ids are needed; redirects followed one hop at a time, so permanent ones can be reported; and
//! retries with growing pauses after a timeout, 429 or 5xx, honouring `Retry-After` up to a cap.

use super::html_scan::element_ids;
use crate::config::LinkProblem;
use std::collections::HashSet;
use std::time::Duration;

/// Redirect hops followed before giving up.
const MAX_REDIRECTS: usize = 10;
/// A server asking to be left alone longer than this is reported as rate-limited, not waited for.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(60);
/// A page read for its ids is read this far; anchors live in the markup, which is never this long.
const MAX_PAGE_BYTES: u64 = 8 * 1024 * 1024;

/// What an address answered, as the report and the cache keep it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Verdict {
    /// `None` when the link works.
    pub problem: Option<LinkProblem>,
    /// The final HTTP status, when there was one.
    pub status: Option<u16>,
    /// What happened, in words: `404 Not Found`, `timed out after 10s`.
    pub detail: String,
    /// Where a permanent redirect led.
    pub moved_to: Option<String>,
}

impl Verdict {
    fn problem(problem: LinkProblem, status: Option<u16>, detail: impl Into<String>) -> Self {
        Verdict { problem: Some(problem), status, detail: detail.into(), moved_to: None }
    }
}

/// A verdict, and the ids of the page when they were asked for and it was read.
pub struct Answer {
    pub verdict: Verdict,
    pub ids: Option<HashSet<String>>,
}

/// Checks addresses with one shared HTTP agent.
pub struct Prober {
    agent: ureq::Agent,
    timeout: Duration,
    retries: u32,
    /// The first pause between attempts; each later one is twice as long.
    backoff: Duration,
}

impl Prober {
    pub fn new(timeout: Duration, retries: u32, backoff: Duration) -> Prober {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .tls_config(crate::import::fetch::tls_config())
            .timeout_global(Some(timeout))
            .http_status_as_error(false)
            .max_redirects(0)
            .user_agent(concat!("folio/", env!("CARGO_PKG_VERSION"), " (link check)"))
            .build()
            .into();
        Prober { agent, timeout, retries, backoff }
    }

    /// Checks `url` (without its fragment), reading the page's ids when `want_ids`.
    pub fn check(&self, url: &str, want_ids: bool) -> Answer {
        let mut attempt = 0;
        loop {
            let (answer, retry_after) = self.attempt(url, want_ids);
            let transient = matches!(
                answer.verdict.problem,
                Some(LinkProblem::Timeout | LinkProblem::Server | LinkProblem::RateLimited)
            );
            if !transient || attempt >= self.retries {
                return answer;
            }
            let pause = match retry_after {
                Some(wait) if wait > MAX_RETRY_AFTER => {
                    let mut answer = answer;
                    answer.verdict.detail.push_str(&format!(" (asked to wait {}s)", wait.as_secs()));
                    return answer;
                }
                Some(wait) => wait,
                None => self.backoff * 2u32.saturating_pow(attempt),
            };
            std::thread::sleep(pause);
            attempt += 1;
        }
    }

    /// One attempt, following redirects; also the server's `Retry-After`, if it sent one.
    fn attempt(&self, url: &str, want_ids: bool) -> (Answer, Option<Duration>) {
        let mut current = url.to_string();
        let mut permanent = false;
        for _ in 0..=MAX_REDIRECTS {
            let response = match self.request(&current, want_ids) {
                Ok(response) => response,
                Err(e) => return (Answer { verdict: self.failure(&e), ids: None }, None),
            };
            let status = response.status();
            let header = |name: &str| response.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_string);
            if status.is_redirection() {
                if let Some(location) = header("location") {
                    permanent |= matches!(status.as_u16(), 301 | 308);
                    current = join_url(&current, location.trim());
                    continue;
                }
            }
            let retry_after = header("retry-after").and_then(|v| parse_retry_after(&v));
            let code = status.as_u16();
            let words = format!("{code} {}", status.canonical_reason().unwrap_or("")).trim().to_string();
            let moved =
                |words: String| if permanent { format!("{words} after a redirect to {current}") } else { words };
            let verdict = match code {
                200..=299 if permanent => Verdict {
                    problem: Some(LinkProblem::Redirect),
                    status: Some(code),
                    detail: format!("moved permanently to {current}"),
                    moved_to: Some(current.clone()),
                },
                200..=299 => Verdict { problem: None, status: Some(code), detail: words, moved_to: None },
                429 => Verdict::problem(LinkProblem::RateLimited, Some(code), words),
                500.. => Verdict::problem(LinkProblem::Server, Some(code), moved(words)),
                _ => Verdict::problem(LinkProblem::Broken, Some(code), moved(words)),
            };
            // Only HTML has ids; a PDF's `#page=2` is for the viewer, not a missing anchor.
            let html = header("content-type").is_none_or(|t| t.to_ascii_lowercase().contains("html"));
            let ids = (want_ids && status.is_success() && html).then(|| read_ids(response)).flatten();
            return (Answer { verdict, ids }, retry_after);
        }
        let verdict = Verdict::problem(LinkProblem::Unreachable, None, format!("more than {MAX_REDIRECTS} redirects"));
        (Answer { verdict, ids: None }, None)
    }

    /// HEAD, or GET when the body is needed or the server will not answer HEAD.
    fn request(&self, url: &str, want_body: bool) -> Result<ureq::http::Response<ureq::Body>, ureq::Error> {
        // Pages may link to Hebrew addresses as written; HTTP takes them percent-encoded.
        let url = &crate::render::absolute_links::ascii_url(url);
        if !want_body {
            let head = self.agent.head(url).call()?;
            if !matches!(head.status().as_u16(), 403 | 405 | 501) {
                return Ok(head);
            }
        }
        self.agent.get(url).call()
    }

    fn failure(&self, error: &ureq::Error) -> Verdict {
        let timed_out = match error {
            ureq::Error::Timeout(_) => true,
            ureq::Error::Io(e) => matches!(e.kind(), std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock),
            _ => false,
        };
        if timed_out {
            let limit = self.timeout;
            let limit = if limit.subsec_millis() == 0 {
                format!("{}s", limit.as_secs())
            } else {
                format!("{}ms", limit.as_millis())
            };
            Verdict::problem(LinkProblem::Timeout, None, format!("no answer within {limit}"))
        } else {
            let detail = match error {
                ureq::Error::HostNotFound => "no such host".to_string(),
                ureq::Error::ConnectionFailed => "cannot connect".to_string(),
                ureq::Error::Io(e) => format!("cannot connect: {e}"),
                ureq::Error::BadUri(_) => format!("not a usable address: {error}"),
                other => other.to_string(),
            };
            Verdict::problem(LinkProblem::Unreachable, None, detail)
        }
    }
}

fn read_ids(response: ureq::http::Response<ureq::Body>) -> Option<HashSet<String>> {
    let bytes = response.into_body().into_with_config().limit(MAX_PAGE_BYTES).read_to_vec().ok()?;
    Some(element_ids(&String::from_utf8_lossy(&bytes)))
}

/// `Retry-After` as seconds or an HTTP date.
fn parse_retry_after(value: &str) -> Option<Duration> {
    if let Ok(seconds) = value.trim().parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = time::OffsetDateTime::parse(value.trim(), &time::format_description::well_known::Rfc2822).ok()?;
    let wait = at - time::OffsetDateTime::now_utc();
    Some(Duration::from_secs(wait.whole_seconds().max(0) as u64))
}

/// The address a `Location` header names, read against the address that sent it.
pub fn join_url(base: &str, location: &str) -> String {
    if location.split_once("://").is_some_and(|(scheme, _)| !scheme.contains(['/', '?', '#'])) {
        return location.to_string();
    }
    let (scheme, rest) = base.split_once("://").unwrap_or(("https", base));
    if let Some(authority_and_path) = location.strip_prefix("//") {
        return format!("{scheme}://{authority_and_path}");
    }
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let origin = format!("{scheme}://{}", &rest[..authority_end]);
    if location.starts_with('/') {
        return format!("{origin}{location}");
    }
    let path = rest[authority_end..].split(['?', '#']).next().unwrap_or("");
    let dir = path.rfind('/').map_or("/", |i| &path[..=i]);
    format!("{origin}{dir}{location}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_are_read_against_the_current_address() {
        assert_eq!(join_url("https://a.com/x/y?q", "https://b.com/z"), "https://b.com/z");
        assert_eq!(join_url("https://a.com/x/y?q", "//c.com/z"), "https://c.com/z");
        assert_eq!(join_url("http://a.com:8080/x/y", "/z"), "http://a.com:8080/z");
        assert_eq!(join_url("http://a.com/x/y", "z?1"), "http://a.com/x/z?1");
        assert_eq!(join_url("http://a.com", "z"), "http://a.com/z");
    }

    #[test]
    fn retry_after_is_seconds_or_a_date() {
        assert_eq!(parse_retry_after("2"), Some(Duration::from_secs(2)));
        assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), Some(Duration::ZERO));
        assert_eq!(parse_retry_after("soon"), None);
    }
}
