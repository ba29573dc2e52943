//! The file formats as data: every key of a release file, a license file, an organization
//! file and `site.toml`, with its type, whether it is required, and what it means.
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

/// A required key.
pub(crate) fn req(key: &'static str, ty: Ty, doc: &'static str) -> Field {
    Field {
        key,
        ty,
        required: true,
        doc,
        example: None,
    }
}

/// An optional key.
pub(crate) fn opt(key: &'static str, ty: Ty, doc: &'static str) -> Field {
    Field {
        key,
        ty,
        required: false,
        doc,
        example: None,
    }
}

impl Field {
    fn eg(mut self, example: &'static str) -> Self {
        self.example = Some(example);
        self
    }
}

fn evidence() -> Field {
    opt(
        "evidence",
        Ty::Array(Box::new(Ty::Ref(RefKind::Source))),
        "ids of `[[sources]]` that support the status; required unless the status is `unknown`",
    )
}

fn note() -> Field {
    opt(
        "note",
        Ty::Str,
        "one or two sentences in your own words: what the source shows",
    )
}

/// The `[[sources]]` table, shared by every file type.
pub fn source_fields() -> Vec<Field> {
    vec![
        req(
            "id",
            Ty::Ref(RefKind::Source),
            "short id other keys cite, unique in the file (`card`, `license`, `paper`)",
        ),
        req(
            "url",
            Ty::Url,
            "where the source is; pin commits where you can",
        ),
        req(
            "kind",
            Ty::Enum(SourceKind::spellings()),
            "what the source is; primary kinds come from the provider or the license itself",
        ),
        req("title", Ty::Str, "the source's title as published"),
        req("accessed", Ty::Date, "the day you read it"),
    ]
}

/// A status table: the status word, its evidence and a note.
fn status_fields(words: Vec<&'static str>, what: &'static str) -> Vec<Field> {
    vec![req("status", Ty::Enum(words), what), evidence(), note()]
}

fn component_fields() -> Vec<Field> {
    let mut fields = status_fields(ComponentStatus::spellings(), "the component's status");
    fields.push(opt(
        "license",
        Ty::Ref(RefKind::License),
        "the component's own license, when it differs from `[license]`",
    ));
    fields
}

fn point_fields() -> Vec<Field> {
    status_fields(PointStatus::spellings(), "the point's status")
}

fn fact_fields() -> Vec<Field> {
    vec![req("value", Ty::Bool, "the fact"), evidence(), note()]
}

/// The front matter of `content/models/<slug>.md`.
pub fn release() -> &'static [Field] {
    static S: OnceLock<Vec<Field>> = OnceLock::new();
    S.get_or_init(|| {
        vec![
            req("name", Ty::Str, "the release's name as the provider writes it").eg("\"OLMo 2 32B\""),
            req("organization", Ty::Ref(RefKind::Organization), "id of the provider in content/orgs/").eg("\"ai2\""),
            req("kind", Ty::Enum(Kind::spellings()), "what kind of artifact this is"),
            opt("modality", Ty::Enum(Modality::spellings()), "what goes in and out (default `text`)").eg("\"text\""),
            opt("version", Ty::Str, "the provider's model id or version label that pins the artifact").eg("\"allenai/OLMo-2-0325-32B\""),
            req("release_date", Ty::Date, "the day the artifact was published (for a `not-released` release, the day it was announced)").eg("2025-03-13"),
            req("reviewed", Ty::Date, "the day a contributor last checked every fact in this file").eg("2026-11-24"),
            opt("base_models", Ty::Array(Box::new(Ty::Ref(RefKind::Release))), "slugs of the releases this one was made from (required for derivatives)").eg("[]"),
            req("availability", Ty::Enum(Availability::spellings()), "can the weights be obtained?"),
            opt(
                "artifact",
                Ty::Table(vec![
                    opt("repository", Ty::Url, "where the weights (or the service) are"),
                    opt("revision", Ty::Str, "commit, tag or revision id of the weights"),
                    opt("sha256", Ty::Str, "a published SHA-256 of the weights"),
                    opt("format", Ty::Str, "weights file format as published (safetensors, pickle, gguf)"),
                ]),
                "the exact artifact; without a revision, version or hash the release is ambiguous",
            )
            .eg("{ repository = \"https://huggingface.co/org/model\", revision = \"\", format = \"safetensors\" }"),
            opt("parameters", Ty::Str, "parameter count as published (\"32B\", \"8x7B\")").eg("\"\""),
            opt(
                "marketed_as",
                Ty::Tables(vec![
                    req("claim", Ty::Str, "the provider's words, a few at most"),
                    req("source", Ty::Ref(RefKind::Source), "the source id where they were used"),
                ]),
                "each place the provider calls the release open or open source",
            ),
            req(
                "license",
                Ty::Table(vec![
                    opt("weights", Ty::Ref(RefKind::License), "license of the weights; required unless `availability = \"not-released\"`"),
                    opt("code", Ty::Ref(RefKind::License), "license of the released code"),
                    opt("data", Ty::Ref(RefKind::License), "license of the released training data"),
                ]),
                "license ids from content/licenses/",
            ),
            req(
                "osaid",
                Ty::Table(COMPONENTS.iter().map(|c| req(c.key, Ty::Table(component_fields()), c.open_means)).collect()),
                "the OSAID 1.0 components; every one must be present (use `unknown`)",
            ),
            req(
                "governance",
                Ty::Table(POINTS.iter().map(|p| req(p.key, Ty::Table(point_fields()), p.asks)).collect()),
                "the eight release-governance points; every one must be present (use `unknown`)",
            ),
            opt(
                "safety",
                Ty::Table(vec![
                    opt("hosted_safeguards", Ty::Table(fact_fields()), "the safety case relies on layers that do not ship with the weights (hosted classifiers, system prompts, rate limits)"),
                    opt("benchmarks_published", Ty::Table(fact_fields()), "capability benchmark results are published"),
                    opt("recall_claimed", Ty::Table(fact_fields()), "the provider or license claims a power to withdraw or revoke the weights"),
                ]),
                "safety facts; an absent fact is unknown",
            ),
            opt(
                "findings",
                Ty::Tables(vec![
                    req("mode", Ty::Enum(FAILURE_MODES.iter().map(|m| m.slug()).collect()), "the failure mode"),
                    req("reason", Ty::Str, "one line: what happened"),
                    req("evidence", Ty::Array(Box::new(Ty::Ref(RefKind::Source))), "source ids"),
                ]),
                "failure modes recorded by hand, with evidence",
            ),
            req("sources", Ty::Tables(source_fields()), "every source cited in this file, numbered on the page in this order"),
        ]
    })
}

fn term() -> Ty {
    Ty::Table(vec![
        req("applies", Ty::Bool, "whether the term applies"),
        opt("detail", Ty::Str, "threshold or detail in a few words"),
        evidence(),
    ])
}

/// `content/licenses/<id>.toml`.
pub fn license() -> &'static [Field] {
    static S: OnceLock<Vec<Field>> = OnceLock::new();
    S.get_or_init(|| {
        vec![
            req("name", Ty::Str, "the license's name"),
            opt("spdx", Ty::Str, "SPDX identifier, when it has one"),
            opt("hub_ids", Ty::Array(Box::new(Ty::Str)), "the Hugging Face Hub's `license:` ids for this license (e.g. [\"llama3.1\"]), which `openindex new --from-hub` maps to this file"),
            req("url", Ty::Url, "where the license text is"),
            req("standard", Ty::Enum(LicenseStandard::spellings()), "question 1: a standard open license or a custom one?"),
            opt("copyleft", Ty::Bool, "share-alike obligations (default false)"),
            req("summary", Ty::Str, "two or three sentences in your own words"),
            req("scale_cap", term(), "question 2: a cap on scale of use (e.g. monthly active users)"),
            req("field_of_use", term(), "question 2: restricted fields of use (acceptable-use policy)"),
            req("geographic", term(), "question 2: restricted places"),
            req("revocation", term(), "question 2: the licensor may revoke the grant at its discretion"),
            req("attribution", term(), "question 3: attribution must be given"),
            req("branding", term(), "question 3: a brand must be displayed (e.g. \"Built with …\"), and above what threshold"),
            req(
                "distillation",
                Ty::Table(vec![
                    req("status", Ty::Enum(Distillation::spellings()), "training other models on outputs"),
                    opt("detail", Ty::Str, "conditions in a few words"),
                    evidence(),
                ]),
                "may outputs be used to train other models?",
            ),
            req(
                "derivative_naming",
                Ty::Table(vec![
                    req("applies", Ty::Bool, "derivatives must carry a name"),
                    opt("prefix", Ty::Str, "the word a derivative's name must begin with (checked by the lineage rule)"),
                    opt("detail", Ty::Str, "the rule in a few words"),
                    evidence(),
                ]),
                "naming rules for derivatives",
            ),
            req("sources", Ty::Tables(source_fields()), "the license text first"),
        ]
    })
}

/// `content/orgs/<id>.toml`.
pub fn organization() -> &'static [Field] {
    static S: OnceLock<Vec<Field>> = OnceLock::new();
    S.get_or_init(|| {
        vec![
            req(
                "name",
                Ty::Str,
                "the organization's short name, as tables show it",
            ),
            opt(
                "legal_name",
                Ty::Str,
                "its full legal name, when it differs from `name`",
            ),
            req(
                "country",
                Ty::Str,
                "ISO 3166-1 alpha-2 country code of its headquarters",
            ),
            req("kind", Ty::Enum(OrgKind::spellings()), "legal form"),
            req("url", Ty::Url, "home page"),
            req(
                "sources",
                Ty::Tables(source_fields()),
                "where the facts come from",
            ),
        ]
    })
}

/// `site.toml`.
pub fn site() -> &'static [Field] {
    static S: OnceLock<Vec<Field>> = OnceLock::new();
    S.get_or_init(|| {
        vec![
            opt("title", Ty::Str, "site title"),
            opt("description", Ty::Str, "one-line description"),
            opt(
                "base_url",
                Ty::Str,
                "where the site is served: `/`, a sub-path like `/index/`, or an absolute URL",
            ),
            opt("language", Ty::Str, "BCP 47 language tag (default `en`)"),
            opt(
                "repository",
                Ty::Url,
                "repository URL for \"edit this file\" and history links",
            ),
            opt("branch", Ty::Str, "branch for edit links (default `main`)"),
            opt(
                "stale_after_days",
                Ty::Int,
                "days after `reviewed` when a review is overdue (default 365)",
            ),
            opt(
                "max_file_bytes",
                Ty::Int,
                "largest content file accepted (default 1048576)",
            ),
            opt(
                "output_dir",
                Ty::Str,
                "default output directory (default `public`)",
            ),
            opt(
                "with_pdf",
                Ty::Bool,
                "also write the PDF report into the site (default false)",
            ),
            opt(
                "history_commits",
                Ty::Int,
                "content commits examined for \"verdicts last changed\" and `/changes/` (default 20; 0 turns history off)",
            ),
        ]
    })
}

pub use super::reference::{json_schema, reference_markdown};
