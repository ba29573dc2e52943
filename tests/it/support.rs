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
        .env_remove("RAYON_NUM_THREADS");
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
