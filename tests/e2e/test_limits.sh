#!/usr/bin/env bash
# Values at and beyond their limits are refused with a message that says
# what is allowed, and never turn into wrong output: costs and efforts whose
# totals cannot overflow, dates outside the years allowed, numbers of a JSON
# import beyond any whole number, folders given where a file is expected, an
# empty folder name, templates whose sections nest too deep.
source "$SOURCE_DIR/tests/e2e/lib.sh"
unset RISKMAP_WORKSPACE NO_COLOR

T=2026-11-02
largest=99999999999
run init ws --lang en
expect_rc 0 "init ws:"

# --- Costs and efforts: a maximum such that no total overflows --------------------------
bad ws 2 "--cost above the maximum" action add --title "Too dear" --cost $((largest + 1))
expect_err "'100000000000' is not allowed for cost: a whole number from 0 to $largest" \
  "--cost above the maximum: says the maximum"
bad ws 2 "--effort above the maximum" action add --title "Too long" --effort 999999999999999
expect_err "from 0 to $largest" "--effort above the maximum: says the maximum"
bad ws 2 "--cost on a control above the maximum" control add --title "Too dear" --cost 1$largest
expect_err "from 0 to $largest" "control --cost above the maximum: says the maximum"
run -w ws action add --help
expect_err_lacks "at least" "action add --help"
expect_out "0 to $largest" "action add --help: the range of --cost"

# 9 300 actions at the old maximum, whose sum overflowed: refused, row by row.
{
  echo "ref,title,owner,status,cost,effort"
  for i in $(seq 1 9300); do echo "T$i,Action $i,DSI,planned,999999999999999,1"; done
} >old-max.csv
bad ws 1 "an import of costs above the maximum" import old-max.csv --kind actions
expect_err "old-max.csv:2: column 'cost': '999999999999999' is not allowed for cost: a whole number from 0 to $largest" \
  "import above the maximum: file:line, column, value, what is allowed"

# 9 300 actions at the maximum: every total printed is exact.
{
  echo "ref,title,owner,status,cost,effort"
  for i in $(seq 1 9300); do echo "T$i,Action $i,DSI,planned,$largest,$largest"; done
} >max.csv
run -w ws import max.csv --kind actions
expect_rc 0 "an import of 9 300 actions at the maximum:"
total=$((9300 * largest))
expect_eq "$total" 929999999990700 "the expected total"
run -w ws --today $T report action-plan --lang en -o -
expect_rc 0 "action plan at the maximum:"
expect_out "**Total cost:** 929,999,999,990,700" "action plan: total cost"
expect_out "**Total effort (person-days):** 929,999,999,990,700" "action plan: total effort"
expect_out "| Planned | 9300 | 929,999,999,990,700 | 929,999,999,990,700 |" "action plan: the status row"
expect_out "| **Total** | **9300** | **929,999,999,990,700** | **929,999,999,990,700** |" \
  "action plan: the total row"
expect_out "Cost: 929,999,999,990,700. Effort (person-days): 929,999,999,990,700." \
  "action plan: the owner's totals"
checks=$((checks + 1))
! grep -qE '(^|[ *|])-[0-9]' <<<"$out" || fail "action plan: a negative number"
run -w ws --today $T report action-plan --lang fr -o -
nnbsp=$'\xe2\x80\xaf'  # French groups digits with a narrow no-break space
expect_out "** 929${nnbsp}999${nnbsp}999${nnbsp}990${nnbsp}700" "action plan in French: total cost"
run -w ws action show T9300 --format json
expect_eq "$(json '[d["cost"], d["effort"]]')" "[$largest, $largest]" "action show: cost and effort"
run -w ws action list --format csv
expect_eq "$(grep -c ",$largest,$largest," <<<"$out")" 9300 "action list: every cost and effort"
run -w ws export --kind actions --format csv -o actions.csv
expect_rc 0 "export at the maximum:"
expect_eq "$(grep -c ",$largest,$largest," actions.csv)" 9300 "export: every cost and effort"

# A database holding larger costs (written in SQL) is refused, not summed into garbage.
sqlite3 ws/riskmap.db "UPDATE action SET cost = 999999999999999"
run -w ws --today $T report action-plan --lang en -o -
expect_rc 1 "action plan over costs too large to add up:"
expect_no_out "action plan over costs too large: stdout"
expect_err "ws/riskmap.db: action T1: cost 999999999999999 is out of range (0 to $largest)" \
  "costs too large: which action, what is allowed"
sqlite3 ws/riskmap.db "DELETE FROM action"

# --- Dates: the years allowed ---------------------------------------------------------
bad ws 2 "a date before 1900" action add --title "Old" --due 1899-12-31
expect_err "--due: '1899-12-31' is not allowed: a date's year goes from 1900 to 9999" \
  "a date before 1900: the years allowed"
bad ws 2 "a year of five digits" action add --title "Far" --due 10000-01-01
expect_err "a date's year goes from 1900 to 9999" "a year of five digits: the years allowed"
run -w ws --today 0001-01-01 action list
expect_rc 2 "--today in year 1:"
expect_err "--today: '0001-01-01' is not allowed: a date's year goes from 1900 to 9999" \
  "--today in year 1: the years allowed"
printf 'title,due\nOld,1850-06-01\n' >old.csv
bad ws 1 "an import of a date before 1900" import old.csv --kind actions
expect_err "old.csv:2: column 'due': '1850-06-01' is not allowed: a date's year goes from 1900 to 9999" \
  "import of a date before 1900"

# --- JSON numbers beyond whole numbers: reported as written ---------------------------
# json_bad KEY VALUE EXPECTED: one action whose KEY is VALUE, refused with EXPECTED.
json_bad() {
  printf '[{"ref": "T1", "title": "x", "%s": %s}]\n' "$1" "$2" >bad.json
  bad ws 1 "JSON $1 = $2" import bad.json --kind actions
  expect_err "$3" "JSON $1 = $2"
}
json_bad cost 18446744073709551615 \
  "bad.json[1] (T1): column 'cost': '18446744073709551615' is not allowed for cost: a whole number from 0 to $largest"
expect_err_lacks "'-1'" "2^64-1 is not read as -1"
json_bad cost 9223372036854775808 "'9223372036854775808' is not allowed for cost: a whole number from 0 to $largest"
json_bad cost -9223372036854775809 "'-9223372036854775809' is not allowed for cost: a whole number from 0 to $largest"
json_bad cost 99999999999999999999999 "'99999999999999999999999' is not allowed for cost: a whole number from 0 to $largest"
json_bad cost -1 "'-1' is not allowed for cost: a whole number from 0 to $largest"
json_bad cost 12.5 "'12.5' is not allowed for cost: a whole number from 0 to $largest"
json_bad effort 1e3 "'1e3' is not allowed for effort: a whole number from 0 to $largest"
json_bad progress 50.0 "'50.0' is not allowed for progress: a whole number from 0 to 100"
json_bad progress 101 "'101' is not allowed for progress: a whole number from 0 to 100"
json_bad cost 1e400 "bad.json:1: the number 1e400 is too large"
json_bad cost 1E-400 "'1E-400' is not allowed for cost: a whole number from 0 to $largest"
printf '[{"ref": "R1", "title": "x", "current_likelihood": 18446744073709551615}]\n' >bad-step.json
bad ws 1 "JSON current_likelihood = 2^64-1" import bad-step.json --kind scenarios
expect_err "column 'current_likelihood': '18446744073709551615'" \
  "JSON current_likelihood = 2^64-1: the value as written"
expect_err_lacks "'-1'" "JSON current_likelihood = 2^64-1: not read as -1"
printf '{"catalog": {"metadata": {"title": "X", "version": 1e400}}}\n' >catalog.json
bad ws 1 "an OSCAL catalog holding 1e400" framework import catalog.json
expect_err "catalog.json: invalid JSON: number overflow parsing '1e400'" "an OSCAL catalog holding 1e400"
printf '{"actions": [{"ref": "T1", "title": "x", "cost": %s, "effort": 3}]}\n' $largest >ok.json
run -w ws import ok.json
expect_rc 0 "JSON at the maximum:"
run -w ws action show T1 --format json
expect_eq "$(json '[d["cost"], d["effort"]]')" "[$largest, 3]" "JSON at the maximum: read exactly"

# --- Folders where a file is expected ------------------------------------------------
mkdir somedir
bad ws 1 "import of a folder" import somedir --kind assets
expect_err "somedir: is a folder, not a file" "import of a folder"
expect_err_lacks "empty" "import of a folder: not called an empty file"
printf 'ref,name\n' >assets.csv
bad ws 1 "a mapping that is a folder" import assets.csv --kind assets --map somedir
expect_err "somedir: is a folder, not a file" "--map of a folder"
bad ws 1 "framework import of a folder" framework import somedir
expect_err "somedir: is a folder, not a file" "framework import of a folder"
mkdir method.toml
bad ws 1 "method apply of a folder" method apply method.toml
expect_err "method.toml: is a folder, not a file" "method apply of a folder"
run init from-folder --method method.toml
expect_rc 1 "init --method of a folder:"
expect_err "method.toml: is a folder, not a file" "init --method of a folder"
mkdir -p folder-toml/riskmap.toml
run -w folder-toml scenario list
expect_rc 1 "riskmap.toml is a folder:"
expect_err "riskmap.toml: is a folder, not a file" "riskmap.toml is a folder"
expect_err_lacks "mission" "riskmap.toml is a folder: no talk of a missing table"

# --- init with an empty folder name ---------------------------------------------------
run init ""
expect_rc 2 'init "":'
expect_no_out 'init "": stdout'
expect_err 'riskmap: init: the folder name is empty' 'init "": says what is wrong'
[ ! -e riskmap.toml ] || fail 'init "": created a workspace in the current folder'
run -w "" scenario list
expect_rc 2 '-w "":'
expect_err 'riskmap: --workspace: the folder name is empty' '-w "": says what is wrong'

# --- Templates whose sections nest too deep -------------------------------------------
# nested N NAME: a template of N sections NAME, one inside the other.
nested() {
  local i
  for ((i = 0; i < $1; i++)); do printf '{{#%s}}' "$2"; done
  printf 'x'
  for ((i = 0; i < $1; i++)); do printf '{{/%s}}' "$2"; done
  printf '\n'
}
mkdir -p ws/templates/en
nested 100 title >ws/templates/en/register.md
run -w ws --today $T report register --lang en -o -
expect_rc 0 "sections 100 deep:"
expect_eq "$(tail -n 1 <<<"$out")" "x" "sections 100 deep render"
nested 101 title >ws/templates/en/register.md
run -w ws --today $T report register --lang en
expect_rc 1 "sections 101 deep:"
expect_err "register.md:1: section 'title' is nested 101 deep; sections nest at most 100 deep" \
  "sections 101 deep"
[ ! -e ws/deliverables ] || fail "sections 101 deep: deliverables were written"
nested 12000 a >ws/templates/en/register.md
run -w ws --today $T report register --lang en
expect_rc 1 "sections 12 000 deep:"
expect_err "templates/en/register.md:1: section 'a' is nested 101 deep; sections nest at most 100 deep" \
  "sections 12 000 deep: the template and the depth allowed"
[ ! -e ws/deliverables ] || fail "sections 12 000 deep: deliverables were written"
rm -r ws/templates

finish
