//! The printable report as a typeset PDF (`openindex report`, and `/report/openindex-report.pdf`
//! with `build --with-pdf`).
//!
//! The document is typst, used as a library: a fixed template (`pdf/report.typ`, compiled
//! into the binary) reads every word of content from one JSON file that this module writes
//! from the same views the site renders ([`views`], [`super::report::summary`]). Content is
//! never spliced into markup — the template shows it as string values — so no character a
//! contributor types can change how the document is built. The world the template sees
//! holds exactly two files (the template and the data) and the fonts embedded in the binary:
//! no system fonts, no packages, no network, and the date comes from the caller, so the same
//! index and `SOURCE_DATE_EPOCH` give byte-identical PDFs.

use super::markdown::safe_href;
use super::views::{self, Urls};
use crate::assess::reason::Reason;
use crate::index::Index;
use crate::model::*;
use serde_json::{Value, json};

mod narrative;
#[cfg(feature = "pdf")]
mod typeset;

pub use narrative::{Block, Run, narrative};

/// Whether this binary was built with the PDF engine (the `pdf` cargo feature).
pub const ENABLED: bool = cfg!(feature = "pdf");

/// What `report` and `build --with-pdf` say when the engine is not built in.
pub const NOT_BUILT: &str = "this openindex was built without the PDF engine; build it with the `pdf` feature: cargo run --release --features pdf -- report";

/// Where the report goes in a site built with `--with-pdf`.
pub const SITE_PATH: &str = "report/openindex-report.pdf";

/// A typesetting failure (a bug in the template, never the contributor's content).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct PdfError(pub String);

/// What a report covers and how it is dated.
#[derive(Debug, Clone)]
pub struct Options {
    /// The report's date (from `SOURCE_DATE_EPOCH`, else today).
    pub today: Date,
    /// The content revision (git commit) when known.
    pub revision: Option<String>,
    /// A description of the filters, for the cover; `None` for the whole index.
    pub focus: Option<String>,
}

/// Which releases a focused report covers: a release is in when it matches every
/// non-empty list (any value within a list).
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Organization ids.
    pub orgs: Vec<String>,
    /// Verdict spellings (`meets`, `does-not-meet`, `insufficient-evidence`).
    pub verdicts: Vec<String>,
    /// Failure-mode slugs.
    pub failure_modes: Vec<String>,
    /// Release slugs.
    pub slugs: Vec<String>,
}

impl Filter {
    /// True when no list is given (the whole index).
    pub fn is_empty(&self) -> bool {
        self.orgs.is_empty()
            && self.verdicts.is_empty()
            && self.failure_modes.is_empty()
            && self.slugs.is_empty()
    }

    /// Whether release `i` is in the report.
    pub fn matches(&self, index: &Index, i: usize) -> bool {
        let r = &index.site.releases[i];
        let a = &index.assessments[i];
        let any = |list: &[String], f: &dyn Fn(&str) -> bool| {
            list.is_empty() || list.iter().any(|v| f(v))
        };
        any(&self.orgs, &|o| r.organization.v == o)
            && any(&self.verdicts, &|v| a.osaid.verdict.as_str() == v)
            && any(&self.failure_modes, &|m| {
                a.failure_modes.iter().any(|f| f.slug() == m)
            })
            && any(&self.slugs, &|s| r.slug == s)
    }

    /// The filters in words, for the cover ("organization acme; verdict meets").
    pub fn describe(&self) -> Option<String> {
        let parts: Vec<String> = [
            ("organization", &self.orgs),
            ("verdict", &self.verdicts),
            ("failure mode", &self.failure_modes),
            ("release", &self.slugs),
        ]
        .iter()
        .filter(|(_, l)| !l.is_empty())
        .map(|(what, l)| format!("{what} {}", l.join(" or ")))
        .collect();
        (!parts.is_empty()).then(|| parts.join("; "))
    }
}

/// The releases of a report in index order (newest first, then by slug), as the site's
/// `/report/` page orders them.
pub fn order(index: &Index, filter: &Filter) -> Vec<usize> {
    let releases = &index.site.releases;
    let mut order: Vec<usize> = (0..releases.len())
        .filter(|&i| filter.matches(index, i))
        .collect();
    order.sort_by(|&a, &b| {
        releases[b]
            .release_date
            .v
            .cmp(&releases[a].release_date.v)
            .then_with(|| releases[a].slug.cmp(&releases[b].slug))
    });
    order
}

/// A typeset report.
#[derive(Debug, Clone)]
pub struct Pdf {
    /// The PDF file.
    pub bytes: Vec<u8>,
    /// Its number of pages.
    pub pages: usize,
}

/// Typesets the report of the releases at `order`.
pub fn render(index: &Index, order: &[usize], opts: &Options) -> Result<Pdf, PdfError> {
    let data = serde_json::to_vec(&data(index, order, opts))
        .map_err(|e| PdfError(format!("report data: {e}")))?;
    #[cfg(feature = "pdf")]
    return typeset::typeset(data, opts.today);
    #[cfg(not(feature = "pdf"))]
    {
        drop(data);
        Err(PdfError(NOT_BUILT.to_string()))
    }
}

// ---- the data ---------------------------------------------------------------------------

/// Text as the report shows it: control characters and bidirectional overrides (which
/// could make a name read as something else) removed, and break opportunities (zero-width
/// spaces) in words too long for a table cell, so nothing runs off the page.
pub fn clean(s: &str) -> String {
    const LONG: usize = 28;
    let mut out = String::with_capacity(s.len());
    let mut run = 0usize;
    for c in s.chars() {
        if c.is_control() && c != '\n' && c != '\t'
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
        {
            continue;
        }
        let c = if c == '\n' || c == '\t' { ' ' } else { c };
        if c.is_whitespace() {
            run = 0;
        } else {
            run += 1;
            if run > LONG {
                out.push('\u{200B}');
                run = 1;
            }
        }
        out.push(c);
    }
    out
}

fn clean_opt(s: &Option<String>) -> Option<String> {
    s.as_deref().map(clean)
}

/// A link target the PDF may carry: absolute http(s) or mailto only.
fn pdf_href(url: &str) -> Option<String> {
    let lower = url.trim().to_ascii_lowercase();
    (safe_href(url)
        && (lower.starts_with("http://")
            || lower.starts_with("https://")
            || lower.starts_with("mailto:")))
    .then(|| url.trim().to_string())
}

/// A score as pages show it: "5.5", "4".
pub fn score(s: f64) -> String {
    format!("{s}")
}

fn date(d: Date) -> Value {
    json!({ "year": d.year, "month": d.month, "day": d.day, "text": d.to_string() })
}

/// A reason with its citations as the source numbers pages show.
pub fn cite_numbers(r: &Release, reason: &Reason) -> String {
    reason.render(str::to_string, |id| match r.source_number(id) {
        Some(n) => format!("[{n}]"),
        None => format!("[{id}]"),
    })
}

/// The headline figures over the releases at `set`: the same counts, labels and order as
/// the site's charts ([`super::figures`]).
fn figures(index: &Index, set: &[usize]) -> Vec<super::figures::Tally> {
    super::figures::tallies(index, set)
}

fn license_json(l: &views::LicenseAnswers) -> Value {
    let branding = match (&l.branding, &l.attribution) {
        (Some(b), Some(a)) => format!("branding: {b}; attribution: {a}"),
        (Some(b), None) => format!("branding: {b}"),
        (None, Some(a)) => format!("attribution: {a}"),
        (None, None) => "none required".to_string(),
    };
    json!({
        "id": l.id,
        "name": clean(&l.name),
        "class": l.class,
        "class_means": l.class_means,
        "standard": l.standard,
        "standard_means": l.standard_means,
        "compatible": l.compatible,
        "restrictions": l.restrictions.iter().map(|s| clean(s)).collect::<Vec<_>>(),
        "branding_attribution": clean(&branding),
        "distillation": l.distillation,
        "distillation_detail": clean_opt(&l.distillation_detail),
        "naming": clean_opt(&l.naming),
        "summary": clean(&l.summary),
    })
}

fn cite_list(c: &[views::Cite]) -> Vec<usize> {
    c.iter().map(|c| c.n).collect()
}

/// One release's section, from its page view.
fn release_json(index: &Index, i: usize, urls: &Urls, today: Date, site: Option<&str>) -> Value {
    let r = &index.site.releases[i];
    let a = &index.assessments[i];
    let v = views::release(index, i, urls, today, "");
    let head = json!({
        "slug": v.row.slug,
        "name": clean(&v.row.name),
        "online": site.map(|s| format!("{s}models/{}/", r.slug)),
        "org": clean(&v.row.org.text),
        "kind": v.row.kind,
        "kind_means": v.kind_means,
        "date": v.row.date,
        "reviewed": v.reviewed,
        "overdue": v.overdue,
        "availability": v.row.availability,
        "availability_means": v.availability_means,
        "verdict": v.row.verdict,
        "verdict_label": v.row.verdict_label,
        "score": score(v.row.score),
        "undisclosed": v.undisclosed,
    });
    let artifact = json!({
        "version": clean_opt(&v.version),
        "revision": clean_opt(&v.revision),
        "sha256": clean_opt(&v.sha256),
        "format": clean_opt(&v.format),
        "parameters": clean_opt(&v.parameters),
        "repository": v.repository.as_deref().and_then(pdf_href),
        "claims": v.claims.iter().map(|(c, cite)| json!({ "claim": clean(c), "n": cite.n })).collect::<Vec<_>>(),
    });
    let evidence = json!({
        "gaps": v.gaps.iter().map(|s| clean(s)).collect::<Vec<_>>(),
        "missing": v.missing.iter().map(|s| clean(s)).collect::<Vec<_>>(),
        "components": v.components.iter().map(|c| json!({
            "title": c.title,
            "required": c.required,
            "icon": c.icon,
            "label": c.label,
            "license": c.license.as_ref().map_or_else(|| "none".to_string(), |l| clean(&l.text)),
            "evidence": cite_list(&c.evidence),
            "note": clean_opt(&c.note),
        })).collect::<Vec<_>>(),
        "points": v.points.iter().map(|p| json!({
            "number": p.number,
            "title": p.title,
            "icon": p.icon,
            "label": p.label,
            "score": score(p.score),
            "evidence": cite_list(&p.evidence),
            "note": clean_opt(&p.note),
        })).collect::<Vec<_>>(),
    });
    let rest = json!({
        "license": v.license.as_ref().map(license_json),
        "no_weights_license": v.no_weights_license,
        "other_licenses": v.other_licenses.iter().map(|l| clean(&l.text)).collect::<Vec<_>>(),
        "licenses_compatible": v.licenses_compatible,
        "failure_modes": a.failure_modes.iter().map(|f| json!({
            "slug": f.slug(),
            "title": failure_mode(f.slug()).map_or(f.slug(), |m| m.title),
            "reasons": f.reasons.iter().map(|x| json!({
                "text": clean(&cite_numbers(r, x)),
                "recorded": x.recorded,
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "safety": v.safety.iter().map(|(label, value, ev)| json!({ "label": label, "value": value, "evidence": cite_list(ev) })).collect::<Vec<_>>(),
        "ancestors": v.ancestors.iter().map(|l| clean(&l.text)).collect::<Vec<_>>(),
        "derivatives": v.derivatives.iter().map(|l| clean(&l.text)).collect::<Vec<_>>(),
        "narrative": narrative(&r.body),
        "sources": v.sources.iter().map(|s| json!({
            "n": s.n,
            "title": clean(&s.title),
            "kind": s.kind,
            "primary": s.primary,
            "accessed": s.accessed,
            "url": pdf_href(&s.url),
        })).collect::<Vec<_>>(),
    });
    let mut all = serde_json::Map::new();
    for part in [head, artifact, evidence, rest] {
        if let Value::Object(m) = part {
            all.extend(m);
        }
    }
    Value::Object(all)
}

fn words<'w>(it: impl Iterator<Item = (&'w str, &'w str)>) -> Vec<Value> {
    it.map(|(word, means)| json!({ "word": word, "means": means }))
        .collect()
}

/// Appendix A: the rule definitions, as the methodology page shows them.
fn methodology() -> Value {
    json!({
        "components": COMPONENTS.iter().map(|c| json!({ "title": c.title, "required": c.required, "open_means": c.open_means })).collect::<Vec<_>>(),
        "component_statuses": words(ComponentStatus::ALL.iter().map(|s| (s.as_str(), s.describe()))),
        "points": POINTS.iter().map(|p| json!({ "number": p.number, "title": p.title, "asks": p.asks })).collect::<Vec<_>>(),
        "point_statuses": words(PointStatus::ALL.iter().map(|s| (s.as_str(), s.describe()))),
        "verdicts": words(Verdict::ALL.iter().map(|s| (s.as_str(), s.describe()))),
        "classes": words(LicenseClass::ALL.iter().map(|s| (s.as_str(), s.describe()))),
        "availability": words(Availability::ALL.iter().map(|s| (s.as_str(), s.describe()))),
        "source_kinds": words(SourceKind::ALL.iter().map(|s| (s.as_str(), s.describe()))),
        "failure_modes": FAILURE_MODES.iter().map(|m| json!({ "title": m.title, "means": m.means, "computed_when": m.computed_when })).collect::<Vec<_>>(),
    })
}

/// Everything the template shows, as one JSON value.
pub fn data(index: &Index, order: &[usize], opts: &Options) -> Value {
    let config = &index.site.config;
    let urls = Urls::new(&config.base_url);
    let site = pdf_href(&urls.absolute).filter(|u| !u.starts_with("mailto:"));
    let orgs = order
        .iter()
        .map(|&i| index.site.releases[i].organization.v.as_str())
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    let releases: Vec<Value> = {
        use rayon::prelude::*;
        order
            .par_iter()
            .map(|&i| release_json(index, i, &urls, opts.today, site.as_deref()))
            .collect()
    };
    json!({
        "title": clean(&config.title),
        "description": clean(&config.description),
        "version": env!("CARGO_PKG_VERSION"),
        "date": date(opts.today),
        "revision": opts.revision.as_deref().map(clean),
        "focus": opts.focus.as_deref().map(clean),
        "site": site,
        "counts": {
            "releases": order.len().to_string(),
            "orgs": orgs.to_string(),
            "licenses": index.site.licenses.len().to_string(),
        },
        "summary": super::report::summary(index, order),
        "figures": figures(index, order),
        "rows": order.iter().map(|&i| {
            let row = views::row(index, i, &urls);
            json!({
                "slug": row.slug,
                "name": clean(&row.name),
                "org": clean(&row.org.text),
                "date": row.date,
                "availability": row.availability,
                "verdict": row.verdict,
                "license_class": row.license_class,
                "score": score(row.score),
                "failure_modes": row.failure_modes.iter().map(|s| failure_mode(s).map_or(*s, |m| m.title)).collect::<Vec<_>>(),
            })
        }).collect::<Vec<_>>(),
        "releases": releases,
        "methodology": methodology(),
        "licenses": index.site.licenses.iter().zip(&index.license_assessments).map(|(l, a)| license_json(&views::license_answers(l, a, &urls))).collect::<Vec<_>>(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_removes_controls_and_breaks_long_words() {
        assert_eq!(clean("a\u{202E}b\u{7}c"), "abc");
        assert_eq!(clean("line\nbreak"), "line break");
        let long = "x".repeat(60);
        let cleaned = clean(&long);
        assert!(cleaned.contains('\u{200B}'));
        assert_eq!(cleaned.replace('\u{200B}', ""), long);
        assert_eq!(clean("short words stay"), "short words stay");
    }

    #[test]
    fn hrefs_are_absolute_and_safe() {
        assert_eq!(
            pdf_href("https://a.example/x"),
            Some("https://a.example/x".into())
        );
        assert_eq!(pdf_href("javascript:alert(1)"), None);
        assert_eq!(pdf_href("/relative/"), None);
        assert_eq!(pdf_href("file:///etc/passwd"), None);
    }

    #[test]
    fn narrative_keeps_structure_as_plain_runs() {
        let blocks = narrative(
            "# Title\n\nSome **bold** and `#code` with [a link](https://x.example/) and <script>x</script>.\n\n- one\n- two\n",
        );
        let kinds: Vec<&str> = blocks.iter().map(|b| b.kind).collect();
        assert_eq!(kinds, ["heading", "paragraph", "item", "item"]);
        let p = &blocks[1];
        assert!(p.runs.iter().any(|r| r.strong && r.text == "bold"));
        assert!(p.runs.iter().any(|r| r.code && r.text == "#code"));
        assert!(
            p.runs
                .iter()
                .any(|r| r.href.as_deref() == Some("https://x.example/"))
        );
        assert!(p.runs.iter().any(|r| r.text.contains("<script>")));
    }

    #[test]
    fn scores_read_as_on_pages() {
        assert_eq!(score(5.5), "5.5");
        assert_eq!(score(4.0), "4");
    }
}
