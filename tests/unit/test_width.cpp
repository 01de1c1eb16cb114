#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "width.hpp"

using namespace riskmap;

namespace {

// Whether every line of `lines` takes at most `width` columns.
bool all_fit(const std::vector<std::string>& lines, std::size_t width) {
  for (const auto& line : lines)
    if (display_width(line) > width) return false;
  return true;
}

}  // namespace

TEST_SUITE("width") {
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
