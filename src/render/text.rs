//! Plain-text views for the terminal: `openindex explain`.

use crate::index::{Index, ReleaseId};
use crate::model::*;
use std::fmt::Write;

/// The four answers of DESIGN §1 for one release, with every reason.
pub fn explain(index: &Index, id: ReleaseId) -> String {
    let (r, a) = index.entry(id).parts();
    let mut o = String::new();
    let org = index
        .org(&r.organization.v)
        .map_or(r.organization.v.as_str(), |x| x.name.as_str());
    let _ = writeln!(
        o,
        "{} — {} ({}, released {})",
        r.name, org, r.kind.v, r.release_date.v
    );
    if let Some(v) = &r.version {
        let _ = writeln!(
            o,
            "artifact: {v}{}",
            r.artifact
                .revision
                .as_ref()
                .map(|x| format!(" @ {x}"))
                .unwrap_or_default()
        );
    }
    let _ = writeln!(
        o,
        "\n1. Availability: {} — {}",
        r.availability,
        r.availability.describe()
    );
    let _ = writeln!(o, "\n2. Openness (OSAID 1.0): {}", a.osaid.verdict);
    for (c, s) in COMPONENTS.iter().zip(&r.osaid) {
        let _ = writeln!(
            o,
            "   {:<22} {:<8}{}{}",
            c.key,
            s.status.as_str(),
            if c.required { "" } else { " (optional)" },
            cites(&s.evidence)
        );
    }
    for g in &a.osaid.gaps {
        let _ = writeln!(o, "   gap: {g}");
    }
    for m in &a.osaid.missing {
        let _ = writeln!(o, "   missing evidence: {m}");
    }
    let _ = writeln!(
        o,
        "\n   License: weights {} — class {}",
        r.license.weights_id().unwrap_or("none (not released)"),
        a.license_class
    );
    if let Some((l, la)) = r
        .license
        .weights_id()
        .and_then(|id| index.license_assessed(id))
    {
        let _ = writeln!(o, "   standard or custom? {}", l.standard.describe());
        let restr = &la.restrictions;
        let _ = writeln!(
            o,
            "   does it restrict you? {}",
            if restr.is_empty() {
                "no".to_string()
            } else {
                restr.join("; ")
            }
        );
        let brand = match (l.attribution.applies, l.branding.applies) {
            (_, true) => format!("branding required{}", detail(&l.branding)),
            (true, false) => format!("attribution required{}", detail(&l.attribution)),
            _ => "no".into(),
        };
        let _ = writeln!(o, "   branding or attribution? {brand}");
    }
    let _ = writeln!(
        o,
        "\n3. Release governance: {}/{}",
        a.governance.score, MAX_SCORE
    );
    for (p, s) in POINTS.iter().zip(&r.governance) {
        let shown = if s.status == PointStatus::Unknown {
            "undisclosed"
        } else {
            s.status.as_str()
        };
        let _ = writeln!(
            o,
            "   {}. {:<24} {:<11}{}",
            p.number,
            p.key,
            shown,
            cites(&s.evidence)
        );
    }
    let _ = writeln!(
        o,
        "\n4. Failure modes: {}",
        if a.failure_modes.is_empty() {
            "none shown"
        } else {
            ""
        }
    );
    for f in &a.failure_modes {
        for reason in &f.reasons {
            let _ = writeln!(
                o,
                "   {}{}: {}",
                f.slug(),
                if reason.recorded { " (recorded)" } else { "" },
                reason.marked()
            );
        }
    }
    let _ = writeln!(o, "\nSources:");
    for (n, s) in r.sources.iter().enumerate() {
        let _ = writeln!(
            o,
            "   [{}] {} — {} ({}, accessed {})",
            s.id.v,
            n + 1,
            s.title,
            s.kind,
            s.accessed
        );
        let _ = writeln!(o, "       {}", s.url.v);
    }
    o
}

fn cites(ev: &[At<String>]) -> String {
    if ev.is_empty() {
        String::new()
    } else {
        format!(
            " [{}]",
            ev.iter()
                .map(|e| e.v.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )
    }
}

fn detail(t: &Term) -> String {
    t.detail
        .as_ref()
        .map(|d| format!(" ({d})"))
        .unwrap_or_default()
}
