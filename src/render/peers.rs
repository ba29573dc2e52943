//! What other indexes say, rendered: the model-page section (typed views), the `/peers/`
//! page (factual differences first, then agreement figures) and the methodology's mapping
//! table. Every value is passed to templates as text (autoescaped); every link is either a
//! peer's http(s) page or a site URL built by [`Urls`].

use super::route::Route;
use super::site::{File, RenderError, Renderer};
use super::views::{Link, Urls};
use crate::index::{Index, ReleaseId};
use crate::peers::link::{self, Compared, Evidence};
use crate::peers::snapshot::Snapshot;
use crate::peers::{Class, DIMENSIONS, Dimension, MatchKind, PeerId};
use serde::Serialize;
use std::collections::BTreeMap;
use tera::Context;

/// One dimension of the mapping, as every page shows it: release pages, `/peers/` and the
/// methodology's mapping table.
#[derive(Debug, Clone, Serialize)]
pub struct DimensionView {
    /// The peer's short name.
    pub peer: &'static str,
    /// The peer's field key.
    pub field: &'static str,
    /// The field as the peer names it.
    pub title: &'static str,
    /// What of ours it compares with.
    pub ours: String,
    /// How the units or rules differ.
    pub note: &'static str,
}

impl DimensionView {
    fn of(d: &Dimension) -> Self {
        DimensionView {
            peer: d.peer.short(),
            field: d.field,
            title: d.title,
            ours: d.ours.title(),
            note: d.note,
        }
    }
}

/// A peer's snapshot, as release pages and `/peers/` show it.
#[derive(Debug, Clone, Serialize)]
pub struct SnapshotView {
    /// The peer's word (`eosai`, `mot`).
    pub peer: &'static str,
    /// Short name.
    pub short: &'static str,
    /// Full name.
    pub name: String,
    /// The peer's home page.
    pub home: String,
    /// The peer's data repository.
    pub repository: String,
    /// The commit the snapshot was read at.
    pub commit: String,
    /// Its first 12 characters.
    pub commit_short: String,
    /// Link to the commit.
    pub commit_url: String,
    /// The commit's date.
    pub date: String,
    /// The data license.
    pub license: String,
    /// The attribution the license asks for.
    pub attribution: String,
}

impl SnapshotView {
    fn of(s: &Snapshot) -> Self {
        SnapshotView {
            peer: s.peer.as_str(),
            short: s.peer.short(),
            name: s.name.clone(),
            home: s.home.clone(),
            repository: s.repository.clone(),
            commit: s.commit.clone(),
            commit_short: s.commit.chars().take(12).collect(),
            commit_url: format!("{}/tree/{}", s.repository, s.commit),
            date: s.date.to_string(),
            license: s.license.clone(),
            attribution: s.attribution.clone(),
        }
    }
}

/// One compared dimension on a release page.
#[derive(Debug, Clone, Serialize)]
pub struct PeerRowView {
    /// The dimension.
    pub dim: DimensionView,
    /// Their value ("" for none).
    pub theirs: String,
    /// Our value.
    pub ours: String,
    /// What supports ours.
    pub evidence: Option<Link>,
    /// The class's word (`agree`, `different-unit`, `different-rule`, `factual-difference`,
    /// or `not-compared`).
    pub class: &'static str,
    /// The class for readers.
    pub class_label: &'static str,
}

/// One peer's entry for a release.
#[derive(Debug, Clone, Serialize)]
pub struct PeerSectionView {
    /// The snapshot the entry is read from.
    pub snapshot: SnapshotView,
    /// The entry: its name and page there.
    pub entry: Link,
    /// How the entry corresponds (`exact`, `family`, `base`).
    pub kind: &'static str,
    /// The same, for readers.
    pub kind_label: &'static str,
    /// Rows, in mapping order.
    pub rows: Vec<PeerRowView>,
    /// How many rows are factual differences.
    pub factual: usize,
}

fn evidence(index: &Index, slug: &str, e: &Option<Evidence>, urls: &Urls) -> Option<Link> {
    let r = index.get(slug)?.release;
    match e.as_ref()? {
        Evidence::Source(id) => {
            let n = r.source_number(id)?;
            let s = r.source(id)?;
            Some(Link {
                href: format!("{}#source-{n}", urls.model(slug)),
                text: format!("[{n}] {}", s.title),
            })
        }
        Evidence::License(id) => index.license(id).map(|l| Link {
            href: urls.license(id),
            text: l.name.clone(),
        }),
    }
}

fn class_words(c: Option<Class>) -> (&'static str, &'static str) {
    match c {
        Some(c) => (c.as_str(), c.label()),
        None => ("not-compared", "not compared"),
    }
}

fn entry_link(c: &Compared<'_>) -> Link {
    Link {
        href: c.entry.url.clone(),
        text: c.entry.name.clone(),
    }
}

/// The section views of one release.
pub fn sections(index: &Index, id: ReleaseId, urls: &Urls) -> Vec<PeerSectionView> {
    let slug = &index.release(id).slug;
    link::release(index, id)
        .iter()
        .map(|c| section(index, slug, c, urls))
        .collect()
}

fn section(index: &Index, slug: &str, c: &Compared<'_>, urls: &Urls) -> PeerSectionView {
    let rows: Vec<PeerRowView> = c
        .rows
        .iter()
        .map(|row| {
            let (class, class_label) = class_words(row.class);
            PeerRowView {
                dim: DimensionView::of(row.dim),
                theirs: row.theirs.clone(),
                ours: row.ours.clone(),
                evidence: evidence(index, slug, &row.evidence, urls),
                class,
                class_label,
            }
        })
        .collect();
    PeerSectionView {
        snapshot: SnapshotView::of(c.snapshot),
        entry: entry_link(c),
        kind: c.entry.kind.as_str(),
        kind_label: c.entry.kind.label(),
        factual: rows
            .iter()
            .filter(|r| r.class == Class::Factual.as_str())
            .count(),
        rows,
    }
}

/// One factual difference, for `/peers/`.
#[derive(Debug, Clone, Serialize)]
pub struct DifferenceView {
    /// Our release.
    pub release: Link,
    /// The peer's entry.
    pub entry: Link,
    /// The dimension.
    pub dim: DimensionView,
    /// Their value.
    pub theirs: String,
    /// Ours.
    pub ours: String,
    /// Our evidence.
    pub evidence: Option<Link>,
}

/// Agreement figures of one peer and dimension: how many matched releases fall in each
/// class.
#[derive(Debug, Clone, Serialize)]
pub struct TallyView {
    /// The dimension.
    pub dim: DimensionView,
    /// Agree.
    pub agree: usize,
    /// Different unit.
    pub unit: usize,
    /// Different rule.
    pub rule: usize,
    /// Factual differences.
    pub factual: usize,
    /// Not compared (a side has no value).
    pub none: usize,
}

impl TallyView {
    fn new(d: &Dimension) -> Self {
        TallyView {
            dim: DimensionView::of(d),
            agree: 0,
            unit: 0,
            rule: 0,
            factual: 0,
            none: 0,
        }
    }
}

/// One snapshot on `/peers/`, with how many releases it matches by kind.
#[derive(Debug, Clone, Serialize)]
pub struct SnapshotMatchesView {
    /// The snapshot.
    pub snapshot: SnapshotView,
    /// Releases matched exactly.
    pub exact: usize,
    /// Releases matched to another release of their family.
    pub family: usize,
    /// Releases matched to their base model.
    pub base: usize,
}

/// The mapping table, from [`DIMENSIONS`].
pub fn mapping_rows() -> Vec<DimensionView> {
    DIMENSIONS.iter().map(DimensionView::of).collect()
}

/// The classes with what they mean, for the methodology and `/peers/`.
#[derive(Debug, Clone, Serialize)]
pub struct ClassView {
    /// Label.
    pub label: &'static str,
    /// Meaning.
    pub means: &'static str,
}

/// Every class, described.
pub fn classes() -> Vec<ClassView> {
    Class::ALL
        .iter()
        .map(|c| ClassView {
            label: c.label(),
            means: c.describe(),
        })
        .collect()
}

impl Renderer<'_> {
    /// `/peers/`: every factual difference first, then agreement figures per peer and
    /// dimension, then the snapshots with their licenses.
    pub fn peers_page(&self) -> Result<File, RenderError> {
        let idx = self.index;
        let mut differences = Vec::new();
        let mut tallies: BTreeMap<(PeerId, usize), TallyView> = BTreeMap::new();
        for id in idx.ids() {
            let r = idx.release(id);
            for c in link::release(idx, id) {
                for row in &c.rows {
                    let k = DIMENSIONS
                        .iter()
                        .position(|d| {
                            d.peer == row.dim.peer
                                && d.field == row.dim.field
                                && d.ours == row.dim.ours
                        })
                        .unwrap_or(0);
                    let t = tallies
                        .entry((c.snapshot.peer, k))
                        .or_insert_with(|| TallyView::new(row.dim));
                    match row.class {
                        Some(Class::Agree) => t.agree += 1,
                        Some(Class::DifferentUnit) => t.unit += 1,
                        Some(Class::DifferentRule) => t.rule += 1,
                        Some(Class::Factual) => t.factual += 1,
                        None => t.none += 1,
                    }
                    if row.class == Some(Class::Factual) {
                        differences.push(DifferenceView {
                            release: Link {
                                href: self.urls.model(&r.slug),
                                text: r.name.clone(),
                            },
                            entry: entry_link(&c),
                            dim: DimensionView::of(row.dim),
                            theirs: row.theirs.clone(),
                            ours: row.ours.clone(),
                            evidence: evidence(idx, &r.slug, &row.evidence, &self.urls),
                        });
                    }
                }
            }
        }
        let snapshots: Vec<SnapshotMatchesView> = idx
            .site
            .peers
            .snapshots
            .iter()
            .map(|s| {
                let count = |k| {
                    let mut slugs: Vec<&str> = s
                        .entries
                        .iter()
                        .filter(|e| e.kind == k)
                        .map(|e| e.release.v.as_str())
                        .collect();
                    slugs.dedup();
                    slugs.len()
                };
                SnapshotMatchesView {
                    snapshot: SnapshotView::of(s),
                    exact: count(MatchKind::Exact),
                    family: count(MatchKind::Family),
                    base: count(MatchKind::Base),
                }
            })
            .collect();
        let mut cx = Context::new();
        cx.insert("title", "What other indexes say");
        cx.insert("differences", &differences);
        cx.insert("tallies", &tallies.into_values().collect::<Vec<_>>());
        cx.insert("snapshots", &snapshots);
        cx.insert("classes", &classes());
        self.page("peers.html", Route::Peers, cx)
    }
}
