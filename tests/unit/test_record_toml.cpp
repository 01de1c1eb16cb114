#include <doctest/doctest.h>

#include <string>

#include "error.hpp"
#include "kinds.hpp"
#include "record_toml.hpp"
#include "scenario.hpp"
#include "workspace.hpp"

using namespace riskmap;

namespace {

Record hostile_scenario(const Method& method) {
  const EntityKind& k = scenario_kind();
  Record r = k.empty_record("R1");
  const auto set = [&](const char* field, std::string_view text) {
    r.values[k.index(field)] = parse_value(k.fields[k.index(field)], text, method);
  };
  set("title", "Guillemets \" et barre \\ et «\u00a0insécables\u00a0» # pas un commentaire");
  set("description",
      "Trois \"\"\" guillemets\n\nune tabulation\tici\nun retour\r\nfin par un guillemet \"");
  set("assets", "A2,A1");
  set("criteria", "C,I");
  set("current_likelihood", "V3");
  set("current_impact", "G4");
  set("treatment", "mitigate");
  set("status", "draft");
  set("review_date", "2027-01-31");
  set("owner", "[RSSI] = \"x\"");
  return r;
}

}  // namespace

TEST_SUITE("record as TOML") {
  TEST_CASE("a record reads back exactly, whatever its texts hold") {
    const Method method = load_method("ebios-rm");
    const EntityKind& k = scenario_kind();
    const Record r = hostile_scenario(method);
    const std::string text = record_to_toml(k, r, method, Lang::fr, "scenario R1\n\nsecond line");
    CHECK(text.starts_with("# scenario R1\n#\n# second line\n"));
    CHECK(text.find("current_impact = \"G4\"  # Critique\n") != std::string::npos);
    CHECK(text.find("# owner") == std::string::npos);
    CHECK(text.find("# accepted_by = \"\"\n") != std::string::npos);
    const Record back = record_from_toml(k, "R1", text, "R1.toml", method);
    CHECK(back.ref == "R1");
    for (std::size_t i = 0; i < k.fields.size(); ++i) {
      CAPTURE(k.fields[i].name);
      CHECK(back.values[i] == r.values[i]);
    }
    CHECK(same_stored(back, r));
  }

  TEST_CASE("every kind's empty record reads back, once its required fields are given") {
    const Method method = load_method("ebios-rm");
    for (const EntityKind* kind : all_kinds()) {
      CAPTURE(kind->name);
      Record r = kind->empty_record("X1");
      const std::string text = record_to_toml(*kind, r, method, Lang::en, "");
      bool must = false;  // a required field, or one that always has a value
      for (const auto& field : kind->fields)
        must = must || field.required || !field.default_value.empty();
      if (must) {
        CHECK_THROWS_AS(record_from_toml(*kind, "X1", text, "X1.toml", method), ContentError);
      } else {
        const Record back = record_from_toml(*kind, "X1", text, "X1.toml", method);
        for (const auto& value : back.values) CHECK(is_unset(value));
      }
    }
  }

  TEST_CASE("errors say file, line and column, and what is allowed") {
    const Method method = load_method("ebios-rm");
    const EntityKind& k = scenario_kind();
    const auto fails = [&](std::string_view text) -> std::string {
      try {
        record_from_toml(k, "R1", text, "R1.toml", method);
      } catch (const ContentError& e) {
        return e.what();
      }
      return "no error";
    };
    CHECK(fails("title = \"x\"\ncurrent_impact = \"G9\"\n").starts_with("R1.toml:2:18: current_impact: "));
    CHECK(fails("titel = \"x\"\n").find("R1.toml:1:1: 'titel' is not a field of scenario (did "
                                        "you mean 'title'?)") == 0);
    CHECK(fails("title = \"x\"\nref = \"R2\"\n").find("R1.toml:2:1: the ref of scenario R1 "
                                                       "cannot be changed") == 0);
    CHECK(fails("title = \"x\"\nassets = \"A1\"\nassets = \"A2\"\n").starts_with("R1.toml:3:"));
    CHECK(fails("title = 3\n").find("a number is not allowed here") != std::string::npos);
    CHECK(fails("title = \"x\"\nowner = [\"a\"]\n").find("one value is expected here") !=
          std::string::npos);
    CHECK(fails("title = \"x\"\nassets = [\"A1,A2\"]\n").find("cannot hold a comma") !=
          std::string::npos);
    CHECK(fails("title = \"x\"\ntreatment = \"\"\n").find("treatment always has a value") !=
          std::string::npos);
    CHECK(fails("description = \"x\"\n").find("title is required") != std::string::npos);
    CHECK(fails("title = \"x\n").starts_with("R1.toml:1:"));
  }

  TEST_CASE("TOML's own types are taken where they fit") {
    const Method method = load_method("ebios-rm");
    const EntityKind& k = scenario_kind();
    const Record r = record_from_toml(
        k, "R1", "title = \"x\"\ntreatment = \"open\"\nstatus = \"draft\"\nreview_date = 2027-02-01\ncurrent_likelihood = 2\nassets = []\n",
        "R1.toml", method);
    CHECK(std::get<std::string>(r.values[k.index("review_date")]) == "2027-02-01");
    CHECK(std::get<std::int64_t>(r.values[k.index("current_likelihood")]) == 2);
    CHECK(is_unset(r.values[k.index("assets")]));
  }

  TEST_CASE("blank means nothing but comments and blank lines") {
    CHECK(is_blank_toml(""));
    CHECK(is_blank_toml("\n  # a comment\n\n#! another\n"));
    CHECK_FALSE(is_blank_toml("# x\ntitle = \"y\"\n"));
  }
}
