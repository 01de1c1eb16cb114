#pragma once
// Text helpers that know UTF-8: validation, accent-insensitive matching,
// natural ordering of refs, "did you mean" suggestions, display width.
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace riskmap {

// Byte offset of the first invalid UTF-8 sequence, or nullopt when valid.
std::optional<std::size_t> invalid_utf8_at(std::string_view text);

// The character starting at byte `i`, moving `i` past it; nullopt for an
// invalid sequence (an overlong form, a surrogate, a cut sequence), `i` unmoved.
std::optional<char32_t> decode_utf8(std::string_view text, std::size_t& i);

// Lowercase and without accents ("Élevé" -> "eleve"), for matching user input.
std::string fold(std::string_view text);

// Negative, zero or positive like strcmp, with digit runs compared as
// numbers: "R2" < "R10".
int natural_compare(std::string_view a, std::string_view b);
struct NaturalLess {
  bool operator()(std::string_view a, std::string_view b) const {
    return natural_compare(a, b) < 0;
  }
};

// The candidate nearest to `word` when it is near enough to be a likely typo.
std::optional<std::string> closest_match(std::string_view word,
                                         std::span<const std::string> candidates);
// " (did you mean 'X'?)" or "".
std::string did_you_mean(std::string_view word, std::span<const std::string> candidates);

// A ref is letters, digits, '.', '_' and '-', starting with a letter or digit.
bool is_valid_ref(std::string_view ref);

// Columns a string takes in a terminal (wide characters count two).
std::size_t display_width(std::string_view text);

std::string_view trim(std::string_view text);
// Splits a comma-separated list, trimming items and dropping empty ones.
std::vector<std::string> split_list(std::string_view text, char separator = ',');
std::string join(std::span<const std::string> items, std::string_view separator);

// 'a', 'b' and 'c' -> "'a', 'b', 'c'": for "allowed: ..." messages.
std::string quoted_list(std::span<const std::string> items);

}  // namespace riskmap
