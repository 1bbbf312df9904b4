#!/bin/sh
# Times `registry import` of the whole crates.io 2019 index (~35,000 crates, ~180,000 versions) into an
# embedded PostgreSQL 15 and checks the server's hot queries' plans on it (RegistryImportRun).
#
#   benchmarks/registry-import.sh [WORK_DIR]
#
# WORK_DIR (new; default a temporary directory) gets the registry directory and the database's data.
set -e
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
if [ -z "$BENCH_SKIP_BUILD" ]; then
  mvn -B -q -o -pl benchmarks -am package -DskipTests >&2
fi
work=${1:-$(mktemp -d)/crates-import}
java $BENCH_JAVA_OPTS -cp "$root/benchmarks/target/benchmarks.jar" io.cocoatly.benchmarks.RegistryImportRun "$work"
