//! The comparison of one release with every peer entry matched to it, as data: for each row
//! of [`DIMENSIONS`], their value, ours, our evidence and the classification. Runs on the
//! linked [`Index`] (it needs license classes); renderers turn it into pages and data.

use super::compare::{self, Class, Dimension, Level, OurAnswer, Ours};
use super::{DIMENSIONS, Entry, Snapshot};
use crate::index::{Index, ReleaseId};
use crate::model::*;

/// What supports our side of a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Evidence {
    /// A source of the release file, by id.
    Source(String),
    /// A license of the registry, by id.
    License(String),
}

/// One compared dimension.
#[derive(Debug, Clone)]
pub struct Row {
    /// The mapping row.
    pub dim: &'static Dimension,
    /// Their value as stored ("" when they have none).
    pub theirs: String,
    /// Ours, in words.
    pub ours: String,
    /// What supports ours.
    pub evidence: Option<Evidence>,
    /// The classification; `None` when one side has nothing to compare.
    pub class: Option<Class>,
}

/// One peer entry matched to a release, compared.
#[derive(Debug, Clone)]
pub struct Compared<'a> {
    /// The peer's snapshot.
    pub snapshot: &'a Snapshot,
    /// The matched entry.
    pub entry: &'a Entry,
    /// One row per dimension of the peer.
    pub rows: Vec<Row>,
}

fn class_of(index: &Index, id: &str) -> Option<LicenseClass> {
    index.license_assessed(id).map(|(_, a)| a.class)
}

fn spdx(index: &Index, id: &str) -> Option<String> {
    index.license(id).and_then(|l| l.spdx.clone())
}

/// Our side of one dimension: the answer compared, its words and its evidence.
pub fn ours(index: &Index, r: &Release, d: &Dimension) -> (OurAnswer, String, Option<Evidence>) {
    let first = |ev: &[At<String>]| ev.first().map(|s| Evidence::Source(s.v.clone()));
    match d.ours {
        Ours::Component(key) => match r.component(key) {
            Some(s) => {
                let words = match &s.license {
                    Some(l) => format!("{} ({})", s.status, l.v),
                    None => s.status.to_string(),
                };
                (
                    OurAnswer::Level(compare::level_of_status(s.status)),
                    words,
                    first(&s.evidence),
                )
            }
            None => (OurAnswer::Nothing, String::new(), None),
        },
        Ours::Availability => {
            let ev = r.component("parameters").and_then(|s| first(&s.evidence));
            (
                OurAnswer::Level(compare::level_of_availability(r.availability)),
                r.availability.to_string(),
                ev,
            )
        }
        Ours::WeightsLicense | Ours::CodeLicense => {
            let l = if d.ours == Ours::WeightsLicense {
                &r.license.weights
            } else {
                &r.license.code
            };
            match l {
                Some(l) => (
                    OurAnswer::License {
                        id: l.v.clone(),
                        spdx: spdx(index, &l.v),
                    },
                    l.v.clone(),
                    Some(Evidence::License(l.v.clone())),
                ),
                None => (OurAnswer::Nothing, "not recorded".into(), None),
            }
        }
        Ours::AllLicenses => {
            let weights = r.license.weights_id();
            let others: Vec<&str> = r
                .license
                .code
                .iter()
                .chain(r.license.data.iter())
                .map(|l| l.v.as_str())
                .collect();
            let level = compare::level_of_licenses(
                weights.and_then(|w| class_of(index, w)),
                &others
                    .iter()
                    .filter_map(|o| class_of(index, o))
                    .collect::<Vec<_>>(),
            );
            let part = |what: &str, id: &str| {
                format!(
                    "{what} {id} ({})",
                    class_of(index, id).map_or("unknown class", |c| c.as_str())
                )
            };
            let mut words: Vec<String> = weights.iter().map(|w| part("weights", w)).collect();
            words.extend(r.license.code.iter().map(|c| part("code", &c.v)));
            words.extend(r.license.data.iter().map(|c| part("data", &c.v)));
            let answer = if level == Level::Unknown {
                OurAnswer::Nothing
            } else {
                OurAnswer::Level(level)
            };
            (
                answer,
                if words.is_empty() {
                    "no license recorded".into()
                } else {
                    words.join("; ")
                },
                weights.map(|w| Evidence::License(w.to_string())),
            )
        }
    }
}

/// Every peer entry of release `i`, compared, in peer order.
pub fn release(index: &Index, id: ReleaseId) -> Vec<Compared<'_>> {
    let r = index.release(id);
    index
        .site
        .peers
        .for_release(&r.slug)
        .map(|(snapshot, entry)| {
            let rows = DIMENSIONS
                .iter()
                .filter(|d| d.peer == snapshot.peer)
                .map(|d| {
                    let theirs = entry.values.get(d.field).cloned().unwrap_or_default();
                    let (answer, words, evidence) = ours(index, r, d);
                    let class = compare::theirs(&theirs)
                        .and_then(|t| compare::classify(d, entry.kind, r.kind.v, &t, &answer));
                    Row {
                        dim: d,
                        theirs,
                        ours: words,
                        evidence,
                        class,
                    }
                })
                .collect();
            Compared {
                snapshot,
                entry,
                rows,
            }
        })
        .collect()
}
