//! Who `folio serve` answers. The preview holds drafts and unpublished pages, so a page on another
//! site must not read it or talk to it:
//! - Only loopback names (`localhost`, `127.0.0.0/8`, `[::1]`, any port, so SSH tunnels and port
//!   forwards work) and the address the connection came in on (the `--bind` address, with its
//!   port or none) are served; any other `Host` gets 421. DNS rebinding, where a site points a
//!   name it controls at 127.0.0.1, always arrives under the attacker's name, and an IP literal
//!   cannot be rebound.
//! - A request without `Host` (possible only in HTTP/1.0; the parser refuses it in HTTP/1.1) is
//!   served: every browser sends `Host`, so such a client is a program already on this machine or
//!   network, which could send any `Host` it liked; refusing it would protect nothing.
//! - The live-reload stream and the feedback sink take only same-origin requests: `Origin`, when
//!   sent, must be this server as the request named it, and `Sec-Fetch-Site`, when sent,
//!   `same-origin` or `none` (typed by the user). Others get 403.
//! - Pages and files take GET and HEAD, the stream GET, the sink POST; other methods get 405.

use super::http::{Request, Response};
use crate::feedback::LOCAL_ENDPOINT;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

/// The live-reload stream's path.
pub const EVENTS: &str = "/__folio/events";

/// Returns the request when it may be answered; otherwise answers it with the refusal.
pub fn admit(request: Request) -> Option<Request> {
    let local = request.local_addr().unwrap_or_else(|| SocketAddr::from(([127, 0, 0, 1], 0)));
    let verdict = judge(&Asked {
        method: request.method(),
        target: request.url(),
        host: request.header("Host"),
        origin: request.header("Origin"),
        fetch_site: request.header("Sec-Fetch-Site"),
        local,
    });
    match verdict {
        Ok(()) => Some(request),
        Err(refused) => {
            let mut response = Response::new(refused.status, refused.text, "text/plain; charset=utf-8")
                .with_header("Cache-Control", "no-store")
                .with_header("X-Content-Type-Options", "nosniff");
            if let Some(allow) = refused.allow {
                response = response.with_header("Allow", allow);
            }
            request.respond(response);
            None
        }
    }
}

/// What the decision reads from a request.
struct Asked<'a> {
    method: &'a str,
    target: &'a str,
    host: Option<&'a str>,
    origin: Option<&'a str>,
    fetch_site: Option<&'a str>,
    /// The address and port the client connected to.
    local: SocketAddr,
}

/// A refusal: status, the `Allow` header of a 405, and a line or two for the person reading it.
#[derive(Debug, PartialEq)]
struct Refused {
    status: u16,
    allow: Option<&'static str>,
    text: String,
}

fn judge(asked: &Asked) -> Result<(), Refused> {
    if let Some(host) = asked.host.filter(|host| !is_trusted_host(host, asked.local)) {
        return Err(misdirected(host, asked.local));
    }
    let path = asked.target.split('?').next().unwrap_or_default();
    let (what, allow) = match path {
        EVENTS => (Some("live-reload connections"), "GET"),
        LOCAL_ENDPOINT => (Some("feedback"), "POST"),
        _ => (None, "GET, HEAD"),
    };
    if !allow.split(", ").any(|method| method == asked.method) {
        let text = format!("{} is not answered here; {} takes {allow}.\n", printable(asked.method), printable(path));
        return Err(Refused { status: 405, allow: Some(allow), text });
    }
    match what {
        Some(what) => check_same_origin(asked, what),
        None => Ok(()),
    }
}

/// Whether `host` (a `Host` header value) names this server without any name a DNS server decides.
fn is_trusted_host(host: &str, local: SocketAddr) -> bool {
    let Some((name, port)) = split_host(host) else { return false };
    match name {
        HostName::Ip(ip) => {
            let ip = ip.to_canonical();
            ip.is_loopback() || (ip == local.ip().to_canonical() && port.is_none_or(|p| p == local.port()))
        }
        HostName::Name(name) => name.eq_ignore_ascii_case("localhost"),
    }
}

enum HostName<'a> {
    Ip(IpAddr),
    Name(&'a str),
}

/// `localhost:1111` → (`localhost`, 1111); `[::1]` → (::1, none). `None` when malformed.
fn split_host(host: &str) -> Option<(HostName<'_>, Option<u16>)> {
    let (name, after) = match host.strip_prefix('[') {
        Some(rest) => {
            let (inside, after) = rest.split_once(']')?;
            (HostName::Ip(inside.parse::<Ipv6Addr>().ok()?.into()), after)
        }
        None => {
            let (name, after) = host.find(':').map_or((host, ""), |i| host.split_at(i));
            match name.parse::<Ipv4Addr>() {
                Ok(ip) => (HostName::Ip(ip.into()), after),
                Err(_) => (HostName::Name(name), after),
            }
        }
    };
    let port = match after {
        "" => None,
        _ => {
            let digits = after.strip_prefix(':').filter(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))?;
            Some(digits.parse::<u16>().ok()?)
        }
    };
    Some((name, port))
}

fn misdirected(host: &str, local: SocketAddr) -> Refused {
    let port = local.port();
    let mut addresses = vec![format!("http://localhost:{port}/"), format!("http://127.0.0.1:{port}/")];
    let ip = local.ip().to_canonical();
    if !ip.is_loopback() {
        addresses.push(match ip {
            IpAddr::V4(v4) => format!("http://{v4}:{port}/"),
            IpAddr::V6(v6) => format!("http://[{v6}]:{port}/"),
        });
    }
    let text = format!(
        "This is Folio's preview server, and it does not answer to the name `{}`.\n\
         Open {} instead.\n\
         (Other names are refused so that a page on another site cannot point a name it controls \
         at this machine and read your preview.)\n",
        printable(host),
        addresses.join(" or ")
    );
    Refused { status: 421, allow: None, text }
}

/// Refuses what a page on another origin sent; `what` names the thing protected.
fn check_same_origin(asked: &Asked, what: &str) -> Result<(), Refused> {
    let own = asked.host.map(|host| format!("http://{host}"));
    let own_shown = own.as_deref().map_or("this server".to_string(), printable);
    let refuse = |from: String| Refused {
        status: 403,
        allow: None,
        text: format!(
            "Folio's preview takes {what} only from its own pages ({own_shown}); this request came from {from}.\n"
        ),
    };
    if let Some(site) = asked.fetch_site {
        if !site.eq_ignore_ascii_case("same-origin") && !site.eq_ignore_ascii_case("none") {
            return Err(refuse(format!("another site (`Sec-Fetch-Site: {}`)", printable(site))));
        }
    }
    match (asked.origin, own) {
        (None, _) => Ok(()),
        (Some(origin), Some(own)) if normalize_origin(origin) == normalize_origin(&own) => Ok(()),
        (Some(origin), _) => Err(refuse(format!("`{}`", printable(origin)))),
    }
}

/// Lower case, without the default port, so `http://LOCALHOST:80` is `http://localhost`.
fn normalize_origin(origin: &str) -> String {
    let origin = origin.to_ascii_lowercase();
    match origin.strip_suffix(":80") {
        Some(bare) if bare.starts_with("http://") => bare.to_string(),
        _ => origin,
    }
}

/// A request's text made safe to repeat in an answer: visible ASCII only, and not too much of it.
fn printable(text: &str) -> String {
    text.chars().filter(|c| c.is_ascii_graphic()).take(100).collect()
}

#[cfg(test)]
#[path = "trust_tests.rs"]
mod tests;
