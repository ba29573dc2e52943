//! The site renderer: compiles the templates once (defaults embedded in the binary, a
//! site's own `templates/` files override them by name), then renders every page of
//! DESIGN §7 in parallel into an in-memory list of files. Nothing here touches the output
//! directory — [`crate::output`] writes the list.

use super::data;
use super::svg::{self, Bar};
use super::views::{self, Row, Urls};
use crate::index::Index;
use crate::model::*;
use rayon::prelude::*;
use serde::Serialize;
use std::path::{Path, PathBuf};
use tera::{Context, Tera};

/// One output file, relative to the output root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    /// Relative path with `/` separators.
    pub path: String,
    /// Contents.
    pub bytes: Vec<u8>,
}

/// Where rendered files go: [`Renderer::each`] hands each file over as soon as it exists.
/// Any `Fn(File) -> Result<(), RenderError>` is a sink that takes whole files.
pub trait Sink: Sync {
    /// Takes one rendered file.
    fn put(&self, file: File) -> Result<(), RenderError>;

    /// Takes a large file written piece by piece by `write` (the data exports), so it need
    /// never be held in memory whole. By default the pieces are collected and [`Sink::put`].
    fn stream(&self, path: &str, write: &mut Writer<'_>) -> Result<(), RenderError> {
        let mut bytes = Vec::new();
        write(&mut bytes).map_err(|e| RenderError(e.to_string()))?;
        self.put(File {
            path: path.to_string(),
            bytes,
        })
    }
}

/// Writes a streamed file's contents.
pub type Writer<'a> = dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()> + 'a;

impl<F: Fn(File) -> Result<(), RenderError> + Sync> Sink for F {
    fn put(&self, file: File) -> Result<(), RenderError> {
        self(file)
    }
}

/// Takes one rendered file (from any render thread).
type Emit<'a> = dyn Fn(File) -> Result<(), RenderError> + Sync + 'a;

/// The files a streaming renderer hands out, collected (in no particular order).
fn collected(
    render: impl FnOnce(&Emit<'_>) -> Result<(), RenderError>,
) -> Result<Vec<File>, RenderError> {
    let files = std::sync::Mutex::new(Vec::new());
    render(&|f| {
        files
            .lock()
            .map_err(|_| RenderError("render thread panicked".into()))?
            .push(f);
        Ok(())
    })?;
    files
        .into_inner()
        .map_err(|_| RenderError("render thread panicked".into()))
}

/// Options of a render.
#[derive(Debug, Clone)]
pub struct Options {
    /// "Today", for review-overdue banners and the feed (from `SOURCE_DATE_EPOCH`).
    pub today: Date,
    /// The content revision (git commit) when known.
    pub revision: Option<String>,
    /// Inject the live-reload script (`serve` only).
    pub live_reload: bool,
    /// Minify HTML.
    pub minify: bool,
    /// Link the PDF report from `/report/` (it is written by the caller).
    pub with_pdf: bool,
    /// Verdict changes from git, when built inside a repository.
    pub history: Option<crate::diff::History>,
}

/// The default templates, compiled into the binary.
pub const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("macros.html", include_str!("../../templates/macros.html")),
    ("index.html", include_str!("../../templates/index.html")),
    ("model.html", include_str!("../../templates/model.html")),
    (
        "licenses.html",
        include_str!("../../templates/licenses.html"),
    ),
    ("license.html", include_str!("../../templates/license.html")),
    ("orgs.html", include_str!("../../templates/orgs.html")),
    ("org.html", include_str!("../../templates/org.html")),
    (
        "failure_modes.html",
        include_str!("../../templates/failure_modes.html"),
    ),
    (
        "failure_mode.html",
        include_str!("../../templates/failure_mode.html"),
    ),
    ("lineage.html", include_str!("../../templates/lineage.html")),
    (
        "methodology.html",
        include_str!("../../templates/methodology.html"),
    ),
    ("404.html", include_str!("../../templates/404.html")),
    ("release.html", include_str!("../../templates/release.html")),
    (
        "methodology_body.html",
        include_str!("../../templates/methodology_body.html"),
    ),
    ("report.html", include_str!("../../templates/report.html")),
    ("changes.html", include_str!("../../templates/changes.html")),
];

/// The default assets, compiled into the binary.
pub const ASSETS: &[(&str, &str)] = &[
    ("style.css", include_str!("../../assets/style.css")),
    ("app.js", include_str!("../../assets/app.js")),
    ("favicon.svg", include_str!("../../assets/favicon.svg")),
];

/// The most releases the site's `/report/` page covers in full (a printable page of more
/// than a few thousand printed pages helps nobody; focused reports cover the rest).
pub const REPORT_LIMIT: usize = 250;

/// Rows per page of the index table.
pub const PAGE_SIZE: usize = 1000;

/// A template or asset problem (exit 2: not the contributor's content).
#[derive(Debug)]
pub struct RenderError(pub String);

impl std::fmt::Display for RenderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn tera_error(e: tera::Error) -> RenderError {
    let mut msg = e.to_string();
    let mut source = std::error::Error::source(&e);
    while let Some(s) = source {
        msg.push_str(&format!(": {s}"));
        source = s.source();
    }
    RenderError(msg)
}

/// Compiles the templates: embedded defaults, overridden by `<root>/templates/<name>`.
pub fn compile_templates(root: &Path) -> Result<Tera, RenderError> {
    let mut tera = Tera::default();
    let mut sources: Vec<(String, String)> = Vec::new();
    for (name, text) in TEMPLATES {
        let custom = root.join("templates").join(name);
        let text = match std::fs::read_to_string(&custom) {
            Ok(t) => t,
            Err(_) => (*text).to_string(),
        };
        sources.push((name.to_string(), text));
    }
    tera.add_raw_templates(sources).map_err(tera_error)?;
    tera.autoescape_on(vec![".html"]);
    Ok(tera)
}

/// Reads the assets: embedded defaults, overridden by `<root>/assets/<name>`, plus any
/// other file in `<root>/assets/`.
pub fn assets(root: &Path) -> Vec<File> {
    let mut out: Vec<File> = ASSETS
        .iter()
        .map(|(name, text)| File {
            path: format!("assets/{name}"),
            bytes: std::fs::read(root.join("assets").join(name))
                .unwrap_or_else(|_| text.as_bytes().to_vec()),
        })
        .collect();
    let dir = root.join("assets");
    if dir.is_dir() {
        for entry in walkdir::WalkDir::new(&dir)
            .follow_links(false)
            .sort_by_file_name()
            .into_iter()
            .flatten()
        {
            if !entry.file_type().is_file() {
                continue;
            }
            let rel = entry.path().strip_prefix(&dir).unwrap_or(entry.path());
            let rel = crate::diag::slash_path(rel);
            if out.iter().any(|f| f.path == format!("assets/{rel}")) {
                continue;
            }
            if let Ok(bytes) = std::fs::read(entry.path()) {
                out.push(File {
                    path: format!("assets/{rel}"),
                    bytes,
                });
            }
        }
    }
    out
}

/// What every page's template sees under `site`.
#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    description: &'a str,
    language: &'a str,
    base: &'a str,
    repository: Option<&'a str>,
    generated: String,
    revision: Option<&'a str>,
    version: &'static str,
    live_reload: bool,
    releases: usize,
    has_history: bool,
}

/// Headline counts with their charts.
#[derive(Serialize)]
struct Figure {
    title: &'static str,
    id: &'static str,
    chart_svg: String,
    rows: Vec<super::figures::Count>,
}

#[derive(Serialize)]
struct Group {
    id: String,
    title: String,
    href: String,
    subtitle: String,
    count: usize,
}

/// The renderer: templates compiled once, then any number of pages.
pub struct Renderer<'a> {
    tera: &'a Tera,
    index: &'a Index,
    urls: Urls,
    opts: Options,
    site: serde_json::Value,
}

impl<'a> Renderer<'a> {
    /// Prepares a render of `index`.
    pub fn new(index: &'a Index, tera: &'a Tera, opts: Options) -> Renderer<'a> {
        let config = &index.site.config;
        let urls = Urls::new(&config.base_url);
        let site = serde_json::to_value(SiteView {
            title: &config.title,
            description: &config.description,
            language: &config.language,
            base: &urls.base,
            repository: config.repository.as_deref(),
            generated: opts.today.to_string(),
            revision: opts.revision.as_deref(),
            version: env!("CARGO_PKG_VERSION"),
            live_reload: opts.live_reload,
            releases: index.site.releases.len(),
            has_history: opts.history.is_some(),
        })
        .unwrap_or_default();
        Renderer {
            tera,
            index,
            urls,
            opts,
            site,
        }
    }

    /// The link builder.
    pub fn urls(&self) -> &Urls {
        &self.urls
    }

    fn page(&self, template: &str, path: String, mut cx: Context) -> Result<File, RenderError> {
        cx.insert("site", &self.site);
        cx.insert("page_path", &path);
        let html = self.tera.render(template, &cx).map_err(tera_error)?;
        let bytes = if self.opts.minify {
            minify(html.as_bytes())
        } else {
            html.into_bytes()
        };
        Ok(File { path, bytes })
    }

    /// The newest [`PAGE_SIZE`] of a list of releases; records in `cx` how many more there
    /// are (`more`, `total`), which pages show with a pointer to the full data export.
    fn listed(&self, positions: &[usize], cx: &mut Context) -> Vec<usize> {
        let releases = &self.index.site.releases;
        let mut order = positions.to_vec();
        order.sort_by(|&a, &b| {
            releases[b]
                .release_date
                .v
                .cmp(&releases[a].release_date.v)
                .then_with(|| releases[a].slug.cmp(&releases[b].slug))
        });
        cx.insert("total", &order.len());
        cx.insert("more", &order.len().saturating_sub(PAGE_SIZE));
        order.truncate(PAGE_SIZE);
        order
    }

    fn rows(&self, positions: &[usize]) -> Vec<Row> {
        positions
            .iter()
            .map(|&i| views::row(self.index, i, &self.urls))
            .collect()
    }

    /// One release's page, JSON and badge.
    pub fn release(&self, i: usize) -> Result<Vec<File>, RenderError> {
        let r = &self.index.site.releases[i];
        let a = &self.index.assessments[i];
        let view = views::release(self.index, i, &self.urls, self.opts.today, "");
        let mut cx = Context::new();
        if let Some(h) = &self.opts.history {
            cx.insert("last_change", &h.last_change(&r.slug));
            cx.insert(
                "history",
                &serde_json::json!({ "examined": h.examined, "since": h.since }),
            );
        }
        cx.insert("r", &view);
        cx.insert("title", &r.name);
        let page = self.page("model.html", format!("models/{}/index.html", r.slug), cx)?;
        let json = data::release_json(self.index, i, &self.urls);
        let badge = svg::badge(
            "OSAID 1.0",
            views::verdict_label(a.osaid.verdict).trim_end_matches(" OSAID 1.0"),
            a.osaid.verdict.as_str(),
        );
        Ok(vec![
            page,
            File {
                path: format!("models/{}.json", r.slug),
                bytes: serde_json::to_vec(&json).unwrap_or_default(),
            },
            File {
                path: format!("badges/{}.svg", r.slug),
                bytes: badge.into_bytes(),
            },
        ])
    }

    fn figures(&self) -> Vec<Figure> {
        self.figures_for(&(0..self.index.site.releases.len()).collect::<Vec<_>>())
    }

    /// The headline figures over a set of releases, each with its SVG chart.
    fn figures_for(&self, set: &[usize]) -> Vec<Figure> {
        super::figures::tallies(self.index, set)
            .into_iter()
            .map(|t| {
                let bars: Vec<Bar<'_>> = t
                    .rows
                    .iter()
                    .map(|c| Bar {
                        label: &c.label,
                        value: c.value,
                        class: &c.class,
                    })
                    .collect();
                Figure {
                    chart_svg: svg::bar_chart(t.title, &bars),
                    title: t.title,
                    id: t.id,
                    rows: t.rows,
                }
            })
            .collect()
    }

    /// The index pages (`/`, `/page/2/`, …).
    pub fn index_pages(&self) -> Result<Vec<File>, RenderError> {
        collected(|emit| self.index_pages_to(emit))
    }

    /// Renders the index pages in parallel, handing each to `emit` as soon as it exists.
    fn index_pages_to(&self, emit: &Emit<'_>) -> Result<(), RenderError> {
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
            cx.insert(
                "components",
                &COMPONENTS
                    .iter()
                    .map(|c| (c.key, c.title))
                    .collect::<Vec<_>>(),
            );
            cx.insert(
                "failure_modes",
                &FAILURE_MODES
                    .iter()
                    .map(|m| (m.slug(), m.title))
                    .collect::<Vec<_>>(),
            );
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

    fn groups_page(
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

    fn license_pages_to(&self, emit: &Emit<'_>) -> Result<(), RenderError> {
        let idx = self.index;
        let empty = Vec::new();
        let groups = idx
            .site
            .licenses
            .iter()
            .map(|l| Group {
                id: l.id.clone(),
                title: l.name.clone(),
                href: self.urls.license(&l.id),
                subtitle: crate::assess::license::class(l).as_str().to_string(),
                count: idx.by_license.get(&l.id).map_or(0, Vec::len),
            })
            .collect();
        emit(self.groups_page("licenses.html", "licenses/index.html", "Licenses", groups)?)?;
        idx.site.licenses.par_iter().try_for_each(|l| {
            let mut cx = Context::new();
            cx.insert("title", &l.name);
            cx.insert("l", &views::license_answers(l, &self.urls));
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

    fn org_pages_to(&self, emit: &Emit<'_>) -> Result<(), RenderError> {
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
            cx.insert("m", &serde_json::json!({ "slug": m.slug(), "title": m.title, "means": m.means, "computed_when": m.computed_when }));
            cx.insert("items", &items);
            out.push(self.page(
                "failure_mode.html",
                format!("failure-modes/{}/index.html", m.slug()),
                cx,
            )?);
        }
        Ok(out)
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
        self.page("methodology.html", "methodology/index.html".into(), cx)
    }

    /// The releases a report covers, in index order (newest first).
    pub fn report_order(&self, filter: &dyn Fn(usize) -> bool) -> Vec<usize> {
        let idx = self.index;
        let mut order: Vec<usize> = (0..idx.site.releases.len())
            .filter(|&i| filter(i))
            .collect();
        order.sort_by(|&a, &b| {
            let (ra, rb) = (&idx.site.releases[a], &idx.site.releases[b]);
            rb.release_date
                .v
                .cmp(&ra.release_date.v)
                .then_with(|| ra.slug.cmp(&rb.slug))
        });
        order
    }

    /// `/report/`: the printable report as one HTML page.
    pub fn report_page(
        &self,
        order: &[usize],
        focus: Option<&str>,
        pdf: Option<&str>,
    ) -> Result<File, RenderError> {
        let idx = self.index;
        let mut cx = Context::new();
        cx.insert("title", "Report");
        methodology_context(&mut cx);
        let releases: Vec<views::ReleaseView> = order
            .par_iter()
            .map(|&i| {
                views::release(
                    idx,
                    i,
                    &self.urls,
                    self.opts.today,
                    &format!("{}-", idx.site.releases[i].slug),
                )
            })
            .collect();
        cx.insert("releases", &releases);
        cx.insert("rows", &self.rows(order));
        cx.insert("figures", &self.figures_for(order));
        cx.insert("summary", &super::report::summary(idx, order));
        cx.insert("total", &order.len());
        cx.insert(
            "orgs",
            &order
                .iter()
                .map(|&i| idx.site.releases[i].organization.v.as_str())
                .collect::<std::collections::BTreeSet<_>>()
                .len(),
        );
        cx.insert(
            "licenses",
            &idx.site
                .licenses
                .iter()
                .map(|l| views::license_answers(l, &self.urls))
                .collect::<Vec<_>>(),
        );
        cx.insert("focus", &focus);
        cx.insert("pdf", &pdf);
        self.page("report.html", "report/index.html".into(), cx)
    }

    /// Renders only what is needed for one output path (used by `serve`, which renders
    /// pages on request instead of rebuilding the whole site after every edit). The result
    /// holds the requested file and any siblings rendered with it; `None` when no such path.
    pub fn render_path(&self, root: &Path, path: &str) -> Result<Option<Vec<File>>, RenderError> {
        let idx = self.index;
        let parts: Vec<&str> = path.split('/').collect();
        let files = match parts.as_slice() {
            ["index.html"] | ["page", _, "index.html"] => self.index_pages()?,
            ["models", slug, "index.html"] => match idx.by_slug.get(*slug) {
                Some(&i) => self.release(i)?,
                None => return Ok(None),
            },
            ["models", file] | ["badges", file] => {
                match file.rsplit_once('.').and_then(|(s, _)| idx.by_slug.get(s)) {
                    Some(&i) => self.release(i)?,
                    None => return Ok(None),
                }
            }
            ["licenses", ..] => self.license_pages()?,
            ["orgs", ..] => self.org_pages()?,
            ["failure-modes", ..] => self.failure_mode_pages()?,
            ["lineage", "index.html"] => vec![self.lineage_page()?],
            ["methodology", "index.html"] => vec![self.methodology_page()?],
            ["report", "index.html"] => vec![self.site_report_page()?],
            ["assets", ..] => assets(root),
            ["404.html"] => vec![self.not_found_page()?],
            ["data", _]
            | ["search.json"]
            | ["feed.xml"]
            | ["sitemap.xml"]
            | ["changes", "index.html"] => self.all(root)?,
            _ => return Ok(None),
        };
        Ok(files.iter().any(|f| f.path == path).then_some(files))
    }

    /// The site's `/report/` page: every release, up to [`REPORT_LIMIT`] (the newest);
    /// a larger index is reported in focused parts with `openindex report --org …`.
    pub fn site_report_page(&self) -> Result<File, RenderError> {
        let mut order = self.report_order(&|_| true);
        let total = order.len();
        order.truncate(REPORT_LIMIT);
        let focus = (total > REPORT_LIMIT).then(|| format!("the {REPORT_LIMIT} newest of {total} releases (use `openindex report` with filters for the rest)"));
        let pdf = self
            .opts
            .with_pdf
            .then(|| format!("{}report/openindex-report.pdf", self.urls.base));
        self.report_page(&order, focus.as_deref(), pdf.as_deref())
    }

    /// `/404.html`.
    pub fn not_found_page(&self) -> Result<File, RenderError> {
        let mut cx = Context::new();
        cx.insert("title", "Page not found");
        self.page("404.html", "404.html".into(), cx)
    }

    /// Every file of the site, collected and sorted by path.
    pub fn all(&self, root: &Path) -> Result<Vec<File>, RenderError> {
        let mut files = collected(|emit| self.each(root, &|f| emit(f)))?;
        files.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(files)
    }

    /// Renders every file of the site and hands each to `sink` as soon as it exists
    /// (per-release pages from all threads at once), so a build never holds the whole
    /// site in memory.
    pub fn each(&self, root: &Path, sink: &dyn Sink) -> Result<(), RenderError> {
        let idx = self.index;
        let n = idx.site.releases.len();
        let pages = std::sync::Mutex::new(Vec::new());
        let emit = |f: File| -> Result<(), RenderError> {
            if f.path.ends_with("index.html") {
                pages
                    .lock()
                    .map_err(|_| RenderError("render thread panicked".into()))?
                    .push(f.path.clone());
            }
            sink.put(f)
        };
        (0..n)
            .into_par_iter()
            .try_for_each(|i| self.release(i)?.into_iter().try_for_each(&emit))?;
        // List pages go out as they are rendered too: at 100,000 releases the index and
        // organization pages together are hundreds of megabytes.
        self.index_pages_to(&emit)?;
        self.license_pages_to(&emit)?;
        self.org_pages_to(&emit)?;
        let mut rest = self.failure_mode_pages()?;
        rest.push(self.lineage_page()?);
        rest.push(self.methodology_page()?);
        if let Some(h) = &self.opts.history {
            let mut cx = Context::new();
            cx.insert("title", "Changes");
            cx.insert("h", h);
            rest.push(self.page("changes.html", "changes/index.html".into(), cx)?);
        }
        rest.push(self.site_report_page()?);
        rest.push(self.not_found_page()?);
        rest.into_iter().try_for_each(&emit)?;
        sink.stream("data/index.json", &mut |w| {
            data::write_index_json(idx, &self.urls, w)
        })?;
        emit(File {
            path: "data/index.schema.json".into(),
            bytes: serde_json::to_vec_pretty(&data::index_schema()).unwrap_or_default(),
        })?;
        sink.stream("data/index.csv", &mut |w| {
            data::write_index_csv(idx, &self.urls, w)
        })?;
        emit(File {
            path: "search.json".into(),
            bytes: data::search_index(idx, &self.urls).into_bytes(),
        })?;
        emit(File {
            path: "feed.xml".into(),
            bytes: super::feed::atom(idx, &self.urls, self.opts.today).into_bytes(),
        })?;
        assets(root).into_iter().try_for_each(&emit)?;
        let mut paths = pages
            .into_inner()
            .map_err(|_| RenderError("render thread panicked".into()))?;
        paths.sort_unstable();
        let paths: Vec<&str> = paths.iter().map(String::as_str).collect();
        sink.put(File {
            path: "sitemap.xml".into(),
            bytes: super::feed::sitemap(&paths, &self.urls).into_bytes(),
        })
    }
}

/// The rule definitions the methodology page and the report appendix show.
fn methodology_context(cx: &mut Context) {
    cx.insert("components", &COMPONENTS.iter().map(|c| serde_json::json!({ "key": c.key, "title": c.title, "required": c.required, "open_means": c.open_means })).collect::<Vec<_>>());
    cx.insert(
        "component_statuses",
        &words(
            ComponentStatus::ALL
                .iter()
                .map(|s| (s.as_str(), s.describe())),
        ),
    );
    cx.insert("points", &POINTS.iter().map(|p| serde_json::json!({ "number": p.number, "key": p.key, "title": p.title, "asks": p.asks })).collect::<Vec<_>>());
    cx.insert(
        "point_statuses",
        &words(PointStatus::ALL.iter().map(|s| (s.as_str(), s.describe()))),
    );
    cx.insert(
        "verdicts",
        &words(Verdict::ALL.iter().map(|s| (s.as_str(), s.describe()))),
    );
    cx.insert(
        "classes",
        &words(LicenseClass::ALL.iter().map(|s| (s.as_str(), s.describe()))),
    );
    cx.insert(
        "availability",
        &words(Availability::ALL.iter().map(|s| (s.as_str(), s.describe()))),
    );
    cx.insert("source_kinds", &SourceKind::ALL.iter().map(|s| serde_json::json!({ "word": s.as_str(), "means": s.describe(), "primary": s.is_primary() })).collect::<Vec<_>>());
    cx.insert("failure_modes", &FAILURE_MODES.iter().map(|m| serde_json::json!({ "slug": m.slug(), "title": m.title, "means": m.means, "computed_when": m.computed_when })).collect::<Vec<_>>());
    cx.insert(
        "codes",
        &crate::diag::Code::ALL
            .iter()
            .map(|c| serde_json::json!({ "code": c.as_str(), "means": c.describe() }))
            .collect::<Vec<_>>(),
    );
}

fn words<'w>(it: impl Iterator<Item = (&'w str, &'w str)>) -> Vec<(&'w str, &'w str)> {
    it.collect()
}

/// Minifies one HTML document (deterministic; CSS and JS live in assets).
pub fn minify(html: &[u8]) -> Vec<u8> {
    let cfg = minify_html::Cfg {
        keep_closing_tags: true,
        keep_html_and_head_opening_tags: true,
        minify_css: false,
        minify_js: false,
        ..minify_html::Cfg::default()
    };
    minify_html::minify(html, &cfg)
}

/// Renders the whole site for `index` with the templates of `root`.
pub fn render(index: &Index, root: &Path, opts: Options) -> Result<Vec<File>, RenderError> {
    let tera = compile_templates(root)?;
    Renderer::new(index, &tera, opts).all(root)
}

/// The output path of a relative `/`-separated path under a directory.
pub fn target_path(dir: &Path, path: &str) -> PathBuf {
    path.split('/').fold(dir.to_path_buf(), |p, c| p.join(c))
}
