//! The file formats written out for people and tools, from the schema tree of
//! [`super::schema`]: the key reference in CONTRIBUTING.md and the JSON Schemas that
//! `openindex schema` prints.

use super::schema::*;

/// The key reference of CONTRIBUTING.md, generated from the schema (a test keeps the
/// committed copy up to date).
pub fn reference_markdown() -> String {
    let mut out = String::new();
    for (title, file, fields) in [
        (
            "Release files",
            "content/models/<slug>.md (front matter)",
            Format::Release.fields(),
        ),
        (
            "License files",
            "content/licenses/<id>.toml",
            Format::License.fields(),
        ),
        (
            "Organization files",
            "content/orgs/<id>.toml",
            Format::Organization.fields(),
        ),
        ("Site settings", "site.toml", Format::Site.fields()),
    ] {
        out.push_str(&format!("### {title} — `{file}`\n\n| key | type | required | meaning |\n| --- | --- | --- | --- |\n"));
        table_rows(&mut out, "", fields);
        out.push('\n');
    }
    out
}

fn table_rows(out: &mut String, prefix: &str, fields: &[Field]) {
    for f in fields {
        let key = if prefix.is_empty() {
            f.key.to_string()
        } else {
            format!("{prefix}.{}", f.key)
        };
        let ty = match &f.ty {
            Ty::Enum(words) => words
                .iter()
                .map(|w| format!("`{w}`"))
                .collect::<Vec<_>>()
                .join(" · "),
            Ty::Tables(_) => "array of tables `[[…]]`".to_string(),
            Ty::Table(_) => "table".to_string(),
            other => other.describe(),
        };
        out.push_str(&format!(
            "| `{key}` | {ty} | {} | {} |\n",
            if f.required { "yes" } else { "no" },
            f.doc.replace('|', "\\|")
        ));
        match &f.ty {
            // The component and point tables repeat one shape: show it once.
            Ty::Table(sub) if f.key == "osaid" || f.key == "governance" => {
                for c in sub {
                    out.push_str(&format!(
                        "| `{key}.{}` | table | yes | {} |\n",
                        c.key, c.doc
                    ));
                }
                if let Some(first) = sub.first()
                    && let Ty::Table(inner) = &first.ty
                {
                    table_rows(
                        out,
                        &format!(
                            "{key}.<{}>",
                            if f.key == "osaid" {
                                "component"
                            } else {
                                "point"
                            }
                        ),
                        inner,
                    );
                }
            }
            Ty::Table(sub) if f.key == "safety" => {
                for c in sub {
                    out.push_str(&format!("| `{key}.{}` | table | no | {} |\n", c.key, c.doc));
                }
                if let Some(first) = sub.first()
                    && let Ty::Table(inner) = &first.ty
                {
                    table_rows(out, &format!("{key}.<fact>"), inner);
                }
            }
            Ty::Table(sub) => table_rows(out, &key, sub),
            Ty::Tables(sub) => table_rows(out, &format!("{key}[]"), sub),
            _ => {}
        }
    }
}

/// The JSON Schema (draft 2020-12) of a file format, for editors and other tools.
pub fn json_schema(title: &str, fields: &[Field]) -> serde_json::Value {
    let mut v = object_schema(fields);
    if let serde_json::Value::Object(m) = &mut v {
        m.insert(
            "$schema".into(),
            "https://json-schema.org/draft/2020-12/schema".into(),
        );
        m.insert("title".into(), title.into());
    }
    v
}

fn object_schema(fields: &[Field]) -> serde_json::Value {
    let props: serde_json::Map<String, serde_json::Value> = fields
        .iter()
        .map(|f| (f.key.to_string(), type_schema(&f.ty, f.doc)))
        .collect();
    let required: Vec<&str> = fields
        .iter()
        .filter(|f| f.required)
        .map(|f| f.key)
        .collect();
    serde_json::json!({ "type": "object", "properties": props, "required": required, "additionalProperties": false })
}

fn type_schema(ty: &Ty, doc: &str) -> serde_json::Value {
    use serde_json::json;
    let mut v = match ty {
        Ty::Str => json!({ "type": "string", "minLength": 1 }),
        Ty::Date => json!({ "type": "string", "format": "date" }),
        Ty::Bool => json!({ "type": "boolean" }),
        Ty::Int => json!({ "type": "integer" }),
        Ty::Url => json!({ "type": "string", "pattern": "^https?://" }),
        Ty::Ref(_) => json!({ "type": "string", "pattern": "^[a-z0-9][a-z0-9.-]*$" }),
        Ty::Enum(words) => json!({ "type": "string", "enum": words }),
        Ty::Array(inner) => json!({ "type": "array", "items": type_schema(inner, "") }),
        Ty::Table(fields) => object_schema(fields),
        Ty::Tables(fields) => json!({ "type": "array", "items": object_schema(fields) }),
    };
    if !doc.is_empty()
        && let serde_json::Value::Object(m) = &mut v
    {
        m.insert("description".into(), doc.into());
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    /// CONTRIBUTING.md carries the generated key reference between two markers; run with
    /// `UPDATE_DOCS=1` to rewrite it.
    #[test]
    fn contributing_reference_is_up_to_date() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("CONTRIBUTING.md");
        let text = std::fs::read_to_string(&path).unwrap();
        let (begin, end) = ("<!-- reference:begin -->\n", "<!-- reference:end -->");
        let start = text.find(begin).expect("begin marker") + begin.len();
        let stop = text.find(end).expect("end marker");
        let fresh = reference_markdown();
        if text[start..stop] != fresh {
            if std::env::var_os("UPDATE_DOCS").is_some() {
                std::fs::write(
                    &path,
                    format!("{}{}{}", &text[..start], fresh, &text[stop..]),
                )
                .unwrap();
            } else {
                panic!(
                    "CONTRIBUTING.md key reference is stale: run `UPDATE_DOCS=1 cargo test contributing_reference`"
                );
            }
        }
    }
}
