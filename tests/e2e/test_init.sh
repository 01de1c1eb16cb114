#!/usr/bin/env bash
# riskmap init: the files it creates, its refusal to overwrite a workspace, the
# built-in and custom methods, --lang, --name, --example, and how commands find
# their workspace (--workspace, RISKMAP_WORKSPACE, the nearest folder upward).
source "$SOURCE_DIR/tests/e2e/lib.sh"
unset RISKMAP_WORKSPACE NO_COLOR

# enter DIR: cd, or end the script as failed (the checks that follow need it).
enter() { cd "$1" 2>/dev/null || { fail "no folder $1"; finish; exit 1; }; }

# toml_get FILE EXPR: a value read from a TOML file (bound to t) with Python's tomllib.
toml_get() { py_eval "$2" "$(realpath "$1")"; }

# --- A fresh workspace ---------------------------------------------------------
run init ws
expect_rc 0 "init ws:"
expect_no_out "init ws: stdout carries no messages"
expect_err "riskmap: " "init ws: says what it did on stderr"
checks=$((checks + 1)); [ -f ws/riskmap.toml ] || fail "init ws: no ws/riskmap.toml"
checks=$((checks + 1)); [ -f ws/riskmap.db ] || fail "init ws: no ws/riskmap.db"
expect_eq "$(stat -c %a ws/riskmap.db)" 600 "init ws: riskmap.db file mode"
expect_eq "$(toml_get ws/riskmap.toml 't["mission"]["name"]')" ws "init ws: the organisation defaults to the folder's name"
expect_eq "$(toml_get ws/riskmap.toml 't["method"]["name"]')" ebios-rm "init ws: default method"
run -w ws scenario list --format csv
expect_rc 0 "a new workspace opens:"
expect_eq "$(wc -l <<<"$out")" 1 "a new workspace holds no scenario (header only)"
run -w ws method show --format json
expect_rc 0 "method show on the default method:"
expect_eq "$(json 'd["appetite"]["label"]')" "Moyen" "the default language is French"

# init with no DIR uses the current folder.
mkdir here
enter here
run init
expect_rc 0 "init in the current folder:"
checks=$((checks + 1)); [ -f riskmap.toml ] && [ -f riskmap.db ] || fail "init with no DIR: files not in the current folder"
expect_eq "$(toml_get riskmap.toml 't["mission"]["name"]')" here "init with no DIR: name from the current folder"
enter "$TMP"
run init slash/
expect_rc 0 "init DIR/ (trailing slash):"
expect_eq "$(toml_get slash/riskmap.toml 't["mission"]["name"]')" slash "init DIR/: name from the folder"

# --- Refusal to overwrite ---------------------------------------------------------
run -w ws asset add A1 --name "Portail"
expect_rc 0 "asset add in ws:"
before_sum=$(file_sum ws/riskmap.toml ws/riskmap.db)
before=$(snapshot ws)
for extra in "" "--example" "--method iso27005" "--lang en --name Autre"; do
  # shellcheck disable=SC2086
  run init ws $extra
  expect_rc 1 "init ws $extra over an existing workspace:"
  expect_err "riskmap: " "init ws $extra:"
  expect_err "already exists" "init ws $extra:"
  expect_no_out "init ws $extra:"
done
expect_eq "$(file_sum ws/riskmap.toml ws/riskmap.db)" "$before_sum" "refused init: files byte-identical"
checks=$((checks + 1))
[ ! -e ws/snapshots ] || fail "refused init --example: no snapshot left in the workspace"
expect_unchanged ws "$before" "refused init:"
expect_eq "$(stat -c %a ws/riskmap.db)" 600 "refused init: riskmap.db mode kept"

# A folder that holds only a riskmap.db (even a foreign one) is not overwritten either.
mkdir dbonly
printf 'precious data\n' >dbonly/riskmap.db
run init dbonly
expect_rc 1 "init over a lone riskmap.db:"
expect_err "riskmap.db" "init over a lone riskmap.db:"
expect_eq "$(cat dbonly/riskmap.db)" "precious data" "init over a lone riskmap.db: file kept"

# --- Built-in methods ---------------------------------------------------------
# grid_of: the method's grid as "ROW:level,level,... ROW:...", rows and columns
# in scale order, from `method show --format json`.
grid_expr='" ".join(l["id"] + ":" + ",".join(next(c["level"] for c in d["grid"] if c["likelihood"] == l["id"] and c["impact"] == i["id"]) for i in d["impact"]) for l in d["likelihood"])'
ids_expr='" ".join(s["id"] for s in d["likelihood"]) + " / " + " ".join(s["id"] for s in d["impact"]) + " / " + " ".join(s["id"] for s in d["levels"])'
labels_expr='"|".join(s["label_fr"] + "=" + s["label_en"] for k in ("likelihood", "impact", "levels") for s in d[k])'

check_method() { # NAME GRID IDS LABELS
  local name=$1
  run init "m-$name" --method "$name"
  expect_rc 0 "init --method $name:"
  expect_eq "$(toml_get "m-$name/riskmap.toml" 't["method"]["name"]')" "$name" "init --method $name: riskmap.toml names it"
  run -w "m-$name" method show --format json
  expect_rc 0 "method show --format json ($name):"
  expect_json "method show --format json ($name):"
  expect_eq "$(json 'd["name"]')" "$name" "method show ($name): name"
  expect_eq "$(json 'd["appetite"]["id"]')" medium "method show ($name): appetite"
  expect_eq "$(json '"%dx%d" % (len(d["likelihood"]), len(d["impact"]))')" "$5" "method show ($name): grid size"
  expect_eq "$(json 'len(d["grid"])')" "$6" "method show ($name): number of cells"
  expect_eq "$(json "$grid_expr")" "$2" "method show ($name): grid"
  expect_eq "$(json "$ids_expr")" "$3" "method show ($name): step and level ids"
  expect_eq "$(json "$labels_expr")" "$4" "method show ($name): French and English labels"
  expect_eq "$(json '[s["position"] for s in d["likelihood"]] == list(range(1, len(d["likelihood"]) + 1))')" true \
    "method show ($name): positions are 1-based"
}

check_method ebios-rm \
  "V1:low,low,low,medium V2:low,low,medium,medium V3:medium,medium,high,high V4:medium,high,high,high" \
  "V1 V2 V3 V4 / G1 G2 G3 G4 / low medium high" \
  "Peu vraisemblable=Unlikely|Vraisemblable=Likely|Très vraisemblable=Very likely|Quasi certain=Almost certain|Mineure=Minor|Significative=Significant|Grave=Serious|Critique=Critical|Faible=Low|Moyen=Medium|Élevé=High" \
  4x4 16
check_method iso27005 \
  "L1:very-low,very-low,low,low,low L2:very-low,low,low,medium,medium L3:low,low,medium,high,high L4:low,medium,high,high,very-high L5:medium,high,high,very-high,very-high" \
  "L1 L2 L3 L4 L5 / C1 C2 C3 C4 C5 / very-low low medium high very-high" \
  "Peu probable=Unlikely|Plutôt improbable=Rather unlikely|Probable=Likely|Très probable=Very likely|Quasi certain=Almost certain|Mineure=Minor|Significative=Significant|Grave=Serious|Critique=Critical|Catastrophique=Catastrophic|Très faible=Very low|Faible=Low|Moyen=Medium|Élevé=High|Très élevé=Very high" \
  5x5 25
check_method simple-3x3 \
  "P1:low,low,medium P2:low,medium,high P3:medium,high,high" \
  "P1 P2 P3 / I1 I2 I3 / low medium high" \
  "Faible=Low|Moyenne=Medium|Élevée=High|Faible=Low|Moyen=Medium|Élevé=High|Faible=Low|Moyen=Medium|Élevé=High" \
  3x3 9

# An unknown method name: a bad value (exit 2) with a suggestion; nothing created.
run init m-bad --method ebios
expect_rc 2 "init --method ebios:"
expect_err "did you mean 'ebios-rm'" "init --method ebios:"
checks=$((checks + 1)); [ ! -e m-bad/riskmap.toml ] || fail "init --method ebios: a workspace was created anyway"

# --- --lang and --name ---------------------------------------------------------
run init en --lang en --name "Caisse X"
expect_rc 0 "init --lang en --name:"
expect_eq "$(toml_get en/riskmap.toml 't["mission"]["name"]')" "Caisse X" "init --name: organisation name"
expect_eq "$(toml_get en/riskmap.toml 't["mission"]["language"]')" en "init --lang en: language"
run -w en method show --format json
expect_eq "$(json 'd["appetite"]["label"]')" "Medium" "init --lang en: labels in English"
run -w en scenario add --title "Fuite" --likelihood 3 --impact 4
expect_rc 0 "scenario add in an English workspace:"
run -w en scenario show R1 --format json
expect_eq "$(json 'd["current_likelihood"]["label"] + "|" + d["current_level"]["label"]')" "Very likely|High" \
  "English workspace: level labels"
run -w en --lang fr scenario show R1 --format json
expect_eq "$(json 'd["current_likelihood"]["label"] + "|" + d["current_level"]["label"]')" "Très vraisemblable|Élevé" \
  "English workspace with --lang fr: French labels"

# A name that needs quoting in TOML still gives a valid riskmap.toml.
run init quoted --name 'Caisse "Centrale" \ Nord'
expect_rc 0 "init --name with quotes and a backslash:"
expect_eq "$(toml_get quoted/riskmap.toml 't["mission"]["name"]')" 'Caisse "Centrale" \ Nord' "init --name with quotes: kept exactly"
run -w quoted asset list
expect_rc 0 "the workspace with a quoted name opens:"

run init bad-lang --lang es
expect_rc 2 "init --lang es:"
expect_err "fr" "init --lang es: lists the languages"
checks=$((checks + 1)); [ ! -e bad-lang/riskmap.toml ] || fail "init --lang es: a workspace was created anyway"

# --- A custom method from a TOML file: 2 likelihood steps x 3 impact steps ------
cat >m23.toml <<'EOF'
[method]
name = "maison-2x3"
appetite = "low"

[[method.likelihood]]
id = "F"
label = { fr = "Faible", en = "Low" }
description = { fr = "Rare.", en = "Rare." }
colour = "#d9ead3"

[[method.likelihood]]
id = "H"
label = { fr = "Haute", en = "High" }
description = { fr = "Fréquent.", en = "Frequent." }
colour = "#f4cccc"

[[method.impact]]
id = "I1"
label = { fr = "Faible", en = "Low" }
description = { fr = "Gêne.", en = "Nuisance." }
colour = "#d9ead3"

[[method.impact]]
id = "I2"
label = { fr = "Moyen", en = "Medium" }
description = { fr = "Perturbation.", en = "Disruption." }
colour = "#fff2cc"

[[method.impact]]
id = "I3"
label = { fr = "Fort", en = "Strong" }
description = { fr = "Atteinte grave.", en = "Serious harm." }
colour = "#f4cccc"

[[method.level]]
id = "low"
label = { fr = "Faible", en = "Low" }
description = { fr = "Acceptable.", en = "Acceptable." }
colour = "#6aa84f"

[[method.level]]
id = "high"
label = { fr = "Élevé", en = "High" }
description = { fr = "Inacceptable.", en = "Unacceptable." }
colour = "#cc0000"

[method.grid]
F = ["low", "low", "high"]
H = ["low", "high", "high"]
EOF
run init custom --method m23.toml
expect_rc 0 "init --method m23.toml:"
run -w custom method show --format json
expect_rc 0 "method show (custom):"
expect_eq "$(json 'd["name"]')" maison-2x3 "custom method: name"
expect_eq "$(json 'd["appetite"]["id"]')" low "custom method: appetite"
expect_eq "$(json '"%dx%d" % (len(d["likelihood"]), len(d["impact"]))')" 2x3 "custom method: grid size"
expect_eq "$(json "$grid_expr")" "F:low,low,high H:low,high,high" "custom method: grid"
run -w custom scenario add --title "x" --likelihood haute --impact 2
expect_rc 0 "custom method: a label of the custom scale is accepted"
run -w custom scenario show R1 --format json
expect_eq "$(json 'd["current_level"]["id"]')" high "custom method: level through its grid (H, I2)"
run -w custom scenario add --title "y" --likelihood 3
expect_rc 2 "custom method: likelihood 3 is off a 2-step scale"
expect_err "1 to 2" "custom method: the message gives the allowed range"

# --- The bundled example ---------------------------------------------------------
run init ex --example
expect_rc 0 "init --example:"
run -w ex asset list --format csv
expect_rc 0 "asset list on the example:"
expect_eq "$(wc -l <<<"$out")" 28 "example: 27 assets + header"
expect_eq "$(tail -n +2 <<<"$out" | cut -d, -f1 | tr '\n' ' ')" "$(printf 'A%d ' $(seq 1 27))" "example: refs A1..A27 in natural order"
run -w ex scenario list --format csv
expect_rc 0 "scenario list on the example:"
expect_eq "$(wc -l <<<"$out")" 29 "example: 28 scenarios + header"
expect_eq "$(tail -n +2 <<<"$out" | cut -d, -f1 | sort -V | tr '\n' ' ')" "$(printf 'R%d ' $(seq 1 28))" "example: refs R1..R28"
run -w ex scenario list --format json
expect_eq "$(json 'sum(1 for s in d if s["inherent_level"] and s["current_level"] and s["residual_level"])')" 28 \
  "example: every scenario rated at the three stages"
run -w ex control list --format csv
expect_rc 0 "control list on the example:"
expect_eq "$(tail -n +2 <<<"$out" | cut -d, -f1 | sort -V | tr '\n' ' ')" "$(printf 'M%d ' $(seq 1 31))" "example: controls M1..M31"
run -w ex stakeholder list --format csv
expect_rc 0 "stakeholder list on the example:"
expect_eq "$(tail -n +2 <<<"$out" | cut -d, -f1 | sort -V | tr '\n' ' ')" "$(printf 'P%d ' $(seq 1 10))" "example: stakeholders P1..P10"
run -w ex action list --format csv
expect_rc 0 "action list on the example:"
expect_eq "$(tail -n +2 <<<"$out" | cut -d, -f1 | sort -V | tr '\n' ' ')" "$(printf 'T%d ' $(seq 1 20))" "example: actions T1..T20"
# The map the fund kept before the mission, frozen as v0-client before the consolidated one.
run -w ex snapshot list --format json
expect_eq "$(json '[[s["name"], s["date"], s["note"], s["sequence"], s["scenarios"], s["assets"], s["method"]] for s in d]')" \
  '[["v0-client", "2026-09-01", "Cartographie transmise par le client", 1, 18, 11, "ebios-rm"]]' \
  "example: the client's original map as snapshot v0-client"
run -w ex diff v0-client
expect_rc 0 "example: diff v0-client"
expect_err "v0-client → live: 14 added, 4 removed, 14 changed, 0 unchanged; current level 4 up, 4 down" \
  "example: the consolidated map against the client's"
run -w ex scenario show R5 --format json
expect_eq "$(json 'd["recorded_level"]["id"]')" "low" "example: a kept scenario carries the level the client recorded"
run init ex-again --example --lang en
run -w ex-again snapshot show v0-client --format json
expect_eq "$(json 'd["note"]')" "Risk map as the client handed it over" "example (en): the snapshot's note"
dump_map() { sqlite3 "$1" .dump | grep -v "'created_at'\|'author'\|'note'"; }
expect_eq "$(dump_map ex-again/snapshots/v0-client.db | sha256sum)" "$(dump_map ex/snapshots/v0-client.db | sha256sum)" \
  "example: the snapshot holds the same records at every init"
# Rejected after the snapshot was taken (a catalog that is missing): nothing left behind.
run init rejected --example --catalog missing-catalog.yaml
expect_rc 1 "init --example with a missing catalog:"
checks=$((checks + 1))
[ ! -e rejected ] || fail "a rejected init --example leaves no folder behind"
mkdir kept-folder
printf 'notes\n' >kept-folder/notes.txt
run init kept-folder --example --catalog missing-catalog.yaml
expect_rc 1 "init --example in a folder with a file, a missing catalog:"
expect_eq "$(ls -A kept-folder)" "notes.txt" "a rejected init --example leaves the folder as it was"

# --- Finding the workspace ---------------------------------------------------------
# From a subfolder, the nearest folder upward holding riskmap.toml.
mkdir -p ex/notes/2026
enter ex/notes/2026
run scenario list --format csv
expect_rc 0 "discovery from a subfolder:"
expect_eq "$(wc -l <<<"$out")" 29 "discovery from a subfolder: the example's scenarios"
enter "$TMP"

# Through RISKMAP_WORKSPACE, from a folder that is no workspace.
mkdir elsewhere
enter elsewhere
RISKMAP_WORKSPACE="$TMP/ex" run asset list --format csv
expect_rc 0 "discovery through RISKMAP_WORKSPACE:"
expect_eq "$(wc -l <<<"$out")" 28 "RISKMAP_WORKSPACE: the example's assets"
enter "$TMP"

# RISKMAP_WORKSPACE wins over the current folder; --workspace wins over both.
enter ws
RISKMAP_WORKSPACE="$TMP/ex" run asset list --format csv
expect_eq "$(wc -l <<<"$out")" 28 "RISKMAP_WORKSPACE wins over the current folder"
RISKMAP_WORKSPACE="$TMP/ex" run -w "$TMP/en" scenario list --format csv
expect_eq "$(tail -n +2 <<<"$out" | cut -d, -f1)" R1 "--workspace wins over RISKMAP_WORKSPACE"
RISKMAP_WORKSPACE="$TMP/ex" run --workspace "$TMP/en" scenario list --format csv
expect_eq "$(tail -n +2 <<<"$out" | cut -d, -f1)" R1 "--workspace (long form) wins over RISKMAP_WORKSPACE"
enter "$TMP"

# No workspace anywhere: exit 1 with a message.
enter elsewhere
run scenario list
expect_rc 1 "no workspace:"
expect_no_out "no workspace:"
expect_err "riskmap: " "no workspace:"
expect_err "no workspace" "no workspace:"
RISKMAP_WORKSPACE="$TMP/elsewhere" run scenario list
expect_rc 1 "RISKMAP_WORKSPACE naming a folder without riskmap.toml:"
expect_err "no workspace" "RISKMAP_WORKSPACE naming a non-workspace:"
run -w "$TMP/nowhere" asset list
expect_rc 1 "--workspace naming a missing folder:"
expect_err "riskmap: " "--workspace naming a missing folder:"
enter "$TMP"

finish
