// The methodological kit: the scope of the mission, the scales and levels
// with their descriptions, the matrix, the acceptance criteria and appetite,
// the roles, then the whole life of the map in the client's hands —
// installing riskmap, the daily commands of every kind of record, importing
// a map, the review, snapshots, deliverables, backups and the year's
// calendar (method_kit.cpp). The examples use the workspace's own method
// ids and next free refs, so that each command line runs as written. For
// EBIOS RM, the five workshops and where the study lives in riskmap
// (method_study.cpp).
#include <algorithm>

#include <fmt/format.h>

#include "asset.hpp"
#include "deliverable.hpp"
#include "method_kit.hpp"
#include "method_study.hpp"
#include "store.hpp"
#include "text.hpp"
#include "view.hpp"

namespace riskmap {

namespace {

// The id of the step at `position`, or of the last step on a shorter scale.
std::string id_at(const Scale& scale, int position) {
  return scale.at(std::clamp(position, 1, scale.size())).id;
}

// "Faible, Moyen ou Élevé" / "Low, Medium or High".
std::string or_list(const std::vector<std::string>& items, Lang lang) {
  if (items.size() < 2) return join(items, "");
  const std::vector<std::string> first(items.begin(), items.end() - 1);
  return fmt::format("{} {} {}", join(first, ", "), lang == Lang::fr ? "ou" : "or", items.back());
}

}  // namespace

ViewSchema grid_schema() {
  return ViewSchema{
      {"matrix_impacts", {{"id", {}}, {"label", {}}}},
      {"matrix_rows",
       {{"id", {}}, {"label", {}}, {"cells", {{"id", {}}, {"label", {}}, {"above", {}}}}}}};
}

void add_grid(ReportContext& ctx, ViewData& view) {
  const Method& method = ctx.method;
  const Lang lang = ctx.lang;
  ViewData impacts{ViewData::type::list};
  for (int i = 1; i <= method.impact.size(); ++i) {
    ViewData impact;
    impact.set("id", method.impact.at(i).id);
    impact.set("label", method.impact.at(i).label.in(lang));
    impacts.push_back(impact);
  }
  view.set("matrix_impacts", impacts);
  ViewData rows{ViewData::type::list};
  for (int l = method.likelihood.size(); l >= 1; --l) {
    ViewData row;
    row.set("id", method.likelihood.at(l).id);
    row.set("label", method.likelihood.at(l).label.in(lang));
    ViewData cells{ViewData::type::list};
    for (int i = 1; i <= method.impact.size(); ++i) {
      const int v = method.level_of(l, i);
      ViewData cell;
      cell.set("id", method.levels.at(v).id);
      cell.set("label", method.levels.at(v).label.in(lang));
      cell.set("above", v > method.appetite);
      cells.push_back(cell);
    }
    row.set("cells", cells);
    rows.push_back(row);
  }
  view.set("matrix_rows", rows);
}

Deliverable method_deliverable() {
  Deliverable d;
  d.name = "method";
  d.title = {"Kit méthodologique de la cartographie des risques", "Risk map methodological kit"};
  d.schema = ViewSchema{
      {"acceptance_limit", {}},
      {"scenario_count", {}},
      {"asset_count", {}},
      {"primary_count", {}},
      {"supporting_count", {}},
      {"has_assets", {}},
      {"asset_kinds", {{"label", {}}, {"count", {}}}},
      {"likelihood_count", {}},
      {"impact_count", {}},
      {"level_count", {}},
      {"risk_levels",
       {{"id", {}},
        {"label", {}},
        {"description", {}},
        {"colour", {}},
        {"position", {}},
        {"above", {}},
        {"is_appetite", {}}}},
      {"above_levels", {}},
      {"acceptable_levels", {}},
      {"has_above_levels", {}},
      {"has_inherent", {}},
      {"ebios_rm", {}},
      {"study", study_schema()},
      // Raw values for code blocks (ids and refs: letters, digits, '.', '_', '-').
      {"example_ref", {}},
      {"example_asset", {}},
      {"example_inherent_likelihood", {}},
      {"example_inherent_impact", {}},
      {"example_likelihood", {}},
      {"example_impact", {}},
      {"example_lower_likelihood", {}},
      {"example_residual_likelihood", {}},
      {"example_residual_impact", {}},
      {"example_need_high", {}},
      {"example_need_medium", {}},
      {"example_min_level", {}},
      {"example_review_date", {}},
      {"has_compliance_example", {}},
      {"example_framework", {}},
      {"example_requirement", {}},
      {"example_maturity", {}},
      {"likelihood_ids", {}},
      {"impact_ids", {}},
      {"level_ids", {}}};
  for (auto& [name, child] : grid_schema().names) d.schema.names[name] = child;
  for (auto& [name, child] : kit_schema().names) d.schema.names[name] = child;
  d.render = [title = d.title](ReportContext& ctx) {
    const MapData& map = ctx.map();
    const Method& method = ctx.method;
    const Lang lang = ctx.lang;
    ViewData view = ctx.common_view(title);
    // An unset mission title is left out ({{#mission}}): false, not "".
    if (!ctx.workspace.config().mission.title || ctx.workspace.config().mission.title->empty())
      view.set("mission", false);

    // The scope: what the map holds today.
    const EntityKind& akind = asset_kind();
    const std::size_t kind_at = akind.index("kind"), role_at = akind.index("role");
    std::size_t primary = 0;
    std::vector<std::size_t> per_kind(asset_kinds().size(), 0);
    for (const Record& a : map.assets) {
      const auto* role = std::get_if<std::string>(&a.values[role_at]);
      if (role && *role == "primary") ++primary;
      if (const auto* k = std::get_if<std::string>(&a.values[kind_at]))
        for (std::size_t i = 0; i < asset_kinds().size(); ++i)
          if (asset_kinds()[i].id == *k) ++per_kind[i];
    }
    view.set("scenario_count", std::to_string(map.scenarios.size()));
    // How long an acceptance may run: [review] max_acceptance_months, which
    // the review checks (acceptance-too-long).
    const std::int64_t months = ctx.workspace.config().review.max_acceptance_months;
    view.set("acceptance_limit", acceptance_limit(months, lang));
    view.set("asset_count", std::to_string(map.assets.size()));
    view.set("primary_count", std::to_string(primary));
    view.set("supporting_count", std::to_string(map.assets.size() - primary));
    view.set("has_assets", !map.assets.empty());
    ViewData kinds{ViewData::type::list};
    for (std::size_t i = 0; i < per_kind.size(); ++i) {
      if (per_kind[i] == 0) continue;
      ViewData k;
      k.set("label", asset_kinds()[i].label.in(lang));
      k.set("count", std::to_string(per_kind[i]));
      kinds.push_back(k);
    }
    view.set("asset_kinds", kinds);

    // Scales, levels and the matrix.
    view.set("likelihood_count", std::to_string(method.likelihood.size()));
    view.set("impact_count", std::to_string(method.impact.size()));
    view.set("level_count", std::to_string(method.levels.size()));
    ViewData levels{ViewData::type::list};
    std::vector<std::string> above, acceptable;
    for (int v = 1; v <= method.levels.size(); ++v) {
      const Step& step = method.levels.at(v);
      ViewData level = ctx.level_view(method.levels, v);
      level.set("description", step.description.in(lang));
      level.set("above", v > method.appetite);
      level.set("is_appetite", v == method.appetite);
      levels.push_back(level);
      (v > method.appetite ? above : acceptable).push_back(step.label.in(lang));
    }
    view.set("risk_levels", levels);
    view.set("above_levels", or_list(above, lang));
    view.set("acceptable_levels", or_list(acceptable, lang));
    view.set("has_above_levels", !above.empty());
    add_grid(ctx, view);
    view.set("has_inherent", ctx.has_inherent());
    add_study(ctx, view);

    // Examples for the commands, with this workspace's ids and next refs.
    view.set("example_ref", RecordStore(ctx.workspace, scenario_kind()).next_ref());
    view.set("example_inherent_likelihood", id_at(method.likelihood, 3));
    view.set("example_inherent_impact", id_at(method.impact, 3));
    view.set("example_likelihood", id_at(method.likelihood, 2));
    view.set("example_impact", id_at(method.impact, 3));
    view.set("example_lower_likelihood", id_at(method.likelihood, 1));
    view.set("example_residual_likelihood", id_at(method.likelihood, 1));
    view.set("example_residual_impact", id_at(method.impact, 3));
    view.set("example_need_high", id_at(method.impact, 3));
    view.set("example_need_medium", id_at(method.impact, 2));
    view.set("example_min_level", id_at(method.levels, method.appetite + 1));
    view.set("example_review_date", add_months(ctx.options.today, 12).to_string());
    const auto ids = [](const Scale& scale) {
      std::vector<std::string> out;
      for (const Step& step : scale.steps) out.push_back(step.id);
      return join(out, ", ");
    };
    view.set("likelihood_ids", ids(method.likelihood));
    view.set("impact_ids", ids(method.impact));
    view.set("level_ids", ids(method.levels));
    // The compliance examples name the first referential and its first requirement.
    std::string framework, requirement, maturity;
    for (const FrameworkStanding* standing : ctx.referentials())
      if (!standing->rows.empty()) {
        framework = standing->info.id;
        requirement = standing->rows.front().requirement.id;
        const auto& scale = standing->info.maturity;
        if (!scale.empty()) maturity = std::to_string(scale[scale.size() / 2].score);
        break;
      }
    view.set("has_compliance_example", !framework.empty());
    view.set("example_framework", framework);
    view.set("example_requirement", requirement);
    assign_optional(view, "example_maturity", maturity);
    // The life of the map without the mission team: the records and their
    // commands, the review, the calendar (method_kit.cpp); sets example_asset.
    add_kit(ctx, view);
    ctx.markdown("method", title, view);
  };
  return d;
}

}  // namespace riskmap
