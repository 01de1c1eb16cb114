// The figures of the EBIOS RM study dossier: the ecosystem radar, the graph of
// a strategic scenario and the attack sequence of an operational scenario.
// Every number is written with one decimal and every place is computed from
// the input alone, so that the same input gives the same bytes; every user
// text is escaped, and cut with "…" where it would overflow its place.
#include "ebios_figures.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <map>
#include <numbers>
#include <string_view>
#include <utility>

#include <fmt/format.h>

#include "escape.hpp"
#include "text.hpp"
#include "width.hpp"
#include "wording.hpp"

namespace riskmap {

namespace {

// --- Shared drawing helpers ----------------------------------------------------

constexpr const char* ink = "#1a1a1a";
constexpr const char* muted = "#555555";
constexpr const char* faded = "#9a9a9a";
constexpr const char* ellipsis = "…";

// Fixed one-decimal numbers, never "-0.0".
std::string coord(double v) {
  double rounded = std::round(v * 10) / 10;
  if (rounded == 0) rounded = 0;
  return fmt::format("{:.1f}", rounded);
}

// Text on one line: line breaks, tabs and other control characters become
// spaces, runs of spaces one, none at the ends.
std::string one_line(std::string_view text) {
  std::string out;
  bool space = false;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte == 0x7F) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

// The characters of a text, each as its bytes and its code point (U+FFFD
// for a byte of invalid UTF-8, which xml_escape writes so).
struct Character {
  std::string_view bytes;
  char32_t code;
};
std::vector<Character> characters(std::string_view text) {
  std::vector<Character> out;
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t start = i;
    const auto c = decode_utf8(text, i);
    if (!c) i = start + 1;
    out.push_back({text.substr(start, i - start), c.value_or(U'\uFFFD')});
  }
  return out;
}

// The advance of a character in DejaVu Sans, in em, by classes of
// characters of about the same width, each class at its widest member: the
// estimate errs on the wide side, so that text cut to fit a place fits it.
// Outside Latin, the width the terminal gives: combining marks none, wide
// characters (CJK, emoji) the most.
double advance(const Character& c, bool bold) {
  enum Class : std::size_t { thin, dot, narrow, middle, wide, widest, symbol, double_width, none };
  static constexpr std::array<double, 9> normal{0.30, 0.34, 0.42, 0.64, 0.79, 1.0, 0.84, 1.3, 0};
  static constexpr std::array<double, 9> heavy{0.38, 0.40, 0.50, 0.74, 0.88, 1.11, 0.84, 1.3, 0};
  const auto in = [&](std::u32string_view set) {
    return set.find(c.code) != std::u32string_view::npos;
  };
  Class k = middle;
  if (in(U"ijlIJ'"))
    k = thin;
  else if (in(U" ,.:;/\\|\u2019\u00b7`"))
    k = dot;
  else if (in(U"!ftr()[]-\""))
    k = narrow;
  else if (in(U"ABCDGHKNOQRUVX&") || (c.code >= 0xC0 && c.code <= 0xDE))  // and accented capitals
    k = wide;
  else if (in(U"mwMW%@\u2014\u2026\uFFFD"))
    k = widest;
  else if (in(U"#+<=>~^\u00d7\u2265\u2264\u2192"))
    k = symbol;
  else if (c.code >= 0x250) {
    const std::size_t columns = display_width(c.bytes);
    k = columns == 0 ? none : columns == 2 ? double_width : wide;
  }
  return (bold ? heavy : normal)[k];
}
const Character ellipsis_character{ellipsis, U'\u2026'};

double text_width(std::string_view text, double size, bool bold = false) {
  double em = 0;
  for (const Character& c : characters(text)) em += advance(c, bold);
  return em * size;
}

// The longest start of `text` that, followed by "…" when `mark` is set,
// fits in `max` pixels.
std::string longest_start(std::string_view text, double max, double size, bool bold, bool mark) {
  double width = mark ? advance(ellipsis_character, bold) * size : 0;
  std::string out;
  for (const Character& c : characters(text)) {
    width += advance(c, bold) * size;
    if (width > max) break;
    out += c.bytes;
  }
  return out;
}

// `text` ended with "…", cut so that the whole fits in `max` pixels.
std::string with_ellipsis(std::string_view text, double max, double size, bool bold = false) {
  std::string start = longest_start(text, max, size, bold, true);
  while (!start.empty() && start.back() == ' ') start.pop_back();
  return start + ellipsis;
}

// `text` on one line, cut with "…" when wider than `max` pixels.
std::string fit(std::string_view text, double max, double size, bool bold = false) {
  std::string line = one_line(text);
  if (text_width(line, size, bold) <= max) return line;
  return with_ellipsis(line, max, size, bold);
}

// `text` in lines of at most `max` pixels (the first `first_indent` narrower),
// broken between words, inside a word too long for a line; at most
// `max_lines`, the last ended with "…" when text is left over.
std::vector<std::string> wrap(std::string_view text, double max, double size, std::size_t max_lines,
                              double first_indent = 0) {
  const std::string flat = one_line(text);
  std::vector<std::string> lines;
  const auto room = [&] { return lines.empty() ? max - first_indent : max; };
  const auto fits = [&](std::string_view s) { return text_width(s, size) <= room(); };
  std::string line;
  bool full = false;
  std::size_t at = 0;
  while (at < flat.size() && !full) {
    std::size_t end = flat.find(' ', at);
    if (end == std::string::npos) end = flat.size();
    std::string word = flat.substr(at, end - at);
    at = end + 1;
    std::string joined = line;
    if (!joined.empty()) joined += ' ';
    joined += word;
    if (fits(joined)) {
      line = std::move(joined);
      continue;
    }
    if (!line.empty()) {
      lines.push_back(line);
      line.clear();
      if (lines.size() > max_lines) break;
    }
    while (!word.empty() && !fits(word)) {
      std::string start = longest_start(word, room(), size, false, false);
      if (start.empty()) start = std::string(characters(word).front().bytes);
      word.erase(0, start.size());
      lines.push_back(start);
      if (lines.size() > max_lines) {
        full = true;
        break;
      }
    }
    if (!full) line = word;
  }
  if (!full && !line.empty()) lines.push_back(line);
  if (at < flat.size()) full = true;
  if (lines.size() > max_lines) {
    lines.resize(max_lines);
    full = true;
  }
  if (full && !lines.empty()) {
    const double width = lines.size() == 1 ? max - first_indent : max;
    std::string& last = lines.back();
    if (text_width(last + ellipsis, size) <= width)
      last += ellipsis;
    else
      last = with_ellipsis(last, width, size);
  }
  return lines;
}

struct Font {
  double size = 12;
  bool bold = false;
  bool italic = false;
  const char* fill = ink;
  const char* anchor = "start";
  bool halo = false;  // a white outline under the letters, to read over lines
};

std::string text_attributes(double x, double y, const Font& f) {
  std::string out = fmt::format("x=\"{}\" y=\"{}\" font-size=\"{}\"", coord(x), coord(y), f.size);
  if (f.bold) out += " font-weight=\"bold\"";
  if (f.italic) out += " font-style=\"italic\"";
  out += fmt::format(" fill=\"{}\"", f.fill);
  if (std::string_view(f.anchor) != "start") out += fmt::format(" text-anchor=\"{}\"", f.anchor);
  if (f.halo)
    out +=
        " stroke=\"#ffffff\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\"";
  return out;
}

// One <text> of plain (unescaped) text.
std::string text_at(double x, double y, std::string_view text, const Font& f) {
  return fmt::format("<text {}>{}</text>\n", text_attributes(x, y, f), xml_escape(text));
}

// One <text> of a bold ref followed by plain text.
std::string ref_text_at(double x, double y, std::string_view ref, std::string_view text,
                        const Font& f) {
  return fmt::format("<text {}><tspan font-weight=\"bold\">{}</tspan>{}{}</text>\n",
                     text_attributes(x, y, f), xml_escape(ref), text.empty() ? "" : " ",
                     xml_escape(text));
}

std::string svg_open(double width, double height, const std::string& title) {
  return fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} "
      "{1}\" font-family=\"DejaVu Sans, Arial, sans-serif\">\n"
      "<title>{2}</title>\n<rect width=\"{0}\" height=\"{1}\" fill=\"#ffffff\"/>\n",
      coord(width), coord(height), xml_escape(one_line(title)));
}

// Arrow heads: "arrow" dark, "arrow-faded" grey.
std::string arrow_markers() {
  std::string out = "<defs>\n";
  for (const auto& [id, colour] : {std::pair{"arrow", "#333333"}, std::pair{"arrow-faded", faded}})
    out += fmt::format(
        "<marker id=\"{}\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" "
        "markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"{}\"/>"
        "</marker>\n",
        id, colour);
  return out + "</defs>\n";
}

struct Box {
  double left, top, right, bottom;
  bool overlaps(const Box& o) const {
    return left < o.right && o.left < right && top < o.bottom && o.top < bottom;
  }
};

// --- The ecosystem radar -----------------------------------------------------------

constexpr double radar_width = 920, radar_cx = 460, radar_cy = 416;
constexpr double radar_radius = 320;  // the rim
constexpr double radar_hole = 20;     // the most threatening dots stop this far from the centre
constexpr double legend_x = 40, legend_column = 440;

// Ring fill and ink of each zone, in the order of Zone (as the ecosystem map).
constexpr std::array<const char*, 4> zone_fill{"#f6c1bb", "#fddcb0", "#fff2b3", "#d8eed2"};
constexpr std::array<const char*, 4> zone_ink{"#b03a2e", "#c25e00", "#9a7d0a", "#1e7b45"};

// Dot colour of each band of reliability, the least reliable first.
constexpr std::array<const char*, 4> reliability_colour{"#a50f15", "#e6550d", "#3182bd", "#006d2c"};
constexpr std::array<const char*, 4> reliability_range{"1–3", "4–7", "8–11", "12–16"};

std::size_t reliability_band(int reliability) {
  return reliability >= 12 ? 3 : reliability >= 8 ? 2 : reliability >= 4 ? 1 : 0;
}

double dot_radius(int exposure) {
  return 3 + 2.25 * std::sqrt(static_cast<double>(std::clamp(exposure, 1, 16)));
}

// The radius of the outer edge of zone `band` (its inner edge is band - 1's).
// The rings are wider near the centre, where the arcs are short and the
// most threatening stakeholders crowd.
double ring_radius(std::size_t band) {
  static constexpr std::array<double, 4> share{0.32, 0.56, 0.78, 1.0};
  return radar_radius * share.at(band);
}

// The range of distances a zone's dots take: their centres a little inside
// the rings, so that no dot seems to sit on the wrong side of one.
std::pair<double, double> band_span(std::size_t band) {
  const double inner = band == 0 ? radar_hole : ring_radius(band - 1) + 5;
  const double outer = band == 3 ? radar_radius - 8 : ring_radius(band) - 5;
  return {inner, outer};
}

// The distance from the centre of a stakeholder of threat level `threat`:
// its zone's ring, and within the ring the threat on a log scale from the
// zone's upper threshold (inner edge) to its lower one (outer edge).
std::pair<std::size_t, double> distance_of(double threat, const ZoneThresholds& t) {
  const double top = std::max(16.0, t.danger * 2), bottom = std::min(1.0 / 16, t.watch / 2);
  if (std::isnan(threat)) threat = bottom;
  threat = std::clamp(threat, bottom, top);
  const auto band = static_cast<std::size_t>(zone_of(threat, t));
  const std::array<double, 5> limit{top, t.danger, t.control, t.watch, bottom};
  const double high = limit[band], low = limit[band + 1];
  double share = 0.5;
  if (threat > 0 && low > 0 && high > low)
    share = std::clamp((std::log(high) - std::log(threat)) / (std::log(high) - std::log(low)), 0.0,
                       1.0);
  const auto [inner, outer] = band_span(band);
  return {band, inner + share * (outer - inner)};
}

std::string threat_text(double threat, Lang lang) {
  return std::isfinite(threat) ? wording::decimal(threat, lang) : "?";
}

// The text of a zone's range: "≥ 2,5", "0,9 – 2,5", "< 0,2".
std::string zone_range(std::size_t band, const ZoneThresholds& t, Lang lang) {
  const auto d = [&](double v) { return wording::decimal(v, lang); };
  switch (band) {
    case 0:
      return fmt::format("≥ {}", d(t.danger));
    case 1:
      return fmt::format("{} – {}", d(t.control), d(t.danger));
    case 2:
      return fmt::format("{} – {}", d(t.watch), d(t.control));
    default:
      return fmt::format("< {}", d(t.watch));
  }
}

struct Dot {
  const RadarStakeholder* who;
  std::size_t band;
  double x, y, r;
  std::string label;
  bool label_left;  // the ref left of the dot, not right
};

}  // namespace

std::string ecosystem_radar_svg(const std::vector<RadarStakeholder>& stakeholders,
                                const ZoneThresholds& zone_thresholds, Lang lang,
                                const std::string& title) {
  const bool fr = lang == Lang::fr;
  const Vocabulary& categories = stakeholder_categories();
  const auto category_index = [&](const std::string& id) {
    for (std::size_t i = 0; i < categories.size(); ++i)
      if (categories[i].id == id) return i;
    for (std::size_t i = 0; i < categories.size(); ++i)
      if (categories[i].id == "other") return i;
    return categories.size() - 1;
  };

  // The sectors: the categories present, in the vocabulary's order.
  std::map<std::size_t, std::vector<const RadarStakeholder*>> by_category;
  for (const RadarStakeholder& s : stakeholders)
    by_category[category_index(s.category)].push_back(&s);
  const std::size_t sectors = by_category.size();
  const double pi = std::numbers::pi;
  const double span = sectors == 0 ? 2 * pi : 2 * pi / static_cast<double>(sectors);
  const double start = -pi / 2;  // the first sector begins at the top, then clockwise

  // What dots and refs must not cover: the zones' names on the upward radius.
  std::vector<Box> taken;
  struct RingLabel {
    double y;
    std::string name, range;
  };
  std::vector<RingLabel> ring_labels;
  for (std::size_t band = 0; band < 4; ++band) {
    const double inner = band == 0 ? 0 : ring_radius(band - 1);
    const double middle = (inner + ring_radius(band)) / 2;
    RingLabel label{radar_cy - middle, zones()[band].label.in(lang),
                    zone_range(band, zone_thresholds, lang)};
    const double half = std::max(text_width(label.name, 10), text_width(label.range, 10)) / 2 + 3;
    taken.push_back({radar_cx - half, label.y - 11, radar_cx + half, label.y + 15});
    ring_labels.push_back(std::move(label));
  }

  // The sectors' names, beyond the rim in the middle of their sector.
  struct SectorName {
    double x, y;
    const char* anchor;
    std::string text;
  };
  std::vector<SectorName> sector_names;
  for (const auto& [category, members] : by_category) {
    const double middle = start + span * (static_cast<double>(sector_names.size()) + 0.5);
    const double c = std::cos(middle), s = std::sin(middle);
    SectorName name{radar_cx + (radar_radius + 12) * c,
                    radar_cy + (radar_radius + 12) * s + 5 + 8 * s,
                    c > 0.25    ? "start"
                    : c < -0.25 ? "end"
                                : "middle",
                    fmt::format("{} ({})", categories[category].label.in(lang), members.size())};
    const double w = text_width(name.text, 13, true);
    const double left = c > 0.25 ? name.x : c < -0.25 ? name.x - w : name.x - w / 2;
    taken.push_back({left - 2, name.y - 13, left + w + 2, name.y + 4});
    sector_names.push_back(std::move(name));
  }

  // Each sector's dots, nearest the centre first, spread from the sector's
  // middle along the arc, then a little nearer or further within the zone,
  // the ref right of the dot or else left of it: the first place where
  // neither the dot nor its ref covers anything drawn, or where they cover
  // the least.
  std::vector<Dot> dots;
  std::size_t sector = 0;
  for (auto& [category, members] : by_category) {
    const double middle = start + span * (static_cast<double>(sector) + 0.5);
    ++sector;
    std::vector<std::pair<const RadarStakeholder*, std::pair<std::size_t, double>>> order;
    for (const RadarStakeholder* s : members)
      order.push_back({s, distance_of(s->threat, zone_thresholds)});
    std::stable_sort(order.begin(), order.end(), [](const auto& a, const auto& b) {
      if (a.second.second != b.second.second) return a.second.second < b.second.second;
      return wording::ref_less(a.first->ref, b.first->ref);
    });
    for (const auto& [who, place] : order) {
      const auto [band, distance] = place;
      Dot dot{who,  band, 0, 0, dot_radius(who->exposure), fit(who->ref, 110, 10, who->critical),
              false};
      const double label_width = text_width(dot.label, 10, who->critical) + 2;
      const auto boxes = [&](double x, double y, bool left) {
        const double from = left ? x - dot.r - 4 - label_width : x + dot.r + 3;
        return std::array<Box, 2>{Box{x - dot.r - 1, y - dot.r - 1, x + dot.r + 1, y + dot.r + 1},
                                  Box{from, y - 7, from + label_width, y + 5}};
      };
      // What a place covers: the area under the dot and its ref, and more
      // than anything else the ref going off the figure.
      const auto covered = [&](double x, double y, bool left) {
        const auto mine = boxes(x, y, left);
        double area = 0;
        if (mine[1].left < 4 || mine[1].right > radar_width - 4) area += 1e6;
        for (const Box& b : mine)
          for (const Box& t : taken)
            if (b.overlaps(t))
              area += (std::min(b.right, t.right) - std::max(b.left, t.left)) *
                      (std::min(b.bottom, t.bottom) - std::max(b.top, t.top));
        return area;
      };
      const auto [inner, outer] = band_span(band);
      double best = std::numeric_limits<double>::infinity();
      double x = radar_cx + distance * std::cos(middle), y = radar_cy + distance * std::sin(middle);
      for (int shift = 0; shift <= 40 && best > 0; ++shift) {
        const int steps_away = (shift + 1) / 2;  // 0, 1, 1, 2, 2…: outward, then inward
        const double d = distance + (shift % 2 == 1 ? 4 : -4) * steps_away;
        if (d < inner || d > outer) continue;
        const double margin = sectors > 1 ? std::asin(std::min(1.0, (dot.r + 2) / d)) : 0.05;
        const double half = std::max(0.0, span / 2 - margin);
        const double step = std::max(5 / d, half / 40);
        for (int k = 0; static_cast<double>(k) * step <= half && best > 0; ++k)
          for (const int sign : {1, -1}) {
            if (k == 0 && sign == -1) continue;
            const double angle = middle + sign * static_cast<double>(k) * step;
            const double cx = radar_cx + d * std::cos(angle), cy = radar_cy + d * std::sin(angle);
            for (const bool left : {false, true}) {
              const double area = covered(cx, cy, left);
              if (area < best) best = area, x = cx, y = cy, dot.label_left = left;
              if (best <= 0) break;
            }
            if (best <= 0) break;
          }
      }
      dot.x = x, dot.y = y;
      for (const Box& b : boxes(x, y, dot.label_left)) taken.push_back(b);
      dots.push_back(std::move(dot));
    }
  }

  // The legend's height: three rows of keys, then the stakeholders' names in two columns.
  const double legend_top = radar_cy + radar_radius + 52;
  const std::vector<std::string> distance_note =
      wrap(fr ? "Distance au centre" + wording::colon(lang) +
                    "plus une partie prenante est proche du centre, plus elle est menaçante "
                    "(menace = exposition / fiabilité). Au-delà de l’échelle, elle est placée à "
                    "son bord."
              : "Distance from the centre" + wording::colon(lang) +
                    "the nearer the centre, the more threatening the stakeholder (threat = "
                    "exposure / reliability). Beyond the scale, it is placed at its edge.",
           radar_width - 2 * legend_x, 11, 3);
  const double keys_top = legend_top + 16 * static_cast<double>(distance_note.size()) + 12;
  const double names_top = keys_top + 110;
  std::vector<const RadarStakeholder*> listed;
  listed.reserve(stakeholders.size());
  for (const RadarStakeholder& s : stakeholders) listed.push_back(&s);
  std::stable_sort(listed.begin(), listed.end(),
                   [](const auto* a, const auto* b) { return wording::ref_less(a->ref, b->ref); });
  const std::size_t name_rows = (listed.size() + 1) / 2;
  const double height =
      names_top + (listed.empty() ? 0 : 24 + 18 * static_cast<double>(name_rows)) + 16;

  std::string out = svg_open(radar_width, height, title);
  out += text_at(radar_width / 2, 32, fit(title, radar_width - 40, 18, true),
                 {.size = 18, .bold = true, .anchor = "middle"});

  // The zones, outermost first, each ring over the one outside it.
  for (std::size_t band = 4; band-- > 0;)
    out += fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{}\" stroke=\"none\"/>\n",
                       coord(radar_cx), coord(radar_cy), coord(ring_radius(band)), zone_fill[band]);
  if (sectors > 1)
    for (std::size_t i = 0; i < sectors; ++i) {
      const double angle = start + span * static_cast<double>(i);
      out += fmt::format(
          "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#8a8a8a\" stroke-width=\"1\"/>\n",
          coord(radar_cx), coord(radar_cy), coord(radar_cx + radar_radius * std::cos(angle)),
          coord(radar_cy + radar_radius * std::sin(angle)));
    }
  for (std::size_t band = 0; band < 4; ++band)
    out += fmt::format(
        "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"none\" stroke=\"{}\" "
        "stroke-width=\"{}\"{}/>\n",
        coord(radar_cx), coord(radar_cy), coord(ring_radius(band)),
        band == 3 ? "#555555" : "#7a7a7a", band == 3 ? "1.5" : "1.2",
        band == 3 ? "" : " stroke-dasharray=\"6 4\"");
  for (std::size_t band = 0; band < 4; ++band) {
    const RingLabel& label = ring_labels[band];
    const Font font{
        .size = 10, .italic = true, .fill = zone_ink[band], .anchor = "middle", .halo = true};
    out += text_at(radar_cx, label.y, label.name, font);
    out += text_at(radar_cx, label.y + 12, label.range, font);
  }

  // The sectors' names beyond the rim.
  for (const SectorName& name : sector_names)
    out += text_at(name.x, name.y, name.text, {.size = 13, .bold = true, .anchor = name.anchor});
  if (stakeholders.empty())
    out += text_at(radar_cx, radar_cy + 4, fr ? "Aucune partie prenante" : "No stakeholder",
                   {.size = 13, .italic = true, .fill = muted, .anchor = "middle", .halo = true});

  // The dots, over everything else.
  for (const Dot& dot : dots) {
    const RadarStakeholder& s = *dot.who;
    out += fmt::format(
        "<g>\n<title>{}</title>\n",
        xml_escape(fmt::format("{} — {} — {}{}{} {} · {} {} · {} {}{}", one_line(s.ref),
                               one_line(s.name), zones()[dot.band].label.in(lang),
                               wording::colon(lang), fr ? "menace" : "threat",
                               threat_text(s.threat, lang), fr ? "exposition" : "exposure",
                               s.exposure, fr ? "fiabilité" : "reliability", s.reliability,
                               s.critical ? (fr ? " · critique" : " · critical") : "")));
    out += fmt::format(
        "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{}\" stroke=\"{}\" stroke-width=\"{}\"/>\n",
        coord(dot.x), coord(dot.y), coord(dot.r),
        reliability_colour[reliability_band(s.reliability)], s.critical ? ink : "#ffffff",
        s.critical ? "3" : "1.5");
    out += text_at(
        dot.label_left ? dot.x - dot.r - 4 : dot.x + dot.r + 4, dot.y + 3.5, dot.label,
        {.size = 10, .bold = s.critical, .anchor = dot.label_left ? "end" : "start", .halo = true});
    out += "</g>\n";
  }

  // The legend: distance, size, colour, critical mark; then the names.
  for (std::size_t i = 0; i < distance_note.size(); ++i)
    out +=
        text_at(legend_x, legend_top + 16 * static_cast<double>(i), distance_note[i], {.size = 11});
  out += text_at(
      legend_x, keys_top + 12,
      (fr ? "Taille" : "Size") + wording::colon(lang) +
          (fr ? "exposition (dépendance × pénétration)" : "exposure (dependency × penetration)"),
      {.size = 11, .bold = true});
  double x = legend_x + 14;
  for (const int exposure : {1, 4, 9, 16}) {
    const double r = dot_radius(exposure);
    out += fmt::format(
        "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"#8a8a8a\" stroke=\"#ffffff\" "
        "stroke-width=\"1.5\"/>\n",
        coord(x), coord(keys_top + 40), coord(r));
    out += text_at(x + r + 4, keys_top + 44, std::to_string(exposure), {.size = 11});
    x += 2 * r + 42;
  }
  out += text_at(legend_x + legend_column, keys_top + 12,
                 (fr ? "Couleur" : "Colour") + wording::colon(lang) +
                     (fr ? "fiabilité (maturité × confiance)" : "reliability (maturity × trust)"),
                 {.size = 11, .bold = true});
  for (std::size_t band = 0; band < 4; ++band) {
    const double cx = legend_x + legend_column + 10 + 92 * static_cast<double>(band);
    out += fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"7\" fill=\"{}\"/>\n", coord(cx),
                       coord(keys_top + 40), reliability_colour[band]);
    out += text_at(cx + 12, keys_top + 44, reliability_range[band], {.size = 11});
  }
  out += fmt::format(
      "<circle cx=\"{}\" cy=\"{}\" r=\"8\" fill=\"#8a8a8a\" stroke=\"{}\" stroke-width=\"3\"/>\n",
      coord(legend_x + 10), coord(keys_top + 78), ink);
  out += text_at(legend_x + 24, keys_top + 82, fr ? "PP" : "SH", {.size = 10, .bold = true});
  out += text_at(legend_x + 50, keys_top + 82,
                 fr ? "Partie prenante critique (contour épais, référence en gras)"
                    : "Critical stakeholder (thick outline, ref in bold)",
                 {.size = 11});

  if (!listed.empty()) {
    out += text_at(legend_x, names_top + 12, fr ? "Parties prenantes" : "Stakeholders",
                   {.size = 12, .bold = true});
    for (std::size_t i = 0; i < listed.size(); ++i) {
      const RadarStakeholder& s = *listed[i];
      const double column = legend_x + (i < name_rows ? 0 : legend_column);
      const double y = names_top + 32 + 18 * static_cast<double>(i % name_rows);
      const std::string ref = fit(s.ref, 110, 11, true);
      out += ref_text_at(column, y, ref,
                         fit(s.name, legend_column - 24 - text_width(ref, 11, true), 11),
                         {.size = 11});
    }
  }
  return out + "</svg>\n";
}

// --- The graph of a strategic scenario ------------------------------------------

namespace {

constexpr double graph_margin = 30;
constexpr double origin_width = 200, node_width = 160, node_height = 58, target_width = 270;
constexpr double arrow_gap = 80, row_pitch = 84, graph_top = 96;

struct Colours {
  const char* fill;
  const char* stroke;
};
constexpr Colours origin_colours{"#fdecea", "#a93226"}, node_colours{"#eaf2fb", "#2e6da4"},
    faded_colours{"#f4f4f4", faded}, target_colours{"#fef5e7", "#b9770e"};

std::string box_at(const Box& b, const Colours& c, bool dashed = false) {
  return fmt::format(
      "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"6\" fill=\"{}\" stroke=\"{}\" "
      "stroke-width=\"1.5\"{}/>\n",
      coord(b.left), coord(b.top), coord(b.right - b.left), coord(b.bottom - b.top), c.fill,
      c.stroke, dashed ? " stroke-dasharray=\"5 3\"" : "");
}

std::string arrow(double x1, double y1, double x2, double y2, bool retained) {
  return fmt::format(
      "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"1.5\"{} "
      "marker-end=\"url(#{})\"/>\n",
      coord(x1), coord(y1), coord(x2), coord(y2), retained ? "#333333" : faded,
      retained ? "" : " stroke-dasharray=\"6 4\"", retained ? "arrow" : "arrow-faded");
}

// A line of a box's text: its ref (bold) beginning the first line.
struct Line {
  std::string ref, text;
  Font font;
  double space_before = 0;  // between sections
};

// A node's ref then its label, wrapped to `width`.
void node_lines(std::vector<Line>& lines, const GraphNode& node, double width,
                std::size_t max_lines, double size, const char* fill = ink) {
  const std::string ref = fit(node.ref, std::min(width, 110.0), size, true);
  const double indent = ref.empty() ? 0 : text_width(ref + " ", size, true);
  const auto wrapped = wrap(node.label, width, size, max_lines, indent);
  if (wrapped.empty()) {
    lines.push_back({ref, "", {.size = size, .fill = fill}});
    return;
  }
  for (std::size_t i = 0; i < wrapped.size(); ++i)
    lines.push_back({i == 0 ? ref : "", wrapped[i], {.size = size, .fill = fill}});
}

double lines_height(const std::vector<Line>& lines) {
  double h = 0;
  for (const Line& l : lines) h += l.space_before + l.font.size + 5;
  return h;
}

// The lines, the first baseline at `top` plus its size.
std::string draw_lines(const std::vector<Line>& lines, double x, double top) {
  std::string out;
  double y = top;
  for (const Line& l : lines) {
    y += l.space_before + l.font.size + 1;
    out += l.ref.empty() ? text_at(x, y, l.text, l.font) : ref_text_at(x, y, l.ref, l.text, l.font);
    y += 4;
  }
  return out;
}

}  // namespace

std::string strategic_graph_svg(const StrategicGraph& graph, Lang lang) {
  const bool fr = lang == Lang::fr;
  std::size_t columns = 0;
  for (const StrategicPath& p : graph.paths) columns = std::max(columns, p.stakeholders.size());
  const double origin_right = graph_margin + origin_width;
  const auto column_left = [&](std::size_t i) {
    return origin_right + arrow_gap + static_cast<double>(i) * (node_width + arrow_gap);
  };
  const double target_left = columns == 0 ? origin_right + 3 * arrow_gap : column_left(columns);
  const double width = target_left + target_width + graph_margin;

  // The two side boxes' text.
  std::vector<Line> origin;
  node_lines(origin, graph.origin, origin_width - 20, 7, 12);
  std::vector<Line> target;
  const double target_text = target_width - 20;
  std::vector<const GraphNode*> values{&graph.business_value};
  for (const GraphNode& v : graph.other_business_values) values.push_back(&v);
  target.push_back({"",
                    values.size() > 1 ? (fr ? "Valeurs métier" : "Business values")
                                      : (fr ? "Valeur métier" : "Business value"),
                    {.size = 10, .italic = true, .fill = muted}});
  for (const GraphNode* v : values) node_lines(target, *v, target_text, 2, 12);
  target.push_back({"",
                    fr ? "Événements redoutés" : "Feared events",
                    {.size = 10, .italic = true, .fill = muted},
                    8});
  for (const GraphNode& e : graph.feared_events) node_lines(target, e, target_text, 3, 11);
  if (graph.feared_events.empty())
    target.push_back({"", fr ? "aucun" : "none", {.size = 11, .fill = muted}});
  if (!one_line(graph.gravity).empty())
    target.push_back({"",
                      fit((fr ? "Gravité" : "Severity") + wording::colon(lang) + graph.gravity,
                          target_text, 12, true),
                      {.size = 12, .bold = true, .fill = "#a93226"},
                      8});

  const std::size_t rows = std::max<std::size_t>(graph.paths.size(), 1);
  const double rows_height = static_cast<double>(rows) * row_pitch;
  const double body = std::max({rows_height, lines_height(origin) + 24, lines_height(target) + 24});
  const double rows_top = graph_top + (body - rows_height) / 2;
  const double legend_top = graph_top + body + 28;
  const double height = legend_top + 30;

  const std::string heading =
      one_line(graph.title).empty() ? graph.ref : graph.ref + " — " + graph.title;
  std::string out = svg_open(width, height, heading);
  out += arrow_markers();
  out += text_at(width / 2, 32, fit(heading, width - 40, 18, true),
                 {.size = 18, .bold = true, .anchor = "middle"});

  // Column heads.
  const Font head{.size = 11, .bold = true, .fill = muted, .anchor = "middle"};
  const auto head_lines = [&](double centre, double room, std::string_view text) {
    const auto lines = wrap(text, room, 11, 2);
    std::string s;
    for (std::size_t i = 0; i < lines.size(); ++i)
      s += text_at(centre,
                   graph_top - 30 + 14 * static_cast<double>(i) + (lines.size() == 1 ? 7 : 0),
                   lines[i], head);
    return s;
  };
  out += head_lines(graph_margin + origin_width / 2, origin_width,
                    fr ? "Source de risque / objectif visé" : "Risk origin / target objective");
  out += head_lines((origin_right + target_left) / 2, target_left - origin_right - 20,
                    fr ? "Parties prenantes (chemins d’attaque)" : "Stakeholders (attack paths)");
  out +=
      head_lines(target_left + target_width / 2, target_width,
                 fr ? "Événements redoutés et valeur métier" : "Feared events and business value");

  // The side boxes, as tall as the rows, their text in the middle.
  out += box_at({graph_margin, graph_top, origin_right, graph_top + body}, origin_colours);
  out += draw_lines(origin, graph_margin + 10, graph_top + (body - lines_height(origin)) / 2);
  out += box_at({target_left, graph_top, target_left + target_width, graph_top + body},
                target_colours);
  out += draw_lines(target, target_left + 10, graph_top + (body - lines_height(target)) / 2);

  if (graph.paths.empty())
    out += text_at((origin_right + target_left) / 2, rows_top + row_pitch / 2 + 4,
                   fr ? "Aucun chemin d’attaque" : "No attack path",
                   {.size = 12, .italic = true, .fill = muted, .anchor = "middle"});

  // One row per path: its stakeholders left to right, arrows between.
  for (std::size_t row = 0; row < graph.paths.size(); ++row) {
    const StrategicPath& path = graph.paths[row];
    const double y = rows_top + row_pitch * (static_cast<double>(row) + 0.5);
    const char* ref_fill = path.retained ? ink : faded;
    std::vector<std::string> through;
    for (const GraphNode& node : path.stakeholders) through.push_back(one_line(node.ref));
    out += fmt::format(
        "<g>\n<title>{}</title>\n",
        xml_escape(fmt::format(
            "{} — {}{}", one_line(path.ref),
            through.empty() ? (fr ? "attaque directe" : "direct attack") : join(through, " → "),
            path.retained ? "" : (fr ? " (non retenu)" : " (not retained)"))));
    double from = origin_right;
    for (std::size_t i = 0; i < path.stakeholders.size(); ++i) {
      const double left = column_left(i);
      out += arrow(from, y, left, y, path.retained);
      const Box box{left, y - node_height / 2, left + node_width, y + node_height / 2};
      out += box_at(box, path.retained ? node_colours : faded_colours, !path.retained);
      const GraphNode& node = path.stakeholders[i];
      const char* fill = path.retained ? ink : faded;
      out += text_at(left + 8, box.top + 17, fit(node.ref, node_width - 16, 12, true),
                     {.size = 12, .bold = true, .fill = fill});
      const auto label = wrap(node.label, node_width - 16, 10, 2);
      for (std::size_t l = 0; l < label.size(); ++l)
        out += text_at(left + 8, box.top + 32 + 13 * static_cast<double>(l), label[l],
                       {.size = 10, .fill = fill});
      from = left + node_width;
    }
    out += arrow(from, y, target_left, y, path.retained);
    // The path's ref over its first arrow (the whole way for a direct attack).
    const double first_end = path.stakeholders.empty() ? target_left : column_left(0);
    const std::string label =
        path.stakeholders.empty()
            ? fmt::format("{} · {}", one_line(path.ref), fr ? "attaque directe" : "direct attack")
            : one_line(path.ref);
    out += text_at((origin_right + first_end) / 2, y - 7,
                   fit(label, first_end - origin_right - 14, 11, true),
                   {.size = 11, .bold = true, .fill = ref_fill, .anchor = "middle", .halo = true});
    out += "</g>\n";
  }

  // The legend.
  out += arrow(graph_margin, legend_top, graph_margin + 50, legend_top, true);
  out += text_at(graph_margin + 58, legend_top + 4,
                 fr ? "chemin d’attaque retenu" : "attack path retained", {.size = 11});
  const double second = graph_margin + 60 +
                        text_width(fr ? "chemin d’attaque retenu" : "attack path retained", 11) +
                        30;
  out += arrow(second, legend_top, second + 50, legend_top, false);
  out += text_at(second + 58, legend_top + 4, fr ? "chemin non retenu" : "path not retained",
                 {.size = 11});
  return out + "</svg>\n";
}

// --- The attack sequence of an operational scenario ------------------------------

namespace {

constexpr double sequence_margin = 30, column_pitch = 280, phase_width = 230;
constexpr double step_width = 200, step_height = 92, slot_pitch = 112, sequence_top = 112;
constexpr std::array<const char*, 4> phase_fr{"Connaître", "Rentrer", "Trouver", "Exploiter"};
constexpr std::array<const char*, 4> phase_en{"Know", "Enter", "Find", "Exploit"};

std::size_t phase_of(const AttackStep& s) {
  return static_cast<std::size_t>(std::clamp(s.phase, 0, 3));
}
double step_left(std::size_t phase) {
  return sequence_margin + static_cast<double>(phase) * column_pitch +
         (phase_width - step_width) / 2;
}

}  // namespace

std::string attack_sequence_svg(const std::string& title, const std::string& likelihood,
                                const std::vector<AttackStep>& steps, Lang lang) {
  const bool fr = lang == Lang::fr;
  const double width = 2 * sequence_margin + 3 * column_pitch + phase_width;

  // Each step's antecedents, as indexes: refs of no step, repeats and the
  // step itself left out.
  std::map<std::string, std::size_t, std::less<>> index;
  for (std::size_t i = 0; i < steps.size(); ++i) index.emplace(steps[i].ref, i);
  std::vector<std::vector<std::size_t>> antecedents(steps.size());
  for (std::size_t i = 0; i < steps.size(); ++i)
    for (const std::string& ref : steps[i].after) {
      const auto found = index.find(ref);
      if (found == index.end() || found->second == i) continue;
      auto& list = antecedents[i];
      if (std::find(list.begin(), list.end(), found->second) == list.end())
        list.push_back(found->second);
    }

  // Slots: phase by phase, in the given order, each step in the free slot
  // nearest the mean of its placed antecedents' slots (the first free one
  // when none is placed).
  std::vector<std::size_t> order(steps.size());
  for (std::size_t i = 0; i < steps.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return phase_of(steps[a]) < phase_of(steps[b]);
  });
  std::vector<std::optional<std::size_t>> slot(steps.size());
  std::array<std::vector<bool>, 4> used;
  std::size_t slots = 1;
  for (const std::size_t i : order) {
    double sum = 0;
    std::size_t placed = 0;
    for (const std::size_t a : antecedents[i])
      if (slot[a]) sum += static_cast<double>(*slot[a]), ++placed;
    const auto wanted =
        placed == 0 ? std::size_t{0}
                    : static_cast<std::size_t>(std::floor(sum / static_cast<double>(placed) + 0.5));
    auto& column = used[phase_of(steps[i])];
    const auto is_free = [&](std::size_t s) { return s >= column.size() || !column[s]; };
    std::size_t chosen = wanted;
    for (std::size_t d = 0;; ++d) {
      if (is_free(wanted + d)) {
        chosen = wanted + d;
        break;
      }
      if (d <= wanted && is_free(wanted - d)) {
        chosen = wanted - d;
        break;
      }
    }
    if (column.size() <= chosen) column.resize(chosen + 1, false);
    column[chosen] = true;
    slot[i] = chosen;
    slots = std::max(slots, chosen + 1);
  }
  const auto top_of = [&](std::size_t i) {
    return sequence_top + static_cast<double>(*slot[i]) * slot_pitch;
  };
  const auto middle_of = [&](std::size_t i) { return top_of(i) + step_height / 2; };

  const std::string and_text = fr ? "ET" : "AND", or_text = fr ? "OU" : "OR";
  const std::vector<std::string> notes{
      fr ? "Pr" + wording::colon(lang) +
               "probabilité de succès de l’action élémentaire (1 à 4) · Diff" +
               wording::colon(lang) + "difficulté technique · Pr cumulée" + wording::colon(lang) +
               "probabilité de succès du chemin jusqu’à l’action"
         : "Pr" + wording::colon(lang) +
               "success probability of the elementary action (1 to 4) · Diff" +
               wording::colon(lang) + "technical difficulty · Cumulative Pr" +
               wording::colon(lang) + "success probability of the path up to the action",
      fr ? and_text + wording::colon(lang) + "toutes les actions qui y mènent sont nécessaires · " +
               or_text + wording::colon(lang) + "l’une d’elles suffit"
         : and_text + wording::colon(lang) + "every action leading to it is needed · " + or_text +
               wording::colon(lang) + "any one of them is enough"};
  std::vector<std::string> note_lines;
  for (const std::string& note : notes)
    for (std::string& line : wrap(note, width - 2 * sequence_margin, 11, 2))
      note_lines.push_back(std::move(line));
  const double columns_bottom = sequence_top + static_cast<double>(slots) * slot_pitch;
  const double notes_top = columns_bottom + 28;
  const double height = notes_top + 16 * static_cast<double>(note_lines.size()) + 10;

  std::string out = svg_open(width, height, title);
  out += arrow_markers();
  out += text_at(width / 2, 32, fit(title, width - 40, 18, true),
                 {.size = 18, .bold = true, .anchor = "middle"});
  if (!one_line(likelihood).empty())
    out += text_at(width / 2, 54, fit(likelihood, width - 40, 13),
                   {.size = 13, .fill = muted, .anchor = "middle"});

  // The four columns, headed.
  for (std::size_t phase = 0; phase < 4; ++phase) {
    const double left = sequence_margin + static_cast<double>(phase) * column_pitch;
    out += fmt::format(
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#f4f6f9\" stroke=\"none\"/>\n",
        coord(left), coord(sequence_top - 44), coord(phase_width),
        coord(columns_bottom - sequence_top + 44));
    out += fmt::format(
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"30\" fill=\"#dde5ef\" stroke=\"none\"/>\n",
        coord(left), coord(sequence_top - 44), coord(phase_width));
    out += text_at(left + phase_width / 2, sequence_top - 24,
                   fmt::format("{}. {}", phase + 1, fr ? phase_fr[phase] : phase_en[phase]),
                   {.size = 13, .bold = true, .anchor = "middle"});
  }
  if (steps.empty())
    out += text_at(width / 2, sequence_top + slot_pitch / 2,
                   fr ? "Aucune action élémentaire" : "No elementary action",
                   {.size = 12, .italic = true, .fill = muted, .anchor = "middle"});

  // The arrows, under the boxes; where two antecedents or more meet, a badge.
  struct Join {
    double x, y;
    bool all;
  };
  std::vector<Join> joins;
  const auto curve = [](double x1, double y1, double c1, double c2, double x2, double y2,
                        bool head) {
    return fmt::format(
        "<path d=\"M{},{} C{},{} {},{} {},{}\" fill=\"none\" stroke=\"#333333\" "
        "stroke-width=\"1.5\"{}/>\n",
        coord(x1), coord(y1), coord(c1), coord(y1), coord(c2), coord(y2), coord(x2), coord(y2),
        head ? " marker-end=\"url(#arrow)\"" : "");
  };
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const auto& list = antecedents[i];
    if (list.empty()) continue;
    const std::size_t phase = phase_of(steps[i]);
    const double left = step_left(phase), y = middle_of(i);
    const bool joined = list.size() > 1;
    const double end_x = joined ? left - 30 : left;
    for (const std::size_t a : list) {
      const std::size_t from_phase = phase_of(steps[a]);
      const double a_left = step_left(from_phase), a_y = middle_of(a);
      if (from_phase < phase) {
        const double x1 = a_left + step_width, bend = std::max(20.0, (end_x - x1) / 2);
        out += curve(x1, a_y, x1 + bend, end_x - bend, end_x, y, !joined);
      } else if (from_phase == phase && !joined) {
        // Within a column: straight down (or up) from one box to the other.
        const bool down = *slot[a] < *slot[i];
        const double x = left + step_width / 2;
        out += fmt::format(
            "<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#333333\" "
            "stroke-width=\"1.5\" marker-end=\"url(#arrow)\"/>\n",
            coord(x), coord(down ? top_of(a) + step_height : top_of(a)),
            coord(down ? top_of(i) : top_of(i) + step_height));
      } else {
        out += curve(a_left, a_y, a_left - 40, end_x - 40, end_x, y, !joined);
      }
    }
    if (joined) {
      out += fmt::format(
          "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#333333\" stroke-width=\"1.5\" "
          "marker-end=\"url(#arrow)\"/>\n",
          coord(end_x), coord(y), coord(left), coord(y));
      joins.push_back({end_x, y, steps[i].all});
    }
  }
  for (const Join& j : joins) {
    out += fmt::format(
        "<rect x=\"{}\" y=\"{}\" width=\"32\" height=\"16\" rx=\"8\" fill=\"{}\" stroke=\"{}\" "
        "stroke-width=\"1.2\"/>\n",
        coord(j.x - 16), coord(j.y - 8), j.all ? "#fdecea" : "#eaf2fb",
        j.all ? "#a93226" : "#2e6da4");
    out += text_at(j.x, j.y + 3.5, j.all ? and_text : or_text,
                   {.size = 9, .bold = true, .anchor = "middle"});
  }

  // The steps.
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const AttackStep& s = steps[i];
    const double left = step_left(phase_of(s)), top = top_of(i);
    out += fmt::format("<g>\n<title>{}</title>\n",
                       xml_escape(one_line(s.ref) + " — " + one_line(s.label)));
    out += fmt::format(
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"6\" fill=\"#ffffff\" "
        "stroke=\"#2e6da4\" stroke-width=\"1.5\"/>\n",
        coord(left), coord(top), coord(step_width), coord(step_height));
    std::vector<std::string> rating;
    if (s.probability > 0) rating.push_back(fmt::format("Pr {}", s.probability));
    if (s.difficulty) rating.push_back(fmt::format("Diff {}", *s.difficulty));
    const std::string rating_text = fit(join(rating, " · "), step_width - 70, 11);
    out += text_at(left + step_width - 10, top + 18, rating_text,
                   {.size = 11, .fill = "#2e6da4", .anchor = "end"});
    out += text_at(left + 10, top + 18,
                   fit(s.ref, step_width - 28 - text_width(rating_text, 11), 12, true),
                   {.size = 12, .bold = true});
    const auto label = wrap(s.label, step_width - 20, 11, 3);
    for (std::size_t l = 0; l < label.size(); ++l)
      out += text_at(left + 10, top + 35 + 14 * static_cast<double>(l), label[l], {.size = 11});
    if (s.cumulative > 0)
      out += text_at(left + 10, top + step_height - 8,
                     fmt::format("{} {}", fr ? "Pr cumulée" : "Cumulative Pr", s.cumulative),
                     {.size = 9, .fill = muted});
    out += "</g>\n";
  }

  for (std::size_t i = 0; i < note_lines.size(); ++i)
    out += text_at(sequence_margin, notes_top + 16 * static_cast<double>(i), note_lines[i],
                   {.size = 11, .fill = muted});
  return out + "</svg>\n";
}

}  // namespace riskmap
