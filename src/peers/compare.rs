//! The dimension mapping between the peers and us, and the classification of every
//! disagreement. Pure functions: no I/O, no rendering.

use super::{MatchKind, PeerId};
use crate::model::*;

/// What of ours a peer's dimension compares with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", content = "key", rename_all = "kebab-case")]
pub enum Ours {
    /// An OSAID component's status (its `[osaid]` key).
    Component(&'static str),
    /// Weights availability.
    Availability,
    /// The weights license (`[license] weights`).
    WeightsLicense,
    /// The code license (`[license] code`).
    CodeLicense,
    /// Every license of the release, by class.
    AllLicenses,
}

impl Ours {
    /// A stable key for our side, for the data export: the `[osaid]` component key,
    /// `availability`, `license.weights`, `license.code` or `license`.
    pub fn key(self) -> &'static str {
        match self {
            Ours::Component(key) => key,
            Ours::Availability => "availability",
            Ours::WeightsLicense => "license.weights",
            Ours::CodeLicense => "license.code",
            Ours::AllLicenses => "license",
        }
    }

    /// How the page names our side.
    pub fn title(self) -> String {
        match self {
            Ours::Component(key) => format!(
                "{} (OSAID component)",
                component(key).map_or(key, |c| c.title)
            ),
            Ours::Availability => "availability".into(),
            Ours::WeightsLicense => "weights license".into(),
            Ours::CodeLicense => "code license".into(),
            Ours::AllLicenses => "license classes (weights, code, data)".into(),
        }
    }
}

/// One row of the mapping: a peer's field and the answer of ours it compares with.
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct Dimension {
    /// The peer.
    pub peer: PeerId,
    /// The field's key in the snapshot (`values` table).
    pub field: &'static str,
    /// The field as the peer names it.
    pub title: &'static str,
    /// Our answer it compares with.
    pub ours: Ours,
    /// How the units or rules differ.
    pub note: &'static str,
}

/// The mapping, one row per comparison. Published on `/methodology/`; the snapshot schema,
/// the import and the comparison all read it.
pub const DIMENSIONS: &[Dimension] = &[
    Dimension {
        peer: PeerId::Eosai,
        field: "datasources_basemodel",
        title: "Datasources basemodel",
        ours: Ours::Component("training_data"),
        note: "EOSAI asks whether the base model's training data is documented and shared; ours asks whether this release's training data is released. The same unit only for a base release.",
    },
    Dimension {
        peer: PeerId::Eosai,
        field: "datasources_endmodel",
        title: "Datasources endmodel",
        ours: Ours::Component("training_data"),
        note: "EOSAI asks about the fine-tuning data of the model users interact with; the same unit only for a tuned release (instruct, reasoning, fine-tune).",
    },
    Dimension {
        peer: PeerId::Eosai,
        field: "weights_endmodel",
        title: "Weights endmodel",
        ours: Ours::Availability,
        note: "EOSAI: weights shared (open), partly (partial) or not (closed). Ours: open-download compares with open, gated-download with partial, api-only and not-released with closed.",
    },
    Dimension {
        peer: PeerId::Eosai,
        field: "trainingcode",
        title: "Training code",
        ours: Ours::Component("training_code"),
        note: "EOSAI's training code covers data processing, training and tuning together; ours is training code alone (data processing code is its own component).",
    },
    Dimension {
        peer: PeerId::Eosai,
        field: "datasheet",
        title: "Datasheet",
        ours: Ours::Component("data_information"),
        note: "EOSAI asks for a datasheet in the sense of Gebru et al. (2021); ours asks for a complete description of all training data.",
    },
    Dimension {
        peer: PeerId::Eosai,
        field: "licenses",
        title: "Licenses",
        ours: Ours::AllLicenses,
        note: "EOSAI codes open only when everything, data and training code included, is under OSI-approved licenses, and partial when only some parts (such as the weights) are; ours classes each license, and open-content licenses count as open.",
    },
    Dimension {
        peer: PeerId::Mot,
        field: "model_architecture",
        title: "Model architecture",
        ours: Ours::Component("architecture"),
        note: "MOT records whether the component is included in the distribution, with its license; ours records whether it is released under open terms. MOT codes a component it has no record of as not included, where ours is unknown until a source says.",
    },
    Dimension {
        peer: PeerId::Mot,
        field: "data_preprocessing_code",
        title: "Data preprocessing code",
        ours: Ours::Component("data_processing_code"),
        note: "Included in the distribution (MOT) against released under open terms (ours).",
    },
    Dimension {
        peer: PeerId::Mot,
        field: "training_code",
        title: "Training code",
        ours: Ours::Component("training_code"),
        note: "Included in the distribution (MOT) against released with the settings used, under open terms (ours).",
    },
    Dimension {
        peer: PeerId::Mot,
        field: "inference_code",
        title: "Inference code",
        ours: Ours::Component("inference_code"),
        note: "Included in the distribution (MOT) against released under open terms (ours).",
    },
    Dimension {
        peer: PeerId::Mot,
        field: "inference_code",
        title: "Inference code (license)",
        ours: Ours::CodeLicense,
        note: "MOT falls back on the distribution's global license when a component names none, so the weights license is often copied onto the code; ours is the license the code repository carries.",
    },
    Dimension {
        peer: PeerId::Mot,
        field: "evaluation_code",
        title: "Evaluation code",
        ours: Ours::Component("evaluation_code"),
        note: "Included in the distribution (MOT) against released under open terms (ours).",
    },
    Dimension {
        peer: PeerId::Mot,
        field: "model_parameters_final",
        title: "Model parameters (Final)",
        ours: Ours::Component("parameters"),
        note: "Included (MOT) against downloadable under open terms (ours): weights under a restricted license are included there and partial here.",
    },
    Dimension {
        peer: PeerId::Mot,
        field: "model_parameters_final",
        title: "Model parameters (Final) (license)",
        ours: Ours::WeightsLicense,
        note: "The license MOT records for the final weights against our weights license (compared by SPDX id or name). MOT writes \"unlicensed\" where no license was recorded, including where its scraper could not tell.",
    },
    Dimension {
        peer: PeerId::Mot,
        field: "model_parameters_intermediate",
        title: "Model parameters (Intermediate)",
        ours: Ours::Component("checkpoints"),
        note: "Intermediate checkpoints included (MOT) against released (ours).",
    },
    Dimension {
        peer: PeerId::Mot,
        field: "datasets",
        title: "Datasets",
        ours: Ours::Component("training_data"),
        note: "MOT's datasets are training, validation and test data included in the distribution; ours is the training data released.",
    },
    Dimension {
        peer: PeerId::Mot,
        field: "data_card",
        title: "Data card",
        ours: Ours::Component("data_information"),
        note: "A data card included (MOT) against a complete description of all training data (ours).",
    },
];

/// The fields a peer's snapshot may carry, in table order, without repeats.
pub fn fields(peer: PeerId) -> Vec<(&'static str, &'static str)> {
    let mut out: Vec<(&'static str, &'static str)> = Vec::new();
    for d in DIMENSIONS.iter().filter(|d| d.peer == peer) {
        if !out.iter().any(|(f, _)| *f == d.field) {
            out.push((d.field, d.title.trim_end_matches(" (license)")));
        }
    }
    out
}

crate::model::vocab!(
    /// How a peer's value and ours relate on one dimension.
    Class {
        Agree => "agree": "the same answer",
        DifferentUnit => "different-unit": "the peer rates another artifact (another size or version of the family, or the base model) or another part of the model",
        DifferentRule => "different-rule": "the same artifact, coded under a different rule (absence coded closed there and unknown here; a global license copied onto a component; OSI-approved everything for open)",
        Factual => "factual-difference": "the same question about the same artifact, answered differently: one of the indexes is wrong",
    }
);

impl Class {
    /// Words for readers.
    pub fn label(self) -> &'static str {
        match self {
            Class::Agree => "agree",
            Class::DifferentUnit => "different unit",
            Class::DifferentRule => "different rule",
            Class::Factual => "factual difference",
        }
    }
}

/// An answer on the open–closed scale, either side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// Open, shared, included.
    Yes,
    /// Partly.
    Partly,
    /// Closed, not shared, not included.
    No,
    /// No answer (ours: `unknown`).
    Unknown,
}

/// A peer's value, read for comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theirs {
    /// The answer on the scale.
    pub level: Level,
    /// The license they record, when they record one.
    pub license: Option<String>,
    /// Whether that license came from a global (distribution-wide) license rather than the
    /// component's own.
    pub inherited: bool,
}

/// Reads a peer's stored value: EOSAI's `open`/`partial`/`closed`; MOT's `not included`,
/// `included: <license>`, `included: <license> (global)` or `included: no license`. `None`
/// for an empty value (not applicable there).
pub fn theirs(value: &str) -> Option<Theirs> {
    let v = value.trim();
    let plain = |level| {
        Some(Theirs {
            level,
            license: None,
            inherited: false,
        })
    };
    match v {
        "" => None,
        "open" => plain(Level::Yes),
        "partial" => plain(Level::Partly),
        "closed" | "not included" => plain(Level::No),
        _ => {
            let rest = v.strip_prefix("included")?.trim_start_matches(':').trim();
            let (lic, inherited) = match rest.strip_suffix("(global)") {
                Some(l) => (l.trim(), true),
                None => (rest, false),
            };
            Some(Theirs {
                level: Level::Yes,
                license: (!lic.is_empty() && lic != "no license").then(|| lic.to_string()),
                inherited,
            })
        }
    }
}

/// Our answer on one dimension, as compared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OurAnswer {
    /// A level (component status, availability, license classes).
    Level(Level),
    /// A license: our id and its SPDX id, when the release has one.
    License {
        /// Our license id.
        id: String,
        /// Its SPDX identifier, when it has one.
        spdx: Option<String>,
    },
    /// Nothing recorded to compare.
    Nothing,
}

/// Our component status on the common scale.
pub fn level_of_status(s: ComponentStatus) -> Level {
    match s {
        ComponentStatus::Open => Level::Yes,
        ComponentStatus::Partial => Level::Partly,
        ComponentStatus::Closed => Level::No,
        ComponentStatus::Unknown => Level::Unknown,
    }
}

/// Our availability on the common scale.
pub fn level_of_availability(a: Availability) -> Level {
    match a {
        Availability::OpenDownload => Level::Yes,
        Availability::GatedDownload => Level::Partly,
        Availability::ApiOnly | Availability::NotReleased => Level::No,
    }
}

/// Whether a license class counts as open for EOSAI's "licenses" question.
pub fn open_class(c: LicenseClass) -> bool {
    matches!(
        c,
        LicenseClass::OsiPermissive | LicenseClass::OsiCopyleft | LicenseClass::OpenContent
    )
}

/// Our answer to EOSAI's "licenses": open when every license the release names is of an open
/// class, partial when the weights license is and some other is not, closed when the weights
/// license is not.
pub fn level_of_licenses(weights: Option<LicenseClass>, others: &[LicenseClass]) -> Level {
    match weights {
        None => Level::Unknown,
        Some(w) if !open_class(w) => Level::No,
        Some(_) if others.iter().all(|&c| open_class(c)) && !others.is_empty() => Level::Yes,
        Some(_) => Level::Partly,
    }
}

fn norm_license(s: &str) -> String {
    let mut n: String = s
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    for tail in ["agreement", "license", "licence", "termsofuse", "terms"] {
        if let Some(rest) = n.strip_suffix(tail) {
            n = rest.to_string();
        }
    }
    n
}

/// Whether a peer's license name names our license: the same words once case, punctuation
/// and a trailing "license" or "agreement" are set aside, or one a prefix of the other
/// ("BSD-3" and "bsd-3-clause"; "gemma" and "gemma-terms").
pub fn same_license(theirs: &str, id: &str, spdx: Option<&str>) -> bool {
    let t = norm_license(theirs);
    let close = |o: &str| {
        let o = norm_license(o);
        let (short, long) = if o.len() < t.len() {
            (&o, &t)
        } else {
            (&t, &o)
        };
        !short.is_empty() && (o == t || (short.len() >= 4 && long.starts_with(short.as_str())))
    };
    !t.is_empty() && (close(id) || spdx.is_some_and(close))
}

/// Classifies one comparison; `None` when one side has nothing to compare.
///
/// In order: the same answer is `agree`; another artifact (a family or base match, or an
/// EOSAI field about the other end of the tuning chain) is `different unit`; our `unknown`
/// against their answer, EOSAI's everything-OSI rule for licenses, MOT's inherited global
/// license, partial against anything (a threshold: open with a restriction, or in part, is
/// partial here) and MOT's "not included" (its files list only what was declared) are
/// `different rule`; anything else — open against closed, a license against another — is a
/// `factual difference`.
pub fn classify(
    d: &Dimension,
    kind: MatchKind,
    release_kind: Kind,
    theirs: &Theirs,
    ours: &OurAnswer,
) -> Option<Class> {
    let license_row = matches!(d.ours, Ours::WeightsLicense | Ours::CodeLicense);
    let agree = match (license_row, ours) {
        (_, OurAnswer::Nothing) => return None,
        (true, OurAnswer::License { id, spdx }) => {
            let lic = theirs.license.as_deref()?;
            same_license(lic, id, spdx.as_deref())
        }
        (true, OurAnswer::Level(_)) | (false, OurAnswer::License { .. }) => return None,
        (false, OurAnswer::Level(l)) => {
            let l = *l;
            match d.peer {
                // MOT records inclusion: included agrees with open or partial.
                PeerId::Mot => match theirs.level {
                    Level::Yes => matches!(l, Level::Yes | Level::Partly),
                    other => other == l,
                },
                PeerId::Eosai => theirs.level == l,
            }
        }
    };
    if agree {
        return Some(Class::Agree);
    }
    let other_end = match d.field {
        "datasources_basemodel" => release_kind != Kind::Base,
        "datasources_endmodel" => release_kind == Kind::Base,
        _ => false,
    };
    if kind != MatchKind::Exact || other_end {
        return Some(Class::DifferentUnit);
    }
    if license_row {
        // MOT's files write "unlicensed" for a component "included, but [with] no license",
        // and its scraper writes it whenever it could not determine the license (for a person
        // to replace): absence of a record, coded as no license.
        let placeholder = theirs
            .license
            .as_deref()
            .is_some_and(|l| l.eq_ignore_ascii_case("unlicensed"));
        return Some(if theirs.inherited || placeholder {
            Class::DifferentRule
        } else {
            Class::Factual
        });
    }
    let OurAnswer::Level(l) = ours else {
        return None;
    };
    let rule = match (*l, theirs.level) {
        (Level::Unknown, _) => true,
        // A threshold: partial here is "in part, or under restrictive terms".
        (Level::Partly, _) | (_, Level::Partly) => true,
        // MOT codes a component its file does not list as not included.
        (_, Level::No) if d.peer == PeerId::Mot => true,
        // EOSAI wants OSI-approved licenses for everything, data included.
        (Level::Yes, _) if matches!(d.ours, Ours::AllLicenses) => true,
        _ => false,
    };
    Some(if rule {
        Class::DifferentRule
    } else {
        Class::Factual
    })
}

#[cfg(test)]
mod tests;
