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
echo "== One occupation: skillmatch taxonomy show N1301"
"$sm" taxonomy show N1301 --taxonomy "$sample"
echo
echo "== Coding job titles as offers write them: skillmatch code --format table"
printf '%s\n' "COMPTABLE (H/F)" "zemidjan" "02 TECHNICIEN(NE)S RESEAU, Débutants ou Confirmés" \
  "vendeuse de pagnes au marché" "Chauffeur PL urgent" "Mobile money agent" "" \
  | "$sm" code --taxonomy "$sample" --format table --top 3
echo
echo "== Coding skills: skillmatch code --skills"
printf '%s\n' "excel" "permis B" "maçonnerie" "service client" \
  | "$sm" code --taxonomy "$sample" --skills --format table --top 1
echo
echo "== Matching: a store, the example jobseekers and offers, the best offers for one"
work="$root/build/quickstart"
mkdir -p "$work"
rm -f "$work/pes.db" "$work/pes.db-wal" "$work/pes.db-shm"
"$sm" db init --db "$work/pes.db" --taxonomy "$sample"
"$sm" profiles import --db "$work/pes.db" "$root/engine/model/schema/examples/profiles.jsonl"
"$sm" offers import --db "$work/pes.db" "$root/engine/model/schema/examples/offers.jsonl"
echo
echo "== Importing offer files: a national CSV export and an ESCO-coded international feed"
"$sm" import offers --db "$work/pes.db" --source anpe --mapping "$root/data/import/national-csv.mapping.json" \
  "$root/data/import/national-offres.csv" --report "$work/import-national.csv"
"$sm" import offers --db "$work/pes.db" --source eures --mapping "$root/data/import/eures-json.mapping.json" \
  "$root/data/import/eures-offres.json" --report "$work/import-eures.csv"
echo "(re-importing the same file changes nothing:)"
"$sm" import offers --db "$work/pes.db" --source anpe --mapping "$root/data/import/national-csv.mapping.json" \
  "$root/data/import/national-offres.csv"
echo "== Offers whose occupation a person should confirm: skillmatch review list"
"$sm" review list --db "$work/pes.db"
echo "(every jobseeker and offer filed under agency 'main', for skillmatch serve:)"
"$sm" agencies assign --db "$work/pes.db" --agency main --unassigned
echo
echo "== The best offers for one jobseeker, explained, kept as a match run"
# The sample offers are dated November 2026: judged on that day, not on the
# system date (the default), on which they may have expired.
"$sm" match --db "$work/pes.db" --profile SN-2026-003187 --top 3 --explain --save \
  --notes "quick start" --today 2026-11-22
echo
echo "== Occupations close to masonry (reorientation): skillmatch similar --code F1701"
"$sm" similar --code F1701 --top 5 --taxonomy "$sample"
echo
echo "== Labour-market flows: 24 months of generated jobseekers and offers, added to the store"
# After the match above, so its output is the same; the statistics read them
# (skillmatch stats ... --db build/quickstart/pes.db; engine/stats/README.md).
"$sm" generate --taxonomy "$sample" --profiles 5000 --offers 5000 --seed 1 --flows \
  --out "$work/flows" --no-progress
"$sm" profiles import --db "$work/pes.db" "$work/flows/profiles.jsonl"
"$sm" offers import --db "$work/pes.db" "$work/flows/offers.jsonl"
"$sm" agencies assign --db "$work/pes.db" --agency main --unassigned
echo
echo "== A migration project toward France, its cited rules and national alternatives"
"$sm" mobility assess --db "$work/pes.db" --jobseeker SN-2026-003187 --country FR \
    --today 2026-11-22 --format html --out "$work/fiche-mobilite.html"
"$sm" mobility assess --db "$work/pes.db" --jobseeker SN-2026-003187 --country FR --today 2026-11-22
echo "(the printable advice sheet, in French: $work/fiche-mobilite.html)"
echo
echo "== Matching evaluation on the embedded sample: engine vs baselines, ablation, fairness audit"
"$sm" eval matching --taxonomy "$sample" --profiles 300 --offers 3000 --seed 1 --out "$work/eval"
echo "(open $work/eval/report.html in a browser; qrels and runs for trec_eval are beside it)"
echo
echo "== Labour-market statistics of the store: the tension index by professional area, last 12 months"
"$sm" stats tension --db "$work/pes.db" --by area
"$sm" stats dashboard --db "$work/pes.db" --out "$work/stats"
echo "(open $work/stats/dashboard.html in a browser; skillmatch stats cube|durations|skills for the tables)"
