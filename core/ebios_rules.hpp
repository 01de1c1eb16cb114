#pragma once
// Provisional: replaced by the rules module.
#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>
namespace riskmap::ebios {
using PertinenceGrid = std::array<std::array<int, 4>, 4>;
const PertinenceGrid& default_pertinence_grid();
int pertinence(const PertinenceGrid& grid, int motivation, int resources);
using LikelihoodGrid = std::array<std::array<int, 5>, 4>;
const LikelihoodGrid& default_likelihood_grid();
enum class Join { any, all };
struct ElementaryAction {
  std::string ref;
  std::vector<std::string> after;
  Join join = Join::any;
  int probability = 1;
  std::optional<int> difficulty;
};
struct StepLikelihood {
  int probability = 0;
  std::optional<int> difficulty;
  bool final = false;
};
struct OperationalLikelihood {
  int likelihood = 0;
  bool advanced = false;
  std::map<std::string, StepLikelihood> steps;
};
OperationalLikelihood operational_likelihood(const std::vector<ElementaryAction>& steps,
                                             const LikelihoodGrid& grid = default_likelihood_grid());
int on_scale(int position, int size);
}
