#pragma once
// RFC 4180 CSV, read as a stream so memory does not grow with the file.
// Every record knows the line it starts on, for "file:line" messages.
#include <cstddef>
#include <istream>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "encoding.hpp"

namespace riskmap::csv {

struct Row {
  std::vector<std::string> fields;
  std::size_t line = 0;  // the physical line the record starts on, 1-based
};

class Reader {
 public:
  // A UTF-8 byte order mark at the start is skipped. Lines end with LF or CRLF.
  // A delimiter of 0 is taken from the first line: ';' when it holds more
  // semicolons than commas (outside quotes), else ','.
  Reader(std::istream& in, std::string source, char delimiter = ',');
  // Reads the bytes as Windows-1252, converting them to UTF-8; an undefined
  // byte throws ContentError "source:line: ...". Call before the first next().
  void read_as_windows1252() { windows1252_ = true; }
  // What a message about invalid UTF-8 advises; "save the file as UTF-8" by default.
  void set_utf8_advice(std::string advice) { utf8_advice_ = std::move(advice); }
  // Reads the next record; false at the end. A structural error (an unclosed
  // quote, text after a closing quote, invalid UTF-8) throws ContentError
  // "source:line: message", since what follows cannot be trusted.
  bool next(Row& row);
  const std::string& source() const { return source_; }
  // The delimiter in use (once the first record is read, when detected).
  char delimiter() const { return delimiter_; }

 private:
  int get();
  void detect_delimiter();
  std::istream& in_;
  std::string source_;
  char delimiter_;
  std::size_t line_ = 1;
  std::string buffer_;
  std::size_t at_ = 0;
  bool started_ = false;
  bool windows1252_ = false;
  std::string raw_;                         // bytes as read, when converting
  std::optional<unsigned char> undefined_;  // an undefined byte met after the buffer
  std::string utf8_advice_ = "save the file as UTF-8";
};

// Writes one field, quoted when it holds the delimiter, a quote or a line break.
void write_field(std::ostream& out, std::string_view field, char delimiter = ',');

}  // namespace riskmap::csv
