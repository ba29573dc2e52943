//! Meaning checks, after shape: dates in the past, evidence that exists and is primary
//! where it must be, derivatives that name a base, and the cross-file checks — unknown
//! organizations, licenses and base models, duplicate slugs and lineage cycles. Each check
//! pushes diagnostics; none stops the others.

use super::Site;
use super::tree::is_slug;
use crate::diag::{Code, Diagnostic, did_you_mean};
use crate::model::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Checks one release on its own.
pub fn release(r: &Release, config: &SiteConfig, today: Date) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let file = r.path.as_path();
    if !is_slug(&r.slug) {
        out.push(
            Diagnostic::error(Code::InvalidSlug, file, None, format!("file name `{}` is not a valid slug", r.slug))
                .help("rename the file: lowercase letters, digits and hyphens only, e.g. `llama-3-1-405b.md`"),
        );
    }
    for (what, d) in [("release_date", &r.release_date), ("reviewed", &r.reviewed)] {
        if d.v > today {
            out.push(
                Diagnostic::error(
                    Code::FutureDate,
                    file,
                    Some(d.span.clone()),
                    format!("`{what}` {} is after today ({today})", d.v),
                )
                .label("in the future")
                .help("record the date it actually happened"),
            );
        }
    }
    if let Some(age) = config.review_overdue_by(r.reviewed.v, today) {
        out.push(
            Diagnostic::warning(
                Code::ReviewOverdue,
                file,
                Some(r.reviewed.span.clone()),
                format!(
                    "last reviewed {} ({age} days ago; stale after {})",
                    r.reviewed.v, config.stale_after_days
                ),
            )
            .label("review overdue")
            .help("re-check every fact against its source, then set `reviewed` to today"),
        );
    }
    if r.body.trim() == super::template::NARRATIVE_PLACEHOLDER {
        out.push(
            Diagnostic::warning(Code::NarrativePlaceholder, file, None, "the narrative is still the placeholder `openindex new` wrote".to_string())
                .help("replace it, below the closing `+++`, with 100–400 words of your own: what was released, what was not, what the license lets you do, and why the verdicts are what they are"),
        );
    }
    if r.kind.v.is_derivative() && r.base_models.is_empty() {
        out.push(
            Diagnostic::error(Code::DerivativeWithoutBase,
                file,
                Some(r.kind.span.clone()),
                format!("a `{}` release must name the model(s) it was made from", r.kind.v),
            )
            .label("derivative kind")
            .help("list the base releases' slugs in `base_models = [\"…\"]` (add the base to the index if missing)"),
        );
    }
    if r.license.weights.is_none() && r.availability != Availability::NotReleased {
        out.push(
            Diagnostic::error(Code::MissingKey,
                file,
                Some(r.license.span.clone()),
                format!(
                    "missing key `weights` in `[license]`: the weights are `{}`, so their license must be named",
                    r.availability
                ),
            )
            .label("in this table")
            .help("add `weights = \"<id>\"` (a file in content/licenses/); only a `not-released` release may leave it out"),
        );
    }
    out.extend(sources_ok(file, &r.sources, today));
    let ids: Vec<&str> = r.sources.iter().map(|s| s.id.v.as_str()).collect();
    // Every status, with whether it is known and whether it is positive.
    for (key, span, evidence, known, positive) in statuses(&r.osaid).chain(statuses(&r.governance))
    {
        let cited = Cited {
            key: &key,
            span,
            evidence,
        };
        evidence_ok(file, r, &cited, known, positive, &ids, &mut out);
    }
    for (key, _, fact) in r.safety.facts() {
        let Some(f) = fact else { continue };
        unknown_ids(file, &f.evidence, &ids, &mut out);
        if f.status && f.evidence.is_empty() {
            out.push(
                Diagnostic::error(
                    Code::MissingEvidence,
                    file,
                    Some(f.span.clone()),
                    format!("`safety.{key} = true` cites no source"),
                )
                .label("no evidence for this fact")
                .help("add `evidence = [\"<source id>\"]` to the fact"),
            );
        } else if f.status {
            let cited = Cited {
                key: &format!("safety.{key}"),
                span: &f.evidence[0].span,
                evidence: &f.evidence,
            };
            secondary_only(file, r, &cited, &mut out);
        }
    }
    for f in &r.findings {
        unknown_ids(file, &f.evidence, &ids, &mut out);
        if f.evidence.is_empty() {
            out.push(
                Diagnostic::error(
                    Code::MissingEvidence,
                    file,
                    Some(f.mode.span.clone()),
                    "a finding cites no source",
                )
                .label("this finding")
                .help("add `evidence = [\"<source id>\"]`"),
            );
        }
    }
    for claim in &r.marketed_as {
        unknown_ids(file, std::slice::from_ref(&claim.source), &ids, &mut out);
    }
    out
}

/// A status or safety fact: its key, where it is written and the sources it cites.
#[derive(Clone, Copy)]
struct Cited<'a> {
    key: &'a str,
    span: &'a Span,
    evidence: &'a [At<String>],
}

fn evidence_ok(
    file: &Path,
    r: &Release,
    c: &Cited<'_>,
    known: bool,
    positive: bool,
    ids: &[&str],
    out: &mut Vec<Diagnostic>,
) {
    let Cited {
        key,
        span,
        evidence,
    } = *c;
    unknown_ids(file, evidence, ids, out);
    if known && evidence.is_empty() {
        out.push(
            Diagnostic::error(
                Code::MissingEvidence,
                file,
                Some(span.clone()),
                format!("`{key}` has a status but cites no source"),
            )
            .label("no evidence for this status")
            .help("add `evidence = [\"<source id>\"]`, or set the status to \"unknown\""),
        );
    } else if positive {
        secondary_only(file, r, c, out);
    }
}

fn secondary_only(file: &Path, r: &Release, c: &Cited<'_>, out: &mut Vec<Diagnostic>) {
    let Cited {
        key,
        span,
        evidence,
    } = *c;
    let cited: Vec<&Source> = evidence.iter().filter_map(|e| r.source(&e.v)).collect();
    if !cited.is_empty() && cited.iter().all(|s| !s.kind.is_primary()) {
        out.push(
            Diagnostic::error(Code::SecondaryOnly,
                file,
                Some(span.clone()),
                format!("`{key}` is positive but backed only by secondary sources"),
            )
            .label("needs a primary source")
            .help("cite the model card, license text, repository, report or announcement — or lower the status to \"partial\""),
        );
    }
}

fn unknown_ids(file: &Path, evidence: &[At<String>], ids: &[&str], out: &mut Vec<Diagnostic>) {
    for e in evidence {
        if !ids.contains(&e.v.as_str()) {
            let mut d = Diagnostic::error(
                Code::UnknownEvidence,
                file,
                Some(e.span.clone()),
                format!("no source has the id \"{}\"", e.v),
            )
            .label("not in [[sources]]");
            d = match did_you_mean(&e.v, ids.iter().copied()) {
                Some(s) => d.help(format!("did you mean \"{s}\"?")),
                None => d.help("add a [[sources]] table with this id, or cite an existing one"),
            };
            out.push(d);
        }
    }
}

/// Each status of a table as `(key path, span, evidence, known, positive)`.
fn statuses<S: StatusWord>(
    statuses: &[Status<S>],
) -> impl Iterator<Item = (String, &Span, &Evidence, bool, bool)> {
    S::keys().zip(statuses).map(|(key, s)| {
        (
            format!("{}.{key}", S::TABLE),
            &s.span,
            &s.evidence,
            s.status != S::UNKNOWN,
            s.status == S::POSITIVE,
        )
    })
}

fn sources_ok(file: &Path, sources: &[Source], today: Date) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut seen: BTreeMap<&str, &At<String>> = BTreeMap::new();
    for s in sources {
        let at_source = |code, message: String, label: &str, help: &str| {
            Diagnostic::error(code, file, Some(s.id.span.clone()), message)
                .label(label)
                .help(help)
        };
        if seen.insert(s.id.v.as_str(), &s.id).is_some() {
            out.push(at_source(
                Code::DuplicateSource,
                format!("source id \"{}\" is used twice", s.id.v),
                "second use",
                "give each [[sources]] entry its own id",
            ));
        }
        if s.accessed > today {
            out.push(at_source(
                Code::FutureDate,
                format!(
                    "source \"{}\" was accessed {} — after today",
                    s.id.v, s.accessed
                ),
                "in this source",
                "record the day you actually read it",
            ));
        }
    }
    out
}

/// Checks a license or organization file: sources and the ids its facts cite.
pub fn sourced(
    file: &Path,
    sources: &[Source],
    evidence: &[&At<String>],
    today: Date,
) -> Vec<Diagnostic> {
    let mut out = sources_ok(file, sources, today);
    if sources.is_empty() {
        out.push(
            Diagnostic::error(
                Code::MissingEvidence,
                file,
                None,
                "the file cites no source",
            )
            .help("add a [[sources]] table (for a license, the license text itself)"),
        );
    }
    let ids: Vec<&str> = sources.iter().map(|s| s.id.v.as_str()).collect();
    let owned: Vec<At<String>> = evidence.iter().map(|e| (*e).clone()).collect();
    unknown_ids(file, &owned, &ids, &mut out);
    out
}

/// Checks references between files: organizations, licenses, base models, duplicate
/// slugs and lineage cycles. Linear in the number of references.
pub fn cross_file(site: &Site) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let orgs: BTreeSet<&str> = site.orgs.iter().map(|o| o.id.as_str()).collect();
    let licenses: BTreeSet<&str> = site.licenses.iter().map(|l| l.id.as_str()).collect();
    let mut slugs: BTreeMap<&str, &Release> = BTreeMap::new();
    for r in &site.releases {
        if let Some(first) = slugs.insert(r.slug.as_str(), r) {
            out.push(
                Diagnostic::error(
                    Code::DuplicateSlug,
                    &r.path,
                    None,
                    format!("slug `{}` is also used by {}", r.slug, first.path.display()),
                )
                .help("rename one of the files: each release needs its own slug"),
            );
        }
    }
    for r in &site.releases {
        let file = r.path.as_path();
        if !r.organization.v.is_empty() && !orgs.contains(r.organization.v.as_str()) {
            out.push(missing_ref(
                Code::UnknownOrganization,
                file,
                &r.organization,
                "organization",
                "content/orgs/",
                orgs.iter().copied(),
            ));
        }
        let mut refs: Vec<&At<String>> = r.license.weights.iter().collect();
        refs.extend(r.license.code.iter());
        refs.extend(r.license.data.iter());
        refs.extend(r.osaid.iter().filter_map(|c| c.license.as_deref()));
        for l in refs {
            if !l.v.is_empty() && !licenses.contains(l.v.as_str()) {
                out.push(missing_ref(
                    Code::UnknownLicense,
                    file,
                    l,
                    "license",
                    "content/licenses/",
                    licenses.iter().copied(),
                ));
            }
        }
        for b in &r.base_models {
            if b.v == r.slug {
                out.push(
                    Diagnostic::error(
                        Code::LineageCycle,
                        file,
                        Some(b.span.clone()),
                        "a release cannot be its own base model",
                    )
                    .label("this release")
                    .help("name the model it was made from"),
                );
            } else if !slugs.contains_key(b.v.as_str()) {
                out.push(missing_ref(
                    Code::UnknownBaseModel,
                    file,
                    b,
                    "release",
                    "content/models/",
                    slugs.keys().copied(),
                ));
            }
        }
    }
    out.extend(cycles(&site.releases));
    out.extend(super::consistency::disagreements(&site.releases));
    out
}

fn missing_ref<'a>(
    code: Code,
    file: &Path,
    at: &At<String>,
    what: &str,
    dir: &str,
    known: impl Iterator<Item = &'a str>,
) -> Diagnostic {
    let d = Diagnostic::error(
        code,
        file,
        Some(at.span.clone()),
        format!("no {what} has the id \"{}\"", at.v),
    )
    .label(format!("not in {dir}"));
    match did_you_mean(&at.v, known) {
        Some(s) => d.help(format!("did you mean \"{s}\"?")),
        None => d.help(format!(
            "add {dir}{}{} or use an existing id",
            at.v,
            if what == "release" { ".md" } else { ".toml" }
        )),
    }
}

/// Finds base-model cycles with an iterative three-colour depth-first search (O(V + E)).
fn cycles(releases: &[Release]) -> Vec<Diagnostic> {
    #[derive(Clone, Copy, PartialEq)]
    enum Colour {
        White,
        Grey,
        Black,
    }
    let index: BTreeMap<&str, usize> = releases
        .iter()
        .enumerate()
        .map(|(i, r)| (r.slug.as_str(), i))
        .collect();
    let mut colour = vec![Colour::White; releases.len()];
    let mut out = Vec::new();
    for start in 0..releases.len() {
        if colour[start] != Colour::White {
            continue;
        }
        let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
        colour[start] = Colour::Grey;
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            let bases = &releases[node].base_models;
            if *next < bases.len() {
                let b = &bases[*next];
                *next += 1;
                let Some(&child) = index.get(b.v.as_str()) else {
                    continue;
                };
                if child == node {
                    continue;
                }
                match colour[child] {
                    Colour::White => {
                        colour[child] = Colour::Grey;
                        stack.push((child, 0));
                    }
                    Colour::Grey => {
                        let pos = stack.iter().position(|(n, _)| *n == child).unwrap_or(0);
                        let path: Vec<&str> = stack[pos..]
                            .iter()
                            .map(|(n, _)| releases[*n].slug.as_str())
                            .chain([releases[child].slug.as_str()])
                            .collect();
                        out.push(
                            Diagnostic::error(Code::LineageCycle,
                                &releases[node].path,
                                Some(b.span.clone()),
                                format!("base models form a cycle: {}", path.join(" → ")),
                            )
                            .label("closes the cycle")
                            .help("a model cannot descend from itself: remove the wrong `base_models` entry"),
                        );
                    }
                    Colour::Black => {}
                }
            } else {
                colour[node] = Colour::Black;
                stack.pop();
            }
        }
    }
    out
}
