#!/usr/bin/env bash
# stakeholder add|list|show|set|rm: criteria 1..4 and their residual twins,
# the threat level and zone on each side of every threshold, thresholds from
# [ecosystem] in riskmap.toml and bad ones refused with file:line:column,
# sort order and filters, the CSV and JSON shapes, the journal; and the
# business values' MTD and MTDL.
source "$SOURCE_DIR/tests/e2e/lib.sh"
unset RISKMAP_WORKSPACE NO_COLOR

stakeholder_header="ref,name,category,description,owner,assets,dependency,penetration,maturity,trust,residual_dependency,residual_penetration,residual_maturity,residual_trust,controls,critical,threat,zone,residual_threat,residual_zone,scenarios,residual_dependency_source,residual_penetration_source,residual_maturity_source,residual_trust_source,critical_source"
# refs: the refs of a CSV listing in $out (a quoted cell may span lines).
refs() { tail -n +2 <<<"$out" | grep -E '^[A-Z][0-9]+,' | cut -d, -f1 | tr '\n' ' '; }
# rated WS REF D P M T [OPTIONS...]: adds a stakeholder with its four criteria.
rated() {
  local ws=$1 ref=$2 d=$3 p=$4 m=$5 t=$6
  shift 6
  run -w "$ws" stakeholder add "$ref" --name "Stakeholder $ref" --dependency "$d" --penetration "$p" \
    --maturity "$m" --trust "$t" "$@"
  expect_rc 0 "stakeholder add $ref:"
}
# threat_zone WS REF: "threat zone residual_threat residual_zone" of a stakeholder.
threat_zone() {
  run -w "$1" stakeholder show "$2" --format json
  json '" ".join(str(d[k]) for k in ["threat", "zone", "residual_threat", "residual_zone"])'
}
run init ws
run -w ws asset add A1 --name "Remboursements" --kind business-process
run -w ws asset add A2 --name "Serveur" --kind server

# --- add, show, shapes -----------------------------------------------------------
j0=$(journal_count ws)
run -w ws stakeholder add --name "Infogérant" --category provider --owner DSI --asset A2,A1 \
  --dependency 4 --penetration 2 --maturity 3 --trust 1
expect_rc 0 "stakeholder add without a ref:"
expect_out_exact "P1" "the first generated stakeholder ref"
expect_no_err "stakeholder add: nothing on stderr"
expect_eq "$(journal_count ws)" $((j0 + 1)) "stakeholder add: one journal entry"
run -w ws stakeholder show P1 --format json
expect_json "stakeholder show --format json:"
expect_eq "$(json '[d["name"], d["category"], d["owner"], d["assets"]]')" '["Infogérant", "provider", "DSI", ["A1", "A2"]]' \
  "text fields and the asset list"
expect_eq "$(json '[d[k] for k in ["dependency", "penetration", "maturity", "trust"]]')" '[4, 2, 3, 1]' \
  "criteria are JSON numbers"
expect_eq "$(json '[d[k] for k in ["residual_dependency", "residual_penetration", "residual_maturity", "residual_trust"]]')" \
  '[4, 2, 3, 1]' "residual criteria not given are the initial ones"
expect_eq "$(json '[d["threat"], d["zone"], d["residual_threat"], d["residual_zone"]]')" '[2.67, "danger", 2.67, "danger"]' \
  "8/3: threat 2.67 (two decimals, a JSON number), danger zone"
run -w ws stakeholder show P1 --format csv
expect_eq "$(head -1 <<<"$out")" "$stakeholder_header" "stakeholder CSV header"
expect_eq "$(tail -1 <<<"$out")" 'P1,Infogérant,provider,,DSI,"A1,A2",4,2,3,1,4,2,3,1,,yes,2.67,danger,2.67,danger,,derived,derived,derived,derived,derived' "stakeholder CSV row: derived residual criteria and critical flag"
run -w ws stakeholder add P2 --name "Sans note"
run -w ws stakeholder show P2 --format json
expect_eq "$(json '[d["category"], d["dependency"], d["residual_trust"], d["threat"], d["zone"], d["residual_zone"]]')" \
  '["other", null, null, null, null, null]' "category defaults to other; an unrated stakeholder has no threat"
run -w ws stakeholder list --format json
expect_json "stakeholder list --format json:"
expect_eq "$(json '",".join(d[0].keys())')" "$stakeholder_header" "JSON keys are the CSV header, in order"
expect_eq "$(json 'all(list(s.keys()) == list(d[0].keys()) for s in d)')" true "every object has the same keys"
run -w ws stakeholder list
expect_rc 0 "stakeholder list as a table:"
expect_out "Infogérant" "the table lists names"
expect_out "danger" "the table lists zones"
run -w ws stakeholder show P1
expect_rc 0 "stakeholder show as a table:"
expect_out "Zone résiduelle" "show lists the derived fields, in French"

# Required name, criteria out of 1..4, bad values: exit 2, nothing written.
bad ws 2 "stakeholder add without --name" stakeholder add P9 --owner DSI
expect_err "name" "stakeholder add without --name:"
bad ws 2 "--dependency 0" stakeholder add --name x --dependency 0
expect_err "1 to 4" "--dependency 0: says what is allowed"
bad ws 2 "--trust 5" stakeholder add --name x --trust 5
bad ws 2 "--penetration x" stakeholder add --name x --penetration x
bad ws 2 "--residual-maturity 5" stakeholder add --name x --residual-maturity 5
bad ws 2 "--residual-trust 0" stakeholder add --name x --residual-trust 0
bad ws 2 "set --maturity 0" stakeholder set P1 --maturity 0
bad ws 2 "set --residual-penetration 5" stakeholder set P1 --residual-penetration 5
bad ws 2 "--category supplyer" stakeholder add --name x --category supplyer
expect_err "did you mean 'supplier'" "--category supplyer:"
bad ws 1 "--asset of an unknown asset" stakeholder add --name x --asset A9
expect_err "did you mean 'A1'" "--asset A9:"
bad ws 1 "--control of an unknown control" stakeholder add --name x --control M1
bad ws 1 "stakeholder set of an unknown ref" stakeholder set P11 --owner x
expect_err "did you mean 'P1'" "stakeholder set P11:"

# --- Residual twins ------------------------------------------------------------------
run -w ws control add M1 --title "Audit the provider"
rated ws P3 4 4 1 1 --residual-maturity 4 --residual-trust 3 --control M1
expect_eq "$(threat_zone ws P3)" "16 danger 1.33 control" "residual criteria given override the initial ones"
run -w ws stakeholder show P3 --format json
expect_eq "$(json '[d["residual_dependency"], d["residual_penetration"], d["residual_maturity"], d["residual_trust"], d["controls"]]')" \
  '[4, 4, 4, 3, ["M1"]]' "the residual criteria not given default to the initial ones"
run -w ws stakeholder set P3 --clear residual_trust
expect_rc 0 "--clear residual_trust:"
expect_eq "$(threat_zone ws P3)" "16 danger 4 danger" "a cleared residual criterion is the initial one again"
run -w ws stakeholder set P2 --dependency 1 --penetration 1 --maturity 4 --trust 4
expect_eq "$(threat_zone ws P2)" "0.06 outside 0.06 outside" "rating a stakeholder later fills its residual twins"

# --- Threat level and zones, default thresholds (2.5, 0.9, 0.2) ------------------------
run init zones
rated zones P1 4 4 1 1   # 16
rated zones P2 4 2 3 1   # 8/3 = 2.67: at or above 2.5
rated zones P3 3 3 2 2   # 9/4 = 2.25: just below 2.5
rated zones P4 3 4 3 4   # 12/12 = 1
rated zones P5 2 4 3 3   # 8/9 = 0.89: just below 0.9
rated zones P6 1 2 3 3   # 2/9 = 0.22
rated zones P7 1 3 4 4   # 3/16 = 0.19: just below 0.2
rated zones P8 1 1 4 4   # 1/16 = 0.06
run -w zones stakeholder add P9 --name "Unrated"
expect_eq "$(threat_zone zones P1)" "16 danger 16 danger" "16: danger"
expect_eq "$(threat_zone zones P2)" "2.67 danger 2.67 danger" "8/3: danger"
expect_eq "$(threat_zone zones P3)" "2.25 control 2.25 control" "9/4 = 2.25: control"
expect_eq "$(threat_zone zones P4)" "1 control 1 control" "1: control"
expect_eq "$(threat_zone zones P5)" "0.89 watch 0.89 watch" "8/9: watch"
expect_eq "$(threat_zone zones P6)" "0.22 watch 0.22 watch" "2/9: watch"
expect_eq "$(threat_zone zones P7)" "0.19 outside 0.19 outside" "3/16: outside"
expect_eq "$(threat_zone zones P8)" "0.06 outside 0.06 outside" "1/16: outside"
rated zones H1 3 3 2 4   # 9/8 = 1.125
rated zones H2 1 2 4 4   # 2/16 = 0.125
expect_eq "$(threat_zone zones H1)" "1.13 control 1.13 control" "9/8 = 1.125 shows 1.13: halves round up"
expect_eq "$(threat_zone zones H2)" "0.13 outside 0.13 outside" "1/8 = 0.125 shows 0.13, and stays outside (exact ratio)"
run -w zones stakeholder rm H1 H2
run -w zones stakeholder list --format csv
expect_eq "$(refs)" "P1 P2 P3 P4 P5 P6 P7 P8 P9 " "sorted by threat, highest first, unrated last"
rated zones P10 3 3 2 2   # 2.25 again: ties in ref order
rated zones P0 4 4 4 4    # 1
run -w zones stakeholder list --format csv
expect_eq "$(refs)" "P1 P2 P3 P10 P0 P4 P5 P6 P7 P8 P9 " "equal threats in natural ref order"
run -w zones stakeholder list --zone danger --format csv
expect_eq "$(refs)" "P1 P2 " "--zone danger"
run -w zones stakeholder list --zone control --format csv
expect_eq "$(refs)" "P3 P10 P0 P4 " "--zone control"
run -w zones stakeholder list --zone watch --format csv
expect_eq "$(refs)" "P5 P6 " "--zone watch"
run -w zones stakeholder list --zone outside --format csv
expect_eq "$(refs)" "P7 P8 " "--zone outside"
run -w zones stakeholder list --zone dangr
expect_rc 2 "--zone dangr:"
expect_err "did you mean 'danger'" "--zone dangr:"

# --- Custom thresholds from riskmap.toml ---------------------------------------------
run init thr
rated thr P1 3 4 2 2   # 12/4 = 3: on danger = 3
rated thr P2 4 2 3 1   # 8/3 = 2.67: just below 3
rated thr P3 3 1 2 2   # 3/4 = 0.75: on control = 0.75
rated thr P4 2 1 3 1   # 2/3 = 0.67: just below 0.75
rated thr P5 1 1 2 2   # 1/4 = 0.25: on watch = 0.25
rated thr P6 1 2 3 3   # 2/9 = 0.22: just below 0.25
rated thr P7 4 4 1 1 --residual-dependency 3 --residual-penetration 1 --residual-maturity 2 --residual-trust 2
expect_eq "$(threat_zone thr P3)" "0.75 watch 0.75 watch" "before [ecosystem]: the default thresholds"
cp thr/riskmap.toml default.toml
printf '\n[ecosystem]\ndanger = 3\ncontrol = 0.75\nwatch = 0.25\n' >>thr/riskmap.toml
expect_eq "$(threat_zone thr P1)" "3 danger 3 danger" "12/4 = 3 on danger = 3"
expect_eq "$(threat_zone thr P2)" "2.67 control 2.67 control" "8/3 below danger = 3"
expect_eq "$(threat_zone thr P3)" "0.75 control 0.75 control" "3/4 on control = 0.75"
expect_eq "$(threat_zone thr P4)" "0.67 watch 0.67 watch" "2/3 below control = 0.75"
expect_eq "$(threat_zone thr P5)" "0.25 watch 0.25 watch" "1/4 on watch = 0.25"
expect_eq "$(threat_zone thr P6)" "0.22 outside 0.22 outside" "2/9 below watch = 0.25"
expect_eq "$(threat_zone thr P7)" "16 danger 0.75 control" "the thresholds apply to the residual rating too"
run -w thr stakeholder list --zone control --format csv
expect_eq "$(refs)" "P2 P3 " "--zone follows the thresholds of riskmap.toml"
cp default.toml thr/riskmap.toml
printf '\n[ecosystem]\ncontrol = 0.5\n' >>thr/riskmap.toml
expect_eq "$(threat_zone thr P4)" "0.67 control 0.67 control" "a threshold left out keeps its default"
expect_eq "$(threat_zone thr P2)" "2.67 danger 2.67 danger" "danger stays at 2.5"

# Bad [ecosystem]: every command refuses with riskmap.toml:LINE:COLUMN, writes nothing.
run init badeco
rated badeco P1 2 2 2 2
cp badeco/riskmap.toml good.toml
# bad_eco WHAT EXPECTED-MESSAGE LINES...: appends LINES to riskmap.toml; the
# message must name the line of the last one, or of [ecosystem] when it says so.
bad_eco() {
  local what=$1 message=$2 line
  shift 2
  cp good.toml badeco/riskmap.toml
  printf '\n' >>badeco/riskmap.toml
  printf '%s\n' "$@" >>badeco/riskmap.toml
  line=$(wc -l <badeco/riskmap.toml)
  [ "$message" = "decrease" ] && line=$(grep -n '^\[ecosystem\]' badeco/riskmap.toml | cut -d: -f1)
  bad badeco 1 "$what (read)" stakeholder list
  expect_err_re "riskmap\.toml:$line:[0-9]+: " "$what: riskmap.toml:LINE:COLUMN"
  expect_err "$message" "$what:"
  bad badeco 1 "$what (write)" stakeholder add --name x
}
bad_eco "a threshold that is not a number" "positive number" '[ecosystem]' 'danger = "high"'
bad_eco "a boolean threshold" "positive number" '[ecosystem]' 'danger = true'
bad_eco "a negative threshold" "positive number" '[ecosystem]' 'watch = -0.1'
bad_eco "a zero threshold" "positive number" '[ecosystem]' 'watch = 0'
bad_eco "an infinite threshold" "positive number" '[ecosystem]' 'danger = inf'
bad_eco "a nan threshold" "positive number" '[ecosystem]' 'watch = nan'
bad_eco "thresholds not decreasing" "decrease" '[ecosystem]' 'danger = 2' 'control = 2.5'
bad_eco "equal thresholds" "decrease" '[ecosystem]' 'control = 0.2'
bad_eco "an unknown key" "did you mean 'danger'" '[ecosystem]' 'dangr = 3'
cp good.toml badeco/riskmap.toml
sed -i '1i ecosystem = 3' badeco/riskmap.toml
bad badeco 1 "ecosystem that is not a table" stakeholder list
expect_err_re "riskmap\.toml:1:[0-9]+: " "ecosystem that is not a table: riskmap.toml:1:COLUMN"
cp good.toml badeco/riskmap.toml
printf '\n[ecosystem]\ndanger = 3\n' >>badeco/riskmap.toml
run -w badeco stakeholder list --format csv
expect_rc 0 "a whole number is a threshold:"

# --- Filters, set, rm ---------------------------------------------------------------
run -w ws stakeholder add P4 --name "Client" --category client --owner DG --asset A1
run -w ws stakeholder list --category provider --format csv
expect_eq "$(refs)" "P1 " "--category provider"
run -w ws stakeholder list --owner DG --format csv
expect_eq "$(refs)" "P4 " "--owner DG"
run -w ws stakeholder list --asset A1 --format csv
expect_eq "$(refs)" "P1 P4 " "--asset A1"
run -w ws stakeholder list --asset A2 --category provider --owner DSI --format csv
expect_eq "$(refs)" "P1 " "filters combined"
run -w ws stakeholder list --asset A9
expect_rc 1 "--asset of an unknown asset:"
expect_err "did you mean 'A1'" "--asset A9:"
run -w ws stakeholder list --category supplyer
expect_rc 2 "--category supplyer:"

j0=$(journal_count ws)
run -w ws stakeholder set P1 --trust 4 --remove-asset A2
expect_rc 0 "stakeholder set:"
expect_no_out "stakeholder set prints no data"
expect_eq "$(journal_count ws)" $((j0 + 1)) "stakeholder set: one journal entry"
run -w ws stakeholder show P1 --format json
expect_eq "$(json '[d["trust"], d["assets"], d["threat"], d["zone"]]')" '[4, ["A1"], 0.67, "watch"]' \
  "set changes the rating and the derived zone"

run -w ws scenario add R1 --title "Via le prestataire" --stakeholder P1
run -w ws scenario add R10 --title "Aussi via le prestataire" --stakeholder P1
run -w ws scenario add R2 --title "Encore" --stakeholder P1
run -w ws stakeholder show P1 --format json
expect_eq "$(json 'd["scenarios"]')" '["R1", "R2", "R10"]' "show lists the scenarios going through it, in natural order"
run -w ws scenario rm R10 R2
bad ws 1 "rm of a stakeholder a scenario names" stakeholder rm P1
expect_err "scenario R1 (stakeholders)" "rm lists its referrers"
bad ws 1 "rm of an asset a stakeholder names" asset rm A2 A1
expect_err "stakeholder P4 (assets)" "asset rm lists the stakeholders naming it"
j0=$(journal_count ws)
run -w ws stakeholder rm P1 P4 --force
expect_rc 0 "stakeholder rm --force:"
expect_eq "$(journal_count ws)" $((j0 + 1)) "stakeholder rm of two refs: one journal entry"
run -w ws scenario show R1 --format json
expect_eq "$(json 'd["stakeholders"]')" '[]' "the scenario's link went with it"
run -w ws stakeholder list --format csv
expect_eq "$(refs)" "P3 P2 " "the others remain"

before=$(snapshot ws)
run -w ws stakeholder list --format json
run -w ws stakeholder list --zone danger
run -w ws stakeholder show P3
expect_unchanged ws "$before" "reading commands leave the workspace unchanged"

# --- MTD and MTDL: business values only ------------------------------------------------
run -w ws asset add A3 --name "Paiements" --kind business-process --mtd 1d --mtdl 4h
expect_rc 0 "asset add with --mtd --mtdl:"
run -w ws asset show A3 --format json
expect_eq "$(json '[d["mtd"], d["mtdl"]]')" '["1d", "4h"]' "mtd and mtdl, written as durations"
run -w ws asset list --format csv
expect_eq "$(head -1 <<<"$out" | tr ',' '\n' | grep -c '^mtdl\?$')" 2 "mtd and mtdl columns"
bad ws 2 "--mtd on a supporting asset" asset add --name "Serveur 2" --kind server --mtd 1d
expect_err "business value" "--mtd on a supporting asset:"
bad ws 2 "--mtdl on a supporting asset" asset set A2 --mtdl 1h
bad ws 2 "a business value with mtd made supporting" asset set A3 --role supporting
bad ws 2 "--mtd 1x" asset set A3 --mtd 1x
# An import emptying the kind (and the role, derived from it) is a bad row, not a crash.
before=$(snapshot ws)
printf 'ref,kind,role\nA2,-,-\n' >empty-kind.csv
run -w ws import empty-kind.csv --kind assets --on-conflict update
expect_rc 1 "import emptying an asset's kind:"
expect_err "empty-kind.csv:2" "import emptying an asset's kind: the line"
expect_err "kind" "import emptying an asset's kind: the field"
expect_unchanged ws "$before" "import emptying an asset's kind:"
run -w ws asset set A3 --clear mtdl
run -w ws asset show A3 --format json
expect_eq "$(json '[d["mtd"], d["mtdl"]]')" '["1d", null]' "--clear mtdl"

finish
