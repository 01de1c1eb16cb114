#pragma once
// What each deliverable implements, and the context it renders in. A
// deliverable builds a view model (sorting, counting and formatting happen
// here, not in templates) and writes its files through the context.
#include <cstddef>
#include <fstream>
#include <iterator>
#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <unordered_map>
#include <vector>

#include "compliance.hpp"
#include "continuity.hpp"
#include "files.hpp"
#include "packed_records.hpp"
#include "report.hpp"
#include "review.hpp"
#include "scenario.hpp"
#include "template.hpp"
#include "xlsx_writer.hpp"

namespace riskmap {

// The scenarios of the map, current level highest first, then in natural
// ref order; held packed (packed_records.hpp). Iterating gives each
// scenario unpacked into the iterator's own Record, reused from one step
// to the next: keep a scenario's index, or a copy, never its address.
class ScenarioList {
 public:
  std::size_t size() const { return order_.size(); }
  bool empty() const { return order_.empty(); }
  // The i-th scenario, as a copy.
  Record operator[](std::size_t i) const { return packed_.at(order_[i]); }
  // The place of the i-th scenario in natural ref order.
  std::size_t natural_rank(std::size_t i) const { return order_[i]; }
  // Every scenario in natural ref order (the Record is reused).
  template <typename Visit>
  void for_each_natural(Visit&& visit) const {
    Record record;
    for (std::size_t i = 0; i < packed_.size(); ++i) {
      packed_.read(i, record);
      visit(static_cast<const Record&>(record));
    }
  }

  class iterator {
   public:
    using iterator_category = std::input_iterator_tag;
    using value_type = Record;
    using difference_type = std::ptrdiff_t;
    using pointer = const Record*;
    using reference = const Record&;
    iterator(const ScenarioList* list, std::size_t at) : list_(list), at_(at) {}
    const Record& operator*() const {
      if (loaded_ != at_) {
        list_->packed_.read(list_->order_[at_], record_);
        loaded_ = at_;
      }
      return record_;
    }
    const Record* operator->() const { return &**this; }
    iterator& operator++() {
      ++at_;
      return *this;
    }
    bool operator==(const iterator& other) const { return at_ == other.at_; }
    bool operator!=(const iterator& other) const { return at_ != other.at_; }

   private:
    const ScenarioList* list_;
    std::size_t at_;
    mutable Record record_;
    mutable std::size_t loaded_ = static_cast<std::size_t>(-1);
  };
  iterator begin() const { return {this, 0}; }
  iterator end() const { return {this, order_.size()}; }

 private:
  friend class ReportContext;
  PackedRecords packed_;             // natural ref order
  std::vector<std::size_t> order_;   // the list's order, as indices in packed_
};

// The map as deliverables read it, loaded once per run.
struct MapData {
  std::vector<Record> assets;                             // natural ref order
  ScenarioList scenarios;
  std::unordered_map<std::string, std::size_t> asset_at;  // ref -> index in assets
};

class ReportContext;
class DocumentMaker;
struct Deliverable;

// A table of a deliverable, written as the run's formats ask: NAME.csv
// beside the Markdown, a sheet of NAME.xlsx (bold header kept in view,
// filters, columns as wide as their text, numbers as numbers, levels in
// their colours).
class TableOut {
 public:
  TableOut(ReportContext& ctx, std::ostream* csv, xlsx_out::Sheet* sheet,
           const std::vector<std::string>& header);
  // Columns whose cells are numbers in the workbook (the CSV is alike).
  void numbers(std::vector<std::size_t> columns) { numbers_ = std::move(columns); }
  // Columns holding a risk level's label: the workbook fills them with the
  // level's colour.
  void levels(std::vector<std::size_t> columns) { levels_ = std::move(columns); }
  void row(const std::vector<std::string>& cells);
  // Writes the rows held back and sets the filter once every row is in.
  void finish();

 private:
  // The first rows are held back to measure the columns; the rest are
  // written at once at those widths.
  static constexpr std::size_t measured_rows = 500;
  void flush();
  void write(const std::vector<std::string>& cells);

  ReportContext& ctx_;
  std::ostream* csv_;
  xlsx_out::Sheet* sheet_;
  std::size_t columns_ = 0, rows_ = 0;
  std::vector<std::size_t> widths_, numbers_, levels_;
  std::vector<std::vector<std::string>> held_;
  bool measured_ = false;
};

class ReportContext {
 public:
  ReportContext(Workspace& workspace, const ReportOptions& options, std::ostream& out);

  Workspace& workspace;
  const Method& method;
  const ReportOptions& options;
  Lang lang;

  const MapData& map();
  // The continuity analysis, made once per run (two deliverables read it).
  const std::vector<ContinuityRow>& continuity();
  // The critical review of the map at the run's date and in its language,
  // made once per run (the review, the method kit and the owners' deck read it).
  const ReviewResult& review();
  // Where the map stands against each framework the workspace holds, made
  // once per run.
  const std::vector<FrameworkStanding>& standings();
  // The frameworks the map is aligned with (compliance.hpp): a [mission]
  // referentials id the rendered map does not hold is a ContentError.
  const std::vector<const FrameworkStanding*>& referentials();
  // The referentials, then the other assessed frameworks: those the
  // compliance deliverables detail.
  const std::vector<const FrameworkStanding*>& frameworks_in_force();
  // Whether a scenario of the map has an inherent likelihood or impact: the
  // documents show the inherent stage only then.
  bool has_inherent();
  // How the documents name a stage, in the run's language (stage_label):
  // "Initial", and in running text "initial".
  const std::string& stage_name(Stage stage) const { return stage_label(stage, method).in(lang); }
  std::string stage_word(Stage stage) const;
  // French or English, as the run asks.
  const std::string& text(const Text& both) const { return both.in(lang); }
  std::string text(const char* fr, const char* en) const { return lang == Lang::fr ? fr : en; }

  // A level as a view: id, position, label, colour; empty when unrated.
  ViewData level_view(const Scale& scale, std::optional<int> position) const;
  // The same written over `view`, reusing its storage (see view.hpp).
  void assign_level(ViewData& view, const Scale& scale, std::optional<int> position) const;
  // Names every template can use: title, client, date, method, level names,
  // the name of the current stage, the referentials...
  ViewData common_view(const Text& title);
  static ViewSchema common_schema();

  // Renders `template_name` to NAME.md (or to stdout with -o -), after the
  // YAML front matter.
  void markdown(const std::string& deliverable, const Text& title, const ViewData& view,
                const ViewStreams& streams = {});
  // A file beside the Markdown (CSV, SVG); nothing is written with -o -.
  // When the run makes documents but no Markdown, the files are written to
  // the scratch folder for pandoc, and not kept.
  std::ostream* side_file(const std::string& file_name);
  // Writes a deliverable CSV row (RFC 4180, CRLF, formula-safe text).
  void csv_row(std::ostream& out, const std::vector<std::string>& cells,
               bool text_cells = true) const;

  // Whether the run writes `format`.
  bool wants(DocFormat format) const;
  // The deliverable's workbook, NAME.xlsx, made on first use; nullptr when
  // the run does not ask for xlsx. Closed (with its Method sheet added)
  // when the deliverable is done.
  xlsx_out::Book* book();
  // A table of the deliverable (see TableOut), as NAME.csv when the run
  // writes Markdown and as a sheet of NAME.xlsx when it writes xlsx;
  // nullptr when it writes neither (-o -).
  TableOut* table(const std::string& csv_name, const Text& sheet_name,
                  const std::vector<std::string>& header);
  // The sheet that explains the method (scales, grid in colour, the lists
  // a register's cells take), with where each list is.
  struct MethodLists {
    std::size_t column = 0;  // the lists' column on the Method sheet
    std::pair<std::size_t, std::size_t> likelihood, impact, level, treatment, status;
  };
  const MethodLists& method_sheet();
  // The fill of a level's label in a workbook ("#rrggbb"), empty for none.
  const std::string& level_colour(std::string_view label) const;
  // Whether the run makes documents from the Markdown (docx, pdf, pptx).
  bool wants_documents() const;
  // Where pandoc and LibreOffice work: a folder inside the staging folder.
  std::filesystem::path scratch() const;
  // Called by the framework around each deliverable, and once all are
  // rendered (the PDF documents are made in one LibreOffice run).
  void begin(const Deliverable& deliverable);
  void finish();
  void make_pdf_documents();

  // Set by the framework: the checked templates, by deliverable name.
  std::unordered_map<std::string, std::unique_ptr<Template>> templates;
  // Every file of the run is staged here and moved into place at the end.
  std::unique_ptr<Staging> staging;
  std::unique_ptr<DocumentMaker> documents;  // when the run makes documents
  std::vector<std::filesystem::path> paths;
  std::filesystem::path folder() const;  // where the files go

 private:
  std::ostream& out_;
  std::unique_ptr<MapData> map_;
  std::optional<bool> has_inherent_;
  std::optional<std::vector<ContinuityRow>> continuity_;
  std::optional<ReviewResult> review_;
  std::optional<std::vector<FrameworkStanding>> standings_;
  std::optional<std::vector<const FrameworkStanding*>> referentials_, in_force_;
  // The deliverable being rendered, its workbook and tables.
  std::string current_;
  Text current_title_;
  bool current_has_workbook_ = false;
  std::unique_ptr<xlsx_out::Book> book_;
  std::vector<std::unique_ptr<TableOut>> tables_;
  std::optional<MethodLists> method_lists_;
  // The deliverable's Markdown and the files beside it, which its document
  // is made from.
  std::filesystem::path source_folder() const;
  void make_document();
  bool current_new_page_ = false, current_slides_ = false;
  std::filesystem::path current_markdown_;
  std::vector<std::ostream*> current_streams_;
  std::vector<std::unique_ptr<std::ofstream>> scratch_streams_;
  std::vector<std::filesystem::path> pdf_sources_;
};

struct Deliverable {
  std::string name;
  Text title;
  ViewSchema schema;                  // names beyond the common ones
  std::vector<std::string> streamed;  // sections rendered item by item
  bool workbook = false;              // its tables make NAME.xlsx
  bool new_page_sections = false;     // in Word, each top-level section starts a page
  bool slides = false;                // a deck: also written as NAME.pptx
  std::function<void(ReportContext&)> render;
};

// How documents name a method: "EBIOS Risk Manager" for ebios-rm; a
// method of the user's own by its name.
std::string method_title(const std::string& id);

// The method's grid as a table, the highest likelihood on top (method.cpp):
// matrix_impacts (id, label) heads the columns; each of matrix_rows (id,
// label) holds its cells (id, label, above: above the appetite).
ViewSchema grid_schema();
void add_grid(ReportContext& ctx, ViewData& view);

// The heat map of a stage as an SVG image titled `title` (heatmap.cpp).
// Without refs, a cell shows its count only: on a slide, where a
// scenario's code goes with its title and a title does not fit in a cell.
std::string heat_map_svg(ReportContext& ctx, Stage stage, const std::string& title,
                         bool with_refs = true);

Deliverable register_deliverable();
Deliverable heatmap_deliverable();
Deliverable scenarios_deliverable();
Deliverable summary_deliverable();
Deliverable method_deliverable();
Deliverable training_deliverable();
Deliverable training_owners_deliverable();
Deliverable action_plan_deliverable();
Deliverable soa_deliverable();
Deliverable compliance_deliverable();
Deliverable ecosystem_deliverable();
Deliverable continuity_deliverable();
Deliverable recommendations_deliverable();
Deliverable evolution_deliverable();
Deliverable review_deliverable();
Deliverable ebios_deliverable();

}  // namespace riskmap
