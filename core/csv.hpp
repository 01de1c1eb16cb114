#pragma once
// RFC 4180 CSV, read as a stream so memory does not grow with the file.
// Every record knows the line it starts on, for "file:line" messages.
#include <cstddef>
#include <istream>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace riskmap::csv {

struct Row {
  std::vector<std::string> fields;
  std::size_t line = 0;  // the physical line the record starts on, 1-based
};

class Reader {
 public:
  // A UTF-8 byte order mark at the start is skipped. Lines end with LF or CRLF.
  Reader(std::istream& in, std::string source, char delimiter = ',');
  // Reads the next record; false at the end. A structural error (an unclosed
  // quote, text after a closing quote, invalid UTF-8) throws ContentError
  // "source:line: message", since what follows cannot be trusted.
  bool next(Row& row);
  const std::string& source() const { return source_; }

 private:
  int get();
  std::istream& in_;
  std::string source_;
  char delimiter_;
  std::size_t line_ = 1;
  std::string buffer_;
  std::size_t at_ = 0;
  bool started_ = false;
};

// Writes one field, quoted when it holds the delimiter, a quote or a line break.
void write_field(std::ostream& out, std::string_view field, char delimiter = ',');

}  // namespace riskmap::csv
