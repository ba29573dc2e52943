//! `openindex sources [--check]`: list every cited source, or check that each URL answers;
//! exit 0, 1 when a URL is broken, 2 on usage or I/O errors.

use super::Format;
use openindex::diag;
use openindex::sources::{self, Options, render};
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::time::Duration;

/// Parses `--timeout`: a positive number of seconds, at most 600.
pub fn parse_timeout(s: &str) -> Result<Duration, String> {
    let secs: f64 = s
        .trim()
        .parse()
        .map_err(|_| format!("`{s}` is not a number of seconds"))?;
    if !(secs > 0.0 && secs <= 600.0) {
        return Err(format!("{s} is out of range: give 0 < SECS <= 600"));
    }
    Ok(Duration::from_secs_f64(secs))
}

/// Runs the command.
pub fn run(root: &Path, check: bool, format: Format, timeout: Duration) -> i32 {
    let loaded = match super::check::load(root) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let errors = diag::counts(&loaded.diags).0;
    if errors > 0 {
        eprintln!(
            "warning: the content has {errors} error{} (see `openindex check`); listing the sources that could be read",
            if errors == 1 { "" } else { "s" }
        );
    }
    let citations = match sources::citations(&loaded.site) {
        Ok(c) => c,
        Err(e) => return super::fail(e),
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if !check {
        let written = match format {
            Format::Human => render::list_human(&citations, &mut out),
            Format::Json => render::list_json(&citations, &mut out),
            Format::Github => render::list_github(&citations, &mut out),
        };
        return match written.and_then(|_| out.flush()) {
            Ok(()) => 0,
            // A reader that stopped early (`| head`) is not an error.
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
            Err(e) => super::fail(format!("cannot write the listing: {e}")),
        };
    }
    let opts = Options {
        timeout,
        ..Options::default()
    };
    // On a terminal, a line that counts the URLs done (stderr, rewritten in place).
    let terminal = std::io::stderr().is_terminal();
    let progress = |done: usize, total: usize| {
        if terminal {
            eprint!("\rchecked {done}/{total} URLs");
            if done == total {
                eprint!("\r\x1b[K");
            }
        }
    };
    let checked = sources::check_all(&citations, &opts, &progress);
    let written = match format {
        Format::Human => render::check_human(&checked, &mut out)
            .and_then(|_| writeln!(out, "{}", render::summary(&checked))),
        Format::Json => render::check_json(&checked, &mut out),
        Format::Github => render::check_github(&checked, &mut out),
    };
    if let Err(e) = written.and_then(|_| out.flush()) {
        return super::fail(format!("cannot write the results: {e}"));
    }
    if format != Format::Human {
        eprintln!("{}", render::summary(&checked));
    }
    if checked.iter().any(|c| c.outcome.is_broken()) {
        1
    } else {
        0
    }
}
