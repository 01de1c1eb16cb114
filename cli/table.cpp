#include "table.hpp"

#include <algorithm>
#include <streambuf>
#include <string>

#include <fmt/format.h>

#include "text.hpp"
#include "width.hpp"

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
    std::vector<Cell> header(columns.begin(), columns.end());
    widths_.assign(picked_.size(), 0);
    add(header);
  }

  void row(const std::vector<Cell>& cells) override { add(cells); }

  void end() override {
    std::string line;
    for (const auto& row : rows_) {
      line.clear();
      for (std::size_t c = 0; c < row.size(); ++c) {
        const Printed& text = row[c];
        line += colour_ && !text.colour.empty() ? on_colour(text.text, text.colour) : text.text;
        if (c + 1 < row.size()) line.append(widths_[c] - text.width + 2, ' ');
      }
      while (!line.empty() && line.back() == ' ') line.pop_back();
      line += '\n';
      out_ << line;
    }
    out_.flush();
  }

 private:
  // A cell as it is printed: its text, that text's width, a level's colour.
  struct Printed {
    std::string text;
    std::size_t width;
    std::string colour;
  };
  // Each picked cell is turned into text once, as it comes; the table keeps
  // texts only.
  void add(const std::vector<Cell>& cells) {
    std::vector<Printed> row;
    row.reserve(picked_.size());
    for (std::size_t c = 0; c < picked_.size(); ++c) {
      const Cell& cell = cells[picked_[c]];
      std::string text = text_of(cell);
      const std::size_t width = display_width(text);
      widths_[c] = std::max(widths_[c], width);
      const auto* level = std::get_if<LevelCell>(&cell);
      row.push_back({std::move(text), width, level ? level->colour : std::string()});
    }
    rows_.push_back(std::move(row));
  }

  static std::string text_of(const Cell& cell) {
    std::string text =
        terminal_safe(std::holds_alternative<LevelCell>(cell) ? std::get<LevelCell>(cell).label
                                                              : cell_text(cell, ", "));
    std::replace(text.begin(), text.end(), '\n', ' ');  // a table row stays on one line
    return text;
  }

  std::ostream& out_;
  bool colour_;
  std::vector<std::string> shown_;
  std::vector<std::size_t> picked_;
  std::vector<std::size_t> widths_;
  std::vector<std::vector<Printed>> rows_;
};

}  // namespace

// Passes what the stream writes through a TerminalFilter, as it comes:
// nothing is held back, so a message is out before the command goes on.
class TerminalSafeStream::Buffer final : public std::streambuf {
 public:
  explicit Buffer(std::streambuf* target) : target_(target) {}
  ~Buffer() override {
    std::string out;
    filter_.finish(out);
    put(out);
  }

 protected:
  int_type overflow(int_type c) override {
    if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
    const char ch = traits_type::to_char_type(c);
    return xsputn(&ch, 1) == 1 ? c : traits_type::eof();
  }
  std::streamsize xsputn(const char* text, std::streamsize size) override {
    std::string out;
    filter_.feed(std::string_view(text, static_cast<std::size_t>(size)), out);
    return put(out) ? size : 0;
  }
  int sync() override { return target_->pubsync(); }

 private:
  bool put(const std::string& out) {
    const auto size = static_cast<std::streamsize>(out.size());
    return target_->sputn(out.data(), size) == size;
  }
  std::streambuf* target_;
  TerminalFilter filter_;
};

TerminalSafeStream::TerminalSafeStream(std::ostream& stream)
    : stream_(stream), buffer_(std::make_unique<Buffer>(stream.rdbuf())) {
  original_ = stream_.rdbuf(buffer_.get());
}

TerminalSafeStream::~TerminalSafeStream() {
  stream_.rdbuf(original_);
}

std::unique_ptr<RowWriter> make_table_writer(std::ostream& out, bool colour,
                                             std::vector<std::string> columns) {
  return std::make_unique<TableWriter>(out, colour, std::move(columns));
}

}  // namespace riskmap::cli
