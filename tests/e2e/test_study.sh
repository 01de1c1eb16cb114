#!/usr/bin/env bash
# An EBIOS RM study built through the command line, workshop by workshop:
# feared events, SR/OV couples and their pertinence, strategic scenarios and
# their gravity, attack paths, operational scenarios and the likelihood of
# their steps (standard and advanced), risks derived from them; derived
# values shown with FIELD_source and never stored; the stakeholders'
# residual criteria and critical flag; bad input refused with nothing
# changed; export/import round trip, snapshots and diff.
source "$SOURCE_DIR/tests/e2e/lib.sh"
unset RISKMAP_WORKSPACE NO_COLOR

# field KIND REF KEY: one key of `KIND show REF --format json`.
field() {
  run -w ws "$1" show "$2" --format json
  json "d[\"$3\"] if not isinstance(d[\"$3\"], dict) else d[\"$3\"][\"id\"]"
}
stored() { sqlite3 ws/riskmap.db "select coalesce($3, 'NULL') from $1 where ref = '$2'"; }

run init ws --name "Caisse"
expect_rc 0 "init"

# --- Workshop 1: business values and feared events ---------------------------------
run -w ws asset add A1 --name "Versement des prestations" --role primary
run -w ws asset add A2 --name "Données des adhérents" --role primary
run -w ws asset add A3 --name "Serveur de production" --role supporting --serves A1
run -w ws feared-event add --business-value A1 --criteria A --impacts missions,finances \
  --gravity G4 --description "Interruption du versement des prestations"
expect_rc 0 "feared-event add"
expect_out_exact "ER1" "feared-event add prints the generated ref"
run -w ws feared-event add --business-value A2 --criteria C --impacts legal,reputation --gravity G3 \
  --description "Fuite des données des adhérents"
run -w ws feared-event add ER3 --business-value A2 --criteria I --gravity G2 --retained no \
  --justification "Données recalculées chaque nuit"
expect_rc 0 "feared-event add, not retained"
bad ws 1 "a feared event on a supporting asset" feared-event add --business-value A3 --gravity G1
expect_err "is not a business value (role primary)"
bad ws 2 "a gravity off the scale" feared-event add --business-value A1 --gravity G7
bad ws 2 "an unknown impact type" feared-event add --business-value A1 --impacts money
expect_err "allowed:"
bad ws 2 "two business values" feared-event add --business-value A1,A2
expect_err "takes one asset ref"
# Security needs follow the retained feared events, per criterion.
expect_eq "$(field asset A2 confidentiality)" "G3" "A2's confidentiality need from ER2"
expect_eq "$(field asset A2 confidentiality_source)" "derived" "A2's need is derived"
expect_eq "$(field asset A2 integrity)" "null" "ER3 is not retained: no integrity need"
run -w ws asset set A2 --confidentiality G4
expect_eq "$(field asset A2 confidentiality_source)" "set" "a need set by hand"
run -w ws asset set A2 --clear confidentiality
expect_eq "$(field asset A2 confidentiality)" "G3" "cleared: derived again"

# --- Workshop 2: SR/OV couples ---------------------------------------------------
run -w ws origin add --source "Cybercriminels" --category organised-crime --objective "Rançon" \
  --motivation 3 --resources 4 --activity 4 --feared-event ER1,ER2
expect_out_exact "SO1" "origin add prints the generated ref"
run -w ws origin add --source "Hacktivistes" --category activist --objective "Visibilité" \
  --motivation 2 --resources 1 --activity 2 --feared-event ER2
run -w ws origin add --source "Concurrent" --category competitor --motivation 1 --resources 1 \
  --retained no --justification "Pas de concurrence sur les prestations légales"
expect_eq "$(field origin SO1 pertinence)" "4" "pertinence motivation 3 × resources 4"
expect_eq "$(field origin SO2 pertinence)" "1" "pertinence motivation 2 × resources 1"
expect_eq "$(field origin SO1 pertinence_source)" "derived" "pertinence derived"
expect_eq "$(stored origin SO1 pertinence)" "NULL" "a derived pertinence is not stored"
run -w ws origin set SO2 --pertinence 3 --justification "Campagne en cours contre le secteur"
expect_eq "$(field origin SO2 pertinence)/$(field origin SO2 pertinence_source)" "3/set" \
  "pertinence overridden by hand"
bad ws 2 "motivation off 1..4" origin add --source X --motivation 5
bad ws 2 "an unknown category" origin add --source X --category mafia
expect_err "organised-crime"

# --- Workshop 3: strategic scenarios, paths, the ecosystem --------------------------
run -w ws stakeholder add P1 --name "Infogérant" --category provider --dependency 3 \
  --penetration 3 --maturity 2 --trust 2
run -w ws stakeholder add P2 --name "Éditeur" --category supplier --dependency 2 --penetration 1 \
  --maturity 3 --trust 3
expect_eq "$(field stakeholder P1 critical)/$(field stakeholder P1 critical_source)" "yes/derived" \
  "P1, threat 2.25 (control zone), is critical"
expect_eq "$(field stakeholder P2 critical)" "no" "P2, threat 0.22 (watch zone), is not critical"
# The stale residual: a residual criterion never set follows the initial one.
run -w ws stakeholder set P1 --dependency 4
expect_eq "$(field stakeholder P1 residual_dependency)" "4" "the residual follows the initial"
expect_eq "$(field stakeholder P1 residual_dependency_source)" "derived" "... as a derived value"
expect_eq "$(field stakeholder P1 residual_threat)" "3" "residual threat 4×3 / (2×2)"
run -w ws stakeholder set P1 --residual-maturity 4 --residual-trust 3
expect_eq "$(field stakeholder P1 residual_threat)" "1" "residual threat 4×3 / (4×3)"
run -w ws stakeholder set P2 --critical yes
expect_eq "$(field stakeholder P2 critical)/$(field stakeholder P2 critical_source)" "yes/set" \
  "critical set by hand"

run -w ws strategic add --title "Rançongiciel via l’infogérant" --origin SO1 --feared-event ER1,ER2
expect_out_exact "SS1" "strategic add prints the generated ref"
expect_eq "$(field strategic SS1 gravity)/$(field strategic SS1 gravity_source)" "G4/derived" \
  "strategic gravity: the highest of G4 and G3"
run -w ws strategic add --origin SO2 --feared-event ER2
expect_eq "$(field strategic SS2 gravity)" "G3" "strategic gravity of ER2 alone"
run -w ws feared-event set ER2 --gravity G4
expect_eq "$(field strategic SS2 gravity)" "G4" "the gravity follows its feared event"
run -w ws feared-event set ER2 --gravity G3
bad ws 1 "a strategic scenario on an unretained couple" strategic add --origin SO3
expect_err "is not a retained couple"
bad ws 2 "un-retaining a couple a strategic scenario uses" origin set SO1 --retained no
expect_err "must stay a retained couple"

run -w ws path add --strategic SS1 --stakeholder P2,P1 --description "Par l’éditeur puis l’infogérant"
expect_out_exact "CA1" "path add prints the generated ref"
run -w ws path show CA1 --format json
expect_eq "$(json 'd["stakeholders"]')" '["P2", "P1"]' "a path keeps its stakeholders in order"
run -w ws path add --strategic SS1 --description "Attaque directe"
run -w ws path add --strategic SS2 --retained no --justification "Hors périmètre"

# --- Workshop 4: operational scenarios and their steps -------------------------------
run -w ws operational add --path CA1 --title "Rançongiciel par l’accès distant de l’infogérant"
expect_out_exact "OS1" "operational add prints the generated ref"
run -w ws step add --operational OS1 --phase know --probability 3 --description "Reconnaissance"
expect_out_exact "AE1" "step add prints the generated ref"
run -w ws step add --operational OS1 --phase enter --probability 2 --after AE1 --asset A3
run -w ws step add --operational OS1 --phase enter --probability 4 --after AE1
run -w ws step add --operational OS1 --phase exploit --probability 4 --after AE2,AE3 --join or
expect_rc 0 "step add with two antecedents"
# Standard method: AE1 3; AE2 min(2, 3) = 2; AE3 min(4, 3) = 3; AE4 OR: min(4, max(2, 3)) = 3.
expect_eq "$(field operational OS1 likelihood)/$(field operational OS1 likelihood_source)" \
  "V3/derived" "standard likelihood with OR"
expect_eq "$(stored operational OS1 likelihood)" "NULL" "a derived likelihood is not stored"
run -w ws step set AE4 --join and
# AND: min(4, min(2, 3)) = 2.
expect_eq "$(field operational OS1 likelihood)" "V2" "standard likelihood with AND"
# Advanced method: difficulties 1, 3, 4, 0. AND: cumulative difficulty of AE4 =
# max(0, max(3, 4)) = 4, probability 2: grid row 2, column 4 = 1.
run -w ws step set AE1 --difficulty 1
run -w ws step set AE2 --difficulty 3
run -w ws step set AE3 --difficulty 4
run -w ws step set AE4 --difficulty 0
expect_eq "$(field operational OS1 likelihood)" "V1" "advanced likelihood with AND"
# OR: difficulty max(0, min(3, 4)) = 3, probability 3: row 3, column 3 = 2.
run -w ws step set AE4 --join or
expect_eq "$(field operational OS1 likelihood)" "V2" "advanced likelihood with OR"
# The likelihood grid is the workspace's: [ebios] likelihood in riskmap.toml.
cp ws/riskmap.toml toml.saved
cat >>ws/riskmap.toml <<'TOML'

[ebios]
likelihood = [[1, 1, 1, 1, 1], [2, 2, 2, 2, 2], [3, 3, 3, 3, 3], [4, 4, 4, 4, 4]]
pertinence = [[4, 4, 4, 4], [4, 4, 4, 4], [4, 4, 4, 4], [4, 4, 4, 4]]
TOML
expect_eq "$(field operational OS1 likelihood)" "V3" "a grid without difficulty effect"
expect_eq "$(field origin SO2 pertinence)" "3" "a pertinence set by hand ignores the grid"
expect_eq "$(field origin SO1 pertinence)" "4" "the workspace's pertinence grid"
cp toml.saved ws/riskmap.toml
printf '\n[ebios]\npertinence = [[1, 2], [3, 4]]\n' >>ws/riskmap.toml
run -w ws origin list
expect_rc 1 "a pertinence grid of the wrong shape"
expect_err "riskmap.toml:"
expect_err "[ebios] pertinence must be 4 rows of 4 whole numbers from 1 to 4"
cp toml.saved ws/riskmap.toml
# Cycles and antecedents of another operational scenario are refused, the step named.
bad ws 2 "a step following itself" step set AE1 --after AE1
expect_err "AE1"
bad ws 2 "a cycle" step set AE1 --after AE4
expect_err "cycle"
run -w ws operational add --path CA2 --title "Attaque directe" --likelihood V1
expect_eq "$(field operational OS2 likelihood_source)" "set" "express method: likelihood given"
bad ws 2 "a step after a step of another operational scenario" step add --operational OS2 \
  --phase exploit --probability 2 --after AE1
expect_err "AE1, which is a step of OS1, not of OS2"
bad ws 2 "a phase that does not exist" step add --operational OS1 --phase attack --probability 2
expect_err "know"
bad ws 2 "a probability off 1..4" step add --operational OS1 --phase know --probability 0

# --- Workshop 5: risks from operational scenarios -------------------------------------
run -w ws scenario add R1 --title "Rançongiciel sur la production" --operational OS1 --owner RSSI
expect_rc 0 "scenario add --operational"
run -w ws scenario show R1 --format json
expect_eq "$(json '[d["current_likelihood"]["id"], d["current_impact"]["id"], d["current_level"]["id"], d["current_likelihood_source"], d["current_impact_source"]]')" \
  '["V2", "G4", "medium", "derived", "derived"]' "R1 rated from OS1 (V2) and SS1 (G4): medium"
run -w ws step set AE4 --join and --clear difficulty
run -w ws step set AE1 --clear difficulty
run -w ws step set AE2 --clear difficulty
run -w ws step set AE3 --clear difficulty
# Standard again: V2 with AND; set OS1 likelihood by hand: R1 follows.
run -w ws operational set OS1 --likelihood V4
run -w ws scenario show R1 --format json
expect_eq "$(json '[d["current_likelihood"]["id"], d["current_level"]["id"]]')" '["V4", "high"]' \
  "R1 follows its operational scenario's likelihood"
run -w ws scenario set R1 --impact G1 --justification "Sauvegardes hors ligne"
run -w ws scenario show R1 --format json
expect_eq "$(json '[d["current_impact"]["id"], d["current_impact_source"], d["current_likelihood_source"]]')" \
  '["G1", "set", "derived"]' "an impact typed by hand is kept, marked set"
expect_eq "$(stored scenario R1 current_likelihood)" "NULL" "the derived likelihood is not stored"
run -w ws scenario list --min-level high --format csv
expect_out_lacks "R1," "R1 at V4 × G1 is medium"

# --- Referrers ---------------------------------------------------------------------------
bad ws 1 "removing a feared event others name" feared-event rm ER1
expect_err "named by origin SO1 (feared_events), strategic SS1 (feared_events)"
bad ws 1 "removing a step another follows" step rm AE1
expect_err "step AE2 (after)"

# --- Listings --------------------------------------------------------------------------
run -w ws strategic list --format csv
expect_out "ref,title,description,origin,feared_events,gravity,justification,gravity_source" \
  "strategic CSV header: fields then gravity_source"
run -w ws step list --operational OS1
expect_rc 0 "step list --operational"
expect_out "AE4" && expect_out_lacks "AE5"
run -w ws feared-event list --retained no --format csv
expect_out "ER3," && expect_out_lacks "ER1,"
run -w ws origin list --format json
expect_json "origin list --format json"

# --- Export, import, snapshots, diff -------------------------------------------------------
run -w ws export --kind all --format json -o all.json
expect_rc 0 "export --kind all"
expect_eq "$(py_eval '[r["gravity"] for r in d["strategic-scenarios"]]' all.json)" '[null, null]' \
  "export writes no derived gravity"
expect_eq "$(py_eval '[r["pertinence"] for r in d["origins"]]' all.json)" '[null, 3, null]' \
  "export writes the hand-set pertinence only"
expect_eq "$(py_eval '[r["current_likelihood"] for r in d["scenarios"]]' all.json)" '[null]' \
  "export writes no derived likelihood"
run init copy --name "Caisse"
run -w copy import all.json
expect_rc 0 "import of the whole export into an empty workspace"
expect_eq "$(data_dump copy | grep -v '^INSERT INTO framework\|requirement')" \
  "$(data_dump ws | grep -v '^INSERT INTO framework\|requirement')" "round trip: identical tables"
for kind in feared-events origins strategic-scenarios paths operational-scenarios steps; do
  run -w ws export --kind "$kind"
  a=$out
  run -w copy export --kind "$kind"
  expect_eq "$out" "$a" "round trip of $kind"
done

run -w ws snapshot create before
expect_rc 0 "snapshot create"
run -w ws origin set SO1 --motivation 1
run -w ws step add --operational OS1 --phase find --probability 2 --after AE3
run -w ws diff before --kind origins --format json
expect_eq "$(json '[[c["ref"], c["change"], c["fields"]] for c in d]')" \
  '[["SO1", "changed", ["motivation", "pertinence"]]]' "diff of origins: motivation and pertinence"
run -w ws diff before --kind steps --format csv
expect_out "AE5,added" "diff of steps: the step added"
run -w ws diff before --kind nonsense
expect_rc 2 "diff --kind unknown"
expect_err "unknown kind"
run -w ws report --snapshot before method -o /dev/null 2>/dev/null

finish
