#!/usr/bin/env bash
# The load benchmark of `skillmatch serve` (issue 14): simulated counsellors
# on loopback with wrk (Debian's package: apt-get install wrk), against a
# store of generated jobseekers and offers in one agency. Not a test: it
# prints figures, each beside a baseline measured in the same run.
#
#   tools/bench/bench_server.sh [--profiles 10000] [--offers 100000]
#       [--counsellors 50] [--rate 2] [--seconds 60] [--threads 64]
#       [--work DIR] [--port 18080]
#
# Phases, each against the same running server:
#   1. baseline: GET /healthz, the counsellors at the same rate;
#   2. best offers: each counsellor asks GET /api/v1/jobseekers/{id}/offers
#      for a random jobseeker, `--rate` times a second on average (pauses
#      drawn from 0..2/rate s), with its own session (logged in once);
#   3. login, two clients back to back (the server hashes at most two
#      passwords at once): the login throughput;
#   4. login, every counsellor at once (a morning rush): the wait.
# The store (generated with `skillmatch generate --seed 1`) and its accounts
# are kept in --work (default build/bench-server) for the next run.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
profiles=10000
offers=100000
counsellors=50
rate=2
seconds=60
threads=64
work="$root/build/bench-server"
port=18080
while [ $# -gt 0 ]; do
  case "$1" in
    --profiles) profiles="$2"; shift 2 ;;
    --offers) offers="$2"; shift 2 ;;
    --counsellors) counsellors="$2"; shift 2 ;;
    --rate) rate="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
    *) echo "bench_server: unknown option $1 (see --help)" >&2; exit 64 ;;
  esac
done
bin="$root/build/tools/skillmatch"
lua="$root/tools/bench/bench_server.lua"
for tool in wrk curl; do
  command -v "$tool" >/dev/null || { echo "bench_server: needs $tool (apt-get install $tool)" >&2; exit 69; }
done
[ -x "$bin" ] || { echo "bench_server: build first (tools/build.sh)" >&2; exit 66; }
mkdir -p "$work"
db="$work/pes-${profiles}x${offers}.db"
password="bench counsellor passphrase"

if [ ! -f "$db.ready" ]; then
  echo "== making the store: $profiles jobseekers, $offers offers (once)" >&2
  rm -f "$db" "$db-wal" "$db-shm" "$db.totp-key"
  "$bin" generate --profiles "$profiles" --offers "$offers" --seed 1 \
    --out "$work/gen" --no-progress >&2
  "$bin" db init --db "$db" >&2
  "$bin" profiles import --db "$db" "$work/gen/profiles.jsonl" >&2
  "$bin" offers import --db "$db" "$work/gen/offers.jsonl" >&2
  "$bin" agencies assign --db "$db" --agency main --unassigned >&2
  for i in $(seq -w 1 "$counsellors"); do
    echo "$password" | "$bin" users add --db "$db" --login "bench$i" \
      --role counsellor --agency main 2>/dev/null
  done
  touch "$db.ready"
fi

# The server, on loopback only, stopped on exit whatever happens.
log="$work/server.log"
started=$(date +%s.%N)
"$bin" serve --db "$db" --listen "127.0.0.1:$port" --threads "$threads" 2>"$log" &
server_pid=$!
trap 'kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true' EXIT
base="http://127.0.0.1:$port"
for _ in $(seq 1 100); do
  curl -sf "$base/healthz" >/dev/null 2>&1 && break
  sleep 0.1
done
curl -sf "$base/healthz" >/dev/null || { echo "bench_server: the server did not start (see $log)" >&2; exit 70; }
answering=$(date +%s.%N)

login_once() {  # login -> its session cookie
  curl -s -D - -o /dev/null -H 'Content-Type: application/json' \
    -d "{\"login\":\"$1\",\"password\":\"$password\"}" "$base/api/v1/session" |
    sed -n 's/^Set-Cookie: \(sm_session=[0-9a-f]*\).*/\1/p' | tr -d '\r'
}
seq -w 1 "$counsellors" | sed 's/^/bench/' > "$work/logins"
sqlite3 "$db" "SELECT id FROM profiles ORDER BY id" > "$work/ids"

# The agency's offer index is built in the background at start-up; until
# it is, best offers answer 503 "index en construction" at once. Measured
# here, then waited for, so that the phases measure the served index.
first_cookie=$(login_once "$(head -1 "$work/logins")")
[ -n "$first_cookie" ] || { echo "bench_server: login failed" >&2; exit 70; }
first_id=$(head -1 "$work/ids")
refusals=0
while true; do
  code=$(curl -s -o /dev/null -w '%{http_code}' -b "$first_cookie" \
    "$base/api/v1/jobseekers/$first_id/offers")
  [ "$code" = 200 ] && break
  [ "$code" = 503 ] || { echo "bench_server: best offers answered $code" >&2; exit 70; }
  refusals=$((refusals + 1))
  sleep 0.2
done
ready=$(date +%s.%N)

# Sessions: each simulated counsellor logs in once.
echo "$first_cookie" > "$work/cookies"
while read -r login; do
  cookie=$(login_once "$login")
  [ -n "$cookie" ] || { echo "bench_server: login of $login failed" >&2; exit 70; }
  echo "$cookie" >> "$work/cookies"
done < <(tail -n +2 "$work/logins")

delay_ms=$(( 1000 / rate ))
wrk_threads=2
run() {  # mode connections seconds delay_ms -> the BENCH line
  BENCH_MODE="$1" BENCH_DELAY_MS="$4" BENCH_IDS="$work/ids" \
  BENCH_COOKIES="$work/cookies" BENCH_LOGINS="$work/logins" \
  BENCH_PASSWORD="$password" \
    wrk -t "$wrk_threads" -c "$2" -d "${3}s" --timeout 60s -s "$lua" "$base" |
    grep '^BENCH'
}
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"; }

echo "== machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1); load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== store: $profiles jobseekers, $offers offers, one agency; server --threads $threads; wrk on the same machine"
echo "== start-up: /healthz answered $(printf %.1f "$(echo "$answering - $started" | bc)") s after launch; the offer index, built in the background, served $(printf %.1f "$(echo "$ready - $started" | bc)") s after launch ($refusals requests answered 503 meanwhile)"
healthz=$(run healthz "$counsellors" "$seconds" "$delay_ms")
best=$(run offers "$counsellors" "$seconds" "$delay_ms")
login2=$(run login 2 20 0)
login_rush=$(run login "$counsellors" 30 0)

ratio() { echo "scale=1; $1 / $2" | bc; }
printf '\n%-34s %8s %9s %9s %10s %10s %7s\n' "phase" "req/s" "p50 ms" "p99 ms" "p50/base" "p99/base" "errors"
for line in "$healthz" "$best" "$login2" "$login_rush"; do
  mode=$(field mode "$line")
  label="$mode"
  case "$line" in
    *mode=healthz*) label="baseline GET /healthz (${counsellors}x${rate}/s)" ;;
    *mode=offers*) label="best offers (${counsellors}x${rate}/s)" ;;
  esac
  [ "$line" = "$login2" ] && label="login, 2 at a time"
  [ "$line" = "$login_rush" ] && label="login, $counsellors at once"
  printf '%-34s %8s %9s %9s %10s %10s %7s\n' "$label" "$(field rps "$line")" \
    "$(field p50_ms "$line")" "$(field p99_ms "$line")" \
    "$(ratio "$(field p50_ms "$line")" "$(field p50_ms "$healthz")")" \
    "$(ratio "$(field p99_ms "$line")" "$(field p99_ms "$healthz")")" \
    "$(field errors "$line")"
done
echo
echo "raw:"
printf '%s\n' "$healthz" "$best" "$login2" "$login_rush"
errors=$(( $(field errors "$healthz") + $(field errors "$best") + $(field errors "$login2") + $(field errors "$login_rush") ))
[ "$errors" -eq 0 ] || { echo "bench_server: $errors errors" >&2; exit 1; }
