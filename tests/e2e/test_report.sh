#!/usr/bin/env bash
# Deliverables (SPEC §5, issue 3): `report all` in French and English writes
# every deliverable the framework lists, each Markdown file opening with a
# complete YAML front matter; output is deterministic; -o DIR and -o -;
# unknown names; hostile text in titles and names comes out escaped, the
# tables intact and the CSV formula-safe (--csv-delimiter, --csv-bom); a
# workspace's or --templates' override wins over the built-in; a broken
# template fails naming file and line and writes nothing; report never
# changes the database. Every SVG is checked with xmllint and every Markdown
# file converted to DOCX with pandoc, when they are installed.
source "$SOURCE_DIR/tests/e2e/lib.sh"
unset RISKMAP_WORKSPACE NO_COLOR

T=2026-06-01

# --- Python checks over rendered files: deliverables.py, one process per call ---
check() { python3 "$SOURCE_DIR/tests/e2e/deliverables.py" "$@"; }
# expect_none WHAT TEXT: a check printed no problem.
expect_none() { checks=$((checks + 1)); [ -z "$2" ] || { rc=-; out=$2; err=; fail "$1"; }; }

# files_in DIR: the names of the files in DIR, sorted, one a line.
files_in() { (cd "$1" 2>/dev/null && find . -type f | sed 's#^\./##' | LC_ALL=C sort); }
# tree_sum DIR: names and bytes of everything in DIR.
tree_sum() { if [ -d "$1" ]; then (cd "$1" && find . -type f | LC_ALL=C sort | xargs -r sha256sum) | sha256sum; else echo absent; fi; }

# --- The deliverables the framework lists ----------------------------------------
run init W --example
"$RISKMAP" -w W -q snapshot create base --today "$T" >/dev/null # so that the evolution renders too
expect_rc 0 "init --example:"
run -w W template list --format csv
expect_rc 0 "template list --format csv:"
expect_eq "$(head -1 <<<"$out")" "name,origin" "template list: CSV header"
names=$(sed -n 's#^fr/\([^/,]*\)\.md,.*#\1#p' <<<"$out")
en_names=$(sed -n 's#^en/\([^/,]*\)\.md,.*#\1#p' <<<"$out")
expect_eq "$en_names" "$names" "template list: the same deliverables in French and English"
expect_eq "$(grep -cv ',built-in$' <<<"$out")" 1 "template list: every template built-in in a fresh workspace"
for required in register heatmap; do
  expect_eq "$(grep -cx "$required" <<<"$names")" 1 "template list: $required is a built-in deliverable"
done
# The framework's own list (the names an unknown deliverable is told about)
# is the set of templates: no deliverable without its template, and back.
run -w W report nonesuch
listed=$(sed -n 's/.*allowed: //p' <<<"$err" | tr -d ' ' | tr ',' '\n' | grep -vx all | LC_ALL=C sort)
expect_eq "$listed" "$(LC_ALL=C sort <<<"$names")" "the deliverables report knows = the built-in templates"
echo "deliverables: $(tr '\n' ' ' <<<"$names")"

# --- report all, in French and in English -----------------------------------------
db_before=$(snapshot W)
for lang in fr en; do
  run -w W report all --lang "$lang" --today "$T"
  expect_rc 0 "report all --lang $lang:"
  expect_no_out "report all --lang $lang: nothing on stdout"
  dir=W/deliverables/$lang
  for name in $names; do
    checks=$((checks + 1))
    [ -s "$dir/$name.md" ] || fail "report all --lang $lang: no $dir/$name.md"
  done
  for file in register.csv heatmap-inherent.svg heatmap-current.svg heatmap-residual.svg \
    action-plan.csv soa.csv compliance.csv ecosystem.csv ecosystem.svg ecosystem-residual.svg continuity.csv review.csv; do
    checks=$((checks + 1))
    [ -s "$dir/$file" ] || fail "report all --lang $lang: no $dir/$file"
  done
  expect_eq "$(files_in "$dir" | grep -c '\.tmp')" 0 "report all --lang $lang: no temporary file left"
  expect_none "report all --lang $lang: front matter" "$(check frontmatter "$T" "$dir"/*.md)"
  expect_none "report all --lang $lang: tables intact" "$(check tables "$dir"/*.md)"
  expect_eq "$(check field "$dir/register.md" lang)" "$([ "$lang" = fr ] && echo fr-FR || echo en-GB)" \
    "report --lang $lang: the front matter gives the language"
done
expect_eq "$(check field W/deliverables/fr/register.md title)" "Registre des risques" "register: French title"
expect_eq "$(check field W/deliverables/en/register.md title)" "Risk register" "register: English title"
expect_eq "$(check field W/deliverables/fr/register.md client)" "Caisse Nationale de Solidarité et de Prévoyance" \
  "register: the client is the mission's organisation"
# The English documents are English: the French template text is not in them.
for name in $names; do
  checks=$((checks + 1))
  cmp -s W/deliverables/fr/"$name".md W/deliverables/en/"$name".md && fail "$name: English and French files identical"
done
checks=$((checks + 1))
grep -q 'Registre\|scénarios de risque' W/deliverables/en/register.md && fail "register in English still holds French template text"
run -w W report register --lang de --today "$T"
expect_rc 2 "report --lang de:"

# Training slides: '---' between slides, each opening with a '# ' heading.
if grep -qx training <<<"$names"; then
  for lang in fr en; do
    result=$(check slides W/deliverables/$lang/training.md)
    expect_none "training ($lang): slide structure" "$(tail -n +2 <<<"$result")"
    checks=$((checks + 1))
    [ "$(head -1 <<<"$result")" -ge 8 ] || fail "training ($lang): only $(head -1 <<<"$result") slides"
  done
  checks=$((checks + 1))
  grep -q 'Rançongiciel sur le SI de production' W/deliverables/fr/training.md ||
    fail "training: the highest current risk (R1) is on a slide"
fi

# --- Determinism, -o DIR --------------------------------------------------------------
for lang in fr en; do
  run -w W report all --lang "$lang" --today "$T" -o "out1-$lang"
  expect_rc 0 "report all -o out1-$lang:"
  run -w W report all --lang "$lang" --today "$T" -o "out2-$lang"
  expect_rc 0 "report all -o out2-$lang:"
  expect_eq "$(files_in "out1-$lang")" "$(files_in "W/deliverables/$lang")" "-o DIR ($lang): the same files as the default folder"
  for file in $(files_in "W/deliverables/$lang"); do
    checks=$((checks + 1))
    cmp -s "out1-$lang/$file" "out2-$lang/$file" || fail "determinism ($lang): $file differs between two runs"
    checks=$((checks + 1))
    cmp -s "out1-$lang/$file" "W/deliverables/$lang/$file" || fail "determinism ($lang): $file differs from the default folder's"
  done
done
run -w W report register --today 2027-01-15 -o dated
expect_eq "$(check field dated/register.md date)" 2027-01-15 "--today is the document date"

# -o DIR in a fresh workspace: files go there only, folders are created.
run init F --example
run -w F report all --today "$T" -o deep/er/folder
expect_rc 0 "report all -o deep/er/folder:"
checks=$((checks + 1))
[ -s deep/er/folder/register.md ] || fail "-o DIR: the folder is created and written"
checks=$((checks + 1))
[ ! -e F/deliverables ] || fail "-o DIR: nothing written in the workspace's deliverables folder"

# --- -o - -------------------------------------------------------------------------------
for name in $names; do
  "$RISKMAP" -w W report "$name" --today "$T" -o - >"stdout-$name.md" 2>"stdout-$name.err"
  rc=$?
  expect_rc 0 "report $name -o -:"
  checks=$((checks + 1))
  cmp -s "stdout-$name.md" "W/deliverables/fr/$name.md" || fail "report $name -o -: stdout is not the file report all writes"
done
run -w F report heatmap --today "$T" -o -
expect_rc 0 "report heatmap -o - (fresh workspace):"
checks=$((checks + 1))
[ ! -e F/deliverables ] && [ -z "$(ls heatmap-*.svg 2>/dev/null)" ] || fail "-o -: no side file (SVG) is written"
run -w W report all -o -
expect_rc 2 "report all -o -:"
expect_no_out "report all -o -: nothing on stdout"
run -w W report register heatmap -o -
expect_rc 2 "report register heatmap -o -:"

# --- Unknown deliverable, bad options ---------------------------------------------------
run -w W report regster
expect_rc 2 "report regster:"
expect_err "did you mean 'register'" "report regster:"
expect_err "allowed:" "report regster: lists the deliverables"
run -w W report register --csv-delimiter '|' -o bad
expect_rc 2 "--csv-delimiter '|':"
checks=$((checks + 1))
[ ! -e bad ] || fail "--csv-delimiter '|': nothing written"

# --- Reading only -----------------------------------------------------------------------
expect_unchanged W "$db_before" "report (all, both languages, -o DIR, -o -, errors):"

# --- Hostile text -------------------------------------------------------------------------
run init H --example
"$RISKMAP" -w H -q snapshot create base --today "$T" >/dev/null # so that the evolution renders too
run -w H asset add AX --kind application --name $'a | b <script>alert(1)</script> 😀 مرحبا بالعالم\nsuite'
expect_rc 0 "asset add with hostile name:"
run -w H asset add AY --name '=HYPERLINK("http://x")'
expect_rc 0 "asset add =HYPERLINK:"
rate=(--inherent-likelihood V4 --inherent-impact G4 --likelihood V4 --impact G4 --residual-likelihood V3 --residual-impact G3)
run -w H scenario add H1 --title 'a | b' --asset AX,AY "${rate[@]}" --risk-source '@SUM(1)' --threat=-2 --owner '| propriétaire |' \
  --description $'<script>alert(1)</script> vole | tout. Puis autre chose.\nLigne | deux'
expect_rc 0 "scenario add H1:"
run -w H scenario add H2 --title '<script>alert(1)</script>' --asset AX "${rate[@]}" --description '<b>gras</b> & <i>x</i>.'
expect_rc 0 "scenario add H2:"
run -w H scenario add H3 --title '=HYPERLINK("http://x")' --asset AY "${rate[@]}"
expect_rc 0 "scenario add H3:"
run -w H scenario add H4 --title '+1' --asset AX "${rate[@]}"
expect_rc 0 "scenario add H4:"
run -w H scenario add H5 --title $'first line\nsecond line' --asset AX "${rate[@]}" --owner $'two\nlines'
expect_rc 0 "scenario add H5:"
run -w H scenario add H6 --title 'Emoji 😀 et arabe : مرحبا بالعالم' --asset AX "${rate[@]}"
expect_rc 0 "scenario add H6:"
# The organisation's name lands in the YAML front matter and in the text.
python3 - H/riskmap.toml <<'PY'
import re, sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
text = re.sub(r'(?m)^name = .*$', lambda m: 'name = "Caisse \\"X\\": a | b # <script>alert(1)</script> --- \\\\ 😀"', text, count=1)
text = re.sub(r'(?m)^title = .*$', lambda m: 'title = "<script>alert(2)</script> *mission*"', text, count=1)
open(path, "w", encoding="utf-8").write(text)
PY
hostile_org='Caisse "X": a | b # <script>alert(1)</script> --- \ 😀'
db_before=$(snapshot H)
for lang in fr en; do
  run -w H report all --lang "$lang" --today "$T"
  expect_rc 0 "hostile: report all --lang $lang:"
  dir=H/deliverables/$lang
  expect_none "hostile ($lang): front matter" "$(check frontmatter "$T" "$dir"/*.md)"
  for name in $names; do
    expect_eq "$(check field_is "$dir/$name.md" client "$hostile_org")" yes "hostile ($lang): $name's client survives YAML quoting"
  done
  expect_none "hostile ($lang): every table row intact" "$(check tables "$dir"/*.md)"
  # Nowhere raw: not in the Markdown body, not in the SVG, and not in the
  # front matter either, whose values pandoc reads as Markdown (raw HTML
  # passes into HTML and reveal.js output).
  checks=$((checks + 1))
  raw=$(for f in "$dir"/*.md; do check body "$f" | grep -il '<script' >/dev/null && echo "$f"; done; grep -il '<script' "$dir"/*.svg)
  [ -z "$raw" ] || fail "hostile ($lang): a raw <script> in the body of: $raw"
  checks=$((checks + 1))
  raw=$(grep -l '^[a-z]*: ".*<script' "$dir"/*.md)
  [ -z "$raw" ] || fail "hostile ($lang): a raw <script> in the YAML front matter (Markdown to pandoc) of: $(tr '\n' ' ' <<<"$raw")"
  for ref in H1 H2 H3 H4 H5 H6; do
    expect_eq "$(grep -c "^| $ref |" "$dir/register.md")" 1 "hostile ($lang): register holds one row for $ref"
  done
  checks=$((checks + 1))
  grep -q '^| H5 | first line second line |' "$dir/register.md" || fail "hostile ($lang): the title's line break is a space in the table"
  checks=$((checks + 1))
  grep -q '^second line\|^suite\|^lines' "$dir"/*.md && fail "hostile ($lang): a line break in a title, name or owner starts a new Markdown line"
  checks=$((checks + 1))
  grep -qF '😀' "$dir/register.md" && grep -qF 'مرحبا بالعالم' "$dir/register.md" || fail "hostile ($lang): emoji and Arabic kept"
  if grep -qx training <<<"$names"; then
    result=$(check slides "$dir/training.md")
    expect_none "hostile training ($lang): slide structure" "$(tail -n +2 <<<"$result")"
    checks=$((checks + 1))
    grep -q 'a \\| b' "$dir/training.md" || fail "hostile training ($lang): the top risk H1 is on a slide, escaped"
  fi
  # The CSV: RFC 4180, formula-safe text.
  # French deliverables are for French Excel: ';' and a BOM; English: ',' and none.
  printf '%s' "$(check csv "$dir/register.csv")" >"$TMP/csv.json"
  expect_eq "$(py_eval 'd["delimiter"]' "$TMP/csv.json")" "$([ $lang = fr ] && echo ';' || echo ',')" \
    "hostile ($lang): the delimiter of the language"
  expect_eq "$(py_eval 'd["count"]' "$TMP/csv.json")" 34 "hostile ($lang): register.csv holds one record per scenario"
  expect_eq "$(py_eval 'd["widths"]' "$TMP/csv.json")" "[11]" "hostile ($lang): every CSV record has 11 cells"
  expect_eq "$(py_eval 'd["crlf"]' "$TMP/csv.json")" true "hostile ($lang): CSV records end with CRLF"
  expect_eq "$(py_eval 'd["bom"]' "$TMP/csv.json")" "$([ $lang = fr ] && echo true || echo false)" \
    "hostile ($lang): a BOM in French only"
  expect_eq "$(py_eval 'd["by_ref"]["H3"][1]' "$TMP/csv.json")" "'=HYPERLINK(\"http://x\")" "hostile ($lang): =HYPERLINK neutralised"
  expect_eq "$(py_eval 'd["by_ref"]["H4"][1]' "$TMP/csv.json")" "'+1" "hostile ($lang): +1 neutralised"
  expect_eq "$(py_eval 'd["by_ref"]["H1"][3] + " " + d["by_ref"]["H1"][4]' "$TMP/csv.json")" "'@SUM(1) '-2" \
    "hostile ($lang): @ and - neutralised"
  expect_eq "$(py_eval 'd["by_ref"]["H1"][1]' "$TMP/csv.json")" "a | b" "hostile ($lang): 'a | b' kept in the CSV"
  expect_eq "$(py_eval 'd["by_ref"]["H5"][1] == "first line\nsecond line"' "$TMP/csv.json")" true \
    "hostile ($lang): a line break kept inside a quoted CSV cell"
  expect_eq "$(py_eval 'd["by_ref"]["H6"][1]' "$TMP/csv.json")" 'Emoji 😀 et arabe : مرحبا بالعالم' "hostile ($lang): emoji and Arabic in the CSV"
done
# (csv.json holds the English register.csv of the last run above.)
run -w H report register --lang en --today "$T" -o semi-en --csv-delimiter ';'
expect_rc 0 "--csv-delimiter ';':"
printf '%s' "$(check csv semi-en/register.csv ';')" >"$TMP/semi.json"
expect_eq "$(py_eval 'len(d["header"])' "$TMP/semi.json")" 11 "--csv-delimiter ';': the header splits on ';'"
expect_eq "$(py_eval 'd["by_ref"]' "$TMP/semi.json")" "$(py_eval 'd["by_ref"]' "$TMP/csv.json")" "--csv-delimiter ';': the same cells as with ','"
checks=$((checks + 1))
cmp -s semi-en/register.md H/deliverables/en/register.md || fail "--csv-delimiter leaves the Markdown unchanged"
run -w H report register --lang en --today "$T" -o bom --csv-bom
expect_rc 0 "--csv-bom:"
expect_eq "$(head -c 3 bom/register.csv | od -An -tx1 | tr -d ' ')" efbbbf "--csv-bom: the file starts with a UTF-8 BOM"
checks=$((checks + 1))
cmp -s <(tail -c +4 bom/register.csv) H/deliverables/en/register.csv || fail "--csv-bom: the BOM and then the same bytes"
# The defaults turned around: --no-csv-bom and ',' for French, [output] in riskmap.toml.
run -w H report register --lang fr --today "$T" -o plain-fr --csv-delimiter , --no-csv-bom
expect_rc 0 "--no-csv-bom:"
printf '%s' "$(check csv plain-fr/register.csv)" >"$TMP/plain.json"
expect_eq "$(py_eval '[d["delimiter"], d["bom"], len(d["header"])]' "$TMP/plain.json")" '[",", false, 11]' \
  "French register with ',' and no BOM, as asked"
cp H/riskmap.toml toml.saved
printf '\n[output]\ncsv_delimiter = ","\ncsv_bom = false\ndata_csv_delimiter = ";"\ndata_csv_bom = true\n' >>H/riskmap.toml
run -w H report register --lang fr --today "$T" -o output-fr
expect_rc 0 "[output] for the deliverables:"
printf '%s' "$(check csv output-fr/register.csv)" >"$TMP/plain.json"
expect_eq "$(py_eval '[d["delimiter"], d["bom"]]' "$TMP/plain.json")" '[",", false]' "[output] csv_delimiter and csv_bom"
run -w H scenario list --format csv
expect_eq "$(head -c 3 <<<"$out" | od -An -tx1 | tr -d ' ')" efbbbf "[output] data_csv_bom: the listing starts with a BOM"
expect_out "ref;title;" "[output] data_csv_delimiter: the listing's delimiter"
run -w H export --kind assets -o assets-semi.csv
expect_rc 0 "export with [output] data_csv_*"
expect_eq "$(head -c 3 assets-semi.csv | od -An -tx1 | tr -d ' ')" efbbbf "[output] data_csv_bom: the export starts with a BOM"
run init back -q
run -w back import assets-semi.csv --kind assets
expect_rc 0 "an export with ';' and a BOM imports back"
expect_eq "$(sqlite3 back/riskmap.db 'select count(*) from asset')" "$(sqlite3 H/riskmap.db 'select count(*) from asset')" "every asset back"
run -w H scenario list --format csv --csv-delimiter , --no-csv-bom
expect_out_lacks "$(printf '\xef\xbb\xbf')" "--no-csv-bom over [output]"
expect_out "ref,title," "--csv-delimiter over [output]"
printf '\n[output]\ncsv_delimiter = "|"\n' >>toml.bad; cat toml.saved toml.bad >H/riskmap.toml
run -w H report register
expect_rc 1 "[output] csv_delimiter '|'"
expect_err_re "riskmap.toml:[0-9]+:[0-9]+: \[output\] csv_delimiter: ',' or ';'" "says where and what is allowed"
cp toml.saved H/riskmap.toml
run -w H report register --csv-delimiter '|'
expect_rc 2 "--csv-delimiter '|'"
expect_err "--csv-delimiter: '|' is not allowed; allowed: ',', ';'"
expect_unchanged H "$db_before" "hostile: report:"

# --- Overrides: the workspace's templates/, --templates DIR ------------------------------
run -w W template list --format csv
for name in $(sed -n 's#^\([a-z][a-z]/[^,]*\.md\),.*#\1#p' <<<"$out"); do
  "$RISKMAP" template export "$name" >"$TMP/exported" 2>/dev/null
  checks=$((checks + 1))
  cmp -s "$TMP/exported" "$SOURCE_DIR/templates/$name" || fail "template export $name: not the built-in template"
done
run template export fr/regster.md
expect_rc 2 "template export fr/regster.md:"
expect_err "did you mean 'fr/register.md'" "template export of a near-miss name:"

run init O --example
run -w O template export fr/register.md -o O/templates/fr/register.md
expect_rc 0 "template export -o FILE:"
expect_no_out "template export -o FILE: nothing on stdout"
checks=$((checks + 1))
cmp -s O/templates/fr/register.md "$SOURCE_DIR/templates/fr/register.md" || fail "template export -o FILE: the built-in template"
printf '\n\nVERSION DU CLIENT pour {{organisation}}\n' >>O/templates/fr/register.md
run -w O template list --format csv
expect_rc 0 "template list with an override:"
origin=$(sed -n 's#^fr/register\.md,##p' <<<"$out")
checks=$((checks + 1))
case "$origin" in *O/templates/fr/register.md) ;; *) fail "template list: fr/register.md comes from '$origin', not O/templates/fr/register.md" ;; esac
expect_eq "$(sed -n 's#^en/register\.md,##p' <<<"$out")" built-in "template list: en/register.md still built-in"
run -w O report all --today "$T"
expect_rc 0 "report all with an override:"
checks=$((checks + 1))
grep -q '^VERSION DU CLIENT pour Caisse Nationale de Solidarité et de Prévoyance$' O/deliverables/fr/register.md ||
  fail "the workspace's template wins over the built-in"
run -w O report all --lang en --today "$T"
checks=$((checks + 1))
grep -q 'VERSION DU CLIENT' O/deliverables/en/register.md && fail "an override of fr/register.md changes the English register"
mkdir -p D/fr
printf '# {{title}} — DOSSIER D\n\n{{#scenarios}}\n- {{ref}}\n{{/scenarios}}\n' >D/fr/register.md
run -w O report register --templates D --today "$T" -o withD
expect_rc 0 "report --templates D:"
checks=$((checks + 1))
grep -q '^# Registre des risques — DOSSIER D$' withD/register.md || fail "--templates DIR wins over the workspace's templates/"
# A customised template may say what to print when the map is empty: an
# inverted section over the streamed list follows the list (or the template
# is refused, naming its line), never "empty" for a map of 28 scenarios.
mkdir -p DI/fr
printf '# {{title}}\n\n{{^scenarios}}\nLA CARTE EST VIDE\n{{/scenarios}}\n{{#scenarios}}\n- {{ref}}\n{{/scenarios}}\n' >DI/fr/register.md
run -w O report register --templates DI --today "$T" -o -
checks=$((checks + 1))
if [ "$rc" -eq 0 ]; then
  grep -q 'LA CARTE EST VIDE' <<<"$out" && fail "{{^scenarios}} in a template renders as if the map had no scenario"
else
  grep -q 'DI/fr/register.md:3' <<<"$err" || fail "{{^scenarios}}: refused without naming the file and the line"
fi
run -w O template list --templates D --format csv
checks=$((checks + 1))
case "$(sed -n 's#^fr/register\.md,##p' <<<"$out")" in *D/fr/register.md) ;; *) fail "template list --templates D: fr/register.md not from D" ;; esac

# --- A broken template fails, naming file and line, and writes nothing ---------------------
run init B --example
"$RISKMAP" -w B -q snapshot create base --today "$T" >/dev/null # so that the evolution renders too
db_before=$(snapshot B)
mkdir -p B/templates/fr
printf '# {{title}}\n\n{{#scenarios}}\n| {{ref}} |\n' >B/templates/fr/register.md
run -w B report all --today "$T"
expect_rc 1 "unclosed section:"
expect_no_out "unclosed section: nothing on stdout"
expect_err "templates/fr/register.md:3" "unclosed section: the file and the line of the section"
expect_err "scenarios" "unclosed section: the section's name"
checks=$((checks + 1))
[ ! -e B/deliverables ] || fail "unclosed section: something was written: $(files_in B/deliverables | tr '\n' ' ')"

printf '# {{title}}\n\n{{#scenarios}}\n- {{ref}}\n{{/scenarios}}\n{{nope}}\n' >B/templates/fr/register.md
run -w B report all --today "$T"
expect_rc 1 "unknown name {{nope}}:"
expect_err "templates/fr/register.md:6" "unknown name: the file and the line"
expect_err "nope" "unknown name: the name"
checks=$((checks + 1))
[ ! -e B/deliverables ] || fail "unknown name: something was written"

printf '# {{title}}\n{{#scenarios}}\n- {{ref}} {{nope}}\n{{/scenarios}}\n' >B/templates/fr/register.md
run -w B report register --today "$T" -o -
expect_rc 1 "unknown name in a section, -o -:"
expect_no_out "unknown name, -o -: nothing printed"
expect_err "templates/fr/register.md:3" "unknown name in a section: the file and the line"
rm B/templates/fr/register.md

# The last deliverable broken: the earlier ones, though fine, are not written either.
run -w B report nonesuch
last=$(sed -n 's/.*allowed: //p' <<<"$err" | tr -d ' ' | tr ',' '\n' | tail -1)
run -w B report all --today "$T"
expect_rc 0 "report all before breaking a template:"
before_files=$(tree_sum B/deliverables)
"$RISKMAP" template export "fr/$last.md" >"B/templates/fr/$last.md"
printf '\n{{#nope}}\nx\n{{/nope}}\n' >>"B/templates/fr/$last.md"
line=$(($(wc -l <"$SOURCE_DIR/templates/fr/$last.md") + 2))
run -w B report all --today 2030-01-01
expect_rc 1 "broken $last template:"
expect_err "templates/fr/$last.md:$line" "broken $last template: the file and the line"
expect_eq "$(tree_sum B/deliverables)" "$before_files" "broken $last template: no deliverable rewritten, none added"
run -w B report all --today "$T" -o fresh
expect_rc 1 "broken $last template, -o fresh:"
checks=$((checks + 1))
[ -z "$(files_in fresh)" ] || fail "broken $last template: files written in -o fresh: $(files_in fresh | tr '\n' ' ')"
rm "B/templates/fr/$last.md"

mkdir -p BD/fr
printf 'ok\n{{#title}}\n' >BD/fr/heatmap.md
run -w B report heatmap --templates BD --today "$T" -o fresh2
expect_rc 1 "broken template in --templates DIR:"
expect_err "BD/fr/heatmap.md:2" "broken template in --templates DIR: its file and line"
checks=$((checks + 1))
[ -z "$(files_in fresh2)" ] || fail "broken template in --templates DIR: files written"
expect_unchanged B "$db_before" "report with broken templates:"

# --- No list cut without saying so, and the whole list in the document ---------------------------
# Twelve scenarios on one critical asset, all in one heat map cell, none
# owned, one control for all of them and an action carrying it out, a
# cancelled action beside it; only R1 and R2 rated at the residual stage.
NB=$(printf '\xc2\xa0')
has() { checks=$((checks + 1)); grep -qF -- "$2" "$1" || { rc=-; out=; err=; fail "${3:-} $1 lacks: $2"; }; }
lacks() { checks=$((checks + 1)); ! grep -qF -- "$2" "$1" || { rc=-; out=$(grep -F -- "$2" "$1" | head -3); err=; fail "${3:-} $1 should not hold: $2"; }; }
run init L --name 'Caisse'
for a in 1 2 3 4 5; do "$RISKMAP" -q -w L asset add "A$a" --name "Bien $a" --kind application --owner DSI --availability G4 --rto 1d >/dev/null; done
"$RISKMAP" -q -w L control add M1 --title 'Filtrage des courriels' --state planned --owner DSI --due 2026-12-31 --cost 100 >/dev/null
for i in $(seq 1 12); do
  "$RISKMAP" -q -w L scenario add "R$i" --title "Hameçonnage ciblé $i" --asset A1 --criterion A \
    --likelihood V3 --impact G3 --treatment mitigate --additional-control M1 >/dev/null
done
"$RISKMAP" -q -w L scenario set R1 --asset A1,A2,A3,A4,A5 --residual-likelihood V1 --residual-impact G3 >/dev/null
"$RISKMAP" -q -w L scenario set R2 --residual-likelihood V3 --residual-impact G3 >/dev/null
"$RISKMAP" -q -w L action add T1 --title 'Déployer le filtrage' --control M1 --owner DSI --due 2026-12-31 --cost 100 --effort 10 >/dev/null
"$RISKMAP" -q -w L action add T2 --title 'Ancienne passerelle' --control M1 --owner DSI --status cancelled --cost 50 --effort 5 >/dev/null
run -w L report all --today "$T" -o cut
expect_rc 0 "report all (twelve scenarios in one cell):"
run -w L report all --lang en --today "$T" -o cut-en
expect_rc 0 "report all --lang en (twelve scenarios in one cell):"
# No "+N" anywhere in a document, and every list that is cut says so.
for f in cut/*.md cut-en/*.md; do
  checks=$((checks + 1))
  grep -nE '[A-Z][0-9]+ \+[0-9]+' "$f" && fail "$f: a list cut with +N"
done
# Heat map: the grid names eight refs, the table after it the twelve.
has cut/heatmap.md "**12** (R1, R2, R3, R4, R5, R6, R7, R8 et 4 autres, voir ci-dessous) — Élevé" "heatmap: the cell says how many more"
has cut/heatmap.md "| V3 Très vraisemblable | G3 Grave | Élevé | 12 | R1, R2, R3, R4, R5, R6, R7, R8, R9, R10, R11, R12 |" "heatmap: the whole cell after the grid"
has cut-en/heatmap.md "**12** (R1, R2, R3, R4, R5, R6, R7, R8 and 4 more, see below) — High" "heatmap (en): the cell says how many more"
has cut-en/heatmap.md "| V3 Very likely | G3 Serious | High | 12 | R1, R2, R3, R4, R5, R6, R7, R8, R9, R10, R11, R12 |" "heatmap (en): the whole cell"
# Summary: the exposed asset's scenarios in an annex; the top ten and the register;
# the residual stage counted only where it is rated.
has cut/summary.md "| 1 | A1 | Bien 1 | Application | 12 | R1, R2, R3, R4, R5, R6 et 6 autres, voir l’annexe |" "summary: an exposed asset's refs, cut and pointed to the annex"
has cut/summary.md "## Annexe${NB}: listes complètes" "summary: the annex"
has cut/summary.md "| A1 | Scénarios qui visent le bien, au seuil ou au-dessus | R1, R2, R3, R4, R5, R6, R7, R8, R9, R10, R11, R12 |" "summary: the annex holds the whole list"
has cut/summary.md "Les 2 autres scénarios évalués figurent dans le registre des risques" "summary: the scenarios beyond the top ten are sent to the register"
has cut/summary.md "une fois les mesures prévues mises en œuvre${NB}:** 1 parmi les 2 scénarios dont le niveau résiduel est évalué${NB}; 10 scénarios n’ont pas encore de niveau résiduel, ce qui ne permet pas de conclure pour eux" \
  "summary: the residual count says how many are unrated"
has cut-en/summary.md "once the planned controls are in place:** 1 of the 2 scenarios whose residual level is rated; 10 scenarios have no residual level yet, so nothing can be said of them" \
  "summary (en): the residual count says how many are unrated"
has cut-en/summary.md "## Annex: full lists" "summary (en): the annex"
# Action plan (PACS under ebios-rm): a control's and an action's risks, cut
# at ten, whole in the annex; the cancelled action in no total.
has cut/action-plan.md "R9 (Élevé), R10 (Élevé) et 2 autres, voir l’annexe" "action plan: the risks of M1 and T1, cut and pointed to the annex"
has cut/action-plan.md "| M1 | Risques visés (niveau initial) | R1 (Élevé), R2 (Élevé), R3 (Élevé), R4 (Élevé), R5 (Élevé), R6 (Élevé), R7 (Élevé), R8 (Élevé), R9 (Élevé), R10 (Élevé), R11 (Élevé), R12 (Élevé) |" \
  "action plan: the annex lists M1's twelve risks"
has cut/action-plan.md "| T1 | Scénarios traités (niveau initial) |" "action plan: the annex lists T1's scenarios"
has cut/action-plan.md "- **Actions inscrites au plan${NB}:** 1 (hors action annulée)" "action plan: the cancelled action is not counted"
has cut/action-plan.md "- **Coût total${NB}:** 100" "action plan: nor its cost"
has cut/action-plan.md "| **Total** | **1** | **100** | **10** |" "action plan: the total row leaves it out"
has cut/action-plan.md "Une action annulée reste listée ci-dessous, mais n’entre dans aucun total${NB}: son coût (50) et sa charge (5 jours-homme) ne sont plus engagés." \
  "action plan: the cancelled action is named apart"
lacks cut/action-plan.md "| Annulée | 1 |" "action plan: no cancelled row in the status totals"
has cut/action-plan.md "Actions${NB}: 1. Annulées, hors totaux${NB}: 1." "action plan: the owner's count leaves it out"
has cut-en/action-plan.md "- **Actions in the plan:** 1 (cancelled action left out)" "action plan (en): the cancelled action is not counted"
has cut-en/action-plan.md "| T1 | Scenarios addressed (current level) |" "action plan (en): the annex"
# Continuity: the critical asset's scenarios, cut at ten, whole in the annex.
has cut/continuity.md "R10 (Élevé) et 2 autres, voir l’annexe" "continuity: A1's scenarios cut and pointed to the annex"
has cut/continuity.md "| A1 | Scénarios (niveau initial) | R1 (Élevé), R2 (Élevé)" "continuity: the annex"
# Recommendations: the twelve scenarios without an owner.
has cut/recommendations.md "Désigner un propriétaire pour les 12 scénarios de risque qui n’en ont pas${NB}: R1, R2, R3, R4, R5, R6, R7, R8, R9, R10 et 2 autres, voir l’annexe." \
  "recommendations: the unowned scenarios cut and pointed to the annex"
has cut/recommendations.md "| Scénarios sans propriétaire | R1, R2, R3, R4, R5, R6, R7, R8, R9, R10, R11, R12 |" "recommendations: the annex"
# Training: a threat family counts its scenarios, whose annex slide names
# each with its title; a risk's assets.
has cut/training.md "faux messages et faux appels (12 scénarios)" "training: the phishing family counts its scenarios"
has cut/training.md "# Annexe${NB}: Hameçonnage et ingénierie sociale" "training: the family's annex slide"
expect_eq "$(grep -c '^- \*\*R[0-9]*\*\* — Hameçonnage ciblé [0-9]*$' cut/training.md)" 12 "training: the annex slide names all twelve, with their titles"
has cut/training.md "Bien 1, Bien 2, Bien 3, Bien 4 et 1 autre ressource, que le registre des risques nomme toutes." \
  "training: a risk's assets beyond four are sent to the register"
has cut-en/training.md "# Annex: Phishing and social engineering" "training (en): the annex slide"
has cut-en/training.md "fake messages and fake calls (12 scenarios)" "training (en): the family counts its scenarios"
has cut/training.md "Les 7 autres risques évalués figurent dans le registre des risques." "training: the risks beyond the five slides are sent to the register"
has cut-en/training.md "The other 7 rated risks are in the risk register." "training (en): the risks beyond the five slides"
# A threat's annex lists at most fourteen scenarios (two slides), the
# highest levels, and sends the others to the register.
cp -r L L16
for i in 13 14 15 16; do
  "$RISKMAP" -q -w L16 scenario add "R$i" --title "Hameçonnage ciblé $i" --asset A1 --criterion A \
    --likelihood V1 --impact G1 --treatment accept >/dev/null
done
run -w L16 report training --today "$T" -o cut16
expect_rc 0 "report training (sixteen phishing scenarios):"
run -w L16 report training --lang en --today "$T" -o cut16-en
expect_rc 0 "report training --lang en (sixteen phishing scenarios):"
has cut16/training.md "faux messages et faux appels (16 scénarios)" "training: the family counts all sixteen"
expect_eq "$(grep -c '^- \*\*R[0-9]*\*\* — Hameçonnage ciblé [0-9]*$' cut16/training.md)" 14 "training: the annex names fourteen"
has cut16/training.md "- **R14** — Hameçonnage ciblé 14" "training: the highest levels first, then by ref"
lacks cut16/training.md "- **R15** —" "training: a lower scenario beyond fourteen is left to the register"
has cut16/training.md "- … et 2 autres scénarios de cette famille, de niveau égal ou inférieur, dans le registre des risques" \
  "training: the annex says how many more the register holds"
has cut16-en/training.md "- … and 2 other scenarios of this kind, at the same or a lower level, in the risk register" \
  "training (en): the annex says how many more"
for lang in fr en; do
  dir=cut16; [ "$lang" = en ] && dir=cut16-en
  result=$(check slides "$dir/training.md")
  expect_none "training ($lang, sixteen): slide structure" "$(tail -n +2 <<<"$result")"
done
for f in cut/*.md cut-en/*.md; do expect_none "$f: tables intact" "$(check tables "$f")"; done
# The example: its summary cuts the eight scenarios aiming at A12, the
# other documents cut nothing and have no annex.
has W/deliverables/fr/summary.md "| A12 | Scénarios qui visent le bien, au seuil ou au-dessus | R1, R3, R5, R7, R11, R13, R18, R25 |" \
  "the example's summary: A12's eight scenarios in the annex"
for f in action-plan continuity recommendations; do
  lacks "W/deliverables/fr/$f.md" "## Annexe" "the example's $f.md: nothing cut, no annex"
done

# --- Real parsers: xmllint for the SVG, pandoc for the Markdown ------------------------------
folders="W/deliverables/fr W/deliverables/en H/deliverables/fr H/deliverables/en"
if command -v xmllint >/dev/null; then
  for svg in $(for f in $folders; do ls "$f"/*.svg; done); do
    checks=$((checks + 1))
    xmllint --noout "$svg" 2>"$TMP/xml.err" || fail "xmllint: $svg is not well-formed: $(head -c 500 "$TMP/xml.err")"
  done
else
  echo "note: xmllint not installed (Debian package libxml2-utils): SVG well-formedness not checked"
fi
if command -v pandoc >/dev/null; then
  command -v rsvg-convert >/dev/null ||
    echo "note: rsvg-convert not installed (Debian package librsvg2-bin): pandoc's warning that it cannot convert SVG images for DOCX is tolerated"
  for folder in $folders; do
    for md in "$folder"/*.md; do
      (cd "$folder" && pandoc -f markdown -t docx -o "$TMP/out.docx" "$(basename "$md")") 2>"$TMP/pandoc.err"
      rc=$?
      command -v rsvg-convert >/dev/null || sed -i '/Could not convert image .*\.svg.*rsvg-convert/d' "$TMP/pandoc.err"
      checks=$((checks + 1))
      [ "$rc" -eq 0 ] && [ ! -s "$TMP/pandoc.err" ] || { out=; err=$(cat "$TMP/pandoc.err"); fail "pandoc $md to DOCX: exit $rc or warnings"; }
    done
  done
else
  echo "note: pandoc not installed: the DOCX conversion is not checked"
fi

# Document metadata from the command line, over riskmap.toml; bad places to write.
run -w W report register -o - --today 2026-11-23 --version 2.0 --status final --author "Équipe <x>" --classification "C2"
expect_rc 0 "report with metadata options:"
expect_out 'version: "2.0"' "report --version:"
expect_out 'status: "final"' "report --status:"
expect_out 'author: "Équipe &lt;x&gt;"' "report --author (escaped):"
expect_out 'classification: "C2"' "report --classification:"
run -w W report register -o - --status done
expect_rc 2 "report --status done:"
expect_err "'draft', 'final'" "report --status done:"
run -w W report register --templates "$TMP/no-such-folder"
expect_rc 1 "report --templates missing:"
expect_err "no such folder" "report --templates missing:"
: >"$TMP/a-file"
run -w W report register -o "$TMP/a-file"
expect_rc 1 "report -o FILE:"
expect_err "cannot write deliverables there" "report -o FILE:"

# --- What the user wrote reaches the documents ----------------------------------------
NBSP=$(printf '\xc2\xa0')
NNBSP=$(printf '\xe2\x80\xaf')
run init U -q
run -w U asset add A1 --name Portail --kind application --description $'Portail des adhérents\nexposé sur Internet'
run -w U asset add A2 --name Base --kind server
run -w U scenario add R1 --title Fuite --asset A1,A2 --likelihood 2 --impact 3
run -w U scenario set R1 --notes $'Première note.\n\nSeconde note | avec un tube.'
run -w U stakeholder add P1 --name Infogérant --category provider --description 'Exploite le centre de données'

run -w U report scenarios -o -
expect_out "- **A1 Portail${NBSP}:** Portail des adhérents exposé sur Internet" "scenario sheet: an asset's description"
expect_out_lacks "- **A2 Base" "scenario sheet: no line for an asset without a description"
expect_out "**Notes${NBSP}:**" "scenario sheet: the notes"
expect_out "Première note." "scenario sheet: the notes' first paragraph"
expect_out 'Seconde note \| avec un tube.' "scenario sheet: the notes, escaped for Markdown"
run -w U report ecosystem -o -
expect_out "## Rôle des parties prenantes" "ecosystem: what the stakeholders do"
expect_out "- **P1 Infogérant${NBSP}:** Exploite le centre de données" "ecosystem: a stakeholder's description"
run -w U report ecosystem --lang en -o -
expect_out "- **P1 Infogérant:** Exploite le centre de données" "ecosystem (en): a stakeholder's description"

# --- Amounts in the mission's currency ------------------------------------------------
run init CUR -q
run -w CUR control add M1 --title "Pare-feu" --cost 1234567
run -w CUR report action-plan -o -
expect_out "- **Coût des mesures${NBSP}:** 1${NNBSP}234${NNBSP}567" "no currency: a bare amount"
expect_out_lacks "1${NNBSP}234${NNBSP}567${NBSP}" "no currency: nothing after the amount"
sed -i 's/^# currency = .*/currency = "MAD"/' CUR/riskmap.toml
run -w CUR report action-plan -o -
expect_out "- **Coût des mesures${NBSP}:** 1${NNBSP}234${NNBSP}567${NBSP}DH" "[mission] currency MAD: dirhams in French"
run -w CUR report action-plan --lang en -o -
expect_out "- **Cost of the controls:** MAD 1,234,567" "[mission] currency MAD: in English"
sed -i 's/^currency = .*/currency = "EUR"/' CUR/riskmap.toml
run -w CUR report action-plan -o -
expect_out "1${NNBSP}234${NNBSP}567${NBSP}€" "[mission] currency EUR in French"
run -w CUR report action-plan --lang en -o -
expect_out "€1,234,567" "[mission] currency EUR in English"
sed -i 's/^currency = .*/currency = "euros"/' CUR/riskmap.toml
run -w CUR report action-plan -o -
expect_rc 1 "a currency that is not an ISO code"
expect_err_re "riskmap.toml:[0-9]+:[0-9]+: currency 'euros' is not allowed; allowed: an ISO 4217 code" "the bad currency, where it is"

# --- The organisation's name as French sentences take it -------------------------------
run -w W report summary -o -
expect_out "de la cartographie des risques du système d’information de la Caisse Nationale" "the example: « de la Caisse… »"
expect_out_lacks "de Caisse" "the example: never « de Caisse… »"
run init ART -q --name "Ministère de l’Équipement"
run -w ART report register -o -
expect_out "établie pour l’organisme Ministère de l’Équipement." "no article set: French phrases around the name"
sed -i 's/^# organisation_article = .*/organisation_article = "le"/' ART/riskmap.toml
run -w ART report register -o -
expect_out "établie pour le Ministère de l’Équipement." "[mission] organisation_article = le"
run -w ART report summary -o -
expect_out "système d’information du Ministère de l’Équipement." "organisation_article = le: « du Ministère »"
run -w ART report summary --lang en -o -
expect_out "information-system risk map (Ministère de l’Équipement, as of" "English takes the name as it is"
sed -i "s/^organisation_article = .*/organisation_article = \"l'\"/; s/^name = .*/name = \"Agence du numérique\"/" ART/riskmap.toml
run -w ART report summary -o -
expect_out "système d’information de l’Agence du numérique." "organisation_article = l': elided, typographic apostrophe"
sed -i 's/^organisation_article = .*/organisation_article = ""/; s/^name = .*/name = "Al Omrane"/' ART/riskmap.toml
run -w ART report summary -o -
expect_out "système d’information d’Al Omrane." "no article: « d’ » before a vowel"
sed -i 's/^organisation_article = .*/organisation_article = "une"/' ART/riskmap.toml
run -w ART report summary -o -
expect_rc 1 "an article that is not one"
expect_err_re "riskmap.toml:[0-9]+:[0-9]+: organisation_article 'une' is not allowed; allowed: 'la', 'le'" "the bad article, where it is"

# --- An acceptance in a scenario sheet: long dates, the approver on a line of its own ---
run -w W report scenarios -o -
expect_out "- **Acceptation du risque${NBSP}:** accordée le " "scenario sheet: the acceptance in prose"
expect_out "- **Approbateur de l’acceptation${NBSP}:** " "scenario sheet: the approver as a field"
expect_out_lacks "approuvée par" "scenario sheet: no « approuvée par » before a title"
expect_out_re "accordée le [0-9]+(er)?${NBSP}[a-zéû]+ 20[0-9][0-9]" "scenario sheet: the acceptance date in long form"

finish
