//! The headline figures — counts of releases by verdict, availability, license class,
//! governance score and failure mode — computed once from the assessments and shared by the
//! site (SVG charts with data tables) and the PDF report, so both show the same labels.

use super::views;
use crate::index::Index;
use crate::model::*;
use serde::Serialize;

/// One bar of a figure.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Count {
    /// What the bar counts.
    pub label: String,
    /// How many releases.
    pub value: usize,
    /// CSS / chart class of the bar.
    pub class: String,
}

/// One figure: a title, an id for anchors and its bars.
#[derive(Debug, Clone, Serialize)]
pub struct Tally {
    /// Heading.
    pub title: &'static str,
    /// Anchor id.
    pub id: &'static str,
    /// The bars, in order.
    pub rows: Vec<Count>,
}

/// The label of governance bucket `s` (scores from `s` up to `s + 0.5`; the top bucket is
/// the single score 8).
pub fn governance_bucket_label(s: u8) -> String {
    if f64::from(s) >= MAX_SCORE {
        s.to_string()
    } else {
        format!("{s}–{s}.5")
    }
}

/// The headline figures over the releases at positions `set`.
pub fn tallies(index: &Index, set: &[usize]) -> Vec<Tally> {
    let count = |f: &dyn Fn(usize) -> bool| set.iter().filter(|&&i| f(i)).count();
    let bar = |label: String, value: usize, class: String| Count {
        label,
        value,
        class,
    };
    let top = MAX_SCORE as u8;
    vec![
        Tally {
            title: "Releases by OSAID 1.0 verdict",
            id: "verdicts",
            rows: Verdict::ALL
                .iter()
                .map(|&v| {
                    bar(
                        views::verdict_label(v).to_string(),
                        count(&|i| index.assessments[i].osaid.verdict == v),
                        v.as_str().to_string(),
                    )
                })
                .collect(),
        },
        Tally {
            title: "Releases by availability",
            id: "availability",
            rows: Availability::ALL
                .iter()
                .map(|&v| {
                    bar(
                        v.as_str().to_string(),
                        count(&|i| index.site.releases[i].availability == v),
                        format!("av-{v}"),
                    )
                })
                .collect(),
        },
        Tally {
            title: "Releases by license class (weights)",
            id: "license-classes",
            rows: LicenseClass::ALL
                .iter()
                .map(|&v| {
                    bar(
                        v.as_str().to_string(),
                        count(&|i| index.assessments[i].license_class == v),
                        format!("lc-{v}"),
                    )
                })
                .collect(),
        },
        Tally {
            title: "Governance score distribution (out of 8)",
            id: "governance",
            rows: (0..=top)
                .map(|s| {
                    let lo = f64::from(s);
                    bar(
                        governance_bucket_label(s),
                        count(&|i| {
                            let g = index.assessments[i].governance.score;
                            (g >= lo && g < lo + 1.0) || (s == top && g == MAX_SCORE)
                        }),
                        "gov".to_string(),
                    )
                })
                .collect(),
        },
        Tally {
            title: "Releases showing each failure mode",
            id: "failure-modes",
            rows: FailureModeId::ALL
                .iter()
                .map(|&m| {
                    bar(
                        m.title().to_string(),
                        count(&|i| {
                            index.assessments[i]
                                .failure_modes
                                .iter()
                                .any(|f| f.mode == m)
                        }),
                        "fm".to_string(),
                    )
                })
                .collect(),
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn governance_buckets_are_half_open_up_to_a_lone_eight() {
        assert_eq!(governance_bucket_label(0), "0–0.5");
        assert_eq!(governance_bucket_label(7), "7–7.5");
        assert_eq!(governance_bucket_label(8), "8");
    }
}
