// The consolidated risk register: every scenario with its assets, source,
// threat, levels at the three stages (the inherent one when the map uses
// it), treatment and owner, highest current level first; as Markdown and
// as CSV.
#include <fmt/format.h>

#include "asset.hpp"
#include "deliverable.hpp"
#include "text.hpp"
#include "view.hpp"

namespace riskmap {

Deliverable register_deliverable() {
  const ViewSchema level_names{
      {"rated", {}}, {"id", {}}, {"label", {}}, {"colour", {}}, {"position", {}}};
  Deliverable d;
  d.name = "register";
  d.title = {"Registre des risques", "Risk register"};
  d.schema = ViewSchema{{"count", {}},
                        {"above_appetite_count", {}},
                        {"has_inherent", {}},
                        {"csv", {}},
                        {"scenarios",
                         {{"ref", {}},
                          {"title", {}},
                          {"assets", {}},
                          {"risk_source", {}},
                          {"threat", {}},
                          {"inherent", level_names},
                          {"current", level_names},
                          {"residual", level_names},
                          {"inherent_label", {}},
                          {"current_label", {}},
                          {"residual_label", {}},
                          {"treatment", {}},
                          {"owner", {}},
                          {"status", {}},
                          {"above_appetite", {}}}}};
  d.streamed = {"scenarios"};
  d.render = [title = d.title](ReportContext& ctx) {
    const MapData& map = ctx.map();
    const EntityKind& kind = scenario_kind();
    const std::size_t assets_at = kind.index("assets"), treatment_at = kind.index("treatment"),
                      status_at = kind.index("status");
    const std::string unrated = "—";
    // Texts every row repeats, made once: level labels, "A1 Asset name".
    std::vector<std::string> level_label{unrated};
    for (int i = 1; i <= ctx.method.levels.size(); ++i)
      level_label.push_back(ctx.method.levels.at(i).label.in(ctx.lang));
    const auto label_at = [&](const Record& r, Stage stage) -> const std::string& {
      return level_label[static_cast<std::size_t>(level_at(r, stage, ctx.method).value_or(0))];
    };
    std::vector<std::string> asset_label;
    asset_label.reserve(map.assets.size());
    for (const Record& a : map.assets)
      asset_label.push_back(
          fmt::format("{} {}", a.ref, text_of(a.values[asset_kind().index("name")])));
    std::string assets;
    const auto asset_text = [&](const Record& r) -> const std::string& {
      assets.clear();
      for (const auto& ref : std::get<std::vector<std::string>>(r.values[assets_at])) {
        if (!assets.empty()) assets += ", ";
        const auto it = map.asset_at.find(ref);
        assets += it == map.asset_at.end() ? ref : asset_label[it->second];
      }
      return assets;
    };
    std::size_t above = 0;
    for (const auto& r : map.scenarios)
      if (level_at(r, Stage::current, ctx.method).value_or(0) > ctx.method.appetite) ++above;

    ViewData view = ctx.common_view(title);
    view.set("count", std::to_string(map.scenarios.size()));
    view.set("above_appetite_count", std::to_string(above));
    const bool inherent = ctx.has_inherent();
    view.set("has_inherent", inherent);
    view.set("csv", "register.csv");
    const ViewStreams streams{
        {"scenarios", [&](const auto& emit) {
           ViewData row;  // reused from one scenario to the next: see view.hpp
           for (const Record& r : map.scenarios) {
             assign(row, "ref", r.ref);
             assign(row, "title", text_of(r.values[kind.index("title")]));
             assign(row, "assets", asset_text(r));
             assign(row, "risk_source", text_of(r.values[kind.index("risk_source")]));
             assign(row, "threat", text_of(r.values[kind.index("threat")]));
             for (const Stage stage : all_stages) {
               const std::string_view name = to_string(stage);
               ctx.assign_level(child(row, std::string(name), ViewData::type::object),
                                ctx.method.levels, level_at(r, stage, ctx.method));
               assign(row, std::string(name) + "_label", label_at(r, stage));
             }
             assign(row, "treatment", choice_label(treatments(), r.values[treatment_at], ctx.lang));
             assign(row, "owner", text_of(r.values[kind.index("owner")]));
             assign(row, "status",
                    choice_label(scenario_statuses(), r.values[status_at], ctx.lang));
             flag(row, "above_appetite",
                  level_at(r, Stage::current, ctx.method).value_or(0) > ctx.method.appetite);
             emit(row);
           }
         }}};
    ctx.markdown("register", title, view, streams);

    if (std::ostream* csv = ctx.side_file("register.csv")) {
      if (ctx.options.csv_bom) *csv << "\xEF\xBB\xBF";
      std::vector<std::string> header{
          ctx.text("Réf.", "Ref"), ctx.text("Scénario", "Scenario"), ctx.text("Biens", "Assets"),
          ctx.text("Source de risque", "Risk source"), ctx.text("Menace", "Threat")};
      if (inherent) header.push_back(ctx.text("Niveau brut", "Inherent level"));
      header.insert(
          header.end(),
          {ctx.lang == Lang::fr ? std::string("Niveau initial")
                                : fmt::format("{} level", ctx.stage_name(Stage::current)),
           ctx.text("Niveau résiduel", "Residual level"), ctx.text("Traitement", "Treatment"),
           ctx.text("Propriétaire", "Owner"), ctx.text("Statut", "Status")});
      ctx.csv_row(*csv, header);
      std::vector<std::string> cells;
      for (const Record& r : map.scenarios) {
        cells = {r.ref, text_of(r.values[kind.index("title")]), asset_text(r),
                 text_of(r.values[kind.index("risk_source")]),
                 text_of(r.values[kind.index("threat")])};
        for (const Stage stage : all_stages)
          if (stage != Stage::inherent || inherent) cells.push_back(label_at(r, stage));
        cells.push_back(choice_label(treatments(), r.values[treatment_at], ctx.lang));
        cells.push_back(text_of(r.values[kind.index("owner")]));
        cells.push_back(choice_label(scenario_statuses(), r.values[status_at], ctx.lang));
        ctx.csv_row(*csv, cells);
      }
    }
  };
  return d;
}

}  // namespace riskmap
