#!/usr/bin/env bash
# The method kit and the training decks (issue 19, point 11): the kit covers
# the whole life of the map (install, daily commands of every kind of record,
# import, review, snapshots, deliverables and templates, backups, the yearly
# calendar, roles) in French and English, with the workspace's own figures;
# every riskmap command line it shows (and the owners' deck shows) is a real
# one, run in a copy of the workspace; the owners' deck rates with the
# workspace's scales and grid, says how long an acceptance may run, explains
# the review and gives each owner their scenarios, a cut list saying how many
# more and where; in both decks, a scenario's code always comes with its title.
source "$SOURCE_DIR/tests/e2e/lib.sh"
unset RISKMAP_WORKSPACE NO_COLOR

T=2026-06-01
NB=$(printf '\xc2\xa0')
check() { python3 "$SOURCE_DIR/tests/e2e/deliverables.py" "$@"; }
expect_none() { checks=$((checks + 1)); [ -z "$2" ] || { rc=-; out=$2; err=; fail "$1"; }; }
has() { checks=$((checks + 1)); grep -qF -- "$2" "$1" || { rc=-; out=; err=; fail "${3:-} $1 lacks: $2"; }; }
lacks() { checks=$((checks + 1)); ! grep -qF -- "$2" "$1" || { rc=-; out=$(grep -F -- "$2" "$1" | head -3); err=; fail "${3:-} $1 should not hold: $2"; }; }
# bare_codes FILE: the scenario codes (R12) not followed by " — " and a title.
bare_codes() {
  python3 - "$1" <<'EOF'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read().split("\n---\n", 1)[1]
text = re.sub(r"`[^`]*`", "", text)  # command lines name a ref as a command takes it
for m in re.finditer(r"\bR\d+\b", text):
    after = text[m.end():]
    if after.startswith("**"):
        after = after[2:]
    if not after.startswith(" — "):
        print(text[max(0, m.start() - 40):m.end() + 40].replace("\n", " "))
EOF
}

run init W --example -q
expect_rc 0 "init --example:"
for lang in fr en; do
  run -w W report method training training-owners --lang $lang --today $T -o K-$lang
  expect_rc 0 "report method training training-owners --lang $lang:"
done
F=K-fr/method.md
E=K-en/method.md

# --- The kit: every part of the life of the map, in both languages ---------------------
expect_eq "$(check headings $F | grep '^## ' | sed -n '/Rôles/,$p' | tr '\n' '/')" \
  "## Rôles et responsabilités/## Installer riskmap/## Les commandes au quotidien/## Reprendre la cartographie d’une organisation/## La revue de la cartographie/## Versions figées et comparaison/## Les livrables et leurs modèles/## Sauvegardes/## Calendrier annuel/" \
  "kit (fr): the parts of the life of the map"
expect_eq "$(check headings $E | grep '^## ' | sed -n '/Roles/,$p' | tr '\n' '/')" \
  "## Roles and responsibilities/## Installing riskmap/## Daily commands/## Taking over an organisation's risk map/## Reviewing the risk map/## Snapshots and comparison/## Deliverables and their templates/## Backups/## Yearly calendar/" \
  "kit (en): the parts of the life of the map"
expect_eq "$(check headings $F | grep '^### ' | sed -n '/Par le paquet/,/Retirer/p' | tr '\n' '/')" \
  "### Par le paquet Debian/### Depuis les sources/### Pour les documents Word, PDF et les diaporamas/### L’espace de travail/### Biens/### Scénarios de risque/### Mesures de sécurité/### Actions du plan/### Parties prenantes/### L’étude EBIOS Risk Manager/### Accepter un risque/### Déclaration d’applicabilité et conformité/### Continuité d’activité/### Corriger une erreur/### Retirer un enregistrement/" \
  "kit (fr): install, then the commands of every kind of record"
has $F "apt-get install -y pandoc librsvg2-bin libreoffice-writer-nogui" "kit (fr): what the documents need"
has $E "apt-get install -y ./riskmap_*.deb" "kit (en): the Debian package"
for file in $F $E; do
  has $file "| Administra" "kit: the administrator's role"
  has $file "--format md,xlsx,docx,pdf,pptx" "kit: the formats"
  has $file "riskmap template export" "kit: a template overridden"
  has $file "riskmap snapshot create" "kit: snapshots"
  has $file "riskmap diff " "kit: diff"
  has $file "riskmap.db-wal" "kit: why a copy waits until nobody writes"
done

# The kinds of record with their commands and counts, as the workspace has them.
for kind in asset control stakeholder feared-event origin strategic path operational step scenario action; do
  run -w W $kind list --format csv
  count=$(($(wc -l <<<"$out") - 1))
  checks=$((checks + 1))
  grep -qE "^\| [^|]+ \| \`riskmap $kind\` \| [A-Z]+… \| $count \|$" $F ||
    { rc=-; out=$(grep -F "riskmap $kind\`" $F); err=; fail "kit (fr): the $kind row counts $count"; }
done
has $F "| Événements redoutés | \`riskmap feared-event\` | ER… | 8 |" "kit (fr): a study kind named"
has $E "| Risk scenarios | \`riskmap scenario\` | R… | 28 |" "kit (en): scenarios"
# The examples create the next free refs, on the method's scales.
has $F "riskmap asset add A28 --name \"Gestion des partenariats\"" "kit (fr): the next asset ref"
has $F "riskmap scenario add R29 --title" "kit (fr): the next scenario ref"
has $F "  --likelihood V2 --impact G3 \\" "kit (fr): the method's scale ids"
has $F "riskmap action add T21 " "kit (fr): the next action ref"
has $F "riskmap feared-event add ER9 --business-value A28" "kit (fr): the study chain on the new business value"
has $F "riskmap scenario list --owner \"Responsable exploitation\"" "kit (fr): the owner holding the most scenarios"
has $F "riskmap scenario accept R29 --approver \"Directeur général\" --until 2027-06-01" "kit (fr): an acceptance as long as allowed"
has $F "La cartographie désigne 12 propriétaires de risques${NB}:" "kit (fr): the owners named"
# The review: its rules and today's findings, as riskmap review counts them.
run -w W review rules --format csv
rules=$(($(wc -l <<<"$out") - 1))
has $F "\`riskmap review\` applique $rules règles à toute la cartographie, dont 8 sur l’étude EBIOS RM" "kit (fr): the rules"
run -w W review --today $T --format csv
findings=$(($(wc -l <<<"$out") - 1))
has $F "Au 1er${NB}juin 2026, la revue relève $findings constats${NB}:" "kit (fr): today's findings"
has $E "As of 1 June 2026, the review makes $findings findings:" "kit (en): today's findings"
has $F "elle limite ici la durée d’une acceptation de risque à 12 mois" "kit (fr): [review] max_acceptance_months"
# The calendar of the coming year, from the map's dates.
has $F "| Jusqu’au 30${NB}juin 2026 | — | — | — |" "kit (fr): the rest of the current quarter"
has $F "| juillet – septembre 2026 | — | R24 | T4, T7, T10 |" "kit (fr): R24's acceptance expires, three actions fall due"
has $F "| janvier – mars 2027 | R2, R3, R4, R9, R13, R14 et 2 autres, voir les fiches de scénarios | — | T2, T8, T9, T12, T17, T19 et 1 autre, voir le plan d’actions |" \
  "kit (fr): a long cell cut, saying where the rest is"
has $E "| July–September 2026 | — | R24 | T4, T7, T10 |" "kit (en): the calendar"
has $F "| À chaque échéance, au plus un an après l’approbation |" "kit (fr): acceptance renewals"
lacks $F "| **En retard" "kit (fr): nothing late on $T"
run -w W report method --today 2027-01-15 -o late
has late/method.md "| **En retard au 15${NB}janvier 2027** | R1, R5, R7, R10 | R24 | T1, T4, T5, T7, T10, T15 |" "kit (fr): what is late comes first"

# Another method, another [review]: no study, the scales' own ids, the limit in months.
run init I --method iso27005 --name "Caisse ISO" --lang fr -q
run -w I asset add A1 --name "Portail" --kind application -q
run -w I scenario add R1 --title "Fuite" --asset A1 --likelihood 3 --impact 4 --owner "DSI" -q
sed -i 's/^\[review\]$/&\nmax_acceptance_months = 18/' I/riskmap.toml
grep -q '^max_acceptance_months' I/riskmap.toml || printf '\n[review]\nmax_acceptance_months = 18\n' >>I/riskmap.toml
run -w I report method training-owners --today $T -o KI
expect_rc 0 "iso27005: report method training-owners"
has KI/method.md "  --likelihood L2 --impact C3 \\" "kit (iso27005): L and C ids"
lacks KI/method.md "riskmap feared-event" "kit (iso27005): no study commands"
lacks KI/method.md "Événements redoutés" "kit (iso27005): no study kinds"
has KI/method.md "elle limite ici la durée d’une acceptation de risque à 18 mois" "kit (iso27005): 18 months"
has KI/method.md "--until 2027-12-01" "kit (iso27005): the example acceptance runs 18 months"
has KI/training-owners.md "au plus 18${NB}mois, puis le risque redevient non traité" "deck (iso27005): 18 months"
has KI/training-owners.md "| L5 | Quasi certain |" "deck (iso27005): the likelihood scale"
expect_none "kit (iso27005): no empty section" "$(check empty_sections KI/method.md)"

# --- Every command line is a real one ---------------------------------------------------
# Rendered on the system date, as a reader would run them, then run in order
# in a copy of the workspace.
for lang in fr en; do
  run -w W report method training-owners --lang $lang -o now-$lang
  cp -a W C-$lang
  result=$(cd C-$lang && VISUAL=true EDITOR=true python3 "$SOURCE_DIR/tests/e2e/doc_commands.py" "$RISKMAP" \
    ../now-$lang/method.md ../now-$lang/training-owners.md)
  expect_none "kit ($lang): every command line runs" "$(tail -n +2 <<<"$result")"
  checks=$((checks + 1))
  ran=$(head -1 <<<"$result" | sed 's/.*, \([0-9]*\) run/\1/')
  [ "${ran:-0}" -ge 80 ] || { rc=-; out=$result; err=; fail "kit ($lang): only $ran command lines run"; }
done
result=$(cd C-fr && python3 "$SOURCE_DIR/tests/e2e/doc_commands.py" "$RISKMAP" ../K-fr/training.md)
expect_eq "$result" "0 commands, 0 run" "awareness deck: no command line"
# The checker itself fails a wrong one.
printf '```sh\nriskmap scenario list --nonesuch\nriskmap scenaro list\nriskmap asset show A999\n```\n' >bad.md
result=$(cd C-fr && python3 "$SOURCE_DIR/tests/e2e/doc_commands.py" "$RISKMAP" ../bad.md)
expect_eq "$(tail -n +2 <<<"$result" | wc -l)" 5 "the checker flags an unknown option, command and ref"

# --- The owners' deck ---------------------------------------------------------------------
O=K-fr/training-owners.md
OE=K-en/training-owners.md
expect_eq "$(check field $O title)" "Coter, accepter et revoir les risques" "deck (fr): title"
expect_eq "$(check field $OE title)" "Rating, accepting and reviewing risks" "deck (en): title"
for file in $O $OE; do
  result=$(check slides $file)
  expect_none "$file: slide structure" "$(tail -n +2 <<<"$result")"
  expect_none "$file: tables intact" "$(check tables $file)"
  # Speaker notes on every slide but the title slide.
  notes=$(python3 -c '
import sys
slides = open(sys.argv[1], encoding="utf-8").read().split("\n---\n")[2:]
print(sum(1 for s in slides if "\n> **" not in s))' $file)
  expect_eq "$notes" 0 "$file: notes on every slide"
  expect_none "$file: every scenario code with its title" "$(bare_codes $file)"
done
has $O "| V1 | Peu vraisemblable | La source de risque a peu de chances d’atteindre son objectif par ce scénario. |" "deck (fr): the likelihood scale"
has $O "| G4 | Critique |" "deck (fr): the impact scale"
has $O "| V4 Quasi certain | Moyen | **Élevé** | **Élevé** | **Élevé** |" "deck (fr): the grid, above the appetite in bold"
has $O "![Carte de chaleur du risque initial" "deck (fr): the heat map"
checks=$((checks + 1))
[ -s K-fr/training-owners-heatmap.svg ] || fail "deck (fr): no heat map file"
has $O "- **Combien de temps${NB}:** au plus un an, puis le risque redevient non traité." "deck (fr): how long an acceptance runs"
has $O "- **R22 — Coupure du réseau étendu entre le siège et les agences**${NB}: jusqu’au 30${NB}juin 2027" "deck (fr): an acceptance in force"
has $O "- Le RSSI lance la revue${NB}: $rules règles sur toute la cartographie." "deck (fr): the review's rules"
has $O "$findings constats, dont" "deck (fr): today's findings"
has $O "- **Acceptation échue${NB}:** la faire renouveler, ou traiter." "deck (fr): what a finding asks"
has $O "- **Chaque trimestre${NB}:** chacun revoit ses scénarios${NB}; revue." "deck (fr): the calendar"
has $O "par exemple pour le scénario R13 — Accès illégitime" "deck (fr): the example acceptance names its scenario with its title"
# One slide per owner, each with their scenarios, highest level first.
run -w W scenario list --format json
owners=$(json 'len({s["owner"] for s in d if s["owner"]})')
expect_eq "$(grep -c "^# Propriétaire${NB}: " $O)" "$owners" "deck (fr): a slide per owner"
has $O "# Propriétaire${NB}: Directeur financier" "deck (fr): an owner's slide"
has $O "- **R9 — Détournement de virements par modification frauduleuse du RIB**${NB}: niveau Élevé" "deck (fr): the owner's top scenario"
has $OE "# Owner: RSSI" "deck (en): an owner's slide"
has $OE "- **R1 — Rançongiciel sur le SI de production**: level High" "deck (en): with its level"
lacks $O "Scénarios sans propriétaire" "deck (fr): every scenario has an owner"

# An owner holding more scenarios than a slide shows; scenarios without an owner.
cp -a W X
for ref in R2 R3 R4 R5 R6 R7 R8 R9; do run -w X scenario set $ref --owner RSSI -q; done
run -w X scenario set R28 --clear owner -q
run -w X report training-owners --today $T -o KX
run -w X report training-owners --today $T --lang en -o KX-en
has KX/training-owners.md "Et 6 autres scénarios, dans le registre des risques." "deck (fr): the RSSI's twelve scenarios cut at six"
has KX-en/training-owners.md "And 6 more scenarios, in the risk register." "deck (en): the cut"
has KX/training-owners.md "# Scénarios sans propriétaire" "deck (fr): the unowned scenarios"
has KX/training-owners.md "- **R28 — Hameçonnage des assurés par usurpation de l’image de la Caisse**${NB}: niveau" "deck (fr): R28 without an owner"
has KX/training-owners.md "- Un scénario n’a pas encore de propriétaire." "deck (fr): counted"

# --- The awareness deck: a code always with its title ---------------------------------------
A=K-fr/training.md
has $A "1. **R1 — Rançongiciel sur le SI de production**${NB}: niveau Élevé" "training (fr): the top risks with code and title"
has $A "# Risque n°${NB}1${NB}: R1 — Rançongiciel sur le SI de production" "training (fr): a risk's slide"
has $A "# Annexe${NB}: Hameçonnage et ingénierie sociale" "training (fr): a family's annex slide"
has $A "- **R10** — Hameçonnage ciblé des agents" "training (fr): the annex names code and title"
has K-en/training.md "# Annex: Phishing and social engineering" "training (en): a family's annex slide"
checks=$((checks + 1))
grep -qE "Hameçonnage et ingénierie sociale\*\*${NB}: faux messages et faux appels \([0-9]+ scénarios\)" $A ||
  { rc=-; out=$(grep -F 'Hameçonnage' $A | head -2); err=; fail "training (fr): the family counts its scenarios"; }
checks=$((checks + 1))
grep -q 'R[0-9]' K-fr/training-heatmap.svg && { rc=-; out=; err=; fail "training: the slide's heat map names codes without titles"; }

finish
