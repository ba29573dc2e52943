//! The report's own words: the executive-summary sentences, computed from the same
//! assessments the site shows.

use crate::index::Index;
use crate::model::*;

/// One sentence per headline figure, over the releases at `set`.
pub fn summary(index: &Index, set: &[usize]) -> Vec<String> {
    let n = set.len();
    let count = |f: &dyn Fn(usize) -> bool| set.iter().filter(|&&i| f(i)).count();
    let pct = |k: usize| (k * 100 + n / 2).checked_div(n).unwrap_or(0);
    let meets = count(&|i| index.assessments[i].osaid.verdict == Verdict::Meets);
    let weights = count(&|i| index.site.releases[i].availability.weights_out());
    let marketed = count(&|i| !index.site.releases[i].marketed_as.is_empty());
    let washed = count(&|i| {
        index.assessments[i]
            .failure_modes
            .iter()
            .any(|f| f.slug() == "openwashing")
    });
    let compatible = count(&|i| index.assessments[i].licenses_compatible);
    let mean = if n == 0 {
        0.0
    } else {
        set.iter()
            .map(|&i| index.assessments[i].governance.score)
            .sum::<f64>()
            / n as f64
    };
    let undisclosed: usize = set
        .iter()
        .map(|&i| index.assessments[i].governance.undisclosed)
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
