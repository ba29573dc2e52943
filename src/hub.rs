//! Starting a release file from a Hugging Face Hub repository (`openindex new --from-hub`):
//! [`fetch`] reads the model-info record (`GET {endpoint}/api/models/{repo}`) and the model
//! card at the record's commit (`GET {endpoint}/{repo}/raw/{sha}/README.md`); [`derive()`]
//! maps what they say onto release keys, a pure function over the two answers and the
//! index's releases and licenses.
//!
//! The endpoint is `https://huggingface.co` unless `HF_ENDPOINT` is set; `HF_TOKEN`, when
//! set, is sent as a bearer token and is never written anywhere.

use crate::content::template::{Prefill, quote};
use crate::model::{Date, Kind, License, Release, SourceKind};
use serde_json::Value;
use std::time::Duration;

/// The default Hub endpoint.
pub const DEFAULT_ENDPOINT: &str = "https://huggingface.co";
/// The largest model-info answer read.
pub const API_LIMIT: u64 = 4 * 1024 * 1024;
/// The largest model card read.
pub const CARD_LIMIT: u64 = 1024 * 1024;

/// Where and how to ask.
#[derive(Debug, Clone)]
pub struct Client {
    /// The endpoint, without a trailing slash.
    pub endpoint: String,
    /// A bearer token.
    pub token: Option<String>,
    /// Connect timeout, and the longest wait for an answer.
    pub timeout: Duration,
}

impl Client {
    /// The endpoint and token from `HF_ENDPOINT` and `HF_TOKEN`.
    pub fn from_env() -> Client {
        let var = |k: &str| std::env::var(k).ok().filter(|v| !v.trim().is_empty());
        Client {
            endpoint: var("HF_ENDPOINT")
                .unwrap_or_else(|| DEFAULT_ENDPOINT.into())
                .trim()
                .trim_end_matches('/')
                .to_string(),
            token: var("HF_TOKEN").map(|t| t.trim().to_string()),
            timeout: Duration::from_secs(30),
        }
    }
}

/// What the Hub answered.
#[derive(Debug, Clone)]
pub struct Answers {
    /// The model-info record.
    pub info: Value,
    /// The card's text (empty when the repository has no README.md).
    pub card: String,
    /// The URL of the record.
    pub api_url: String,
    /// The URL of the card at its commit.
    pub card_url: String,
}

/// Checks `owner/name`.
pub fn parse_repo(repo: &str) -> Result<(&str, &str), String> {
    let ok = |s: &str| {
        !s.is_empty()
            && s.len() <= 96
            && !s.starts_with(['.', '-'])
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
    };
    match repo.split_once('/') {
        Some((owner, name)) if ok(owner) && ok(name) && !name.contains("..") => Ok((owner, name)),
        _ => Err(format!(
            "`{repo}` is not a Hub repository id: expected owner/name (e.g. meta-llama/Llama-3.1-8B)"
        )),
    }
}

/// Reads the record and the card of `owner/name`.
pub fn fetch(client: &Client, owner: &str, name: &str) -> Result<Answers, String> {
    let t = Some(client.timeout);
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(5)
        .timeout_resolve(t)
        .timeout_connect(t)
        .timeout_send_request(t)
        .timeout_recv_response(t)
        .timeout_recv_body(t)
        .timeout_global(Some(client.timeout * 2))
        .user_agent(concat!("openindex/", env!("CARGO_PKG_VERSION")))
        .build()
        .new_agent();
    let repo = format!("{owner}/{name}");
    let api_url = format!("{}/api/models/{repo}", client.endpoint);
    let body = get(&agent, client, &api_url, API_LIMIT, &repo, "model record")?;
    let info: Value = serde_json::from_str(&body)
        .map_err(|e| format!("the Hub's model record for {repo} is not valid JSON: {e}"))?;
    if !info.is_object() {
        return Err(format!(
            "the Hub's model record for {repo} is not a JSON object"
        ));
    }
    let sha = info["sha"]
        .as_str()
        .filter(|s| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric()))
        .ok_or_else(|| format!("the Hub's model record for {repo} has no commit `sha`"))?
        .to_string();
    let card_url = format!("{}/{repo}/raw/{sha}/README.md", client.endpoint);
    let has_card = info["siblings"]
        .as_array()
        .is_none_or(|s| s.iter().any(|f| f["rfilename"] == "README.md"));
    let card = if has_card {
        get(&agent, client, &card_url, CARD_LIMIT, &repo, "model card")?
    } else {
        String::new()
    };
    Ok(Answers {
        info,
        card,
        api_url,
        card_url,
    })
}

/// One GET, retried once after a 5xx answer or a broken connection.
fn get(
    agent: &ureq::Agent,
    client: &Client,
    url: &str,
    limit: u64,
    repo: &str,
    what: &str,
) -> Result<String, String> {
    let mut last = String::new();
    for attempt in 0..2 {
        if attempt > 0 {
            std::thread::sleep(Duration::from_millis(500));
        }
        let mut req = agent.get(url);
        if let Some(token) = &client.token {
            req = req.header("Authorization", format!("Bearer {token}"));
        }
        let mut resp = match req.call() {
            Ok(r) => r,
            Err(ureq::Error::Timeout(_)) => {
                return Err(format!(
                    "the Hub did not answer within {}s ({what} of {repo}); try again later, or raise --timeout",
                    client.timeout.as_secs_f64()
                ));
            }
            Err(e) => {
                last = format!("cannot reach {}: {e}", client.endpoint);
                continue;
            }
        };
        let status = resp.status().as_u16();
        match status {
            200..=299 => {}
            401 | 403 if client.token.is_none() => {
                return Err(format!(
                    "{repo} is gated or private (the Hub answered {status}): accept its terms on the Hub, then set HF_TOKEN to an access token and run again"
                ));
            }
            401 | 403 => {
                return Err(format!(
                    "the Hub refused the token in HF_TOKEN for {repo} ({status}): check that the token is valid and that its account has been granted access"
                ));
            }
            404 => {
                return Err(format!(
                    "no model repository {repo} on {} (404): check the owner/name spelling",
                    client.endpoint
                ));
            }
            500..=599 => {
                last = format!("the Hub answered {status} for the {what} of {repo}");
                continue;
            }
            _ => {
                return Err(format!(
                    "the Hub answered {status} for the {what} of {repo}"
                ));
            }
        }
        return match resp.body_mut().with_config().limit(limit).read_to_string() {
            Ok(s) => Ok(s),
            Err(ureq::Error::BodyExceedsLimit(_)) => Err(format!(
                "the Hub's {what} for {repo} is larger than {} MiB; refusing to read it",
                limit / (1024 * 1024)
            )),
            Err(ureq::Error::Timeout(_)) => Err(format!(
                "the Hub did not answer within {}s ({what} of {repo}); try again later, or raise --timeout",
                client.timeout.as_secs_f64()
            )),
            Err(e) => Err(format!("cannot read the Hub's {what} for {repo}: {e}")),
        };
    }
    Err(format!("{last} (after one retry)"))
}

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

/// The top-level keys of a card's YAML front matter: scalars and lists of scalars (inline
/// `[a, b]` or block `- a`); anything nested is skipped.
#[derive(Debug, Default)]
pub struct FrontMatter(Vec<(String, Vec<String>, bool)>);

impl FrontMatter {
    /// A scalar key's value.
    pub fn scalar(&self, key: &str) -> Option<String> {
        self.0
            .iter()
            .find(|(k, _, list)| k == key && !list)
            .and_then(|(_, v, _)| v.first().cloned())
            .filter(|v| !v.is_empty())
    }

    /// A key's values, a scalar counting as a list of one.
    pub fn list(&self, key: &str) -> Vec<String> {
        self.0
            .iter()
            .find(|(k, _, _)| k == key)
            .map(|(_, v, _)| v.iter().filter(|s| !s.is_empty()).cloned().collect())
            .unwrap_or_default()
    }
}

fn unquote(s: &str) -> String {
    let s = s.trim();
    if let Some(q) = s.chars().next().filter(|c| matches!(c, '"' | '\'')) {
        // A quoted value ends at its closing quote; a comment may follow.
        return match s[1..].find(q) {
            Some(end) => s[1..1 + end].to_string(),
            None => s[1..].to_string(),
        };
    }
    match s.find(" #") {
        Some(i) => s[..i].trim().to_string(),
        None => s.to_string(),
    }
}

/// Reads a card's front matter (between the first two `---` lines).
pub fn front_matter(card: &str) -> FrontMatter {
    let mut out = FrontMatter::default();
    let card = card.trim_start_matches('\u{feff}');
    let mut lines = card.lines();
    if lines.next().map(str::trim_end) != Some("---") {
        return out;
    }
    for line in lines {
        if line.trim_end() == "---" {
            break;
        }
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        if line.starts_with(' ') || line.starts_with('\t') || line.starts_with('-') {
            let item = line.trim_start();
            if let (Some(last), Some(v)) = (out.0.last_mut(), item.strip_prefix("- "))
                && last.2
                && !v.contains(": ")
            {
                last.1.push(unquote(v));
            }
            continue;
        }
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim();
        if value.is_empty() {
            out.0.push((key.trim().to_string(), Vec::new(), true));
        } else if let Some(inner) = value.strip_prefix('[').and_then(|v| v.strip_suffix(']')) {
            out.0.push((
                key.trim().to_string(),
                inner
                    .split(',')
                    .map(unquote)
                    .filter(|s| !s.is_empty())
                    .collect(),
                true,
            ));
        } else {
            out.0
                .push((key.trim().to_string(), vec![unquote(value)], false));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_reads_scalars_and_lists() {
        let fm = front_matter(
            "---\nlicense: other\nlicense_name: \"llama3.1\" # note\nbase_model:\n- meta-llama/Llama-3.1-8B\n- 'x/y'\ntags: [a, \"b\"]\nwidget:\n  - text: hi\n---\n# Title\nlicense: no\n",
        );
        assert_eq!(fm.scalar("license").as_deref(), Some("other"));
        assert_eq!(fm.scalar("license_name").as_deref(), Some("llama3.1"));
        assert_eq!(
            fm.list("base_model"),
            vec!["meta-llama/Llama-3.1-8B", "x/y"]
        );
        assert_eq!(fm.list("tags"), vec!["a", "b"]);
        assert!(fm.list("widget").is_empty());
        assert_eq!(fm.list("nothing"), Vec::<String>::new());
        assert!(front_matter("no front matter").scalar("license").is_none());
        assert_eq!(
            front_matter("---\nbase_model: a/b\n---\n").list("base_model"),
            vec!["a/b"]
        );
    }

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

    #[test]
    fn repo_ids() {
        assert!(parse_repo("meta-llama/Llama-3.1-8B").is_ok());
        for bad in ["x", "a/b/c", "../x", "a/..", "a/", "/b", "a b/c"] {
            assert!(parse_repo(bad).is_err(), "{bad}");
        }
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
