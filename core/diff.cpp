#include "diff.hpp"

#include <algorithm>
#include <set>
#include <unordered_map>

#include <fmt/format.h>

#include "store.hpp"
#include "text.hpp"

namespace riskmap {

std::string_view to_string(ChangeKind kind) {
  switch (kind) {
    case ChangeKind::added:
      return "added";
    case ChangeKind::removed:
      return "removed";
    case ChangeKind::changed:
      break;
  }
  return "changed";
}

std::string_view to_string(Move move) {
  switch (move) {
    case Move::up:
      return "up";
    case Move::down:
      return "down";
    case Move::appeared:
      return "rated";
    case Move::disappeared:
      return "unrated";
    case Move::none:
      break;
  }
  return "";
}

namespace {

std::array<std::optional<int>, 3> levels_of(const Record& scenario, const Method& method) {
  std::array<std::optional<int>, 3> levels;
  for (const Stage stage : all_stages)
    levels[static_cast<std::size_t>(stage)] = level_at(scenario, stage, method);
  return levels;
}

Move move_between(const std::optional<int>& from, const std::optional<int>& to) {
  if (from && to) return *to > *from ? Move::up : *to < *from ? Move::down : Move::none;
  if (to) return Move::appeared;
  if (from) return Move::disappeared;
  return Move::none;
}

std::string title_of(const Record& scenario) {
  static const std::size_t title = scenario_kind().index("title");
  return text_of(scenario.values[title]);
}

// The SoA rows of a workspace, by requirement, in natural ref order.
using SoaRows = std::vector<std::pair<std::string, std::array<std::optional<std::string>, 3>>>;
SoaRows soa_rows(Workspace& workspace) {
  SoaRows rows;
  auto select = workspace.db().prepare(
      "SELECT requirement, applicable, justification, maturity FROM soa");
  while (select.step()) {
    std::array<std::optional<std::string>, 3> values;
    for (int column = 1; column <= 3; ++column)
      if (!select.is_null(column)) values[static_cast<std::size_t>(column - 1)] = std::string(select.text(column));
    rows.emplace_back(std::string(select.text(0)), std::move(values));
  }
  std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
    const int c = natural_compare(a.first, b.first);
    return c != 0 ? c < 0 : a.first < b.first;
  });
  return rows;
}

}  // namespace

std::vector<RecordChange> diff_soa(Workspace& from, Workspace& to) {
  static const std::array<const char*, 3> fields{"applicable", "justification", "maturity"};
  const SoaRows before = soa_rows(from), after = soa_rows(to);
  std::vector<RecordChange> changes;
  const auto less = [](const std::string& a, const std::string& b) {
    const int c = natural_compare(a, b);
    return c != 0 ? c < 0 : a < b;
  };
  std::size_t i = 0, j = 0;
  while (i < before.size() || j < after.size()) {
    if (j == after.size() || (i < before.size() && less(before[i].first, after[j].first))) {
      changes.push_back({before[i++].first, ChangeKind::removed, {}});
    } else if (i == before.size() || less(after[j].first, before[i].first)) {
      changes.push_back({after[j++].first, ChangeKind::added, {}});
    } else {
      RecordChange change{after[j].first, ChangeKind::changed, {}};
      for (std::size_t f = 0; f < fields.size(); ++f)
        if (before[i].second[f] != after[j].second[f]) change.fields.emplace_back(fields[f]);
      if (!change.fields.empty()) changes.push_back(std::move(change));
      ++i, ++j;
    }
  }
  return changes;
}

std::vector<RecordChange> diff_records(Workspace& from, Workspace& to, const EntityKind& kind) {
  std::unordered_map<std::string, Record> before;
  RecordStore(from, kind).for_each_by_key([&](Record& record) {
    std::string ref = record.ref;
    before.emplace(std::move(ref), std::move(record));
  });
  std::vector<RecordChange> changes;
  RecordStore(to, kind).for_each([&](Record& after) {
    const auto found = before.find(after.ref);
    if (found == before.end()) {
      changes.push_back({after.ref, ChangeKind::added, {}});
      return;
    }
    RecordChange change{after.ref, ChangeKind::changed, {}};
    for (std::size_t i = 0; i < kind.fields.size(); ++i)
      if (value_text(kind.fields[i], found->second.values[i], from.method()) !=
          value_text(kind.fields[i], after.values[i], to.method()))
        change.fields.push_back(kind.fields[i].name);
    before.erase(found);
    if (!change.fields.empty()) changes.push_back(std::move(change));
  });
  for (auto& [ref, old] : before) changes.push_back({ref, ChangeKind::removed, {}});
  std::sort(changes.begin(), changes.end(), [](const RecordChange& a, const RecordChange& b) {
    return natural_compare(a.ref, b.ref) < 0;
  });
  return changes;
}

MapDiff diff_scenarios(Workspace& from, Workspace& to) {
  const EntityKind& kind = scenario_kind();
  std::unordered_map<std::string, Record> before;
  RecordStore(from, kind).for_each([&](Record& record) {
    std::string ref = record.ref;
    before.emplace(std::move(ref), std::move(record));
  });

  MapDiff diff;
  RecordStore(to, kind).for_each([&](Record& after) {
    const auto found = before.find(after.ref);
    if (found == before.end()) {
      ScenarioChange change{after.ref, ChangeKind::added, title_of(after), {}, {}, {}, {}, {}};
      change.to = levels_of(after, to.method());
      diff.changes.push_back(std::move(change));
      ++diff.added;
      return;
    }
    const Record& old = found->second;
    ScenarioChange change{
        after.ref, ChangeKind::changed, title_of(after), title_of(old), {}, {}, {}, {}};
    // Values are compared as users read them (ids, not positions), each on
    // its own method's scales.
    for (std::size_t i = 0; i < kind.fields.size(); ++i) {
      const Field& field = kind.fields[i];
      if (value_text(field, old.values[i], from.method()) !=
          value_text(field, after.values[i], to.method()))
        change.fields.push_back(field.name);
    }
    change.from = levels_of(old, from.method());
    change.to = levels_of(after, to.method());
    bool moved = false;
    for (std::size_t s = 0; s < 3; ++s) {
      change.moves[s] = move_between(change.from[s], change.to[s]);
      if (change.moves[s] == Move::up) ++diff.up[s];
      if (change.moves[s] == Move::down) ++diff.down[s];
      if (change.moves[s] == Move::appeared) ++diff.rated[s];
      if (change.moves[s] == Move::disappeared) ++diff.unrated[s];
      moved = moved || change.moves[s] != Move::none;
    }
    before.erase(found);
    if (change.fields.empty() && !moved) {
      ++diff.unchanged;
      return;
    }
    diff.changes.push_back(std::move(change));
    ++diff.changed;
  });
  for (auto& [ref, old] : before) {
    ScenarioChange change{ref, ChangeKind::removed, title_of(old), {}, {}, {}, {}, {}};
    change.from = levels_of(old, from.method());
    diff.changes.push_back(std::move(change));
    ++diff.removed;
  }
  std::sort(diff.changes.begin(), diff.changes.end(),
            [](const auto& a, const auto& b) { return NaturalLess{}(a.ref, b.ref); });
  return diff;
}

MapContents map_contents(Workspace& workspace) {
  static const std::size_t owner_at = scenario_kind().index("owner");
  MapContents contents;
  std::set<std::string, std::less<>> owners;
  RecordStore(workspace, scenario_kind()).for_each_by_key([&](Record& scenario) {
    ++contents.scenarios;
    if (rating_at(scenario, Stage::current)) ++contents.rated;
    const std::string owner(trim(text_of(scenario.values[owner_at])));
    if (owner.empty())
      ++contents.unowned;
    else
      owners.insert(owner);
  });
  contents.owners = owners.size();
  const auto count = [&](std::string_view table) {
    return static_cast<std::size_t>(
        workspace.db().query_integer(fmt::format("SELECT count(*) FROM {}", table)).value_or(0));
  };
  contents.assets = count("asset");
  contents.controls = count("control");
  return contents;
}

MapComparison compare_maps(Workspace& before, Workspace& after) {
  MapComparison comparison;
  comparison.before = map_contents(before);
  comparison.after = map_contents(after);
  const MapDiff diff = diff_scenarios(before, after);
  constexpr auto current = static_cast<std::size_t>(Stage::current);
  comparison.kept = diff.changed + diff.unchanged;
  comparison.raised = diff.up[current];
  comparison.lowered = diff.down[current];
  comparison.now_rated = diff.rated[current];
  comparison.no_longer_rated = diff.unrated[current];
  comparison.same_level = comparison.kept - comparison.raised - comparison.lowered -
                          comparison.now_rated - comparison.no_longer_rated;
  comparison.dropped = diff.removed;
  comparison.added = diff.added;
  return comparison;
}

}  // namespace riskmap
