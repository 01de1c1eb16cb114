// The EBIOS RM study through the store: derived values are read, never
// stored, and a hand-set value wins until it is cleared.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include "asset.hpp"
#include "ebios.hpp"
#include "helpers.hpp"
#include "scenario.hpp"
#include "stakeholder.hpp"
#include "store.hpp"
#include "study.hpp"
#include "workspace.hpp"

using namespace riskmap;
using riskmap::testing::TempDir;

namespace {

// A record of `kind` from "field=value" pairs, read as the command line reads them.
Record make(const EntityKind& kind, const Method& method, const std::string& ref,
            std::initializer_list<std::pair<const char*, const char*>> values) {
  Record record = kind.empty_record(ref);
  for (const auto& [field, text] : values)
    record.values[kind.index(field)] = parse_value(kind.fields[kind.index(field)], text, method);
  return record;
}

std::int64_t number(const Record& record, const EntityKind& kind, const char* field) {
  return std::get<std::int64_t>(record.values[kind.index(field)]);
}

// What the row holds, whatever reading derives.
bool stored_null(Workspace& ws, const char* table, const char* column, const char* ref) {
  auto row = ws.db().prepare(fmt::format("SELECT \"{}\" IS NULL FROM {} WHERE ref = ?", column,
                                         table));
  row.bind(1, ref);
  REQUIRE(row.step());
  return row.integer(0) != 0;
}

struct Study {
  TempDir dir;
  std::unique_ptr<Workspace> ws = Workspace::create(dir.path(), InitOptions{});
  const Method& m = ws->method();

  void add(const EntityKind& kind, const std::string& ref,
           std::initializer_list<std::pair<const char*, const char*>> values) {
    RecordStore(*ws, kind).insert(make(kind, m, ref, values));
  }
  Record get(const EntityKind& kind, const std::string& ref) {
    return RecordStore(*ws, kind).get(ref);
  }
};

}  // namespace

TEST_SUITE("study") {
  TEST_CASE("a stakeholder's residual criteria follow the initial ones until set") {
    Study s;
    const EntityKind& k = stakeholder_kind();
    s.add(k, "P3", {{"name", "Infogérant"}, {"dependency", "3"}, {"penetration", "3"},
                    {"maturity", "2"}, {"trust", "2"}});
    CHECK(stored_null(*s.ws, "stakeholder", "residual_dependency", "P3"));
    // The initial rating changes: the residual one, never set, follows.
    Record p3 = s.get(k, "P3");
    p3.values[k.index("dependency")] = std::int64_t{4};
    p3.set_by_hand(k.index("dependency"));
    RecordStore(*s.ws, k).update(p3);
    p3 = s.get(k, "P3");
    CHECK(number(p3, k, "residual_dependency") == 4);
    CHECK(p3.is_derived(k.index("residual_dependency")));
    CHECK(stored_null(*s.ws, "stakeholder", "residual_dependency", "P3"));
    // Set by hand, it is stored and no longer follows.
    p3.values[k.index("residual_trust")] = std::int64_t{4};
    p3.set_by_hand(k.index("residual_trust"));
    RecordStore(*s.ws, k).update(p3);
    p3 = s.get(k, "P3");
    CHECK_FALSE(p3.is_derived(k.index("residual_trust")));
    CHECK(number(p3, k, "residual_trust") == 4);
    CHECK(*threat_level(p3, Rated::initial) == doctest::Approx(3.0));   // 4×3 / (2×2)
    CHECK(*threat_level(p3, Rated::residual) == doctest::Approx(1.5));  // 4×3 / (2×4)
    // Threat 3 is in the danger zone: critical, derived.
    CHECK(text_of(p3.values[k.index("critical")]) == "yes");
    CHECK(p3.is_derived(k.index("critical")));
    // A raw read (export) sees only what was set.
    Record raw = RecordStore(*s.ws, k, false).get("P3");
    CHECK(is_unset(raw.values[k.index("residual_dependency")]));
    CHECK(is_unset(raw.values[k.index("critical")]));
  }

  TEST_CASE("pertinence comes from motivation and resources through the grid") {
    Study s;
    const EntityKind& k = origin_kind();
    s.add(k, "SO1", {{"source", "Cybercriminels"}, {"motivation", "3"}, {"resources", "4"}});
    s.add(k, "SO2", {{"source", "Hacktiviste"}, {"motivation", "1"}, {"resources", "2"}});
    s.add(k, "SO3", {{"source", "Concurrent"}, {"motivation", "1"}, {"resources", "1"},
                     {"pertinence", "3"}, {"justification", "Déjà observé"}});
    CHECK(number(s.get(k, "SO1"), k, "pertinence") == 4);  // row 3: 2 3 3 4
    CHECK(number(s.get(k, "SO2"), k, "pertinence") == 1);  // row 1: 1 1 2 2
    const Record so3 = s.get(k, "SO3");
    CHECK(number(so3, k, "pertinence") == 3);
    CHECK_FALSE(so3.is_derived(k.index("pertinence")));
    CHECK(stored_null(*s.ws, "origin", "pertinence", "SO1"));
  }

  TEST_CASE("a strategic scenario's gravity is the highest of its feared events") {
    Study s;
    s.add(asset_kind(), "A1", {{"name", "Prestations"}, {"role", "primary"}});
    s.add(feared_event_kind(), "ER1",
          {{"business_value", "A1"}, {"criteria", "C"}, {"gravity", "G2"}});
    s.add(feared_event_kind(), "ER2",
          {{"business_value", "A1"}, {"criteria", "A,I"}, {"gravity", "G4"}});
    s.add(feared_event_kind(), "ER3",
          {{"business_value", "A1"}, {"criteria", "C"}, {"gravity", "G3"}, {"retained", "no"}});
    s.add(origin_kind(), "SO1", {{"source", "Cybercriminels"}});
    s.add(strategic_kind(), "SS1", {{"origin", "SO1"}, {"feared_events", "ER1,ER2"}});
    s.add(strategic_kind(), "SS2", {{"origin", "SO1"}, {"feared_events", "ER1"}});
    const EntityKind& k = strategic_kind();
    CHECK(number(s.get(k, "SS1"), k, "gravity") == 4);
    CHECK(number(s.get(k, "SS2"), k, "gravity") == 2);
    CHECK(s.get(k, "SS1").is_derived(k.index("gravity")));
    // Security needs: the highest retained gravity per criterion; ER3 is not retained.
    const EntityKind& a = asset_kind();
    const Record a1 = s.get(a, "A1");
    CHECK(number(a1, a, "confidentiality") == 2);
    CHECK(number(a1, a, "integrity") == 4);
    CHECK(number(a1, a, "availability") == 4);
    CHECK(is_unset(a1.values[a.index("traceability")]));
    CHECK(a1.is_derived(a.index("confidentiality")));
  }

  TEST_CASE("a strategic scenario needs a retained couple") {
    Study s;
    s.add(origin_kind(), "SO1", {{"source", "Amateur"}, {"retained", "no"}});
    CHECK_THROWS_WITH_AS(s.add(strategic_kind(), "SS1", {{"origin", "SO1"}}),
                         doctest::Contains("is not a retained couple"), UnknownRef);
  }

  TEST_CASE("a scenario naming an operational scenario takes its gravity and likelihood") {
    Study s;
    s.add(asset_kind(), "A1", {{"name", "Prestations"}, {"role", "primary"}});
    s.add(feared_event_kind(), "ER1",
          {{"business_value", "A1"}, {"criteria", "A"}, {"gravity", "G4"}});
    s.add(origin_kind(), "SO1", {{"source", "Cybercriminels"}});
    s.add(strategic_kind(), "SS1", {{"origin", "SO1"}, {"feared_events", "ER1"}});
    s.add(path_kind(), "CA1", {{"strategic", "SS1"}});
    s.add(operational_kind(), "OS1", {{"path", "CA1"}, {"likelihood", "V2"}});
    s.add(scenario_kind(), "R1", {{"title", "Rançongiciel"}, {"operational", "OS1"}});
    s.add(scenario_kind(), "R2", {{"title", "Autre"}, {"operational", "OS1"},
                                  {"current_likelihood", "V4"}});
    const EntityKind& k = scenario_kind();
    const Record r1 = s.get(k, "R1");
    CHECK(number(r1, k, "current_impact") == 4);
    CHECK(number(r1, k, "current_likelihood") == 2);
    CHECK(r1.is_derived(k.index("current_impact")));
    CHECK(level_at(r1, Stage::current, s.m) == 2);  // V2 × G4: medium
    const Record r2 = s.get(k, "R2");
    CHECK(number(r2, k, "current_likelihood") == 4);  // typed by hand: kept
    CHECK_FALSE(r2.is_derived(k.index("current_likelihood")));
    CHECK(stored_null(*s.ws, "scenario", "current_impact", "R2"));
  }

  TEST_CASE("a step follows steps of its own operational scenario, without a cycle") {
    Study s;
    s.add(asset_kind(), "A1", {{"name", "Prestations"}, {"role", "primary"}});
    s.add(origin_kind(), "SO1", {{"source", "Cybercriminels"}});
    s.add(strategic_kind(), "SS1", {{"origin", "SO1"}});
    s.add(path_kind(), "CA1", {{"strategic", "SS1"}});
    s.add(operational_kind(), "OS1", {{"path", "CA1"}});
    s.add(operational_kind(), "OS2", {{"path", "CA1"}});
    const EntityKind& k = step_kind();
    s.add(k, "AE1", {{"operational", "OS1"}, {"phase", "know"}, {"probability", "3"}});
    s.add(k, "AE2", {{"operational", "OS1"}, {"phase", "enter"}, {"probability", "2"},
                     {"after", "AE1"}});
    s.add(k, "AE9", {{"operational", "OS2"}, {"phase", "know"}, {"probability", "2"}});
    CHECK_THROWS_WITH_AS(s.add(k, "AE3", {{"operational", "OS1"}, {"phase", "find"},
                                          {"probability", "2"}, {"after", "AE9"}}),
                         doctest::Contains("step AE3: it follows AE9, which is a step of OS2"),
                         ValueError);
    Record ae1 = s.get(k, "AE1");
    ae1.values[k.index("after")] = std::vector<std::string>{"AE2"};
    CHECK_THROWS_WITH_AS(RecordStore(*s.ws, k).update(ae1), doctest::Contains("AE1"),
                         ValueError);
    CHECK_THROWS_WITH_AS(s.add(k, "AE4", {{"operational", "OS1"}, {"phase", "find"},
                                          {"probability", "2"}, {"after", "AE4"}}),
                         doctest::Contains("AE4"), ValueError);
  }
}
