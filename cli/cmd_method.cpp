#include <memory>
#include <ostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "command.hpp"
#include "method_change.hpp"
#include "table.hpp"
#include "text.hpp"

namespace riskmap::cli {

namespace {

nlohmann::ordered_json step_json(const Step& step, int position, Lang lang) {
  return {{"id", step.id},
          {"position", position},
          {"label", step.label.in(lang)},
          {"label_fr", step.label.fr},
          {"label_en", step.label.en},
          {"description", step.description.in(lang)},
          {"colour", step.colour}};
}

void show_json(Run& run, const Method& method) {
  const Lang lang = run.lang();
  nlohmann::ordered_json out;
  out["name"] = method.name;
  const Step& appetite = method.levels.at(method.appetite);
  out["appetite"] = {
      {"id", appetite.id}, {"position", method.appetite}, {"label", appetite.label.in(lang)}};
  for (const auto* scale : {&method.likelihood, &method.impact, &method.levels}) {
    auto& steps = out[scale->name == "level" ? "levels" : scale->name] =
        nlohmann::ordered_json::array();
    for (int i = 1; i <= scale->size(); ++i) steps.push_back(step_json(scale->at(i), i, lang));
  }
  auto& grid = out["grid"] = nlohmann::ordered_json::array();
  for (int l = 1; l <= method.likelihood.size(); ++l)
    for (int i = 1; i <= method.impact.size(); ++i)
      grid.push_back({{"likelihood", method.likelihood.at(l).id},
                      {"impact", method.impact.at(i).id},
                      {"level", method.levels.at(method.level_of(l, i)).id}});
  run.out() << out.dump(2) << '\n';
}

void show_table(Run& run, const Method& method) {
  const Lang lang = run.lang();
  const TableStyle style = run.table_style();
  const Step& appetite = method.levels.at(method.appetite);
  // The method's texts come from riskmap.toml: a table shows them safe.
  run.out() << terminal_safe(fmt::format("method {}: appetite {} ({})", method.name, appetite.id,
                                         appetite.label.in(lang)))
            << '\n';
  for (const auto* scale : {&method.likelihood, &method.impact, &method.levels}) {
    run.out() << '\n' << (scale->name == "level" ? "levels" : scale->name) << '\n';
    auto writer = make_table_writer(run.out(), style, {});
    writer->begin({"position", "id", "label", "description"});
    for (int i = 1; i <= scale->size(); ++i) {
      const Step& step = scale->at(i);
      writer->row(
          {static_cast<std::int64_t>(i), step.id,
           scale->name == "level" ? Cell(level_cell(*scale, i, lang)) : Cell(step.label.in(lang)),
           step.description.in(lang)});
    }
    writer->end();
  }
  run.out() << "\ngrid (rows: likelihood, columns: impact)\n";
  auto writer = make_table_writer(run.out(), style, {});
  std::vector<std::string> columns{"likelihood"};
  for (const auto& step : method.impact.steps) columns.push_back(step.id);
  writer->begin(columns);
  for (int l = method.likelihood.size(); l >= 1; --l) {
    std::vector<Cell> cells{method.likelihood.at(l).id};
    for (int i = 1; i <= method.impact.size(); ++i)
      cells.emplace_back(level_cell(method.levels, method.level_of(l, i), lang));
    writer->row(cells);
  }
  writer->end();
}

struct ApplyState {
  std::string file;
  std::vector<std::string> remaps;
  RiskMatrixOptions risk_matrix;
};

}  // namespace

void add_method_commands(CLI::App& app) {
  auto* method = app.add_subcommand("method", "The rating method: scales, levels, grid, appetite");
  method->require_subcommand(1);

  auto* show = method->add_subcommand("show", "Print the workspace's method");
  on_run(show, Access::read, [](Run& run) {
    const Format format = run.format({Format::table, Format::csv, Format::json});
    if (format == Format::json) return show_json(run, run.method());
    if (format == Format::table) return show_table(run, run.method());
    // CSV: the grid, one cell a row.
    const Method& m = run.method();
    auto writer = run.writer(Format::csv);
    writer->begin({"likelihood", "impact", "level"});
    for (int l = 1; l <= m.likelihood.size(); ++l)
      for (int i = 1; i <= m.impact.size(); ++i)
        writer->row({m.likelihood.at(l).id, m.impact.at(i).id, m.levels.at(m.level_of(l, i)).id});
    writer->end();
  });

  auto state = std::make_shared<ApplyState>();
  auto* apply = method->add_subcommand(
      "apply",
      "Replace the method with one from a file or a built-in; stored ratings keep their positions");
  apply
      ->add_option("file", state->file,
                   "A .toml file holding a [method] table, a YAML library holding a risk matrix "
                   "(.yaml, .yml), or a built-in method name")
      ->required();
  apply->add_option("--appetite", state->risk_matrix.appetite,
                    "With a YAML risk matrix (required): the highest level accepted without "
                    "treatment, as an id, position or label of its levels");
  apply->add_option("--matrix", state->risk_matrix.matrix,
                    "With a YAML library holding several risk matrices: the ref_id of the one to "
                    "use");
  apply
      ->add_option("--remap", state->remaps,
                   "OLD=NEW: move ratings at old step OLD to new step NEW (repeatable), e.g. L5=V4")
      ->allow_extra_args(false);
  on_run(apply, Access::method, [state](Run& run) {
    const auto load = [&] { return load_method(state->file, state->risk_matrix); };
    const LoadedMethod loaded =
        is_method_file_name(state->file) ? load() : option_value("file", load);
    const Method& target = loaded.method;
    for (const auto& note : loaded.notes) run.note(note);
    const auto remaps =
        option_value("--remap", [&] { return parse_remaps(run.method(), target, state->remaps); });
    const MethodChange change = apply_method(run.workspace(), target, remaps);
    run.touched(change.records);
    run.note(fmt::format("method {} applied: {} rating{} remapped", target.name, change.remapped,
                         change.remapped == 1 ? "" : "s"));
  });
}

}  // namespace riskmap::cli
