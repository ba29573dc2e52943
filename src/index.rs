//! Stage 3, **link**: the whole index as one value. Holds every release with its
//! assessment and the lookups pages need — releases by organization, by license, by
//! failure mode, and the lineage graph (bases and derivatives) — each built in one pass
//! over the releases, so linking is linear in the size of the index.

use crate::assess::license::LicenseAssessment;
use crate::assess::{self, Assessment, Context};
use crate::content::Site;
use crate::model::*;
use rayon::prelude::*;
use std::collections::BTreeMap;

/// The linked index.
pub struct Index {
    /// The loaded site.
    pub site: Site,
    /// Assessment of `site.releases[i]` at position `i`.
    pub assessments: Vec<Assessment>,
    /// Assessment of `site.licenses[i]` at position `i`.
    pub license_assessments: Vec<LicenseAssessment>,
    /// Release positions by slug.
    pub by_slug: BTreeMap<String, usize>,
    /// Release positions by organization id.
    pub by_org: BTreeMap<String, Vec<usize>>,
    /// Release positions by license id (any part of the release).
    pub by_license: BTreeMap<String, Vec<usize>>,
    /// Release positions by failure-mode slug.
    pub by_failure_mode: BTreeMap<FailureModeId, Vec<usize>>,
    /// Derivatives of each release (positions), the reverse of `base_models`.
    pub derivatives: Vec<Vec<usize>>,
}

impl Index {
    /// Assesses every release (in parallel) as of `today` and builds the lookups.
    pub fn build(site: Site, today: Date) -> Index {
        let assessments: Vec<Assessment> = {
            let cx = Context::new(&site.licenses, &site.releases).on(&site.config, today);
            site.releases
                .par_iter()
                .map(|r| assess::assess(r, &cx))
                .collect()
        };
        let by_slug: BTreeMap<String, usize> = site
            .releases
            .iter()
            .enumerate()
            .map(|(i, r)| (r.slug.clone(), i))
            .collect();
        let mut by_org: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        let mut by_license: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        let mut by_failure_mode: BTreeMap<FailureModeId, Vec<usize>> = FailureModeId::ALL
            .iter()
            .map(|&m| (m, Vec::new()))
            .collect();
        let mut derivatives = vec![Vec::new(); site.releases.len()];
        for (i, r) in site.releases.iter().enumerate() {
            by_org.entry(r.organization.v.clone()).or_default().push(i);
            for id in r.license_ids() {
                by_license.entry(id.to_string()).or_default().push(i);
            }
            for shown in &assessments[i].failure_modes {
                by_failure_mode.entry(shown.mode).or_default().push(i);
            }
            for b in &r.base_models {
                if let Some(&j) = by_slug.get(&b.v) {
                    derivatives[j].push(i);
                }
            }
        }
        let license_assessments = site.licenses.iter().map(assess::license::assess).collect();
        Index {
            site,
            assessments,
            license_assessments,
            by_slug,
            by_org,
            by_license,
            by_failure_mode,
            derivatives,
        }
    }

    /// A release and its assessment by slug.
    pub fn get(&self, slug: &str) -> Option<(&Release, &Assessment)> {
        self.by_slug
            .get(slug)
            .map(|&i| (&self.site.releases[i], &self.assessments[i]))
    }

    /// A license by id.
    pub fn license(&self, id: &str) -> Option<&License> {
        self.license_assessed(id).map(|(l, _)| l)
    }

    /// A license with its assessment, by id.
    pub fn license_assessed(&self, id: &str) -> Option<(&License, &LicenseAssessment)> {
        self.site
            .licenses
            .binary_search_by(|l| l.id.as_str().cmp(id))
            .ok()
            .map(|i| (&self.site.licenses[i], &self.license_assessments[i]))
    }

    /// An organization by id.
    pub fn org(&self, id: &str) -> Option<&Organization> {
        self.site
            .orgs
            .binary_search_by(|o| o.id.as_str().cmp(id))
            .ok()
            .map(|i| &self.site.orgs[i])
    }

    /// Every ancestor of a release (bases, their bases, …), nearest first, without repeats.
    /// Costs in proportion to the ancestors found, not to the size of the index.
    pub fn ancestors(&self, i: usize) -> Vec<usize> {
        let mut seen = std::collections::HashSet::from([i]);
        let mut out = Vec::new();
        let mut queue: std::collections::VecDeque<usize> = self.bases(i).into();
        while let Some(j) = queue.pop_front() {
            if !seen.insert(j) {
                continue;
            }
            out.push(j);
            queue.extend(self.bases(j));
        }
        out
    }

    /// Direct bases of a release (positions of the ones in the index).
    pub fn bases(&self, i: usize) -> Vec<usize> {
        self.site.releases[i]
            .base_models
            .iter()
            .filter_map(|b| self.by_slug.get(&b.v).copied())
            .collect()
    }
}
