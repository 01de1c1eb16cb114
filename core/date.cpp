#include "date.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>

#include <fmt/format.h>

#include "error.hpp"

namespace riskmap {

namespace {
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
}  // namespace

Date Date::parse(std::string_view text) {
  const auto fail = [&]() -> Date {
    throw ValueError(fmt::format("'{}' is not a date: write it YYYY-MM-DD, e.g. 2026-11-23", text));
  };
  const auto year_out_of_range = [&]() -> Date {
    throw ValueError(fmt::format("'{}' is not allowed: a date's year goes from {} to {}", text,
                                 Date::first_year, Date::last_year));
  };
  // YYYYY-MM-DD and longer: a date whose year has too many digits.
  if (text.size() > 10 && text[text.size() - 6] == '-' && text[text.size() - 3] == '-' &&
      std::all_of(text.begin(), text.end() - 6, is_digit) &&
      std::all_of(text.end() - 5, text.end(), [](char c) { return c == '-' || is_digit(c); }))
    return year_out_of_range();
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return fail();
  for (const std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
    if (!is_digit(text[i])) return fail();
  const auto number = [&](std::size_t at, std::size_t length) {
    int n = 0;
    for (std::size_t i = at; i < at + length; ++i) n = n * 10 + (text[i] - '0');
    return n;
  };
  Date date{number(0, 4), static_cast<unsigned>(number(5, 2)), static_cast<unsigned>(number(8, 2))};
  const std::chrono::year_month_day ymd{std::chrono::year{date.year},
                                        std::chrono::month{date.month}, std::chrono::day{date.day}};
  if (!ymd.ok()) return fail();
  if (date.year < Date::first_year) return year_out_of_range();
  return date;
}

Date Date::today() {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  return Date{local.tm_year + 1900, static_cast<unsigned>(local.tm_mon + 1),
              static_cast<unsigned>(local.tm_mday)};
}

std::string Date::to_string() const {
  return fmt::format("{:04}-{:02}-{:02}", year, month, day);
}

Date add_months(const Date& date, std::int64_t months) {
  const std::int64_t index = static_cast<std::int64_t>(date.year) * 12 + (date.month - 1) + months;
  Date out;
  out.year = static_cast<int>(index / 12);
  out.month = static_cast<unsigned>(index % 12) + 1;
  static constexpr unsigned days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (out.year % 4 == 0 && out.year % 100 != 0) || out.year % 400 == 0;
  const unsigned last = out.month == 2 && leap ? 29 : days[out.month - 1];
  out.day = std::min(date.day, last);
  return out;
}

std::int64_t parse_duration(std::string_view text) {
  const auto fail = [&]() -> std::int64_t {
    throw ValueError(
        fmt::format("'{}' is not a duration: write a number and a unit, m (minutes), h, d or w, "
                    "e.g. 30m, 4h, 2d, 1h30m",
                    text));
  };
  if (text.empty()) return fail();
  std::int64_t total = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    std::int64_t n = 0;
    const std::size_t start = i;
    while (i < text.size() && is_digit(text[i])) {
      n = n * 10 + (text[i++] - '0');
      if (n > 100'000'000) return fail();
    }
    if (i == start || i == text.size()) return fail();
    switch (text[i++]) {
      case 'm':
        total += n;
        break;
      case 'h':
        total += n * 60;
        break;
      case 'd':
        total += n * 60 * 24;
        break;
      case 'w':
        total += n * 60 * 24 * 7;
        break;
      default:
        return fail();
    }
  }
  return total;
}

std::string format_duration(std::int64_t minutes) {
  // A single unit when one divides exactly ("10d", not "1w3d"), else hours and minutes.
  struct Unit {
    std::int64_t size;
    char name;
  };
  static constexpr Unit units[] = {{60 * 24 * 7, 'w'}, {60 * 24, 'd'}, {60, 'h'}};
  for (const auto& unit : units)
    if (minutes > 0 && minutes % unit.size == 0)
      return fmt::format("{}{}", minutes / unit.size, unit.name);
  if (minutes > 60) return fmt::format("{}h{}m", minutes / 60, minutes % 60);
  return fmt::format("{}m", minutes);
}

std::string utc_timestamp() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", utc.tm_year + 1900, utc.tm_mon + 1,
                     utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec);
}

}  // namespace riskmap
