#!/usr/bin/env bash
# review of an EBIOS RM study: each rule of the study theme fires on its bad
# case and stays quiet on a close good one; a map without a study gets none
# of them (and the deliverable does not apply them), one record of a study
# is enough to run them; ratings the study derives count as rated;
# [review] turns them off and re-grades them, --rule runs one turned off;
# messages in French and English; review --rules; the review deliverable of
# a study (scope, theme, recommendation).
source "$SOURCE_DIR/tests/e2e/lib.sh"
unset RISKMAP_WORKSPACE NO_COLOR

T=2026-06-01
NBSP=$(printf '\xc2\xa0')
study_rules="couple-no-strategic feared-event-unreached mitigate-no-residual operational-no-exploit path-stakeholder-not-critical scenario-gravity-unjustified stakeholder-residual-above-initial unretained-no-justification"

ok() { run "$@"; expect_rc 0 "$*:"; }
# refs RULE: the refs with a finding of RULE in the last JSON listing, space-separated.
refs() { json "' '.join(f['ref'] for f in d if f['rule'] == '$1')"; }
fires() { expect_eq "$(refs "$1")" "$2" "$1: ${3:-}"; }
review_json() { run -w "$WS" review --today "$T" --format json "$@"; expect_rc 0 "review $WS --format json $*:"; }
# study_findings: the rules of the study theme with a finding in the last JSON listing.
study_findings() { json "sorted({f['rule'] for f in d if f['theme'] == 'ebios-rm-study'})"; }

# --- A study with each rule's bad case and a close good one ---------------------------------------
WS=S
ok init S --name 'Caisse'
ok -w S asset add A1 --name 'Adhésions' --role primary --owner DG
ok -w S asset add A2 --name 'Portail' --kind application --serves A1 --owner DSI
# Stakeholders: P1 in the danger zone (critical, derived), its residual rating lower; P2 outside
# every zone (not critical), its residual dependency raised; P3 outside too but flagged critical
# by hand; P4 in the watch zone (not critical), with no residual criterion set (they follow the
# initial ones).
ok -w S stakeholder add P1 --name 'Infogérant' --category provider --dependency 4 --penetration 4 \
  --maturity 1 --trust 2 --residual-maturity 4
ok -w S stakeholder add P2 --name 'Éditeur' --category supplier --dependency 1 --penetration 1 \
  --maturity 4 --trust 4 --residual-dependency 4
ok -w S stakeholder add P3 --name 'Partenaire' --category partner --dependency 1 --penetration 1 \
  --maturity 4 --trust 4 --critical yes
ok -w S stakeholder add P4 --name 'Hébergeur' --category provider --dependency 1 --penetration 1 \
  --maturity 2 --trust 2
# Workshop 1: ER1 (G4) is reached, ER2 (G3) is not, ER3 (G2) is not but is below G3; ER4 and ER5
# are set aside, ER5 with a justification; ER6 (G4, unreached) is set aside with one too.
ok -w S feared-event add ER1 --business-value A1 --criteria C --gravity G4 --description 'Fuite des dossiers'
ok -w S feared-event add ER2 --business-value A1 --criteria I --gravity G3 --description 'Altération des dossiers'
ok -w S feared-event add ER3 --business-value A1 --criteria A --gravity G2
ok -w S feared-event add ER4 --business-value A1 --criteria T --gravity G1 --retained no
ok -w S feared-event add ER5 --business-value A1 --criteria T --gravity G1 --retained no --justification 'Hors périmètre'
ok -w S feared-event add ER6 --business-value A1 --criteria A --gravity G4 --retained no --justification 'Couvert par le PCA'
# Workshop 2: SO1 leads to SS1, SO2 to nothing; SO3 and SO4 are set aside, SO4 with a justification.
ok -w S origin add SO1 --source 'Cybercriminel' --objective 'Rançon' --motivation 3 --resources 3 --feared-event ER1
ok -w S origin add SO2 --source 'Concurrent' --objective 'Espionnage' --motivation 2 --resources 2 --feared-event ER2
ok -w S origin add SO3 --source 'Activiste' --motivation 1 --resources 1 --retained no
ok -w S origin add SO4 --source 'Amateur' --motivation 1 --resources 1 --retained no --justification 'Peu pertinent'
# Workshop 3: SS1 (gravity G4, from ER1); its paths go through P1 (critical), P1 and P2 (P2 is not),
# P3 (critical by hand); CA4 is set aside without a justification (through P2), CA5 with one.
ok -w S strategic add SS1 --origin SO1 --feared-event ER1 --title 'Rançongiciel'
ok -w S path add CA1 --strategic SS1 --stakeholder P1
ok -w S path add CA2 --strategic SS1 --stakeholder P1,P2
ok -w S path add CA3 --strategic SS1 --stakeholder P3
ok -w S path add CA4 --strategic SS1 --stakeholder P2 --retained no
ok -w S path add CA5 --strategic SS1 --stakeholder P2 --retained no --justification 'Accès trop restreint'
ok -w S path add CA6 --strategic SS1
# Workshop 4: OS1 ends on an exploit step; OS2 stops at know; OS3 has no step at all (express).
ok -w S operational add OS1 --path CA1 --title 'Hameçonnage puis chiffrement' --likelihood V3
ok -w S operational add OS2 --path CA2 --title 'Rebond chez l’éditeur' --likelihood V2
ok -w S operational add OS3 --path CA3 --likelihood V2
ok -w S step add AE1 --operational OS1 --phase know --probability 3
ok -w S step add AE2 --operational OS1 --phase exploit --after AE1 --probability 3
ok -w S step add AE3 --operational OS2 --phase know --probability 2
ok -w S step add AE4 --operational OS2 --phase find --after AE3 --probability 2
# Workshop 5: R1 takes its rating from the study; R2 sets another impact by hand, R3 too but says
# why, R4 sets the study's own impact by hand; R5 sets another likelihood by hand.
ok -w S scenario add R1 --title 'Rançongiciel' --operational OS1 --asset A2 --owner RSSI
ok -w S scenario add R2 --title 'Rançongiciel minoré' --operational OS1 --asset A2 --owner RSSI --impact G2
ok -w S scenario add R3 --title 'Rançongiciel justifié' --operational OS1 --asset A2 --owner RSSI --impact G2 \
  --justification 'Sauvegardes hors ligne'
ok -w S scenario add R4 --title 'Rançongiciel recopié' --operational OS1 --asset A2 --owner RSSI --impact G4
ok -w S scenario add R5 --title 'Rebond surcoté' --operational OS3 --asset A2 --owner RSSI --likelihood V4
# Treatment: R6 to mitigate with no residual rating, R7 with half of one, R8 with both; R9 accepted.
ok -w S scenario add R6 --title 'Panne' --asset A2 --owner DSI --likelihood V2 --impact G2 --treatment mitigate
ok -w S scenario add R7 --title 'Erreur' --asset A2 --owner DSI --likelihood V2 --impact G2 --treatment mitigate \
  --residual-likelihood V1
ok -w S scenario add R8 --title 'Vol' --asset A2 --owner DSI --likelihood V2 --impact G2 --treatment mitigate \
  --residual-likelihood V1 --residual-impact G2
ok -w S scenario add R9 --title 'Perte' --asset A2 --owner DSI --likelihood V1 --impact G1 --treatment accept

before=$(snapshot S)
review_json
expect_no_err "review of a study: nothing on stderr"
expect_unchanged S "$before" "review of a study is a reading command:"

# --- Each rule, on both sides ----------------------------------------------------------------------
fires feared-event-unreached "ER2" "ER2 (G3) unreached; ER1 reached, ER3 below G3, ER6 set aside"
fires couple-no-strategic "SO2" "SO2 starts nothing; SO1 starts SS1, SO3 and SO4 are set aside"
fires unretained-no-justification "CA4 ER4 SO3" "set aside without a word; ER5, SO4 and CA5 say why"
fires stakeholder-residual-above-initial "P2" "P2's residual dependency raises its threat; P1's is lower, P4's equal"
fires path-stakeholder-not-critical "CA2" "CA2 goes through P2; CA1 through P1 (danger zone), CA3 through P3 (by hand), CA6 direct, CA4 set aside"
fires operational-no-exploit "OS2 OS3" "OS2 stops at find, OS3 has no step; OS1 ends on exploit"
fires scenario-gravity-unjustified "R2 R5" "R2's impact and R5's likelihood set by hand; R1 derived, R3 justified, R4 equal"
fires mitigate-no-residual "R6 R7" "R6 and R7 lack a residual rating; R8 has one, R9 is accepted"
# Ratings the study derives are ratings: R1 is rated, so is the strategic gravity R5 inherits.
fires scenario-unrated "" "scenarios rated through their operational scenario are rated"
expect_eq "$(json '{f["rule"]: sorted({g["kind"] for g in d if g["rule"] == f["rule"]}) for f in d if f["theme"] == "ebios-rm-study"}')" \
  '{"feared-event-unreached": ["feared_event"], "stakeholder-residual-above-initial": ["stakeholder"], "couple-no-strategic": ["origin"], "mitigate-no-residual": ["scenario"], "operational-no-exploit": ["operational"], "path-stakeholder-not-critical": ["path"], "scenario-gravity-unjustified": ["scenario"], "unretained-no-justification": ["feared_event", "origin", "path"]}' \
  "the kinds of records each rule reports"
expect_eq "$(json '{f["rule"]: f["severity"] for f in d if f["theme"] == "ebios-rm-study"}')" \
  '{"feared-event-unreached": "high", "stakeholder-residual-above-initial": "high", "couple-no-strategic": "medium", "mitigate-no-residual": "medium", "operational-no-exploit": "medium", "path-stakeholder-not-critical": "medium", "scenario-gravity-unjustified": "medium", "unretained-no-justification": "low"}' \
  "default severities"
expect_eq "$(json 'all(f["fix"] for f in d)')" "true" "every finding has a fix hint"

# Messages, in French (the workspace's language).
msg() { json "[f['message'] for f in d if f['rule'] == '$1' and f['ref'] == '$2'][0]"; }
expect_eq "$(msg feared-event-unreached ER2)" \
  "L’événement redouté ER2 «${NBSP}Altération des dossiers${NBSP}», de gravité G3 (Grave), est retenu, mais aucun scénario stratégique n’y mène." \
  "fr: feared-event-unreached"
expect_eq "$(msg couple-no-strategic SO2)" \
  "Le couple SR/OV SO2 «${NBSP}Concurrent / Espionnage${NBSP}» est retenu, mais aucun scénario stratégique n’en part." \
  "fr: couple-no-strategic"
expect_eq "$(msg path-stakeholder-not-critical CA2)" \
  "Le chemin d’attaque CA2 est retenu et passe par P2 «${NBSP}Éditeur${NBSP}», qui n’est pas une partie prenante critique." \
  "fr: path-stakeholder-not-critical names the stakeholder"
expect_eq "$(msg scenario-gravity-unjustified R2)" \
  "Le risque R2 «${NBSP}Rançongiciel minoré${NBSP}» a une gravité initiale G2 (Significative) saisie à la main, quand son scénario stratégique SS1 a la gravité G4 (Critique), sans justification." \
  "fr: scenario-gravity-unjustified, the impact"
expect_eq "$(msg scenario-gravity-unjustified R5)" \
  "Le risque R5 «${NBSP}Rebond surcoté${NBSP}» a une vraisemblance initiale V4 (Quasi certain) saisie à la main, quand son scénario opérationnel OS3 a la vraisemblance V2 (Vraisemblable), sans justification." \
  "fr: scenario-gravity-unjustified, the likelihood"
expect_eq "$(msg stakeholder-residual-above-initial P2)" \
  "Le niveau de menace résiduel de la partie prenante P2 «${NBSP}Éditeur${NBSP}» (0,25) dépasse son niveau initial (0,06)." \
  "fr: stakeholder-residual-above-initial, both levels"
expect_eq "$(msg operational-no-exploit OS3)" "Le scénario opérationnel OS3 n’a aucune action élémentaire." \
  "fr: operational-no-exploit, no step at all"
expect_eq "$(msg mitigate-no-residual R7)" \
  "Le risque R7 «${NBSP}Erreur${NBSP}» est à réduire, mais n’a pas de gravité résiduelle." "fr: mitigate-no-residual, half a rating"

# In English.
review_json --lang en
expect_eq "$(msg operational-no-exploit OS2)" \
  "No elementary action of operational scenario OS2 “Rebond chez l’éditeur” is in the “Exploit” phase." \
  "en: operational-no-exploit"
expect_eq "$(msg unretained-no-justification CA4)" \
  "Attack path CA4 of strategic scenario SS1 is not retained, with no justification." "en: unretained-no-justification, a path"
expect_eq "$(msg mitigate-no-residual R6)" "Risk R6 “Panne” is to be mitigated, but has no residual rating." \
  "en: mitigate-no-residual"

# Both axes at once, in one finding; a justification silences both.
ok -w S scenario set R5 --impact G1
review_json --rule scenario-gravity-unjustified --lang en
expect_eq "$(msg scenario-gravity-unjustified R5)" \
  "Risk R5 “Rebond surcoté” has a current impact of G1 (Minor) set by hand, where its strategic scenario SS1 has a gravity of G4 (Critical) and a current likelihood of V4 (Almost certain) set by hand, where its operational scenario OS3 has a likelihood of V2 (Likely), with no justification." \
  "en: impact and likelihood in one finding"
ok -w S scenario set R5 --justification 'Exposition propre à ce risque'
review_json --rule scenario-gravity-unjustified
fires scenario-gravity-unjustified "R2" "R5 now justified"
# Clearing the hand-set impact hands it back to the study.
ok -w S scenario set R2 --clear current_impact
review_json --rule scenario-gravity-unjustified
fires scenario-gravity-unjustified "" "R2 derived again"

# A path through several stakeholders that are not critical: one finding naming them all.
ok -w S path set CA2 --stakeholder P2,P4
review_json --rule path-stakeholder-not-critical
fires path-stakeholder-not-critical "CA2" "one finding for the path"
expect_eq "$(msg path-stakeholder-not-critical CA2)" \
  "Le chemin d’attaque CA2 est retenu et passe par P2 «${NBSP}Éditeur${NBSP}» et P4 «${NBSP}Hébergeur${NBSP}», qui ne sont pas des parties prenantes critiques." \
  "fr: several stakeholders"
# Fixing each bad case silences its rule.
ok -w S stakeholder set P2 --critical yes --clear residual_dependency
ok -w S stakeholder set P4 --critical yes
ok -w S strategic add SS2 --origin SO2 --feared-event ER2
ok -w S feared-event set ER4 --justification 'Sans objet'
ok -w S origin set SO3 --justification 'Non pertinent'
ok -w S path set CA4 --justification 'Trop coûteux pour l’attaquant'
ok -w S step add AE5 --operational OS2 --phase exploit --after AE4 --probability 2
ok -w S step add AE6 --operational OS3 --phase exploit --probability 2
ok -w S scenario set R6 --treatment avoid
ok -w S scenario set R7 --residual-impact G2
review_json
expect_eq "$(study_findings)" "[]" "every bad case fixed: no finding of the study theme"

# --- A map without a study gets none of them --------------------------------------------------------
WS=M
ok init M --name 'Sans étude'
ok -w M asset add A1 --name 'Adhésions' --role primary --owner DG
ok -w M stakeholder add P1 --name 'Éditeur' --category supplier --dependency 1 --penetration 1 \
  --maturity 4 --trust 4 --residual-dependency 4
ok -w M scenario add R1 --title 'Panne' --asset A1 --owner DSI --likelihood V2 --impact G2 --treatment mitigate
review_json
expect_eq "$(study_findings)" "[]" "no study: no finding of the study theme"
expect_eq "$(refs mitigate-no-residual)" "" "no study: mitigate-no-residual does not run"
review_json --rule mitigate-no-residual,stakeholder-residual-above-initial
expect_eq "$(json 'len(d)')" "0" "no study: even named with --rule, nothing to review"
ok -w M report review --lang en --today "$T" -o M-report
checks=$((checks + 1))
grep -qF -- "- **Rules applied:** 26" M-report/review.md || { rc=-; out=$(grep -F "Rules applied" M-report/review.md); err=; fail "no study: the 26 rules of the map applied"; }
checks=$((checks + 1))
! grep -qE -- "mitigate-no-residual|Feared events|EBIOS RM study" M-report/review.md || { rc=-; out=; err=; fail "no study: the deliverable says nothing of one"; }

# One record of a study is enough.
ok -w M feared-event add ER1 --business-value A1 --criteria C --gravity G2
review_json
expect_eq "$(study_findings)" '["mitigate-no-residual", "stakeholder-residual-above-initial"]' \
  "a feared event makes a study: its rules run"
fires mitigate-no-residual "R1"
fires stakeholder-residual-above-initial "P1"

# --- [review] turns them off and re-grades them ----------------------------------------------------------
WS=S
ok -w S scenario set R6 --treatment mitigate
ok -w S path add CA7 --strategic SS1 --stakeholder P1 --retained no
cp S/riskmap.toml "$TMP/riskmap.toml.orig"
cat >>S/riskmap.toml <<'EOF'

[review]
off = ["mitigate-no-residual", "unretained-no-justification"]

[review.severity]
couple-no-strategic = "high"
EOF
ok -w S origin add SO5 --source 'Vengeur' --motivation 2 --resources 2
review_json
fires mitigate-no-residual "" "turned off"
fires unretained-no-justification "" "turned off"
fires couple-no-strategic "SO5" "still on"
expect_eq "$(json '[f["severity"] for f in d if f["rule"] == "couple-no-strategic"]')" '["high"]' "re-graded to high"
review_json --rule mitigate-no-residual,unretained-no-justification
fires mitigate-no-residual "R6" "--rule runs a rule turned off"
fires unretained-no-justification "CA7" "--rule runs a rule turned off"
run -w S review --rules --format json
expect_eq "$(json '{r["rule"]: [r["enabled"], r["default_severity"], r["severity"]] for r in d if r["rule"] in ("mitigate-no-residual", "couple-no-strategic")}')" \
  '{"couple-no-strategic": [true, "medium", "high"], "mitigate-no-residual": [false, "medium", "medium"]}' \
  "review --rules: turned off and re-graded"
ok -w S report review --lang en --today "$T" -o S-off
checks=$((checks + 1))
grep -qF -- "- Residual rating missing: Risk to mitigate without a residual rating" S-off/review.md ||
  { rc=-; out=; err=; fail "the deliverable names the study rules turned off"; }
cp "$TMP/riskmap.toml.orig" S/riskmap.toml
printf '\n[review]\noff = ["mitigate-no-residul"]\n' >>S/riskmap.toml
run -w S review
expect_rc 1 "an unknown study rule id in [review] off:"
expect_err "did you mean 'mitigate-no-residual'" "a study rule id suggested"
cp "$TMP/riskmap.toml.orig" S/riskmap.toml

# --- The list of rules ---------------------------------------------------------------------------------
run -w S review --rules --format json
expect_rc 0 "review --rules:"
expect_eq "$(json 'len(d)')" "34" "34 rules"
expect_eq "$(json "' '.join(sorted(r['rule'] for r in d if r['theme'] == 'ebios-rm-study'))")" "$study_rules" \
  "the 8 rules of the study theme"
expect_eq "$(json '[r["rule"] for r in d][-8:]')" \
  '["feared-event-unreached", "couple-no-strategic", "unretained-no-justification", "stakeholder-residual-above-initial", "path-stakeholder-not-critical", "operational-no-exploit", "scenario-gravity-unjustified", "mitigate-no-residual"]' \
  "listed last, in the order of the workshops"
run -w S review rules --lang en
expect_rc 0 "review rules (table):"
expect_out "Operational scenario without an elementary action in the exploit phase" "review rules: an English summary"

# --- The deliverable of a study ---------------------------------------------------------------------------
check() { python3 "$SOURCE_DIR/tests/e2e/deliverables.py" "$@"; }
has() { checks=$((checks + 1)); grep -qF -- "$2" "$1" || { rc=-; out=; err=; fail "${3:-} $1 lacks: $2"; }; }
ok -w S report review --lang fr --today "$T" -o S-fr
F=S-fr/review.md
expect_eq "$(check tables "$F")" "" "review.md (fr): tables intact"
has "$F" "- **Règles appliquées${NBSP}:** 34" "fr: every rule applied to a study"
has "$F" "- **Événements redoutés${NBSP}:** 6" "fr: scope, feared events"
has "$F" "- **Couples source de risque / objectif visé${NBSP}:** 5" "fr: scope, couples"
has "$F" "- **Scénarios stratégiques${NBSP}:** 2 (chemins d’attaque${NBSP}: 7)" "fr: scope, strategic scenarios and paths"
has "$F" "- **Scénarios opérationnels${NBSP}:** 3 (actions élémentaires${NBSP}: 6)" "fr: scope, operational scenarios and steps"
has "$F" "| Couple SR/OV sans scénario stratégique | Étude EBIOS RM | Moyenne | Couple source de risque / objectif visé retenu sans scénario stratégique | 1 |" \
  "fr: a study rule with its count"
has "$F" "### Étude EBIOS RM (3)" "fr: the study theme with its findings"
has "$F" "- **Étude EBIOS RM (3)${NBSP}:**" "fr: the study's recommendation"
ok -w S report review --lang en --today "$T" -o S-en
E=S-en/review.md
expect_eq "$(check tables "$E")" "" "review.md (en): tables intact"
has "$E" "- **Operational scenarios:** 3 (elementary actions: 6)" "en: scope"
has "$E" "### EBIOS RM study (3)" "en: the study theme"
has "$E" "- **EBIOS RM study (3):**" "en: the study's recommendation"
has S-en/review.csv "SR/OV couple" "review.csv: the kind of a couple"

finish
