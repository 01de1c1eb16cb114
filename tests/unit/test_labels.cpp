#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "kinds.hpp"
#include "labels.hpp"
#include "output.hpp"

using namespace riskmap;

TEST_SUITE("labels") {
  TEST_CASE("every column of every kind has a header in French and in English") {
    for (const EntityKind* kind : all_kinds()) {
      std::vector<std::string> columns = record_columns(*kind);
      for (const auto& column : source_columns(*kind)) columns.push_back(column);
      for (const auto& column : kind->derived) columns.push_back(column);
      for (const auto& column : columns) {
        CAPTURE(kind->name);
        CAPTURE(column);
        const Text* label = column_label(column);
        REQUIRE(label);
        CHECK_FALSE(label->fr.empty());
        CHECK_FALSE(label->en.empty());
        CHECK(label->fr.find('_') == std::string::npos);
        CHECK(label->en.find('_') == std::string::npos);
      }
    }
    // The computed columns that listings add.
    for (const char* column :
         {"inherent_level", "current_level", "residual_level", "priority", "overdue"})
      CHECK(column_label(column));
  }

  TEST_CASE("headers read as the workspace's language") {
    CHECK(column_label("owner")->fr == "Propriétaire");
    CHECK(column_label("owner")->en == "Owner");
    CHECK(column_label("current_likelihood")->fr == "Vraisemblance initiale");
    CHECK(column_label("residual_level")->en == "Residual level");
    CHECK(column_label("current_impact_source")->fr == "Gravité initiale (origine)");
    CHECK(column_label("G1") == nullptr);  // a step of the method, shown as it is
  }

  TEST_CASE("computed columns give their ids labels") {
    REQUIRE(column_vocabulary("zone"));
    CHECK(find_choice(*column_vocabulary("zone"), "danger")->label.fr == "Zone de danger");
    CHECK(find_choice(*column_vocabulary("severity"), "high")->label.fr == "Élevée");
    CHECK(find_choice(*column_vocabulary("pertinence_source"), "derived")->label.en == "Derived");
    CHECK(column_vocabulary("risk_source") == nullptr);  // a scenario's free text
    CHECK(column_vocabulary("title") == nullptr);
  }
}
