#!/usr/bin/env bash
# One truth for the method: the database holds the method in force and
# changes it only inside a writing transaction; riskmap.toml follows after
# the COMMIT, and a difference between them (a hand edit, a change
# interrupted between its COMMIT and the rewrite of riskmap.toml) is
# reconciled under the write lock or refused. Also: consistent reads, and a
# migration run once under concurrent opens.
source "$SOURCE_DIR/tests/e2e/lib.sh"
unset RISKMAP_WORKSPACE NO_COLOR
command -v strace >/dev/null || { echo "strace is missing: apt-get install strace"; exit 1; }

# method_in_force WS: the method name the database holds.
method_in_force() { sqlite3 "$1/riskmap.db" "select value from setting where key = 'method'" | sed -n 's/^name = "\(.*\)"$/\1/p'; }
# toml_method WS: the method name riskmap.toml holds.
toml_method() { sed -n '/^\[method\]/,/^\[/ s/^name = "\(.*\)"$/\1/p' "$1/riskmap.toml"; }

run init ws --example
expect_rc 0 "init --example"
expect_eq "$(method_in_force ws)" "ebios-rm" "init records the method in force in the database"

# --- A full disk at the COMMIT of method apply changes nothing ----------------------
before=$(snapshot ws)
toml_before=$(cat ws/riskmap.toml)
traced -f -o /dev/null -e inject=pwrite64:error=ENOSPC -P "$TMP/ws/riskmap.db-wal" \
  "$RISKMAP" -w ws method apply iso27005 >"$TMP/.out" 2>"$TMP/.err"
rc=$?; out=$(cat "$TMP/.out"); err=$(cat "$TMP/.err")
expect_rc 1 "method apply on a full disk fails"
expect_err "database or disk is full" "and says why"
expect_err_lacks "applied" "and never says it applied the method"
expect_eq "$(cat ws/riskmap.toml)" "$toml_before" "riskmap.toml is as it was"
expect_unchanged ws "$before" "the database is as it was"
run -w ws method show --format json
expect_rc 0 "the workspace opens after the failed change"
expect_eq "$(json 'd["name"]')" "ebios-rm" "and rates with the old method"
expect_eq "$(ls -A ws | grep -c '^\.riskmap-staging')" 0 "no staging folder is left"

# --- A full disk at the COMMIT of snapshot restore changes nothing ------------------
run -w ws -q snapshot create before-3x3
expect_rc 0 "snapshot create"
run -w ws method apply simple-3x3 --remap V4=P3 --remap G4=I3 --remap V3=P3 --remap G3=I3
expect_rc 0 "method apply simple-3x3 with remaps"
expect_eq "$(method_in_force ws)/$(toml_method ws)" "simple-3x3/simple-3x3" "both hold the new method"
before=$(snapshot ws)
toml_before=$(cat ws/riskmap.toml)
traced -f -o /dev/null -e inject=pwrite64:error=ENOSPC -P "$TMP/ws/riskmap.db-wal" \
  "$RISKMAP" -w ws snapshot restore before-3x3 >"$TMP/.out" 2>"$TMP/.err"
rc=$?; out=$(cat "$TMP/.out"); err=$(cat "$TMP/.err")
expect_rc 1 "snapshot restore on a full disk fails"
expect_eq "$(cat ws/riskmap.toml)" "$toml_before" "riskmap.toml keeps the method of the map kept"
expect_unchanged ws "$before" "the database is as it was"
run -w ws scenario list --format csv
expect_rc 0 "the workspace opens after the failed restore"
expect_eq "$(method_in_force ws)" "simple-3x3" "and the method in force is still the one of its ratings"
expect_eq "$(sqlite3 ws/riskmap.db 'select count(*) from scenario where current_likelihood > 3')" 0 \
  "no rating is off the 3-step scale"
run -w ws snapshot list --format csv
expect_out_lacks "before-restore" "the snapshot kept before the failed restore is gone"

# --- Killed between the COMMIT and the rewrite of riskmap.toml -----------------------
# SIGKILL as it moves the new riskmap.toml into place: the database has
# committed iso27005, riskmap.toml still holds the method it replaced.
traced -f -o /dev/null -e inject=rename:signal=KILL \
  "$RISKMAP" -w "$TMP/ws" method apply iso27005 --remap P3=L4 --remap I3=C4 >/dev/null 2>&1
expect_eq "$(method_in_force ws)/$(toml_method ws)" "iso27005/simple-3x3" \
  "killed after its COMMIT, before riskmap.toml was replaced"
run -w ws scenario list --format csv
expect_rc 0 "the next command runs"
expect_err "rewritten with the method in force (iso27005)" "and says it brought riskmap.toml back in line"
expect_eq "$(toml_method ws)" "iso27005" "riskmap.toml holds the method in force again"
run -w ws scenario list --format csv
expect_no_err "once in line, nothing more is said"

# --- A hand edit that fits every rating is adopted, once, with a journal entry ------
journal_before=$(journal_count ws)
sed -i 's/fr = "Très élevé", en/fr = "Très élevé (revu)", en/' ws/riskmap.toml
grep -q 'Très élevé (revu)' ws/riskmap.toml || fail "the fixture edit did not apply"
run -w ws matrix --lang fr
expect_rc 0 "a reading command after a hand edit"
expect_err "which is now the method in force" "says the edited method is adopted"
expect_eq "$(journal_count ws)" "$((journal_before + 1))" "the adoption is journalled"
run -w ws log -n 1 --format csv
expect_out "riskmap.toml edited: method iso27005 adopted" "the journal says what happened"
expect_out ",tester," "the adoption is journalled under the user's name"
expect_eq "$(sqlite3 ws/riskmap.db "select value like '%Très élevé (revu)%' from setting where key = 'method'")" 1 \
  "the database holds the edited method"
run -w ws matrix
expect_no_err "adopted once: the next command says nothing"
expect_eq "$(journal_count ws)" "$((journal_before + 1))" "and journals nothing"

# --- A hand edit that no longer fits the ratings is refused, naming them -------------
before=$(snapshot ws)
cp ws/riskmap.toml iso.toml
{
  sed '/^\[method\]/,$d' iso.toml
  cat "$SOURCE_DIR/core/methods/simple-3x3.toml"
} >ws/riskmap.toml
for command in "scenario list" "report register -o -" "scenario add --title X" "review"; do
  # shellcheck disable=SC2086
  run -w ws $command
  expect_rc 1 "$command after a hand edit that does not fit"
  expect_err "its method does not fit" "$command names the problem"
  expect_err "asset A1: integrity at position 4 (C4)" "$command names a rating that no longer fits"
  expect_err "... and 140 more" "$command counts the others"
  expect_err "riskmap method apply" "$command says how to remap"
  expect_err "--remap likelihood:L4=P3" "$command suggests remaps that would place them"
  expect_unchanged ws "$before" "$command:"
done
run -w ws method apply ws/riskmap.toml --remap L4=P3 --remap L5=P3 --remap C4=I3 --remap C5=I3 --remap level:very-high=high --remap level:very-low=low
expect_rc 0 "method apply of the edited riskmap.toml with remaps places the ratings"
expect_eq "$(method_in_force ws)/$(toml_method ws)" "simple-3x3/simple-3x3" "and both agree"
run -w ws scenario list --format csv
expect_rc 0 "the workspace reads again"
cp iso.toml ws/riskmap.toml
run -w ws -q method apply iso27005
expect_rc 0 "back to iso27005"

# --- A writer racing method apply never writes off the new scale --------------------
# Each writer sets a position that only the old (5-step) scale has; method
# apply shortens the scale to 3 steps, remapping 4 and 5. A writer that read
# the method before the apply committed must not commit position 5 after it.
writers() {
  local i
  for i in $(seq 1 40); do
    "$RISKMAP" -w ws -q scenario set R1 --current-likelihood 5 2>/dev/null
  done
}
writers & w1=$!
writers & w2=$!
sleep 0.3
run -w ws method apply simple-3x3 --remap L5=P3 --remap L4=P3 --remap C5=I3 --remap C4=I3 --remap level:very-high=high --remap level:very-low=low
apply_rc=$rc
wait "$w1" "$w2"
expect_eq "$apply_rc" 0 "method apply while writers write"
expect_eq "$(sqlite3 ws/riskmap.db 'select count(*) from scenario where current_likelihood > 3')" 0 \
  "no rating off the 3-step scale was committed"
run -w ws scenario list --format csv
expect_rc 0 "the workspace opens after the race"
expect_eq "$(sqlite3 ws/riskmap.db 'PRAGMA integrity_check')" ok "integrity_check"

# --- Consistent reads: an export taken while imports run always imports back --------
run init ex
run -w ex -q asset add A0 --name "Actif 0" --kind server
importer() {
  local i
  for i in $(seq 1 30); do
    printf '{"assets": [{"ref": "A%d", "name": "Actif %d", "kind": "server"}], "scenarios": [{"ref": "R%d", "title": "Risque %d", "assets": ["A%d"]}]}\n' \
      "$i" "$i" "$i" "$i" "$i" >"batch-$i.json"
    "$RISKMAP" -w ex -q import "batch-$i.json" 2>>import.err
  done
}
importer & importer_pid=$!
exports=0
while kill -0 "$importer_pid" 2>/dev/null; do
  exports=$((exports + 1))
  "$RISKMAP" -w ex export --kind all --format json -o "export-$exports.json" 2>>export.err
done
wait "$importer_pid"
expect_eq "$(cat import.err)" "" "the imports all ran"
bad_exports=0
for n in $(seq 1 "$exports"); do
  rm -rf fresh
  "$RISKMAP" -q init fresh
  "$RISKMAP" -w fresh -q import "export-$n.json" 2>>reimport.err || bad_exports=$((bad_exports + 1))
done
expect_eq "$bad_exports" 0 "every one of $exports exports taken during imports imports back"

# --- A migration runs once, whoever opens the workspace first -------------------------
for round in 1 2 3; do
  rm -rf old
  "$RISKMAP" -q init old
  rm -f old/riskmap.db old/riskmap.db-wal old/riskmap.db-shm
  sqlite3 old/riskmap.db "$(cat "$SOURCE_DIR/tests/data/schema-v1.sql")
INSERT INTO asset (ref, name, kind, role) VALUES ('A1', 'Portail', 'application', 'supporting');
INSERT INTO scenario (ref, title, current_likelihood, current_impact, treatment, status)
  VALUES ('R1', 'Fuite', 3, 4, 'open', 'draft');
INSERT INTO scenario_assets VALUES ('R1', 'A1');
PRAGMA journal_mode = WAL;
PRAGMA user_version = 1;" >/dev/null
  pids=()
  rm -f list-* add-*
  for n in 1 2 3 4 5 6; do
    "$RISKMAP" -w old scenario list --format csv >"list-$n.csv" 2>"list-$n.err" &
    pids+=($!)
    "$RISKMAP" -w old scenario add --title "Ajouté $n" >"add-$n.out" 2>"add-$n.err" &
    pids+=($!)
  done
  failed=0
  for pid in "${pids[@]}"; do wait "$pid" || failed=$((failed + 1)); done
  expect_eq "$failed" 0 "round $round: twelve concurrent first opens (readers, writers) all succeed"
  expect_eq "$(cat list-*.err add-*.err | grep -v 'migrated old/riskmap.db to this version' | grep -vc '^riskmap: added')" 0 \
    "round $round: no error"
  expect_eq "$(cat list-*.err add-*.err | grep -c 'migrated')" 1 "round $round: one of them migrated"
  expect_eq "$(grep -l '^R1,' list-*.csv | wc -l)" 6 "round $round: each reader listed the scenario"
  expect_eq "$(sqlite3 old/riskmap.db "select count(*) from scenario where title like 'Ajouté %'")" 6 \
    "round $round: each writer added its scenario"
  expect_eq "$(sqlite3 old/riskmap.db.bak-v1 'PRAGMA user_version')" 1 "round $round: the backup holds the version 1 database"
  expect_eq "$(sqlite3 old/riskmap.db 'PRAGMA user_version')" 8 "round $round: the workspace is at version 8"
done

finish
