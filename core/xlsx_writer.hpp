#pragma once
// Writing an .xlsx workbook, through libxlsxwriter. Knows nothing of risk:
// sheets of text and numbers, styles, frozen panes, filters and lists of
// allowed values. Rows stream to temporary files in a folder the caller
// gives (constant memory), so a sheet of a million rows costs no more
// memory than one of ten. Text is always written as text, never as a
// formula, whatever it starts with.
#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "date.hpp"
#include "xlsx.hpp"

namespace riskmap::xlsx_out {

struct Style {
  std::string fill;         // "#rrggbb", or empty
  std::string font_colour;  // "#rrggbb", or empty
  bool bold = false;
  bool wrap = false;    // wrap text, aligned to the top
  bool border = false;  // a thin border on every side
  bool centre = false;
  bool italic = false;
};

struct Properties {
  std::string title, subject, author, company, keywords, comments;
  Date created;  // the date the workbook says it was made: the report's date
};

class Book;

class Sheet {
 public:
  // Rows and columns count from 0. Within a sheet, rows are written in
  // ascending order (constant memory keeps only the current one).
  void text(std::size_t row, std::size_t column, std::string_view text,
            const Style* style = nullptr);
  void number(std::size_t row, std::size_t column, double value, const Style* style = nullptr);
  void blank(std::size_t row, std::size_t column, const Style& style);
  // One cell over several columns of one row, holding `text`.
  void merge(std::size_t row, std::size_t first_column, std::size_t last_column,
             std::string_view text, const Style* style = nullptr);
  void column_width(std::size_t first, std::size_t last, double width);
  void row_height(std::size_t row, double height);
  // Rows above `row` and columns left of `column` stay in view.
  void freeze(std::size_t row, std::size_t column);
  void filter(std::size_t first_row, std::size_t first_column, std::size_t last_row,
              std::size_t last_column);
  // The cells of a column take one of `values` (a drop-down list; anything
  // else is refused by the spreadsheet). The list is written in the
  // validation when it fits (at most 255 characters, no comma or quote in a
  // value), else it refers to the same values in a range of another sheet.
  void allowed_values(std::size_t first_row, std::size_t last_row, std::size_t column,
                      const std::vector<std::string>& values, const Sheet& list_sheet,
                      std::size_t list_column, std::size_t list_first_row,
                      std::size_t list_last_row);
  // Printed on A4 in landscape; `fit_width`: all columns on the width of
  // one page; `header`: the first row on every page.
  void print_setup(bool fit_width, bool header = true);
  // The sheet opens first when the workbook is opened.
  void activate();
  const std::string& name() const { return name_; }

 private:
  friend class Book;
  Sheet(Book& book, void* sheet, std::string name) : book_(book), sheet_(sheet), name_(std::move(name)) {}
  Book& book_;
  void* sheet_;  // lxw_worksheet
  std::string name_;
  std::size_t values_ = 0;  // cells written with a value, checked when read back
};

class Book {
 public:
  // Writes to `path` when closed; temporary files go to `scratch` (an
  // existing private folder).
  Book(const std::filesystem::path& path, const std::filesystem::path& scratch,
       const Properties& properties);
  Book(const Book&) = delete;
  Book& operator=(const Book&) = delete;
  ~Book();

  // A new sheet; its name is cut to the 31 characters a sheet name holds.
  Sheet& sheet(std::string_view name);
  // A sheet added before, by the name it was given.
  const Sheet& sheet_named(std::string_view name) const;
  // Writes the file, then reads it back whole: every part inflates with
  // its checksum and every cell written is there. Throws Error when the file
  // could not be written whole (libxlsxwriter does not report every failed
  // write of its temporary files, as on a full disk).
  void close();

 private:
  friend class Sheet;
  void* format(const Style* style);  // lxw_format, made once per distinct style
  void verify() const;
  void check(int error, std::string_view what) const;

  std::filesystem::path path_;
  std::string scratch_;
  void* book_ = nullptr;  // lxw_workbook
  std::vector<std::unique_ptr<Sheet>> sheets_;
  std::vector<std::pair<std::string, void*>> formats_;
};

// The characters of a text, as a column's width counts them.
std::size_t characters(std::string_view text);
// The height (points) of a row whose cells wrap `text` in a column `width`
// characters wide: spreadsheets do not fit rows to wrapped text on opening.
std::size_t lines_in(std::string_view text, std::size_t width);
double row_height_for(std::size_t lines);

// The 0-based column's letters: 0 -> "A", 27 -> "AB" (the reader's).
using xlsx::column_letters;

}  // namespace riskmap::xlsx_out
