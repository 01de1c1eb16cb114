#!/usr/bin/env bash
# Injection: user text that a spreadsheet, a terminal or an XML parser would
# act on. Every CSV riskmap writes neutralises formulas with one leading "'",
# which import removes again (exact round trips); import reads riskmap's own
# header with a BOM or ';'; a cell holding ',' or ';' is quoted whatever the
# delimiter; tables, show and messages keep control characters and escape
# sequences off the terminal while CSV and JSON keep every byte; SVGs stay
# well-formed XML whatever the labels and names hold.
source "$SOURCE_DIR/tests/e2e/lib.sh"
unset RISKMAP_WORKSPACE NO_COLOR
T=2026-06-01

# csv_json FILE [DELIM]: the CSV file's records as a JSON array of arrays of
# cells, read by Python's csv module (line breaks inside cells kept).
csv_json() {
  python3 -c '
import csv, json, sys
with open(sys.argv[1], newline="", encoding="utf-8-sig") as f:
    print(json.dumps(list(csv.reader(f, delimiter=sys.argv[2]))))
' "$1" "${2:-,}"
}
# formula_cells FILE [DELIM]: the cells of a CSV file that a spreadsheet
# would read as a formula (starting with = + - @, a tab or a CR), one a line.
formula_cells() {
  python3 -c '
import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8-sig") as f:
    for row in csv.reader(f, delimiter=sys.argv[2]):
        for cell in row:
            if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
                print(repr(cell))
' "$1" "${2:-,}"
}

hyperlink='=HYPERLINK("http://x","y")'
rate=(--likelihood V3 --impact G3 --inherent-likelihood V4 --inherent-impact G4)

# --- A map full of formulas --------------------------------------------------------------
run init w --today "$T"
run -w w asset add A1 --name "$hyperlink" --kind application --owner "'=1+1" --description=-5 --bcp "@SUM(1)" --tag=-x
expect_rc 0 "asset add A1:"
run -w w asset add A2 --name $'\tTab' --owner "''=x" --description $'\rCR'
run -w w asset add A3 --name 'a;b' --owner 'c,d' --description 'plain'
run -w w scenario add R1 --title "$hyperlink" --asset A1 --owner '-o' --threat '+t' "${rate[@]}"
expect_rc 0 "scenario add R1:"
run -w w scenario add R2 --title "'=1+1" --asset A2 "${rate[@]}"
run -w w scenario add R3 --title=-5 --asset A1
run -w w scenario add R4 --title '@SUM(1)'
run -w w scenario add R5 --title $'\tTab'
run -w w scenario add R6 --title "''=x"
run -w w scenario add R7 --title '+1' --description $'=ligne 1\n-ligne 2'
run -w w control add M1 --title '=control' --owner '@owner' --category protection --state planned --due 2027-01-31
run -w w control link M1 R1 --additional
run -w w stakeholder add P1 --name '-provider' --category provider --owner '=o' --dependency 3 --penetration 4 --maturity 2 --trust 2 --asset A1
run -w w action add T1 --title '+action' --control M1 --owner '=owner' --due 2027-03-31
expect_rc 0 "action add T1:"
run -w w soa set NIST-CSF GV.OC-01 --applicable no --justification '=HYPERLINK("http://y")'
expect_rc 0 "soa set with a formula justification:"
printf 'id,title,part,chapter\nX1,"=cmd|x",-part,@chapter\nX2,plain,,\n' >cat.csv
run -w w framework import cat.csv --title '=Catalog'
expect_rc 0 "framework import of a catalog full of formulas:"
run -w w --author '=who' snapshot create s1 --note '=note' --today "$T"
expect_rc 0 "snapshot create with a formula note:"
run -w w scenario set R1 --title '=changed' --owner '@x'

# Every listing as CSV: no cell a spreadsheet would run.
while IFS= read -r cmd; do
  # shellcheck disable=SC2086
  "$RISKMAP" -w w $cmd --format csv --today "$T" >"$TMP/listing.csv" 2>"$TMP/listing.err"
  rc=$?
  out=$(cat "$TMP/listing.csv") err=$(cat "$TMP/listing.err")
  expect_rc 0 "$cmd --format csv:"
  checks=$((checks + 1))
  cells=$(formula_cells "$TMP/listing.csv")
  [ -z "$cells" ] || fail "$cmd --format csv: cells a spreadsheet runs: $(head -c 300 <<<"$cells")"
done <<'EOF'
asset list
asset show A1
scenario list
scenario show R1
control list
stakeholder list
action list
soa list NIST-CSF
framework list
framework show CAT
review
continuity
log
diff s1
snapshot list
snapshot show s1
method show
matrix
EOF
run -w w export --kind all --format csv -o csvdir
expect_rc 0 "export --kind all --format csv:"
for kind in assets controls stakeholders scenarios actions; do
  checks=$((checks + 1))
  cells=$(formula_cells "csvdir/$kind.csv")
  [ -z "$cells" ] || fail "export $kind.csv: cells a spreadsheet runs: $(head -c 300 <<<"$cells")"
done

# The rule, cell by cell: one more leading "'" in front of a formula, or of
# "'" followed by one; the rest as it was.
run -w w scenario list --format csv
printf '%s\n' "$out" >list.csv
csv_json list.csv >list.json
cell() { py_eval "{r[0]: r for r in d}[\"$1\"][d[0].index(\"$2\")]" list.json; }
expect_eq "$(cell R1 title)" "'=changed" "list: =changed"
expect_eq "$(cell R2 title)" "''=1+1" "list: '=1+1 gets one more quote"
expect_eq "$(cell R3 title)" "'-5" "list: -5 (a text) neutralised"
expect_eq "$(cell R4 title)" "'@SUM(1)" "list: @SUM"
expect_eq "$(cell R5 title)" "'"$'\t'"Tab" "list: a leading tab"
expect_eq "$(cell R6 title)" "'''=x" "list: ''=x gets one more quote"
expect_eq "$(cell R7 title)" "'+1" "list: +1"
expect_eq "$(cell R1 owner)" "'@x" "list: the owner too"
expect_eq "$(cell R1 threat)" "'+t" "list: the threat too"
expect_eq "$(cell R7 description)" "'=ligne 1"$'\n'"-ligne 2" "list: only the cell's first character counts"
run -w w asset list --format csv
printf '%s\n' "$out" >assets.csv
csv_json assets.csv >assets.json
expect_eq "$(py_eval '{r[0]: r for r in d}["A1"][d[0].index("tags")]' assets.json)" "'-x" "list: a list cell"
expect_eq "$(py_eval '{r[0]: r for r in d}["A2"][d[0].index("description")]' assets.json)" "'"$'\r'"CR" "list: a leading CR"
expect_eq "$(py_eval '{r[0]: r for r in d}["A1"][d[0].index("name")]' assets.json)" "'$hyperlink" "list: =HYPERLINK"
# The bytes themselves: neutralised, then quoted as RFC 4180 says.
expect_out "A1,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",application," "list: =HYPERLINK's exact bytes"
run -w w stakeholder list --format csv
printf '%s\n' "$out" >stakeholders.csv
csv_json stakeholders.csv >stakeholders.json
expect_eq "$(py_eval '{r[0]: r for r in d}["P1"][d[0].index("name")]' stakeholders.json)" "'-provider" "stakeholder name neutralised"
expect_eq "$(py_eval '{r[0]: r for r in d}["P1"][d[0].index("dependency")]' stakeholders.json)" "3" "a number riskmap writes is not text: left alone"
run -w w soa list NIST-CSF --format csv
expect_out "\"'=HYPERLINK(\"\"http://y\"\")\"" "soa list: the justification neutralised"
run -w w framework show CAT --format csv
expect_out "X1,'=cmd|x,'-part,'@chapter" "framework show: every text cell neutralised"
run -w w framework list --format csv
expect_out "CAT,'=Catalog," "framework list: the title neutralised"
run -w w snapshot list --format csv
expect_out "'=note" "snapshot list: the note neutralised"
expect_out "'=who" "snapshot list: the author neutralised"
run -w w log --format csv
expect_out ",'=who," "log: the author neutralised"
run -w w diff s1 --format csv
expect_out "R1,changed,'=changed," "diff: the title neutralised"
run -w w continuity --format csv
expect_out "A1,\"'$(sed 's/"/""/g' <<<"$hyperlink")\"" "continuity: the name neutralised"
# JSON is data for scripts: the text exactly as it is.
run -w w scenario show R2 --format json
expect_eq "$(json 'd["title"]')" "'=1+1" "JSON: not neutralised"
run -w w scenario list --format json
expect_eq "$(json '[s["title"] for s in d if s["ref"] == "R6"][0]')" "''=x" "JSON listing: not neutralised"
# The deliverables: the same rule.
run -w w report register --today "$T" -o reg
expect_rc 0 "report register:"
csv_json reg/register.csv ';' >reg.json  # a French deliverable: ';
expect_eq "$(py_eval '{r[0]: r for r in d}["R2"][1]' reg.json)" "''=1+1" "register.csv: '=1+1 gets one more quote"
expect_eq "$(py_eval '{r[0]: r for r in d}["R6"][1]' reg.json)" "'''=x" "register.csv: ''=x gets one more quote"
expect_eq "$(py_eval '{r[0]: r for r in d}["R3"][1]' reg.json)" "'-5" "register.csv: -5"

# --- Round trip: export, import into a fresh workspace, the same data -------------------
run init rt --today "$T"
for kind in assets controls stakeholders scenarios actions; do
  run -w rt import "csvdir/$kind.csv" --kind "$kind"
  expect_rc 0 "import csvdir/$kind.csv:"
done
mkdir -p rtcat
"$RISKMAP" -w w framework show CAT --format csv >rtcat/cat.csv
(cd rtcat && "$RISKMAP" -w ../rt -q framework import cat.csv --title '=Catalog')
"$RISKMAP" -w w soa list NIST-CSF --format csv >soa.csv
run -w rt soa import soa.csv --framework NIST-CSF
expect_rc 0 "soa import of soa list's CSV:"
checks=$((checks + 1)); data_dump w | grep -qF "''=x" || fail "the data dump holds the awkward titles"
expect_eq "$(data_dump rt)" "$(data_dump w)" "CSV round trip (records, catalog, SoA): data tables identical"
run -w rt scenario show R2 --format json
expect_eq "$(json 'd["title"]')" "'=1+1" "round trip: '=1+1 back as it was"

# --- Import: a BOM, ';', both (a spreadsheet's re-save) ----------------------------------
# resave IN OUT DELIM BOM: the CSV written again by Python's csv module, as a
# spreadsheet would: DELIM between cells, quotes only where DELIM needs them.
resave() {
  python3 -c '
import csv, sys
src, dst, delim, bom = sys.argv[1:]
with open(src, newline="", encoding="utf-8") as f:
    rows = list(csv.reader(f))
with open(dst, "w", newline="", encoding="utf-8-sig" if bom == "yes" else "utf-8") as f:
    csv.writer(f, delimiter=delim, lineterminator="\r\n").writerows(rows)
' "$1" "$2" "$3" "$4"
}
for variant in "bom , yes" "semicolon ; no" "both ; yes"; do
  read -r name delim bom <<<"$variant"
  run init "re-$name" --today "$T"
  for kind in assets controls stakeholders scenarios actions; do
    resave "csvdir/$kind.csv" "$name-$kind.csv" "$delim" "$bom"
    run -w "re-$name" import "$name-$kind.csv" --kind "$kind"
    expect_rc 0 "import $name-$kind.csv ($name):"
  done
  expect_eq "$(data_dump "re-$name" | grep -v 'INTO \(framework\|requirement\|soa\)')" \
    "$(data_dump rt | grep -v 'INTO \(framework\|requirement\|soa\)')" "import of a re-saved CSV ($name): the same records"
done
checks=$((checks + 1))
head -c 3 both-scenarios.csv | od -An -tx1 | grep -q 'ef bb bf' || fail "the re-saved file starts with a BOM"
checks=$((checks + 1))
head -1 semicolon-scenarios.csv | grep -q '^ref;title;' || fail "the re-saved file uses ';'"
# A ';' file with a BOM, whose cells hold commas.
printf '\xef\xbb\xbfref;title;owner\nR1;a, b, c;x\n' >semi.csv
run init semi
run -w semi import semi.csv --kind scenarios
expect_rc 0 "import of a ';' file with a BOM:"
run -w semi scenario show R1 --format json
expect_eq "$(json 'd["title"] + "|" + d["owner"]')" "a, b, c|x" "';' file: commas inside cells"
# The SoA and a catalog re-saved too.
resave soa.csv soa-semi.csv ';' yes
run -w rt soa import soa-semi.csv --framework NIST-CSF
expect_rc 0 "soa import of a re-saved ';' CSV with a BOM:"
# A mapped import keeps its own rules: a "'" in the organisation's cells stays.
cat >map.toml <<'EOF'
[columns]
ref = "Id"
title = "Risque"
EOF
printf 'Id;Risque\nR1;'"'"'=x\n' >org.csv
run init mapped
run -w mapped import org.csv --kind scenarios --map map.toml
expect_rc 0 "mapped import:"
run -w mapped scenario show R1 --format json
expect_eq "$(json 'd["title"]')" "'=x" "mapped import: the cell as it is"

# --- Quoting: either delimiter, whatever the file's --------------------------------------
run -w w asset list --format csv
expect_out 'A3,"a;b",' "',' file: a cell holding ';' is quoted"
expect_out '"c,d"' "',' file: a cell holding ',' is quoted"
run -w w asset add A4 --name 'semi;colon' --kind application
run -w w scenario add R8 --title 'x,y' --asset A4 "${rate[@]}"
run -w w scenario add R9 --title 'p;q' --asset A4 "${rate[@]}"
run -w w report register --today "$T" -o semi-reg --csv-delimiter ';'
expect_rc 0 "report register --csv-delimiter ';':"
checks=$((checks + 1))
grep -qF 'R8;"x,y";' semi-reg/register.csv || fail "';' deliverable: a cell holding ',' is quoted"
run -w w report register --today "$T" -o comma-reg --csv-delimiter ,
checks=$((checks + 1))
grep -qF 'R9,"p;q",' comma-reg/register.csv || fail "',' deliverable: a cell holding ';' is quoted"
checks=$((checks + 1))
grep -qF ',"A4 semi;colon",' comma-reg/register.csv || fail "',' deliverable: an asset name holding ';' is quoted"

# --- The terminal: no control characters, no escape sequences ----------------------------
esc=$'\e' bel=$'\a' c1=$'\xc2\x9b' del=$'\x7f'
run init t --today "$T"
run -w t scenario add R1 --title $'clear\e[2J\e[Hed' --owner $'a\x01b' --description $'ligne 1\nligne 2\e[31m rouge'
expect_rc 0 "scenario add with a CSI title:"
run -w t scenario add R2 --title $'titled\e]0;pwned\aok' --owner $'c1\xc2\x9b2Jx\x7fy'
run -w t scenario add R3 --title $'lone\e' --owner $'st\e]2;x\e\\end'
expect_rc 0 "scenario add with an OSC title:"
check_terminal() {
  expect_out_lacks "$esc" "$1: no ESC on stdout"
  expect_out_lacks "$bel" "$1: no BEL on stdout"
  expect_out_lacks "$c1" "$1: no C1 control on stdout"
  expect_out_lacks "$del" "$1: no DEL on stdout"
  expect_out_lacks $'\x01' "$1: no C0 control on stdout"
  expect_out_lacks "pwned" "$1: an OSC's text dropped with it"
}
run -w t scenario list
expect_rc 0 "scenario list (table):"
check_terminal "scenario list"
expect_out "cleared" "scenario list: the text around a CSI kept"
expect_out "titledok" "scenario list: the text around an OSC kept"
expect_out "stend" "scenario list: an OSC ended by ST dropped"
expect_out "c12Jxy" "scenario list: C1 and DEL dropped"
for ref in R1 R2 R3; do
  run -w t scenario show "$ref"
  expect_rc 0 "scenario show $ref:"
  check_terminal "scenario show $ref"
done
run -w t scenario show R1
expect_out "ligne 1" "show: a multi-line description"
expect_out "ligne 2 rouge" "show: the line after the break, without its CSI"
expect_eq "$(grep -c 'ligne' <<<"$out")" 2 "show: the description still on two lines"
# Messages quoting user text.
run -w t scenario set R1 --treatment $'\e]0;pwned\a\e[2Jmitigat'
expect_rc 2 "an unknown treatment with escape sequences:"
expect_err "mitigat" "the message quotes the value"
expect_err_lacks "$esc" "the message: no ESC"
expect_err_lacks "$bel" "the message: no BEL"
expect_err_lacks "pwned" "the message: no OSC text"
printf 'ref,title,current_likelihood\nR9,x,\033]0;pwned\007\033[2JV9\n' >esc.csv
run -w t import esc.csv --kind scenarios
expect_rc 1 "an import error quoting a cell with escape sequences:"
expect_err "V9" "the import error quotes the cell"
expect_err_lacks "$esc" "import error: no ESC"
expect_err_lacks "$bel" "import error: no BEL"
run -w t scenario show $'R\e[2J1'
expect_rc 1 "show of an unknown ref with a CSI:"
expect_err_lacks "$esc" "unknown ref: no ESC"
# A method label read from riskmap.toml, in the matrix and method show.
python3 - t/riskmap.toml <<'PY'
import sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
text = text.replace('label = { fr = "Peu vraisemblable"', 'label = { fr = "Peu\\u001b[2J vraisemblable\\u0007"', 1)
text = text.replace('label = { fr = "Moyen"', 'label = { fr = "Mo\\u001b]0;pwned\\u0007yen"', 1)
open(path, "w", encoding="utf-8").write(text)
PY
run -w t matrix
expect_rc 0 "matrix with a label holding escape sequences:"
check_terminal "matrix"
expect_out "Peu vraisemblable" "matrix: the label without its CSI"
run -w t method show
check_terminal "method show"
expect_out "appetite medium (Moyen)" "method show: the appetite's label, without its OSC"
# CSV and JSON are data: every byte kept.
run -w t scenario list --format csv
expect_out $'R1,clear\e[2J\e[Hed,' "CSV keeps the CSI"
expect_out $'R2,"titled\e]0;pwned\aok",' "CSV keeps the OSC (quoted: it holds a ';')"
run -w t scenario show R2 --format json
expect_eq "$(json 'd["title"]')" $'titled\e]0;pwned\aok' "JSON keeps the OSC"
expect_out '\u001b]0;pwned\u0007' "JSON escapes the control characters"

# --- XML: characters XML 1.0 forbids never reach an SVG ---------------------------------
run init x --today "$T"
python3 - x/riskmap.toml <<'PY'
import sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
text = text.replace('label = { fr = "Peu vraisemblable", en = "Unlikely" }',
                    'label = { fr = "Peu\\uFFFE vraisemblable", en = "Un\\uFFFFlikely\\uFDD0" }', 1)
text = text.replace('label = { fr = "Mineure"', 'label = { fr = "Mine\\u0001ure\\U0001FFFE"', 1)
open(path, "w", encoding="utf-8").write(text)
PY
run -w x asset add A1 --name $'Portail\xef\xbf\xbe' --kind application
run -w x stakeholder add P1 --name $'Info\xef\xbf\xbfgérant\x01\x0b\xef\xb7\x90 & <co>' --category provider \
  --dependency 3 --penetration 4 --maturity 2 --trust 2 --asset A1
expect_rc 0 "stakeholder add with characters XML forbids:"
run -w x scenario add R1 --title $'Fuite\xef\xbf\xbe\x02' --asset A1 --likelihood V1 --impact G1 \
  --inherent-likelihood V1 --inherent-impact G1 --residual-likelihood V1 --residual-impact G1 --stakeholder P1
expect_rc 0 "scenario add with characters XML forbids:"
for lang in fr en; do
  run -w x report heatmap ecosystem --lang "$lang" --today "$T" -o "svg-$lang"
  expect_rc 0 "report heatmap ecosystem --lang $lang:"
  for svg in "svg-$lang"/*.svg; do
    checks=$((checks + 1))
    xmllint --noout "$svg" 2>"$TMP/xml.err" || fail "xmllint: $svg is not well-formed: $(head -c 300 "$TMP/xml.err")"
    checks=$((checks + 1))
    ! grep -qP '\x{FFFE}|\x{FFFF}|\x{FDD0}|\x{1FFFE}' "$svg" || fail "$svg holds a noncharacter"
  done
done
checks=$((checks + 1))
grep -qF 'Peu vraisemblable' svg-fr/heatmap-current.svg || fail "heat map (fr): the label without its noncharacter"
checks=$((checks + 1))
grep -qF 'Unlikely' svg-en/heatmap-current.svg || fail "heat map (en): the label without its nonchararacters"
checks=$((checks + 1))
grep -qF 'P1' svg-fr/ecosystem.svg || fail "ecosystem map: the stakeholder placed"

finish
