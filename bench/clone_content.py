#!/usr/bin/env python3
"""Clones the shipped index to N releases: real content at any size, for benchmarks.

    clone_content.py SRC N OUT

SRC is a site directory (the repository: site.toml and content/). OUT gets SRC's site.toml
and content/ with content/models/ holding N release files: clone group 0 is the shipped
releases as they are; group k (1, 2, …) copies every shipped release file under the slug
`<slug>-c<k>` with " (copy k)" appended to its name, and its `base_models` remapped to the
copies of group k, so every lineage link stays inside its group and valid. Nothing else in a
release file changes (sources, narratives, notes and licenses are the real ones), and the
licenses and organizations are kept as they are. When N is not a multiple of the number of
shipped releases, the last group takes a prefix of the releases in an order where bases come
before their derivatives, so its links stay valid too.

Deterministic: the same SRC and N give the same bytes. OUT is replaced if it exists.
"""

import os
import re
import shutil
import sys
import tomllib

NAME = re.compile(r'^name = "((?:[^"\\]|\\.)*)"$', re.M)
BASES = re.compile(r"^base_models = (\[.*\])$", re.M)


def front_matter(text, path):
    if not text.startswith("+++\n"):
        raise SystemExit(f"{path}: no +++ front matter")
    end = text.index("\n+++\n", 3)
    return text[4:end + 1], end + 1


def load(src):
    models = os.path.join(src, "content", "models")
    rel = {}
    for fn in sorted(os.listdir(models)):
        if not fn.endswith(".md"):
            continue
        path = os.path.join(models, fn)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        fm, end = front_matter(text, path)
        data = tomllib.loads(fm)
        # The edits below are textual, so that everything else stays byte for byte; check
        # that each edited key is on exactly one line of the front matter.
        if len(NAME.findall(fm)) != 1 or len(BASES.findall(fm)) != 1:
            raise SystemExit(f"{path}: expected one `name = \"…\"` line and one one-line `base_models = [...]`")
        rel[fn[:-3]] = {"text": text, "fm_end": end, "bases": list(data.get("base_models", []))}
    return rel


def topological(rel):
    """Slugs in an order where every base in the index comes before its derivatives."""
    out, state = [], {}

    def visit(s):
        if state.get(s) == 2:
            return
        if state.get(s) == 1:
            raise SystemExit(f"a lineage cycle through {s}")
        state[s] = 1
        for b in rel[s]["bases"]:
            if b in rel:
                visit(b)
        state[s] = 2
        out.append(s)

    for s in sorted(rel):
        visit(s)
    return out


def copy_of(slug, k):
    return slug if k == 0 else f"{slug}-c{k}"


def clone_text(r, k):
    if k == 0:
        return r["text"]
    text, end = r["text"], r["fm_end"]
    fm, body = text[:end], text[end:]
    fm = NAME.sub(lambda m: f'name = "{m.group(1)} (copy {k})"', fm, count=1)
    bases = ", ".join(f'"{copy_of(b, k)}"' for b in r["bases"])
    fm = BASES.sub(lambda m: f"base_models = [{bases}]", fm, count=1)
    return fm + body


def main():
    if len(sys.argv) != 4:
        raise SystemExit(__doc__)
    src, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    rel = load(src)
    order = topological(rel)
    missing = {b for r in rel.values() for b in r["bases"] if b not in rel}
    if missing:
        raise SystemExit(f"base_models not in {src}: {', '.join(sorted(missing))}")
    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(os.path.join(out, "content", "models"))
    shutil.copy(os.path.join(src, "site.toml"), os.path.join(out, "site.toml"))
    for d in sorted(os.listdir(os.path.join(src, "content"))):
        p = os.path.join(src, "content", d)
        if d != "models" and os.path.isdir(p):
            shutil.copytree(p, os.path.join(out, "content", d))
    written, k = 0, 0
    while written < n:
        for s in order[:n - written]:
            with open(os.path.join(out, "content", "models", copy_of(s, k) + ".md"), "w", encoding="utf-8") as f:
                f.write(clone_text(rel[s], k))
            written += 1
        k += 1
    print(f"cloned {len(rel)} releases of {src} to {written} in {out} ({k} groups)")


if __name__ == "__main__":
    main()
