// The statement of applicability: one section per framework in force (the
// referentials and any other assessed framework); the frameworks held but
// not assessed are named on one line. Per framework: the counts by chapter
// (applicable, covered, partly covered, planned, not covered, not
// applicable), the requirements excluded with their justification, then
// every requirement grouped by chapter in catalog order: applicable or not
// (or undecided), why, the controls answering it directly or through a
// mapping, the scenarios they treat, its maturity and where it stands. As
// Markdown and as CSV.
#include <algorithm>

#include <fmt/format.h>

#include "compliance_text.hpp"
#include "deliverable.hpp"
#include "framework.hpp"
#include "text.hpp"
#include "view.hpp"
#include "wording.hpp"

namespace riskmap {

namespace {

using compliance_text::applicable_label;
using compliance_text::compliance_label;

const Text& coverage_label(Coverage coverage) {
  static const Text labels[] = {
      {"Aucune", "None"}, {"Prévue", "Planned"}, {"Mise en œuvre", "Implemented"}};
  return labels[static_cast<int>(coverage)];
}

// "de 0 (Inexistant) à 5 (Optimisé)" / "from 0 (Inexistant) to 5 (Optimisé)".
std::string scale_text(const FrameworkInfo& info, Lang lang) {
  if (info.maturity.empty()) return {};
  const auto step = [](const MaturityLevel& level) {
    return level.name.empty() ? std::to_string(level.score)
                              : fmt::format("{} ({})", level.score, level.name);
  };
  return lang == Lang::fr
             ? fmt::format("de {} à {}", step(info.maturity.front()), step(info.maturity.back()))
             : fmt::format("from {} to {}", step(info.maturity.front()),
                           step(info.maturity.back()));
}

// "NIST-CSF (106 exigences)" / "NIST-CSF (106 requirements)".
std::string held_text(const FrameworkInfo& info, Lang lang) {
  const std::size_t n = info.requirements;
  return lang == Lang::fr ? fmt::format("{} ({} exigence{})", info.id, n, n > 1 ? "s" : "")
                          : fmt::format("{} ({} requirement{})", info.id, n, n == 1 ? "" : "s");
}

}  // namespace

Deliverable soa_deliverable() {
  const ViewSchema requirement{{"id", {}},        {"title", {}},         {"applicable", {}},
                               {"undecided", {}}, {"justification", {}}, {"controls", {}},
                               {"scenarios", {}}, {"maturity", {}},      {"compliance", {}}};
  const ViewSchema count_row{{"label", {}},         {"applicable", {}}, {"covered", {}},
                             {"partly", {}},        {"planned", {}},    {"uncovered", {}},
                             {"not_applicable", {}}};
  Deliverable d;
  d.name = "soa";
  d.title = {"Déclaration d’applicabilité", "Statement of applicability"};
  d.schema = ViewSchema{
      {"has_frameworks", {}},
      {"framework_count", {}},
      {"frameworks",
       {{"declared", {}},
        {"has_scale", {}},
        {"scale", {}},
        {"requirement_count", {}},
        {"applicable_count", {}},
        {"undecided_count", {}},
        {"has_undecided", {}},
        {"not_applicable_count", {}},
        {"chapter_rows", count_row},
        {"totals", count_row},
        {"has_not_applicable", {}},
        {"not_applicable", {{"id", {}}, {"title", {}}, {"justification", {}}}},
        {"chapters",
         {{"title", {}},
          {"has_title", {}},
          {"groups", {{"title", {}}, {"has_title", {}}, {"requirements", requirement}}}}}}},
      {"has_other_frameworks", {}},
      {"other_frameworks", {}},
      {"csv", {}}};
  compliance_text::add_framework_schema(d.schema.names["frameworks"]);
  d.workbook = true;
  d.render = [title = d.title](ReportContext& ctx) {
    const Lang lang = ctx.lang;
    const compliance_text::ControlIndex controls(ctx);
    const auto& in_force = ctx.frameworks_in_force();
    const auto& referentials = ctx.referentials();
    const bool declared = !ctx.workspace.config().mission.referentials.empty();

    std::vector<std::string> others;
    for (const FrameworkStanding& standing : ctx.standings())
      if (std::find(in_force.begin(), in_force.end(), &standing) == in_force.end())
        others.push_back(held_text(standing.info, lang));

    const auto requirement_view = [&](const FrameworkStanding& framework, const SoaRow& row) {
      ViewData r;
      r.set("id", row.requirement.id);
      r.set("title", row.requirement.title);
      r.set("applicable", applicable_label(row.applicable).in(lang));
      r.set("undecided", !row.applicable.has_value());
      assign_optional(r, "justification", row.justification);
      r.set("controls", controls.answers(row));
      r.set("scenarios", controls.scenarios_text(controls.scenarios(row, false)));
      r.set("maturity",
            row.maturity ? compliance_text::maturity_text(framework.info, *row.maturity) : "");
      r.set("compliance",
            row.applicable == false ? std::string("—") : compliance_label(row.compliance).in(lang));
      return r;
    };

    ViewData frameworks{ViewData::type::list};
    for (const FrameworkStanding* framework : in_force) {
      const FrameworkInfo& info = framework->info;
      const ComplianceCounts& total = framework->counts;
      ViewData chapter_rows{ViewData::type::list}, chapters{ViewData::type::list},
          not_applicable{ViewData::type::list};
      for (const ChapterStanding& chapter : framework->chapters) {
        const std::string label = compliance_text::heading_label(chapter.heading, lang);
        chapter_rows.push_back(compliance_text::count_view(label, chapter.counts, lang));
        // Under a part, the requirements go by chapter; otherwise the
        // heading is their chapter already.
        ViewData groups{ViewData::type::list}, group, requirements{ViewData::type::list};
        bool open = false;
        std::string group_title;
        for (const std::size_t at : chapter.rows) {
          const SoaRow& row = framework->rows[at];
          const Requirement& req = row.requirement;
          const std::string sub = req.part.empty() ? std::string() : req.chapter;
          if (!open || sub != group_title) {
            if (open) {
              group.set("requirements", requirements);
              groups.push_back(group);
              requirements = ViewData{ViewData::type::list};
            }
            group = ViewData{};
            group_title = sub;
            group.set("title", sub);
            group.set("has_title", !sub.empty());
            open = true;
          }
          requirements.push_back(requirement_view(*framework, row));
          if (row.applicable == false) {
            ViewData excluded;
            excluded.set("id", req.id);
            excluded.set("title", req.title);
            excluded.set("justification", row.justification);
            not_applicable.push_back(excluded);
          }
        }
        if (open) {
          group.set("requirements", requirements);
          groups.push_back(group);
        }
        ViewData c;
        c.set("title", chapter.heading);
        c.set("has_title", !chapter.heading.empty());
        c.set("groups", groups);
        chapters.push_back(c);
      }
      ViewData f = compliance_text::framework_view(info, lang);
      f.set("declared", declared && std::find(referentials.begin(), referentials.end(),
                                              framework) != referentials.end());
      f.set("has_scale", !info.maturity.empty());
      f.set("scale", scale_text(info, lang));
      f.set("requirement_count", std::to_string(total.requirements));
      f.set("applicable_count", std::to_string(total.applicable));
      f.set("undecided_count", std::to_string(total.undecided));
      f.set("has_undecided", total.undecided > 0);
      f.set("not_applicable_count", std::to_string(total.not_applicable));
      f.set("chapter_rows", chapter_rows);
      f.set("totals", compliance_text::count_view("Total", total, lang));
      f.set("has_not_applicable", total.not_applicable > 0);
      f.set("not_applicable", not_applicable);
      f.set("chapters", chapters);
      frameworks.push_back(f);
    }

    ViewData view = ctx.common_view(title);
    view.set("has_frameworks", !in_force.empty());
    view.set("framework_count", std::to_string(in_force.size()));
    view.set("frameworks", frameworks);
    view.set("has_other_frameworks", !others.empty());
    view.set("other_frameworks", join(others, ", "));
    view.set("csv", "soa.csv");
    ctx.markdown("soa", title, view);

    if (TableOut* table = ctx.table("soa.csv", Text{"Applicabilité", "Applicability"},
                                        lang == Lang::fr
                    ? std::vector<std::string>{"Référentiel", "Partie", "Chapitre", "Exigence",
                                               "Intitulé", "Applicable", "Justification", "Mesures",
                                               "Scénarios traités", "Couverture directe",
                                               "Correspondances", "Maturité", "Niveau de maturité",
                                               "Conformité"}
                    : std::vector<std::string>{"Framework", "Part", "Chapter", "Requirement",
                                               "Title", "Applicable", "Justification", "Controls",
                                               "Scenarios treated", "Direct coverage", "Mappings",
                                               "Maturity", "Maturity level", "Compliance"})) {
      table->numbers({11});
      for (const FrameworkStanding* framework : in_force)
        for (const SoaRow& row : framework->rows) {
          std::vector<std::string> direct;
          for (const auto& ref : row.controls) direct.push_back(controls.named(ref));
          table->row({framework->info.id, row.requirement.part, row.requirement.chapter,
                       row.requirement.id, row.requirement.title,
                       applicable_label(row.applicable).in(lang), row.justification,
                       join(direct, "; "), controls.scenarios_text(controls.scenarios(row, false)),
                       coverage_label(row.coverage).in(lang), controls.via(row),
                       row.maturity ? std::to_string(*row.maturity) : std::string(),
                       row.maturity ? compliance_text::maturity_name(framework->info, *row.maturity)
                                    : std::string(),
                       row.applicable == false ? std::string()
                                               : compliance_label(row.compliance).in(lang)});
        }
    }
  };
  return d;
}

}  // namespace riskmap
