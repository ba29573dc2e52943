//! The file formats as data: every key of a release file, a license file, an organization
//! file and `site.toml`, with its type, whether it is required, and what it means. The keys
//! are written down in `formats.toml` (embedded in the binary); this module reads them into
//! a tree of [`Field`]s, naming the code's vocabularies and definition lists.
//!
//! The same tree drives validation (`content::tree::check_document`), the commented template that
//! `openindex new` writes, the JSON Schema printed by `openindex schema`, and the key
//! reference in CONTRIBUTING.md — so the format is defined once.

use crate::model::*;
use std::sync::OnceLock;

/// What another file or table an id refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefKind {
    /// `content/orgs/<id>.toml`.
    Organization,
    /// `content/licenses/<id>.toml`.
    License,
    /// `content/models/<slug>.md`.
    Release,
    /// A `[[sources]]` id of the same file.
    Source,
}

/// The type of a value.
#[derive(Debug, Clone)]
pub enum Ty {
    /// A one-line string.
    Str,
    /// A calendar date, `YYYY-MM-DD`, unquoted.
    Date,
    /// `true` or `false`.
    Bool,
    /// An integer.
    Int,
    /// An absolute http(s) URL.
    Url,
    /// An id of another record.
    Ref(RefKind),
    /// One of a closed list of words.
    Enum(Vec<&'static str>),
    /// An array of values.
    Array(Box<Ty>),
    /// A table with the given keys.
    Table(Vec<Field>),
    /// An array of tables with the given keys (`[[name]]`).
    Tables(Vec<Field>),
}

impl Ty {
    /// How the type is named in diagnostics.
    pub fn describe(&self) -> String {
        match self {
            Ty::Str => "a string".into(),
            Ty::Date => "a date (YYYY-MM-DD, unquoted)".into(),
            Ty::Bool => "true or false".into(),
            Ty::Int => "an integer".into(),
            Ty::Url => "an http(s) URL string".into(),
            Ty::Ref(k) => format!("{} id (a string)", ref_name(*k)),
            Ty::Enum(_) => "one of the allowed words (a string)".into(),
            Ty::Array(inner) => format!("an array of {}", inner.describe()),
            Ty::Table(_) => "a table".into(),
            Ty::Tables(_) => "an array of tables".into(),
        }
    }
}

/// The name of what a reference points at.
pub fn ref_name(k: RefKind) -> &'static str {
    match k {
        RefKind::Organization => "an organization",
        RefKind::License => "a license",
        RefKind::Release => "a release",
        RefKind::Source => "a source",
    }
}

/// One key of a table.
#[derive(Debug, Clone)]
pub struct Field {
    /// The key.
    pub key: &'static str,
    /// Its type.
    pub ty: Ty,
    /// Whether it must be present.
    pub required: bool,
    /// What it means.
    pub doc: &'static str,
    /// A TOML example value used by `openindex new` (when different from the default).
    pub example: Option<&'static str>,
}

/// The lists a formats file names and the code defines: the words of a vocabulary
/// (`type = "enum:<name>"`) and the keys of a definition list (`each = { required =
/// "<name>", … }`).
pub trait Names {
    /// The words of the vocabulary `name`.
    fn words(&self, name: &str) -> Option<Vec<&'static str>>;
    /// The keys of the list `name`, each with what it means.
    fn keys(&self, name: &str) -> Option<Vec<(&'static str, &'static str)>>;
}

/// The vocabularies and definition lists of [`crate::model`].
pub struct ModelNames;

impl Names for ModelNames {
    fn words(&self, name: &str) -> Option<Vec<&'static str>> {
        Some(match name {
            "kind" => Kind::spellings(),
            "modality" => Modality::spellings(),
            "availability" => Availability::spellings(),
            "component-status" => ComponentStatus::spellings(),
            "point-status" => PointStatus::spellings(),
            "license-standard" => LicenseStandard::spellings(),
            "distillation" => Distillation::spellings(),
            "org-kind" => OrgKind::spellings(),
            "source-kind" => SourceKind::spellings(),
            "failure-mode" => FAILURE_MODES.iter().map(|m| m.slug()).collect(),
            _ => return None,
        })
    }

    fn keys(&self, name: &str) -> Option<Vec<(&'static str, &'static str)>> {
        Some(match name {
            "component" => COMPONENTS.iter().map(|c| (c.key, c.open_means)).collect(),
            "point" => POINTS.iter().map(|p| (p.key, p.asks)).collect(),
            _ => return None,
        })
    }
}

/// A formats file, parsed (see `formats.toml` for the notation): read once, then each of
/// its formats is read from it into [`Field`]s.
pub struct Formats {
    /// The file's name, for the messages of a malformed file.
    file: &'static str,
    parsed: FormatsFile,
}

/// A formats file as written.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct FormatsFile {
    #[serde(default)]
    keys: std::collections::BTreeMap<String, Decl>,
    #[serde(default)]
    tables: std::collections::BTreeMap<String, Vec<Decl>>,
    formats: std::collections::BTreeMap<String, Vec<Decl>>,
}

/// One key as written.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Decl {
    required: Option<String>,
    optional: Option<String>,
    #[serde(rename = "type")]
    ty: Option<String>,
    doc: Option<String>,
    eg: Option<String>,
    keys: Option<Vec<Decl>>,
    each: Option<Box<Decl>>,
    #[serde(rename = "use")]
    uses: Option<String>,
}

impl Formats {
    /// Parses the formats file `file`, whose text (embedded in the binary) is `text`.
    ///
    /// # Panics
    /// When the file does not follow its notation: the file is part of the program, and a
    /// unit test reads every format it has.
    pub fn parse(file: &'static str, text: &str) -> Self {
        let parsed = toml::from_str(text).unwrap_or_else(|e| panic!("{file} does not parse: {e}"));
        Formats { file, parsed }
    }

    /// The keys of `format`, resolving vocabularies and lists through `names`.
    ///
    /// # Panics
    /// As [`Formats::parse`], when the format does not follow the notation.
    pub fn read(&self, format: &str, names: &dyn Names) -> Vec<Field> {
        let reader = Reader {
            file: self.file,
            parsed: &self.parsed,
            names,
        };
        let decls = self.parsed.formats.get(format);
        let decls = decls.unwrap_or_else(|| reader.fail(format!("no format `{format}`")));
        reader.fields(decls)
    }
}

struct Reader<'a> {
    file: &'a str,
    parsed: &'a FormatsFile,
    names: &'a dyn Names,
}

/// A string of the formats file, kept for the life of the program (each format is read
/// once).
fn keep(s: &str) -> &'static str {
    Box::leak(s.to_owned().into_boxed_str())
}

impl Reader<'_> {
    fn fail(&self, what: String) -> ! {
        panic!("{}: {what}", self.file)
    }

    fn fields(&self, decls: &[Decl]) -> Vec<Field> {
        decls.iter().map(|d| self.field(d)).collect()
    }

    /// The field a declaration stands for: itself, or the shared key it uses.
    fn field(&self, d: &Decl) -> Field {
        match &d.uses {
            Some(name) => match self.parsed.keys.get(name) {
                Some(shared) => self.one(shared, None),
                None => self.fail(format!("no key `{name}` to use")),
            },
            None => self.one(d, None),
        }
    }

    /// One field; `named` gives the key and meaning of an `each` entry.
    fn one(&self, d: &Decl, named: Option<(&'static str, &'static str)>) -> Field {
        let (key, required) = match (&d.required, &d.optional) {
            (Some(k), None) => (k, true),
            (None, Some(k)) => (k, false),
            _ => self.fail(format!(
                "a key needs one of `required` and `optional` (doc: {:?})",
                d.doc
            )),
        };
        let (key, doc) = match named {
            Some(kd) => kd,
            None => (
                keep(key),
                keep(
                    d.doc
                        .as_deref()
                        .unwrap_or_else(|| self.fail(format!("`{key}` has no doc"))),
                ),
            ),
        };
        let ty =
            d.ty.as_deref()
                .unwrap_or_else(|| self.fail(format!("`{key}` has no type")));
        Field {
            key,
            ty: self.ty(ty, d),
            required,
            doc,
            example: d.eg.as_deref().map(keep),
        }
    }

    fn ty(&self, ty: &str, d: &Decl) -> Ty {
        if let Some(inner) = ty.strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
            return match self.ty(inner, d) {
                Ty::Table(fields) => Ty::Tables(fields),
                other => Ty::Array(Box::new(other)),
            };
        }
        if let Some(name) = ty.strip_prefix("enum:") {
            let words = self.names.words(name);
            return Ty::Enum(words.unwrap_or_else(|| self.fail(format!("no vocabulary `{name}`"))));
        }
        if let Some(name) = ty.strip_prefix("ref:") {
            return Ty::Ref(match name {
                "organization" => RefKind::Organization,
                "license" => RefKind::License,
                "release" => RefKind::Release,
                "source" => RefKind::Source,
                _ => self.fail(format!("no record kind `{name}`")),
            });
        }
        match ty {
            "str" => Ty::Str,
            "date" => Ty::Date,
            "bool" => Ty::Bool,
            "int" => Ty::Int,
            "url" => Ty::Url,
            "table" => Ty::Table(self.table(d)),
            shape => match self.parsed.tables.get(shape) {
                Some(decls) => Ty::Table(self.fields(decls)),
                None => self.fail(format!("no type or table `{shape}`")),
            },
        }
    }

    /// The keys of a `table`: listed, or one per entry of a list.
    fn table(&self, d: &Decl) -> Vec<Field> {
        match (&d.keys, &d.each) {
            (Some(keys), None) => self.fields(keys),
            (None, Some(each)) => {
                let list = each.required.as_deref().or(each.optional.as_deref());
                let name = list
                    .and_then(|k| k.strip_prefix('<')?.strip_suffix('>'))
                    .unwrap_or_else(|| self.fail(format!("`each` names no list: {list:?}")));
                let keys = self.names.keys(name);
                let keys = keys.unwrap_or_else(|| self.fail(format!("no list `{name}`")));
                keys.into_iter()
                    .map(|kd| self.one(each, Some(kd)))
                    .collect()
            }
            _ => self.fail(format!("a table needs `keys` or `each`: {:?}", d.doc)),
        }
    }
}

crate::model::vocab!(
    /// A content file format (a `[formats]` entry of `formats.toml`).
    Format {
        Release => "release": "the front matter of `content/models/<slug>.md`",
        License => "license": "`content/licenses/<id>.toml`",
        Organization => "organization": "`content/orgs/<id>.toml`",
        Site => "site": "`site.toml`",
    }
);

impl Format {
    /// The format's keys, read from the embedded `formats.toml` on first use.
    pub fn fields(self) -> &'static [Field] {
        static FILE: OnceLock<Formats> = OnceLock::new();
        static READ: [OnceLock<Vec<Field>>; 4] = [const { OnceLock::new() }; 4];
        READ[self.place()].get_or_init(|| {
            let file = FILE.get_or_init(|| {
                Formats::parse("src/content/formats.toml", include_str!("formats.toml"))
            });
            file.read(self.as_str(), &ModelNames)
        })
    }
}

pub use super::reference::{json_schema, reference_markdown};

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<Field> {
        Formats::parse("test.toml", text).read("x", &ModelNames)
    }

    #[test]
    fn every_content_format_reads_with_the_code_s_lists() {
        for f in Format::ALL {
            assert!(!f.fields().is_empty(), "{f}");
        }
        let release = Format::Release.fields();
        let osaid = release.iter().find(|f| f.key == "osaid").unwrap();
        let Ty::Table(components) = &osaid.ty else {
            panic!("osaid is a table")
        };
        let keys: Vec<_> = components.iter().map(|c| (c.key, c.doc)).collect();
        let want: Vec<_> = COMPONENTS.iter().map(|c| (c.key, c.open_means)).collect();
        assert_eq!(keys, want);
        assert!(components.iter().all(|c| c.required));
    }

    #[test]
    fn shapes_shared_keys_arrays_and_lists_expand() {
        let fields = read(
            r#"
            [keys]
            note = { optional = "note", type = "str", doc = "a note" }
            [tables]
            pair = [{ required = "a", type = "int", doc = "first" }, { use = "note" }]
            [formats]
            x = [
              { required = "one", type = "pair", doc = "a pair", eg = "{ a = 1 }" },
              { optional = "many", type = "[pair]", doc = "pairs" },
              { optional = "ids", type = "[ref:source]", doc = "ids" },
              { optional = "by_point", type = "table", doc = "per point", each = { optional = "<point>", type = "enum:point-status" } },
            ]
            "#,
        );
        assert_eq!(fields.len(), 4);
        assert!(fields[0].required && fields[0].example == Some("{ a = 1 }"));
        let Ty::Table(pair) = &fields[0].ty else {
            panic!("a pair is a table")
        };
        assert_eq!(
            (pair[1].key, pair[1].doc, pair[1].required),
            ("note", "a note", false)
        );
        assert!(matches!(&fields[1].ty, Ty::Tables(p) if p.len() == 2));
        assert!(
            matches!(&fields[2].ty, Ty::Array(inner) if matches!(**inner, Ty::Ref(RefKind::Source)))
        );
        let Ty::Table(points) = &fields[3].ty else {
            panic!("a table")
        };
        assert_eq!(points.len(), POINTS.len());
        assert_eq!(points[0].doc, POINTS[0].asks);
        assert!(matches!(&points[0].ty, Ty::Enum(w) if *w == PointStatus::spellings()));
    }

    #[test]
    #[should_panic(expected = "test.toml: no vocabulary `colour`")]
    fn an_unknown_vocabulary_is_named() {
        read(r#"formats.x = [{ required = "a", type = "enum:colour", doc = "d" }]"#);
    }

    #[test]
    #[should_panic(expected = "test.toml: no type or table `pear`")]
    fn an_unknown_type_is_named() {
        read(r#"formats.x = [{ required = "a", type = "pear", doc = "d" }]"#);
    }

    #[test]
    #[should_panic(expected = "needs one of `required` and `optional`")]
    fn a_key_must_say_whether_it_is_required() {
        read(r#"formats.x = [{ required = "a", optional = "a", type = "str", doc = "d" }]"#);
    }
}
