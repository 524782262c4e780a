//! Reading a request head from bytes, strictly: anything a careful HTTP/1.1 client would not send
//! is refused with the status that says why, so ambiguous requests (two lengths, folded or
//! space-padded header names, control bytes) never reach the dev server's routes. Pure functions
//! on byte slices, so the parser can be fuzzed without a socket.

/// At most this many header lines; more is refused with 431.
pub const MAX_HEADERS: usize = 100;
/// Request targets longer than this are refused with 414.
pub const MAX_TARGET: usize = 8 * 1024;
/// Longest method name accepted (the registered ones are at most 17 characters).
const MAX_METHOD: usize = 32;

/// The request line and header fields of one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    pub method: String,
    /// Origin form (`/kb/?q=1`) or `*`; anything else is refused.
    pub target: String,
    /// The minor version: 0 for HTTP/1.0, 1 for HTTP/1.1.
    pub minor: u8,
    /// Names as sent; values with the surrounding blanks removed.
    pub headers: Vec<(String, String)>,
}

impl Head {
    /// Every value of the headers called `name` (any case).
    pub fn values(&self, name: &str) -> Vec<&str> {
        self.headers.iter().filter(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str()).collect()
    }
}

/// Why a request is refused: the status and a short explanation for the client.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Refusal {
    pub status: u16,
    pub why: &'static str,
}

const fn refuse(status: u16, why: &'static str) -> Refusal {
    Refusal { status, why }
}

/// Where a head ends: the index just past the blank line (`\r\n\r\n` or `\n\n`), searching from
/// `from` so a head that arrives byte by byte is scanned once.
pub fn find_head_end(bytes: &[u8], from: usize) -> Option<usize> {
    let start = from.saturating_sub(2);
    (start..bytes.len()).find_map(|i| {
        if bytes[i] != b'\n' {
            return None;
        }
        match &bytes[i + 1..] {
            [b'\n', ..] => Some(i + 2),
            [b'\r', b'\n', ..] => Some(i + 3),
            _ => None,
        }
    })
}

/// Parses a complete head (request line, header lines, blank line).
pub fn parse_head(bytes: &[u8]) -> Result<Head, Refusal> {
    let mut lines = bytes.split(|b| *b == b'\n').map(|line| line.strip_suffix(b"\r").unwrap_or(line));
    let (method, target, minor) = parse_request_line(lines.next().unwrap_or_default())?;
    let mut headers = Vec::new();
    for line in lines.take_while(|line| !line.is_empty()) {
        if headers.len() == MAX_HEADERS {
            return Err(refuse(431, "too many header lines"));
        }
        headers.push(parse_header_line(line)?);
    }
    let head = Head { method, target, minor, headers };
    match head.values("Host").len() {
        0 if minor == 1 => Err(refuse(400, "an HTTP/1.1 request must send a Host header")),
        0 | 1 => Ok(head),
        _ => Err(refuse(400, "more than one Host header")),
    }
}

fn parse_request_line(line: &[u8]) -> Result<(String, String, u8), Refusal> {
    const BAD_LINE: Refusal = refuse(400, "the request line must be `METHOD /path HTTP/1.1`");
    let mut parts = line.split(|b| *b == b' ');
    let (Some(method), Some(target), Some(version), None) = (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(BAD_LINE);
    };
    if method.is_empty() || method.len() > MAX_METHOD || !method.iter().all(|b| is_token_byte(*b)) {
        return Err(BAD_LINE);
    }
    if target.len() > MAX_TARGET {
        return Err(refuse(414, "the request target is too long"));
    }
    if !target.iter().all(|b| b.is_ascii_graphic()) {
        return Err(refuse(400, "the request target holds spaces, control bytes or bytes outside ASCII"));
    }
    if !(target.starts_with(b"/") || target == b"*") {
        return Err(refuse(400, "the request target must be a path starting with `/`"));
    }
    let minor = match version {
        b"HTTP/1.1" => 1,
        b"HTTP/1.0" => 0,
        [b'H', b'T', b'T', b'P', b'/', x, b'.', y] if x.is_ascii_digit() && y.is_ascii_digit() => {
            return Err(refuse(505, "only HTTP/1.0 and HTTP/1.1 are spoken here"));
        }
        _ => return Err(BAD_LINE),
    };
    // Both checked to be ASCII above.
    let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
    Ok((text(method), text(target), minor))
}

fn parse_header_line(line: &[u8]) -> Result<(String, String), Refusal> {
    if line.starts_with(b" ") || line.starts_with(b"\t") {
        return Err(refuse(400, "folded header lines are not accepted"));
    }
    let Some(colon) = line.iter().position(|b| *b == b':') else {
        return Err(refuse(400, "a header line without a colon"));
    };
    let (name, value) = (&line[..colon], &line[colon + 1..]);
    // A blank before the colon is how request smuggling hides a header from one of two parsers.
    if name.is_empty() || !name.iter().all(|b| is_token_byte(*b)) {
        return Err(refuse(400, "a header name holds a blank or a character names cannot have"));
    }
    let blank = |b: &u8| *b == b' ' || *b == b'\t';
    let start = value.iter().position(|b| !blank(b)).unwrap_or(value.len());
    let end = value.iter().rposition(|b| !blank(b)).map_or(start, |i| i + 1);
    let value = &value[start..end];
    if value.iter().any(|b| b.is_ascii_control() && *b != b'\t') {
        return Err(refuse(400, "a header value holds a control byte"));
    }
    // Bytes past ASCII are allowed in values (a cookie set by another local app may hold them).
    Ok((String::from_utf8_lossy(name).into_owned(), String::from_utf8_lossy(value).into_owned()))
}

/// The characters of a method or header name (RFC 9110 `tchar`).
fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

/// How long the body is: `Content-Length`, or 0. Chunked bodies are not read (nothing the
/// server is sent needs them); a request with both framings, or two lengths, is refused.
pub fn body_length(head: &Head, max: u64) -> Result<u64, Refusal> {
    let lengths = head.values("Content-Length");
    if !head.values("Transfer-Encoding").is_empty() {
        return Err(match lengths.first() {
            Some(_) => refuse(400, "both Transfer-Encoding and Content-Length"),
            None => refuse(411, "chunked request bodies are not accepted; send a Content-Length"),
        });
    }
    let length = match lengths[..] {
        [] => return Ok(0),
        [length] => length,
        _ => return Err(refuse(400, "more than one Content-Length")),
    };
    // Digits only: `str::parse` would also take `+5`. A number too large for a u64 is too large.
    if length.is_empty() || !length.bytes().all(|b| b.is_ascii_digit()) {
        return Err(refuse(400, "Content-Length must be a number of bytes"));
    }
    match length.parse::<u64>() {
        Ok(n) if n <= max => Ok(n),
        _ => Err(refuse(413, "the request body is too large")),
    }
}

#[cfg(test)]
#[path = "head_tests.rs"]
mod tests;
