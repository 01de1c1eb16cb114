#include <doctest/doctest.h>

#include <sstream>

#include "control.hpp"
#include "framework.hpp"
#include "helpers.hpp"
#include "scenario.hpp"
#include "store.hpp"
#include "workspace.hpp"

using namespace riskmap;
using riskmap::testing::TempDir;

namespace {

Catalog read(const std::string& text, CatalogFormat format, const std::string& source = "in") {
  std::istringstream in(text);
  return read_catalog(in, format, source);
}

std::string read_error(const std::string& text, CatalogFormat format) {
  try {
    read(text, format);
  } catch (const ContentError& e) {
    return e.what();
  }
  return "no error";
}

CatalogImport import_text(Workspace& ws, const std::string& text, CatalogOptions options) {
  std::istringstream in(text);
  Transaction transaction(ws.db());
  auto result = import_catalog(ws.db(), in, options);
  transaction.commit();
  return result;
}

CatalogOptions options_for(const std::string& file, bool replace = false) {
  CatalogOptions options;
  options.file = file;
  options.replace = replace;
  return options;
}

void add_control(Workspace& ws, const std::string& ref, const std::string& state,
                 const std::string& references) {
  const EntityKind& kind = control_kind();
  Record record = kind.empty_record(ref);
  record.values[kind.index("title")] = "Control " + ref;
  record.values[kind.index("state")] = state;
  record.values[kind.index("references")] =
      parse_value(kind.fields[kind.index("references")], references, ws.method());
  RecordStore(ws, kind).insert(record);
}

std::optional<SoaRow> soa_row(Workspace& ws, const std::string& framework, const std::string& id) {
  std::optional<SoaRow> found;
  for_each_soa_row(ws.db(), framework, [&](const SoaRow& row) {
    if (row.requirement.id == id) found = row;
  });
  return found;
}

}  // namespace

TEST_SUITE("framework") {
  TEST_CASE("coverage: existing or done implements, planned or in-progress plans") {
    using V = std::vector<std::string>;
    CHECK(coverage_of(V{}) == Coverage::none);
    CHECK(coverage_of(V{"abandoned"}) == Coverage::none);
    CHECK(coverage_of(V{"planned"}) == Coverage::planned);
    CHECK(coverage_of(V{"abandoned", "in-progress"}) == Coverage::planned);
    CHECK(coverage_of(V{"planned", "existing"}) == Coverage::implemented);
    CHECK(coverage_of(V{"done", "abandoned"}) == Coverage::implemented);
    CHECK(to_string(Coverage::implemented) == "implemented");
    CHECK(parse_coverage("Planned") == Coverage::planned);
    CHECK_THROWS_AS(parse_coverage("done"), ValueError);
  }

  TEST_CASE("applicable: yes/no in English and French, true/false") {
    CHECK(parse_applicable("yes"));
    CHECK(parse_applicable("OUI"));
    CHECK(parse_applicable("true"));
    CHECK_FALSE(parse_applicable("no"));
    CHECK_FALSE(parse_applicable("Non"));
    CHECK_FALSE(parse_applicable("false"));
    try {
      parse_applicable("yse");
      FAIL("no error");
    } catch (const ValueError& e) {
      CHECK(std::string(e.what()).find("did you mean 'yes'") != std::string::npos);
    }
  }

  TEST_CASE("format by extension, else by content") {
    CHECK(detect_catalog_format("a.CSV", "{") == CatalogFormat::csv);
    CHECK(detect_catalog_format("a.toml", "") == CatalogFormat::toml);
    CHECK(detect_catalog_format("a.json", "") == CatalogFormat::json);
    CHECK(detect_catalog_format("-", "  {\"catalog\": {}}") == CatalogFormat::json);
    CHECK(detect_catalog_format("-", "[framework]") == CatalogFormat::toml);
    CHECK(detect_catalog_format("-", "id,title") == CatalogFormat::csv);
    CHECK(parse_catalog_format("toml") == CatalogFormat::toml);
    CHECK_THROWS_AS(parse_catalog_format("xml"), ValueError);
  }

  TEST_CASE("CSV catalogs: columns in any order, every bad row reported") {
    const Catalog catalog =
        read("title,id,chapter\nUn,R1,C1\n\"Deux, avec virgule\",R2,\n", CatalogFormat::csv);
    REQUIRE(catalog.requirements.size() == 2);
    CHECK(catalog.requirements[1].id == "R2");
    CHECK(catalog.requirements[1].title == "Deux, avec virgule");
    CHECK(catalog.requirements[0].chapter == "C1");
    CHECK(catalog.requirements[0].part.empty());
    CHECK(catalog.id.empty());

    CHECK(read_error("id,title,sectoin\n", CatalogFormat::csv)
              .find("in:1: unknown column 'sectoin'") == 0);
    CHECK(read_error("id,title,id\n", CatalogFormat::csv).find("appears twice") !=
          std::string::npos);
    CHECK(read_error("title\nx\n", CatalogFormat::csv).find("no 'id' column") != std::string::npos);
    const std::string error =
        read_error("id,title\nR1,a\nR1,b\nR 2,c\nR3,\nR4\n", CatalogFormat::csv);
    CHECK(error.find("in: 4 errors; nothing was imported") == 0);
    CHECK(error.find("in:3: requirement id 'R1' appears twice (first at in:2)") !=
          std::string::npos);
    CHECK(error.find("in:4: 'R 2' is not a valid requirement id") != std::string::npos);
    CHECK(error.find("in:5: requirement R3: the title is missing") != std::string::npos);
    CHECK(error.find("in:6: 1 fields, but the header has 2 columns") != std::string::npos);
  }

  TEST_CASE("TOML catalogs: strict, with line and column") {
    const Catalog catalog = read(
        "[framework]\nid = \"ISO\"\ntitle = \"ISO 27001\"\nversion = \"2022\"\n\n"
        "[[requirement]]\nid = \"A.5.1\"\ntitle = \"Policies\"\npart = \"Annex A\"\n",
        CatalogFormat::toml);
    CHECK(catalog.id == "ISO");
    CHECK(catalog.id_origin == "in:2:6");
    CHECK(catalog.version == "2022");
    REQUIRE(catalog.requirements.size() == 1);
    CHECK(catalog.requirements[0].part == "Annex A");
    CHECK(read_error("[[requirement]]\nid = \"1\"\ntitle = \"x\"\nchapitre = \"y\"\n",
                     CatalogFormat::toml)
              .find("in:4:1: unknown key 'chapitre' in [[requirement]]") == 0);
    CHECK(read_error("[[requirement]]\nid = 1\n", CatalogFormat::toml)
              .find("in:2:6: 'id' in [[requirement]] must be a string") == 0);
    CHECK(read_error("[[requirement]\n", CatalogFormat::toml).find("in:1:") == 0);
  }

  TEST_CASE("OSCAL catalogs: groups give the headings, enhancements are requirements") {
    const Catalog catalog = read(R"({"catalog": {"metadata": {"title": "T", "version": "5"},
      "groups": [{"id": "ac", "title": "Access Control", "controls": [
          {"id": "ac-2", "title": "Account Management",
           "controls": [{"id": "ac-2.1", "title": "Automated"}]}]},
        {"id": "p", "title": "Part", "groups": [{"title": "Chapter",
          "controls": [{"id": "x-1", "title": "X"}]}]}]}})",
                                 CatalogFormat::json);
    CHECK(catalog.title == "T");
    CHECK(catalog.version == "5");
    REQUIRE(catalog.requirements.size() == 3);
    CHECK(catalog.requirements[1].id == "ac-2.1");
    CHECK(catalog.requirements[1].chapter == "Access Control");
    CHECK(catalog.requirements[1].part.empty());
    CHECK(catalog.requirements[2].part == "Part");
    CHECK(catalog.requirements[2].chapter == "Chapter");
    CHECK(read_error("{\"catalog\": {\"groups\": [{\"controls\": [{\"id\": \"c\"}]}]}}",
                     CatalogFormat::json)
              .find("in: catalog.groups[1].controls[1] (c): requirement c: the title is missing") !=
          std::string::npos);
    CHECK(read_error("{\"catalog\": 1}", CatalogFormat::json).find("not an OSCAL catalog") !=
          std::string::npos);
    CHECK(read_error("{\n\"catalog\": [", CatalogFormat::json).find("in:2: invalid JSON") == 0);
  }

  TEST_CASE("import: id from the options, the file or the stem; refused when it exists") {
    TempDir dir;
    auto ws = Workspace::create(dir.path(), InitOptions{});
    auto result = import_text(*ws, "id,title\nR1,Un\nR2,Deux\n", options_for("my-cat.csv"));
    CHECK(result.framework == "MY-CAT");
    CHECK(result.requirements == 2);
    const FrameworkInfo info = get_framework(ws->db(), "MY-CAT");
    CHECK(info.title == "MY-CAT");
    CHECK(info.source == "my-cat.csv");
    CHECK(info.requirements == 2);
    CHECK_THROWS_AS(import_text(*ws, "id,title\nR1,Un\n", options_for("my-cat.csv")), Conflict);
    CHECK_THROWS_AS(import_text(*ws, "id,title\nR1,Un\n", options_for("-")), ValueError);
    CHECK_THROWS_AS(import_text(*ws, "id,title\nR1,Un\n", options_for("a b.csv")), ValueError);
    auto named = options_for("-");
    named.id = "OTHER";
    named.title = "Autre";
    named.version = "1";
    CHECK(import_text(*ws, "id,title\nR1,Un\n", named).framework == "OTHER");
    CHECK(get_framework(ws->db(), "OTHER").version == "1");
    CHECK(list_frameworks(ws->db()).size() == 3);
    CHECK_THROWS_AS(get_framework(ws->db(), "OTHR"), UnknownRef);
  }

  TEST_CASE("replace keeps what stays and refuses to drop what is in use") {
    TempDir dir;
    auto ws = Workspace::create(dir.path(), InitOptions{});
    import_text(*ws, "id,title\nR1,Un\nR2,Deux\nR3,Trois\n", options_for("cat.csv"));
    {
      Transaction transaction(ws->db());
      add_control(*ws, "M1", "existing", "CAT:R1");
      const std::vector<std::string> items{"R2"};
      set_soa(ws->db(), "CAT", items, false, "Hors périmètre");
      transaction.commit();
    }
    try {
      import_text(*ws, "id,title\nR3,Trois\n", options_for("cat.csv", true));
      FAIL("no error");
    } catch (const Conflict& e) {
      const std::string what = e.what();
      CHECK(what.find("would drop 2 requirements still in use") != std::string::npos);
      CHECK(what.find("CAT:R1: cited by control M1") != std::string::npos);
      CHECK(what.find("CAT:R2: SoA decision: not applicable") != std::string::npos);
    }
    const auto result = import_text(*ws, "id,title\nR2,Deux bis\nR1,Un bis\nR4,Quatre\n",
                                    options_for("cat.csv", true));
    CHECK(result.replaced);
    CHECK(result.kept == 2);
    CHECK(result.added == 1);
    CHECK(result.removed == 1);
    const auto requirements = list_requirements(ws->db(), "CAT");
    REQUIRE(requirements.size() == 3);
    CHECK(requirements[0].id == "R2");
    CHECK(requirements[0].title == "Deux bis");
    const auto r2 = soa_row(*ws, "CAT", "R2");
    REQUIRE(r2);
    CHECK(r2->applicable == false);
    CHECK(r2->justification == "Hors périmètre");
  }

  TEST_CASE("SoA rows: decisions, citing controls, scenarios and coverage") {
    TempDir dir;
    auto ws = Workspace::create(dir.path(), InitOptions{});
    Transaction transaction(ws->db());
    add_control(*ws, "M10", "abandoned", "NIST-CSF:PR.AA-01");
    add_control(*ws, "M2", "planned", "NIST-CSF:PR.AA-01,NIST-CSF:PR.AA-02");
    add_control(*ws, "M3", "done", "NIST-CSF:PR.AA-02");
    const EntityKind& kind = scenario_kind();
    Record scenario = kind.empty_record("R1");
    scenario.values[kind.index("title")] = "Scenario";
    scenario.values[kind.index("existing_controls")] = std::vector<std::string>{"M3"};
    scenario.values[kind.index("additional_controls")] = std::vector<std::string>{"M10"};
    RecordStore(*ws, kind).insert(scenario);
    const std::vector<std::string> items{"PR.AA-01"};
    CHECK(set_soa(ws->db(), "NIST-CSF", items, true, "") ==
          std::vector<std::string>{"NIST-CSF:PR.AA-01"});
    CHECK_THROWS_AS(set_soa(ws->db(), "NIST-CSF", items, false, " "), ValueError);
    const std::vector<std::string> unknown{"PR.AA-99"};
    CHECK_THROWS_AS(set_soa(ws->db(), "NIST-CSF", unknown, true, ""), UnknownRef);

    std::size_t rows = 0;
    for_each_soa_row(ws->db(), "NIST-CSF", [&](const SoaRow&) { ++rows; });
    CHECK(rows == 106);
    const auto aa1 = soa_row(*ws, "NIST-CSF", "PR.AA-01");
    REQUIRE(aa1);
    CHECK(aa1->applicable == true);
    CHECK(aa1->controls == std::vector<std::string>{"M2", "M10"});
    CHECK(aa1->control_states == std::vector<std::string>{"planned", "abandoned"});
    CHECK(aa1->scenarios == std::vector<std::string>{"R1"});
    CHECK(aa1->coverage == Coverage::planned);
    const auto aa2 = soa_row(*ws, "NIST-CSF", "PR.AA-02");
    REQUIRE(aa2);
    CHECK_FALSE(aa2->applicable);
    CHECK(aa2->coverage == Coverage::implemented);
    CHECK(soa_row(*ws, "NIST-CSF", "GV.OC-01")->coverage == Coverage::none);
    CHECK_THROWS_AS(for_each_soa_row(ws->db(), "NIST", [](const SoaRow&) {}), UnknownRef);

    CHECK(clear_soa(ws->db(), "NIST-CSF", items) == std::vector<std::string>{"NIST-CSF:PR.AA-01"});
    CHECK(clear_soa(ws->db(), "NIST-CSF", items).empty());
  }

  TEST_CASE("SoA import: all rows checked before any is written") {
    TempDir dir;
    auto ws = Workspace::create(dir.path(), InitOptions{});
    Transaction transaction(ws->db());
    std::istringstream good(
        "requirement,title,applicable,justification,coverage\n"
        "GV.OC-01,ignored,yes,,none\nGV.OC-02,,non,Pas concerné,\nGV.OC-03,,,,\n");
    const SoaImport result = import_soa(ws->db(), "NIST-CSF", good, "soa.csv");
    CHECK(result.set == 2);
    CHECK(result.cleared == 0);
    CHECK(soa_row(*ws, "NIST-CSF", "GV.OC-02")->justification == "Pas concerné");
    std::istringstream bad(
        "requirement,applicable,justification\nGV.OC-01,no,\nGV.OC-1,yes,\nGV.OC-02,,\n");
    try {
      import_soa(ws->db(), "NIST-CSF", bad, "bad.csv");
      FAIL("no error");
    } catch (const ContentError& e) {
      const std::string what = e.what();
      CHECK(what.find("bad.csv: 2 errors; nothing was imported") == 0);
      CHECK(what.find("bad.csv:2: requirement GV.OC-01: column 'applicable': an exclusion must "
                      "be justified") != std::string::npos);
      CHECK(what.find("bad.csv:3: unknown requirement 'GV.OC-1' of framework NIST-CSF") !=
            std::string::npos);
    }
    CHECK(soa_row(*ws, "NIST-CSF", "GV.OC-02")->applicable == false);
  }
}
