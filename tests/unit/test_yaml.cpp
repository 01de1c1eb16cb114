#include <doctest/doctest.h>

#include <string>

#include "error.hpp"
#include "yaml.hpp"

using namespace riskmap;

namespace {

std::string load_error(const std::string& text) {
  try {
    yaml::load(text, "f.yaml");
  } catch (const ContentError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_SUITE("yaml") {
  TEST_CASE("control characters are refused where they stand, unless escaped") {
    CHECK(load_error(std::string("a: b\nc: \"d\xC3\xA9\x01\"\n")) ==
          "f.yaml:2:7: not a YAML file: control character U+0001, which YAML allows only "
          "escaped in double quotes (\"\\x01\")");
    CHECK(load_error(std::string("a: x\0Ny\n", 8)) ==
          "f.yaml:1:5: not a YAML file: control character U+0000, which YAML allows only "
          "escaped in double quotes (\"\\x00\")");
    CHECK(load_error("a: \x7f\n").find("f.yaml:1:4: not a YAML file: control character U+007F") ==
          0);
    // Tabs and both line ends are text; an escape is a character like any other.
    const YAML::Node node = yaml::load("a:\t\"x\\x01y\"\r\nb: c\n", "f.yaml");
    CHECK(yaml::text(node, "a", "f.yaml", "the map") == std::string("x\x01y"));
    CHECK(yaml::text(node, "b", "f.yaml", "the map") == "c");
  }

  TEST_CASE("the escapes yaml-cpp writes as raw bytes are read as UTF-8") {
    // yaml-cpp writes the escapes \N and \_ (U+0085, U+00A0) as one raw byte;
    // real libraries use \_ for a no-break space.
    const YAML::Node node = yaml::load(
        "a: \"x\\Ny\"\nb: \"\\u00e9\\U0001F600\"\nc: \"\u00e0\\_\u00e0\\_\"\n", "f.yaml");
    CHECK(yaml::text(node, "a", "f.yaml", "the map") == "x\ny");
    CHECK(yaml::text(node, "b", "f.yaml", "the map") == "\xC3\xA9\xF0\x9F\x98\x80");
    CHECK(yaml::text(node, "c", "f.yaml", "the map") == "\xC3\xA0\xC2\xA0\xC3\xA0\xC2\xA0");
  }

  TEST_CASE("member: absent keys read as absent, however deep") {
    const YAML::Node node = yaml::load("a: {b: 1}\n", "f.yaml");
    CHECK_FALSE(yaml::member(yaml::member(node, "x"), "y").IsDefined());
    CHECK(yaml::integer(yaml::member(node, "a"), "b", "f.yaml", "a") == 1);
  }
}
