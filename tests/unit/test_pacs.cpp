#include <doctest/doctest.h>

#include "control.hpp"
#include "report/action_plan.hpp"
#include "scenario.hpp"
#include "workspace.hpp"

using namespace riskmap;

TEST_SUITE("pacs") {
  TEST_CASE("every control category is on the axis of its name") {
    static const char* const names[] = {"governance", "protection", "defence", "resilience"};
    REQUIRE(control_categories().size() == pacs_axis_count);
    for (std::size_t i = 0; i < control_categories().size(); ++i) {
      const auto axis = pacs_axis(control_categories()[i].id);
      REQUIRE(axis);
      CHECK(control_categories()[i].id == names[static_cast<std::size_t>(*axis)]);
      CHECK(pacs_axis_label(*axis).en == control_categories()[i].label.en);
      CHECK(pacs_axis_label(*axis).fr == control_categories()[i].label.fr);
    }
    CHECK_FALSE(pacs_axis(""));
    CHECK_FALSE(pacs_axis("detection"));
  }

  TEST_CASE("EBIOS RM names the current stage the initial risk, in English too") {
    const Method ebios = load_method("ebios-rm"), iso = load_method("iso27005");
    CHECK(is_ebios_rm(ebios));
    CHECK_FALSE(is_ebios_rm(iso));
    CHECK(stage_label(Stage::current, ebios).en == "Initial");
    CHECK(stage_label(Stage::current, ebios).fr == "Initial");
    CHECK(stage_label(Stage::current, iso).en == "Current");
    CHECK(stage_label(Stage::current, iso).fr == "Initial");
    CHECK(stage_label(Stage::residual, ebios).en == "Residual");
    CHECK(stage_label(Stage::inherent, ebios).fr == "Brut");
  }
}
