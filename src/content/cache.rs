//! The parse cache of `serve`: a file whose modification time and length are unchanged
//! since the last load is not read or parsed again.

use super::file::{self, FileKind, Outcome};
use crate::diag::Diagnostic;
use crate::model::{Release, SiteConfig};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// Parsed files kept between loads (by `serve`): a file whose modification time and
/// length are unchanged is not read or parsed again.
#[derive(Default)]
pub struct Cache {
    entries: std::sync::Mutex<std::collections::HashMap<PathBuf, Cached>>,
}

struct Cached {
    stamp: (Option<std::time::SystemTime>, u64, u64),
    result: Outcome,
}

fn stamp(path: &Path, config: &SiteConfig) -> Option<(Option<std::time::SystemTime>, u64, u64)> {
    let m = std::fs::symlink_metadata(path).ok()?;
    Some((m.modified().ok(), m.len(), config.max_file_bytes))
}

/// Loads `files` in parallel, from `cache` where a file is unchanged (and records what was
/// read in it), and hands each release with its file's problems to `then` (the checks of
/// one file, which may add problems, and what is kept of it).
pub(super) fn load_all(
    root: &Path,
    files: &[(PathBuf, FileKind)],
    config: &SiteConfig,
    cache: Option<&Cache>,
    then: impl Fn(&mut Release, &mut Vec<Diagnostic>) + Sync,
) -> Vec<Outcome> {
    let results: Vec<Outcome> = files
        .par_iter()
        .map(|(path, kind)| {
            let Some(cache) = cache else {
                let mut result = file::load(root, path, *kind, config);
                result.then(&then);
                // A file without problems needs no text kept for diagnostics: dropping it
                // here keeps memory to the parsed records (a later cross-file diagnostic
                // reads its file again).
                if result.diags.is_empty() {
                    result.text = String::new();
                }
                return result;
            };
            let st = stamp(path, config);
            if let Some(mut hit) = cache.entries.lock().ok().and_then(|c| {
                c.get(path)
                    .filter(|c| Some(c.stamp) == st)
                    .map(|c| c.result.clone())
            }) {
                hit.then(&then);
                return hit;
            }
            let mut result = file::load(root, path, *kind, config);
            if let (Some(st), Ok(mut c)) = (st, cache.entries.lock()) {
                c.insert(
                    path.clone(),
                    Cached {
                        stamp: st,
                        result: result.clone(),
                    },
                );
            }
            result.then(&then);
            result
        })
        .collect();
    if let Some(cache) = cache
        && let Ok(mut c) = cache.entries.lock()
    {
        // Forget deleted files.
        let present: std::collections::HashSet<&PathBuf> = files.iter().map(|(p, _)| p).collect();
        c.retain(|p, _| present.contains(p));
    }
    results
}

impl Outcome {
    /// Runs `then` on the release this file holds, if it holds one.
    fn then(&mut self, then: &impl Fn(&mut Release, &mut Vec<Diagnostic>)) {
        if let Some(file::Record::Release(r)) = &mut self.record {
            then(r, &mut self.diags);
        }
    }
}
