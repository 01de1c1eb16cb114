#!/usr/bin/env bash
# A mission from the client's own workbook (tests/data/client-workbook/: its
# sheets exported as CSV, French headers, its own labels and 1-5 scales):
# imported through mappings, reviewed — the workbook is built so that every
# review rule finds something —, frozen as received, corrected, and compared.
source "$SOURCE_DIR/tests/e2e/lib.sh"
unset RISKMAP_WORKSPACE NO_COLOR
D=$SOURCE_DIR/tests/data/client-workbook
T=2026-12-01

run init ws --name "Caisse de prévoyance" -q

# --- The sheets, through their mappings ----------------------------------------
before=$(snapshot ws)
run -w ws import "$D/risques.csv" --kind scenarios --map "$D/map-risques.toml" --dry-run
expect_rc 0 "dry run of the register before the inventory"
expect_err "dry run, nothing written" "dry run: says so"
expect_unchanged ws "$before" "dry run"

run -w ws import "$D/actifs.csv" --kind assets --map "$D/map-actifs.toml"
expect_rc 0 "the inventory"
expect_err "imported 9 assets" "the inventory: count"
run -w ws asset show VM1 --format json
expect_eq "$(json '[d["kind"], d["role"], d["integrity"]["id"], d["data"]]')" '["business-process", "primary", "G4", ["personal", "health"]]' "a client label, a French label and a number land on our fields"
run -w ws asset show APP1 --format json
expect_eq "$(json '[d["serves"], d["exposure"], d["rto"]]')" '[["VM1", "VM3"], "internet", "8h"]' "lists, choices and durations"

run -w ws import "$D/risques.csv" --kind scenarios --map "$D/map-risques.toml"
expect_rc 0 "the register"
expect_err "created 2 assets (A1 'Logiciel de paie', A2 'Messagerie') and 5 controls" "the register says what it created"
expect_err "9 scenarios: 9 added" "the register: count"
run -w ws scenario show R2 --format json
expect_eq "$(json '[d["assets"], d["current_likelihood"]["id"], d["current_impact"]["id"], d["recorded_level"]["id"], d["treatment"], d["existing_controls"]]')" '[["APP1"], "V3", "G3", "high", "mitigate", ["M3"]]' "R2: asset by name, label, rescaled impact, recorded level, treatment, control"
run -w ws scenario show R5 --format json
expect_eq "$(json 'd["assets"]')" '["APP1", "APP2"]' "a multi-line cell of assets named by name"
expect_eq "$(json 'd["notes"]')" "Commentaire: Pas d’acceptation formelle" "a column kept as a note"
run -w ws scenario show R6 --format json
expect_eq "$(json '[d["accepted_by"], d["accepted_until"]]')" '["Directeur général", "2025-12-31"]' "the acceptance columns"

run -w ws import "$D/prestataires.csv" --kind stakeholders --map "$D/map-prestataires.toml"
expect_rc 0 "the providers"
run -w ws import "$D/plan-actions.csv" --kind actions --map "$D/map-actions.toml"
expect_rc 0 "the action plan"
run -w ws action list --format json --today "$T"
expect_eq "$(json '[[a["ref"], a["status"], a["overdue"]] for a in d]')" '[["T1", "in-progress", true], ["T2", "planned", false]]' "the action plan, with its lateness"

# The same register saved by a spreadsheet on Windows (Windows-1252) gives the
# same map.
if iconv -f UTF-8 -t WINDOWS-1252 "$D/risques.csv" >risques-1252.csv 2>/dev/null; then
  for twin in utf8 cp1252; do
    run init "$twin" -q
    run -w "$twin" -q import "$D/actifs.csv" --kind assets --map "$D/map-actifs.toml"
  done
  run -w utf8 -q import "$D/risques.csv" --kind scenarios --map "$D/map-risques.toml"
  run -w cp1252 import risques-1252.csv --kind scenarios --map "$D/map-risques.toml"
  expect_rc 0 "the Windows-1252 twin"
  expect_err "is not UTF-8" "the Windows-1252 twin: says how it was read"
  expect_eq "$(data_dump cp1252)" "$(data_dump utf8)" "the twin holds the same map"
fi

# --- The review finds what the workbook hides ------------------------------------
run -w ws review --rules --format json
expect_rc 0 "review --rules"
# The workbook holds no EBIOS RM study: the rules of the study theme do not run.
# Nor does it hold an MTD or MTDL column, or an acceptance still in force:
# continuity-objective-exceeded and acceptance-too-long have nothing to find.
all_rules=$(json '" ".join(sorted(r["rule"] for r in d if r["theme"] != "ebios-rm-study" and r["rule"] not in ("continuity-objective-exceeded", "acceptance-too-long")))')
run -w ws review --today "$T" --format json
expect_rc 0 "review"
expect_json "review"
expect_eq "$(json '" ".join(sorted(set(f["rule"] for f in d)))')" "$all_rules" "every rule of a map without a study finds something in the workbook"
# rule -> the refs it names
while read -r rule refs; do
  expect_eq "$(json "' '.join(f['ref'] for f in d if f['rule'] == '$rule')")" "$refs" "$rule"
done <<'EXPECTED'
scenario-unrated R9
scenario-no-asset R8
scenario-no-owner R7
asset-no-owner A1 A2 BDD1
business-value-unsupported VM2
supporting-asset-serves-nothing A1 A2
critical-asset-no-scenario APP3
exposed-asset-no-scenario APP4
sensitive-data-low-confidentiality APP1 VM2
residual-above-current R4
residual-lower-no-control R2
recorded-level-mismatch R5
above-appetite-open R8
above-appetite-acceptance-invalid R5 R6
acceptance-expired R6
planned-control-incomplete M2 M4 M5
action-overdue T1
stakeholder-danger-no-control PP1
critical-asset-no-continuity APP2 APP2 APP3 APP3 BDD1 BDD1 VM1
review-date-passed R2
duplicate-scenarios R3
scale-step-unused G1
owner-concentration RSSI
EXPECTED
run -w ws review --today "$T" --fail-on high
expect_rc 3 "--fail-on high: the workbook has high findings"

# --- The critical review deliverable -----------------------------------------------
run -w ws report review --today "$T" -o -
expect_rc 0 "the review deliverable"
expect_out "| R5 |" "the recorded levels table names R5"
grep -q "R5.*Moyen.*Élevé" <<<"$out" || fail "R5: the client's level (Moyen) against the computed one (Élevé)"
checks=$((checks + 1))

# --- Frozen as received, corrected, compared -----------------------------------------
run -w ws snapshot create recue --note "Carte transmise par le client" --today 2026-11-02
expect_rc 0 "the map as received"
run -w ws scenario set R5 --recorded-level high --owner DSI
run -w ws scenario accept R5 --approver "Directeur général" --until 2027-06-30 --justification "Coût disproportionné"
run -w ws scenario set R4 --residual-likelihood V1
run -w ws scenario rm R3
run -w ws control set M2 --owner DSI --due 2027-03-31
run -w ws review --today "$T" --format json
expect_eq "$(json "' '.join(f['ref'] for f in d if f['rule'] in ('recorded-level-mismatch', 'residual-above-current', 'duplicate-scenarios', 'above-appetite-acceptance-invalid'))")" "R6" "the corrections clear their findings"
run -w ws diff --format json
expect_eq "$(json '[(c["ref"], c["change"]) for c in d]')" '[["R3", "removed"], ["R4", "changed"], ["R5", "changed"]]' "the diff since the map as received"
expect_eq "$(json '[c["residual_move"] for c in d if c["ref"] == "R4"]')" '["down"]' "R4's residual level goes down"
run -w ws report all --today "$T"
expect_rc 0 "every deliverable of the mission"
for file in review.md review.csv evolution.md evolution.csv register.md; do
  checks=$((checks + 1))
  [ -s "ws/deliverables/fr/$file" ] || fail "report all writes $file"
done
nbsp=$(printf '\xc2\xa0')
grep -qF "la version figée «${nbsp}recue${nbsp}» du 2${nbsp}novembre 2026" ws/deliverables/fr/evolution.md || fail "the evolution starts from the map as received"
checks=$((checks + 1))
run -w ws log R5 --format json
expect_eq "$(json 'len(d)')" 3 "R5's journal: the import, the set, the acceptance"

finish
