#include <doctest/doctest.h>

#include <string>

#include "error.hpp"
#include "method.hpp"
#include "toml_check.hpp"
#include "workspace.hpp"

using namespace riskmap;

namespace {

Method builtin(const std::string& name) {
  return load_method(name);
}

// The grid of SPEC §3, as level ids, rows likelihood 1..N, columns impact 1..M.
void check_grid(const Method& method, const std::vector<std::vector<std::string>>& expected) {
  REQUIRE(method.likelihood.size() == static_cast<int>(expected.size()));
  for (int l = 1; l <= method.likelihood.size(); ++l) {
    const auto& row = expected[static_cast<std::size_t>(l - 1)];
    REQUIRE(method.impact.size() == static_cast<int>(row.size()));
    for (int i = 1; i <= method.impact.size(); ++i) {
      CAPTURE(l);
      CAPTURE(i);
      CHECK(method.levels.at(method.level_of(l, i)).id == row[static_cast<std::size_t>(i - 1)]);
    }
  }
}

Method from_text(const std::string& text) {
  return read_method(parse_toml(text, "m.toml"), "m.toml");
}

std::string error_of(const std::string& text) {
  try {
    from_text(text);
  } catch (const ContentError& e) {
    return e.what();
  }
  return "no error";
}

const char* small_method = R"(
[method]
name = "tiny"
appetite = "ok"

[[method.likelihood]]
id = "L1"
label = { fr = "Rare", en = "Rare" }
description = { fr = "d", en = "d" }
colour = "#ffffff"

[[method.likelihood]]
id = "L2"
label = { fr = "Fréquent", en = "Frequent" }
description = { fr = "d", en = "d" }
colour = "#ffffff"

[[method.impact]]
id = "I1"
label = { fr = "Faible", en = "Low" }
description = { fr = "d", en = "d" }
colour = "#ffffff"

[[method.impact]]
id = "I2"
label = { fr = "Moyen", en = "Medium" }
description = { fr = "d", en = "d" }
colour = "#ffffff"

[[method.impact]]
id = "I3"
label = { fr = "Fort", en = "Strong" }
description = { fr = "d", en = "d" }
colour = "#ffffff"

[[method.level]]
id = "ok"
label = { fr = "Acceptable", en = "Acceptable" }
description = { fr = "d", en = "d" }
colour = "#00ff00"

[[method.level]]
id = "ko"
label = { fr = "Inacceptable", en = "Unacceptable" }
description = { fr = "d", en = "d" }
colour = "#ff0000"

[method.grid]
L1 = ["ok", "ok", "ko"]
L2 = ["ok", 2, "ko"]
)";

std::string replace(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

}  // namespace

TEST_SUITE("method") {
  TEST_CASE("ebios-rm: every cell of the 4x4 grid") {
    const Method m = builtin("ebios-rm");
    check_grid(m, {{"low", "low", "low", "medium"},
                   {"low", "low", "medium", "medium"},
                   {"medium", "medium", "high", "high"},
                   {"medium", "high", "high", "high"}});
    CHECK(m.levels.at(m.appetite).id == "medium");
    CHECK(m.likelihood.at(3).label.fr == "Très vraisemblable");
    CHECK(m.likelihood.at(4).label.en == "Almost certain");
    CHECK(m.impact.at(4).label.fr == "Critique");
    CHECK(m.levels.at(3).label.fr == "Élevé");
  }

  TEST_CASE("iso27005: every cell of the 5x5 grid") {
    const Method m = builtin("iso27005");
    const std::vector<std::vector<int>> positions{
        {1, 1, 2, 2, 2}, {1, 2, 2, 3, 3}, {2, 2, 3, 4, 4}, {2, 3, 4, 4, 5}, {3, 4, 4, 5, 5}};
    const char* ids[] = {"very-low", "low", "medium", "high", "very-high"};
    std::vector<std::vector<std::string>> expected;
    for (const auto& row : positions) {
      expected.emplace_back();
      for (int p : row) expected.back().push_back(ids[p - 1]);
    }
    check_grid(m, expected);
    CHECK(m.levels.at(m.appetite).id == "medium");
    CHECK(m.impact.at(5).label.fr == "Catastrophique");
    CHECK(m.likelihood.at(2).label.en == "Rather unlikely");
  }

  TEST_CASE("simple-3x3: every cell of the 3x3 grid") {
    const Method m = builtin("simple-3x3");
    check_grid(m,
               {{"low", "low", "medium"}, {"low", "medium", "high"}, {"medium", "high", "high"}});
    CHECK(m.likelihood.at(2).label.fr == "Moyenne");
    CHECK(m.impact.at(3).label.fr == "Élevé");
  }

  TEST_CASE("a step is read as position, id or label in either language") {
    const Method m = builtin("ebios-rm");
    CHECK(m.likelihood.parse("3") == 3);
    CHECK(m.likelihood.parse("V3") == 3);
    CHECK(m.likelihood.parse("v3") == 3);
    CHECK(m.likelihood.parse("Très vraisemblable") == 3);
    CHECK(m.likelihood.parse("tres VRAISEMBLABLE") == 3);
    CHECK(m.likelihood.parse("Very likely") == 3);
    CHECK(m.likelihood.parse(" almost certain ") == 4);
    CHECK(m.impact.parse("grave") == 3);
    CHECK(m.impact.parse("Serious") == 3);
    CHECK(m.levels.parse("élevé") == 3);
    CHECK(m.levels.parse("ELEVE") == 3);
    CHECK(m.levels.parse("high") == 3);
    CHECK(m.levels.parse("Moyen") == 2);
  }

  TEST_CASE("a value off the scale is refused with what is allowed") {
    const Method m = builtin("ebios-rm");
    for (const char* bad : {"0", "5", "V5", "G1", "-1", "", "3.5", "likely-ish"}) {
      CAPTURE(bad);
      CHECK_THROWS_AS(m.likelihood.parse(bad), ValueError);
    }
    try {
      m.likelihood.parse("V5");
      FAIL("no error");
    } catch (const ValueError& e) {
      const std::string message = e.what();
      CHECK(message.find("'V5' is not on the likelihood scale") != std::string::npos);
      CHECK(message.find("1 to 4") != std::string::npos);
      CHECK(message.find("V4 (Quasi certain / Almost certain)") != std::string::npos);
    }
  }

  TEST_CASE("a custom N x M method, with grid cells as ids or positions") {
    const Method m = from_text(small_method);
    CHECK(m.name == "tiny");
    CHECK(m.likelihood.size() == 2);
    CHECK(m.impact.size() == 3);
    CHECK(m.levels.at(m.level_of(1, 3)).id == "ko");
    CHECK(m.levels.at(m.level_of(2, 2)).id == "ko");
    CHECK(m.levels.at(m.level_of(2, 1)).id == "ok");
    // What method_to_toml writes reads back as the same method.
    const Method again = from_text(method_to_toml(m));
    CHECK(again.grid == m.grid);
    CHECK(again.likelihood.at(2).label.fr == "Fréquent");
  }

  TEST_CASE("method errors say file:line:column and what is allowed") {
    CHECK(error_of("[method\nname = 1").find("m.toml:1:") == 0);
    CHECK(error_of(replace(small_method, "appetite = \"ok\"", "apetite = \"ok\"")) ==
          "m.toml:4:1: unknown key 'apetite' in [method] (did you mean 'appetite'?); allowed: "
          "'name', "
          "'appetite', 'likelihood', 'impact', 'level', 'grid'");
    CHECK(error_of(replace(small_method, "appetite = \"ok\"", "appetite = \"fine\""))
              .find("m.toml:4:12: appetite 'fine' is not a level") == 0);
    CHECK(error_of(replace(small_method, "L1 = [\"ok\", \"ok\", \"ko\"]", "L1 = [\"ok\", \"ok\"]"))
              .find("row 'L1' has 2 cells; the impact scale has 3 steps") != std::string::npos);
    CHECK(error_of(replace(small_method, "L2 = [\"ok\", 2, \"ko\"]", "L2 = [\"ok\", 3, \"ko\"]"))
              .find("level position 3 is off the scale; allowed: 1 to 2") != std::string::npos);
    CHECK(error_of(
              replace(small_method, "L2 = [\"ok\", 2, \"ko\"]", "L2 = [\"ok\", \"kko\", \"ko\"]"))
              .find("unknown level 'kko' (did you mean 'ko'?)") != std::string::npos);
    CHECK(error_of(replace(small_method, "L2 = [", "L3 = ["))
              .find("row 'L3' is not a likelihood id (did you mean 'L1'?)") != std::string::npos);
    CHECK(error_of(replace(small_method, "L2 = [\"ok\", 2, \"ko\"]\n", ""))
              .find("has no row for likelihood 'L2'") != std::string::npos);
    CHECK(error_of(replace(small_method, "colour = \"#00ff00\"", "colour = \"green\""))
              .find("colour 'green' must be written #rrggbb") != std::string::npos);
    CHECK(error_of(replace(small_method, "id = \"I2\"", "id = \"I1\""))
              .find("id 'I1' is used twice") != std::string::npos);
    CHECK(error_of(replace(small_method, "label = { fr = \"Rare\", en = \"Rare\" }",
                           "label = { fr = \"Rare\" }"))
              .find("missing 'en' in [[method.likelihood]].label") != std::string::npos);
    CHECK(error_of("[mission]\nname = \"x\"\n").find("missing table 'method'") !=
          std::string::npos);
    CHECK(error_of(std::string(small_method) + "\xff").find("invalid UTF-8") != std::string::npos);
  }

  TEST_CASE("unknown built-in method names get a suggestion") {
    try {
      builtin_method_toml("ebios");
      FAIL("no error");
    } catch (const ValueError& e) {
      CHECK(std::string(e.what()).find("did you mean 'ebios-rm'") != std::string::npos);
    }
  }

  TEST_CASE("languages") {
    CHECK(parse_lang("fr") == Lang::fr);
    CHECK(parse_lang("EN") == Lang::en);
    CHECK(parse_lang("français") == Lang::fr);
    CHECK_THROWS_AS(parse_lang("de"), ValueError);
  }
}
