#include <doctest/doctest.h>

#include <fstream>

#include "asset.hpp"
#include "glance.hpp"
#include "helpers.hpp"
#include "snapshot.hpp"
#include "store.hpp"
#include "workspace.hpp"

using namespace riskmap;
using riskmap::testing::TempDir;

namespace {

void add_asset(Workspace& ws, const std::string& ref, const std::string& name) {
  const EntityKind& kind = asset_kind();
  Record record = kind.empty_record(ref);
  record.values[kind.index("name")] = name;
  RecordStore(ws, kind).insert(std::move(record));
}

std::vector<std::string> values(const std::vector<Suggestion>& suggestions) {
  std::vector<std::string> out;
  for (const auto& suggestion : suggestions)
    out.push_back(suggestion.value + "=" + suggestion.description);
  return out;
}

}  // namespace

TEST_SUITE("glance") {
  TEST_CASE("a glance finds the workspace as commands do and reads what completion offers") {
    TempDir dir;
    {
      auto ws = Workspace::create(dir / "ws", InitOptions{});
      add_asset(*ws, "A10", "Portal");
      add_asset(*ws, "A2", "Server");
      create_snapshot(*ws, "v1", Date{2026, 11, 1}, "tester", "");
    }
    std::filesystem::create_directories(dir / "ws" / "notes");
    Glance from_below(std::nullopt, std::nullopt, dir / "ws" / "notes", "");
    CHECK(values(from_below.refs(asset_kind())) ==
          std::vector<std::string>{"A2=Server", "A10=Portal"});
    REQUIRE(from_below.config() != nullptr);
    CHECK(from_below.config()->method.name == "ebios-rm");
    CHECK(from_below.snapshots() == std::vector<std::string>{"v1"});

    Glance named((dir / "ws").string(), std::nullopt, dir.path(), "");
    CHECK(named.refs(asset_kind()).size() == 2);
    Glance from_environment(std::nullopt, (dir / "ws").string(), dir.path(), "");
    CHECK(from_environment.refs(asset_kind()).size() == 2);
  }

  TEST_CASE(
      "with no workspace, or one that cannot be read, a glance finds nothing and says nothing") {
    TempDir dir;
    Glance nowhere((dir / "missing").string(), std::nullopt, dir.path(), "");
    CHECK(nowhere.config() == nullptr);
    CHECK(nowhere.refs(asset_kind()).empty());
    CHECK(nowhere.frameworks().empty());
    CHECK(nowhere.snapshots().empty());

    { Workspace::create(dir / "ws", InitOptions{}); }
    std::ofstream(dir / "ws" / "riskmap.toml", std::ios::app) << "[method\n";
    std::ofstream(dir / "ws" / "riskmap.db", std::ios::trunc) << "not a database";
    Glance damaged((dir / "ws").string(), std::nullopt, dir.path(), "");
    CHECK(damaged.config() == nullptr);
    CHECK(damaged.refs(asset_kind()).empty());
    CHECK(damaged.frameworks().empty());
  }
}
