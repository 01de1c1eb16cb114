#include <doctest/doctest.h>

#include "diff.hpp"
#include "example.hpp"
#include "helpers.hpp"
#include "journal.hpp"
#include "scenario.hpp"
#include "snapshot.hpp"
#include "store.hpp"
#include "workspace.hpp"

using namespace riskmap;
using riskmap::testing::TempDir;

namespace {

void add_scenario(Workspace& ws, const std::string& ref, const char* likelihood, const char* impact,
                  const std::string& title = "A scenario", const std::string& owner = "") {
  const EntityKind& k = scenario_kind();
  Record record = k.empty_record(ref);
  record.values[k.index("title")] = title;
  if (*likelihood)
    record.values[k.index("current_likelihood")] =
        parse_value(k.fields[k.index("current_likelihood")], likelihood, ws.method());
  if (*impact)
    record.values[k.index("current_impact")] =
        parse_value(k.fields[k.index("current_impact")], impact, ws.method());
  if (!owner.empty()) record.values[k.index("owner")] = owner;
  RecordStore(ws, k).insert(std::move(record));
}

const Date day{2026, 11, 1};

}  // namespace

TEST_SUITE("snapshot") {
  TEST_CASE("a snapshot freezes the map; the diff names what changed since") {
    TempDir dir;
    auto ws = Workspace::create(dir / "ws", InitOptions{});
    add_scenario(*ws, "R1", "V3", "G4");
    add_scenario(*ws, "R2", "V1", "G1");
    add_scenario(*ws, "R3", "V2", "G2");
    const SnapshotInfo info = create_snapshot(*ws, "S1", day, "tester", "first");
    CHECK(info.scenarios == 3);
    CHECK(info.sequence == 1);
    CHECK(list_snapshots(*ws).size() == 1);
    CHECK_THROWS_AS(create_snapshot(*ws, "S1", day, "tester", ""), Conflict);
    CHECK_THROWS_AS(create_snapshot(*ws, "live", day, "tester", ""), ValueError);
    CHECK_THROWS_AS(find_snapshot(*ws, "S2"), UnknownRef);

    RecordStore store(*ws, scenario_kind());
    Record r1 = store.get("R1");
    r1.values[scenario_kind().index("current_likelihood")] = std::int64_t{1};  // high -> medium
    store.update(std::move(r1));
    store.remove("R2");
    add_scenario(*ws, "R10", "V4", "G4");

    SnapshotView s1(*ws, "S1");
    const MapDiff diff = diff_scenarios(s1.workspace(), *ws);
    REQUIRE(diff.changes.size() == 3);
    CHECK(diff.changes[0].ref == "R1");
    CHECK(diff.changes[0].kind == ChangeKind::changed);
    CHECK(diff.changes[0].fields == std::vector<std::string>{"current_likelihood"});
    CHECK(diff.changes[0].moves[1] == Move::down);
    CHECK(diff.changes[1].ref == "R2");
    CHECK(diff.changes[1].kind == ChangeKind::removed);
    CHECK(diff.changes[2].ref == "R10");
    CHECK(diff.changes[2].kind == ChangeKind::added);
    CHECK(diff.unchanged == 1);
    CHECK(diff.down[1] == 1);
    CHECK(diff.up[1] == 0);

    CHECK(create_snapshot(*ws, "S2", day, "tester", "").sequence == 2);
    CHECK(latest_snapshot(*ws)->name == "S2");
    CHECK(latest_snapshot(*ws, 2)->name == "S1");
    CHECK_FALSE(latest_snapshot(*ws, 1));
  }

  TEST_CASE("a map set against an earlier one: what each held, what became of the earlier") {
    TempDir dir;
    auto ws = Workspace::create(dir / "ws", InitOptions{});
    add_scenario(*ws, "R1", "V3", "G4", "Kept, lowered", "RSSI");
    add_scenario(*ws, "R2", "V1", "G1", "Kept, raised");
    add_scenario(*ws, "R3", "V2", "", "Kept, rated now", "RSSI");
    add_scenario(*ws, "R4", "V2", "G2", "Kept as it was", "DSI");
    add_scenario(*ws, "R5", "V1", "G1", "Merged into R1");
    create_snapshot(*ws, "v0", day, "tester", "");

    RecordStore store(*ws, scenario_kind());
    const auto set = [&](const std::string& ref, const char* field, Value value) {
      Record r = store.get(ref);
      r.values[scenario_kind().index(field)] = std::move(value);
      store.update(std::move(r));
    };
    set("R1", "current_likelihood", std::int64_t{2});  // V2 x G4: medium
    set("R2", "current_impact", std::int64_t{4});      // V1 x G4: medium
    set("R2", "owner", std::string("DPO"));
    set("R3", "current_impact", std::int64_t{2});
    store.remove("R5");
    add_scenario(*ws, "R6", "V4", "G4", "New", "RSSI");
    add_scenario(*ws, "R7", "", "", "New, unrated", "DSI");

    SnapshotView v0(*ws, "v0");
    const MapComparison c = compare_maps(v0.workspace(), *ws);
    CHECK(c.before.scenarios == 5);
    CHECK(c.before.rated == 4);
    CHECK(c.before.unowned == 2);
    CHECK(c.before.owners == 2);
    CHECK(c.after.scenarios == 6);
    CHECK(c.after.rated == 5);
    CHECK(c.after.unowned == 0);
    CHECK(c.after.owners == 3);
    CHECK(c.kept == 4);
    CHECK(c.lowered == 1);
    CHECK(c.raised == 1);
    CHECK(c.now_rated == 1);
    CHECK(c.no_longer_rated == 0);
    CHECK(c.same_level == 1);
    CHECK(c.dropped == 1);
    CHECK(c.added == 2);
    // The counts are riskmap diff's.
    const MapDiff diff = diff_scenarios(v0.workspace(), *ws);
    CHECK(c.dropped == diff.removed);
    CHECK(c.added == diff.added);
    CHECK(c.kept == diff.changed + diff.unchanged);
  }

  TEST_CASE("the example's original map is frozen as v0-client, and gone again with the init") {
    TempDir dir;
    InitOptions options;
    {
      auto ws = Workspace::create(dir / "kept", options, [](Workspace& created) {
        ExampleOriginal original(created, "tester");
        CHECK(original.info().name == "v0-client");
        CHECK(original.info().date == "2026-09-01");
        CHECK(original.info().note == "Cartographie transmise par le client");
        CHECK(original.info().scenarios == 18);
        original.keep();
      });
      SnapshotView v0(*ws, "v0-client");
      const MapContents held = map_contents(v0.workspace());
      CHECK(held.scenarios == 18);
      CHECK(held.rated == 17);  // R18's impact is still to assess
      CHECK(held.unowned == 4);
      CHECK(RecordStore(*ws, scenario_kind()).refs().empty());  // the live map is untouched
    }
    // A fill that fails after the snapshot: the snapshot and its folder go.
    CHECK_THROWS_AS(
        Workspace::create(dir / "rejected", options,
                          [](Workspace& created) {
                            ExampleOriginal original(created, "tester");
                            CHECK(std::filesystem::exists(snapshot_file(created, "v0-client")));
                            throw Error("rejected");
                          }),
        Error);
    CHECK_FALSE(std::filesystem::exists(dir / "rejected"));
  }

  TEST_CASE("a restore puts the records back and keeps the map it replaces") {
    TempDir dir;
    auto ws = Workspace::create(dir / "ws", InitOptions{});
    add_scenario(*ws, "R1", "V3", "G4");
    create_snapshot(*ws, "S1", day, "tester", "");
    RecordStore(*ws, scenario_kind()).remove("R1");
    add_scenario(*ws, "R2", "V1", "G1");
    bool journalled = false;
    const RestoreResult result =
        restore_snapshot(*ws, "S1", day, "tester", [&] { journalled = true; });
    CHECK(journalled);
    CHECK(result.kept == "before-restore-1");
    CHECK_FALSE(result.method_changed);
    RecordStore store(*ws, scenario_kind());
    CHECK(store.refs() == std::vector<std::string>{"R1"});
    SnapshotView kept(*ws, "before-restore-1");
    CHECK(RecordStore(kept.workspace(), scenario_kind()).refs() == std::vector<std::string>{"R2"});
  }

  TEST_CASE("the journal filters by whole ref, author and day, newest first") {
    TempDir dir;
    auto ws = Workspace::create(dir / "ws", InitOptions{});
    record_change(ws->db(), "alice", "riskmap a", {"R1", "R10"});
    record_change(ws->db(), "bob", "riskmap b", {"R10"});
    record_change(ws->db(), "bob", "riskmap c", {"R1%"});
    CHECK(read_journal(ws->db(), {}).front().command == "riskmap c");
    CHECK(read_journal(ws->db(), {"R1", {}, {}, {}}).size() == 1);
    CHECK(read_journal(ws->db(), {"R10", {}, {}, {}}).size() == 2);
    CHECK(read_journal(ws->db(), {"R1%", {}, {}, {}}).size() == 1);
    CHECK(read_journal(ws->db(), {{}, "bob", {}, {}}).size() == 2);
    CHECK(read_journal(ws->db(), {{}, {}, "2999-01-01", {}}).empty());
    CHECK(read_journal(ws->db(), {{}, {}, {}, 1}).size() == 1);
    CHECK(read_journal(ws->db(), {"R10", {}, {}, {}}).front().refs ==
          std::vector<std::string>{"R10"});
  }
}
