//! The list pages of the site — the index table, licenses, organizations, failure modes,
//! the lineage graph and the methodology — as methods of [`Renderer`]. Release pages,
//! the report page and the order in which everything is emitted live in [`super::site`].

use super::site::{Emit, File, Group, PAGE_SIZE, RenderError, Renderer, collected};
use super::svg;
use super::views;
use crate::index::Index;
use crate::model::*;
use rayon::prelude::*;
use tera::Context;

impl Renderer<'_> {
    /// The index pages (`/`, `/page/2/`, …).
    pub fn index_pages(&self) -> Result<Vec<File>, RenderError> {
        collected(|emit| self.index_pages_to(emit))
    }

    /// Renders the index pages in parallel, handing each to `emit` as soon as it exists.
    pub(super) fn index_pages_to(&self, emit: &Emit<'_>) -> Result<(), RenderError> {
        let n = self.index.site.releases.len();
        let pages = n.div_ceil(PAGE_SIZE).max(1);
        let figures = self.figures();
        let mut order: Vec<usize> = (0..n).collect();
        // Newest first, then by name, as readers expect of an index.
        order.sort_by(|&a, &b| {
            let (ra, rb) = (&self.index.site.releases[a], &self.index.site.releases[b]);
            rb.release_date
                .v
                .cmp(&ra.release_date.v)
                .then_with(|| ra.slug.cmp(&rb.slug))
        });
        (0..pages).into_par_iter().try_for_each(|p| {
            let chunk = &order[p * PAGE_SIZE..((p + 1) * PAGE_SIZE).min(n)];
            let mut cx = Context::new();
            cx.insert("title", "Index");
            cx.insert("figures", if p == 0 { &figures[..] } else { &[] });
            cx.insert("rows", &self.rows(chunk));
            cx.insert("components", COMPONENTS);
            cx.insert("filters", &views::Filters::new());
            cx.insert("page_number", &(p + 1));
            cx.insert("page_count", &pages);
            cx.insert("total", &n);
            let pager = |q: usize| {
                if q == 0 {
                    self.urls.base.clone()
                } else {
                    format!("{}page/{}/", self.urls.base, q + 1)
                }
            };
            cx.insert("prev", &(p > 0).then(|| pager(p - 1)));
            cx.insert("next", &(p + 1 < pages).then(|| pager(p + 1)));
            let path = if p == 0 {
                "index.html".to_string()
            } else {
                format!("page/{}/index.html", p + 1)
            };
            emit(self.page("index.html", path, cx)?)
        })
    }

    pub(super) fn groups_page(
        &self,
        template: &str,
        path: &str,
        title: &str,
        groups: Vec<Group>,
    ) -> Result<File, RenderError> {
        let mut cx = Context::new();
        cx.insert("title", title);
        cx.insert("groups", &groups);
        self.page(template, path.to_string(), cx)
    }

    /// `/licenses/` and every license page.
    pub fn license_pages(&self) -> Result<Vec<File>, RenderError> {
        collected(|emit| self.license_pages_to(emit))
    }

    pub(super) fn license_pages_to(&self, emit: &Emit<'_>) -> Result<(), RenderError> {
        let idx = self.index;
        let empty = Vec::new();
        let groups = idx
            .site
            .licenses
            .iter()
            .zip(&idx.license_assessments)
            .map(|(l, a)| Group {
                id: l.id.clone(),
                title: l.name.clone(),
                href: self.urls.license(&l.id),
                subtitle: a.class.as_str().to_string(),
                count: idx.by_license.get(&l.id).map_or(0, Vec::len),
            })
            .collect();
        emit(self.groups_page("licenses.html", "licenses/index.html", "Licenses", groups)?)?;
        let assessed: Vec<_> = idx
            .site
            .licenses
            .iter()
            .zip(&idx.license_assessments)
            .collect();
        assessed.par_iter().try_for_each(|&(l, a)| {
            let mut cx = Context::new();
            cx.insert("title", &l.name);
            cx.insert("l", &views::license_answers(l, a, &self.urls));
            cx.insert("spdx", &l.spdx);
            cx.insert("url", &l.url);
            cx.insert("sources", &views::source_views(&l.sources));
            let listed = self.listed(idx.by_license.get(&l.id).unwrap_or(&empty), &mut cx);
            cx.insert("rows", &self.rows(&listed));
            cx.insert("file", &crate::diag::slash_path(&l.path));
            emit(self.page("license.html", format!("licenses/{}/index.html", l.id), cx)?)
        })
    }

    /// `/orgs/` and every organization page.
    pub fn org_pages(&self) -> Result<Vec<File>, RenderError> {
        collected(|emit| self.org_pages_to(emit))
    }

    pub(super) fn org_pages_to(&self, emit: &Emit<'_>) -> Result<(), RenderError> {
        let idx = self.index;
        let empty = Vec::new();
        let groups = idx
            .site
            .orgs
            .iter()
            .map(|o| Group {
                id: o.id.clone(),
                title: o.name.clone(),
                href: self.urls.org(&o.id),
                subtitle: format!("{} · {}", o.country, o.kind),
                count: idx.by_org.get(&o.id).map_or(0, Vec::len),
            })
            .collect();
        emit(self.groups_page("orgs.html", "orgs/index.html", "Organizations", groups)?)?;
        idx.site.orgs.par_iter().try_for_each(|o| {
            let mut cx = Context::new();
            cx.insert("title", &o.name);
            cx.insert("o", &views::OrgView::of(o));
            cx.insert("sources", &views::source_views(&o.sources));
            let listed = self.listed(idx.by_org.get(&o.id).unwrap_or(&empty), &mut cx);
            cx.insert("rows", &self.rows(&listed));
            emit(self.page("org.html", format!("orgs/{}/index.html", o.id), cx)?)
        })
    }

    /// `/failure-modes/` and every failure-mode page.
    pub fn failure_mode_pages(&self) -> Result<Vec<File>, RenderError> {
        let idx = self.index;
        let groups = FAILURE_MODES
            .iter()
            .map(|m| Group {
                id: m.slug().to_string(),
                title: m.title.to_string(),
                href: self.urls.failure_mode(m.slug()),
                subtitle: m.means.to_string(),
                count: idx.by_failure_mode.get(&m.id).map_or(0, Vec::len),
            })
            .collect();
        let mut out = vec![self.groups_page(
            "failure_modes.html",
            "failure-modes/index.html",
            "Failure modes",
            groups,
        )?];
        for m in FAILURE_MODES {
            let mut cx = Context::new();
            let positions = self.listed(
                idx.by_failure_mode
                    .get(&m.id)
                    .map_or(&[][..], Vec::as_slice),
                &mut cx,
            );
            let items: Vec<serde_json::Value> = positions
                .iter()
                .map(|&i| {
                    let r = &idx.site.releases[i];
                    let reasons: Vec<String> = idx.assessments[i]
                        .failure_modes
                        .iter()
                        .filter(|f| f.mode == m.id)
                        .flat_map(|f| {
                            let page = self.urls.model(&r.slug);
                            f.reasons
                                .iter()
                                .map(move |x| views::reason_html(r, x, &page, ""))
                        })
                        .collect();
                    serde_json::json!({ "name": r.name, "href": self.urls.model(&r.slug), "reasons_html": reasons })
                })
                .collect();

            cx.insert("title", m.title);
            cx.insert("m", m);
            cx.insert("items", &items);
            out.push(self.page(
                "failure_mode.html",
                format!("failure-modes/{}/index.html", m.slug()),
                cx,
            )?);
        }
        Ok(out)
    }

    /// `/compare/`: two to four releases side by side, built in the browser from the
    /// per-release data files; without JavaScript, a list of every release page.
    pub fn compare_page(&self) -> Result<File, RenderError> {
        #[derive(serde::Serialize)]
        struct Choice<'a> {
            slug: &'a str,
            name: &'a str,
            href: String,
        }
        let idx = self.index;
        let mut order: Vec<usize> = (0..idx.site.releases.len()).collect();
        order.sort_by(|&a, &b| idx.site.releases[a].name.cmp(&idx.site.releases[b].name));
        let releases: Vec<Choice<'_>> = order
            .iter()
            .map(|&i| {
                let r = &idx.site.releases[i];
                Choice {
                    slug: &r.slug,
                    name: &r.name,
                    href: self.urls.model(&r.slug),
                }
            })
            .collect();
        let pairs = |it: &mut dyn Iterator<Item = (&'static str, &'static str)>| {
            serde_json::to_string(&it.collect::<Vec<_>>()).unwrap_or_default()
        };
        let mut cx = Context::new();
        cx.insert("title", "Compare releases");
        cx.insert("releases", &releases);
        cx.insert(
            "components",
            &pairs(&mut COMPONENTS.iter().map(|c| (c.key, c.title))),
        );
        cx.insert(
            "points",
            &pairs(&mut POINTS.iter().map(|p| (p.key, p.title))),
        );
        cx.insert(
            "modes",
            &pairs(&mut FailureModeId::ALL.iter().map(|m| (m.as_str(), m.title()))),
        );
        self.page("compare.html", "compare/index.html".into(), cx)
    }

    /// `/lineage/`: the whole base → derivative graph.
    pub fn lineage_page(&self) -> Result<File, RenderError> {
        let idx = self.index;
        let n = idx.site.releases.len();
        let mut cx = Context::new();
        // One pass: releases with a base in the index, and those with neither base nor
        // derivative (not drawn).
        let mut derived = Vec::new();
        let mut standalone = 0;
        for i in 0..n {
            if !idx.bases(i).is_empty() {
                derived.push(i);
            } else if idx.derivatives[i].is_empty() {
                standalone += 1;
            }
        }
        // The newest [`PAGE_SIZE`] derivatives and their direct bases: a larger graph is
        // no use to a reader (the full lineage is in the data export).
        let derived = self.listed(&derived, &mut cx);
        let mut involved: Vec<usize> = derived
            .iter()
            .flat_map(|&i| std::iter::once(i).chain(idx.bases(i)))
            .collect();
        involved.sort_unstable();
        involved.dedup();
        // Layer = longest chain of bases below a release (memoised, linear; cycles are
        // rejected by `check` before rendering).
        let mut layer: Vec<Option<usize>> = vec![None; n];
        fn depth(i: usize, idx: &Index, layer: &mut Vec<Option<usize>>, guard: usize) -> usize {
            if let Some(d) = layer[i] {
                return d;
            }
            if guard > idx.site.releases.len() {
                return 0;
            }
            let d = idx
                .bases(i)
                .into_iter()
                .map(|b| depth(b, idx, layer, guard + 1) + 1)
                .max()
                .unwrap_or(0);
            layer[i] = Some(d);
            d
        }
        let mut order = involved.clone();
        for &i in &order {
            depth(i, idx, &mut layer, 0);
        }
        order.sort_by(|&a, &b| {
            layer[a]
                .cmp(&layer[b])
                .then_with(|| idx.site.releases[a].slug.cmp(&idx.site.releases[b].slug))
        });
        let pos: std::collections::HashMap<usize, usize> =
            order.iter().enumerate().map(|(k, &i)| (i, k)).collect();
        let nodes: Vec<svg::Node<'_>> = order
            .iter()
            .map(|&i| svg::Node {
                label: &idx.site.releases[i].name,
                href: self.urls.model(&idx.site.releases[i].slug),
                layer: layer[i].unwrap_or(0),
            })
            .collect();
        let mut edges = Vec::new();
        let mut pairs = Vec::new();
        let shown: std::collections::HashSet<usize> = derived.iter().copied().collect();
        for &i in order.iter().filter(|i| shown.contains(i)) {
            for b in idx.bases(i) {
                edges.push((pos[&b], pos[&i]));
                pairs.push((
                    views::release_link(idx, b, &self.urls),
                    views::release_link(idx, i, &self.urls),
                ));
            }
        }
        cx.insert("title", "Lineage");
        cx.insert("graph_svg", &svg::lineage(&nodes, &edges));
        cx.insert("pairs", &pairs);
        cx.insert("standalone", &standalone);
        self.page("lineage.html", "lineage/index.html".into(), cx)
    }

    /// `/methodology/`, generated from the rule definitions.
    pub fn methodology_page(&self) -> Result<File, RenderError> {
        let mut cx = Context::new();
        cx.insert("title", "Methodology");
        methodology_context(&mut cx);
        cx.insert("peer_mapping", &super::peers::mapping_rows());
        cx.insert("peer_classes", &super::peers::classes());
        cx.insert("has_peers", &!self.index.site.peers.snapshots.is_empty());
        self.page("methodology.html", "methodology/index.html".into(), cx)
    }
}

/// A word of a vocabulary with what it means, for the methodology's lists.
#[derive(serde::Serialize)]
pub(super) struct Word {
    word: &'static str,
    means: &'static str,
}

fn words<T: Copy>(
    all: &[T],
    word: fn(T) -> &'static str,
    means: fn(T) -> &'static str,
) -> Vec<Word> {
    all.iter()
        .map(|&v| Word {
            word: word(v),
            means: means(v),
        })
        .collect()
}

/// The rule definitions the methodology page shows, straight from the definitions the rules
/// score with.
pub(super) fn methodology_context(cx: &mut Context) {
    cx.insert("components", COMPONENTS);
    cx.insert("points", POINTS);
    cx.insert("failure_modes", FAILURE_MODES);
    cx.insert(
        "component_statuses",
        &words(
            ComponentStatus::ALL,
            ComponentStatus::as_str,
            ComponentStatus::describe,
        ),
    );
    cx.insert(
        "point_statuses",
        &words(PointStatus::ALL, PointStatus::as_str, PointStatus::describe),
    );
    cx.insert(
        "verdicts",
        &words(Verdict::ALL, Verdict::as_str, Verdict::describe),
    );
    cx.insert(
        "classes",
        &words(
            LicenseClass::ALL,
            LicenseClass::as_str,
            LicenseClass::describe,
        ),
    );
    cx.insert(
        "availability",
        &words(
            Availability::ALL,
            Availability::as_str,
            Availability::describe,
        ),
    );
    cx.insert("source_kinds", &SourceKind::ALL.iter().map(|s| serde_json::json!({ "word": s.as_str(), "means": s.describe(), "primary": s.is_primary() })).collect::<Vec<_>>());
    cx.insert(
        "codes",
        &words(
            crate::diag::Code::ALL,
            crate::diag::Code::as_str,
            crate::diag::Code::describe,
        ),
    );
}
