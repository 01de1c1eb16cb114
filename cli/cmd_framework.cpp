#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <memory>
#include <optional>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "command.hpp"
#include "framework.hpp"
#include "library_import.hpp"
#include "framework_mapping.hpp"
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

std::string read_input(const std::string& file) {
  Input input(file);
  return {std::istreambuf_iterator<char>(input.stream()), std::istreambuf_iterator<char>()};
}

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

void import_yaml(Run& run, const ImportState& in, const std::string& text) {
  if (in.title || in.version)
    throw UsageError(
        "--title and --version do not apply to a YAML library: its frameworks keep the names "
        "and versions the library gives");
  LibraryImportOptions options;
  options.file = in.file;
  options.id = in.id;
  if (in.id) option_value("--id", [&] { check_framework_id(*in.id); });
  options.replace = in.replace;
  options.language = run.workspace().config().mission.language;
  const LibraryImport result = import_library(run.workspace().db(), text, options);
  const std::string source = in.file == "-" ? "stdin" : in.file;
  for (const auto& framework : result.frameworks) {
    run.touched(framework.framework);
    if (framework.replaced)
      run.note(fmt::format("framework {} updated from {}: {} ({} kept, {} added, {} removed)",
                           framework.framework, source,
                           plural(framework.requirements, "requirement"), framework.kept,
                           framework.added, framework.removed));
    else
      run.note(fmt::format("framework {} imported from {}: {}", framework.framework, source,
                           plural(framework.requirements, "requirement")));
  }
  for (const auto& unchanged : result.unchanged)
    run.note(fmt::format("framework {} is already imported at that version: nothing changed",
                         unchanged));
  for (const auto& set : result.mapping_sets) {
    run.touched(set.id);
    run.note(fmt::format("mapping set {} {} from {}: {} between {} and {}", set.id,
                         set.replaced ? "updated" : "imported", source,
                         plural(set.mappings, "mapping"), set.source_framework,
                         set.target_framework));
  }
  for (const auto& note : result.notes) run.note(note);
}

void add_import_command(CLI::App* group) {
  auto in = std::make_shared<ImportState>();
  auto* import = group->add_subcommand(
      "import",
      "Import a catalog of requirements from a YAML library (frameworks and mappings), CSV, "
      "TOML or an OSCAL JSON catalog");
  import->add_option("file", in->file, "The catalog or library file, or - for stdin")->required();
  import->add_option("--id", in->id,
                     "Framework id, as controls cite it (default: the file's, else the file "
                     "name upper-cased)");
  import->add_option("--title", in->title, "Framework title (default: the file's, else the id)");
  import->add_option("--version", in->version, "Framework version (default: the file's)");
  import->add_flag("--replace", in->replace,
                   "Replace the catalog of an existing framework of that id (for a YAML "
                   "library: even with an older version)");
  import->add_option("--format", in->format,
                     "yaml, csv, toml or json (default: by the file's extension, else its "
                     "content)");
  on_run(import, Access::write, [in](Run& run) {
    const std::string text = read_input(in->file);
    if (in->format ? fold(trim(*in->format)) == "yaml" : is_library_file(in->file, text))
      return import_yaml(run, *in, text);
    CatalogOptions options;
    options.file = in->file;
    if (in->format)
      options.format = option_value("--format", [&] { return parse_catalog_format(*in->format); });
    if (in->id) option_value("--id", [&] { check_framework_id(*in->id); });
    options.id = in->id;
    options.title = in->title;
    options.version = in->version;
    options.replace = in->replace;
    std::istringstream content(text);
    const CatalogImport result = import_catalog(run.workspace().db(), content, options);
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

// The framework as a tree: its headings, then its requirements.
void show_tree(Run& run, const std::string& id) {
  const FrameworkInfo info = get_framework(run.workspace().db(), id);
  const auto requirements = list_requirements(run.workspace().db(), info.id);
  nlohmann::ordered_json out;
  out["id"] = info.id;
  out["title"] = info.title;
  const auto optional = [&](const char* key, const std::string& value) {
    out[key] = value.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(value);
  };
  optional("version", info.version);
  optional("urn", info.urn);
  optional("description", info.description);
  optional("language", info.language);
  optional("provider", info.provider);
  optional("copyright", info.copyright);
  out["source"] = info.source;
  auto& maturity = out["maturity"] = nlohmann::ordered_json::array();
  for (const auto& level : info.maturity)
    maturity.push_back({{"score", level.score},
                        {"name", level.name},
                        {"description", level.description.empty()
                                            ? nlohmann::ordered_json()
                                            : nlohmann::ordered_json(level.description)}});
  const auto value = [](const std::string& text) {
    return text.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(text);
  };
  auto& parts = out["parts"] = nlohmann::ordered_json::array();
  nlohmann::ordered_json* chapters = nullptr;
  nlohmann::ordered_json* items = nullptr;
  const std::string* part = nullptr;
  const std::string* chapter = nullptr;
  for (const auto& r : requirements) {
    if (!part || *part != r.part) {
      parts.push_back({{"title", value(r.part)}, {"chapters", nlohmann::ordered_json::array()}});
      chapters = &parts.back()["chapters"];
      part = &r.part;
      chapter = nullptr;
    }
    if (!chapter || *chapter != r.chapter) {
      chapters->push_back(
          {{"title", value(r.chapter)}, {"requirements", nlohmann::ordered_json::array()}});
      items = &chapters->back()["requirements"];
      chapter = &r.chapter;
    }
    items->push_back({{"id", r.id},
                      {"ref", info.id + ":" + r.id},
                      {"original_id", value(r.original_id)},
                      {"title", r.title},
                      {"description", value(r.description)},
                      {"annotation", value(r.annotation)},
                      {"urn", value(r.urn)}});
  }
  run.out() << out.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
}

void add_list_and_show_commands(CLI::App* group) {
  auto* list = group->add_subcommand("list", "List the frameworks and their size");
  on_run(list, Access::read, [](Run& run) {
    const Format format = run.format({Format::table, Format::csv, Format::json});
    auto writer =
        run.writer(format, {"id", "title", "version", "provider", "requirements", "source"});
    writer->begin({"id", "title", "version", "provider", "language", "source", "requirements",
                   "urn", "copyright"});
    for (const auto& framework : list_frameworks(run.workspace().db()))
      writer->row({framework.id, framework.title, text_or_null(framework.version),
                   text_or_null(framework.provider), text_or_null(framework.language),
                   framework.source, static_cast<std::int64_t>(framework.requirements),
                   text_or_null(framework.urn), text_or_null(framework.copyright)});
    writer->end();
  });

  auto id = std::make_shared<std::string>();
  auto* show = group->add_subcommand(
      "show", "List the requirements of a framework; as CSV, framework import reads it back");
  show->add_option("id", *id, "Framework id, e.g. NIST-CSF")->required();
  on_run(show, Access::read, [id](Run& run) {
    const Format format = run.format({Format::table, Format::csv, Format::json});
    if (format == Format::json) return show_tree(run, *id);
    const auto requirements = list_requirements(run.workspace().db(), *id);
    auto writer = run.writer(format, {"id", "part", "chapter", "title"});
    writer->begin({"id", "title", "part", "chapter"});
    for (const auto& r : requirements)
      writer->row({r.id, r.title, text_or_null(r.part), text_or_null(r.chapter)});
    writer->end();
  });
}

void add_mappings_command(CLI::App* group) {
  auto framework = std::make_shared<std::string>();
  auto* mappings = group->add_subcommand(
      "mappings",
      "List the mappings between frameworks (from YAML libraries): source, relationship, target");
  mappings->add_option("framework", *framework,
                       "Only the mappings touching this framework, e.g. DNSSI-2023-2");
  on_run(mappings, Access::read, [framework](Run& run) {
    const Format format = run.format({Format::table, Format::csv, Format::json});
    auto writer = run.writer(format);
    writer->begin({"mapping_set", "source", "relationship", "target", "annotation"});
    for_each_mapping(run.workspace().db(), *framework, [&](const MappingRow& row) {
      writer->row({row.mapping_set, row.source, row.relationship, row.target,
                   text_or_null(row.annotation)});
    });
    writer->end();
  });
}

// "ISO-IEC-27001-2022:A.5.1 (intersect)", one per cited requirement.
std::vector<std::string> via_text(const SoaRow& row) {
  std::vector<std::string> out;
  for (const auto& mapped : row.via)
    out.push_back(fmt::format("{} ({})", mapped.requirement, mapped.relationship));
  return out;
}

// --- soa -----------------------------------------------------------------------------

struct SetState {
  std::string framework, applicable, maturity;
  std::vector<std::string> items;
  std::optional<std::string> justification;
};

struct ListState {
  std::string framework, applicable, coverage, compliance;
};

struct ClearState {
  std::string framework;
  std::vector<std::string> items;
};

struct SoaImportState {
  std::string file, framework;
};

// Records the applicability decision of `soa set`; returns the refs written.
std::vector<std::string> decide(Run& run, const SetState& set) {
  const bool applicable =
      option_value("--applicable", [&] { return parse_applicable(set.applicable); });
  const std::string justification = set.justification.value_or("");
  if (!applicable && trim(justification).empty())
    throw UsageError("--applicable no needs --justification TEXT: an exclusion must be justified");
  auto refs = option_value("--justification", [&] {
    return set_soa(run.workspace().db(), set.framework, set.items, applicable, justification);
  });
  run.note(fmt::format("{} of {} marked {}", plural(refs.size(), "requirement"), set.framework,
                       applicable ? "applicable" : "not applicable"));
  return refs;
}

void add_soa_set_and_clear(CLI::App* group) {
  auto set = std::make_shared<SetState>();
  auto* setter = group->add_subcommand(
      "set", "Decide whether requirements of a framework apply; an exclusion is justified");
  setter->add_option("framework", set->framework, "Framework id, e.g. NIST-CSF")->required();
  setter->add_option("items", set->items, "Requirement ids, e.g. PR.AA-01")->required();
  setter->add_option("--applicable", set->applicable, "yes or no (also oui/non, true/false)");
  setter->add_option("--justification", set->justification,
                     "Why it applies or not; required with --applicable no");
  setter->add_option("--maturity", set->maturity,
                     "A maturity score on the framework's own scale (its number or its name, "
                     "e.g. 3 or Défini)");
  on_run(setter, Access::write, [set](Run& run) {
    if (set->applicable.empty() && set->maturity.empty())
      throw UsageError("soa set needs --applicable yes|no, --maturity SCORE, or both");
    std::vector<std::string> refs;
    if (!set->applicable.empty()) refs = decide(run, *set);
    if (!set->maturity.empty()) {
      const FrameworkInfo framework = get_framework(run.workspace().db(), set->framework);
      const long long score =
          option_value("--maturity", [&] { return parse_maturity(framework, set->maturity); });
      const auto rated = option_value("--maturity", [&] {
        return set_maturity(run.workspace().db(), framework.id, set->items, score);
      });
      for (const auto& ref : rated)
        if (std::find(refs.begin(), refs.end(), ref) == refs.end()) refs.push_back(ref);
      std::string name;
      for (const auto& level : framework.maturity)
        if (level.score == score && !level.name.empty()) name = " (" + level.name + ")";
      run.note(fmt::format("{} of {} at maturity {}{}", plural(rated.size(), "requirement"),
                           framework.id, score, name));
    }
    run.touched(refs);
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
                   "Only requirements whose direct coverage is none, planned or implemented");
  list->add_option("--compliance", state->compliance,
                   "Only requirements whose standing, mappings counted, is covered, partly, "
                   "planned or uncovered");
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
    std::optional<Compliance> compliance;
    if (!state->compliance.empty())
      compliance =
          option_value("--compliance", [&] { return parse_compliance(state->compliance); });

    const FrameworkInfo framework = get_framework(run.workspace().db(), state->framework);
    auto writer = run.writer(format, {"requirement", "applicable", "compliance", "controls",
                                      "via", "justification", "title"});
    writer->begin({"requirement", "title", "chapter", "applicable", "justification", "controls",
                   "control_states", "scenarios", "coverage", "via", "compliance", "maturity"});
    for_each_soa_row(run.workspace().db(), framework.id, [&](const SoaRow& row) {
      if (applicable && *applicable != row.applicable) return;
      if (coverage && *coverage != row.coverage) return;
      if (compliance && *compliance != row.compliance) return;
      writer->row({row.requirement.id, row.requirement.title, text_or_null(row.requirement.chapter),
                   row.applicable ? Cell(Flag{*row.applicable}) : Cell(),
                   text_or_null(row.justification), row.controls, row.control_states, row.scenarios,
                   std::string(to_string(row.coverage)), via_text(row),
                   std::string(to_string(row.compliance)),
                   row.maturity ? Cell(static_cast<std::int64_t>(*row.maturity)) : Cell()});
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
  add_mappings_command(group);
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
