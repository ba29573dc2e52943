//! # openindex
//!
//! The Openness Index: judges AI model releases on separate questions — can you get the
//! weights; does the release meet the OSI's Open Source AI Definition 1.0; what does its
//! license let you do; how well does it meet an eight-point release-governance standard;
//! which of six release failure modes does it show — from sourced facts, one file per
//! release, and publishes the result as a static site.
//!
//! The crate is a one-way pipeline of plain data (see `docs/ARCHITECTURE.md`):
//!
//! ```text
//! content/ ──load──▶ Release ──assess──▶ Assessment ──link──▶ Index ──render──▶ pages ──write──▶ public/
//! ```
//!
//! - [`model`]: the shared vocabulary and the rule definitions;
//! - [`content`]: load, parse with spans, validate (all problems in one pass);
//! - [`assess`]: the rules, pure functions;
//! - [`index`]: the linked whole — lookups and the lineage graph;
//! - [`render`]: pages, data exports, badges;
//! - [`output`]: staging directory and the swap into place;
//! - [`diag`]: diagnostics and their three output formats;
//! - [`build`]: the [`build::Pipeline`] every command runs, first stage to last;
//! - [`git`], [`history`], [`diff`]: earlier revisions, verdict history, what changed;
//! - [`sources`]: every cited source, listed and (over HTTP) checked;
//! - [`hub`]: a new release file started from a Hugging Face Hub repository;
//! - [`peers`]: what other indexes say — peer snapshots, their import and the comparison;
//! - [`profile`]: the optional step profile (time and memory of each step of a run).

pub mod assess;
pub mod build;
pub mod content;
pub mod diag;
pub mod diff;
pub mod git;
pub mod history;
pub mod hub;
pub mod index;
pub mod model;
pub mod output;
pub mod peers;
pub mod profile;
pub mod render;
pub mod sources;
#[cfg(test)]
mod testing;
