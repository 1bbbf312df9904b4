#!/bin/bash
# Times a no-op `cocoatly install --locked` (everything installed and current) against the start of
# a bare JVM, in the same run, as in docs/performance-install.md. Builds a demo installation once in
# a temporary COCOATLY_HOME trusting testdata/keys/sample.pub. Uses hyperfine if it is installed,
# otherwise a loop around `date +%s%N`. Prints medians in milliseconds and the load average.
# Usage: benchmarks/noop-install.sh [runs]   (default 20; run from anywhere in the checkout)
set -euo pipefail
runs=${1:-20}
root=$(cd "$(dirname "$0")/.." && pwd)
cli=$root/bin/cocoatly
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

export COCOATLY_HOME=$work/home
mkdir -p "$COCOATLY_HOME"
printf '{"security": {"trusted_keys": ["%s"]}}\n' "$root/testdata/keys/sample.pub" > "$COCOATLY_HOME/config.json"
cp -r "$root/testdata/demo" "$work/demo"
cd "$work/demo"
"$cli" install --registry "$root/testdata/registry" > "$work/setup.log" 2>&1 || { cat "$work/setup.log" >&2; exit 1; }
noop=("$cli" install --locked --registry "$root/testdata/registry")
"${noop[@]}" > /dev/null 2>&1   # once more, so first-run work (if any) is not timed

# The median of the numbers on stdin, one per line.
median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }

# Wall times in ms of $runs runs of the command given, one per line.
times_of() {
  for _ in $(seq "$runs"); do
    start=$(date +%s%N)
    "$@" > /dev/null 2>&1
    end=$(date +%s%N)
    echo $(( (end - start) / 1000000 ))
  done
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
if command -v hyperfine > /dev/null; then
  hyperfine -N -w 2 -r "$runs" --style none --export-json "$work/h.json" -n 'java -version' "java -version" \
      -n 'install --locked (no-op)' "${noop[*]}" > /dev/null 2>&1
  python3 - "$work/h.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
jvm, noop = (x["median"] * 1000 for x in r)
print(f"median java -version: {jvm:.0f} ms\nmedian install --locked (no-op): {noop:.0f} ms\ndifference (after JVM start): {noop - jvm:.0f} ms")
PY
else
  jvm=$(times_of java -version | median)
  install=$(times_of "${noop[@]}" | median)
  echo "median java -version: $jvm ms"
  echo "median install --locked (no-op): $install ms"
  echo "difference (after JVM start): $(( ${install%.*} - ${jvm%.*} )) ms"
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
