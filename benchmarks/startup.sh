#!/bin/bash
# Times the start-up of everyday commands against the start of a bare JVM, in the same run, as in
# docs/performance-startup.md: `java -version` (the floor), `cocoatly --version`, `cocoatly --help`,
# a no-op `install --locked` and a `resolve` of the demo project (testdata/demo, 15 packages from the
# signed sample registry testdata/registry) in a temporary COCOATLY_HOME. Runs the checkout's
# bin/cocoatly as a user would, its AppCDS archive included (the first run after a build records it
# and is not timed). Uses hyperfine if it is installed, otherwise a loop around `date +%s%N` that
# alternates the commands. Prints each median, its ratio to the floor and its difference from it, and
# the load average before and after.
#
# Usage: benchmarks/startup.sh [--daemon] [runs] [other-checkout]
#   --daemon        also time this checkout's --version and resolve with the resident daemon running
#                   (`cocoatly daemon start` in a home of its own, docs/daemon.md), rows prefixed
#                   "daemon:"; the daemon is stopped at the end
#   runs            runs of each command (default 20)
#   other-checkout  another built checkout (say, of an older commit) whose bin/cocoatly is timed too,
#                   in the same run, its rows prefixed with "other:"
# COCOATLY_BENCH_EXPORT=FILE keeps hyperfine's JSON export; COCOATLY_BENCH_LOOP=1 uses the loop even
# where hyperfine is installed.
set -euo pipefail
daemon=0
if [ "${1:-}" = --daemon ]; then
  daemon=1
  shift
fi
runs=${1:-20}
other=${2:-}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

names=('java -version')
commands=('java -version')

# Sets up checkout $1's demo installation in a home of its own and adds its commands, named with
# prefix $2.
add_checkout() {
  local checkout=$1 prefix=$2 dir
  dir=$work/$(echo "$prefix" | tr -dc a-z)checkout
  mkdir -p "$dir/home"
  printf '{"security": {"trusted_keys": ["%s"]}}\n' "$root/testdata/keys/sample.pub" > "$dir/home/config.json"
  cp -r "$root/testdata/demo" "$dir/demo"
  # hyperfine -N runs commands without a shell, so each sets its home and directory through env(1).
  local cli="env COCOATLY_HOME=$dir/home $checkout/bin/cocoatly" registry=$root/testdata/registry
  (cd "$dir/demo" && $cli install --registry "$registry") > "$dir/setup.log" 2>&1 \
    || { cat "$dir/setup.log" >&2; exit 1; }
  names+=("${prefix}cocoatly --version" "${prefix}cocoatly --help" "${prefix}install --locked (no-op)" "${prefix}resolve")
  commands+=("$cli --version" "$cli --help" "$cli install --locked --manifest $dir/demo/cocoatly.json --registry $registry"
    "$cli resolve --manifest $dir/demo/cocoatly.json --registry $registry")
}

add_checkout "$root" ""
if [ -n "$other" ]; then
  add_checkout "$(cd "$other" && pwd)" "other: "
fi
if [ "$daemon" = 1 ]; then
  dcli="env COCOATLY_HOME=$work/daemon-home $root/bin/cocoatly"
  mkdir -p "$work/daemon-home"
  printf '{"security": {"trusted_keys": ["%s"]}}\n' "$root/testdata/keys/sample.pub" > "$work/daemon-home/config.json"
  $dcli daemon start --idle-timeout 30m > /dev/null 2>&1
  trap '$dcli daemon stop > /dev/null 2>&1 || :; rm -rf "$work"' EXIT
  names+=("daemon: cocoatly --version" "daemon: resolve")
  commands+=("$dcli --version" "$dcli resolve --manifest $root/testdata/demo/cocoatly.json --registry $root/testdata/registry")
  # The daemon's code compiles as it runs: twenty untimed runs each, so the rows show it warm.
  for _ in $(seq 20); do ${commands[-1]} > /dev/null 2>&1; ${commands[-2]} > /dev/null 2>&1; done
fi
# Each once more, untimed, so first-run work (a launcher adopting its archive) is not measured.
for c in "${commands[@]}"; do $c > /dev/null 2>&1 || { echo "failed: $c" >&2; $c; exit 1; }; done

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "${COCOATLY_BENCH_LOOP:-0}" != 1 ] && command -v hyperfine > /dev/null; then
  args=()
  for i in "${!commands[@]}"; do args+=(-n "${names[$i]}" "${commands[$i]}"); done
  export_file=${COCOATLY_BENCH_EXPORT:-$work/h.json}
  hyperfine -N -w 2 -r "$runs" --style none --export-json "$export_file" "${args[@]}" > /dev/null 2>&1
  medians=$(python3 -c 'import json, sys
for r in json.load(open(sys.argv[1]))["results"]: print(round(r["median"] * 1000))' "$export_file")
  # CPU time grows far less than wall time when other processes take the cores.
  cpus=$(python3 -c 'import json, sys
for r in json.load(open(sys.argv[1]))["results"]: print(round((r["user"] + r["system"]) * 1000))' "$export_file")
  echo "hyperfine, $runs runs of each command in a block"
else
  # Alternating the commands keeps none of them warmer in the caches than the others.
  for _ in $(seq "$runs"); do
    for i in "${!commands[@]}"; do
      start=$(date +%s%N)
      ${commands[$i]} > /dev/null 2>&1
      end=$(date +%s%N)
      echo "$i $(( (end - start) / 1000000 ))" >> "$work/times"
    done
  done
  medians=$(for i in "${!commands[@]}"; do
    awk -v i="$i" '$1 == i { print $2 }' "$work/times" | sort -n \
      | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2)) }'
  done)
  echo "no hyperfine: a date +%s%N loop, $runs alternating runs of each command"
fi
mapfile -t median <<< "$medians"
floor=${median[0]}
mapfile -t cpu <<< "${cpus:-}"
printf '%-33s %8s %8s %12s %14s\n' command median ratio 'minus floor' 'mean CPU'
for i in "${!names[@]}"; do
  printf '%-33s %5s ms %7.1fx %9s ms %11s ms\n' "${names[$i]}" "${median[$i]}" \
    "$(awk -v a="${median[$i]}" -v b="$floor" 'BEGIN { print a / b }')" "$(( median[i] - floor ))" "${cpu[$i]:--}"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
