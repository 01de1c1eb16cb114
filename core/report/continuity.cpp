// Continuity alignment: the critical assets with their tolerances (MTD, MTDL)
// or recovery objectives (RTO, RPO) and their BCP/DRP references, how many
// are covered by a plan, the scenarios that breach their availability or
// integrity, and the gaps; as Markdown and as CSV.
#include <algorithm>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "annex.hpp"
#include "asset.hpp"
#include "continuity.hpp"
#include "deliverable.hpp"
#include "text.hpp"
#include "wording.hpp"

namespace riskmap {

namespace {

// A gap as one line of text: "RTO de 2 jours au-delà de la DMIA de A2 (1 jour)".
std::string gap_text(const ContinuityRow& row, const ContinuityGap& gap,
                     const std::unordered_map<std::string, const ContinuityRow*>& by_ref,
                     Lang lang) {
  const bool fr = lang == Lang::fr;
  const auto value = [&](const std::string& ref) {
    const auto found = by_ref.find(ref);
    return found == by_ref.end() || found->second->name.empty()
               ? ref
               : fmt::format("{} {}", ref, found->second->name);
  };
  switch (gap.kind) {
    case GapKind::no_plan:
      return fr ? "Aucun plan\u00a0: ni PCA ni PRI" : "No plan: neither BCP nor DRP";
    case GapKind::no_rto:
      if (row.role == "supporting") return fr ? "RTO non défini" : "No RTO set";
      return fr ? "DMIA non définie" : "No MTD set";
    case GapKind::rto_exceeds_mtd:
      return fr ? fmt::format("RTO de {} au-delà de la DMIA de {} ({})",
                              wording::duration(gap.have, lang), value(gap.business_value),
                              wording::duration(gap.allowed, lang))
                : fmt::format("RTO of {} beyond the MTD of {} ({})",
                              wording::duration(gap.have, lang), value(gap.business_value),
                              wording::duration(gap.allowed, lang));
    case GapKind::rpo_exceeds_mtdl:
      return fr ? fmt::format("RPO de {} au-delà de la PDMA de {} ({})",
                              wording::duration(gap.have, lang), value(gap.business_value),
                              wording::duration(gap.allowed, lang))
                : fmt::format("RPO of {} beyond the MTDL of {} ({})",
                              wording::duration(gap.have, lang), value(gap.business_value),
                              wording::duration(gap.allowed, lang));
  }
  return {};
}

}  // namespace

Deliverable continuity_deliverable() {
  const ViewSchema asset{
      {"ref", {}},    {"name", {}},      {"availability", {}}, {"integrity", {}}, {"mtd", {}},
      {"mtdl", {}},   {"rto", {}},       {"rpo", {}},          {"bcp", {}},       {"drp", {}},
      {"serves", {}}, {"scenarios", {}}, {"worst_level", {}},  {"has_plan", {}}};
  Deliverable d;
  d.name = "continuity";
  d.title = {"Alignement avec la continuité d’activité", "Business continuity alignment"};
  d.streamed = {"threats"};
  d.schema = ViewSchema{
      {"asset_count", {}},
      {"has_assets", {}},
      {"top_impact", {}},
      {"critical_count", {}},
      {"has_critical", {}},
      {"critical_primary_count", {}},
      {"critical_supporting_count", {}},
      {"planned_count", {}},
      {"plan_share", {}},
      {"business_values", asset},
      {"has_business_values", {}},
      {"supporting", asset},
      {"has_supporting", {}},
      {"threats", {{"ref", {}}, {"title", {}}, {"level", {}}, {"criteria", {}}, {"assets", {}}}},
      {"has_threats", {}},
      {"gap_count", {}},
      {"has_gaps", {}},
      {"gaps", {{"ref", {}}, {"name", {}}, {"role", {}}, {"gap", {}}}},
      {"csv", {}}};
  Annex::add_schema(d.schema);
  d.workbook = true;
  d.render = [title = d.title](ReportContext& ctx) {
    const Lang lang = ctx.lang;
    const Method& method = ctx.method;
    const MapData& map = ctx.map();
    const std::string none = "—";
    const std::vector<ContinuityRow>& rows = ctx.continuity();
    std::unordered_map<std::string, const ContinuityRow*> by_ref;
    for (const auto& row : rows) by_ref.emplace(row.ref, &row);

    // The current level of each scenario breaching an asset.
    std::unordered_map<std::string, std::optional<int>> level_of;
    for (const auto& row : rows)
      for (const auto& ref : row.scenarios) level_of.emplace(ref, std::nullopt);
    for (const Record& r : map.scenarios)
      if (const auto found = level_of.find(r.ref); found != level_of.end())
        found->second = level_at(r, Stage::current, method);
    const auto level_label = [&](std::optional<int> level) {
      return level ? method.levels.at(*level).label.in(lang) : none;
    };
    // The scenarios breaching an asset, in ref order; the body of the
    // document names the first ten, its annex and the CSV name them all.
    const auto scenario_list = [&](const ContinuityRow& row) {
      std::vector<std::string> parts;
      parts.reserve(row.scenarios.size());
      for (const auto& ref : row.scenarios) {
        const auto found = level_of.find(ref);
        const auto level = found == level_of.end() ? std::nullopt : found->second;
        parts.push_back(fmt::format(
            "{} ({})", ref,
            level ? method.levels.at(*level).label.in(lang) : ctx.text("non évalué", "not rated")));
      }
      return parts;
    };
    Annex annex(lang);
    const std::string annex_what =
        ctx.text("Scénarios (niveau initial)", "Scenarios (current level)");
    const auto need = [&](std::optional<int> position) {
      return position && *position >= 1 && *position <= method.impact.size()
                 ? method.impact.at(*position).label.in(lang)
                 : none;
    };
    const auto time = [&](const std::optional<std::int64_t>& minutes) {
      return minutes ? wording::duration(*minutes, lang) : std::string();
    };
    const auto role_label = [&](const ContinuityRow& row) {
      const Choice* choice = find_choice(asset_roles(), row.role);
      return choice ? choice->label.in(lang) : row.role;
    };
    const auto served_text = [&](const ContinuityRow& row) {
      std::vector<std::string> parts;
      for (const auto& ref : row.serves) {
        const auto found = by_ref.find(ref);
        parts.push_back(found == by_ref.end() || found->second->name.empty()
                            ? ref
                            : fmt::format("{} {}", ref, found->second->name));
      }
      return join(parts, "; ");
    };
    const auto asset_view = [&](const ContinuityRow& row) {
      ViewData v;
      v.set("ref", row.ref);
      v.set("name", row.name);
      v.set("availability", need(row.availability));
      v.set("integrity", need(row.integrity));
      v.set("mtd", time(row.mtd));
      v.set("mtdl", time(row.mtdl));
      v.set("rto", time(row.rto));
      v.set("rpo", time(row.rpo));
      v.set("bcp", row.bcp);
      v.set("drp", row.drp);
      v.set("serves", served_text(row));
      v.set("scenarios", annex.list(scenario_list(row), 10, row.ref, annex_what));
      v.set("worst_level", row.worst_level ? level_label(row.worst_level) : std::string());
      v.set("has_plan", !row.bcp.empty() || !row.drp.empty());
      return v;
    };

    std::size_t critical = 0, critical_primary = 0, planned = 0, gap_count = 0;
    ViewData business_values{ViewData::type::list}, supporting{ViewData::type::list},
        gaps{ViewData::type::list};
    // Critical assets per scenario breaching them, for the threats table.
    std::unordered_map<std::string, std::vector<std::string>> breached;
    for (const auto& row : rows) {
      if (row.critical) {
        ++critical;
        if (!row.bcp.empty() || !row.drp.empty()) ++planned;
        if (row.role == "primary") {
          ++critical_primary;
          business_values.push_back(asset_view(row));
        } else {
          supporting.push_back(asset_view(row));
        }
        for (const auto& ref : row.scenarios) breached[ref].push_back(row.ref);
      }
      for (const auto& gap : row.gaps) {
        ++gap_count;
        ViewData g;
        g.set("ref", row.ref);
        g.set("name", row.name);
        g.set("role", role_label(row));
        g.set("gap", gap_text(row, gap, by_ref, lang));
        gaps.push_back(g);
      }
    }
    // The scenarios that breach critical assets, in register order: streamed,
    // one row at a time (there may be as many as scenarios).
    const std::size_t criteria_at = scenario_kind().index("criteria"),
                      title_at = scenario_kind().index("title");
    const auto threats = [&](const auto& emit) {
      for (const Record& r : map.scenarios) {
        const auto found = breached.find(r.ref);
        if (found == breached.end()) continue;
        std::vector<std::string> criteria;
        if (const auto* ids = std::get_if<std::vector<std::string>>(&r.values[criteria_at]))
          for (const auto& id : *ids)
            if (id == "A" || id == "I")
              if (const Choice* choice = find_choice(security_criteria(), id))
                criteria.push_back(choice->label.in(lang));
        std::vector<std::string> assets;
        for (const auto& ref : found->second) {
          const auto row = by_ref.find(ref);
          assets.push_back(
              row->second->name.empty() ? ref : fmt::format("{} {}", ref, row->second->name));
        }
        ViewData t;
        t.set("ref", r.ref);
        t.set("title", text_of(r.values[title_at]));
        t.set("level", level_label(level_at(r, Stage::current, method)));
        t.set("criteria", join(criteria, ", "));
        t.set("assets", join(assets, "; "));
        emit(t);
      }
    };

    ViewData view = ctx.common_view(title);
    view.set("asset_count", std::to_string(rows.size()));
    view.set("has_assets", !rows.empty());
    const Step& top = method.impact.at(method.impact.size());
    view.set("top_impact", fmt::format("{} {}", top.id, top.label.in(lang)));
    view.set("critical_count", std::to_string(critical));
    view.set("has_critical", critical > 0);
    view.set("critical_primary_count", std::to_string(critical_primary));
    view.set("critical_supporting_count", std::to_string(critical - critical_primary));
    view.set("planned_count", std::to_string(planned));
    view.set("plan_share", wording::share(planned, critical, lang));
    view.set("has_business_values", critical_primary > 0);
    view.set("business_values", business_values);
    view.set("has_supporting", critical > critical_primary);
    view.set("supporting", supporting);
    view.set("has_threats", !breached.empty());
    view.set("gap_count", std::to_string(gap_count));
    view.set("has_gaps", gap_count > 0);
    view.set("gaps", gaps);
    view.set("csv", "continuity.csv");
    annex.set(view);
    ctx.markdown("continuity", title, view, ViewStreams{{"threats", threats}});

    if (TableOut* table = ctx.table("continuity.csv", Text{"Continuité", "Continuity"},
                                        lang == Lang::fr
                    ? std::vector<std::string>{"Réf.", "Bien", "Rôle", "Critique", "Disponibilité",
                                               "Intégrité", "DMIA", "PDMA", "RTO", "RPO", "PCA",
                                               "PRI", "Valeurs métier servies", "Scénarios",
                                               "Niveau le plus élevé", "Écarts"}
                    : std::vector<std::string>{"Ref", "Asset", "Role", "Critical", "Availability",
                                               "Integrity", "MTD", "MTDL", "RTO", "RPO", "BCP",
                                               "DRP", "Business values served", "Scenarios",
                                               "Highest level", "Gaps"})) {
      table->levels({14});
      const auto need_cell = [&](std::optional<int> position) {
        const std::string text = need(position);
        return text == none ? std::string() : text;
      };
      for (const auto& row : rows) {
        if (!row.critical && row.gaps.empty()) continue;
        std::vector<std::string> gap_texts;
        for (const auto& gap : row.gaps) gap_texts.push_back(gap_text(row, gap, by_ref, lang));
        table->row({row.ref, row.name, role_label(row),
                           row.critical ? ctx.text("oui", "yes") : ctx.text("non", "no"),
                           need_cell(row.availability), need_cell(row.integrity), time(row.mtd),
                           time(row.mtdl), time(row.rto), time(row.rpo), row.bcp, row.drp,
                           served_text(row), join(scenario_list(row), ", "),
                           row.worst_level ? level_label(row.worst_level) : std::string(),
                           join(gap_texts, "; ")});
      }
    }
  };
  return d;
}

}  // namespace riskmap
