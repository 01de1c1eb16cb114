#!/usr/bin/env bash
# asset add|list|show|set|rm: refs, kinds and roles, lists, durations, the
# links from supporting assets to the business values they serve, removal
# refused while others refer to an asset (or forced), filters, shapes.
source "$SOURCE_DIR/tests/e2e/lib.sh"
unset RISKMAP_WORKSPACE NO_COLOR

asset_header="ref,name,kind,role,owner,description,confidentiality,integrity,availability,traceability,exposure,data,mtd,mtdl,rto,rpo,bcp,drp,serves,tags,confidentiality_source,integrity_source,availability_source,traceability_source"

run init ws
expect_rc 0 "init ws:"

# --- add -------------------------------------------------------------------------
j0=$(journal_count ws)
run -w ws asset add --name "Liquidation des prestations" --kind business-process
expect_rc 0 "asset add without a ref:"
expect_out_exact "A1" "the first generated asset ref"
expect_no_err "asset add: nothing on stderr"
expect_eq "$(journal_count ws)" $((j0 + 1)) "asset add: one journal entry"
run -w ws asset add A2 --name "Données de santé" --kind information
expect_out_exact "A2" "asset add with a ref"
run -w ws asset add --name "Portail adhérents" --kind application --exposure internet \
  --data personal,health --data financial --tag critique --tag "rgpd,internet" \
  --owner "Responsable des canaux numériques" --rto 4h --rpo 90m --bcp "PCA-4.1" --drp "PRI-01" \
  --serves A1,A2 --confidentiality G3 --integrity 3 --availability grave --traceability serious
expect_rc 0 "asset add with every field:"
expect_out_exact "A3" "a generated ref skips the refs taken"
run -w ws asset add --name "Autre"
expect_out_exact "A4" "kind defaults to other"

run -w ws asset show A3 --format json
expect_rc 0 "asset show --format json:"
expect_json "asset show --format json:"
expect_eq "$(json '",".join(d.keys())')" "$asset_header" "asset JSON keys are the CSV header, in order"
expect_eq "$(json 'd["kind"] + " " + d["role"] + " " + d["exposure"]')" "application supporting internet" \
  "an application is a supporting asset"
expect_eq "$(json 'd["data"]')" '["personal", "health", "financial"]' "--data: comma list and repetition"
expect_eq "$(json 'sorted(d["tags"])')" '["critique", "internet", "rgpd"]' "--tag: repetition and comma list"
expect_eq "$(json 'd["serves"]')" '["A1", "A2"]' "--serves"
expect_eq "$(json 'd["rto"] + " " + d["rpo"]')" "4h 1h30m" "durations: 4h, and 90m shown as 1h30m"
expect_eq "$(json '" ".join(d[k]["id"] for k in ("confidentiality", "integrity", "availability", "traceability"))')" "G3 G3 G3 G3" \
  "needs by id, position, French and English label"
expect_eq "$(json 'd["owner"] + "|" + d["bcp"] + "|" + d["drp"]')" "Responsable des canaux numériques|PCA-4.1|PRI-01" "text fields"
run -w ws asset show A1 --format json
expect_eq "$(json 'd["kind"] + " " + d["role"]')" "business-process primary" "a business process is a business value (primary)"
run -w ws asset show A4 --format json
expect_eq "$(json 'd["kind"] + " " + d["role"]')" "other supporting" "kind defaults to other"
expect_eq "$(json '[d["owner"], d["rto"], d["confidentiality"], d["data"], d["serves"]]')" "[null, null, null, [], []]" \
  "unset fields are null, empty lists []"

run -w ws asset show A3 --format csv
expect_eq "$(head -1 <<<"$out")" "$asset_header" "asset CSV header"
expect_out '"personal,health,financial",,,4h,1h30m,PCA-4.1,PRI-01,"A1,A2"' "CSV: lists joined with ','"
run -w ws asset list --format csv
expect_eq "$(head -1 <<<"$out")" "$asset_header" "asset list CSV header"
expect_eq "$(tail -n +2 <<<"$out" | cut -d, -f1 | tr '\n' ' ')" "A1 A2 A3 A4 " "asset list in ref order"
run -w ws asset list --format json
expect_json "asset list --format json:"
expect_eq "$(json 'len(d)')" 4 "asset list JSON: 4 objects"

# Refused adds write nothing.
before=$(snapshot ws)
run -w ws asset add A9 --kind server
expect_rc 2 "asset add without --name:"
expect_err "name" "asset add without --name:"
expect_unchanged ws "$before" "asset add without --name:"
run -w ws asset add A1 --name "Doublon"
expect_rc 1 "asset add of an existing ref:"
expect_err "already exists" "duplicate asset ref:"
expect_unchanged ws "$before" "duplicate asset ref:"
run -w ws asset show A1 --format json
expect_eq "$(json 'd["name"]')" "Liquidation des prestations" "the duplicate did not overwrite A1"
run -w ws asset add A9 --name x --kind aplication
expect_rc 2 "asset add --kind aplication:"
expect_err "did you mean 'application'" "--kind aplication:"
expect_err "supplier-service" "--kind aplication: lists the kinds"
expect_unchanged ws "$before" "--kind aplication:"
run -w ws asset add A9 --name x --kind "bien support"
expect_rc 2 "asset add --kind 'bien support':"
expect_unchanged ws "$before" "--kind 'bien support':"
run -w ws asset add A9 --name x --exposure internett
expect_rc 2 "--exposure internett:"
expect_err "did you mean 'internet'" "--exposure internett:"
expect_unchanged ws "$before" "--exposure internett:"
run -w ws asset add A9 --name x --data personel
expect_rc 2 "--data personel:"
expect_err "did you mean 'personal'" "--data personel:"
expect_unchanged ws "$before" "--data personel:"
run -w ws asset add "A/9" --name x
expect_rc 2 "asset add 'A/9':"
expect_unchanged ws "$before" "asset add 'A/9':"

# --- Durations ---------------------------------------------------------------------
for pair in "4h=4h" "90m=1h30m" "2d=2d" "30m=30m" "1h30m=1h30m" "1w=1w"; do
  run -w ws asset set A4 --rto "${pair%%=*}"
  expect_rc 0 "--rto ${pair%%=*}:"
  run -w ws asset show A4 --format json
  expect_eq "$(json 'd["rto"]')" "${pair#*=}" "--rto ${pair%%=*} shows as ${pair#*=}"
done
before=$(snapshot ws)
for bad in 4x 4 h "4 h" 1.5h 4hh; do
  run -w ws asset set A4 --rto "$bad"
  expect_rc 2 "--rto '$bad':"
  expect_err "'$bad'" "--rto '$bad': names the value"
  expect_err "--rto" "--rto '$bad': names the option"
  expect_unchanged ws "$before" "--rto '$bad':"
done
run -w ws asset set A4 --rpo 4x
expect_rc 2 "--rpo 4x:"
expect_err "e.g." "--rpo 4x: gives an example of a duration"

# --- serves: only to business values ---------------------------------------------------
before=$(snapshot ws)
run -w ws asset add A9 --name "Serveur" --kind server --serves A3
expect_rc 1 "--serves a supporting asset:"
expect_err "A3" "--serves A3:"
expect_err "business value" "--serves A3: says why"
expect_unchanged ws "$before" "--serves a supporting asset:"
run -w ws asset add A9 --name "Process" --kind business-process --serves A1
expect_rc 2 "a business value serving another (--serves not allowed on it):"
expect_unchanged ws "$before" "a business value serving another:"
run -w ws asset set A3 --add-serves A77
expect_rc 1 "--add-serves of an unknown asset:"
expect_err "A77" "--add-serves A77:"
expect_unchanged ws "$before" "--add-serves A77:"
run -w ws asset set A1 --role supporting
expect_rc 2 "a served business value cannot turn supporting:"
expect_err "A3" "role change refused: names the asset that serves it"
expect_unchanged ws "$before" "role change refused:"

# --- set ------------------------------------------------------------------------------
run -w ws asset set A3 --serves A2
expect_rc 0 "set --serves replaces the list:"
run -w ws asset show A3 --format json
expect_eq "$(json 'd["serves"]')" '["A2"]' "set --serves A2"
expect_eq "$(json 'd["name"] + "|" + d["exposure"] + "|" + d["rto"]')" "Portail adhérents|internet|4h" "set --serves left other fields alone"
run -w ws asset set A3 --add-serves A1 --remove-tag rgpd --add-tag expose --remove-data health
expect_rc 0 "--add-serves --remove-tag --add-tag --remove-data:"
run -w ws asset show A3 --format json
expect_eq "$(json 'sorted(d["serves"])')" '["A1", "A2"]' "--add-serves"
expect_eq "$(json 'sorted(d["tags"])')" '["critique", "expose", "internet"]' "--remove-tag/--add-tag"
expect_eq "$(json 'd["data"]')" '["personal", "financial"]' "--remove-data"
# Tags are free words: French ones carry accents.
run -w ws asset set A3 --add-tag "données-santé"
expect_rc 0 "--add-tag with accented letters:"
run -w ws asset show A3 --format json
expect_eq "$(json '"données-santé" in d["tags"]')" true "a tag with accented letters"
run -w ws asset set A3 --tag a,b
run -w ws asset show A3 --format json
expect_eq "$(json 'd["tags"]')" '["a", "b"]' "set --tag replaces the list"
run -w ws asset set A3 --clear owner --clear tags --clear rpo
expect_rc 0 "--clear owner --clear tags --clear rpo:"
run -w ws asset show A3 --format json
expect_eq "$(json '[d["owner"], d["tags"], d["rpo"], d["rto"]]')" '[null, [], null, "4h"]' "--clear empties only those fields"
before=$(snapshot ws)
run -w ws asset set A3 --clear name
expect_rc 2 "--clear name (required):"
expect_unchanged ws "$before" "--clear name:"
run -w ws asset set A3 --clear nme
expect_rc 2 "--clear nme:"
expect_err "did you mean 'name'" "--clear nme:"
expect_unchanged ws "$before" "--clear nme:"
run -w ws asset set A33 --owner x
expect_rc 1 "asset set A33:"
expect_err "did you mean 'A3'" "asset set A33:"
expect_unchanged ws "$before" "asset set A33:"

# --- rm: refused while named, unless --force ---------------------------------------------
run -w ws scenario add R1 --title "Fuite" --asset A2,A3
run -w ws scenario add R2 --title "Panne" --asset A3
before=$(snapshot ws)
j0=$(journal_count ws)
run -w ws asset rm A3
expect_rc 1 "asset rm A3 named by scenarios:"
expect_no_out "asset rm refused:"
expect_err "R1" "asset rm refused: lists R1"
expect_err "R2" "asset rm refused: lists R2"
expect_err "--force" "asset rm refused: says how to force"
expect_unchanged ws "$before" "asset rm refused:"
run -w ws asset rm A2
expect_rc 1 "asset rm A2 served by A3 and named by R1:"
expect_err "A3" "asset rm A2: lists the asset serving it"
expect_err "R1" "asset rm A2: lists the scenario naming it"
expect_unchanged ws "$before" "asset rm A2 refused:"
run -w ws asset rm A4 A3
expect_rc 1 "asset rm A4 A3 (A3 named):"
expect_unchanged ws "$before" "rm of several refs is all or nothing"

run -w ws asset rm A3 --force
expect_rc 0 "asset rm A3 --force:"
expect_no_out "asset rm --force prints no data"
expect_eq "$(journal_count ws)" $((j0 + 1)) "asset rm --force: one journal entry"
run -w ws asset show A3
expect_rc 1 "A3 is gone"
run -w ws scenario show R1 --format json
expect_eq "$(json 'd["assets"]')" '["A2"]' "--force removed R1's link to A3"
run -w ws scenario show R2 --format json
expect_eq "$(json 'd["assets"]')" '[]' "--force removed R2's link to A3"
run -w ws asset rm A4
expect_rc 0 "asset rm of an asset nobody names:"
run -w ws asset rm A1
expect_rc 0 "A1 is no longer served (A3 is gone): rm works"

# --- list filters, on the example ------------------------------------------------------
run init ex --example
refs() { tail -n +2 <<<"$out" | cut -d, -f1 | tr '\n' ' '; }
run -w ex asset list --kind application --format csv
expect_rc 0 "asset list --kind application:"
expect_eq "$(tail -n +2 <<<"$out" | cut -d, -f3 | sort -u)" application "--kind application: only applications"
checks=$((checks + 1)); [ "$(tail -n +2 <<<"$out" | wc -l)" -ge 1 ] || fail "--kind application: none listed"
run -w ex asset list --role primary --format csv
expect_eq "$(tail -n +2 <<<"$out" | cut -d, -f4 | sort -u)" primary "--role primary: only business values"
run -w ex asset list --exposure internet --format json
expect_eq "$(json 'sorted(set(a["exposure"] for a in d))')" '["internet"]' "--exposure internet"
run -w ex asset list --tag critique --format json
expect_eq "$(json 'all("critique" in a["tags"] for a in d) and len(d) > 0')" true "--tag critique"
run -w ex asset list --kind aplication
expect_rc 2 "asset list --kind aplication:"
expect_err "did you mean 'application'" "asset list --kind aplication:"
run -w ex asset show A99
expect_rc 1 "asset show A99:"
expect_err "unknown asset 'A99'" "asset show A99:"
expect_err "did you mean 'A9'" "asset show A99:"
before=$(snapshot ex)
run -w ex asset list
run -w ex asset show A8 --format json
expect_unchanged ex "$before" "reading asset commands write nothing"

finish
