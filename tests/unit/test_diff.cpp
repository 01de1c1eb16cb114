#include <doctest/doctest.h>

#include <utility>

#include "asset.hpp"
#include "diff.hpp"
#include "helpers.hpp"
#include "scenario.hpp"
#include "store.hpp"
#include "workspace.hpp"

using namespace riskmap;
using riskmap::testing::TempDir;

namespace {

// Two maps to compare, each a workspace of its own (a snapshot is one too).
struct TwoMaps {
  TempDir dir;
  std::unique_ptr<Workspace> before = Workspace::create(dir / "before", InitOptions{});
  std::unique_ptr<Workspace> after = Workspace::create(dir / "after", InitOptions{});
};

void add_scenario(Workspace& ws, const std::string& ref, const char* likelihood = "V2",
                  const char* impact = "G2", const std::string& title = "A scenario") {
  const EntityKind& k = scenario_kind();
  Record record = k.empty_record(ref);
  record.values[k.index("title")] = title;
  record.values[k.index("current_likelihood")] =
      parse_value(k.fields[k.index("current_likelihood")], likelihood, ws.method());
  record.values[k.index("current_impact")] =
      parse_value(k.fields[k.index("current_impact")], impact, ws.method());
  RecordStore(ws, k).insert(std::move(record));
}

using Seen = std::vector<std::pair<std::string, ChangeKind>>;

// The changes in the order the comparison hands them out, and its counts.
std::pair<Seen, ScenarioCounts> compare(Workspace& from, Workspace& to) {
  Seen seen;
  const ScenarioCounts counts = diff_scenarios(
      from, to, [&](const ScenarioChange& change) { seen.emplace_back(change.ref, change.kind); });
  return {seen, counts};
}

constexpr auto added = ChangeKind::added;
constexpr auto removed = ChangeKind::removed;
constexpr auto changed = ChangeKind::changed;

}  // namespace

TEST_SUITE("diff") {
  TEST_CASE("changes at the start, in the middle and at the end come out in natural ref order") {
    TwoMaps maps;
    for (const char* ref : {"R1", "R2", "R3", "R4", "R5"}) add_scenario(*maps.before, ref);
    add_scenario(*maps.before, "R7", "V4", "G4");
    add_scenario(*maps.after, "R0");                               // added before the first
    add_scenario(*maps.after, "R2", "V4", "G4");                   // raised
    add_scenario(*maps.after, "R3");                               // as it was
    add_scenario(*maps.after, "R4", "V2", "G2", "Another title");  // renamed
    add_scenario(*maps.after, "R6");                               // added in the middle
    add_scenario(*maps.after, "R7", "V1", "G1");                   // lowered, last of both
    add_scenario(*maps.after, "R8");                               // added after the last

    const auto [seen, counts] = compare(*maps.before, *maps.after);
    CHECK(seen == Seen{{"R0", added},
                       {"R1", removed},
                       {"R2", changed},
                       {"R4", changed},
                       {"R5", removed},
                       {"R6", added},
                       {"R7", changed},
                       {"R8", added}});
    CHECK(counts.added == 3);
    CHECK(counts.removed == 2);
    CHECK(counts.changed == 3);
    CHECK(counts.unchanged == 1);
    constexpr auto current = static_cast<std::size_t>(Stage::current);
    CHECK(counts.up[current] == 1);
    CHECK(counts.down[current] == 1);

    // What each change says, as the kept form holds it.
    const MapDiff diff = diff_scenarios(*maps.before, *maps.after);
    REQUIRE(diff.changes.size() == 8);
    CHECK(diff.changes[3].ref == "R4");
    CHECK(diff.changes[3].title == "Another title");
    CHECK(diff.changes[3].former_title == "A scenario");
    CHECK(diff.changes[3].fields == std::vector<std::string>{"title"});
    CHECK(diff.changes[2].moves[current] == Move::up);
    CHECK(diff.changes[1].from[current].has_value());
    CHECK_FALSE(diff.changes[1].to[current].has_value());
    CHECK(diff.unchanged == 1);

    // The other way round, the same refs with added and removed swapped.
    const auto [back, back_counts] = compare(*maps.after, *maps.before);
    REQUIRE(back.size() == seen.size());
    for (std::size_t i = 0; i < seen.size(); ++i) {
      CHECK(back[i].first == seen[i].first);
      CHECK(back[i].second == (seen[i].second == added     ? removed
                               : seen[i].second == removed ? added
                                                           : changed));
    }
    CHECK(back_counts.up[current] == 1);
    CHECK(back_counts.down[current] == 1);
  }

  TEST_CASE("refs whose byte order is not their natural order pair and come out naturally") {
    TwoMaps maps;
    // By bytes R10 < R2 < R3 < R9; naturally R2 < R3 < R9 < R10.
    for (const char* ref : {"R2", "R9", "R10"}) add_scenario(*maps.before, ref);
    add_scenario(*maps.after, "R10", "V3", "G3");
    add_scenario(*maps.after, "R2");
    add_scenario(*maps.after, "R3");
    const auto [seen, counts] = compare(*maps.before, *maps.after);
    CHECK(seen == Seen{{"R3", added}, {"R9", removed}, {"R10", changed}});
    CHECK(counts.unchanged == 1);
  }

  TEST_CASE("refs equal but for leading zeros are different scenarios") {
    // natural_compare ranks R001 < R01 < R1 (same number, then by bytes): a
    // join that took them for the same ref would pair R001 with R01.
    TwoMaps maps;
    add_scenario(*maps.before, "R01", "V1", "G1", "Zero one");
    add_scenario(*maps.before, "R1", "V2", "G2", "One");
    add_scenario(*maps.after, "R001", "V3", "G3", "Zero zero one");
    add_scenario(*maps.after, "R1", "V2", "G2", "One");
    add_scenario(*maps.after, "R1a", "V2", "G2", "One a");
    const auto [seen, counts] = compare(*maps.before, *maps.after);
    CHECK(seen == Seen{{"R001", added}, {"R01", removed}, {"R1a", added}});
    CHECK(counts.changed == 0);
    CHECK(counts.unchanged == 1);
  }

  TEST_CASE("an empty side: everything added, or everything removed") {
    TwoMaps maps;
    for (const char* ref : {"R10", "R2", "R1"}) add_scenario(*maps.after, ref);
    {
      const auto [seen, counts] = compare(*maps.before, *maps.after);
      CHECK(seen == Seen{{"R1", added}, {"R2", added}, {"R10", added}});
      CHECK(counts.added == 3);
    }
    {
      const auto [seen, counts] = compare(*maps.after, *maps.before);
      CHECK(seen == Seen{{"R1", removed}, {"R2", removed}, {"R10", removed}});
      CHECK(counts.removed == 3);
    }
    {
      const auto [seen, counts] = compare(*maps.before, *maps.before);
      CHECK(seen.empty());
      CHECK(counts.added + counts.removed + counts.changed + counts.unchanged == 0);
    }
    // A map against itself: two cursors on one connection, nothing changed.
    const auto [seen, counts] = compare(*maps.after, *maps.after);
    CHECK(seen.empty());
    CHECK(counts.unchanged == 3);
  }

  TEST_CASE("records of other kinds: added, removed and changed fields in natural ref order") {
    TwoMaps maps;
    const auto add_asset = [](Workspace& ws, const std::string& ref, const std::string& name,
                              const std::string& owner) {
      const EntityKind& k = asset_kind();
      Record record = k.empty_record(ref);
      record.values[k.index("name")] = name;
      record.values[k.index("kind")] = std::string("application");
      if (!owner.empty()) record.values[k.index("owner")] = owner;
      RecordStore(ws, k).insert(std::move(record));
    };
    add_asset(*maps.before, "A1", "Portail", "DSI");
    add_asset(*maps.before, "A2", "Messagerie", "");
    add_asset(*maps.before, "A10", "Paie", "DRH");
    add_asset(*maps.after, "A2", "Messagerie", "DSI");
    add_asset(*maps.after, "A3", "Annuaire", "");
    add_asset(*maps.after, "A10", "Paie et temps", "RH");
    std::vector<RecordChange> seen;
    const RecordCounts counts =
        diff_records(*maps.before, *maps.after, asset_kind(),
                     [&](const RecordChange& change) { seen.push_back(change); });
    REQUIRE(seen.size() == 4);
    CHECK(seen[0].ref == "A1");
    CHECK(seen[0].kind == removed);
    CHECK(seen[1].ref == "A2");
    CHECK(seen[1].fields == std::vector<std::string>{"owner"});
    CHECK(seen[2].ref == "A3");
    CHECK(seen[2].kind == added);
    CHECK(seen[3].ref == "A10");
    CHECK(seen[3].fields == std::vector<std::string>{"name", "owner"});
    CHECK(counts.added == 1);
    CHECK(counts.removed == 1);
    CHECK(counts.changed == 2);
  }
}
