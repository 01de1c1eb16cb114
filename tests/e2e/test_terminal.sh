#!/usr/bin/env bash
# Tables for people at a terminal: cut to the terminal's width (COLUMNS
# honoured) with "…" in the long columns, whole with --wide or in a pipe;
# aligned whatever the script (combining marks, Arabic vowel marks, emoji);
# longer than the screen, shown through $PAGER on a terminal only; headers
# and labels in the workspace's language, ids in CSV and JSON.
source "$SOURCE_DIR/tests/e2e/lib.sh"
unset RISKMAP_WORKSPACE NO_COLOR PAGER LESS COLUMNS LINES
tty() { python3 "$SOURCE_DIR/tests/e2e/on_tty.py" "$@"; }

# width: the widest line of stdin, in terminal columns (zero for combining
# marks and format characters, two for wide characters and emoji).
width() {
  python3 -c '
import sys, unicodedata
def w(line):
    n = 0
    for c in line:
        if unicodedata.combining(c) or unicodedata.category(c) in ("Mn", "Me", "Cf"): continue
        n += 2 if unicodedata.east_asian_width(c) in ("W", "F") else 1
    return n
print(max((w(l) for l in sys.stdin.read().split("\n")), default=0))'
}

"$RISKMAP" init fr --example -q
"$RISKMAP" init en --example --lang en -q

# --- Widths ---------------------------------------------------------------

run -w fr scenario list
expect_rc 0 "a pipe:"
expect_out "Rançongiciel sur le SI de production" "a pipe: cells whole"
expect_out_lacks "…" "a pipe without COLUMNS: nothing cut"
whole=$out

for columns in 60 80 120; do
  out=$(COLUMNS=$columns "$RISKMAP" -w fr scenario list)
  expect_eq "$(width <<<"$out")" "$columns" "COLUMNS=$columns: the widest line fills the width"
  expect_out "…" "COLUMNS=$columns: long cells cut"
  expect_out "Élevé" "COLUMNS=$columns: short cells (levels) whole"
done
out=$(COLUMNS=120 "$RISKMAP" -w fr scenario list)
expect_out "Rançongiciel sur le SI de" "COLUMNS=120: the title keeps the most room"
out=$(COLUMNS=60 "$RISKMAP" -w fr scenario list --wide)
expect_eq "$out" "$whole" "--wide: the table as in a pipe"
out=$(COLUMNS=60 "$RISKMAP" --wide -w fr scenario list)
expect_eq "$out" "$whole" "--wide before the command"
out=$(COLUMNS=500 "$RISKMAP" -w fr scenario list)
expect_eq "$out" "$whole" "a wide terminal: nothing cut"

# A record wraps its long values under their first line.
out=$(COLUMNS=60 "$RISKMAP" -w fr scenario show R1)
checks=$((checks + 1))
[ "$(width <<<"$out")" -le 60 ] || fail "show at 60 columns: a line is wider"
expect_out "Description" "show: every field"
expect_out_lacks "…" "show: values wrapped, not cut"

# Data for scripts is never cut nor translated.
for format in csv json; do
  expect_eq "$(COLUMNS=30 "$RISKMAP" -w fr scenario list --format $format | md5sum)" \
    "$("$RISKMAP" -w fr scenario list --format $format | md5sum)" "--format $format ignores COLUMNS"
done
run -w fr scenario list --format csv
expect_out "mitigate" "CSV: treatment ids"
expect_out_lacks "Réduire" "CSV: no labels"
run -w fr scenario list --format json
expect_out '"high"' "JSON: level ids"

# --- Language -------------------------------------------------------------

run -w fr scenario list
expect_out "Réf." "French headers"
expect_out "Intitulé" "French headers"
expect_out "Réduire" "French treatment labels"
expect_out "Élevé" "French level labels"
run -w en scenario list
expect_out "Ref" "English headers"
expect_out "Title" "English headers"
expect_out "Mitigate" "English treatment labels"
expect_out "High" "English level labels"
run -w fr asset show A1
expect_out "Confidentialité" "French field names in show"

# --- Alignment whatever the script --------------------------------------

"$RISKMAP" init mixed --lang en -q
"$RISKMAP" -w mixed asset add A1 --name "Serveur $(printf 'e\xcc\x81')t$(printf 'e\xcc\x81')" \
  --kind application -q >/dev/null >/dev/null
"$RISKMAP" -w mixed asset add A2 --name "خادِم المَلفّات" --kind application -q >/dev/null
"$RISKMAP" -w mixed asset add A3 --name "Portail 🔥 web" --kind application -q >/dev/null
"$RISKMAP" -w mixed asset add A4 --name "Base" --kind application -q >/dev/null
run -w mixed asset list --wide
expect_out "Serveur" "mixed scripts listed"
# The column after the names starts at the same terminal column on each line.
starts=$(grep -F "Application" <<<"$out" | while IFS= read -r line; do
  width <<<"${line%%Application*}"
done | sort -u)
expect_eq "$starts" "$(sed -n 1p <<<"$starts")" "the kind column starts at one column on every row"
expect_eq "$(wc -l <<<"$starts")" "1" "decomposed accents, Arabic vowel marks and emoji align"
# A long table is aligned on its widest cell, even one in the last row
# (the rows beyond the first thousand wait in a temporary file).
"$RISKMAP" init long --lang en -q
python3 -c '
print("ref,name,kind")
for i in range(1, 2501):
    print(f"A{i},Asset {i},application")
print("A2501,The asset with the longest name of the whole register,application")' >long.csv
"$RISKMAP" -w long -q import long.csv --kind assets >/dev/null
run -w long asset list --wide
expect_rc 0 "a table of 2,501 rows"
expect_eq "$(grep -c ' Application' <<<"$out")" 2501 "every row of the long table is printed"
expect_eq "$(grep -F 'Application' <<<"$out" | awk '{ print index($0, "Application") }' | sort -u | wc -l)" 1 \
  "the kind column starts at one column on all 2,501 rows"
expect_eq "$(sed -n 2p <<<"$out" | awk '{ print index($0, "Application") }')" \
  "$(grep -F 'A2501 ' <<<"$out" | awk '{ print index($0, "Application") }')" \
  "the first row is padded to the widest name, which is in the last row"
expect_eq "$(tail -1 <<<"$out" | cut -c1-6)" "A2501 " "the spilled rows come back in order, the last one last"
# At 60 columns the ten columns are cut, but never the refs.
out=$(COLUMNS=60 "$RISKMAP" -w long asset list)
checks=$((checks + 1))
[ "$(width <<<"$out")" -le 60 ] || fail "the long table cut to 60 columns: a line is wider"
expect_eq "$(tail -1 <<<"$out" | cut -d' ' -f1)" "A2501" "a ref is never cut, however narrow the table"
expect_eq "$(sed -n 1402p <<<"$out" | cut -d' ' -f1)" "A1401" "A1401 stays A1401 at 60 columns"
out=$(COLUMNS=70 "$RISKMAP" -w mixed asset list)
checks=$((checks + 1))
[ "$(width <<<"$out")" -le 70 ] || fail "mixed scripts cut to 70 columns: a line is wider"
expect_out "…" "mixed scripts cut with …"

# --- The pager ------------------------------------------------------------

# A table longer than the screen goes through $PAGER on a terminal.
rm -f paged
shown=$(PAGER="cat > paged" NO_COLOR=1 tty 10 100 "$RISKMAP" -w fr scenario list)
rc=$?
expect_rc 0 "paged list:"
checks=$((checks + 1))
[ -s paged ] || fail "a table longer than the screen did not go through the pager"
expect_eq "$(grep -c '^R' paged)" "$(grep -c '^R' <<<"$whole")" "the pager got every row"
checks=$((checks + 1))
! grep -q "^R1 " <<<"$shown" || fail "a paged table is not also printed"
expect_eq "$(width <paged)" "100" "the paged table fits the terminal's width"

# Output that fits on the screen is printed as it is.
rm -f paged
shown=$(PAGER="cat > paged" NO_COLOR=1 tty 200 100 "$RISKMAP" -w fr scenario list)
checks=$((checks + 1))
[ ! -e paged ] || fail "a table that fits the screen went through the pager"
checks=$((checks + 1))
grep -q "^R1 " <<<"$shown" || fail "a table that fits the screen is printed"

# Never in a pipe, even with PAGER set and COLUMNS given.
rm -f paged
out=$(PAGER="cat > paged" COLUMNS=100 LINES=5 "$RISKMAP" -w fr scenario list)
checks=$((checks + 1))
[ ! -e paged ] || fail "the pager ran with standard output in a pipe"
expect_out "R1 " "a pipe gets the table"

# Data formats are not paged: a script reading JSON from a terminal.
rm -f paged
shown=$(PAGER="cat > paged" tty 10 100 "$RISKMAP" -w fr scenario list --format json)
checks=$((checks + 1))
[ ! -e paged ] || fail "JSON went through the pager"
checks=$((checks + 1))
grep -q '"ref": *"R1"' <<<"$shown" || fail "JSON is printed on the terminal"

# No pager when PAGER is empty or cat; a pager that cannot start leaves the
# table printed.
for pager in "" "cat" "no-such-pager-here"; do
  shown=$(PAGER="$pager" NO_COLOR=1 tty 10 100 "$RISKMAP" -w fr scenario list)
  rc=$?
  expect_rc 0 "PAGER='$pager':"
  expect_eq "$(grep -c '^R' <<<"$shown")" "$(grep -c '^R' <<<"$whole")" \
    "PAGER='$pager': every row printed"
done

# A failing command still shows what it printed, and its error.
shown=$(PAGER="cat > paged" NO_COLOR=1 tty 10 100 "$RISKMAP" -w fr scenario show R404)
rc=$?
expect_rc 1 "show of a missing ref on a terminal:"
checks=$((checks + 1))
grep -q "R404" <<<"$shown" || fail "the error is shown on the terminal"

finish
