#!/usr/bin/env bash
# A large import (more rows than one batch of writes holds) in no particular
# order: new records added and existing ones updated wherever the file lists
# them, a ref listed twice far apart, the change journal in the order of the
# file's rows, undo back to the former map, and files refused by a bad row
# or a repeated ref near their end with nothing written.
source "$SOURCE_DIR/tests/e2e/lib.sh"
unset RISKMAP_WORKSPACE NO_COLOR

rows=60000

# A workspace with 50 assets, 20 controls and three scenarios the file names
# again (R5, R123; R70000 it does not name).
setup() {
  run init "$1"
  {
    echo "ref,name,kind"
    for i in $(seq 1 50); do echo "A$i,Bien $i,server"; done
  } >assets.csv
  {
    echo "ref,title,state"
    for i in $(seq 1 20); do echo "M$i,Mesure $i,existing"; done
  } >controls.csv
  run -w "$1" import assets.csv --kind assets
  run -w "$1" import controls.csv --kind controls
  printf 'ref,title,owner,current_likelihood,current_impact\n%s\n%s\n%s\n' \
    "R5,Avant 5,Avant,V1,G1" "R123,Avant 123,Avant,V1,G1" "R70000,Avant 70000,Avant,V1,G1" \
    >before.csv
  run -w "$1" import before.csv --kind scenarios
  expect_rc 0 "$1: the scenarios there before:"
}

# big.py ROWS OUT [BAD_LINE [REPEAT_LINE]]: R1..R$rows shuffled (a fixed
# seed), R42 listed a second time with another owner some 40 000 rows
# further; a long description, so that the file holds two batches of writes
# and more (some 16 MB each).
# BAD_LINE puts a likelihood off the scale on that line; REPEAT_LINE lists
# R7 again there.
cat >big.py <<'PY'
import csv, random, sys
rows = int(sys.argv[1]); out = sys.argv[2]
bad = int(sys.argv[3]) if len(sys.argv) > 3 else 0
repeat = int(sys.argv[4]) if len(sys.argv) > 4 else 0
random.seed(21)
refs = list(range(1, rows + 1))
random.shuffle(refs)
at = refs.index(42)
refs.insert(min(at + 40000, len(refs)), 42)
with open(out, "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f)
    w.writerow(["ref", "title", "description", "assets", "owner", "current_likelihood",
                "current_impact", "existing_controls"])
    seen = set()
    for line, n in enumerate(refs, start=2):
        again = n in seen
        seen.add(n)
        owner = "Deuxième" if again else ("Après" if n in (5, 123) else "Propriétaire %d" % (n % 7))
        likelihood = "V9" if line == bad else "V%d" % (1 + n % 4)
        ref = "R7" if line == repeat else "R%d" % n
        w.writerow([ref, "Scénario %d" % n, "Description du scénario %d, " % n + "x" * 500,
                    "A%d,A%d" % (1 + n % 50, 1 + n * 7 % 50), owner, likelihood,
                    "G%d" % (1 + n % 4), "M%d" % (1 + n % 20)])
PY
python3 big.py "$rows" big.csv

# --- An update of every kind of row, out of order -------------------------------------
setup ws
kept=$(data_dump ws)
j0=$(journal_count ws)
run -w ws import big.csv --kind scenarios --on-conflict update
expect_rc 0 "large import:"
expect_no_out "large import: stdout"
expect_err "imported $((rows + 1)) scenarios: $((rows - 2)) added, 3 updated, 0 skipped" \
  "large import: the two existing scenarios it names and the repeated row updated"
expect_eq "$(journal_count ws)" $((j0 + 1)) "large import: one journal entry"
expect_eq "$(sqlite3 ws/riskmap.db 'select count(*) from scenario')" $((rows + 1)) \
  "large import: every record written once, R70000 kept"
run -w ws scenario show R5 --format json
expect_eq "$(json '[d["title"], d["owner"], d["current_likelihood"]["id"]]')" \
  '["Scénario 5", "Après", "V2"]' "large import: an existing scenario updated"
run -w ws scenario show R42 --format json
expect_eq "$(json '[d["owner"], d["assets"]]')" '["Deuxième", ["A43", "A45"]]' \
  "large import: a ref listed twice takes its later row"
run -w ws scenario show R59999 --format json
expect_eq "$(json '[d["owner"], d["current_impact"]["id"], d["existing_controls"]]')" \
  '["Propriétaire 2", "G4", ["M20"]]' "large import: a new scenario as its row gives it"
run -w ws scenario show R70000 --format json
expect_eq "$(json 'd["owner"]')" "Avant" "large import: a scenario the file does not name, unchanged"

# The journal keeps the records in the order the file lists them.
entry=$(sqlite3 ws/riskmap.db 'select max(id) from journal')
expect_eq "$(sqlite3 ws/riskmap.db "select count(*) from journal_change where entry = $entry and before is null")" \
  $((rows - 2)) "large import: each added record kept once for undo"
"$RISKMAP" -w ws log --show "$entry" --format csv >log.csv
expect_eq "$?" 0 "log --show of the large import:"
cut -d, -f2 log.csv | tail -n +2 | uniq >journal-refs
tail -n +2 big.csv | cut -d, -f1 | awk '!seen[$0]++' >file-refs
expect_eq "$(wc -l <journal-refs)" "$rows" "log --show: every record once"
expect_eq "$(file_sum journal-refs)" "$(file_sum file-refs)" \
  "log --show: the records in the order of the file's rows"
expect_eq "$(grep -c '^scenario,R5,changed,owner,Avant,Après$' log.csv)" 1 \
  "log --show: an update among the additions, before and after"

run -w ws export --kind scenarios --format csv
ws_export=$out
run -w ws undo
expect_rc 0 "undo of the large import:"
expect_eq "$(data_dump ws)" "$kept" "undo: the map exactly as before the import"

# --- The same file into a workspace holding no scenario -----------------------------
run init fresh
run -w fresh import assets.csv --kind assets
run -w fresh import controls.csv --kind controls
run -w fresh import big.csv --kind scenarios --on-conflict update
expect_rc 0 "large import into an empty table:"
expect_err "imported $((rows + 1)) scenarios: $rows added, 1 updated, 0 skipped" \
  "large import into an empty table: the repeated row updates the record its first row added"
run -w fresh export --kind scenarios --format csv
expect_eq "$(grep -v '^R70000,' <<<"$ws_export" | sha256sum)" "$(sha256sum <<<"$out")" \
  "large import into an empty table: the same records as into the other workspace"

# --- Refused near the end: nothing written ----------------------------------------------
python3 big.py "$rows" bad.csv $((rows - 5))
setup late
bad late 1 "a bad row near the end" import bad.csv --kind scenarios --on-conflict update
expect_err "bad.csv: 1 error; nothing was imported:" "a bad row near the end: one error"
expect_err_re "bad\.csv:$((rows - 5)): column 'current_likelihood': 'V9' is not on the likelihood scale" \
  "a bad row near the end: its line, column and value"

python3 big.py "$rows" repeat.csv 0 $((rows - 2))
run init twice
run -w twice import assets.csv --kind assets
run -w twice import controls.csv --kind controls
bad twice 1 "a ref repeated near the end" import repeat.csv --kind scenarios
expect_err "repeat.csv:$((rows - 2)): scenario R7 already exists (in the workspace or earlier in the file)" \
  "a ref repeated near the end: where, and what to do"
expect_eq "$(sqlite3 twice/riskmap.db 'select count(*) from scenario')" 0 \
  "a ref repeated near the end: no scenario written"

finish
