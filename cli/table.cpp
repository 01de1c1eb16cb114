#include "table.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>
#include <streambuf>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "ebios.hpp"
#include "error.hpp"
#include "labels.hpp"
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

// Columns between two cells of a line.
constexpr std::size_t gap = 2;
// The fewest columns a cut cell keeps, unless its whole column is narrower:
// a few letters and "…".
constexpr std::size_t narrowest = 8;
// Cells no wider than this (a date, a level, a status) are cut only when
// cutting the longer ones was not enough; then every column may go down to
// the last resort.
constexpr std::size_t short_cell = 10;
constexpr std::size_t last_resort = 4;
// The fewest columns a value of `show` wraps in, however narrow the screen.
constexpr std::size_t narrowest_value = 20;

std::string header_of(const std::string& column, Lang lang) {
  const Text* label = column_label(column);
  return terminal_safe(label ? label->in(lang) : column);
}

// The vocabulary whose labels a column's ids show: its field's, else a
// computed column's.
const Vocabulary* vocabulary_of(const std::string& column, const EntityKind* kind) {
  if (kind)
    if (const Field* field = kind->find(column); field && field->vocabulary)
      return field->vocabulary;
  return column_vocabulary(column);
}

std::string label_of(const Vocabulary& vocabulary, const std::string& id, Lang lang) {
  const Choice* choice = find_choice(vocabulary, id);
  return choice ? choice->label.in(lang) : id;
}

// A cell as people read it: ids by their labels, lists joined with ", ",
// yes or no; a level by its label, after its id when `level_id`.
std::string people_text(const Cell& cell, const Vocabulary* vocabulary, Lang lang, bool level_id) {
  if (const auto* level = std::get_if<LevelCell>(&cell))
    return level_id ? fmt::format("{} ({})", level->id, level->label) : level->label;
  if (const auto* flag = std::get_if<Flag>(&cell))
    return label_of(yes_no(), flag->value ? "yes" : "no", lang);
  if (vocabulary) {
    if (const auto* id = std::get_if<std::string>(&cell)) return label_of(*vocabulary, *id, lang);
    if (const auto* ids = std::get_if<std::vector<std::string>>(&cell)) {
      std::vector<std::string> labels;
      labels.reserve(ids->size());
      for (const auto& item : *ids) labels.push_back(label_of(*vocabulary, item, lang));
      return join(labels, ", ");
    }
  }
  return cell_text(cell, ", ");
}

std::vector<std::string_view> words_of(std::string_view text) {
  std::vector<std::string_view> words;
  while (!text.empty()) {
    const std::size_t start = text.find_first_not_of(' ');
    if (start == std::string_view::npos) break;
    text.remove_prefix(start);
    const std::size_t end = std::min(text.find(' '), text.size());
    words.push_back(text.substr(0, end));
    text.remove_prefix(end);
  }
  return words;
}

std::size_t longest_word(std::string_view text) {
  std::size_t longest = 0;
  for (const auto word : words_of(text)) longest = std::max(longest, display_width(word));
  return longest;
}

// A header in lines of at most `width` columns, broken between words; a
// word wider than that is cut with "…".
std::vector<std::string> header_lines(std::string_view header, std::size_t width) {
  std::vector<std::string> lines;
  for (const auto word : words_of(header)) {
    const std::string fitted = truncate_to_width(word, width);
    if (!lines.empty() && display_width(lines.back()) + 1 + display_width(fitted) <= width)
      lines.back() += " " + fitted;
    else
      lines.push_back(fitted);
  }
  if (lines.empty()) lines.emplace_back();
  return lines;
}

std::vector<std::string> split_lines(std::string_view text) {
  std::vector<std::string> lines;
  while (true) {
    const std::size_t feed = text.find('\n');
    lines.emplace_back(text.substr(0, feed));
    if (feed == std::string_view::npos) return lines;
    text.remove_prefix(feed + 1);
  }
}

void pad_to(std::string& line, std::size_t used, std::size_t width) {
  if (width > used) line.append(width - used, ' ');
}

void end_line(std::string& line, std::ostream& out) {
  while (!line.empty() && line.back() == ' ') line.pop_back();
  line += '\n';
  out << line;
}

class TableWriter final : public RowWriter {
 public:
  TableWriter(std::ostream& out, const TableStyle& style, std::vector<std::string> shown)
      : out_(out), style_(style), shown_(std::move(shown)) {}

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
    for (const std::size_t i : picked_) {
      if (columns[i] == "ref") ref_column_ = headers_.size();
      headers_.push_back(header_of(columns[i], style_.lang));
      vocabularies_.push_back(vocabulary_of(columns[i], style_.kind));
    }
    content_.assign(picked_.size(), 0);
  }

  void row(const std::vector<Cell>& cells) override {
    std::vector<Printed> row;
    row.reserve(picked_.size());
    for (std::size_t c = 0; c < picked_.size(); ++c) {
      const Cell& cell = cells[picked_[c]];
      std::string text = terminal_safe(people_text(cell, vocabularies_[c], style_.lang, false));
      if (text.find('\n') != std::string::npos)  // a table row stays on one line
        std::replace(text.begin(), text.end(), '\n', ' ');
      const std::size_t width = display_width(text);
      content_[c] = std::max(content_[c], width);
      const auto* level = std::get_if<LevelCell>(&cell);
      row.push_back({std::move(text), width, level ? level->colour : std::string()});
    }
    if (rows_.size() < held_rows)
      rows_.push_back(std::move(row));
    else
      spill(row);
  }

  void end() override {
    const auto widths = layout();
    std::vector<std::vector<std::string>> headers;
    std::size_t height = 0;
    for (std::size_t c = 0; c < widths.size(); ++c) {
      headers.push_back(header_lines(headers_[c], widths[c]));
      height = std::max(height, headers.back().size());
    }
    std::string line;
    for (std::size_t r = 0; r < height; ++r) {  // headers sit on the line above the rows
      line.clear();
      for (std::size_t c = 0; c < widths.size(); ++c) {
        const auto& lines = headers[c];
        const std::size_t blank = height - lines.size();
        const std::string text = r < blank ? std::string() : lines[r - blank];
        line += style_.colour && !text.empty() ? "\x1b[1m" + text + "\x1b[0m" : text;
        if (c + 1 < widths.size()) pad_to(line, display_width(text), widths[c] + gap);
      }
      end_line(line, out_);
    }
    std::vector<std::vector<std::string>> cells(widths.size());
    const auto print = [&](const std::vector<Printed>& row) {
      // Most rows fit their columns as they are: one line, each cell's
      // width already measured.
      bool fits = true;
      for (std::size_t c = 0; c < row.size() && fits; ++c) fits = row[c].width <= widths[c];
      if (fits) {
        line.clear();
        for (std::size_t c = 0; c < row.size(); ++c) {
          const Printed& cell = row[c];
          if (style_.colour && !cell.colour.empty() && !cell.text.empty())
            line += on_colour(cell.text, cell.colour);
          else
            line += cell.text;
          if (c + 1 < row.size()) pad_to(line, cell.width, widths[c] + gap);
        }
        end_line(line, out_);
        return;
      }
      std::size_t lines = 1;
      for (std::size_t c = 0; c < row.size(); ++c) {
        const Printed& cell = row[c];
        if (cell.width <= widths[c])
          cells[c].assign(1, cell.text);
        else if (style_.wrap)
          cells[c] = wrap_to_width(cell.text, widths[c]);
        else
          cells[c].assign(1, truncate_to_width(cell.text, widths[c]));
        lines = std::max(lines, cells[c].size());
      }
      for (std::size_t l = 0; l < lines; ++l) {
        line.clear();
        for (std::size_t c = 0; c < row.size(); ++c) {
          const std::string text = l < cells[c].size() ? cells[c][l] : std::string();
          line += style_.colour && !row[c].colour.empty() && !text.empty()
                      ? on_colour(text, row[c].colour)
                      : text;
          if (c + 1 < row.size()) pad_to(line, display_width(text), widths[c] + gap);
        }
        end_line(line, out_);
      }
    };
    for (const auto& row : rows_) print(row);
    if (spilled_) {
      std::rewind(spilled_.get());
      std::vector<Printed> row(picked_.size());
      while (unspill(row)) print(row);
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

  // The width of each column: as wide as its widest cell and its header.
  // When that is too wide for the style's width, headers wrap between their
  // words; then the columns of long cells give up room, each in proportion
  // to its width, short cells last.
  std::vector<std::size_t> layout() const {
    const std::size_t n = headers_.size();
    std::vector<std::size_t> widths(n), floors(n);
    for (std::size_t c = 0; c < n; ++c) {
      widths[c] = std::max(content_[c], display_width(headers_[c]));
      floors[c] = std::min(widths[c], std::max(content_[c], longest_word(headers_[c])));
    }
    if (!style_.width || n == 0) return widths;
    const std::size_t separators = gap * (n - 1);
    const std::size_t room = *style_.width > separators ? *style_.width - separators : 0;
    widths = shrink_widest(widths, floors, room);
    // A header that wraps leaves its column as wide as its longest line or
    // cell, not as wide as the room it was given.
    for (std::size_t c = 0; c < n; ++c)
      if (widths[c] < display_width(headers_[c])) {
        std::size_t used = content_[c];
        for (const auto& line : header_lines(headers_[c], widths[c]))
          used = std::max(used, display_width(line));
        widths[c] = std::min(widths[c], used);
      }
    for (std::size_t c = 0; c < n; ++c)
      floors[c] = std::min(widths[c], std::max(content_[c] <= short_cell ? content_[c] : 0,
                                               narrowest));
    widths = shrink_in_proportion(widths, floors, room);
    // A ref is what the next command is given: it is never cut.
    for (std::size_t c = 0; c < n; ++c)
      floors[c] = c == ref_column_ ? widths[c] : std::min(widths[c], last_resort);
    return shrink_widest(widths, floors, room);
  }

  std::ostream& out_;
  TableStyle style_;
  std::vector<std::string> shown_;
  std::vector<std::size_t> picked_;
  std::vector<std::string> headers_;
  std::vector<const Vocabulary*> vocabularies_;
  std::vector<std::size_t> content_;  // the widest cell of each column
  std::size_t ref_column_ = static_cast<std::size_t>(-1);  // where "ref" is shown, if it is
  std::vector<std::vector<Printed>> rows_;

  // The rows after the first `held_rows` wait in an unnamed temporary file
  // (tmpfile(3): private, and gone when closed or when the process dies),
  // so that a table of a million rows is not held in memory; the widths
  // are known only once every row is in.
  static constexpr std::size_t held_rows = 1000;
  struct Close {
    void operator()(std::FILE* file) const { std::fclose(file); }
  };
  static constexpr std::size_t spill_buffer_size = std::size_t{1} << 20;
  std::unique_ptr<char[]> spill_buffer_;  // the file's, closed first
  std::unique_ptr<std::FILE, Close> spilled_;
  std::string spilling_;  // the row being spilled

  void spill(const std::vector<Printed>& row) {
    if (!spilled_) {
      spilled_.reset(std::tmpfile());
      if (!spilled_)
        throw Error(fmt::format("cannot make a temporary file for a long table: {}",
                                std::strerror(errno)));
      // Written and read back in large pieces: rows come by the tens of thousands.
      spill_buffer_ = std::make_unique<char[]>(spill_buffer_size);
      std::setvbuf(spilled_.get(), spill_buffer_.get(), _IOFBF, spill_buffer_size);
    }
    // The row is put together first, then written in one call.
    spilling_.clear();
    for (const Printed& cell : row) {
      const std::size_t sizes[] = {cell.text.size(), cell.width, cell.colour.size()};
      spilling_.append(reinterpret_cast<const char*>(sizes), sizeof sizes);
      spilling_ += cell.text;
      spilling_ += cell.colour;
    }
    if (std::fwrite(spilling_.data(), 1, spilling_.size(), spilled_.get()) != spilling_.size())
      throw Error(fmt::format("cannot write the temporary file of a long table: {}",
                              std::strerror(errno)));
  }

  // Reads back the next spilled row into `row`; false at the end.
  bool unspill(std::vector<Printed>& row) {
    std::FILE* file = spilled_.get();
    const auto get = [&](void* data, std::size_t size) {
      if (size != 0 && std::fread(data, 1, size, file) != size) {
        if (std::ferror(file))
          throw Error(fmt::format("cannot read the temporary file of a long table: {}",
                                  std::strerror(errno)));
        return false;
      }
      return true;
    };
    for (Printed& cell : row) {
      std::size_t sizes[3];
      if (!get(sizes, sizeof sizes)) return false;
      cell.text.resize(sizes[0]);
      cell.width = sizes[1];
      cell.colour.resize(sizes[2]);
      if (!get(cell.text.data(), sizes[0]) || !get(cell.colour.data(), sizes[2]))
        throw Error("the temporary file of a long table ends in the middle of a row");
    }
    return true;
  }
};

}  // namespace

void write_record(std::ostream& out, const TableStyle& style,
                  const std::vector<std::string>& columns, const std::vector<Cell>& cells) {
  std::vector<std::string> headers;
  std::size_t key = 0;
  for (const auto& column : columns) {
    headers.push_back(header_of(column, style.lang));
    key = std::max(key, display_width(headers.back()));
  }
  std::optional<std::size_t> room;
  if (style.width)
    room = std::max(*style.width > key + gap ? *style.width - key - gap : 0, narrowest_value);
  std::string line;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    const std::string text = terminal_safe(
        people_text(cells[i], vocabulary_of(columns[i], style.kind), style.lang, true));
    if (text.empty()) continue;
    const auto lines = room ? wrap_to_width(text, *room) : split_lines(text);
    for (std::size_t l = 0; l < lines.size(); ++l) {
      line = l == 0 ? headers[i] : std::string();
      if (!lines[l].empty()) pad_to(line, l == 0 ? display_width(headers[i]) : 0, key + gap);
      line += lines[l];
      end_line(line, out);
    }
  }
}

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

std::unique_ptr<RowWriter> make_table_writer(std::ostream& out, const TableStyle& style,
                                             std::vector<std::string> columns) {
  return std::make_unique<TableWriter>(out, style, std::move(columns));
}

}  // namespace riskmap::cli
