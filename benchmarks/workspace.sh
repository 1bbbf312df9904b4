#!/bin/bash
# A generated workspace of 200 members against one project with the same union of requirements, in the
# same run: `bin/cocoatly lock` and `lock --check` of each, timed by hyperfine (JVM start-up included),
# with the medians, the workspace/project ratios (the aim of issue 16: within 1.2x) and the load
# average before and after; then `lock --check` of both again, alternating run by run
# (benchmarks/alternate.py, twice the runs), which a shared machine's bursts of load disturb less.
# The figures go to docs/workspaces.md ("Figures").
#
# The registry is written by `benchmarks`' CratesRegistryWriter: from the crates.io snapshot beside the
# clone (shared/data/crates-io-2019 beside it), the closure of the top 60 crates; without it (or with
# BENCH_DATA=excerpt), from the excerpt committed in testdata/crates-excerpt, its 48 roots (those with a
# release: `*` takes no prerelease). Member i
# (m/m000 .. m/m199, version 0.1.0) depends on three of the roots at `*`, round robin, and (9 in 10) on
# member i-1 at `^0.1`; the project depends on the union of those roots at `*`.
#
# Usage: benchmarks/workspace.sh [runs] (default 5). Needs hyperfine and python3. Everything is
# written to a temporary directory (COCOATLY_HOME included) and removed at the end.
set -euo pipefail
runs=${1:-5}
members=200
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
command -v hyperfine > /dev/null || { echo "skipped: hyperfine is not installed"; exit 0; }
[ -n "${BENCH_SKIP_BUILD:-}" ] || mvn -B -q -o -pl benchmarks,cli -am package -DskipTests >&2
jar="$root/benchmarks/target/benchmarks.jar"
cli="$root/bin/cocoatly"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export COCOATLY_HOME=$work/home
mkdir -p "$COCOATLY_HOME"

# The snapshot as DataFiles finds it: shared/data/crates-io-2019 in the nearest directory above that has
# one (beside the main checkout, or two levels up from a worktree).
snapshot=""
for dir in "$root/.." "$root/../.." "$root/../../.."; do
  if [ -f "$dir/shared/data/crates-io-2019/top300-by-reverse-deps.tsv" ]; then
    snapshot=$(cd "$dir/shared/data/crates-io-2019" && pwd)
    break
  fi
done
if [ "${BENCH_DATA:-}" != excerpt ] && [ -n "$snapshot" ]; then
  data="crates.io snapshot, closure of the top 60 crates"
  java -Xmx2g -Dcocoatly.data="$snapshot" -cp "$jar" io.cocoatly.benchmarks.CratesRegistryWriter "$work/registry" 60 >&2
  roots_file="$snapshot/top300-by-reverse-deps.tsv"
  roots=60
  policy=one
else
  data="crates.io excerpt (testdata/crates-excerpt), its 48 roots"
  java -Xmx2g -cp "$jar" io.cocoatly.benchmarks.CratesRegistryWriter --excerpt "$work/registry" >&2
  roots_file="$root/testdata/crates-excerpt/roots.tsv"
  roots=48
  # The excerpt keeps only the versions its roots' own versions admit, so their union at `*` needs two
  # semver-incompatible versions of a crate at times (crossbeam-utils 0.6 and 0.7), as cargo allows.
  policy=semver-major
fi

# The workspace and the project: plain JSON manifests.
python3 - "$work" "$roots_file" "$roots" "$members" <<'EOF'
import json, os, sys
work, roots_file, count, members = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
def has_release(index):
    # `*` takes no prerelease: a root with prereleases only (the excerpt's hyper) is left out.
    with open(index) as f:
        text = f.read()
    return any('-' not in v for v in json_versions(json.loads(text)))
def json_versions(node):
    if isinstance(node, dict):
        for k, v in node.items():
            if k == 'version' and isinstance(v, str):
                yield v
            else:
                yield from json_versions(v)
    elif isinstance(node, list):
        for v in node:
            yield from json_versions(v)
names = []
with open(roots_file) as f:
    next(f)  # the header
    for line in f:
        # crates.io compares names lower case with `_` as `-` (CratesIndex.normalise).
        name = line.split('\t')[0].lower().replace('_', '-')
        index = os.path.join(work, 'registry', 'index', name + '.json')
        if len(names) < count and os.path.exists(index) and has_release(index):
            names.append(name)
def write(path, manifest):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w') as f:
        json.dump(manifest, f, indent=2)
        f.write('\n')
union = set()
for i in range(members):
    deps = {names[(3 * i + k) % len(names)]: '*' for k in range(3)}
    union.update(deps)
    if i % 10 != 0:
        deps['m%03d' % (i - 1)] = '^0.1'
    write(os.path.join(work, 'ws', 'm', 'm%03d' % i, 'cocoatly.json'),
          {'name': 'm%03d' % i, 'version': '0.1.0', 'dependencies': deps})
write(os.path.join(work, 'ws', 'cocoatly.json'), {'workspace': {'members': ['m/*']}})
write(os.path.join(work, 'project', 'cocoatly.json'),
      {'name': 'project', 'version': '0.1.0', 'dependencies': {n: '*' for n in sorted(union)}})
print('%d members; the union: %d requirements' % (members, len(union)), file=sys.stderr)
EOF

reg="$work/registry"
# One lock of each first: the lockfiles `lock --check` checks, and the comparison of what was locked.
(cd "$work/project" && "$cli" lock --registry "$reg" --multiple-versions="$policy" > /dev/null)
(cd "$work/ws" && "$cli" lock --registry "$reg" --multiple-versions="$policy" > /dev/null)

load() { cut -d' ' -f1-3 /proc/loadavg; }
echo "data: $data; $members members; --multiple-versions=$policy; runs: $runs; $(nproc) cores"
echo "load average before: $(load)"
# Each lock starts without a lockfile, so that it resolves from scratch (with one, it keeps what is locked).
hyperfine -N --warmup 1 --runs "$runs" --export-json "$work/lock.json" \
  --prepare "rm -f $work/project/cocoatly-lock.json" --prepare "rm -f $work/ws/cocoatly-lock.json" \
  -n "project lock" "sh -c 'cd $work/project && $cli lock --registry $reg --multiple-versions=$policy'" \
  -n "workspace lock" "sh -c 'cd $work/ws && $cli lock --registry $reg --multiple-versions=$policy'" >&2
hyperfine -N --warmup 1 --runs "$runs" --export-json "$work/check.json" \
  -n "project lock --check" "sh -c 'cd $work/project && $cli lock --check --registry $reg'" \
  -n "workspace lock --check" "sh -c 'cd $work/ws && $cli lock --check --registry $reg'" >&2
# hyperfine runs each command's runs in a block, so a burst of load from elsewhere lands on one side;
# alternating the two run by run is steadier on a shared machine (docs/workspaces.md, "Figures").
printf '[["project lock --check", ["sh", "-c", "cd %s/project && %s lock --check --registry %s"]], ["workspace lock --check", ["sh", "-c", "cd %s/ws && %s lock --check --registry %s"]]]' \
  "$work" "$cli" "$reg" "$work" "$cli" "$reg" > "$work/alternate.json"
python3 "$root/benchmarks/alternate.py" "$((runs * 2))" "$work/alternate.json" > "$work/alternate.txt"
echo "load average after: $(load)"

python3 - "$work" <<'EOF'
import json, sys
work = sys.argv[1]
for what in ('lock', 'check'):
    results = json.load(open('%s/%s.json' % (work, what)))['results']
    for r in results:
        print('%-24s median %7.3f s  (min %.3f, max %.3f, %d runs)' % (r['command'], r['median'], r['min'], r['max'],
                                                                    len(r['times'])))
    print('%-24s %.2fx' % ('workspace / project', results[1]['median'] / results[0]['median']))
locks = [json.load(open('%s/%s/cocoatly-lock.json' % (work, d))) for d in ('project', 'ws')]
ids = [sorted((p['name'], p['version']) for p in l['packages']) for l in locks]
print('locked: project %d packages, workspace %d packages, %s' % (len(ids[0]), len(ids[1]),
      'the same versions' if ids[0] == ids[1] else 'DIFFERENT versions'))
print('objective: project %s; workspace %s' % (locks[0]['resolver']['objective'], locks[1]['resolver']['objective']))
lines = open('%s/alternate.txt' % work).read().splitlines()
print('lock --check alternating run by run: ' + lines[0])
medians = []
for line in lines[1:]:
    print('  ' + line)
    medians.append(float(line.split('wall median')[1].split('ms')[0]))
print('%-24s %.2fx (alternating)' % ('workspace / project', medians[1] / medians[0]))
EOF
