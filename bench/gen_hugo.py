#!/usr/bin/env python3
"""Generates the Hugo site equivalent to a synthetic index made by gen.py.

    gen_hugo.py --site DIR --assessed INDEX_JSON --out HUGO_DIR [--today YYYY-MM-DD]

DIR is gen.py's output (facts.jsonl, licenses.json, orgs.json); INDEX_JSON is the
data/index.json that `openindex build` wrote for DIR. Hugo cannot compute verdicts, so
the assessed values — OSAID verdict, gaps and missing evidence, governance score, license
class and OSAID compatibility, failure modes with their reasons — are copied from that
export into each page's front matter, and the structure the renderer derives — ancestors,
derivatives and the lineage graph layout — is precomputed here. Hugo then only renders,
as openindex does after assessing. Templates and configuration come from bench/hugo/.
"""

import argparse
import collections
import datetime as dt
import json
import os
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)

# The vocabulary the pages show (the same words as src/model/defs.rs and vocab.rs).
VOCAB = {
    "components": [
        {"key": "parameters", "title": "Parameters", "required": True, "open_means": "final weights and configuration downloadable under OSI-approved or open terms"},
        {"key": "checkpoints", "title": "Checkpoints", "required": False, "open_means": "intermediate checkpoints and optimizer state released"},
        {"key": "architecture", "title": "Architecture", "required": True, "open_means": "model architecture code released"},
        {"key": "inference_code", "title": "Inference code", "required": True, "open_means": "code to run the model released"},
        {"key": "training_code", "title": "Training code", "required": True, "open_means": "training code with the arguments and settings used"},
        {"key": "data_processing_code", "title": "Data processing code", "required": True, "open_means": "code used to process and filter the training data"},
        {"key": "evaluation_code", "title": "Evaluation code", "required": True, "open_means": "validation and testing code and supporting libraries (tokenizer, hyper-parameter search)"},
        {"key": "data_information", "title": "Data information", "required": True, "open_means": "complete description of all training data (provenance, scope, selection, labeling, filtering) and a listing of public and third-party data with where to get it"},
        {"key": "training_data", "title": "Training data", "required": False, "open_means": "the training data itself released (the open-recipe axis)"},
    ],
    "points": [
        {"number": 1, "key": "release_type", "title": "Release type", "asks": "the release names precisely what it includes: weights, inference code, training code, training data, data documentation, evaluations, logs, checkpoints, post-training data, safety classifiers, license terms"},
        {"number": 2, "key": "release_rationale", "title": "Release rationale", "asks": "a published rationale: why public weights are justified at this capability level, expected benefits, risks considered, alternatives rejected"},
        {"number": 3, "key": "capability_evaluation", "title": "Dangerous-capability evaluation", "asks": "dangerous-capability evaluation before release (cyber, bio, fraud, impersonation, surveillance, autonomous misuse, safeguard removal), proportionate to capability"},
        {"number": 4, "key": "staged_access", "title": "Staged access", "asks": "staged access where evidence was weak: internal, then trusted evaluators, research, gated, open"},
        {"number": 5, "key": "downstream_obligations", "title": "Downstream obligations", "asks": "license, acceptable-use policy, model card, safety guidance, deployment warnings and an incident-report channel, attached to the artifact and versioned"},
        {"number": 6, "key": "auditability", "title": "Auditability", "asks": "hashes, version ids, training summaries, evaluation reports, known limitations, safety change logs"},
        {"number": 7, "key": "supply_chain", "title": "Supply-chain integrity", "asks": "published hashes, safe tensor formats (safetensors, not pickle), tokenizer and config lineage, no unsafe loaders, signed releases, provenance guidance for derivatives"},
        {"number": 8, "key": "ecosystem_support", "title": "Ecosystem support", "asks": "support for the ecosystem the release creates: compute, security help, evaluation tools, legal clarity"},
    ],
    "modes": [
        {"slug": "openwashing", "title": "Openwashing", "means": "the word \"open\" is used for a release that does not grant the freedoms or ship the components open source requires", "computed_when": "the provider markets the release as open (a recorded claim with a source) and the OSAID verdict is not `meets`"},
        {"slug": "safety-wrapper-evaporation", "title": "Safety-wrapper evaporation", "means": "the safety case rests on layers that stay with the provider, so they vanish once the weights are downloaded", "computed_when": "the safety case relies on hosted layers (classifiers, system prompts, rate limits) and the weights are downloadable"},
        {"slug": "lineage-decay", "title": "Lineage decay", "means": "a derivative loses track of what it came from and of the terms its base imposes", "computed_when": "a derivative has no declared base; or drops a naming rule its base's license imposes; or claims a more permissive license than its base's; or a recorded finding says base metadata was lost"},
        {"slug": "benchmark-substitution", "title": "Benchmark substitution", "means": "capability benchmarks are published in place of an evaluation of dangerous capabilities", "computed_when": "benchmark results are published while dangerous-capability evaluation (point 3) is `not-met` or `unknown`"},
        {"slug": "false-recall", "title": "False recall", "means": "the provider or license claims a power to withdraw weights that are already in the world", "computed_when": "the provider or license claims a power to withdraw or revoke weights that are downloadable"},
        {"slug": "artifact-ambiguity", "title": "Artifact ambiguity", "means": "the release cannot be pinned to an exact checkpoint, so no claim about it can be checked", "computed_when": "the entry pins no exact artifact (no revision, version or hash) or describes a family rather than a checkpoint"},
    ],
    "kind_means": {
        "base": "a pre-trained model trained from scratch",
        "instruct": "a provider's own instruction- or chat-tuned model",
        "reasoning": "a model post-trained for long-form reasoning",
        "distill": "a model trained on another model's outputs (a derivative)",
        "fine-tune": "a further-trained version of another model (a derivative)",
        "quantization": "a reduced-precision copy of another model (a derivative)",
        "adapter": "LoRA or other adapter weights on top of another model (a derivative)",
        "merge": "weights merged from several models (a derivative)",
        "hosted-service": "a model offered only as a hosted service or API",
    },
    "availabilities": ["open-download", "gated-download", "api-only", "not-released"],
    "availability_means": {
        "open-download": "weights downloadable by anyone without an access request",
        "gated-download": "weights downloadable after accepting terms or an access request",
        "api-only": "usable only through the provider's hosted service",
        "not-released": "announced or described, but neither weights nor access are public",
    },
    "verdicts": ["meets", "does-not-meet", "insufficient-evidence"],
    "verdict_label": {"meets": "Meets OSAID 1.0", "does-not-meet": "Does not meet OSAID 1.0", "insufficient-evidence": "Insufficient evidence"},
    "verdict_means": {
        "meets": "every required component open with primary evidence, under OSAID-compatible licenses",
        "does-not-meet": "a required component is closed or partial, or a license is not OSAID-compatible",
        "insufficient-evidence": "some required component is unknown or unsupported",
    },
    "classes": ["osi-permissive", "osi-copyleft", "open-content", "custom-permissive", "restricted-use", "custom-capped", "proprietary"],
    "class_means": {
        "osi-permissive": "OSI-approved permissive license (Apache-2.0, MIT, BSD)",
        "osi-copyleft": "OSI-approved copyleft license (GPL, AGPL, MPL)",
        "open-content": "open content or data license with no use restrictions",
        "custom-permissive": "a custom license without scale, field, geography or revocation limits",
        "restricted-use": "restricts fields of use or places (acceptable-use or responsible-AI terms)",
        "custom-capped": "caps the scale of use or lets the licensor revoke at its discretion",
        "proprietary": "no license to the weights at all",
    },
    "standard_means": {
        "osi-approved": "a license approved by the Open Source Initiative",
        "open-content": "an open content or data license (CC-BY-4.0, CC0, ODC-BY, CDLA-Permissive)",
        "custom": "a license written by the provider for its models",
        "proprietary": "terms of service for a product; no license to the weights",
    },
    "org_kind_means": {
        "company": "a for-profit company", "nonprofit": "a nonprofit institute or foundation",
        "academic": "a university or academic lab", "government": "a government body",
        "collaboration": "an open research collaboration",
    },
    # status → [icon, label, CSS class suffix]
    "comp_icon": {"open": ["●", "open", "open"], "partial": ["◐", "partial", "partial"], "closed": ["○", "closed", "closed"], "unknown": ["?", "undisclosed", "undisclosed"]},
    "point_icon": {"met": ["●", "met", "met"], "partial": ["◐", "partial", "partial"], "not-met": ["○", "not met", "not-met"], "unknown": ["?", "undisclosed", "undisclosed"]},
    "point_score": {"met": 1, "partial": 0.5, "not-met": 0, "unknown": 0},
    "source_kinds": ["model-card", "license", "repository", "technical-report", "announcement", "dataset-card",
                     "documentation", "regulator", "press", "third-party"],
    "primary": ["model-card", "license", "repository", "technical-report", "announcement", "dataset-card",
                "documentation", "regulator"],
    "safety": [
        {"key": "hosted_safeguards", "label": "Safety case relies on hosted safeguards"},
        {"key": "benchmarks_published", "label": "Benchmark results published"},
        {"key": "recall_claimed", "label": "Power to withdraw the weights claimed"},
    ],
}
VOCAB["mode_by_slug"] = {m["slug"]: m for m in VOCAB["modes"]}
# The pairs the compare page hands its script (as the renderer's compare_page).
for key, pairs in [("compare_components", [[c["key"], c["title"]] for c in VOCAB["components"]]),
                   ("compare_points", [[p["key"], p["title"]] for p in VOCAB["points"]]),
                   ("compare_modes", [[m["slug"], m["title"]] for m in VOCAB["modes"]])]:
    VOCAB[key] = json.dumps(pairs, ensure_ascii=False, separators=(",", ":"))


def q(s):
    return json.dumps(s, ensure_ascii=False)  # a valid TOML basic string


def tval(v):
    """A TOML value (inline) from JSON-like data."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, str):
        return q(v)
    if isinstance(v, list):
        return "[" + ", ".join(tval(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{k} = {tval(x)}" for k, x in v.items() if x is not None) + " }"
    raise TypeError(v)


def license_answers(L, cls, compatible):
    """The three answers of a license (as views::license_answers)."""
    t = L["terms"]
    restrictions = []
    if L["standard"] == "proprietary":
        restrictions.append("no license to the weights")
    for key, what in [("scale_cap", "scale cap"), ("field_of_use", "field-of-use restrictions"),
                      ("geographic", "geographic restrictions"), ("revocation", "discretionary revocation")]:
        if t[key]["applies"]:
            restrictions.append(f"{what} ({t[key]['detail']})" if t[key].get("detail") else what)
    if L["standard"] == "custom" and not restrictions:
        restrictions.append("a custom license, not OSI-approved")

    def term(x):
        return (x.get("detail") or "required") if x["applies"] else None
    n = L["derivative_naming"]
    naming = None
    if n["applies"]:
        naming = n.get("detail") or (f"derivative names must begin with \"{n['prefix']}\"" if n.get("prefix") else "required")
    return {
        "id": L["id"], "name": L["name"], "spdx": L.get("spdx"), "url": L["url"], "class": cls,
        "class_means": VOCAB["class_means"][cls], "standard": L["standard"],
        "standard_means": VOCAB["standard_means"][L["standard"]], "compatible": compatible,
        "restrictions": restrictions, "attribution": term(t["attribution"]), "branding": term(t["branding"]),
        "distillation": L["distillation"]["status"], "distillation_detail": L["distillation"].get("detail"),
        "naming": naming, "summary": L["summary"], "sources": L["sources"],
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--site", required=True)
    ap.add_argument("--assessed", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--today", default="2026-11-01")
    ap.add_argument("--stale-after-days", type=int, default=365)
    a = ap.parse_args()
    today = dt.date.fromisoformat(a.today)
    out = a.out
    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(os.path.join(out, "content", "models"))
    os.makedirs(os.path.join(out, "data"))
    shutil.copy(os.path.join(HERE, "hugo", "config.toml"), os.path.join(out, "config.toml"))
    shutil.copytree(os.path.join(HERE, "hugo", "layouts"), os.path.join(out, "layouts"))
    shutil.copytree(os.path.join(REPO, "assets"), os.path.join(out, "static", "assets"))

    with open(a.assessed) as f:
        assessed = json.load(f)
    by_slug = {r["slug"]: r for r in assessed["releases"]}
    lic_assessed = {l["id"]: l for l in assessed["licenses"]}
    del assessed

    with open(os.path.join(a.site, "licenses.json")) as f:
        licenses = json.load(f)
    with open(os.path.join(a.site, "orgs.json")) as f:
        orgs = json.load(f)
    lic_data = {}
    for L in licenses:
        la = lic_assessed[L["id"]]
        lic_data[L["id"]] = license_answers(L, la["class"], la["osaid_compatible"])
    org_data = {o["id"]: {k: o.get(k) for k in ["name", "legal_name", "country", "kind", "url", "sources"]} for o in orgs}

    # Pass 1: names and bases, for ancestors, derivatives and the lineage graph.
    names, bases, order = {}, {}, []
    with open(os.path.join(a.site, "facts.jsonl")) as f:
        for line in f:
            r = json.loads(line)
            names[r["slug"]] = r["name"]
            bases[r["slug"]] = [b for b in r["base_models"]]
            order.append(r["slug"])
    derivatives = collections.defaultdict(list)
    for s in order:
        for b in bases[s]:
            if b in names:
                derivatives[b].append(s)

    def ancestors(s):
        seen, out_, queue = {s}, [], collections.deque(bases[s])
        while queue:
            j = queue.popleft()
            if j in seen:
                continue
            seen.add(j)
            out_.append(j)
            queue.extend(bases[j])
        return out_

    # Lineage layout (as Renderer::lineage_page and svg::lineage): layer = longest chain
    # of bases below; nodes sorted by layer then slug; rows counted within each layer.
    involved = [s for s in order if derivatives.get(s) or bases[s]]
    layer = {}
    for s in order:  # bases always come before their derivatives in the generated order
        layer[s] = max((layer[b] + 1 for b in bases[s] if b in layer), default=0)
    nodes_order = sorted(involved, key=lambda s: (layer[s], s))
    pos = {s: k for k, s in enumerate(nodes_order)}
    counts = collections.Counter()
    nodes = []
    for s in nodes_order:
        row = counts[layer[s]]
        counts[layer[s]] += 1
        label = names[s] if len(names[s]) <= 34 else names[s][:33] + "…"
        nodes.append({"label": label, "name": names[s], "href": f"/models/{s}/", "layer": layer[s], "row": row})
    edges = [[pos[b], pos[s]] for s in nodes_order for b in bases[s] if b in pos]
    layers = (max(layer[s] for s in involved) + 1) if involved else 0
    lineage = {"nodes": nodes, "edges": edges, "standalone": len(order) - len(involved),
               "width": max(layers, 1) * 300 + 20, "height": max(max(counts.values(), default=0), 1) * 44 + 20}

    with open(os.path.join(out, "data", "vocab.json"), "w") as f:
        json.dump(VOCAB, f, ensure_ascii=False)
    with open(os.path.join(out, "data", "licenses.json"), "w") as f:
        json.dump(lic_data, f, ensure_ascii=False)
    with open(os.path.join(out, "data", "orgs.json"), "w") as f:
        json.dump(org_data, f, ensure_ascii=False)
    with open(os.path.join(out, "data", "lineage.json"), "w") as f:
        json.dump(lineage, f, ensure_ascii=False)
    with open(os.path.join(out, "data", "build.json"), "w") as f:
        json.dump({"today": str(today)}, f)

    def page(path, fm, body=""):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write("+++\n" + "".join(f"{k} = {tval(v)}\n" for k, v in fm.items() if v is not None) + "+++\n" + body)

    c = os.path.join(out, "content")
    page(os.path.join(c, "_index.md"), {"title": "Index"})
    page(os.path.join(c, "lineage.md"), {"title": "Lineage", "layout": "lineage", "outputs": ["HTML"]})
    page(os.path.join(c, "methodology.md"), {"title": "Methodology", "layout": "methodology", "outputs": ["HTML"]})
    page(os.path.join(c, "report.md"), {"title": "Report", "layout": "report", "outputs": ["HTML"]})
    page(os.path.join(c, "compare.md"), {"title": "Compare releases", "layout": "compare", "outputs": ["HTML"]})
    page(os.path.join(c, "orgs", "_index.md"), {"title": "Organizations"})
    page(os.path.join(c, "licenses", "_index.md"), {"title": "Licenses"})
    page(os.path.join(c, "failure-modes", "_index.md"), {"title": "Failure modes"})
    for o in orgs:
        page(os.path.join(c, "orgs", o["id"], "_index.md"), {"title": o["name"]})
    for L in licenses:
        page(os.path.join(c, "licenses", L["id"], "_index.md"), {"title": L["name"]})
    for m in VOCAB["modes"]:
        page(os.path.join(c, "failure-modes", m["slug"], "_index.md"), {"title": m["title"]})

    # Pass 2: one content file per release, facts plus the assessed values.
    with open(os.path.join(a.site, "facts.jsonl")) as f:
        for line in f:
            r = json.loads(line)
            s = r["slug"]
            x = by_slug[s]
            lic = r["license"]
            ids = [lic["weights"]] + [lic[k] for k in ("code", "data") if lic.get(k)] + \
                  [v["license"] for v in r["osaid"].values() if v.get("license")]
            all_ids = list(dict.fromkeys(ids))
            other = [i for i in all_ids if i != lic["weights"]]
            score = x["governance"]["score"]
            fm = {
                "title": r["name"],
                "date": r["release_date"],
                "orgs": [r["organization"]],
                "licenses": all_ids,
                "failure-modes": [m["slug"] for m in x["failure_modes"]],
                "org": r["organization"], "kind": r["kind"], "modality": r["modality"],
                "availability": r["availability"], "version": r["version"],
                "revision": r["artifact"].get("revision"), "sha256": r["artifact"].get("sha256"),
                "format": r["artifact"].get("format"), "repository": r["artifact"].get("repository"),
                "parameters": r["parameters"], "reviewed": r["reviewed"],
                "overdue": (today - dt.date.fromisoformat(r["reviewed"])).days > a.stale_after_days,
                "base_models": r["base_models"],
                "verdict": x["osaid"]["verdict"], "gaps": x["osaid"]["gaps"], "missing": x["osaid"]["missing_evidence"],
                "gap_details": x["osaid"]["gap_details"], "component_licenses": x["osaid"]["component_licenses"],
                "license_terms": x["license"]["terms"],
                "score": score, "score_bucket": min(int(score), 8),
                "undisclosed": sum(1 for p in r["governance"].values() if p["status"] == "unknown"),
                "license_weights": lic["weights"], "license_code": lic.get("code"), "license_data": lic.get("data"),
                "license_class": x["license"]["class"], "licenses_compatible": x["license"]["osaid_compatible"],
                "other_licenses": other,
                "components": [dict(key=k, **v) for k, v in r["osaid"].items()],
                "points": [dict(key=k, **v) for k, v in r["governance"].items()],
                "claims": r["marketed_as"] or None,
                "safety": r["safety"],
                "fm": [{"slug": m["slug"], "reason": m["reason"], "recorded": m["recorded"], "reasons": m["reasons"]}
                       for m in x["failure_modes"]],
                "ancestors": [{"slug": j, "name": names[j]} for j in ancestors(s)],
                "derivatives": [{"slug": j, "name": names[j]} for j in derivatives.get(s, [])],
                "sources": r["sources"],
            }
            page(os.path.join(c, "models", s + ".md"), fm, r["body"])


if __name__ == "__main__":
    main()
