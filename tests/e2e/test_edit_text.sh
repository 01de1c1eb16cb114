#!/usr/bin/env bash
# Long texts and everyday consistency: a text option read from stdin (-) or
# a file (@FILE); `KIND edit REF` in $VISUAL/$EDITOR (applied as one
# command, reopened with the error on top until right, nothing locked while
# editing, nothing lost when another command got there first); control
# link/unlink and rm taking lists; linking or setting twice changes nothing
# and journals nothing; import/export --help name every kind; a ref typed in
# the wrong case is suggested.
source "$SOURCE_DIR/tests/e2e/lib.sh"
unset RISKMAP_WORKSPACE NO_COLOR VISUAL EDITOR
export TMP  # the editor scripts leave what they saw there

run init ws
run -w ws asset add A1 --name "Portail" --kind application
run -w ws control add M1 --title "Pare-feu applicatif"
run -w ws scenario add R1 --title "Fuite" --asset A1 --likelihood V2 --impact G3
run -w ws scenario add R2 --title "Panne"
run -w ws scenario add R3 --title "Fraude"

# --- A text from stdin or from a file ---------------------------------------------
printf 'Première ligne\n\n  «\u00a0citée\u00a0» \\ "guillemets"\n\n' >desc.md
run -w ws scenario set R1 --description @desc.md
expect_rc 0 "--description @FILE:"
run -w ws scenario show R1 --format json
expect_eq "$(json 'd["description"]')" $'Première ligne\n\n  «\u00a0citée\u00a0» \\ "guillemets"' \
  "@FILE: the file's text, its final line feeds dropped"
printf 'Lu sur l’entrée\n' | "$RISKMAP" -w ws scenario set R2 --notes - 2>"$TMP/.err"
rc=$?
expect_rc 0 "--notes -:"
run -w ws scenario show R2 --format json
expect_eq "$(json 'd["notes"]')" "Lu sur l’entrée" "--notes - reads stdin"
run -w ws scenario set R3 --description @@home --title @SUM
run -w ws scenario show R3 --format json
expect_eq "$(json '[d["description"], d["title"]]')" '["@home", "@SUM"]' \
  "@@ starts a long text with @; a title is read as it is"
printf 'x\n' | "$RISKMAP" -w ws scenario add --title T --notes - --description - >"$TMP/.out" 2>"$TMP/.err"
rc=$?; out=$(cat "$TMP/.out"); err=$(cat "$TMP/.err")
expect_rc 2 "two options reading stdin:"
expect_err "standard input is read by another option already" "two options reading stdin: why"
bad ws 1 "--description @ a missing file" scenario set R1 --description @absent.md
expect_err "absent.md: cannot read" "a missing file: named"
bad ws 2 "--notes @ alone" scenario set R1 --notes @
printf '\n\n' >blank.md
bad ws 2 "a file holding nothing but line feeds" scenario set R1 --notes @blank.md
run -w ws scenario add --help
expect_out "- reads stdin, @FILE a file" "add --help says how to read a text"

# --- edit --------------------------------------------------------------------------
# Editors: small scripts that change the file they are given, as a person would.
editor() {  # editor NAME BODY: a script ./NAME.sh running BODY with the file in $1
  printf '#!/bin/sh\n%s\n' "$2" >"$1.sh"
  chmod +x "$1.sh"
}
editor look 'cp "$1" "$TMP/seen.toml"; stat -c %a "$(dirname "$1")" >"$TMP/mode"'
j0=$(journal_count ws)
before=$(snapshot ws)
EDITOR="$TMP/look.sh" run -w ws scenario edit R1
expect_rc 0 "edit saved unchanged:"
expect_err "nothing changed" "edit saved unchanged: says so"
expect_unchanged ws "$before" "edit saved unchanged:"
expect_eq "$(journal_count ws)" "$j0" "edit saved unchanged: no journal entry"
expect_eq "$(cat mode)" 700 "the file to edit is in a folder only its owner reads"
grep -qxF 'title = "Fuite"' seen.toml || fail "the file shows the title"
grep -qxF 'current_likelihood = "V2"  # Vraisemblable' seen.toml ||
  fail "the file shows a level with its label in the workspace's language"
grep -qxF '# owner = ""' seen.toml || fail "a field without a value is there, commented out"
grep -qxF 'assets = ["A1"]' seen.toml || fail "a list is a TOML array"
expect_eq "$(python3 -c 'import sys, tomllib; print(tomllib.load(open("seen.toml", "rb"))["description"])')" \
  "$(printf 'Première ligne\n\n  «\u00a0citée\u00a0» \\ "guillemets"')" \
  "the description reads back exactly as TOML"
checks=$((checks + 3))

# Every field changes as the line says: a value changed, one filled in, one removed.
editor change 'sed -i -e "s/^title = .*/title = \"Fuite de données\"/" -e "s/^# owner = .*/owner = \"RSSI\"/" -e "/^assets = /d" "$1"'
EDITOR="$TMP/change.sh" run -w ws scenario edit R1
expect_rc 0 "edit:"
run -w ws scenario show R1 --format json
expect_eq "$(json '[d["title"], d["owner"], d["assets"], d["current_likelihood"]["id"]]')" \
  '["Fuite de données", "RSSI", [], "V2"]' "edit: changed, filled in, emptied, kept"
expect_eq "$(journal_count ws)" $((j0 + 1)) "edit: one journal entry"
expect_eq "$(sqlite3 ws/riskmap.db 'select command from journal order by id desc limit 1')" \
  "riskmap -w ws scenario edit R1" "edit: journalled as typed"
# An editor given with arguments, as VISUAL, which wins over EDITOR.
VISUAL="sed -i s/RSSI/DSI/" EDITOR=false run -w ws scenario edit R1
expect_rc 0 "VISUAL with arguments:"
run -w ws scenario show R1 --format json
expect_eq "$(json 'd["owner"]')" "DSI" "VISUAL wins over EDITOR, and may carry arguments"

# A mistake: the file reopens with the error on top, at the line it names.
editor fix 'n=$(cat "$TMP/count" 2>/dev/null || echo 0); echo $((n + 1)) >"$TMP/count"
if [ "$n" = 0 ]; then sed -i "s/^current_impact = .*/current_impact = \"G9\"/" "$1"; exit 0; fi
cp "$1" "$TMP/reopened.toml"
sed -i "s/^current_impact = .*/current_impact = \"G4\"/" "$1"'
rm -f count
j0=$(journal_count ws)
EDITOR="$TMP/fix.sh" run -w ws scenario edit R1
expect_rc 0 "edit fixed after an error:"
expect_eq "$(cat count)" 2 "the editor opened twice"
expect_eq "$(head -n 1 reopened.toml)" "#! This could not be applied:" "the error is on top"
at=$(sed -n 2p reopened.toml | grep -oE 'R1\.toml:[0-9]+' | cut -d: -f2)
expect_eq "$(sed -n "${at:-0}p" reopened.toml)" 'current_impact = "G9"' \
  "the error names the line of the reopened file"
grep -qF 'not on the impact scale' reopened.toml || grep -qF 'G9' reopened.toml || fail "the error says what is wrong"
checks=$((checks + 1))
run -w ws scenario show R1 --format json
expect_eq "$(json 'd["current_impact"]["id"]')" "G4" "the fixed value is stored"
expect_eq "$(journal_count ws)" $((j0 + 1)) "one journal entry for the whole edit"

# Saved unchanged after an error: the edit stops with that error, nothing changed.
editor stubborn 'grep -q "^#!" "$1" || sed -i "s/^# owner = .*/titel = \"x\"/; s/^owner = .*/titel = \"x\"/" "$1"'
before=$(snapshot ws)
EDITOR="$TMP/stubborn.sh" run -w ws scenario edit R1
expect_rc 1 "an error left as it is:"
expect_err "'titel' is not a field of scenario (did you mean 'title'?)" "an unknown field: did you mean"
expect_err "saved unchanged" "an error left as it is: says so"
expect_unchanged ws "$before" "an error left as it is:"
# The required title removed.
editor untitle 'grep -q "^#!" "$1" || sed -i "/^title = /d" "$1"'
EDITOR="$TMP/untitle.sh" run -w ws scenario edit R1
expect_rc 1 "the title removed:"
expect_err "title is required" "the title removed: why"
expect_unchanged ws "$before" "the title removed:"
# A link to a record that does not exist: refused when stored, the file reopens.
editor ghost 'grep -q "^#!" "$1" || sed -i "s/^# assets = .*/assets = [\"A9\"]/" "$1"'
EDITOR="$TMP/ghost.sh" run -w ws scenario edit R1
expect_rc 1 "a link to nothing:"
expect_err "A9" "a link to nothing: named"
expect_unchanged ws "$before" "a link to nothing:"
# Emptied: cancelled. The editor failing: nothing changed either.
EDITOR="truncate -s 0" run -w ws scenario edit R1
expect_rc 0 "an emptied file:"
expect_err "the file was emptied; nothing changed" "an emptied file cancels"
EDITOR=false run -w ws scenario edit R1
expect_rc 1 "an editor that fails:"
expect_err "exited with status 1; nothing changed" "an editor that fails: says so"
EDITOR=no-such-editor-here run -w ws scenario edit R1
expect_rc 1 "an editor that is not there:"
expect_err "set VISUAL or EDITOR" "an editor that is not there: what to do"
bad ws 1 "edit of an unknown ref" scenario edit R99
expect_unchanged ws "$before" "failed edits:"

# Another command changes the record while the editor is open: nothing is
# locked meanwhile, nothing is overwritten, the user's text is kept.
editor racer "\"$RISKMAP\" -w \"$TMP/ws\" scenario set R1 --owner Autre >/dev/null 2>&1 || echo locked >\"\$TMP/locked\"
sed -i 's/^title = .*/title = \"Mon titre\"/' \"\$1\""
EDITOR="$TMP/racer.sh" run -w ws scenario edit R1
expect_rc 1 "a record changed meanwhile:"
expect_eq "$(cat locked 2>/dev/null)" "" "the workspace is not locked while the editor is open"
expect_err "was changed by another command while you edited it" "a record changed meanwhile: why"
kept=$(grep -oE '/[^ ]*R1\.toml' <<<"$err" | head -n 1)
grep -qxF 'title = "Mon titre"' "$kept" || fail "the user's text is kept in the file named"
checks=$((checks + 1))
run -w ws scenario show R1 --format json
expect_eq "$(json '[d["owner"], d["title"]]')" '["Autre", "Fuite de données"]' \
  "the other command's change stands"
rm -rf "$(dirname "$kept")"

# Every kind has edit.
for kind in asset control stakeholder feared-event origin strategic path operational step scenario action; do
  run "$kind" edit --help
  expect_rc 0 "$kind edit --help:"
done

# A derived value shows commented out; uncommented, it is set by hand.
run -w ws asset add A2 --name "Instruction des dossiers" --role primary
run -w ws feared-event add ER1 --business-value A2 --criteria C --gravity G3 --description "Divulgation"
run -w ws origin add SO1 --source "Cybercriminel" --objective "Lucre" --motivation 3 --resources 2
run -w ws strategic add SS1 --origin SO1 --feared-event ER1
expect_rc 0 "a strategic scenario:"
EDITOR="$TMP/look.sh" run -w ws strategic edit SS1
grep -qE '^# gravity = "G3" .*derived' seen.toml || fail "a derived value is commented out, said derived"
checks=$((checks + 1))
editor sethand 'sed -i "s/^# gravity = \"G3\".*/gravity = \"G4\"/" "$1"'
EDITOR="$TMP/sethand.sh" run -w ws strategic edit SS1
expect_rc 0 "a derived value set by hand:"
run -w ws strategic show SS1 --format json
expect_eq "$(json '[d["gravity"]["id"], d["gravity_source"]]')" '["G4", "set"]' "uncommented: set by hand"
editor derive 'sed -i "/^gravity = /d" "$1"'
EDITOR="$TMP/derive.sh" run -w ws strategic edit SS1
run -w ws strategic show SS1 --format json
expect_eq "$(json '[d["gravity"]["id"], d["gravity_source"]]')" '["G3", "derived"]' "removed: derived again"

# --- Lists, twice, case -------------------------------------------------------------
j0=$(journal_count ws)
run -w ws control link M1 R1,R2 R3 --existing
expect_rc 0 "control link with a list:"
run -w ws scenario list --format json
expect_eq "$(json '[s["existing_controls"] for s in d if s["ref"] in ("R1", "R2", "R3")]')" \
  '[["M1"], ["M1"], ["M1"]]' "control link R1,R2 R3: all three linked"
expect_eq "$(journal_count ws)" $((j0 + 1)) "one journal entry"
before=$(snapshot ws)
run -w ws control link M1 R1 --existing
expect_rc 0 "linking twice:"
expect_err "control M1 was already linked to R1 as existing" "linking twice: says so"
expect_unchanged ws "$before" "linking twice:"
run -w ws scenario set R1 --add-existing-control M1
expect_rc 0 "adding twice through the scenario:"
expect_err "already had these values: nothing changed" "adding twice: says so"
expect_unchanged ws "$before" "linking or adding twice changes nothing, journals nothing:"
bad ws 1 "linked the other way" control link M1 R1 --additional
bad ws 1 "the same, through the scenario" scenario set R1 --add-additional-control M1
run -w ws control unlink M1 R2,R3
expect_rc 0 "control unlink with a list:"
run -w ws scenario list --format json
expect_eq "$(json '[s["existing_controls"] for s in d if s["ref"] in ("R1", "R2", "R3")]')" \
  '[["M1"], [], []]' "control unlink R2,R3"
run -w ws scenario rm R2,R3
expect_rc 0 "rm with a list:"
run -w ws scenario list --format json
expect_eq "$(json '[s["ref"] for s in d]')" '["R1"]' "rm R2,R3 removed both"
# rm --force on a terminal lists the links it cuts and asks; in a script it does not.
run -w ws scenario set R1 --asset A1
before=$(snapshot ws)
shown=$(python3 "$SOURCE_DIR/tests/e2e/answer_on_tty.py" n "$RISKMAP" -w ws asset rm A1 --force)
rc=$?
expect_rc 1 "rm --force on a terminal, answered no:"
grep -qF "asset A1 is named by scenario R1 (assets)" <<<"$shown" || fail "rm --force: the links it cuts are listed"
grep -qF "nothing removed" <<<"$shown" || fail "rm --force answered no: says so"
checks=$((checks + 2))
expect_unchanged ws "$before" "rm --force answered no:"
shown=$(python3 "$SOURCE_DIR/tests/e2e/answer_on_tty.py" n "$RISKMAP" -w ws asset rm A1 --force --yes)
rc=$?
expect_rc 0 "rm --force --yes on a terminal: no question"
run -w ws asset show A1
expect_rc 1 "rm --force --yes removed A1"
bad ws 1 "a ref in the wrong case" scenario show r1
expect_err "unknown scenario 'r1' (did you mean 'R1'?)" "a ref in the wrong case: suggested"

for command in import export; do
  run "$command" --help
  for plural in assets controls stakeholders feared-events origins strategic-scenarios paths \
    operational-scenarios steps scenarios actions; do
    expect_out "$plural" "$command --help names $plural"
  done
done

finish
