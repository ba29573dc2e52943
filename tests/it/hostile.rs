//! The hostile-content suite: release, license and organization files that try every known
//! way to put script, tracking or spreadsheet formulas into the site
//! (`tests/fixtures/hostile/`). The site is built, and every file it wrote is parsed as what
//! it is — HTML with a real HTML5 parser, SVG and XML as XML, JSON, CSV — and checked for
//! executable script, event handlers, dangerous URLs, remote resources, unguarded formulas and
//! invisible bidirectional controls.

use crate::support::*;

/// URL schemes a link may use.
const SAFE_LINK_SCHEMES: &[&str] = &["http", "https", "mailto"];

/// Attributes that hold a URL the browser follows or loads.
const URL_ATTRS: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "poster",
    "background",
    "data",
    "cite",
    "ping",
    "srcset",
    "longdesc",
    "manifest",
];

/// Attributes whose URL is loaded or sent to without a link click (a remote one would track
/// the reader or take what they type).
const LOAD_ATTRS: &[&str] = &[
    "src",
    "poster",
    "background",
    "data",
    "srcset",
    "manifest",
    "action",
    "formaction",
];

/// Elements that must never appear in the site (its own search and filter forms may: their
/// targets are checked like every URL).
const FORBIDDEN: &[&str] = &[
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "base",
    "marquee",
    "foreignobject",
    "math",
];

/// The scheme of a URL as a browser reads it: control characters and whitespace removed,
/// lower-cased; `None` for a relative URL.
fn scheme(url: &str) -> Option<String> {
    let squeezed: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    let colon = squeezed.find(':')?;
    let head = &squeezed[..colon];
    if head.contains(['/', '?', '#']) {
        return None;
    }
    Some(head.to_string())
}

/// Whether a URL leaves the site (absolute with a host, or protocol-relative).
fn is_remote(url: &str) -> bool {
    let u = url.trim().to_ascii_lowercase();
    u.starts_with("//") || scheme(&u).is_some()
}

fn bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Builds the clean fixture with the hostile files laid over it, plus one narrative line
/// of 200,000 characters.
fn hostile_site() -> (Site, std::path::PathBuf) {
    let site = Site::case("hostile");
    let file = site.root.join("content/models/evil-release.md");
    let mut text = std::fs::read_to_string(&file).unwrap();
    text.push_str("\nA very long line: ");
    text.push_str(&"<b>x</b>&{{y}}".repeat(200_000 / 14));
    text.push('\n');
    std::fs::write(&file, text).unwrap();
    let out = site.root.join("public");
    let run = site.run(&["build", "--out", out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    (site, out)
}

/// Problems in one HTML page.
fn check_html(path: &str, text: &str, problems: &mut Vec<String>) {
    let doc = scraper::Html::parse_document(text);
    let mut csp = false;
    for node in doc.tree.nodes() {
        let Some(el) = node.value().as_element() else {
            continue;
        };
        let name = el.name().to_ascii_lowercase();
        if FORBIDDEN.contains(&name.as_str()) {
            problems.push(format!("{path}: <{name}> element"));
        }
        match name.as_str() {
            "script" => {
                let src = el.attr("src").unwrap_or("");
                let inline = node
                    .children()
                    .any(|c| c.value().as_text().is_some_and(|t| !t.trim().is_empty()));
                if inline || !(src.ends_with("assets/app.js")) || is_remote(src) {
                    problems.push(format!(
                        "{path}: script other than assets/app.js: src={src:?}"
                    ));
                }
            }
            "style" => problems.push(format!("{path}: <style> element")),
            "meta" => {
                let equiv = el.attr("http-equiv").unwrap_or("").to_ascii_lowercase();
                if equiv == "content-security-policy" {
                    let c = el.attr("content").unwrap_or("");
                    csp = c.contains("script-src 'self'") && c.contains("object-src 'none'");
                } else if !equiv.is_empty() {
                    problems.push(format!("{path}: <meta http-equiv={equiv}>"));
                }
            }
            "link" => {
                let href = el.attr("href").unwrap_or("");
                let rel = el.attr("rel").unwrap_or("");
                if is_remote(href) && rel != "canonical" {
                    problems.push(format!("{path}: <link rel={rel}> to {href}"));
                }
            }
            _ => {}
        }
        for (attr, value) in el.attrs() {
            let attr = attr.to_ascii_lowercase();
            if attr.starts_with("on") {
                problems.push(format!(
                    "{path}: event handler {attr}={value:?} on <{name}>"
                ));
            }
            if attr == "style" {
                problems.push(format!("{path}: style attribute {value:?} on <{name}>"));
            }
            if URL_ATTRS.contains(&attr.as_str()) {
                if let Some(s) = scheme(value)
                    && !SAFE_LINK_SCHEMES.contains(&s.as_str())
                {
                    problems.push(format!("{path}: {attr}={value:?} on <{name}>"));
                }
                if LOAD_ATTRS.contains(&attr.as_str()) && is_remote(value) {
                    problems.push(format!(
                        "{path}: remote resource {attr}={value:?} on <{name}>"
                    ));
                }
            }
        }
    }
    if !csp {
        problems.push(format!("{path}: no Content-Security-Policy meta tag"));
    }
}

/// Problems in one SVG or XML file.
fn check_xml(path: &str, text: &str, problems: &mut Vec<String>) {
    let doc = match roxmltree::Document::parse(text) {
        Ok(d) => d,
        Err(e) => {
            problems.push(format!("{path}: not well-formed XML: {e}"));
            return;
        }
    };
    for node in doc.descendants().filter(|n| n.is_element()) {
        let name = node.tag_name().name().to_ascii_lowercase();
        if name == "script" || FORBIDDEN.contains(&name.as_str()) {
            problems.push(format!("{path}: <{name}> element"));
        }
        for a in node.attributes() {
            let attr = a.name().to_ascii_lowercase();
            if attr.starts_with("on") {
                problems.push(format!("{path}: event handler {attr} on <{name}>"));
            }
            if attr == "href" {
                if let Some(s) = scheme(a.value())
                    && !SAFE_LINK_SCHEMES.contains(&s.as_str())
                {
                    problems.push(format!("{path}: href={:?} on <{name}>", a.value()));
                }
                if name == "image" && is_remote(a.value()) {
                    problems.push(format!("{path}: remote image {:?}", a.value()));
                }
            }
        }
    }
}

/// The cells of a CSV file (RFC 4180 quoting).
fn csv_cells(text: &str) -> Vec<String> {
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') => quoted = true,
            (false, ',') | (false, '\n') => cells.push(std::mem::take(&mut cell)),
            (false, '\r') => {}
            (false, c) => cell.push(c),
        }
    }
    cells.push(cell);
    cells
}

#[test]
fn nothing_from_content_can_script_track_or_inject_formulas() {
    let (_site, out) = hostile_site();
    let mut problems = Vec::new();
    let mut kinds = std::collections::BTreeMap::<&'static str, usize>::new();
    for (path, bytes) in tree(&out) {
        let ext = path.rsplit('.').next().unwrap_or("");
        let kind = ["html", "svg", "xml", "json", "csv", "js", "css", "txt"]
            .into_iter()
            .find(|k| *k == ext)
            .unwrap_or("other");
        *kinds.entry(kind).or_default() += 1;
        let Ok(text) = std::str::from_utf8(&bytes) else {
            if ext != "pdf" {
                problems.push(format!("{path}: not UTF-8"));
            }
            continue;
        };
        if text.contains('\0') {
            problems.push(format!("{path}: NUL byte"));
        }
        if text.chars().any(bidi_control) {
            problems.push(format!("{path}: bidirectional control character"));
        }
        match ext {
            "html" => check_html(&path, text, &mut problems),
            "svg" | "xml" => check_xml(&path, text, &mut problems),
            "json" => {
                if let Err(e) = serde_json::from_str::<serde_json::Value>(text) {
                    problems.push(format!("{path}: invalid JSON: {e}"));
                }
            }
            "csv" => {
                for cell in csv_cells(text) {
                    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
                        problems.push(format!("{path}: unguarded formula cell {cell:?}"));
                    }
                }
            }
            _ => {}
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
    for kind in ["html", "svg", "xml", "json", "csv"] {
        assert!(
            kinds.get(kind).copied().unwrap_or(0) > 0,
            "no {kind} file was checked: {kinds:?}"
        );
    }
}

#[test]
fn hostile_text_is_shown_as_text_not_dropped() {
    let (_site, out) = hostile_site();
    let page = std::fs::read_to_string(out.join("models/evil-release/index.html")).unwrap();
    let doc = scraper::Html::parse_document(&page);
    let text: String = doc.root_element().text().collect();
    for literal in [
        "<script>alert(\"raw\")</script>",
        "{{ config }}",
        "{% include \"base.html\" %}",
        "<script>alert('name')</script>",
        "</code><script>alert(1)</script>{{ config }}",
        "Entities: <script> <script> &lt;.",
    ] {
        assert!(
            text.contains(literal),
            "the page does not show `{literal}` as text"
        );
    }
    // The safe link survives; the dangerous ones are plain text.
    assert!(page.contains("https://example.org/ok"));
    // The CSV guards the formula-like name and keeps it readable.
    let csv = std::fs::read_to_string(out.join("data/index.csv")).unwrap();
    assert!(csv.contains("\"'=cmd|'/C calc'!A0"), "{csv}");
}

#[test]
fn the_clean_site_passes_the_same_checks() {
    // The checks are not vacuous: the clean fixture is built and checked the same way, and a
    // page with a planted handler, script and remote image is caught.
    let site = Site::case("clean");
    let out = site.root.join("public");
    assert_eq!(site.run(&["build", "--out", out.to_str().unwrap()]).code, 0);
    let mut problems = Vec::new();
    for (path, bytes) in tree(&out) {
        if path.ends_with(".html") {
            check_html(&path, std::str::from_utf8(&bytes).unwrap(), &mut problems);
        }
    }
    assert!(problems.is_empty(), "{problems:?}");
    let planted = r#"<html><head><meta http-equiv="Content-Security-Policy" content="script-src 'self'; object-src 'none'"></head><body><img src="https://t.example.org/p.png" onerror="x()"><a href=" JaVa&#x09;Script:alert(1)">x</a><script>alert(1)</script></body></html>"#;
    let mut found = Vec::new();
    check_html("planted.html", planted, &mut found);
    assert_eq!(found.len(), 4, "{found:?}");
    let mut found = Vec::new();
    check_xml(
        "planted.svg",
        r#"<svg xmlns="http://www.w3.org/2000/svg" onload="x()"><script>x()</script><a href="javascript:x()"/></svg>"#,
        &mut found,
    );
    assert_eq!(found.len(), 3, "{found:?}");
}
