#pragma once
// Records as rows of typed cells, written as CSV or JSON (SPEC §4: JSON
// arrays of objects with snake_case keys, the CSV header with the same names,
// levels as {"id", "position", "label"}, lists as arrays or one joined cell).
#include <cstdint>
#include <memory>
#include <ostream>
#include <string>
#include <variant>
#include <vector>

#include "entity.hpp"
#include "json_text.hpp"

namespace riskmap {

struct LevelCell {
  std::string id;
  int position = 0;
  std::string label;
  std::string colour;
};

// A computed ratio (a stakeholder's threat level), shown with at most two
// decimals.
struct Decimal {
  double value = 0;
};
// A computed yes/no (an action is overdue): JSON true/false, "true"/"false" in text.
struct Flag {
  bool value = false;
};

using Cell = std::variant<std::monostate, std::string, std::int64_t, LevelCell,
                          std::vector<std::string>, Decimal, Flag>;
// "1.5", "0.67", "3": two decimals at most, no trailing zeros.
std::string decimal_text(double value);

// The text of a cell in CSV or a table: a level is its id, a list is joined.
std::string cell_text(const Cell& cell, std::string_view list_separator = ",");

class RowWriter {
 public:
  virtual ~RowWriter() = default;
  virtual void begin(const std::vector<std::string>& columns) = 0;
  virtual void row(const std::vector<Cell>& cells) = 0;
  virtual void end() = 0;
};

std::unique_ptr<RowWriter> make_csv_writer(std::ostream& out, char delimiter = ',');
enum class JsonShape {
  array,   // a JSON array of objects, then a newline: a whole document
  single,  // the one object alone (for `show`)
  nested,  // an array with no newline after it, inside a larger document
};
std::unique_ptr<RowWriter> make_json_writer(std::ostream& out, JsonShape shape = JsonShape::array);

// The columns of a kind, and a record as cells: "ref", then every field.
// The record's texts are moved into the cells: pass a copy to keep it.
std::vector<std::string> record_columns(const EntityKind& kind);
std::vector<Cell> record_cells(const EntityKind& kind, Record record, const Method& method,
                               Lang lang);
LevelCell level_cell(const Scale& scale, int position, Lang lang);

}  // namespace riskmap
