//! The validated, typed records the pipeline passes along: releases, licenses,
//! organizations and the site configuration. The loader builds them; every later stage
//! only reads them. Byte spans (absolute offsets into the source file) are kept on the
//! values that cross-file checks point at.

use super::date::Date;
use super::vocab::*;
use std::ops::Range;
use std::path::PathBuf;

/// A byte range in a source file.
pub type Span = Range<usize>;

/// A value with the byte span it was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct At<T> {
    /// The value.
    pub v: T,
    /// Where it was written.
    pub span: Span,
}

/// One cited source of a release, license or organization.
#[derive(Debug, Clone)]
pub struct Source {
    /// Id other fields cite it by, unique within the file.
    pub id: At<String>,
    /// http(s) address, and where it was written (the table, when the key is missing).
    pub url: At<String>,
    /// What the source is.
    pub kind: SourceKind,
    /// Its title.
    pub title: String,
    /// When it was read.
    pub accessed: Date,
}

/// A list of source ids with their spans (a boxed slice: it never grows once read, and
/// every status of every release holds one).
pub type Evidence = Box<[At<String>]>;

/// One OSAID component, governance point or safety fact as recorded in a file.
#[derive(Debug, Clone)]
pub struct Status<S> {
    /// The recorded status.
    pub status: S,
    /// Where the status was written (or the table, when the key is missing).
    pub span: Span,
    /// Source ids supporting it.
    pub evidence: Evidence,
    /// The contributor's explanation.
    pub note: Option<String>,
    /// A component-specific license id (OSAID components only; boxed, as most statuses
    /// have none).
    pub license: Option<Box<At<String>>>,
}

/// A safety fact: a yes/no recorded like any status (`value` in the file), with evidence
/// and a note. Absent means unknown.
pub type Fact = Status<bool>;

/// The `[safety]` table.
#[derive(Debug, Clone, Default)]
pub struct Safety {
    /// The safety case relies on layers that do not ship with the weights.
    pub hosted_safeguards: Option<Fact>,
    /// Capability benchmark results are published.
    pub benchmarks_published: Option<Fact>,
    /// The provider or license claims a power to withdraw or revoke the weights.
    pub recall_claimed: Option<Fact>,
}

impl Safety {
    /// The three facts, each with its key in `[safety]` and the words pages show it by.
    pub fn facts(&self) -> [(&'static str, &'static str, &Option<Fact>); 3] {
        [
            (
                "hosted_safeguards",
                "Safety case relies on hosted safeguards",
                &self.hosted_safeguards,
            ),
            (
                "benchmarks_published",
                "Benchmark results published",
                &self.benchmarks_published,
            ),
            (
                "recall_claimed",
                "Power to withdraw the weights claimed",
                &self.recall_claimed,
            ),
        ]
    }
}

/// A failure mode recorded by hand, with evidence.
#[derive(Debug, Clone)]
pub struct Finding {
    /// The failure mode.
    pub mode: At<FailureModeId>,
    /// One-line reason.
    pub reason: String,
    /// Source ids.
    pub evidence: Evidence,
}

/// A "this is open" claim by the provider.
#[derive(Debug, Clone)]
pub struct Claim {
    /// The words used.
    pub claim: String,
    /// The source id where they were used.
    pub source: At<String>,
}

/// What exactly was released.
#[derive(Debug, Clone, Default)]
pub struct Artifact {
    /// Where the weights (or the service) live.
    pub repository: Option<String>,
    /// A commit, tag or revision id.
    pub revision: Option<String>,
    /// A published SHA-256 of the weights.
    pub sha256: Option<String>,
    /// The weights' file format, as published.
    pub format: Option<String>,
}

/// The `[license]` table: license ids by part of the release.
#[derive(Debug, Clone)]
pub struct LicenseRefs {
    /// License of the weights: required unless the release is `not-released`.
    pub weights: Option<At<String>>,
    /// License of the code.
    pub code: Option<At<String>>,
    /// License of the training data.
    pub data: Option<At<String>>,
    /// Where the `[license]` table is.
    pub span: Span,
}

impl LicenseRefs {
    /// The weights license id, when there is one.
    pub fn weights_id(&self) -> Option<&str> {
        self.weights.as_ref().map(|w| w.v.as_str())
    }
}

/// One release file, validated.
#[derive(Debug, Clone)]
pub struct Release {
    /// File stem; URL slug.
    pub slug: String,
    /// Path relative to the site root.
    pub path: PathBuf,
    /// Display name.
    pub name: String,
    /// Organization id.
    pub organization: At<String>,
    /// Artifact kind, and where it was written.
    pub kind: At<Kind>,
    /// Modality.
    pub modality: Modality,
    /// Version or model id that pins the artifact.
    pub version: Option<String>,
    /// Release date.
    pub release_date: At<Date>,
    /// Last review date.
    pub reviewed: At<Date>,
    /// Slugs of the models it derives from.
    pub base_models: Vec<At<String>>,
    /// Weights availability.
    pub availability: Availability,
    /// The exact artifact.
    pub artifact: Artifact,
    /// Parameter count as published ("32B", "8x7B").
    pub parameters: Option<String>,
    /// Marketing claims of openness.
    pub marketed_as: Vec<Claim>,
    /// License ids.
    pub license: LicenseRefs,
    /// OSAID components, in `COMPONENTS` order.
    pub osaid: Vec<Status<ComponentStatus>>,
    /// Governance points, in `POINTS` order.
    pub governance: Vec<Status<PointStatus>>,
    /// Safety facts.
    pub safety: Safety,
    /// Hand-recorded findings.
    pub findings: Vec<Finding>,
    /// Sources, in file order (numbered from 1 on pages).
    pub sources: Vec<Source>,
    /// The markdown narrative after the front matter.
    pub body: String,
    /// A hash of the file's text as it was read: tells a later read of the file whether it
    /// is still the file the release was loaded and assessed from.
    pub digest: u64,
}

impl Release {
    /// Lets go of the texts that only the release's own page shows — the narrative and
    /// the notes of statuses and safety facts. No rule, check or list page reads them, so a
    /// build of a large index keeps only the rest and reads the file again for the page
    /// (see [`crate::index::Index::full`]).
    pub fn drop_texts(&mut self) {
        self.body = String::new();
        for s in &mut self.osaid {
            s.note = None;
        }
        for s in &mut self.governance {
            s.note = None;
        }
        let facts = [
            &mut self.safety.hosted_safeguards,
            &mut self.safety.benchmarks_published,
            &mut self.safety.recall_claimed,
        ];
        for f in facts.into_iter().flatten() {
            f.note = None;
        }
    }

    /// Looks a source up by id.
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id.v == id)
    }

    /// A governance point's status by key.
    pub fn point(&self, key: &str) -> Option<&Status<PointStatus>> {
        super::POINTS
            .iter()
            .position(|p| p.key == key)
            .and_then(|i| self.governance.get(i))
    }

    /// An OSAID component's status by key.
    pub fn component(&self, key: &str) -> Option<&Status<ComponentStatus>> {
        super::COMPONENTS
            .iter()
            .position(|c| c.key == key)
            .and_then(|i| self.osaid.get(i))
    }

    /// 1-based position of a source, as numbered on pages.
    pub fn source_number(&self, id: &str) -> Option<usize> {
        self.sources
            .iter()
            .position(|s| s.id.v == id)
            .map(|i| i + 1)
    }

    /// Every license id the release is under: weights, code, data and per-component.
    pub fn license_ids(&self) -> Vec<&str> {
        let mut ids: Vec<&str> = self.license.weights_id().into_iter().collect();
        ids.extend(self.license.code.iter().map(|l| l.v.as_str()));
        ids.extend(self.license.data.iter().map(|l| l.v.as_str()));
        ids.extend(
            self.osaid
                .iter()
                .filter_map(|c| c.license.as_ref())
                .map(|l| l.v.as_str()),
        );
        ids.sort_unstable();
        ids.dedup();
        ids
    }
}

/// A yes/no term of a license with its explanation.
#[derive(Debug, Clone, Default)]
pub struct Term {
    /// Whether the restriction or requirement applies.
    pub applies: bool,
    /// The threshold or detail, in a few words.
    pub detail: Option<String>,
    /// Source ids (default: the license's sources).
    pub evidence: Evidence,
}

/// One license in the registry.
#[derive(Debug, Clone)]
pub struct License {
    /// Id (file stem).
    pub id: String,
    /// Path relative to the site root.
    pub path: PathBuf,
    /// Display name.
    pub name: String,
    /// SPDX identifier when it has one.
    pub spdx: Option<String>,
    /// The Hugging Face Hub's license ids for this license.
    pub hub_ids: Vec<String>,
    /// Where the license text is.
    pub url: String,
    /// Standard or custom.
    pub standard: LicenseStandard,
    /// Copyleft (share-alike) obligations.
    pub copyleft: bool,
    /// Scale cap (e.g. monthly active users).
    pub scale_cap: Term,
    /// Field-of-use restrictions (acceptable-use policy).
    pub field_of_use: Term,
    /// Geographic restrictions.
    pub geographic: Term,
    /// Discretionary revocation by the licensor.
    pub revocation: Term,
    /// Attribution requirements.
    pub attribution: Term,
    /// Branding requirements ("Built with …").
    pub branding: Term,
    /// Training other models on outputs.
    pub distillation: Distillation,
    /// Details of the distillation terms.
    pub distillation_detail: Option<String>,
    /// Derivative naming rule.
    pub derivative_naming: Term,
    /// Required name prefix for derivatives, when the naming rule is machine-checkable.
    pub naming_prefix: Option<String>,
    /// A short summary in the contributor's words.
    pub summary: String,
    /// Sources.
    pub sources: Vec<Source>,
}

impl License {
    /// The four terms that restrict who may use the weights, for what, where and at what
    /// scale, each with how pages name it; any one of them keeps a license from being
    /// OSAID-compatible.
    pub fn restricting_terms(&self) -> [(&Term, &'static str); 4] {
        [
            (&self.scale_cap, "scale cap"),
            (&self.field_of_use, "field-of-use restrictions"),
            (&self.geographic, "geographic restrictions"),
            (&self.revocation, "discretionary revocation"),
        ]
    }

    /// Every recorded term: the restricting ones, then attribution, branding and the
    /// derivative naming rule.
    pub fn terms(&self) -> [&Term; 7] {
        let [(a, _), (b, _), (c, _), (d, _)] = self.restricting_terms();
        [
            a,
            b,
            c,
            d,
            &self.attribution,
            &self.branding,
            &self.derivative_naming,
        ]
    }
}

/// One organization in the registry.
#[derive(Debug, Clone)]
pub struct Organization {
    /// Id (file stem).
    pub id: String,
    /// Path relative to the site root.
    pub path: PathBuf,
    /// Display name.
    pub name: String,
    /// Full legal name, when it differs from the display name.
    pub legal_name: Option<String>,
    /// Country (ISO 3166-1 alpha-2, or a few letters for multinational).
    pub country: String,
    /// Legal form.
    pub kind: OrgKind,
    /// Home page.
    pub url: String,
    /// Sources.
    pub sources: Vec<Source>,
}

/// `site.toml`.
#[derive(Debug, Clone)]
pub struct SiteConfig {
    /// Site title.
    pub title: String,
    /// One-line description.
    pub description: String,
    /// Absolute URL or path prefix the site is served from ("/" or "/index/" or "https://…/").
    pub base_url: String,
    /// BCP 47 language tag.
    pub language: String,
    /// Repository URL for "edit this file" links.
    pub repository: Option<String>,
    /// Branch used in edit links.
    pub branch: String,
    /// Days after which a review is overdue.
    pub stale_after_days: i64,
    /// Largest content file accepted, in bytes.
    pub max_file_bytes: u64,
    /// Default output directory.
    pub output_dir: String,
    /// Also write the PDF report into the site.
    pub with_pdf: bool,
    /// Content commits examined for `/changes/` (0 turns history off).
    pub history_commits: usize,
}

impl SiteConfig {
    /// How many days a release reviewed on `reviewed` is past its review, on `today`;
    /// `None` while it is not overdue (or the date is unset or in the future).
    pub fn review_overdue_by(&self, reviewed: Date, today: Date) -> Option<i64> {
        let age = today.days_since_epoch() - reviewed.days_since_epoch();
        (reviewed != Date::UNSET && reviewed <= today && age > self.stale_after_days).then_some(age)
    }
}

impl Default for SiteConfig {
    fn default() -> Self {
        SiteConfig {
            title: "The Openness Index".into(),
            description: "Is this AI model actually open? Every verdict traceable to a source."
                .into(),
            base_url: "/".into(),
            language: "en".into(),
            repository: None,
            branch: "main".into(),
            stale_after_days: 365,
            max_file_bytes: 1024 * 1024,
            output_dir: "public".into(),
            with_pdf: false,
            history_commits: 20,
        }
    }
}
