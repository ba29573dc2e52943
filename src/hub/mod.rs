//! Starting a release file from a Hugging Face Hub repository (`openindex new --from-hub`):
//! [`fetch`] reads the model-info record (`GET {endpoint}/api/models/{repo}`) and the model
//! card at the record's commit (`GET {endpoint}/{repo}/raw/{sha}/README.md`); [`derive()`]
//! maps what they say onto release keys, a pure function over the two answers and the
//! index's releases and licenses.
//!
//! The endpoint is `https://huggingface.co` unless `HF_ENDPOINT` is set; `HF_TOKEN`, when
//! set, is sent as a bearer token and is never written anywhere.

mod card;
mod client;
mod facts;

pub use card::{FrontMatter, front_matter};
pub use client::{API_LIMIT, Answers, CARD_LIMIT, Client, DEFAULT_ENDPOINT, fetch, parse_repo};
pub use facts::{base_slug, date_part, formats, license_id, lineage, modality, supply_chain};

use crate::content::template::{Prefill, quote};
use crate::model::{Kind, License, Release, SourceKind};
use serde_json::Value;

/// What [`derive()`] found: the values to write, and what to tell the contributor.
#[derive(Debug, Clone, Default)]
pub struct Derived {
    /// The kind the Hub's metadata implies, if any.
    pub kind: Option<Kind>,
    /// The values for the template.
    pub prefill: Prefill,
    /// Lines for the command's output (bases not in the index, unmapped licenses…).
    pub notes: Vec<String>,
}

/// Maps the two answers onto release keys. `releases` and `licenses` are the index's own,
/// for base-model slugs and license ids.
pub fn derive(
    answers: &Answers,
    endpoint: &str,
    repo: &str,
    releases: &[Release],
    licenses: &[License],
) -> Derived {
    let info = &answers.info;
    let card = front_matter(&answers.card);
    let mut d = Derived::default();
    let p = &mut d.prefill;
    let name = repo.rsplit('/').next().unwrap_or(repo);
    p.keys.push(("name", quote(name), None));
    p.keys.push(("version", quote(repo), None));
    if let Some(date) = info["createdAt"].as_str().and_then(date_part) {
        p.keys.push((
            "release_date",
            date.to_string(),
            Some(
                "the Hub repository's creation date; use the publication day if it differs".into(),
            ),
        ));
    }
    match &info["gated"] {
        Value::Bool(false) => p.keys.push(("availability", quote("open-download"), None)),
        Value::String(s) if s == "auto" || s == "manual" => p.keys.push((
            "availability",
            quote("gated-download"),
            Some(format!("the Hub gates downloads ({s} approval)")),
        )),
        _ => {}
    }
    match info["pipeline_tag"].as_str() {
        Some(tag) => match modality(tag) {
            Some(m) => p.keys.push(("modality", quote(m), None)),
            None => p.keys.push((
                "modality",
                quote("text"),
                Some(format!(
                    "the Hub's pipeline_tag `{tag}` has no mapping: check this"
                )),
            )),
        },
        None => p.keys.push((
            "modality",
            quote("text"),
            Some("the Hub gives no pipeline_tag: check this".into()),
        )),
    }

    let files: Vec<&str> = info["siblings"]
        .as_array()
        .map(|s| s.iter().filter_map(|f| f["rfilename"].as_str()).collect())
        .unwrap_or_default();
    let sha = info["sha"].as_str().unwrap_or_default();
    let mut artifact = format!(
        "{{ repository = {}, revision = {}",
        quote(&format!("{endpoint}/{repo}")),
        quote(sha)
    );
    let formats = formats(&files);
    if !formats.is_empty() {
        artifact.push_str(&format!(", format = {}", quote(&formats.join(", "))));
    }
    artifact.push_str(" }");
    p.keys.push(("artifact", artifact, None));
    p.notes.push(("supply_chain", supply_chain(&files, sha)));

    // Lineage: the card's base_model, and the Hub's base_model:<relation>:<id> tags.
    let tags: Vec<&str> = info["tags"]
        .as_array()
        .map(|t| t.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    // The card's front matter, else the record's copy of it (`cardData`).
    let data = &info["cardData"];
    let data_str = |k: &str| {
        data[k]
            .as_str()
            .filter(|v| !v.is_empty())
            .map(str::to_string)
    };
    let mut card_bases = card.list("base_model");
    if card_bases.is_empty() {
        card_bases = match &data["base_model"] {
            Value::String(b) => vec![b.clone()],
            Value::Array(a) => a
                .iter()
                .filter_map(|b| b.as_str().map(str::to_string))
                .collect(),
            _ => Vec::new(),
        };
    }
    let (kind, bases) = lineage(&tags, &card_bases);
    d.kind = kind;
    let mut slugs = Vec::new();
    let mut missing = Vec::new();
    for base in &bases {
        match base_slug(base, releases) {
            Some(s) => slugs.push(s),
            None => missing.push(base.clone()),
        }
    }
    for base in &missing {
        d.notes.push(format!(
            "base model {base} is not in the index: add it first (`openindex new <slug> --from-hub {base}`), then list its slug in base_models"
        ));
    }
    if !slugs.is_empty() {
        let list: Vec<String> = slugs.iter().map(|s| quote(s)).collect();
        let comment = (!missing.is_empty())
            .then(|| format!("also from {}, not in the index yet", missing.join(", ")));
        p.keys
            .push(("base_models", format!("[{}]", list.join(", ")), comment));
    } else if !missing.is_empty() {
        p.hints.push((
            "base_models",
            format!(
                "made from {}, not in the index yet: add it, then list its slug",
                missing.join(", ")
            ),
        ));
    }

    // License.
    let hub_license = card
        .scalar("license")
        .or_else(|| data_str("license"))
        .or_else(|| {
            tags.iter()
                .find_map(|t| t.strip_prefix("license:"))
                .map(str::to_string)
        });
    match hub_license {
        Some(id) => {
            let looked_up = if id == "other" {
                card.scalar("license_name")
                    .or_else(|| data_str("license_name"))
                    .unwrap_or_else(|| "other".into())
            } else {
                id.clone()
            };
            match license_id(&looked_up, licenses) {
                Some(found) => p.license.push(("weights", Ok(found.to_string()))),
                None => {
                    let hint = crate::diag::did_you_mean(
                        &looked_up,
                        licenses.iter().map(|l| l.id.as_str()),
                    )
                    .map(|m| format!("; did you mean `{m}`?"))
                    .unwrap_or_default();
                    let why = format!(
                        "the Hub says license `{looked_up}`, which no file in content/licenses/ lists in hub_ids{hint}"
                    );
                    d.notes.push(why.clone());
                    p.license.push(("weights", Err(why)));
                }
            }
        }
        None => d
            .notes
            .push("the Hub names no license: find the weights' license by hand".into()),
    }

    p.sources.push((
        "card".into(),
        answers.card_url.clone(),
        SourceKind::ModelCard,
        format!("{name} model card"),
    ));
    p.sources.push((
        "hub-api".into(),
        answers.api_url.clone(),
        SourceKind::Repository,
        format!("{repo} on the Hugging Face Hub (API record)"),
    ));
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn card_data_stands_in_for_a_missing_card() {
        let answers = Answers {
            info: serde_json::json!({
                "sha": "abc", "gated": "auto", "pipeline_tag": "fill-mask",
                "cardData": { "license": "other", "license_name": "llama3.1", "base_model": ["a/b"] },
                "siblings": [{ "rfilename": "model.pt" }],
            }),
            card: String::new(),
            api_url: "https://hub/api/models/o/n".into(),
            card_url: "https://hub/o/n/raw/abc/README.md".into(),
        };
        let mut l = crate::assess::testing::license(
            "llama-3-1-community",
            crate::model::LicenseStandard::Custom,
        );
        l.hub_ids = vec!["llama3.1".into()];
        let d = derive(&answers, "https://hub", "o/n", &[], &[l]);
        assert_eq!(d.kind, Some(Kind::FineTune));
        assert_eq!(d.prefill.license[0].1.as_deref(), Ok("llama-3-1-community"));
        let key = |k: &str| d.prefill.keys.iter().find(|(x, _, _)| *x == k).cloned();
        assert_eq!(key("availability").unwrap().1, "\"gated-download\"");
        let m = key("modality").unwrap();
        assert_eq!(m.1, "\"text\"");
        assert!(m.2.unwrap().contains("fill-mask"));
        assert!(key("artifact").unwrap().1.contains("format = \"pickle\""));
        assert!(key("base_models").is_none());
        assert!(
            d.notes
                .iter()
                .any(|n| n.contains("a/b is not in the index"))
        );
    }
}
