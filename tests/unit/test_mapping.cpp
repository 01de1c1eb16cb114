#include <doctest/doctest.h>

#include <sstream>

#include <fmt/format.h>

#include "asset.hpp"
#include "csv.hpp"
#include "encoding.hpp"
#include "error.hpp"
#include "mapping.hpp"
#include "mapping_scales.hpp"
#include "method.hpp"
#include "scenario.hpp"
#include "workspace.hpp"

using namespace riskmap;

namespace {

const Method& ebios_method() {
  static const Method method = load_method("ebios-rm");
  return method;
}

Mapping scenario_mapping(const std::string& text) {
  return read_mapping(text, "map.toml", scenario_kind(), ebios_method());
}

std::string mapping_error(const std::string& text, const EntityKind& kind = scenario_kind()) {
  try {
    read_mapping(text, "map.toml", kind, ebios_method());
  } catch (const ContentError& e) {
    return e.what();
  }
  return "no error";
}

const Field& scenario_field(const char* name) {
  return scenario_kind().fields[scenario_kind().index(name)];
}

std::string read_error(const Mapping& mapping, const char* field, const std::string& cell) {
  try {
    mapping.read(scenario_field(field), cell, ebios_method());
  } catch (const ValueError& e) {
    return e.what();
  }
  return "no error";
}

std::int64_t position(const Value& value) {
  return std::get<std::int64_t>(value);
}

std::string from_windows1252(const std::string& bytes) {
  std::string out;
  REQUIRE_FALSE(append_windows1252(bytes, out));
  return out;
}

}  // namespace

TEST_SUITE("mapping") {
  TEST_CASE("headers and labels match trimmed, case and accents aside, spaces collapsed") {
    CHECK(match_key("  Elevé ") == "eleve");
    CHECK(match_key("ÉLEVÉ") == "eleve");
    CHECK(match_key("Niveau\n de   risque") == "niveau de risque");
    CHECK(match_key("Probabilité") == match_key("PROBABILITE"));
  }

  TEST_CASE("list cells split on commas, semicolons and line breaks") {
    CHECK(split_cell("A1; Serveur de fichiers") ==
          std::vector<std::string>{"A1", "Serveur de fichiers"});
    CHECK(split_cell("Revue de code\r\nTests, ;\n") ==
          std::vector<std::string>{"Revue de code", "Tests"});
    CHECK(split_cell("  ").empty());
  }

  TEST_CASE("a client's scale is rescaled linearly, halves rounded up") {
    // 1..5 onto 1..4: 1, 1.75, 2.5, 3.25, 4.
    CHECK(rescale(1, 5, 4) == 1);
    CHECK(rescale(2, 5, 4) == 2);
    CHECK(rescale(3, 5, 4) == 3);
    CHECK(rescale(4, 5, 4) == 3);
    CHECK(rescale(5, 5, 4) == 4);
    // 1..3 onto 1..4: 1, 2.5, 4.
    CHECK(rescale(2, 3, 4) == 3);
    // 1..4 onto 1..3: 1, 1.67, 2.33, 3.
    CHECK(rescale(2, 4, 3) == 2);
    CHECK(rescale(3, 4, 3) == 2);
    CHECK(rescale(4, 4, 3) == 3);
    CHECK(rescale(4, 4, 4) == 4);
  }

  TEST_CASE("a whole mapping is read") {
    const Mapping mapping = scenario_mapping(R"(
[file]
delimiter = ";"
encoding = "windows-1252"
[refs]
prefix = "R"
[columns]
title = "Intitulé"
ref = "N°"
current_likelihood = "Probabilité"
current_impact = "Gravité"
notes = ["Commentaire", "Source"]
[values.current_likelihood]
"Faible" = "V1"
"Elevé" = 3
"élevé" = "V3"
"Critique" = "quasi certain"
[scale.current_impact]
from = 5
[defaults]
status = "validated"
criteria = ["C", "I"]
)");
    CHECK(mapping.delimiter == ';');
    CHECK(mapping.encoding == Encoding::windows1252);
    CHECK(mapping.ref_prefix == "R");
    REQUIRE(mapping.columns.size() == 4);
    CHECK(mapping.columns[0].field == "title");  // in the file's order
    CHECK(mapping.columns[0].line == 8);
    REQUIRE(mapping.notes.size() == 2);
    CHECK(mapping.notes[1].header == "Source");
    const LabelMap& labels = mapping.values.at("current_likelihood");
    CHECK(labels.labels() == std::vector<std::string>{"Faible", "Elevé", "Critique"});
    CHECK(*labels.find("ELEVE") == "V3");
    CHECK(*labels.find("critique") == "V4");
    CHECK(mapping.scales.at("current_impact").from == 5);
    const auto status = scenario_kind().index("status");
    REQUIRE(mapping.default_of(status));
    CHECK(std::get<std::string>(*mapping.default_of(status)) == "validated");
  }

  TEST_CASE("cells are read through labels, the client's scale, then our own values") {
    const Mapping mapping = scenario_mapping(R"(
[columns]
title = "Intitulé"
[values.current_likelihood]
"Faible" = "V1"
"Elevé" = "V3"
[scale.current_impact]
from = 5
[values.recorded_level]
"Rouge" = "high"
[values.treatment]
"Traité" = "mitigate"
)");
    const Method& method = ebios_method();
    CHECK(position(mapping.read(scenario_field("current_likelihood"), " élevé ", method)) == 3);
    // Not a client label: read as riskmap reads it (position, id, label).
    CHECK(position(mapping.read(scenario_field("current_likelihood"), "V2", method)) == 2);
    CHECK(position(mapping.read(scenario_field("current_likelihood"), "quasi certain", method)) ==
          4);
    CHECK(position(mapping.read(scenario_field("current_impact"), "4", method)) == 3);
    CHECK(position(mapping.read(scenario_field("recorded_level"), "ROUGE", method)) == 3);
    CHECK(position(mapping.read(scenario_field("recorded_level"), "moyen", method)) == 2);
    CHECK(std::get<std::string>(mapping.read(scenario_field("treatment"), "traite", method)) ==
          "mitigate");
    CHECK(std::get<std::string>(mapping.read(scenario_field("title"), "  Titre ", method)) ==
          "Titre");
    CHECK(std::holds_alternative<std::monostate>(
        mapping.read(scenario_field("current_likelihood"), "  ", method)));
    CHECK(std::get<std::vector<std::string>>(
              mapping.read(scenario_field("criteria"), "Intégrité; confidentialité", method)) ==
          std::vector<std::string>{"C", "I"});

    const std::string unmapped = read_error(mapping, "current_likelihood", "Moyen+");
    CHECK(unmapped.find("'Moyen+' is not a label of [values.current_likelihood] (map.toml:4)") ==
          0);
    CHECK(unmapped.find("its labels: 'Faible', 'Elevé'") != std::string::npos);
    CHECK(read_error(mapping, "current_impact", "6") ==
          "'6' is not on the client's scale: [scale.current_impact] (map.toml:8) takes a whole "
          "number from 1 to 5");
    CHECK(read_error(mapping, "current_impact", "G3").find("'G3' is not on the client's scale") ==
          0);
  }

  TEST_CASE("refs: valid refs as they are, or made from a number with [refs] prefix") {
    const Mapping plain = scenario_mapping("[columns]\ntitle = \"T\"\n");
    CHECK(plain.read_ref(" R12 ") == "R12");
    CHECK(plain.read_ref("") == "");
    CHECK_THROWS_AS(plain.read_ref("R 12"), ValueError);
    const Mapping prefixed = scenario_mapping("[refs]\nprefix = \"R\"\n[columns]\ntitle = \"T\"\n");
    CHECK(prefixed.read_ref("R 12") == "R12");
    CHECK(prefixed.read_ref("n°3") == "R3");
    CHECK(prefixed.read_ref("007") == "R7");
    CHECK(prefixed.read_ref("0") == "R0");
    CHECK_THROWS_WITH_AS(prefixed.read_ref("1.2"), doctest::Contains("holds several numbers"),
                         ValueError);
    CHECK_THROWS_WITH_AS(prefixed.read_ref("n°?"), doctest::Contains("holds no number"),
                         ValueError);
  }

  TEST_CASE("bad mappings name the file, line and column, and what is allowed") {
    CHECK(mapping_error("[columns]\ntitel = \"T\"\n")
              .starts_with("map.toml:2:1: unknown field 'titel' in [columns] for scenarios (did "
                           "you mean 'title'?); allowed: ref, title,"));
    CHECK(mapping_error("[columns]\ntitle = \"T\"\n[values.recorded_level]\n\"Rouge\" = \"red\"\n")
              .starts_with("map.toml:4:11: [values.recorded_level] 'Rouge' = 'red': 'red' is not "
                           "on the level scale"));
    CHECK(mapping_error("[columns]\ntitle = \"T\"\n[values.current_impact]\n\"Grave\" = 5\n")
              .starts_with("map.toml:4:11: [values.current_impact] 'Grave' = '5': '5' is not on "
                           "the impact scale"));
    CHECK(mapping_error("[columns]\ntitle = \"T\"\n[scale.current_impact]\nfrom = 1\n")
              .starts_with("map.toml:4:8: from in [scale.current_impact] must be a whole number "
                           "from 2 to 100"));
    CHECK(mapping_error("[columns]\ntitle = \"T\"\n[scale.title]\nfrom = 5\n")
              .starts_with("map.toml:3:8: [scale.title]: title is not on a scale"));
    CHECK(mapping_error("[columns]\ntitle = 3\n")
              .starts_with("map.toml:2:9: title in [columns] must be the header of a column"));
    CHECK(mapping_error("[columns\n").starts_with("map.toml:1:9: "));
    CHECK(mapping_error("[columns]\ntitle = \"T\"\n[colonnes]\n")
              .starts_with("map.toml:3:2: unknown key 'colonnes' in the mapping; allowed: 'file', "
                           "'columns'"));
    CHECK(mapping_error("[file]\ndelimiter = \"|\"\n[columns]\ntitle = \"T\"\n")
              .starts_with("map.toml:2:13: delimiter in [file] must be"));
    CHECK(mapping_error("[refs]\nprefix = \"R1\"\n[columns]\ntitle = \"T\"\n")
              .starts_with("map.toml:2:10: prefix in [refs] must be letters"));
    CHECK(mapping_error("[columns]\ntitle = \"T\"\n[defaults]\nref = \"R1\"\n")
              .starts_with("map.toml:4:1: ref has no default"));
    CHECK(mapping_error("[columns]\ntitle = \"T\"\n[defaults]\ncurrent_impact = \"G9\"\n")
              .starts_with("map.toml:4:18: current_impact in [defaults]: 'G9' is not on the impact "
                           "scale"));
    CHECK(
        mapping_error("[file]\n").starts_with("map.toml:1:1: the mapping has no [columns] table"));
    CHECK(mapping_error("[columns]\nname = \"Nom\"\nnotes = \"Remarques\"\n", asset_kind())
              .starts_with("map.toml:3:1: unknown field 'notes' in [columns] for assets"));
  }

  TEST_CASE("[values] and [scale] of a scale serve every field on it without a table of its own") {
    const Mapping mapping = scenario_mapping(R"(
[columns]
title = "T"
[values.likelihood]
"Rare" = "V1"
"--" = ""
[values.residual_likelihood]
"Rare" = "V2"
[values.level]
"Rouge" = "high"
[scale.impact]
from = 5
[values.treatment]
"Annulé" = ""
[values.assets]
"Aucun" = ""
)");
    const Method& method = ebios_method();
    for (const char* field : {"inherent_likelihood", "current_likelihood"}) {
      CAPTURE(field);
      CHECK(position(mapping.read(scenario_field(field), "rare", method)) == 1);
      CHECK(std::holds_alternative<std::monostate>(mapping.read(scenario_field(field), "--", method)));
    }
    CHECK(position(mapping.read(scenario_field("residual_likelihood"), "Rare", method)) == 2);
    CHECK(position(mapping.read(scenario_field("recorded_level"), "rouge", method)) == 3);
    for (const char* field : {"inherent_impact", "current_impact", "residual_impact"})
      CHECK(position(mapping.read(scenario_field(field), "5", method)) == 4);
    CHECK(std::holds_alternative<std::monostate>(
        mapping.read(scenario_field("treatment"), "annule", method)));
    CHECK(list_of(mapping.read(scenario_field("assets"), "A1, Aucun", method)) ==
          std::vector<std::string>{"A1"});
    CHECK(mapping.labels_for(scenario_field("current_likelihood"))->table == "likelihood");
    CHECK(mapping.labels_for(scenario_field("residual_likelihood"))->table ==
          "residual_likelihood");
    CHECK(read_error(mapping, "current_likelihood", "Moyen+")
              .starts_with("'Moyen+' is not a label of [values.likelihood] (map.toml:4)"));

    // A scale the kind has no field on is no table name.
    CHECK(mapping_error("[columns]\nname = \"N\"\n[values.likelihood]\n\"x\" = 1\n", asset_kind())
              .starts_with("map.toml:3:9: unknown field or scale 'likelihood' in [values] for "
                           "assets"));
    CHECK(mapping_error("[columns]\nname = \"N\"\n[scale.impact]\nfrom = 3\n", asset_kind()) ==
          "no error");
    CHECK(mapping_error("[columns]\ntitle = \"T\"\n[values.level]\n\"x\" = \"V1\"\n")
              .starts_with("map.toml:4:7: [values.level] 'x' = 'V1': 'V1' is not on the level "
                           "scale"));
    CHECK(mapping_error("[columns]\ntitle = \"T\"\n[values.likelihood]\n\"a\" = \"\"\n\"A\" = 1\n")
              .starts_with("map.toml:5:1: [values.likelihood]: 'a' and 'A' are the same label once "
                           "case and accents are set aside, but map to no value (\"\") and V1"));
  }

  TEST_CASE("[columns]: a column the file may lack, and suggestions in other tools' words") {
    const Mapping mapping = scenario_mapping(R"(
[columns]
title = "name"
inherent_likelihood = { header = "inherent_proba", optional = true }
notes = ["residual_risk", { header = "inherent_level", optional = true }]
)");
    REQUIRE(mapping.columns.size() == 2);
    CHECK_FALSE(mapping.columns[0].optional);
    CHECK(mapping.columns[1].optional);
    CHECK(mapping.columns[1].header == "inherent_proba");
    REQUIRE(mapping.notes.size() == 2);
    CHECK(mapping.notes[1].optional);
    const HeaderBinding without = bind_header(mapping, {"name", "residual_risk"}, "f.csv", 1);
    CHECK(without.fields.size() == 1);
    CHECK(without.notes.size() == 1);
    const HeaderBinding with =
        bind_header(mapping, {"inherent_level", "name", "residual_risk", "inherent_proba"}, "f.csv", 1);
    CHECK(with.fields.size() == 2);
    CHECK(with.notes.size() == 2);
    CHECK(header_fits(mapping, {"NAME", "Residual_Risk", "other"}));
    CHECK_FALSE(header_fits(mapping, {"name", "inherent_proba"}));

    CHECK(mapping_error("[columns]\nname = \"Nom\"\n")
              .starts_with("map.toml:2:1: unknown field 'name' in [columns] for scenarios (did you "
                           "mean 'title'?)"));
    CHECK(mapping_error("[columns]\ntitle = \"T\"\ncurrent_proba = \"P\"\n")
              .find("(did you mean 'current_likelihood'?)") != std::string::npos);
    CHECK(mapping_error("[columns]\ntitle = \"T\"\nresidual_probability = \"P\"\n")
              .find("(did you mean 'residual_likelihood'?)") != std::string::npos);
    CHECK(mapping_error("[columns]\ntitle = \"T\"\nref_id = \"P\"\n")
              .find("(did you mean 'ref'?)") != std::string::npos);
    CHECK(mapping_error("[columns]\ntitle = \"Nom\"\n", asset_kind())
              .find("(did you mean 'name'?)") != std::string::npos);
    CHECK(mapping_error("[columns]\ntitle = { optional = true }\n")
              .starts_with("map.toml:2:9: title in [columns] needs header = "));
    CHECK(mapping_error("[columns]\ntitle = { header = \"T\", optional = \"yes\" }\n")
              .starts_with("map.toml:2:36: optional in title in [columns] is true or false"));
    CHECK(mapping_error("[columns]\ntitle = { header = \"T\", hidden = true }\n")
              .starts_with("map.toml:2:25: unknown key 'hidden' in title in [columns]"));
  }

  TEST_CASE("label scales: the file's labels choose the scale, then ours or their order") {
    Mapping mapping = scenario_mapping(R"(
[columns]
title = "T"
[scale.likelihood]
labels = [["Low", "Medium", "High"],
          ["Very low", "Low", "Medium", "High", "Very high"]]
[scale.level]
labels = ["Very low", "Low", "Medium", "High", "Very high"]
[scale.impact]
labels = [["Minor", "Serious"], ["Minor", "Moderate", "Serious", "Critical"]]
[values.likelihood]
"Certain" = "V4"
)");
    const Method& method = ebios_method();
    CHECK(has_label_scales(mapping));
    // Before settling, a label is read as ours or not at all.
    CHECK(read_error(mapping, "current_likelihood", "High")
              .starts_with("'High' is not a label of [values.likelihood] (map.toml:11); its "
                           "labels: 'Certain'; nor on a label scale of [scale.likelihood] "
                           "(map.toml:4) that holds every label of the file's likelihood columns"));
    ScaleCells cells;
    cells["likelihood"] = {"Very Low", "High"};
    cells["level"] = {"Low", "VERY HIGH"};
    cells["impact"] = {"Serious", "Moderate"};
    const auto notes = settle_label_scales(mapping, cells, method);
    // The shortest scale holding every label: 5 steps for likelihood, by
    // their order onto 4 (none is ours).
    const auto likelihood = [&](const char* cell) {
      return position(mapping.read(scenario_field("residual_likelihood"), cell, method));
    };
    CHECK(likelihood("very low") == 1);
    CHECK(likelihood("Low") == 2);
    CHECK(likelihood("Medium") == 3);
    CHECK(likelihood("High") == 3);
    CHECK(likelihood("Very high") == 4);
    CHECK(likelihood("certain") == 4);  // a [values] label first
    CHECK(likelihood("V2") == 2);       // then ours
    // Levels: Low, Medium and High are ours (low, medium, high), the others by
    // their order (1 and 3 of 3).
    const auto level = [&](const char* cell) {
      return position(mapping.read(scenario_field("recorded_level"), cell, method));
    };
    CHECK(level("Very low") == 1);
    CHECK(level("Low") == 1);
    CHECK(level("Medium") == 2);
    CHECK(level("High") == 3);
    CHECK(level("Very high") == 3);
    REQUIRE(notes.size() == 3);
    CHECK(notes[0] ==
          "impact: the file's labels are on the scale Minor < Moderate < Serious < Critical of "
          "[scale.impact] (map.toml:9); those that are not labels of our impact scale are read by "
          "their order on it: Minor = G1, Moderate = G2, Serious = G3, Critical = G4; "
          "--map-values impact:LABEL=ID reads a label otherwise");
    CHECK(notes[1].find("Very low = low, Low = low, Medium = medium, High = high, Very high = "
                        "high") != std::string::npos);
    CHECK(notes[2].starts_with("likelihood: the file's labels are on the scale Very low < Low < "
                               "Medium < High < Very high of [scale.likelihood] (map.toml:4)"));
    // A label off every scale: the scale holding the others settles, the
    // label is wrong alone.
    cells["likelihood"] = {"Low", "Sometimes"};
    CHECK(settle_label_scales(mapping, cells, method).size() == 3);
    CHECK(likelihood("Low") == 1);
    CHECK(read_error(mapping, "current_likelihood", "Sometimes")
              .starts_with("'Sometimes' is not a label of [values.likelihood] (map.toml:11); its "
                           "labels: 'Certain'; nor on the scale Low < Medium < High of "
                           "[scale.likelihood] (map.toml:4), which holds the file's other "
                           "likelihood labels, nor on our likelihood scale"));
    // Labels out of every scale settle nothing.
    cells["likelihood"] = {"Rarely", "Sometimes"};
    CHECK(settle_label_scales(mapping, cells, method).size() == 2);
    CHECK(read_error(mapping, "current_likelihood", "Low").starts_with("'Low' is not a label"));
  }

  TEST_CASE("label scales: ours by label as long as the order holds, else all by order") {
    const std::string text = R"(
[columns]
title = "T"
[scale.level]
labels = ["Faible", "Moyen", "Élevé"]
[scale.likelihood]
labels = ["Rare", "Unlikely", "Moderate", "Likely", "Almost certain"]
)";
    const ScaleCells cells{{"level", {"Faible", "Élevé"}}, {"likelihood", {"Rare", "Likely"}}};
    // iso27005: every level label is ours, and read as ours (no note); Unlikely
    // (L1), Likely (L3) and Almost certain (L5) are ours and keep the order with
    // Rare and Moderate read by theirs (1 and 3).
    const Method iso = load_method("iso27005");
    Mapping on_iso = read_mapping(text, "map.toml", scenario_kind(), iso);
    const auto iso_notes = settle_label_scales(on_iso, cells, iso);
    CHECK(position(on_iso.read(scenario_field("recorded_level"), "faible", iso)) == 2);
    CHECK(position(on_iso.read(scenario_field("recorded_level"), "Élevé", iso)) == 4);
    std::vector<std::int64_t> read;
    for (const char* cell : {"Rare", "Unlikely", "Moderate", "Likely", "Almost certain"})
      read.push_back(position(on_iso.read(scenario_field("current_likelihood"), cell, iso)));
    CHECK(read == std::vector<std::int64_t>{1, 1, 3, 3, 5});
    REQUIRE(iso_notes.size() == 1);
    CHECK(iso_notes[0].starts_with("likelihood: "));
    // ebios-rm: Likely is ours (V2), but Moderate by its order (V3) would come
    // above it: every label is read by its order.
    const Method& ebios = ebios_method();
    Mapping on_ebios = read_mapping(text, "map.toml", scenario_kind(), ebios);
    settle_label_scales(on_ebios, cells, ebios);
    read.clear();
    for (const char* cell : {"Rare", "Unlikely", "Moderate", "Likely", "Almost certain"})
      read.push_back(position(on_ebios.read(scenario_field("current_likelihood"), cell, ebios)));
    CHECK(read == std::vector<std::int64_t>{1, 2, 3, 3, 4});
  }

  TEST_CASE("label scales are checked") {
    CHECK(mapping_error("[columns]\ntitle = \"T\"\n[scale.impact]\nlabels = [\"Only\"]\n")
              .starts_with("map.toml:4:10: labels in [scale.impact]: a scale has two labels or "
                           "more"));
    CHECK(mapping_error("[columns]\ntitle = \"T\"\n[scale.impact]\nlabels = [\"A\", \"a\"]\n")
              .starts_with("map.toml:4:16: labels in [scale.impact]: 'a' is twice in one scale"));
    CHECK(mapping_error("[columns]\ntitle = \"T\"\n[scale.impact]\nlabels = \"A\"\n")
              .starts_with("map.toml:4:10: labels in [scale.impact] is the client's labels from "
                           "low to high"));
    CHECK(mapping_error("[columns]\ntitle = \"T\"\n[scale.impact]\nlabels = [[\"A\", \"B\"], 3]\n")
              .starts_with("map.toml:4:23: labels in [scale.impact] is"));
    CHECK(mapping_error("[columns]\ntitle = \"T\"\n[scale.impact]\n")
              .starts_with("map.toml:3:1: [scale.impact] needs from = N (the client rates 1 to N) "
                           "or labels = "));
    CHECK(mapping_error("[columns]\ntitle = \"T\"\n[scale.impact]\nsteps = 3\n")
              .starts_with("map.toml:4:1: unknown key 'steps' in [scale.impact]"));
  }

  TEST_CASE("--map-values: labels given on the command line, over the mapping's") {
    Mapping mapping = scenario_mapping(
        "[columns]\ntitle = \"T\"\n[values.likelihood]\n\"Faible\" = \"V1\"\n");
    const Method& method = ebios_method();
    add_value_overrides(mapping, "likelihood:Faible=V2, \"Très faible\" = 1,Inconnu=", method);
    add_value_overrides(mapping, "treatment:cancelled=avoid", method);
    add_value_overrides(mapping, "current_impact:3: grave=G3", method);  // a label with ':'
    CHECK(position(mapping.read(scenario_field("current_likelihood"), "faible", method)) == 2);
    CHECK(position(mapping.read(scenario_field("current_likelihood"), "tres faible", method)) == 1);
    CHECK(std::holds_alternative<std::monostate>(
        mapping.read(scenario_field("current_likelihood"), "Inconnu", method)));
    CHECK(std::get<std::string>(mapping.read(scenario_field("treatment"), "Cancelled", method)) ==
          "avoid");
    CHECK(position(mapping.read(scenario_field("current_impact"), "3: Grave", method)) == 3);
    CHECK(read_error(mapping, "treatment", "x")
              .starts_with("'x' is not a label of [values.treatment] (--map-values)"));

    const auto error = [&](const char* spec) {
      try {
        add_value_overrides(mapping, spec, method);
      } catch (const ValueError& e) {
        return std::string(e.what());
      }
      return std::string("no error");
    };
    CHECK(error("Faible=V1").starts_with(
        "'Faible=V1' is not NAME:LABEL=VALUE,LABEL=VALUE...; NAME is one of: assets, criteria, "));
    CHECK(error("likelyhood:Faible=V1")
              .starts_with("'likelyhood' takes no labels for scenarios (did you mean "
                           "'likelihood'?); allowed: "));
    CHECK(error("owner:RSSI=DSI").starts_with("'owner' takes no labels for scenarios"));
    CHECK(error("likelihood:Faible") == "'Faible' in likelihood: each item is LABEL=VALUE");
    CHECK(error("likelihood:=V1") == "'=V1' in likelihood: the label is empty");
    CHECK(error("likelihood:Faible=V9")
              .starts_with("likelihood:'Faible'=V9: 'V9' is not on the likelihood scale"));
  }

  TEST_CASE("the header binding finds every column or lists the file's headers") {
    const Mapping mapping = scenario_mapping(
        "[columns]\nref = \"N°\"\ntitle = \"Intitulé du risque\"\nnotes = [\"Source\"]\n");
    const HeaderBinding binding =
        bind_header(mapping, {" n° ", "INTITULE DU RISQUE", "", "source"}, "f.csv", 1);
    CHECK(binding.ref == 0u);
    REQUIRE(binding.fields.size() == 1);
    CHECK(binding.fields[0].second == 1u);
    REQUIRE(binding.notes.size() == 1);
    CHECK(binding.notes[0].second == 3u);

    try {
      bind_header(mapping, {"N°", "Intitulés du risque", "Source", "Source "}, "f.csv", 2);
      FAIL("no error");
    } catch (const ContentError& e) {
      const std::string message = e.what();
      CHECK(message ==
            "f.csv:2: the file's header does not match the mapping: 'Intitulé du risque' (title, "
            "map.toml:3) is missing (did you mean 'Intitulés du risque'?); 'Source' (notes, "
            "map.toml:4) is there twice (columns 3 and 4); the file's columns: 'N°', 'Intitulés "
            "du risque', 'Source', 'Source'");
    }
  }
  TEST_CASE("[columns]: a column named one of several ways") {
    const Mapping mapping = read_mapping(R"(
[columns]
title = { header = ["Risque", "Intitulé"] }
owner = { header = ["Propriétaire", "Responsable"], optional = true }
notes = [{ header = ["Commentaire", "Remarques"], optional = true }]
)",
                                         "map.toml", scenario_kind(), ebios_method());
    REQUIRE(mapping.columns.size() == 2);
    CHECK(mapping.columns[0].header == "Risque");
    CHECK(mapping.columns[0].others == std::vector<std::string>{"Intitulé"});
    const HeaderBinding binding =
        bind_header(mapping, {"INTITULE", "Remarques", "responsable"}, "f.csv", 1);
    REQUIRE(binding.fields.size() == 2);
    CHECK(binding.fields[0].second == 0u);
    CHECK(binding.fields[1].second == 2u);
    REQUIRE(binding.notes.size() == 1);
    CHECK(binding.notes[0].second == 1u);
    CHECK(header_fits(mapping, {"Risque"}));
    CHECK_FALSE(header_fits(mapping, {"Responsable"}));

    const auto bind_error = [&](const std::vector<std::string>& header) {
      try {
        bind_header(mapping, header, "f.csv", 1);
      } catch (const ContentError& e) {
        return std::string(e.what());
      }
      return std::string("no error");
    };
    CHECK(bind_error({"Risques", "Owner"}) ==
          "f.csv:1: the file's header does not match the mapping: 'Risque' (or 'Intitulé') "
          "(title, map.toml:3) is missing (did you mean 'Risques'?); the file's columns: "
          "'Risques', 'Owner'");
    CHECK(bind_error({"Risque", "Intitulé"}) ==
          "f.csv:1: the file's header does not match the mapping: 'Risque' (or 'Intitulé') "
          "(title, map.toml:3) is there twice (columns 1 and 2); the file's columns: 'Risque', "
          "'Intitulé'");

    CHECK(mapping_error("[columns]\ntitle = { header = [] }\n")
              .starts_with("map.toml:2:20: header of title in [columns] lists the names the "
                           "column may have: one or more"));
    CHECK(mapping_error("[columns]\ntitle = { header = [\"Risque\", \"RISQUE\"] }\n")
              .starts_with("map.toml:2:31: header of title in [columns]: 'RISQUE' is listed "
                           "twice"));
    CHECK(mapping_error("[columns]\ntitle = { header = [\"Risque\", 3] }\n")
              .starts_with("map.toml:2:31: title in [columns] must be the header of a column"));
  }

  TEST_CASE("[file] empty: cells that stand for an empty cell") {
    const Mapping mapping = read_mapping(
        "[file]\nempty = [\"--\", \"N/A\", \"Non évalué\"]\n[columns]\ntitle = \"T\"\n", "map.toml",
        scenario_kind(), ebios_method());
    CHECK(mapping.empty_cell("--"));
    CHECK(mapping.empty_cell(" n/a "));
    CHECK(mapping.empty_cell("NON EVALUE"));
    CHECK_FALSE(mapping.empty_cell("-"));
    CHECK_FALSE(mapping.empty_cell(""));
    CHECK(mapping_error("[file]\nempty = \"--\"\n[columns]\ntitle = \"T\"\n")
              .starts_with("map.toml:2:9: empty in [file] lists the cells that stand for an "
                           "empty cell"));
    CHECK(mapping_error("[file]\nempty = [\" \"]\n[columns]\ntitle = \"T\"\n")
              .starts_with("map.toml:2:10: empty in [file]: an empty cell is empty already"));
    CHECK_FALSE(mapping.formula_guard);
    CHECK(read_mapping("[file]\nformula_guard = true\n[columns]\ntitle = \"T\"\n", "map.toml",
                       scenario_kind(), ebios_method())
              .formula_guard);
    CHECK(mapping_error("[file]\nformula_guard = \"yes\"\n[columns]\ntitle = \"T\"\n")
              .starts_with("map.toml:2:17: formula_guard in [file] is true"));
  }

  TEST_CASE("[file] header_row: a workbook's header row, 1 to 1048576") {
    CHECK_FALSE(read_mapping("[columns]\ntitle = \"T\"\n", "map.toml", scenario_kind(),
                             ebios_method())
                    .header_row);
    CHECK(read_mapping("[file]\nheader_row = 3\n[columns]\ntitle = \"T\"\n", "map.toml",
                       scenario_kind(), ebios_method())
              .header_row == 3u);
    for (const char* bad : {"0", "-1", "1048577", "\"3\"", "2.5", "[3]"})
      CHECK(mapping_error(fmt::format("[file]\nheader_row = {}\n[columns]\ntitle = \"T\"\n", bad))
                .starts_with("map.toml:2:14: header_row in [file] is the number of the sheet's "
                             "row holding the header of an XLSX workbook, 1 to 1048576"));
  }

  TEST_CASE("label scales: the note shows the labels --map-values reads, and a file on no scale") {
    Mapping mapping = read_mapping(R"(
[columns]
title = "T"
current_likelihood = "P"
[scale.likelihood]
labels = [["Low", "Medium", "High"], ["Bas", "Moyen", "Haut"]]
)",
                                   "map.toml", scenario_kind(), ebios_method());
    add_value_overrides(mapping, "likelihood:High=V4", ebios_method());
    const auto notes =
        settle_label_scales(mapping, {{"likelihood", {"Low", "Medium"}}}, ebios_method());
    REQUIRE(notes.size() == 1);
    CHECK(notes[0].find("Low = V1, Medium = V3, High = V4 (--map-values); --map-values "
                        "likelihood:LABEL=ID reads a label otherwise") != std::string::npos);

    const auto read_error = [&](const char* cell) {
      try {
        mapping.read(scenario_field("current_likelihood"), cell, ebios_method());
      } catch (const ValueError& e) {
        return std::string(e.what());
      }
      return std::string("no error");
    };
    // A label off the scale the file's other labels settle: that one alone is wrong.
    settle_label_scales(mapping, {{"likelihood", {"Low", "Medium", "Extreme"}}}, ebios_method());
    CHECK(mapping.read(scenario_field("current_likelihood"), "Medium", ebios_method()) ==
          Value{std::int64_t{3}});
    CHECK(read_error("Extreme") ==
          "'Extreme' is not a label of [values.likelihood] (--map-values); its labels: 'High'; "
          "nor on the scale Low < Medium < High of [scale.likelihood] (map.toml:5), which holds "
          "the file's other likelihood labels, nor on our likelihood scale: 1 to 4 or its ids "
          "and labels (--map-values likelihood:'Extreme'=ID says what it is)");
    CHECK(mapping.read(scenario_field("current_likelihood"), "Vraisemblable", ebios_method()) ==
          Value{std::int64_t{2}});  // off the scale, but ours
    // Labels on none of the scales: the message lists them.
    CHECK(settle_label_scales(mapping, {{"likelihood", {"Bof", "Pire"}}}, ebios_method()).empty());
    CHECK(read_error("Bof").find("that holds every label of the file's likelihood columns (none "
                                 "holds any of the file's labels: 'Bof', 'Pire')") !=
          std::string::npos);
  }
}

TEST_SUITE("encoding") {
  TEST_CASE("Windows-1252 to UTF-8: ASCII, Latin-1 and the 0x80-0x9F signs") {
    CHECK(from_windows1252("abc;123") == "abc;123");
    CHECK(from_windows1252("\xC9lev\xE9") == "Élevé");
    CHECK(from_windows1252("\x80 \x92 \x9C \x85 \x96 \x97 \x8C \x9F \x93\x94") ==
          "€ ’ œ … – — Œ Ÿ “”");
    CHECK(from_windows1252("\xA0\xFF") == "\u00A0ÿ");
    for (unsigned byte = 0x80; byte <= 0xFF; ++byte) {
      const bool undefined =
          byte == 0x81 || byte == 0x8D || byte == 0x8F || byte == 0x90 || byte == 0x9D;
      CHECK(windows1252_char(static_cast<unsigned char>(byte)).empty() == undefined);
    }
  }

  TEST_CASE("an undefined byte stops the conversion where it is") {
    std::string out;
    CHECK(append_windows1252("ab\x81z", out) == 2u);
    CHECK(out == "ab");
  }

  TEST_CASE("encoding names") {
    CHECK(parse_encoding("AUTO") == Encoding::automatic);
    CHECK(parse_encoding("utf8") == Encoding::utf8);
    CHECK(parse_encoding("CP1252") == Encoding::windows1252);
    CHECK_THROWS_WITH_AS(parse_encoding("latin1"),
                         "'latin1' is not an encoding; allowed: 'auto', 'utf-8', 'windows-1252'",
                         ValueError);
  }

  TEST_CASE("a UTF-8 scan finds the line of the first invalid byte and rewinds") {
    std::istringstream valid("\xEF\xBB\xBFÉlevé\nœ\n");
    const Utf8Scan ok = scan_utf8(valid);
    CHECK(ok.bom);
    CHECK_FALSE(ok.invalid_line);
    CHECK(valid.tellg() == 0);
    std::istringstream latin("a\nb\n\xE9t\xE9\n");
    const Utf8Scan bad = scan_utf8(latin);
    CHECK_FALSE(bad.bom);
    CHECK(bad.invalid_line == 3u);
    std::istringstream overlong("\xC0\xAF");
    CHECK(scan_utf8(overlong).invalid_line == 1u);
    std::istringstream cut("ok \xE2\x82");
    CHECK(scan_utf8(cut).invalid_line == 1u);
    // A sequence split across the scan's chunks is still one character.
    std::string long_text(65535, 'a');
    long_text += "é\n";
    std::istringstream split(long_text);
    CHECK_FALSE(scan_utf8(split).invalid_line);
  }

  TEST_CASE("the CSV reader converts Windows-1252 and detects the delimiter") {
    std::istringstream in("N\xB0;Intitul\xE9\nR1;\"Tests d\x92intrusion\n(\x80)\"\nR2;x\x81y\n");
    csv::Reader reader(in, "f.csv", '\0');
    reader.read_as_windows1252();
    csv::Row row;
    REQUIRE(reader.next(row));
    CHECK(reader.delimiter() == ';');
    CHECK(row.fields == std::vector<std::string>{"N°", "Intitulé"});
    REQUIRE(reader.next(row));
    CHECK(row.fields[1] == "Tests d’intrusion\n(€)");
    CHECK_THROWS_WITH_AS(reader.next(row),
                         "f.csv:4: byte 0x81 is not a character in Windows-1252; save the file as "
                         "UTF-8",
                         ContentError);
    std::istringstream commas("a,\"b;c;d\",e\n");
    csv::Reader detect(commas, "g.csv", '\0');
    REQUIRE(detect.next(row));
    CHECK(detect.delimiter() == ',');
  }
}
