//! The shared vocabulary of every stage: closed enums (`vocab`), the rule definitions
//! (`defs`), the validated records (`types`) and their calendar date (`date`). This module
//! does no work of its own; the pipeline stages (`content` → `assess` → `index` → `render`
//! → `output`) all speak it.

pub mod date;
pub mod defs;
pub mod types;
pub mod vocab;

pub use date::*;
pub use defs::*;
pub use types::*;
pub use vocab::*;
