//! The commented file `openindex new` writes, generated from [`super::schema`]: every
//! key with what it means and the allowed values, statuses `unknown`, and the keys only a
//! contributor can fill left commented out, so `check` asks for them.

use super::schema::{self, Field, Ty};
use crate::model::*;

/// Values known before a contributor opens the file (from `openindex new --from-hub`):
/// each one replaces the commented line `new` otherwise writes for its key.
#[derive(Debug, Clone, Default)]
pub struct Prefill {
    /// Top-level keys: key → the TOML value as written (`"Name"`, `2025-03-13`, `{ … }`),
    /// with an optional comment written after it.
    pub keys: Vec<(&'static str, String, Option<String>)>,
    /// Keys left commented out, with a comment saying why (key → comment).
    pub hints: Vec<(&'static str, String)>,
    /// `[license]` keys: key → license id, or `Err(comment)` to leave it commented.
    pub license: Vec<(&'static str, Result<String, String>)>,
    /// `[governance]` notes: point key → note (status stays `unknown`).
    pub notes: Vec<(&'static str, String)>,
    /// `[[sources]]` written out: (id, url, kind, title).
    pub sources: Vec<(String, String, SourceKind, String)>,
}

/// A TOML basic string.
pub fn quote(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// The text of a new release file.
pub fn release(slug: &str, kind: Kind, today: Date) -> String {
    release_with(slug, kind, today, &Prefill::default())
}

/// The text of a new release file with some values already known.
pub fn release_with(slug: &str, kind: Kind, today: Date, pre: &Prefill) -> String {
    let mut out = String::from("+++\n");
    out.push_str(&format!(
        "# A release of the Openness Index: one exact artifact. Every key is explained below;\n\
         # CONTRIBUTING.md has the full reference. Lines starting with `# key =` are required\n\
         # and must be filled in before `openindex check` passes. File: content/models/{slug}.md\n\n"
    ));
    for f in schema::Format::Release.fields() {
        match &f.ty {
            // An inline table before the first `[table]`, written only when known.
            Ty::Table(_) if pre.keys.iter().any(|(k, _, _)| *k == f.key) => {
                scalar(&mut out, f, kind, today, pre)
            }
            Ty::Table(_) | Ty::Tables(_) => {}
            _ => scalar(&mut out, f, kind, today, pre),
        }
    }
    for f in schema::Format::Release.fields() {
        match (&f.ty, f.key) {
            (Ty::Table(fields), "osaid" | "governance") => {
                out.push_str(&format!("\n# {}\n[{}]\n", f.doc, f.key));
                let words = if f.key == "osaid" {
                    ComponentStatus::spellings()
                } else {
                    PointStatus::spellings()
                };
                out.push_str(&format!("# status: {}; evidence: source ids (required unless unknown); note: optional\n", words.join(" | ")));
                for c in fields {
                    match pre.notes.iter().find(|(k, _)| *k == c.key) {
                        Some((_, note)) => out.push_str(&format!(
                            "# {}\n{} = {{ status = \"unknown\", note = {} }}\n",
                            c.doc,
                            c.key,
                            quote(note)
                        )),
                        None => out.push_str(&format!(
                            "# {}\n{} = {{ status = \"unknown\" }}\n",
                            c.doc, c.key
                        )),
                    }
                }
            }
            (Ty::Table(fields), "license") => {
                out.push_str(&format!("\n# {}\n[license]\n", f.doc));
                for c in fields {
                    out.push_str(&format!(
                        "# {}{}\n",
                        c.doc,
                        if c.required {
                            " (required)"
                        } else {
                            " (optional)"
                        }
                    ));
                    match pre.license.iter().find(|(k, _)| *k == c.key) {
                        Some((_, Ok(id))) => out.push_str(&format!("{} = {}\n", c.key, quote(id))),
                        Some((_, Err(why))) => {
                            out.push_str(&format!("# {} = \"\"    # {why}\n", c.key))
                        }
                        None => out.push_str(&format!("# {} = \"\"\n", c.key)),
                    }
                }
            }
            (Ty::Table(fields), "safety") => {
                out.push_str(&format!(
                    "\n# {}\n# value = true | false; evidence required when true\n[safety]\n",
                    f.doc
                ));
                for c in fields {
                    out.push_str(&format!("# {}\n# {} = {{ value = false }}\n", c.doc, c.key));
                }
            }
            (Ty::Tables(_), "marketed_as") => {
                out.push_str(&format!(
                    "\n# {}\n# [[marketed_as]]\n# claim = \"\"\n# source = \"\"\n",
                    f.doc
                ));
            }
            (Ty::Tables(_), "findings") => {
                out.push_str(&format!(
                    "\n# {}\n# mode: {}\n# [[findings]]\n# mode = \"\"\n# reason = \"\"\n# evidence = []\n",
                    f.doc,
                    FAILURE_MODES.iter().map(|m| m.slug()).collect::<Vec<_>>().join(" | ")
                ));
            }
            (Ty::Tables(fields), "sources") => {
                out.push_str(&format!("\n# {}\n", f.doc));
                out.push_str(&format!(
                    "# kind: {}\n",
                    SourceKind::spellings().join(" | ")
                ));
                for (id, url, kind, title) in &pre.sources {
                    out.push_str(&format!(
                        "[[sources]]\nid = {}\nurl = {}\nkind = \"{kind}\"\ntitle = {}\naccessed = {today}\n\n",
                        quote(id),
                        quote(url),
                        quote(title)
                    ));
                }
                out.push_str("# [[sources]]\n");
                for c in fields {
                    out.push_str(&format!(
                        "# {} = {}    # {}\n",
                        c.key,
                        placeholder(&c.ty, today),
                        c.doc
                    ));
                }
            }
            _ => {}
        }
    }
    out.push_str("+++\n\n");
    out.push_str(NARRATIVE_PLACEHOLDER);
    out.push('\n');
    out
}

/// The narrative `openindex new` writes; `check` warns while it is still there.
pub const NARRATIVE_PLACEHOLDER: &str = "What was released, what was not, what the license lets you do, and why the verdicts are\nwhat they are — in your own words, 100–400 words.";

fn scalar(out: &mut String, f: &Field, kind: Kind, today: Date, pre: &Prefill) {
    let allowed = match &f.ty {
        Ty::Enum(words) => format!(" ({})", words.join(" | ")),
        _ => String::new(),
    };
    out.push_str(&format!("# {}{}\n", f.doc, allowed));
    if f.key != "kind" {
        if let Some((_, value, comment)) = pre.keys.iter().find(|(k, _, _)| *k == f.key) {
            match comment {
                Some(c) => out.push_str(&format!("{} = {value}    # {c}\n", f.key)),
                None => out.push_str(&format!("{} = {value}\n", f.key)),
            }
            return;
        }
        if let Some((_, hint)) = pre.hints.iter().find(|(k, _)| *k == f.key) {
            out.push_str(&format!("# {hint}\n"));
        }
    }
    match f.key {
        "kind" => out.push_str(&format!("kind = \"{kind}\"\n")),
        "reviewed" => out.push_str(&format!("reviewed = {today}\n")),
        "base_models" if kind.is_derivative() => out.push_str("# base_models = [\"\"]\n"),
        "base_models" => out.push_str("base_models = []\n"),
        "modality" => out.push_str("modality = \"text\"\n"),
        _ if f.required => out.push_str(&format!(
            "# {} = {}\n",
            f.key,
            f.example.unwrap_or_else(|| placeholder_static(&f.ty))
        )),
        _ => out.push_str(&format!(
            "# {} = {}\n",
            f.key,
            f.example.unwrap_or_else(|| placeholder_static(&f.ty))
        )),
    }
}

fn placeholder_static(ty: &Ty) -> &'static str {
    match ty {
        Ty::Date => "YYYY-MM-DD",
        Ty::Bool => "false",
        Ty::Int => "0",
        Ty::Array(_) => "[]",
        _ => "\"\"",
    }
}

fn placeholder(ty: &Ty, today: Date) -> String {
    match ty {
        Ty::Date => today.to_string(),
        _ => placeholder_static(ty).to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_names_every_component_and_point() {
        let t = release(
            "x",
            Kind::Distill,
            Date {
                year: 2026,
                month: 1,
                day: 2,
            },
        );
        for c in COMPONENTS {
            assert!(
                t.contains(&format!("\n{} = {{ status = \"unknown\" }}", c.key)),
                "{}",
                c.key
            );
        }
        for p in POINTS {
            assert!(
                t.contains(&format!("\n{} = {{ status = \"unknown\" }}", p.key)),
                "{}",
                p.key
            );
        }
        assert!(t.contains("kind = \"distill\""));
        assert!(t.contains("reviewed = 2026-01-02"));
        assert!(t.contains("# base_models = [\"\"]"));
    }
}
