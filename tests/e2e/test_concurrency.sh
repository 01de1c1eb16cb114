#!/usr/bin/env bash
# Several scripts writing to one workspace at once (WAL and a busy timeout):
# 4 processes each add 25 scenarios with generated refs; every command
# succeeds, no "database is locked", no ref handed out twice, all 100 present,
# one journal entry each.
source "$SOURCE_DIR/tests/e2e/lib.sh"
unset RISKMAP_WORKSPACE NO_COLOR

run init ws
expect_rc 0 "init ws:"
run -w ws asset add A1 --name "Portail" --kind application
expect_rc 0 "asset add A1:"
j0=$(journal_count ws)

writer() { # N: adds 25 scenarios, one line per command "rc ref" in w$N.log, stderr in w$N.err
  local n=$1 i ref rc
  for i in $(seq 1 25); do
    ref=$("$RISKMAP" -w ws scenario add --title "Writer $n scenario $i" --asset A1 \
      --likelihood $((i % 4 + 1)) --impact $((n % 4 + 1)) 2>>"w$n.err")
    rc=$?
    echo "$rc $ref" >>"w$n.log"
  done
}
: >w1.err
: >w2.err
: >w3.err
: >w4.err
reader() { # lists the scenarios 25 times while the writers write; "rc" per line in r.log
  local i
  for i in $(seq 1 25); do
    "$RISKMAP" -w ws scenario list --format csv >/dev/null 2>>r.err
    echo "$?" >>r.log
  done
}
: >r.err
pids=()
for n in 1 2 3 4; do
  writer "$n" &
  pids+=($!)
done
reader &
pids+=($!)
wait "${pids[@]}" # the writers only: a bare wait would also wait for lib.sh's coprocess

err=$(cat w1.err w2.err w3.err w4.err r.err)
rc=0
out=""
expect_no_err "concurrent writers: no error message (e.g. database is locked)"
expect_eq "$(cat w?.log | wc -l)" 100 "concurrent writers: 100 commands ran"
expect_eq "$(cut -d' ' -f1 w?.log | sort -u)" 0 "concurrent writers: every command exited 0"
expect_eq "$(cut -d' ' -f2 w?.log | sort -u | wc -l)" 100 "concurrent writers: 100 distinct refs printed"
expect_eq "$(sort -u r.log | tr '\n' ' ')" "0 " "a reader during the writes: every listing exited 0"
run -w ws scenario list --format csv
expect_rc 0 "scenario list after the writers:"
expect_eq "$(tail -n +2 <<<"$out" | wc -l)" 100 "all 100 scenarios present"
expect_eq "$(tail -n +2 <<<"$out" | cut -d, -f1 | sort)" "$(cut -d' ' -f2 w?.log | sort)" "the listed refs are the refs printed"
for n in 1 2 3 4; do
  expect_eq "$(grep -c "^R[0-9]*,Writer $n scenario" <<<"$out")" 25 "writer $n: its 25 scenarios"
done
expect_eq "$(journal_count ws)" $((j0 + 100)) "one journal entry per command"
expect_eq "$(sqlite3 ws/riskmap.db 'PRAGMA integrity_check')" ok "database integrity after concurrent writes"
expect_eq "$(sqlite3 ws/riskmap.db 'PRAGMA journal_mode')" wal "the workspace's database is in WAL mode"

finish
