//! `openindex explain <slug>`: the four answers of DESIGN §1 and every reason, as text.

use super::ColorChoice;
use openindex::diag;
use openindex::index::Index;
use openindex::render::text;
use std::path::Path;

/// Runs the command.
pub fn run(root: &Path, slug: &str, color: ColorChoice) -> i32 {
    let loaded = match super::check::load(root) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let (errors, _) = diag::counts(&loaded.diags);
    if errors > 0 {
        super::check::report(&loaded, super::Format::Human, color);
        eprintln!("error: fix the problems above first; `explain` works on checked content");
        return 1;
    }
    let index = Index::build(loaded.site, openindex::content::today());
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
