//! Shape validation: walks a parsed TOML tree (with spans) against the schema in
//! [`super::schema`] and reports every unknown key (with "did you mean"), missing key,
//! wrong type, unknown enum word and impossible date — all of them, in one pass.

use super::schema::{Field, RefKind, Ty};
use crate::diag::{Code, Diagnostic, did_you_mean};
use crate::model::Date;
use std::ops::Range;
use std::path::Path;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// Where diagnostics go and how spans are shifted into file coordinates.
pub struct Ctx<'a> {
    /// File, relative to the site root.
    pub file: &'a Path,
    /// Byte offset of the TOML text in the file.
    pub offset: usize,
    /// Collected problems.
    pub diags: &'a mut Vec<Diagnostic>,
}

impl Ctx<'_> {
    /// Shifts a TOML span into file coordinates.
    pub fn span(&self, r: Range<usize>) -> Range<usize> {
        r.start + self.offset..r.end + self.offset
    }

    /// Records an error at `span` (file coordinates) with its caret label and help.
    fn error(
        &mut self,
        code: Code,
        span: Range<usize>,
        message: String,
        label: &str,
        help: impl Into<String>,
    ) {
        let d = Diagnostic::error(code, self.file, Some(span), message);
        self.diags.push(d.label(label).help(help));
    }
}

/// Where a value is in the document (`license.weights`, `sources[2].url`), written out only
/// when a message needs it: checking a valid file builds no strings.
#[derive(Clone, Copy)]
enum KeyPath<'a> {
    /// The document itself.
    Root,
    /// A key of a table.
    Key(&'a KeyPath<'a>, &'a str),
    /// An item of an array.
    Item(&'a KeyPath<'a>, usize),
}

impl KeyPath<'_> {
    fn is_root(&self) -> bool {
        matches!(self, KeyPath::Root)
    }
}

impl std::fmt::Display for KeyPath<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            KeyPath::Root => Ok(()),
            KeyPath::Key(parent, key) if parent.is_root() => f.write_str(key),
            KeyPath::Key(parent, key) => write!(f, "{parent}.{key}"),
            KeyPath::Item(parent, i) => write!(f, "{parent}[{i}]"),
        }
    }
}

/// Checks a whole document (the root table) against `fields`. `root_span` (in file
/// coordinates) is where "missing key" diagnostics for top-level keys point.
pub fn check_document(
    root: &DeTable<'_>,
    fields: &[Field],
    root_span: Range<usize>,
    cx: &mut Ctx<'_>,
) {
    check_table(root, fields, &KeyPath::Root, root_span, cx);
}

fn check_table(
    table: &DeTable<'_>,
    fields: &[Field],
    path: &KeyPath<'_>,
    span: Range<usize>,
    cx: &mut Ctx<'_>,
) {
    for (key, value) in table.iter() {
        let name = key.get_ref().as_ref();
        match fields.iter().find(|f| f.key == name) {
            Some(field) => check_value(value, &field.ty, &KeyPath::Key(path, name), cx),
            None => {
                let mut d = Diagnostic::error(
                    Code::UnknownKey,
                    cx.file,
                    Some(cx.span(key.span())),
                    format!("unknown key `{}`", KeyPath::Key(path, name)),
                )
                .label("not a key of this table");
                let allowed: Vec<&str> = fields.iter().map(|f| f.key).collect();
                d = match did_you_mean(name, allowed.iter().copied()) {
                    Some(s) => d.help(format!("did you mean `{s}`?")),
                    None => d.help(format!("allowed keys here: {}", allowed.join(", "))),
                };
                cx.diags.push(d);
            }
        }
    }
    for field in fields.iter().filter(|f| f.required) {
        if !table.keys().any(|k| k.get_ref().as_ref() == field.key) {
            let full = KeyPath::Key(path, field.key);
            let mut d = Diagnostic::error(
                Code::MissingKey,
                cx.file,
                Some(span.clone()),
                format!("missing required key `{full}`"),
            )
            .label(if path.is_root() {
                "in this front matter".to_string()
            } else {
                format!("in `{path}`")
            });
            d = d.help(format!(
                "add `{}` — {}: {}",
                field.key,
                field.ty.describe(),
                field.doc
            ));
            cx.diags.push(d);
        }
    }
}

fn wrong_type(value: &Spanned<DeValue<'_>>, ty: &Ty, path: &KeyPath<'_>, cx: &mut Ctx<'_>) {
    let d = Diagnostic::error(
        Code::WrongType,
        cx.file,
        Some(cx.span(value.span())),
        format!(
            "`{path}` must be {}, found {}",
            ty.describe(),
            value.get_ref().type_str()
        ),
    )
    .label(format!("expected {}", ty.describe()));
    let d = match ty {
        Ty::Date => d.help("write the date bare, without quotes: 2025-03-13"),
        Ty::Enum(words) => d.help(format!("use one of: {}", quote_all(words))),
        _ => d,
    };
    cx.diags.push(d);
}

fn quote_all(words: &[&str]) -> String {
    words
        .iter()
        .map(|w| format!("\"{w}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A value's problem: its code, message, label and help.
type Problem = (Code, String, &'static str, String);

fn check_value(value: &Spanned<DeValue<'_>>, ty: &Ty, path: &KeyPath<'_>, cx: &mut Ctx<'_>) {
    let span = cx.span(value.span());
    let problem: Option<Problem> = match (ty, value.get_ref()) {
        (Ty::Str, DeValue::String(s)) => s.trim().is_empty().then(|| {
            let help = "fill it in, or remove the key if it is optional";
            (
                Code::InvalidValue,
                format!("`{path}` is empty"),
                "empty string",
                help.into(),
            )
        }),
        (Ty::Bool, DeValue::Boolean(_)) | (Ty::Int, DeValue::Integer(_)) => None,
        (Ty::Url, DeValue::String(s)) => check_url(s).err().map(|why| {
            let help = "write the full address, starting with https:// (or http://)";
            let message = format!("`{path}` is not a usable URL: {why}");
            (
                Code::InvalidUrl,
                message,
                "not an absolute http(s) URL",
                help.into(),
            )
        }),
        (Ty::Ref(kind), DeValue::String(s)) => (!is_id(s)).then(|| {
            let what = if *kind == RefKind::Source {
                "source id"
            } else {
                "id"
            };
            let message = format!("`{path}`: \"{s}\" is not a valid {what}");
            let help = "use lowercase letters, digits and hyphens, e.g. \"llama-3-1-community\"";
            (
                Code::InvalidSlug,
                message,
                "ids use only a-z, 0-9, `-` and `.`",
                help.into(),
            )
        }),
        (Ty::Enum(words), DeValue::String(s)) => (!words.contains(&s.as_ref())).then(|| {
            let help = match did_you_mean(s, words.iter().copied()) {
                Some(w) => format!("did you mean \"{w}\"? allowed: {}", quote_all(words)),
                None => format!("use one of: {}", quote_all(words)),
            };
            let message = format!("`{path}` cannot be \"{s}\"");
            (Code::InvalidValue, message, "not an allowed value", help)
        }),
        (Ty::Date, DeValue::Datetime(dt)) => to_date(dt).err().map(|why| {
            let help = "write a real date with no time part: YYYY-MM-DD";
            (
                Code::InvalidDate,
                format!("`{path}`: {why}"),
                "not a calendar date",
                help.into(),
            )
        }),
        (Ty::Date, DeValue::String(s)) if Date::parse_iso(s).is_some() => {
            let message = format!("`{path}` is a quoted string, not a date");
            let help = format!("write {s} without quotes: TOML dates are bare");
            Some((Code::WrongType, message, "remove the quotes", help))
        }
        (Ty::Array(inner), DeValue::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                check_value(item, inner, &KeyPath::Item(path, i), cx);
            }
            None
        }
        (Ty::Table(fields), DeValue::Table(t)) => {
            check_table(t, fields, path, span.clone(), cx);
            None
        }
        (Ty::Tables(fields), DeValue::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                let at = KeyPath::Item(path, i);
                match item.get_ref() {
                    DeValue::Table(t) => check_table(t, fields, &at, cx.span(item.span()), cx),
                    _ => wrong_type(item, &Ty::Table(fields.clone()), &at, cx),
                }
            }
            None
        }
        _ => {
            wrong_type(value, ty, path, cx);
            None
        }
    };
    if let Some((code, message, label, help)) = problem {
        cx.error(code, span, message, label, help);
    }
}

/// Converts a TOML datetime to a date, refusing times, offsets and impossible days.
pub fn to_date(dt: &toml::value::Datetime) -> Result<Date, String> {
    if dt.time.is_some() || dt.offset.is_some() {
        return Err(format!("{dt} has a time part; only the date is recorded"));
    }
    let d = dt.date.ok_or_else(|| format!("{dt} is not a date"))?;
    Date::new(i32::from(d.year), u32::from(d.month), u32::from(d.day))
        .ok_or_else(|| format!("{dt} is not a real calendar date"))
}

/// Checks that a string is an absolute http(s) URL with a host and no spaces.
pub fn check_url(s: &str) -> Result<(), String> {
    let rest = if let Some(r) = s.strip_prefix("https://") {
        r
    } else if let Some(r) = s.strip_prefix("http://") {
        r
    } else {
        let scheme = s.split(':').next().unwrap_or("");
        return Err(if s.contains(':') && !scheme.is_empty() {
            format!("the scheme `{scheme}:` is not allowed (only http and https)")
        } else {
            "it is not absolute (no https://)".to_string()
        });
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    if host.is_empty() || !host.contains('.') && host != "localhost" {
        return Err("it has no host name".into());
    }
    if s.chars()
        .any(|c| c.is_whitespace() || c.is_control() || c == '"' || c == '<' || c == '>')
    {
        return Err("it contains spaces, quotes or angle brackets (percent-encode them)".into());
    }
    Ok(())
}

/// Ids and slugs: `[a-z0-9][a-z0-9.-]*`, at most 100 characters.
pub fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 100
        && s.bytes()
            .next()
            .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.')
}

/// Release slugs: `[a-z0-9-]+` (no dots: they become directory names).
pub fn is_slug(s: &str) -> bool {
    is_id(s) && !s.contains('.')
}
