#!/usr/bin/env bash
# Real files as they come: a quote inside an unquoted field is kept as
# spreadsheets keep it, and every structural error of a file is reported,
# with its line and its column's number and name, nothing imported. Other
# tools' exports and common registers read through built-in mappings
# (import --map NAME, --map-values, mapping list|show), and a header that is
# not riskmap's pointing to them.
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


# --- CISO Assistant's export, in English: 5 levels onto our 4 --------------------
data="$SOURCE_DIR/tests/data/ciso-assistant"
en="$data/risk-assessment-en.csv"   # BOM, ';', CRLF, formulas guarded with "'", "--" unrated
fr="$data/risk-assessment-fr.csv"   # the same in French, with the inherent_* columns
run init ca --lang en
before=$(snapshot ca)
run -w ca import "$en" --map ciso-assistant --dry-run
expect_rc 0 "ciso-assistant --dry-run (no --kind: the mapping gives it):"
expect_err "would import 4 assets: 4 added, 0 updated, 0 skipped; 5 controls: 5 added, 0 updated, 0 skipped; 5 scenarios: 5 added" "ciso-assistant --dry-run: counts"
expect_unchanged ca "$before" "ciso-assistant --dry-run writes nothing"
j0=$(journal_count ca)
run -w ca import "$en" --map ciso-assistant
expect_rc 0 "ciso-assistant import:"
expect_no_out "ciso-assistant import: stdout"
expect_eq "$(journal_count ca)" $((j0 + 1)) "ciso-assistant import: one journal entry"
expect_err "likelihood: the file's labels are on the scale Very low < Low < Medium < High < Very high of [scale.likelihood] (preset ciso-assistant:" "note: the scale the labels chose"
expect_err "read by their order on it: Very low = V1, Low = V2, Medium = V3, High = V3, Very high = V4; --map-values likelihood:LABEL=ID reads a label otherwise" "note: the correspondence, label by label"
expect_err "impact: the file's labels are on the scale Very low < Low < Medium < High < Very high" "note: impact"
expect_err "Very low = low, Low = low, Medium = medium, High = high, Very high = high" "note: levels"
expect_err "created 4 assets (A1 'Member portal', A2 'Member database', A3 'Payroll software', A4 'Main data centre')" "assets named by the export, created"
run -w ca scenario show R.1 --format json
expect_eq "$(json 'd["title"]')" "Ransomware on the member portal" "R.1: name -> title, ref_id kept as the ref"
expect_eq "$(json '"|".join([d["current_likelihood"]["id"], d["current_impact"]["id"], d["residual_likelihood"]["id"], d["residual_impact"]["id"], d["recorded_level"]["id"]])')" \
  "V3|G4|V2|G3|high" "R.1: High/Very High, Low/High, Very High recorded"
expect_eq "$(json 'd["assets"]')" '["A1", "A2"]' "R.1: two assets in one cell"
expect_eq "$(json 'd["existing_controls"] + d["additional_controls"]')" '["M1", "M2", "M3"]' "R.1: existing and additional controls"
expect_eq "$(json 'd["threat"] + "|" + d["treatment"]')" "Ransomware|mitigate" "R.1: threats and treatment"
expect_eq "$(json 'd["notes"]')" $'residual_risk: Medium\nstrength_of_knowledge: Medium' "R.1: CISO Assistant's other columns as notes"
expect_eq "$(json 'd["description"]')" "The portal's servers are encrypted; members cannot log in for days" "R.1: a quoted cell holding ';'"
run -w ca scenario show R.4 --format json
expect_eq "$(json '[d[k] for k in ("current_likelihood", "current_impact", "residual_likelihood", "recorded_level", "notes")]')" \
  "[null, null, null, null, null]" "R.4: '--' (guarded as '--) is no value, and no note"
expect_eq "$(json 'd["description"]')" $'- staff "admin" accounts phished\n- no second factor' "R.4: the formula guard removed, quotes and line break kept"
run -w ca scenario show R.5 --format json
expect_eq "$(json 'd["title"] + "|" + d["treatment"]')" '=HYPERLINK("http://intranet/risks/5")|open' "R.5: a guarded formula read back; cancelled comes in undecided"
run -w ca control list --format json
expect_eq "$(json '[[c["ref"], c["state"]] for c in d]')" \
  '[["M1", "existing"], ["M2", "planned"], ["M3", "planned"], ["M4", "existing"], ["M5", "planned"]]' \
  "controls: existing_applied_controls existing, additional_controls planned"

# --map-values: a label read otherwise, over the preset's order.
run init cv --lang en
run -w cv import "$en" --map ciso-assistant --map-values 'likelihood:High=V4,"Very high"=V4' --map-values 'level:Low=medium'
expect_rc 0 "--map-values:"
expect_err "Very low = V1, Low = V2, Medium = V3, High = V4 (--map-values), Very high = V4 (--map-values)" "--map-values: shown in the note"
run -w cv scenario show R.1 --format json
expect_eq "$(json 'd["current_likelihood"]["id"] + "|" + d["recorded_level"]["id"]')" "V4|high" "--map-values: High -> V4"
run -w cv scenario show R.5 --format json
expect_eq "$(json 'd["recorded_level"]["id"]')" "medium" "--map-values: Low -> medium for a level"

# --- The French export, with the inherent columns: EBIOS RM's 4x4 --------------------
run init cf --lang fr
run -w cf import "$fr" --map ciso-assistant
expect_rc 0 "ciso-assistant, French:"
expect_err "likelihood: the file's labels are on the scale Peu vraisemblable < Vraisemblable < Très vraisemblable < Certain" "French: the scale"
expect_err "Peu vraisemblable = V1, Vraisemblable = V2, Très vraisemblable = V3, Certain = V4" "French: ours, and Certain by its order"
expect_err_lacks "level: the file's labels" "French: Faible, Moyen, Élevé are our levels: no note"
run -w cf scenario show R.1 --format json
expect_eq "$(json '"|".join([d["inherent_likelihood"]["id"], d["inherent_impact"]["id"], d["current_likelihood"]["id"], d["current_impact"]["id"], d["residual_likelihood"]["id"], d["residual_impact"]["id"], d["recorded_level"]["id"]])')" \
  "V4|G4|V3|G4|V2|G3|high" "French R.1: inherent, current, residual"
expect_eq "$(json 'd["notes"]')" $'residual_risk: Moyen\ninherent_level: Élevé\nstrength_of_knowledge: Moyen' "French R.1: notes, inherent_level among them"
expect_eq "$(json 'd["assets"]')" '["A1", "A2"]' "French R.1: assets"
run -w cf scenario show R.2 --format json
expect_eq "$(json 'd["inherent_impact"]["id"] + d["current_likelihood"]["id"] + d["recorded_level"]["id"]')" "G2V2low" "French R.2: Significatif, Vraisemblable, Faible"

# --- mapping list | show: a preset as a file to copy gives the same map -------------
run mapping list
expect_rc 0 "mapping list:"
expect_out "ciso-assistant" "mapping list: ciso-assistant"
expect_out "registre-fr" "mapping list: registre-fr"
run mapping list --format json
expect_rc 0 "mapping list --format json:"
expect_eq "$(json '[[p["name"], p["kind"]] for p in d]')" '[["ciso-assistant", "scenarios"], ["registre-fr", "scenarios"]]' "mapping list --format json"
expect_eq "$(json 'all(p["reads"] for p in d)')" "true" "mapping list: what each reads"
run mapping show ciso-assistant
expect_rc 0 "mapping show:"
expect_no_err "mapping show"
printf '%s\n' "$out" >ciso.toml
expect_eq "$(py_eval 't["columns"]["title"]' ciso.toml)" "name" "mapping show prints TOML: title = \"name\""
expect_eq "$(py_eval 't["file"]["empty"]' ciso.toml)" '["--"]' "mapping show: [file] empty"
run init cc --lang en
run -w cc import "$en" --kind scenarios --map ciso.toml
expect_rc 0 "the printed preset as a mapping file:"
expect_err "of [scale.likelihood] (ciso.toml:" "the copy's notes name the copy"
expect_eq "$(data_dump cc)" "$(data_dump ca)" "the copy imports exactly what --map ciso-assistant does"
run mapping show registre-fr
expect_out "[columns]" "mapping show registre-fr"
expect_out "Propriétaire" "mapping show registre-fr: French headers"

# A file named like a built-in mapping is ./NAME; a folder of that name is no file.
mkdir ciso-assistant
cp ciso.toml ./registre-fr
run init cn --lang en
run -w cn import "$en" --map ciso-assistant --dry-run
expect_rc 0 "--map NAME with a folder of that name here: the built-in mapping"
run -w cn import "$en" --kind scenarios --map ./registre-fr --dry-run
expect_rc 0 "--map ./NAME: the file"
expect_err "would import 4 assets" "--map ./NAME: read as the CISO mapping it holds"

# --- Refused, with nothing changed -------------------------------------------------
bad ca 2 "an unknown built-in mapping" import "$en" --map ciso
expect_err "riskmap: --map: 'ciso' is neither a file nor a built-in mapping (did you mean 'ciso-assistant'?); built-in mappings: ciso-assistant, registre-fr (riskmap mapping list)" "unknown preset: did you mean"
bad ca 2 "a preset of another kind" import "$en" --map ciso-assistant --kind assets
expect_err "--map ciso-assistant reads scenarios, not assets" "preset kind"
bad ca 2 "--map-values without a name" import "$en" --map ciso-assistant --map-values 'High=V4'
expect_err "--map-values: 'High=V4' is not NAME:LABEL=VALUE,LABEL=VALUE...; NAME is one of: " "--map-values syntax"
bad ca 2 "--map-values without '='" import "$en" --map ciso-assistant --map-values 'likelihood:High'
expect_err "--map-values: 'High' in likelihood: each item is LABEL=VALUE" "--map-values: LABEL=VALUE"
bad ca 2 "--map-values off our scale" import "$en" --map ciso-assistant --map-values 'likelihood:High=V9'
expect_err "--map-values: likelihood:'High'=V9: 'V9' is not on the likelihood scale" "--map-values: the target checked"
bad ca 2 "--map-values on a mistyped name" import "$en" --map ciso-assistant --map-values 'likelyhood:High=V4'
expect_err "'likelyhood' takes no labels for scenarios (did you mean 'likelihood'?)" "--map-values: did you mean"
bad ca 2 "--map-values without --map" import "$en" --kind scenarios --map-values 'likelihood:High=V4'
expect_err "--map-values goes with --map" "--map-values alone"
bad ca 2 "mapping show of an unknown name" mapping show ciso-asistant
expect_err "riskmap: 'ciso-asistant' is not a built-in mapping (did you mean 'ciso-assistant'?); allowed: ciso-assistant, registre-fr" "mapping show: did you mean"
# A label on none of the preset's scales: the row, the column, the value, what is allowed.
sed 's/;Medium;Medium;Medium;;/;Extreme;Medium;Medium;;/' "$en" >extreme.csv
bad ca 1 "a label on no scale" import extreme.csv --map ciso-assistant --on-conflict update
expect_err "extreme.csv: 1 error; nothing was imported:" "unknown label: counted"
expect_err "extreme.csv:3: column 'current_impact' (current_impact): 'Extreme' is not on the scale Very low < Low < Medium < High < Very high of [scale.impact] (preset ciso-assistant:" "unknown label: where, and the scale of the file's other labels"
expect_err "nor on our impact scale: 1 to 4 or its ids and labels (--map-values impact:'Extreme'=ID says what it is)" "unknown label: how to say what it is"

# --- Without --map: the header says which mapping reads the file --------------------
bad ca 1 "CISO Assistant's export read as riskmap's own" import "$en" --kind scenarios
expect_err "risk-assessment-en.csv:1: unknown column 'ref_id' for scenarios; the header is not riskmap's but that of a file that a built-in mapping reads: import it with --map ciso-assistant (CISO Assistant's risk assessment export" "no --map: the preset named"
bad ca 2 "CISO Assistant's export without --kind" import "$en"
expect_err "--kind is required for a CSV file: " "no --kind"
expect_err "the file's header is that of a file that a built-in mapping reads, and gives the kind: --map ciso-assistant" "no --kind: the preset named"
printf 'Nom;Note;Cotation;Pilote\nRisque A;3;12;RSSI\n' >own.csv
bad ca 1 "a ';'-separated file of one's own" import own.csv --kind scenarios
expect_err "own.csv:1: unknown column 'Nom' for scenarios; with 4 columns riskmap does not know, the file looks like a spreadsheet of your own (';'-separated): import it through a mapping of its columns, --map FILE.toml (IMPORT MAPPING in man riskmap), as no built-in mapping reads this header (riskmap mapping list); allowed: ref, title," "own file: ';'-separated, --map"
printf 'ref\ttitle\nR1\tA\n' >tabs.csv
bad ca 1 "a tab-separated file" import tabs.csv --kind scenarios
expect_err "the file looks tab-separated" "tabs: said"
printf 'ref,titel\nR1,A\n' >typo.csv
bad ca 1 "riskmap's header with a typo" import typo.csv --kind scenarios
expect_err "unknown column 'titel' for scenarios (did you mean 'title'?); allowed: " "typo: did you mean, no --map hint"
expect_err_lacks "--map" "typo: no --map hint"
# A mapping naming a column in another tool's words.
printf '[columns]\nname = "Risque"\n' >words.toml
bad ca 1 "a mapping key in another tool's words" import own.csv --kind scenarios --map words.toml
expect_err "words.toml:2:1: unknown field 'name' in [columns] for scenarios (did you mean 'title'?)" "[columns] name -> title"

# --- A French register: Windows-1252, its own headers, notes and words ---------------
{
  printf 'N°;Intitulé du risque;Actifs concernés;Menace;Vraisemblance;Gravité;Niveau de risque;Criticité;Mesures en place;Décision;Mesures prévues;Responsable;Échéance;Commentaire\r\n'
  printf 'R01;Fuite de données adhérents;Portail adhérents, Base adhérents;Attaquant externe;Forte;Critique;Élevé;12;Pare-feu applicatif;Réduire;"MFA; Chiffrement";RSSI;30/06/2027;Audit 2025\r\n'
  printf 'R02;Panne du centre de données;Salle serveurs;Incendie;2;4;Moyen;8;-;Transfert;-;DSI;-;\r\n'
  printf 'R-3;Erreur de paie;Logiciel de paie;Erreur humaine;Faible;Moyenne;Faible;2;Double contrôle;Maintien;;DRH;;\r\n'
  printf 'R 4;Départ d’un administrateur;;Perte de compétences;N/A;Non évalué;;;;À définir;;;;\r\n'
} | iconv -f UTF-8 -t WINDOWS-1252 >registre.csv
run init rf --lang fr
run -w rf import registre.csv --map registre-fr
expect_rc 0 "registre-fr:"
expect_err "registre.csv is not UTF-8 (line 1); read as Windows-1252" "registre-fr: Windows-1252 detected"
expect_err "impact: the file's labels are on the scale Faible < Moyenne < Forte < Critique" "registre-fr: la gravité, au féminin"
expect_err "likelihood: the file's labels are on the scale Faible < Moyenne < Forte < Très forte" "registre-fr: likelihood words"
expect_err "imported 4 assets: 4 added, 0 updated, 0 skipped; 4 controls: 4 added, 0 updated, 0 skipped; 4 scenarios: 4 added" "registre-fr: counts"
run -w rf scenario list --format json
expect_eq "$(json '[[s["ref"], (s["current_likelihood"] or {}).get("id"), (s["current_impact"] or {}).get("id"), (s["recorded_level"] or {}).get("id"), s["treatment"], s["owner"]] for s in sorted(d, key=lambda s: s["ref"])]')" \
  '[["R1", "V3", "G4", "high", "mitigate", "RSSI"], ["R2", "V2", "G4", "medium", "transfer", "DSI"], ["R3", "V1", "G2", "low", "accept", "DRH"], ["R4", null, null, null, "open", null]]' \
  "registre-fr: refs from their number, words and notes 1-4, treatments"
run -w rf scenario show R1 --format json
expect_eq "$(json 'd["assets"]')" '["A1", "A2"]' "registre-fr R1: assets"
expect_eq "$(json 'd["additional_controls"]')" '["M2", "M3"]' "registre-fr R1: 'MFA; Chiffrement'"
expect_eq "$(json 'd["notes"]')" $'Criticité: 12\nÉchéance: 30/06/2027\nCommentaire: Audit 2025' "registre-fr R1: the file's headers in the notes"
run -w rf scenario show R2 --format json
expect_eq "$(json 'd["existing_controls"] + d["additional_controls"]')" '[]' "registre-fr R2: '-' is empty, no control named '-'"
expect_eq "$(json 'd["notes"]')" "Criticité: 8" "registre-fr R2: '-' no note"
# Updated from a later copy: an empty ('-') cell keeps the stored value.
run -w rf scenario set R2 --residual-likelihood V1
iconv -f WINDOWS-1252 -t UTF-8 registre.csv | sed 's/^R02;\(.*\);2;4;Moyen;/R02;\1;3;4;Élevé;/' >registre-2.csv
run -w rf import registre-2.csv --map registre-fr --on-conflict update
expect_rc 0 "registre-fr update:"
run -w rf scenario show R2 --format json
expect_eq "$(json 'd["current_likelihood"]["id"] + d["recorded_level"]["id"] + d["residual_likelihood"]["id"]')" "V3highV1" "registre-fr update: changed cells change, the rest stays"

# A register rated 1 to 5: refused with what to do, nothing written.
printf 'Risque;Probabilité;Impact\nA;5;2\n' >cinq.csv
bad rf 1 "a register rated 1 to 5" import cinq.csv --map registre-fr
expect_err "cinq.csv:2: column 'Probabilité' (current_likelihood): '5' is not on the client's scale: [scale.likelihood] (preset registre-fr:" "1-5: where"
expect_err "takes a whole number from 1 to 4" "1-5: what is allowed"

# Under another method: CISO Assistant's ISO 27005 matrix onto iso27005, label for label.
run init ci --method iso27005 --lang en
{
  printf '\xef\xbb\xbfref_id;assets;threats;name;description;existing_applied_controls;current_impact;current_proba;current_risk;additional_controls;residual_impact;residual_proba;residual_risk;treatment;strength_of_knowledge\r\n'
  printf 'R1;ERP;Fraud;Invoice fraud;;;4 - critical;2 - rather unlikely;3 - medium;;2 - significant;1 - unlikely;1 - very low;mitigate;High\r\n'
  printf 'R2;ERP;Outage;ERP outage;;;5 - catastrophic;3 - likely;4 - high;;;;;open;Low\r\n'
} >iso.csv
run -w ci import iso.csv --map ciso-assistant
expect_rc 0 "ciso-assistant under iso27005:"
run -w ci scenario list --format json
expect_eq "$(json '[[s["ref"], s["current_likelihood"]["id"], s["current_impact"]["id"], s["recorded_level"]["id"]] for s in sorted(d, key=lambda s: s["ref"])]')" \
  '[["R1", "L2", "C4", "medium"], ["R2", "L3", "C5", "high"]]' "iso27005: 1 - unlikely... by their order, 5 onto 5"

finish
