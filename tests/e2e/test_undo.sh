#!/usr/bin/env bash
# undo and log --show: every writing command keeps what it changed; undo
# writes the former values back as a command of its own (undoing it again
# brings the change back), refuses when another program changed a record
# since, a method change, or an entry kept by an older riskmap; log --show
# prints an entry's changes field by field, before and after.
source "$SOURCE_DIR/tests/e2e/lib.sh"
unset RISKMAP_WORKSPACE NO_COLOR

data() { data_dump "$1"; }

run init ws --example
expect_rc 0 "init --example:"
start=$(data ws)

# --- set, then undo ------------------------------------------------------------------
run -w ws scenario set R1 --owner "Jean Dupont" --residual-likelihood V1
expect_rc 0 "set:"
run -w ws log --show 2 --format csv
expect_rc 0 "log --show:"
expect_out "scenario,R1,changed,owner,RSSI,Jean Dupont" "log --show: a text field, before and after"
expect_out "scenario,R1,changed,residual_likelihood,V2,V1" "log --show: a level by its id"
expect_eq "$(wc -l <<<"$out")" 3 "log --show: only the changed fields"
run -w ws log --show 2
expect_out "entry 2 · " "log --show table: the entry's header"
expect_out "scenario set R1 --owner 'Jean Dupont' --residual-likelihood V1" \
  "log --show table: the command as typed"
run -w ws log --show 2 --format json
expect_json "log --show --format json:"
expect_eq "$(json 'd["id"], d["kept"], [(c["field"], c["before"], c["after"]) for c in d["changes"]]')" \
  '[2, true, [["residual_likelihood", "V2", "V1"], ["owner", "RSSI", "Jean Dupont"]]]' \
  "log --show json: the entry and its changes, in the record's field order"

j=$(journal_count ws)
before=$(snapshot ws)
run -w ws undo --dry-run --format csv
expect_rc 0 "undo --dry-run:"
expect_out "scenario,R1,changed,owner,Jean Dupont,RSSI" "undo --dry-run: what would change back"
expect_err "dry run, nothing written: would undo entry 2" "undo --dry-run: says it wrote nothing"
expect_unchanged ws "$before" "undo --dry-run:"

run -w ws undo
expect_rc 0 "undo:"
expect_err "undid entry 2 (riskmap -w ws scenario set R1" "undo: names the entry it reverted"
expect_eq "$(data ws)" "$start" "undo: the records are as before the set"
expect_eq "$(journal_count ws)" $((j + 1)) "undo: a journal entry of its own"
run -w ws log -n 1 --format csv
expect_out "riskmap -w ws undo,R1" "undo: its entry names the records it wrote"
# Undoing the undo brings the change back.
run -w ws undo
expect_rc 0 "undo of an undo:"
run -w ws scenario show R1 --format json
expect_eq "$(json 'd["owner"], d["residual_likelihood"]["id"]')" '["Jean Dupont", "V1"]' \
  "undo of an undo: the change is back"
run -w ws undo 2
expect_rc 0 "undo 2:"
expect_err "undid 2 entries" "undo 2: names the entries"
run -w ws scenario show R1 --format json
expect_eq "$(json 'd["owner"]')" "Jean Dupont" "undo 2: back to the state before the two undos"

# --- rm --force of a record others name: undo brings it back with its links --------
run init rm --example
rm_start=$(data rm)
run -w rm asset rm A2 --force --yes
expect_rc 0 "rm --force:"
run -w rm log --show 2 --format csv
expect_out "asset,A2,removed,name,Liquidation des prestations," "log --show: a removed record's fields"
expect_out "scenario,R2,changed,assets,\"A1, A2, A6, A8\",\"A1, A6, A8\"" \
  "log --show: the links the removal cut"
run -w rm undo
expect_rc 0 "undo of rm --force:"
expect_eq "$(data rm)" "$rm_start" "undo of rm --force: the record and every link are back"

# --- add, link, import, then undo --to ---------------------------------------------
run init imp --example
imp_start=$(data imp)
first=$(sqlite3 imp/riskmap.db 'select max(id) from journal')
run -w imp asset add A90 --name "Serveur de fichiers" --kind server
expect_rc 0 "add:"
run -w imp scenario add R90 --title "Vol de fichiers" --asset A90 --likelihood V2 --impact G3
run -w imp control link M1 R90 --additional
expect_rc 0 "link:"
printf 'ref,title,current_likelihood,current_impact\nR91,Perte du serveur,V1,G2\nR1,Rançongiciel modifié,,\n' >in.csv
run -w imp import in.csv --kind scenarios --on-conflict update
expect_rc 0 "import:"
run -w imp log --show $((first + 4)) --format csv
expect_out "scenario,R91,added,,," "log --show of an import: a record it added, by its ref"
expect_out "scenario,R1,changed,title,Rançongiciel sur le SI de production,Rançongiciel modifié" \
  "log --show of an import: a record it updated"
run -w imp undo --to "$first" --dry-run
expect_rc 0 "undo --to --dry-run:"
expect_err "would undo 4 entries" "undo --to: every entry after it"
run -w imp undo --to "$first"
expect_rc 0 "undo --to:"
expect_eq "$(data imp)" "$imp_start" "undo --to: add, add, link and import all reverted"

# --- refused: nothing to undo, bad arguments ---------------------------------------
run init empty
bad empty 1 "undo of an empty journal" undo
expect_err "the journal is empty; nothing to undo" "undo: an empty journal"
bad imp 1 "undo --to an unknown entry" undo --to 999
expect_err "--to 999: there is no such journal entry" "undo --to: an unknown entry"
last=$(sqlite3 imp/riskmap.db 'select max(id) from journal')
bad imp 1 "undo --to the newest entry" undo --to "$last"
expect_err "it is the newest entry; nothing to undo" "undo --to the newest entry"
bad imp 2 "undo 0" undo 0
bad imp 2 "undo with both N and --to" undo 2 --to 1
bad imp 1 "log --show of an unknown entry" log --show 999
expect_err "journal entry 999: there is no such entry" "log --show: an unknown entry"

# --- refused: a record changed since by another program ----------------------------
run init ext --example
run -w ext scenario set R1 --owner DSI
sqlite3 ext/riskmap.db "update scenario set owner = 'Direction' where ref = 'R1'"
bad ext 1 "undo over another program's change" undo
expect_err "changed since by a program that keeps no riskmap journal" "undo: says why it refuses"
expect_err 'scenario R1: owner is "Direction", not "DSI" as riskmap left it' \
  "undo: names the record, the field and both values"
sqlite3 ext/riskmap.db "delete from scenario where ref = 'R1'"
bad ext 1 "undo over another program's removal" undo
expect_err "scenario R1 has been removed" "undo: a record removed since"

# --- refused: a method change ------------------------------------------------------
run init meth
run -w meth asset add A1 --name Portail --kind application
run -w meth method apply iso27005
expect_rc 0 "method apply:"
bad meth 1 "undo of a method change" undo
expect_err "changed the method, which undo does not revert" "undo: a method change is refused"

# --- refused: an entry kept by an older riskmap ------------------------------------
run init old
run -w old asset add A1 --name Portail --kind application
sqlite3 old/riskmap.db "update journal set kept = 0; delete from journal_change"
bad old 1 "undo of an entry an older riskmap kept" undo
expect_err "was written before riskmap kept what each command changes" "undo: an old entry"
run -w old log --show 1
expect_rc 0 "log --show of an old entry:"
expect_err "its changes are not known" "log --show: says an old entry's changes are unknown"

# --- a command writing several tables: each is watched from its first write ------
run init fk
printf 'id,title\nA.5.1,Policies\nA.5.2,Roles\nA.8.24,Crypto\n' >iso-fk.csv
run -w fk framework import iso-fk.csv --id ISO27001
run -w fk soa set ISO27001 A.5.1 --applicable yes --justification "Portail exposé"
catalog() { sqlite3 fk/riskmap.db "select * from framework order by id; select * from requirement order by ref; select * from soa order by requirement"; }
before=$(catalog)
printf 'id,title\nA.5.1,Policies (2024)\nA.5.3,Segregation\n' >iso-fk-next.csv
run -w fk framework import iso-fk-next.csv --id ISO27001 --replace --version 2024
expect_rc 0 "replace: framework, requirements added, changed and removed:"
run -w fk undo
expect_rc 0 "undo of the replace:"
expect_out "ISO27001:A.5.3   removed" "undo: lists the requirement the replace had added"
expect_eq "$(catalog)" "$before" "undo: the framework, its requirements and the SoA as they were"

# --- a rejected command keeps nothing ----------------------------------------------
run init rej --example
rows=$(sqlite3 rej/riskmap.db 'select count(*) from journal_change')
run -w rej scenario set R1 --likelihood V9
expect_rc 2 "a rejected set:"
expect_eq "$(sqlite3 rej/riskmap.db 'select count(*) from journal_change')" "$rows" \
  "a rejected command keeps no change"
expect_eq "$(sqlite3 rej/riskmap.db 'select count(*) from journal_change where entry is null')" 0 \
  "every kept change belongs to an entry"
# Another program's writes are kept by nobody: the triggers are riskmap's own.
sqlite3 rej/riskmap.db "update scenario set owner = 'X' where ref = 'R2'"
expect_eq "$(sqlite3 rej/riskmap.db 'select count(*) from journal_change')" "$rows" \
  "another program's write keeps nothing"

finish
