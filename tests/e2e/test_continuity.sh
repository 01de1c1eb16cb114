#!/usr/bin/env bash
# continuity: every asset set against the continuity plans. Criticality (the
# top of the impact scale, or serving a critical business value), the
# scenarios breaching availability or integrity, the gaps on both sides of
# each rule, the filters, --fail-on-gap, the JSON shape, a 4x4 and a 5x5
# method, and the bundled example.
source "$SOURCE_DIR/tests/e2e/lib.sh"
unset RISKMAP_WORKSPACE NO_COLOR

header="ref,name,role,critical,availability,integrity,mtd,mtdl,rto,rpo,bcp,drp,serves,scenarios,worst_level,gaps"

# row REF: the JSON object of REF in the last listing, as a Python expression.
row() { printf '[r for r in d if r["ref"] == "%s"][0]' "$1"; }
# field REF EXPR: EXPR over the row of REF (bound to r) in the last JSON listing.
field() { json "(lambda r: $2)($(row "$1"))"; }

run init ws --lang en
expect_rc 0 "init ws:"

# --- The mission (ebios-rm, impact G1..G4) --------------------------------------------
# Business values.
run -w ws asset add B1 --name "Paiement" --kind business-process --availability G4 --mtd 4h --mtdl 1h --bcp PCA-1
expect_rc 0 "add B1:"
run -w ws asset add B2 --name "Liquidation" --kind business-process --integrity 4 --drp PRI-2
expect_rc 0 "add B2:"
run -w ws asset add B3 --name "Recouvrement" --kind business-process --availability G3 --integrity G3 --mtd 1d --mtdl 4h
expect_rc 0 "add B3:"
run -w ws asset add B4 --name "Archives" --kind information
expect_rc 0 "add B4:"
# Supporting assets.
run -w ws asset add S1 --name "Serveur pile" --kind server --serves B3 --rto 1d --rpo 4h
expect_rc 0 "add S1:"
run -w ws asset add S2 --name "Serveur lent" --kind server --serves B3 --rto 1d1m --rpo 4h1m
expect_rc 0 "add S2:"
run -w ws asset add S3 --name "Application paie" --kind application --serves B1 --rto 4h --rpo 1h --bcp PCA-3
expect_rc 0 "add S3:"
run -w ws asset add S4 --name "Réseau" --kind network --serves B1,B3
expect_rc 0 "add S4:"
run -w ws asset add S5 --name "Site" --kind site --availability G4 --rto 2h --drp PRI-5
expect_rc 0 "add S5:"
run -w ws asset add S6 --name "Base" --kind database --integrity G3
expect_rc 0 "add S6:"
run -w ws asset add S7 --name "Passerelle" --kind application --serves B1,B3 --rto 5h --rpo 2h --bcp PCA-7
expect_rc 0 "add S7:"
# Scenarios: only those breaching A or I bear on continuity.
run -w ws scenario add R1 --title "Panne" --asset B1,S3 --criteria A --likelihood V4 --impact G4
expect_rc 0 "add R1:"
run -w ws scenario add R2 --title "Fuite" --asset B1,S6 --criteria C --likelihood V4 --impact G4
expect_rc 0 "add R2:"
run -w ws scenario add R3 --title "Répudiation" --asset B1 --criteria T --likelihood V4 --impact G4
expect_rc 0 "add R3:"
run -w ws scenario add R9 --title "Altération non cotée" --asset B1 --criteria C,I
expect_rc 0 "add R9:"
run -w ws scenario add R10 --title "Erreur de saisie" --asset B1 --criteria I --likelihood V1 --impact G1
expect_rc 0 "add R10:"
run -w ws scenario add R4 --title "Corruption" --asset S6,B2 --criteria A,C --likelihood V2 --impact G3
expect_rc 0 "add R4:"
run -w ws scenario add R5 --title "Sans critère" --asset S5 --likelihood V4 --impact G4
expect_rc 0 "add R5:"

# --- Reading changes nothing; the shapes -------------------------------------------------
before=$(snapshot ws)
j0=$(journal_count ws)
run -w ws continuity --format json
expect_rc 0 "continuity --format json:"
expect_no_err "continuity --format json: nothing on stderr"
expect_json "continuity --format json:"
expect_unchanged ws "$before" "continuity is a reading command:"
expect_eq "$(journal_count ws)" "$j0" "continuity writes no journal entry"
expect_eq "$(json '" ".join(r["ref"] for r in d)')" "B1 B2 B3 B4 S1 S2 S3 S4 S5 S6 S7" \
  "every asset, in natural ref order"
expect_eq "$(json '",".join(d[0].keys())')" "$header" "JSON keys, in the order of the CSV header"
expect_eq "$(field B1 'r["availability"]')" '{"id": "G4", "position": 4, "label": "Critical"}' \
  "a need is a level object"
expect_eq "$(field B1 '[r["critical"], r["role"], r["mtd"], r["mtdl"], r["rto"], r["bcp"], r["drp"], r["integrity"]]')" \
  '[true, "primary", "4h", "1h", null, "PCA-1", null, null]' \
  "critical is a JSON boolean; durations are text; unset fields are null"
expect_eq "$(field B4 '[r["critical"], r["scenarios"], r["worst_level"], r["gaps"], r["serves"]]')" \
  '[false, [], null, [], []]' "empty lists are [], no scenario no worst level"
expect_eq "$(field S2 '[r["rto"], r["rpo"], r["serves"]]')" '["24h1m", "4h1m", ["B3"]]' \
  "rto and rpo as duration text; serves as a list"
expect_eq "$(field S7 'r["serves"]')" '["B1", "B3"]' "serves: the business values"

# Scenarios: A or I only, natural order, worst current level.
expect_eq "$(field B1 'r["scenarios"]')" '["R1", "R9", "R10"]' \
  "B1: R1, R9, R10 in natural order; R2 (C only) and R3 (T only) left out"
expect_eq "$(field B1 'r["worst_level"]')" '{"id": "high", "position": 3, "label": "High"}' \
  "worst_level: the highest current level (R1 V4×G4 high), an unrated R9 ignored"
expect_eq "$(field S6 '[r["scenarios"], r["worst_level"]["id"]]')" '[["R4"], "medium"]' \
  "S6: R4 (A,C) listed, R2 (C only) not"
expect_eq "$(field B2 'r["scenarios"]')" '["R4"]' "B2: R4"
expect_eq "$(field S3 'r["scenarios"]')" '["R1"]' "S3: R1"
expect_eq "$(field S5 '[r["scenarios"], r["worst_level"]]')" '[[], null]' \
  "S5: a scenario without criteria does not bear on continuity"

# Criticality.
expect_eq "$(field B1 'r["critical"]')" true "critical: availability at the top (G4)"
expect_eq "$(field B2 'r["critical"]')" true "critical: integrity at the top (4)"
expect_eq "$(field B3 'r["critical"]')" false "not critical: needs at G3, one below the top"
expect_eq "$(field S5 'r["critical"]')" true "a supporting asset critical by its own top need"
expect_eq "$(field S6 'r["critical"]')" false "a supporting asset at G3 serving nothing is not critical"
expect_eq "$(field S3 'r["critical"]')" true "critical: serves the critical business value B1"
expect_eq "$(field S1 'r["critical"]')" false "not critical: serves only B3, which is not critical"

# Gaps, both sides of each rule.
expect_eq "$(field B1 'r["gaps"]')" '[]' "B1: critical, bcp and mtd: no gap"
expect_eq "$(field B2 'r["gaps"]')" '["no-rto"]' \
  "B2: a plan through drp only; a critical business value without mtd is no-rto"
expect_eq "$(field B3 'r["gaps"]')" '[]' "B3: not critical, no plan needed"
expect_eq "$(field B4 'r["gaps"]')" '[]' "B4: not critical, nothing set, no gap"
expect_eq "$(field S1 'r["gaps"]')" '[]' "S1: rto equal to the mtd, rpo equal to the mtdl: no gap"
expect_eq "$(field S2 'r["gaps"]')" '["rto-exceeds-mtd:B3", "rpo-exceeds-mtdl:B3"]' \
  "S2: one minute over the mtd and over the mtdl"
expect_eq "$(field S3 'r["gaps"]')" '[]' "S3: a plan through bcp only, rto = mtd, rpo = mtdl"
expect_eq "$(field S4 'r["gaps"]')" '["no-plan", "no-rto"]' \
  "S4: critical without plan nor rto; a missing rto never exceeds"
expect_eq "$(field S5 'r["gaps"]')" '[]' "S5: a plan through drp only and an rto"
expect_eq "$(field S6 'r["gaps"]')" '[]' "S6: not critical, no gap"
expect_eq "$(field S7 'r["gaps"]')" '["rto-exceeds-mtd:B1", "rpo-exceeds-mtdl:B1"]' \
  "S7: over B1's limits (4h, 1h), within B3's (1d, 4h): one gap per business value"

# CSV: the same columns; lists joined with ','.
run -w ws continuity --format csv
expect_rc 0 "continuity --format csv:"
expect_eq "$(head -1 <<<"$out")" "$header" "CSV header"
expect_out 'B1,Paiement,primary,true,G4,,4h,1h,,,PCA-1,,,"R1,R9,R10",high,' "CSV row of B1"
expect_out 'S7,Passerelle,supporting,true,,,,,5h,2h,PCA-7,,"B1,B3",,,"rto-exceeds-mtd:B1,rpo-exceeds-mtdl:B1"' \
  "CSV row of S7"

# Table: a header, one line per asset, labels for levels.
run -w ws continuity
expect_rc 0 "continuity (table):"
expect_eq "$(head -1 <<<"$out" | tr -s ' ')" \
  "Ref Name Role Critical Availability Integrity MTD MTDL RTO RPO BCP DRP Highest level Gaps" "table header, in the workspace's language"
expect_eq "$(wc -l <<<"$out")" 12 "table: a header and 11 assets"
expect_out "no-plan, no-rto" "table: gaps joined with ', '"
expect_out "Critical" "table: needs shown by label"

# --- Filters ----------------------------------------------------------------------------------
run -w ws continuity --critical --format json
expect_rc 0 "--critical:"
expect_eq "$(json '" ".join(r["ref"] for r in d)')" "B1 B2 S3 S4 S5 S7" "--critical: only critical assets"
run -w ws continuity --gaps --format json
expect_rc 0 "--gaps:"
expect_eq "$(json '" ".join(r["ref"] for r in d)')" "B2 S2 S4 S7" "--gaps: only assets with a gap"
run -w ws continuity --critical --gaps --format csv
expect_rc 0 "--critical --gaps:"
expect_eq "$(tail -n +2 <<<"$out" | cut -d, -f1 | tr '\n' ' ')" "B2 S4 S7 " "--critical --gaps: both"

# --- --fail-on-gap ------------------------------------------------------------------------------
run -w ws continuity --fail-on-gap --format json
expect_rc 3 "--fail-on-gap with gaps:"
expect_json "--fail-on-gap: the listing is printed before failing"
expect_eq "$(json 'len(d)')" 11 "--fail-on-gap: every asset printed"
expect_err "riskmap: --fail-on-gap: 7 continuity gaps on B2, S2, S4, S7" "--fail-on-gap: counts and names them"
expect_unchanged ws "$before" "--fail-on-gap changes nothing:"
run -q -w ws continuity --fail-on-gap --gaps --format csv
expect_rc 3 "-q --fail-on-gap:"
expect_no_err "-q --fail-on-gap: no message"
run -w ws continuity --critical --fail-on-gap
expect_rc 3 "--critical --fail-on-gap (B2, S4, S7 have gaps):"

run init ok
run -w ok asset add B1 --name "Processus" --kind business-process --availability G4 --mtd 1d --bcp PCA
run -w ok asset add B2 --name "Serveur" --kind server --serves B1 --rto 1d --drp PRI
run -w ok continuity --fail-on-gap --format json
expect_rc 0 "--fail-on-gap without gaps:"
expect_no_err "--fail-on-gap without gaps: nothing on stderr"
expect_eq "$(json '[(r["ref"], r["critical"], r["gaps"]) for r in d]')" \
  '[["B1", true, []], ["B2", true, []]]' "no gap in ok"
# The gate counts the assets listed: S2's gaps are not on a critical asset.
run -w ws asset set S4 --bcp PCA-4 --rto 4h --rpo 1h
run -w ws asset set B2 --clear integrity
run -w ws asset set S7 --rto 4h --rpo 1h
run -w ws continuity --critical --fail-on-gap --format json
expect_rc 0 "--critical --fail-on-gap with gaps only on non-critical assets:"
expect_eq "$(json '" ".join(r["ref"] for r in d)')" "B1 S3 S4 S5 S7" "--critical after the fixes"
run -w ws continuity --fail-on-gap --format json
expect_rc 3 "--fail-on-gap: S2 still has gaps:"
expect_err "2 continuity gaps on S2" "--fail-on-gap: only S2 left"

# --- mtd and mtdl belong to business values ---------------------------------------------------
before=$(snapshot ws)
j0=$(journal_count ws)
run -w ws asset set S1 --mtd 4h
expect_rc 2 "mtd on a supporting asset:"
expect_err "mtd" "mtd on a supporting asset: names the field"
expect_err "business value" "mtd on a supporting asset: says why"
expect_unchanged ws "$before" "mtd on a supporting asset:"
run -w ws asset add S9 --name "Serveur" --kind server --mtdl 1h
expect_rc 2 "mtdl on a new supporting asset:"
expect_unchanged ws "$before" "mtdl on a new supporting asset:"
expect_eq "$(journal_count ws)" "$j0" "refused commands write no journal entry"

# --- Bad command lines --------------------------------------------------------------------------
run -w ws continuity --format xml
expect_rc 2 "--format xml:"
expect_no_out "--format xml: nothing on stdout"
run -w ws continuity --gap
expect_rc 2 "--gap (unknown option):"
expect_err "did you mean '--gaps'" "--gap: did you mean"

# --- A 4x4 and a 5x5 method: the top is the last step of the impact scale -------------------------
run init small --method ebios-rm
run -w small asset add X1 --name "Top" --kind business-process --availability G4 --mtd 1h
run -w small asset add X2 --name "Below" --kind business-process --integrity G3 --mtd 1h
run -w small continuity --format json
expect_rc 0 "continuity on ebios-rm:"
expect_eq "$(json '[r["critical"] for r in d]')" '[true, false]' "ebios-rm: G4 is the top, G3 is not"
expect_eq "$(json 'd[0]["gaps"]')" '["no-plan"]' "ebios-rm: a critical business value without a plan"

run init big --method iso27005 --lang en
run -w big asset add X1 --name "Top" --kind business-process --availability C5 --mtd 1h --bcp P
run -w big asset add X2 --name "Below" --kind business-process --availability C4 --integrity C4
run -w big asset add X3 --name "Serveur" --kind server --serves X1 --rto 2h
run -w big asset add X4 --name "Autre serveur" --kind server --serves X2
run -w big scenario add R1 --title "Panne" --asset X1,X3 --criteria A --likelihood L5 --impact C5
run -w big continuity --format json
expect_rc 0 "continuity on iso27005:"
expect_eq "$(json '[r["critical"] for r in d]')" '[true, false, true, false]' \
  "iso27005: C5 is the top, C4 is not; serving X1 makes X3 critical, serving X2 does not"
expect_eq "$(json 'd[0]["availability"]')" '{"id": "C5", "position": 5, "label": "Catastrophic"}' \
  "iso27005: the need as a level object"
expect_eq "$(json 'd[0]["worst_level"]["id"]')" "very-high" "iso27005: the worst level on its level scale"
expect_eq "$(json 'd[2]["gaps"]')" '["no-plan", "rto-exceeds-mtd:X1"]' \
  "iso27005: X3 critical without a plan, 2h over X1's 1h"
expect_eq "$(json 'd[1]["gaps"]')" '[]' "iso27005: X2 at C4 is not critical"

# --- The bundled example ------------------------------------------------------------------------------
run init example --example
expect_rc 0 "init --example:"
before=$(snapshot example)
run -w example continuity
expect_rc 0 "continuity on the example:"
expect_out "Réf." "continuity on the example: a table, its headers in French"
run -w example continuity --format json
expect_rc 0 "continuity --format json on the example:"
expect_json "continuity --format json on the example:"
expect_eq "$(json 'len(d) > 0 and all(isinstance(r["critical"], bool) for r in d)')" true \
  "the example: every asset, critical as a boolean"
expect_unchanged example "$before" "continuity on the example changes nothing:"

finish
