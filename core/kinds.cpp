#include "kinds.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "action.hpp"
#include "asset.hpp"
#include "control.hpp"
#include "ebios.hpp"
#include "error.hpp"
#include "scenario.hpp"
#include "stakeholder.hpp"
#include "text.hpp"

namespace riskmap {

std::span<const EntityKind* const> all_kinds() {
  // In the order an import of every kind must write them: a kind only names
  // kinds before it (or itself).
  static const EntityKind* const kinds[] = {
      &asset_kind(),     &control_kind(),     &stakeholder_kind(), &feared_event_kind(),
      &origin_kind(),    &strategic_kind(),   &path_kind(),        &operational_kind(),
      &step_kind(),      &scenario_kind(),    &action_kind()};
  return kinds;
}

std::string command_name(const EntityKind& kind) {
  std::string name = kind.name;
  std::replace(name.begin(), name.end(), '_', '-');
  return name;
}

const EntityKind& kind_named(std::string_view name) {
  std::vector<std::string> names;
  for (const EntityKind* kind : all_kinds()) {
    if (name == kind->name || name == kind->plural || name == command_name(*kind)) return *kind;
    names.push_back(kind->plural);
  }
  throw ValueError(fmt::format("unknown kind '{}'{}; allowed: {}", name, did_you_mean(name, names),
                               quoted_list(names)));
}

}  // namespace riskmap
