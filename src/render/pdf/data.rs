//! The report's data file: typed records built from the same views the site renders, which
//! `report.typ` reads by these field names. Every string a contributor wrote passes through
//! [`clean`]; every link through [`pdf_href`].

use super::narrative::{Block, narrative};
use super::{Options, cite_numbers, clean, pdf_href, score};
use crate::content::LoadError;
use crate::index::{Index, ReleaseId};
use crate::model::*;
use crate::render::figures::{self, Tally};
use crate::render::pages::{Methodology, methodology};
use crate::render::views::{self, Cite, LicenseAnswers, Urls};
use serde::Serialize;

/// Everything the template shows.
#[derive(Serialize)]
pub struct Report {
    title: String,
    description: String,
    version: &'static str,
    date: DateParts,
    revision: Option<String>,
    focus: Option<String>,
    site: Option<String>,
    counts: Counts,
    summary: Vec<String>,
    figures: Vec<Tally>,
    rows: Vec<Row>,
    releases: Vec<Section>,
    methodology: Methodology,
    licenses: Vec<LicenseData>,
}

/// A date as the template formats it.
#[derive(Serialize)]
struct DateParts {
    year: i32,
    month: u32,
    day: u32,
    text: String,
}

/// The cover's counts, as text.
#[derive(Serialize)]
struct Counts {
    releases: String,
    orgs: String,
    licenses: String,
}

/// One row of the summary table.
#[derive(Serialize)]
struct Row {
    slug: String,
    name: String,
    org: String,
    date: String,
    availability: &'static str,
    verdict: &'static str,
    license_class: &'static str,
    score: String,
    failure_modes: Vec<&'static str>,
}

/// One release's section.
#[derive(Serialize)]
struct Section {
    slug: String,
    name: String,
    online: Option<String>,
    org: String,
    kind: &'static str,
    kind_means: &'static str,
    date: String,
    reviewed: String,
    overdue: bool,
    availability: &'static str,
    availability_means: &'static str,
    verdict: &'static str,
    verdict_label: &'static str,
    score: String,
    undisclosed: usize,
    version: Option<String>,
    revision: Option<String>,
    sha256: Option<String>,
    format: Option<String>,
    parameters: Option<String>,
    repository: Option<String>,
    claims: Vec<Claim>,
    gaps: Vec<String>,
    missing: Vec<String>,
    components: Vec<Component>,
    points: Vec<Point>,
    license: Option<LicenseData>,
    no_weights_license: bool,
    other_licenses: Vec<String>,
    licenses_compatible: bool,
    failure_modes: Vec<FailureMode>,
    safety: Vec<StatusData>,
    ancestors: Vec<String>,
    derivatives: Vec<String>,
    narrative: Vec<Block>,
    sources: Vec<SourceData>,
}

#[derive(Serialize)]
struct Claim {
    claim: String,
    n: usize,
}

/// What a component's, a point's or a safety fact's row shows of its status.
#[derive(Serialize)]
struct StatusData {
    title: &'static str,
    icon: &'static str,
    label: &'static str,
    evidence: Vec<usize>,
    note: Option<String>,
}

impl StatusData {
    fn of(s: &views::StatusView) -> Self {
        StatusData {
            title: s.title,
            icon: s.icon,
            label: s.label,
            evidence: numbers(&s.evidence),
            note: clean_opt(s.note),
        }
    }
}

#[derive(Serialize)]
struct Component {
    #[serde(flatten)]
    row: StatusData,
    required: bool,
    license: String,
}

#[derive(Serialize)]
struct Point {
    #[serde(flatten)]
    row: StatusData,
    number: u8,
    score: String,
}

impl Component {
    fn of(c: &views::ComponentView) -> Self {
        Component {
            row: StatusData::of(&c.row),
            required: c.required,
            license: c
                .license
                .as_ref()
                .map_or_else(|| "none".to_string(), |l| clean(&l.text)),
        }
    }
}

impl Point {
    fn of(p: &views::PointView) -> Self {
        Point {
            row: StatusData::of(&p.row),
            number: p.number,
            score: score(p.score),
        }
    }
}

#[derive(Serialize)]
struct FailureMode {
    slug: &'static str,
    title: &'static str,
    reasons: Vec<ReasonData>,
}

#[derive(Serialize)]
struct ReasonData {
    text: String,
    recorded: bool,
}

#[derive(Serialize)]
struct SourceData {
    n: usize,
    title: String,
    kind: &'static str,
    primary: bool,
    accessed: String,
    url: Option<String>,
}

/// A license's three answers, as the report states them.
#[derive(Serialize)]
struct LicenseData {
    id: String,
    name: String,
    class: &'static str,
    class_means: &'static str,
    standard: &'static str,
    standard_means: &'static str,
    compatible: bool,
    restrictions: Vec<String>,
    branding_attribution: String,
    distillation: &'static str,
    distillation_detail: Option<String>,
    naming: Option<String>,
    summary: String,
}

fn clean_opt(s: Option<&str>) -> Option<String> {
    s.map(clean)
}

fn numbers(c: &[Cite]) -> Vec<usize> {
    c.iter().map(|c| c.n).collect()
}

fn license(l: &LicenseAnswers) -> LicenseData {
    let branding = match (&l.branding, &l.attribution) {
        (Some(b), Some(a)) => format!("branding: {b}; attribution: {a}"),
        (Some(b), None) => format!("branding: {b}"),
        (None, Some(a)) => format!("attribution: {a}"),
        (None, None) => "none required".to_string(),
    };
    LicenseData {
        id: l.id.to_string(),
        name: clean(l.name),
        class: l.class,
        class_means: l.class_means,
        standard: l.standard,
        standard_means: l.standard_means,
        compatible: l.compatible,
        restrictions: l.restrictions.iter().map(|s| clean(s)).collect(),
        branding_attribution: clean(&branding),
        distillation: l.distillation,
        distillation_detail: clean_opt(l.distillation_detail),
        naming: clean_opt(l.naming.as_deref()),
        summary: clean(l.summary),
    }
}

/// One release's section, from its page view.
fn section(
    index: &Index,
    id: ReleaseId,
    urls: &Urls,
    today: Date,
    site: Option<&str>,
) -> Result<Section, LoadError> {
    let full = index.full(id)?;
    let entry = index.entry(id).with_release(&full);
    let (r, a) = entry.parts();
    let v = views::release(index, entry, urls, today, "");
    let texts = |links: &[views::Link]| links.iter().map(|l| clean(&l.text)).collect();
    Ok(Section {
        slug: v.row.slug.clone(),
        name: clean(&v.row.name),
        online: site.map(|s| format!("{s}models/{}/", r.slug)),
        org: clean(&v.row.org.text),
        kind: v.row.kind,
        kind_means: v.kind_means,
        date: v.row.date.clone(),
        reviewed: v.reviewed.clone(),
        overdue: v.overdue,
        availability: v.row.availability,
        availability_means: v.availability_means,
        verdict: v.row.verdict,
        verdict_label: v.row.verdict_label,
        score: score(v.row.score),
        undisclosed: v.undisclosed,
        version: clean_opt(v.version),
        revision: clean_opt(v.revision),
        sha256: clean_opt(v.sha256),
        format: clean_opt(v.format),
        parameters: clean_opt(v.parameters),
        repository: v.repository.and_then(pdf_href),
        claims: v
            .claims
            .iter()
            .map(|c| Claim {
                claim: clean(c.claim),
                n: c.cite.n,
            })
            .collect(),
        gaps: v.gaps.iter().map(|s| clean(s)).collect(),
        missing: v.missing.iter().map(|s| clean(s)).collect(),
        components: v.components.iter().map(Component::of).collect(),
        points: v.points.iter().map(Point::of).collect(),
        license: v.license.as_ref().map(license),
        no_weights_license: v.no_weights_license,
        other_licenses: texts(&v.other_licenses),
        licenses_compatible: v.licenses_compatible,
        failure_modes: a
            .failure_modes
            .iter()
            .map(|f| FailureMode {
                slug: f.slug(),
                title: f.mode.title(),
                reasons: f
                    .reasons
                    .iter()
                    .map(|x| ReasonData {
                        text: clean(&cite_numbers(r, x)),
                        recorded: x.recorded,
                    })
                    .collect(),
            })
            .collect(),
        safety: v.safety.iter().map(StatusData::of).collect(),
        ancestors: texts(&v.ancestors),
        derivatives: texts(&v.derivatives),
        narrative: narrative(&r.body),
        sources: v
            .sources
            .iter()
            .map(|s| SourceData {
                n: s.n,
                title: clean(s.title),
                kind: s.kind.as_str(),
                primary: s.primary,
                accessed: s.accessed.to_string(),
                url: pdf_href(s.url),
            })
            .collect(),
    })
}

/// The report of the releases at `order` (an error when a release's file changed since it
/// was loaded).
pub fn report(index: &Index, order: &[ReleaseId], opts: &Options) -> Result<Report, LoadError> {
    use rayon::prelude::*;
    let config = &index.site.config;
    let urls = Urls::new(&config.base_url);
    let site = pdf_href(&urls.absolute).filter(|u| !u.starts_with("mailto:"));
    let orgs = order
        .iter()
        .map(|&id| index.release(id).organization.v.as_str())
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    let d = opts.today;
    Ok(Report {
        title: clean(&config.title),
        description: clean(&config.description),
        version: env!("CARGO_PKG_VERSION"),
        date: DateParts {
            year: d.year,
            month: d.month,
            day: d.day,
            text: d.to_string(),
        },
        revision: opts.revision.as_deref().map(clean),
        focus: opts.focus.as_deref().map(clean),
        counts: Counts {
            releases: order.len().to_string(),
            orgs: orgs.to_string(),
            licenses: index.site.licenses.len().to_string(),
        },
        summary: crate::render::report::summary(index, order),
        figures: figures::tallies(index, order),
        rows: order
            .iter()
            .map(|&id| {
                let row = views::row(index, id, &urls);
                Row {
                    name: clean(&row.name),
                    org: clean(&row.org.text),
                    score: score(row.score),
                    failure_modes: row
                        .failure_modes
                        .iter()
                        .map(|s| failure_mode(s).map_or(*s, |m| m.title))
                        .collect(),
                    slug: row.slug,
                    date: row.date,
                    availability: row.availability,
                    verdict: row.verdict,
                    license_class: row.license_class,
                }
            })
            .collect(),
        releases: order
            .par_iter()
            .map(|&id| section(index, id, &urls, opts.today, site.as_deref()))
            .collect::<Result<_, _>>()?,
        site,
        methodology: methodology(),
        licenses: index
            .licenses_assessed()
            .map(|(l, a)| license(&views::license_answers(l, a, &urls)))
            .collect(),
    })
}
