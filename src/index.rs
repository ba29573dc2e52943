//! Stage 3, **link**: the whole index as one value. Holds every release with its
//! assessment and the lookups pages need — releases by organization, by license, by
//! failure mode, and the lineage graph (bases and derivatives) — each built in one pass
//! over the releases, so linking is linear in the size of the index.

use crate::assess::license::LicenseAssessment;
use crate::assess::{self, Assessment, Context};
use crate::content::Site;
use crate::model::*;
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

/// A release's handle: its position in the index. Every lookup, list and lineage edge holds
/// these; [`Index::entry`] turns one into the release and its assessment.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ReleaseId(u32);

impl ReleaseId {
    /// The position in `site.releases` and `assessments`.
    pub fn index(self) -> usize {
        self.0 as usize
    }

    fn at(i: usize) -> ReleaseId {
        ReleaseId(u32::try_from(i).expect("fewer than 2^32 releases"))
    }
}

/// A release with its assessment, as every page and export reads it.
#[derive(Copy, Clone)]
pub struct Entry<'a> {
    /// The handle.
    pub id: ReleaseId,
    /// The release as loaded.
    pub release: &'a Release,
    /// Its assessment.
    pub assessment: &'a Assessment,
}

impl<'a> Entry<'a> {
    /// The release and its assessment, for a `let (r, a) = …` binding.
    pub fn parts(self) -> (&'a Release, &'a Assessment) {
        (self.release, self.assessment)
    }

    /// The same entry reading another copy of its release: the one [`Index::full`] gave,
    /// with the texts a lean load let go.
    pub fn with_release<'b>(self, release: &'b Release) -> Entry<'b>
    where
        'a: 'b,
    {
        Entry { release, ..self }
    }
}

/// The linked index.
pub struct Index {
    /// The loaded site.
    pub site: Site,
    /// Assessment of `site.releases[i]` at position `i` (read them through [`Index::entry`]).
    assessments: Vec<Assessment>,
    /// Assessment of `site.licenses[i]` at position `i`.
    pub license_assessments: Vec<LicenseAssessment>,
    /// Releases by slug.
    pub by_slug: BTreeMap<String, ReleaseId>,
    /// Releases by organization id.
    pub by_org: BTreeMap<String, Vec<ReleaseId>>,
    /// Releases by license id (any part of the release).
    pub by_license: BTreeMap<String, Vec<ReleaseId>>,
    /// Releases by failure mode.
    pub by_failure_mode: BTreeMap<FailureModeId, Vec<ReleaseId>>,
    /// Derivatives of each release, the reverse of `base_models` (read through
    /// [`Index::derivatives`]).
    derivatives: Vec<Vec<ReleaseId>>,
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
        let by_slug: BTreeMap<String, ReleaseId> = site
            .releases
            .iter()
            .enumerate()
            .map(|(i, r)| (r.slug.clone(), ReleaseId::at(i)))
            .collect();
        let mut by_org: BTreeMap<String, Vec<ReleaseId>> = BTreeMap::new();
        let mut by_license: BTreeMap<String, Vec<ReleaseId>> = BTreeMap::new();
        let mut by_failure_mode: BTreeMap<FailureModeId, Vec<ReleaseId>> = FailureModeId::ALL
            .iter()
            .map(|&m| (m, Vec::new()))
            .collect();
        let mut derivatives = vec![Vec::new(); site.releases.len()];
        for (i, r) in site.releases.iter().enumerate() {
            let id = ReleaseId::at(i);
            by_org.entry(r.organization.v.clone()).or_default().push(id);
            for license in r.license_ids() {
                by_license.entry(license.to_string()).or_default().push(id);
            }
            for shown in &assessments[i].failure_modes {
                by_failure_mode.entry(shown.mode).or_default().push(id);
            }
            for b in &r.base_models {
                if let Some(&j) = by_slug.get(&b.v) {
                    derivatives[j.index()].push(id);
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

    /// A release and its assessment.
    pub fn entry(&self, id: ReleaseId) -> Entry<'_> {
        Entry {
            id,
            release: &self.site.releases[id.index()],
            assessment: &self.assessments[id.index()],
        }
    }

    /// A release with every text its own page shows: as held, or — when the load let the
    /// texts go ([`crate::content::Texts::Drop`]) — read again from its file. An error when
    /// the file is no longer the one the release was loaded from.
    pub fn full(&self, id: ReleaseId) -> Result<Cow<'_, Release>, crate::content::LoadError> {
        let r = self.release(id);
        match self.site.texts {
            crate::content::Texts::Keep => Ok(Cow::Borrowed(r)),
            crate::content::Texts::Drop => {
                crate::content::reload(&self.site.root, r, &self.site.config).map(Cow::Owned)
            }
        }
    }

    /// A release by handle.
    pub fn release(&self, id: ReleaseId) -> &Release {
        &self.site.releases[id.index()]
    }

    /// Every release's handle, in load order (sorted by slug).
    pub fn ids(&self) -> impl ExactSizeIterator<Item = ReleaseId> + '_ {
        (0..self.site.releases.len()).map(ReleaseId::at)
    }

    /// Every release with its assessment, in load order.
    pub fn entries(&self) -> impl ExactSizeIterator<Item = Entry<'_>> + '_ {
        self.ids().map(|id| self.entry(id))
    }

    /// A release and its assessment by slug.
    pub fn get(&self, slug: &str) -> Option<Entry<'_>> {
        self.by_slug.get(slug).map(|&id| self.entry(id))
    }

    /// The releases made from this one (the reverse of `base_models`).
    pub fn derivatives(&self, id: ReleaseId) -> &[ReleaseId] {
        &self.derivatives[id.index()]
    }

    /// A license by id.
    pub fn license(&self, id: &str) -> Option<&License> {
        self.license_assessed(id).map(|(l, _)| l)
    }

    /// Every license of the registry with its assessment, in id order.
    pub fn licenses_assessed(
        &self,
    ) -> impl ExactSizeIterator<Item = (&License, &LicenseAssessment)> + Clone + '_ {
        self.site.licenses.iter().zip(&self.license_assessments)
    }

    /// The releases whose weights are under the license `id` (none when no release is).
    pub fn under_license(&self, id: &str) -> &[ReleaseId] {
        self.by_license.get(id).map_or(&[], Vec::as_slice)
    }

    /// The releases of the organization `id` (none when it has none).
    pub fn of_org(&self, id: &str) -> &[ReleaseId] {
        self.by_org.get(id).map_or(&[], Vec::as_slice)
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
    pub fn ancestors(&self, id: ReleaseId) -> Vec<ReleaseId> {
        let mut seen = std::collections::HashSet::from([id]);
        let mut out = Vec::new();
        let mut queue: std::collections::VecDeque<ReleaseId> = self.bases(id).into();
        while let Some(j) = queue.pop_front() {
            if !seen.insert(j) {
                continue;
            }
            out.push(j);
            queue.extend(self.bases(j));
        }
        out
    }

    /// The lineage layer of each release in `ids`: the longest chain of bases below it
    /// (0 for a release with no base in the index). Memoised, so linear in the releases and
    /// edges reached; a cycle (which `check` rejects) cannot recurse past the index's size.
    pub fn layers(&self, ids: &[ReleaseId]) -> HashMap<ReleaseId, usize> {
        fn depth(
            id: ReleaseId,
            idx: &Index,
            memo: &mut HashMap<ReleaseId, usize>,
            guard: usize,
        ) -> usize {
            if let Some(&d) = memo.get(&id) {
                return d;
            }
            if guard > idx.site.releases.len() {
                return 0;
            }
            let d = idx
                .bases(id)
                .into_iter()
                .map(|b| depth(b, idx, memo, guard + 1) + 1)
                .max()
                .unwrap_or(0);
            memo.insert(id, d);
            d
        }
        let mut memo = HashMap::new();
        for &id in ids {
            depth(id, self, &mut memo, 0);
        }
        memo
    }

    /// `ids` newest first (by release date, then slug), as readers expect of an index.
    pub fn newest_first(&self, ids: impl IntoIterator<Item = ReleaseId>) -> Vec<ReleaseId> {
        let mut order: Vec<ReleaseId> = ids.into_iter().collect();
        order.sort_by(|&a, &b| {
            let (ra, rb) = (self.release(a), self.release(b));
            rb.release_date
                .v
                .cmp(&ra.release_date.v)
                .then_with(|| ra.slug.cmp(&rb.slug))
        });
        order
    }

    /// Direct bases of a release (the ones in the index).
    pub fn bases(&self, id: ReleaseId) -> Vec<ReleaseId> {
        self.release(id)
            .base_models
            .iter()
            .filter_map(|b| self.by_slug.get(&b.v).copied())
            .collect()
    }
}
