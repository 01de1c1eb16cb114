#!/usr/bin/env bash
# review: every rule fires on its bad case and stays quiet on its good one;
# the order of findings; --fail-on (exit 3 at or above, 0 below, findings
# still printed), --min-severity, --rule, bad values (exit 2); JSON and CSV
# keys; French and English; review --rules and review rules; [review] in
# riskmap.toml turning rules off, re-grading them and setting thresholds, and
# refusing bad settings with riskmap.toml:line:column (exit 1); review
# changes nothing; the review deliverable in both languages (front matter,
# sections, counts, recorded levels, CSV, determinism, hostile text
# escaped), in `report all`; and the bundled example.
source "$SOURCE_DIR/tests/e2e/lib.sh"
unset RISKMAP_WORKSPACE NO_COLOR

T=2026-06-01
NBSP=$(printf '\xc2\xa0')
header="severity,rule,theme,kind,ref,message,fix"

ok() { run "$@"; expect_rc 0 "$*:"; }
# refs RULE: the refs with a finding of RULE in the last JSON listing, space-separated.
refs() { json "' '.join(f['ref'] for f in d if f['rule'] == '$1')"; }
# fires RULE REFS WHAT / quiet RULE REF WHAT: on the last JSON listing.
fires() { expect_eq "$(refs "$1")" "$2" "$1: ${3:-}"; }
quiet() {
  checks=$((checks + 1))
  grep -qw -- "$2" <<<"$(refs "$1")" && fail "$1: no finding expected on $2 ${3:-}"
}
review_json() { run -w W review --today "$T" --format json "$@"; expect_rc 0 "review --format json $*:"; }

# --- A workspace with each rule's bad and good case ----------------------------------------
ok init W --name 'Caisse | <script>alert(0)</script>'
# Business values.
ok -w W asset add B1 --name 'Liquidation' --kind business-process --owner DG --confidentiality G4 \
  --data personal --bcp PCA-1 --mtd 4h
ok -w W asset add B2 --name 'Dossiers médicaux' --kind information --data health --confidentiality G2
ok -w W asset add B3 --name 'Paiement' --kind business-process --owner DAF --availability G4
# Supporting assets.
ok -w W asset add S1 --name 'Portail <script>alert(1)</script>' --kind application --owner DSI \
  --serves B1 --exposure internet --integrity G3
ok -w W asset add S2 --name 'Passerelle' --kind application --owner DSI --serves B3 --exposure internet
ok -w W asset add S3 --name 'Serveur | isolé' --kind server --owner DSI
# Controls.
ok -w W control add M1 --title 'Pare-feu applicatif' --state existing --owner SOC
ok -w W control add M2 --title '=HYPERLINK("http://x")' --state planned
ok -w W control add M3 --title 'MFA' --state planned --owner DSI --due 2026-12-31
ok -w W control add M4 --title 'Journalisation' --state in-progress --owner SOC
# Scenarios.
ok -w W scenario add R1 --title 'Sans rien'
ok -w W scenario add R2 --title 'Fuite de données via le portail' --asset S1,B1 --likelihood V2 --impact G2 \
  --residual-likelihood V1 --residual-impact G2 --additional-control M3 --owner RSSI --treatment mitigate \
  --recorded-level low
ok -w W scenario add R3 --title 'Fuite des données via le portail' --asset B1,S1 --likelihood V2 --impact G2 \
  --residual-likelihood V3 --residual-impact G2 --owner RSSI --treatment mitigate
ok -w W scenario add R4 --title 'Déni de service' --asset S1 --likelihood V3 --impact G3 \
  --residual-likelihood V2 --residual-impact G3 --owner RSSI --recorded-level low
ok -w W scenario add R5 --title 'Rançongiciel' --asset S1 --likelihood V3 --impact G4 --owner DG
ok -w W scenario accept R5 --approver 'Directeur général' --on 2026-01-01 --until 2026-01-31 --justification 'Coût'
ok -w W scenario add R6 --title 'Erreur de saisie' --asset S1 --likelihood V1 --impact G1 --owner DG \
  --review-date 2026-01-01
ok -w W scenario accept R6 --approver 'Directeur général' --on 2026-01-01 --until 2027-12-31 --justification 'Faible'
ok -w W scenario add R7 --title 'Vol de portable' --asset S1 --likelihood V4 --impact G4 --owner RSSI \
  --treatment accept --review-date 2027-01-01
ok -w W scenario add R8 --title 'a | b' --asset S1 --likelihood V3 --impact G3 --owner RSSI --treatment mitigate
# Actions.
ok -w W action add T1 --title 'Déployer le MFA' --control M3 --owner DSI --due 2026-03-31 --status in-progress --progress 40
ok -w W action add T2 --title 'Former les agents' --owner RH --due 2026-03-31 --status done
ok -w W action add T3 --title 'Auditer' --owner RSSI --due 2026-12-31
# Stakeholders: danger zone is a threat level of 2.5 or more.
ok -w W stakeholder add P1 --name 'Infogérant' --category provider --dependency 4 --penetration 4 --maturity 1 --trust 2
ok -w W stakeholder add P2 --name 'Éditeur' --category supplier --dependency 4 --penetration 4 --maturity 1 --trust 2 --control M1
ok -w W stakeholder add P3 --name 'Partenaire' --category partner --dependency 4 --penetration 4 --maturity 1 --trust 2
ok -w W stakeholder add P4 --name 'Hébergeur' --category provider --dependency 2 --penetration 2 --maturity 2 --trust 2

# --- Reading changes nothing ------------------------------------------------------------------
before=$(snapshot W)
j0=$(journal_count W)
review_json
expect_no_err "review: nothing on stderr"
expect_json "review:"
expect_unchanged W "$before" "review is a reading command:"
expect_eq "$(journal_count W)" "$j0" "review writes no journal entry"

# --- Each rule, on both sides -------------------------------------------------------------------
fires scenario-unrated "R1" "R1 has no rating; the others have one"
fires scenario-no-asset "R1"
fires scenario-no-owner "R1"
fires asset-no-owner "B2" "B2 has no owner; the others have one"
fires business-value-unsupported "B2" "B2 is served by nothing; S1 serves B1, S2 serves B3"
fires supporting-asset-serves-nothing "S3" "S3 serves nothing; S1 and S2 serve a business value"
fires critical-asset-no-scenario "B3" "B3 (availability at G4) has no scenario; B1 is covered through R2"
fires exposed-asset-no-scenario "S2" "S2 is exposed with no scenario; S1 is exposed with scenarios"
fires sensitive-data-low-confidentiality "B2" "health data at G2; B1's personal data at G4 is fine"
fires residual-above-current "R3" "R3's residual likelihood V3 is above V2"
fires residual-lower-no-control "R4" "R4 lowers its rating with no additional control; R2 has M3"
fires recorded-level-mismatch "R4" "R4 recorded low, computed high; R2 recorded low, computed low"
fires above-appetite-open "R4" "R4 is high and open; R8 is high and mitigated"
fires above-appetite-acceptance-invalid "R5 R7" "R5's acceptance expired, R7 has none; R6 is low"
fires acceptance-expired "R5" "R5 expired on 2026-01-31; R6 runs to 2027-12-31"
fires planned-control-incomplete "M2 M4" "M2 has neither owner nor due date, M4 (in progress) no due date; M1 is existing, M3 complete"
fires action-overdue "T1" "T1 is late; T2 is done, T3 is not due"
fires stakeholder-danger-no-control "P1 P3" "P1 provider and P3 partner in danger; P2 has a control, P4 is in the control zone"
fires critical-asset-no-continuity "B3 B3 S2 S2" "one finding per gap: B3 has no plan and no MTD, S2 serves it with no plan nor RTO; B1 is not critical for continuity"
fires continuity-objective-exceeded "" "no RTO or RPO beyond a business value's limit"
fires acceptance-too-long "R6" "R6 accepted from 2026-01-01 to 2027-12-31, more than 12 months; R5's has expired, R7 has no expiry"
fires action-unlinked "T2 T3" "T2 and T3 implement no control; T1 implements M3, which R2 is linked to"
fires review-date-passed "R6" "R6's review was due on 2026-01-01; R7's is in 2027"
fires duplicate-scenarios "R3" "R3 repeats R2 (same assets, alike titles); R4..R8 bear on S1 alone with other titles"
fires owner-concentration "RSSI" "RSSI owns 5 of the 8 scenarios; DG owns 2"
fires scale-step-unused "" "every step and level of ebios-rm is used"
quiet scenario-unrated R2
quiet asset-no-owner B1
quiet critical-asset-no-scenario B1
quiet exposed-asset-no-scenario S1

# Messages: what, where, and a fix.
expect_eq "$(json '[f["message"] for f in d if f["rule"] == "scenario-no-owner"][0]')" \
  "Le scénario R1 «${NBSP}Sans rien${NBSP}» n’a pas de propriétaire du risque." "French by default (the workspace's language)"
expect_eq "$(json '[f["message"] for f in d if f["rule"] == "recorded-level-mismatch"][0]')" \
  "Le scénario R4 «${NBSP}Déni de service${NBSP}» figure au niveau «${NBSP}Faible${NBSP}» dans la cartographie de l’organisation, mais la grille donne «${NBSP}Élevé${NBSP}»${NBSP}: niveau sous-estimé de 2 crans." \
  "recorded-level-mismatch: both levels and the gap"
expect_eq "$(json 'all(f["fix"] for f in d)')" "true" "every finding has a fix hint"
expect_eq "$(json '",".join(d[0].keys())')" "$header" "JSON keys, in the order of the CSV header"
expect_eq "$(json '[f for f in d if f["rule"] == "action-overdue"][0]["kind"] + " " + [f for f in d if f["rule"] == "action-overdue"][0]["theme"] + " " + [f for f in d if f["rule"] == "action-overdue"][0]["severity"]')" \
  "action controls-actions medium" "kind, theme and severity as ids"

# Order: severity highest first, then rule id, then ref in natural order.
expect_eq "$(json '
  (lambda rank: all((rank[a["severity"]], a["rule"]) <= (rank[b["severity"]], b["rule"]) for a, b in zip(d, d[1:])))(
    {"high": 0, "medium": 1, "low": 2, "info": 3})')" "true" "sorted by severity, then rule"
expect_eq "$(refs planned-control-incomplete)" "M2 M4" "refs in natural order within a rule"
run -w W scenario add R10 --title 'Sans rien non plus'
expect_rc 0 "add R10:"
review_json --rule scenario-no-owner
expect_eq "$(json '[f["ref"] for f in d]')" '["R1", "R10"]' "R1 before R10"
run -w W scenario rm R10
expect_rc 0 "rm R10:"

# The new rules' messages, in French with their no-break spaces.
review_json
expect_eq "$(json '[f["message"] for f in d if f["rule"] == "acceptance-too-long"][0]')" \
  "L’acceptation du risque R6 «${NBSP}Erreur de saisie${NBSP}», approuvée le 2026-01-01, court jusqu’au 2027-12-31${NBSP}: elle dépasse la durée maximale de 12${NBSP}mois." \
  "acceptance-too-long: the dates and the limit"
expect_eq "$(json '[f["message"] for f in d if f["rule"] == "action-unlinked"]')" \
  "[\"L’action T2 «${NBSP}Former les agents${NBSP}» ne met en œuvre aucune mesure de sécurité et ne traite aucun scénario de risque.\", \"L’action T3 «${NBSP}Auditer${NBSP}» ne met en œuvre aucune mesure de sécurité et ne traite aucun scénario de risque.\"]" \
  "action-unlinked: neither a control nor a scenario"
expect_eq "$(json '[f["message"] for f in d if f["rule"] == "stakeholder-danger-no-control" and f["ref"] == "P3"][0]')" \
  "Le partenaire P3 «${NBSP}Partenaire${NBSP}» est en zone de danger (niveau de menace 8)${NBSP}; aucune mesure ne porte sur cette relation." \
  "stakeholder-danger-no-control: any category, the threat level"
expect_eq "$(json '[f["message"] for f in d if f["rule"] == "critical-asset-no-continuity" and f["ref"] == "S2"]')" \
  "[\"Le bien critique S2 «${NBSP}Passerelle${NBSP}» n’a pas de RTO.\", \"Le bien critique S2 «${NBSP}Passerelle${NBSP}» n’est couvert ni par le PCA ni par le PRI.\"]" \
  "critical-asset-no-continuity: one finding per gap"

# action-unlinked: an action with a scenario but no control, one with a
# control linked to no scenario, a cancelled one (out of the plan).
ok -w W control add M9 --title 'Coffre-fort de secrets' --state planned --owner DSI --due 2026-12-31
ok -w W action add T7 --title 'Revue des accès' --scenario R4 --owner RSSI --due 2026-12-31
ok -w W action add T8 --title 'Installer le coffre' --control M9 --owner DSI --due 2026-12-31
ok -w W action add T9 --title 'Abandonnée' --owner DSI --status cancelled
review_json --rule action-unlinked
fires action-unlinked "T2 T3 T7 T8" "T7 has no control, T8's control M9 is linked to no scenario; T9 is cancelled"
expect_eq "$(json '[f["message"] for f in d if f["ref"] in ("T7", "T8")]')" \
  "[\"L’action T7 «${NBSP}Revue des accès${NBSP}» ne met en œuvre aucune mesure de sécurité${NBSP}: elle ne figure au plan d’aucune mesure.\", \"L’action T8 «${NBSP}Installer le coffre${NBSP}» ne traite aucun scénario de risque, ni directement ni par ses mesures${NBSP}: elle n’a pas de priorité.\"]" \
  "action-unlinked: what each lacks"
ok -w W scenario set R4 --additional-control M9
review_json --rule action-unlinked
fires action-unlinked "T2 T3 T7" "T8 addresses R4 once M9 is linked to it"
ok -w W scenario set R4 --clear additional_controls
for t in T7 T8 T9; do ok -w W action rm "$t"; done
ok -w W control rm M9

# --- English, CSV, table ---------------------------------------------------------------------------
review_json --lang en
expect_eq "$(json '[f["message"] for f in d if f["rule"] == "scenario-no-owner"][0]')" \
  "Scenario R1 “Sans rien” has no risk owner." "--lang en"
expect_eq "$(json '[f["fix"] for f in d if f["rule"] == "action-overdue"][0]')" \
  "Follow up with DSI and reschedule the action with a realistic due date." "--lang en: the fix names the owner"
run -w W review --today "$T" --format csv
expect_rc 0 "review --format csv:"
expect_eq "$(head -1 <<<"$out" | tr -d '\r')" "$header" "CSV header"
expect_eq "$(($(wc -l <<<"$out") - 1))" "$(review_json >/dev/null; json 'len(d)')" "as many CSV rows as JSON objects"
run -w W review --today "$T"
expect_rc 0 "review (table):"
expect_out "scenario-no-owner" "table: rule ids"
expect_out "Gravité" "table: header, in French"

# --- --fail-on, --min-severity, --rule ----------------------------------------------------------
run -w W review --today "$T" --fail-on high --format csv
expect_rc 3 "--fail-on high with high findings:"
expect_out "above-appetite-open" "--fail-on: the findings are still printed"
expect_err "--fail-on high:" "--fail-on: says why"
run -w W review --today "$T" --rule asset-no-owner --fail-on medium
expect_rc 0 "--fail-on medium with only a low finding:"
expect_out "asset-no-owner" "--fail-on below: printed"
run -w W review --today "$T" --rule asset-no-owner --fail-on low
expect_rc 3 "--fail-on low with a low finding (at the threshold):"
run -w W review --today "$T" --rule scale-step-unused --fail-on info
expect_rc 0 "--fail-on info with no finding:"
bad W 2 "--fail-on urgent" review --fail-on urgent
expect_err "allowed: 'info', 'low', 'medium', 'high'" "--fail-on: lists the severities"
bad W 2 "--min-severity bogus" review --min-severity hihg
expect_err "did you mean 'high'" "--min-severity: a suggestion"
bad W 2 "--rule unknown" review --rule scenario-no-ownr
expect_err "did you mean 'scenario-no-owner'" "--rule: a suggestion"
review_json --min-severity high
expect_eq "$(json 'sorted({f["severity"] for f in d})')" '["high"]' "--min-severity high: only high"
review_json --rule asset-no-owner,action-overdue --rule acceptance-expired
expect_eq "$(json 'sorted({f["rule"] for f in d})')" '["acceptance-expired", "action-overdue", "asset-no-owner"]' \
  "--rule: repeatable and comma-separated"
# --today drives the date rules.
run -w W review --today 2025-12-01 --format json --rule action-overdue,review-date-passed,acceptance-expired
expect_eq "$(json 'len(d)')" "0" "--today 2025-12-01: nothing late or expired yet"

# --- The list of rules -------------------------------------------------------------------------------
run -w W review --rules --format json
expect_rc 0 "review --rules:"
expect_eq "$(json 'len(d)')" "34" "34 rules"
expect_eq "$(json '",".join(d[0].keys())')" "rule,title,theme,default_severity,severity,enabled,summary" "rules: JSON keys"
expect_eq "$(json '[r["title"] for r in d if r["rule"] == "scenario-no-owner"]')" '["Scénario sans propriétaire"]' "rules: a title in the workspace's language"
expect_eq "$(json 'len({r["rule"] for r in d})')" "34" "rule ids are unique"
expect_eq "$(json 'all(r["enabled"] for r in d)')" "true" "every rule on by default"
run -w W review rules --format csv
expect_rc 0 "review rules:"
expect_out "duplicate-scenarios,Scénarios en double,calibration-governance,low,low,true," "review rules: a row"

# --- [review] in riskmap.toml -------------------------------------------------------------------------
cp W/riskmap.toml "$TMP/riskmap.toml.orig"
cat >>W/riskmap.toml <<'EOF'

[review]
off = ["asset-no-owner", "scenario-no-asset"]
duplicate_similarity = 0.99
owner_share = 0.7

[review.severity]
scenario-no-owner = "high"
EOF
review_json
fires asset-no-owner "" "turned off"
fires scenario-no-asset "" "turned off"
fires duplicate-scenarios "" "similarity 0.99: R2 and R3 no longer alike enough"
fires owner-concentration "" "owner_share 0.7: RSSI's 5 of 8 is below"
expect_eq "$(json '[f["severity"] for f in d if f["rule"] == "scenario-no-owner"]')" '["high"]' "re-graded to high"
review_json --rule asset-no-owner
fires asset-no-owner "B2" "a rule named with --rule runs even when turned off"
run -w W review --rules --format json
expect_eq "$(json '{r["rule"]: [r["enabled"], r["default_severity"], r["severity"]] for r in d if r["rule"] in ("asset-no-owner", "scenario-no-owner")}')" \
  '{"scenario-no-owner": [true, "medium", "high"], "asset-no-owner": [false, "low", "low"]}' "review --rules: turned off and re-graded"
cp "$TMP/riskmap.toml.orig" W/riskmap.toml
printf '\n[review]\nowner_min_scenarios = 10\n' >>W/riskmap.toml
review_json
fires owner-concentration "" "owner_min_scenarios 10: 8 scenarios are too few"
cp "$TMP/riskmap.toml.orig" W/riskmap.toml
# max_acceptance_months: R6's 24 months fit 24, not 23; the method kit says the limit.
printf '\n[review]\nmax_acceptance_months = 24\n' >>W/riskmap.toml
review_json
fires acceptance-too-long "" "max_acceptance_months 24: R6's acceptance fits"
ok -w W report method --today "$T" -o kit24
checks=$((checks + 1))
grep -qF "une **échéance**, au plus 24${NBSP}mois plus tard," kit24/method.md || fail "the method kit states the configured limit"
cp "$TMP/riskmap.toml.orig" W/riskmap.toml
printf '\n[review]\nmax_acceptance_months = 23\n' >>W/riskmap.toml
review_json --lang en
fires acceptance-too-long "R6" "max_acceptance_months 23: R6's 24 months are too long"
expect_eq "$(json '[f["message"] for f in d if f["rule"] == "acceptance-too-long"][0]')" \
  "The acceptance of risk R6 “Erreur de saisie”, approved on 2026-01-01, runs until 2027-12-31: it exceeds the longest allowed, 23 months." \
  "acceptance-too-long in English"
cp "$TMP/riskmap.toml.orig" W/riskmap.toml

# Bad settings: exit 1, riskmap.toml:line:column, what is allowed.
before=$(snapshot W)
bad_config() {
  local what=$1 text=$2 expect=$3
  cp "$TMP/riskmap.toml.orig" W/riskmap.toml
  printf '\n%s\n' "$text" >>W/riskmap.toml
  run -w W review
  expect_rc 1 "$what:"
  expect_no_out "$what: stdout"
  expect_err_re "riskmap: .*riskmap\.toml:[0-9]+:[0-9]+: " "$what: file:line:column"
  expect_err "$expect" "$what:"
}
bad_config "unknown key" $'[review]\nof = ["asset-no-owner"]' "unknown key 'of' in [review] (did you mean 'off'?)"
bad_config "unknown rule in off" $'[review]\noff = ["asset-no-ownr"]' "unknown rule 'asset-no-ownr' in [review] off (did you mean 'asset-no-owner'?)"
bad_config "off not an array" $'[review]\noff = "asset-no-owner"' "[review] off must be an array"
bad_config "unknown rule in severity" $'[review.severity]\nscenario-no-ownr = "high"' "did you mean 'scenario-no-owner'"
bad_config "bad severity" $'[review.severity]\nscenario-no-owner = "urgent"' "allowed: 'info', 'low', 'medium', 'high'"
bad_config "similarity above 1" $'[review]\nduplicate_similarity = 1.2' "[review] duplicate_similarity must be a number from 0 to 1"
bad_config "share below 0" $'[review]\nowner_share = -0.5' "[review] owner_share must be a number from 0 to 1"
bad_config "share not a number" $'[review]\nowner_share = "half"' "[review] owner_share must be a number from 0 to 1"
bad_config "min scenarios 0" $'[review]\nowner_min_scenarios = 0' "owner_min_scenarios must be a whole number of at least 1"
bad_config "max acceptance 0" $'[review]\nmax_acceptance_months = 0' "[review] max_acceptance_months must be a whole number of months from 1 to 1200 (e.g. 12)"
bad_config "max acceptance as text" $'[review]\nmax_acceptance_months = "12"' "[review] max_acceptance_months must be a whole number of months from 1 to 1200"
bad_config "max acceptance 1.5" $'[review]\nmax_acceptance_months = 1.5' "[review] max_acceptance_months must be a whole number of months from 1 to 1200"
bad_config "max acceptance too large" $'[review]\nmax_acceptance_months = 1201' "[review] max_acceptance_months must be a whole number of months from 1 to 1200"
bad_config "max acceptance misspelt" $'[review]\nmax_acceptance_month = 12' "(did you mean 'max_acceptance_months'?)"
cp "$TMP/riskmap.toml.orig" W/riskmap.toml
expect_unchanged W "$before" "bad settings changed nothing:"

# --- Scales: unused steps, only when there are scenarios ----------------------------------------------
ok init I --method iso27005 --lang en
run -w I review --today "$T" --format json
expect_eq "$(json 'len(d)')" "0" "an empty map: no finding at all, no scale finding"
ok -w I scenario add R1 --title 'Un' --likelihood L1 --impact C1 --owner A
ok -w I scenario add R2 --title 'Deux' --likelihood L5 --impact C5 --residual-likelihood L3 --residual-impact C5 --owner B
run -w I review --today "$T" --format json --rule scale-step-unused
expect_eq "$(json '[f["kind"] + ":" + f["ref"] for f in d]')" \
  '["impact:C2", "impact:C3", "impact:C4", "likelihood:L2", "likelihood:L4", "level:low", "level:medium"]' \
  "unused steps and levels (L3, C5 and high are used at the residual stage), in ref order"
expect_eq "$(json 'sorted({f["severity"] for f in d})')" '["info"]' "scale-step-unused is info"

# --- The deliverable -----------------------------------------------------------------------------------
check() { python3 "$SOURCE_DIR/tests/e2e/deliverables.py" "$@"; }
has() { checks=$((checks + 1)); grep -qF -- "$2" "$1" || { rc=-; out=; err=; fail "${3:-} $1 lacks: $2"; }; }
lacks() { checks=$((checks + 1)); ! grep -qF -- "$2" "$1" || { rc=-; out=$(grep -F -- "$2" "$1" | head -3); err=; fail "${3:-} $1 should not hold: $2"; }; }

# An owner named like a formula holds most risks of a second workspace: the ref cell of the CSV.
ok init H --lang en
for i in 1 2 3 4 5; do ok -w H scenario add "R$i" --title "Risque $i" --likelihood V1 --impact G1 --owner '=HYPERLINK("http://x")'; done

before=$(snapshot W)
for lang in fr en; do
  ok -w W report review --lang "$lang" --today "$T"
  F=W/deliverables/$lang/review.md
  C=W/deliverables/$lang/review.csv
  checks=$((checks + 1))
  [ -s "$F" ] && [ -s "$C" ] || fail "report review --lang $lang: review.md and review.csv"
  expect_eq "$(check front "$F")" '["title", "client", "date", "lang"]' "review.md ($lang): front matter"
  expect_eq "$(check tables "$F")" "" "review.md ($lang): tables intact"
  printf '%s' "$(check csv "$C")" >"$TMP/csv.json"
  expect_eq "$(py_eval 'd["widths"]' "$TMP/csv.json")" "[8]" "review.csv ($lang): 8 cells a row"
  # Rules go by their titles in the document, by their ids in the CSV's id column.
  for rule in $("$RISKMAP" -w W review rules --format csv | tail -n +2 | cut -d, -f1); do
    lacks "$F" "$rule" "review.md ($lang): no rule id"
  done
  expect_eq "$(py_eval 'len(d["rows"])' "$TMP/csv.json")" "$(review_json >/dev/null; json 'len(d)')" "review.csv ($lang): every finding"
  # Hostile text: escaped in Markdown, neutralised in CSV.
  checks=$((checks + 1))
  check body "$F" | grep -q '<script' && fail "review.md ($lang): a raw <script>"
  has "$F" 'Serveur \| isolé' "review.md ($lang): a '|' in a name is escaped"
  has "$F" '&lt;script&gt;' "review.md ($lang): '<' as an entity"
done
F=W/deliverables/fr/review.md
expect_eq "$(check headings "$F")" "# Revue critique de la cartographie des risques
## Démarche
## Synthèse des constats
## Constats par thème
### Complétude (4)
### Biens et couverture (5)
### Cohérence des cotations (3)
### Traitement et acceptation (5)
### Mesures et actions (5)
### Écosystème et continuité (6)
### Étalonnage et gouvernance (3)
## Comparaison avec la cartographie d’origine
## Niveaux relevés et niveaux recalculés
## Recommandations" "review.md (fr): the sections, themes in order with their counts"
has "$F" "- **Scénarios de risque${NBSP}:** 8" "fr: scope"
has "$F" "- **Règles appliquées${NBSP}:** 26" "fr: the rules applied"
has "$F" "| Scénario sans propriétaire | Complétude | Moyenne | Scénario sans propriétaire du risque | 1 |" "fr: a rule by its title, with its count"
has "$F" "La comparaison avec la cartographie que tenait l’organisation avant la mission suppose d’en avoir figé une version à sa réception" \
  "fr: without a snapshot, the comparison says what it needs"
lacks "$F" "ne présentent aucun constat" "fr: every theme applied has findings"
has "$F" "| **Total** | **12** | **14** | **5** | **0** | **31** |" "fr: totals by severity"
has "$F" "| Élevée | R4 | Le risque R4 «${NBSP}Déni de service${NBSP}», de niveau initial «${NBSP}Élevé${NBSP}» au-dessus du seuil d’acceptation («${NBSP}Moyen${NBSP}»), n’a pas de décision de traitement. |" "fr: a finding row"
has "$F" "- **Niveaux concordants${NBSP}:** 1" "fr: agreement count"
has "$F" "- **Niveaux sous-estimés par l’organisation${NBSP}:** 1" "fr: under-estimation count"
has "$F" "| R4 | Déni de service | Faible | Élevé | sous-estimé de 2${NBSP}niveaux |" "fr: the recorded table"
has "$F" "| R2 | Fuite de données via le portail | Faible | Faible | aucun |" "fr: agreement row"
has "$F" "- **Traitement et acceptation (5)${NBSP}:**" "fr: a recommendation of a theme with findings"
has "$F" "limiter leur durée à 12${NBSP}mois" "fr: the recommendation names the longest acceptance"
E=W/deliverables/en/review.md
has "$E" "## How the review was done" "en: method section"
has "$E" "Comparing the map with the one the organisation kept before the mission needs a snapshot of that map" \
  "en: without a snapshot, the comparison says what it needs"
has "$E" "| R4 | Déni de service | Low | High | under-estimated by 2 levels |" "en: the recorded table"
has "$E" "- **Levels over-estimated by the organisation:** 0" "en: over-estimation count"
has "$E" "| High | R4 | Risk R4 “Déni de service”, at current level “High” above the risk appetite (“Medium”), has no treatment decided. |" "en: a finding row"
printf '%s' "$(check csv W/deliverables/en/review.csv)" >"$TMP/csv.json"
expect_eq "$(py_eval 'd["header"]' "$TMP/csv.json")" '["Severity", "Rule", "Rule id", "Theme", "Kind", "Ref", "Finding", "Proposed fix"]' "review.csv (en): header"
expect_eq "$(py_eval '[r[5] for r in d["rows"]][:4]' "$TMP/csv.json")" '["R1", "R1", "R1", "B2"]' "review.csv: by theme, then as review sorts them"
expect_eq "$(py_eval '[r[1:3] for r in d["rows"]][0]' "$TMP/csv.json")" '["Scenario without an asset", "scenario-no-asset"]' "review.csv: the rule's title, its id beside it"
expect_unchanged W "$before" "report review changed nothing:"

# Turned-off rules are named; a theme without findings has no recommendation.
printf '\n[review]\noff = ["action-overdue", "planned-control-incomplete", "action-unlinked"]\n' >>W/riskmap.toml
ok -w W report review --lang en --today "$T" -o off
has off/review.md "- Overdue action: Overdue action of the plan" "turned-off rules are listed by their titles"
has off/review.md "- **Rules applied:** 23" "23 rules applied"
lacks off/review.md "### Controls and actions" "no findings, no theme section"
lacks off/review.md "**Controls and actions (" "no findings, no recommendation"
cp "$TMP/riskmap.toml.orig" W/riskmap.toml

# Determinism.
ok -w W report review --lang fr --today "$T" -o again
for file in review.md review.csv; do
  checks=$((checks + 1))
  cmp -s "again/$file" "W/deliverables/fr/$file" || fail "determinism: $file differs between two runs"
done

# The formula-like owner.
ok -w H report review --today "$T" -o hostile
printf '%s' "$(check csv hostile/review.csv)" >"$TMP/csv.json"
expect_eq "$(py_eval '[r[5] for r in d["rows"] if r[2] == "owner-concentration"]' "$TMP/csv.json")" "[\"'=HYPERLINK(\\\"http://x\\\")\"]" \
  "review.csv: a formula-like ref is neutralised"
expect_eq "$(check tables hostile/review.md)" "" "hostile owner: tables intact"

# An empty workspace: nothing found, every section still reads.
ok init Z --lang en
ok -w Z report review --today "$T"
has Z/deliverables/en/review.md "The review finds nothing: the map satisfies every rule applied." "empty: says nothing is found"
has Z/deliverables/en/review.md "The review calls for no recommendation." "empty: no recommendation"
has Z/deliverables/en/review.md "No scenario carries the risk level the organisation's original map recorded" "empty: no recorded level"
expect_eq "$(check tables Z/deliverables/en/review.md)" "" "empty: tables intact"

# report all writes review.md and review.csv.
ok -w W report all --lang en --today "$T" -o all
for file in review.md review.csv register.md; do
  checks=$((checks + 1))
  [ -s "all/$file" ] || fail "report all: no $file"
done

# --- The bundled example ---------------------------------------------------------------------------------
ok init X --example
run -w X review --today "$T" --format json
expect_rc 0 "review of the example:"
expect_eq "$(json 'len(d) > 0')" "true" "the example has findings"
expect_eq "$(json '[f["ref"] for f in d if f["rule"] == "critical-asset-no-continuity"]')" '["A13", "A21", "A26"]' \
  "example: the critical assets continuity lists without a plan"
expect_eq "$(json 'sorted({f["rule"] for f in d} & {"scenario-unrated", "scenario-no-owner", "scenario-no-asset", "asset-no-owner"})')" "[]" \
  "example: a complete map (every scenario rated, owned, on assets; every asset owned)"
# The review agrees with the other deliverables: the same continuity gaps,
# the same stakeholders in the danger zone, computed by the same functions.
expect_eq "$(json 'len([f for f in d if f["rule"] in ("critical-asset-no-continuity", "continuity-objective-exceeded")])')" "18" \
  "example: one continuity finding per gap, 18 as in continuity.md"
expect_eq "$(refs stakeholder-danger-no-control)" "P6" "example: P6 (a partner in the danger zone, no control), as in the recommendations"
expect_eq "$(refs acceptance-too-long)" "R22 R24" "example: R22's acceptance runs from 2025-12-15 to 2027-06-30, R24's from 2025-09-15 to 2026-09-30"
expect_eq "$(refs action-unlinked)" "T20" "example: T20 implements no control"
ok -w X report all --today "$T" -o agree
# The client's map as it came is snapshot v0-client: report all writes the
# evolution from it, and the review compares with it, counting as diff does.
checks=$((checks + 1))
[ -s agree/evolution.md ] && [ -s agree/evolution.csv ] || fail "example: report all writes the evolution since v0-client"
has agree/evolution.md "entre la version figée «${NBSP}v0-client${NBSP}» du 1er${NBSP}septembre 2026" "example: the evolution starts from the client's map"
has agree/evolution.md "| Brut | 0 | 0 | 14 | 0 |" "example: the evolution counts the stages the client never rated"
has agree/evolution.md "| Non cotés | 1 | 0 | −1 |" "example: the evolution's distribution holds the unrated scenario"
has agree/evolution.md "| R5 | Compromission de l’Active Directory (auparavant «${NBSP}Piratage de l’annuaire${NBSP}») | Faible | Élevé | hausse |" \
  "example: the evolution names a renamed scenario as the client did"
run -w X snapshot show v0-client --format json
original=$(json 'd["scenarios"]')
run -w X diff v0-client --format json
expect_rc 0 "example: diff v0-client:"
printf '%s' "$out" >"$TMP/diff.json"
moved() { py_eval "sum(1 for c in d if $1)" "$TMP/diff.json"; }
removed=$(moved 'c["change"] == "removed"')
expect_eq "$original $removed $(moved 'c["change"] == "added"')" "18 4 14" "example: the client's 18 scenarios, 4 dropped, 14 added"
expect_eq "$(moved 'c["current_move"] == "up"') $(moved 'c["current_move"] == "down"') $(moved 'c["current_move"] == "rated"')" "4 4 1" \
  "example: of those kept, 4 raised, 4 lowered, 1 rated at last"
has agree/review.md "## Comparaison avec la cartographie d’origine" "example: the comparison section"
has agree/review.md "confrontée ici à la version figée «${NBSP}v0-client${NBSP}» du 1er${NBSP}septembre 2026" "example: the snapshot compared with"
has agree/review.md "| Scénarios de risque | $original | 28 |" "example: scenarios, before and after"
has agree/review.md "| Scénarios sans propriétaire | 4 | 0 |" "example: the owners the client's map lacked"
has agree/review.md "| Scénarios cotés au stade initial | 17 | 28 |" "example: the scenario the client had not rated"
has agree/review.md "- **Scénarios conservés${NBSP}:** $((original - removed))" "example: kept, as diff counts"
has agree/review.md "    - **niveau initial en hausse${NBSP}:** $(moved 'c["current_move"] == "up"')" "example: raised, as diff counts"
has agree/review.md "    - **niveau initial en baisse${NBSP}:** $(moved 'c["current_move"] == "down"')" "example: lowered, as diff counts"
has agree/review.md "    - **cotés pour la première fois${NBSP}:** $(moved 'c["current_move"] == "rated"')" "example: rated at last, as diff counts"
has agree/review.md "- **Scénarios retirés ou fusionnés dans un autre${NBSP}:** $removed" "example: dropped, as diff counts"
has agree/review.md "- **Scénarios ajoutés${NBSP}:** $(moved 'c["change"] == "added"')" "example: added, as diff counts"
has agree/review.md "| R5 | Compromission de l’Active Directory | Faible | Élevé | sous-estimé de 2${NBSP}niveaux |" \
  "example: the level the client recorded, against the recomputed one"
has agree/continuity.md "- **Écarts relevés${NBSP}:** 18" "example: continuity.md counts 18 gaps"
has agree/continuity.md "La revue critique de la cartographie (review.md) reprend chacun de ces écarts" "example: continuity.md says the review takes them up"
has agree/review.md "reprennent un à un les 18 écarts relevés par le document «${NBSP}Alignement avec la continuité d’activité${NBSP}» (continuity.md)" \
  "example: review.md says its continuity findings are continuity.md's 18 gaps"
has agree/review.md "| Partie prenante dangereuse sans mesure | Écosystème et continuité | Élevée | Partie prenante en zone de danger (initiale ou résiduelle) sans mesure | 1 |" \
  "example: the danger-zone rule counts P6"
has agree/review.md "(règles «${NBSP}Bien critique hors continuité${NBSP}» et «${NBSP}Objectif de reprise dépassé${NBSP}»)" \
  "example: the continuity rules named by their titles"
# The themes without a finding: one line each place, not rows of zeros.
has agree/review.md "Les thèmes «${NBSP}Complétude${NBSP}», «${NBSP}Étalonnage et gouvernance${NBSP}» et «${NBSP}Étude EBIOS RM${NBSP}» ne présentent aucun constat." \
  "example: the themes without a finding, on one line"
has agree/review.md "Les règles des thèmes sans constat ne figurent pas au tableau${NBSP}: «${NBSP}Complétude${NBSP}» (Scénario non coté, Scénario sans bien, Scénario sans propriétaire, Bien orphelin), «${NBSP}Étalonnage" \
  "example: their rules, named on that line"
lacks agree/review.md "| Scénario non coté |" "example: no row for a rule of a theme without a finding"
lacks agree/review.md "| Complétude |" "example: no row of zeros for a theme without a finding"
has agree/recommendations.md "la partie prenante P6 «${NBSP}Établissements de soins conventionnés${NBSP}», en zone de danger" \
  "example: the recommendations name the same P6"
# A continuity rule turned off: the review says how many gaps it leaves out.
cp X/riskmap.toml "$TMP/x.toml"
printf '\n[review]\noff = ["continuity-objective-exceeded"]\n' >>X/riskmap.toml
ok -w X report review --today "$T" -o agree-off
has agree-off/review.md "15 de ces écarts ne figurent pas ici, car une de ces règles est désactivée pour cette revue." \
  "a continuity rule off: the gaps left out are counted"
cp "$TMP/x.toml" X/riskmap.toml
for lang in fr en; do
  ok -w X report all --lang "$lang" --today "$T"
  checks=$((checks + 1))
  [ -s "X/deliverables/$lang/review.md" ] && [ -s "X/deliverables/$lang/review.csv" ] || fail "example ($lang): review deliverable"
  expect_eq "$(check tables X/deliverables/$lang/review.md)" "" "example ($lang): tables intact"
  for rule in $("$RISKMAP" -w X review rules --format csv | tail -n +2 | cut -d, -f1); do
    lacks "X/deliverables/$lang/review.md" "$rule" "example ($lang): no rule id"
  done
done
has X/deliverables/en/review.md "The themes “Completeness”, “Calibration and governance” and “EBIOS RM study” have no finding." \
  "example (en): the themes without a finding, on one line"
has X/deliverables/en/review.md "    - **initial level raised:** 4" "example (en): the comparison in English"
if command -v pandoc >/dev/null; then
  for f in X/deliverables/fr/review.md W/deliverables/en/review.md Z/deliverables/en/review.md; do
    (cd "$(dirname "$f")" && pandoc -f markdown -t docx -o "$TMP/out.docx" review.md) 2>"$TMP/pandoc.err"
    rc=$?
    checks=$((checks + 1))
    [ "$rc" -eq 0 ] && [ ! -s "$TMP/pandoc.err" ] || { out=; err=$(cat "$TMP/pandoc.err"); fail "pandoc $f to DOCX: exit $rc or warnings"; }
  done
fi

finish
