#!/usr/bin/env bash
# import FILE.xlsx: a sheet of a workbook read as a CSV file is, through
# riskmap's own header or a mapping; cells as the workbook typed them
# (shared and inline strings, numbers, dates in both date systems,
# booleans, formulas' cached values, error cells); --sheet, --header-row and
# [file] header_row; messages naming the cell (x.xlsx:Risques!D5); broken
# workbooks refused, nothing written. The workbooks are written here by
# make_xlsx.py.
source "$SOURCE_DIR/tests/e2e/lib.sh"
unset RISKMAP_WORKSPACE NO_COLOR

# book FILE: writes the workbook the description on stdin gives.
book() { python3 "$SOURCE_DIR/tests/e2e/make_xlsx.py" "$1" || fail "make_xlsx.py $1"; }

run init ws

# --- riskmap's own header: assets, strings shared and inline, numbers, booleans --
book assets.xlsx <<'EOF'
{"sheets": [{"name": "Actifs", "rows": [
  ["ref", "name", "kind", "owner", "description"],
  ["A1", "Portail adhérents", "application", "DSI", {"rich": ["Portail ", "public"]}],
  [],
  [{"empty": True}, {"empty": True}],
  ["A2", {"inline": "Base RH"}, "database", 42, True],
  ["A3", "Serveur de fichiers", "server", {"number": "3.0"}, 2.5],
  ["A4", "Messagerie", "application", {"number": "1E3"}, False],
  [None, "Sans ref", "application", None, None, None]]}]}
EOF
j0=$(journal_count ws)
run -w ws import assets.xlsx --kind assets
expect_rc 0 "own header, assets:"
expect_no_out "own header, assets: stdout"
expect_err "imported 5 assets: 5 added, 0 updated, 0 skipped" "own header, assets: the count (empty rows skipped)"
expect_err_lacks "formula" "own header, assets: no formula, no note"
expect_eq "$(journal_count ws)" $((j0 + 1)) "own header, assets: one journal entry"
run -w ws asset list --format json
expect_eq "$(json '[[a["ref"], a["name"], a["kind"], a["owner"], a["description"]] for a in d]')" \
  '[["A1", "Portail adhérents", "application", "DSI", "Portail public"], ["A2", "Base RH", "database", "42", "true"], ["A3", "Serveur de fichiers", "server", "3", "2.5"], ["A4", "Messagerie", "application", "1000", "false"], ["A5", "Sans ref", "application", null, null]]' \
  "own header, assets: rich text runs, inline string, whole numbers without .0, 2.5 as written, booleans, a row without ref"

# The same from standard input, and with --dry-run.
run init ws2
before=$(snapshot ws2)
run -w ws2 import - --kind assets --dry-run <assets.xlsx
expect_rc 0 "stdin, --dry-run:"
expect_err "dry run, nothing written: would import 5 assets" "stdin, --dry-run: the count"
expect_unchanged ws2 "$before" "stdin, --dry-run:"

# --- Scenarios: a title row, --header-row, dates, formulas, --sheet -----------
cat >scenarios.desc <<'EOF'
{"sheets": [
  {"name": "Lisez-moi", "rows": [["Ce classeur tient le registre"]]},
  {"name": "Risques", "merges": ["A1:G1"], "rows": [
    ["Registre des risques 2026"],
    {"r": 3, "cells": ["ref", "title", "description", "current_likelihood", "current_impact", "review_date", "owner"]},
    ["R1", "Rançongiciel", "'=A1", {"formula": "2+1", "value": 3}, "G4", {"date": "2026-11-23"}, "RSSI"],
    ["R2", {"formula": "\"Fuite\"&\" de données\"", "value": "Fuite de données"}, None, "V2", 2, {"date": "2027-01-31", "format": "dd/mm/yyyy"}, "DPO"],
    [],
    ["R3", "Panne", {"number": 12.5, "format": "0.00\" d\""}, 1, 1, {"date": "1900-01-31"}, {"formula": "G4", "value": "RSSI"}]]}]}
EOF
book scenarios.xlsx <scenarios.desc
run init sc
run -w sc import scenarios.xlsx --kind scenarios --sheet Risques --header-row 3
expect_rc 0 "--sheet Risques --header-row 3:"
expect_err "imported 3 scenarios: 3 added" "scenarios: the count"
expect_err "riskmap: scenarios.xlsx:Risques: 3 cells are formulas (the first: D4), read as the values the workbook saved with them; riskmap never computes a formula" "scenarios: one note for the formulas"
run -w sc scenario list --format json
expect_eq "$(json '[[s["ref"], s["title"], s["description"], s["current_likelihood"]["id"], s["current_impact"]["id"], s["review_date"], s["owner"]] for s in d]')" \
  "[[\"R1\", \"Rançongiciel\", \"'=A1\", \"V3\", \"G4\", \"2026-11-23\", \"RSSI\"], [\"R2\", \"Fuite de données\", null, \"V2\", \"G2\", \"2027-01-31\", \"DPO\"], [\"R3\", \"Panne\", \"12.5\", \"V1\", \"G1\", \"1900-01-31\", \"RSSI\"]]" \
  "scenarios: cached values, dates of a built-in and a custom format, a text '=A1 kept, a number format that is no date"
run init sc2
run -w sc2 import scenarios.xlsx --kind scenarios --sheet 2 --header-row 3
expect_rc 0 "--sheet 2:"
expect_eq "$(data_dump sc2)" "$(data_dump sc)" "--sheet 2 reads what --sheet Risques reads"
run init sc3
run -w sc3 import scenarios.xlsx --kind scenarios --sheet risques --header-row 3
expect_rc 0 "--sheet, case aside:"
# The 1904 date system gives the same dates (it has none before 1904).
sed 's/^{"sheets"/{"date1904": True, "sheets"/; s/1900-01-31/2000-02-29/' scenarios.desc | book scenarios-1904.xlsx
run init s1904
run -w s1904 import scenarios-1904.xlsx --kind scenarios --sheet Risques --header-row 3
expect_rc 0 "date1904:"
run -w s1904 scenario list --format json
expect_eq "$(json '[s["review_date"] for s in d]')" '["2026-11-23", "2027-01-31", "2000-02-29"]' "date1904: the same dates"
# Cells without r="C12" are placed in turn.
sed 's/^{"sheets"/{"refs": False, "sheets"/' scenarios.desc | book scenarios-norefs.xlsx
run init snr
run -w snr import scenarios-norefs.xlsx --kind scenarios --sheet Risques --header-row 3
expect_rc 0 "cells without references:"
expect_eq "$(data_dump snr)" "$(data_dump sc)" "cells without references: each in the next column"

# Without --header-row, the title row is the header.
before=$(snapshot sc3)
bad sc3 1 "a title row read as the header" import scenarios.xlsx --kind scenarios --sheet Risques
expect_err "riskmap: scenarios.xlsx:Risques!1: unknown column 'Registre des risques 2026' for scenarios" "a title row: where it is"
# The first sheet, by default, is not the register.
bad sc3 1 "the first sheet by default" import scenarios.xlsx --kind scenarios
expect_err "scenarios.xlsx:'Lisez-moi'!1: unknown column 'Ce classeur tient le registre'" "the first sheet by default"

# --- Problems: every one, with the cell --------------------------------------------
book x.xlsx <<'EOF'
{"sheets": [{"name": "Risques", "rows": [
  ["Registre"],
  [],
  ["ref", "title", "description", "current_likelihood", "current_impact"],
  ["R1", "Rançongiciel", None, "V3", "G4"],
  ["R2", "Fuite", None, {"error": "#N/A"}, "G2"],
  ["R3", "Panne", None, "V9", "G1"],
  ["R1", "Encore", None, "V1", "G1", None, "oops"],
  ["R1", "Doublon", None, "V1", "G1"]]}]}
EOF
run init bx
bad bx 1 "bad rows of a sheet" import x.xlsx --kind scenarios --header-row 3
expect_err "riskmap: x.xlsx: 4 errors; nothing was imported:" "bad rows: the count"
expect_err "  x.xlsx:Risques!D5: column 'current_likelihood': the cell holds the error #N/A, which a formula gave; correct it in the workbook, or clear the cell" "an error cell, at its cell"
expect_err "  x.xlsx:Risques!D6: column 'current_likelihood': 'V9' is not" "a value off the scale, at its cell"
expect_err "  x.xlsx:Risques!G7: a value beyond the header's last column (E): 'oops'" "a value beyond the header"
expect_err "  x.xlsx:Risques!8: scenario R1 already exists" "a conflict, at its row"
# Twenty-five bad rows: the first 20, then a count.
python3 - <<'EOF' | book many.xlsx
rows = [["ref", "title", "current_likelihood"]] + [[f"R{i}", f"Risque {i}", "V9"] for i in range(1, 26)]
print({"sheets": [{"name": "Risques", "rows": rows}]})
EOF
bad sc 1 "25 bad rows" import many.xlsx --kind scenarios
expect_err "many.xlsx: 25 errors; nothing was imported:" "25 bad rows: the count"
expect_err "many.xlsx:Risques!C21: column 'current_likelihood'" "25 bad rows: the 20th"
expect_err_lacks "many.xlsx:Risques!C22" "25 bad rows: not the 21st"
expect_err "... and 5 more" "25 bad rows: then a count"

# --- A client register through a mapping file: [file] header_row, merged cells ---
book client.xlsx <<'EOF'
{"sheets": [{"name": "Registre", "merges": ["A1:F1"], "rows": [
  ["Cartographie des risques - Caisse X"],
  ["N°", "Intitulé du risque", "Probabilité", "Gravité (1-5)", "Responsable", "Commentaire"],
  [1, "Rançongiciel", "Elevé", 5, "RSSI", {"formula": "\"Revu le \"&TEXT(TODAY(),\"jj/mm\")", "value": "Revu le 02/03"}],
  [2, "Fuite de données", "Faible", 2, "DPO", None],
  [{"empty": True}],
  [3, "Panne du datacentre", "Moyen", 4, {"inline": "DSI"}, "Plan de reprise"]]}]}
EOF
cat >client.toml <<'EOF'
[file]
header_row = 2

[refs]
prefix = "R"

[columns]
ref = "N°"
title = "Intitulé du risque"
current_likelihood = "Probabilité"
current_impact = "Gravité (1-5)"
owner = "Responsable"
notes = "Commentaire"

[values.current_likelihood]
"Faible" = "V1"
"Moyen" = "V2"
"Elevé" = "V3"

[scale.current_impact]
from = 5
EOF
run init cl
run -w cl import client.xlsx --kind scenarios --map client.toml
expect_rc 0 "--map with [file] header_row:"
expect_err "imported 3 scenarios: 3 added" "--map: the count"
expect_err "client.xlsx:Registre: 1 cell is a formula (F3), read as the value the workbook saved with it" "--map: the formula note"
run -w cl scenario list --format json
expect_eq "$(json '[[s["ref"], s["title"], s["current_likelihood"]["id"], s["current_impact"]["id"], s["owner"], s["notes"]] for s in sorted(d, key=lambda s: s["ref"])]')" \
  '[["R1", "Rançongiciel", "V3", "G4", "RSSI", "Commentaire: Revu le 02/03"], ["R2", "Fuite de données", "V1", "G2", "DPO", null], ["R3", "Panne du datacentre", "V2", "G3", "DSI", "Commentaire: Plan de reprise"]]' \
  "--map: refs from numbers, labels, a 1-5 scale, notes"
# --header-row wins over [file] header_row.
sed 's/^header_row = 2/header_row = 5/' client.toml >client-5.toml
run init cl2
run -w cl2 import client.xlsx --kind scenarios --map client-5.toml --header-row 2
expect_rc 0 "--header-row over [file] header_row:"
expect_eq "$(data_dump cl2)" "$(data_dump cl)" "--header-row over [file] header_row: the same import"
bad cl2 1 "[file] header_row on a data row" import client.xlsx --kind scenarios --map client-5.toml
expect_err "client.xlsx:Registre!5: the header row, row 5, is empty" "[file] header_row 5: an empty row"
# Without a header row, the title row is the header: the mapping says what is missing.
sed '/^header_row/d' client.toml >client-no-row.toml
bad cl2 1 "a mapping without header_row" import client.xlsx --kind scenarios --map client-no-row.toml
expect_err "client.xlsx:Registre!1: the file's header does not match the mapping: 'N°' (ref, client-no-row.toml:7) is missing" "no header_row: the header row's place"
# A bad header_row is refused at its place in the mapping.
for value in 0 '"2"' 2.5 2000000; do
  sed "s/^header_row = 2/header_row = $value/" client.toml >client-bad.toml
  bad cl2 1 "header_row = $value" import client.xlsx --kind scenarios --map client-bad.toml
  expect_err "client-bad.toml:2:14: header_row in [file] is the number of the sheet's row holding the header of an XLSX workbook, 1 to 1048576" "header_row = $value: file:line:column"
done
# A header merged across columns names each of them.
sed 's/"merges": \["A1:F1"\]/"merges": ["A1:F1", "F2:G2"]/; s/"Plan de reprise"\]/"Plan de reprise", "PRA 2026"]/' <<'EOF' | book merged.xlsx
{"sheets": [{"name": "Registre", "merges": ["A1:F1"], "rows": [
  ["Cartographie des risques - Caisse X"],
  ["N°", "Intitulé du risque", "Probabilité", "Gravité (1-5)", "Responsable", "Commentaire"],
  [3, "Panne du datacentre", "Moyen", 4, "DSI", "Plan de reprise"]]}]}
EOF
bad cl2 1 "a header merged across two columns" import merged.xlsx --kind scenarios --map client.toml
expect_err "merged.xlsx:Registre!2: the file's header does not match the mapping: 'Commentaire' (notes, client.toml:13) is there twice (columns 6 and 7)" "a merged header: both columns named"

# --- A client register through a built-in mapping ------------------------------
book registre.xlsx <<'EOF'
{"sheets": [{"name": "Risques", "rows": [
  ["Réf.", "Risque", "Actifs concernés", "Probabilité", "Impact", "Niveau de risque", "Propriétaire", "Échéance"],
  [1, "Rançongiciel sur la production", "Serveur de fichiers", "Élevée", "Critique", "Élevé", "RSSI", {"date": "2026-06-30"}],
  [2, "Fuite de données", "Portail adhérents", "Faible", "Moyen", "Faible", "DPO", None]]}]}
EOF
run init rf
run -w rf import registre.xlsx --map registre-fr
expect_rc 0 "--map registre-fr:"
expect_err "imported 2 assets: 2 added, 0 updated, 0 skipped; 2 scenarios: 2 added" "registre-fr: assets created and scenarios"
run -w rf scenario show R1 --format json
expect_eq "$(json '"|".join([d["title"], d["current_likelihood"]["id"], d["current_impact"]["id"], d["recorded_level"]["id"], d["owner"], d["notes"]])')" \
  "Rançongiciel sur la production|V4|G4|high|RSSI|Échéance: 2026-06-30" "registre-fr: R1 from a number ref, labels settled, a date as a note"
# A header of two rows, as clients draw them: "Cotation" over the likelihood
# and the impact, the other names merged down onto --header-row.
book two-rows.xlsx <<'EOF'
{"sheets": [{"name": "Lisez-moi", "rows": [["Registre de la Caisse X"]]},
 {"name": "Registre 2026", "merges": ["A3:A4", "B3:B4", "C3:C4", "D3:E3", "F3:F4"], "rows": [
  ["Registre des risques - Caisse X"], [None],
  ["Réf", "Risque", "Actif", "Cotation", None, "Propriétaire"],
  [None, None, None, "Probabilité", "Impact"],
  [7, "Panne du datacentre", "Datacentre", "Faible", "Critique", "DSI"],
  [8, "Hameçonnage", "Messagerie", "Élevée", "Majeur", "RSSI"]]}]}
EOF
run init two
run -w two import two-rows.xlsx --map registre-fr --sheet "registre 2026" --header-row 4
expect_rc 0 "a header of two rows:"
expect_err "2 scenarios: 2 added" "a header of two rows: every row"
run -w two scenario show R7 --format json
expect_eq "$(json '"|".join([d["title"], d["assets"][0], d["current_likelihood"]["id"], d["current_impact"]["id"], d["owner"]])')" \
  "Panne du datacentre|A1|V1|G4|DSI" "a header of two rows: names merged down from the row above"
bad two 1 "a header of two rows read from its first row" import two-rows.xlsx --map registre-fr --sheet 2 --header-row 3
expect_err "two-rows.xlsx:'Registre 2026'!3: the file's header does not match the mapping" "the first row alone is not the header"
expect_err_lacks "the sheet read is" "--sheet given: no word on the other sheets"
# Without --sheet the first sheet is read; when it is not the register, the
# message names the others.
bad two 1 "the first sheet is not the register" import two-rows.xlsx --map registre-fr
expect_err "two-rows.xlsx:'Lisez-moi'!1: the file's header does not match the mapping" "the first sheet, read"
expect_err "(the sheet read is 'Lisez-moi', the first of the workbook's 2; the others: 'Registre 2026'; --sheet NAME|N reads another)" "the other sheets named"

# Without --kind, the message names the built-in mappings that read the sheet.
bad rf 2 "no --kind" import registre.xlsx
expect_err "--kind is required for a workbook" "no --kind: the message"
expect_err "--map registre-fr" "no --kind: the built-in mapping that reads the sheet"

# --- The command line ------------------------------------------------------------
bad sc 2 "an unknown sheet" import scenarios.xlsx --kind scenarios --sheet Risque
expect_err "riskmap: --sheet: scenarios.xlsx has no sheet 'Risque' (did you mean 'Risques'?); its sheets: 'Lisez-moi', 'Risques'" "an unknown sheet: did you mean, the sheets"
bad sc 2 "a sheet's position past the last" import scenarios.xlsx --kind scenarios --sheet 3
expect_err "--sheet: scenarios.xlsx has 2 sheets: 'Lisez-moi', 'Risques', so no sheet 3" "a position past the last"
printf 'ref,name\nA9,x\n' >assets.csv
bad ws 2 "--sheet on a CSV file" import assets.csv --kind assets --sheet 1
expect_err "riskmap: --sheet reads a sheet of an XLSX workbook, and assets.csv is CSV" "--sheet on CSV"
printf '[{"ref": "A9", "name": "x"}]' >assets.json
bad ws 2 "--header-row on a JSON file" import assets.json --kind assets --header-row 2
expect_err "riskmap: --header-row reads a sheet of an XLSX workbook, and assets.json is JSON" "--header-row on JSON"
bad ws 2 "--header-row 0" import assets.xlsx --kind assets --header-row 0

# --- Broken workbooks: refused, naming the file and the part; nothing written -------
printf 'ref,name\nA9,x\n' >not-a-zip.xlsx
head -c 700 assets.xlsx >truncated.xlsx
python3 -c 'import zipfile; zipfile.ZipFile("other.xlsx", "w").writestr("word/document.xml", "<w/>")'
book malformed.xlsx <<'EOF'
{"sheets": [{"name": "Risques", "rows": [["ref", "title"]]}],
 "raw": {"xl/worksheets/sheet1.xml": "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>ref</t></is></c></sheetData></worksheet>"}}
EOF
book no-strings.xlsx <<'EOF'
{"sheets": [{"name": "Risques", "rows": [["ref", "title"], ["R1", "Panne"]]}], "omit": ["xl/sharedStrings.xml"]}
EOF
book no-sheet-part.xlsx <<'EOF'
{"sheets": [{"name": "Risques", "rows": [["ref", "title"]]}], "raw": {"xl/_rels/workbook.xml.rels": "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/missing.xml\"/></Relationships>"}}
EOF
printf 'old' >old.xls
printf 'ods' >sheet.ods
expect_broken() {  # FILE MESSAGE
  local dump
  dump=$(data_dump ws)
  bad ws 1 "$1" import "$1" --kind scenarios
  expect_err "riskmap: $2" "$1: the message"
  expect_eq "$(data_dump ws)" "$dump" "$1: the data unchanged"
}
expect_broken not-a-zip.xlsx "not-a-zip.xlsx: not an XLSX workbook: the file is not a zip archive, or a truncated one"
expect_broken truncated.xlsx "truncated.xlsx: not an XLSX workbook: the file is not a zip archive, or a truncated one"
expect_broken other.xlsx "other.xlsx: not an XLSX workbook: the zip archive has no workbook part (xl/workbook.xml)"
expect_broken malformed.xlsx "malformed.xlsx: xl/worksheets/sheet1.xml:1:"
expect_err "malformed XML: mismatched tag" "malformed.xlsx: what expat says"
expect_broken no-strings.xlsx "no-strings.xlsx:Risques!A1: the cell is a shared string, but the workbook has no shared strings part"
expect_broken no-sheet-part.xlsx "no-sheet-part.xlsx: the workbook has no part xl/worksheets/missing.xml"
expect_broken old.xls "old.xls: an Excel 97-2003 workbook (.xls) is not read: save it as .xlsx (Excel Workbook) or as CSV (UTF-8)"
expect_broken sheet.ods "sheet.ods: an OpenDocument spreadsheet (.ods) is not read: save it as .xlsx"
# A zip named otherwise is read as a workbook all the same.
cp assets.xlsx assets.dat
run init ws3
run -w ws3 import assets.dat --kind assets
expect_rc 0 "a workbook named .dat:"
expect_err "imported 5 assets" "a workbook named .dat: read by its content"

finish
