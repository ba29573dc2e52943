//! One content file, one pass down: read it (within `max_file_bytes`, as UTF-8), split the
//! front matter from the markdown, parse the TOML with spans, check its shape against the
//! schema ([`super::tree`]) and build its typed record ([`super::extract`]).

use super::schema::{self, Format};
use super::{extract, rel, split_front_matter, tree};
use crate::diag::{Code, Diagnostic};
use crate::model::*;
use std::path::{Path, PathBuf};
use toml::de::DeTable;

/// What kind of record a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum FileKind {
    Release,
    License,
    Organization,
}

/// One file's outcome.
#[derive(Clone)]
pub(super) enum Record {
    Release(Box<Release>),
    License(Box<License>),
    Organization(Box<Organization>),
}

/// What loading one file gave: its record (when its syntax allowed one), its problems, its
/// path relative to the site root, and its text (for rendering the problems).
#[derive(Clone)]
pub(super) struct Outcome {
    pub record: Option<Record>,
    pub diags: Vec<Diagnostic>,
    pub path: PathBuf,
    pub text: String,
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
fn unreadable(mut diags: Vec<Diagnostic>, relp: &Path, e: std::io::Error) -> Outcome {
    diags.push(Diagnostic::unreadable(relp, e));
    Outcome {
        record: None,
        diags,
        path: relp.to_path_buf(),
        text: String::new(),
    }
}

pub(super) fn load(root: &Path, path: &Path, kind: FileKind, config: &SiteConfig) -> Outcome {
    let relp = rel(root, path);
    let mut diags = Vec::new();
    let fail = |diags, text| Outcome {
        record: None,
        diags,
        path: relp.clone(),
        text,
    };
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
    let fields = match kind {
        FileKind::Release => Format::Release,
        FileKind::License => Format::License,
        FileKind::Organization => Format::Organization,
    }
    .fields();
    let record = match kind {
        FileKind::Release => match split_front_matter(&text, &relp, &mut diags) {
            Some((fm, offset, body)) => parse_toml(fm, offset, &relp, fields, &mut diags, |v| {
                let digest = digest(&text);
                Record::Release(Box::new(extract::release(
                    v,
                    stem,
                    relp.clone(),
                    body,
                    digest,
                )))
            }),
            None => None,
        },
        FileKind::License => parse_toml(&text, 0, &relp, fields, &mut diags, |v| {
            Record::License(Box::new(extract::license(v, stem, relp.clone())))
        }),
        FileKind::Organization => parse_toml(&text, 0, &relp, fields, &mut diags, |v| {
            Record::Organization(Box::new(extract::organization(v, stem, relp.clone())))
        }),
    };
    Outcome {
        record,
        diags,
        path: relp,
        text,
    }
}

/// The hash of a file's text that [`Release::digest`] keeps.
fn digest(text: &str) -> u64 {
    use std::hash::Hasher;
    let mut h = std::hash::DefaultHasher::new();
    h.write(text.as_bytes());
    h.finish()
}

fn empty_help(kind: FileKind) -> &'static str {
    match kind {
        FileKind::Release => "start from `openindex new <slug> --kind <kind>`, or delete the file",
        FileKind::License | FileKind::Organization => {
            "fill in the keys listed in CONTRIBUTING.md, or delete the file"
        }
    }
}
