#pragma once
// Built-in import mappings, selected by name (import --map NAME): for the
// exports of other tools and for common register layouts. Each is a mapping
// file, core/presets/NAME.toml, compiled in; `mapping show NAME` prints it
// for a user to copy and adapt.
#include <cstddef>
#include <istream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "mapping.hpp"

namespace riskmap {

struct MappingPreset {
  std::string_view name;
  std::string_view kind;     // the kind it reads, as --kind names it: "scenarios"
  std::string_view summary;  // which files it reads, in a line
  std::string_view text;     // the mapping, TOML
};

std::span<const MappingPreset> mapping_presets();
// The preset of that name, or nullptr.
const MappingPreset* find_mapping_preset(std::string_view name);
// The names of the presets, for messages.
std::vector<std::string> mapping_preset_names();
// How messages name a preset where they would name a mapping file:
// "preset ciso-assistant" (its lines are those `mapping show` prints).
std::string preset_source(const MappingPreset& preset);
// Reads a preset as the mapping of its kind, under `method`.
Mapping read_preset(const MappingPreset& preset, const Method& method);

// The presets whose columns a CSV header holds (their optional columns
// aside): those that read the file.
std::vector<const MappingPreset*> presets_reading(const std::vector<std::string>& header,
                                                  const Method& method);
// The same for the header of a CSV file, its first record, read from `in`
// (UTF-8, else Windows-1252); none when it cannot be read.
std::vector<const MappingPreset*> presets_reading(std::istream& in, const Method& method);

// What an import says of a CSV header that is not riskmap's, after its
// first unknown column, pointing to --map: the presets that read it; else,
// with several columns riskmap does not know (`unknown`), that the file is a
// spreadsheet of the organisation's own (and ';'-separated, when it is);
// else, for one column holding tabs, that it is tab-separated. "" when the
// header looks like riskmap's with a typo. Starts with "; ".
std::string foreign_header_hint(const std::vector<std::string>& header, std::size_t unknown,
                                char delimiter, const Method& method);

}  // namespace riskmap
