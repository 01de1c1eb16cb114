// framework import|list|show|mappings: catalogs of requirements and the
// mappings between them.
#include <memory>
#include <optional>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "command.hpp"
#include "framework.hpp"
#include "framework_mapping.hpp"
#include "library_import.hpp"
#include "text.hpp"

namespace riskmap::cli {

namespace {

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

}  // namespace

void add_framework_commands(CLI::App& app) {
  auto* group = app.add_subcommand(
      "framework", "Catalogs of requirements (NIST CSF, ISO 27001 Annex A...) that controls cite");
  group->require_subcommand(1);
  add_import_command(group);
  add_list_and_show_commands(group);
  add_mappings_command(group);
}

}  // namespace riskmap::cli
