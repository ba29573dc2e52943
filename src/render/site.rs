//! The site renderer: compiles the templates once (defaults embedded in the binary, a
//! site's own `templates/` files override them by name), then renders every page of
//! DESIGN §7 in parallel into an in-memory list of files. Nothing here touches the output
//! directory — [`crate::output`] writes the list.

use super::data;
use super::pages::methodology_context;
use super::svg::{self, Bar};
use super::theme::{assets, tera_error};
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
pub(super) type Emit<'a> = dyn Fn(File) -> Result<(), RenderError> + Sync + 'a;

/// The files a streaming renderer hands out, collected (in no particular order).
pub(super) fn collected(
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

/// The most releases the site's `/report/` page covers in full (a printable page of more
/// than a few thousand printed pages helps nobody; focused reports cover the rest).
pub const REPORT_LIMIT: usize = 250;

/// Rows per page of the index table.
pub const PAGE_SIZE: usize = 1000;

/// A template or asset problem (exit 2: not the contributor's content).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct RenderError(pub String);

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
    /// Whether `content/peers/` holds a snapshot (then `/peers/` exists).
    has_peers: bool,
}

/// Headline counts with their charts.
#[derive(Serialize)]
pub(super) struct Figure {
    pub(super) title: &'static str,
    pub(super) id: &'static str,
    pub(super) chart_svg: String,
    pub(super) rows: Vec<super::figures::Count>,
}

#[derive(Serialize)]
pub(super) struct Group {
    pub(super) id: String,
    pub(super) title: String,
    pub(super) href: String,
    pub(super) subtitle: String,
    pub(super) count: usize,
}

/// The renderer: templates compiled once, then any number of pages.
pub struct Renderer<'a> {
    pub(super) tera: &'a Tera,
    pub(super) index: &'a Index,
    pub(super) urls: Urls,
    pub(super) opts: Options,
    pub(super) site: serde_json::Value,
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
            has_peers: !index.site.peers.snapshots.is_empty(),
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
    pub(super) fn page(
        &self,
        template: &str,
        path: String,
        mut cx: Context,
    ) -> Result<File, RenderError> {
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
    pub(super) fn listed(&self, positions: &[usize], cx: &mut Context) -> Vec<usize> {
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

    pub(super) fn rows(&self, positions: &[usize]) -> Vec<Row> {
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
        cx.insert("peers", &super::peers::sections(self.index, i, &self.urls));
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

    pub(super) fn figures(&self) -> Vec<Figure> {
        self.figures_for(&(0..self.index.site.releases.len()).collect::<Vec<_>>())
    }

    /// The headline figures over a set of releases, each with its SVG chart.
    pub(super) fn figures_for(&self, set: &[usize]) -> Vec<Figure> {
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
                .zip(&idx.license_assessments)
                .map(|(l, a)| views::license_answers(l, a, &self.urls))
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
            ["compare", "index.html"] => vec![self.compare_page()?],
            ["peers", "index.html"] if !idx.site.peers.snapshots.is_empty() => {
                vec![self.peers_page()?]
            }
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
        rest.push(self.compare_page()?);
        if !idx.site.peers.snapshots.is_empty() {
            rest.push(self.peers_page()?);
        }
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

/// The output path of a relative `/`-separated path under a directory.
pub fn target_path(dir: &Path, path: &str) -> PathBuf {
    path.split('/').fold(dir.to_path_buf(), |p, c| p.join(c))
}
