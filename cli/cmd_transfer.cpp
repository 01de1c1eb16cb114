#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include <fmt/format.h>

#include "command.hpp"
#include "files.hpp"
#include "kinds.hpp"
#include "tree.hpp"
#include "mapping.hpp"
#include "mapping_presets.hpp"
#include "text.hpp"
#include "transfer.hpp"
#include "xlsx.hpp"

namespace riskmap::cli {

namespace {

struct ImportState {
  std::string file, kind, on_conflict = "fail", map, sheet;
  std::vector<std::string> map_values;
  std::size_t header_row = 0;
  bool dry_run = false, clear_empty = false;
};

struct ExportState {
  std::string kind, output = "-", tree;
};

// JSON when the name says so or the content starts like JSON.
DataFormat detect_format(const std::string& file, std::istream& in) {
  if (file.ends_with(".json")) return DataFormat::json;
  if (file.ends_with(".csv")) return DataFormat::csv;
  while (in && std::isspace(in.peek())) in.get();
  const int first = in.peek();
  return first == '[' || first == '{' ? DataFormat::json : DataFormat::csv;
}

std::string summary(const ImportResult& result, bool dry_run) {
  std::string text;
  for (const auto& count : result.counts) {
    const std::size_t written = count.added + count.updated;
    std::string kind = count.kind;
    if (written == 1) kind.pop_back();  // "1 asset"
    text += fmt::format("{}{} {}: {} added, {} updated, {} skipped", text.empty() ? "" : "; ",
                        written, kind, count.added, count.updated, count.skipped);
    if (count.unchanged) text += fmt::format(", {} unchanged", count.unchanged);
  }
  return dry_run ? fmt::format("dry run, nothing written: would import {}", text)
                 : "imported " + text;
}

// "created 2 assets (A28 'Serveur de fichiers', A29 'Portail RH') and 1
// control (M32 'Sauvegardes') ...", the first ones of each kind.
std::string created_note(const std::vector<CreatedRecord>& created, bool dry_run) {
  constexpr std::size_t shown = 20;
  std::vector<std::string> parts;
  for (const char* kind : {"asset", "control"}) {
    std::vector<std::string> items;
    std::size_t count = 0;
    for (const auto& record : created)
      if (record.kind == kind && ++count <= shown)
        items.push_back(fmt::format("{} '{}'", record.ref, record.name));
    if (count == 0) continue;
    if (count > shown) items.push_back(fmt::format("and {} more", count - shown));
    parts.push_back(
        fmt::format("{} {}{} ({})", count, kind, count == 1 ? "" : "s", join(items, ", ")));
  }
  return fmt::format("{} {} that the file names and the workspace did not have",
                     dry_run ? "would create" : "created", join(parts, " and "));
}

// --map: the name of a built-in mapping, else a mapping file (a file named
// like a built-in mapping is given as ./NAME). A built-in mapping gives the
// import's kind, so --kind may be left out.
Mapping import_mapping(const std::string& map, ImportOptions& options, const Method& method) {
  if (const MappingPreset* preset = find_mapping_preset(map)) {
    const EntityKind& kind = kind_named(preset->kind);
    if (options.kind && options.kind != &kind)
      throw UsageError(fmt::format("--map {} reads {}, not {}", preset->name, kind.plural,
                                   options.kind->plural));
    options.kind = &kind;
    return read_preset(*preset, method);
  }
  // A bare word that names no file is taken for a built-in mapping's name,
  // mistyped; a path, for a file (reading it says that it is missing).
  std::error_code ignored;
  if (map.find_first_of("./") == std::string::npos && !std::filesystem::exists(map, ignored)) {
    const auto names = mapping_preset_names();
    throw UsageError(fmt::format(
        "--map: '{}' is neither a file nor a built-in mapping{}; built-in mappings: {} "
        "(riskmap mapping list)",
        map, did_you_mean(map, names), join(names, ", ")));
  }
  if (!options.kind)
    throw UsageError("--map with a mapping file needs --kind to say what the file holds, e.g. "
                     "--kind scenarios");
  return read_mapping(read_file(map), map, *options.kind, method);
}

// The workbook the input is, when it is one: a name ending in .xlsx, or
// bytes starting as a zip archive's. A file is opened again by minizip;
// stdin is read whole (a zip is read from its end), and so is stdin
// starting with "P" that is no zip, put back in `kept` for `input`.
std::optional<xlsx::Workbook> open_workbook(const std::string& file, const std::string& source,
                                            std::istream*& input, std::istringstream& kept) {
  if (file != "-") {
    std::string start(4, '\0');
    input->read(start.data(), 4);
    start.resize(static_cast<std::size_t>(input->gcount()));
    input->clear();
    input->seekg(0);
    if (!xlsx::is_workbook(file, start)) return std::nullopt;
    return xlsx::Workbook::open(zip::Archive::open_file(file, source));
  }
  if (input->peek() != 'P') return std::nullopt;
  std::string bytes{std::istreambuf_iterator<char>(*input), std::istreambuf_iterator<char>()};
  if (xlsx::is_workbook("", bytes))
    return xlsx::Workbook::open(zip::Archive::open_bytes(std::move(bytes), source));
  kept.str(std::move(bytes));
  input = &kept;
  return std::nullopt;
}

// The built-in mappings whose columns the header of a workbook's sheet holds.
std::vector<const MappingPreset*> presets_reading(const xlsx::Workbook& book,
                                                  const ImportOptions& options,
                                                  const Method& method) {
  try {
    xlsx::SheetReader reader(book, options.sheet, options.header_row);
    reader.keep_reading(nullptr);
    Row header;
    if (reader.next(header)) return presets_reading(header.fields, method);
  } catch (const ContentError&) {
    // The import says what is wrong with the sheet.
  }
  return {};
}

// Every kind a file can hold, by its plural, in import order.
std::string kind_list(std::string_view separator) {
  std::vector<std::string> names;
  for (const EntityKind* kind : all_kinds()) names.push_back(kind->plural);
  return join(names, separator);
}

}  // namespace

void add_transfer_commands(CLI::App& app) {
  auto in = std::make_shared<ImportState>();
  auto* import =
      app.add_subcommand("import", "Import records from CSV, JSON or XLSX, all or nothing");
  import->add_option("file", in->file, "CSV, JSON or XLSX file, or - for stdin")->required();
  import->add_option("--kind", in->kind,
                     fmt::format("What the file holds: {} (a JSON object may hold several; "
                                 "a built-in --map gives it)",
                                 kind_list(" | ")));
  import->add_flag("--dry-run", in->dry_run, "Check everything, write nothing");
  import->add_option("--on-conflict", in->on_conflict,
                     "What an existing ref does: fail (default), skip, or update the columns "
                     "given (an empty cell keeps the stored value, '-' clears it)");
  import->add_flag("--clear-empty", in->clear_empty,
                   "With --on-conflict update: an empty cell clears the stored value");
  import
      ->add_option("--map", in->map,
                   "Read a CSV file of the organisation's own, or another tool's export, "
                   "through a mapping of its columns, labels and scales: a TOML file (IMPORT "
                   "MAPPING in man riskmap), or the name of a built-in mapping, which gives "
                   "--kind (riskmap mapping list; a file of that name is ./NAME), e.g. --map "
                   "ciso-assistant")
      ->type_name("FILE|NAME");
  import
      ->add_option("--map-values", in->map_values,
                   "With --map: what labels of the file are on our side, over the mapping's: "
                   "NAME:LABEL=VALUE,LABEL=VALUE, NAME being a field or a scale (likelihood, "
                   "impact, level), e.g. likelihood:\"Très faible\"=V1,Faible=V1 (an empty VALUE "
                   "is no value); repeat it for another NAME")
      ->type_name("NAME:LABEL=VALUE,...")
      ->allow_extra_args(false);
  import
      ->add_option("--sheet", in->sheet,
                   "XLSX: the sheet to read, by its name or its position (1 for the first, the "
                   "default)")
      ->type_name("NAME|N");
  import
      ->add_option("--header-row", in->header_row,
                   "XLSX: the number of the sheet's row holding the header; the rows above it "
                   "are titles, not read (default: header_row in [file] of the --map mapping, "
                   "else the first row holding a value)")
      ->type_name("N")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1048576}));
  on_run(import, Access::import, [in](Run& run) {
    ImportOptions options;
    if (!in->kind.empty())
      options.kind =
          &option_value("--kind", [&]() -> const EntityKind& { return kind_named(in->kind); });
    options.on_conflict =
        option_value("--on-conflict", [&] { return parse_on_conflict(in->on_conflict); });
    if (in->clear_empty && options.on_conflict != OnConflict::update)
      throw UsageError("--clear-empty goes with --on-conflict update");
    options.clear_empty = in->clear_empty;
    options.source = in->file == "-" ? "stdin" : in->file;
    options.lang = run.lang();
    if (const auto unread = xlsx::unread_format(in->file); !unread.empty())
      throw ContentError(unread);
    std::ifstream file;
    if (in->file != "-") open_input(file, in->file);
    std::istream* stream = in->file == "-" ? &std::cin : &file;
    std::istringstream kept;
    const std::optional<xlsx::Workbook> book =
        open_workbook(in->file, options.source, stream, kept);
    std::istream& input = *stream;
    if (book) {
      options.sheet = option_value("--sheet", [&] { return book->find_sheet(in->sheet); });
      options.header_row = in->header_row;
    } else {
      options.format = detect_format(in->file, input);
      if (!in->sheet.empty() || in->header_row)
        throw UsageError(fmt::format(
            "{} reads a sheet of an XLSX workbook, and {} is {}",
            in->sheet.empty() ? "--header-row" : "--sheet", options.source,
            options.format == DataFormat::json ? "JSON" : "CSV"));
    }
    std::optional<Mapping> mapping;
    if (!in->map.empty()) {
      if (options.format == DataFormat::json)
        throw UsageError(fmt::format(
            "--map reads the columns of a CSV file, and {} is JSON; import it without --map",
            options.source));
      mapping = import_mapping(in->map, options, run.method());
      for (const auto& spec : in->map_values)
        option_value("--map-values", [&] { add_value_overrides(*mapping, spec, run.method()); });
      options.mapping = &*mapping;
    } else if (!in->map_values.empty()) {
      throw UsageError("--map-values goes with --map: it changes what the mapping's labels mean");
    }
    if (!options.kind && (book || options.format == DataFormat::csv)) {
      // The file is read no further: say which built-in mappings read it.
      std::vector<std::string> fitting;
      for (const MappingPreset* preset : book ? presets_reading(*book, options, run.method())
                                              : presets_reading(input, run.method()))
        fitting.push_back(fmt::format("--map {} ({})", preset->name, preset->summary));
      throw UsageError(fmt::format(
          "--kind is required for a {}: {}{}", book ? "workbook" : "CSV file", kind_list(", "),
          fitting.empty() ? ""
                          : fmt::format("; the file's header is that of a file that a built-in "
                                        "mapping reads, and gives the kind: {}",
                                        join(fitting, ", or "))));
    }
    const ImportResult result = [&] {
      if (!book) return import_records(run.workspace(), input, options);
      try {
        return import_workbook(run.workspace(), *book, options);
      } catch (const ContentError& e) {
        // The first sheet was read for want of --sheet: the register may be another.
        const auto names = book->sheet_names();
        if (!in->sheet.empty() || names.size() < 2) throw;
        throw ContentError(fmt::format(
            "{}\n(the sheet read is {}, the first of the workbook's {}; the others: {}; "
            "--sheet NAME|N reads another)",
            e.what(), fmt::format("'{}'", names.front()), names.size(),
            quoted_list(std::vector<std::string>(names.begin() + 1, names.end()))));
      }
    }();
    run.touched(result.refs);
    if (result.total_refs > result.refs.size())
      run.touched(fmt::format("(+{} more)", result.total_refs - result.refs.size()));
    // Nothing written (every row as the workspace holds it): nothing to journal.
    if (in->dry_run || (result.total_refs == 0 && result.created.empty())) run.discard();
    if (run.format({Format::table, Format::json}) == Format::json) {
      run.out() << "[";
      for (std::size_t i = 0; i < result.counts.size(); ++i) {
        const auto& c = result.counts[i];
        run.out()
            << (i ? ",\n  " : "\n  ")
            << fmt::format(
                   R"({{"kind": "{}", "added": {}, "updated": {}, "skipped": {}, "unchanged": {}, "dry_run": {})",
                   c.kind, c.added, c.updated, c.skipped, c.unchanged, in->dry_run);
        // The assets and controls a mapped import created for names it met.
        bool first = true;
        for (const auto& record : result.created) {
          if (record.kind + "s" != c.kind) continue;
          run.out() << (first ? R"(, "created": [)" : ", ") << R"({"ref": )";
          write_json_string(run.out(), record.ref);
          run.out() << R"(, "name": )";
          write_json_string(run.out(), record.name);
          run.out() << "}";
          first = false;
        }
        run.out() << (first ? "}" : "]}");
      }
      run.out() << "\n]\n";
    }
    for (const auto& message : result.notes) run.note(message);
    if (!result.created.empty()) run.note(created_note(result.created, in->dry_run));
    run.note(summary(result, in->dry_run));
  });

  auto out = std::make_shared<ExportState>();
  auto* exporter = app.add_subcommand(
      "export",
      "Export records as CSV or JSON that import reads back exactly, or the whole workspace "
      "as a tree of TOML files that apply reads back");
  auto* kind_option =
      exporter->add_option("--kind", out->kind, fmt::format("{} | all", kind_list(" | ")));
  auto* output_option = exporter->add_option(
      "-o,--output", out->output,
      "File to write, or - for stdout (default); a folder for --kind all as CSV");
  exporter
      ->add_option("--tree", out->tree,
                   "Write the whole workspace into DIR as text files, one a record, for git; "
                   "riskmap apply DIR reads it back")
      ->type_name("DIR")
      ->excludes(kind_option)
      ->excludes(output_option);
  on_run(exporter, Access::read, [out](Run& run) {
    if (!out->tree.empty()) {
      const TreeWriteCount count = export_tree(run.workspace(), out->tree);
      return run.note(fmt::format("{}: {} written, {} unchanged, {} removed", out->tree,
                                  plural(count.written, "file"), count.unchanged, count.removed));
    }
    if (out->kind.empty())
      throw UsageError(fmt::format("--kind is required: {} | all (or --tree DIR)", kind_list(" | ")));
    const Format format = run.format({Format::csv, Format::json}, Format::csv);
    const DataFormat data = format == Format::json ? DataFormat::json : DataFormat::csv;
    const bool all = out->kind == "all";
    const EntityKind* kind =
        all ? nullptr
            : &option_value("--kind", [&]() -> const EntityKind& { return kind_named(out->kind); });
    if (all && data == DataFormat::csv) {
      if (out->output == "-")
        throw UsageError(
            "--kind all as CSV writes one file per kind: give a folder with -o DIR (or use "
            "--format json)");
      std::filesystem::create_directories(out->output);
      Staging staging(out->output);  // every kind's file is replaced, or none
      for (const EntityKind* k : all_kinds())
        export_records(run.workspace(), *k, data, staging.file(k->plural + ".csv"), run.lang(),
                       run.csv_style(false, run.lang()));
      staging.commit();
      return run.note(fmt::format("exported {} kinds to {}", all_kinds().size(), out->output));
    }
    const auto write = [&](std::ostream& stream) {
      if (all)
        export_all_json(run.workspace(), stream, run.lang());
      else
        export_records(run.workspace(), *kind, data, stream, run.lang(),
                       run.csv_style(false, run.lang()));
    };
    if (out->output == "-") return write(run.out());
    OutputFile file(out->output);
    write(file.stream());
    file.commit();
  });
}

}  // namespace riskmap::cli
