//! The printable report as a typeset PDF (`openindex report`, and `/report/openindex-report.pdf`
//! with `build --with-pdf`).
//!
//! The document is typst, used as a library: a fixed template (`pdf/report.typ`, compiled
//! into the binary) reads every word of content from one JSON file that this module writes
//! from the same views the site renders ([`super::views`], [`super::report::summary`]). Content is
//! never spliced into markup — the template shows it as string values — so no character a
//! contributor types can change how the document is built. The world the template sees
//! holds exactly two files (the template and the data) and the fonts embedded in the binary:
//! no system fonts, no packages, no network, and the date comes from the caller, so the same
//! index and `SOURCE_DATE_EPOCH` give byte-identical PDFs.

use super::markdown::safe_href;
use crate::assess::reason::Reason;
use crate::index::{Entry, Index, ReleaseId};
use crate::model::*;

mod data;
mod narrative;
#[cfg(feature = "pdf")]
mod typeset;

pub use data::Report;
pub use narrative::{Block, Run, narrative};

/// Whether this binary was built with the PDF engine (the `pdf` cargo feature).
pub const ENABLED: bool = cfg!(feature = "pdf");

/// What `report` and `build --with-pdf` say when the engine is not built in.
pub const NOT_BUILT: &str = "this openindex was built without the PDF engine; build it with the `pdf` feature: cargo run --release --features pdf -- report";

/// Where the report goes in a site built with `--with-pdf`.
pub const SITE_PATH: &str = "report/openindex-report.pdf";

/// A typesetting failure (a bug in the template, never the contributor's content).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct PdfError(pub String);

/// What a report covers and how it is dated.
#[derive(Debug, Clone)]
pub struct Options {
    /// The report's date (from `SOURCE_DATE_EPOCH`, else today).
    pub today: Date,
    /// The content revision (git commit) when known.
    pub revision: Option<String>,
    /// A description of the filters, for the cover; `None` for the whole index.
    pub focus: Option<String>,
}

/// Which releases a focused report covers: a release is in when it matches every
/// non-empty list (any value within a list).
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Organization ids.
    pub orgs: Vec<String>,
    /// OSAID verdicts.
    pub verdicts: Vec<Verdict>,
    /// Failure modes.
    pub failure_modes: Vec<FailureModeId>,
    /// Release slugs.
    pub slugs: Vec<String>,
}

impl Filter {
    /// True when no list is given (the whole index).
    pub fn is_empty(&self) -> bool {
        self.orgs.is_empty()
            && self.verdicts.is_empty()
            && self.failure_modes.is_empty()
            && self.slugs.is_empty()
    }

    /// Whether a release is in the report.
    pub fn matches(&self, e: Entry) -> bool {
        let (r, a) = e.parts();
        (self.orgs.is_empty() || self.orgs.contains(&r.organization.v))
            && (self.verdicts.is_empty() || self.verdicts.contains(&a.osaid.verdict))
            && (self.failure_modes.is_empty()
                || a.failure_modes
                    .iter()
                    .any(|f| self.failure_modes.contains(&f.mode)))
            && (self.slugs.is_empty() || self.slugs.contains(&r.slug))
    }

    /// The filters in words, for the cover ("organization acme; verdict meets").
    pub fn describe(&self) -> Option<String> {
        fn words(l: &[String]) -> Vec<&str> {
            l.iter().map(String::as_str).collect()
        }
        let parts: Vec<String> = [
            ("organization", words(&self.orgs)),
            (
                "verdict",
                self.verdicts.iter().map(|v| v.as_str()).collect(),
            ),
            (
                "failure mode",
                self.failure_modes.iter().map(|m| m.as_str()).collect(),
            ),
            ("release", words(&self.slugs)),
        ]
        .iter()
        .filter(|(_, l)| !l.is_empty())
        .map(|(what, l)| format!("{what} {}", l.join(" or ")))
        .collect();
        (!parts.is_empty()).then(|| parts.join("; "))
    }
}

/// The releases of a report in index order (newest first, then by slug), as the site's
/// `/report/` page orders them.
pub fn order(index: &Index, filter: &Filter) -> Vec<ReleaseId> {
    index.newest_first(index.entries().filter(|&e| filter.matches(e)).map(|e| e.id))
}

/// A typeset report.
#[derive(Debug, Clone)]
pub struct Pdf {
    /// The PDF file.
    pub bytes: Vec<u8>,
    /// Its number of pages.
    pub pages: usize,
}

/// Typesets the report of the releases at `order`.
pub fn render(index: &Index, order: &[ReleaseId], opts: &Options) -> Result<Pdf, PdfError> {
    let report = data::report(index, order, opts).map_err(|e| PdfError(e.0))?;
    let data = serde_json::to_vec(&report).map_err(|e| PdfError(format!("report data: {e}")))?;
    #[cfg(feature = "pdf")]
    return typeset::typeset(data, opts.today);
    #[cfg(not(feature = "pdf"))]
    {
        drop(data);
        Err(PdfError(NOT_BUILT.to_string()))
    }
}

// ---- the data ---------------------------------------------------------------------------

/// Text as the report shows it: control characters and bidirectional overrides (which
/// could make a name read as something else) removed, and break opportunities (zero-width
/// spaces) in words too long for a table cell, so nothing runs off the page.
pub fn clean(s: &str) -> String {
    const LONG: usize = 28;
    let mut out = String::with_capacity(s.len());
    let mut run = 0usize;
    for c in s.chars() {
        if c.is_control() && c != '\n' && c != '\t'
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
        {
            continue;
        }
        let c = if c == '\n' || c == '\t' { ' ' } else { c };
        if c.is_whitespace() {
            run = 0;
        } else {
            run += 1;
            if run > LONG {
                out.push('\u{200B}');
                run = 1;
            }
        }
        out.push(c);
    }
    out
}

/// A link target the PDF may carry: absolute http(s) or mailto only.
fn pdf_href(url: &str) -> Option<String> {
    let lower = url.trim().to_ascii_lowercase();
    (safe_href(url)
        && (lower.starts_with("http://")
            || lower.starts_with("https://")
            || lower.starts_with("mailto:")))
    .then(|| url.trim().to_string())
}

/// A score as pages show it: "5.5", "4".
pub fn score(s: f64) -> String {
    format!("{s}")
}

/// A reason with its citations as the source numbers pages show.
pub fn cite_numbers(r: &Release, reason: &Reason) -> String {
    reason.render(str::to_string, |id| match r.source_number(id) {
        Some(n) => format!("[{n}]"),
        None => format!("[{id}]"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_removes_controls_and_breaks_long_words() {
        assert_eq!(clean("a\u{202E}b\u{7}c"), "abc");
        assert_eq!(clean("line\nbreak"), "line break");
        let long = "x".repeat(60);
        let cleaned = clean(&long);
        assert!(cleaned.contains('\u{200B}'));
        assert_eq!(cleaned.replace('\u{200B}', ""), long);
        assert_eq!(clean("short words stay"), "short words stay");
    }

    #[test]
    fn hrefs_are_absolute_and_safe() {
        assert_eq!(
            pdf_href("https://a.example/x"),
            Some("https://a.example/x".into())
        );
        assert_eq!(pdf_href("javascript:alert(1)"), None);
        assert_eq!(pdf_href("/relative/"), None);
        assert_eq!(pdf_href("file:///etc/passwd"), None);
    }

    #[test]
    fn narrative_keeps_structure_as_plain_runs() {
        let blocks = narrative(
            "# Title\n\nSome **bold** and `#code` with [a link](https://x.example/) and <script>x</script>.\n\n- one\n- two\n",
        );
        let kinds: Vec<&str> = blocks.iter().map(|b| b.kind).collect();
        assert_eq!(kinds, ["heading", "paragraph", "item", "item"]);
        let p = &blocks[1];
        assert!(p.runs.iter().any(|r| r.strong && r.text == "bold"));
        assert!(p.runs.iter().any(|r| r.code && r.text == "#code"));
        assert!(
            p.runs
                .iter()
                .any(|r| r.href.as_deref() == Some("https://x.example/"))
        );
        assert!(p.runs.iter().any(|r| r.text.contains("<script>")));
    }

    #[test]
    fn scores_read_as_on_pages() {
        assert_eq!(score(5.5), "5.5");
        assert_eq!(score(4.0), "4");
    }
}
