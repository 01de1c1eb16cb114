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
// The same from scenarios already read, in any order; natural_rank[i] is
// the place of scenarios[i] in natural ref order.
HeatMap heat_map(const Method& method, const std::vector<Record>& scenarios,
                 const std::vector<std::size_t>& natural_rank, Stage stage);

}  // namespace riskmap
