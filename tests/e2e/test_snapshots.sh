#!/usr/bin/env bash
# Snapshots, diff, the evolution deliverable and the change journal.
. "$SOURCE_DIR/tests/e2e/lib.sh"

run init ws --name "Caisse X" -q
ws=ws
run -w ws asset add A1 --name "Portail adhérents" --kind application
run -w ws asset add A2 --name "Base des prestations" --kind database
run -w ws scenario add R1 --title "Fuite via le portail" --asset A1 --likelihood V3 --impact G4 --inherent-likelihood V4 --inherent-impact G4
run -w ws scenario add R2 --title "Rançongiciel" --asset A2 --likelihood V2 --impact G3
run -w ws scenario add R10 --title "Panne du réseau" --likelihood V1 --impact G2 --residual-likelihood V1 --residual-impact G1
run -w ws scenario add R3 --title "Sans cotation"

# --- snapshot create -------------------------------------------------------
run -w ws snapshot create S1 --note "carte reçue" --today 2026-11-01 --author "Auditeur A"
expect_rc 0 "create"
expect_out_exact "S1" "create prints the name alone"
expect_err "snapshot S1: 4 scenarios, 2 assets" "create says what it froze"
expect_eq "$(stat -c %a ws/snapshots/S1.db)" 600 "a snapshot is readable by its owner only"
expect_eq "$(stat -c %a ws/snapshots)" 700 "the snapshots folder is its owner's"
expect_eq "$(sqlite3 ws/snapshots/S1.db 'PRAGMA integrity_check')" ok "the snapshot is a sound database"
expect_eq "$(sqlite3 ws/snapshots/S1.db 'select count(*) from scenario')" 4 "the snapshot holds the scenarios"
s1_data=$(data_dump ws)
journal_before=$(journal_count ws)

run -w ws snapshot create --today 2026-11-15
expect_rc 0 "create with no name"
expect_out_exact "2026-11-15" "the default name is the date"
run -w ws snapshot rm 2026-11-15
expect_rc 0 "rm"
[ ! -e ws/snapshots/2026-11-15.db ] || fail "rm removes the file"

before=$(snapshot ws)
run -w ws snapshot create S1
expect_rc 1 "a name in use"
expect_err "snapshot 'S1' exists already" "a name in use: message"
expect_unchanged ws "$before" "a name in use"
run -w ws snapshot create "bad name"
expect_rc 2 "a bad name"
expect_err "not a valid snapshot name" "a bad name: message"
run -w ws snapshot create live
expect_rc 2 "live is reserved"
expect_err "'live' names the live map" "live is reserved: message"
ls ws/snapshots | grep -q '^\.' && fail "no temporary file is left behind"
checks=$((checks + 1))

# --- list and show ---------------------------------------------------------
run -w ws snapshot list --format json
expect_rc 0 "list"
expect_json "list"
expect_eq "$(json '[s["name"] for s in d]')" '["S1"]' "list names"
expect_eq "$(json 'list(d[0].keys())')" '["name", "date", "created_at", "author", "note", "sequence", "method", "assets", "scenarios", "controls", "stakeholders", "actions"]' "list keys"
expect_eq "$(json 'd[0]["date"]')" "2026-11-01" "the date is --today"
expect_eq "$(json 'd[0]["author"]')" "Auditeur A" "the author is --author"
expect_eq "$(json 'd[0]["note"]')" "carte reçue" "the note"
expect_eq "$(json 'd[0]["scenarios"]')" 4 "counts are numbers"
run -w ws snapshot list --format csv
expect_out "name,date,created_at,author,note,sequence,method,assets,scenarios,controls,stakeholders,actions" "CSV header"
run -w ws snapshot show S1
expect_rc 0 "show"
expect_eq "$(grep "^Note " <<<"$out" | tr -s " ")" "Note carte reçue" "show as a table, in French"
run -w ws snapshot show S1 --format json
expect_eq "$(json 'd["method"]')" "ebios-rm" "show: the method"
run -w ws snapshot show S2
expect_rc 1 "show an unknown snapshot"
expect_err "no snapshot 'S2' (did you mean 'S1'?); snapshots: S1" "show an unknown snapshot: did you mean"

# --- diff ------------------------------------------------------------------
run -w ws scenario set R1 --likelihood V1                 # current high -> medium
run -w ws scenario set R2 --impact G4 --owner RSSI        # current medium -> medium (V2 G4), owner set
run -w ws scenario set R10 --residual-likelihood V4       # residual low -> medium
run -w ws scenario rm R3
run -w ws scenario add R4 --title "Nouveau scénario" --likelihood V4 --impact G4
run -w ws diff
expect_rc 0 "diff with no argument: the latest snapshot against the live map"
expect_err "S1 → live: 1 added, 1 removed, 3 changed, 0 unchanged; current level 0 up, 1 down" "diff summary"
run -w ws diff --format json
expect_json "diff json"
expect_eq "$(json '[(c["ref"], c["change"]) for c in d]')" '[["R1", "changed"], ["R2", "changed"], ["R3", "removed"], ["R4", "added"], ["R10", "changed"]]' "diff rows in natural ref order"
expect_eq "$(json 'list(d[0].keys())')" '["ref", "change", "title", "fields", "inherent_from", "inherent_to", "inherent_move", "current_from", "current_to", "current_move", "residual_from", "residual_to", "residual_move"]' "diff keys"
expect_eq "$(json 'd[0]["fields"]')" '["current_likelihood"]' "changed fields of R1"
expect_eq "$(json '[d[0]["current_from"]["id"], d[0]["current_to"]["id"], d[0]["current_move"]]')" '["high", "medium", "down"]' "R1 moves down at the current stage"
expect_eq "$(json 'd[0]["inherent_move"]')" "null" "R1 does not move at the inherent stage"
expect_eq "$(json 'd[1]["fields"]')" '["current_impact", "owner"]' "changed fields of R2"
expect_eq "$(json 'd[1]["current_move"]')" "null" "R2 stays at the same level"
expect_eq "$(json '[d[4]["residual_from"]["id"], d[4]["residual_to"]["id"], d[4]["residual_move"]]')" '["low", "medium", "up"]' "R10 moves up at the residual stage"
expect_eq "$(json '[d[3]["current_from"], d[3]["current_to"]["id"]]')" '[null, "high"]' "an added scenario has only a new level"
expect_eq "$(json '[d[2]["current_from"], d[2]["current_to"]]')" '[null, null]' "a removed unrated scenario has no level"
run -w ws diff S1 live --format csv
expect_out "ref,change,title,fields,inherent_from,inherent_to,inherent_move,current_from,current_to,current_move,residual_from,residual_to,residual_move" "diff CSV header"
expect_out 'R2,changed,Rançongiciel,"current_impact,owner",,,,medium,medium,,,,' "a CSV row"
run -w ws diff live S1 --format json
expect_eq "$(json '[(c["ref"], c["change"]) for c in d]')" '[["R1", "changed"], ["R2", "changed"], ["R3", "added"], ["R4", "removed"], ["R10", "changed"]]' "the other way round"
expect_eq "$(json 'd[0]["current_move"]')" "up" "the other way round, R1 moves up"
run -w ws scenario set R2 --likelihood V3 # medium -> high
run -w ws snapshot create S2 --today 2026-11-20
run -w ws diff S1 S2 --format json
expect_eq "$(json '[c["current_move"] for c in d if c["ref"] == "R2"]')" '["up"]' "between two snapshots"
run -w ws diff S2
expect_err "S2 → live: 0 added, 0 removed, 0 changed, 4 unchanged" "no change since S2"
expect_eq "$(wc -l <<<"$out")" 1 "no change: the table header alone"
before=$(snapshot ws)
run -w ws diff S9
expect_rc 1 "diff with an unknown snapshot"
expect_err "no snapshot 'S9'" "diff with an unknown snapshot: message"
run -w ws diff S1 S2 S3
expect_rc 2 "diff takes two states at most"
expect_unchanged ws "$before" "diff and list read only"
expect_eq "$(file_sum ws/snapshots/S1.db)" "$(file_sum ws/snapshots/S1.db)" "sanity"
s1_sum=$(file_sum ws/snapshots/S1.db)

# --- the evolution deliverable ------------------------------------------------
run -w ws report all --today 2026-12-01
expect_rc 0 "report all with a snapshot"
[ -f ws/deliverables/fr/evolution.md ] && [ -f ws/deliverables/fr/evolution.csv ] || fail "report all renders the evolution when a snapshot exists"
checks=$((checks + 1))
evo=$(cat ws/deliverables/fr/evolution.md)
nbsp=$(printf '\xc2\xa0')
grep -qF "entre la version figée «${nbsp}S2${nbsp}» du 20${nbsp}novembre 2026 et la cartographie en vigueur au 1er${nbsp}décembre 2026" <<<"$evo" || fail "the evolution compares the latest snapshot with the live map, dates in words"
checks=$((checks + 1))
run -w ws report evolution --since S1 --lang en -o - --today 2026-12-01
expect_rc 0 "report evolution --since"
expect_out "between the snapshot “S1” of 1 November 2026 and the map in force on 1 December 2026" "--since picks the snapshot"
expect_out "- **Scenarios added:** 1" "evolution: added count"
expect_out "- **Scenarios removed:** 1" "evolution: removed count"
expect_out "| R1 | Fuite via le portail | High | Medium | down |" "evolution: a level move"
expect_out "| R3 | Sans cotation | — |" "evolution: a removed scenario"
expect_out "| R4 | Nouveau scénario | High |" "evolution: an added scenario"
expect_out "| R2 | Rançongiciel | initial likelihood, initial impact, owner | Medium | High |" "evolution: changed fields in words (EBIOS RM: the current stage is the initial risk)"
expect_out "| High | 1 | 2 | +1 |" "evolution: distribution of current levels"
run -w ws report evolution --since S1 --lang en --today 2026-12-01 -o out1
run -w ws report evolution --since S1 --lang en --today 2026-12-01 -o out2
cmp -s out1/evolution.md out2/evolution.md && cmp -s out1/evolution.csv out2/evolution.csv || fail "the evolution renders byte-identical files"
checks=$((checks + 1))
head -1 out1/evolution.csv | grep -qF "Ref,Change,Scenario,Changed fields,Inherent before,Inherent after,Inherent move,Initial before" || fail "evolution CSV header"
checks=$((checks + 1))
if command -v pandoc >/dev/null; then
  pandoc -f markdown -t docx -o out1/evolution.docx out1/evolution.md 2>out1/pandoc.err || fail "pandoc reads the evolution"
  [ -s out1/pandoc.err ] && fail "pandoc warns: $(cat out1/pandoc.err)"
  checks=$((checks + 1))
fi

# A renamed scenario shows the title it had; a stage rated at last is counted, and the
# scenarios rated at neither version have a row of the distribution.
run init ren -q
run -w ren scenario add R1 --title "Panne" --likelihood V2 --impact G2
run -w ren scenario add R2 --title "À coter"
run -w ren snapshot create avant --today 2026-11-01
run -w ren scenario set R1 --title "Panne du réseau" --residual-likelihood V1 --residual-impact G2
run -w ren report evolution -o - --today 2026-12-01
expect_rc 0 "evolution of a renamed scenario"
expect_out "| R1 | Panne du réseau (auparavant «${nbsp}Panne${nbsp}») | intitulé, vraisemblance résiduelle, gravité résiduelle |" \
  "evolution: a renamed scenario with its former title"
expect_out "| Résiduel | 0 | 0 | 1 | 0 |" "evolution: a stage rated at last"
expect_out "| Non cotés | 1 | 1 | = |" "evolution: the unrated scenarios in the distribution"

run init bare -q
run -w bare report all --today 2026-12-01
expect_rc 0 "report all without a snapshot"
[ ! -e bare/deliverables/fr/evolution.md ] || fail "no evolution without a snapshot"
checks=$((checks + 1))
run -w bare report evolution -o out3
expect_rc 1 "the evolution without a snapshot"
expect_err "there is none to compare with" "the evolution without a snapshot: message"
[ ! -e out3 ] || fail "a refused report writes nothing"
checks=$((checks + 1))
run -w bare diff
expect_rc 1 "diff without a snapshot"
expect_err "no snapshot to compare with" "diff without a snapshot: message"

# --- report --snapshot -------------------------------------------------------
run -w ws report register --snapshot S1 --today 2026-12-01
expect_rc 0 "report from a snapshot"
expect_err "ws/deliverables/snapshots/S1/fr" "a snapshot's deliverables go to their own folder"
grep -qF "| R3 | Sans cotation |" ws/deliverables/snapshots/S1/fr/register.md || fail "the snapshot's register lists what it froze"
grep -qF "Nouveau scénario" ws/deliverables/snapshots/S1/fr/register.md && fail "the snapshot's register lacks later scenarios"
checks=$((checks + 2))
run -w ws report evolution --snapshot S2 -o - --today 2026-12-01
expect_out "entre la version figée «${nbsp}S1${nbsp}» du 1er${nbsp}novembre 2026 et la version figée «${nbsp}S2${nbsp}» du 20${nbsp}novembre 2026" "from a snapshot, the evolution starts at the one before"
run -w ws report all --snapshot S1 -o snap-all --today 2026-12-01
[ ! -e snap-all/evolution.md ] || fail "the first snapshot has nothing before it to compare with"
checks=$((checks + 1))
expect_eq "$(file_sum ws/snapshots/S1.db)" "$s1_sum" "rendering and comparing never change a snapshot"

# --- a snapshot keeps its method --------------------------------------------
run -w ws method apply iso27005 --remap V1=L1 --remap V2=L2 --remap V3=L4 --remap V4=L5 --remap G1=C1 --remap G2=C2 --remap G3=C4 --remap G4=C5 --remap level:low=low --remap level:medium=medium --remap level:high=high
expect_rc 0 "method apply with remaps"
run -w ws diff S2 --format json
expect_rc 0 "diff across a method change"
expect_eq "$(json '[c["current_from"]["id"] + ">" + c["current_to"]["id"] for c in d if c["ref"] == "R2"]')" '["high>very-high"]' "each side is rated with its own method"
run -w ws report register --snapshot S2 -o - --today 2026-12-01
expect_out "Les niveaux sont lus dans la grille de la méthode EBIOS Risk Manager" "a snapshot renders with its own method"

# --- restore -----------------------------------------------------------------
live_before=$(data_dump ws)
journal_before=$(journal_count ws)
run -w ws snapshot restore S1 --author "Auditeur B"
expect_rc 0 "restore"
expect_err "restored snapshot S1 and its method; the map as it was is kept as snapshot before-restore-1" "restore says what it kept"
expect_eq "$(data_dump ws)" "$s1_data" "restore puts back every table as the snapshot froze it"
expect_eq "$(journal_count ws)" $((journal_before + 1)) "restore adds one journal entry"
expect_eq "$(sqlite3 ws/riskmap.db 'select author from journal order by id desc limit 1')" "Auditeur B" "restore is journalled with its author"
run -w ws method show --format json
expect_eq "$(json 'd["name"]' 2>/dev/null || true)" "ebios-rm" "restore brings the snapshot's method back"
grep -q 'V1' ws/riskmap.toml || fail "riskmap.toml holds the ebios-rm scales again"
checks=$((checks + 1))
run -w ws scenario list --format csv
expect_out "R3,Sans cotation" "the removed scenario is back"
run -w ws snapshot restore before-restore-1
expect_rc 0 "restore the kept map"
expect_eq "$(data_dump ws)" "$live_before" "the map before the restore comes back whole"
run -w ws snapshot list --format json
expect_eq "$(json '[s["name"] for s in d]')" '["S1", "S2", "before-restore-1", "before-restore-2"]' "each restore keeps the map it replaces"
before=$(snapshot ws)
run -w ws snapshot restore S9
expect_rc 1 "restore an unknown snapshot"
expect_unchanged ws "$before" "restore an unknown snapshot"
expect_eq "$(ls ws/snapshots | wc -l)" 4 "a refused restore keeps no copy"

# --- rm ----------------------------------------------------------------------
before=$(snapshot ws)
run -w ws snapshot rm S2 S9
expect_rc 1 "rm with an unknown name"
[ -e ws/snapshots/S2.db ] || fail "a refused rm removes nothing"
checks=$((checks + 1))
expect_unchanged ws "$before" "a refused rm"
run -w ws snapshot rm before-restore-1 before-restore-2
expect_rc 0 "rm two"
expect_err "removed 2 snapshots" "rm says how many"

# --- a snapshot from an older riskmap ----------------------------------------
cp ws/snapshots/S1.db ws/snapshots/old.db
# Back to schema version 2: lists in link tables, no recorded level or notes.
to_v2="ALTER TABLE scenario DROP COLUMN recorded_level; ALTER TABLE scenario DROP COLUMN notes;"
for list in asset:data asset:serves asset:tags scenario:assets scenario:criteria \
  scenario:existing_controls scenario:additional_controls scenario:stakeholders \
  control:references stakeholder:assets stakeholder:controls action:controls action:scenarios; do
  kind=${list%%:*} field=${list#*:}
  to_v2+="DROP VIEW ${kind}_$field;
    CREATE TABLE ${kind}_$field (ref TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (ref, value)) WITHOUT ROWID;
    INSERT INTO ${kind}_$field SELECT r.ref, l.value FROM $kind r, json_each(r.\"$field\") l;
    ALTER TABLE $kind DROP COLUMN \"$field\";"
done
sqlite3 ws/snapshots/old.db "$to_v2 UPDATE snapshot_info SET value = '9' WHERE key = 'sequence'; PRAGMA user_version = 2"
expect_eq "$(sqlite3 ws/snapshots/old.db "select count(*) from scenario_assets")" \
  "$(sqlite3 ws/snapshots/S1.db "select count(*) from scenario_assets")" "the older snapshot holds its links"
old_sum=$(file_sum ws/snapshots/old.db)
run -w ws diff old S1
expect_rc 0 "an older snapshot is read through a migrated copy"
expect_err "old → S1: 0 added, 0 removed, 0 changed, 4 unchanged" "an older snapshot compares as it was"
expect_eq "$(file_sum ws/snapshots/old.db)" "$old_sum" "the older snapshot file is left as it was"
sqlite3 ws/snapshots/old.db "PRAGMA user_version = 99"
run -w ws diff old
expect_rc 1 "a snapshot from a newer riskmap"
expect_err "written by a newer riskmap" "a snapshot from a newer riskmap: message"
rm ws/snapshots/old.db

# --- the change journal --------------------------------------------------------
run init j -q
run -w j --author "Alice" asset add A1 --name "Portail"
run -w j --author "Bob" scenario add R1 --title "Un" --asset A1
run -w j --author "Bob" scenario add R10 --title "Dix"
run -w j scenario set R1 --owner RSSI
n=$(journal_count j)
run -w j scenario list
run -w j scenario show R1
run -w j log
expect_eq "$(journal_count j)" "$n" "reading commands add no entry"
run -w j scenario set R99 --owner X
expect_eq "$(journal_count j)" "$n" "a refused command adds no entry"
run -w j log --format json
expect_rc 0 "log"
expect_json "log json"
expect_eq "$(json 'list(d[0].keys())')" '["id", "at", "author", "command", "refs"]' "log keys"
expect_eq "$(json '[e["command"] for e in d][:2]')" '["riskmap -w j scenario set R1 --owner RSSI", "riskmap -w j --author Bob scenario add R10 --title Dix"]' "newest first, the command as typed"
expect_eq "$(json 'd[0]["author"]')" "tester" "the OS user by default"
expect_eq "$(json 'd[1]["author"]')" "Bob" "--author"
expect_eq "$(json 'd[1]["refs"]')" '["R10"]' "refs are a list"
run -w j log R1 --format json
expect_eq "$(json '[e["refs"] for e in d]')" '[["R1"], ["R1"]]' "log REF: the entries touching R1, not R10"
run -w j log A1 --format json
expect_eq "$(json 'len(d)')" 1 "log A1"
run -w j log --author Bob --format json
expect_eq "$(json 'len(d)')" 2 "log --author"
run -w j log -n 1 --format csv
expect_eq "$(wc -l <<<"$out")" 2 "log -n 1: a header and one entry"
expect_out "id,at,author,command,refs" "log CSV header"
run -w j log --since 2000-01-01 --format json
expect_eq "$(json 'len(d)')" "$n" "log --since a past date"
run -w j log --since 2999-01-01
expect_rc 0 "log --since a future date"
run -w j log --since 2026-13-01
expect_rc 2 "log --since a bad date"
expect_err "--since" "log --since a bad date: message names the option"
run -w j log R_1 --format json
expect_rc 0 "log with a ref holding '_'"
expect_eq "$(json 'len(d)')" 0 "'_' is not a wildcard"
at=$(sqlite3 j/riskmap.db 'select at from journal order by id desc limit 1')
[[ "$at" =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$ ]] || fail "journal time is ISO 8601 UTC: $at"
checks=$((checks + 1))

# --- diff of other kinds and of the SoA ----------------------------------------------
run init d
run -w d asset add A1 --name "Portail"
run -w d asset add A2 --name "Base"
run -w d control add M1 --title "MFA"
run -w d soa set NIST-CSF GV.OC-01 --applicable no --justification "Hors périmètre"
run -w d soa set NIST-CSF GV.OC-02 --applicable yes
run -w d snapshot create before
run -w d asset set A1 --owner DSI
run -w d asset rm A2
run -w d asset add A3 --name "Annuaire"
run -w d soa set NIST-CSF GV.OC-01 --applicable yes --justification "Dans le périmètre"
run -w d soa clear NIST-CSF GV.OC-02
run -w d soa set NIST-CSF GV.OC-03 --applicable no --justification "Sans objet"
run -w d diff before --kind assets --format json
expect_rc 0 "diff --kind assets:"
expect_eq "$(json '[[c["ref"], c["change"], c["fields"]] for c in d]')" \
  '[["A1", "changed", ["owner"]], ["A2", "removed", []], ["A3", "added", []]]' "diff --kind assets"
run -w d diff before --kind controls --format json
expect_eq "$(json 'len(d)')" 0 "diff --kind controls: nothing changed"
run -w d diff before --kind soa --format json
expect_rc 0 "diff --kind soa:"
expect_eq "$(json '[[c["ref"], c["change"], c["fields"]] for c in d]')" \
  '[["NIST-CSF:GV.OC-01", "changed", ["applicable", "justification"]], ["NIST-CSF:GV.OC-02", "removed", []], ["NIST-CSF:GV.OC-03", "added", []]]' \
  "diff --kind soa: decisions changed, cleared, made"
run -w d diff before --kind soa --format csv
expect_eq "$(head -n 1 <<<"$out")" "ref,change,fields" "diff --kind soa: CSV header"

finish
