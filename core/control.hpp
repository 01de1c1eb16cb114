#pragma once
// Security controls (mesures de sécurité, SPEC §2): existing or planned, with
// the framework requirements they answer. A scenario names its controls as
// existing (they explain its current rating) or additional (they aim at its
// residual rating).
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "db.hpp"
#include "entity.hpp"

namespace riskmap {

const EntityKind& control_kind();
const Vocabulary& control_categories();  // governance, protection, defence, resilience
const Vocabulary& control_states();      // existing, planned, in-progress, done, abandoned

// Where each control is used: the scenarios naming it as existing or
// additional, the actions implementing it, the stakeholders it rates down.
struct ControlUse {
  std::vector<std::string> existing_for, additional_for, actions, stakeholders;
};
// Read in one query per link table, refs in natural order. With `wanted`,
// only the controls it accepts are kept: a caller that needs a few controls'
// links does not hold every link of a large map.
std::map<std::string, ControlUse, std::less<>> control_uses(
    Database& db, const std::function<bool(std::string_view control)>& wanted = {});

// Checks a requirement named FRAMEWORK:ID, as controls cite it: ValueError
// when it is not written so, UnknownRef (with a suggestion) when the
// framework or the requirement is unknown. Returns it trimmed.
std::string check_requirement(Database& db, std::string_view reference);

}  // namespace riskmap
