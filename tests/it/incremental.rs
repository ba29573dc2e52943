//! Incremental builds: a build into an output directory that holds a previous build takes
//! the files of unchanged releases from there, and the result is byte for byte the result of
//! a clean build — after an edit of each kind of input file.

use crate::support::*;
use std::path::Path;

fn build(site: &Site, out: &Path, clean: bool) -> Output {
    let mut args = vec!["build", "--out", out.to_str().unwrap()];
    if clean {
        args.push("--clean");
    }
    let res = site.run(&args);
    assert_eq!(res.code, 0, "{}", res.stderr);
    res
}

/// How many files the build said it kept from the previous one.
fn kept(res: &Output) -> usize {
    res.stderr
        .split("; ")
        .nth(1)
        .and_then(|s| s.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

fn append(path: &Path, text: &str) {
    let mut s = std::fs::read_to_string(path).unwrap();
    s.push_str(text);
    std::fs::write(path, s).unwrap();
}

fn replace(path: &Path, from: &str, to: &str) {
    let s = std::fs::read_to_string(path).unwrap();
    assert!(s.contains(from), "{} lacks {from:?}", path.display());
    std::fs::write(path, s.replacen(from, to, 1)).unwrap();
}

#[test]
fn an_incremental_build_equals_a_clean_build_after_every_kind_of_edit() {
    let site = Site::case("clean");
    let out = site.root.join("public");
    let fresh = site.root.join("fresh");
    let content = site.root.join("content");
    let first = build(&site, &out, false);
    assert_eq!(
        kept(&first),
        0,
        "nothing to keep on a first build: {}",
        first.stderr
    );

    // Nothing changed: every release file (page, JSON, badge of three releases), every
    // other page (18) and `data/index.json` are kept; only the CSV, the schema, the search
    // index, the feed, the sitemap and the assets are written.
    let again = build(&site, &out, false);
    assert_eq!(kept(&again), 9 + 18 + 1, "{}", again.stderr);
    assert_eq!(tree(&out), {
        build(&site, &fresh, true);
        tree(&fresh)
    });

    // (edit, how many files an incremental build should keep after it: release files +
    // other pages + the data export)
    type Edit = Box<dyn Fn(&Path)>;
    let edits: Vec<(&str, Edit, usize)> = vec![
        (
            // A release with no derivatives: only its own three files are rendered.
            "a release's narrative",
            Box::new(|c: &Path| {
                append(&c.join("models/small-distill.md"), "\nOne more sentence.\n")
            }),
            // The report page shows every narrative; the data export has none.
            6 + 17 + 1,
        ),
        (
            // Its name shows on its derivative's page (lineage) too.
            "a base release's name",
            Box::new(|c: &Path| {
                replace(
                    &c.join("models/capped-chat.md"),
                    "name = \"",
                    "name = \"New ",
                )
            }),
            3 + 10,
        ),
        (
            "a license",
            Box::new(|c: &Path| {
                append(&c.join("licenses/apache-2.0.toml"), "\n# a comment only\n")
            }),
            9 + 18 + 1,
        ),
        (
            "an organization's name",
            Box::new(|c: &Path| {
                replace(
                    &c.join("orgs/acme.toml"),
                    "name = \"Acme Research\"",
                    "name = \"Acme Labs\"",
                )
            }),
            12, // pages only: every release page shows the organization
        ),
        (
            "site.toml",
            Box::new(|c: &Path| {
                let site = c.parent().unwrap().join("site.toml");
                replace(&site, "title = \"", "title = \"The ")
            }),
            // Only the data export does not show the site's title.
            1,
        ),
        (
            // A derivative removed: its files go, its base's page no longer lists it.
            "the removal of a release",
            Box::new(|c: &Path| std::fs::remove_file(c.join("models/small-distill.md")).unwrap()),
            3 + 7,
        ),
        (
            // A site's own copy of a built-in template, changed.
            "a template",
            Box::new(|c: &Path| {
                let dir = c.parent().unwrap().join("templates");
                std::fs::create_dir_all(&dir).unwrap();
                let builtin = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/release.html");
                let text = std::fs::read_to_string(builtin).unwrap();
                std::fs::write(dir.join("release.html"), text + "<p>Edited.</p>\n").unwrap();
            }),
            0,
        ),
        (
            "an asset",
            Box::new(|c: &Path| {
                let dir = c.parent().unwrap().join("assets");
                std::fs::create_dir_all(&dir).unwrap();
                std::fs::write(dir.join("extra.css"), "p { margin: 0 }\n").unwrap();
            }),
            0,
        ),
    ];
    let mut kept_after = Vec::new();
    for (what, edit, expect_kept) in edits {
        edit(&content);
        let inc = build(&site, &out, false);
        build(&site, &fresh, true);
        let (a, b) = (tree(&out), tree(&fresh));
        let differ: Vec<&String> = a
            .keys()
            .chain(b.keys())
            .filter(|k| a.get(*k) != b.get(*k))
            .collect();
        assert!(
            differ.is_empty(),
            "after an edit of {what}: {differ:?} differ"
        );
        kept_after.push((what, kept(&inc), expect_kept));
    }
    let (got, want): (Vec<_>, Vec<_>) = kept_after
        .iter()
        .map(|&(what, got, want)| ((what, got), (what, want)))
        .unzip();
    assert_eq!(got, want, "files kept after each edit");

    // `--clean` keeps nothing, and gives the same files.
    let clean = build(&site, &out, true);
    assert_eq!(kept(&clean), 0, "{}", clean.stderr);
    assert_eq!(tree(&out), tree(&fresh));
}

#[test]
fn a_lost_file_in_the_previous_output_is_rendered_again() {
    let site = Site::case("clean");
    let out = site.root.join("public");
    build(&site, &out, false);
    let want = tree(&out);
    std::fs::remove_file(out.join("badges/open-base.svg")).unwrap();
    let res = build(&site, &out, false);
    assert_eq!(kept(&res), 6 + 18 + 1, "{}", res.stderr);
    assert_eq!(tree(&out), want);
}

#[test]
fn a_damaged_manifest_means_a_full_build() {
    let site = Site::case("clean");
    let out = site.root.join("public");
    build(&site, &out, false);
    let want = tree(&out);
    std::fs::write(out.join(".openindex-manifest"), "not a manifest\n").unwrap();
    let res = build(&site, &out, false);
    assert_eq!(kept(&res), 0, "{}", res.stderr);
    assert_eq!(tree(&out), want);
}

#[test]
fn the_replaced_output_is_kept_as_the_spare_and_nothing_else_is_left() {
    let site = Site::case("clean");
    let out = site.root.join("public");
    let beside = |root: &Path| -> Vec<String> {
        let start = std::time::Instant::now();
        loop {
            let mut names: Vec<String> = std::fs::read_dir(root)
                .unwrap()
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.starts_with(".public."))
                .collect();
            names.sort();
            // Directories moved aside are removed in the background: wait for that.
            if names.iter().all(|n| n == ".public.spare")
                || start.elapsed() > std::time::Duration::from_secs(20)
            {
                return names;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    };
    build(&site, &out, false);
    assert_eq!(beside(&site.root), Vec::<String>::new());
    for clean in [false, false, true, false] {
        build(&site, &out, clean);
        assert_eq!(
            beside(&site.root),
            vec![".public.spare".to_string()],
            "clean: {clean}"
        );
    }
    // The hidden command refuses anything that is not an output moved aside.
    for dir in [
        out.clone(),
        site.root.join(".public.spare"),
        site.root.join("content"),
    ] {
        let res = site.run(&["remove-old-output", dir.to_str().unwrap()]);
        assert_eq!(res.code, 2, "{}", res.stderr);
        assert!(dir.exists());
    }
    // It removes an output moved aside, named as a build names it.
    let moved = site.root.join(".public.old-4-123");
    copy_dir(&out, &moved);
    let res = site.run(&["remove-old-output", moved.to_str().unwrap()]);
    assert_eq!(res.code, 0, "{}", res.stderr);
    assert!(!moved.exists());
}

#[test]
fn a_clean_build_succeeds_while_the_spare_it_dropped_is_still_being_removed() {
    // A clean build moves the spare aside for removal in the background, then moves aside
    // the output it replaces. Both once had the same name, so the build failed with
    // "cannot move aside … Directory not empty" whenever the removal was still under way
    // (about one clean build in five on a small site). A large spare keeps the removal
    // under way for the whole build.
    let site = Site::case("clean");
    let out = site.root.join("public");
    build(&site, &out, false);
    build(&site, &out, false);
    let spare = site.root.join(".public.spare");
    assert!(spare.join(".openindex-build").is_file());
    for d in 0..100 {
        let dir = spare.join(format!("bulk/{d}"));
        std::fs::create_dir_all(&dir).unwrap();
        for f in 0..200 {
            std::fs::write(dir.join(f.to_string()), "x").unwrap();
        }
    }
    for _ in 0..3 {
        build(&site, &out, true);
    }
}
