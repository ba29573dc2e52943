//! Diagnostics: every problem `check` can report, collected (never thrown), each with a
//! stable kebab-case code, a file, a byte span, what is wrong and how to fix it.
//!
//! One renderer, three formats: human text in the style of rustc, a JSON array (a
//! documented, stable contract) and GitHub workflow annotations. Human output uses
//! `codespan-reporting`: it is small (no proc-macros, two light dependencies), renders
//! multi-label snippets with carets and notes exactly like rustc, honours `NO_COLOR` through
//! `termcolor`, and takes plain byte ranges — the spans the loader already keeps — where
//! miette would want its own `SourceSpan` wrapper types and a derive-heavy error model, and
//! annotate-snippets would leave file bookkeeping and colour handling to us.

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term;
use codespan_reporting::term::termcolor;
use serde::Serialize;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Stops `build`; `check` exits 1.
    Error,
    /// Reported; fails `check` only with `--deny-warnings`.
    Warning,
}

/// One problem found in the content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Stable code.
    pub code: Code,
    /// File, relative to the site root.
    pub file: PathBuf,
    /// Byte range in the file, when the problem has a place.
    pub span: Option<Range<usize>>,
    /// What is wrong.
    pub message: String,
    /// Short label under the caret.
    pub label: String,
    /// How to fix it.
    pub help: Option<String>,
}

/// Where in a file a problem is: a byte range, or `None` for the file as a whole.
pub type Place = Option<Range<usize>>;

impl Diagnostic {
    /// A new error.
    pub fn error(code: Code, file: &Path, span: Place, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            file: file.to_path_buf(),
            span,
            message: message.into(),
            label: String::new(),
            help: None,
        }
    }

    /// A new warning.
    pub fn warning(code: Code, file: &Path, span: Place, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, file, span, message)
        }
    }

    /// The error for a file or directory that could not be read.
    pub fn unreadable(file: &Path, e: impl std::fmt::Display) -> Self {
        Diagnostic::error(Code::Io, file, None, format!("cannot read: {e}"))
    }

    /// Adds the label shown under the caret.
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }

    /// Adds how to fix it.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

crate::model::vocab!(
    /// Every diagnostic code `check` can report, with what it means. The methodology page and
    /// the contributor guide list them from here; a test proves each is emitted by some fixture.
    Code {
        Io => "io": "a file or directory could not be read",
        FileTooLarge => "file-too-large": "a content file is larger than `max_file_bytes` in site.toml",
        FileEmpty => "file-empty": "a content file is empty",
        NotUtf8 => "not-utf8": "a content file is not valid UTF-8",
        SymlinkEscape => "symlink-escape": "a symbolic link points outside `content/`",
        FrontMatterMissing => "front-matter-missing": "a release file does not start with a `+++` line",
        FrontMatterUnclosed => "front-matter-unclosed": "the front matter has no closing `+++` line",
        TomlSyntax => "toml-syntax": "the TOML is malformed",
        UnknownKey => "unknown-key": "a key the schema does not define",
        MissingKey => "missing-key": "a required key is absent",
        WrongType => "wrong-type": "a value has the wrong TOML type",
        InvalidValue => "invalid-value": "a value is not one of the allowed words",
        InvalidDate => "invalid-date": "a date is not a real calendar date, or has a time part",
        FutureDate => "future-date": "a date lies after today",
        InvalidUrl => "invalid-url": "a URL is not an absolute http or https URL",
        InvalidSlug => "invalid-slug": "a file name or id is not made of `a-z`, `0-9` and `-`",
        DuplicateSlug => "duplicate-slug": "two release files have the same slug",
        DuplicateSource => "duplicate-source": "two sources of one file share an id",
        UnknownOrganization => "unknown-organization": "`organization` names no file in content/orgs/",
        UnknownLicense => "unknown-license": "a license id names no file in content/licenses/",
        UnknownBaseModel => "unknown-base-model": "`base_models` names no release",
        UnknownEvidence => "unknown-evidence": "an evidence id names no source of the file",
        InconsistentStatus => "inconsistent-status": "releases citing the same repository for the same component give it different statuses",
        LineageCycle => "lineage-cycle": "base models form a cycle",
        DerivativeWithoutBase => "derivative-without-base": "a derivative kind lists no base model",
        MissingEvidence => "missing-evidence": "a status other than `unknown` cites no source",
        SecondaryOnly => "secondary-only": "a positive status is backed only by secondary sources",
        NarrativePlaceholder => "narrative-placeholder": "the narrative is still the text `openindex new` wrote",
        ReviewOverdue => "review-overdue": "`reviewed` is older than `stale_after_days`",
        UnknownPeer => "unknown-peer": "a file in content/peers/ is named after no peer index (nor is it mapping.toml)",
        PeerUnknownRelease => "peer-unknown-release": "a peer snapshot or mapping.toml names a release slug that no file in content/models/ has",
    }
);

/// Line and column (both 1-based, column in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The texts of the files diagnostics point into, by relative path.
#[derive(Debug, Default)]
pub struct Sources {
    files: std::collections::BTreeMap<PathBuf, String>,
}

impl Sources {
    /// Records a file's text.
    pub fn insert(&mut self, path: PathBuf, text: String) {
        self.files.insert(path, text);
    }

    /// A file's text.
    pub fn get(&self, path: &Path) -> Option<&str> {
        self.files.get(path).map(String::as_str)
    }

    /// Merges another set in.
    pub fn extend(&mut self, other: Sources) {
        self.files.extend(other.files);
    }
}

/// Sorts diagnostics into a stable order: by file, then position, then code.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| {
        (
            &a.file,
            a.span.as_ref().map(|s| s.start),
            a.code,
            &a.message,
        )
            .cmp(&(
                &b.file,
                b.span.as_ref().map(|s| s.start),
                b.code,
                &b.message,
            ))
    });
}

/// Renders diagnostics as rustc-style text with snippets and carets.
pub fn render_human(
    diags: &[Diagnostic],
    sources: &Sources,
    color: bool,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let mut files = SimpleFiles::new();
    let mut ids = std::collections::BTreeMap::new();
    let config = term::Config::default();
    let mut buffer = if color {
        termcolor::Buffer::ansi()
    } else {
        termcolor::Buffer::no_color()
    };
    for d in diags {
        let name = d.file.display().to_string();
        let text = sources.get(&d.file).unwrap_or("");
        let id = *ids
            .entry(d.file.clone())
            .or_insert_with(|| files.add(name, text.to_string()));
        let mut cs = match d.severity {
            Severity::Error => CsDiagnostic::error(),
            Severity::Warning => CsDiagnostic::warning(),
        }
        .with_code(d.code.as_str())
        .with_message(&d.message);
        match &d.span {
            Some(span) if !text.is_empty() => {
                let span = clamp(text, span.clone());
                cs = cs.with_labels(vec![Label::primary(id, span).with_message(&d.label)]);
            }
            _ => {
                cs = cs.with_notes(vec![format!("in {}", d.file.display())]);
            }
        }
        if let Some(help) = &d.help {
            cs.notes.push(format!("help: {help}"));
        }
        term::emit_to_write_style(&mut buffer, &config, &files, &cs)
            .map_err(std::io::Error::other)?;
    }
    out.write_all(buffer.as_slice())
}

fn clamp(text: &str, span: Range<usize>) -> Range<usize> {
    let start = floor_char_boundary(text, span.start.min(text.len()));
    let end = floor_char_boundary(text, span.end.min(text.len())).max(start);
    start..end
}

/// The JSON record of one diagnostic (the `check --format json` contract).
#[derive(Serialize)]
pub struct JsonDiagnostic<'a> {
    /// "error" or "warning".
    pub severity: Severity,
    /// Stable code.
    pub code: &'a str,
    /// File relative to the site root, with `/` separators.
    pub file: String,
    /// 1-based line, or null.
    pub line: Option<usize>,
    /// 1-based column in characters, or null.
    pub column: Option<usize>,
    /// 1-based end line, or null.
    pub end_line: Option<usize>,
    /// 1-based end column, or null.
    pub end_column: Option<usize>,
    /// What is wrong.
    pub message: &'a str,
    /// How to fix it, or null.
    pub help: Option<&'a str>,
}

/// Converts diagnostics to their JSON records.
pub fn to_json<'a>(diags: &'a [Diagnostic], sources: &Sources) -> Vec<JsonDiagnostic<'a>> {
    diags
        .iter()
        .map(|d| {
            let text = sources.get(&d.file).unwrap_or("");
            let start = d.span.as_ref().map(|s| line_col(text, s.start));
            let end = d.span.as_ref().map(|s| line_col(text, s.end));
            JsonDiagnostic {
                severity: d.severity,
                code: d.code.as_str(),
                file: slash_path(&d.file),
                line: start.map(|p| p.0),
                column: start.map(|p| p.1),
                end_line: end.map(|p| p.0),
                end_column: end.map(|p| p.1),
                message: &d.message,
                help: d.help.as_deref(),
            }
        })
        .collect()
}

/// A path with `/` separators, for output that must not depend on the platform.
pub fn slash_path(p: &Path) -> String {
    p.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Renders GitHub workflow commands (`::error file=…,line=…,col=…::…`).
pub fn render_github(
    diags: &[Diagnostic],
    sources: &Sources,
    root_prefix: &str,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    for j in to_json(diags, sources) {
        let kind = match j.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut props = format!(
            "file={}{}",
            escape_property(root_prefix),
            escape_property(&j.file)
        );
        if let (Some(l), Some(c)) = (j.line, j.column) {
            props.push_str(&format!(",line={l},col={c}"));
        }
        if let (Some(l), Some(c)) = (j.end_line, j.end_column) {
            props.push_str(&format!(",endLine={l},endColumn={c}"));
        }
        props.push_str(&format!(",title={}", escape_property(j.code)));
        let mut msg = j.message.to_string();
        if let Some(h) = j.help {
            msg.push_str("\nhelp: ");
            msg.push_str(h);
        }
        writeln!(out, "::{kind} {props}::{}", escape_data(&msg))?;
    }
    Ok(())
}

/// A GitHub workflow-command message: `%`, CR and LF escaped.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A GitHub workflow-command property value: as [`escape_data`], plus `:` and `,`.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// Counts errors and warnings.
pub fn counts(diags: &[Diagnostic]) -> (usize, usize) {
    let errors = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    (errors, diags.len() - errors)
}

/// Edit-distance suggestion among candidates, as cargo does for unknown keys.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(word, c), c))
        .filter(|(d, c)| *d <= 3.max(c.len() / 3) && *d < c.len())
        .min_by_key(|(d, c)| (*d, *c))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_kebab_case() {
        let mut seen = std::collections::BTreeSet::new();
        for code in Code::ALL {
            let desc = code.describe();
            let code = code.as_str();
            assert!(seen.insert(code), "duplicate code {code}");
            assert!(
                code.chars()
                    .all(|c| c.is_ascii_lowercase() || c == '-' || c.is_ascii_digit())
            );
            assert!(!desc.is_empty());
        }
    }

    #[test]
    fn line_col_counts_characters() {
        let text = "ab\ncé\nx";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 3), (2, 1));
        assert_eq!(line_col(text, 6), (2, 3));
        assert_eq!(line_col(text, 7), (3, 1));
    }

    #[test]
    fn suggestions_are_close_words_only() {
        assert_eq!(
            did_you_mean("reveiwed", ["reviewed", "release_date"]),
            Some("reviewed")
        );
        assert_eq!(did_you_mean("zzzzzz", ["reviewed", "name"]), None);
    }

    #[test]
    fn github_escapes_newlines_and_separators() {
        assert_eq!(escape_data("a\nb%"), "a%0Ab%25");
        assert_eq!(escape_property("a,b:c"), "a%2Cb%3Ac");
    }
}
