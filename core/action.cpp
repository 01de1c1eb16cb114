#include "action.hpp"

#include "method.hpp"
#include "scenario.hpp"
#include "store.hpp"
#include "workspace.hpp"

namespace riskmap {

const Vocabulary& action_statuses() {
  static const Vocabulary v{
      {"planned", {"Prévue", "Planned"}},
      {"in-progress", {"En cours", "In progress"}},
      {"done", {"Terminée", "Done"}},
      {"cancelled", {"Annulée", "Cancelled"}},
  };
  return v;
}

namespace {

EntityKind make_action_kind() {
  EntityKind kind{"action", "actions", "T", {}, {"priority", "overdue"}, {}};
  kind.fields.push_back(text_field("title", "Short title of the action", true));
  kind.fields.push_back(text_field("description", "What is to be done"));
  kind.fields.push_back(refs_field("controls", "control", "control", "Controls it implements"));
  kind.fields.push_back(refs_field("scenarios", "scenario", "scenario", "Scenarios it addresses"));
  kind.fields.push_back(text_field("owner", "Who carries the action"));
  kind.fields.push_back(date_field("due", "Due date, YYYY-MM-DD"));
  kind.fields.push_back(choice_field("status", action_statuses(),
                                     "planned, in-progress, done or cancelled", "planned"));
  kind.fields.push_back(number_field("cost", "Cost, in the mission's currency", 0));
  kind.fields.push_back(number_field("effort", "Effort, in person-days", 0));
  kind.fields.push_back(number_field("progress", "Progress, in percent", 0, 100));
  return kind;
}

}  // namespace

const EntityKind& action_kind() {
  static const EntityKind kind = make_action_kind();
  return kind;
}

bool is_overdue(const Record& action, const Date& today) {
  static const std::size_t due = action_kind().index("due"), status = action_kind().index("status");
  const auto* date = std::get_if<std::string>(&action.values[due]);
  if (!date) return false;
  const auto* state = std::get_if<std::string>(&action.values[status]);
  if (state && (*state == "done" || *state == "cancelled")) return false;
  return Date::parse(*date) < today;
}

ActionPriorities::ActionPriorities(Workspace& workspace) {
  read(workspace.method(), RecordStore(workspace, action_kind()).all(), [&](const auto& visit) {
    RecordStore(workspace, scenario_kind()).for_each([&](Record& scenario) { visit(scenario); });
  });
}

ActionPriorities::ActionPriorities(const Method& method, const std::vector<Record>& actions,
                                   const EachRecord& each_scenario) {
  read(method, actions, each_scenario);
}

void ActionPriorities::read(const Method& method, const std::vector<Record>& actions,
                            const EachRecord& each_scenario) {
  levels_ = static_cast<int>(method.levels.steps.size());
  static const std::size_t named_controls = action_kind().index("controls"),
                           named_scenarios = action_kind().index("scenarios");
  std::set<std::string, std::less<>> scenarios_named;
  for (const Record& action : actions) {
    if (const auto* list = std::get_if<std::vector<std::string>>(&action.values[named_controls]))
      for (const auto& control : *list) control_scenarios_.try_emplace(control);
    if (const auto* list = std::get_if<std::vector<std::string>>(&action.values[named_scenarios]))
      scenarios_named.insert(list->begin(), list->end());
  }
  if (control_scenarios_.empty() && scenarios_named.empty()) return;
  const auto& kind = scenario_kind();
  const std::size_t existing = kind.index("existing_controls"),
                    additional = kind.index("additional_controls");
  each_scenario([&](const Record& scenario) {
    bool wanted = scenarios_named.count(scenario.ref) > 0;
    for (const std::size_t field : {existing, additional})
      if (const auto* controls = std::get_if<std::vector<std::string>>(&scenario.values[field]))
        for (const auto& control : *controls)
          if (const auto found = control_scenarios_.find(control);
              found != control_scenarios_.end()) {
            found->second.push_back(scenario.ref);
            wanted = true;
          }
    if (!wanted) return;
    if (const auto level = level_at(scenario, Stage::current, method))
      level_.emplace(scenario.ref, *level);
  });
}

std::set<std::string> ActionPriorities::addressed(const Record& action) const {
  static const std::size_t controls = action_kind().index("controls"),
                           scenarios = action_kind().index("scenarios");
  std::set<std::string> out;
  if (const auto* list = std::get_if<std::vector<std::string>>(&action.values[scenarios]))
    out.insert(list->begin(), list->end());
  if (const auto* list = std::get_if<std::vector<std::string>>(&action.values[controls]))
    for (const auto& control : *list)
      if (const auto found = control_scenarios_.find(control); found != control_scenarios_.end())
        out.insert(found->second.begin(), found->second.end());
  return out;
}

std::optional<int> ActionPriorities::driving_level(const Record& action) const {
  std::optional<int> highest;
  for (const auto& ref : addressed(action))
    if (const auto found = level_.find(ref); found != level_.end())
      if (!highest || found->second > *highest) highest = found->second;
  return highest;
}

std::optional<int> ActionPriorities::priority(const Record& action) const {
  const auto level = driving_level(action);
  if (!level) return std::nullopt;
  return levels_ - *level + 1;
}

}  // namespace riskmap
