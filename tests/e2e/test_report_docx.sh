#!/usr/bin/env bash
# Deliverables as Word and PDF documents (report --format docx|pdf): every
# deliverable in both languages; what a client sees in the Word document
# (cover page, classification in the header and footer, page N / M, the
# contents titled in the language, one title, numbered headings, columns as
# wide as their content, wide tables on landscape pages, one scenario sheet
# a page, images embedded wherever the command runs from); the training deck
# as slides (one title slide, slides that fit, speaker notes, the heat map);
# hostile text as
# text; the same file for the same map; private files written whole; the
# programs missing or failing leave nothing behind.
source "$SOURCE_DIR/tests/e2e/lib.sh"
unset RISKMAP_WORKSPACE NO_COLOR
T=2026-06-01
NBSP=$(printf '\xc2\xa0')
tool() { python3 "$SOURCE_DIR/tests/e2e/docx_tool.py" "$@"; }
# facts FILE: what docx_tool.py reads of a Word document, one line a fact.
facts_of() { facts=$(tool facts "$1") || { rc=-; out=; err=; fail "$1 is not a readable Word document"; }; }
has_fact() { checks=$((checks + 1)); grep -qxF -- "$1" <<<"$facts" || { rc=-; out=$(head -c 3000 <<<"$facts"); err=; fail "${2:-} document lacks: $1"; }; }
has_fact_re() { checks=$((checks + 1)); grep -qE -- "$1" <<<"$facts" || { rc=-; out=$(head -c 3000 <<<"$facts"); err=; fail "${2:-} document lacks a line matching: $1"; }; }
lacks_fact_re() { checks=$((checks + 1)); ! grep -qE -- "$1" <<<"$facts" || { rc=-; out=$(grep -E -- "$1" <<<"$facts" | head -3); err=; fail "${2:-} document should not hold: $1"; }; }
# run_with_path DIRS ARGS...: run, with only DIRS on riskmap's PATH.
run_with_path() {
  local dirs=$1
  shift
  PATH=$dirs "$RISKMAP" "$@" >"$TMP/.out" 2>"$TMP/.err"
  rc=$?
  out=$(cat "$TMP/.out")
  err=$(cat "$TMP/.err")
}
files_in() { (cd "$1" 2>/dev/null && find . -type f | sed 's#^\./##' | LC_ALL=C sort); }
# A Word document is a zip of well-formed XML parts that pandoc reads back.
readable() {
  checks=$((checks + 1))
  tool check "$1" >/dev/null 2>&1 || { rc=-; out=; err=$(tool check "$1" 2>&1 | tail -3); fail "$1: a part is not well-formed XML"; return; }
  checks=$((checks + 1))
  [ -n "$(pandoc -f docx -t plain "$1" 2>/dev/null)" ] || { rc=-; out=; err=; fail "$1: pandoc does not read it back"; }
}

run init ex --example -q
expect_rc 0 "init the example"
D=ex/deliverables/fr

# --- Every deliverable, in both languages ----------------------------------------------
# Every deliverable as Word and PDF, in one LibreOffice run a language.
has_pages() {
  checks=$((checks + 1))
  local pages
  pages=$(tool pages "$1" 2>/dev/null)
  [ "${pages:-0}" -ge 1 ] || { rc=-; out=; err=; fail "$1 has no page"; }
}
run -w ex --today $T report all --format docx,pdf
expect_rc 0 "report all --format docx,pdf"
expect_err "wrote 32 files" "every deliverable has a Word and a PDF document (the evolution since v0-client too)"
expect_eq "$(files_in $D | grep -vcE '\.(docx|pdf)$')" 0 "docx and pdf only: no Markdown, CSV or SVG kept"
for f in $D/*.docx; do
  readable "$f"
  expect_eq "$(stat -c %a "$f")" 600 "$f is its user's alone"
  has_pages "${f%.docx}.pdf"
done
expect_eq "$(find ex/deliverables -name '.riskmap-staging-*' | wc -l)" 0 "no staging folder left"
run -w ex --today $T report all --format docx,pdf --lang en
expect_rc 0 "report all --format docx,pdf --lang en"
expect_err "wrote 32 files"
for f in ex/deliverables/en/*.docx; do readable "$f"; has_pages "${f%.docx}.pdf"; done

# --- The register: cover, header, footer, landscape table ------------------------------
facts_of $D/register.docx
has_fact "titles: 1" "register: one title"
has_fact "paragraph: Registre des risques" "register: the title on the cover"
has_fact "paragraph: Cartographie des risques du système d’information" "register: the mission on the cover"
has_fact "paragraph: Caisse Nationale de Solidarité et de Prévoyance" "register: the client on the cover"
has_fact "paragraph: Statut" "register: the status row of the cover"
has_fact "paragraph: Version provisoire" "register: the status in French words"
has_fact "paragraph: 1er${NBSP}juin 2026" "register: the date in long form, as French writes it"
has_fact "paragraph: Diffusion restreinte" "register: the classification on the cover"
lacks_fact_re "^paragraph: draft$" "register: no raw status id"
has_fact "word/header1.xml: Registre des risques — Caisse Nationale de Solidarité et de PrévoyanceDiffusion restreinte" \
  "register: header with the title and the classification"
has_fact "word/footer1.xml: Diffusion restreinte1 / 1" "register: footer with the classification and N / M"
has_fact "word/footer1.xml fields: PAGE NUMPAGES" "register: the page fields"
has_fact "landscape-sections: 1" "register: its wide table on landscape pages"
has_fact "word/footer2.xml fields: PAGE NUMPAGES" "register: the landscape pages' footer"
has_fact "unresolved-ids: 0" "register: every section names pandoc's header ids"
has_fact "dangling-header-refs: 0" "register: no section names a header that is not there"
has_fact "widest-table-columns: 10" "register: the register table"
has_fact "widest-table-widths-differ: True" "register: columns as wide as their content"
has_fact_re "^repeated-header-rows: [1-9]" "register: the header row repeats on each page"
lacks_fact_re "^paragraph: Table des matières$" "register: no contents for a document without sections"
expect_eq "$(grep -c '^paragraph: Registre des risques$' <<<"$facts")" 1 "register: the title once, not twice"

# --- Sections: contents in the language, numbered headings ------------------------------
facts_of $D/method.docx
has_fact "paragraph: Table des matières" "method: the contents titled in French"
has_fact "contents-heading: 1"
has_fact_re "^paragraph: 1 [^ ]" "method: numbered headings"
has_fact_re "^paragraph: [0-9]+\\.1 " "method: numbered subheadings"
facts_of ex/deliverables/en/method.docx
has_fact "paragraph: Contents" "method (en): the contents titled in English"
has_fact "paragraph: Draft" "method (en): the status in English"
has_fact "paragraph: 1 June 2026" "method (en): the date in long form"

# --- Scenario sheets, one a page -------------------------------------------------------
facts_of $D/scenarios.docx
scenarios=$(sqlite3 ex/riskmap.db "select count(*) from scenario")
has_fact "contents-entries: $scenarios" "scenarios: a contents entry per sheet"
# The cover and the contents end with a page break; so does each sheet.
has_fact "page-breaks: $((scenarios + 2))" "scenarios: each sheet starts a page"
has_fact "landscape-sections: 0" "scenarios: no table is wide enough for landscape"

# --- Images embedded wherever the command runs from ------------------------------------
mkdir -p elsewhere
(cd elsewhere && "$RISKMAP" -w ../ex --today $T report heatmap ecosystem --format docx -o ../out-images >/dev/null 2>&1)
facts_of out-images/heatmap.docx
has_fact_re "^images: [1-9]" "heatmap: its heat maps embedded, run from another folder"
facts_of out-images/ecosystem.docx
has_fact_re "^images: [1-9]" "ecosystem: its map embedded"

# --- Several formats at once, and deterministic ----------------------------------------
run -w ex --today $T report register heatmap --format md,docx -o both
expect_rc 0 "md,docx"
for f in register.md register.csv register.docx heatmap.md heatmap-current.svg heatmap.docx; do
  checks=$((checks + 1)); [ -s "both/$f" ] || { rc=-; out=; err=; fail "md,docx: $f missing"; }
done
cp both/register.docx reg1.docx
sleep 1
run -w ex --today $T report register --format docx -o both
expect_rc 0
checks=$((checks + 1))
cmp -s both/register.docx reg1.docx || { rc=-; out=; err=; fail "register.docx differs on a rerun"; }

# --- PDF, made from the Word documents in one LibreOffice run --------------------------
run -w ex --today $T report register scenarios summary review --format pdf -o pdf
expect_rc 0 "report --format pdf"
expect_eq "$(files_in pdf | tr '\n' ' ')" "register.pdf review.pdf scenarios.pdf summary.pdf " "pdf only: no Word document kept"
expect_eq "$(stat -c %a pdf/register.pdf)" 600 "register.pdf is its user's alone"
pages=$(tool pages pdf/register.pdf)
checks=$((checks + 1)); [ "${pages:-0}" -ge 3 ] || { rc=-; out=; err=; fail "register.pdf has $pages pages"; }
pages=$(tool pages pdf/scenarios.pdf)
checks=$((checks + 1)); [ "${pages:-0}" -ge $((scenarios + 2)) ] || { rc=-; out=; err=; fail "scenarios.pdf has $pages pages for $scenarios sheets"; }
expect_eq "$(find pdf -name '.riskmap-staging-*' | wc -l)" 0 "no staging folder (nor LibreOffice profile) left"
if command -v pdftotext >/dev/null; then
  text=$(pdftotext -f 2 -l 2 pdf/scenarios.pdf - 2>/dev/null)
  checks=$((checks + 1))
  grep -qE '^1 R[0-9]+ — .*[0-9]+$' <<<"$text" || { rc=-; out=$(head -c 600 <<<"$text"); err=; fail "scenarios.pdf: the contents show page numbers"; }
  # A heading right after a table keeps its bookmark: every entry has its page.
  text=$(pdftotext -f 2 -l 2 -layout pdf/summary.pdf - 2>/dev/null)
  checks=$((checks + 1))
  grep -qE '^ *5 Biens les plus exposés\.+ *[0-9]+$' <<<"$text" || { rc=-; out=$(head -c 1500 <<<"$text"); err=; fail "summary.pdf: the entry after a table shows its page"; }
  for f in pdf/*.pdf; do
    checks=$((checks + 1))
    ! pdftotext "$f" - 2>/dev/null | grep -qiE 'reference source not found|source de la référence' || { rc=-; out=; err=; fail "$f: a contents entry lost its heading"; }
  done
  # A heading right after a table (the review's themes) keeps its page in the contents.
  text=$(pdftotext -f 2 -l 2 pdf/review.pdf - 2>/dev/null)
  checks=$((checks + 1))
  ! grep -q "Reference source not found" <<<"$text" && grep -qE '^3\.2 .*[0-9]+$' <<<"$text" ||
    { rc=-; out=$(head -c 1200 <<<"$text"); err=; fail "review.pdf: every contents entry shows its page"; }
fi

# --- A framework's own numbers; dense tables on landscape pages, words never split ------
run -w ex --today $T report soa --format docx,pdf -o soa
expect_rc 0 "report soa --format docx,pdf"
facts_of soa/soa.docx
has_fact_re "^paragraph: 2\. Gestion des actifs et des accès$" "soa: a chapter keeps its own number alone"
lacks_fact_re "^paragraph: [0-9]+(\.[0-9]+)* [0-9]+\. " "soa: no number of riskmap's before a chapter's own"
has_fact_re "^paragraph: 2 NIST-CSF" "soa: a heading without a number of its own is numbered"
has_fact_re "^landscape-sections: [1-9]" "soa: its seven dense columns on landscape pages"
if command -v pdftotext >/dev/null; then
  text=$(pdftotext -layout soa/soa.pdf - 2>/dev/null)
  for word in Exigence Applicable Conformité; do
    checks=$((checks + 1))
    grep -qw -- "$word" <<<"$text" || { rc=-; out=$(grep -m3 -i -- "${word:0:5}" <<<"$text"); err=; fail "soa.pdf: the header word $word is split"; }
  done
fi

# --- The training deck as slides --------------------------------------------------------
run -w ex --today $T report all --format pptx -o deck
expect_rc 0 "report all --format pptx"
expect_eq "$(files_in deck | tr '\n' ' ')" "training-owners.pptx training.pptx " "pptx: the two training decks only"
slides=$(tool slides deck/training.pptx)
expect_eq "$(head -n 1 <<<"$slides")" \
  "slideLayout1 paragraphs=2 notes=False pictures=0 title=Sensibilisation aux risques numériques" \
  "pptx: the title slide first, with the client and the date"
expect_eq "$(grep -c '^slideLayout1 ' <<<"$slides")" 1 "pptx: one title slide only"
expect_eq "$(awk '{ split($2, a, "="); if (a[2] > 7) print }' <<<"$slides")" "" "pptx: at most seven paragraphs a slide"
expect_eq "$(tail -n +2 <<<"$slides" | grep -c 'notes=False')" 0 "pptx: speaker notes on every slide"
checks=$((checks + 1))
grep -q 'pictures=1 title=La carte de nos risques$' <<<"$slides" || { rc=-; out=$slides; err=; fail "pptx: the heat map on a slide of its own"; }
checks=$((checks + 1))
grep -q ' (suite)$' <<<"$slides" || { rc=-; out=$slides; err=; fail "pptx: a long slide goes on to a continued one"; }
cp deck/training.pptx deck1.pptx
sleep 1
run -w ex --today $T report training --format pptx -o deck
checks=$((checks + 1))
cmp -s deck/training.pptx deck1.pptx || { rc=-; out=; err=; fail "training.pptx differs on a rerun"; }
run -w ex --today $T report training --format pptx --lang en -o deck-en
expect_rc 0 "pptx in English"
slides=$(tool slides deck-en/training.pptx)
expect_eq "$(head -n 1 <<<"$slides")" "slideLayout1 paragraphs=2 notes=False pictures=0 title=Cyber-risk awareness"
checks=$((checks + 1))
grep -q ' (continued)$' <<<"$slides" || { rc=-; out=$slides; err=; fail "pptx (en): continued slides say so in English"; }
run -w ex --today $T report register --format pptx
expect_rc 2 "a deliverable that is not a deck"
expect_err "the register deliverable is not written as pptx; its formats: md, docx, pdf, xlsx"

# --- Refused or failing: nothing written -----------------------------------------------
mkdir -p tools-none tools-pandoc tools-no-rsvg
ln -s "$(command -v pandoc)" tools-pandoc/pandoc
ln -s "$(command -v rsvg-convert)" tools-pandoc/rsvg-convert
ln -s "$(command -v pandoc)" tools-no-rsvg/pandoc
before=$(file_sum $D/*)
run_with_path $PWD/tools-none -w ex --today $T report register --format docx
expect_rc 1 "docx without pandoc"
expect_err "install the Debian package pandoc" "docx without pandoc: names the package"
run_with_path $PWD/tools-no-rsvg -w ex --today $T report heatmap --format docx
expect_rc 1 "docx without rsvg-convert"
expect_err "install the Debian package librsvg2-bin" "docx without rsvg-convert: names the package"
run_with_path $PWD/tools-pandoc -w ex --today $T report register --format pdf
expect_rc 1 "pdf without LibreOffice"
expect_err "libreoffice-writer-nogui" "pdf without LibreOffice: names the package"
run -w ex --today $T report register --format docx -o -
expect_rc 2 "a Word document to stdout"
expect_err "-o - prints one Markdown deliverable"
mkdir -p tools-broken
printf '#!/bin/sh\necho "pandoc: something went wrong" >&2\nexit 3\n' >tools-broken/pandoc
chmod +x tools-broken/pandoc
run_with_path $PWD/tools-broken:$PATH -w ex --today $T report register heatmap --format docx
expect_rc 1 "pandoc failing"
expect_err "register.docx: pandoc could not make the document (exit 3)"
expect_err "something went wrong" "pandoc failing: its message shown"
expect_eq "$(file_sum $D/*)" "$before" "refused and failed commands write nothing"
expect_eq "$(find ex/deliverables -name '.riskmap-staging-*' | wc -l)" 0 "no staging folder left after a failure"

# --- Hostile text stays text -----------------------------------------------------------
run init hx --name 'Org <b>&amp; "Q"</b>' -q
run -w hx asset add A1 --name 'Bien | pipe' --kind application
title='=1+2 @SUM(1) $x$ <script>alert(1)</script> | [lien](http://x) {{x}} שלום'
run -w hx scenario add R1 --title "$title" --asset A1 --likelihood 3 --impact 3 \
  --description $'ligne 1\n\n# pas un titre\n<w:p>raw</w:p>\n```{=openxml}\n<w:br w:type="page"/>\n```'
expect_rc 0
run -w hx --today $T report register scenarios --format docx -o hout
expect_rc 0 "hostile text: report --format docx"
readable hout/scenarios.docx
plain=$(pandoc -f docx -t plain --wrap=none hout/scenarios.docx)
for piece in '=1+2 @SUM(1) $x$ <script>alert(1)</script> | [lien](http://x) {{x}} שלום' \
  '# pas un titre' '<w:p>raw</w:p>' '<w:br w:type="page"/>' 'Org <b>&amp; "Q"</b>'; do
  checks=$((checks + 1))
  grep -qF -- "$piece" <<<"$plain" || { rc=-; out=$(head -c 1500 <<<"$plain"); err=; fail "hostile text lost or read as markup: $piece"; }
done
facts_of hout/scenarios.docx
# The cover and the one sheet's break only: the description's raw block is text.
has_fact "page-breaks: 2" "hostile text: no page break injected"
facts_of hout/register.docx
has_fact_re "^word/header1.xml: Registre des risques — Org <b>&amp; \"Q\"</b>" "hostile text: the client in the header, as text"

# --- A full disk while a Word document is written -------------------------------------
# riskmap's own writes fail (pandoc's are left alone): nothing is written, and
# the message names the document asked for, not the staging folder.
if command -v strace >/dev/null && ! grep -qa __asan_init "$RISKMAP"; then
  for when in 3 30; do
    traced -f -o /dev/null -e trace=write -e inject=write:error=ENOSPC:when=$when \
      "$RISKMAP" -w ex --today $T report register --format docx -o full >/dev/null 2>err.txt
    rc=$?; err=$(cat err.txt); out=
    expect_rc 1 "a full disk at write $when"
    expect_err "full/register.docx: cannot write: No space left on device" "a full disk at write $when: names the document"
    expect_err_lacks ".riskmap-staging" "a full disk at write $when: not the staging folder"
    expect_eq "$(ls -A full 2>/dev/null)" "" "a full disk at write $when: nothing written, no staging folder left"
  done
fi

finish
