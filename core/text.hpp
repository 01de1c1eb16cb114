#pragma once
// Text helpers that know UTF-8: validation, accent-insensitive matching,
// natural ordering of refs, "did you mean" suggestions, terminal-safe text.
#include <cstddef>
#include <cstdint>
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
// A number that orders texts as natural_compare does, as far as its 64
// bits go: of a text that comes before another, at most the other's key.
// Texts with one key are told apart by natural_compare; keys settle most
// comparisons of a sort without reading the texts again.
std::uint64_t natural_key(std::string_view text);
struct NaturalLess {
  bool operator()(std::string_view a, std::string_view b) const {
    return natural_compare(a, b) < 0;
  }
};

// The candidate nearest to `word` when it is near enough to be a likely typo,
// first of all one that differs from it only in case or accents.
std::optional<std::string> closest_match(std::string_view word,
                                         std::span<const std::string> candidates);
// " (did you mean 'X'?)" or "".
std::string did_you_mean(std::string_view word, std::span<const std::string> candidates);

// A ref is letters, digits, '.', '_' and '-', starting with a letter or digit.
bool is_valid_ref(std::string_view ref);

// User text as a terminal shows it without acting on it: escape sequences
// (CSI "ESC [ ... final byte"; OSC "ESC ] ... BEL or ESC \", and the other
// strings DCS, SOS, PM and APC alike) and a lone ESC are dropped, and so are
// the C0 controls, DEL and the C1 controls (U+0080 to U+009F); a tab becomes
// a space, invalid UTF-8 becomes U+FFFD, line feeds are kept. For tables,
// `show` and messages; CSV and JSON, data for scripts, keep every byte.
std::string terminal_safe(std::string_view text);

// terminal_safe over text that comes in pieces (a message written a few
// words at a time): a sequence begun in one piece is dropped to its end in
// the next, a character cut between two pieces is kept whole.
class TerminalFilter {
 public:
  void feed(std::string_view piece, std::string& out);
  // The end of the text: an unfinished escape sequence stays dropped, an
  // unfinished character becomes U+FFFD.
  void finish(std::string& out);

 private:
  enum class State : unsigned char { text, escape, csi, string, string_escape };
  void run(std::string_view text, std::string& out);
  State state_ = State::text;
  std::string cut_;  // the first bytes of a character the last piece ended in
};

std::string_view trim(std::string_view text);
// Splits a comma-separated list, trimming items and dropping empty ones.
std::vector<std::string> split_list(std::string_view text, char separator = ',');
std::string join(std::span<const std::string> items, std::string_view separator);

// 'a', 'b' and 'c' -> "'a', 'b', 'c'": for "allowed: ..." messages.
std::string quoted_list(std::span<const std::string> items);

}  // namespace riskmap
