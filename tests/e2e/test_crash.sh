#!/usr/bin/env bash
# Crash safety: a large import killed with SIGKILL at random moments leaves a
# sound database holding either all of the import or none of it, every time.
source "$SOURCE_DIR/tests/e2e/lib.sh"
unset RISKMAP_WORKSPACE NO_COLOR
RANDOM=20261201 # the same moments on every run

rows=60000
python3 - "$rows" >big.csv <<'PY'
import sys
n = int(sys.argv[1])
print("ref,title,assets,current_likelihood,current_impact,owner,description")
for i in range(1, n + 1):
    print(f"C{i},Scénario importé {i},A{i % 50 + 1},{i % 4 + 1},{(i // 4) % 4 + 1},Owner {i % 7},"
          f"\"Une description assez longue pour que l'import écrive beaucoup de pages, ligne {i}\"")
PY
run init ws -q
for a in $(seq 1 50); do echo "A$a,Bien $a,application"; done | { echo "ref,name,kind"; cat; } >assets.csv
run -w ws import assets.csv --kind assets -q
expect_rc 0 "assets imported"
run -w ws scenario add R1 --title "Déjà là" --asset A1 --likelihood V2 --impact G2
before=$(data_dump ws)
journal_before=$(journal_count ws)
cp -r ws pristine

# How long a whole import takes here, to aim the kills inside it: the
# shorter of two runs, so that a run slowed by a busy machine does not push
# most kills past the commit.
span_ms=
for timing in 1 2; do
  cp -r ws timing
  start=$(date +%s%N)
  "$RISKMAP" -w timing -q import big.csv --kind scenarios
  took=$((($(date +%s%N) - start) / 1000000))
  [ -z "$span_ms" ] || [ "$took" -lt "$span_ms" ] && span_ms=$took
  expect_eq "$(sqlite3 timing/riskmap.db 'select count(*) from scenario')" $((rows + 1)) "a whole import"
  # A large import rebuilds the link indexes it set aside: the schema is whole.
  schema="select type, name, sql from sqlite_schema order by name"
  expect_eq "$(sqlite3 timing/riskmap.db "$schema")" "$(sqlite3 ws/riskmap.db "$schema")" \
    "a whole import keeps every index"
  rm -rf timing
done

# The same import with a bad link on its last row, well past the point where
# the indexes are set aside: refused, the workspace and its schema as they were.
cp big.csv bad-last.csv
echo 'C999999,Scénario en trop,A999,2,2,Owner 1,"lien vers un bien inconnu"' >>bad-last.csv
bad ws 1 "a bad link on the last of $((rows + 1)) rows" import bad-last.csv --kind scenarios
expect_err "bad-last.csv:$((rows + 2)): scenario C999999: unknown asset 'A999'"

all=0 none=0
for attempt in $(seq 1 24); do
  delay_ms=$((RANDOM % (span_ms * 5 / 4 + 1))) # a few land after the commit
  "$RISKMAP" -w ws -q import big.csv --kind scenarios &
  pid=$!
  sleep "$(printf '0.%03d' "$delay_ms")" 2>/dev/null || sleep "$((delay_ms / 1000))"
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  expect_eq "$(sqlite3 ws/riskmap.db 'PRAGMA integrity_check')" ok "kill $attempt at ${delay_ms} ms: integrity"
  count=$(sqlite3 ws/riskmap.db 'select count(*) from scenario')
  if [ "$count" -eq $((rows + 1)) ]; then
    all=$((all + 1))
    expect_eq "$(journal_count ws)" $((journal_before + 1)) "kill $attempt: a whole import has its journal entry"
    # Start again from the map before the import.
    rm -rf ws && cp -r pristine ws
  else
    none=$((none + 1))
    expect_eq "$count" 1 "kill $attempt at ${delay_ms} ms: all or nothing"
    expect_eq "$(journal_count ws)" "$journal_before" "kill $attempt: no journal entry for an import that did not land"
  fi
  expect_eq "$(data_dump ws)" "$before" "kill $attempt: the workspace is as it was"
done
echo "kills: $none before the commit, $all after it (import of $rows rows: $span_ms ms)"
expect_eq "$((all + none))" 24 "24 kills"
[ "$none" -ge 12 ] || fail "most kills should land inside the import ($none did)"
checks=$((checks + 1))
run -w ws scenario list --format csv
expect_rc 0 "the workspace still works"
finish
