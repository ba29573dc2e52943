//! The release file's two parts: TOML front matter between `+++` lines, then the markdown
//! narrative.

use crate::diag::{Code, Diagnostic};
use std::path::Path;

/// Splits `+++` front matter from the body. Returns the TOML text, its byte offset in
/// the file and the body; reports a diagnostic and returns `None` when malformed.
pub fn split_front_matter<'a>(
    text: &'a str,
    file: &Path,
    diags: &mut Vec<Diagnostic>,
) -> Option<(&'a str, usize, &'a str)> {
    let first_end = text.find('\n').unwrap_or(text.len());
    let first = text[..first_end].trim_end_matches('\r');
    let first = first.strip_prefix('\u{feff}').unwrap_or(first);
    if first.trim_end() != "+++" {
        diags.push(
            Diagnostic::error(
                Code::FrontMatterMissing,
                file,
                Some(0..first_end),
                "release file does not start with a `+++` line",
            )
            .label("expected `+++` here")
            .help("put the TOML front matter between two lines that hold only `+++`"),
        );
        return None;
    }
    let start = (first_end + 1).min(text.len());
    let mut pos = start;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        if text[pos..end].trim_end() == "+++" {
            let body_start = (end + 1).min(text.len());
            return Some((&text[start..pos], start, &text[body_start..]));
        }
        pos = end + 1;
    }
    diags.push(
        Diagnostic::error(
            Code::FrontMatterUnclosed,
            file,
            Some(0..first_end),
            "front matter is never closed",
        )
        .label("opened here")
        .help("add a line holding only `+++` after the last TOML key, before the narrative"),
    );
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_and_body_are_split_at_the_marker_lines() {
        let mut diags = Vec::new();
        let text = "+++\nname = \"x\"\n+++\nBody\n";
        let (toml, at, body) = split_front_matter(text, Path::new("a.md"), &mut diags).unwrap();
        assert_eq!((toml, at, body), ("name = \"x\"\n", 4, "Body\n"));
        assert!(diags.is_empty());
        assert!(split_front_matter("name = 1\n", Path::new("a.md"), &mut diags).is_none());
        assert!(split_front_matter("+++\nname = 1\n", Path::new("a.md"), &mut diags).is_none());
        let codes: Vec<_> = diags.iter().map(|d| d.code).collect();
        assert_eq!(codes, [Code::FrontMatterMissing, Code::FrontMatterUnclosed]);
    }
}
