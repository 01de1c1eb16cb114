#!/usr/bin/env bash
# framework import|list|show and soa set|list|clear|import: the built-in NIST
# CSF 2.0 catalog, catalogs imported from CSV, TOML and OSCAL JSON, every bad
# input refused with the workspace unchanged, controls citing requirements,
# the statement of applicability and its coverage as control states change.
source "$SOURCE_DIR/tests/e2e/lib.sh"
unset RISKMAP_WORKSPACE NO_COLOR
# flatten: turns the tree that `framework show --format json` prints into one
# object per requirement with its part and chapter, as the checks below read it.
flatten() {
  out=$(python3 -c 'import json, sys
d = json.load(sys.stdin)
print(json.dumps([{"id": r["id"], "title": r["title"], "part": p["title"], "chapter": c["title"]}
                  for p in d["parts"] for c in p["chapters"] for r in c["requirements"]],
                 ensure_ascii=False))' <<<"$out")
}

run init ws
expect_rc 0 "init ws:"

# --- The built-in catalog --------------------------------------------------------------
run -w ws framework list --format json
expect_rc 0 "framework list --format json:"
expect_json "framework list --format json:"
expect_eq "$(json '[list(f.keys()) for f in d]')" '[["id", "title", "version", "provider", "language", "source", "requirements", "urn", "copyright"]]' \
  "framework list JSON keys"
expect_eq "$(json '[d[0]["id"], d[0]["version"], d[0]["source"], d[0]["requirements"]]')" \
  '["NIST-CSF", "2.0", "built-in", 106]' "NIST CSF 2.0 is built in with its 106 subcategories"
run -w ws framework list
expect_rc 0 "framework list (table):"
expect_out "NIST-CSF" "framework list table"
expect_no_err "framework list: nothing on stderr"
run -w ws framework show NIST-CSF --format json
flatten
expect_rc 0 "framework show NIST-CSF --format json:"
expect_eq "$(json 'len(d)')" 106 "framework show: 106 requirements"
expect_eq "$(json 'list(d[0].keys())')" '["id", "title", "part", "chapter"]' "framework show JSON keys"
expect_eq "$(json '[d[0]["id"], d[0]["part"], d[0]["chapter"]]')" '["GV.OC-01", "GV Govern", "GV.OC Organizational Context"]' \
  "the first requirement, in catalog order, with its part and chapter"
expect_eq "$(json '[r["title"] for r in d if r["id"] == "PR.AA-01"][0]')" \
  "Identities and credentials for authorized users, services, and hardware are managed by the organization" \
  "PR.AA-01 carries its statement"
run -w ws framework show NIST-CSF --format csv
expect_eq "$(head -1 <<<"$out")" "id,title,part,chapter" "framework show CSV header"
run -w ws framework show NIST-CS
expect_rc 1 "framework show of an unknown framework:"
expect_err "unknown framework 'NIST-CS'" "framework show NIST-CS:"
expect_err "did you mean 'NIST-CSF'" "framework show NIST-CS:"
expect_no_out "framework show NIST-CS: nothing on stdout"

# --- Import: CSV -------------------------------------------------------------------------
cat >iso27001.csv <<'EOF'
chapter,id,title,part
5 Organizational controls,A.5.1,Policies for information security,Annex A
5 Organizational controls,A.5.2,Information security roles and responsibilities,Annex A
8 Technological controls,A.8.24,"Use of cryptography, keys included",Annex A
EOF
j0=$(journal_count ws)
run -w ws framework import iso27001.csv --title "ISO/IEC 27001:2022 Annex A" --version 2022
expect_rc 0 "framework import CSV:"
expect_no_out "framework import prints nothing on stdout"
expect_err "framework ISO27001 imported from iso27001.csv: 3 requirements" "framework import: one-line summary"
expect_eq "$(journal_count ws)" $((j0 + 1)) "framework import: one journal entry"
expect_eq "$(sqlite3 ws/riskmap.db 'select refs from journal order by id desc limit 1')" "ISO27001" \
  "framework import: the journal names the framework"
run -w ws framework list --format csv
expect_out "ISO27001,ISO/IEC 27001:2022 Annex A,2022,,,iso27001.csv,3" "the id is the file stem upper-cased"
run -w ws framework show ISO27001 --format json
flatten
expect_eq "$(json '[r["id"] for r in d]')" '["A.5.1", "A.5.2", "A.8.24"]' "requirements in file order"
expect_eq "$(json 'd[2]')" '{"id": "A.8.24", "title": "Use of cryptography, keys included", "part": "Annex A", "chapter": "8 Technological controls"}' \
  "columns in any order, quoted commas"

# Only id and title: part and chapter are null; --id names it; stdin works.
printf 'id,title\nM1,Mesure un\nM2,Mesure deux\n' | "$RISKMAP" -w ws framework import - --id NIS2 --format csv 2>"$TMP/.err"
rc=$?; err=$(cat "$TMP/.err"); out=""
expect_rc 0 "framework import from stdin with --id:"
expect_err "framework NIS2 imported from stdin: 2 requirements" "stdin import summary"
run -w ws framework show NIS2 --format json
flatten
expect_eq "$(json 'd[0]')" '{"id": "M1", "title": "Mesure un", "part": null, "chapter": null}' "no part or chapter: null"
run -w ws framework list --format json
expect_eq "$(json '[f["title"] + "|" + str(f["version"]) for f in d if f["id"] == "NIS2"][0]')" "NIS2|None" \
  "no title: the id; no version: null"

# Round trip: framework show --format csv imports back identically.
run -w ws framework show ISO27001 --format csv
printf '%s\n' "$out" >iso-export.csv
run -w ws framework import iso-export.csv --id ISO-COPY
expect_rc 0 "framework show --format csv imports back:"
run -w ws framework show ISO27001 --format csv
iso_csv=$out
run -w ws framework show ISO-COPY --format csv
expect_eq "$out" "$iso_csv" "the round trip keeps every requirement, title, part and chapter"
run -w ws framework show NIST-CSF --format csv
printf '%s\n' "$out" >csf.csv
nist_csv=$out
run -w ws framework import csf.csv --id CSF-COPY
expect_rc 0 "NIST CSF exported and imported back:"
run -w ws framework show CSF-COPY --format csv
expect_eq "$out" "$nist_csv" "the NIST CSF catalog round-trips"

# The source recorded is the file's name, not the folder it was in.
mkdir -p catalogs/v1
printf 'id,title\nC1,Un\n' >catalogs/v1/local.csv
run -w ws framework import catalogs/v1/local.csv
expect_rc 0 "framework import from a folder:"
expect_err "framework LOCAL imported from catalogs/v1/local.csv: 1 requirement" "summary names the file as given"
run -w ws framework list --format csv
expect_out "LOCAL,LOCAL,,,,local.csv,1" "the source is the file's name"

# --- Import: TOML ------------------------------------------------------------------------
cat >anssi.toml <<'EOF'
[framework]
id = "ANSSI-HYG"
title = "Guide d'hygiène informatique"
version = "2017"

[[requirement]]
id = "1"
title = "Former les équipes opérationnelles"
part = "Sensibiliser et former"
chapter = "I"

[[requirement]]
id = "2"
title = "Sensibiliser les utilisateurs"
EOF
run -w ws framework import anssi.toml
expect_rc 0 "framework import TOML:"
expect_err "framework ANSSI-HYG imported from anssi.toml: 2 requirements" "TOML: the id from [framework]"
run -w ws framework list --format json
expect_eq "$(json '[[f["title"], f["version"], f["source"]] for f in d if f["id"] == "ANSSI-HYG"][0]')" \
  "[\"Guide d'hygiène informatique\", \"2017\", \"anssi.toml\"]" "TOML: title and version from [framework]"
run -w ws framework show ANSSI-HYG --format json
flatten
expect_eq "$(json 'd')" '[{"id": "1", "title": "Former les équipes opérationnelles", "part": "Sensibiliser et former", "chapter": "I"}, {"id": "2", "title": "Sensibiliser les utilisateurs", "part": null, "chapter": null}]' \
  "TOML requirements"
run -w ws framework import anssi.toml --id HYGIENE --title "Hygiène" --version 2
expect_rc 0 "--id, --title and --version win over the file:"
run -w ws framework list --format csv
expect_out "HYGIENE,Hygiène,2,,,anssi.toml,2" "--id, --title and --version win over the file"

# --- Import: OSCAL JSON ------------------------------------------------------------------
cat >sp800-53.json <<'EOF'
{"catalog": {
  "uuid": "5e2c5cb0-5f35-4b4a-8a0e-4b1bd3b8d2a9",
  "metadata": {"title": "SP 800-53 Rev 5 (extract)", "version": "5.1.1", "oscal-version": "1.1.2"},
  "groups": [
    {"id": "ac", "class": "family", "title": "Access Control",
     "controls": [
       {"id": "ac-1", "title": "Policy and Procedures", "params": [], "parts": []},
       {"id": "ac-2", "title": "Account Management",
        "controls": [{"id": "ac-2.1", "title": "Automated System Account Management"}]}
     ]},
    {"id": "tech", "title": "Technical",
     "groups": [
       {"id": "sc", "title": "System and Communications Protection",
        "controls": [{"id": "sc-8", "title": "Transmission Confidentiality and Integrity"}]}
     ]}
  ]
}}
EOF
run -w ws framework import sp800-53.json --id SP800-53
expect_rc 0 "framework import OSCAL JSON:"
expect_err "framework SP800-53 imported from sp800-53.json: 4 requirements" "OSCAL: controls and enhancements"
run -w ws framework show SP800-53 --format json
flatten
expect_eq "$(json '[[r["id"], r["title"], r["part"], r["chapter"]] for r in d]')" \
  '[["ac-1", "Policy and Procedures", null, "Access Control"], ["ac-2", "Account Management", null, "Access Control"], ["ac-2.1", "Automated System Account Management", null, "Access Control"], ["sc-8", "Transmission Confidentiality and Integrity", "Technical", "System and Communications Protection"]]' \
  "OSCAL: a group is the chapter; nested groups: outer part, inner chapter; ids as given"
run -w ws framework list --format json
expect_eq "$(json '[[f["title"], f["version"]] for f in d if f["id"] == "SP800-53"][0]')" '["SP 800-53 Rev 5 (extract)", "5.1.1"]' \
  "OSCAL: title and version from the metadata"

# --- Bad catalogs: refused, nothing written -----------------------------------------------
before=$(snapshot ws)
j0=$(journal_count ws)
printf 'id,title,section\nX1,Un,a\n' >unknown-column.csv
run -w ws framework import unknown-column.csv
expect_rc 1 "unknown column:"
expect_err "unknown-column.csv:1: unknown column 'section'" "unknown column: file:line and the name"
expect_err "allowed: id, title, part, chapter" "unknown column: lists the allowed ones"
expect_unchanged ws "$before" "unknown column:"
printf 'id,titel\nX1,Un\n' >typo-column.csv
run -w ws framework import typo-column.csv
expect_rc 1 "column 'titel':"
expect_err "did you mean 'title'" "column 'titel':"
expect_unchanged ws "$before" "column 'titel':"
printf 'id,part\nX1,Un\n' >no-title-column.csv
run -w ws framework import no-title-column.csv
expect_rc 1 "no title column:"
expect_err "no 'title' column" "no title column:"
expect_unchanged ws "$before" "no title column:"
printf 'id,title\nX1,Un\nX2,Deux\nX1,Encore un\nX/3,Trois\n,Sans id\nX4,\nX5,Cinq,de trop\n' >bad-rows.csv
run -w ws framework import bad-rows.csv
expect_rc 1 "bad rows:"
expect_no_out "bad rows: stdout"
expect_err "bad-rows.csv: 5 errors; nothing was imported" "bad rows: all counted"
expect_err "bad-rows.csv:4: requirement id 'X1' appears twice (first at bad-rows.csv:2)" "duplicate id"
expect_err "bad-rows.csv:5: 'X/3' is not a valid requirement id" "bad id"
expect_err "bad-rows.csv:6: the id is missing" "missing id"
expect_err "bad-rows.csv:7: requirement X4: the title is missing" "missing title"
expect_err "bad-rows.csv:8: 3 fields, but the header has 2 columns" "wrong field count"
expect_unchanged ws "$before" "bad rows:"
{
  echo "id,title"
  for i in $(seq 1 25); do echo "B$i,"; done
} >bad25.csv
run -w ws framework import bad25.csv
expect_rc 1 "25 bad rows:"
expect_err "bad25.csv: 25 errors; nothing was imported" "25 bad rows: the count"
expect_err "bad25.csv:21: requirement B20: the title is missing" "the 20th is shown"
expect_err_lacks "bad25.csv:22:" "the 21st is not"
expect_err "... and 5 more" "25 bad rows: the rest counted"
expect_unchanged ws "$before" "25 bad rows:"
printf '' >empty.csv
run -w ws framework import empty.csv
expect_rc 1 "empty CSV:"
expect_err "empty.csv: the file is empty" "empty CSV:"
printf 'id,title\n' >header-only.csv
run -w ws framework import header-only.csv
expect_rc 1 "a catalog without requirements:"
expect_err "no requirements" "a catalog without requirements:"
expect_unchanged ws "$before" "empty catalogs:"
printf 'id,title\nX1,Un\n' >"bad name.csv"
run -w ws framework import "bad name.csv"
expect_rc 2 "a file stem that is no valid id:"
expect_err "'BAD NAME'" "stem id: names it"
expect_err "--id" "stem id: says to use --id"
run -w ws framework import iso27001.csv --id "ISO 27001"
expect_rc 2 "--id with a space:"
expect_err "--id: 'ISO 27001' is not a valid framework id" "--id with a space:"
printf 'id,title\nX1,Un\n' | "$RISKMAP" -w ws framework import - --format csv 2>"$TMP/.err"
rc=$?; err=$(cat "$TMP/.err")
expect_rc 2 "stdin without --id:"
expect_err "--id" "stdin without --id: says to give one"
run -w ws framework import iso27001.csv --format xml
expect_rc 2 "--format xml:"
expect_err "allowed: 'csv', 'toml', 'json'" "--format xml:"
run -w ws framework import missing.csv
expect_rc 1 "a missing file:"
expect_err "missing.csv: cannot read" "a missing file:"
expect_unchanged ws "$before" "bad names and options:"

# TOML: strict, file:line:column.
printf '[framework]\nid = "T"\n\n[[requirement]]\nid = "1"\ntitle = "Un\n' >malformed.toml
run -w ws framework import malformed.toml
expect_rc 1 "malformed TOML:"
expect_err_re "malformed.toml:6:[0-9]+: " "malformed TOML: file:line:column"
printf '[framework]\nid = "T"\n\n[[requirement]]\nid = "1"\ntitel = "Un"\n' >typo.toml
run -w ws framework import typo.toml
expect_rc 1 "unknown TOML key:"
expect_err "typo.toml:6:1: unknown key 'titel' in [[requirement]] (did you mean 'title'?)" "unknown TOML key:"
printf '[framework]\nid = "T"\nversion = 2\n\n[[requirement]]\nid = "1"\ntitle = "Un"\n' >version.toml
run -w ws framework import version.toml
expect_rc 1 "TOML version as a number:"
expect_err "version.toml:3:11: 'version' in [framework] must be a string" "TOML types are checked"
printf '[framework]\nid = "T 1"\n\n[[requirement]]\nid = "1"\ntitle = "Un"\n' >badid.toml
run -w ws framework import badid.toml
expect_rc 1 "TOML framework id with a space:"
expect_err "badid.toml:2:6: 'T 1' is not a valid framework id" "TOML bad framework id: where"
printf '[[requirement]]\nid = "1"\ntitle = "Un"\n\n[[requirement]]\nid = "1"\n' >dup.toml
run -w ws framework import dup.toml
expect_rc 1 "TOML duplicate and missing title:"
expect_err "dup.toml:5:1: requirement id '1' appears twice (first at dup.toml:1:1)" "TOML duplicate id: line:col"
expect_err "dup.toml:5:1: requirement 1: the title is missing" "TOML missing title"
printf '[framework]\nid = "T"\n' >noreq.toml
run -w ws framework import noreq.toml
expect_rc 1 "TOML without requirements:"
expect_err "[[requirement]]" "TOML without requirements:"
expect_unchanged ws "$before" "bad TOML:"

# JSON: not OSCAL, bad JSON, bad controls.
printf '{"catalog": {"groups": [{"title": "G", "controls": [{"id": "c-1"}, {"title": "No id"}, {"id": "c 2", "title": "x"}]}]}}' >badctl.json
run -w ws framework import badctl.json --id BAD
expect_rc 1 "OSCAL controls without title or id:"
expect_err "badctl.json: 3 errors; nothing was imported" "OSCAL: every bad control"
expect_err "badctl.json: catalog.groups[1].controls[1] (c-1): requirement c-1: the title is missing" "OSCAL: where"
expect_err "catalog.groups[1].controls[2]: the id is missing" "OSCAL: missing id"
expect_err "'c 2' is not a valid requirement id" "OSCAL: bad id"
printf '{"catalog": {"groups": [' >broken.json
run -w ws framework import broken.json --id BAD
expect_rc 1 "invalid JSON:"
expect_err "broken.json:1: invalid JSON" "invalid JSON: file:line"
printf '[{"id": "x", "title": "y"}]' >notoscal.json
run -w ws framework import notoscal.json --id BAD
expect_rc 1 "JSON that is not an OSCAL catalog:"
expect_err "not an OSCAL catalog" "JSON that is not an OSCAL catalog:"
printf '{"catalog": {"metadata": {"title": 3}, "groups": []}}' >badtitle.json
run -w ws framework import badtitle.json --id BAD
expect_rc 1 "OSCAL title not a string:"
expect_err "catalog.metadata.title must be a string" "OSCAL title not a string:"
expect_unchanged ws "$before" "bad JSON:"
expect_eq "$(journal_count ws)" "$j0" "refused imports write no journal entry"

# An existing id is refused without --replace.
run -w ws framework import iso27001.csv
expect_rc 1 "import of an existing framework id:"
expect_err "framework ISO27001 already exists" "existing id:"
expect_err "--replace" "existing id: says how to replace"
expect_unchanged ws "$before" "existing id:"

# --- Controls citing requirements -----------------------------------------------------------
run -w ws control add M1 --title "Annuaire central" --reference NIST-CSF:PR.AA-0
expect_rc 1 "a control citing an unknown requirement:"
expect_err "unknown requirement 'PR.AA-0' of framework NIST-CSF" "unknown requirement:"
expect_err "did you mean 'PR.AA-01'" "unknown requirement: did you mean"
expect_unchanged ws "$before" "unknown requirement:"
run -w ws control add M1 --title "Annuaire central" --reference NIST-CFS:PR.AA-01
expect_rc 1 "a control citing an unknown framework:"
expect_err "unknown framework 'NIST-CFS'" "unknown framework:"
expect_err "did you mean 'NIST-CSF'" "unknown framework: did you mean"
expect_unchanged ws "$before" "unknown framework:"
run -w ws control add M1 --title "Annuaire central" --reference "PR.AA-01"
expect_rc 2 "a reference without its framework:"
expect_err "FRAMEWORK:ID" "a reference without its framework: says the form"
expect_unchanged ws "$before" "a reference without its framework:"

run -w ws asset add A1 --name "Portail" --kind application
run -w ws scenario add R1 --title "Usurpation de compte" --asset A1
run -w ws scenario add R2 --title "Fuite" --asset A1
run -w ws scenario add R3 --title "Panne" --asset A1
run -w ws control add M1 --title "Annuaire central" --state planned --reference NIST-CSF:PR.AA-01,ISO27001:A.5.1
expect_rc 0 "control citing two frameworks:"
run -w ws control add M2 --title "MFA" --state abandoned --reference NIST-CSF:PR.AA-01
run -w ws control add M10 --title "Revue des accès" --state in-progress --reference NIST-CSF:PR.AA-01
run -w ws control link M1 R2 R1 --existing
run -w ws control link M10 R3 --additional
run -w ws control link M2 R3 --existing

# --- Replace --------------------------------------------------------------------------------
before=$(snapshot ws)
printf 'id,title\nA.5.2,Roles\nA.8.24,Crypto\n' >iso-smaller.csv
run -w ws framework import iso-smaller.csv --id ISO27001 --replace
expect_rc 1 "replace dropping a cited requirement:"
expect_err "replacing framework ISO27001 would drop 1 requirement still in use" "replace: says what is wrong"
expect_err "ISO27001:A.5.1: cited by control M1" "replace: lists the requirement and who cites it"
expect_unchanged ws "$before" "replace dropping a cited requirement:"
printf 'id,title,chapter\nA.5.1,Policies (2024),5 Organizational\nA.5.3,Segregation of duties,5 Organizational\n' >iso-next.csv
run -w ws framework import iso-next.csv --id ISO27001 --replace --version 2024
expect_rc 0 "replace keeping the cited requirement:"
expect_err "framework ISO27001 replaced from iso-next.csv: 2 requirements (1 kept, 1 added, 2 removed)" "replace: summary"
run -w ws framework show ISO27001 --format json
flatten
expect_eq "$(json '[[r["id"], r["title"], r["part"]] for r in d]')" '[["A.5.1", "Policies (2024)", null], ["A.5.3", "Segregation of duties", null]]' \
  "replace: the new catalog, kept requirements updated"
run -w ws control show M1 --format json
expect_eq "$(json 'd["references"]')" '["ISO27001:A.5.1", "NIST-CSF:PR.AA-01"]' "replace: citations kept"

# --- SoA: set, list, coverage -----------------------------------------------------------------
run -w ws soa list NIST-CSF --format json
expect_rc 0 "soa list --format json:"
expect_json "soa list --format json:"
expect_eq "$(json 'len(d)')" 106 "soa list: every requirement"
expect_eq "$(json 'list(d[0].keys())')" '["requirement", "title", "chapter", "applicable", "justification", "controls", "control_states", "scenarios", "coverage", "via", "compliance", "maturity"]' \
  "soa list JSON keys"
expect_eq "$(json 'd[0]')" '{"requirement": "GV.OC-01", "title": "The organizational mission is understood and informs cybersecurity risk management", "chapter": "GV.OC Organizational Context", "applicable": null, "justification": null, "controls": [], "control_states": [], "scenarios": [], "coverage": "none", "via": [], "compliance": "uncovered", "maturity": null}' \
  "an undecided, uncovered requirement"
expect_eq "$(json '[r for r in d if r["requirement"] == "PR.AA-01"][0]')" '{"requirement": "PR.AA-01", "title": "Identities and credentials for authorized users, services, and hardware are managed by the organization", "chapter": "PR.AA Identity Management, Authentication, and Access Control", "applicable": null, "justification": null, "controls": ["M1", "M2", "M10"], "control_states": ["planned", "abandoned", "in-progress"], "scenarios": ["R1", "R2", "R3"], "coverage": "planned", "via": [], "compliance": "planned", "maturity": null}' \
  "controls in natural order with their states; scenarios through control links; planned coverage"
run -w ws soa list NIST-CSF --format csv
expect_eq "$(head -1 <<<"$out")" "requirement,title,chapter,applicable,justification,controls,control_states,scenarios,coverage,via,compliance,maturity" "soa list CSV header"
expect_out 'PR.AA-01,"Identities and credentials for authorized users, services, and hardware are managed by the organization",' "soa list CSV row"
expect_out ',,,"M1,M2,M10","planned,abandoned,in-progress","R1,R2,R3",planned' "soa list CSV: lists joined"

j0=$(journal_count ws)
run -w ws soa set NIST-CSF PR.AA-01 GV.OC-01 --applicable yes --justification "Portail exposé"
expect_rc 0 "soa set --applicable yes:"
expect_no_out "soa set prints nothing on stdout"
expect_eq "$(journal_count ws)" $((j0 + 1)) "soa set: one journal entry"
expect_eq "$(sqlite3 ws/riskmap.db 'select refs from journal order by id desc limit 1')" "NIST-CSF:PR.AA-01,NIST-CSF:GV.OC-01" \
  "soa set: the journal names the requirements"
run -w ws soa set NIST-CSF GV.OC-02 --applicable non --justification "Hors périmètre : pas de parties prenantes externes"
expect_rc 0 "soa set --applicable non with a justification:"
run -w ws soa set NIST-CSF NIST-CSF:GV.OC-03 --applicable oui
expect_rc 0 "soa set: an item given as its ref, oui without a justification:"
run -w ws soa list NIST-CSF --format json
expect_eq "$(json '[[r["applicable"], r["justification"]] for r in d if r["requirement"] in ("GV.OC-01", "GV.OC-02", "GV.OC-03", "GV.OC-04")]')" \
  '[[true, "Portail exposé"], [false, "Hors périmètre : pas de parties prenantes externes"], [true, null], [null, null]]' \
  "soa list: decisions and justifications"

before=$(snapshot ws)
run -w ws soa set NIST-CSF GV.OC-04 --applicable no
expect_rc 2 "no without justification:"
expect_err "an exclusion must be justified" "no without justification:"
expect_unchanged ws "$before" "no without justification:"
run -w ws soa set NIST-CSF GV.OC-04 --applicable false --justification "  "
expect_rc 2 "no with a blank justification:"
expect_unchanged ws "$before" "no with a blank justification:"
run -w ws soa set NIST-CSF GV.OC-04 --applicable maybe
expect_rc 2 "--applicable maybe:"
expect_err "--applicable: 'maybe' is not allowed" "--applicable maybe:"
expect_err "'yes', 'no'" "--applicable maybe: lists the values"
expect_unchanged ws "$before" "--applicable maybe:"
run -w ws soa set NIST-CSF GV.OC-04 GV.OC-99 --applicable yes
expect_rc 1 "soa set with an unknown item:"
expect_err "unknown requirement 'GV.OC-99' of framework NIST-CSF" "unknown item:"
expect_err "did you mean" "unknown item: did you mean"
expect_unchanged ws "$before" "an unknown item leaves the others undecided too"
run -w ws soa set NIST-CFS GV.OC-04 --applicable yes
expect_rc 1 "soa set with an unknown framework:"
expect_err "unknown framework 'NIST-CFS' (did you mean 'NIST-CSF'?)" "unknown framework:"
expect_unchanged ws "$before" "soa set with an unknown framework:"
run -w ws soa set NIST-CSF GV.OC-04
expect_rc 2 "soa set without --applicable:"
expect_unchanged ws "$before" "soa set without --applicable:"

# Filters.
run -w ws soa list NIST-CSF --applicable yes --format csv
expect_eq "$(tail -n +2 <<<"$out" | cut -d, -f1 | tr '\n' ' ')" "GV.OC-01 GV.OC-03 PR.AA-01 " "--applicable yes"
run -w ws soa list NIST-CSF --applicable no --format json
expect_eq "$(json '[r["requirement"] for r in d]')" '["GV.OC-02"]' "--applicable no"
run -w ws soa list NIST-CSF --applicable undecided --format json
expect_eq "$(json 'len(d)')" 102 "--applicable undecided"
run -w ws soa list NIST-CSF --coverage planned --format json
expect_eq "$(json '[r["requirement"] for r in d]')" '["PR.AA-01"]' "--coverage planned"
run -w ws soa list NIST-CSF --coverage implemented --format json
expect_eq "$(json 'd')" '[]' "--coverage implemented: none yet"
run -w ws soa list NIST-CSF --coverage done
expect_rc 2 "--coverage done:"
expect_err "allowed: 'none', 'planned', 'implemented'" "--coverage done:"
run -w ws soa list NIST-CSF --applicable peut-etre
expect_rc 2 "--applicable peut-etre:"
expect_err "undecided" "--applicable peut-etre: lists undecided"
run -w ws soa list NIST-CS
expect_rc 1 "soa list of an unknown framework:"
expect_err "did you mean 'NIST-CSF'" "soa list NIST-CS:"
expect_no_out "soa list NIST-CS: nothing on stdout"
run -w ws soa list NIST-CSF
expect_rc 0 "soa list as a table:"
expect_out "PR.AA-01" "soa list table"

# Coverage follows the control states; abandoned controls do not count.
coverage() {
  run -w ws soa list NIST-CSF --format json
  json '[r["coverage"] for r in d if r["requirement"] == "PR.AA-01"][0]'
}
expect_eq "$(coverage)" planned "planned and in-progress controls: planned"
run -w ws control set M1 --state abandoned
run -w ws control set M10 --state abandoned
expect_eq "$(coverage)" none "only abandoned controls: none"
run -w ws control set M2 --state existing
expect_eq "$(coverage)" implemented "an existing control: implemented"
run -w ws control set M2 --state abandoned
run -w ws control set M10 --state done
expect_eq "$(coverage)" implemented "a done control: implemented"
run -w ws control set M10 --state in-progress
expect_eq "$(coverage)" planned "an in-progress control: planned"
run -w ws control set M10 --remove-reference NIST-CSF:PR.AA-01
run -w ws soa list NIST-CSF --format json
expect_eq "$(json '[[r["controls"], r["scenarios"], r["coverage"]] for r in d if r["requirement"] == "PR.AA-01"][0]')" \
  '[["M1", "M2"], ["R1", "R2", "R3"], "none"]' "a control no longer citing it is gone from the row"
run -w ws control unlink M2 R3
run -w ws soa list NIST-CSF --format json
expect_eq "$(json '[r["scenarios"] for r in d if r["requirement"] == "PR.AA-01"][0]')" '["R1", "R2"]' \
  "scenarios follow the control links"
run -w ws control set M1 --state existing
run -w ws soa list ISO27001 --format json
expect_eq "$(json '[[r["requirement"], r["controls"], r["coverage"]] for r in d]')" '[["A.5.1", ["M1"], "implemented"], ["A.5.3", [], "none"]]' \
  "soa list of an imported framework"

# A replace dropping a requirement that only has an SoA decision is refused too.
run -w ws soa set ISO27001 A.5.3 --applicable no --justification "Équipe trop petite"
before=$(snapshot ws)
printf 'id,title\nA.5.1,Policies\n' >iso-one.csv
run -w ws framework import iso-one.csv --id ISO27001 --replace
expect_rc 1 "replace dropping a decided requirement:"
expect_err "ISO27001:A.5.3: SoA decision: not applicable" "replace: names the decision"
expect_unchanged ws "$before" "replace dropping a decided requirement:"

# --- soa clear ----------------------------------------------------------------------------------
run -w ws soa clear NIST-CSF GV.OC-03 GV.OC-04
expect_rc 0 "soa clear:"
expect_err "1 decision of NIST-CSF cleared" "soa clear: counts the decisions removed"
run -w ws soa list NIST-CSF --applicable yes --format json
expect_eq "$(json '[r["requirement"] for r in d]')" '["GV.OC-01", "PR.AA-01"]' "soa clear removed the decision"
before=$(snapshot ws)
run -w ws soa clear NIST-CSF GV.OC-01 XX-01
expect_rc 1 "soa clear of an unknown item:"
expect_err "unknown requirement 'XX-01'" "soa clear of an unknown item:"
expect_unchanged ws "$before" "soa clear of an unknown item:"

# --- soa import: the CSV of soa list round-trips -------------------------------------------------
run -w ws soa list NIST-CSF --format csv
printf '%s\n' "$out" >soa.csv
soa_before=$out
run -w ws soa set NIST-CSF GV.OC-01 GV.OC-02 --applicable yes
run -w ws soa set NIST-CSF GV.OC-05 --applicable no --justification "Ajout après export"
run -w ws soa import soa.csv --framework NIST-CSF
expect_rc 0 "soa import of the soa list CSV:"
expect_no_out "soa import prints nothing on stdout"
expect_err "SoA of NIST-CSF imported from soa.csv: 3 decisions set, 1 cleared" "soa import summary"
run -w ws soa list NIST-CSF --format csv
expect_eq "$out" "$soa_before" "soa import restores the decisions exactly"
printf 'applicable,requirement\nyes,GV.OC-04\n' >soa-min.csv
run -w ws soa import soa-min.csv --framework NIST-CSF
expect_rc 0 "soa import with requirement and applicable only:"
before=$(snapshot ws)
printf 'requirement,applicable,justification\nGV.OC-05,no,\nGV.OC-9,yes,\nGV.OC-04,peut-être,\nGV.OC-04,yes,x\nGV.RM-01,,sans décision\n' >soa-bad.csv
run -w ws soa import soa-bad.csv --framework NIST-CSF
expect_rc 1 "soa import with bad rows:"
expect_err "soa-bad.csv: 5 errors; nothing was imported" "soa import: every bad row"
expect_err "soa-bad.csv:2: requirement GV.OC-05: column 'applicable': an exclusion must be justified" "soa import: no without justification"
expect_err "soa-bad.csv:3: unknown requirement 'GV.OC-9' of framework NIST-CSF" "soa import: unknown requirement"
expect_err "soa-bad.csv:4: requirement GV.OC-04: column 'applicable': 'peut-être' is not allowed" "soa import: bad value"
expect_err "soa-bad.csv:5: requirement GV.OC-04 appears twice (first at soa-bad.csv:4)" "soa import: duplicate"
expect_err "soa-bad.csv:6: requirement GV.RM-01: a justification without a decision" "soa import: justification alone"
expect_unchanged ws "$before" "soa import with bad rows:"
printf 'requirement,applicable,reason\nGV.OC-05,yes,x\n' >soa-col.csv
run -w ws soa import soa-col.csv --framework NIST-CSF
expect_rc 1 "soa import with an unknown column:"
expect_err "soa-col.csv:1: unknown column 'reason'" "soa import: unknown column"
expect_err "justification" "soa import: lists the allowed columns"
expect_unchanged ws "$before" "soa import with an unknown column:"
run -w ws soa import soa.csv --framework NIST-CS
expect_rc 1 "soa import for an unknown framework:"
expect_err "did you mean 'NIST-CSF'" "soa import for an unknown framework:"
run -w ws soa import soa.csv
expect_rc 2 "soa import without --framework:"
expect_unchanged ws "$before" "soa import refused:"

# The built-in catalog can be replaced like any other.
run -w ws framework show NIST-CSF --format csv
printf '%s\n' "$out" >csf-again.csv
run -w ws framework import csf-again.csv --id NIST-CSF --replace --title "NIST CSF (copie)"
expect_rc 0 "the built-in NIST-CSF replaced:"
expect_err "106 requirements (106 kept, 0 added, 0 removed)" "the built-in catalog replaced by itself"
run -w ws framework list --format json
expect_eq "$(json '[[f["title"], f["source"]] for f in d if f["id"] == "NIST-CSF"][0]')" '["NIST CSF (copie)", "csf-again.csv"]' \
  "the replaced built-in catalog"
run -w ws soa list NIST-CSF --applicable yes --format json
expect_eq "$(json '[r["requirement"] for r in d]')" '["GV.OC-01", "GV.OC-04", "PR.AA-01"]' "decisions survive a replace"

# Reading commands write nothing.
before=$(snapshot ws)
run -w ws framework list
run -w ws framework show ISO27001 --format json
run -w ws soa list NIST-CSF --format csv
expect_unchanged ws "$before" "reading framework and soa commands write nothing"

finish
