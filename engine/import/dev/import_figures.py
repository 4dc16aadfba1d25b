#!/usr/bin/env python3
# Usage: import_figures.py REPORT.csv STORE.db SOURCE.jsonl SOURCE_NAME
# (engine/import/README.md, "The development set, drafted and imported")
# Figures of a France Travail import: rows, outcomes, warned, rejected share,
# auto-coded share, agreement of the stored occupation with France Travail's
# code, read from the report CSV, the store and the source file.
import csv, json, sqlite3, sys
report, db, source, src_name = sys.argv[1:5]
rows = outcomes = 0
out = {}
warned_lines = set(); warn_kinds = {}
ids = {}
for r in csv.DictReader(open(report, encoding='utf-8')):
    if r['outcome'] == 'warning':
        warned_lines.add(r['line'])
        key = r['field'] + ': ' + r['message'].split(': ', 1)[1].split(" '")[0][:60]
        warn_kinds[key] = warn_kinds.get(key, 0) + 1
        continue
    rows += 1
    out[r['outcome']] = out.get(r['outcome'], 0) + 1
    ids[r['line']] = r['offer_id']
print('rows', rows, out, 'warned rows', len(warned_lines))
for k, v in sorted(warn_kinds.items(), key=lambda x: -x[1])[:12]:
    print('  warning', v, k)
con = sqlite3.connect(db)
n, review = con.execute("select count(*), sum(needs_review) from offers where source=?", (src_name,)).fetchone()
print('stored offers', n, 'needs_review', review, 'auto-coded share %.1f%%' % (100.0 * (n - review) / n))
methods = con.execute("select c.method, count(*) from offer_codings c join offers o on o.id=c.offer_id where o.source=? group by 1", (src_name,)).fetchall()
print('coding methods', methods)
occ = dict(con.execute("select id, occupation from offers where source=?", (src_name,)).fetchall())
nr = dict(con.execute("select id, needs_review from offers where source=?", (src_name,)).fetchall())
# line -> FT code
line = 0; agree = agree_auto = auto = total = 0
for text in open(source, encoding='utf-8'):
    line += 1
    rec = json.loads(text)
    oid = ids.get(str(line))
    if not oid or oid not in occ: continue
    total += 1
    ok = occ[oid] == rec['rome_code']
    agree += ok
    if not nr[oid]:
        auto += 1; agree_auto += ok
print('same code as France Travail: %.1f%% of stored, %.1f%% of auto-coded (%d)' % (100.0*agree/total, 100.0*agree_auto/max(auto,1), auto))
