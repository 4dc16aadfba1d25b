#!/usr/bin/env bash
# The README's second command: installs, builds, and runs every test.
# Tests on the published data read ../shared/data; with CI set, its absence
# is a failure.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/tools/build.sh"
cd "$root/build"
ctest --output-on-failure -j "${SKILLMATCH_JOBS:-2}" "$@"
