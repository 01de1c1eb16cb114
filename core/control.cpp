#include "control.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "error.hpp"
#include "text.hpp"

namespace riskmap {

const Vocabulary& control_categories() {
  static const Vocabulary v{
      {"governance", {"Gouvernance", "Governance"}},
      {"protection", {"Protection", "Protection"}},
      {"defence", {"Défense", "Defence"}},
      {"resilience", {"Résilience", "Resilience"}},
  };
  return v;
}

const Vocabulary& control_states() {
  static const Vocabulary v{
      {"existing", {"Existante", "Existing"}},      {"planned", {"Prévue", "Planned"}},
      {"in-progress", {"En cours", "In progress"}}, {"done", {"Réalisée", "Done"}},
      {"abandoned", {"Abandonnée", "Abandoned"}},
  };
  return v;
}

namespace {

EntityKind make_control_kind() {
  // Listings add where the control is used; an import ignores those columns.
  EntityKind kind{
      "control", "controls", "M", {}, {"scenarios_existing", "scenarios_additional", "actions"},
      {}};
  kind.fields.push_back(text_field("title", "Short title of the control", true));
  kind.fields.push_back(text_field("description", "What the control does"));
  kind.fields.push_back(choice_field("category", control_categories(),
                                     "governance, protection, defence or resilience"));
  kind.fields.push_back(choice_field(
      "state", control_states(), "existing, planned, in-progress, done or abandoned", "planned"));
  kind.fields.push_back(text_field("owner", "Who implements the control"));
  kind.fields.push_back(date_field("due", "Due date, YYYY-MM-DD"));
  kind.fields.push_back(number_field("cost", "Cost, in the mission's currency", 0));
  kind.fields.push_back(number_field("effort", "Effort, in person-days", 0));
  kind.fields.push_back(number_field("progress", "Progress, in percent", 0, 100));
  Field references = refs_field("references", "requirement", "reference",
                                "Framework requirements the control answers, as FRAMEWORK:ID "
                                "(e.g. NIST-CSF:PR.AA-01)");
  references.qualified = true;
  kind.fields.push_back(references);
  return kind;
}

}  // namespace

const EntityKind& control_kind() {
  static const EntityKind kind = make_control_kind();
  return kind;
}

}  // namespace riskmap

namespace riskmap {

std::map<std::string, ControlUse, std::less<>> control_uses(
    Database& db, const std::function<bool(std::string_view control)>& wanted) {
  std::map<std::string, ControlUse, std::less<>> uses;
  const std::pair<const char*, std::vector<std::string> ControlUse::*> tables[] = {
      {"scenario_existing_controls", &ControlUse::existing_for},
      {"scenario_additional_controls", &ControlUse::additional_for},
      {"action_controls", &ControlUse::actions},
      {"stakeholder_controls", &ControlUse::stakeholders},
  };
  // Read as stored, then each list put in natural order here: short sorts,
  // rather than SQLite sorting every link through the collation.
  for (const auto& [table, list] : tables) {
    auto rows = db.prepare(fmt::format("SELECT value, ref FROM {}", table));
    while (rows.step()) {
      const std::string_view control = rows.text(0);
      if (wanted && !wanted(control)) continue;
      (uses[std::string(control)].*list).emplace_back(rows.text(1));
    }
  }
  for (auto& [control, use] : uses)
    for (const auto& [table, list] : tables)
      std::sort((use.*list).begin(), (use.*list).end(), NaturalLess{});
  return uses;
}

std::string check_requirement(Database& db, std::string_view reference) {
  const Field& field = control_kind().fields[control_kind().index("references")];
  const std::string item = parse_item(field, reference);  // FRAMEWORK:ID, or a ValueError
  const auto colon = item.find(':');
  const std::string framework = item.substr(0, colon), id = item.substr(colon + 1);
  std::vector<std::string> frameworks, ids;
  auto all = db.prepare("SELECT id FROM framework ORDER BY id");
  while (all.step()) frameworks.emplace_back(all.text(0));
  if (std::find(frameworks.begin(), frameworks.end(), framework) == frameworks.end())
    throw UnknownRef(fmt::format("unknown framework '{}'{}; known: {}", framework,
                                 did_you_mean(framework, frameworks), join(frameworks, ", ")));
  auto items = db.prepare("SELECT id FROM requirement WHERE framework = ? ORDER BY position");
  items.bind(1, framework);
  while (items.step()) ids.emplace_back(items.text(0));
  if (std::find(ids.begin(), ids.end(), id) == ids.end())
    throw UnknownRef(fmt::format("unknown requirement '{}' of framework {}{}", id, framework,
                                 did_you_mean(id, ids)));
  return item;
}

}  // namespace riskmap
