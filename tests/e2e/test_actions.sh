#!/usr/bin/env bash
# action add|list|show|set|rm: the derived priority (through the scenarios an
# action names and those its controls are linked to, with the 3 levels of
# ebios-rm and the 5 of iso27005) and overdue flag, sort order and filters,
# the CSV and JSON shapes; scenario acceptance; the import/export round trip
# of every kind; one journal entry per writing command.
source "$SOURCE_DIR/tests/e2e/lib.sh"
unset RISKMAP_WORKSPACE NO_COLOR

action_header="ref,title,description,controls,scenarios,owner,due,status,cost,effort,progress,priority,overdue"
# refs: the refs of a CSV listing in $out (a quoted cell may span lines).
refs() { tail -n +2 <<<"$out" | grep -E '^[A-Z][0-9]+,' | cut -d, -f1 | tr '\n' ' '; }
# priority WS REF: an action's priority and overdue flag, as JSON.
priority() {
  run -w "$1" --today 2026-06-15 action show "$2" --format json
  json '[d["priority"], d["overdue"]]'
}
# --- ebios-rm: levels low, medium, high --------------------------------------------
run init ws
run -w ws scenario add R1 --title "High" --likelihood V4 --impact G4
run -w ws scenario add R2 --title "Medium" --likelihood V3 --impact G1
run -w ws scenario add R3 --title "Low" --likelihood V1 --impact G1
run -w ws scenario add R4 --title "Rated at the inherent stage only" --inherent-likelihood V4 --inherent-impact G4
for m in M1 M2 M3 M4; do run -w ws control add "$m" --title "Control $m"; done
run -w ws control link M1 R2 --existing
run -w ws control link M2 R1 --additional
run -w ws control link M4 R4 --existing

j0=$(journal_count ws)
run -w ws action add --title "Patch the portal" --scenario R1 --owner DSI --due 2026-06-14 --cost 5000 \
  --effort 10 --progress 20 --description "Ligne 1
Ligne 2"
expect_rc 0 "action add without a ref:"
expect_out_exact "T1" "the first generated action ref"
expect_no_err "action add: nothing on stderr"
expect_eq "$(journal_count ws)" $((j0 + 1)) "action add: one journal entry"
run -w ws action add T2 --title "Medium directly" --scenario R2 --due 2026-06-15
expect_out_exact "T2" "action add with a ref prints it"
run -w ws action add T3 --title "Low directly" --scenario R3 --due 2026-06-16 --status in-progress
run -w ws action add T4 --title "Unrated scenario" --scenario R4 --control M4
run -w ws action add T5 --title "Nothing addressed"
run -w ws action add T6 --title "Through an existing control" --control M1 --due 2026-01-01 --status in-progress
run -w ws action add T7 --title "Through an additional control, and low" --control M2 --scenario R3
run -w ws action add T8 --title "Control linked to nothing" --control M3 --due 2026-06-14 --status "done"
run -w ws action add T9 --title "Cancelled" --scenario R1 --due 2026-06-14 --status cancelled
run -w ws action add T10 --title "Earlier" --scenario R1 --due 2026-06-13

run -w ws action show T1 --format json
expect_json "action show --format json:"
expect_eq "$(json '[d["title"], d["scenarios"], d["controls"], d["owner"], d["due"], d["status"]]')" \
  '["Patch the portal", ["R1"], [], "DSI", "2026-06-14", "planned"]' "fields; status defaults to planned"
expect_eq "$(json '[d["cost"], d["effort"], d["progress"]]')" '[5000, 10, 20]' "numbers are JSON numbers"
expect_eq "$(json 'd["description"]')" 'Ligne 1
Ligne 2' "description kept exactly"
run -w ws action show T5 --format json
expect_eq "$(json '[d["priority"], d["overdue"], d["due"], d["scenarios"]]')" '[null, false, null, []]' \
  "nothing addressed: priority null; no due date: not overdue"

# Priorities: 1 for the top level (high), 2 for medium, 3 for low.
expect_eq "$(priority ws T1)" "[1, true]" "a high scenario: priority 1"
expect_eq "$(priority ws T2)" "[2, false]" "a medium scenario: priority 2"
expect_eq "$(priority ws T3)" "[3, false]" "a low scenario: priority 3"
expect_eq "$(priority ws T4)" "[null, false]" "a scenario not rated at the current stage: no priority"
expect_eq "$(priority ws T6)" "[2, true]" "through a control linked as existing to a medium scenario"
expect_eq "$(priority ws T7)" "[1, false]" "through a control linked as additional to a high one: the highest wins"
expect_eq "$(priority ws T8)" "[null, false]" "a control linked to no scenario: no priority"

# Overdue: on each side of the due date, and never for done or cancelled.
expect_eq "$(priority ws T1)" "[1, true]" "due the day before --today, planned: overdue"
expect_eq "$(priority ws T2)" "[2, false]" "due on --today: not overdue yet"
expect_eq "$(priority ws T3)" "[3, false]" "due the day after --today: not overdue"
expect_eq "$(priority ws T8)" "[null, false]" "done: never overdue"
expect_eq "$(priority ws T9)" "[1, false]" "cancelled: never overdue"
run -w ws --today 2026-06-17 action show T3 --format json
expect_eq "$(json 'd["overdue"]')" "true" "in progress and past its due date: overdue"
run -w ws --today 2026-06-14 action show T1 --format json
expect_eq "$(json 'd["overdue"]')" "false" "--today on the due date"

# Priority follows the ratings and the links; it is never stored.
run -w ws scenario set R2 --likelihood V4 --impact G4
expect_eq "$(priority ws T6)" "[1, true]" "the scenario's level rose: so did the priority"
run -w ws control unlink M1 R2
expect_eq "$(priority ws T6)" "[null, true]" "the control unlinked: no priority"
run -w ws control link M1 R2 --existing
run -w ws scenario set R2 --likelihood V3 --impact G1

# --- Shapes --------------------------------------------------------------------------
run -w ws --today 2026-06-15 action list --format csv
expect_rc 0 "action list --format csv:"
expect_eq "$(head -1 <<<"$out")" "$action_header" "action CSV header"
expect_eq "$(refs)" "T10 T1 T9 T7 T6 T2 T3 T8 T4 T5 " \
  "sorted by priority, then due date (none last), then ref"
expect_out 'T6,Through an existing control,,M1,,,2026-01-01,in-progress,,,,2,true' "a CSV row: priority and overdue"
run -w ws --today 2026-06-15 action list --format json
expect_json "action list --format json:"
expect_eq "$(json '",".join(d[0].keys())')" "$action_header" "JSON keys are the CSV header, in order"
expect_eq "$(json 'all(list(a.keys()) == list(d[0].keys()) for a in d)')" true "every object has the same keys"
expect_eq "$(json '" ".join(a["ref"] for a in d)')" "T10 T1 T9 T7 T6 T2 T3 T8 T4 T5" "JSON in the same order"
expect_eq "$(json '[type(a["overdue"]).__name__ for a in d][:1] + [d[-1]["priority"]]')" '["bool", null]' \
  "overdue is a JSON boolean, a missing priority null"
run -w ws --today 2026-06-15 action list
expect_rc 0 "action list as a table:"
expect_out "Patch the portal" "the table lists titles"
run -w ws action show T1
expect_rc 0 "action show as a table:"
expect_out "En retard" "show lists the derived fields, in the workspace's language"

# Filters.
run -w ws --today 2026-06-15 action list --overdue --format csv
expect_eq "$(refs)" "T10 T1 T6 " "--overdue"
run -w ws --today 2026-06-15 action list --status in-progress --format csv
expect_eq "$(refs)" "T6 T3 " "--status in-progress"
run -w ws action list --owner DSI --format csv
expect_eq "$(refs)" "T1 " "--owner"
run -w ws action list --control M1 --format csv
expect_eq "$(refs)" "T6 " "--control"
run -w ws --today 2026-06-15 action list --scenario R1 --format csv
expect_eq "$(refs)" "T10 T1 T9 T7 " "--scenario: directly or through a control"
run -w ws --today 2026-06-15 action list --scenario R2 --overdue --format csv
expect_eq "$(refs)" "T6 " "--scenario --overdue"
run -w ws action list --status don
expect_rc 2 "--status don:"
expect_err "did you mean 'done'" "--status don:"
run -w ws action list --scenario R11
expect_rc 1 "--scenario of an unknown scenario:"
expect_err "did you mean 'R1'" "--scenario R11:"
run -w ws action list --control M11
expect_rc 1 "--control of an unknown control:"
expect_err "did you mean 'M1'" "--control M11:"
run -w ws --today 2026-13-01 action list --overdue
expect_rc 2 "--overdue with a bad --today:"

# Bad input: exit 2 or 1, nothing written.
bad ws 2 "action add without --title" action add T99 --owner DSI
expect_err "title" "action add without --title:"
bad ws 2 "--status fini" action add --title x --status fini
expect_err "cancelled" "--status fini: lists the statuses"
bad ws 2 "--progress 101" action add --title x --progress 101
bad ws 2 "--cost -1" action add --title x --cost -1
bad ws 2 "--effort x" action add --title x --effort x
bad ws 2 "--due 2026-02-30" action add --title x --due 2026-02-30
bad ws 1 "--scenario of an unknown scenario" action add --title x --scenario R11
expect_err "R11" "action add --scenario R11:"
bad ws 1 "--control of an unknown control" action add --title x --control M11
bad ws 1 "action add of an existing ref" action add T1 --title x
bad ws 1 "action set of an unknown ref" action set T11 --owner x
expect_err "did you mean 'T1'" "action set T11:"

# set, rm.
j0=$(journal_count ws)
run -w ws action set T1 --status "done" --progress 100 --add-control M1
expect_rc 0 "action set:"
expect_no_out "action set prints no data"
expect_eq "$(journal_count ws)" $((j0 + 1)) "action set: one journal entry"
expect_eq "$(priority ws T1)" "[1, false]" "done: no longer overdue"
run -w ws action show T1 --format json
expect_eq "$(json '[d["status"], d["progress"], d["controls"], d["scenarios"]]')" '["done", 100, ["M1"], ["R1"]]' "set"
bad ws 1 "rm of a scenario an action names" scenario rm R3
expect_err "action T3 (scenarios)" "scenario rm lists the actions"
expect_err "action T7 (scenarios)" "scenario rm lists every action"
run -w ws scenario rm R3 --force
run -w ws action show T7 --format json
expect_eq "$(json '[d["scenarios"], d["priority"]]')" '[[], 1]' "the removed scenario left the action"
j0=$(journal_count ws)
run -w ws action rm T9 T10
expect_rc 0 "action rm of two refs:"
expect_eq "$(journal_count ws)" $((j0 + 1)) "action rm: one journal entry"
bad ws 1 "action rm of an unknown ref" action rm T5 T99

before=$(snapshot ws)
run -w ws action list --format json
run -w ws action list --overdue
run -w ws action show T1 --format csv
expect_unchanged ws "$before" "reading commands leave the workspace unchanged"

# --- iso27005: five levels -------------------------------------------------------------
run init iso --method iso27005
run -w iso scenario add R1 --title "very high" --likelihood L5 --impact C5
run -w iso scenario add R2 --title "high" --likelihood L4 --impact C3
run -w iso scenario add R3 --title "medium" --likelihood L3 --impact C3
run -w iso scenario add R4 --title "low" --likelihood L2 --impact C2
run -w iso scenario add R5 --title "very low" --likelihood L1 --impact C1
run -w iso scenario add R6 --title "unrated"
for i in 1 2 3 4 5 6; do run -w iso action add "T$i" --title "For R$i" --scenario "R$i"; done
run -w iso control add M1 --title "Linked to R4 and R2"
run -w iso control link M1 R4 --existing
run -w iso control link M1 R2 --additional
run -w iso action add T7 --title "Through M1, and R5" --control M1 --scenario R5
run -w iso action add T8 --title "R5 and R6" --scenario R5,R6
run -w iso action list --format json
expect_eq "$(json '{a["ref"]: a["priority"] for a in d}')" \
  '{"T1": 1, "T2": 2, "T7": 2, "T3": 3, "T4": 4, "T5": 5, "T8": 5, "T6": null}' \
  "iso27005: priorities 1 to 5 from very-high to very-low, through controls, none when unrated"
expect_eq "$(json '" ".join(a["ref"] for a in d)')" "T1 T2 T7 T3 T4 T5 T8 T6" "sorted by priority, then ref"

# --- Acceptance ----------------------------------------------------------------------
run init acc
for r in R1 R2 R3; do run -w acc scenario add "$r" --title "Scenario $r" --likelihood V3 --impact G4; done
j0=$(journal_count acc)
run -w acc --today 2026-03-01 scenario accept R1 --approver "Directeur général" --until 2027-03-01 \
  --justification "Coût du traitement disproportionné"
expect_rc 0 "scenario accept:"
expect_eq "$(journal_count acc)" $((j0 + 1)) "scenario accept: one journal entry"
run -w acc scenario show R1 --format json
expect_eq "$(json '[d["treatment"], d["accepted_by"], d["accepted_on"], d["accepted_until"], d["justification"]]')" \
  '["accept", "Directeur général", "2026-03-01", "2027-03-01", "Coût du traitement disproportionné"]' \
  "accept sets the treatment, the approver, the dates (on = --today) and the justification"
run -w acc scenario accept R2 --approver DG --on 2026-01-10 --until 2026-01-10 --justification "Court"
expect_rc 0 "an acceptance may expire on the day it is given:"
run -w acc scenario show R2 --format json
expect_eq "$(json '[d["accepted_on"], d["accepted_until"]]')" '["2026-01-10", "2026-01-10"]' "--on"
bad acc 2 "accept without --approver" scenario accept R3 --until 2027-01-01 --justification x
expect_err "--approver" "accept without --approver:"
bad acc 2 "accept with an empty --approver" scenario accept R3 --approver " " --until 2027-01-01 --justification x
bad acc 2 "accept without --until" scenario accept R3 --approver DG --justification x
bad acc 2 "accept --until before --on" scenario accept R3 --approver DG --on 2026-05-02 --until 2026-05-01 --justification x
expect_err "2026-05-01" "--until before --on: names the date"
bad acc 2 "accept --until before --today" --today 2026-05-02 scenario accept R3 --approver DG --until 2026-05-01 --justification x
bad acc 2 "accept --until 2026-02-30" scenario accept R3 --approver DG --until 2026-02-30 --justification x
bad acc 1 "accept of an unknown scenario" scenario accept R33 --approver DG --until 2027-01-01 --justification x
expect_err "did you mean 'R3'" "accept R33:"
bad acc 2 "accepted_until before accepted_on through set" scenario set R1 --accepted-until 2026-02-01
bad acc 2 "an acceptance without its approver through set" scenario set R1 --clear accepted_by

run -w acc scenario set R1 --treatment mitigate
expect_rc 0 "changing the treatment:"
run -w acc scenario show R1 --format json
expect_eq "$(json '[d["treatment"], d["accepted_by"], d["accepted_on"], d["accepted_until"]]')" \
  '["mitigate", null, null, null]' "changing the treatment away from accept withdraws the acceptance"
run -w acc scenario set R1 --treatment accept
run -w acc scenario show R1 --format json
expect_eq "$(json '[d["treatment"], d["accepted_by"]]')" '["accept", null]' "a withdrawn acceptance does not come back"

# Import: an empty cell of an update keeps the stored value; a field that
# always has a value cannot be cleared ("-", or --clear-empty).
before=$(snapshot acc)
printf 'ref,treatment\nR1,\n' >empty.csv
run -w acc import empty.csv --kind scenarios --on-conflict update
expect_rc 0 "an update with an empty treatment cell:"
expect_err "0 added, 0 updated, 0 skipped, 1 unchanged" "an empty cell keeps the value: the row changes nothing"
run -w acc scenario show R1 --format json
expect_eq "$(json 'd["treatment"]')" "accept" "an empty cell keeps the stored treatment"
before=$(snapshot acc)
run -w acc import empty.csv --kind scenarios --on-conflict update --clear-empty
expect_rc 1 "an update emptying the treatment (--clear-empty):"
expect_err "empty.csv:2" "--clear-empty: the bad row's line"
expect_unchanged acc "$before" "an update emptying the treatment (--clear-empty):"
printf 'ref,treatment\nR1,-\n' >empty.csv
run -w acc import empty.csv --kind scenarios --on-conflict update
expect_rc 1 "an update clearing the treatment with '-':"
expect_err "empty.csv:2" "the bad row's line"
expect_err "treatment cannot be empty (allowed: open, mitigate, accept, avoid, transfer)" "says what is allowed"
expect_unchanged acc "$before" "an update emptying the treatment:"

# Import: an acceptance must be whole.
before=$(snapshot acc)
printf 'ref,title,treatment,accepted_by,accepted_on\nR7,Imported,accept,DG,2026-01-01\n' >accept.csv
run -w acc import accept.csv --kind scenarios
expect_rc 1 "import of an acceptance without accepted_until:"
expect_err "accept.csv:2" "the bad row's line"
expect_err "accepted_until" "names the missing field"
expect_unchanged acc "$before" "import of an acceptance without accepted_until:"
printf 'ref,title,treatment,accepted_by,accepted_on,accepted_until\nR7,Imported,accept,DG,2026-01-02,2026-01-01\n' >accept.csv
run -w acc import accept.csv --kind scenarios
expect_rc 1 "import of an acceptance that expires before it is given:"
expect_unchanged acc "$before" "import of an acceptance that expires before it is given:"
printf 'ref,title,treatment,accepted_by,accepted_on,accepted_until\nR7,Imported,accept,DG,2026-01-01,2027-01-01\n' >accept.csv
run -w acc import accept.csv --kind scenarios
expect_rc 0 "import of a whole acceptance:"
run -w acc scenario show R7 --format json
expect_eq "$(json '[d["treatment"], d["accepted_by"], d["accepted_until"]]')" '["accept", "DG", "2027-01-01"]' \
  "the imported acceptance"

# --- Import/export round trip of every kind --------------------------------------------
run init full
run -w full asset add A1 --name "Remboursements" --kind business-process --mtd 2d --mtdl 1h --data personal,health
run -w full asset add A2 --name "Portail, \"adhérents\"" --kind application --serves A1 --rto 4h --tag web
run -w full control add M1 --title "MFA" --category protection --state existing --reference NIST-CSF:PR.AA-01,NIST-CSF:GV.OC-01 \
  --cost 100 --effort 2 --progress 100 --due 2026-01-31 --description "Ligne 1
Ligne 2"
run -w full control add M2 --title "Backups" --category resilience
run -w full stakeholder add P1 --name "Hébergeur" --category provider --asset A2 --control M2 \
  --dependency 3 --penetration 4 --maturity 2 --trust 2 --residual-maturity 4
run -w full scenario add R1 --title "Fuite" --asset A2 --criteria C,I --likelihood V3 --impact G4 \
  --residual-likelihood V1 --residual-impact G4 --stakeholder P1 --existing-control M1 --additional-control M2 \
  --treatment mitigate --justification "Réduire" --owner RSSI --review-date 2026-12-01
run -w full scenario add R2 --title "Accepté" --likelihood 1 --impact 1
run -w full --today 2026-02-01 scenario accept R2 --approver DG --until 2027-02-01 --justification "Faible"
run -w full action add T1 --title "Déployer" --control M2 --scenario R1 --owner DSI --due 2026-06-30 \
  --status in-progress --cost 3000 --effort 5 --progress 30
run -w full action add T2 --title "Sans lien"
expect_eq "$(sqlite3 full/riskmap.db 'select (select count(*) from asset) || (select count(*) from control) ||
  (select count(*) from stakeholder) || (select count(*) from scenario) || (select count(*) from action)')" \
  "22122" "the workspace to export holds every kind"
run -w full export --kind all --format json -o all.json
expect_rc 0 "export --kind all --format json:"
expect_eq "$(py_eval '",".join(d.keys())' all.json)" "assets,controls,stakeholders,feared-events,origins,strategic-scenarios,paths,operational-scenarios,steps,scenarios,actions" \
  "the export names every kind"
run init copy
j0=$(journal_count copy)
run -w copy import all.json
expect_rc 0 "import of the whole export into a fresh workspace:"
expect_eq "$(journal_count copy)" $((j0 + 1)) "import: one journal entry"
expect_eq "$(data_dump copy)" "$(data_dump full)" "the round trip through JSON keeps every data table identical"
for kind in assets controls stakeholders scenarios actions; do
  run -w full export --kind "$kind" --format csv -o "$kind.csv"
  expect_rc 0 "export --kind $kind --format csv:"
done
run init copycsv
for kind in assets controls stakeholders scenarios actions; do
  run -w copycsv import "$kind.csv" --kind "$kind"
  expect_rc 0 "import of $kind.csv:"
done
expect_eq "$(data_dump copycsv)" "$(data_dump full)" "the round trip through CSV keeps every data table identical"
# A listing (with its derived columns) imports as well as an export.
run init fromlist
for kind in asset control stakeholder scenario action; do
  run -w full "$kind" list --format json
  printf '%s' "$out" >"list-$kind.json"
  run -w fromlist import "list-$kind.json" --kind "${kind}s"
  expect_rc 0 "import of a $kind listing:"
done
expect_eq "$(data_dump fromlist)" "$(data_dump full)" "listings round-trip too"

finish
