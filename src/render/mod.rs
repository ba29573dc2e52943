//! Stage 4, **render**: turns the linked [`crate::index::Index`] into files — HTML pages
//! from tera templates fed by view structs ([`views`]), safe markdown ([`markdown`]),
//! SVG charts, badges and the lineage graph ([`svg`]), data exports ([`data`]), the feed
//! and sitemap ([`feed`]), and terminal text ([`text`]). Rendering is parallel and pure:
//! the same index gives the same bytes, whatever the thread count.

pub mod data;
pub mod export;
pub mod face;
pub mod feed;
pub mod figures;
pub mod key;
pub mod lists;
pub mod markdown;
pub mod pages;
pub mod pdf;
pub mod peers;
pub mod release_page;
pub mod report;
pub mod route;
pub mod site;
pub mod slot;
pub mod svg;
pub mod text;
pub mod theme;
pub mod urls;
pub mod views;
