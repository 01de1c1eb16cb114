#include "heatmap.hpp"

#include <algorithm>

#include "store.hpp"

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
  RecordStore store(workspace, scenario_kind());
  store.for_each([&](Record& scenario) { place(map, scenario); });
  return map;
}

HeatMap empty_heat_map(const Method& method, Stage stage) {
  return empty_map(method, stage);
}

void place_on(HeatMap& map, const Record& scenario) {
  place(map, scenario);
}

}  // namespace riskmap
