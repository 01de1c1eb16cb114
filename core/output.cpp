#include "output.hpp"

#include <charconv>
#include <cmath>
#include <iterator>

#include <fmt/format.h>

#include "csv.hpp"
#include "date.hpp"
#include "text.hpp"

namespace riskmap {

std::string decimal_text(double value) {
  // Halves round up, as on a calculator (9/8 shows 1.13): the ratios shown
  // have small denominators, so value * 100 is exact or nearly so.
  std::string text = fmt::format("{:.2f}", std::floor(value * 100 + 0.5) / 100);
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text;
}

std::string cell_text(const Cell& cell, std::string_view list_separator) {
  if (const auto* decimal = std::get_if<Decimal>(&cell)) return decimal_text(decimal->value);
  if (const auto* flag = std::get_if<Flag>(&cell)) return flag->value ? "true" : "false";
  if (const auto* text = std::get_if<std::string>(&cell)) return *text;
  if (const auto* number = std::get_if<std::int64_t>(&cell)) return std::to_string(*number);
  if (const auto* level = std::get_if<LevelCell>(&cell)) return level->id;
  if (const auto* list = std::get_if<std::vector<std::string>>(&cell)) {
    std::string out;
    for (std::size_t i = 0; i < list->size(); ++i) {
      if (i) out += list_separator;
      out += (*list)[i];
    }
    return out;
  }
  return {};
}

namespace {

// Which cells are text, for the formula guard (csv::append_field): what a
// person wrote, in the workspace or the method (texts, lists, level ids), and
// riskmap's own words (dates, choice ids) with it, are text; the numbers,
// ratios and flags riskmap computes or stores as numbers (std::int64_t,
// Decimal, Flag) are not, so a negative number stays a number. Rows are built
// in a buffer and handed to the stream in large blocks.
class CsvWriter final : public RowWriter {
 public:
  CsvWriter(std::ostream& out, char delimiter) : out_(out), delimiter_(delimiter) {}
  void begin(const std::vector<std::string>& columns) override {
    for (std::size_t i = 0; i < columns.size(); ++i) {
      if (i) buf_ += delimiter_;
      csv::append_field(buf_, columns[i], delimiter_);
    }
    buf_ += '\n';
  }
  void row(const std::vector<Cell>& cells) override {
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i) buf_ += delimiter_;
      write(cells[i]);
    }
    buf_ += '\n';
    if (buf_.size() >= block) drain();
  }
  void end() override {
    drain();
    out_.flush();
  }

 private:
  static constexpr std::size_t block = 1 << 16;
  void drain() {
    out_.write(buf_.data(), static_cast<std::streamsize>(buf_.size()));
    buf_.clear();
  }
  void write(const Cell& cell) {
    if (const auto* text = std::get_if<std::string>(&cell)) {
      csv::append_field(buf_, *text, delimiter_);
    } else if (const auto* number = std::get_if<std::int64_t>(&cell)) {
      char digits[24];
      const auto end = std::to_chars(digits, digits + sizeof digits, *number).ptr;
      buf_.append(digits, end);
    } else if (const auto* level = std::get_if<LevelCell>(&cell)) {
      csv::append_field(buf_, level->id, delimiter_);
    } else if (const auto* list = std::get_if<std::vector<std::string>>(&cell)) {
      joined_.clear();
      for (std::size_t i = 0; i < list->size(); ++i) {
        if (i) joined_ += ',';
        joined_ += (*list)[i];
      }
      csv::append_field(buf_, joined_, delimiter_);
    } else if (!std::holds_alternative<std::monostate>(cell)) {
      csv::append_field(buf_, cell_text(cell), delimiter_, false);  // a Decimal or a Flag
    }
  }
  std::ostream& out_;
  char delimiter_;
  std::string buf_;
  std::string joined_;  // a list's items, joined; kept from row to row
};

// Rows are built in a buffer and handed to the stream in large blocks: a
// stream insertion per token costs more than the JSON itself.
class JsonWriter final : public RowWriter {
 public:
  JsonWriter(std::ostream& out, JsonShape shape)
      : out_(out), shape_(shape), single_(shape == JsonShape::single) {}
  void begin(const std::vector<std::string>& columns) override {
    keys_.clear();
    for (const auto& column : columns) {
      std::string key;
      append_json_string(key, column);
      keys_.push_back(key + ": ");
    }
    if (!single_) buf_ += '[';
  }
  void row(const std::vector<Cell>& cells) override {
    if (!single_) buf_ += rows_ ? ",\n  " : "\n  ";
    ++rows_;
    buf_ += '{';
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i) buf_ += ", ";
      buf_ += keys_[i];
      write(cells[i]);
    }
    buf_ += '}';
    if (buf_.size() >= block) drain();
  }
  void end() override {
    if (!single_) buf_ += rows_ ? "\n]" : "]";
    if (shape_ != JsonShape::nested) buf_ += '\n';
    drain();
    out_.flush();
  }

 private:
  static constexpr std::size_t block = 1 << 16;
  void append_number(std::int64_t number) {
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, number).ptr;
    buf_.append(digits, end);
  }
  void drain() {
    out_.write(buf_.data(), static_cast<std::streamsize>(buf_.size()));
    buf_.clear();
  }
  void write(const Cell& cell) {
    if (std::holds_alternative<std::monostate>(cell)) {
      buf_ += "null";
    } else if (const auto* text = std::get_if<std::string>(&cell)) {
      append_json_string(buf_, *text);
    } else if (const auto* number = std::get_if<std::int64_t>(&cell)) {
      append_number(*number);
    } else if (const auto* decimal = std::get_if<Decimal>(&cell)) {
      buf_ += decimal_text(decimal->value);
    } else if (const auto* flag = std::get_if<Flag>(&cell)) {
      buf_ += flag->value ? "true" : "false";
    } else if (const auto* level = std::get_if<LevelCell>(&cell)) {
      buf_ += "{\"id\": ";
      append_json_string(buf_, level->id);
      buf_ += ", \"position\": ";
      append_number(level->position);
      buf_ += ", \"label\": ";
      append_json_string(buf_, level->label);
      buf_ += '}';
    } else {
      const auto& list = std::get<std::vector<std::string>>(cell);
      buf_ += '[';
      for (std::size_t i = 0; i < list.size(); ++i) {
        if (i) buf_ += ", ";
        append_json_string(buf_, list[i]);
      }
      buf_ += ']';
    }
  }
  std::ostream& out_;
  JsonShape shape_;
  bool single_;
  std::vector<std::string> keys_;  // each column as a JSON key, with ": "
  std::string buf_;
  std::size_t rows_ = 0;
};

}  // namespace

std::unique_ptr<RowWriter> make_csv_writer(std::ostream& out, char delimiter) {
  return std::make_unique<CsvWriter>(out, delimiter);
}

std::unique_ptr<RowWriter> make_json_writer(std::ostream& out, JsonShape shape) {
  return std::make_unique<JsonWriter>(out, shape);
}

std::vector<std::string> record_columns(const EntityKind& kind) {
  std::vector<std::string> columns{"ref"};
  for (const auto& field : kind.fields) columns.push_back(field.name);
  return columns;
}

LevelCell level_cell(const Scale& scale, int position, Lang lang) {
  const Step& step = scale.at(position);
  return LevelCell{step.id, position, step.label.in(lang), step.colour};
}

std::vector<Cell> record_cells(const EntityKind& kind, Record record, const Method& method,
                               Lang lang) {
  std::vector<Cell> cells;
  cells.reserve(kind.fields.size() + 1);
  cells.emplace_back(std::move(record.ref));
  for (std::size_t i = 0; i < kind.fields.size(); ++i) {
    const Field& field = kind.fields[i];
    Value& value = record.values[i];
    if (std::holds_alternative<std::monostate>(value)) {
      cells.emplace_back(field.is_list() && !field.single ? Cell(std::vector<std::string>{})
                                                          : Cell());
    } else if (auto* text = std::get_if<std::string>(&value)) {
      cells.emplace_back(std::move(*text));
    } else if (auto* list = std::get_if<std::vector<std::string>>(&value)) {
      if (field.single)
        cells.emplace_back(list->empty() ? Cell() : Cell(std::move(list->front())));
      else
        cells.emplace_back(std::move(*list));
    } else if (field.type == FieldType::step) {
      cells.emplace_back(level_cell(scale_of(field, method),
                                    static_cast<int>(std::get<std::int64_t>(value)), lang));
    } else if (field.type == FieldType::duration) {
      cells.emplace_back(format_duration(std::get<std::int64_t>(value)));
    } else {
      cells.emplace_back(std::get<std::int64_t>(value));
    }
  }
  return cells;
}

}  // namespace riskmap
