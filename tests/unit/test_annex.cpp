#include <doctest/doctest.h>

#include "report/annex.hpp"
#include "report/wording.hpp"

using namespace riskmap;

TEST_SUITE("annex") {
  TEST_CASE("a list that fits is given whole, and nothing goes to the annex") {
    Annex annex(Lang::fr);
    CHECK(annex.list({"R1", "R2", "R3"}, 3, "M1", "Risques") == "R1, R2, R3");
    CHECK(annex.list({}, 3, "M1", "Risques").empty());
    CHECK(annex.empty());
  }

  TEST_CASE("a cut list says how many more and where they are, in French and English") {
    const std::vector<std::string> refs{"R1", "R2", "R3", "R4", "R5"};
    CHECK(wording::cut_list(refs, 3, Lang::fr, "l’annexe") ==
          "R1, R2, R3 et 2 autres, voir l’annexe");
    CHECK(wording::cut_list(refs, 4, Lang::fr, "l’annexe") ==
          "R1, R2, R3, R4 et 1 autre, voir l’annexe");
    CHECK(wording::cut_list(refs, 3, Lang::en, "the annex") ==
          "R1, R2, R3 and 2 more, see the annex");
    CHECK(wording::cut_list(refs, 5, Lang::en, "the annex") == "R1, R2, R3, R4, R5");
    // Thousands are written as each language writes them.
    std::vector<std::string> many(1003, "R");
    CHECK(wording::cut_list(many, 1, Lang::fr, "l’annexe") ==
          "R et 1\u202f002 autres, voir l’annexe");
    CHECK(wording::cut_list(many, 1, Lang::en, "the annex") == "R and 1,002 more, see the annex");
  }

  TEST_CASE("the annex holds every cut list whole, in the order the body cut them") {
    Annex annex(Lang::en);
    CHECK(annex.list({"R1", "R2", "R3"}, 2, "M1", "Risks") == "R1, R2 and 1 more, see the annex");
    CHECK(annex.list({"R4"}, 2, "M2", "Risks") == "R4");
    CHECK(annex.list({"T1", "T2", "T3"}, 1, "A1", "Actions", "; ") ==
          "T1 and 2 more, see the annex");
    CHECK_FALSE(annex.empty());
    ViewData view;
    annex.set(view);
    REQUIRE(view.get("has_annex") != nullptr);
    CHECK(view.get("has_annex")->is_true());
    const auto& items = view.get("annex")->list_value();
    REQUIRE(items.size() == 2);
    CHECK(items[0].get("ref")->string_value() == "M1");
    CHECK(items[0].get("items")->string_value() == "R1, R2, R3");
    CHECK(items[1].get("what")->string_value() == "Actions");
    CHECK(items[1].get("items")->string_value() == "T1; T2; T3");
  }
}
