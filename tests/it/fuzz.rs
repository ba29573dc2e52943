//! Fuzzing on the stable toolchain (proptest): two targets, each seeded from the shipped
//! `content/` and run for a bounded number of cases.
//!
//! - `front_matter_loader`: a release, license or organization file from `content/`, mutated
//!   (bytes flipped, inserted, deleted; TOML and markdown tokens spliced in; lines
//!   duplicated or cut), is loaded, checked and its diagnostics rendered in every format.
//! - `markdown_rendering`: narratives built from markdown and HTML fragments are rendered and
//!   the HTML must carry no script, handler or dangerous link.
//!
//! Neither may panic, hang (each case has a deadline) or grow without bound. Raise the number
//! of cases with `PROPTEST_CASES=20000 cargo test --release --test fuzz`. A failure prints the
//! minimal input; it becomes a case in `regressions` below.

use proptest::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

/// How long one case may take before it counts as a hang.
const DEADLINE: Duration = Duration::from_secs(20);

/// Fragments that reach the interesting corners of TOML, the schema and markdown.
const TOKENS: &[&str] = &[
    "+++",
    "\n+++\n",
    "[",
    "]",
    "[[",
    "]]",
    "{",
    "}",
    "=",
    "\"",
    "'",
    "\"\"\"",
    "'''",
    "\\",
    "\\u",
    "\\u{",
    "\\U0010FFFF",
    "#",
    "\n",
    "\r\n",
    "\t",
    ",",
    ".",
    "-",
    "0",
    "1e999",
    "nan",
    "inf",
    "-0",
    "true",
    "false",
    "1979-05-27",
    "2026-02-30",
    "9999-12-31T23:59:60Z",
    "00:00:00",
    "status = \"open\"",
    "evidence = [\"card\"]",
    "[osaid]",
    "[governance]",
    "[license]",
    "[[sources]]",
    "[[findings]]",
    "[[marketed_as]]",
    "[safety]",
    "base_models = [\"x\"]",
    "availability = \"not-released\"",
    "kind = \"distill\"",
    "weights = \"nope\"",
    "a.b.c = 1",
    "\u{0}",
    "\u{202E}",
    "\u{FEFF}",
    "é",
    "𝕏",
    "\u{7F}",
    "<script>",
    "javascript:",
    "](",
    "![",
    "<!--",
    "-->",
    "<![CDATA[",
    "```",
    "~~~",
    "|",
    "---",
    "> ",
    "* ",
    "1. ",
    "[^1]",
    "&#x0;",
    "&amp;",
    "<a href=",
    "onerror=",
    "{{",
    "}}",
    "{%",
    "%}",
    "$$",
    "\\\\",
    "    ",
];

/// The seed corpus: every file under `content/`.
fn corpus() -> &'static [(PathBuf, String)] {
    static C: OnceLock<Vec<(PathBuf, String)>> = OnceLock::new();
    C.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut v: Vec<(PathBuf, String)> = walkdir::WalkDir::new(root.join("content"))
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e.path().strip_prefix(root).unwrap().to_path_buf();
                (rel, std::fs::read_to_string(e.path()).unwrap())
            })
            .collect();
        assert!(v.len() > 10, "the seed corpus is empty");
        v.truncate(200);
        v
    })
}

#[derive(Debug, Clone)]
enum Edit {
    Flip(usize, u8),
    Insert(usize, usize),
    Delete(usize, usize),
    DuplicateLine(usize),
    CutAt(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(a, b)| Edit::Flip(a, b)),
        (any::<usize>(), 0..TOKENS.len()).prop_map(|(a, t)| Edit::Insert(a, t)),
        (any::<usize>(), 1usize..64).prop_map(|(a, n)| Edit::Delete(a, n)),
        any::<usize>().prop_map(Edit::DuplicateLine),
        any::<usize>().prop_map(Edit::CutAt),
    ]
}

/// Applies edits to bytes (the result may be invalid UTF-8, which the loader must report).
fn mutate(seed: &str, edits: &[Edit]) -> Vec<u8> {
    let mut b = seed.as_bytes().to_vec();
    for e in edits {
        let len = b.len().max(1);
        match *e {
            Edit::Flip(at, byte) => {
                if !b.is_empty() {
                    let i = at % b.len();
                    b[i] = byte;
                }
            }
            Edit::Insert(at, t) => {
                let i = at % (b.len() + 1);
                b.splice(i..i, TOKENS[t].bytes());
            }
            Edit::Delete(at, n) => {
                let i = at % len;
                let j = (i + n).min(b.len());
                if i < j {
                    b.drain(i..j);
                }
            }
            Edit::DuplicateLine(at) => {
                let lines: Vec<&[u8]> = b.split(|&c| c == b'\n').collect();
                let line = lines[at % lines.len()].to_vec();
                let i = at % (b.len() + 1);
                b.splice(i..i, line.into_iter().chain([b'\n']));
            }
            Edit::CutAt(at) => b.truncate(at % (b.len() + 1)),
        }
    }
    b
}

/// Runs `f` on a thread and fails if it panics or passes the deadline.
fn within_deadline(what: &str, f: impl FnOnce() + Send + 'static) -> Result<(), TestCaseError> {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
        let _ = tx.send(r.is_ok());
    });
    match rx.recv_timeout(DEADLINE) {
        Ok(true) => Ok(()),
        Ok(false) => Err(TestCaseError::fail(format!("{what} panicked"))),
        Err(_) => Err(TestCaseError::fail(format!(
            "{what} took over {DEADLINE:?}"
        ))),
    }
}

/// Loads a site made of the clean fixture plus one mutated file, and renders what `check`
/// would print in all three formats.
fn load_one(rel: &Path, bytes: Vec<u8>) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/clean");
    for e in walkdir::WalkDir::new(&fixtures)
        .into_iter()
        .filter_map(Result::ok)
    {
        let dest = root.join(e.path().strip_prefix(&fixtures).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(e.path(), &dest).unwrap();
        }
    }
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, &bytes).unwrap();
    let today = openindex::model::Date::parse_iso("2026-11-24").unwrap();
    let loaded = openindex::content::load(root, today).expect("the content directory exists");
    let mut out = Vec::new();
    openindex::diag::render_human(&loaded.diags, &loaded.sources, true, &mut out).unwrap();
    openindex::diag::render_github(&loaded.diags, &loaded.sources, "", &mut out).unwrap();
    let json = serde_json::to_string(&openindex::diag::to_json(&loaded.diags, &loaded.sources));
    assert!(json.is_ok());
    // Output stays proportional to the input: no diagnostic storm from one file.
    assert!(
        out.len() < 200 * (bytes.len() + 1_000),
        "{} bytes of diagnostics",
        out.len()
    );
}

fn cases(default: u32) -> ProptestConfig {
    ProptestConfig {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(default),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(cases(256))]

    #[test]
    fn front_matter_loader(seed in 0usize..1000, edits in prop::collection::vec(edit(), 0..12)) {
        let (rel, text) = &corpus()[seed % corpus().len()];
        let bytes = mutate(text, &edits);
        let rel = rel.clone();
        within_deadline("loading", move || load_one(&rel, bytes))?;
    }

    #[test]
    fn markdown_rendering(parts in prop::collection::vec(
        prop_oneof![
            (0..TOKENS.len()).prop_map(|t| TOKENS[t].to_string()),
            "[ -~]{0,12}",
            Just("[x](javascript:alert(1))".to_string()),
            Just("<img src=x onerror=alert(1)>".to_string()),
            Just("![i](https://tracker.example.org/p.png)".to_string()),
            Just("<svg onload=alert(1)>".to_string()),
        ],
        0..80,
    )) {
        let md: String = parts.concat();
        let (tx, rx) = std::sync::mpsc::channel();
        let input = md.clone();
        within_deadline("rendering", move || {
            let _ = tx.send(openindex::render::markdown::to_html(&input));
        })?;
        let html = rx.recv().unwrap().to_ascii_lowercase();
        prop_assert!(!html.contains("<script"), "script in {html}");
        prop_assert!(!html.contains("<img"), "image in {html}");
        prop_assert!(!html.contains("<svg"), "svg in {html}");
        prop_assert!(!html.contains("href=\"javascript:"), "javascript link in {html}");
        prop_assert!(!html.contains("href=\"data:"), "data link in {html}");
        let tags_with_handlers = html
            .split('<')
            .skip(1)
            .filter_map(|t| t.split('>').next())
            .any(|tag| tag.split_whitespace().skip(1).any(|a| a.starts_with("on")));
        prop_assert!(!tags_with_handlers, "event handler in {html}");
    }
}

/// Inputs the fuzzers found (or that are known to be tricky), kept as plain tests.
mod regressions {
    use super::*;

    #[test]
    fn a_release_cut_in_the_middle_of_a_string() {
        let (rel, text) = corpus()
            .iter()
            .find(|(p, _)| p.extension().is_some_and(|e| e == "md"))
            .unwrap();
        let cut = text.find("name = \"").unwrap() + 9;
        load_one(rel, text.as_bytes()[..cut].to_vec());
    }

    #[test]
    fn a_multibyte_character_split_by_a_byte_flip() {
        load_one(
            Path::new("content/models/x.md"),
            "+++\nname = \"é\u{202E}\"\n+++\n".as_bytes()[..10].to_vec(),
        );
    }

    #[test]
    fn front_matter_with_only_the_opening_fence() {
        load_one(Path::new("content/models/x.md"), b"+++".to_vec());
        load_one(
            Path::new("content/models/x.md"),
            b"\xEF\xBB\xBF+++\n+++\n".to_vec(),
        );
    }
}
