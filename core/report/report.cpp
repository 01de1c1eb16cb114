#include "report.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>

#include <fmt/format.h>

#include "asset.hpp"
#include "compliance_text.hpp"
#include "csv.hpp"
#include "deliverable.hpp"
#include "documents.hpp"
#include "embedded.hpp"
#include "escape.hpp"
#include "store.hpp"
#include "study.hpp"
#include "text.hpp"
#include "view.hpp"
#include "wording.hpp"

namespace riskmap {

namespace fs = std::filesystem;

namespace {

std::vector<Deliverable> all_deliverables() {
  return {register_deliverable(),    heatmap_deliverable(),    scenarios_deliverable(),
          summary_deliverable(),     method_deliverable(),     training_deliverable(),
          training_owners_deliverable(), action_plan_deliverable(), soa_deliverable(),
          compliance_deliverable(),  ecosystem_deliverable(),  continuity_deliverable(),
          recommendations_deliverable(), review_deliverable(), evolution_deliverable(),
          ebios_deliverable()};
}

std::vector<DocFormat> formats_of(const Deliverable& d) {
  // Every deliverable is a document; those with tables have a workbook.
  std::vector<DocFormat> formats{DocFormat::md, DocFormat::docx, DocFormat::pdf};
  if (d.workbook) formats.push_back(DocFormat::xlsx);
  if (d.slides) formats.push_back(DocFormat::pptx);
  return formats;
}

std::vector<std::string> format_names(const std::vector<DocFormat>& formats) {
  std::vector<std::string> names;
  for (const DocFormat format : formats) names.emplace_back(to_string(format));
  return names;
}

}  // namespace

std::string_view to_string(DocFormat format) {
  switch (format) {
    case DocFormat::md: return "md";
    case DocFormat::xlsx: return "xlsx";
    case DocFormat::docx: return "docx";
    case DocFormat::pdf: return "pdf";
    case DocFormat::pptx: return "pptx";
  }
  return "md";
}

std::vector<DocFormat> parse_doc_formats(std::string_view text) {
  static const std::vector<std::string> known{"md", "xlsx", "docx", "pdf", "pptx"};
  std::vector<DocFormat> formats;
  for (const auto& item : split_list(text)) {
    const auto it = std::find(known.begin(), known.end(), item);
    if (it == known.end())
      throw UsageError(fmt::format("--format: '{}' is not a format of deliverables{}; allowed: {}",
                                   item, did_you_mean(item, known), quoted_list(known)));
    const auto format = static_cast<DocFormat>(it - known.begin());
    if (std::find(formats.begin(), formats.end(), format) == formats.end())
      formats.push_back(format);
  }
  if (formats.empty())
    throw UsageError(fmt::format("--format: name a format of deliverables: {}", quoted_list(known)));
  return formats;
}

std::vector<DeliverableInfo> deliverable_list() {
  std::vector<DeliverableInfo> out;
  for (const auto& d : all_deliverables()) out.push_back({d.name, d.title, formats_of(d)});
  return out;
}


std::vector<std::string> builtin_template_names() {
  std::vector<std::string> names;
  for (const auto& file : embedded::templates())
    names.emplace_back(file.path.substr(std::string_view("templates/").size()));
  return names;
}

std::string_view builtin_template(std::string_view name) {
  for (const auto& file : embedded::templates())
    if (file.path.substr(std::string_view("templates/").size()) == name) return file.content;
  const auto names = builtin_template_names();
  throw ValueError(fmt::format("no built-in template '{}'{}; allowed: {}", name,
                               did_you_mean(name, names), join(names, ", ")));
}

namespace {

// Where a user's templates and reference documents are looked for, first first.
std::vector<fs::path> template_folders(const Workspace& workspace, const ReportOptions& options) {
  std::vector<fs::path> folders;
  if (options.templates) folders.push_back(*options.templates);
  folders.push_back(workspace.dir() / "templates");
  return folders;
}

}  // namespace

TemplateSource find_template(const Workspace& workspace, const ReportOptions& options,
                             const std::string& name) {
  for (const auto& folder : template_folders(workspace, options)) {
    const fs::path path = folder / name;
    if (fs::exists(path)) return TemplateSource{name, path.string(), read_file(path)};
  }
  return TemplateSource{name, "built-in", std::string(builtin_template(name))};
}

std::vector<std::string> reference_document_names() {
  return {"reference.docx", "reference.pptx"};
}

ReferenceSource find_reference(const Workspace& workspace, const ReportOptions& options,
                               const std::string& name) {
  for (const auto& folder : template_folders(workspace, options))
    if (const fs::path path = folder / name; fs::exists(path)) return ReferenceSource{name, path};
  return ReferenceSource{name, std::nullopt};
}

std::string method_title(const std::string& id) {
  if (id == "ebios-rm") return "EBIOS Risk Manager";
  if (id == "iso27005") return "ISO/IEC 27005";
  if (id == "simple-3x3") return "simple 3 × 3";
  return id;
}

ReportContext::ReportContext(Workspace& w, const ReportOptions& o, std::ostream& out)
    : workspace(w), method(w.method()), options(o), lang(o.lang), out_(out) {}

const MapData& ReportContext::map() {
  if (map_) return *map_;
  map_ = std::make_unique<MapData>();
  map_->assets = RecordStore(workspace, asset_kind()).all();
  for (std::size_t i = 0; i < map_->assets.size(); ++i)
    map_->asset_at.emplace(map_->assets[i].ref, i);
  // Read in natural ref order (SQLite sorts, and spills) and packed; then
  // ordered highest current level first, then by ref, each level read once.
  ScenarioList& list = map_->scenarios;
  std::vector<std::pair<int, std::size_t>> rated;
  RecordStore(workspace, scenario_kind()).for_each([&](Record& scenario) {
    rated.emplace_back(-level_at(scenario, Stage::current, method).value_or(0),
                       list.packed_.size());
    list.packed_.add(scenario);
  });
  std::sort(rated.begin(), rated.end());
  list.order_.reserve(rated.size());
  for (const auto& [level, i] : rated) list.order_.push_back(i);
  return *map_;
}

bool ReportContext::has_inherent() {
  if (!has_inherent_) {
    static const std::size_t likelihood = scenario_kind().index("inherent_likelihood"),
                             impact = scenario_kind().index("inherent_impact");
    const auto& scenarios = map().scenarios;
    has_inherent_ = std::any_of(scenarios.begin(), scenarios.end(), [](const Record& r) {
      return !is_unset(r.values[likelihood]) || !is_unset(r.values[impact]);
    });
  }
  return *has_inherent_;
}

std::string ReportContext::stage_word(Stage stage) const {
  std::string word = stage_name(stage);
  word[0] = static_cast<char>(word[0] - 'A' + 'a');  // the labels start with an ASCII capital
  return word;
}

const std::vector<ContinuityRow>& ReportContext::continuity() {
  if (!continuity_)
    continuity_ = analyse_continuity(method, map().assets, [&](const auto& visit) {
      map().scenarios.for_each_natural(visit);
    });
  return *continuity_;
}

const ReviewResult& ReportContext::review() {
  if (!review_) {
    ReviewOptions review_options;
    review_options.today = options.today;
    review_options.lang = lang;
    review_ = run_review(workspace, review_options);
  }
  return *review_;
}

const std::vector<FrameworkStanding>& ReportContext::standings() {
  if (!standings_) standings_ = framework_standings(workspace.db());
  return *standings_;
}

const std::vector<const FrameworkStanding*>& ReportContext::referentials() {
  if (!referentials_) {
    const std::string holder = options.subject_name.empty()
                                   ? std::string("the workspace")
                                   : fmt::format("snapshot '{}'", options.subject_name);
    referentials_ =
        riskmap::referentials(standings(), workspace.config().mission.referentials, holder);
  }
  return *referentials_;
}

const std::vector<const FrameworkStanding*>& ReportContext::frameworks_in_force() {
  if (!in_force_) in_force_ = riskmap::frameworks_in_force(standings(), referentials());
  return *in_force_;
}

ViewData ReportContext::level_view(const Scale& scale, std::optional<int> position) const {
  ViewData view;
  assign_level(view, scale, position);
  return view;
}

void ReportContext::assign_level(ViewData& view, const Scale& scale,
                                 std::optional<int> position) const {
  if (!position) {
    if (view.get("id")) view = ViewData(ViewData::type::object);  // an unrated level has no more
    flag(view, "rated", false);
    return;
  }
  const Step& step = scale.at(*position);
  flag(view, "rated", true);
  assign(view, "id", step.id);
  assign(view, "position", std::to_string(*position));
  assign(view, "label", step.label.in(lang));
  assign(view, "colour", step.colour);
}

ViewSchema ReportContext::common_schema() {
  const ViewSchema level{
      {"id", {}}, {"label", {}}, {"description", {}}, {"colour", {}}, {"position", {}}};
  ViewSchema schema{{"title", {}},
                    {"organisation", {}},
                    {"the_organisation", {}},
                    {"of_organisation", {}},
                    {"to_organisation", {}},
                    {"mission", {}},
                    {"date", {}},
                    {"method_name", {}},
                    {"current_stage", {}},
                    {"current_stage_label", {}},
                    {"appetite", level},
                    {"levels", level},
                    {"likelihood_scale", level},
                    {"impact_scale", level},
                    {"fr", {}},
                    {"en", {}},
                    {"has_referentials", {}},
                    {"referentials_declared", {}},
                    {"referential_ids", {}},
                    {"referentials", {}}};
  compliance_text::add_framework_schema(schema.names["referentials"]);
  return schema;
}

ViewData ReportContext::common_view(const Text& title) {
  const Mission& mission = workspace.config().mission;
  ViewData view;
  view.set("title", title.in(lang));
  view.set("organisation", mission.name);
  const wording::NameForms forms =
      wording::name_forms(mission.name, mission.organisation_article, lang);
  view.set("the_organisation", forms.the);
  view.set("of_organisation", forms.of);
  view.set("to_organisation", forms.to);
  // A value that is not set is false, so that {{#mission}} skips it.
  if (mission.title && !mission.title->empty())
    view.set("mission", *mission.title);
  else
    view.set("mission", false);
  // Documents are read by people: the date in long form ("5 décembre
  // 2026"), the method by its name, not its id.
  view.set("date", wording::long_date(options.today, lang));
  view.set("method_name", method_title(method.name));
  // "Initial" / "initial" in French and for EBIOS RM, "Current" / "current" otherwise.
  view.set("current_stage_label", stage_name(Stage::current));
  view.set("current_stage", stage_word(Stage::current));
  view.set("fr", lang == Lang::fr);
  view.set("en", lang == Lang::en);
  const auto scale_view = [&](const Scale& scale) {
    ViewData list{ViewData::type::list};
    for (int i = 1; i <= scale.size(); ++i) {
      ViewData step = level_view(scale, i);
      step.set("description", scale.at(i).description.in(lang));
      list.push_back(step);
    }
    return list;
  };
  ViewData appetite = level_view(method.levels, method.appetite);
  appetite.set("description", method.levels.at(method.appetite).description.in(lang));
  view.set("appetite", appetite);
  view.set("levels", scale_view(method.levels));
  view.set("likelihood_scale", scale_view(method.likelihood));
  view.set("impact_scale", scale_view(method.impact));
  // The frameworks the map is aligned with, declared or assessed.
  ViewData referential_list{ViewData::type::list};
  std::vector<std::string> ids;
  for (const FrameworkStanding* standing : referentials()) {
    referential_list.push_back(compliance_text::framework_view(standing->info, lang));
    ids.push_back(standing->info.id);
  }
  view.set("has_referentials", !ids.empty());
  view.set("referentials_declared", !mission.referentials.empty());
  view.set("referential_ids", wording::and_list(ids, lang));
  view.set("referentials", referential_list);
  return view;
}

fs::path ReportContext::folder() const {
  return options.output.empty() ? workspace.dir() / "deliverables" / std::string(to_string(lang))
                                : options.output;
}

namespace {

// riskmap.toml's [mission], with what the command line gives over it.
Mission run_mission(const Workspace& workspace, const ReportOptions& options) {
  Mission mission = workspace.config().mission;
  for (auto [given, kept] :
       {std::pair{&options.version, &mission.version}, std::pair{&options.status, &mission.status},
        std::pair{&options.author, &mission.author},
        std::pair{&options.classification, &mission.classification}})
    if (*given) *kept = *given;
  return mission;
}

// The YAML front matter: values quoted so no user text can break it; a field
// that is not set is left out.
std::string front_matter(const Workspace& workspace, const Text& title,
                         const ReportOptions& options) {
  const Mission mission = run_mission(workspace, options);
  std::string out = "---\n";
  const auto field = [&](const char* key, const std::optional<std::string>& value) {
    // pandoc reads metadata values as Markdown: escape them as such first.
    if (value && !value->empty())
      out += fmt::format("{}: {}\n", key, yaml_quote(markdown_inline(*value)));
  };
  field("title", title.in(options.lang));
  field("subtitle", mission.title);  // pandoc prints it under the title
  field("mission", mission.title);
  field("client", mission.name);
  field("version", mission.version);
  field("status", mission.status);
  field("classification", mission.classification);
  field("author", mission.author);
  field("date", options.today.to_string());
  field("lang", std::string(options.lang == Lang::fr ? "fr-FR" : "en-GB"));
  return out + "---\n\n";
}

}  // namespace

void ReportContext::markdown(const std::string& deliverable, const Text& title,
                             const ViewData& view, const ViewStreams& streams) {
  const Template& tmpl = *templates.at(deliverable);
  std::ostream* stream = &out_;
  if (!options.to_stdout) {
    stream = side_file(deliverable + ".md");
    if (!stream) return;  // the run writes workbooks only
    current_markdown_ = source_folder() / (deliverable + ".md");
  }
  *stream << front_matter(workspace, title, options);
  tmpl.render(view, streams, *stream);
}

std::ostream* ReportContext::side_file(const std::string& file_name) {
  if (options.to_stdout) return nullptr;
  std::ostream* stream = nullptr;
  if (wants(DocFormat::md)) {
    stream = &staging->file(file_name);
    paths.push_back(folder() / file_name);
  } else if (wants_documents()) {
    // Read by pandoc only: kept in the scratch folder, never moved into place.
    const fs::path path = scratch() / file_name;
    scratch_streams_.push_back(
        std::make_unique<std::ofstream>(path, std::ios::binary | std::ios::trunc));
    if (!*scratch_streams_.back())
      throw Error(fmt::format("{}: cannot write: {}", path.string(), std::strerror(errno)));
    stream = scratch_streams_.back().get();
  } else {
    return nullptr;
  }
  current_streams_.push_back(stream);
  return stream;
}

bool ReportContext::wants_documents() const {
  return wants(DocFormat::docx) || wants(DocFormat::pdf) || wants(DocFormat::pptx);
}

fs::path ReportContext::scratch() const { return staging->staging() / ".documents"; }

fs::path ReportContext::source_folder() const {
  return wants(DocFormat::md) ? staging->staging() : scratch();
}

void ReportContext::make_document() {
  if (current_markdown_.empty() || !documents) return;
  // pandoc reads the Markdown and its images from the files: all of them
  // written out first.
  for (std::ostream* stream : current_streams_) {
    stream->flush();
    if (!*stream)
      throw Error(fmt::format("{}: cannot write: {}", current_markdown_.string(),
                              errno ? std::strerror(errno) : "the write failed"));
  }
  if (current_slides_ && wants(DocFormat::pptx)) {
    const std::string name = current_ + ".pptx";
    documents->pptx(current_markdown_, staging->path(name));
    paths.push_back(folder() / name);
  }
  if (!wants(DocFormat::docx) && !wants(DocFormat::pdf)) return;
  const std::string name = current_ + ".docx";
  fs::path output = scratch() / name;
  if (wants(DocFormat::docx)) {
    output = staging->path(name);
    paths.push_back(folder() / name);
  }
  documents->docx(text(current_title_), current_markdown_, output, current_new_page_);
  if (wants(DocFormat::pdf)) pdf_sources_.push_back(output);
}

void ReportContext::make_pdf_documents() {
  if (!documents || pdf_sources_.empty()) return;
  const auto made = documents->pdf(pdf_sources_);
  for (const auto& pdf : made) {
    const std::string name = pdf.filename().string();
    const fs::path staged = staging->path(name);
    std::error_code error;
    fs::rename(pdf, staged, error);
    if (error)
      throw Error(fmt::format("{}: cannot write: {}", (folder() / name).string(), error.message()));
    paths.push_back(folder() / name);
  }
}

void ReportContext::csv_row(std::ostream& out, const std::vector<std::string>& cells,
                            bool text_cells) const {
  // The line is built whole, then written at once: report CSVs run to
  // hundreds of thousands of rows.
  std::string line;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i) line += options.csv_delimiter;
    csv::append_field(line, cells[i], options.csv_delimiter, text_cells);
  }
  line += "\r\n";
  out.write(line.data(), static_cast<std::streamsize>(line.size()));
}

std::vector<fs::path> render_reports(Workspace& workspace, const std::vector<std::string>& names,
                                     const ReportOptions& options, std::ostream& out) {
  std::vector<Deliverable> chosen;
  const auto available = all_deliverables();
  for (const auto& name : names) {
    if (name == "all") {
      // The evolution compares with a snapshot: without one, there is none;
      // the study dossier is there when the map holds a study.
      chosen.clear();
      const bool study = holds_study(workspace);
      // Each deliverable in the formats it has of those asked for.
      for (const auto& d : available)
        if ((d.name != "evolution" || options.baseline) && (d.name != "ebios" || study) &&
            std::any_of(options.formats.begin(), options.formats.end(), [&](DocFormat f) {
              const auto has = formats_of(d);
              return std::find(has.begin(), has.end(), f) != has.end();
            }))
          chosen.push_back(d);
      break;
    }
    const auto it = std::find_if(available.begin(), available.end(),
                                 [&](const auto& d) { return d.name == name; });
    if (it == available.end()) {
      std::vector<std::string> known{"all"};
      for (const auto& d : available) known.push_back(d.name);
      throw ValueError(fmt::format("unknown deliverable '{}'{}; allowed: {}", name,
                                   did_you_mean(name, known), join(known, ", ")));
    }
    for (const DocFormat format : options.formats)
      if (const auto has = formats_of(*it); std::find(has.begin(), has.end(), format) == has.end())
        throw UsageError(fmt::format("the {} deliverable is not written as {}; its formats: {}",
                                     it->name, to_string(format), join(format_names(has), ", ")));
    if (it->name == "ebios" && !holds_study(workspace))
      throw Error(
          "the ebios dossier presents an EBIOS RM study, and the map holds none: start it with "
          "riskmap feared-event add --business-value REF, or riskmap origin add --source TEXT");
    if (it->name == "evolution" && !options.baseline)
      throw Error(
          "the evolution deliverable compares the map with a snapshot, and there is none to "
          "compare with: take one with riskmap snapshot create NAME");
    // A deliverable named twice is rendered once.
    if (std::none_of(chosen.begin(), chosen.end(), [&](const auto& d) { return d.name == name; }))
      chosen.push_back(*it);
  }
  if (options.to_stdout && chosen.size() != 1)
    throw UsageError("-o - prints one Markdown deliverable: name one, not several or all");
  if (options.to_stdout && (options.formats.size() != 1 || options.formats[0] != DocFormat::md))
    throw UsageError(
        "-o - prints one Markdown deliverable: workbooks and documents go to a folder (-o DIR)");

  ReportContext context(workspace, options, out);
  // A [mission] referentials id the map does not hold fails every deliverable.
  context.referentials();
  // Every template is read and checked before anything is rendered.
  for (const auto& d : chosen) {
    const auto source =
        find_template(workspace, options, fmt::format("{}/{}.md", to_string(options.lang), d.name));
    auto tmpl = std::make_unique<Template>(
        source.origin == "built-in" ? source.name : source.origin, source.text);
    ViewSchema schema = ReportContext::common_schema();
    for (const auto& [name, child] : d.schema.names) schema.names[name] = child;
    tmpl->check(schema, d.streamed);
    context.templates[d.name] = std::move(tmpl);
  }
  if (options.templates && !fs::is_directory(*options.templates))
    throw Error(fmt::format("--templates {}: no such folder", options.templates->string()));
  // The user's reference documents, those the formats asked for use,
  // checked before anything is written.
  ReferenceDocuments references;
  if (!options.to_stdout) {
    const auto user_reference = [&](const char* name, bool wanted, ReferenceKind kind) {
      std::optional<fs::path> file;
      if (wanted) file = find_reference(workspace, options, name).file;
      if (file) DocumentMaker::check_reference(*file, kind);
      return file;
    };
    const bool slides =
        std::any_of(chosen.begin(), chosen.end(), [](const auto& d) { return d.slides; });
    references.word = user_reference(
        "reference.docx", context.wants(DocFormat::docx) || context.wants(DocFormat::pdf),
        ReferenceKind::word);
    references.slides = user_reference("reference.pptx", slides && context.wants(DocFormat::pptx),
                                       ReferenceKind::slides);
  }
  if (!options.to_stdout) {
    std::error_code error;
    fs::create_directories(context.folder(), error);
    if (error || !fs::is_directory(context.folder()))
      throw Error(fmt::format("{}: cannot write deliverables there: {}", context.folder().string(),
                              error ? error.message() : "not a folder"));
    // The programs the documents need, before anything is written.
    if (context.wants_documents())
      DocumentMaker::check_programs(context.wants(DocFormat::docx) || context.wants(DocFormat::pptx),
                                    context.wants(DocFormat::pdf));
    context.staging = std::make_unique<Staging>(context.folder());
    if (context.wants_documents()) {
      fs::create_directory(context.scratch());
      context.documents = std::make_unique<DocumentMaker>(
          context.scratch(), context.folder(), options.lang, run_mission(workspace, options),
          options.today, references);
    }
  }
  for (const auto& d : chosen) {
    context.begin(d);
    d.render(context);
    context.finish();
  }
  context.make_pdf_documents();
  // Either every file is replaced or none is.
  if (context.staging) context.staging->commit();
  return context.paths;
}

}  // namespace riskmap
