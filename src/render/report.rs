//! The site's `/report/` page — the printable report as one HTML page — and the report's
//! own words: the executive-summary sentences, computed from the same assessments the site
//! shows (the PDF uses them too).

use super::pages::methodology_context;
use super::route::Route;
use super::site::{File, REPORT_LIMIT, RenderError, Renderer};
use super::slot::Slot;
use super::views;
use crate::index::{Entry, Index, ReleaseId};
use crate::model::*;
use rayon::prelude::*;
use tera::Context;

impl Renderer<'_> {
    /// `/report/`: the printable report as one HTML page.
    pub fn report_page(
        &self,
        order: &[ReleaseId],
        focus: Option<&str>,
        pdf: Option<&str>,
    ) -> Result<File, RenderError> {
        let idx = self.index;
        let mut cx = Context::new();
        cx.insert("title", "Report");
        methodology_context(&mut cx)?;
        // Each release in full, ten at a time, so that neither the views of every release
        // nor a tree of the whole page are held at once (see `Slot`).
        let releases = order
            .par_chunks(10)
            .map(|chunk| {
                let fulls = chunk
                    .iter()
                    .map(|&id| Ok((id, idx.full(id).map_err(|e| RenderError(e.0))?)))
                    .collect::<Result<Vec<_>, RenderError>>()?;
                let releases: Vec<views::ReleaseView> = fulls
                    .iter()
                    .map(|(id, full)| {
                        let entry = idx.entry(*id).with_release(full);
                        let prefix = format!("{}-", full.slug);
                        views::release(idx, entry, &self.urls, self.opts.today, &prefix)
                            .with_narrative(full)
                    })
                    .collect();
                let mut cx = Context::new();
                cx.insert("releases", &releases);
                self.partial("report_releases.html", cx)
            })
            .collect::<Result<Vec<String>, RenderError>>()?;
        let toc: Vec<views::Link> = order
            .iter()
            .map(|&id| {
                let r = idx.release(id);
                views::Link {
                    text: r.name.clone(),
                    href: format!("#{}", r.slug),
                }
            })
            .collect();
        cx.insert("toc", &toc);
        cx.insert("figures", &self.figures_for(order));
        cx.insert("summary", &summary(idx, order));
        cx.insert("total", &order.len());
        cx.insert(
            "orgs",
            &order
                .iter()
                .map(|&id| idx.release(id).organization.v.as_str())
                .collect::<std::collections::BTreeSet<_>>()
                .len(),
        );
        cx.insert(
            "licenses",
            &idx.licenses_assessed()
                .map(|(l, a)| views::license_answers(l, a, &self.urls))
                .collect::<Vec<_>>(),
        );
        cx.insert("focus", &focus);
        cx.insert("pdf", &pdf);
        let rows = self.rows_slot(order, false);
        let releases = Slot::ready("releases_html", releases);
        self.page_with("report.html", Route::Report, cx, &[rows, releases])
    }

    /// The site's `/report/` page: every release, up to [`REPORT_LIMIT`] (the newest);
    /// a larger index is reported in focused parts with `openindex report --org …`.
    pub fn site_report_page(&self) -> Result<File, RenderError> {
        let mut order = self.index.newest_first(self.index.ids());
        let total = order.len();
        order.truncate(REPORT_LIMIT);
        let focus = (total > REPORT_LIMIT).then(|| format!("the {REPORT_LIMIT} newest of {total} releases (use `openindex report` with filters for the rest)"));
        let pdf = self
            .opts
            .with_pdf
            .then(|| format!("{}report/openindex-report.pdf", self.urls.base));
        self.report_page(&order, focus.as_deref(), pdf.as_deref())
    }
}

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
