#include "ebios_rules.hpp"

#include <algorithm>
#include <cstddef>
#include <string_view>

#include <fmt/format.h>

#include "error.hpp"

namespace riskmap::ebios {

namespace {

void check_range(std::string_view what, int value, int low, int high) {
  if (value < low || value > high)
    throw ValueError(
        fmt::format("{} {} is not allowed: a whole number from {} to {}", what, value, low, high));
}

std::size_t at(int position) {
  return static_cast<std::size_t>(position);
}

}  // namespace

const PertinenceGrid& default_pertinence_grid() {
  static const PertinenceGrid grid{{{1, 1, 2, 2}, {1, 2, 3, 3}, {2, 3, 3, 4}, {2, 3, 4, 4}}};
  return grid;
}

int pertinence(const PertinenceGrid& grid, int motivation, int resources) {
  check_range("motivation", motivation, 1, 4);
  check_range("resources", resources, 1, 4);
  const int cell = grid[at(motivation - 1)][at(resources - 1)];
  if (cell < 1 || cell > 4)
    throw ValueError(fmt::format(
        "the pertinence grid holds {} for motivation {} and resources {}: a pertinence goes "
        "from 1 to 4",
        cell, motivation, resources));
  return cell;
}

const LikelihoodGrid& default_likelihood_grid() {
  static const LikelihoodGrid grid = [] {
    LikelihoodGrid built{};
    for (int p = 1; p <= 4; ++p) {
      auto& row = built[at(p - 1)];
      row = {p, p, p, std::max(p - 1, 1), std::max(p - 2, 1)};
    }
    return built;
  }();
  return grid;
}

OperationalLikelihood operational_likelihood(const std::vector<ElementaryAction>& steps,
                                             const LikelihoodGrid& grid) {
  if (steps.empty()) throw ValueError("the operational scenario has no elementary action");

  // The steps in ref order: node i is steps[order[i]]. Every check and every
  // choice below runs in this order, so the input's order never shows.
  const std::size_t count = steps.size();
  std::vector<std::size_t> order(count);
  for (std::size_t i = 0; i < count; ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return steps[a].ref < steps[b].ref; });
  auto step = [&](std::size_t node) -> const ElementaryAction& { return steps[order[node]]; };

  if (step(0).ref.empty())
    throw ValueError("an elementary action of the operational scenario has no ref");
  for (std::size_t node = 1; node < count; ++node)
    if (step(node).ref == step(node - 1).ref)
      throw ValueError(fmt::format("step {} appears more than once in this operational scenario",
                                   step(node).ref));

  auto node_of = [&](const std::string& ref) -> std::optional<std::size_t> {
    std::size_t low = 0;
    std::size_t high = count;
    while (low < high) {
      const std::size_t middle = low + (high - low) / 2;
      if (step(middle).ref < ref)
        low = middle + 1;
      else
        high = middle;
    }
    if (low < count && step(low).ref == ref) return low;
    return std::nullopt;
  };

  // Antecedents (sorted, once each) and followers of each node.
  std::vector<std::vector<std::size_t>> antecedents(count);
  std::vector<std::vector<std::size_t>> followers(count);
  bool advanced = false;
  for (std::size_t node = 0; node < count; ++node) {
    const ElementaryAction& action = step(node);
    if (action.probability < 1 || action.probability > 4)
      throw ValueError(
          fmt::format("step {}: success probability {} is not allowed: a whole number from 1 to 4",
                      action.ref, action.probability));
    if (action.difficulty) {
      advanced = true;
      if (*action.difficulty < 0 || *action.difficulty > 4)
        throw ValueError(
            fmt::format("step {}: difficulty {} is not allowed: a whole number from 0 to 4",
                        action.ref, *action.difficulty));
    }
    auto& before = antecedents[node];
    for (const std::string& ref : action.after) {
      if (ref == action.ref) throw ValueError(fmt::format("step {} follows itself", action.ref));
      const auto antecedent = node_of(ref);
      if (!antecedent)
        throw ValueError(
            fmt::format("step {} follows {}, which is not a step of this operational scenario",
                        action.ref, ref));
      before.push_back(*antecedent);
    }
    std::sort(before.begin(), before.end());
    before.erase(std::unique(before.begin(), before.end()), before.end());
    for (const std::size_t antecedent : before) followers[antecedent].push_back(node);
  }

  if (advanced) {
    for (int p = 1; p <= 4; ++p)
      for (int d = 0; d <= 4; ++d) {
        const int cell = grid[at(p - 1)][at(d)];
        if (cell < 1 || cell > 4)
          throw ValueError(fmt::format(
              "the likelihood grid holds {} for probability {} and difficulty {}: a likelihood "
              "goes from 1 to 4",
              cell, p, d));
      }
  }

  // Topological order (Kahn): a node is computed once all its antecedents are.
  std::vector<std::size_t> waiting(count);
  std::vector<std::size_t> ready;
  for (std::size_t node = 0; node < count; ++node) {
    waiting[node] = antecedents[node].size();
    if (waiting[node] == 0) ready.push_back(node);
  }
  std::vector<int> probability(count, 0);
  std::vector<int> difficulty(count, 0);
  std::vector<bool> done(count, false);
  std::size_t computed = 0;
  while (!ready.empty()) {
    const std::size_t node = ready.back();
    ready.pop_back();
    const ElementaryAction& action = step(node);
    const int own_difficulty = action.difficulty.value_or(0);
    const auto& before = antecedents[node];
    if (before.empty()) {
      probability[node] = action.probability;
      difficulty[node] = own_difficulty;
    } else {
      const bool all = action.join == Join::all;
      int joined_probability = probability[before.front()];
      int joined_difficulty = difficulty[before.front()];
      for (const std::size_t antecedent : before) {
        joined_probability = all ? std::min(joined_probability, probability[antecedent])
                                 : std::max(joined_probability, probability[antecedent]);
        joined_difficulty = all ? std::max(joined_difficulty, difficulty[antecedent])
                                : std::min(joined_difficulty, difficulty[antecedent]);
      }
      probability[node] = std::min(action.probability, joined_probability);
      difficulty[node] = std::max(own_difficulty, joined_difficulty);
    }
    done[node] = true;
    ++computed;
    for (const std::size_t follower : followers[node])
      if (--waiting[follower] == 0) ready.push_back(follower);
  }

  if (computed < count) {
    // Every node left waits on another node left: walking back from the first
    // one, always to its first antecedent left, must come round to a node met
    // already; the nodes from there on form a cycle.
    std::size_t node = 0;
    while (done[node]) ++node;
    std::vector<std::size_t> path;
    std::vector<std::size_t> place(count, count);
    while (place[node] == count) {
      place[node] = path.size();
      path.push_back(node);
      const auto& before = antecedents[node];
      node = *std::find_if(before.begin(), before.end(),
                           [&](std::size_t antecedent) { return !done[antecedent]; });
    }
    // The walk went from follower to antecedent: reverse it to the order the
    // steps run in, and start it at the smallest ref.
    std::vector<std::size_t> cycle(path.begin() + static_cast<std::ptrdiff_t>(place[node]),
                                   path.end());
    std::reverse(cycle.begin(), cycle.end());
    std::rotate(cycle.begin(), std::min_element(cycle.begin(), cycle.end()), cycle.end());
    std::string named;
    for (const std::size_t member : cycle) named += step(member).ref + " → ";
    named += step(cycle.front()).ref;
    throw ValueError(fmt::format("steps {} form a cycle", named));
  }

  OperationalLikelihood result;
  result.advanced = advanced;
  for (std::size_t node = 0; node < count; ++node) {
    StepLikelihood& out = result.steps[step(node).ref];
    out.probability = probability[node];
    if (advanced) out.difficulty = difficulty[node];
    out.final = followers[node].empty();
    if (!out.final) continue;
    const int likelihood =
        advanced ? grid[at(probability[node] - 1)][at(difficulty[node])] : probability[node];
    result.likelihood = std::max(result.likelihood, likelihood);
  }
  return result;
}

int on_scale(int position, int size) {
  check_range("position", position, 1, 4);
  if (size < 1)
    throw ValueError(fmt::format("a scale of {} steps is not allowed: it needs at least 1", size));
  const long long placed = (static_cast<long long>(position) * size + 3) / 4;
  return std::max(1, static_cast<int>(placed));
}

}  // namespace riskmap::ebios
