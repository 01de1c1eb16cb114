#pragma once
// Every kind of record, for what spans them all (referrers, import, export).
#include <span>
#include <string>
#include <string_view>

#include "entity.hpp"

namespace riskmap {

std::span<const EntityKind* const> all_kinds();
// The command group of a kind: its name with dashes ("feared-event").
std::string command_name(const EntityKind& kind);
// Finds a kind by its name or plural ("asset", "assets"); throws ValueError.
const EntityKind& kind_named(std::string_view name);

}  // namespace riskmap
