#include <algorithm>
#include <memory>
#include <optional>

#include "action.hpp"
#include "control.hpp"
#include "records.hpp"
#include "scenario.hpp"
#include "store.hpp"

namespace riskmap::cli {

namespace {

struct ActionFilters {
  std::string status, owner, control, scenario;
  bool overdue = false;
};

}  // namespace

void add_action_commands(CLI::App& app) {
  const EntityKind& kind = action_kind();
  auto filters = std::make_shared<ActionFilters>();
  // Read on first use, once per command.
  auto priorities = std::make_shared<std::optional<ActionPriorities>>();
  const auto planner = [priorities](Run& run) -> const ActionPriorities& {
    if (!*priorities) priorities->emplace(run.workspace());
    return **priorities;
  };
  ListSpec spec;
  spec.table_columns = {"ref", "title",  "priority", "owner",
                        "due", "status", "progress", "overdue"};
  spec.derived_columns = {"priority", "overdue"};
  spec.derive = [planner](Run& run, const Record& record, std::vector<Cell>& cells) {
    if (const auto priority = planner(run).priority(record))
      cells.emplace_back(static_cast<std::int64_t>(*priority));
    else
      cells.emplace_back();
    cells.emplace_back(Flag{is_overdue(record, run.today())});
  };
  spec.add_filters = [filters](CLI::App* list) {
    list->add_option("--status", filters->status, "Only actions with this status");
    list->add_option("--owner", filters->owner, "Only actions of this owner");
    list->add_option("--control", filters->control, "Only actions implementing this control");
    list->add_option("--scenario", filters->scenario,
                     "Only actions addressing this scenario (directly or through their controls)");
    list->add_flag("--overdue", filters->overdue, "Only overdue actions (see --today)");
  };
  spec.filter = [filters, planner, &kind](Run& run) -> std::function<bool(const Record&)> {
    const ActionFilters wanted{choice_filter(run, kind, "status", filters->status, "--status"),
                               filters->owner, filters->control, filters->scenario,
                               filters->overdue};
    // An unknown control or scenario is a mistake, not an empty list.
    for (const auto& [wanted_ref, of_kind] :
         {std::pair{&wanted.control, &control_kind()}, {&wanted.scenario, &scenario_kind()}}) {
      if (wanted_ref->empty()) continue;
      RecordStore known(run.workspace(), *of_kind);
      if (!known.exists(*wanted_ref)) throw known.unknown(*wanted_ref);
    }
    const Date today = run.today();
    const ActionPriorities* plan = wanted.scenario.empty() ? nullptr : &planner(run);
    return [wanted, today, plan, &kind](const Record& record) {
      if (wanted.overdue && !is_overdue(record, today)) return false;
      if (plan && !plan->addressed(record).contains(wanted.scenario)) return false;
      return field_matches(kind, record, "status", wanted.status) &&
             field_matches(kind, record, "owner", wanted.owner) &&
             field_matches(kind, record, "controls", wanted.control);
    };
  };
  spec.sort = [planner](Run& run, std::vector<Record>& records) {
    // By priority (1 first, none last), then due date (none last), then ref.
    const auto& plan = planner(run);
    const std::size_t due = action_kind().index("due");
    std::vector<std::tuple<int, std::string, std::size_t>> keys;
    for (std::size_t i = 0; i < records.size(); ++i) {
      const auto* date = std::get_if<std::string>(&records[i].values[due]);
      keys.emplace_back(plan.priority(records[i]).value_or(1'000'000), date ? *date : "~", i);
    }
    std::stable_sort(keys.begin(), keys.end(), [](const auto& a, const auto& b) {
      return std::tie(std::get<0>(a), std::get<1>(a)) < std::tie(std::get<0>(b), std::get<1>(b));
    });
    std::vector<Record> sorted;
    sorted.reserve(records.size());
    for (const auto& key : keys) sorted.push_back(std::move(records[std::get<2>(key)]));
    records = std::move(sorted);
  };
  add_record_commands(app, kind,
                      "The corrective action plan: actions implementing controls, with priority "
                      "and lateness derived",
                      std::move(spec));
}

}  // namespace riskmap::cli
