#include "xlsx_writer.hpp"

#include <dlfcn.h>
#include <xlsxwriter.h>

#include <ctime>

#include <fmt/format.h>

#include "error.hpp"
#include "text.hpp"
#include "xlsx.hpp"
#include "xml.hpp"
#include "zip.hpp"

namespace riskmap::xlsx_out {

namespace {

// What a cell of Excel holds at most; a longer text is cut there, on a
// character's boundary, and ends with "…" so that the cut shows.
constexpr std::size_t max_cell_bytes = 32767;

std::string fit_cell(std::string_view text) {
  if (text.size() <= max_cell_bytes) return std::string(text);
  std::size_t end = max_cell_bytes - 3;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return std::string(text.substr(0, end)) + "…";
}

lxw_worksheet* ws(void* sheet) { return static_cast<lxw_worksheet*>(sheet); }

lxw_row_t row_of(std::size_t row) { return static_cast<lxw_row_t>(row); }
lxw_col_t col_of(std::size_t column) { return static_cast<lxw_col_t>(column); }

std::uint32_t rgb(const std::string& colour) {
  return static_cast<std::uint32_t>(std::stoul(colour.substr(1), nullptr, 16));
}

// A sheet's name as Excel allows it: at most 31 characters, none of []:*?/\.
std::string sheet_name(std::string_view name) {
  std::string out;
  std::size_t characters = 0;
  for (std::size_t i = 0; i < name.size() && characters < 31;) {
    std::size_t length = 1;
    const auto byte = static_cast<unsigned char>(name[i]);
    if (byte >= 0xF0) length = 4;
    else if (byte >= 0xE0) length = 3;
    else if (byte >= 0xC0) length = 2;
    const std::string_view character = name.substr(i, length);
    out += character.find_first_of("[]:*?/\\") == std::string_view::npos ? std::string(character)
                                                                         : std::string("-");
    i += length;
    ++characters;
  }
  return out;
}

// libxlsxwriter is loaded when the first workbook is written, not when
// riskmap starts: with the libcrypto it pulls in, linking it would cost
// every command about a millisecond of loading, and only .xlsx output needs it.
#define RISKMAP_LXW_FUNCTIONS(X) \
  X(workbook_new_opt) X(workbook_set_properties) X(workbook_close) \
  X(workbook_add_worksheet) X(workbook_add_format) X(format_set_bg_color) \
  X(format_set_pattern) X(format_set_font_color) X(format_set_bold) X(format_set_italic) \
  X(format_set_text_wrap) X(format_set_align) X(format_set_border) X(lxw_strerror) \
  X(worksheet_write_blank) X(worksheet_write_string) X(worksheet_write_number) \
  X(worksheet_merge_range) X(worksheet_set_column) X(worksheet_set_row) \
  X(worksheet_freeze_panes) X(worksheet_autofilter) X(worksheet_data_validation_range) \
  X(worksheet_set_landscape) X(worksheet_set_paper) X(worksheet_repeat_rows) \
  X(worksheet_fit_to_pages) X(worksheet_activate)

struct Library {
#define RISKMAP_LXW_POINTER(name) decltype(&::name) name = nullptr;
  RISKMAP_LXW_FUNCTIONS(RISKMAP_LXW_POINTER)
#undef RISKMAP_LXW_POINTER
};

Library load_library() {
  constexpr const char* soname = RISKMAP_XLSXWRITER_SONAME;
  void* handle = ::dlopen(soname, RTLD_NOW | RTLD_LOCAL);
  if (!handle)
    throw Error(fmt::format(
        "writing .xlsx needs {}, which cannot be loaded ({}): install the Debian package {} "
        "(apt-get install {})",
        soname, ::dlerror(), RISKMAP_XLSXWRITER_PACKAGE, RISKMAP_XLSXWRITER_PACKAGE));
  Library library;
  // The handle stays open for the life of the process: workbooks may follow.
#define RISKMAP_LXW_LOAD(name)                                                              \
  library.name = reinterpret_cast<decltype(&::name)>(::dlsym(handle, #name));              \
  if (!library.name)                                                                       \
    throw Error(fmt::format("{} lacks the function {}: install the Debian package {}", soname, \
                            #name, RISKMAP_XLSXWRITER_PACKAGE));
  RISKMAP_LXW_FUNCTIONS(RISKMAP_LXW_LOAD)
#undef RISKMAP_LXW_LOAD
  return library;
}

const Library& lxw() {
  static const Library library = load_library();
  return library;
}

}  // namespace


Book::Book(const std::filesystem::path& path, const std::filesystem::path& scratch,
           const Properties& properties)
    : path_(path), scratch_(scratch.string()) {
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  options.tmpdir = scratch_.data();
  book_ = lxw().workbook_new_opt(path_.c_str(), &options);
  if (!book_) throw Error(fmt::format("{}: cannot start the workbook", path_.string()));
  // The workbook says it was made on the report's date, at midnight UTC,
  // so that the same map gives the same file.
  std::tm day{};
  day.tm_year = properties.created.year - 1900;
  day.tm_mon = static_cast<int>(properties.created.month) - 1;
  day.tm_mday = static_cast<int>(properties.created.day);
  lxw_doc_properties doc{};
  std::string title = properties.title, subject = properties.subject, author = properties.author,
              company = properties.company, keywords = properties.keywords,
              comments = properties.comments;
  doc.title = title.data();
  doc.subject = subject.data();
  doc.author = author.data();
  doc.company = company.data();
  doc.keywords = keywords.data();
  doc.comments = comments.data();
  doc.created = ::timegm(&day);
  check(lxw().workbook_set_properties(static_cast<lxw_workbook*>(book_), &doc), "its properties");
}

Book::~Book() {
  // A book never closed was abandoned on an error: its file is not kept
  // (it sits in the staging folder, removed with it); the memory is freed.
  if (book_) {
    auto* book = static_cast<lxw_workbook*>(book_);
    book_ = nullptr;
    lxw().workbook_close(book);
  }
}

void Book::check(int error, std::string_view what) const {
  if (error == LXW_NO_ERROR) return;
  throw Error(fmt::format("{}: cannot write {}: {}", path_.filename().string(), what,
                          lxw().lxw_strerror(static_cast<lxw_error>(error))));
}

Sheet& Book::sheet(std::string_view name) {
  std::string fitted = sheet_name(name);
  lxw_worksheet* sheet = lxw().workbook_add_worksheet(static_cast<lxw_workbook*>(book_), fitted.c_str());
  if (!sheet) throw Error(fmt::format("{}: cannot add the sheet '{}'", path_.filename().string(), fitted));
  sheets_.push_back(std::unique_ptr<Sheet>(new Sheet(*this, sheet, std::move(fitted))));
  return *sheets_.back();
}

const Sheet& Book::sheet_named(std::string_view name) const {
  const std::string fitted = sheet_name(name);
  for (const auto& sheet : sheets_)
    if (sheet->name() == fitted) return *sheet;
  throw std::logic_error("no sheet named " + fitted);
}

void* Book::format(const Style* style) {
  if (!style) return nullptr;
  const std::string key = fmt::format("{}|{}|{}{}{}{}{}", style->fill, style->font_colour,
                                      style->bold, style->wrap, style->border, style->centre,
                                      style->italic);
  for (const auto& [known, made] : formats_)
    if (known == key) return made;
  lxw_format* format = lxw().workbook_add_format(static_cast<lxw_workbook*>(book_));
  if (!style->fill.empty()) {
    lxw().format_set_bg_color(format, rgb(style->fill));
    lxw().format_set_pattern(format, LXW_PATTERN_SOLID);
  }
  if (!style->font_colour.empty()) lxw().format_set_font_color(format, rgb(style->font_colour));
  if (style->bold) lxw().format_set_bold(format);
  if (style->italic) lxw().format_set_italic(format);
  if (style->wrap) {
    lxw().format_set_text_wrap(format);
    lxw().format_set_align(format, LXW_ALIGN_VERTICAL_TOP);
  }
  if (style->centre) lxw().format_set_align(format, LXW_ALIGN_CENTER);
  if (style->border) lxw().format_set_border(format, LXW_BORDER_THIN);
  formats_.emplace_back(key, format);
  return format;
}

void Book::close() {
  auto* book = static_cast<lxw_workbook*>(book_);
  book_ = nullptr;
  check(lxw().workbook_close(book), "the file");
  verify();
}

void Book::verify() const {
  const std::string file = path_.filename().string();
  std::size_t sheet = 0, found = 0;
  try {
    const auto archive = zip::Archive::open_file(path_.string(), file);
    // The parts besides the sheets are well-formed XML (an empty part is not).
    struct Any : xml::Handler {
      void start(std::string_view, const xml::Attributes&) override {}
      void end(std::string_view) override {}
    } any;
    for (const char* part : {"[Content_Types].xml", "_rels/.rels", "xl/_rels/workbook.xml.rels",
                             "xl/workbook.xml", "xl/styles.xml", "xl/theme/theme1.xml",
                             "docProps/core.xml", "docProps/app.xml"})
      xml::parse_part(archive, part, any);
    const auto book = xlsx::Workbook::open(archive);
    for (; sheet < sheets_.size(); ++sheet) {
      xlsx::SheetReader reader(book, sheet);
      Row row;
      found = 0;
      while (reader.next(row))
        for (const auto& field : row.fields) found += !field.empty();
      if (found != sheets_[sheet]->values_) break;
    }
  } catch (const Error& e) {
    throw Error(fmt::format("{}: the workbook was not written whole ({}); is the disk full?", file,
                            e.what()));
  }
  if (sheet < sheets_.size())
    throw Error(fmt::format(
        "{}: the workbook was not written whole (sheet '{}': {} of {} cells read back); is the "
        "disk full?",
        file, sheets_[sheet]->name_, found, sheets_[sheet]->values_));
}

void Sheet::text(std::size_t row, std::size_t column, std::string_view text, const Style* style) {
  auto* format = static_cast<lxw_format*>(book_.format(style));
  if (text.empty()) {
    if (format) book_.check(lxw().worksheet_write_blank(ws(sheet_), row_of(row), col_of(column), format), name_);
    return;
  }
  const std::string cell = fit_cell(text);
  book_.check(lxw().worksheet_write_string(ws(sheet_), row_of(row), col_of(column), cell.c_str(), format),
              name_);
  ++values_;
}

void Sheet::number(std::size_t row, std::size_t column, double value, const Style* style) {
  book_.check(lxw().worksheet_write_number(ws(sheet_), row_of(row), col_of(column), value,
                                     static_cast<lxw_format*>(book_.format(style))),
              name_);
  ++values_;
}

void Sheet::blank(std::size_t row, std::size_t column, const Style& style) {
  book_.check(lxw().worksheet_write_blank(ws(sheet_), row_of(row), col_of(column),
                                    static_cast<lxw_format*>(book_.format(&style))),
              name_);
}

void Sheet::merge(std::size_t row, std::size_t first_column, std::size_t last_column,
                  std::string_view text, const Style* style) {
  const std::string cell = fit_cell(text);
  book_.check(lxw().worksheet_merge_range(ws(sheet_), row_of(row), col_of(first_column), row_of(row),
                                    col_of(last_column), cell.c_str(),
                                    static_cast<lxw_format*>(book_.format(style))),
              name_);
  if (!cell.empty()) ++values_;
}

void Sheet::column_width(std::size_t first, std::size_t last, double width) {
  book_.check(lxw().worksheet_set_column(ws(sheet_), col_of(first), col_of(last), width, nullptr), name_);
}

void Sheet::row_height(std::size_t row, double height) {
  book_.check(lxw().worksheet_set_row(ws(sheet_), row_of(row), height, nullptr), name_);
}

void Sheet::freeze(std::size_t row, std::size_t column) {
  lxw().worksheet_freeze_panes(ws(sheet_), row_of(row), col_of(column));
}

void Sheet::filter(std::size_t first_row, std::size_t first_column, std::size_t last_row,
                   std::size_t last_column) {
  book_.check(lxw().worksheet_autofilter(ws(sheet_), row_of(first_row), col_of(first_column),
                                   row_of(last_row), col_of(last_column)),
              name_);
}

void Sheet::allowed_values(std::size_t first_row, std::size_t last_row, std::size_t column,
                           const std::vector<std::string>& values, const Sheet& list_sheet,
                           std::size_t list_column, std::size_t list_first_row,
                           std::size_t list_last_row) {
  // A list written in the validation is preferred: libxlsxwriter 1.1.4 does
  // not free the copy it makes of a validation's formula.
  std::size_t length = 0;
  bool inline_list = !values.empty();
  for (const auto& value : values) {
    length += value.size() + 1;
    inline_list = inline_list && value.find_first_of(",\"") == std::string::npos && !value.empty();
  }
  lxw_data_validation validation{};
  validation.ignore_blank = LXW_VALIDATION_ON;
  validation.dropdown = LXW_VALIDATION_ON;
  validation.show_error = LXW_VALIDATION_ON;
  validation.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
  std::vector<char*> items;
  std::string formula;
  if (inline_list && length <= 250) {
    for (const auto& value : values) items.push_back(const_cast<char*>(value.c_str()));
    items.push_back(nullptr);
    validation.validate = LXW_VALIDATION_TYPE_LIST;
    validation.value_list = items.data();
  } else {
    std::string quoted = list_sheet.name_;
    for (std::size_t at = quoted.find('\''); at != std::string::npos; at = quoted.find('\'', at + 2))
      quoted.insert(at, 1, '\'');
    formula = fmt::format("='{}'!${}${}:${}${}", quoted, column_letters(list_column),
                          list_first_row + 1, column_letters(list_column), list_last_row + 1);
    validation.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
    validation.value_formula = formula.data();
  }
  book_.check(lxw().worksheet_data_validation_range(ws(sheet_), row_of(first_row), col_of(column),
                                              row_of(last_row), col_of(column), &validation),
              name_);
}

void Sheet::print_setup(bool fit_width, bool header) {
  lxw().worksheet_set_landscape(ws(sheet_));
  lxw().worksheet_set_paper(ws(sheet_), 9);  // A4
  if (header) book_.check(lxw().worksheet_repeat_rows(ws(sheet_), 0, 0), name_);
  if (fit_width) lxw().worksheet_fit_to_pages(ws(sheet_), 1, 0);
}

std::size_t characters(std::string_view text) {
  std::size_t count = 0;
  for (const char c : text)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
  return count;
}

std::size_t lines_in(std::string_view text, std::size_t width) {
  // A wrapped line holds a little less than the column's width: words do
  // not break.
  const std::size_t room = width > 4 ? width - 3 : 1;
  std::size_t lines = 0;
  for (std::size_t start = 0;;) {
    const std::size_t end = text.find('\n', start);
    const std::size_t length = characters(text.substr(start, end == std::string_view::npos ? end : end - start));
    lines += length == 0 ? 1 : (length + room - 1) / room;
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return lines;
}

double row_height_for(std::size_t lines) {
  // 15 points a line, as the default font; 409 is the most a row may be.
  return std::min(409.0, 15.0 * static_cast<double>(std::max<std::size_t>(lines, 1)));
}

void Sheet::activate() { lxw().worksheet_activate(ws(sheet_)); }

}  // namespace riskmap::xlsx_out
