#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "error.hpp"
#include "files.hpp"
#include "helpers.hpp"
#include "process.hpp"
#include "report/wording.hpp"
#include "zip.hpp"
#include "zip_writer.hpp"

using namespace riskmap;

TEST_CASE("dates in running text are written in long form, as each language writes them") {
  const char* nbsp = "\u00a0";
  CHECK(wording::long_date(Date::parse("2026-12-05"), Lang::fr) == std::string("5") + nbsp + "décembre 2026");
  CHECK(wording::long_date(Date::parse("2026-06-01"), Lang::fr) == std::string("1er") + nbsp + "juin 2026");
  CHECK(wording::long_date(Date::parse("2027-08-21"), Lang::fr) == std::string("21") + nbsp + "août 2027");
  CHECK(wording::long_date(Date::parse("2026-06-01"), Lang::en) == "1 June 2026");
  CHECK(wording::long_date(Date::parse("2026-12-31"), Lang::en) == "31 December 2026");
}

TEST_CASE("a zip written part by part reads back, and the same parts give the same bytes") {
  testing::TempDir dir;
  const std::string big(200000, 'x');
  for (const char* name : {"a.zip", "b.zip"}) {
    zip::Writer writer(dir / name);
    writer.add("[Content_Types].xml", "<Types/>");
    writer.add("word/document.xml", "<w:document>é</w:document>");
    writer.add("big.txt", big);
    writer.add("empty.txt", "");
    writer.close();
  }
  const auto archive = zip::Archive::open_file((dir / "a.zip").string(), "a.zip");
  CHECK(archive.names() ==
        std::vector<std::string>{"[Content_Types].xml", "word/document.xml", "big.txt", "empty.txt"});
  CHECK(archive.read("word/document.xml") == "<w:document>é</w:document>");
  CHECK(archive.read("big.txt") == big);
  CHECK(archive.read("empty.txt").empty());
  CHECK(read_file(dir / "a.zip") == read_file(dir / "b.zip"));
}

TEST_CASE("a zip that cannot be created names its file") {
  testing::TempDir dir;
  CHECK_THROWS_WITH_AS(zip::Writer(dir / "missing" / "a.zip"),
                       doctest::Contains("missing/a.zip: cannot write"), Error);
  // A staged copy's failure names the file the user asked for.
  CHECK_THROWS_WITH_AS(zip::Writer(dir / "missing" / "a.zip", "out/register.docx"),
                       doctest::Contains("out/register.docx: cannot write: No such file"), Error);
}

TEST_CASE("programs are found on PATH and run without a shell, their output in a log") {
  CHECK(find_on_path("sh").has_value());
  CHECK_FALSE(find_on_path("riskmap-no-such-program").has_value());
  testing::TempDir dir;
  ProgramRun run;
  // An argument with a shell's special characters reaches the program as it is.
  run.args = {"sh", "-c", "echo \"$1\"; echo to-stderr >&2; pwd; exit 3", "sh", "a;b $(c) 'd'"};
  run.directory = dir.path();
  run.log = dir / "run.log";
  run.environment = {{"RISKMAP_TEST_VALUE", "1"}};
  CHECK(run_program(run) == 3);
  const std::string log = read_file(dir / "run.log");
  CHECK(log.find("a;b $(c) 'd'\n") != std::string::npos);
  CHECK(log.find("to-stderr\n") != std::string::npos);
  CHECK(log.find(std::filesystem::canonical(dir.path()).string()) != std::string::npos);
  CHECK(log_tail(dir / "run.log", 1) == std::filesystem::canonical(dir.path()).string());
  run.args = {"sh", "-c", "test \"$RISKMAP_TEST_VALUE\" = 1"};
  CHECK(run_program(run) == 0);
  run.args = {"riskmap-no-such-program"};
  CHECK_THROWS_WITH_AS(run_program(run), doctest::Contains("not found on PATH"), Error);
}
