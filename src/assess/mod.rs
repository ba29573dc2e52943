//! Stage 2, **assess**: the rules, as pure functions with no I/O. Each rule family has its
//! own file — [`osaid`], [`governance`], [`license`], [`failure_modes`] — and reads only
//! validated records. [`assess`] runs them all for one release and returns an
//! [`Assessment`], the only thing later stages show.

pub mod failure_modes;
pub mod governance;
pub mod license;
pub mod osaid;
pub mod reason;

use crate::model::*;
use std::collections::HashMap;

/// What a rule may look at besides the release itself.
pub struct Context<'a> {
    /// Licenses by id.
    pub licenses: HashMap<&'a str, &'a License>,
    /// Releases by slug (for lineage).
    pub releases: HashMap<&'a str, &'a Release>,
    /// The site settings (review period).
    pub config: Option<&'a SiteConfig>,
    /// The day the assessment is for (`SOURCE_DATE_EPOCH`, or the clock).
    pub today: Date,
}

impl<'a> Context<'a> {
    /// Builds the lookups; no review is overdue until [`Context::on`] sets a day.
    pub fn new(licenses: &'a [License], releases: &'a [Release]) -> Self {
        Context {
            licenses: licenses.iter().map(|l| (l.id.as_str(), l)).collect(),
            releases: releases.iter().map(|r| (r.slug.as_str(), r)).collect(),
            config: None,
            today: Date::UNSET,
        }
    }

    /// The same context, judging review dates against `config` on `today`.
    pub fn on(self, config: &'a SiteConfig, today: Date) -> Self {
        Context {
            config: Some(config),
            today,
            ..self
        }
    }
}

/// Every verdict for one release.
#[derive(Debug, Clone)]
pub struct Assessment {
    /// OSAID verdict with gaps.
    pub osaid: osaid::Osaid,
    /// Governance score.
    pub governance: governance::Governance,
    /// Class of the weights license (proprietary when unknown).
    pub license_class: LicenseClass,
    /// Whether every license of the release is OSAID-compatible.
    pub licenses_compatible: bool,
    /// Failure modes shown, in `FAILURE_MODES` order.
    pub failure_modes: Vec<failure_modes::FailureModeHit>,
    /// Days past its review period, when the review is overdue.
    pub review_overdue_by: Option<i64>,
}

/// Runs every rule on one release.
pub fn assess(r: &Release, cx: &Context<'_>) -> Assessment {
    let o = osaid::assess(r, cx);
    let weights = r.license.weights_id().and_then(|id| cx.licenses.get(id));
    Assessment {
        failure_modes: failure_modes::assess(r, &o, cx),
        governance: governance::assess(r),
        license_class: weights
            .map(|l| license::class(l))
            .unwrap_or(LicenseClass::Proprietary),
        licenses_compatible: r.license_ids().iter().all(|id| {
            cx.licenses
                .get(id)
                .is_some_and(|l| license::osaid_compatible(l))
        }),
        review_overdue_by: cx
            .config
            .and_then(|c| c.review_overdue_by(r.reviewed.v, cx.today)),
        osaid: o,
    }
}

#[cfg(test)]
pub(crate) mod testing {
    //! Builders for rule tests.
    use super::*;

    /// `n` statuses of `status`, each citing the model card.
    fn carded<S: Copy>(n: usize, status: S) -> Vec<Status<S>> {
        (0..n)
            .map(|_| Status {
                status,
                span: 0..0,
                evidence: vec![at("card")].into(),
                note: None,
                license: None,
            })
            .collect()
    }

    pub fn at(s: &str) -> At<String> {
        At {
            v: s.to_string(),
            span: 0..0,
        }
    }

    pub fn license(id: &str, standard: LicenseStandard) -> License {
        License {
            id: id.into(),
            path: format!("content/licenses/{id}.toml").into(),
            name: id.into(),
            spdx: None,
            hub_ids: Vec::new(),
            url: "https://example.org/".into(),
            standard,
            copyleft: false,
            scale_cap: Term::default(),
            field_of_use: Term::default(),
            geographic: Term::default(),
            revocation: Term::default(),
            attribution: Term::default(),
            branding: Term::default(),
            distillation: Distillation::Allowed,
            distillation_detail: None,
            derivative_naming: Term::default(),
            naming_prefix: None,
            summary: String::new(),
            sources: vec![],
        }
    }

    /// apache-2.0 (open) and "capped" (a custom license with a scale cap).
    pub fn licenses() -> Vec<License> {
        let mut capped = license("capped", LicenseStandard::Custom);
        capped.scale_cap.applies = true;
        capped.scale_cap.detail = Some("700M MAU".into());
        vec![license("apache-2.0", LicenseStandard::OsiApproved), capped]
    }

    pub fn ctx<'a>(ls: &'a [License], rs: &'a [Release]) -> Context<'a> {
        Context::new(ls, rs)
    }

    fn source(id: &str, kind: SourceKind) -> Source {
        Source {
            id: at(id),
            url: at("https://example.org/"),
            kind,
            title: id.into(),
            accessed: Date {
                year: 2025,
                month: 1,
                day: 1,
            },
        }
    }

    /// A release with every component open and every point met, on primary evidence.
    pub fn open_release(slug: &str) -> Release {
        Release {
            slug: slug.into(),
            path: format!("content/models/{slug}.md").into(),
            name: slug.into(),
            organization: at("org"),
            kind: At {
                v: Kind::Base,
                span: 0..0,
            },
            modality: Modality::Text,
            version: Some("v1".into()),
            release_date: At {
                v: Date {
                    year: 2025,
                    month: 1,
                    day: 1,
                },
                span: 0..0,
            },
            reviewed: At {
                v: Date {
                    year: 2025,
                    month: 1,
                    day: 2,
                },
                span: 0..0,
            },
            base_models: vec![],
            availability: Availability::OpenDownload,
            artifact: Artifact::default(),
            parameters: None,
            marketed_as: vec![],
            license: LicenseRefs {
                weights: Some(at("apache-2.0")),
                span: 0..0,
                code: None,
                data: None,
            },
            osaid: carded(COMPONENTS.len(), ComponentStatus::Open),
            governance: carded(POINTS.len(), PointStatus::Met),
            safety: Safety::default(),
            findings: vec![],
            sources: vec![
                source("card", SourceKind::ModelCard),
                source("blog", SourceKind::Press),
            ],
            body: String::new(),
            digest: 0,
        }
    }

    pub fn set_component(r: &mut Release, key: &str, status: ComponentStatus, ev: &[&str]) {
        let i = COMPONENTS.iter().position(|c| c.key == key).unwrap();
        r.osaid[i].status = status;
        r.osaid[i].evidence = ev.iter().map(|e| at(e)).collect();
    }

    pub fn set_point(r: &mut Release, key: &str, status: PointStatus, ev: &[&str]) {
        let i = POINTS.iter().position(|p| p.key == key).unwrap();
        r.governance[i].status = status;
        r.governance[i].evidence = ev.iter().map(|e| at(e)).collect();
    }

    pub fn fact(value: bool, ev: &[&str]) -> Fact {
        Fact {
            status: value,
            span: 0..0,
            evidence: ev.iter().map(|e| at(e)).collect(),
            note: None,
            license: None,
        }
    }

    pub fn claim(r: &mut Release, words: &str) {
        r.marketed_as.push(Claim {
            claim: words.into(),
            source: at("card"),
        });
    }

    pub fn base_of(r: &mut Release, base: &str) {
        r.base_models.push(at(base));
    }
}
