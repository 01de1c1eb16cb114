#include <pwd.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <ostream>

#include <fmt/format.h>

#include "command.hpp"
#include "table.hpp"
#include "terminal.hpp"
#include "text.hpp"

namespace riskmap::cli {

Run::Run(const Globals& globals, std::ostream& out, std::ostream& err,
         std::unique_ptr<Workspace> workspace)
    : globals_(globals), out_(out), err_(err), workspace_(std::move(workspace)) {}

Lang Run::lang() const {
  if (globals_.lang) return option_value("--lang", [&] { return parse_lang(*globals_.lang); });
  if (workspace_) return workspace_->config().mission.language;
  return Lang::fr;
}

Date Run::today() const {
  if (globals_.today) return option_value("--today", [&] { return Date::parse(*globals_.today); });
  return Date::today();
}

Format Run::format(std::initializer_list<Format> allowed, Format fallback) const {
  if (!globals_.format) return fallback;
  static const std::pair<Format, std::string> names[] = {
      {Format::table, "table"}, {Format::csv, "csv"}, {Format::json, "json"}};
  std::vector<std::string> allowed_names;
  for (const auto& [format, name] : names) {
    bool ok = false;
    for (const Format a : allowed) ok = ok || a == format;
    if (!ok) continue;
    allowed_names.push_back(name);
    if (*globals_.format == name) return format;
  }
  throw UsageError(fmt::format("--format: '{}' is not allowed here{}; allowed: {}",
                               *globals_.format, did_you_mean(*globals_.format, allowed_names),
                               quoted_list(allowed_names)));
}

bool Run::colour() const {
  if (globals_.no_color) return false;
  if (const char* no_color = std::getenv("NO_COLOR"); no_color && *no_color) return false;
  if (const char* term = std::getenv("TERM"); term && std::string_view(term) == "dumb")
    return false;
  return ::isatty(STDOUT_FILENO) == 1;
}

std::string journal_author(const Globals& globals) {
  if (globals.author && !globals.author->empty()) return *globals.author;
  if (const char* user = std::getenv("USER"); user && *user) return user;
  if (const passwd* entry = ::getpwuid(::geteuid())) return entry->pw_name;
  return "unknown";
}

std::string Run::author() const {
  return journal_author(globals_);
}

void Run::record_change(Workspace& workspace) const {
  riskmap::record_change(workspace.db(), author(), globals_.command_line, touched_);
}

void Run::note(const std::string& message) {
  if (holding_)
    held_.push_back(message);
  else if (!globals_.quiet)
    err_ << "riskmap: " << message << "\n";
}

void Run::release_notes() {
  holding_ = false;
  for (const auto& message : held_) note(message);
  held_.clear();
}

void Run::verbose(const std::string& message) {
  if (globals_.verbose && !globals_.quiet) err_ << "riskmap: " << message << "\n";
}

TableStyle Run::table_style(const EntityKind* kind) {
  tables_ = true;
  TableStyle style;
  style.colour = colour();
  style.lang = lang();
  if (!globals_.wide) style.width = table_width();
  style.kind = kind;
  return style;
}

CsvStyle Run::csv_style(bool for_people, Lang lang) const {
  CsvStyle style;
  if (for_people && lang == Lang::fr) style = {';', true};
  if (workspace_) {
    const OutputSettings& output = workspace_->config().output;
    if (const auto d = for_people ? output.document_delimiter : output.data_delimiter) style.delimiter = *d;
    if (const auto b = for_people ? output.document_bom : output.data_bom) style.bom = *b;
  }
  if (globals_.csv_delimiter) {
    if (*globals_.csv_delimiter != "," && *globals_.csv_delimiter != ";")
      throw UsageError(fmt::format("--csv-delimiter: '{}' is not allowed; allowed: ',', ';'",
                                   *globals_.csv_delimiter));
    style.delimiter = (*globals_.csv_delimiter)[0];
  }
  if (globals_.csv_bom) style.bom = *globals_.csv_bom;
  return style;
}

std::unique_ptr<RowWriter> Run::writer(Format format, std::vector<std::string> table_columns,
                                       const EntityKind* kind) {
  switch (format) {
    case Format::csv: {
      const CsvStyle style = csv_style(false, lang());
      if (style.bom) out_ << "\xEF\xBB\xBF";
      return make_csv_writer(out_, style.delimiter);
    }
    case Format::json:
      return make_json_writer(out_);
    case Format::table:
      break;
  }
  return make_table_writer(out_, table_style(kind), std::move(table_columns));
}

void open_input(std::ifstream& stream, const std::string& file) {
  // A folder opens as a stream that reads nothing, which an import would
  // take for an empty file.
  std::error_code ignored;
  if (std::filesystem::is_directory(file, ignored))
    throw Error(fmt::format("{}: is a folder, not a file", file));
  stream.open(file, std::ios::binary);
  if (!stream) throw Error(fmt::format("{}: cannot read: {}", file, std::strerror(errno)));
}

std::string read_input(const std::string& file) {
  if (file == "-")
    return {std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>()};
  std::ifstream stream;
  open_input(stream, file);
  return {std::istreambuf_iterator<char>(stream), std::istreambuf_iterator<char>()};
}

std::string plural(std::size_t count, std::string_view noun) {
  return fmt::format("{} {}{}", count, noun, count == 1 ? "" : "s");
}

Cell text_or_null(std::string_view text) {
  if (text.empty()) return std::monostate{};
  return std::string(text);
}

}  // namespace riskmap::cli
