#!/usr/bin/env bash
# The render time of the reorientation page (GET /demandeurs/{id}/reorientation)
# for the sample jobseekers, beside the file page (GET /demandeurs/{id}) of the
# same jobseeker measured in the same run: the ratio says what the close
# occupations, their skills, the offer counts and the trainings cost on top of
# reading and rendering a file. Not a test: it prints figures.
#
#   tools/bench/bench_reorientation.sh [--repeat 50] [--generate N] [--work DIR]
#
# The store: the embedded sample's example jobseekers and offers, the sample
# offer file of data/import, and with --generate N, N generated offers
# (`skillmatch generate --seed 1`) so that the open-offer count runs over an
# agency of that size. One counsellor logs in once (curl, loopback); each page
# is asked `--repeat` times per jobseeker, alternately, and curl's
# time_total is averaged.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
repeat=50
generate=0
work=""
while [ $# -gt 0 ]; do
  case "$1" in
    --repeat) repeat="$2"; shift 2 ;;
    --generate) generate="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "bench_reorientation: unknown option $1 (see --help)" >&2; exit 64 ;;
  esac
done
bin="$root/build/tools/skillmatch"
command -v curl >/dev/null || { echo "bench_reorientation: needs curl" >&2; exit 69; }
[ -x "$bin" ] || { echo "bench_reorientation: build first (tools/build.sh)" >&2; exit 66; }
own_work=0
if [ -z "$work" ]; then
  work="$(mktemp -d)"
  own_work=1
fi
mkdir -p "$work"
db="$work/pes.db"
password="bench counsellor passphrase"
examples="$root/engine/model/schema/examples"
rm -f "$db" "$db-wal" "$db-shm"
"$bin" db init --db "$db" >/dev/null 2>"$work/setup.log" || { cat "$work/setup.log" >&2; exit 70; }
"$bin" profiles import --db "$db" "$examples/profiles.jsonl" >/dev/null 2>"$work/setup.log" || { cat "$work/setup.log" >&2; exit 70; }
"$bin" offers import --db "$db" "$examples/offers.jsonl" >/dev/null 2>"$work/setup.log" || { cat "$work/setup.log" >&2; exit 70; }
"$bin" import offers --db "$db" --source anpe \
  --mapping "$root/data/import/national-csv.mapping.json" \
  "$root/data/import/national-offres.csv" >/dev/null 2>"$work/setup.log" || { cat "$work/setup.log" >&2; exit 70; }
if [ "$generate" -gt 0 ]; then
  "$bin" generate --profiles 1 --offers "$generate" --seed 1 --out "$work/gen" --no-progress >/dev/null 2>"$work/setup.log" || { cat "$work/setup.log" >&2; exit 70; }
  "$bin" offers import --db "$db" "$work/gen/offers.jsonl" >/dev/null 2>"$work/setup.log" || { cat "$work/setup.log" >&2; exit 70; }
fi
"$bin" agencies assign --db "$db" --agency main --unassigned >/dev/null 2>"$work/setup.log" || { cat "$work/setup.log" >&2; exit 70; }
echo "$password" | "$bin" users add --db "$db" --login conseil --role counsellor --agency main >/dev/null 2>"$work/setup.log" || { cat "$work/setup.log" >&2; exit 70; }

log="$work/server.log"
"$bin" serve --db "$db" --listen 127.0.0.1:0 --threads 2 2>"$log" &
server_pid=$!
cleanup() {
  kill "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  if [ "$own_work" = 1 ]; then rm -rf "$work"; fi
}
trap cleanup EXIT
base=""
for _ in $(seq 1 200); do
  base="$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$log" | head -1 || true)"
  [ -n "$base" ] && curl -sf "$base/healthz" >/dev/null 2>&1 && break
  sleep 0.1
done
[ -n "$base" ] || { echo "bench_reorientation: the server did not start:" >&2; cat "$log" >&2; exit 70; }
jar="$work/cookies"
curl -s -o /dev/null -c "$jar" -H "Origin: $base" \
  --data-urlencode "login=conseil" --data-urlencode "password=$password" "$base/connexion"

# Mean milliseconds of `repeat` GETs of $1 (status 200 required).
mean_ms() {
  local path="$1" total=0 t code
  for _ in $(seq 1 "$repeat"); do
    read -r code t < <(curl -s -o /dev/null -b "$jar" -w '%{http_code} %{time_total}\n' "$base$path")
    [ "$code" = 200 ] || { echo "bench_reorientation: GET $path answered $code" >&2; exit 70; }
    total=$(awk -v a="$total" -v b="$t" 'BEGIN { print a + b }')
  done
  awk -v a="$total" -v n="$repeat" 'BEGIN { printf "%.2f", a * 1000 / n }'
}

echo "bench_reorientation: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load average $(cut -d" " -f1-3 /proc/loadavg)"
echo "store: sample taxonomy, 3 example jobseekers, example and national sample offers$([ "$generate" -gt 0 ] && echo ", $generate generated offers"); $repeat requests per page"
printf '%-18s %12s %16s %8s\n' jobseeker "file (ms)" "reorientation" ratio
for id in $(grep -o '"id":"[^"]*"' "$examples/profiles.jsonl" | cut -d'"' -f4); do
  for path in "/demandeurs/$id" "/demandeurs/$id/reorientation"; do  # warm-up
    curl -s -o /dev/null -b "$jar" "$base$path"
  done
  file=$(mean_ms "/demandeurs/$id")
  reo=$(mean_ms "/demandeurs/$id/reorientation")
  printf '%-18s %12s %16s %8s\n' "$id" "$file" "$reo" \
    "$(awk -v a="$reo" -v b="$file" 'BEGIN { printf "%.2fx", a / b }')"
done
