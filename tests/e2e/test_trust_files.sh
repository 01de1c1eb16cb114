#!/usr/bin/env bash
# Files written safely: -o onto devices, FIFOs and symbolic links, staging
# folders instead of predictable temporary names, a failed write to stdout,
# deliverables all or nothing, no world-readable copy of the map under umask
# 022, and no workspace of another user opened unless allowed.
source "$SOURCE_DIR/tests/e2e/lib.sh"
unset RISKMAP_WORKSPACE RISKMAP_SAFE_WORKSPACES NO_COLOR
command -v strace >/dev/null || { echo "strace is missing: apt-get install strace"; exit 1; }
umask 022

run init ws --example
expect_rc 0 "init --example"

# --- -o onto a FIFO writes through it, which stays a FIFO ---------------------------
mkfifo pipe
timeout 20 cat pipe >from-pipe.csv & reader=$!  # (a reader that gives up, should nothing come)
run -w ws export --kind assets -o pipe
wait "$reader"
expect_rc 0 "export -o FIFO"
checks=$((checks + 1)); [ -p pipe ] || fail "the FIFO is still a FIFO"
expect_eq "$(head -1 from-pipe.csv | cut -d, -f1-2)" "ref,name" "the export went through the FIFO"

# --- -o onto a device writes through it, which stays a device ------------------------
if [ "$(id -u)" -eq 0 ]; then
  mknod null c 1 3
  run -w ws export --kind all --format json -o null
  expect_rc 0 "export -o a device (a private /dev/null)"
  checks=$((checks + 1)); [ -c null ] || fail "the device is still a character device"
  run template export fr/register.md -o null
  expect_rc 0 "template export -o a device"
  checks=$((checks + 1)); [ -c null ] || fail "template export: the device is still a device"
else
  echo "not root: the device case is skipped"
fi
run -w ws export --kind assets -o /dev/null
expect_rc 0 "export -o /dev/null"
checks=$((checks + 1)); [ -c /dev/null ] || fail "/dev/null is still a character device"

# --- -o onto a symbolic link writes the file it points to ----------------------------
mkdir real
echo old >real/target.csv
ln -s real/target.csv link.csv
run -w ws export --kind scenarios -o link.csv
expect_rc 0 "export -o a symbolic link"
checks=$((checks + 1)); [ -L link.csv ] || fail "the link is still a link"
expect_eq "$(head -1 real/target.csv | cut -d, -f1-2)" "ref,title" "the file it points to holds the export"
ln -s real/new.md dangling.md
run template export fr/register.md -o dangling.md
expect_rc 0 "template export -o a link to a file not there yet"
checks=$((checks + 1)); [ -L dangling.md ] && [ -s real/new.md ] || fail "the link's target was created"
expect_eq "$(ls -A real | grep -c riskmap-staging)" 0 "no staging folder is left beside the target"

# --- Files are staged in a private folder, never under a predictable name -------------
traced -f -o trace.log -e trace=mkdir,openat,rename "$RISKMAP" -w ws export --kind assets -o out.csv 2>/dev/null
expect_eq "$(grep -cE 'mkdir\(".*/?\.riskmap-staging-[0-9]+-[A-Za-z0-9]{6}", 0700\) = 0' trace.log)" 1 \
  "the export is staged in a folder created 0700 under an unpredictable name"
expect_eq "$(grep -c 'tmp-' trace.log)" 0 "no NAME.tmp-PID file"
expect_eq "$(grep -cE 'rename\(".*\.riskmap-staging-[^"]*/out.csv", "(\./)?out.csv"\)' trace.log)" 1 \
  "the file is moved into place from the staging folder"

# --- A failed write to stdout is an error, not a success -----------------------------
run -w ws export --kind assets -o - >/dev/full
"$RISKMAP" -w ws export --kind assets >/dev/full 2>"$TMP/.err"
rc=$?; err=$(cat "$TMP/.err"); out=
expect_rc 1 "export > /dev/full"
expect_err "standard output: cannot write: No space left on device" "says why"
before=$(snapshot ws)
"$RISKMAP" -w ws scenario add --title "Jamais écrit" >/dev/full 2>"$TMP/.err"
rc=$?; err=$(cat "$TMP/.err")
expect_rc 1 "scenario add > /dev/full (the new ref cannot be told)"
expect_err "nothing was changed" "says the command changed nothing"
expect_unchanged ws "$before" "scenario add > /dev/full:"
"$RISKMAP" -w ws scenario list | head -1 >/dev/null
expect_eq "$?" 0 "a reader that goes away ends quietly"

# --- Deliverables: all or nothing -----------------------------------------------------
run -w ws report register summary register --today 2026-12-01
expect_rc 0 "a deliverable named twice is rendered once"
expect_err "wrote 3 files" "register.md, register.csv and summary.md"
run -w ws report all --today 2026-12-01 -q
expect_rc 0 "report all"
sums_before=$(cd ws/deliverables/fr && sha256sum ./*)
run -w ws -q scenario set R1 --title "Titre changé pour que tout change"
# Every writev(2) of report all is a deliverable's (streams write with
# writev, SQLite with pwrite): the disk fills up at the first, a third of the
# way, two thirds.
writes=$(traced -f -c -o counts.log -e trace=writev "$RISKMAP" -w ws report all --today 2026-12-02 -q -o probe \
  && awk '$NF == "writev" { print $4 }' counts.log)
checks=$((checks + 1)); [ "${writes:-0}" -gt 10 ] || fail "report all makes many writes ($writes)"
for when in 1 $((writes / 3)) $((writes * 2 / 3)); do
  traced -f -o /dev/null -e inject=writev:error=ENOSPC:when=$when+ \
    "$RISKMAP" -w ws report all --today 2026-12-02 >"$TMP/.out" 2>"$TMP/.err"
  rc=$?; out=$(cat "$TMP/.out"); err=$(cat "$TMP/.err")
  expect_rc 1 "report all on a disk full from write $when on"
  expect_eq "$(cd ws/deliverables/fr && sha256sum ./*)" "$sums_before" \
    "disk full from write $when: every deliverable is the old one"
  expect_eq "$(ls -A ws/deliverables/fr | grep -c riskmap-staging)" 0 "disk full from write $when: no staging folder left"
done

# --- Nothing world-readable, under umask 022 ------------------------------------------
run -w ws -q snapshot create S1
run -w ws -q export --kind all --format csv -o exports
run -w ws -q export --kind all --format json -o all.json
run -w ws -q report all --lang en
run -q template export fr/register.md -o tpl.md
"$RISKMAP" -q init old
rm -f old/riskmap.db old/riskmap.db-wal old/riskmap.db-shm
sqlite3 old/riskmap.db "$(cat "$SOURCE_DIR/tests/data/schema-v1.sql")
PRAGMA user_version = 1;" >/dev/null
run -w old scenario list
expect_rc 0 "an old workspace migrates"
checks=$((checks + 1)); [ -f old/riskmap.db.bak-v1 ] || fail "the migration kept a backup"
open_files=$(find ws old exports all.json tpl.md \( -type f -perm /077 \) -o \( -type d -perm /077 \) |
  grep -vx 'old/riskmap.db')  # (that one sqlite3 made, for the migration)
expect_eq "$open_files" "" "every file riskmap wrote is 0600 and every folder 0700"
expect_eq "$(stat -c %a ws/riskmap.db ws/riskmap.toml ws/snapshots/S1.db old/riskmap.db.bak-v1 all.json | sort -u)" 600 \
  "the database, riskmap.toml, snapshots, backups and exports are 0600"
expect_eq "$(stat -c %a ws/snapshots ws/deliverables ws/deliverables/en exports | sort -u)" 700 \
  "the folders riskmap creates are 0700"

# --- Another user's workspace is refused, unless allowed ------------------------------
if [ "$(id -u)" -eq 0 ]; then
  "$RISKMAP" -q init theirs
  chown -R 65534 theirs
  before=$(snapshot theirs)
  run -w theirs scenario add --title "Écrit chez un autre"
  expect_rc 1 "a workspace owned by another user is refused"
  expect_err "is owned by" "names the owner"
  expect_err "RISKMAP_SAFE_WORKSPACES=$TMP/theirs" "says how to allow it"
  expect_unchanged theirs "$before" "nothing written there"
  (cd theirs && "$RISKMAP" scenario list >/dev/null 2>"$TMP/.err"); rc=$?; err=$(cat "$TMP/.err")
  expect_rc 1 "refused when found from the current folder too"
  RISKMAP_SAFE_WORKSPACES="/elsewhere:$TMP/other" run -w theirs scenario list
  expect_rc 1 "a list that does not name it does not allow it"
  RISKMAP_SAFE_WORKSPACES="/elsewhere:$TMP/theirs" run -w theirs scenario list
  expect_rc 0 "allowed when RISKMAP_SAFE_WORKSPACES names it"
  RISKMAP_SAFE_WORKSPACES="*" run -w theirs scenario list
  expect_rc 0 "allowed by '*'"
else
  echo "not root: the other user's workspace case is skipped"
fi

# --- RISKMAP_WORKSPACE says when it overrides the current folder's workspace ----------
mkdir -p ws/sub
(cd ws/sub && RISKMAP_WORKSPACE="$TMP/old" "$RISKMAP" scenario list >/dev/null 2>"$TMP/.err"); rc=$?
err=$(cat "$TMP/.err")
expect_rc 0 "RISKMAP_WORKSPACE over the current folder's workspace"
expect_err "using the workspace $TMP/old that RISKMAP_WORKSPACE names, not $TMP/ws" "says which one it used"
(cd old && RISKMAP_WORKSPACE="$TMP/old" "$RISKMAP" scenario list >/dev/null 2>"$TMP/.err")
expect_eq "$(cat "$TMP/.err")" "" "no word when both name the same workspace"

finish
