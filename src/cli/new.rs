//! `openindex new <slug> --kind <kind> [--from-hub owner/name]`: writes a commented release
//! file; never overwrites. The Hub part is in [`openindex::hub`].

use openindex::content::template::{self, Prefill};
use openindex::content::{today, tree::is_slug};
use openindex::hub;
use openindex::model::Kind;
use std::path::Path;

/// Runs the command.
pub fn run(
    root: &Path,
    slug: &str,
    kind: Option<&str>,
    from_hub: Option<(&str, std::time::Duration)>,
) -> i32 {
    if !is_slug(slug) {
        return super::fail(format!(
            "`{slug}` is not a valid slug: use lowercase letters, digits and hyphens (e.g. llama-3-1-405b)"
        ));
    }
    let kind = match kind.map(|k| (k, Kind::parse(k))) {
        Some((k, None)) => return super::fail(format!("unknown kind `{k}`")),
        Some((_, Some(k))) => Some(k),
        None => None,
    };
    let dir = root.join("content").join("models");
    let path = dir.join(format!("{slug}.md"));
    if path.exists() {
        return exists(slug);
    }
    let (kind, prefill, notes) = match from_hub {
        None => (kind.unwrap_or(Kind::Base), Prefill::default(), Vec::new()),
        Some((repo, timeout)) => match from_hub_prefill(root, repo, timeout) {
            Ok(d) => {
                let mut notes = d.notes;
                let kind = match (kind, d.kind) {
                    (Some(k), _) => k,
                    (None, Some(k)) => k,
                    (None, None) => {
                        notes.push("the Hub names no base model, so kind is `base`: pass --kind (instruct, reasoning…) if that is wrong".into());
                        Kind::Base
                    }
                };
                (kind, d.prefill, notes)
            }
            Err(msg) => return super::fail(msg),
        },
    };
    if let Err(e) = std::fs::create_dir_all(&dir) {
        return super::fail(format!("cannot create {}: {e}", dir.display()));
    }
    let text = template::release_with(slug, kind, today(), &prefill);
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
            for n in notes {
                println!("note: {n}");
            }
            0
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => exists(slug),
        Err(e) => super::fail(format!("cannot write {}: {e}", path.display())),
    }
}

fn exists(slug: &str) -> i32 {
    super::fail(format!(
        "content/models/{slug}.md already exists; `new` never overwrites — edit it, or choose another slug"
    ))
}

/// Asks the Hub and maps its answers, with the index's releases and licenses.
fn from_hub_prefill(
    root: &Path,
    repo: &str,
    timeout: std::time::Duration,
) -> Result<hub::Derived, String> {
    let (owner, name) = hub::parse_repo(repo)?;
    let loaded = openindex::content::load(root, today()).map_err(|e| e.to_string())?;
    let client = hub::Client {
        timeout,
        ..hub::Client::from_env()
    };
    let answers = hub::fetch(&client, owner, name)?;
    let repo = format!("{owner}/{name}");
    Ok(hub::derive(
        &answers,
        &client.endpoint,
        &repo,
        &loaded.site.releases,
        &loaded.site.licenses,
    ))
}
