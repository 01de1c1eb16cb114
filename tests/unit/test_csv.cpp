#include <doctest/doctest.h>

#include <sstream>

#include "csv.hpp"
#include "error.hpp"

using namespace riskmap;

namespace {

std::vector<csv::Row> read_all(const std::string& text, char delimiter = ',') {
  std::istringstream in(text);
  csv::Reader reader(in, "f.csv", delimiter);
  std::vector<csv::Row> rows;
  csv::Row row;
  while (reader.next(row)) rows.push_back(row);
  return rows;
}

std::string error_of(const std::string& text) {
  try {
    read_all(text);
  } catch (const ContentError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_SUITE("csv") {
  TEST_CASE("fields, quotes, doubled quotes, embedded line breaks") {
    const auto rows = read_all("ref,title\nR1,\"a, \"\"b\"\"\nc\"\nR2,plain\n");
    REQUIRE(rows.size() == 3);
    CHECK(rows[1].fields == std::vector<std::string>{"R1", "a, \"b\"\nc"});
    CHECK(rows[1].line == 2);
    CHECK(rows[2].line == 4);  // the record before spanned two lines
  }

  TEST_CASE("CRLF, a missing final newline, a BOM, empty fields") {
    const auto rows = read_all("\xEF\xBB\xBFref,name\r\nA1,\r\n,x");
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].fields[0] == "ref");
    CHECK(rows[1].fields == std::vector<std::string>{"A1", ""});
    CHECK(rows[2].fields == std::vector<std::string>{"", "x"});
  }

  TEST_CASE("fields longer than the read buffer, and rows of changing widths") {
    // The reader takes 64 KB at a time: these fields cross that boundary.
    const std::string plain(100'000, 'p');
    std::string quoted;
    for (int i = 0; i < 20'000; ++i) quoted += "ab\"\"\n";  // each line: ab, a doubled quote
    std::string expected_quoted;
    for (int i = 0; i < 20'000; ++i) expected_quoted += "ab\"\n";
    const auto rows = read_all("a,b,c\n" + plain + ",\"" + quoted + "\",x\nshort\n1,2,3,4\r\n,\n");
    REQUIRE(rows.size() == 5);
    CHECK(rows[1].fields == std::vector<std::string>{plain, expected_quoted, "x"});
    CHECK(rows[2].fields == std::vector<std::string>{"short"});
    CHECK(rows[2].line == 20'003);  // the quoted field spanned 20 001 lines
    CHECK(rows[3].fields == std::vector<std::string>{"1", "2", "3", "4"});
    CHECK(rows[4].fields == std::vector<std::string>{"", ""});
    // A file read with a lone CR as line end, and a stray quote after a long run.
    CHECK(read_all("a\rb\r").size() == 2);
    CHECK(error_of("a,b\n1," + plain + "\"y\n").find("f.csv:2: stray quote in field 2") == 0);
  }

  TEST_CASE("semicolons") {
    const auto rows = read_all("a;b\n1;\"x;y\"\n", ';');
    CHECK(rows[1].fields == std::vector<std::string>{"1", "x;y"});
  }

  TEST_CASE("an empty input has no records") {
    CHECK(read_all("").empty());
  }

  TEST_CASE("structural errors name the line") {
    CHECK(error_of("a,b\n1,\"open\n2,3\n") ==
          "f.csv:2: unclosed quote: the field opened here never ends");
    CHECK(error_of("a,b\n1,\"x\"y\n")
              .find("f.csv:2: unexpected 'y' after a closing quote in field 2") == 0);
    CHECK(error_of("a,b\n1,x\"y\n").find("f.csv:2: stray quote in field 2") == 0);
    CHECK(error_of("a,b\n1,\xff\n").find("f.csv:2: field 2 is not valid UTF-8") == 0);
  }

  TEST_CASE("written fields are quoted only when needed and read back") {
    for (const std::string field : {"plain", "a,b", "say \"hi\"", "two\nlines", "", "=1+1", "é😀"}) {
      std::ostringstream out;
      csv::write_field(out, field);
      out << '\n';
      const auto rows = read_all(out.str());
      REQUIRE(rows.size() == 1);
      CHECK(rows[0].fields[0] == field);
    }
    std::ostringstream out;
    csv::write_field(out, "plain");
    CHECK(out.str() == "plain");
  }
}
