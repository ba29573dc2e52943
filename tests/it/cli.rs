//! Integration tests: run the real `openindex` binary on fixture sites.
//!
//! Every scenario under `tests/fixtures/<case>/` is laid over a copy of
//! `tests/fixtures/clean/` in a temporary directory, so a case holds only the files that
//! make it what it is. Diagnostics are compared as insta snapshots.

use crate::support::*;

#[test]
fn clean_fixture_checks_with_exit_0() {
    let site = Site::case("clean");
    let out = site.run(&["check", "--deny-warnings"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("checked 3 releases, 2 licenses, 1 organization: 0 errors, 0 warnings"),
        "{}",
        out.stderr
    );
}

macro_rules! bad_case {
    ($name:ident, $case:literal) => {
        #[test]
        fn $name() {
            let site = Site::case($case);
            let out = site.run(&["check"]);
            assert_eq!(out.code, 1, "{}", out.stderr);
            insta::assert_snapshot!(concat!($case, "-human"), out.stderr);
        }
    };
}

bad_case!(bad_front_matter, "bad-front-matter");
bad_case!(bad_toml, "bad-toml");
bad_case!(bad_keys, "bad-keys");
bad_case!(bad_values, "bad-values");
bad_case!(bad_dates, "bad-dates");
bad_case!(bad_references, "bad-references");
bad_case!(lineage_cycle, "lineage-cycle");
bad_case!(duplicates, "duplicates");
bad_case!(bad_slug_url, "bad-slug-url");
bad_case!(derivative_without_base, "derivative-without-base");
bad_case!(bad_evidence, "bad-evidence");
bad_case!(weights_license_missing, "weights-license-missing");
bad_case!(bad_peers, "bad-peers");

#[test]
fn a_not_released_release_needs_no_weights_license() {
    let site = Site::case("not-released");
    let out = site.run(&["check", "--deny-warnings"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let dir = site.root.join("site");
    let out = site.run(&["build", "--out", dir.to_str().unwrap(), "--no-minify"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let page =
        std::fs::read_to_string(site.root.join("site/models/announced-400b/index.html")).unwrap();
    assert!(
        page.contains("No weights license: the weights are not released"),
        "{page}"
    );
    assert!(page.contains("not-released"));
    let data: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(site.root.join("site/data/index.json")).unwrap(),
    )
    .unwrap();
    let r = data["releases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["slug"] == "announced-400b")
        .unwrap();
    assert!(r["license"]["weights"].is_null());
    assert_eq!(r["license"]["class"], "proprietary");
    assert_eq!(r["osaid"]["verdict"], "does-not-meet");
}

/// A clean site with an empty file, a Latin-1 file, a file over the size limit, a symbolic
/// link out of `content/` and a symbolic link to nothing.
fn bad_files_site() -> Site {
    let site = Site::case("clean");
    let models = site.root.join("content/models");
    std::fs::write(models.join("empty.md"), "").unwrap();
    std::fs::write(models.join("latin1.md"), b"+++\nname = \"Caf\xe9\"\n+++\n").unwrap();
    std::fs::write(site.root.join("site.toml"), "max_file_bytes = 4000\n").unwrap();
    std::fs::write(models.join("huge.md"), "x".repeat(5000)).unwrap();
    let outside = site.root.join("outside.md");
    std::fs::copy(site.root.join("content/models/open-base.md"), &outside).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(&outside, models.join("escape.md")).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(site.root.join("missing.md"), models.join("broken.md")).unwrap();
    site
}

#[test]
fn bad_files_empty_not_utf8_too_large_and_symlink_escape() {
    let out = bad_files_site().run(&["check"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    insta::assert_snapshot!("bad-files-human", out.stderr);
}

#[test]
fn every_diagnostic_code_is_emitted_by_some_fixture() {
    let mut sites: Vec<Site> = std::fs::read_dir(fixtures())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .map(|case| Site::case(&case))
        .collect();
    sites.push(bad_files_site());
    let fresh = Site::case("clean");
    assert_eq!(fresh.run(&["new", "fresh-file", "--kind", "base"]).code, 0);
    sites.push(fresh);
    let mut seen = std::collections::BTreeSet::new();
    for site in &sites {
        let out = site.run(&["check", "--format", "json"]);
        let v: serde_json::Value = serde_json::from_str(&out.stdout).expect("JSON diagnostics");
        for d in v.as_array().unwrap() {
            seen.insert(d["code"].as_str().unwrap().to_string());
        }
    }
    let never: Vec<&str> = openindex::diag::Code::ALL
        .iter()
        .map(|c| c.as_str())
        .filter(|c| !seen.contains(*c))
        .collect();
    assert!(never.is_empty(), "codes no fixture emits: {never:?}");
}

#[test]
fn stale_review_is_a_warning_that_deny_warnings_turns_into_failure() {
    let site = Site::case("stale-review");
    let out = site.run(&["check"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains("warning[review-overdue]"),
        "{}",
        out.stderr
    );
    let out = site.run(&["check", "--deny-warnings"]);
    assert_eq!(out.code, 1);
}

#[test]
fn releases_that_judge_a_shared_repository_differently_are_warned_about() {
    let site = Site::case("inconsistent-status");
    let out = site.run(&["check"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    insta::assert_snapshot!("inconsistent-status-human", out.stderr);
    assert_eq!(site.run(&["check", "--deny-warnings"]).code, 1);
}

#[test]
fn json_and_github_formats() {
    let site = Site::case("bad-references");
    let out = site.run(&["check", "--format", "json"]);
    assert_eq!(out.code, 1);
    let v: serde_json::Value =
        serde_json::from_str(&out.stdout).expect("check --format json prints JSON");
    let first = &v[0];
    for key in [
        "severity",
        "code",
        "file",
        "line",
        "column",
        "end_line",
        "end_column",
        "message",
        "help",
    ] {
        assert!(first.get(key).is_some(), "missing {key} in {first}");
    }
    insta::assert_snapshot!("bad-references-json", out.stdout);
    let out = site.run(&["check", "--format", "github"]);
    assert_eq!(out.code, 1);
    insta::assert_snapshot!("bad-references-github", out.stdout);
}

#[test]
fn missing_content_dir_is_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let out = run_in(dir.path(), &["check"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("no content/ directory"),
        "{}",
        out.stderr
    );
}

#[test]
fn usage_errors_are_exit_2() {
    let site = Site::case("clean");
    assert_eq!(site.run(&["check", "--format", "yaml"]).code, 2);
    assert_eq!(site.run(&["new", "x"]).code, 2);
}

#[test]
fn new_refuses_to_overwrite_and_passes_once_filled() {
    let site = Site::case("clean");
    let out = site.run(&["new", "fresh-model", "--kind", "fine-tune"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let again = site.run(&["new", "fresh-model", "--kind", "fine-tune"]);
    assert_eq!(again.code, 2);
    assert!(again.stderr.contains("already exists"));
    // Unfilled, it fails with missing keys.
    let out = site.run(&["check"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("missing required key `name`"),
        "{}",
        out.stderr
    );
    // Fill the required lines the way a contributor would.
    let path = site.root.join("content/models/fresh-model.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let filled = text
        .replace("# name = \"OLMo 2 32B\"", "name = \"Fresh Model\"")
        .replace("# organization = \"ai2\"", "organization = \"acme\"")
        .replace("# release_date = 2025-03-13", "release_date = 2025-03-13")
        .replace("# base_models = [\"\"]", "base_models = [\"open-base\"]")
        .replace("# availability = ", "availability = \"open-download\" # ")
        .replace("# weights = \"\"", "weights = \"apache-2.0\"")
        .replace("# [[sources]]\n# id = \"\"", "[[sources]]\nid = \"card\"")
        .replace("# url = \"\"", "url = \"https://hub.example.org/fresh\"")
        .replace("# kind = \"\"", "kind = \"model-card\"")
        .replace("# title = \"\"", "title = \"Fresh model card\"")
        .replace("# accessed = ", "accessed = ");
    std::fs::write(&path, &filled).unwrap();
    let out = site.run(&["check"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    // The placeholder narrative is a warning until it is replaced.
    assert!(
        out.stderr.contains("warning[narrative-placeholder]"),
        "{}",
        out.stderr
    );
    let (front, _) = filled.rsplit_once("+++").unwrap();
    std::fs::write(
        &path,
        format!("{front}+++\nA fresh model, described in my own words.\n"),
    )
    .unwrap();
    let out = site.run(&["check", "--deny-warnings"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
}

#[test]
fn explain_prints_the_four_answers() {
    let site = Site::case("clean");
    let out = site.run(&["explain", "capped-chat"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    insta::assert_snapshot!("explain-capped-chat", out.stdout);
    let out = site.run(&["explain", "caped-chat"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("did you mean `capped-chat`"));
}

#[test]
fn the_step_profile_names_every_step_and_leaves_the_output_alone() {
    let site = Site::case("clean");
    let (plain_dir, profiled_dir) = (site.root.join("plain"), site.root.join("profiled"));
    let plain = site.run(&["build", "--out", plain_dir.to_str().unwrap()]);
    assert_eq!(plain.code, 0, "{}", plain.stderr);
    assert!(!plain.stderr.contains("profile:"), "{}", plain.stderr);
    let profiled = run_env(
        &site.root,
        &["build", "--out", profiled_dir.to_str().unwrap()],
        &[("OPENINDEX_PROFILE", "1")],
    );
    assert_eq!(profiled.code, 0, "{}", profiled.stderr);
    for step in [
        "load and check",
        "assess and link",
        "release pages",
        "index pages",
        "compare page",
        "report page",
        "data/index.json",
        "manifest and swap",
    ] {
        let line = profiled
            .stderr
            .lines()
            .find(|l| l.starts_with("profile:") && l.contains(step));
        let line = line.unwrap_or_else(|| panic!("no line for {step}:\n{}", profiled.stderr));
        if cfg!(target_os = "linux") {
            assert!(line.contains(" MiB  peak "), "{line}");
        }
    }
    let strip = |mut t: std::collections::BTreeMap<String, Vec<u8>>| {
        t.remove(".openindex-manifest");
        t
    };
    assert!(
        strip(tree(&plain_dir)) == strip(tree(&profiled_dir)),
        "the profile changed the output"
    );
}
