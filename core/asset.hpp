#pragma once
// Assets: business values (primary assets) and the supporting assets they
// rely on (SPEC §2).
#include "entity.hpp"

namespace riskmap {

const EntityKind& asset_kind();

const Vocabulary& asset_kinds();
const Vocabulary& asset_roles();
const Vocabulary& exposures();
const Vocabulary& data_categories();
const Vocabulary& security_criteria();  // C, I, A, T

}  // namespace riskmap
