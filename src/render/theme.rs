//! The theme: the templates and assets a site is rendered with. Defaults are compiled into
//! the binary; a site's `templates/<name>` replaces the built-in of that name, files under
//! `templates/partials/` are added for templates to include or import, and any other file in
//! `templates/` matches nothing — a misspelt override — and is reported, never silently
//! ignored. `assets/<name>` replaces a built-in asset; other files in `assets/` are copied.

use super::route::Route;
use super::site::{File, RenderError};
use std::path::Path;
use tera::Tera;

/// `(name, text)` of each built-in, read from the `dir` of the crate at compile time.
macro_rules! embedded {
    ($dir:literal: $($name:literal),+ $(,)?) => {
        &[$(($name, include_str!(concat!("../../", $dir, "/", $name)))),+]
    };
}

/// The default templates, compiled into the binary.
pub const TEMPLATES: &[(&str, &str)] = embedded!("templates": "base.html", "macros.html", "index.html", "model.html", "licenses.html", "license.html", "orgs.html", "org.html", "failure_modes.html", "failure_mode.html", "lineage.html", "methodology.html", "404.html", "release.html", "methodology_body.html", "report.html", "changes.html", "compare.html", "peers.html", "release_rows.html", "report_releases.html");

/// The default assets, compiled into the binary.
pub const ASSETS: &[(&str, &str)] = embedded!("assets": "style.css", "app.js", "favicon.svg");

/// The compiled templates, with what the site's `templates/` held that matches nothing.
pub struct Theme {
    /// The templates, autoescaping `.html`.
    pub tera: Tera,
    /// Files in `templates/` that neither replace a built-in nor sit under `partials/`,
    /// as `(file name, nearest built-in name)`.
    pub unused: Vec<(String, Option<&'static str>)>,
    /// A hash of every template, every asset and the tool's version: what a page is made
    /// of besides its data (see [`crate::render::site::Options::fingerprint`]).
    pub fingerprint: u128,
}

impl Theme {
    /// Compiles the templates of the site at `root`.
    pub fn load(root: &Path) -> Result<Theme, RenderError> {
        let dir = root.join("templates");
        let mut sources: Vec<(String, String)> = Vec::new();
        for (name, text) in TEMPLATES {
            let text = std::fs::read_to_string(dir.join(name)).unwrap_or_else(|_| text.to_string());
            sources.push((name.to_string(), text));
        }
        let mut unused = Vec::new();
        for (rel, path) in files_under(&dir) {
            if TEMPLATES.iter().any(|(n, _)| *n == rel) {
                continue;
            }
            if rel.starts_with("partials/") {
                let text = std::fs::read_to_string(&path)
                    .map_err(|e| RenderError(format!("cannot read {}: {e}", path.display())))?;
                sources.push((rel, text));
            } else {
                let near = crate::diag::did_you_mean(&rel, TEMPLATES.iter().map(|(n, _)| *n));
                unused.push((rel, near));
            }
        }
        let fingerprint = {
            use siphasher::sip128::Hasher128;
            use std::hash::Hash;
            let mut h = siphasher::sip128::SipHasher13::new();
            env!("CARGO_PKG_VERSION").hash(&mut h);
            sources.hash(&mut h);
            for f in assets(root) {
                (f.path, f.bytes).hash(&mut h);
            }
            h.finish128().as_u128()
        };
        let mut tera = Tera::default();
        tera.add_raw_templates(sources).map_err(tera_error)?;
        tera.autoescape_on(vec![".html"]);
        Ok(Theme {
            tera,
            unused,
            fingerprint,
        })
    }

    /// One warning line per unused file in `templates/`.
    pub fn warnings(&self) -> Vec<String> {
        self.unused
            .iter()
            .map(|(name, near)| {
                let hint = match near {
                    Some(n) => format!("did you mean `{n}`? "),
                    None => String::new(),
                };
                format!(
                    "templates/{name} replaces no built-in template and is not used: {hint}put partials under templates/partials/"
                )
            })
            .collect()
    }
}

/// A tera error with its chain of causes, in one line.
pub fn tera_error(e: tera::Error) -> RenderError {
    let mut msg = e.to_string();
    let mut source = std::error::Error::source(&e);
    while let Some(s) = source {
        msg.push_str(&format!(": {s}"));
        source = s.source();
    }
    RenderError(msg)
}

/// Reads the assets: embedded defaults, overridden by `<root>/assets/<name>`, plus any
/// other file in `<root>/assets/`.
pub fn assets(root: &Path) -> Vec<File> {
    let mut out: Vec<File> = ASSETS
        .iter()
        .map(|(name, text)| {
            File::new(
                Route::Asset(name).file(),
                std::fs::read(root.join("assets").join(name))
                    .unwrap_or_else(|_| text.as_bytes().to_vec()),
            )
        })
        .collect();
    for (rel, path) in files_under(&root.join("assets")) {
        if out.iter().any(|f| f.path == Route::Asset(&rel).file()) {
            continue;
        }
        if let Ok(bytes) = std::fs::read(&path) {
            out.push(File::new(Route::Asset(&rel).file(), bytes));
        }
    }
    out
}

/// Every file below `dir` (none when it does not exist), by `/`-separated relative path,
/// in name order; links are not followed.
fn files_under(dir: &Path) -> Vec<(String, std::path::PathBuf)> {
    walkdir::WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = crate::diag::slash_path(e.path().strip_prefix(dir).unwrap_or(e.path()));
            (rel, e.path().to_path_buf())
        })
        .collect()
}
