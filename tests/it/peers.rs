//! `openindex peers import` on small checkouts in the peers' shapes
//! (`tests/fixtures/peers-checkout/`), and what the snapshot becomes: checked content, a
//! model-page section, `/peers/` and the data export. Snapshot errors are in `cli.rs`
//! (`bad-peers`).

use crate::support::*;

fn checkout(peer: &str) -> String {
    fixtures()
        .join("peers-checkout")
        .join(peer)
        .to_string_lossy()
        .into_owned()
}

fn import(site: &Site, peer: &str) -> Output {
    site.run(&[
        "peers",
        "import",
        peer,
        &checkout(peer),
        "--commit",
        "0123456789abcdef0123",
        "--date",
        "2026-01-02",
    ])
}

#[test]
fn import_reports_matches_ambiguities_and_releases_it_could_not_match() {
    let site = Site::case("clean");
    let out = import(&site, "eosai");
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert!(
        out.stdout.contains(
            "EOSAI @ 0123456789ab (2026-01-02): 1 of 3 releases matched — 1 exact, 0 family, 0 base; 0 by a decision in mapping.toml"
        ),
        "{}",
        out.stdout
    );
    // Two entries of the same family and organization: listed, never guessed.
    assert!(
        out.stdout
            .contains("ambiguous (1): decide each in content/peers/mapping.toml\n  capped-chat: Capped.yaml | Capped2.yaml"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("not matched (1): small-distill"),
        "{}",
        out.stdout
    );
    // A file that is not YAML is reported and skipped; `_parameters.yml` is not an entry.
    assert!(
        out.stdout
            .contains("files that could not be read (1):\n  Broken.yaml"),
        "{}",
        out.stdout
    );
    let snap = std::fs::read_to_string(site.root.join("content/peers/eosai.toml")).unwrap();
    assert!(snap.contains("release = \"open-base\"\nentry = \"OpenBase.yaml\"\nname = \"Open Base\"\nurl = \"https://osai-index.eu/model/OpenBase\"\nmatch = \"exact\""), "{snap}");
    assert!(snap.contains("trainingcode = \"closed\""), "{snap}");
    assert!(
        snap.contains("commit = \"0123456789abcdef0123\"\ndate = 2026-01-02"),
        "{snap}"
    );
    // The snapshot is content: it checks clean.
    let check = site.run(&["check", "--deny-warnings"]);
    assert_eq!(check.code, 0, "{}", check.stderr);

    // A person decides in mapping.toml; the decision wins and is counted.
    std::fs::write(
        site.root.join("content/peers/mapping.toml"),
        "[[decisions]]\nrelease = \"capped-chat\"\npeer = \"eosai\"\nentry = \"Capped.yaml\"\nmatch = \"family\"\nnote = \"Capped2 is an announcement.\"\n\n[[decisions]]\nrelease = \"small-distill\"\npeer = \"eosai\"\nmatch = \"none\"\nnote = \"No entry.\"\n",
    )
    .unwrap();
    let again = import(&site, "eosai");
    assert!(
        again.stdout.contains(
            "2 of 3 releases matched — 1 exact, 1 family, 0 base; 1 by a decision in mapping.toml"
        ),
        "{}",
        again.stdout
    );
    assert!(!again.stdout.contains("ambiguous"), "{}", again.stdout);
    // Deterministic: the same checkout writes the same bytes.
    let first = std::fs::read(site.root.join("content/peers/eosai.toml")).unwrap();
    import(&site, "eosai");
    assert_eq!(
        first,
        std::fs::read(site.root.join("content/peers/eosai.toml")).unwrap()
    );
}

#[test]
fn import_needs_a_commit_outside_git_and_a_known_peer() {
    let site = Site::case("clean");
    let out = site.run(&["peers", "import", "eosai", &checkout("eosai")]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("give --commit and --date"),
        "{}",
        out.stderr
    );
    let out = site.run(&["peers", "import", "nope", &checkout("eosai")]);
    assert_eq!(out.code, 2, "{}", out.stderr);
}

#[test]
fn the_comparison_reaches_the_model_page_peers_page_and_data() {
    let site = Site::case("clean");
    assert_eq!(import(&site, "eosai").code, 0);
    assert_eq!(import(&site, "mot").code, 0);
    let mot = std::fs::read_to_string(site.root.join("content/peers/mot.toml")).unwrap();
    assert!(
        mot.contains("model_architecture = \"included: Apache-2.0 (global)\""),
        "{mot}"
    );
    assert!(mot.contains("url = \"https://github.com/lfai/model_openness_tool/blob/0123456789abcdef0123/models/Open-Base-7B.yml\""), "{mot}");
    let dir = site.root.join("out");
    let out = site.run(&["build", "--out", dir.to_str().unwrap(), "--no-minify"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let page = std::fs::read_to_string(dir.join("models/open-base/index.html")).unwrap();
    assert!(page.contains("What other indexes say"), "{page}");
    assert!(
        page.contains(
            "<a href=\"https:&#x2F;&#x2F;osai-index.eu&#x2F;model&#x2F;OpenBase\">Open Base</a>"
        ),
        "{page}"
    );
    // EOSAI codes the training code closed; ours is open with a repository: a factual
    // difference, with our evidence linked to the numbered source on the page.
    assert!(page.contains("<td>closed</td><td>open</td><td><a href=\"&#x2F;models&#x2F;open-base&#x2F;#source-2\">[2] Open Base training repository</a></td><td>factual difference</td>"), "{page}");
    // EOSAI's "licenses" wants OSI licenses for everything: a different rule.
    assert!(page.contains("<td>different rule</td>"), "{page}");
    assert!(
        page.contains("CC-BY 4.0"),
        "the attribution is shown: {page}"
    );
    let peers = std::fs::read_to_string(dir.join("peers/index.html")).unwrap();
    assert!(peers.contains("Factual differences (2)"), "{peers}");
    // MOT records the weights under MIT; ours are Apache-2.0.
    assert!(
        peers.contains("<td>included: MIT</td><td>apache-2.0</td>"),
        "{peers}"
    );
    let methodology = std::fs::read_to_string(dir.join("methodology/index.html")).unwrap();
    assert!(
        methodology.contains("<code>datasources_basemodel</code>"),
        "{methodology}"
    );
    let data: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("data/index.json")).unwrap())
            .unwrap();
    let r = data["releases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["slug"] == "open-base")
        .unwrap();
    let p = r["peers"].as_array().unwrap();
    assert_eq!(p.len(), 2);
    assert_eq!(p[0]["peer"], "eosai");
    assert_eq!(p[0]["match_kind"], "exact");
    assert!(
        p[0]["values"]
            .as_array()
            .unwrap()
            .iter()
            .any(|v| v["field"] == "trainingcode" && v["class"] == "factual-difference")
    );
}

#[test]
fn peer_text_is_escaped_and_links_work_from_a_sub_path() {
    let site = Site::case("clean");
    std::fs::write(
        site.root.join("site.toml"),
        "title = \"Fixture Index\"\nbase_url = \"/index/\"\n",
    )
    .unwrap();
    std::fs::create_dir_all(site.root.join("content/peers")).unwrap();
    std::fs::write(
        site.root.join("content/peers/eosai.toml"),
        "peer = \"eosai\"\nname = \"<b>EOSAI</b>\"\nhome = \"https://osai-index.eu/\"\nrepository = \"https://github.com/Language-Technology-Assessment/main-database\"\ncommit = \"abc\"\ndate = 2026-01-01\nlicense = \"CC-BY-4.0\"\nattribution = \"<script>alert(1)</script>\"\n\n[[entries]]\nrelease = \"open-base\"\nentry = \"X.yaml\"\nname = \"<img src=x onerror=alert(1)>\"\nurl = \"https://osai-index.eu/model/X\"\nmatch = \"exact\"\nvalues = { trainingcode = \"<i>closed</i>\" }\n",
    )
    .unwrap();
    let dir = site.root.join("out");
    let out = site.run(&["build", "--out", dir.to_str().unwrap(), "--no-minify"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    for page in ["models/open-base/index.html", "peers/index.html"] {
        let html = std::fs::read_to_string(dir.join(page)).unwrap();
        assert!(!html.contains("<script>alert"), "{page}: {html}");
        assert!(!html.contains("<img src=x"), "{page}: {html}");
        assert!(!html.contains("<i>closed"), "{page}: {html}");
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;&#x2F;script&gt;"),
            "{page}: {html}"
        );
    }
    let page = std::fs::read_to_string(dir.join("models/open-base/index.html")).unwrap();
    // Our evidence links carry the sub-path.
    assert!(
        page.contains("href=\"&#x2F;index&#x2F;models&#x2F;open-base&#x2F;#source-"),
        "{page}"
    );
    let peers = std::fs::read_to_string(dir.join("peers/index.html")).unwrap();
    assert!(
        peers.contains("href=\"&#x2F;index&#x2F;methodology/#peers\""),
        "{peers}"
    );
    // A URL that is not http(s) is refused by check.
    let snap = site.root.join("content/peers/eosai.toml");
    let text = std::fs::read_to_string(&snap)
        .unwrap()
        .replace("https://osai-index.eu/model/X", "javascript:alert(1)");
    std::fs::write(&snap, text).unwrap();
    let check = site.run(&["check"]);
    assert_eq!(check.code, 1, "{}", check.stderr);
    assert!(
        check
            .stderr
            .contains("error[invalid-url]: `entries[0].url`"),
        "{}",
        check.stderr
    );
}
