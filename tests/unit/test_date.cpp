#include <doctest/doctest.h>

#include <fmt/format.h>

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

  TEST_CASE("a date refused for its year says which years are allowed") {
    CHECK(Date::parse("1900-01-01").to_string() == "1900-01-01");
    CHECK(Date::parse("9999-12-31").to_string() == "9999-12-31");
    for (const char* bad : {"1899-12-31", "0000-01-01", "10000-01-01", "202601-01-01"}) {
      CAPTURE(bad);
      try {
        Date::parse(bad);
        FAIL("accepted");
      } catch (const ValueError& e) {
        CHECK(std::string(e.what()) ==
              fmt::format("'{}' is not allowed: a date's year goes from 1900 to 9999", bad));
      }
    }
    // Not a question of year: the format is what is wrong.
    CHECK_THROWS_WITH(Date::parse("2026-1-1"),
                      "'2026-1-1' is not a date: write it YYYY-MM-DD, e.g. 2026-11-23");
  }

  TEST_CASE("a date moved on by months keeps its day, or the month's last one") {
    CHECK(add_months(Date::parse("2026-06-01"), 12).to_string() == "2027-06-01");
    CHECK(add_months(Date::parse("2026-01-31"), 1).to_string() == "2026-02-28");
    CHECK(add_months(Date::parse("2028-01-31"), 1).to_string() == "2028-02-29");
    CHECK(add_months(Date::parse("2024-02-29"), 12).to_string() == "2025-02-28");
    CHECK(add_months(Date::parse("2026-11-15"), 18).to_string() == "2028-05-15");
    CHECK(add_months(Date::parse("2026-04-01"), 0).to_string() == "2026-04-01");
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
