//! Which files make up the content: `content/models/*.md`, `content/licenses/*.toml` and
//! `content/orgs/*.toml`, in file-name order. Symbolic links are followed only when their
//! target is inside `content/`.

use super::file::FileKind;
use super::rel;
use crate::diag::{Code, Diagnostic};
use std::path::{Path, PathBuf};

/// Every content file with its kind; what cannot be read is reported in `diags`.
pub(super) fn files(
    root: &Path,
    content: &Path,
    content_real: &Path,
    diags: &mut Vec<Diagnostic>,
) -> Vec<(PathBuf, FileKind)> {
    let mut files: Vec<(PathBuf, FileKind)> = Vec::new();
    for (dir, ext, kind) in [
        ("models", "md", FileKind::Release),
        ("licenses", "toml", FileKind::License),
        ("orgs", "toml", FileKind::Organization),
    ] {
        let dir = content.join(dir);
        if !dir.is_dir() {
            continue;
        }
        for entry in walkdir::WalkDir::new(&dir)
            .follow_links(false)
            .sort_by_file_name()
        {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    let p = e.path().map(|p| rel(root, p)).unwrap_or_default();
                    diags.push(Diagnostic::unreadable(&p, e));
                    continue;
                }
            };
            let path = entry.path();
            if path.extension().and_then(|e| e.to_str()) != Some(ext) {
                continue;
            }
            if entry.path_is_symlink() {
                match path.canonicalize() {
                    Ok(target) if target.starts_with(content_real) && target.is_file() => {}
                    Ok(target) => {
                        diags.push(
                            Diagnostic::error(
                                Code::SymlinkEscape,
                                &rel(root, path),
                                None,
                                format!(
                                    "symbolic link leads outside content/ (to {})",
                                    target.display()
                                ),
                            )
                            .help("replace the link with the file itself"),
                        );
                        continue;
                    }
                    Err(e) => {
                        diags.push(Diagnostic::error(
                            Code::Io,
                            &rel(root, path),
                            None,
                            format!("broken symbolic link: {e}"),
                        ));
                        continue;
                    }
                }
            } else if !entry.file_type().is_file() {
                continue;
            }
            files.push((path.to_path_buf(), kind));
        }
    }
    files
}
