//! What other indexes say: pinned snapshots of two peer indexes — the European Open Source
//! AI Index (EOSAI) and the Model Openness Tool (MOT) — matched to our releases, and the
//! comparison of their values with ours.
//!
//! - [`snapshot`]: the snapshot files `content/peers/<peer>.toml` and the hand-kept
//!   `content/peers/mapping.toml`, loaded and checked with the content;
//! - [`import`]: `openindex peers import`, which reads a peer's checkout, matches its entries
//!   to our releases and writes a snapshot;
//! - [`compare`]: the dimension mapping ([`DIMENSIONS`]) and the classification of every
//!   disagreement, pure functions.
//!
//! Only names, links and the peers' values are kept; a peer's values are shown beside ours
//! as theirs and never enter our assessments.

pub mod compare;
pub mod import;
pub mod link;
pub mod names;
pub mod snapshot;

pub use compare::{Class, DIMENSIONS, Dimension, Ours};
pub use snapshot::{Decision, Entry, Mapping, Peers, Snapshot};

crate::model::vocab!(
    /// A peer index.
    PeerId {
        Eosai => "eosai": "the European Open Source AI Index (osai-index.eu), one YAML file per model family",
        Mot => "mot": "the Model Openness Tool (mot.isitopen.ai) of LF AI & Data, one YAML file per model",
    }
);

impl PeerId {
    /// The peer's name.
    pub fn name(self) -> &'static str {
        match self {
            PeerId::Eosai => "European Open Source AI Index",
            PeerId::Mot => "Model Openness Tool",
        }
    }

    /// A short name for table headers.
    pub fn short(self) -> &'static str {
        match self {
            PeerId::Eosai => "EOSAI",
            PeerId::Mot => "MOT",
        }
    }

    /// The peer's home page.
    pub fn home(self) -> &'static str {
        match self {
            PeerId::Eosai => "https://osai-index.eu/",
            PeerId::Mot => "https://mot.isitopen.ai/",
        }
    }

    /// The peer's data repository.
    pub fn repository(self) -> &'static str {
        match self {
            PeerId::Eosai => "https://github.com/Language-Technology-Assessment/main-database",
            PeerId::Mot => "https://github.com/lfai/model_openness_tool",
        }
    }

    /// The license of the peer's data.
    pub fn data_license(self) -> &'static str {
        match self {
            PeerId::Eosai => "CC-BY-4.0",
            PeerId::Mot => "MIT",
        }
    }

    /// The attribution the peer's data license asks for.
    pub fn attribution(self) -> &'static str {
        match self {
            PeerId::Eosai => {
                "Data from the European Open Source AI Index (https://osai-index.eu/), CC-BY 4.0. Liesenfeld, A. and Dingemanse, M., 2024. Rethinking open source generative AI: open-washing and the EU AI Act. In Proceedings of the 2024 ACM Conference on Fairness, Accountability, and Transparency (pp. 1774-1787)."
            }
            PeerId::Mot => {
                "Data from the Model Openness Tool (https://mot.isitopen.ai/), Copyright 2024 The Model Openness Tool Authors, MIT License (the repository's only license, covering its model files)."
            }
        }
    }

    /// The page of one entry on the peer's site (EOSAI), or its file in the peer's repository
    /// at the snapshot commit (MOT).
    ///
    /// EOSAI's site (Language-Technology-Assessment/website) routes `/model/<name>` to the
    /// file whose name, less `.yaml`, equals `<name>`: case and spaces are kept, so the name is
    /// percent-encoded (`AMD OLMo.yaml` → `/model/AMD%20OLMo`). MOT's `/model/<id>` is the id
    /// of a Drupal entity (`web/modules/mof`, `Model` entity, numeric `id` key), which the YAML
    /// files do not carry; the link goes to the file on GitHub instead.
    pub fn entry_url(self, file: &str, commit: &str) -> String {
        let enc = |s: &str| {
            percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC)
                .to_string()
                .replace("%2D", "-")
                .replace("%2E", ".")
                .replace("%5F", "_")
        };
        match self {
            PeerId::Eosai => {
                let stem = file.strip_suffix(".yaml").unwrap_or(file);
                format!("https://osai-index.eu/model/{}", enc(stem))
            }
            PeerId::Mot => format!(
                "https://github.com/lfai/model_openness_tool/blob/{commit}/models/{}",
                enc(file)
            ),
        }
    }
}

crate::model::vocab!(
    /// How a peer's entry corresponds to one of our releases.
    MatchKind {
        Exact => "exact": "the peer rates this very release",
        Family => "family": "the peer rates another size or version of the same family",
        Base => "base": "the peer rates this release's base model",
    }
);

impl MatchKind {
    /// Words for readers.
    pub fn label(self) -> &'static str {
        match self {
            MatchKind::Exact => "this release",
            MatchKind::Family => "another release of the same family",
            MatchKind::Base => "this release's base model",
        }
    }
}
