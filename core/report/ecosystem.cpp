// The stakeholder map: every stakeholder's criteria, threat level and zone,
// initial and residual, the controls that lower its rating and the scenarios
// that go through it; as Markdown, CSV, and two SVG charts (initial and
// residual) placing each stakeholder by exposure (dependency × penetration)
// and reliability (maturity × trust) over the zones the thresholds draw.
#include <algorithm>
#include <array>
#include <limits>
#include <map>
#include <optional>
#include <tuple>
#include <unordered_map>

#include <fmt/format.h>

#include "control.hpp"
#include "deliverable.hpp"
#include "escape.hpp"
#include "stakeholder.hpp"
#include "store.hpp"
#include "text.hpp"
#include "width.hpp"
#include "wording.hpp"

namespace riskmap {

namespace {

constexpr std::size_t refs_per_point = 3;  // refs written beside one point of the chart

// Region fill and point colour of each zone, in the order of Zone.
constexpr std::array<const char*, 4> zone_fill{"#f6c1bb", "#fddcb0", "#fff2b3", "#d8eed2"};
constexpr std::array<const char*, 4> zone_ink{"#b03a2e", "#c25e00", "#9a7d0a", "#1e7b45"};

struct Criteria {
  std::array<std::optional<std::int64_t>, 4> value;  // dependency, penetration, maturity, trust
  std::optional<double> threat;
  std::optional<Zone> zone;
};

struct Placed {
  Record record;
  Criteria initial, residual;
};

Criteria criteria_of(const Record& r, Rated stage, const ZoneThresholds& thresholds) {
  static const std::size_t first = stakeholder_kind().index("dependency"),
                           first_residual = stakeholder_kind().index("residual_dependency");
  Criteria c;
  const std::size_t at = stage == Rated::initial ? first : first_residual;
  for (std::size_t i = 0; i < 4; ++i)
    if (const auto* n = std::get_if<std::int64_t>(&r.values[at + i])) c.value[i] = *n;
  c.threat = threat_level(r, stage);
  if (c.threat) c.zone = zone_of(*c.threat, thresholds);
  return c;
}

// The text of a range of threat levels: "≥ 2,5", "0,9 ≤ menace < 2,5", "< 0,2".
std::string range_text(Zone zone, const ZoneThresholds& t, Lang lang) {
  const auto d = [&](double v) { return wording::decimal(v, lang); };
  const std::string threat = lang == Lang::fr ? "menace" : "threat";
  switch (zone) {
    case Zone::danger:
      return fmt::format("{} ≥ {}", threat, d(t.danger));
    case Zone::control:
      return fmt::format("{} ≤ {} < {}", d(t.control), threat, d(t.danger));
    case Zone::watch:
      return fmt::format("{} ≤ {} < {}", d(t.watch), threat, d(t.control));
    case Zone::outside:
      return fmt::format("{} < {}", threat, d(t.watch));
  }
  return {};
}

// --- The chart ----------------------------------------------------------------

// Exposure and reliability both run 1..16; the plot runs a little further, so
// that the threshold lines end clear of the points on its edges.
constexpr double axis_max = 17;
constexpr int plot_left = 90, plot_top = 70, plot_size = 560, plot_right = 140;
constexpr double unit = plot_size / axis_max;

struct Point {
  double x, y;  // in criteria units
};

double px(double x) {
  return plot_left + x * unit;
}
double py(double y) {
  return plot_top + (axis_max - y) * unit;
}
std::string coord(double v) {
  return fmt::format("{:.1f}", v);
}

// Where the line reliability = exposure × slope leaves the plot (slope may be infinite).
Point exit_point(double slope) {
  if (slope == std::numeric_limits<double>::infinity()) return {0, axis_max};
  if (slope <= 1) return {axis_max, slope * axis_max};
  return {axis_max / slope, axis_max};
}
// Position along the plot's right edge (upward) then top edge (leftward).
double along_edge(const Point& p) {
  return p.x >= axis_max ? p.y : axis_max + (axis_max - p.x);
}

// The region of threat levels in [low, high): between the lines
// reliability = exposure / high and reliability = exposure / low.
std::vector<Point> region(double low, double high) {
  const double inf = std::numeric_limits<double>::infinity();
  const double lower_slope = high == inf ? 0 : 1 / high;
  const double upper_slope = low == 0 ? inf : 1 / low;
  const Point a = exit_point(lower_slope), b = exit_point(upper_slope);
  std::vector<Point> points{{0, 0}, a};
  if (along_edge(a) < axis_max && along_edge(b) > axis_max) points.push_back({axis_max, axis_max});
  points.push_back(b);
  return points;
}

// The centroid of a polygon.
Point centroid(const std::vector<Point>& points) {
  double area = 0, cx = 0, cy = 0;
  for (std::size_t i = 0; i < points.size(); ++i) {
    const Point& p = points[i];
    const Point& q = points[(i + 1) % points.size()];
    const double cross = p.x * q.y - q.x * p.y;
    area += cross;
    cx += (p.x + q.x) * cross;
    cy += (p.y + q.y) * cross;
  }
  if (area == 0) return points.front();
  return {cx / (3 * area), cy / (3 * area)};
}

struct Box {
  double left, top, right, bottom;  // in pixels
  bool overlaps(const Box& o) const {
    return left < o.right && o.left < right && top < o.bottom && o.top < bottom;
  }
};

// Where a zone's name goes: the middle of the region's width at some
// height, the centroid's first, then higher and lower ones; the first where
// the name fits and covers no point or point label; where it fits nowhere
// (a very thin zone), the legend alone names the zone.
std::optional<Point> label_point(const std::vector<Point>& points, double text_width,
                                 const std::vector<Box>& taken) {
  const auto span = [&](double y) {
    double low = axis_max, high = 0;
    for (std::size_t i = 0; i < points.size(); ++i) {
      const Point& p = points[i];
      const Point& q = points[(i + 1) % points.size()];
      if ((y < std::min(p.y, q.y)) || (y > std::max(p.y, q.y))) continue;
      if (p.y == q.y) {
        low = std::min({low, p.x, q.x});
        high = std::max({high, p.x, q.x});
        continue;
      }
      const double x = p.x + (q.x - p.x) * (y - p.y) / (q.y - p.y);
      low = std::min(low, x);
      high = std::max(high, x);
    }
    return std::pair{low, high};
  };
  const double start = centroid(points).y;
  std::optional<Point> fitting;
  for (int step = 0; step <= 2 * static_cast<int>(axis_max * 4); ++step) {
    const double y = start + (step % 2 == 0 ? 1 : -1) * 0.25 * ((step + 1) / 2);
    if (y < 0.5 || y > axis_max - 0.5) continue;
    const auto [low, high] = span(y);
    if ((high - low) * unit < text_width) continue;
    const Point at{(low + high) / 2, y};
    if (!fitting) fitting = at;
    const Box box{px(at.x) - text_width / 2, py(at.y) - 13, px(at.x) + text_width / 2,
                  py(at.y) + 3};
    if (std::none_of(taken.begin(), taken.end(), [&](const Box& b) { return b.overlaps(box); }))
      return at;
  }
  return fitting;
}

std::string chart(const ReportContext& ctx, const std::vector<Placed>& stakeholders, Rated stage,
                  const std::string& title) {
  const Lang lang = ctx.lang;
  const ZoneThresholds& t = ctx.workspace.config().zones;
  const int width = plot_left + plot_size + plot_right;
  const int legend_top = plot_top + plot_size + 80;
  const int height = legend_top + 2 * 26 + 60;
  const double inf = std::numeric_limits<double>::infinity();
  const std::array<std::pair<double, double>, 4> bounds{
      std::pair{t.danger, inf}, std::pair{t.control, t.danger}, std::pair{t.watch, t.control},
      std::pair{0.0, t.watch}};

  std::string out = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} "
      "{1}\" font-family=\"DejaVu Sans, Arial, sans-serif\">\n"
      "<title>{2}</title>\n<rect width=\"{0}\" height=\"{1}\" fill=\"#ffffff\"/>\n"
      "<text x=\"{3}\" y=\"32\" font-size=\"18\" font-weight=\"bold\" "
      "text-anchor=\"middle\">{2}</text>\n",
      width, height, xml_escape(title), width / 2);

  // The zones, then the grid over them, then the threshold lines.
  for (std::size_t z = 0; z < bounds.size(); ++z) {
    const auto points = region(bounds[z].first, bounds[z].second);
    std::vector<std::string> corners;
    for (const Point& p : points) corners.push_back(coord(px(p.x)) + "," + coord(py(p.y)));
    out += fmt::format("<polygon points=\"{}\" fill=\"{}\" stroke=\"none\"/>\n", join(corners, " "),
                       zone_fill[z]);
  }
  for (int v = 0; v <= 16; v += 2) {
    out += fmt::format(
        "<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#ffffff\" stroke-width=\"1\" "
        "stroke-opacity=\"0.8\"/>\n",
        coord(px(v)), coord(py(0)), coord(py(axis_max)));
    out += fmt::format(
        "<line x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\" stroke=\"#ffffff\" stroke-width=\"1\" "
        "stroke-opacity=\"0.8\"/>\n",
        coord(px(0)), coord(py(v)), coord(px(axis_max)));
    out +=
        fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"middle\">{}</text>\n",
                    coord(px(v)), coord(py(0) + 18), v);
    out += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"end\">{}</text>\n",
                       coord(px(0) - 8), coord(py(v) + 4), v);
  }
  out += fmt::format(
      "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"#555555\"/>\n",
      plot_left, plot_top, plot_size, plot_size);
  for (const double threshold : {t.danger, t.control, t.watch}) {
    const Point end = exit_point(1 / threshold);
    out += fmt::format(
        "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#444444\" stroke-width=\"1.5\" "
        "stroke-dasharray=\"6 4\"/>\n",
        coord(px(0)), coord(py(0)), coord(px(end.x)), coord(py(end.y)));
    const std::string label = fmt::format("{} {}", lang == Lang::fr ? "menace" : "threat",
                                          wording::decimal(threshold, lang));
    if (end.x >= axis_max)
      out += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"10\" fill=\"#444444\">{}</text>\n",
                         coord(px(end.x) + 6), coord(py(end.y) + 4), xml_escape(label));
    else
      out += fmt::format(
          "<text x=\"{}\" y=\"{}\" font-size=\"10\" fill=\"#444444\" "
          "text-anchor=\"middle\">{}</text>\n",
          coord(px(end.x)), coord(py(end.y) - 6), xml_escape(label));
  }

  // One point per position, labelled with the refs of the stakeholders there.
  const auto& criteria = [&](const Placed& p) -> const Criteria& {
    return stage == Rated::initial ? p.initial : p.residual;
  };
  std::map<std::pair<std::int64_t, std::int64_t>, std::vector<std::string>> at;
  std::vector<std::string> unrated;
  for (const Placed& p : stakeholders) {
    const Criteria& c = criteria(p);
    if (!c.threat) {
      unrated.push_back(p.record.ref);
      continue;
    }
    at[{*c.value[0] * *c.value[1], *c.value[2] * *c.value[3]}].push_back(p.record.ref);
  }
  std::vector<Box> taken;
  for (auto& [position, refs] : at) {
    std::sort(refs.begin(), refs.end(), wording::ref_less);
    const double x = px(static_cast<double>(position.first)),
                 y = py(static_cast<double>(position.second));
    const double label =
        static_cast<double>(display_width(wording::refs_text(refs, refs_per_point, lang))) * 7.5;
    taken.push_back({x - 7, y - 18, x + 9 + label, y + 7});
  }

  for (std::size_t z = 0; z < bounds.size(); ++z) {
    const std::string& name = zones()[z].label.in(lang);
    const auto c = label_point(region(bounds[z].first, bounds[z].second),
                               static_cast<double>(display_width(name)) * 7.5 + 8, taken);
    if (!c) continue;
    out += fmt::format(
        "<text x=\"{}\" y=\"{}\" font-size=\"13\" font-style=\"italic\" fill=\"{}\" "
        "fill-opacity=\"0.75\" text-anchor=\"middle\">{}</text>\n",
        coord(px(c->x)), coord(py(c->y)), zone_ink[z], xml_escape(name));
  }

  // Axis names.
  out += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"13\" text-anchor=\"middle\">{}</text>\n",
                     plot_left + plot_size / 2, plot_top + plot_size + 42,
                     xml_escape(lang == Lang::fr ? "Exposition (dépendance × pénétration) →"
                                                 : "Exposure (dependency × penetration) →"));
  const int mid = plot_top + plot_size / 2;
  out += fmt::format(
      "<text x=\"30\" y=\"{0}\" font-size=\"13\" transform=\"rotate(-90 30 {0})\" "
      "text-anchor=\"middle\">{1}</text>\n",
      mid,
      xml_escape(lang == Lang::fr ? "Fiabilité (maturité × confiance) →"
                                  : "Reliability (maturity × trust) →"));

  // The points, over everything else.
  for (const auto& [position, refs] : at) {
    const double x = static_cast<double>(position.first), y = static_cast<double>(position.second);
    const auto zone = static_cast<std::size_t>(zone_of(x / y, t));
    out += fmt::format(
        "<circle cx=\"{}\" cy=\"{}\" r=\"6\" fill=\"{}\" stroke=\"#ffffff\" "
        "stroke-width=\"1.5\"/>\n",
        coord(px(x)), coord(py(y)), zone_ink[zone]);
    out += fmt::format(
        "<text x=\"{}\" y=\"{}\" font-size=\"11\" font-weight=\"bold\" "
        "fill=\"#1a1a1a\">{}</text>\n",
        coord(px(x) + 9), coord(py(y) - 6),
        xml_escape(wording::refs_text(refs, refs_per_point, lang)));
  }

  // The legend: each zone's colour and range, then how to read the chart.
  for (std::size_t z = 0; z < bounds.size(); ++z) {
    const int x = plot_left + static_cast<int>(z % 2) * 330;
    const int y = legend_top + static_cast<int>(z / 2) * 26;
    out += fmt::format(
        "<rect x=\"{}\" y=\"{}\" width=\"16\" height=\"16\" fill=\"{}\" stroke=\"{}\"/>\n", x, y,
        zone_fill[z], zone_ink[z]);
    out += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"12\">{}</text>\n", x + 24, y + 13,
                       xml_escape(zones()[z].label.in(lang) + wording::colon(lang) +
                                  range_text(static_cast<Zone>(z), t, lang)));
  }
  const int note_y = legend_top + 2 * 26 + 14;
  out += fmt::format(
      "<text x=\"{}\" y=\"{}\" font-size=\"11\">{}</text>\n", plot_left, note_y,
      xml_escape(lang == Lang::fr ? "Menace = exposition / fiabilité\u00a0; chaque point porte les "
                                    "références des parties prenantes qui s’y trouvent."
                                  : "Threat = exposure / reliability; each point bears the refs "
                                    "of the stakeholders it stands for."));
  if (!unrated.empty())
    out +=
        fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"11\">{}</text>\n", plot_left, note_y + 18,
                    xml_escape((lang == Lang::fr ? "Non évaluées" : "Not rated") +
                               wording::colon(lang) + wording::refs_text(unrated, 12, lang)));
  return out + "</svg>\n";
}

}  // namespace

Deliverable ecosystem_deliverable() {
  Deliverable d;
  d.name = "ecosystem";
  d.title = {"Cartographie de l’écosystème", "Ecosystem map"};
  d.schema =
      ViewSchema{{"count", {}},
                 {"has_stakeholders", {}},
                 {"rated_count", {}},
                 {"has_rated", {}},
                 {"has_unrated", {}},
                 {"unrated", {}},
                 {"danger_count", {}},
                 {"residual_danger_count", {}},
                 {"zone_rows", {{"label", {}}, {"range", {}}, {"initial", {}}, {"residual", {}}}},
                 {"has_descriptions", {}},
                 {"stakeholders",
                  {{"ref", {}},
                   {"name", {}},
                   {"description", {}},
                   {"category", {}},
                   {"owner", {}},
                   {"dependency", {}},
                   {"penetration", {}},
                   {"maturity", {}},
                   {"trust", {}},
                   {"threat", {}},
                   {"zone", {}},
                   {"residual_threat", {}},
                   {"residual_zone", {}},
                   {"controls", {}},
                   {"scenarios", {}}}},
                 {"svg", {}},
                 {"svg_residual", {}},
                 {"csv", {}}};
  d.workbook = true;
  d.render = [title = d.title](ReportContext& ctx) {
    const Lang lang = ctx.lang;
    const Method& method = ctx.method;
    const ZoneThresholds& thresholds = ctx.workspace.config().zones;
    const EntityKind& kind = stakeholder_kind();
    const std::size_t name_at = kind.index("name"), category_at = kind.index("category"),
                      owner_at = kind.index("owner"), controls_at = kind.index("controls"),
                      description_at = kind.index("description");
    const std::string unrated_text = "—";

    // The scenarios going through each stakeholder (ref, current level).
    using Through = std::pair<std::string, std::optional<int>>;
    std::unordered_map<std::string, std::vector<Through>> through;
    const std::size_t scenario_stakeholders_at = scenario_kind().index("stakeholders");
    for (const Record& r : ctx.map().scenarios)
      if (const auto* refs =
              std::get_if<std::vector<std::string>>(&r.values[scenario_stakeholders_at]))
        for (const auto& ref : *refs)
          through[ref].emplace_back(r.ref, level_at(r, Stage::current, method));
    std::unordered_map<std::string, std::pair<std::string, std::string>>
        control_of;  // title, state
    RecordStore controls(ctx.workspace, control_kind());
    const std::size_t control_title_at = control_kind().index("title"),
                      control_state_at = control_kind().index("state");
    controls.for_each([&](Record& r) {
      control_of.emplace(
          r.ref, std::pair{text_of(r.values[control_title_at]),
                           choice_label(control_states(), r.values[control_state_at], lang)});
    });

    std::vector<Placed> placed;
    RecordStore stakeholders(ctx.workspace, kind);
    stakeholders.for_each([&](Record& r) {
      Placed p;
      p.initial = criteria_of(r, Rated::initial, thresholds);
      p.residual = criteria_of(r, Rated::residual, thresholds);
      p.record = std::move(r);
      placed.push_back(std::move(p));
    });
    // Most threatening first (initial rating), unrated last; ties in ref order.
    std::stable_sort(placed.begin(), placed.end(), [](const Placed& a, const Placed& b) {
      return a.initial.threat.value_or(-1) > b.initial.threat.value_or(-1);
    });

    const auto criterion = [&](const Placed& p, std::size_t i) {
      const auto& a = p.initial.value[i];
      const auto& b = p.residual.value[i];
      const std::string first = a ? std::to_string(*a) : unrated_text;
      if (a == b) return first;
      return fmt::format("{} → {}", first, b ? std::to_string(*b) : unrated_text);
    };
    const auto threat_text = [&](const Criteria& c) {
      return c.threat ? wording::decimal(*c.threat, lang) : unrated_text;
    };
    const auto zone_text = [&](const Criteria& c) {
      return c.zone ? zones()[static_cast<std::size_t>(*c.zone)].label.in(lang)
                    : std::string(ctx.text("Non évaluée", "Not rated"));
    };
    const auto controls_text = [&](const Placed& p) {
      std::vector<std::string> parts;
      if (const auto* refs = std::get_if<std::vector<std::string>>(&p.record.values[controls_at]))
        for (const auto& ref : *refs) {
          const auto found = control_of.find(ref);
          parts.push_back(
              found == control_of.end()
                  ? ref
                  : fmt::format("{} {} ({})", ref, found->second.first, found->second.second));
        }
      return join(parts, "; ");
    };
    const auto scenarios_text = [&](const Placed& p) {
      std::vector<std::string> parts;
      const auto found = through.find(p.record.ref);
      if (found == through.end()) return std::string();
      std::vector<Through> list = found->second;
      std::sort(list.begin(), list.end(), [](const Through& a, const Through& b) {
        return wording::ref_less(a.first, b.first);
      });
      for (const auto& [ref, level] : list) {
        parts.push_back(fmt::format(
            "{} ({})", ref,
            level ? method.levels.at(*level).label.in(lang) : ctx.text("non évalué", "not rated")));
      }
      return join(parts, ", ");
    };
    std::array<std::size_t, 4> in_zone{}, in_residual_zone{};
    std::vector<std::string> unrated;
    ViewData rows{ViewData::type::list};
    bool has_descriptions = false;
    for (const Placed& p : placed) {
      if (p.initial.zone) ++in_zone[static_cast<std::size_t>(*p.initial.zone)];
      if (p.residual.zone) ++in_residual_zone[static_cast<std::size_t>(*p.residual.zone)];
      if (!p.initial.threat) unrated.push_back(p.record.ref);
      ViewData row;
      row.set("ref", p.record.ref);
      row.set("name", text_of(p.record.values[name_at]));
      row.set("category",
              choice_label(stakeholder_categories(), p.record.values[category_at], lang));
      row.set("owner", text_of(p.record.values[owner_at]));
      const std::string described = text_of(p.record.values[description_at]);
      row.set("description", described.empty() ? ViewData(false) : ViewData(described));
      has_descriptions = has_descriptions || !described.empty();
      row.set("dependency", criterion(p, 0));
      row.set("penetration", criterion(p, 1));
      row.set("maturity", criterion(p, 2));
      row.set("trust", criterion(p, 3));
      row.set("threat", threat_text(p.initial));
      row.set("zone", zone_text(p.initial));
      row.set("residual_threat", threat_text(p.residual));
      row.set("residual_zone", zone_text(p.residual));
      row.set("controls", controls_text(p));
      row.set("scenarios", scenarios_text(p));
      rows.push_back(row);
    }
    std::sort(unrated.begin(), unrated.end(), wording::ref_less);

    ViewData view = ctx.common_view(title);
    view.set("count", std::to_string(placed.size()));
    view.set("has_stakeholders", !placed.empty());
    view.set("rated_count", std::to_string(placed.size() - unrated.size()));
    view.set("has_rated", placed.size() > unrated.size());
    view.set("has_unrated", !unrated.empty());
    view.set("unrated", join(unrated, ", "));
    view.set("danger_count", std::to_string(in_zone[0]));
    view.set("residual_danger_count", std::to_string(in_residual_zone[0]));
    ViewData zone_rows{ViewData::type::list};
    for (std::size_t z = 0; z < zones().size(); ++z) {
      ViewData row;
      row.set("label", zones()[z].label.in(lang));
      row.set("range", range_text(static_cast<Zone>(z), thresholds, lang));
      row.set("initial", std::to_string(in_zone[z]));
      row.set("residual", std::to_string(in_residual_zone[z]));
      zone_rows.push_back(row);
    }
    view.set("zone_rows", zone_rows);
    view.set("stakeholders", rows);
    view.set("has_descriptions", has_descriptions);
    view.set("svg", "ecosystem.svg");
    view.set("svg_residual", "ecosystem-residual.svg");
    view.set("csv", "ecosystem.csv");
    ctx.markdown("ecosystem", title, view);

    if (std::ostream* file = ctx.side_file("ecosystem.svg"))
      *file << chart(
          ctx, placed, Rated::initial,
          fmt::format("{} — {}", title.in(lang), ctx.text("niveau initial", "initial rating")));
    if (std::ostream* file = ctx.side_file("ecosystem-residual.svg"))
      *file << chart(
          ctx, placed, Rated::residual,
          fmt::format("{} — {}", title.in(lang), ctx.text("niveau résiduel", "residual rating")));

    if (TableOut* table = ctx.table("ecosystem.csv", Text{"Écosystème", "Ecosystem"},
                                        lang == Lang::fr
              ? std::vector<std::string>{"Réf.", "Partie prenante", "Catégorie",
                                         "Responsable de la relation", "Dépendance", "Pénétration",
                                         "Maturité", "Confiance", "Menace initiale",
                                         "Zone initiale", "Dépendance résiduelle",
                                         "Pénétration résiduelle", "Maturité résiduelle",
                                         "Confiance résiduelle", "Menace résiduelle",
                                         "Zone résiduelle", "Mesures", "Scénarios"}
              : std::vector<std::string>{
                    "Ref", "Stakeholder", "Category", "Relationship owner", "Dependency",
                    "Penetration", "Maturity", "Trust", "Initial threat", "Initial zone",
                    "Residual dependency", "Residual penetration", "Residual maturity",
                    "Residual trust", "Residual threat", "Residual zone", "Controls", "Scenarios"})) {
      table->numbers({4, 5, 6, 7, 8, 10, 11, 12, 13, 14});
      const auto value = [](const std::optional<std::int64_t>& v) {
        return v ? std::to_string(*v) : std::string();
      };
      const auto threat_cell = [&](const Criteria& c) {
        return c.threat ? wording::decimal(*c.threat, lang) : std::string();
      };
      const auto zone_cell = [&](const Criteria& c) {
        return c.zone ? zones()[static_cast<std::size_t>(*c.zone)].label.in(lang) : std::string();
      };
      for (const Placed& p : placed)
        table->row({p.record.ref, text_of(p.record.values[name_at]),
             choice_label(stakeholder_categories(), p.record.values[category_at], lang),
             text_of(p.record.values[owner_at]), value(p.initial.value[0]),
             value(p.initial.value[1]), value(p.initial.value[2]), value(p.initial.value[3]),
             threat_cell(p.initial), zone_cell(p.initial), value(p.residual.value[0]),
             value(p.residual.value[1]), value(p.residual.value[2]), value(p.residual.value[3]),
             threat_cell(p.residual), zone_cell(p.residual), controls_text(p), scenarios_text(p)});
    }
  };
  return d;
}

}  // namespace riskmap
