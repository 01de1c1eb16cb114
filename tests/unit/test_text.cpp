#include <doctest/doctest.h>

#include <algorithm>
#include <random>

#include "text.hpp"

using namespace riskmap;

TEST_SUITE("text") {
  TEST_CASE("fold lowercases and drops accents") {
    CHECK(fold("Élevé") == "eleve");
    CHECK(fold("TRÈS Vraisemblable") == "tres vraisemblable");
    CHECK(fold("Cœur") == "coeur");
    CHECK(fold("Çà") == "ca");
    CHECK(fold("مرحبا") == "مرحبا");  // other scripts pass through
  }

  TEST_CASE("natural order puts R2 before R10") {
    std::vector<std::string> refs{"R10", "R2", "R1", "A1", "R1.2", "R01"};
    std::sort(refs.begin(), refs.end(), NaturalLess{});
    CHECK(refs == std::vector<std::string>{"A1", "R01", "R1", "R1.2", "R2", "R10"});
    CHECK(natural_compare("R2", "R2") == 0);
    CHECK(natural_compare("R01", "R1") != 0);  // distinct refs never compare equal
  }

  TEST_CASE("natural keys order texts as natural order does, as far as they go") {
    std::mt19937 random(5);
    const std::string alphabet[] = {"R", "-", ".", "0", "1", "2", "9", "a", "\xc3\xa9", " "};
    std::vector<std::string> texts{"", "R", "R1", "R01", "R001", "R10", "R1a", "R1 ", "A1"};
    texts.push_back("R" + std::string(300, '7'));
    texts.push_back("R" + std::string(300, '7') + "1");
    for (int i = 0; i < 400; ++i) {
      std::string text;
      for (auto n = random() % 14; n > 0; --n) text += alphabet[random() % std::size(alphabet)];
      texts.push_back(text);
    }
    for (const auto& a : texts)
      for (const auto& b : texts)
        if (natural_compare(a, b) < 0) {
          CAPTURE(a);
          CAPTURE(b);
          REQUIRE(natural_key(a) <= natural_key(b));
        }
    // Refs as riskmap makes them, up to a million, all told apart in order.
    for (int n = 1; n < 1000000; n += 1 + n / 50)
      REQUIRE(natural_key("R" + std::to_string(n)) < natural_key("R" + std::to_string(n + 1)));
    CHECK(natural_key("SC-041") < natural_key("SC-42"));
    // Past 64 bits, texts share a key: natural_compare tells them apart.
    CHECK(natural_key("SC-2026-0041") == natural_key("SC-2026-0042"));
  }

  TEST_CASE("did you mean") {
    const std::vector<std::string> names{"scenario", "asset", "matrix"};
    CHECK(did_you_mean("scenari", names) == " (did you mean 'scenario'?)");
    CHECK(did_you_mean("matirx", names) == " (did you mean 'matrix'?)");  // a swap counts once
    CHECK(did_you_mean("zzz", names).empty());
    CHECK(did_you_mean("asset", names).empty());  // an exact word is no typo
  }

  TEST_CASE("UTF-8 validation finds the first bad byte") {
    CHECK_FALSE(invalid_utf8_at("Élevé 😀"));
    CHECK(invalid_utf8_at("ab\xff") == std::optional<std::size_t>(2));
    CHECK(invalid_utf8_at("\xc3") == std::optional<std::size_t>(0));          // truncated
    CHECK(invalid_utf8_at("\xc0\xaf") == std::optional<std::size_t>(0));      // overlong
    CHECK(invalid_utf8_at("\xed\xa0\x80") == std::optional<std::size_t>(0));  // surrogate
  }

  TEST_CASE("refs") {
    CHECK(is_valid_ref("R1"));
    CHECK(is_valid_ref("SRV-01.a_b"));
    CHECK_FALSE(is_valid_ref(""));
    CHECK_FALSE(is_valid_ref("-R1"));
    CHECK_FALSE(is_valid_ref("R 1"));
    CHECK_FALSE(is_valid_ref("R1,R2"));
    CHECK_FALSE(is_valid_ref("Ré"));
  }

  TEST_CASE("lists split on commas and trim") {
    CHECK(split_list(" A1, A2 ,,A3 ") == std::vector<std::string>{"A1", "A2", "A3"});
    CHECK(split_list("").empty());
  }

  TEST_CASE("terminal text: escape sequences and control characters dropped") {
    CHECK(terminal_safe("plain text, é 😀") == "plain text, é 😀");
    // CSI: parameters, intermediates, a final byte.
    CHECK(terminal_safe("a\x1b[2J\x1b[Hb") == "ab");
    CHECK(terminal_safe("\x1b[38;2;255;0;0mred\x1b[0m") == "red");
    CHECK(terminal_safe("\x1b[?1049h\x1b[ q.") == ".");
    // OSC, ended by BEL or by ST (ESC \); its text goes with it.
    CHECK(terminal_safe("a\x1b]0;pwned\ab") == "ab");
    CHECK(terminal_safe("a\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\b") == "alinkb");
    CHECK(terminal_safe("a\x1bP1$r\x1b\\b") == "ab");  // DCS
    // An unfinished sequence is dropped to the end.
    CHECK(terminal_safe("a\x1b]0;pwned") == "a");
    CHECK(terminal_safe("a\x1b[12") == "a");
    // A lone ESC goes; what follows it is text.
    CHECK(terminal_safe("a\x1b") == "a");
    CHECK(terminal_safe("a\x1b"
                        "cb") == "acb");
    CHECK(terminal_safe("a\x1b\x1b[2Jb") == "ab");
    // A CSI cut by a control or a non-ASCII byte ends there.
    CHECK(terminal_safe("a\x1b[1\x07é") == "aé");
    // C0 (but LF), DEL, C1; a tab is a space.
    CHECK(terminal_safe("a\x01\x07\x08\rb\x7f\nc\td") == "ab\nc d");
    CHECK(terminal_safe("a\u0085\u009b2J\u009fb\u00a0c") == "a2Jb\u00a0c");
    // Invalid UTF-8 becomes U+FFFD.
    CHECK(terminal_safe("a\x9b"
                        "2J") == "a\uFFFD2J");
    CHECK(terminal_safe("a\xC2") == "a\uFFFD");
    CHECK(terminal_safe("\xFF\xFE") == "\uFFFD\uFFFD");
  }

  TEST_CASE("terminal text in pieces: sequences and characters across them") {
    const auto pieces = [](std::initializer_list<std::string_view> parts) {
      TerminalFilter filter;
      std::string out;
      for (const auto part : parts) filter.feed(part, out);
      filter.finish(out);
      return out;
    };
    CHECK(pieces({"riskmap: '", "a\x1b[2", "Jb", "'\n"}) == "riskmap: 'ab'\n");
    CHECK(pieces({"a\x1b]0;pw", "ned\x1b", "\\b"}) == "ab");
    CHECK(pieces({"a\x1b", "[31mb"}) == "ab");
    CHECK(pieces({"\xC3", "\xA9t\xC3\xA9"}) == "été");
    CHECK(pieces({"\xF0\x9F", "\x98", "\x80!"}) == "😀!");
    CHECK(pieces({"\xC2",
                  "\x9b"
                  "2J"}) == "2J");              // a C1 control cut in two
    CHECK(pieces({"a\xE2\x82"}) == "a\uFFFD");  // cut at the very end
    // Every split of one text gives what the whole does.
    const std::string text = "x\x1b[1;2H\xC3\xA9\x1b]2;t\x07\xF0\x9F\x98\x80\x1b\\\u009b\ty\x01\nz";
    for (std::size_t at = 0; at <= text.size(); ++at) {
      CAPTURE(at);
      CHECK(pieces({std::string_view(text).substr(0, at), std::string_view(text).substr(at)}) ==
            terminal_safe(text));
    }
  }
}
