#include <doctest/doctest.h>

#include "compliance.hpp"
#include "control.hpp"
#include "files.hpp"
#include "helpers.hpp"
#include "library_import.hpp"
#include "store.hpp"
#include "workspace.hpp"

using namespace riskmap;
using riskmap::testing::TempDir;

namespace {

void import_fixture(Workspace& ws, const std::string& name) {
  LibraryImportOptions options;
  options.file = name;
  import_library(ws.db(),
                 read_file(std::filesystem::path(RISKMAP_SOURCE_DIR) / "tests/data/yaml" / name),
                 options);
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

const FrameworkStanding& standing_of(const std::vector<FrameworkStanding>& all,
                                     const std::string& id) {
  for (const auto& standing : all)
    if (standing.info.id == id) return standing;
  FAIL("no framework " << id);
  return all.front();
}

}  // namespace

TEST_SUITE("compliance") {
  TEST_CASE("a framework nobody assesses is held, not assessed, and no referential") {
    TempDir dir;
    auto ws = Workspace::create(dir.path(), InitOptions{});
    const auto standings = framework_standings(ws->db());
    REQUIRE(standings.size() == 1);
    CHECK(standings[0].info.id == "NIST-CSF");
    CHECK_FALSE(standings[0].assessed);
    CHECK(standings[0].counts.requirements == 106);
    CHECK(standings[0].counts.applicable == 106);
    CHECK(standings[0].counts.uncovered == 106);
    CHECK(standings[0].chapters.size() == 6);  // the CSF functions
    CHECK(referentials(standings, {}, "the workspace").empty());
    CHECK(frameworks_in_force(standings, {}).empty());
  }

  TEST_CASE("counts by chapter: decisions, direct citations and mappings") {
    TempDir dir;
    auto ws = Workspace::create(dir.path(), InitOptions{});
    Transaction transaction(ws->db());
    import_fixture(*ws, "framework-basic.yaml");
    import_fixture(*ws, "mapping-basic.yaml");
    add_control(*ws, "M1", "existing", "NIST-CSF:PR.AA-01");  // AC-1, intersect: partly
    add_control(*ws, "M2", "planned", "NIST-CSF:PR.AA-03");   // ac-2, superset: planned
    add_control(*ws, "M3", "done", "NIST-CSF:PR.DS-11");      // OP-1, equal: covered
    const std::vector<std::string> excluded{"OP-1.a"}, scored{"AC-1"};
    set_soa(ws->db(), "TEST-BASIC", excluded, false, "Out of scope");
    set_maturity(ws->db(), "TEST-BASIC", scored, 2);

    const auto standings = framework_standings(ws->db());
    const FrameworkStanding& basic = standing_of(standings, "TEST-BASIC");
    CHECK(basic.assessed);
    const ComplianceCounts& n = basic.counts;
    CHECK(n.requirements == 5);
    CHECK(n.not_applicable == 1);
    CHECK(n.applicable == 4);
    CHECK(n.undecided == 3);  // AC-1 is applicable through its maturity
    CHECK(n.covered == 1);
    CHECK(n.partly == 1);
    CHECK(n.planned == 1);
    CHECK(n.uncovered == 1);  // OP-1.b
    CHECK(n.maturity_scored == 1);
    CHECK(n.maturity_total == 2);
    REQUIRE(basic.chapters.size() == 2);
    CHECK(basic.chapters[0].heading == "1. Access control");
    CHECK(basic.chapters[0].rows == std::vector<std::size_t>{0, 1});
    CHECK(basic.chapters[0].counts.applicable == 2);
    CHECK(basic.chapters[0].counts.partly == 1);
    CHECK(basic.chapters[0].counts.planned == 1);
    CHECK(basic.chapters[1].heading == "2. Operations");
    CHECK(basic.chapters[1].counts.not_applicable == 1);
    CHECK(basic.chapters[1].counts.covered == 1);
    CHECK(basic.chapters[1].counts.uncovered == 1);

    // NIST CSF is assessed too: controls cite it.
    CHECK(standing_of(standings, "NIST-CSF").assessed);
    const auto derived = referentials(standings, {}, "the workspace");
    REQUIRE(derived.size() == 2);
    CHECK(derived[0]->info.id == "NIST-CSF");
    CHECK(derived[1]->info.id == "TEST-BASIC");

    // Declared referentials come first, in their order; the other assessed follow.
    const std::vector<DeclaredReferential> declared{{"TEST-BASIC", "riskmap.toml:3:17"}};
    const auto named = referentials(standings, declared, "the workspace");
    REQUIRE(named.size() == 1);
    CHECK(named[0]->info.id == "TEST-BASIC");
    const auto in_force = frameworks_in_force(standings, named);
    REQUIRE(in_force.size() == 2);
    CHECK(in_force[0]->info.id == "TEST-BASIC");
    CHECK(in_force[1]->info.id == "NIST-CSF");

    const std::vector<DeclaredReferential> unknown{{"TEST-BASIC", "riskmap.toml:3:17"},
                                                   {"TEST-BASC", "riskmap.toml:3:31"}};
    CHECK_THROWS_WITH_AS(referentials(standings, unknown, "the workspace"),
                         "riskmap.toml:3:31: [mission] referentials: the workspace holds no "
                         "framework 'TEST-BASC' (did you mean 'TEST-BASIC'?); it holds: "
                         "NIST-CSF, TEST-BASIC",
                         ContentError);
  }

  TEST_CASE("an abandoned control makes a framework assessed but covers nothing") {
    TempDir dir;
    auto ws = Workspace::create(dir.path(), InitOptions{});
    Transaction transaction(ws->db());
    add_control(*ws, "M1", "abandoned", "NIST-CSF:GV.OC-01");
    const auto standings = framework_standings(ws->db());
    CHECK(standings[0].assessed);
    CHECK(standings[0].counts.uncovered == 106);
  }
}
