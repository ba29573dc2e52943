#!/usr/bin/env python3
"""Turns bench/run.sh results into the markdown tables of docs/benchmarks.md.

    report.py RESULTS_DIR
"""

import glob
import json
import os
import sys


def fmt_s(x):
    return f"{x:.3f} s" if x < 10 else f"{x:.1f} s"


def mib(kb):
    return f"{kb / 1024:.0f} MiB"


def main():
    d = sys.argv[1]
    machine = json.load(open(os.path.join(d, "machine.json")))
    sizes = sorted(int(os.path.basename(p)[6:-5]) for p in glob.glob(os.path.join(d, "build-*.json")))
    out = []
    out.append(f"Machine: {machine['nproc']} cores ({machine['cpu']}), {machine['mem_gib']} GiB RAM, "
               f"Linux {machine['kernel']}; {machine['hugo']}; {machine['hyperfine']}; "
               f"openindex {machine['revision']} (binary sha256 {machine['openindex_sha256']}…).")
    out.append("")
    out.append("| releases | tool | median build | min–max | runs | peak RSS | files | bytes | ms / release | vs Hugo | vs I/O floor |")
    out.append("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    floor_rows = []
    extra = []
    for n in sizes:
        b = {r["command"]: r for r in json.load(open(os.path.join(d, f"build-{n}.json")))["results"]}
        s = json.load(open(os.path.join(d, f"sizes-{n}.json")))
        hugo = b["hugo"]["median"] if "hugo" in b else None
        floors = {"openindex": b["cp-openindex-output"]["median"],
                  "hugo": b["cp-hugo-output"]["median"] if "cp-hugo-output" in b else None}
        for tool in ["openindex", "hugo"]:
            if tool not in b:
                out.append(f"| {n:,} | {tool} | not run (`--hugo-max`) | | | | | | | | |")
                continue
            r = b[tool]
            m = r["median"]
            info = s[tool]
            if hugo is None:
                vs_hugo = "—"
            else:
                vs_hugo = "1.00×" if tool == "hugo" else f"{hugo / m:.2f}× faster" if m <= hugo else f"{m / hugo:.2f}× slower"
            out.append(f"| {n:,} | {tool} | {fmt_s(m)} | {fmt_s(r['min'])}–{fmt_s(r['max'])} | {len(r['times'])} | "
                       f"{mib(info['peak_rss_kb'])} | {info['files']:,} | {info['bytes'] / 1e6:,.1f} MB | "
                       f"{m * 1000 / n:.3f} | {vs_hugo} | {m / floors[tool]:.1f}× |")
        floor_rows.append(f"| {n:,} | {fmt_s(floors['openindex'])} | {fmt_s(floors['hugo']) if floors['hugo'] else '—'} | "
                          f"{s['load_before']} | {s['load_after']} |")
        c = json.load(open(os.path.join(d, f"check-{n}.json")))["results"][0]
        extra.append(f"| {n:,} | {fmt_s(c['median'])} | {fmt_s(c['min'])}–{fmt_s(c['max'])} | {len(c['times'])} | "
                     f"{c['median'] * 1000 / n:.3f} | {s['load_before_check']} |")
    out.append("")
    out.append("I/O floor (`cp -r` of each tool's output tree, median) and load averages (1, 5, 15 min) around the build runs:")
    out.append("")
    out.append("| releases | cp -r openindex output | cp -r Hugo output | load before | load after |")
    out.append("| ---: | ---: | ---: | --- | --- |")
    out += floor_rows
    out.append("")
    out.append("`openindex check`:")
    out.append("")
    out.append("| releases | median | min–max | runs | ms / release | load before |")
    out.append("| ---: | ---: | ---: | ---: | ---: | --- |")
    out += extra
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
