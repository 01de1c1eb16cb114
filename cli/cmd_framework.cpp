#include <fstream>
#include <iostream>
#include <memory>
#include <optional>

#include <fmt/format.h>

#include "command.hpp"
#include "framework.hpp"
#include "text.hpp"

namespace riskmap::cli {

namespace {

// An input file, or stdin for "-".
class Input {
 public:
  explicit Input(const std::string& file) : stdin_(file == "-") {
    if (!stdin_) open_input(file_, file);
  }
  std::istream& stream() { return stdin_ ? std::cin : file_; }

 private:
  bool stdin_;
  std::ifstream file_;
};

std::string plural(std::size_t count, std::string_view noun) {
  return fmt::format("{} {}{}", count, noun, count == 1 ? "" : "s");
}

Cell text_or_null(const std::string& text) {
  if (text.empty()) return std::monostate{};
  return text;
}

struct ImportState {
  std::string file;
  std::optional<std::string> id, title, version, format;
  bool replace = false;
};

void add_import_command(CLI::App* group) {
  auto in = std::make_shared<ImportState>();
  auto* import = group->add_subcommand(
      "import", "Import a catalog of requirements from CSV, TOML or an OSCAL JSON catalog");
  import->add_option("file", in->file, "The catalog file, or - for stdin")->required();
  import->add_option("--id", in->id,
                     "Framework id, as controls cite it (default: the file's, else the file "
                     "name upper-cased)");
  import->add_option("--title", in->title, "Framework title (default: the file's, else the id)");
  import->add_option("--version", in->version, "Framework version (default: the file's)");
  import->add_flag("--replace", in->replace,
                   "Replace the catalog of an existing framework of that id");
  import->add_option("--format", in->format,
                     "csv, toml or json (default: by the file's extension, else its content)");
  on_run(import, Access::write, [in](Run& run) {
    CatalogOptions options;
    options.file = in->file;
    if (in->format)
      options.format = option_value("--format", [&] { return parse_catalog_format(*in->format); });
    if (in->id) option_value("--id", [&] { check_framework_id(*in->id); });
    options.id = in->id;
    options.title = in->title;
    options.version = in->version;
    options.replace = in->replace;
    Input input(in->file);
    const CatalogImport result = import_catalog(run.workspace().db(), input.stream(), options);
    run.touched(result.framework);
    const std::string source = in->file == "-" ? "stdin" : in->file;
    if (result.replaced)
      run.note(fmt::format("framework {} replaced from {}: {} ({} kept, {} added, {} removed)",
                           result.framework, source, plural(result.requirements, "requirement"),
                           result.kept, result.added, result.removed));
    else
      run.note(fmt::format("framework {} imported from {}: {}", result.framework, source,
                           plural(result.requirements, "requirement")));
  });
}

void add_list_and_show_commands(CLI::App* group) {
  auto* list = group->add_subcommand("list", "List the frameworks and their size");
  on_run(list, Access::read, [](Run& run) {
    const Format format = run.format({Format::table, Format::csv, Format::json});
    auto writer = run.writer(format);
    writer->begin({"id", "title", "version", "source", "requirements"});
    for (const auto& framework : list_frameworks(run.workspace().db()))
      writer->row({framework.id, framework.title, text_or_null(framework.version), framework.source,
                   static_cast<std::int64_t>(framework.requirements)});
    writer->end();
  });

  auto id = std::make_shared<std::string>();
  auto* show = group->add_subcommand(
      "show", "List the requirements of a framework; as CSV, framework import reads it back");
  show->add_option("id", *id, "Framework id, e.g. NIST-CSF")->required();
  on_run(show, Access::read, [id](Run& run) {
    const Format format = run.format({Format::table, Format::csv, Format::json});
    const auto requirements = list_requirements(run.workspace().db(), *id);
    auto writer = run.writer(format, {"id", "part", "chapter", "title"});
    writer->begin({"id", "title", "part", "chapter"});
    for (const auto& r : requirements)
      writer->row({r.id, r.title, text_or_null(r.part), text_or_null(r.chapter)});
    writer->end();
  });
}

// --- soa -----------------------------------------------------------------------------

struct SetState {
  std::string framework, applicable;
  std::vector<std::string> items;
  std::optional<std::string> justification;
};

struct ListState {
  std::string framework, applicable, coverage;
};

struct ClearState {
  std::string framework;
  std::vector<std::string> items;
};

struct SoaImportState {
  std::string file, framework;
};

void add_soa_set_and_clear(CLI::App* group) {
  auto set = std::make_shared<SetState>();
  auto* setter = group->add_subcommand(
      "set", "Decide whether requirements of a framework apply; an exclusion is justified");
  setter->add_option("framework", set->framework, "Framework id, e.g. NIST-CSF")->required();
  setter->add_option("items", set->items, "Requirement ids, e.g. PR.AA-01")->required();
  setter->add_option("--applicable", set->applicable, "yes or no (also oui/non, true/false)")
      ->required();
  setter->add_option("--justification", set->justification,
                     "Why it applies or not; required with --applicable no");
  on_run(setter, Access::write, [set](Run& run) {
    const bool applicable =
        option_value("--applicable", [&] { return parse_applicable(set->applicable); });
    const std::string justification = set->justification.value_or("");
    if (!applicable && trim(justification).empty())
      throw UsageError(
          "--applicable no needs --justification TEXT: an exclusion must be justified");
    const auto refs = option_value("--justification", [&] {
      return set_soa(run.workspace().db(), set->framework, set->items, applicable, justification);
    });
    run.touched(refs);
    run.note(fmt::format("{} of {} marked {}", plural(refs.size(), "requirement"), set->framework,
                         applicable ? "applicable" : "not applicable"));
  });

  auto clear = std::make_shared<ClearState>();
  auto* clearer = group->add_subcommand("clear", "Remove the SoA decision on requirements");
  clearer->add_option("framework", clear->framework, "Framework id, e.g. NIST-CSF")->required();
  clearer->add_option("items", clear->items, "Requirement ids, e.g. PR.AA-01")->required();
  on_run(clearer, Access::write, [clear](Run& run) {
    const auto refs = clear_soa(run.workspace().db(), clear->framework, clear->items);
    run.touched(refs);
    run.note(fmt::format("{} of {} cleared{}", plural(refs.size(), "decision"), clear->framework,
                         refs.empty() ? ": none of them had one" : ""));
  });
}

void add_soa_list(CLI::App* group) {
  auto state = std::make_shared<ListState>();
  auto* list = group->add_subcommand(
      "list",
      "The statement of applicability of a framework, with the controls citing each "
      "requirement and their coverage");
  list->add_option("framework", state->framework, "Framework id, e.g. NIST-CSF")->required();
  list->add_option("--applicable", state->applicable,
                   "Only requirements decided so (yes, no) or not decided yet (undecided)");
  list->add_option("--coverage", state->coverage,
                   "Only requirements whose coverage is none, planned or implemented");
  on_run(list, Access::read, [state](Run& run) {
    const Format format = run.format({Format::table, Format::csv, Format::json});
    // std::nullopt: any; an optional holding nullopt: undecided.
    std::optional<std::optional<bool>> applicable;
    if (!state->applicable.empty())
      applicable = option_value("--applicable", [&]() -> std::optional<bool> {
        if (fold(trim(state->applicable)) == "undecided") return std::nullopt;
        try {
          return parse_applicable(state->applicable);
        } catch (const ValueError&) {
          const std::vector<std::string> names{"yes", "no", "undecided"};
          throw ValueError(fmt::format("'{}' is not allowed{}; allowed: {}", state->applicable,
                                       did_you_mean(state->applicable, names), quoted_list(names)));
        }
      });
    std::optional<Coverage> coverage;
    if (!state->coverage.empty())
      coverage = option_value("--coverage", [&] { return parse_coverage(state->coverage); });

    const FrameworkInfo framework = get_framework(run.workspace().db(), state->framework);
    auto writer = run.writer(
        format, {"requirement", "applicable", "coverage", "controls", "justification", "title"});
    writer->begin({"requirement", "title", "chapter", "applicable", "justification", "controls",
                   "control_states", "scenarios", "coverage"});
    for_each_soa_row(run.workspace().db(), framework.id, [&](const SoaRow& row) {
      if (applicable && *applicable != row.applicable) return;
      if (coverage && *coverage != row.coverage) return;
      writer->row({row.requirement.id, row.requirement.title, text_or_null(row.requirement.chapter),
                   row.applicable ? Cell(Flag{*row.applicable}) : Cell(),
                   text_or_null(row.justification), row.controls, row.control_states, row.scenarios,
                   std::string(to_string(row.coverage))});
    });
    writer->end();
  });
}

void add_soa_import(CLI::App* group) {
  auto in = std::make_shared<SoaImportState>();
  auto* import = group->add_subcommand(
      "import", "Read SoA decisions from the CSV that soa list --format csv writes");
  import->add_option("file", in->file, "CSV file, or - for stdin")->required();
  import->add_option("--framework", in->framework, "Framework the decisions are about")->required();
  on_run(import, Access::write, [in](Run& run) {
    Input input(in->file);
    const std::string source = in->file == "-" ? "stdin" : in->file;
    const SoaImport result =
        import_soa(run.workspace().db(), in->framework, input.stream(), source);
    run.touched(result.refs);
    if (result.total_refs > result.refs.size())
      run.touched(fmt::format("(+{} more)", result.total_refs - result.refs.size()));
    run.note(fmt::format("SoA of {} imported from {}: {} set, {} cleared", in->framework, source,
                         plural(result.set, "decision"), result.cleared));
  });
}

}  // namespace

void add_framework_commands(CLI::App& app) {
  auto* group = app.add_subcommand(
      "framework", "Catalogs of requirements (NIST CSF, ISO 27001 Annex A...) that controls cite");
  group->require_subcommand(1);
  add_import_command(group);
  add_list_and_show_commands(group);
}

void add_soa_commands(CLI::App& app) {
  auto* group =
      app.add_subcommand("soa", "Statement of applicability: which requirements apply, and why");
  group->require_subcommand(1);
  add_soa_set_and_clear(group);
  add_soa_list(group);
  add_soa_import(group);
}

}  // namespace riskmap::cli
