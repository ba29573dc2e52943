#!/usr/bin/env bash
# The openindex vs Hugo benchmark (docs/benchmarks.md says what it measures and why).
#
#   bench/run.sh                 full run: 1,000, 10,000 and 100,000 releases
#   bench/run.sh --smoke         1,000 releases, one build of each tool, no hyperfine
#   bench/run.sh --sizes "1000 10000" --runs 5
#
# Options:
#   --smoke            generate 1,000 releases and run one build of each tool (a CI smoke test)
#   --sizes "N ..."    sizes to run (default "1000 10000 100000")
#   --runs N           hyperfine runs per command (default: 5 / 3 / 1 by size)
#   --hugo-max N       largest size Hugo is built at (default 10000: at 100,000 releases one
#                      Hugo build takes longer than the whole rest of the run)
#   --work DIR         where generated sites and outputs go (default $BENCH_WORK or
#                      /tmp/openindex-bench; outside any git repository on purpose)
#   --results DIR      where results go (default bench/results)
#   --bin PATH         the openindex binary (default target/release/openindex)
#   --no-wait          do not wait for a quiet machine before measuring
#
# Needs python3, hugo (Debian: apt-get install hugo), hyperfine and GNU time
# (Debian: apt-get install hyperfine time). Build the binary first: cargo build --release.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"
sizes="1000 10000 100000"
runs=""
smoke=0
hugo_max=10000
wait_quiet=1
work="${BENCH_WORK:-/tmp/openindex-bench}"
results="$here/results"
bin="$repo/target/release/openindex"

while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) smoke=1; sizes="1000" ;;
    --sizes) sizes="$2"; shift ;;
    --runs) runs="$2"; shift ;;
    --work) work="$2"; shift ;;
    --results) results="$2"; shift ;;
    --bin) bin="$2"; shift ;;
    --no-wait) wait_quiet=0 ;;
    --hugo-max) hugo_max="$2"; shift ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

# Every date in the generated content is before this day; both tools see the same "today".
today="2026-11-01"
export SOURCE_DATE_EPOCH=1793491200
export NO_COLOR=1

need() { command -v "$1" >/dev/null 2>&1 || { echo "missing: $1 ($2)" >&2; exit 2; }; }
need python3 "apt-get install python3"
need hugo "apt-get install hugo"
[ -x /usr/bin/time ] || { echo "missing: /usr/bin/time (apt-get install time)" >&2; exit 2; }
[ "$smoke" = 1 ] || need hyperfine "apt-get install hyperfine"
[ -x "$bin" ] || { echo "missing: $bin (run cargo build --release, or pass --bin)" >&2; exit 2; }

if [ "$smoke" = 1 ]; then results="$work/smoke-results"; fi
mkdir -p "$work/bin" "$results"
# A private copy: a rebuild of target/ during the run cannot change what is measured.
cp "$bin" "$work/bin/openindex"
oi="$work/bin/openindex"

load1() { cut -d' ' -f1 /proc/loadavg; }
# Waits (up to 20 minutes) until the 1-minute load average is at most 1.0.
quiet() {
  [ "$wait_quiet" = 1 ] || return 0
  local waited=0
  while awk "BEGIN { exit !($(load1) > 1.0) }"; do
    if [ "$waited" -ge 1200 ]; then
      echo "   load still $(load1) after 20 minutes; measuring anyway" >&2
      return 0
    fi
    echo "   load $(load1) > 1.0; waiting 60 s" >&2
    sleep 60
    waited=$((waited + 60))
  done
}
# Process ids below $1 (its children, their children, …).
descendants() {
  local c
  for c in $(ps -o pid= --ppid "$1" 2>/dev/null); do
    echo "$c"
    descendants "$c"
  done
}
# Watches memory while process $1 (a measurement this script started) runs: when
# MemAvailable falls under 1.5 GiB, stops that measurement's processes, by id, and notes it
# in $2, so that a site too big for this machine's memory cannot starve other work on it.
memguard() {
  local avail
  while kill -0 "$1" 2>/dev/null; do
    avail=$(awk '/^MemAvailable/ { print $2 }' /proc/meminfo)
    if [ "$avail" -lt 1572864 ]; then
      echo "$(date -u +%FT%TZ) MemAvailable ${avail} kB: stopped $(ps -o args= --ppid "$1" | head -1 | cut -c1-120)" >>"$2"
      echo "   memory nearly exhausted (MemAvailable ${avail} kB): stopping the measurement" >&2
      kill $(descendants "$1") 2>/dev/null || true
      return 0
    fi
    sleep 1
  done
}
# Runs "$@" under memguard; returns its status.
guarded() {
  local note="$1"; shift
  "$@" &
  local pid=$!
  memguard "$pid" "$note" &
  local guard=$!
  local rc=0
  wait "$pid" || rc=$?
  kill "$guard" 2>/dev/null || true
  wait "$guard" 2>/dev/null || true
  return "$rc"
}
files_of() { find "$1" -type f | wc -l; }
bytes_of() { find "$1" -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }'; }
rss_kb() { local v; v=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$1" | sort -n | tail -1); echo "${v:-0}"; }

python3 - "$results/machine.json" "$oi" "$repo" <<'EOF'
import json, os, subprocess, sys, hashlib
out, oi, repo = sys.argv[1:4]
def sh(*c):
    try:
        return subprocess.run(c, capture_output=True, text=True).stdout.strip()
    except OSError:
        return ""
model = next((l.split(":", 1)[1].strip() for l in sh("lscpu").splitlines() if l.startswith("Model name")), "")
mem = next((l.split()[1] for l in open("/proc/meminfo") if l.startswith("MemTotal")), "0")
json.dump({
    "nproc": int(sh("nproc") or 0), "cpu": model, "mem_gib": round(int(mem) / 1048576, 1),
    "kernel": sh("uname", "-r"), "hugo": sh("hugo", "version"), "hyperfine": sh("hyperfine", "--version"),
    "python": sh("python3", "--version"),
    "openindex_sha256": hashlib.sha256(open(oi, "rb").read()).hexdigest()[:16],
    "revision": sh("git", "-C", repo, "describe", "--always", "--dirty", "--abbrev=12"),
}, open(out, "w"), indent=1)
EOF

for n in $sizes; do
  d="$work/n$n"
  mkdir -p "$d"
  echo "== $n releases"
  # The generated sites are reused while the generators and the size are unchanged.
  stamp="$n $(cat "$here/gen.py" "$here/gen_hugo.py" "$here"/hugo/config.toml | sha256sum | cut -c1-16) $today"
  if [ "$(cat "$d/stamp" 2>/dev/null)" != "$stamp" ]; then
    rm -f "$d/stamp"
    t0=$(date +%s.%N)
    python3 "$here/gen.py" --releases "$n" --out "$d/site" --today "$today"
    t1=$(date +%s.%N)
    echo "   generated the openindex site in $(awk "BEGIN { printf \"%.1f\", $t1 - $t0 }") s"
    rm -rf "$d/hugo"
    echo "$stamp" >"$d/stamp"
  else
    echo "   reusing the generated site in $d (same generators and size)"
  fi
  if [ "$n" -le "$hugo_max" ] && [ ! -d "$d/hugo" ]; then
    # An untimed build: checks the content and writes the data export Hugo's front matter
    # takes its assessed values from.
    t1=$(date +%s.%N)
    "$oi" -C "$d/site" build --out "$d/ref" >/dev/null
    python3 "$here/gen_hugo.py" --site "$d/site" --assessed "$d/ref/data/index.json" --out "$d/hugo" --today "$today"
    t2=$(date +%s.%N)
    echo "   generated the Hugo site in $(awk "BEGIN { printf \"%.1f\", $t2 - $t1 }") s"
    rm -rf "$d/ref"
  fi

  oi_build="$oi -C $d/site build --out $d/out-oi"
  hugo_build="hugo --source $d/hugo --destination $d/out-hugo --minify --quiet"
  if [ "$smoke" = 1 ]; then
    rm -rf "$d/out-oi" "$d/out-hugo"
    s=$(date +%s.%N); $oi_build >/dev/null; e=$(date +%s.%N)
    echo "   openindex build: $(awk "BEGIN { printf \"%.2f\", $e - $s }") s, $(files_of "$d/out-oi") files, $(bytes_of "$d/out-oi") bytes"
    s=$(date +%s.%N); $hugo_build; e=$(date +%s.%N)
    echo "   hugo build:      $(awk "BEGIN { printf \"%.2f\", $e - $s }") s, $(files_of "$d/out-hugo") files, $(bytes_of "$d/out-hugo") bytes"
    continue
  fi

  r="$runs"
  if [ -z "$r" ]; then
    case "$n" in 1000) r=5 ;; 10000) r=3 ;; *) r=1 ;; esac
  fi
  warm=1
  [ "$n" -ge 100000 ] && warm=0
  rm -f "$results/rss-oi-$n.txt" "$results/rss-hugo-$n.txt"
  quiet
  load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
  echo "   load before: $load_before"
  # Both tools, then the I/O floor (copying each tool's output tree), in one hyperfine run.
  # /usr/bin/time -v records each run's peak RSS.
  rm -f "$results/memguard-$n.txt"
  hugo_cmds=()
  if [ "$n" -le "$hugo_max" ]; then
    hugo_cmds=(-n hugo --prepare "rm -rf $d/out-hugo"
      "/usr/bin/time -v -a -o $results/rss-hugo-$n.txt $hugo_build"
      -n cp-hugo-output --prepare "rm -rf $d/cp-hugo" "cp -r $d/out-hugo $d/cp-hugo")
  else
    echo "   Hugo skipped at $n releases (--hugo-max $hugo_max)"
    rm -rf "$d/out-hugo"; mkdir -p "$d/out-hugo"; : >"$results/rss-hugo-$n.txt"
  fi
  if ! guarded "$results/memguard-$n.txt" \
    hyperfine --style basic --runs "$r" --warmup "$warm" \
    --export-json "$results/build-$n.json" \
    -n openindex --prepare "rm -rf $d/out-oi" \
    "/usr/bin/time -v -a -o $results/rss-oi-$n.txt $oi_build" \
    -n cp-openindex-output --prepare "rm -rf $d/cp-oi" "cp -r $d/out-oi $d/cp-oi" \
    "${hugo_cmds[@]}"; then
    echo "   the run failed$( [ -s "$results/memguard-$n.txt" ] && echo ': out of memory')" >&2
    exit 1
  fi
  load_after="$(cut -d' ' -f1-3 /proc/loadavg)"
  quiet
  load_check="$(cut -d' ' -f1-3 /proc/loadavg)"
  hyperfine --style basic --runs "$r" --warmup 1 --export-json "$results/check-$n.json" \
    -n check "$oi -C $d/site check"
  python3 - "$results/sizes-$n.json" <<EOF
import json, sys
json.dump({
    "releases": $n, "runs": $r,
    "load_before": "$load_before", "load_after": "$load_after", "load_before_check": "$load_check",
    "openindex": {"files": $(files_of "$d/out-oi"), "bytes": $(bytes_of "$d/out-oi"), "peak_rss_kb": $(rss_kb "$results/rss-oi-$n.txt")},
    "hugo": {"files": $(files_of "$d/out-hugo"), "bytes": $(bytes_of "$d/out-hugo"), "peak_rss_kb": $(rss_kb "$results/rss-hugo-$n.txt")},
}, open(sys.argv[1], "w"), indent=1)
EOF
  rm -rf "$d/cp-oi" "$d/cp-hugo"
  if [ "$n" = 1000 ]; then
    rm -rf "$d/serve-site" && cp -r "$d/site" "$d/serve-site"
    quiet
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    python3 "$here/serve_edit.py" --bin "$oi" --site "$d/serve-site" --port "$port" --edits 10 \
      --out "$results/serve-$n.json"
  fi
done

if [ "$smoke" = 0 ]; then
  python3 "$here/report.py" "$results" | tee "$results/summary.md"
fi
