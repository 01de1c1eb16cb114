#!/usr/bin/env bash
# Risk matrices read from YAML library files (the format CISO Assistant
# publishes): init --method FILE.yaml and method apply FILE.yaml with
# --appetite and --matrix; the converted method in riskmap.toml, every cell
# of its grid, its labels in both languages; and the refusals, which leave
# the workspace exactly as it was.
source "$SOURCE_DIR/tests/e2e/lib.sh"
unset RISKMAP_WORKSPACE NO_COLOR

# The fixtures, copied here so that messages name them briefly.
cp "$SOURCE_DIR"/tests/data/yaml/matrix-*.yaml .

# toml_get FILE EXPR: a value read from a TOML file (bound to t).
toml_get() { py_eval "$2" "$(realpath "$1")"; }

# check_grid WS "ROW ..." : every cell of the grid, each row given as
# "LIKELIHOOD:LEVEL,LEVEL,..." over the impact ids IMPACTS (in order): a
# scenario rated at that cell has that level, in `scenario show` and in
# `matrix`. Adds one scenario a cell.
check_grid() {
  local ws=$1 impacts=$2 rows=$3 row likelihood levels level i n=0
  local -a impact_ids level_ids
  read -r -a impact_ids <<<"$impacts"
  for row in $rows; do
    likelihood=${row%%:*}
    IFS=, read -r -a level_ids <<<"${row#*:}"
    for i in "${!impact_ids[@]}"; do
      n=$((n + 1))
      level=${level_ids[$i]}
      run -w "$ws" -q scenario add "G$n" --title "cell $likelihood/${impact_ids[$i]}" \
        --likelihood "$likelihood" --impact "${impact_ids[$i]}"
      expect_rc 0 "$ws: scenario add at $likelihood/${impact_ids[$i]}:"
      run -w "$ws" scenario show "G$n" --format json
      expect_eq "$(json 'd["current_level"]["id"]')" "$level" \
        "$ws: the level at likelihood $likelihood, impact ${impact_ids[$i]}"
    done
  done
  run -w "$ws" matrix --format json
  expect_rc 0 "$ws: matrix"
  levels=$(json '" ".join(c["likelihood"]["id"] + "/" + c["impact"]["id"] + "=" + c["level"]["id"] + "#" + str(c["count"]) for c in sorted(d, key=lambda c: (c["likelihood"]["position"], c["impact"]["position"])))')
  local expected=""
  for row in $rows; do
    likelihood=${row%%:*}
    IFS=, read -r -a level_ids <<<"${row#*:}"
    for i in "${!impact_ids[@]}"; do
      expected+="${expected:+ }$likelihood/${impact_ids[$i]}=${level_ids[$i]}#1"
    done
  done
  expect_eq "$levels" "$expected" "$ws: matrix --format json, cell by cell, one scenario each"
}

# --- init from a French 4x4 with numeric abbreviations --------------------------------
run init m4 --method matrix-4x4-fr.yaml
expect_rc 2 "init from a YAML matrix without --appetite:"
expect_err "--appetite: the risk matrix of matrix-4x4-fr.yaml sets no risk appetite" \
  "init without --appetite: says what is missing"
expect_err "L1 (Faible / Low), L2 (Moyen / Medium), L3 (Élevé / High), L4 (Critique / Critical)" \
  "init without --appetite: lists the levels"
expect_no_out "init without --appetite:"
expect_eq "$(ls -d m4 2>/dev/null)" "" "init without --appetite creates no folder"

run init m4 --method matrix-4x4-fr.yaml --appetite Moyen
expect_rc 0 "init --method matrix-4x4-fr.yaml --appetite Moyen:"
expect_no_out "init from a YAML matrix:"
expect_err "riskmap: matrix-4x4-fr.yaml: no #rrggbb hexcolor for impact I1: a colour from green to red by position stands in" \
  "init: a note names the step whose colour is the default"
expect_err "created a workspace in m4 (method matrice-4x4" "init: names the method"
expect_eq "$(toml_get m4/riskmap.toml 't["method"]["name"]')" "matrice-4x4" "riskmap.toml: the method's name is the matrix's ref_id"
expect_eq "$(toml_get m4/riskmap.toml 't["method"]["appetite"]')" "L2" "riskmap.toml: the appetite given"
expect_eq "$(toml_get m4/riskmap.toml '" ".join(s["id"] for s in t["method"]["likelihood"])')" "P1 P2 P3 P4" \
  "riskmap.toml: numeric abbreviations become P and the position"
expect_eq "$(toml_get m4/riskmap.toml '[s["id"] for s in t["method"]["level"]]')" '["L1", "L2", "L3", "L4"]' \
  "riskmap.toml: the risk levels 0..3 become L1..L4"
expect_eq "$(toml_get m4/riskmap.toml 't["method"]["grid"]["P1"]')" '["L1", "L1", "L2", "L3"]' \
  "riskmap.toml: grid row P1 is the first row of the file's grid"

run -w m4 method show --format json
expect_rc 0 "method show on a converted method:"
expect_eq "$(json '"|".join(s["label_fr"] + "=" + s["label_en"] for k in ("likelihood", "impact", "levels") for s in d[k])')" \
  "Rare=Seldom|Possible=Possible|Probable=Likely|Quasi certain=Almost certain|Limité=Limited|Modéré=Moderate|Grave=Severe|Très grave=Critical|Faible=Low|Moyen=Medium|Élevé=High|Critique=Critical" \
  "method show: labels in French (the locale) and English (the translations)"
expect_eq "$(json '" ".join(s["colour"] for s in d["levels"])')" "#66bb6a #ffee58 #ffa726 #ff0000" \
  "method show: colours in lowercase, #F00 doubled"
expect_eq "$(json 'd["likelihood"][2]["description"]')" "Se produira sans doute" "method show: descriptions"
run -w m4 method show
expect_rc 0 "method show (table):"
expect_out "method matrice-4x4: appetite L2 (Moyen)" "method show (table): name and appetite"
expect_out "Quasi certain" "method show (table): the labels"
run -w m4 --lang en method show
expect_out "method matrice-4x4: appetite L2 (Medium)" "method show --lang en: the English label"

check_grid m4 "I1 I2 I3 I4" "P1:L1,L1,L2,L3 P2:L1,L2,L3,L3 P3:L1,L2,L3,L4 P4:L2,L3,L4,L4"

run -w m4 scenario add R1 --title "Vol de portable" --likelihood Probable --impact "très grave"
expect_rc 0 "scenario add with the converted labels:"
run -w m4 --lang en scenario show R1 --format json
expect_eq "$(json 'd["current_likelihood"]["label"] + "/" + d["current_impact"]["label"] + "/" + d["current_level"]["label"]')" \
  "Likely/Critical/Critical" "scenario show --lang en: English labels"
run -w m4 --lang fr scenario show R1 --format json
expect_eq "$(json 'd["current_likelihood"]["label"] + "/" + d["current_impact"]["label"] + "/" + d["current_level"]["label"]')" \
  "Probable/Très grave/Critique" "scenario show --lang fr: French labels"
run -w m4 scenario add R2 --title "Numéro" --likelihood 4 --impact 1
expect_rc 0 "a number is a position on a converted scale:"
run -w m4 scenario show R2 --format json
expect_eq "$(json 'd["current_likelihood"]["id"] + "/" + d["current_impact"]["id"]')" "P4/I1" \
  "--likelihood 4 is the fourth step, not abbreviation '4'"

# Every other command works on the converted method.
run -w m4 review --format json
expect_rc 0 "review on a converted method:"
run -w m4 -q report all -o deliverables-m4
expect_rc 0 "report all on a converted method:"
checks=$((checks + 1)); grep -q "Quasi certain" deliverables-m4/*.md || fail "the deliverables show the converted labels"
run -w m4 -q snapshot create converted
expect_rc 0 "snapshot create on a converted method:"
run -w m4 export --kind scenarios --format csv
expect_rc 0 "export on a converted method:"
expect_out "R1,Vol de portable" "export: the scenario"

# --- init from an English 5x5: abbreviations, escapes, folded lines, a fallback -------
run --lang en init m5 --method matrix-5x5-en.yaml --appetite Moderate
expect_rc 0 "init --method matrix-5x5-en.yaml:"
expect_err "riskmap: matrix-5x5-en.yaml: no French text for impact C4 (name, description): the English text stands in" \
  "init: a one-line note names what fell back"
run -w m5 method show --format json
expect_eq "$(json '" ".join(s["id"] for k in ("likelihood", "impact", "levels") for s in d[k])')" \
  "F1 F2 F3 F4 F5 C1 C2 C3 C4 C5 VL LO MD HI VH" "abbreviations are the ids"
expect_eq "$(json 'd["appetite"]["id"]')" "MD" "--appetite Moderate: a level's label"
expect_eq "$(json 'd["likelihood"][0]["label_fr"]')" "Très rare" "a \\xE9 escape is read"
expect_eq "$(json '[s for s in d["likelihood"] if s["id"] == "F1"][0]["colour"]')" "#e8f5e9" "hexcolor"
run -w m5 --lang fr method show --format json
expect_eq "$(json 'd["likelihood"][0]["description"]')" "Moins d’une fois en dix ans" "a \\u2019 escape is read"
expect_eq "$(json 'd["impact"][1]["description"]')" "Un effet absorbé dans la journée" "a folded block is one line"
expect_eq "$(json 'd["impact"][3]["label"] + " / " + d["impact"][3]["description"]')" \
  "Major / Weeks of disruption" "the missing French takes the English"
run -w m5 --lang en method show --format json
expect_eq "$(json 'd["impact"][1]["description"]')" "An effect absorbed within the day" "a folded plain text is one line"

check_grid m5 "C1 C2 C3 C4 C5" \
  "F1:VL,VL,LO,LO,MD F2:VL,LO,LO,MD,HI F3:VL,LO,MD,HI,HI F4:LO,MD,HI,HI,VH F5:LO,MD,HI,VH,VH"

# --- Two matrices in one library: --matrix --------------------------------------------
run init two --method matrix-two.yaml --appetite 1
expect_rc 2 "init from a library of two matrices without --matrix:"
expect_err "matrix-two.yaml holds 2 risk matrices: pick one with --matrix REF_ID, one of 'triage-3x3', 'quick-2x2'" \
  "without --matrix: lists the ref_ids"
expect_eq "$(ls -d two 2>/dev/null)" "" "a refused init creates no folder"
run init two --method matrix-two.yaml --appetite 1 --matrix quick
expect_rc 2 "--matrix naming no matrix:"
expect_err "--matrix: matrix-two.yaml holds no risk matrix 'quick' (did you mean 'quick-2x2'?)" \
  "--matrix unknown: did you mean"
run init two --method matrix-two.yaml --appetite watch --matrix triage-3x3
expect_rc 0 "init --matrix triage-3x3:"
run -w two method show --format json
expect_eq "$(json 'd["name"] + " " + d["appetite"]["id"] + " " + " ".join(s["id"] for s in d["levels"])')" \
  "triage-3x3 watch ok watch treat" "--matrix picks the matrix by ref_id"
check_grid two "IB IM IH" "PB:ok,ok,watch PM:ok,watch,treat PH:watch,treat,treat"

# --- method apply: a rated map changes to a YAML matrix ------------------------------
run init ws --method ebios-rm
expect_rc 0 "init ws (ebios-rm):"
run -w ws -q scenario add R1 --title "Fuite" --likelihood V4 --impact G1
run -w ws -q scenario add R2 --title "Panne" --likelihood V1 --impact G4
before=$(snapshot ws)
toml_sum=$(file_sum ws/riskmap.toml)
journal_before=$(journal_count ws)

# Refused, each leaving the workspace (database and riskmap.toml) as it was.
refused() { # RC WHAT EXPECTED-MESSAGE ARGS...
  local want=$1 what=$2 message=$3
  shift 3
  bad ws "$want" "$what" method apply "$@"
  expect_err "$message" "$what: the message"
  expect_eq "$(file_sum ws/riskmap.toml)" "$toml_sum" "$what: riskmap.toml unchanged"
}
refused 2 "apply without --appetite" \
  "--appetite: the risk matrix of matrix-4x4-fr.yaml sets no risk appetite: name the highest level accepted without treatment, one of L1 (Faible / Low)" \
  matrix-4x4-fr.yaml
refused 2 "apply with an appetite off the levels" "--appetite: 'L5' is not on the level scale" \
  matrix-4x4-fr.yaml --appetite L5
refused 2 "apply of two matrices without --matrix" "pick one with --matrix REF_ID" \
  matrix-two.yaml --appetite 1
refused 2 "apply --matrix unknown" "holds no risk matrix 'none'" \
  matrix-4x4-fr.yaml --appetite 1 --matrix none
refused 2 "apply of a built-in with --appetite" "--appetite: iso27005 is a built-in method" \
  iso27005 --appetite 2
refused 1 "apply of a file that is not YAML" "matrix-not-yaml.yaml:7:11: invalid YAML: end of sequence flow not found" \
  matrix-not-yaml.yaml --appetite 1
refused 1 "apply of a YAML file that is not a library" \
  "matrix-not-library.yaml: not a library: no 'objects' key" \
  matrix-not-library.yaml --appetite 1
refused 1 "apply of a library without a risk matrix" \
  "matrix-no-matrix.yaml:7:3: this library holds no risk matrix ('objects' has 'threats', 'framework'); import it with 'riskmap framework import matrix-no-matrix.yaml'" \
  matrix-no-matrix.yaml --appetite 1
refused 1 "apply of a grid with a row missing" \
  "matrix-bad-rows.yaml:23:7: 'grid' has 2 rows; it needs 3, one per probability in id order" \
  matrix-bad-rows.yaml --appetite 1
refused 1 "apply of a grid row with a cell too many" \
  "matrix-bad-cells.yaml:24:9: grid row 2 has 3 cells; it needs 2, one per impact in id order" \
  matrix-bad-cells.yaml --appetite 1
refused 1 "apply of a grid naming an unknown risk id" \
  "matrix-bad-risk.yaml:25:13: grid row 3, cell 2: '7' is not a risk id; the 'risk' list has ids 0 to 1" \
  matrix-bad-risk.yaml --appetite 1
refused 1 "apply of a missing file" "missing.yaml" missing.yaml --appetite 1
expect_eq "$(journal_count ws)" "$journal_before" "refused applies write no journal entry"
# The command the refusal points to reads that file.
run -q init fw
run -w fw framework import matrix-no-matrix.yaml
expect_rc 0 "framework import of the library without a risk matrix, as the refusal suggests:"
run -w fw framework import matrix-4x4-fr.yaml
expect_rc 1 "framework import of a risk matrix library:"
expect_err "riskmap method apply matrix-4x4-fr.yaml --appetite LEVEL" "framework import points back to method apply"
expect_err_lacks "applied" "a refused apply never says it applied"

run -w ws method apply matrix-4x4-fr.yaml --appetite L3
expect_rc 0 "method apply matrix-4x4-fr.yaml:"
expect_err "method matrice-4x4 applied: 0 ratings remapped" "apply: says what it did"
expect_err "matrix-4x4-fr.yaml: no #rrggbb hexcolor for impact I1" "apply: the note of the conversion"
expect_eq "$(toml_get ws/riskmap.toml 't["method"]["name"] + " " + t["method"]["appetite"]')" "matrice-4x4 L3" \
  "apply: riskmap.toml holds the converted method"
expect_eq "$(toml_get ws/riskmap.toml 't["mission"]["name"]')" "ws" "apply: the rest of riskmap.toml is kept"
expect_eq "$(journal_count ws)" "$((journal_before + 1))" "apply: one journal entry"
run -w ws scenario list --format json
expect_eq "$(json '" ".join(s["ref"] + "=" + s["current_likelihood"]["id"] + "/" + s["current_impact"]["id"] + "/" + s["current_level"]["id"] for s in sorted(d, key=lambda s: s["ref"]))')" \
  "R1=P4/I1/L2 R2=P1/I4/L3" "apply: ratings keep their positions, levels come from the new grid"
run -w ws method show
expect_rc 0 "method show after apply:"
expect_out "method matrice-4x4: appetite L3 (Élevé)" "method show after apply"
expect_no_err "after apply, riskmap.toml and the database agree"

# --- Ratings that do not fit: refused unless --remap ----------------------------------
run init w5 --method matrix-5x5-en.yaml --appetite MD
run -w w5 -q scenario add R1 --title "Hors échelle" --likelihood F5 --impact C5
run -w w5 -q scenario add R2 --title "Dans l'échelle" --likelihood F2 --impact C3
before5=$(snapshot w5)
toml5=$(file_sum w5/riskmap.toml)
bad w5 1 "apply of a 4x4 over 5x5 ratings" method apply matrix-4x4-fr.yaml --appetite L2
expect_err "scenario R1: current_likelihood at position 5 (F5)" "refused: names the rating"
expect_err "--remap likelihood:F5=P4 --remap impact:C5=I4" "refused: suggests remaps"
expect_eq "$(file_sum w5/riskmap.toml)" "$toml5" "refused: riskmap.toml unchanged"
expect_unchanged w5 "$before5" "refused:"
run -w w5 method apply matrix-4x4-fr.yaml --appetite L2 --remap F5=P4 --remap C5=I4
expect_rc 0 "apply with --remap:"
expect_err "method matrice-4x4 applied: 2 ratings remapped" "apply --remap: counts the remapped ratings"
run -w w5 scenario list --format json
expect_eq "$(json '" ".join(s["ref"] + "=" + s["current_likelihood"]["id"] + "/" + s["current_impact"]["id"] + "/" + s["current_level"]["id"] for s in sorted(d, key=lambda s: s["ref"]))')" \
  "R1=P4/I4/L4 R2=P2/I3/L3" "apply --remap: R1 placed, R2 kept at its positions"

# --- init refusals leave nothing behind -----------------------------------------------
for file in matrix-not-yaml.yaml matrix-not-library.yaml matrix-no-matrix.yaml matrix-bad-rows.yaml \
  matrix-bad-cells.yaml matrix-bad-risk.yaml; do
  run init "from-$file" --method "$file" --appetite 1
  expect_rc 1 "init --method $file:"
  expect_err "riskmap: $file:" "init --method $file: names the file"
  expect_no_out "init --method $file:"
  expect_eq "$(ls -d "from-$file" 2>/dev/null)" "" "init --method $file creates no folder"
done
run init plain --method iso27005 --matrix x
expect_rc 2 "init --matrix with a built-in method:"
expect_err "--matrix: iso27005 is a built-in method" "init --matrix with a built-in: says why"

finish
