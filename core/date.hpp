#pragma once
// Calendar dates (ISO 8601, YYYY-MM-DD) and durations such as RTO/RPO.
#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

namespace riskmap {

struct Date {
  int year = 0;
  unsigned month = 0;
  unsigned day = 0;

  // The years a date may have: four digits, and none before 1900, which
  // would be a typing error in a risk map.
  static constexpr int first_year = 1900, last_year = 9999;

  // Throws ValueError unless `text` is a real calendar date written
  // YYYY-MM-DD, in a year from first_year to last_year.
  static Date parse(std::string_view text);
  static Date today();  // the local calendar date
  std::string to_string() const;
  auto operator<=>(const Date&) const = default;
};

// `date` moved on by `months` calendar months, the day kept or, past the
// end of the month reached, its last day (2026-01-31 + 1 month = 2026-02-28).
Date add_months(const Date& date, std::int64_t months);

// Now, in UTC, to the second: "2026-12-04T16:06:12Z".
std::string utc_timestamp();

// A duration in minutes, written as a number and a unit, or several:
// "30m", "4h", "2d", "1w", "1h30m". Units: m (minutes), h, d, w.
// Throws ValueError on anything else.
std::int64_t parse_duration(std::string_view text);
// One exact spelling: 2880 -> "2d", 14400 -> "10d", 90 -> "1h30m".
std::string format_duration(std::int64_t minutes);

}  // namespace riskmap
