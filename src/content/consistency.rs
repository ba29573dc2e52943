//! Cross-release consistency: releases that share a corpus or a codebase must say the same
//! about it. Where two releases cite the same shared repository for the same OSAID
//! component and rate it differently, one of them is probably wrong (a license file read
//! for one and missed for the other), and `check` warns on both.

use crate::diag::{Code, Diagnostic};
use crate::model::*;
use std::collections::BTreeMap;

/// The repository a source URL points into, when it is a code or dataset host whose
/// repositories are shared between releases (`github.com/<owner>/<repo>`,
/// `huggingface.co/datasets/<owner>/<name>`); lower-cased, without the path inside it.
pub fn shared_repository(url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let rest = rest.strip_prefix("www.").unwrap_or(rest);
    let mut parts = rest.split(['/', '?', '#']).filter(|p| !p.is_empty());
    let host = parts.next()?.to_ascii_lowercase();
    let key = match host.as_str() {
        "github.com" => format!("github.com/{}/{}", parts.next()?, parts.next()?),
        "huggingface.co" if parts.next()? == "datasets" => {
            format!(
                "huggingface.co/datasets/{}/{}",
                parts.next()?,
                parts.next()?
            )
        }
        _ => return None,
    };
    Some(key.trim_end_matches(".git").to_ascii_lowercase())
}

/// Releases that cite the same shared repository as evidence for the same OSAID component
/// but give that component different statuses: one of them is probably wrong (a license
/// file read for one release and missed for the other). Each such release gets a warning
/// naming the others.
pub fn disagreements(releases: &[Release]) -> Vec<Diagnostic> {
    /// One release's status for a component, and where it is written.
    type Rated<'a> = (&'a Release, ComponentStatus, Span);
    // (component, repository) → every release citing it for that component.
    let mut groups: BTreeMap<(&str, String), Vec<Rated<'_>>> = BTreeMap::new();
    for r in releases {
        // Weights and checkpoints belong to each artifact; code and data are what releases share.
        let shared = COMPONENTS
            .iter()
            .zip(&r.osaid)
            .filter(|(c, _)| !matches!(c.key, "parameters" | "checkpoints"));
        for (c, s) in shared {
            let mut repos: Vec<String> = s
                .evidence
                .iter()
                .filter_map(|e| r.source(&e.v))
                .filter_map(|src| shared_repository(&src.url.v))
                .collect();
            repos.sort();
            repos.dedup();
            for repo in repos {
                groups
                    .entry((c.key, repo))
                    .or_default()
                    .push((r, s.status, s.span.clone()));
            }
        }
    }
    let mut out = Vec::new();
    for ((component, repo), members) in &groups {
        let first = members[0].1;
        if members.iter().all(|m| m.1 == first) {
            continue;
        }
        for (r, status, span) in members {
            let others: Vec<String> = members
                .iter()
                .filter(|m| m.1 != *status)
                .map(|m| format!("{} ({})", m.0.slug, m.1))
                .collect();
            out.push(
                Diagnostic::warning(
                    Code::InconsistentStatus,
                    &r.path,
                    Some(span.clone()),
                    format!(
                        "`{component}` is {status} here, citing {repo}, but other releases citing it for the same component disagree: {}",
                        others.join(", ")
                    ),
                )
                .label("disagrees with other releases")
                .help("releases that share a repository must agree about it: read its license and history, settle one status, and record the same license on every release that uses it"),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::shared_repository;

    #[test]
    fn shared_repositories_are_code_and_dataset_repositories() {
        let cases = [
            (
                "https://github.com/EleutherAI/the-pile/blob/abc/LICENSE",
                Some("github.com/eleutherai/the-pile"),
            ),
            (
                "https://huggingface.co/datasets/allenai/dolma/blob/x/README.md",
                Some("huggingface.co/datasets/allenai/dolma"),
            ),
            ("https://huggingface.co/allenai/OLMo-2-1124-7B", None),
            ("https://github.com/", None),
            ("https://example.org/a/b", None),
        ];
        crate::testing::table(&cases, shared_repository);
    }
}
