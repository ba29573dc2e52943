//! Pure readings of single Hub facts: dates, modalities, weight formats, supply-chain
//! files, lineage tags, base-model slugs and license ids.

use crate::model::{Date, Kind, License, Release};

/// The date part of an ISO 8601 timestamp.
pub fn date_part(ts: &str) -> Option<Date> {
    let day = ts.get(..10)?;
    let mut it = day.split('-');
    let (y, m, d) = (it.next()?, it.next()?, it.next()?);
    let date = Date {
        year: y.parse().ok()?,
        month: m.parse().ok()?,
        day: d.parse().ok()?,
    };
    (y.len() == 4 && (1..=12).contains(&date.month) && (1..=31).contains(&date.day)).then_some(date)
}

/// The index's modality for a Hub `pipeline_tag`.
pub fn modality(pipeline_tag: &str) -> Option<&'static str> {
    Some(match pipeline_tag {
        "text-generation" => "text",
        "image-text-to-text" => "vision-language",
        "automatic-speech-recognition" | "text-to-speech" | "text-to-audio" => "speech",
        "text-to-image" => "image-generation",
        "any-to-any" => "multimodal",
        _ => return None,
    })
}

const PICKLE: [&str; 4] = [".bin", ".pth", ".pt", ".pkl"];

fn ends(f: &str, ext: &str) -> bool {
    f.to_ascii_lowercase().ends_with(ext)
}

/// The weight formats among the repository's files, best first.
pub fn formats(files: &[&str]) -> Vec<&'static str> {
    let mut out = Vec::new();
    if files.iter().any(|f| ends(f, ".safetensors")) {
        out.push("safetensors");
    }
    if files.iter().any(|f| ends(f, ".gguf")) {
        out.push("gguf");
    }
    if files.iter().any(|f| ends(f, ".onnx")) {
        out.push("onnx");
    }
    if files.iter().any(|f| PICKLE.iter().any(|e| ends(f, e))) {
        out.push("pickle");
    }
    out
}

/// The supply-chain note: pickle files, safetensors, a LICENSE file.
pub fn supply_chain(files: &[&str], sha: &str) -> String {
    let pickles: Vec<&str> = files
        .iter()
        .copied()
        .filter(|f| PICKLE.iter().any(|e| ends(f, e)))
        .collect();
    let pickle = match pickles.len() {
        0 => "no pickle files (.bin/.pth/.pt/.pkl)".to_string(),
        1 => format!("a pickle file ({})", pickles[0]),
        n => format!("{n} pickle files (e.g. {})", pickles[0]),
    };
    let safetensors = if files.iter().any(|f| ends(f, ".safetensors")) {
        "safetensors present"
    } else {
        "no safetensors"
    };
    let license = if files.iter().any(|f| {
        let base = f.rsplit('/').next().unwrap_or(f).to_ascii_uppercase();
        base.starts_with("LICENSE") || base.starts_with("LICENCE")
    }) {
        "a LICENSE file"
    } else {
        "no LICENSE file"
    };
    let short = sha.get(..12).unwrap_or(sha);
    format!("Hub file list at {short}: {pickle}; {safetensors}; {license}")
}

/// The kind and base repositories from the Hub's tags and the card's `base_model`.
pub fn lineage(tags: &[&str], card_bases: &[String]) -> (Option<Kind>, Vec<String>) {
    let mut kind = None;
    let mut bases: Vec<String> = Vec::new();
    for t in tags {
        let Some(rest) = t.strip_prefix("base_model:") else {
            continue;
        };
        let Some((relation, id)) = rest.split_once(':') else {
            // `base_model:<id>` alone (no relation) names a base too.
            if rest.contains('/') && !bases.iter().any(|b| b == rest) {
                bases.push(rest.to_string());
            }
            continue;
        };
        let k = match relation {
            "quantized" => Kind::Quantization,
            "finetune" => Kind::FineTune,
            "adapter" => Kind::Adapter,
            "merge" => Kind::Merge,
            _ => continue,
        };
        kind.get_or_insert(k);
        if !bases.iter().any(|b| b == id) {
            bases.push(id.to_string());
        }
    }
    for b in card_bases {
        if !bases.iter().any(|x| x == b) {
            bases.push(b.clone());
        }
    }
    if kind.is_none() && !bases.is_empty() {
        kind = Some(if bases.len() > 1 {
            Kind::Merge
        } else {
            Kind::FineTune
        });
    }
    (kind, bases)
}

/// The slug of the release whose `version` or artifact repository is the Hub repo `id`.
pub fn base_slug(id: &str, releases: &[Release]) -> Option<String> {
    let id_l = id.to_ascii_lowercase();
    releases
        .iter()
        .find(|r| {
            r.version
                .as_deref()
                .is_some_and(|v| v.eq_ignore_ascii_case(id))
                || r.artifact.repository.as_deref().is_some_and(|u| {
                    let u = u.trim_end_matches('/').to_ascii_lowercase();
                    u.ends_with(&format!("/{id_l}"))
                        && u.starts_with("http")
                        && u.split('/').count() == 5
                })
        })
        .map(|r| r.slug.clone())
}

/// The registry id for a Hub license id: a file's `hub_ids`, else its SPDX id, else its
/// own id (all without regard to case).
pub fn license_id<'a>(hub: &str, licenses: &'a [License]) -> Option<&'a str> {
    let hub = hub.trim();
    licenses
        .iter()
        .find(|l| l.hub_ids.iter().any(|h| h.eq_ignore_ascii_case(hub)))
        .or_else(|| {
            licenses.iter().find(|l| {
                l.spdx
                    .as_deref()
                    .is_some_and(|s| s.eq_ignore_ascii_case(hub))
            })
        })
        .or_else(|| licenses.iter().find(|l| l.id.eq_ignore_ascii_case(hub)))
        .map(|l| l.id.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lineage_from_relation_tags_and_card() {
        let (k, b) = lineage(
            &[
                "gguf",
                "base_model:quantized:acme/base",
                "base_model:acme/base",
            ],
            &[],
        );
        assert_eq!(k, Some(Kind::Quantization));
        assert_eq!(b, vec!["acme/base"]);
        let (k, b) = lineage(&["base_model:adapter:a/b"], &["a/b".into()]);
        assert_eq!((k, b.len()), (Some(Kind::Adapter), 1));
        let (k, _) = lineage(&[], &["a/b".into()]);
        assert_eq!(k, Some(Kind::FineTune));
        let (k, _) = lineage(&[], &["a/b".into(), "c/d".into()]);
        assert_eq!(k, Some(Kind::Merge));
        assert_eq!(lineage(&["text-generation"], &[]), (None, vec![]));
    }
    #[test]
    fn modalities_formats_dates() {
        assert_eq!(modality("text-generation"), Some("text"));
        assert_eq!(modality("text-to-audio"), Some("speech"));
        assert_eq!(modality("any-to-any"), Some("multimodal"));
        assert_eq!(modality("fill-mask"), None);
        assert_eq!(formats(&["a.gguf", "README.md"]), vec!["gguf"]);
        assert_eq!(
            formats(&["model.safetensors", "pytorch_model.bin"]),
            vec!["safetensors", "pickle"]
        );
        assert_eq!(
            date_part("2024-07-23T15:02:01.000Z")
                .map(|d| d.to_string())
                .as_deref(),
            Some("2024-07-23")
        );
        assert!(date_part("2024-13-01").is_none());
        let note = supply_chain(&["model.safetensors", "LICENSE"], "0123456789abcdef");
        assert_eq!(
            note,
            "Hub file list at 0123456789ab: no pickle files (.bin/.pth/.pt/.pkl); safetensors present; a LICENSE file"
        );
    }
    #[test]
    fn licenses_by_hub_id_spdx_or_id() {
        let mut a = crate::assess::testing::license(
            "apache-2.0",
            crate::model::LicenseStandard::OsiApproved,
        );
        a.spdx = Some("Apache-2.0".into());
        let mut l = crate::assess::testing::license(
            "llama-3-1-community",
            crate::model::LicenseStandard::Custom,
        );
        l.hub_ids = vec!["llama3.1".into()];
        let all = [a, l];
        assert_eq!(license_id("llama3.1", &all), Some("llama-3-1-community"));
        assert_eq!(license_id("Apache-2.0", &all), Some("apache-2.0"));
        assert_eq!(license_id("APACHE-2.0", &all), Some("apache-2.0"));
        assert_eq!(license_id("llama3.2", &all), None);
    }
}
