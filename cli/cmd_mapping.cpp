// mapping list | show NAME: the built-in import mappings.
#include <fmt/format.h>

#include "command.hpp"
#include "mapping_presets.hpp"
#include "text.hpp"

namespace riskmap::cli {

namespace {

const MappingPreset& preset_named(const std::string& name) {
  if (const MappingPreset* preset = find_mapping_preset(name)) return *preset;
  const auto names = mapping_preset_names();
  throw UsageError(fmt::format("'{}' is not a built-in mapping{}; allowed: {}", name,
                               did_you_mean(name, names), join(names, ", ")));
}

}  // namespace

void add_mapping_commands(CLI::App& app) {
  auto* mapping = app.add_subcommand(
      "mapping",
      "Built-in import mappings, for other tools' exports and common registers (import --map "
      "NAME)");
  mapping->require_subcommand(1);

  auto* list = mapping->add_subcommand(
      "list", "List the built-in mappings: the name import --map takes, the kind, the files read");
  on_run(list, Access::none, [](Run& run) {
    auto writer = run.writer(run.format({Format::table, Format::csv, Format::json}));
    writer->begin({"name", "kind", "reads"});
    for (const auto& preset : mapping_presets())
      writer->row(
          {std::string(preset.name), std::string(preset.kind), std::string(preset.summary)});
    writer->end();
  });

  auto name = std::make_shared<std::string>();
  auto* show = mapping->add_subcommand(
      "show",
      "Print a built-in mapping as a TOML mapping file, to copy and adapt: riskmap mapping show "
      "NAME > mine.toml, then import --kind scenarios --map mine.toml");
  show->add_option("name", *name, "The built-in mapping, e.g. ciso-assistant")->required();
  on_run(show, Access::none, [name](Run& run) { run.out() << preset_named(*name).text; });
}

}  // namespace riskmap::cli
