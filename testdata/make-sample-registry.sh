#!/bin/sh
# Rebuilds the sample registry's artifacts and index files (testdata/registry) from the package
# sources in testdata/packages, signed with the committed TEST key testdata/keys/sample.key.
#
# Every run gives the same bytes: archives are reproducible (sorted entries, fixed mtimes, owners
# and modes) and Ed25519 signatures are deterministic, so a rerun changes nothing unless a source
# did. Versions listed in testdata/packages/yanked.txt ("NAME VERSION" per line) are yanked after
# publishing. registry.json is kept as it is; names.json is the one publishing keeps up to date.
#
# Usage: testdata/make-sample-registry.sh      (builds the CLI first if bin/cocoatly needs it)
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
cocoatly="$root/bin/cocoatly"
sources="$root/testdata/packages"
target="$root/testdata/registry"

work=$(mktemp -d "${TMPDIR:-/tmp}/cocoatly-sample.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM

# git does not keep file modes other than the execute bit, and a private key that others may read
# is refused, so sign with an owner-only copy.
cp "$root/testdata/keys/sample.key" "$work/sample.key"
chmod 600 "$work/sample.key"

"$cocoatly" registry init "$work/registry" --name sample >/dev/null
for dir in "$sources"/*/; do
  # In name order, so a dependency may come after its dependents: --allow-missing.
  "$cocoatly" publish "$dir" --registry "$work/registry" --key "$work/sample.key" --allow-missing >/dev/null
done
while read -r name version; do
  case $name in ''|'#'*) continue ;; esac
  "$cocoatly" yank "$name" "$version" --registry "$work/registry" >/dev/null
done < "$sources/yanked.txt"

rm -rf "$target/index" "$target/artifacts"
cp -R "$work/registry/index" "$work/registry/artifacts" "$target/"
cp "$work/registry/names.json" "$target/names.json"
echo "rebuilt $(ls "$target/index" | wc -l | tr -d ' ') index files and $(find "$target/artifacts" -name '*.tar.gz' | wc -l | tr -d ' ') artifacts in $target"
