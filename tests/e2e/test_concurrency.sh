#!/usr/bin/env bash
# Several scripts writing to one workspace at once (WAL and a busy timeout):
# 8 processes each add 100 scenarios with generated refs while a reader lists
# and snapshots are taken; every command succeeds, no "database is locked",
# no ref handed out twice, all 800 present, one journal entry each.
source "$SOURCE_DIR/tests/e2e/lib.sh"
unset RISKMAP_WORKSPACE NO_COLOR

run init ws
expect_rc 0 "init ws:"
run -w ws asset add A1 --name "Portail" --kind application
expect_rc 0 "asset add A1:"
j0=$(journal_count ws)

writers=8
per_writer=100
total=$((writers * per_writer))
writer() { # N: adds $per_writer scenarios, one line per command "rc ref" in w$N.log, stderr in w$N.err
  local n=$1 i ref rc
  for i in $(seq 1 "$per_writer"); do
    ref=$("$RISKMAP" -w ws scenario add --title "Writer $n scenario $i" --asset A1 \
      --likelihood $((i % 4 + 1)) --impact $((n % 4 + 1)) 2>>"w$n.err")
    rc=$?
    echo "$rc $ref" >>"w$n.log"
  done
}
for n in $(seq 1 "$writers"); do : >"w$n.err"; done
reader() { # lists the scenarios 25 times while the writers write; "rc" per line in r.log
  local i
  for i in $(seq 1 25); do
    "$RISKMAP" -w ws scenario list --format csv >/dev/null 2>>r.err
    echo "$?" >>r.log
  done
}
snapshots() { # takes 5 snapshots while the writers write; "rc" per line in s.log
  local i
  for i in $(seq 1 5); do
    "$RISKMAP" -w ws -q snapshot create "during-$i" >/dev/null 2>>s.err
    echo "$?" >>s.log
  done
}
: >r.err
: >s.err
pids=()
for n in $(seq 1 "$writers"); do
  writer "$n" &
  pids+=($!)
done
reader &
pids+=($!)
snapshots &
pids+=($!)
wait "${pids[@]}" # the writers only: a bare wait would also wait for lib.sh's coprocess

err=$(cat w*.err r.err s.err)
rc=0
out=""
expect_no_err "concurrent writers: no error message (e.g. database is locked)"
expect_eq "$(cat w*.log | wc -l)" "$total" "concurrent writers: $total commands ran"
expect_eq "$(cut -d' ' -f1 w*.log | sort -u)" 0 "concurrent writers: every command exited 0"
expect_eq "$(cut -d' ' -f2 w*.log | sort -u | wc -l)" "$total" "concurrent writers: $total distinct refs printed"
expect_eq "$(sort -u r.log | tr '\n' ' ')" "0 " "a reader during the writes: every listing exited 0"
expect_eq "$(sort -u s.log | tr '\n' ' ')" "0 " "snapshots during the writes: every one exited 0"
for i in 1 2 3 4 5; do
  expect_eq "$(sqlite3 "ws/snapshots/during-$i.db" 'PRAGMA integrity_check')" ok "snapshot during-$i is sound"
  n=$(sqlite3 "ws/snapshots/during-$i.db" 'select count(*) from scenario')
  expect_eq "$(sqlite3 "ws/snapshots/during-$i.db" "select value from snapshot_info where key = 'scenarios'")" "$n" "snapshot during-$i counts what it holds"
done
run -w ws scenario list --format csv
expect_rc 0 "scenario list after the writers:"
expect_eq "$(tail -n +2 <<<"$out" | wc -l)" "$total" "all $total scenarios present"
expect_eq "$(tail -n +2 <<<"$out" | cut -d, -f1 | sort)" "$(cut -d' ' -f2 w*.log | sort)" "the listed refs are the refs printed"
for n in $(seq 1 "$writers"); do
  expect_eq "$(grep -c "^R[0-9]*,Writer $n scenario" <<<"$out")" "$per_writer" "writer $n: its $per_writer scenarios"
done
expect_eq "$(journal_count ws)" $((j0 + total + 5)) "one journal entry per command"
expect_eq "$(sqlite3 ws/riskmap.db 'PRAGMA integrity_check')" ok "database integrity after concurrent writes"
expect_eq "$(sqlite3 ws/riskmap.db 'PRAGMA journal_mode')" wal "the workspace's database is in WAL mode"

finish
