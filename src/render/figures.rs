//! The headline figures — counts of releases by verdict, availability, license class,
//! governance score and failure mode — computed once from the assessments and shared by the
//! site (SVG charts with data tables) and the PDF report, so both show the same labels.

use super::site::Renderer;
use super::svg::{self, Bar};
use super::views;
use crate::index::{Entry, Index, ReleaseId};
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

/// The headline figures over the releases in `set`.
pub fn tallies(index: &Index, set: &[ReleaseId]) -> Vec<Tally> {
    let count = |f: &dyn Fn(Entry) -> bool| set.iter().filter(|&&id| f(index.entry(id))).count();
    let bar = |label: String, value: usize, class: String| Count {
        label,
        value,
        class,
    };
    // One bar per word of a vocabulary, with its label, class and count.
    fn per_word<T: Copy + std::fmt::Display>(
        words: &[T],
        label: impl Fn(T) -> String,
        class: impl Fn(T) -> String,
        count: impl Fn(T) -> usize,
    ) -> Vec<Count> {
        words
            .iter()
            .map(|&w| Count {
                label: label(w),
                value: count(w),
                class: class(w),
            })
            .collect()
    }
    // Labelled by the word itself, classed `<prefix>-<word>`.
    fn per_class<T: Copy + std::fmt::Display>(
        words: &[T],
        prefix: &str,
        count: impl Fn(T) -> usize,
    ) -> Vec<Count> {
        per_word(words, |v| v.to_string(), |v| format!("{prefix}-{v}"), count)
    }
    let top = MAX_SCORE as u8;
    vec![
        Tally {
            title: "Releases by OSAID 1.0 verdict",
            id: "verdicts",
            rows: per_word(
                Verdict::ALL,
                |v| views::verdict_label(v).to_string(),
                |v| v.to_string(),
                |v| count(&|e| e.assessment.osaid.verdict == v),
            ),
        },
        Tally {
            title: "Releases by availability",
            id: "availability",
            rows: per_class(Availability::ALL, "av", |v| {
                count(&|e| e.release.availability == v)
            }),
        },
        Tally {
            title: "Releases by license class (weights)",
            id: "license-classes",
            rows: per_class(LicenseClass::ALL, "lc", |v| {
                count(&|e| e.assessment.license_class == v)
            }),
        },
        Tally {
            title: "Governance score distribution (out of 8)",
            id: "governance",
            rows: (0..=top)
                .map(|s| {
                    let lo = f64::from(s);
                    bar(
                        governance_bucket_label(s),
                        count(&|e| {
                            let g = e.assessment.governance.score;
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
            rows: per_word(
                FailureModeId::ALL,
                |m| m.title().to_string(),
                |_| "fm".to_string(),
                |m| count(&|e| e.assessment.failure_modes.iter().any(|f| f.mode == m)),
            ),
        },
    ]
}

/// Headline counts with their charts.
#[derive(Serialize)]
pub(super) struct Figure {
    pub(super) title: &'static str,
    pub(super) id: &'static str,
    pub(super) chart_svg: String,
    pub(super) rows: Vec<Count>,
}

impl Renderer<'_> {
    /// The headline figures over the whole index, each with its SVG chart.
    pub(super) fn figures(&self) -> Vec<Figure> {
        self.figures_for(&self.index.ids().collect::<Vec<_>>())
    }

    /// The headline figures over a set of releases, each with its SVG chart.
    pub(super) fn figures_for(&self, set: &[ReleaseId]) -> Vec<Figure> {
        tallies(self.index, set)
            .into_iter()
            .map(|t| {
                let bars: Vec<Bar<'_>> = t
                    .rows
                    .iter()
                    .map(|c| Bar {
                        label: &c.label,
                        value: c.value,
                        class: &c.class,
                    })
                    .collect();
                Figure {
                    chart_svg: svg::bar_chart(t.title, &bars),
                    title: t.title,
                    id: t.id,
                    rows: t.rows,
                }
            })
            .collect()
    }
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
