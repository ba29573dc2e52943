//! The snapshot files: `content/peers/eosai.toml` and `content/peers/mot.toml` (written by
//! `openindex peers import`) and `content/peers/mapping.toml` (kept by hand: decisions the
//! automatic matching cannot take). They are loaded with the content and checked like it —
//! unknown keys, types, allowed words, URLs, dates, and slugs that name no release — with
//! spans into the file.

use super::{MatchKind, PeerId, compare};
use crate::content::schema::{Field, Formats, ModelNames, Names};
use crate::diag::{Code, Diagnostic, Sources, did_you_mean};
use crate::model::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// One peer's pinned snapshot.
#[derive(Debug, Clone)]
pub struct Snapshot {
    /// Which peer.
    pub peer: PeerId,
    /// The file, relative to the site root.
    pub path: PathBuf,
    /// The peer's name.
    pub name: String,
    /// The peer's home page.
    pub home: String,
    /// The peer's data repository.
    pub repository: String,
    /// The commit the snapshot was read at.
    pub commit: String,
    /// The commit's date.
    pub date: Date,
    /// The license of the peer's data.
    pub license: String,
    /// The attribution the license asks for.
    pub attribution: String,
    /// Matched entries, sorted by release slug then entry.
    pub entries: Vec<Entry>,
}

/// One of our releases and the peer entry it corresponds to.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Our release's slug.
    pub release: At<String>,
    /// The peer's file (or id).
    pub entry: String,
    /// The entry's name there.
    pub name: String,
    /// The entry's page there.
    pub url: String,
    /// How it corresponds.
    pub kind: MatchKind,
    /// The peer's values by field (see [`compare::DIMENSIONS`]).
    pub values: BTreeMap<String, String>,
}

/// A decision recorded by hand in `mapping.toml`.
#[derive(Debug, Clone)]
pub struct Decision {
    /// Our release's slug.
    pub release: At<String>,
    /// The peer.
    pub peer: PeerId,
    /// The peer's file; `None` for "no match".
    pub entry: Option<String>,
    /// How it corresponds (`None`: no match).
    pub kind: Option<MatchKind>,
    /// Why.
    pub note: String,
}

/// `content/peers/mapping.toml`.
#[derive(Debug, Clone, Default)]
pub struct Mapping {
    /// Every decision, in file order.
    pub decisions: Vec<Decision>,
}

impl Mapping {
    /// The decision for a release and peer, when there is one.
    pub fn get(&self, slug: &str, peer: PeerId) -> Option<&Decision> {
        self.decisions
            .iter()
            .find(|d| d.release.v == slug && d.peer == peer)
    }
}

/// The vocabularies and lists of the peers' files, for a snapshot of `peer` (then the
/// model's).
struct PeerNames(PeerId);

impl Names for PeerNames {
    fn words(&self, name: &str) -> Option<Vec<&'static str>> {
        Some(match name {
            "peer" => PeerId::spellings(),
            "match" => MatchKind::spellings(),
            "decision" => {
                let mut kinds = MatchKind::spellings();
                kinds.push("none");
                kinds
            }
            _ => return ModelNames.words(name),
        })
    }

    fn keys(&self, name: &str) -> Option<Vec<(&'static str, &'static str)>> {
        match name {
            "peer-field" => Some(compare::fields(self.0)),
            _ => ModelNames.keys(name),
        }
    }
}

fn peer_format(
    cell: &'static OnceLock<Vec<Field>>,
    format: &str,
    peer: PeerId,
) -> &'static [Field] {
    static FILE: OnceLock<Formats> = OnceLock::new();
    cell.get_or_init(|| {
        let file = FILE
            .get_or_init(|| Formats::parse("src/peers/formats.toml", include_str!("formats.toml")));
        file.read(format, &PeerNames(peer))
    })
}

/// The keys of a peer's snapshot file.
pub fn snapshot_fields(peer: PeerId) -> &'static [Field] {
    static EOSAI: OnceLock<Vec<Field>> = OnceLock::new();
    static MOT: OnceLock<Vec<Field>> = OnceLock::new();
    let cell = match peer {
        PeerId::Eosai => &EOSAI,
        PeerId::Mot => &MOT,
    };
    peer_format(cell, "snapshot", peer)
}

/// The keys of `mapping.toml`.
pub fn mapping_fields() -> &'static [Field] {
    static FIELDS: OnceLock<Vec<Field>> = OnceLock::new();
    // The mapping names no peer's fields; any peer serves.
    peer_format(&FIELDS, "mapping", PeerId::Eosai)
}

/// Everything under `content/peers/`, loaded.
#[derive(Debug, Clone, Default)]
pub struct Peers {
    /// The snapshots, in peer order.
    pub snapshots: Vec<Snapshot>,
    /// The hand-kept decisions.
    pub mapping: Mapping,
}

impl Peers {
    /// The entries of every peer for one release, in peer order.
    pub fn for_release<'a>(
        &'a self,
        slug: &'a str,
    ) -> impl Iterator<Item = (&'a Snapshot, &'a Entry)> + 'a {
        self.snapshots.iter().flat_map(move |s| {
            s.entries
                .iter()
                .filter(move |e| e.release.v == slug)
                .map(move |e| (s, e))
        })
    }
}

/// Loads and checks `content/peers/` of the site at `root`, against the release slugs
/// loaded; pushes every problem into `diags` and the texts they point into `sources`.
pub fn load(
    root: &Path,
    slugs: &[&str],
    max_file_bytes: u64,
    diags: &mut Vec<Diagnostic>,
    sources: &mut Sources,
) -> Peers {
    let dir = root.join("content/peers");
    let mut peers = Peers::default();
    let Ok(read) = std::fs::read_dir(&dir) else {
        return peers;
    };
    let mut files: Vec<PathBuf> = read
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().and_then(|e| e.to_str()) == Some("toml"))
        .collect();
    files.sort();
    for path in files {
        let relp = crate::content::rel(root, &path);
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        let kind = match (stem, PeerId::parse(stem)) {
            ("mapping", _) => None,
            (_, Some(p)) => Some(p),
            _ => {
                let mut d = Diagnostic::error(
                    Code::UnknownPeer,
                    &relp,
                    None,
                    format!("content/peers/{stem}.toml names no peer index"),
                );
                d = d.help(format!(
                    "name a snapshot after its peer ({}), or keep decisions in mapping.toml",
                    PeerId::spellings().join(", ")
                ));
                diags.push(d);
                continue;
            }
        };
        // Symbolic links and oversized files are refused as in the rest of content/.
        match std::fs::symlink_metadata(&path) {
            Ok(m) if m.file_type().is_symlink() => {
                diags.push(Diagnostic::error(
                    Code::SymlinkEscape,
                    &relp,
                    None,
                    "snapshot files may not be symbolic links",
                ));
                continue;
            }
            Ok(m) if m.len() > max_file_bytes.saturating_mul(8) => {
                diags.push(Diagnostic::error(
                    Code::FileTooLarge,
                    &relp,
                    None,
                    format!(
                        "file is {} bytes; snapshots may be up to 8 × max_file_bytes",
                        m.len()
                    ),
                ));
                continue;
            }
            _ => {}
        }
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) => {
                diags.push(Diagnostic::unreadable(&relp, e));
                continue;
            }
        };
        let mut file_diags = Vec::new();
        match kind {
            Some(peer) => {
                if let Some(s) = crate::content::parse_toml(
                    &text,
                    0,
                    &relp,
                    snapshot_fields(peer),
                    &mut file_diags,
                    |v| extract_snapshot(v, peer, relp.clone()),
                ) {
                    for e in &s.entries {
                        check_slug(&relp, &e.release, slugs, &mut file_diags);
                    }
                    peers.snapshots.push(s);
                }
            }
            None => {
                if let Some(m) = crate::content::parse_toml(
                    &text,
                    0,
                    &relp,
                    mapping_fields(),
                    &mut file_diags,
                    extract_mapping,
                ) {
                    for d in &m.decisions {
                        check_slug(&relp, &d.release, slugs, &mut file_diags);
                    }
                    peers.mapping = m;
                }
            }
        }
        if !file_diags.is_empty() {
            sources.insert(relp, text);
        }
        diags.extend(file_diags);
    }
    peers.snapshots.sort_by_key(|s| s.peer);
    peers
}

fn check_slug(file: &Path, at: &At<String>, slugs: &[&str], diags: &mut Vec<Diagnostic>) {
    if slugs.binary_search(&at.v.as_str()).is_ok() {
        return;
    }
    let d = Diagnostic::error(
        Code::PeerUnknownRelease,
        file,
        Some(at.span.clone()),
        format!("no release has the slug \"{}\"", at.v),
    )
    .label("not in content/models/");
    diags.push(match did_you_mean(&at.v, slugs.iter().copied()) {
        Some(s) => d.help(format!("did you mean \"{s}\"?")),
        None => d.help("run `openindex peers import` again, or remove the entry"),
    });
}

fn extract_snapshot(
    v: &crate::content::extract::View<'_, '_>,
    peer: PeerId,
    path: PathBuf,
) -> Snapshot {
    let mut entries: Vec<Entry> = v
        .tables("entries")
        .iter()
        .filter_map(|e| {
            let values = e
                .table("values")
                .map(|t| {
                    compare::fields(peer)
                        .into_iter()
                        .filter_map(|(k, _)| t.str(k).map(|x| (k.to_string(), x)))
                        .collect()
                })
                .unwrap_or_default();
            Some(Entry {
                release: e.at_str("release")?,
                entry: e.str("entry").unwrap_or_default(),
                name: e.str("name").unwrap_or_default(),
                url: e.str("url").unwrap_or_default(),
                // A bad word is reported by the shape check, which stops the build.
                kind: e
                    .str("match")
                    .and_then(|m| MatchKind::parse(&m))
                    .unwrap_or(MatchKind::Family),
                values,
            })
        })
        .collect();
    entries.sort_by(|a, b| {
        a.release
            .v
            .cmp(&b.release.v)
            .then_with(|| a.entry.cmp(&b.entry))
    });
    Snapshot {
        peer,
        path,
        name: v.str("name").unwrap_or_default(),
        home: v.str("home").unwrap_or_default(),
        repository: v.str("repository").unwrap_or_default(),
        commit: v.str("commit").unwrap_or_default(),
        date: v.date("date").map_or(Date::UNSET, |d| d.v),
        license: v.str("license").unwrap_or_default(),
        attribution: v.str("attribution").unwrap_or_default(),
        entries,
    }
}

fn extract_mapping(v: &crate::content::extract::View<'_, '_>) -> Mapping {
    Mapping {
        decisions: v
            .tables("decisions")
            .iter()
            .filter_map(|d| {
                Some(Decision {
                    release: d.at_str("release")?,
                    peer: d.str("peer").and_then(|p| PeerId::parse(&p))?,
                    entry: d.str("entry"),
                    kind: d.str("match").and_then(|m| MatchKind::parse(&m)),
                    note: d.str("note").unwrap_or_default(),
                })
            })
            .collect(),
    }
}

/// Writes a snapshot as TOML: deterministic (entries sorted by release, then entry; values
/// in the mapping's field order).
pub fn to_toml(s: &Snapshot) -> String {
    use std::fmt::Write;
    let q = |x: &str| toml::Value::String(x.to_string()).to_string();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# {} snapshot, written by `openindex peers import {}`; do not edit by hand (decisions go in mapping.toml).",
        s.peer.short(),
        s.peer
    );
    let _ = writeln!(out, "# {}\n", s.attribution);
    let _ = writeln!(out, "peer = {}", q(s.peer.as_str()));
    let _ = writeln!(out, "name = {}", q(&s.name));
    let _ = writeln!(out, "home = {}", q(&s.home));
    let _ = writeln!(out, "repository = {}", q(&s.repository));
    let _ = writeln!(out, "commit = {}", q(&s.commit));
    let _ = writeln!(out, "date = {}", s.date);
    let _ = writeln!(out, "license = {}", q(&s.license));
    let _ = writeln!(out, "attribution = {}", q(&s.attribution));
    let mut entries: Vec<&Entry> = s.entries.iter().collect();
    entries.sort_by(|a, b| {
        a.release
            .v
            .cmp(&b.release.v)
            .then_with(|| a.entry.cmp(&b.entry))
    });
    for e in entries {
        let _ = writeln!(out, "\n[[entries]]");
        let _ = writeln!(out, "release = {}", q(&e.release.v));
        let _ = writeln!(out, "entry = {}", q(&e.entry));
        let _ = writeln!(out, "name = {}", q(&e.name));
        let _ = writeln!(out, "url = {}", q(&e.url));
        let _ = writeln!(out, "match = {}", q(e.kind.as_str()));
        let vals: Vec<String> = compare::fields(s.peer)
            .into_iter()
            .filter_map(|(k, _)| {
                e.values
                    .get(k)
                    .filter(|v| !v.is_empty())
                    .map(|v| format!("{k} = {}", q(v)))
            })
            .collect();
        let _ = writeln!(out, "values = {{ {} }}", vals.join(", "));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::schema::Ty;

    #[test]
    fn each_peer_s_snapshot_has_its_own_value_keys() {
        for peer in PeerId::ALL {
            let entries = snapshot_fields(*peer).iter().find(|f| f.key == "entries");
            let Some(Ty::Tables(entry)) = entries.map(|f| &f.ty) else {
                panic!("entries is an array of tables")
            };
            let values = entry.iter().find(|f| f.key == "values").unwrap();
            let Ty::Table(keys) = &values.ty else {
                panic!("values is a table")
            };
            let keys: Vec<_> = keys.iter().map(|k| (k.key, k.doc)).collect();
            assert_eq!(keys, compare::fields(*peer), "{peer}");
        }
        let decisions = &mapping_fields()[0];
        let Ty::Tables(keys) = &decisions.ty else {
            panic!("decisions is an array of tables")
        };
        let kind = keys.iter().find(|k| k.key == "match").unwrap();
        assert!(matches!(&kind.ty, Ty::Enum(w) if w.last() == Some(&"none")));
    }
}
