//! The whole pipeline in one call, shared by `build`, `serve` and the report:
//! load → check → assess and link → render → write.

use crate::content::{self, Loaded};
use crate::diag;
use crate::index::Index;
use crate::render::site::{self, File, Options, Sink};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Why a build did not produce a site.
#[derive(Debug)]
pub enum BuildError {
    /// The content has errors (diagnostics in the `Loaded`); nothing was written.
    Content(Box<Loaded>),
    /// A usage, template or I/O problem.
    Fatal(String),
}

/// The content revision: `git rev-parse HEAD` of the site root, when it is a repository.
pub fn revision(root: &Path) -> Option<String> {
    let out = std::process::Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["rev-parse", "--short=12", "HEAD"])
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
        .filter(|s| !s.is_empty())
}

/// Loads and checks; returns the index when there are no errors.
pub fn load_index(root: &Path) -> Result<(Index, Loaded), BuildError> {
    let today = content::today();
    let mut loaded = content::load(root, today).map_err(|e| BuildError::Fatal(e.0))?;
    if diag::counts(&loaded.diags).0 > 0 {
        return Err(BuildError::Content(Box::new(loaded)));
    }
    let site = std::mem::replace(
        &mut loaded.site,
        content::Site {
            root: root.to_path_buf(),
            config: Default::default(),
            releases: vec![],
            licenses: vec![],
            orgs: vec![],
        },
    );
    Ok((Index::build(site, today), loaded))
}

/// Verdict changes over the newest `limit` commits that touched `content/`, when the site
/// is inside a git repository (else `None`: the `/changes/` page is omitted).
pub fn history(root: &Path, limit: usize) -> Option<crate::diff::History> {
    if limit == 0 || !crate::git::is_repo(root) {
        return None;
    }
    let commits = crate::git::content_commits(root, limit + 1);
    let index_at = |rev: &str| -> Option<Index> {
        let dir = crate::git::checkout(root, rev).ok()?;
        let loaded = content::load(dir.path(), content::today()).ok()?;
        Some(Index::build(loaded.site, content::today()))
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
                    status: "added",
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

/// Renders the site straight into a staging directory next to `out` and swaps it into
/// place: files are written as they are rendered, so memory stays flat as the index grows.
/// Returns the number of files and bytes written.
pub fn build_into(
    index: &Index,
    root: &Path,
    out: &Path,
    minify: bool,
    extra: Vec<site::File>,
) -> Result<(usize, usize), BuildError> {
    let opts = Options {
        history: history(root, index.site.config.history_commits),
        today: content::today(),
        revision: revision(root),
        live_reload: false,
        minify,
        with_pdf: index.site.config.with_pdf,
    };
    let theme = crate::render::theme::Theme::load(root)
        .map_err(|e| BuildError::Fatal(format!("template error: {e}")))?;
    for w in theme.warnings() {
        eprintln!("warning: {w}");
    }
    let tera = theme.tera;
    let staging = crate::output::Staging::new(out).map_err(|e| BuildError::Fatal(e.to_string()))?;
    let sink = StagingSink {
        staging: &staging,
        count: AtomicUsize::new(0),
        bytes: AtomicUsize::new(0),
    };
    site::Renderer::new(index, &tera, opts)
        .each(root, &sink)
        .map_err(|e| BuildError::Fatal(e.0))?;
    for f in extra {
        sink.put(f).map_err(|e| BuildError::Fatal(e.0))?;
    }
    let (count, bytes) = (sink.count.into_inner(), sink.bytes.into_inner());
    staging
        .commit()
        .map_err(|e| BuildError::Fatal(e.to_string()))?;
    Ok((count + 1, bytes))
}

/// Writes rendered files into the staging directory and counts them.
struct StagingSink<'a> {
    staging: &'a crate::output::Staging,
    count: AtomicUsize,
    bytes: AtomicUsize,
}

impl site::Sink for StagingSink<'_> {
    fn put(&self, file: File) -> Result<(), site::RenderError> {
        self.count.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(file.bytes.len(), Ordering::Relaxed);
        self.staging
            .put(&file)
            .map_err(|e| site::RenderError(e.to_string()))
    }

    fn stream(&self, path: &str, write: &mut site::Writer<'_>) -> Result<(), site::RenderError> {
        let n = self
            .staging
            .stream(path, write)
            .map_err(|e| site::RenderError(e.to_string()))?;
        self.count.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(n as usize, Ordering::Relaxed);
        Ok(())
    }
}
