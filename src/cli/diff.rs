//! `openindex diff <rev>`: what the working tree changes for readers compared with a git
//! revision — as text, markdown (for a pull-request comment) or JSON.

use openindex::build::{BuildError, Pipeline};
use openindex::{diff, git, index::Index};
use std::path::Path;

/// Output format of `diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DiffFormat {
    /// Plain text.
    Text,
    /// Markdown, fit for a pull-request comment.
    Markdown,
    /// A JSON array of release differences.
    Json,
}

fn index_of(root: &Path, what: &str) -> Result<Index, i32> {
    let (index, errors) = Pipeline::new(root)
        .index_of_what_loads()
        .map_err(|e| match e {
            BuildError::Fatal(msg) => super::fail(msg),
            BuildError::Content(_) => 1,
        })?;
    if errors > 0 {
        eprintln!(
            "warning: the content at {what} has {errors} error(s) (run `openindex check`); comparing what could be read"
        );
    }
    Ok(index)
}

/// Runs the command.
pub fn run(root: &Path, rev: &str, format: DiffFormat) -> i32 {
    let old = match git::checkout(root, rev) {
        Ok(dir) => dir,
        Err(e) => return super::fail(e),
    };
    let before = match index_of(old.path(), rev) {
        Ok(i) => i,
        Err(code) => return code,
    };
    let after = match index_of(root, "the working tree") {
        Ok(i) => i,
        Err(code) => return code,
    };
    let diffs = diff::diff(&before, &after);
    match format {
        DiffFormat::Text => print!("{}", diff::to_text(&diffs, rev)),
        DiffFormat::Markdown => print!("{}", diff::to_markdown(&diffs, rev)),
        DiffFormat::Json => println!(
            "{}",
            serde_json::to_string_pretty(&diffs).unwrap_or_else(|_| "[]".into())
        ),
    }
    0
}
