//! Data exports: `/data/index.json` (the public contract of DESIGN §7, keys may be added,
//! never renamed), its JSON Schema, `/data/index.csv` (cells guarded against formula
//! injection), `/models/<slug>.json` and the offline search index.

use super::views::Urls;
use crate::index::Index;
use crate::model::*;
use serde_json::{Value, json};
use std::io::Write;

/// The JSON record of release `i` (one element of `releases` in index.json).
pub fn release_json(index: &Index, i: usize, urls: &Urls) -> Value {
    let r = &index.site.releases[i];
    let a = &index.assessments[i];
    let components: serde_json::Map<String, Value> = COMPONENTS
        .iter()
        .zip(&r.osaid)
        .map(|(c, s)| (c.key.to_string(), json!(s.status)))
        .collect();
    let points: serde_json::Map<String, Value> = POINTS
        .iter()
        .zip(&r.governance)
        .map(|(p, s)| (p.key.to_string(), json!(s.status)))
        .collect();
    json!({
        "slug": r.slug,
        "name": r.name,
        "organization": r.organization.v,
        "release_date": r.release_date.v,
        "reviewed": r.reviewed.v,
        "kind": r.kind,
        "modality": r.modality,
        "version": r.version,
        "revision": r.artifact.revision,
        "availability": r.availability,
        "base_models": r.base_models.iter().map(|b| &b.v).collect::<Vec<_>>(),
        "osaid": {
            "verdict": a.osaid.verdict,
            "gaps": a.osaid.gaps.iter().map(ToString::to_string).collect::<Vec<_>>(),
            "missing_evidence": a.osaid.missing.iter().map(ToString::to_string).collect::<Vec<_>>(),
            "gap_details": a.osaid.gaps.iter().map(|g| g.record()).chain(a.osaid.missing.iter().map(|m| m.record())).collect::<Vec<_>>(),
            "components": components,
        },
        "governance": { "score": a.governance.score, "max": MAX_SCORE, "points": points },
        "license": {
            "weights": r.license.weights_id(),
            "code": r.license.code.as_ref().map(|l| &l.v),
            "data": r.license.data.as_ref().map(|l| &l.v),
            "class": a.license_class,
            "osaid_compatible": a.licenses_compatible,
        },
        "failure_modes": a.failure_modes.iter().map(|f| json!({
            "slug": f.slug(),
            "reason": f.reasons.iter().map(|x| x.plain()).collect::<Vec<_>>().join("; "),
            "recorded": f.reasons.iter().any(|x| x.recorded),
            "reasons": f.reasons.iter().map(|x| json!({
                "text": x.plain(), "sources": x.sources(), "recorded": x.recorded,
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "sources": r.sources.iter().map(|s| json!({
            "id": s.id.v, "url": s.url, "kind": s.kind, "primary": s.kind.is_primary(), "title": s.title, "accessed": s.accessed,
        })).collect::<Vec<_>>(),
        "url": urls.model(&r.slug),
    })
}

/// Releases serialized at once (in parallel) before they are written out in order.
const BATCH: usize = 2048;

/// Writes `/data/index.json`. Releases are serialized in parallel a batch at a time and
/// written in order, so neither the whole index as JSON values nor the whole file is ever
/// held in memory.
pub fn write_index_json(index: &Index, urls: &Urls, w: &mut dyn Write) -> std::io::Result<()> {
    use rayon::prelude::*;
    let v = json!({
        "schema": format!("{}data/index.schema.json", urls.base),
        "generator": concat!("openindex ", env!("CARGO_PKG_VERSION")),
        "releases": "\u{0}RELEASES\u{0}",
        "licenses": index.site.licenses.iter().map(|l| json!({
            "id": l.id, "name": l.name, "spdx": l.spdx, "url": l.url, "standard": l.standard,
            "class": crate::assess::license::class(l), "osaid_compatible": crate::assess::license::osaid_compatible(l),
            "url_page": urls.license(&l.id),
        })).collect::<Vec<_>>(),
        "organizations": index.site.orgs.iter().map(|o| json!({
            "id": o.id, "name": o.name, "legal_name": o.legal_name, "country": o.country, "kind": o.kind, "url": o.url, "url_page": urls.org(&o.id),
        })).collect::<Vec<_>>(),
    });
    let shell = serde_json::to_string(&v).map_err(std::io::Error::other)?;
    let placeholder = "\"\\u0000RELEASES\\u0000\"";
    let (head, tail) = shell.split_once(placeholder).unwrap_or((&shell, ""));
    w.write_all(head.as_bytes())?;
    w.write_all(b"[")?;
    let n = index.site.releases.len();
    for start in (0..n).step_by(BATCH) {
        let records: Vec<Vec<u8>> = (start..n.min(start + BATCH))
            .into_par_iter()
            .map(|i| serde_json::to_vec(&release_json(index, i, urls)).unwrap_or_default())
            .collect();
        for (k, r) in records.iter().enumerate() {
            if start + k > 0 {
                w.write_all(b",")?;
            }
            w.write_all(r)?;
        }
    }
    w.write_all(b"]")?;
    w.write_all(tail.as_bytes())
}

fn enum_schema(words: Vec<&str>) -> Value {
    json!({ "type": "string", "enum": words })
}

/// JSON Schema (draft 2020-12) of `/data/index.json`.
pub fn index_schema() -> Value {
    let statuses = |words: Vec<&'static str>, keys: Vec<&'static str>| {
        let props: serde_json::Map<String, Value> = keys
            .iter()
            .map(|k| (k.to_string(), enum_schema(words.clone())))
            .collect();
        json!({ "type": "object", "properties": props, "required": keys, "additionalProperties": false })
    };
    let nullable = json!({ "type": ["string", "null"] });
    let date = json!({ "type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" });
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Openness Index data export",
        "type": "object",
        "required": ["releases", "licenses", "organizations"],
        "properties": {
            "schema": { "type": "string" },
            "generator": { "type": "string" },
            "releases": { "type": "array", "items": {
                "type": "object",
                "required": ["slug", "name", "organization", "release_date", "kind", "availability", "base_models", "osaid", "governance", "license", "failure_modes", "url"],
                "properties": {
                    "slug": { "type": "string", "pattern": "^[a-z0-9-]+$" },
                    "name": { "type": "string" },
                    "organization": { "type": "string" },
                    "release_date": date, "reviewed": date,
                    "kind": enum_schema(Kind::spellings()),
                    "modality": enum_schema(Modality::spellings()),
                    "version": nullable, "revision": nullable,
                    "availability": enum_schema(Availability::spellings()),
                    "base_models": { "type": "array", "items": { "type": "string" } },
                    "osaid": { "type": "object", "required": ["verdict", "gaps", "components"], "properties": {
                        "verdict": enum_schema(Verdict::spellings()),
                        "gaps": { "type": "array", "items": { "type": "string" } },
                        "missing_evidence": { "type": "array", "items": { "type": "string" } },
                        "components": statuses(ComponentStatus::spellings(), COMPONENTS.iter().map(|c| c.key).collect()),
                    } },
                    "governance": { "type": "object", "required": ["score", "max", "points"], "properties": {
                        "score": { "type": "number", "minimum": 0, "maximum": MAX_SCORE },
                        "max": { "const": MAX_SCORE },
                        "points": statuses(PointStatus::spellings(), POINTS.iter().map(|p| p.key).collect()),
                    } },
                    "license": { "type": "object", "required": ["weights", "class"], "properties": {
                        "weights": nullable, "code": nullable, "data": nullable,
                        "class": enum_schema(LicenseClass::spellings()),
                        "osaid_compatible": { "type": "boolean" },
                    } },
                    "failure_modes": { "type": "array", "items": { "type": "object", "required": ["slug", "reason"], "properties": {
                        "slug": enum_schema(FAILURE_MODES.iter().map(|m| m.slug()).collect()),
                        "reason": { "type": "string" },
                        "recorded": { "type": "boolean" },
                    } } },
                    "sources": { "type": "array" },
                    "url": { "type": "string" },
                }
            } },
            "licenses": { "type": "array" },
            "organizations": { "type": "array" },
        }
    })
}

/// Guards a CSV cell: quoted, quotes doubled, and a leading `=`, `+`, `-`, `@`, tab or CR
/// prefixed with `'` so spreadsheets never run it as a formula.
pub fn csv_cell(s: &str) -> String {
    let guarded = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    format!("\"{}\"", guarded.replace('"', "\"\""))
}

/// Writes `/data/index.csv`, a row at a time.
pub fn write_index_csv(index: &Index, urls: &Urls, w: &mut dyn Write) -> std::io::Result<()> {
    w.write_all(
        b"slug,name,organization,release_date,kind,availability,osaid_verdict,license_weights,license_class,governance_score,failure_modes,url\r\n",
    )?;
    for (r, a) in index.site.releases.iter().zip(&index.assessments) {
        let modes: Vec<&str> = a.failure_modes.iter().map(|f| f.slug()).collect();
        let cells = [
            r.slug.clone(),
            r.name.clone(),
            r.organization.v.clone(),
            r.release_date.v.to_string(),
            r.kind.to_string(),
            r.availability.to_string(),
            a.osaid.verdict.to_string(),
            r.license.weights_id().unwrap_or_default().to_string(),
            a.license_class.to_string(),
            a.governance.score.to_string(),
            modes.join(" "),
            urls.model(&r.slug),
        ];
        let row = cells
            .iter()
            .map(|c| csv_cell(c))
            .collect::<Vec<_>>()
            .join(",");
        w.write_all(row.as_bytes())?;
        w.write_all(b"\r\n")?;
    }
    Ok(())
}

/// One entry of the offline search index (short keys: the file is fetched by every reader
/// who searches).
#[derive(serde::Serialize)]
struct SearchEntry<'a> {
    /// `release`, `organization` or `license`.
    t: &'static str,
    /// Name.
    n: &'a str,
    /// Organization name, country or SPDX id.
    o: &'a str,
    /// License id.
    l: Option<&'a str>,
    /// Verdict or license class.
    v: &'static str,
    /// Page URL.
    u: String,
}

/// The offline search index: one compact entry per release, organization and license,
/// serialized straight from borrowed fields.
pub fn search_index(index: &Index, urls: &Urls) -> String {
    let releases = index
        .site
        .releases
        .iter()
        .zip(&index.assessments)
        .map(|(r, a)| SearchEntry {
            t: "release",
            n: &r.name,
            o: index
                .org(&r.organization.v)
                .map_or(r.organization.v.as_str(), |o| o.name.as_str()),
            l: r.license.weights_id(),
            v: a.osaid.verdict.as_str(),
            u: urls.model(&r.slug),
        });
    let orgs = index.site.orgs.iter().map(|o| SearchEntry {
        t: "organization",
        n: &o.name,
        o: &o.country,
        l: Some(""),
        v: "",
        u: urls.org(&o.id),
    });
    let licenses = index.site.licenses.iter().map(|l| SearchEntry {
        t: "license",
        n: &l.name,
        o: l.spdx.as_deref().unwrap_or(""),
        l: Some(&l.id),
        v: crate::assess::license::class(l).as_str(),
        u: urls.license(&l.id),
    });
    let entries: Vec<SearchEntry<'_>> = releases.chain(orgs).chain(licenses).collect();
    serde_json::to_string(&entries).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_cannot_be_formulas() {
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_cell("+1"), "\"'+1\"");
        assert_eq!(csv_cell("-1"), "\"'-1\"");
        assert_eq!(csv_cell("@SUM(A1)"), "\"'@SUM(A1)\"");
        assert_eq!(csv_cell("plain"), "\"plain\"");
    }
}
