#!/usr/bin/env bash
# The benchmark: deterministic maps of 1k, 10k and 100k scenarios and CSVs of
# 1M and 2M scenario rows (bench/generate.py), timed against a floor measured in the
# same run with the sqlite3 command-line tool on the same data; startup against
# a C "hello world" built with the same compiler. Prints a Markdown report
# (bench/RESULTS.md is one).
#
# usage: bench/run.sh [RISKMAP]   (default: build/cli/riskmap, a Release build)
#        RUNS=N bench/run.sh ...  (each timing is the best of N runs; default 3)
#        LARGE=0 bench/run.sh ... (skips the 1M-scenario workspace's commands,
#                                  a few minutes; the 1M and 2M imports stay)
#        DOCX_100K=1 bench/run.sh ... (also the Word register at 100k: pandoc
#                                  alone takes over a quarter of an hour there)
#        ONLY=outputs bench/run.sh ... (only the outputs and bulk writes: the
#                                  register as .xlsx and .docx, apply, merge)
#        SIZES="1000 10000" ONLY=outputs bench/run.sh ... (at these sizes only;
#                                  the whole run always takes 1k, 10k and 100k)
# needs: python3, sqlite3, /usr/bin/time (Debian package time), hyperfine, cc,
#        libxlsxwriter (Debian libxlsxwriter-dev), pandoc
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
riskmap=$(realpath "${1:-build/cli/riskmap}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
today=2026-12-01

runs=${RUNS:-3}
large=${LARGE:-1}
docx_100k=${DOCX_100K:-0}
only=${ONLY:-all}
case $only in
  all) sizes="1000 10000 100000" ;;
  outputs) sizes=${SIZES:-1000 10000 100000} ;;
  *) echo "ONLY: 'outputs' or nothing, not '$only'" >&2; exit 2 ;;
esac

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

# quick NAME CMD...: a command of a few milliseconds, timed by hyperfine
# (/usr/bin/time counts in hundredths): ms[NAME] is its mean over at least
# 40 runs (the lowest such mean when called in turns), peak[NAME] its peak
# memory in one run under /usr/bin/time.
# PREPARE, when set, runs before each run, untimed.
declare -A ms
quick() {
  local name=$1
  shift
  local prepare=()
  [[ -n ${PREPARE:-} ]] && prepare=(--prepare "$PREPARE")
  hyperfine -N -w 5 -m 40 "${prepare[@]}" --export-json "$work/hf.json" -- "$(printf '%q ' "$@")" \
    >/dev/null 2>"$work/err" || {
    echo "benchmark step '$name' failed:" >&2
    cat "$work/err" >&2
    exit 1
  }
  local mean
  mean=$(python3 -c "import json; r = json.load(open('$work/hf.json'))['results'][0]; \
print(f\"{r['mean'] * 1000:.1f}\")")
  if [[ -z ${ms[$name]:-} ]] || python3 -c "import sys; sys.exit(not $mean < ${ms[$name]})"; then
    ms[$name]=$mean
  fi
  [[ -n ${PREPARE:-} ]] && bash -c "$PREPARE"
  /usr/bin/time -f "%M" -o "$work/time" "$@" >/dev/null 2>&1 || true
  peak[$name]=$(cat "$work/time")
}
# quick_ratio A B: A's mean over B's
quick_ratio() { python3 -c "print(f'{${ms[$1]} / ${ms[$2]}:.2f}')"; }

# point N: point reads and a point write on the N-scenario workspace, each
# taking turns with its sqlite3 floor on the same file.
point() {
  local n=$1 db=$work/ws-$1/riskmap.db
  quick "sqlite-show-$n" sqlite3 "$db" "SELECT * FROM scenario WHERE ref = 'R5000'"
  quick "show-$n" "$riskmap" -w "$work/ws-$n" scenario show R5000
  quick "sqlite-asset-$n" sqlite3 "$db" "SELECT * FROM asset WHERE ref = 'A5'"
  quick "asset-$n" "$riskmap" -w "$work/ws-$n" asset show A5
  # The write changes the owner each run: the step before puts another back.
  PREPARE="sqlite3 '$db' \"UPDATE scenario SET owner = 'Y' WHERE ref = 'R1'\"" \
    quick "sqlite-set-$n" sqlite3 "$db" "BEGIN IMMEDIATE; UPDATE scenario SET owner = 'X' \
WHERE ref = 'R1'; INSERT INTO journal (at, author, command, refs) VALUES \
('2026-12-01T00:00:00Z', 'bench', 'riskmap scenario set R1 --owner X', '[\"R1\"]'); COMMIT;"
  PREPARE="sqlite3 '$db' \"UPDATE scenario SET owner = 'Y' WHERE ref = 'R1'\"" \
    quick "set-$n" "$riskmap" -w "$work/ws-$n" -q scenario set R1 --owner X
}

# Startup: riskmap answering at once, against a C hello world.
printf '#include <stdio.h>\nint main(void) { puts("hello"); return 0; }\n' >"$work/hello.c"
cc -O2 -o "$work/hello" "$work/hello.c"
startup() {
  quick hello "$work/hello"
  quick version "$riskmap" --version
  quick help "$riskmap" --help
}
if [[ $only == all ]]; then in_turns startup; fi

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

# The outputs and bulk writes, each against its own floor:
# - the register as an Excel workbook, against libxlsxwriter alone writing the
#   very same cells (bench/xlsx_floor.c, from the workbook's cells listed by
#   bench/xlsx_cells.py), in constant-memory mode as riskmap does;
# - the register as a Word document, against pandoc alone run with the very
#   arguments and files riskmap gave it (caught by a pandoc of our own first
#   on PATH, in an untimed run);
# - apply of a tree whose scenarios one in ten have a new owner, and merge of
#   a workspace whose scenarios (another one in ten) have one, each against
#   sqlite3 making the same writes, journal included, in one transaction.
# Each write starts from a fresh copy of the workspace's database.
cc -O2 -o "$work/xlsx_floor" "$here/xlsx_floor.c" -lxlsxwriter
pandoc=$(command -v pandoc)
mkdir -p "$work/spy"
cat >"$work/spy/pandoc" <<SPY
#!/usr/bin/env bash
# Keeps the call and the folders of the files it names in \$PANDOC_KEEP,
# then runs pandoc.
set -euo pipefail
declare -A kept
for arg in "\$@"; do
  path=\${arg#--*=}
  [[ -e \$path && \$path == /* ]] || continue
  [[ -d \$path ]] || path=\$(dirname "\$path")
  [[ -z \${kept[\$path]:-} ]] || continue
  kept[\$path]=1
  mkdir -p "\$PANDOC_KEEP\$path"
  cp -a "\$path/." "\$PANDOC_KEEP\$path/"
done
printf '%s\n' "\$PWD" "\$@" >"\$PANDOC_KEEP/call"
exec "$pandoc" "\$@"
SPY
chmod +x "$work/spy/pandoc"

# replay KEEP: pandoc run again as riskmap ran it, on the kept files.
replay() {
  local keep=$1 dir
  local -a call
  mapfile -t call <"$keep/call"
  dir=$keep${call[0]}
  call=("${call[@]:1}")
  # Every path riskmap gave pandoc is whole: each goes under KEEP.
  local i
  for i in "${!call[@]}"; do
    case ${call[i]} in
      /*) call[i]=$keep${call[i]} ;;
      --*=/*) call[i]=${call[i]%%=*}=$keep${call[i]#*=} ;;
    esac
  done
  cd "$dir" && SOURCE_DATE_EPOCH=$(date -d "$today" +%s) exec "$pandoc" "${call[@]}"
}
export -f replay
export pandoc today

# changed_tree N DIGIT TREE COMMAND: the N-scenario map's tree (exported once), with
# a new owner for the scenarios whose number ends in DIGIT; TREE.sql: the
# same change as sqlite3 writes it, with the journal riskmap keeps (COMMAND
# names the command in it).
changed_tree() {
  local n=$1 digit=$2 tree=$3 command=$4 owner="Propriétaire repris $2"
  [[ -d $work/tree-$n ]] || "$riskmap" -w "$work/ws-$n" -q export --tree "$work/tree-$n"
  rm -rf "$tree"
  cp -a "$work/tree-$n" "$tree"
  find "$tree/scenarios" -name "R*$digit.toml" -exec sed -i "s/^owner = .*/owner = \"$owner\"/" {} +
  {
    echo "BEGIN IMMEDIATE;"
    echo "CREATE TEMP TABLE change (ref TEXT PRIMARY KEY, owner TEXT);"
    echo "WITH RECURSIVE i(k) AS (SELECT $digit UNION ALL SELECT k + 10 FROM i WHERE k + 10 <= $n)"
    echo "INSERT INTO change SELECT 'R' || k, '$owner' FROM i WHERE k > 0;"
    echo "INSERT INTO journal (at, author, command, refs) SELECT '2026-12-01T00:00:00Z', 'bench',"
    echo "  '$command', group_concat(ref, ',') FROM change;"
    echo "INSERT INTO journal_change (entry, tbl, key, before, after)"
    echo "  SELECT (SELECT max(id) FROM journal), 'scenario', s.ref, json_object('owner', s.owner),"
    echo "  json_object('owner', c.owner) FROM scenario s JOIN change c ON c.ref = s.ref;"
    echo "UPDATE scenario SET owner = change.owner FROM change WHERE scenario.ref = change.ref;"
    echo "COMMIT;"
  } >"$tree.sql"
}

xlsx_turn() { # N
  local n=$1
  measure "floor-xlsx-$n" "$work/xlsx_floor" "$work/cells-$n.tsv" "$work/floor-$n.xlsx"
  measure "xlsx-$n" "$riskmap" -w "$work/ws-$n" -q report register --format xlsx \
    --today "$today" -o "$work/xlsx-$n"
}
docx_turn() { # N
  local n=$1
  measure "floor-docx-$n" bash -c 'replay "$@"' - "$work/pandoc-$n"
  measure "docx-$n" "$riskmap" -w "$work/ws-$n" -q report register --format docx \
    --today "$today" -o "$work/docx-$n"
}
writes_turn() { # N: apply and merge, each from the database as it was before
  local n=$1
  local db=$work/ws-$n/riskmap.db ours=$work/ours-$n/riskmap.db
  measure "floor-apply-$n" bash -c 'fresh "$@"' - "$work/floor.db" "$work/before-apply-$n.db" \
    sqlite3 -bail "$work/floor.db" ".read $work/apply-$n.sql"
  measure "apply-$n" bash -c 'fresh "$@"' - "$db" "$work/before-apply-$n.db" \
    "$riskmap" -w "$work/ws-$n" -q apply "$work/apply-$n"
  measure "floor-merge-$n" bash -c 'fresh "$@"' - "$work/floor.db" "$work/before-merge-$n.db" \
    sqlite3 -bail "$work/floor.db" ".read $work/theirs-tree-$n.sql"
  measure "merge-$n" bash -c 'fresh "$@"' - "$ours" "$work/before-merge-$n.db" \
    "$riskmap" -w "$work/ours-$n" -q merge "$work/theirs-$n"
}

outputs() { # N
  local n=$1
  local ws=$work/ws-$n
  # The workbook riskmap writes, and its cells for the floor.
  "$riskmap" -w "$ws" -q report register --format xlsx --today "$today" -o "$work/xlsx-$n"
  python3 "$here/xlsx_cells.py" "$work/xlsx-$n/register.xlsx" >"$work/cells-$n.tsv"
  in_turns xlsx_turn "$n"
  # The Word document, riskmap's call to pandoc kept on the way. From 100k
  # scenarios pandoc alone takes many minutes (24 s and 832 MB at 10k; at
  # 100k unfinished after 14 minutes, at 1.1 GB): one run of each, the first
  # keeping the call; only with DOCX_100K=1.
  mkdir -p "$work/pandoc-$n"
  if ((n < 100000)); then
    PANDOC_KEEP=$work/pandoc-$n PATH=$work/spy:$PATH "$riskmap" -w "$ws" -q report register \
      --format docx --today "$today" -o "$work/docx-$n"
    in_turns docx_turn "$n"
  elif ((docx_100k)); then
    PANDOC_KEEP=$work/pandoc-$n PATH=$work/spy:$PATH runs=1 measure "docx-$n" "$riskmap" -w "$ws" \
      -q report register --format docx --today "$today" -o "$work/docx-$n"
    runs=1 measure "floor-docx-$n" bash -c 'replay "$@"' - "$work/pandoc-$n"
  fi
  rm -rf "$work/pandoc-$n" "$work/xlsx-$n" "$work/docx-$n" "$work/floor-$n.xlsx"

  # apply: the workspace made equal to its tree with one owner in ten changed.
  cp "$ws/riskmap.db" "$work/before-apply-$n.db"
  changed_tree "$n" 0 "$work/apply-$n" "riskmap apply"
  # merge: both sides start from snapshot v0; ours applies the tree above,
  # theirs another one in ten; ours merges theirs.
  rm -rf "$work/ours-$n" "$work/theirs-$n"
  cp -a "$ws" "$work/ours-$n"
  "$riskmap" -w "$work/ours-$n" -q snapshot create v0 >/dev/null
  cp -a "$work/ours-$n" "$work/theirs-$n"
  "$riskmap" -w "$work/ours-$n" -q apply "$work/apply-$n" >/dev/null
  changed_tree "$n" 1 "$work/theirs-tree-$n" "riskmap merge"
  "$riskmap" -w "$work/theirs-$n" -q apply "$work/theirs-tree-$n" >/dev/null
  cp "$work/ours-$n/riskmap.db" "$work/before-merge-$n.db"
  in_turns writes_turn "$n"
  cp "$work/before-apply-$n.db" "$ws/riskmap.db"
  rm -f "$ws/riskmap.db-wal" "$ws/riskmap.db-shm"
  rm -rf "$work/tree-$n" "$work/apply-$n" "$work/theirs-tree-$n" "$work/ours-$n" \
    "$work/theirs-$n" "$work"/before-*-"$n".db "$work/floor.db"
}

for n in $sizes; do
  workspace "$n"
  if [[ $only == all ]]; then
    in_turns listing "$n"
    measure "report-$n" "$riskmap" -w "$work/ws-$n" -q report all --today "$today" -o "$work/out-$n"
    measure "review-$n" "$riskmap" -w "$work/ws-$n" review --today "$today"
    [[ $n == 1000 ]] || in_turns point "$n"
  fi
  outputs "$n"
done

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')
measured() { # the paragraph that says how and on what the run measured
  local large_note=" (the 2M import: one)"
  [[ $only == all ]] || large_note=""
  cat <<TEXT
Measured $(date -u +%Y-%m-%d) on $(nproc) cores ($cpu), $(free -g | awk '/Mem:/ {print $2}') GiB,
$("$riskmap" --version), $(sqlite3 --version | cut -d' ' -f1-2 | sed 's/^/SQLite /').
Data from \`bench/generate.py\` (fixed seed): N scenarios over N/100 assets and
N/20 controls, each scenario on 1–3 assets with one existing control, rated
at the three stages. Each time is the best of $runs runs$large_note;
a measure and its floors run in turns, so that both meet the same load;
peak memory is the highest maximum resident set size (\`/usr/bin/time -v\`)
of those runs.
TEXT
}

# The table of the outputs and bulk writes, a row per size run.
outputs_report() {
  local m n previous label floor growth
  echo "| output or bulk write | scenarios | riskmap (s) | floor (s) | ratio | peak MB | floor peak MB | time × from the size before |"
  echo "|:--|--:|--:|--:|--:|--:|--:|--:|"
  for m in xlsx docx apply merge; do
    case $m in
      xlsx) label="\`report register --format xlsx\`" floor="libxlsxwriter, same cells" ;;
      docx) label="\`report register --format docx\`" floor="pandoc, same call" ;;
      apply) label="\`apply TREE\`, 1 owner in 10 changed" floor="sqlite3, same writes" ;;
      merge) label="\`merge OTHER\`, 1 owner in 10 theirs" floor="sqlite3, same writes" ;;
    esac
    previous=""
    for n in $sizes; do
      if [[ -z ${secs[$m-$n]:-} ]]; then
        echo "| $label | $((n / 1000))k | skipped (DOCX_100K=0) | | | | | |"
        previous=""
        continue
      fi
      growth=""
      [[ -z $previous ]] || growth="$(ratio "${secs[$m-$n]}" "${secs[$m-$previous]}") (×$((n / previous)) scenarios)"
      echo "| $label | $((n / 1000))k | ${secs[$m-$n]} | ${secs[floor-$m-$n]} ($floor) |" \
        "$(ratio "${secs[$m-$n]}" "${secs[floor-$m-$n]}")× | $(mb "${peak[$m-$n]}") |" \
        "$(mb "${peak[floor-$m-$n]}") | $growth |"
      previous=$n
    done
  done
  cat <<TEXT

The floors: for the workbook, a C program (\`bench/xlsx_floor.c\`) writing
through libxlsxwriter, in constant-memory mode as riskmap does, the very
cells, formats, widths, heights, filter and lists of riskmap's own
\`register.xlsx\` (read beforehand by \`bench/xlsx_cells.py\`): riskmap's part
is reading the map, making the texts and reading the file back to check it.
For the Word document, pandoc run again with the very arguments, Markdown,
filter and reference document riskmap gave it: riskmap's part is rendering
the Markdown and the reference document, and writing pandoc's file again
with fixed dates. For \`apply\` (a tree of \`export --tree\` where one
scenario in ten has a new owner) and \`merge\` (a copy of the workspace,
both from snapshot v0, where another one in ten has a new owner, while ours
has the first change), sqlite3 making the same UPDATEs with the same journal
(an entry and the changed owner of each record, before and after), set-based,
in one transaction; both start from a fresh copy of the database, copied
within the time. riskmap's part there is reading and checking the whole tree
(every record's file) or the three maps (ours, theirs, the snapshot) and
comparing them record by record.
TEXT
}

if [[ $only == outputs ]]; then
  printf '# Benchmark results: outputs and bulk writes\n\n'
  measured
  echo
  outputs_report
  exit 0
fi

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

# The 1M-scenario workspace the last import left: point reads, and each
# command over the whole map once, with its peak memory.
in_turns point 1m
if ((large)); then
  ws1m=(-w "$work/ws-1m" -q)
  runs=1 measure "list-1m" "$riskmap" "${ws1m[@]}" scenario list --format json
  runs=1 measure "review-1m" "$riskmap" "${ws1m[@]}" review --today "$today"
  runs=1 measure "report-1m" "$riskmap" "${ws1m[@]}" report all --today "$today" -o "$work/out-1m"
  rm -rf "$work/out-1m"
  runs=1 measure "export-1m" "$riskmap" "${ws1m[@]}" export --kind scenarios --format csv
  runs=1 measure "snapshot-1m" "$riskmap" "${ws1m[@]}" snapshot create base
  "$riskmap" "${ws1m[@]}" scenario set R1 --owner "Autre propriétaire"
  runs=1 measure "diff-1m" "$riskmap" "${ws1m[@]}" diff base
fi

# 2M rows, for the import's memory only: it must not grow with the file.
python3 "$here/generate.py" 2000000 "$work/data-2m"
"$riskmap" init "$work/ws-2m" -q
"$riskmap" -w "$work/ws-2m" -q import "$work/data-2m/assets.csv" --kind assets
"$riskmap" -w "$work/ws-2m" -q import "$work/data-2m/controls.csv" --kind controls
runs=1 measure "import-2m" "$riskmap" -w "$work/ws-2m" -q import "$work/data-2m/scenarios.csv" --kind scenarios
rm -rf "$work/data-2m" "$work/ws-2m"

cat <<REPORT
# Benchmark results

$(measured)

| measure | riskmap | floor (sqlite3) | ratio | target |
|:--|--:|--:|--:|:--|
| import of 1M scenario rows | ${secs[import-1m]} s | ${secs[sqlite-import-1m]} s | $(ratio "${secs[import-1m]}" "${secs[sqlite-import-1m]}")× | ≤ 1.5× |
| the same, against sqlite3 writing riskmap's tables | ${secs[import-1m]} s | ${secs[sqlite-tables-1m]} s | $(ratio "${secs[import-1m]}" "${secs[sqlite-tables-1m]}")× | |
| \`scenario list --format json\`, 100k | ${secs[list-100000]} s | ${secs[sqlite-list-100000]} s | $(ratio "${secs[list-100000]}" "${secs[sqlite-list-100000]}")× | ≤ 1.5× |
| \`report all\`, 100k | ${secs[report-100000]} s | | | ≤ 2.5 s |
| \`review\`, 100k | ${secs[review-100000]} s | | | ≤ 0.5 s |

| peak memory | MB | target |
|:--|--:|:--|
| import, 100k rows | $(mb "${peak[import-100000]}") | ≤ 256, flat |
| import, 1M rows | $(mb "${peak[import-1m]}") | ≤ 256, flat |
| import, 2M rows (${secs[import-2m]} s) | $(mb "${peak[import-2m]}") | ≤ 256, flat |
| \`scenario list --format json\`, 100k | $(mb "${peak[list-100000]}") | ≤ 32 |
| \`report all\`, 100k | $(mb "${peak[report-100000]}") | ≤ 128 |
| \`review\`, 100k | $(mb "${peak[review-100000]}") | ≤ 64 |

| startup and point commands (ms, mean) | riskmap | floor | difference or ratio | target |
|:--|--:|--:|--:|:--|
| \`riskmap --version\` | ${ms[version]} | ${ms[hello]} (C hello world) | +$(python3 -c "print(f'{${ms[version]} - ${ms[hello]}:.1f}')") ms | ≤ +3 ms |
| \`riskmap --help\` | ${ms[help]} | ${ms[hello]} (C hello world) | +$(python3 -c "print(f'{${ms[help]} - ${ms[hello]}:.1f}')") ms | ≤ +3 ms |
| \`scenario show R5000\`, 10k | ${ms[show-10000]} | ${ms[sqlite-show-10000]} | $(quick_ratio show-10000 sqlite-show-10000)× | ≤ 1.5× |
| \`scenario show R5000\`, 100k | ${ms[show-100000]} | ${ms[sqlite-show-100000]} | $(quick_ratio show-100000 sqlite-show-100000)× | ≤ 1.5× |
| \`scenario show R5000\`, 1M | ${ms[show-1m]} | ${ms[sqlite-show-1m]} | $(quick_ratio show-1m sqlite-show-1m)× | ≤ 1.5× |
| \`asset show A5\`, 10k | ${ms[asset-10000]} | ${ms[sqlite-asset-10000]} | $(quick_ratio asset-10000 sqlite-asset-10000)× | ≤ 1.5× |
| \`asset show A5\`, 100k | ${ms[asset-100000]} | ${ms[sqlite-asset-100000]} | $(quick_ratio asset-100000 sqlite-asset-100000)× | ≤ 1.5× |
| \`asset show A5\`, 1M | ${ms[asset-1m]} | ${ms[sqlite-asset-1m]} | $(quick_ratio asset-1m sqlite-asset-1m)× | ≤ 1.5× |
| \`scenario set R1 --owner X\`, 10k | ${ms[set-10000]} | ${ms[sqlite-set-10000]} | $(quick_ratio set-10000 sqlite-set-10000)× | ≤ 2× |
| \`scenario set R1 --owner X\`, 100k | ${ms[set-100000]} | ${ms[sqlite-set-100000]} | $(quick_ratio set-100000 sqlite-set-100000)× | ≤ 2× |
| \`scenario set R1 --owner X\`, 1M | ${ms[set-1m]} | ${ms[sqlite-set-1m]} | $(quick_ratio set-1m sqlite-set-1m)× | ≤ 2× |

The floors: a C hello world (\`cc -O2\`); \`sqlite3 FILE "SELECT * FROM scenario
WHERE ref = 'R5000'"\` (and the asset's); sqlite3 running the same UPDATE and
one journal INSERT in one transaction. A write's runs each change the owner
(an untimed step puts another back first).

| peak memory of every command (MB) | 10k | 100k | 1M | target |
|:--|--:|--:|--:|:--|
| \`--version\`, \`--help\` | | $(mb "${peak[version]}"), $(mb "${peak[help]}") | | |
| \`scenario show\` | $(mb "${peak[show-10000]}") | $(mb "${peak[show-100000]}") | $(mb "${peak[show-1m]}") | flat |
| \`asset show\` | $(mb "${peak[asset-10000]}") | $(mb "${peak[asset-100000]}") | $(mb "${peak[asset-1m]}") | flat |
| \`scenario set\` | $(mb "${peak[set-10000]}") | $(mb "${peak[set-100000]}") | $(mb "${peak[set-1m]}") | flat |
| import | $(mb "${peak[import-10000]}") | $(mb "${peak[import-100000]}") | $(mb "${peak[import-1m]}") | ≤ 256, flat |
| \`scenario list --format json\` | $(mb "${peak[list-10000]}") | $(mb "${peak[list-100000]}") | $(mb "${peak[list-1m]:-0}") | ≤ 32 at 100k, ≤ 256 |
| \`review\` | $(mb "${peak[review-10000]}") | $(mb "${peak[review-100000]}") | $(mb "${peak[review-1m]:-0}") | ≤ 64 at 100k, ≤ 256 |
| \`report all\` | $(mb "${peak[report-10000]}") | $(mb "${peak[report-100000]}") | $(mb "${peak[report-1m]:-0}") | ≤ 128 at 100k, ≤ 256 |
| \`export --kind scenarios\` | | | $(mb "${peak[export-1m]:-0}") | ≤ 256 |
| \`snapshot create\` | | | $(mb "${peak[snapshot-1m]:-0}") | ≤ 256 |
| \`diff\` (snapshot against live) | | | $(mb "${peak[diff-1m]:-0}") | ≤ 256 |

| 1M-scenario workspace (seconds, one run) | time | target |
|:--|--:|:--|
| \`scenario list --format json\` | ${secs[list-1m]:-skipped} | |
| \`review\` | ${secs[review-1m]:-skipped} | |
| \`report all\` | ${secs[report-1m]:-skipped} | ≤ 30 s |
| \`export --kind scenarios --format csv\` | ${secs[export-1m]:-skipped} | |
| \`snapshot create\` | ${secs[snapshot-1m]:-skipped} | |
| \`diff\` (snapshot against live) | ${secs[diff-1m]:-skipped} | |

| scaling (seconds) | 1k | 10k | 100k | 100k / 10k |
|:--|--:|--:|--:|--:|
| import | ${secs[import-1000]} | ${secs[import-10000]} | ${secs[import-100000]} | $(ratio "${secs[import-100000]}" "${secs[import-10000]}") |
| \`scenario list --format json\` | ${secs[list-1000]} | ${secs[list-10000]} | ${secs[list-100000]} | $(ratio "${secs[list-100000]}" "${secs[list-10000]}") |
| \`report all\` | ${secs[report-1000]} | ${secs[report-10000]} | ${secs[report-100000]} | $(ratio "${secs[report-100000]}" "${secs[report-10000]}") |
| \`review\` | ${secs[review-1000]} | ${secs[review-10000]} | ${secs[review-100000]} | $(ratio "${secs[review-100000]}" "${secs[review-10000]}") |

Linear growth is a ratio of about 10 from 10k to 100k.
REPORT
echo
outputs_report
