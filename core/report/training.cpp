// Awareness slides drawn from the map: the top risks in plain words, the
// threats the map holds, and what staff, IT teams and management can each do
// about them. The good practices are fixed texts in the templates; the view
// only says, through booleans, which of them the map calls for. A scenario's
// code always comes with its title: the threats slide counts each family's
// scenarios, and an annex slide per family lists them.
#include <algorithm>
#include <array>
#include <map>

#include <fmt/format.h>

#include "asset.hpp"
#include "deliverable.hpp"
#include "text.hpp"
#include "wording.hpp"

namespace riskmap {

namespace {

constexpr std::size_t top_risk_count = 5;  // slides for the highest current risks
constexpr std::size_t assets_shown = 4;    // asset names on a risk's slide
constexpr std::size_t annex_count = 14;   // scenarios on a threat's annex: two slides of seven

// The first sentence of a description: up to the first '.', '!', '?' or '…'
// that a space and a capital (or the end) follows, or up to a blank line.
std::string first_sentence(std::string_view text) {
  text = trim(text);
  if (const auto blank = text.find("\n\n"); blank != std::string_view::npos)
    text = trim(text.substr(0, blank));
  for (std::size_t i = 0; i < text.size(); ++i) {
    std::size_t end = std::string_view::npos;
    if (text[i] == '.' || text[i] == '!' || text[i] == '?')
      end = i + 1;
    else if (text.compare(i, 3, "\xE2\x80\xA6") == 0)
      end = i + 3;  // …
    if (end == std::string_view::npos) continue;
    if (end == text.size()) break;
    if (text[end] != ' ' && text[end] != '\n' && text[end] != '\r' && text[end] != '\t') continue;
    const auto next = text.find_first_not_of(" \t\r\n", end);
    if (next == std::string_view::npos) return std::string(text.substr(0, end));
    const char c = text[next];
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) continue;  // "p. ex. les", "art. 5"
    return std::string(text.substr(0, end));
  }
  return std::string(text);
}

// Threat families the slides have advice for, recognised by words (folded:
// lowercase, no accents) at the start of a word of a scenario's title,
// threat or risk source.
struct Family {
  const char* name;
  std::vector<std::string_view> words;
};

const std::vector<Family>& families() {
  static const std::vector<Family> list{
      {"phishing",
       {"hameconnage", "phishing", "spear", "smishing", "vishing", "ingenierie sociale",
        "social engineering", "messagerie", "courriel", "e-mail", "email", "fraude au president",
        "ceo fraud", "usurpation de l'image"}},
      {"ransomware",
       {"rancongiciel", "ransomware", "extorsion", "extortion", "chiffrement malveillant",
        "malware", "logiciel malveillant", "rancon", "ransom"}},
      {"fraud",
       {"fraud", "rib", "iban", "virement", "bank detail", "bank transfer", "usurpation d'identite",
        "identity theft", "fausse declaration", "fausses declarations", "false declaration",
        "detournement", "embezzlement"}},
      {"data_leak",
       {"fuite", "leak", "exfiltr", "divulgation", "disclosure", "data breach",
        "violation de donnees", "vol de donnees", "data theft"}},
      {"insider",
       {"abus", "abuse", "misuse", "employe malveillant", "agent malveillant", "malicious insider",
        "insider", "fraude interne", "internal fraud", "acces illegitime", "unauthorised access",
        "unauthorized access"}},
      {"privileged",
       {"privilege", "active directory", "annuaire", "compte d'administration", "administrat",
        "admin account"}},
      {"supplier",
       {"prestataire", "infogerant", "fournisseur", "sous-traitant", "supplier", "provider",
        "vendor", "chaine d'approvisionnement", "supply chain", "partenaire", "partner", "rebond"}},
      {"web_exposure",
       {"injection", "api", "deni de service", "denial of service", "ddos", "vulnerab", "xss",
        "portail", "portal", "site web", "website"}},
      {"outage",
       {"indisponibilit", "unavailab", "panne", "outage", "incendie", "fire", "inondation", "flood",
        "coupure", "climatisation", "cooling", "sinistre", "disaster", "catastroph",
        "defaillance technique", "technical failure", "power failure", "power outage",
        "coupure de courant"}},
      {"backups", {"sauvegarde", "backup"}},
      {"device_theft",
       {"vol de materiel", "vol d'un", "vol du", "poste nomade", "ordinateur portable", "laptop",
        "theft of", "stolen", "lost device", "perte d'un", "cle usb", "usb"}},
      {"change",
       {"mise en production", "defaut logiciel", "software defect", "bug", "erreur", "error",
        "deployment", "release"}},
      {"compliance",
       {"rgpd", "gdpr", "conformit", "compliance", "loi", "law", "regulat", "reglementa",
        "tracabilit", "traceability", "journalisation", "logging"}}};
  return list;
}

bool word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

// `word` at `at` of `text`, which starts a word there (both folded). Short
// words must be whole words (a plural allowed): "api" or "apis", not
// "apiculture".
bool word_at(std::string_view text, std::size_t at, std::string_view word) {
  if (text.substr(at, word.size()) != word) return false;
  if (word.size() > 4) return true;
  std::size_t end = at + word.size();
  if (end < text.size() && text[end] == 's') ++end;
  return end == text.size() || !word_char(text[end]);
}

// Which families have a word at the start of a word of `text`: one pass
// over the text's word starts, trying there only the words that begin with
// the byte found.
void families_in(std::string_view text, std::vector<char>& in) {
  struct Candidate {
    std::size_t family;
    std::string_view word;
  };
  static const auto by_first = [] {
    std::array<std::vector<Candidate>, 256> table;
    for (std::size_t f = 0; f < families().size(); ++f)
      for (const auto word : families()[f].words)
        table[static_cast<unsigned char>(word[0])].push_back({f, word});
    return table;
  }();
  in.assign(families().size(), 0);
  for (std::size_t at = 0; at < text.size(); ++at) {
    if (at > 0 && word_char(text[at - 1])) continue;
    for (const Candidate& c : by_first[static_cast<unsigned char>(text[at])])
      if (!in[c.family] && word_at(text, at, c.word)) in[c.family] = 1;
  }
}

// The text families are looked for in, folded, typographic apostrophes made plain.
std::string searchable(std::string text) {
  for (std::size_t at = text.find("\xE2\x80\x99"); at != std::string::npos;
       at = text.find("\xE2\x80\x99", at))
    text.replace(at, 3, "'");
  return fold(text);
}


}  // namespace

Deliverable training_deliverable() {
  Deliverable d;
  d.name = "training";
  d.title = {"Sensibilisation aux risques numériques", "Cyber-risk awareness"};
  d.slides = true;
  ViewSchema schema{{"count", {}},
                    {"has_scenarios", {}},
                    {"one_scenario", {}},
                    {"one_above", {}},
                    {"rated_count", {}},
                    {"above_appetite_count", {}},
                    {"has_above_appetite", {}},
                    {"has_top_risks", {}},
                    {"top_count", {}},
                    {"has_more_risks", {}},
                    {"more_risk_count", {}},
                    {"one_more_risk", {}},
                    {"has_families", {}},
                    {"heatmap_svg", {}},
                    {"staff_topics", {}},
                    {"needs_backups", {}},
                    {"needs_continuity", {}},
                    {"needs_data_protection", {}},
                    {"top_risks",
                     {{"rank", {}},
                      {"ref", {}},
                      {"title", {}},
                      {"level", {}},
                      {"above_appetite", {}},
                      {"what", {}},
                      {"has_what", {}},
                      {"assets", {}},
                      {"has_assets", {}},
                      {"more_assets", {}},
                      {"more_assets_count", {}},
                      {"one_more_asset", {}},
                      {"owner", {}},
                      {"has_owner", {}}}}};
  for (const Family& family : families()) {
    schema.names[family.name] = {};
    schema.names[std::string(family.name) + "_count"] = {};
    schema.names[std::string(family.name) + "_one"] = {};
    schema.names[std::string(family.name) + "_scenarios"] = {{"ref", {}}, {"title", {}}};
    for (const char* suffix : {"_more", "_more_count", "_more_one"})
      schema.names[std::string(family.name) + suffix] = {};
  }
  d.schema = schema;
  d.render = [title = d.title](ReportContext& ctx) {
    const MapData& map = ctx.map();
    const EntityKind& kind = scenario_kind();
    const std::size_t title_at = kind.index("title"), description_at = kind.index("description"),
                      threat_at = kind.index("threat"), source_at = kind.index("risk_source"),
                      assets_at = kind.index("assets"), owner_at = kind.index("owner");
    const std::size_t name_at = asset_kind().index("name");

    std::size_t rated = 0, above = 0;
    // Each family's scenarios, as indices in map.scenarios.
    std::vector<std::vector<std::size_t>> found(families().size());
    ViewData top{ViewData::type::list};
    std::size_t top_count = 0;
    std::vector<char> in;
    for (std::size_t at = 0; at < map.scenarios.size(); ++at) {
      const Record& r = map.scenarios[at];
      const auto level = level_at(r, Stage::current, ctx.method);
      if (level) ++rated;
      if (level.value_or(0) > ctx.method.appetite) ++above;
      const std::string text =
          searchable(text_of(r.values[title_at]) + " \n " + text_of(r.values[threat_at]) + " \n " +
                     text_of(r.values[source_at]));
      families_in(text, in);
      for (std::size_t f = 0; f < families().size(); ++f)
        if (in[f]) found[f].push_back(at);
      // Scenarios come highest current level first: the first rated ones are the top risks.
      if (!level || top_count == top_risk_count) continue;
      ++top_count;
      ViewData risk;
      risk.set("rank", std::to_string(top_count));
      risk.set("ref", r.ref);
      risk.set("title", text_of(r.values[title_at]));
      risk.set("level", ctx.method.levels.at(*level).label.in(ctx.lang));
      risk.set("above_appetite", *level > ctx.method.appetite);
      const std::string what = first_sentence(text_of(r.values[description_at]));
      risk.set("what", what);
      risk.set("has_what", !what.empty());
      std::vector<std::string> names;
      const auto& refs = std::get<std::vector<std::string>>(r.values[assets_at]);
      for (std::size_t i = 0; i < refs.size() && i < assets_shown; ++i) {
        const auto it = map.asset_at.find(refs[i]);
        names.push_back(it == map.asset_at.end() ? refs[i]
                                                 : text_of(map.assets[it->second].values[name_at]));
      }
      risk.set("assets", join(names, ", "));
      risk.set("has_assets", !names.empty());
      risk.set("more_assets", refs.size() > assets_shown);
      risk.set("more_assets_count",
               std::to_string(refs.size() > assets_shown ? refs.size() - assets_shown : 0));
      risk.set("one_more_asset", refs.size() == assets_shown + 1);
      const std::string owner = text_of(r.values[owner_at]);
      risk.set("owner", owner);
      risk.set("has_owner", !owner.empty());
      top.push_back(risk);
    }

    ViewData view = ctx.common_view(title);
    view.set("count", std::to_string(map.scenarios.size()));
    view.set("has_scenarios", !map.scenarios.empty());
    view.set("one_scenario", map.scenarios.size() == 1);
    view.set("one_above", above == 1);
    view.set("rated_count", std::to_string(rated));
    view.set("above_appetite_count", std::to_string(above));
    view.set("has_above_appetite", above > 0);
    view.set("has_top_risks", top_count > 0);
    view.set("top_count", std::to_string(top_count));
    // The rated scenarios beyond the slides' few are in the register.
    view.set("has_more_risks", rated > top_count);
    view.set("more_risk_count", std::to_string(rated - top_count));
    view.set("one_more_risk", rated - top_count == 1);
    view.set("top_risks", top);
    bool any = false;
    std::map<std::string, bool, std::less<>> present;
    for (std::size_t f = 0; f < families().size(); ++f) {
      const std::string name = families()[f].name;
      present[name] = !found[f].empty();
      view.set(name, !found[f].empty());
      any = any || !found[f].empty();
      // The family's scenarios in natural ref order, code and title, for its
      // annex slides: at most annex_count, the highest levels (map order),
      // and how many more the register holds.
      std::vector<std::size_t>& at = found[f];
      const std::size_t total = at.size(), more = total > annex_count ? total - annex_count : 0;
      at.resize(total - more);
      std::sort(at.begin(), at.end(), [&](std::size_t a, std::size_t b) {
        return map.scenarios.natural_rank(a) < map.scenarios.natural_rank(b);
      });
      ViewData list{ViewData::type::list};
      for (const std::size_t i : at) {
        ViewData item;
        const Record r = map.scenarios[i];
        item.set("ref", r.ref);
        item.set("title", text_of(r.values[title_at]));
        list.push_back(item);
      }
      view.set(name + "_scenarios", list);
      view.set(name + "_count", wording::whole_number(static_cast<std::int64_t>(total), ctx.lang));
      view.set(name + "_one", total == 1);
      view.set(name + "_more", more > 0);
      view.set(name + "_more_count", wording::whole_number(static_cast<std::int64_t>(more), ctx.lang));
      view.set(name + "_more_one", more == 1);
    }
    view.set("has_families", any);
    // Advice that several families call for, so that it is given once.
    const auto either = [&](std::initializer_list<const char*> names) {
      return std::any_of(names.begin(), names.end(),
                         [&](const char* name) { return present.at(name); });
    };
    view.set("staff_topics", either({"phishing", "fraud", "ransomware", "insider", "data_leak",
                                     "device_theft", "supplier"}));
    view.set("needs_backups", either({"ransomware", "backups", "outage"}));
    view.set("needs_continuity", either({"ransomware", "outage", "supplier"}));
    view.set("needs_data_protection", either({"data_leak", "insider", "compliance"}));
    // The heat map of the current stage, shown on a slide of its own: the
    // count of each cell, no codes without their titles.
    view.set("heatmap_svg", "training-heatmap.svg");
    if (std::ostream* file = ctx.side_file("training-heatmap.svg"))
      *file << heat_map_svg(ctx, Stage::current,
                            fmt::format("{} — {}", ctx.text("Carte de chaleur des risques", "Risk heat map"),
                                        ctx.stage_name(Stage::current)),
                            false);
    ctx.markdown("training", title, view);
  };
  return d;
}

}  // namespace riskmap
