//! Stage 1, **load**: finds the content files (`walk`), takes each one pass down — read,
//! split the front matter, parse with spans, check its shape against [`schema`], build the
//! typed record ([`extract`]) — in parallel (`file`, reusing unchanged files from a
//! `serve` [`Cache`]), then runs the per-file and cross-file checks ([`validate`]). Output:
//! a [`Site`] plus every [`Diagnostic`] found — the loader never stops at the first problem.
//!
//! Paths stay inside `content/`: symbolic links are followed only when their target is
//! inside it; files larger than `max_file_bytes` are refused before being read.

mod cache;
pub mod consistency;
pub mod extract;
mod file;
pub mod front_matter;
pub mod reference;
pub mod schema;
pub mod template;
pub mod tree;
pub mod validate;
mod walk;

use crate::diag::{Diagnostic, Sources};
use crate::model::*;
use std::path::{Path, PathBuf};

/// Everything loaded from a site root.
#[derive(Debug)]
pub struct Site {
    /// The site root (the directory holding `site.toml` and `content/`).
    pub root: PathBuf,
    /// `site.toml`, with defaults.
    pub config: SiteConfig,
    /// Releases, sorted by slug.
    pub releases: Vec<Release>,
    /// Licenses, sorted by id.
    pub licenses: Vec<License>,
    /// Organizations, sorted by id.
    pub orgs: Vec<Organization>,
    /// What other indexes say: `content/peers/` (see [`crate::peers`]).
    pub peers: crate::peers::Peers,
    /// Whether the releases keep their texts, or let them go to be [`reload`]ed.
    pub texts: Texts,
}

/// The result of loading: the site, what is wrong with it, and the file texts the
/// diagnostics point into.
#[derive(Debug)]
pub struct Loaded {
    /// The records that could be read.
    pub site: Site,
    /// Every problem, sorted by file and position.
    pub diags: Vec<Diagnostic>,
    /// File texts for rendering diagnostics.
    pub sources: Sources,
}

/// A failure that prevents checking at all (exit code 2).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct LoadError(pub String);

/// Today's date: from `SOURCE_DATE_EPOCH` when set (reproducible builds), else the clock.
pub fn today() -> Date {
    let secs = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs() as i64)
                .unwrap_or(0)
        });
    Date::from_unix(secs)
}

/// Loads and checks the site at `root`.
pub fn load(root: &Path, today: Date) -> Result<Loaded, LoadError> {
    load_cached(root, today, None, Texts::Keep)
}

/// What a load keeps of each release once its file is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Texts {
    /// The whole record.
    Keep,
    /// Everything but the texts only its own page shows ([`Release::drop_texts`]), which
    /// [`reload`] reads again: `build`'s memory then grows with the count of releases, not
    /// with the length of their narratives and notes.
    Drop,
}

/// Loads and checks the site at `root`, reusing unchanged files from `cache`.
pub fn load_cached(
    root: &Path,
    today: Date,
    cache: Option<&Cache>,
    texts: Texts,
) -> Result<Loaded, LoadError> {
    let mut diags = Vec::new();
    let mut sources = Sources::default();
    let config = load_config(root, &mut diags, &mut sources)?;
    let content = root.join("content");
    if !content.is_dir() {
        return Err(LoadError(format!(
            "no content/ directory in {} (run inside a site, or pass -C DIR)",
            root.display()
        )));
    }
    let content_real = content
        .canonicalize()
        .map_err(|e| LoadError(format!("cannot read {}: {e}", content.display())))?;

    let files = walk::files(root, &content, &content_real, &mut diags);

    // Each release is checked on its own as it is loaded, before its texts may be let go.
    let results = cache::load_all(root, &files, &config, cache, |r, diags| {
        diags.extend(validate::release(r, &config, today));
        if texts == Texts::Drop {
            r.drop_texts();
        }
    });

    let mut site = Site {
        root: root.to_path_buf(),
        config,
        releases: Vec::with_capacity(
            files
                .iter()
                .filter(|f| f.1 == file::FileKind::Release)
                .count(),
        ),
        licenses: Vec::new(),
        orgs: Vec::new(),
        peers: Default::default(),
        texts,
    };
    for file::Outcome {
        record,
        diags: file_diags,
        path,
        text,
    } in results
    {
        diags.extend(file_diags);
        if !text.is_empty() {
            sources.insert(path, text);
        }
        match record {
            Some(file::Record::Release(r)) => site.releases.push(*r),
            Some(file::Record::License(l)) => site.licenses.push(*l),
            Some(file::Record::Organization(o)) => site.orgs.push(*o),
            None => {}
        }
    }
    site.releases
        .sort_by(|a, b| a.slug.cmp(&b.slug).then_with(|| a.path.cmp(&b.path)));
    site.licenses.sort_by(|a, b| a.id.cmp(&b.id));
    site.orgs.sort_by(|a, b| a.id.cmp(&b.id));

    diags.extend(
        site.licenses
            .iter()
            .flat_map(|l| validate::sourced(&l.path, &l.sources, &license_evidence(l), today)),
    );
    diags.extend(
        site.orgs
            .iter()
            .flat_map(|o| validate::sourced(&o.path, &o.sources, &[], today)),
    );
    diags.extend(validate::cross_file(&site));
    site.peers = {
        let slugs: Vec<&str> = site.releases.iter().map(|r| r.slug.as_str()).collect();
        crate::peers::snapshot::load(
            root,
            &slugs,
            site.config.max_file_bytes,
            &mut diags,
            &mut sources,
        )
    };
    crate::diag::sort(&mut diags);
    diags.dedup();
    // Texts of files whose problems were found after their text was let go.
    for d in &diags {
        if sources.get(&d.file).is_none()
            && let Ok(text) = std::fs::read_to_string(root.join(&d.file))
        {
            sources.insert(d.file.clone(), text);
        }
    }
    Ok(Loaded {
        site,
        diags,
        sources,
    })
}

/// Reads a release's file again for the texts a [`Texts::Drop`] load let go: the whole
/// release, from the same text it was loaded and assessed from. An error when the file
/// changed, or went, since.
pub fn reload(root: &Path, r: &Release, config: &SiteConfig) -> Result<Release, LoadError> {
    let again = file::load(root, &root.join(&r.path), file::FileKind::Release, config);
    match again.record {
        Some(file::Record::Release(full)) if full.digest == r.digest => Ok(*full),
        _ => Err(LoadError(format!(
            "{} changed while the site was being built: build again",
            crate::diag::slash_path(&r.path)
        ))),
    }
}

fn license_evidence(l: &License) -> Vec<&At<String>> {
    l.terms()
        .into_iter()
        .flat_map(|t| t.evidence.iter())
        .collect()
}

/// A path relative to the site root, for messages.
pub fn rel(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

fn load_config(
    root: &Path,
    diags: &mut Vec<Diagnostic>,
    sources: &mut Sources,
) -> Result<SiteConfig, LoadError> {
    let path = root.join("site.toml");
    if !path.exists() {
        return Ok(SiteConfig::default());
    }
    let text = std::fs::read_to_string(&path)
        .map_err(|e| LoadError(format!("cannot read {}: {e}", path.display())))?;
    let relp = PathBuf::from("site.toml");
    let config = file::parse_toml(
        &text,
        0,
        &relp,
        schema::Format::Site.fields(),
        diags,
        extract::site,
    )
    .unwrap_or_default();
    sources.insert(relp, text);
    Ok(config)
}

pub use cache::Cache;
pub(crate) use file::parse_toml;
pub use front_matter::split_front_matter;
