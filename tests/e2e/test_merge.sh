#!/usr/bin/env bash
# merge OTHER: another consultant's map (a workspace, a tree, a snapshot)
# brought in three-way against the map both started from. Changes made on
# one side are taken field by field and list item by item; a field changed
# differently on both sides, or a record removed on one side and changed on
# the other, is a conflict: listed, nothing written, exit 1, until settled
# with --ours, --theirs or --prefer. A record created on both sides under
# one ref gets a new ref on the incoming side, references following it.
source "$SOURCE_DIR/tests/e2e/lib.sh"
unset RISKMAP_WORKSPACE NO_COLOR

# Two consultants start from one map: b is a copy of a, snapshot v0 in both.
run init a --example
run -w a snapshot create v0
expect_rc 0 "snapshot create:"
cp -a a b

# --- changes on one side only, and on different fields of one record --------------
run -w a scenario set R7 --owner DSI
run -w b scenario set R7 --title "Sauvegardes perdues"
run -w b scenario set R8 --add-asset A3
run -w a scenario set R8 --remove-asset A10
run -w b asset set A5 --owner "Chef de projet"
run -w b scenario rm R28 --force --yes
expect_rc 0 "rm on b:"
j=$(journal_count a)
run -w a merge b --dry-run --format csv
expect_rc 0 "merge --dry-run:"
expect_out "scenario,R7,changed,title" "merge --dry-run: their field of a record both changed"
expect_err "dry run, nothing written" "merge --dry-run: writes nothing"
expect_eq "$(journal_count a)" "$j" "merge --dry-run: no journal entry"
run -w a merge b
expect_rc 0 "merge without conflict:"
expect_err "merged b (base v0):" "merge: names the base it found"
run -w a scenario show R7 --format json
expect_eq "$(json 'd["title"], d["owner"]')" '["Sauvegardes perdues", "DSI"]' \
  "merge: both consultants' fields of R7"
run -w a scenario show R8 --format json
expect_eq "$(json 'sorted(d["assets"])')" '["A2", "A3", "A4"]' \
  "merge: a list merged item by item (their A3 in, our A10 out)"
run -w a asset show A5 --format json
expect_eq "$(json 'd["owner"]')" "Chef de projet" "merge: a change made there only is taken"
run -w a scenario show R28
expect_rc 1 "merge: a record removed there only is removed here"
expect_eq "$(journal_count a)" $((j + 1)) "merge: one journal entry"
run -w a merge b
expect_rc 0 "merge twice:"
expect_err "brings nothing new; nothing changed" "merge twice: nothing new"

# --- conflicts ------------------------------------------------------------------
run init c --example
run -w c snapshot create v0
cp -a c d
run -w c scenario set R7 --owner DSI
run -w d scenario set R7 --owner RSSI
run -w c scenario set R9 --treatment accept
run -w d scenario set R9 --treatment avoid
bad c 1 "merge with conflicts" merge d
expect_err '2 conflicts are not merged, so nothing was written' "conflicts: counted"
expect_err 'R7.owner: ours "DSI" / theirs "RSSI" / base "Responsable exploitation"' \
  "conflicts: field, ours, theirs and base"
expect_err "settle them with --ours, --theirs or --prefer" "conflicts: how to settle them"
before=$(snapshot c)
run -w c merge d --format json
expect_rc 1 "conflicts as JSON:"
expect_eq "$(json '[(r["ref"], r["field"], r["ours"], r["theirs"]) for r in d]')" \
  '[["R7", "owner", "\"DSI\"", "\"RSSI\""], ["R9", "treatment", "\"accept\"", "\"avoid\""]]' \
  "conflicts: rows on stdout for scripts"
expect_unchanged c "$before" "conflicts as JSON:"
# One settled, one left: still nothing written.
bad c 1 "merge with one conflict settled" merge d --prefer owner=theirs
expect_err "1 conflict is not merged" "one of two settled"
# --prefer by record and field, by record, by field.
cp -a c c1; cp -a c c2; cp -a c c3; cp -a c c4
run -w c1 merge d --ours
expect_rc 0 "merge --ours:"
expect_err "2 conflicts settled" "merge --ours: says it settled them"
run -w c1 scenario show R7 --format json
expect_eq "$(json 'd["owner"]')" "DSI" "merge --ours: ours kept"
run -w c2 merge d --theirs
expect_rc 0 "merge --theirs:"
run -w c2 scenario show R9 --format json
expect_eq "$(json 'd["treatment"]')" "avoid" "merge --theirs: theirs taken"
run -w c3 merge d --theirs --prefer R7.owner=ours
expect_rc 0 "merge --theirs --prefer R7.owner=ours:"
run -w c3 scenario show R7 --format json
expect_eq "$(json 'd["owner"]')" "DSI" "--prefer REF.FIELD wins over --theirs"
run -w c3 scenario show R9 --format json
expect_eq "$(json 'd["treatment"]')" "avoid" "--theirs settles the rest"
run -w c4 merge d --prefer R9=theirs --prefer owner=ours --prefer status=theirs
expect_rc 0 "merge --prefer REF, --prefer FIELD:"
expect_err "--prefer status=theirs: no conflict of it" "an unused --prefer is said"
run -w c4 scenario show R9 --format json
expect_eq "$(json 'd["treatment"]')" "avoid" "--prefer REF=theirs"
bad c 2 "a bad --prefer" merge d --prefer owner=mine
expect_err "the side is 'ours' or 'theirs', not 'mine'" "a bad --prefer: what is allowed"
bad c 2 "--ours and --theirs" merge d --ours --theirs

# Removed here, changed there: a conflict.
run init e --example
run -w e snapshot create v0
cp -a e f
run -w e scenario rm R7 --force --yes
run -w f scenario set R7 --owner RSSI
bad e 1 "removed here, changed there" merge f
expect_err "scenario R7: ours (removed) / theirs (changed)" "removed/changed: listed"
run -w e merge f --prefer R7=theirs
expect_rc 0 "removed/changed settled with theirs:"
run -w e scenario show R7 --format json
expect_eq "$(json 'd["owner"]')" "RSSI" "removed/changed: theirs brings it back"

# --- a ref created on both sides: renumbered there, references following -------------
run init g --example
run -w g snapshot create v0
cp -a g h
run -w g scenario add R90 --title "Créé ici" --likelihood V1 --impact G1
run -w h scenario add R90 --title "Créé là-bas" --likelihood V2 --impact G2
run -w h action add PA90 --title "Traiter R90" --scenario R90
expect_rc 0 "an action naming their R90:"
run -w g merge h
expect_rc 0 "merge with a ref collision:"
expect_err "scenario R90 was created on both sides with different content: theirs is R91 here, and the 1 reference to it in their records follows" \
  "ref collision: says so"
run -w g scenario show R90 --format json
expect_eq "$(json 'd["title"]')" "Créé ici" "ref collision: ours keeps its ref"
run -w g scenario show R91 --format json
expect_eq "$(json 'd["title"]')" "Créé là-bas" "ref collision: theirs renumbered"
run -w g action show PA90 --format json
expect_eq "$(json 'd["scenarios"]')" '["R91"]' "ref collision: their reference rewritten"

# --- undo of a merge ---------------------------------------------------------------
g_before=$(data_dump g)
run -w g undo
expect_rc 0 "undo of a merge:"
run -w g scenario show R91
expect_rc 1 "undo of a merge: what it added is gone"
run -w g undo
expect_eq "$(data_dump g)" "$g_before" "undo of the undo: the merge is back"

# --- other sources: a tree, a snapshot file; bases -----------------------------------
run init t --example
run -w t snapshot create v0
cp -a t u
run -w u scenario set R3 --owner "DPO"
run -w u export --tree tree
bad t 1 "merge of a tree without --base" merge tree
expect_err "--base auto: tree is not a workspace, so it has no snapshots to share" \
  "--base auto on a tree: says to name the base"
run -w t merge tree --base v0
expect_rc 0 "merge of a tree --base v0:"
run -w t scenario show R3 --format json
expect_eq "$(json 'd["owner"]')" "DPO" "merge of a tree: its change taken"
run -w u snapshot create v1
run init v --example
run -w v snapshot create v0
run -w v merge u/snapshots/v1.db --base v0
expect_rc 0 "merge of a snapshot file:"
run -w v scenario show R3 --format json
expect_eq "$(json 'd["owner"]')" "DPO" "merge of a snapshot file: its change taken"
run init w --example
# Both examples hold the client's map as v0-client, a base they share: without it, none.
run -w w snapshot rm v0-client
bad w 1 "merge with no shared snapshot" merge u
expect_err "--base auto: no snapshot of this workspace holds the same map as one of u's" \
  "no shared snapshot: said"
bad w 1 "merge of a missing folder" merge nowhere/at-all
bad w 1 "merge of this very workspace" merge w
expect_err "w is this workspace" "merge of itself: refused"
run init other --method iso27005
bad w 1 "merge of a map on another method" merge other --base other
expect_err "merging them would mix two scales" "another method: refused"

# --- the statements of applicability, requirement by requirement, field by field -------
run init s --example
run -w s snapshot create v0
cp -a s s2
run -w s soa set DNF-2026 GOUV-RISQUE --maturity 3
run -w s2 soa set DNF-2026 GOUV-PSSI --applicable no --justification "Politique du groupe"
run -w s merge s2
expect_rc 0 "merge of SoA decisions:"
run -w s soa list DNF-2026 --format json
expect_eq "$(json '[(r["requirement"], r["applicable"], r["maturity"]) for r in d if r["requirement"] in ("GOUV-RISQUE", "GOUV-PSSI")]')" \
  '[["GOUV-RISQUE", true, 3], ["GOUV-PSSI", false, null]]' \
  "merge: our maturity and their exclusion, both kept"
run -w s soa set DNF-2026 GOUV-SENSIB --maturity 1
run -w s2 soa set DNF-2026 GOUV-SENSIB --maturity 4
bad s 1 "a SoA field changed on both sides" merge s2
expect_err 'DNF-2026:GOUV-SENSIB.maturity: ours "1" / theirs "4" / base "2"' "a SoA conflict: listed"
run -w s merge s2 --prefer DNF-2026:GOUV-SENSIB.maturity=theirs
expect_rc 0 "a SoA conflict settled:"
run -w s soa list DNF-2026 --format json
expect_eq "$(json '[r["maturity"] for r in d if r["requirement"] == "GOUV-SENSIB"]')" '[4]' \
  "a SoA conflict settled with theirs"

# --- a base snapshot written by the previous riskmap (schema version 7) -------------
run init o --example
run -w o snapshot create v0
to_v7="DROP TABLE journal_change; DROP TABLE tree_state; ALTER TABLE journal DROP COLUMN kept;
  PRAGMA user_version = 7"
sqlite3 o/snapshots/v0.db "$to_v7"
cp -a o o2
run -w o2 scenario set R4 --owner "Cellule de crise"
old_sum=$(file_sum o/snapshots/v0.db)
run -w o merge o2
expect_rc 0 "merge against snapshots of an older schema:"
expect_err "merged o2 (base v0)" "an older snapshot is found by content as the base"
expect_eq "$(sqlite3 o/riskmap.db "select owner from scenario where ref = 'R4'")" "Cellule de crise" \
  "merge against an older snapshot: the change taken"
expect_eq "$(file_sum o/snapshots/v0.db)" "$old_sum" "the older snapshot is read, never changed"

# --- a personal ref prefix: consultants who add apart never create one ref ------------
run init p
RISKMAP_REF_PREFIX=YB run -w p asset add --name Portail --kind application
expect_out_exact "A-YB-1" "RISKMAP_REF_PREFIX: the user's part of a generated ref"
RISKMAP_REF_PREFIX=YB run -w p asset add --name Serveur --kind server
expect_out_exact "A-YB-2" "RISKMAP_REF_PREFIX: numbered on"
mkdir -p cfg/riskmap
printf '# my settings\nref_prefix = "MK"\n' >cfg/riskmap/config.toml
XDG_CONFIG_HOME=$PWD/cfg run -w p scenario add --title "Fuite" --asset A-YB-1
expect_out_exact "R-MK-1" "config.toml ref_prefix: used when RISKMAP_REF_PREFIX is not set"
mkdir -p home/.config/riskmap
printf 'ref_prefix = "HD"\n' >home/.config/riskmap/config.toml
HOME=$PWD/home run -w p scenario add --title "Perte"
expect_out_exact "R-HD-1" "~/.config/riskmap/config.toml without XDG_CONFIG_HOME"
RISKMAP_REF_PREFIX= run -w p asset add --name Poste --kind other
expect_out_exact "A1" "an empty RISKMAP_REF_PREFIX: plain refs"
run -w p asset add A-YB-10 --name Routeur --kind network
run -w p asset list --format csv
expect_eq "$(cut -d, -f1 <<<"$out" | tr '\n' ' ')" "ref A-YB-1 A-YB-2 A-YB-10 A1 " \
  "prefixed refs sort naturally (A-YB-2 before A-YB-10)"
RISKMAP_REF_PREFIX=Y-B bad p 2 "a bad RISKMAP_REF_PREFIX" asset add --name X --kind server
expect_err "RISKMAP_REF_PREFIX: 'Y-B' is not a ref prefix: 1 to 8 letters or digits" \
  "a bad prefix: what is allowed"
printf 'ref_prefx = "MK"\n' >cfg/riskmap/config.toml
XDG_CONFIG_HOME=$PWD/cfg bad p 1 "a config.toml with an unknown key" asset add --name X --kind server
expect_err "config.toml:1:1: unknown key 'ref_prefx' in the user's configuration (did you mean 'ref_prefix'?)" \
  "a bad config.toml: file:line:column and did you mean"
XDG_CONFIG_HOME=$PWD/cfg run -w p asset list
expect_rc 0 "a reading command does not read the user's configuration"

finish
