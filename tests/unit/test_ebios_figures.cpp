#include <doctest/doctest.h>

#include <cmath>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "report/ebios_figures.hpp"
#include "text.hpp"

using namespace riskmap;

namespace {

// --- A small XML reader: checks that a document is well-formed -----------------

struct Element {
  std::string name;
  std::map<std::string, std::string> attributes;
  std::vector<Element> children;
  std::string text;  // the character data directly inside, entities decoded
};

class XmlReader {
 public:
  explicit XmlReader(std::string_view xml) : xml_(xml) {}

  // The root element; throws std::runtime_error where the document is not
  // well-formed XML 1.0 (the parts SVG uses: no DTD, no CDATA).
  Element document() {
    skip_misc();
    if (xml_.substr(at_, 5) == "<?xml") {
      const auto end = xml_.find("?>", at_);
      if (end == std::string_view::npos) fail("unfinished declaration");
      at_ = end + 2;
      skip_misc();
    }
    Element root = element();
    skip_misc();
    if (at_ != xml_.size()) fail("content after the root element");
    return root;
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw std::runtime_error(what + " at byte " + std::to_string(at_));
  }
  bool starts(std::string_view s) const { return xml_.substr(at_, s.size()) == s; }
  static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
  void skip_space() {
    while (at_ < xml_.size() && is_space(xml_[at_])) ++at_;
  }
  void skip_misc() {
    for (;;) {
      skip_space();
      if (!starts("<!--")) return;
      const auto end = xml_.find("-->", at_ + 4);
      if (end == std::string_view::npos) fail("unfinished comment");
      at_ = end + 3;
    }
  }
  static bool is_xml_char(char32_t c) {
    if (c == 0x9 || c == 0xA || c == 0xD) return true;
    if (c < 0x20) return false;
    if (c >= 0xD800 && c <= 0xDFFF) return false;
    return c != 0xFFFE && c != 0xFFFF && c <= 0x10FFFF;
  }
  // One character of text, checked, appended to `out`.
  void character(std::string& out) {
    const std::size_t start = at_;
    const auto c = decode_utf8(xml_, at_);
    if (!c) fail("invalid UTF-8");
    if (!is_xml_char(*c)) fail("character not allowed in XML");
    out.append(xml_.substr(start, at_ - start));
  }
  static void append_utf8(std::string& out, char32_t c) {
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else if (c < 0x800) {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      out += static_cast<char>(0xE0 | (c >> 12));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (c >> 18));
      out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  void reference(std::string& out) {
    const auto end = xml_.find(';', at_);
    if (end == std::string_view::npos || end - at_ > 12) fail("unfinished reference");
    const std::string_view entity = xml_.substr(at_ + 1, end - at_ - 1);
    static const std::map<std::string_view, char> named{
        {"lt", '<'}, {"gt", '>'}, {"amp", '&'}, {"quot", '"'}, {"apos", '\''}};
    if (const auto found = named.find(entity); found != named.end()) {
      out += found->second;
    } else if (entity.size() > 1 && entity[0] == '#') {
      const bool hex = entity[1] == 'x';
      const std::string digits(entity.substr(hex ? 2 : 1));
      if (digits.empty() || digits.find_first_not_of(hex ? "0123456789abcdefABCDEF"
                                                         : "0123456789") != std::string::npos)
        fail("bad character reference");
      const auto value = std::stoul(digits, nullptr, hex ? 16 : 10);
      if (!is_xml_char(static_cast<char32_t>(value))) fail("reference to a forbidden character");
      append_utf8(out, static_cast<char32_t>(value));
    } else {
      fail("unknown entity");
    }
    at_ = end + 1;
  }
  std::string name() {
    const std::size_t start = at_;
    const auto name_char = [](char c, bool first) {
      const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
      return first ? letter : letter || (c >= '0' && c <= '9') || c == '-' || c == '.';
    };
    while (at_ < xml_.size() && name_char(xml_[at_], at_ == start)) ++at_;
    if (at_ == start) fail("name expected");
    return std::string(xml_.substr(start, at_ - start));
  }
  Element element() {
    if (!starts("<")) fail("element expected");
    ++at_;
    Element e;
    e.name = name();
    for (;;) {
      const std::size_t before = at_;
      skip_space();
      if (starts("/>")) {
        at_ += 2;
        return e;
      }
      if (starts(">")) {
        ++at_;
        break;
      }
      if (at_ == before) fail("space expected before an attribute");
      const std::string attribute = name();
      skip_space();
      if (!starts("=")) fail("'=' expected");
      ++at_;
      skip_space();
      if (at_ >= xml_.size() || (xml_[at_] != '"' && xml_[at_] != '\'')) fail("quote expected");
      const char quote = xml_[at_++];
      std::string value;
      while (at_ < xml_.size() && xml_[at_] != quote) {
        if (xml_[at_] == '<') fail("'<' in an attribute value");
        if (xml_[at_] == '&')
          reference(value);
        else
          character(value);
      }
      if (at_ >= xml_.size()) fail("unfinished attribute value");
      ++at_;
      if (!e.attributes.emplace(attribute, value).second) fail("repeated attribute");
    }
    for (;;) {
      if (at_ >= xml_.size()) fail("unclosed element " + e.name);
      if (starts("</")) {
        at_ += 2;
        if (name() != e.name) fail("mismatched end tag for " + e.name);
        skip_space();
        if (!starts(">")) fail("'>' expected");
        ++at_;
        return e;
      }
      if (starts("<!--")) {
        const auto end = xml_.find("-->", at_ + 4);
        if (end == std::string_view::npos) fail("unfinished comment");
        at_ = end + 3;
      } else if (starts("<![") || starts("<!") || starts("<?")) {
        fail("unexpected markup");
      } else if (starts("<")) {
        e.children.push_back(element());
      } else if (starts("]]>")) {
        fail("']]>' in text");
      } else if (xml_[at_] == '&') {
        reference(e.text);
      } else {
        character(e.text);
      }
    }
  }

  std::string_view xml_;
  std::size_t at_ = 0;
};

Element parse(const std::string& svg) {
  return XmlReader(svg).document();
}

// What makes a document not well-formed; empty when it is.
std::string xml_error(const std::string& svg) {
  try {
    parse(svg);
    return {};
  } catch (const std::runtime_error& e) {
    return e.what();
  }
}

void collect(const Element& e, std::string_view name, std::vector<const Element*>& out) {
  if (e.name == name) out.push_back(&e);
  for (const Element& c : e.children) collect(c, name, out);
}
std::vector<const Element*> all(const Element& root, std::string_view name) {
  std::vector<const Element*> out;
  collect(root, name, out);
  return out;
}

// The text of an element and of the elements in it.
std::string text_in(const Element& e) {
  std::string out = e.text;
  for (const Element& c : e.children) out += text_in(c);
  return out;
}

// Every text the figure shows or tells, one piece a line.
std::string all_text(const Element& root) {
  std::string out;
  for (const char* name : {"title", "text"})
    for (const Element* e : all(root, name)) out += text_in(*e) + "\n";
  return out;
}

// The group whose tooltip begins with `ref` and a dash.
const Element* group_of(const Element& root, const std::string& ref) {
  for (const Element* g : all(root, "g"))
    for (const Element& c : g->children)
      if (c.name == "title" && c.text.rfind(ref + " —", 0) == 0) return g;
  return nullptr;
}

const Element* child(const Element& e, std::string_view name) {
  for (const Element& c : e.children)
    if (c.name == name) return &c;
  return nullptr;
}

double number(const Element& e, const std::string& attribute) {
  const auto found = e.attributes.find(attribute);
  REQUIRE(found != e.attributes.end());
  return std::stod(found->second);
}

// Every place given by x, y, cx, cy, x1… lies inside the viewBox.
void check_inside(const Element& root) {
  const double width = number(root, "width"), height = number(root, "height");
  CHECK(root.attributes.at("viewBox") ==
        "0 0 " + root.attributes.at("width") + " " + root.attributes.at("height"));
  std::vector<const Element*> elements;
  for (const char* name : {"text", "circle", "rect", "line"}) {
    const auto found = all(root, name);
    elements.insert(elements.end(), found.begin(), found.end());
  }
  for (const Element* e : elements)
    for (const auto& [attribute, value] : e->attributes) {
      const bool horizontal =
          attribute == "x" || attribute == "cx" || attribute == "x1" || attribute == "x2";
      const bool vertical =
          attribute == "y" || attribute == "cy" || attribute == "y1" || attribute == "y2";
      if (!horizontal && !vertical) continue;
      const double v = std::stod(value);
      CHECK(v >= 0);
      CHECK(v <= (horizontal ? width : height));
    }
}

// The long word of `hostile` is cut, with "…", wherever it is shown (no
// place in these figures holds 100 W).
void check_cut(const Element& root) {
  bool cut = false;
  for (const Element* t : all(root, "text")) {
    const std::string text = text_in(*t);
    CHECK(text.find(std::string(100, 'W')) == std::string::npos);
    if (text.find("W…") != std::string::npos) cut = true;
  }
  CHECK(cut);
}

const std::string hostile = "<b>&\"'\x01\x1b[31m\t\nتجربة 😀 " + std::string(400, 'W') + " end";

// --- Samples -----------------------------------------------------------------------

std::vector<RadarStakeholder> sample_stakeholders() {
  return {
      {"PP1", "Infogérant", "provider", 4.0, 16, 4, true},
      {"PP2", "Éditeur", "provider", 1.5, 12, 8, false},
      {"PP3", "Assurés", "client", 0.25, 4, 16, false},
      {"PP4", "Caisse nationale", "partner", 1.0, 9, 9, false},
      {"PP5", "Autorité de contrôle", "regulator", 0.1, 1, 12, false},
      {"PP6", "Fournisseur réseau", "supplier", 2.67, 8, 3, false},
  };
}

StrategicGraph sample_graph() {
  StrategicGraph g;
  g.ref = "SS1";
  g.title = "Rançongiciel sur le SI des prestations";
  g.origin = {"SO1", "Cybercriminel — obtenir une rançon"};
  g.paths = {{"CA1", {{"PP1", "Infogérant"}}, true},
             {"CA2", {{"PP2", "Éditeur"}, {"PP3", "Hébergeur"}}, true},
             {"CA3", {}, true},
             {"CA4", {{"PP4", "Fournisseur"}}, false}};
  g.feared_events = {{"ER1", "Indisponibilité du versement des prestations"},
                     {"ER2", "Divulgation de données de santé"}};
  g.business_value = {"A1", "Versement des prestations"};
  g.gravity = "G4 Critique";
  return g;
}

std::vector<AttackStep> sample_steps() {
  return {{"AE1", "Reconnaissance externe", 0, {}, false, 3, 1, 3},
          {"AE2", "Hameçonnage ciblé", 1, {"AE1"}, false, 3, 2, 2},
          {"AE3", "Exploitation du VPN", 1, {"AE1"}, false, 2, std::nullopt, 2},
          {"AE4", "Élévation de privilèges", 2, {"AE2", "AE3"}, false, 3, 2, 2},
          {"AE5", "Chiffrement des serveurs", 3, {"AE4", "AE2"}, true, 4, 2, 2}};
}

}  // namespace

TEST_CASE("figure tests' XML reader refuses what is not well-formed") {
  for (const char* bad :
       {"<a>", "<a></b>", "<a x=\"<\"/>", "<a>&foo;</a>", "<a>\x01</a>", "<a x='1' x='2'/>",
        "<a/><b/>", "<a>&#xFFFE;</a>", "<a>\xff</a>", "<a>]]></a>", "<a x=1/>"})
    CHECK_MESSAGE(!xml_error(bad).empty(), std::string(bad));
  CHECK(xml_error("<a x=\"&lt;&#233;\">t&amp;<b/><!-- c --></a>\n") == "");
  CHECK(parse("<a x=\"&lt;&#233;\"/>").attributes.at("x") == "<é");
}

// --- The ecosystem radar --------------------------------------------------------------

TEST_CASE("figure radar: well-formed, with the refs and the labels of each language") {
  const std::string fr = ecosystem_radar_svg(sample_stakeholders(), {}, Lang::fr, "Radar");
  REQUIRE(xml_error(fr) == "");
  const Element root = parse(fr);
  CHECK(root.name == "svg");
  REQUIRE(child(root, "title") != nullptr);
  CHECK(child(root, "title")->text == "Radar");
  CHECK(fr.find("font-family=\"DejaVu Sans") != std::string::npos);
  check_inside(root);
  const std::string text = all_text(root);
  for (const char* expected :
       {"PP1", "PP2", "PP3", "PP4", "PP5", "PP6", "Zone de danger", "Zone de contrôle",
        "Zone de veille", "Hors zone", "Prestataire (2)", "Client (1)", "Régulateur (1)", "≥ 2,5",
        "Taille\u00a0: exposition", "fiabilité", "Infogérant"})
    CHECK_MESSAGE(text.find(expected) != std::string::npos, std::string(expected));
  CHECK(text.find("Autre") == std::string::npos);  // no sector for an absent category

  const std::string en = ecosystem_radar_svg(sample_stakeholders(), {}, Lang::en, "Radar");
  REQUIRE(xml_error(en) == "");
  const std::string en_text = all_text(parse(en));
  for (const char* expected :
       {"PP1", "Danger zone", "Control zone", "Watch zone", "Outside", "Provider (2)",
        "Partner (1)", "≥ 2.5", "Size: exposure", "reliability", "Critical stakeholder"})
    CHECK_MESSAGE(en_text.find(expected) != std::string::npos, std::string(expected));
  CHECK(en_text.find("Zone de danger") == std::string::npos);

  // The critical stakeholder is outlined and its ref bold.
  const Element* critical = group_of(root, "PP1");
  REQUIRE(critical != nullptr);
  CHECK(child(*critical, "circle")->attributes.at("stroke-width") == "3");
  CHECK(child(*critical, "text")->attributes.at("font-weight") == "bold");
  const Element* plain = group_of(root, "PP2");
  REQUIRE(plain != nullptr);
  CHECK(child(*plain, "text")->attributes.count("font-weight") == 0);
}

TEST_CASE("figure radar: the more threatening, the nearer the centre") {
  const Element root = parse(ecosystem_radar_svg(sample_stakeholders(), {}, Lang::fr, "Radar"));
  // The zones' discs share the centre; the first circle is the rim's.
  const Element* rim = all(root, "circle").front();
  const double cx = number(*rim, "cx"), cy = number(*rim, "cy");
  const auto distance = [&](const std::string& ref) {
    const Element* g = group_of(root, ref);
    REQUIRE(g != nullptr);
    const Element* dot = child(*g, "circle");
    REQUIRE(dot != nullptr);
    return std::hypot(number(*dot, "cx") - cx, number(*dot, "cy") - cy);
  };
  const double danger = distance("PP1"), control = distance("PP4"), watch = distance("PP3"),
               outside = distance("PP5");
  CHECK(danger < control);
  CHECK(control < watch);
  CHECK(watch < outside);
  CHECK(outside <= number(*rim, "r"));

  // Dot size grows with exposure, colour follows reliability.
  const auto dot = [&](const std::string& ref) { return child(*group_of(root, ref), "circle"); };
  CHECK(number(*dot("PP1"), "r") > number(*dot("PP5"), "r"));
  CHECK(dot("PP6")->attributes.at("fill") != dot("PP3")->attributes.at("fill"));

  // Threats beyond the scale are clamped to its ends, inside the rim.
  std::vector<RadarStakeholder> extreme{{"X1", "", "client", 1e9, 16, 1, false},
                                        {"X2", "", "client", 0.0001, 1, 16, false},
                                        {"X3", "", "client", std::nan(""), 1, 16, false}};
  const Element far = parse(ecosystem_radar_svg(extreme, {}, Lang::en, "Extremes"));
  check_inside(far);
  for (const char* ref : {"X1", "X2", "X3"}) CHECK(group_of(far, ref) != nullptr);
}

TEST_CASE("figure radar: dots of one sector do not overlap") {
  std::vector<RadarStakeholder> crowd;
  for (int i = 1; i <= 12; ++i)
    crowd.push_back({"PP" + std::to_string(i), "", "provider", 3.0, 12, 4, false});
  const Element root = parse(ecosystem_radar_svg(crowd, {}, Lang::fr, "Crowd"));
  std::vector<std::pair<double, double>> centres;
  std::vector<double> radii;
  for (int i = 1; i <= 12; ++i) {
    const Element* dot = child(*group_of(root, "PP" + std::to_string(i)), "circle");
    centres.emplace_back(number(*dot, "cx"), number(*dot, "cy"));
    radii.push_back(number(*dot, "r"));
  }
  for (std::size_t i = 0; i < centres.size(); ++i)
    for (std::size_t j = i + 1; j < centres.size(); ++j)
      CHECK(std::hypot(centres[i].first - centres[j].first,
                       centres[i].second - centres[j].second) >= radii[i] + radii[j]);
}

TEST_CASE("figure radar: the same input gives the same bytes") {
  const auto s = sample_stakeholders();
  CHECK(ecosystem_radar_svg(s, {}, Lang::fr, "R") == ecosystem_radar_svg(s, {}, Lang::fr, "R"));
  const ZoneThresholds other{3, 1, 0.3};
  CHECK(ecosystem_radar_svg(s, other, Lang::en, "R") ==
        ecosystem_radar_svg(s, other, Lang::en, "R"));
  CHECK(ecosystem_radar_svg(s, other, Lang::en, "R") != ecosystem_radar_svg(s, {}, Lang::en, "R"));
}

TEST_CASE("figure radar: no stakeholder still gives a valid figure") {
  const std::string svg = ecosystem_radar_svg({}, {}, Lang::fr, "Vide");
  REQUIRE(xml_error(svg) == "");
  const Element root = parse(svg);
  check_inside(root);
  const std::string text = all_text(root);
  CHECK(text.find("Aucune partie prenante") != std::string::npos);
  CHECK(text.find("Zone de danger") != std::string::npos);
  CHECK(xml_error(ecosystem_radar_svg({}, {}, Lang::en, "")) == "");
}

TEST_CASE("figure radar: hostile text is escaped and cut") {
  std::vector<RadarStakeholder> s{{hostile, hostile, hostile, 3, 12, 4, true},
                                  {"PP2", hostile, "client", -1, 0, 0, false}};
  const std::string svg = ecosystem_radar_svg(s, {}, Lang::fr, hostile);
  REQUIRE(xml_error(svg) == "");
  CHECK(svg.find("<b>") == std::string::npos);
  CHECK(svg.find("&lt;b&gt;&amp;") != std::string::npos);
  CHECK(svg.find('\x01') == std::string::npos);
  CHECK(svg.find('\x1b') == std::string::npos);
  const Element root = parse(svg);
  check_cut(root);
  check_inside(root);
  CHECK(all_text(root).find("Autre (1)") != std::string::npos);  // an unknown category is "other"
}

// --- The graph of a strategic scenario ----------------------------------------------

TEST_CASE("figure strategic graph: well-formed, with the refs and the labels of each language") {
  const std::string fr = strategic_graph_svg(sample_graph(), Lang::fr);
  REQUIRE(xml_error(fr) == "");
  const Element root = parse(fr);
  check_inside(root);
  const std::string text = all_text(root);
  for (const char* expected : {"SS1 — Rançongiciel",
                               "SO1",
                               "Cybercriminel",
                               "CA1",
                               "CA2",
                               "CA3",
                               "CA4",
                               "PP1",
                               "PP2",
                               "PP3",
                               "PP4",
                               "ER1",
                               "ER2",
                               "A1",
                               "Versement des prestations",
                               "Gravité\u00a0: G4 Critique",
                               "Source de risque",
                               "Événements redoutés",
                               "attaque directe",
                               "chemin non retenu"})
    CHECK_MESSAGE(text.find(expected) != std::string::npos, std::string(expected));

  const std::string en = strategic_graph_svg(sample_graph(), Lang::en);
  REQUIRE(xml_error(en) == "");
  const std::string en_text = all_text(parse(en));
  for (const char* expected : {"Risk origin", "Feared events", "Business value", "direct attack",
                               "Severity: G4 Critique", "path not retained"})
    CHECK_MESSAGE(en_text.find(expected) != std::string::npos, std::string(expected));

  // Arrows run left to right; the unretained path is dashed and grey.
  const Element* retained = group_of(root, "CA1");
  const Element* dropped = group_of(root, "CA4");
  REQUIRE(retained != nullptr);
  REQUIRE(dropped != nullptr);
  for (const Element& e : retained->children)
    if (e.name == "line") {
      CHECK(e.attributes.count("stroke-dasharray") == 0);
      CHECK(number(e, "x1") < number(e, "x2"));
    }
  bool dashed = false;
  for (const Element& e : dropped->children)
    if (e.name == "line") dashed = e.attributes.count("stroke-dasharray") == 1;
  CHECK(dashed);
  // A direct path is one arrow straight across.
  const Element* direct = group_of(root, "CA3");
  REQUIRE(direct != nullptr);
  CHECK(all(*direct, "line").size() == 1);
  CHECK(all(*direct, "rect").empty());
}

TEST_CASE("figure strategic graph: several business values, the same bytes twice") {
  StrategicGraph g = sample_graph();
  g.other_business_values = {{"A2", "Relation avec les assurés"}};
  const std::string svg = strategic_graph_svg(g, Lang::fr);
  CHECK(svg == strategic_graph_svg(g, Lang::fr));
  REQUIRE(xml_error(svg) == "");
  const std::string text = all_text(parse(svg));
  CHECK(text.find("Valeurs métier") != std::string::npos);
  CHECK(text.find("A2") != std::string::npos);
}

TEST_CASE("figure strategic graph: a direct path alone, or no path, is still a valid figure") {
  StrategicGraph g = sample_graph();
  g.paths = {{"CA9", {}, true}};
  const std::string direct = strategic_graph_svg(g, Lang::en);
  REQUIRE(xml_error(direct) == "");
  check_inside(parse(direct));
  CHECK(all_text(parse(direct)).find("CA9 · direct attack") != std::string::npos);

  StrategicGraph empty;
  const std::string none = strategic_graph_svg(empty, Lang::fr);
  REQUIRE(xml_error(none) == "");
  check_inside(parse(none));
  CHECK(all_text(parse(none)).find("Aucun chemin d’attaque") != std::string::npos);
}

TEST_CASE("figure strategic graph: hostile text is escaped and cut") {
  StrategicGraph g{
      hostile,
      hostile,
      {hostile, hostile},
      {{hostile, {{hostile, hostile}, {hostile, hostile}}, false}, {hostile, {}, true}},
      {{hostile, hostile}},
      {hostile, hostile},
      {{hostile, hostile}},
      hostile};
  const std::string svg = strategic_graph_svg(g, Lang::fr);
  REQUIRE(xml_error(svg) == "");
  CHECK(svg.find("<b>") == std::string::npos);
  CHECK(svg.find('\x01') == std::string::npos);
  check_inside(parse(svg));
  check_cut(parse(svg));
}

// --- The attack sequence --------------------------------------------------------------

TEST_CASE("figure attack sequence: well-formed, phases in columns, labels of each language") {
  const std::string fr =
      attack_sequence_svg("OS1 — Rançongiciel", "V3 Très vraisemblable", sample_steps(), Lang::fr);
  REQUIRE(xml_error(fr) == "");
  const Element root = parse(fr);
  check_inside(root);
  const std::string text = all_text(root);
  for (const char* expected : {"OS1 — Rançongiciel", "V3 Très vraisemblable", "Connaître",
                               "Rentrer", "Trouver", "Exploiter", "AE1", "AE2", "AE3", "AE4", "AE5",
                               "Pr 3 · Diff 1", "Pr 2", "Pr cumulée 3", "Hameçonnage ciblé"})
    CHECK_MESSAGE(text.find(expected) != std::string::npos, std::string(expected));

  const std::string en =
      attack_sequence_svg("OS1 — Ransomware", "V3 Very likely", sample_steps(), Lang::en);
  REQUIRE(xml_error(en) == "");
  const std::string en_text = all_text(parse(en));
  for (const char* expected : {"Know", "Enter", "Find", "Exploit", "Cumulative Pr 2"})
    CHECK_MESSAGE(en_text.find(expected) != std::string::npos, std::string(expected));

  const auto left = [&](const std::string& ref) {
    const Element* g = group_of(root, ref);
    REQUIRE(g != nullptr);
    return number(*child(*g, "rect"), "x");
  };
  CHECK(left("AE1") < left("AE2"));
  CHECK(left("AE2") == left("AE3"));
  CHECK(left("AE4") < left("AE5"));
  CHECK(left("AE1") < left("AE5"));
}

TEST_CASE("figure attack sequence: a badge where two antecedents meet, AND or OR") {
  const auto badges = [](const std::string& svg) {
    std::vector<std::string> out;
    const Element root = parse(svg);
    for (const Element* t : all(root, "text"))
      if (t->text == "ET" || t->text == "OU" || t->text == "AND" || t->text == "OR")
        out.push_back(t->text);
    return out;
  };
  // AE4: AE2 or AE3; AE5: AE4 and AE2.
  CHECK(badges(attack_sequence_svg("OS1", "", sample_steps(), Lang::fr)) ==
        std::vector<std::string>{"OU", "ET"});
  CHECK(badges(attack_sequence_svg("OS1", "", sample_steps(), Lang::en)) ==
        std::vector<std::string>{"OR", "AND"});
  // One antecedent, or antecedents that are no step: no badge.
  std::vector<AttackStep> steps{{"AE1", "a", 0, {}, false, 1, {}, 1},
                                {"AE2", "b", 1, {"AE1", "AE9", "AE1"}, true, 1, {}, 1}};
  CHECK(badges(attack_sequence_svg("OS1", "", steps, Lang::fr)).empty());
}

TEST_CASE("figure attack sequence: the same bytes twice; one step or none still valid") {
  const auto steps = sample_steps();
  CHECK(attack_sequence_svg("OS1", "V2", steps, Lang::fr) ==
        attack_sequence_svg("OS1", "V2", steps, Lang::fr));
  const std::string one = attack_sequence_svg("OS2", "", {steps.front()}, Lang::en);
  REQUIRE(xml_error(one) == "");
  check_inside(parse(one));
  CHECK(group_of(parse(one), "AE1") != nullptr);
  const std::string none = attack_sequence_svg("OS3", "V1", {}, Lang::fr);
  REQUIRE(xml_error(none) == "");
  CHECK(all_text(parse(none)).find("Aucune action élémentaire") != std::string::npos);
}

TEST_CASE("figure attack sequence: hostile text is escaped and cut") {
  std::vector<AttackStep> steps{{hostile, hostile, 9, {hostile, "B"}, true, 4, 9, 3},
                                {"B", hostile, -3, {"B"}, false, 0, {}, 0},
                                {"C", hostile, 3, {"B", hostile}, false, 1, 2, 1}};
  const std::string svg = attack_sequence_svg(hostile, hostile, steps, Lang::en);
  REQUIRE(xml_error(svg) == "");
  CHECK(svg.find("<b>") == std::string::npos);
  CHECK(svg.find('\x01') == std::string::npos);
  const Element root = parse(svg);
  check_inside(root);
  check_cut(root);
  // Phases out of range go to the nearest column.
  CHECK(number(*child(*group_of(root, "B"), "rect"), "x") <
        number(*child(*group_of(root, "C"), "rect"), "x"));
}
