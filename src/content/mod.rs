//! Stage 1, **load**: walks `content/`, reads every file (in parallel), splits the TOML
//! front matter from the markdown, parses it with spans, checks its shape against
//! [`schema`], builds typed records ([`extract`]) and runs the per-file and cross-file
//! checks ([`validate`]). Output: a [`Site`] plus every [`Diagnostic`] found — the loader
//! never stops at the first problem.
//!
//! Paths stay inside `content/`: symbolic links are followed only when their target is
//! inside it; files larger than `max_file_bytes` are refused before being read.

pub mod consistency;
pub mod extract;
pub mod front_matter;
pub mod reference;
pub mod schema;
pub mod template;
pub mod tree;
pub mod validate;

use crate::diag::{Code, Diagnostic, Sources};
use crate::model::*;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use toml::de::DeTable;

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

/// What kind of record a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FileKind {
    Release,
    License,
    Organization,
}

/// One file's outcome.
#[derive(Clone)]
enum Record {
    Release(Box<Release>),
    License(Box<License>),
    Organization(Box<Organization>),
}

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

/// Parsed files kept between loads (by `serve`): a file whose modification time and
/// length are unchanged is not read or parsed again.
#[derive(Default)]
pub struct Cache {
    entries: std::sync::Mutex<std::collections::HashMap<PathBuf, Cached>>,
}

type FileResult = (Option<Record>, Vec<Diagnostic>, PathBuf, String);

struct Cached {
    stamp: (Option<std::time::SystemTime>, u64, u64),
    result: FileResult,
}

fn stamp(path: &Path, config: &SiteConfig) -> Option<(Option<std::time::SystemTime>, u64, u64)> {
    let m = std::fs::symlink_metadata(path).ok()?;
    Some((m.modified().ok(), m.len(), config.max_file_bytes))
}

/// Loads and checks the site at `root`.
pub fn load(root: &Path, today: Date) -> Result<Loaded, LoadError> {
    load_cached(root, today, None)
}

/// Loads and checks the site at `root`, reusing unchanged files from `cache`.
pub fn load_cached(root: &Path, today: Date, cache: Option<&Cache>) -> Result<Loaded, LoadError> {
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

    let mut files: Vec<(PathBuf, FileKind)> = Vec::new();
    for (dir, ext, kind) in [
        ("models", "md", FileKind::Release),
        ("licenses", "toml", FileKind::License),
        ("orgs", "toml", FileKind::Organization),
    ] {
        let dir = content.join(dir);
        if !dir.is_dir() {
            continue;
        }
        for entry in walkdir::WalkDir::new(&dir)
            .follow_links(false)
            .sort_by_file_name()
        {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    let p = e.path().map(|p| rel(root, p)).unwrap_or_default();
                    diags.push(Diagnostic::error(
                        Code::Io,
                        &p,
                        None,
                        format!("cannot read: {e}"),
                    ));
                    continue;
                }
            };
            let path = entry.path();
            if path.extension().and_then(|e| e.to_str()) != Some(ext) {
                continue;
            }
            if entry.path_is_symlink() {
                match path.canonicalize() {
                    Ok(target) if target.starts_with(&content_real) && target.is_file() => {}
                    Ok(target) => {
                        diags.push(
                            Diagnostic::error(
                                Code::SymlinkEscape,
                                &rel(root, path),
                                None,
                                format!(
                                    "symbolic link leads outside content/ (to {})",
                                    target.display()
                                ),
                            )
                            .help("replace the link with the file itself"),
                        );
                        continue;
                    }
                    Err(e) => {
                        diags.push(Diagnostic::error(
                            Code::Io,
                            &rel(root, path),
                            None,
                            format!("broken symbolic link: {e}"),
                        ));
                        continue;
                    }
                }
            } else if !entry.file_type().is_file() {
                continue;
            }
            files.push((path.to_path_buf(), kind));
        }
    }

    let results: Vec<FileResult> = files
        .par_iter()
        .map(|(path, kind)| {
            let Some(cache) = cache else {
                // A file without problems needs no text kept for diagnostics: dropping it
                // here keeps memory to the parsed records (a later cross-file diagnostic
                // reads its file again).
                let mut result = load_file(root, path, *kind, &config);
                if result.1.is_empty() {
                    result.3 = String::new();
                }
                return result;
            };
            let st = stamp(path, &config);
            if let Some(hit) = cache.entries.lock().ok().and_then(|c| {
                c.get(path)
                    .filter(|c| Some(c.stamp) == st)
                    .map(|c| c.result.clone())
            }) {
                return hit;
            }
            let result = load_file(root, path, *kind, &config);
            if let (Some(st), Ok(mut c)) = (st, cache.entries.lock()) {
                c.insert(
                    path.clone(),
                    Cached {
                        stamp: st,
                        result: result.clone(),
                    },
                );
            }
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

    let mut site = Site {
        root: root.to_path_buf(),
        config,
        releases: Vec::new(),
        licenses: Vec::new(),
        orgs: Vec::new(),
        peers: Default::default(),
    };
    for (record, file_diags, path, text) in results {
        diags.extend(file_diags);
        if !text.is_empty() {
            sources.insert(path, text);
        }
        match record {
            Some(Record::Release(r)) => site.releases.push(*r),
            Some(Record::License(l)) => site.licenses.push(*l),
            Some(Record::Organization(o)) => site.orgs.push(*o),
            None => {}
        }
    }
    site.releases
        .sort_by(|a, b| a.slug.cmp(&b.slug).then_with(|| a.path.cmp(&b.path)));
    site.licenses.sort_by(|a, b| a.id.cmp(&b.id));
    site.orgs.sort_by(|a, b| a.id.cmp(&b.id));

    diags.extend(
        site.releases
            .par_iter()
            .flat_map_iter(|r| validate::release(r, &site.config, today))
            .collect::<Vec<_>>(),
    );
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

fn license_evidence(l: &License) -> Vec<&At<String>> {
    [
        &l.scale_cap,
        &l.field_of_use,
        &l.geographic,
        &l.revocation,
        &l.attribution,
        &l.branding,
        &l.derivative_naming,
    ]
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
    let config = parse_toml(&text, 0, &relp, schema::site(), diags, |view| {
        extract::site(view)
    })
    .unwrap_or_default();
    sources.insert(relp, text);
    Ok(config)
}

/// Parses TOML text that starts at `offset` in its file, checks its shape, and builds a
/// record with `build` when the syntax is sound.
pub(crate) fn parse_toml<T>(
    text: &str,
    offset: usize,
    file: &Path,
    fields: &[schema::Field],
    diags: &mut Vec<Diagnostic>,
    build: impl FnOnce(&extract::View<'_, '_>) -> T,
) -> Option<T> {
    let (root, errors) = DeTable::parse_recoverable(text);
    let syntax_ok = errors.is_empty();
    let mut syntax_spans = Vec::new();
    for e in errors {
        let span = e.span().map(|s| s.start + offset..s.end + offset);
        syntax_spans.extend(span.clone());
        diags.push(
            Diagnostic::error(Code::TomlSyntax, file, span, format!("TOML syntax error: {}", e.message().trim()))
                .label("here")
                .help("fix the TOML syntax: strings in double quotes, one key per line, tables as [name], dates as YYYY-MM-DD"),
        );
    }
    let root_span = root.span();
    // "Missing key" diagnostics point at the opening `+++` line of front matter, or at the
    // first line of a plain TOML file.
    let head = if offset >= 4 {
        offset - 4..offset - 1
    } else {
        0..text.find('\n').unwrap_or(text.len())
    };
    let mut shape = Vec::new();
    let mut cx = tree::Ctx {
        file,
        offset,
        diags: &mut shape,
    };
    tree::check_document(root.get_ref(), fields, head, &mut cx);
    // After a syntax error the recovered tree may lack keys that are really there.
    diags.extend(shape.into_iter().filter(|d| {
        syntax_ok
            || (d.code != Code::MissingKey
                && !d.span.as_ref().is_some_and(|s| syntax_spans.contains(s)))
    }));
    let view = extract::View::new(root.get_ref(), root_span, offset);
    Some(build(&view))
}

/// The result for a file that could not be read.
fn unreadable(mut diags: Vec<Diagnostic>, relp: &Path, e: std::io::Error) -> FileResult {
    diags.push(Diagnostic::error(
        Code::Io,
        relp,
        None,
        format!("cannot read: {e}"),
    ));
    (None, diags, relp.to_path_buf(), String::new())
}

fn load_file(
    root: &Path,
    path: &Path,
    kind: FileKind,
    config: &SiteConfig,
) -> (Option<Record>, Vec<Diagnostic>, PathBuf, String) {
    let relp = rel(root, path);
    let mut diags = Vec::new();
    let fail = |diags, text| (None, diags, relp.clone(), text);
    match std::fs::metadata(path) {
        Ok(m) if m.len() > config.max_file_bytes => {
            diags.push(
                Diagnostic::error(
                    Code::FileTooLarge,
                    &relp,
                    None,
                    format!(
                        "file is {} bytes; the limit is {} (max_file_bytes)",
                        m.len(),
                        config.max_file_bytes
                    ),
                )
                .help("shorten the narrative, or raise max_file_bytes in site.toml"),
            );
            return fail(diags, String::new());
        }
        Ok(m) if m.len() == 0 => {
            diags.push(
                Diagnostic::error(Code::FileEmpty, &relp, None, "file is empty")
                    .help(empty_help(kind)),
            );
            return fail(diags, String::new());
        }
        Ok(_) => {}
        Err(e) => return unreadable(diags, &relp, e),
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => return unreadable(diags, &relp, e),
    };
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
            diags.push(
                Diagnostic::error(
                    Code::NotUtf8,
                    &relp,
                    Some(at..at + 1),
                    format!("file is not valid UTF-8 (first bad byte at offset {at})"),
                )
                .label("invalid byte")
                .help("save the file as UTF-8"),
            );
            return fail(diags, lossy);
        }
    };
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("")
        .to_string();
    let record = match kind {
        FileKind::Release => match split_front_matter(&text, &relp, &mut diags) {
            Some((fm, offset, body)) => {
                parse_toml(fm, offset, &relp, schema::release(), &mut diags, |v| {
                    Record::Release(Box::new(extract::release(
                        v,
                        stem,
                        relp.clone(),
                        body.to_string(),
                    )))
                })
            }
            None => None,
        },
        FileKind::License => parse_toml(&text, 0, &relp, schema::license(), &mut diags, |v| {
            Record::License(Box::new(extract::license(v, stem, relp.clone())))
        }),
        FileKind::Organization => {
            parse_toml(&text, 0, &relp, schema::organization(), &mut diags, |v| {
                Record::Organization(Box::new(extract::organization(v, stem, relp.clone())))
            })
        }
    };
    (record, diags, relp, text)
}

fn empty_help(kind: FileKind) -> &'static str {
    match kind {
        FileKind::Release => "start from `openindex new <slug> --kind <kind>`, or delete the file",
        FileKind::License | FileKind::Organization => {
            "fill in the keys listed in CONTRIBUTING.md, or delete the file"
        }
    }
}

pub use front_matter::split_front_matter;
