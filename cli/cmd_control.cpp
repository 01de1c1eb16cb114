#include <algorithm>
#include <memory>
#include <optional>

#include <fmt/format.h>

#include "control.hpp"
#include "records.hpp"
#include "scenario.hpp"
#include "store.hpp"
#include "text.hpp"

namespace riskmap::cli {

namespace {

struct ControlFilters {
  std::string state, category, owner, reference;
};

struct Link {
  std::string control;
  std::vector<std::string> scenarios;
  bool existing = false, additional = false;
};

// Names one of the scenario's two control lists.
std::vector<std::string>& controls_of(Record& scenario, bool existing) {
  const auto& kind = scenario_kind();
  auto& value = scenario.values[kind.index(existing ? "existing_controls" : "additional_controls")];
  if (!std::holds_alternative<std::vector<std::string>>(value)) value = std::vector<std::string>{};
  return std::get<std::vector<std::string>>(value);
}

// The scenarios of link and unlink, given as "R2 R3", "R2,R3" or both.
std::vector<std::string> scenario_refs(const std::vector<std::string>& given) {
  std::vector<std::string> refs;
  for (const auto& text : given)
    for (auto& ref : split_list(text))
      if (std::find(refs.begin(), refs.end(), ref) == refs.end()) refs.push_back(std::move(ref));
  return refs;
}

void add_link_commands(CLI::App* group) {
  auto link = std::make_shared<Link>();
  auto* add = group->add_subcommand(
      "link", "Link a control to scenarios, as existing (in place) or additional (planned)");
  add->add_option("control", link->control, "Ref of the control")->required();
  add->add_option("scenarios", link->scenarios, "Refs of the scenarios (R2 R3 or R2,R3)")
      ->required();
  auto* existing = add->add_flag("--existing", link->existing,
                                 "The control is in place: it explains the current rating");
  auto* additional = add->add_flag("--additional", link->additional,
                                   "The control is planned: it aims at the residual rating");
  existing->excludes(additional);
  on_run(add, Access::write, [link](Run& run) {
    if (!link->existing && !link->additional)
      throw UsageError("say how the control is linked: --existing or --additional");
    RecordStore controls(run.workspace(), control_kind());
    if (!controls.exists(link->control)) throw controls.unknown(link->control);
    RecordStore scenarios(run.workspace(), scenario_kind());
    std::vector<std::string> already;
    for (const auto& ref : scenario_refs(link->scenarios)) {
      Record scenario = scenarios.get(ref);
      // Linked the same way already: nothing to do, as with --add-existing-control.
      if (const auto& same = controls_of(scenario, link->existing);
          std::find(same.begin(), same.end(), link->control) != same.end()) {
        already.push_back(ref);
        continue;
      }
      if (const auto& other = controls_of(scenario, !link->existing);
          std::find(other.begin(), other.end(), link->control) != other.end())
        throw Conflict(fmt::format(
            "control {} is already linked to scenario {} as {}; unlink it first (riskmap control "
            "unlink {} {})",
            link->control, ref, link->existing ? "additional" : "existing", link->control, ref));
      auto& list = controls_of(scenario, link->existing);
      list.push_back(link->control);
      sort_list(scenario_kind().fields[scenario_kind().index("existing_controls")], list);
      scenarios.update(std::move(scenario));
      run.touched(ref);
    }
    if (!already.empty())
      run.note(fmt::format("control {} was already linked to {} as {}", link->control,
                           join(already, ", "), link->existing ? "existing" : "additional"));
    if (already.size() == scenario_refs(link->scenarios).size())
      run.discard();  // nothing changed: nothing to journal
    else
      run.touched(link->control);
  });

  auto unlink = std::make_shared<Link>();
  auto* remove = group->add_subcommand("unlink", "Remove the link of a control to scenarios");
  remove->add_option("control", unlink->control, "Ref of the control")->required();
  remove->add_option("scenarios", unlink->scenarios, "Refs of the scenarios (R2 R3 or R2,R3)")
      ->required();
  on_run(remove, Access::write, [unlink](Run& run) {
    RecordStore controls(run.workspace(), control_kind());
    if (!controls.exists(unlink->control)) throw controls.unknown(unlink->control);
    RecordStore scenarios(run.workspace(), scenario_kind());
    for (const auto& ref : scenario_refs(unlink->scenarios)) {
      Record scenario = scenarios.get(ref);
      bool found = false;
      for (const bool in_place : {true, false}) {
        auto& list = controls_of(scenario, in_place);
        const auto at = std::find(list.begin(), list.end(), unlink->control);
        if (at != list.end()) list.erase(at), found = true;
      }
      if (!found)
        throw UnknownRef(
            fmt::format("control {} is not linked to scenario {}", unlink->control, ref));
      scenarios.update(std::move(scenario));
      run.touched(ref);
    }
    run.touched(unlink->control);
  });
}

}  // namespace

void add_control_commands(CLI::App& app) {
  const EntityKind& kind = control_kind();
  auto filters = std::make_shared<ControlFilters>();
  // Read on the first row, once per command.
  auto uses = std::make_shared<std::optional<std::map<std::string, ControlUse, std::less<>>>>();
  ListSpec spec;
  spec.table_columns = {"ref",   "title", "category",           "state",
                        "owner", "due",   "scenarios_existing", "scenarios_additional"};
  spec.derived_columns = kind.derived;  // scenarios_existing, scenarios_additional, actions
  spec.derive = [uses](Run& run, const Record& record, std::vector<Cell>& cells) {
    if (!*uses) *uses = control_uses(run.workspace().db());
    const auto found = (*uses)->find(record.ref);
    const ControlUse none;
    const ControlUse& use = found == (*uses)->end() ? none : found->second;
    cells.emplace_back(use.existing_for);
    cells.emplace_back(use.additional_for);
    cells.emplace_back(use.actions);
  };
  spec.add_filters = [filters](CLI::App* list) {
    list->add_option("--state", filters->state, "Only controls in this state");
    list->add_option("--category", filters->category, "Only controls of this category");
    list->add_option("--owner", filters->owner, "Only controls of this owner");
    list->add_option("--reference", filters->reference,
                     "Only controls citing this requirement (FRAMEWORK:ID)");
  };
  spec.filter = [filters, &kind](Run& run) {
    ControlFilters wanted{choice_filter(run, kind, "state", filters->state, "--state"),
                          choice_filter(run, kind, "category", filters->category, "--category"),
                          filters->owner, ""};
    if (!filters->reference.empty())  // an unknown requirement is a mistake, not an empty list
      wanted.reference = option_value("--reference", [&] {
        return check_requirement(run.workspace().db(), filters->reference);
      });
    return [wanted, &kind](const Record& record) {
      return field_matches(kind, record, "state", wanted.state) &&
             field_matches(kind, record, "category", wanted.category) &&
             field_matches(kind, record, "owner", wanted.owner) &&
             field_matches(kind, record, "references", wanted.reference);
    };
  };
  auto* group = add_record_commands(
      app, kind, "Security controls, existing or planned, and the requirements they answer",
      std::move(spec));
  add_link_commands(group);
}

}  // namespace riskmap::cli
