//! `openindex report [--out FILE.pdf] [--org ID]… [--verdict V]… [--failure-mode SLUG]…
//! [--slug SLUG]…`: the printable report as a typeset PDF, from the same assessments the
//! site shows.

use super::{ColorChoice, Format};
use openindex::build::{self, BuildError, Pipeline};
use openindex::diag;
use openindex::render::pdf::{self, Filter};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// The file written when `--out` is not given (in the current directory).
pub const DEFAULT_OUT: &str = "openindex-report.pdf";

/// Checks that every org and slug named in the filter exists (verdicts and failure modes
/// are checked by the argument parser); the message names the closest known value.
fn unknown(index: &openindex::index::Index, filter: &Filter) -> Option<String> {
    let hint = |word: &str, known: &mut dyn Iterator<Item = &str>| {
        diag::did_you_mean(word, known)
            .map(|s| format!(" — did you mean `{s}`?"))
            .unwrap_or_default()
    };
    for o in &filter.orgs {
        if !index.by_org.contains_key(o) && index.org(o).is_none() {
            let mut known = index.site.orgs.iter().map(|x| x.id.as_str());
            return Some(format!(
                "no organization has the id `{o}`{}",
                hint(o, &mut known)
            ));
        }
    }
    for s in &filter.slugs {
        if !index.by_slug.contains_key(s) {
            let mut known = index.by_slug.keys().map(String::as_str);
            return Some(format!(
                "no release has the slug `{s}`{}",
                hint(s, &mut known)
            ));
        }
    }
    None
}

/// Writes `bytes` to `path` through a temporary file beside it, so a failed run never
/// leaves a truncated PDF where a good one was.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| DEFAULT_OUT.to_string());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

/// Runs the command.
pub fn run(root: &Path, out: Option<&PathBuf>, filter: Filter, color: ColorChoice) -> i32 {
    let start = Instant::now();
    let pipeline = Pipeline::new(root);
    let (index, loaded) = match pipeline.index() {
        Ok(x) => x,
        Err(BuildError::Content(loaded)) => {
            super::check::report(&loaded, Format::Human, color);
            eprintln!("error: the report was not written; fix the problems above first");
            return 1;
        }
        Err(BuildError::Fatal(msg)) => return super::fail(msg),
    };
    drop(loaded);
    if let Some(msg) = unknown(&index, &filter) {
        return super::fail(msg);
    }
    let order = pdf::order(&index, &filter);
    if order.is_empty() {
        return super::fail(format!(
            "no release matches the filters ({})",
            filter.describe().unwrap_or_default()
        ));
    }
    let opts = pdf::Options {
        today: pipeline.today(),
        revision: build::revision(root),
        focus: filter.describe(),
    };
    let report = match pdf::render(&index, &order, &opts) {
        Ok(r) => r,
        Err(e) => return super::fail(e),
    };
    let path = out.cloned().unwrap_or_else(|| PathBuf::from(DEFAULT_OUT));
    if let Err(e) = write_atomically(&path, &report.bytes) {
        return super::fail(format!("cannot write {}: {e}", path.display()));
    }
    eprintln!(
        "wrote the report of {} release{} to {} ({} pages, {:.1} MB) in {} ms",
        order.len(),
        if order.len() == 1 { "" } else { "s" },
        path.display(),
        report.pages,
        report.bytes.len() as f64 / 1e6,
        start.elapsed().as_millis()
    );
    0
}
