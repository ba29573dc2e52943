//! The one pipeline every command runs — load → check → assess and link → render → write —
//! as [`Pipeline`]: `check` and `explain` stop after linking, `serve` renders from it page by
//! page, `report` typesets from its index, `diff` and the history run it on earlier
//! revisions, and `build` runs it to the end, the site's PDF included.

use crate::content::{self, Cache, Loaded};
use crate::diag;
use crate::index::Index;
use crate::model::Date;
use crate::output::Manifest;
use crate::render::pdf;
use crate::render::site::{self, File, Options, REPORT_LIMIT, Sink};
use crate::render::theme::Theme;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Why a build did not produce a site.
#[derive(Debug)]
pub enum BuildError {
    /// The content has errors (diagnostics in the `Loaded`); nothing was written.
    Content(Box<Loaded>),
    /// A usage, template or I/O problem.
    Fatal(String),
}

/// The content revision: `git rev-parse HEAD` of the site root, when it is a repository.
pub fn revision(root: &Path) -> Option<String> {
    crate::git::output(root, &["rev-parse", "--short=12", "HEAD"])
}

/// The pipeline over the site at one root, as of one day.
pub struct Pipeline<'c> {
    root: PathBuf,
    today: Date,
    cache: Option<&'c Cache>,
    remover: Option<PathBuf>,
    texts: content::Texts,
}

impl<'c> Pipeline<'c> {
    /// The pipeline for the site at `root`, as of `SOURCE_DATE_EPOCH` (or the clock).
    pub fn new(root: &Path) -> Pipeline<'c> {
        Pipeline {
            root: root.to_path_buf(),
            today: content::today(),
            cache: None,
            remover: None,
            texts: content::Texts::Keep,
        }
    }

    /// The same pipeline, letting each release's narrative and notes go once its file is
    /// checked ([`content::Texts::Drop`]): what is rendered reads them again, one release at
    /// a time, so memory does not grow with their length (`build`, `check`).
    pub fn lean(self) -> Pipeline<'c> {
        Pipeline {
            texts: content::Texts::Drop,
            ..self
        }
    }

    /// The same pipeline, handing the removal of a replaced output to `exe` (the running
    /// `openindex`) in the background; see [`crate::output::Staging::new`].
    pub fn remove_old_with(self, exe: Option<PathBuf>) -> Pipeline<'c> {
        Pipeline {
            remover: exe,
            ..self
        }
    }

    /// The same pipeline, reusing parsed files that did not change (`serve`).
    pub fn with_cache(self, cache: &'c Cache) -> Pipeline<'c> {
        Pipeline {
            cache: Some(cache),
            ..self
        }
    }

    /// The site root.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The day verdicts and review dates are judged on.
    pub fn today(&self) -> Date {
        self.today
    }

    /// Loads and checks every file: the records and every problem found.
    pub fn load(&self) -> Result<Loaded, BuildError> {
        let loaded = content::load_cached(&self.root, self.today, self.cache, self.texts)
            .map_err(|e| BuildError::Fatal(e.0));
        crate::profile::step("load and check");
        loaded
    }

    /// Loads, checks and, when there are no errors, assesses and links: the index, and the
    /// diagnostics (warnings) with the texts they point into.
    pub fn index(&self) -> Result<(Index, Loaded), BuildError> {
        let loaded = self.load()?;
        if diag::counts(&loaded.diags).0 > 0 {
            return Err(BuildError::Content(Box::new(loaded)));
        }
        let linked = self.link(loaded);
        crate::profile::step("assess and link");
        Ok(linked)
    }

    /// The index of whatever could be read, with the number of errors (for comparing
    /// revisions whose content may not pass today's checks).
    pub fn index_of_what_loads(&self) -> Result<(Index, usize), BuildError> {
        let loaded = self.load()?;
        let errors = diag::counts(&loaded.diags).0;
        Ok((self.link(loaded).0, errors))
    }

    fn link(&self, mut loaded: Loaded) -> (Index, Loaded) {
        let site = std::mem::replace(
            &mut loaded.site,
            content::Site {
                root: self.root.clone(),
                config: Default::default(),
                releases: vec![],
                licenses: vec![],
                orgs: vec![],
                peers: Default::default(),
                texts: content::Texts::Keep,
            },
        );
        (Index::build(site, self.today), loaded)
    }

    /// The site's templates, with a warning line for each file in `templates/` that
    /// replaces nothing.
    pub fn theme(&self) -> Result<Theme, BuildError> {
        Theme::load(&self.root).map_err(|e| BuildError::Fatal(format!("template error: {e}")))
    }

    /// Render options for `index`: today, the content revision and, for a published build,
    /// the verdict history from git.
    pub fn options(&self, index: &Index, live_reload: bool, minify: bool) -> Options {
        Options {
            history: (!live_reload)
                .then(|| crate::history::history(&self.root, index.site.config.history_commits))
                .flatten(),
            today: self.today,
            revision: revision(&self.root),
            live_reload,
            minify,
            with_pdf: index.site.config.with_pdf,
            fingerprint: 0,
        }
    }

    /// The PDF report of the whole index as the site offers it: every release, up to the
    /// newest [`REPORT_LIMIT`] as on the `/report/` page.
    pub fn site_pdf(&self, index: &Index) -> Result<pdf::Pdf, BuildError> {
        let mut order = pdf::order(index, &pdf::Filter::default());
        let total = order.len();
        order.truncate(REPORT_LIMIT);
        let opts = pdf::Options {
            today: self.today,
            revision: revision(&self.root),
            focus: (total > REPORT_LIMIT).then(|| {
                format!("the {REPORT_LIMIT} newest of {total} releases (use `openindex report` with filters for the rest)")
            }),
        };
        pdf::render(index, &order, &opts).map_err(|e| BuildError::Fatal(e.to_string()))
    }

    /// Renders the site (and, when `site.toml` or `with_pdf` asks, its PDF) straight into a
    /// staging directory next to `out` and swaps it into place. The PDF is typeset before
    /// anything is written, and files are written as they are rendered, so a failure leaves
    /// the previous output as it was and memory stays flat as the index grows. Unless
    /// `clean`, a release whose inputs are unchanged since the build in `out` has its files
    /// taken from there instead of being rendered again. Returns what was written.
    pub fn write(
        &self,
        index: &Index,
        out: &Path,
        minify: bool,
        with_pdf: bool,
        clean: bool,
    ) -> Result<Written, BuildError> {
        let with_pdf = with_pdf || index.site.config.with_pdf;
        let extra = if with_pdf {
            vec![File::new(
                pdf::SITE_PATH.to_string(),
                self.site_pdf(index)?.bytes,
            )]
        } else {
            vec![]
        };
        let mut opts = self.options(index, false, minify);
        opts.with_pdf = with_pdf;
        let theme = self.theme()?;
        opts.fingerprint = theme.fingerprint;
        for w in theme.warnings() {
            eprintln!("warning: {w}");
        }
        let staging = crate::output::Staging::new(out, !clean, self.remover.clone())
            .map_err(|e| BuildError::Fatal(e.to_string()))?;
        crate::profile::step("templates, staging");
        let sink = StagingSink {
            staging: &staging,
            previous: if clean {
                Manifest::default()
            } else {
                Manifest::read(out)
            },
            manifest: Default::default(),
            count: AtomicUsize::new(0),
            bytes: AtomicUsize::new(0),
            reused: AtomicUsize::new(0),
        };
        site::Renderer::new(index, &theme.tera, opts)
            .reusing(&sink)
            .each(&self.root, &sink)
            .map_err(|e| BuildError::Fatal(e.0))?;
        for f in extra {
            sink.put(f).map_err(|e| BuildError::Fatal(e.0))?;
        }
        let StagingSink {
            manifest,
            count,
            bytes,
            reused,
            ..
        } = sink;
        let manifest = Manifest(
            manifest
                .into_inner()
                .map_err(|_| BuildError::Fatal("render thread panicked".into()))?,
        );
        crate::profile::step("sitemap, assets");
        staging
            .commit(&manifest)
            .map_err(|e| BuildError::Fatal(e.to_string()))?;
        crate::profile::step("manifest and swap");
        Ok(Written {
            // The marker and the manifest count too.
            files: count.into_inner() + 2,
            bytes: bytes.into_inner(),
            reused: reused.into_inner(),
        })
    }
}

/// What [`Pipeline::write`] wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    /// Files in the output.
    pub files: usize,
    /// Their bytes.
    pub bytes: usize,
    /// Files taken unchanged from the previous output.
    pub reused: usize,
}

impl StagingSink<'_> {
    /// Enters a file without a key in the manifest (a key recorded for it stays).
    fn listed(&self, path: &str) {
        if let Ok(mut m) = self.manifest.lock() {
            m.entry(path.to_string()).or_insert(0);
        }
    }
}

/// Writes rendered files into the staging directory, takes unchanged ones from the
/// previous output, and counts them.
struct StagingSink<'a> {
    staging: &'a crate::output::Staging,
    /// The previous build's keys.
    previous: Manifest,
    /// This build's keys.
    manifest: Mutex<BTreeMap<String, u128>>,
    count: AtomicUsize,
    bytes: AtomicUsize,
    reused: AtomicUsize,
}

impl site::Sink for StagingSink<'_> {
    fn put(&self, file: File) -> Result<(), site::RenderError> {
        if file.reused {
            // Already taken from the previous build, and counted, by `reuse`.
            return Ok(());
        }
        self.listed(&file.path);
        self.count.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(file.bytes.len(), Ordering::Relaxed);
        self.staging
            .put(&file)
            .map_err(|e| site::RenderError(e.to_string()))
    }

    fn reuse(&self, key: u128, paths: &[String]) -> Result<bool, site::RenderError> {
        let in_out = |p: &String| self.previous.0.get(p) == Some(&key);
        if !paths
            .iter()
            .all(|p| self.staging.staged(p) == Some(key) || in_out(p))
        {
            return Ok(false);
        }
        let mut size = 0;
        for p in paths {
            match self.staging.take(p, key, in_out(p)) {
                Some(n) => size += n,
                // A file went missing: render them all (each is written as a new file).
                None => return Ok(false),
            }
        }
        self.count.fetch_add(paths.len(), Ordering::Relaxed);
        self.reused.fetch_add(paths.len(), Ordering::Relaxed);
        self.bytes.fetch_add(size as usize, Ordering::Relaxed);
        self.rendered(key, paths);
        Ok(true)
    }

    fn rendered(&self, key: u128, paths: &[String]) {
        if let Ok(mut m) = self.manifest.lock() {
            m.extend(paths.iter().map(|p| (p.clone(), key)));
        }
    }

    fn stream(&self, path: &str, write: &mut site::Writer<'_>) -> Result<(), site::RenderError> {
        let n = self
            .staging
            .stream(path, write)
            .map_err(|e| site::RenderError(e.to_string()))?;
        self.listed(path);
        self.count.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(n as usize, Ordering::Relaxed);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Release;

    fn fixture(name: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name)
    }

    /// Every file of the site `pipeline` loads, rendered in memory.
    fn rendered(pipeline: &Pipeline<'_>) -> Result<Vec<(String, Vec<u8>)>, site::RenderError> {
        let (index, _) = pipeline
            .index()
            .unwrap_or_else(|_| panic!("{} loads", pipeline.root().display()));
        let theme = pipeline
            .theme()
            .unwrap_or_else(|_| panic!("the theme loads"));
        let opts = Options {
            today: pipeline.today(),
            revision: None,
            live_reload: false,
            minify: true,
            with_pdf: false,
            history: None,
            fingerprint: theme.fingerprint,
        };
        let files = site::Renderer::new(&index, &theme.tera, opts).all(pipeline.root())?;
        Ok(files.into_iter().map(|f| (f.path, f.bytes)).collect())
    }

    #[test]
    fn a_lean_load_renders_every_file_as_a_full_load_does() {
        // The shipped content besides the fixture: every narrative and note of the index.
        for root in [fixture("clean"), PathBuf::from(env!("CARGO_MANIFEST_DIR"))] {
            let full = rendered(&Pipeline::new(&root)).expect("renders");
            let lean = rendered(&Pipeline::new(&root).lean()).expect("renders");
            assert_eq!(full.len(), lean.len(), "{}", root.display());
            for ((path, a), (_, b)) in full.iter().zip(&lean) {
                assert!(a == b, "{} differs in {path}", root.display());
            }
        }
    }

    #[test]
    fn a_lean_load_keeps_no_narrative_or_note() {
        let (index, _) = Pipeline::new(&fixture("clean"))
            .lean()
            .index()
            .unwrap_or_else(|_| panic!("loads"));
        let notes = |r: &Release| {
            let statuses = r.osaid.iter().map(|s| &s.note);
            statuses
                .chain(r.governance.iter().map(|s| &s.note))
                .filter(|n| n.is_some())
                .count()
        };
        let mut again = (0, 0);
        for r in &index.site.releases {
            assert!(r.body.is_empty() && notes(r) == 0, "{} kept texts", r.slug);
            let full = index.full(index.by_slug[&r.slug]).expect("reads again");
            again.0 += usize::from(!full.body.is_empty());
            again.1 += notes(&full);
        }
        assert!(
            again.0 > 0 && again.1 > 0,
            "nothing was read again: {again:?}"
        );
    }

    #[test]
    fn a_release_file_changed_after_a_lean_load_fails_the_render_instead_of_mixing_versions() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let copy = |from: &Path, to: &Path| -> std::io::Result<()> {
            for e in walkdir::WalkDir::new(from) {
                let e = e?;
                let target = to.join(e.path().strip_prefix(from).unwrap_or(e.path()));
                if e.file_type().is_dir() {
                    std::fs::create_dir_all(&target)?;
                } else {
                    std::fs::copy(e.path(), &target)?;
                }
            }
            Ok(())
        };
        copy(&fixture("clean"), dir.path()).expect("copies the fixture");
        let pipeline = Pipeline::new(dir.path()).lean();
        let (index, _) = pipeline.index().unwrap_or_else(|_| panic!("loads"));
        let r = &index.site.releases[0];
        let path = dir.path().join(&r.path);
        let text = std::fs::read_to_string(&path).expect("reads");
        std::fs::write(&path, text + "\nOne more sentence.\n").expect("writes");
        let theme = pipeline
            .theme()
            .unwrap_or_else(|_| panic!("the theme loads"));
        let opts = pipeline.options(&index, true, false);
        let err = site::Renderer::new(&index, &theme.tera, opts)
            .release(index.by_slug[&r.slug])
            .expect_err("the page is not rendered from a different file");
        assert!(
            err.0.contains("changed while the site was being built"),
            "{}",
            err.0
        );
    }
}
