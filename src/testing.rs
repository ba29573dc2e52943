//! Helpers shared by the unit tests.

use std::fmt::Debug;

/// Checks `f` against a table of `(input, wanted)` cases, naming the input of a case that
/// fails. Results are compared by their `Debug` text, so an owned result (`Some(String)`)
/// can be checked against a borrowed wanted value (`Some("…")`).
#[track_caller]
pub fn table<I: Debug + Copy, W: Debug, O: Debug>(cases: &[(I, W)], f: impl Fn(I) -> O) {
    for (input, want) in cases {
        assert_eq!(format!("{:?}", f(*input)), format!("{want:?}"), "{input:?}");
    }
}
