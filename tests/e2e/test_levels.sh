#!/usr/bin/env bash
# Levels: every cell of the built-in grids (SPEC §3), the spellings of a scale
# step (position, id, French or English label, any case, with or without
# accents), the three stages, levels off the scale, and labels per language.
source "$SOURCE_DIR/tests/e2e/lib.sh"
unset RISKMAP_WORKSPACE NO_COLOR

run init ws
expect_rc 0 "init ws:"

# --- Every cell of ebios-rm, through scenario add + scenario show ---------------
# Rows likelihood V1..V4, columns impact G1..G4 (SPEC §3).
ebios_grid=(
  "low low low medium"
  "low low medium medium"
  "medium medium high high"
  "medium high high high"
)
for l in 1 2 3 4; do
  read -r -a row <<<"${ebios_grid[$((l - 1))]}"
  for i in 1 2 3 4; do
    run -w ws scenario add "C$l$i" --title "cell V$l G$i" --likelihood "V$l" --impact "G$i"
    expect_rc 0 "scenario add V$l G$i:"
    expect_out_exact "C$l$i" "scenario add V$l G$i: prints the ref"
    run -w ws scenario show "C$l$i" --format json
    expect_rc 0 "scenario show C$l$i:"
    expect_eq "$(json 'd["current_level"]["id"]')" "${row[$((i - 1))]}" "ebios-rm cell V$l x G$i: current_level"
  done
done
# The level is derived, not stored: the other stages stay unset.
run -w ws scenario show C44 --format json
expect_eq "$(json '[d["inherent_level"], d["residual_level"]]')" "[null, null]" "unset stages have no level"

# --- Every cell of iso27005 and simple-3x3, imported by position, read from the listing
check_all_cells() { # METHOD NLIK NIMP "ROW1" "ROW2" ...
  local method=$1 nl=$2 ni=$3
  shift 3
  run init "g-$method" --method "$method"
  expect_rc 0 "init --method $method:"
  {
    echo "ref,title,current_likelihood,current_impact"
    for ((l = 1; l <= nl; l++)); do
      for ((i = 1; i <= ni; i++)); do echo "C$l-$i,cell $l $i,$l,$i"; done
    done
  } >"cells-$method.csv"
  run -w "g-$method" import "cells-$method.csv" --kind scenarios
  expect_rc 0 "import the cells of $method:"
  run -w "g-$method" scenario list --format json
  expect_rc 0 "scenario list ($method):"
  local got want="" l
  got=$(json '" ".join(s["ref"] + "=" + s["current_level"]["id"] for s in sorted(d, key=lambda s: s["ref"]))')
  for ((l = 1; l <= nl; l++)); do
    read -r -a row <<<"$1"
    shift
    for ((i = 1; i <= ni; i++)); do want+="C$l-$i=${row[$((i - 1))]} "; done
  done
  want=$(tr ' ' '\n' <<<"$want" | grep . | sort | tr '\n' ' ')
  got=$(tr ' ' '\n' <<<"$got" | sort | tr '\n' ' ')
  expect_eq "$got" "$want" "$method: every cell of the grid"
}
check_all_cells iso27005 5 5 \
  "very-low very-low low low low" \
  "very-low low low medium medium" \
  "low low medium high high" \
  "low medium high high very-high" \
  "medium high high very-high very-high"
check_all_cells simple-3x3 3 3 \
  "low low medium" \
  "low medium high" \
  "medium high high"

# --- Spellings of a step ---------------------------------------------------------
# Each spelling goes into a fresh scenario, so that a value left over from an
# earlier command cannot make the check pass.
n=0
check_likelihood() { # SPELLING EXPECTED_ID
  n=$((n + 1))
  run -w ws scenario add "L$n" --title "spelling $1" --likelihood "$1"
  expect_rc 0 "--likelihood '$1':"
  run -w ws scenario show "L$n" --format json
  expect_eq "$(json 'd["current_likelihood"]["id"]')" "$2" "--likelihood '$1'"
}
check_impact() { # SPELLING EXPECTED_ID
  n=$((n + 1))
  run -w ws scenario add "L$n" --title "spelling $1" --impact "$1"
  expect_rc 0 "--impact '$1':"
  run -w ws scenario show "L$n" --format json
  expect_eq "$(json 'd["current_impact"]["id"]')" "$2" "--impact '$1'"
}
check_likelihood 1 V1
check_likelihood 4 V4
check_likelihood V2 V2
check_likelihood v3 V3
check_likelihood "très VRAISEMBLABLE" V3
check_likelihood "TRES vraisemblable" V3
check_likelihood "Très vraisemblable" V3
check_likelihood "vraisemblable" V2
check_likelihood "peu vraisemblable" V1
check_likelihood "quasi CERTAIN" V4
check_likelihood "Almost Certain" V4
check_likelihood "very likely" V3
check_likelihood "LIKELY" V2
check_likelihood "unlikely" V1
check_impact 2 G2
check_impact g4 G4
check_impact "critique" G4
check_impact "MINEURE" G1
check_impact "Significative" G2
check_impact "serious" G3
check_impact "Grave" G3

# --- The three stages ---------------------------------------------------------
run -w ws scenario add S1 --title "stages" \
  --inherent-likelihood 4 --inherent-impact 4 \
  --likelihood 3 --impact 2 \
  --residual-likelihood 1 --residual-impact 1
expect_rc 0 "scenario add with three stages:"
run -w ws scenario show S1 --format json
expect_eq "$(json '" ".join(d[k]["id"] for k in ("inherent_likelihood", "inherent_impact", "current_likelihood", "current_impact", "residual_likelihood", "residual_impact"))')" \
  "V4 G4 V3 G2 V1 G1" "three stages: the ratings"
expect_eq "$(json '" ".join(d[k]["id"] for k in ("inherent_level", "current_level", "residual_level"))')" \
  "high medium low" "three stages: the levels through the grid"
run -w ws scenario set S1 --current-likelihood 4 --current-impact 4
expect_rc 0 "--current-likelihood/--current-impact:"
run -w ws scenario show S1 --format json
expect_eq "$(json 'd["current_likelihood"]["id"] + d["current_impact"]["id"] + " " + d["current_level"]["id"]')" "V4G4 high" \
  "--current-likelihood is --likelihood"
expect_eq "$(json 'd["inherent_level"]["id"] + " " + d["residual_level"]["id"]')" "high low" "set of the current stage leaves the others"
run -w ws scenario set S1 --clear residual_likelihood
expect_rc 0 "--clear residual_likelihood:"
run -w ws scenario show S1 --format json
expect_eq "$(json '[d["residual_likelihood"], d["residual_level"], d["residual_impact"]["id"]]')" '[null, null, "G1"]' \
  "a cleared rating leaves the stage without a level"

# The level JSON object: exactly id, position, label.
expect_eq "$(json 'sorted(d["current_level"].keys())')" '["id", "label", "position"]' "a level is {id, position, label}"
expect_eq "$(json 'type(d["current_level"]["position"]).__name__')" int "a level's position is a number"

# --- Levels off the scale: exit 2, the allowed values listed, nothing written -----
off_scale() { # OPTION VALUE ALLOWED_TEXT
  local before
  before=$(snapshot ws)
  run -w ws scenario set S1 "$1" "$2"
  expect_rc 2 "scenario set $1 '$2':"
  expect_no_out "scenario set $1 '$2':"
  expect_err "riskmap: " "scenario set $1 '$2':"
  expect_err "'$2'" "scenario set $1 '$2': names the value"
  expect_err "$3" "scenario set $1 '$2': lists what is allowed"
  expect_unchanged ws "$before" "scenario set $1 '$2':"
}
off_scale --likelihood V5 "V1 (Peu vraisemblable / Unlikely)"
off_scale --likelihood 5 "1 to 4"
off_scale --likelihood 0 "V4 (Quasi certain / Almost certain)"
off_scale --likelihood G1 "1 to 4"
off_scale --impact catastrophique "G4 (Critique / Critical)"
off_scale --inherent-impact 9 "1 to 4"
off_scale --residual-likelihood "très très vraisemblable" "1 to 4"
run -w ws scenario set S1 --likelihood V5
expect_err "did you mean" "a near-miss step gets a suggestion"

# On add too, and the scenario is not created.
before=$(snapshot ws)
run -w ws scenario add Z1 --title "off scale" --likelihood 2 --impact 7
expect_rc 2 "scenario add --impact 7:"
expect_unchanged ws "$before" "scenario add --impact 7:"
run -w ws scenario show Z1
expect_rc 1 "the refused scenario does not exist"

# Asset needs are on the impact scale.
run -w ws asset add A1 --name "Base" --confidentiality critique --integrity 3 --availability g2 --traceability Minor
expect_rc 0 "asset add with needs:"
run -w ws asset show A1 --format json
expect_eq "$(json '" ".join(d[k]["id"] for k in ("confidentiality", "integrity", "availability", "traceability"))')" "G4 G3 G2 G1" \
  "asset needs on the impact scale"
before=$(snapshot ws)
run -w ws asset set A1 --confidentiality V3
expect_rc 2 "asset need V3 (a likelihood step):"
expect_err "G1 (Mineure / Minor)" "asset need V3: lists the impact scale"
expect_unchanged ws "$before" "asset need V3:"

# --- --min-level takes the same spellings -------------------------------------
run -w ws scenario list --min-level high --format csv
expect_rc 0 "--min-level high:"
high_refs=$(tail -n +2 <<<"$out" | cut -d, -f1)
checks=$((checks + 1)); [ -n "$high_refs" ] || fail "--min-level high: no scenario listed"
for spelling in 3 HIGH "Élevé" eleve "élevé"; do
  run -w ws scenario list --min-level "$spelling" --format csv
  expect_rc 0 "--min-level '$spelling':"
  expect_eq "$(tail -n +2 <<<"$out" | cut -d, -f1)" "$high_refs" "--min-level '$spelling' is --min-level high"
done
run -w ws scenario list --min-level hgh
expect_rc 2 "--min-level hgh:"
expect_err "did you mean 'high'" "--min-level hgh:"
expect_err "low (Faible / Low)" "--min-level hgh: lists the levels"

# --- Labels follow the language -----------------------------------------------
run -w ws scenario show C33 --format json
expect_eq "$(json 'd["current_likelihood"]["label"] + "|" + d["current_impact"]["label"] + "|" + d["current_level"]["label"]')" \
  "Très vraisemblable|Grave|Élevé" "French workspace: French labels"
run -w ws --lang en scenario show C33 --format json
expect_eq "$(json 'd["current_likelihood"]["label"] + "|" + d["current_impact"]["label"] + "|" + d["current_level"]["label"]')" \
  "Very likely|Serious|High" "--lang en: English labels"
run -w ws scenario show C33 --format json --lang en
expect_eq "$(json 'd["current_level"]["label"]')" "High" "--lang en after the command"
run -w ws scenario list --min-level high
expect_out "Élevé" "table in French"
expect_out_lacks "High" "table in French"
run -w ws --lang en scenario list --min-level high
expect_out "High" "table in English"
expect_out_lacks "Élevé" "table in English"
run -w ws scenario list --format csv --lang en
expect_out "C33,cell V3 G3,,,,,,,,V3,G3,,,,open,,,,,,,,draft,,,,,,high,,set,set" "CSV holds ids, whatever the language"
run -w ws --lang de scenario list
expect_rc 2 "--lang de:"
expect_err "'fr'" "--lang de: lists the languages"

finish
