//! The definitions the rules score with: the OSAID components (DESIGN §3), the eight
//! governance points (§4) and the six failure modes (§6). Each is data — a key, a title,
//! what it means — so that the loader, `openindex new`, the methodology page and the report
//! all read the same list the rules iterate over.

use super::vocab::{ComponentStatus, FailureModeId, PointStatus};

/// One OSAID 1.0 component.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Component {
    /// Key in the `[osaid]` table.
    pub key: &'static str,
    /// Short title for tables.
    pub title: &'static str,
    /// Whether OSAID 1.0 requires it to be open.
    pub required: bool,
    /// What `open` means for it.
    pub open_means: &'static str,
}

/// Looks a component up by its `[osaid]` key.
pub fn component(key: &str) -> Option<&'static Component> {
    COMPONENTS.iter().find(|c| c.key == key)
}

/// The components in the order pages show them.
pub const COMPONENTS: &[Component] = &[
    Component {
        key: "parameters",
        title: "Parameters",
        required: true,
        open_means: "final weights and configuration downloadable under OSI-approved or open terms",
    },
    Component {
        key: "checkpoints",
        title: "Checkpoints",
        required: false,
        open_means: "intermediate checkpoints and optimizer state released",
    },
    Component {
        key: "architecture",
        title: "Architecture",
        required: true,
        open_means: "model architecture code released",
    },
    Component {
        key: "inference_code",
        title: "Inference code",
        required: true,
        open_means: "code to run the model released",
    },
    Component {
        key: "training_code",
        title: "Training code",
        required: true,
        open_means: "training code with the arguments and settings used",
    },
    Component {
        key: "data_processing_code",
        title: "Data processing code",
        required: true,
        open_means: "code used to process and filter the training data",
    },
    Component {
        key: "evaluation_code",
        title: "Evaluation code",
        required: true,
        open_means: "validation and testing code and supporting libraries (tokenizer, hyper-parameter search)",
    },
    Component {
        key: "data_information",
        title: "Data information",
        required: true,
        open_means: "complete description of all training data (provenance, scope, selection, labeling, filtering) and a listing of public and third-party data with where to get it",
    },
    Component {
        key: "training_data",
        title: "Training data",
        required: false,
        open_means: "the training data itself released (the open-recipe axis)",
    },
];

/// One point of the release-governance standard.
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct Point {
    /// 1-based number shown on scorecards.
    pub number: u8,
    /// Key in the `[governance]` table.
    pub key: &'static str,
    /// Short title.
    pub title: &'static str,
    /// What the point asks of a release.
    pub asks: &'static str,
}

/// The eight points, in order.
pub const POINTS: &[Point] = &[
    Point {
        number: 1,
        key: "release_type",
        title: "Release type",
        asks: "the release names precisely what it includes: weights, inference code, training code, training data, data documentation, evaluations, logs, checkpoints, post-training data, safety classifiers, license terms",
    },
    Point {
        number: 2,
        key: "release_rationale",
        title: "Release rationale",
        asks: "a published rationale: why public weights are justified at this capability level, expected benefits, risks considered, alternatives rejected",
    },
    Point {
        number: 3,
        key: "capability_evaluation",
        title: "Dangerous-capability evaluation",
        asks: "dangerous-capability evaluation before release (cyber, bio, fraud, impersonation, surveillance, autonomous misuse, safeguard removal), proportionate to capability",
    },
    Point {
        number: 4,
        key: "staged_access",
        title: "Staged access",
        asks: "staged access where evidence was weak: internal, then trusted evaluators, research, gated, open",
    },
    Point {
        number: 5,
        key: "downstream_obligations",
        title: "Downstream obligations",
        asks: "license, acceptable-use policy, model card, safety guidance, deployment warnings and an incident-report channel, attached to the artifact and versioned",
    },
    Point {
        number: 6,
        key: "auditability",
        title: "Auditability",
        asks: "hashes, version ids, training summaries, evaluation reports, known limitations, safety change logs",
    },
    Point {
        number: 7,
        key: "supply_chain",
        title: "Supply-chain integrity",
        asks: "published hashes, safe tensor formats (safetensors, not pickle), tokenizer and config lineage, no unsafe loaders, signed releases, provenance guidance for derivatives",
    },
    Point {
        number: 8,
        key: "ecosystem_support",
        title: "Ecosystem support",
        asks: "support for the ecosystem the release creates: compute, security help, evaluation tools, legal clarity",
    },
];

/// The maximum governance score.
pub const MAX_SCORE: f64 = 8.0;

/// One release failure mode.
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct FailureMode {
    /// Which one (its spelling is the slug used in URLs, data and `[[findings]]`).
    #[serde(rename = "slug")]
    pub id: FailureModeId,
    /// Title for headings.
    pub title: &'static str,
    /// What the failure is, for readers.
    pub means: &'static str,
    /// When the index computes it.
    pub computed_when: &'static str,
}

/// The six failure modes, in the order pages show them.
pub const FAILURE_MODES: &[FailureMode] = &[
    FailureMode {
        id: FailureModeId::Openwashing,
        title: "Openwashing",
        means: "the word \"open\" is used for a release that does not grant the freedoms or ship the components open source requires",
        computed_when: "the provider markets the release as open (a recorded claim with a source) and the OSAID verdict is not `meets`",
    },
    FailureMode {
        id: FailureModeId::SafetyWrapperEvaporation,
        title: "Safety-wrapper evaporation",
        means: "the safety case rests on layers that stay with the provider, so they vanish once the weights are downloaded",
        computed_when: "the safety case relies on hosted layers (classifiers, system prompts, rate limits) and the weights are downloadable",
    },
    FailureMode {
        id: FailureModeId::LineageDecay,
        title: "Lineage decay",
        means: "a derivative loses track of what it came from and of the terms its base imposes",
        computed_when: "a derivative has no declared base; or drops a naming rule its base's license imposes; or claims a more permissive license than its base's; or a recorded finding says base metadata was lost",
    },
    FailureMode {
        id: FailureModeId::BenchmarkSubstitution,
        title: "Benchmark substitution",
        means: "capability benchmarks are published in place of an evaluation of dangerous capabilities",
        computed_when: "benchmark results are published while dangerous-capability evaluation (point 3) is `not-met` or `unknown`",
    },
    FailureMode {
        id: FailureModeId::FalseRecall,
        title: "False recall",
        means: "the provider or license claims a power to withdraw weights that are already in the world",
        computed_when: "the provider or license claims a power to withdraw or revoke weights that are downloadable",
    },
    FailureMode {
        id: FailureModeId::ArtifactAmbiguity,
        title: "Artifact ambiguity",
        means: "the release cannot be pinned to an exact checkpoint, so no claim about it can be checked",
        computed_when: "the entry pins no exact artifact (no revision, version or hash) or describes a family rather than a checkpoint",
    },
];

impl FailureMode {
    /// The slug used in URLs, data and `[[findings]]`.
    pub fn slug(&self) -> &'static str {
        self.id.as_str()
    }
}

impl FailureModeId {
    /// The failure mode's definition.
    pub fn def(self) -> &'static FailureMode {
        &FAILURE_MODES[self as usize]
    }

    /// Its title for headings.
    pub fn title(self) -> &'static str {
        self.def().title
    }
}

/// Looks a failure mode up by slug.
pub fn failure_mode(slug: &str) -> Option<&'static FailureMode> {
    FailureModeId::parse(slug).map(FailureModeId::def)
}

/// The status words of a table of statuses, `[osaid]` or `[governance]`: the table's name,
/// its keys in order, and the words for "nobody recorded it" and for the status a primary
/// source must back.
pub trait StatusWord: Copy + PartialEq + 'static {
    /// The table's name in a release file.
    const TABLE: &'static str;
    /// The word for a status nobody recorded.
    const UNKNOWN: Self;
    /// The status a primary source must back.
    const POSITIVE: Self;
    /// The table's keys, in order.
    fn keys() -> impl Iterator<Item = &'static str>;
    /// Parses a file spelling.
    fn read(word: &str) -> Option<Self>;
}

/// Implements [`StatusWord`] for a status enum from its table, words and definitions.
macro_rules! status_word {
    ($ty:ident, $table:literal, $unknown:ident, $positive:ident, $defs:ident) => {
        impl StatusWord for $ty {
            const TABLE: &'static str = $table;
            const UNKNOWN: Self = $ty::$unknown;
            const POSITIVE: Self = $ty::$positive;
            fn keys() -> impl Iterator<Item = &'static str> {
                $defs.iter().map(|d| d.key)
            }
            fn read(word: &str) -> Option<Self> {
                Self::parse(word)
            }
        }
    };
}

status_word!(ComponentStatus, "osaid", Unknown, Open, COMPONENTS);
status_word!(PointStatus, "governance", Unknown, Met, POINTS);
