//! `openindex serve`: serves the site, rebuilds on change, reports broken files to open
//! pages, and keeps serving the last good site.

use crate::support::*;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn get(port: u16, path: &str) -> Option<(u16, String)> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(20))).ok()?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).ok()?;
    let text = String::from_utf8_lossy(&buf).into_owned();
    let code = text.split(' ').nth(1)?.parse().ok()?;
    Some((code, text))
}

fn wait_for(port: u16) {
    let start = Instant::now();
    while get(port, "/").is_none() {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "server did not start"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn serves_rebuilds_and_reports_errors_to_the_page() {
    let site = Site::case("clean");
    let port = free_port();
    let _server = Server(
        Command::new(env!("CARGO_BIN_EXE_openindex"))
            .arg("-C")
            .arg(&site.root)
            .args(["serve", "--port", &port.to_string()])
            .env("SOURCE_DATE_EPOCH", EPOCH)
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    wait_for(port);
    let (code, page) = get(port, "/models/open-base/").unwrap();
    assert_eq!(code, 200);
    assert!(page.contains("Open Base 7B"));
    assert!(
        page.contains("__openindex/livereload.js"),
        "live reload script injected"
    );
    assert_eq!(get(port, "/models/open-base").unwrap().0, 301);
    assert_eq!(get(port, "/no/such/page/").unwrap().0, 404);
    assert_eq!(get(port, "/../../etc/passwd").unwrap().0, 400);

    // Listen for reload events.
    let mut events = TcpStream::connect(("127.0.0.1", port)).unwrap();
    events
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    write!(
        events,
        "GET /__openindex/events HTTP/1.1\r\nHost: localhost\r\n\r\n"
    )
    .unwrap();
    let mut lines = BufReader::new(events).lines();
    let mut next_event = move || -> String {
        for line in lines.by_ref() {
            let line = line.unwrap();
            if let Some(e) = line.strip_prefix("event: ").filter(|e| *e != "hello") {
                return e.to_string();
            }
        }
        String::new()
    };

    let path = site.root.join("content/models/open-base.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("Open Base 7B", "Open Base 7B v2")).unwrap();
    assert_eq!(next_event(), "reload");
    assert!(
        get(port, "/models/open-base/")
            .unwrap()
            .1
            .contains("Open Base 7B v2")
    );

    std::fs::write(&path, text.replace("kind = \"base\"", "kind = \"bse\"")).unwrap();
    assert_eq!(next_event(), "problem");
    // The last good site is still served.
    assert!(
        get(port, "/models/open-base/")
            .unwrap()
            .1
            .contains("Open Base 7B v2")
    );

    std::fs::write(&path, &text).unwrap();
    assert_eq!(next_event(), "reload");
}
