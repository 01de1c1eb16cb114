#include "heatmap.hpp"

#include "store.hpp"

namespace riskmap {

HeatMap heat_map(Workspace& workspace, Stage stage) {
  const Method& method = workspace.method();
  HeatMap map{stage, method.likelihood.size(), method.impact.size(), {}, {}};
  map.cells.resize(static_cast<std::size_t>(map.rows * map.columns));
  RecordStore store(workspace.db(), scenario_kind());
  store.for_each([&](Record& scenario) {
    if (const auto rating = rating_at(scenario, stage))
      map.cells[static_cast<std::size_t>((rating->likelihood - 1) * map.columns + rating->impact -
                                         1)]
          .push_back(scenario.ref);
    else
      map.unrated.push_back(scenario.ref);
  });
  return map;
}

}  // namespace riskmap
