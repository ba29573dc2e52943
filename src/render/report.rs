//! The report's own words: the executive-summary sentences, computed from the same
//! assessments the site shows.

use crate::index::{Entry, Index, ReleaseId};
use crate::model::*;

/// One sentence per headline figure, over the releases at `set`.
pub fn summary(index: &Index, set: &[ReleaseId]) -> Vec<String> {
    let n = set.len();
    let count = |f: &dyn Fn(Entry) -> bool| set.iter().filter(|&&id| f(index.entry(id))).count();
    let pct = |k: usize| (k * 100 + n / 2).checked_div(n).unwrap_or(0);
    let meets = count(&|e| e.assessment.osaid.verdict == Verdict::Meets);
    let weights = count(&|e| e.release.availability.weights_out());
    let marketed = count(&|e| !e.release.marketed_as.is_empty());
    let washed = count(&|e| {
        e.assessment
            .failure_modes
            .iter()
            .any(|f| f.slug() == "openwashing")
    });
    let compatible = count(&|e| e.assessment.licenses_compatible);
    let mean = if n == 0 {
        0.0
    } else {
        set.iter()
            .map(|&id| index.entry(id).assessment.governance.score)
            .sum::<f64>()
            / n as f64
    };
    let undisclosed: usize = set
        .iter()
        .map(|&id| index.entry(id).assessment.governance.undisclosed)
        .sum();
    vec![
        format!(
            "{n} releases are assessed; the weights of {weights} ({}%) can be downloaded, openly or behind a gate.",
            pct(weights)
        ),
        format!(
            "{meets} ({}%) meet the Open Source AI Definition 1.0; {compatible} ({}%) are under licenses that are all OSAID-compatible.",
            pct(meets),
            pct(compatible)
        ),
        format!(
            "{marketed} are marketed by their providers as open; {washed} of them do not meet the definition (openwashing)."
        ),
        format!(
            "The mean release-governance score is {mean:.1} of 8; {undisclosed} of {} governance points are undisclosed.",
            n * POINTS.len()
        ),
    ]
}
