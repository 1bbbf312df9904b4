#!/bin/sh
# Times a no-op install at 100, 1,000 and 10,000 installed packages (generated state.json and package
# directories; JVM start excluded), as in docs/performance-install.md. Prints each run, the medians
# and the load average.
# Usage: benchmarks/noop-install-scale.sh [runs] [sizes...]   (default 5 runs of 100 1000 10000)
set -e
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
if [ -z "$BENCH_SKIP_BUILD" ]; then
  mvn -B -q -o -pl benchmarks -am package -DskipTests >&2
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
runs=${1:-5}
[ $# -gt 0 ] && shift
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
"${JAVA:-java}" -cp "$root/benchmarks/target/benchmarks.jar" io.cocoatly.benchmarks.NoopInstallScale "$work" "$runs" "$@"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
