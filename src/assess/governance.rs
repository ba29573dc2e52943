//! The eight-point release-governance score (DESIGN §4): met 1, partial 0.5, not-met and
//! unknown 0, always with the per-point breakdown.

use crate::model::*;

/// The computed score.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Governance {
    /// Sum of the points, out of [`MAX_SCORE`].
    pub score: f64,
    /// Points left undisclosed.
    pub undisclosed: usize,
}

/// Scores a release.
pub fn assess(r: &Release) -> Governance {
    Governance {
        score: r.governance.iter().map(|p| p.status.score()).sum(),
        undisclosed: r
            .governance
            .iter()
            .filter(|p| p.status == PointStatus::Unknown)
            .count(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assess::testing::*;

    #[test]
    fn scores_sum_with_half_points() {
        let mut r = open_release("x");
        for (i, p) in r.governance.iter_mut().enumerate() {
            p.status = [
                PointStatus::Met,
                PointStatus::Partial,
                PointStatus::NotMet,
                PointStatus::Unknown,
            ][i % 4];
        }
        let g = assess(&r);
        assert_eq!(g.score, 3.0);
        assert_eq!(g.undisclosed, 2);
    }
}
