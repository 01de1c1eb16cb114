// SheetReader: the rows of a sheet, parsed as the sheet's XML is inflated.
#include <algorithm>
#include <charconv>
#include <deque>

#include <fmt/format.h>

#include "error.hpp"
#include "problems.hpp"
#include "text.hpp"
#include "xlsx.hpp"
#include "xml.hpp"

namespace riskmap::xlsx {

namespace {

std::optional<std::size_t> whole_number(std::string_view text) {
  text = trim(text);
  std::size_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

// The parse of the sheet, as an expat handler: cells are gathered into a
// row, and a row ended is placed in the table's columns and queued for
// next(). A chunk of XML queues the rows it ends, so the queue holds at
// most a chunk's worth.
class SheetReader::State : public xml::Handler {
 public:
  State(const Workbook& book, std::size_t sheet, std::size_t header_row)
      : book_(book),
        label_(sheet_label(book.sheet_name(sheet))),
        merges_(book.merges(sheet)),
        header_row_(header_row),
        part_(book.archive_.open(book.sheets_.at(sheet).part)),
        parser_(*this, fmt::format("{}: {}", book.source(), part_.name())),
        buffer_(1 << 16) {}

  bool next(Row& row) {
    while (queue_.empty() && !ended_) {
      const std::size_t count = part_.read(buffer_.data(), buffer_.size());
      parser_.feed(std::string_view(buffer_.data(), count), count == 0);
      ended_ = count == 0 || parser_.stopped();
    }
    if (queue_.empty()) {
      row.fields.clear();
      return false;
    }
    row = std::move(queue_.front());
    queue_.pop_front();
    return true;
  }

  std::string cell(std::size_t column, std::size_t row) const {
    return fmt::format("{}:{}!{}{}", book_.source(), label_, column_letters(column), row);
  }
  std::string where(const Row& row) const {
    return fmt::format("{}:{}!{}", book_.source(), label_, row.line);
  }
  std::string where(const Row& row, std::size_t column) const {
    return cell(first_column_ + column, row.line);
  }
  std::string empty_text() const {
    if (header_row_ > 1)
      return fmt::format("{}: sheet {} holds nothing from row {} (the header row) on",
                         book_.source(), label_, header_row_);
    return fmt::format("{}: sheet {} is empty", book_.source(), label_);
  }
  std::string too_wide(const Row& row, std::size_t width) const {
    std::size_t beyond = width;
    while (beyond < row.fields.size() && trim(row.fields[beyond]).empty()) ++beyond;
    return fmt::format("{}: a value beyond the header's last column ({}): '{}'",
                       where(row, std::min(beyond, row.fields.size() - 1)),
                       column_letters(first_column_ + width - 1),
                       beyond < row.fields.size() ? row.fields[beyond] : std::string());
  }
  std::vector<std::string> notes() const {
    if (formulas_ == 0) return {};
    if (formulas_ == 1)
      return {fmt::format(
          "{}:{}: 1 cell is a formula ({}), read as the value the workbook saved with it; "
          "riskmap never computes a formula",
          book_.source(), label_, first_formula_)};
    return {fmt::format(
        "{}:{}: {} cells are formulas (the first: {}), read as the values the workbook saved "
        "with them; riskmap never computes a formula",
        book_.source(), label_, formulas_, first_formula_)};
  }

  bool keep_reading = false;
  Problems* problems = nullptr;

 private:
  enum class Type { number, shared, inline_string, boolean, error, string, date };

  void start(std::string_view name, const xml::Attributes& attributes) override {
    if (name == "c") {
      start_cell(attributes);
    } else if (name == "v") {
      in_value_ = in_cell_;
    } else if (name == "f") {
      formula_ = in_cell_;
    } else if (name == "is") {
      in_inline_ = in_cell_;
    } else if (name == "rPh") {
      ++phonetic_;
    } else if (name == "t") {
      in_text_ = in_inline_ && phonetic_ == 0;
    } else if (name == "row") {
      const char* r = attributes.find("r");
      const auto number = r ? whole_number(r) : std::nullopt;
      if (r && (!number || *number == 0))
        throw ContentError(fmt::format("{}: row number '{}' is not a number from 1",
                                       parser_where(), r));
      line_ = number ? *number : line_ + 1;
      next_column_ = 0;
      cells_.clear();
      errors_.clear();
      row_bytes_ = 0;
      row_formulas_ = 0;
      first_row_formula_.clear();
    }
  }

  void end(std::string_view name) override {
    if (name == "c") {
      end_cell();
    } else if (name == "v") {
      in_value_ = false;
    } else if (name == "is") {
      in_inline_ = false;
    } else if (name == "rPh") {
      --phonetic_;
    } else if (name == "t") {
      in_text_ = false;
    } else if (name == "row") {
      end_row();
    } else if (name == "sheetData") {
      parser_.stop();  // what follows (merges, layout) is no row
    }
  }

  void text(std::string_view chars) override {
    if (!in_value_ && !in_text_) return;
    row_bytes_ += chars.size();
    if (row_bytes_ > max_row_bytes)
      throw ContentError(fmt::format("{}!{}: the row holds more than {} MB of text, which is refused",
                                     parser_where(), line_, max_row_bytes >> 20));
    (in_value_ ? value_ : inline_).append(chars);
  }

  std::string parser_where() const { return fmt::format("{}:{}", book_.source(), label_); }

  void start_cell(const xml::Attributes& attributes) {
    in_cell_ = true;
    formula_ = false;
    value_.clear();
    inline_.clear();
    column_ = next_column_;
    if (const char* r = attributes.find("r")) {
      const auto [column, row] = parse_reference(r);
      column_ = column;
    }
    if (column_ >= max_columns)
      throw ContentError(fmt::format(
          "{}!{}: a cell beyond the last column a sheet may have ({}), which is refused",
          parser_where(), line_, column_letters(max_columns - 1)));
    next_column_ = column_ + 1;
    const char* t = attributes.find("t");
    const std::string_view type = t ? t : "n";
    type_ = type == "s"           ? Type::shared
            : type == "inlineStr" ? Type::inline_string
            : type == "b"         ? Type::boolean
            : type == "e"         ? Type::error
            : type == "str"       ? Type::string
            : type == "d"         ? Type::date
                                  : Type::number;
    const char* s = attributes.find("s");
    const auto style = s ? whole_number(s) : std::nullopt;
    date_style_ = style && book_.is_date_style(*style);
  }

  std::pair<std::size_t, std::size_t> parse_reference(std::string_view ref) const {
    std::size_t column = 0, i = 0;
    for (; i < ref.size(); ++i) {
      char c = ref[i];
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
      if (c < 'A' || c > 'Z') break;
      column = column * 26 + static_cast<std::size_t>(c - 'A' + 1);
      if (column > max_columns)
        throw ContentError(fmt::format(
            "{}!{}: cell {} is beyond the last column a sheet may have ({}), which is refused",
            parser_where(), line_, ref, column_letters(max_columns - 1)));
    }
    const auto row = whole_number(ref.substr(i));
    if (i == 0 || !row)
      throw ContentError(fmt::format(
          "{}!{}: '{}' is not a cell reference (a column's letters and a row's number, e.g. C12)",
          parser_where(), line_, ref));
    return {column - 1, *row};
  }

  void end_cell() {
    in_cell_ = in_value_ = in_inline_ = in_text_ = false;
    std::string text;
    switch (type_) {
      case Type::shared: {
        if (trim(value_).empty()) break;
        const auto index = whole_number(value_);
        if (!book_.shared_)
          throw ContentError(fmt::format(
              "{}: the cell is a shared string, but the workbook has no shared strings part "
              "(xl/sharedStrings.xml)",
              cell(column_, line_)));
        if (!index || *index >= book_.shared_->size())
          throw ContentError(fmt::format(
              "{}: the cell is shared string '{}', but {} holds {} (from 0)", cell(column_, line_),
              value_, book_.shared_part_, book_.shared_->size()));
        text = (*book_.shared_)[*index];
        break;
      }
      case Type::inline_string:
        text = unescape(inline_.empty() ? value_ : inline_);
        break;
      case Type::string:
        text = unescape(value_);
        break;
      case Type::boolean:
        text = value_ == "1" ? "true" : value_ == "0" ? "false" : value_;
        break;
      case Type::error:
        text = value_;
        break;
      case Type::date:  // ISO 8601, as strict OOXML writes dates: the day
        text = value_.size() >= 10 && value_[4] == '-' && value_[7] == '-' ? value_.substr(0, 10)
                                                                          : value_;
        break;
      case Type::number:
        if (value_.empty()) break;
        if (date_style_) {
          double serial = 0;
          const auto [end, error] =
              std::from_chars(value_.data(), value_.data() + value_.size(), serial);
          if (error == std::errc{} && end == value_.data() + value_.size())
            if (auto date = serial_date(serial, book_.date1904_)) {
              text = std::move(*date);
              break;
            }
        }
        text = number_text(value_);
        break;
    }
    if (formula_ && ++row_formulas_ == 1) first_row_formula_ = column_letters(column_);
    if (type_ == Type::error) {
      errors_.emplace_back(column_, text);
    } else if (!text.empty()) {
      cells_.emplace_back(column_, std::move(text));
    }
  }

  void end_row() {
    if (header_row_ && line_ < header_row_) {  // a title above the header
      // but for the text of a cell merged down onto the header row: a
      // header of two rows names a column in the row above.
      for (const auto& merge : merges_)
        if (merge.row == line_ && merge.last_row >= header_row_)
          for (const auto& [column, text] : cells_)
            if (column == merge.first) above_[column] = text;
      return;
    }
    const bool blank = errors_.empty() && std::all_of(cells_.begin(), cells_.end(), [](const auto& c) {
                         return trim(c.second).empty();
                       });
    if (blank) return;
    if (!header_seen_ && header_row_ && line_ != header_row_)
      throw ContentError(fmt::format("{}!{}: the header row, row {}, is empty", parser_where(),
                                     header_row_, header_row_));
    // Later cells of a column take its place (a sheet lists cells in order).
    std::stable_sort(cells_.begin(), cells_.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    Row row;
    row.line = line_;
    if (!header_seen_)
      header(row);
    else
      place(row);
    if (row_formulas_ && formulas_ == 0) first_formula_ = first_row_formula_ + std::to_string(line_);
    formulas_ += row_formulas_;
    for (const auto& [column, text] : errors_) {
      if (column < first_column_) continue;  // left of the table: not read
      const std::size_t at = column - first_column_;
      const std::string name = at < names_.size() ? std::string(trim(names_[at])) : std::string();
      std::string message = fmt::format(
          "{}: {}the cell holds the error {}, which a formula gave; correct it in the workbook, "
          "or clear the cell",
          cell(column, line_), name.empty() ? std::string() : fmt::format("column '{}': ", name),
          text);
      row.broken = true;
      if (!keep_reading) throw ContentError(message);
      if (problems) problems->add(std::move(message));
    }
    if (!header_seen_) {
      header_seen_ = true;
      names_ = row.fields;
    }
    queue_.push_back(std::move(row));
  }

  // The header: a cell merged across columns, or down from a row above,
  // names every empty cell of its range on the header row; the table's
  // columns run from its first value to its last.
  void header(Row& row) {
    std::map<std::size_t, std::string> texts;
    for (auto& [column, text] : cells_) texts[column] = std::move(text);
    for (const auto& [column, text] : errors_) texts[column] = text;
    const std::map<std::size_t, std::string> own = texts;
    for (const auto& merge : merges_) {
      if (merge.row > line_ || merge.last_row < line_) continue;
      const auto& origin = merge.row == line_ ? own : above_;
      const auto first = origin.find(merge.first);
      if (first == origin.end()) continue;
      const std::string text = first->second;
      if (auto& cell = texts[merge.first]; trim(cell).empty()) cell = text;
      for (std::size_t column = merge.first + 1; column <= merge.last; ++column) {
        auto& spread = texts[column];
        if (trim(spread).empty()) spread = text;
      }
    }
    std::erase_if(texts, [](const auto& entry) { return trim(entry.second).empty(); });
    first_column_ = texts.begin()->first;
    const std::size_t last = texts.rbegin()->first;
    row.fields.assign(last - first_column_ + 1, std::string());
    for (auto& [column, text] : texts) row.fields[column - first_column_] = std::move(text);
    width_ = row.fields.size();
  }

  // A row in the table's columns: as wide as the header, wider when it
  // holds a value beyond.
  void place(Row& row) {
    std::size_t size = width_;
    for (const auto& [column, text] : cells_)
      if (column >= first_column_ && !trim(text).empty())
        size = std::max(size, column - first_column_ + 1);
    row.fields.assign(size, std::string());
    for (auto& [column, text] : cells_)
      if (column >= first_column_ && column - first_column_ < size)
        row.fields[column - first_column_] = std::move(text);
  }

  const Workbook& book_;
  std::string label_;
  const std::vector<Workbook::Merge>& merges_;
  std::map<std::size_t, std::string> above_;  // by column: text merged down onto the header
  std::size_t header_row_;
  zip::Archive::Part part_;
  xml::Parser parser_;
  std::vector<char> buffer_;
  bool ended_ = false;
  std::deque<Row> queue_;

  // The table, from its header.
  bool header_seen_ = false;
  std::size_t first_column_ = 0, width_ = 0;
  std::vector<std::string> names_;

  // The row being read.
  std::size_t line_ = 0, next_column_ = 0, row_bytes_ = 0, row_formulas_ = 0;
  std::vector<std::pair<std::size_t, std::string>> cells_, errors_;
  std::string first_row_formula_;

  // The cell being read.
  bool in_cell_ = false, in_value_ = false, in_inline_ = false, in_text_ = false, formula_ = false;
  bool date_style_ = false;
  int phonetic_ = 0;
  Type type_ = Type::number;
  std::size_t column_ = 0;
  std::string value_, inline_;

  std::size_t formulas_ = 0;
  std::string first_formula_;
};

SheetReader::SheetReader(const Workbook& book, std::size_t sheet, std::size_t header_row)
    : book_(book), state_(std::make_unique<State>(book, sheet, header_row)) {}
SheetReader::~SheetReader() = default;

void SheetReader::keep_reading(Problems* problems) {
  state_->keep_reading = true;
  state_->problems = problems;
}
bool SheetReader::next(Row& row) { return state_->next(row); }
std::string SheetReader::where(const Row& row) const { return state_->where(row); }
std::string SheetReader::where(const Row& row, std::size_t column) const {
  return state_->where(row, column);
}
std::string SheetReader::empty_text() const { return state_->empty_text(); }
std::string SheetReader::too_wide(const Row& row, std::size_t width) const {
  return state_->too_wide(row, width);
}
std::vector<std::string> SheetReader::notes() const { return state_->notes(); }

}  // namespace riskmap::xlsx
