#pragma once
// One record as a TOML document a person edits (`riskmap KIND edit`): one
// field a line in the kind's order, a field without a value commented out
// so that it can be filled in, a derived value commented out with what it
// is, and read back with every error located as source:line:column.
#include <string>
#include <string_view>

#include "entity.hpp"
#include "method.hpp"

namespace riskmap {

// The record as TOML: a comment header of `header` lines (each written as
// "# line"), then the fields. Labels of levels and choices, in comments,
// are in `lang`.
std::string record_to_toml(const EntityKind& kind, const Record& record, const Method& method,
                           Lang lang, std::string_view header);

// Reads a record back from `text`: the fields it gives take their values,
// the others are unset, none is derived. The ref is the caller's (`ref`);
// links to other records are checked when the record is stored, not here.
// Throws ContentError "source:line:column: message" for a TOML error, an
// unknown or repeated field, a value of the wrong type or one the field
// does not allow, a required field missing.
Record record_from_toml(const EntityKind& kind, const std::string& ref, std::string_view text,
                        const std::string& source, const Method& method);

// Whether `text` holds nothing but blank lines and comments.
bool is_blank_toml(std::string_view text);

}  // namespace riskmap
