#include "diff.hpp"

#include <set>

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

const std::string& title_of(const Record& scenario) {
  static const std::size_t title = scenario_kind().index("title");
  return text_of(scenario.values[title]);
}

// Walks two sequences sorted by natural_compare of their refs side by side,
// calling `only_before`, `only_after` or `both` for each ref. `next_*(row)`
// reads a side's next row into `row` (false at its end); `ref(row)` names
// it. natural_compare orders every pair of different refs (R01 before R1),
// the order SQLite's natural_order collation sorts by, so equal refs, and
// only they, meet.
template <typename Row, typename NextBefore, typename NextAfter, typename Ref, typename OnlyBefore,
          typename OnlyAfter, typename Both>
void merge_join(NextBefore&& next_before, NextAfter&& next_after, Ref&& ref,
                OnlyBefore&& only_before, OnlyAfter&& only_after, Both&& both) {
  Row before, after;
  bool has_before = next_before(before), has_after = next_after(after);
  while (has_before || has_after) {
    const int order = !has_before ? 1 : !has_after ? -1 : natural_compare(ref(before), ref(after));
    if (order < 0) {
      only_before(before);
      has_before = next_before(before);
    } else if (order > 0) {
      only_after(after);
      has_after = next_after(after);
    } else {
      both(before, after);
      has_before = next_before(before);
      has_after = next_after(after);
    }
  }
}

// Joins the records of `kind` of two workspaces, each read through a cursor.
template <typename OnlyBefore, typename OnlyAfter, typename Both>
void join_records(Workspace& from, Workspace& to, const EntityKind& kind, OnlyBefore&& only_before,
                  OnlyAfter&& only_after, Both&& both) {
  RecordStore before_store(from, kind), after_store(to, kind);
  auto before = before_store.cursor();
  auto after = after_store.cursor();
  merge_join<Record>(
      [&](Record& r) { return before.next(r); }, [&](Record& r) { return after.next(r); },
      [](const Record& r) -> const std::string& { return r.ref; }, only_before, only_after, both);
}

// The fields of `kind` whose values differ, as users read them (ids, not
// positions), each on its own method's scales.
void changed_fields(const EntityKind& kind, const Record& old, const Method& old_method,
                    const Record& now, const Method& new_method, std::vector<std::string>& out) {
  out.clear();
  for (std::size_t i = 0; i < kind.fields.size(); ++i) {
    const Field& field = kind.fields[i];
    if (value_text(field, old.values[i], old_method) !=
        value_text(field, now.values[i], new_method))
      out.push_back(field.name);
  }
}

// A requirement's decision in the SoA.
struct SoaRow {
  std::string requirement;
  std::array<std::optional<std::string>, 3> values;  // applicable, justification, maturity
};

// The SoA rows of a workspace in natural requirement order, one at a time.
class SoaRows {
 public:
  explicit SoaRows(Workspace& workspace)
      : select_(workspace.db().prepare(
            "SELECT requirement, applicable, justification, maturity FROM soa "
            "ORDER BY requirement COLLATE natural_order")) {}
  bool next(SoaRow& row) {
    if (!select_.step()) return false;
    row.requirement.assign(select_.text(0));
    for (int column = 1; column <= 3; ++column) {
      auto& value = row.values[static_cast<std::size_t>(column - 1)];
      if (select_.is_null(column))
        value.reset();
      else
        value = std::string(select_.text(column));
    }
    return true;
  }

 private:
  Statement select_;
};

}  // namespace

RecordCounts diff_soa(Workspace& from, Workspace& to, const RecordVisitor& visit) {
  static const std::array<const char*, 3> fields{"applicable", "justification", "maturity"};
  SoaRows before(from), after(to);
  RecordCounts counts;
  RecordChange change;
  merge_join<SoaRow>([&](SoaRow& row) { return before.next(row); },
                     [&](SoaRow& row) { return after.next(row); },
                     [](const SoaRow& row) -> const std::string& { return row.requirement; },
                     [&](const SoaRow& old) {
                       ++counts.removed;
                       visit({old.requirement, ChangeKind::removed, {}});
                     },
                     [&](const SoaRow& now) {
                       ++counts.added;
                       visit({now.requirement, ChangeKind::added, {}});
                     },
                     [&](const SoaRow& old, const SoaRow& now) {
                       change.fields.clear();
                       for (std::size_t f = 0; f < fields.size(); ++f)
                         if (old.values[f] != now.values[f]) change.fields.emplace_back(fields[f]);
                       if (change.fields.empty()) return;
                       ++counts.changed;
                       change.ref = now.requirement;
                       change.kind = ChangeKind::changed;
                       visit(change);
                     });
  return counts;
}

RecordCounts diff_records(Workspace& from, Workspace& to, const EntityKind& kind,
                          const RecordVisitor& visit) {
  RecordCounts counts;
  RecordChange change;
  join_records(
      from, to, kind,
      [&](const Record& old) {
        ++counts.removed;
        visit({old.ref, ChangeKind::removed, {}});
      },
      [&](const Record& now) {
        ++counts.added;
        visit({now.ref, ChangeKind::added, {}});
      },
      [&](const Record& old, const Record& now) {
        changed_fields(kind, old, from.method(), now, to.method(), change.fields);
        if (change.fields.empty()) return;
        ++counts.changed;
        change.ref = now.ref;
        change.kind = ChangeKind::changed;
        visit(change);
      });
  return counts;
}

ScenarioCounts diff_scenarios(Workspace& from, Workspace& to,
                              const std::function<void(const ScenarioChange&)>& visit) {
  const EntityKind& kind = scenario_kind();
  ScenarioCounts counts;
  // One change, reused from scenario to scenario: a kept scenario that did
  // not change costs no allocation.
  ScenarioChange change;
  const auto start = [&](ChangeKind change_kind, const Record& record) {
    change.ref = record.ref;
    change.kind = change_kind;
    change.title = title_of(record);
    change.former_title.clear();
    change.fields.clear();
    change.from = {};
    change.to = {};
    change.moves = {};
  };
  join_records(
      from, to, kind,
      [&](const Record& old) {
        start(ChangeKind::removed, old);
        change.from = levels_of(old, from.method());
        ++counts.removed;
        visit(change);
      },
      [&](const Record& now) {
        start(ChangeKind::added, now);
        change.to = levels_of(now, to.method());
        ++counts.added;
        visit(change);
      },
      [&](const Record& old, const Record& now) {
        changed_fields(kind, old, from.method(), now, to.method(), change.fields);
        change.from = levels_of(old, from.method());
        change.to = levels_of(now, to.method());
        bool moved = false;
        for (std::size_t s = 0; s < 3; ++s) {
          change.moves[s] = move_between(change.from[s], change.to[s]);
          if (change.moves[s] == Move::up) ++counts.up[s];
          if (change.moves[s] == Move::down) ++counts.down[s];
          if (change.moves[s] == Move::appeared) ++counts.rated[s];
          if (change.moves[s] == Move::disappeared) ++counts.unrated[s];
          moved = moved || change.moves[s] != Move::none;
        }
        if (change.fields.empty() && !moved) {
          ++counts.unchanged;
          return;
        }
        ++counts.changed;
        change.ref = now.ref;
        change.kind = ChangeKind::changed;
        change.title = title_of(now);
        change.former_title = title_of(old);
        visit(change);
      });
  return counts;
}

MapDiff diff_scenarios(Workspace& from, Workspace& to) {
  MapDiff diff;
  static_cast<ScenarioCounts&>(diff) = diff_scenarios(
      from, to, [&](const ScenarioChange& change) { diff.changes.push_back(change); });
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
  const ScenarioCounts diff = diff_scenarios(before, after, [](const ScenarioChange&) {});
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
