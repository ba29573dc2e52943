//! Verdict history from git: for the newest commits that touched `content/`, the releases
//! whose verdicts each commit changed, computed by running the pipeline on each revision's
//! content (checked out by [`crate::git`]). Feeds "verdicts last changed" on release pages
//! and the `/changes/` page.

use crate::build::Pipeline;
use crate::index::Index;
use std::path::Path;

/// Verdict changes over the newest `limit` commits that touched `content/`, when the site
/// is inside a git repository (else `None`: the `/changes/` page is omitted).
pub fn history(root: &Path, limit: usize) -> Option<crate::diff::History> {
    if limit == 0 || !crate::git::is_repo(root) {
        return None;
    }
    let commits = crate::git::content_commits(root, limit + 1);
    let index_at = |rev: &str| -> Option<Index> {
        let dir = crate::git::checkout(root, rev).ok()?;
        Pipeline::new(dir.path())
            .index_of_what_loads()
            .ok()
            .map(|(index, _)| index)
    };
    let indexes: Vec<Option<Index>> = commits.iter().map(|c| index_at(&c.hash)).collect();
    let mut entries = Vec::new();
    for k in 0..commits.len() {
        let Some(after) = &indexes[k] else { continue };
        let releases: Vec<crate::diff::ReleaseDiff> = match indexes.get(k + 1) {
            Some(Some(before)) => crate::diff::diff(before, after),
            // The first commit of the content: everything was added.
            None if k + 1 == commits.len() && commits.len() <= limit => after
                .site
                .releases
                .iter()
                .map(|r| crate::diff::ReleaseDiff {
                    slug: r.slug.clone(),
                    name: r.name.clone(),
                    status: crate::diff::DiffStatus::Added,
                    changes: vec![],
                })
                .collect(),
            _ => continue,
        }
        .into_iter()
        .filter(crate::diff::ReleaseDiff::verdict_changed)
        .collect();
        if !releases.is_empty() && k < limit {
            let c = &commits[k];
            entries.push(crate::diff::HistoryEntry {
                commit: c.hash.chars().take(12).collect(),
                date: c.date.clone(),
                subject: c.subject.clone(),
                releases,
            });
        }
    }
    let examined = commits.len().min(limit);
    let since = commits
        .get(examined.saturating_sub(1))
        .map(|c| c.date.clone())
        .unwrap_or_default();
    Some(crate::diff::History {
        entries,
        examined,
        since,
    })
}
