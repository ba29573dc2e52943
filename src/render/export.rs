//! The public data contract, as types: every record of `/data/index.json` and
//! `/models/<slug>.json` is one of these structs, borrowed from the index, and the JSON Schema
//! published beside the data (`/data/index.schema.json`, `openindex schema index`) is
//! generated from the same types, so the contract cannot drift from the data. Keys may be
//! added, never renamed (DESIGN §7); fields are declared in key order.

use super::views::Urls;
use crate::assess::reason::GapRecord;
use crate::index::{Index, ReleaseId};
use crate::model::*;
use schemars::JsonSchema;
use serde::Serialize;

/// The Openness Index data export.
#[derive(Serialize, JsonSchema)]
#[schemars(title = "Openness Index data export")]
pub struct IndexDocument<'a> {
    /// The tool and version that wrote the file.
    pub generator: &'static str,
    /// Every license of the registry.
    pub licenses: Vec<LicenseRecord<'a>>,
    /// Every organization.
    pub organizations: Vec<OrgRecord<'a>>,
    /// Every release, newest first as on the index page.
    pub releases: Vec<ReleaseRecord<'a>>,
    /// Where this document's JSON Schema is.
    pub schema: String,
}

/// One release and its four answers.
#[derive(Serialize, JsonSchema)]
pub struct ReleaseRecord<'a> {
    /// Can the weights be obtained?
    pub availability: Availability,
    /// Slugs of the releases this one was made from.
    pub base_models: Vec<&'a str>,
    /// Failure modes shown, each with its reasons.
    pub failure_modes: Vec<FailureModeRecord<'a>>,
    /// The eight-point release-governance score.
    pub governance: GovernanceRecord,
    /// What kind of artifact this is.
    pub kind: Kind,
    /// The release's licenses and the class of the weights license.
    pub license: LicenseRefs<'a>,
    /// What goes in and out.
    pub modality: Modality,
    /// The release's name as the provider writes it.
    pub name: &'a str,
    /// Id of the provider in `organizations`.
    pub organization: &'a str,
    /// The OSAID 1.0 verdict, its gaps and every component's status.
    pub osaid: OsaidRecord<'a>,
    /// What other indexes say: each peer entry matched to this release, with the peer's
    /// values and how each compares with ours.
    pub peers: Vec<PeerRecord<'a>>,
    /// The day the artifact was published.
    pub release_date: Date,
    /// The day a contributor last checked every fact.
    pub reviewed: Date,
    /// The commit or revision that pins the artifact, when recorded.
    pub revision: Option<&'a str>,
    /// The release's id (its file name).
    #[schemars(regex(pattern = r"^[a-z0-9-]+$"))]
    pub slug: &'a str,
    /// Every source the facts cite, numbered on the page in this order.
    pub sources: Vec<SourceRecord<'a>>,
    /// The release's page.
    pub url: String,
    /// The provider's model id or version label.
    pub version: Option<&'a str>,
}

/// One peer index's entry for a release.
#[derive(Serialize, JsonSchema)]
pub struct PeerRecord<'a> {
    /// How the entry corresponds to the release.
    #[schemars(regex(pattern = r"^(exact|family|base)$"))]
    pub match_kind: &'static str,
    /// The entry's name there.
    pub name: &'a str,
    /// The peer index.
    #[schemars(regex(pattern = r"^(eosai|mot)$"))]
    pub peer: &'static str,
    /// The entry's file in the peer's data.
    pub entry: &'a str,
    /// The snapshot's commit of the peer's data.
    pub snapshot_commit: &'a str,
    /// The entry's page there.
    pub url: &'a str,
    /// One comparison per mapped dimension.
    pub values: Vec<PeerValueRecord>,
}

/// One peer value beside ours.
#[derive(Serialize, JsonSchema)]
pub struct PeerValueRecord {
    /// How they relate: agree, different-unit, different-rule, factual-difference, or
    /// not-compared.
    pub class: &'static str,
    /// What of ours it is compared with: an OSAID component key, `availability`,
    /// `license.weights`, `license.code` or `license` (every license's class).
    pub compared_with: &'static str,
    /// The peer's field.
    pub field: &'static str,
    /// Our value, in words.
    pub ours: String,
    /// Their value ("" for none).
    pub theirs: String,
}

fn peers<'a>(index: &'a Index, id: ReleaseId) -> Vec<PeerRecord<'a>> {
    crate::peers::link::release(index, id)
        .into_iter()
        .map(|c| PeerRecord {
            match_kind: c.entry.kind.as_str(),
            name: &c.entry.name,
            peer: c.snapshot.peer.as_str(),
            entry: &c.entry.entry,
            snapshot_commit: &c.snapshot.commit,
            url: &c.entry.url,
            values: c
                .rows
                .into_iter()
                .map(|r| PeerValueRecord {
                    class: r.class.map_or("not-compared", |c| c.as_str()),
                    compared_with: r.dim.ours.key(),
                    field: r.dim.field,
                    ours: r.ours,
                    theirs: r.theirs,
                })
                .collect(),
        })
        .collect()
}

/// The OSAID 1.0 answer.
#[derive(Serialize, JsonSchema)]
pub struct OsaidRecord<'a> {
    /// The license id of each component that records its own (component key to license id).
    pub component_licenses: std::collections::BTreeMap<&'static str, &'a str>,
    /// Each component's status.
    pub components: Components,
    /// Gaps and missing evidence as data: component key (or license) and status.
    pub gap_details: Vec<GapRecord>,
    /// Why the release does not meet the definition, as sentences.
    pub gaps: Vec<String>,
    /// Required components without the evidence a verdict needs, as sentences.
    pub missing_evidence: Vec<String>,
    /// The computed verdict.
    pub verdict: Verdict,
    #[serde(skip)]
    #[schemars(skip)]
    _of: std::marker::PhantomData<&'a ()>,
}

/// The status of every OSAID 1.0 component.
#[derive(Serialize, JsonSchema)]
#[allow(missing_docs)]
pub struct Components {
    pub architecture: ComponentStatus,
    pub checkpoints: ComponentStatus,
    pub data_information: ComponentStatus,
    pub data_processing_code: ComponentStatus,
    pub evaluation_code: ComponentStatus,
    pub inference_code: ComponentStatus,
    pub parameters: ComponentStatus,
    pub training_code: ComponentStatus,
    pub training_data: ComponentStatus,
}

/// The governance score and its breakdown.
#[derive(Serialize, JsonSchema)]
pub struct GovernanceRecord {
    /// The maximum score (8).
    pub max: f64,
    /// Each point's status.
    pub points: Points,
    /// The sum of the points: met 1, partial 0.5, not met or undisclosed 0.
    #[schemars(range(min = 0, max = 8))]
    pub score: f64,
}

/// The status of every governance point.
#[derive(Serialize, JsonSchema)]
#[allow(missing_docs)]
pub struct Points {
    pub auditability: PointStatus,
    pub capability_evaluation: PointStatus,
    pub downstream_obligations: PointStatus,
    pub ecosystem_support: PointStatus,
    pub release_rationale: PointStatus,
    pub release_type: PointStatus,
    pub staged_access: PointStatus,
    pub supply_chain: PointStatus,
}

/// A release's licenses.
#[derive(Serialize, JsonSchema)]
pub struct LicenseRefs<'a> {
    /// Class of the weights license (`proprietary` when there is none).
    pub class: LicenseClass,
    /// License id of the released code.
    pub code: Option<&'a str>,
    /// License id of the released training data.
    pub data: Option<&'a str>,
    /// Whether every license of the release is OSAID-compatible.
    pub osaid_compatible: bool,
    /// The weights license's answers, when the weights have a license in the registry.
    pub terms: Option<LicenseTerms<'a>>,
    /// License id of the weights.
    pub weights: Option<&'a str>,
}

/// A license's three answers: standard or custom, what it restricts, what it makes you show.
#[derive(Serialize, JsonSchema)]
pub struct LicenseTerms<'a> {
    /// What it requires credited, when it does.
    pub attribution: Option<&'a str>,
    /// What it requires displayed, when it does.
    pub branding: Option<&'a str>,
    /// The restrictions that keep it from granting every freedom, in words.
    pub restrictions: &'a [String],
    /// Standard (OSI-approved, open content) or custom.
    pub standard: LicenseStandard,
}

/// One failure mode a release shows.
#[derive(Serialize, JsonSchema)]
pub struct FailureModeRecord<'a> {
    /// Every reason as plain text, joined by "; ".
    pub reason: String,
    /// Each reason with the ids of the sources it cites.
    pub reasons: Vec<ReasonRecord<'a>>,
    /// True when any reason was recorded by hand rather than computed.
    pub recorded: bool,
    /// Which failure mode.
    pub slug: FailureModeId,
}

/// One reason for a failure mode.
#[derive(Serialize, JsonSchema)]
pub struct ReasonRecord<'a> {
    /// True when recorded by hand in `[[findings]]`.
    pub recorded: bool,
    /// Ids of the release's sources the reason cites (see `sources`).
    pub sources: Vec<&'a str>,
    /// The reason in words.
    pub text: String,
}

/// One cited source.
#[derive(Serialize, JsonSchema)]
pub struct SourceRecord<'a> {
    /// The day it was read.
    pub accessed: Date,
    /// Id the facts cite.
    pub id: &'a str,
    /// What the source is.
    pub kind: SourceKind,
    /// Whether the kind is primary (from the provider or the license itself).
    pub primary: bool,
    /// Its title as published.
    pub title: &'a str,
    /// Where it is.
    pub url: &'a str,
}

/// One license of the registry.
#[derive(Serialize, JsonSchema)]
pub struct LicenseRecord<'a> {
    /// The computed class.
    pub class: LicenseClass,
    /// Id releases use.
    pub id: &'a str,
    /// Full name.
    pub name: &'a str,
    /// Whether it grants every OSAID freedom.
    pub osaid_compatible: bool,
    /// SPDX identifier, when it has one.
    pub spdx: Option<&'a str>,
    /// Standard or custom.
    pub standard: LicenseStandard,
    /// The license text.
    pub url: &'a str,
    /// The license's page on the site.
    pub url_page: String,
}

/// One organization.
#[derive(Serialize, JsonSchema)]
pub struct OrgRecord<'a> {
    /// ISO country code.
    pub country: &'a str,
    /// Id releases use.
    pub id: &'a str,
    /// Legal form.
    pub kind: OrgKind,
    /// Registered legal name, when recorded.
    pub legal_name: Option<&'a str>,
    /// Short name.
    pub name: &'a str,
    /// Home page.
    pub url: &'a str,
    /// The organization's page on the site.
    pub url_page: String,
}

fn status<S: Copy>(all: &[Status<S>], defs: impl Iterator<Item = &'static str>, key: &str) -> S {
    let i = defs
        .into_iter()
        .position(|k| k == key)
        .expect("a defined key");
    all[i].status
}

/// What a license term requires, when it applies ("required" when no detail is recorded).
fn term(t: &Term) -> Option<&str> {
    t.applies.then(|| t.detail.as_deref().unwrap_or("required"))
}

/// The record of one release.
pub fn release<'a>(index: &'a Index, id: ReleaseId, urls: &Urls) -> ReleaseRecord<'a> {
    let (r, a) = index.entry(id).parts();
    let c = |key| status(&r.osaid, COMPONENTS.iter().map(|c| c.key), key);
    let p = |key| status(&r.governance, POINTS.iter().map(|p| p.key), key);
    ReleaseRecord {
        availability: r.availability,
        base_models: r.base_models.iter().map(|b| b.v.as_str()).collect(),
        failure_modes: a
            .failure_modes
            .iter()
            .map(|f| FailureModeRecord {
                reason: f
                    .reasons
                    .iter()
                    .map(|x| x.plain())
                    .collect::<Vec<_>>()
                    .join("; "),
                reasons: f
                    .reasons
                    .iter()
                    .map(|x| ReasonRecord {
                        recorded: x.recorded,
                        sources: x.sources(),
                        text: x.plain(),
                    })
                    .collect(),
                recorded: f.reasons.iter().any(|x| x.recorded),
                slug: f.mode,
            })
            .collect(),
        governance: GovernanceRecord {
            max: MAX_SCORE,
            points: Points {
                auditability: p("auditability"),
                capability_evaluation: p("capability_evaluation"),
                downstream_obligations: p("downstream_obligations"),
                ecosystem_support: p("ecosystem_support"),
                release_rationale: p("release_rationale"),
                release_type: p("release_type"),
                staged_access: p("staged_access"),
                supply_chain: p("supply_chain"),
            },
            score: a.governance.score,
        },
        kind: r.kind.v,
        license: LicenseRefs {
            class: a.license_class,
            code: r.license.code.as_ref().map(|l| l.v.as_str()),
            data: r.license.data.as_ref().map(|l| l.v.as_str()),
            osaid_compatible: a.licenses_compatible,
            terms: r
                .license
                .weights_id()
                .and_then(|id| index.license_assessed(id))
                .map(|(l, la)| LicenseTerms {
                    attribution: term(&l.attribution),
                    branding: term(&l.branding),
                    restrictions: &la.restrictions,
                    standard: l.standard,
                }),
            weights: r.license.weights_id(),
        },
        modality: r.modality,
        name: &r.name,
        organization: &r.organization.v,
        osaid: OsaidRecord {
            component_licenses: COMPONENTS
                .iter()
                .zip(&r.osaid)
                .filter_map(|(c, s)| Some((c.key, s.license.as_ref()?.v.as_str())))
                .collect(),
            components: Components {
                architecture: c("architecture"),
                checkpoints: c("checkpoints"),
                data_information: c("data_information"),
                data_processing_code: c("data_processing_code"),
                evaluation_code: c("evaluation_code"),
                inference_code: c("inference_code"),
                parameters: c("parameters"),
                training_code: c("training_code"),
                training_data: c("training_data"),
            },
            gap_details: a
                .osaid
                .gaps
                .iter()
                .map(|g| g.record())
                .chain(a.osaid.missing.iter().map(|m| m.record()))
                .collect(),
            gaps: a.osaid.gaps.iter().map(ToString::to_string).collect(),
            missing_evidence: a.osaid.missing.iter().map(ToString::to_string).collect(),
            verdict: a.osaid.verdict,
            _of: std::marker::PhantomData,
        },
        peers: peers(index, id),
        release_date: r.release_date.v,
        reviewed: r.reviewed.v,
        revision: r.artifact.revision.as_deref(),
        slug: &r.slug,
        sources: r
            .sources
            .iter()
            .map(|s| SourceRecord {
                accessed: s.accessed,
                id: &s.id.v,
                kind: s.kind,
                primary: s.kind.is_primary(),
                title: &s.title,
                url: &s.url.v,
            })
            .collect(),
        url: urls.model(&r.slug),
        version: r.version.as_deref(),
    }
}

/// The registry's licenses.
pub fn licenses<'a>(index: &'a Index, urls: &Urls) -> Vec<LicenseRecord<'a>> {
    index
        .licenses_assessed()
        .map(|(l, a)| LicenseRecord {
            class: a.class,
            id: &l.id,
            name: &l.name,
            osaid_compatible: a.osaid_compatible,
            spdx: l.spdx.as_deref(),
            standard: l.standard,
            url: &l.url,
            url_page: urls.license(&l.id),
        })
        .collect()
}

/// The organizations.
pub fn organizations<'a>(index: &'a Index, urls: &Urls) -> Vec<OrgRecord<'a>> {
    index
        .site
        .orgs
        .iter()
        .map(|o| OrgRecord {
            country: &o.country,
            id: &o.id,
            kind: o.kind,
            legal_name: o.legal_name.as_deref(),
            name: &o.name,
            url: &o.url,
            url_page: urls.org(&o.id),
        })
        .collect()
}

/// JSON Schema (draft 2020-12) of `/data/index.json`, generated from [`IndexDocument`].
pub fn schema() -> serde_json::Value {
    let schema = schemars::generate::SchemaSettings::draft2020_12()
        .into_generator()
        .into_root_schema_for::<IndexDocument<'_>>();
    serde_json::to_value(schema).unwrap_or_default()
}
