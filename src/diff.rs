//! What changed for readers between two versions of the index: releases added or
//! removed, and for each release present in both, its verdict, component statuses,
//! governance points and score, license class, failure modes and sources. Pure: takes two
//! linked indexes, returns data; `openindex diff` and the `/changes/` page print it.

use crate::index::{Index, ReleaseId};
use crate::model::*;
use serde::Serialize;
use std::collections::BTreeSet;

crate::model::vocab!(
    /// What happened to a release between two versions of the index.
    DiffStatus {
        Added => "added": "the release is new",
        Removed => "removed": "the release is gone",
        Changed => "changed": "the release is in both, and something a reader sees changed",
    }
);

impl DiffStatus {
    /// The mark of a line of text output.
    fn sigil(self) -> &'static str {
        match self {
            DiffStatus::Added => "+",
            DiffStatus::Removed => "-",
            DiffStatus::Changed => "~",
        }
    }

    /// The heading of a markdown entry.
    fn heading(self) -> &'static str {
        match self {
            DiffStatus::Added => "Added:",
            DiffStatus::Removed => "Removed:",
            DiffStatus::Changed => "Changed:",
        }
    }
}

/// One changed value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// What changed (e.g. `osaid.verdict`, `governance.supply_chain`).
    pub field: String,
    /// Before.
    pub from: String,
    /// After.
    pub to: String,
}

/// The difference for one release.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReleaseDiff {
    /// Slug.
    pub slug: String,
    /// Name (after, or before when removed).
    pub name: String,
    /// Added, removed or changed.
    pub status: DiffStatus,
    /// The changes; for an added (removed) release, its headline verdicts from (to) `—`.
    pub changes: Vec<Change>,
}

impl ReleaseDiff {
    /// Whether a verdict a reader sees changed (OSAID verdict, governance score, license
    /// class, failure modes, availability), not only a detail.
    pub fn verdict_changed(&self) -> bool {
        self.status != DiffStatus::Changed
            || self.changes.iter().any(|c| {
                matches!(
                    c.field.as_str(),
                    "osaid.verdict"
                        | "governance.score"
                        | "license.class"
                        | "failure_modes"
                        | "availability"
                )
            })
    }
}

fn facts(index: &Index, id: ReleaseId) -> Vec<(String, String)> {
    let (r, a) = index.entry(id).parts();
    let mut f = vec![
        ("name".to_string(), r.name.clone()),
        ("availability".to_string(), r.availability.to_string()),
        ("osaid.verdict".to_string(), a.osaid.verdict.to_string()),
        (
            "governance.score".to_string(),
            format!("{}/8", a.governance.score),
        ),
        (
            "license.weights".to_string(),
            r.license.weights_id().unwrap_or("none").to_string(),
        ),
        ("license.class".to_string(), a.license_class.to_string()),
    ];
    f.extend(
        COMPONENTS
            .iter()
            .zip(&r.osaid)
            .map(|(c, s)| (format!("osaid.{}", c.key), s.status.to_string())),
    );
    f.extend(
        POINTS
            .iter()
            .zip(&r.governance)
            .map(|(p, s)| (format!("governance.{}", p.key), s.status.to_string())),
    );
    let modes: Vec<&str> = a.failure_modes.iter().map(|m| m.slug()).collect();
    f.push((
        "failure_modes".to_string(),
        if modes.is_empty() {
            "none".into()
        } else {
            modes.join(", ")
        },
    ));
    let mut urls: Vec<&str> = r.sources.iter().map(|s| s.url.v.as_str()).collect();
    urls.sort_unstable();
    f.push(("sources".to_string(), urls.join(" ")));
    f
}

/// The facts a reader sees first: for an added or removed release, what it brings or takes.
const HEADLINE: &[&str] = &[
    "availability",
    "osaid.verdict",
    "governance.score",
    "license.weights",
    "license.class",
    "failure_modes",
];

/// The headline facts of a release, as changes from nothing (`added`) or to nothing.
fn headline(index: &Index, id: ReleaseId, added: bool) -> Vec<Change> {
    facts(index, id)
        .into_iter()
        .filter(|(field, _)| HEADLINE.contains(&field.as_str()))
        .map(|(field, v)| {
            let none = "—".to_string();
            let (from, to) = if added { (none, v) } else { (v, none) };
            Change { field, from, to }
        })
        .collect()
}

fn source_change(from: &str, to: &str) -> Change {
    let a: BTreeSet<&str> = from.split(' ').filter(|s| !s.is_empty()).collect();
    let b: BTreeSet<&str> = to.split(' ').filter(|s| !s.is_empty()).collect();
    let removed: Vec<&str> = a.difference(&b).copied().collect();
    let added: Vec<&str> = b.difference(&a).copied().collect();
    Change {
        field: "sources".into(),
        from: if removed.is_empty() {
            "—".into()
        } else {
            format!("removed {}", removed.join(", "))
        },
        to: if added.is_empty() {
            "—".into()
        } else {
            format!("added {}", added.join(", "))
        },
    }
}

/// Compares two indexes. Linear in their sizes; output sorted by slug.
pub fn diff(before: &Index, after: &Index) -> Vec<ReleaseDiff> {
    let mut out = Vec::new();
    for (slug, &j) in &after.by_slug {
        match before.by_slug.get(slug) {
            None => out.push(ReleaseDiff {
                slug: slug.clone(),
                name: after.release(j).name.clone(),
                status: DiffStatus::Added,
                changes: headline(after, j, true),
            }),
            Some(&i) => {
                let changes: Vec<Change> = facts(before, i)
                    .into_iter()
                    .zip(facts(after, j))
                    .filter(|(a, b)| a.1 != b.1)
                    .map(|((field, from), (_, to))| {
                        if field == "sources" {
                            source_change(&from, &to)
                        } else {
                            Change { field, from, to }
                        }
                    })
                    .collect();
                if !changes.is_empty() {
                    out.push(ReleaseDiff {
                        slug: slug.clone(),
                        name: after.release(j).name.clone(),
                        status: DiffStatus::Changed,
                        changes,
                    });
                }
            }
        }
    }
    for (slug, &i) in &before.by_slug {
        if !after.by_slug.contains_key(slug) {
            out.push(ReleaseDiff {
                slug: slug.clone(),
                name: before.release(i).name.clone(),
                status: DiffStatus::Removed,
                changes: headline(before, i, false),
            });
        }
    }
    out.sort_by(|a, b| a.slug.cmp(&b.slug));
    out
}

/// Plain text for the terminal.
pub fn to_text(diffs: &[ReleaseDiff], from: &str) -> String {
    if diffs.is_empty() {
        return format!("no changes for readers since {from}\n");
    }
    let mut s = format!("changes since {from}: {}\n", summary(diffs));
    for d in diffs {
        s.push_str(&format!("\n{} {} ({})\n", d.status.sigil(), d.name, d.slug));
        for c in &d.changes {
            s.push_str(&format!("    {}: {} → {}\n", c.field, c.from, c.to));
        }
    }
    s
}

fn summary(diffs: &[ReleaseDiff]) -> String {
    let n = |s: DiffStatus| diffs.iter().filter(|d| d.status == s).count();
    format!(
        "{} added, {} removed, {} changed",
        n(DiffStatus::Added),
        n(DiffStatus::Removed),
        n(DiffStatus::Changed)
    )
}

fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '!' | '@'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Markdown fit for a pull-request comment.
pub fn to_markdown(diffs: &[ReleaseDiff], from: &str) -> String {
    let mut s = String::from("### Openness Index: what this change does to the verdicts\n\n");
    if diffs.is_empty() {
        s.push_str(&format!(
            "No changes for readers since `{}`.\n",
            md_escape(from).replace('`', "")
        ));
        return s;
    }
    s.push_str(&format!(
        "Compared with `{}`: {}.\n\n",
        from.replace('`', ""),
        summary(diffs)
    ));
    for d in diffs {
        s.push_str(&format!(
            "**{} {}** (`{}`)\n\n",
            d.status.heading(),
            md_escape(&d.name),
            d.slug
        ));
        if !d.changes.is_empty() {
            s.push_str("| field | before | after |\n| --- | --- | --- |\n");
            for c in &d.changes {
                s.push_str(&format!(
                    "| `{}` | {} | {} |\n",
                    c.field,
                    md_escape(&c.from),
                    md_escape(&c.to)
                ));
            }
            s.push('\n');
        }
    }
    s
}

/// Verdict changes across recent content commits, for `/changes/` and model pages.
#[derive(Debug, Clone, Default, Serialize)]
pub struct History {
    /// Newest first: one entry per commit that changed a verdict.
    pub entries: Vec<HistoryEntry>,
    /// How many content commits were examined.
    pub examined: usize,
    /// Date of the oldest commit examined.
    pub since: String,
}

/// The verdict changes one commit made.
#[derive(Debug, Clone, Serialize)]
pub struct HistoryEntry {
    /// Short commit hash.
    pub commit: String,
    /// Commit date (YYYY-MM-DD).
    pub date: String,
    /// Commit subject.
    pub subject: String,
    /// Releases whose verdicts changed.
    pub releases: Vec<ReleaseDiff>,
}

impl History {
    /// The newest entry that changed a release's verdicts.
    pub fn last_change(&self, slug: &str) -> Option<&HistoryEntry> {
        self.entries
            .iter()
            .find(|e| e.releases.iter().any(|r| r.slug == slug))
    }
}
