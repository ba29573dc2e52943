//! Data exports: `/data/index.json` (the public contract of DESIGN §7, keys may be added,
//! never renamed), its JSON Schema, `/data/index.csv` (cells guarded against formula
//! injection), `/models/<slug>.json` and the offline search index.

use super::views::Urls;
use crate::index::{Index, ReleaseId};
use serde_json::Value;
use std::io::Write;

/// Releases serialized at once (in parallel) before they are written out in order.
const BATCH: usize = 2048;

/// Writes `/data/index.json`. Releases are serialized in parallel a batch at a time and
/// written in order, so neither the whole index as JSON values nor the whole file is ever
/// held in memory.
pub fn write_index_json(index: &Index, urls: &Urls, w: &mut dyn Write) -> std::io::Result<()> {
    use rayon::prelude::*;
    let shell = index_json_shell(index, urls)?;
    let placeholder = "\"releases\":[]";
    let (head, tail) = shell.split_once(placeholder).unwrap_or((&shell, ""));
    w.write_all(head.as_bytes())?;
    w.write_all(b"\"releases\":[")?;
    let ids: Vec<ReleaseId> = index.ids().collect();
    for (batch, chunk) in ids.chunks(BATCH).enumerate() {
        let records: Vec<Vec<u8>> = chunk
            .par_iter()
            .map(|&id| serde_json::to_vec(&super::export::release(index, id, urls)))
            .collect::<Result<_, _>>()
            .map_err(std::io::Error::other)?;
        for (k, r) in records.iter().enumerate() {
            if batch + k > 0 {
                w.write_all(b",")?;
            }
            w.write_all(r)?;
        }
    }
    w.write_all(b"]")?;
    w.write_all(tail.as_bytes())
}

/// `/data/index.json` without its releases (`"releases":[]`): the generator, the licenses,
/// the organizations and the schema's address.
pub fn index_json_shell(index: &Index, urls: &Urls) -> std::io::Result<String> {
    let v = super::export::IndexDocument {
        generator: concat!("openindex ", env!("CARGO_PKG_VERSION")),
        licenses: super::export::licenses(index, urls),
        organizations: super::export::organizations(index, urls),
        releases: vec![],
        schema: format!("{}data/index.schema.json", urls.base),
    };
    serde_json::to_string(&v).map_err(std::io::Error::other)
}

/// JSON Schema (draft 2020-12) of `/data/index.json`, generated from the export types.
pub fn index_schema() -> Value {
    super::export::schema()
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
    for (r, a) in index.entries().map(|e| e.parts()) {
        let modes: Vec<&str> = a.failure_modes.iter().map(|f| f.slug()).collect();
        let cells = [
            r.slug.clone(),
            r.name.clone(),
            r.organization.v.clone(),
            r.release_date.v.to_string(),
            r.kind.v.to_string(),
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
        .entries()
        .map(|e| e.parts())
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
    let licenses = index.licenses_assessed().map(|(l, a)| SearchEntry {
        t: "license",
        n: &l.name,
        o: l.spdx.as_deref().unwrap_or(""),
        l: Some(&l.id),
        v: a.class.as_str(),
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
        let cases = [
            ("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\""),
            ("+1", "\"'+1\""),
            ("-1", "\"'-1\""),
            ("@SUM(A1)", "\"'@SUM(A1)\""),
            ("plain", "\"plain\""),
        ];
        crate::testing::table(&cases, csv_cell);
    }
}
