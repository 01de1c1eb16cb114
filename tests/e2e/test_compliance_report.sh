#!/usr/bin/env bash
# The compliance deliverables (soa, compliance, the summary's key figures,
# the recommendations by chapter) and the referentials named in the method
# kit, the summary and the register, over a workspace holding the YAML
# fixture framework and its mapping to the built-in NIST CSF, controls
# citing both (directly and through the mapping), SoA decisions (one
# exclusion) and maturity scores: the exact figures, the "via" texts, the
# gaps and the scenarios they leave exposed, the maturity names, in French
# and English; [mission] referentials (adopted, unknown, malformed); a
# framework held but not assessed stays one line; output is deterministic
# and well-formed (front matter, tables, pandoc); the example mission with
# its fictional directive renders.
source "$SOURCE_DIR/tests/e2e/lib.sh"
unset RISKMAP_WORKSPACE NO_COLOR

T=2026-06-01
NBSP=$(printf '\xc2\xa0')      # before ':' and ';' and inside « » in French
NNBSP=$(printf '\xe2\x80\xaf') # before ':' in the register, as its template writes it
YAML=$SOURCE_DIR/tests/data/yaml

check() { python3 "$SOURCE_DIR/tests/e2e/deliverables.py" "$@"; }
expect_none() { checks=$((checks + 1)); [ -z "$2" ] || { rc=-; out=$2; err=; fail "$1"; }; }
has() { checks=$((checks + 1)); grep -qF -- "$2" "$1" || { rc=-; out=; err=; fail "${3:-} $1 lacks: $2"; }; }
lacks() { checks=$((checks + 1)); ! grep -qF -- "$2" "$1" || { rc=-; out=$(grep -F -- "$2" "$1" | head -3); err=; fail "${3:-} $1 should not hold: $2"; }; }
# lacks_word FILE WORD WHAT: the file does not hold WORD, in any case.
lacks_word() { checks=$((checks + 1)); ! grep -qiw -- "$2" "$1" || { rc=-; out=$(grep -iw -- "$2" "$1" | head -3); err=; fail "${3:-} $1 should not name: $2"; }; }
# row FILE START TEXT WHAT: the table row starting with START holds TEXT.
row() { checks=$((checks + 1)); grep -F -- "$2" "$1" | grep -qF -- "$3" || { rc=-; out=$(grep -F -- "$2" "$1" | head -3); err=; fail "${4:-} $1: the row $2 lacks: $3"; }; }
ok() { run "$@"; expect_rc 0 "$*:"; }
tree_sum() { if [ -d "$1" ]; then (cd "$1" && find . -type f | LC_ALL=C sort | xargs -r sha256sum) | sha256sum; else echo absent; fi; }

# --- The workspace ------------------------------------------------------------------
# TEST-BASIC (imported in French: the fixture's translations) has five
# requirements under two headings:
#   "1. Contrôle d’accès" (part; chapter "1.1 Comptes"): AC-1, ac-2
#   "2. Exploitation" (chapter): OP-1, OP-1.a, OP-1.b
# The mapping to NIST CSF: OP-1 equal PR.DS-11, ac-2 subset PR.AA-03, OP-1
# superset RC.RP-03, AC-1 intersect PR.AA-01. Seen from TEST-BASIC, a control
# citing PR.DS-11 holds OP-1 whole (equal), one citing PR.AA-03 holds ac-2
# whole (superset), one citing PR.AA-01 covers AC-1 in part (intersect).
ok init W --name 'Caisse de test' --lang fr
ok -w W framework import "$YAML/framework-basic.yaml"
ok -w W framework import "$YAML/mapping-basic.yaml"
ok -w W control add M1 --title 'Comptes nominatifs' --state existing --reference NIST-CSF:PR.AA-01
ok -w W control add M2 --title 'Authentification multifacteur' --state planned --reference NIST-CSF:PR.AA-03
ok -w W control add M3 --title 'Tests de restauration trimestriels' --state existing --reference TEST-BASIC:OP-1
ok -w W control add M5 --title 'Sauvegarde externalisée' --state done --reference NIST-CSF:PR.DS-11
ok -w W control add M8 --title 'Revue des comptes' --state planned --reference NIST-CSF:PR.AA-01
# Levels (ebios-rm): V3×G3 high (Élevé), V2×G2 low (Faible), V1×G4 medium (Moyen).
ok -w W scenario add R1 --title 'Prise de contrôle d’un compte distant' --likelihood V3 --impact G3 --additional-control M2
ok -w W scenario add R2 --title 'Usurpation d’un compte partagé' --likelihood V2 --impact G2 \
  --existing-control M1 --additional-control M8
ok -w W scenario add R3 --title 'Perte des sauvegardes' --likelihood V1 --impact G4 --existing-control M3
ok -w W soa set TEST-BASIC OP-1.a --applicable no --justification 'Copie hors ligne assurée par l’hébergeur | <b>'
# Maturity on the fixture's scale (1 Absent, 2 Partial, 3 Largely, 4 Full), by score or by
# name; a score makes the requirement applicable.
ok -w W soa set TEST-BASIC AC-1 --maturity 2
ok -w W soa set TEST-BASIC ac-2 --maturity absent
ok -w W soa set TEST-BASIC OP-1 --maturity Full
db_before=$(snapshot W)

# Where TEST-BASIC stands:
#   AC-1   applicable (maturity)  partly covered: M1 existing via PR.AA-01 (intersect); M8 planned
#                                 there too, linked to R2: R2 is exposed
#   ac-2   applicable (maturity)  planned: M2 planned via PR.AA-03 (superset), linked to R1: R1 exposed
#   OP-1   applicable (maturity)  covered: M3 cites it (existing), M5 done via PR.DS-11 (equal)
#   OP-1.a not applicable, justified
#   OP-1.b undecided              not covered: nothing answers it
# So: 5 requirements, 4 applicable (1 undecided), 1 covered, 1 partly, 1 planned,
# 1 not covered, 1 not applicable. By heading: "1. Contrôle d’accès" 2 applicable,
# 0 covered, 1 partly, 1 planned, 0 not covered, maturity (2+1)/2 = 1,5 over 2;
# "2. Exploitation" 2 applicable, 1 covered, 1 not covered, 1 not applicable,
# maturity 4 over 1; in all, maturity (2+1+4)/3 = 2,33 over 3.
# Where NIST CSF stands (no decision: its 106 requirements are applicable):
#   PR.AA-01 covered (M1), PR.AA-03 planned (M2), PR.DS-11 covered (M5, and M3
#   through OP-1, equal), RC.RP-03 covered (M3 through OP-1, which holds it
#   whole: superset); the 102 others not covered.
# Both are assessed (controls cite them); the referentials are both, by id.

for lang in fr en; do
  run -w W report all --lang "$lang" --today "$T"
  expect_rc 0 "report all --lang $lang:"
  dir=W/deliverables/$lang
  for file in soa.md soa.csv compliance.md compliance.csv summary.md recommendations.md method.md register.md; do
    checks=$((checks + 1))
    [ -s "$dir/$file" ] || fail "report all --lang $lang: no $file"
  done
  md="$dir/soa.md $dir/compliance.md $dir/summary.md $dir/recommendations.md $dir/method.md $dir/register.md"
  expect_none "$lang: front matter" "$(check frontmatter "$T" $md)"
  expect_none "$lang: tables intact" "$(check tables $md)"
  expect_none "$lang: no empty section" "$(check empty_sections $md)"
  # No referential the workspace does not hold is named anywhere.
  for word in ISO 27001 27005 DNSSI directive 09-08 RGPD GDPR; do
    for f in "$dir"/*.md; do lacks_word "$f" "$word" "$lang: no fixed referential:"; done
  done
done
expect_unchanged W "$db_before" "report (both languages):"
F=W/deliverables/fr
E=W/deliverables/en

# --- The statement of applicability ---------------------------------------------------
has $F/soa.md "## TEST-BASIC — Référentiel de test simple" "soa (fr): a section for the fixture"
has $F/soa.md "- **Éditeur${NBSP}:** riskmap" "soa (fr): its publisher"
has $F/soa.md "- **Version de la bibliothèque${NBSP}:** 1" "soa (fr): a library's version said so"
has $F/soa.md "- **Version${NBSP}:** 2.0" "soa (fr): NIST CSF's own version"
has $F/soa.md "- **Exigences applicables${NBSP}:** 4 (dont 1 sans décision d’applicabilité)" "soa (fr): applicable"
has $F/soa.md "- **Exigences non applicables, justifiées${NBSP}:** 1" "soa (fr): not applicable"
has $F/soa.md "- **Échelle de maturité du référentiel${NBSP}:** de 1 (Absent) à 4 (Full)" "soa (fr): the scale"
has $F/soa.md "| 1\\. Contrôle d’accès | 2 | 0 | 1 | 1 | 0 | 0 |" "soa (fr): counts of the first heading"
has $F/soa.md "| 2\\. Exploitation | 2 | 1 | 0 | 0 | 1 | 1 |" "soa (fr): counts of the second heading"
has $F/soa.md "| **Total** | **4** | **1** | **1** | **1** | **1** | **1** |" "soa (fr): the framework's totals"
has $F/soa.md "| **Total** | **106** | **3** | **0** | **1** | **102** | **0** |" "soa (fr): NIST CSF's totals"
has $F/soa.md "- **OP-1.a** Copie hors ligne${NBSP}: Copie hors ligne assurée par l’hébergeur \\| &lt;b&gt;" \
  "soa (fr): the exclusion and its justification, escaped"
has $F/soa.md "### 1\\. Contrôle d’accès" "soa (fr): grouped by heading"
has $F/soa.md "#### 1.1 Comptes" "soa (fr): the chapter under its part"
row $F/soa.md "| AC-1 |" "| Oui | M1 (Existante), M8 (Prévue) via NIST-CSF:PR.AA-01 (intersect) | R2 (Faible) | 2 Partial | Partiellement couverte |" \
  "soa (fr): AC-1 through the mapping"
row $F/soa.md "| ac-2 |" "| Oui | M2 (Prévue) via NIST-CSF:PR.AA-03 (superset) | R1 (Élevé) | 1 Absent | Prévue |" "soa (fr): ac-2"
row $F/soa.md "| OP-1 |" "| Oui | M3 Tests de restauration trimestriels (Existante)${NBSP}; M5 (Réalisée) via NIST-CSF:PR.DS-11 (equal) | R3 (Moyen) | 4 Full | Couverte |" \
  "soa (fr): OP-1, directly and through the mapping"
row $F/soa.md "| OP-1.a |" "| Non — Copie hors ligne assurée par l’hébergeur \\| &lt;b&gt; |  |  |  | — |" "soa (fr): OP-1.a excluded"
row $F/soa.md "| OP-1.b |" "| *À décider* |  |  |  | Non couverte |" "soa (fr): OP-1.b"
row $F/soa.md "| RC.RP-03 |" "| M3 (Existante) via TEST-BASIC:OP-1 (superset) | R3 (Moyen) | Couverte |" \
  "soa (fr): NIST CSF covered through the fixture"
row $E/soa.md "| AC-1 |" "| Yes | M1 (Existing), M8 (Planned) via NIST-CSF:PR.AA-01 (intersect) | R2 (Low) | 2 Partial | Partly covered |" \
  "soa (en): AC-1 through the mapping"
row $E/soa.md "| OP-1.b |" "| *To be decided* |  |  |  | Not covered |" "soa (en): OP-1.b"
has $E/soa.md "- **Applicable requirements:** 4 (of which 1 with no applicability decision yet)" "soa (en): applicable"
has $E/soa.md "This framework's texts are quoted in its own language, French." "soa (en): the fixture's French texts said so"
has $E/soa.md "- **Library version:** 1" "soa (en): a library's version said so"
lacks $F/soa.md "Référentiels détenus" "soa (fr): every framework held is assessed"
for lang in fr en; do
  printf '%s' "$(check csv W/deliverables/$lang/soa.csv)" >"$TMP/csv.json"
  expect_eq "$(py_eval 'd["widths"]' "$TMP/csv.json")" "[14]" "soa.csv ($lang): 14 cells a row"
  expect_eq "$(py_eval 'd["count"]' "$TMP/csv.json")" 111 "soa.csv ($lang): NIST CSF's 106 requirements and the fixture's 5"
  expect_eq "$(py_eval '[r[10:13] for r in d["rows"] if r[3] == "OP-1"][0]' "$TMP/csv.json")" \
    '["M5 ('"$([ $lang = fr ] && echo Réalisée || echo Done)"') via NIST-CSF:PR.DS-11 (equal)", "4", "Full"]' "soa.csv ($lang): OP-1's mapping and maturity"
done

# --- The compliance deliverable --------------------------------------------------------
C=$F/compliance.md
has $C "## TEST-BASIC — Référentiel de test simple" "compliance (fr): a section for the fixture"
has $C "- **Exigences applicables${NBSP}:** 4 sur 5, dont 1 sans décision d’applicabilité" "compliance (fr): applicable"
has $C "- **Écarts${NBSP}:** 3" "compliance (fr): three gaps"
has $C "| 1\\. Contrôle d’accès | 2 | 0 | 1 | 1 | 0 | 1,5 (2) |" "compliance (fr): first heading, maturity 1,5 over 2"
has $C "| 2\\. Exploitation | 2 | 1 | 0 | 0 | 1 | 4 (1) |" "compliance (fr): second heading"
has $C "| **Total** | **4** | **1** | **1** | **1** | **1** | **2,33 (3)** |" "compliance (fr): totals"
has $C "| **Total** | **106** | **3** | **0** | **1** | **102** |" "compliance (fr): NIST CSF, no maturity column"
has $C "| AC-1 | Gestion des comptes | Partiellement couverte | M1 (Existante), M8 (Prévue) via NIST-CSF:PR.AA-01 (intersect) | R2 (Faible) |" \
  "compliance (fr): AC-1's gap exposes R2 (M8 planned), not through M1 (existing)"
has $C "| ac-2 | Authentification forte | Prévue | M2 (Prévue) via NIST-CSF:PR.AA-03 (superset) | R1 (Élevé) |" \
  "compliance (fr): ac-2's gap exposes R1"
has $C "| OP-1.b | Tests de restauration | Non couverte | — | — |" "compliance (fr): OP-1.b, nothing answers it"
lacks $C "| OP-1 | Sauvegardes | Couverte" "compliance (fr): a covered requirement is no gap"
lacks $C "| OP-1.a |" "compliance (fr): an excluded requirement is no gap"
has $C "| 1 | Absent | Nothing is done. |" "compliance (fr): the scale, as the catalog has it"
has $C "Maturité relevée pour 3 exigences${NBSP}:" "compliance (fr): scored requirements"
has $C "| OP-1 | Sauvegardes | 4 Full |" "compliance (fr): OP-1's maturity by name"
has $C "| ac-2 | Authentification forte | 1 Absent |" "compliance (fr): ac-2's maturity by name"
has $C "Ce référentiel ne définit pas d’échelle de maturité." "compliance (fr): NIST CSF has no scale"
has $C "**Scénarios exposés${NBSP}:** les scénarios de risque liés" "compliance (fr): the exposure rule stated"
has $E/compliance.md "| 1\\. Contrôle d’accès | 2 | 0 | 1 | 1 | 0 | 1.5 (2) |" "compliance (en): maturity 1.5"
has $E/compliance.md "| AC-1 | Gestion des comptes | Partly covered | M1 (Existing), M8 (Planned) via NIST-CSF:PR.AA-01 (intersect) | R2 (Low) |" \
  "compliance (en): AC-1's gap"
has $E/compliance.md "| OP-1.b | Tests de restauration | Not covered | — | — |" "compliance (en): OP-1.b"
for lang in fr en; do
  printf '%s' "$(check csv W/deliverables/$lang/compliance.csv)" >"$TMP/csv.json"
  expect_eq "$(py_eval 'd["widths"]' "$TMP/csv.json")" "[11]" "compliance.csv ($lang): 11 cells a row"
  expect_eq "$(py_eval 'd["count"]' "$TMP/csv.json")" 111 "compliance.csv ($lang): one row per requirement"
  expect_eq "$(py_eval 'd["crlf"]' "$TMP/csv.json")" true "compliance.csv ($lang): CRLF"
done
printf '%s' "$(check csv $F/compliance.csv)" >"$TMP/csv.json"
expect_eq "$(py_eval 'd["header"]' "$TMP/csv.json")" \
  '["Référentiel", "Chapitre", "Exigence", "Intitulé", "Applicable", "Conformité", "Mesures", "Correspondances", "Scénarios exposés", "Maturité", "Niveau de maturité"]' \
  "compliance.csv (fr): header"
expect_eq "$(py_eval '[r for r in d["rows"] if r[2] == "AC-1"][0]' "$TMP/csv.json")" \
  '["TEST-BASIC", "1. Contrôle d’accès", "AC-1", "Gestion des comptes", "Oui", "Partiellement couverte", "", "M1 (Existante), M8 (Prévue) via NIST-CSF:PR.AA-01 (intersect)", "R2 (Faible)", "2", "Partial"]' \
  "compliance.csv (fr): AC-1"
expect_eq "$(py_eval '[r for r in d["rows"] if r[2] == "OP-1.a"][0][4:6]' "$TMP/csv.json")" '["Non", ""]' "compliance.csv (fr): OP-1.a excluded"
run -w W report compliance --today "$T" --csv-delimiter ';' --csv-bom -o semi
expect_rc 0 "report compliance --csv-delimiter ';' --csv-bom:"
printf '%s' "$(check csv semi/compliance.csv ';')" >"$TMP/csv.json"
expect_eq "$(py_eval 'd["bom"]' "$TMP/csv.json")" true "compliance.csv: --csv-bom"
expect_eq "$(py_eval 'd["widths"]' "$TMP/csv.json")" "[11]" "compliance.csv: ';' delimits"

# --- The summary's key figures ---------------------------------------------------------
has $F/summary.md "- **NIST-CSF${NBSP}:** 3 couvertes, 0 partiellement couverte, 103 non couvertes (dont 1 prévue) sur les 106 exigences applicables (106 sans décision d’applicabilité)." \
  "summary (fr): NIST CSF's figures"
has $F/summary.md "- **TEST-BASIC${NBSP}:** 1 couverte, 1 partiellement couverte, 2 non couvertes (dont 1 prévue) sur les 4 exigences applicables (1 non applicable, justifiée${NBSP}; 1 sans décision d’applicabilité)." \
  "summary (fr): the fixture's figures"
has $E/summary.md "- **TEST-BASIC:** 1 covered, 1 partly covered, 2 not covered (1 of them planned) of the 4 applicable requirements (1 not applicable, justified; 1 with no applicability decision yet)." \
  "summary (en): the fixture's figures"

# --- The recommendations ---------------------------------------------------------------
R=$F/recommendations.md
has $R "Couvrir par une mesure de sécurité l’exigence applicable OP-1.b «${NBSP}Tests de restauration${NBSP}» du référentiel TEST-BASIC, à laquelle aucune mesure ne répond" \
  "recommendations (fr): the one requirement not covered, named"
has $R "Vérifier que l’exigence applicable AC-1 «${NBSP}Gestion des comptes${NBSP}» du référentiel TEST-BASIC est satisfaite" \
  "recommendations (fr): the one requirement partly covered, named"
has $R "Statuer sur l’applicabilité de l’exigence OP-1.b «${NBSP}Tests de restauration${NBSP}» du référentiel TEST-BASIC, qui reste à décider" \
  "recommendations (fr): the one requirement undecided, named"
has $R "Couvrir par des mesures de sécurité les 102 exigences applicables du référentiel NIST-CSF auxquelles aucune mesure ne répond" \
  "recommendations (fr): NIST CSF's requirements not covered, counted"
has $R "Établir la déclaration d’applicabilité du référentiel NIST-CSF${NBSP}: aucune de ses 106 exigences n’a encore de décision d’applicabilité." \
  "recommendations (fr): NIST CSF has no decision at all"
has $R "NIST-CSF — exigences non couvertes" "recommendations (fr): the list of NIST CSF's requirements not covered"
# PR Protect: 22 requirements, PR.AA-01 and PR.DS-11 covered, PR.AA-03 planned.
checks=$((checks + 1))
line=$(grep -F -- "- **PR Protect** (19)${NBSP}: PR.AA-02, PR.AA-04," $R)
[ -n "$line" ] && ! grep -qE 'PR\.AA-01|PR\.AA-03|PR\.DS-11' <<<"$line" || fail "recommendations (fr): PR Protect lists its 19 requirements not covered"
has $R "- **RC Recover** (7)${NBSP}: RC.RP-01, RC.RP-02, RC.RP-04," "recommendations (fr): RC Recover without RC.RP-03"
lacks $R " autres" "recommendations (fr): no requirement left as a count"
has $E/recommendations.md "Cover with a security control the applicable requirement OP-1.b “Tests de restauration” of TEST-BASIC" \
  "recommendations (en): the requirement not covered"
lacks $E/recommendations.md " more" "recommendations (en): no requirement left as a count"

# --- The referentials, derived: the assessed frameworks ---------------------------------------
has $F/method.md "La cartographie est rapprochée des référentiels suivants" "method (fr): referentials derived"
has $F/method.md "- **NIST-CSF** — NIST Cybersecurity Framework, NIST, version 2.0" "method (fr): NIST CSF named with publisher and version"
has $F/method.md "- **TEST-BASIC** — Référentiel de test simple, riskmap, version 1 de la bibliothèque" "method (fr): the fixture named"
has $F/method.md "riskmap soa list NIST-CSF --compliance uncovered" "method (fr): the upkeep commands name a referential"
has $E/method.md "- **TEST-BASIC** — Référentiel de test simple, riskmap, library version 1" "method (en): the fixture named"
has $F/summary.md "ou qui font l’objet d’une déclaration d’applicabilité${NBSP}: NIST-CSF et TEST-BASIC." "summary (fr): referentials"
has $E/summary.md "or that have a statement of applicability: NIST-CSF and TEST-BASIC." "summary (en): referentials"
has $F/register.md "${NNBSP}: NIST-CSF et TEST-BASIC. La déclaration d’applicabilité et le bilan de conformité en donnent le détail." "register (fr): referentials"
has $F/method.md "- **Méthode d’évaluation${NBSP}:** EBIOS Risk Manager" "method (fr): the method in force"

# --- Determinism --------------------------------------------------------------------------------
for lang in fr en; do
  ok -w W report all --lang "$lang" --today "$T" -o "again-$lang"
  for file in soa.md soa.csv compliance.md compliance.csv summary.md recommendations.md method.md register.md; do
    checks=$((checks + 1))
    cmp -s "again-$lang/$file" "W/deliverables/$lang/$file" || fail "determinism ($lang): $file differs between two runs"
  done
done

# --- [mission] referentials -----------------------------------------------------------------
# Adopted: the fixture only. NIST CSF stays in force (controls cite it) but is no referential.
cp W/riskmap.toml "$TMP/riskmap.toml.saved"
sed -i '/^\[mission\]/a referentials = ["TEST-BASIC"]' W/riskmap.toml
ok -w W report all --today "$T"
has $F/method.md "La cartographie est alignée sur les référentiels retenus par la mission${NBSP}:" "referentials adopted: method (fr)"
has $F/method.md "- **TEST-BASIC** — Référentiel de test simple" "referentials adopted: the fixture named"
lacks $F/method.md "- **NIST-CSF**" "referentials adopted: NIST CSF not named a referential"
has $F/summary.md "La cartographie est alignée sur les référentiels retenus par la mission${NBSP}: TEST-BASIC." "referentials adopted: summary (fr)"
has $F/register.md "La cartographie est alignée sur les référentiels retenus par la mission${NNBSP}: TEST-BASIC." "referentials adopted: register (fr)"
expect_eq "$(grep -o '^## [A-Z-]*' $F/soa.md | tr '\n' ' ')" "## TEST-BASIC ## NIST-CSF " "referentials adopted: the referential first in the SoA"
expect_eq "$(grep -c '^Référentiel retenu par la mission.$' $F/soa.md)" 1 "referentials adopted: one framework adopted"
expect_eq "$(grep -o '^- \*\*[A-Z-]*' $F/summary.md | tail -2 | tr '\n' ' ')" "- **TEST-BASIC - **NIST-CSF " \
  "referentials adopted: the summary's figures, the referential first"
# Unknown: refused when rendering, at the id's place, with the ids held; nothing written.
sed -i 's/^referentials = .*/referentials = ["TEST-BASIC", "TEST-BASC"]/' W/riskmap.toml
line=$(grep -n '^referentials' W/riskmap.toml | cut -d: -f1)
before=$(tree_sum W/deliverables)
run -w W report all --today "$T"
expect_rc 1 "referentials: an unknown id:"
expect_no_out "referentials: an unknown id: stdout"
expect_err "riskmap.toml:$line:31: [mission] referentials: the workspace holds no framework 'TEST-BASC' (did you mean 'TEST-BASIC'?); it holds: NIST-CSF, TEST-BASIC" \
  "referentials: an unknown id, where, and the ids held"
expect_eq "$(tree_sum W/deliverables)" "$before" "referentials: an unknown id: no deliverable written"
run -w W report soa -o -
expect_rc 1 "referentials: an unknown id, report soa -o -:"
expect_no_out "referentials: an unknown id, report soa -o -: stdout"
ok -w W framework list # other commands still run: the id is checked where frameworks are known
# Not a framework id, or twice: refused on open, like any bad value.
sed -i 's/^referentials = .*/referentials = ["TEST BASIC"]/' W/riskmap.toml
run -w W framework list
expect_rc 1 "referentials: not an id:"
expect_err "riskmap.toml:$line:17: [mission] referentials: 'TEST BASIC' is not a framework id" "referentials: not an id, where"
sed -i 's/^referentials = .*/referentials = ["TEST-BASIC", "TEST-BASIC"]/' W/riskmap.toml
run -w W framework list
expect_rc 1 "referentials: twice:"
expect_err "riskmap.toml:$line:31: [mission] referentials names 'TEST-BASIC' twice" "referentials: twice, where"
cp "$TMP/riskmap.toml.saved" W/riskmap.toml
expect_unchanged W "$db_before" "referentials:"

# --- A framework held but not assessed --------------------------------------------------------
# V cites the fixture directly, has no mapping and never cites NIST CSF: NIST CSF is held, not
# assessed, named on one line in the SoA and the compliance deliverable, nowhere else.
ok init V --name 'Agence' --lang en --method simple-3x3
ok -w V framework import "$YAML/framework-basic.yaml"
ok -w V control add M1 --title 'Backups' --state existing --reference TEST-BASIC:OP-1
for lang in fr en; do ok -w V report all --lang "$lang" --today "$T"; done
has V/deliverables/en/soa.md "Frameworks the workspace holds but that are not assessed, with no applicability decision and no control citing one of their requirements, directly or through a mapping table: NIST-CSF (106 requirements)." \
  "not assessed (en): NIST CSF on one line"
has V/deliverables/fr/soa.md "Référentiels détenus dans l’espace de travail mais non évalués, faute de décision d’applicabilité et de mesure qui en cite une exigence, directement ou par une table de correspondance${NBSP}: NIST-CSF (106 exigences)." \
  "not assessed (fr): NIST CSF on one line"
has V/deliverables/en/compliance.md "directly or through a mapping table: NIST-CSF." "not assessed (en): one line in compliance"
for lang in fr en; do
  for name in soa compliance; do lacks V/deliverables/$lang/$name.md "## NIST-CSF" "not assessed ($lang): no section in $name:"; done
  for name in method summary register recommendations; do lacks V/deliverables/$lang/$name.md "NIST" "not assessed ($lang): $name does not name it:"; done
  for f in V/deliverables/$lang/*.md; do lacks_word "$f" "ebios" "simple-3x3 ($lang): no method but the one in force:"; lacks_word "$f" "ebios-rm" "simple-3x3 ($lang):"; done
  expect_none "not assessed ($lang): tables intact" "$(check tables V/deliverables/$lang/*.md)"
  expect_none "not assessed ($lang): no empty section" "$(check empty_sections V/deliverables/$lang/*.md)"
done
has V/deliverables/en/method.md "- **TEST-BASIC** — Basic test framework, riskmap, library version 1" "not assessed: the fixture is the one referential"
has V/deliverables/en/summary.md "- **TEST-BASIC:** 1 covered, 0 partly covered, 4 not covered of the 5 applicable requirements (5 with no applicability decision yet)." \
  "not assessed: one line of figures"
# Adopted, NIST CSF is detailed even though nothing bears on it.
sed -i '/^\[mission\]/a referentials = ["NIST-CSF"]' V/riskmap.toml
ok -w V report soa compliance method --lang en --today "$T"
has V/deliverables/en/soa.md "## NIST-CSF — NIST Cybersecurity Framework" "adopted: NIST CSF detailed"
has V/deliverables/en/soa.md "A framework the mission has adopted." "adopted: said so"
has V/deliverables/en/compliance.md "| **Total** | **106** | **0** | **0** | **0** | **106** |" "adopted: NIST CSF, nothing covered"
has V/deliverables/en/method.md "The risk map is aligned with the frameworks the mission has adopted:" "adopted: method (en)"
lacks V/deliverables/en/method.md "- **TEST-BASIC**" "adopted: the fixture is no referential"
has V/deliverables/en/soa.md "## TEST-BASIC — Basic test framework" "adopted: the fixture, assessed, still detailed"

# --- The deliverable is listed ------------------------------------------------------------------
ok report --help
expect_out "compliance" "report --help: lists the compliance deliverable"
ok -w V template list
expect_out "fr/compliance.md" "template list: fr/compliance.md"
expect_out "en/compliance.md" "template list: en/compliance.md"

# --- pandoc ------------------------------------------------------------------------------------------
if command -v pandoc >/dev/null; then
  for lang in fr en; do
    for name in soa compliance summary recommendations method; do
      (cd W/deliverables/$lang && pandoc -f markdown -t docx -o "$TMP/out.docx" "$name.md") 2>"$TMP/pandoc.err"
      rc=$?
      checks=$((checks + 1))
      [ "$rc" -eq 0 ] && [ ! -s "$TMP/pandoc.err" ] || { out=; err=$(cat "$TMP/pandoc.err"); fail "pandoc W/$lang/$name.md to DOCX: exit $rc or warnings"; }
    done
  done
else
  echo "note: pandoc not installed: the DOCX conversion is not checked"
fi

# --- The example mission and its fictional directive ---------------------------------------------
ok init X --example # with the fictional directive, its mapping to NIST CSF and its SoA
for lang in fr en; do
  ok -w X report soa compliance summary recommendations method register --lang "$lang" --today "$T"
  md=$(for n in soa compliance summary recommendations method register; do echo X/deliverables/$lang/$n.md; done)
  expect_none "example ($lang): tables intact" "$(check tables $md)"
  expect_none "example ($lang): no empty section" "$(check empty_sections $md)"
  has X/deliverables/$lang/compliance.md "## DNF-2026 — Directive nationale fictive de sécurité des systèmes d’information (exemple)" \
    "example ($lang): the directive detailed"
done
has X/deliverables/fr/method.md "- **DNF-2026** — Directive nationale fictive de sécurité des systèmes d’information (exemple), Agence fictive de sécurité des SI, version 1 de la bibliothèque" \
  "example (fr): the directive named with its publisher"
has X/deliverables/fr/compliance.md "| GOUV-RISQUE | Analyse des risques | Prévue | M2 (En cours) via NIST-CSF:GV.RM-01 (intersect) | R18 (Moyen) |" \
  "example (fr): a gap of the directive, through the mapping"
has X/deliverables/fr/soa.md "M1 Politique de sécurité des systèmes d’information (PSSI) et organisation de la sécurité (Existante)" \
  "example (fr): the NIST CSF controls"
row X/deliverables/fr/soa.md "| GOUV-PSSI |" "M1 (Existante) via NIST-CSF:GV.PO-01 (equal)" "example (fr): the directive covered through the mapping"

finish
