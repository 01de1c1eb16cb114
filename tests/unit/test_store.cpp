#include <doctest/doctest.h>

#include <algorithm>

#include "asset.hpp"
#include "example.hpp"
#include "helpers.hpp"
#include "scenario.hpp"
#include "store.hpp"
#include "text.hpp"
#include "undo.hpp"
#include "workspace.hpp"

using namespace riskmap;
using riskmap::testing::TempDir;

namespace {

Record asset(const Method& method, const std::string& ref, const std::string& name,
             const std::string& kind, const std::string& serves = "") {
  const EntityKind& k = asset_kind();
  Record record = k.empty_record(ref);
  record.values[k.index("name")] = name;
  record.values[k.index("kind")] = kind;
  record.values[k.index("serves")] = parse_value(k.fields[k.index("serves")], serves, method);
  return record;
}

Record scenario(const Method& method, const std::string& ref, const std::string& assets,
                const char* l, const char* i) {
  const EntityKind& k = scenario_kind();
  Record record = k.empty_record(ref);
  record.values[k.index("title")] = "Scenario " + ref;
  record.values[k.index("assets")] = parse_value(k.fields[k.index("assets")], assets, method);
  record.values[k.index("current_likelihood")] =
      parse_value(k.fields[k.index("current_likelihood")], l, method);
  record.values[k.index("current_impact")] =
      parse_value(k.fields[k.index("current_impact")], i, method);
  return record;
}

}  // namespace

TEST_SUITE("store") {
  TEST_CASE("records round-trip, lists come sorted, defaults are filled") {
    TempDir dir;
    auto ws = Workspace::create(dir.path(), InitOptions{});
    const Method& m = ws->method();
    RecordStore assets(*ws, asset_kind());
    assets.insert(asset(m, "A1", "Adhésions", "business-process"));
    assets.insert(asset(m, "A2", "Portail", "application", "A1"));
    const Record a2 = assets.get("A2");
    CHECK(std::get<std::string>(a2.values[asset_kind().index("role")]) == "supporting");
    CHECK(std::get<std::string>(assets.get("A1").values[asset_kind().index("role")]) == "primary");

    RecordStore scenarios(*ws, scenario_kind());
    scenarios.insert(scenario(m, "R10", "A2,A1", "V3", "G4"));
    scenarios.insert(scenario(m, "R2", "A1", "1", "1"));
    const Record r10 = scenarios.get("R10");
    CHECK(std::get<std::vector<std::string>>(r10.values[scenario_kind().index("assets")]) ==
          std::vector<std::string>{"A1", "A2"});
    CHECK(std::get<std::string>(r10.values[scenario_kind().index("treatment")]) == "open");
    CHECK(level_at(r10, Stage::current, m) == 3);
    CHECK_FALSE(level_at(r10, Stage::residual, m));

    std::vector<std::string> order;
    scenarios.for_each([&](Record& r) { order.push_back(r.ref); });
    CHECK(order == std::vector<std::string>{"R2", "R10"});
    CHECK(scenarios.next_ref() == "R11");
  }

  TEST_CASE("the three reading orders hold the same records, links included") {
    TempDir dir;
    auto ws = Workspace::create(dir.path(), InitOptions{});
    const Method& m = ws->method();
    RecordStore assets(*ws, asset_kind());
    assets.insert(asset(m, "A1", "Adhésions", "business-process"));
    assets.insert(asset(m, "A2", "Portail", "application", "A1"));
    RecordStore scenarios(*ws, scenario_kind());
    for (const char* ref : {"R10", "R2", "R1", "R100", "R02"})
      scenarios.insert(scenario(m, ref, std::string(ref) == "R2" ? "A2,A1" : "A1", "V1", "G1"));
    const auto assets_of = [](const Record& r) {
      return std::get<std::vector<std::string>>(r.values[scenario_kind().index("assets")]);
    };
    std::vector<std::string> natural, keyed;
    scenarios.for_each([&](Record& r) { natural.push_back(r.ref); });
    CHECK(natural == std::vector<std::string>{"R1", "R02", "R2", "R10", "R100"});
    scenarios.for_each_by_key([&](Record& r) {
      keyed.push_back(r.ref);
      CHECK(assets_of(r) == (r.ref == "R2" ? std::vector<std::string>{"A1", "A2"}
                                           : std::vector<std::string>{"A1"}));
    });
    CHECK(keyed == std::vector<std::string>{"R02", "R1", "R10", "R100", "R2"});
    const auto all = scenarios.all();
    REQUIRE(all.size() == 5);
    for (std::size_t i = 0; i < all.size(); ++i) {
      CHECK(all[i].ref == natural[i]);
      CHECK(all[i].values == scenarios.get(natural[i]).values);
    }
  }

  TEST_CASE("by level: the order of all() sorted by level, study-derived ratings merged in") {
    TempDir dir;
    auto ws = Workspace::create(dir.path(), InitOptions{});
    {
      Transaction transaction(ws->db());
      load_example(*ws);  // an EBIOS RM study: some current ratings are derived
      RecordStore scenarios(*ws, scenario_kind());
      const Method& m = ws->method();
      scenarios.insert(scenario(m, "R900", "A1", "V1", "G1"));
      scenarios.insert(scenario(m, "R90", "A1", "V4", "G4"));
      Record unrated = scenario_kind().empty_record("R09");
      unrated.values[scenario_kind().index("title")] = "Unrated";
      unrated.values[scenario_kind().index("assets")] = std::vector<std::string>{"A1"};
      scenarios.insert(unrated);
      transaction.commit();
    }
    RecordStore scenarios(*ws, scenario_kind());
    const Method& m = ws->method();
    for (const Stage stage : all_stages) {
      auto expected = scenarios.all();
      std::stable_sort(expected.begin(), expected.end(), [&](const Record& a, const Record& b) {
        return level_at(a, stage, m).value_or(0) > level_at(b, stage, m).value_or(0);
      });
      std::vector<Record> streamed;
      for_each_by_level(scenarios, stage, m,
                        [&](Record& r) { streamed.push_back(std::move(r)); });
      REQUIRE(streamed.size() == expected.size());
      for (std::size_t i = 0; i < expected.size(); ++i) {
        CHECK(streamed[i].ref == expected[i].ref);
        CHECK(streamed[i].values == expected[i].values);
      }
      // Unrated last: R09 at the current stage, rated at no stage.
      if (stage == Stage::current) CHECK(streamed.back().ref == "R09");
    }
    // The example derives some current ratings: the merge is exercised.
    bool derived = false;
    scenarios.for_each([&](Record& r) { derived = derived || r.derived != 0; });
    CHECK(derived);
  }

  TEST_CASE("a cursor reads the records of for_each, in its order, one pull at a time") {
    TempDir dir;
    auto ws = Workspace::create(dir.path(), InitOptions{});
    {
      Transaction transaction(ws->db());
      load_example(*ws);  // an EBIOS RM study: some current ratings are derived
      RecordStore scenarios(*ws, scenario_kind());
      const Method& m = ws->method();
      for (const char* ref : {"R100", "R01", "R020"})
        scenarios.insert(scenario(m, ref, std::string(ref) == "R01" ? "A1,A2" : "A1", "V1", "G1"));
      transaction.commit();
    }
    RecordStore scenarios(*ws, scenario_kind());
    std::vector<Record> expected;
    scenarios.for_each([&](Record& r) { expected.push_back(std::move(r)); });
    REQUIRE(expected.size() > 3);

    // One record reused from pull to pull, as a merge-join does: lists and
    // texts of the record before never leak into the next.
    auto cursor = scenarios.cursor();
    auto other = scenarios.cursor();  // a second one on the same store steps on its own
    Record record, first;
    REQUIRE(other.next(first));
    CHECK(first.ref == expected.front().ref);
    std::size_t at = 0;
    bool derived = false;
    while (cursor.next(record)) {
      REQUIRE(at < expected.size());
      CHECK(record.ref == expected[at].ref);
      CHECK(record.values == expected[at].values);
      CHECK(record.derived == expected[at].derived);
      derived = derived || record.derived != 0;
      ++at;
    }
    CHECK(at == expected.size());
    CHECK(derived);
    CHECK_FALSE(cursor.next(record));  // stays at its end
    REQUIRE(other.next(first));
    CHECK(first.ref == expected[1].ref);
    // The leading zeros sort as for_each has them: R01 just before R1.
    std::vector<std::string> refs;
    for (const auto& r : expected) refs.push_back(r.ref);
    const auto r01 = std::find(refs.begin(), refs.end(), "R01");
    REQUIRE(r01 + 1 < refs.end());
    CHECK(*(r01 + 1) == "R1");
    CHECK(std::find(refs.begin(), refs.end(), "R020") <
          std::find(refs.begin(), refs.end(), "R100"));
  }

  TEST_CASE("a cursor checks what it reads") {
    TempDir dir;
    auto ws = Workspace::create(dir.path(), InitOptions{});
    RecordStore assets(*ws, asset_kind());
    assets.insert(asset(ws->method(), "A1", "Portail", "application"));
    assets.insert(asset(ws->method(), "A2", "Paie", "application"));
    ws->db().exec("UPDATE asset SET kind = 'castle' WHERE ref = 'A2'");
    auto cursor = assets.cursor();
    Record record;
    REQUIRE(cursor.next(record));
    CHECK(record.ref == "A1");
    CHECK_THROWS_WITH_AS(cursor.next(record), doctest::Contains("asset A2"), ContentError);
  }

  TEST_CASE("links are checked: unknown refs, business values only, no duplicates") {
    TempDir dir;
    auto ws = Workspace::create(dir.path(), InitOptions{});
    const Method& m = ws->method();
    RecordStore assets(*ws, asset_kind());
    assets.insert(asset(m, "A1", "Adhésions", "business-process"));
    assets.insert(asset(m, "A2", "Portail", "application"));
    CHECK_THROWS_WITH_AS(assets.insert(asset(m, "A3", "Serveur", "server", "A2")),
                         "asset A3: asset 'A2' in serves is not a business value (a primary asset)",
                         UnknownRef);
    CHECK_THROWS_WITH_AS(assets.insert(asset(m, "A3", "Serveur", "server", "A9")),
                         "asset A3: unknown asset 'A9' in serves (did you mean 'A1'?)", UnknownRef);
    CHECK_THROWS_AS(assets.insert(asset(m, "A1", "Again", "other")), Conflict);
    CHECK_THROWS_AS(assets.insert(asset(m, "A4", "Valeur", "information", "A1")), ValueError);
    CHECK_FALSE(assets.exists("A3"));
  }

  TEST_CASE("a business value that others serve cannot become supporting") {
    TempDir dir;
    auto ws = Workspace::create(dir.path(), InitOptions{});
    const Method& m = ws->method();
    RecordStore assets(*ws, asset_kind());
    assets.insert(asset(m, "A1", "Adhésions", "business-process"));
    assets.insert(asset(m, "A2", "Portail", "application", "A1"));
    Record a1 = assets.get("A1");
    a1.values[asset_kind().index("role")] = std::string("supporting");
    CHECK_THROWS_AS(assets.update(a1), ValueError);
  }

  TEST_CASE("referrers and removal") {
    TempDir dir;
    auto ws = Workspace::create(dir.path(), InitOptions{});
    const Method& m = ws->method();
    RecordStore assets(*ws, asset_kind());
    RecordStore scenarios(*ws, scenario_kind());
    assets.insert(asset(m, "A1", "Adhésions", "business-process"));
    assets.insert(asset(m, "A2", "Portail", "application", "A1"));
    scenarios.insert(scenario(m, "R1", "A1,A2", "V1", "G1"));
    CHECK(assets.referrers("A1") ==
          std::vector<std::string>{"asset A2 (serves)", "scenario R1 (assets)"});
    assets.remove("A1");
    CHECK(std::get<std::vector<std::string>>(
              scenarios.get("R1").values[scenario_kind().index("assets")]) ==
          std::vector<std::string>{"A2"});
    CHECK_THROWS_AS(assets.remove("A1"), UnknownRef);
    // A list left empty is stored as NULL, as one never filled.
    CHECK(ws->db().query_integer(
              "SELECT count(*) FROM asset WHERE ref = 'A2' AND serves IS NULL") == 1);
    assets.remove("A2");
    CHECK(ws->db().query_integer("SELECT count(*) FROM scenario WHERE assets IS NULL") == 1);
    CHECK(scenarios.referrers("R1").empty());
  }

  TEST_CASE("removing several records at once strips all of them from the lists naming them") {
    TempDir dir;
    auto ws = Workspace::create(dir.path(), InitOptions{});
    const Method& m = ws->method();
    RecordStore assets(*ws, asset_kind());
    RecordStore scenarios(*ws, scenario_kind());
    for (const char* ref : {"A1", "A2", "A10"}) assets.insert(asset(m, ref, ref, "application"));
    scenarios.insert(scenario(m, "R1", "A1,A2,A10", "V1", "G1"));
    scenarios.insert(scenario(m, "R2", "A1,A2", "V1", "G1"));
    scenarios.insert(scenario(m, "R3", "A10", "V1", "G1"));
    // One unknown ref rejects the whole batch before anything is removed.
    CHECK_THROWS_AS(assets.remove(std::vector<std::string>{"A1", "A9"}), UnknownRef);
    CHECK(assets.exists("A1"));
    assets.remove(std::vector<std::string>{"A1", "A2"});
    CHECK_FALSE(assets.exists("A1"));
    CHECK_FALSE(assets.exists("A2"));
    CHECK(ws->db().query_integer("SELECT count(*) FROM scenario_assets") == 2);  // R1, R3: A10
    CHECK(ws->db().query_integer(
              "SELECT count(*) FROM scenario WHERE ref = 'R2' AND assets IS NULL") == 1);
    CHECK(std::get<std::vector<std::string>>(
              scenarios.get("R1").values[scenario_kind().index("assets")]) ==
          std::vector<std::string>{"A10"});
  }

  TEST_CASE("a list is stored once per item, in the order it is shown, whatever it is given in") {
    TempDir dir;
    auto ws = Workspace::create(dir.path(), InitOptions{});
    const Method& m = ws->method();
    RecordStore assets(*ws, asset_kind());
    RecordStore scenarios(*ws, scenario_kind());
    for (const char* ref : {"A1", "A2", "A10"}) assets.insert(asset(m, ref, ref, "application"));
    Record r1 = scenario(m, "R1", "", "V1", "G1");
    r1.values[scenario_kind().index("assets")] = std::vector<std::string>{"A10", "A2", "A1", "A2"};
    r1.values[scenario_kind().index("criteria")] = std::vector<std::string>{"T", "A", "C"};
    scenarios.insert(r1);
    auto row = ws->db().prepare("SELECT assets, criteria FROM scenario WHERE ref = 'R1'");
    REQUIRE(row.step());
    CHECK(row.text(0) == R"(["A1","A2","A10"])");
    CHECK(row.text(1) == R"(["C","A","T"])");  // the criteria's own order: C, I, A, T
    row.reset();
    // SQL readers see the items through the link views.
    CHECK(ws->db().query_integer("SELECT count(*) FROM scenario_assets WHERE ref = 'R1'") == 3);
    CHECK(ws->db().query_integer("SELECT count(*) FROM scenario_criteria WHERE value = 'A'") == 1);
  }

  TEST_CASE("a list column that is not a JSON array is a content error naming the record") {
    TempDir dir;
    auto ws = Workspace::create(dir.path(), InitOptions{});
    RecordStore assets(*ws, asset_kind());
    assets.insert(asset(ws->method(), "A1", "Portail", "application"));
    ws->db().exec("UPDATE asset SET tags = '[\"web\"' WHERE ref = 'A1'");
    CHECK_THROWS_WITH_AS(assets.get("A1"), doctest::Contains("asset A1: tags is not a JSON array"),
                         ContentError);
    CHECK_THROWS_AS(assets.all(), ContentError);
  }
}

TEST_CASE("store: generated refs follow the highest number, also after explicit refs") {
  TempDir dir;
  auto ws = Workspace::create(dir.path(), InitOptions{});
  const Method& m = ws->method();
  RecordStore assets(*ws, asset_kind());
  CHECK(assets.next_ref() == "A1");
  assets.insert(asset(m, "A1", "x", "other"));
  CHECK(assets.next_ref() == "A2");
  assets.insert(asset(m, "A20", "x", "other"));
  assets.insert(asset(m, "Aside", "x", "other"));
  CHECK(assets.next_ref() == "A21");
  RecordStore fresh(*ws, asset_kind());
  CHECK(fresh.next_ref() == "A21");
}

TEST_SUITE("store: an import's batches") {
  // A store writing in batches of a few records, each written while the
  // next fills: what it reads is what a store writing each record at once
  // would read.
  TEST_CASE("held records are found, counted and written in batches") {
    TempDir dir;
    auto ws = Workspace::create(dir.path(), InitOptions{});
    const Method& m = ws->method();
    AddedRows added(ws->db(), "asset");
    RecordStore assets(*ws, asset_kind());
    assets.set_bulk(&added, 300);
    std::vector<int> numbers;
    for (int i = 1; i <= 60; ++i) numbers.push_back(i * 37 % 61);  // 1..60, out of order
    for (const int n : numbers) {
      const std::string ref = "A" + std::to_string(n);
      CHECK_FALSE(assets.exists(ref));
      assets.insert(asset(m, ref, "Bien " + std::to_string(n), "server"));
      CHECK(assets.exists(ref));  // held, or written
    }
    CHECK(assets.next_ref() == "A61");
    const std::string generated = assets.next_ref();
    assets.insert(asset(m, generated, "Généré", "other"));
    CHECK(assets.next_ref() == "A62");
    Record a7 = assets.get("A7");  // written, or found among the held records
    a7.values[asset_kind().index("owner")] = std::string("DSI");
    assets.update(std::move(a7));
    assets.insert(asset(m, "A100", "Dernier", "server"));
    CHECK(assets.find("A100").has_value());
    assets.flush();
    CHECK(ws->db().query_integer("SELECT count(*) FROM asset") == 62);
    CHECK(std::get<std::string>(assets.get("A7").values[asset_kind().index("owner")]) == "DSI");
    CHECK(std::get<std::string>(assets.get("A61").values[asset_kind().index("name")]) ==
          "Généré");
  }

  TEST_CASE("a table holding records when the batches begin is looked up") {
    TempDir dir;
    auto ws = Workspace::create(dir.path(), InitOptions{});
    const Method& m = ws->method();
    RecordStore(*ws, asset_kind()).insert(asset(m, "A5", "Avant", "server"));
    AddedRows added(ws->db(), "asset");
    RecordStore assets(*ws, asset_kind());
    assets.set_bulk(&added, 200);
    for (int n = 10; n < 40; ++n)
      assets.insert(asset(m, "A" + std::to_string(n), "Bien", "server"));
    CHECK(assets.exists("A5"));
    CHECK(assets.exists("A12"));
    CHECK_FALSE(assets.exists("A6"));
    assets.flush();
    CHECK(ws->db().query_integer("SELECT count(*) FROM asset") == 31);
  }

  TEST_CASE("links to held records are checked once the batches are written") {
    TempDir dir;
    auto ws = Workspace::create(dir.path(), InitOptions{});
    const Method& m = ws->method();
    AddedRows added(ws->db(), "asset");
    RecordStore assets(*ws, asset_kind());
    assets.set_deferred_links(true);
    assets.set_bulk(&added, 200);
    for (int n = 1; n <= 20; ++n)
      assets.insert(asset(m, "A" + std::to_string(n), "Appli", "application",
                          "V" + std::to_string(n % 3)));  // V0 is never written
    assets.insert(asset(m, "V1", "Valeur", "business-process"));
    assets.insert(asset(m, "V2", "Valeur", "business-process"));
    const auto failures = assets.check_deferred_links();
    CHECK(failures.size() == 6);  // A3, A6, ..., A18 serve V0
    CHECK(failures.front().find("asset A3: unknown asset 'V0' in serves") != std::string::npos);
  }

  TEST_CASE("a write that fails is reported, and the store can still go") {
    TempDir dir;
    auto ws = Workspace::create(dir.path(), InitOptions{});
    const Method& m = ws->method();
    RecordStore(*ws, asset_kind()).insert(asset(m, "A1", "Avant", "server"));
    AddedRows added(ws->db(), "asset");
    RecordStore assets(*ws, asset_kind());
    assets.set_bulk(&added, 100);
    // The caller skipped exists(): the write under way fails, and the next
    // use of the store says so.
    CHECK_THROWS_AS(
        [&] {
          assets.insert(asset(m, "A1", "En double", "server"));
          for (int n = 2; n < 10; ++n)
            assets.insert(asset(m, "A" + std::to_string(n), "Bien", "server"));
          assets.flush();
        }(),
        DatabaseError);
  }
}
