//! `openindex explain <slug>`: the four answers of DESIGN §1 and every reason, as text.

use super::ColorChoice;
use openindex::build::{BuildError, Pipeline};
use openindex::diag;
use openindex::render::text;
use std::path::Path;

/// Runs the command.
pub fn run(root: &Path, slug: &str, color: ColorChoice) -> i32 {
    let index = match Pipeline::new(root).index() {
        Ok((index, _)) => index,
        Err(BuildError::Content(loaded)) => {
            super::check::report(&loaded, super::Format::Human, color);
            eprintln!("error: fix the problems above first; `explain` works on checked content");
            return 1;
        }
        Err(BuildError::Fatal(msg)) => return super::fail(msg),
    };
    match index.by_slug.get(slug) {
        Some(&i) => {
            print!("{}", text::explain(&index, i));
            0
        }
        None => {
            let known = index.by_slug.keys().map(String::as_str);
            let hint = diag::did_you_mean(slug, known)
                .map(|s| format!(" — did you mean `{s}`?"))
                .unwrap_or_default();
            super::fail(format!("no release has the slug `{slug}`{hint}"))
        }
    }
}
