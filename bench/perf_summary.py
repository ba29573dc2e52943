#!/usr/bin/env python3
"""Groups a flat `perf report` (self time by symbol) into the parts of openindex's build.

    perf report -i perf.data --no-children --sort dso,symbol -g none --percent-limit 0 \
        | perf_summary.py [--top 25]
"""

import collections
import re
import sys

# First matching pattern wins.
RULES = [
    ("minify_html", "HTML minification (minify-html)"),
    ("aho_corasick", "HTML minification (minify-html: aho-corasick)"),
    ("ahash", "HTML minification (minify-html: ahash)"),
    ("tera::", "templates (tera)"),
    ("pulldown_cmark", "markdown (pulldown-cmark)"),
    ("toml", "TOML parsing"),
    ("serde_json", "JSON (serde_json)"),
    ("codespan", "diagnostics"),
    ("mi_", "allocator (mimalloc)"),
    ("__rust_alloc", "allocator (mimalloc)"),
    ("__rust_dealloc", "allocator (mimalloc)"),
    ("__rust_realloc", "allocator (mimalloc)"),
    ("finish_grow", "allocator (mimalloc)"),
    ("do_reserve_and_handle", "allocator (mimalloc)"),
    ("memset", "memset"),
    ("memmove", "memcpy/memmove"),
    ("memcpy", "memcpy/memmove"),
    ("memcmp", "memcmp"),
    ("memchr", "memchr"),
    ("StrSearcher", "str::replace / find"),
    ("str>::replace", "str::replace / find"),
    ("core::fmt", "formatting"),
    ("alloc::fmt", "formatting"),
    ("BTree", "BTreeMap"),
    ("btree", "BTreeMap"),
    ("hash", "hashing / HashMap"),
    ("rayon", "rayon"),
    ("crossbeam", "rayon"),
    ("openindex::", "openindex's own code"),
]


def main():
    top = 25
    if "--top" in sys.argv:
        top = int(sys.argv[sys.argv.index("--top") + 1])
    cats = collections.Counter()
    syms = []
    for line in sys.stdin:
        m = re.match(r"\s*([\d.]+)%\s+(\S+)\s+\[(.)\]\s+(.*)", line)
        if not m:
            continue
        pct, dso, kind, sym = float(m.group(1)), m.group(2), m.group(3), m.group(4).strip()
        sym = re.sub(r"\s+-\s+-\s*$", "", sym).strip()
        syms.append((pct, dso, sym))
        if kind == "k":
            cats["kernel (file system, page faults)"] += pct
            continue
        for pat, name in RULES:
            if pat in sym:
                cats[name] += pct
                break
        else:
            cats["other"] += pct
    print("share of samples by part:")
    for k, v in cats.most_common():
        print(f"  {v:6.2f}%  {k}")
    print(f"top {top} symbols (self):")
    for pct, dso, sym in sorted(syms, reverse=True)[:top]:
        print(f"  {pct:6.2f}%  {sym[:110]}")


if __name__ == "__main__":
    main()
