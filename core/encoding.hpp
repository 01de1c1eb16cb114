#pragma once
// Character encodings of the files people bring: UTF-8 (with or without a
// byte order mark) and Windows-1252, which spreadsheets on Windows still
// write when asked for "CSV".
#include <cstddef>
#include <istream>
#include <optional>
#include <string>
#include <string_view>

namespace riskmap {

enum class Encoding {
  automatic,    // UTF-8 when the bytes are valid UTF-8, else Windows-1252
  utf8,         // UTF-8 only: invalid bytes are an error
  windows1252,  // every byte read as Windows-1252
};

// "auto", "utf-8" (or "utf8") and "windows-1252" (or "cp1252"), any case.
// Throws ValueError listing them.
Encoding parse_encoding(std::string_view text);
std::string_view to_string(Encoding encoding);

// The UTF-8 text of one Windows-1252 byte; empty for the five bytes that
// Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D).
std::string_view windows1252_char(unsigned char byte);

// Appends `bytes`, read as Windows-1252, to `out` as UTF-8, and stops at the
// first undefined byte: returns its offset in `bytes`, or nullopt when every
// byte was converted.
std::optional<std::size_t> append_windows1252(std::string_view bytes, std::string& out);

// What reading a whole stream as UTF-8 found.
struct Utf8Scan {
  bool bom = false;                         // it starts with a UTF-8 byte order mark
  std::optional<std::size_t> invalid_line;  // the line of the first invalid byte, 1-based
};
// Reads `in` to its end in chunks, then rewinds it to where it was: `in`
// must be seekable (a file or a string stream, not a pipe).
Utf8Scan scan_utf8(std::istream& in);

}  // namespace riskmap
