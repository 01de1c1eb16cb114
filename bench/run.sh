#!/usr/bin/env bash
# The benchmark: deterministic maps of 1k, 10k and 100k scenarios and CSVs of
# 1M and 2M scenario rows (bench/generate.py), timed against a floor measured in the
# same run with the sqlite3 command-line tool on the same data. Prints a
# Markdown report (bench/RESULTS.md is one).
#
# usage: bench/run.sh [RISKMAP]   (default: build/cli/riskmap, a Release build)
#        RUNS=N bench/run.sh ...  (each timing is the best of N runs; default 3)
# needs: python3, sqlite3, /usr/bin/time (Debian package time)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
riskmap=$(realpath "${1:-build/cli/riskmap}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
today=2026-12-01

runs=${RUNS:-3}

# measure NAME CMD...: runs CMD (stdout dropped) $runs times, records the
# fewest seconds (a shared machine only ever adds time) and the highest peak KB,
# over these runs and any earlier ones of the same NAME.
declare -A secs peak
measure() {
  local name=$1 run s p
  shift
  for ((run = 0; run < runs; run++)); do
    /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>"$work/err" || {
      echo "benchmark step '$name' failed:" >&2
      cat "$work/err" >&2
      exit 1
    }
    read -r s p <"$work/time"
    if [[ -z ${secs[$name]:-} ]] || python3 -c "import sys; sys.exit(not $s < ${secs[$name]})"; then
      secs[$name]=$s
    fi
    if [[ -z ${peak[$name]:-} ]] || ((p > peak[$name])); then peak[$name]=$p; fi
  done
}

# fresh DB SOURCE CMD...: CMD with DB copied afresh from SOURCE first, so that
# an import can be timed more than once.
fresh() {
  local db=$1 source=$2
  shift 2
  rm -f "$db" "$db-wal" "$db-shm"
  cp "$source" "$db"
  exec "$@"
}
export -f fresh
# in_turns FUNCTION ARGS...: calls FUNCTION $runs times, each measure in it
# running once a call, so that a measure and its floor take turns and a busy
# spell on the machine falls on both alike.
in_turns() {
  local turn
  for ((turn = 0; turn < runs; turn++)); do runs=1 "$@"; done
}
ratio() { python3 -c "print(f'{$1 / max($2, 0.01):.2f}')"; }
mb() { echo $(($1 / 1024)); }

workspace() { # N: a workspace holding the generated map of N scenarios; times its import
  local n=$1
  python3 "$here/generate.py" "$n" "$work/data-$n"
  "$riskmap" init "$work/ws-$n" -q
  "$riskmap" -w "$work/ws-$n" -q import "$work/data-$n/assets.csv" --kind assets
  "$riskmap" -w "$work/ws-$n" -q import "$work/data-$n/controls.csv" --kind controls
  cp "$work/ws-$n/riskmap.db" "$work/base-$n.db"
  measure "import-$n" bash -c 'fresh "$@"' - "$work/ws-$n/riskmap.db" "$work/base-$n.db" \
    "$riskmap" -w "$work/ws-$n" -q import "$work/data-$n/scenarios.csv" --kind scenarios
}

listing() { # N: the JSON listing and its floor, sqlite3 -json over the same rows and columns
  local n=$1
  measure "sqlite-list-$n" sqlite3 -json "$work/ws-$n/riskmap.db" \
    "SELECT * FROM scenario ORDER BY ref COLLATE BINARY"
  measure "list-$n" "$riskmap" -w "$work/ws-$n" scenario list --format json
}

for n in 1000 10000 100000; do
  workspace "$n"
  in_turns listing "$n"
  measure "report-$n" "$riskmap" -w "$work/ws-$n" -q report all --today "$today" -o "$work/out-$n"
  measure "review-$n" "$riskmap" -w "$work/ws-$n" review --today "$today"
done

# 1M rows: riskmap's import against sqlite3 .import into a table with the same
# columns and a UNIQUE ref.
python3 "$here/generate.py" 1000000 "$work/data-1m"
"$riskmap" init "$work/ws-1m" -q
"$riskmap" -w "$work/ws-1m" -q import "$work/data-1m/assets.csv" --kind assets
"$riskmap" -w "$work/ws-1m" -q import "$work/data-1m/controls.csv" --kind controls
cp "$work/ws-1m/riskmap.db" "$work/base-1m.db"
columns=$(head -1 "$work/data-1m/scenarios.csv" | sed 's/^ref,/ref TEXT UNIQUE,/')
sqlite3 "$work/floor-empty.db" "PRAGMA journal_mode = WAL; CREATE TABLE scenario ($columns)" >/dev/null

# A second floor, to read the first by: sqlite3 itself writing the same rows
# into riskmap's own scenario table (its asset and control lists as JSON
# array columns), set-based, with no checks.
cat >"$work/tables.sql" <<SQL
PRAGMA foreign_keys = OFF;
PRAGMA cache_size = -65536;
BEGIN;
CREATE TEMP TABLE raw ($(head -1 "$work/data-1m/scenarios.csv"));
.import --csv --skip 1 $work/data-1m/scenarios.csv raw
INSERT INTO scenario (ref, title, risk_source, threat, inherent_likelihood, inherent_impact,
  current_likelihood, current_impact, residual_likelihood, residual_impact, owner, treatment, status,
  assets, existing_controls)
  SELECT ref, title, risk_source, threat, inherent_likelihood, inherent_impact, current_likelihood,
  current_impact, residual_likelihood, residual_impact, owner, treatment, 'draft',
  CASE WHEN assets <> '' THEN '["' || replace(assets, ',', '","') || '"]' END,
  CASE WHEN existing_controls <> '' THEN json_array(existing_controls) END FROM raw;
COMMIT;
SQL

import_1m() { # the import and its two floors
  measure "sqlite-import-1m" bash -c 'fresh "$@"' - "$work/floor.db" "$work/floor-empty.db" \
    sqlite3 "$work/floor.db" ".import --csv --skip 1 $work/data-1m/scenarios.csv scenario"
  measure "import-1m" bash -c 'fresh "$@"' - "$work/ws-1m/riskmap.db" "$work/base-1m.db" \
    "$riskmap" -w "$work/ws-1m" -q import "$work/data-1m/scenarios.csv" --kind scenarios
  measure "sqlite-tables-1m" bash -c 'fresh "$@"' - "$work/tables.db" "$work/base-1m.db" \
    sqlite3 -bail "$work/tables.db" ".read $work/tables.sql"
}
in_turns import_1m

# 2M rows, for the import's memory only: it must not grow with the file.
python3 "$here/generate.py" 2000000 "$work/data-2m"
"$riskmap" init "$work/ws-2m" -q
"$riskmap" -w "$work/ws-2m" -q import "$work/data-2m/assets.csv" --kind assets
"$riskmap" -w "$work/ws-2m" -q import "$work/data-2m/controls.csv" --kind controls
runs=1 measure "import-2m" "$riskmap" -w "$work/ws-2m" -q import "$work/data-2m/scenarios.csv" --kind scenarios
rm -rf "$work/data-2m" "$work/ws-2m"

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')
cat <<REPORT
# Benchmark results

Measured $(date -u +%Y-%m-%d) on $(nproc) cores ($cpu), $(free -g | awk '/Mem:/ {print $2}') GiB,
$("$riskmap" --version), $(sqlite3 --version | cut -d' ' -f1-2 | sed 's/^/SQLite /').
Data from \`bench/generate.py\` (fixed seed): N scenarios over N/100 assets and
N/20 controls, each scenario on 1–3 assets with one existing control, rated
at the three stages. Each time is the best of $runs runs (the 2M import: one);
a measure and its floors run in turns, so that both meet the same load;
peak memory is the highest maximum resident set size (\`/usr/bin/time -v\`)
of those runs.

| measure | riskmap | floor (sqlite3) | ratio | target |
|:--|--:|--:|--:|:--|
| import of 1M scenario rows | ${secs[import-1m]} s | ${secs[sqlite-import-1m]} s | $(ratio "${secs[import-1m]}" "${secs[sqlite-import-1m]}")× | ≤ 2× |
| the same, against sqlite3 writing riskmap's tables | ${secs[import-1m]} s | ${secs[sqlite-tables-1m]} s | $(ratio "${secs[import-1m]}" "${secs[sqlite-tables-1m]}")× | |
| \`scenario list --format json\`, 100k | ${secs[list-100000]} s | ${secs[sqlite-list-100000]} s | $(ratio "${secs[list-100000]}" "${secs[sqlite-list-100000]}")× | ≤ 3× |
| \`report all\`, 100k | ${secs[report-100000]} s | | | ≤ 5 s |
| \`review\`, 100k | ${secs[review-100000]} s | | | ≤ 1 s |

| peak memory | MB | target |
|:--|--:|:--|
| import, 100k rows | $(mb "${peak[import-100000]}") | ≤ 256, flat |
| import, 1M rows | $(mb "${peak[import-1m]}") | ≤ 256, flat |
| import, 2M rows (${secs[import-2m]} s) | $(mb "${peak[import-2m]}") | ≤ 256, flat |
| \`scenario list --format json\`, 100k | $(mb "${peak[list-100000]}") | ≤ 256 |
| \`report all\`, 100k | $(mb "${peak[report-100000]}") | ≤ 256 |
| \`review\`, 100k | $(mb "${peak[review-100000]}") | ≤ 256 |

| scaling (seconds) | 1k | 10k | 100k | 100k / 10k |
|:--|--:|--:|--:|--:|
| import | ${secs[import-1000]} | ${secs[import-10000]} | ${secs[import-100000]} | $(ratio "${secs[import-100000]}" "${secs[import-10000]}") |
| \`scenario list --format json\` | ${secs[list-1000]} | ${secs[list-10000]} | ${secs[list-100000]} | $(ratio "${secs[list-100000]}" "${secs[list-10000]}") |
| \`report all\` | ${secs[report-1000]} | ${secs[report-10000]} | ${secs[report-100000]} | $(ratio "${secs[report-100000]}" "${secs[report-10000]}") |
| \`review\` | ${secs[review-1000]} | ${secs[review-10000]} | ${secs[review-100000]} | $(ratio "${secs[review-100000]}" "${secs[review-10000]}") |

Linear growth is a ratio of about 10 from 10k to 100k.
REPORT
