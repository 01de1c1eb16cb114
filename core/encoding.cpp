#include "encoding.hpp"

#include <array>

#include <fmt/format.h>

#include "error.hpp"
#include "text.hpp"

namespace riskmap {

Encoding parse_encoding(std::string_view text) {
  const std::string folded = fold(trim(text));
  if (folded == "auto") return Encoding::automatic;
  if (folded == "utf-8" || folded == "utf8") return Encoding::utf8;
  if (folded == "windows-1252" || folded == "cp1252") return Encoding::windows1252;
  const std::vector<std::string> names{"auto", "utf-8", "windows-1252"};
  throw ValueError(fmt::format("'{}' is not an encoding{}; allowed: {}", trim(text),
                               did_you_mean(trim(text), names), quoted_list(names)));
}

std::string_view to_string(Encoding encoding) {
  switch (encoding) {
    case Encoding::automatic:
      return "auto";
    case Encoding::utf8:
      return "utf-8";
    case Encoding::windows1252:
      return "windows-1252";
  }
  return "auto";
}

namespace {

// Windows-1252 differs from Latin-1 only in 0x80..0x9F, where it puts
// typographic signs instead of control codes; "" marks an undefined byte.
constexpr std::array<std::string_view, 32> high_controls{
    "\u20AC", "",       "\u201A", "\u0192", "\u201E", "\u2026", "\u2020", "\u2021",
    "\u02C6", "\u2030", "\u0160", "\u2039", "\u0152", "",       "\u017D", "",
    "",       "\u2018", "\u2019", "\u201C", "\u201D", "\u2022", "\u2013", "\u2014",
    "\u02DC", "\u2122", "\u0161", "\u203A", "\u0153", "",       "\u017E", "\u0178",
};

// The two-byte UTF-8 forms of U+00A0..U+00FF, which Windows-1252 shares with Latin-1.
constexpr auto latin1_upper = [] {
  std::array<std::array<char, 2>, 96> table{};
  for (unsigned i = 0; i < 96; ++i) {
    const unsigned cp = 0xA0 + i;
    table[i] = {static_cast<char>(0xC0 | (cp >> 6)), static_cast<char>(0x80 | (cp & 0x3F))};
  }
  return table;
}();

}  // namespace

std::string_view windows1252_char(unsigned char byte) {
  static const std::array<char, 128> ascii = [] {
    std::array<char, 128> table{};
    for (unsigned i = 0; i < 128; ++i) table[i] = static_cast<char>(i);
    return table;
  }();
  if (byte < 0x80) return {&ascii[byte], 1};
  if (byte < 0xA0) return high_controls[byte - 0x80];
  return {latin1_upper[byte - 0xA0].data(), 2};
}

std::optional<std::size_t> append_windows1252(std::string_view bytes, std::string& out) {
  out.reserve(out.size() + bytes.size() + bytes.size() / 8);
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    const auto byte = static_cast<unsigned char>(bytes[i]);
    if (byte < 0x80) {
      out += static_cast<char>(byte);
      continue;
    }
    const std::string_view utf8 = windows1252_char(byte);
    if (utf8.empty()) return i;
    out += utf8;
  }
  return std::nullopt;
}

Utf8Scan scan_utf8(std::istream& in) {
  const auto start = in.tellg();
  Utf8Scan scan;
  std::string chunk(1 << 16, '\0');
  std::size_t line = 1;
  int remaining = 0;                            // continuation bytes still expected
  unsigned char lowest = 0x80, highest = 0xBF;  // the range of the next one
  bool first = true;
  const auto invalid = [&] { scan.invalid_line = line; };
  while (!scan.invalid_line) {
    in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    const auto size = static_cast<std::size_t>(in.gcount());
    if (size == 0) break;
    std::size_t i = 0;
    if (first) {
      first = false;
      scan.bom = size >= 3 && chunk.compare(0, 3, "\xEF\xBB\xBF") == 0;
      if (scan.bom) i = 3;
    }
    for (; i < size && !scan.invalid_line; ++i) {
      const auto b = static_cast<unsigned char>(chunk[i]);
      if (remaining > 0) {
        if (b < lowest || b > highest) {
          invalid();
          break;
        }
        --remaining, lowest = 0x80, highest = 0xBF;
        continue;
      }
      if (b == '\n') ++line;
      if (b < 0x80) continue;
      // Overlong forms, surrogates and code points past U+10FFFF are invalid.
      if (b >= 0xC2 && b <= 0xDF)
        remaining = 1;
      else if (b == 0xE0)
        remaining = 2, lowest = 0xA0;
      else if ((b >= 0xE1 && b <= 0xEC) || b == 0xEE || b == 0xEF)
        remaining = 2;
      else if (b == 0xED)
        remaining = 2, highest = 0x9F;
      else if (b == 0xF0)
        remaining = 3, lowest = 0x90;
      else if (b >= 0xF1 && b <= 0xF3)
        remaining = 3;
      else if (b == 0xF4)
        remaining = 3, highest = 0x8F;
      else
        invalid();
    }
  }
  if (!scan.invalid_line && remaining > 0) scan.invalid_line = line;  // cut short at the end
  in.clear();
  in.seekg(start);
  return scan;
}

}  // namespace riskmap
