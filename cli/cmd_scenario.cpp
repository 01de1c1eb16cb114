#include <algorithm>
#include <memory>

#include <fmt/format.h>

#include "asset.hpp"
#include "records.hpp"
#include "scenario.hpp"
#include "store.hpp"
#include "text.hpp"

namespace riskmap::cli {

namespace {

struct ScenarioFilters {
  std::string min_level, stage = "current", asset, owner, treatment;
};

Stage chosen_stage(const ScenarioFilters& filters) {
  return option_value("--stage", [&] { return parse_stage(filters.stage); });
}

struct Acceptance {
  std::string ref, approver, until, on, justification;
};

void add_accept_command(CLI::App* group) {
  auto given = std::make_shared<Acceptance>();
  auto* accept = group->add_subcommand(
      "accept", "Accept a scenario's risk: treatment accept, with approver, date and expiry");
  accept->add_option("ref", given->ref, "Ref of the scenario")->required();
  accept->add_option("--approver", given->approver, "Who approves the acceptance")->required();
  accept->add_option("--until", given->until, "Date the acceptance expires, YYYY-MM-DD")
      ->required();
  accept->add_option("--justification", given->justification, "Why the risk is accepted")
      ->required();
  accept->add_option("--on", given->on, "Date of the approval (default: --today)");
  on_run(accept, Access::write, [given](Run& run) {
    const EntityKind& kind = scenario_kind();
    for (const auto& [option, text] :
         {std::pair{"--approver", &given->approver}, {"--justification", &given->justification}})
      if (trim(*text).empty()) throw UsageError(fmt::format("{}: empty value", option));
    const Date on = given->on.empty()
                        ? run.today()
                        : option_value("--on", [&] { return Date::parse(given->on); });
    const Date until = option_value("--until", [&] { return Date::parse(given->until); });
    if (until < on)
      throw UsageError(
          fmt::format("--until {} is before the approval date {}: an acceptance "
                      "must expire after it is given",
                      until.to_string(), on.to_string()));
    RecordStore store(run.workspace(), kind);
    Record record = store.get(given->ref);
    record.values[kind.index("treatment")] = std::string("accept");
    record.values[kind.index("justification")] = given->justification;
    record.values[kind.index("accepted_by")] = given->approver;
    record.values[kind.index("accepted_on")] = on.to_string();
    record.values[kind.index("accepted_until")] = until.to_string();
    store.update(std::move(record));
    run.touched(given->ref);
  });
}

}  // namespace

void add_scenario_commands(CLI::App& app) {
  const EntityKind& kind = scenario_kind();
  auto filters = std::make_shared<ScenarioFilters>();
  ListSpec spec;
  spec.table_columns = {"ref",           "title",          "assets",    "inherent_level",
                        "current_level", "residual_level", "treatment", "owner"};
  spec.derived_columns = {"inherent_level", "current_level", "residual_level"};
  spec.derive = [](Run& run, const Record& record, std::vector<Cell>& cells) {
    for (const Stage stage : all_stages) {
      if (const auto level = level_at(record, stage, run.method()))
        cells.emplace_back(level_cell(run.method().levels, *level, run.lang()));
      else
        cells.emplace_back();
    }
  };
  spec.add_filters = [filters](CLI::App* list) {
    list->add_option("--min-level", filters->min_level,
                     "Only scenarios at or above this level (at --stage)");
    list->add_option("--stage", filters->stage,
                     "Stage the level is read at: inherent, current or residual")
        ->default_str("current");
    list->add_option("--asset", filters->asset, "Only scenarios bearing on this asset");
    list->add_option("--owner", filters->owner, "Only scenarios of this risk owner");
    list->add_option("--treatment", filters->treatment, "Only scenarios with this treatment");
  };
  spec.filter = [filters, &kind](Run& run) -> std::function<bool(const Record&)> {
    const Method& method = run.method();
    const Stage stage = chosen_stage(*filters);
    const int min = filters->min_level.empty() ? 0 : option_value("--min-level", [&] {
      return method.levels.parse(filters->min_level);
    });
    Value treatment;
    if (!filters->treatment.empty())
      treatment = option_value("--treatment", [&] {
        return parse_value(kind.fields[kind.index("treatment")], filters->treatment, method);
      });
    if (!filters->asset.empty()) {  // an unknown asset is a mistake, not an empty list
      RecordStore known(run.workspace(), asset_kind());
      if (!known.exists(filters->asset)) throw known.unknown(filters->asset);
    }
    const std::size_t assets = kind.index("assets"), owner = kind.index("owner"),
                      treatment_at = kind.index("treatment");
    return [=, &method, f = *filters](const Record& record) {
      if (min > 0 && level_at(record, stage, method).value_or(0) < min) return false;
      if (!f.asset.empty()) {
        const auto& list = std::get<std::vector<std::string>>(record.values[assets]);
        if (std::find(list.begin(), list.end(), f.asset) == list.end()) return false;
      }
      if (!f.owner.empty()) {
        const auto* text = std::get_if<std::string>(&record.values[owner]);
        if (!text || *text != f.owner) return false;
      }
      return f.treatment.empty() || record.values[treatment_at] == treatment;
    };
  };
  spec.stream = [filters](Run& run, RecordStore& store,
                          const std::function<void(Record&)>& visit) {
    // Highest level first, unrated last, in natural ref order within a
    // level, streamed: a long list is never held in memory.
    for_each_by_level(store, chosen_stage(*filters), run.method(), visit);
  };
  auto* group = add_record_commands(
      app, kind, "Risk scenarios, rated at the inherent, current and residual stages",
      std::move(spec));
  add_accept_command(group);
}

}  // namespace riskmap::cli
