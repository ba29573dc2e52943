//! Integration tests of `openindex build`: every page kind, links and anchors, the data
//! contract, determinism, and atomic output.

use crate::support::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Values of an attribute in (possibly minified) HTML: quoted or unquoted.
pub fn attr_values(html: &str, attr: &str) -> Vec<String> {
    let mut out = Vec::new();
    let needle = format!(" {attr}=");
    let mut rest = html;
    while let Some(i) = rest.find(&needle) {
        rest = &rest[i + needle.len()..];
        let value = match rest.chars().next() {
            Some(q @ ('"' | '\'')) => rest[1..].split(q).next().unwrap_or(""),
            _ => rest.split([' ', '>']).next().unwrap_or(""),
        };
        out.push(value.replace("&amp;", "&"));
    }
    out
}

fn build(site: &Site, out: &Path) -> Output {
    site.run(&["build", "--out", out.to_str().unwrap()])
}

#[test]
fn every_page_kind_exists_and_every_internal_link_resolves() {
    let site = Site::case("clean");
    let out = site.root.join("public");
    let res = build(&site, &out);
    assert_eq!(res.code, 0, "{}", res.stderr);
    let files = tree(&out);
    for page in [
        "index.html",
        "models/open-base/index.html",
        "models/open-base.json",
        "badges/open-base.svg",
        "licenses/index.html",
        "licenses/apache-2.0/index.html",
        "orgs/index.html",
        "orgs/acme/index.html",
        "failure-modes/index.html",
        "failure-modes/openwashing/index.html",
        "lineage/index.html",
        "compare/index.html",
        "methodology/index.html",
        "data/index.json",
        "data/index.schema.json",
        "data/index.csv",
        "feed.xml",
        "sitemap.xml",
        "404.html",
        "search.json",
        "assets/style.css",
        "assets/app.js",
    ] {
        assert!(files.contains_key(page), "missing {page}");
    }
    let ids: BTreeMap<&str, BTreeSet<String>> = files
        .iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(p, b)| {
            (
                p.as_str(),
                attr_values(&String::from_utf8_lossy(b), "id")
                    .into_iter()
                    .collect(),
            )
        })
        .collect();
    let mut checked = 0;
    for (page, bytes) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8_lossy(bytes);
        for link in attr_values(&html, "href")
            .into_iter()
            .chain(attr_values(&html, "src"))
        {
            if link.starts_with("http://")
                || link.starts_with("https://")
                || link.starts_with("mailto:")
            {
                continue;
            }
            let (path, anchor) = match link.split_once('#') {
                Some((p, a)) => (p.to_string(), Some(a.to_string())),
                None => (link.clone(), None),
            };
            // A query (the comparison's `?r=…`) is read by the page's script, not the server.
            let path = path
                .split_once('?')
                .map_or(path.clone(), |(p, _)| p.to_string());
            let target = if path.is_empty() {
                page.to_string()
            } else {
                assert!(path.starts_with('/'), "{page}: relative link {link}");
                let p = path.trim_start_matches('/');
                if p.is_empty() || p.ends_with('/') {
                    format!("{p}index.html")
                } else {
                    p.to_string()
                }
            };
            assert!(
                files.contains_key(&target),
                "{page}: broken link {link} (no {target})"
            );
            if let Some(a) = anchor.filter(|a| !a.is_empty()) {
                assert!(
                    ids.get(target.as_str()).is_some_and(|s| s.contains(&a)),
                    "{page}: broken anchor {link}"
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} links checked");
}

#[test]
fn index_json_matches_the_assessments_and_its_schema() {
    let site = Site::case("clean");
    let out = site.root.join("public");
    assert_eq!(build(&site, &out).code, 0);
    let data: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("data/index.json")).unwrap()).unwrap();
    let schema: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("data/index.schema.json")).unwrap())
            .unwrap();
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&data)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let releases = data["releases"].as_array().unwrap();
    assert_eq!(releases.len(), 3);
    // The same verdicts `explain` prints.
    let by_slug: BTreeMap<&str, &serde_json::Value> = releases
        .iter()
        .map(|r| (r["slug"].as_str().unwrap(), r))
        .collect();
    assert_eq!(by_slug["open-base"]["osaid"]["verdict"], "meets");
    assert_eq!(by_slug["capped-chat"]["osaid"]["verdict"], "does-not-meet");
    assert_eq!(by_slug["capped-chat"]["license"]["class"], "custom-capped");
    assert_eq!(by_slug["capped-chat"]["governance"]["score"], 4.5);
    assert_eq!(
        by_slug["small-distill"]["osaid"]["verdict"],
        "insufficient-evidence"
    );
    let modes: Vec<&str> = by_slug["small-distill"]["failure_modes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["slug"].as_str().unwrap())
        .collect();
    assert_eq!(modes, ["lineage-decay", "artifact-ambiguity"]);
    let explain = site.run(&["explain", "capped-chat"]);
    assert!(explain.stdout.contains("Release governance: 4.5/8"));
}

#[test]
fn builds_are_byte_identical_across_runs_and_thread_counts() {
    let site = Site::case("clean");
    let (a, b) = (site.root.join("out-a"), site.root.join("out-b"));
    assert_eq!(build(&site, &a).code, 0);
    let res = run_env(
        &site.root,
        &["build", "--out", b.to_str().unwrap()],
        &[("RAYON_NUM_THREADS", "1")],
    );
    assert_eq!(res.code, 0, "{}", res.stderr);
    let (ta, tb) = (tree(&a), tree(&b));
    assert_eq!(ta.keys().collect::<Vec<_>>(), tb.keys().collect::<Vec<_>>());
    for (k, v) in &ta {
        assert!(v == &tb[k], "{k} differs between builds");
    }
}

#[test]
fn a_failing_build_leaves_the_previous_output_untouched() {
    let site = Site::case("clean");
    let out = site.root.join("public");
    assert_eq!(build(&site, &out).code, 0);
    let before = tree(&out);
    std::fs::write(
        site.root.join("content/models/broken.md"),
        "+++\nname = \"Broken\"\n+++\n",
    )
    .unwrap();
    let res = build(&site, &out);
    assert_eq!(res.code, 1);
    assert!(
        res.stderr.contains("missing required key"),
        "{}",
        res.stderr
    );
    assert!(res.stderr.contains("previous output is untouched"));
    assert_eq!(tree(&out), before);
    // No staging directory is left behind.
    let leftovers: Vec<PathBuf> = std::fs::read_dir(&site.root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains("staging"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn refuses_to_replace_a_directory_it_did_not_write() {
    let site = Site::case("clean");
    let out = site.root.join("precious");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("thesis.txt"), "do not delete").unwrap();
    let res = build(&site, &out);
    assert_eq!(res.code, 2);
    assert!(
        res.stderr.contains("refusing to replace it"),
        "{}",
        res.stderr
    );
    assert_eq!(
        std::fs::read_to_string(out.join("thesis.txt")).unwrap(),
        "do not delete"
    );
}

#[cfg(unix)]
#[test]
fn an_unwritable_output_location_fails_cleanly() {
    use std::os::unix::fs::PermissionsExt;
    let site = Site::case("clean");
    let parent = site.root.join("locked");
    let out = parent.join("public");
    std::fs::create_dir_all(&parent).unwrap();
    assert_eq!(build(&site, &out).code, 0);
    let before = tree(&out);
    std::fs::set_permissions(&parent, std::fs::Permissions::from_mode(0o555)).unwrap();
    // Root may write anywhere, so as root the second build runs as the unprivileged user
    // `nobody` (through util-linux's setpriv), for whom the locked directory is read-only.
    let res = if is_root() {
        for dir in site.root.ancestors().take(2) {
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        for entry in walkdir::WalkDir::new(&site.root) {
            let entry = entry.unwrap();
            let mode = if entry.file_type().is_dir() {
                0o755
            } else {
                0o644
            };
            if entry.path() != parent {
                std::fs::set_permissions(entry.path(), std::fs::Permissions::from_mode(mode))
                    .unwrap();
            }
        }
        let run = std::process::Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
            .arg(env!("CARGO_BIN_EXE_openindex"))
            .arg("-C")
            .arg(&site.root)
            .args(["build", "--out", out.to_str().unwrap()])
            .env("SOURCE_DATE_EPOCH", crate::support::EPOCH)
            .env("NO_COLOR", "1")
            .output()
            .expect("setpriv (util-linux) runs the build as nobody");
        Output {
            code: run.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&run.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&run.stderr).into_owned(),
        }
    } else {
        build(&site, &out)
    };
    std::fs::set_permissions(&parent, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(
        res.code, 2,
        "the build into a read-only directory must fail: {}",
        res.stderr
    );
    assert!(
        res.stderr.contains("previous output is untouched"),
        "{}",
        res.stderr
    );
    assert_eq!(tree(&out), before);
}

/// Whether the tests run as root (uid 0), for whom file permissions do not apply.
fn is_root() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("Uid:"))
                .and_then(|l| l.split_whitespace().next().map(|u| u == "0"))
        })
        .unwrap_or(false)
}

#[test]
#[cfg(unix)]
fn a_full_output_location_fails_cleanly() {
    // A file-size limit makes every large write fail with EFBIG, as a full disk fails with
    // ENOSPC, and it binds root too (SIGXFSZ is ignored so that the tool sees the error).
    let site = Site::case("clean");
    let out = site.root.join("public");
    assert_eq!(build(&site, &out).code, 0);
    let before = tree(&out);
    let res = std::process::Command::new("sh")
        .arg("-c")
        .arg("trap '' XFSZ; ulimit -f 2; exec \"$0\" -C \"$1\" build --out \"$2\"")
        .arg(env!("CARGO_BIN_EXE_openindex"))
        .arg(&site.root)
        .arg(&out)
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&res.stderr);
    assert_eq!(res.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("previous output is untouched"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(tree(&out), before);
    let leftovers: Vec<_> = std::fs::read_dir(&site.root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public") || n.contains("staging"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn an_interrupted_build_never_leaves_a_half_written_site() {
    let site = Site::case("clean");
    let out = site.root.join("public");
    assert_eq!(build(&site, &out).code, 0);
    let mut before = tree(&out);
    let template = std::fs::read_to_string(site.root.join("content/models/open-base.md")).unwrap();
    let mut written = 0;
    // Kill the build once it has started writing its staging directory; if it finishes
    // before that can be seen, give it more to do and try again.
    for round in 0..5 {
        let target = 400 << round;
        for i in written..target {
            std::fs::write(
                site.root.join(format!("content/models/bulk-{i}.md")),
                template.replace("Open Base 7B", &format!("Bulk {i}")),
            )
            .unwrap();
        }
        written = target;
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_openindex"))
            .arg("-C")
            .arg(&site.root)
            .args(["build", "--out", out.to_str().unwrap()])
            .env("SOURCE_DATE_EPOCH", EPOCH)
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let staging = out.with_file_name(format!(".public.staging-{}", child.id()));
        let started = loop {
            if std::fs::read_dir(&staging).is_ok_and(|mut d| d.next().is_some()) {
                break true;
            }
            if child.try_wait().unwrap().is_some() {
                break false;
            }
            std::thread::sleep(std::time::Duration::from_millis(1));
        };
        let _ = child.kill();
        let status = child.wait().unwrap();
        if !started || status.code().is_some() {
            // The build finished first: nothing was interrupted. Its output is the new site.
            assert_eq!(status.code(), Some(0));
            before = tree(&out);
            let data: serde_json::Value =
                serde_json::from_slice(&before["data/index.json"]).unwrap();
            assert_eq!(data["releases"].as_array().unwrap().len(), target + 3);
            continue;
        }
        // Killed while writing: the previous site is there, whole, or (killed between the
        // swap and the exit) the new one is, whole.
        let after = tree(&out);
        if after != before {
            let data: serde_json::Value =
                serde_json::from_slice(&after["data/index.json"]).unwrap();
            assert_eq!(data["releases"].as_array().unwrap().len(), target + 3);
            assert!(after.contains_key(".openindex-build"));
        }
        return;
    }
    panic!("every build finished before it could be interrupted");
}

#[test]
fn templates_override_built_ins_add_partials_and_a_misspelt_override_is_reported() {
    let site = Site::case("clean");
    let dir = site.root.join("templates");
    std::fs::create_dir_all(dir.join("partials")).unwrap();
    std::fs::write(
        dir.join("404.html"),
        "{% extends \"base.html\" %}{% block main %}<h1>Lost</h1>{% include \"partials/help.html\" %}{% endblock main %}",
    )
    .unwrap();
    std::fs::write(
        dir.join("partials/help.html"),
        "<p>Ask the maintainers.</p>",
    )
    .unwrap();
    std::fs::write(dir.join("modle.html"), "never used").unwrap();
    let out = site.root.join("public");
    let res = build(&site, &out);
    assert_eq!(res.code, 0, "{}", res.stderr);
    let page = std::fs::read_to_string(out.join("404.html")).unwrap();
    assert!(
        page.contains("<h1>Lost</h1>") && page.contains("Ask the maintainers."),
        "{page}"
    );
    assert!(
        res.stderr.contains("warning: templates/modle.html replaces no built-in template and is not used: did you mean `model.html`?"),
        "{}",
        res.stderr
    );
    assert!(!res.stderr.contains("partials/help.html"), "{}", res.stderr);
}

#[test]
fn site_works_from_a_sub_path() {
    let site = Site::case("clean");
    std::fs::write(
        site.root.join("site.toml"),
        "base_url = \"https://example.org/oi/\"\n",
    )
    .unwrap();
    let out = site.root.join("public");
    assert_eq!(build(&site, &out).code, 0);
    let html = std::fs::read_to_string(out.join("models/open-base/index.html")).unwrap();
    assert!(html.contains("/oi/assets/style.css"), "{html}");
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    assert!(sitemap.contains("<loc>https://example.org/oi/models/open-base/</loc>"));
}

#[test]
fn snapshots_of_every_page_kind() {
    let site = Site::case("clean");
    let out = site.root.join("public");
    let res = site.run(&["build", "--no-minify", "--out", out.to_str().unwrap()]);
    assert_eq!(res.code, 0, "{}", res.stderr);
    // Outside git there is no revision; the date is fixed by SOURCE_DATE_EPOCH.
    for (name, path) in [
        ("index-page", "index.html"),
        ("model-page", "models/capped-chat/index.html"),
        ("license-page", "licenses/capped-community/index.html"),
        ("org-page", "orgs/acme/index.html"),
        (
            "failure-mode-page",
            "failure-modes/lineage-decay/index.html",
        ),
        ("lineage-page", "lineage/index.html"),
        ("compare-page", "compare/index.html"),
    ] {
        insta::assert_snapshot!(name, std::fs::read_to_string(out.join(path)).unwrap());
    }
}

#[test]
fn a_large_lineage_page_shows_the_newest_derivatives_and_points_to_the_data() {
    let site = Site::case("clean");
    let models = site.root.join("content/models");
    let template = std::fs::read_to_string(models.join("small-distill.md")).unwrap();
    // 1,005 more derivatives of the same base, one per day from 2022-01-01 (all older than
    // the fixture's own distill of 2025-07-01).
    for k in 0..1005usize {
        let date = format!(
            "{}-{:02}-{:02}",
            2022 + k / 336,
            1 + (k / 28) % 12,
            1 + k % 28
        );
        let text = template
            .replace("Small Distill 8B", &format!("Bulk Distill {k:04}"))
            .replace(
                "release_date = 2025-07-01",
                &format!("release_date = {date}"),
            )
            .replace("acme/small-distill", &format!("acme/bulk-distill-{k:04}"));
        std::fs::write(models.join(format!("bulk-distill-{k:04}.md")), text).unwrap();
    }
    let out = site.root.join("public");
    let o = build(&site, &out);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let page = std::fs::read_to_string(out.join("lineage/index.html")).unwrap();
    assert!(
        page.contains("Showing the 1000 newest of 1006 derivatives"),
        "no pointer to the rest"
    );
    assert!(page.contains("data/index.json"));
    assert_eq!(
        page.matches("</a> → <a").count(),
        1000,
        "one list entry per shown link"
    );
    assert!(
        page.contains("Small Distill 8B"),
        "the newest derivative is shown"
    );
    assert!(page.contains("Bulk Distill 1004"));
    assert!(
        !page.contains("Bulk Distill 0000"),
        "the oldest is left to the data export"
    );
    // The data export still holds every link.
    let data: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("data/index.json")).unwrap()).unwrap();
    let linked = data["releases"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["base_models"].as_array().is_some_and(|b| !b.is_empty()))
        .count();
    assert_eq!(linked, 1006);
    // The long lists of pages — release tables, the report's releases, the compare page's
    // lists — are minified in pieces and put in after the rest of the page: the result is
    // what minifying the whole unminified page gives.
    let plain = site.root.join("plain");
    let o = site.run(&["build", "--no-minify", "--out", plain.to_str().unwrap()]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    for page in [
        "index.html",
        "page/2/index.html",
        "orgs/acme/index.html",
        "compare/index.html",
        "report/index.html",
    ] {
        let whole = std::fs::read(plain.join(page)).unwrap();
        let pieces = std::fs::read(out.join(page)).unwrap();
        assert!(
            openindex::render::site::minify(&whole) == pieces,
            "{page}: minified in pieces differs from minified whole"
        );
    }
}
