//! Long lists in pieces: a [`Slot`] is a run of sibling elements a page shows as
//! `{{ name | safe }}` (the rows of a release table, the report's releases, the compare
//! page's lists), made and minified a piece at a time and put into the page after the rest
//! of it is minified, so the minifier never holds a tree of the whole list. The result is
//! the same bytes as minifying the whole page.

use super::key::KeyHasher;
use super::site::{RenderError, minify};
use serde::Serialize;
use std::borrow::Cow;
use tera::Context;

/// A long run of sibling elements that a page's code built as escaped HTML or rendered
/// from a partial template, in pieces, for a template to show as `{{ name | safe }}`: the
/// compare page's lists of every release, the rows of every release table, the report's
/// releases. The minifier builds a tree of the document it minifies (about 300 MiB for the
/// compare page of 100,000 releases), so a slot's pieces are minified one at a time and put
/// in after the rest of the page is minified. The pieces hold no whitespace between
/// elements, so each minifies as it would within the whole page.
pub struct Slot<'s> {
    /// The context name the template shows it under.
    pub name: &'static str,
    pieces: Pieces<'s>,
}

/// The HTML of a [`Slot`], in pieces that each end at an element's end.
enum Pieces<'s> {
    /// Made already (and part of the page's key as they are).
    Ready(Vec<String>),
    /// Made only when the page is rendered; `made_from` hashes what they are made from.
    Later {
        made_from: u128,
        make: Box<dyn Fn() -> Result<Vec<String>, RenderError> + 's>,
    },
}

impl<'s> Slot<'s> {
    /// A slot of pieces made already.
    pub fn ready(name: &'static str, pieces: Vec<String>) -> Slot<'s> {
        Slot {
            name,
            pieces: Pieces::Ready(pieces),
        }
    }

    /// A slot whose pieces `make` makes when the page is rendered, from what hashes to
    /// `made_from` ([`Slot::hash`]): an incremental build that takes the page from the
    /// previous output never makes them.
    pub fn later(
        name: &'static str,
        made_from: u128,
        make: impl Fn() -> Result<Vec<String>, RenderError> + 's,
    ) -> Slot<'s> {
        Slot {
            name,
            pieces: Pieces::Later {
                made_from,
                make: Box::new(make),
            },
        }
    }

    /// Adds the slot to a page's key: its pieces, or the hash of what they are made from.
    pub(super) fn key_part(&self, h: &mut KeyHasher) {
        h.part(self.name);
        match &self.pieces {
            Pieces::Ready(pieces) => h.part(pieces),
            Pieces::Later { made_from, .. } => h.part(made_from),
        }
    }

    /// The pieces, made now if they are made later.
    fn made(&self) -> Result<Cow<'_, [String]>, RenderError> {
        match &self.pieces {
            Pieces::Ready(pieces) => Ok(Cow::Borrowed(&pieces[..])),
            Pieces::Later { make, .. } => make().map(Cow::Owned),
        }
    }

    /// The hash of what a slot's pieces are made from, for [`Slot::later`].
    pub fn hash(made_from: &impl Serialize) -> u128 {
        let mut h = KeyHasher::new(0, false);
        h.part(made_from);
        h.finish()
    }
}

/// Renders a page with its slots through `render` (the page's template, minified or not):
/// unminified, each slot stands in the context as its HTML; minified, as a marker element
/// that the slot's pieces, each minified on its own, replace once the rest of the page is
/// minified. Content cannot forge the marker: every text the templates show is escaped, so
/// no `<` of it reaches the page.
pub(super) fn render(
    slots: &[Slot],
    mut cx: Context,
    minified: bool,
    render: impl FnOnce(&Context) -> Result<Vec<u8>, RenderError>,
) -> Result<Vec<u8>, RenderError> {
    let made = slots
        .iter()
        .map(Slot::made)
        .collect::<Result<Vec<_>, RenderError>>()?;
    for (slot, pieces) in slots.iter().zip(&made) {
        if pieces.is_empty() {
            // Empty, so that a template can test it (`{% if rows_html %}`).
            cx.insert(slot.name, "");
        } else if minified {
            cx.insert(slot.name, &marker(slot.name));
        } else {
            cx.insert(slot.name, &pieces.concat());
        }
    }
    let mut page = render(&cx)?;
    if minified {
        for (slot, pieces) in slots.iter().zip(&made) {
            page = fill(&page, slot.name, pieces);
        }
    }
    Ok(page)
}

/// What stands for the slot `name` in the page until it is minified.
fn marker(name: &str) -> String {
    format!("<openindex-slot id=\"{name}\"></openindex-slot>")
}

/// A minified page with the marker of slot `name` replaced by `pieces`, each minified.
fn fill(page: &[u8], name: &str, pieces: &[String]) -> Vec<u8> {
    let html: Vec<u8> = pieces.iter().flat_map(|p| minify(p.as_bytes())).collect();
    replace_all(page, &minify(marker(name).as_bytes()), &html)
}

/// `haystack` with every occurrence of `needle` replaced by `with`.
fn replace_all(haystack: &[u8], needle: &[u8], with: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(haystack.len() + with.len());
    let mut rest = haystack;
    while let Some(at) = memchr::memmem::find(rest, needle) {
        out.extend_from_slice(&rest[..at]);
        out.extend_from_slice(with);
        rest = &rest[at + needle.len()..];
    }
    out.extend_from_slice(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::site::minify;

    #[test]
    fn a_slot_minified_in_pieces_is_the_whole_page_minified() {
        // Names that the escaping and the minifier both act on: entities, quotes, spaces,
        // a would-be marker, non-ASCII.
        let names = [
            "A & B",
            "\"quoted\" 'too'",
            "x < y > z",
            "  spaced  out  ",
            "<openindex-slot id=\"l\">",
            "Ünïcödé — 模型",
            "plain",
        ];
        let items: Vec<String> = names
            .iter()
            .map(|n| format!("<li><a href=\"/m/{0}/\">{0}</a></li>", tera::escape_html(n)))
            .collect();
        let pieces: Vec<String> = items.chunks(3).map(|c| c.concat()).collect();
        let page = |list: &str| {
            format!(
                "<!doctype html><html><head><title>t</title></head><body><main>\n  <h1>All</h1>\n<ul class=\"x\">{list}</ul>\n<p>end</p></main></body></html>"
            )
        };
        let whole = minify(page(&items.concat()).as_bytes());
        let filled = fill(&minify(page(&marker("l")).as_bytes()), "l", &pieces);
        assert_eq!(
            String::from_utf8_lossy(&filled),
            String::from_utf8_lossy(&whole)
        );
    }

    #[test]
    fn replace_all_replaces_every_occurrence() {
        assert_eq!(replace_all(b"a-x-b-x", b"x", b"yy"), b"a-yy-b-yy");
        assert_eq!(replace_all(b"none", b"x", b"y"), b"none");
    }
}
