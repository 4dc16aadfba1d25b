#!/usr/bin/env bash
# Installs missing dependencies, then configures and builds skillmatch
# (Release) in ./build. Extra arguments are passed to cmake --build.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/tools/install-deps.sh"
jobs="${SKILLMATCH_JOBS:-2}"
# ccache, when the machine has it, makes rebuilds of other checkouts cheap.
launcher=()
if command -v ccache >/dev/null 2>&1; then
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
cmake -S "$root" -B "$root/build" -DCMAKE_BUILD_TYPE=Release "${launcher[@]}" >/dev/null
cmake --build "$root/build" -j "$jobs" "$@"
