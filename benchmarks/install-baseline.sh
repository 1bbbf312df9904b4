#!/bin/bash
# The baseline the installer is measured against (docs/performance-install.md): fetch every URL
# listed in $1 (one "name url" per line) with 8 parallel `curl | tee >(sha256sum) | tar -xz`
# pipelines into directory $2/<name>/. Prints the wall time in milliseconds.
# Usage: install-baseline.sh urls.txt target-dir
set -euo pipefail
list=$1
target=$2
mkdir -p "$target"
one() {
  name=$1 url=$2 target=$3
  mkdir -p "$target/$name"
  curl -sf "$url" | tee >(sha256sum > "$target/$name.sha256") | tar -xz -C "$target/$name"
}
export -f one
start=$(date +%s%N)
xargs -P 8 -L 1 bash -c 'one "$0" "$1" "'"$target"'"' < "$list"
end=$(date +%s%N)
echo $(( (end - start) / 1000000 ))
