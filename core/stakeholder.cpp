#include "stakeholder.hpp"

#include <algorithm>
#include <array>

#include "ebios.hpp"
#include "study.hpp"
#include "text.hpp"

namespace riskmap {

const Vocabulary& stakeholder_categories() {
  static const Vocabulary v{
      {"client", {"Client", "Client"}},           {"partner", {"Partenaire", "Partner"}},
      {"provider", {"Prestataire", "Provider"}},  {"supplier", {"Fournisseur", "Supplier"}},
      {"regulator", {"Régulateur", "Regulator"}}, {"other", {"Autre", "Other"}},
  };
  return v;
}

const Vocabulary& zones() {
  static const Vocabulary v{
      {"danger", {"Zone de danger", "Danger zone"}},
      {"control", {"Zone de contrôle", "Control zone"}},
      {"watch", {"Zone de veille", "Watch zone"}},
      {"outside", {"Hors zone", "Outside"}},
  };
  return v;
}

namespace {

constexpr std::array<const char*, 4> criteria{"dependency", "penetration", "maturity", "trust"};

EntityKind make_stakeholder_kind() {
  EntityKind kind{"stakeholder",
                  "stakeholders",
                  "P",
                  {},
                  {"threat", "zone", "residual_threat", "residual_zone", "scenarios"},
                  {}};
  kind.fields.push_back(text_field("name", "Name of the stakeholder", true));
  kind.fields.push_back(choice_field("category", stakeholder_categories(),
                                     "client, partner, provider, supplier, regulator or other",
                                     "other"));
  kind.fields.push_back(
      text_field("description", "What the stakeholder does for the organisation"));
  kind.fields.push_back(text_field("owner", "Who manages the relationship"));
  kind.fields.push_back(
      refs_field("assets", "asset", "asset", "Assets and services the stakeholder touches"));
  const char* helps[] = {
      "Dependency of the organisation on it, 1 to 4",
      "Penetration: its access to the information system, 1 to 4",
      "Cyber maturity, 1 to 4",
      "Trust, 1 to 4",
  };
  for (std::size_t i = 0; i < criteria.size(); ++i)
    kind.fields.push_back(number_field(criteria[i], helps[i], 1, 4));
  for (std::size_t i = 0; i < criteria.size(); ++i) {
    Field residual = number_field(std::string("residual_") + criteria[i],
                                  std::string(helps[i]) + ", after the controls "
                                                          "(by default the initial value)",
                                  1, 4);
    residual.derivable = true;
    kind.fields.push_back(residual);
  }
  kind.fields.push_back(
      refs_field("controls", "control", "control", "Controls that lower its rating"));
  Field critical = choice_field("critical", yes_no(),
                                "Critical stakeholder, yes or no (default: yes in the danger or "
                                "control zone at the initial rating)");
  critical.derivable = true;
  kind.fields.push_back(critical);
  kind.deriver = stakeholder_deriver;
  return kind;
}

}  // namespace

const EntityKind& stakeholder_kind() {
  static const EntityKind kind = make_stakeholder_kind();
  return kind;
}

std::optional<double> threat_level(const Record& stakeholder, Rated stage) {
  static const std::size_t first = stakeholder_kind().index("dependency");
  const std::size_t at = first + (stage == Rated::residual ? criteria.size() : 0);
  std::int64_t value[4];
  for (std::size_t i = 0; i < criteria.size(); ++i) {
    const auto* number = std::get_if<std::int64_t>(&stakeholder.values[at + i]);
    if (!number) return std::nullopt;
    value[i] = *number;
  }
  return static_cast<double>(value[0] * value[1]) / static_cast<double>(value[2] * value[3]);
}

std::map<std::string, std::vector<std::string>, std::less<>> scenarios_through(Database& db) {
  std::map<std::string, std::vector<std::string>, std::less<>> through;
  // As stored, then each list in natural order: see control_uses().
  auto rows = db.prepare("SELECT value, ref FROM scenario_stakeholders");
  while (rows.step()) through[std::string(rows.text(0))].emplace_back(rows.text(1));
  for (auto& [stakeholder, refs] : through) std::sort(refs.begin(), refs.end(), NaturalLess{});
  return through;
}

Zone zone_of(double threat, const ZoneThresholds& thresholds) {
  if (threat >= thresholds.danger) return Zone::danger;
  if (threat >= thresholds.control) return Zone::control;
  if (threat >= thresholds.watch) return Zone::watch;
  return Zone::outside;
}

std::optional<DangerExposure> danger_without_control(const Record& stakeholder,
                                                     const ZoneThresholds& thresholds) {
  static const std::size_t controls = stakeholder_kind().index("controls");
  const auto* linked = std::get_if<std::vector<std::string>>(&stakeholder.values[controls]);
  if (linked && !linked->empty()) return std::nullopt;
  DangerExposure exposure{threat_level(stakeholder, Rated::initial),
                          threat_level(stakeholder, Rated::residual)};
  const auto in_danger = [&](const std::optional<double>& threat) {
    return threat && zone_of(*threat, thresholds) == Zone::danger;
  };
  if (!in_danger(exposure.initial) && !in_danger(exposure.residual)) return std::nullopt;
  return exposure;
}

}  // namespace riskmap
