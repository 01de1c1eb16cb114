#include <memory>
#include <ostream>

#include <fmt/format.h>

#include "command.hpp"
#include "heatmap.hpp"
#include "table.hpp"
#include "text.hpp"
#include "width.hpp"

namespace riskmap::cli {

namespace {

std::string pad(const std::string& text, std::size_t width, bool right = false) {
  const std::size_t used = display_width(text);
  const std::string space(width > used ? width - used : 0, ' ');
  return right ? space + text : text + space;
}

// The grid as a person reads a heat map: the most likely row on top, impact
// growing to the right, each cell the count of scenarios on the level's colour.
void print_grid(Run& run, const HeatMap& map) {
  const Method& method = run.method();
  const Lang lang = run.lang();
  // Labels come from riskmap.toml, as people wrote them.
  const auto label = [lang](const Step& step) { return terminal_safe(step.label.in(lang)); };
  const bool colour = run.colour();
  const std::string likelihood = lang == Lang::fr ? "Vraisemblance" : "Likelihood";
  const std::string impact = lang == Lang::fr ? "Gravité" : "Impact";
  const std::string corner = likelihood + " ↓  " + impact + " →";
  std::size_t row_width = display_width(corner);
  for (const auto& step : method.likelihood.steps)
    row_width = std::max(row_width, display_width(step.id + " " + label(step)));
  std::vector<std::size_t> widths;
  for (const auto& step : method.impact.steps)
    widths.push_back(
        std::max<std::size_t>({display_width(step.id), display_width(label(step)), 12}));

  std::size_t rated = 0;
  for (const auto& cell : map.cells) rated += cell.size();
  const Text& stage_name = stage_label(map.stage, method);  // "Initial" for EBIOS RM
  std::string stage_fr = stage_name.fr;
  stage_fr[0] =
      static_cast<char>(stage_fr[0] - 'A' + 'a');  // the labels start with an ASCII capital
  const char* plural = rated == 1 ? "" : "s";
  const std::string title =
      lang == Lang::fr
          ? fmt::format("Risque {} — {} scénario{} coté{}", stage_fr, rated, plural, plural)
          : fmt::format("{} risk — {} scenario{} rated", stage_name.en, rated, plural);
  std::ostream& out = run.out();
  out << title << "\n\n";
  out << pad(corner, row_width);
  const auto header = [&](auto text_of) {
    std::string line;
    for (std::size_t i = 0; i < widths.size(); ++i)
      line += "  " + pad(text_of(method.impact.steps[i]), widths[i]);
    while (!line.empty() && line.back() == ' ') line.pop_back();
    return line;
  };
  out << header([](const Step& s) { return s.id; }) << '\n'
      << pad("", row_width) << header(label) << '\n';
  for (int l = method.likelihood.size(); l >= 1; --l) {
    const Step& step = method.likelihood.at(l);
    out << pad(step.id + " " + label(step), row_width);
    for (int i = 1; i <= method.impact.size(); ++i) {
      const Step& level = method.levels.at(method.level_of(l, i));
      const std::size_t count = map.at(l, i).size();
      const std::size_t width = widths[static_cast<std::size_t>(i - 1)];
      std::string text = count ? std::to_string(count) : "·";
      out << "  ";
      if (colour)
        out << on_colour(pad(" " + text, width), level.colour);
      else
        out << (i == method.impact.size() ? fmt::format("{} {}", text, level.id)
                                          : pad(fmt::format("{} {}", text, level.id), width));
    }
    out << '\n';
  }
  out << '\n' << (lang == Lang::fr ? "Niveaux : " : "Levels: ");
  for (int v = 1; v <= method.levels.size(); ++v) {
    const Step& level = method.levels.at(v);
    const std::string name = fmt::format("{} ({})", label(level), level.id);
    out << (v > 1 ? ", " : "") << (colour ? on_colour(" " + name + " ", level.colour) : name);
  }
  out << '\n';
  if (!map.unrated.empty())
    out << (lang == Lang::fr
                ? fmt::format("Non cotés à ce stade : {}\n", join(map.unrated, ", "))
                : fmt::format("Not rated at this stage: {}\n", join(map.unrated, ", ")));
}

}  // namespace

void add_matrix_command(CLI::App& app) {
  auto stage = std::make_shared<std::string>("current");
  auto* matrix = app.add_subcommand(
      "matrix", "Print the heat map: scenarios counted in each likelihood × impact cell");
  matrix->add_option("--stage", *stage, "inherent, current (default) or residual");
  on_run(matrix, Access::read, [stage](Run& run) {
    const Stage chosen = option_value("--stage", [&] { return parse_stage(*stage); });
    const Format format = run.format({Format::table, Format::csv, Format::json});
    const HeatMap map = heat_map(run.workspace(), chosen);
    if (format == Format::table) return print_grid(run, map);
    const Method& method = run.method();
    auto writer = run.writer(format);
    writer->begin({"likelihood", "impact", "level", "count", "scenarios"});
    for (int l = method.likelihood.size(); l >= 1; --l)
      for (int i = 1; i <= method.impact.size(); ++i)
        writer->row({level_cell(method.likelihood, l, run.lang()),
                     level_cell(method.impact, i, run.lang()),
                     level_cell(method.levels, method.level_of(l, i), run.lang()),
                     static_cast<std::int64_t>(map.at(l, i).size()), map.at(l, i)});
    writer->end();
  });
}

}  // namespace riskmap::cli
