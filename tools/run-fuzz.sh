#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz with clang in ./build-fuzz and
# runs each for SECONDS_PER_TARGET seconds (default 25), one after the other,
# in one process each. Seeds come from the fixtures (tests/fixtures, data,
# engine/model/schema/examples); what a run finds is kept in
# build-fuzz/corpus/<target>/ and used by the next run; crashes go to
# build-fuzz/artifacts/. Exits 1 if any target found a crash, a leak or a
# timeout (after running all of them).
#
#   tools/run-fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
#
# Long runs: tests/README.md, "Fuzzing".
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-25}"
shift || true
build="$root/build-fuzz"
# SKILLMATCH_FUZZ_BUILD=0: run what build-fuzz/ holds, without building.
if [ "${SKILLMATCH_FUZZ_BUILD:-1}" != 0 ]; then
  "$root/tools/install-deps.sh"
  launcher=()
  if command -v ccache >/dev/null 2>&1; then
    launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  fi
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_COMPILER=clang++ -DSKILLMATCH_FUZZ=ON \
    -DSKILLMATCH_BUILD_TESTS=OFF "${launcher[@]}" >/dev/null
  cmake --build "$build" -j "${SKILLMATCH_JOBS:-2}" --target skillmatch_fuzz
fi

# Seeds: each file of a list, after a first byte that the target reads as
# its options (tests/fuzz/*_fuzz.cc say what the byte means).
seed() {  # seed DIR PREFIX_BYTE_OCTAL FILE...
  local dir="$1" byte="$2"
  shift 2
  mkdir -p "$dir"
  for file in "$@"; do
    local name
    name="$(echo "$file" | sed "s|$root/||; s|/|_|g")"
    if [ -n "$byte" ]; then
      { printf "\\$byte"; cat "$file"; } >"$dir/$byte-$name"
    else
      cp "$file" "$dir/$name"
    fi
  done
}
seeds="$build/seeds"
rm -rf "$seeds"
fx="$root/tests/fixtures"
csvs=("$fx"/import/*.csv "$fx"/bundles/tiny/*.csv "$root"/data/import/*.csv)
for byte in 000 001 002 004; do seed "$seeds/csv" "$byte" "${csvs[@]}"; done
jsons=("$fx"/import/*.json "$fx"/import/*.jsonl
       "$root"/engine/model/schema/examples/*.jsonl "$root"/data/import/*.json)
for byte in 000 001 002 005; do seed "$seeds/json_records" "$byte" "${jsons[@]}"; done
seed "$seeds/import_mapping" "" "$root"/data/import/*.mapping.json \
  "$fx"/import/*.mapping.json
# The bundle target's first byte picks the file (in the order of
# tests/fuzz/bundle_fuzz.cc's kFiles).
tiny_files=(bundle.json occupations.csv labels.csv skills.csv
            skill_labels.csv occupation_skills.csv mobility.csv crosswalk.csv)
for index in "${!tiny_files[@]}"; do
  seed "$seeds/bundle" "00$index" "$fx/bundles/tiny/${tiny_files[$index]}"
done
# Text: every label of the tiny bundle and of the embedded sample, one per
# seed file (the first 300 lines of the sample's labels).
mkdir -p "$seeds/text"
n=0
while IFS= read -r line; do
  printf '%s' "$line" >"$seeds/text/line-$n"
  n=$((n + 1))
done < <(cat "$fx"/bundles/tiny/labels.csv "$fx"/bundles/tiny/skills.csv \
         "$fx"/bundles/tiny/occupations.csv;
         head -n 300 "$root"/data/roame-sample/labels.csv)

# -max_len per target: a little above the largest seed that matters.
declare -A max_len=(
  [csv]=4096 [text]=1024 [bundle]=4096 [json_records]=8192
  [import_mapping]=8192
)
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(csv text bundle json_records import_mapping)
fi
mkdir -p "$build/artifacts"
failed=()
for target in "${targets[@]}"; do
  corpus="$build/corpus/$target"
  mkdir -p "$corpus"
  echo "run-fuzz: $target for ${seconds}s (-max_len=${max_len[$target]})" >&2
  if ! "$build/tests/fuzz/fuzz_$target" -max_total_time="$seconds" \
      -max_len="${max_len[$target]}" -timeout=10 -rss_limit_mb=2048 \
      -print_final_stats=1 -artifact_prefix="$build/artifacts/$target-" \
      "$corpus" "$seeds/$target" 2>"$build/$target.log"; then
    failed+=("$target")
    tail -n 60 "$build/$target.log" >&2
  fi
  grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' \
    "$build/$target.log" | sed "s/^/run-fuzz: $target: /" >&2 || true
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "run-fuzz: FAILED: ${failed[*]} (inputs in $build/artifacts)" >&2
  exit 1
fi
echo "run-fuzz: ${#targets[@]} targets, ${seconds}s each, no crash" >&2
