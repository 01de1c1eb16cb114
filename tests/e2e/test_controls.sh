#!/usr/bin/env bash
# control add|list|show|set|rm, link and unlink: refs, required fields and
# bounds, the CSV and JSON shapes, framework references (the built-in NIST CSF
# 2.0), links to scenarios as existing or additional, rm of a control that
# others name, one journal entry per writing command; and the migration of a
# schema v1 workspace.
source "$SOURCE_DIR/tests/e2e/lib.sh"
unset RISKMAP_WORKSPACE NO_COLOR

control_header="ref,title,description,category,state,owner,due,cost,effort,progress,references,scenarios_existing,scenarios_additional,actions"
# refs: the refs of a CSV listing in $out (a quoted cell may span lines).
refs() { tail -n +2 <<<"$out" | grep -E '^[A-Z][0-9]+,' | cut -d, -f1 | tr '\n' ' '; }

run init ws
expect_rc 0 "init ws:"

# --- add -------------------------------------------------------------------------
j0=$(journal_count ws)
run -w ws control add --title "MFA on the portal" --category protection --reference NIST-CSF:PR.AA-01 \
  --owner RSSI --due 2026-09-30 --cost 12000 --effort 15 --progress 40 --description "Ligne 1
Ligne 2, \"quoted\""
expect_rc 0 "control add without a ref:"
expect_out_exact "M1" "the first generated control ref"
expect_no_err "control add: nothing on stderr"
expect_eq "$(journal_count ws)" $((j0 + 1)) "control add: one journal entry"
run -w ws control add M2 --title "Backups" --state existing --category resilience
expect_out_exact "M2" "control add with a ref prints it"
run -w ws control add --title "Third"
expect_out_exact "M3" "a generated ref skips the refs taken"

run -w ws control show M1 --format json
expect_rc 0 "control show --format json:"
expect_json "control show --format json:"
expect_eq "$(json '[d["title"], d["category"], d["state"], d["owner"], d["due"]]')" \
  '["MFA on the portal", "protection", "planned", "RSSI", "2026-09-30"]' "text fields; state defaults to planned"
expect_eq "$(json '[d["cost"], d["effort"], d["progress"]]')" '[12000, 15, 40]' "numbers are JSON numbers"
expect_eq "$(json 'd["references"]')" '["NIST-CSF:PR.AA-01"]' "references as a JSON array"
expect_eq "$(json 'd["description"]')" 'Ligne 1
Ligne 2, "quoted"' "description kept exactly"
run -w ws control show M3 --format json
expect_eq "$(json '[d["category"], d["owner"], d["cost"], d["references"], d["scenarios_existing"]]')" \
  '[null, null, null, [], []]' "unset fields are null, empty lists []"

# Required title, bounds, bad values: refused with exit 2, nothing written.
bad ws 2 "control add without --title" control add M9 --owner RSSI
expect_err "title" "control add without --title:"
bad ws 2 "control add --category protect" control add --title x --category protect
expect_err "did you mean 'protection'" "--category protect:"
expect_err "resilience" "--category protect: lists the categories"
bad ws 2 "control add --state doing" control add --title x --state doing
expect_err "in-progress" "--state doing: lists the states"
bad ws 2 "control add --cost -1" control add --title x --cost -1
expect_err "cost" "--cost -1:"
bad ws 2 "control add --effort 1.5" control add --title x --effort 1.5
bad ws 2 "control add --progress 101" control add --title x --progress 101
expect_err "0 to 100" "--progress 101: says what is allowed"
bad ws 2 "control add --due 2026-02-30" control add --title x --due 2026-02-30
bad ws 2 "control add 'M 9'" control add "M 9" --title x
bad ws 1 "control add of an existing ref" control add M2 --title "Doublon"
expect_err "already exists" "duplicate control ref:"
run -w ws control add M4 --title "Bounds" --cost 0 --progress 100
expect_rc 0 "cost 0 and progress 100 are allowed:"

# --- Framework references ------------------------------------------------------------
bad ws 1 "unknown framework" control add --title x --reference NIST-CS:PR.AA-01
expect_err "unknown framework 'NIST-CS'" "unknown framework:"
expect_err "did you mean 'NIST-CSF'" "unknown framework:"
bad ws 1 "unknown requirement" control add --title x --reference NIST-CSF:PR.AA-99
expect_err "unknown requirement 'PR.AA-99'" "unknown requirement:"
expect_err "NIST-CSF" "unknown requirement: names the framework"
bad ws 2 "a reference without its framework" control add --title x --reference PR.AA-01
expect_err "FRAMEWORK:ID" "a reference without its framework:"
bad ws 1 "one unknown reference among good ones" control set M3 --reference NIST-CSF:PR.AA-01,NIST-CSF:XX.YY-01
expect_err "XX.YY-01" "one unknown reference among good ones:"
run -w ws control set M3 --add-reference NIST-CSF:GV.OC-01 --add-reference NIST-CSF:PR.AA-01
expect_rc 0 "--add-reference of valid requirements:"
run -w ws control show M3 --format json
expect_eq "$(json 'd["references"]')" '["NIST-CSF:GV.OC-01", "NIST-CSF:PR.AA-01"]' "references, sorted"
run -w ws control list --reference NIST-CSF:PR.AA-01 --format csv
expect_eq "$(refs)" "M1 M3 " "list --reference"
run -w ws control list --reference NIST-CSF:PR.AA-99 --format csv
expect_rc 1 "list --reference of an unknown requirement:"
expect_err "PR.AA-99" "list --reference of an unknown requirement:"
run -w ws control list --reference bogus --format csv
expect_rc 2 "list --reference that is not FRAMEWORK:ID:"

# --- Shapes: CSV header = JSON keys; table ----------------------------------------------
run -w ws control list --format csv
expect_rc 0 "control list --format csv:"
expect_eq "$(head -1 <<<"$out")" "$control_header" "control CSV header"
expect_eq "$(refs)" "M1 M2 M3 M4 " "listed in ref order"
run -w ws control show M1 --format csv
expect_eq "$(head -1 <<<"$out")" "$control_header" "control show CSV header"
run -w ws control list --format json
expect_json "control list --format json:"
expect_eq "$(json '",".join(d[0].keys())')" "$control_header" "JSON keys are the CSV header, in order"
expect_eq "$(json 'all(list(c.keys()) == list(d[0].keys()) for c in d)')" true "every object has the same keys"
run -w ws control list
expect_rc 0 "control list as a table:"
expect_out "MFA on the portal" "the table lists titles"
expect_out "Résilience" "the table lists categories, by their French labels"
run -w ws control show M1
expect_rc 0 "control show as a table:"
expect_out "NIST-CSF:PR.AA-01" "control show lists references"
run -w ws control show M11
expect_rc 1 "control show M11:"
expect_err "unknown control 'M11'" "control show M11:"
expect_err "did you mean 'M1'" "control show M11:"

# Filters.
run -w ws control list --state existing --format csv
expect_eq "$(refs)" "M2 " "--state existing"
run -w ws control list --category protection --owner RSSI --format csv
expect_eq "$(refs)" "M1 " "--category --owner"
run -w ws control list --state doing
expect_rc 2 "--state doing:"

# --- set ---------------------------------------------------------------------------
j0=$(journal_count ws)
run -w ws control set M1 --state in-progress --progress 60
expect_rc 0 "control set:"
expect_no_out "control set prints no data"
expect_eq "$(journal_count ws)" $((j0 + 1)) "control set: one journal entry"
run -w ws control show M1 --format json
expect_eq "$(json '[d["state"], d["progress"], d["title"]]')" '["in-progress", 60, "MFA on the portal"]' \
  "set changed the given fields only"
run -w ws control set M1 --clear due --clear owner
run -w ws control show M1 --format json
expect_eq "$(json '[d["due"], d["owner"]]')" '[null, null]' "--clear"
bad ws 2 "--clear state (always has a value)" control set M1 --clear state
bad ws 2 "--clear title (required)" control set M1 --clear title
bad ws 2 "control set --progress -5" control set M1 --progress -5
bad ws 1 "control set of an unknown ref" control set M11 --owner x
expect_err "did you mean 'M1'" "control set M11:"

# --- link and unlink ---------------------------------------------------------------
for r in R1 R2 R3; do run -w ws scenario add "$r" --title "Scenario $r"; done
j0=$(journal_count ws)
run -w ws control link M1 R1 R2 --existing
expect_rc 0 "control link M1 R1 R2 --existing:"
expect_eq "$(journal_count ws)" $((j0 + 1)) "control link: one journal entry"
run -w ws control link M2 R1 --additional
expect_rc 0 "control link M2 R1 --additional:"
run -w ws scenario show R1 --format json
expect_eq "$(json '[d["existing_controls"], d["additional_controls"]]')" '[["M1"], ["M2"]]' \
  "the scenario lists its existing and additional controls"
run -w ws control show M1 --format json
expect_eq "$(json '[d["scenarios_existing"], d["scenarios_additional"]]')" '[["R1", "R2"], []]' \
  "the control lists the scenarios it is linked to"
run -w ws control show M2 --format csv
expect_eq "$(tail -1 <<<"$out" | cut -d, -f12-13)" ",R1" "CSV: scenarios_existing, scenarios_additional"

before=$(snapshot ws)
run -w ws control link M1 R1 --existing
expect_rc 0 "a control linked twice the same way:"
expect_err "control M1 was already linked to R1 as existing" "linked twice: says so"
expect_unchanged ws "$before" "linked twice: nothing changes, nothing is journalled:"
bad ws 1 "a control both existing and additional (link)" control link M1 R1 --additional
expect_err "unlink" "both ways: says how to change it"
bad ws 1 "a control both ways, through scenario set" scenario set R1 --add-additional-control M1
expect_err "both as existing and as additional" "both ways through scenario set:"
bad ws 1 "a control both ways, through scenario add" scenario add R9 --title x --existing-control M3 --additional-control M3
expect_err "both" "both ways on scenario add:"
bad ws 2 "link without --existing or --additional" control link M3 R3
expect_err "--existing or --additional" "link without a kind of link:"
bad ws 2 "link with both --existing and --additional" control link M3 R3 --existing --additional
bad ws 1 "link of an unknown control" control link M11 R3 --existing
expect_err "unknown control 'M11'" "link of an unknown control:"
expect_err "did you mean 'M1'" "link of an unknown control:"
bad ws 1 "link to an unknown scenario among good ones" control link M3 R3 R33 --existing
expect_err "unknown scenario 'R33'" "link to an unknown scenario:"
expect_err "did you mean 'R3'" "link to an unknown scenario:"
bad ws 1 "unlink of a control not linked" control unlink M3 R3
expect_err "not linked" "unlink of a control not linked:"
bad ws 1 "unlink of an unknown control" control unlink M11 R1
expect_err "did you mean 'M1'" "unlink of an unknown control:"
bad ws 1 "unlink from an unknown scenario" control unlink M1 R33
expect_err "did you mean 'R3'" "unlink from an unknown scenario:"
bad ws 1 "unlink from a linked and an unlinked scenario" control unlink M1 R1 R3

j0=$(journal_count ws)
run -w ws control unlink M1 R2
expect_rc 0 "control unlink M1 R2:"
expect_eq "$(journal_count ws)" $((j0 + 1)) "control unlink: one journal entry"
run -w ws scenario show R2 --format json
expect_eq "$(json 'd["existing_controls"]')" '[]' "unlinked"
run -w ws control unlink M2 R1
run -w ws control link M2 R1 --existing
expect_rc 0 "once unlinked, a control can be linked the other way:"
run -w ws control show M2 --format json
expect_eq "$(json '[d["scenarios_existing"], d["scenarios_additional"]]')" '[["R1"], []]' "relinked as existing"

# --- rm of a control that others name ------------------------------------------------
run -w ws control link M1 R3 --additional
run -w ws action add T1 --title "Deploy MFA" --control M1,M2
run -w ws stakeholder add P1 --name "Hosting" --control M1
run -w ws control show M1 --format json
expect_eq "$(json '[d["scenarios_existing"], d["scenarios_additional"], d["actions"]]')" \
  '[["R1"], ["R3"], ["T1"]]' "the control lists its scenarios and actions"
bad ws 1 "rm of a control that others name" control rm M1
expect_err "scenario R1 (existing_controls)" "rm lists the scenarios naming it as existing"
expect_err "scenario R3 (additional_controls)" "rm lists the scenarios naming it as additional"
expect_err "action T1 (controls)" "rm lists the actions"
expect_err "stakeholder P1 (controls)" "rm lists the stakeholders"
expect_err "--force" "rm says how to go on"
bad ws 1 "rm of an unknown control among others" control rm M3 M11
j0=$(journal_count ws)
run -w ws control rm M1 --force
expect_rc 0 "control rm --force:"
expect_eq "$(journal_count ws)" $((j0 + 1)) "control rm: one journal entry"
run -w ws control show M1
expect_rc 1 "M1 is gone"
run -w ws scenario list --format json
expect_eq "$(json '[s["ref"] for s in d if "M1" in s["existing_controls"] + s["additional_controls"]]')" '[]' \
  "no scenario names M1 any more"
run -w ws action show T1 --format json
expect_eq "$(json 'd["controls"]')" '["M2"]' "the action keeps its other control"
run -w ws stakeholder show P1 --format json
expect_eq "$(json 'd["controls"]')" '[]' "the stakeholder's link went too"
expect_eq "$(sqlite3 ws/riskmap.db "select count(*) from control_references where ref = 'M1'")" 0 \
  "the control's references went with it"
run -w ws control rm M4
expect_rc 0 "rm of a control nobody names, without --force:"

# --- Reading commands write nothing -------------------------------------------------
before=$(snapshot ws)
run -w ws control list --format json
run -w ws control list
run -w ws control show M2 --format csv
run -w ws control list --reference NIST-CSF:PR.AA-01
expect_unchanged ws "$before" "reading commands leave the workspace (and its journal) unchanged"

# --- A schema v1 workspace is migrated on first open -----------------------------------
# The v1 schema as riskmap 0.1 wrote it.
v1_schema=$(cat "$SOURCE_DIR/tests/data/schema-v1.sql")
run init v1
rm -f v1/riskmap.db v1/riskmap.db-wal v1/riskmap.db-shm
sqlite3 v1/riskmap.db "$v1_schema
INSERT INTO asset (ref, name, kind, role, rto) VALUES ('A1', 'Portail', 'application', 'supporting', 240);
INSERT INTO asset (ref, name, kind, role) VALUES ('A2', 'Remboursements', 'business-process', 'primary');
INSERT INTO asset_serves VALUES ('A1', 'A2');
INSERT INTO asset_tags VALUES ('A1', 'web');
INSERT INTO scenario (ref, title, current_likelihood, current_impact, owner, treatment, status)
  VALUES ('R1', 'Fuite', 3, 4, 'RSSI', 'mitigate', 'validated');
INSERT INTO scenario_assets VALUES ('R1', 'A1');
INSERT INTO scenario_criteria VALUES ('R1', 'C');
INSERT INTO journal (at, author, command, refs) VALUES ('2025-01-01T00:00:00Z', 'old', 'riskmap asset add', 'A1');
PRAGMA user_version = 1;"
expect_eq "$(sqlite3 v1/riskmap.db 'PRAGMA user_version')" 1 "the v1 fixture is at version 1"
v1_content=$(sqlite3 v1/riskmap.db .dump)
run -w v1 scenario show R1 --format json
expect_rc 0 "a v1 workspace opens with this riskmap:"
expect_eq "$(json '[d["title"], d["assets"], d["criteria"], d["current_level"]["id"], d["treatment"]]')" \
  '["Fuite", ["A1"], ["C"], "high", "mitigate"]' "the v1 scenario kept its data"
expect_eq "$(json '[d["justification"], d["accepted_by"], d["existing_controls"], d["stakeholders"]]')" \
  '[null, null, [], []]' "the new scenario fields are empty"
expect_eq "$(sqlite3 v1/riskmap.db 'PRAGMA user_version')" 8 "migrated to the current schema version"
expect_eq "$(sqlite3 v1/riskmap.db "select urn from requirement where ref = 'NIST-CSF:PR.AA-01'")" \
  "urn:intuitem:risk:req_node:nist-csf-2.0:pr.aa-01" \
  "the built-in NIST CSF takes the urns that mapping libraries name it by"
expect_eq "$(sqlite3 v1/riskmap.db "select assets, criteria from scenario")" '["A1"]|["C"]' \
  "the v1 links are lists of their records"
expect_eq "$(sqlite3 v1/riskmap.db "select ref, value from asset_serves")" 'A1|A2' \
  "and the link tables views over them, for SQL readers"
checks=$((checks + 1))
[ -f v1/riskmap.db.bak-v1 ] || fail "the migration keeps riskmap.db.bak-v1"
expect_eq "$(sqlite3 v1/riskmap.db.bak-v1 .dump)" "$v1_content" "the backup is the v1 database as it was"
run -w v1 asset show A1 --format json
expect_eq "$(json '[d["name"], d["rto"], d["serves"], d["tags"], d["mtd"]]')" '["Portail", "4h", ["A2"], ["web"], null]' \
  "the v1 asset kept its data"
expect_eq "$(sqlite3 v1/riskmap.db "select count(*) from journal where author = 'old'")" 1 "the journal is kept"
expect_eq "$(sqlite3 v1/riskmap.db "select count(*) from framework where id = 'NIST-CSF'")" 1 \
  "the migration installs the NIST CSF framework"
expect_eq "$(sqlite3 v1/riskmap.db "select count(*) > 100 from requirement where framework = 'NIST-CSF'")" 1 \
  "with its requirements"
run -w v1 control add --title "MFA" --reference NIST-CSF:PR.AA-01
expect_rc 0 "a migrated workspace takes controls citing NIST CSF:"
run -w v1 control link M1 R1 --existing
expect_rc 0 "and links them to its old scenarios:"
run -w v1 asset set A2 --mtd 1d --mtdl 4h
expect_rc 0 "a migrated business value takes mtd and mtdl:"
migrated=$(sqlite3 v1/riskmap.db.bak-v1 .dump)
run -w v1 scenario list
expect_rc 0 "a second open:"
expect_eq "$(sqlite3 v1/riskmap.db.bak-v1 .dump)" "$migrated" "a migrated workspace is not backed up again"

finish
