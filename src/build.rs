//! The whole pipeline in one call, shared by `build`, `serve` and the report:
//! load → check → assess and link → render → write.

use crate::content::{self, Loaded};
use crate::diag;
use crate::index::Index;
use crate::render::site::{self, File, Options};
use std::path::Path;

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
    let mut loaded = content::load(root, content::today()).map_err(|e| BuildError::Fatal(e.0))?;
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
    Ok((Index::build(site), loaded))
}

/// Renders every file of the site.
pub fn render(
    index: &Index,
    root: &Path,
    live_reload: bool,
    minify: bool,
) -> Result<Vec<File>, BuildError> {
    let opts = Options {
        today: content::today(),
        revision: revision(root),
        live_reload,
        minify,
        with_pdf: index.site.config.with_pdf,
    };
    site::render(index, root, opts).map_err(|e| BuildError::Fatal(format!("template error: {e}")))
}
