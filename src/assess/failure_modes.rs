//! The six release failure modes (DESIGN §6). Each rule is one pure function from a
//! release (and, for lineage, the index around it) to an optional [`Reason`] that names the
//! facts and cites source ids as `[id]`. [`RULES`] pairs every slug of
//! [`crate::model::FAILURE_MODES`] with its function; hand-recorded `[[findings]]` are added
//! after the computed ones.

use super::{Context, license, osaid::Osaid};
use crate::model::*;

/// Why a failure mode applies.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Reason {
    /// One line; source ids of the release appear as `[id]`.
    pub text: String,
    /// The source ids the line cites.
    pub evidence: Vec<String>,
    /// True when recorded by hand in `[[findings]]`, false when computed.
    pub recorded: bool,
}

/// One failure mode shown by a release, with every reason for it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Shown {
    /// The failure-mode slug.
    pub slug: &'static str,
    /// Computed reasons first, then recorded ones.
    pub reasons: Vec<Reason>,
}

/// A rule's signature.
pub type Rule = fn(&Release, &Osaid, &Context<'_>) -> Option<Reason>;

/// Every failure mode with the function that computes it.
pub const RULES: &[(&str, Rule)] = &[
    ("openwashing", openwashing),
    ("safety-wrapper-evaporation", safety_wrapper_evaporation),
    ("lineage-decay", lineage_decay),
    ("benchmark-substitution", benchmark_substitution),
    ("false-recall", false_recall),
    ("artifact-ambiguity", artifact_ambiguity),
];

fn cite(ids: &[At<String>]) -> String {
    ids.iter().map(|i| format!(" [{}]", i.v)).collect()
}

fn ids(ids: &[At<String>]) -> Vec<String> {
    ids.iter().map(|i| i.v.clone()).collect()
}

fn computed(text: String, evidence: Vec<String>) -> Option<Reason> {
    Some(Reason {
        text,
        evidence,
        recorded: false,
    })
}

/// Marketed as open while the OSAID verdict is not `meets`.
pub fn openwashing(r: &Release, o: &Osaid, _: &Context<'_>) -> Option<Reason> {
    if r.marketed_as.is_empty() || o.verdict == Verdict::Meets {
        return None;
    }
    let claims: Vec<String> = r
        .marketed_as
        .iter()
        .map(|c| format!("\"{}\" [{}]", c.claim, c.source.v))
        .collect();
    let why = if o.gaps.is_empty() {
        o.missing.iter().take(3).cloned().collect::<Vec<_>>()
    } else {
        o.gaps.iter().take(3).cloned().collect()
    };
    let more = (o.gaps.len().max(o.missing.len())).saturating_sub(3);
    let mut text = format!(
        "marketed as {} but the OSAID verdict is {}: {}",
        claims.join(" and "),
        o.verdict,
        why.join("; ")
    );
    if more > 0 {
        text.push_str(&format!("; and {more} more"));
    }
    computed(
        text,
        r.marketed_as.iter().map(|c| c.source.v.clone()).collect(),
    )
}

/// A safety case resting on hosted layers while the weights are downloadable.
pub fn safety_wrapper_evaporation(r: &Release, _: &Osaid, _: &Context<'_>) -> Option<Reason> {
    let f = r.safety.hosted_safeguards.as_ref().filter(|f| f.value)?;
    if !r.availability.weights_out() {
        return None;
    }
    computed(
        format!(
            "the safety case relies on hosted safeguards{} that do not travel with the {} weights",
            cite(&f.evidence),
            r.availability
        ),
        ids(&f.evidence),
    )
}

/// A derivative that lost its base, its base's naming rule, or its base's license terms.
pub fn lineage_decay(r: &Release, _: &Osaid, cx: &Context<'_>) -> Option<Reason> {
    if !r.kind.is_derivative() {
        return None;
    }
    if r.base_models.is_empty() {
        return computed(format!("a {} with no declared base model", r.kind), vec![]);
    }
    let mut parts = Vec::new();
    let own = r.license.weights_id().and_then(|id| cx.licenses.get(id));
    for b in &r.base_models {
        let Some(base) = cx.releases.get(b.v.as_str()) else {
            continue;
        };
        let Some(base_license) = base.license.weights_id().and_then(|id| cx.licenses.get(id))
        else {
            continue;
        };
        if let Some(prefix) = base_license
            .naming_prefix
            .as_ref()
            .filter(|_| base_license.derivative_naming.applies)
            && !r.name.to_lowercase().starts_with(&prefix.to_lowercase())
        {
            parts.push(format!(
                "drops the naming rule of its base {} (license {} requires names to begin with \"{}\")",
                base.slug, base_license.id, prefix
            ));
        }
        if let Some(own) = own {
            let (mine, theirs) = (license::class(own), license::class(base_license));
            if own.id != base_license.id
                && license::permissiveness_rank(mine) < license::permissiveness_rank(theirs)
            {
                parts.push(format!(
                    "declares {} ({}) while its base {} is under {} ({})",
                    own.id, mine, base.slug, base_license.id, theirs
                ));
            }
        }
    }
    if parts.is_empty() {
        return None;
    }
    computed(parts.join("; "), vec![])
}

/// Benchmarks published without a dangerous-capability evaluation.
pub fn benchmark_substitution(r: &Release, _: &Osaid, _: &Context<'_>) -> Option<Reason> {
    let f = r.safety.benchmarks_published.as_ref().filter(|f| f.value)?;
    let point = r
        .governance
        .iter()
        .zip(POINTS)
        .find(|(_, p)| p.key == "capability_evaluation")?
        .0;
    let shown = match point.status {
        PointStatus::Unknown => "undisclosed".to_string(),
        PointStatus::NotMet => format!("not met{}", cite(&point.evidence)),
        _ => return None,
    };
    let mut evidence = ids(&f.evidence);
    evidence.extend(ids(&point.evidence));
    computed(
        format!(
            "benchmark results are published{} while dangerous-capability evaluation is {shown}",
            cite(&f.evidence)
        ),
        evidence,
    )
}

/// A claimed power to withdraw weights that are already out.
pub fn false_recall(r: &Release, _: &Osaid, cx: &Context<'_>) -> Option<Reason> {
    if !r.availability.weights_out() {
        return None;
    }
    if let Some(f) = r.safety.recall_claimed.as_ref().filter(|f| f.value) {
        return computed(
            format!(
                "the provider claims a power to withdraw or revoke the weights{}, which are already {}",
                cite(&f.evidence),
                r.availability
            ),
            ids(&f.evidence),
        );
    }
    let l = cx.licenses.get(r.license.weights_id()?)?;
    l.revocation.applies.then(|| Reason {
        text: format!(
            "the license {} lets the licensor revoke the grant{}, yet the weights are already {}",
            l.id,
            l.revocation
                .detail
                .as_ref()
                .map(|d| format!(" ({d})"))
                .unwrap_or_default(),
            r.availability
        ),
        evidence: vec![],
        recorded: false,
    })
}

/// No exact artifact pinned.
pub fn artifact_ambiguity(r: &Release, _: &Osaid, _: &Context<'_>) -> Option<Reason> {
    if r.version.is_some() || r.artifact.revision.is_some() || r.artifact.sha256.is_some() {
        return None;
    }
    computed("no version, revision or hash pins the artifact: the entry describes a family, not a checkpoint".into(), vec![])
}

/// Runs every rule and adds the recorded findings.
pub fn assess(r: &Release, o: &Osaid, cx: &Context<'_>) -> Vec<Shown> {
    FAILURE_MODES
        .iter()
        .filter_map(|mode| {
            let mut reasons: Vec<Reason> = RULES
                .iter()
                .filter(|(slug, _)| *slug == mode.slug)
                .filter_map(|(_, rule)| rule(r, o, cx))
                .collect();
            reasons.extend(
                r.findings
                    .iter()
                    .filter(|f| f.mode.v == mode.slug)
                    .map(|f| Reason {
                        text: format!("{}{}", f.reason, cite(&f.evidence)),
                        evidence: ids(&f.evidence),
                        recorded: true,
                    }),
            );
            (!reasons.is_empty()).then_some(Shown {
                slug: mode.slug,
                reasons,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assess::testing::*;

    fn run(r: &Release, ls: &[License], rs: &[Release]) -> Vec<&'static str> {
        let cx = ctx(ls, rs);
        let o = crate::assess::osaid::assess(r, &cx);
        assess(r, &o, &cx).into_iter().map(|s| s.slug).collect()
    }

    #[test]
    fn every_failure_mode_has_exactly_one_rule() {
        for m in FAILURE_MODES {
            assert_eq!(
                RULES.iter().filter(|(s, _)| *s == m.slug).count(),
                1,
                "{}",
                m.slug
            );
        }
        assert_eq!(RULES.len(), FAILURE_MODES.len());
    }

    #[test]
    fn clean_open_release_shows_nothing() {
        assert!(run(&open_release("x"), &licenses(), &[]).is_empty());
    }

    #[test]
    fn openwashing_fires_only_when_claim_and_verdict_disagree() {
        let ls = licenses();
        let mut r = open_release("x");
        claim(&mut r, "fully open");
        assert!(!run(&r, &ls, &[]).contains(&"openwashing"));
        set_component(&mut r, "training_code", ComponentStatus::Closed, &["card"]);
        assert!(run(&r, &ls, &[]).contains(&"openwashing"));
        let cx = ctx(&ls, &[]);
        let o = crate::assess::osaid::assess(&r, &cx);
        let text = openwashing(&r, &o, &cx).unwrap().text;
        assert_eq!(
            text,
            "marketed as \"fully open\" [card] but the OSAID verdict is does-not-meet: training code: closed"
        );
    }

    #[test]
    fn safety_wrapper_needs_hosted_safeguards_and_downloadable_weights() {
        let ls = licenses();
        let mut r = open_release("x");
        r.safety.hosted_safeguards = Some(fact(true, &["card"]));
        assert!(run(&r, &ls, &[]).contains(&"safety-wrapper-evaporation"));
        r.availability = Availability::ApiOnly;
        assert!(!run(&r, &ls, &[]).contains(&"safety-wrapper-evaporation"));
        r.availability = Availability::GatedDownload;
        r.safety.hosted_safeguards = Some(fact(false, &[]));
        assert!(!run(&r, &ls, &[]).contains(&"safety-wrapper-evaporation"));
    }

    #[test]
    fn benchmark_substitution_unknown_and_not_met_fire_met_does_not() {
        let ls = licenses();
        let mut r = open_release("x");
        r.safety.benchmarks_published = Some(fact(true, &["card"]));
        set_point(&mut r, "capability_evaluation", PointStatus::Unknown, &[]);
        assert!(run(&r, &ls, &[]).contains(&"benchmark-substitution"));
        set_point(
            &mut r,
            "capability_evaluation",
            PointStatus::NotMet,
            &["card"],
        );
        assert!(run(&r, &ls, &[]).contains(&"benchmark-substitution"));
        set_point(&mut r, "capability_evaluation", PointStatus::Met, &["card"]);
        assert!(!run(&r, &ls, &[]).contains(&"benchmark-substitution"));
        r.safety.benchmarks_published = None;
        set_point(&mut r, "capability_evaluation", PointStatus::Unknown, &[]);
        assert!(!run(&r, &ls, &[]).contains(&"benchmark-substitution"));
    }

    #[test]
    fn false_recall_from_claim_or_license_only_when_weights_are_out() {
        let mut ls = licenses();
        let mut r = open_release("x");
        r.safety.recall_claimed = Some(fact(true, &["card"]));
        assert!(run(&r, &ls, &[]).contains(&"false-recall"));
        r.safety.recall_claimed = None;
        assert!(!run(&r, &ls, &[]).contains(&"false-recall"));
        ls[0].revocation.applies = true;
        assert!(run(&r, &ls, &[]).contains(&"false-recall"));
        r.availability = Availability::ApiOnly;
        assert!(!run(&r, &ls, &[]).contains(&"false-recall"));
    }

    #[test]
    fn artifact_ambiguity_when_nothing_pins_it() {
        let ls = licenses();
        let mut r = open_release("x");
        assert!(!run(&r, &ls, &[]).contains(&"artifact-ambiguity"));
        r.version = None;
        assert!(run(&r, &ls, &[]).contains(&"artifact-ambiguity"));
        r.artifact.sha256 = Some("ab".into());
        assert!(!run(&r, &ls, &[]).contains(&"artifact-ambiguity"));
    }

    #[test]
    fn lineage_decay_without_base() {
        let ls = licenses();
        let mut r = open_release("d");
        r.kind = Kind::Distill;
        assert!(run(&r, &ls, &[]).contains(&"lineage-decay"));
        r.kind = Kind::Base;
        assert!(!run(&r, &ls, &[]).contains(&"lineage-decay"));
    }

    #[test]
    fn lineage_decay_more_permissive_than_base_and_naming_rule() {
        let mut ls = licenses();
        let mut base = open_release("base");
        base.license.weights = Some(at("capped"));
        let mut d = open_release("distill");
        d.kind = Kind::Distill;
        d.name = "Distill 70B".into();
        base_of(&mut d, "base");
        let reasons = |ls: &[License], d: &Release, base: &Release| {
            let rs = vec![base.clone()];
            let cx = ctx(ls, &rs);
            let o = crate::assess::osaid::assess(d, &cx);
            lineage_decay(d, &o, &cx).map(|r| r.text)
        };
        let text = reasons(&ls, &d, &base).unwrap();
        assert!(text.contains("declares apache-2.0 (osi-permissive) while its base base is under capped (custom-capped)"), "{text}");
        // Same license as the base: no decay.
        d.license.weights = Some(at("capped"));
        assert_eq!(reasons(&ls, &d, &base), None);
        // The base's license imposes a naming prefix the derivative lacks.
        let capped = ls.iter_mut().find(|l| l.id == "capped").unwrap();
        capped.derivative_naming.applies = true;
        capped.naming_prefix = Some("Llama".into());
        assert!(
            reasons(&ls, &d, &base)
                .unwrap()
                .contains("begin with \"Llama\"")
        );
        d.name = "Llama-Distill-70B".into();
        assert_eq!(reasons(&ls, &d, &base), None);
    }

    #[test]
    fn derivative_of_a_derivative_checks_its_own_base() {
        let ls = licenses();
        let root = open_release("root");
        let mut mid = open_release("mid");
        mid.kind = Kind::FineTune;
        base_of(&mut mid, "root");
        let mut leaf = open_release("leaf");
        leaf.kind = Kind::Quantization;
        base_of(&mut leaf, "mid");
        let rs = vec![root, mid];
        assert!(!run(&leaf, &ls, &rs).contains(&"lineage-decay"));
        let mut rs2 = rs.clone();
        rs2[1].license.weights = Some(at("capped"));
        assert!(run(&leaf, &ls, &rs2).contains(&"lineage-decay"));
    }

    #[test]
    fn recorded_findings_are_added_with_evidence() {
        let ls = licenses();
        let mut r = open_release("x");
        r.findings.push(Finding {
            mode: at("lineage-decay"),
            reason: "base metadata lost".into(),
            evidence: vec![at("card")],
        });
        let cx = ctx(&ls, &[]);
        let o = crate::assess::osaid::assess(&r, &cx);
        let shown = assess(&r, &o, &cx);
        assert_eq!(shown[0].slug, "lineage-decay");
        assert_eq!(
            shown[0].reasons[0],
            Reason {
                text: "base metadata lost [card]".into(),
                evidence: vec!["card".into()],
                recorded: true
            }
        );
    }
}
