#include <doctest/doctest.h>

#include "json_text.hpp"

using namespace riskmap;

namespace {
std::vector<std::string> read(std::string_view json) {
  std::vector<std::string> items;
  REQUIRE_MESSAGE(read_json_list(json, items), json);
  return items;
}
bool refused(std::string_view json) {
  std::vector<std::string> items;
  return !read_json_list(json, items);
}
}  // namespace

TEST_SUITE("json_text") {
  TEST_CASE("a list written is read back as it was") {
    const std::vector<std::string> cases[] = {
        {},
        {"A1"},
        {"A1", "A10", "A2"},
        {"", "quote \" backslash \\ slash /", "tab\tnewline\nreturn\r", "\x01\x1f"},
        {"Données de santé", "日本語", "😀"},
    };
    for (const auto& items : cases) {
      std::string json;
      append_json_list(json, items);
      CHECK(read(json) == items);
    }
    std::string json;
    append_json_list(json, {"A1", "é\""});
    CHECK(json == R"(["A1","é\""])");
  }

  TEST_CASE("lists written by other tools are read") {
    CHECK(read(" [ \"a\" , \"b\" ] ") == std::vector<std::string>{"a", "b"});
    CHECK(read(R"(["\u00e9\u0041", "\ud83d\ude00", "\/\b\f"])") ==
          std::vector<std::string>{"éA", "😀", "/\b\f"});
    CHECK(read("[]").empty());
  }

  TEST_CASE("what is not a JSON array of strings is refused") {
    for (const char* json :
         {"", "[", "]", "[\"a\"", "[\"a\",]", "[,\"a\"]", "[\"a\"] x", "\"a\"", "[1]", "[null]",
          "[\"a\" \"b\"]", "[\"\\x\"]", "[\"\\u12\"]", "[\"\\u12g4\"]", "[\"\\ud83d\"]",
          "[\"\\ude00\"]", "[\"\\ud83d\\u0041\"]", "[\"tab\there\"]", "[\"end\\"})
      CHECK_MESSAGE(refused(json), json);
  }
}
