//! Asking the Hub: the model-info record and the card at its commit, with timeouts, a size
//! limit and one retry after a 5xx answer.

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repo_ids() {
        assert!(parse_repo("meta-llama/Llama-3.1-8B").is_ok());
        for bad in ["x", "a/b/c", "../x", "a/..", "a/", "/b", "a b/c"] {
            assert!(parse_repo(bad).is_err(), "{bad}");
        }
    }
}
