#!/usr/bin/env bash
# import and export: the example's CSV files, --dry-run, --on-conflict,
# all-or-nothing with every bad row reported (first 20, then a count), stdin,
# JSON, and exact round trips through JSON and CSV (sqlite3 .dump of the data
# tables identical).
source "$SOURCE_DIR/tests/e2e/lib.sh"
unset RISKMAP_WORKSPACE NO_COLOR

examples="$SOURCE_DIR/examples/caisse-sociale"

# --- The example's CSV files into a fresh workspace -----------------------------
# Kinds in the order their references need: scenarios name assets, controls,
# stakeholders and the study's operational scenarios; actions name controls
# and scenarios.
study="feared-events origins strategic-scenarios paths operational-scenarios steps"
kinds="assets controls stakeholders $study scenarios actions"
run init ws
before=$(snapshot ws)
run -w ws import "$examples/scenarios.csv" --kind scenarios
expect_rc 1 "scenarios before their assets:"
expect_err "unknown asset" "scenarios before their assets: says why"
expect_unchanged ws "$before" "scenarios before their assets:"

run -w ws import "$examples/assets.csv" --kind assets --dry-run
expect_rc 0 "import --dry-run:"
expect_no_out "import --dry-run: stdout"
expect_err "27" "import --dry-run: says how many would be imported"
expect_unchanged ws "$before" "import --dry-run writes nothing (not even the journal)"

j0=$(journal_count ws)
run -w ws import "$examples/assets.csv" --kind assets
expect_rc 0 "import assets.csv:"
expect_no_out "import: stdout carries no messages"
expect_err "27" "import assets.csv: says how many"
expect_eq "$(journal_count ws)" $((j0 + 1)) "import: one journal entry for the whole file"
run -w ws import "$examples/controls.csv" --kind controls
expect_rc 0 "import controls.csv:"
expect_eq "$(journal_count ws)" $((j0 + 2)) "second import: one more journal entry"
before=$(snapshot ws)
run -w ws import "$examples/scenarios.csv" --kind scenarios
expect_rc 1 "scenarios before their stakeholders:"
expect_err "unknown stakeholder" "scenarios before their stakeholders: says why"
expect_unchanged ws "$before" "scenarios before their stakeholders:"
run -w ws import "$examples/stakeholders.csv" --kind stakeholders
expect_rc 0 "import stakeholders.csv:"
before=$(snapshot ws)
run -w ws import "$examples/scenarios.csv" --kind scenarios
expect_rc 1 "scenarios before the study:"
expect_err "unknown operational" "scenarios before the study: says why"
expect_unchanged ws "$before" "scenarios before the study:"
for kind in $study; do
  run -w ws import "$examples/$kind.csv" --kind "$kind"
  expect_rc 0 "import $kind.csv:"
done
run -w ws import "$examples/scenarios.csv" --kind scenarios
expect_rc 0 "import scenarios.csv:"
run -w ws import "$examples/actions.csv" --kind actions
expect_rc 0 "import actions.csv:"
expect_eq "$(journal_count ws)" $((j0 + 11)) "one journal entry per imported file"
run -w ws asset list --format csv
expect_eq "$(wc -l <<<"$out")" 28 "27 assets imported"
run -w ws scenario list --format csv
expect_eq "$(wc -l <<<"$out")" 29 "28 scenarios imported"
run -w ws control list --format csv
expect_eq "$(wc -l <<<"$out")" 32 "31 controls imported"
run -w ws stakeholder list --format csv
expect_eq "$(wc -l <<<"$out")" 11 "10 stakeholders imported"
run -w ws action list --format csv
expect_eq "$(wc -l <<<"$out")" 21 "20 actions imported"
for count in feared-event:8 origin:7 strategic:4 path:5 operational:4 step:19; do
  run -w ws "${count%:*}" list --format csv
  expect_eq "$(($(wc -l <<<"$out") - 1))" "${count#*:}" "${count#*:} ${count%:*} records imported"
done

# With the example's fictional directive, its mapping and its statement of
# applicability, the imported workspace holds the same data as init --example.
catalogs() {
  run -w "$1" framework import "$examples/directive-fictive.yaml"
  expect_rc 0 "$1: import the fictional directive:"
  run -w "$1" framework import "$examples/mapping-directive-fictive-nist-csf.yaml"
  expect_rc 0 "$1: import its mapping:"
  run -w "$1" soa import "$examples/soa-dnf-2026.csv" --framework DNF-2026
  expect_rc 0 "$1: import its SoA:"
}
catalogs ws
run init ex --example
expect_eq "$(data_dump ws | sha256sum)" "$(data_dump ex | sha256sum)" "import of the example's CSVs = init --example"

# --- --on-conflict -------------------------------------------------------------------
before=$(snapshot ws)
run -w ws import "$examples/scenarios.csv" --kind scenarios
expect_rc 1 "re-import with --on-conflict fail (default):"
expect_err "already exists" "re-import: conflict reported"
expect_unchanged ws "$before" "re-import refused:"
run -w ws import "$examples/scenarios.csv" --kind scenarios --on-conflict fail
expect_rc 1 "re-import with --on-conflict fail:"
expect_unchanged ws "$before" "--on-conflict fail:"

printf 'ref,title,owner\nR1,Autre titre,Nouveau responsable\nR90,Nouveau scénario,DSI\n' >skip.csv
run -w ws import skip.csv --kind scenarios --on-conflict skip
expect_rc 0 "--on-conflict skip:"
run -w ws scenario show R1 --format json
expect_eq "$(json 'd["title"] + "|" + d["owner"]')" "Rançongiciel sur le SI de production|RSSI" "--on-conflict skip leaves R1 as it was"
run -w ws scenario show R90 --format json
expect_eq "$(json 'd["title"] + "|" + d["owner"]')" "Nouveau scénario|DSI" "--on-conflict skip adds the new ref"

run -w ws scenario show R2 --format json
r2_before=$(json 'd')
printf 'ref,title,owner,current_likelihood\nR2,Fraude (mise à jour),DAF,V2\nR91,Encore un,RSSI,1\n' >update.csv
run -w ws import update.csv --kind scenarios --on-conflict update
expect_rc 0 "--on-conflict update:"
run -w ws scenario show R2 --format json
expect_eq "$(json 'd["title"] + "|" + d["owner"] + "|" + d["current_likelihood"]["id"]')" "Fraude (mise à jour)|DAF|V2" \
  "--on-conflict update changes the columns given"
out_after=$out
out=$r2_before
r2_rest_before=$(json '[d[k] for k in d if k not in ("title", "owner", "current_likelihood", "current_level")]')
out=$out_after
expect_eq "$(json '[d[k] for k in d if k not in ("title", "owner", "current_likelihood", "current_level")]')" "$r2_rest_before" \
  "--on-conflict update leaves the other columns alone"
run -w ws scenario show R91 --format json
expect_rc 0 "--on-conflict update adds new refs"

# A nightly script re-importing only the column it owns.
printf 'ref,owner\nR3,Nouveau RSSI\n' >owners.csv
run -w ws import owners.csv --kind scenarios --on-conflict update
expect_rc 0 "--on-conflict update with only ref and owner:"
run -w ws scenario show R3 --format json
expect_eq "$(json 'd["owner"] + "|" + d["title"]')" "Nouveau RSSI|Fuite de données de santé via le portail adhérents" \
  "update with ref,owner: owner changed, title kept"
printf 'ref,owner\nA8,Nouveau responsable\n' >asset-owners.csv
run -w ws import asset-owners.csv --kind assets --on-conflict update
expect_rc 0 "asset --on-conflict update with only ref and owner:"
run -w ws asset show A8 --format json
expect_eq "$(json 'd["owner"] + "|" + d["name"]')" "Nouveau responsable|Portail adhérents" "asset update with ref,owner"
printf '[{"ref": "A9", "owner": "Autre responsable"}]' >asset-owners.json
run -w ws import asset-owners.json --kind assets --on-conflict update
expect_rc 0 "JSON --on-conflict update with only ref and owner:"
run -w ws asset show A9 --format json
expect_eq "$(json 'd["owner"]')" "Autre responsable" "JSON update with ref,owner"

# An update never empties a field by accident: an empty cell keeps the stored
# value, "-" clears it, and so does an empty cell with --clear-empty.
printf 'ref,owner,current_likelihood,review_date\nR3,,,\n' >blank-cells.csv
before=$(data_dump ws)
run -w ws import blank-cells.csv --kind scenarios --on-conflict update
expect_rc 0 "an update of empty cells:"
expect_eq "$(data_dump ws)" "$before" "an update of empty cells changes nothing"
printf 'ref,owner,current_likelihood\nR3,-, - \n' >clear-cells.csv
run -w ws import clear-cells.csv --kind scenarios --on-conflict update
expect_rc 0 "an update clearing with '-':"
run -w ws scenario show R3 --format json
expect_eq "$(json '[d["owner"], d["current_likelihood_source"], d["title"]]')" \
  '[null, "derived", "Fuite de données de santé via le portail adhérents"]' \
  "'-' clears (a derivable value is derived again), the rest stays"
run -w ws scenario set R3 --owner RSSI
run -w ws import blank-cells.csv --kind scenarios --on-conflict update --clear-empty
expect_rc 0 "--clear-empty:"
run -w ws scenario show R3 --format json
expect_eq "$(json '[d["owner"], d["review_date"]]')" "[null, null]" "--clear-empty: an empty cell clears"
run -w ws scenario set R3 --owner RSSI
bad ws 2 "--clear-empty without --on-conflict update" import blank-cells.csv --kind scenarios --clear-empty
expect_err "--clear-empty goes with --on-conflict update" "--clear-empty alone: why"
# Elsewhere "-" is a text like any other.
printf 'ref,title\nR95,-\n' >dash.csv
run -w ws import dash.csv --kind scenarios
run -w ws scenario show R95 --format json
expect_eq "$(json 'd["title"]')" "-" "a new record's '-' is its text"

# --- All bad rows reported, first 20 then a count; nothing imported ----------------------
run init bulk
before=$(snapshot bulk)
{
  echo "ref,title,current_likelihood"
  echo "OK1,Bonne ligne,1"
  for i in $(seq 1 25); do echo "BAD$i,Ligne $i,V9"; done
  echo "OK2,Bonne ligne,2"
} >bad25.csv
run -w bulk import bad25.csv --kind scenarios
expect_rc 1 "import with 25 bad rows:"
expect_no_out "import with 25 bad rows: stdout"
expect_err_re "bad25.csv: 25 (bad rows|errors)" "import with 25 bad rows: the count"
expect_err "nothing was imported" "import with 25 bad rows: says nothing was imported"
for i in $(seq 1 20); do
  expect_err "bad25.csv:$((i + 2)): column 'current_likelihood': 'V9'" "bad row $i reported with file:line, column and value"
done
for i in $(seq 21 25); do
  expect_err_lacks "bad25.csv:$((i + 2)):" "bad row $i is beyond the first 20"
done
expect_err "... and 5 more" "import with 25 bad rows: the rest counted"
expect_err_lacks "bad25.csv:2:" "the good first row is not reported"
expect_unchanged bulk "$before" "import with 25 bad rows:"
run -w bulk import bad25.csv --kind scenarios --dry-run
expect_rc 1 "--dry-run of a bad file fails too:"
expect_err_re "bad25.csv: 25 (bad rows|errors)" "--dry-run of a bad file: the count"

# One row with two bad fields is one bad row, both fields reported.
printf 'ref,title,current_likelihood,treatment\nS1,a,V9,maybe\nS2,b,1,open\n' >onerow.csv
run -w bulk import onerow.csv --kind scenarios
expect_rc 1 "one row with two bad fields:"
expect_err_lacks "2 bad rows" "one row with two bad fields is not two bad rows"
expect_err "'V9'" "one row with two bad fields: the first field"
expect_err "'maybe'" "one row with two bad fields: the second field"
expect_unchanged bulk "$before" "one row with two bad fields:"

# Line numbers count physical lines: a quoted field may span lines.
printf 'ref,title,description,current_likelihood\nS1,a,"ligne 1\nligne 2",1\nS2,b,x,V9\n' >multiline.csv
run -w bulk import multiline.csv --kind scenarios
expect_rc 1 "bad row after a multi-line field:"
expect_err "multiline.csv:4:" "the bad row's line counts the lines of the quoted field"

# --- stdin and JSON -------------------------------------------------------------------------
run init stdin
run -w stdin import - --kind assets <"$examples/assets.csv"
expect_rc 0 "import - (CSV on stdin):"
run -w stdin asset list --format csv
expect_eq "$(wc -l <<<"$out")" 28 "import -: 27 assets"
printf 'ref,title,current_likelihood\nS1,a,V9\n' >stdin-bad.csv
before=$(snapshot stdin)
run -w stdin import - --kind scenarios <stdin-bad.csv
expect_rc 1 "bad CSV on stdin:"
expect_err_re "(stdin|-|<stdin>):2" "bad CSV on stdin: reported at line 2 of stdin"
expect_unchanged stdin "$before" "bad CSV on stdin:"

run init js
cat >assets.json <<'EOF'
[
  {"ref": "J1", "name": "Processus", "kind": "business-process", "confidentiality": "G3", "tags": ["a", "b"]},
  {"ref": "J2", "name": "Serveur", "kind": "server", "serves": ["J1"], "rto": "4h", "data": ["personal"]}
]
EOF
run -w js import assets.json --kind assets
expect_rc 0 "JSON import:"
run -w js asset show J2 --format json
expect_eq "$(json 'd["kind"] + " " + d["rto"] + " " + ",".join(d["serves"]) + " " + ",".join(d["data"])')" "server 4h J1 personal" "JSON import: fields"
run -w js asset show J1 --format json
expect_eq "$(json 'd["confidentiality"]["id"] + " " + ",".join(d["tags"])')" "G3 a,b" "JSON import: level and list"
printf '[{"ref": "J3", "name": "x", "colour": "red"}, {"ref": "J4"}]' >bad.json
before=$(snapshot js)
run -w js import bad.json --kind assets
expect_rc 1 "JSON with bad records:"
expect_err "colour" "JSON: unknown key reported"
expect_err "J4" "JSON: the record without a name reported"
expect_unchanged js "$before" "JSON with bad records:"
run -w js import - --kind assets <assets.json
expect_rc 1 "JSON on stdin, refs already there:"
expect_err "already exists" "JSON on stdin: conflict"

# --- Export ---------------------------------------------------------------------------------
for kind in $kinds; do
  run -w ex export --kind "$kind" --format csv
  expect_rc 0 "export --kind $kind --format csv:"
  expect_eq "$(head -1 <<<"$out")" "$(head -1 "$examples/$kind.csv")" "exported $kind: the example file's header"
done
run -w ex export --kind scenarios --format json -o -
expect_rc 0 "export -o -:"
expect_json "export --format json:"
expect_eq "$(json 'len(d)')" 28 "export scenarios JSON: 28 records"
run -w ex export --kind scenarios --format csv -o scen.csv
expect_rc 0 "export -o FILE:"
expect_no_out "export -o FILE: nothing on stdout"
expect_eq "$(wc -l <scen.csv)" 29 "export -o FILE: header + 28 rows"
run -w ex export --kind all --format csv
expect_rc 2 "export --kind all --format csv without -o DIR:"
expect_err "-o" "export all as CSV: says to give a folder"
run -w ex export --kind everything --format json
expect_rc 2 "export --kind everything:"
before=$(snapshot ex)
run -w ex export --kind all --format json -o everything.json
expect_unchanged ex "$before" "export writes nothing to the workspace"

# --- Round trip through JSON ------------------------------------------------------------------
run -w ex export --kind all --format json -o all.json
expect_rc 0 "export --kind all --format json -o all.json:"
run init rt-json
catalogs rt-json  # frameworks and the SoA are not records: export leaves them out
run -w rt-json import all.json
expect_rc 0 "import all.json into a fresh workspace:"
checks=$((checks + 1)); data_dump ex | grep -q 'INSERT INTO scenario VALUES' || fail "the data dump is empty"
expect_eq "$(data_dump rt-json)" "$(data_dump ex)" "JSON round trip: data tables identical"
run -w rt-json export --kind all --format json
out_b=$out
run -w ex export --kind all --format json
expect_eq "$out_b" "$out" "JSON round trip: exports identical"

# --- Round trip through CSV -------------------------------------------------------------------
run -w ex export --kind all --format csv -o csvdir
expect_rc 0 "export --kind all --format csv -o DIR:"
for kind in $kinds; do
  checks=$((checks + 1)); [ -f "csvdir/$kind.csv" ] || fail "export -o DIR: no $kind.csv"
done
run init rt-csv
catalogs rt-csv
for kind in $kinds; do
  run -w rt-csv import "csvdir/$kind.csv" --kind "$kind"
  expect_rc 0 "import csvdir/$kind.csv:"
done
expect_eq "$(data_dump rt-csv)" "$(data_dump ex)" "CSV round trip: data tables identical"

# Awkward text survives both round trips exactly.
run init odd
run -w odd asset add O1 --name "  espaces  " --kind business-process \
  --description $'ligne 1\nligne 2, "guillemets", point-virgule ; fin\r\nCRLF' --owner "=SOMME(A1)"
run -w odd asset add O2 --name $'tab\there' --bcp "+33 1" --drp "-1" --rto 1440m --rpo 0m --serves O1 --tag "x.y_z-1"
run -w odd scenario add "O.3" --title "\"cité\" | pipe" --asset O1,O2 --review-date 2026-02-28 --threat "@home"
run -w odd export --kind all --format json -o odd.json
run -w odd export --kind all --format csv -o odd-csv
run init odd-json
run -w odd-json import odd.json
expect_rc 0 "import odd.json:"
expect_eq "$(data_dump odd-json)" "$(data_dump odd)" "JSON round trip of awkward text"
run init odd-csv-ws
run -w odd-csv-ws import odd-csv/assets.csv --kind assets
run -w odd-csv-ws import odd-csv/scenarios.csv --kind scenarios
expect_rc 0 "import odd-csv/scenarios.csv:"
expect_eq "$(data_dump odd-csv-ws)" "$(data_dump odd)" "CSV round trip of awkward text"

finish
