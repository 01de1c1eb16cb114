#!/usr/bin/env bash
# export --tree and apply: the workspace as text files, one a record; apply
# makes a workspace equal to a tree (a round trip leaves every data table
# identical), is idempotent, all or nothing with file:line:column errors,
# prints its plan with --dry-run; git merges two consultants' edits of two
# fields of one record without a conflict.
source "$SOURCE_DIR/tests/e2e/lib.sh"
unset RISKMAP_WORKSPACE NO_COLOR
export GIT_AUTHOR_NAME=test GIT_AUTHOR_EMAIL=test@example.org GIT_COMMITTER_NAME=test \
  GIT_COMMITTER_EMAIL=test@example.org GIT_CONFIG_NOSYSTEM=1 HOME="$TMP"

example="$SOURCE_DIR/examples/caisse-sociale"
# A workspace with the example's catalogs, which a tree names but does not carry.
with_catalogs() {
  run init "$1" "${@:2}"
  run -w "$1" framework import "$example/directive-fictive.yaml"
  run -w "$1" framework import "$example/mapping-directive-fictive-nist-csf.yaml"
}

run init ex --example
expect_rc 0 "init --example:"
run -w ex export --tree tree
expect_rc 0 "export --tree:"
expect_err "files written" "export --tree: says what it wrote"
[ -f tree/riskmap.toml ] && [ -f tree/scenarios/R1.toml ] && [ -f tree/assets/A1.toml ] &&
  [ -f tree/feared-events/ER1.toml ] && [ -f tree/steps/AE1.toml ] && [ -f tree/soa/DNF-2026.toml ] ||
  fail "the tree: riskmap.toml, a folder per kind, the SoA"
checks=$((checks + 1))
expect_eq "$(find tree -type f -perm /077 | wc -l)" 0 "nothing in the tree is readable by others"
expect_eq "$(ls tree/scenarios | wc -l)" "$(sqlite3 ex/riskmap.db 'select count(*) from scenario')" \
  "one file per scenario"
grep -qxF 'title = "Rançongiciel sur le SI de production"' tree/scenarios/R1.toml ||
  fail "a record file holds its fields, one a line"
checks=$((checks + 1))
# Derived values stay derived: R3's rating comes from its operational scenario.
grep -qE '^# current_likelihood = ""' tree/scenarios/R3.toml || fail "a derived value is not written"
checks=$((checks + 1))

# Deterministic, and a second export changes no file.
sums=$(cd tree && find . -type f | sort | xargs sha256sum)
run -w ex export --tree tree
expect_err "0 files written" "a second export writes nothing"
expect_eq "$(cd tree && find . -type f | sort | xargs sha256sum)" "$sums" "the tree is deterministic"

grep -qxF 'source = "directive-fictive.yaml"' tree/catalogs.toml ||
  fail "catalogs.toml names each imported catalog's file (not its path)"
checks=$((checks + 1))
run init bare
bad bare 1 "apply without the catalogs the tree names" apply tree
expect_err "tree/catalogs.toml:" "apply: the catalogs missing, at file:line:column"

# --- Round trip: into a workspace with nothing in it, every data table identical ---------
with_catalogs empty
run -w empty apply tree
expect_rc 0 "apply to an empty workspace:"
expect_err "applied tree:" "apply: a summary"
for table in $(sqlite3 ex/riskmap.db "select name from sqlite_master where type = 'table' and name
    not in ('journal', 'journal_change', 'setting', 'rating_bounds', 'tree_state') and name not like 'sqlite_%' order by name"); do
  expect_eq "$(sqlite3 empty/riskmap.db ".dump $table")" "$(sqlite3 ex/riskmap.db ".dump $table")" \
    "round trip: table $table identical"
done
# Idempotent: a second apply changes nothing and journals nothing.
j=$(journal_count empty)
before=$(snapshot empty)
run -w empty apply tree --format csv
expect_rc 0 "a second apply:"
expect_out_exact "kind,ref,change,fields" "a second apply: no change"
expect_err "the workspace is equal to the tree; nothing changed" "a second apply says so"
expect_unchanged empty "$before" "a second apply:"
expect_eq "$(journal_count empty)" "$j" "a second apply journals nothing"

# --- A hand edit: the plan, then the change, one journal entry ---------------------------
sed -i 's/^owner = "RSSI"$/owner = "DSI"/' tree/scenarios/R1.toml
rm tree/actions/T1.toml
cp tree/assets/A1.toml tree/assets/A99.toml
sed -i 's/^name = .*/name = "Nouvel actif"/' tree/assets/A99.toml
before=$(snapshot empty)
run -w empty apply tree --dry-run --format json
expect_rc 0 "apply --dry-run:"
expect_eq "$(json '[[c["kind"], c["ref"], c["change"], c["fields"]] for c in d]')" \
  '[["asset", "A99", "added", []], ["scenario", "R1", "changed", ["owner"]], ["action", "T1", "removed", []]]' \
  "the plan: added, changed field by field, removed"
expect_unchanged empty "$before" "apply --dry-run writes nothing:"
j=$(journal_count empty)
run -w empty apply tree
expect_rc 0 "apply of a hand edit:"
expect_eq "$(journal_count empty)" $((j + 1)) "one journal entry"
run -w empty scenario show R1 --format json
expect_eq "$(json 'd["owner"]')" "DSI" "the edit is in the workspace"
run -w empty action show T1
expect_rc 1 "the record whose file went is removed"

# --- Bad trees: every error located, nothing applied ---------------------------------------
cp -r tree bad
sed -i 's/^inherent_likelihood = .*/inherent_likelihood = "V9"/' bad/scenarios/R2.toml
sed -i 's/^title = .*/titel = "x"/' bad/scenarios/R3.toml
printf 'title = "Sans fin\n' >bad/scenarios/R4.toml
sed -i 's/^assets = \[/assets = ["A404", /' bad/scenarios/R5.toml
before=$(snapshot empty)
run -w empty apply bad
expect_rc 1 "a bad tree:"
line=$(grep -n '^inherent_likelihood' bad/scenarios/R2.toml | cut -d: -f1)
expect_err "bad/scenarios/R2.toml:$line:23: inherent_likelihood:" "a bad value: file:line:column"
expect_err "bad/scenarios/R3.toml:" "an unknown field: its file"
expect_err "did you mean 'title'" "an unknown field: did you mean"
expect_err "bad/scenarios/R4.toml:1:" "a TOML error: its file and line"
expect_err "R5 names asset A404, which the tree does not hold" "a link to nothing"
expect_err "nothing applied" "a bad tree: nothing applied"
expect_unchanged empty "$before" "a bad tree:"
bad empty 1 "a folder that is not a tree" apply tree/scenarios
expect_err "not a tree of riskmap export --tree" "not a tree: why"
printf '["NOPE-1"]\napplicable = false\n' >bad/soa/DNF-2026.toml
cp -r tree bad2 && printf '["GOUV-PSSI"]\napplicable = false\n' >bad2/soa/DNF-2026.toml
bad empty 1 "an exclusion without a justification" apply bad2
expect_err "bad2/soa/DNF-2026.toml:1:1: GOUV-PSSI: a requirement excluded needs a justification" \
  "an exclusion without a justification: located"

# --- git: two consultants edit two fields of one record; the merge has no conflict -------------
git init -q --bare -b main shared.git
git clone -q shared.git seed 2>/dev/null
cp -r tree/. seed/
git -C seed add -A && git -C seed commit -q -m "the map" && git -C seed push -q origin HEAD:main
git clone -q shared.git alice && git clone -q shared.git bob
sed -i 's/^owner = .*/owner = "Alice"/' alice/scenarios/R2.toml
git -C alice commit -q -am "R2 owner" && git -C alice push -q origin main
# Bob changes the field next to it (treatment follows owner) and another record.
sed -i 's/^treatment = .*/treatment = "accept"  # Accepter/' bob/scenarios/R2.toml
sed -i 's/^residual_impact = .*/residual_impact = "G2"/' bob/scenarios/R2.toml
git -C bob commit -q -am "R2 treatment"
git -C bob pull -q --no-rebase --no-edit origin main >/dev/null 2>&1
rc=$?
expect_rc 0 "git merges two fields of one record changed on two sides:"
expect_eq "$(git -C bob ls-files -u | wc -l)" 0 "no conflict"
run -w empty apply bob
expect_rc 0 "apply of the merged tree:"
run -w empty scenario show R2 --format json
expect_eq "$(json '[d["owner"], d["treatment"], d["residual_impact"]["id"]]')" '["Alice", "accept", "G2"]' \
  "both consultants' changes are in the workspace"
# The same field changed on both sides is a conflict git shows.
sed -i 's/^owner = .*/owner = "Alice2"/' alice/scenarios/R2.toml
git -C alice commit -q -am "R2 owner again"
sed -i 's/^owner = .*/owner = "Bob"/' bob/scenarios/R2.toml
git -C bob commit -q -am "R2 owner, Bob"
git -C alice pull -q --no-rebase --no-edit ../bob main >/dev/null 2>&1
expect_eq "$(git -C alice diff --name-only --diff-filter=U)" "scenarios/R2.toml" \
  "the same field changed on both sides: a conflict on that file"
bad empty 1 "a tree with conflict markers" apply alice
expect_err "alice/scenarios/R2.toml:" "conflict markers: the file named"

finish
