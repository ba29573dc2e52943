//! What rules say, as data: a [`Reason`] is a line of text with source citations as separate
//! segments, and a [`Gap`] or [`Missing`] names the component or license that decides an
//! OSAID verdict. Renderers turn segments into links (HTML), numbered marks (PDF) or plain
//! text (data exports); nothing downstream parses prose.

use crate::model::*;
use serde::Serialize;

/// One piece of a reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase", tag = "type", content = "value")]
pub enum Segment {
    /// Words.
    Text(String),
    /// A citation of a source of the release, by id (shown after the words before it).
    Cite(String),
}

/// Why a failure mode applies: text with citations.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Reason {
    /// The line, in order.
    pub parts: Vec<Segment>,
    /// True when recorded by hand in `[[findings]]`, false when computed.
    pub recorded: bool,
}

impl Reason {
    /// Appends words.
    pub fn text(mut self, s: impl AsRef<str>) -> Self {
        let s = s.as_ref();
        if s.is_empty() {
            return self;
        }
        match self.parts.last_mut() {
            Some(Segment::Text(t)) => t.push_str(s),
            _ => self.parts.push(Segment::Text(s.to_string())),
        }
        self
    }

    /// Appends a citation of each source id.
    pub fn cite<'a>(mut self, ids: impl IntoIterator<Item = &'a str>) -> Self {
        self.parts
            .extend(ids.into_iter().map(|id| Segment::Cite(id.to_string())));
        self
    }

    /// Reads a contributor's sentence in which `[id]` cites the source `id` (when
    /// `is_source(id)`; any other bracket stays text). The space before a citation belongs
    /// to it, as renderers put it back.
    pub fn from_marked(text: &str, is_source: impl Fn(&str) -> bool) -> Self {
        let mut reason = Reason::default();
        let mut rest = text;
        while let Some(open) = rest.find('[') {
            let after = &rest[open + 1..];
            match after.find(']') {
                Some(close) if is_source(&after[..close]) => {
                    let before = &rest[..open];
                    reason = reason
                        .text(before.strip_suffix(' ').unwrap_or(before))
                        .cite([&after[..close]]);
                    rest = &after[close + 1..];
                }
                _ => {
                    reason = reason.text(&rest[..=open]);
                    rest = after;
                }
            }
        }
        reason.text(rest)
    }

    /// The words alone, without citations (for data exports and search).
    pub fn plain(&self) -> String {
        self.parts
            .iter()
            .filter_map(|p| match p {
                Segment::Text(t) => Some(t.as_str()),
                Segment::Cite(_) => None,
            })
            .collect()
    }

    /// The ids cited, in order, each once.
    pub fn sources(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for p in &self.parts {
            if let Segment::Cite(id) = p
                && !out.contains(&id.as_str())
            {
                out.push(id);
            }
        }
        out
    }

    /// The line with each citation written by `cite` (given the id) after a space, and each
    /// run of words by `text`.
    pub fn render(
        &self,
        mut text: impl FnMut(&str) -> String,
        mut cite: impl FnMut(&str) -> String,
    ) -> String {
        let mut out = String::new();
        for p in &self.parts {
            match p {
                Segment::Text(t) => out.push_str(&text(t)),
                Segment::Cite(id) => {
                    out.push(' ');
                    out.push_str(&cite(id));
                }
            }
        }
        out
    }

    /// The line with citations as `[id]`, for the terminal (where sources are listed by id).
    pub fn marked(&self) -> String {
        self.render(str::to_string, |id| format!("[{id}]"))
    }
}

/// Why a release does not meet the OSAID.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Gap {
    /// A required component that is closed or partial.
    Component {
        /// The component.
        component: &'static Component,
        /// Its status.
        status: ComponentStatus,
    },
    /// A license of the release that is not OSAID-compatible.
    License {
        /// The license id.
        id: String,
        /// The restrictions that decide it, in words.
        restrictions: Vec<String>,
    },
}

impl std::fmt::Display for Gap {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Gap::Component { component, status } => {
                write!(f, "{}: {status}", component.title.to_lowercase())
            }
            Gap::License { id, restrictions } => write!(
                f,
                "license {id}: not OSAID-compatible ({})",
                restrictions.join("; ")
            ),
        }
    }
}

/// A required component or license without the evidence a verdict needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Missing {
    /// The status is `unknown`.
    Undisclosed(&'static Component),
    /// `open`, but backed by secondary sources only.
    NoPrimary(&'static Component),
    /// A license id with no registry entry.
    UnregisteredLicense(String),
}

impl std::fmt::Display for Missing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Missing::Undisclosed(c) => write!(f, "{}: undisclosed", c.title.to_lowercase()),
            Missing::NoPrimary(c) => {
                write!(f, "{}: open, but no primary source", c.title.to_lowercase())
            }
            Missing::UnregisteredLicense(id) => write!(f, "license {id}: not in the registry"),
        }
    }
}

/// A gap or missing piece as export data: the component key (or license id) and its status.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, schemars::JsonSchema)]
pub struct GapRecord {
    /// Component key, or `license`.
    pub component: &'static str,
    /// The license id, for license gaps.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub license: Option<String>,
    /// The component status (`closed`, `partial`, `unknown`, `open-unsupported`) or, for a
    /// license, `not-compatible` / `unregistered`.
    pub status: &'static str,
    /// The sentence pages show.
    pub text: String,
}

impl Gap {
    /// As export data.
    pub fn record(&self) -> GapRecord {
        match self {
            Gap::Component { component, status } => GapRecord {
                component: component.key,
                status: status.as_str(),
                license: None,
                text: self.to_string(),
            },
            Gap::License { id, .. } => GapRecord {
                component: "license",
                status: "not-compatible",
                license: Some(id.clone()),
                text: self.to_string(),
            },
        }
    }
}

impl Missing {
    /// As export data.
    pub fn record(&self) -> GapRecord {
        let text = self.to_string();
        match self {
            Missing::Undisclosed(c) => GapRecord {
                component: c.key,
                status: "unknown",
                license: None,
                text,
            },
            Missing::NoPrimary(c) => GapRecord {
                component: c.key,
                status: "open-unsupported",
                license: None,
                text,
            },
            Missing::UnregisteredLicense(id) => GapRecord {
                component: "license",
                status: "unregistered",
                license: Some(id.clone()),
                text,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reason_keeps_words_and_citations_apart() {
        let r = Reason::default()
            .text("benchmarks are published")
            .cite(["card", "blog", "card"])
            .text(" while evaluation is undisclosed");
        assert_eq!(
            r.plain(),
            "benchmarks are published while evaluation is undisclosed"
        );
        assert_eq!(r.sources(), ["card", "blog"]);
        assert_eq!(
            r.marked(),
            "benchmarks are published [card] [blog] [card] while evaluation is undisclosed"
        );
        let html = r.render(|t| t.to_uppercase(), |id| format!("<{id}>"));
        assert_eq!(
            html,
            "BENCHMARKS ARE PUBLISHED <card> <blog> <card> WHILE EVALUATION IS UNDISCLOSED"
        );
    }

    #[test]
    fn a_contributor_sentence_cites_only_real_sources() {
        let r = Reason::from_marked("the card [card] says [x] and [card]", |id| id == "card");
        assert_eq!(
            r.parts,
            [
                Segment::Text("the card".into()),
                Segment::Cite("card".into()),
                Segment::Text(" says [x] and".into()),
                Segment::Cite("card".into()),
            ]
        );
        assert_eq!(r.marked(), "the card [card] says [x] and [card]");
        assert_eq!(r.plain(), "the card says [x] and");
    }

    #[test]
    fn gaps_read_as_before_and_export_their_component() {
        let c = component("training_code").unwrap();
        let g = Gap::Component {
            component: c,
            status: ComponentStatus::Closed,
        };
        assert_eq!(g.to_string(), "training code: closed");
        assert_eq!(g.record().component, "training_code");
        assert_eq!(Missing::NoPrimary(c).record().status, "open-unsupported");
    }
}
