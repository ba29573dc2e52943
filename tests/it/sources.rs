//! `openindex sources`: the listing on the clean fixture, and `--check` against a loopback
//! server started here, which answers 200, 301 → 200, 404, 500, 405 to HEAD, plain HTTP to
//! a TLS client, and one answer slower than the timeout. Nothing leaves 127.0.0.1.

use crate::support::*;
use std::collections::BTreeMap;
use std::net::TcpListener;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

#[test]
fn lists_every_source_of_every_file_with_the_line_of_its_url() {
    let site = Site::case("clean");
    let out = site.run(&["sources"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 10, "{}", out.stdout);
    assert!(
        lines.contains(&"content/orgs/acme.toml:9: site (documentation) https://acme.example.org/"),
        "{}",
        out.stdout
    );
    assert!(
        lines.contains(
            &"content/models/small-distill.md:37: card (model-card) https://hub.example.org/acme/small-distill"
        ),
        "{}",
        out.stdout
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("content/licenses/apache-2.0.toml:17: ")),
        "{}",
        out.stdout
    );

    let out = site.run(&["sources", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).expect("JSON listing");
    let all = v.as_array().unwrap();
    assert_eq!(all.len(), 10);
    let org = all
        .iter()
        .find(|c| c["file"] == "content/orgs/acme.toml")
        .unwrap();
    assert_eq!(org["line"], 9);
    assert_eq!(org["column"], 7);
    assert_eq!(org["id"], "site");
    assert_eq!(org["kind"], "documentation");
    assert_eq!(org["url"], "https://acme.example.org/");
    assert_eq!(org["title"], "Acme home page");
}

#[test]
fn a_bad_timeout_is_a_usage_error() {
    let site = Site::case("clean");
    for bad in ["0", "-1", "soon", "601"] {
        let arg = format!("--timeout={bad}");
        let out = site.run(&["sources", "--check", &arg]);
        assert_eq!(out.code, 2, "{bad}: {}", out.stderr);
        assert!(out.stderr.contains("--timeout"), "{}", out.stderr);
    }
}

/// Requests the loopback server saw: (method, path) → count.
type Seen = Arc<Mutex<BTreeMap<(String, String), usize>>>;

/// Requests being answered now, and the most there were at once.
type InFlight = Arc<(AtomicUsize, AtomicUsize)>;

/// The loopback server of these tests (200 connections at most).
fn serve() -> (u16, Seen, InFlight) {
    let seen: Seen = Arc::default();
    let log = seen.clone();
    let in_flight: InFlight = Arc::default();
    let busy = in_flight.clone();
    let port = loopback(200, move |req, port| answer(req, port, &log, &busy));
    (port, seen, in_flight)
}

fn answer(req: &Request, port: u16, seen: &Seen, in_flight: &InFlight) -> Vec<u8> {
    if req.tls {
        // A TLS ClientHello: answer in plain HTTP as a misconfigured server would.
        return b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".to_vec();
    }
    let (method, path) = (req.method.clone(), req.path.clone());
    let nth = {
        let mut seen = seen.lock().unwrap();
        let n = seen.entry((method.clone(), path.clone())).or_default();
        *n += 1;
        *n
    };
    // Every request but the slow one (which the client gives up on while it is still being
    // answered) counts as in flight for a while, so that requests a client sends at once
    // overlap here; the count drops before the answer is sent.
    let counted = path != "/slow";
    if counted {
        let now = in_flight.0.fetch_add(1, Ordering::SeqCst) + 1;
        in_flight.1.fetch_max(now, Ordering::SeqCst);
        std::thread::sleep(Duration::from_millis(50));
        in_flight.0.fetch_sub(1, Ordering::SeqCst);
    }
    let (status, extra) = match (method.as_str(), path.as_str()) {
        (_, "/ok") => ("200 OK", String::new()),
        (_, "/moved") => (
            "301 Moved Permanently",
            format!("Location: http://127.0.0.1:{port}/ok\r\n"),
        ),
        (_, "/missing") => ("404 Not Found", String::new()),
        (_, "/error") => ("500 Internal Server Error", String::new()),
        ("HEAD", "/no-head") => ("405 Method Not Allowed", String::new()),
        ("GET", "/no-head") => ("200 OK", String::new()),
        (_, "/busy") if nth == 1 => ("429 Too Many Requests", "Retry-After: 1\r\n".into()),
        (_, "/busy") => ("200 OK", String::new()),
        (_, "/slow") => {
            std::thread::sleep(Duration::from_secs(3));
            ("200 OK", String::new())
        }
        _ => ("404 Not Found", String::new()),
    };
    let body = if method == "HEAD" { "" } else { "ok" };
    format!("HTTP/1.1 {status}\r\n{extra}Content-Length: 2\r\nConnection: close\r\n\r\n{body}")
        .into_bytes()
}

/// A port on which nothing listens (bound, then let go).
fn closed_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// The `sources` fixture over the clean one, with every URL pointing at the loopback server:
/// the fixture's own URLs get the port filled in, the clean fixture's sources all cite `/ok`.
fn loopback_site(port: u16) -> Site {
    let site = Site::case("sources");
    let refused = closed_port();
    for entry in walkdir::WalkDir::new(site.root.join("content")) {
        let entry = entry.unwrap();
        if !entry.file_type().is_file() {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        let text: String = text
            .lines()
            .map(|l| {
                if l.starts_with("url = \"") && !l.contains("127.0.0.1") {
                    "url = \"http://127.0.0.1:PORT/ok\"".to_string()
                } else {
                    l.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
            + "\n";
        let text = text
            .replace("PORT", &port.to_string())
            .replace("REFUSED", &refused.to_string());
        std::fs::write(entry.path(), text).unwrap();
    }
    site
}

#[test]
fn check_reports_each_failure_with_every_citing_line() {
    let (port, seen, in_flight) = serve();
    let site = loopback_site(port);
    assert_eq!(
        site.run(&["check"]).code,
        0,
        "{}",
        site.run(&["check"]).stderr
    );

    let started = Instant::now();
    let out = site.run(&["sources", "--check", "--format", "json", "--timeout", "1"]);
    assert_eq!(out.code, 1, "{}\n{}", out.stdout, out.stderr);
    // The slow answer is abandoned at the timeout (HEAD, then GET), not waited for.
    assert!(started.elapsed() < Duration::from_secs(10));
    let v: serde_json::Value = serde_json::from_str(&out.stdout).expect("JSON results");
    let by_path = |p: &str| -> &serde_json::Value {
        v.as_array()
            .unwrap()
            .iter()
            .find(|u| u["url"].as_str().unwrap().ends_with(p))
            .unwrap_or_else(|| panic!("no result for {p}: {v:#}"))
    };
    let base = format!("http://127.0.0.1:{port}");
    // Nine distinct URLs.
    assert_eq!(v.as_array().unwrap().len(), 9, "{v:#}");

    let ok = by_path("/ok");
    assert_eq!(ok["result"], "ok");
    assert_eq!(ok["status"], 200);
    assert!(ok["failure"].is_null());
    // Cited by both releases of the case and by every source of the clean fixture.
    assert_eq!(ok["cited_by"].as_array().unwrap().len(), 2 + 10);

    let moved = by_path("/moved");
    assert_eq!(moved["result"], "redirected");
    assert_eq!(moved["status"], 200);
    assert_eq!(moved["final_url"], format!("{base}/ok"));

    let gone = by_path("/missing");
    assert_eq!(gone["result"], "broken");
    assert_eq!(gone["failure"], "4xx");
    assert_eq!(gone["status"], 404);
    assert_eq!(gone["message"], "404 Not Found");
    let at: Vec<(String, u64)> = gone["cited_by"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["file"].as_str().unwrap().to_string(),
                c["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        at,
        [
            ("content/models/link-check-again.md".to_string(), 44),
            ("content/models/link-check.md".to_string(), 51),
        ]
    );

    let error = by_path("/error");
    assert_eq!(error["failure"], "5xx");
    assert_eq!(error["status"], 500);

    let slow = by_path("/slow");
    assert_eq!(slow["result"], "broken");
    assert_eq!(slow["failure"], "timeout");
    assert!(slow["status"].is_null());

    let no_head = by_path("/no-head");
    assert_eq!(no_head["result"], "ok", "{no_head:#}");

    // Asked to come back after a second, and then fine.
    assert_eq!(by_path("/busy")["result"], "ok");

    let tls = by_path("/tls");
    assert_eq!(tls["result"], "broken");
    assert_eq!(tls["failure"], "tls", "{tls:#}");

    let refused = v
        .as_array()
        .unwrap()
        .iter()
        .find(|u| !u["url"].as_str().unwrap().contains(&port.to_string()))
        .unwrap();
    assert_eq!(refused["failure"], "connection", "{refused:#}");

    // Each distinct URL was requested once: HEAD only, except where HEAD was refused or
    // failed (then one GET).
    let seen = seen.lock().unwrap().clone();
    let count = |m: &str, p: &str| seen.get(&(m.into(), p.into())).copied().unwrap_or(0);
    // `/ok` is cited directly and reached by the redirect from `/moved`.
    assert_eq!(count("HEAD", "/ok"), 2, "{seen:?}");
    assert_eq!(count("GET", "/ok"), 0, "{seen:?}");
    assert_eq!(count("HEAD", "/missing"), 1, "{seen:?}");
    assert_eq!(count("GET", "/missing"), 0, "{seen:?}");
    assert_eq!(count("HEAD", "/no-head"), 1, "{seen:?}");
    assert_eq!(count("GET", "/no-head"), 1, "{seen:?}");
    assert_eq!(count("HEAD", "/busy"), 2, "{seen:?}");
    // Every URL is on one host: never more than two requests to it at once.
    let most = in_flight.1.load(Ordering::SeqCst);
    assert!((1..=2).contains(&most), "{most} requests at once");
}

#[test]
fn check_formats_human_and_github() {
    let (port, _, _) = serve();
    let site = loopback_site(port);

    let out = site.run(&["sources", "--check", "--timeout", "1"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let base = format!("http://127.0.0.1:{port}");
    assert!(
        out.stdout.contains(&format!(
            "broken: {base}/missing — 404 Not Found\n  content/models/link-check-again.md:44: source `gone` (announcement)\n  content/models/link-check.md:51: source `gone` (announcement)\n"
        )),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains(&format!("redirected: {base}/moved → {base}/ok\n")),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("checked 9 URLs cited by 21 sources: 3 ok, 1 redirected, 5 broken"),
        "{}",
        out.stdout
    );

    let out = site.run(&["sources", "--check", "--format", "github", "--timeout", "1"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stdout.contains(&format!(
            "::error file=content/models/link-check.md,line=51,col=7,title=broken source::{base}/missing: 404 Not Found (source `gone`)\n"
        )),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains(
            "::notice file=content/models/link-check.md,line=44,col=7,title=redirected source::"
        ),
        "{}",
        out.stdout
    );
    assert_eq!(out.stdout.matches("::error ").count(), 6, "{}", out.stdout);
}

#[test]
fn check_exits_0_when_every_url_answers() {
    let (port, _, _) = serve();
    let site = Site::case("clean");
    // Only the clean fixture, every source pointing at `/ok`.
    for entry in walkdir::WalkDir::new(site.root.join("content")) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            let text: Vec<String> = text
                .lines()
                .map(|l| {
                    if l.starts_with("url = \"") {
                        format!("url = \"http://127.0.0.1:{port}/ok\"")
                    } else {
                        l.to_string()
                    }
                })
                .collect();
            std::fs::write(entry.path(), text.join("\n") + "\n").unwrap();
        }
    }
    let out = site.run(&["sources", "--check"]);
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    assert_eq!(
        out.stdout,
        "checked 1 URL cited by 10 sources: 1 ok, 0 redirected, 0 broken\n"
    );
}
