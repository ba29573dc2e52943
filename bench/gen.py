#!/usr/bin/env python3
"""Generates a synthetic Openness Index site in the openindex format.

    gen.py --releases N --out DIR [--seed S] [--today YYYY-MM-DD]

Writes DIR/site.toml, DIR/content/{models,licenses,orgs}/ and DIR/facts.jsonl (the same
records as JSON, one release per line, plus licenses.json and orgs.json) for gen_hugo.py.

Everything is synthetic: names like "Synth Model 000123", organizations like
"Synth Org 042", URLs under https://example.org/. The output is deterministic for a given
seed and size, and every file passes `openindex check` with the --today date (set
SOURCE_DATE_EPOCH to that day when running openindex).
"""

import argparse
import datetime as dt
import json
import os
import random
import shutil

COMPONENTS = [
    "parameters", "checkpoints", "architecture", "inference_code", "training_code",
    "data_processing_code", "evaluation_code", "data_information", "training_data",
]
POINTS = [
    "release_type", "release_rationale", "capability_evaluation", "staged_access",
    "downstream_obligations", "auditability", "supply_chain", "ecosystem_support",
]
MODES = [
    "openwashing", "safety-wrapper-evaporation", "lineage-decay", "benchmark-substitution",
    "false-recall", "artifact-ambiguity",
]
BASE_KINDS = ["base", "instruct", "instruct", "reasoning", "hosted-service"]
DERIVED_KINDS = ["distill", "fine-tune", "fine-tune", "quantization", "adapter", "merge"]
MODALITIES = ["text"] * 5 + ["code", "vision-language", "multimodal", "image-generation", "speech"]
COUNTRIES = ["US", "GB", "FR", "DE", "CN", "CA", "JP", "KR", "IN", "AE", "IL", "CH", "NL",
             "SG", "BR", "SE", "FI", "ES", "IT", "AU"]
ORG_KINDS = ["company"] * 6 + ["nonprofit", "academic", "academic", "government", "collaboration"]
# (id, kind, primary?) — the model card always comes first.
SOURCE_POOL = [
    ("repo", "repository"), ("paper", "technical-report"), ("announce", "announcement"),
    ("docs", "documentation"), ("data", "dataset-card"), ("press", "press"),
    ("review", "third-party"), ("terms", "license"),
]
PRIMARY = {"model-card", "license", "repository", "technical-report", "announcement",
           "dataset-card", "documentation", "regulator"}
CLAIMS = ["open source", "fully open", "open weights", "open", "open model", "openly released"]
FORMATS = ["safetensors"] * 6 + ["gguf", "gguf", "pickle"]

# Words for narratives: enough variety that no two paragraphs repeat.
SUBJECTS = ["The release", "This checkpoint", "The provider", "The model card", "The technical report",
            "The announcement", "The repository", "The license", "The training recipe",
            "The evaluation suite", "The data statement", "The tokenizer", "The weights"]
VERBS = ["describes", "documents", "omits", "lists", "summarises", "publishes", "withholds",
         "references", "links to", "mentions", "clarifies", "restricts", "extends", "pins"]
OBJECTS = ["the pre-training mixture", "the instruction-tuning data", "the filtering pipeline",
           "the evaluation harness", "the safety classifiers", "the intermediate checkpoints",
           "the optimizer state", "the hyper-parameter search", "the deduplication step",
           "the acceptable-use policy", "the attribution notice", "the model architecture",
           "the inference server", "the quantization scheme", "the reward model",
           "the red-team findings", "the benchmark results", "the context-length extension",
           "the tokenizer vocabulary", "the data licences", "the compute budget",
           "the carbon estimate", "the known limitations", "the revision history"]
QUALIFIERS = ["in some detail", "only in outline", "without naming sources", "with exact hashes",
              "for the first time", "as promised earlier", "in an appendix", "in a separate document",
              "behind a sign-in wall", "under the same terms", "with a pinned commit",
              "in a short paragraph", "without version numbers", "alongside the weights",
              "in a later update", "only for researchers"]
CONNECTIVES = ["However,", "In addition,", "By contrast,", "As a result,", "Notably,",
               "At the same time,", "In practice,", "For this entry,", "According to the card,",
               "On review,"]
ADJ = ["sparse", "dense", "careful", "partial", "generous", "vague", "precise", "thorough",
       "brief", "inconsistent", "detailed", "selective"]
NOUNS = ["disclosure", "documentation", "reporting", "licensing", "packaging", "versioning",
         "evaluation", "provenance", "governance", "tooling"]


def date_add(d, days):
    return d + dt.timedelta(days=days)


def q(s):
    """A TOML basic string."""
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def arr(xs):
    return "[" + ", ".join(q(x) for x in xs) + "]"


def zipf_weights(n, s):
    return [1.0 / (k + 1) ** s for k in range(n)]


def sentence(rng):
    s = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(QUALIFIERS)}"
    r = rng.random()
    if r < 0.25:
        s = f"{rng.choice(CONNECTIVES)} {s[0].lower()}{s[1:]}"
    elif r < 0.4:
        s += f", and {rng.choice(OBJECTS)} {rng.choice(['remains', 'is', 'stays'])} {rng.choice(['undisclosed', 'unclear', 'public', 'documented', 'closed'])}"
    elif r < 0.5:
        s += f"; the {rng.choice(ADJ)} {rng.choice(NOUNS)} makes {rng.choice(['verification', 'reuse', 'auditing', 'comparison'])} {rng.choice(['harder', 'easier', 'possible', 'slow'])}"
    return s + "."


def decorate(rng, s, slug, org):
    r = rng.random()
    if r < 0.12:
        words = s.split(" ")
        k = rng.randrange(1, max(2, len(words) - 2))
        words[k] = f"**{words[k]}**"
        return " ".join(words)
    if r < 0.2:
        words = s.split(" ")
        k = rng.randrange(1, max(2, len(words) - 2))
        words[k] = f"*{words[k]}*"
        return " ".join(words)
    if r < 0.28:
        return s[:-1] + f" (see [the notes](https://example.org/notes/{slug}/{rng.randrange(100)}))."
    if r < 0.33:
        return s[:-1] + f" for `{org}/{slug}`."
    return s


def narrative(rng, slug, org):
    target = rng.randint(150, 400)
    words = 0
    paras = []
    while words < target:
        r = rng.random()
        if r < 0.12 and paras:
            items = [f"- {rng.choice(OBJECTS).capitalize()}: {rng.choice(['open', 'closed', 'partial', 'undisclosed'])}"
                     for _ in range(rng.randint(2, 5))]
            words += sum(len(i.split()) for i in items)
            paras.append("\n".join(items))
        elif r < 0.17 and paras:
            paras.append(f"### {rng.choice(['Notes', 'What changed', 'Open questions', 'Caveats'])}")
            words += 2
        else:
            sents = [decorate(rng, sentence(rng), slug, org) for _ in range(rng.randint(2, 5))]
            words += sum(len(s.split()) for s in sents)
            paras.append(" ".join(sents))
    return "\n\n".join(paras) + "\n"


def make_licenses(rng, today):
    out = []
    archetypes = ["osi-permissive", "osi-copyleft", "open-content", "custom-permissive",
                  "restricted-use", "custom-capped", "proprietary"]
    for k in range(50):
        arche = archetypes[k % len(archetypes)]
        lid = f"synth-license-{k + 1:02d}"
        L = {"id": lid, "name": f"Synth {arche.replace('-', ' ').title()} License {k + 1}",
             "url": f"https://example.org/licenses/{lid}/", "copyleft": False,
             "spdx": None}
        terms = {t: {"applies": False} for t in
                 ["scale_cap", "field_of_use", "geographic", "revocation", "attribution", "branding"]}
        L["distillation"] = {"status": "allowed"}
        L["derivative_naming"] = {"applies": False}
        if arche in ("osi-permissive", "osi-copyleft"):
            L["standard"] = "osi-approved"
            L["spdx"] = f"LicenseRef-Synth-{k + 1}"
            L["copyleft"] = arche == "osi-copyleft"
            terms["attribution"] = {"applies": True, "detail": "keep the notice file", "evidence": ["text"]}
        elif arche == "open-content":
            L["standard"] = "open-content"
            terms["attribution"] = {"applies": True, "detail": "credit the dataset authors", "evidence": ["text"]}
        elif arche == "proprietary":
            L["standard"] = "proprietary"
            L["distillation"] = {"status": "prohibited", "evidence": ["text"]}
        else:
            L["standard"] = "custom"
            if arche == "restricted-use":
                terms["field_of_use"] = {"applies": True, "detail": rng.choice(["acceptable-use policy", "no military use", "research and education only"]), "evidence": ["text"]}
                if rng.random() < 0.5:
                    terms["geographic"] = {"applies": True, "detail": rng.choice(["not licensed in one region", "sanctioned countries excluded"]), "evidence": ["text"]}
            if arche == "custom-capped":
                if rng.random() < 0.7:
                    terms["scale_cap"] = {"applies": True, "detail": f"{rng.choice([100, 300, 700])} million monthly active users", "evidence": ["text"]}
                else:
                    terms["revocation"] = {"applies": True, "detail": "the licensor may terminate at will", "evidence": ["text"]}
                terms["field_of_use"] = {"applies": rng.random() < 0.6, "detail": "acceptable-use policy", "evidence": ["text"]}
            if rng.random() < 0.5:
                terms["branding"] = {"applies": True, "detail": f"\"Built with Synth {k + 1}\" displayed", "evidence": ["text"]}
            terms["attribution"] = {"applies": rng.random() < 0.8}
            L["distillation"] = {"status": rng.choice(["allowed", "conditional", "prohibited", "unknown"])}
            if L["distillation"]["status"] == "conditional":
                L["distillation"]["detail"] = "derivatives must carry the name"
            if rng.random() < 0.4:
                L["derivative_naming"] = {"applies": True, "prefix": rng.choice(["Synth", "Built-with-Synth", "SynthLM"]), "evidence": ["text"]}
        L["terms"] = terms
        L["summary"] = (f"A synthetic {arche} license for benchmarks, number {k + 1}. "
                        f"It {'restricts' if arche in ('restricted-use', 'custom-capped', 'proprietary') else 'does not restrict'} use.")
        L["sources"] = [{"id": "text", "url": L["url"], "kind": "license", "title": L["name"],
                         "accessed": str(date_add(today, -rng.randint(5, 200)))}]
        if rng.random() < 0.4:
            L["sources"].append({"id": "faq", "url": f"https://example.org/licenses/{lid}/faq", "kind": "documentation",
                                 "title": f"{L['name']}: frequently asked questions",
                                 "accessed": str(date_add(today, -rng.randint(5, 200)))})
        out.append(L)
    return out


def license_toml(L):
    lines = [f"name = {q(L['name'])}"]
    if L["spdx"]:
        lines.append(f"spdx = {q(L['spdx'])}")
    lines += [f"url = {q(L['url'])}", f"standard = {q(L['standard'])}"]
    if L["copyleft"]:
        lines.append("copyleft = true")
    lines.append(f"summary = {q(L['summary'])}")
    for t, v in L["terms"].items():
        parts = [f"applies = {'true' if v['applies'] else 'false'}"]
        if v.get("detail"):
            parts.append(f"detail = {q(v['detail'])}")
        if v.get("evidence") and v["applies"]:
            parts.append(f"evidence = {arr(v['evidence'])}")
        lines.append(f"{t} = {{ {', '.join(parts)} }}")
    d = L["distillation"]
    parts = [f"status = {q(d['status'])}"]
    if d.get("detail"):
        parts.append(f"detail = {q(d['detail'])}")
    if d.get("evidence"):
        parts.append(f"evidence = {arr(d['evidence'])}")
    lines.append(f"distillation = {{ {', '.join(parts)} }}")
    n = L["derivative_naming"]
    parts = [f"applies = {'true' if n['applies'] else 'false'}"]
    if n.get("prefix"):
        parts.append(f"prefix = {q(n['prefix'])}")
    if n.get("evidence"):
        parts.append(f"evidence = {arr(n['evidence'])}")
    lines.append(f"derivative_naming = {{ {', '.join(parts)} }}")
    for s in L["sources"]:
        lines += sources_toml(s)
    return "\n".join(lines) + "\n"


def sources_toml(s):
    return ["", "[[sources]]", f"id = {q(s['id'])}", f"url = {q(s['url'])}", f"kind = {q(s['kind'])}",
            f"title = {q(s['title'])}", f"accessed = {s['accessed']}"]


def make_orgs(rng, today, n=500):
    out = []
    for k in range(n):
        oid = f"synth-org-{k + 1:03d}"
        url = f"https://example.org/orgs/{oid}/"
        o = {"id": oid, "name": f"Synth Org {k + 1:03d}", "country": rng.choice(COUNTRIES),
             "kind": rng.choice(ORG_KINDS), "url": url,
             "sources": [{"id": "site", "url": url, "kind": "documentation", "title": f"Synth Org {k + 1:03d} home page",
                          "accessed": str(date_add(today, -rng.randint(5, 300)))}]}
        if rng.random() < 0.5:
            o["sources"].append({"id": "registry", "url": f"https://example.org/registry/{oid}", "kind": "regulator",
                                 "title": f"Company registry entry of Synth Org {k + 1:03d}",
                                 "accessed": str(date_add(today, -rng.randint(5, 300)))})
        out.append(o)
    return out


def org_toml(o):
    lines = [f"name = {q(o['name'])}", f"country = {q(o['country'])}", f"kind = {q(o['kind'])}", f"url = {q(o['url'])}"]
    for s in o["sources"]:
        lines += sources_toml(s)
    return "\n".join(lines) + "\n"


PROFILES = [  # (weight, name, component status weights, point status weights)
    (10, "open", {"open": 8, "partial": 1, "closed": 0, "unknown": 1}, {"met": 5, "partial": 3, "not-met": 1, "unknown": 2}),
    (45, "open-weights", {"open": 3, "partial": 3, "closed": 3, "unknown": 2}, {"met": 2, "partial": 3, "not-met": 2, "unknown": 3}),
    (25, "closed", {"open": 1, "partial": 1, "closed": 6, "unknown": 3}, {"met": 2, "partial": 2, "not-met": 3, "unknown": 3}),
    (20, "undisclosed", {"open": 1, "partial": 1, "closed": 1, "unknown": 7}, {"met": 1, "partial": 1, "not-met": 1, "unknown": 7}),
]


def pick(rng, weights):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def make_release(rng, i, n, releases, orgs, org_w, licenses, lic_w, today, start, span):
    slug = f"synth-model-{i:06d}"
    org = rng.choices(orgs, weights=org_w)[0]
    derived = i > 10 and rng.random() < 0.2
    kind = rng.choice(DERIVED_KINDS if derived else BASE_KINDS)
    base_models = []
    if derived:
        k = 2 if kind == "merge" and i > 20 else 1
        base_models = sorted({releases[rng.randrange(i)]["slug"] for _ in range(k)})
    date = date_add(start, (i * span) // n + rng.randint(0, 2))
    for b in base_models:
        bd = releases[int(b.rsplit("-", 1)[1])]["release_date"]
        date = max(date, dt.date.fromisoformat(bd))
    date = min(date, date_add(today, -1))
    reviewed = max(date, date_add(today, -rng.randint(1, 330)))
    prof = rng.choices(PROFILES, weights=[p[0] for p in PROFILES])[0]
    if kind == "hosted-service":
        availability = "api-only"
    elif prof[1] == "closed":
        availability = rng.choice(["api-only", "gated-download", "not-released"])
    else:
        availability = rng.choice(["open-download"] * 3 + ["gated-download"])
    # Sources: the card first, then 1–5 more.
    pool = rng.sample(SOURCE_POOL, rng.randint(1, 5))
    sources = [("card", "model-card")] + pool
    srcs = []
    for sid, skind in sources:
        acc = date_add(reviewed, -rng.randint(0, 20))
        acc = max(acc, date)
        srcs.append({"id": sid, "url": f"https://example.org/{org['id']}/{slug}/{sid}", "kind": skind,
                     "title": f"Synth Model {i:06d} {skind.replace('-', ' ')}", "accessed": str(min(acc, today))})
    primary = [s["id"] for s in srcs if s["kind"] in PRIMARY]
    anyid = [s["id"] for s in srcs]

    def ev(positive):
        if positive:
            e = [rng.choice(primary)]
        else:
            e = [rng.choice(anyid)]
        if rng.random() < 0.3:
            e2 = rng.choice(anyid)
            if e2 not in e:
                e.append(e2)
        return e

    def note():
        if rng.random() < 0.25:
            return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(QUALIFIERS)}."
        return None

    lic = rng.choices(licenses, weights=lic_w)[0]["id"]
    if base_models and rng.random() < 0.6:
        lic = releases[int(base_models[0].rsplit("-", 1)[1])]["license"]["weights"]
    license = {"weights": lic}
    if rng.random() < 0.4:
        license["code"] = rng.choices(licenses, weights=lic_w)[0]["id"]
    if rng.random() < 0.1:
        license["data"] = rng.choices(licenses, weights=lic_w)[0]["id"]
    osaid = {}
    for c in COMPONENTS:
        st = pick(rng, prof[2])
        e = {"status": st}
        if st != "unknown":
            e["evidence"] = ev(st == "open")
        nt = note()
        if nt:
            e["note"] = nt
        if c in ("training_code", "inference_code") and rng.random() < 0.05:
            e["license"] = rng.choices(licenses, weights=lic_w)[0]["id"]
        osaid[c] = e
    gov = {}
    for p in POINTS:
        st = pick(rng, prof[3])
        e = {"status": st}
        if st != "unknown":
            e["evidence"] = ev(st == "met")
        nt = note()
        if nt:
            e["note"] = nt
        gov[p] = e
    safety = {}
    for f in ["hosted_safeguards", "benchmarks_published", "recall_claimed"]:
        r = rng.random()
        if r < 0.35:
            safety[f] = {"value": True, "evidence": ev(True)}
        elif r < 0.6:
            safety[f] = {"value": False}
    marketed = []
    if rng.random() < 0.4:
        src = "announce" if "announce" in anyid else "card"
        marketed.append({"claim": rng.choice(CLAIMS), "source": src})
    findings = []
    if rng.random() < 0.03:
        findings.append({"mode": rng.choice(MODES), "reason": f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} [card]",
                         "evidence": ["card"]})
    artifact = {}
    if availability != "not-released":
        artifact["repository"] = f"https://example.org/hub/{org['id']}/{slug}"
    if rng.random() < 0.7:
        artifact["revision"] = "%040x" % rng.getrandbits(160)
    if rng.random() < 0.2:
        artifact["sha256"] = "%064x" % rng.getrandbits(256)
    if availability in ("open-download", "gated-download"):
        artifact["format"] = rng.choice(FORMATS)
    r = {
        "slug": slug, "name": f"Synth Model {i:06d}", "organization": org["id"], "kind": kind,
        "modality": rng.choice(MODALITIES),
        "version": f"{org['id']}/{slug}" if rng.random() < 0.85 else None,
        "release_date": str(date), "reviewed": str(reviewed), "base_models": base_models,
        "availability": availability, "artifact": artifact,
        "parameters": rng.choice(["1B", "3B", "7B", "8B", "13B", "32B", "70B", "8x7B", "405B", None]),
        "marketed_as": marketed, "license": license, "osaid": osaid, "governance": gov,
        "safety": safety, "findings": findings, "sources": srcs,
        "body": narrative(rng, slug, org["id"]),
    }
    return r


def inline(d, keys):
    parts = []
    for k in keys:
        if k in d and d[k] is not None:
            v = d[k]
            if isinstance(v, bool):
                parts.append(f"{k} = {'true' if v else 'false'}")
            elif isinstance(v, list):
                parts.append(f"{k} = {arr(v)}")
            else:
                parts.append(f"{k} = {q(v)}")
    return "{ " + ", ".join(parts) + " }"


def release_md(r):
    L = ["+++", f"name = {q(r['name'])}", f"organization = {q(r['organization'])}", f"kind = {q(r['kind'])}",
         f"modality = {q(r['modality'])}"]
    if r["version"]:
        L.append(f"version = {q(r['version'])}")
    L += [f"release_date = {r['release_date']}", f"reviewed = {r['reviewed']}",
          f"base_models = {arr(r['base_models'])}", f"availability = {q(r['availability'])}"]
    if r["artifact"]:
        L.append(f"artifact = {inline(r['artifact'], ['repository', 'revision', 'sha256', 'format'])}")
    if r["parameters"]:
        L.append(f"parameters = {q(r['parameters'])}")
    for m in r["marketed_as"]:
        L += ["", "[[marketed_as]]", f"claim = {q(m['claim'])}", f"source = {q(m['source'])}"]
    L += ["", "[license]"] + [f"{k} = {q(v)}" for k, v in r["license"].items()]
    L += ["", "[osaid]"] + [f"{c} = {inline(v, ['status', 'evidence', 'note', 'license'])}" for c, v in r["osaid"].items()]
    L += ["", "[governance]"] + [f"{p} = {inline(v, ['status', 'evidence', 'note'])}" for p, v in r["governance"].items()]
    if r["safety"]:
        L += ["", "[safety]"] + [f"{f} = {inline(v, ['value', 'evidence'])}" for f, v in r["safety"].items()]
    for f in r["findings"]:
        L += ["", "[[findings]]", f"mode = {q(f['mode'])}", f"reason = {q(f['reason'])}", f"evidence = {arr(f['evidence'])}"]
    for s in r["sources"]:
        L += sources_toml(s)
    L.append("+++")
    return "\n".join(L) + "\n" + r["body"]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--releases", type=int, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=8)
    ap.add_argument("--today", default="2026-11-01", help="the day SOURCE_DATE_EPOCH will name")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    today = dt.date.fromisoformat(a.today)
    start = dt.date(2019, 1, 1)
    span = (date_add(today, -3) - start).days
    out = a.out
    if os.path.exists(out):
        shutil.rmtree(out)
    for d in ["models", "licenses", "orgs"]:
        os.makedirs(os.path.join(out, "content", d))
    with open(os.path.join(out, "site.toml"), "w") as f:
        f.write('title = "Synthetic Openness Index"\n'
                'description = "A synthetic index generated for benchmarks; every name and URL is made up."\n'
                'repository = "https://example.org/synthetic-index"\n')
    licenses = make_licenses(rng, today)
    for L in licenses:
        with open(os.path.join(out, "content", "licenses", L["id"] + ".toml"), "w") as f:
            f.write(license_toml(L))
    orgs = make_orgs(rng, today)
    for o in orgs:
        with open(os.path.join(out, "content", "orgs", o["id"] + ".toml"), "w") as f:
            f.write(org_toml(o))
    org_w = zipf_weights(len(orgs), 0.8)
    lic_w = zipf_weights(len(licenses), 0.9)
    releases = []
    with open(os.path.join(out, "facts.jsonl"), "w") as facts:
        for i in range(a.releases):
            r = make_release(rng, i, a.releases, releases, orgs, org_w, licenses, lic_w, today, start, span)
            with open(os.path.join(out, "content", "models", r["slug"] + ".md"), "w") as f:
                f.write(release_md(r))
            facts.write(json.dumps(r) + "\n")
            # Keep only what later releases look up (their bases' dates and licenses).
            releases.append({"slug": r["slug"], "release_date": r["release_date"], "license": r["license"]})
    with open(os.path.join(out, "licenses.json"), "w") as f:
        json.dump(licenses, f)
    with open(os.path.join(out, "orgs.json"), "w") as f:
        json.dump(orgs, f)


if __name__ == "__main__":
    main()
