#!/bin/bash
# Times what plugins cost a command that changes nothing, as in docs/plugins.md ("What plugins
# cost"): a no-op `install --locked` of the demo project (testdata/demo, 15 packages from the signed
# sample registry) through bin/cocoatly with no plugin in the home, and with three (the example
# plugin examples/plugin-audit/target/audit.jar and two small plugins compiled here, each with every
# hook and a command), plus `java -version` as the floor, all in the same run. Hooks fire only on a
# change and jars are opened only when a hook or a plugin command needs them, so the two no-op
# installs should not differ; `cocoatly --help` with 0 and with 3 plugins is timed too, since listing
# the plugins' commands is where the jars are opened. The home with three plugins is also timed with
# --no-plugins, as a control (same home, no plugin) and a gauge of the noise. Runs the checkout's
# bin/cocoatly as a user would, its AppCDS archive included (the first run after a build records it
# and is not timed).
#
# Uses hyperfine if it is installed, otherwise a loop around `date +%s%N` that alternates the
# commands. Prints each median, its ratio to the floor and its difference from it, hyperfine's mean
# CPU time (user + system), and the load average before and after: on a busy machine wall times
# grow with the load and move between blocks of runs, the CPU column far less; compare within one
# run only, and prefer a quiet machine.
#
# Usage: benchmarks/plugins.sh [runs]      (default 20)
# Needs the build: bin/cocoatly builds the CLI itself, and examples/plugin-audit/target/audit.jar is
# made by `mvn -B -DskipTests package`. The result is also written to
# benchmarks/results/plugins-<date>.txt (COCOATLY_BENCH_OUT=FILE writes it elsewhere).
# COCOATLY_BENCH_LOOP=1 uses the loop even where hyperfine is installed.
set -euo pipefail
runs=${1:-20}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
out=${COCOATLY_BENCH_OUT:-$root/benchmarks/results/plugins-$(date +%Y-%m-%d).txt}
audit=$root/examples/plugin-audit/target/audit.jar
registry=$root/testdata/registry

# bin/cocoatly builds the CLI if it must; the plugin jar comes from the same build.
"$root/bin/cocoatly" --version > /dev/null
[ -f "$audit" ] || { echo "no $audit: build it first with (cd $root && mvn -B -DskipTests package)" >&2; exit 1; }
api=$(ls "$root"/cli/target/lib/cocoatly-plugin-api-*.jar)
model=$(ls "$root"/cli/target/lib/cocoatly-model-*.jar)

# A small real plugin named $1 (every hook does a little work; a command), as a jar in $2.
small_plugin() {
  local name=$1 jar=$2 src=$work/src-$1
  mkdir -p "$src/bench/$name" "$src/META-INF/services"
  cat > "$src/bench/$name/P.java" <<EOF
package bench.$name;
import io.cocoatly.plugin.*;
import java.util.List;
public class P implements Plugin {
    public String description() { return "benchmark plugin $name"; }
    public Verdict onPreInstall(LifecycleEvent e) { return e.packages().isEmpty() ? Verdict.veto("none") : Verdict.proceed(); }
    public void onPostInstall(LifecycleEvent e) { System.err.print(""); }
    public void onPostUninstall(LifecycleEvent e) { System.err.print(""); }
    public List<PluginCommand> addCliCommands() {
        return List.of(new PluginCommand() {
            public String name() { return "bench-$name"; }
            public String description() { return "Says hello (benchmark plugin $name)."; }
            public CommandResult run(CommandInvocation i) { i.out().println("hello"); return CommandResult.ok("hello"); }
        });
    }
}
EOF
  echo "bench.$name.P" > "$src/META-INF/services/io.cocoatly.plugin.Plugin"
  javac --release 17 -nowarn -cp "$api:$model" -d "$src" "$src/bench/$name/P.java"
  (cd "$src" && jar --create --file "$jar" META-INF bench)
}

# The demo installed in home $1, with the plugins already in its plugins/ directory.
setup_home() {
  local home=$1
  mkdir -p "$home"
  printf '{"security": {"trusted_keys": ["%s"]}}\n' "$root/testdata/keys/sample.pub" > "$home/config.json"
  cp -r "$root/testdata/demo" "$home.demo"
  (cd "$home.demo" && COCOATLY_HOME=$home "$root/bin/cocoatly" install --registry "$registry") > "$work/setup.log" 2>&1 \
    || { cat "$work/setup.log" >&2; exit 1; }
}

mkdir -p "$work/three/plugins"
cp "$audit" "$work/three/plugins/audit.jar"
small_plugin alpha "$work/three/plugins/alpha.jar"
small_plugin beta "$work/three/plugins/beta.jar"
setup_home "$work/none"
setup_home "$work/three"
# The three plugins must load, or the figures would be of an install that refuses.
COCOATLY_HOME=$work/three "$root/bin/cocoatly" bench-alpha > /dev/null

names=('java -version')
commands=('java -version')
for h in none three; do
  n=$([ "$h" = none ] && echo 0 || echo 3)
  # hyperfine -N runs commands without a shell, so each sets its home through env(1).
  cli="env COCOATLY_HOME=$work/$h $root/bin/cocoatly"
  names+=("install --locked, $n plugins" "cocoatly --help, $n plugins")
  commands+=("$cli install --locked --manifest $work/$h.demo/cocoatly.json --registry $registry" "$cli --help")
done
# The control: the home with three plugins, run without them. Against it, a difference between the
# homes is told apart from one the plugins make, and its spread from the 0-plugin row shows the noise.
names+=("install --locked, 3, --no-plugins")
commands+=("env COCOATLY_HOME=$work/three $root/bin/cocoatly --no-plugins install --locked --manifest $work/three.demo/cocoatly.json --registry $registry")
# Each once more, untimed, so first-run work (a launcher recording its archive) is not measured.
for c in "${commands[@]}"; do $c > /dev/null 2>&1 || { echo "failed: $c" >&2; $c; exit 1; }; done

{
echo "benchmarks/plugins.sh on $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(java -version 2>&1 | head -1)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "${COCOATLY_BENCH_LOOP:-0}" != 1 ] && command -v hyperfine > /dev/null; then
  args=()
  for i in "${!commands[@]}"; do args+=(-n "${names[$i]}" "${commands[$i]}"); done
  hyperfine -N -w 2 -r "$runs" --style none --export-json "$work/h.json" "${args[@]}" > /dev/null
  medians=$(python3 -c 'import json, sys
for r in json.load(open(sys.argv[1]))["results"]: print(round(r["median"] * 1000))' "$work/h.json")
  cpus=$(python3 -c 'import json, sys
for r in json.load(open(sys.argv[1]))["results"]: print(round((r["user"] + r["system"]) * 1000))' "$work/h.json")
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
mapfile -t cpu <<< "${cpus:-}"
floor=${median[0]}
printf '%-34s %8s %8s %12s %12s\n' command median ratio 'minus floor' 'mean CPU'
for i in "${!names[@]}"; do
  printf '%-34s %5s ms %7.1fx %9s ms %9s ms\n' "${names[$i]}" "${median[$i]}" \
    "$(awk -v a="${median[$i]}" -v b="$floor" 'BEGIN { print a / b }')" "$(( median[i] - floor ))" "${cpu[$i]:--}"
done
echo "3 plugins / 0 plugins, install --locked: $(awk -v a="${median[3]}" -v b="${median[1]}" 'BEGIN { printf "%.2f", a / b }')x median${cpus:+, $(awk -v a="${cpu[3]}" -v b="${cpu[1]}" 'BEGIN { printf "%.2f", a / b }')x CPU}"
echo "3 plugins / the same home with --no-plugins, install --locked: $(awk -v a="${median[3]}" -v b="${median[5]}" 'BEGIN { printf "%.2f", a / b }')x median${cpus:+, $(awk -v a="${cpu[3]}" -v b="${cpu[5]}" 'BEGIN { printf "%.2f", a / b }')x CPU}"
echo "3 plugins / 0 plugins, cocoatly --help:   $(awk -v a="${median[4]}" -v b="${median[2]}" 'BEGIN { printf "%.2f", a / b }')x median${cpus:+, $(awk -v a="${cpu[4]}" -v b="${cpu[2]}" 'BEGIN { printf "%.2f", a / b }')x CPU}"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$out"
