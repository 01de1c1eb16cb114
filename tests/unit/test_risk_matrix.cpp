#include <doctest/doctest.h>

#include <string>

#include <fmt/format.h>

#include "error.hpp"
#include "files.hpp"
#include "helpers.hpp"
#include "risk_matrix.hpp"
#include "toml_check.hpp"
#include "workspace.hpp"

using namespace riskmap;
using riskmap::testing::TempDir;

namespace {

std::string fixture(const std::string& name) {
  return std::string(RISKMAP_SOURCE_DIR) + "/tests/data/yaml/" + name;
}

RiskMatrix read_fixture(const std::string& name, const std::string& appetite = "1",
                        std::optional<std::string> matrix = std::nullopt) {
  const std::string path = fixture(name);
  return read_risk_matrix(read_file(path), path, RiskMatrixOptions{std::move(matrix), appetite});
}

RiskMatrix read_text(const std::string& text, const std::string& appetite = "1",
                     std::optional<std::string> matrix = std::nullopt) {
  return read_risk_matrix(text, "lib.yaml", RiskMatrixOptions{std::move(matrix), appetite});
}

template <typename Failure>
std::string error_of(const std::string& text, std::optional<std::string> appetite = "1",
                     std::optional<std::string> matrix = std::nullopt) {
  try {
    read_risk_matrix(text, "lib.yaml", RiskMatrixOptions{std::move(matrix), std::move(appetite)});
  } catch (const Failure& e) {
    return e.what();
  }
  return "no error";
}

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// A library of one 2x2 matrix (3 levels); `probability`, `impact`, `risk`
// and `grid` replace its lists when given.
std::string library(const std::string& probability = "", const std::string& impact = "",
                    const std::string& risk = "", const std::string& grid = "",
                    const std::string& head = "locale: en\n") {
  const std::string default_probability = R"(
      - {id: 0, abbreviation: R, name: Rare, description: Seldom, hexcolor: '#FFFFFF',
         translations: {fr: {name: Rare, description: Peu souvent}}}
      - {id: 1, abbreviation: F, name: Frequent, description: Often, hexcolor: '#FFFFFF',
         translations: {fr: {name: Fréquent, description: Souvent}}})";
  const std::string default_impact = R"(
      - {id: 0, abbreviation: S, name: Small, description: Small harm, hexcolor: '#AABBCC',
         translations: {fr: {name: Petit, description: Petit dommage}}}
      - {id: 1, abbreviation: B, name: Big, description: Big harm, hexcolor: '#abc',
         translations: {fr: {name: Grand, description: Grand dommage}}})";
  const std::string default_risk = R"(
      - {id: 0, abbreviation: low, name: Low, description: Fine, hexcolor: '#00FF00',
         translations: {fr: {name: Faible, description: Bien}}}
      - {id: 1, abbreviation: mid, name: Medium, description: Watch, hexcolor: '#FFFF00',
         translations: {fr: {name: Moyen, description: Suivi}}}
      - {id: 2, abbreviation: top, name: High, description: Act, hexcolor: '#FF0000',
         translations: {fr: {name: Élevé, description: Agir}}})";
  const std::string default_grid = R"(
      - [0, 1]
      - [1, 2])";
  return head + "ref_id: lib\nobjects:\n  risk_matrix:\n    ref_id: tiny\n    name: Tiny\n" +
         "    probability:" + (probability.empty() ? default_probability : probability) + "\n" +
         "    impact:" + (impact.empty() ? default_impact : impact) + "\n" +
         "    risk:" + (risk.empty() ? default_risk : risk) + "\n" +
         "    grid:" + (grid.empty() ? default_grid : grid) + "\n";
}

std::vector<std::string> ids(const Scale& scale) {
  std::vector<std::string> out;
  for (const Step& step : scale.steps) out.push_back(step.id);
  return out;
}

// The grid as level ids, row by row.
std::vector<std::vector<std::string>> grid_of(const Method& method) {
  std::vector<std::vector<std::string>> out;
  for (int l = 1; l <= method.likelihood.size(); ++l) {
    out.emplace_back();
    for (int i = 1; i <= method.impact.size(); ++i)
      out.back().push_back(method.levels.at(method.level_of(l, i)).id);
  }
  return out;
}

}  // namespace

TEST_SUITE("risk_matrix") {
  TEST_CASE("a 4x4 in French with English translations and numeric abbreviations") {
    const RiskMatrix read = read_fixture("matrix-4x4-fr.yaml", "L2");
    const Method& m = read.method;
    CHECK(m.name == "matrice-4x4");
    // Numbers would read as positions: letter and position instead.
    CHECK(ids(m.likelihood) == std::vector<std::string>{"P1", "P2", "P3", "P4"});
    CHECK(ids(m.impact) == std::vector<std::string>{"I1", "I2", "I3", "I4"});
    CHECK(ids(m.levels) == std::vector<std::string>{"L1", "L2", "L3", "L4"});
    CHECK(m.likelihood.at(1).label.fr == "Rare");
    CHECK(m.likelihood.at(1).label.en == "Seldom");
    CHECK(m.likelihood.at(3).description.fr == "Se produira sans doute");
    CHECK(m.likelihood.at(3).description.en == "Will probably happen");
    CHECK(m.impact.at(4).label.fr == "Très grave");
    CHECK(m.levels.at(3).label.fr == "Élevé");
    CHECK(m.levels.at(3).label.en == "High");
    // grid[probability][impact]: rows are likelihood, columns impact.
    CHECK(grid_of(m) == std::vector<std::vector<std::string>>{{"L1", "L1", "L2", "L3"},
                                                              {"L1", "L2", "L3", "L3"},
                                                              {"L1", "L2", "L3", "L4"},
                                                              {"L2", "L3", "L4", "L4"}});
    CHECK(m.appetite == 2);
    // Colours: lowercase; #rgb doubled; missing: the default, green first.
    CHECK(m.likelihood.at(1).colour == "#c8e6c9");
    CHECK(m.levels.at(4).colour == "#ff0000");
    CHECK(m.impact.at(1).colour == "#42d742");
    REQUIRE(read.notes.size() == 1);
    CHECK(read.notes[0] == fixture("matrix-4x4-fr.yaml") +
                               ": no #rrggbb hexcolor for impact I1: a colour from green to red "
                               "by position stands in");
  }

  TEST_CASE("a 5x5 in English: abbreviations, escapes, folded lines, a missing translation") {
    const RiskMatrix read = read_fixture("matrix-5x5-en.yaml", "MD");
    const Method& m = read.method;
    CHECK(m.name == "grid-5x5");
    CHECK(ids(m.likelihood) == std::vector<std::string>{"F1", "F2", "F3", "F4", "F5"});
    CHECK(ids(m.impact) == std::vector<std::string>{"C1", "C2", "C3", "C4", "C5"});
    CHECK(ids(m.levels) == std::vector<std::string>{"VL", "LO", "MD", "HI", "VH"});
    CHECK(m.likelihood.at(1).label.fr == "Très rare");
    CHECK(m.likelihood.at(1).description.fr == "Moins d’une fois en dix ans");
    CHECK(m.impact.at(2).description.en == "An effect absorbed within the day");
    CHECK(m.impact.at(2).description.fr == "Un effet absorbé dans la journée");
    // C4 has no French: the English stands in, and a note says so.
    CHECK(m.impact.at(4).label.fr == "Major");
    CHECK(m.impact.at(4).description.fr == "Weeks of disruption");
    CHECK(grid_of(m)[0] == std::vector<std::string>{"VL", "VL", "LO", "LO", "MD"});
    CHECK(grid_of(m)[4] == std::vector<std::string>{"LO", "MD", "HI", "VH", "VH"});
    CHECK(m.levels.at(m.appetite).id == "MD");
    REQUIRE(read.notes.size() == 1);
    CHECK(has(read.notes[0],
              "no French text for impact C4 (name, description): the English text stands in"));
  }

  TEST_CASE("the converted method is a method like any other: TOML and back") {
    for (const char* name : {"matrix-4x4-fr.yaml", "matrix-5x5-en.yaml"}) {
      const Method m = read_fixture(name).method;
      const std::string toml = method_to_toml(m);
      const Method again = read_method(parse_toml(toml, "m.toml"), "m.toml");
      CHECK(method_to_toml(again) == toml);
    }
  }

  TEST_CASE("several matrices: --matrix picks one, by ref_id") {
    const std::string path = fixture("matrix-two.yaml");
    const std::string text = read_file(path);
    const auto several = error_of<UsageError>(text);
    CHECK(has(several, "holds 2 risk matrices: pick one with --matrix REF_ID"));
    CHECK(has(several, "'triage-3x3', 'quick-2x2'"));
    const auto unknown = error_of<UsageError>(text, "1", "triage");
    CHECK(has(unknown, "--matrix: lib.yaml holds no risk matrix 'triage'"));
    CHECK(has(unknown, "did you mean 'triage-3x3'?"));
    const Method quick = read_text(text, "2", "quick-2x2").method;
    CHECK(quick.name == "quick-2x2");
    CHECK(quick.likelihood.size() == 2);
    CHECK(grid_of(quick) == std::vector<std::vector<std::string>>{{"L1", "L1"}, {"L1", "L2"}});
    const Method triage = read_text(text, "watch", "triage-3x3").method;
    CHECK(ids(triage.levels) == std::vector<std::string>{"ok", "watch", "treat"});
    CHECK(triage.appetite == 2);
    // One matrix: --matrix may name it, and must not name another.
    CHECK(read_text(library(), "1", "tiny").method.name == "tiny");
    CHECK(has(error_of<UsageError>(library(), "1", "other"), "holds no risk matrix 'other'"));
  }

  TEST_CASE("the appetite: required, read as an id, a position or a label") {
    const auto missing = error_of<UsageError>(library(), std::nullopt);
    CHECK(has(missing, "--appetite: the risk matrix of lib.yaml sets no risk appetite"));
    CHECK(has(missing, "low (Faible / Low), mid (Moyen / Medium), top (Élevé / High)"));
    CHECK(read_text(library(), "mid").method.appetite == 2);
    CHECK(read_text(library(), "3").method.appetite == 3);
    CHECK(read_text(library(), "élevé").method.appetite == 3);
    CHECK(read_text(library(), "Medium").method.appetite == 2);
    CHECK(has(error_of<UsageError>(library(), "huge"),
              "--appetite: 'huge' is not on the level scale"));
    CHECK(has(error_of<UsageError>(library(), "4"), "allowed: 1 to 3"));
  }

  TEST_CASE("ids: a scale keeps its abbreviations only if every one can be an id") {
    const Method m = read_text(library()).method;
    CHECK(ids(m.likelihood) == std::vector<std::string>{"R", "F"});
    CHECK(ids(m.impact) == std::vector<std::string>{"S", "B"});
    CHECK(ids(m.levels) == std::vector<std::string>{"low", "mid", "top"});
    const auto probability = [](const std::string& first, const std::string& second) {
      return "\n      - {id: 0, " + first +
             "name: Rare, description: d, translations: {fr: {name: Rare, description: d}}}" +
             "\n      - {id: 1, " + second +
             "name: Often, description: d, translations: {fr: {name: Souvent, description: d}}}";
    };
    const auto likelihood_ids = [&](const std::string& first, const std::string& second) {
      return ids(read_text(library(probability(first, second))).method.likelihood);
    };
    const std::vector<std::string> positional{"P1", "P2"};
    CHECK(likelihood_ids("abbreviation: A, ", "abbreviation: B, ") ==
          std::vector<std::string>{"A", "B"});
    CHECK(likelihood_ids("abbreviation: A, ", "") == positional);                   // one missing
    CHECK(likelihood_ids("abbreviation: A, ", "abbreviation: a, ") == positional);  // twice
    CHECK(likelihood_ids("abbreviation: 1, ", "abbreviation: 2, ") == positional);  // numbers
    CHECK(likelihood_ids("abbreviation: 'A 1', ", "abbreviation: B, ") == positional);
    CHECK(likelihood_ids("abbreviation: '', ", "abbreviation: B, ") == positional);
  }

  TEST_CASE("items: ids give the order, and list order when absent") {
    // Listed backwards, with ids: sorted by id, and the grid follows ids.
    const std::string backwards = R"(
      - {id: 1, abbreviation: F, name: Frequent, description: d,
         translations: {fr: {name: Fréquent, description: d}}}
      - {id: 0, abbreviation: R, name: Rare, description: d,
         translations: {fr: {name: Rare, description: d}}})";
    const Method sorted = read_text(library(backwards)).method;
    CHECK(ids(sorted.likelihood) == std::vector<std::string>{"R", "F"});
    CHECK(grid_of(sorted) == std::vector<std::vector<std::string>>{{"low", "mid"}, {"mid", "top"}});
    const std::string no_ids = R"(
      - {abbreviation: R, name: Rare, description: d, translations: {fr: {name: Rare, description: d}}}
      - {abbreviation: F, name: Often, description: d, translations: {fr: {name: Souvent, description: d}}})";
    CHECK(ids(read_text(library(no_ids)).method.likelihood) == std::vector<std::string>{"R", "F"});
    const std::string twice = R"(
      - {id: 0, name: Rare, description: d}
      - {id: 0, name: Often, description: d})";
    CHECK(error_of<ContentError>(library(twice)) ==
          "lib.yaml:9:14: 'probability' id 0 is used twice");
    const std::string off = R"(
      - {id: 0, name: Rare, description: d}
      - {id: 2, name: Often, description: d})";
    CHECK(error_of<ContentError>(library(off)) ==
          "lib.yaml:9:14: 'probability' id 2 is off the list: its 2 items have ids 0 to 1");
    CHECK(error_of<ContentError>(library("\n      - {id: x, name: Rare}")) ==
          "lib.yaml:8:14: id of a 'probability' item must be a whole number, not 'x'");
    CHECK(error_of<ContentError>(library("\n      - just a text")) ==
          "lib.yaml:8:9: each item of 'probability' must be a map (id, name, description...)");
    CHECK(error_of<ContentError>(library(" []")) ==
          "lib.yaml:7:18: 'probability' must be a list of at least one item");
  }

  TEST_CASE("texts: each language falls back on the other, then on the library's own") {
    const std::string french_only = R"(
      - {id: 0, hexcolor: '#fff', name: Rare, description: Seldom,
         translations: {fr: {name: Rare, description: Peu souvent}}}
      - {id: 1, hexcolor: '#fff', name: Often, description: Often, translations: {de: {name: Oft}}})";
    const RiskMatrix english = read_text(library(french_only));
    CHECK(english.method.likelihood.at(2).label.fr == "Often");
    REQUIRE(english.notes.size() == 1);
    CHECK(english.notes[0] ==
          "lib.yaml: no French text for likelihood P2 (name, description): the English text "
          "stands in");

    // Locale fr: the main texts are French, English comes from translations.
    const std::string french_first = R"(
      - {id: 0, hexcolor: '#fff', name: Rare, description: Peu souvent,
         translations: {en: {name: Seldom, description: Seldom}}}
      - {id: 1, hexcolor: '#fff', name: Souvent, description: Souvent, translations: {en: {name: Often}}})";
    const RiskMatrix french = read_text(library(french_first, "", "", "", "locale: fr\n"));
    CHECK(french.method.likelihood.at(1).label.fr == "Rare");
    CHECK(french.method.likelihood.at(1).label.en == "Seldom");
    CHECK(french.method.likelihood.at(2).description.en == "Souvent");
    // The other scales' English (their main texts) is missing in a French
    // library, and takes the French.
    CHECK(french.method.impact.at(1).label.en == "Small");
    CHECK(french.notes[0] ==
          "lib.yaml: no English text for likelihood P2 (description); impact S (name, "
          "description), B (name, description); level low (name, description), mid (name, "
          "description), top (name, description): the French text stands in");

    // A German library without French or English: its own text, noted.
    const std::string german = R"(
      - {id: 0, hexcolor: '#fff', name: Selten, description: Selten}
      - {id: 1, hexcolor: '#fff', name: Oft, description: Oft})";
    const RiskMatrix own = read_text(library(german, "", "", "", "locale: de-DE\n"));
    CHECK(own.method.likelihood.at(1).label.fr == "Selten");
    CHECK(own.method.likelihood.at(1).label.en == "Selten");
    CHECK(has(own.notes.back(),
              "no French or English text for likelihood P1 (name, "
              "description), P2 (name, description): the 'de' text stands in"));

    // No locale: English.
    const RiskMatrix plain = read_text(library("", "", "", "", ""));
    CHECK(plain.method.likelihood.at(2).label.en == "Frequent");
    CHECK(plain.method.likelihood.at(2).label.fr == "Fréquent");
    CHECK(plain.notes.empty());
  }

  TEST_CASE("texts: no description is the label, no name is an error") {
    const std::string undescribed = R"(
      - {id: 0, hexcolor: '#fff', abbreviation: R, name: Rare, translations: {fr: {name: Rare}}}
      - {id: 1, hexcolor: '#fff', abbreviation: F, name: Often, description: d, translations: {fr: {name: Souvent, description: d}}})";
    const RiskMatrix read = read_text(library(undescribed));
    CHECK(read.method.likelihood.at(1).description.en == "Rare");
    REQUIRE(read.notes.size() == 1);
    CHECK(read.notes[0] == "lib.yaml: no description for likelihood R: the label stands in");
    const std::string nameless = R"(
      - {id: 0, hexcolor: '#fff', name: Rare, description: d}
      - {id: 1, hexcolor: '#fff', name: '  ', description: d, translations: {fr: {description: d}}})";
    CHECK(error_of<ContentError>(library(nameless)) ==
          "lib.yaml:9:9: 'probability' item 1 has no name, in French, English or the library's "
          "locale 'en'");
    CHECK(error_of<ContentError>(library("\n      - {id: 0, hexcolor: '#fff', name: [a, b]}")) ==
          "lib.yaml:8:41: name of a 'probability' item must be a text, not a list");
  }

  TEST_CASE("a note names twelve steps at most") {
    std::string probability, grid;
    for (int i = 0; i < 14; ++i) {
      probability += fmt::format("\n      - {{id: {}, name: S{}, description: d}}", i, i);
      grid += "\n      - [0, 1]";
    }
    const RiskMatrix read = read_text(library(probability, "", "", grid));
    REQUIRE(read.notes.size() == 2);  // no French, no colours
    CHECK(read.notes[1] ==
          "lib.yaml: no #rrggbb hexcolor for likelihood P1, P2, P3, P4, P5, P6, P7, P8, P9, P10, "
          "P11, P12 and 2 more: a colour from green to red by position stands in");
  }

  TEST_CASE("steps pass the method's own checks") {
    // Two steps with one label: a user could not tell them apart.
    const std::string same = R"(
      - {id: 0, abbreviation: R, name: Rare, description: d}
      - {id: 1, abbreviation: F, name: rare, description: d})";
    CHECK(error_of<ContentError>(library(same)) ==
          "lib.yaml:9:9: 'rare' names both 'R' and 'F' in the 'probability' list: each step "
          "needs its own id and labels");
  }

  TEST_CASE("colours") {
    const auto colours = [](const std::string& first, const std::string& second) {
      const std::string risk = "\n      - {id: 0, name: Low, description: d, " + first +
                               "}\n      - {id: 1, name: Mid, description: d}" +
                               "\n      - {id: 2, name: High, description: d, " + second + "}";
      const RiskMatrix read = read_text(library("", "", risk, "\n      - [0, 1]\n      - [1, 2]"));
      std::vector<std::string> out;
      for (const Step& step : read.method.levels.steps) out.push_back(step.colour);
      return out;
    };
    // Green, yellow, red by position when missing or unusable.
    CHECK(colours("", "") == std::vector<std::string>{"#42d742", "#d7d742", "#d74242"});
    CHECK(colours("hexcolor: '#12AB9f'", "hexcolor: red") ==
          std::vector<std::string>{"#12ab9f", "#d7d742", "#d74242"});
    CHECK(colours("hexcolor: '#1A2'", "hexcolor: '#1234'") ==
          std::vector<std::string>{"#11aa22", "#d7d742", "#d74242"});
    const RiskMatrix read = read_text(library());
    CHECK(read.method.impact.at(1).colour == "#aabbcc");
    CHECK(read.method.impact.at(2).colour == "#aabbcc");
  }

  TEST_CASE("the grid: checked against the lists, with the place of the bad node") {
    CHECK(error_of<ContentError>(library("", "", "", "\n      - [0, 1]")) ==
          "lib.yaml:25:7: 'grid' has 1 row; it needs 2, one per probability in id order");
    CHECK(error_of<ContentError>(library("", "", "", "\n      - [0, 1]\n      - [1, 2, 2]")) ==
          "lib.yaml:26:9: grid row 2 has 3 cells; it needs 2, one per impact in id order");
    CHECK(error_of<ContentError>(library("", "", "", "\n      - [0, 1]\n      - [1, 3]")) ==
          "lib.yaml:26:13: grid row 2, cell 2: '3' is not a risk id; the 'risk' list has ids 0 "
          "to 2");
    CHECK(error_of<ContentError>(library("", "", "", "\n      - [0, 1]\n      - [-1, 2]")) ==
          "lib.yaml:26:10: grid row 2, cell 1: '-1' is not a risk id; the 'risk' list has ids 0 "
          "to 2");
    CHECK(error_of<ContentError>(library("", "", "", "\n      - [0, 1]\n      - [one, 2]")) ==
          "lib.yaml:26:10: grid row 2, cell 1: 'one' is not a risk id; the 'risk' list has ids "
          "0 to 2");
    CHECK(error_of<ContentError>(library("", "", "", "\n      - [0, 1]\n      - 2")) ==
          "lib.yaml:26:9: grid row 2 must be a list of 2 risk ids, one per impact");
    CHECK(error_of<ContentError>(library("", "", "", " 0")) ==
          "lib.yaml:24:11: 'grid' must be a list of 2 rows, one per probability");
    CHECK(error_of<ContentError>(library("", "", "", " ~")) ==
          "lib.yaml:5:5: the risk matrix has no 'grid'");
  }

  TEST_CASE("files that are not a library with a risk matrix") {
    CHECK(error_of<ContentError>("objects: [a\n") ==
          "lib.yaml:2:1: invalid YAML: end of sequence flow not found");
    CHECK(error_of<ContentError>("") ==
          "lib.yaml: not a library: a library is a map with urn, locale, ref_id, name and "
          "objects (framework, risk_matrix, requirement_mapping_set), and this file is empty");
    CHECK(has(error_of<ContentError>("just some words\n"),
              "lib.yaml:1:1: not a library: a library is a map"));
    CHECK(has(error_of<ContentError>("- a\n- b\n"), "and this file is a list"));
    CHECK(error_of<ContentError>("urn: x\nname: y\n") ==
          "lib.yaml: not a library: no 'objects' key (a library holds framework, risk_matrix or "
          "requirement_mapping_set under objects)");
    CHECK(error_of<ContentError>("urn: x\nobjects: [1]\n") ==
          "lib.yaml:2:10: objects must be a map of object kinds");
    CHECK(error_of<ContentError>("urn: x\nobjects:\n  framework: {ref_id: f}\n  threats: []\n") ==
          "lib.yaml:3:3: this library holds no risk matrix ('objects' has 'framework', "
          "'threats'); import it with 'riskmap framework import lib.yaml'");
    CHECK(error_of<ContentError>("urn: x\nobjects:\n  requirement_mapping_sets: []\n") ==
          "lib.yaml:3:3: this library holds no risk matrix ('objects' has "
          "'requirement_mapping_sets'); import it with 'riskmap framework import "
          "lib.yaml'");
    CHECK(error_of<ContentError>("urn: x\nobjects:\n  threats: []\n") ==
          "lib.yaml:3:3: this library holds no risk matrix ('objects' has 'threats')");
    CHECK(error_of<ContentError>("urn: x\nobjects:\n  risk_matrix: [just a text]\n") ==
          "lib.yaml:3:17: a risk matrix must be a map (ref_id, probability, impact, risk, "
          "grid...)");
    CHECK(error_of<ContentError>("urn: x\nobjects:\n  risk_matrix: {ref_id: m}\n") ==
          "lib.yaml:3:16: the risk matrix has no 'probability' list");
  }

  TEST_CASE("load_method: a YAML file by its name; options only for one") {
    CHECK(is_yaml_file_name("a.yaml"));
    CHECK(is_yaml_file_name("dir/a.YML"));
    CHECK_FALSE(is_yaml_file_name("a.toml"));
    CHECK_FALSE(is_yaml_file_name("yaml"));
    const LoadedMethod loaded =
        load_method(fixture("matrix-4x4-fr.yaml"), RiskMatrixOptions{std::nullopt, "L3"});
    CHECK(loaded.method.appetite == 3);
    CHECK(loaded.notes.size() == 1);
    CHECK_THROWS_AS(load_method(fixture("matrix-4x4-fr.yaml")), UsageError);
    CHECK_THROWS_WITH_AS(load_method("iso27005", RiskMatrixOptions{std::nullopt, "medium"}),
                         doctest::Contains("--appetite: iso27005 is a built-in method"),
                         UsageError);
    CHECK_THROWS_WITH_AS(load_method("m.toml", RiskMatrixOptions{"x", std::nullopt}),
                         doctest::Contains("--matrix: m.toml is a .toml method"), UsageError);
  }

  TEST_CASE("init --method FILE.yaml: riskmap.toml holds the converted method") {
    TempDir dir;
    InitOptions options;
    options.method = fixture("matrix-5x5-en.yaml");
    options.risk_matrix.appetite = "HI";
    auto ws = Workspace::create(dir / "ws", options);
    CHECK(ws->method().name == "grid-5x5");
    CHECK(ws->method().levels.at(ws->method().appetite).id == "HI");
    REQUIRE(ws->notes().size() == 1);
    CHECK(has(ws->notes()[0], "no French text for impact C4"));
    const Config config = read_config(read_file(dir / "ws" / "riskmap.toml"), "riskmap.toml");
    CHECK(method_to_toml(config.method) == method_to_toml(ws->method()));
  }
}
