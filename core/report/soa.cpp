// The statement of applicability: one section per framework that has at
// least one decision or one control citing it; per requirement, grouped by
// part and chapter in catalog order: applicable or not (or undecided), why,
// the controls citing it and their states, the scenarios those controls
// treat, and the coverage; counts per coverage. As Markdown and as CSV.
#include <array>
#include <unordered_map>

#include <fmt/format.h>

#include "control.hpp"
#include "deliverable.hpp"
#include "framework.hpp"
#include "store.hpp"
#include "text.hpp"
#include "wording.hpp"

namespace riskmap {

namespace {

const Text& coverage_label(Coverage coverage) {
  static const Text labels[] = {
      {"Aucune", "None"}, {"Prévue", "Planned"}, {"Mise en œuvre", "Implemented"}};
  return labels[static_cast<int>(coverage)];
}

const Text& applicable_label(const std::optional<bool>& applicable) {
  static const Text yes{"Oui", "Yes"}, no{"Non", "No"}, open{"À décider", "To be decided"};
  return !applicable ? open : *applicable ? yes : no;
}

}  // namespace

Deliverable soa_deliverable() {
  const ViewSchema requirement{{"id", {}},        {"title", {}},         {"applicable", {}},
                               {"undecided", {}}, {"justification", {}}, {"controls", {}},
                               {"scenarios", {}}, {"coverage", {}}};
  const ViewSchema count_row{
      {"label", {}}, {"applicable", {}}, {"undecided", {}}, {"not_applicable", {}}, {"total", {}}};
  Deliverable d;
  d.name = "soa";
  d.title = {"Déclaration d’applicabilité", "Statement of applicability"};
  d.schema = ViewSchema{
      {"has_frameworks", {}},
      {"framework_count", {}},
      {"frameworks",
       {{"id", {}},
        {"title", {}},
        {"version", {}},
        {"has_version", {}},
        {"requirement_count", {}},
        {"applicable_count", {}},
        {"not_applicable_count", {}},
        {"undecided_count", {}},
        {"uncovered_count", {}},
        {"coverage_rows", count_row},
        {"totals", count_row},
        {"parts",
         {{"title", {}},
          {"has_title", {}},
          {"chapters", {{"title", {}}, {"has_title", {}}, {"requirements", requirement}}}}}}},
      {"has_other_frameworks", {}},
      {"other_frameworks", {}},
      {"csv", {}}};
  d.render = [title = d.title](ReportContext& ctx) {
    const Lang lang = ctx.lang;
    const Method& method = ctx.method;
    Database& db = ctx.workspace.db();

    std::unordered_map<std::string, std::string> control_title;
    RecordStore controls(ctx.workspace, control_kind());
    const std::size_t control_title_at = control_kind().index("title");
    controls.for_each(
        [&](Record& r) { control_title.emplace(r.ref, text_of(r.values[control_title_at])); });
    std::unordered_map<std::string, std::optional<int>> level_of;
    for (const Record& r : ctx.map().scenarios)
      level_of.emplace(r.ref, level_at(r, Stage::current, method));

    const auto controls_text = [&](const SoaRow& row) {
      std::vector<std::string> parts;
      for (std::size_t i = 0; i < row.controls.size(); ++i) {
        const std::string& ref = row.controls[i];
        const Choice* state = i < row.control_states.size()
                                  ? find_choice(control_states(), row.control_states[i])
                                  : nullptr;
        const auto found = control_title.find(ref);
        std::string text = found == control_title.end() || found->second.empty()
                               ? ref
                               : fmt::format("{} {}", ref, found->second);
        if (state) text += fmt::format(" ({})", state->label.in(lang));
        parts.push_back(std::move(text));
      }
      return join(parts, "; ");
    };
    const auto scenarios_text = [&](const SoaRow& row) {
      std::vector<std::string> parts;
      for (const auto& ref : row.scenarios) {
        const auto found = level_of.find(ref);
        parts.push_back(
            found == level_of.end() || !found->second
                ? ref
                : fmt::format("{} ({})", ref, method.levels.at(*found->second).label.in(lang)));
      }
      return join(parts, ", ");
    };

    struct Shown {
      FrameworkInfo info;
      std::vector<SoaRow> rows;
    };
    std::vector<Shown> shown;
    std::vector<std::string> others;
    for (const FrameworkInfo& info : list_frameworks(db)) {
      Shown framework{info, {}};
      bool used = false;
      for_each_soa_row(db, info.id, [&](const SoaRow& row) {
        if (row.applicable || !row.controls.empty()) used = true;
        framework.rows.push_back(row);
      });
      if (used)
        shown.push_back(std::move(framework));
      else
        others.push_back(lang == Lang::fr
                             ? fmt::format("{} ({} exigence{})", info.id, info.requirements,
                                           info.requirements > 1 ? "s" : "")
                             : fmt::format("{} ({} requirement{})", info.id, info.requirements,
                                           info.requirements == 1 ? "" : "s"));
    }

    ViewData frameworks{ViewData::type::list};
    for (const Shown& framework : shown) {
      // counts[coverage][0 applicable, 1 undecided, 2 not applicable]
      std::array<std::array<std::size_t, 3>, 3> counts{};
      std::size_t uncovered = 0;
      ViewData parts{ViewData::type::list};
      ViewData part, chapters{ViewData::type::list}, chapter, requirements{ViewData::type::list};
      bool open_part = false, open_chapter = false;
      std::string part_title, chapter_title;
      const auto close_chapter = [&] {
        if (!open_chapter) return;
        chapter.set("requirements", requirements);
        chapters.push_back(chapter);
        chapter = ViewData{};
        requirements = ViewData{ViewData::type::list};
        open_chapter = false;
      };
      const auto close_part = [&] {
        close_chapter();
        if (!open_part) return;
        part.set("chapters", chapters);
        parts.push_back(part);
        part = ViewData{};
        chapters = ViewData{ViewData::type::list};
        open_part = false;
      };
      for (const SoaRow& row : framework.rows) {
        const Requirement& req = row.requirement;
        if (!open_part || req.part != part_title) {
          close_part();
          part_title = req.part;
          part.set("title", req.part);
          part.set("has_title", !req.part.empty());
          open_part = true;
        }
        if (!open_chapter || req.chapter != chapter_title) {
          close_chapter();
          chapter_title = req.chapter;
          chapter.set("title", req.chapter);
          chapter.set("has_title", !req.chapter.empty());
          open_chapter = true;
        }
        const std::size_t column = !row.applicable ? 1 : *row.applicable ? 0 : 2;
        ++counts[static_cast<std::size_t>(row.coverage)][column];
        if (row.applicable == true && row.coverage == Coverage::none) ++uncovered;
        ViewData r;
        r.set("id", req.id);
        r.set("title", req.title);
        r.set("applicable", applicable_label(row.applicable).in(lang));
        r.set("undecided", !row.applicable.has_value());
        r.set("justification", row.justification);
        r.set("controls", controls_text(row));
        r.set("scenarios", scenarios_text(row));
        r.set("coverage", coverage_label(row.coverage).in(lang));
        requirements.push_back(r);
      }
      close_part();

      const auto count_view = [&](const Text& label, const std::array<std::size_t, 3>& n) {
        ViewData c;
        c.set("label", label.in(lang));
        c.set("applicable", std::to_string(n[0]));
        c.set("undecided", std::to_string(n[1]));
        c.set("not_applicable", std::to_string(n[2]));
        c.set("total", std::to_string(n[0] + n[1] + n[2]));
        return c;
      };
      ViewData coverage_rows{ViewData::type::list};
      std::array<std::size_t, 3> totals{};
      for (const Coverage coverage : {Coverage::implemented, Coverage::planned, Coverage::none}) {
        const auto& n = counts[static_cast<std::size_t>(coverage)];
        coverage_rows.push_back(count_view(coverage_label(coverage), n));
        for (std::size_t i = 0; i < 3; ++i) totals[i] += n[i];
      }
      ViewData f;
      f.set("id", framework.info.id);
      f.set("title", framework.info.title);
      f.set("version", framework.info.version);
      f.set("has_version", !framework.info.version.empty());
      f.set("requirement_count", std::to_string(framework.rows.size()));
      f.set("applicable_count", std::to_string(totals[0]));
      f.set("undecided_count", std::to_string(totals[1]));
      f.set("not_applicable_count", std::to_string(totals[2]));
      f.set("uncovered_count", std::to_string(uncovered));
      f.set("coverage_rows", coverage_rows);
      f.set("totals", count_view({"Total", "Total"}, totals));
      f.set("parts", parts);
      frameworks.push_back(f);
    }

    ViewData view = ctx.common_view(title);
    view.set("has_frameworks", !shown.empty());
    view.set("framework_count", std::to_string(shown.size()));
    view.set("frameworks", frameworks);
    view.set("has_other_frameworks", !others.empty());
    view.set("other_frameworks", join(others, ", "));
    view.set("csv", "soa.csv");
    ctx.markdown("soa", title, view);

    if (std::ostream* csv = ctx.side_file("soa.csv")) {
      if (ctx.options.csv_bom) *csv << "\xEF\xBB\xBF";
      ctx.csv_row(
          *csv, lang == Lang::fr
                    ? std::vector<std::string>{"Référentiel", "Partie", "Chapitre", "Exigence",
                                               "Intitulé", "Applicable", "Justification", "Mesures",
                                               "Scénarios traités", "Couverture"}
                    : std::vector<std::string>{"Framework", "Part", "Chapter", "Requirement",
                                               "Title", "Applicable", "Justification", "Controls",
                                               "Scenarios treated", "Coverage"});
      for (const Shown& framework : shown)
        for (const SoaRow& row : framework.rows)
          ctx.csv_row(
              *csv,
              {framework.info.id, row.requirement.part, row.requirement.chapter, row.requirement.id,
               row.requirement.title, applicable_label(row.applicable).in(lang), row.justification,
               controls_text(row), scenarios_text(row), coverage_label(row.coverage).in(lang)});
    }
  };
  return d;
}

}  // namespace riskmap
