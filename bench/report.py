#!/usr/bin/env python3
"""Turns bench/run.sh results into the markdown tables of docs/benchmarks.md.

    report.py RESULTS_DIR

Reads machine.json; for each synthetic size build-N.json, check-N.json, sizes-N.json and
hugo-identity-N-<label>.json; for each real-content size real-build-N.json,
real-check-N.json, real-incremental-N.json and real-sizes-N.json; and serve-1000.json.
Results of the earlier harness (one Hugo, labelled `hugo`) are read too.
"""

import glob
import json
import os
import re
import sys


def fmt_s(x):
    return f"{x:.3f} s" if x < 10 else f"{x:.1f} s"


def mib(kb):
    return f"{kb / 1024:.0f} MiB" if kb else "—"


def load(d, name):
    p = os.path.join(d, name)
    return json.load(open(p)) if os.path.exists(p) else None


def sizes_of(d, prefix):
    pat = re.compile(re.escape(prefix) + r"(\d+)\.json$")
    return sorted(int(m.group(1)) for p in glob.glob(os.path.join(d, prefix + "*.json"))
                  if (m := pat.search(os.path.basename(p))))


def hugo_labels(machine, builds):
    """The Hugo labels, in the order run.sh ran them."""
    labels = [h["label"] for h in machine.get("hugos", [])]
    if not labels and "hugo" in machine:
        labels = ["hugo"]
    for b in builds:
        for c in b:
            if c.startswith("hugo") and c not in labels:
                labels.append(c)
    return labels


def ratio(other, m):
    return f"{other / m:.2f}× faster" if m <= other else f"{m / other:.2f}× slower"


def synthetic(d, machine, out):
    sizes = sizes_of(d, "build-")
    if not sizes:
        return
    builds = {n: {r["command"]: r for r in json.load(open(os.path.join(d, f"build-{n}.json")))["results"]} for n in sizes}
    labels = hugo_labels(machine, builds.values())
    out.append("| releases | tool | median build | min–max | runs | peak RSS | files | bytes | ms / release | "
               + " | ".join(f"vs {l}" for l in labels) + " | vs I/O floor |")
    out.append("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | " + "---: | " * len(labels) + "---: |")
    floor_rows, check_rows, identity = [], [], []
    for n in sizes:
        b = builds[n]
        s = json.load(open(os.path.join(d, f"sizes-{n}.json")))
        info = {"openindex": s["openindex"]}
        info.update(s.get("hugos") or ({"hugo": s["hugo"]} if "hugo" in s else {}))
        hugo_median = {l: b[l]["median"] for l in labels if l in b}
        for tool in ["openindex"] + labels:
            if tool not in b:
                out.append(f"| {n:,} | {tool} | not run (`--hugo-max`) |" + " |" * (7 + len(labels)))
                continue
            r, m = b[tool], b[tool]["median"]
            floor = b.get(f"cp-{tool}-output", {}).get("median")
            vs = []
            for l in labels:
                if l not in hugo_median:
                    vs.append("—")
                elif l == tool:
                    vs.append("1.00×")
                else:
                    vs.append(ratio(hugo_median[l], m))
            t = info.get(tool, {})
            out.append(f"| {n:,} | {tool} | {fmt_s(m)} | {fmt_s(r['min'])}–{fmt_s(r['max'])} | {len(r['times'])} | "
                       f"{mib(t.get('peak_rss_kb', 0))} | {t.get('files', 0):,} | {t.get('bytes', 0) / 1e6:,.1f} MB | "
                       f"{m * 1000 / n:.3f} | " + " | ".join(vs) + f" | {f'{m / floor:.1f}×' if floor else '—'} |")
        floors = [b.get(f"cp-{t}-output", {}).get("median") for t in ["openindex"] + labels]
        floor_rows.append(f"| {n:,} | " + " | ".join(fmt_s(f) if f else "—" for f in floors)
                          + f" | {s['load_before']} | {s['load_after']} |")
        c = json.load(open(os.path.join(d, f"check-{n}.json")))["results"][0]
        check_rows.append(f"| {n:,} | {fmt_s(c['median'])} | {fmt_s(c['min'])}–{fmt_s(c['max'])} | {len(c['times'])} | "
                          f"{c['median'] * 1000 / n:.3f} | {s['load_before_check']} |")
        for l in labels[1:]:
            x = load(d, f"hugo-identity-{n}-{l}.json")
            if x:
                same = not (x["missing"] or x["extra"] or x["different"])
                identity.append(f"| {n:,} | {labels[0]} | {l} | {x['files_a']:,} | {x['files_b']:,} | "
                                f"{len(x['missing'])} | {len(x['extra'])} | {len(x['different'])} | "
                                f"{'identical' if same else '**not identical**'} |")
    out.append("")
    out.append("I/O floor (`cp -r` of each tool's output tree, median) and load averages (1, 5, 15 min) around the build runs:")
    out.append("")
    out.append("| releases | cp -r openindex output | " + " | ".join(f"cp -r {l} output" for l in labels)
               + " | load before | load after |")
    out.append("| ---: | ---: | " + "---: | " * len(labels) + "--- | --- |")
    out += floor_rows
    if identity:
        out.append("")
        out.append("Equal work across Hugo versions (`bench/compare_outputs.py`: the same paths with the same bytes):")
        out.append("")
        out.append("| releases | A | B | files A | files B | only in A | only in B | different | |")
        out.append("| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | --- |")
        out += identity
    out.append("")
    out.append("`openindex check`:")
    out.append("")
    out.append("| releases | median | min–max | runs | ms / release | load before |")
    out.append("| ---: | ---: | ---: | ---: | ---: | --- |")
    out += check_rows


def real(d, out):
    sizes = sizes_of(d, "real-build-")
    if not sizes:
        return
    out.append("")
    out.append("The shipped content cloned to N releases (`bench/clone_content.py`); medians, user and system "
               "time are hyperfine's means, peak RSS the largest of the runs:")
    out.append("")
    out.append("| releases | command | median | min–max | runs | user | system | peak RSS | files | bytes | ms / release | load before |")
    out.append("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    for n in sizes:
        b = {r["command"]: r for r in json.load(open(os.path.join(d, f"real-build-{n}.json")))["results"]}
        c = load(d, f"real-check-{n}.json")
        c = c["results"][0] if c else None
        inc = load(d, f"real-incremental-{n}.json")
        s = load(d, f"real-sizes-{n}.json") or {}
        bs = s.get("build", {})

        def row(name, r, rss, files, nbytes, load_):
            return (f"| {n:,} | {name} | {fmt_s(r['median'])} | {fmt_s(r['min'])}–{fmt_s(r['max'])} | {len(r['times'])} | "
                    f"{fmt_s(r['user'])} | {fmt_s(r['system'])} | {mib(rss)} | {files} | {nbytes} | "
                    f"{r['median'] * 1000 / n:.3f} | {load_} |")
        files = f"{bs['files']:,}" if bs else ""
        nbytes = f"{bs['bytes'] / 1e6:,.1f} MB" if bs else ""
        if "build" in b:
            out.append(row("`build`", b["build"], bs.get("peak_rss_kb", 0), files, nbytes, s.get("load_before", "")))
        if "cp-output" in b:
            out.append(row("`cp -r` of the output", b["cp-output"], 0, files, nbytes, s.get("load_before", "")))
        if c:
            out.append(row("`check`", c, s.get("check", {}).get("peak_rss_kb", 0), "", "", s.get("load_before_check", "")))
        if inc:
            rr = {"median": inc["median_s"], "min": inc["min_s"], "max": inc["max_s"], "times": inc["runs"],
                  "user": inc["median_user_s"], "system": inc["median_system_s"]}
            out.append(row(f"`build` after one edit ({inc['median_new_files']:,.0f} files new)", rr,
                           inc["peak_rss_kb"], f"{inc['files']:,}", f"{inc['bytes'] / 1e6:,.1f} MB",
                           s.get("load_before_incremental", "")))
    out.append("")
    out.append("The rebuild after one edit appends a sentence to one release's narrative and builds into the "
               "output of a full build; \"files new\" counts the output files that were not there before (new inodes). "
               "Its user and system times are medians.")


def main():
    d = sys.argv[1]
    machine = json.load(open(os.path.join(d, "machine.json")))
    hugos = "; ".join(h["version"] for h in machine.get("hugos", [])) or machine.get("hugo", "")
    out = [f"Machine: {machine['nproc']} cores ({machine['cpu']}), {machine['mem_gib']} GiB RAM, "
           f"Linux {machine['kernel']}; {hugos}; {machine['hyperfine']}; "
           f"openindex {machine['revision']} (binary sha256 {machine['openindex_sha256']}…).", ""]
    synthetic(d, machine, out)
    real(d, out)
    serve = os.path.join(d, "serve-1000.json")
    if os.path.exists(serve):
        sv = json.load(open(serve))
        out.append("")
        out.append(f"`openindex serve` at 1,000 releases, {sv['edits']} one-file edits: median {sv['median_reload_ms']:.0f} ms "
                   f"from the write to the reload event, median {sv['median_page_ms']:.0f} ms (max {sv['max_page_ms']:.0f} ms) "
                   f"until the edited page is served with the change.")
    print("\n".join(out))


if __name__ == "__main__":
    main()
