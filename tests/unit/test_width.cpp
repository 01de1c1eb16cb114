#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include <utf8proc.h>

#include "width.hpp"

using namespace riskmap;

namespace {

// Whether every line of `lines` takes at most `width` columns.
bool all_fit(const std::vector<std::string>& lines, std::size_t width) {
  for (const auto& line : lines)
    if (display_width(line) > width) return false;
  return true;
}

// The width of `text` cluster by cluster through utf8proc alone: each
// cluster as wide as its widest character, an invalid byte one column.
std::size_t reference_width(const std::string& text) {
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  const auto size = static_cast<utf8proc_ssize_t>(text.size());
  const auto width_of = [](utf8proc_int32_t code) -> std::size_t {
    if (code < 0) return 1;
    if (code < 0x80) return code >= 0x20 && code != 0x7F ? 1 : 0;
    return static_cast<std::size_t>(std::max(0, utf8proc_charwidth(code)));
  };
  std::size_t total = 0, cluster = 0;
  utf8proc_int32_t previous = -1, state = 0;
  for (utf8proc_ssize_t i = 0; i < size;) {
    utf8proc_int32_t code = -1;
    const utf8proc_ssize_t length = utf8proc_iterate(bytes + i, size - i, &code);
    i += length > 0 ? length : 1;
    if (length <= 0) code = -1;
    if (previous < 0 || code < 0 || utf8proc_grapheme_break_stateful(previous, code, &state)) {
      total += cluster;
      cluster = 0;
      state = 0;
    }
    cluster = std::max(cluster, width_of(code));
    previous = code;
  }
  return total + cluster;
}

}  // namespace

TEST_SUITE("width") {
  TEST_CASE("widths agree with utf8proc's clusters, on text of every kind") {
    const std::vector<std::string> pieces{
        "a", "Z", " ", "1", "\t", "\r", "\n", "\x7f", "\u00e9", "\u00a0", "\u00ab", "\u0153",
        "\u02bc", "\u0085", "\u0301", "\u0308", "\u2019", "\u202f", "\u2026", "\u2013",
        "\u200b", "\u200c", "\u200d", "\u2060", "\u2049", "\u00a9", "\u65e5", "\U0001F600",
        "\U0001F1EB", "\u0627", "\u064e", "\u0600", "\u1100", "\u1161", "\u0915", "\u094d",
        "\xe2\x80", "\xc3", "\xff", "\xed\xa0\x80"};
    std::mt19937 random(17);
    for (int n = 0; n < 20000; ++n) {
      std::string text;
      for (auto k = random() % 8; k > 0; --k) text += pieces[random() % pieces.size()];
      CAPTURE(text);
      REQUIRE(display_width(text) == reference_width(text));
    }
  }

  TEST_CASE("accents take no column, composed or not") {
    CHECK(display_width("Élevé") == 5);
    CHECK(display_width("E\u0301leve\u0301") == 5);  // NFD: E + COMBINING ACUTE
    CHECK(display_width("Re\u0301duire") == 7);
  }

  TEST_CASE("a Latin letter joins the marks after it, and stands alone before anything else") {
    CHECK(display_width("e\u0301\u0301") == 1);      // ASCII, then two marks
    CHECK(display_width("\u00e9\u0301") == 1);        // é, then a mark: one cluster
    CHECK(display_width("\u00fc\u0308x") == 2);       // ü + mark, then x
    CHECK(display_width("\u00e9\u200d\u00e9") == 2);  // ZWJ joins nothing visible here
    CHECK(display_width("\u00ab\u00a0Caisse\u00a0\u00bb") == 10);
    CHECK(display_width("\u00df\u65e5") == 3);        // ß, then a wide character
    CHECK(display_width("\u00e9\U0001F600") == 3);    // é, then an emoji
    CHECK(display_width("\u00ad") == display_width(std::string("\u00ad") + "\u0301"));
    CHECK(display_width("\xc3") == 1);                // a lead byte cut off: invalid, one column
    CHECK(display_width("\xc3(") == 2);
  }

  TEST_CASE("punctuation of French text takes a column, and joins the marks after it") {
    CHECK(display_width("L\u2019action") == 8);                // apostrophe
    CHECK(display_width("Risque\u202f: \u00ab\u00a0x\u00a0\u00bb") == 14);
    CHECK(display_width("a \u2013 b\u2026") == 6);            // dash, ellipsis
    CHECK(display_width("\u2019\u0301x") == 2);               // a mark joins the apostrophe
    CHECK(display_width("x\u2019") == 2);                      // at the end
    CHECK(display_width("\u200b") == display_width("\u200bx") - 1);  // zero width space
    CHECK(display_width("\xe2\x80") == 2);                    // a cut sequence: invalid bytes
    CHECK(display_width("abc\u0301def") == 6);                // ASCII runs around a mark
  }

  TEST_CASE("Arabic vowel marks take no column") {
    const std::string bare = "\u0643\u062a\u0628";                       // كتب
    const std::string voweled = "\u0643\u064e\u062a\u064e\u0628\u064e";  // كَتَبَ
    CHECK(display_width(bare) == 3);
    CHECK(display_width(voweled) == 3);
  }

  TEST_CASE("wide East Asian characters and emoji take two columns") {
    CHECK(display_width("日本") == 4);
    CHECK(display_width("中文 ok") == 7);
    CHECK(display_width("😀") == 2);
    CHECK(display_width("a😀b") == 4);
    // A family joined by zero-width joiners is one cluster, two columns wide.
    CHECK(display_width("\U0001F468\u200D\U0001F469\u200D\U0001F467") == 2);
  }

  TEST_CASE("control characters take no column, invalid bytes one each") {
    CHECK(display_width("a\tb") == 2);
    CHECK(display_width("a\xff"
                        "b") == 3);
    CHECK(display_width("") == 0);
  }

  TEST_CASE("truncation keeps what fits and ends with an ellipsis") {
    CHECK(truncate_to_width("Rançongiciel", 20) == "Rançongiciel");
    CHECK(truncate_to_width("Rançongiciel", 12) == "Rançongiciel");
    CHECK(truncate_to_width("Rançongiciel", 6) == "Ranço…");
    CHECK(display_width(truncate_to_width("Rançongiciel", 6)) == 6);
    CHECK(truncate_to_width("Fuite de données", 10) == "Fuite de…");  // no space before …
    CHECK(truncate_to_width("abc", 0).empty());
    CHECK(truncate_to_width("abc", 1) == "…");
  }

  TEST_CASE("truncation never splits a letter from its marks nor a sequence") {
    // "Re" + COMBINING ACUTE + "duire": the accent stays with its e or goes with it.
    CHECK(truncate_to_width("Re\u0301duire", 3) == "Re\u0301…");
    CHECK(truncate_to_width("\u0643\u064e\u062a\u064e\u0628\u064e", 2) == "\u0643\u064e…");
    // A wide character that would cross the limit is left out whole.
    CHECK(truncate_to_width("日本語", 4) == "日…");
    CHECK(display_width(truncate_to_width("日本語", 4)) == 3);
    CHECK(truncate_to_width("😀😀😀", 5) == "😀😀…");
    CHECK(truncate_to_width("\U0001F468\u200D\U0001F469\u200D\U0001F467 x", 3) ==
          "\U0001F468\u200D\U0001F469\u200D\U0001F467…");
  }

  TEST_CASE("wrapping breaks at spaces") {
    CHECK(wrap_to_width("Perte ou destruction des sauvegardes", 12) ==
          std::vector<std::string>{"Perte ou", "destruction", "des", "sauvegardes"});
    CHECK(wrap_to_width("court", 40) == std::vector<std::string>{"court"});
    CHECK(wrap_to_width("", 10) == std::vector<std::string>{""});
  }

  TEST_CASE("wrapping breaks after a hyphen when a word does not fit") {
    CHECK(wrap_to_width("critical-asset-no-continuity", 20) ==
          std::vector<std::string>{"critical-asset-no-", "continuity"});
    CHECK(wrap_to_width("2026-12-15", 10) == std::vector<std::string>{"2026-12-15"});
    CHECK(wrap_to_width("voir 2026-12-15", 8) == std::vector<std::string>{"voir", "2026-12-", "15"});
  }

  TEST_CASE("columns shrink in proportion to what they have above their minimum") {
    // 60 + 20 + 10 into 60: the title keeps most, the short column stays.
    CHECK(shrink_in_proportion({60, 20, 10}, {8, 8, 10}, 60) ==
          std::vector<std::size_t>{35, 15, 10});
    CHECK(shrink_in_proportion({30, 20}, {8, 8}, 100) == std::vector<std::size_t>{30, 20});
    // Never below the minimums, even when the room is too small.
    CHECK(shrink_in_proportion({30, 20}, {8, 8}, 10) == std::vector<std::size_t>{8, 8});
  }

  TEST_CASE("wrapping keeps line feeds and the indentation that starts a text") {
    CHECK(wrap_to_width("un\n\ndeux trois", 6) ==
          std::vector<std::string>{"un", "", "deux", "trois"});
    CHECK(wrap_to_width("  - un point", 20) == std::vector<std::string>{"  - un point"});
  }

  TEST_CASE("a word wider than a line is broken between clusters") {
    const auto lines = wrap_to_width("Ve\u0301rification", 5);
    CHECK(lines == std::vector<std::string>{"Ve\u0301rif", "icati", "on"});
    CHECK(all_fit(lines, 5));
    const auto cjk = wrap_to_width("日本語の文章", 5);
    CHECK(cjk == std::vector<std::string>{"日本", "語の", "文章"});
    CHECK(all_fit(cjk, 5));
  }

  TEST_CASE("the widest columns shrink first, none below its minimum") {
    CHECK(shrink_widest({10, 40, 20}, {3, 3, 3}, 70) == std::vector<std::size_t>{10, 40, 20});
    CHECK(shrink_widest({10, 40, 20}, {3, 3, 3}, 50) == std::vector<std::size_t>{10, 20, 20});
    CHECK(shrink_widest({10, 40, 20}, {3, 3, 3}, 30) == std::vector<std::size_t>{10, 10, 10});
    CHECK(shrink_widest({10, 40, 20}, {8, 30, 3}, 30) == std::vector<std::size_t>{8, 30, 3});
  }
}
