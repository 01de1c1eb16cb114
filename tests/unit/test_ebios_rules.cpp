#include <doctest/doctest.h>

#include <algorithm>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "ebios_rules.hpp"
#include "error.hpp"

using namespace riskmap;
using namespace riskmap::ebios;

// In comments, grid[p][d] is the default likelihood grid's cell for
// probability p (1..4) and difficulty d (0..4).

namespace {

ElementaryAction action(const std::string& ref, int probability,
                        std::vector<std::string> after = {}, Join join = Join::any,
                        std::optional<int> difficulty = std::nullopt) {
  return ElementaryAction{ref, std::move(after), join, probability, difficulty};
}

// An advanced step: with a difficulty.
ElementaryAction hard(const std::string& ref, int probability, int difficulty,
                      std::vector<std::string> after = {}, Join join = Join::any) {
  return action(ref, probability, std::move(after), join, difficulty);
}

std::string error_of(const std::vector<ElementaryAction>& steps,
                     const LikelihoodGrid& grid = default_likelihood_grid()) {
  try {
    operational_likelihood(steps, grid);
  } catch (const ValueError& e) {
    return e.what();
  }
  return "no error";
}

template <typename Call>
std::string error_of_call(Call call) {
  try {
    call();
  } catch (const ValueError& e) {
    return e.what();
  }
  return "no error";
}

// Everything in a result, in one comparable line.
std::string summary(const OperationalLikelihood& result) {
  std::string out = "likelihood " + std::to_string(result.likelihood) +
                    (result.advanced ? " advanced" : " standard");
  for (const auto& [ref, step] : result.steps) {
    out += "; " + ref + " p" + std::to_string(step.probability);
    if (step.difficulty) out += " d" + std::to_string(*step.difficulty);
    if (step.final) out += " final";
  }
  return out;
}

// AE1 -> AE2, AE3 -> AE4: AE2 and AE3 both follow AE1, AE4 follows both.
std::vector<ElementaryAction> diamond(Join join) {
  return {action("AE1", 4), action("AE2", 1, {"AE1"}), action("AE3", 3, {"AE1"}),
          action("AE4", 4, {"AE2", "AE3"}, join)};
}

std::vector<ElementaryAction> hard_diamond(Join join) {
  return {hard("AE1", 4, 1), hard("AE2", 4, 4, {"AE1"}), hard("AE3", 3, 2, {"AE1"}),
          hard("AE4", 4, 0, {"AE2", "AE3"}, join)};
}

std::string numbered(int i) {
  return "AE" + std::to_string(i);
}

}  // namespace

TEST_SUITE("ebios_rules") {
  TEST_CASE("ebios: the default pertinence grid, every cell") {
    // Rows motivation 1..4, columns resources 1..4, as in the method guide.
    const int expected[4][4] = {{1, 1, 2, 2}, {1, 2, 3, 3}, {2, 3, 3, 4}, {2, 3, 4, 4}};
    for (int motivation = 1; motivation <= 4; ++motivation)
      for (int resources = 1; resources <= 4; ++resources) {
        CAPTURE(motivation);
        CAPTURE(resources);
        CHECK(pertinence(default_pertinence_grid(), motivation, resources) ==
              expected[motivation - 1][resources - 1]);
      }
    // Spot checks, read off the table by hand: a strong motivation with weak
    // resources is worth 2, a weak one with strong resources 2 as well.
    CHECK(pertinence(default_pertinence_grid(), 4, 1) == 2);
    CHECK(pertinence(default_pertinence_grid(), 1, 4) == 2);
    CHECK(pertinence(default_pertinence_grid(), 3, 3) == 3);
  }

  TEST_CASE("ebios: pertinence refuses a motivation or resources off 1..4") {
    const auto& grid = default_pertinence_grid();
    CHECK(error_of_call([&] { pertinence(grid, 0, 2); }) ==
          "motivation 0 is not allowed: a whole number from 1 to 4");
    CHECK(error_of_call([&] { pertinence(grid, 5, 2); }) ==
          "motivation 5 is not allowed: a whole number from 1 to 4");
    CHECK(error_of_call([&] { pertinence(grid, 2, 0); }) ==
          "resources 0 is not allowed: a whole number from 1 to 4");
    CHECK(error_of_call([&] { pertinence(grid, 2, 5); }) ==
          "resources 5 is not allowed: a whole number from 1 to 4");
  }

  TEST_CASE("ebios: pertinence reads a custom grid, and refuses a cell off 1..4") {
    PertinenceGrid grid{};
    for (auto& row : grid) row.fill(4);
    grid[1][2] = 1;  // motivation 2, resources 3
    CHECK(pertinence(grid, 2, 3) == 1);
    CHECK(pertinence(grid, 3, 2) == 4);
    grid[0][0] = 0;
    CHECK(error_of_call([&] { pertinence(grid, 1, 1); }) ==
          "the pertinence grid holds 0 for motivation 1 and resources 1: a pertinence goes from 1 "
          "to 4");
  }

  TEST_CASE("ebios: the default likelihood grid, every cell") {
    // Row p: p p p max(p-1,1) max(p-2,1).
    const int expected[4][5] = {{1, 1, 1, 1, 1}, {2, 2, 2, 1, 1}, {3, 3, 3, 2, 1}, {4, 4, 4, 3, 2}};
    for (int p = 1; p <= 4; ++p)
      for (int d = 0; d <= 4; ++d) {
        CAPTURE(p);
        CAPTURE(d);
        CHECK(default_likelihood_grid()[static_cast<std::size_t>(p - 1)]
                                       [static_cast<std::size_t>(d)] == expected[p - 1][d]);
      }
  }

  TEST_CASE("ebios: a single step gives its own probability") {
    const auto result = operational_likelihood({action("AE1", 3)});
    CHECK(result.likelihood == 3);
    CHECK_FALSE(result.advanced);
    REQUIRE(result.steps.size() == 1);
    const auto& step = result.steps.at("AE1");
    CHECK(step.probability == 3);
    CHECK_FALSE(step.difficulty.has_value());
    CHECK(step.final);
  }

  TEST_CASE("ebios: a chain keeps the smallest probability met so far") {
    // AE1 (4) -> AE2 (2) -> AE3 (3): cumulative 4, min(2,4)=2, min(3,2)=2.
    const auto result = operational_likelihood(
        {action("AE1", 4), action("AE2", 2, {"AE1"}), action("AE3", 3, {"AE2"})});
    CHECK(result.steps.at("AE1").probability == 4);
    CHECK(result.steps.at("AE2").probability == 2);
    CHECK(result.steps.at("AE3").probability == 2);
    CHECK_FALSE(result.steps.at("AE1").final);
    CHECK_FALSE(result.steps.at("AE2").final);
    CHECK(result.steps.at("AE3").final);
    CHECK(result.likelihood == 2);
  }

  TEST_CASE("ebios: a first step with a low probability caps all that follow") {
    // AE1 (1) -> AE2 (4): min(4, 1) = 1.
    const auto result = operational_likelihood({action("AE1", 1), action("AE2", 4, {"AE1"})});
    CHECK(result.steps.at("AE2").probability == 1);
    CHECK(result.likelihood == 1);
  }

  TEST_CASE("ebios: OR takes the best antecedent, AND the worst") {
    // Cumulative: AE1 4, AE2 min(1,4)=1, AE3 min(3,4)=3.
    // OR:  AE4 = min(4, max(1,3)) = 3.
    // AND: AE4 = min(4, min(1,3)) = 1.
    const auto either = operational_likelihood(diamond(Join::any));
    CHECK(either.steps.at("AE2").probability == 1);
    CHECK(either.steps.at("AE3").probability == 3);
    CHECK(either.steps.at("AE4").probability == 3);
    CHECK(either.likelihood == 3);
    const auto both = operational_likelihood(diamond(Join::all));
    CHECK(both.steps.at("AE4").probability == 1);
    CHECK(both.likelihood == 1);
    // Only AE4 is final in the diamond.
    CHECK(summary(either) == "likelihood 3 standard; AE1 p4; AE2 p1; AE3 p3; AE4 p3 final");
  }

  TEST_CASE("ebios: a step's own probability still caps a join") {
    // AE1 4, AE2 4 first steps; AE3 (2) after both, OR: min(2, max(4,4)) = 2.
    const auto result = operational_likelihood(
        {action("AE1", 4), action("AE2", 4), action("AE3", 2, {"AE1", "AE2"})});
    CHECK(result.steps.at("AE3").probability == 2);
    CHECK(result.likelihood == 2);
  }

  TEST_CASE("ebios: several final steps, the scenario takes the highest") {
    // AE1 (4) then AE2 (2) and AE3 (3), both final: max(2, 3) = 3.
    const auto result = operational_likelihood(
        {action("AE1", 4), action("AE2", 2, {"AE1"}), action("AE3", 3, {"AE1"})});
    CHECK_FALSE(result.steps.at("AE1").final);
    CHECK(result.steps.at("AE2").final);
    CHECK(result.steps.at("AE3").final);
    CHECK(result.likelihood == 3);
    // Two separate paths: AE1 (2) alone, AE2 (1) -> AE3 (4): finals 2 and 1.
    const auto apart =
        operational_likelihood({action("AE1", 2), action("AE2", 1), action("AE3", 4, {"AE2"})});
    CHECK(apart.steps.at("AE3").probability == 1);
    CHECK(apart.likelihood == 2);
  }

  TEST_CASE("ebios: advanced, difficulty cumulates with OR taking the least, AND the most") {
    // Probabilities: AE1 4, AE2 min(4,4)=4, AE3 min(3,4)=3.
    // Difficulties:  AE1 1, AE2 max(4,1)=4, AE3 max(2,1)=2.
    // OR:  AE4 p = min(4, max(4,3)) = 4, d = max(0, min(4,2)) = 2; grid[4][2] = 4.
    // AND: AE4 p = min(4, min(4,3)) = 3, d = max(0, max(4,2)) = 4; grid[3][4] = 1.
    const auto either = operational_likelihood(hard_diamond(Join::any));
    CHECK(either.advanced);
    CHECK(either.steps.at("AE2").difficulty == 4);
    CHECK(either.steps.at("AE3").difficulty == 2);
    CHECK(either.steps.at("AE4").probability == 4);
    CHECK(either.steps.at("AE4").difficulty == 2);
    CHECK(either.likelihood == 4);
    const auto both = operational_likelihood(hard_diamond(Join::all));
    CHECK(both.steps.at("AE4").probability == 3);
    CHECK(both.steps.at("AE4").difficulty == 4);
    CHECK(both.likelihood == 1);
    CHECK(summary(either) ==
          "likelihood 4 advanced; AE1 p4 d1; AE2 p4 d4; AE3 p3 d2; AE4 p4 d2 final");
  }

  TEST_CASE("ebios: advanced, difficulty 3 lowers the likelihood one step, 4 two") {
    // One step, probability 4: difficulty 0..2 leave 4, 3 gives 3, 4 gives 2.
    CHECK(operational_likelihood({hard("AE1", 4, 0)}).likelihood == 4);
    CHECK(operational_likelihood({hard("AE1", 4, 2)}).likelihood == 4);
    CHECK(operational_likelihood({hard("AE1", 4, 3)}).likelihood == 3);
    CHECK(operational_likelihood({hard("AE1", 4, 4)}).likelihood == 2);
    // Probability 3: 3 then 2 then 1. Probability 2: 2 then 1 then 1 (no lower).
    CHECK(operational_likelihood({hard("AE1", 3, 3)}).likelihood == 2);
    CHECK(operational_likelihood({hard("AE1", 3, 4)}).likelihood == 1);
    CHECK(operational_likelihood({hard("AE1", 2, 3)}).likelihood == 1);
    CHECK(operational_likelihood({hard("AE1", 2, 4)}).likelihood == 1);
    CHECK(operational_likelihood({hard("AE1", 1, 0)}).likelihood == 1);
    // Through a chain: AE1 (4, d3) -> AE2 (4, d1): d = max(1, 3) = 3, grid[4][3] = 3.
    const auto chain = operational_likelihood({hard("AE1", 4, 3), hard("AE2", 4, 1, {"AE1"})});
    CHECK(chain.steps.at("AE2").difficulty == 3);
    CHECK(chain.likelihood == 3);
  }

  TEST_CASE("ebios: advanced, a step without a difficulty counts 0") {
    // AE1 (3, d3) -> AE2 (3, none): d = max(0, 3) = 3, grid[3][3] = 2.
    const auto chain = operational_likelihood({hard("AE1", 3, 3), action("AE2", 3, {"AE1"})});
    CHECK(chain.advanced);
    CHECK(chain.steps.at("AE2").difficulty == 3);
    CHECK(chain.likelihood == 2);
    // AE1 (3, d4), AE2 (2, none) first steps; AE3 (4, d1) after either:
    // AE2 gets difficulty 0; AE3 p = min(4, max(3,2)) = 3, d = max(1, min(4,0)) = 1;
    // grid[3][1] = 3.
    const auto either = operational_likelihood(
        {hard("AE1", 3, 4), action("AE2", 2), hard("AE3", 4, 1, {"AE1", "AE2"})});
    CHECK(either.steps.at("AE2").difficulty == 0);
    CHECK(either.steps.at("AE3").probability == 3);
    CHECK(either.steps.at("AE3").difficulty == 1);
    CHECK(either.likelihood == 3);
    // With no difficulty anywhere, the method is the standard one: 3 after 3.
    const auto standard = operational_likelihood({action("AE1", 3), action("AE2", 3, {"AE1"})});
    CHECK_FALSE(standard.advanced);
    CHECK_FALSE(standard.steps.at("AE2").difficulty.has_value());
    CHECK(standard.likelihood == 3);
  }

  TEST_CASE("ebios: advanced, the final steps each read the grid, the highest wins") {
    // After AE1 (4, d0): AE2 (4, d4) -> grid[4][4] = 2, AE3 (2, d0) -> grid[2][0] = 2,
    // AE4 (3, d3) -> grid[3][3] = 2: all 2, where the highest probability
    // alone (4) would say 4.
    const auto result =
        operational_likelihood({hard("AE1", 4, 0), hard("AE2", 4, 4, {"AE1"}),
                                hard("AE3", 2, 0, {"AE1"}), hard("AE4", 3, 3, {"AE1"})});
    CHECK(result.likelihood == 2);
    // AE5 (3, d1) after AE1 -> grid[3][1] = 3: now the highest.
    const auto more = operational_likelihood(
        {hard("AE1", 4, 0), hard("AE2", 4, 4, {"AE1"}), hard("AE3", 2, 0, {"AE1"}),
         hard("AE4", 3, 3, {"AE1"}), hard("AE5", 3, 1, {"AE1"})});
    CHECK(more.likelihood == 3);
  }

  TEST_CASE("ebios: a custom likelihood grid is read in the advanced method only") {
    // Difficulty never lowers anything but probability 2, difficulty 4 reads 4.
    LikelihoodGrid grid{};
    for (std::size_t p = 0; p < 4; ++p) grid[p].fill(static_cast<int>(p) + 1);
    grid[1][4] = 4;
    CHECK(operational_likelihood({hard("AE1", 2, 4)}, grid).likelihood == 4);
    CHECK(operational_likelihood({hard("AE1", 2, 4)}).likelihood == 1);  // default: max(0,1)
    CHECK(operational_likelihood({hard("AE1", 4, 4)}, grid).likelihood == 4);
    CHECK(operational_likelihood({hard("AE1", 3, 3)}, grid).likelihood == 3);
    // Without difficulties the grid plays no part: probability 2 stays 2.
    CHECK(operational_likelihood({action("AE1", 2)}, grid).likelihood == 2);
    // A cell off 1..4 is refused, even one the scenario does not reach.
    grid[3][0] = 5;
    CHECK(error_of({hard("AE1", 1, 0)}, grid) ==
          "the likelihood grid holds 5 for probability 4 and difficulty 0: a likelihood goes "
          "from 1 to 4");
    CHECK(operational_likelihood({action("AE1", 1)}, grid).likelihood == 1);
  }

  TEST_CASE("ebios: a step that follows itself is refused") {
    CHECK(error_of({action("AE1", 2), action("AE2", 3, {"AE1", "AE2"})}) ==
          "step AE2 follows itself");
  }

  TEST_CASE("ebios: a cycle is refused, its steps named in order") {
    // AE2 after AE1 or AE4, AE3 after AE2, AE4 after AE3: AE2 -> AE3 -> AE4 -> AE2.
    const std::vector<ElementaryAction> steps = {
        action("AE1", 4), action("AE2", 3, {"AE1", "AE4"}), action("AE3", 3, {"AE2"}),
        action("AE4", 3, {"AE3"}), action("AE5", 3, {"AE4"})};
    CHECK(error_of(steps) == "steps AE2 → AE3 → AE4 → AE2 form a cycle");
    std::vector<ElementaryAction> reversed(steps.rbegin(), steps.rend());
    CHECK(error_of(reversed) == "steps AE2 → AE3 → AE4 → AE2 form a cycle");
    // Two steps following each other.
    CHECK(error_of({action("AE3", 2, {"AE2"}), action("AE2", 2, {"AE3"})}) ==
          "steps AE2 → AE3 → AE2 form a cycle");
    // A cycle with no first step at all, run in the other direction:
    // AE1 after AE3, AE3 after AE2, AE2 after AE1: AE1 -> AE2 -> AE3 -> AE1.
    CHECK(error_of({action("AE1", 2, {"AE3"}), action("AE3", 2, {"AE2"}),
                    action("AE2", 2, {"AE1"})}) == "steps AE1 → AE2 → AE3 → AE1 form a cycle");
  }

  TEST_CASE("ebios: an antecedent that is not a step is refused") {
    CHECK(error_of({action("AE1", 2), action("AE2", 2, {"AE1"}), action("AE3", 2, {"AE9"})}) ==
          "step AE3 follows AE9, which is not a step of this operational scenario");
  }

  TEST_CASE("ebios: a ref given twice is refused") {
    CHECK(error_of({action("AE1", 2), action("AE2", 2, {"AE1"}), action("AE1", 3)}) ==
          "step AE1 appears more than once in this operational scenario");
  }

  TEST_CASE("ebios: no steps at all, or a step without a ref, is refused") {
    CHECK(error_of({}) == "the operational scenario has no elementary action");
    CHECK(error_of({action("AE1", 2), action("", 2)}) ==
          "an elementary action of the operational scenario has no ref");
  }

  TEST_CASE("ebios: a probability off 1..4 or a difficulty off 0..4 is refused") {
    CHECK(error_of({action("AE1", 2), action("AE2", 0, {"AE1"})}) ==
          "step AE2: success probability 0 is not allowed: a whole number from 1 to 4");
    CHECK(error_of({action("AE1", 5)}) ==
          "step AE1: success probability 5 is not allowed: a whole number from 1 to 4");
    CHECK(error_of({hard("AE1", 2, -1)}) ==
          "step AE1: difficulty -1 is not allowed: a whole number from 0 to 4");
    CHECK(error_of({action("AE1", 2), hard("AE2", 2, 5, {"AE1"})}) ==
          "step AE2: difficulty 5 is not allowed: a whole number from 0 to 4");
  }

  TEST_CASE("ebios: the order of the steps changes nothing, results nor errors") {
    // AE1 (4, d1) and AE2 (3, d0) first; AE3 (4, d2) after AE1; AE4 (2) after
    // AE1 and AE2 (AND); AE5 (4, d3) after AE3 or AE4; AE6 (3) after AE2.
    // p: AE3 4, AE4 min(2, min(4,3)) = 2, AE5 min(4, max(4,2)) = 4, AE6 3.
    // d: AE3 max(2,1) = 2, AE4 max(0, max(1,0)) = 1, AE5 max(3, min(2,1)) = 3, AE6 0.
    // Finals: AE5 grid[4][3] = 3, AE6 grid[3][0] = 3: likelihood 3.
    std::vector<ElementaryAction> steps = {hard("AE1", 4, 1),
                                           hard("AE2", 3, 0),
                                           hard("AE3", 4, 2, {"AE1"}),
                                           action("AE4", 2, {"AE1", "AE2"}, Join::all),
                                           hard("AE5", 4, 3, {"AE3", "AE4"}),
                                           action("AE6", 3, {"AE2"})};
    const std::string expected =
        "likelihood 3 advanced; AE1 p4 d1; AE2 p3 d0; AE3 p4 d2; AE4 p2 d1; AE5 p4 d3 final; "
        "AE6 p3 d0 final";
    CHECK(summary(operational_likelihood(steps)) == expected);
    // Every one of the 720 orders.
    std::vector<std::size_t> order = {0, 1, 2, 3, 4, 5};
    int tried = 0;
    do {
      std::vector<ElementaryAction> shuffled;
      for (const std::size_t i : order) shuffled.push_back(steps[i]);
      CHECK(summary(operational_likelihood(shuffled)) == expected);
      ++tried;
    } while (std::next_permutation(order.begin(), order.end()));
    CHECK(tried == 720);

    // Two faults: the one of the smallest ref is told, whatever the order.
    steps[4].after.push_back("AE8");  // AE5
    steps[2].after.push_back("AE7");  // AE3
    std::mt19937 random(20260501);
    for (int round = 0; round < 50; ++round) {
      std::shuffle(steps.begin(), steps.end(), random);
      CHECK(error_of(steps) ==
            "step AE3 follows AE7, which is not a step of this operational scenario");
    }
  }

  TEST_CASE("ebios: a chain of 10 000 steps") {
    // Each step after the one before, probability 4, but AE5000 has 3 and
    // AE7000 difficulty 3: the last step has p 3, d 3, grid[3][3] = 2.
    std::vector<ElementaryAction> steps;
    for (int i = 1; i <= 10000; ++i) {
      ElementaryAction step = action(numbered(i), i == 5000 ? 3 : 4);
      if (i > 1) step.after = {numbered(i - 1)};
      steps.push_back(std::move(step));
    }
    const auto standard = operational_likelihood(steps);
    CHECK(standard.likelihood == 3);
    CHECK(standard.steps.size() == 10000);
    CHECK(standard.steps.at("AE4999").probability == 4);
    CHECK(standard.steps.at("AE5000").probability == 3);
    CHECK(standard.steps.at("AE10000").final);
    CHECK(std::count_if(standard.steps.begin(), standard.steps.end(),
                        [](const auto& entry) { return entry.second.final; }) == 1);

    steps[6999].difficulty = 3;  // AE7000
    std::vector<ElementaryAction> backwards(steps.rbegin(), steps.rend());
    const auto advanced = operational_likelihood(backwards);
    CHECK(advanced.steps.at("AE6999").difficulty == 0);
    CHECK(advanced.steps.at("AE10000").difficulty == 3);
    CHECK(advanced.likelihood == 2);

    // Closed into one cycle of all 10 000 steps, it is refused all the same.
    steps[0].after = {numbered(10000)};
    const std::string message = error_of(steps);
    CHECK(message.starts_with("steps AE1 → AE2 → AE3 → "));
    CHECK(message.ends_with(" → AE9999 → AE10000 → AE1 form a cycle"));
  }

  TEST_CASE("ebios: a position of the guide's scales placed on another scale") {
    // ceil(position × size / 4): identity on 4 steps.
    for (int position = 1; position <= 4; ++position) CHECK(on_scale(position, 4) == position);
    // 3 steps: ceil(0.75)=1, ceil(1.5)=2, ceil(2.25)=3, ceil(3)=3.
    CHECK(on_scale(1, 3) == 1);
    CHECK(on_scale(2, 3) == 2);
    CHECK(on_scale(3, 3) == 3);
    CHECK(on_scale(4, 3) == 3);
    // 5 steps: ceil(1.25)=2, ceil(2.5)=3, ceil(3.75)=4, ceil(5)=5.
    CHECK(on_scale(1, 5) == 2);
    CHECK(on_scale(2, 5) == 3);
    CHECK(on_scale(3, 5) == 4);
    CHECK(on_scale(4, 5) == 5);
    // 2 steps: ceil(0.5)=1, ceil(1)=1, ceil(1.5)=2, ceil(2)=2. 1 step: all 1.
    CHECK(on_scale(1, 2) == 1);
    CHECK(on_scale(2, 2) == 1);
    CHECK(on_scale(3, 2) == 2);
    CHECK(on_scale(4, 2) == 2);
    for (int position = 1; position <= 4; ++position) CHECK(on_scale(position, 1) == 1);
    CHECK(error_of_call([] { on_scale(0, 4); }) ==
          "position 0 is not allowed: a whole number from 1 to 4");
    CHECK(error_of_call([] { on_scale(5, 4); }) ==
          "position 5 is not allowed: a whole number from 1 to 4");
    CHECK(error_of_call([] { on_scale(2, 0); }) ==
          "a scale of 0 steps is not allowed: it needs at least 1");
  }
}
