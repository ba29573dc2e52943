//! A release's own files — its page, its JSON record and its OSAID badge — and the key that
//! lets an incremental build take them from the previous output instead of rendering them.

use super::route::Route;
use super::site::{File, RenderError, Renderer, Sink, collected};
use super::{data, svg, views};
use crate::index::ReleaseId;
use serde::Serialize;
use tera::Context;

impl Renderer<'_> {
    /// One release's page, JSON and badge.
    pub fn release(&self, id: ReleaseId) -> Result<Vec<File>, RenderError> {
        collected(|emit| self.release_to(id, &|f| emit(f)))
    }

    /// Hands one release's page, JSON and badge to `sink`, or lets the sink take them from
    /// a previous build when their inputs — the page's whole template context, the JSON
    /// record, the verdict and [`super::site::Options::fingerprint`] — hash to the key they had there.
    pub fn release_to(&self, id: ReleaseId, sink: &dyn Sink) -> Result<(), RenderError> {
        let (r, a) = self.index.entry(id).parts();
        let view = views::release(self.index, id, &self.urls, self.opts.today, "");
        let mut cx = Context::new();
        if let Some(h) = &self.opts.history {
            cx.insert("last_change", &h.last_change(&r.slug));
            // The span examined, without the entries every page would otherwise carry.
            #[derive(Serialize)]
            struct Span<'a> {
                examined: usize,
                since: &'a str,
            }
            cx.insert(
                "history",
                &Span {
                    examined: h.examined,
                    since: &h.since,
                },
            );
        }
        cx.insert("r", &view);
        cx.insert("peers", &super::peers::sections(self.index, id, &self.urls));
        cx.insert("title", &r.name);
        cx.insert("site", &self.site_unstamped);
        let json =
            serde_json::to_vec(&data::release_json(self.index, id, &self.urls)).unwrap_or_default();
        let verdict = a.osaid.verdict;
        let paths = [
            Route::Model(&r.slug).file(),
            Route::ModelJson(&r.slug).file(),
            Route::Badge(&r.slug).file(),
        ];
        let key = {
            let mut h = siphasher::sip128::SipHasher13::new();
            use siphasher::sip128::Hasher128;
            use std::hash::Hasher;
            h.write_u128(self.opts.fingerprint);
            h.write_u8(u8::from(self.opts.minify));
            h.write(&serde_json::to_vec(&cx.clone().into_json()).unwrap_or_default());
            h.write(&json);
            h.write(verdict.as_str().as_bytes());
            h.finish128().as_u128()
        };
        if sink.reuse(key, &paths)? {
            return Ok(());
        }
        let page = self.finish("model.html", Route::Model(&r.slug), cx)?;
        let badge = svg::badge(
            "OSAID 1.0",
            views::verdict_label(verdict).trim_end_matches(" OSAID 1.0"),
            verdict.as_str(),
        );
        let [_, json_path, badge_path] = paths.clone();
        sink.put(page)?;
        sink.put(File {
            path: json_path,
            bytes: json,
        })?;
        sink.put(File {
            path: badge_path,
            bytes: badge.into_bytes(),
        })?;
        sink.rendered(key, &paths);
        Ok(())
    }
}
