#!/usr/bin/env python3
"""Compares two output trees file by file.

    compare_outputs.py A B [--show N] [--json OUT]

Reports the files only in A (missing from B), only in B (extra), and present in both with
different bytes; for each different file, the first differing offset with a little context.
Exits 0 when the trees are identical, 1 otherwise. Nothing is normalised: paths and bytes
are compared exactly.
"""

import argparse
import json
import os
import sys

def tree(root):
    files = {}
    for d, _, names in os.walk(root):
        for n in names:
            p = os.path.join(d, n)
            files[os.path.relpath(p, root)] = p
    return files


def load(path):
    with open(path, "rb") as f:
        return f.read()


def first_diff(a, b):
    n = min(len(a), len(b))
    for i in range(n):
        if a[i] != b[i]:
            return i
    return n


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("a")
    ap.add_argument("b")
    ap.add_argument("--show", type=int, default=10, help="how many paths of each kind to list (default 10)")
    ap.add_argument("--json", help="also write the full lists to this file")
    args = ap.parse_args()

    ta, tb = tree(args.a), tree(args.b)
    missing = sorted(set(ta) - set(tb))
    extra = sorted(set(tb) - set(ta))
    common = sorted(set(ta) & set(tb))
    different = []
    for rel in common:
        x, y = load(ta[rel]), load(tb[rel])
        if x != y:
            i = first_diff(x, y)
            different.append({"path": rel, "offset": i, "sizes": [len(x), len(y)],
                              "a": x[max(0, i - 40):i + 60].decode("utf-8", "replace"),
                              "b": y[max(0, i - 40):i + 60].decode("utf-8", "replace")})

    print(f"A: {args.a}: {len(ta)} files")
    print(f"B: {args.b}: {len(tb)} files")
    print(f"identical: {len(common) - len(different)}; different: {len(different)}; "
          f"only in A (missing from B): {len(missing)}; only in B (extra): {len(extra)}")
    for title, paths in (("only in A", missing), ("only in B", extra)):
        for p in paths[:args.show]:
            print(f"  {title}: {p}")
        if len(paths) > args.show:
            print(f"  … and {len(paths) - args.show} more {title}")
    for d in different[:args.show]:
        print(f"  different: {d['path']} (sizes {d['sizes'][0]} and {d['sizes'][1]}, first difference at byte {d['offset']})")
        print(f"    A: {d['a']!r}")
        print(f"    B: {d['b']!r}")
    if len(different) > args.show:
        print(f"  … and {len(different) - args.show} more different")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"a": args.a, "b": args.b, "files_a": len(ta), "files_b": len(tb),
                       "missing": missing, "extra": extra,
                       "different": different}, f, indent=1)
    sys.exit(0 if not (missing or extra or different) else 1)


if __name__ == "__main__":
    main()
