#!/usr/bin/env bash
# No crash on any database content: values written into riskmap.db or a
# snapshot by another SQLite tool are checked as records are read; a command
# that reaches a bad one stops with a message naming it (exit 1), the others
# work. Bad snapshot files are passed over or refused. Timestamps are UTC.
source "$SOURCE_DIR/tests/e2e/lib.sh"
unset RISKMAP_WORKSPACE NO_COLOR

run init ws --example
expect_rc 0 "init --example"
cp -r ws pristine

# every_command WS WHAT: runs the commands that read the whole map; none may
# crash (exit 128 and above), each either works or says what is wrong.
every_command() {
  local ws=$1 what=$2 command
  for command in "scenario list" "scenario list --format json" "asset list" "control list" \
    "stakeholder list" "action list" "matrix" "matrix --stage residual" "review" "continuity" \
    "export --kind all --format json" "export --kind scenarios" "report all -o out" "soa list NIST-CSF" \
    "diff live live" "snapshot create probe"; do
    # shellcheck disable=SC2086
    run -w "$ws" $command
    checks=$((checks + 1))
    if [ "$rc" -ge 2 ]; then fail "$what: '$command' exited $rc"; fi
    if [ "$rc" -eq 1 ] && ! grep -q "riskmap.db: " <<<"$err"; then
      fail "$what: '$command' failed without naming the bad record"
    fi
    rm -f "$ws/snapshots/probe.db"
  done
}

# --- A rating off the scale, written by another tool ------------------------------
for value in 0 -1 9 "'abc'" 2.5 "x'00'"; do
  rm -rf ws && cp -r pristine ws
  sqlite3 ws/riskmap.db "update scenario set current_likelihood = $value where ref = 'R2'"
  run -w ws scenario show R1
  expect_rc 0 "current_likelihood $value on R2: R1 still shows"
  run -w ws scenario show R2
  expect_rc 1 "current_likelihood $value on R2: show R2"
  expect_err "ws/riskmap.db: scenario R2: current_likelihood" "current_likelihood $value: names the record and field"
  for command in "scenario list" "review" "report all" "export --kind all --format json"; do
    # shellcheck disable=SC2086
    run -w ws $command
    expect_rc 1 "current_likelihood $value: $command stops"
    expect_err "ws/riskmap.db: scenario R2: current_likelihood" "current_likelihood $value: $command names it"
  done
  every_command ws "current_likelihood $value"
done
run -w ws scenario show R2
expect_err "current_likelihood" "a blob is not a whole number"
rm -rf ws && cp -r pristine ws
sqlite3 ws/riskmap.db "update scenario set current_likelihood = 0 where ref = 'R2'"
run -w ws scenario list
expect_err "ws/riskmap.db: scenario R2: current_likelihood 0 is off the likelihood scale (positions 1 to 4)" \
  "the message says what is allowed"
run -w ws -q scenario rm R2 --force
expect_rc 0 "the bad record can be removed"
run -w ws scenario list --format csv
expect_rc 0 "and the map reads again"
expect_eq "$(sqlite3 pristine/riskmap.db 'select scenario_likelihood_high from rating_bounds')" 4 \
  "the rating bounds of a sound map"
sqlite3 ws/riskmap.db "update scenario set residual_likelihood = 7 where ref = 'R3'"
expect_eq "$(sqlite3 ws/riskmap.db 'select scenario_likelihood_high from rating_bounds')" 7 \
  "a write by another tool moves the bounds (triggers)"

# An import sets the triggers aside for its transaction and widens the
# bounds itself: the same bounds, the triggers back, whether it commits or not.
triggers="select name from sqlite_schema where type = 'trigger' order by name"
all_triggers=$(sqlite3 pristine/riskmap.db "$triggers")
expect_eq "$(grep -c bounds <<<"$all_triggers")" 10 "ten triggers keep the bounds (insert and update of five kinds)"
rm -rf ws && cp -r pristine ws
sqlite3 ws/riskmap.db "update rating_bounds set asset_impact_low = 3, asset_impact_high = 3"
printf 'ref,name,kind,confidentiality,integrity\nA90,Nouveau,server,2,3\n' >one-asset.csv
run -w ws -q import one-asset.csv --kind assets
expect_rc 0 "an import of an asset rated 2 and 3"
expect_eq "$(sqlite3 ws/riskmap.db 'select asset_impact_low, asset_impact_high from rating_bounds')" "2|3" \
  "the import widened the bounds by what it wrote"
expect_eq "$(sqlite3 ws/riskmap.db "$triggers")" "$all_triggers" "and put the triggers back"
printf 'ref,name,kind,confidentiality\nA91,Autre,server,4\nA92,Mauvais,nowhere,1\n' >bad-assets.csv
run -w ws import bad-assets.csv --kind assets
expect_rc 1 "a refused import"
expect_eq "$(sqlite3 ws/riskmap.db "$triggers")" "$all_triggers" "a refused import leaves the triggers in place"
expect_eq "$(sqlite3 ws/riskmap.db 'select asset_impact_high from rating_bounds')" 3 "and the bounds as they were"

# --- Any other field written by another tool ----------------------------------------
for edit in "update scenario set treatment = 'bogus' where ref = 'R3'" \
  "update scenario set review_date = 'someday' where ref = 'R3'" \
  "update scenario set assets = '[1,2]' where ref = 'R3'" \
  "update scenario set assets = 'not json' where ref = 'R3'" \
  "update scenario set criteria = '[\"Z\"]' where ref = 'R3'" \
  "update scenario set title = cast(x'ff41' as text) where ref = 'R3'" \
  "update scenario set ref = 'R 3' where ref = 'R3'" \
  "update asset set confidentiality = 7 where ref = 'A1'" \
  "update asset set rto = 'soon' where ref = 'A1'" \
  "update stakeholder set dependency = 99 where ref = 'P1'" \
  "update action set cost = -5 where ref = 'T1'" \
  "update action set progress = 1000 where ref = 'T1'" \
  "update control set state = 42 where ref = 'M1'"; do
  rm -rf ws && cp -r pristine ws
  sqlite3 ws/riskmap.db "$edit" 2>/dev/null || fail "fixture: $edit"
  every_command ws "$edit"
done

# --- Snapshots: damaged, foreign or rated off their own method ----------------------
rm -rf ws && cp -r pristine ws
run -w ws -q snapshot create S1
expect_rc 0 "snapshot create S1"
sqlite3 ws/snapshots/S1.db "update scenario set current_likelihood = 7 where ref = 'R1'"
before=$(snapshot ws)
run -w ws report register --snapshot S1 -o -
expect_rc 1 "a snapshot rated off its method does not render"
expect_err "S1.db: scenario R1: current_likelihood 7 is off the likelihood scale" "and says why"
run -w ws diff S1
expect_rc 1 "nor compares"
expect_err "S1.db: scenario R1: current_likelihood 7" "diff says why"
run -w ws snapshot restore S1
expect_rc 1 "restore refuses it"
expect_err "snapshot 'S1' cannot be restored" "restore says so"
expect_unchanged ws "$before" "the live map is as it was"
run -w ws snapshot list --format csv
expect_out_lacks "before-restore" "no snapshot was kept for a refused restore"

rm -rf ws && cp -r pristine ws
mkdir -p ws/snapshots
: >ws/snapshots/junk.db
echo "not a database" >ws/snapshots/text.db
ln -s nowhere.db ws/snapshots/dangling.db
run -w ws snapshot list --format csv
expect_rc 0 "snapshot list with junk in snapshots/"
expect_err "junk.db: not a riskmap snapshot; passed over" "says which file it passed over"
expect_err "text.db" "and the other"
run -w ws snapshot create S2
expect_rc 0 "snapshot create beside junk"
run -w ws report all -q
expect_rc 0 "report all beside junk"
run -w ws diff
expect_rc 0 "diff beside junk"
run -w ws snapshot rm S2
expect_rc 0 "snapshot rm beside junk"
run -w ws snapshot create dangling
expect_rc 1 "a snapshot name taken by a dangling link"
expect_err "dangling.db exists and is not a snapshot (a symbolic link)" "says what is there"
run -w ws snapshot restore junk
expect_rc 1 "restore of a file that is not a snapshot"
expect_err "not a riskmap snapshot" "says so"

# --- Timestamps are UTC -------------------------------------------------------------
rm -rf ws && cp -r pristine ws
hour_before=$(date -u +%Y-%m-%dT%H)
TZ=America/New_York run -w ws scenario add --title "Ajouté à New York"
TZ=America/New_York run -w ws -q snapshot create S3
hour_after=$(date -u +%Y-%m-%dT%H)
at=$(sqlite3 ws/riskmap.db "select at from journal order by id desc limit 1")
created=$(sqlite3 ws/snapshots/S3.db "select value from snapshot_info where key = 'created_at'")
checks=$((checks + 1))
case "$at" in "$hour_before"*Z | "$hour_after"*Z) ;; *) fail "journal time $at is not UTC ($hour_before)" ;; esac
checks=$((checks + 1))
case "$created" in "$hour_before"*Z | "$hour_after"*Z) ;; *) fail "snapshot time $created is not UTC" ;; esac

finish
