#include <doctest/doctest.h>

#include <sstream>

#include <fmt/format.h>

#include "csv.hpp"
#include "error.hpp"
#include "problems.hpp"

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
    // A file read with a lone CR as line end, and a quote after a long run.
    CHECK(read_all("a\rb\r").size() == 2);
    CHECK(read_all("a,b\n1," + plain + "\"y\n")[1].fields[1] == plain + "\"y");
  }

  TEST_CASE("semicolons") {
    const auto rows = read_all("a;b\n1;\"x;y\"\n", ';');
    CHECK(rows[1].fields == std::vector<std::string>{"1", "x;y"});
  }

  TEST_CASE("an empty input has no records") {
    CHECK(read_all("").empty());
  }

  TEST_CASE("structural errors name the line and the column, by number and by name") {
    CHECK(error_of("a,b\n1,\"open\n2,3\n") ==
          "f.csv:2: column 2 'b': unclosed quote: the field opened here never ends, and holds "
          "the rest of the file");
    CHECK(error_of("a,b\n1,\"x\"y\n") ==
          "f.csv:2: column 2 'b': unexpected 'y' after a closing quote; a quote inside a quoted "
          "field is written twice (\"\")");
    CHECK(error_of("a,b\n1,\xff\n") ==
          "f.csv:2: column 2 'b' is not valid UTF-8 (byte 1); save the file as UTF-8");
    // In the header, or past its last column, a column has a number only.
    CHECK(error_of("a,\"b\"c\n").starts_with("f.csv:1: column 2: unexpected 'c'"));
    CHECK(error_of("a,b\n1,2,\"x\"y\n").starts_with("f.csv:2: column 3: unexpected 'y'"));
  }

  TEST_CASE("a quote in a field that does not start with one is text, as spreadsheets read it") {
    const auto rows = read_all("a;b;c\n=HYPERLINK(\"http://x\");5\" screen;\"q\"\"\"\n", ';');
    REQUIRE(rows.size() == 2);
    CHECK(rows[1].fields ==
          std::vector<std::string>{"=HYPERLINK(\"http://x\")", "5\" screen", "q\""});
    CHECK_FALSE(rows[1].broken);
  }

  TEST_CASE("keep_reading: every structural error is reported and the rows go on") {
    std::istringstream in(
        "ref,title,notes\nR1,\"ok\",x\nR2,\"bad\"x,y\nR3,fine,\xff\nR4,\"a\"b,\"c\"d\nR5,t,n\n");
    csv::Reader reader(in, "f.csv", ',');
    Problems problems;
    reader.keep_reading(&problems);
    std::vector<csv::Row> rows;
    csv::Row row;
    while (reader.next(row)) rows.push_back(row);
    REQUIRE(rows.size() == 6);
    CHECK_FALSE(rows[1].broken);
    CHECK(rows[2].broken);
    CHECK(rows[2].fields == std::vector<std::string>{"R2", "badx", "y"});  // read on as text
    CHECK(rows[3].broken);
    CHECK(rows[4].broken);
    CHECK_FALSE(rows[5].broken);
    CHECK(rows[5].fields == std::vector<std::string>{"R5", "t", "n"});
    CHECK(problems.count() == 4);
    const std::string text = problems.text("f.csv");
    CHECK(text.find("f.csv:3: column 2 'title': unexpected 'x' after a closing quote") !=
          std::string::npos);
    CHECK(text.find("f.csv:4: column 3 'notes' is not valid UTF-8 (byte 1)") != std::string::npos);
    CHECK(text.find("f.csv:5: column 2 'title': unexpected 'b'") != std::string::npos);
    CHECK(text.find("f.csv:5: column 3 'notes': unexpected 'd'") != std::string::npos);

    // Without problems to report to, it reads on quietly; names can be set.
    std::istringstream again("x\n\"a\"b\n\"open\n");
    csv::Reader quiet(again, "g.csv", ',');
    quiet.keep_reading(nullptr);
    quiet.set_column_names({"Titre"});
    REQUIRE(quiet.next(row));
    REQUIRE(quiet.next(row));
    CHECK(row.broken);
    REQUIRE(quiet.next(row));
    CHECK(row.broken);
    CHECK(row.fields == std::vector<std::string>{"open\n"});
    CHECK_FALSE(quiet.next(row));
    std::istringstream named("x\n\"a\"b\n");
    csv::Reader strict(named, "h.csv", ',');
    strict.set_column_names({"Titre"});
    REQUIRE(strict.next(row));
    CHECK_THROWS_WITH_AS(strict.next(row),
                         doctest::Contains("h.csv:2: column 1 'Titre': unexpected 'b'"),
                         ContentError);
  }

  TEST_CASE("written fields are quoted only when needed and read back") {
    for (const std::string field :
         {"plain", "a,b", "a;b", "say \"hi\"", "two\nlines", "cr\rhere", "", "é😀"}) {
      CAPTURE(field);
      std::string line;
      csv::append_field(line, field);
      CHECK((!line.empty() && line.front() == '"') ==
            (field.find_first_of(",;\"\r\n") != std::string::npos));
      const auto rows = read_all(line + "\n");
      REQUIRE(rows.size() == 1);
      CHECK(rows[0].fields[0] == field);
    }
  }

  TEST_CASE("either delimiter is quoted, whatever the file's") {
    for (const char delimiter : {',', ';'}) {
      std::string line;
      csv::append_field(line, "a,b", delimiter);
      line += delimiter;
      csv::append_field(line, "c;d", delimiter);
      line += delimiter;
      csv::append_field(line, "e f", delimiter);
      CHECK(line == fmt::format("\"a,b\"{0}\"c;d\"{0}e f", delimiter));
    }
  }

  TEST_CASE("formulas are guarded on writing and unguarded on reading, exactly") {
    const auto written = [](std::string_view field, bool text = true) {
      std::string line;
      csv::append_field(line, field, ',', text);
      return line;
    };
    CHECK(written(R"x(=HYPERLINK("http://x","y"))x") == R"x("'=HYPERLINK(""http://x"",""y"")")x");
    CHECK(written("+1") == "'+1");
    CHECK(written("-5") == "'-5");
    CHECK(written("@SUM(1)") == "'@SUM(1)");
    CHECK(written("\tx") == "'\tx");
    CHECK(written("\rx") == "\"'\rx\"");
    CHECK(written("'=1+1") == "''=1+1");
    CHECK(written("''=x") == "'''=x");
    // Only the first character counts; a quote before anything else is text.
    CHECK(written("a=b") == "a=b");
    CHECK(written("'quoted'") == "'quoted'");
    CHECK(written("'") == "'");
    CHECK(written("").empty());
    // A number riskmap writes is not text.
    CHECK(written("-5", false) == "-5");

    // Reading gives every one of them back.
    std::string file;
    const std::vector<std::string> cells{R"x(=HYPERLINK("http://x","y"))x",
                                         "'=1+1",
                                         "-5",
                                         "@SUM",
                                         "\tTab",
                                         "''=x",
                                         "'",
                                         "''",
                                         "'plain",
                                         "\r\n=x",
                                         "+",
                                         "x"};
    for (const auto& cell : cells) {
      csv::append_field(file, cell);
      file += '\n';
    }
    std::istringstream in(file);
    csv::Reader reader(in, "f.csv");
    reader.remove_formula_guards();
    csv::Row row;
    for (const auto& cell : cells) {
      CAPTURE(cell);
      REQUIRE(reader.next(row));
      CHECK(row.fields == std::vector<std::string>{cell});
    }
    // Without remove_formula_guards (an organisation's own file), a cell is
    // read as it is.
    CHECK(read_all("'=x\n")[0].fields[0] == "'=x");
  }

  TEST_CASE("the guard test looks at the first characters only") {
    CHECK(csv::needs_formula_guard("=x"));
    CHECK(csv::needs_formula_guard("'''-x"));
    CHECK_FALSE(csv::needs_formula_guard("'''x"));
    CHECK_FALSE(csv::needs_formula_guard("''"));
    CHECK_FALSE(csv::needs_formula_guard("x=1"));
    std::string cell = "''=x";
    csv::remove_formula_guard(cell);
    CHECK(cell == "'=x");
    cell = "'x";
    csv::remove_formula_guard(cell);
    CHECK(cell == "'x");
  }

  TEST_CASE("a detected delimiter reads riskmap's header saved with ';' and a BOM") {
    for (const std::string text : {"ref;title\nR1;a, b\n", "\xEF\xBB\xBFref;title\r\nR1;a, b\r\n",
                                   "\xEF\xBB\xBFref,title\nR1,\"a, b\"\n"}) {
      CAPTURE(text);
      const auto rows = read_all(text, '\0');
      REQUIRE(rows.size() == 2);
      CHECK(rows[0].fields == std::vector<std::string>{"ref", "title"});
      CHECK(rows[1].fields == std::vector<std::string>{"R1", "a, b"});
    }
  }
}
