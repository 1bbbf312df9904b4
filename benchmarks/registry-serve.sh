#!/bin/bash
# `cocoatly registry serve` of a registry directory, `cocoatly registry serve --db embedded` of the same
# registry imported into PostgreSQL, and nginx serving the directory, in the same run, with wrk on
# loopback: requests/s and p99 latency for an index file, a 304 revalidation (If-None-Match with each
# server's own ETag) and an artifact, and the ratios database/directory and directory/nginx. The
# figures go to docs/performance-registry.md.
#
# Needs wrk and nginx (Debian: `apt-get install -y wrk nginx`); skips with a message without them.
# Usage: benchmarks/registry-serve.sh [seconds-per-run] [connections] [rounds]   (default 5 s, 32, 3)
# Each case runs `rounds` times, alternating serve and nginx so that both see the same background
# load, and reports the medians.
# Serves a copy of testdata/registry; run from anywhere in the checkout. Everything is on 127.0.0.1
# and stops by itself.
set -euo pipefail
seconds=${1:-5}
connections=${2:-32}
rounds=${3:-3}
root=$(cd "$(dirname "$0")/.." && pwd)

for tool in wrk nginx curl; do
  if ! command -v "$tool" > /dev/null; then
    echo "skipped: $tool is not installed (Debian: apt-get install -y wrk nginx curl)"
    exit 0
  fi
done

work=$(mktemp -d)
serve_pid=
db_pid=
cleanup() {
  [ -n "$serve_pid" ] && kill "$serve_pid" 2> /dev/null || :
  [ -n "$db_pid" ] && kill "$db_pid" 2> /dev/null || :
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2> /dev/null || :
  sleep 0.5
  rm -rf "$work"
}
trap cleanup EXIT
chmod 755 "$work"

cp -r "$root/testdata/registry" "$work/registry"
chmod -R a+rX "$work/registry"
index=$(cd "$work/registry" && ls -S index/*.json | head -n 1)
artifact=$(cd "$work/registry" && find artifacts -name '*.tar.gz' -printf '%s %p\n' | sort -n | tail -n 1 | cut -d' ' -f2)

# registry serve, with its request log going to a file as it would in production.
"$root/bin/cocoatly" registry serve "$work/registry" --port 0 > "$work/serve.out" 2> "$work/serve.log" &
serve_pid=$!
for _ in $(seq 300); do [ -s "$work/serve.out" ] && break; sleep 0.1; done
serve_url=$(head -n 1 "$work/serve.out")
[ -n "$serve_url" ] || { echo "registry serve did not start:" >&2; cat "$work/serve.log" >&2; exit 1; }

# The same registry in the embedded PostgreSQL, under a home of its own (its sample key trusted, so
# that the import checks every signature), served by `registry serve --db embedded`.
mkdir -p "$work/home"
key=$(sed -n 's/.*"public_key" *: *"\([^"]*\)".*/\1/p' "$root/testdata/keys/sample.pub")
printf '{"security": {"trusted_keys": ["%s"]}}\n' "$key" > "$work/home/config.json"
cp -r "$root/testdata/registry" "$work/db-source"
COCOATLY_HOME="$work/home" "$root/bin/cocoatly" registry import "$work/db-source" --db embedded > "$work/import.out" 2> "$work/import.log" \
  || { echo "registry import failed:" >&2; cat "$work/import.log" >&2; exit 1; }
COCOATLY_HOME="$work/home" "$root/bin/cocoatly" registry serve --db embedded --port 0 > "$work/db.out" 2> "$work/db.log" &
db_pid=$!
for _ in $(seq 600); do [ -s "$work/db.out" ] && break; sleep 0.1; done
db_url=$(head -n 1 "$work/db.out")
[ -n "$db_url" ] || { echo "registry serve --db embedded did not start:" >&2; cat "$work/db.log" >&2; exit 1; }

# nginx on a free port, one worker per core, access log on, ETags on (its default).
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat > "$work/nginx.conf" <<CONF
user root;
worker_processes auto;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  types { application/json json; application/gzip gz; }
  access_log $work/nginx-access.log;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  server {
    listen 127.0.0.1:$port;
    root $work/registry;
    location /index/ { add_header Cache-Control "public, max-age=60, must-revalidate"; }
    location /artifacts/ { add_header Cache-Control "public, max-age=31536000, immutable"; }
  }
}
CONF
nginx -c "$work/nginx.conf" -p "$work"
nginx_url="http://127.0.0.1:$port/"
for _ in $(seq 50); do curl -sf -o /dev/null "$nginx_url$index" && break; sleep 0.1; done

etag_of() { curl -sfI "$1" | tr -d '\r' | awk -F': ' 'tolower($1) == "etag" { print $2 }'; }

# Prints "req/s p99" of one wrk run.
measure() {
  local url=$1; shift
  wrk -t2 -c"$connections" -d"${seconds}s" --latency "$@" "$url" > "$work/wrk.out"
  local rps p99
  rps=$(awk '/^Requests\/sec:/ { print $2 }' "$work/wrk.out")
  p99=$(awk '$1 == "99%" { print $2 }' "$work/wrk.out")
  echo "$rps $p99"
}

echo "registry serve: $serve_url   serve --db embedded: $db_url   nginx $(nginx -v 2>&1 | cut -d/ -f2): $nginx_url"
echo "index file: $index ($(stat -c %s "$work/registry/$index") B); artifact: $artifact ($(stat -c %s "$work/registry/$artifact") B)"
echo "wrk: 2 threads, $connections connections, ${seconds} s per run, on the same $(nproc) cores; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
# Warm-up: the JIT compiles the serving path; nginx's page cache is warm after the first pass.
wrk -t2 -c"$connections" -d3s "$serve_url$index" > /dev/null
wrk -t2 -c"$connections" -d3s "$db_url$index" > /dev/null
wrk -t2 -c"$connections" -d3s "$nginx_url$index" > /dev/null

median() { sort -g | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }
# wrk prints latencies as 850.00us, 1.20ms or 1.02s; in milliseconds:
ms() { awk '{ v = $1; if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) } else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 } printf "%.2f\n", v }'; }

printf '%-9s %12s %9s %12s %9s %12s %9s %8s %8s\n' case "dir req/s" "dir p99" "db req/s" "db p99" "nginx req/s" "nginx p99" db/dir dir/nginx
for case in index 304 artifact; do
  case $case in
    index) path=$index; s_args=(); d_args=(); n_args=() ;;
    304) path=$index; s_args=(-H "If-None-Match: $(etag_of "$serve_url$index")"); d_args=(-H "If-None-Match: $(etag_of "$db_url$index")")
         n_args=(-H "If-None-Match: $(etag_of "$nginx_url$index")") ;;
    artifact) path=$artifact; s_args=(); d_args=(); n_args=() ;;
  esac
  : > "$work/s.txt"; : > "$work/d.txt"; : > "$work/n.txt"
  for _ in $(seq "$rounds"); do
    measure "$serve_url$path" "${s_args[@]}" >> "$work/s.txt"
    measure "$db_url$path" "${d_args[@]}" >> "$work/d.txt"
    measure "$nginx_url$path" "${n_args[@]}" >> "$work/n.txt"
  done
  s_rps=$(cut -d' ' -f1 "$work/s.txt" | median); s_p99=$(cut -d' ' -f2 "$work/s.txt" | ms | median)
  d_rps=$(cut -d' ' -f1 "$work/d.txt" | median); d_p99=$(cut -d' ' -f2 "$work/d.txt" | ms | median)
  n_rps=$(cut -d' ' -f1 "$work/n.txt" | median); n_p99=$(cut -d' ' -f2 "$work/n.txt" | ms | median)
  db_ratio=$(awk -v a="$d_rps" -v b="$s_rps" 'BEGIN { printf "%.2f", a / b }')
  ratio=$(awk -v a="$s_rps" -v b="$n_rps" 'BEGIN { printf "%.2f", a / b }')
  printf '%-9s %12.0f %9s %12.0f %9s %12.0f %9s %8s %8s\n' "$case" "$s_rps" "$s_p99" "$d_rps" "$d_p99" "$n_rps" "$n_p99" "$db_ratio" "$ratio"
done
# A sanity check that the 304 runs were 304s on both sides.
curl -s -o /dev/null -w 'serve 304 check: %{http_code}\n' -H "If-None-Match: $(etag_of "$serve_url$index")" "$serve_url$index"
curl -s -o /dev/null -w 'db 304 check: %{http_code}\n' -H "If-None-Match: $(etag_of "$db_url$index")" "$db_url$index"
cmp <(curl -s "$serve_url$index") <(curl -s "$db_url$index") && echo "index file byte-identical from the directory and the database"
curl -s -o /dev/null -w 'nginx 304 check: %{http_code}\n' -H "If-None-Match: $(etag_of "$nginx_url$index")" "$nginx_url$index"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
