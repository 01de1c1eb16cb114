#pragma once
// JSON strings, and the JSON arrays of strings in which the workspace keeps
// a record's lists (one column per list field).
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace riskmap {

// `text` as a JSON string, quotes included, appended to `out`: only '"',
// '\', control characters and DEL are escaped; other bytes are kept as they
// are. The result is also a TOML basic string and a YAML double-quoted scalar.
void append_json_string(std::string& out, std::string_view text);
void write_json_string(std::ostream& out, std::string_view text);

// `items` as a JSON array of strings, e.g. ["A1","A2"], appended to `out`.
void append_json_list(std::string& out, const std::vector<std::string>& items);
// Reads a JSON array of strings into `items` (cleared first); false when
// `json` is not one (`items` is then unspecified).
bool read_json_list(std::string_view json, std::vector<std::string>& items);

}  // namespace riskmap
