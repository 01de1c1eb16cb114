#include "csv.hpp"

#include <array>

#include <fmt/format.h>

#include "error.hpp"
#include "problems.hpp"
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

void Reader::structural(Row& row, std::size_t line, std::string_view message) {
  row.broken = true;
  std::string text = fmt::format("{}:{}: {}", source_, line, message);
  if (!keep_reading_) throw ContentError(text);
  if (problems_) problems_->add(std::move(text));
}

std::string Reader::column_name(std::size_t column) const {
  if (column < names_.size()) {
    const auto name = trim(names_[column]);
    if (!name.empty() && !invalid_utf8_at(name)) return fmt::format("column {} '{}'", column + 1, name);
  }
  return fmt::format("column {}", column + 1);
}

std::string Reader::where(const Row& row) const {
  return fmt::format("{}:{}", source_, row.line);
}

std::string Reader::where(const Row& row, std::size_t) const { return where(row); }

std::string Reader::too_wide(const Row& row, std::size_t width) const {
  return fmt::format("{}: {} fields, but the header has {} columns", where(row), row.fields.size(),
                     width);
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
  row.broken = false;
  std::string field;
  bool quoted = false;       // the current field started with a quote
  bool after_quote = false;  // a closing quote was just read
  std::size_t quote_line = line_;
  const auto finish_field = [&]() {
    if (auto bad = invalid_utf8_at(field))
      structural(row, row.line,
                 fmt::format("{} is not valid UTF-8 (byte {}); {}", column_name(count), *bad + 1,
                             utf8_advice_));
    if (unguard_) remove_formula_guard(field);
    if (count == row.fields.size()) row.fields.emplace_back();
    row.fields[count++].swap(field);
    field.clear();
    quoted = after_quote = false;
  };
  const auto finish_record = [&]() {
    finish_field();
    row.fields.resize(count);
    if (!named_) {
      names_ = row.fields;
      named_ = true;
    }
    return true;
  };
  while (true) {
    if (c == -1) {
      if (quoted && !after_quote)
        structural(row, quote_line,
                   fmt::format("{}: unclosed quote: the field opened here never ends, and holds "
                               "the rest of the file",
                               column_name(count)));
      return finish_record();
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
          if (c != -1) --at_;
          return finish_record();
        }
      }
      ++line_;
      return finish_record();
    } else if (after_quote) {
      // RFC 4180 holds for a quoted field. Read on, the rest as text.
      structural(row, line_,
                 fmt::format("{}: unexpected '{}' after a closing quote; a quote inside a quoted "
                             "field is written twice (\"\")",
                             column_name(count), ch));
      field += ch;
      quoted = after_quote = false;
    } else if (ch == '"' && field.empty()) {
      quoted = true;
      quote_line = line_;
    } else {
      // A quote in a field that did not start with one is text, as
      // spreadsheets and Python's csv read it: =HYPERLINK("x") unquoted.
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
