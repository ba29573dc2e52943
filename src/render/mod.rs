//! Stage 4, **render**: turns the linked [`crate::index::Index`] into pages and data.
pub mod text;
