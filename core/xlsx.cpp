#include "xlsx.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include <fmt/format.h>

#include "error.hpp"
#include "text.hpp"
#include "xml.hpp"

namespace riskmap::xlsx {

namespace {

bool ends_with_folded(std::string_view name, std::string_view suffix) {
  if (name.size() < suffix.size()) return false;
  const auto tail = name.substr(name.size() - suffix.size());
  return std::equal(tail.begin(), tail.end(), suffix.begin(), [](char a, char b) {
    return (a >= 'A' && a <= 'Z' ? a - 'A' + 'a' : a) == b;
  });
}

}  // namespace

bool is_workbook(std::string_view name, std::string_view first_bytes) {
  return ends_with_folded(name, ".xlsx") || first_bytes.starts_with(std::string_view("PK\x03\x04", 4));
}

std::string unread_format(std::string_view name) {
  if (ends_with_folded(name, ".xls"))
    return fmt::format(
        "{}: an Excel 97-2003 workbook (.xls) is not read: save it as .xlsx (Excel Workbook) or "
        "as CSV (UTF-8)",
        name);
  if (ends_with_folded(name, ".ods"))
    return fmt::format(
        "{}: an OpenDocument spreadsheet (.ods) is not read: save it as .xlsx (Excel 2007-365) "
        "or as CSV (UTF-8)",
        name);
  return {};
}

std::string column_letters(std::size_t column) {
  std::string letters;
  for (std::size_t n = column + 1; n > 0; n = (n - 1) / 26)
    letters.insert(letters.begin(), static_cast<char>('A' + (n - 1) % 26));
  return letters;
}

std::string sheet_label(std::string_view name) {
  // As a cell reference writes it: quoted when it holds anything but
  // letters, digits, '_' and '.' (a space, a dash...), its quotes doubled.
  const bool plain = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '_' || c == '.';
  });
  if (plain) return std::string(name);
  std::string quoted = "'";
  for (const char c : name) quoted += c == '\'' ? std::string("''") : std::string(1, c);
  return quoted + "'";
}

namespace {

// Days since 1970-01-01 to a civil date (proleptic Gregorian).
std::string civil_date(std::int64_t days) {
  days += 719468;  // from 0000-03-01
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const std::int64_t day_of_era = days - era * 146097;
  const std::int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const std::int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const std::int64_t shifted_month = (5 * day_of_year + 2) / 153;  // March is 0
  const std::int64_t day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
  const std::int64_t month = shifted_month < 10 ? shifted_month + 3 : shifted_month - 9;
  const std::int64_t year = year_of_era + era * 400 + (month <= 2 ? 1 : 0);
  return fmt::format("{:04}-{:02}-{:02}", year, month, day);
}

// 1899-12-30 and 1904-01-01, in days since 1970-01-01.
constexpr std::int64_t day_1899_12_30 = -25569, day_1904_01_01 = -24107;

}  // namespace

std::optional<std::string> serial_date(double serial, bool date1904) {
  if (!std::isfinite(serial)) return std::nullopt;
  const double day = std::floor(serial);
  // 2958465 is 9999-12-31 in the 1900 system; the 1904 system is 1462 days behind.
  if (day < (date1904 ? 0 : 1) || day > (date1904 ? 2958465 - 1462 : 2958465)) return std::nullopt;
  const auto n = static_cast<std::int64_t>(day);
  if (date1904) return civil_date(day_1904_01_01 + n);
  // The 1900 system counts a 1900-02-29 that never was, as Lotus 1-2-3 did:
  // serials before it are one day off the real calendar.
  if (n == 60) return std::string("1900-02-29");
  return civil_date(day_1899_12_30 + n + (n < 60 ? 1 : 0));
}

bool is_date_format(std::uint32_t id, std::string_view code) {
  if ((id >= 14 && id <= 22) || (id >= 45 && id <= 47)) return true;
  bool quoted = false;
  for (std::size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (quoted) {
      quoted = c != '"';
    } else if (c == '"') {
      quoted = true;
    } else if (c == '[') {
      const auto close = code.find(']', i);
      if (close == std::string_view::npos) return false;
      i = close;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;  // the next character is written as it is, or a width, or a fill
    } else if (c == 'd' || c == 'D' || c == 'm' || c == 'M' || c == 'y' || c == 'Y') {
      return true;
    }
  }
  return false;
}

std::string number_text(std::string_view value) {
  double number = 0;
  const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), number);
  // Whole numbers up to 2^53 are exact in a double: "3.0" and "3E2" print as integers.
  if (error != std::errc{} || end != value.data() + value.size() || !std::isfinite(number) ||
      number != std::floor(number) || std::fabs(number) > 9007199254740992.0)
    return std::string(value);
  return fmt::format("{}", static_cast<std::int64_t>(number));
}

std::string unescape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    // _xHHHH_: a UTF-16 code unit (ECMA-376, ST_Xstring).
    if (text[i] == '_' && i + 6 < text.size() && text[i + 1] == 'x' && text[i + 6] == '_') {
      unsigned code = 0;
      const auto [end, error] = std::from_chars(text.data() + i + 2, text.data() + i + 6, code, 16);
      if (error == std::errc{} && end == text.data() + i + 6 && (code < 0xD800 || code > 0xDFFF)) {
        if (code < 0x80) {
          out += static_cast<char>(code);
        } else if (code < 0x800) {
          out += static_cast<char>(0xC0 | (code >> 6));
          out += static_cast<char>(0x80 | (code & 0x3F));
        } else {
          out += static_cast<char>(0xE0 | (code >> 12));
          out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
          out += static_cast<char>(0x80 | (code & 0x3F));
        }
        i += 6;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

namespace {

// The relationships of a part (an OPC .rels part): id, type, target.
struct Relationship {
  std::string id, type, target;
};

class RelationshipsReader : public xml::Handler {
 public:
  void start(std::string_view name, const xml::Attributes& attributes) override {
    if (name != "Relationship") return;
    const char* mode = attributes.find("TargetMode");
    if (mode && std::string_view(mode) == "External") return;
    const char* id = attributes.find("Id");
    const char* type = attributes.find("Type");
    const char* target = attributes.find("Target");
    if (id && type && target) relationships.push_back({id, type, target});
  }
  void end(std::string_view) override {}
  std::vector<Relationship> relationships;
};

// The folder of a part, "xl/" for "xl/workbook.xml".
std::string folder_of(std::string_view part) {
  const auto slash = part.rfind('/');
  return slash == std::string_view::npos ? std::string() : std::string(part.substr(0, slash + 1));
}

// The .rels part of a part: "xl/_rels/workbook.xml.rels".
std::string rels_of(std::string_view part) {
  const std::string folder = folder_of(part);
  return folder + "_rels/" + std::string(part.substr(folder.size())) + ".rels";
}

// The part a relationship's target names, from the folder of its source:
// "worksheets/sheet1.xml" from "xl/" is "xl/worksheets/sheet1.xml"; a
// target starting with '/' is from the archive's root.
std::string resolve(std::string_view folder, std::string_view target) {
  std::string path = target.starts_with('/') ? std::string(target.substr(1))
                                             : std::string(folder) + std::string(target);
  std::vector<std::string> segments;
  for (const auto& segment : split_list(path, '/')) {
    if (segment.empty() || segment == ".") continue;
    if (segment == "..") {
      if (!segments.empty()) segments.pop_back();
      continue;
    }
    segments.push_back(segment);
  }
  return join(segments, "/");
}

std::vector<Relationship> read_relationships(const zip::Archive& archive, const std::string& part) {
  RelationshipsReader reader;
  xml::parse_part(archive, part, reader);
  return reader.relationships;
}

bool has_type(const Relationship& relationship, std::string_view type) {
  return relationship.type.ends_with("/" + std::string(type));
}

class WorkbookReader : public xml::Handler {
 public:
  struct Entry {
    std::string name, id;
  };
  void start(std::string_view name, const xml::Attributes& attributes) override {
    if (name == "workbookPr") {
      const char* value = attributes.find("date1904");
      date1904 = value && (std::string_view(value) == "1" || std::string_view(value) == "true");
    } else if (name == "sheet") {
      const char* sheet = attributes.find("name");
      const char* id = attributes.find("id");  // r:id
      sheets.push_back({sheet ? sheet : "", id ? id : ""});
    }
  }
  void end(std::string_view) override {}
  std::vector<Entry> sheets;
  bool date1904 = false;
};

class SharedStringsReader : public xml::Handler {
 public:
  explicit SharedStringsReader(std::vector<std::string>& strings, std::string where)
      : strings_(strings), where_(std::move(where)) {}
  void start(std::string_view name, const xml::Attributes&) override {
    if (name == "si") {
      in_item_ = true;
      text_.clear();
    } else if (name == "rPh") {
      ++phonetic_;  // a reading guide above the text, not part of it
    } else if (name == "t") {
      in_text_ = in_item_ && phonetic_ == 0;
    }
  }
  void end(std::string_view name) override {
    if (name == "si") {
      if (strings_.size() >= max_strings)
        throw ContentError(fmt::format("{}: more than {} shared strings", where_, max_strings));
      strings_.push_back(unescape(text_));
      in_item_ = false;
    } else if (name == "rPh") {
      --phonetic_;
    } else if (name == "t") {
      in_text_ = false;
    }
  }
  void text(std::string_view chars) override {
    if (in_text_) text_.append(chars);
  }

 private:
  static constexpr std::size_t max_strings = std::size_t{1} << 24;
  std::vector<std::string>& strings_;
  std::string where_;
  std::string text_;
  bool in_item_ = false, in_text_ = false;
  int phonetic_ = 0;
};

class StylesReader : public xml::Handler {
 public:
  void start(std::string_view name, const xml::Attributes& attributes) override {
    if (name == "numFmt") {
      const char* id = attributes.find("numFmtId");
      const char* code = attributes.find("formatCode");
      if (id && code) codes[number(id)] = code;
    } else if (name == "cellXfs") {
      in_cell_formats_ = true;
    } else if (name == "xf" && in_cell_formats_) {
      const char* id = attributes.find("numFmtId");
      formats.push_back(id ? number(id) : 0);
    }
  }
  void end(std::string_view name) override {
    if (name == "cellXfs") in_cell_formats_ = false;
  }
  std::map<std::uint32_t, std::string> codes;
  std::vector<std::uint32_t> formats;  // by cellXfs index

 private:
  static std::uint32_t number(std::string_view text) {
    std::uint32_t value = 0;
    std::from_chars(text.data(), text.data() + text.size(), value);
    return value;
  }
  bool in_cell_formats_ = false;
};

class MergesReader : public xml::Handler {
 public:
  void start(std::string_view name, const xml::Attributes& attributes) override {
    if (name != "mergeCell") return;
    if (const char* ref = attributes.find("ref")) refs.emplace_back(ref);
  }
  void end(std::string_view) override {}
  std::vector<std::string> refs;
};

// The column and row of a cell reference ("C12": 2 and 12); nullopt when
// it is not one.
std::optional<std::pair<std::size_t, std::size_t>> cell_position(std::string_view ref) {
  std::size_t column = 0, i = 0;
  for (; i < ref.size() && i < 4; ++i) {
    char c = ref[i];
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c < 'A' || c > 'Z') break;
    column = column * 26 + static_cast<std::size_t>(c - 'A' + 1);
  }
  std::size_t row = 0;
  const auto digits = ref.substr(i);
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), row);
  if (i == 0 || error != std::errc{} || end != digits.data() + digits.size() || row == 0)
    return std::nullopt;
  return std::pair(column - 1, row);
}

}  // namespace

Workbook Workbook::open(zip::Archive archive) {
  Workbook book(std::move(archive));
  const zip::Archive& zip = book.archive_;
  const std::string& source = zip.source();
  // The main part is where the package's relationships say; a package
  // without them is read at the usual place.
  std::string main = "xl/workbook.xml";
  if (zip.has("_rels/.rels"))
    for (const auto& relationship : read_relationships(zip, "_rels/.rels"))
      if (has_type(relationship, "officeDocument")) main = resolve("", relationship.target);
  if (!zip.has(main))
    throw ContentError(fmt::format(
        "{}: not an XLSX workbook: the zip archive has no workbook part ({}); a .docx, .pptx or "
        ".ods file is not read: save the spreadsheet as .xlsx",
        source, main));
  WorkbookReader workbook;
  xml::parse_part(zip, main, workbook);
  book.date1904_ = workbook.date1904;
  if (workbook.sheets.empty())
    throw ContentError(fmt::format("{}: {} lists no sheet", source, main));

  const std::string rels = rels_of(main);
  if (!zip.has(rels))
    throw ContentError(fmt::format(
        "{}: the workbook has no part {}, which says where its sheets are", source, rels));
  const auto relationships = read_relationships(zip, rels);
  const std::string folder = folder_of(main);
  for (const auto& entry : workbook.sheets) {
    const auto it = std::find_if(relationships.begin(), relationships.end(),
                                 [&](const Relationship& r) { return r.id == entry.id; });
    if (it == relationships.end())
      throw ContentError(fmt::format("{}: sheet '{}' of {} has no relationship '{}' in {}", source,
                                     entry.name, main, entry.id, rels));
    book.sheets_.push_back({entry.name, resolve(folder, it->target)});
  }
  for (const auto& relationship : relationships) {
    const bool strings = has_type(relationship, "sharedStrings");
    if (!strings && !has_type(relationship, "styles")) continue;
    const std::string part = resolve(folder, relationship.target);
    if (!zip.has(part))
      throw ContentError(fmt::format("{}: the workbook has no part {}, which {} names", source,
                                     part, rels));
    if (strings) {
      book.shared_.emplace();
      book.shared_part_ = part;
      SharedStringsReader reader(*book.shared_, fmt::format("{}: {}", source, part));
      xml::parse_part(zip, part, reader);
    } else {
      StylesReader reader;
      xml::parse_part(zip, part, reader);
      for (const std::uint32_t id : reader.formats) {
        const auto code = reader.codes.find(id);
        book.date_styles_.push_back(
            is_date_format(id, code == reader.codes.end() ? std::string_view() : code->second));
      }
    }
  }
  return book;
}

std::vector<std::string> Workbook::sheet_names() const {
  std::vector<std::string> names;
  for (const auto& sheet : sheets_) names.push_back(sheet.name);
  return names;
}

std::size_t Workbook::find_sheet(std::string_view choice) const {
  if (choice.empty()) return 0;
  for (std::size_t i = 0; i < sheets_.size(); ++i)
    if (sheets_[i].name == choice) return i;
  const auto names = sheet_names();
  std::size_t position = 0;
  const auto [end, error] = std::from_chars(choice.data(), choice.data() + choice.size(), position);
  if (error == std::errc{} && end == choice.data() + choice.size()) {
    if (position >= 1 && position <= sheets_.size()) return position - 1;
    throw ValueError(fmt::format("{} has {} sheet{}: {}, so no sheet {}", source(), sheets_.size(),
                                 sheets_.size() == 1 ? "" : "s", quoted_list(names), choice));
  }
  for (std::size_t i = 0; i < sheets_.size(); ++i)
    if (fold(sheets_[i].name) == fold(choice)) return i;  // as Excel, case aside
  throw ValueError(fmt::format("{} has no sheet '{}'{}; its sheets: {} (or their positions, 1 to {})",
                               source(), choice, did_you_mean(choice, names), quoted_list(names),
                               sheets_.size()));
}

const std::vector<Workbook::Merge>& Workbook::merges(std::size_t sheet) const {
  if (const auto it = merges_.find(sheet); it != merges_.end()) return it->second;
  // The merged ranges come after the rows in the sheet's XML: the sheet is
  // parsed once for them alone, before its rows are read.
  MergesReader reader;
  xml::parse_part(archive_, sheets_.at(sheet).part, reader);
  std::vector<Merge> merges;
  for (const auto& ref : reader.refs) {
    const auto colon = ref.find(':');
    if (colon == std::string::npos) continue;
    const auto first = cell_position(std::string_view(ref).substr(0, colon));
    const auto last = cell_position(std::string_view(ref).substr(colon + 1));
    if (!first || !last || last->first < first->first || first->first >= max_columns ||
        last->first >= max_columns || last->second < first->second)
      continue;
    merges.push_back({first->second, first->first, last->first, last->second});
  }
  return merges_.emplace(sheet, std::move(merges)).first->second;
}

}  // namespace riskmap::xlsx
