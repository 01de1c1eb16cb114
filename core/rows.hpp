#pragma once
// The rows of a table an import reads, whatever file holds them: a CSV file
// (csv.hpp) or a sheet of an XLSX workbook (xlsx.hpp). An import reads its
// rows through this, so both are checked the same way; only where a row or
// a cell is ("file:12", "file.xlsx:Sheet!C12") differs.
#include <cstddef>
#include <string>
#include <vector>

namespace riskmap {

struct Row {
  std::vector<std::string> fields;
  std::size_t line = 0;  // the line the record starts on, or the sheet's row number; 1-based
  // A structural error was met in it (keep_reading): its fields cannot be trusted.
  bool broken = false;
};

class RowSource {
 public:
  virtual ~RowSource() = default;
  // Reads the next row; false at the end. The first row is the header.
  virtual bool next(Row& row) = 0;
  // The file, as messages name it.
  virtual const std::string& source() const = 0;
  // Where a row is, for messages: "file:12", "file.xlsx:Sheet!12".
  virtual std::string where(const Row& row) const = 0;
  // Where the cell of a row's column (0-based, in its fields) is: "file:12"
  // in a CSV file, whose messages name the column after it, or
  // "file.xlsx:Sheet!C12".
  virtual std::string where(const Row& row, std::size_t column) const = 0;
  // That there is no row at all: "file: the file is empty",
  // "file.xlsx: sheet Risques is empty".
  virtual std::string empty_text() const = 0;
  // The field delimiter of a text file; 0 for a workbook.
  virtual char delimiter() const = 0;
  // The problem of a row holding more fields than the header's `width`
  // columns, of which some beyond are not blank.
  virtual std::string too_wide(const Row& row, std::size_t width) const = 0;
  // What the reading has to tell the user once the rows are read (e.g.
  // that some cells were formulas).
  virtual std::vector<std::string> notes() const { return {}; }
};

}  // namespace riskmap
