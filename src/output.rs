//! Stage 5, **write**: puts rendered files on disk without ever leaving a half-written
//! site in place. Files go to a sibling staging directory (`.<name>.staging-<pid>`); only
//! when every file is written is the previous output renamed aside and the staging
//! directory renamed into its place, then the old one removed — by a background process
//! when the caller names one ([`Staging::remove_old_with`]), since deleting tens of
//! thousands of files can take longer than the build. A failed or interrupted build leaves
//! the previous site byte-identical (at worst, a stale staging or old directory, which the
//! next build removes).
//!
//! The output directory carries a marker file; a non-empty directory without it is never
//! replaced, so a mistyped `--out` cannot delete unrelated files.
//!
//! It also carries a [`Manifest`]: for each file rendered from keyed inputs, the key. The
//! next build into the same directory takes a file whose key is unchanged from the previous
//! output by hard link ([`Staging::link`]; a copy where links are not possible) instead of
//! rendering and writing it again — into the staging directory all the same, so the swap
//! stays all-or-nothing and the result is the one a clean build would give.

use crate::render::site::File;
use std::io;
use std::path::{Path, PathBuf};

/// Name of the marker file written into every output directory.
pub const MARKER: &str = ".openindex-build";

/// Name of the manifest file written into every output directory.
pub const MANIFEST: &str = ".openindex-manifest";

const MANIFEST_HEAD: &str = "openindex-manifest 1";

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
        let old = sibling(out, "old");
        std::fs::rename(out, &old).map_err(|e| err("cannot move aside", out, e))?;
        if let Err(e) = std::fs::rename(staging, out) {
            // Put the previous site back: nothing is lost.
            let _ = std::fs::rename(&old, out);
            return Err(err("cannot move into place", out, e));
        }
        let handed_over = remover.is_some_and(|exe| {
            std::process::Command::new(exe)
                .arg(REMOVE_COMMAND)
                .arg(&old)
                .stdin(std::process::Stdio::null())
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .spawn()
                .is_ok()
        });
        if !handed_over {
            let _ = std::fs::remove_dir_all(&old);
        }
    } else {
        std::fs::rename(staging, out).map_err(|e| err("cannot move into place", out, e))?;
    }
    Ok(())
}

/// The hidden subcommand that removes a previous output moved aside ([`remove_old`]).
pub const REMOVE_COMMAND: &str = "remove-old-output";

/// Removes `dir` if, and only if, it is a previous output that a build moved aside: its
/// name is `.<name>.old-<pid>` and it holds the marker file. Anything else is left alone.
pub fn remove_old(dir: &Path) -> Result<(), WriteError> {
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let aside = name.starts_with('.')
        && name
            .rsplit_once(".old-")
            .is_some_and(|(_, pid)| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()));
    if !aside || !dir.join(MARKER).is_file() {
        return Err(WriteError(format!(
            "{} is not an output directory moved aside by a build; not removing it",
            dir.display()
        )));
    }
    std::fs::remove_dir_all(dir).map_err(|e| err("cannot remove", dir, e))
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
}

impl Staging {
    /// Prepares to replace `out` (refusing a directory openindex did not write).
    pub fn new(out: &Path) -> Result<Staging, WriteError> {
        check_replaceable(out)?;
        clean_leftovers(out);
        let dir = sibling(out, "staging");
        std::fs::create_dir_all(&dir).map_err(|e| err("cannot create", &dir, e))?;
        Ok(Staging {
            out: out.to_path_buf(),
            dir,
            created: Default::default(),
            committed: false,
            remover: None,
        })
    }

    /// After the swap, hands the removal of the previous output to `exe`'s hidden
    /// [`REMOVE_COMMAND`] in the background instead of waiting for it (the next build
    /// removes anything it left).
    pub fn remove_old_with(mut self, exe: Option<PathBuf>) -> Staging {
        self.remover = exe;
        self
    }

    /// Writes one file (from any thread).
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

    /// Takes the file at relative path `rel` from the previous output (by hard link, else
    /// by copy); returns its size.
    pub fn link(&self, rel: &str) -> Result<u64, WriteError> {
        let from = crate::render::site::target_path(&self.out, rel);
        let to = self.prepare(rel)?;
        let size = std::fs::symlink_metadata(&from)
            .ok()
            .filter(|m| m.is_file())
            .map(|m| m.len())
            .ok_or_else(|| WriteError(format!("{} is not a file", from.display())))?;
        if std::fs::hard_link(&from, &to).is_err() {
            std::fs::copy(&from, &to).map_err(|e| err("cannot copy", &from, e))?;
        }
        Ok(size)
    }

    /// Removes a staged file (one taken by [`Staging::link`] that is to be rendered after
    /// all), so that writing it can never reach the previous output through the link.
    pub fn unlink(&self, rel: &str) {
        let _ = std::fs::remove_file(crate::render::site::target_path(&self.dir, rel));
    }

    /// The staged path of a relative path, its directory created once.
    fn prepare(&self, rel: &str) -> Result<PathBuf, WriteError> {
        let path = crate::render::site::target_path(&self.dir, rel);
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

    /// Marks the build complete, with the manifest of its keyed files, and swaps it into
    /// place.
    pub fn commit(mut self, manifest: &Manifest) -> Result<(), WriteError> {
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
