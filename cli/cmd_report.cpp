#include <filesystem>
#include <memory>
#include <optional>

#include <fmt/format.h>

#include "command.hpp"
#include "report/report.hpp"
#include "snapshot.hpp"
#include "text.hpp"

namespace riskmap::cli {

namespace {

struct ReportState {
  std::vector<std::string> names;
  std::string output, templates, snapshot, since;
  std::optional<std::string> version, status, author, classification;
};

struct TemplateState {
  std::string name, output = "-";
};

}  // namespace

void add_report_commands(CLI::App& app) {
  auto state = std::make_shared<ReportState>();
  auto* report =
      app.add_subcommand("report",
                         "Render deliverables from templates: Markdown (with CSV and SVG), Excel, "
                         "Word, PDF or slides (--format md,xlsx,docx,pdf,pptx)");
  report->footer(
      "Formats (--format, several with commas; default md): md writes NAME.md with its CSV and "
      "SVG files; xlsx writes NAME.xlsx for the deliverables with tables (register, "
      "action-plan, soa, compliance, ecosystem, continuity, review, evolution, ebios); docx writes "
      "NAME.docx through pandoc (cover page, classification in the header and footer, page "
      "N / M, table of contents, wide tables on landscape pages); pdf writes NAME.pdf from the "
      "Word document through LibreOffice, all of a run in one LibreOffice call; pptx writes the "
      "two training decks, training (staff awareness) and training-owners (risk owners and the "
      "security officer: rating, accepting, reviewing), as 16:9 slides (one title slide, slides "
      "that fit, speaker notes, the classification and the slide number at the foot of each "
      "slide). docx and pptx need pandoc "
      "on PATH (Debian package pandoc), pdf needs pandoc and soffice (Debian package "
      "libreoffice-writer-nogui): without them the command exits 1 before writing anything. "
      "With all, each deliverable is written in those of the formats it has. A file "
      "templates/reference.docx (or reference.pptx) in the workspace, or in --templates DIR, "
      "replaces riskmap's reference document: its styles, page set-up, header and footer (or "
      "slide master) lay the documents out; a file that is not a Word document (or a "
      "PowerPoint presentation) is refused before anything is written.");
  std::vector<std::string> deliverables;
  for (const auto& deliverable : deliverable_list()) deliverables.push_back(deliverable.name);
  report
      ->add_option("names", state->names,
                   fmt::format("Deliverables to render ({}), or all", join(deliverables, ", ")))
      ->required();
  report->add_option(
      "-o,--output", state->output,
      "Folder to write to (default: deliverables/LANG/ in the workspace); - prints one Markdown "
      "deliverable");
  report->add_option("--templates", state->templates,
                     "Folder of templates (LANG/NAME.md) and reference documents (reference.docx, "
                     "reference.pptx) that override the built-in ones");
  report->add_option("--snapshot", state->snapshot,
                     "Render the map a snapshot froze (default folder: "
                     "deliverables/snapshots/NAME/LANG/)");
  report->add_option("--since", state->since,
                     "The snapshot the evolution deliverable compares with (default: the latest "
                     "one before the map rendered)");
  report->add_option("--version", state->version, "Document version, over [mission] version");
  report->add_option("--status", state->status,
                     "Document status: draft or final, over [mission] status");
  report->add_option("--author", state->author, "Document author, over [mission] author");
  report->add_option("--classification", state->classification,
                     "Document classification, over [mission] classification");
  on_run(report, Access::read, [state](Run& run) {
    ReportOptions options;
    options.lang = run.lang();
    options.today = run.today();
    if (run.format_text()) options.formats = parse_doc_formats(*run.format_text());
    options.to_stdout = state->output == "-";
    if (!options.to_stdout && !state->output.empty()) options.output = state->output;
    if (!state->templates.empty()) options.templates = state->templates;
    const CsvStyle csv = run.csv_style(true, options.lang);
    options.csv_delimiter = csv.delimiter;
    options.csv_bom = csv.bom;
    if (state->status && *state->status != "draft" && *state->status != "final")
      throw UsageError(
          fmt::format("--status: '{}' is not allowed; allowed: 'draft', 'final'", *state->status));
    options.version = state->version;
    options.status = state->status;
    options.author = state->author;
    options.classification = state->classification;
    // The map rendered (live, or a snapshot) and the snapshot its evolution
    // is measured from.
    std::unique_ptr<SnapshotView> subject, baseline;
    std::optional<std::int64_t> before;
    if (!state->snapshot.empty()) {
      subject = std::make_unique<SnapshotView>(run.workspace(), state->snapshot);
      options.subject_name = subject->info().name;
      options.subject_date = subject->info().date;
      before = subject->info().sequence;
      if (!options.to_stdout && state->output.empty())
        options.output = run.workspace().dir() / "deliverables" / "snapshots" /
                         subject->info().name / std::string(to_string(options.lang));
    }
    std::optional<std::string> since;
    if (!state->since.empty())
      since = state->since;
    else if (std::vector<std::string> warnings;
             const auto latest = latest_snapshot(run.workspace(), before, &warnings)) {
      since = latest->name;
      for (const auto& warning : warnings) run.note(warning);
    }
    if (since) {
      baseline = std::make_unique<SnapshotView>(run.workspace(), *since);
      options.baseline = &baseline->workspace();
      options.baseline_name = baseline->info().name;
      options.baseline_date = baseline->info().date;
    }
    Workspace& rendered = subject ? subject->workspace() : run.workspace();
    const auto files = render_reports(rendered, state->names, options, run.out());
    if (!files.empty())
      run.note(fmt::format("wrote {} file{} in {}", files.size(), files.size() == 1 ? "" : "s",
                           files.front().parent_path().string()));
    for (const auto& file : files) run.verbose(file.string());
  });

  auto* templates = app.add_subcommand("template", "The templates deliverables are rendered from");
  templates->require_subcommand(1);
  auto* list = templates->add_subcommand(
      "list",
      "List the templates and the reference documents (reference.docx, reference.pptx) and where "
      "each comes from");
  auto folder = std::make_shared<std::string>();
  list->add_option("--templates", *folder,
                   "A folder of templates and reference documents that override the built-in ones");
  on_run(list, Access::read, [folder](Run& run) {
    ReportOptions options;
    if (!folder->empty()) options.templates = *folder;
    const Format format = run.format({Format::table, Format::csv, Format::json});
    auto writer = run.writer(format);
    writer->begin({"name", "origin"});
    for (const auto& name : builtin_template_names())
      writer->row({name, find_template(run.workspace(), options, name).origin});
    for (const auto& name : reference_document_names())
      writer->row({name, find_reference(run.workspace(), options, name).origin()});
    writer->end();
  });
  auto exported = std::make_shared<TemplateState>();
  auto* exporter =
      templates->add_subcommand("export", "Write a built-in template, to start a customised copy");
  exporter->add_option("name", exported->name, "Template name, e.g. fr/register.md")->required();
  exporter->add_option("-o,--output", exported->output, "File to write, or - for stdout (default)");
  on_run(exporter, Access::none, [exported](Run& run) {
    const auto text = option_value("name", [&] { return builtin_template(exported->name); });
    if (exported->output == "-") {
      run.out() << text;
      return;
    }
    const std::filesystem::path path(exported->output);
    if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
    write_file_atomically(path, text);
    run.note(fmt::format("wrote {}", exported->output));
  });
}

}  // namespace riskmap::cli
