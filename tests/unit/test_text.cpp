#include <doctest/doctest.h>

#include <algorithm>

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

  TEST_CASE("display width counts wide characters twice") {
    CHECK(display_width("Élevé") == 5);
    CHECK(display_width("日本") == 4);
    CHECK(display_width("😀") == 2);
  }

  TEST_CASE("lists split on commas and trim") {
    CHECK(split_list(" A1, A2 ,,A3 ") == std::vector<std::string>{"A1", "A2", "A3"});
    CHECK(split_list("").empty());
  }
}
