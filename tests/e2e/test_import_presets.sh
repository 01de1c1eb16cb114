#!/usr/bin/env bash
# Real files as they come: a quote inside an unquoted field is kept as
# spreadsheets keep it, and every structural error of a file is reported,
# with its line and its column's number and name, nothing imported.
source "$SOURCE_DIR/tests/e2e/lib.sh"
unset RISKMAP_WORKSPACE NO_COLOR

# --- Lenient reading: a quote inside an unquoted field is text -------------------
run init wl
printf 'ref,title,description\nR1,Formula,=HYPERLINK("http://intranet/r1")\nR2,"Quoted, as RFC 4180 says",5" screen\n' >lenient.csv
run -w wl import lenient.csv --kind scenarios
expect_rc 0 "unquoted fields holding quotes:"
expect_err "imported 2 scenarios" "unquoted fields holding quotes: both rows"
run -w wl scenario show R1 --format json
expect_eq "$(json 'd["description"]')" '=HYPERLINK("http://intranet/r1")' "a formula with quotes, as written"
run -w wl scenario show R2 --format json
expect_eq "$(json 'd["title"] + "|" + d["description"]')" 'Quoted, as RFC 4180 says|5" screen' "a quoted field beside a quote in an unquoted one"

# The same through a mapping, in a ';'-separated file of the organisation's own.
printf 'Intitulé;Lien;Responsable\nRisque A;=HYPERLINK("http://intranet/a");RSSI\n' >lenient-map.csv
printf '[columns]\ntitle = "Intitulé"\nnotes = "Lien"\nowner = "Responsable"\n' >lenient-map.toml
run -w wl import lenient-map.csv --kind scenarios --map lenient-map.toml
expect_rc 0 "a mapped file with a formula unquoted:"
run -w wl scenario show R3 --format json
expect_eq "$(json 'd["notes"] + "|" + d["owner"]')" 'Lien: =HYPERLINK("http://intranet/a")|RSSI' "a formula's quotes in a mapped file are text"

# --- Strict RFC 4180 inside quotes: every broken line reported, nothing imported --
{
  printf 'ref,title,owner\n'
  for i in $(seq 1 24); do printf 'R%s,"Risque %s"x,RSSI\n' "$i" "$i"; done
  printf 'R30,fine,DSI\n'
  printf 'R31,"never closed,DSI\n'
} >broken.csv
bad wl 1 "25 broken lines" import broken.csv --kind scenarios
expect_err "broken.csv: 25 errors; nothing was imported:" "broken lines: the count"
expect_err "broken.csv:2: column 2 'title': unexpected 'x' after a closing quote; a quote inside a quoted field is written twice" "broken lines: line, column number and name, what is allowed"
expect_err "broken.csv:21: column 2 'title'" "broken lines: the 20th is shown"
expect_err_lacks "broken.csv:22:" "broken lines: the 21st is not"
expect_err "... and 5 more" "broken lines: then a count"
run -w wl import broken.csv --kind scenarios --format json
expect_no_out "broken lines: no JSON summary"
head -n 2 broken.csv >one-broken.csv
tail -n 2 broken.csv >>one-broken.csv
bad wl 1 "a broken line and an unclosed quote" import one-broken.csv --kind scenarios
expect_err "one-broken.csv: 2 errors; nothing was imported:" "unclosed quote: counted with the others"
expect_err "one-broken.csv:4: column 2 'title': unclosed quote: the field opened here never ends" "unclosed quote: where it opened"

# Through a mapping too, with the client's header names.
{
  printf 'Intitulé;Responsable\n'
  for i in $(seq 1 3); do printf '"Risque %s" bis;RSSI\n' "$i"; done
} >broken-map.csv
printf '[columns]\ntitle = "Intitulé"\nowner = "Responsable"\n' >broken-map.toml
bad wl 1 "broken lines through a mapping" import broken-map.csv --kind scenarios --map broken-map.toml
expect_err "broken-map.csv: 3 errors; nothing was imported:" "mapped broken lines: the count"
expect_err "broken-map.csv:4: column 1 'Intitulé': unexpected ' ' after a closing quote" "mapped broken lines: the client's column name"

finish
