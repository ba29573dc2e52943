#!/usr/bin/env python3
"""Measures the rebuild after one edit: `build` into an output directory that holds a full build.

    incremental.py --bin OPENINDEX --site DIR --out OUT [--runs 3] [--slug SLUG] --results JSON

First (untimed) builds DIR into OUT unless OUT already holds a build. Then, for each run:
appends one sentence to the narrative of one release file (SLUG, default the first release
file of DIR in sorted order; sentence k of run k, so each run is one new edit on top of a
build of the previous state), builds into the same OUT, timed with /usr/bin/time (wall, user,
system, peak RSS), and checks that the release's page in OUT has the new sentence. It counts
the output's files and bytes, and how many of them are new files (an inode that was not in
OUT before the run): a build that writes everything again rewrites all of them, a build that
keeps unchanged files (hard links, or files left in place) only a few. The release file is
put back as it was at the end, and OUT is left with a build of the edited site.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

SENTENCE = "This sentence was appended by the incremental-rebuild benchmark (edit {k})."


def inodes(root):
    out = {}
    for d, _, names in os.walk(root):
        for n in names:
            st = os.lstat(os.path.join(d, n))
            out[(st.st_dev, st.st_ino)] = st.st_size
    return out


def timed(cmd):
    with tempfile.NamedTemporaryFile("r", suffix=".time") as t:
        p = subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M", "-o", t.name] + cmd,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if p.returncode != 0:
            sys.stderr.write(p.stderr)
            raise SystemExit(f"failed ({p.returncode}): {' '.join(cmd)}")
        wall, user, system, rss = t.read().split()[-4:]
    return {"wall_s": float(wall), "user_s": float(user), "system_s": float(system), "peak_rss_kb": int(rss)}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", required=True)
    ap.add_argument("--site", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--slug")
    ap.add_argument("--results", required=True)
    a = ap.parse_args()

    models = os.path.join(a.site, "content", "models")
    slug = a.slug or sorted(f[:-3] for f in os.listdir(models) if f.endswith(".md"))[0]
    path = os.path.join(models, slug + ".md")
    build = [a.bin, "-C", a.site, "build", "--out", a.out]
    if not os.path.exists(os.path.join(a.out, "index.html")):
        subprocess.run(build, check=True, stdout=subprocess.DEVNULL)
    with open(path, "rb") as f:
        original = f.read()
    page = os.path.join(a.out, "models", slug, "index.html")
    runs = []
    try:
        text = original.decode("utf-8").rstrip("\n")
        for k in range(1, a.runs + 1):
            before = inodes(a.out)
            text += "\n\n" + SENTENCE.format(k=k)
            with open(path, "w", encoding="utf-8") as f:
                f.write(text + "\n")
            r = timed(build)
            after = inodes(a.out)
            with open(page, encoding="utf-8") as f:
                if SENTENCE.format(k=k) not in f.read():
                    raise SystemExit(f"{page} does not show edit {k} after the rebuild")
            r["files"] = len(after)
            r["bytes"] = sum(after.values())
            r["new_files"] = sum(1 for i in after if i not in before)
            runs.append(r)
            print(f"   edit {k}: rebuilt in {r['wall_s']:.2f} s; {r['new_files']} of {r['files']} files new", flush=True)
    finally:
        with open(path, "wb") as f:
            f.write(original)

    walls = [r["wall_s"] for r in runs]
    result = {
        "slug": slug, "releases": len([f for f in os.listdir(models) if f.endswith(".md")]),
        "runs": runs, "median_s": statistics.median(walls), "min_s": min(walls), "max_s": max(walls),
        "median_user_s": statistics.median(r["user_s"] for r in runs),
        "median_system_s": statistics.median(r["system_s"] for r in runs),
        "peak_rss_kb": max(r["peak_rss_kb"] for r in runs),
        "files": runs[-1]["files"], "bytes": runs[-1]["bytes"],
        "median_new_files": statistics.median(r["new_files"] for r in runs),
    }
    with open(a.results, "w") as f:
        json.dump(result, f, indent=1)


if __name__ == "__main__":
    main()
