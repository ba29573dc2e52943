//! The integration tests, in one binary (each test binary links the whole crate, which
//! costs minutes on two cores): they run the real `openindex` on fixture sites under
//! `tests/fixtures/`. Run one group with `cargo test --test it <module>::`.

mod support;

mod cli;
mod diff;
mod fuzz;
mod hostile;
mod hub;
mod incremental;
mod layout;
mod peers;
#[cfg(feature = "pdf")]
mod report;
mod serve;
mod site;
mod sources;
