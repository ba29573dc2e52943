//! The site renderer: compiles the templates once (defaults embedded in the binary, a
//! site's own `templates/` files override them by name), then renders every page of
//! DESIGN §7 in parallel into an in-memory list of files. Nothing here touches the output
//! directory — [`crate::output`] writes the list.

use super::data;
use super::key::KeyHasher;
use super::route::Route;
use super::slot::{self, Slot};
use super::theme::{assets, tera_error};
use super::views::{self, Row, Urls};
use crate::index::{Index, ReleaseId};
use crate::model::*;
use rayon::prelude::*;
use serde::Serialize;
use std::path::Path;
use tera::{Context, Tera};

/// One output file, relative to the output root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    /// Relative path with `/` separators.
    pub path: String,
    /// Contents.
    pub bytes: Vec<u8>,
    /// The sink already took the file, unchanged, from the previous build
    /// ([`Sink::reuse`]); `bytes` is empty and the file must not be put again.
    pub reused: bool,
}

impl File {
    /// A rendered file.
    pub fn new(path: String, bytes: Vec<u8>) -> File {
        File {
            path,
            bytes,
            reused: false,
        }
    }
}

/// Where rendered files go: [`Renderer::each`] hands each file over as soon as it exists.
/// Any `Fn(File) -> Result<(), RenderError>` is a sink that takes whole files.
pub trait Sink: Sync {
    /// Takes one rendered file.
    fn put(&self, file: File) -> Result<(), RenderError>;

    /// Offers to take the files at `paths` from a previous build instead of rendering them,
    /// when that build rendered them from inputs hashing to `key`. `Ok(true)` means taken;
    /// by default nothing is (every file is rendered).
    fn reuse(&self, key: u128, paths: &[String]) -> Result<bool, RenderError> {
        let _ = (key, paths);
        Ok(false)
    }

    /// Records that the files at `paths`, just handed to [`Sink::put`], were rendered
    /// from inputs hashing to `key` (for the next build's [`Sink::reuse`]).
    fn rendered(&self, key: u128, paths: &[String]) {
        let _ = (key, paths);
    }

    /// Takes a large file written piece by piece by `write` (the data exports), so it need
    /// never be held in memory whole. By default the pieces are collected and [`Sink::put`].
    fn stream(&self, path: &str, write: &mut Writer<'_>) -> Result<(), RenderError> {
        let mut bytes = Vec::new();
        write(&mut bytes).map_err(|e| RenderError(e.to_string()))?;
        self.put(File::new(path.to_string(), bytes))
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
    /// A hash of everything outside the index that pages are made from: the templates,
    /// the assets and the tool's version ([`crate::render::theme::Theme::fingerprint`]).
    /// With a release's page context it keys the release's files for incremental builds.
    pub fingerprint: u128,
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
    generated: Option<String>,
    revision: Option<&'a str>,
    version: &'static str,
    live_reload: bool,
    has_history: bool,
    /// Whether `content/peers/` holds a snapshot (then `/peers/` exists).
    has_peers: bool,
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
    /// `site` without the build's date and revision, for release pages: a page that
    /// carries them would differ on every build, and no release page could be reused.
    pub(super) site_unstamped: serde_json::Value,
    /// The build's sink, asked before each page is rendered whether it can take the page
    /// from the previous build instead (see [`Renderer::reusing`]).
    pub(super) keyed: Option<&'a dyn Sink>,
}

impl<'a> Renderer<'a> {
    /// Prepares a render of `index`.
    pub fn new(index: &'a Index, tera: &'a Tera, opts: Options) -> Renderer<'a> {
        let config = &index.site.config;
        let urls = Urls::new(&config.base_url);
        let view = |stamped: bool| {
            serde_json::to_value(SiteView {
                title: &config.title,
                description: &config.description,
                language: &config.language,
                base: &urls.base,
                repository: config.repository.as_deref(),
                generated: stamped.then(|| opts.today.to_string()),
                revision: opts.revision.as_deref().filter(|_| stamped),
                version: env!("CARGO_PKG_VERSION"),
                live_reload: opts.live_reload,
                has_history: opts.history.is_some(),
                has_peers: !index.site.peers.snapshots.is_empty(),
            })
            .unwrap_or_default()
        };
        let (site, site_unstamped) = (view(true), view(false));
        Renderer {
            tera,
            index,
            urls,
            opts,
            site,
            site_unstamped,
            keyed: None,
        }
    }

    /// Renders pages only when `sink` cannot take them from the previous build: each page
    /// is keyed by its template and whole context (with the theme's fingerprint), and a
    /// page whose key is unchanged reaches the sink as a [`File::reused`] file.
    pub fn reusing(mut self, sink: &'a dyn Sink) -> Renderer<'a> {
        self.keyed = Some(sink);
        self
    }

    /// Renders a page with no [`Slot`]s (see [`Renderer::page_with`]).
    pub(super) fn page(
        &self,
        template: &str,
        route: Route,
        cx: Context,
    ) -> Result<File, RenderError> {
        self.page_with(template, route, cx, &[])
    }

    /// [`Renderer::page`] for a page with [`Slot`]s: renders a page whose context is
    /// complete but for `site` and `page_path` — or, in a build that reuses (see
    /// [`Renderer::reusing`]), lets the sink take it from the previous build. Its slots are
    /// part of its key, and are put into the page after it is minified.
    pub(super) fn page_with(
        &self,
        template: &str,
        route: Route,
        mut cx: Context,
        slots: &[Slot],
    ) -> Result<File, RenderError> {
        cx.insert("site", &self.site);
        let path = route.file();
        cx.insert("page_path", &path);
        let Some(sink) = self.keyed else {
            let bytes = self.render_with(template, cx, slots)?;
            return Ok(File::new(path, bytes));
        };
        let json = cx.into_json();
        let mut h = KeyHasher::new(self.opts.fingerprint, self.opts.minify);
        h.part(template);
        h.part(&json);
        for slot in slots {
            slot.key_part(&mut h);
        }
        let key = h.finish();
        let paths = std::slice::from_ref(&path);
        if sink.reuse(key, paths)? {
            return Ok(File {
                path,
                bytes: Vec::new(),
                reused: true,
            });
        }
        let cx = Context::from_value(json).map_err(tera_error)?;
        let bytes = self.render_with(template, cx, slots)?;
        sink.rendered(key, paths);
        Ok(File::new(path, bytes))
    }

    /// Renders a page with its [`Slot`]s (see [`slot::render`]).
    fn render_with(
        &self,
        template: &str,
        cx: Context,
        slots: &[Slot],
    ) -> Result<Vec<u8>, RenderError> {
        slot::render(slots, cx, self.opts.minify, |cx| self.render(template, cx))
    }

    /// One piece of a page: partial `template` rendered with `cx` and the site's variables,
    /// not minified (a [`Slot`] minifies its pieces one by one).
    pub(super) fn partial(&self, template: &str, mut cx: Context) -> Result<String, RenderError> {
        cx.insert("site", &self.site);
        self.tera.render(template, &cx).map_err(tera_error)
    }

    /// One template rendered (and minified, unless the options say not to).
    pub(super) fn render(&self, template: &str, cx: &Context) -> Result<Vec<u8>, RenderError> {
        let html = self.tera.render(template, cx).map_err(tera_error)?;
        Ok(if self.opts.minify {
            minify(html.as_bytes())
        } else {
            html.into_bytes()
        })
    }

    /// The newest [`PAGE_SIZE`] of a list of releases; records in `cx` how many more there
    /// are (`more`, `total`), which pages show with a pointer to the full data export.
    pub(super) fn listed(&self, ids: &[ReleaseId], cx: &mut Context) -> Vec<ReleaseId> {
        let mut order = self.index.newest_first(ids.iter().copied());
        cx.insert("total", &order.len());
        cx.insert("more", &order.len().saturating_sub(PAGE_SIZE));
        order.truncate(PAGE_SIZE);
        order
    }

    pub(super) fn rows(&self, ids: &[ReleaseId]) -> Vec<Row> {
        ids.iter()
            .map(|&id| views::row(self.index, id, &self.urls))
            .collect()
    }

    /// The rows of a release table as the page's `rows_html` [`Slot`]: rendered by
    /// `release_rows.html` a hundred releases at a time, so that neither the template
    /// engine nor the minifier holds a thousand rows at once, and only for a page that is
    /// rendered (the page's key holds the rows' data). `filters` gives each row the index
    /// pages' compare checkbox.
    pub(super) fn rows_slot(&self, ids: &[ReleaseId], filters: bool) -> Slot<'_> {
        let rows = self.rows(ids);
        let made_from = Slot::hash(&(&rows, filters));
        Slot::later("rows_html", made_from, move || {
            rows.chunks(100)
                .map(|chunk| {
                    let mut cx = Context::new();
                    cx.insert("rows", chunk);
                    cx.insert("filters", &filters);
                    self.partial("release_rows.html", cx)
                })
                .collect()
        })
    }

    /// Renders only what is needed for one output path (used by `serve`, which renders
    /// pages on request instead of rebuilding the whole site after every edit). The result
    /// holds the requested file and any siblings rendered with it; `None` when no such path.
    pub fn render_path(&self, root: &Path, path: &str) -> Result<Option<Vec<File>>, RenderError> {
        let Some(route) = Route::parse(path) else {
            return Ok(None);
        };
        let files = match route {
            Route::Home(_) => self.index_pages()?,
            Route::Model(slug) | Route::ModelJson(slug) | Route::Badge(slug) => {
                match self.index.by_slug.get(slug) {
                    Some(&id) => self.release(id)?,
                    None => return Ok(None),
                }
            }
            Route::Licenses | Route::License(_) => self.license_pages()?,
            Route::Orgs | Route::Org(_) => self.org_pages()?,
            Route::FailureModes | Route::FailureMode(_) => self.failure_mode_pages()?,
            Route::Lineage => vec![self.lineage_page()?],
            Route::Compare => vec![self.compare_page()?],
            Route::Peers if !self.index.site.peers.snapshots.is_empty() => {
                vec![self.peers_page()?]
            }
            Route::Peers => return Ok(None),
            Route::Methodology => vec![self.methodology_page()?],
            Route::Report => vec![self.site_report_page()?],
            Route::Asset(_) => assets(root),
            Route::NotFound => vec![self.not_found_page()?],
            // Written beside the site by `build --with-pdf`, never rendered on request.
            Route::ReportPdf => return Ok(None),
            Route::Data(_) | Route::Search | Route::Feed | Route::Sitemap | Route::Changes => {
                self.all(root)?
            }
        };
        Ok(files.iter().any(|f| f.path == path).then_some(files))
    }

    /// `/404.html`.
    pub fn not_found_page(&self) -> Result<File, RenderError> {
        let mut cx = Context::new();
        cx.insert("title", "Page not found");
        self.page("404.html", Route::NotFound, cx)
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
        let ids: Vec<ReleaseId> = idx.ids().collect();
        // Release files go straight to the sink (which may take them from the previous
        // build); every page path is remembered for the sitemap.
        let entries = ids
            .into_par_iter()
            .map(|id| {
                let entry = self.release_to(id, sink)?;
                pages
                    .lock()
                    .map_err(|_| RenderError("render thread panicked".into()))?
                    .push(Route::Model(&idx.release(id).slug).file());
                Ok(entry)
            })
            .collect::<Result<Vec<u128>, RenderError>>()?;
        crate::profile::step("release pages");
        // List pages go out as they are rendered too: at 100,000 releases the index and
        // organization pages together are hundreds of megabytes.
        self.index_pages_to(&emit)?;
        crate::profile::step("index pages");
        self.license_pages_to(&emit)?;
        crate::profile::step("license pages");
        self.org_pages_to(&emit)?;
        crate::profile::step("organization pages");
        self.failure_mode_pages()?.into_iter().try_for_each(&emit)?;
        emit(self.lineage_page()?)?;
        crate::profile::step("failure modes, lineage");
        emit(self.compare_page()?)?;
        crate::profile::step("compare page");
        if !idx.site.peers.snapshots.is_empty() {
            emit(self.peers_page()?)?;
        }
        emit(self.methodology_page()?)?;
        if let Some(h) = &self.opts.history {
            let mut cx = Context::new();
            cx.insert("title", "Changes");
            cx.insert("h", h);
            emit(self.page("changes.html", Route::Changes, cx)?)?;
        }
        crate::profile::step("other pages");
        emit(self.site_report_page()?)?;
        emit(self.not_found_page()?)?;
        crate::profile::step("report page");
        // The largest file of the site: keyed by its shell and the hashes of its entries,
        // which the release pass gave, so an unchanged index is not written again.
        let path = Route::Data("index.json").file();
        let paths = std::slice::from_ref(&path);
        let shell =
            data::index_json_shell(idx, &self.urls).map_err(|e| RenderError(e.to_string()))?;
        let key = {
            let mut h = KeyHasher::new(self.opts.fingerprint, false);
            h.part(&shell);
            h.part(&entries);
            h.finish()
        };
        if !sink.reuse(key, paths)? {
            sink.stream(&path, &mut |w| data::write_index_json(idx, &self.urls, w))?;
            sink.rendered(key, paths);
        }
        crate::profile::step("data/index.json");
        emit(File::new(
            Route::Data("index.schema.json").file(),
            serde_json::to_vec_pretty(&data::index_schema()).unwrap_or_default(),
        ))?;
        sink.stream(&Route::Data("index.csv").file(), &mut |w| {
            data::write_index_csv(idx, &self.urls, w)
        })?;
        emit(File::new(
            Route::Search.file(),
            data::search_index(idx, &self.urls).into_bytes(),
        ))?;
        emit(File::new(
            Route::Feed.file(),
            super::feed::atom(idx, &self.urls, self.opts.today).into_bytes(),
        ))?;
        crate::profile::step("csv, search, feed");
        assets(root).into_iter().try_for_each(&emit)?;
        let mut paths = pages
            .into_inner()
            .map_err(|_| RenderError("render thread panicked".into()))?;
        paths.sort_unstable();
        let paths: Vec<&str> = paths.iter().map(String::as_str).collect();
        sink.put(File::new(
            Route::Sitemap.file(),
            super::feed::sitemap(&paths, &self.urls).into_bytes(),
        ))
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
