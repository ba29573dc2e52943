//! Views of the list pages and of what release pages share with them: index-table rows,
//! the index filters, a license's three answers and an organization's header.

use super::face::Face;
use super::views::{Link, Urls, license_link, org_link, verdict_label};
use crate::assess::license::LicenseAssessment;
use crate::index::{Index, ReleaseId};
use crate::model::*;
use serde::Serialize;

/// The license's three answers.
#[derive(Debug, Clone, Serialize)]
pub struct LicenseAnswers {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Link.
    pub href: String,
    /// Class word.
    pub class: &'static str,
    /// Class description.
    pub class_means: &'static str,
    /// Standard word.
    pub standard: &'static str,
    /// Question 1 answer.
    pub standard_means: &'static str,
    /// OSAID-compatible.
    pub compatible: bool,
    /// Question 2: restrictions (empty = none).
    pub restrictions: Vec<String>,
    /// Question 3: attribution.
    pub attribution: Option<String>,
    /// Question 3: branding.
    pub branding: Option<String>,
    /// Distillation word.
    pub distillation: &'static str,
    /// Distillation detail.
    pub distillation_detail: Option<String>,
    /// Naming rule.
    pub naming: Option<String>,
    /// Summary.
    pub summary: String,
}

fn term_text(t: &Term) -> Option<String> {
    t.applies
        .then(|| t.detail.clone().unwrap_or_else(|| "required".into()))
}

/// The three answers of a license.
pub fn license_answers(l: &License, a: &LicenseAssessment, urls: &Urls) -> LicenseAnswers {
    let class = a.class;
    LicenseAnswers {
        id: l.id.clone(),
        name: l.name.clone(),
        href: urls.license(&l.id),
        class: class.as_str(),
        class_means: class.describe(),
        standard: l.standard.as_str(),
        standard_means: l.standard.describe(),
        compatible: a.osaid_compatible,
        restrictions: a.restrictions.clone(),
        attribution: term_text(&l.attribution),
        branding: term_text(&l.branding),
        distillation: l.distillation.as_str(),
        distillation_detail: l.distillation_detail.clone(),
        naming: l.derivative_naming.applies.then(|| {
            l.derivative_naming
                .detail
                .clone()
                .or_else(|| {
                    l.naming_prefix
                        .as_ref()
                        .map(|p| format!("derivative names must begin with \"{p}\""))
                })
                .unwrap_or_else(|| "required".into())
        }),
        summary: l.summary.clone(),
    }
}

/// A compact row of the index table.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// Slug.
    pub slug: String,
    /// Name.
    pub name: String,
    /// Page.
    pub href: String,
    /// Organization link.
    pub org: Link,
    /// Release date.
    pub date: String,
    /// Kind.
    pub kind: &'static str,
    /// Modality.
    pub modality: &'static str,
    /// Availability word.
    pub availability: &'static str,
    /// Verdict word.
    pub verdict: &'static str,
    /// Verdict label.
    pub verdict_label: &'static str,
    /// Component icons in order.
    pub components: Vec<ComponentIcon>,
    /// License class.
    pub license_class: &'static str,
    /// Weights license link (none for a `not-released` release without one).
    pub license: Option<Link>,
    /// Governance score.
    pub score: f64,
    /// Failure-mode slugs.
    pub failure_modes: Vec<&'static str>,
}

/// One component's status as the index table shows it.
#[derive(Debug, Clone, Serialize)]
pub struct ComponentIcon {
    /// Component key.
    pub key: &'static str,
    /// Status words.
    pub status: &'static str,
    /// The status's icon.
    pub icon: &'static str,
}

/// Builds the index-table row of a release.
pub fn row(index: &Index, id: ReleaseId, urls: &Urls) -> Row {
    let (r, a) = index.entry(id).parts();
    Row {
        slug: r.slug.clone(),
        name: r.name.clone(),
        href: urls.model(&r.slug),
        org: org_link(index, &r.organization.v, urls),
        date: r.release_date.v.to_string(),
        kind: r.kind.v.as_str(),
        modality: r.modality.as_str(),
        availability: r.availability.as_str(),
        verdict: a.osaid.verdict.as_str(),
        verdict_label: verdict_label(a.osaid.verdict),
        components: COMPONENTS
            .iter()
            .zip(&r.osaid)
            .map(|(c, s)| {
                let (icon, status) = s.status.face();
                ComponentIcon {
                    key: c.key,
                    status,
                    icon,
                }
            })
            .collect(),
        license_class: a.license_class.as_str(),
        license: r
            .license
            .weights_id()
            .map(|id| license_link(index, id, urls)),
        score: a.governance.score,
        failure_modes: a.failure_modes.iter().map(|f| f.slug()).collect(),
    }
}

/// One option of a filter on the index table: the value rows carry, and its label.
#[derive(Debug, Serialize)]
pub struct Choice {
    /// The word in the rows' data attributes.
    pub value: &'static str,
    /// What the option reads.
    pub label: String,
}

/// The index table's filters, from the vocabularies (never retyped in a template).
#[derive(Debug, Serialize)]
pub struct Filters {
    /// OSAID verdicts.
    pub verdicts: Vec<Choice>,
    /// Availability classes.
    pub availability: Vec<Choice>,
    /// License classes.
    pub classes: Vec<Choice>,
    /// Failure modes.
    pub failure_modes: Vec<Choice>,
}

impl Filters {
    /// Every option of every filter.
    pub fn new() -> Self {
        let words = |all: &[&'static str]| {
            all.iter()
                .map(|&value| Choice {
                    value,
                    label: value.to_string(),
                })
                .collect::<Vec<_>>()
        };
        Filters {
            verdicts: Verdict::ALL
                .iter()
                .map(|v| Choice {
                    value: v.as_str(),
                    label: v.as_str().replace('-', " "),
                })
                .collect(),
            availability: words(&Availability::spellings()),
            classes: words(&LicenseClass::spellings()),
            failure_modes: FailureModeId::ALL
                .iter()
                .map(|m| Choice {
                    value: m.as_str(),
                    label: m.title().to_string(),
                })
                .collect(),
        }
    }
}

impl Default for Filters {
    fn default() -> Self {
        Self::new()
    }
}

/// An organization page's header.
#[derive(Debug, Serialize)]
pub struct OrgView<'a> {
    /// Id.
    pub id: &'a str,
    /// Short name.
    pub name: &'a str,
    /// Registered legal name, when it differs.
    pub legal_name: Option<&'a str>,
    /// ISO country code.
    pub country: &'a str,
    /// Legal form.
    pub kind: OrgKind,
    /// What the legal form means.
    pub kind_means: &'static str,
    /// Home page.
    pub url: &'a str,
}

impl<'a> OrgView<'a> {
    /// The view of one organization.
    pub fn of(o: &'a Organization) -> Self {
        OrgView {
            id: &o.id,
            name: &o.name,
            legal_name: o.legal_name.as_deref(),
            country: &o.country,
            kind: o.kind,
            kind_means: o.kind.describe(),
            url: &o.url,
        }
    }
}
