#include "mapping_presets.hpp"

#include <algorithm>
#include <sstream>

#include <fmt/format.h>

#include "csv.hpp"
#include "embedded.hpp"
#include "error.hpp"
#include "kinds.hpp"
#include "text.hpp"

namespace riskmap {

namespace {

std::string_view preset_text(std::string_view name) {
  const std::string path = fmt::format("core/presets/{}.toml", name);
  for (const auto& file : embedded::presets())
    if (file.path == path) return file.content;
  return {};
}

std::vector<MappingPreset> make_presets() {
  std::vector<MappingPreset> presets{
      {"ciso-assistant", "scenarios",
       "CISO Assistant's risk assessment export, in English or French: "
       "ref_id;assets;threats;name;description;...",
       {}},
      {"registre-fr", "scenarios",
       "A risk register kept in a French spreadsheet: Réf;Risque;Description;Actif;Menace;"
       "Probabilité;Impact;Niveau;...",
       {}},
  };
  for (auto& preset : presets) preset.text = preset_text(preset.name);
  return presets;
}

}  // namespace

std::span<const MappingPreset> mapping_presets() {
  static const std::vector<MappingPreset> presets = make_presets();
  return presets;
}

const MappingPreset* find_mapping_preset(std::string_view name) {
  for (const auto& preset : mapping_presets())
    if (preset.name == name) return &preset;
  return nullptr;
}

std::vector<std::string> mapping_preset_names() {
  std::vector<std::string> names;
  for (const auto& preset : mapping_presets()) names.emplace_back(preset.name);
  return names;
}

std::string preset_source(const MappingPreset& preset) {
  return fmt::format("preset {}", preset.name);
}

Mapping read_preset(const MappingPreset& preset, const Method& method) {
  return read_mapping(preset.text, preset_source(preset), kind_named(preset.kind), method);
}

std::vector<const MappingPreset*> presets_reading(const std::vector<std::string>& header,
                                                  const Method& method) {
  std::vector<const MappingPreset*> fitting;
  for (const auto& preset : mapping_presets())
    if (header_fits(read_preset(preset, method), header)) fitting.push_back(&preset);
  return fitting;
}

std::vector<const MappingPreset*> presets_reading(std::istream& in, const Method& method) {
  // The first line is enough for any header without line breaks in it.
  std::string start(1 << 16, '\0');
  in.read(start.data(), static_cast<std::streamsize>(start.size()));
  start.resize(static_cast<std::size_t>(in.gcount()));
  for (const bool windows1252 : {false, true}) {
    std::istringstream text(start);
    csv::Reader reader(text, "header", '\0');
    if (windows1252) reader.read_as_windows1252();
    reader.keep_reading(nullptr);
    csv::Row header;
    try {
      if (!reader.next(header)) return {};
    } catch (const ContentError&) {
      continue;  // an undefined Windows-1252 byte
    }
    if (!header.broken) return presets_reading(header.fields, method);
  }
  return {};
}

std::string foreign_header_hint(const std::vector<std::string>& header, std::size_t unknown,
                                char delimiter, const Method& method) {
  std::vector<std::string> fitting;
  for (const MappingPreset* preset : presets_reading(header, method))
    fitting.push_back(fmt::format("--map {} ({})", preset->name, preset->summary));
  if (!fitting.empty())
    return fmt::format(
        "; the header is not riskmap's but that of a file that a built-in mapping reads: import "
        "it with {}",
        join(fitting, ", or "));
  if (header.size() == 1 && header.front().find('\t') != std::string::npos)
    return "; the file looks tab-separated: import it through a mapping of its columns, "
           "--map FILE.toml, whose [file] says delimiter = \"\\t\" (IMPORT MAPPING in man "
           "riskmap)";
  if (unknown < 2) return {};
  return fmt::format(
      "; with {} columns riskmap does not know, the file looks like a spreadsheet of your "
      "own{}: import it through a mapping of its columns, --map FILE.toml (IMPORT MAPPING in "
      "man riskmap), as no built-in mapping reads this header (riskmap mapping list)",
      unknown, delimiter == ';' ? " (';'-separated)" : "");
}

}  // namespace riskmap
