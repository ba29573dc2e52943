//! View structs: what templates see. Built from the index, serialized into tera
//! contexts; templates never touch domain types, so a template change cannot change a
//! verdict. Every string here is plain text (templates escape it) unless its name ends in
//! `_html`, which marks HTML this module built from escaped parts.

use super::face::Face;
use super::markdown::{escape, to_html};
use super::route::Route;
use crate::assess::reason::Reason;
use crate::index::{Entry, Index, ReleaseId};
use crate::model::*;
use serde::Serialize;

pub use super::lists::*;
pub use super::urls::Urls;

/// A link: text and target.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    /// Visible text.
    pub text: String,
    /// Target URL.
    pub href: String,
}

/// A cited source, numbered.
#[derive(Debug, Clone, Serialize)]
pub struct SourceView<'a> {
    /// 1-based number.
    pub n: usize,
    /// Id in the file.
    pub id: &'a str,
    /// Address (validated http/https).
    pub url: &'a str,
    /// What the source is (serialized as its word).
    pub kind: SourceKind,
    /// Primary or secondary.
    pub primary: bool,
    /// Title.
    pub title: &'a str,
    /// Date read.
    pub accessed: Date,
}

/// What a scorecard row shows of a recorded status, the same for OSAID components,
/// governance points and safety facts (templates read these fields on the row itself).
#[derive(Debug, Clone, Serialize)]
pub struct StatusView<'a> {
    /// The component's, point's or fact's key.
    pub key: &'static str,
    /// Its title.
    pub title: &'static str,
    /// Status word.
    pub status: &'static str,
    /// Status as shown (unknown → undisclosed).
    pub label: &'static str,
    /// Text icon (never colour alone).
    pub icon: &'static str,
    /// Contributor note.
    pub note: Option<&'a str>,
    /// Evidence as numbered links.
    pub evidence: Vec<Cite<'a>>,
}

impl<'a> StatusView<'a> {
    /// The row of status `s` of the component, point or fact `key`, titled `title`.
    fn of<S: Face>(
        r: &Release,
        (key, title): (&'static str, &'static str),
        s: &'a Status<S>,
    ) -> Self {
        let (icon, label) = s.status.face();
        StatusView {
            key,
            title,
            status: s.status.word(),
            label,
            icon,
            note: s.note.as_deref(),
            evidence: cites(r, &s.evidence),
        }
    }
}

/// One OSAID component row.
#[derive(Debug, Clone, Serialize)]
pub struct ComponentView<'a> {
    /// The status.
    #[serde(flatten)]
    pub row: StatusView<'a>,
    /// Required by OSAID 1.0.
    pub required: bool,
    /// What open means.
    pub open_means: &'static str,
    /// Component license link (none when the weights have no license and the component
    /// names none of its own).
    pub license: Option<Link>,
}

/// A citation of a numbered source.
#[derive(Debug, Clone, Serialize)]
pub struct Cite<'a> {
    /// Source number.
    pub n: usize,
    /// Source id.
    pub id: &'a str,
}

/// One governance point row.
#[derive(Debug, Clone, Serialize)]
pub struct PointView<'a> {
    /// The status.
    #[serde(flatten)]
    pub row: StatusView<'a>,
    /// Number 1–8.
    pub number: u8,
    /// What the point asks.
    pub asks: &'static str,
    /// Points earned.
    pub score: f64,
}

/// A failure mode on a release page.
#[derive(Debug, Clone, Serialize)]
pub struct FailureView {
    /// Slug.
    pub slug: &'static str,
    /// Title.
    pub title: &'static str,
    /// Page link.
    pub href: String,
    /// Reasons as HTML with source links.
    pub reasons: Vec<ReasonView>,
}

/// One reason.
#[derive(Debug, Clone, Serialize)]
pub struct ReasonView {
    /// Escaped text with `[id]` turned into links to numbered sources.
    pub text_html: String,
    /// Recorded by hand.
    pub recorded: bool,
}

/// Verdict label for people.
pub fn verdict_label(v: Verdict) -> &'static str {
    match v {
        Verdict::Meets => "Meets OSAID 1.0",
        Verdict::DoesNotMeet => "Does not meet OSAID 1.0",
        Verdict::InsufficientEvidence => "Insufficient evidence",
    }
}

pub(super) fn org_link(index: &Index, id: &str, urls: &Urls) -> Link {
    Link {
        text: index
            .org(id)
            .map_or_else(|| id.to_string(), |o| o.name.clone()),
        href: urls.org(id),
    }
}

pub(super) fn license_link(index: &Index, id: &str, urls: &Urls) -> Link {
    Link {
        text: index
            .license(id)
            .map_or_else(|| id.to_string(), |l| l.name.clone()),
        href: urls.license(id),
    }
}

/// Everything a release page shows, borrowing the release's own texts.
#[derive(Debug, Clone, Serialize)]
pub struct ReleaseView<'a> {
    /// The table row (name, org, verdict…).
    pub row: Row,
    /// Modality description.
    pub modality_means: &'static str,
    /// Kind description.
    pub kind_means: &'static str,
    /// Availability description.
    pub availability_means: &'static str,
    /// Version / model id.
    pub version: Option<&'a str>,
    /// Revision.
    pub revision: Option<&'a str>,
    /// SHA-256.
    pub sha256: Option<&'a str>,
    /// Weights format.
    pub format: Option<&'a str>,
    /// Repository link (validated URL).
    pub repository: Option<&'a str>,
    /// Parameters.
    pub parameters: Option<&'a str>,
    /// Reviewed date.
    pub reviewed: String,
    /// Review overdue.
    pub overdue: bool,
    /// OSAID gaps.
    pub gaps: Vec<String>,
    /// Missing evidence.
    pub missing: Vec<String>,
    /// Components.
    pub components: Vec<ComponentView<'a>>,
    /// Governance points.
    pub points: Vec<PointView<'a>>,
    /// Undisclosed points.
    pub undisclosed: usize,
    /// Weights license answers.
    pub license: Option<LicenseAnswers<'a>>,
    /// True when the weights have no license at all (a `not-released` release).
    pub no_weights_license: bool,
    /// Other licenses (code, data, components).
    pub other_licenses: Vec<Link>,
    /// Every license of the release is OSAID-compatible.
    pub licenses_compatible: bool,
    /// Marketing claims.
    pub claims: Vec<ClaimView<'a>>,
    /// Safety facts (status `yes`, `no` or `unknown`).
    pub safety: Vec<StatusView<'a>>,
    /// Failure modes.
    pub failure_modes: Vec<FailureView>,
    /// Ancestors.
    pub ancestors: Vec<Link>,
    /// Direct derivatives.
    pub derivatives: Vec<Link>,
    /// Narrative HTML (sanitized); empty until [`ReleaseView::with_narrative`].
    pub narrative_html: String,
    /// Sources.
    pub sources: Vec<SourceView<'a>>,
    /// Edit link.
    pub edit_url: Option<String>,
    /// History link.
    pub history_url: Option<String>,
    /// Badge path.
    pub badge: String,
    /// Data path.
    pub json: String,
}

fn cites<'a>(r: &Release, ev: &'a [At<String>]) -> Vec<Cite<'a>> {
    ev.iter()
        .filter_map(|e| {
            Some(Cite {
                n: r.source_number(&e.v)?,
                id: &e.v,
            })
        })
        .collect()
}

/// A reason as HTML: its words escaped, each citation a link to the numbered source on the
/// release page at `page` (empty for the page itself), whose anchors carry `prefix`.
pub fn reason_html(r: &Release, reason: &Reason, page: &str, prefix: &str) -> String {
    reason.render(escape, |id| match r.source_number(id) {
        Some(n) => format!(
            "<a href=\"{page}#{prefix}source-{n}\" title=\"source {n}: {}\">[{n}]</a>",
            escape(id)
        ),
        None => format!("[{}]", escape(id)),
    })
}

/// Builds the page view of a release, from an entry whose release has its texts
/// ([`Index::full`]).
pub fn release<'a>(
    index: &'a Index,
    entry: Entry<'a>,
    urls: &Urls,
    today: Date,
    prefix: &str,
) -> ReleaseView<'a> {
    let (r, a) = entry.parts();
    let id = entry.id;
    let config = &index.site.config;
    let file = crate::diag::slash_path(&r.path);
    let repo = config
        .repository
        .as_ref()
        .map(|u| u.trim_end_matches('/').to_string());
    let weights = r
        .license
        .weights_id()
        .and_then(|id| index.license_assessed(id));
    let mut other: Vec<&str> = r
        .license_ids()
        .into_iter()
        .filter(|id| Some(*id) != r.license.weights_id())
        .collect();
    other.dedup();
    let fact = |(key, title, f): (&'static str, &'static str, &'a Option<Fact>)| match f {
        Some(f) => StatusView::of(r, (key, title), f),
        None => StatusView {
            key,
            title,
            status: "unknown",
            label: "undisclosed",
            icon: "?",
            note: None,
            evidence: Vec::new(),
        },
    };
    ReleaseView {
        row: row(index, id, urls),
        modality_means: r.modality.describe(),
        kind_means: r.kind.v.describe(),
        availability_means: r.availability.describe(),
        version: r.version.as_deref(),
        revision: r.artifact.revision.as_deref(),
        sha256: r.artifact.sha256.as_deref(),
        format: r.artifact.format.as_deref(),
        repository: r.artifact.repository.as_deref(),
        parameters: r.parameters.as_deref(),
        reviewed: r.reviewed.v.to_string(),
        overdue: today.days_since_epoch() - r.reviewed.v.days_since_epoch()
            > config.stale_after_days,
        gaps: a.osaid.gaps.iter().map(ToString::to_string).collect(),
        missing: a.osaid.missing.iter().map(ToString::to_string).collect(),
        components: COMPONENTS
            .iter()
            .zip(&r.osaid)
            .map(|(c, s)| {
                let lid = s
                    .license
                    .as_ref()
                    .map(|l| l.v.as_str())
                    .or(r.license.weights_id());
                ComponentView {
                    row: StatusView::of(r, (c.key, c.title), s),
                    required: c.required,
                    open_means: c.open_means,
                    license: lid.map(|id| license_link(index, id, urls)),
                }
            })
            .collect(),
        points: POINTS
            .iter()
            .zip(&r.governance)
            .map(|(p, s)| PointView {
                row: StatusView::of(r, (p.key, p.title), s),
                number: p.number,
                asks: p.asks,
                score: s.status.score(),
            })
            .collect(),
        undisclosed: a.governance.undisclosed,
        license: weights.map(|(l, la)| license_answers(l, la, urls)),
        no_weights_license: r.license.weights.is_none(),
        other_licenses: other
            .into_iter()
            .map(|id| license_link(index, id, urls))
            .collect(),
        licenses_compatible: a.licenses_compatible,
        claims: r
            .marketed_as
            .iter()
            .filter_map(|c| {
                Some(ClaimView {
                    claim: &c.claim,
                    cite: Cite {
                        n: r.source_number(&c.source.v)?,
                        id: &c.source.v,
                    },
                })
            })
            .collect(),
        safety: r.safety.facts().into_iter().map(fact).collect(),
        failure_modes: a
            .failure_modes
            .iter()
            .map(|f| FailureView {
                slug: f.slug(),
                title: failure_mode(f.slug()).map_or(f.slug(), |m| m.title),
                href: urls.failure_mode(f.slug()),
                reasons: f
                    .reasons
                    .iter()
                    .map(|x| ReasonView {
                        text_html: reason_html(r, x, "", prefix),
                        recorded: x.recorded,
                    })
                    .collect(),
            })
            .collect(),
        ancestors: index
            .ancestors(id)
            .into_iter()
            .map(|j| release_link(index, j, urls))
            .collect(),
        derivatives: index
            .derivatives(id)
            .iter()
            .map(|&j| release_link(index, j, urls))
            .collect(),
        narrative_html: String::new(),
        sources: source_views(&r.sources),
        edit_url: repo
            .as_ref()
            .map(|u| format!("{u}/edit/{}/{file}", config.branch)),
        history_url: repo
            .as_ref()
            .map(|u| format!("{u}/commits/{}/{file}", config.branch)),
        badge: urls.to(Route::Badge(&r.slug)),
        json: urls.to(Route::ModelJson(&r.slug)),
    }
}

/// A marketing claim with the source that records it.
#[derive(Debug, Clone, Serialize)]
pub struct ClaimView<'a> {
    /// The words used.
    pub claim: &'a str,
    /// Where they were used.
    pub cite: Cite<'a>,
}

/// The numbered sources of a file.
pub fn source_views(sources: &[Source]) -> Vec<SourceView<'_>> {
    sources
        .iter()
        .enumerate()
        .map(|(n, s)| SourceView {
            n: n + 1,
            id: &s.id.v,
            url: &s.url.v,
            kind: s.kind,
            primary: s.kind.is_primary(),
            title: &s.title,
            accessed: s.accessed,
        })
        .collect()
}

impl ReleaseView<'_> {
    /// The view with the release's narrative rendered (left out by [`release`], which
    /// pages that do not show it, and the incremental build's key, need not pay for).
    pub fn with_narrative(mut self, r: &Release) -> Self {
        self.narrative_html = to_html(&r.body);
        self
    }
}

/// A link to a release's page.
pub fn release_link(index: &Index, id: ReleaseId, urls: &Urls) -> Link {
    let r = index.release(id);
    Link {
        text: r.name.clone(),
        href: urls.model(&r.slug),
    }
}
