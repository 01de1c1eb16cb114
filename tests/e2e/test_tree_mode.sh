#!/usr/bin/env bash
# init --tree: the records kept beside the database as a tree of files that
# git carries. Writing commands keep the tree up to date; init --tree writes
# a .gitignore and hooks that apply what git changes; a clone becomes a
# workspace with init --tree; a command that finds the tree changed by
# someone else stops until apply brings it in.
source "$SOURCE_DIR/tests/e2e/lib.sh"
unset RISKMAP_WORKSPACE NO_COLOR
export GIT_AUTHOR_NAME=test GIT_AUTHOR_EMAIL=test@example.org GIT_COMMITTER_NAME=test \
  GIT_COMMITTER_EMAIL=test@example.org GIT_CONFIG_NOSYSTEM=1 HOME="$TMP"
example="$SOURCE_DIR/examples/caisse-sociale"
catalogs=(--catalog "$example/directive-fictive.yaml" --catalog "$example/mapping-directive-fictive-nist-csf.yaml")
owner_of() { sqlite3 "$1/riskmap.db" "select coalesce(owner, '') from scenario where ref = '$2'"; }
title_of() { sqlite3 "$1/riskmap.db" "select title from scenario where ref = '$2'"; }

# --- init --tree ---------------------------------------------------------------
run init a --tree --example
expect_rc 0 "init --tree --example:"
expect_err "its records are kept as a tree of files for git" "init --tree: says so"
[ -d a/.git ] && [ -f a/scenarios/R1.toml ] && [ -f a/assets/A1.toml ] && [ -f a/soa/DNF-2026.toml ] ||
  fail "init --tree: a repository and the tree in the workspace's folder"
checks=$((checks + 1))
grep -qxF '/riskmap.db' a/.gitignore && grep -qxF '/deliverables/' a/.gitignore ||
  fail "init --tree: .gitignore keeps the database and the deliverables out"
checks=$((checks + 1))
[ -x a/.git/hooks/post-merge ] && [ -x a/.git/hooks/post-checkout ] ||
  fail "init --tree: executable post-merge and post-checkout hooks"
checks=$((checks + 1))
grep -qxF 'tree = true' a/riskmap.toml || fail "init --tree: [workspace] tree = true in riskmap.toml"
checks=$((checks + 1))
(cd a && git add -A && git commit -qm "Carte initiale")
expect_eq "$(git -C a status --porcelain)" "" "the database is not in git"

# --- writing commands keep the tree up to date ----------------------------------
run -w a scenario add R90 --title "Vol de portable" --likelihood V2 --impact G2
expect_rc 0 "add in tree mode:"
grep -qxF 'title = "Vol de portable"' a/scenarios/R90.toml || fail "add: its file in the tree"
checks=$((checks + 1))
run -w a scenario set R90 --owner DSI
grep -qxF 'owner = "DSI"' a/scenarios/R90.toml || fail "set: the file follows"
checks=$((checks + 1))
run -w a scenario rm R90
[ ! -e a/scenarios/R90.toml ] || fail "rm: the file is removed"
checks=$((checks + 1))
run -w a undo
[ -f a/scenarios/R90.toml ] || fail "undo: the file is back"
checks=$((checks + 1))
run -w a scenario rm R90
expect_eq "$(git -C a status --porcelain)" "" "the tree is as committed again"
# Files riskmap does not write stay: a mapping beside the records.
printf '[columns]\nref = "Réf"\n' >a/mapping.toml
run -w a scenario set R1 --owner RSSI
[ -f a/mapping.toml ] || fail "a .toml file of the user's at the root is left alone"
checks=$((checks + 1))
rm a/mapping.toml

# --- a tree changed by someone else: commands stop until apply -----------------------
sed -i 's/^owner = "RSSI"$/owner = "Direction"/' a/scenarios/R1.toml
before=$(snapshot a)
run -w a scenario list
expect_rc 1 "a reading command on a changed tree:"
expect_err "changed since riskmap last wrote it" "a changed tree: says so"
expect_err "'riskmap apply a' brings it into the database first" "a changed tree: what to do"
run -w a scenario set R2 --owner X
expect_rc 1 "a writing command on a changed tree:"
expect_unchanged a "$before" "a changed tree: nothing written"
run -w a apply a --dry-run --format csv
expect_out "scenario,R1,changed,owner" "apply --dry-run: the plan"
run -w a apply a
expect_rc 0 "apply of the changed tree:"
expect_eq "$(owner_of a R1)" "Direction" "apply: the hand edit is in the database"
run -w a scenario list
expect_rc 0 "after apply, commands work again:"
(cd a && git commit -qam "R1 à la direction")

# --- two consultants: a clone, edits of two fields of one record, git merge ------------
git clone -q --bare a origin.git
git -C a remote add origin ../origin.git
git -C a fetch -q origin
git -C a branch -q --set-upstream-to=origin/master master 2>/dev/null ||
  git -C a branch -q --set-upstream-to=origin/main main
git clone -q origin.git b
run init b --tree
expect_rc 1 "init --tree of a clone without its catalogs:"
expect_err "b/catalogs.toml:5:2: the catalog DNF-2026 (version 1) is not imported here: import it first ('riskmap framework import directive-fictive.yaml', or init --tree --catalog)" \
  "a clone names the catalogs it needs, their files and versions"
[ ! -e b/riskmap.db ] || fail "a refused clone init leaves no database"
checks=$((checks + 1))
run init b --tree "${catalogs[@]}"
expect_rc 0 "init --tree of a clone, with its catalogs:"
expect_err "built the workspace in b from its tree" "init --tree of a clone: says so"
expect_eq "$(git -C b status --porcelain)" "" "a clone's workspace writes the tree as it is"
expect_eq "$(data_dump b)" "$(data_dump a)" "a clone's workspace holds the same map"

run -w a scenario set R7 --owner DSI
run -w b scenario set R7 --title "Sauvegardes perdues"
(cd a && git commit -qam "R7: propriétaire" && git push -q)
(cd b && git commit -qam "R7: titre" && git pull -q --no-rebase >/dev/null 2>&1)
checks=$((checks + 1))
[ -z "$(git -C b diff --name-only --diff-filter=U)" ] || fail "git merges two fields of one record"
expect_eq "$(owner_of b R7)" "DSI" "post-merge hook: their field applied"
expect_eq "$(title_of b R7)" "Sauvegardes perdues" "post-merge hook: ours kept"
run -w b scenario list
expect_rc 0 "after the hook, the workspace is current:"

# The same field on both sides: a git conflict; riskmap waits for it.
(cd b && git push -q)
(cd a && git pull -q --no-rebase >/dev/null 2>&1)
expect_eq "$(title_of a R7)" "Sauvegardes perdues" "a pulls b's merge (post-merge hook)"
run -w a scenario set R7 --owner "Équipe A"
run -w b scenario set R7 --owner "Équipe B"
(cd a && git commit -qam "A" && git push -q)
(cd b && git commit -qam "B" && git pull -q --no-rebase >/dev/null 2>&1)
checks=$((checks + 1))
[ "$(git -C b diff --name-only --diff-filter=U)" = "scenarios/R7.toml" ] ||
  fail "the same field on both sides: one conflict, in R7's file"
run -w b scenario list
expect_rc 1 "a tree in conflict: commands stop"
run -w b apply b
expect_rc 1 "apply of a tree with conflict markers:"
expect_err_re "b/scenarios/R7.toml:[0-9]+:[0-9]+: " "apply: the conflict at file:line:column"
sed -i '/^<<<<<<< /d; /^=======$/d; /^>>>>>>> /d; /^owner = "Équipe A"$/d' b/scenarios/R7.toml
run -w b apply b
expect_rc 0 "apply once the conflict is settled:"
expect_eq "$(owner_of b R7)" "Équipe B" "the settled value is in the database"

# --- refused -----------------------------------------------------------------------
run init plain
rm plain/riskmap.db*
run init plain --tree
expect_rc 1 "init --tree of a folder whose riskmap.toml is not a tree's:"
expect_err "it has no '[workspace] tree = true'" "not a tree: said"
[ ! -e plain/riskmap.db ] || fail "a refused init leaves no database"
checks=$((checks + 1))
mkdir nogitbin && ln -s "$(command -v cat)" nogitbin/cat
PATH=$TMP/nogitbin run init nogit --tree
expect_rc 1 "init --tree without git:"
expect_err "git is not on PATH; install it (Debian package git)" "no git: names the package"
[ ! -e nogit ] || fail "init --tree without git creates nothing"
checks=$((checks + 1))

finish
