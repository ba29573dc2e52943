//! How a recorded status looks on a page: the icon and label of each place on a status
//! scale (never colour alone), the same in every table, scorecard and report.

use crate::model::{ComponentStatus, PointStatus, Word};

/// The icons of a status scale, best first (never colour alone).
const ICONS: [&str; 4] = ["●", "◐", "○", "?"];

/// A status scale as pages show it: the icon and label of each place on the scale
/// (see [`Word`]), so a status's place picks both.
pub(super) trait Face: Word {
    /// The labels, in the order of the scale (unknown → undisclosed).
    const LABELS: [&'static str; 4];
    /// Icon and label.
    fn face(self) -> (&'static str, &'static str) {
        (ICONS[self.place()], Self::LABELS[self.place()])
    }
}

impl Face for ComponentStatus {
    const LABELS: [&'static str; 4] = ["open", "partial", "closed", "undisclosed"];
}

impl Face for PointStatus {
    const LABELS: [&'static str; 4] = ["met", "partial", "not met", "undisclosed"];
}

/// A safety fact's value is `yes` or `no` (an absent fact is shown as undisclosed).
impl Word for bool {
    fn word(self) -> &'static str {
        if self { "yes" } else { "no" }
    }
    fn place(self) -> usize {
        if self { 0 } else { 2 }
    }
}

impl Face for bool {
    const LABELS: [&'static str; 4] = ["yes", "", "no", ""];
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The label a status word is shown with: its words spaced, `unknown` as undisclosed.
    fn shown(word: &str) -> String {
        if word == "unknown" {
            "undisclosed".into()
        } else {
            word.replace('-', " ")
        }
    }

    #[test]
    fn every_status_is_shown_by_its_place_on_the_scale() {
        for s in ComponentStatus::ALL {
            assert_eq!(s.face().1, shown(s.word()));
        }
        for s in PointStatus::ALL {
            assert_eq!(s.face().1, shown(s.word()));
        }
        assert_eq!(ComponentStatus::Open.face(), ("●", "open"));
        assert_eq!(PointStatus::NotMet.face(), ("○", "not met"));
        assert_eq!(ComponentStatus::Unknown.face(), ("?", "undisclosed"));
        assert_eq!(true.face(), ("●", "yes"));
        assert_eq!(false.face(), ("○", "no"));
        assert_eq!((true.word(), false.word()), ("yes", "no"));
    }
}
