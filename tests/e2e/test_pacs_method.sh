#!/usr/bin/env bash
# EBIOS RM in the deliverables. The methodological kit of an ebios-rm
# workspace names the five workshops, counts the study's records from the
# workspace and shows the grids of riskmap.toml [ebios]; its action plan is
# the continuous security improvement plan (PACS): the controls of the plan
# under the four axes, a residual risk sheet for each risk to mitigate, then
# the actions; its documents call the current stage the initial risk, in
# English too. An iso27005 workspace keeps a kit without workshops and its
# corrective action plan. For every method, the inherent ("brut") stage is
# shown only when a scenario is rated at it.
source "$SOURCE_DIR/tests/e2e/lib.sh"
unset RISKMAP_WORKSPACE NO_COLOR

T=2026-06-01
NBSP=$(printf '\xc2\xa0')    # before ':' and inside « » in French
NNBSP=$(printf '\xe2\x80\xaf') # French thousands separator

check() { python3 "$SOURCE_DIR/tests/e2e/deliverables.py" "$@"; }
expect_none() { checks=$((checks + 1)); [ -z "$2" ] || { rc=-; out=$2; err=; fail "$1"; }; }
# has FILE TEXT WHAT / lacks FILE TEXT WHAT: the file holds TEXT (a fixed string), or not.
has() { checks=$((checks + 1)); grep -qF -- "$2" "$1" || { rc=-; out=; err=; fail "${3:-} $1 lacks: $2"; }; }
lacks() { checks=$((checks + 1)); ! grep -qF -- "$2" "$1" || { rc=-; out=$(grep -F -- "$2" "$1" | head -3); err=; fail "${3:-} $1 should not hold: $2"; }; }
ok() { run "$@"; expect_rc 0 "$*:"; }
# render WS LANG DIR: every deliverable of WS in LANG, into DIR.
render() { ok -w "$1" report all --lang "$2" --today "$T" -o "$3"; }

# A map both workspaces share: controls of every state and axis, one without
# a category, one abandoned; two risks to mitigate (R2's residual level not
# rated), one left open; one action. $1: the workspace, then the ids of
# likelihood 4, 3, 1 and impact 3, 1 on its method's scales.
build_map() {
  local w=$1 l4=$2 l3=$3 l1=$4 i3=$5 i1=$6
  ok -w "$w" asset add A1 --name 'Liquidation des prestations' --kind business-process
  ok -w "$w" asset add A2 --name 'Serveur de liquidation' --kind server --serves A1
  ok -w "$w" control add M1 --title 'Politique de sécurité' --category governance --state existing --owner RSSI
  ok -w "$w" control add M2 --title 'Authentification multifacteur' --category protection --state planned \
    --owner DSI --due 2026-09-30 --cost 1000 --effort 10
  ok -w "$w" control add M3 --title 'Supervision de sécurité' --category defence --state in-progress --owner SOC
  ok -w "$w" control add M4 --title 'Sauvegardes hors ligne' --category resilience --state done --owner DSI
  ok -w "$w" control add M5 --title 'Mesure sans catégorie' --state planned
  ok -w "$w" control add M6 --title 'VPN dédié' --category protection --state abandoned
  ok -w "$w" scenario add R2 --title 'Fuite de données' --asset A1 --likelihood "$l3" --impact "$i3" \
    --treatment mitigate --additional-control M3,M5
  ok -w "$w" scenario add R3 --title 'Panne du serveur' --asset A2 --likelihood "$l1" --impact "$i1"
  ok -w "$w" action add T1 --title 'Déployer le MFA' --control M2 --owner DSI --due 2026-12-31 --cost 500
  [ -n "$l4" ] || return 0
  ok -w "$w" scenario add R1 --title 'Rançongiciel' --asset A2,A1 --likelihood "$l4" --impact "$i3" \
    --residual-likelihood "$l1" --residual-impact "$i3" --treatment mitigate --existing-control M1 \
    --additional-control M2,M4 --owner RSSI
}

# --- An EBIOS RM workspace with a study ---------------------------------------------------
ok init E --name 'Caisse EBIOS' --lang fr
cat >>E/riskmap.toml <<'TOML'

[ebios]
pertinence = [[1, 1, 1, 1], [2, 2, 2, 2], [3, 3, 3, 3], [4, 4, 4, 4]]
likelihood = [[1, 1, 1, 1, 1], [2, 2, 2, 2, 1], [3, 3, 3, 3, 2], [4, 4, 4, 4, 3]]
TOML
build_map E "" V3 V1 G3 G1
ok -w E feared-event add ER1 --business-value A1 --criteria C,I --impacts missions --gravity G3
ok -w E feared-event add ER2 --business-value A1 --criteria A --gravity G4 --retained no --justification 'Hors champ'
ok -w E origin add SO1 --source 'Groupe cybercriminel' --category organised-crime --objective 'Rançon' \
  --motivation 3 --resources 4 --activity 3 --feared-event ER1
ok -w E origin add SO2 --source 'Amateur' --category amateur --motivation 1 --resources 1 --activity 1 --retained no
ok -w E stakeholder add P1 --name 'Infogérant' --category provider --dependency 4 --penetration 4 --maturity 1 --trust 2
ok -w E stakeholder add P2 --name 'Régulateur' --category regulator --dependency 1 --penetration 1 --maturity 4 --trust 4
ok -w E strategic add SS1 --origin SO1 --feared-event ER1
ok -w E path add CA1 --strategic SS1 --stakeholder P1
ok -w E path add CA2 --strategic SS1 --retained no
# Likelihoods set by hand (express method), so that the initial rating of R1
# comes from the study whatever the derivation rules.
ok -w E operational add OS1 --path CA1 --likelihood V3 --justification 'Avis des experts'
ok -w E operational add OS2 --path CA1 --likelihood V2
ok -w E step add AE1 --operational OS1 --phase know --probability 3
ok -w E step add AE2 --operational OS1 --phase enter --after AE1 --probability 2
ok -w E scenario add R1 --title 'Rançongiciel' --operational OS1 --asset A2,A1 --residual-likelihood V1 \
  --residual-impact G3 --treatment mitigate --existing-control M1 --additional-control M2,M4 --owner RSSI
run -w E scenario show R1 --format json
expect_eq "$(json 'd["current_likelihood"]["id"] + d["current_impact"]["id"]')" V3G3 \
  "R1's initial rating comes from OS1 and SS1 (the gravity of ER1)"
db_before=$(snapshot E)
render E fr EF
render E en EE
expect_unchanged E "$db_before" "report all (EBIOS RM, both languages):"

# The methodological kit: the five workshops, their records and counts.
M=EF/method.md
has $M "## La démarche EBIOS Risk Manager" "kit (fr):"
for heading in "Atelier 1 — Cadrage et socle de sécurité" "Atelier 2 — Sources de risque" \
  "Atelier 3 — Scénarios stratégiques" "Atelier 4 — Scénarios opérationnels" "Atelier 5 — Traitement du risque" \
  "Cycles stratégique et opérationnel" "Règles de calcul de l’étude"; do
  expect_eq "$(check headings $M | grep -cxF "### $heading")" 1 "kit (fr): the heading '$heading'"
done
has $M "| Valeurs métier | \`riskmap asset add --role primary\` | 1 |" "kit (fr): business values"
has $M "| Événements redoutés (ER…) | \`riskmap feared-event add\` | 2, dont 1 retenu |" "kit (fr): feared events"
has $M "| Mesures de sécurité en place (socle de sécurité) | \`riskmap control add --state existing\` | 1 |" "kit (fr): the baseline"
has $M "| Couples SR/OV (SO…) | \`riskmap origin add\` | 2, dont 1 retenu |" "kit (fr): SR/OV couples"
has $M "| \`riskmap stakeholder add\` | 2, dont 1 critique |" "kit (fr): stakeholders, critical as derived"
has $M "| Scénarios stratégiques (SS…) | \`riskmap strategic add\` | 1 |" "kit (fr): strategic scenarios"
has $M "| Chemins d’attaque (CA…) | \`riskmap path add\` | 2, dont 1 retenu |" "kit (fr): attack paths"
has $M "| Scénarios opérationnels (OS…) | \`riskmap operational add\` | 2 |" "kit (fr): operational scenarios"
has $M "| Actions élémentaires (AE…) | \`riskmap step add\` | 2 |" "kit (fr): elementary actions"
has $M "| Saisie directement (méthode expresse) | 2 |" "kit (fr): express likelihoods"
has $M "| Risques rattachés à un scénario opérationnel (R…) | \`riskmap scenario add --operational\` | 1 sur 3 |" "kit (fr): risks from the study"
has $M "| Risques à réduire | \`riskmap scenario set --treatment mitigate\` | 2 |" "kit (fr): risks to mitigate"
has $M "| \`riskmap control add --state planned\` | 4 |" "kit (fr): the plan's controls (planned, in progress, done)"
has $M "| Actions de mise en œuvre (T…) | \`riskmap action add\` | 1 |" "kit (fr): actions"
has $M "Risques dont l’évaluation initiale est ainsi déduite de l’étude${NBSP}: 1." "kit (fr): R1's derived rating"
# The grids of riskmap.toml [ebios], and the threat zones.
has $M "Cette grille est propre à la mission" "kit (fr): the pertinence grid is the mission's"
has $M "| 2 | 2 | 2 | 2 | 2 |" "kit (fr): the pertinence grid of riskmap.toml"
has $M "| 4 | V4 | V4 | V4 | V4 | V3 |" "kit (fr): the likelihood grid of riskmap.toml, on the method's scale"
has $M "zone de danger (à partir de 2,5) ou de contrôle (à partir de 0,9)" "kit (fr): the threat zones"
E_M=EE/method.md
has $E_M "## The EBIOS Risk Manager approach" "kit (en):"
has $E_M "### Workshop 3 — Strategic scenarios" "kit (en):"
has $E_M "| Feared events (ER…) | \`riskmap feared-event add\` | 2, of which 1 retained |" "kit (en): feared events"
has $E_M "| Risks drawn from an operational scenario (R…) | \`riskmap scenario add --operational\` | 1 of 3 |" "kit (en): risks from the study"
has $E_M "- **initial:** with the security controls in place today" "kit (en): the current stage is the initial risk"

# The action plan is the PACS.
P=EF/action-plan.md
expect_eq "$(check field $P title)" "Plan d’amélioration continue de la sécurité (PACS)" "PACS (fr): title"
expect_eq "$(check field EE/action-plan.md title)" "Continuous security improvement plan (PACS)" "PACS (en): title"
expect_eq "$(check headings $P | grep -v '^### ' | tr '\n' '/')" \
  "# Plan d’amélioration continue de la sécurité (PACS)/## Synthèse/## Gouvernance/## Protection/## Défense/## Résilience/## Mesures à rattacher à un axe/## Fiches de risque résiduel/## Actions de mise en œuvre/## Règle de priorité/## Actions par priorité/## Mesures mises en œuvre et scénarios traités/## Actions par responsable/" \
  "PACS (fr): the four axes, the residual risk sheets, then the actions"
expect_eq "$(check headings EE/action-plan.md | grep '^## ' | sed -n 2,5p | tr '\n' '/')" \
  "## Governance/## Protection/## Defence/## Resilience/" "PACS (en): the four axes"
has $P "- **Mesures de sécurité du plan${NBSP}:** 4 (prévues${NBSP}: 2, en cours${NBSP}: 1, réalisées${NBSP}: 1)" "PACS (fr): the plan's controls"
has $P "| Gouvernance | 0 | 0 | 0 | 0 | 0 | 0 |" "PACS (fr): governance (M1 is in place: the baseline)"
has $P "| Protection | 1 | 1 | 0 | 0 | 1${NNBSP}000 | 10 |" "PACS (fr): protection totals"
has $P "| Sans axe | 1 | 1 | 0 | 0 | 0 | 0 |" "PACS (fr): M5 has no axis"
has $P "Mesures abandonnées, qui ne figurent plus au plan${NBSP}: M6." "PACS (fr): M6 abandoned"
has $P "| M2 | Authentification multifacteur | R1 (Élevé) | DSI, 2026-09-30 | Prévue | 1${NNBSP}000 |" "PACS (fr): M2 under protection"
has $P "| M3 | Supervision de sécurité | R2 (Élevé) | SOC | En cours |" "PACS (fr): M3 under defence"
lacks $P "| M1 | Politique" "PACS (fr): a control in place is not in the plan"
# The residual risk sheets: R1 and R2 (mitigate), not R3 (open).
expect_eq "$(check headings $P | grep '^### R' | tr '\n' '/')" "### R1 — Rançongiciel/### R2 — Fuite de données/" \
  "PACS (fr): one sheet per risk to mitigate, highest initial level first"
has $P "| Risque initial | V3 Très vraisemblable | G3 Grave | Élevé |" "PACS (fr): R1's initial risk"
has $P "| Risque résiduel | V1 Peu vraisemblable | G3 Grave | Faible |" "PACS (fr): R1's residual risk"
has $P "Le risque résiduel visé atteint le seuil d’acceptation ou passe en dessous." "PACS (fr): R1 within the appetite"
has $P "| M4 | Sauvegardes hors ligne | Résilience | Réalisée | DSI | — |" "PACS (fr): R1's measures, with their axis"
has $P "- **Actions${NBSP}:** T1 Déployer le MFA (Prévue, échéance le 31${NBSP}décembre 2026)" "PACS (fr): R1's action"
has $P "Le risque résiduel n’est pas encore évalué (\`riskmap scenario set R2 --residual-likelihood" "PACS (fr): R2 not rated"
has $P "| M5 | Mesure sans catégorie | À rattacher | Prévue | — | — |" "PACS (fr): M5 to be placed"
has EE/action-plan.md "| Initial risk | V3 Very likely | G3 Serious | High |" "PACS (en): R1's initial risk"
has EE/action-plan.md "| Scenarios addressed (initial level) |" "PACS (en): the initial level"
printf '%s' "$(check csv EF/action-plan.csv)" >"$TMP/csv.json"
expect_eq "$(py_eval 'd["widths"]' "$TMP/csv.json")" "[12]" "PACS: action-plan.csv as before"

# The initial risk, in English too; no inherent stage (no scenario is rated at it).
has EE/register.md "| Threat | Initial | Residual |" "register (en, EBIOS RM):"
has EE/heatmap.md "## Initial risk" "heatmap (en, EBIOS RM):"
has EE/summary.md "| Risk level | Initial | Residual |" "summary (en, EBIOS RM):"
has EF/heatmap.md "## Risque initial" "heatmap (fr):"
ok -w E matrix --lang en
expect_eq "$(head -n 1 <<<"$out")" "Initial risk — 3 scenarios rated" "matrix (en, EBIOS RM): the initial risk"

# --- An iso27005 workspace ------------------------------------------------------------------
ok init I --method iso27005 --name 'Caisse ISO' --lang fr
build_map I L4 L3 L1 C3 C1
render I fr IF
render I en IE
lacks IF/method.md "EBIOS" "kit (iso27005): no EBIOS RM approach"
lacks IF/method.md "Atelier" "kit (iso27005): no workshop"
lacks IE/method.md "Workshop" "kit (iso27005, en): no workshop"
expect_eq "$(check field IF/action-plan.md title)" "Plan d’actions correctives" "action plan (iso27005): its title"
expect_eq "$(check headings IF/action-plan.md | grep -v '^### ' | tr '\n' '/')" \
  "# Plan d’actions correctives/## Synthèse/## Règle de priorité/## Actions par priorité/## Mesures mises en œuvre et scénarios traités/## Actions par responsable/" \
  "action plan (iso27005): as it was"
has IF/action-plan.md "Le plan d’actions correctives décline en actions concrètes les mesures de sécurité retenues" "action plan (iso27005): its introduction"
lacks IF/action-plan.md "PACS" "action plan (iso27005): no PACS"
lacks IF/action-plan.md "Fiches de risque résiduel" "action plan (iso27005): no residual risk sheet"
has IE/action-plan.md "| Scenarios addressed (current level) |" "action plan (iso27005, en): the current level"
ok -w I matrix --lang en
expect_eq "$(head -n 1 <<<"$out")" "Current risk — 3 scenarios rated" "matrix (en, iso27005): the current risk"
has IE/register.md "| Threat | Current | Residual |" "register (iso27005, en): the current stage"
has IE/heatmap.md "## Current risk" "heatmap (iso27005, en):"

# --- The inherent stage, only when used --------------------------------------------------------
for lang in IF IE; do
  checks=$((checks + 1))
  [ ! -e $lang/heatmap-inherent.svg ] || fail "$lang: a heat map of the inherent stage, which no scenario uses"
done
has IF/register.md "| Menace | Initial | Résiduel |" "register (fr), no inherent rating:"
lacks IF/register.md "Brut" "register (fr), no inherent rating:"
lacks IF/register.md "brut" "register (fr), no inherent rating:"
has IF/summary.md "| Niveau de risque | Initial | Résiduel |" "summary (fr), no inherent rating:"
has IF/summary.md "aux deux stades d’évaluation" "summary (fr), no inherent rating:"
lacks IF/scenarios.md "| Brut |" "scenario sheets (fr), no inherent rating:"
lacks IF/heatmap.md "## Risque brut" "heatmap (fr), no inherent rating:"
has IF/method.md "Chaque scénario est évalué à deux stades" "kit (fr), no inherent rating:"
lacks IF/method.md "--inherent-likelihood L3" "kit (fr), no inherent rating: the example rates no inherent stage"
lacks IE/register.md "Inherent" "register (en), no inherent rating:"
lacks EF/register.md "Brut" "register (EBIOS RM), no inherent rating:"
printf '%s' "$(check csv IF/register.csv)" >"$TMP/csv.json"
expect_eq "$(py_eval '"Niveau brut" in d["header"]' "$TMP/csv.json")" false "register.csv (fr), no inherent rating: no inherent column"
expect_eq "$(py_eval 'd["widths"]' "$TMP/csv.json")" "[10]" "register.csv (fr), no inherent rating: 10 cells a row"

ok -w I scenario set R3 --inherent-likelihood L2 --inherent-impact C1
render I fr IF2
render I en IE2
has IF2/register.md "| Menace | Brut | Initial | Résiduel |" "register (fr), R3 rated inherent:"
has IF2/register.md "| R3 | Panne du serveur | A2 Serveur de liquidation |  |  | Très faible | Très faible | — |" "register (fr): R3's inherent level"
has IF2/summary.md "| Niveau de risque | Brut | Initial | Résiduel |" "summary (fr), R3 rated inherent:"
has IF2/summary.md "aux trois stades d’évaluation" "summary (fr), R3 rated inherent:"
has IF2/scenarios.md "| Brut | L2 Plutôt improbable | C1 Mineure | Très faible |" "scenario sheets (fr), R3 rated inherent:"
has IF2/heatmap.md "## Risque brut" "heatmap (fr), R3 rated inherent:"
has IF2/method.md "Chaque scénario est évalué à trois stades" "kit (fr), R3 rated inherent:"
has IE2/register.md "| Threat | Inherent | Current | Residual |" "register (en), R3 rated inherent:"
checks=$((checks + 1))
[ -s IF2/heatmap-inherent.svg ] || fail "heatmap (fr), R3 rated inherent: no heatmap-inherent.svg"
printf '%s' "$(check csv IF2/register.csv)" >"$TMP/csv.json"
expect_eq "$(py_eval 'd["widths"]' "$TMP/csv.json")" "[11]" "register.csv (fr), R3 rated inherent: 11 cells a row"
expect_eq "$(py_eval 'd["by_ref"]["R3"][5]' "$TMP/csv.json")" "Très faible" "register.csv (fr): R3's inherent level"

# The evolution shows the inherent stage when either version uses it.
ok init V --method iso27005 --lang fr
build_map V L4 L3 L1 C3 C1
ok -w V snapshot create S1 --today 2026-05-01
ok -w V scenario set R3 --likelihood L2
ok -w V report evolution --since S1 --today "$T" -o VF
lacks VF/evolution.md "| Brut |" "evolution, no inherent rating:"
has VF/evolution.md "aux deux stades" "evolution, no inherent rating:"
ok -w V scenario set R3 --inherent-likelihood L2 --inherent-impact C1
ok -w V report evolution --since S1 --today "$T" -o VF2
has VF2/evolution.md "| Brut |" "evolution, R3 now rated inherent:"

# --- Every document well formed; the French PACS and kit convert with pandoc ---------------------
for dir in EF EE IF IE IF2 IE2; do
  expect_none "$dir: tables intact" "$(check tables $dir/*.md)"
  expect_none "$dir: no empty section" "$(check empty_sections $dir/action-plan.md $dir/method.md)"
  expect_none "$dir: front matter" "$(check frontmatter "$T" $dir/*.md)"
done
if command -v pandoc >/dev/null; then
  for md in EF/action-plan.md EF/method.md EE/action-plan.md IF/action-plan.md; do
    pandoc -f markdown -t docx -o "$TMP/out.docx" "$md" 2>"$TMP/pandoc.err"
    rc=$?
    checks=$((checks + 1))
    [ "$rc" -eq 0 ] && [ ! -s "$TMP/pandoc.err" ] || { out=; err=$(cat "$TMP/pandoc.err"); fail "pandoc $md to DOCX: exit $rc or warnings"; }
  done
else
  echo "note: pandoc not installed: the DOCX conversion is not checked"
fi

finish
