//! The list pages of the site — the index table, licenses, organizations, failure modes,
//! the lineage graph and the methodology — as methods of [`Renderer`]. Release pages,
//! the report page and the order in which everything is emitted live in [`super::site`].

use super::route::Route;
use super::site::{Emit, File, Group, PAGE_SIZE, RenderError, Renderer, collected};
use super::slot::Slot;
use super::svg;
use super::views::{self, Link};
use crate::index::ReleaseId;
use crate::model::*;
use rayon::prelude::*;
use std::fmt::Write;
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
        let order = self.index.newest_first(self.index.ids());
        (0..pages).into_par_iter().try_for_each(|p| {
            let chunk = &order[p * PAGE_SIZE..((p + 1) * PAGE_SIZE).min(n)];
            let mut cx = Context::new();
            cx.insert("title", "Index");
            cx.insert("figures", if p == 0 { &figures[..] } else { &[] });
            cx.insert("components", COMPONENTS);
            cx.insert("filters", &views::table_filters());
            cx.insert("page_number", &(p + 1));
            cx.insert("page_count", &pages);
            cx.insert("total", &n);
            let pager = |q: usize| self.urls.to(Route::Home(q + 1));
            cx.insert("prev", &(p > 0).then(|| pager(p - 1)));
            cx.insert("next", &(p + 1 < pages).then(|| pager(p + 1)));
            let rows = self.rows_slot(chunk, true);
            emit(self.page_with("index.html", Route::Home(p + 1), cx, &[rows])?)
        })
    }

    pub(super) fn groups_page(
        &self,
        template: &str,
        route: Route,
        title: &str,
        groups: Vec<Group>,
    ) -> Result<File, RenderError> {
        let mut cx = Context::new();
        cx.insert("title", title);
        cx.insert("groups", &groups);
        self.page(template, route, cx)
    }

    /// `/licenses/` and every license page.
    pub fn license_pages(&self) -> Result<Vec<File>, RenderError> {
        collected(|emit| self.license_pages_to(emit))
    }

    pub(super) fn license_pages_to(&self, emit: &Emit<'_>) -> Result<(), RenderError> {
        let idx = self.index;
        let groups = idx
            .licenses_assessed()
            .map(|(l, a)| Group {
                id: l.id.clone(),
                title: l.name.clone(),
                href: self.urls.license(&l.id),
                subtitle: a.class.as_str().to_string(),
                count: idx.under_license(&l.id).len(),
            })
            .collect();
        emit(self.groups_page("licenses.html", Route::Licenses, "Licenses", groups)?)?;
        let assessed: Vec<_> = idx.licenses_assessed().collect();
        assessed.par_iter().try_for_each(|&(l, a)| {
            let mut cx = Context::new();
            cx.insert("title", &l.name);
            cx.insert("l", &views::license_answers(l, a, &self.urls));
            cx.insert("spdx", &l.spdx);
            cx.insert("url", &l.url);
            cx.insert("sources", &views::source_views(&l.sources));
            let listed = self.listed(idx.under_license(&l.id), &mut cx);
            cx.insert("file", &crate::diag::slash_path(&l.path));
            let rows = self.rows_slot(&listed, false);
            emit(self.page_with("license.html", Route::License(&l.id), cx, &[rows])?)
        })
    }

    /// `/orgs/` and every organization page.
    pub fn org_pages(&self) -> Result<Vec<File>, RenderError> {
        collected(|emit| self.org_pages_to(emit))
    }

    pub(super) fn org_pages_to(&self, emit: &Emit<'_>) -> Result<(), RenderError> {
        let idx = self.index;
        let groups = idx
            .site
            .orgs
            .iter()
            .map(|o| Group {
                id: o.id.clone(),
                title: o.name.clone(),
                href: self.urls.org(&o.id),
                subtitle: format!("{} · {}", o.country, o.kind),
                count: idx.of_org(&o.id).len(),
            })
            .collect();
        emit(self.groups_page("orgs.html", Route::Orgs, "Organizations", groups)?)?;
        idx.site.orgs.par_iter().try_for_each(|o| {
            let mut cx = Context::new();
            cx.insert("title", &o.name);
            cx.insert("o", &views::OrgView::of(o));
            cx.insert("sources", &views::source_views(&o.sources));
            let listed = self.listed(idx.of_org(&o.id), &mut cx);
            let rows = self.rows_slot(&listed, false);
            emit(self.page_with("org.html", Route::Org(&o.id), cx, &[rows])?)
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
            Route::FailureModes,
            "Failure modes",
            groups,
        )?];
        for m in FAILURE_MODES {
            let mut cx = Context::new();
            let listed = self.listed(
                idx.by_failure_mode
                    .get(&m.id)
                    .map_or(&[][..], Vec::as_slice),
                &mut cx,
            );
            let items: Vec<ShownBy<'_>> = listed
                .iter()
                .map(|&id| {
                    let (r, a) = idx.entry(id).parts();
                    let page = self.urls.model(&r.slug);
                    let reasons_html = a
                        .failure_modes
                        .iter()
                        .filter(|f| f.mode == m.id)
                        .flat_map(|f| &f.reasons)
                        .map(|x| views::reason_html(r, x, &page, ""))
                        .collect();
                    ShownBy {
                        name: &r.name,
                        href: page,
                        reasons_html,
                    }
                })
                .collect();

            cx.insert("title", m.title);
            cx.insert("m", m);
            cx.insert("items", &items);
            out.push(self.page("failure_mode.html", Route::FailureMode(m.slug()), cx)?);
        }
        Ok(out)
    }

    /// `/compare/`: two to four releases side by side, built in the browser from the
    /// per-release data files; without JavaScript, a list of every release page.
    pub fn compare_page(&self) -> Result<File, RenderError> {
        let idx = self.index;
        let mut order: Vec<&Release> = idx.site.releases.iter().collect();
        order.sort_by(|a, b| a.name.cmp(&b.name));
        // The two lists name every release: built here as escaped HTML, a thousand
        // releases a piece, rather than handed to the template engine one value per release
        // and minified as one tree (see `Slot`).
        let (mut options, mut items) = (Vec::new(), Vec::new());
        for piece in order.chunks(1000) {
            let (mut o, mut l) = (String::new(), String::new());
            for r in piece {
                let (slug, name) = (tera::escape_html(&r.slug), tera::escape_html(&r.name));
                let href = tera::escape_html(&self.urls.model(&r.slug));
                let _ = write!(o, "<option value=\"{slug}\">{name}</option>");
                let _ = write!(l, "<li><a href=\"{href}\">{name}</a></li>");
            }
            options.push(o);
            items.push(l);
        }
        let pairs = |it: &mut dyn Iterator<Item = (&'static str, &'static str)>| {
            serde_json::to_string(&it.collect::<Vec<_>>()).unwrap_or_default()
        };
        let mut cx = Context::new();
        cx.insert("title", "Compare releases");
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
        let slots = [
            Slot::ready("options_html", options),
            Slot::ready("list_html", items),
        ];
        self.page_with("compare.html", Route::Compare, cx, &slots)
    }

    /// `/lineage/`: the whole base → derivative graph.
    pub fn lineage_page(&self) -> Result<File, RenderError> {
        let idx = self.index;
        let mut cx = Context::new();
        // One pass: releases with a base in the index, and those with neither base nor
        // derivative (not drawn).
        let mut derived = Vec::new();
        let mut standalone = 0;
        for id in idx.ids() {
            if !idx.bases(id).is_empty() {
                derived.push(id);
            } else if idx.derivatives(id).is_empty() {
                standalone += 1;
            }
        }
        // The newest [`PAGE_SIZE`] derivatives and their direct bases: a larger graph is
        // no use to a reader (the full lineage is in the data export).
        let derived = self.listed(&derived, &mut cx);
        let mut order: Vec<ReleaseId> = derived
            .iter()
            .flat_map(|&id| std::iter::once(id).chain(idx.bases(id)))
            .collect();
        order.sort_unstable();
        order.dedup();
        let layer = idx.layers(&order);
        order.sort_by(|a, b| {
            layer[a]
                .cmp(&layer[b])
                .then_with(|| idx.release(*a).slug.cmp(&idx.release(*b).slug))
        });
        let pos: std::collections::HashMap<ReleaseId, usize> =
            order.iter().enumerate().map(|(k, &id)| (id, k)).collect();
        let nodes: Vec<svg::Node<'_>> = order
            .iter()
            .map(|id| svg::Node {
                label: &idx.release(*id).name,
                href: self.urls.model(&idx.release(*id).slug),
                layer: layer[id],
            })
            .collect();
        let mut edges = Vec::new();
        let mut links = Vec::new();
        let shown: std::collections::HashSet<ReleaseId> = derived.iter().copied().collect();
        for &id in order.iter().filter(|id| shown.contains(id)) {
            for b in idx.bases(id) {
                edges.push((pos[&b], pos[&id]));
                links.push(Edge {
                    base: views::release_link(idx, b, &self.urls),
                    derivative: views::release_link(idx, id, &self.urls),
                });
            }
        }
        cx.insert("title", "Lineage");
        cx.insert("graph_svg", &svg::lineage(&nodes, &edges));
        cx.insert("edges", &links);
        cx.insert("standalone", &standalone);
        self.page("lineage.html", Route::Lineage, cx)
    }

    /// `/methodology/`, generated from the rule definitions.
    pub fn methodology_page(&self) -> Result<File, RenderError> {
        let mut cx = Context::new();
        cx.insert("title", "Methodology");
        methodology_context(&mut cx)?;
        cx.insert("peer_mapping", &super::peers::mapping_rows());
        cx.insert("peer_classes", &super::peers::classes());
        cx.insert("has_peers", &!self.index.site.peers.snapshots.is_empty());
        self.page("methodology.html", Route::Methodology, cx)
    }
}

/// A word of a vocabulary with what it means, for the methodology's lists.
#[derive(serde::Serialize)]
pub(super) struct Definition {
    word: &'static str,
    means: &'static str,
}

impl Definition {
    fn of<T: Vocabulary>(v: T) -> Self {
        Definition {
            word: v.word(),
            means: v.means(),
        }
    }
}

/// Each word of the vocabulary `T` with what it means.
fn words<T: Vocabulary>() -> Vec<Definition> {
    T::ALL.iter().map(|&v| Definition::of(v)).collect()
}

/// A source kind, primary or secondary, with what it means.
#[derive(serde::Serialize)]
pub(super) struct SourceKindDefinition {
    #[serde(flatten)]
    word: Definition,
    primary: bool,
}

/// The rule definitions and vocabularies the methodology shows — the site's page and the
/// report's appendix — straight from the definitions the rules score with.
#[derive(serde::Serialize)]
pub struct Methodology {
    components: &'static [Component],
    points: &'static [Point],
    failure_modes: &'static [FailureMode],
    component_statuses: Vec<Definition>,
    point_statuses: Vec<Definition>,
    verdicts: Vec<Definition>,
    classes: Vec<Definition>,
    availability: Vec<Definition>,
    source_kinds: Vec<SourceKindDefinition>,
    codes: Vec<Definition>,
}

/// Every definition the methodology shows, in the order the rules list them.
pub fn methodology() -> Methodology {
    Methodology {
        components: COMPONENTS,
        points: POINTS,
        failure_modes: FAILURE_MODES,
        component_statuses: words::<ComponentStatus>(),
        point_statuses: words::<PointStatus>(),
        verdicts: words::<Verdict>(),
        classes: words::<LicenseClass>(),
        availability: words::<Availability>(),
        source_kinds: SourceKind::ALL
            .iter()
            .map(|&k| SourceKindDefinition {
                word: Definition::of(k),
                primary: k.is_primary(),
            })
            .collect(),
        codes: words::<crate::diag::Code>(),
    }
}

/// The methodology's definitions, as top-level names of a template context.
pub(super) fn methodology_context(cx: &mut Context) -> Result<(), RenderError> {
    let m = Context::from_serialize(methodology()).map_err(|e| RenderError(e.to_string()))?;
    cx.extend(m);
    Ok(())
}

/// A release shown on a failure mode's page, with the reasons the mode fires.
#[derive(serde::Serialize)]
struct ShownBy<'a> {
    name: &'a str,
    href: String,
    reasons_html: Vec<String>,
}

/// One base → derivative link of the lineage page.
#[derive(serde::Serialize)]
struct Edge {
    base: Link,
    derivative: Link,
}
