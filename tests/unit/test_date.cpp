#include <doctest/doctest.h>

#include "date.hpp"
#include "error.hpp"

using namespace riskmap;

TEST_SUITE("date") {
  TEST_CASE("ISO dates are checked against the calendar") {
    CHECK(Date::parse("2026-11-23").to_string() == "2026-11-23");
    CHECK(Date::parse("2024-02-29").to_string() == "2024-02-29");
    CHECK_THROWS_AS(Date::parse("2025-02-29"), ValueError);
    CHECK_THROWS_AS(Date::parse("2026-13-01"), ValueError);
    CHECK_THROWS_AS(Date::parse("23/11/2026"), ValueError);
    CHECK_THROWS_AS(Date::parse("2026-1-1"), ValueError);
    CHECK(Date::parse("2026-01-31") < Date::parse("2026-02-01"));
  }

  TEST_CASE("durations read several units and print one exact spelling") {
    CHECK(parse_duration("30m") == 30);
    CHECK(parse_duration("4h") == 240);
    CHECK(parse_duration("2d") == 2880);
    CHECK(parse_duration("1w") == 10080);
    CHECK(parse_duration("1h30m") == 90);
    CHECK(format_duration(90) == "1h30m");
    CHECK(format_duration(2880) == "2d");
    CHECK(format_duration(14400) == "10d");
    CHECK(format_duration(10080) == "1w");
    CHECK(format_duration(45) == "45m");
    CHECK(format_duration(0) == "0m");
    for (const char* bad : {"", "4", "h", "4x", "-1h", "4 h", "1.5h"}) {
      CAPTURE(bad);
      CHECK_THROWS_AS(parse_duration(bad), ValueError);
    }
    for (std::int64_t minutes : {1, 59, 60, 61, 1439, 1440, 1441, 10080, 20000})
      CHECK(parse_duration(format_duration(minutes)) == minutes);
  }
}
