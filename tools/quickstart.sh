#!/usr/bin/env bash
# The README's first command: installs, builds, and runs the main job on the
# embedded default data (the ROAME-style sample taxonomy in data/).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/tools/build.sh" --target skillmatch >/dev/null
sm="$root/build/tools/skillmatch"
sample="$root/data/roame-sample"

echo "== The embedded ROAME-style sample taxonomy"
"$sm" taxonomy validate --taxonomy "$sample"
"$sm" taxonomy info --taxonomy "$sample"
echo
echo "== One occupation: skillmatch taxonomy show F1703"
"$sm" taxonomy show F1703 --taxonomy "$sample" | head -40
echo
echo "== Label search: skillmatch taxonomy search 'chauffeur'"
"$sm" taxonomy search chauffeur --taxonomy "$sample" --top 10
