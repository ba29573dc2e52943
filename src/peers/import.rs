//! `openindex peers import <peer> <checkout>`: reads a peer's YAML files, matches them to our
//! releases and builds the snapshot. Matching, in order: a decision in `mapping.toml`; the
//! Hugging Face repository (our `version` and `artifact.repository` against the peer's links);
//! the base model's repository; then the normalized family name together with the
//! organization. Whatever stays ambiguous is reported for a person to decide, never guessed.

use super::names::{family, hub_id, squash, starts_with, tokens};
use super::snapshot::{Entry, Mapping, Snapshot};
use super::{MatchKind, PeerId, compare};
use crate::content::Site;
use crate::model::*;
use serde_yaml_ng::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// One entry of a peer, as read from its file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PeerEntry {
    /// File name (EOSAI: at the root; MOT: under `models/`).
    pub file: String,
    /// The entry's name.
    pub name: String,
    /// The organization's name.
    pub org: String,
    /// Hugging Face ids (`owner/name`, lowercase) of the model the entry rates.
    pub hub: Vec<String>,
    /// Hugging Face ids of its base model (EOSAI).
    pub base_hub: Vec<String>,
    /// Values by field of [`compare::fields`].
    pub values: BTreeMap<String, String>,
}

/// A file that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The file.
    pub file: String,
    /// Why.
    pub why: String,
}

/// What the import found.
#[derive(Debug, Default)]
pub struct Outcome {
    /// The snapshot to write.
    pub entries: Vec<Entry>,
    /// Releases matched, by kind.
    pub by_kind: BTreeMap<MatchKind, usize>,
    /// How many matches came from `mapping.toml`.
    pub decided: usize,
    /// Releases with no entry (slug), after decisions.
    pub unmatched: Vec<String>,
    /// Releases with several candidates: slug and candidate files.
    pub ambiguous: Vec<(String, Vec<String>)>,
    /// Decisions naming a file the checkout does not have.
    pub stale_decisions: Vec<(String, String)>,
    /// Files that could not be read.
    pub skipped: Vec<Skipped>,
}

fn str_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn links(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::Sequence(items)) => items.iter().filter_map(str_of).collect(),
        Some(v) => str_of(v).into_iter().collect(),
        None => vec![],
    }
}

fn get<'v>(v: &'v Value, path: &[&str]) -> Option<&'v Value> {
    path.iter().try_fold(v, |v, k| v.get(*k))
}

/// Reads one EOSAI file.
pub fn read_eosai(file: &str, text: &str) -> Result<PeerEntry, String> {
    let v: Value = serde_yaml_ng::from_str(text).map_err(|e| e.to_string())?;
    if !v.is_mapping() {
        return Err("not a YAML mapping".into());
    }
    let mut hub: Vec<String> = links(get(&v, &["system", "link"]))
        .into_iter()
        .chain(links(get(&v, &["weights_endmodel", "link"])))
        .filter_map(|l| hub_id(&l))
        .collect();
    if let Some(end) = get(&v, &["system", "endmodelname"]).and_then(str_of)
        && let Some(id) = hub_id(&end)
    {
        hub.push(id);
    }
    hub.sort();
    hub.dedup();
    let mut base_hub: Vec<String> = links(get(&v, &["weights_basemodel", "link"]))
        .iter()
        .filter_map(|l| hub_id(l))
        .filter(|id| !hub.contains(id))
        .collect();
    base_hub.sort();
    base_hub.dedup();
    let values = compare::fields(PeerId::Eosai)
        .into_iter()
        .map(|(k, _)| {
            let class = get(&v, &[k, "class"]).and_then(str_of).unwrap_or_default();
            (k.to_string(), class.to_ascii_lowercase())
        })
        .collect();
    Ok(PeerEntry {
        file: file.to_string(),
        name: get(&v, &["system", "name"])
            .and_then(str_of)
            .unwrap_or_else(|| file.trim_end_matches(".yaml").to_string()),
        org: get(&v, &["org", "name"])
            .and_then(str_of)
            .unwrap_or_default(),
        hub,
        base_hub,
        values,
    })
}

/// The snapshot key of an MOT component name ("Model parameters (Final)" →
/// "model_parameters_final").
pub fn mot_key(name: &str) -> String {
    tokens(name).join("_")
}

fn mot_kind(key: &str) -> &'static str {
    match key {
        "datasets" | "evaluation_data" | "sample_model_outputs" => "data",
        "model_card" | "data_card" | "technical_report" | "research_paper"
        | "evaluation_results" | "model_metadata" => "document",
        k if k.ends_with("_code")
            || k == "model_architecture"
            || k == "supporting_libraries_and_tools" =>
        {
            "code"
        }
        _ => "",
    }
}

/// Reads one MOT file. A component's license is resolved as MOT does: the component's own,
/// else the global license of its type (code, data, document), else the distribution's;
/// the last two are marked `(global)`.
pub fn read_mot(file: &str, text: &str) -> Result<PeerEntry, String> {
    let v: Value = serde_yaml_ng::from_str(text).map_err(|e| e.to_string())?;
    let rel = v.get("release").ok_or("no `release`")?;
    let name_of = |path: &[&str]| {
        get(rel, path)
            .and_then(|x| x.get("name").and_then(str_of).or_else(|| str_of(x)))
            .filter(|s| !s.is_empty())
    };
    let global = name_of(&["license", "distribution"]);
    let mut present: BTreeMap<String, Option<String>> = BTreeMap::new();
    if let Some(Value::Sequence(cs)) = rel.get("components") {
        for c in cs {
            let Some(n) = c.get("name").and_then(str_of) else {
                continue;
            };
            let lic = c
                .get("license")
                .and_then(|l| l.get("name").and_then(str_of).or_else(|| str_of(l)))
                .filter(|s| !s.is_empty());
            present.insert(mot_key(&n), lic);
        }
    }
    let values = compare::fields(PeerId::Mot)
        .into_iter()
        .map(|(k, _)| {
            let value = match present.get(k) {
                None => "not included".to_string(),
                Some(Some(l)) => format!("included: {l}"),
                Some(None) => {
                    let kind = mot_kind(k);
                    match (!kind.is_empty())
                        .then(|| name_of(&["license", kind]))
                        .flatten()
                        .or_else(|| global.clone())
                    {
                        Some(l) => format!("included: {l} (global)"),
                        None => "included: no license".to_string(),
                    }
                }
            };
            (k.to_string(), value)
        })
        .collect();
    let mut hub: Vec<String> = ["huggingface", "repository"]
        .iter()
        .filter_map(|k| rel.get(*k).and_then(str_of))
        .filter_map(|l| hub_id(&l))
        .collect();
    hub.dedup();
    Ok(PeerEntry {
        file: file.to_string(),
        name: rel
            .get("name")
            .and_then(str_of)
            .unwrap_or_else(|| file.trim_end_matches(".yml").to_string()),
        org: rel.get("producer").and_then(str_of).unwrap_or_default(),
        hub,
        base_hub: vec![],
        values,
    })
}

/// Reads every entry of a peer's checkout: EOSAI's `*.yaml` at the root (not the submission
/// template or the `_parameters` files); MOT's `models/*.yml` (or `*.yml` in the directory
/// itself when it has no `models/`).
pub fn read_checkout(peer: PeerId, dir: &Path) -> Result<(Vec<PeerEntry>, Vec<Skipped>), String> {
    let dir = match peer {
        PeerId::Mot if dir.join("models").is_dir() => dir.join("models"),
        _ => dir.to_path_buf(),
    };
    let ext = match peer {
        PeerId::Eosai => "yaml",
        PeerId::Mot => "yml",
    };
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .filter(|n| n.ends_with(&format!(".{ext}")))
        .filter(|n| !n.starts_with('_') && n != "a_submission_template.yaml")
        .collect();
    files.sort();
    let mut entries = Vec::new();
    let mut skipped = Vec::new();
    for f in files {
        let read = std::fs::read_to_string(dir.join(&f)).map_err(|e| e.to_string());
        let parsed = read.and_then(|t| match peer {
            PeerId::Eosai => read_eosai(&f, &t),
            PeerId::Mot => read_mot(&f, &t),
        });
        match parsed {
            Ok(e) => entries.push(e),
            Err(why) => skipped.push(Skipped { file: f, why }),
        }
    }
    Ok((entries, skipped))
}

/// The Hugging Face ids a release is known by.
fn release_hub(r: &Release) -> Vec<String> {
    let mut ids: Vec<String> = r
        .version
        .iter()
        .chain(r.artifact.repository.iter())
        .filter_map(|s| hub_id(s))
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

fn org_matches(site: &Site, r: &Release, ours_hub: &[String], e: &PeerEntry) -> bool {
    let owners = |ids: &[String]| -> BTreeSet<String> {
        ids.iter()
            .filter_map(|i| i.split('/').next().map(str::to_string))
            .collect()
    };
    if !owners(ours_hub).is_disjoint(&owners(&e.hub)) {
        return true;
    }
    let theirs = squash(&e.org);
    if theirs.len() < 2 {
        return false;
    }
    let mut names = vec![squash(&r.organization.v)];
    if let Some(o) = site.orgs.iter().find(|o| o.id == r.organization.v) {
        names.push(squash(&o.name));
        names.extend(o.legal_name.as_deref().map(squash));
    }
    names.iter().filter(|n| n.len() >= 2).any(|n| {
        *n == theirs
            || (n.len() >= 3 && theirs.contains(n.as_str()))
            || (theirs.len() >= 3 && n.contains(theirs.as_str()))
    })
}

/// Matches a peer's entries to our releases.
pub fn match_entries(
    peer: PeerId,
    site: &Site,
    mapping: &Mapping,
    entries: &[PeerEntry],
    commit: &str,
) -> Outcome {
    let mut out = Outcome::default();
    let by_file: BTreeMap<&str, &PeerEntry> =
        entries.iter().map(|e| (e.file.as_str(), e)).collect();
    let slugs: BTreeMap<&str, &Release> =
        site.releases.iter().map(|r| (r.slug.as_str(), r)).collect();
    for r in &site.releases {
        let push = |e: &PeerEntry, kind: MatchKind, out: &mut Outcome| {
            out.entries.push(Entry {
                release: At {
                    v: r.slug.clone(),
                    span: 0..0,
                },
                entry: e.file.clone(),
                name: e.name.clone(),
                url: peer.entry_url(&e.file, commit),
                kind,
                values: e.values.clone(),
            });
            *out.by_kind.entry(kind).or_default() += 1;
        };
        if let Some(d) = mapping.get(&r.slug, peer) {
            match (&d.entry, d.kind) {
                (Some(file), Some(kind)) => match by_file.get(file.as_str()) {
                    Some(e) => {
                        push(e, kind, &mut out);
                        out.decided += 1;
                    }
                    None => out.stale_decisions.push((r.slug.clone(), file.clone())),
                },
                _ => out.unmatched.push(r.slug.clone()),
            }
            continue;
        }
        let ours = release_hub(r);
        // 1. The very repository.
        let rating = |ids: &[String]| -> Vec<&PeerEntry> {
            let rates = |e: &&PeerEntry| e.hub.iter().any(|h| ids.contains(h));
            entries.iter().filter(rates).collect()
        };
        let exact = rating(&ours);
        if exact.len() == 1 {
            push(exact[0], MatchKind::Exact, &mut out);
            continue;
        }
        if exact.len() > 1 {
            out.ambiguous.push((
                r.slug.clone(),
                exact.iter().map(|e| e.file.clone()).collect(),
            ));
            continue;
        }
        // 2. The peer rates our base model.
        let base_ids: Vec<String> = r
            .base_models
            .iter()
            .filter_map(|b| slugs.get(b.v.as_str()))
            .flat_map(|b| release_hub(b))
            .collect();
        let base = rating(&base_ids);
        if base.len() == 1 {
            push(base[0], MatchKind::Base, &mut out);
            continue;
        }
        // 3. The same family, by name and organization.
        let fam = family(&r.name);
        let name = squash(&r.name);
        let candidates: Vec<&PeerEntry> = entries
            .iter()
            .filter(|e| {
                org_matches(site, r, &ours, e) && {
                    let theirs = family(&e.name);
                    let stem = family(e.file.rsplit_once('.').map_or(&e.file[..], |(s, _)| s));
                    starts_with(&fam, &theirs)
                        || starts_with(&theirs, &fam)
                        || starts_with(&fam, &stem)
                }
            })
            .collect();
        // An entry built on this release (its base repository is ours) may be the same family
        // or a fine-tune line of its own: a person decides.
        let tunes: Vec<&PeerEntry> = entries
            .iter()
            .filter(|e| e.base_hub.iter().any(|h| ours.contains(h)))
            .collect();
        let same_name: Vec<&&PeerEntry> = candidates
            .iter()
            .filter(|e| squash(&e.name) == name)
            .collect();
        match (candidates.len(), same_name.len()) {
            (_, 1) => push(same_name[0], MatchKind::Exact, &mut out),
            (1, _) => push(candidates[0], MatchKind::Family, &mut out),
            (0, _) if base.len() > 1 => out.ambiguous.push((
                r.slug.clone(),
                base.iter().map(|e| e.file.clone()).collect(),
            )),
            (0, _) if !tunes.is_empty() => out.ambiguous.push((
                r.slug.clone(),
                tunes.iter().map(|e| e.file.clone()).collect(),
            )),
            (0, _) => out.unmatched.push(r.slug.clone()),
            _ => out.ambiguous.push((
                r.slug.clone(),
                candidates.iter().map(|e| e.file.clone()).collect(),
            )),
        }
    }
    out
}

/// Builds a snapshot from a checkout.
pub fn import(
    peer: PeerId,
    site: &Site,
    mapping: &Mapping,
    dir: &Path,
    commit: &str,
    date: Date,
) -> Result<(Snapshot, Outcome), String> {
    let (entries, skipped) = read_checkout(peer, dir)?;
    let mut out = match_entries(peer, site, mapping, &entries, commit);
    out.skipped = skipped;
    let mut list = std::mem::take(&mut out.entries);
    list.sort_by(|a, b| {
        a.release
            .v
            .cmp(&b.release.v)
            .then_with(|| a.entry.cmp(&b.entry))
    });
    let snap = Snapshot {
        peer,
        path: format!("content/peers/{peer}.toml").into(),
        name: peer.name().into(),
        home: peer.home().into(),
        repository: peer.repository().into(),
        commit: commit.into(),
        date,
        license: peer.data_license().into(),
        attribution: peer.attribution().into(),
        entries: list.clone(),
    };
    out.entries = list;
    Ok((snap, out))
}

#[cfg(test)]
mod tests;
