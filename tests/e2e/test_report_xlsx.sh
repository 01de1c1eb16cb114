#!/usr/bin/env bash
# Deliverables as Excel workbooks (report --format xlsx): which deliverables
# have one, what register.xlsx holds (header in the document's language,
# frozen panes, filter, the method's lists on its cells, levels in their
# colours, a Method sheet), numbers as numbers, hostile text as text, the
# same file for the same map, the files private and written whole; the
# register read back after a client edited it, in French and in English.
source "$SOURCE_DIR/tests/e2e/lib.sh"
unset RISKMAP_WORKSPACE NO_COLOR
T=2026-06-01
NBSP=$(printf '\xc2\xa0')
tool() { python3 "$SOURCE_DIR/tests/e2e/xlsx_tool.py" "$@"; }
# dumped FILE: the workbook's cells and settings, one per line (xlsx_tool.py).
dumped() { dump=$(tool dump "$1") || { rc=-; out=; err=; fail "$1 is not a readable workbook"; }; }
in_dump() { checks=$((checks + 1)); grep -qxF -- "$1" <<<"$dump" || { rc=-; out=$(head -c 2000 <<<"$dump"); err=; fail "${2:-} workbook lacks line: $1"; }; }
in_dump_re() { checks=$((checks + 1)); grep -qE -- "$1" <<<"$dump" || { rc=-; out=$(head -c 2000 <<<"$dump"); err=; fail "${2:-} workbook lacks a line matching: $1"; }; }
not_in_dump_re() { checks=$((checks + 1)); ! grep -qE -- "$1" <<<"$dump" || { rc=-; out=$(grep -E -- "$1" <<<"$dump" | head -3); err=; fail "${2:-} workbook should not hold: $1"; }; }
files_in() { (cd "$1" 2>/dev/null && find . -type f | sed 's#^\./##' | LC_ALL=C sort); }

run init ex --example -q
expect_rc 0 "init the example"
D=ex/deliverables/fr

# --- Which deliverables have a workbook ----------------------------------------------
run -w ex --today $T report all --format xlsx
expect_rc 0 "report all --format xlsx"
expect_err "wrote 9 files" "report all --format xlsx: the deliverables with tables (the evolution since v0-client too)"
expect_eq "$(files_in $D | tr '\n' ' ')" \
  "action-plan.xlsx compliance.xlsx continuity.xlsx ebios.xlsx ecosystem.xlsx evolution.xlsx register.xlsx review.xlsx soa.xlsx " \
  "xlsx only: no Markdown"
for f in $D/*.xlsx; do
  expect_eq "$(stat -c %a "$f")" 600 "$f is its user's alone"
done
expect_eq "$(find ex/deliverables -name '.riskmap-staging-*' | wc -l)" 0 "no staging folder left"

run -w ex --today $T report register action-plan --format md,xlsx
expect_rc 0 "two formats at once"
for f in register.md register.csv register.xlsx action-plan.md action-plan.csv action-plan.xlsx; do
  checks=$((checks + 1)); [ -s "$D/$f" ] || { rc=-; out=; err=; fail "md,xlsx: $f missing"; }
done

before=$(file_sum $D/*)
run -w ex --today $T report heatmap --format xlsx
expect_rc 2 "a deliverable without a workbook"
expect_err "the heatmap deliverable is not written as xlsx; its formats: md, docx, pdf"
run -w ex --today $T report register --format odt
expect_rc 2 "an unknown format"
expect_err "--format: 'odt' is not a format of deliverables; allowed: 'md', 'xlsx', 'docx', 'pdf'"
run -w ex --today $T report register --format xlsx -o -
expect_rc 2 "a workbook to stdout"
expect_err "-o - prints one Markdown deliverable"
run -w ex --today $T report register --format ','
expect_rc 2 "an empty list of formats"
expect_eq "$(file_sum $D/*)" "$before" "refused commands write nothing"

# --- Deterministic ---------------------------------------------------------------------
cp $D/register.xlsx reg1.xlsx
cp $D/soa.xlsx soa1.xlsx
sleep 1
run -w ex --today $T report register soa --format xlsx
expect_rc 0 "again"
checks=$((checks + 1)); cmp -s reg1.xlsx $D/register.xlsx || { rc=-; out=; err=; fail "register.xlsx differs from one run to the next"; }
checks=$((checks + 1)); cmp -s soa1.xlsx $D/soa.xlsx || { rc=-; out=; err=; fail "soa.xlsx differs from one run to the next"; }
out=$(tool dates $D/register.xlsx | cut -d' ' -f1-2 | sort -u)
expect_out_exact "1980-01-01 00:00:00" "zip entries carry a fixed date"

# --- register.xlsx ---------------------------------------------------------------------
dumped $D/register.xlsx
expect_eq "$(grep '^sheet ' <<<"$dump" | tr '\n' '|')" "sheet Registre|sheet Biens|sheet Méthode|" "sheets"
in_dump "freeze 2 1" "ref and title columns and the header stay in view"
in_dump "filter A1:T29" "filter over the header and the 28 scenarios"
in_dump "cell A1 text Réf. fill #1F3864 bold"
in_dump "cell I1 text Vraisemblance initiale fill #1F3864 bold"
in_dump "cell K1 text Niveau initial fill #1F3864 bold"
in_dump "cell O1 text Traitement fill #1F3864 bold"
in_dump "cell A2 text R1" "highest level first"
in_dump "cell K2 text Élevé fill #CC0000 bold" "a level in its colour"
in_dump "cell O2 text Réduire" "treatment by its label"
in_dump "cell Q2 text Validé" "status by its label"
in_dump 'validation I2:I1029 "Peu vraisemblable,Vraisemblable,Très vraisemblable,Quasi certain"' "likelihood cells take the likelihood scale"
in_dump 'validation J2:J1029 "Mineure,Significative,Grave,Critique"' "impact cells take the impact scale"
in_dump "cell B4 text Peu vraisemblable" "the Method sheet lists the likelihoods"
in_dump 'validation O2:O1029 "Non décidé,Réduire,Accepter,Éviter,Transférer"' "treatment list"
in_dump 'validation Q2:Q1029 "Brouillon,Validé,Clos"' "status list"
in_dump "cell A1 text Méthode de cotation${NBSP}: EBIOS Risk Manager bold" "the Method sheet, French typography"
in_dump "cell B21 text Moyen fill #F1C232 bold" "the grid in colour"
in_dump "cell A26 text Seuil d’acceptation${NBSP}: niveau «${NBSP}Moyen${NBSP}» bold"
in_dump "cell A2 text A1" "the Biens sheet lists the assets"
not_in_dump_re "^cell [A-Z]+[0-9]+ formula" "no formula anywhere"
out=$(tool part $D/register.xlsx docProps/core.xml)
expect_out "<dc:title>Registre des risques</dc:title>"
expect_out "<cp:keywords>Diffusion restreinte</cp:keywords>" "classification in the properties"
expect_out "<dcterms:created xsi:type=\"dcterms:W3CDTF\">2026-06-01T00:00:00Z</dcterms:created>" "the report's date"
expect_out "<dc:description>Brouillon</dc:description>" "status in the document's language"

# --- Numbers and levels in the table workbooks ----------------------------------------
dumped $D/action-plan.xlsx
in_dump "freeze 0 1" "action plan: header in view"
in_dump_re "^filter A1:L[0-9]+$" "action plan: filter"
in_dump "cell A1 text Priorité fill #1F3864 bold"
in_dump_re "^cell A2 number 1$" "priority is a number"
in_dump "sheet Plan d’action" "sheet named after the deliverable"
in_dump_re "^sheet Méthode$" "every workbook explains the method"
dumped $D/continuity.xlsx
in_dump_re "^cell O[0-9]+ text Élevé fill #CC0000 bold$" "continuity: highest level in its colour"

# --- The register read back ------------------------------------------------------------
state=$(data_dump ex)
entries=$(journal_count ex)
run -w ex import $D/register.xlsx --kind scenarios --on-conflict update
expect_rc 0 "the register as written"
expect_err "imported 0 scenarios: 0 added, 0 updated, 0 skipped, 28 unchanged" "nothing changes"
expect_eq "$(data_dump ex)" "$state" "an untouched register changes nothing"
expect_eq "$(journal_count ex)" "$entries" "and journals nothing"
run -w ex --format json import $D/register.xlsx --kind scenarios --on-conflict update
expect_out '"unchanged": 28' "json gives the unchanged rows"

cp $D/register.xlsx edited.xlsx
tool set edited.xlsx Registre P2 "Directeur général adjoint"
tool set edited.xlsx Registre I2 "Vraisemblable"
tool set edited.xlsx Registre K2 "Faible"   # a derived level: ignored
run -w ex import edited.xlsx --kind scenarios --on-conflict update
expect_rc 0 "the register edited by the client"
expect_err "imported 1 scenario: 0 added, 1 updated, 0 skipped, 27 unchanged"
run -w ex --format json scenario show R1
expect_json "d['owner']" "Directeur général adjoint" "owner read back"
expect_json "d['current_likelihood']" "likely" "likelihood read back from its label"
expect_json "d['current_level']" "medium" "the level follows from the grid, not the cell"

tool set edited.xlsx Registre I3 "Improbable"
state=$(data_dump ex)
run -w ex import edited.xlsx --kind scenarios --on-conflict update
expect_rc 1 "a label off the scale"
expect_err "edited.xlsx:Registre!I3: column 'current_likelihood': 'Improbable' is not on the likelihood scale"
expect_eq "$(data_dump ex)" "$state" "a rejected import changes nothing"

# --- The EBIOS RM study's tables -------------------------------------------------------
dumped $D/ebios.xlsx
for sheet in "Événements redoutés" "Sources de risque" "Parties prenantes" "Scénarios stratégiques" \
  "Scénarios opérationnels" "Risques" "PACS" "Méthode"; do
  in_dump "sheet $sheet" "ebios.xlsx:"
done
in_dump "cell A1 text Valeur métier fill #1F3864 bold" "ebios.xlsx: feared events under their business value"
in_dump_re "^cell C[0-9]+ text ER1$" "ebios.xlsx: a feared event"
in_dump_re "^cell A[0-9]+ text SS1$" "ebios.xlsx: a strategic scenario"
in_dump_re "^cell A[0-9]+ text OS1$" "ebios.xlsx: an operational scenario"
in_dump_re "^cell D2 number 4" "ebios.xlsx: an origin's motivation as a number"
run -w ex --today $T report ebios --format md -o study-md
expect_rc 0
for f in ebios-feared-events ebios-origins ebios-stakeholders ebios-strategic ebios-operational ebios-risks ebios-pacs; do
  checks=$((checks + 1)); [ -s "study-md/$f.csv" ] || { rc=-; out=; err=; fail "the study's table $f.csv beside ebios.md"; }
done

# --- The evolution since a snapshot ---------------------------------------------------
run -w ex snapshot create avant -q
run -w ex scenario set R2 --likelihood 1 -q
run -w ex --today $T report all --format xlsx
expect_rc 0 "report all beside a snapshot"
expect_err "wrote 9 files" "the evolution since the latest snapshot"
dumped $D/evolution.xlsx
in_dump "sheet Évolution"
in_dump_re "^cell A[0-9]+ text R2$" "the changed scenario"
in_dump_re "^cell [E-Z][0-9]+ text (Élevé|Moyen|Faible) fill #[0-9A-F]{6} bold$" "levels before and after in their colours"

# --- English ---------------------------------------------------------------------------
run -w ex --today $T --lang en report register --format xlsx
expect_rc 0 "English register"
dumped ex/deliverables/en/register.xlsx
expect_eq "$(grep '^sheet ' <<<"$dump" | tr '\n' '|')" "sheet Register|sheet Assets|sheet Method|" "English sheets"
in_dump "cell I1 text Current likelihood fill #1F3864 bold"
in_dump "cell O2 text Mitigate" "English treatment label"
cp ex/deliverables/en/register.xlsx en.xlsx
tool set en.xlsx Register P2 "CISO"
run -w ex import en.xlsx --kind scenarios --on-conflict update
expect_rc 0 "English register read back"
expect_err "1 updated"
run -w ex --format json scenario show R1
expect_json "d['owner']" "CISO"

# --- Hostile text stays text -----------------------------------------------------------
run init h --name 'Org <b>&amp;</b>' -q
run -w h asset add --name '=HYPERLINK("http://x","y")' --kind application -q
run -w h scenario add --title '=1+2' --asset A1 --likelihood 2 --impact 3 \
  --description "$(printf 'ligne 1\nligne 2 | pipe <script>\xe2\x80\x8f\xd8\xa7\xd9\x84\xd8\xb9\xd8\xb1\xd8\xa8\xd9\x8a\xd8\xa9')" \
  --owner '@SUM(1)' -q
expect_rc 0 "hostile scenario"
run -w h --today $T report register --format xlsx
expect_rc 0 "hostile register"
dumped h/deliverables/fr/register.xlsx
in_dump "cell B2 text =1+2" "a formula-like title is text"
in_dump "cell M2 text @SUM(1)" "an @ owner is text"
in_dump_re "^cell P2 text ligne 1\\\\nligne 2 \\| pipe <script>" "newline, pipe and markup kept as text"
in_dump "cell B2 text =HYPERLINK(\"http://x\",\"y\")" "an asset name is text"
not_in_dump_re "^cell [A-Z]+[0-9]+ formula" "no formula"

# --- Written whole, or not at all ------------------------------------------------------
# The disk fills while the workbooks are written: in a temporary file of
# libxlsxwriter (which does not report it: the file read back shows it), or
# in the workbook itself.
# A sanitized build hangs under this injection (seen with clang 14's ASan):
# the plain build of the same suite runs it.
if command -v strace >/dev/null && ! grep -qa __asan_init "$RISKMAP"; then
  before=$(file_sum $D/*)
  for when in 3 12 20 40; do
    traced -f -o /dev/null -e trace=write -e inject=write:error=ENOSPC:when=$when \
      "$RISKMAP" -w ex --today 2026-07-01 report register soa --format xlsx >/dev/null 2>err.txt
    rc=$?; err=$(cat err.txt); out=
    expect_rc 1 "a full disk at write $when"
    expect_err_re "not written whole|No space left on device|cannot write" "a full disk at write $when: says so"
    expect_eq "$(file_sum $D/*)" "$before" "a full disk at write $when: the former workbooks are kept whole"
    expect_eq "$(find ex/deliverables -name '.riskmap-staging-*' | wc -l)" 0 "a full disk at write $when: no staging folder left"
  done
fi

# libxlsxwriter is loaded only to write a workbook: without it, every other
# command works, and a workbook is refused with the package to install.
mkdir -p nolib && : >nolib/libxlsxwriter.so.4
before=$(file_sum $D/*)
LD_LIBRARY_PATH=$PWD/nolib "$RISKMAP" -w ex --today 2026-07-01 report register --format xlsx >out.txt 2>err.txt
rc=$?; out=$(cat out.txt); err=$(cat err.txt)
expect_rc 1 "a workbook without a loadable libxlsxwriter"
expect_err "writing .xlsx needs libxlsxwriter.so.4" "without libxlsxwriter: names the library"
expect_err "install the Debian package libxlsxwriter4 (apt-get install libxlsxwriter4)" "without libxlsxwriter: names the package"
expect_eq "$(file_sum $D/*)" "$before" "without libxlsxwriter: the former workbooks are kept"
LD_LIBRARY_PATH=$PWD/nolib "$RISKMAP" -w ex --today 2026-07-01 report register --format md >out.txt 2>err.txt
rc=$?; out=$(cat out.txt); err=$(cat err.txt)
expect_rc 0 "without libxlsxwriter, a Markdown deliverable is written"

finish
