#include "heatmap.hpp"

#include <algorithm>

#include "store.hpp"
#include "text.hpp"

namespace riskmap {

namespace {

HeatMap empty_map(const Method& method, Stage stage) {
  HeatMap map{stage, method.likelihood.size(), method.impact.size(), {}, {}};
  map.cells.resize(static_cast<std::size_t>(map.rows * map.columns));
  return map;
}

void place(HeatMap& map, const Record& scenario) {
  if (const auto rating = rating_at(scenario, map.stage))
    map.cells[static_cast<std::size_t>((rating->likelihood - 1) * map.columns + rating->impact - 1)]
        .push_back(scenario.ref);
  else
    map.unrated.push_back(scenario.ref);
}

}  // namespace

HeatMap heat_map(Workspace& workspace, Stage stage) {
  HeatMap map = empty_map(workspace.method(), stage);
  RecordStore store(workspace.db(), scenario_kind());
  store.for_each([&](Record& scenario) { place(map, scenario); });
  return map;
}

HeatMap heat_map(const Method& method, const std::vector<Record>& scenarios, Stage stage) {
  HeatMap map = empty_map(method, stage);
  for (const Record& scenario : scenarios) place(map, scenario);
  for (auto& refs : map.cells) std::sort(refs.begin(), refs.end(), NaturalLess{});
  std::sort(map.unrated.begin(), map.unrated.end(), NaturalLess{});
  return map;
}

}  // namespace riskmap
