#!/usr/bin/env bash
# Load benchmark for `bydesign serve` with wrk: cached catalog reads, an
# uncached registry read and product writes, on SQLite and (when
# BYDESIGN_TEST_POSTGRES is set) on PostgreSQL. Prints one line per case:
# requests/s and p99 latency. Everything listens on loopback only.
#
#   bench/serve/run.sh            # defaults: 10 s per case, 2 threads, 32 connections
#   DURATION=30s CONNS=64 bench/serve/run.sh
#   BIN=/path/to/bydesign bench/serve/run.sh   # use a binary built elsewhere
set -euo pipefail
cd "$(dirname "$0")/../.."

DURATION=${DURATION:-10s}
THREADS=${THREADS:-2}
CONNS=${CONNS:-32}
PORT=${PORT:-18181}
command -v wrk >/dev/null || { echo "wrk not found: apt-get install wrk" >&2; exit 2; }

work=$(mktemp -d)
pid=
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; fi
  if [ -n "${schema:-}" ]; then psql "$BYDESIGN_TEST_POSTGRES" -qc "drop schema if exists $schema cascade" >/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
if [ -n "${BIN:-}" ]; then cp "$BIN" "$work/bydesign"; else go build -o "$work/bydesign" ./cmd/bydesign; fi
printf '%s' "bench-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')" > "$work/admin-password"
chmod 600 "$work/admin-password"

start() { # $1: database
  "$work/bydesign" serve --addr "127.0.0.1:$PORT" --db "$1" --log-level warn \
    --admin-user bench --admin-password-file "$work/admin-password" >"$work/serve.log" 2>&1 &
  pid=$!
  for _ in $(seq 100); do curl -fs "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1 && return; sleep 0.1; done
  cat "$work/serve.log" >&2; exit 1
}

stop() { kill -TERM "$pid"; wait "$pid" 2>/dev/null || true; pid=; }

# token signs in through the login form and issues a manufacturer-capable
# token on the account page, as a user would.
token() {
  local jar="$work/cookies"
  curl -fs -c "$jar" -o /dev/null -d "username=bench" --data-urlencode "password@$work/admin-password" "http://127.0.0.1:$PORT/login"
  curl -fs -b "$jar" -d "name=bench" -d "role=admin" -d "days=1" "http://127.0.0.1:$PORT/account/tokens" |
    grep -o 'bdt_[A-Za-z0-9_-]*' | head -1
}

measure() { # $1 label, $2 path, [$3 lua script]
  local out
  if [ -n "${3:-}" ]; then
    out=$(wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency -s "$3" "http://127.0.0.1:$PORT$2")
  else
    out=$(wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency "http://127.0.0.1:$PORT$2")
  fi
  if grep -q "unexpected status" <<<"$out"; then grep -m3 "unexpected status" <<<"$out" >&2; fi
  printf '%-10s %-32s %10s req/s  p99 %8s  errors %s\n' "$db_name" "$1" \
    "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" \
    "$(awk '$1 == "99%" {print $2}' <<<"$out")" \
    "$(awk '/Non-2xx|Socket errors/ {printf "%s ", $0}' <<<"$out")"
}

run_db() { # $1 name, $2 database
  db_name=$1
  start "$2"
  export TOKEN RUN
  TOKEN=$(token)
  RUN="$db_name-$$"
  [ -n "$TOKEN" ] || { echo "could not issue a token" >&2; exit 1; }
  curl -fs -o /dev/null "http://127.0.0.1:$PORT/api/v1/documents" # warm the cache
  measure "GET /api/v1/documents (cached)" /api/v1/documents
  measure "GET /api/v1/matrix?by=region" "/api/v1/matrix?by=region"
  measure "GET /compare page (cached)" "/compare?j=GB&j=US&j=SG"
  measure "POST /api/v1/products" /api/v1/products bench/serve/post_product.lua
  measure "GET /api/v1/products (store)" "/api/v1/products?limit=20"
  stop
}

run_db sqlite "$work/bench.db"
if [ -n "${BYDESIGN_TEST_POSTGRES:-}" ]; then
  schema="bench_serve_$$"
  export PGOPTIONS="--client-min-messages=warning"
  psql "$BYDESIGN_TEST_POSTGRES" -qc "create schema $schema" >/dev/null
  sep='?'; [[ "$BYDESIGN_TEST_POSTGRES" == *\?* ]] && sep='&'
  run_db postgres "${BYDESIGN_TEST_POSTGRES}${sep}search_path=$schema"
else
  echo "postgres   skipped: set BYDESIGN_TEST_POSTGRES=postgres://postgres@127.0.0.1:5432/test?sslmode=disable"
fi
