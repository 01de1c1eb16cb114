#include "continuity.hpp"

#include <algorithm>
#include <unordered_map>

#include "asset.hpp"
#include "scenario.hpp"
#include "store.hpp"
#include "text.hpp"
#include "workspace.hpp"

namespace riskmap {

std::string_view to_string(GapKind kind) {
  switch (kind) {
    case GapKind::no_plan:
      return "no-plan";
    case GapKind::no_rto:
      return "no-rto";
    case GapKind::rto_exceeds_mtd:
      return "rto-exceeds-mtd";
    case GapKind::rpo_exceeds_mtdl:
      return "rpo-exceeds-mtdl";
  }
  return "no-plan";
}

namespace {

std::optional<int> position_of(const Value& value) {
  if (const auto* number = std::get_if<std::int64_t>(&value)) return static_cast<int>(*number);
  return std::nullopt;
}

std::vector<std::string> list_of(const Value& value) {
  if (const auto* list = std::get_if<std::vector<std::string>>(&value)) return *list;
  return {};
}

bool holds(const std::vector<std::string>& list, std::string_view item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

ContinuityRow row_of(const Record& asset) {
  static const EntityKind& kind = asset_kind();
  static const std::size_t name = kind.index("name"), role = kind.index("role"),
                           availability = kind.index("availability"),
                           integrity = kind.index("integrity"), mtd = kind.index("mtd"),
                           mtdl = kind.index("mtdl"), rto = kind.index("rto"),
                           rpo = kind.index("rpo"), bcp = kind.index("bcp"),
                           drp = kind.index("drp"), serves = kind.index("serves");
  ContinuityRow row;
  row.ref = asset.ref;
  row.name = text_of(asset.values[name]);
  row.role = text_of(asset.values[role]);
  row.availability = position_of(asset.values[availability]);
  row.integrity = position_of(asset.values[integrity]);
  row.mtd = number_of(asset.values[mtd]);
  row.mtdl = number_of(asset.values[mtdl]);
  row.rto = number_of(asset.values[rto]);
  row.rpo = number_of(asset.values[rpo]);
  row.bcp = text_of(asset.values[bcp]);
  row.drp = text_of(asset.values[drp]);
  row.serves = list_of(asset.values[serves]);
  return row;
}

// An exceeding gap for each business value served whose limit the asset's
// objective passes; a missing objective or limit never exceeds.
void compare(ContinuityRow& row, GapKind kind, std::optional<std::int64_t> have,
             std::optional<std::int64_t> ContinuityRow::*limit,
             const std::unordered_map<std::string, std::size_t>& index,
             const std::vector<ContinuityRow>& rows) {
  if (!have) return;
  for (const auto& ref : row.serves) {
    const auto found = index.find(ref);
    if (found == index.end()) continue;
    const auto& allowed = rows[found->second].*limit;
    if (allowed && *have > *allowed) row.gaps.push_back({kind, ref, *have, *allowed});
  }
}

}  // namespace

std::vector<bool> critical_assets(const std::vector<Record>& assets, const Method& method) {
  static const EntityKind& kind = asset_kind();
  static const std::size_t role = kind.index("role"), availability = kind.index("availability"),
                           integrity = kind.index("integrity"), serves = kind.index("serves");
  const int top = method.impact.size();
  std::unordered_map<std::string_view, std::size_t> index;  // ref -> position in assets
  std::vector<bool> critical(assets.size());
  for (std::size_t i = 0; i < assets.size(); ++i) {
    index.emplace(assets[i].ref, i);
    critical[i] = position_of(assets[i].values[availability]) == top ||
                  position_of(assets[i].values[integrity]) == top;
  }
  // The business values' own criticality comes from their needs alone.
  for (std::size_t i = 0; i < assets.size(); ++i) {
    if (critical[i] || text_of(assets[i].values[role]) != "supporting") continue;
    const auto* served = std::get_if<std::vector<std::string>>(&assets[i].values[serves]);
    if (!served) continue;
    for (const auto& ref : *served)
      if (const auto found = index.find(ref);
          found != index.end() && critical[found->second] &&
          text_of(assets[found->second].values[role]) == "primary") {
        critical[i] = true;
        break;
      }
  }
  return critical;
}

std::vector<ContinuityRow> continuity_rows(const std::vector<Record>& assets,
                                           const Method& method) {
  const std::vector<bool> critical = critical_assets(assets, method);
  std::vector<ContinuityRow> rows;
  rows.reserve(assets.size());
  std::unordered_map<std::string, std::size_t> index;  // ref -> position in rows
  for (std::size_t i = 0; i < assets.size(); ++i) {
    ContinuityRow row = row_of(assets[i]);
    row.critical = critical[i];
    index.emplace(row.ref, rows.size());
    rows.push_back(std::move(row));
  }
  for (auto& row : rows) {
    const bool supporting = row.role == "supporting";
    if (row.critical && row.bcp.empty() && row.drp.empty())
      row.gaps.push_back({GapKind::no_plan, {}, 0, 0});
    if (row.critical && (supporting ? !row.rto : !row.mtd))
      row.gaps.push_back({GapKind::no_rto, {}, 0, 0});
    if (!supporting) continue;
    compare(row, GapKind::rto_exceeds_mtd, row.rto, &ContinuityRow::mtd, index, rows);
    compare(row, GapKind::rpo_exceeds_mtdl, row.rpo, &ContinuityRow::mtdl, index, rows);
  }
  return rows;
}

std::vector<ContinuityRow> analyse_continuity(Workspace& workspace) {
  return analyse_continuity(
      workspace.method(), RecordStore(workspace, asset_kind()).all(), [&](const auto& visit) {
        RecordStore(workspace, scenario_kind()).for_each_by_key([&](Record& s) { visit(s); });
      });
}

std::vector<ContinuityRow> analyse_continuity(
    const Method& method, const std::vector<Record>& assets,
    const EachRecord& each_scenario) {
  std::vector<ContinuityRow> rows = continuity_rows(assets, method);
  std::unordered_map<std::string, std::size_t> index;  // ref -> position in rows
  for (std::size_t i = 0; i < rows.size(); ++i) index.emplace(rows[i].ref, i);

  static const std::size_t scenario_assets = scenario_kind().index("assets"),
                           scenario_criteria = scenario_kind().index("criteria");
  each_scenario([&](const Record& scenario) {  // each row's list is sorted below
    const auto* criteria =
        std::get_if<std::vector<std::string>>(&scenario.values[scenario_criteria]);
    if (!criteria || (!holds(*criteria, "A") && !holds(*criteria, "I"))) return;
    const auto* on = std::get_if<std::vector<std::string>>(&scenario.values[scenario_assets]);
    if (!on) return;
    const auto level = level_at(scenario, Stage::current, method);
    for (const auto& ref : *on) {
      const auto found = index.find(ref);
      if (found == index.end()) continue;
      ContinuityRow& row = rows[found->second];
      // An asset named twice by one scenario: the second comes right after the first.
      if (!row.scenarios.empty() && row.scenarios.back() == scenario.ref) continue;
      row.scenarios.push_back(scenario.ref);
      if (level && (!row.worst_level || *level > *row.worst_level)) row.worst_level = level;
    }
  });

  for (auto& row : rows) std::sort(row.scenarios.begin(), row.scenarios.end(), NaturalLess{});
  return rows;
}

}  // namespace riskmap
