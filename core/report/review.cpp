// The critical review of the map: how it was reviewed (scope, rules applied
// and turned off, date), the findings counted by theme and severity, then
// listed per theme; the organisation's recorded levels set against the
// recomputed ones; and recommendations drawn from the themes with findings.
// As Markdown and as CSV (every finding).
#include <algorithm>
#include <array>
#include <optional>
#include <unordered_map>

#include <fmt/format.h>

#include "deliverable.hpp"
#include "diff.hpp"
#include "review.hpp"
#include "text.hpp"
#include "view.hpp"
#include "wording.hpp"

namespace riskmap {

namespace {

// The view names of the themes, for the recommendations, in Theme order.
constexpr std::array<const char*, theme_count> theme_keys{"completeness", "coverage", "rating",
                                                          "treatment",    "controls", "ecosystem",
                                                          "governance",   "study"};

const Text& kind_label(std::string_view kind) {
  static const std::pair<std::string_view, Text> labels[] = {
      {"scenario", {"Scénario", "Scenario"}},
      {"asset", {"Bien", "Asset"}},
      {"control", {"Mesure", "Control"}},
      {"action", {"Action", "Action"}},
      {"stakeholder", {"Partie prenante", "Stakeholder"}},
      {"feared_event", {"Événement redouté", "Feared event"}},
      {"origin", {"Couple SR/OV", "SR/OV couple"}},
      {"path", {"Chemin d’attaque", "Attack path"}},
      {"operational", {"Scénario opérationnel", "Operational scenario"}},
      {"likelihood", {"Échelle de vraisemblance", "Likelihood scale"}},
      {"impact", {"Échelle de gravité", "Impact scale"}},
      {"level", {"Niveau de risque", "Risk level"}},
      {"owner", {"Propriétaire", "Owner"}},
  };
  for (const auto& [id, label] : labels)
    if (id == kind) return label;
  return labels[0].second;
}

// The map set against the one it was made from (the snapshot the
// evolution deliverable starts from): what each held, and what became of
// the earlier scenarios, counted as riskmap diff counts them.
void set_original_map(ReportContext& ctx, ViewData& view) {
  const ReportOptions& options = ctx.options;
  view.set("has_baseline", options.baseline != nullptr);
  if (!options.baseline) return;
  const Lang lang = ctx.lang;
  const auto number = [&](std::size_t n) {
    return wording::whole_number(static_cast<std::int64_t>(n), lang);
  };
  const MapComparison c = compare_maps(*options.baseline, ctx.workspace);
  view.set("baseline_name", options.baseline_name);
  view.set("baseline_date", wording::long_date(options.baseline_date, lang));
  ViewData rows{ViewData::type::list};
  const auto row = [&](const Text& what, std::size_t before, std::size_t after) {
    ViewData v;
    v.set("what", what.in(lang));
    v.set("before", number(before));
    v.set("after", number(after));
    rows.push_back(v);
  };
  row({"Scénarios de risque", "Risk scenarios"}, c.before.scenarios, c.after.scenarios);
  const std::string stage = ctx.stage_word(Stage::current);
  row({fmt::format("Scénarios cotés au stade {}", stage),
       fmt::format("Scenarios rated at the {} stage", stage)},
      c.before.rated, c.after.rated);
  row({"Scénarios sans propriétaire", "Scenarios without an owner"}, c.before.unowned,
      c.after.unowned);
  row({"Propriétaires de risques désignés", "Risk owners named"}, c.before.owners, c.after.owners);
  row({"Biens", "Assets"}, c.before.assets, c.after.assets);
  row({"Mesures de sécurité", "Security controls"}, c.before.controls, c.after.controls);
  view.set("original", rows);
  view.set("kept_count", number(c.kept));
  view.set("raised_count", number(c.raised));
  view.set("lowered_count", number(c.lowered));
  view.set("now_rated_count", number(c.now_rated));
  view.set("has_now_rated", c.now_rated > 0);
  view.set("no_longer_rated_count", number(c.no_longer_rated));
  view.set("has_no_longer_rated", c.no_longer_rated > 0);
  view.set("same_level_count", number(c.same_level));
  view.set("dropped_count", number(c.dropped));
  view.set("added_count", number(c.added));
}

}  // namespace

Deliverable review_deliverable() {
  const ViewSchema rule{
      {"title", {}}, {"theme", {}}, {"severity", {}}, {"summary", {}}, {"count", {}}};
  const ViewSchema counts{{"theme", {}}, {"high", {}}, {"medium", {}},
                          {"low", {}},   {"info", {}}, {"total", {}}};
  Deliverable d;
  d.name = "review";
  d.title = {"Revue critique de la cartographie des risques", "Critical review of the risk map"};
  d.streamed = {"findings", "recorded"};
  d.schema = ViewSchema{
      {"asset_count", {}},
      {"business_value_count", {}},
      {"supporting_count", {}},
      {"scenario_count", {}},
      {"control_count", {}},
      {"stakeholder_count", {}},
      {"action_count", {}},
      {"has_study", {}},
      {"feared_event_count", {}},
      {"origin_count", {}},
      {"strategic_count", {}},
      {"path_count", {}},
      {"operational_count", {}},
      {"step_count", {}},
      {"rule_count", {}},
      {"has_rules", {}},
      {"rules", rule},
      {"off_count", {}},
      {"has_off", {}},
      {"off", rule},
      {"finding_count", {}},
      {"has_findings", {}},
      {"high_count", {}},
      {"medium_count", {}},
      {"low_count", {}},
      {"info_count", {}},
      {"themes", counts},
      {"has_quiet_themes", {}},
      {"quiet_themes", {}},
      {"quiet_rules", {}},
      {"one_quiet_theme", {}},
      {"findings",
       {{"first", {}},
        {"theme", {}},
        {"theme_count", {}},
        {"severity", {}},
        {"ref", {}},
        {"message", {}},
        {"fix", {}}}},
      {"has_recorded", {}},
      {"recorded_count", {}},
      {"agree_count", {}},
      {"over_count", {}},
      {"under_count", {}},
      {"unrated_count", {}},
      {"has_unrated", {}},
      {"recorded", {{"ref", {}}, {"title", {}}, {"recorded", {}}, {"computed", {}}, {"gap", {}}}},
      {"csv", {}},
      {"continuity_rules", {}},
      {"has_continuity_gaps", {}},
      {"continuity_gap_count", {}},
      {"one_continuity_gap", {}},
      {"continuity_left", {}},
      {"continuity_left_count", {}},
      {"max_acceptance_months", {}},
      {"has_baseline", {}},
      {"baseline_name", {}},
      {"baseline_date", {}},
      {"original", {{"what", {}}, {"before", {}}, {"after", {}}}},
      {"kept_count", {}},
      {"raised_count", {}},
      {"lowered_count", {}},
      {"now_rated_count", {}},
      {"has_now_rated", {}},
      {"no_longer_rated_count", {}},
      {"has_no_longer_rated", {}},
      {"same_level_count", {}},
      {"dropped_count", {}},
      {"added_count", {}}};
  for (const char* key : theme_keys) {
    d.schema.names[std::string("recommend_") + key] = {};
    d.schema.names[std::string(key) + "_count"] = {};
  }
  d.workbook = true;
  d.render = [title = d.title](ReportContext& ctx) {
    const Lang lang = ctx.lang;
    const bool fr = lang == Lang::fr;
    const Method& method = ctx.method;
    const auto number = [&](std::size_t n) {
      return wording::whole_number(static_cast<std::int64_t>(n), lang);
    };

    const ReviewResult& result = ctx.review();

    // Counts by rule, theme and severity.
    std::unordered_map<const RuleInfo*, std::size_t> per_rule;
    std::array<std::array<std::size_t, 4>, theme_count> per_theme{};
    const std::array<std::size_t, 4>& per_severity = result.findings.per_severity();
    for (const RuleInfo& r : review_rules()) {
      const auto of_rule = result.findings.of_rule(r);
      const std::size_t total = of_rule[0] + of_rule[1] + of_rule[2] + of_rule[3];
      if (total == 0) continue;
      per_rule[&r] = total;
      for (std::size_t s = 0; s < of_rule.size(); ++s)
        per_theme[static_cast<std::size_t>(r.theme)][s] += of_rule[s];
    }
    const ReviewSettings& settings = ctx.workspace.config().review;
    const auto rule_view = [&](const RuleInfo* r) {
      ViewData v;
      v.set("title", r->title.in(lang));
      v.set("theme", theme_label(r->theme).in(lang));
      v.set("severity", severity_label(settings.severity_of(*r)).in(lang));
      v.set("summary", r->summary.in(lang));
      const auto found = per_rule.find(r);
      v.set("count", number(found == per_rule.end() ? 0 : found->second));
      return v;
    };
    // Themes with findings have a row each, and their rules a row each;
    // the themes without one are named on one line with their rules, so
    // that a clean theme does not read as rows of zeros. A theme none of
    // the applied rules belongs to (the study's, on a map without one) is
    // not named.
    const auto theme_total = [&](Theme theme) {
      const auto& c = per_theme[static_cast<std::size_t>(theme)];
      return c[0] + c[1] + c[2] + c[3];
    };
    ViewData rules{ViewData::type::list}, off{ViewData::type::list};
    std::array<std::vector<std::string>, theme_count> quiet_rules;
    for (const RuleInfo* r : result.applied) {
      if (theme_total(r->theme) > 0)
        rules.push_back(rule_view(r));
      else
        quiet_rules[static_cast<std::size_t>(r->theme)].push_back(r->title.in(lang));
    }
    for (const RuleInfo* r : result.turned_off) off.push_back(rule_view(r));

    ViewData themes{ViewData::type::list};
    std::vector<std::string> quiet, quiet_with_rules;
    for (std::size_t t = 0; t < theme_count; ++t) {
      const auto theme = static_cast<Theme>(t);
      const auto& c = per_theme[t];
      const std::size_t total = theme_total(theme);
      if (total == 0) {
        if (quiet_rules[t].empty()) continue;
        const std::string name = wording::quoted(theme_label(theme).in(lang), lang);
        quiet.push_back(name);
        quiet_with_rules.push_back(fmt::format("{} ({})", name, join(quiet_rules[t], ", ")));
        continue;
      }
      ViewData v;
      v.set("theme", theme_label(theme).in(lang));
      v.set("high", number(c[3]));
      v.set("medium", number(c[2]));
      v.set("low", number(c[1]));
      v.set("info", number(c[0]));
      v.set("total", number(total));
      themes.push_back(v);
    }

    // Findings by theme, each theme in the review's order (severity, rule, ref).
    const auto findings = [&](const auto& emit) {
      ViewData v;  // reused from one finding to the next: see view.hpp
      std::optional<Theme> previous;
      result.findings.for_each_by_theme([&](const Finding& f) {
        const auto t = static_cast<std::size_t>(f.rule->theme);
        const auto& c = per_theme[t];
        flag(v, "first", previous != f.rule->theme);
        previous = f.rule->theme;
        assign(v, "theme", theme_label(f.rule->theme).in(lang));
        assign(v, "theme_count", number(c[0] + c[1] + c[2] + c[3]));
        assign(v, "severity", severity_label(f.severity).in(lang));
        assign(v, "ref", f.ref);
        assign(v, "message", f.message);
        assign(v, "fix", f.fix);
        emit(v);
      });
    };

    // Recorded against recomputed levels.
    std::size_t agree = 0, over = 0, under = 0, unrated = 0;
    for (const RecordedLevel& r : result.recorded) {
      if (!r.computed)
        ++unrated;
      else if (r.recorded == *r.computed)
        ++agree;
      else if (r.recorded > *r.computed)
        ++over;
      else
        ++under;
    }
    const auto level_label = [&](int position) {
      return position >= 1 && position <= method.levels.size()
                 ? method.levels.at(position).label.in(lang)
                 : std::to_string(position);
    };
    const auto recorded = [&](const auto& emit) {
      ViewData v;  // reused from one scenario to the next: see view.hpp
      for (const RecordedLevel& r : result.recorded) {
        assign(v, "ref", r.ref);
        assign(v, "title", r.title);
        assign(v, "recorded", level_label(r.recorded));
        std::string gap;
        if (!r.computed) {
          assign(v, "computed", ctx.text("non coté", "not rated"));
          gap = "—";
        } else {
          assign(v, "computed", level_label(*r.computed));
          const int by = r.recorded - *r.computed;
          const int size = by > 0 ? by : -by;
          if (by == 0)
            gap = ctx.text("aucun", "none");
          else if (fr)
            gap = fmt::format("{} de {}{}niveau{}", by > 0 ? "surestimé" : "sous-estimé", size,
                              wording::nbsp, size > 1 ? "x" : "");
          else
            gap = fmt::format("{}-estimated by {} level{}", by > 0 ? "over" : "under", size,
                              size > 1 ? "s" : "");
        }
        assign(v, "gap", gap);
        emit(v);
      }
    };

    ViewData view = ctx.common_view(title);
    const ReviewScope& scope = result.scope;
    view.set("asset_count", number(scope.assets));
    view.set("business_value_count", number(scope.business_values));
    view.set("supporting_count", number(scope.supporting));
    view.set("scenario_count", number(scope.scenarios));
    view.set("control_count", number(scope.controls));
    view.set("stakeholder_count", number(scope.stakeholders));
    view.set("action_count", number(scope.actions));
    view.set("has_study", scope.feared_events + scope.origins + scope.strategic + scope.paths +
                                  scope.operational + scope.steps >
                              0);
    view.set("feared_event_count", number(scope.feared_events));
    view.set("origin_count", number(scope.origins));
    view.set("strategic_count", number(scope.strategic));
    view.set("path_count", number(scope.paths));
    view.set("operational_count", number(scope.operational));
    view.set("step_count", number(scope.steps));
    view.set("rule_count", number(result.applied.size()));
    view.set("has_rules", !rules.is_empty_list());
    view.set("rules", rules);
    view.set("off_count", number(result.turned_off.size()));
    view.set("has_off", !result.turned_off.empty());
    view.set("off", off);
    view.set("finding_count", number(result.findings.size()));
    view.set("has_findings", !result.findings.empty());
    view.set("high_count", number(per_severity[3]));
    view.set("medium_count", number(per_severity[2]));
    view.set("low_count", number(per_severity[1]));
    view.set("info_count", number(per_severity[0]));
    view.set("themes", themes);
    view.set("has_quiet_themes", !quiet.empty());
    view.set("quiet_themes", wording::and_list(quiet, lang));
    view.set("quiet_rules", wording::and_list(quiet_with_rules, lang));
    view.set("one_quiet_theme", quiet.size() == 1);
    view.set("has_recorded", !result.recorded.empty());
    view.set("recorded_count", number(result.recorded.size()));
    view.set("agree_count", number(agree));
    view.set("over_count", number(over));
    view.set("under_count", number(under));
    view.set("unrated_count", number(unrated));
    view.set("has_unrated", unrated > 0);
    for (std::size_t t = 0; t < theme_count; ++t) {
      const auto& c = per_theme[t];
      const std::size_t total = c[0] + c[1] + c[2] + c[3];
      view.set(std::string("recommend_") + theme_keys[t], total > 0);
      view.set(std::string(theme_keys[t]) + "_count", number(total));
    }
    view.set("csv", "review.csv");
    // The continuity findings are the gaps of the continuity deliverable,
    // one by one, from the same computation; the text says so, and how many
    // a rule turned off leaves out.
    std::vector<std::string> continuity_rules;
    for (const char* id : {"critical-asset-no-continuity", "continuity-objective-exceeded"})
      continuity_rules.push_back(wording::quoted(find_rule(id)->title.in(lang), lang));
    view.set("continuity_rules", wording::and_list(continuity_rules, lang));
    std::size_t gap_count = 0, continuity_findings = 0;
    for (const ContinuityRow& row : ctx.continuity()) gap_count += row.gaps.size();
    for (const char* id : {"critical-asset-no-continuity", "continuity-objective-exceeded"})
      if (const auto found = per_rule.find(find_rule(id)); found != per_rule.end())
        continuity_findings += found->second;
    view.set("has_continuity_gaps", gap_count > 0);
    view.set("continuity_gap_count", number(gap_count));
    view.set("one_continuity_gap", gap_count == 1);
    view.set("continuity_left", continuity_findings < gap_count);
    view.set("continuity_left_count",
             number(gap_count > continuity_findings ? gap_count - continuity_findings : 0));
    view.set("max_acceptance_months",
             number(static_cast<std::size_t>(settings.max_acceptance_months)));
    set_original_map(ctx, view);
    ctx.markdown("review", title, view,
                 ViewStreams{{"findings", findings}, {"recorded", recorded}});

    if (TableOut* table = ctx.table(
            "review.csv", Text{"Constats", "Findings"},
            fr ? std::vector<std::string>{"Gravité", "Règle", "Id. de la règle", "Thème", "Type",
                                          "Réf.", "Constat", "Correction proposée"}
               : std::vector<std::string>{"Severity", "Rule", "Rule id", "Theme", "Kind", "Ref",
                                          "Finding", "Proposed fix"})) {
      std::vector<std::string> cells;  // reused from one finding to the next
      result.findings.for_each_by_theme([&](const Finding& f) {
        cells.assign({severity_label(f.severity).in(lang), f.rule->title.in(lang),
                      std::string(f.rule->id), theme_label(f.rule->theme).in(lang),
                      kind_label(f.kind).in(lang), f.ref, f.message, f.fix});
        table->row(cells);
      });
    }
  };
  return d;
}

}  // namespace riskmap
