//! The commented file `openindex new` writes, generated from [`super::schema`]: every
//! key with what it means and the allowed values, statuses `unknown`, and the keys only a
//! contributor can fill left commented out, so `check` asks for them.

use super::schema::{self, Field, Ty};
use crate::model::*;

/// The text of a new release file.
pub fn release(slug: &str, kind: Kind, today: Date) -> String {
    let mut out = String::from("+++\n");
    out.push_str(&format!(
        "# A release of the Openness Index: one exact artifact. Every key is explained below;\n\
         # CONTRIBUTING.md has the full reference. Lines starting with `# key =` are required\n\
         # and must be filled in before `openindex check` passes. File: content/models/{slug}.md\n\n"
    ));
    for f in schema::release() {
        match &f.ty {
            Ty::Table(_) | Ty::Tables(_) => {}
            _ => scalar(&mut out, f, kind, today),
        }
    }
    for f in schema::release() {
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
                    out.push_str(&format!(
                        "# {}\n{} = {{ status = \"unknown\" }}\n",
                        c.doc, c.key
                    ));
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
                    out.push_str(&format!("# {} = \"\"\n", c.key));
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

fn scalar(out: &mut String, f: &Field, kind: Kind, today: Date) {
    let allowed = match &f.ty {
        Ty::Enum(words) => format!(" ({})", words.join(" | ")),
        _ => String::new(),
    };
    out.push_str(&format!("# {}{}\n", f.doc, allowed));
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
