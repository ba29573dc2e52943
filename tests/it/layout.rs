//! The shape of the code itself: every source file stays small enough to hold one concern
//! (docs/ARCHITECTURE.md, "Principles"); a file that outgrows 500 lines is split by concern.

use std::path::Path;

#[test]
fn no_source_file_is_over_500_lines() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut long = Vec::new();
    for entry in walkdir::WalkDir::new(&src).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "rs") {
            let lines = std::fs::read_to_string(entry.path())
                .unwrap()
                .lines()
                .count();
            if lines > 500 {
                long.push(format!("{} ({lines} lines)", entry.path().display()));
            }
        }
    }
    assert!(long.is_empty(), "split by concern: {}", long.join(", "));
}
