#pragma once
// What tables show people, in French or in English: the header of each
// column riskmap prints, and the labels of the ids a column holds when no
// field declares them (a zone, a severity, how a value came). CSV and JSON
// keep column names and ids: they are for scripts.
#include <string_view>

#include "entity.hpp"
#include "method.hpp"

namespace riskmap {

// The header of a column, by its name ("current_level" -> "Niveau initial"
// or "Current level"); "FIELD_source" is named after FIELD. Nullptr for a
// column without one (a scale step's id in the grid of `method show`).
const Text* column_label(std::string_view column);

// The vocabulary of a computed column ("zone", "severity", "theme",
// "FIELD_source"...); nullptr for one that holds no ids.
const Vocabulary* column_vocabulary(std::string_view column);

}  // namespace riskmap
