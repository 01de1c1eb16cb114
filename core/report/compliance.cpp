// Compliance with the frameworks in force (the referentials and any other
// assessed framework): per framework, the coverage by chapter with the
// average maturity where scores are recorded; the gaps (applicable
// requirements not covered, planned or partly covered) by chapter, with the
// controls answering them and the scenarios left exposed by the controls
// that are not implemented; the maturity of each requirement on the
// framework's own scale. As Markdown and as CSV (one row per requirement).
#include <algorithm>

#include <fmt/format.h>

#include "compliance_text.hpp"
#include "deliverable.hpp"
#include "framework.hpp"
#include "text.hpp"
#include "wording.hpp"

namespace riskmap {

namespace {

using compliance_text::applicable_label;
using compliance_text::compliance_label;

// "1 exigence", "3 exigences" / "1 requirement", "3 requirements".
std::string requirement_count(std::size_t n, Lang lang) {
  return lang == Lang::fr ? fmt::format("{} exigence{}", n, n > 1 ? "s" : "")
                          : fmt::format("{} requirement{}", n, n == 1 ? "" : "s");
}

bool is_gap(const SoaRow& row) {
  return row.applicable != false && row.compliance != Compliance::covered;
}

}  // namespace

Deliverable compliance_deliverable() {
  const ViewSchema count_row{{"label", {}},   {"applicable", {}}, {"covered", {}}, {"partly", {}},
                             {"planned", {}}, {"uncovered", {}},  {"maturity", {}}};
  const ViewSchema gap{
      {"id", {}}, {"title", {}}, {"compliance", {}}, {"answers", {}}, {"exposed", {}}};
  const ViewSchema scored_row{{"id", {}}, {"title", {}}, {"maturity", {}}};
  Deliverable d;
  d.name = "compliance";
  d.title = {"Conformité aux référentiels", "Compliance with the frameworks"};
  d.schema = ViewSchema{{"has_frameworks", {}},
                        {"frameworks",
                         {{"declared", {}},
                          {"requirement_count", {}},
                          {"applicable_count", {}},
                          {"not_applicable_count", {}},
                          {"has_not_applicable", {}},
                          {"undecided_count", {}},
                          {"has_undecided", {}},
                          {"has_scores", {}},
                          {"chapter_rows", count_row},
                          {"totals", count_row},
                          {"gap_count", {}},
                          {"has_gaps", {}},
                          {"gap_chapters", {{"title", {}}, {"gaps", gap}}},
                          {"has_scale", {}},
                          {"has_scale_descriptions", {}},
                          {"scale", {{"score", {}}, {"name", {}}, {"description", {}}}},
                          {"scored_requirements", {}},
                          {"scored_chapters", {{"title", {}}, {"requirements", scored_row}}}}},
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
        others.push_back(standing.info.id);


    ViewData frameworks{ViewData::type::list};
    for (const FrameworkStanding* framework : in_force) {
      const FrameworkInfo& info = framework->info;
      const ComplianceCounts& total = framework->counts;
      ViewData chapter_rows{ViewData::type::list}, gap_chapters{ViewData::type::list},
          scored_chapters{ViewData::type::list};
      std::size_t gap_count = 0;
      for (const ChapterStanding& chapter : framework->chapters) {
        const std::string label = compliance_text::heading_label(chapter.heading, lang);
        chapter_rows.push_back(compliance_text::count_view(label, chapter.counts, lang));
        ViewData gaps{ViewData::type::list}, scored{ViewData::type::list};
        for (const std::size_t at : chapter.rows) {
          const SoaRow& row = framework->rows[at];
          if (is_gap(row)) {
            ViewData g;
            g.set("id", row.requirement.id);
            g.set("title", row.requirement.title);
            g.set("compliance", compliance_label(row.compliance).in(lang));
            const std::string answers = controls.answers(row),
                              exposed = controls.scenarios_text(controls.scenarios(row, true));
            g.set("answers", answers.empty() ? "—" : answers);
            g.set("exposed", exposed.empty() ? "—" : exposed);
            gaps.push_back(g);
            ++gap_count;
          }
          if (row.maturity) {
            ViewData s;
            s.set("id", row.requirement.id);
            s.set("title", row.requirement.title);
            s.set("maturity", compliance_text::maturity_text(info, *row.maturity));
            scored.push_back(s);
          }
        }
        if (!gaps.is_empty_list()) {
          ViewData c;
          c.set("title", label);
          c.set("gaps", gaps);
          gap_chapters.push_back(c);
        }
        if (!scored.is_empty_list()) {
          ViewData c;
          c.set("title", label);
          c.set("requirements", scored);
          scored_chapters.push_back(c);
        }
      }
      ViewData scale{ViewData::type::list};
      for (const MaturityLevel& level : info.maturity) {
        ViewData step;
        step.set("score", std::to_string(level.score));
        step.set("name", level.name);
        step.set("description", level.description);
        scale.push_back(step);
      }
      ViewData f = compliance_text::framework_view(info, lang);
      f.set("declared", declared && std::find(referentials.begin(), referentials.end(),
                                              framework) != referentials.end());
      f.set("requirement_count", std::to_string(total.requirements));
      f.set("applicable_count", std::to_string(total.applicable));
      f.set("not_applicable_count", std::to_string(total.not_applicable));
      f.set("has_not_applicable", total.not_applicable > 0);
      f.set("undecided_count", std::to_string(total.undecided));
      f.set("has_undecided", total.undecided > 0);
      f.set("has_scores", total.maturity_scored > 0);
      f.set("chapter_rows", chapter_rows);
      f.set("totals", compliance_text::count_view("Total", total, lang));
      f.set("gap_count", std::to_string(gap_count));
      f.set("has_gaps", gap_count > 0);
      f.set("gap_chapters", gap_chapters);
      f.set("has_scale", !info.maturity.empty());
      f.set("has_scale_descriptions",
            std::any_of(info.maturity.begin(), info.maturity.end(),
                        [](const MaturityLevel& level) { return !level.description.empty(); }));
      f.set("scale", scale);
      f.set("scored_requirements", requirement_count(total.maturity_scored, lang));
      f.set("scored_chapters", scored_chapters);
      frameworks.push_back(f);
    }

    ViewData view = ctx.common_view(title);
    view.set("has_frameworks", !in_force.empty());
    view.set("frameworks", frameworks);
    view.set("has_other_frameworks", !others.empty());
    view.set("other_frameworks", wording::and_list(others, lang));
    view.set("csv", "compliance.csv");
    ctx.markdown("compliance", title, view);

    if (TableOut* table = ctx.table("compliance.csv", Text{"Conformité", "Compliance"},
                                        lang == Lang::fr
              ? std::vector<std::string>{"Référentiel", "Chapitre", "Exigence", "Intitulé",
                                         "Applicable", "Conformité", "Mesures", "Correspondances",
                                         "Scénarios exposés", "Maturité", "Niveau de maturité"}
              : std::vector<std::string>{"Framework", "Chapter", "Requirement", "Title",
                                         "Applicable", "Compliance", "Controls", "Mappings",
                                         "Scenarios exposed", "Maturity", "Maturity level"})) {
      table->numbers({9});
      for (const FrameworkStanding* framework : in_force)
        for (const ChapterStanding& chapter : framework->chapters)
          for (const std::size_t at : chapter.rows) {
            const SoaRow& row = framework->rows[at];
            std::vector<std::string> direct;
            for (const auto& ref : row.controls) direct.push_back(controls.named(ref));
            table->row({framework->info.id, chapter.heading, row.requirement.id,
                       row.requirement.title, applicable_label(row.applicable).in(lang),
                       row.applicable == false ? std::string()
                                               : compliance_label(row.compliance).in(lang),
                       join(direct, "; "), controls.via(row),
                       is_gap(row) ? controls.scenarios_text(controls.scenarios(row, true))
                                   : std::string(),
                       row.maturity ? std::to_string(*row.maturity) : std::string(),
                       row.maturity ? compliance_text::maturity_name(framework->info, *row.maturity)
                                    : std::string()});
          }
    }
  };
  return d;
}

}  // namespace riskmap
