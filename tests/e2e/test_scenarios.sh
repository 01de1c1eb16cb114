#!/usr/bin/env bash
# scenario add|list|show|set|rm: refs, required fields, list editing, filters
# and sort order, the CSV and JSON shapes, "did you mean", references to
# assets, and one journal entry per writing command.
source "$SOURCE_DIR/tests/e2e/lib.sh"
unset RISKMAP_WORKSPACE NO_COLOR

scenario_header="ref,title,description,risk_source,threat,assets,criteria,inherent_likelihood,inherent_impact,current_likelihood,current_impact,residual_likelihood,residual_impact,owner,treatment,justification,accepted_by,accepted_on,accepted_until,existing_controls,additional_controls,stakeholders,status,review_date,recorded_level,notes,operational,inherent_level,current_level,residual_level,current_likelihood_source,current_impact_source"

run init ws
expect_rc 0 "init ws:"
for a in A1 A2 A3; do
  run -w ws asset add "$a" --name "Asset $a" --kind application
  expect_rc 0 "asset add $a:"
done

# --- add -------------------------------------------------------------------------
j0=$(journal_count ws)
run -w ws scenario add --title "Fuite de données via le portail" --asset A1 --likelihood V3 --impact G4
expect_rc 0 "scenario add without a ref:"
expect_out_exact "R1" "the first generated ref"
expect_no_err "scenario add: nothing on stderr"
expect_eq "$(journal_count ws)" $((j0 + 1)) "scenario add: one journal entry"
run -w ws scenario add R2 --title "Second"
expect_out_exact "R2" "scenario add with a ref prints it"
run -w ws scenario add --title "Third"
expect_out_exact "R3" "a generated ref skips the refs taken"
run -w ws scenario add "R.4_b-c" --title "Dots, underscores, dashes"
expect_rc 0 "a ref with . _ -:"
expect_out_exact "R.4_b-c" "a ref with . _ -"

# Required title, invalid ref, duplicate ref: refused, nothing written.
before=$(snapshot ws)
run -w ws scenario add R9 --owner RSSI
expect_rc 2 "scenario add without --title:"
expect_err "title" "scenario add without --title:"
expect_unchanged ws "$before" "scenario add without --title:"
run -w ws scenario add "R 9" --title "x"
expect_rc 2 "scenario add 'R 9':"
expect_err "'R 9'" "scenario add 'R 9':"
expect_unchanged ws "$before" "scenario add 'R 9':"
run -w ws scenario add R2 --title "Doublon"
expect_rc 1 "scenario add of an existing ref:"
expect_err "R2" "duplicate ref:"
expect_err "already exists" "duplicate ref:"
expect_no_out "duplicate ref:"
expect_unchanged ws "$before" "duplicate ref:"
run -w ws scenario show R2 --format json
expect_eq "$(json 'd["title"]')" "Second" "the duplicate did not overwrite R2"
run -w ws scenario add R9 --title "x" --asset A1,A99
expect_rc 1 "scenario add naming an unknown asset:"
expect_err "A99" "unknown asset in --asset:"
expect_unchanged ws "$before" "unknown asset in --asset:"

# Lists: comma-separated or repeated, on add.
run -w ws scenario add R5 --title "Lists" --asset A1,A2 --asset A3 --criteria C,I --criterion A \
  --owner RSSI --treatment mitigate --status validated --review-date 2026-12-15 \
  --description "Ligne 1
Ligne 2, avec \"guillemets\"" --risk-source "Cybercriminel" --threat "Rançongiciel"
expect_rc 0 "scenario add with every field:"
run -w ws scenario show R5 --format json
expect_rc 0 "scenario show --format json:"
expect_json "scenario show --format json:"
expect_eq "$(json 'd["assets"]')" '["A1", "A2", "A3"]' "assets: comma list and repetition"
expect_eq "$(json 'd["criteria"]')" '["C", "I", "A"]' "criteria: comma list and repetition"
expect_eq "$(json 'd["description"]')" 'Ligne 1
Ligne 2, avec "guillemets"' "description kept exactly"
expect_eq "$(json 'd["review_date"]')" "2026-12-15" "review date as ISO 8601"
expect_eq "$(json 'd["owner"] + "|" + d["treatment"] + "|" + d["status"] + "|" + d["risk_source"] + "|" + d["threat"]')" \
  "RSSI|mitigate|validated|Cybercriminel|Rançongiciel" "text fields"

# --- Shapes: CSV header, JSON keys, levels, nulls, lists ---------------------------
run -w ws scenario show R5 --format csv
expect_rc 0 "scenario show --format csv:"
expect_eq "$(head -1 <<<"$out")" "$scenario_header" "scenario CSV header"
expect_out '"A1,A2,A3","C,I,A"' "CSV: lists joined with ',' in one cell"
run -w ws scenario list --format json
expect_json "scenario list --format json:"
expect_eq "$(json 'type(d).__name__')" list "scenario list JSON is an array"
expect_eq "$(json '",".join(d[0].keys())')" "$scenario_header" "JSON keys are the CSV header, in order"
expect_eq "$(json 'all(list(s.keys()) == list(d[0].keys()) for s in d)')" true "every JSON object has the same keys"
run -w ws scenario show R2 --format json
expect_eq "$(json '[d["owner"], d["current_likelihood"], d["current_level"], d["assets"], d["criteria"]]')" \
  '[null, null, null, [], []]' "unset fields are null, empty lists []"
expect_eq "$(json 'd["treatment"] + " " + d["status"]')" "open draft" "defaults: treatment open, status draft"
run -w ws scenario list --format csv
expect_eq "$(head -1 <<<"$out")" "$scenario_header" "scenario list CSV header"
run -w ws scenario list
expect_rc 0 "scenario list as a table:"
expect_out "Fuite de données via le portail" "table lists titles"

# --- show: unknown ref and "did you mean" -----------------------------------------
run -w ws scenario show R55
expect_rc 1 "scenario show R55:"
expect_no_out "scenario show R55:"
expect_err "unknown scenario 'R55'" "scenario show R55:"
expect_err "did you mean 'R5'" "scenario show R55:"

# --- set ---------------------------------------------------------------------------
j0=$(journal_count ws)
run -w ws scenario set R5 --asset A2
expect_rc 0 "set --asset replaces the list:"
expect_no_out "scenario set prints no data"
expect_eq "$(journal_count ws)" $((j0 + 1)) "scenario set: one journal entry"
run -w ws scenario show R5 --format json
expect_eq "$(json 'd["assets"]')" '["A2"]' "set --asset A2 replaced the list"
expect_eq "$(json 'd["title"] + "|" + d["owner"] + "|" + d["criteria"][0]')" "Lists|RSSI|C" "set --asset left other fields alone"
run -w ws scenario set R5 --add-asset A1 --add-asset A3
run -w ws scenario show R5 --format json
expect_eq "$(json 'd["assets"]')" '["A1", "A2", "A3"]' "--add-asset"
run -w ws scenario set R5 --remove-asset A2 --remove-criterion I --add-criterion T
expect_rc 0 "--remove-asset, --remove-criterion, --add-criterion:"
run -w ws scenario show R5 --format json
expect_eq "$(json 'd["assets"]')" '["A1", "A3"]' "--remove-asset"
expect_eq "$(json 'sorted(d["criteria"])')" '["A", "C", "T"]' "--remove-criterion/--add-criterion"
run -w ws scenario set R5 --clear owner --clear review_date --owner-less
expect_rc 2 "an unknown option among valid ones:"
run -w ws scenario show R5 --format json
expect_eq "$(json 'd["owner"]')" "RSSI" "a rejected set changes nothing"
run -w ws scenario set R5 --clear owner --clear review_date
expect_rc 0 "--clear owner --clear review_date:"
run -w ws scenario show R5 --format json
expect_eq "$(json '[d["owner"], d["review_date"]]')" "[null, null]" "--clear empties the fields"
run -w ws scenario set R5 --title "Renamed" --treatment accept --status closed
run -w ws scenario show R5 --format json
expect_eq "$(json 'd["title"] + " " + d["treatment"] + " " + d["status"]')" "Renamed accept closed" "set of scalar fields"

before=$(snapshot ws)
run -w ws scenario set R55 --owner DSI
expect_rc 1 "scenario set R55:"
expect_err "did you mean 'R5'" "scenario set R55:"
expect_unchanged ws "$before" "scenario set R55:"
run -w ws scenario set R5 --add-asset A9
expect_rc 1 "--add-asset of an unknown asset:"
expect_err "A9" "--add-asset A9:"
expect_unchanged ws "$before" "--add-asset A9:"
run -w ws scenario set R5 --treatment mitigat
expect_rc 2 "--treatment mitigat:"
expect_err "did you mean 'mitigate'" "--treatment mitigat:"
expect_err "transfer" "--treatment mitigat: lists the treatments"
expect_unchanged ws "$before" "--treatment mitigat:"
run -w ws scenario set R5 --review-date 2026-02-30
expect_rc 2 "--review-date 2026-02-30:"
expect_unchanged ws "$before" "--review-date 2026-02-30:"
run -w ws scenario set R5 --clear title
expect_rc 2 "--clear title (required):"
expect_unchanged ws "$before" "--clear title:"
run -w ws scenario set R5 --clear tittle
expect_rc 2 "--clear tittle:"
expect_err "did you mean 'title'" "--clear tittle:"
expect_unchanged ws "$before" "--clear tittle:"

# --- list: sort order and filters ----------------------------------------------------
run init ls
run -w ls asset add A1 --name a --kind application
run -w ls asset add A2 --name b --kind application
run -w ls scenario add R1 --title one --likelihood 2 --impact 3 --asset A1 --owner RSSI --treatment mitigate
run -w ls scenario add R2 --title two --likelihood 4 --impact 4 --asset A2 --owner DSI
run -w ls scenario add R10 --title ten --likelihood 3 --impact 3 --asset A1,A2 --owner RSSI --treatment mitigate \
  --residual-likelihood 1 --residual-impact 1
run -w ls scenario add R3 --title three --likelihood 1 --impact 1 --residual-likelihood 4 --residual-impact 4
run -w ls scenario add R11 --title eleven
refs() { tail -n +2 <<<"$out" | cut -d, -f1 | tr '\n' ' '; }
run -w ls scenario list --format csv
expect_rc 0 "scenario list:"
expect_eq "$(refs)" "R2 R10 R1 R3 R11 " "sorted by level, highest first, then by ref naturally (R2 before R10)"
run -w ls scenario list --format json
expect_eq "$(json '" ".join(s["ref"] for s in d)')" "R2 R10 R1 R3 R11" "JSON listing in the same order"
run -w ls scenario list --min-level high --format csv
expect_eq "$(refs)" "R2 R10 " "--min-level high"
run -w ls scenario list --min-level medium --format csv
expect_eq "$(refs)" "R2 R10 R1 " "--min-level medium"
run -w ls scenario list --min-level low --format csv
expect_eq "$(refs)" "R2 R10 R1 R3 " "--min-level low leaves out the unrated"
run -w ls scenario list --min-level high --stage residual --format csv
expect_eq "$(refs)" "R3 " "--min-level high --stage residual"
run -w ls scenario list --stage residual --format csv
expect_eq "$(refs)" "R3 R10 R1 R2 R11 " "--stage residual sorts by the residual level"
run -w ls scenario list --asset A1 --format csv
expect_eq "$(refs)" "R10 R1 " "--asset A1"
run -w ls scenario list --owner RSSI --treatment mitigate --asset A2 --format csv
expect_eq "$(refs)" "R10 " "--owner --treatment --asset combined"
run -w ls scenario list --treatment open --format csv
expect_eq "$(refs)" "R2 R3 R11 " "--treatment open"
run -w ls scenario list --owner Nobody --format csv
expect_eq "$(refs)" "" "--owner with no match: header only"
run -w ls scenario list --stage futur
expect_rc 2 "--stage futur:"
expect_err "residual" "--stage futur: lists the stages"
run -w ls scenario list --asset A9
expect_rc 1 "--asset A9 (unknown asset): an unknown ref"
expect_err "did you mean 'A1'" "--asset A9:"
# A filter is never silently empty because of how it was spelled: "A1,A2" is
# either read as a list or refused.
run -w ls scenario list --asset A1,A2 --format csv
checks=$((checks + 1))
[ "$rc" -ne 0 ] || [ -n "$(refs)" ] || fail "scenario list --asset A1,A2: exit 0 with nothing listed"

# --- rm -------------------------------------------------------------------------------
j0=$(journal_count ls)
before=$(snapshot ls)
run -w ls scenario rm R1 R99
expect_rc 1 "scenario rm R1 R99:"
expect_err "R99" "scenario rm R1 R99:"
expect_unchanged ls "$before" "rm with one unknown ref removes nothing"
run -w ls scenario rm R1 R2
expect_rc 0 "scenario rm R1 R2:"
expect_no_out "scenario rm prints no data"
expect_eq "$(journal_count ls)" $((j0 + 1)) "scenario rm of two refs: one journal entry"
run -w ls scenario show R1
expect_rc 1 "R1 is gone"
run -w ls scenario list --format csv
expect_eq "$(refs)" "R10 R3 R11 " "the others remain"
# The removed scenario's links to assets went with it: A1 is named only by R10 now.
run -w ls asset rm A1
expect_rc 1 "asset rm A1 while R10 names it:"
expect_err "R10" "asset rm A1 lists its referrer"
expect_err_lacks "R1 " "the removed R1 no longer refers to A1"

# --- "did you mean" on the example -------------------------------------------------
run init ex --example
for cmd in "show R99" "set R99 --owner x" "rm R99"; do
  before=$(snapshot ex)
  # shellcheck disable=SC2086
  run -w ex scenario $cmd
  expect_rc 1 "scenario $cmd on the example:"
  expect_err "unknown scenario 'R99'" "scenario $cmd:"
  expect_err "did you mean 'R9'" "scenario $cmd:"
  expect_unchanged ex "$before" "scenario $cmd:"
done

# --- The journal records who, when and what ------------------------------------------
run init jr
USER=tester run -w jr scenario add --title "Journal"
run -w jr --author alice scenario add R7 --title "x"
run -w jr scenario set R7 --owner "y" --author bob
expect_eq "$(sqlite3 jr/riskmap.db 'select author from journal order by id' | tr '\n' ' ')" "tester alice bob " \
  "journal: the OS user, or --author"
expect_eq "$(sqlite3 jr/riskmap.db 'select refs from journal order by id' | tr '\n' ' ')" "R1 R7 R7 " "journal: the refs touched"
expect_eq "$(sqlite3 jr/riskmap.db "select count(*) from journal where command like '%scenario set R7 --owner y%'")" 1 \
  "journal: the command"
expect_eq "$(sqlite3 jr/riskmap.db "select count(*) from journal where at glob '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T*'")" 3 \
  "journal: an ISO 8601 time"

# --- Reading commands write nothing -------------------------------------------------
before=$(snapshot ex)
run -w ex scenario list --format json
run -w ex scenario list --min-level high
run -w ex scenario show R1
run -w ex scenario show R1 --format csv
expect_unchanged ex "$before" "reading commands leave the workspace (and its journal) unchanged"

finish
