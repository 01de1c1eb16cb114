#!/usr/bin/env bash
# The plan deliverables (SPEC §1, §5): action-plan, soa, ecosystem,
# continuity and recommendations, over a small workspace built by commands
# (controls, one stakeholder per zone, actions of several priorities and one
# overdue, an accepted scenario whose acceptance expired, continuity data
# with gaps, SoA decisions), in French and English: the files are written,
# their key content is there, in order; hostile text comes out escaped in the
# Markdown, the CSV and the SVG; the SVGs are well-formed (xmllint), the
# Markdown converts to DOCX (pandoc) without a warning; output is
# deterministic; `report all` writes them; a section with nothing to say is
# left out; an empty workspace and the example mission render.
source "$SOURCE_DIR/tests/e2e/lib.sh"
unset RISKMAP_WORKSPACE NO_COLOR

T=2026-06-01
NBSP=$(printf '\xc2\xa0')    # before ':' and inside « » in French
NNBSP=$(printf '\xe2\x80\xaf') # French thousands separator
PLAN="action-plan soa ecosystem continuity recommendations"
SIDE="action-plan.csv soa.csv ecosystem.csv ecosystem.svg ecosystem-residual.svg continuity.csv"

# --- Python checks over rendered files: deliverables.py, one process per call ---
check() { python3 "$SOURCE_DIR/tests/e2e/deliverables.py" "$@"; }
expect_none() { checks=$((checks + 1)); [ -z "$2" ] || { rc=-; out=$2; err=; fail "$1"; }; }
# has FILE TEXT WHAT: the file holds TEXT (fixed string).
has() { checks=$((checks + 1)); grep -qF -- "$2" "$1" || { rc=-; out=; err=; fail "${3:-} $1 lacks: $2"; }; }
lacks() { checks=$((checks + 1)); ! grep -qF -- "$2" "$1" || { rc=-; out=$(grep -F -- "$2" "$1" | head -3); err=; fail "${3:-} $1 should not hold: $2"; }; }
files_in() { (cd "$1" 2>/dev/null && find . -type f | sed 's#^\./##' | LC_ALL=C sort); }
# ok ARGS...: a command that must succeed.
ok() { run "$@"; expect_rc 0 "$*:"; }

# --- A small workspace, built by commands ------------------------------------------
ok init W --name 'Caisse | <script>alert(0)</script>' --lang fr
# Assets: two critical business values, two supporting assets serving them.
ok -w W asset add A1 --name 'Liquidation des prestations' --kind business-process --availability G4 --integrity G4 \
  --mtd 1d --mtdl 4h --bcp PCA-3.2 --owner 'Directeur des prestations'
ok -w W asset add A2 --name 'Relation adhérents' --kind business-process --availability G4 --integrity G2
ok -w W asset add A3 --name 'Application de liquidation' --kind application --serves A1 --rto 2d --rpo 1d \
  --drp PRI-7 --owner DSI
ok -w W asset add A4 --kind server --serves A1 --name $'Serveur <script>alert(1)</script> | prod\nligne deux'
ok -w W asset add A5 --kind database --name 'Base des assurés' --serves A1 --rto 4h --rpo 1h --drp PRI-8 --bcp PCA-4
# Controls: governance, planned without owner nor due date, in progress without due date, existing.
ok -w W control add M1 --title 'Politique de sécurité' --category governance --state existing --owner RSSI \
  --reference NIST-CSF:GV.PO-01
ok -w W control add M2 --title 'MFA sur les accès distants' --category protection --state planned --reference NIST-CSF:PR.AA-01
ok -w W control add M3 --title '=HYPERLINK("http://x")' --category protection --state in-progress --owner DSI
ok -w W control add M4 --title 'Supervision de sécurité' --category defence --state existing --owner SOC --due 2026-01-15
# Stakeholders: one per zone (thresholds 2.5, 0.9, 0.2), one not rated.
ok -w W stakeholder add P1 --name $'Infogérant | <script>alert(2)</script>\nsuite' --category provider \
  --dependency 4 --penetration 4 --maturity 1 --trust 2 --owner 'Responsable des achats'
ok -w W stakeholder add P2 --name 'Éditeur du progiciel' --category supplier --dependency 2 --penetration 2 \
  --maturity 2 --trust 2 --residual-maturity 4 --control M4
ok -w W stakeholder add P3 --name '@SUM(1)' --category partner --dependency 1 --penetration 2 --maturity 2 --trust 2
ok -w W stakeholder add P4 --name 'Régulateur' --category regulator --dependency 1 --penetration 1 --maturity 4 --trust 4
ok -w W stakeholder add P5 --name 'Prestataire non évalué' --category provider
# Scenarios: high (mitigated), high and open (hostile title), high and accepted (expired), low.
ok -w W scenario add R1 --title 'Rançongiciel sur la liquidation' --asset A3,A1 --criterion A,I \
  --likelihood V4 --impact G4 --residual-likelihood V2 --residual-impact G3 --owner RSSI --treatment mitigate \
  --existing-control M1 --additional-control M2 --stakeholder P1
ok -w W scenario add R2 --title 'a | b' --asset A4 --criterion A --likelihood V3 --impact G3 --stakeholder P2,P1 \
  --description $'<script>alert(3)</script>\nligne | deux'
ok -w W scenario add R3 --title 'Fuite de données de santé' --asset A2 --criterion C --likelihood V4 --impact G3 --owner DPO
ok -w W scenario accept R3 --approver 'Directeur général' --on 2026-01-01 --until 2026-01-31 --justification 'Coût prohibitif'
ok -w W scenario add R4 --title 'Panne du serveur' --asset A4 --criterion A --likelihood V1 --impact G1 --owner DSI
# Actions: priority 1 (two owners, one overdue), priority 3, none (done, past its date).
ok -w W action add T1 --title 'Déployer le MFA' --control M2 --owner RSSI --due 2026-03-31 --status in-progress \
  --progress 40 --cost 12000 --effort 10
ok -w W action add T2 --title '<script>alert(4)</script>' --scenario R4 --owner DSI --due 2026-12-31 --cost 500 --effort 2
ok -w W action add T3 --title $'Sensibiliser\nle personnel' --due 2026-01-01 --status done --cost 3000 --effort 5
ok -w W action add T4 --title '=HYPERLINK("http://x")' --scenario R2 --owner SOC --due 2026-09-30
# The statement of applicability.
ok -w W soa set NIST-CSF PR.AA-01 PR.AA-02 --applicable yes
ok -w W soa set NIST-CSF GV.OC-01 --applicable no --justification $'Hors périmètre | <script>alert(5)</script>\nsuite'
db_before=$(snapshot W)

# --- report all, in French and English ----------------------------------------------
for lang in fr en; do
  run -w W report all --lang "$lang" --today "$T" -v
  expect_rc 0 "report all --lang $lang:"
  expect_no_out "report all --lang $lang: nothing on stdout"
  dir=W/deliverables/$lang
  for name in $PLAN; do
    checks=$((checks + 1))
    [ -s "$dir/$name.md" ] || fail "report all --lang $lang: no $name.md"
    expect_err "$name.md" "report all --lang $lang -v: lists $name.md"
  done
  for file in $SIDE; do
    checks=$((checks + 1))
    [ -s "$dir/$file" ] || fail "report all --lang $lang: no $file"
    expect_err "$file" "report all --lang $lang -v: lists $file"
  done
  md=$(for name in $PLAN; do echo "$dir/$name.md"; done)
  expect_none "$lang: tables intact" "$(check tables $md)"
  expect_none "$lang: no empty section" "$(check empty_sections $md)"
  # Nothing raw: no <script> in a body or an SVG; no line break starting a line.
  checks=$((checks + 1))
  raw=$(for f in $md; do check body "$f" | grep -l '<script' >/dev/null && echo "$f"; done; grep -l '<script' "$dir"/ecosystem*.svg)
  [ -z "$raw" ] || fail "$lang: a raw <script> in $raw"
  checks=$((checks + 1))
  grep -q '^ligne deux\|^suite\|^le personnel\|^ligne | deux' $md && fail "$lang: a line break in user text starts a Markdown line"
  for f in $md; do lacks "$f" "TODO" "$lang:"; done
done
expect_unchanged W "$db_before" "report (both languages):"
F=W/deliverables/fr
E=W/deliverables/en

# --- The scenario sheets carry the treatment, the controls and the stakeholders ------
has $F/scenarios.md '| M1 | Politique de sécurité | En place | Existante | RSSI | — |' "fr sheet: existing control"
has $F/scenarios.md '| M2 | MFA sur les accès distants | Complémentaire | Prévue | — | — |' "fr sheet: additional control"
has $E/scenarios.md '| M2 | MFA sur les accès distants | Additional | Planned | — | — |' "en sheet: additional control"
has $F/scenarios.md "accordée le 1er${NBSP}janvier 2026, valable jusqu’au 31${NBSP}janvier 2026 (échue)" "fr sheet: expired acceptance"
has $F/scenarios.md "- **Approbateur de l’acceptation${NBSP}:** Directeur général" "fr sheet: the acceptance's approver"
has $E/scenarios.md 'approved by Directeur général on 1 January 2026, valid until 31 January 2026 (expired)' "en sheet: expired acceptance"
has $F/scenarios.md '- **Justification :** Coût prohibitif' "fr sheet: justification"
has $E/scenarios.md '- **Stakeholders involved:** Infogérant \| &lt;script&gt;alert(2)&lt;/script&gt; suite (P1), Éditeur du progiciel (P2)' "en sheet: stakeholders, escaped"

# --- Action plan ---------------------------------------------------------------------
order=$(check table_refs $F/action-plan.md "## Actions par priorité")
printf '%s' "$order" >"$TMP/order.json"
expect_eq "$(py_eval '[r[1] for r in d]' "$TMP/order.json")" '["T1", "T4", "T2", "T3"]' \
  "action-plan: by priority, then owner (RSSI before SOC), then due date; no priority last"
expect_eq "$(py_eval '[r[0] for r in d]' "$TMP/order.json")" '["1", "1", "3", "—"]' "action-plan: priorities"
expect_eq "$(py_eval 'd[0][9]' "$TMP/order.json")" '**En retard**' "action-plan: T1 (due 2026-03-31, in progress) is overdue"
expect_eq "$(py_eval '[r[9] for r in d[1:]]' "$TMP/order.json")" '["", "", ""]' "action-plan: only T1 is overdue (T3 is done)"
expect_eq "$(py_eval 'd[0][6]' "$TMP/order.json")" "40${NBSP}%" "action-plan: progress in French"
expect_eq "$(py_eval 'd[1][2]' "$TMP/order.json")" '\=HYPERLINK("http://x")' "action-plan: a title starting with '=' is escaped"
has $F/action-plan.md "**Coût total${NBSP}:** 15${NNBSP}500" "action-plan (fr): total cost"
has $F/action-plan.md "**Actions en retard au 1er${NBSP}juin 2026${NBSP}:** 1" "action-plan (fr): overdue count"
has $F/action-plan.md "| Terminée | 1 | 3${NNBSP}000 | 5 |" "action-plan (fr): totals by status"
has $F/action-plan.md "| T1 | Déployer le MFA | M2 MFA sur les accès distants | R1 (Élevé) |" \
  "action-plan (fr): controls implemented and scenarios addressed through them, with their level"
has $F/action-plan.md "### Actions sans responsable désigné" "action-plan (fr): a section for the actions without owner"
has $F/action-plan.md "### RSSI" "action-plan (fr): a section per owner"
has $F/action-plan.md '&lt;script&gt;alert(4)&lt;/script&gt;' "action-plan (fr): <script> as text"
has $F/action-plan.md '| — | T3 | Sensibiliser le personnel |' "action-plan (fr): a line break in a title is a space"
has $E/action-plan.md "**Total cost:** 15,500" "action-plan (en): total cost"
has $E/action-plan.md "| 1 | T1 | Déployer le MFA | RSSI | 2026-03-31 | In progress | 40% | 12,000 | 10 | **Overdue** |" "action-plan (en): T1's row"
has $E/action-plan.md "- **Priority 1:** “High” level." "action-plan (en): the priority rule"
for lang in fr en; do
  printf '%s' "$(check csv W/deliverables/$lang/action-plan.csv)" >"$TMP/csv.json"
  expect_eq "$(py_eval 'd["count"]' "$TMP/csv.json")" 4 "action-plan.csv ($lang): one row per action"
  expect_eq "$(py_eval 'd["widths"]' "$TMP/csv.json")" "[12]" "action-plan.csv ($lang): 12 cells a row"
  expect_eq "$(py_eval 'd["crlf"]' "$TMP/csv.json")" true "action-plan.csv ($lang): CRLF"
  expect_eq "$(py_eval '[r[1] for r in d["rows"]]' "$TMP/csv.json")" '["T1", "T4", "T2", "T3"]' "action-plan.csv ($lang): the plan's order"
  expect_eq "$(py_eval 'd["rows"][1][2]' "$TMP/csv.json")" "'=HYPERLINK(\"http://x\")" "action-plan.csv ($lang): =HYPERLINK neutralised"
  expect_eq "$(py_eval 'd["rows"][3][2] == "Sensibiliser\nle personnel"' "$TMP/csv.json")" true "action-plan.csv ($lang): line break kept in a quoted cell"
  expect_eq "$(py_eval 'd["rows"][0][9]' "$TMP/csv.json")" 12000 "action-plan.csv ($lang): cost as a plain number"
done

# --- Statement of applicability ----------------------------------------------------------
has $F/soa.md "## NIST-CSF — NIST Cybersecurity Framework" "soa (fr): a section for NIST-CSF"
has $F/soa.md "- **Version${NBSP}:** 2.0" "soa (fr): its version"
has $F/soa.md "- **Éditeur${NBSP}:** NIST" "soa (fr): its publisher"
# 106 requirements: GV.OC-01 excluded, PR.AA-01 and PR.AA-02 applicable, 103 undecided (applicable
# until excluded). GV.PO-01 is covered (M1, existing), PR.AA-01 planned (M2), the rest not covered.
has $F/soa.md "- **Exigences applicables${NBSP}:** 105 (dont 103 sans décision d’applicabilité)" "soa (fr): applicable count"
has $F/soa.md "- **Exigences non applicables, justifiées${NBSP}:** 1" "soa (fr): not applicable count"
has $F/soa.md "| **Total** | **105** | **1** | **0** | **1** | **103** | **1** |" "soa (fr): totals by compliance"
has $F/soa.md "| PR Protect | 22 | 0 | 0 | 1 | 21 | 0 |" "soa (fr): counts of a chapter"
has $F/soa.md "- **GV.OC-01** The organizational mission is understood and informs cybersecurity risk management${NBSP}: Hors périmètre \| &lt;script&gt;alert(5)&lt;/script&gt; suite" \
  "soa (fr): the exclusion listed with its justification, escaped"
has $F/soa.md "Les textes de ce référentiel sont cités dans sa langue, l’anglais." "soa (fr): NIST CSF's texts in English, said so"
has $F/soa.md "| PR.AA-01 |" "soa (fr): PR.AA-01 listed"
checks=$((checks + 1))
grep -F '| PR.AA-01 |' $F/soa.md | grep -qF '| Oui |' && grep -F '| PR.AA-01 |' $F/soa.md | grep -qF 'M2 MFA sur les accès distants (Prévue)' &&
  grep -F '| PR.AA-01 |' $F/soa.md | grep -qF 'R1 (Élevé)' && grep -F '| PR.AA-01 |' $F/soa.md | grep -q '| Prévue |$' ||
  fail "soa (fr): PR.AA-01 applicable, covered by M2 (planned) treating R1, coverage planned"
has $F/soa.md 'Hors périmètre \| &lt;script&gt;alert(5)&lt;/script&gt; suite' "soa (fr): justification escaped"
has $F/soa.md "| GV.PO-01 |" "soa (fr): GV.PO-01 listed"
checks=$((checks + 1))
grep -F '| GV.PO-01 |' $F/soa.md | grep -qF '| *À décider* |' && grep -F '| GV.PO-01 |' $F/soa.md | grep -q '| Couverte |$' ||
  fail "soa (fr): GV.PO-01 undecided, covered by M1"
checks=$((checks + 1))
grep -F '| GV.OC-01 |' $F/soa.md | grep -qF '| Non — Hors périmètre' && grep -F '| GV.OC-01 |' $F/soa.md | grep -q '| — |$' ||
  fail "soa (fr): GV.OC-01 not applicable, its justification beside, no compliance"
has $F/soa.md "### PR Protect" "soa (fr): grouped by part"
has $F/soa.md "#### PR.AA " "soa (fr): grouped by chapter"
has $E/soa.md "- **Applicable requirements:** 105 (of which 103 with no applicability decision yet)" "soa (en): applicable count"
has $E/soa.md "| Covered |" "soa (en): compliance in English"
lacks $E/soa.md "quoted in its own language" "soa (en): NIST CSF is in the document's language"
for lang in fr en; do
  printf '%s' "$(check csv W/deliverables/$lang/soa.csv)" >"$TMP/csv.json"
  expect_eq "$(py_eval 'd["widths"]' "$TMP/csv.json")" "[14]" "soa.csv ($lang): 14 cells a row"
  expect_eq "$(py_eval 'd["count"] > 100' "$TMP/csv.json")" true "soa.csv ($lang): every NIST-CSF requirement"
  expect_eq "$(py_eval '[r[9] for r in d["rows"] if r[3] == "PR.AA-02"][0]' "$TMP/csv.json")" \
    "$([ $lang = fr ] && echo Aucune || echo None)" "soa.csv ($lang): PR.AA-02 not covered"
  expect_eq "$(py_eval '[r[13] for r in d["rows"] if r[3] == "PR.AA-02"][0]' "$TMP/csv.json")" \
    "$([ $lang = fr ] && echo 'Non couverte' || echo 'Not covered')" "soa.csv ($lang): PR.AA-02's compliance"
done

# --- Ecosystem --------------------------------------------------------------------------
zones=$(check table_refs $F/ecosystem.md "## Évaluation des parties prenantes")
printf '%s' "$zones" >"$TMP/zones.json"
expect_eq "$(py_eval '[r[0] for r in d]' "$TMP/zones.json")" '["P1", "P2", "P3", "P4", "P5"]' "ecosystem: most threatening first, unrated last"
expect_eq "$(py_eval '[r[8] for r in d]' "$TMP/zones.json")" \
  '["Zone de danger", "Zone de contrôle", "Zone de veille", "Hors zone", "Non évaluée"]' "ecosystem (fr): one stakeholder per zone"
expect_eq "$(py_eval '[r[7] for r in d]' "$TMP/zones.json")" '["8", "1", "0,5", "0,06", "—"]' "ecosystem (fr): threat levels, French decimals"
expect_eq "$(py_eval 'd[1][5] + " " + d[1][9] + " " + d[1][10]' "$TMP/zones.json")" '2 → 4 0,5 Zone de veille' \
  "ecosystem (fr): P2's residual maturity, threat and zone"
expect_eq "$(py_eval 'd[0][1]' "$TMP/zones.json")" 'Infogérant \| &lt;script&gt;alert(2)&lt;/script&gt; suite' "ecosystem (fr): hostile name escaped"
has $F/ecosystem.md "| P2 | Éditeur du progiciel |  | M4 Supervision de sécurité (Existante) | R2 (Élevé) |" \
  "ecosystem (fr): P2's control and scenario"
has $F/ecosystem.md "| P1 | Infogérant" "ecosystem (fr): P1 listed"
checks=$((checks + 1))
grep -F '| P1 | Infogérant' $F/ecosystem.md | grep -qF 'R1 (Élevé), R2 (Élevé)' || fail "ecosystem (fr): the scenarios through P1"
has $F/ecosystem.md "![Cartographie de l’écosystème au niveau initial](ecosystem.svg)" "ecosystem (fr): the chart"
has $F/ecosystem.md "**En zone de danger au niveau initial${NBSP}:** 1" "ecosystem (fr): danger count"
has $E/ecosystem.md "| P4 | Régulateur | Regulator | 1 | 1 | 4 | 4 | 0.06 | Outside |" "ecosystem (en): P4 outside, English decimals"
for lang in fr en; do
  for svg in W/deliverables/$lang/ecosystem.svg W/deliverables/$lang/ecosystem-residual.svg; do
    for ref in P1 P2 P3 P4; do has "$svg" ">$ref<" "$lang: a labelled point for $ref in"; done
    lacks "$svg" "href" "$lang: no link in"
  done
done
# No external resource: the only URL an SVG file holds is its namespace.
for f in W/deliverables/*/ecosystem*.svg; do
  expect_eq "$(grep -o 'http[^"]*' "$f" | sort -u | tr '\n' ' ')" "http://www.w3.org/2000/svg " "$f: the only URL is the SVG namespace"
done
has $F/ecosystem.svg "Zone de danger" "ecosystem.svg (fr): zones labelled in French"
has $E/ecosystem.svg "Danger zone" "ecosystem.svg (en): zones labelled in English"
has $F/ecosystem.svg "Non évaluées${NBSP}: P5" "ecosystem.svg (fr): the unrated stakeholder named"
printf '%s' "$(check csv $F/ecosystem.csv)" >"$TMP/csv.json"
expect_eq "$(py_eval 'd["widths"]' "$TMP/csv.json")" "[18]" "ecosystem.csv: 18 cells a row"
expect_eq "$(py_eval '[r[1] for r in d["rows"] if r[0] == "P3"][0]' "$TMP/csv.json")" "'@SUM(1)" "ecosystem.csv: @ neutralised"

# --- Continuity --------------------------------------------------------------------------
has $F/continuity.md "**Biens critiques${NBSP}:** 5 (valeurs métier${NBSP}: 2${NBSP}; biens supports${NBSP}: 3)" "continuity (fr): critical assets"
has $F/continuity.md "**Biens critiques couverts par le PCA ou le PRI${NBSP}:** 3 (60${NBSP}%)" "continuity (fr): plan coverage"
has $F/continuity.md "| A1 | Liquidation des prestations | Critique | Critique | 1${NBSP}jour | 4${NBSP}h | PCA-3.2 |  | R1 (Élevé) |" \
  "continuity (fr): A1's MTD, MTDL, BCP and scenarios"
checks=$((checks + 1))
grep -F '| A3 | Application de liquidation |' $F/continuity.md | grep -qF "RTO de 2${NBSP}jours au-delà de la DMIA de A1 Liquidation des prestations (1${NBSP}jour)" ||
  fail "continuity (fr): A3's RTO beyond A1's MTD"
checks=$((checks + 1))
grep -F '| A3 | Application de liquidation |' $F/continuity.md | grep -qF "RPO de 1${NBSP}jour au-delà de la PDMA de A1 Liquidation des prestations (4${NBSP}h)" ||
  fail "continuity (fr): A3's RPO beyond A1's MTDL"
checks=$((checks + 1))
grep -F '| A2 | Relation adhérents |' $F/continuity.md | grep -qF 'DMIA non définie' || fail "continuity (fr): A2 has no MTD"
checks=$((checks + 1))
grep -F '| A2 | Relation adhérents |' $F/continuity.md | grep -qF 'Aucun plan' || fail "continuity (fr): A2 has no plan"
checks=$((checks + 1))
grep -F '| A4 | Serveur &lt;script&gt;alert(1)&lt;/script&gt; \| prod ligne deux |' $F/continuity.md | grep -qF 'RTO non défini' ||
  fail "continuity (fr): A4 (hostile name, escaped) has no RTO"
checks=$((checks + 1))
grep -F '| R1 | Rançongiciel sur la liquidation | Élevé |' $F/continuity.md | grep -qF 'Disponibilité' || fail "continuity (fr): R1 breaches critical assets"
has $E/continuity.md "RTO of 2${NBSP}days beyond the MTD of A1 Liquidation des prestations (1${NBSP}day)" "continuity (en): gap in English"
printf '%s' "$(check csv $E/continuity.csv)" >"$TMP/csv.json"
expect_eq "$(py_eval 'd["widths"]' "$TMP/csv.json")" "[16]" "continuity.csv: 16 cells a row"
expect_eq "$(py_eval '[r[0] for r in d["rows"]]' "$TMP/csv.json")" '["A1", "A2", "A3", "A4", "A5"]' "continuity.csv: the critical assets"
expect_eq "$(py_eval '[r[1] for r in d["rows"]][3] == "Serveur <script>alert(1)</script> | prod\nligne deux"' "$TMP/csv.json")" true \
  "continuity.csv: the name as it is, in a quoted cell"

# --- Recommendations ----------------------------------------------------------------------
R=$F/recommendations.md
has $R "## Mesures de gouvernance" "recommendations (fr): governance controls"
has $R "| M1 | Politique de sécurité | Existante | RSSI |" "recommendations (fr): M1, its state and owner"
has $R "Décider du traitement du risque R2 «${NBSP}a \| b${NBSP}»" "recommendations (fr): R2 above the appetite, still open"
has $R "Réexaminer l’acceptation du risque R3 «${NBSP}Fuite de données de santé${NBSP}», de niveau initial «${NBSP}Élevé${NBSP}», échue le 2026-01-31" \
  "recommendations (fr): R3's acceptance expired"
has $R "| Directeur général |" "recommendations (fr): the approver renews the acceptance"
has $R "Confier la mesure M2 «${NBSP}MFA sur les accès distants${NBSP}» à un responsable et lui fixer une échéance" \
  "recommendations (fr): M2 without owner nor due date"
checks=$((checks + 1))
grep -F 'Confier la mesure M2' $R | grep -q '| RSSI |$' || fail "recommendations (fr): M2's proposed owner is R1's owner"
has $R "Fixer une échéance à la mesure M3 «${NBSP}=HYPERLINK(\"http://x\")${NBSP}»" "recommendations (fr): M3 without due date"
has $R "Relancer l’action T1 «${NBSP}Déployer le MFA${NBSP}», échue le 2026-03-31 et avancée à 40${NBSP}%" "recommendations (fr): T1 overdue"
has $R "Encadrer par des mesures de sécurité la relation avec la partie prenante P1" "recommendations (fr): P1 in the danger zone without control"
lacks $R "partie prenante P2" "recommendations (fr): P2 (control zone, with a control) is not named"
has $R "Inscrire le bien critique A2 «${NBSP}Relation adhérents${NBSP}» dans le plan de continuité" "recommendations (fr): A2 without plan"
has $R "Ramener le RTO du bien support A3" "recommendations (fr): A3's RTO"
has $R "Couvrir par des mesures de sécurité les 103 exigences applicables du référentiel NIST-CSF auxquelles aucune mesure ne répond" \
  "recommendations (fr): the requirements not covered, counted"
checks=$((checks + 1))
grep -F -- "- **PR Protect** (21)${NBSP}: " $R | grep -qF 'PR.AA-02,' || fail "recommendations (fr): PR.AA-02 listed under its chapter"
lacks $R "autres" "recommendations (fr): every requirement named, none left as a count"
has $R "Statuer sur l’applicabilité des 103 exigences du référentiel NIST-CSF qui restent à décider" "recommendations (fr): the undecided requirements"
has $R "Désigner un propriétaire pour le scénario de risque R2" "recommendations (fr): R2 without owner"
has $R "Confier à un responsable l’action T3 du plan" "recommendations (fr): T3 without owner"
has $R "## Qui porte quoi" "recommendations (fr): who owns what"
has $R "| RSSI | 1 | 1 | 1 | 0 | 1 | 1 |" "recommendations (fr): the RSSI's holdings"
has $R "| DSI | 1 | 0 | 1 | 1 | 1 | 0 |" "recommendations (fr): the DSI's holdings"
expect_eq "$(grep -c '^| [0-9]* | ' $R | head -1)" "$(grep -o 'Recommandations formulées.*' $R | grep -o '[0-9]*' | head -1)" \
  "recommendations (fr): as many numbered rows as announced"
has $E/recommendations.md "Decide how to treat risk R2 “a \| b”, whose initial level “High” is above the risk appetite" \
  "recommendations (en): R2 in English (EBIOS RM: the current stage is the initial risk)"
has $E/recommendations.md "Follow up action T1 “Déployer le MFA”, due on 2026-03-31 and 40% complete" "recommendations (en): T1 in English"
has $E/recommendations.md "## Who owns what" "recommendations (en): who owns what"

# The owner proposed for a pending control without one: the owner of the
# highest scenario linked to it (an unowned one passed over, however high),
# else the CISO.
ok init O --lang en
ok -w O asset add A1 --name 'Portal' --kind application
ok -w O control add M1 --title 'Linked three times' --state planned
ok -w O control add M2 --title 'Linked to an unowned scenario' --state planned
ok -w O control add M3 --title 'Linked to nothing' --state in-progress
ok -w O scenario add R1 --title 'Low' --asset A1 --likelihood V1 --impact G1 --owner Alice --existing-control M1
ok -w O scenario add R2 --title 'High' --asset A1 --likelihood V3 --impact G3 --owner Bob --additional-control M1
ok -w O scenario add R3 --title 'Highest, unowned' --asset A1 --likelihood V4 --impact G4 --existing-control M1,M2
run -w O report recommendations --lang en --today "$T" -o -
expect_rc 0 "recommendations of O:"
checks=$((checks + 1))
grep -F 'control M1 ' <<<"$out" | grep -q '| Bob |$' || fail "recommendations (O): M1 goes to R2's owner, the highest owned"
checks=$((checks + 1))
grep -F 'control M2 ' <<<"$out" | grep -q '| CISO |$' || fail "recommendations (O): M2, linked to an unowned scenario only, goes to the CISO"
checks=$((checks + 1))
grep -F 'control M3 ' <<<"$out" | grep -q '| CISO |$' || fail "recommendations (O): M3, linked to nothing, goes to the CISO"

# A workspace with nothing to say: no section, no placeholder; every plan deliverable renders.
ok init Z --lang en
for lang in fr en; do
  ok -w Z report all --lang "$lang" --today "$T"
  for name in $PLAN; do
    checks=$((checks + 1))
    [ -s "Z/deliverables/$lang/$name.md" ] || fail "empty workspace ($lang): no $name.md"
  done
  expect_none "empty workspace ($lang): no empty section" "$(check empty_sections $(for n in $PLAN; do echo Z/deliverables/$lang/$n.md; done))"
  expect_eq "$(check body Z/deliverables/$lang/recommendations.md | grep -c '^## ')" 0 "empty workspace ($lang): recommendations without a section"
done
has Z/deliverables/en/recommendations.md "shows no gap that calls for an organisational recommendation" "empty workspace: says there is nothing to recommend"
has Z/deliverables/en/soa.md "Frameworks the workspace holds but that are not assessed, with no applicability decision and no control citing one of their requirements, directly or through a mapping table: NIST-CSF (106 requirements)." \
  "empty workspace: NIST-CSF held, not detailed"
lacks Z/deliverables/en/soa.md "## NIST-CSF" "empty workspace: no section for NIST-CSF"
has Z/deliverables/en/action-plan.md "No implementation action is in the plan yet" "empty workspace: an empty action plan (a PACS, EBIOS RM) says so"

# --- Determinism ----------------------------------------------------------------------------
for lang in fr en; do
  ok -w W report all --lang "$lang" --today "$T" -o "again-$lang"
  for file in $(for n in $PLAN; do echo "$n.md"; done) $SIDE; do
    checks=$((checks + 1))
    cmp -s "again-$lang/$file" "W/deliverables/$lang/$file" || fail "determinism ($lang): $file differs between two runs"
  done
done
run -w W report action-plan --today 2027-01-15 -o later
checks=$((checks + 1))
grep -qF "**Actions en retard au 15${NBSP}janvier 2027${NBSP}:** 3" later/action-plan.md || fail "--today moves the overdue date: T1, T2 and T4 late on 2027-01-15"

# --- Real parsers -------------------------------------------------------------------------------
folders="W/deliverables/fr W/deliverables/en Z/deliverables/fr Z/deliverables/en"
if command -v xmllint >/dev/null; then
  for folder in $folders; do
    for svg in "$folder"/ecosystem.svg "$folder"/ecosystem-residual.svg; do
      checks=$((checks + 1))
      xmllint --noout "$svg" 2>"$TMP/xml.err" || fail "xmllint: $svg: $(head -c 500 "$TMP/xml.err")"
    done
  done
else
  echo "note: xmllint not installed (Debian package libxml2-utils): SVG well-formedness not checked"
fi
if command -v pandoc >/dev/null; then
  for folder in $folders; do
    for name in $PLAN; do
      (cd "$folder" && pandoc -f markdown -t docx -o "$TMP/out.docx" "$name.md") 2>"$TMP/pandoc.err"
      rc=$?
      command -v rsvg-convert >/dev/null || sed -i '/Could not convert image .*\.svg.*rsvg-convert/d' "$TMP/pandoc.err"
      checks=$((checks + 1))
      [ "$rc" -eq 0 ] && [ ! -s "$TMP/pandoc.err" ] || { out=; err=$(cat "$TMP/pandoc.err"); fail "pandoc $folder/$name.md to DOCX: exit $rc or warnings"; }
    done
  done
else
  echo "note: pandoc not installed: the DOCX conversion is not checked"
fi

# --- The example mission ---------------------------------------------------------------------------
ok init X --example
for lang in fr en; do
  start=$(date +%s%N)
  ok -w X report all --lang "$lang" --today "$T"
  echo "report all --lang $lang on the example: $((($(date +%s%N) - start) / 1000000)) ms"
  for name in $PLAN; do
    checks=$((checks + 1))
    [ -s "X/deliverables/$lang/$name.md" ] || fail "example ($lang): no $name.md"
  done
  expect_none "example ($lang): tables intact" "$(check tables $(for n in $PLAN; do echo X/deliverables/$lang/$n.md; done))"
  expect_none "example ($lang): no empty section" "$(check empty_sections $(for n in $PLAN; do echo X/deliverables/$lang/$n.md; done))"
  if command -v xmllint >/dev/null; then
    checks=$((checks + 1))
    xmllint --noout X/deliverables/$lang/ecosystem.svg X/deliverables/$lang/ecosystem-residual.svg 2>"$TMP/xml.err" ||
      fail "example ($lang): ecosystem SVG not well-formed: $(head -c 500 "$TMP/xml.err")"
  fi
done

finish
