//! `openindex diff` on a throwaway git history, and `openindex schema`.

use crate::support::*;
use std::process::Command;

fn git(root: &std::path::Path, args: &[&str]) {
    let ok = Command::new("git")
        .arg("-C")
        .arg(root)
        .args([
            "-c",
            "user.name=Test",
            "-c",
            "user.email=test@example.org",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .status()
        .unwrap()
        .success();
    assert!(ok, "git {args:?}");
}

#[test]
fn diff_reports_a_real_change_against_head_1() {
    let site = Site::case("clean");
    git(&site.root, &["init", "-q", "-b", "main"]);
    git(&site.root, &["add", "."]);
    git(&site.root, &["commit", "-qm", "first"]);
    // A contributor finds the training code and adds a release.
    let path = site.root.join("content/models/capped-chat.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace(
            "training_code = { status = \"closed\"",
            "training_code = { status = \"open\"",
        ),
    )
    .unwrap();
    std::fs::remove_file(site.root.join("content/models/small-distill.md")).unwrap();
    git(&site.root, &["commit", "-qam", "second"]);

    let out = site.run(&["diff", "HEAD~1"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout
            .contains("changes since HEAD~1: 0 added, 1 removed, 1 changed"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("osaid.training_code: closed → open"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("- Small Distill 8B (small-distill)"),
        "{}",
        out.stdout
    );
    // A removed release says what it takes away.
    assert!(
        out.stdout
            .contains("osaid.verdict: insufficient-evidence → —"),
        "{}",
        out.stdout
    );

    let md = site.run(&["diff", "HEAD~1", "--format", "markdown"]);
    assert!(
        md.stdout
            .contains("| `osaid.training_code` | closed | open |"),
        "{}",
        md.stdout
    );

    let json = site.run(&["diff", "HEAD~1", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(v[0]["slug"], "capped-chat");
    assert_eq!(v[0]["status"], "changed");
    assert_eq!(v[1]["status"], "removed");

    let none = site.run(&["diff", "HEAD"]);
    assert!(
        none.stdout.contains("no changes for readers since HEAD"),
        "{}",
        none.stdout
    );
    let bad = site.run(&["diff", "no-such-rev"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("not a commit"), "{}", bad.stderr);
}

#[test]
fn schema_prints_valid_json_schemas() {
    let site = Site::case("clean");
    for which in ["release", "license", "organization", "site", "index"] {
        let out = site.run(&["schema", which]);
        assert_eq!(out.code, 0);
        let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
        jsonschema::validator_for(&v).unwrap_or_else(|e| panic!("{which}: {e}"));
    }
}

#[test]
fn changes_page_lists_verdict_changes_from_git_and_model_pages_date_them() {
    let site = Site::case("clean");
    git(&site.root, &["init", "-q", "-b", "main"]);
    git(&site.root, &["add", "."]);
    git(&site.root, &["commit", "-qm", "Add the first releases"]);
    let path = site.root.join("content/models/capped-chat.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace(
            "release_rationale = { status = \"unknown\" }",
            "release_rationale = { status = \"met\", evidence = [\"card\"] }",
        ),
    )
    .unwrap();
    git(
        &site.root,
        &["commit", "-qam", "Capped Chat: rationale found"],
    );
    let out = site.root.join("public");
    let res = site.run(&["build", "--out", out.to_str().unwrap()]);
    assert_eq!(res.code, 0, "{}", res.stderr);
    let changes = std::fs::read_to_string(out.join("changes/index.html")).unwrap();
    assert!(
        changes.contains("Capped Chat: rationale found"),
        "{changes}"
    );
    assert!(changes.contains("4.5/8 → 5.5/8"), "{changes}");
    let page = std::fs::read_to_string(out.join("models/capped-chat/index.html")).unwrap();
    assert!(page.contains("Verdicts last changed on"), "{page}");
}

#[test]
fn outside_a_repository_the_changes_page_is_omitted() {
    let site = Site::case("clean");
    let out = site.root.join("public");
    assert_eq!(site.run(&["build", "--out", out.to_str().unwrap()]).code, 0);
    assert!(!out.join("changes").exists());
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(!index.contains("/changes/"));
}
