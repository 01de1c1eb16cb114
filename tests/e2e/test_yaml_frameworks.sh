#!/usr/bin/env bash
# framework import of YAML libraries (frameworks and requirement mapping
# sets), framework show/mappings, and the SoA through mappings: ref id
# normalisation, translations, headings, re-import of a newer version,
# coverage in both directions of a mapping file, maturity scores, and every
# bad file refused with the workspace unchanged.
source "$SOURCE_DIR/tests/e2e/lib.sh"
unset RISKMAP_WORKSPACE NO_COLOR
Y="$SOURCE_DIR/tests/data/yaml"

run init en --lang en
expect_rc 0 "init en:"
run init fr --lang fr
expect_rc 0 "init fr:"

# --- A framework library ------------------------------------------------------------
run -w en framework import "$Y/framework-basic.yaml"
expect_rc 0 "import framework-basic:"
expect_err "framework TEST-BASIC imported from $Y/framework-basic.yaml: 5 requirements"
expect_err "ignored what riskmap does not use: threats, reference_controls" "import: ignored objects"
run -w en framework list --format json
expect_eq "$(json '[f for f in d if f["id"] == "TEST-BASIC"][0]["urn"]')" \
  "urn:riskmap:risk:framework:test-basic" "framework list: urn"
expect_eq "$(json '[[f["version"], f["language"], f["provider"], f["source"]] for f in d if f["id"] == "TEST-BASIC"][0]')" \
  '["1", "en", "riskmap", "framework-basic.yaml"]' "framework list: version, language, provider, source"
run -w en framework show TEST-BASIC --format csv
expect_out_exact 'id,title,part,chapter
AC-1,Account management,1. Access control,1.1 Accounts
ac-2,Strong authentication,1. Access control,1.1 Accounts
OP-1,Backups,,2. Operations
OP-1.a,Offline copy,,2. Operations
OP-1.b,Restore tests,,2. Operations' \
  "ids normalised (stray spaces), from the urn when missing; headings as part and chapter"
run -w en framework show TEST-BASIC --format json
expect_json "show --format json"
expect_eq "$(json '[c["title"] for p in d["parts"] for c in p["chapters"]]')" \
  '["1.1 Accounts", "2. Operations"]' "show json: the tree of headings"
expect_eq "$(json 'd["parts"][0]["chapters"][0]["requirements"][0]["original_id"]')" "AC- 1" \
  "show json: the library's ref_id is kept"
expect_eq "$(json '[l["name"] for l in d["maturity"]]')" '["Absent", "Partial", "Largely", "Full"]' \
  "show json: the maturity scale"
expect_eq "$(json 'd["parts"][0]["chapters"][0]["requirements"][0]["urn"]')" \
  "urn:riskmap:risk:req_node:test-basic:ac-1" "show json: urn"

# In a French workspace the texts come in French where the library has them.
run -w fr framework import "$Y/framework-basic.yaml"
expect_rc 0 "import in fr:"
run -w fr framework show TEST-BASIC --format json
expect_eq "$(json 'd["title"]')" "Référentiel de test simple" "fr: the framework's name, escapes decoded"
expect_eq "$(json 'd["language"]')" "fr" "fr: the language the texts were taken in"
expect_eq "$(json 'd["parts"][0]["title"]')" "1. Contrôle d’accès" "fr: headings in French, \\u2019 decoded"

# The same version again changes nothing.
before=$(data_dump en)
run -w en framework import "$Y/framework-basic.yaml"
expect_rc 0 "re-import, same version:"
expect_err "already imported at that version: nothing changed"
expect_eq "$(data_dump en)" "$before" "re-import, same version: the data did not change"

# --- Mappings and coverage ---------------------------------------------------------------
run -w en framework import "$Y/mapping-basic.yaml"
expect_rc 0 "import mapping-basic:"
expect_err "4 mappings between TEST-BASIC and NIST-CSF"
run -w en framework mappings TEST-BASIC --format csv
expect_out "TEST-BASIC:OP-1,equal,NIST-CSF:PR.DS-11" "mappings: equal"
expect_out "TEST-BASIC:ac-2,subset,NIST-CSF:PR.AA-03" "mappings: subset"
expect_out "TEST-BASIC:OP-1,superset,NIST-CSF:RC.RP-03" "mappings: superset"
expect_out "TEST-BASIC:AC-1,intersect,NIST-CSF:PR.AA-01" "mappings: intersect"

# Nothing cites anything yet: everything uncovered.
run -w en soa list TEST-BASIC --format json
expect_eq "$(json '[r["compliance"] for r in d]')" \
  '["uncovered", "uncovered", "uncovered", "uncovered", "uncovered"]' "no control: uncovered"

# Controls citing the NIST CSF side.
run -w en control add M1 --title "MFA everywhere" --state existing --reference NIST-CSF:PR.AA-03
run -w en control add M2 --title "Account reviews" --state existing --reference NIST-CSF:PR.AA-01
run -w en control add M3 --title "Restore drills" --state planned --reference NIST-CSF:RC.RP-03
run -w en soa list TEST-BASIC --format json
# ac-2 is a subset of PR.AA-03: the cited requirement holds it whole.
expect_eq "$(json '{r["requirement"]: [r["compliance"], r["via"]] for r in d}["ac-2"]')" \
  '["covered", ["NIST-CSF:PR.AA-03 (superset)"]]' "subset in the file: the cited one is a superset, covered"
expect_eq "$(json '{r["requirement"]: [r["compliance"], r["via"]] for r in d}["AC-1"]')" \
  '["partly", ["NIST-CSF:PR.AA-01 (intersect)"]]' "intersect: partly covered"
expect_eq "$(json '{r["requirement"]: r["compliance"] for r in d}["OP-1"]')" "planned" \
  "a planned control through a mapping: planned"
run -w en control set M3 --state done
run -w en soa list TEST-BASIC --format json
expect_eq "$(json '{r["requirement"]: [r["compliance"], r["via"]] for r in d}["OP-1"]')" \
  '["partly", ["NIST-CSF:RC.RP-03 (subset)"]]' "superset in the file: the cited one is a subset, partly"
run -w en control add M4 --title "Backups" --state existing --reference NIST-CSF:PR.DS-11
run -w en soa list TEST-BASIC --format json
expect_eq "$(json '{r["requirement"]: r["compliance"] for r in d}["OP-1"]')" "covered" "equal: covered"
expect_eq "$(json '{r["requirement"]: r["coverage"] for r in d}["OP-1"]')" "none" \
  "coverage stays the direct one"
run -w en soa list TEST-BASIC --compliance partly --format csv
expect_eq "$(cut -d, -f1 <<<"$out" | tr '\n' ' ')" "requirement AC-1 " "--compliance partly"
bad en 2 "--compliance off the list" soa list TEST-BASIC --compliance half
expect_err "allowed: 'covered', 'partly', 'planned', 'uncovered'"

# The reverse file gives the same answers from the other side.
run -w fr framework import "$Y/mapping-basic-reverse.yaml"
expect_rc 0 "import the reverse mapping:"
run -w fr control add M1 --title "MFA" --state existing --reference NIST-CSF:PR.AA-03
run -w fr control add M2 --title "Revues" --state existing --reference NIST-CSF:PR.AA-01
run -w fr control add M3 --title "Exercices" --state existing --reference NIST-CSF:RC.RP-03
run -w fr soa list TEST-BASIC --format json
expect_eq "$(json '[[r["requirement"], r["compliance"]] for r in d if r["via"]]')" \
  '[["AC-1", "partly"], ["ac-2", "covered"], ["OP-1", "partly"]]' "reverse file: same coverage"

# --- Maturity ------------------------------------------------------------------------------
run -w en soa set TEST-BASIC AC-1 --maturity Largely
expect_rc 0 "maturity by name:"
expect_err "1 requirement of TEST-BASIC at maturity 3 (Largely)"
run -w en soa set TEST-BASIC ac-2 --maturity 2
run -w en soa list TEST-BASIC --format json
expect_eq "$(json '[[r["requirement"], r["maturity"], r["applicable"]] for r in d][:2]')" \
  '[["AC-1", 3, true], ["ac-2", 2, true]]' "maturity recorded; the requirement becomes applicable"
bad en 2 "maturity off the scale" soa set TEST-BASIC AC-1 --maturity 7
expect_err "allowed: 1 (Absent), 2 (Partial), 3 (Largely), 4 (Full)"
run -w en soa set TEST-BASIC OP-1.a --applicable no --justification "No offline media"
bad en 2 "maturity of an excluded requirement" soa set TEST-BASIC OP-1.a --maturity 2
expect_err "not applicable"
bad en 2 "maturity on a framework without a scale" soa set NIST-CSF PR.AA-01 --maturity 2
expect_err "NIST-CSF has no maturity scale"
bad en 2 "soa set without a decision" soa set TEST-BASIC AC-1

# --- A newer version ---------------------------------------------------------------------
# Version 2 drops OP-1.a, which holds an SoA decision: refused with the list.
bad en 1 "v2 would drop a decided requirement" framework import "$Y/framework-basic-v2.yaml"
expect_err "TEST-BASIC:OP-1.a: SoA decision: not applicable"
run -w en soa clear TEST-BASIC OP-1.a
run -w en framework import "$Y/framework-basic-v2.yaml"
expect_rc 0 "import v2:"
expect_err "framework TEST-BASIC updated from $Y/framework-basic-v2.yaml: 5 requirements (4 kept, 1 added, 1 removed)"
run -w en framework show TEST-BASIC --format csv
expect_out "OP-1.b,Quarterly restore tests" "v2: renamed"
expect_out "OP-2,Activity logs" "v2: added"
expect_out_lacks "OP-1.a" "v2: removed"
run -w en soa list TEST-BASIC --format json
expect_eq "$(json '{r["requirement"]: r["maturity"] for r in d}["AC-1"]')" "3" "v2 keeps the SoA rows"
run -w en framework mappings TEST-BASIC --format csv
expect_out "TEST-BASIC:OP-1,equal,NIST-CSF:PR.DS-11" "v2 keeps the mappings"
# An older version is refused unless --replace.
bad en 1 "an older version" framework import "$Y/framework-basic.yaml"
expect_err "holds version 2 of framework TEST-BASIC, newer than this file's version 1"

# --- Ids ----------------------------------------------------------------------------------
run init ids
run -w ids framework import "$Y/framework-basic.yaml" --id BASIC
expect_rc 0 "--id:"
run -w ids framework list --format csv
expect_out "BASIC," "--id names the framework"
bad ids 2 "--title on a library" framework import "$Y/framework-basic-v2.yaml" --title X
bad ids 1 "--id other than the one in the workspace" framework import "$Y/framework-basic-v2.yaml" --id OTHER
expect_err "already in the workspace as BASIC"
# From stdin, recognised by its content.
run init stdin
"$RISKMAP" -w stdin framework import - <"$Y/framework-basic.yaml" 2>"$TMP/.err"
rc=$?
err=$(cat "$TMP/.err")
expect_rc 0 "import from stdin:"
expect_err "framework TEST-BASIC imported from stdin"

# --- Bad files: a clear message, nothing imported ------------------------------------------
bad en 1 "not YAML" framework import "$Y/bad-not-yaml.yaml"
expect_err "$Y/bad-not-yaml.yaml:7:14: invalid YAML"
bad en 1 "not a library" framework import "$Y/bad-not-library.yaml"
expect_err "not a library"
bad en 1 "nothing usable" framework import "$Y/bad-nothing-usable.yaml"
expect_err "holds none of framework, risk_matrix, requirement_mapping_set (it holds: threats)"
bad en 1 "an unknown urn in a mapping" framework import "$Y/bad-mapping-unknown-urn.yaml"
expect_err "urn:intuitem:risk:req_node:nist-csf-2.0:pr.zz-99 is not a requirement of framework NIST-CSF"
expect_err_re "bad-mapping-unknown-urn.yaml:[0-9]+:[0-9]+: target requirement" "the mapping's line"
bad en 1 "a mapping of frameworks not imported" framework import "$Y/bad-mapping-missing-framework.yaml"
expect_err "urn:riskmap:risk:framework:absent"
expect_err "the library depends on urn:riskmap:risk:library:absent"
printf 'urn: x\nobjects:\n  risk_matrix:\n    urn: m\n' >matrix.yaml
bad en 1 "a risk matrix given to framework import" framework import matrix.yaml
expect_err "riskmap method apply matrix.yaml"
printf '\xff\xfe' >binary.yaml
bad en 1 "not UTF-8" framework import binary.yaml
expect_err "not valid UTF-8"
printf 'urn: x\nobjects:\n  framework:\n    urn: f\n    requirement_nodes:\n    - urn: a\n      assessable: false\n' >noreq.yaml
bad en 1 "a framework without requirements" framework import noreq.yaml
expect_err "has no assessable requirement node"

# A copy of the library under another framework urn names the same requirement urns.
sed 's/urn:riskmap:risk:framework:test-basic/urn:riskmap:risk:framework:test-copy/' \
  "$Y/framework-basic.yaml" >copy.yaml
bad ids 1 "requirement urns held by another framework" framework import copy.yaml --id COPY
expect_err "urn urn:riskmap:risk:req_node:test-basic:ac-1 is already a requirement of framework BASIC"
# Two nodes of one framework with the same urn.
printf 'urn: x\nobjects:\n  framework:\n    urn: f\n    requirement_nodes:\n    - urn: a\n      assessable: true\n    - urn: a\n      assessable: true\n' >twice.yaml
bad ids 1 "a urn twice in a framework" framework import twice.yaml
expect_err "twice.yaml:8:7: urn a appears twice (first at twice.yaml:6:7)"

# --- The example mission: a fictional directive mapped to NIST CSF -------------------------
run init ex --example
expect_rc 0 "init --example:"
run -w ex framework list --format csv
expect_out "DNF-2026," "the example holds the fictional directive"
run -w ex soa list DNF-2026 --format json
expect_eq "$(json 'len(d)')" 14 "14 measures"
expect_eq "$(json '[r["requirement"] for r in d if r["requirement"].startswith("ACCES")]')" \
  '["ACCES-AUTH", "ACCES-PRIV"]' "the stray space of ACCES- PRIV normalised"
expect_eq "$(json 'sorted(set(r["compliance"] for r in d))')" '["covered", "partly", "planned"]' \
  "the example exercises covered, partly and planned"
expect_eq "$(json 'all(r["applicable"] and r["maturity"] is not None for r in d)')" "true" \
  "every measure decided, with a maturity"
run -w ex framework show DNF-2026 --format json
expect_eq "$(json '[l["name"] for l in d["maturity"]]')" \
  '["Inexistant", "Initial", "Reproductible", "Défini", "Maîtrisé", "Optimisé"]' "its maturity scale"
expect_eq "$(json 'len(d["parts"])')" 4 "4 chapters"

finish
