// An import mapping of arbitrary bytes: accepted or refused with a
// ContentError naming the line; an accepted one then settles its label
// scales from a few labels and reads a few client values without crashing.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "error.hpp"
#include "mapping.hpp"
#include "mapping_scales.hpp"
#include "scenario.hpp"
#include "workspace.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const riskmap::Method method = riskmap::load_method("ebios-rm");
  const riskmap::EntityKind& kind = riskmap::scenario_kind();
  try {
    riskmap::Mapping mapping = riskmap::read_mapping(
        std::string_view(reinterpret_cast<const char*>(data), size), "mapping.toml", kind, method);
    riskmap::ScaleCells cells;
    for (const char* table : {"likelihood", "impact", "level", "current_likelihood"})
      cells[table] = {"Low", "High", "Très élevé", "Elevé", "--"};
    riskmap::settle_label_scales(mapping, cells, method);
    mapping.empty_cell("--");
    for (const auto& column : mapping.columns) {
      const riskmap::Field* field = kind.find(column.field);
      if (!field) continue;
      for (const char* cell : {"Elevé", "3", "5", "V2", "A1, A2; A3", ""}) {
        try {
          mapping.read(*field, cell, method);
        } catch (const riskmap::ValueError&) {
        }
      }
    }
    try {
      mapping.read_ref("n°12");
    } catch (const riskmap::ValueError&) {
    }
  } catch (const riskmap::Error&) {
  }
  return 0;
}
