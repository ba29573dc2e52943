//! Requesting source URLs: each URL once, `HEAD` first and `GET` when the server refuses
//! `HEAD` (405, 501) or the `HEAD` request fails, redirects followed, with connect and read
//! timeouts, and one retry after a 429 answer. At most [`Options::jobs`] requests run at a time, and at most
//! [`Options::per_host`] to any one host, so a file citing many pages of one site does not
//! hammer it. HTTP is `ureq` (blocking, rustls); the workers are plain threads.

use std::collections::HashMap;
use std::sync::{Condvar, Mutex};
use std::time::Duration;
use ureq::ResponseExt;
use ureq::http::{StatusCode, Uri};

/// How to check.
#[derive(Debug, Clone)]
pub struct Options {
    /// Connect timeout, and the longest wait for a response once connected.
    pub timeout: Duration,
    /// Requests in flight at once, in all.
    pub jobs: usize,
    /// Requests in flight at once to one host.
    pub per_host: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            timeout: Duration::from_secs(20),
            jobs: 8,
            per_host: 2,
        }
    }
}

/// Why a URL is broken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// The server answered 4xx.
    ClientError,
    /// The server answered 5xx.
    ServerError,
    /// The host name does not resolve.
    Dns,
    /// The TLS handshake or certificate failed.
    Tls,
    /// No connection or answer within the timeout.
    Timeout,
    /// The connection was refused, reset or broke off.
    Connection,
    /// Redirects went on too long (or in a loop).
    TooManyRedirects,
    /// The URL is not an absolute http(s) URL.
    InvalidUrl,
    /// Anything else (a protocol error).
    Other,
}

impl Failure {
    /// The word used in JSON output and annotations.
    pub fn as_str(self) -> &'static str {
        match self {
            Failure::ClientError => "4xx",
            Failure::ServerError => "5xx",
            Failure::Dns => "dns",
            Failure::Tls => "tls",
            Failure::Timeout => "timeout",
            Failure::Connection => "connection",
            Failure::TooManyRedirects => "too-many-redirects",
            Failure::InvalidUrl => "invalid-url",
            Failure::Other => "other",
        }
    }
}

/// What requesting one URL gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// A 2xx or 3xx answer at the URL itself.
    Ok {
        /// The HTTP status.
        status: u16,
    },
    /// A 2xx or 3xx answer after following redirects elsewhere.
    Redirected {
        /// The HTTP status of the final answer.
        status: u16,
        /// Where the redirects ended.
        final_url: String,
    },
    /// The URL is broken.
    Broken {
        /// Why.
        failure: Failure,
        /// The HTTP status, when the server answered.
        status: Option<u16>,
        /// Where redirects ended, when they led elsewhere.
        final_url: Option<String>,
        /// What went wrong, in words.
        message: String,
    },
}

impl Outcome {
    /// Whether the URL is broken.
    pub fn is_broken(&self) -> bool {
        matches!(self, Outcome::Broken { .. })
    }
}

/// A function told (done, total) after each URL is checked, from any worker thread.
pub type Progress<'a> = &'a (dyn Fn(usize, usize) + Sync);

/// Requests every URL once; the outcomes are in the order of `urls`.
pub fn check(urls: &[&str], opts: &Options, progress: Progress<'_>) -> Vec<Outcome> {
    let agent = agent(opts);
    let hosts: Vec<Option<String>> = urls.iter().map(|u| host(u)).collect();
    let queue = Queue {
        state: Mutex::new(State {
            pending: (0..urls.len()).collect(),
            in_flight: HashMap::new(),
        }),
        changed: Condvar::new(),
        per_host: opts.per_host.max(1),
    };
    let results: Mutex<Vec<Option<Outcome>>> = Mutex::new(vec![None; urls.len()]);
    let workers = opts.jobs.clamp(1, urls.len().max(1));
    let done = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                while let Some(i) = queue.take(&hosts) {
                    let outcome = match &hosts[i] {
                        Some(_) => request(&agent, urls[i]),
                        None => Outcome::Broken {
                            failure: Failure::InvalidUrl,
                            status: None,
                            final_url: None,
                            message: "not an absolute http or https URL".into(),
                        },
                    };
                    if let Ok(mut r) = results.lock() {
                        r[i] = Some(outcome);
                    }
                    queue.done(&hosts[i]);
                    let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                    progress(n, urls.len());
                }
            });
        }
    });
    results
        .into_inner()
        .unwrap_or_default()
        .into_iter()
        .map(|o| {
            o.unwrap_or(Outcome::Broken {
                failure: Failure::Other,
                status: None,
                final_url: None,
                message: "not checked".into(),
            })
        })
        .collect()
}

/// The host of an absolute http(s) URL, lowercased; `None` for anything else.
fn host(url: &str) -> Option<String> {
    let uri: Uri = url.parse().ok()?;
    matches!(uri.scheme_str(), Some("http" | "https"))
        .then(|| uri.host().map(str::to_ascii_lowercase))
        .flatten()
        .filter(|h| !h.is_empty())
}

/// The work list, handing out URLs while respecting the per-host limit.
struct Queue {
    state: Mutex<State>,
    changed: Condvar,
    per_host: usize,
}

struct State {
    pending: std::collections::VecDeque<usize>,
    in_flight: HashMap<String, usize>,
}

impl Queue {
    /// The next URL whose host has room, waiting while every pending URL's host is busy;
    /// `None` when nothing is left.
    fn take(&self, hosts: &[Option<String>]) -> Option<usize> {
        let mut st = self.state.lock().ok()?;
        loop {
            if st.pending.is_empty() {
                return None;
            }
            let free = st.pending.iter().position(|&i| match &hosts[i] {
                Some(h) => st.in_flight.get(h).copied().unwrap_or(0) < self.per_host,
                None => true,
            });
            if let Some(pos) = free {
                let i = st.pending.remove(pos)?;
                if let Some(h) = &hosts[i] {
                    *st.in_flight.entry(h.clone()).or_default() += 1;
                }
                return Some(i);
            }
            st = self.changed.wait(st).ok()?;
        }
    }

    /// Marks a request to `host` finished.
    fn done(&self, host: &Option<String>) {
        if let (Some(h), Ok(mut st)) = (host, self.state.lock())
            && let Some(n) = st.in_flight.get_mut(h)
        {
            *n = n.saturating_sub(1);
        }
        self.changed.notify_all();
    }
}

fn agent(opts: &Options) -> ureq::Agent {
    let t = Some(opts.timeout);
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(10)
        .timeout_resolve(t)
        .timeout_connect(t)
        .timeout_send_request(t)
        .timeout_recv_response(t)
        .timeout_recv_body(t)
        // A whole call, redirects included, cannot take much longer than one answer.
        .timeout_global(Some(opts.timeout * 4))
        .user_agent(concat!(
            "openindex/",
            env!("CARGO_PKG_VERSION"),
            " (source link check)"
        ))
        .build()
        .new_agent()
}

/// The longest wait honoured when a server answers 429 Too Many Requests.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(30);

/// One check of a URL: [`attempt`], and when the server answers 429 Too Many Requests, one
/// more after the wait it asks for (at most [`MAX_RETRY_AFTER`]; the host's slot is kept
/// meanwhile, which slows every request to that host).
fn request(agent: &ureq::Agent, url: &str) -> Outcome {
    match attempt(agent, url) {
        (_, Some(wait)) => {
            std::thread::sleep(wait.min(MAX_RETRY_AFTER));
            attempt(agent, url).0
        }
        (outcome, None) => outcome,
    }
}

/// `HEAD`, then `GET` when `HEAD` is refused or fails for a reason other than the name; with
/// the wait a 429 answer asks for.
fn attempt(agent: &ureq::Agent, url: &str) -> (Outcome, Option<Duration>) {
    let response = match agent.head(url).call() {
        Ok(r) if !matches!(r.status().as_u16(), 405 | 501) => Ok(r),
        Err(e @ (ureq::Error::HostNotFound | ureq::Error::BadUri(_))) => Err(e),
        _ => agent.get(url).call(),
    };
    match response {
        Ok(r) => (answered(url, &r), retry_after(&r)),
        Err(e) => (transport(e), None),
    }
}

/// The wait a 429 answer asks for (`Retry-After` in seconds, else 5 s).
fn retry_after(r: &ureq::http::Response<ureq::Body>) -> Option<Duration> {
    (r.status() == StatusCode::TOO_MANY_REQUESTS).then(|| {
        let secs = r
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok())
            .unwrap_or(5);
        Duration::from_secs(secs)
    })
}

fn answered(url: &str, r: &ureq::http::Response<ureq::Body>) -> Outcome {
    let status = r.status();
    let final_url = r.get_uri().to_string();
    let moved = !same_url(url, &final_url);
    if status.is_client_error() || status.is_server_error() {
        return Outcome::Broken {
            failure: if status.is_client_error() {
                Failure::ClientError
            } else {
                Failure::ServerError
            },
            status: Some(status.as_u16()),
            final_url: moved.then_some(final_url),
            message: status_words(status),
        };
    }
    if moved {
        Outcome::Redirected {
            status: status.as_u16(),
            final_url,
        }
    } else {
        Outcome::Ok {
            status: status.as_u16(),
        }
    }
}

/// Whether two URLs are the same but for the `/` an empty path becomes.
fn same_url(a: &str, b: &str) -> bool {
    a == b || a.parse::<Uri>().ok().map(|u| u.to_string()).as_deref() == Some(b)
}

fn status_words(status: StatusCode) -> String {
    match status.canonical_reason() {
        Some(reason) => format!("{} {reason}", status.as_u16()),
        None => format!("HTTP {}", status.as_u16()),
    }
}

fn transport(e: ureq::Error) -> Outcome {
    let (failure, message) = match &e {
        ureq::Error::HostNotFound => (Failure::Dns, "host name not found (DNS)".to_string()),
        ureq::Error::Timeout(t) => (Failure::Timeout, format!("timed out ({t})")),
        ureq::Error::Tls(m) => (Failure::Tls, format!("TLS error: {m}")),
        ureq::Error::Rustls(r) => (Failure::Tls, format!("TLS error: {r}")),
        ureq::Error::Pem(p) => (Failure::Tls, format!("TLS error: {p}")),
        ureq::Error::TooManyRedirects => (
            Failure::TooManyRedirects,
            "more than 10 redirects".to_string(),
        ),
        ureq::Error::BadUri(m) => (Failure::InvalidUrl, format!("invalid URL: {m}")),
        ureq::Error::Io(io) => io_failure(io),
        ureq::Error::ConnectionFailed => (Failure::Connection, "connection failed".to_string()),
        other => (Failure::Other, other.to_string()),
    };
    Outcome::Broken {
        failure,
        status: None,
        final_url: None,
        message,
    }
}

fn io_failure(io: &std::io::Error) -> (Failure, String) {
    use std::io::ErrorKind::*;
    // rustls reports handshake and certificate failures through the I/O error it wraps.
    let tls = io.get_ref().is_some_and(|inner| {
        inner
            .to_string()
            .to_ascii_lowercase()
            .contains("certificate")
    }) || io.kind() == InvalidData;
    match io.kind() {
        TimedOut | WouldBlock => (Failure::Timeout, "timed out".to_string()),
        _ if tls => (Failure::Tls, format!("TLS error: {io}")),
        ConnectionRefused => (Failure::Connection, "connection refused".to_string()),
        _ => (Failure::Connection, format!("connection error: {io}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_of_http_urls_only() {
        let cases = [
            ("https://Example.org/a?b", Some("example.org")),
            ("http://127.0.0.1:8080/x", Some("127.0.0.1")),
            ("ftp://example.org/", None),
            ("not a url", None),
        ];
        crate::testing::table(&cases, host);
    }

    fn failure_of(e: ureq::Error) -> Failure {
        match transport(e) {
            Outcome::Broken { failure, .. } => failure,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn transport_errors_are_told_apart() {
        use std::io::{Error, ErrorKind};
        assert_eq!(failure_of(ureq::Error::HostNotFound), Failure::Dns);
        assert_eq!(
            failure_of(ureq::Error::Timeout(ureq::Timeout::Connect)),
            Failure::Timeout
        );
        assert_eq!(
            failure_of(ureq::Error::Io(Error::from(ErrorKind::TimedOut))),
            Failure::Timeout
        );
        assert_eq!(
            failure_of(ureq::Error::Io(Error::from(ErrorKind::ConnectionRefused))),
            Failure::Connection
        );
        assert_eq!(
            failure_of(ureq::Error::Io(Error::new(
                ErrorKind::InvalidData,
                "invalid peer certificate: UnknownIssuer"
            ))),
            Failure::Tls
        );
        assert_eq!(
            failure_of(ureq::Error::TooManyRedirects),
            Failure::TooManyRedirects
        );
    }

    #[test]
    fn an_empty_path_is_the_same_url() {
        assert!(same_url("https://example.org", "https://example.org/"));
        assert!(!same_url("https://example.org/a", "https://example.org/b"));
    }

    #[test]
    fn the_per_host_limit_holds_back_a_busy_host() {
        let hosts = vec![Some("a".to_string()), Some("a".into()), Some("b".into())];
        let q = Queue {
            state: Mutex::new(State {
                pending: (0..3).collect(),
                in_flight: HashMap::new(),
            }),
            changed: Condvar::new(),
            per_host: 1,
        };
        assert_eq!(q.take(&hosts), Some(0));
        // Host "a" is busy, so "b" goes first.
        assert_eq!(q.take(&hosts), Some(2));
        q.done(&hosts[0]);
        assert_eq!(q.take(&hosts), Some(1));
        assert_eq!(q.take(&hosts), None);
    }
}
