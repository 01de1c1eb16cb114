// The deliverables' tables as CSV files and Excel workbooks: one table is
// written once, to each format the run asks for.
#include <charconv>

#include <fmt/format.h>

#include "deliverable.hpp"
#include "error.hpp"
#include "scenario.hpp"
#include "text.hpp"

namespace riskmap {

namespace {

const xlsx_out::Style header_style{"#1F3864", "#FFFFFF", true, true, true};
const xlsx_out::Style cell_style{"", "", false, true, true};
const xlsx_out::Style title_style{"", "#1F3864", true};

// A number as the documents write it: "12", "2.5", or "2,5" in French.
std::optional<double> number_in(std::string_view text) {
  if (text.empty() || text.size() > 32) return std::nullopt;
  std::string digits(text);
  if (const auto comma = digits.find(','); comma != std::string::npos) digits[comma] = '.';
  double value = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (error != std::errc{} || end != digits.data() + digits.size()) return std::nullopt;
  return value;
}

// Columns as wide as their text, within bounds: long text wraps.
constexpr std::size_t narrowest = 6, widest = 50;
// Tables up to this many characters wide print on the width of a page.
constexpr std::size_t fit_on_page = 250;

}  // namespace

TableOut::TableOut(ReportContext& ctx, std::ostream* csv, xlsx_out::Sheet* sheet,
                   const std::vector<std::string>& header)
    : ctx_(ctx), csv_(csv), sheet_(sheet), columns_(header.size()) {
  if (csv_) {
    if (ctx_.options.csv_bom) *csv_ << "\xEF\xBB\xBF";
    ctx_.csv_row(*csv_, header);
  }
  if (sheet_) {
    widths_.assign(columns_, narrowest);
    std::size_t lines = 1;
    for (std::size_t i = 0; i < header.size(); ++i) {
      // A header wraps over two lines before it widens its column.
      widths_[i] = std::max(widths_[i], std::min(xlsx_out::characters(header[i]) / 2 + 3, widest));
      lines = std::max(lines, xlsx_out::lines_in(header[i], widths_[i]));
    }
    sheet_->row_height(0, xlsx_out::row_height_for(lines));
    for (std::size_t i = 0; i < header.size(); ++i) sheet_->text(0, i, header[i], &header_style);
  }
}

void TableOut::row(const std::vector<std::string>& cells) {
  if (csv_) ctx_.csv_row(*csv_, cells);
  if (!sheet_) return;
  if (measured_) return write(cells);
  held_.push_back(cells);
  if (held_.size() == measured_rows) flush();
}

void TableOut::flush() {
  if (!measured_) {
    for (const auto& cells : held_)
      for (std::size_t i = 0; i < cells.size() && i < widths_.size(); ++i)
        widths_[i] = std::max(widths_[i], std::min(xlsx_out::characters(cells[i]) + 2, widest));
    for (std::size_t i = 0; i < widths_.size(); ++i)
      sheet_->column_width(i, i, static_cast<double>(widths_[i]));
    measured_ = true;
  }
  for (const auto& cells : held_) write(cells);
  held_.clear();
}

void TableOut::write(const std::vector<std::string>& cells) {
  ++rows_;
  std::size_t lines = 1;
  for (std::size_t i = 0; i < cells.size() && i < widths_.size(); ++i)
    lines = std::max(lines, xlsx_out::lines_in(cells[i], widths_[i]));
  if (lines > 1) sheet_->row_height(rows_, xlsx_out::row_height_for(lines));
  for (std::size_t i = 0; i < cells.size(); ++i) {
    const std::string& cell = cells[i];
    if (std::find(numbers_.begin(), numbers_.end(), i) != numbers_.end())
      if (const auto number = number_in(cell)) {
        sheet_->number(rows_, i, *number, &cell_style);
        continue;
      }
    if (std::find(levels_.begin(), levels_.end(), i) != levels_.end())
      if (const std::string& fill = ctx_.level_colour(cell); !fill.empty()) {
        const xlsx_out::Style level{fill, "", true, true, true, true};
        sheet_->text(rows_, i, cell, &level);
        continue;
      }
    sheet_->text(rows_, i, cell, &cell_style);
  }
}

void TableOut::finish() {
  if (!sheet_) return;
  flush();
  sheet_->freeze(1, 0);
  if (columns_) sheet_->filter(0, 0, rows_, columns_ - 1);
  std::size_t width = 0;
  for (const std::size_t w : widths_) width += w;
  sheet_->print_setup(width <= fit_on_page);
}

bool ReportContext::wants(DocFormat format) const {
  return std::find(options.formats.begin(), options.formats.end(), format) !=
         options.formats.end();
}

xlsx_out::Book* ReportContext::book() {
  if (options.to_stdout || !current_has_workbook_ || !wants(DocFormat::xlsx)) return nullptr;
  if (book_) return book_.get();
  const Mission& mission = workspace.config().mission;
  xlsx_out::Properties properties;
  properties.title = current_title_.in(lang);
  properties.subject = mission.title.value_or("");
  properties.author = options.author.value_or(mission.author.value_or(""));
  properties.company = mission.name;
  properties.keywords = options.classification.value_or(mission.classification.value_or(""));
  // The status in the document's language ("draft" and "final" are ids).
  const std::string status = options.status.value_or(mission.status.value_or(""));
  properties.comments = status == "draft"   ? text("Brouillon", "Draft")
                        : status == "final" ? text("Version finale", "Final")
                                            : status;
  properties.created = options.today;
  const std::string name = current_ + ".xlsx";
  book_ = std::make_unique<xlsx_out::Book>(staging->path(name), staging->staging(), properties);
  paths.push_back(folder() / name);
  method_lists_.reset();
  return book_.get();
}

TableOut* ReportContext::table(const std::string& csv_name, const Text& sheet_name,
                               const std::vector<std::string>& header) {
  std::ostream* csv = wants(DocFormat::md) ? side_file(csv_name) : nullptr;
  xlsx_out::Book* workbook = book();
  xlsx_out::Sheet* sheet = workbook ? &workbook->sheet(sheet_name.in(lang)) : nullptr;
  if (!csv && !sheet) return nullptr;
  tables_.push_back(std::make_unique<TableOut>(*this, csv, sheet, header));
  return tables_.back().get();
}

const std::string& ReportContext::level_colour(std::string_view label) const {
  static const std::string none;
  for (const Step& step : method.levels.steps)
    if (step.label.in(lang) == label) return step.colour;
  return none;
}

const ReportContext::MethodLists& ReportContext::method_sheet() {
  if (method_lists_) return *method_lists_;
  xlsx_out::Sheet& sheet = book_->sheet(text("Méthode", "Method"));
  // Columns: A the grid's row labels and the steps' numbers, B the labels,
  // then one column per impact for the grid, which the descriptions span.
  constexpr std::size_t label_width = 24, grid_width = 18;
  const std::size_t last_column = std::max<std::size_t>(2, static_cast<std::size_t>(method.impact.size()));
  const std::size_t description_width = grid_width * (last_column - 1);
  const auto description = [&](std::size_t at, const std::string& text, const xlsx_out::Style* style) {
    if (last_column > 2)
      sheet.merge(at, 2, last_column, text, style);
    else
      sheet.text(at, 2, text, style);
  };
  MethodLists lists;
  lists.column = 1;
  std::size_t row = 0;
  sheet.text(row, 0,
             fmt::format("{} {}", text("Méthode de cotation\u00a0:", "Rating method:"), method_title(method.name)),
             &title_style);
  row += 2;
  const auto scale_block = [&](const Text& heading, const Scale& scale, bool coloured) {
    sheet.text(row, 0, text("N°", "No."), &header_style);
    sheet.text(row, 1, heading.in(lang), &header_style);
    description(row, text("Description", "Description"), &header_style);
    ++row;
    const std::size_t first = row;
    for (int i = 1; i <= scale.size(); ++i, ++row) {
      const Step& step = scale.at(i);
      sheet.row_height(row, xlsx_out::row_height_for(std::max(
                                xlsx_out::lines_in(step.description.in(lang), description_width),
                                xlsx_out::lines_in(step.label.in(lang), label_width))));
      sheet.number(row, 0, i, &cell_style);
      const xlsx_out::Style fill{coloured ? step.colour : "", "", coloured, true, true};
      sheet.text(row, 1, step.label.in(lang), &fill);
      description(row, step.description.in(lang), &cell_style);
    }
    ++row;
    return std::pair{first, row - 2};
  };
  lists.likelihood = scale_block({"Vraisemblance", "Likelihood"}, method.likelihood, false);
  lists.impact = scale_block({"Gravité", "Impact"}, method.impact, false);
  lists.level = scale_block({"Niveau de risque", "Risk level"}, method.levels, true);
  // The grid: likelihood down (highest first), impact across.
  sheet.text(row, 0, text("Vraisemblance \\ gravité", "Likelihood \\ impact"), &header_style);
  for (int j = 1; j <= method.impact.size(); ++j)
    sheet.text(row, static_cast<std::size_t>(j), method.impact.at(j).label.in(lang), &header_style);
  ++row;
  for (int i = method.likelihood.size(); i >= 1; --i, ++row) {
    sheet.text(row, 0, method.likelihood.at(i).label.in(lang), &header_style);
    for (int j = 1; j <= method.impact.size(); ++j) {
      const Step& level = method.levels.at(method.level_of(i, j));
      const xlsx_out::Style fill{level.colour, "", true, true, true, true};
      sheet.text(row, static_cast<std::size_t>(j), level.label.in(lang), &fill);
    }
  }
  ++row;
  sheet.text(row++, 0,
             lang == Lang::fr
                 ? fmt::format("Seuil d’acceptation\u00a0: niveau «\u00a0{}\u00a0»",
                               method.levels.at(method.appetite).label.fr)
                 : fmt::format("Risk appetite: level “{}”", method.levels.at(method.appetite).label.en),
             &title_style);
  ++row;
  const auto choice_block = [&](const Text& heading, const Vocabulary& vocabulary) {
    sheet.text(row, 1, heading.in(lang), &header_style);
    ++row;
    const std::size_t first = row;
    for (const auto& choice : vocabulary) sheet.text(row++, 1, choice.label.in(lang), &cell_style);
    ++row;
    return std::pair{first, row - 2};
  };
  lists.treatment = choice_block({"Traitements", "Treatments"}, treatments());
  lists.status = choice_block({"Statuts", "Statuses"}, scenario_statuses());
  sheet.column_width(0, 0, label_width);
  sheet.column_width(1, 1, label_width);
  sheet.column_width(2, last_column, grid_width);
  sheet.print_setup(true, false);
  method_lists_ = lists;
  return *method_lists_;
}

void ReportContext::begin(const Deliverable& deliverable) {
  current_ = deliverable.name;
  current_title_ = deliverable.title;
  current_has_workbook_ = deliverable.workbook;
  current_new_page_ = deliverable.new_page_sections;
  current_slides_ = deliverable.slides;
}

void ReportContext::finish() {
  for (auto& table : tables_) table->finish();
  tables_.clear();
  if (book_) {
    method_sheet();
    book_->close();
    book_.reset();
  }
  current_has_workbook_ = false;
  make_document();
  current_markdown_.clear();
  current_streams_.clear();
  scratch_streams_.clear();
}

}  // namespace riskmap
