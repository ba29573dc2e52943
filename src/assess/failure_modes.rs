//! The six release failure modes (DESIGN §6). Each rule is one pure function from a
//! release (and, for lineage, the index around it) to an optional [`Reason`]: words and
//! citations of the release's sources as separate segments. [`rule`] is an exhaustive
//! `match` over [`FailureModeId`], so a new failure mode cannot compile without its rule;
//! hand-recorded `[[findings]]` are added after the computed ones.

pub use super::reason::{Reason, Segment};
use super::{Context, license, osaid::Osaid};
use crate::model::*;

/// One failure mode shown by a release, with every reason for it.
#[derive(Debug, Clone)]
pub struct FailureModeHit {
    /// Which failure mode.
    pub mode: FailureModeId,
    /// Computed reasons first, then recorded ones.
    pub reasons: Vec<Reason>,
}

impl FailureModeHit {
    /// The failure-mode slug.
    pub fn slug(&self) -> &'static str {
        self.mode.as_str()
    }
}

/// A rule's signature.
pub type Rule = fn(&Release, &Osaid, &Context<'_>) -> Option<Reason>;

/// The function that computes a failure mode.
pub fn rule(mode: FailureModeId) -> Rule {
    match mode {
        FailureModeId::Openwashing => openwashing,
        FailureModeId::SafetyWrapperEvaporation => safety_wrapper_evaporation,
        FailureModeId::LineageDecay => lineage_decay,
        FailureModeId::BenchmarkSubstitution => benchmark_substitution,
        FailureModeId::FalseRecall => false_recall,
        FailureModeId::ArtifactAmbiguity => artifact_ambiguity,
    }
}

fn ids(ev: &[At<String>]) -> impl Iterator<Item = &str> {
    ev.iter().map(|i| i.v.as_str())
}

fn says(text: impl AsRef<str>) -> Reason {
    Reason::default().text(text)
}

/// Marketed as open while the OSAID verdict is not `meets`.
pub fn openwashing(r: &Release, o: &Osaid, _: &Context<'_>) -> Option<Reason> {
    if r.marketed_as.is_empty() || o.verdict == Verdict::Meets {
        return None;
    }
    let mut reason = says("marketed as ");
    for (n, c) in r.marketed_as.iter().enumerate() {
        if n > 0 {
            reason = reason.text(" and ");
        }
        reason = reason
            .text(format!("\"{}\"", c.claim))
            .cite([c.source.v.as_str()]);
    }
    let why: Vec<String> = if o.gaps.is_empty() {
        o.missing.iter().take(3).map(ToString::to_string).collect()
    } else {
        o.gaps.iter().take(3).map(ToString::to_string).collect()
    };
    let more = (o.gaps.len().max(o.missing.len())).saturating_sub(3);
    reason = reason.text(format!(
        " but the OSAID verdict is {}: {}",
        o.verdict,
        why.join("; ")
    ));
    if more > 0 {
        reason = reason.text(format!("; and {more} more"));
    }
    Some(reason)
}

/// A safety case resting on hosted layers while the weights are downloadable.
pub fn safety_wrapper_evaporation(r: &Release, _: &Osaid, _: &Context<'_>) -> Option<Reason> {
    let f = r.safety.hosted_safeguards.as_ref().filter(|f| f.status)?;
    if !r.availability.weights_out() {
        return None;
    }
    Some(
        says("the safety case relies on hosted safeguards")
            .cite(ids(&f.evidence))
            .text(format!(
                " that do not travel with the {} weights",
                r.availability
            )),
    )
}

/// A derivative that lost its base, its base's naming rule, or its base's license terms.
pub fn lineage_decay(r: &Release, _: &Osaid, cx: &Context<'_>) -> Option<Reason> {
    if !r.kind.v.is_derivative() {
        return None;
    }
    if r.base_models.is_empty() {
        return Some(says(format!("a {} with no declared base model", r.kind.v)));
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
    (!parts.is_empty()).then(|| says(parts.join("; ")))
}

/// Benchmarks published without a dangerous-capability evaluation.
pub fn benchmark_substitution(r: &Release, _: &Osaid, _: &Context<'_>) -> Option<Reason> {
    let f = r
        .safety
        .benchmarks_published
        .as_ref()
        .filter(|f| f.status)?;
    let point = r.point("capability_evaluation")?;
    let reason = says("benchmark results are published")
        .cite(ids(&f.evidence))
        .text(" while dangerous-capability evaluation is ");
    match point.status {
        PointStatus::Unknown => Some(reason.text("undisclosed")),
        PointStatus::NotMet => Some(reason.text("not met").cite(ids(&point.evidence))),
        _ => None,
    }
}

/// A claimed power to withdraw weights that are already out.
pub fn false_recall(r: &Release, _: &Osaid, cx: &Context<'_>) -> Option<Reason> {
    if !r.availability.weights_out() {
        return None;
    }
    if let Some(f) = r.safety.recall_claimed.as_ref().filter(|f| f.status) {
        return Some(
            says("the provider claims a power to withdraw or revoke the weights")
                .cite(ids(&f.evidence))
                .text(format!(", which are already {}", r.availability)),
        );
    }
    let l = cx.licenses.get(r.license.weights_id()?)?;
    l.revocation.applies.then(|| {
        says(format!(
            "the license {} lets the licensor revoke the grant{}, yet the weights are already {}",
            l.id,
            l.revocation
                .detail
                .as_ref()
                .map(|d| format!(" ({d})"))
                .unwrap_or_default(),
            r.availability
        ))
    })
}

/// No exact artifact pinned.
pub fn artifact_ambiguity(r: &Release, _: &Osaid, _: &Context<'_>) -> Option<Reason> {
    if r.version.is_some() || r.artifact.revision.is_some() || r.artifact.sha256.is_some() {
        return None;
    }
    Some(says(
        "no version, revision or hash pins the artifact: the entry describes a family, not a checkpoint",
    ))
}

/// Runs every rule and adds the recorded findings.
pub fn assess(r: &Release, o: &Osaid, cx: &Context<'_>) -> Vec<FailureModeHit> {
    FailureModeId::ALL
        .iter()
        .filter_map(|&mode| {
            let mut reasons: Vec<Reason> = rule(mode)(r, o, cx).into_iter().collect();
            reasons.extend(
                r.findings
                    .iter()
                    .filter(|f| f.mode.v == mode)
                    .map(|f| Reason {
                        recorded: true,
                        ..Reason::from_marked(&f.reason, |id| r.source(id).is_some())
                            .cite(ids(&f.evidence))
                    }),
            );
            (!reasons.is_empty()).then_some(FailureModeHit { mode, reasons })
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
        assess(r, &o, &cx).into_iter().map(|s| s.slug()).collect()
    }

    #[test]
    fn every_failure_mode_definition_is_at_its_own_position() {
        assert_eq!(FAILURE_MODES.len(), FailureModeId::ALL.len());
        for &id in FailureModeId::ALL {
            assert_eq!(id.def().id, id);
        }
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
        let reason = openwashing(&r, &o, &cx).unwrap();
        assert_eq!(
            reason.marked(),
            "marketed as \"fully open\" [card] but the OSAID verdict is does-not-meet: training code: closed"
        );
        assert_eq!(
            reason.plain(),
            "marketed as \"fully open\" but the OSAID verdict is does-not-meet: training code: closed"
        );
        assert_eq!(reason.sources(), ["card"]);
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
        r.kind.v = Kind::Distill;
        assert!(run(&r, &ls, &[]).contains(&"lineage-decay"));
        r.kind.v = Kind::Base;
        assert!(!run(&r, &ls, &[]).contains(&"lineage-decay"));
    }

    #[test]
    fn lineage_decay_more_permissive_than_base_and_naming_rule() {
        let mut ls = licenses();
        let mut base = open_release("base");
        base.license.weights = Some(at("capped"));
        let mut d = open_release("distill");
        d.kind.v = Kind::Distill;
        d.name = "Distill 70B".into();
        base_of(&mut d, "base");
        let reasons = |ls: &[License], d: &Release, base: &Release| {
            let rs = vec![base.clone()];
            let cx = ctx(ls, &rs);
            let o = crate::assess::osaid::assess(d, &cx);
            lineage_decay(d, &o, &cx).map(|r| r.plain())
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
        mid.kind.v = Kind::FineTune;
        base_of(&mut mid, "root");
        let mut leaf = open_release("leaf");
        leaf.kind.v = Kind::Quantization;
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
            mode: At {
                v: FailureModeId::LineageDecay,
                span: 0..0,
            },
            reason: "base metadata lost".into(),
            evidence: vec![at("card")].into(),
        });
        let cx = ctx(&ls, &[]);
        let o = crate::assess::osaid::assess(&r, &cx);
        let shown = assess(&r, &o, &cx);
        assert_eq!(shown[0].mode, FailureModeId::LineageDecay);
        let reason = &shown[0].reasons[0];
        assert!(reason.recorded);
        assert_eq!(reason.marked(), "base metadata lost [card]");
        assert_eq!(reason.sources(), ["card"]);
    }
}
