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

    /// A string value that is not blank.
    pub fn filled(&self, key: &str) -> Option<String> {
        self.str(key).filter(|s| !s.trim().is_empty())
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
    /// An integer value that fits `T`.
    pub fn int<T: TryFrom<i64>>(&self, key: &str) -> Option<T> {
        let v = self.get(key)?.get_ref().as_integer()?;
        let n = i64::from_str_radix(&v.as_str().replace('_', ""), v.radix()).ok()?;
        T::try_from(n).ok()
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
                url: At {
                    v: s.str("url").unwrap_or_default(),
                    span: s.span_of("url"),
                },
                // An invalid kind is already reported; assume primary so no second error cascades.
                kind: word(s.str("kind"), SourceKind::parse, SourceKind::ModelCard),
                title: s.str("title").unwrap_or_default(),
                accessed: s.date("accessed").map(|d| d.v).unwrap_or(Date::UNSET),
            })
        })
        .collect()
}

/// The `[osaid]` or `[governance]` table of `root`: a status for every key, in order.
fn statuses<S: StatusWord>(root: &View<'_, '_>) -> Vec<Status<S>> {
    let table = root.table(S::TABLE);
    S::keys()
        .map(|key| match table.and_then(|t| t.table(key)) {
            Some(e) => Status {
                status: word(e.str("status"), S::read, S::UNKNOWN),
                span: e.span_of("status"),
                evidence: e.strs("evidence").into(),
                note: e.str("note"),
                license: e.at_str("license").map(Box::new),
            },
            None => Status {
                status: S::UNKNOWN,
                span: table.map_or_else(|| root.span(), |t| t.span()),
                evidence: Box::default(),
                note: None,
                license: None,
            },
        })
        .collect()
}

fn fact(v: Option<View<'_, '_>>) -> Option<Fact> {
    let v = v?;
    Some(Fact {
        status: v.bool("value")?,
        span: v.span_of("value"),
        evidence: v.strs("evidence").into(),
        note: v.str("note"),
        license: None,
    })
}

/// Text as content may carry it: control characters other than newline and tab, and the
/// invisible bidirectional embeddings, overrides and isolates (which can make text read
/// differently from what it is), are dropped.
pub fn plain(s: &str) -> String {
    // Nearly all text has nothing to drop, and finding that out by bytes is much cheaper
    // than by characters. A dropped character starts at an ASCII control other than
    // newline and tab, at DEL (one pass over the bytes that the compiler vectorizes), at
    // 0xC2 0x80–0x9F (the C1 controls) or at 0xE2 0x80 0xAA–0xAE and 0xE2 0x81 0xA6–0xA9
    // (the embeddings, overrides and isolates), found with `memchr`.
    let b = s.as_bytes();
    let control = b.iter().fold(false, |any, &c| {
        any | ((c < 0x20) & (c != b'\n') & (c != b'\t')) | (c == 0x7F)
    });
    let drops = control
        || memchr::memchr2_iter(0xC2, 0xE2, b).any(|i| {
            matches!(
                (b[i], b.get(i + 1), b.get(i + 2)),
                (0xC2, Some(0x80..=0x9F), _)
                    | (0xE2, Some(0x80), Some(0xAA..=0xAE))
                    | (0xE2, Some(0x81), Some(0xA6..=0xA9))
            )
        });
    if !drops {
        return s.to_owned();
    }
    plain_by_chars(s)
}

/// [`plain`], a character at a time.
fn plain_by_chars(s: &str) -> String {
    s.chars()
        .filter(|&c| {
            !(c.is_control() && c != '\n' && c != '\t'
                || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
        })
        .collect()
}

/// Builds a release from its front matter. `slug`, `path`, `body` and the text's `digest`
/// come from the loader.
pub fn release(
    root: &View<'_, '_>,
    slug: String,
    path: std::path::PathBuf,
    body: &str,
    digest: u64,
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
    Release {
        slug,
        path,
        name: root.str("name").unwrap_or_default(),
        organization: root
            .at_str("organization")
            .unwrap_or_else(|| placeholder(&whole)),
        kind: At {
            v: word(root.str("kind"), Kind::parse, Kind::Base),
            span: root.span_of("kind"),
        },
        modality: word(root.str("modality"), Modality::parse, Modality::Text),
        version: root.filled("version"),
        release_date: date_or("release_date"),
        reviewed: date_or("reviewed"),
        base_models: root.strs("base_models"),
        availability: word(
            root.str("availability"),
            Availability::parse,
            Availability::NotReleased,
        ),
        artifact: artifact(root.table("artifact")),
        parameters: root.filled("parameters"),
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
        license: license_refs(root.table("license"), root.span_of("license")),
        osaid: statuses(root),
        governance: statuses(root),
        safety: safety(root.table("safety")),
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
                    evidence: f.strs("evidence").into(),
                })
            })
            .collect(),
        sources: sources(root),
        body: plain(body),
        digest,
    }
}

/// The `[artifact]` table.
fn artifact(t: Option<View<'_, '_>>) -> Artifact {
    let Some(t) = t else {
        return Artifact::default();
    };
    Artifact {
        repository: t.str("repository"),
        revision: t.filled("revision"),
        sha256: t.filled("sha256"),
        format: t.filled("format"),
    }
}

/// The `[license]` table's references; `span` is where the table is (or would be).
fn license_refs(t: Option<View<'_, '_>>, span: Range<usize>) -> LicenseRefs {
    let id = |key| t.and_then(|l| l.at_str(key));
    LicenseRefs {
        weights: id("weights"),
        span,
        code: id("code"),
        data: id("data"),
    }
}

/// The `[safety]` table.
fn safety(t: Option<View<'_, '_>>) -> Safety {
    let one = |key| fact(t.and_then(|s| s.table(key)));
    Safety {
        hosted_safeguards: one("hosted_safeguards"),
        benchmarks_published: one("benchmarks_published"),
        recall_claimed: one("recall_claimed"),
    }
}

fn term(v: Option<View<'_, '_>>) -> Term {
    v.map(|t| Term {
        applies: t.bool("applies").unwrap_or(false),
        detail: t.str("detail"),
        evidence: t.strs("evidence").into(),
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
        naming_prefix: naming.and_then(|n| n.filled("prefix")),
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
        legal_name: root.filled("legal_name"),
        country: root.str("country").unwrap_or_default(),
        kind: word(root.str("kind"), OrgKind::parse, OrgKind::Company),
        url: root.str("url").unwrap_or_default(),
        sources: sources(root),
    }
}

/// Builds the site configuration over the defaults.
pub fn site(root: &View<'_, '_>) -> SiteConfig {
    let d = SiteConfig::default();
    let text = |key, default| root.str(key).unwrap_or(default);
    SiteConfig {
        title: text("title", d.title),
        description: text("description", d.description),
        base_url: text("base_url", d.base_url),
        language: text("language", d.language),
        repository: root.str("repository").or(d.repository),
        branch: text("branch", d.branch),
        stale_after_days: root.int("stale_after_days").unwrap_or(d.stale_after_days),
        max_file_bytes: root.int("max_file_bytes").unwrap_or(d.max_file_bytes),
        output_dir: text("output_dir", d.output_dir),
        with_pdf: root.bool("with_pdf").unwrap_or(d.with_pdf),
        history_commits: root.int("history_commits").unwrap_or(d.history_commits),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn plain_drops_controls_and_bidi_marks_and_keeps_the_rest() {
        let cases = [
            ("plain text — with a dash", "plain text — with a dash"),
            ("tab\tand\nnewline\r\n", "tab\tand\nnewline\n"),
            ("bell\u{7} del\u{7f} c1\u{85}", "bell del c1"),
            ("a\u{202E}b\u{2066}c\u{2069}d\u{202A}", "abcd"),
            ("\u{2028}\u{2069}\u{206A}\u{A0}", "\u{2028}\u{206A}\u{A0}"),
        ];
        crate::testing::table(&cases, plain);
    }

    proptest! {
        #[test]
        fn the_byte_scan_agrees_with_the_character_filter(s in "(?s).{0,40}") {
            prop_assert_eq!(plain(&s), plain_by_chars(&s));
        }

        #[test]
        fn the_byte_scan_agrees_near_the_dropped_ranges(
            chars in proptest::collection::vec(
                prop_oneof![
                    0x00u32..0x30,
                    0x70u32..0xB0,
                    0x2000u32..0x2080,
                ],
                0..24,
            )
        ) {
            let s: String = chars.into_iter().filter_map(char::from_u32).collect();
            prop_assert_eq!(plain(&s), plain_by_chars(&s));
        }
    }
}
