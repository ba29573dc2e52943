//! `openindex new <slug> --from-hub owner/name` against a loopback server started here,
//! serving recorded answers in the Hugging Face Hub's shapes (the model-info record at
//! `/api/models/{repo}` and the card at `/{repo}/raw/{sha}/README.md`). HF_ENDPOINT points
//! at the server, so nothing leaves 127.0.0.1.

use crate::support::*;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// One recorded answer: status and body.
type Answer = (u16, String);

/// Path → answers given in turn (the last one repeats), and the requests seen.
#[derive(Default)]
struct Routes {
    answers: HashMap<String, Vec<Answer>>,
    /// (path, Authorization header) of every request.
    seen: Vec<(String, Option<String>)>,
    /// When set, paths that answer only with this bearer token (401 otherwise).
    gated: HashMap<String, String>,
}

type Shared = Arc<Mutex<Routes>>;

/// A loopback server answering from `routes`, stopping by itself after a minute.
fn serve(routes: Routes) -> (String, Shared) {
    let shared: Shared = Arc::new(Mutex::new(routes));
    let state = shared.clone();
    let port = loopback(usize::MAX, move |req, _| answer(req, &state));
    (format!("http://127.0.0.1:{port}"), shared)
}

fn answer(req: &Request, state: &Shared) -> Vec<u8> {
    let (path, auth) = (req.path.clone(), req.authorization.clone());
    let (status, body) = {
        let mut st = state.lock().unwrap();
        st.seen.push((path.clone(), auth.clone()));
        let gate = st.gated.get(&path).cloned();
        match gate {
            Some(token) if auth.as_deref() != Some(format!("Bearer {token}").as_str()) => (
                401,
                r#"{"error":"Access to model is restricted."}"#.to_string(),
            ),
            _ => match st.answers.get_mut(&path) {
                Some(list) if list.len() > 1 => list.remove(0),
                Some(list) => list[0].clone(),
                None => (404, r#"{"error":"Repository not found"}"#.to_string()),
            },
        }
    };
    if status == 299 {
        // A slow answer: longer than the client's timeout.
        std::thread::sleep(Duration::from_secs(4));
    }
    let reason = match status {
        200 => "OK",
        401 => "Unauthorized",
        404 => "Not Found",
        500 => "Internal Server Error",
        _ => "Other",
    };
    format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

const SHA: &str = "0f3c1a9e5b7d2c4e6a8b0d1f3e5c7a9b2d4f6e8a";

/// A model-info record in the Hub's shape.
fn info(
    id: &str,
    gated: serde_json::Value,
    pipeline: &str,
    tags: &[&str],
    files: &[&str],
) -> String {
    serde_json::json!({
        "_id": "66a0e5c1f2b3a4d5e6f70819",
        "id": id,
        "modelId": id,
        "author": id.split('/').next().unwrap(),
        "sha": SHA,
        "lastModified": "2025-08-02T10:11:12.000Z",
        "createdAt": "2025-07-30T08:00:00.000Z",
        "private": false,
        "gated": gated,
        "disabled": false,
        "downloads": 1234,
        "likes": 56,
        "library_name": "transformers",
        "pipeline_tag": pipeline,
        "tags": tags,
        "cardData": {},
        "siblings": files.iter().map(|f| serde_json::json!({ "rfilename": f })).collect::<Vec<_>>(),
    })
    .to_string()
}

fn routes(repo: &str, info: String, card: &str) -> Routes {
    let mut r = Routes::default();
    r.answers
        .insert(format!("/api/models/{repo}"), vec![(200, info)]);
    r.answers.insert(
        format!("/{repo}/raw/{SHA}/README.md"),
        vec![(200, card.to_string())],
    );
    r
}

fn new_from_hub(
    site: &Site,
    endpoint: &str,
    slug: &str,
    repo: &str,
    extra: &[(&str, &str)],
) -> Output {
    let mut env = vec![("HF_ENDPOINT", endpoint)];
    env.extend_from_slice(extra);
    run_env(&site.root, &["new", slug, "--from-hub", repo], &env)
}

/// The error messages `check --format json` reports, for the given file.
fn errors_in(site: &Site, file: &str) -> Vec<String> {
    let out = site.run(&["check", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).expect("JSON diagnostics");
    v.as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .map(|d| {
            assert_eq!(d["file"], file, "an error elsewhere: {d:#}");
            d["message"].as_str().unwrap().to_string()
        })
        .collect()
}

fn quantization_routes() -> Routes {
    let repo = "community/open-base-7b-GGUF";
    routes(
        repo,
        info(
            repo,
            serde_json::json!(false),
            "text-generation",
            &[
                "gguf",
                "text-generation",
                "base_model:acme/open-base-7b",
                "base_model:quantized:acme/open-base-7b",
                "license:apache-2.0",
                "region:us",
            ],
            &[
                ".gitattributes",
                "LICENSE",
                "README.md",
                "open-base-7b.Q4_K_M.gguf",
                "open-base-7b.Q8_0.gguf",
            ],
        ),
        "---\nlicense: apache-2.0\nbase_model: acme/open-base-7b\npipeline_tag: text-generation\ntags:\n- gguf\n---\n\n# Open Base 7B GGUF\n\nGGUF repacks of acme/open-base-7b.\n",
    )
}

#[test]
fn a_quantization_is_prefilled_and_passes_check_once_the_organization_is_set() {
    let (endpoint, _) = serve(quantization_routes());
    let site = Site::case("clean");
    let out = new_from_hub(
        &site,
        &endpoint,
        "open-base-7b-gguf",
        "community/open-base-7b-GGUF",
        &[],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout
            .contains("created content/models/open-base-7b-gguf.md"),
        "{}",
        out.stdout
    );
    let path = site.root.join("content/models/open-base-7b-gguf.md");
    let text = std::fs::read_to_string(&path).unwrap();
    for line in [
        "name = \"open-base-7b-GGUF\"\n",
        "kind = \"quantization\"\n",
        "version = \"community/open-base-7b-GGUF\"\n",
        "modality = \"text\"\n",
        "availability = \"open-download\"\n",
        "base_models = [\"open-base\"]\n",
        "weights = \"apache-2.0\"\n",
        "# organization = \"ai2\"\n",
        "reviewed = 2026-01-21\n",
        "capability_evaluation = { status = \"unknown\" }\n",
        "supply_chain = { status = \"unknown\", note = \"Hub file list at 0f3c1a9e5b7d: no pickle files (.bin/.pth/.pt/.pkl); no safetensors; a LICENSE file\" }\n",
        "kind = \"model-card\"\n",
        "kind = \"repository\"\n",
        "accessed = 2026-01-21\n",
    ] {
        assert!(text.contains(line), "no `{}` in:\n{text}", line.trim_end());
    }
    assert!(text.contains("release_date = 2025-07-30    # "), "{text}");
    assert!(text.contains(&format!(
        "artifact = {{ repository = \"{endpoint}/community/open-base-7b-GGUF\", revision = \"{SHA}\", format = \"gguf\" }}"
    )), "{text}");
    assert!(text.contains(&format!(
        "url = \"{endpoint}/community/open-base-7b-GGUF/raw/{SHA}/README.md\""
    )));
    assert!(text.contains(&format!(
        "url = \"{endpoint}/api/models/community/open-base-7b-GGUF\""
    )));

    // Only what the Hub cannot tell is missing.
    let errors = errors_in(&site, "content/models/open-base-7b-gguf.md");
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(
        errors[0].contains("missing required key `organization`"),
        "{errors:#?}"
    );
    std::fs::write(
        &path,
        text.replace("# organization = \"ai2\"", "organization = \"acme\""),
    )
    .unwrap();
    let out = site.run(&["check"]);
    assert_eq!(out.code, 0, "{}", out.stderr);

    // An existing slug is refused, before the Hub is asked.
    let again = new_from_hub(
        &site,
        &endpoint,
        "open-base-7b-gguf",
        "community/open-base-7b-GGUF",
        &[],
    );
    assert_eq!(again.code, 2);
    assert!(again.stderr.contains("already exists"), "{}", again.stderr);
}

#[test]
fn a_gated_repository_needs_the_token_which_is_sent_and_never_written() {
    let repo = "acme/capped-chat-70b-vision";
    let mut r = routes(
        repo,
        info(
            repo,
            serde_json::json!("manual"),
            "image-text-to-text",
            &["transformers", "safetensors", "license:other"],
            &[
                "README.md",
                "config.json",
                "model-00001-of-00002.safetensors",
                "model-00002-of-00002.safetensors",
                "pytorch_model.bin",
            ],
        ),
        "---\nlicense: other\nlicense_name: capped-community\nlicense_link: LICENSE\nextra_gated_prompt: Accept the terms\n---\n\n# Capped Chat 70B Vision\n",
    );
    let token = "hf_TESTtoken0123456789";
    r.gated.insert(format!("/api/models/{repo}"), token.into());
    r.gated
        .insert(format!("/{repo}/raw/{SHA}/README.md"), token.into());
    let (endpoint, seen) = serve(r);
    let site = Site::case("clean");

    let out = new_from_hub(&site, &endpoint, "capped-vision", repo, &[("HF_TOKEN", "")]);
    assert_eq!(out.code, 2, "{}", out.stdout);
    assert!(out.stderr.contains("set HF_TOKEN"), "{}", out.stderr);
    assert!(!site.root.join("content/models/capped-vision.md").exists());

    let out = new_from_hub(
        &site,
        &endpoint,
        "capped-vision",
        repo,
        &[("HF_TOKEN", "hf_wrong")],
    );
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("refused the token"), "{}", out.stderr);

    let out = new_from_hub(
        &site,
        &endpoint,
        "capped-vision",
        repo,
        &[("HF_TOKEN", token)],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!out.stdout.contains(token) && !out.stderr.contains(token));
    let seen = seen.lock().unwrap().seen.clone();
    let authed: Vec<_> = seen
        .iter()
        .filter(|(_, a)| a.as_deref() == Some(format!("Bearer {token}").as_str()))
        .map(|(p, _)| p.as_str())
        .collect();
    assert!(
        authed.contains(&format!("/api/models/{repo}").as_str()),
        "{seen:?}"
    );
    assert!(
        authed.contains(&format!("/{repo}/raw/{SHA}/README.md").as_str()),
        "{seen:?}"
    );

    let text = std::fs::read_to_string(site.root.join("content/models/capped-vision.md")).unwrap();
    assert!(!text.contains(token), "the token was written");
    for line in [
        "availability = \"gated-download\"    # the Hub gates downloads (manual approval)\n",
        "modality = \"vision-language\"\n",
        "weights = \"capped-community\"\n",
        "kind = \"base\"\n",
        "format = \"safetensors, pickle\" }",
        "a pickle file (pytorch_model.bin); safetensors present; no LICENSE file",
    ] {
        assert!(text.contains(line), "no `{}` in:\n{text}", line.trim_end());
    }
    assert!(out.stdout.contains("pass --kind"), "{}", out.stdout);
}

#[test]
fn a_fine_tune_names_the_base_not_in_the_index_and_kind_on_the_command_line_wins() {
    let repo = "someone/open-base-7b-chat";
    let r = routes(
        repo,
        info(
            repo,
            serde_json::json!(false),
            "text-generation",
            &[
                "safetensors",
                "base_model:finetune:acme/open-base-7b",
                "base_model:finetune:elsewhere/other-base",
                "license:apache-2",
            ],
            &["README.md", "model.safetensors"],
        ),
        "---\nbase_model:\n- acme/open-base-7b\n- elsewhere/other-base\nlicense: apache-2\n---\n# Chat\n",
    );
    let (endpoint, _) = serve(r);
    let site = Site::case("clean");
    let out = new_from_hub(&site, &endpoint, "open-base-chat", repo, &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout
            .contains("base model elsewhere/other-base is not in the index"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("--from-hub elsewhere/other-base"),
        "{}",
        out.stdout
    );
    let text = std::fs::read_to_string(site.root.join("content/models/open-base-chat.md")).unwrap();
    assert!(text.contains("kind = \"fine-tune\"\n"), "{text}");
    assert!(
        text.contains("base_models = [\"open-base\"]    # also from elsewhere/other-base, not in the index yet\n"),
        "{text}"
    );
    // The Hub's license id is in no file: the key stays commented, with a suggestion.
    assert!(
        text.contains("# weights = \"\"    # the Hub says license `apache-2`"),
        "{text}"
    );
    assert!(text.contains("did you mean `apache-2.0`?"), "{text}");
    let errors = errors_in(&site, "content/models/open-base-chat.md");
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert!(
        errors.iter().any(|e| e.contains("`organization`")),
        "{errors:#?}"
    );
    assert!(errors.iter().any(|e| e.contains("weights")), "{errors:#?}");

    // --kind wins over the Hub's relation.
    let out = run_env(
        &site.root,
        &[
            "new",
            "open-base-adapter",
            "--kind",
            "adapter",
            "--from-hub",
            repo,
        ],
        &[("HF_ENDPOINT", &endpoint)],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let text =
        std::fs::read_to_string(site.root.join("content/models/open-base-adapter.md")).unwrap();
    assert!(text.contains("kind = \"adapter\"\n"), "{text}");
}

#[test]
fn bad_answers_write_nothing_and_exit_2() {
    let mut r = Routes::default();
    r.answers.insert(
        "/api/models/acme/broken-json".into(),
        vec![(200, "{\"id\": \"acme/broken-json\", \"sha\": ".into())],
    );
    r.answers.insert(
        "/api/models/acme/huge".into(),
        vec![(
            200,
            format!("{{\"pad\": \"{}\"}}", "x".repeat(5 * 1024 * 1024)),
        )],
    );
    let huge_card = "acme/huge-card";
    r.answers.insert(
        format!("/api/models/{huge_card}"),
        vec![(
            200,
            info(
                huge_card,
                serde_json::json!(false),
                "text-generation",
                &[],
                &["README.md"],
            ),
        )],
    );
    r.answers.insert(
        format!("/{huge_card}/raw/{SHA}/README.md"),
        vec![(200, "x".repeat(2 * 1024 * 1024))],
    );
    r.answers
        .insert("/api/models/acme/slow".into(), vec![(299, "{}".into())]);
    let (endpoint, _) = serve(r);
    let site = Site::case("clean");
    let started = Instant::now();
    let out = run_env(
        &site.root,
        &[
            "new",
            "bad-answer",
            "--from-hub",
            "acme/slow",
            "--timeout",
            "1",
        ],
        &[("HF_ENDPOINT", &endpoint)],
    );
    assert_eq!(out.code, 2, "{}", out.stdout);
    assert!(
        out.stderr.contains("did not answer within 1s"),
        "{}",
        out.stderr
    );
    assert!(started.elapsed() < Duration::from_secs(4));
    assert!(!site.root.join("content/models/bad-answer.md").exists());
    for (repo, expect) in [
        ("acme/nowhere", "no model repository acme/nowhere"),
        ("acme/broken-json", "not valid JSON"),
        ("acme/huge", "larger than 4 MiB"),
        ("acme/huge-card", "larger than 1 MiB"),
        ("not-a-repo", "not a Hub repository id"),
    ] {
        let out = new_from_hub(&site, &endpoint, "bad-answer", repo, &[]);
        assert_eq!(out.code, 2, "{repo}: {}", out.stdout);
        assert!(out.stderr.contains(expect), "{repo}: {}", out.stderr);
        assert!(
            !site.root.join("content/models/bad-answer.md").exists(),
            "{repo}"
        );
    }
}

#[test]
fn a_server_error_is_retried_once() {
    let mut r = quantization_routes();
    let path = "/api/models/community/open-base-7b-GGUF".to_string();
    let ok = r.answers[&path][0].clone();
    r.answers
        .insert(path.clone(), vec![(500, "oops".into()), ok]);
    r.answers.insert(
        "/api/models/acme/always-down".into(),
        vec![(500, "oops".into())],
    );
    let (endpoint, seen) = serve(r);
    let site = Site::case("clean");
    let out = new_from_hub(
        &site,
        &endpoint,
        "retried",
        "community/open-base-7b-GGUF",
        &[],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let out = new_from_hub(&site, &endpoint, "down", "acme/always-down", &[]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("500") && out.stderr.contains("after one retry"),
        "{}",
        out.stderr
    );
    assert!(!site.root.join("content/models/down.md").exists());
    let seen = seen.lock().unwrap().seen.clone();
    assert_eq!(
        seen.iter().filter(|(p, _)| *p == path).count(),
        2,
        "{seen:?}"
    );
    assert_eq!(
        seen.iter()
            .filter(|(p, _)| p == "/api/models/acme/always-down")
            .count(),
        2
    );
}
