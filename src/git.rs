//! Reading earlier versions of the content from git (the `git` command): a revision's
//! files extracted into a temporary directory, and the commits that touched `content/`.
//! Used by `openindex diff` and the `/changes/` page; everything else is git-free, and a
//! site outside a repository simply has no history.

use std::path::Path;
use std::process::{Command, Stdio};
pub use tempfile::TempDir;

fn git(root: &Path) -> Command {
    let mut c = Command::new("git");
    c.arg("-C").arg(root);
    c
}

/// What `git -C dir <args>` prints, trimmed; `None` when it fails or prints nothing.
pub fn output(dir: &Path, args: &[&str]) -> Option<String> {
    let out = git(dir).args(args).stderr(Stdio::null()).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
        .filter(|s| !s.is_empty())
}

/// Whether `root` is inside a git work tree.
pub fn is_repo(root: &Path) -> bool {
    git(root)
        .args(["rev-parse", "--is-inside-work-tree"])
        .stderr(Stdio::null())
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The path of `root` relative to the repository's top level ("" at the top).
fn prefix(root: &Path) -> Result<String, String> {
    let out = git(root)
        .args(["rev-parse", "--show-prefix"])
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if !out.status.success() {
        return Err(format!("{} is not in a git repository", root.display()));
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// Extracts `content/` and `site.toml` of `rev` into a new temporary directory.
pub fn checkout(root: &Path, rev: &str) -> Result<TempDir, String> {
    if rev.starts_with('-') {
        return Err(format!("`{rev}` is not a revision"));
    }
    let verify = git(root)
        .args([
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{rev}^{{commit}}"),
        ])
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if !verify.status.success() {
        return Err(format!("`{rev}` is not a commit in this repository"));
    }
    let prefix = prefix(root)?;
    // A fresh directory with an unpredictable name, created with owner-only permissions and
    // removed on drop: no other user can plant files or links in it.
    let tmp = tempfile::Builder::new()
        .prefix(&format!("openindex-rev-{}-", sanitize(rev)))
        .tempdir()
        .map_err(|e| format!("cannot create a temporary directory: {e}"))?;
    let dir = tmp.path().to_path_buf();
    let mut paths = vec![format!("{prefix}content")];
    let has_site = git(root)
        .args(["cat-file", "-e", &format!("{rev}:{prefix}site.toml")])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if has_site {
        paths.push(format!("{prefix}site.toml"));
    }
    let has_content = git(root)
        .args(["cat-file", "-e", &format!("{rev}:{prefix}content")])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !has_content {
        std::fs::create_dir_all(dir.join("content")).map_err(|e| e.to_string())?;
        return Ok(tmp);
    }
    let mut archive = git(root)
        .args(["archive", "--format=tar", rev, "--"])
        .args(&paths)
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run git archive: {e}"))?;
    let strip = prefix.matches('/').count().to_string();
    let status = Command::new("tar")
        .args(["-x", "-C"])
        .arg(&dir)
        .args(["--strip-components", &strip])
        .stdin(archive.stdout.take().ok_or("no archive output")?)
        .status()
        .map_err(|e| format!("cannot run tar: {e}"))?;
    let _ = archive.wait();
    if !status.success() {
        return Err(format!("cannot extract {rev}"));
    }
    Ok(tmp)
}

fn sanitize(rev: &str) -> String {
    rev.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .take(40)
        .collect()
}

/// One commit that touched the content.
#[derive(Debug, Clone)]
pub struct Commit {
    /// Full hash.
    pub hash: String,
    /// Committer date, YYYY-MM-DD.
    pub date: String,
    /// Subject line.
    pub subject: String,
}

/// The newest `limit` commits that touched `content/` (newest first).
pub fn content_commits(root: &Path, limit: usize) -> Vec<Commit> {
    let Ok(out) = git(root)
        .args([
            "log",
            &format!("-n{limit}"),
            "--format=%H%x1f%cs%x1f%s",
            "--",
            "content",
        ])
        .stderr(Stdio::null())
        .output()
    else {
        return Vec::new();
    };
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| {
            let mut p = l.split('\u{1f}');
            Some(Commit {
                hash: p.next()?.to_string(),
                date: p.next()?.to_string(),
                subject: p.next().unwrap_or("").to_string(),
            })
        })
        .collect()
}
