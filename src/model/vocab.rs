//! The closed vocabularies of the index: every enum a contributor can type, with its
//! kebab-case spelling and a one-line description. The loader validates against these
//! lists, `openindex new` prints them, and the methodology page and JSON Schema are
//! generated from them, so the allowed values are written down exactly once.

/// Defines a vocabulary enum: variants, their spelling in files, and a description each.
macro_rules! vocab {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $slug:literal : $doc:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name { $($variant),+ }

        impl $name {
            /// Every value, in the order they are documented.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The spelling used in content files and published data.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $slug),+ }
            }

            /// One line saying what the value means.
            pub fn describe(self) -> &'static str {
                match self { $($name::$variant => $doc),+ }
            }

            /// Parses the file spelling; `None` when the word is not in the vocabulary.
            pub fn parse(s: &str) -> Option<Self> {
                match s { $($slug => Some($name::$variant),)+ _ => None }
            }

            /// All spellings, for diagnostics ("expected one of …") and schemas.
            pub fn spellings() -> Vec<&'static str> {
                Self::ALL.iter().map(|v| v.as_str()).collect()
            }
        }

        impl $crate::model::vocab::Word for $name {
            fn word(self) -> &'static str {
                self.as_str()
            }
            fn place(self) -> usize {
                self as usize
            }
        }

        impl $crate::model::vocab::Vocabulary for $name {
            const ALL: &'static [$name] = $name::ALL;
            fn means(self) -> &'static str {
                self.describe()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl schemars::JsonSchema for $name {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }

            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({ "type": "string", "enum": [$($slug),+] })
            }
        }
    };
}

pub(crate) use vocab;

/// A value of a closed vocabulary: its word in files and data, and its place in the
/// documented order (every scale is listed best first, `unknown` last).
pub trait Word: Copy {
    /// The spelling used in content files and published data.
    fn word(self) -> &'static str;
    /// The 0-based place in the documented order.
    fn place(self) -> usize;
}

/// A closed vocabulary: every value, each with what it means (what the methodology lists).
pub trait Vocabulary: Word + 'static {
    /// Every value, in the documented order.
    const ALL: &'static [Self];
    /// One line saying what the value means.
    fn means(self) -> &'static str;
}

vocab!(
    /// A release failure mode (DESIGN §6); its definition is [`FailureModeId::def`].
    FailureModeId {
        Openwashing => "openwashing": "marketed as open while the OSAID verdict is not meets",
        SafetyWrapperEvaporation => "safety-wrapper-evaporation": "a safety case resting on layers that do not ship with downloadable weights",
        LineageDecay => "lineage-decay": "a derivative that lost its base, its naming rule or its license terms",
        BenchmarkSubstitution => "benchmark-substitution": "benchmarks published in place of a dangerous-capability evaluation",
        FalseRecall => "false-recall": "a claimed power to withdraw weights that are already out",
        ArtifactAmbiguity => "artifact-ambiguity": "no exact artifact pinned",
    }
);

vocab!(
    /// What kind of artifact a release is (DESIGN §2).
    Kind {
        Base => "base": "a pre-trained model trained from scratch",
        Instruct => "instruct": "a provider's own instruction- or chat-tuned model",
        Reasoning => "reasoning": "a model post-trained for long-form reasoning",
        Distill => "distill": "a model trained on another model's outputs (a derivative)",
        FineTune => "fine-tune": "a further-trained version of another model (a derivative)",
        Quantization => "quantization": "a reduced-precision copy of another model (a derivative)",
        Adapter => "adapter": "LoRA or other adapter weights on top of another model (a derivative)",
        Merge => "merge": "weights merged from several models (a derivative)",
        HostedService => "hosted-service": "a model offered only as a hosted service or API",
    }
);

impl Kind {
    /// Derivatives must name the model(s) they were made from.
    pub fn is_derivative(self) -> bool {
        matches!(
            self,
            Kind::Distill | Kind::FineTune | Kind::Quantization | Kind::Adapter | Kind::Merge
        )
    }
}

vocab!(
    /// What the model takes in and puts out.
    Modality {
        Text => "text": "text in, text out",
        Code => "code": "a model specialised for source code",
        VisionLanguage => "vision-language": "images and text in, text out",
        Multimodal => "multimodal": "several input or output modalities",
        ImageGeneration => "image-generation": "text in, images out",
        Speech => "speech": "audio in or out (recognition, translation, synthesis)",
    }
);

vocab!(
    /// Can the weights be obtained? (DESIGN §1, question 1.)
    Availability {
        OpenDownload => "open-download": "weights downloadable by anyone without an access request",
        GatedDownload => "gated-download": "weights downloadable after accepting terms or an access request",
        ApiOnly => "api-only": "usable only through the provider's hosted service",
        NotReleased => "not-released": "announced or described, but neither weights nor access are public",
    }
);

impl Availability {
    /// True when copies of the weights are in the world.
    pub fn weights_out(self) -> bool {
        matches!(
            self,
            Availability::OpenDownload | Availability::GatedDownload
        )
    }
}

vocab!(
    /// Status of one OSAID component (DESIGN §3).
    ComponentStatus {
        Open => "open": "released under open terms (OSI-approved or open content license)",
        Partial => "partial": "released in part, or under restrictive terms",
        Closed => "closed": "not released",
        Unknown => "unknown": "not verified from any source; shown as undisclosed",
    }
);

vocab!(
    /// Status of one governance point (DESIGN §4).
    PointStatus {
        Met => "met": "the release meets the point (1)",
        Partial => "partial": "the release meets the point in part (0.5)",
        NotMet => "not-met": "the release does not meet the point (0)",
        Unknown => "unknown": "not verified from any source (0, shown as undisclosed)",
    }
);

impl PointStatus {
    /// The point's contribution to the score out of 8.
    pub fn score(self) -> f64 {
        match self {
            PointStatus::Met => 1.0,
            PointStatus::Partial => 0.5,
            PointStatus::NotMet | PointStatus::Unknown => 0.0,
        }
    }
}

vocab!(
    /// What a source is. Primary kinds come from the provider or the license itself.
    SourceKind {
        ModelCard => "model-card": "the provider's model card (primary)",
        License => "license": "the license text (primary)",
        Repository => "repository": "the provider's code or weights repository (primary)",
        TechnicalReport => "technical-report": "the provider's paper or technical report (primary)",
        Announcement => "announcement": "the provider's own announcement or blog post (primary)",
        DatasetCard => "dataset-card": "the provider's dataset card (primary)",
        Documentation => "documentation": "the provider's own documentation or terms pages (primary)",
        Regulator => "regulator": "a regulator's or standards body's document (primary)",
        Press => "press": "news reporting (secondary)",
        ThirdParty => "third-party": "third-party analysis, copies or summaries (secondary)",
    }
);

impl SourceKind {
    /// Primary sources can support positive statuses on their own (DESIGN §2).
    pub fn is_primary(self) -> bool {
        !matches!(self, SourceKind::Press | SourceKind::ThirdParty)
    }
}

vocab!(
    /// Whether a license is a recognised open license or written for one provider.
    LicenseStandard {
        OsiApproved => "osi-approved": "a license approved by the Open Source Initiative",
        OpenContent => "open-content": "an open content or data license (CC-BY-4.0, CC0, ODC-BY, CDLA-Permissive)",
        Custom => "custom": "a license written by the provider for its models",
        Proprietary => "proprietary": "terms of service for a product; no license to the weights",
    }
);

vocab!(
    /// What a license says about training other models on the model's outputs.
    Distillation {
        Allowed => "allowed": "outputs may be used to train other models",
        Conditional => "conditional": "allowed with conditions (naming, attribution, same license)",
        Prohibited => "prohibited": "using outputs to train other models is forbidden",
        Unknown => "unknown": "the license does not say, or it was not verified",
    }
);

vocab!(
    /// The license class, computed from the license's facts (DESIGN §5).
    LicenseClass {
        OsiPermissive => "osi-permissive": "OSI-approved permissive license (Apache-2.0, MIT, BSD)",
        OsiCopyleft => "osi-copyleft": "OSI-approved copyleft license (GPL, AGPL, MPL)",
        OpenContent => "open-content": "open content or data license with no use restrictions",
        CustomPermissive => "custom-permissive": "a custom license without scale, field, geography or revocation limits",
        RestrictedUse => "restricted-use": "restricts fields of use or places (acceptable-use or responsible-AI terms)",
        CustomCapped => "custom-capped": "caps the scale of use or lets the licensor revoke at its discretion",
        Proprietary => "proprietary": "no license to the weights at all",
    }
);

vocab!(
    /// The organization's legal form.
    OrgKind {
        Company => "company": "a for-profit company",
        Nonprofit => "nonprofit": "a nonprofit institute or foundation",
        Academic => "academic": "a university or academic lab",
        Government => "government": "a government body",
        Collaboration => "collaboration": "an open research collaboration",
    }
);

vocab!(
    /// The OSAID 1.0 verdict, computed (DESIGN §3).
    Verdict {
        Meets => "meets": "every required component open with primary evidence, under OSAID-compatible licenses",
        DoesNotMeet => "does-not-meet": "a required component is closed or partial, or a license is not OSAID-compatible",
        InsufficientEvidence => "insufficient-evidence": "some required component is unknown or unsupported",
    }
);
