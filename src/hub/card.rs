//! The model card's YAML metadata block, read as far as `derive` needs: top-level scalars
//! and lists.

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
}
