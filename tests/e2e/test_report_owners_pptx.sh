#!/usr/bin/env bash
# The owners' training deck as slides (report training-owners --format pptx):
# one title slide with the client and the date, slides that fit (at most
# seven paragraphs), speaker notes on every other slide, the scales and the
# grid as tables, the heat map, a slide per risk owner, the same file for the
# same map, in French and in English; `report all --format pptx` writes it
# beside the awareness deck.
source "$SOURCE_DIR/tests/e2e/lib.sh"
unset RISKMAP_WORKSPACE NO_COLOR
T=2026-06-01
NB=$(printf '\xc2\xa0')
tool() { python3 "$SOURCE_DIR/tests/e2e/docx_tool.py" "$@"; }
files_in() { (cd "$1" 2>/dev/null && find . -type f | sed 's#^\./##' | LC_ALL=C sort); }

if ! command -v pandoc >/dev/null; then
  echo "note: pandoc not installed: the slides are not checked"
  finish
  exit
fi

run init ex --example -q
run -w ex --today $T report training-owners --format pptx -o deck
expect_rc 0 "report training-owners --format pptx"
expect_eq "$(files_in deck | tr '\n' ' ')" "training-owners.pptx " "pptx: the deck alone"
slides=$(tool slides deck/training-owners.pptx)
expect_eq "$(head -n 1 <<<"$slides")" \
  "slideLayout1 paragraphs=2 notes=False pictures=0 title=Coter, accepter et revoir les risques" \
  "pptx: the title slide first, with the client and the date"
expect_eq "$(grep -c '^slideLayout1 ' <<<"$slides")" 1 "pptx: one title slide only"
expect_eq "$(awk '{ split($2, a, "="); if (a[2] > 7) print }' <<<"$slides")" "" "pptx: at most seven paragraphs a slide"
expect_eq "$(tail -n +2 <<<"$slides" | grep -c 'notes=False')" 0 "pptx: speaker notes on every slide"
checks=$((checks + 1))
grep -q 'pictures=1 title=Nos risques dans la grille$' <<<"$slides" || { rc=-; out=$slides; err=; fail "pptx: the heat map on a slide of its own"; }
run -w ex scenario list --format json
owners=$(json 'len({s["owner"] for s in d if s["owner"]})')
expect_eq "$(grep -c "title=Propriétaire${NB}: [^(]*$" <<<"$slides")" "$owners" "pptx: a slide per owner"
# The scales and the grid are tables: their cells hold the workspace's labels.
checks=$((checks + 1))
python3 - deck/training-owners.pptx <<'EOF' || { rc=-; out=; err=; fail "pptx: the grid's table"; }
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
texts = [" ".join(re.findall(r"<a:t>([^<]*)</a:t>", z.read(n).decode()))
         for n in z.namelist() if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)]
grid = [t for t in texts if "La grille des niveaux de risque" in t]
sys.exit(0 if grid and "V4 Quasi certain" in grid[0] and "G4 Critique" in grid[0] and "Élevé" in grid[0] else 1)
EOF
# The notes name a scenario with its title.
checks=$((checks + 1))
python3 -c '
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
notes = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("ppt/notesSlides/"))
sys.exit(0 if "R13 — Accès illégitime" in notes else 1)' deck/training-owners.pptx ||
  { rc=-; out=; err=; fail "pptx: the notes name the example scenario with its title"; }

# The same map gives the same file.
cp deck/training-owners.pptx deck1.pptx
sleep 1
run -w ex --today $T report training-owners --format pptx -o deck
checks=$((checks + 1))
cmp -s deck/training-owners.pptx deck1.pptx || { rc=-; out=; err=; fail "training-owners.pptx differs on a rerun"; }

# In English.
run -w ex --today $T report training-owners --format pptx --lang en -o deck-en
expect_rc 0 "pptx in English"
slides=$(tool slides deck-en/training-owners.pptx)
expect_eq "$(head -n 1 <<<"$slides")" \
  "slideLayout1 paragraphs=2 notes=False pictures=0 title=Rating, accepting and reviewing risks"
expect_eq "$(awk '{ split($2, a, "="); if (a[2] > 7) print }' <<<"$slides")" "" "pptx (en): at most seven paragraphs a slide"
expect_eq "$(tail -n +2 <<<"$slides" | grep -c 'notes=False')" 0 "pptx (en): speaker notes on every slide"
checks=$((checks + 1))
grep -q 'title=Owner: RSSI$' <<<"$slides" || { rc=-; out=$slides; err=; fail "pptx (en): the owner's slide"; }

# report all --format pptx writes both decks.
run -w ex --today $T report all --format pptx -o all
expect_rc 0 "report all --format pptx"
expect_eq "$(files_in all | tr '\n' ' ')" "training-owners.pptx training.pptx " "pptx: both decks"

finish
