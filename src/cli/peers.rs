//! `openindex peers import <peer> <checkout>`: regenerates `content/peers/<peer>.toml` from a
//! checkout of the peer's data and reports what it matched, what it could not match and what
//! needs a person's decision in `content/peers/mapping.toml`.

use openindex::git::output as git;
use openindex::model::Date;
use openindex::peers::{MatchKind, PeerId, import, snapshot};
use std::path::Path;

/// What to do with the peers' data.
#[derive(Debug, clap::Subcommand)]
pub enum Action {
    /// Read a peer's checkout, match its entries to our releases and write the snapshot.
    ///
    /// The commit and date come from git when the checkout is a git work tree, else from
    /// --commit and --date. Exit codes: 0 written; 2 usage or I/O errors.
    Import {
        /// Which peer.
        #[arg(value_parser = clap::builder::PossibleValuesParser::new(PeerId::spellings()))]
        peer: String,
        /// The peer's checkout (EOSAI: the YAML files at its root; MOT: its `models/`).
        checkout: std::path::PathBuf,
        /// The snapshot's commit, when the checkout is not a git work tree.
        #[arg(long)]
        commit: Option<String>,
        /// The commit's date (YYYY-MM-DD), when the checkout is not a git work tree.
        #[arg(long)]
        date: Option<String>,
    },
}

/// Runs the command.
pub fn run(root: &Path, action: &Action) -> i32 {
    let Action::Import {
        peer,
        checkout,
        commit,
        date,
    } = action;
    let Some(peer) = PeerId::parse(peer) else {
        return super::fail(format!("no peer is called `{peer}`"));
    };
    if !checkout.is_dir() {
        return super::fail(format!("{} is not a directory", checkout.display()));
    }
    // A git checkout of the peer's repository itself (not a directory inside another work
    // tree, such as this site's).
    let in_git = git(checkout, &["rev-parse", "--show-toplevel"])
        .and_then(|top| std::fs::canonicalize(top).ok())
        .is_some_and(|top| std::fs::canonicalize(checkout).is_ok_and(|c| c == top));
    let commit = match commit.clone().or_else(|| {
        in_git
            .then(|| git(checkout, &["rev-parse", "HEAD"]))
            .flatten()
    }) {
        Some(c) => c,
        None => {
            return super::fail("the checkout is not a git work tree: give --commit and --date");
        }
    };
    let date_text = date.clone().or_else(|| {
        in_git
            .then(|| git(checkout, &["log", "-1", "--format=%cs"]))
            .flatten()
    });
    let Some(date) = date_text.as_deref().and_then(Date::parse_iso) else {
        return super::fail("no usable date: give --date YYYY-MM-DD");
    };
    let loaded = match openindex::content::load(root, openindex::content::today()) {
        Ok(l) => l,
        Err(e) => return super::fail(e),
    };
    let site = &loaded.site;
    let (snap, out) = match import::import(peer, site, &site.peers.mapping, checkout, &commit, date)
    {
        Ok(x) => x,
        Err(e) => return super::fail(e),
    };
    let dir = root.join("content/peers");
    if let Err(e) = std::fs::create_dir_all(&dir) {
        return super::fail(format!("cannot create {}: {e}", dir.display()));
    }
    let path = dir.join(format!("{peer}.toml"));
    if let Err(e) = std::fs::write(&path, snapshot::to_toml(&snap)) {
        return super::fail(format!("cannot write {}: {e}", path.display()));
    }
    let matched: usize = out.by_kind.values().sum();
    println!(
        "{} @ {} ({}): {matched} of {} releases matched — {}; {} by a decision in mapping.toml",
        peer.short(),
        &commit[..commit.len().min(12)],
        date,
        site.releases.len(),
        MatchKind::ALL
            .iter()
            .map(|k| format!("{} {}", out.by_kind.get(k).copied().unwrap_or(0), k))
            .collect::<Vec<_>>()
            .join(", "),
        out.decided,
    );
    println!("wrote {}", openindex::content::rel(root, &path).display());
    if !out.ambiguous.is_empty() {
        println!(
            "\nambiguous ({}): decide each in content/peers/mapping.toml",
            out.ambiguous.len()
        );
        for (slug, files) in &out.ambiguous {
            println!("  {slug}: {}", files.join(" | "));
        }
    }
    if !out.stale_decisions.is_empty() {
        println!(
            "\ndecisions naming a file the checkout does not have ({}):",
            out.stale_decisions.len()
        );
        for (slug, file) in &out.stale_decisions {
            println!("  {slug}: {file}");
        }
    }
    if !out.skipped.is_empty() {
        println!("\nfiles that could not be read ({}):", out.skipped.len());
        for s in &out.skipped {
            println!("  {}: {}", s.file, s.why.lines().next().unwrap_or(""));
        }
    }
    println!(
        "\nnot matched ({}): {}",
        out.unmatched.len(),
        out.unmatched.join(", ")
    );
    0
}
