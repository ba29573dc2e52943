//! `openindex new <slug> --kind <kind>`: writes a commented release file; never overwrites.

use openindex::content::{template, today, tree::is_slug};
use openindex::model::Kind;
use std::path::Path;

/// Runs the command.
pub fn run(root: &Path, slug: &str, kind: &str) -> i32 {
    if !is_slug(slug) {
        return super::fail(format!(
            "`{slug}` is not a valid slug: use lowercase letters, digits and hyphens (e.g. llama-3-1-405b)"
        ));
    }
    let Some(kind) = Kind::parse(kind) else {
        return super::fail(format!("unknown kind `{kind}`"));
    };
    let dir = root.join("content").join("models");
    if let Err(e) = std::fs::create_dir_all(&dir) {
        return super::fail(format!("cannot create {}: {e}", dir.display()));
    }
    let path = dir.join(format!("{slug}.md"));
    let text = template::release(slug, kind, today());
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
    {
        Ok(mut f) => {
            use std::io::Write;
            if let Err(e) = f.write_all(text.as_bytes()) {
                return super::fail(format!("cannot write {}: {e}", path.display()));
            }
            println!(
                "created content/models/{slug}.md — fill in the `# key =` lines, then run `openindex check`"
            );
            0
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => super::fail(format!(
            "content/models/{slug}.md already exists; `new` never overwrites — edit it, or choose another slug"
        )),
        Err(e) => super::fail(format!("cannot write {}: {e}", path.display())),
    }
}
