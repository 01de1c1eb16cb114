#pragma once
// Stakeholders of the ecosystem (parties prenantes, SPEC §2-§3): who they
// are, what they touch, and the four criteria their threat level comes from,
// at the initial and residual stages.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "db.hpp"

#include "entity.hpp"

namespace riskmap {

const EntityKind& stakeholder_kind();
const Vocabulary&
stakeholder_categories();  // client, partner, provider, supplier, regulator, other

// The stakeholders' rating stages: initial, and residual (after the controls
// that lower their rating).
enum class Rated { initial, residual };

// Threat level = (dependency × penetration) / (maturity × trust), when all
// four criteria are set at that stage.
std::optional<double> threat_level(const Record& stakeholder, Rated stage);

// The scenarios that go through each stakeholder (their `stakeholders`
// field), read in one query, refs in natural order.
std::map<std::string, std::vector<std::string>, std::less<>> scenarios_through(Database& db);

// Zones of the ecosystem map, from the most to the least worrying; a threat
// level at or above a threshold falls in that zone (SPEC §3).
enum class Zone { danger, control, watch, outside };
struct ZoneThresholds {
  double danger = 2.5;
  double control = 0.9;
  double watch = 0.2;
};
Zone zone_of(double threat, const ZoneThresholds& thresholds);
const Vocabulary& zones();  // ids and labels, in the order of Zone

// A stakeholder of any category in the danger zone at its initial or its
// residual rating, with no control linked to it: the one test the review
// (stakeholder-danger-no-control) and the recommendations both apply.
struct DangerExposure {
  std::optional<double> initial, residual;  // threat levels, when rated
};
std::optional<DangerExposure> danger_without_control(const Record& stakeholder,
                                                     const ZoneThresholds& thresholds);

}  // namespace riskmap
