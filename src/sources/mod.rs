//! `openindex sources`: every `[[sources]]` entry of every file (releases, licenses,
//! organizations) as a [`Citation`] with the line of its `url`, and — with `--check` — the
//! outcome of requesting each distinct URL once ([`mod@check`]), printed as text, JSON or GitHub
//! annotations ([`render`]).
//!
//! The JSON shapes are a documented contract (CONTRIBUTING.md, "Checking sources").

pub mod check;
pub mod render;

use crate::content::Site;
use crate::diag::{line_col, slash_path};
use crate::model::{Source, SourceKind};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;

pub use check::{Failure, Options, Outcome, Progress, check};

/// One source as cited in one file: where its `url` is written, and what it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Citation {
    /// File relative to the site root, with `/` separators.
    pub file: String,
    /// 1-based line of the source's `url` value.
    pub line: usize,
    /// 1-based column (in characters) of the source's `url` value.
    pub column: usize,
    /// The source's id, unique within its file.
    pub id: String,
    /// What the source is (`model-card`, `license`, …).
    pub kind: SourceKind,
    /// The URL as written.
    pub url: String,
    /// The source's title.
    pub title: String,
}

/// Every source of every file the site loaded, sorted by file and line. Each file is read
/// again for its line numbers (the loader keeps byte spans, not texts of clean files).
pub fn citations(site: &Site) -> Result<Vec<Citation>, String> {
    let files = site
        .releases
        .iter()
        .map(|r| (r.path.as_path(), r.sources.as_slice()))
        .chain(
            site.licenses
                .iter()
                .map(|l| (l.path.as_path(), l.sources.as_slice())),
        )
        .chain(
            site.orgs
                .iter()
                .map(|o| (o.path.as_path(), o.sources.as_slice())),
        );
    let mut out = Vec::new();
    for (path, sources) in files {
        if sources.is_empty() {
            continue;
        }
        let text = std::fs::read_to_string(site.root.join(path))
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        out.extend(sources.iter().map(|s| cite(path, &text, s)));
    }
    out.sort_by(|a, b| (&a.file, a.line, &a.id).cmp(&(&b.file, b.line, &b.id)));
    Ok(out)
}

fn cite(path: &Path, text: &str, s: &Source) -> Citation {
    let (line, column) = line_col(text, s.url.span.start);
    Citation {
        file: slash_path(path),
        line,
        column,
        id: s.id.v.clone(),
        kind: s.kind,
        url: s.url.v.clone(),
        title: s.title.clone(),
    }
}

/// The distinct URLs of `citations`, each with every citation of it, in URL order.
pub fn by_url(citations: &[Citation]) -> BTreeMap<&str, Vec<&Citation>> {
    let mut map: BTreeMap<&str, Vec<&Citation>> = BTreeMap::new();
    for c in citations {
        map.entry(c.url.as_str()).or_default().push(c);
    }
    map
}

/// One checked URL with everything that cites it.
#[derive(Debug, Clone)]
pub struct Checked<'a> {
    /// The URL as written in the files.
    pub url: &'a str,
    /// What requesting it gave.
    pub outcome: Outcome,
    /// Every file and line that cites it.
    pub citations: Vec<&'a Citation>,
}

/// Requests every distinct URL of `citations` once and pairs each outcome with its
/// citations, in URL order; `progress` hears of each URL done.
pub fn check_all<'a>(
    citations: &'a [Citation],
    opts: &Options,
    progress: Progress<'_>,
) -> Vec<Checked<'a>> {
    let urls = by_url(citations);
    let list: Vec<&str> = urls.keys().copied().collect();
    let outcomes = check(&list, opts, progress);
    urls.into_iter()
        .zip(outcomes)
        .map(|((url, citations), outcome)| Checked {
            url,
            outcome,
            citations,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(file: &str, line: usize, url: &str) -> Citation {
        Citation {
            file: file.into(),
            line,
            column: 7,
            id: "card".into(),
            kind: SourceKind::ModelCard,
            url: url.into(),
            title: "t".into(),
        }
    }

    #[test]
    fn urls_are_grouped_with_every_citation() {
        let cs = [
            c("a.md", 3, "https://b.example/"),
            c("b.md", 9, "https://a.example/"),
            c("c.md", 4, "https://b.example/"),
        ];
        let map = by_url(&cs);
        assert_eq!(
            map.keys().copied().collect::<Vec<_>>(),
            ["https://a.example/", "https://b.example/"]
        );
        let b = &map["https://b.example/"];
        assert_eq!(
            b.iter()
                .map(|c| (c.file.as_str(), c.line))
                .collect::<Vec<_>>(),
            [("a.md", 3), ("c.md", 4)]
        );
    }
}
