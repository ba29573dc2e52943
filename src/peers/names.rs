//! How names and links are compared when matching a peer's entries to our releases: the
//! Hugging Face repository id in a link, a name's tokens, and its family (the tokens before
//! the size).

/// `owner/name` of a Hugging Face repository, lowercase, from a URL or a bare id.
pub fn hub_id(s: &str) -> Option<String> {
    let s = s.trim();
    let rest = if let Some(i) = s.find("huggingface.co/") {
        &s[i + "huggingface.co/".len()..]
    } else if !s.contains("://") && s.matches('/').count() == 1 && !s.contains(' ') {
        s
    } else {
        return None;
    };
    let mut parts = rest.split(['/', '?', '#']).filter(|p| !p.is_empty());
    let owner = parts.next()?;
    let name = parts.next()?;
    if matches!(
        owner,
        "datasets" | "spaces" | "papers" | "collections" | "docs" | "blog"
    ) {
        return None;
    }
    Some(format!("{owner}/{name}").to_ascii_lowercase())
}

/// A name split into lowercase alphanumeric tokens.
pub fn tokens(name: &str) -> Vec<String> {
    name.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(|t| t.to_ascii_lowercase())
        .collect()
}

fn is_size(t: &str) -> bool {
    let n = t.trim_end_matches(['b', 'm', 'k', 't']);
    n.len() + 1 == t.len()
        && n.chars().all(|c| c.is_ascii_digit() || c == 'x')
        && n.chars().next().is_some_and(|c| c.is_ascii_digit())
}

/// The family tokens of a name: up to the first size token ("7b", "8x7b", "270m"), without
/// the words that name a tuning ("instruct", "chat", "base", "hf", "it").
pub fn family(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    for t in tokens(name) {
        if is_size(&t) && !out.is_empty() {
            break;
        }
        if matches!(t.as_str(), "instruct" | "chat" | "base" | "hf" | "it" | "v") {
            continue;
        }
        out.push(t);
    }
    out
}

pub(super) fn starts_with(a: &[String], b: &[String]) -> bool {
    !b.is_empty() && a.len() >= b.len() && a[..b.len()] == *b
}

pub(super) fn squash(s: &str) -> String {
    tokens(s).concat()
}
