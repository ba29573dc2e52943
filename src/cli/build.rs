//! `openindex build [--out DIR]`: the site, written atomically; refuses on content errors.

use super::{ColorChoice, Format};
use openindex::build::{BuildError, Pipeline};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Prints a stage on a terminal (a progress line), nothing in CI or pipes.
pub struct Progress {
    on: bool,
}

impl Progress {
    /// Progress on stderr when it is a terminal.
    pub fn new() -> Progress {
        Progress {
            on: std::io::stderr().is_terminal() && std::env::var_os("CI").is_none(),
        }
    }

    /// Shows a stage.
    pub fn stage(&self, what: &str) {
        if self.on {
            eprint!("\r\x1b[2K{what}…");
        }
    }

    /// Clears the line.
    pub fn done(&self) {
        if self.on {
            eprint!("\r\x1b[2K");
        }
    }
}

/// Where the site goes: `--out`, else `output_dir` of site.toml, relative to the root.
pub fn out_dir(root: &Path, out: Option<&PathBuf>, configured: &str) -> PathBuf {
    match out {
        Some(p) => p.clone(),
        None => root.join(configured),
    }
}

/// Runs the command.
pub fn run(
    root: &Path,
    out: Option<&PathBuf>,
    minify: bool,
    with_pdf: bool,
    clean: bool,
    color: ColorChoice,
) -> i32 {
    let start = Instant::now();
    let progress = Progress::new();
    progress.stage("loading and checking");
    let pipeline = Pipeline::new(root)
        .lean()
        .remove_old_with(std::env::current_exe().ok());
    let (index, loaded) = match pipeline.index() {
        Ok(x) => x,
        Err(BuildError::Content(loaded)) => {
            progress.done();
            super::check::report(&loaded, Format::Human, color);
            eprintln!("error: the site was not built; the previous output is untouched");
            return 1;
        }
        Err(BuildError::Fatal(msg)) => {
            progress.done();
            return super::fail(msg);
        }
    };
    let (_, warnings) = openindex::diag::counts(&loaded.diags);
    if warnings > 0 {
        super::check::report(&loaded, Format::Human, color);
    }
    drop(loaded);
    let dir = out_dir(root, out, &index.site.config.output_dir);
    progress.stage(if with_pdf || index.site.config.with_pdf {
        "typesetting the PDF report, rendering and writing"
    } else {
        "rendering and writing"
    });
    let written = match pipeline.write(&index, &dir, minify, with_pdf, clean) {
        Ok(x) => x,
        Err(BuildError::Fatal(msg)) => {
            progress.done();
            return super::fail(format!("{msg}; the previous output is untouched"));
        }
        Err(BuildError::Content(loaded)) => {
            progress.done();
            super::check::report(&loaded, Format::Human, color);
            return 1;
        }
    };
    progress.done();
    let reused = match written.reused {
        0 => String::new(),
        n => format!("; {n} unchanged files kept from the previous build"),
    };
    eprintln!(
        "built {} releases into {} ({} files, {:.1} MB{reused}) in {} ms",
        index.site.releases.len(),
        dir.display(),
        written.files,
        written.bytes as f64 / 1e6,
        start.elapsed().as_millis()
    );
    0
}
