//! Output of `openindex sources`: one line per source (human), a JSON array (the documented
//! contract) or GitHub workflow annotations — for the listing and for the check.

use super::{Checked, Citation, Outcome};
use crate::diag::{escape_data, escape_property};
use serde::Serialize;
use std::io::Write;

/// Prints the listing as text: `file:line: id (kind) url`, one line per source.
pub fn list_human(citations: &[Citation], out: &mut dyn Write) -> std::io::Result<()> {
    for c in citations {
        writeln!(
            out,
            "{}:{}: {} ({}) {}",
            c.file, c.line, c.id, c.kind, c.url
        )?;
    }
    Ok(())
}

/// Prints the listing as a JSON array of [`Citation`] objects.
pub fn list_json(citations: &[Citation], out: &mut dyn Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, citations)?;
    writeln!(out)
}

/// Prints the listing as GitHub `::notice` annotations, one per source.
pub fn list_github(citations: &[Citation], out: &mut dyn Write) -> std::io::Result<()> {
    for c in citations {
        let msg = format!("source `{}` ({}): {}", c.id, c.kind, c.url);
        annotation(out, "notice", c, "source", &msg)?;
    }
    Ok(())
}

/// The JSON record of one checked URL (the `sources --check --format json` contract).
#[derive(Serialize)]
pub struct JsonChecked<'a> {
    /// The URL as written in the files.
    pub url: &'a str,
    /// `ok`, `redirected` or `broken`.
    pub result: &'static str,
    /// The HTTP status of the last answer, or null when there was none.
    pub status: Option<u16>,
    /// Where redirects ended, or null when the URL answered itself.
    pub final_url: Option<&'a str>,
    /// Why it is broken (`4xx`, `5xx`, `dns`, `tls`, `timeout`, `connection`,
    /// `too-many-redirects`, `invalid-url`, `other`), or null.
    pub failure: Option<&'static str>,
    /// What went wrong, in words, or null.
    pub message: Option<&'a str>,
    /// Every source that cites the URL, as in the listing.
    pub cited_by: &'a [&'a Citation],
}

/// Converts checked URLs to their JSON records.
pub fn to_json<'a>(checked: &'a [Checked<'a>]) -> Vec<JsonChecked<'a>> {
    checked
        .iter()
        .map(|c| {
            let (result, status, final_url, failure, message) = match &c.outcome {
                Outcome::Ok { status } => ("ok", Some(*status), None, None, None),
                Outcome::Redirected { status, final_url } => (
                    "redirected",
                    Some(*status),
                    Some(final_url.as_str()),
                    None,
                    None,
                ),
                Outcome::Broken {
                    failure,
                    status,
                    final_url,
                    message,
                } => (
                    "broken",
                    *status,
                    final_url.as_deref(),
                    Some(failure.as_str()),
                    Some(message.as_str()),
                ),
            };
            JsonChecked {
                url: c.url,
                result,
                status,
                final_url,
                failure,
                message,
                cited_by: &c.citations,
            }
        })
        .collect()
}

/// Prints the check's results as JSON: every URL, in URL order.
pub fn check_json(checked: &[Checked<'_>], out: &mut dyn Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &to_json(checked))?;
    writeln!(out)
}

/// Prints broken and redirected URLs as text, each with every place that cites it.
pub fn check_human(checked: &[Checked<'_>], out: &mut dyn Write) -> std::io::Result<()> {
    for c in checked {
        match &c.outcome {
            Outcome::Ok { .. } => continue,
            Outcome::Redirected { final_url, .. } => {
                writeln!(out, "redirected: {} → {final_url}", c.url)?;
            }
            Outcome::Broken {
                message, final_url, ..
            } => {
                write!(out, "broken: {} — {message}", c.url)?;
                if let Some(f) = final_url {
                    write!(out, " (after redirects to {f})")?;
                }
                writeln!(out)?;
            }
        }
        for at in &c.citations {
            writeln!(
                out,
                "  {}:{}: source `{}` ({})",
                at.file, at.line, at.id, at.kind
            )?;
        }
    }
    Ok(())
}

/// Prints an `::error` annotation on every line that cites a broken URL, and a `::notice`
/// on every line that cites a redirected one.
pub fn check_github(checked: &[Checked<'_>], out: &mut dyn Write) -> std::io::Result<()> {
    for c in checked {
        let (kind, title, msg) = match &c.outcome {
            Outcome::Ok { .. } => continue,
            Outcome::Redirected { final_url, .. } => (
                "notice",
                "redirected source",
                format!("{} redirects to {final_url}", c.url),
            ),
            Outcome::Broken { message, .. } => {
                ("error", "broken source", format!("{}: {message}", c.url))
            }
        };
        for at in &c.citations {
            let msg = format!("{msg} (source `{}`)", at.id);
            annotation(out, kind, at, title, &msg)?;
        }
    }
    Ok(())
}

/// Counts of a check: (ok, redirected, broken).
pub fn counts(checked: &[Checked<'_>]) -> (usize, usize, usize) {
    checked
        .iter()
        .fold((0, 0, 0), |(ok, moved, broken), c| match c.outcome {
            Outcome::Ok { .. } => (ok + 1, moved, broken),
            Outcome::Redirected { .. } => (ok, moved + 1, broken),
            Outcome::Broken { .. } => (ok, moved, broken + 1),
        })
}

/// One line saying how the check went.
pub fn summary(checked: &[Checked<'_>]) -> String {
    let (ok, moved, broken) = counts(checked);
    let cites: usize = checked.iter().map(|c| c.citations.len()).sum();
    let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    format!(
        "checked {} cited by {}: {ok} ok, {moved} redirected, {broken} broken",
        plural(checked.len(), "URL"),
        plural(cites, "source"),
    )
}

fn annotation(
    out: &mut dyn Write,
    kind: &str,
    at: &Citation,
    title: &str,
    msg: &str,
) -> std::io::Result<()> {
    writeln!(
        out,
        "::{kind} file={},line={},col={},title={}::{}",
        escape_property(&at.file),
        at.line,
        at.column,
        escape_property(title),
        escape_data(msg)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SourceKind;
    use crate::sources::Failure;

    #[test]
    fn annotations_name_every_citing_line() {
        let a = Citation {
            file: "content/models/a.md".into(),
            line: 40,
            column: 7,
            id: "card".into(),
            kind: SourceKind::ModelCard,
            url: "https://example.org/gone".into(),
            title: "t".into(),
        };
        let b = Citation {
            file: "content/orgs/o.toml".into(),
            line: 9,
            ..a.clone()
        };
        let checked = [Checked {
            url: "https://example.org/gone",
            outcome: Outcome::Broken {
                failure: Failure::ClientError,
                status: Some(404),
                final_url: None,
                message: "404 Not Found".into(),
            },
            citations: vec![&a, &b],
        }];
        let mut out = Vec::new();
        check_github(&checked, &mut out).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert_eq!(
            out,
            "::error file=content/models/a.md,line=40,col=7,title=broken source::https://example.org/gone: 404 Not Found (source `card`)\n\
             ::error file=content/orgs/o.toml,line=9,col=7,title=broken source::https://example.org/gone: 404 Not Found (source `card`)\n"
        );
        assert_eq!(counts(&checked), (0, 0, 1));
    }
}
