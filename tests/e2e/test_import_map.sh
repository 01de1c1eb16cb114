#!/usr/bin/env bash
# import --map: an organisation's own spreadsheet (semicolons, BOM, French
# headers, labels in any case and with or without accents, a 1-5 impact
# scale, blank trailing columns, notes, multi-line cells) read through a TOML
# mapping; its Windows-1252 twin; assets and controls found by ref or name,
# or created; bad mappings and bad rows refused with nothing written.
source "$SOURCE_DIR/tests/e2e/lib.sh"
unset RISKMAP_WORKSPACE NO_COLOR

data="$SOURCE_DIR/tests/data/client-map"
csv="$data/risques.csv"
good="$data/map-good.toml"

# A workspace with two assets and two controls the client's file names.
setup() {
  run init "$1"
  run -w "$1" asset add A1 --name "Serveur de fichiers" --kind server
  run -w "$1" asset add A2 --name "Portail adhérents" --kind application
  run -w "$1" control add M1 --title "Chiffrement des bases" --state existing
  run -w "$1" control add M2 --title "Sauvegardes quotidiennes" --state existing
}

# --- --dry-run: counts and what would be created, nothing written ---------------
setup ws
before=$(snapshot ws)
run -w ws import "$csv" --kind scenarios --map "$good" --dry-run
expect_rc 0 "mapped --dry-run:"
expect_no_out "mapped --dry-run: stdout"
expect_err "dry run, nothing written: would import 2 assets: 2 added" "--dry-run: asset count"
expect_err "4 controls: 4 added" "--dry-run: control count"
expect_err "4 scenarios: 4 added" "--dry-run: scenario count"
expect_err "would create 2 assets (A3 'Logiciel de paie', A4 'Salle serveurs')" "--dry-run: which assets"
expect_err "M3 'MFA pour les accès distants'" "--dry-run: which controls"
expect_err_lacks "not UTF-8" "a UTF-8 file with a BOM is read as UTF-8"
expect_unchanged ws "$before" "--dry-run writes nothing"

run -w ws import "$csv" --kind scenarios --map "$good" --dry-run --format json
expect_rc 0 "mapped --dry-run --format json:"
expect_json "mapped --dry-run --format json"
expect_eq "$(json '[c["kind"] for c in d]')" '["assets", "controls", "scenarios"]' "json: one entry per kind written"
expect_eq "$(json '[c["dry_run"] for c in d]')" '[true, true, true]' "json: dry_run"
expect_eq "$(json '[[r["ref"], r["name"]] for r in d[0]["created"]]')" \
  '[["A3", "Logiciel de paie"], ["A4", "Salle serveurs"]]' "json: created assets"
expect_eq "$(json '[r["ref"] for r in d[1]["created"]]')" '["M3", "M4", "M5", "M6"]' "json: created controls"
expect_eq "$(json '"created" in d[2]')" "false" "json: no created list for the scenarios themselves"
expect_unchanged ws "$before" "--dry-run --format json writes nothing"

# --- The import -------------------------------------------------------------------
j0=$(journal_count ws)
run -w ws import "$csv" --kind scenarios --map "$good"
expect_rc 0 "mapped import:"
expect_no_out "mapped import: stdout"
expect_err "created 2 assets (A3 'Logiciel de paie', A4 'Salle serveurs') and 4 controls (M3 'MFA pour les accès distants', M4 'Revue de code', M5 'Tests d’intrusion', M6 'Plan de reprise d’activité')" "import: says what it created"
expect_err "imported 2 assets: 2 added, 0 updated, 0 skipped; 4 controls: 4 added, 0 updated, 0 skipped; 4 scenarios: 4 added, 0 updated, 0 skipped" "import: summary"
expect_eq "$(journal_count ws)" $((j0 + 1)) "mapped import: one journal entry"

run -w ws scenario show R1 --format json
expect_eq "$(json 'd["title"]')" "Rançongiciel sur les serveurs de fichiers" "R1 title"
expect_eq "$(json 'd["assets"]')" '["A1"]' "R1: 'A1; Serveur de fichiers' is one asset, by ref and by name"
expect_eq "$(json 'd["current_likelihood"]["id"]')" "V3" "R1: 'Elevé' -> V3 through [values]"
expect_eq "$(json 'd["current_impact"]["id"]')" "G4" "R1: 5 on 1-5 -> G4"
expect_eq "$(json 'd["recorded_level"]["id"]')" "high" "R1: recorded 'Élevé' -> high"
expect_eq "$(json 'd["current_level"]["id"]')" "high" "R1: the computed level beside it"
expect_eq "$(json 'd["existing_controls"]')" '["M2"]' "R1: existing control matched by title"
expect_eq "$(json 'd["additional_controls"]')" '["M3"]' "R1: additional control created"
expect_eq "$(json 'd["notes"]')" $'Commentaire: Incident en 2023\nSource: Audit interne' "R1: note columns as 'Column: value' lines"
expect_eq "$(json 'd["owner"] + "|" + d["treatment"] + "|" + d["status"]')" "RSSI|open|draft" "R1: owner from the file, defaults"
expect_eq "$(json 'd["criteria"]')" '["C", "I"]' "R1: a list default for an unmapped field"

run -w ws scenario show R2 --format json
expect_eq "$(json 'd["assets"]')" '["A2"]' "R2: 'portail adherents' matches 'Portail adhérents'"
expect_eq "$(json 'd["current_likelihood"]["id"] + d["current_impact"]["id"] + d["recorded_level"]["id"]')" "V3G3high" "R2: 'élevé', 4 -> G3, 'ELEVE'"
expect_eq "$(json 'd["existing_controls"]')" '["M1"]' "R2: existing control by ref"
expect_eq "$(json 'd["additional_controls"]')" '["M4", "M5"]' "R2: two controls in a multi-line cell"
expect_eq "$(json 'd["notes"]')" $'Commentaire: Données de santé exposées\n(voir rapport)' "R2: a multi-line note; an empty note column is left out"
expect_eq "$(json 'd["owner"]')" "DSI" "R2 owner"

run -w ws scenario show R3 --format json
expect_eq "$(json 'd["title"]')" "Erreur de paramétrage de la paie" "a row without a ref gets the next free ref"
expect_eq "$(json 'd["assets"]')" '["A3"]' "R3: a new asset"
expect_eq "$(json 'd["current_likelihood"]["id"] + d["current_impact"]["id"] + d["recorded_level"]["id"]')" "V1G2low" "R3: 'faible', 2 -> G2, 'faible'"
expect_eq "$(json 'd["notes"]')" "Source: Atelier du 12 mars" "R3 notes"
expect_eq "$(json 'd["existing_controls"] + d["additional_controls"]')" "[]" "R3: empty control cells"

run -w ws scenario show R4 --format json
expect_eq "$(json 'd["title"]')" "Perte du site principal" "'R 4' -> R4 with [refs] prefix"
expect_eq "$(json 'd["assets"]')" '["A1", "A4"]' "R4: 'Salle serveurs, A1'"
expect_eq "$(json 'd["current_likelihood"]["id"] + d["current_impact"]["id"] + d["recorded_level"]["id"]')" "V2G3medium" "R4: 'MOYEN', 3 -> G3, 'Moyen'"
expect_eq "$(json 'd["owner"]')" "RSSI" "R4: an empty cell takes the default"
expect_eq "$(json 'd["existing_controls"] + d["additional_controls"]')" '["M2", "M6"]' "R4: controls matched case-insensitively, and created"
expect_eq "$(json 'd["notes"]')" "null" "R4: no note when the note columns are empty"

run -w ws asset show A4 --format json
expect_eq "$(json 'd["name"] + "|" + d["kind"]')" "Salle serveurs|other" "a created asset: kind other, named as in the cell"
run -w ws control list --format json
expect_eq "$(json '[[c["ref"], c["state"]] for c in d]')" \
  '[["M1", "existing"], ["M2", "existing"], ["M3", "planned"], ["M4", "planned"], ["M5", "planned"], ["M6", "planned"]]' \
  "created controls: planned for an additional one"
run -w ws export --kind scenarios
expect_rc 0 "export after a mapped import:"
expect_out "R2,Fuite de données via le portail adhérents" "export: R2"
expect_out "high" "export: recorded_level"

# --- Re-import: skip creates nothing for skipped rows; update changes the mapped columns
before=$(snapshot ws)
run -w ws import "$csv" --kind scenarios --map "$good" --dry-run
expect_rc 1 "re-import with --on-conflict fail:"
expect_err "scenario R1 already exists" "re-import: conflict"
expect_unchanged ws "$before" "re-import refused:"
run -w ws import "$csv" --kind scenarios --map "$good" --on-conflict skip
expect_rc 0 "re-import --on-conflict skip:"
expect_err "imported 1 scenario: 1 added, 0 updated, 3 skipped" "skip: the three refs skipped, the row without a ref added"
expect_err_lacks "created" "skip: the names the file gives are all known now"
run -w ws scenario set R1 --residual-likelihood V1 --residual-impact G2 --title "Autre titre" --status validated
run -w ws import "$csv" --kind scenarios --map "$good" --on-conflict update
expect_rc 0 "re-import --on-conflict update:"
run -w ws scenario show R1 --format json
expect_eq "$(json 'd["title"] + "|" + d["residual_likelihood"]["id"] + "|" + d["status"]')" \
  "Rançongiciel sur les serveurs de fichiers|V1|validated" "update: mapped columns change, the rest (and unmapped defaults) stay"
# An empty cell of an update keeps the stored value; "-" clears it.
{ head -n 1 "$csv"; printf 'R1;Rançongiciel sur les serveurs de fichiers;;;;;;;;;;;\n'; } >blank-owner.csv
run -w ws scenario set R1 --owner "DSI"
run -w ws import blank-owner.csv --kind scenarios --map "$good" --on-conflict update
expect_rc 0 "a mapped update with empty cells:"
run -w ws scenario show R1 --format json
expect_eq "$(json '[d["owner"], d["current_likelihood"]["id"]]')" '["DSI", "V3"]' \
  "a mapped update: empty cells keep the stored values"
{ head -n 1 "$csv"; printf 'R1;Rançongiciel sur les serveurs de fichiers;;;;;-;;;;;;\n'; } >clear-owner.csv
run -w ws import clear-owner.csv --kind scenarios --map "$good" --on-conflict update
run -w ws scenario show R1 --format json
expect_eq "$(json 'd["owner"]')" "null" "a mapped update: '-' clears, the mapping's default aside"

# --- Windows-1252: converted when auto, refused when utf-8 --------------------------
if command -v iconv >/dev/null; then
  tail -c +4 "$csv" | iconv -f UTF-8 -t WINDOWS-1252 >clients-1252.csv
  setup w1252
  run -w w1252 import clients-1252.csv --kind scenarios --map "$good"
  expect_rc 0 "Windows-1252 import:"
  expect_err "riskmap: clients-1252.csv is not UTF-8 (line 1); read as Windows-1252" "Windows-1252: a note says so"
  run -w w1252 scenario show R2 --format json
  expect_eq "$(json 'd["additional_controls"]')" '["M4", "M5"]' "Windows-1252: same links"
  run -w w1252 control show M5 --format json
  expect_eq "$(json 'd["title"]')" "Tests d’intrusion" "Windows-1252: 0x92 is ’"
  expect_eq "$(data_dump w1252 | sha256sum)" "$(setup wutf; run -w wutf import "$csv" --kind scenarios --map "$good"; data_dump wutf | sha256sum)" \
    "the Windows-1252 twin imports exactly as the UTF-8 file"
  # Through a pipe, the file is kept in memory to be read twice.
  setup wpipe
  "$RISKMAP" -w wpipe import - --kind scenarios --map "$good" --dry-run <clients-1252.csv >/dev/null 2>"$TMP/.err"
  rc=$? err=$(cat "$TMP/.err")
  expect_rc 0 "Windows-1252 on stdin from a file:"
  expect_err "would import 2 assets" "stdin from a file: read whole"
  cat clients-1252.csv | "$RISKMAP" -w wpipe import - --kind scenarios --map "$good" >/dev/null 2>"$TMP/.err"
  rc=$? err=$(cat "$TMP/.err")
  expect_rc 0 "Windows-1252 through stdin:"
  expect_err "stdin is not UTF-8 (line 1); read as Windows-1252" "stdin: the note"

  sed 's/^encoding = "auto"/encoding = "utf-8"/' "$good" >map-utf8.toml
  bad w1252 1 "encoding = utf-8 on a Windows-1252 file" import clients-1252.csv --kind scenarios --map map-utf8.toml
  expect_err "clients-1252.csv:1: column 1 is not valid UTF-8" "utf-8: file:line and column"
  expect_err "encoding = \"windows-1252\" in [file] of map-utf8.toml" "utf-8: says what to do"
  sed 's/^encoding = "auto"/encoding = "windows-1252"/' "$good" >map-1252.toml
  { cat clients-1252.csv; printf 'R9;Octet ind\x81fini;;;;;;;;;;;\r\n'; } >undefined-1252.csv
  bad w1252 1 "an undefined Windows-1252 byte" import undefined-1252.csv --kind scenarios --map map-1252.toml
  expect_err "undefined-1252.csv:9: byte 0x81 is not a character in Windows-1252" "undefined byte: file:line and the byte"
fi

# --- Bad mappings: exit 1, nothing written ------------------------------------------
setup wb
bad wb 1 "unknown field" import "$csv" --kind scenarios --map "$data/map-bad-field.toml"
expect_err "map-bad-field.toml:3:1: unknown field 'probabilite' in [columns] for scenarios" "unknown field: file:line:column"
expect_err "allowed: ref, title, description" "unknown field: lists the fields"
run -w wb import "$csv" --kind scenarios --map "$data/map-bad-field.toml"
expect_eq "$(grep -c "did you mean" <<<"$err")" 0 "'probabilite' is too far from any field for a suggestion"
printf '[columns]\ntitle = "Intitulé du risque"\nrecorded_levle = "Niveau de risque"\n' >typo.toml
bad wb 1 "a field name with a typo" import "$csv" --kind scenarios --map typo.toml
expect_err "typo.toml:3:1: unknown field 'recorded_levle' in [columns] for scenarios (did you mean 'recorded_level'?)" "did you mean"

bad wb 1 "a label mapped to no level" import "$csv" --kind scenarios --map "$data/map-bad-label.toml"
expect_err "map-bad-label.toml:7:11: [values.recorded_level] 'Elevé' = 'critical': 'critical' is not on the level scale" "bad label target: which key, where"
expect_err "allowed: 1 to 3, or low (Faible / Low), medium (Moyen / Medium), high (Élevé / High)" "bad label target: what is allowed"

bad wb 1 "a column missing from the file" import "$csv" --kind scenarios --map "$data/map-bad-column.toml"
expect_err "risques.csv:1: the file's header does not match the mapping: 'Gravite' (current_impact, $data/map-bad-column.toml:3) is missing (did you mean 'Gravité (1-5)'?)" "missing column: which, where, did you mean"
expect_err "the file's columns: 'N°', 'Intitulé du risque', 'Actifs concernés'" "missing column: lists the file's headers"

bad wb 1 "title not mapped" import "$csv" --kind scenarios --map "$data/map-no-title.toml"
expect_err "map-no-title.toml: scenarios require title: map a column to it in [columns]" "required field"
printf '[columns]\nowner = "Responsable"\n[defaults]\ntitle = "Risque repris de la cartographie"\n' >default-title.toml
run -w wb import "$csv" --kind scenarios --map default-title.toml --dry-run
expect_rc 0 "a defaulted title is enough:"

bad wb 1 "TOML syntax" import "$csv" --kind scenarios --map "$data/map-bad-syntax.toml"
expect_err_re "map-bad-syntax.toml:3:[0-9]+: " "syntax error: file:line:column"
bad wb 1 "unknown top-level key" import "$csv" --kind scenarios --map "$data/map-bad-key.toml"
expect_err "map-bad-key.toml:4:2: unknown key 'default' in the mapping (did you mean 'defaults'?)" "unknown table"
printf '[file]\nencoding = "latin-9"\n[columns]\ntitle = "Intitulé du risque"\n' >enc.toml
bad wb 1 "unknown encoding" import "$csv" --kind scenarios --map enc.toml
expect_err "enc.toml:2:12: encoding in [file]: 'latin-9' is not an encoding; allowed: 'auto', 'utf-8', 'windows-1252'" "encoding"
printf '[columns]\ntitle = "Intitulé du risque"\n[scale.owner]\nfrom = 5\n' >scale.toml
bad wb 1 "a scale for a text field" import "$csv" --kind scenarios --map scale.toml
expect_err "[scale.owner]: owner is not on a scale" "scale on text"
printf '[columns]\ntitle = "Intitulé du risque"\n[values.current_impact]\n"Grave" = "G3"\n"grave" = "G4"\n' >dup.toml
bad wb 1 "two labels equal once folded" import "$csv" --kind scenarios --map dup.toml
expect_err "'Grave' and 'grave' are the same label once case and accents are set aside" "duplicate labels"
bad wb 1 "a missing mapping file" import "$csv" --kind scenarios --map absent.toml
expect_err "absent.toml: cannot read" "missing mapping file"

# --map with a JSON file, or without --kind: a bad command line.
run -w wb export --kind scenarios --format json
printf '%s\n' "$out" >scenarios.json
bad wb 2 "--map with a JSON file" import scenarios.json --kind scenarios --map "$good"
expect_err "--map reads the columns of a CSV file, and scenarios.json is JSON" "--map and JSON"
bad wb 2 "--map without --kind" import "$csv" --map "$good"

# --- Bad rows: all reported with file:line, column, value; nothing imported ---------
bad wb 1 "bad rows" import "$data/risques-erreurs.csv" --kind scenarios --map "$good"
expect_err "risques-erreurs.csv: 7 errors; nothing was imported:" "bad rows: the count"
expect_err "risques-erreurs.csv:2: column 'Probabilité' (current_likelihood): 'Moyen+' is not a label of [values.current_likelihood] ($good:22) (did you mean 'Moyen'?); its labels: 'Faible', 'Moyen', 'Elevé', 'Très élevé'; nor on our likelihood scale" "an unmapped label: line, column, value, the client labels"
expect_err "risques-erreurs.csv:3: column 'Actifs concernés' (assets): unknown asset 'A99': it is written like a ref" "an unknown ref is not created as an asset"
expect_err "risques-erreurs.csv:3: column 'Gravité (1-5)' (current_impact): '7' is not on the client's scale: [scale.current_impact] ($good:29) takes a whole number from 1 to 5" "off the client's scale"
expect_err "risques-erreurs.csv:4: column 'N°' (ref): 'n°?' holds no number" "a ref cell without a number"
expect_err "risques-erreurs.csv:4: column 'Niveau de risque' (recorded_level): 'Critique' is not a label of [values.recorded_level]" "an unmapped level"
expect_err "risques-erreurs.csv:5: scenario R5: title is required" "an empty title"
expect_err "risques-erreurs.csv:6: 14 fields, but the header has 13 columns" "a row too long"

# Refs that are not riskmap refs, without [refs] prefix: row problems.
grep -v '^prefix' "$good" >no-prefix.toml
bad wb 1 "an invalid ref without [refs] prefix" import "$csv" --kind scenarios --map no-prefix.toml
expect_err "risques.csv:7: column 'N°' (ref): 'R 4' is not a valid ref" "invalid ref: where and what"
expect_err "set prefix = \"R\" in [refs] of no-prefix.toml" "invalid ref: the way out"

# More than 20 bad rows: the first 20, then a count.
{ printf 'Intitulé;Probabilité\n'; for i in $(seq 1 25); do printf 'Risque %s;Inconnu\n' "$i"; done; } >many.csv
printf '[columns]\ntitle = "Intitulé"\ncurrent_likelihood = "Probabilité"\n[values.current_likelihood]\n"Faible" = 1\n' >many.toml
bad wb 1 "25 bad rows" import many.csv --kind scenarios --map many.toml
expect_err "many.csv: 25 errors; nothing was imported:" "25 bad rows: the count"
expect_err "many.csv:21: column 'Probabilité'" "the 20th problem is shown"
expect_err_lacks "many.csv:22:" "the 21st is not"
expect_err "... and 5 more" "then a count"

# Comma-separated, detected from the header; an ambiguous name is a row problem.
run -w wb asset add A3 --name "Serveur de fichiers" --kind server
printf 'Titre,Actifs\nRisque,"serveur de fichiers"\n' >ambiguous.csv
printf '[columns]\ntitle = "Titre"\nassets = "Actifs"\n' >ambiguous.toml
bad wb 1 "a name two assets share" import ambiguous.csv --kind scenarios --map ambiguous.toml
expect_err "ambiguous.csv:2: column 'Actifs' (assets): 'serveur de fichiers' is the name of several assets: A1, A3; write the ref" "ambiguous name"

# --- Assets through a mapping --------------------------------------------------------
run init wa
run -w wa import "$data/actifs.csv" --kind assets --map "$data/map-assets.toml"
expect_rc 0 "assets through a mapping:"
expect_err "imported 3 assets: 3 added" "assets: summary"
run -w wa asset show SRV-01 --format json
expect_eq "$(json 'd["kind"]')" "server" "assets: 'Serveur' -> server through [values]"
expect_eq "$(json 'd["confidentiality"]["id"]')" "G4" "assets: 3 on 1-3 -> G4"
expect_eq "$(json 'd["data"]')" '["personal", "health"]' "assets: a list of our labels"
expect_eq "$(json 'd["exposure"] + "|" + d["description"]')" "internal|Hébergé au siège" "assets: labels read on our side, text as is"
run -w wa asset show APP-02 --format json
expect_eq "$(json 'd["kind"] + "|" + d["exposure"] + "|" + d["confidentiality"]["id"]')" "application|internet|G3" "assets: 'appli', 'internet', 2 on 1-3 -> G3"
run -w wa asset show A1 --format json
expect_eq "$(json 'd["name"]')" "Annuaire LDAP" "assets: a row without a code gets A1"
printf '[columns]\nname = "Libellé"\nnotes = "Remarques"\n' >asset-notes.toml
bad wa 1 "notes for assets" import "$data/actifs.csv" --kind assets --map asset-notes.toml
expect_err "unknown field 'notes' in [columns] for assets" "assets have no notes"

# --- The example's client map, on its own ------------------------------------------------
# The map the fictional fund kept before the mission, in its own format, read through
# its mapping into a fresh workspace: what init --example freezes as v0-client.
example="$SOURCE_DIR/examples/caisse-sociale"
client_csv="$example/cartographie-dsi-2026.csv"
client_map="$example/cartographie-dsi-2026.toml"
run init own
run -w own import "$client_csv" --kind scenarios --map "$client_map"
expect_rc 0 "the client's map through its mapping:"
expect_err "imported 11 assets: 11 added, 0 updated, 0 skipped; 13 controls: 13 added, 0 updated, 0 skipped; 18 scenarios: 18 added, 0 updated, 0 skipped" \
  "the client's map: its assets and controls named in words, its 18 risks"
run -w own scenario list --format json
expect_eq "$(json '" ".join(s["ref"] for s in sorted(d, key=lambda s: int(s["ref"][1:])))')" \
  "R1 R2 R3 R5 R6 R7 R10 R11 R13 R14 R15 R16 R18 R22 R29 R31 R32 R33" "the client's numbers: RSI-05 is R5"
expect_eq "$(json 'sum(1 for s in d if not s["owner"])')" "4" "the client's map: four risks without an owner"
run -w own scenario show R5 --format json
expect_eq "$(json '[d["current_likelihood"]["id"], d["current_impact"]["id"], d["recorded_level"]["id"], d["notes"]]')" \
  '["V1", "G3", "low", "Mise à jour: 15/01/2026"]' "R5: 'Rare', 'Majeur', 'Faible', its date kept in the notes"
run -w own scenario show R18 --format json
expect_eq "$(json '[d["current_impact"], d["recorded_level"], d["treatment"]]')" '[null, null, "open"]' \
  "R18: 'À évaluer' and 'À définir' are no value yet"
run -w own scenario show R3 --format json
expect_eq "$(json '[d["current_level"]["id"], d["recorded_level"]["id"]]')" '["medium", "high"]' \
  "R3: the client's 'Fort' beside the level its own ratings give"
# The example's snapshot holds exactly that map.
run init exm --example
mkdir -p own/snapshots
cp exm/snapshots/v0-client.db own/snapshots/
run -w own diff v0-client
expect_rc 0 "the example's snapshot against the client's map imported on its own:"
expect_err "v0-client → live: 0 added, 0 removed, 0 changed, 18 unchanged" "init --example froze what import --map reads"
# A broken row: the file and line, the column, what the mapping allows; nothing written.
sed 's/;Rare;Majeur;Faible;/;Souvent;Majeur;Faible;/' "$client_csv" >broken-client.csv
run init own2
bad own2 1 "a broken row of the client's map" import broken-client.csv --kind scenarios --map "$client_map"
expect_err "broken-client.csv:5: column 'Probabilité' (current_likelihood): 'Souvent' is not a label of [values.current_likelihood]" \
  "a broken row: where and what"
expect_err "its labels: 'Rare', 'Possible', 'Probable', 'Fréquent'" "a broken row: what is allowed"

finish
