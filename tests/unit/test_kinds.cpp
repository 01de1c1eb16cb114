#include <doctest/doctest.h>

#include <cstdint>

#include "action.hpp"
#include "date.hpp"
#include "stakeholder.hpp"

using namespace riskmap;

namespace {

// A stakeholder rated (dependency, penetration, maturity, trust) at the
// initial stage, and at the residual stage when `residual` is given.
Record stakeholder(std::int64_t dependency, std::int64_t penetration, std::int64_t maturity,
                   std::int64_t trust) {
  const EntityKind& kind = stakeholder_kind();
  Record record = kind.empty_record("P1");
  record.values[kind.index("name")] = std::string("Supplier");
  record.values[kind.index("dependency")] = dependency;
  record.values[kind.index("penetration")] = penetration;
  record.values[kind.index("maturity")] = maturity;
  record.values[kind.index("trust")] = trust;
  return record;
}

Record action(const char* due, const char* status) {
  const EntityKind& kind = action_kind();
  Record record = kind.empty_record("T1");
  record.values[kind.index("title")] = std::string("Patch");
  if (due) record.values[kind.index("due")] = std::string(due);
  if (status) record.values[kind.index("status")] = std::string(status);
  return record;
}

}  // namespace

TEST_SUITE("kinds") {
  TEST_CASE("threat level is (dependency x penetration) / (maturity x trust)") {
    CHECK(*threat_level(stakeholder(4, 4, 1, 1), Rated::initial) == doctest::Approx(16));
    CHECK(*threat_level(stakeholder(2, 4, 2, 1), Rated::initial) == doctest::Approx(4));
    CHECK(*threat_level(stakeholder(2, 3, 4, 3), Rated::initial) == doctest::Approx(0.5));
    CHECK(*threat_level(stakeholder(1, 1, 4, 4), Rated::initial) == doctest::Approx(0.0625));
  }

  TEST_CASE("threat level needs all four criteria of its stage") {
    Record record = stakeholder(2, 2, 2, 2);
    CHECK_FALSE(threat_level(record, Rated::residual));  // residual criteria not set
    const EntityKind& kind = stakeholder_kind();
    for (const char* name : {"residual_dependency", "residual_penetration", "residual_maturity"})
      record.values[kind.index(name)] = std::int64_t{1};
    CHECK_FALSE(threat_level(record, Rated::residual));
    record.values[kind.index("residual_trust")] = std::int64_t{4};
    CHECK(*threat_level(record, Rated::residual) == doctest::Approx(0.25));
    CHECK(*threat_level(record, Rated::initial) == doctest::Approx(1));
    record.values[kind.index("trust")] = std::monostate{};
    CHECK_FALSE(threat_level(record, Rated::initial));
  }

  TEST_CASE("zones: a threat level at a threshold is in that zone") {
    const ZoneThresholds defaults;
    CHECK(zone_of(16, defaults) == Zone::danger);
    CHECK(zone_of(2.5, defaults) == Zone::danger);
    CHECK(zone_of(2.25, defaults) == Zone::control);
    CHECK(zone_of(0.9, defaults) == Zone::control);
    CHECK(zone_of(0.89, defaults) == Zone::watch);
    CHECK(zone_of(0.2, defaults) == Zone::watch);
    CHECK(zone_of(0.1875, defaults) == Zone::outside);
    CHECK(zone_of(0.0625, defaults) == Zone::outside);

    const ZoneThresholds custom{4, 0.75, 0.25};
    CHECK(zone_of(4, custom) == Zone::danger);
    CHECK(zone_of(3, custom) == Zone::control);
    CHECK(zone_of(0.75, custom) == Zone::control);
    CHECK(zone_of(2.0 / 3.0, custom) == Zone::watch);
    CHECK(zone_of(0.25, custom) == Zone::watch);
    CHECK(zone_of(0.1875, custom) == Zone::outside);

    // Exact thresholds reached through the ratio itself, not a rounded value.
    CHECK(zone_of(*threat_level(stakeholder(2, 1, 4, 2), Rated::initial), custom) == Zone::watch);
    CHECK(zone_of(*threat_level(stakeholder(3, 1, 4, 1), Rated::initial), custom) == Zone::control);
    CHECK(zones().size() == 4);
    CHECK(zones()[static_cast<std::size_t>(Zone::outside)].id == "outside");
  }

  TEST_CASE("overdue: due before today, and not done nor cancelled") {
    const Date today = Date::parse("2026-03-15");
    CHECK(is_overdue(action("2026-03-14", "planned"), today));
    CHECK(is_overdue(action("2025-12-31", "in-progress"), today));
    CHECK_FALSE(is_overdue(action("2026-03-15", "planned"), today));  // due today: not yet late
    CHECK_FALSE(is_overdue(action("2026-03-16", "planned"), today));
    CHECK_FALSE(is_overdue(action("2026-03-14", "done"), today));
    CHECK_FALSE(is_overdue(action("2026-03-14", "cancelled"), today));
    CHECK_FALSE(is_overdue(action(nullptr, "planned"), today));  // no due date
    CHECK(is_overdue(action("2026-03-14", nullptr), today));     // no status yet: not done
  }
}
