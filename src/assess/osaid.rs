//! The OSAID 1.0 rule (DESIGN §3): the verdict, the gaps that decide it, and the
//! components still lacking evidence.

use super::reason::{Gap, Missing};
use super::{Context, license};
use crate::model::*;

/// The computed OSAID result.
#[derive(Debug, Clone)]
pub struct Osaid {
    /// meets · does-not-meet · insufficient-evidence.
    pub verdict: Verdict,
    /// Why it does not meet: closed or partial required components, incompatible licenses.
    pub gaps: Vec<Gap>,
    /// Required components without the evidence a verdict needs.
    pub missing: Vec<Missing>,
}

/// Whether any evidence cited is primary.
pub fn has_primary(r: &Release, evidence: &[At<String>]) -> bool {
    evidence
        .iter()
        .filter_map(|e| r.source(&e.v))
        .any(|s| s.kind.is_primary())
}

/// Computes the verdict.
pub fn assess(r: &Release, cx: &Context<'_>) -> Osaid {
    let mut gaps = Vec::new();
    let mut missing = Vec::new();
    for (c, s) in COMPONENTS.iter().zip(&r.osaid) {
        if !c.required {
            continue;
        }
        match s.status {
            ComponentStatus::Closed | ComponentStatus::Partial => gaps.push(Gap::Component {
                component: c,
                status: s.status,
            }),
            ComponentStatus::Unknown => missing.push(Missing::Undisclosed(c)),
            ComponentStatus::Open if !has_primary(r, &s.evidence) => {
                missing.push(Missing::NoPrimary(c))
            }
            ComponentStatus::Open => {}
        }
    }
    for id in r.license_ids() {
        if let Some(l) = cx.licenses.get(id) {
            if !license::osaid_compatible(l) {
                gaps.push(Gap::License {
                    id: id.to_string(),
                    restrictions: license::restrictions(l),
                });
            }
        } else {
            missing.push(Missing::UnregisteredLicense(id.to_string()));
        }
    }
    let verdict = if !gaps.is_empty() {
        Verdict::DoesNotMeet
    } else if !missing.is_empty() {
        Verdict::InsufficientEvidence
    } else {
        Verdict::Meets
    };
    Osaid {
        verdict,
        gaps,
        missing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assess::testing::*;

    #[test]
    fn fully_open_release_meets() {
        let (r, ls) = (open_release("olmo"), licenses());
        let o = assess(&r, &ctx(&ls, &[]));
        assert_eq!(o.verdict, Verdict::Meets, "{o:?}");
    }

    #[test]
    fn unknown_is_not_closed() {
        let mut r = open_release("x");
        set_component(&mut r, "training_code", ComponentStatus::Unknown, &[]);
        let ls = licenses();
        let o = assess(&r, &ctx(&ls, &[]));
        assert_eq!(o.verdict, Verdict::InsufficientEvidence);
        assert_eq!(
            o.missing,
            vec![Missing::Undisclosed(component("training_code").unwrap())]
        );
        assert_eq!(o.missing[0].to_string(), "training code: undisclosed");
        set_component(&mut r, "training_code", ComponentStatus::Closed, &["card"]);
        let o = assess(&r, &ctx(&ls, &[]));
        assert_eq!(o.verdict, Verdict::DoesNotMeet);
        assert_eq!(o.gaps[0].to_string(), "training code: closed");
    }

    #[test]
    fn secondary_only_open_is_insufficient() {
        let mut r = open_release("x");
        set_component(&mut r, "data_information", ComponentStatus::Open, &["blog"]);
        let ls = licenses();
        let o = assess(&r, &ctx(&ls, &[]));
        assert_eq!(o.verdict, Verdict::InsufficientEvidence);
    }

    #[test]
    fn incompatible_license_on_otherwise_open_release() {
        let mut r = open_release("x");
        r.license.weights = Some(at("capped"));
        let ls = licenses();
        let o = assess(&r, &ctx(&ls, &[]));
        assert_eq!(o.verdict, Verdict::DoesNotMeet);
        assert!(
            o.gaps[0]
                .to_string()
                .starts_with("license capped: not OSAID-compatible (scale cap"),
            "{:?}",
            o.gaps
        );
    }

    #[test]
    fn optional_components_do_not_decide() {
        let mut r = open_release("x");
        set_component(&mut r, "training_data", ComponentStatus::Closed, &["card"]);
        set_component(&mut r, "checkpoints", ComponentStatus::Unknown, &[]);
        let ls = licenses();
        assert_eq!(assess(&r, &ctx(&ls, &[])).verdict, Verdict::Meets);
    }
}
