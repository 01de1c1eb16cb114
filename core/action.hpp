#pragma once
// The corrective action plan (SPEC §2): actions implement controls and
// address scenarios; their priority and lateness are derived, never stored.
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "date.hpp"
#include "entity.hpp"

namespace riskmap {

class Workspace;
struct Method;

const EntityKind& action_kind();
const Vocabulary& action_statuses();  // planned, in-progress, done, cancelled

// Overdue: a due date before `today` and a status other than done or cancelled.
bool is_overdue(const Record& action, const Date& today);

// Priorities of actions. The rule (documented in riskmap(1)): an action
// addresses the scenarios it names and those its controls are linked to
// (existing or additional); its priority is 1 when the highest current level
// among them is the method's top level, 2 for the level below, and so on;
// an action that addresses no scenario rated at the current stage has none.
class ActionPriorities {
 public:
  // Reads the actions, then every scenario once.
  explicit ActionPriorities(Workspace& workspace);
  // For `actions`, over scenarios the caller already holds.
  ActionPriorities(const Method& method, const std::vector<Record>& actions,
                   const EachRecord& each_scenario);
  // For the actions it was made for (others may name what it did not keep).
  std::set<std::string> addressed(const Record& action) const;  // scenario refs
  std::optional<int> priority(const Record& action) const;
  // The level (position) the priority comes from.
  std::optional<int> driving_level(const Record& action) const;
  // The current level of a scenario one of the actions addresses.
  std::optional<int> level_of(std::string_view scenario) const {
    const auto found = level_.find(scenario);
    if (found == level_.end()) return std::nullopt;
    return found->second;
  }

 private:
  // Keeps only what the actions name: the levels of the scenarios they
  // name or reach through a control, the links of the controls they name,
  // so that a map of a million scenarios with few actions holds little.
  void read(const Method& method, const std::vector<Record>& actions,
            const EachRecord& each_scenario);

  int levels_ = 0;
  std::map<std::string, int, std::less<>> level_;  // scenario ref -> current level, when rated
  std::map<std::string, std::vector<std::string>, std::less<>> control_scenarios_;
};

}  // namespace riskmap
