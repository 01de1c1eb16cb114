// The executive summary: counts per level and stage (the inherent one when
// the map uses it), the top risks at the current stage, the risks above the
// appetite, the most exposed assets and what the management is asked to
// decide.
#include <algorithm>
#include <array>
#include <unordered_map>

#include <fmt/format.h>

#include "annex.hpp"
#include "asset.hpp"
#include "deliverable.hpp"
#include "text.hpp"
#include "wording.hpp"

namespace riskmap {

namespace {

constexpr std::size_t top_risk_count = 10;
constexpr std::size_t top_asset_count = 10;
constexpr std::size_t refs_shown = 6;

// Natural order ("R2" before "R10"), then byte order, so that refs the
// natural order finds equal ("R01", "R1") still sort the same way every time.
bool ref_less(const std::string& a, const std::string& b) {
  const int natural = natural_compare(a, b);
  return natural != 0 ? natural < 0 : a < b;
}

// "12 couvertes, 30 partiellement couvertes, 62 non couvertes (dont 8 prévues)
// sur les 104 exigences applicables (3 non applicables, justifiées)": planned
// requirements count as not covered, undecided ones as applicable.
std::string compliance_figures(const ComplianceCounts& n, Lang lang) {
  const bool fr = lang == Lang::fr;
  const auto s = [](std::size_t count) { return count > 1 ? "s" : ""; };
  std::vector<std::string> asides;
  if (n.not_applicable > 0)
    asides.push_back(fr ? fmt::format("{} non applicable{}, justifiée{}", n.not_applicable,
                                      s(n.not_applicable), s(n.not_applicable))
                        : fmt::format("{} not applicable, justified", n.not_applicable));
  if (n.undecided > 0)
    asides.push_back(fr ? fmt::format("{} sans décision d’applicabilité", n.undecided)
                        : fmt::format("{} with no applicability decision yet", n.undecided));
  const std::string aside =
      asides.empty()
          ? std::string()
          : fmt::format(" ({})", join(asides, fr ? fmt::format("{}; ", wording::nbsp) : "; "));
  if (n.applicable == 0)
    return (fr ? std::string("aucune exigence applicable")
               : std::string("no applicable requirement")) +
           aside;
  const std::size_t uncovered = n.uncovered + n.planned;
  std::string planned;
  if (n.planned == 1 && uncovered == 1)
    planned = fr ? " (prévue)" : " (planned)";
  else if (n.planned > 0 && n.planned == uncovered)
    planned = fr ? " (toutes prévues)" : " (all planned)";
  else if (n.planned > 0)
    planned = fr ? fmt::format(" (dont {} prévue{})", n.planned, s(n.planned))
                 : fmt::format(" ({} of them planned)", n.planned);
  if (fr)
    return fmt::format(
        "{} couverte{}, {} partiellement couverte{}, {} non couverte{}{} sur {} exigence{} "
        "applicable{}{}",
        n.covered, s(n.covered), n.partly, s(n.partly), uncovered, s(uncovered), planned,
        n.applicable > 1 ? fmt::format("les {}", n.applicable) : std::string("1"), s(n.applicable),
        s(n.applicable), aside);
  return fmt::format(
      "{} covered, {} partly covered, {} not covered{} of {} applicable requirement{}{}", n.covered,
      n.partly, uncovered, planned,
      n.applicable > 1 ? fmt::format("the {}", n.applicable) : std::string("1"),
      n.applicable > 1 ? "s" : "", aside);
}

// How many scenarios would stay above the appetite once the planned controls
// are in place: a number only for the scenarios whose residual level is
// rated; the others are counted, never taken for 0.
std::string residual_above_text(std::size_t above, std::size_t rated, std::size_t unrated,
                                Lang lang) {
  const bool fr = lang == Lang::fr;
  if (unrated == 0) return std::to_string(above);
  if (rated == 0)
    return fr ? fmt::format("non déterminé{}aucun scénario n’a encore de niveau résiduel",
                            wording::colon(lang))
              : std::string("unknown: no scenario has a residual level yet");
  const std::string among =
      fr ? (rated == 1
                ? fmt::format("{} pour le seul scénario dont le niveau résiduel est évalué", above)
                : fmt::format("{} parmi les {} scénarios dont le niveau résiduel est évalué", above,
                              rated))
         : (rated == 1
                ? fmt::format("{} for the only scenario whose residual level is rated", above)
                : fmt::format("{} of the {} scenarios whose residual level is rated", above,
                              rated));
  const std::string rest =
      fr ? (unrated == 1
                ? std::string("1 scénario n’a pas encore de niveau résiduel, ce qui ne permet pas "
                              "de conclure pour lui")
                : fmt::format("{} scénarios n’ont pas encore de niveau résiduel, ce qui ne permet "
                              "pas de conclure pour eux",
                              unrated))
         : (unrated == 1 ? std::string("1 scenario has no residual level yet, so nothing can be "
                                       "said of it")
                         : fmt::format("{} scenarios have no residual level yet, so nothing can "
                                       "be said of them",
                                       unrated));
  return fr ? fmt::format("{}{}; {}", among, wording::nbsp, rest)
            : fmt::format("{}; {}", among, rest);
}

}  // namespace

Deliverable summary_deliverable() {
  const ViewSchema counts{{"inherent", {}}, {"current", {}}, {"residual", {}}};
  const ViewSchema risk{{"rank", {}},     {"ref", {}},   {"title", {}},     {"level", {}},
                        {"residual", {}}, {"owner", {}}, {"treatment", {}}, {"undecided", {}}};
  Deliverable d;
  d.name = "summary";
  d.title = {"Synthèse de la cartographie des risques", "Risk map executive summary"};
  d.schema = ViewSchema{
      {"count", {}},
      {"has_scenarios", {}},
      {"asset_count", {}},
      {"rated_count", {}},
      {"above_appetite_count", {}},
      {"undecided_count", {}},
      {"residual_above_count", {}},
      {"residual_above_text", {}},
      {"residual_unrated_count", {}},
      {"has_more_risks", {}},
      {"more_risk_count", {}},
      {"one_more_risk", {}},
      {"has_more_assets", {}},
      {"more_asset_count", {}},
      {"one_more_asset", {}},
      {"above_levels", {}},
      {"has_above_levels", {}},
      {"level_rows",
       {{"id", {}},
        {"label", {}},
        {"colour", {}},
        {"above", {}},
        {"inherent", {}},
        {"current", {}},
        {"residual", {}}}},
      {"has_inherent", {}},
      {"has_unrated", {}},
      {"unrated", counts},
      {"total", counts},
      {"top_count", {}},
      {"has_top_risks", {}},
      {"top_risks", risk},
      {"has_above_appetite", {}},
      {"above_appetite_risks", risk},
      {"has_exposed_assets", {}},
      {"exposed_assets",
       {{"rank", {}}, {"ref", {}}, {"name", {}}, {"kind", {}}, {"count", {}}, {"refs", {}}}},
      {"has_compliance", {}},
      {"compliance", {{"id", {}}, {"title", {}}, {"figures", {}}}}};
  Annex::add_schema(d.schema);
  d.streamed = {"above_appetite_risks"};
  d.render = [title = d.title](ReportContext& ctx) {
    const MapData& map = ctx.map();
    const Method& method = ctx.method;
    const Lang lang = ctx.lang;
    const EntityKind& kind = scenario_kind();
    const std::size_t title_at = kind.index("title"), assets_at = kind.index("assets"),
                      owner_at = kind.index("owner"), treatment_at = kind.index("treatment");
    const EntityKind& akind = asset_kind();
    const std::size_t name_at = akind.index("name"), asset_kind_at = akind.index("kind");
    const std::string unrated_text = "—";

    // Counts per level (index 0: unrated) and stage.
    std::vector<std::array<std::size_t, 3>> per_level(
        static_cast<std::size_t>(method.levels.size()) + 1, std::array<std::size_t, 3>{});
    std::size_t above = 0, undecided = 0, residual_above = 0, residual_unrated = 0;
    const auto is_open = [&](const Record& r) {
      const auto* treatment = std::get_if<std::string>(&r.values[treatment_at]);
      return !treatment || *treatment == "open";
    };
    for (const Record& r : map.scenarios) {
      for (const Stage stage : all_stages)
        ++per_level[static_cast<std::size_t>(level_at(r, stage, method).value_or(0))]
                   [static_cast<std::size_t>(stage)];
      if (level_at(r, Stage::current, method).value_or(0) > method.appetite) {
        ++above;
        if (is_open(r)) ++undecided;
      }
      // Whether a scenario would stay above the appetite is known only once
      // its residual stage is rated: the others are counted apart.
      const auto residual = level_at(r, Stage::residual, method);
      if (!residual)
        ++residual_unrated;
      else if (*residual > method.appetite)
        ++residual_above;
    }

    ViewData view = ctx.common_view(title);
    view.set("count", std::to_string(map.scenarios.size()));
    view.set("has_scenarios", !map.scenarios.empty());
    view.set("asset_count", std::to_string(map.assets.size()));
    view.set("above_appetite_count", std::to_string(above));
    view.set("undecided_count", std::to_string(undecided));
    view.set("residual_above_count", std::to_string(residual_above));
    view.set("residual_unrated_count", std::to_string(residual_unrated));
    view.set("residual_above_text",
             residual_above_text(residual_above, map.scenarios.size() - residual_unrated,
                                 residual_unrated, lang));
    std::vector<std::string> above_levels;
    for (int v = method.appetite + 1; v <= method.levels.size(); ++v)
      above_levels.push_back(method.levels.at(v).label.in(lang));
    view.set("above_levels", join(above_levels, ", "));
    view.set("has_above_levels", !above_levels.empty());

    const auto count_view = [](const std::array<std::size_t, 3>& n) {
      ViewData c;
      c.set("inherent", std::to_string(n[0]));
      c.set("current", std::to_string(n[1]));
      c.set("residual", std::to_string(n[2]));
      return c;
    };
    ViewData rows{ViewData::type::list};
    for (int v = method.levels.size(); v >= 1; --v) {
      const Step& level = method.levels.at(v);
      ViewData row = count_view(per_level[static_cast<std::size_t>(v)]);
      row.set("id", level.id);
      row.set("label", level.label.in(lang));
      row.set("colour", level.colour);
      row.set("above", v > method.appetite);
      rows.push_back(row);
    }
    view.set("level_rows", rows);
    // The inherent stage is shown only when the map uses it.
    const bool inherent = ctx.has_inherent();
    view.set("has_inherent", inherent);
    const auto& unrated = per_level[0];
    view.set("has_unrated", (inherent ? unrated[0] : 0) + unrated[1] + unrated[2] > 0);
    view.set("unrated", count_view(unrated));
    const std::size_t all = map.scenarios.size();
    view.set("total", count_view({all, all, all}));
    view.set("rated_count", std::to_string(all - unrated[1]));

    // The top risks at the current stage: level, then impact, then
    // likelihood, highest first; then ref.
    const auto risk_view = [&](const Record& r) {
      const auto level = level_at(r, Stage::current, method);
      const auto residual = level_at(r, Stage::residual, method);
      ViewData row;
      row.set("ref", r.ref);
      row.set("title", text_of(r.values[title_at]));
      row.set("level", level ? method.levels.at(*level).label.in(lang) : unrated_text);
      row.set("residual", residual ? method.levels.at(*residual).label.in(lang) : unrated_text);
      row.set("owner", text_of(r.values[owner_at]));
      row.set("treatment", choice_label(treatments(), r.values[treatment_at], lang));
      row.set("undecided", is_open(r));
      return row;
    };
    // The top risks, kept as the scenarios go by (best first), and how many are rated.
    const auto key = [&](const Record& r) {
      const Rating rating = *rating_at(r, Stage::current);
      return std::array<int, 3>{method.level_of(rating.likelihood, rating.impact), rating.impact,
                                rating.likelihood};
    };
    using Ranked = std::pair<std::array<int, 3>, Record>;
    const auto before = [](const Ranked& a, const Ranked& b) {
      if (a.first != b.first) return a.first > b.first;
      return ref_less(a.second.ref, b.second.ref);
    };
    std::vector<Ranked> best;
    std::size_t rated = 0;
    for (const Record& r : map.scenarios) {
      if (!rating_at(r, Stage::current)) continue;
      ++rated;
      Ranked candidate{key(r), r};
      if (best.size() == top_risk_count && !before(candidate, best.back())) continue;
      best.insert(std::upper_bound(best.begin(), best.end(), candidate, before),
                  std::move(candidate));
      if (best.size() > top_risk_count) best.pop_back();
    }
    const std::size_t top = best.size();
    ViewData top_risks{ViewData::type::list};
    for (std::size_t i = 0; i < top; ++i) {
      ViewData row = risk_view(best[i].second);
      row.set("rank", std::to_string(i + 1));
      top_risks.push_back(row);
    }
    view.set("top_count", std::to_string(top));
    // The rated scenarios beyond the first ten are in the register.
    view.set("has_more_risks", rated > top);
    view.set("more_risk_count", std::to_string(rated - top));
    view.set("one_more_risk", rated - top == 1);
    view.set("has_top_risks", top > 0);
    view.set("top_risks", top_risks);
    view.set("has_above_appetite", above > 0);

    // The most exposed assets: named by the most scenarios at or above the
    // appetite at the current stage.
    std::unordered_map<std::string, std::size_t> exposure;
    for (const Record& r : map.scenarios) {
      if (level_at(r, Stage::current, method).value_or(0) < method.appetite) continue;
      if (const auto* refs = std::get_if<std::vector<std::string>>(&r.values[assets_at]))
        for (const auto& ref : *refs) ++exposure[ref];
    }
    std::vector<std::pair<std::string, std::size_t>> exposed(exposure.begin(), exposure.end());
    std::sort(exposed.begin(), exposed.end(), [](const auto& a, const auto& b) {
      if (a.second != b.second) return a.second > b.second;
      return ref_less(a.first, b.first);
    });
    const std::size_t exposed_total = exposed.size();
    if (exposed.size() > top_asset_count) exposed.resize(top_asset_count);
    view.set("has_more_assets", exposed_total > exposed.size());
    view.set("more_asset_count", std::to_string(exposed_total - exposed.size()));
    view.set("one_more_asset", exposed_total - exposed.size() == 1);
    Annex annex(lang);
    const std::string annex_what =
        ctx.text("Scénarios qui visent le bien, au seuil ou au-dessus",
                 "Scenarios aiming at the asset, at or above the appetite");
    std::unordered_map<std::string, std::vector<std::string>> exposed_by;
    for (const auto& [ref, n] : exposed) exposed_by[ref];
    for (const Record& r : map.scenarios) {
      if (level_at(r, Stage::current, method).value_or(0) < method.appetite) continue;
      if (const auto* refs = std::get_if<std::vector<std::string>>(&r.values[assets_at]))
        for (const auto& ref : *refs)
          if (auto it = exposed_by.find(ref); it != exposed_by.end()) it->second.push_back(r.ref);
    }
    ViewData assets{ViewData::type::list};
    for (std::size_t i = 0; i < exposed.size(); ++i) {
      const auto& [ref, n] = exposed[i];
      auto& scenario_refs = exposed_by[ref];
      std::sort(scenario_refs.begin(), scenario_refs.end(), ref_less);
      ViewData row;
      row.set("rank", std::to_string(i + 1));
      row.set("ref", ref);
      const auto it = map.asset_at.find(ref);
      row.set("name", it == map.asset_at.end() ? std::string()
                                               : text_of(map.assets[it->second].values[name_at]));
      row.set("kind", it == map.asset_at.end()
                          ? std::string()
                          : choice_label(asset_kinds(),
                                         map.assets[it->second].values[asset_kind_at], lang));
      row.set("count", std::to_string(n));
      row.set("refs", annex.list(scenario_refs, refs_shown, ref, annex_what));
      assets.push_back(row);
    }
    view.set("has_exposed_assets", !exposed.empty());
    view.set("exposed_assets", assets);
    annex.set(view);

    // One line per framework in force.
    ViewData compliance{ViewData::type::list};
    for (const FrameworkStanding* framework : ctx.frameworks_in_force()) {
      ViewData line;
      line.set("id", framework->info.id);
      line.set("title", framework->info.title);
      line.set("figures", compliance_figures(framework->counts, lang));
      compliance.push_back(line);
    }
    view.set("has_compliance", !ctx.frameworks_in_force().empty());
    view.set("compliance", compliance);

    // Streamed: a large map may hold many risks above the appetite. They
    // come in register order (highest current level first, then ref).
    const ViewStreams streams{{"above_appetite_risks", [&](const auto& emit) {
                                 std::size_t rank = 0;
                                 for (const Record& r : map.scenarios) {
                                   if (level_at(r, Stage::current, method).value_or(0) <=
                                       method.appetite)
                                     continue;
                                   ViewData row = risk_view(r);
                                   row.set("rank", std::to_string(++rank));
                                   emit(row);
                                 }
                               }}};
    ctx.markdown("summary", title, view, streams);
  };
  return d;
}

}  // namespace riskmap
