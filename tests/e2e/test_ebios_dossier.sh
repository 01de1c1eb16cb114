#!/usr/bin/env bash
# report ebios: the EBIOS RM study dossier, workshop by workshop, in French
# and English; its figures (radar, strategic graphs, attack sequences)
# well-formed and deterministic; user text escaped; in report all only when
# the map holds a study; refused with a clear message when it holds none.
source "$SOURCE_DIR/tests/e2e/lib.sh"
unset RISKMAP_WORKSPACE NO_COLOR

check() { python3 "$SOURCE_DIR/tests/e2e/deliverables.py" "$@"; }
well_formed() {
  python3 -c 'import sys, xml.dom.minidom
for f in sys.argv[1:]: xml.dom.minidom.parse(f)' "$@" 2>&1
}

run init ws --name "Caisse <b>|*"
run -w ws report ebios -o out
expect_rc 1 "report ebios without a study"
expect_err "the map holds none: start it with riskmap feared-event add"
run -w ws report all -o all0 -q
expect_rc 0 "report all without a study"
[ ! -e all0/ebios.md ] || fail "report all writes no dossier without a study"

run -w ws asset add A1 --name 'Prestations <script>alert(1)</script>' --role primary
run -w ws asset add A2 --name "Serveur" --role supporting --serves A1
run -w ws feared-event add --business-value A1 --criteria A,I --impacts missions --gravity G4 \
  --description 'Arrêt | des *paiements*'
run -w ws feared-event add --business-value A1 --criteria C --gravity G2 --retained no \
  --justification "Données publiques"
run -w ws origin add --source "Cybercriminels" --category organised-crime --objective "Rançon" \
  --motivation 3 --resources 3 --activity 2 --feared-event ER1
run -w ws origin add --source "Concurrent" --category competitor --objective "Parts de marché" \
  --motivation 1 --resources 2 --retained no --justification "Monopole légal"
run -w ws stakeholder add P1 --name "Infogérant" --category provider --dependency 4 \
  --penetration 3 --maturity 2 --trust 2 --residual-maturity 4
run -w ws strategic add --title "Rançongiciel" --origin SO1 --feared-event ER1
run -w ws path add --strategic SS1 --stakeholder P1 --description "Par l’infogérant"
run -w ws path add --strategic SS1 --retained no --justification "Portail isolé"
run -w ws operational add --path CA1 --title "Accès distant de l’infogérant"
run -w ws step add --operational OS1 --phase know --probability 3 --description "Reconnaissance"
run -w ws step add --operational OS1 --phase enter --probability 2 --after AE1 --asset A2
run -w ws step add --operational OS1 --phase exploit --probability 4 --after AE1,AE2 --join and \
  --description "Chiffrement"
run -w ws control add M1 --title "MFA des accès distants" --category protection --state planned \
  --owner DSI --due 2027-03-31
run -w ws scenario add R1 --title "Rançongiciel sur la production" --operational OS1 \
  --treatment mitigate --residual-likelihood V1 --residual-impact G4 --additional-control M1
run -w ws soa set NIST-CSF GV.OC-01 --applicable no --justification "Hors périmètre"
expect_rc 0 "the study is built"

for lang in fr en; do
  run -w ws report ebios --lang "$lang" -o "$lang" --today 2026-12-01
  expect_rc 0 "report ebios --lang $lang"
  for f in ebios.md ebios-radar.svg ebios-radar-residual.svg ebios-strategic-SS1.svg \
    ebios-attack-OS1.svg; do
    [ -s "$lang/$f" ] || fail "$lang: $f written"
  done
  expect_eq "$(well_formed "$lang"/*.svg)" "" "$lang: every figure is well-formed XML"
  expect_eq "$(check empty_sections "$lang/ebios.md")" "" "$lang: no empty section"
  expect_eq "$(check tables "$lang/ebios.md")" "" "$lang: tables well formed"
  body=$(check body "$lang/ebios.md")
  for ref in ER1 ER2 SO1 SO2 SS1 CA1 CA2 OS1 AE1 AE2 AE3 P1 R1 M1; do
    grep -q "$ref" <<<"$body" || fail "$lang: the dossier names $ref"
  done
  ! grep -q '<script' <<<"$body" || fail "$lang: user text is escaped"
  ! grep -q '<script' "$lang"/*.svg || fail "$lang: user text is escaped in the figures"
  grep -qF 'Arrêt \| des \*paiements\*' <<<"$body" || fail "$lang: '|' and '*' escaped for Markdown"
done
headings=$(check headings fr/ebios.md)
for h in "## Atelier 1 — Cadrage et socle de sécurité" "## Atelier 2 — Sources de risque" \
  "## Atelier 3 — Scénarios stratégiques" "## Atelier 4 — Scénarios opérationnels" \
  "## Atelier 5 — Traitement du risque" "### Plan d’amélioration continue de la sécurité (PACS)"; do
  grep -qxF "$h" <<<"$headings" || fail "fr: heading $h"
done
headings=$(check headings en/ebios.md)
for h in "## Workshop 1 — Scope and security baseline" "## Workshop 2 — Risk origins" \
  "## Workshop 3 — Strategic scenarios" "## Workshop 4 — Operational scenarios" \
  "## Workshop 5 — Risk treatment"; do
  grep -qxF "$h" <<<"$headings" || fail "en: heading $h"
done
body=$(check body fr/ebios.md)
NBSP=$(printf '\xc2\xa0') # the French template's space before ':' and ';'
# Derived values: pertinence 3 × 3 → 3; SS1 gravity G4; AE3 AND: min(4, min(3, 2)) = 2 → V2;
# R1 V2 × G4 → medium; P1 threat 4×3/(2×2) = 3 (danger), residual 4×3/(4×2) = 1.5.
grep -qF '| SO1 | Cybercriminels (Crime organisé) | Rançon (ER1) | 3 | 3 | 2 | 3 |' <<<"$body" \
  || fail "fr: SO1's derived pertinence"
grep -qF -- "- **Gravité${NBSP}:** G4 Critique (la plus élevée de ses événements redoutés)" <<<"$body" \
  || fail "fr: SS1's derived gravity"
grep -qF -- "- **Vraisemblance${NBSP}:** V2 Vraisemblable (dérivée de ses actions élémentaires (méthode standard))" <<<"$body" \
  || fail "fr: OS1's derived likelihood"
grep -qF '| AE3 | Exploiter | Chiffrement | AE1 ET AE2 | 4 | — | 2 |' <<<"$body" \
  || fail "fr: AE3's cumulative probability with AND"
grep -qF '| R1 | Rançongiciel sur la production (OS1) | V2 × G4 → Moyen | V1 × G4 → Moyen | Réduire |' <<<"$body" \
  || fail "fr: R1 initial and residual"
grep -qF '| P1 | Infogérant | Prestataire | 3 — Zone de danger | 1,5 — Zone de contrôle | Oui |' <<<"$body" \
  || fail "fr: P1 critical in the danger zone"
grep -qF '| M1 | MFA des accès distants | Protection |' <<<"$body" || fail "fr: M1 in the PACS"
grep -qF 'Monopole légal' <<<"$body" || fail "fr: an unretained couple's justification"
grep -qF 'Portail isolé' <<<"$body" || fail "fr: an unretained path's justification"
# The baseline's counts agree with their numbers.
grep -qF -- "- **NIST-CSF — NIST Cybersecurity Framework**${NBSP}: 106 exigences, dont 1 exclue par la déclaration d’applicabilité. Applicables${NBSP}: 105 (105 sans décision d’applicabilité) — aucune couverte, aucune partiellement couverte, aucune prévue, 105 non couvertes." <<<"$body" \
  || fail "fr: the baseline, its counts in agreement"
grep -qF -- '- **NIST-CSF — NIST Cybersecurity Framework**: 106 requirements, 1 excluded by the statement of applicability. Applicable: 105 (105 without an applicability decision) — none covered, none partly covered, none planned, 105 uncovered.' en/ebios.md \
  || fail "en: the baseline"
checks=$((checks + 2))

# Deterministic: a second render is byte-identical.
run -w ws report ebios -o fr2 --today 2026-12-01
for f in fr/*; do cmp -s "$f" "fr2/$(basename "$f")" || fail "deterministic: $f"; done

run -w ws report all -o all -q
expect_rc 0 "report all with a study"
[ -s all/ebios.md ] && [ -s all/ebios-attack-OS1.svg ] || fail "report all includes the dossier"

finish
