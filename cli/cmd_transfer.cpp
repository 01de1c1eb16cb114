#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include <fmt/format.h>

#include "command.hpp"
#include "kinds.hpp"
#include "transfer.hpp"

namespace riskmap::cli {

namespace {

struct ImportState {
  std::string file, kind, on_conflict = "fail";
  bool dry_run = false;
};

struct ExportState {
  std::string kind, output = "-";
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
  }
  return dry_run ? fmt::format("dry run, nothing written: would import {}", text)
                 : "imported " + text;
}

}  // namespace

void add_transfer_commands(CLI::App& app) {
  auto in = std::make_shared<ImportState>();
  auto* import = app.add_subcommand("import", "Import records from CSV or JSON, all or nothing");
  import->add_option("file", in->file, "CSV or JSON file, or - for stdin")->required();
  import->add_option("--kind", in->kind,
                     "What the file holds: assets or scenarios (a JSON object may hold both)");
  import->add_flag("--dry-run", in->dry_run, "Check everything, write nothing");
  import->add_option(
      "--on-conflict", in->on_conflict,
      "What an existing ref does: fail (default), skip, or update the columns given");
  on_run(import, Access::write, [in](Run& run) {
    ImportOptions options;
    if (!in->kind.empty())
      options.kind =
          &option_value("--kind", [&]() -> const EntityKind& { return kind_named(in->kind); });
    options.on_conflict =
        option_value("--on-conflict", [&] { return parse_on_conflict(in->on_conflict); });
    options.source = in->file == "-" ? "stdin" : in->file;
    options.lang = run.lang();
    std::ifstream file;
    if (in->file != "-") {
      file.open(in->file, std::ios::binary);
      if (!file) throw Error(fmt::format("{}: cannot read: {}", in->file, std::strerror(errno)));
    }
    std::istream& input = in->file == "-" ? std::cin : file;
    options.format = detect_format(in->file, input);
    if (!options.kind && options.format == DataFormat::csv)
      throw UsageError("--kind is required for a CSV file: assets or scenarios");
    const ImportResult result = import_records(run.workspace(), input, options);
    run.touched(result.refs);
    if (result.total_refs > result.refs.size())
      run.touched(fmt::format("(+{} more)", result.total_refs - result.refs.size()));
    if (in->dry_run) run.discard();
    if (run.format({Format::table, Format::json}) == Format::json) {
      run.out() << "[";
      for (std::size_t i = 0; i < result.counts.size(); ++i) {
        const auto& c = result.counts[i];
        run.out()
            << (i ? ",\n  " : "\n  ")
            << fmt::format(
                   R"({{"kind": "{}", "added": {}, "updated": {}, "skipped": {}, "dry_run": {}}})",
                   c.kind, c.added, c.updated, c.skipped, in->dry_run);
      }
      run.out() << "\n]\n";
    }
    run.note(summary(result, in->dry_run));
  });

  auto out = std::make_shared<ExportState>();
  auto* exporter =
      app.add_subcommand("export", "Export records as CSV or JSON that import reads back exactly");
  exporter->add_option("--kind", out->kind, "assets, scenarios, or all")->required();
  exporter->add_option("-o,--output", out->output,
                       "File to write, or - for stdout (default); a folder for --kind all as CSV");
  on_run(exporter, Access::read, [out](Run& run) {
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
      for (const EntityKind* k : all_kinds()) {
        AtomicFile file(std::filesystem::path(out->output) / (k->plural + ".csv"));
        export_records(run.workspace(), *k, data, file.stream(), run.lang());
        file.commit();
      }
      return run.note(fmt::format("exported {} kinds to {}", all_kinds().size(), out->output));
    }
    const auto write = [&](std::ostream& stream) {
      if (all)
        export_all_json(run.workspace(), stream, run.lang());
      else
        export_records(run.workspace(), *kind, data, stream, run.lang());
    };
    if (out->output == "-") return write(run.out());
    AtomicFile file(out->output);
    write(file.stream());
    file.commit();
  });
}

}  // namespace riskmap::cli
