#!/usr/bin/env bash
# Output: stdout carries data only and messages go to stderr prefixed
# "riskmap: "; -q; a closed pipe ends quietly; the heat map (text, JSON, CSV,
# colours only on a terminal, none with NO_COLOR or --no-color); --version;
# --help on every command.
source "$SOURCE_DIR/tests/e2e/lib.sh"
unset RISKMAP_WORKSPACE NO_COLOR

run init ex --example
expect_rc 0 "init --example:"
expect_no_out "init: no data on stdout"
expect_err "riskmap: " "init: its message on stderr"

# --- Data on stdout, messages on stderr ------------------------------------------
run -w ex asset add --name "Nouveau"
expect_out_exact "A28" "add: the ref alone on stdout"
run -w ex scenario add --title "Nouveau"
expect_out_exact "R29" "scenario add: the ref alone on stdout"
run -w ex scenario rm R29
expect_no_out "rm: nothing on stdout"
run -w ex scenario list --format csv
expect_rc 0 "scenario list --format csv:"
expect_no_err "a listing prints no message"
run -w ex export --kind scenarios --format csv -o s.csv
expect_no_out "export -o FILE: nothing on stdout"
run -w ex import s.csv --kind scenarios --dry-run --on-conflict update
expect_no_out "import: nothing on stdout"
expect_err "riskmap: " "import: its summary on stderr"
run -w ex scenario show R404
expect_no_out "an error: nothing on stdout"
expect_eq "$(head -1 <<<"$err" | cut -c1-9)" "riskmap: " "an error message starts with 'riskmap: '"
run -w ex scenario list --bogus
expect_no_out "a usage error: nothing on stdout"
expect_eq "$(head -1 <<<"$err" | cut -c1-9)" "riskmap: " "a usage error starts with 'riskmap: '"
expect_eq "$(grep -cv '^riskmap: ' <<<"$err")" 0 "every line of a usage error is prefixed"

# -q: no messages, data and errors still shown.
run -w ex -q asset add --name "Calme"
expect_out_exact "A29" "-q add: the ref still on stdout"
expect_no_err "-q add: no message"
run -w ex -q import s.csv --kind scenarios --dry-run --on-conflict update
expect_rc 0 "-q import --dry-run:"
expect_no_err "-q import: no message"
run -w ex --quiet scenario show R404
expect_rc 1 "--quiet on an error:"
expect_err "R404" "--quiet still prints errors"

# --- JSON shapes -----------------------------------------------------------------------
for cmd in "scenario list" "asset list" "scenario show R1" "asset show A1" "method show" "matrix" "export --kind all"; do
  # shellcheck disable=SC2086
  run -w ex $cmd --format json
  expect_rc 0 "$cmd --format json:"
  expect_json "$cmd --format json:"
done

# --- A closed pipe ends the command quietly ------------------------------------------------
run init big
{
  echo "ref,title,description,current_likelihood,current_impact"
  for i in $(seq 1 3000); do
    echo "R$i,Scenario $i,Une description assez longue pour remplir le tuyau bien avant la fin de la liste,$((i % 4 + 1)),$((i % 3 + 1))"
  done
} >big.csv
run -w big import big.csv --kind scenarios
expect_rc 0 "import of 3000 scenarios:"
for args in "scenario list --format csv" "scenario list" "scenario list --format json" "export --kind scenarios --format csv" \
  "export --kind all --format json"; do
  # shellcheck disable=SC2086
  first=$("$RISKMAP" -w big $args 2>"$TMP/pipe.err" | head -1)
  checks=$((checks + 1))
  [ -n "$first" ] || fail "riskmap $args | head -1: no first line"
  err=$(cat "$TMP/pipe.err")
  expect_no_err "riskmap $args | head -1: ends quietly"
  # The same with SIGPIPE ignored, as under some CI runners: EPIPE must end it quietly, exit 0.
  # shellcheck disable=SC2086
  (
    trap '' PIPE
    "$RISKMAP" -w big $args 2>"$TMP/pipe.err" | head -1 >/dev/null
    echo "${PIPESTATUS[0]}" >"$TMP/pipe.rc"
  )
  err=$(cat "$TMP/pipe.err")
  expect_no_err "riskmap $args | head -1 with SIGPIPE ignored: ends quietly"
  rc=$(cat "$TMP/pipe.rc")
  expect_rc 0 "riskmap $args | head -1 with SIGPIPE ignored:"
done
run -w big scenario list --format csv
expect_eq "$(head -1 <<<"$out" | cut -d, -f1-3)" "ref,title,description" "the full listing is intact"

# --- The heat map ------------------------------------------------------------------------
run -w ex matrix
expect_rc 0 "matrix:"
expect_no_err "matrix: no message"
expect_eq "$(grep -c $'\x1b' <<<"$out")" 0 "matrix piped: no escape sequences"
expect_out "V4" "matrix: likelihood rows"
expect_out "G4" "matrix: impact columns"
expect_out "Quasi certain" "matrix: axis labels in the workspace's language"
for cmd in "scenario list" "asset list" "scenario show R1" "method show"; do
  # shellcheck disable=SC2086
  run -w ex $cmd
  expect_eq "$(grep -c $'\x1b' <<<"$out")" 0 "$cmd piped: no escape sequences"
done
run -w ex matrix --no-color
expect_eq "$(grep -c $'\x1b' <<<"$out")" 0 "matrix --no-color: no escape sequences"
NO_COLOR=1 run -w ex matrix
expect_eq "$(grep -c $'\x1b' <<<"$out")" 0 "NO_COLOR=1: no escape sequences"

run -w ex matrix --format json
expect_rc 0 "matrix --format json:"
expect_json "matrix --format json:"
expect_eq "$(json 'len(d)')" 16 "matrix JSON: 16 cells for ebios-rm"
expect_eq "$(json 'sum(c["count"] for c in d)')" 28 "matrix JSON: the 28 rated scenarios (current stage)"
expect_eq "$(json 'all(c["count"] == len(c["scenarios"]) for c in d)')" true "matrix JSON: count = number of refs"
expect_eq "$(json 'sorted(d[0].keys())')" '["count", "impact", "level", "likelihood", "scenarios"]' "matrix JSON: cell keys"
expect_eq "$(json 'next(c["level"]["id"] for c in d if c["likelihood"]["id"] == "V4" and c["impact"]["id"] == "G2")')" high \
  "matrix JSON: the level of cell V4 x G2"
expect_eq "$(json 'next(c["scenarios"] for c in d if c["likelihood"]["id"] == "V3" and c["impact"]["id"] == "G4")')" \
  '["R1", "R5", "R7", "R9"]' "matrix JSON: refs of cell V3 x G4, in natural order"
current_json=$out
run -w ex scenario list --format json
expect_eq "$(json 'sorted(s["ref"] for s in d if s["current_likelihood"] and s["current_likelihood"]["id"] == "V3" and s["current_impact"]["id"] == "G4")')" \
  '["R1", "R5", "R7", "R9"]' "matrix JSON agrees with the scenarios"
run -w ex scenario add R99 --title "Pas encore coté"
run -w ex matrix --format json
expect_eq "$(json 'sum(c["count"] for c in d)')" 28 "matrix: an unrated scenario is in no cell"
run -w ex scenario rm R99
run -w ex matrix --format csv
expect_rc 0 "matrix --format csv:"
expect_eq "$(head -1 <<<"$out")" "likelihood,impact,level,count,scenarios" "matrix CSV header"
expect_out 'V3,G4,high,4,"R1,R5,R7,R9"' "matrix CSV: a cell with its refs"
expect_eq "$(wc -l <<<"$out")" 17 "matrix CSV: 16 cells + header"
run -w ex matrix --stage residual --format json
expect_rc 0 "matrix --stage residual:"
expect_eq "$(json 'sum(c["count"] for c in d)')" 28 "residual matrix: 28 scenarios"
checks=$((checks + 1)); [ "$out" != "$current_json" ] || fail "the residual matrix is the current one"
run -w ex matrix --stage inherent --format csv
expect_out 'V4,G4,high,' "inherent matrix: cell V4 x G4"
run -w ex --lang en matrix
expect_out "Almost certain" "matrix --lang en: English labels"
run -w ex matrix --stage future
expect_rc 2 "matrix --stage future:"
expect_err "inherent" "matrix --stage future: lists the stages"

# On a terminal (through script(1)), colours unless NO_COLOR or --no-color.
if command -v script >/dev/null 2>&1; then
  tty_run() { script -qec "$1" /dev/null </dev/null 2>&1; }
  out=$(tty_run "'$RISKMAP' -w '$TMP/ex' matrix")
  checks=$((checks + 1))
  grep -q $'\x1b\[' <<<"$out" || fail "matrix on a terminal: no colours"
  out=$(NO_COLOR=1 tty_run "'$RISKMAP' -w '$TMP/ex' matrix")
  expect_eq "$(grep -c $'\x1b' <<<"$out")" 0 "matrix on a terminal with NO_COLOR=1: no escape sequences"
  expect_out "V4" "matrix on a terminal with NO_COLOR: the grid is there"
  out=$(tty_run "'$RISKMAP' -w '$TMP/ex' matrix --no-color")
  expect_eq "$(grep -c $'\x1b' <<<"$out")" 0 "matrix on a terminal with --no-color: no escape sequences"
  out=$(tty_run "'$RISKMAP' -w '$TMP/ex' --no-color matrix")
  expect_eq "$(grep -c $'\x1b' <<<"$out")" 0 "--no-color before the command: no escape sequences"
else
  echo "note: script(1) not found; terminal colour checks skipped"
fi

# --- --version and --help --------------------------------------------------------------------
version=$(sed -n 's/^project(riskmap VERSION \([0-9.]*\).*/\1/p' "$SOURCE_DIR/CMakeLists.txt")
run --version
expect_rc 0 "--version:"
expect_out_exact "riskmap $version" "--version prints the project's version"
expect_no_err "--version:"

for cmd in "" init method "method show" "method apply" asset "asset add" "asset list" "asset show" "asset set" "asset rm" \
  scenario "scenario add" "scenario list" "scenario show" "scenario set" "scenario rm" matrix import export; do
  # shellcheck disable=SC2086
  run $cmd --help
  expect_rc 0 "riskmap $cmd --help:"
  expect_out "Usage: riskmap${cmd:+ $cmd}" "riskmap $cmd --help: usage on stdout"
  expect_no_err "riskmap $cmd --help:"
done
run scenario add -h
expect_rc 0 "scenario add -h:"
expect_out "--likelihood" "scenario add -h: lists the options"
run
expect_rc 2 "riskmap with no command:"
expect_err "init" "riskmap with no command: lists the commands"

finish
