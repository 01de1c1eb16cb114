#!/usr/bin/env bash
# Bad input never half-applies (SPEC §4, issue 2 point 12): for each bad input,
# the exit code, a stderr message that names the problem, nothing on stdout,
# and the workspace exactly as it was (sqlite3 .dump, journal included).
source "$SOURCE_DIR/tests/e2e/lib.sh"
unset RISKMAP_WORKSPACE NO_COLOR

run init ws --example
expect_rc 0 "init ws --example:"
before=$(snapshot ws)
journal_before=$(journal_count ws)

# bad RC WHAT ARGS...: runs riskmap on ws and checks the refusal.
# The expected stderr texts are given after it with expect_err.
bad() {
  local want=$1 what=$2
  shift 2
  run -w ws "$@"
  expect_rc "$want" "$what:"
  expect_no_out "$what: stdout"
  expect_err "riskmap: " "$what: message prefix"
  expect_unchanged ws "$before" "$what:"
  # Should a check fail, measure the next ones from the new state, not cascade.
  before=$(snapshot ws)
}

# --- Command line ---------------------------------------------------------------------
bad 2 "unknown option" scenario list --frmat json
expect_err "--frmat" "unknown option: names it"
expect_err "did you mean '--format'" "unknown option:"
bad 2 "unknown option on a writing command" scenario add --title "x" --bogus 1
expect_err "--bogus" "unknown option on add:"
bad 2 "unknown option on set" scenario set R1 --owner x --ownr y
expect_err "--ownr" "unknown option on set:"
bad 2 "unknown command" scenaro list
expect_err "scenaro" "unknown command: names it"
expect_err "did you mean 'scenario'" "unknown command:"
bad 2 "unknown subcommand" scenario lst
expect_err "did you mean 'list'" "unknown subcommand:"
bad 2 "missing option value" scenario add --title
expect_err "--title" "missing value:"
bad 2 "extra argument" scenario add R90 R91 --title x
expect_err "R91" "extra argument:"
bad 2 "value not allowed (--format)" scenario list --format xml
expect_err "xml" "--format xml:"
expect_err "json" "--format xml: lists the formats"
bad 2 "value not allowed (--treatment)" scenario set R1 --treatment mitigat
expect_err "did you mean 'mitigate'" "--treatment mitigat:"
bad 2 "bad date (--review-date)" scenario set R1 --review-date 2026-13-01
expect_err "2026-13-01" "--review-date:"
# --today is checked even by commands that do not use the date yet (in its own
# workspace, so that a failure here cannot spoil the checks that follow).
run init today
today_before=$(snapshot today)
run -w today --today 2026-13-45 scenario list
expect_rc 2 "--today 2026-13-45:"
expect_err "2026-13-45" "--today 2026-13-45: names the value"
run -w today --today yesterday scenario add --title "x"
expect_rc 2 "--today yesterday on a writing command:"
expect_err "yesterday" "--today yesterday: names the value"
expect_unchanged today "$today_before" "--today yesterday on a writing command:"
bad 2 "bad duration" asset set A8 --rto 4x
expect_err "4x" "bad duration:"
bad 2 "--clear of an unknown field" scenario set R1 --clear ownr
expect_err "did you mean 'owner'" "--clear ownr:"

# --- Unknown refs ---------------------------------------------------------------------
bad 1 "unknown ref (show)" scenario show R99
expect_err "R99" "unknown ref:"
expect_err "did you mean 'R9'" "unknown ref:"
bad 1 "unknown ref (set)" scenario set R99 --owner x
expect_err "did you mean 'R9'" "unknown ref (set):"
bad 1 "unknown ref (rm)" asset rm A99
expect_err "did you mean 'A9'" "unknown ref (rm):"
bad 1 "unknown ref in a list" scenario set R1 --add-asset A99
expect_err "A99" "unknown ref in a list:"
bad 1 "unknown ref among several (rm)" scenario rm R1 R2 R99
expect_err "R99" "unknown ref among several:"
bad 1 "duplicate ref (add)" scenario add R1 --title "Doublon"
expect_err "R1" "duplicate ref:"
expect_err "already exists" "duplicate ref:"
bad 1 "rm of a named record" asset rm A8
expect_err "R2" "rm of a named record: lists a referrer"

# --- Levels off the scale ---------------------------------------------------------------
bad 2 "likelihood off the scale" scenario set R1 --likelihood V5
expect_err "V5" "likelihood V5:"
expect_err "1 to 4" "likelihood V5: allowed positions"
expect_err "V4 (Quasi certain / Almost certain)" "likelihood V5: allowed ids and labels"
bad 2 "impact off the scale" scenario add --title "x" --impact 5
expect_err "G1 (Mineure / Minor)" "impact 5:"
bad 2 "need off the scale" asset set A1 --integrity 0
expect_err "1 to 4" "need 0:"
bad 2 "--min-level off the scale" scenario list --min-level extreme
expect_err "high (Élevé / High)" "--min-level extreme:"

# --- Malformed imports ------------------------------------------------------------------
printf 'ref,name\nB1,Bon\nB2,"Portail\nB3,Autre\n' >unclosed.csv
bad 1 "CSV with an unclosed quote" import unclosed.csv --kind assets
expect_err "unclosed.csv:3" "unclosed quote: file:line"
expect_err "quote" "unclosed quote: says what"

printf 'ref,name\nB1,Bon\nB2,Portail,extra\nB3\n' >columns.csv
bad 1 "CSV with a wrong column count" import columns.csv --kind assets
expect_err "columns.csv:3" "wrong column count: line 3"
expect_err "columns.csv:4" "wrong column count: line 4 too"
expect_err "3 fields" "wrong column count: says how many"
expect_err_lacks "columns.csv:2" "wrong column count: the good row is not reported"

printf 'ref,name\nB1,Bon\nB2,Port\xffail\n' >utf8.csv
bad 1 "CSV with invalid UTF-8" import utf8.csv --kind assets
expect_err "utf8.csv:3" "invalid UTF-8: file:line"
expect_err "UTF-8" "invalid UTF-8: says what"

printf '\xff\xfer\x00e\x00f\x00\n\x00' >utf16.csv
bad 1 "CSV in UTF-16" import utf16.csv --kind assets
expect_err "utf16.csv" "UTF-16: names the file"

: >empty.csv
bad 1 "empty CSV file" import empty.csv --kind assets
expect_err "empty.csv" "empty file: names the file"
expect_err "empty" "empty file: says what"
bad 1 "empty stdin" import - --kind scenarios </dev/null
expect_err "empty" "empty stdin:"

printf 'ref,name,colour\nB1,Bon,rouge\n' >column.csv
bad 1 "CSV with an unknown column" import column.csv --kind assets
expect_err "column.csv:1" "unknown column: file:line"
expect_err "colour" "unknown column: names it"
expect_err "exposure" "unknown column: lists the allowed ones"

printf 'ref,title,title\nS1,a,b\n' >twice.csv
bad 1 "CSV header naming a column twice" import twice.csv --kind scenarios
expect_err "title" "column twice:"

printf 'ref,owner\nS1,RSSI\n' >notitle.csv
bad 1 "CSV without a required column" import notitle.csv --kind scenarios
expect_err "title" "missing required column:"

printf 'ref,name\nB1,Bon\nB2,Autre\nB1,Encore\n' >dupref.csv
bad 1 "duplicate ref inside an import" import dupref.csv --kind assets
expect_err "dupref.csv:4" "duplicate ref in the file: line"
expect_err "B1" "duplicate ref in the file: the ref"
run -w ws asset show B2
expect_rc 1 "the good rows of a refused import are not imported"

printf 'ref,name\nB1,Bon\nA5,Existe\n' >conflict.csv
bad 1 "import of an existing ref (--on-conflict fail)" import conflict.csv --kind assets
expect_err "conflict.csv:3" "conflict: line"
expect_err "A5" "conflict: the ref"
expect_err "--on-conflict" "conflict: says how to decide"

printf 'ref,title,current_likelihood\nS1,a,V9\n' >level.csv
bad 1 "import with a level off the scale" import level.csv --kind scenarios
expect_err "level.csv:2" "level off the scale in a file: line"
expect_err "current_likelihood" "level off the scale in a file: column"
expect_err "V9" "level off the scale in a file: value"

printf '[{"ref": "B1", "name": "x"}' >broken.json
bad 1 "malformed JSON" import broken.json --kind assets
expect_err "broken.json" "malformed JSON: the file"
expect_err "JSON" "malformed JSON: says what"

bad 1 "import of a missing file" import nothere.csv --kind assets
expect_err "nothere.csv" "missing file:"
bad 2 "import without --kind for CSV" import column.csv
expect_err "--kind" "import without --kind:"
bad 2 "import --kind unknown" import column.csv --kind asets
expect_err "did you mean 'assets'" "import --kind asets:"
bad 2 "import --on-conflict unknown" import conflict.csv --kind assets --on-conflict replace
expect_err "update" "import --on-conflict replace: lists the choices"

expect_eq "$(journal_count ws)" "$journal_before" "no rejected command wrote to the journal"

# --- Malformed riskmap.toml: every command refuses with riskmap.toml:LINE:COL: ------------
cp ws/riskmap.toml good.toml
# An unterminated string on the appetite line.
line=$(grep -n '^appetite = ' ws/riskmap.toml | head -1 | cut -d: -f1)
sed -i "${line}s/.*/appetite = \"medium/" ws/riskmap.toml
bad 1 "riskmap.toml with a TOML syntax error (read)" scenario list
expect_err_re "riskmap\.toml:$line:[0-9]+: " "TOML syntax error: riskmap.toml:LINE:COL:"
bad 1 "riskmap.toml with a TOML syntax error (write)" asset add --name "x"
expect_err_re "riskmap\.toml:$line:[0-9]+: " "TOML syntax error on a writing command"
bad 1 "riskmap.toml with a TOML syntax error (method show)" method show
expect_err_re "riskmap\.toml:$line:[0-9]+: " "TOML syntax error on method show"
cp good.toml ws/riskmap.toml

# A key with no value.
printf '\n[mission\n' >>ws/riskmap.toml
line=$(wc -l <ws/riskmap.toml)
bad 1 "riskmap.toml with an unclosed table header" asset list
expect_err_re "riskmap\.toml:$line:[0-9]+: " "unclosed table header: riskmap.toml:LINE:COL:"
cp good.toml ws/riskmap.toml

# A grid cell naming a level that does not exist: file:line:column of the cell.
line=$(grep -n '^V2 = ' ws/riskmap.toml | cut -d: -f1)
sed -i "${line}s/\"low\", \"low\"/\"low\", \"lo\"/" ws/riskmap.toml
col=$(sed -n "${line}p" ws/riskmap.toml | awk '{ print index($0, "\"lo\"") }')
bad 1 "a method grid with a bad level id" scenario list
expect_err "riskmap.toml:$line:$col: " "bad level id: riskmap.toml:LINE:COL of the cell"
expect_err "'lo'" "bad level id: names it"
expect_err "did you mean 'low'" "bad level id:"
cp good.toml ws/riskmap.toml

# An appetite that is not a level.
line=$(grep -n '^appetite = ' ws/riskmap.toml | head -1 | cut -d: -f1)
sed -i "${line}s/.*/appetite = \"mediu\"/" ws/riskmap.toml
bad 1 "an appetite that is not a level" scenario list
expect_err_re "riskmap\.toml:$line:[0-9]+: " "bad appetite: riskmap.toml:LINE:COL:"
expect_err "did you mean 'medium'" "bad appetite:"
cp good.toml ws/riskmap.toml

# A grid row with a missing cell.
line=$(grep -n '^V3 = ' ws/riskmap.toml | cut -d: -f1)
sed -i "${line}s/.*/V3 = [\"medium\", \"medium\", \"high\"]/" ws/riskmap.toml
bad 1 "a grid row one cell short" scenario list
expect_err_re "riskmap\.toml:$line:[0-9]+: " "short row: riskmap.toml:LINE:COL:"
cp good.toml ws/riskmap.toml

run -w ws scenario list --format csv
expect_rc 0 "the repaired riskmap.toml opens again"
expect_eq "$(wc -l <<<"$out")" 29 "the workspace's scenarios are intact"

# A custom method file with a bad level id, on init and on method apply.
sed -e '/^\[method.grid\]/,$d' "$SOURCE_DIR/core/methods/simple-3x3.toml" >bad-method.toml
{
  echo '[method.grid]'
  echo 'P1 = ["low", "low", "medium"]'
  echo 'P2 = ["low", "medium", "hihg"]'
  echo 'P3 = ["medium", "high", "high"]'
} >>bad-method.toml
line=$(grep -n '^P2 = ' bad-method.toml | cut -d: -f1)
col=$(sed -n "${line}p" bad-method.toml | awk '{ print index($0, "\"hihg\"") }')
run init custom --method bad-method.toml
expect_rc 1 "init with a method file with a bad level id:"
expect_err "bad-method.toml:$line:$col: " "init --method bad file: file:line:column"
expect_err "did you mean 'high'" "init --method bad file:"
checks=$((checks + 1)); [ ! -e custom/riskmap.toml ] && [ ! -e custom/riskmap.db ] || fail "init with a bad method left a workspace behind"
toml_sum=$(file_sum ws/riskmap.toml)
bad 1 "method apply of a file with a bad level id" method apply bad-method.toml
expect_err "bad-method.toml:$line:$col: " "method apply bad file: file:line:column"
expect_eq "$(file_sum ws/riskmap.toml)" "$toml_sum" "method apply bad file: riskmap.toml unchanged"
bad 2 "method apply of an unknown built-in" method apply ebios
expect_err "ebios-rm" "method apply ebios: lists the methods"
expect_eq "$(file_sum ws/riskmap.toml)" "$toml_sum" "method apply ebios: riskmap.toml unchanged"

# method apply to shorter scales without --remap: refused, records listed.
run init iso --method iso27005
run -w iso scenario add R1 --title a --likelihood L5 --impact C5
run -w iso scenario add R2 --title b --likelihood L2 --impact C2 --residual-impact 5
run -w iso asset add A1 --name "Base" --confidentiality C5 --integrity C4
iso_before=$(snapshot iso)
iso_sum=$(file_sum iso/riskmap.toml)
run -w iso method apply ebios-rm
expect_rc 1 "method apply to shorter scales:"
expect_err "R1" "method apply refused: lists R1"
expect_err "R2" "method apply refused: lists R2"
expect_err "A1" "method apply refused: lists the asset whose need falls off"
expect_err "--remap" "method apply refused: says how to place them"
expect_err "for instance, each on the last step of its new scale: --remap likelihood:L5=V4 --remap impact:C5=G4" \
  "method apply refused: suggests remaps"
expect_unchanged iso "$iso_before" "method apply refused:"
expect_eq "$(file_sum iso/riskmap.toml)" "$iso_sum" "method apply refused: riskmap.toml unchanged"
run -w iso method apply ebios-rm --remap L5=V4
expect_rc 1 "method apply with only part of the remap:"
expect_unchanged iso "$iso_before" "partial remap:"
run -w iso method apply ebios-rm --remap L5=V9 --remap C5=G4
expect_rc 2 "--remap to a step that does not exist:"
expect_unchanged iso "$iso_before" "--remap L5=V9:"
run -w iso method apply ebios-rm --remap L5
expect_rc 2 "--remap without '=':"
expect_err "OLD=NEW" "--remap L5:"
expect_unchanged iso "$iso_before" "--remap L5:"
run -w iso method apply ebios-rm --remap L5=V4 --remap C5=G4
expect_rc 0 "method apply with the remap:"
run -w iso scenario show R1 --format json
expect_eq "$(json 'd["current_likelihood"]["id"] + d["current_impact"]["id"] + " " + d["current_level"]["id"]')" "V4G4 high" \
  "remapped ratings"
run -w iso scenario show R2 --format json
expect_eq "$(json 'd["current_likelihood"]["id"] + d["current_impact"]["id"] + " " + d["residual_impact"]["id"]')" "V2G2 G4" \
  "ratings keep their positions; C5 placed on G4"
run -w iso asset show A1 --format json
expect_eq "$(json 'd["confidentiality"]["id"] + " " + d["integrity"]["id"]')" "G4 G4" "asset needs remapped / kept by position"
run -w iso method show --format json
expect_eq "$(json 'd["name"]')" ebios-rm "the workspace now uses ebios-rm"

# A custom method in which a spelling would name two steps must not silently pick
# one: refused when the file is read (file:line:col), or, at the latest, the
# ambiguous value refused (exit 2).
ambiguous_method() { # NAME FILE VALUE
  run init "$1" --method "$2"
  if [ "$rc" -eq 0 ]; then
    local amb_before
    amb_before=$(snapshot "$1")
    run -w "$1" scenario add --title "x" --likelihood "$3"
    expect_rc 2 "method $2: the ambiguous likelihood '$3' (the method was accepted):"
    expect_unchanged "$1" "$amb_before" "method $2, likelihood '$3':"
  else
    expect_rc 1 "method $2 refused:"
    expect_err_re "$2:[0-9]+:[0-9]+: " "method $2 refused: file:line:column"
  fi
}
# Two likelihood steps labelled "Faible" in French.
sed -e '0,/label = { fr = "Moyenne", en = "Medium" }/s//label = { fr = "Faible", en = "Medium" }/' \
  "$SOURCE_DIR/core/methods/simple-3x3.toml" >same-label.toml
ambiguous_method amb-label same-label.toml faible
# Ids that are numbers other than their positions: is "1" the first step or the id "1"?
sed -e 's/"P1"/"2"/; s/"P2"/"1"/; s/^P1 = /"2" = /; s/^P2 = /"1" = /' \
  "$SOURCE_DIR/core/methods/simple-3x3.toml" >number-ids.toml
ambiguous_method amb-ids number-ids.toml 1

# --- A riskmap.db that is not a database ------------------------------------------------
run init garbage
printf 'This is not a SQLite database, just some text.\n%.0s' $(seq 1 200) >garbage/riskmap.db
db_sum=$(file_sum garbage/riskmap.db)
for cmd in "scenario list" "asset add --name x" "method show" "matrix"; do
  # shellcheck disable=SC2086
  run -w garbage $cmd
  expect_rc 1 "$cmd on a riskmap.db that is not a database:"
  expect_no_out "$cmd on garbage:"
  expect_err "riskmap.db" "$cmd on garbage: names the file"
  expect_err "not a database" "$cmd on garbage: says what"
  expect_eq "$(file_sum garbage/riskmap.db)" "$db_sum" "$cmd on garbage: the file is untouched"
done
checks=$((checks + 1)); [ ! -e garbage/riskmap.db-wal ] || fail "a WAL file was created beside a foreign riskmap.db"

# A SQLite database that is not riskmap's.
run init foreign
rm foreign/riskmap.db
sqlite3 foreign/riskmap.db 'create table t(x); insert into t values (1);'
foreign_before=$(snapshot foreign)
run -w foreign scenario list
expect_rc 1 "a SQLite database that is not riskmap's:"
expect_err "riskmap.db" "foreign database: names the file"
expect_unchanged foreign "$foreign_before" "foreign database:"

# An empty riskmap.db (a truncated file, say) holds no riskmap schema: a reading
# command must not quietly turn it into a fresh, empty workspace.
run init emptydb
: >emptydb/riskmap.db
run -w emptydb scenario list
expect_rc 1 "an empty (0-byte) riskmap.db:"
expect_err "riskmap.db" "an empty riskmap.db: names the file"
expect_eq "$(stat -c %s emptydb/riskmap.db)" 0 "an empty riskmap.db: left as it was"

# --- A database from a newer riskmap ----------------------------------------------------
run init newer
run -w newer scenario add --title "x"
sqlite3 newer/riskmap.db 'PRAGMA user_version = 99'
newer_before=$(snapshot newer)
for cmd in "scenario list" "scenario add --title y"; do
  # shellcheck disable=SC2086
  run -w newer $cmd
  expect_rc 1 "$cmd on a database from a newer riskmap:"
  expect_no_out "$cmd on a newer database:"
  expect_err "newer" "$cmd on a newer database: says it is newer"
  expect_err "99" "$cmd on a newer database: gives the version"
  expect_unchanged newer "$newer_before" "$cmd on a newer database:"
  expect_eq "$(sqlite3 newer/riskmap.db 'PRAGMA user_version')" 99 "$cmd on a newer database: version untouched"
done

# --- A missing riskmap.db beside riskmap.toml ---------------------------------------------
run init nodb
rm nodb/riskmap.db
run -w nodb scenario list
expect_rc 1 "a workspace without riskmap.db:"
expect_err "riskmap.db" "missing riskmap.db: names the file"
checks=$((checks + 1)); [ ! -e nodb/riskmap.db ] || fail "a reading command created a riskmap.db"

finish
