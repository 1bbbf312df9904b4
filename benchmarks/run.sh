#!/bin/sh
# Builds the benchmark jar and runs the crates.io report or the JMH benchmarks; see docs/performance.md.
#
#   benchmarks/run.sh report [--warmup=400] [--runs=21] [--limit=N] [--no-scan]
#   benchmarks/run.sh speed [--warmup=400] [--runs=11] [--version-runs=3] [--excerpt]
#   benchmarks/run.sh check [--warmup=5] [--runs=11] [--no-crates]
#   benchmarks/run.sh jmh [JMH options, e.g. ResolveCratesBenchmark -f 1 -rf json]
#   benchmarks/run.sh interleave A.jar B.jar [--rounds=6] [--runs=11] [--warmup=600] [--versions | --unsat | --unsat-explained]
#     (two builds' benchmark jars in one JVM, taking turns on every run: for changes smaller
#     than what the machine moves between JVMs)
#
# The crates.io snapshot is found by walking up to shared/data/crates-io-2019; pass
# -Dcocoatly.data=<dir> in BENCH_JAVA_OPTS to point elsewhere.
set -e
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
if [ -z "$BENCH_SKIP_BUILD" ]; then
  mvn -B -q -o -pl benchmarks -am package -DskipTests >&2
fi
jar="$root/benchmarks/target/benchmarks.jar"
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]; then
  commit="$commit+dirty"
fi
what=${1:-report}
[ $# -gt 0 ] && shift
case $what in
  report) exec "${JAVA:-java}" -Xmx2g ${BENCH_JAVA_OPTS} -Dcocoatly.commit="$commit" \
            -cp "$jar" io.cocoatly.benchmarks.CratesReport "$@" ;;
  speed) exec "${JAVA:-java}" -Xmx2g ${BENCH_JAVA_OPTS} -Dcocoatly.commit="$commit" \
            -cp "$jar" io.cocoatly.benchmarks.ResolveSpeed "$@" ;;
  check) exec "${JAVA:-java}" -Xmx2g ${BENCH_JAVA_OPTS} -Dcocoatly.commit="$commit" \
            -cp "$jar" io.cocoatly.benchmarks.CheckRun "$@" ;;
  jmh) exec "${JAVA:-java}" ${BENCH_JAVA_OPTS} -Dcocoatly.commit="$commit" -jar "$jar" "$@" ;;
  interleave) exec "${JAVA:-java}" -Xmx8g ${BENCH_JAVA_OPTS} -cp "$jar" io.cocoatly.benchmarks.Interleaved "$@" ;;
  *) echo "usage: benchmarks/run.sh report|speed|check|jmh|interleave [options]" >&2; exit 2 ;;
esac
