//! Views of the list pages and of what release pages share with them: index-table rows,
//! the index filters, a license's three answers and an organization's header.

use super::face::Face;
use super::views::{Link, Urls, license_link, org_link, verdict_label};
use crate::assess::license::LicenseAssessment;
use crate::index::{Index, ReleaseId};
use crate::model::*;
use serde::Serialize;

/// The license's three answers, borrowing the license's own texts.
#[derive(Debug, Clone, Serialize)]
pub struct LicenseAnswers<'a> {
    /// Id.
    pub id: &'a str,
    /// Name.
    pub name: &'a str,
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
    pub restrictions: &'a [String],
    /// Question 3: attribution.
    pub attribution: Option<String>,
    /// Question 3: branding.
    pub branding: Option<String>,
    /// Distillation word.
    pub distillation: &'static str,
    /// Distillation detail.
    pub distillation_detail: Option<&'a str>,
    /// Naming rule.
    pub naming: Option<String>,
    /// Summary.
    pub summary: &'a str,
}

fn term_text(t: &Term) -> Option<String> {
    t.applies
        .then(|| t.detail.clone().unwrap_or_else(|| "required".into()))
}

/// The three answers of a license.
pub fn license_answers<'a>(
    l: &'a License,
    a: &'a LicenseAssessment,
    urls: &Urls,
) -> LicenseAnswers<'a> {
    let class = a.class;
    LicenseAnswers {
        id: &l.id,
        name: &l.name,
        href: urls.license(&l.id),
        class: class.as_str(),
        class_means: class.describe(),
        standard: l.standard.as_str(),
        standard_means: l.standard.describe(),
        compatible: a.osaid_compatible,
        restrictions: &a.restrictions,
        attribution: term_text(&l.attribution),
        branding: term_text(&l.branding),
        distillation: l.distillation.as_str(),
        distillation_detail: l.distillation_detail.as_deref(),
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
        summary: &l.summary,
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

/// One filter of the index table: a select over one data attribute of the rows, its
/// options from a vocabulary (never retyped in a template).
#[derive(Debug, Serialize)]
pub struct TableFilter {
    /// The select's element id.
    pub id: &'static str,
    /// What the select is labelled.
    pub label: &'static str,
    /// The rows' data attribute it matches.
    pub attr: &'static str,
    /// Its options, in the vocabulary's order.
    pub choices: Vec<Choice>,
}

/// The index table's filters, in the order the form shows them.
pub fn table_filters() -> Vec<TableFilter> {
    fn choices<T: Word>(all: &[T], label: impl Fn(T) -> String) -> Vec<Choice> {
        all.iter()
            .map(|&w| Choice {
                value: w.word(),
                label: label(w),
            })
            .collect()
    }
    let filter = |id, label, attr, choices| TableFilter {
        id,
        label,
        attr,
        choices,
    };
    vec![
        filter("f-verdict", "OSAID verdict", "verdict", {
            choices(Verdict::ALL, |v| v.as_str().replace('-', " "))
        }),
        filter("f-availability", "Availability", "availability", {
            choices(Availability::ALL, |a| a.as_str().to_string())
        }),
        filter("f-class", "License class", "class", {
            choices(LicenseClass::ALL, |c| c.as_str().to_string())
        }),
        filter("f-mode", "Failure mode", "modes", {
            choices(FailureModeId::ALL, |m| m.title().to_string())
        }),
    ]
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_table_filter_offers_its_whole_vocabulary_and_matches_a_row_attribute() {
        let filters = table_filters();
        let values = |id: &str| -> Vec<&str> {
            let f = filters.iter().find(|f| f.id == id).expect(id);
            f.choices.iter().map(|c| c.value).collect()
        };
        assert_eq!(values("f-verdict"), Verdict::spellings());
        assert_eq!(values("f-availability"), Availability::spellings());
        assert_eq!(values("f-class"), LicenseClass::spellings());
        assert_eq!(values("f-mode"), FailureModeId::spellings());
        let modes = filters.iter().find(|f| f.id == "f-mode").unwrap();
        let titles: Vec<&str> = FailureModeId::ALL.iter().map(|m| m.title()).collect();
        let labels: Vec<&str> = modes.choices.iter().map(|c| c.label.as_str()).collect();
        assert_eq!(labels, titles);
        // The rows the script filters carry every attribute a filter reads.
        let rows = super::super::theme::TEMPLATES
            .iter()
            .find(|(name, _)| *name == "release_rows.html")
            .map(|(_, text)| *text)
            .unwrap();
        for f in &filters {
            assert!(
                rows.contains(&format!(" data-{}=", f.attr)),
                "no row attribute data-{}",
                f.attr
            );
        }
    }
}
