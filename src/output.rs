//! Stage 5, **write**: puts rendered files on disk without ever leaving a half-written
//! site in place. Files go to a sibling staging directory (`.<name>.staging-<pid>`); only
//! when every file is written is the previous output renamed aside and the staging
//! directory renamed into its place; the previous output is kept as the spare (below).
//! Whatever is to be deleted is deleted by a background process when the caller names one
//! (see [`Staging::new`]), since deleting tens of thousands of files can take longer than
//! the build. A failed or interrupted build leaves the previous site byte-identical (at
//! worst, a stale staging or old directory, which the next build removes).
//!
//! The output directory carries a marker file; a non-empty directory without it is never
//! replaced, so a mistyped `--out` cannot delete unrelated files.
//!
//! It also carries a [`Manifest`]: every file of the build, with the key of the inputs it
//! was rendered from where it has one. The output replaced by a build is not deleted but
//! kept beside it as the *spare* (`.<name>.spare`), and the next build stages into the spare:
//! a file whose key is unchanged since the spare was built stays where it is; one unchanged
//! since the current output was built is hard-linked from there ([`Staging::take`]; a copy
//! where links are not possible); everything else is rendered and written, files the build
//! no longer has are deleted, and the staging directory is swapped into place as before.
//! Directories and files that did not change are never created again, so an incremental
//! build costs in proportion to what changed; the price is the spare's disk space. The swap
//! stays all-or-nothing, a staged file is always replaced by a new file (never written
//! through a link it may share with the live output), and the result is the one a clean
//! build would give.

use crate::render::site::File;
use std::io;
use std::path::{Path, PathBuf};

/// Name of the marker file written into every output directory.
pub const MARKER: &str = ".openindex-build";

fn spare(out: &Path) -> PathBuf {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    out.with_file_name(format!(".{name}.spare"))
}

/// Name of the manifest file written into every output directory.
pub const MANIFEST: &str = ".openindex-manifest";

const MANIFEST_HEAD: &str = "openindex-manifest 2";

/// The key each keyed file of a build was rendered from, by relative path.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Manifest(pub std::collections::BTreeMap<String, u128>);

impl Manifest {
    /// The manifest of a previous build in `out`; empty when there is none (or it is not
    /// one this version of the tool reads), so every file is rendered.
    pub fn read(out: &Path) -> Manifest {
        if !out.join(MARKER).is_file() {
            return Manifest::default();
        }
        let Ok(text) = std::fs::read_to_string(out.join(MANIFEST)) else {
            return Manifest::default();
        };
        let mut lines = text.lines();
        if lines.next() != Some(MANIFEST_HEAD) {
            return Manifest::default();
        }
        Manifest(
            lines
                .filter_map(|l| {
                    let (path, key) = l.split_once('\t')?;
                    Some((path.to_string(), u128::from_str_radix(key, 16).ok()?))
                })
                .collect(),
        )
    }

    /// The file's text: a header line, then `path<TAB>key` lines sorted by path.
    pub fn text(&self) -> String {
        let mut s = String::from(MANIFEST_HEAD);
        s.push('\n');
        for (path, key) in &self.0 {
            s.push_str(&format!("{path}\t{key:032x}\n"));
        }
        s
    }
}

/// Why writing failed.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct WriteError(pub String);

fn err(what: &str, path: &Path, e: io::Error) -> WriteError {
    WriteError(format!("{what} {}: {e}", path.display()))
}

fn sibling(out: &Path, tag: &str) -> PathBuf {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    out.with_file_name(format!(".{name}.{tag}-{}", std::process::id()))
}

/// A new name for a directory moved aside, `.<name>.old-<n>-<pid>`: a build can move two
/// directories aside (the spare it does not reuse, then the output it replaces), and the
/// first may still be being removed in the background when the second is moved, so no
/// two share a name.
fn aside(out: &Path) -> PathBuf {
    static MOVED: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = MOVED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    sibling(out, &format!("old-{n}"))
}

/// Removes staging or old directories left by earlier, interrupted builds.
fn clean_leftovers(out: &Path) {
    let (Some(parent), Some(name)) = (out.parent(), out.file_name()) else {
        return;
    };
    let parent = if parent.as_os_str().is_empty() {
        Path::new(".")
    } else {
        parent
    };
    let prefix = format!(".{}.", name.to_string_lossy());
    if let Ok(entries) = std::fs::read_dir(parent) {
        for e in entries.flatten() {
            let n = e.file_name().to_string_lossy().into_owned();
            if n.starts_with(&prefix) && (n.contains(".staging-") || n.contains(".old-")) {
                let _ = std::fs::remove_dir_all(e.path());
            }
        }
    }
}

const MARKER_TEXT: &str =
    "This directory is written by `openindex build`; it is replaced whole on every build.\n";

fn check_replaceable(out: &Path) -> Result<(), WriteError> {
    if out.exists() {
        let is_ours = out.join(MARKER).exists();
        let empty = std::fs::read_dir(out)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !out.is_dir() || (!is_ours && !empty) {
            return Err(WriteError(format!(
                "{} exists and was not written by openindex (no {MARKER} file); refusing to replace it — choose another --out",
                out.display()
            )));
        }
    }
    Ok(())
}

fn swap(staging: &Path, out: &Path, remover: Option<&Path>) -> Result<(), WriteError> {
    if out.exists() {
        let old = aside(out);
        std::fs::rename(out, &old).map_err(|e| err("cannot move aside", out, e))?;
        if let Err(e) = std::fs::rename(staging, out) {
            // Put the previous site back: nothing is lost.
            let _ = std::fs::rename(&old, out);
            return Err(err("cannot move into place", out, e));
        }
        // The previous output becomes the next build's spare; failing that, it goes.
        let spare = spare(out);
        if !spare.exists() && std::fs::rename(&old, &spare).is_ok() {
            return Ok(());
        }
        remove(&old, remover);
    } else {
        std::fs::rename(staging, out).map_err(|e| err("cannot move into place", out, e))?;
    }
    Ok(())
}

/// Removes a directory moved aside: by `remover`'s [`REMOVE_COMMAND`] in the background
/// when there is one (the next build removes whatever it leaves), else now.
fn remove(aside: &Path, remover: Option<&Path>) {
    let handed_over = remover.is_some_and(|exe| {
        std::process::Command::new(exe)
            .arg(REMOVE_COMMAND)
            .arg(aside)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .is_ok()
    });
    if !handed_over {
        let _ = std::fs::remove_dir_all(aside);
    }
}

/// The hidden subcommand that removes a previous output moved aside ([`remove_old`]).
pub const REMOVE_COMMAND: &str = "remove-old-output";

/// Removes `dir` if, and only if, it is a previous output that a build moved aside: its
/// name is `.<name>.old-<n>-<pid>` and it holds the marker file. Anything else is left
/// alone.
pub fn remove_old(dir: &Path) -> Result<(), WriteError> {
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let aside = name.starts_with('.')
        && name
            .rsplit_once(".old-")
            .and_then(|(_, tail)| tail.split_once('-'))
            .is_some_and(|(n, pid)| is_number(n) && is_number(pid));
    if !aside || !dir.join(MARKER).is_file() {
        return Err(WriteError(format!(
            "{} is not an output directory moved aside by a build; not removing it",
            dir.display()
        )));
    }
    std::fs::remove_dir_all(dir).map_err(|e| err("cannot remove", dir, e))
}

fn is_number(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// A build being written: files go into the staging directory as they are rendered;
/// [`Staging::commit`] swaps it into place. Dropped without committing, it removes itself
/// and the previous site stays.
pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
    created: std::sync::Mutex<std::collections::HashSet<PathBuf>>,
    committed: bool,
    remover: Option<PathBuf>,
    /// What the staging directory already holds (the spare's manifest), by path.
    staged: Manifest,
}

impl Staging {
    /// Prepares to replace `out` (refusing a directory openindex did not write), staging
    /// into the spare left by the previous build when `reuse` allows and one is there.
    /// `remover`, when given, is the `openindex` executable whose hidden
    /// [`REMOVE_COMMAND`] removes replaced directories in the background instead of this
    /// process waiting for it.
    pub fn new(out: &Path, reuse: bool, remover: Option<PathBuf>) -> Result<Staging, WriteError> {
        check_replaceable(out)?;
        clean_leftovers(out);
        let dir = sibling(out, "staging");
        let spare = spare(out);
        let mut staged = Manifest::default();
        if spare.exists() {
            staged = Manifest::read(&spare);
            if !reuse || staged.0.is_empty() || std::fs::rename(&spare, &dir).is_err() {
                staged = Manifest::default();
                let moved = aside(out);
                match std::fs::rename(&spare, &moved) {
                    Ok(()) => remove(&moved, remover.as_deref()),
                    Err(_) => {
                        let _ = std::fs::remove_dir_all(&spare);
                    }
                }
            }
        }
        std::fs::create_dir_all(&dir).map_err(|e| err("cannot create", &dir, e))?;
        // The staged marker and manifest describe the spare, not this build.
        let _ = std::fs::remove_file(dir.join(MARKER));
        let _ = std::fs::remove_file(dir.join(MANIFEST));
        Ok(Staging {
            out: out.to_path_buf(),
            dir,
            created: Default::default(),
            committed: false,
            remover,
            staged,
        })
    }

    /// Writes one file (from any thread), as a new file.
    pub fn put(&self, file: &File) -> Result<(), WriteError> {
        let path = self.prepare(&file.path)?;
        std::fs::write(&path, &file.bytes).map_err(|e| err("cannot write", &path, e))
    }

    /// Writes one file piece by piece through `write` (from any thread); returns its size.
    pub fn stream(
        &self,
        rel: &str,
        write: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> Result<u64, WriteError> {
        use std::io::Write;
        let path = self.prepare(rel)?;
        let file = std::fs::File::create(&path).map_err(|e| err("cannot write", &path, e))?;
        let mut w = Counting(std::io::BufWriter::with_capacity(1 << 20, file), 0);
        write(&mut w)
            .and_then(|()| w.flush())
            .map_err(|e| err("cannot write", &path, e))?;
        Ok(w.1)
    }

    /// The key the staged file at `rel` was rendered from, if the spare holds it.
    pub fn staged(&self, rel: &str) -> Option<u128> {
        self.staged.0.get(rel).copied().filter(|&k| k != 0)
    }

    /// Takes the file at relative path `rel` without rendering it: where it is, when the
    /// staged copy has `key`; else from the current output (by hard link, else by copy)
    /// when `from_out`. Returns its size, or `None` when it must be rendered.
    pub fn take(&self, rel: &str, key: u128, from_out: bool) -> Option<u64> {
        let size = |p: &Path| {
            std::fs::symlink_metadata(p)
                .ok()
                .filter(|m| m.is_file())
                .map(|m| m.len())
        };
        let here = target_path(&self.dir, rel);
        if self.staged(rel) == Some(key)
            && let Some(n) = size(&here)
        {
            return Some(n);
        }
        if !from_out {
            return None;
        }
        let from = target_path(&self.out, rel);
        let n = size(&from)?;
        // `prepare` removed any staged file there, so neither the link nor the copy can
        // write into a file shared with the live output.
        let to = self.prepare(rel).ok()?;
        if std::fs::hard_link(&from, &to).is_err() {
            std::fs::copy(&from, &to).ok()?;
        }
        Some(n)
    }

    /// The staged path of a relative path, its directory created once, with any file
    /// already there removed: a new file is then written in its place, so a file staged
    /// from the spare or linked from the live output is replaced, never written through.
    fn prepare(&self, rel: &str) -> Result<PathBuf, WriteError> {
        let path = self.dir_for(rel)?;
        match std::fs::remove_file(&path) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(err("cannot replace", &path, e)),
            _ => Ok(path),
        }
    }

    /// The staged path of a relative path, its directory created once.
    fn dir_for(&self, rel: &str) -> Result<PathBuf, WriteError> {
        let path = target_path(&self.dir, rel);
        if let Some(parent) = path.parent() {
            let known = self
                .created
                .lock()
                .map(|c| c.contains(parent))
                .unwrap_or(false);
            if !known {
                std::fs::create_dir_all(parent).map_err(|e| err("cannot create", parent, e))?;
                if let Ok(mut c) = self.created.lock() {
                    c.insert(parent.to_path_buf());
                }
            }
        }
        Ok(path)
    }

    /// Marks the build complete, with the manifest of every file it wrote or took, removes
    /// what the spare held that this build does not have, and swaps it into place.
    pub fn commit(mut self, manifest: &Manifest) -> Result<(), WriteError> {
        for rel in self
            .staged
            .0
            .keys()
            .filter(|p| !manifest.0.contains_key(*p))
        {
            let path = target_path(&self.dir, rel);
            let _ = std::fs::remove_file(&path);
            // Folders left empty go too (a removed release's page folder).
            let mut dir = path.parent();
            while let Some(d) = dir.filter(|d| *d != self.dir) {
                if std::fs::remove_dir(d).is_err() {
                    break;
                }
                dir = d.parent();
            }
        }
        let path = self.dir.join(MANIFEST);
        std::fs::write(&path, manifest.text()).map_err(|e| err("cannot write", &path, e))?;
        let marker = self.dir.join(MARKER);
        std::fs::write(&marker, MARKER_TEXT).map_err(|e| err("cannot write", &marker, e))?;
        swap(&self.dir, &self.out, self.remover.as_deref())?;
        self.committed = true;
        Ok(())
    }
}

/// A writer that counts the bytes through it.
struct Counting<W>(W, u64);

impl<W: std::io::Write> std::io::Write for Counting<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.0.write(buf)?;
        self.1 += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// The output path of a relative `/`-separated path under a directory.
pub(crate) fn target_path(dir: &Path, path: &str) -> PathBuf {
    path.split('/').fold(dir.to_path_buf(), |p, c| p.join(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_directory_moved_aside_gets_its_own_name() {
        // A clean build moves the spare aside for removal in the background, then moves
        // the output it replaces aside too: the second must not land on the first.
        let out = Path::new("/site/public");
        let (a, b) = (aside(out), aside(out));
        assert_ne!(a, b);
        for p in [&a, &b] {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            assert!(name.starts_with(".public.old-"), "{name}");
        }
    }
}
