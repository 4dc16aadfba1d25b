#!/usr/bin/env bash
# The sanitizer job of CI: builds skillmatch in Debug with AddressSanitizer
# and UndefinedBehaviorSanitizer (UBSan halts on its first finding) in
# ./build-asan, and runs the unit and CLI tests in it. Tests labelled
# "asan-slow" are left out: tests/CMakeLists.txt says why for each.
# Extra arguments go to ctest.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/tools/install-deps.sh"
jobs="${SKILLMATCH_JOBS:-2}"
build="$root/build-asan"
launcher=()
if command -v ccache >/dev/null 2>&1; then
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Debug \
  -DSKILLMATCH_SANITIZE=address,undefined "${launcher[@]}" >/dev/null
# Only what the unit and CLI tests run (not the benchmarks).
cmake --build "$build" -j "$jobs" --target skillmatch \
  skillmatch_classification_tests skillmatch_model_tests \
  skillmatch_match_tests skillmatch_store_tests skillmatch_import_tests \
  skillmatch_eval_tests skillmatch_cli_tests
# Leaks are errors too; a finding stops the process with its report on
# stderr, which ctest shows.
export ASAN_OPTIONS="detect_leaks=1:halt_on_error=1:abort_on_error=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
cd "$build"
ctest --output-on-failure -j "$jobs" -L 'unit|cli' -LE 'asan-slow' "$@"
