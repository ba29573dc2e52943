use super::*;

#[test]
fn hub_ids_from_urls_and_bare_ids() {
    let cases = [
        (
            "https://huggingface.co/allenai/OLMo-7B",
            Some("allenai/olmo-7b"),
        ),
        (
            "https://huggingface.co/allenai/OLMo-7B/tree/main",
            Some("allenai/olmo-7b"),
        ),
        (
            "mistralai/Mistral-7B-v0.1",
            Some("mistralai/mistral-7b-v0.1"),
        ),
        ("https://huggingface.co/datasets/allenai/dolma", None),
        ("https://github.com/allenai/OLMo", None),
        ("Olmo-3.1-32B-Think", None),
    ];
    crate::testing::table(&cases, hub_id);
}

#[test]
fn family_tokens_stop_at_the_size() {
    assert_eq!(family("Llama-2-chat-7B"), ["llama", "2"]);
    assert_eq!(family("Llama 2 70B"), ["llama", "2"]);
    assert_eq!(family("Mixtral-8x7B-Instruct-v0.1"), ["mixtral"]);
    assert_eq!(family("OLMo"), ["olmo"]);
    assert_eq!(family("Qwen2.5-72B-Instruct"), ["qwen2", "5"]);
}

#[test]
fn mot_licenses_resolve_like_mot() {
    let text = "release:\n  name: X-7B\n  producer: Acme\n  huggingface: acme/x-7b\n  license:\n    distribution:\n      name: Apache-2.0\n  components:\n    - name: 'Model architecture'\n    - name: 'Model parameters (Final)'\n      license: MIT\n";
    let e = read_mot("X-7B.yml", text).unwrap();
    assert_eq!(
        e.values["model_architecture"],
        "included: Apache-2.0 (global)"
    );
    assert_eq!(e.values["model_parameters_final"], "included: MIT");
    assert_eq!(e.values["training_code"], "not included");
    assert_eq!(e.hub, ["acme/x-7b"]);
}

#[test]
fn eosai_reads_classes_and_links() {
    let text = "system:\n  name: X\n  link: https://huggingface.co/acme/X-7B-Chat\norg:\n  name: Acme\nweights_basemodel:\n  class: open\n  link: [\"https://huggingface.co/acme/X-7B\"]\ntrainingcode:\n  class: closed\n";
    let e = read_eosai("X.yaml", text).unwrap();
    assert_eq!(e.hub, ["acme/x-7b-chat"]);
    assert_eq!(e.base_hub, ["acme/x-7b"]);
    assert_eq!(e.values["trainingcode"], "closed");
    assert_eq!(e.values["datasheet"], "");
}
