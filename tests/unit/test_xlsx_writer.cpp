#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "files.hpp"
#include "helpers.hpp"
#include "rows.hpp"
#include "xlsx.hpp"
#include "xlsx_writer.hpp"
#include "zip.hpp"

using namespace riskmap;

namespace {

// Every row of every sheet of a workbook, as riskmap's reader gives them.
std::vector<std::vector<std::vector<std::string>>> read_back(const std::string& path,
                                                             std::vector<std::string>* names) {
  const auto book = xlsx::Workbook::open(zip::Archive::open_file(path, "book.xlsx"));
  if (names) *names = book.sheet_names();
  std::vector<std::vector<std::vector<std::string>>> sheets;
  for (std::size_t i = 0; i < book.sheet_names().size(); ++i) {
    xlsx::SheetReader reader(book, i);
    Row row;
    sheets.emplace_back();
    while (reader.next(row)) sheets.back().push_back(row.fields);
  }
  return sheets;
}

}  // namespace

TEST_CASE("a workbook holds what was written, text as text") {
  testing::TempDir dir;
  const std::string path = (dir / "book.xlsx").string();
  {
    xlsx_out::Properties properties;
    properties.title = "Registre";
    properties.created = Date::parse("2026-06-01");
    xlsx_out::Book book(path, dir.path(), properties);
    auto& sheet = book.sheet("Plan d’amélioration continue de la sécurité / 2026");
    const xlsx_out::Style bold{"#CC0000", "", true};
    sheet.text(0, 0, "Réf.", &bold);
    sheet.text(0, 1, "Valeur");
    sheet.text(1, 0, "=1+2");
    sheet.number(1, 1, 12.5);
    sheet.text(2, 0, std::string(40000, 'x'));
    sheet.text(2, 1, "ligne 1\nligne 2");
    book.close();
  }
  std::vector<std::string> names;
  const auto sheets = read_back(path, &names);
  // 31 characters at most, and no '/' in a sheet's name.
  CHECK(names == std::vector<std::string>{"Plan d’amélioration continue de"});
  REQUIRE(sheets.size() == 1);
  REQUIRE(sheets[0].size() == 3);
  CHECK(sheets[0][0] == std::vector<std::string>{"Réf.", "Valeur"});
  CHECK(sheets[0][1] == std::vector<std::string>{"=1+2", "12.5"});
  // A text longer than a cell holds is cut, and the cut shows.
  CHECK(sheets[0][2][0].size() <= 32767 + 2);
  CHECK(sheets[0][2][0].ends_with("…"));
  CHECK(sheets[0][2][1] == "ligne 1\nligne 2");
}

TEST_CASE("the same content makes the same file") {
  testing::TempDir dir;
  const auto write = [&](const std::string& name) {
    xlsx_out::Properties properties;
    properties.created = Date::parse("2026-06-01");
    xlsx_out::Book book((dir / name).string(), dir.path(), properties);
    book.sheet("S").text(0, 0, "a");
    book.close();
    return read_file(dir / name);
  };
  CHECK(write("a.xlsx") == write("b.xlsx"));
}

TEST_CASE("columns, lines and heights") {
  CHECK(xlsx_out::column_letters(0) == "A");
  CHECK(xlsx_out::column_letters(25) == "Z");
  CHECK(xlsx_out::column_letters(27) == "AB");
  CHECK(xlsx_out::characters("Élevé") == 5);
  CHECK(xlsx_out::lines_in("", 10) == 1);
  CHECK(xlsx_out::lines_in("abcdefg", 10) == 1);
  CHECK(xlsx_out::lines_in("abcdefgh", 10) == 2);  // 7 characters a line in a width of 10
  CHECK(xlsx_out::lines_in("a\nb\nc", 10) == 3);
  CHECK(xlsx_out::row_height_for(2) == 30);
  CHECK(xlsx_out::row_height_for(1000) == 409);
}
