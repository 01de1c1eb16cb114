#pragma once
// A sheet of an XLSX workbook (SpreadsheetML, ECMA-376), read row by row as
// an import reads a CSV file: the sheet's XML is inflated and parsed as a
// stream, so memory does not grow with its rows; the shared strings and
// the styles are held in memory. Cells are read as the workbook saved them:
// a formula is never computed, its cached value is read.
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rows.hpp"
#include "zip.hpp"

namespace riskmap {

class Problems;

namespace xlsx {

// Whether a file is to be read as a workbook: its name ends in ".xlsx"
// (case aside), or its first bytes are those of a zip archive.
bool is_workbook(std::string_view name, std::string_view first_bytes);
// What to say of a spreadsheet in a format that is not read (".xls",
// ".ods"), or "" for any other name.
std::string unread_format(std::string_view name);

// The most columns a row may have (XFD, as in spreadsheet programs), and the
// most text a row may hold.
inline constexpr std::size_t max_columns = 16384;
inline constexpr std::size_t max_row_bytes = std::size_t{16} << 20;

// "A" for 0, "AB" for 27.
std::string column_letters(std::size_t column);
// "Risques", or "'Plan 2026'" for a name that is quoted in a cell reference.
std::string sheet_label(std::string_view name);
// The date of a day number of the 1900 date system (1 is 1900-01-01, 60 is
// the fictitious 1900-02-29) or of the 1904 system (0 is 1904-01-01), as
// YYYY-MM-DD; the time of day is dropped. nullopt when the serial is no date
// of 1900-9999.
std::optional<std::string> serial_date(double serial, bool date1904);
// Whether a number format shows a date: one of the built-in ids 14-22 and
// 45-47, or a format code holding d, m or y outside quotes and [...].
bool is_date_format(std::uint32_t id, std::string_view code);
// The text of a number cell's cached value: a whole number without ".0"
// ("3.0" is "3"), any other as written.
std::string number_text(std::string_view value);
// Undoes OOXML's escapes of characters in strings: "_x000D_" is a CR,
// "_x005F_" an underscore.
std::string unescape(std::string_view text);

class Workbook {
 public:
  // Opens the workbook and reads its sheets' names, its styles and its
  // shared strings. Throws ContentError "source: ..." for a file that is not
  // a workbook, a missing part, malformed XML.
  static Workbook open(zip::Archive archive);

  const std::string& source() const { return archive_.source(); }
  // The sheets' names, in the workbook's order.
  std::vector<std::string> sheet_names() const;
  // The sheet `choice` names: its name, or its 1-based position; the first
  // for "". Throws ValueError listing the sheets.
  std::size_t find_sheet(std::string_view choice) const;
  const std::string& sheet_name(std::size_t sheet) const { return sheets_.at(sheet).name; }

 private:
  friend class SheetReader;
  struct Sheet {
    std::string name, part;
  };
  // A header cell merged across columns: from `first` to `last` on `row`.
  struct Merge {
    std::size_t row, first, last;  // its top row, its first and last columns
    std::size_t last_row;
  };
  explicit Workbook(zip::Archive archive) : archive_(std::move(archive)) {}
  // The merges starting on a row of a sheet, read once (the sheet lists
  // them after its rows).
  const std::vector<Merge>& merges(std::size_t sheet) const;
  bool is_date_style(std::size_t style) const {
    return style < date_styles_.size() && date_styles_[style];
  }

  zip::Archive archive_;
  std::vector<Sheet> sheets_;
  bool date1904_ = false;
  std::optional<std::vector<std::string>> shared_;  // none: the workbook has no shared strings
  std::string shared_part_;
  std::vector<bool> date_styles_;  // by cellXfs index
  mutable std::map<std::size_t, std::vector<Merge>> merges_;
};

// The rows of one sheet, from its header row on; rows holding no value are
// skipped. The first row given is the header: the table's columns are
// those from its first non-empty cell to its last, a header cell merged
// across columns naming each of them; a later row is given in those
// columns (an empty cell for a missing one; those left of the table are not
// read; those right of it only when they hold a value).
class SheetReader : public RowSource {
 public:
  // `header_row`: the sheet's row number of the header (rows above it are
  // titles); 0 for the first row holding a value.
  SheetReader(const Workbook& book, std::size_t sheet, std::size_t header_row = 0);
  ~SheetReader() override;

  // An error cell (#N/A) is a problem of that cell, noted in `problems` when
  // given, and its row is broken; without keep_reading it throws ContentError.
  void keep_reading(Problems* problems);
  bool next(Row& row) override;
  const std::string& source() const override { return book_.source(); }
  std::string where(const Row& row) const override;
  std::string where(const Row& row, std::size_t column) const override;
  std::string empty_text() const override;
  char delimiter() const override { return 0; }
  std::string too_wide(const Row& row, std::size_t width) const override;
  // How many cells were formulas, read as their cached values.
  std::vector<std::string> notes() const override;

 private:
  class State;
  const Workbook& book_;
  std::unique_ptr<State> state_;
};

}  // namespace xlsx
}  // namespace riskmap
