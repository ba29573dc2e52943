//! A release's own files — its page, its JSON record and its OSAID badge — and the key that
//! lets an incremental build take them from the previous output instead of rendering them.

use super::key::KeyHasher;
use super::route::Route;
use super::site::{File, RenderError, Renderer, Sink, collected};
use super::{svg, views};
use crate::index::{Entry, ReleaseId};
use serde::Serialize;
use tera::Context;

impl Renderer<'_> {
    /// One release's page, JSON and badge.
    pub fn release(&self, id: ReleaseId) -> Result<Vec<File>, RenderError> {
        collected(|emit| self.release_to(id, &|f| emit(f)).map(|_| ()))
    }

    /// Hands one release's page, JSON and badge to `sink`, or lets the sink take them from
    /// a previous build when their inputs — the page's whole template context, the digest of
    /// the release's file, the JSON record, the verdict and
    /// [`super::site::Options::fingerprint`] — hash to the key they had there. Only a
    /// release that is rendered is read again for its texts ([`crate::index::Index::full`]).
    ///
    /// Returns the hash of the release's entry in `/data/index.json`.
    pub fn release_to(&self, id: ReleaseId, sink: &dyn Sink) -> Result<u128, RenderError> {
        let entry = self.index.entry(id);
        let (r, a) = entry.parts();
        // The view of the release as held, without its narrative. The key takes the
        // narrative's markdown instead, and the file's digest for the texts a lean load let
        // go, so an unchanged release is neither read again nor rendered.
        let view = views::release(self.index, entry, &self.urls, self.opts.today, "");
        let last_change = self.opts.history.as_ref().map(|h| h.last_change(&r.slug));
        // The span of history examined, without the entries every page would otherwise carry.
        #[derive(Serialize)]
        struct Span<'a> {
            examined: usize,
            since: &'a str,
        }
        let span = self.opts.history.as_ref().map(|h| Span {
            examined: h.examined,
            since: &h.since,
        });
        let peers = super::peers::sections(self.index, id, &self.urls);
        let record = super::export::release(self.index, id, &self.urls);
        // The record as `/data/index.json` writes it, hashed: that file's key is made of
        // these.
        let digest = {
            let mut h = KeyHasher::new(0, false);
            h.part(&record);
            h.finish()
        };
        let verdict = a.osaid.verdict;
        let paths = [
            Route::Model(&r.slug).file(),
            Route::ModelJson(&r.slug).file(),
            Route::Badge(&r.slug).file(),
        ];
        let key = {
            let mut h = KeyHasher::new(self.opts.fingerprint, self.opts.minify);
            h.part(&(
                &last_change,
                &span,
                &view,
                &peers,
                &r.name,
                &self.site_unstamped,
            ));
            h.part(&r.body);
            h.part(&r.digest);
            h.part(&digest);
            h.part(verdict.as_str());
            h.finish()
        };
        if sink.reuse(key, &paths)? {
            return Ok(digest);
        }
        // The page shows every text of the release: read again when the load let them go.
        let full = self.index.full(id).map_err(|e| RenderError(e.0))?;
        let view = match full {
            std::borrow::Cow::Borrowed(_) => view,
            std::borrow::Cow::Owned(ref full) => {
                let entry = Entry {
                    release: full,
                    ..entry
                };
                views::release(self.index, entry, &self.urls, self.opts.today, "")
            }
        };
        let mut cx = Context::new();
        if let (Some(last_change), Some(span)) = (last_change, span) {
            cx.insert("last_change", &last_change);
            cx.insert("history", &span);
        }
        cx.insert("r", &view.with_narrative(&full));
        cx.insert("peers", &peers);
        cx.insert("title", &r.name);
        cx.insert("site", &self.site_unstamped);
        cx.insert("page_path", &paths[0]);
        let page = File::new(paths[0].clone(), self.render("model.html", &cx)?);
        let json = serde_json::to_value(&record)
            .and_then(|v| serde_json::to_vec(&v))
            .unwrap_or_default();
        let badge = svg::badge(
            "OSAID 1.0",
            views::verdict_label(verdict).trim_end_matches(" OSAID 1.0"),
            verdict.as_str(),
        );
        let [_, json_path, badge_path] = paths.clone();
        sink.put(page)?;
        sink.put(File::new(json_path, json))?;
        sink.put(File::new(badge_path, badge.into_bytes()))?;
        sink.rendered(key, &paths);
        Ok(digest)
    }
}
