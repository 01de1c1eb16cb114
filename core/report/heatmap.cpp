// Heat maps of the three stages (the inherent one when the map uses it):
// Markdown tables and SVG images, the most likely row on top, impact growing
// to the right, cells in the level's colour.
#include <fmt/format.h>

#include "deliverable.hpp"
#include "escape.hpp"
#include "heatmap.hpp"
#include "text.hpp"
#include "width.hpp"
#include "wording.hpp"

namespace riskmap {

namespace {

// Black or white, whichever reads better on `colour` ("#rrggbb").
std::string ink_on(const std::string& colour) {
  const auto component = [&](std::size_t at) {
    return std::stoi(colour.substr(at, 2), nullptr, 16);
  };
  const int luminance = (299 * component(1) + 587 * component(3) + 114 * component(5)) / 1000;
  return luminance < 140 ? "#ffffff" : "#1a1a1a";
}

constexpr std::size_t refs_in_table = 8;  // refs named in a cell of the Markdown table

// The refs of an SVG cell, shortened to what fits: "R1, R4, R9 +3". The
// Markdown document beside it names every ref of the cell.
std::string svg_refs_text(const std::vector<std::string>& refs, std::size_t shown) {
  std::vector<std::string> first(refs.begin(),
                                 refs.begin() + static_cast<long>(std::min(shown, refs.size())));
  std::string text = join(first, ", ");
  if (refs.size() > shown) text += fmt::format(" +{}", refs.size() - shown);
  return text;
}

std::string svg(const ReportContext& ctx, const HeatMap& map, const std::string& title,
                bool with_refs) {
  const Method& m = ctx.method;
  constexpr int cell_w = 150, cell_h = 90, left = 190, top = 70, legend_h = 60;
  const int width = left + m.impact.size() * cell_w + 20;
  const int height = top + m.likelihood.size() * cell_h + 70 + legend_h;
  std::string out = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} "
      "{1}\" "
      "font-family=\"DejaVu Sans, Arial, sans-serif\">\n"
      "<title>{2}</title>\n<rect width=\"{0}\" height=\"{1}\" fill=\"#ffffff\"/>\n"
      "<text x=\"{3}\" y=\"30\" font-size=\"18\" font-weight=\"bold\" "
      "text-anchor=\"middle\">{2}</text>\n",
      width, height, xml_escape(title), width / 2);
  for (int l = m.likelihood.size(); l >= 1; --l) {
    const int y = top + (m.likelihood.size() - l) * cell_h;
    const Step& step = m.likelihood.at(l);
    out += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"13\" text-anchor=\"end\">{}</text>\n",
                       left - 10, y + cell_h / 2 - 4, xml_escape(step.id));
    out += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"end\">{}</text>\n",
                       left - 10, y + cell_h / 2 + 12, xml_escape(step.label.in(ctx.lang)));
    for (int i = 1; i <= m.impact.size(); ++i) {
      const int x = left + (i - 1) * cell_w;
      const Step& level = m.levels.at(m.level_of(l, i));
      const auto& refs = map.at(l, i);
      const std::string ink = ink_on(level.colour);
      out += fmt::format(
          "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\" stroke=\"#ffffff\" "
          "stroke-width=\"2\"/>\n",
          x, y, cell_w, cell_h, level.colour);
      if (refs.empty()) continue;
      const int count_y = with_refs ? y + 38 : y + cell_h / 2 + 9;
      out += fmt::format(
          "<text x=\"{}\" y=\"{}\" font-size=\"26\" font-weight=\"bold\" fill=\"{}\" "
          "text-anchor=\"middle\">{}</text>\n",
          x + cell_w / 2, count_y, ink, refs.size());
      if (!with_refs) continue;
      out += fmt::format(
          "<text x=\"{}\" y=\"{}\" font-size=\"11\" fill=\"{}\" text-anchor=\"middle\">{}</text>\n",
          x + cell_w / 2, y + 62, ink, xml_escape(svg_refs_text(refs, 4)));
    }
  }
  const int axis_y = top + m.likelihood.size() * cell_h;
  for (int i = 1; i <= m.impact.size(); ++i) {
    const int x = left + (i - 1) * cell_w + cell_w / 2;
    const Step& step = m.impact.at(i);
    out +=
        fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"13\" text-anchor=\"middle\">{}</text>\n",
                    x, axis_y + 20, xml_escape(step.id));
    out +=
        fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"middle\">{}</text>\n",
                    x, axis_y + 36, xml_escape(step.label.in(ctx.lang)));
  }
  out += fmt::format(
      "<text x=\"{}\" y=\"{}\" font-size=\"13\" font-style=\"italic\" "
      "text-anchor=\"middle\">{}</text>\n",
      left + m.impact.size() * cell_w / 2, axis_y + 58,
      xml_escape(ctx.text("Gravité →", "Impact →")));
  out += fmt::format(
      "<text x=\"20\" y=\"{}\" font-size=\"13\" font-style=\"italic\" "
      "transform=\"rotate(-90 20 {})\" text-anchor=\"middle\">{}</text>\n",
      top + m.likelihood.size() * cell_h / 2, top + m.likelihood.size() * cell_h / 2,
      xml_escape(ctx.text("Vraisemblance →", "Likelihood →")));
  int x = left;
  const int legend_y = axis_y + 80;
  for (int v = 1; v <= m.levels.size(); ++v) {
    const Step& level = m.levels.at(v);
    out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"16\" height=\"16\" fill=\"{}\"/>\n", x,
                       legend_y, level.colour);
    out += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"12\">{}</text>\n", x + 22,
                       legend_y + 13, xml_escape(level.label.in(ctx.lang)));
    x += 40 + static_cast<int>(display_width(level.label.in(ctx.lang))) * 8;
  }
  return out + "</svg>\n";
}

}  // namespace

// The heat map of the map the run has read (no second read of the workspace).
HeatMap heat_map_of(ReportContext& ctx, Stage stage) {
  HeatMap map = empty_heat_map(ctx.method, stage);
  ctx.map().scenarios.for_each_natural([&](const Record& r) { place_on(map, r); });
  return map;
}

std::string heat_map_svg(ReportContext& ctx, Stage stage, const std::string& title,
                         bool with_refs) {
  return svg(ctx, heat_map_of(ctx, stage), title, with_refs);
}

Deliverable heatmap_deliverable() {
  Deliverable d;
  d.name = "heatmap";
  d.title = {"Cartes de chaleur des risques", "Risk heat maps"};
  const ViewSchema cell{{"count", {}}, {"refs", {}}, {"level", {}}, {"empty", {}}};
  const ViewSchema cut_cell{
      {"likelihood", {}}, {"impact", {}}, {"level", {}}, {"count", {}}, {"refs", {}}};
  d.schema = ViewSchema{{"has_inherent", {}},
                        {"stages",
                         {{"stage", {}},
                          {"label", {}},
                          {"label_lower", {}},
                          {"svg", {}},
                          {"rated", {}},
                          {"unrated", {}},
                          {"has_unrated", {}},
                          {"refs_in_table", {}},
                          {"has_cut", {}},
                          {"cut_cells", cut_cell},
                          {"impacts", {{"id", {}}, {"label", {}}}},
                          {"rows", {{"id", {}}, {"label", {}}, {"cells", cell}}}}}};
  d.render = [title = d.title](ReportContext& ctx) {
    ViewData view = ctx.common_view(title);
    ViewData stages{ViewData::type::list};
    const Method& m = ctx.method;
    view.set("has_inherent", ctx.has_inherent());
    for (const Stage stage : all_stages) {
      if (stage == Stage::inherent && !ctx.has_inherent()) continue;
      const HeatMap map = heat_map_of(ctx, stage);
      const std::string name{to_string(stage)};
      ViewData s;
      s.set("stage", name);
      s.set("label", ctx.stage_name(stage));
      s.set("label_lower", ctx.stage_word(stage));
      s.set("svg", fmt::format("heatmap-{}.svg", name));
      std::size_t rated = 0;
      for (const auto& refs : map.cells) rated += refs.size();
      s.set("rated", std::to_string(rated));
      s.set("unrated", join(map.unrated, ", "));
      s.set("has_unrated", !map.unrated.empty());
      ViewData impacts{ViewData::type::list};
      for (int i = 1; i <= m.impact.size(); ++i) {
        ViewData impact;
        impact.set("id", m.impact.at(i).id);
        impact.set("label", m.impact.at(i).label.in(ctx.lang));
        impacts.push_back(impact);
      }
      s.set("impacts", impacts);
      ViewData rows{ViewData::type::list}, cut_cells{ViewData::type::list};
      bool has_cut = false;
      for (int l = m.likelihood.size(); l >= 1; --l) {
        ViewData row;
        row.set("id", m.likelihood.at(l).id);
        row.set("label", m.likelihood.at(l).label.in(ctx.lang));
        ViewData cells{ViewData::type::list};
        for (int i = 1; i <= m.impact.size(); ++i) {
          const auto& refs = map.at(l, i);
          ViewData c;
          c.set("count", std::to_string(refs.size()));
          const std::string& level = m.levels.at(m.level_of(l, i)).label.in(ctx.lang);
          c.set("refs",
                wording::cut_list(refs, refs_in_table, ctx.lang, ctx.text("ci-dessous", "below")));
          c.set("level", level);
          if (refs.size() > refs_in_table) {
            // The whole cell, in the table that follows the grid.
            ViewData cut;
            cut.set("likelihood", fmt::format("{} {}", m.likelihood.at(l).id,
                                              m.likelihood.at(l).label.in(ctx.lang)));
            cut.set("impact",
                    fmt::format("{} {}", m.impact.at(i).id, m.impact.at(i).label.in(ctx.lang)));
            cut.set("level", level);
            cut.set("count", std::to_string(refs.size()));
            cut.set("refs", join(refs, ", "));
            cut_cells.push_back(cut);
            has_cut = true;
          }
          c.set("empty", refs.empty());
          cells.push_back(c);
        }
        row.set("cells", cells);
        rows.push_back(row);
      }
      s.set("rows", rows);
      s.set("refs_in_table", std::to_string(refs_in_table));
      s.set("has_cut", has_cut);
      s.set("cut_cells", cut_cells);
      stages.push_back(s);
      const std::string svg_title =
          fmt::format("{} — {}", title.in(ctx.lang), ctx.stage_name(stage));
      if (std::ostream* file = ctx.side_file(fmt::format("heatmap-{}.svg", name)))
        *file << svg(ctx, map, svg_title, true);
    }
    view.set("stages", stages);
    ctx.markdown("heatmap", title, view);
  };
  return d;
}

}  // namespace riskmap
