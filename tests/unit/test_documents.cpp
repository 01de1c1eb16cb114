#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "error.hpp"
#include "files.hpp"
#include "helpers.hpp"
#include "process.hpp"
#include "report/documents.hpp"
#include "report/wording.hpp"
#include "xml.hpp"
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

namespace {

// Every XML part of a zip parses.
void parse_every_part(const zip::Archive& archive) {
  struct Nothing : xml::Handler {
    void start(std::string_view, const xml::Attributes&) override {}
    void end(std::string_view) override {}
  } handler;
  for (const auto& name : archive.names()) xml::parse_part(archive, name, handler);
}

bool holds(const std::string& text, std::string_view piece) {
  return text.find(piece) != std::string::npos;
}

}  // namespace

TEST_CASE(
    "riskmap's reference slides are 16:9, typed for that size, the classification at every foot") {
  testing::TempDir dir;
  const std::string hostile = "Diffusion <restreinte> & \"Q\"";
  write_slides_reference(dir / "a.pptx", Lang::fr, hostile);
  write_slides_reference(dir / "b.pptx", Lang::fr, hostile);
  CHECK(read_file(dir / "a.pptx") == read_file(dir / "b.pptx"));
  const auto deck = zip::Archive::open_file((dir / "a.pptx").string(), "a.pptx");
  parse_every_part(deck);
  CHECK(holds(deck.read("ppt/presentation.xml"), R"(<p:sldSz cx="12192000" cy="6858000"/>)"));
  CHECK(holds(deck.read("ppt/presentation.xml"), R"(<a:defRPr lang="fr-FR"/>)"));
  const std::string master = deck.read("ppt/slideMasters/slideMaster1.xml");
  // Titles 28 pt, the body 20 pt then smaller by level, in Arial.
  CHECK(holds(master, R"(<a:defRPr sz="2800" b="1")"));
  CHECK(holds(master, R"(<a:buChar char="•"/><a:defRPr sz="2000")"));
  CHECK(holds(master, R"(<a:buChar char="–"/><a:defRPr sz="1800")"));
  CHECK(holds(deck.read("ppt/theme/theme1.xml"), R"(<a:minorFont><a:latin typeface="Arial"/>)"));
  // pandoc copies the footer of the layouts onto every slide: the
  // classification, escaped, and the slide number; no date.
  CHECK(holds(master, R"(<p:hf hdr="0" dt="0" ftr="1"/>)"));
  for (int i = 1; i <= 11; ++i) {
    const std::string layout =
        deck.read("ppt/slideLayouts/slideLayout" + std::to_string(i) + ".xml");
    CHECK(holds(layout, "<a:t>Diffusion &lt;restreinte&gt; &amp; &quot;Q&quot;</a:t>"));
    CHECK(holds(layout, R"(type="slidenum")"));
  }
  // Every placeholder placed within the slide.
  for (const auto& name : deck.names()) {
    const std::string text = deck.read(name);
    for (auto at = text.find("<a:off x=\""); at != std::string::npos;
         at = text.find("<a:off x=\"", at + 1)) {
      const long x = std::stol(text.substr(at + 10));
      const auto ext = text.find("<a:ext cx=\"", at);
      const long cx = std::stol(text.substr(ext + 11));
      CHECK_MESSAGE(x + cx <= (name.starts_with("ppt/notesMasters/") ? 6858000 : 12192000), name);
    }
  }
  write_slides_reference(dir / "c.pptx", Lang::en, "");
  const auto plain = zip::Archive::open_file((dir / "c.pptx").string(), "c.pptx");
  CHECK(
      holds(plain.read("ppt/slideMasters/slideMaster1.xml"), R"(<p:hf hdr="0" dt="0" ftr="0"/>)"));
  CHECK(holds(plain.read("ppt/presentation.xml"), R"(<a:defRPr lang="en-GB"/>)"));
  // riskmap's own presentation is what it asks of a user's.
  CHECK_NOTHROW(DocumentMaker::check_reference(dir / "c.pptx", ReferenceKind::slides));
}

TEST_CASE(
    "a user's reference document is refused, naming it, unless pandoc can lay documents out on "
    "it") {
  testing::TempDir dir;
  const auto write_zip = [&](const std::string& name,
                             const std::vector<std::pair<std::string, std::string>>& parts) {
    zip::Writer zip(dir / name);
    for (const auto& [part, text] : parts) zip.add(part, text);
    zip.close();
    return dir / name;
  };
  const auto word = write_zip("word.docx", {{"[Content_Types].xml", "<Types/>"},
                                            {"word/document.xml", "<w:document/>"},
                                            {"word/styles.xml", "<w:styles/>"}});
  CHECK_NOTHROW(DocumentMaker::check_reference(word, ReferenceKind::word));
  {
    std::ofstream out(dir / "text.docx");
    out << "not a document";
  }
  CHECK_THROWS_WITH_AS(DocumentMaker::check_reference(dir / "text.docx", ReferenceKind::word),
                       doctest::Contains("text.docx: not a zip archive"), ContentError);
  CHECK_THROWS_WITH_AS(DocumentMaker::check_reference(dir / "text.docx", ReferenceKind::word),
                       doctest::Contains("expects a Word document (.docx)"), ContentError);
  CHECK_THROWS_WITH_AS(
      DocumentMaker::check_reference(word, ReferenceKind::slides),
      doctest::Contains("word.docx: a Word document, not a PowerPoint presentation"), ContentError);
  const auto unstyled = write_zip("unstyled.docx", {{"word/document.xml", "<w:document/>"}});
  CHECK_THROWS_WITH_AS(DocumentMaker::check_reference(unstyled, ReferenceKind::word),
                       doctest::Contains("without styles (word/styles.xml)"), ContentError);
  write_slides_reference(dir / "deck.pptx", Lang::fr, "");
  CHECK_THROWS_WITH_AS(DocumentMaker::check_reference(dir / "deck.pptx", ReferenceKind::word),
                       doctest::Contains("a PowerPoint presentation, not a Word document"),
                       ContentError);
  // Layouts named as a French PowerPoint shows them: pandoc would not find them.
  const auto deck = zip::Archive::open_file((dir / "deck.pptx").string(), "deck.pptx");
  std::vector<std::pair<std::string, std::string>> parts;
  for (const auto& name : deck.names()) {
    std::string text = deck.read(name);
    if (const auto at = text.find(R"(name="Title Slide")"); at != std::string::npos)
      text.replace(at, 18, R"(name="Diapositive de titre")");
    parts.emplace_back(name, text);
  }
  const auto french = write_zip("french.pptx", parts);
  CHECK_THROWS_WITH_AS(
      DocumentMaker::check_reference(french, ReferenceKind::slides),
      doctest::Contains("french.pptx: its slide master has no layout named 'Title Slide'"),
      ContentError);
}

TEST_CASE(
    "the sections riskmap adds take the header, footer and page set-up of a user's last section") {
  const std::string portrait =
      R"(<w:p><w:pPr><w:sectPr><w:headerReference w:type="default" r:id="rIdRiskmapHeader"/>)"
      R"(<w:footerReference w:type="default" r:id="rIdRiskmapFooter"/><w:pgSz w:w="11906" w:h="16838"/>)"
      R"(<w:pgMar w:top="1247"/></w:sectPr></w:pPr></w:p>)";
  const std::string landscape =
      R"(<w:p><w:pPr><w:sectPr><w:headerReference w:type="default" r:id="rIdRiskmapHeaderWide"/>)"
      R"(<w:footerReference w:type="default" r:id="rIdRiskmapFooterWide"/>)"
      R"(<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/><w:pgMar w:top="1247"/></w:sectPr></w:pPr></w:p>)";
  const std::string last =
      R"(<w:sectPr w:rsidR="00AB"><w:headerReference w:type="default" r:id="rId9"/>)"
      R"(<w:headerReference w:type="first" r:id="rId10"></w:headerReference>)"
      R"(<w:footerReference w:type="default" r:id="rId11"/><w:pgSz w:w="12240" w:h="15840"/>)"
      R"(<w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440"/><w:titlePg/></w:sectPr>)";
  const std::string document = "<w:document><w:body><w:p/>" + portrait + "<w:tbl/>" + landscape +
                               "<w:p/>" + last + "</w:body></w:document>";
  const std::string refs =
      R"(<w:headerReference w:type="default" r:id="rId9"/><w:headerReference w:type="first" r:id="rId10"/>)"
      R"(<w:footerReference w:type="default" r:id="rId11"/>)";
  const std::string set_up =
      R"(<w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440"/><w:titlePg/>)";
  CHECK(sections_like_last(document) ==
        "<w:document><w:body><w:p/><w:p><w:pPr><w:sectPr>" + refs +
            R"(<w:pgSz w:w="12240" w:h="15840"/>)" + set_up + "</w:sectPr></w:pPr></w:p><w:tbl/>" +
            "<w:p><w:pPr><w:sectPr>" + refs +
            R"(<w:pgSz w:w="15840" w:h="12240" w:orient="landscape"/>)" + set_up +
            "</w:sectPr></w:pPr></w:p><w:p/>" + last + "</w:body></w:document>");
  // A reference document without header or footer: the sections name none.
  const std::string bare =
      R"(<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1000"/></w:sectPr>)";
  const std::string fixed =
      sections_like_last("<w:body>" + portrait + landscape + bare + "</w:body>");
  CHECK_FALSE(holds(fixed, "rIdRiskmap"));
  CHECK_FALSE(holds(fixed, "Reference"));
  CHECK(holds(
      fixed,
      R"(<w:sectPr><w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/><w:pgMar w:top="1000"/></w:sectPr>)"));
  // None at all: riskmap's A4 page, and still no header id left dangling.
  const std::string alone = sections_like_last("<w:body>" + portrait + landscape + "</w:body>");
  CHECK_FALSE(holds(alone, "rIdRiskmap"));
  CHECK(holds(alone, R"(<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1247")"));
}
