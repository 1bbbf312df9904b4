#!/bin/bash
# The whole comparison of docs/performance.md in one run, with the ratios: start-up against the
# `java -version` floor (benchmarks/startup.sh), whole-process `cocoatly check` against
# `dose-distcheck` on the small generated registries (RegistryGenerator's ~650-720 versions, written
# as registry directories) and, where ../shared/data is present, on the whole crates.io snapshot,
# then the in-process resolve report (benchmarks/run.sh report).
#
# Each check row runs both tools on the same question (DoseExport writes the registry as CUDF with
# `cocoatly check`'s semantics) and first compares their lists of uninstallable versions: a row whose
# lists differ says so, and the script exits 1 at the end. Timed: `dose-distcheck -f` (verdicts) and
# `cocoatly check --json` (verdicts, no reasons) side by side, the same with the resident daemon
# running (`cocoatly daemon start`, docs/daemon.md; warmed by five untimed runs on each registry), and
# the text `cocoatly check`, which names every reason, against `dose-distcheck -f -e` (explanations).
#
# Usage: benchmarks/compare.sh [runs] [--no-report] [--no-crates]
#   runs         timed runs of each small-registry command (default 10)
#   --no-report  skip the in-process resolve report (about 3 min)
#   --no-crates  skip the crates.io rows even where the snapshot is present
# Raw output goes to benchmarks/results/compare-<UTC time>/ (hyperfine JSON, each tool's output, the
# summary). Uses hyperfine if installed, else a loop around `date +%s%N` (as startup.sh does).
# BENCH_SKIP_BUILD=1 uses the jars as built; CRATES_RUNS=N times the crates.io rows N times (default
# 3); COMPARE_CRATES_DIR names a registry directory of the whole snapshot written before (default
# benchmarks/target/compare/crates-io-all, written on first use).
set -euo pipefail
export LC_ALL=C
runs=10
report=1
crates=1
for arg in "$@"; do
  case $arg in
    --no-report) report=0 ;;
    --no-crates) crates=0 ;;
    [0-9]*) runs=$arg ;;
    *) echo "usage: benchmarks/compare.sh [runs] [--no-report] [--no-crates]" >&2; exit 2 ;;
  esac
done
root=$(cd "$(dirname "$0")/.." && pwd)
out=$root/benchmarks/results/compare-$(date -u +%Y-%m-%dT%H%MZ)
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
exec > >(tee "$out/summary.txt") 2>&1

load() { cut -d' ' -f1-3 /proc/loadavg; }
commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)
[ -n "$(git -C "$root" status --porcelain --untracked-files=no 2>/dev/null)" ] && commit="$commit+dirty"
echo "# Cocoatly against its floor and its peers, $(date -u '+%Y-%m-%d %H:%M UTC'), commit $commit"
echo "$(nproc) cores; $(java -version 2>&1 | head -1); $(dose-distcheck --version 2>/dev/null | head -1 || echo 'no dose-distcheck')"
echo "load average at the start: $(load)"

if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
  (cd "$root" && mvn -B -q -o -DskipTests package >&2)
fi
jar=$root/benchmarks/target/benchmarks.jar
cli="env COCOATLY_HOME=$work/home $root/bin/cocoatly"
mkdir -p "$work/home"
# A second home whose daemon runs: the rows time `check --json` through it beside the plain process.
dcli="env COCOATLY_HOME=$work/daemon-home $root/bin/cocoatly"
trap '$dcli daemon stop > /dev/null 2>&1 || :; rm -rf "$work"' EXIT

echo
echo "## Start-up (benchmarks/startup.sh $runs)"
COCOATLY_BENCH_EXPORT=$out/startup.json "$root/benchmarks/startup.sh" "$runs" | tee "$out/startup.txt"

# measure FILE RUNS NAME COMMAND [NAME COMMAND ...]: medians (ms), one per line, into FILE.medians;
# hyperfine's JSON, or the loop's times, beside it.
measure() {
  local file=$1 n=$2 i
  shift 2
  local names=() commands=()
  while [ $# -gt 0 ]; do names+=("$1"); commands+=("$2"); shift 2; done
  if [ "${COCOATLY_BENCH_LOOP:-0}" != 1 ] && command -v hyperfine > /dev/null; then
    local args=()
    for i in "${!commands[@]}"; do args+=(-n "${names[$i]}" "${commands[$i]}"); done
    # One warm-up run, except for the long crates.io rows.
    hyperfine -N -i -w "$([ "$n" -le 3 ] && echo 0 || echo 1)" -r "$n" --style none --export-json "$file.json" "${args[@]}" > /dev/null 2>&1
    python3 -c 'import json, sys
for r in json.load(open(sys.argv[1]))["results"]: print(round(r["median"] * 1000))' "$file.json" > "$file.medians"
    # Mean CPU time (user + system) grows far less than wall time when other processes take the cores.
    python3 -c 'import json, sys
for r in json.load(open(sys.argv[1]))["results"]: print(round((r["user"] + r["system"]) * 1000))' "$file.json" > "$file.cpus"
  else
    : > "$file.times"
    for _ in $(seq "$n"); do
      for i in "${!commands[@]}"; do
        local start end
        start=$(date +%s%N)
        ${commands[$i]} > /dev/null 2>&1 || :
        end=$(date +%s%N)
        echo "$i $(( (end - start) / 1000000 ))" >> "$file.times"
      done
    done
    for i in "${!commands[@]}"; do
      awk -v i="$i" '$1 == i { print $2 }' "$file.times" | sort -n \
        | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2)) }'
    done > "$file.medians"
    printf -- '-\n%.0s' "${commands[@]}" > "$file.cpus"
  fi
}

# ratios WALL_A WALL_B CPU_A CPU_B: "Wx / Cx" (the CPU ratio is "-" without hyperfine).
ratios() {
  awk -v a="$1" -v b="$2" -v c="$3" -v d="$4" \
    'BEGIN { printf "%.1fx / %s", a / b, (d + 0 > 0 ? sprintf("%.1fx", c / d) : "-") }'
}

disagreed=0
rows=()
# check_row LABEL REGISTRY_DIR POLICY RUNS: compares the verdicts, times both tools, adds a row.
check_row() {
  local label=$1 registry=$2 policy=$3 n=$4 base
  base=$out/$(echo "$label-$policy" | tr -c 'a-zA-Z0-9.\n-' '-')
  java -cp "$jar" io.cocoatly.benchmarks.DoseExport cudf "$registry" "$policy" "$work/in.cudf" "$work/in.map" > /dev/null
  $cli check --registry "$registry" --multiple-versions="$policy" > "$base.cocoatly.txt" 2>&1 || :
  dose-distcheck -f "cudf://$work/in.cudf" > "$base.dose.yaml" 2>&1 || :
  # cocoatly lists `name@version: reason`; dose lists CUDF packages, mapped back through the map.
  grep -E '^[^ ]+@[^ ]+: ' "$base.cocoatly.txt" | sed 's/: .*//' | sort > "$work/c.set"
  awk '/^  package: /{n=$2} /^  version: /{print n "|" $2}' "$base.dose.yaml" | sort > "$work/d.keys"
  awk -F'\t' '{print $1 "|" $2 "\t" $3}' "$work/in.map" | sort -t$'\t' -k1,1 \
    | join -t$'\t' - "$work/d.keys" | cut -f2 | sort > "$work/d.set"
  local versions uninstallable differ
  versions=$(wc -l < "$work/in.map")
  uninstallable=$(wc -l < "$work/c.set")
  differ=$(comm -3 "$work/c.set" "$work/d.set" | wc -l)
  if [ "$differ" != 0 ]; then
    disagreed=1
    comm -3 "$work/c.set" "$work/d.set" > "$base.disagreements.txt"
    echo "$label $policy: $differ versions differ (cocoatly only | dose only) in $base.disagreements.txt"
  fi
  for _ in 1 2 3 4 5; do
    $dcli check --registry "$registry" --multiple-versions="$policy" --json > /dev/null 2>&1 || :
  done
  measure "$base" "$n" "cocoatly check --json" "$cli check --registry $registry --multiple-versions=$policy --json" \
    "dose-distcheck -f" "dose-distcheck -f cudf://$work/in.cudf" \
    "cocoatly check (text, reasons)" "$cli check --registry $registry --multiple-versions=$policy" \
    "dose-distcheck -f -e" "dose-distcheck -f -e cudf://$work/in.cudf" \
    "cocoatly check --json, daemon" "$dcli check --registry $registry --multiple-versions=$policy --json"
  local m c
  mapfile -t m < "$base.medians"
  mapfile -t c < "$base.cpus"
  rows+=("$(printf '| %s | %s | %s | %s | %s | %s / %s ms | %s / %s ms | %s | %s / %s ms | %s | %s / %s ms | %s / %s ms | %s | %s |' "$label" \
    "$policy" "$versions" "$uninstallable" "$([ "$differ" = 0 ] && echo yes || echo "NO ($differ)")" \
    "${m[0]}" "${c[0]}" "${m[1]}" "${c[1]}" "$(ratios "${m[0]}" "${m[1]}" "${c[0]}" "${c[1]}")" \
    "${m[4]}" "${c[4]}" "$(ratios "${m[4]}" "${m[1]}" "${c[4]}" "${c[1]}")" \
    "${m[2]}" "${c[2]}" "${m[3]}" "${c[3]}" "$(ratios "${m[2]}" "${m[3]}" "${c[2]}" "${c[3]}")" "$(load)")")
}

echo
echo "## Registry-wide check, whole process: cocoatly check against dose-distcheck"
if ! command -v dose-distcheck > /dev/null; then
  echo "skipped: dose-distcheck is not installed (Debian/Ubuntu: apt-get install dose-distcheck)"
else
  # One untimed run first, so the launcher's archive recording (once per build) is not timed.
  $cli --version > /dev/null 2>&1
  $dcli daemon start --idle-timeout 30m
  for seed in 1 2 3; do
    java -cp "$jar" io.cocoatly.benchmarks.DoseExport generate "$seed" "$work/small-$seed" > /dev/null
    for policy in one-per-package semver-major; do
      check_row "generated small, seed $seed" "$work/small-$seed" "$policy" "$runs"
    done
  done
  data=$(python3 -c 'import pathlib, sys
p = pathlib.Path(sys.argv[1]).resolve()
for d in [p, *p.parents]:
    if (d / "shared/data/crates-io-2019").is_dir(): print(d / "shared/data/crates-io-2019"); break' "$root")
  if [ "$crates" = 0 ]; then
    echo "crates.io rows skipped (--no-crates)"
  elif [ -z "$data" ]; then
    echo "crates.io rows skipped: no shared/data/crates-io-2019 beside the repository (see docs/performance.md)"
  else
    # Written once (about a minute) and kept in target/, where mvn clean removes it.
    crates_dir=${COMPARE_CRATES_DIR:-$root/benchmarks/target/compare/crates-io-all}
    if [ ! -f "$crates_dir/names.json" ]; then
      rm -rf "$crates_dir"
      mkdir -p "$(dirname "$crates_dir")"
      java -Xmx3g -Dcocoatly.data="$data" -cp "$jar" io.cocoatly.benchmarks.CratesRegistryWriter "$crates_dir" all
    fi
    check_row "crates.io, every crate" "$crates_dir" semver-major "${CRATES_RUNS:-3}"
  fi
  echo
  echo "Median wall / mean CPU (user + system) time of $runs runs (${CRATES_RUNS:-3} for crates.io); ratios of both;"
  echo "load average after each row. --json gives verdicts only, as dose-distcheck -f does; the text"
  echo "output names every reason, as -f -e explains. \"daemon\": cocoatly check --json with the resident"
  echo "daemon running (cocoatly daemon start; five untimed runs first), its ratio against dose -f."
  echo
  echo "| registry | policy | versions | uninstallable | same verdicts | cocoatly --json | dose -f | ratio | daemon --json | ratio | cocoatly text | dose -f -e | ratio | load |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
fi

if [ "$report" = 1 ]; then
  echo
  echo "## Resolve, in-process (benchmarks/run.sh report)"
  BENCH_SKIP_BUILD=1 "$root/benchmarks/run.sh" report > "$out/crates-report.md" 2> "$out/crates-report.err" \
    && sed -n '1,40p' "$out/crates-report.md" || echo "the report failed; see $out/crates-report.err"
fi
echo
echo "load average at the end: $(load)"
echo "raw output: ${out#"$root"/}"
exit "$disagreed"
