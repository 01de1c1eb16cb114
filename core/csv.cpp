#include "csv.hpp"

#include <array>

#include <fmt/format.h>

#include "error.hpp"
#include "text.hpp"

namespace riskmap::csv {

Reader::Reader(std::istream& in, std::string source, char delimiter)
    : in_(in), source_(std::move(source)), delimiter_(delimiter) {}

int Reader::get() {
  if (at_ == buffer_.size()) {
    // An undefined byte is reported once everything before it was read, so
    // that the line is the one it is on.
    if (undefined_)
      throw ContentError(fmt::format(
          "{}:{}: byte 0x{:02X} is not a character in Windows-1252; save the file as UTF-8",
          source_, line_, *undefined_));
    at_ = 0;
    if (!windows1252_) {
      buffer_.resize(1 << 16);
      in_.read(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
      buffer_.resize(static_cast<std::size_t>(in_.gcount()));
    } else {
      raw_.resize(1 << 16);
      in_.read(raw_.data(), static_cast<std::streamsize>(raw_.size()));
      raw_.resize(static_cast<std::size_t>(in_.gcount()));
      buffer_.clear();
      if (const auto bad = append_windows1252(raw_, buffer_))
        undefined_ = static_cast<unsigned char>(raw_[*bad]);
      if (buffer_.empty() && undefined_) return get();
    }
    if (buffer_.empty()) return -1;
  }
  return static_cast<unsigned char>(buffer_[at_++]);
}

void Reader::detect_delimiter() {
  // The first record starts at at_ - 1 (its first character was just read).
  std::size_t commas = 0, semicolons = 0;
  bool quoted = false;
  for (std::size_t i = at_ == 0 ? 0 : at_ - 1; i < buffer_.size(); ++i) {
    const char c = buffer_[i];
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n' || c == '\r') break;
    commas += c == ',';
    semicolons += c == ';';
  }
  delimiter_ = semicolons > commas ? ';' : ',';
}

bool Reader::next(Row& row) {
  // Fields are swapped into the row's strings, not moved: from row to row
  // they keep their storage, and reading a large file allocates little.
  std::size_t count = 0;
  int c = get();
  if (!started_) {
    started_ = true;
    if (c == 0xEF) {
      if (get() != 0xBB || get() != 0xBF)
        throw ContentError(fmt::format("{}:1: invalid UTF-8 at the start of the file", source_));
      c = get();
    }
    if (delimiter_ == 0) detect_delimiter();
  }
  if (c == -1) {
    row.fields.clear();
    return false;
  }
  row.line = line_;
  std::string field;
  bool quoted = false;       // the current field started with a quote
  bool after_quote = false;  // a closing quote was just read
  std::size_t quote_line = line_;
  const auto finish_field = [&]() {
    if (auto bad = invalid_utf8_at(field))
      throw ContentError(fmt::format("{}:{}: field {} is not valid UTF-8 (byte {}); {}", source_,
                                     row.line, count + 1, *bad + 1, utf8_advice_));
    if (unguard_) remove_formula_guard(field);
    if (count == row.fields.size()) row.fields.emplace_back();
    row.fields[count++].swap(field);
    field.clear();
    quoted = after_quote = false;
  };
  while (true) {
    if (c == -1) {
      if (quoted && !after_quote)
        throw ContentError(fmt::format("{}:{}: unclosed quote: the field opened here never ends",
                                       source_, quote_line));
      finish_field();
      row.fields.resize(count);
      return true;
    }
    const char ch = static_cast<char>(c);
    if (quoted && !after_quote) {
      if (ch == '"') {
        after_quote = true;
      } else {
        if (ch == '\n') ++line_;
        field += ch;
        // The rest of the quoted run at once, up to a quote or a line end.
        const std::size_t run = at_;
        while (at_ < buffer_.size() && buffer_[at_] != '"' && buffer_[at_] != '\n') ++at_;
        field.append(buffer_, run, at_ - run);
      }
    } else if (after_quote && ch == '"') {
      field += '"';  // a doubled quote inside a quoted field
      after_quote = false;
    } else if (ch == delimiter_) {
      finish_field();
    } else if (ch == '\n' || ch == '\r') {
      if (ch == '\r') {
        c = get();
        if (c != '\n') {
          // A lone CR ends the line too (old Mac files).
          ++line_;
          finish_field();
          row.fields.resize(count);
          if (c != -1) --at_;
          return true;
        }
      }
      ++line_;
      finish_field();
      row.fields.resize(count);
      return true;
    } else if (after_quote) {
      throw ContentError(
          fmt::format("{}:{}: unexpected '{}' after a closing quote in field {}; a quote "
                      "inside a quoted field is written twice (\"\")",
                      source_, line_, ch, count + 1));
    } else if (ch == '"' && field.empty()) {
      quoted = true;
      quote_line = line_;
    } else if (ch == '"') {
      throw ContentError(
          fmt::format("{}:{}: stray quote in field {}: a field holding quotes must be quoted "
                      "as a whole, with inner quotes doubled",
                      source_, line_, count + 1));
    } else {
      field += ch;
      // The rest of a plain field at once, as far as the buffer goes.
      const std::size_t run = at_;
      while (at_ < buffer_.size() && buffer_[at_] != delimiter_ && buffer_[at_] != '"' &&
             buffer_[at_] != '\n' && buffer_[at_] != '\r')
        ++at_;
      field.append(buffer_, run, at_ - run);
    }
    c = get();
  }
}

namespace {

// Bytes that make a field quoted, besides the delimiter in use.
constexpr std::array<bool, 256> quoted_bytes = [] {
  std::array<bool, 256> quoted{};
  for (const char c : std::string_view(",;\"\r\n")) quoted[static_cast<unsigned char>(c)] = true;
  return quoted;
}();

}  // namespace

void append_field(std::string& line, std::string_view field, char delimiter, bool text) {
  const bool guard = text && needs_formula_guard(field);
  bool quote = false;
  for (const char c : field)
    if (quoted_bytes[static_cast<unsigned char>(c)] || c == delimiter) {
      quote = true;
      break;
    }
  if (!quote) {
    if (guard) line += '\'';
    line.append(field);
    return;
  }
  line += '"';
  if (guard) line += '\'';
  for (std::size_t from = 0;;) {
    const std::size_t at = field.find('"', from);
    if (at == std::string_view::npos) {
      line.append(field, from);
      break;
    }
    line.append(field, from, at + 1 - from);
    line += '"';
    from = at + 1;
  }
  line += '"';
}

}  // namespace riskmap::csv
