#pragma once
// The derivations of an EBIOS RM study (SPEC §3): pertinence of a risk
// origin / target objective couple, and the likelihood of an operational
// scenario from its elementary actions. Pure functions; errors are ValueError.
#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace riskmap::ebios {

// Rows: motivation 1..4; columns: resources 1..4; cells: pertinence 1..4.
using PertinenceGrid = std::array<std::array<int, 4>, 4>;

// 1 1 2 2 · 1 2 3 3 · 2 3 3 4 · 2 3 4 4
const PertinenceGrid& default_pertinence_grid();

// The cell of `grid` for a couple's motivation and resources. ValueError for
// a motivation or resources outside 1..4, or a cell outside 1..4.
int pertinence(const PertinenceGrid& grid, int motivation, int resources);

// Advanced method: rows cumulative success probability 1..4, columns cumulative
// difficulty 0..4; cells: likelihood 1..4.
using LikelihoodGrid = std::array<std::array<int, 5>, 4>;

// Row p: p p p max(p-1,1) max(p-2,1): difficulty 3 lowers the likelihood one
// step, difficulty 4 two steps.
const LikelihoodGrid& default_likelihood_grid();

enum class Join { any, all };  // OR, AND between a step's antecedents

struct ElementaryAction {          // one step of an operational scenario
  std::string ref;                 // "AE1"
  std::vector<std::string> after;  // antecedent steps (refs), empty = a first step
  Join join = Join::any;
  int probability = 1;            // success probability 1..4
  std::optional<int> difficulty;  // 0..4, advanced method only
};

struct StepLikelihood {
  int probability = 0;            // cumulative success probability
  std::optional<int> difficulty;  // cumulative difficulty (advanced)
  bool final = false;             // no other step follows it
};

struct OperationalLikelihood {
  int likelihood = 0;     // 1..4
  bool advanced = false;  // true when at least one step has a difficulty (a missing one counts 0)
  std::map<std::string, StepLikelihood> steps;  // by ref
};

// Standard: a step's cumulative probability is min(its own, the max (OR) or
// min (AND) of its antecedents' cumulative ones); a first step keeps its own.
// The scenario's likelihood is the max over its final steps.
// Advanced: also the cumulative difficulty = max(its own, the min (OR) or max
// (AND) of its antecedents' cumulative ones); each final step gives
// grid[probability-1][difficulty]; the scenario takes the max over final steps.
// Throws ValueError, naming the step, for: no steps at all ("has no elementary
// action"), an empty ref, an antecedent that is not one of the steps ("step AE3
// follows AE9, which is not a step of this operational scenario"), a step
// following itself, a cycle ("steps AE2 → AE3 → AE2 form a cycle"), a
// duplicate ref, a probability outside 1..4, a difficulty outside 0..4; and,
// in the advanced method, for a grid cell outside 1..4.
// Deterministic whatever the order of `steps`: checks run in ref order. Time
// O(n log n + antecedents), iterative (a chain of any length is fine).
OperationalLikelihood operational_likelihood(
    const std::vector<ElementaryAction>& steps,
    const LikelihoodGrid& grid = default_likelihood_grid());

// A position 1..4 of the method guide's scales placed on a scale of `size`
// steps: ceil(position × size / 4), at least 1 (identity when size is 4).
// ValueError for a position outside 1..4 or a size below 1.
int on_scale(int position, int size);

}  // namespace riskmap::ebios
