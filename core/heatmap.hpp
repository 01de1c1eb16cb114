#pragma once
// The heat map of a stage: which scenarios sit in each (likelihood, impact) cell.
#include <string>
#include <vector>

#include "scenario.hpp"
#include "workspace.hpp"

namespace riskmap {

struct HeatMap {
  Stage stage;
  int rows = 0;                                 // likelihood steps
  int columns = 0;                              // impact steps
  std::vector<std::vector<std::string>> cells;  // refs, natural order; (l-1) * columns + (i-1)
  std::vector<std::string> unrated;             // scenarios not rated at this stage

  const std::vector<std::string>& at(int likelihood, int impact) const {
    return cells[static_cast<std::size_t>((likelihood - 1) * columns + (impact - 1))];
  }
};

HeatMap heat_map(Workspace& workspace, Stage stage);
// The same from scenarios already read: an empty map, then each scenario
// placed on it, in natural ref order so that every cell comes out sorted.
HeatMap empty_heat_map(const Method& method, Stage stage);
void place_on(HeatMap& map, const Record& scenario);

}  // namespace riskmap
