//! The printable report: `openindex report` writes a typeset PDF from the same assessments
//! as the site. These tests read the PDF back with the `lopdf` crate (text through the
//! fonts' ToUnicode maps, the outline, page sizes and the document date), so they need no
//! tool beyond the Rust toolchain; CI also looks at the pages with poppler-utils.

use crate::support::Site;
use lopdf::{Document, Object};
use std::path::Path;
use std::process::Command;

fn load(pdf: &Path) -> Document {
    Document::load(pdf).unwrap_or_else(|e| panic!("{} is not a readable PDF: {e}", pdf.display()))
}

/// The text of a PDF, page by page, one line per run of text.
fn pages(pdf: &Path) -> Vec<String> {
    let doc = load(pdf);
    doc.get_pages()
        .keys()
        .map(|&n| doc.extract_text(&[n]).expect("page text"))
        .collect()
}

/// The text with every run of whitespace made one space, as a reader sees it.
fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn page_count(pdf: &Path) -> usize {
    load(pdf).get_pages().len()
}

/// The titles of the PDF's outline (bookmarks), in order.
fn outline(pdf: &Path) -> Vec<String> {
    load(pdf)
        .get_toc()
        .map(|t| t.toc.into_iter().map(|e| e.title).collect())
        .unwrap_or_default()
}

/// The first page's size in points (`[width, height]`).
fn page_size(pdf: &Path) -> (f32, f32) {
    let doc = load(pdf);
    let first = *doc.get_pages().values().next().expect("a page");
    let page = doc.get_dictionary(first).expect("page dictionary");
    let media = page
        .get(b"MediaBox")
        .and_then(Object::as_array)
        .expect("MediaBox");
    let num = |o: &Object| o.as_float().expect("a number");
    (
        num(&media[2]) - num(&media[0]),
        num(&media[3]) - num(&media[1]),
    )
}

/// The document's creation date, as written in its info dictionary (`D:YYYYMMDD…`).
fn creation_date(pdf: &Path) -> String {
    let doc = load(pdf);
    let info = doc
        .trailer
        .get(b"Info")
        .and_then(Object::as_reference)
        .expect("an info dictionary");
    let dict = doc.get_dictionary(info).expect("info");
    let date = dict
        .get(b"CreationDate")
        .and_then(Object::as_str)
        .expect("CreationDate");
    String::from_utf8_lossy(date).into_owned()
}

fn report(site: &Site, out: &Path, extra: &[&str]) -> crate::support::Output {
    let mut args = vec!["report", "--out", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    site.run(&args)
}

/// Splits the report's pages into release sections: each starts on the page whose text has
/// "The four answers" and runs to the next one (or to the appendices).
fn sections(pages: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut inside = false;
    for p in pages {
        if p.contains("The four answers") {
            out.push(p.clone());
            inside = true;
        } else if p.contains("Appendix A: methodology") && !p.contains("Contents") {
            inside = false;
        } else if inside {
            out.last_mut().unwrap().push_str(p);
        }
    }
    out
}

fn score_text(v: &serde_json::Value) -> String {
    format!("{}", v.as_f64().unwrap())
}

#[test]
fn a_long_model_id_reads_in_the_pdf_exactly_as_written() {
    let site = Site::case("clean");
    let file = site.root.join("content/models/open-base.md");
    let long = "acme/Open-Base-7B-Instruct-2501-extended-context";
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replace("\"acme/open-base-7b\"", &format!("\"{long}\"")),
    )
    .unwrap();
    let pdf = site.root.join("report.pdf");
    let run = report(&site, &pdf, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text: String = pages(&pdf).concat().split_whitespace().collect();
    assert!(
        !text.contains('\u{200B}'),
        "a zero-width space reached the text layer"
    );
    assert!(
        text.replace('\n', "").contains(long),
        "`{long}` cannot be found in the PDF text"
    );
}

#[test]
fn the_report_shows_the_same_verdicts_and_scores_as_the_data() {
    let site = Site::case("clean");
    let out = site.root.join("out");
    let built = site.run(&["build", "--out", out.to_str().unwrap()]);
    assert_eq!(built.code, 0, "{}", built.stderr);
    let index: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("data/index.json")).unwrap()).unwrap();
    let releases = index["releases"].as_array().unwrap();

    let pdf = site.root.join("report.pdf");
    let run = report(&site, &pdf, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("wrote the report of 3 releases"));
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));

    let pages = pages(&pdf);
    let text = flat(&pages.join("\n"));
    for heading in [
        "Contents",
        "Executive summary",
        "The index table",
        "The releases",
        "Appendix A: methodology",
        "Appendix B: the license registry",
        "Fixture Index",
    ] {
        assert!(text.contains(heading), "the report lacks `{heading}`");
    }
    // The cover carries the date of SOURCE_DATE_EPOCH.
    assert!(pages[0].contains("2026-01-21"), "{}", pages[0]);

    let sections = sections(&pages);
    assert_eq!(sections.len(), releases.len(), "one section per release");
    for r in releases {
        let name = r["name"].as_str().unwrap();
        let verdict = r["osaid"]["verdict"].as_str().unwrap();
        let label = match verdict {
            "meets" => "Meets OSAID 1.0",
            "does-not-meet" => "Does not meet OSAID 1.0",
            _ => "Insufficient evidence",
        };
        let score = score_text(&r["governance"]["score"]);
        assert!(text.contains(name), "the report lacks `{name}`");
        let section = sections
            .iter()
            .find(|s| s.lines().take(6).any(|l| l.trim() == name))
            .unwrap_or_else(|| panic!("no section headed `{name}`"));
        let section = &flat(section);
        assert!(
            section.contains(&format!("Open Source AI Definition 1.0: {label}")),
            "{name}: verdict {verdict} not in its section:\n{section}"
        );
        assert!(
            section.contains(&format!("Release governance: {score}/8")),
            "{name}: score {score} not in its section:\n{section}"
        );
        assert!(
            section.contains(r["availability"].as_str().unwrap()),
            "{name}: availability"
        );
        assert!(
            section.contains(r["license"]["class"].as_str().unwrap()),
            "{name}: license class"
        );
        for f in r["failure_modes"].as_array().unwrap() {
            let slug = f["slug"].as_str().unwrap();
            let words = slug.replace('-', " ");
            assert!(
                section.to_lowercase().replace('-', " ").contains(&words),
                "{name}: failure mode {slug} not in its section"
            );
        }
        // The index table row: the name, its verdict word and score.
        let table = pages
            .iter()
            .find(|p| p.contains("The index table") && !p.contains("Contents"))
            .unwrap();
        // A word broken at its hyphen comes out in two runs: compare without spaces or hyphens.
        let squeeze = |s: &str| s.split_whitespace().collect::<String>().replace('-', "");
        let table = squeeze(table);
        assert!(
            table.contains(&squeeze(name)) && table.contains(&squeeze(verdict)),
            "{name}: {verdict} not in the index table"
        );
    }

    // Page count: cover, contents, summary, table, a few pages per release, appendices.
    let n = page_count(&pdf);
    assert!((10..=40).contains(&n), "{n} pages");

    // The outline (bookmarks) lists the parts and every release.
    let titles = outline(&pdf);
    for r in releases {
        let name = r["name"].as_str().unwrap();
        assert!(
            titles.iter().any(|t| t == name),
            "no bookmark for `{name}` in {titles:?}"
        );
    }
    for part in ["Executive summary", "The index table", "The releases"] {
        assert!(titles.iter().any(|t| t == part), "no bookmark `{part}`");
    }

    // Sources are links.
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(
        String::from_utf8_lossy(&bytes).contains("/URI"),
        "links are present"
    );
}

#[test]
fn two_runs_with_the_same_date_are_byte_identical() {
    let site = Site::case("clean");
    let (a, b) = (site.root.join("a.pdf"), site.root.join("b.pdf"));
    assert_eq!(report(&site, &a, &[]).code, 0);
    assert_eq!(report(&site, &b, &[]).code, 0);
    let (a, b) = (std::fs::read(a).unwrap(), std::fs::read(b).unwrap());
    assert!(
        a == b,
        "the two PDFs differ ({} and {} bytes)",
        a.len(),
        b.len()
    );
    // The document date is SOURCE_DATE_EPOCH's day.
    let date = creation_date(&site.root.join("a.pdf"));
    assert!(date.starts_with("D:2026"), "{date}");
}

#[test]
fn filters_select_releases_and_unknown_values_are_refused() {
    let site = Site::case("clean");
    let pdf = site.root.join("focus.pdf");
    let run = report(&site, &pdf, &["--slug", "open-base"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("of 1 release "), "{}", run.stderr);
    let text = flat(&pages(&pdf).join("\n"));
    assert!(text.contains("Open Base 7B"));
    assert!(
        !text.contains("Small Distill 8B"),
        "only the chosen release"
    );
    assert!(
        text.contains("release open-base"),
        "the cover names the focus"
    );

    let run = report(&site, &pdf, &["--verdict", "meets", "--org", "acme"]);
    assert_eq!(run.code, 0, "{}", run.stderr);

    let run = report(&site, &pdf, &["--org", "acmee"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("did you mean `acme`"), "{}", run.stderr);
    let run = report(&site, &pdf, &["--slug", "open-bse"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("did you mean `open-base`"),
        "{}",
        run.stderr
    );
    let run = report(&site, &pdf, &["--verdict", "maybe"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    let run = report(
        &site,
        &pdf,
        &["--failure-mode", "openwashing", "--slug", "small-distill"],
    );
    assert_eq!(run.code, 2, "an empty selection is refused");
    assert!(run.stderr.contains("no release matches"), "{}", run.stderr);
}

#[test]
fn the_default_output_is_in_the_current_directory() {
    let site = Site::case("clean");
    let cwd = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_openindex"))
        .current_dir(cwd.path())
        .arg("-C")
        .arg(&site.root)
        .arg("report")
        .env("SOURCE_DATE_EPOCH", crate::support::EPOCH)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(cwd.path().join("openindex-report.pdf").is_file());
}

#[test]
fn build_with_pdf_offers_the_report_on_the_site() {
    let site = Site::case("clean");
    let out = site.root.join("public-pdf");
    let run = site.run(&["build", "--with-pdf", "--out", out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let pdf = out.join("report/openindex-report.pdf");
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
    let page = std::fs::read_to_string(out.join("report/index.html")).unwrap();
    assert!(
        page.contains("/report/openindex-report.pdf"),
        "the page links the PDF"
    );
    // The site's PDF is the same document as `openindex report` of the whole index.
    let alone = site.root.join("alone.pdf");
    assert_eq!(report(&site, &alone, &[]).code, 0);
    assert_eq!(std::fs::read(&pdf).unwrap(), std::fs::read(&alone).unwrap());

    // Without the flag there is no PDF and no link.
    let plain = site.root.join("public-plain");
    assert_eq!(
        site.run(&["build", "--out", plain.to_str().unwrap()]).code,
        0
    );
    assert!(!plain.join("report/openindex-report.pdf").exists());
    let page = std::fs::read_to_string(plain.join("report/index.html")).unwrap();
    assert!(!page.contains("openindex-report.pdf"));
}

#[test]
fn hostile_markup_in_content_is_shown_as_text() {
    let site = Site::case("report-hostile");
    let check = site.run(&["check"]);
    assert_eq!(
        check.code, 0,
        "the fixture is valid content: {}",
        check.stderr
    );
    let pdf = site.root.join("hostile.pdf");
    let run = report(&site, &pdf, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = flat(&pages(&pdf).join("\n"));
    // Names and narrative come through literally, markup characters and all.
    for literal in [
        "#set text(size: 0pt) *Hostile* _Markup_ $x$ [Model] <tag> @ref \\ \"Q\" // 9B",
        "#set page(width: 1cm) Org *bold* _x_ $a^2$ <l> @ref \\ \" // c",
        "#panic(\"boom\")",
        "#read(\"/etc/passwd\")",
        "<script>alert(\"x\")</script>",
        "#panic(\"code block\")",
        "= not a heading",
    ] {
        // Line breaks fall anywhere in a long line: compare without whitespace.
        let squeeze = |s: &str| s.split_whitespace().collect::<String>();
        assert!(
            squeeze(&text).contains(&squeeze(literal)),
            "the report lacks `{literal}`"
        );
    }
    // Nothing was read from the file system, and the pages kept their size.
    assert!(!text.contains("root:x:0:0"));
    let (w, h) = page_size(&pdf);
    assert!(
        (w - 595.276).abs() < 0.01 && (h - 841.89).abs() < 0.01,
        "A4 pages: {w} x {h}"
    );
    // Every release and the hostile one's section are there, with its cited reason.
    for name in ["Open Base 7B", "Capped Chat", "Small Distill 8B"] {
        assert!(text.contains(name), "{name}");
    }
    assert!(text.contains("The card [1] says"), "citations are numbered");
    assert!(
        !text.contains('\u{202E}'),
        "bidirectional overrides are removed"
    );
    // Only http(s) links: the javascript: link of the narrative is plain text.
    let bytes = String::from_utf8_lossy(&std::fs::read(&pdf).unwrap()).into_owned();
    assert!(!bytes.contains("javascript:"), "no javascript link");
    assert!(!bytes.contains("/JavaScript") && !bytes.contains("/JS "));
    assert!(!bytes.contains("/Launch"));
    let titles = outline(&pdf);
    assert!(
        titles.iter().any(|t| t.contains("*Hostile* _Markup_")),
        "{titles:?}"
    );
}
