//! Typed extraction: turns a shape-checked TOML tree into the records of [`crate::model`].
//! It is lenient on purpose — values that failed shape validation (already reported) are
//! skipped or defaulted — so that cross-file checks still run on the rest of a broken file
//! and every problem is reported in one pass.

use super::tree::to_date;
use crate::model::*;
use std::ops::Range;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// A read-only view of one table, with spans shifted into file coordinates.
#[derive(Clone, Copy)]
pub struct View<'t, 'i> {
    table: &'t DeTable<'i>,
    offset: usize,
    span: (usize, usize),
}

impl<'t, 'i> View<'t, 'i> {
    /// A view of `table`, whose own span (in TOML coordinates) is `span`.
    pub fn new(table: &'t DeTable<'i>, span: Range<usize>, offset: usize) -> Self {
        View {
            table,
            offset,
            span: (span.start, span.end),
        }
    }

    fn get(&self, key: &str) -> Option<&'t Spanned<DeValue<'i>>> {
        self.table.get(key)
    }

    fn shift(&self, r: Range<usize>) -> Range<usize> {
        r.start + self.offset..r.end + self.offset
    }

    /// The table's span in file coordinates.
    pub fn span(&self) -> Range<usize> {
        self.shift(self.span.0..self.span.1)
    }

    /// A string value.
    pub fn str(&self, key: &str) -> Option<String> {
        self.get(key).and_then(|v| v.get_ref().as_str()).map(plain)
    }

    /// A string value with its span.
    pub fn at_str(&self, key: &str) -> Option<At<String>> {
        let v = self.get(key)?;
        Some(At {
            v: plain(v.get_ref().as_str()?),
            span: self.shift(v.span()),
        })
    }

    /// A boolean.
    pub fn bool(&self, key: &str) -> Option<bool> {
        self.get(key).and_then(|v| v.get_ref().as_bool())
    }

    /// An integer.
    pub fn int(&self, key: &str) -> Option<i64> {
        let v = self.get(key)?.get_ref().as_integer()?;
        i64::from_str_radix(&v.as_str().replace('_', ""), v.radix()).ok()
    }

    /// A date with its span.
    pub fn date(&self, key: &str) -> Option<At<Date>> {
        let v = self.get(key)?;
        let d = to_date(v.get_ref().as_datetime()?).ok()?;
        Some(At {
            v: d,
            span: self.shift(v.span()),
        })
    }

    /// A sub-table.
    pub fn table(&self, key: &str) -> Option<View<'t, 'i>> {
        let v = self.get(key)?;
        Some(View::new(v.get_ref().as_table()?, v.span(), self.offset))
    }

    /// Every table of an array of tables.
    pub fn tables(&self, key: &str) -> Vec<View<'t, 'i>> {
        let Some(arr) = self.get(key).and_then(|v| v.get_ref().as_array()) else {
            return Vec::new();
        };
        arr.iter()
            .filter_map(|item| {
                Some(View::new(
                    item.get_ref().as_table()?,
                    item.span(),
                    self.offset,
                ))
            })
            .collect()
    }

    /// Every string of an array, with spans.
    pub fn strs(&self, key: &str) -> Vec<At<String>> {
        let Some(arr) = self.get(key).and_then(|v| v.get_ref().as_array()) else {
            return Vec::new();
        };
        arr.iter()
            .filter_map(|item| {
                Some(At {
                    v: plain(item.get_ref().as_str()?),
                    span: self.shift(item.span()),
                })
            })
            .collect()
    }

    /// The span of a key's value, or of the table when absent.
    pub fn span_of(&self, key: &str) -> Range<usize> {
        self.get(key)
            .map(|v| self.shift(v.span()))
            .unwrap_or_else(|| self.span())
    }
}

/// Parses a vocabulary word, falling back when absent or invalid (already reported).
fn word<T>(s: Option<String>, parse: fn(&str) -> Option<T>, fallback: T) -> T {
    s.as_deref().and_then(parse).unwrap_or(fallback)
}

/// `[[sources]]` of any file.
pub fn sources(v: &View<'_, '_>) -> Vec<Source> {
    v.tables("sources")
        .into_iter()
        .filter_map(|s| {
            Some(Source {
                id: s.at_str("id")?,
                url: s.str("url").unwrap_or_default(),
                url_span: s.span_of("url"),
                // An invalid kind is already reported; assume primary so no second error cascades.
                kind: word(s.str("kind"), SourceKind::parse, SourceKind::ModelCard),
                title: s.str("title").unwrap_or_default(),
                accessed: s.date("accessed").map(|d| d.v).unwrap_or(Date::UNSET),
            })
        })
        .collect()
}

fn statuses<S: Copy>(
    table: Option<View<'_, '_>>,
    keys: impl Iterator<Item = &'static str>,
    parse: fn(&str) -> Option<S>,
    unknown: S,
    fallback_span: Range<usize>,
) -> Vec<Status<S>> {
    keys.map(|key| {
        let entry = table.and_then(|t| t.table(key));
        match entry {
            Some(e) => Status {
                status: word(e.str("status"), parse, unknown),
                span: e.span_of("status"),
                evidence: e.strs("evidence"),
                note: e.str("note"),
                license: e.at_str("license"),
            },
            None => Status {
                status: unknown,
                span: table
                    .map(|t| t.span())
                    .unwrap_or_else(|| fallback_span.clone()),
                evidence: Vec::new(),
                note: None,
                license: None,
            },
        }
    })
    .collect()
}

fn fact(v: Option<View<'_, '_>>) -> Option<Fact> {
    let v = v?;
    Some(Fact {
        value: v.bool("value")?,
        evidence: v.strs("evidence"),
        note: v.str("note"),
    })
}

/// Text as content may carry it: control characters other than newline and tab, and the
/// invisible bidirectional embeddings, overrides and isolates (which can make text read
/// differently from what it is), are dropped.
pub fn plain(s: &str) -> String {
    s.chars()
        .filter(|&c| {
            !(c.is_control() && c != '\n' && c != '\t'
                || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
        })
        .collect()
}

/// Builds a release from its front matter. `slug`, `path` and `body` come from the loader.
pub fn release(
    root: &View<'_, '_>,
    slug: String,
    path: std::path::PathBuf,
    body: String,
) -> Release {
    let whole = root.span();
    let placeholder = |s: &Range<usize>| At {
        v: String::new(),
        span: s.clone(),
    };
    let date_or = |key: &str| {
        root.date(key).unwrap_or(At {
            v: Date::UNSET,
            span: root.span_of(key),
        })
    };
    let license = root.table("license");
    let safety = root.table("safety");
    let artifact = root.table("artifact");
    Release {
        slug,
        path,
        name: root.str("name").unwrap_or_default(),
        organization: root
            .at_str("organization")
            .unwrap_or_else(|| placeholder(&whole)),
        kind: word(root.str("kind"), Kind::parse, Kind::Base),
        kind_span: root.span_of("kind"),
        modality: word(root.str("modality"), Modality::parse, Modality::Text),
        version: root.str("version").filter(|s| !s.trim().is_empty()),
        release_date: date_or("release_date"),
        reviewed: date_or("reviewed"),
        base_models: root.strs("base_models"),
        availability: word(
            root.str("availability"),
            Availability::parse,
            Availability::NotReleased,
        ),
        artifact: Artifact {
            repository: artifact.and_then(|a| a.str("repository")),
            revision: artifact
                .and_then(|a| a.str("revision"))
                .filter(|s| !s.trim().is_empty()),
            sha256: artifact
                .and_then(|a| a.str("sha256"))
                .filter(|s| !s.trim().is_empty()),
            format: artifact
                .and_then(|a| a.str("format"))
                .filter(|s| !s.trim().is_empty()),
        },
        parameters: root.str("parameters").filter(|s| !s.trim().is_empty()),
        marketed_as: root
            .tables("marketed_as")
            .into_iter()
            .filter_map(|m| {
                Some(Claim {
                    claim: m.str("claim")?,
                    source: m.at_str("source")?,
                })
            })
            .collect(),
        license: LicenseRefs {
            weights: license.and_then(|l| l.at_str("weights")),
            span: root.span_of("license"),
            code: license.and_then(|l| l.at_str("code")),
            data: license.and_then(|l| l.at_str("data")),
        },
        osaid: statuses(
            root.table("osaid"),
            COMPONENTS.iter().map(|c| c.key),
            ComponentStatus::parse,
            ComponentStatus::Unknown,
            whole.clone(),
        ),
        governance: statuses(
            root.table("governance"),
            POINTS.iter().map(|p| p.key),
            PointStatus::parse,
            PointStatus::Unknown,
            whole.clone(),
        ),
        safety: Safety {
            hosted_safeguards: fact(safety.and_then(|s| s.table("hosted_safeguards"))),
            benchmarks_published: fact(safety.and_then(|s| s.table("benchmarks_published"))),
            recall_claimed: fact(safety.and_then(|s| s.table("recall_claimed"))),
        },
        findings: root
            .tables("findings")
            .into_iter()
            .filter_map(|f| {
                Some(Finding {
                    mode: f.at_str("mode").and_then(|m| {
                        Some(At {
                            v: FailureModeId::parse(&m.v)?,
                            span: m.span,
                        })
                    })?,
                    reason: f.str("reason")?,
                    evidence: f.strs("evidence"),
                })
            })
            .collect(),
        sources: sources(root),
        body: plain(&body),
    }
}

fn term(v: Option<View<'_, '_>>) -> Term {
    v.map(|t| Term {
        applies: t.bool("applies").unwrap_or(false),
        detail: t.str("detail"),
        evidence: t.strs("evidence"),
    })
    .unwrap_or_default()
}

/// Builds a license record.
pub fn license(root: &View<'_, '_>, id: String, path: std::path::PathBuf) -> License {
    let distillation = root.table("distillation");
    let naming = root.table("derivative_naming");
    License {
        id,
        path,
        name: root.str("name").unwrap_or_default(),
        spdx: root.str("spdx"),
        hub_ids: root.strs("hub_ids").into_iter().map(|s| s.v).collect(),
        url: root.str("url").unwrap_or_default(),
        standard: word(
            root.str("standard"),
            LicenseStandard::parse,
            LicenseStandard::Proprietary,
        ),
        copyleft: root.bool("copyleft").unwrap_or(false),
        scale_cap: term(root.table("scale_cap")),
        field_of_use: term(root.table("field_of_use")),
        geographic: term(root.table("geographic")),
        revocation: term(root.table("revocation")),
        attribution: term(root.table("attribution")),
        branding: term(root.table("branding")),
        distillation: word(
            distillation.and_then(|d| d.str("status")),
            Distillation::parse,
            Distillation::Unknown,
        ),
        distillation_detail: distillation.and_then(|d| d.str("detail")),
        derivative_naming: term(naming),
        naming_prefix: naming
            .and_then(|n| n.str("prefix"))
            .filter(|s| !s.trim().is_empty()),
        summary: root.str("summary").unwrap_or_default(),
        sources: sources(root),
    }
}

/// Builds an organization record.
pub fn organization(root: &View<'_, '_>, id: String, path: std::path::PathBuf) -> Organization {
    Organization {
        id,
        path,
        name: root.str("name").unwrap_or_default(),
        legal_name: root.str("legal_name").filter(|s| !s.trim().is_empty()),
        country: root.str("country").unwrap_or_default(),
        kind: word(root.str("kind"), OrgKind::parse, OrgKind::Company),
        url: root.str("url").unwrap_or_default(),
        sources: sources(root),
    }
}

/// Builds the site configuration over the defaults.
pub fn site(root: &View<'_, '_>) -> SiteConfig {
    let d = SiteConfig::default();
    SiteConfig {
        title: root.str("title").unwrap_or(d.title),
        description: root.str("description").unwrap_or(d.description),
        base_url: root.str("base_url").unwrap_or(d.base_url),
        language: root.str("language").unwrap_or(d.language),
        repository: root.str("repository").or(d.repository),
        branch: root.str("branch").unwrap_or(d.branch),
        stale_after_days: root.int("stale_after_days").unwrap_or(d.stale_after_days),
        max_file_bytes: root
            .int("max_file_bytes")
            .and_then(|n| u64::try_from(n).ok())
            .unwrap_or(d.max_file_bytes),
        output_dir: root.str("output_dir").unwrap_or(d.output_dir),
        with_pdf: root.bool("with_pdf").unwrap_or(d.with_pdf),
        history_commits: root
            .int("history_commits")
            .and_then(|n| usize::try_from(n).ok())
            .unwrap_or(d.history_commits),
    }
}
