//! Fetching pages by URL: `thresher extract URL`, `--urls FILE` and the
//! service's `GET /extract?url=`. One blocking client (ureq, rustls), so a
//! fetch runs on the same worker threads as reading a file does.
//!
//! What a fetch guarantees:
//! - at most [`MAX_REDIRECTS`] redirects, and the page's `url` is where they
//!   ended;
//! - the body is read no further than the size cap, gzip and brotli undone;
//! - the `Content-Type` header's charset is handed to the engine, which
//!   ranks it above the page's `<meta>`;
//! - a response that is not HTML, or has an error status, is an error that
//!   names it;
//! - at most [`MAX_REQUESTS_PER_HOST`] requests to one host at once, however
//!   many workers fetch;
//! - with [`Addresses::PublicOnly`], no connection to a loopback, private,
//!   link-local or otherwise internal address, redirects included: the
//!   check is made on the addresses the name resolves to, at connection
//!   time, so a name that resolves elsewhere the second time gains nothing.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use ureq::unversioned::resolver::{DefaultResolver, ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::{DefaultConnector, NextTimeout};
use ureq::ResponseExt;

use crate::error::Error;

/// Redirects followed before giving up: browsers allow about twenty, and
/// more than a few is a loop or a tracker chain.
pub const MAX_REDIRECTS: u32 = 10;

/// Requests to one host in flight at once, however many workers fetch:
/// enough to overlap one slow response, few enough to be a polite crawler.
pub const MAX_REQUESTS_PER_HOST: usize = 2;

/// How long a fetch may take, connection to last byte, unless `--timeout`
/// says otherwise.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// Worker threads for `--urls` unless `-j` says otherwise: fetching waits
/// on the network, not the processor, so more than one per core.
pub const DEFAULT_FETCH_JOBS: usize = 16;

/// The `User-Agent` unless `--user-agent` says otherwise.
pub fn default_user_agent() -> String {
    format!("Thresher/{}", env!("CARGO_PKG_VERSION"))
}

/// Which addresses a fetch may connect to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Addresses {
    /// Any: the command line, run by the user on their own behalf.
    Any,
    /// Public addresses only: a service fetching for its callers must not
    /// be turned against the network it runs in.
    PublicOnly,
}

/// How fetches are made.
#[derive(Clone, Debug)]
pub struct FetchSettings {
    /// The whole fetch's time limit.
    pub timeout: Duration,
    /// The `User-Agent` header.
    pub user_agent: String,
    /// Bodies larger than this are not read to their end.
    pub max_bytes: usize,
    /// Which addresses may be connected to.
    pub addresses: Addresses,
}

/// A fetched page.
#[derive(Debug)]
pub struct Fetched {
    /// The body, content encodings undone.
    pub bytes: Vec<u8>,
    /// Where the redirects ended.
    pub final_url: String,
    /// The charset the `Content-Type` header names, if it names one.
    pub charset: Option<String>,
}

impl Fetched {
    /// The page to extract: its bytes, its final address, and the charset
    /// the header named.
    pub fn page(&self) -> thresher::Page<'_> {
        page_of(&self.bytes, Some(&self.final_url), self.charset.as_deref())
    }
}

/// A page from its bytes, with the address and the transport's charset
/// when known (the charset outranks the page's `<meta>`).
pub fn page_of<'a>(
    bytes: &'a [u8],
    url: Option<&'a str>,
    charset: Option<&'a str>,
) -> thresher::Page<'a> {
    let mut page = thresher::Page::from_bytes(bytes);
    if let Some(url) = url {
        page = page.with_url(url);
    }
    if let Some(charset) = charset {
        page = page.with_declared_charset(charset);
    }
    page
}

/// A client shared by all workers of a run.
#[derive(Clone, Debug)]
pub struct Fetcher {
    agent: ureq::Agent,
    max_bytes: usize,
    hosts: Arc<HostLimit>,
}

impl Fetcher {
    /// A client with `settings`.
    pub fn new(settings: &FetchSettings) -> Self {
        let config = ureq::Agent::config_builder()
            .timeout_global(Some(settings.timeout))
            .max_redirects(MAX_REDIRECTS)
            .user_agent(settings.user_agent.as_str())
            // Statuses are read and reported by us, with the status.
            .http_status_as_error(false)
            .build();
        let agent = match settings.addresses {
            Addresses::Any => ureq::Agent::new_with_config(config),
            Addresses::PublicOnly => {
                ureq::Agent::with_parts(config, DefaultConnector::default(), PublicOnly::default())
            }
        };
        Fetcher {
            agent,
            max_bytes: settings.max_bytes,
            hosts: Arc::default(),
        }
    }

    /// Fetches `url`: its body, final address and declared charset.
    pub fn fetch(&self, url: &str) -> Result<Fetched, Error> {
        let parsed = url::Url::parse(url).map_err(|e| Error::BadUrl(format!("{url}: {e}")))?;
        if !matches!(parsed.scheme(), "http" | "https") {
            return Err(Error::BadUrl(format!("{url}: not http or https")));
        }
        // The URL standard lower-cases http and https hosts already.
        let _turn = self.hosts.enter(parsed.host_str().unwrap_or_default());
        let mut response = self.agent.get(url).call().map_err(fetch_error)?;
        let status = response.status().as_u16();
        if status >= 400 {
            return Err(Error::HttpStatus(status));
        }
        let content_type = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        if !is_html(&content_type) {
            return Err(Error::NotHtml(content_type));
        }
        let final_url = response.get_uri().to_string();
        let limit = u64::try_from(self.max_bytes).unwrap_or(u64::MAX);
        let bytes = response
            .body_mut()
            .with_config()
            .limit(limit)
            .read_to_vec()
            .map_err(|e| match e {
                ureq::Error::BodyExceedsLimit(_) => Error::TooLarge {
                    limit: self.max_bytes,
                },
                other => fetch_error(other),
            })?;
        Ok(Fetched {
            bytes,
            final_url,
            charset: charset_of(&content_type),
        })
    }
}

fn fetch_error(e: ureq::Error) -> Error {
    match e {
        ureq::Error::Timeout(_) => Error::Fetch("timed out".to_owned()),
        other => Error::Fetch(other.to_string()),
    }
}

/// True for a media type a page can have: HTML, XHTML, or none given (the
/// engine sniffs). Anything else (an image, a PDF, JSON) is refused.
fn is_html(content_type: &str) -> bool {
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    matches!(
        essence.as_str(),
        "" | "text/html" | "application/xhtml+xml" | "application/xml" | "text/xml"
    )
}

/// The `charset` parameter of a `Content-Type` value, unquoted.
pub fn charset_of(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches('"').to_owned())
            .filter(|v| !v.is_empty())
    })
}

/// Requests in flight per host, and the wait for a turn.
#[derive(Debug, Default)]
struct HostLimit {
    in_flight: Mutex<HashMap<String, usize>>,
    freed: Condvar,
}

/// A request's turn at its host; ends when dropped.
struct Turn<'a> {
    limit: &'a HostLimit,
    host: String,
}

impl HostLimit {
    /// Waits until `host` has fewer than [`MAX_REQUESTS_PER_HOST`] requests
    /// in flight, and takes a turn.
    fn enter(&self, host: &str) -> Turn<'_> {
        let mut in_flight = self
            .in_flight
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        loop {
            let n = in_flight.entry(host.to_owned()).or_default();
            if *n < MAX_REQUESTS_PER_HOST {
                *n += 1;
                break;
            }
            in_flight = self
                .freed
                .wait(in_flight)
                .unwrap_or_else(|poisoned| poisoned.into_inner());
        }
        Turn {
            limit: self,
            host: host.to_owned(),
        }
    }
}

impl Drop for Turn<'_> {
    fn drop(&mut self) {
        let mut in_flight = self
            .limit
            .in_flight
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(n) = in_flight.get_mut(&self.host) {
            *n -= 1;
            if *n == 0 {
                in_flight.remove(&self.host);
            }
        }
        self.limit.freed.notify_all();
    }
}

/// A resolver that keeps public addresses only, and fails when a name has
/// none: every connection ureq makes (redirects too) resolves through it.
#[derive(Debug, Default)]
struct PublicOnly {
    inner: DefaultResolver,
}

impl Resolver for PublicOnly {
    fn resolve(
        &self,
        uri: &ureq::http::Uri,
        config: &ureq::config::Config,
        timeout: NextTimeout,
    ) -> Result<ResolvedSocketAddrs, ureq::Error> {
        let all = self.inner.resolve(uri, config, timeout)?;
        let mut public = self.empty();
        for addr in all.iter().filter(|a| is_public(a)) {
            public.push(*addr);
        }
        if public.is_empty() {
            return Err(ureq::Error::Other(
                format!(
                    "{} resolves to a loopback, private or link-local address",
                    uri.host().unwrap_or_default()
                )
                .into(),
            ));
        }
        Ok(public)
    }
}

/// True for an address on the public internet: not loopback, private,
/// link-local, shared (carrier NAT), unspecified, multicast, documentation
/// or benchmarking space, nor an IPv6 form of one of those.
pub fn is_public(addr: &SocketAddr) -> bool {
    match addr.ip() {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            !(v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_multicast()
                || v4.is_documentation()
                || a == 0
                || (a == 100 && (64..128).contains(&b))
                || (a == 198 && (b == 18 || b == 19))
                || a >= 240)
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_public(&SocketAddr::new(IpAddr::V4(v4), addr.port()));
            }
            let first = v6.segments()[0];
            !(v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (first & 0xfe00) == 0xfc00
                || (first & 0xffc0) == 0xfe80
                || first == 0x2001 && v6.segments()[1] == 0x0db8)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_header_charset_is_read_with_or_without_quotes() {
        assert_eq!(
            charset_of("text/html; charset=windows-1252").as_deref(),
            Some("windows-1252")
        );
        assert_eq!(
            charset_of("text/html;Charset=\"UTF-8\"").as_deref(),
            Some("UTF-8")
        );
        assert_eq!(charset_of("text/html"), None);
        assert_eq!(charset_of("text/html; charset="), None);
    }

    #[test]
    fn only_page_media_types_are_html() {
        assert!(is_html("text/html; charset=utf-8"));
        assert!(is_html("application/xhtml+xml"));
        assert!(is_html(""));
        assert!(!is_html("image/png"));
        assert!(!is_html("application/pdf"));
        assert!(!is_html("application/json"));
    }

    #[test]
    fn internal_addresses_are_not_public() {
        for internal in [
            "127.0.0.1:80",
            "10.1.2.3:80",
            "172.16.0.1:80",
            "192.168.1.1:80",
            "169.254.169.254:80",
            "100.64.0.1:80",
            "0.0.0.0:80",
            "[::1]:80",
            "[fe80::1]:80",
            "[fd00::1]:80",
            "[::ffff:127.0.0.1]:80",
            "[::ffff:169.254.169.254]:80",
        ] {
            let addr: SocketAddr = internal.parse().expect("an address");
            assert!(!is_public(&addr), "{internal} taken for public");
        }
        for public in ["93.184.216.34:443", "[2606:4700::1111]:443"] {
            let addr: SocketAddr = public.parse().expect("an address");
            assert!(is_public(&addr), "{public} taken for internal");
        }
    }

    #[test]
    fn a_host_takes_only_so_many_turns_at_once() {
        let limit = Arc::new(HostLimit::default());
        let first: Vec<Turn<'_>> = (0..MAX_REQUESTS_PER_HOST)
            .map(|_| limit.enter("example.org"))
            .collect();
        // Another host is not held up.
        drop(limit.enter("example.com"));
        let waiter = {
            let limit = Arc::clone(&limit);
            std::thread::spawn(move || {
                drop(limit.enter("example.org"));
            })
        };
        std::thread::sleep(Duration::from_millis(50));
        assert!(!waiter.is_finished(), "a turn past the limit waits");
        drop(first);
        waiter.join().expect("the waiter gets its turn");
    }
}
