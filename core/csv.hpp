#pragma once
// RFC 4180 CSV, read as a stream so memory does not grow with the file.
// Every record knows the line it starts on, for "file:line" messages.
// Reading is as lenient as spreadsheet programs where RFC 4180 leaves a
// choice: a quote inside a field that does not start with one is text.
#include <cstddef>
#include <istream>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "encoding.hpp"
#include "rows.hpp"

namespace riskmap {

class Problems;

namespace csv {

// A record: its fields and the physical line it starts on.
using Row = riskmap::Row;

class Reader : public RowSource {
 public:
  // A UTF-8 byte order mark at the start is skipped. Lines end with LF or CRLF.
  // A delimiter of 0 is taken from the first line: ';' when it holds more
  // semicolons than commas (outside quotes), else ','.
  Reader(std::istream& in, std::string source, char delimiter = ',');
  // Reads the bytes as Windows-1252, converting them to UTF-8; an undefined
  // byte throws ContentError "source:line: ...". Call before the first next().
  void read_as_windows1252() { windows1252_ = true; }
  // Reads every field as riskmap wrote it: a formula guard is removed
  // (remove_formula_guard). For files in riskmap's own format, or of a
  // program that guards formulas the same way (an import mapping says so);
  // an organisation's own spreadsheet is read as it is.
  void remove_formula_guards() { unguard_ = true; }
  // What a message about invalid UTF-8 advises; "save the file as UTF-8" by default.
  void set_utf8_advice(std::string advice) { utf8_advice_ = std::move(advice); }
  // Reads on after a structural error instead of throwing: the record is
  // marked broken, and the error goes to `problems` when given (every one of
  // them, so that a file is fixed in one go).
  void keep_reading(Problems* problems) {
    keep_reading_ = true;
    problems_ = problems;
  }
  // The column names messages give beside a column's number; by default
  // the fields of the first record.
  void set_column_names(std::vector<std::string> names) {
    names_ = std::move(names);
    named_ = true;
  }
  // Reads the next record; false at the end. A structural error (an unclosed
  // quote, text after a closing quote, invalid UTF-8) throws ContentError
  // "source:line: column N 'name': message", unless keep_reading. A quote
  // in a field that does not start with one is kept as text.
  bool next(Row& row) override;
  const std::string& source() const override { return source_; }
  // The delimiter in use (once the first record is read, when detected).
  char delimiter() const override { return delimiter_; }
  std::string where(const Row& row) const override;
  std::string where(const Row& row, std::size_t column) const override;
  std::string empty_text() const override { return source_ + ": the file is empty"; }
  std::string too_wide(const Row& row, std::size_t width) const override;

 private:
  int get();
  void detect_delimiter();
  // Throws, or notes the error and marks the row, as keep_reading says.
  void structural(Row& row, std::size_t line, std::string_view message);
  // "column 3 'name'", or "column 3" when it has no name.
  std::string column_name(std::size_t column) const;
  std::istream& in_;
  std::string source_;
  char delimiter_;
  std::size_t line_ = 1;
  std::string buffer_;
  std::size_t at_ = 0;
  bool started_ = false;
  bool windows1252_ = false;
  bool unguard_ = false;
  std::string raw_;                         // bytes as read, when converting
  std::optional<unsigned char> undefined_;  // an undefined byte met after the buffer
  std::string utf8_advice_ = "save the file as UTF-8";
  bool keep_reading_ = false;
  Problems* problems_ = nullptr;
  std::vector<std::string> names_;
  bool named_ = false;
};

// Formula neutralisation, the same in every CSV riskmap writes (SPEC §4).
// A spreadsheet runs a cell starting with '=', '+', '-', '@', a tab or a CR.
// A text cell starting so gets one leading "'" when written; so does a cell
// whose leading "'"s are followed by one of those ("'=1" is written "''=1"),
// so that a reader can tell the "'" riskmap added from the user's own. Reading
// removes one leading "'" where the rest is such a cell, and writing then
// reading gives back the text exactly.
//
// Whether a text cell is written with one more leading "'". Looks at the
// first byte only, unless the cell starts with "'".
inline bool needs_formula_guard(std::string_view cell) {
  std::size_t i = 0;
  while (i < cell.size() && cell[i] == '\'') ++i;
  if (i == cell.size()) return false;
  const char c = cell[i];
  return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}
// Undoes the guard: removes one leading "'" when what follows needs one.
inline void remove_formula_guard(std::string& cell) {
  if (!cell.empty() && cell[0] == '\'' && needs_formula_guard(std::string_view(cell).substr(1)))
    cell.erase(0, 1);
}

// Appends one field to a CSV line, as every CSV riskmap writes does. A text
// field (`text`) is guarded as above; a number riskmap writes itself is not,
// so that "-5" stays a number. The field is quoted (RFC 4180, inner quotes
// doubled) when it holds ',' or ';' (either one, whatever `delimiter`, so a
// spreadsheet that guesses the other still keeps the cell whole), the
// delimiter, a quote, a CR or a LF.
void append_field(std::string& line, std::string_view field, char delimiter = ',',
                  bool text = true);

}  // namespace csv
}  // namespace riskmap
