#!/usr/bin/env bash
# Installs missing dependencies, then configures and builds skillmatch
# (Release) in ./build. Extra arguments are passed to cmake --build.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/tools/install-deps.sh"
jobs="${SKILLMATCH_JOBS:-2}"
cmake -S "$root" -B "$root/build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$root/build" -j "$jobs" "$@"
