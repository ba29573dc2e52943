//! Shared helpers for the integration tests: fixture sites in temporary directories and a
//! runner for the built binary with a fixed clock and no colour.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The fixed "today" of every test: 2026-01-21 (UTC).
pub const EPOCH: &str = "1769000000";

/// A fixture site copied into a temporary directory.
pub struct Site {
    _dir: tempfile::TempDir,
    /// The site root.
    pub root: PathBuf,
}

/// What a run printed and how it exited.
pub struct Output {
    /// Exit code.
    pub code: i32,
    /// Standard output, with the temporary path redacted.
    pub stdout: String,
    /// Standard error, with the temporary path redacted.
    pub stderr: String,
}

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

impl Site {
    /// The clean fixture with `case` laid over it.
    pub fn case(case: &str) -> Site {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        copy_dir(&fixtures().join("clean"), &root);
        if case != "clean" {
            copy_dir(&fixtures().join(case), &root);
        }
        Site { _dir: dir, root }
    }

    /// Runs the binary with `-C root`.
    pub fn run(&self, args: &[&str]) -> Output {
        run_in(&self.root, args)
    }
}

/// Runs the binary in a site root.
pub fn run_in(root: &Path, args: &[&str]) -> Output {
    run_env(root, args, &[])
}

/// Runs the binary in a site root with extra environment.
pub fn run_env(root: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_openindex"));
    cmd.arg("-C")
        .arg(root)
        .args(args)
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .env("NO_COLOR", "1")
        .env_remove("RAYON_NUM_THREADS")
        .env_remove("OPENINDEX_PROFILE");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("run openindex");
    let redact =
        |b: &[u8]| String::from_utf8_lossy(b).replace(&root.display().to_string(), "[ROOT]");
    Output {
        code: out.status.code().unwrap_or(-1),
        stdout: redact(&out.stdout),
        stderr: redact(&out.stderr),
    }
}

/// Every file under `dir`, by relative path.
pub fn tree(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// One request as a loopback server read it.
pub struct Request {
    /// `GET`, `HEAD`, …
    pub method: String,
    /// The request target (`/api/models/x/y`).
    pub path: String,
    /// The `Authorization` header, if sent.
    pub authorization: Option<String>,
    /// The client opened with a TLS handshake instead of HTTP.
    pub tls: bool,
}

/// A loopback HTTP/1.1 server on its own thread: each connection gets a thread that reads
/// one request and writes back whatever `answer` returns (a whole response, status line
/// to body; `answer` may sleep to play a slow server). It stops by itself after a minute or
/// `max` connections. Returns its port.
pub fn loopback(
    max: usize,
    answer: impl Fn(&Request, u16) -> Vec<u8> + Send + Sync + 'static,
) -> u16 {
    use std::io::{BufRead, BufReader, Read, Write};
    use std::time::{Duration, Instant};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    listener.set_nonblocking(true).unwrap();
    let answer = std::sync::Arc::new(answer);
    std::thread::spawn(move || {
        let start = Instant::now();
        let mut served = 0;
        while start.elapsed() < Duration::from_secs(60) && served < max {
            let Ok((stream, _)) = listener.accept() else {
                std::thread::sleep(Duration::from_millis(5));
                continue;
            };
            served += 1;
            let answer = answer.clone();
            std::thread::spawn(move || {
                stream.set_nonblocking(false).unwrap();
                stream
                    .set_read_timeout(Some(Duration::from_secs(5)))
                    .unwrap();
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut out = stream;
                let mut req = Request {
                    method: String::new(),
                    path: String::new(),
                    authorization: None,
                    tls: false,
                };
                if reader.fill_buf().map(|b| b.first().copied()).ok().flatten() == Some(0x16) {
                    req.tls = true;
                    let mut hello = [0u8; 4096];
                    let _ = reader.read(&mut hello);
                } else {
                    let mut line = String::new();
                    if reader.read_line(&mut line).is_err() {
                        return;
                    }
                    let mut parts = line.split_whitespace();
                    req.method = parts.next().unwrap_or("").to_string();
                    req.path = parts.next().unwrap_or("").to_string();
                    loop {
                        let mut header = String::new();
                        match reader.read_line(&mut header) {
                            Ok(0) | Err(_) => break,
                            Ok(_) if header == "\r\n" => break,
                            Ok(_) => {
                                if let Some((k, v)) = header.split_once(':')
                                    && k.eq_ignore_ascii_case("authorization")
                                {
                                    req.authorization = Some(v.trim().to_string());
                                }
                            }
                        }
                    }
                }
                let _ = out.write_all(&answer(&req, port));
                let _ = out.flush();
                // Read what the client still sends until it hangs up, so closing never
                // resets a connection whose answer is still being read.
                let _ = out.shutdown(std::net::Shutdown::Write);
                let _ = reader.read_to_end(&mut Vec::new());
            });
        }
    });
    port
}
