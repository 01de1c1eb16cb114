#!/usr/bin/env bash
# Faults injected: a full disk at COMMIT and during file writes, SIGKILL and
# SIGINT at random points of report all, snapshot create, snapshot restore
# and method apply. After each: integrity_check, the workspace opens, the
# map is the old one or the new one, no temporary file is left once the next
# command has run, nothing is world-readable.
source "$SOURCE_DIR/tests/e2e/lib.sh"
unset RISKMAP_WORKSPACE NO_COLOR
command -v strace >/dev/null || { echo "strace is missing: apt-get install strace"; exit 1; }
RANDOM=20261204 # the same moments on every run
umask 022

# A map large enough for each command to take a while: 10 000 scenarios.
rows=10000
python3 - "$rows" >big.csv <<'PY'
import sys
n = int(sys.argv[1])
print("ref,title,assets,current_likelihood,current_impact,residual_likelihood,residual_impact,owner")
for i in range(1, n + 1):
    print(f"R{i},Scénario {i},A{i % 40 + 1},{i % 4 + 1},{(i // 4) % 4 + 1},1,{i % 3 + 1},Owner {i % 9}")
PY
run init ws -q
for a in $(seq 1 40); do echo "A$a,Bien $a,application"; done | { echo "ref,name,kind"; cat; } >assets.csv
run -w ws -q import assets.csv --kind assets
# The same assets renamed: an update that writes every row.
sed 's/,Bien /,Bien renommé /' assets.csv >renamed.csv
run -w ws -q import big.csv --kind scenarios
expect_rc 0 "a map of $rows scenarios"
run -w ws -q snapshot create base
expect_rc 0 "snapshot base"
base_data=$(data_dump ws)

# check_sound WHAT: the invariant after any fault.
check_sound() {
  local what=$1 leftovers
  expect_eq "$(sqlite3 ws/riskmap.db 'PRAGMA integrity_check')" ok "$what: integrity_check"
  run -w ws scenario show R1 --format csv
  expect_rc 0 "$what: the workspace opens"
  leftovers=$(find ws -name '.riskmap-staging-*' -o -name '*.tmp-*')
  expect_eq "$leftovers" "" "$what: no staging folder or temporary file once a command has run"
  expect_eq "$(find ws \( -type f -perm /077 \) -o \( -type d -perm /077 \))" "" "$what: nothing world-readable"
}

# timed COMMAND...: how long it takes, in milliseconds (the shorter of two runs).
timed() {
  local best= start took
  for _ in 1 2; do
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1
    took=$((($(date +%s%N) - start) / 1000000))
    [ -z "$best" ] || [ "$took" -lt "$best" ] && best=$took
  done
  echo "$best"
}

# kill_at SIGNAL MS COMMAND...: starts the command, sends SIGNAL after MS.
kill_at() {
  local signal=$1 ms=$2
  shift 2
  "$@" >/dev/null 2>&1 &
  local pid=$!
  killed_pid=$pid
  sleep "$(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))"
  kill "-$signal" "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
}

# --- A full disk at COMMIT: the command fails, nothing changes ----------------------
for command in "scenario add --title Nouveau" "scenario set R1 --owner Autre" "asset rm A1 --force" \
  "import renamed.csv --kind assets --on-conflict update" "control add --title Mesure" \
  "method apply iso27005" "snapshot restore base"; do
  before=$(snapshot ws)
  toml=$(cat ws/riskmap.toml)
  # shellcheck disable=SC2086
  traced -f -o /dev/null -e inject=pwrite64:error=ENOSPC -P "$TMP/ws/riskmap.db-wal" \
    "$RISKMAP" -w ws $command >"$TMP/.out" 2>"$TMP/.err"
  rc=$?; out=$(cat "$TMP/.out"); err=$(cat "$TMP/.err")
  expect_rc 1 "$command on a full disk"
  expect_err "disk is full" "$command says why"
  expect_eq "$(grep -c . <<<"$err")" 1 "$command on a full disk: the error alone, no word of success"
  expect_unchanged ws "$before" "$command on a full disk:"
  expect_eq "$(cat ws/riskmap.toml)" "$toml" "$command on a full disk: riskmap.toml"
  check_sound "$command on a full disk"
done

# --- A full disk while files are written: nothing half-written appears --------------
run -w ws -q report all -o reports --today 2026-12-01
sums=$(cd reports && sha256sum ./*)
run -w ws -q scenario set R1 --title "Changé"
traced -f -o /dev/null -e inject=writev:error=ENOSPC:when=5+ \
  "$RISKMAP" -w ws report all -o reports --today 2026-12-02 >/dev/null 2>"$TMP/.err"
rc=$?; err=$(cat "$TMP/.err")
expect_rc 1 "report all on a full disk"
expect_eq "$(cd reports && sha256sum ./*)" "$sums" "report all on a full disk: the old files, all of them"
expect_eq "$(ls -A reports | grep -c staging)" 0 "report all on a full disk: no staging folder left"
traced -f -o /dev/null -e inject=pwrite64:error=ENOSPC:when=3+ \
  "$RISKMAP" -w ws snapshot create full >/dev/null 2>"$TMP/.err"
rc=$?; err=$(cat "$TMP/.err")
expect_rc 1 "snapshot create on a full disk"
checks=$((checks + 1)); [ ! -e ws/snapshots/full.db ] || fail "no snapshot file is left"
echo '{"v": 1}' >export.json
traced -f -o /dev/null -e inject=writev,write:error=ENOSPC:when=2+ \
  "$RISKMAP" -w ws export --kind all --format json -o export.json >/dev/null 2>"$TMP/.err"
rc=$?; err=$(cat "$TMP/.err")
expect_rc 1 "export -o on a full disk"
expect_eq "$(cat export.json)" '{"v": 1}' "export -o on a full disk: the old file is whole"
check_sound "file writes on a full disk"

# --- report all, killed or interrupted at random points -----------------------------
# Old files: rendered for one day; new ones: for another, the same map.
run -w ws -q report all --today 2026-12-03 -o new
new_sums=$(cd new && sha256sum ./*)
span=$(timed "$RISKMAP" -w ws report all --today 2026-12-01 -o probe)
for attempt in $(seq 1 8); do
  for signal in KILL INT; do
    run -w ws -q report all --today 2026-12-01
    old_sums=$(cd ws/deliverables/fr && sha256sum ./*)
    ms=$((RANDOM % (span + 1)))
    kill_at "$signal" "$ms" "$RISKMAP" -w ws report all --today 2026-12-03
    # Each file is the old one or the new one, never a part of either.
    bad=0
    while read -r line; do
      grep -qxF "$line" <<<"$old_sums" || grep -qxF "$line" <<<"$new_sums" || bad=$((bad + 1))
    done < <(cd ws/deliverables/fr && sha256sum ./*)
    expect_eq "$bad" 0 "report all, SIG$signal at ${ms} ms: every file old or new"
    if [ "$signal" = INT ]; then
      # A SIGKILLed run before may have left its own, swept by the next run that stages.
      expect_eq "$(ls -A ws/deliverables/fr | grep -c "staging-$killed_pid-")" 0 \
        "report all, SIGINT at ${ms} ms: the staging folder is removed"
    fi
    check_sound "report all, SIG$signal at ${ms} ms"
  done
done

# --- snapshot create, killed at random points ---------------------------------------
span=$(timed "$RISKMAP" -w ws snapshot create timing)
rm -f ws/snapshots/timing.db
for attempt in $(seq 1 8); do
  for signal in KILL INT; do
    ms=$((RANDOM % (span + 1)))
    kill_at "$signal" "$ms" "$RISKMAP" -w ws snapshot create "k$attempt$signal"
    if [ "$signal" = INT ]; then
      expect_eq "$(ls -A ws/snapshots | grep -c "staging-$killed_pid-")" 0 \
        "snapshot create, SIGINT at ${ms} ms: the staging folder is removed"
    fi
    if [ -e "ws/snapshots/k$attempt$signal.db" ]; then
      run -w ws snapshot show "k$attempt$signal" --format csv
      expect_rc 0 "snapshot create, SIG$signal at ${ms} ms: a snapshot there is whole"
    fi
    run -w ws snapshot list --format csv
    expect_no_err "snapshot create, SIG$signal at ${ms} ms: nothing half-made among the snapshots"
    check_sound "snapshot create, SIG$signal at ${ms} ms"
  done
done
# Whatever the killed runs left, the next snapshot sweeps away.
run -w ws -q snapshot create swept
expect_rc 0 "snapshot create after the killed runs"
expect_eq "$(ls -A ws/snapshots | grep -c staging)" 0 "snapshot create sweeps the staging folders of dead runs"

# --- snapshot restore and method apply, killed at random points ----------------------
run -w ws -q method apply iso27005
run -w ws -q snapshot create iso
run -w ws -q scenario add --title "Après la version iso"
cp -r ws probe
span=$(timed "$RISKMAP" -w probe snapshot restore base)
rm -rf probe
for attempt in $(seq 1 6); do
  before_data=$(data_dump ws)
  ms=$((RANDOM % (span + 1)))
  kill_at KILL "$ms" "$RISKMAP" -w ws snapshot restore base
  run -w ws method show --format json
  now=$(data_dump ws)
  method=$(json 'd["name"]')
  if [ "$now" = "$before_data" ]; then
    expect_eq "$method" iso27005 "restore, SIGKILL at ${ms} ms: the old map keeps its method"
  else
    expect_eq "$now" "$base_data" "restore, SIGKILL at ${ms} ms: else the map is the snapshot's, whole"
    expect_eq "$method" ebios-rm "restore, SIGKILL at ${ms} ms: and comes with its method"
  fi
  check_sound "restore, SIGKILL at ${ms} ms"
  run -w ws -q snapshot restore iso  # back to the iso map for the next attempt
done
for attempt in $(seq 1 6); do
  run -w ws method show --format json
  from=$(json 'd["name"]')
  to=$([ "$from" = iso27005 ] && echo ebios-rm || echo iso27005)
  remaps=$([ "$to" = ebios-rm ] && echo "--remap L5=V4 --remap C5=G4 --remap level:very-high=high --remap level:very-low=low")
  cp -r ws probe
  # shellcheck disable=SC2086
  span=$(timed "$RISKMAP" -w probe method apply "$to" $remaps)
  rm -rf probe
  before_data=$(data_dump ws)
  ms=$((RANDOM % (span + 1)))
  # shellcheck disable=SC2086
  kill_at KILL "$ms" "$RISKMAP" -w ws method apply "$to" $remaps
  run -w ws method show --format json
  expect_rc 0 "method apply, SIGKILL at ${ms} ms: the workspace opens"
  now_method=$(json 'd["name"]')
  in_force=$(sqlite3 ws/riskmap.db "select value from setting where key = 'method'" | sed -n 's/^name = "\(.*\)"$/\1/p')
  toml=$(sed -n '/^\[method\]/,/^\[/ s/^name = "\(.*\)"$/\1/p' ws/riskmap.toml)
  expect_eq "$in_force/$toml" "$now_method/$now_method" "method apply, SIGKILL at ${ms} ms: riskmap.toml and the database agree"
  if [ "$now_method" = "$from" ]; then
    expect_eq "$(data_dump ws)" "$before_data" "method apply, SIGKILL at ${ms} ms: the old ratings with the old method"
  fi
  check_sound "method apply, SIGKILL at ${ms} ms"
done

finish
