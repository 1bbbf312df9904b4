#!/bin/bash
# Resolving the crates.io top-300 roots from a registry directory and from the same directory served
# over HTTP by `cocoatly registry serve` on loopback, in the same run: a cold cache (every index file
# fetched), a warm but stale cache (every file revalidated: 304s) and a fresh cache (no request at
# all), with the number of requests each run sent. The figures go to docs/performance-registry.md.
#
# Needs the crates.io snapshot (../shared/data/crates-io-2019, see docs/performance.md); skips
# without it. Usage: benchmarks/registry-resolve.sh [runs] (default 5). Everything is on 127.0.0.1
# and stops by itself.
set -euo pipefail
runs=${1:-5}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
if [ ! -d "$root/../shared/data/crates-io-2019" ]; then
  echo "skipped: the crates.io snapshot is not at ../shared/data/crates-io-2019 (see docs/performance.md)"
  exit 0
fi
[ -n "${BENCH_SKIP_BUILD:-}" ] || mvn -B -q -o -pl benchmarks,cli -am package -DskipTests >&2
jar="$root/benchmarks/target/benchmarks.jar"

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2> /dev/null || :; done
  sleep 0.5
  rm -rf "$work"
}
trap cleanup EXIT

java -Xmx2g -cp "$jar" io.cocoatly.benchmarks.CratesRegistryWriter "$work/registry" >&2

# Starts `registry serve` with an index max-age; sets $served to its URL and $log to its request log.
serve() {
  log="$work/serve-$1.log"
  "$root/bin/cocoatly" registry serve "$work/registry" --port 0 --index-max-age "$1" > "$work/url-$1" 2> "$log" &
  pids+=("$!")
  for _ in $(seq 100); do
    [ -s "$work/url-$1" ] && break
    sleep 0.1
  done
  served=$(head -n 1 "$work/url-$1")
}

requests() { grep -c ' /' "$1" || :; }

# One case: prints the median and the requests per run the server saw.
measure() {
  local name=$1 location=$2 cache=$3 mode=$4 log=${5:-}
  local before=0
  [ -n "$log" ] && before=$(requests "$log")
  local median
  median=$(java -Xmx2g -cp "$jar" io.cocoatly.benchmarks.RemoteResolveRun "$location" "$cache" "$mode" "$runs" \
    | tee "$work/$name.out" | sed -n 's/^median: \([0-9.]*\) ms.*/\1/p')
  local sent="-"
  if [ -n "$log" ]; then
    sent=$(( ($(requests "$log") - before) / runs ))
  fi
  printf '%-34s %10s ms %12s\n' "$name" "$median" "$sent"
  echo "$median" > "$work/$name.median"
}

serve 0;   stale_url=$served; stale_log=$log
serve 600; fresh_url=$served; fresh_log=$log

printf '%-34s %13s %12s\n' "case ($runs runs, 300 roots)" "median" "requests/run"
measure directory "$work/registry" "$work/unused" normal
grep '^dependency graph' "$work/directory.out" >&2
measure http-cold "$stale_url" "$work/cache-cold" cold "$stale_log"
# Prime each cache once, then measure: max-age 0 revalidates every file (304s), max-age 600 sends nothing.
java -Xmx2g -cp "$jar" io.cocoatly.benchmarks.RemoteResolveRun "$stale_url" "$work/cache-warm" normal 1 > /dev/null
measure http-warm-304 "$stale_url" "$work/cache-warm" normal "$stale_log"
java -Xmx2g -cp "$jar" io.cocoatly.benchmarks.RemoteResolveRun "$fresh_url" "$work/cache-fresh" normal 1 > /dev/null
measure http-fresh "$fresh_url" "$work/cache-fresh" normal "$fresh_log"
measure http-offline "$fresh_url" "$work/cache-fresh" offline "$fresh_log"

dir=$(cat "$work/directory.median")
for name in http-cold http-warm-304 http-fresh http-offline; do
  awk -v a="$(cat "$work/$name.median")" -v b="$dir" -v n="$name" 'BEGIN { printf "%s / directory: %.2fx\n", n, a / b }'
done
