#include <doctest/doctest.h>
#include <minizip/zip.h>

#include <fmt/format.h>

#include <fstream>
#include <functional>
#include <sstream>
#include <utility>
#include <vector>

#include "error.hpp"
#include "helpers.hpp"
#include "problems.hpp"
#include "xlsx.hpp"
#include "zip.hpp"

using namespace riskmap;
using namespace riskmap::xlsx;

namespace {

using Parts = std::vector<std::pair<std::string, std::string>>;

// The bytes of a zip archive holding `parts`, written by minizip (deflated,
// or stored with method 0).
std::string zip_bytes(const Parts& parts, int method = Z_DEFLATED) {
  testing::TempDir dir;
  const std::string path = (dir / "book.zip").string();
  zipFile zip = zipOpen64(path.c_str(), 0);
  REQUIRE(zip);
  for (const auto& [name, text] : parts) {
    zip_fileinfo info{};
    REQUIRE(zipOpenNewFileInZip(zip, name.c_str(), &info, nullptr, 0, nullptr, 0, nullptr, method,
                                method ? Z_DEFAULT_COMPRESSION : 0) == ZIP_OK);
    REQUIRE(zipWriteInFileInZip(zip, text.data(), static_cast<unsigned>(text.size())) == ZIP_OK);
    REQUIRE(zipCloseFileInZip(zip) == ZIP_OK);
  }
  REQUIRE(zipClose(zip, nullptr) == ZIP_OK);
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

constexpr const char* main_ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
constexpr const char* rel_ns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

std::string relationship(const std::string& id, const std::string& type,
                         const std::string& target) {
  return fmt::format(R"(<Relationship Id="{}" Type="{}/{}" Target="{}"/>)", id, rel_ns, type,
                     target);
}

// A workbook of sheets (name, sheetData and what follows), with shared
// strings and styles; its parts named as a program other than Excel might.
Parts workbook_parts(const std::vector<std::pair<std::string, std::string>>& sheets,
                     const std::string& shared = "", const std::string& styles = "",
                     const std::string& workbook_pr = "") {
  Parts parts;
  std::string list, rels;
  for (std::size_t i = 0; i < sheets.size(); ++i) {
    const std::string id = fmt::format("s{}", i + 1);
    list += fmt::format(R"(<sheet name="{}" sheetId="{}" r:id="{}"/>)", sheets[i].first, i + 1, id);
    rels += relationship(id, "worksheet", fmt::format("tables/t{}.xml", sheets.size() - i));
    parts.emplace_back(fmt::format("book/tables/t{}.xml", sheets.size() - i),
                       fmt::format(R"(<worksheet xmlns="{}">{}</worksheet>)", main_ns,
                                   sheets[i].second));
  }
  if (!shared.empty()) {
    rels += relationship("strings", "sharedStrings", "/book/strings.xml");
    parts.emplace_back("book/strings.xml",
                       fmt::format(R"(<sst xmlns="{}">{}</sst>)", main_ns, shared));
  }
  if (!styles.empty()) {
    rels += relationship("styles", "styles", "../book/styles.xml");
    parts.emplace_back("book/styles.xml",
                       fmt::format(R"(<styleSheet xmlns="{}">{}</styleSheet>)", main_ns, styles));
  }
  parts.emplace_back(
      "_rels/.rels",
      fmt::format(R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{}</Relationships>)",
                  relationship("main", "officeDocument", "book/main.xml")));
  parts.emplace_back(
      "book/main.xml",
      fmt::format(R"(<x:workbook xmlns:x="{}" xmlns:rel="{}">{}<x:sheets>{}</x:sheets></x:workbook>)",
                  main_ns, rel_ns, workbook_pr,
                  // The r:id under another prefix: attributes are matched by namespace.
                  [&] {
                    std::string prefixed = list;
                    for (std::size_t at; (at = prefixed.find("r:id")) != std::string::npos;)
                      prefixed.replace(at, 4, "rel:id");
                    for (std::size_t at; (at = prefixed.find("<sheet ")) != std::string::npos;)
                      prefixed.replace(at, 7, "<x:sheet ");
                    return prefixed;
                  }()));
  parts.emplace_back(
      "book/_rels/main.xml.rels",
      fmt::format(R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{}</Relationships>)",
                  rels));
  return parts;
}

Workbook open_book(const Parts& parts, int method = Z_DEFLATED) {
  return Workbook::open(zip::Archive::open_bytes(zip_bytes(parts, method), "t.xlsx"));
}

std::vector<Row> read_rows(const Workbook& book, std::size_t sheet = 0,
                           std::size_t header_row = 0, Problems* problems = nullptr) {
  SheetReader reader(book, sheet, header_row);
  if (problems) reader.keep_reading(problems);
  std::vector<Row> rows;
  Row row;
  while (reader.next(row)) rows.push_back(row);
  return rows;
}

std::string error_of(const std::function<void()>& run) {
  try {
    run();
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

using Fields = std::vector<std::string>;

}  // namespace

TEST_SUITE("xlsx") {
  TEST_CASE("column letters and sheet labels") {
    CHECK(column_letters(0) == "A");
    CHECK(column_letters(25) == "Z");
    CHECK(column_letters(26) == "AA");
    CHECK(column_letters(16383) == "XFD");
    CHECK(sheet_label("Risques") == "Risques");
    CHECK(sheet_label("Évaluation_2026") == "Évaluation_2026");
    CHECK(sheet_label("Plan d'action") == "'Plan d''action'");
  }

  TEST_CASE("serial dates in both date systems") {
    CHECK(serial_date(1, false) == "1900-01-01");
    CHECK(serial_date(59, false) == "1900-02-28");
    CHECK(serial_date(60, false) == "1900-02-29");  // the day that never was
    CHECK(serial_date(61, false) == "1900-03-01");
    CHECK(serial_date(46349, false) == "2026-11-23");
    CHECK(serial_date(46349.75, false) == "2026-11-23");  // the time of day dropped
    CHECK(serial_date(2958465, false) == "9999-12-31");
    CHECK_FALSE(serial_date(0, false));
    CHECK_FALSE(serial_date(-3, false));
    CHECK_FALSE(serial_date(2958466, false));
    CHECK(serial_date(0, true) == "1904-01-01");
    CHECK(serial_date(46349 - 1462, true) == "2026-11-23");
    CHECK_FALSE(serial_date(-1, true));
  }

  TEST_CASE("date formats: built-in ids, and codes with d, m or y outside quotes and brackets") {
    for (const std::uint32_t id : {14u, 17u, 22u, 45u, 47u}) CHECK(is_date_format(id, ""));
    for (const std::uint32_t id : {0u, 1u, 2u, 13u, 23u, 44u, 48u, 49u}) CHECK_FALSE(is_date_format(id, ""));
    CHECK(is_date_format(164, "dd/mm/yyyy"));
    CHECK(is_date_format(164, "[$-40C]d mmmm yyyy;@"));
    CHECK(is_date_format(164, "YYYY-MM-DD"));
    CHECK_FALSE(is_date_format(164, "0.00\" d\""));
    CHECK_FALSE(is_date_format(164, "[Red]0.00"));
    CHECK_FALSE(is_date_format(164, "General"));
    CHECK_FALSE(is_date_format(164, "0\\d"));
    CHECK_FALSE(is_date_format(164, "#,##0_m"));
  }

  TEST_CASE("numbers: whole ones without .0, others as written") {
    CHECK(number_text("3") == "3");
    CHECK(number_text("3.0") == "3");
    CHECK(number_text("1E3") == "1000");
    CHECK(number_text("-42") == "-42");
    CHECK(number_text("2.5") == "2.5");
    CHECK(number_text("0.30000000000000004") == "0.30000000000000004");
    CHECK(number_text("1E+300") == "1E+300");
    CHECK(number_text("abc") == "abc");
  }

  TEST_CASE("OOXML escapes in strings") {
    CHECK(unescape("a_x000D_b") == "a\rb");
    CHECK(unescape("_x00E9_t_x00E9_") == "été");
    CHECK(unescape("_x005F_x000D_") == "_x000D_");
    CHECK(unescape("_x00Z1_") == "_x00Z1_");
    CHECK(unescape("tail_x00") == "tail_x00");
  }

  TEST_CASE("what is a workbook") {
    CHECK(is_workbook("r.xlsx", ""));
    CHECK(is_workbook("R.XLSX", ""));
    CHECK(is_workbook("export", std::string("PK\x03\x04rest", 8)));
    CHECK_FALSE(is_workbook("r.csv", "ref,title"));
    CHECK(unread_format("old.XLS").find("save it as .xlsx") != std::string::npos);
    CHECK(unread_format("calc.ods").find("OpenDocument") != std::string::npos);
    CHECK(unread_format("r.xlsx").empty());
  }

  TEST_CASE("cells of every type, in their columns, empty rows skipped") {
    const std::string styles =
        R"(<numFmts><numFmt numFmtId="170" formatCode="dd/mm/yyyy"/></numFmts>)"
        R"(<cellStyleXfs><xf numFmtId="14"/></cellStyleXfs>)"
        R"(<cellXfs><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="170"/><xf numFmtId="2"/></cellXfs>)";
    const std::string shared =
        R"(<si><t>ref</t></si><si><t>title</t></si>)"
        R"(<si><r><t>Fuite </t></r><r><rPr><b/></rPr><t>de données</t></r><rPh><t>x</t></rPh></si>)"
        R"(<si><t xml:space="preserve">ligne_x000D_
suite</t></si>)";
    const std::string data =
        R"(<sheetData>)"
        R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><t>n</t></is></c>)"
        R"(<c r="D1" t="inlineStr"><is><r><t>da</t></r><r><t>te</t></r></is></c><c t="inlineStr"><is><t>flag</t></is></c></row>)"
        R"(<row r="2"><c r="A2" t="s"><v>2</v></c><c r="C2"><v>3.0</v></c><c r="D2" s="1"><v>46349</v></c><c r="E2" t="b"><v>1</v></c></row>)"
        R"(<row r="3"/><row r="4"><c r="B4" t="s"/><c r="C4" t="inlineStr"><is><t>  </t></is></c></row>)"
        R"(<row><c r="B5" t="s"><v>3</v></c><c r="C5" s="3"><v>2.5</v></c><c r="D5" s="2"><v>46350</v></c><c r="E5" t="str"><f>A1</f><v>ok</v></c></row>)"
        R"(</sheetData>)";
    const Workbook book = open_book(workbook_parts({{"Feuil1", data}}, shared, styles));
    const auto rows = read_rows(book);
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].fields == Fields{"ref", "title", "n", "date", "flag"});
    CHECK(rows[0].line == 1);
    CHECK(rows[1].fields == Fields{"Fuite de données", "", "3", "2026-11-23", "true"});
    CHECK(rows[2].line == 5);  // a row without r is the one after the last
    CHECK(rows[2].fields == Fields{"", "ligne\r\nsuite", "2.5", "2026-11-24", "ok"});
  }

  TEST_CASE("the table starts at the header's first value; a header merged across columns names each") {
    const std::string data =
        R"(<sheetData>)"
        R"(<row r="2"><c r="A2" t="inlineStr"><is><t>Titre</t></is></c></row>)"
        R"(<row r="4"><c r="B4" t="inlineStr"><is><t>ref</t></is></c><c r="C4" t="inlineStr"><is><t>Cotation</t></is></c></row>)"
        R"(<row r="5"><c r="A5"><v>9</v></c><c r="B5" t="inlineStr"><is><t>R1</t></is></c><c r="C5"><v>2</v></c><c r="D5"><v>3</v></c></row>)"
        R"(<row r="6"><c r="B6" t="inlineStr"><is><t>R2</t></is></c><c r="F6" t="inlineStr"><is><t>hors</t></is></c></row>)"
        R"(</sheetData><mergeCells><mergeCell ref="A2:F2"/><mergeCell ref="C4:D4"/></mergeCells>)";
    const Workbook book = open_book(workbook_parts({{"Registre 2026", data}}));
    SheetReader reader(book, 0, 4);
    reader.keep_reading(nullptr);
    Row header, row;
    REQUIRE(reader.next(header));
    CHECK(header.fields == Fields{"ref", "Cotation", "Cotation"});
    CHECK(reader.where(header) == "t.xlsx:'Registre 2026'!4");
    REQUIRE(reader.next(row));
    CHECK(row.fields == Fields{"R1", "2", "3"});  // A5 is left of the table
    CHECK(reader.where(row, 2) == "t.xlsx:'Registre 2026'!D5");
    REQUIRE(reader.next(row));
    CHECK(row.fields == Fields{"R2", "", "", "", "hors"});
    CHECK(reader.too_wide(row, 3) ==
          "t.xlsx:'Registre 2026'!F6: a value beyond the header's last column (D): 'hors'");
    CHECK_FALSE(reader.next(row));
    CHECK(reader.notes().empty());
    // Without a header row, the title is the header, spread over its merge.
    const auto rows = read_rows(book);
    CHECK(rows[0].fields == Fields(6, "Titre"));
  }

  TEST_CASE("a header row that is empty, and a sheet that is") {
    const std::string data =
        R"(<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>)"
        R"(<row r="3"><c r="A3" t="inlineStr"><is><t>ref</t></is></c></row></sheetData>)";
    const Workbook book = open_book(workbook_parts({{"S", data}, {"Vide", "<sheetData/>"}}));
    CHECK(error_of([&] { read_rows(book, 0, 2); }) == "t.xlsx:S!2: the header row, row 2, is empty");
    CHECK(read_rows(book, 0, 3).size() == 1);
    CHECK(read_rows(book, 0, 4).empty());
    CHECK(read_rows(book, 1).empty());
    CHECK(SheetReader(book, 1).empty_text() == "t.xlsx: sheet Vide is empty");
    CHECK(SheetReader(book, 0, 4).empty_text() ==
          "t.xlsx: sheet S holds nothing from row 4 (the header row) on");
  }

  TEST_CASE("formulas are read as their cached values, and counted") {
    const std::string data =
        R"(<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c><c r="B1" t="inlineStr"><is><t>b</t></is></c></row>)"
        R"(<row r="2"><c r="A2"><v>1</v></c><c r="B2"><f>A2*2</f><v>2</v></c></row>)"
        R"(<row r="3"><c r="A3"><f>B2+1</f><v>3</v></c><c r="B3"><f>NOW()</f></c></row></sheetData>)";
    const Workbook book = open_book(workbook_parts({{"Calc", data}}));
    SheetReader reader(book, 0);
    Row row;
    std::vector<Fields> rows;
    while (reader.next(row)) rows.push_back(row.fields);
    CHECK(rows == std::vector<Fields>{{"a", "b"}, {"1", "2"}, {"3", ""}});
    CHECK(reader.notes() ==
          std::vector<std::string>{
              "t.xlsx:Calc: 3 cells are formulas (the first: B2), read as the values the workbook "
              "saved with them; riskmap never computes a formula"});
  }

  TEST_CASE("an error cell is a problem of that cell, its row broken") {
    const std::string data =
        R"(<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>ref</t></is></c><c r="B1" t="inlineStr"><is><t>Probabilité</t></is></c></row>)"
        R"(<row r="2"><c r="A2" t="inlineStr"><is><t>R1</t></is></c><c r="B2" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>)"
        R"(<row r="3"><c r="A3" t="inlineStr"><is><t>R2</t></is></c></row></sheetData>)";
    const Workbook book = open_book(workbook_parts({{"Risques", data}}));
    Problems problems;
    const auto rows = read_rows(book, 0, 0, &problems);
    REQUIRE(rows.size() == 3);
    CHECK(rows[1].broken);
    CHECK_FALSE(rows[2].broken);
    CHECK(problems.text("p") ==
          "p:\n  t.xlsx:Risques!B2: column 'Probabilité': the cell holds the error #DIV/0!, which "
          "a formula gave; correct it in the workbook, or clear the cell");
    CHECK(error_of([&] { read_rows(book); }).starts_with("t.xlsx:Risques!B2: column 'Probabilité'"));
  }

  TEST_CASE("sheets by name, case aside, or position; an unknown one lists them") {
    const Workbook book = open_book(workbook_parts({{"Lisez-moi", "<sheetData/>"},
                                                    {"Risques", "<sheetData/>"}}));
    CHECK(book.sheet_names() == Fields{"Lisez-moi", "Risques"});
    CHECK(book.find_sheet("") == 0);
    CHECK(book.find_sheet("Risques") == 1);
    CHECK(book.find_sheet("RISQUES") == 1);
    CHECK(book.find_sheet("2") == 1);
    CHECK(error_of([&] { book.find_sheet("Risque"); }) ==
          "t.xlsx has no sheet 'Risque' (did you mean 'Risques'?); its sheets: 'Lisez-moi', "
          "'Risques' (or their positions, 1 to 2)");
    CHECK(error_of([&] { book.find_sheet("0"); }) ==
          "t.xlsx has 2 sheets: 'Lisez-moi', 'Risques', so no sheet 0");
  }

  TEST_CASE("the 1904 date system") {
    const std::string data =
        R"(<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>d</t></is></c></row>)"
        R"(<row r="2"><c r="A2" s="1"><v>0</v></c></row></sheetData>)";
    const std::string styles = R"(<cellXfs><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs>)";
    CHECK(read_rows(open_book(workbook_parts({{"S", data}}, "", styles,
                                             R"(<x:workbookPr date1904="true"/>)")))[1]
              .fields == Fields{"1904-01-01"});
    CHECK(read_rows(open_book(workbook_parts({{"S", data}}, "", styles)))[1].fields ==
          Fields{"0"});  // no date in the 1900 system
  }

  TEST_CASE("broken workbooks: every failure names the file and the part") {
    const std::string row =
        R"(<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData>)";
    CHECK(error_of([&] { Workbook::open(zip::Archive::open_bytes("ref,title\n", "t.xlsx")); })
              .starts_with("t.xlsx: not an XLSX workbook: the file is not a zip archive"));
    CHECK(error_of([&] {
            Workbook::open(zip::Archive::open_bytes(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8),
                                                    "t.xlsx"));
          }).find("or a workbook protected by a password") != std::string::npos);
    const std::string whole = zip_bytes(workbook_parts({{"S", row}}, "<si><t>x</t></si>"));
    CHECK(error_of([&] {
            Workbook::open(zip::Archive::open_bytes(whole.substr(0, whole.size() / 2), "t.xlsx"));
          }).find("not a zip archive, or a truncated one") != std::string::npos);
    CHECK(error_of([&] { open_book({{"word/document.xml", "<w/>"}}); }) ==
          "t.xlsx: not an XLSX workbook: the zip archive has no workbook part (xl/workbook.xml); "
          "a .docx, .pptx or .ods file is not read: save the spreadsheet as .xlsx");
    // A shared string cell, and no shared strings.
    CHECK(error_of([&] { read_rows(open_book(workbook_parts({{"S", row}}))); }) ==
          "t.xlsx:S!A1: the cell is a shared string, but the workbook has no shared strings part "
          "(xl/sharedStrings.xml)");
    CHECK(error_of([&] {
            read_rows(open_book(workbook_parts({{"S", row}}, "<si><t>x</t></si><si/>")));
          }) == "no error");
    CHECK(error_of([&] {
            const std::string far = R"(<sheetData><row r="1"><c r="A1" t="s"><v>2</v></c></row></sheetData>)";
            read_rows(open_book(workbook_parts({{"S", far}}, "<si><t>x</t></si>")));
          }) == "t.xlsx:S!A1: the cell is shared string '2', but book/strings.xml holds 1 (from 0)");
    // Malformed XML: where expat stopped.
    CHECK(error_of([&] {
            read_rows(open_book(workbook_parts({{"S", "<sheetData><row></sheetData>"}})));
          }).starts_with("t.xlsx: book/tables/t1.xml:1:"));
    // A document type declaration is refused (entities could blow up).
    Parts with_doctype = workbook_parts({{"S", "<sheetData/>"}});
    with_doctype.back().second.insert(0, "<!DOCTYPE x [<!ENTITY a \"aaaa\">]>");
    CHECK(error_of([&] { open_book(with_doctype); }) ==
          "t.xlsx: book/_rels/main.xml.rels: a document type declaration (DOCTYPE), which a "
          "workbook's parts never have");
    // A cell beyond XFD.
    CHECK(error_of([&] {
            read_rows(open_book(workbook_parts(
                {{"S", R"(<sheetData><row r="1"><c r="XFE1"><v>1</v></c></row></sheetData>)"}})));
          }).find("cell XFE1 is beyond the last column a sheet may have (XFD)") != std::string::npos);
    // A stored part whose bytes were changed: the CRC says so.
    std::string stored = zip_bytes(workbook_parts({{"S", R"(<sheetData><row r="1"><c r="A1"><v>12345</v></c></row></sheetData>)"}}), 0);
    const auto at = stored.find("12345");
    REQUIRE(at != std::string::npos);
    stored[at] = '9';
    CHECK(error_of([&] {
            read_rows(Workbook::open(zip::Archive::open_bytes(stored, "t.xlsx")));
          }) == "t.xlsx: part book/tables/t1.xml is corrupt: its bytes do not match their "
                "checksum (CRC)");
  }
}
