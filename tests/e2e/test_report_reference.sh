#!/usr/bin/env bash
# The reference documents pandoc lays documents out on. riskmap's own slide
# master: 16:9, type sized for it, Arial as in the Word documents, every
# layout placed within the slide, the classification and the slide number
# at the foot of every slide (the title slide's too), the same file on a
# rerun; the training deck fitted to it (one title slide, at most seven
# paragraphs a slide, continued slides sharing their content evenly, the
# heat map on a slide of its own). A user's templates/reference.docx and
# templates/reference.pptx (in the workspace or in --templates DIR) used in
# place of riskmap's, shown by template list, the Word document's landscape
# sections taking its header and page size, no id left dangling; a broken
# one refused before anything is written.
source "$SOURCE_DIR/tests/e2e/lib.sh"
unset RISKMAP_WORKSPACE NO_COLOR
T=2026-06-01
tool() { python3 "$SOURCE_DIR/tests/e2e/docx_tool.py" "$@"; }
# facts_of MODE FILE: what docx_tool.py reads of a document, one line a fact.
facts_of() { facts=$(tool "$1" "$2") || { rc=-; out=; err=; fail "$2 is not a readable document"; }; }
has_fact() { checks=$((checks + 1)); grep -qxF -- "$1" <<<"$facts" || { rc=-; out=$(head -c 3000 <<<"$facts"); err=; fail "${2:-} document lacks: $1"; }; }
lacks_fact_re() { checks=$((checks + 1)); ! grep -qE -- "$1" <<<"$facts" || { rc=-; out=$(grep -E -- "$1" <<<"$facts" | head -3); err=; fail "${2:-} document should not hold: $1"; }; }
files_in() { (cd "$1" 2>/dev/null && find . -type f | sed 's#^\./##' | LC_ALL=C sort); }

run init ex --example -q
expect_rc 0 "init the example"

# --- riskmap's slide master ----------------------------------------------------------
run -w ex --today $T report training --format pptx -o deck
expect_rc 0 "the training deck"
facts_of deck deck/training.pptx
has_fact "size: 12192000x6858000" "deck: 16:9 slides, 13.33 by 7.5 inches"
has_fact "title-size: 2800" "deck: titles in 28 pt"
has_fact "body-size-1: 2000" "deck: the body in 20 pt"
has_fact "body-size-2: 1800" "deck: the second level smaller"
has_fact "body-size-3: 1600" "deck: the third level smaller still"
has_fact "major-font: Arial" "deck: titles in the Word documents' font"
has_fact "minor-font: Arial" "deck: the body in the Word documents' font"
has_fact "layouts: 11" "deck: every layout of the master is riskmap's"
for layout in "Title Slide" "Section Header" "Title and Content" "Two Content" "Comparison" \
  "Content with Caption" "Blank"; do
  has_fact "layout: $layout" "deck: the layouts pandoc lays slides out on"
done
lacks_fact_re "^outside: " "deck: every placeholder within the slide's width"
has_fact "dangling-ids: 0" "deck: every relationship a slide names is there"
slide_count=$(grep -c '^slide [0-9]* footer: ' <<<"$facts")
expect_eq "$(grep -c '^slide [0-9]* footer: Diffusion restreinte | number: yes$' <<<"$facts")" "$slide_count" \
  "deck: the classification and the slide number at the foot of every slide, the title slide's too"
has_fact "slide 1 footer: Diffusion restreinte | number: yes" "deck: the title slide's footer"

# The slides fitted to that master.
slides=$(tool slides deck/training.pptx)
expect_eq "$(head -n 1 <<<"$slides")" \
  "slideLayout1 paragraphs=2 notes=False pictures=0 title=Sensibilisation aux risques numériques" \
  "deck: the title slide first, with the client and the date"
expect_eq "$(grep -c '^slideLayout1 ' <<<"$slides")" 1 "deck: one title slide only"
expect_eq "$(wc -l <<<"$slides")" "$slide_count" "deck: each slide's footer counted"
expect_eq "$(awk '{ split($2, a, "="); if (a[2] > 7) print }' <<<"$slides")" "" "deck: at most seven paragraphs a slide"
expect_eq "$(tail -n +2 <<<"$slides" | grep -c 'notes=False')" 0 "deck: speaker notes on every slide"
expect_eq "$(grep -c 'pictures=1 ' <<<"$slides")" 1 "deck: one picture"
expect_eq "$(grep 'pictures=1 ' <<<"$slides")" \
  "slideLayout2 paragraphs=1 notes=True pictures=1 title=La carte de nos risques" \
  "deck: the heat map alone on its slide, under its caption, as large as the body allows"
checks=$((checks + 1))
grep -q ' (suite)$' <<<"$slides" || { rc=-; out=$slides; err=; fail "deck: a long slide goes on to a continued one"; }
# A slide and its continuations share the content: none holds less than
# half of what the fullest holds.
unbalanced=$(awk '{
    title = $0; sub(/^.* title=/, "", title); base = title; sub(/ \(suite\)$/, "", base)
    split($2, a, "="); n = a[2] + 0
    if (!(base in low) || n < low[base]) low[base] = n
    if (n > high[base]) high[base] = n
    if (title != base) split_slides[base] = 1
  } END { for (b in split_slides) if (low[b] * 2 < high[b]) print b ": " low[b] " and " high[b] }' <<<"$slides")
expect_eq "$unbalanced" "" "deck: continued slides share their content evenly"
# The same file on a rerun.
cp deck/training.pptx deck1.pptx
sleep 1
run -w ex --today $T report training --format pptx -o deck
expect_rc 0
checks=$((checks + 1))
cmp -s deck/training.pptx deck1.pptx || { rc=-; out=; err=; fail "training.pptx differs on a rerun"; }

# The deck in English; a classification given on the command line, as text.
run -w ex --today $T report training --format pptx --lang en --classification 'Internal <b>& "Q"</b>' -o deck-en
expect_rc 0 "the deck in English"
facts_of deck deck-en/training.pptx
has_fact 'slide 1 footer: Internal <b>& "Q"</b> | number: yes' "deck (en): the classification as text"
checks=$((checks + 1))
tool raw deck-en/training.pptx ppt/presentation.xml | grep -q 'lang="en-GB"' ||
  { rc=-; out=; err=; fail "deck (en): the text's language is British English"; }
# No classification: the slide number alone.
run -w ex --today $T report training --format pptx --classification '' -o deck-plain
expect_rc 0 "a deck without a classification"
facts_of deck deck-plain/training.pptx
has_fact "slide 2 footer: - | number: yes" "deck: no empty classification at the foot"

# --- A user's reference presentation ----------------------------------------------------
mkdir -p ex/templates
tool user-pptx ex/templates/reference.pptx
run -w ex template list --format csv
expect_rc 0
expect_out "reference.pptx,ex/templates/reference.pptx" "template list: the workspace's presentation"
expect_out "reference.docx,built-in" "template list: riskmap's own Word reference"
run -w ex --today $T report training --format pptx -o user-deck
expect_rc 0 "slides on the user's presentation"
facts_of deck user-deck/training.pptx
has_fact "size: 9144000x5143500" "user's presentation: its slide size"
has_fact "major-font: Georgia" "user's presentation: its titles' font"
has_fact "dangling-ids: 0" "user's presentation: every relationship there"
# --templates DIR comes before the workspace's templates/ folder.
mkdir -p mine
tool user-pptx mine/reference.pptx
run -w ex template list --templates mine --format csv
expect_out "reference.pptx,mine/reference.pptx" "template list --templates: the folder's presentation"
rm ex/templates/reference.pptx
run -w ex template list --format csv
expect_out "reference.pptx,built-in" "template list: riskmap's own presentation once the file is gone"
run -w ex --today $T report training --format pptx --templates mine -o mine-deck
expect_rc 0 "report --templates DIR: the folder's presentation"
facts_of deck mine-deck/training.pptx
has_fact "major-font: Georgia" "report --templates DIR: its presentation used"

# --- A user's reference document -----------------------------------------------------
tool user-docx ex/templates/reference.docx
run -w ex template list --format csv
expect_out "reference.docx,ex/templates/reference.docx" "template list: the workspace's Word document"
run -w ex --today $T report register method --format docx -o user-word
expect_rc 0 "Word documents on the user's reference document"
facts_of facts user-word/method.docx
has_fact "heading-1-colour: 7030A0" "user's reference: its Heading 1 style"
has_fact "header-part: Modèle maison du client" "user's reference: its header"
has_fact "dangling-ids: 0" "user's reference: every id of the document resolves"
facts_of facts user-word/register.docx
has_fact "landscape-sections: 1" "user's reference: the wide register on landscape pages"
has_fact "unresolved-ids: 0" "user's reference: no section names riskmap's header ids"
has_fact "dangling-ids: 0" "user's reference: every id of the document resolves"
has_fact "dangling-header-refs: 0" "user's reference: every section's header is there"
has_fact "header-refs: 3" "user's reference: the landscape pages and those around them carry its header"
has_fact "page-sizes: 12240x15840 15840x12240 12240x15840" "user's reference: its page size, turned for landscape"
readable=$(pandoc -f docx -t plain user-word/register.docx 2>&1 | head -c 200)
checks=$((checks + 1))
[ -n "$readable" ] || { rc=-; out=; err=; fail "user's reference: pandoc reads the document back"; }
# riskmap's own reference document, once the file is gone.
rm ex/templates/reference.docx
run -w ex --today $T report register --format docx -o own-word
facts_of facts own-word/register.docx
has_fact "page-sizes: 11906x16838 16838x11906 11906x16838" "riskmap's reference: A4"
has_fact "dangling-ids: 0"

# --- A broken reference document: refused, nothing written ----------------------------
mkdir -p ex/deliverables/fr
before=$(files_in ex/deliverables)
echo "not a document" >ex/templates/reference.docx
run -w ex --today $T report register --format docx -o broken
expect_rc 1 "a reference.docx that is not a zip archive"
expect_err "riskmap: ex/templates/reference.docx: not a zip archive" "broken reference.docx: its path"
expect_err "expects a Word document (.docx)" "broken reference.docx: what was expected"
expect_eq "$(files_in broken)" "" "broken reference.docx: nothing written"
run -w ex --today $T report register --format pdf
expect_rc 1 "PDF documents are made on the Word reference too"
expect_eq "$(files_in ex/deliverables)" "$before" "broken reference.docx: no deliverable written"
run -w ex --today $T report register --format md -o md-only
expect_rc 0 "Markdown does not use the reference document"
tool user-pptx ex/templates/reference.docx
run -w ex --today $T report register --format docx -o broken
expect_rc 1 "a presentation named reference.docx"
expect_err "ex/templates/reference.docx: a PowerPoint presentation, not a Word document"
expect_eq "$(files_in broken)" "" "presentation as reference.docx: nothing written"
rm ex/templates/reference.docx
tool user-docx ex/templates/reference.pptx
run -w ex --today $T report training --format pptx -o broken
expect_rc 1 "a Word document named reference.pptx"
expect_err "ex/templates/reference.pptx: a Word document, not a PowerPoint presentation"
expect_err "expects a PowerPoint presentation (.pptx)"
expect_eq "$(files_in broken)" "" "Word document as reference.pptx: nothing written"
run -w ex --today $T report register --format docx -o word-only
expect_rc 0 "a Word document does not use the reference presentation"
rm ex/templates/reference.pptx
echo "not a document" >mine/reference.pptx
run -w ex --today $T report all --format pptx --templates mine -o broken
expect_rc 1 "a broken presentation in --templates DIR"
expect_err "mine/reference.pptx: not a zip archive"
expect_eq "$(files_in broken)" "" "broken presentation in --templates DIR: nothing written"

finish
