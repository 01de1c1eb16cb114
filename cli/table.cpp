#include "table.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "text.hpp"

namespace riskmap::cli {

std::string on_colour(std::string_view text, std::string_view colour) {
  if (colour.size() != 7) return std::string(text);
  const auto component = [&](std::size_t at) {
    return std::stoi(std::string(colour.substr(at, 2)), nullptr, 16);
  };
  const int r = component(1), g = component(3), b = component(5);
  const bool dark = (299 * r + 587 * g + 114 * b) / 1000 < 140;
  return fmt::format("\x1b[48;2;{};{};{}m\x1b[{}m{}\x1b[0m", r, g, b, dark ? 97 : 30, text);
}

namespace {

class TableWriter final : public RowWriter {
 public:
  TableWriter(std::ostream& out, bool colour, std::vector<std::string> shown)
      : out_(out), colour_(colour), shown_(std::move(shown)) {}

  void begin(const std::vector<std::string>& columns) override {
    for (std::size_t i = 0; i < columns.size(); ++i)
      if (shown_.empty() || std::find(shown_.begin(), shown_.end(), columns[i]) != shown_.end())
        picked_.push_back(i);
    if (!shown_.empty()) {  // in the order asked for
      std::sort(picked_.begin(), picked_.end(), [&](std::size_t a, std::size_t b) {
        return std::find(shown_.begin(), shown_.end(), columns[a]) <
               std::find(shown_.begin(), shown_.end(), columns[b]);
      });
    }
    std::vector<Cell> header;
    for (const std::size_t i : picked_) header.emplace_back(columns[i]);
    rows_.push_back(std::move(header));
  }

  void row(const std::vector<Cell>& cells) override {
    std::vector<Cell> picked;
    for (const std::size_t i : picked_) picked.push_back(cells[i]);
    rows_.push_back(std::move(picked));
  }

  void end() override {
    std::vector<std::size_t> widths(picked_.size());
    std::vector<std::vector<std::string>> texts;
    for (const auto& row : rows_) {
      std::vector<std::string> line;
      for (std::size_t c = 0; c < row.size(); ++c) {
        std::string text = text_of(row[c]);
        widths[c] = std::max(widths[c], display_width(text));
        line.push_back(std::move(text));
      }
      texts.push_back(std::move(line));
    }
    for (std::size_t r = 0; r < texts.size(); ++r) {
      std::string line;
      for (std::size_t c = 0; c < texts[r].size(); ++c) {
        const bool last = c + 1 == texts[r].size();
        const std::string& text = texts[r][c];
        const std::size_t pad = last ? 0 : widths[c] - display_width(text) + 2;
        const auto* level = std::get_if<LevelCell>(&rows_[r][c]);
        line += colour_ && level ? on_colour(text, level->colour) : text;
        line += std::string(pad, ' ');
      }
      while (!line.empty() && line.back() == ' ') line.pop_back();
      out_ << line << '\n';
    }
    out_.flush();
  }

 private:
  static std::string text_of(const Cell& cell) {
    if (const auto* level = std::get_if<LevelCell>(&cell)) return level->label;
    std::string text = cell_text(cell, ", ");
    // A table row stays on one line.
    std::replace_if(
        text.begin(), text.end(), [](char c) { return c == '\n' || c == '\r' || c == '\t'; }, ' ');
    return text;
  }

  std::ostream& out_;
  bool colour_;
  std::vector<std::string> shown_;
  std::vector<std::size_t> picked_;
  std::vector<std::vector<Cell>> rows_;
};

}  // namespace

std::unique_ptr<RowWriter> make_table_writer(std::ostream& out, bool colour,
                                             std::vector<std::string> columns) {
  return std::make_unique<TableWriter>(out, colour, std::move(columns));
}

}  // namespace riskmap::cli
