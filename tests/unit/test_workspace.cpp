#include <doctest/doctest.h>

#include <sys/stat.h>

#include <fstream>

#include "error.hpp"
#include "helpers.hpp"
#include "method_change.hpp"
#include "scenario.hpp"
#include "store.hpp"
#include "workspace.hpp"

using namespace riskmap;
using riskmap::testing::TempDir;

namespace {
std::string error_of(const std::string& text) {
  try {
    read_config(text, "riskmap.toml");
  } catch (const ContentError& e) {
    return e.what();
  }
  return "no error";
}
std::string method_text() {
  return std::string(builtin_method_toml("simple-3x3"));
}
}  // namespace

TEST_SUITE("workspace") {
  TEST_CASE("create writes both files, the database readable by its owner only") {
    TempDir dir;
    InitOptions options;
    options.name = "Caisse \"X\"";
    options.language = Lang::en;
    auto ws = Workspace::create(dir / "mission", options);
    struct stat info {};
    REQUIRE(::stat((dir / "mission" / "riskmap.db").c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0600);
    CHECK(ws->config().mission.name == "Caisse \"X\"");
    CHECK(ws->config().mission.language == Lang::en);
    CHECK(ws->method().name == "ebios-rm");
    CHECK_THROWS_AS(Workspace::create(dir / "mission", options), Error);
    auto again = Workspace::open(dir / "mission");
    CHECK(again->config().mission.name == "Caisse \"X\"");
  }

  TEST_CASE("the mission table is checked") {
    CHECK(error_of("[mission]\nname = \"x\"\nlanguage = \"de\"\n" + method_text())
              .find("riskmap.toml:3:12: 'de' is not a language") == 0);
    CHECK(error_of("[mission]\nname = \"x\"\nstatus = \"done\"\n" + method_text())
              .find("riskmap.toml:3:10: status 'done' is not allowed; allowed: 'draft', 'final'") ==
          0);
    CHECK(error_of("[mission]\nnmae = \"x\"\n" + method_text())
              .find("unknown key 'nmae' in [mission] (did you mean 'name'?)") != std::string::npos);
    CHECK(error_of("[mision]\nname = \"x\"\n" + method_text()).find("unknown key 'mision'") !=
          std::string::npos);
    CHECK(read_config("[mission]\nname = \"x\"\n" + method_text(), "f").mission.language ==
          Lang::fr);
  }

  TEST_CASE("[mission] referentials: framework ids, each once, with where they are") {
    const Config config = read_config(
        "[mission]\nname = \"x\"\nreferentials = [\"DNSSI-2023-2\", \"ISO-IEC-27001-2022\"]\n" +
            method_text(),
        "riskmap.toml");
    REQUIRE(config.mission.referentials.size() == 2);
    CHECK(config.mission.referentials[0].id == "DNSSI-2023-2");
    CHECK(config.mission.referentials[0].origin == "riskmap.toml:3:17");
    CHECK(config.mission.referentials[1].id == "ISO-IEC-27001-2022");
    CHECK(config.mission.referentials[1].origin == "riskmap.toml:3:33");
    CHECK(
        read_config("[mission]\nname = \"x\"\n" + method_text(), "f").mission.referentials.empty());
    CHECK(error_of("[mission]\nname = \"x\"\nreferentials = \"NIST-CSF\"\n" + method_text())
              .find("riskmap.toml:3:16: 'referentials' in [mission] must be an array") == 0);
    CHECK(error_of("[mission]\nname = \"x\"\nreferentials = [1]\n" + method_text())
              .find("riskmap.toml:3:17: [mission] referentials must be framework ids") == 0);
    CHECK(
        error_of("[mission]\nname = \"x\"\nreferentials = [\"ISO 27001\"]\n" + method_text())
            .find("riskmap.toml:3:17: [mission] referentials: 'ISO 27001' is not a framework id") ==
        0);
    CHECK(error_of("[mission]\nname = \"x\"\nreferentials = [\"A\", \"A\"]\n" + method_text())
              .find("riskmap.toml:3:22: [mission] referentials names 'A' twice") == 0);
  }

  TEST_CASE("discovery: the flag, then the environment, then the nearest folder upward") {
    TempDir dir;
    Workspace::create(dir / "a", InitOptions{});
    Workspace::create(dir / "b", InitOptions{});
    std::filesystem::create_directories(dir / "a" / "deep" / "er");
    CHECK(find_workspace(std::string((dir / "b").string()), std::string((dir / "a").string()),
                         dir.path())
              .dir == dir / "b");
    // The environment overrides the workspace the folder is in, and says so.
    const auto chosen = find_workspace(std::nullopt, std::string((dir / "a").string()), dir / "b");
    CHECK(chosen.dir == dir / "a");
    REQUIRE(chosen.overridden);
    CHECK(*chosen.overridden == dir / "b");
    CHECK_FALSE(find_workspace(std::nullopt, std::string((dir / "a").string()), dir / "a" / "deep")
                    .overridden);
    CHECK(find_workspace(std::nullopt, std::nullopt, dir / "a" / "deep" / "er").dir == dir / "a");
    CHECK_THROWS_AS(find_workspace(std::string((dir / "none").string()), std::nullopt, dir.path()),
                    Error);
  }

  TEST_CASE("a new method replaces the [method] block and keeps the mission and its comments") {
    TempDir dir;
    Workspace::create(dir.path(), InitOptions{});
    auto ws = Workspace::open(dir.path(), OpenOptions{Intent::method, "tester", "test", "", "", {}});
    const Method target = load_method("iso27005");
    ws->set_method(target);
    // riskmap.toml changes after the COMMIT only.
    CHECK(read_file(dir / "riskmap.toml").find("ebios-rm") != std::string::npos);
    ws->commit();
    ws.reset();
    const std::string text = read_file(dir / "riskmap.toml");
    CHECK(text.find("# Document metadata for the deliverables") != std::string::npos);
    CHECK(text.find("name = \"iso27005\"") != std::string::npos);
    CHECK(text.find("ebios-rm") == std::string::npos);
    CHECK(Workspace::open(dir.path())->method().likelihood.size() == 5);
  }

  TEST_CASE("ratings beyond a scale shortened by hand are refused on open") {
    TempDir dir;
    {
      auto ws = Workspace::create(dir.path(), InitOptions{});
      RecordStore scenarios(*ws, scenario_kind());
      Record r = scenario_kind().empty_record("R1");
      r.values[scenario_kind().index("title")] = std::string("T");
      r.values[scenario_kind().index("current_likelihood")] = std::int64_t{4};
      r.values[scenario_kind().index("current_impact")] = std::int64_t{2};
      scenarios.insert(r);
    }
    std::string text = read_file(dir / "riskmap.toml");
    const auto header = text.find("[method]");
    text = text.substr(0, header) + method_text();  // 3x3: likelihood 4 no longer exists
    write_file_atomically(dir / "riskmap.toml", text);
    try {
      Workspace::open(dir.path());
      FAIL("no error");
    } catch (const ContentError& e) {
      CHECK(std::string(e.what()).find("its method does not fit 1 stored rating, so it is not "
                                       "adopted:\n  scenario R1: current_likelihood at position "
                                       "4 (V4)") != std::string::npos);
    }
  }
}
