//! The shared vocabulary of every stage: closed enums (`vocab`), the rule definitions
//! (`defs`) and the validated records (`types`). This module does no work of its own; the
//! pipeline stages (`content` → `assess` → `index` → `render` → `output`) all speak it.

pub mod defs;
pub mod types;
pub mod vocab;

pub use defs::*;
pub use types::*;
pub use vocab::*;
